/*
 * flow.c -- blocks onto pages.
 *
 * The text column is BODY_CHARS body characters wide; paragraphs are set
 * by the typesetter and placed line by line, with at least two lines of a
 * paragraph at the foot and at the head of a page (no orphans, no widows).
 * Headings keep with the first lines of what follows; charts and table
 * rows are never split; a table's head repeats on a new page.
 */
#include <stdlib.h>
#include <string.h>

#include "print_int.h"

#define EM		BODY_SIZE
#define LIST_INDENT	(1.5 * EM)
#define QUOTE_INDENT	(1.0 * EM)
#define PARA_GAP	(0.4 * BODY_LEADING)
#define CHART_LAYOUT_W	560.0	/* the chart's own width, scaled down */

void
flow_new_page(struct flow *f)
{
	f->page = dl_page_new(f->doc, f->pw, f->ph);
	f->y = f->top;
	f->fresh = 1;
	if (f->on_page != NULL)
		f->on_page(f, f->on_page_ctx);
}

void
flow_need(struct flow *f, double h)
{
	if (f->page == NULL || (!f->fresh && f->y + h > f->bottom + 0.01))
		flow_new_page(f);
}

void
flow_gap(struct flow *f, double h)
{
	if (!f->fresh)
		f->y += h;
}

void
ts_para_set(struct ts_para *p, int font, double size, uint32_t color,
    const char *s)
{
	struct ts_style st;

	memset(&st, 0, sizeof(st));
	st.font = font;
	st.size = size;
	st.color = color;
	ts_para_clear(p);
	ts_para_add(p, &st, s, strlen(s));
}

/* The size the lines are centred on: the largest unraised span. */
static double
nominal_size(const struct ts_para *p)
{
	double	s = 0;
	size_t	i;

	for (i = 0; i < p->nspans; i++)
		if (p->spans[i].st.rise == 0 && p->spans[i].st.size > s)
			s = p->spans[i].st.size;
	return s > 0 ? s : BODY_SIZE;
}

static void
opts(struct flow *f, struct ts_opts *o, double measure, enum ts_align al,
    double first_indent)
{
	memset(o, 0, sizeof(*o));
	o->measure = measure;
	o->first_indent = first_indent;
	o->align = al;
	o->phrases = al != TS_JUSTIFY;
	o->measure_fn = pf_measure;
	o->ctx = &f->pc->fonts;
}

/* Lines from..to-1 of a layout with their first line's top at y. */
void
flow_place(struct flow *f, const struct ts_para *p, const struct ts_layout *l,
    size_t from, size_t to, double x, double y, double leading)
{
	double	size = nominal_size(p);
	double	base = y + (leading - size) / 2 + 0.88 * size;
	buf	text = BUF_INIT;
	size_t	i, k;

	for (i = from; i < to; i++, base += leading) {
		const struct ts_line *ln = &l->lines[i];

		for (k = ln->first; k < ln->first + ln->n; k++) {
			const struct ts_piece	*pc = &l->pieces[k];
			const struct ts_style	*st = &p->spans[pc->span].st;

			dl_text(f->doc, f->page, x + pc->x, base, st->font,
			    st->size, st->color, pc->cs, st->rise,
			    p->text.data + pc->off, pc->len);
		}
		buf_truncate(&text, 0);
		ts_line_text(p, l, i, &text);
		dl_linebox(f->doc, f->page, x + ln->x, base, ln->w,
		    buf_str(&text), text.len);
	}
	buf_free(&text);
}

int
flow_layout(struct flow *f, const struct ts_para *p, double measure,
    enum ts_align al, double first_indent, struct ts_layout *l)
{
	struct ts_opts o;

	struct ts_layout	t;
	double			lo = measure / 2, hi = measure, mid, shift;
	size_t			k;

