/*
 * typeset.h -- the Japanese paragraph typesetter of the print packs.
 *
 * A paragraph is UTF-8 text with style spans (font, size, colour, flags).
 * ts_layout() breaks it into lines of a given measure, the way JIS X 4051
 * sets Japanese text:
 *
 *  - break opportunities come from ICU's line break iterator for
 *    "ja@lb=strict", narrowed by our own kinsoku table (ts_no_line_start,
 *    ts_no_line_end), so the rules hold whatever ICU's version does;
 *  - Latin words, numbers and URLs are never split (a run of non-space
 *    Latin characters is one unit), and a number keeps its counter
 *    ("5か条", "2024年");
 *  - a line that would start with a forbidden character is resolved by
 *    burasage (hanging 、。，． past the measure), oikomi (pulling the
 *    character in by squeezing punctuation space) or oidashi (pushing a
 *    character down and spreading the room);
 *  - consecutive punctuation is set tight (「。」」 and 」「 lose their
 *    double half-em spaces), a quarter em separates Japanese from Latin;
 *  - justified lines spread the remaining space evenly between units; the
 *    last line of a paragraph and lines ended by a hard break are not
 *    spread.
 *
 * Widths come from a callback (the PDF backend: HPDF_Font_TextWidth), so
 * this module knows nothing of libharu.  Nothing here allocates beyond the
 * layout it returns; output depends only on the input.
 */
#ifndef MAMORU_TYPESET_H
#define MAMORU_TYPESET_H

#include <stddef.h>
#include <stdint.h>

#include "../core/buf.h"

/* The four faces of the packs (see fonts.h for the families). */
enum ts_font {
	TS_GOTHIC,		/* BIZ UDGothic Regular: body text */
	TS_GOTHIC_BOLD,		/* BIZ UDGothic Bold: bold in body text */
	TS_PGOTHIC,		/* BIZ UDPGothic Regular: tables, captions */
	TS_PGOTHIC_BOLD,	/* BIZ UDPGothic Bold: headings, posters */
	TS_NFONTS
};

#define TS_KEEP		0x1	/* no line break inside the span */
#define TS_GLUE		0x2	/* no line break just before the span */

struct ts_style {
	int		 font;		/* enum ts_font */
	double		 size;		/* points */
	double		 rise;		/* baseline shift up, points */
	uint32_t	 color;		/* 0xRRGGBB */
	unsigned	 flags;		/* TS_KEEP, TS_GLUE */
	const char	*uri;		/* a link target (the caller's), or NULL */
};

struct ts_span {
	size_t		 off, len;	/* bytes of the paragraph's text */
	struct ts_style	 st;
};

/* A paragraph: text plus spans covering all of it, in order.  A '\n' in
 * the text is a hard line break. */
struct ts_para {
	buf		 text;
	struct ts_span	*spans;
	size_t		 nspans, cap;
};

void	ts_para_add(struct ts_para *, const struct ts_style *, const char *,
	    size_t);
void	ts_para_clear(struct ts_para *);
void	ts_para_free(struct ts_para *);

/* Advance width in points of utf8[0..len) in a font at a size. */
typedef double (*ts_measure_fn)(void *ctx, int font, double size,
    const char *utf8, size_t len);

enum ts_align { TS_JUSTIFY, TS_LEFT, TS_CENTER, TS_RIGHT };

struct ts_opts {
	double		 measure;	/* line length, points */
	double		 first_indent;	/* first line starts here */
	enum ts_align	 align;
	int		 no_hang;	/* forbid burasage (table cells) */
	int		 phrases;	/* ragged lines that end on a phrase
					 * (titles): after punctuation or a
					 * particle before a word */
	ts_measure_fn	 measure_fn;
	void		*ctx;
};

/* A piece of one line: text of a single span drawn from x, with cs
 * points of extra space after every character (PDF Tc). */
struct ts_piece {
	size_t		 off, len;	/* bytes of the paragraph's text */
	size_t		 span;
	double		 x, w;		/* from the paragraph's left edge */
	double		 cs;
};

struct ts_line {
	size_t		 first, n;	/* pieces */
	double		 x, w;		/* ink box: left edge and width */
	int		 how;		/* TS_HOW_* */
};

#define TS_HOW_HANG	0x1	/* burasage: the last character hangs */
#define TS_HOW_SHRINK	0x2	/* oikomi: punctuation squeezed */
#define TS_HOW_PUSH	0x4	/* oidashi: room spread after pushing down */
#define TS_HOW_FORCED	0x8	/* ended by a hard break */
#define TS_HOW_LAST	0x10	/* the paragraph's last line */
#define TS_HOW_SPLIT	0x20	/* emergency: a unit wider than the measure */

struct ts_layout {
	struct ts_piece	*pieces;
	size_t		 npieces, pcap;
	struct ts_line	*lines;
	size_t		 nlines, lcap;
};

/* Lay the paragraph out.  Returns 0, or -1 if ICU failed. */
int	ts_layout(const struct ts_para *, const struct ts_opts *,
	    struct ts_layout *);
void	ts_layout_free(struct ts_layout *);
/* Append the text of line i (pieces joined; spaces between pieces that
 * had a space between them in the source). */
void	ts_line_text(const struct ts_para *, const struct ts_layout *,
	    size_t i, buf *);

/* The kinsoku table (JIS X 4051, strict): may cp begin or end a line?
 * Can it hang in the margin? */
int	ts_no_line_start(uint32_t cp);
int	ts_no_line_end(uint32_t cp);
int	ts_can_hang(uint32_t cp);

#endif
