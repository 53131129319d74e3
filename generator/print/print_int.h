/*
 * print_int.h -- the parts of the print backend (generator/print/), and
 * how they fit:
 *
 *   fonts.c     fontconfig finds the four BIZ UD faces; libharu measures
 *               them; every character is checked against the font
 *   blocks.c    a page's Markdown, through md4c, into blocks of styled
 *               paragraphs (typeset.h), tables, charts, and notes
 *   flow.c      blocks onto pages: the typesetter's lines, page breaks
 *               (no widows or orphans), tables, notes at a section's end
 *   dlist.c     the pages as a display list (text, rectangles, lines,
 *               charts, links): laid out twice for page references, then
 *               drawn once; also the layout dump of the golden tests
 *   pdf.c       a display list into a PDF with libharu (fonts embedded,
 *               outlines, metadata, TrimBox, deterministic)
 *   chart_pdf.c chart.h's draw_ops on a libharu page
 *   qr.c        QR codes (libqrencode) as vector rectangles
 *   tate.c      vertical Japanese (縦書き) placed with HarfBuzz's vertical
 *               metrics and alternates, for the karuta cards
 *   handout.c, sheet.c, poster.c, karuta_pdf.c   the packs; print.c
 *               runs them
 *
 * Coordinates are points from the page's top left corner, y downwards;
 * pdf.c turns them into PDF space.  Only fonts.c, pdf.c and chart_pdf.c
 * include libharu; only fonts.c (widths), subset.c and tate.c include
 * HarfBuzz.
 */
#ifndef MAMORU_PRINT_INT_H
#define MAMORU_PRINT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "../chart/chart.h"
#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/diag.h"
#include "../core/utf8.h"
#include "../text/text.h"
#include "typeset.h"

struct site;
struct page;
struct calc;

/* ----- sizes and colours ------------------------------------------------- */

#define MM(x)		((x) * 72.0 / 25.4)
#define A4_W		595.276
#define A4_H		841.890
#define A3_W		841.890
#define A3_H		1190.551

#define BODY_SIZE	10.5		/* body text, points */
#define BODY_LEADING	(BODY_SIZE * 1.7)
#define BODY_CHARS	38		/* the measure, in body characters */

#define COLOR_TEXT	0x000000u	/* body: black (K only in print) */
#define COLOR_SOFT	0x4d4d4du	/* running heads, captions */
#define COLOR_BRAND	0x0d3b66u	/* headings, rules: the site's navy */
#define COLOR_LINK	0x1d5a99u
#define COLOR_TINT	0xe6edf5u	/* table heads, boxes */
#define COLOR_RULE	0x9aa5b1u
#define COLOR_WHITE	0xffffffu
#define COLOR_NONE	0xff000000u	/* no fill / no stroke */
#define COLOR_REG	0xfe000000u	/* registration: all four plates at
					 * 100% (crop marks) */

/* ----- fonts.c ----------------------------------------------------------- */

struct pfonts {
	struct text_face	 face[TS_NFONTS];	/* text/font.c */
	void		*hdoc;		/* a libharu document: the faces load */
	void		*hbfont[TS_NFONTS];	/* hb_font_t *, for widths */
	unsigned	 upem[TS_NFONTS];
	int16_t		*widths[TS_NFONTS];	/* per BMP code point, in
						 * 1/1000 em; -1 unknown */
	buf		 reported;	/* "path:line:col\n" already reported */
	void		*hbface[TS_NFONTS];	/* HarfBuzz faces (subset.c) */
};

/* The family and style fontconfig is asked for (print.c). */
struct pf_face {
	const char	*family, *style;
	int		 bold;
};
extern const struct pf_face	pf_faces[TS_NFONTS];
const char	*pf_family(int font);
const char	*pf_style(int font);
/* Find the four faces and load them for measuring.  Returns 0, or -1
 * (reported: which font is missing and which package has it). */