	opts(f, &o, measure, al, first_indent);
	if (ts_layout(p, &o, l) == -1) {
		diag_error(src_at("ICU", 0, 0), "行分割（ubrk_open ja@lb=strict）"
		    "に失敗しました");
		return -1;
	}
	if (al != TS_CENTER || l->nlines < 2)
		return 0;
	/* Centred lines are balanced: the narrowest measure that needs no
	 * more lines, so that no word is left alone on the last line. */
	for (k = 0; k < 10; k++) {
		mid = (lo + hi) / 2;
		o.measure = mid;
		if (ts_layout(p, &o, &t) == -1)
			return 0;
		if (t.nlines == l->nlines)
			hi = mid;
		else
			lo = mid;
		ts_layout_free(&t);
	}
	o.measure = hi;
	ts_layout_free(l);
	(void)ts_layout(p, &o, l);
	shift = (measure - hi) / 2;
	for (k = 0; k < l->npieces; k++)
		l->pieces[k].x += shift;
	for (k = 0; k < l->nlines; k++)
		l->lines[k].x += shift;
	return 0;
}

size_t
flow_count_lines(struct flow *f, const struct ts_para *p, double measure,
    double first_indent)
{
	struct ts_layout	l;
	size_t			n;

	if (flow_layout(f, p, measure, TS_JUSTIFY, first_indent, &l) == -1)
		return 0;
	n = l.nlines;
	ts_layout_free(&l);
	return n;
}

void
flow_para(struct flow *f, const struct ts_para *p, double indent,
    double measure, double leading, enum ts_align al, double first_indent)
{
	struct ts_layout	l;
	size_t			i = 0, n, fit, left;

	if (p->text.len == 0 || flow_layout(f, p, measure, al, first_indent,
	    &l) == -1)
		return;
	n = l.nlines;
	f->nseg = 0;
	while (i < n) {
		if (f->page == NULL)
			flow_new_page(f);
		fit = f->y + leading > f->bottom + 0.01 ? 0 :
		    (size_t)((f->bottom - f->y + 0.01) / leading);
		left = n - i;
		if (fit >= left)
			fit = left;
		else if (!f->fresh) {
			if (left - fit < 2)	/* a widow: pull one more */
				fit = left >= 2 ? (fit > left - 2 ? left - 2 :
				    fit) : 0;
			if (fit < 2) {		/* an orphan: all to the next */
				flow_new_page(f);
				continue;
			}
		} else if (fit == 0)
			fit = 1;		/* taller than a page */
		flow_place(f, p, &l, i, i + fit, f->left + indent, f->y,
		    leading);
		if (f->nseg < sizeof(f->seg) / sizeof(f->seg[0])) {
			f->seg[f->nseg].page = f->doc->npages - 1;
			f->seg[f->nseg].y0 = f->y;
			f->seg[f->nseg++].y1 = f->y + (double)fit * leading;
		}
		f->y += (double)fit * leading;
		f->fresh = 0;
		i += fit;
		if (i < n)
			flow_new_page(f);
	}
	ts_layout_free(&l);
}

void
flow_text(struct flow *f, const char *s, int font, double size,
    double leading, uint32_t color, double x, double w, enum ts_align al)
{
	struct ts_para p;

	memset(&p, 0, sizeof(p));
	ts_para_set(&p, font, size, color, s);
	flow_para(f, &p, x - f->left, w, leading, al, 0);
	ts_para_free(&p);
}

void
flow_a4(struct flow *f, struct pctx *pc, struct dl_doc *d)
{
	memset(f, 0, sizeof(*f));
	f->pc = pc;
	f->doc = d;
	f->pw = A4_W;
	f->ph = A4_H;
	f->width = BODY_CHARS * BODY_SIZE;
	f->left = (A4_W - f->width) / 2;
	f->top = MM(22);
	f->bottom = A4_H - MM(20);
}

/* ----- headings ---------------------------------------------------------- */

struct hstyle {
	double	 size, leading, before, after;
	uint32_t color;
	int	 bar;
};

