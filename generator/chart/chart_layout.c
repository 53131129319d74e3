/*
 * chart_layout.c -- where every bar, label and line of a chart goes.
 *
 * The layout runs twice: once without drawing, to learn the height (the
 * title, long labels and the source wrap, so the height depends on the
 * width and the font), then again through the backend's callbacks.  Both
 * runs take the same path, so they cannot disagree.
 *
 * The look: no gridlines, no axes with ticks, no legend where direct
 * labels fit; each value is written next to its bar as the source prints
 * it.  Bars are proportional to the values and start at zero.
 */
#include <string.h>

#include "../core/utf8.h"
#include "chart.h"

/* Geometry, in points. */
#define MIN_WIDTH	200.0
#define LINE_TITLE	1.4	/* line heights, in ems */
#define LINE_LABEL	1.35
#define LINE_SOURCE	1.5
#define GAP_TITLE	12.0	/* under the title */
#define GAP_SOURCE	16.0	/* above the source */
#define PAD_LABEL	10.0	/* between a side label and its bar */
#define PAD_VALUE	8.0	/* between a bar's end and its value */
#define BAR_HEIGHT	24.0
#define BAR_PITCH	40.0	/* rows of bars labelled at the side */
#define BAR_GAP		12.0	/* between rows of bars labelled above */
#define SIDE_SHARE	0.3	/* labels go beside the bars while the
				 * longest takes at most this share of the
				 * width, above the bars otherwise */
#define COLUMN_PLOT	180.0	/* the tallest column */
#define COLUMN_MAX_W	64.0
#define COLUMN_SHARE	0.6	/* of its slot */
#define STACK_HEIGHT	40.0
#define SWATCH		16.0
#define LEGEND_GAP	16.0	/* between a stack and its legend */
#define LEGEND_ROW_GAP	6.0
#define LEGEND_VALUE_GAP 32.0	/* between the longest label and the values */
#define PAPER		0xffffffu /* the background: separates segments */

/*
 * Text sits on a baseline.  For a CJK face the em box spans about 0.88 em
 * above the baseline and 0.12 em below, so the middle of a line of text is
 * 0.38 em above its baseline.
 */
#define ASCENT		0.88
#define MIDDLE		0.36

struct lay {
	const struct chart	*c;
	const struct draw_ops	*ops;
	void			*ctx;
	double			 w;
	int			 draw;	/* 0 while measuring the height */
	long long		 v[CHART_MAX_ITEMS];	/* values x10 */
	long long		 vmax, sum;
	buf			 tmp;	/* one line of text */
	buf			 val;	/* one formatted value */
};

/*
 * Advance widths of printable ASCII, in hundredths of an em: those of BIZ
 * UDPGothic (the site's first font; the wider of its regular and bold),
 * rounded up.  Its digits are 0.76 em and "%" a full em, so the usual
 * "half an em for ASCII" would cut "62.6%" short.  The other fonts of the
 * site's list are narrower, so these widths are an upper bound for all.
 */
static const unsigned char ascii_width[95] = {
	 34,  38,  52,  94,  80, 100,  92,  32,  51,  51,  50,  84,  34,  48,  34,  50,
	 76,  63,  76,  76,  76,  76,  76,  76,  76,  76,  34,  34,  84,  84,  84,  80,
	 98,  78,  77,  82,  86,  71,  67,  86,  84,  44,  57,  76,  61, 100,  84,  88,
	 76,  90,  76,  73,  71,  86,  76, 100,  82,  75,  75,  55,  50,  55,  50,  31,
	 50,  67,  73,  65,  73,  69,  51,  67,  73,  32,  40,  67,  36,  96,  73,  71,
	 73,  73,  50,  59,  50,  73,  61,  90,  63,  65,  59,  54,  44,  54,  50,
};

