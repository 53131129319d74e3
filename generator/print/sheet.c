/*
 * sheet.c -- worksheets on paper, from a calculator's definition
 * (struct calc): the questions with a tick box for every answer, the
 * points of each answer, per-part boxes for the count and subtotal, the
 * total, the bands and the levels.  A score calculator (the 自社診断)
 * gets points and subtotals; a checklist gets a memo line under each item
 * instead, which makes incident-first-steps a card to fill in and keep by
 * the computer.  The range of totals comes from the scoring core itself
 * (score_eval), the same code the web page runs.
 */
#include <stdlib.h>
#include <string.h>

#include "../model/calc.h"
#include "../model/facts.h"
#include "../model/site.h"
#include "../score/score.h"
#include "print_int.h"

#define Q_SIZE		9.5
#define Q_LEADING	(Q_SIZE * 1.4)
#define HEAD_SIZE	7.5
#define BOX		11.0
#define ROW_PAD		2.5

struct sheet {
	struct flow		*f;
	struct pctx		*pc;
	struct page		*p;
	struct calc		*c;
	int			 score;		/* points and subtotals */
	double			 x_no, w_no, x_q, w_q, x_ch, w_ch;
	double			 head_h;
};

/* "4点", "−1点" (a real minus sign, as the content writes it). */
static void
points(buf *b, long long v, const char *unit)
{
	if (v < 0)
		buf_printf(b, "−%lld%s", -v, unit);
	else
		buf_printf(b, "%lld%s", v, unit);
}

/* Set text in a box; returns the height of its lines. */
static double
text_at(struct sheet *S, const char *s, src_pos pos, int font, double size,
    double leading, uint32_t color, double x, double y, double w,
    enum ts_align al, int draw)
{
	struct ts_para		p;
	struct ts_layout	l;
	double			h = 0;

	if (s == NULL || *s == '\0')
		return 0;
	memset(&p, 0, sizeof(p));
	(void)pf_check_at(&S->pc->fonts, font, s, pos);
	ts_para_set(&p, font, size, color, s);
	if (flow_layout(S->f, &p, w, al, 0, &l) == 0) {
		h = (double)l.nlines * leading;
		if (draw)
			flow_place(S->f, &p, &l, 0, l.nlines, x, y, leading);
		ts_layout_free(&l);
	}
	ts_para_free(&p);
	return h;
}

static src_pos
nowhere(void)
{
	return src_at(NULL, 0, 0);
}

static void
tick_box(struct sheet *S, double cx, double cy)
{
	dl_rect(S->f->page, cx - BOX / 2, cy - BOX / 2, BOX, BOX, COLOR_WHITE,
	    COLOR_TEXT, 0.9);
}

