/*
 * tate.c -- vertical Japanese (縦書き) for the karuta cards: where each
 * character of a column goes, measured with the font.
 *
 * libharu draws a character only through the font's cmap, so it cannot
 * use the vertical alternates a Japanese font keeps behind its `vert`
 * feature (brackets and ー turned, 、。 in the upper right of the cell,
 * small kana moved up and right), and BIZ UDPGothic has no vertical
 * presentation forms (U+FE10–FE48) to draw instead.  So HarfBuzz shapes
 * each character vertically (direction TTB, language ja: `vert`, the
 * vertical metrics vmtx and VORG), and we draw the horizontal glyph onto
 * the box of the glyph it picked: moved, or turned 90° clockwise for the
 * characters Unicode sets rotated in vertical text (UAX #50's
 * Vertical_Orientation R and Tr, from ICU).  Advances are the font's
 * vertical ones, so the proportional face sets 、 and brackets tight.
 *
 * Latin: a run of up to three capitals or digits stands upright, letter
 * under letter (USB, LAN); any other run (Wi-Fi) is turned clockwise as
 * one piece.
 *
 * Furigana: the phrase's reading (kana) is matched against the phrase --
 * its kana as written, each run of kanji or Latin against one or more
 * characters -- and each run gets its part on the right, at half size.
 *
 * Like kinsoku.c, this file reaches ICU directly (one property lookup).
 */
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <unicode/uchar.h>

#include "print_int.h"

/* Where a character goes, in ems, from the column's centre and the top
 * of its cell, page axes (y down). */
struct tate_glyph {
	uint32_t	 cp;		/* 0: an empty slot of the cache */
	int		 font;
	int		 upright;	/* asked upright (Latin capitals) */
	int		 turned;	/* drawn turned 90° clockwise */
	double		 dx, dy;	/* the text origin (baseline start) */
	double		 adv;		/* down to the next cell */
};

#define CACHE_SLOTS	4096		/* a deck uses a few hundred */

struct tate {
	struct pfonts		*pf;
	hb_font_t		*hb[TS_NFONTS];
	double			 upem[TS_NFONTS];
	double			 mid[TS_NFONTS];	/* em box centre above
							 * the baseline, ems */
	struct tate_glyph	 cache[CACHE_SLOTS];
};

struct tate *
tate_new(struct pfonts *pf)
{
	struct tate	*t = xcalloc(1, sizeof(*t));
	int		 k;

	t->pf = pf;
	for (k = 0; k < TS_NFONTS; k++) {
		hb_face_t		*face = pf_hb_face(pf, k);
		hb_font_extents_t	 fe;

		if (face == NULL)
			continue;
		t->hb[k] = hb_font_create(face);
		t->upem[k] = hb_face_get_upem(face);
		if (hb_font_get_h_extents(t->hb[k], &fe))
			t->mid[k] = (fe.ascender + fe.descender) / 2.0 /
			    t->upem[k];
		else
			t->mid[k] = 0.38;	/* 0.88 and -0.12 em */
	}
	return t;
}

void
tate_free(struct tate *t)
{
	int k;

	if (t == NULL)
		return;
	for (k = 0; k < TS_NFONTS; k++)
		if (t->hb[k] != NULL)
			hb_font_destroy(t->hb[k]);
	free(t);
}

static int
turns(uint32_t cp)
{
	int vo = u_getIntPropertyValue((UChar32)cp,
	    UCHAR_VERTICAL_ORIENTATION);

	return vo == U_VO_ROTATED || vo == U_VO_TRANSFORMED_ROTATED;
}

/* A character turned about its em cell: the font has no vertical glyph
 * for it (Latin, or a font without `vert`). */
static void
turn_in_cell(struct tate *t, int font, hb_codepoint_t gh,
    struct tate_glyph *g)
{
	g->turned = 1;
	g->dx = -t->mid[font];
	g->dy = 0;
	g->adv = hb_font_get_glyph_h_advance(t->hb[font], gh) / t->upem[font];
}

static void
place(struct tate *t, int font, uint32_t cp, int upright,
    struct tate_glyph *g)
{
	hb_font_t		*hf = t->hb[font];
	double			 u = t->upem[font], ox, oy, vx, vy;
	hb_codepoint_t		 gh, gv, c = cp;
	hb_buffer_t		*b;
	hb_glyph_info_t		*gi;
	hb_glyph_position_t	*gp;
	hb_glyph_extents_t	 eh, ev;
	unsigned		 n;