double
chart_measure_approx(double size, const char *s, size_t len)
{
	size_t		 i = 0;
	uint32_t	 cp;
	double		 ems = 0;

	while (i < len) {
		cp = utf8_next(s, len, &i);
		if (cp >= 0x20 && cp < 0x7F)
			ems += ascii_width[cp - 0x20] / 100.0;
		else if (cp >= 0xFF61 && cp <= 0xFFDC)	/* half-width forms */
			ems += 0.55;
		else
			ems += 1.0;
	}
	return ems * size;
}

static double
measure(struct lay *l, double size, int weight, const char *s, size_t len)
{
	if (l->ops->measure != NULL)
		return l->ops->measure(l->ctx, size, weight, s, len);
	return chart_measure_approx(size, s, len);
}

/* The baseline of a line box of height lh whose top is at top. */
static double
baseline(double top, double lh, double size)
{
	return top + (lh - size) / 2 + ASCENT * size;
}

static void
put_text(struct lay *l, double x, double y, double size,
    enum chart_anchor a, int weight, uint32_t color, const char *s,
    size_t len)
{
	if (!l->draw)
		return;
	buf_truncate(&l->tmp, 0);
	buf_append(&l->tmp, s, len);
	l->ops->text(l->ctx, x, y, size, a, weight, color, buf_str(&l->tmp));
}

static void
put_rect(struct lay *l, double x, double y, double w, double h,
    uint32_t fill)
{
	if (l->draw && w > 0 && h > 0)
		l->ops->rect(l->ctx, x, y, w, h, fill);
}

static void
put_line(struct lay *l, double x1, double y1, double x2, double y2,
    uint32_t stroke, double width)
{
	if (l->draw)
		l->ops->line(l->ctx, x1, y1, x2, y2, stroke, width);
}

/* ----- wrapping ----------------------------------------------------------- */

static int
in_set(const char *set, uint32_t cp)
{
	size_t i = 0, n = strlen(set);

	while (i < n)
		if (utf8_next(set, n, &i) == cp)
			return 1;
	return 0;
}

/* Kinsoku: characters that may not begin a line, or end one. */
static int
no_line_start(uint32_t cp)
{
	return in_set("、。，．・：；？！ー〜）」』】〕〉》”’"
	    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ々"
	    ")]},.:;!?%", cp);
}

static int
no_line_end(uint32_t cp)
{
	return in_set("（「『【〔〈《“‘([{", cp);
}

/* May a line break between these two characters?  Never inside a run of
 * ASCII ("Wi-Fi", "2,386"), nor between a number and what it counts
 * ("2025年", "100点"); after a space, not before one. */
static int
can_break(uint32_t prev, uint32_t cp)
{
	if (cp == ' ')
		return 0;
	if (prev > ' ' && prev < 0x7F && cp > ' ' && cp < 0x7F)
		return 0;
	if (prev >= '0' && prev <= '9' && cp >= 0x80)
		return 0;
	return !no_line_start(cp) && !no_line_end(prev);
}

static size_t
trim_end(const char *s, size_t n)
{
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n;
}

/* How many bytes of s[0..len) go on a line maxw wide: up to the last
 * break that fits, or as many characters as fit (at least one). */
static size_t
wrap_fit(struct lay *l, const char *s, size_t len, double size, int weight,
    double maxw)
{
	size_t		 i = 0, at, best = 0;
	uint32_t	 prev = 0, cp;

	if (measure(l, size, weight, s, trim_end(s, len)) <= maxw)
		return len;
	while (i < len) {
		at = i;
		cp = utf8_next(s, len, &i);
		if (at > 0 && can_break(prev, cp)) {
			if (measure(l, size, weight, s, trim_end(s, at)) > maxw)
				break;
			best = at;
		}
		prev = cp;
	}
	if (best > 0)
		return best;
	i = 0;
	(void)utf8_next(s, len, &i);
	best = i;
	while (i < len) {
		(void)utf8_next(s, len, &i);
		if (measure(l, size, weight, s, i) > maxw)
			break;
		best = i;
	}
	return best;
}