int	pf_open(struct pfonts *);
/* Which files the four faces come from, with their sizes and times, as
 * text appended to out (for the packs' dependency keys).  Returns 0, or
 * -1 if a face is missing (pf_open() reports it). */
int	pf_identity(buf *out);
void	pf_close(struct pfonts *);
/* The advance of one character in 1/1000 em, as libharu draws it. */
int	pf_width(struct pfonts *, int font, uint32_t cp);
/* A ts_measure_fn over struct pfonts. */
double	pf_measure(void *pfonts, int font, double size, const char *, size_t);

/* Where the character at `at` came from, for a diagnostic. */
typedef src_pos (*pf_pos_fn)(void *ctx, const char *at);
/*
 * Check that every character of s[0..n) lies in the BMP and has a glyph
 * in the font; report each one that does not at its position.  Returns
 * the number of errors.  A '\n' is allowed (a hard break).
 */
int	pf_check(struct pfonts *, int font, const char *s, size_t n,
	    pf_pos_fn, void *ctx);
/* Same, every character reported at one position. */
int	pf_check_at(struct pfonts *, int font, const char *s, src_pos);

/*
 * subset.c: write a copy of the face holding only the characters whose
 * bits are set in used[] (one bit per BMP code point) to a temporary file
 * and put its name in path.  Returns 0, or -1 (then embed the whole face).
 */
int	pf_subset(struct pfonts *, int font, const uint8_t *used, buf *path);
void	pf_subset_free(struct pfonts *);
/* The whole face as a HarfBuzz face (hb_face_t *), loaded once and freed
 * by pf_close(); NULL if the file cannot be read. */
void	*pf_hb_face(struct pfonts *, int font);

/* ----- dlist.c ----------------------------------------------------------- */

enum dl_kind {
	DL_TEXT,	/* text at baseline (x, y) */
	DL_RECT,	/* rectangle, top left (x, y), w x h */
	DL_LINE,	/* from (x, y) to (x + w, y + h) */
	DL_CHART,	/* chart drawn at (x, y), w wide, scaled */
	DL_URI,		/* a link area to text (a URL) */
	DL_LINEBOX,	/* a typeset line, for the dump only */
	DL_CIRCLE	/* circle, centre (x, y), radius w */
};

struct dl_item {
	enum dl_kind		 kind;
	double			 x, y, w, h;
	int			 font;
	double			 size, cs, rise;
	uint32_t		 fill, stroke;
	double			 lw;		/* line width */
	const char		*text;		/* NUL-terminated */
	const struct chart	*chart;
	double			 scale;
	int			 turned;	/* DL_TEXT: turned 90° clockwise
						 * (vertical text) */
};

struct dl_page {
	double		 w, h;
	/* TrimBox and BleedBox, from the top left (x, y, w, h); w == 0:
	 * the TrimBox is the whole page, and there is no BleedBox. */
	double		 trim[4], bleed[4];
	struct dl_item	*items;
	size_t		 n, cap;
};

struct dl_outline {
	const char	*title;
	int		 level;		/* 0 = top */
	size_t		 page;
	double		 y;
};

struct dl_doc {
	arena			 a;		/* texts, charts */
	struct dl_page		*pages;
	size_t			 npages, cap;
	struct dl_outline	*outl;
	size_t			 noutl, ocap;
	const char		*title, *author, *subject;
	long			 days;		/* the date, days since 1970 */
	int			 use_outlines;	/* open with the bookmarks */
};

struct dl_page	*dl_page_new(struct dl_doc *, double w, double h);
void	dl_text(struct dl_doc *, struct dl_page *, double x, double y,
	    int font, double size, uint32_t color, double cs, double rise,
	    const char *s, size_t n);
void	dl_rect(struct dl_page *, double x, double y, double w, double h,
	    uint32_t fill, uint32_t stroke, double lw);