/* The head of the question table: No. | 質問 | one column per answer. */
static double
table_head(struct sheet *S, int draw)
{
	struct flow	*f = S->f;
	double		 y = f->y, h = 0, t;
	size_t		 k;
	buf		 b = BUF_INIT;

	for (k = 0; k < S->c->nchoices; k++) {
		const struct calc_choice *ch = &S->c->choices[k];

		t = text_at(S, ch->label.s, ch->label.pos, TS_PGOTHIC_BOLD,
		    HEAD_SIZE, HEAD_SIZE * 1.3, COLOR_TEXT, 0, 0, S->w_ch - 4,
		    TS_CENTER, 0);
		if (S->score)
			t += HEAD_SIZE * 1.5;
		if (t > h)
			h = t;
	}
	h += 2 * ROW_PAD;
	if (!draw)
		return h;
	dl_rect(f->page, S->x_no, y, S->x_ch + S->w_ch * (double)S->c->nchoices
	    - S->x_no, h, COLOR_TINT, COLOR_NONE, 0);
	(void)text_at(S, "番号", nowhere(), TS_PGOTHIC_BOLD, HEAD_SIZE,
	    HEAD_SIZE * 1.3, COLOR_TEXT, S->x_no, y + h / 2 - HEAD_SIZE * 0.65,
	    S->w_no, TS_CENTER, 1);
	(void)text_at(S, S->score ? "質問" : "項目", nowhere(), TS_PGOTHIC_BOLD,
	    HEAD_SIZE, HEAD_SIZE * 1.3, COLOR_TEXT, S->x_q + 4,
	    y + h / 2 - HEAD_SIZE * 0.65, S->w_q - 8, TS_LEFT, 1);
	for (k = 0; k < S->c->nchoices; k++) {
		const struct calc_choice *ch = &S->c->choices[k];
		double x = S->x_ch + S->w_ch * (double)k;

		t = text_at(S, ch->label.s, ch->label.pos, TS_PGOTHIC_BOLD,
		    HEAD_SIZE, HEAD_SIZE * 1.3, COLOR_TEXT, x + 2, y + ROW_PAD,
		    S->w_ch - 4, TS_CENTER, 1);
		if (S->score) {
			buf_truncate(&b, 0);
			points(&b, ch->points.v, "点");
			(void)text_at(S, b.data, nowhere(), TS_PGOTHIC_BOLD,
			    HEAD_SIZE + 1, HEAD_SIZE * 1.5, COLOR_BRAND, x + 2,
			    y + h - ROW_PAD - HEAD_SIZE * 1.5, S->w_ch - 4,
			    TS_CENTER, 1);
		}
		dl_line(f->page, x, y, x, y + h, COLOR_RULE, 0.4);
	}
	dl_line(f->page, S->x_no, y, S->x_ch + S->w_ch *
	    (double)S->c->nchoices, y, COLOR_BRAND, 0.8);
	dl_line(f->page, S->x_no, y + h, S->x_ch + S->w_ch *
	    (double)S->c->nchoices, y + h, COLOR_BRAND, 0.8);
	f->y += h;
	f->fresh = 0;
	buf_free(&b);
	return h;
}

/* Room for h more points, else a new page with the head again. */
static void
need(struct sheet *S, double h)
{
	struct flow *f = S->f;

	if (f->y + h > f->bottom + 0.01) {
		flow_new_page(f);
		(void)table_head(S, 1);
	}
}

static double
right_edge(const struct sheet *S)
{
	return S->x_ch + S->w_ch * (double)S->c->nchoices;
}

static void
part_row(struct sheet *S, const struct calc_part *part, size_t k,
    double first_row)
{
	struct flow	*f = S->f;
	double		 h = Q_SIZE * 1.9;
	buf		 t = BUF_INIT;

	if (S->c->nparts < 2 || part->title.s == NULL)
		return;
	need(S, h + first_row);
	buf_printf(&t, "%zu. %s", k + 1, part->title.s);
	dl_rect(f->page, S->x_no, f->y, right_edge(S) - S->x_no, h,
	    COLOR_BRAND, COLOR_NONE, 0);
	(void)text_at(S, t.data, part->title.pos, TS_PGOTHIC_BOLD, Q_SIZE,
	    h, COLOR_WHITE, S->x_no + 6, f->y, right_edge(S) - S->x_no - 12,
	    TS_LEFT, 1);
	f->y += h;
	buf_free(&t);
}

static double
item_height(struct sheet *S, const struct calc_item *it)
{
	double h = text_at(S, it->text.s, it->text.pos, TS_PGOTHIC, Q_SIZE,
	    Q_LEADING, COLOR_TEXT, 0, 0, S->w_q - 8, TS_JUSTIFY, 0);

	if (!S->score)
		h += text_at(S, it->short_label.s, it->short_label.pos,
		    TS_PGOTHIC_BOLD, Q_SIZE + 0.5, Q_LEADING, COLOR_TEXT, 0, 0,
		    S->w_q - 8, TS_LEFT, 0) + 1.6 * Q_LEADING;
	if (h < BOX + 4)
		h = BOX + 4;
	return h + 2 * ROW_PAD;
}

