/*
 * karuta_pdf.c -- the karuta deck as sheets to print and cut (karuta.pdf).
 *
 * Cards of KARUTA_CARD_W x KARUTA_CARD_H mm stand in one grid on every A4
 * sheet, so that a stack of sheets is cut along the same lines.  Each card
 * has its background KARUTA_BLEED mm past its trim on every side, and JIS
 * corner crop marks (トンボ) outside that: at each corner a pair of lines
 * on the trim line and the bleed line, in both directions.  The 読み札
 * come first, then the 絵札, in 五十音 order; each front sheet is followed
 * by its back sheet, mirrored for a long-edge flip, so that each back lands
 * behind its card.  Every page carries a TrimBox (the grid's outer trim)
 * and a BleedBox (that and the bleed).
 *
 * 絵札: the initial kana large in a circle, the theme under it.
 * 読み札: the initial kana in a small circle at the top right, the verse
 * down three columns (one per phrase, tate.c), right to left, each kanji
 * with its reading (furigana, matched from `yomi`), the theme at the foot.
 *
 * karuta_build() can also write a layout dump: the page boxes, every card's
 * trim and bleed, and every drawn item (crop marks, texts) in millimetres
 * from the page's top left, for tests/print/karuta-geometry.mjs.
 */
#include <stdlib.h>
#include <string.h>

#include "../load/source.h"
#include "../model/site.h"
#include "print_int.h"

/* ----- the geometry: the one place to change the card size ------------ */

#define KARUTA_CARD_W	52.0	/* trim, mm: portrait, as karuta are */
#define KARUTA_CARD_H	73.0
#define KARUTA_BLEED	3.0	/* background past the trim, mm */
#define KARUTA_MARK	4.0	/* a crop mark's arm, mm */
#define KARUTA_GUTTER	15.0	/* between trims: bleed, mark, 1 mm, mark,
				 * bleed */
#define KARUTA_MARGIN	12.0	/* at least, around the grid: the marks end
				 * 5 mm from the paper's edge */
#define KARUTA_MARK_LW	MM(0.1)	/* crop mark lines */
#define KARUTA_SAFE	MM(4.5)	/* text keeps this far inside the trim */

/* The faces. */
#define F_BOLD		TS_PGOTHIC_BOLD
#define F_VERSE		TS_PGOTHIC_BOLD
#define F_RUBY		TS_PGOTHIC	/* furigana, at half the verse's size */

#define COLOR_YOMI_BG	0xfbf6e9u	/* 読み札: warm paper */
#define COLOR_E_BG	0xe8f0f8u	/* 絵札: pale blue */
#define COLOR_LATTICE	0x2c5a88u	/* the backs' 菱 pattern */

#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))

enum kside { K_FRONT, K_BACK };
enum kkind { K_YOMI, K_E };

struct kgrid {
	int	 cols, rows;
	double	 x0, y0;		/* the first trim's top left, pt */
	double	 cw, ch, pitch_x, pitch_y, bleed;	/* pt */
};

struct kcard {				/* a card on a page, for the dump */
	size_t				 page;
	enum kkind			 kind;
	int				 row, col;
	const struct karuta_card	*card;
	int				 number;	/* in the deck, 1.. */
	double				 x, y;		/* trim, pt */
};

struct kctx {
	struct pctx		*pc;
	struct dl_doc		*d;
	struct tate		*tt;
	struct kgrid		 g;
	struct kcard		*cards;
	size_t			 ncards, cap;
	double			 verse_size;
	const char		*deck_title;
	const char		*site_title;
	struct source		 src;		/* deck.yaml, for positions */
	int			 have_src;
};

static void
grid_init(struct kgrid *g)
{
	double w = A4_W / MM(1), h = A4_H / MM(1);

	/* As many as fit (positive: the cast rounds down). */
	g->cols = (int)((w - 2 * KARUTA_MARGIN + KARUTA_GUTTER) /
	    (KARUTA_CARD_W + KARUTA_GUTTER) + 1e-9);
	g->rows = (int)((h - 2 * KARUTA_MARGIN + KARUTA_GUTTER) /
	    (KARUTA_CARD_H + KARUTA_GUTTER) + 1e-9);
	g->cw = MM(KARUTA_CARD_W);
	g->ch = MM(KARUTA_CARD_H);
	g->pitch_x = MM(KARUTA_CARD_W + KARUTA_GUTTER);
	g->pitch_y = MM(KARUTA_CARD_H + KARUTA_GUTTER);
	g->bleed = MM(KARUTA_BLEED);
	g->x0 = (A4_W - g->cols * g->cw - (g->cols - 1) * MM(KARUTA_GUTTER)) /
	    2;
	g->y0 = (A4_H - g->rows * g->ch - (g->rows - 1) * MM(KARUTA_GUTTER)) /
	    2;
}