void	dl_line(struct dl_page *, double x1, double y1, double x2, double y2,
	    uint32_t stroke, double lw);
void	dl_circle(struct dl_page *, double cx, double cy, double r,
	    uint32_t fill, uint32_t stroke, double lw);
/* Text turned 90° clockwise about (x, y), its origin: it runs down the
 * page with the tops of its letters to the right. */
void	dl_text_turned(struct dl_doc *, struct dl_page *, double x, double y,
	    int font, double size, uint32_t color, const char *s, size_t n);
void	dl_uri(struct dl_doc *, struct dl_page *, double x, double y,
	    double w, double h, const char *uri);
void	dl_linebox(struct dl_doc *, struct dl_page *, double x, double y,
	    double w, const char *s, size_t n);
void	dl_chart(struct dl_doc *, struct dl_page *, double x, double y, double w, double scale,
	    const struct chart *);
void	dl_outline(struct dl_doc *, const char *title, int level,
	    size_t page, double y);
void	dl_free(struct dl_doc *);
/* The line boxes, page by page: "p1 y=… x=… w=… |text|". */
void	dl_dump(const struct dl_doc *, buf *);
/* A one-line text, with the typesetter's width; returns its width. */
double	dl_string(struct dl_doc *, struct dl_page *, struct pfonts *,
	    double x, double y, int font, double size, uint32_t color,
	    enum ts_align, const char *s);

/* ----- pdf.c, chart_pdf.c, qr.c ------------------------------------------ */

/* Write the display list as a PDF file.  Returns 0, or -1 (reported). */
int	pdf_write(const struct dl_doc *, struct pfonts *, const char *path);

/* The height chart_layout() needs at `width` (layout units). */
double	chart_pdf_height(const struct chart *, double width,
	    struct pfonts *);
/* Mark the characters a DL_CHART item will draw, per face. */
void	chart_pdf_collect(const struct dl_item *, struct pfonts *,
	    uint8_t *used[TS_NFONTS]);
/* Draw a DL_CHART item on a libharu page (HPDF_Page) of pdf.c's writer. */
void	chart_pdf_draw(void *hpage, void *writer, const struct dl_item *,
	    double page_h);
/* pdf.c's services to chart_pdf.c: colours (CMYK), a face loaded for
 * embedding, the fonts measured with. */
void	pdf_set_fill(void *hpage, uint32_t rgb);
void	pdf_set_stroke(void *hpage, uint32_t rgb);
void	*pdf_font(void *writer, int font);
struct pfonts *pdf_writer_fonts(void *writer);

/*
 * A QR code of `text` (error correction M) with its quiet zone of four
 * modules, top left at (x, y), `size` points square including the quiet
 * zone; black modules as rectangles.  Returns 0, or -1 if libqrencode
 * failed.
 */
int	qr_place(struct dl_page *, double x, double y, double size,
	    const char *text);

/* ----- the print context ------------------------------------------------- */

struct pctx {
	struct site	*s;
	struct pfonts	 fonts;
	const char	*base_url;	/* ends in '/' */
	const char	*org;		/* organisation (or site title) */
	char		 date[64];	/* 「2025年6月1日」 */
	long		 days;
	/* Page numbers of the handout's sections, for cross-references
	 * (0: not known yet). */
	const struct page **refs;
	int		*ref_page;
	size_t		 nrefs;
};

/* The absolute URL of a page of the site. */
void	pctx_url(const struct pctx *, const struct page *, buf *);
/* The online 自社診断: the calculator with slug "shindan", else the first
 * score calculator with `print: handout`; NULL if none. */
struct page *pctx_online_check(const struct pctx *);
/* Handout page of a page, or 0. */
int	pctx_page_of(const struct pctx *, const struct page *);

/* ----- blocks.c ---------------------------------------------------------- */

enum pb_kind { PB_HEADING, PB_PARA, PB_TABLE, PB_CHART, PB_RULE, PB_CODE };