static void
item_row(struct sheet *S, const struct calc_item *it)
{
	struct flow	*f = S->f;
	double		 h = item_height(S, it), y, x;
	size_t		 k;
	char		 num[32];

	need(S, h);
	y = f->y + ROW_PAD;
	snprintf(num, sizeof(num), "%d", it->number);
	(void)text_at(S, num, nowhere(), TS_PGOTHIC_BOLD, Q_SIZE + 1, Q_LEADING,
	    COLOR_BRAND, S->x_no, y, S->w_no, TS_CENTER, 1);
	x = S->x_q + 4;
	if (!S->score) {
		y += text_at(S, it->short_label.s, it->short_label.pos,
		    TS_PGOTHIC_BOLD, Q_SIZE + 0.5, Q_LEADING, COLOR_TEXT, x, y,
		    S->w_q - 8, TS_LEFT, 1);
	}
	y += text_at(S, it->text.s, it->text.pos, TS_PGOTHIC, Q_SIZE,
	    Q_LEADING, COLOR_TEXT, x, y, S->w_q - 8, TS_JUSTIFY, 1);
	if (!S->score) {
		/* A line to write on: names, numbers, dates. */
		(void)text_at(S, "メモ", nowhere(), TS_PGOTHIC, 7.5, Q_LEADING,
		    COLOR_SOFT, x, y + 0.5 * Q_LEADING, 30, TS_LEFT, 1);
		dl_line(f->page, x + 22, y + 1.45 * Q_LEADING, S->x_ch - 6,
		    y + 1.45 * Q_LEADING, COLOR_RULE, 0.6);
	}
	for (k = 0; k < S->c->nchoices; k++)
		tick_box(S, S->x_ch + S->w_ch * ((double)k + 0.5), f->y + h / 2);
	for (k = 0; k <= S->c->nchoices; k++)
		dl_line(f->page, S->x_ch + S->w_ch * (double)k, f->y,
		    S->x_ch + S->w_ch * (double)k, f->y + h, COLOR_RULE, 0.4);
	dl_line(f->page, S->x_no, f->y + h, right_edge(S), f->y + h,
	    COLOR_RULE, 0.4);
	f->y += h;
}

/* Under a part: a box per answer for the number of ticks, and one for
 * the part's subtotal. */
static void
subtotal_row(struct sheet *S, size_t part)
{
	struct flow	*f = S->f;
	double		 h = 2.3 * Q_SIZE, bw = S->w_ch - 24, lw, x;
	size_t		 k;
	buf		 t = BUF_INIT;

	need(S, h + 4);
	/* Left: the part's subtotal box; right: a count box per answer. */
	buf_printf(&t, "%zu. %sの小計", part + 1,
	    S->c->parts[part].title.s ? S->c->parts[part].title.s : "");
	x = S->x_no + 4;
	lw = pf_measure(&S->pc->fonts, TS_PGOTHIC_BOLD, Q_SIZE, t.data, t.len);
	(void)text_at(S, t.data, S->c->parts[part].title.pos, TS_PGOTHIC_BOLD,
	    Q_SIZE, h, COLOR_TEXT, x, f->y, lw + 2, TS_LEFT, 1);
	x += lw + 6;
	dl_rect(f->page, x, f->y + 3, 4.5 * Q_SIZE, h - 6, COLOR_WHITE,
	    COLOR_BRAND, 1.2);
	(void)text_at(S, "点", nowhere(), TS_PGOTHIC_BOLD, Q_SIZE, h,
	    COLOR_TEXT, x + 4.5 * Q_SIZE + 3, f->y, 2 * Q_SIZE, TS_LEFT, 1);
	(void)text_at(S, "✓の数", nowhere(), TS_PGOTHIC_BOLD, Q_SIZE - 1, h,
	    COLOR_TEXT, S->x_q, f->y, S->w_q - 6, TS_RIGHT, 1);
	for (k = 0; k < S->c->nchoices; k++) {
		double cx = S->x_ch + S->w_ch * (double)k;

		dl_rect(f->page, cx + 7, f->y + 3, bw, h - 6, COLOR_WHITE,
		    COLOR_TEXT, 0.6);
		(void)text_at(S, "個", nowhere(), TS_PGOTHIC, 7.5, h, COLOR_SOFT,
		    cx + 7 + bw + 2, f->y, 10, TS_LEFT, 1);
	}
	f->y += h + 2;
	dl_line(f->page, S->x_no, f->y, right_edge(S), f->y, COLOR_BRAND, 0.8);
	f->y += 2;
	buf_free(&t);
}