static const struct hstyle *
hstyle(int level)
{
	static const struct hstyle h[] = {
		{ 18.0, 18.0 * 1.35, 0, BODY_LEADING, COLOR_BRAND, 0 },
		{ 13.5, 13.5 * 1.45, 1.0 * BODY_LEADING, 0.45 * BODY_LEADING,
		    COLOR_BRAND, 1 },
		{ 11.5, 11.5 * 1.5, 0.6 * BODY_LEADING, 0.2 * BODY_LEADING,
		    COLOR_BRAND, 0 },
		{ BODY_SIZE, BODY_LEADING, 0.4 * BODY_LEADING, 0, COLOR_TEXT,
		    0 },
	};

	return &h[level < 0 ? 0 : level > 3 ? 3 : level];
}

/* A heading from a paragraph: level 0 is a section's title. */
static void
heading_para(struct flow *f, const struct ts_para *p, const char *title,
    int level, int outline_level, double keep)
{
	const struct hstyle	*hs = hstyle(level);
	double			 indent = hs->bar ? 0.85 * EM : 0, h;
	size_t			 lines;

	lines = flow_count_lines(f, p, f->width - indent, 0);
	h = (double)lines * hs->leading;
	flow_need(f, hs->before + h + hs->after + keep);
	flow_gap(f, hs->before);
	if (hs->bar)
		dl_rect(f->page, f->left, f->y + 0.15 * hs->leading, 0.28 * EM,
		    h - 0.3 * hs->leading, COLOR_BRAND, COLOR_NONE, 0);
	if (outline_level >= 0 && title != NULL)
		dl_outline(f->doc, title, outline_level, f->doc->npages - 1,
		    f->y);
	flow_para(f, p, indent, f->width - indent, hs->leading, TS_LEFT, 0);
	if (level == 0)
		dl_line(f->page, f->left, f->y + 0.25 * hs->leading,
		    f->left + f->width, f->y + 0.25 * hs->leading, COLOR_BRAND,
		    1.2);
	f->y += hs->after;
}

void
flow_heading(struct flow *f, const char *text, int level, int outline_level)
{
	struct ts_para		p;
	const struct hstyle	*hs = hstyle(level);

	memset(&p, 0, sizeof(p));
	ts_para_set(&p, TS_PGOTHIC_BOLD, hs->size, hs->color, text);
	heading_para(f, &p, text, level, outline_level, 2 * BODY_LEADING);
	ts_para_free(&p);
}

/* Restyle a heading block's paragraph to its level. */
static void
heading_block(struct flow *f, const struct pb_block *b, double keep)
{
	/* # is a title, ## a section (with the bar), ### a subsection. */
	int			 st = b->level - 1;
	const struct hstyle	*hs = hstyle(st);
	struct ts_para		 p;
	size_t			 i;

	memset(&p, 0, sizeof(p));
	buf_append(&p.text, b->para.text.data, b->para.text.len);
	p.spans = xmalloc((b->para.nspans + 1) * sizeof(*p.spans));
	p.nspans = p.cap = b->para.nspans;
	for (i = 0; i < p.nspans; i++) {
		p.spans[i] = b->para.spans[i];
		if (p.spans[i].st.rise == 0) {
			p.spans[i].st.size = hs->size;
			p.spans[i].st.color = hs->color;
		}
	}
	heading_para(f, &p, b->title, st, b->level <= 2 ? 1 : 2, keep);
	ts_para_free(&p);
}

/* ----- paragraphs, lists, quotes ----------------------------------------- */