/* Draw s wrapped to maxw, one line box of height lh under the other from
 * top; returns the bottom of the last box (top itself for ""). */
static double
paragraph(struct lay *l, double x, double top, double maxw,
    enum chart_anchor a, double size, int weight, uint32_t color, double lh,
    const char *s)
{
	size_t len = strlen(s), n;

	while (len > 0 && *s == ' ') {
		s++;
		len--;
	}
	while (len > 0) {
		n = wrap_fit(l, s, len, size, weight, maxw);
		put_text(l, x, baseline(top, lh, size), size, a, weight, color,
		    s, trim_end(s, n));
		top += lh;
		s += n;
		len -= n;
		while (len > 0 && *s == ' ') {
			s++;
			len--;
		}
	}
	return top;
}

/* ----- the parts of a chart ----------------------------------------------- */

static int
any_highlight(const struct chart *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->items[i].highlight)
			return 1;
	return 0;
}

/*
 * The highlighted items are navy, the others light blue; with nothing
 * highlighted every bar is navy.  A stack's other segments alternate two
 * light blues so that neighbours stay apart.
 */
static uint32_t
item_fill(const struct chart *c, size_t i)
{
	if (c->items[i].highlight)
		return CHART_COLOR_HIGHLIGHT;
	if (c->kind == CHART_STACK)
		return i % 2 == 0 ? CHART_COLOR_BAR : CHART_COLOR_BAR_ALT;
	return any_highlight(c) ? CHART_COLOR_BAR : CHART_COLOR_HIGHLIGHT;
}

static int
label_weight(const struct chart *c, size_t i)
{
	return c->items[i].highlight ? CHART_WEIGHT_BOLD : CHART_WEIGHT_NORMAL;
}

/* The formatted value of item i, "62.6%", in l->val. */
static const char *
value_text(struct lay *l, size_t i)
{
	buf_truncate(&l->val, 0);
	chart_format_value(l->c, &l->c->items[i], &l->val);
	return buf_str(&l->val);
}

static double
value_width(struct lay *l, size_t i, double size)
{
	const char *s = value_text(l, i);

	return measure(l, size, CHART_WEIGHT_BOLD, s, strlen(s));
}

static double
widest_value(struct lay *l, double size)
{
	double	 w, max = 0;
	size_t	 i;

	for (i = 0; i < l->c->n; i++)
		if ((w = value_width(l, i, size)) > max)
			max = w;
	return max;
}

static void
put_value(struct lay *l, size_t i, double x, double y, double size,
    enum chart_anchor a, uint32_t color)
{
	const char *s = value_text(l, i);

	put_text(l, x, y, size, a, CHART_WEIGHT_BOLD, color, s, strlen(s));
}

/* Horizontal bars, labelled at the side when the labels are short and
 * above the bars otherwise (phones, long labels). */
static double
lay_bars(struct lay *l, double top)
{
	const struct chart	*c = l->c;
	const double		 ls = CHART_SIZE_LABEL, lh = ls * LINE_LABEL;
	double			 lw = 0, vw, x0, room, len, y, by, w;
	size_t			 i;

	for (i = 0; i < c->n; i++) {
		w = measure(l, ls, label_weight(c, i), c->items[i].label,
		    strlen(c->items[i].label));
		if (w > lw)
			lw = w;
	}
	vw = widest_value(l, CHART_SIZE_VALUE);
	x0 = lw <= l->w * SIDE_SHARE ? lw + PAD_LABEL : 0;
	room = l->w - x0 - PAD_VALUE - vw;
	y = top;
	if (x0 > 0)
		put_line(l, x0 - 0.5, top + 4, x0 - 0.5,
		    top + (double)c->n * BAR_PITCH - 4, CHART_COLOR_GRID, 1);
	for (i = 0; i < c->n; i++) {
		len = room * (double)l->v[i] / (double)l->vmax;
		if (x0 > 0) {
			by = y + (BAR_PITCH - BAR_HEIGHT) / 2;
			put_text(l, x0 - PAD_LABEL, by + BAR_HEIGHT / 2 +
			    MIDDLE * ls, ls, CHART_ANCHOR_END,
			    label_weight(c, i), CHART_COLOR_TEXT,
			    c->items[i].label, strlen(c->items[i].label));
			y += BAR_PITCH;
		} else {
			if (i > 0)
				y += BAR_GAP;
			y = paragraph(l, 0, y, l->w, CHART_ANCHOR_START, ls,
			    label_weight(c, i), CHART_COLOR_TEXT, lh,
			    c->items[i].label);
			by = y + 2;
			y = by + BAR_HEIGHT;
		}
		put_rect(l, x0, by, len, BAR_HEIGHT, item_fill(c, i));
		put_value(l, i, x0 + len + PAD_VALUE, by + BAR_HEIGHT / 2 +
		    MIDDLE * CHART_SIZE_VALUE, CHART_SIZE_VALUE,
		    CHART_ANCHOR_START, CHART_COLOR_TEXT);
	}
	return y;
}