/* The range of totals, from the scoring core: no answers at all gives the
 * lowest and highest totals possible. */
static int
score_range(const struct calc *c, long long *lo, long long *hi)
{
	uint32_t	 nout = c->ok ? score_out_len(c->prog, c->words) : 0;
	int64_t		*out;
	uint8_t		*ans;
	int32_t		 st;

	if (nout == 0)
		return -1;
	out = xcalloc(nout, sizeof(*out));
	ans = xcalloc(c->nitems + 1, 1);
	st = score_eval(c->prog, c->words, ans, (uint32_t)c->nitems, NULL, 0,
	    out, nout);
	*lo = out[SCORE_OUT_MIN];
	*hi = out[SCORE_OUT_MAX];
	free(out);
	free(ans);
	return st == SCORE_OK ? 0 : -1;
}

/* A write-in box with a label before it and a unit after. */
static void
write_box(struct sheet *S, const char *label, src_pos pos, double x,
    double w_label, double w_box, const char *unit, double h, int strong)
{
	struct flow *f = S->f;

	(void)text_at(S, label, pos, TS_PGOTHIC_BOLD, strong ? 11 : Q_SIZE, h,
	    COLOR_TEXT, x, f->y, w_label - 6, TS_RIGHT, 1);
	dl_rect(f->page, x + w_label, f->y + 2, w_box, h - 4, COLOR_WHITE,
	    strong ? COLOR_BRAND : COLOR_TEXT, strong ? 1.4 : 0.7);
	(void)text_at(S, unit, nowhere(), TS_PGOTHIC_BOLD, strong ? 11 : Q_SIZE,
	    h, COLOR_TEXT, x + w_label + w_box + 3, f->y, 20, TS_LEFT, 1);
}

static void
totals(struct sheet *S)
{
	struct flow	*f = S->f;
	double		 h = 2.2 * Q_SIZE, wl = S->x_ch - f->left;
	double		 wb = S->w_ch * (double)S->c->nchoices - 26;
	long long	 lo, hi;
	buf		 t = BUF_INIT;

	flow_need(f, 3 * h);
	f->y += 0.5 * BODY_LEADING;
	buf_truncate(&t, 0);
	if (S->score && S->c->nparts >= 2)
		buf_printf(&t, "合計（1〜%zuの小計を足す）", S->c->nparts);
	else if (S->score)
		buf_puts(&t, "合計");
	else
		buf_printf(&t, "「%s」の数", S->c->choices[0].label.s);
	write_box(S, t.data, nowhere(), f->left, wl, wb, S->score ? "点" : "個",
	    h * 1.25, 1);
	f->y += h * 1.25;
	if (S->score && score_range(S->c, &lo, &hi) == 0) {
		buf_truncate(&t, 0);
		buf_puts(&t, "合計は、");
		points(&t, lo, "点");
		buf_puts(&t, "から");
		points(&t, hi, "点");
		buf_puts(&t, "のあいだになります。");
		f->y += text_at(S, t.data, nowhere(), TS_PGOTHIC, 8.5, 8.5 * 1.5,
		    COLOR_SOFT, f->left + wl, f->y, f->width - wl, TS_LEFT, 1);
	}
	f->y += 0.3 * BODY_LEADING;
	buf_free(&t);
}

static void
cell_set(struct pb_block *b, size_t r, size_t c, int font, const char *s)
{
	ts_para_set(&b->cells[r * b->cols + c], font, BODY_SIZE - 1.5,
	    COLOR_TEXT, s != NULL ? s : "");
}