static void
marker(struct flow *f, const struct pb_block *b, double x, double leading)
{
	double	top = f->y, mid = top + leading / 2;
	char	num[32];

	switch (b->marker) {
	case PB_M_BULLET:
		dl_rect(f->page, x + 0.3 * EM, mid - 0.16 * EM, 0.32 * EM,
		    0.32 * EM, COLOR_BRAND, COLOR_NONE, 0);
		break;
	case PB_M_NUMBER:
		snprintf(num, sizeof(num), "%u.", b->number);
		(void)dl_string(f->doc, f->page, &f->pc->fonts, x + 1.15 * EM,
		    top + (leading - EM) / 2 + 0.88 * EM, TS_PGOTHIC_BOLD, EM,
		    COLOR_BRAND, TS_RIGHT, num);
		break;
	case PB_M_TASK:
	case PB_M_DONE:
		/* A box to tick on paper. */
		dl_rect(f->page, x + 0.1 * EM, mid - 0.5 * EM, EM, EM,
		    COLOR_NONE, COLOR_TEXT, 0.7);
		if (b->marker == PB_M_DONE) {
			dl_line(f->page, x + 0.3 * EM, mid, x + 0.55 * EM,
			    mid + 0.3 * EM, COLOR_TEXT, 1.2);
			dl_line(f->page, x + 0.55 * EM, mid + 0.3 * EM,
			    x + 1.0 * EM, mid - 0.35 * EM, COLOR_TEXT, 1.2);
		}
		break;
	default:
		break;
	}
}

static void
para_block(struct flow *f, const struct pb_block *b,
    const struct pb_block *next)
{
	double	indent = b->depth * LIST_INDENT + b->quote * QUOTE_INDENT;
	double	leading = b->quote ? (BODY_SIZE - 0.5) * 1.65 : BODY_LEADING;
	double	first = (b->depth == 0 && b->quote == 0) ? EM : 0, gap;
	size_t	lines, k;
	int	q, next_item = next != NULL && next->marker != PB_M_NONE &&
		    next->depth == b->depth;

	if (b->para.text.len == 0)
		return;
	if (b->marker != PB_M_NONE) {
		/* Keep the marker with its first two lines. */
		lines = flow_count_lines(f, &b->para, f->width - indent, 0);
		flow_need(f, (lines < 2 ? (double)lines : 2) * leading);
		marker(f, b, f->left + indent - LIST_INDENT, leading);
	}
	flow_para(f, &b->para, indent, f->width - indent, leading,
	    TS_JUSTIFY, first);
	gap = b->depth > 0 && next_item && !b->loose ? 0.2 * leading :
	    PARA_GAP;
	/* The rule beside a quotation: through the gap to the next block
	 * of the same quotation. */
	for (k = 0; b->quote > 0 && k < f->nseg; k++) {
		struct dl_page *pg = &f->doc->pages[f->seg[k].page];
		double y1 = f->seg[k].y1 + (k + 1 == f->nseg && next != NULL &&
		    next->quote >= b->quote ? gap : -2);

		for (q = 0; q < b->quote; q++)
			dl_rect(pg, f->left + q * QUOTE_INDENT + 0.1 * EM,
			    f->seg[k].y0 + 2, 0.2 * EM, y1 - f->seg[k].y0 - 2,
			    COLOR_RULE, COLOR_NONE, 0);
	}
	f->y += gap;
}

static void
code_block(struct flow *f, const struct pb_block *b)
{
	double leading = (BODY_SIZE - 1.5) * 1.5;
	size_t lines = flow_count_lines(f, &b->para, f->width - 2 * EM, 0);

	flow_need(f, (double)(lines < 4 ? lines : 4) * leading + EM);
	dl_rect(f->page, f->left, f->y, f->width, (double)lines * leading +
	    EM, COLOR_TINT, COLOR_NONE, 0);
	f->y += EM / 2;
	flow_para(f, &b->para, EM, f->width - 2 * EM, leading, TS_LEFT, 0);
	f->y += EM / 2 + PARA_GAP;
}

static void
chart_block(struct flow *f, const struct pb_block *b)
{
	double	k = f->width / CHART_LAYOUT_W;
	double	h = chart_pdf_height(b->chart, CHART_LAYOUT_W, &f->pc->fonts) *
		    k;
	buf	t = BUF_INIT;

	if (h <= 0)
		return;
	flow_need(f, h + EM);
	flow_gap(f, 0.3 * EM);
	dl_chart(f->doc, f->page, f->left, f->y, f->width, k, b->chart);
	buf_printf(&t, "[chart: %s]", b->chart->title);
	dl_linebox(f->doc, f->page, f->left, f->y, f->width, t.data, t.len);
	buf_free(&t);
	f->y += h + PARA_GAP;
	f->fresh = 0;
}