/* Columns over a base line, values on top, labels (years) under. */
static double
lay_columns(struct lay *l, double top)
{
	const struct chart	*c = l->c;
	const double		 ls = CHART_SIZE_LABEL, lh = ls * LINE_LABEL;
	double			 slot, cw, vs, vw, base, cx, h, bottom, b;
	size_t			 i;

	slot = l->w / (double)c->n;
	cw = slot * COLUMN_SHARE < COLUMN_MAX_W ? slot * COLUMN_SHARE :
	    COLUMN_MAX_W;
	/* Values wider than their slot get smaller, down to 12 points. */
	vs = CHART_SIZE_VALUE;
	vw = widest_value(l, vs);
	if (vw > slot - 4) {
		vs = vs * (slot - 4) / vw;
		if (vs < 12)
			vs = 12;
	}
	base = top + vs * 1.5 + COLUMN_PLOT;
	for (i = 0; i < c->n; i++) {
		cx = slot * ((double)i + 0.5);
		h = COLUMN_PLOT * (double)l->v[i] / (double)l->vmax;
		put_rect(l, cx - cw / 2, base - h, cw, h, item_fill(c, i));
		put_value(l, i, cx, base - h - 0.5 * vs, vs,
		    CHART_ANCHOR_MIDDLE, CHART_COLOR_TEXT);
	}
	put_line(l, 0, base + 0.5, l->w, base + 0.5, CHART_COLOR_GRID, 1);
	bottom = base + 1;
	for (i = 0; i < c->n; i++) {
		cx = slot * ((double)i + 0.5);
		b = paragraph(l, cx, base + 6, slot - 6, CHART_ANCHOR_MIDDLE,
		    ls, label_weight(c, i), CHART_COLOR_TEXT, lh,
		    c->items[i].label);
		if (b > bottom)
			bottom = b;
	}
	return bottom;
}

/* One bar of the full width split into shares, values inside the
 * segments where they fit, and a legend in the same order underneath. */