/* The bands as a table: range, result, share of companies nationwide. */
static void
bands(struct sheet *S)
{
	struct pb_block	 b;
	const struct calc_band *bd = S->c->m.bands.items;
	size_t		 n = S->c->m.bands.n, i, k;
	int		 national = 0;
	buf		 t = BUF_INIT;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		if (bd[i].national_text != NULL)
			national = 1;
	memset(&b, 0, sizeof(b));
	b.kind = PB_TABLE;
	b.cols = national ? 3 : 2;
	b.rows = n + 1;
	b.head_rows = 1;
	b.cells = xcalloc(b.rows * b.cols, sizeof(*b.cells));
	b.align = xcalloc(b.cols, 1);
	b.align[0] = 2;
	buf_printf(&t, "「%s」の数", S->c->choices[0].label.s);
	cell_set(&b, 0, 0, TS_PGOTHIC_BOLD, S->score ? "合計点" : t.data);
	cell_set(&b, 0, 1, TS_PGOTHIC_BOLD, "結果");
	if (national)
		cell_set(&b, 0, 2, TS_PGOTHIC_BOLD, "全国の会社の割合");
	for (i = 0; i < n; i++) {
		const char *unit = S->score ? "点" : "個";

		buf_truncate(&t, 0);
		if (bd[i].min.v == bd[i].max.v)
			points(&t, bd[i].min.v, unit);
		else {
			points(&t, bd[i].min.v, "");
			buf_puts(&t, "〜");
			points(&t, bd[i].max.v, unit);
		}
		cell_set(&b, i + 1, 0, TS_PGOTHIC_BOLD, t.data);
		(void)pf_check_at(&S->pc->fonts, TS_PGOTHIC, bd[i].label.s,
		    bd[i].label.pos);
		cell_set(&b, i + 1, 1, TS_PGOTHIC, bd[i].label.s);
		if (national && bd[i].national_text != NULL) {
			buf_truncate(&t, 0);
			buf_puts(&t, bd[i].national_text);
			if (t.len > 0 && t.data[t.len - 1] != '%')
				buf_putc(&t, '%');
			cell_set(&b, i + 1, 2, TS_PGOTHIC, t.data);
		}
	}
	flow_need(S->f, (double)(n + 2) * 2 * Q_SIZE);
	buf_truncate(&t, 0);
	buf_printf(&t, "%sで分かること", S->score ? "合計点" : "この数");
	(void)text_at(S, t.data, nowhere(), TS_PGOTHIC_BOLD, 10.5, 10.5 * 1.6, COLOR_BRAND,
	    S->f->left, S->f->y, S->f->width, TS_LEFT, 1);
	S->f->y += 10.5 * 1.6;
	flow_table(S->f, &b, 0);
	for (k = 0; k < b.rows * b.cols; k++)
		ts_para_free(&b.cells[k]);
	free(b.cells);
	free(b.align);
	buf_free(&t);
}

/* Levels (SECURITY ACTION ★): a box to tick and the requirements. */
static void
levels(struct sheet *S)
{
	struct flow		*f = S->f;
	const struct calc_level	*lv = S->c->m.levels.items;
	size_t			 i, j;
	buf			 t = BUF_INIT;

	for (i = 0; i < S->c->m.levels.n; i++) {
		const struct calc_req *rq = lv[i].require.items;
		double h;

		buf_truncate(&t, 0);
		for (j = 0; j < lv[i].require.n; j++)
			if (rq[j].text.s != NULL)
				buf_printf(&t, "%s%s", t.len ? "。" : "",
				    rq[j].text.s);
		h = text_at(S, t.data, nowhere(), TS_PGOTHIC, Q_SIZE, Q_LEADING,
		    COLOR_TEXT, 0, 0, f->width - 2 * BOX, TS_JUSTIFY, 0) +
		    Q_LEADING;
		flow_need(f, h + 6);
		tick_box(S, f->left + BOX / 2 + 1, f->y + Q_LEADING / 2);
		(void)text_at(S, lv[i].label.s, lv[i].label.pos,
		    TS_PGOTHIC_BOLD, Q_SIZE + 0.5, Q_LEADING, COLOR_BRAND,
		    f->left + 1.8 * BOX, f->y, f->width - 2 * BOX, TS_LEFT, 1);
		(void)text_at(S, t.data, nowhere(), TS_PGOTHIC, Q_SIZE,
		    Q_LEADING, COLOR_TEXT, f->left + 1.8 * BOX, f->y + Q_LEADING,
		    f->width - 2 * BOX, TS_JUSTIFY, 1);
		f->y += h + 6;
	}
	buf_free(&t);
}