/* ----- checking the deck's characters ---------------------------------- */

struct kpos {
	const fm_str	*f;
	unsigned	 shift;		/* 1: the scalar is quoted */
	int		 fixed;		/* a block scalar: its start only */
};

static src_pos
kpos_at(void *ctx, const char *at)
{
	const struct kpos	*k = ctx;
	src_pos			 p = k->f->pos;
	size_t			 i = 0, n = (size_t)(at - k->f->s);
	unsigned		 cols = 0;

	while (i < n) {
		(void)utf8_next(k->f->s, n, &i);
		cols++;
	}
	if (p.line > 0 && !k->fixed)
		p.col += k->shift + cols;
	return p;
}

static int
check_str(struct kctx *k, int font, const fm_str *f)
{
	struct kpos	kp = { f, 0, 0 };
	size_t		i, c;

	if (f->s == NULL)
		return 0;
	if (k->have_src && f->pos.line > 0 &&
	    f->pos.line <= k->src.lines.nlines) {
		i = k->src.lines.starts[f->pos.line - 1];
		for (c = 1; c < f->pos.col && i < k->src.text.len; c++)
			(void)utf8_next(k->src.text.data, k->src.text.len, &i);
		if (i < k->src.text.len) {
			char q = k->src.text.data[i];

			kp.shift = q == '"' || q == '\'';
			kp.fixed = q == '|' || q == '>';
		}
	}
	return pf_check(&k->pc->fonts, font, f->s, f->len, kpos_at, &kp);
}

static int
check_deck(struct kctx *k)
{
	const struct karuta_deck	*d = &k->pc->s->karuta;
	struct pfonts			*pf = &k->pc->fonts;
	int				 errs = 0;
	size_t				 i;

	k->have_src = source_read(&k->src, d->path) == 0;
	errs += check_str(k, F_BOLD, &d->title);
	errs += pf_check_at(pf, F_BOLD, k->site_title,
	    k->pc->s->meta.title.pos);
	for (i = 0; i < d->n; i++) {
		const struct karuta_card *c = d->sorted[i];

		errs += check_str(k, F_BOLD, &c->kana);
		errs += check_str(k, F_VERSE, &c->verse);
		errs += check_str(k, F_RUBY, &c->yomi);
		errs += check_str(k, F_BOLD, &c->theme);
	}
	return errs;
}

/* ----- drawing --------------------------------------------------------- */

static void
crop_marks(struct dl_page *p, double x, double y, double w, double h,
    double b)
{
	const double	 m = MM(KARUTA_MARK);
	const double	 xs[2] = { x, x + w }, ys[2] = { y, y + h };
	int		 i, j;

	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++) {
			double sx = i ? 1 : -1, sy = j ? 1 : -1;
			double bx = xs[i] + sx * b, by = ys[j] + sy * b;

			/* Along the horizontal cut, then the vertical one:
			 * the trim line and the bleed line, from the bleed
			 * outwards. */
			dl_line(p, bx, ys[j], bx + sx * m, ys[j], COLOR_REG,
			    KARUTA_MARK_LW);
			dl_line(p, bx, by, bx + sx * m, by, COLOR_REG,
			    KARUTA_MARK_LW);
			dl_line(p, xs[i], by, xs[i], by + sy * m, COLOR_REG,
			    KARUTA_MARK_LW);
			dl_line(p, bx, by, bx, by + sy * m, COLOR_REG,
			    KARUTA_MARK_LW);
		}
}

/* One line of text centred on x, its em box centred on y (BIZ UD's em
 * box is 0.88 em above the baseline and 0.12 below). */
