/*
 * dlist.c -- pages as display lists.  Layout writes here; pdf.c draws;
 * dl_dump() prints the typeset lines for the golden tests.
 */
#include <stdlib.h>
#include <string.h>

#include "print_int.h"

struct dl_page *
dl_page_new(struct dl_doc *d, double w, double h)
{
	struct dl_page *p;

	if (d->npages == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 16;
		d->pages = xrealloc(d->pages, d->cap * sizeof(*d->pages));
	}
	p = &d->pages[d->npages++];
	memset(p, 0, sizeof(*p));
	p->w = w;
	p->h = h;
	return p;
}

static struct dl_item *
item_new(struct dl_page *p, enum dl_kind k)
{
	struct dl_item *it;

	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->items = xrealloc(p->items, p->cap * sizeof(*p->items));
	}
	it = &p->items[p->n++];
	memset(it, 0, sizeof(*it));
	it->kind = k;
	it->fill = it->stroke = COLOR_NONE;
	return it;
}

void
dl_text(struct dl_doc *d, struct dl_page *p, double x, double y, int font,
    double size, uint32_t color, double cs, double rise, const char *s,
    size_t n)
{
	struct dl_item *it = item_new(p, DL_TEXT);

	it->x = x;
	it->y = y;
	it->font = font;
	it->size = size;
	it->fill = color;
	it->cs = cs;
	it->rise = rise;
	it->text = arena_strndup(&d->a, s, n);
}

void
dl_rect(struct dl_page *p, double x, double y, double w, double h,
    uint32_t fill, uint32_t stroke, double lw)
{
	struct dl_item *it = item_new(p, DL_RECT);

	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	it->fill = fill;
	it->stroke = stroke;
	it->lw = lw;
}

void
dl_line(struct dl_page *p, double x1, double y1, double x2, double y2,
    uint32_t stroke, double lw)
{
	struct dl_item *it = item_new(p, DL_LINE);

	it->x = x1;
	it->y = y1;
	it->w = x2 - x1;
	it->h = y2 - y1;
	it->stroke = stroke;
	it->lw = lw;
}

void
dl_circle(struct dl_page *p, double cx, double cy, double r, uint32_t fill,
    uint32_t stroke, double lw)
{
	struct dl_item *it = item_new(p, DL_CIRCLE);

	it->x = cx;
	it->y = cy;
	it->w = r;
	it->fill = fill;
	it->stroke = stroke;
	it->lw = lw;
}

void
dl_text_turned(struct dl_doc *d, struct dl_page *p, double x, double y,
    int font, double size, uint32_t color, const char *s, size_t n)
{
	dl_text(d, p, x, y, font, size, color, 0, 0, s, n);
	p->items[p->n - 1].turned = 1;
}

void
dl_uri(struct dl_doc *d, struct dl_page *p, double x, double y, double w,
    double h, const char *uri)
{
	struct dl_item *it = item_new(p, DL_URI);

	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	it->text = arena_strdup(&d->a, uri);
}

void
dl_linebox(struct dl_doc *d, struct dl_page *p, double x, double y,
    double w, const char *s, size_t n)
{
	struct dl_item *it = item_new(p, DL_LINEBOX);

	it->x = x;
	it->y = y;
	it->w = w;
	it->text = arena_strndup(&d->a, s, n);
}

/* The chart is copied: the blocks it came from do not live as long. */
void
dl_chart(struct dl_doc *d, struct dl_page *p, double x, double y, double w,
    double scale, const struct chart *c)
{
	struct dl_item		*it = item_new(p, DL_CHART);
	struct chart		*cc = ARENA_NEW(&d->a, struct chart);
	struct chart_item	*items = ARENA_ARRAY(&d->a, struct chart_item,
				    c->n ? c->n : 1);
	size_t			 i;

	*cc = *c;
	cc->title = c->title ? arena_strdup(&d->a, c->title) : NULL;
	cc->unit = c->unit ? arena_strdup(&d->a, c->unit) : NULL;
	cc->source = c->source ? arena_strdup(&d->a, c->source) : NULL;
	for (i = 0; i < c->n; i++) {
		items[i] = c->items[i];
		items[i].label = arena_strdup(&d->a, c->items[i].label);
		items[i].value = arena_strdup(&d->a, c->items[i].value);
	}
	cc->items = items;
	it->x = x;
	it->y = y;
	it->w = w;
	it->scale = scale;
	it->chart = cc;
}

void
dl_outline(struct dl_doc *d, const char *title, int level, size_t page,
    double y)
{
	struct dl_outline *o;

	if (d->noutl == d->ocap) {
		d->ocap = d->ocap ? 2 * d->ocap : 16;
		d->outl = xrealloc(d->outl, d->ocap * sizeof(*d->outl));
	}
	o = &d->outl[d->noutl++];
	o->title = arena_strdup(&d->a, title);
	o->level = level;
	o->page = page;
	o->y = y;
}

void
dl_free(struct dl_doc *d)
{
	size_t i;

	for (i = 0; i < d->npages; i++)
		free(d->pages[i].items);
	free(d->pages);
	free(d->outl);
	arena_free(&d->a);
	memset(d, 0, sizeof(*d));
}

void
dl_dump(const struct dl_doc *d, buf *out)
{
	size_t i, j;

	for (i = 0; i < d->npages; i++)
		for (j = 0; j < d->pages[i].n; j++) {
			const struct dl_item *it = &d->pages[i].items[j];

			if (it->kind != DL_LINEBOX)
				continue;
			buf_printf(out, "p%zu y=%.2f x=%.2f w=%.2f |%s|\n", i + 1,
			    it->y, it->x, it->w, it->text);
		}
}

double
dl_string(struct dl_doc *d, struct dl_page *p, struct pfonts *pf, double x,
    double y, int font, double size, uint32_t color, enum ts_align align,
    const char *s)
{
	size_t	n = strlen(s);
	double	w = pf_measure(pf, font, size, s, n);

	if (align == TS_CENTER)
		x -= w / 2;
	else if (align == TS_RIGHT)
		x -= w;
	dl_text(d, p, x, y, font, size, color, 0, 0, s, n);
	return w;
}