/* The web version (QR), the comparison and the source. */
static void
foot(struct sheet *S)
{
	struct flow	*f = S->f;
	const struct calc_comparison *cmp = &S->c->m.comparison;
	const struct fact *mean = cmp->mean_fact.s ? facts_find(S->pc->s,
	    cmp->mean_fact.s, cmp->mean_fact.len) : NULL;
	const struct fact *n = cmp->n_fact.s ? facts_find(S->pc->s,
	    cmp->n_fact.s, cmp->n_fact.len) : NULL;
	double		 qs = MM(21), x = f->left + qs + MM(4), y, src_h;
	buf		 url = BUF_INIT, t = BUF_INIT;

	pctx_url(S->pc, S->p, &url);
	if (mean != NULL) {
		buf_printf(&t, "全国の中小企業");
		if (n != NULL)
			buf_printf(&t, "（%s%s）", n->value.s, n->unit.s ?
			    n->unit.s : "");
		buf_printf(&t, "の平均は%s%sです。", mean->value.s,
		    mean->unit.s ? mean->unit.s : "");
		flow_need(f, Q_LEADING);
		f->y += text_at(S, t.data, nowhere(), TS_PGOTHIC, Q_SIZE,
		    Q_LEADING, COLOR_TEXT, f->left, f->y, f->width, TS_LEFT, 1);
		f->y += 0.3 * BODY_LEADING;
	}
	src_h = text_at(S, S->c->m.source.s, S->c->m.source.pos, TS_PGOTHIC,
	    7, 7 * 1.5, COLOR_SOFT, 0, 0, f->width, TS_JUSTIFY, 0);
	flow_need(f, qs + src_h + 0.4 * BODY_LEADING);
	y = f->y;
	(void)qr_place(f->page, f->left, y, qs, url.data);
	buf_truncate(&t, 0);
	buf_puts(&t, S->score ? "ウェブ版なら、その場で採点できます" :
	    "ウェブ版でも確かめられます");
	y += text_at(S, t.data, nowhere(), TS_PGOTHIC_BOLD, 10.5, 10.5 * 1.6,
	    COLOR_BRAND, x, y + MM(2), f->left + f->width - x, TS_LEFT, 1) +
	    MM(2);
	buf_truncate(&t, 0);
	buf_puts(&t, S->score ? "点数、全国の会社との比べ方、項目ごとの"
	    "「次の一歩」が表示されます。答えは、どこにも送られません。" :
	    "項目ごとの「次の一歩」と、くわしい説明のページが分かります。");
	y += text_at(S, t.data, nowhere(), TS_PGOTHIC, Q_SIZE, Q_LEADING,
	    COLOR_TEXT, x, y, f->left + f->width - x, TS_JUSTIFY, 1);
	(void)text_at(S, url.data, nowhere(), TS_PGOTHIC, Q_SIZE, Q_LEADING,
	    COLOR_LINK, x, y, f->left + f->width - x, TS_LEFT, 1);
	dl_uri(f->doc, f->page, f->left, f->y, qs, qs, url.data);
	f->y += qs + 0.4 * BODY_LEADING;
	buf_truncate(&t, 0);
	if (S->c->m.source.s != NULL) {
		buf_printf(&t, "出典：%s", S->c->m.source.s);
		f->y += text_at(S, t.data, S->c->m.source.pos, TS_PGOTHIC, 7,
		    7 * 1.5, COLOR_SOFT, f->left, f->y, f->width, TS_JUSTIFY, 1);
	}
	buf_free(&url);
	buf_free(&t);
}