static void
centred(struct kctx *k, struct dl_page *p, double x, double y, int font,
    double size, uint32_t color, const char *s)
{
	(void)dl_string(k->d, p, &k->pc->fonts, x, y + 0.38 * size, font,
	    size, color, TS_CENTER, s);
}

/* size, or less if s would be wider than w at size. */
static double
fitted(struct kctx *k, int font, double size, double w, const char *s)
{
	double have = pf_measure(&k->pc->fonts, font, size, s, strlen(s));

	return have > w ? size * w / have : size;
}

static void
e_front(struct kctx *k, struct dl_page *p, const struct karuta_card *c,
    double x, double y)
{
	const double	 w = k->g.cw, b = k->g.bleed, r = MM(21.5);
	const double	 cx = x + w / 2, cy = y + MM(31.5);
	double		 tw, ts = fitted(k, F_BOLD, 9.5, w - 2 * KARUTA_SAFE -
			    MM(6), c->theme.s);

	dl_rect(p, x - b, y - b, w + 2 * b, k->g.ch + 2 * b, COLOR_E_BG,
	    COLOR_NONE, 0);
	dl_circle(p, cx, cy, r, COLOR_WHITE, COLOR_BRAND, 3.5);
	centred(k, p, cx, cy, F_BOLD, 94, COLOR_TEXT, c->kana.s);
	tw = pf_measure(&k->pc->fonts, F_BOLD, ts, c->theme.s,
	    c->theme.len) + MM(6);
	dl_rect(p, cx - tw / 2, y + MM(58.5), tw, MM(6.5), COLOR_BRAND,
	    COLOR_NONE, 0);
	centred(k, p, cx, y + MM(61.75), F_BOLD, ts, COLOR_WHITE, c->theme.s);
}

/* A phrase down a column centred on x from y, with its reading beside
 * its kanji (r NULL: none); returns its length.  Measures only if p is
 * NULL. */
static double
phrase(struct kctx *k, struct dl_page *p, double x, double y, double size,
    const char *s, size_t n, const char *r, size_t rn)
{
	const struct tate_style st = { F_VERSE, size, COLOR_TEXT, F_RUBY,
	    COLOR_SOFT };

	return tate_phrase(k->tt, k->d, p, x, y, &st, s, n, r, rn);
}

/* The n-th phrase of s, split at sep: its start and length. */
static int
nth_phrase(const char *s, const char *sep, int n, const char **at,
    size_t *len)
{
	const char	*e;
	size_t		 sl = strlen(sep);

	for (; n > 0; n--) {
		if ((e = strstr(s, sep)) == NULL)
			return 0;
		s = e + sl;
	}
	e = strstr(s, sep);
	*at = s;
	*len = e != NULL ? (size_t)(e - s) : strlen(s);
	return 1;
}

/*
 * The 読み札's layout, relative to the trim's top left.  Column i (one
 * per phrase, from the right) has its centre 1.1 + 2.1 i ems left of the
 * safe area's right edge (its furigana to its right); the first starts
 * under the circled kana, the others at the top, each a step lower.
 */
#define YOMI_CIRCLE	0.73		/* the kana's circle: radius, ems */
#define YOMI_BOTTOM	MM(9)		/* the columns end above this */
#define YOMI_STEP	MM(3)		/* each column starts this lower */
#define YOMI_MAX_SIZE	20.0
#define YOMI_MIN_SIZE	14.0		/* the deck's size at least */

static double
yomi_col_x(const struct kctx *k, int i, double size)
{
	return k->g.cw - KARUTA_SAFE - size * (1.1 + 2.1 * i);
}

/* Column i's top: a + b * size. */
static void
yomi_col_top(int i, double *a, double *b)
{
	*a = KARUTA_SAFE + (i == 0 ? MM(2.5) : (i < 3 ? i : 2) * YOMI_STEP);
	*b = i == 0 ? 2 * YOMI_CIRCLE : 0;
}

/* The largest size (up to YOMI_MAX_SIZE) at which a verse fits: every
 * column down to YOMI_BOTTOM, the last one's left edge in the safe area. */