enum pb_marker { PB_M_NONE, PB_M_BULLET, PB_M_NUMBER, PB_M_TASK,
    PB_M_DONE };

struct pb_block {
	enum pb_kind	 kind;
	int		 level;		/* heading level */
	int		 depth;		/* list nesting, 0 outside lists */
	int		 quote;		/* block quote nesting */
	enum pb_marker	 marker;	/* first paragraph of a list item */
	unsigned	 number;
	int		 loose;		/* a loose list's item */
	struct ts_para	 para;
	/* PB_TABLE: rows x cols cells, the first head_rows are heads. */
	size_t		 rows, cols, head_rows;
	struct ts_para	*cells;
	unsigned char	*align;		/* per column: 0 auto, 1 left, 2
					 * centre, 3 right */
	struct chart	*chart;		/* PB_CHART, in the doc's arena */
	char		*title;		/* PB_HEADING: plain text */
};

enum pb_note_kind { PB_NOTE_SOURCE, PB_NOTE_URL, PB_NOTE_PAGE };

struct pb_note {
	enum pb_note_kind	 kind;
	char			*text;	/* source text, or the link text */
	char			*url;	/* absolute URL, or NULL */
	const struct page	*target;	/* PB_NOTE_PAGE */
};

struct pb_doc {
	struct pb_block		**b;
	size_t			  n, cap;
	struct pb_note		 *notes;
	size_t			  nnotes;
	arena			  a;
};

/* Where blocks come from: a page body, or a Markdown string kept in YAML
 * (then positions are the string's). */
struct pb_source {
	struct page		*page;	/* for links and notes; may be NULL */
	const char		*path;
	const char		*text;
	size_t			 len;
	const line_index	*lines;	/* or NULL */
	size_t			 base;
	src_pos			 fallback;	/* when lines is NULL */
};

/* Parse Markdown into blocks (md4c, mdh_parser_flags()).  Characters the
 * fonts lack are reported.  Returns the number of errors. */
int	pb_parse(struct pctx *, const struct pb_source *, struct pb_doc *);
void	pb_free(struct pb_doc *);
/* The note text as printed (page references resolved now); the URL only
 * if show_url (a section prints each URL once). */
void	pb_note_text(const struct pctx *, const struct pb_note *,
	    int show_url, buf *);

/* ----- flow.c ------------------------------------------------------------ */

struct flow;
typedef void (*flow_page_fn)(struct flow *, void *ctx);

struct flow {
	struct pctx	*pc;
	struct dl_doc	*doc;
	struct dl_page	*page;
	double		 pw, ph;		/* page size */
	double		 left, width;		/* the text column */
	double		 top, bottom;		/* its top and bottom */
	double		 y;			/* where the next block goes */
	flow_page_fn	 on_page;		/* page furniture */
	void		*on_page_ctx;
	int		 fresh;			/* nothing on this page yet */
	/* Where the last flow_para() put its lines: page index, top and
	 * bottom, per page it used (for rules beside quotations). */
	struct { size_t page; double y0, y1; } seg[8];
	size_t		 nseg;
};

#define PARA_GAP_TABLE	(0.6 * BODY_LEADING)

void	flow_new_page(struct flow *);
/* Space between blocks; none at the top of a page. */
void	flow_gap(struct flow *, double h);
/* Lay a paragraph out in the flow's fonts; -1 (reported) if ICU failed. */
int	flow_layout(struct flow *, const struct ts_para *, double measure,
	    enum ts_align, double first_indent, struct ts_layout *);
/* Put lines from..to-1 of a layout on the page, the first line's top at
 * y, each `leading` high. */
void	flow_place(struct flow *, const struct ts_para *,
	    const struct ts_layout *, size_t from, size_t to, double x,
	    double y, double leading);