int
sheet_flow(struct flow *f, struct pctx *pc, struct page *p)
{
	struct sheet	 S;
	double		 left = f->left, width = f->width;
	size_t		 i, k;
	buf		 t = BUF_INIT;

	if (p->calc == NULL || !p->calc->ok)
		return -1;
	memset(&S, 0, sizeof(S));
	S.f = f;
	S.pc = pc;
	S.p = p;
	S.c = p->calc;
	S.score = S.c->kind == CALC_SCORE;
	f->left = MM(16);
	f->width = f->pw - 2 * MM(16);
	flow_new_page(f);
	(void)pf_check_at(&pc->fonts, TS_PGOTHIC_BOLD, p->meta.title.s,
	    p->meta.title.pos);
	flow_heading(f, p->meta.title.s, 0, 0);
	(void)text_at(&S, "記入日　　　年　　月　　日　　会社名・お名前",
	    nowhere(), TS_PGOTHIC, Q_SIZE, Q_LEADING, COLOR_TEXT, f->left,
	    f->y, f->width, TS_LEFT, 1);
	dl_line(f->page, f->left + 21 * Q_SIZE, f->y + Q_LEADING,
	    f->left + f->width, f->y + Q_LEADING, COLOR_TEXT, 0.6);
	f->y += 1.6 * Q_LEADING;
	if (S.score) {
		buf_puts(&t, "それぞれの質問に、当てはまる答えの□に✓を付けて"
		    "ください。点数は");
		for (k = 0; k < S.c->nchoices; k++) {
			buf_printf(&t, "%s「%s」", k ? "、" : "",
			    S.c->choices[k].label.s);
			points(&t, S.c->choices[k].points.v, "点");
		}
		buf_puts(&t, "です。答えに迷ったら「わからない」を選んでかまい"
		    "ません。");
		if (S.c->nparts >= 2)
			buf_puts(&t, "各部の終わりで列ごとの✓の数を書き、"
			    "それぞれに点数を掛けて足すと、その部の小計です。");
	} else
		buf_printf(&t, "それぞれの項目が自社で「%s」か「%s」か、□に✓を"
		    "付けてください。メモの欄には、連絡先や担当者、いつまでに"
		    "やるかを書き込めます。", S.c->choices[0].label.s,
		    S.c->nchoices > 1 ? S.c->choices[1].label.s : "");
	f->y += text_at(&S, t.data, nowhere(), TS_PGOTHIC, BODY_SIZE - 0.5,
	    (BODY_SIZE - 0.5) * 1.6, COLOR_TEXT, f->left, f->y, f->width,
	    TS_JUSTIFY, 1) + 0.4 * BODY_LEADING;
	S.w_no = 2.6 * Q_SIZE;
	S.w_ch = S.score ? 5.4 * Q_SIZE : 5.6 * Q_SIZE;
	S.x_no = f->left;
	S.x_q = S.x_no + S.w_no;
	S.w_q = f->width - S.w_no - S.w_ch * (double)S.c->nchoices;
	S.x_ch = S.x_q + S.w_q;
	flow_need(f, table_head(&S, 0) + Q_SIZE * 2 + 40);
	(void)table_head(&S, 1);
	for (i = 0, k = 0; i < S.c->nparts; i++) {
		const struct calc_part	*part = &S.c->parts[i];
		size_t			 j;

		part_row(&S, part, i, S.c->nitems > k ?
		    item_height(&S, S.c->items[k]) : 0);
		for (j = 0; j < part->items.n; j++, k++)
			item_row(&S, S.c->items[k]);
		if (S.score && S.c->nparts >= 2)
			subtotal_row(&S, i);
	}
	totals(&S);
	bands(&S);
	levels(&S);
	foot(&S);
	f->left = left;
	f->width = width;
	buf_free(&t);
	return 0;
}

int
sheet_build(struct pctx *pc, struct page *p, struct dl_doc *d)
{
	struct flow		f;
	struct furniture	fu;
	buf			t = BUF_INIT;
	int			rc;

	memset(&f, 0, sizeof(f));
	fu.left = pc->s->meta.title.s;
	fu.right = pc->org;
	fu.numbers = 1;
	buf_printf(&t, "%s（記入用シート）", p->meta.title.s);
	d->title = arena_strdup(&d->a, t.data);
	d->author = pc->org;
	d->subject = p->meta.summary.s;
	d->days = pc->days;
	f.pc = pc;
	f.doc = d;
	f.pw = A4_W;
	f.ph = A4_H;
	f.top = MM(20);
	f.bottom = A4_H - MM(18);
	f.on_page = furniture_draw;
	f.on_page_ctx = &fu;
	rc = sheet_flow(&f, pc, p);
	buf_free(&t);
	return rc;
}