static double
verse_fit(struct kctx *k, const struct karuta_card *c)
{
	double		 size = YOMI_MAX_SIZE, len, a, b, fit;
	const char	*at;
	size_t		 n;
	int		 col;

	for (col = 0; nth_phrase(c->verse.s, "　", col, &at, &n); col++) {
		len = phrase(k, NULL, 0, 0, 1, at, n, NULL, 0);
		yomi_col_top(col, &a, &b);
		fit = (k->g.ch - YOMI_BOTTOM - a) / (len + b);
		if (fit < size)
			size = fit;
	}
	fit = (k->g.cw - 2 * KARUTA_SAFE) / (1.6 + 2.1 * (col - 1));
	return fit < size ? fit : size;
}

/* The deck's verse size: one for all cards, the largest at which all fit,
 * but not below YOMI_MIN_SIZE -- a verse that needs less gets less alone. */
static double
verse_size(struct kctx *k)
{
	const struct karuta_deck	*d = &k->pc->s->karuta;
	double				 size = YOMI_MAX_SIZE, fit;
	size_t				 i;

	for (i = 0; i < d->n; i++)
		if ((fit = verse_fit(k, d->sorted[i])) < size)
			size = fit;
	return size < YOMI_MIN_SIZE ? YOMI_MIN_SIZE : size;
}

static void
yomi_front(struct kctx *k, struct dl_page *p, const struct karuta_card *c,
    double x, double y)
{
	const double	 w = k->g.cw, h = k->g.ch, b = k->g.bleed;
	const double	 size = MIN(k->verse_size, verse_fit(k, c));
	const double	 cr = YOMI_CIRCLE * size, cx = x + yomi_col_x(k, 0, size);
	double		 top, grow;
	const char	*at, *r;
	size_t		 n, rn;
	int		 col;

	dl_rect(p, x - b, y - b, w + 2 * b, h + 2 * b, COLOR_YOMI_BG,
	    COLOR_NONE, 0);
	dl_circle(p, cx, y + KARUTA_SAFE + cr, cr, COLOR_BRAND, COLOR_NONE, 0);
	centred(k, p, cx, y + KARUTA_SAFE + cr, F_BOLD, cr * 1.35,
	    COLOR_WHITE, c->kana.s);
	for (col = 0; nth_phrase(c->verse.s, "　", col, &at, &n); col++) {
		if (!c->yomi_ok || !nth_phrase(c->yomi.s, " ", col, &r, &rn))
			r = NULL, rn = 0;
		yomi_col_top(col, &top, &grow);
		(void)phrase(k, p, x + yomi_col_x(k, col, size),
		    y + top + grow * size, size, at, n, r, rn);
	}
	(void)dl_string(k->d, p, &k->pc->fonts, x + KARUTA_SAFE,
	    y + h - KARUTA_SAFE, F_BOLD, fitted(k, F_BOLD, 6.5, w - 2 *
	    KARUTA_SAFE, c->theme.s), COLOR_SOFT, TS_LEFT, c->theme.s);
}

/* 菱: a lattice of diagonals over the bleed, centred on the card so that
 * it is the same mirrored. */
static void
lattice(struct dl_page *p, double x0, double y0, double x1, double y1)
{
	const double	 step = MM(4.5), cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
	int		 i, n = (int)((x1 - x0 + y1 - y0) / step) + 1;

	for (i = -n; i <= n; i++) {
		double kd = cx - cy + i * step, ka = cx + cy + i * step;
		double a = MAX(x0, y0 + kd), e = MIN(x1, y1 + kd);

		if (a < e)		/* y = x - kd */
			dl_line(p, a, a - kd, e, e - kd, COLOR_LATTICE, 0.6);
		a = MAX(x0, ka - y1);
		e = MIN(x1, ka - y0);
		if (a < e)		/* y = ka - x */
			dl_line(p, a, ka - a, e, ka - e, COLOR_LATTICE, 0.6);
	}
}