/* A Markdown table (table.c). */
void	flow_table(struct flow *, const struct pb_block *, double indent);
/* Start a new page unless h points fit below y. */
void	flow_need(struct flow *, double h);
/* Set a paragraph at x offset `indent` within the column. */
void	flow_para(struct flow *, const struct ts_para *, double indent,
	    double measure, double leading, enum ts_align, double first_indent);
/* Lay out the paragraph only: its number of lines. */
size_t	flow_count_lines(struct flow *, const struct ts_para *, double
	    measure, double first_indent);
void	flow_blocks(struct flow *, const struct pb_doc *);
/* The notes of a section, numbered, under a small heading. */
void	flow_notes(struct flow *, const struct pb_doc *);
/* A heading in the section style; its outline entry when level >= 0. */
void	flow_heading(struct flow *, const char *text, int level,
	    int outline_level);
/* One string as a paragraph at x (absolute), w wide, from f->y. */
void	flow_text(struct flow *, const char *, int font, double size,
	    double leading, uint32_t color, double x, double w, enum ts_align);
/* A flow over A4 pages with the body column (BODY_CHARS wide, centred). */
void	flow_a4(struct flow *, struct pctx *, struct dl_doc *);
/* A short styled string as a paragraph. */
void	ts_para_set(struct ts_para *, int font, double size, uint32_t color,
	    const char *s);

/* ----- the packs --------------------------------------------------------- */

/* The A4 furniture of handout pages: running head and page number. */
struct furniture {
	const char	*left;		/* running head, left */
	const char	*right;		/* running head, right */
	int		 numbers;	/* print page numbers */
};
void	furniture_draw(struct flow *, void *furniture);

/* A worksheet for calculator page p on the flow's pages (a new page). */
int	sheet_flow(struct flow *, struct pctx *, struct page *p);
/* The standalone worksheet file's name: "shindan-worksheet.pdf". */
void	sheet_file_name(const struct page *, buf *);

int	handout_build(struct pctx *, struct dl_doc *);
int	poster_build(struct pctx *, struct dl_doc *, double w, double h);
int	poster_possible(const struct site *);
/* Its default facts (print.c). */
#define POSTER_NFACTS	3
extern const char *const	poster_default_facts[POSTER_NFACTS];
/* A standalone document for one calculator's sheet. */
int	sheet_build(struct pctx *, struct page *, struct dl_doc *);

/* ----- tate.c: vertical text --------------------------------------------- */

struct tate;
struct tate	*tate_new(struct pfonts *);
void	tate_free(struct tate *);
/*
 * Set s[0..n) down a column whose centre is at x, from y (the top of the
 * first character's cell); draw it on page p, or only measure if p is
 * NULL.  Returns the length of the column in points.
 */
double	tate_column(struct tate *, struct dl_doc *, struct dl_page *,
	    double x, double y, int font, double size, uint32_t color,
	    const char *s, size_t n);

struct tate_style {
	int		 font;
	double		 size;
	uint32_t	 color;
	int		 ruby_font;	/* furigana, at half the size */
	uint32_t	 ruby_color;
};
/*
 * The same with furigana: the reading r[0..rn) (kana, as the phrase is
 * read) is matched against s and each run of kanji or Latin gets its part
 * on its right; if they do not match, or r is NULL, s is set without.
 * Furigana shorter than its base is spread 1:2:1, longer is centred.
 */
double	tate_phrase(struct tate *, struct dl_doc *, struct dl_page *,
	    double x, double y, const struct tate_style *, const char *s,
	    size_t n, const char *r, size_t rn);

/* ----- karuta_pdf.c ------------------------------------------------------ */

/* Is there a deck to print? */
int	karuta_possible(const struct site *);
/* The deck's print-and-cut sheets; the layout dump (card rectangles,
 * boxes, crop marks, texts, in millimetres) appended to dump if not
 * NULL.  Returns 0, or -1 (reported). */
int	karuta_build(struct pctx *, struct dl_doc *, buf *dump);

#endif