	memset(g, 0, sizeof(*g));
	g->cp = cp;
	g->font = font;
	g->upright = upright;
	g->adv = 1;
	if (hf == NULL || !hb_font_get_nominal_glyph(hf, c, &gh)) {
		g->dx = -0.5;		/* unknown: an em cell, upright */
		g->dy = 0.88;
		return;
	}
	b = hb_buffer_create();
	hb_buffer_add_codepoints(b, &c, 1, 0, 1);
	hb_buffer_set_direction(b, HB_DIRECTION_TTB);
	hb_buffer_set_script(b, hb_unicode_script(hb_unicode_funcs_get_default(),
	    c));
	hb_buffer_set_language(b, hb_language_from_string("ja", 2));
	hb_shape(hf, b, NULL, 0);
	gi = hb_buffer_get_glyph_infos(b, &n);
	gp = hb_buffer_get_glyph_positions(b, &n);
	if (n != 1) {
		hb_buffer_destroy(b);
		g->dx = -0.5;
		g->dy = 0.88;
		return;
	}
	gv = gi[0].codepoint;
	/* The vertical glyph's origin: left of the centre, below the top. */
	ox = gp[0].x_offset / u;
	oy = -gp[0].y_offset / u;
	g->adv = -gp[0].y_advance / u;
	hb_buffer_destroy(b);
	if (!upright && turns(cp) && gv == gh) {
		turn_in_cell(t, font, gh, g);
		return;
	}
	if (gv == gh || upright) {
		g->dx = ox;
		g->dy = oy;
		return;
	}
	hb_font_get_glyph_extents(hf, gh, &eh);
	hb_font_get_glyph_extents(hf, gv, &ev);
	/* The vertical glyph's box: top left corner and centre. */
	vx = ox + ev.x_bearing / u;
	vy = oy - ev.y_bearing / u;
	if (turns(cp)) {
		/* Turned clockwise, glyph point (p, q) lands at (X + q,
		 * Y + p): put the horizontal box's centre on the vertical
		 * one's. */
		g->turned = 1;
		g->dx = vx + ev.width / u / 2 -
		    (eh.y_bearing + eh.height / 2.0) / u;
		g->dy = vy - ev.height / u / 2 -
		    (eh.x_bearing + eh.width / 2.0) / u;
	} else {
		/* Moved: the top left corners together. */
		g->dx = vx - eh.x_bearing / u;
		g->dy = vy + eh.y_bearing / u;
	}
}

static const struct tate_glyph *
glyph(struct tate *t, int font, uint32_t cp, int upright)
{
	size_t			 h = ((cp * 2654435761u) ^ (uint32_t)font ^
				    ((uint32_t)upright << 20)) % CACHE_SLOTS;
	size_t			 i;
	struct tate_glyph	*g;

	for (i = 0; i < CACHE_SLOTS; i++) {
		g = &t->cache[(h + i) % CACHE_SLOTS];
		if (g->cp == 0)
			break;
		if (g->cp == cp && g->font == font && g->upright == upright)
			return g;
	}
	if (i == CACHE_SLOTS)		/* full: not cached */
		g = &t->cache[h];
	place(t, font, cp, upright, g);
	return g;
}

static int
latin(uint32_t cp)
{
	return cp > ' ' && cp < 0x7f;
}

static int
upright_latin(const char *s, size_t n)
{
	size_t i;

	if (n > 3)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' &&
		    s[i] <= '9')))
			return 0;
	return 1;
}

double
tate_column(struct tate *t, struct dl_doc *d, struct dl_page *p, double x,
    double y, int font, double size, uint32_t color, const char *s,
    size_t n)
{
	size_t	i = 0, at, end;
	double	pen = 0;

	while (i < n) {
		uint32_t		 cp;
		const struct tate_glyph	*g;
		int			 upright = 0;

		at = i;
		cp = utf8_next(s, n, &i);
		if (cp == 0x3000 || cp == ' ') {
			pen += cp == ' ' ? size / 4 : size;
			continue;
		}
		if (latin(cp)) {
			for (end = at; end < n && latin((unsigned char)s[end]);)
				end++;
			if (!upright_latin(s + at, end - at)) {
				/* One piece, turned, centred on the column. */
				if (p != NULL)
					dl_text_turned(d, p, x - t->mid[font] *
					    size, y + pen, font, size, color,
					    s + at, end - at);
				pen += pf_measure(t->pf, font, size, s + at,
				    end - at);
				i = end;
				continue;
			}
			upright = 1;
		}
		g = glyph(t, font, cp, upright);
		if (p != NULL && g->turned)
			dl_text_turned(d, p, x + g->dx * size,
			    y + pen + g->dy * size, font, size, color, s + at,
			    i - at);
		else if (p != NULL)
			dl_text(d, p, x + g->dx * size, y + pen + g->dy * size,
			    font, size, color, 0, 0, s + at, i - at);
		pen += g->adv * size;
	}
	return pen;
}

/* ----- furigana: the reading of each kanji run ------------------------ */

enum tate_seg_kind { SEG_KANA, SEG_BASE, SEG_SKIP };

struct tate_seg {
	enum tate_seg_kind	 kind;
	size_t			 off, len;	/* in the phrase */
	size_t			 roff, rlen;	/* SEG_BASE: its reading */
};

#define MAX_SEGS	48
#define MAX_TRIES	20000	/* matching gives up after so many steps */

static int
is_kana(uint32_t cp)
{
	return (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 &&
	    cp <= 0x30F6) || cp == 0x30FC;
}

/* Kanji, and Latin letters and digits: what the reading spells out.
 * Everything else (punctuation, brackets, signs) is not read. */