static void
back(struct kctx *k, struct dl_page *p, enum kkind kind, double x, double y)
{
	const double	 w = k->g.cw, h = k->g.ch, b = k->g.bleed;
	const double	 cx = x + w / 2, cy = y + h / 2;

	dl_rect(p, x - b, y - b, w + 2 * b, h + 2 * b, COLOR_BRAND, COLOR_NONE,
	    0);
	lattice(p, x - b, y - b, x + w + b, y + h + b);
	dl_circle(p, cx, cy, MM(12), COLOR_WHITE, COLOR_NONE, 0);
	centred(k, p, cx, cy, F_BOLD, 15, COLOR_BRAND,
	    kind == K_YOMI ? "読み札" : "絵札");
	dl_rect(p, x + KARUTA_SAFE, y + MM(7), w - 2 * KARUTA_SAFE, MM(6),
	    COLOR_BRAND, COLOR_NONE, 0);
	centred(k, p, cx, y + MM(10), F_BOLD, fitted(k, F_BOLD, 7.5, w - 2 *
	    KARUTA_SAFE - MM(2), k->deck_title), COLOR_WHITE, k->deck_title);
	dl_rect(p, x + KARUTA_SAFE, y + h - MM(12.5), w - 2 * KARUTA_SAFE,
	    MM(5.5), COLOR_BRAND, COLOR_NONE, 0);
	centred(k, p, cx, y + h - MM(9.75), F_BOLD, fitted(k, F_BOLD, 6.5,
	    w - 2 * KARUTA_SAFE - MM(2), k->site_title), COLOR_WHITE,
	    k->site_title);
}

/* ----- sheets ---------------------------------------------------------- */

static struct dl_page *
sheet(struct kctx *k)
{
	struct dl_page		*p = dl_page_new(k->d, A4_W, A4_H);
	const struct kgrid	*g = &k->g;

	p->trim[0] = g->x0;
	p->trim[1] = g->y0;
	p->trim[2] = g->cols * g->cw + (g->cols - 1) * MM(KARUTA_GUTTER);
	p->trim[3] = g->rows * g->ch + (g->rows - 1) * MM(KARUTA_GUTTER);
	p->bleed[0] = p->trim[0] - g->bleed;
	p->bleed[1] = p->trim[1] - g->bleed;
	p->bleed[2] = p->trim[2] + 2 * g->bleed;
	p->bleed[3] = p->trim[3] + 2 * g->bleed;
	return p;
}

static void
record(struct kctx *k, enum kkind kind, int row, int col, size_t i,
    double x, double y)
{
	struct kcard *c;

	if (k->ncards == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 64;
		k->cards = xrealloc(k->cards, k->cap * sizeof(*k->cards));
	}
	c = &k->cards[k->ncards++];
	c->page = k->d->npages - 1;
	c->kind = kind;
	c->row = row;
	c->col = col;
	c->number = (int)i + 1;
	c->card = k->pc->s->karuta.sorted[i];
	c->x = x;
	c->y = y;
}

/*
 * The order of the cards on the sheets: the 読み札 that fill whole sheets,
 * then the 絵札 that do, then the rest of both together, so that the deck
 * wastes at most one part-filled sheet (46 cards, 9 a sheet: ten full
 * sheets and one with the two ん).  Job j is card j % n, kind j / n.
 */
static size_t *
sheet_order(size_t n, size_t per)
{
	size_t	*order = xmalloc(2 * n * sizeof(*order)), full = n - n % per;
	size_t	 i, o = 0;

	for (i = 0; i < full; i++)
		order[o++] = i;
	for (i = 0; i < full; i++)
		order[o++] = n + i;
	for (i = full; i < n; i++)
		order[o++] = i;
	for (i = full; i < n; i++)
		order[o++] = n + i;
	return order;
}

/* The sheets: fronts, each followed by its back, mirrored for a
 * long-edge flip. */
static void
sheets(struct kctx *k)
{
	const struct karuta_deck	*d = &k->pc->s->karuta;
	const struct kgrid		*g = &k->g;
	size_t				 per = (size_t)(g->cols * g->rows);
	size_t				*order = sheet_order(d->n, per);
	size_t				 first, j;
	int				 side;

	for (first = 0; first < 2 * d->n; first += per)
		for (side = K_FRONT; side <= K_BACK; side++) {
			struct dl_page *p = sheet(k);

			for (j = first; j < 2 * d->n && j < first + per; j++) {
				size_t		i = order[j] % d->n;
				enum kkind	kind = order[j] < d->n ? K_YOMI :
						    K_E;
				int		row = (int)((j - first) /
						    (size_t)g->cols);
				int		col = (int)((j - first) %
						    (size_t)g->cols);
				double		x = g->x0 + col * g->pitch_x;
				double		y = g->y0 + row * g->pitch_y;

				if (side == K_BACK) {
					x = A4_W - x - g->cw;
					col = g->cols - 1 - col;
					back(k, p, kind, x, y);
				} else if (kind == K_YOMI)
					yomi_front(k, p, d->sorted[i], x, y);
				else
					e_front(k, p, d->sorted[i], x, y);
				crop_marks(p, x, y, g->cw, g->ch, g->bleed);
				record(k, kind, row, col, i, x, y);
			}
		}
	free(order);
}

