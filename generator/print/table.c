/*
 * table.c -- Markdown tables on paper: columns as wide as their text
 * allows, the whole column width used, cells set by the typesetter, rows
 * never split, the head repeated on a new page.  Columns of numbers are
 * set flush right so that figures line up.
 */
#include <stdlib.h>
#include <string.h>

#include "print_int.h"

#define PAD_X		5.0
#define PAD_Y		3.5
#define CELL_LEADING	((BODY_SIZE - 1) * 1.5)

static double
natural_width(struct flow *f, const struct ts_para *p)
{
	double	w = 0, line = 0;
	size_t	i, k;

	for (i = 0; i < p->nspans; i++) {
		const struct ts_span *sp = &p->spans[i];
		const char *s = p->text.data + sp->off;

		for (k = 0; k < sp->len; k++)
			if (s[k] == '\n') {
				line += pf_measure(&f->pc->fonts, sp->st.font,
				    sp->st.size, s, k);
				if (line > w)
					w = line;
				line = 0;
				s += k + 1;
			}
		line += pf_measure(&f->pc->fonts, sp->st.font, sp->st.size, s,
		    (size_t)(p->text.data + sp->off + sp->len - s));
	}
	return line > w ? line : w;
}

static int
numeric(const struct ts_para *p)
{
	const char *s = buf_str(&p->text);

	if (strncmp(s, "約", strlen("約")) == 0)
		s += strlen("約");
	return *s >= '0' && *s <= '9';
}

/* Column widths: natural widths if they fit (spread to the full width),
 * else short columns keep theirs and long ones share the rest. */
static void
widths(struct flow *f, const struct pb_block *b, double avail, double *w,
    unsigned char *align)
{
	size_t	r, c, C = b->cols, nlong = 0;
	double	sum = 0, fixed = 0, longsum = 0;
	double	*nat = xcalloc(C, sizeof(*nat));

	for (c = 0; c < C; c++) {
		int num = b->rows > b->head_rows;

		for (r = 0; r < b->rows; r++) {
			const struct ts_para *p = &b->cells[r * C + c];
			double n = natural_width(f, p) + 2 * PAD_X + 1;

			if (n > nat[c])
				nat[c] = n;
			if (r >= b->head_rows && p->text.len > 0 && !numeric(p))
				num = 0;
		}
		align[c] = b->align[c] ? b->align[c] : num ? 3 : 1;
		sum += nat[c];
	}
	if (sum <= avail) {
		for (c = 0; c < C; c++)
			w[c] = nat[c] + (avail - sum) * nat[c] / sum;
	} else {
		for (c = 0; c < C; c++)
			if (nat[c] <= avail / (double)C) {
				w[c] = nat[c];
				fixed += nat[c];
			} else {
				w[c] = 0;
				longsum += nat[c];
				nlong++;
			}
		for (c = 0; c < C; c++)
			if (w[c] == 0)
				w[c] = (avail - fixed) * nat[c] / longsum;
	}
	free(nat);
}

static void
draw_row(struct flow *f, const struct pb_block *b, size_t r,
    struct ts_layout *L, const double *w, double x0, double h, int head)
{
	size_t	c, C = b->cols;
	double	x = x0, total = 0;

	for (c = 0; c < C; c++)
		total += w[c];
	if (head)
		dl_rect(f->page, x0, f->y, total, h, COLOR_TINT, COLOR_NONE, 0);
	for (c = 0; c < C; c++) {
		const struct ts_layout *l = &L[r * C + c];

		if (l->nlines > 0)
			flow_place(f, &b->cells[r * C + c], l, 0, l->nlines,
			    x + PAD_X, f->y + PAD_Y, CELL_LEADING);
		x += w[c];
	}
	/* Rules: under the row, and between columns. */
	dl_line(f->page, x0, f->y + h, x0 + total, f->y + h,
	    head ? COLOR_BRAND : COLOR_RULE, head ? 0.8 : 0.4);
	for (c = 0, x = x0; c <= C; c++) {
		dl_line(f->page, x, f->y, x, f->y + h, COLOR_RULE, 0.4);
		if (c < C)
			x += w[c];
	}
	f->y += h;
	f->fresh = 0;
}

static void
top_rule(struct flow *f, double x0, const double *w, size_t C)
{
	double total = 0;
	size_t c;

	for (c = 0; c < C; c++)
		total += w[c];
	dl_line(f->page, x0, f->y, x0 + total, f->y, COLOR_BRAND, 0.8);
}

void
flow_table(struct flow *f, const struct pb_block *b, double indent)
{
	size_t			 R = b->rows, C = b->cols, r, c;
	double			*w, *h, x0 = f->left + indent, head_h = 0;
	unsigned char		*align;
	struct ts_layout	*L;

	if (R == 0 || C == 0)
		return;
	w = xcalloc(C, sizeof(*w));
	h = xcalloc(R, sizeof(*h));
	align = xcalloc(C, 1);
	L = xcalloc(R * C, sizeof(*L));
	widths(f, b, f->width - indent, w, align);
	for (r = 0; r < R; r++) {
		size_t most = 1;

		for (c = 0; c < C; c++) {
			const struct ts_para *p = &b->cells[r * C + c];
			enum ts_align al = r < b->head_rows ? TS_CENTER :
			    align[c] == 3 ? TS_RIGHT : align[c] == 2 ?
			    TS_CENTER : TS_JUSTIFY;

			if (p->text.len > 0 && flow_layout(f, p,
			    w[c] - 2 * PAD_X, al, 0, &L[r * C + c]) == 0 &&
			    L[r * C + c].nlines > most)
				most = L[r * C + c].nlines;
		}
		h[r] = (double)most * CELL_LEADING + 2 * PAD_Y;
		if (r < b->head_rows)
			head_h += h[r];
	}
	flow_need(f, head_h + (R > b->head_rows ? h[b->head_rows] : 0));
	flow_gap(f, 0.2 * BODY_LEADING);
	top_rule(f, x0, w, C);
	for (r = 0; r < b->head_rows; r++)
		draw_row(f, b, r, L, w, x0, h[r], 1);
	for (r = b->head_rows; r < R; r++) {
		if (f->y + h[r] > f->bottom + 0.01) {
			flow_new_page(f);
			top_rule(f, x0, w, C);
			for (c = 0; c < b->head_rows; c++)
				draw_row(f, b, c, L, w, x0, h[c], 1);
		}
		draw_row(f, b, r, L, w, x0, h[r], 0);
	}
	f->y += PARA_GAP_TABLE;
	for (r = 0; r < R * C; r++)
		ts_layout_free(&L[r]);
	free(L);
	free(w);
	free(h);
	free(align);
}
