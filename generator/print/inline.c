/*
 * inline.c -- what becomes of shortcodes and links on paper.
 *
 *  - {{fact ID}}: the value and unit as the source prints them, kept on
 *    one line, with a note number; the note gives the source (and its
 *    URL).  The note list is printed at the end of the section.
 *  - {{chart GROUP [bar|column|stack] [highlight=N] [title="…"]}}: a chart
 *    block, drawn by chart_layout() through the libharu backend.  The
 *    argument syntax is the one facts.c reads for the site.
 *  - [text](dest): the text in the link colour and a note number; the note
 *    gives the absolute URL, and for a page of the site its title (and its
 *    page in the handout).  An autolink shows its URL already: no note.
 */
#include <stdlib.h>
#include <string.h>

#include "../model/facts.h"
#include "../model/site.h"
#include "blocks_int.h"

int
pb_note_add(struct pb_doc *d, enum pb_note_kind kind, const char *text,
    const char *url, const struct page *target)
{
	struct pb_note	*n;
	size_t		 i;

	for (i = 0; i < d->nnotes; i++) {
		n = &d->notes[i];
		if (n->kind == kind && n->target == target &&
		    strcmp(n->text ? n->text : "", text ? text : "") == 0 &&
		    strcmp(n->url ? n->url : "", url ? url : "") == 0)
			return (int)i + 1;
	}
	d->notes = xrealloc(d->notes, (d->nnotes + 1) * sizeof(*d->notes));
	n = &d->notes[d->nnotes++];
	n->kind = kind;
	n->text = text ? xstrdup(text) : NULL;
	n->url = url ? xstrdup(url) : NULL;
	n->target = target;
	return (int)d->nnotes;
}

void
pb_note_text(const struct pctx *pc, const struct pb_note *n, int show_url,
    buf *out)
{
	const char	*q;
	int		 page;

	switch (n->kind) {
	case PB_NOTE_SOURCE:
		buf_puts(out, n->text);
		break;
	case PB_NOTE_URL:
		break;
	case PB_NOTE_PAGE:
		/* 「」 inside 「」 become 『』. */
		buf_puts(out, "「");
		for (q = n->text; *q != '\0'; q++) {
			if (strncmp(q, "「", 3) == 0 || strncmp(q, "」", 3) == 0) {
				buf_puts(out, q[2] == '\x8c' ? "『" : "』");
				q += 2;
			} else
				buf_putc(out, *q);
		}
		buf_puts(out, "」");
		if ((page = pctx_page_of(pc, n->target)) > 0)
			buf_printf(out, "（この冊子の%dページ）", page);
		break;
	}
	if (n->url != NULL && show_url)
		buf_printf(out, "%s%s", out->len ? " " : "", n->url);
}

/* ----- facts -------------------------------------------------------------- */

static int
fact_shortcode(struct parse *P, const char *args, size_t al, src_pos pos)
{
	const struct fact	*f = facts_find(P->pc->s, args, al);
	buf			 src = BUF_INIT;
	int			 n;

	if (f == NULL) {
		/* A page of the site was checked by site_link() already. */
		if (P->src->page == NULL)
			diag_error(pos, "数字 '%.*s' が content/facts.yaml に"
			    "ありません", (int)al, args);
		P->errors++;
		return 0;
	}
	pb_put(P, f->value.s, f->value.len, NULL, f->value.pos, TS_KEEP);
	if (f->unit.s != NULL)
		pb_put(P, f->unit.s, f->unit.len, NULL, f->unit.pos,
		    TS_KEEP | TS_GLUE);
	fact_source_text(f, &src);
	n = pb_note_add(P->out, PB_NOTE_SOURCE, buf_str(&src),
	    f->source.url.s, NULL);
	pb_mark(P, n);
	buf_free(&src);
	return 1;
}