/* ----- the dump -------------------------------------------------------- */

#define D(v)	((v) / MM(1))

static void
dump(struct kctx *k, buf *out)
{
	const struct dl_doc	*d = k->d;
	size_t			 i, j, c = 0;

	buf_printf(out, "# karuta layout: mm from the page's top left, y "
	    "down\ngrid cols=%d rows=%d card=%.3f,%.3f bleed=%.3f\n",
	    k->g.cols, k->g.rows, D(k->g.cw), D(k->g.ch), D(k->g.bleed));
	for (i = 0; i < d->npages; i++) {
		const struct dl_page *p = &d->pages[i];

		buf_printf(out, "page %zu side=%s media=%.3f,%.3f "
		    "trim=%.3f,%.3f,%.3f,%.3f bleed=%.3f,%.3f,%.3f,%.3f\n",
		    i + 1, i % 2 ? "back" : "front", D(p->w), D(p->h), D(p->trim[0]),
		    D(p->trim[1]), D(p->trim[2]), D(p->trim[3]),
		    D(p->bleed[0]), D(p->bleed[1]), D(p->bleed[2]),
		    D(p->bleed[3]));
		for (; c < k->ncards && k->cards[c].page == i; c++) {
			const struct kcard *kc = &k->cards[c];

			buf_printf(out, "card page=%zu kind=%s number=%d kana=%s "
			    "row=%d col=%d trim=%.3f,%.3f,%.3f,%.3f\n", i + 1,
			    kc->kind == K_YOMI ? "yomi" : "e", kc->number,
			    kc->card->kana.s, kc->row + 1,
			    kc->col + 1, D(kc->x), D(kc->y), D(k->g.cw),
			    D(k->g.ch));
		}
		for (j = 0; j < p->n; j++) {
			const struct dl_item *it = &p->items[j];

			if (it->kind == DL_LINE && it->stroke == COLOR_REG)
				buf_printf(out, "mark page=%zu line=%.3f,%.3f,"
				    "%.3f,%.3f\n", i + 1, D(it->x), D(it->y),
				    D(it->x + it->w), D(it->y + it->h));
			else if (it->kind == DL_RECT)
				buf_printf(out, "rect page=%zu box=%.3f,%.3f,"
				    "%.3f,%.3f fill=%06x\n", i + 1, D(it->x),
				    D(it->y), D(it->w), D(it->h),
				    it->fill & 0xffffffu);
			else if (it->kind == DL_TEXT)
				buf_printf(out, "text page=%zu at=%.3f,%.3f "
				    "size=%.2f turned=%d w=%.3f |%s|\n", i + 1,
				    D(it->x), D(it->y), it->size, it->turned,
				    D(pf_measure(&k->pc->fonts, it->font,
				    it->size, it->text, strlen(it->text))),
				    it->text);
		}
	}
}

int
karuta_build(struct pctx *pc, struct dl_doc *d, buf *dumpbuf)
{
	struct kctx	k;
	int		rc = 0;

	memset(&k, 0, sizeof(k));
	k.pc = pc;
	k.d = d;
	grid_init(&k.g);
	k.deck_title = pc->s->karuta.title.s != NULL ? pc->s->karuta.title.s :
	    "かるた";
	k.site_title = pc->s->meta.title.s != NULL ? pc->s->meta.title.s : "";
	d->title = k.deck_title;
	d->author = pc->org;
	d->subject = "かるた：読み札と絵札（印刷して切り取る）";
	d->days = pc->days;
	if (check_deck(&k) > 0)
		rc = -1;
	else {
		k.tt = tate_new(&pc->fonts);
		k.verse_size = verse_size(&k);
		sheets(&k);
		if (dumpbuf != NULL)
			dump(&k, dumpbuf);
		tate_free(k.tt);
	}
	source_free(&k.src);
	free(k.cards);
	return rc;
}