static int
is_base(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 &&
	    cp <= 0xFAFF) || cp == 0x3005 || cp == 0x3006 ||
	    (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= 'a' && cp <= 'z');
}

static uint32_t
hira(uint32_t cp)
{
	return cp >= 0x30A1 && cp <= 0x30F6 ? cp - 0x60 : cp;
}

static size_t
segment(const char *s, size_t n, struct tate_seg *seg)
{
	size_t		i = 0, at, ns = 0;
	uint32_t	cp;

	while (i < n && ns < MAX_SEGS) {
		enum tate_seg_kind kind;

		at = i;
		cp = utf8_next(s, n, &i);
		kind = is_kana(cp) ? SEG_KANA : is_base(cp) ? SEG_BASE :
		    SEG_SKIP;
		if (kind == SEG_BASE) {
			/* Base runs with only signs between them (LAN抜,
			 * 宛先・添付) read as one group: nothing tells where
			 * one reading ends. */
			size_t j = ns;

			while (j > 0 && seg[j - 1].kind == SEG_SKIP)
				j--;
			if (j > 0 && seg[j - 1].kind == SEG_BASE) {
				seg[j - 1].len = i - seg[j - 1].off;
				ns = j;
				continue;
			}
		}
		memset(&seg[ns], 0, sizeof(seg[ns]));
		seg[ns].kind = kind;
		seg[ns].off = at;
		seg[ns].len = i - at;
		ns++;
	}
	return i < n ? 0 : ns;
}

/* Match segments from j against reading r[ro..rn): kana as written (カ
 * as か), a base run against one or more characters, shortest first;
 * *tries bounds the search. */
static int
match(const char *s, struct tate_seg *seg, size_t j, size_t ns, const char *r,
    size_t ro, size_t rn, int *tries)
{
	size_t		i, k;
	uint32_t	a, b;

	if (--*tries < 0)
		return 0;
	while (j < ns && seg[j].kind == SEG_SKIP)
		j++;
	if (j == ns)
		return ro == rn;
	if (ro >= rn)
		return 0;
	if (seg[j].kind == SEG_KANA) {
		i = seg[j].off;
		k = ro;
		a = hira(utf8_next(s, seg[j].off + seg[j].len, &i));
		b = utf8_next(r, rn, &k);
		return a == b && match(s, seg, j + 1, ns, r, k, rn, tries);
	}
	for (k = ro; k < rn;) {
		(void)utf8_next(r, rn, &k);
		seg[j].roff = ro;
		seg[j].rlen = k - ro;
		if (match(s, seg, j + 1, ns, r, k, rn, tries))
			return 1;
	}
	return 0;
}

/*
 * Furigana r[0..n) beside a base of length `base` from y, in a column
 * centred on x, no higher than `last`; returns where it ends.  Shorter
 * than its base, it is spread 1:2:1 (JIS X 4051 中付き): half a gap at
 * each end, a gap between characters; longer, it is centred and overhangs.
 */
static double
furigana(struct tate *t, struct dl_doc *d, struct dl_page *p, double x,
    double y, double base, double last, const struct tate_style *st,
    const char *r, size_t n)
{
	double	size = st->size / 2, gap = 0;
	double	len = tate_column(t, d, NULL, 0, 0, st->ruby_font, size,
		    st->ruby_color, r, n);
	size_t	i = 0, at, chars = 0;

	while (i < n) {
		(void)utf8_next(r, n, &i);
		chars++;
	}
	if (len < base)
		gap = (base - len) / (double)chars;
	else
		y += (base - len) / 2;
	y += gap / 2;
	if (y < last)
		y = last;
	for (i = 0; i < n;) {
		at = i;
		(void)utf8_next(r, n, &i);
		y += tate_column(t, d, p, x, y, st->ruby_font, size,
		    st->ruby_color, r + at, i - at) + gap;
	}
	return y - gap / 2;
}

double
tate_phrase(struct tate *t, struct dl_doc *d, struct dl_page *p, double x,
    double y, const struct tate_style *st, const char *s, size_t n,
    const char *r, size_t rn)
{
	struct tate_seg	 seg[MAX_SEGS];
	size_t		 ns = segment(s, n, seg), j;
	double		 pen = 0, last = -1e9, len;
	/* The furigana column: half the base's em to its edge, a twentieth
	 * of it apart, half the furigana's em. */
	double		 rx = x + st->size * (0.5 + 0.05 + 0.25);
	int		 tries = MAX_TRIES;

	if (ns == 0 || r == NULL || !match(s, seg, 0, ns, r, 0, rn, &tries))
		return tate_column(t, d, p, x, y, st->font, st->size,
		    st->color, s, n);
	for (j = 0; j < ns; j++) {
		len = tate_column(t, d, p, x, y + pen, st->font, st->size,
		    st->color, s + seg[j].off, seg[j].len);
		if (seg[j].kind == SEG_BASE && p != NULL)
			last = furigana(t, d, p, rx, y + pen, len, last, st,
			    r + seg[j].roff, seg[j].rlen);
		pen += len;
	}
	return pen;
}