static int
chart_shortcode(struct parse *P, const char *args, size_t al, src_pos pos)
{
	struct site		*s = P->pc->s;
	arena			*a = &P->out->a;
	struct fact_chart	 fc;
	struct chart		*c;
	struct chart_item	*items;
	struct pb_block		*b;
	size_t			 i;

	/* A site page's {{chart}} problems were reported by the web build. */
	if (facts_chart(s, args, al, pos, P->src->page == NULL, &fc) == -1) {
		fact_chart_free(&fc);
		return 1;
	}
	c = ARENA_NEW(a, struct chart);
	*c = fc.chart;
	items = ARENA_ARRAY(a, struct chart_item, fc.n);
	memcpy(items, fc.items, fc.n * sizeof(*items));
	c->items = items;
	c->title = arena_strdup(a, fc.chart.title);
	c->source = arena_strdup(a, buf_str(&fc.source));
	for (i = 0; i < fc.n; i++)
		P->errors += pf_check_at(&P->pc->fonts, TS_PGOTHIC_BOLD,
		    c->items[i].label, fc.facts[i]->short_label.s ?
		    fc.facts[i]->short_label.pos : fc.facts[i]->label.pos);
	P->errors += pf_check_at(&P->pc->fonts, TS_PGOTHIC_BOLD, c->title, pos);
	P->errors += pf_check_at(&P->pc->fonts, TS_PGOTHIC, c->source, pos);
	if (chart_check(c, NULL) == 0) {
		/* The chart ends the paragraph; the text after it goes on in
		 * a new one of the same kind. */
		struct ts_style st = P->st;
		int font = P->font;

		b = pb_new(P, PB_CHART);
		b->chart = c;
		b = pb_new(P, PB_PARA);
		P->block = b;
		P->para = &b->para;
		P->li = NULL;
		P->st = st;
		P->font = font;
		P->br_pending = 0;
	}
	fact_chart_free(&fc);
	return 1;
}

int
pb_shortcode(struct parse *P, const char *name, size_t nl, const char *args,
    size_t al, src_pos pos)
{
	if (nl == 4 && memcmp(name, "fact", 4) == 0)
		return fact_shortcode(P, args, al, pos);
	if (nl == 5 && memcmp(name, "chart", 5) == 0 && !P->in_heading &&
	    P->table == NULL)
		return chart_shortcode(P, args, al, pos);
	return 0;
}

/* ----- links -------------------------------------------------------------- */

/* Resolve "../guides/x.md#a" against the directory of rel. */
static void
join_path(buf *out, const char *rel, const char *dest, size_t n)
{
	const char	*slash = rel != NULL ? strrchr(rel, '/') : NULL;
	buf		 in = BUF_INIT;
	char		*seg, *save = NULL;

	if (slash != NULL)
		buf_append(&in, rel, (size_t)(slash - rel + 1));
	buf_append(&in, dest, n);
	for (seg = strtok_r(in.data, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			char *up = out->len ? strrchr(out->data, '/') : NULL;

			buf_truncate(out, up != NULL ? (size_t)(up - out->data) :
			    0);
			continue;
		}
		if (out->len > 0)
			buf_putc(out, '/');
		buf_puts(out, seg);
	}
	buf_free(&in);
}

void
pb_link_enter(struct parse *P, const MD_ATTRIBUTE *href)
{
	const char	*d = href->text;
	size_t		 n = href->size, path_len;
	struct page	*t;
	buf		 rel = BUF_INIT;

	P->link = 1;
	P->link_page = NULL;
	P->link_from = P->para != NULL ? P->para->text.len : 0;
	buf_truncate(&P->link_url, 0);
	if (n == 0 || d[0] == '#')
		return;		/* within the page */
	if ((n > 7 && strncmp(d, "http://", 7) == 0) ||
	    (n > 8 && strncmp(d, "https://", 8) == 0) ||
	    (n > 7 && strncmp(d, "mailto:", 7) == 0)) {
		buf_append(&P->link_url, d, n);
		return;
	}
	for (path_len = 0; path_len < n && d[path_len] != '#' &&
	    d[path_len] != '?'; path_len++)
		;
	join_path(&rel, P->src->page != NULL ? P->src->page->rel : NULL, d,
	    path_len);
	t = rel.len > 0 ? site_page_by_rel(P->pc->s, rel.data) : NULL;
	if (t != NULL && t->url != NULL) {
		P->link_page = t;
		pctx_url(P->pc, t, &P->link_url);
	} else if (rel.len > 0 && P->src->page != NULL)
		buf_printf(&P->link_url, "%s%s", P->pc->base_url, rel.data);
	buf_free(&rel);
}

void
pb_link_leave(struct parse *P)
{
	const struct page	*t = P->link_page;
	int			 n;

	P->link = 0;
	if (P->link_url.len == 0 || P->para == NULL)
		return;
	/* An autolink: the URL is the text. */
	if (P->para->text.len - P->link_from == P->link_url.len &&
	    memcmp(P->para->text.data + P->link_from, P->link_url.data,
	    P->link_url.len) == 0)
		return;
	if (t != NULL)
		n = pb_note_add(P->out, PB_NOTE_PAGE, t->meta.title.s,
		    P->link_url.data, t);
	else
		n = pb_note_add(P->out, PB_NOTE_URL, NULL, P->link_url.data,
		    NULL);
	pb_mark(P, n);
}
