/*
 * chart.h -- small, plain charts of the figures in content/facts.yaml.
 *
 * A chart is a title, a unit, a source and a few items (label, value as
 * printed in the source, highlight flag).  chart_layout() decides every
 * position once and hands the result to a backend as drawing calls
 * (struct draw_ops): the SVG backend (chart_svg.h) for the site and the
 * kiosk, a libharu backend for the PDF packs.  So every medium shows the
 * same chart.  See docs/charts.md.
 *
 * Coordinates are in points (1 pt = 1 CSS px in the SVG), inside a box of
 * the width the caller asks for and the height the layout needs; x grows
 * to the right, y grows downwards.  Text is placed by its baseline.
 *
 * Nothing here keeps state or allocates beyond the call; output depends
 * only on the input (no locale, no clock), so charts are reproducible.
 */
#ifndef MAMORU_CHART_H
#define MAMORU_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "../core/buf.h"

enum chart_kind {
	CHART_BAR,	/* horizontal bars, one per category, in item order */
	CHART_COLUMN,	/* vertical columns, a trend over years, left to right */
	CHART_STACK	/* one bar split into the shares of a whole (100%) */
};

struct chart_item {
	const char	*label;		/* short label (facts' short:), UTF-8 */
	const char	*value;		/* as printed in the source: "62.6",
					 * "4,191", "6"; at most one decimal */
	int		 highlight;	/* drawn in the highlight colour */
};

struct chart {
	enum chart_kind		 kind;
	const char		*title;		/* UTF-8; drawn above the chart
						 * and the SVG's <title> */
	const char		*unit;		/* "%", "社", "万円"; NULL or ""
						 * for none */
	const char		*source;	/* "IPA「…」図5-45（2025年）", drawn
						 * under the chart after 「出典：」;
						 * NULL for none */
	const struct chart_item	*items;
	size_t			 n;
};

/* Limits, checked by chart_check(). */
#define CHART_MAX_ITEMS		40

/* The palette (0xRRGGBB), the site's: assets/css/site.css. */
#define CHART_COLOR_HIGHLIGHT	0x0d3b66u	/* --brand, the highlighted item */
#define CHART_COLOR_BAR		0x7a9cc6u	/* every other item */
#define CHART_COLOR_BAR_ALT	0xb8cbe3u	/* every second other segment of
						 * a stack, so neighbours differ */
#define CHART_COLOR_TEXT	0x1f2933u	/* labels, values, the title */
#define CHART_COLOR_SOFT	0x4a525cu	/* the source line (--ink-soft) */
#define CHART_COLOR_GRID	0xd5dce3u	/* base lines (--line) */
#define CHART_COLOR_ON_DARK	0xffffffu	/* values inside a navy segment */

/* Type sizes in points.  The SVG is CHART_WIDTH wide and scales down to a
 * phone's column (about 350 px): labels stay at 14 px and more. */
#define CHART_WIDTH		400.0	/* the width the site lays charts out at */
#define CHART_SIZE_TITLE	18.0
#define CHART_SIZE_LABEL	16.0
#define CHART_SIZE_VALUE	16.0
#define CHART_SIZE_SOURCE	14.0

#define CHART_WEIGHT_NORMAL	400
#define CHART_WEIGHT_BOLD	700

/*
 * Parse a value as printed in the source -- digits, thousands commas, at
 * most one decimal: "62.6" -> 626, "4,191" -> 41910, "6" -> 60 -- into
 * *v10, the value times ten.  Returns 0, or -1 for anything else (a sign,
 * a second decimal, a misplaced comma, an empty string, more than 12
 * digits).
 */
int	chart_parse_value(const char *s, long long *v10);

/*
 * Can this chart be drawn?  Returns 0, or -1 with a reason in Japanese
 * appended to *why (if not NULL): no items, too many, an empty label, a
 * value chart_parse_value() refuses, every value zero, or a stack in %
 * whose shares do not add up to 100 (±1 for rounding).
 */
int	chart_check(const struct chart *, buf *why);

/* Append the value as the source prints it, with the unit: "62.6%",
 * "4,191社", "2,386万円". */
void	chart_format_value(const struct chart *, const struct chart_item *,
	    buf *);

/*
 * Append a plain-text summary in Japanese sentences that states every
 * value: the SVG's <desc>, a PDF's alternative text.  Example:
 * 「横棒グラフです。「必要性を感じていない」は44.3%、…です。出典：…」
 */
void	chart_describe(const struct chart *, buf *);

/* ----- drawing ------------------------------------------------------------ */

enum chart_anchor {
	CHART_ANCHOR_START,	/* x is where the text begins */
	CHART_ANCHOR_MIDDLE,	/* x is the middle of the text */
	CHART_ANCHOR_END	/* x is where the text ends */
};

/*
 * A backend.  chart_layout() calls begin once, then the shapes and texts
 * in painting order, then end.  Every callback but measure is required;
 * ctx is the caller's, passed through untouched.
 */
struct draw_ops {
	/* The box: width as asked, height as the layout needs. */
	void	(*begin)(void *ctx, double width, double height);
	/* A filled rectangle; (x, y) is its top left corner. */
	void	(*rect)(void *ctx, double x, double y, double w, double h,
		    uint32_t fill);
	/* A straight line of this stroke colour and width. */
	void	(*line)(void *ctx, double x1, double y1, double x2, double y2,
		    uint32_t stroke, double width);
	/* One line of text (never wraps: the layout has wrapped it); y is the
	 * baseline; weight is CHART_WEIGHT_NORMAL or CHART_WEIGHT_BOLD; utf8
	 * is NUL-terminated and lives only during the call. */
	void	(*text)(void *ctx, double x, double y, double size,
		    enum chart_anchor, int weight, uint32_t color,
		    const char *utf8);
	void	(*end)(void *ctx);
	/*
	 * Optional: the advance width of utf8[0..len) at this size and
	 * weight, for a backend that knows its font (libharu:
	 * HPDF_Font_TextWidth).  NULL: chart_measure_approx().
	 */
	double	(*measure)(void *ctx, double size, int weight,
		    const char *utf8, size_t len);
};

/*
 * The width used when a backend cannot measure: 1 em for every wide
 * character (kana, kanji, full-width forms), 0.55 em for half-width kana,
 * and for ASCII the widths of BIZ UDPGothic, the site's first font (digits
 * 0.76 em, "%" 1 em).  An upper bound for the fonts the site names, so
 * text laid out with it is never clipped, only sometimes a little loose.
 */
double	chart_measure_approx(double size, const char *utf8, size_t len);

/*
 * Lay the chart out in a box `width` points wide and draw it through ops.
 * Returns 0, or -1 (nothing drawn) when chart_check() refuses the chart
 * or the width is below 200 points.
 */
int	chart_layout(const struct chart *, double width,
	    const struct draw_ops *, void *ctx);

#endif