/* What a heading must keep on its page: the start of the next block. */
static double
keep_next(struct flow *f, const struct pb_doc *d, size_t i)
{
	const struct pb_block *n = i + 1 < d->n ? d->b[i + 1] : NULL;

	if (n == NULL)
		return 0;
	if (n->kind == PB_CHART)
		return chart_pdf_height(n->chart, CHART_LAYOUT_W,
		    &f->pc->fonts) * f->width / CHART_LAYOUT_W;
	if (n->kind == PB_TABLE)
		return 4 * BODY_LEADING;
	return 2 * BODY_LEADING;
}

void
flow_blocks(struct flow *f, const struct pb_doc *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct pb_block *b = d->b[i];

		switch (b->kind) {
		case PB_HEADING:
			heading_block(f, b, keep_next(f, d, i));
			break;
		case PB_PARA:
			para_block(f, b, i + 1 < d->n ? d->b[i + 1] : NULL);
			break;
		case PB_TABLE:
			flow_table(f, b, b->depth * LIST_INDENT);
			break;
		case PB_CHART:
			chart_block(f, b);
			break;
		case PB_CODE:
			code_block(f, b);
			break;
		case PB_RULE:
			flow_need(f, BODY_LEADING);
			dl_line(f->page, f->left + f->width / 3, f->y +
			    BODY_LEADING / 2, f->left + 2 * f->width / 3, f->y +
			    BODY_LEADING / 2, COLOR_RULE, 0.6);
			f->y += BODY_LEADING;
			break;
		}
	}
}

/* ----- notes --------------------------------------------------------------- */

void
flow_notes(struct flow *f, const struct pb_doc *d)
{
	const double	size = 8.0, leading = size * 1.55, hang = 2.6 * size;
	struct ts_para	p;
	buf		t = BUF_INIT;
	size_t		i;
	char		num[32];

	if (d->nnotes == 0)
		return;
	memset(&p, 0, sizeof(p));
	flow_need(f, 4 * leading);
	flow_gap(f, 0.6 * BODY_LEADING);
	dl_line(f->page, f->left, f->y, f->left + f->width / 4, f->y,
	    COLOR_RULE, 0.6);
	f->y += 0.4 * leading;
	ts_para_set(&p, TS_PGOTHIC_BOLD, size, COLOR_SOFT, "出典・参照先");
	flow_para(f, &p, 0, f->width, leading, TS_LEFT, 0);
	for (i = 0; i < d->nnotes; i++) {
		size_t	lines, j;
		int	seen = 0;

		for (j = 0; j < i && d->notes[i].url != NULL; j++)
			if (d->notes[j].url != NULL &&
			    strcmp(d->notes[j].url, d->notes[i].url) == 0)
				seen = 1;
		buf_truncate(&t, 0);
		pb_note_text(f->pc, &d->notes[i], !seen, &t);
		ts_para_set(&p, TS_PGOTHIC, size, COLOR_SOFT, t.data);
		lines = flow_count_lines(f, &p, f->width - hang, 0);
		flow_need(f, (double)(lines < 2 ? lines : 2) * leading);
		snprintf(num, sizeof(num), "[%zu]", i + 1);
		(void)dl_string(f->doc, f->page, &f->pc->fonts, f->left,
		    f->y + (leading - size) / 2 + 0.88 * size, TS_PGOTHIC, size,
		    COLOR_SOFT, TS_LEFT, num);
		if (d->notes[i].url != NULL && !seen)
			dl_uri(f->doc, f->page, f->left + hang, f->y,
			    f->width - hang, (double)lines * leading,
			    d->notes[i].url);
		flow_para(f, &p, hang, f->width - hang, leading, TS_LEFT, 0);
	}
	ts_para_free(&p);
	buf_free(&t);
}