static double
lay_stack(struct lay *l, double top)
{
	const struct chart	*c = l->c;
	const double		 ls = CHART_SIZE_LABEL, lh = ls * LINE_LABEL;
	double			 x1, x2, vw, lw, right, y, b;
	long long		 cum = 0;
	uint32_t		 fill;
	size_t			 i;

	for (i = 0; i < c->n; i++) {
		x1 = l->w * (double)cum / (double)l->sum;
		cum += l->v[i];
		x2 = l->w * (double)cum / (double)l->sum;
		fill = item_fill(c, i);
		put_rect(l, x1, top, x2 - x1, STACK_HEIGHT, fill);
		if (i > 0)
			put_line(l, x1, top, x1, top + STACK_HEIGHT, PAPER, 2);
		if (value_width(l, i, CHART_SIZE_VALUE) + 16 <= x2 - x1)
			put_value(l, i, (x1 + x2) / 2, top + STACK_HEIGHT / 2 +
			    MIDDLE * CHART_SIZE_VALUE, CHART_SIZE_VALUE,
			    CHART_ANCHOR_MIDDLE,
			    fill == CHART_COLOR_HIGHLIGHT ?
			    CHART_COLOR_ON_DARK : CHART_COLOR_TEXT);
	}
	/* The legend is a small table: values right-aligned after the
	 * longest label, not pushed to the far edge of a wide box. */
	vw = widest_value(l, CHART_SIZE_VALUE);
	lw = 0;
	for (i = 0; i < c->n; i++) {
		b = measure(l, ls, label_weight(c, i), c->items[i].label,
		    strlen(c->items[i].label));
		if (b > lw)
			lw = b;
	}
	right = SWATCH + 8 + lw + LEGEND_VALUE_GAP + vw;
	if (right > l->w)
		right = l->w;
	y = top + STACK_HEIGHT + LEGEND_GAP;
	for (i = 0; i < c->n; i++) {
		if (i > 0)
			y += LEGEND_ROW_GAP;
		put_rect(l, 0, y + (lh - SWATCH) / 2, SWATCH, SWATCH,
		    item_fill(c, i));
		put_value(l, i, right, baseline(y, lh, CHART_SIZE_VALUE),
		    CHART_SIZE_VALUE, CHART_ANCHOR_END, CHART_COLOR_TEXT);
		y = paragraph(l, SWATCH + 8, y, right - SWATCH - 8 - PAD_VALUE -
		    vw, CHART_ANCHOR_START, ls, label_weight(c, i),
		    CHART_COLOR_TEXT, lh, c->items[i].label);
	}
	return y;
}

static double
lay_all(struct lay *l)
{
	const struct chart	*c = l->c;
	double			 y;
	buf			 src = BUF_INIT;

	y = paragraph(l, 0, 0, l->w, CHART_ANCHOR_START, CHART_SIZE_TITLE,
	    CHART_WEIGHT_BOLD, CHART_COLOR_TEXT,
	    CHART_SIZE_TITLE * LINE_TITLE, c->title) + GAP_TITLE;
	switch (c->kind) {
	case CHART_COLUMN:
		y = lay_columns(l, y);
		break;
	case CHART_STACK:
		y = lay_stack(l, y);
		break;
	case CHART_BAR:
	default:
		y = lay_bars(l, y);
		break;
	}
	if (c->source != NULL && c->source[0] != '\0') {
		buf_printf(&src, "出典：%s", c->source);
		y = paragraph(l, 0, y + GAP_SOURCE, l->w, CHART_ANCHOR_START,
		    CHART_SIZE_SOURCE, CHART_WEIGHT_NORMAL, CHART_COLOR_SOFT,
		    CHART_SIZE_SOURCE * LINE_SOURCE, buf_str(&src));
		buf_free(&src);
	}
	return y;
}

int
chart_layout(const struct chart *c, double width, const struct draw_ops *ops,
    void *ctx)
{
	struct lay	 l;
	double		 h;
	size_t		 i;

	if (!(width >= MIN_WIDTH) || chart_check(c, NULL) != 0)
		return -1;
	memset(&l, 0, sizeof(l));
	l.c = c;
	l.ops = ops;
	l.ctx = ctx;
	l.w = width;
	for (i = 0; i < c->n; i++) {
		(void)chart_parse_value(c->items[i].value, &l.v[i]);
		if (l.v[i] > l.vmax)
			l.vmax = l.v[i];
		l.sum += l.v[i];
	}
	h = lay_all(&l);
	/* Whole points, so that the box does not cut a descender. */
	if (h > (double)(long long)h)
		h = (double)((long long)h + 1);
	ops->begin(ctx, width, h);
	l.draw = 1;
	(void)lay_all(&l);
	ops->end(ctx);
	buf_free(&l.tmp);
	buf_free(&l.val);
	return 0;
}
