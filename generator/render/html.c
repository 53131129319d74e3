/*
 * html.c -- template contexts and the files of the website.
 *
 * What each template sees is documented in docs/templates.md; keep the two
 * in step.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../core/date.h"
#include "../core/diag.h"
#include "../core/fs.h"
#include "../model/calc.h"
#include "../score/score.h"
#include "../core/hash.h"
#include "html.h"

#ifndef MAMORU_VERSION
#define MAMORU_VERSION "0.0.0"
#endif

const char html_csp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'none'; "
    "object-src 'none'; base-uri 'self'; form-action 'none'";

/* The search page runs the search core (WebAssembly) and submits its own
 * form to itself (?q=) when there is no script. */
static const char search_csp[] =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
    "style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'none'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'";

/* Calculator pages compile the scoring core from WebAssembly bytes. */
static const char calc_csp[] =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
    "style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'none'; object-src 'none'; base-uri 'self'; "
    "form-action 'none'";

static const char *const template_of[] = {
	[PAGE_HOME] = "home",
	[PAGE_GUIDE] = "guide",
	[PAGE_CALC] = "calculator",
	[PAGE_LIST] = "guides",
	[PAGE_CONTACTS] = "contacts",
	[PAGE_NOT_FOUND] = "404",
	[PAGE_GLOSSARY] = "glossary",
	[PAGE_SOURCES] = "sources",
	[PAGE_SEARCH] = "search",
	[PAGE_KARUTA] = "karuta",
	[PAGE_KARUTA_PLAY] = "karuta-play",
	[PAGE_KARUTA_CARD] = "karuta-card",
};

static tpl_value *
rel_url(arena *a, const struct page *from, const char *to)
{
	buf	b = BUF_INIT;
	tpl_value *v;

	site_relative(&b, from->out, to);
	v = tpl_str(a, buf_str(&b), b.len);
	buf_free(&b);
	return v;
}

static const char *
abs_url(arena *a, const struct site *s, const char *url)
{
	return arena_printf(a, "%s%s", s->meta.base_url.s ?
	    s->meta.base_url.s : "", url);
}

static tpl_value *
date_ja(arena *a, const fm_str *date)
{
	int y, m, d;
	long days;

	if (!date->set || (days = date_parse(date->s)) < 0)
		return tpl_null(a);
	date_ymd(days, &y, &m, &d);
	return tpl_cstr(a, arena_printf(a, "%d年%d月%d日", y, m, d));
}

static tpl_value *
str_list(arena *a, const fm_strs *l)
{
	tpl_value	*v = tpl_list(a);
	size_t		 i;

	for (i = 0; i < l->n; i++)
		tpl_push(a, v, tpl_str_ref(a, l->items[i].s, l->items[i].len));
	return v;
}

/* A guide as listed on the home page and the guides index. */
static tpl_value *
guide_card(arena *a, const struct page *from, const struct page *g)
{
	tpl_value *v = tpl_map(a);

	tpl_set_str(a, v, "title", g->meta.title.s);
	tpl_set(a, v, "summary", tpl_cstr(a, g->meta.summary.s));
	tpl_set(a, v, "url", rel_url(a, from, g->out));
	tpl_set(a, v, "updated", tpl_cstr(a, g->meta.updated.s));
	tpl_set(a, v, "updated_ja", date_ja(a, &g->meta.updated));
	tpl_set(a, v, "tags", str_list(a, &g->meta.tags));
	tpl_set(a, v, "audience", tpl_cstr(a, g->meta.audience.s));
	tpl_set_bool(a, v, "kiosk", g->meta.kiosk.v);
	return v;
}

static tpl_value *
asset_list(arena *a, const struct page *p, const struct assets *as,
    const char *dir, const char *ext)
{
	tpl_value	*v = tpl_list(a);
	size_t		 i;

	for (i = 0; i < as->n; i++) {
		const struct asset *x = &as->items[i];

		if (!asset_in(x, dir, ext))
			continue;
		tpl_value *m = tpl_map(a);
		tpl_set(a, m, "url", rel_url(a, p, x->out));
		tpl_push(a, v, m);
	}
	return v;
}


/* ----- calculators ------------------------------------------------------ */

/* {number, id} of a citation, or null */
static tpl_value *
cite_value(arena *a, int n)
{
	tpl_value *m;

	if (n <= 0)
		return tpl_null(a);
	m = tpl_map(a);
	tpl_set_int(a, m, "number", n);
	tpl_set_str(a, m, "id", arena_printf(a, "cite-%d", n));
	return m;
}

/* 366 -> "36.6" */
static const char *
tenths(arena *a, long long v)
{
	return arena_printf(a, "%s%lld.%lld", v < 0 ? "-" : "",
	    (v < 0 ? -v : v) / 10, (v < 0 ? -v : v) % 10);
}

/* 4191 -> "4,191" */
static const char *
grouped(arena *a, long long v)
{
	char	digits[32], out[48];
	int	n, i, j = 0;

	n = snprintf(digits, sizeof(digits), "%lld", v < 0 ? -v : v);
	if (v < 0)
		out[j++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[j++] = ',';
		out[j++] = digits[i];
	}
	out[j] = '\0';
	return arena_strdup(a, out);
}

static void
put_grouped(buf *b, long long v)
{
	char	d[32];
	int	n = snprintf(d, sizeof(d), "%lld", v), i;

	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_putc(b, ',');
		buf_putc(b, d[i]);
	}
}

/* 3000000 -> "300万円", 10000000 -> "1,000万円", 130000000 ->
 * "1億3,000万円", 650 -> "650円" */
static void
yen(buf *b, long long v)
{
	if (v >= 10000 && v % 10000 == 0) {
		if (v >= 100000000) {
			put_grouped(b, v / 100000000);
			buf_puts(b, "億");
			if (v % 100000000 != 0) {
				put_grouped(b, v % 100000000 / 10000);
				buf_puts(b, "万");
			}
		} else {
			put_grouped(b, v / 10000);
			buf_puts(b, "万");
		}
	} else
		put_grouped(b, v);
	buf_puts(b, "円");
}

/* What a cost line amounts to, for readers without the calculator:
 * "300万円〜400万円", "1万件あたり130万円", "「日数」×「1日の売上」". */
static const char *
amount_text(arena *a, const struct calc *c, const struct calc_line *l)
{
	const struct calc_input	*in[2] = { NULL, NULL };
	buf			 b = BUF_INIT;
	size_t			 k, j;
	const char		*r;

	for (k = 0; k < l->per.n && k < 2; k++)
		for (j = 0; j < c->m.inputs.n; j++) {
			const struct calc_input *x =
			    (const struct calc_input *)c->m.inputs.items + j;

			if (strcmp(x->id.s, l->per.items[k].s) == 0)
				in[k] = x;
		}
	if (in[0] != NULL && in[1] != NULL && l->min.v == 1 && l->max.v == 1 &&
	    (!l->divide.set || l->divide.v == 1)) {
		buf_printf(&b, "「%s」×「%s」", in[0]->label.s, in[1]->label.s);
		goto done;
	}
	if (in[0] != NULL) {
		long long d = l->divide.set ? l->divide.v : 1;

		if (d >= 10000 && d % 10000 == 0)
			buf_printf(&b, "%lld万", d / 10000);
		else
			buf_printf(&b, "%lld", d);
		buf_printf(&b, "%sあたり", in[0]->unit.s ? in[0]->unit.s : "");
	}
	yen(&b, l->min.v);
	if (l->max.v != l->min.v) {
		buf_puts(&b, "〜");
		yen(&b, l->max.v);
	}
	if (in[1] != NULL)
		buf_printf(&b, "（×「%s」）", in[1]->label.s);
done:
	r = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return r;
}

static const char *
points_text(arena *a, long long v, int checklist)
{
	if (checklist)
		return arena_printf(a, "%lld", v);
	/* U+2212 MINUS SIGN reads better than a hyphen in Japanese text. */
	return v < 0 ? arena_printf(a, "\xe2\x88\x92%lld点", -v) :
	    arena_printf(a, "%lld点", v);
}

static const char *
band_range(arena *a, const struct calc *c, const struct calc_band *b)
{
	const char *u = c->kind == CALC_CHECKLIST ? "個" : "点";

	if (b->min.v == b->max.v)
		return arena_printf(a, "%lld%s", b->min.v, u);
	if (b->min.v == c->lo)
		return arena_printf(a, "%lld%s以下", b->max.v, u);
	if (b->max.v == c->hi)
		return arena_printf(a, "%lld%s以上", b->min.v, u);
	return arena_printf(a, "%lld〜%lld%s", b->min.v, b->max.v, u);
}

static tpl_value *
calc_item_value(arena *a, const struct calc *c, const struct calc_item *it)
{
	tpl_value	*m = tpl_map(a), *ch = tpl_list(a);
	size_t		 k;

	tpl_set_int(a, m, "number", it->number);
	tpl_set_str(a, m, "text", it->text.s);
	tpl_set(a, m, "short", tpl_cstr(a, it->short_label.s ?
	    it->short_label.s : it->text.s));
	tpl_set(a, m, "advice", tpl_cstr(a, it->advice_html));
	tpl_set(a, m, "guide_url", tpl_cstr(a, it->guide_url));
	tpl_set(a, m, "guide_title", tpl_cstr(a, it->guide_title));
	if (it->national.set) {
		tpl_set_str(a, m, "national", it->national_text ?
		    it->national_text : tenths(a, it->national.v));
		tpl_set(a, m, "national_cite", cite_value(a, it->national_cite));
		tpl_set_int(a, m, "national_x10", it->national.v);
	}
	tpl_set_str(a, m, "name", arena_printf(a, "q%d", it->number));
	for (k = 0; k < c->nchoices; k++) {
		tpl_value *o = tpl_map(a);

		tpl_set_int(a, o, "number", (long long)k + 1);
		tpl_set_str(a, o, "label", c->choices[k].label.s);
		tpl_set_int(a, o, "points", c->choices[k].points.v);
		tpl_set_str(a, o, "points_text", points_text(a,
		    c->choices[k].points.v, c->kind == CALC_CHECKLIST));
		tpl_set_str(a, o, "name", arena_printf(a, "q%d", it->number));
		tpl_set_str(a, o, "id", arena_printf(a, "q%d-%zu", it->number,
		    k + 1));
		tpl_push(a, ch, o);
	}
	tpl_set(a, m, "choices", ch);
	return m;
}

static tpl_value *
calc_value(arena *a, const struct site *s, const struct page *p)
{
	const struct calc	*c = p->calc;
	tpl_value		*v = tpl_map(a), *list, *m;
	buf			 prog = BUF_INIT, mask = BUF_INIT;
	size_t			 i, j, k;
	int			 req = 0;

	tpl_set_str(a, v, "kind", c->kind == CALC_COST ? "cost" :
	    c->kind == CALC_CHECKLIST ? "checklist" : "score");
	tpl_set_bool(a, v, "is_score", c->kind == CALC_SCORE);
	tpl_set_bool(a, v, "is_checklist", c->kind == CALC_CHECKLIST);
	tpl_set_bool(a, v, "is_cost", c->kind == CALC_COST);
	tpl_set_str(a, v, "slug", p->slug);
	for (i = 0; i < c->words; i++) {	/* thousands of numbers */
		if (i > 0)
			buf_putc(&prog, ',');
		buf_put_int(&prog, (long long)c->prog[i]);
	}
	tpl_set_str(a, v, "program", arena_strdup(a, buf_str(&prog)));
	buf_free(&prog);
	for (i = 0; i < SCORE_MAX_CHOICES; i++)
		if (c->advice_mask & (1u << i))
			buf_printf(&mask, "%s%zu", mask.len ? "," : "", i + 1);
	tpl_set_str(a, v, "advice_for", arena_strdup(a, buf_str(&mask)));
	buf_free(&mask);
	tpl_set(a, v, "source", tpl_cstr(a, c->source_html));
	tpl_set_str(a, v, "result_url", abs_url(a, s, p->url));
	tpl_set_int(a, v, "score_min", c->lo);
	tpl_set_int(a, v, "score_max", c->hi);
	tpl_set_int(a, v, "item_count", (long long)c->nitems);
	tpl_set_int(a, v, "part_count", (long long)c->nparts);
	tpl_set_bool(a, v, "has_parts", c->nparts > 1);

	list = tpl_list(a);
	for (i = 0; i < c->nchoices && c->kind != CALC_COST; i++) {
		m = tpl_map(a);
		tpl_set_int(a, m, "number", (long long)i + 1);
		tpl_set_str(a, m, "label", c->choices[i].label.s);
		tpl_set_int(a, m, "points", c->choices[i].points.v);
		tpl_set_str(a, m, "points_text", points_text(a,
		    c->choices[i].points.v, c->kind == CALC_CHECKLIST));
		tpl_push(a, list, m);
	}
	tpl_set(a, v, "choices", list);

	list = tpl_list(a);
	for (i = 0, k = 0; i < c->nparts && c->kind != CALC_COST; i++) {
		const struct calc_part *pt = &c->parts[i];
		tpl_value *items = tpl_list(a);

		m = tpl_map(a);
		tpl_set_int(a, m, "number", (long long)i + 1);
		tpl_set(a, m, "title", tpl_cstr(a, pt->title.s));
		tpl_set_int(a, m, "first", (long long)k + 1);
		for (j = 0; j < pt->items.n; j++, k++)
			tpl_push(a, items, calc_item_value(a, c, c->items[k]));
		tpl_set_int(a, m, "last", (long long)k);
		tpl_set_int(a, m, "count", (long long)pt->items.n);
		tpl_set_int(a, m, "max", (long long)pt->items.n *
		    c->choices[0].points.v);
		tpl_set(a, m, "items", items);
		tpl_push(a, list, m);
	}
	tpl_set(a, v, "parts", list);

	list = tpl_list(a);
	for (i = 0; i < c->m.bands.n; i++) {
		const struct calc_band *b =
		    (const struct calc_band *)c->m.bands.items + i;

		m = tpl_map(a);
		tpl_set_int(a, m, "index", (long long)i);
		tpl_set_int(a, m, "min", b->min.v);
		tpl_set_int(a, m, "max", b->max.v);
		tpl_set_str(a, m, "range", band_range(a, c, b));
		tpl_set_str(a, m, "label", b->label.s);
		tpl_set(a, m, "message", tpl_cstr(a, b->message_html));
		if (b->national.set) {
			tpl_set_str(a, m, "national", b->national_text ?
			    b->national_text : tenths(a, b->national.v));
			tpl_set(a, m, "national_cite", cite_value(a,
			    b->national_cite));
			tpl_set_int(a, m, "national_x10", b->national.v);
		}
		tpl_push(a, list, m);
	}
	tpl_set(a, v, "bands", list);
	tpl_set_bool(a, v, "has_bands", c->m.bands.n > 0);

	if (c->m.comparison.source.set) {
		m = tpl_map(a);
		tpl_set_str(a, m, "mean", tenths(a, c->m.comparison.mean.v));
		tpl_set_int(a, m, "mean_x10", c->m.comparison.mean.v);
		tpl_set_str(a, m, "n", grouped(a, c->m.comparison.n.v));
		tpl_set_str(a, m, "source", c->m.comparison.source.s);
		tpl_set(a, m, "mean_cite", cite_value(a,
		    c->m.comparison.mean_cite));
		tpl_set(a, m, "n_cite", cite_value(a, c->m.comparison.n_cite));
		tpl_set(a, v, "comparison", m);
	}

	/* Levels: each YAML requirement maps to the program's requirement
	 * slots (one per run of consecutive items) listed in `slots`. */
	list = tpl_list(a);
	for (i = 0; i < c->m.levels.n; i++) {
		const struct calc_level *lv =
		    (const struct calc_level *)c->m.levels.items + i;
		tpl_value *reqs = tpl_list(a);

		m = tpl_map(a);
		tpl_set_int(a, m, "number", (long long)i + 1);
		tpl_set_str(a, m, "label", lv->label.s);
		tpl_set(a, m, "message", tpl_cstr(a, lv->message_html));
		for (j = 0; j < lv->require.n; j++) {
			const struct calc_req *r =
			    (const struct calc_req *)lv->require.items + j;
			tpl_value *rv = tpl_map(a);
			buf slots = BUF_INIT;
			long prev = -10;

			for (k = 0; k < r->items.n; k++) {
				long n = strtol(r->items.items[k].s, NULL, 10);

				if (n != prev + 1)
					buf_printf(&slots, "%s%d", slots.len ?
					    "," : "", req++);
				prev = n;
			}
			tpl_set_str(a, rv, "text", r->text.s);
			tpl_set_str(a, rv, "slots", arena_strdup(a,
			    buf_str(&slots)));
			buf_free(&slots);
			tpl_push(a, reqs, rv);
		}
		tpl_set(a, m, "requires", reqs);
		tpl_push(a, list, m);
	}
	tpl_set(a, v, "levels", list);
	tpl_set_bool(a, v, "has_levels", c->m.levels.n > 0);

	list = tpl_list(a);
	for (i = 0; i < c->m.inputs.n; i++) {
		const struct calc_input *in =
		    (const struct calc_input *)c->m.inputs.items + i;

		m = tpl_map(a);
		tpl_set_int(a, m, "index", (long long)i);
		tpl_set_str(a, m, "id", in->id.s);
		tpl_set_str(a, m, "label", in->label.s);
		tpl_set(a, m, "unit", tpl_cstr(a, in->unit.s));
		tpl_set(a, m, "help", tpl_cstr(a, in->help.s));
		tpl_set_int(a, m, "min", in->min.v);
		tpl_set_int(a, m, "max", in->max.v);
		tpl_set_int(a, m, "default", in->def.v);
		tpl_set_int(a, m, "step", in->step.set ? in->step.v : 1);
		tpl_set_bool(a, m, "is_toggle", in->type.s != NULL &&
		    strcmp(in->type.s, "toggle") == 0);
		tpl_push(a, list, m);
	}
	tpl_set(a, v, "inputs", list);

	list = tpl_list(a);
	for (i = 0; i < c->m.lines.n; i++) {
		const struct calc_line *l =
		    (const struct calc_line *)c->m.lines.items + i;

		m = tpl_map(a);
		tpl_set_int(a, m, "index", (long long)i);
		tpl_set_str(a, m, "label", l->label.s);
		tpl_set(a, m, "note", tpl_cstr(a, l->note.s));
		tpl_set(a, m, "source", tpl_cstr(a, l->source_html));
		tpl_set_str(a, m, "amount_text", amount_text(a, c, l));
		tpl_push(a, list, m);
	}
	tpl_set(a, v, "lines", list);
	return v;
}

/* ----- glossary and sources pages ------------------------------------- */

static tpl_value *link_value(arena *, const struct page *, const struct page *);

static tpl_value *
glossary_value(arena *a, const struct site *s, const struct page *p)
{
	const struct glossary	*g = &s->glossary;
	tpl_value		*groups = tpl_list(a), *grp = NULL, *terms = NULL;
	const char		*row = NULL;
	size_t			 i, k;

	for (i = 0; i < g->n; i++) {
		const struct term *t = g->sorted[i];
		tpl_value *v = tpl_map(a), *al = tpl_list(a);

		if (row == NULL || strcmp(row, t->row) != 0) {
			row = t->row;
			grp = tpl_map(a);
			terms = tpl_list(a);
			tpl_set_str(a, grp, "row", row);
			tpl_set_str(a, grp, "id", arena_printf(a, "row-%s", row));
			tpl_set(a, grp, "terms", terms);
			tpl_push(a, groups, grp);
		}
		tpl_set_str(a, v, "term", t->term.s);
		tpl_set_str(a, v, "id", t->id);
		tpl_set_str(a, v, "reading", t->reading.s);
		tpl_set_str(a, v, "definition", t->definition.s);
		tpl_set(a, v, "en", tpl_cstr(a, t->en.s));
		for (k = 0; k < t->aliases.n; k++)
			tpl_push(a, al, tpl_cstr(a, t->aliases.items[k].s));
		tpl_set(a, v, "aliases", al);
		tpl_set_bool(a, v, "has_aliases", t->aliases.n > 0);
		if (t->guide_page != NULL && t->guide_page->out != NULL) {
			tpl_set(a, v, "guide_url", rel_url(a, p,
			    t->guide_page->out));
			tpl_set_str(a, v, "guide_title",
			    t->guide_page->meta.title.s);
		}
		tpl_push(a, terms, v);
	}
	return groups;
}

struct source_row {
	const char		*key;	/* publisher + document + year */
	const struct fact	*fact;
	buf			 locators;
	const struct page	**pages;
	size_t			 npages;
};

static int
source_row_cmp(const void *va, const void *vb)
{
	const struct source_row *a = va, *b = vb;

	return strcmp(a->key, b->key);
}

static void
source_key(buf *b, const struct fact *f)
{
	buf_printf(b, "%s\x1f%s\x1f%lld", f->source.publisher.s ?
	    f->source.publisher.s : "", f->source.document.s ?
	    f->source.document.s : "", f->source.year.v);
}

/* Every source cited by a page, with the pages citing it. */
static tpl_value *
sources_value(arena *a, const struct site *s, const struct page *at)
{
	struct source_row	*rows = NULL;
	size_t			 nrows = 0, i, j, k;
	tpl_value		*list = tpl_list(a);
	buf			 key = BUF_INIT;

	for (i = 0; i < s->npages; i++) {
		const struct page *p = s->pages[i];

		for (j = 0; j < p->ncites; j++) {
			const struct fact *f = p->cites[j].fact;
			struct source_row *r = NULL;

			buf_truncate(&key, 0);
			source_key(&key, f);
			for (k = 0; k < nrows; k++)
				if (strcmp(rows[k].key, buf_str(&key)) == 0)
					r = &rows[k];
			if (r == NULL) {
				rows = xrealloc(rows, (nrows + 1) * sizeof(*rows));
				r = &rows[nrows++];
				memset(r, 0, sizeof(*r));
				r->key = arena_strdup(a, buf_str(&key));
				r->fact = f;
			}
			if (f->source.locator.s != NULL &&
			    f->source.locator.len > 0 &&
			    strstr(buf_str(&r->locators),
			    f->source.locator.s) == NULL)
				buf_printf(&r->locators, "%s%s", r->locators.len ?
				    "、" : "", f->source.locator.s);
			for (k = 0; k < r->npages; k++)
				if (r->pages[k] == p)
					break;
			if (k == r->npages) {
				r->pages = xrealloc(r->pages, (r->npages + 1) *
				    sizeof(*r->pages));
				r->pages[r->npages++] = p;
			}
		}
	}
	if (nrows > 1)
		qsort(rows, nrows, sizeof(*rows), source_row_cmp);
	for (i = 0; i < nrows; i++) {
		struct source_row	*r = &rows[i];
		tpl_value		*v = tpl_map(a), *pl = tpl_list(a);
		struct fact		 bare = *r->fact;
		buf			 t = BUF_INIT;

		bare.source.locator.s = NULL;
		fact_source_text(&bare, &t);
		tpl_set_str(a, v, "text", arena_strdup(a, buf_str(&t)));
		tpl_set(a, v, "url", tpl_cstr(a, r->fact->source.url.s));
		tpl_set(a, v, "locators", tpl_cstr(a, r->locators.len ?
		    buf_str(&r->locators) : NULL));
		for (k = 0; k < r->npages; k++)
			tpl_push(a, pl, link_value(a, at, r->pages[k]));
		tpl_set(a, v, "pages", pl);
		tpl_push(a, list, v);
		buf_free(&t);
		buf_free(&r->locators);
		free(r->pages);
	}
	free(rows);
	buf_free(&key);
	return list;
}

/* ----- karuta -------------------------------------------------------------- */

static tpl_value *
karuta_card_value(arena *a, const struct page *at, const struct karuta_card *c)
{
	tpl_value *v = tpl_map(a);

	tpl_set_int(a, v, "number", c->number);
	tpl_set_str(a, v, "kana", c->kana.s);
	tpl_set_str(a, v, "slug", c->slug);
	tpl_set_str(a, v, "verse", c->verse.s);
	{
		/* The verse's phrases, split at its full-width spaces; each
		 * but the last keeps its space, so the text reads as written. */
		tpl_value	*ph = tpl_list(a);
		const char	*q = c->verse.s, *sp;

		while ((sp = strstr(q, "\xe3\x80\x80")) != NULL) {
			if (sp > q)
				tpl_push(a, ph, tpl_str(a, q, (size_t)(sp + 3 - q)));
			q = sp + 3;
		}
		if (*q != '\0')
			tpl_push(a, ph, tpl_cstr(a, q));
		tpl_set(a, v, "phrases", ph);
	}
	tpl_set_str(a, v, "yomi", c->yomi.s);
	tpl_set_str(a, v, "theme", c->theme.s);
	tpl_set(a, v, "url", rel_url(a, at, c->page->out));
	tpl_set(a, v, "kaisetsu", tpl_str_ref(a, buf_str(&c->page->html),
	    c->page->html.len));
	if (c->guide_page != NULL && c->guide_page->out != NULL) {
		tpl_set(a, v, "guide_url", rel_url(a, at, c->guide_page->out));
		tpl_set_str(a, v, "guide_title", c->guide_page->meta.title.s);
	}
	return v;
}

static void
karuta_context(arena *a, const struct site *s, const struct page *p,
    tpl_value *ctx)
{
	const struct karuta_deck	*d = &s->karuta;
	tpl_value			*list = tpl_list(a), *deck = tpl_map(a);
	size_t				 i, at = 0;

	tpl_set_str(a, deck, "title", d->title.s ? d->title.s : "かるた");
	tpl_set(a, deck, "description", tpl_cstr(a, d->description.s));
	tpl_set_int(a, deck, "count", (long long)d->n);
	tpl_set(a, deck, "url", rel_url(a, p, s->karuta_page->out));
	tpl_set(a, deck, "play_url", rel_url(a, p, s->karuta_play_page->out));
	tpl_set(a, ctx, "deck", deck);
	if (p->kind == PAGE_KARUTA || p->kind == PAGE_KARUTA_PLAY) {
		for (i = 0; i < d->n; i++)
			tpl_push(a, list, karuta_card_value(a, p, d->sorted[i]));
		tpl_set(a, ctx, "cards", list);
	}
	if (p->kind == PAGE_KARUTA_CARD) {
		for (i = 0; i < d->n; i++)
			if (d->sorted[i] == p->card)
				at = i;
		tpl_set(a, ctx, "card", karuta_card_value(a, p, p->card));
		tpl_set(a, ctx, "prev", at > 0 ? link_value(a, p,
		    d->sorted[at - 1]->page) : tpl_null(a));
		tpl_set(a, ctx, "next", at + 1 < d->n ? link_value(a, p,
		    d->sorted[at + 1]->page) : tpl_null(a));
	}
}

static tpl_value *
site_value(arena *a, const struct site *s, const struct assets *as)
{
	tpl_value		*v = tpl_map(a), *org = tpl_map(a);
	const struct asset	*og;
	int			 y, m, d;

	tpl_set_str(a, v, "title", s->meta.title.s);
	tpl_set(a, v, "tagline", tpl_cstr(a, s->meta.tagline.s));
	tpl_set(a, v, "description", tpl_cstr(a, s->meta.description.s));
	tpl_set(a, v, "base_url", tpl_cstr(a, s->meta.base_url.s));
	tpl_set(a, v, "copyright", tpl_cstr(a, s->meta.copyright.s));
	tpl_set(a, org, "name", tpl_cstr(a, s->meta.organisation.name.s));
	tpl_set(a, org, "url", tpl_cstr(a, s->meta.organisation.url.s));
	tpl_set(a, v, "organisation", org);
	date_ymd(s->build_days, &y, &m, &d);
	tpl_set_int(a, v, "year", y);
	if ((og = assets_find(as, "og-image.png")) != NULL && og->out != NULL)
		tpl_set_str(a, v, "og_image", abs_url(a, s, og->out));
	return v;
}

static tpl_value *
nav_value(arena *a, const struct site *s, const struct page *p)
{
	const struct nav_item	*items = s->meta.navigation.items;
	tpl_value		*v = tpl_list(a);
	const char		*current = NULL;
	size_t			 i;

	/* The entry for this page is current; on a guide that has no entry
	 * of its own, the guides index is. */
	for (i = 0; i < s->meta.navigation.n; i++)
		if (items[i].target != NULL && strcmp(items[i].target,
		    p->out) == 0)
			current = p->out;
	if (current == NULL && p->kind == PAGE_GUIDE)
		current = s->list->out;
	for (i = 0; i < s->meta.navigation.n; i++) {
		tpl_value *m;

		if (items[i].target == NULL)
			continue;
		m = tpl_map(a);
		tpl_set_str(a, m, "title", items[i].title.s);
		tpl_set(a, m, "url", rel_url(a, p, items[i].target));
		tpl_set_bool(a, m, "current", current != NULL &&
		    strcmp(items[i].target, current) == 0);
		tpl_push(a, v, m);
	}
	return v;
}

static tpl_value *
contacts_value(arena *a, const struct site *s)
{
	const struct contact	*c = s->meta.contacts.items;
	tpl_value		*v = tpl_list(a);
	size_t			 i;

	for (i = 0; i < s->meta.contacts.n; i++) {
		tpl_value	*m = tpl_map(a);
		buf		 tel = BUF_INIT;
		const char	*ph;

		tpl_set_str(a, m, "name", c[i].name.s);
		tpl_set(a, m, "description", tpl_cstr(a, c[i].description.s));
		tpl_set(a, m, "phone", tpl_cstr(a, c[i].phone.s));
		for (ph = c[i].phone.s; ph != NULL && *ph != '\0'; ph++)
			if ((*ph >= '0' && *ph <= '9') || *ph == '+' ||
			    *ph == '#')
				buf_putc(&tel, *ph);
		if (tel.len > 0)
			tpl_set(a, m, "tel", tpl_str(a, tel.data, tel.len));
		tpl_set(a, m, "email", tpl_cstr(a, c[i].email.s));
		tpl_set(a, m, "url", tpl_cstr(a, c[i].url.s));
		tpl_set(a, m, "hours", tpl_cstr(a, c[i].hours.s));
		tpl_set(a, m, "note", tpl_cstr(a, c[i].note.s));
		tpl_push(a, v, m);
		buf_free(&tel);
	}
	return v;
}

static tpl_value *
toc_value(arena *a, const struct page *p)
{
	tpl_value	*v = tpl_list(a);
	size_t		 i;

	for (i = 0; i < p->md.nheadings; i++) {
		tpl_value *m;

		if (p->md.headings[i].level != 2)
			continue;
		m = tpl_map(a);
		tpl_set_str(a, m, "id", p->md.headings[i].id);
		tpl_set_str(a, m, "text", p->md.headings[i].text);
		tpl_push(a, v, m);
	}
	return v;
}

static tpl_value *
link_value(arena *a, const struct page *from, const struct page *to)
{
	tpl_value *m;

	if (to == NULL)
		return tpl_null(a);
	m = tpl_map(a);
	tpl_set_str(a, m, "title", to->meta.title.s);
	tpl_set(a, m, "url", rel_url(a, from, to->out));
	return m;
}

void
html_env_init(struct html_env *e, struct site *s, const struct assets *as)
{
	size_t i;

	memset(e, 0, sizeof(*e));
	e->s = s;
	e->as = as;
	e->ng = site_guides(s, &e->guides);
	e->nt = site_calculators(s, &e->tools);
	e->site_v = site_value(&e->a, s, as);
	/* Each guide's place in the list, for prev/next links. */
	for (i = 0; i < e->ng; i++)
		e->guides[i]->index = i;
}

void
html_env_free(struct html_env *e)
{
	free(e->guides);
	free(e->tools);
	arena_free(&e->a);
}

tpl_value *
html_page_context(arena *a, const struct html_env *e, struct page *p)
{
	struct site		*s = e->s;
	const struct assets	*as = e->as;
	struct page		**guides = e->guides;
	size_t			 ng = e->ng, i;
	tpl_value		*ctx = tpl_map(a), *pv = tpl_map(a), *list, *crumbs;
	const char		*desc;

	tpl_set_str(a, ctx, "lang", "ja");
	tpl_set(a, ctx, "site", e->site_v);
	tpl_set_str(a, ctx, "generator", "mamoru " MAMORU_VERSION);
	tpl_set_str(a, ctx, "csp", p->calc != NULL ? calc_csp :
	    p->kind == PAGE_SEARCH ? search_csp : html_csp);
	tpl_set(a, ctx, "root", rel_url(a, p, ""));
	tpl_set(a, ctx, "home_url", rel_url(a, p, "index.html"));
	tpl_set(a, ctx, "guides_url", rel_url(a, p, "guides/index.html"));
	tpl_set(a, ctx, "contacts_url", rel_url(a, p, "contacts/index.html"));
	tpl_set(a, ctx, "feed_url", rel_url(a, p, "feed.xml"));
	list = nav_value(a, s, p);
	tpl_set(a, ctx, "nav", list);
	tpl_set_bool(a, ctx, "has_nav", list->len > 0);
	tpl_set(a, ctx, "styles", asset_list(a, p, as, "css/", ".css"));
	tpl_set(a, ctx, "scripts", asset_list(a, p, as, "js/", ".js"));
	if (p->kind == PAGE_SEARCH)
		tpl_set(a, ctx, "search_scripts", asset_list(a, p, as,
		    "js/search/", ".js"));
	tpl_set(a, ctx, "search_url", s->search_page ? rel_url(a, p,
	    s->search_page->out) : tpl_null(a));
	if (p->calc != NULL) {
		tpl_set(a, ctx, "calc_scripts", asset_list(a, p, as, "js/calc/",
		    ".js"));
		tpl_set(a, ctx, "calc", calc_value(a, s, p));
	}
	{
		const struct asset *fav = assets_find(as, "favicon.svg");

		if (fav != NULL && fav->out != NULL)
			tpl_set(a, ctx, "favicon", rel_url(a, p, fav->out));
	}
	if (p->kind == PAGE_NOT_FOUND) {
		/* Served at any depth: resolve links against the site root. */
		tpl_set(a, ctx, "base_href", tpl_cstr(a, s->meta.base_url.s));
	}

	tpl_set_str(a, pv, "title", p->meta.title.s);
	tpl_set(a, pv, "summary", tpl_cstr(a, p->meta.summary.s));
	desc = p->meta.summary.s ? p->meta.summary.s : s->meta.description.s;
	tpl_set(a, pv, "description", tpl_cstr(a, desc));
	tpl_set_str(a, pv, "canonical", abs_url(a, s, p->url));
	tpl_set_str(a, pv, "og_type", p->kind == PAGE_GUIDE ? "article" :
	    "website");
	tpl_set(a, pv, "updated", tpl_cstr(a, p->meta.updated.s));
	tpl_set(a, pv, "updated_ja", date_ja(a, &p->meta.updated));
	tpl_set(a, pv, "tags", str_list(a, &p->meta.tags));
	tpl_set_bool(a, pv, "has_tags", p->meta.tags.n > 0);
	tpl_set(a, pv, "audience", tpl_cstr(a, p->meta.audience.s));
	tpl_set_bool(a, pv, "kiosk", p->meta.kiosk.v);
	tpl_set(a, pv, "print", tpl_cstr(a, p->meta.print.s));
	tpl_set_bool(a, pv, "is_home", p->kind == PAGE_HOME);
	tpl_set_bool(a, pv, "is_guide", p->kind == PAGE_GUIDE);
	tpl_set_bool(a, pv, "is_calc", p->kind == PAGE_CALC);
	tpl_set(a, pv, "body", tpl_str_ref(a, buf_str(&p->html), p->html.len));
	list = toc_value(a, p);
	tpl_set(a, pv, "toc", list);
	tpl_set_bool(a, pv, "has_toc", list->len >= 3);
	if (p->ncites > 0) {
		list = tpl_list(a);
		for (i = 0; i < p->ncites; i++) {
			tpl_value	*c = tpl_map(a);
			const struct fact *f = p->cites[i].fact;
			buf		 t = BUF_INIT;

			fact_source_text(f, &t);
			tpl_set_int(a, c, "number", p->cites[i].number);
			tpl_set_str(a, c, "id", arena_printf(a, "cite-%d",
			    p->cites[i].number));
			tpl_set_str(a, c, "text", arena_strdup(a, buf_str(&t)));
			tpl_set(a, c, "url", tpl_cstr(a, f->source.url.s));
			tpl_push(a, list, c);
			buf_free(&t);
		}
		tpl_set(a, pv, "citations", list);
		tpl_set_bool(a, pv, "has_citations", 1);
	}
	tpl_set(a, ctx, "page", pv);

	crumbs = tpl_list(a);
	if (p->kind != PAGE_HOME) {
		tpl_value *home = link_value(a, p, s->home);

		tpl_set_str(a, home, "title", "ホーム");
		tpl_push(a, crumbs, home);
		if (p->kind == PAGE_GUIDE)
			tpl_push(a, crumbs, link_value(a, p, s->list));
		if (p->kind == PAGE_KARUTA_CARD || p->kind == PAGE_KARUTA_PLAY)
			tpl_push(a, crumbs, link_value(a, p, s->karuta_page));
	}
	tpl_set(a, ctx, "breadcrumbs", crumbs);

	/* Lists of all guides only where shown: building them for every
	 * page would make a build quadratic in the number of pages. */
	if (p->kind == PAGE_HOME || p->kind == PAGE_LIST) {
		list = tpl_list(a);
		for (i = 0; i < ng; i++)
			tpl_push(a, list, guide_card(a, p, guides[i]));
		tpl_set(a, ctx, "guides", list);
		list = tpl_list(a);
		for (i = 0; i < e->nt; i++) {
			tpl_value *t = guide_card(a, p, e->tools[i]);
			const struct calc *c = e->tools[i]->calc;

			tpl_set_str(a, t, "kind_label", c->kind == CALC_COST ?
			    "試算" : c->kind == CALC_CHECKLIST ? "チェック" :
			    "診断");
			if (c->nitems > 0)
				tpl_set_int(a, t, "item_count",
				    (long long)c->nitems);
			tpl_push(a, list, t);
			if (i == 0)
				tpl_set(a, ctx, "first_tool", t);
		}
		tpl_set(a, ctx, "tools", list);
		tpl_set_bool(a, ctx, "has_tools", e->nt > 0);
	}
	if (p->kind == PAGE_GUIDE) {
		i = p->index;
		tpl_set(a, ctx, "prev", link_value(a, p, i > 0 ?
		    guides[i - 1] : NULL));
		tpl_set(a, ctx, "next", link_value(a, p, i + 1 < ng ?
		    guides[i + 1] : NULL));
	}
	if (p->kind == PAGE_GLOSSARY) {
		list = glossary_value(a, s, p);
		tpl_set(a, ctx, "groups", list);
		tpl_set_int(a, ctx, "term_count", (long long)s->glossary.n);
	}
	if (p->kind == PAGE_SOURCES)
		tpl_set(a, ctx, "sources", sources_value(a, s, p));
	if (s->karuta_page != NULL && (p->kind == PAGE_KARUTA ||
	    p->kind == PAGE_KARUTA_PLAY || p->kind == PAGE_KARUTA_CARD))
		karuta_context(a, s, p, ctx);
	if (p->kind == PAGE_KARUTA_PLAY)
		tpl_set(a, ctx, "karuta_scripts", asset_list(a, p, as,
		    "js/karuta/", ".js"));
	tpl_set(a, ctx, "karuta_url", s->karuta_page ? rel_url(a, p,
	    s->karuta_page->out) : tpl_null(a));
	tpl_set(a, ctx, "karuta_play_url", s->karuta_play_page ? rel_url(a, p,
	    s->karuta_play_page->out) : tpl_null(a));
	tpl_set(a, ctx, "glossary_url", s->glossary_page ? rel_url(a, p,
	    s->glossary_page->out) : tpl_null(a));
	tpl_set(a, ctx, "sources_url", s->sources_page ? rel_url(a, p,
	    s->sources_page->out) : tpl_null(a));
	if (p->kind == PAGE_CONTACTS || p->kind == PAGE_HOME) {
		list = contacts_value(a, s);
		tpl_set(a, ctx, "contacts", list);
		tpl_set_bool(a, ctx, "has_contacts", list->len > 0);
	}
	return ctx;
}

static int
write_file(const char *root, const char *rel, const buf *data)
{
	buf path = BUF_INIT;
	int rc;

	fs_join(&path, root, rel);
	if ((rc = fs_write(path.data, buf_str(data), data->len)) == -1)
		diag_error(src_at(path.data, 0, 0), "書き込めません: %s",
		    strerror(errno));
	buf_free(&path);
	return rc;
}

static int
render_to(mu_set *tpl, const char *name, const tpl_value *ctx,
    const char *root, const char *rel)
{
	buf	out = BUF_INIT;
	int	rc;

	rc = mu_render(tpl, name, ctx, &out);
	if (rc == 0)
		rc = write_file(root, rel, &out);
	buf_free(&out);
	return rc;
}

/* A page, rendered and written, and recorded in the memo. */
static int
render_memo_to(mu_set *tpl, const char *name, const tpl_value *ctx,
    const char *root, const char *rel, struct render_memo *memo,
    uint64_t key)
{
	buf	out = BUF_INIT;
	int	rc;

	rc = mu_render(tpl, name, ctx, &out);
	if (rc == 0)
		rc = write_file(root, rel, &out);
	if (rc == 0 && memo != NULL)
		memo->made(memo->ctx, rel, key, out.data, out.len);
	buf_free(&out);
	return rc;
}

struct dated {
	long			 days;
	const struct page	*p;
};

/* Newest first; the guide order breaks ties, so output is stable. */
static int
dated_cmp(const void *va, const void *vb)
{
	const struct dated *a = va, *b = vb;

	if (a->days != b->days)
		return a->days > b->days ? -1 : 1;
	return a->p->index < b->p->index ? -1 : a->p->index > b->p->index;
}

/* sitemap.xml, feed.xml and robots.txt: absolute URLs from base_url. */
static int
emit_feeds(struct site *s, mu_set *tpl, const char *root)
{
	arena		 a = ARENA_INIT;
	tpl_value	*ctx = tpl_map(&a), *urls = tpl_list(&a), *entries;
	struct page	**guides;
	struct dated	*dated;
	size_t		 ng, nd, i;
	int		 rc = 0, y, m, d;
	long		 newest = -1;

	tpl_set(&a, ctx, "site", tpl_map(&a));
	tpl_set_str(&a, tpl_get(ctx, "site", 4), "title", s->meta.title.s);
	tpl_set_str(&a, tpl_get(ctx, "site", 4), "base_url",
	    s->meta.base_url.s);
	tpl_set(&a, tpl_get(ctx, "site", 4), "organisation",
	    tpl_map(&a));
	tpl_set_str(&a, tpl_get(tpl_get(ctx, "site", 4), "organisation", 12),
	    "name", s->meta.organisation.name.s);
	tpl_set_str(&a, ctx, "generator", "mamoru " MAMORU_VERSION);
	tpl_set_str(&a, ctx, "feed_url", abs_url(&a, s, "feed.xml"));
	tpl_set_str(&a, ctx, "sitemap_url", abs_url(&a, s, "sitemap.xml"));
	for (i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];
		tpl_value *u;

		if (p->out == NULL || p->kind == PAGE_NOT_FOUND)
			continue;
		u = tpl_map(&a);
		tpl_set_str(&a, u, "loc", abs_url(&a, s, p->url));
		tpl_set(&a, u, "lastmod", tpl_cstr(&a, p->meta.updated.s));
		tpl_push(&a, urls, u);
	}
	tpl_set(&a, ctx, "urls", urls);

	/* Atom: guides with an `updated` date, newest first. */
	ng = site_guides(s, &guides);
	dated = xmalloc((ng + 1) * sizeof(*dated));
	for (i = nd = 0; i < ng; i++)
		if (guides[i]->meta.updated.set) {
			dated[nd].days = date_parse(guides[i]->meta.updated.s);
			dated[nd++].p = guides[i];
		}
	qsort(dated, nd, sizeof(*dated), dated_cmp);
	entries = tpl_list(&a);
	for (i = 0; i < nd; i++) {
		const struct page *g = dated[i].p;
		tpl_value *e = tpl_map(&a);

		if (newest < 0)
			newest = dated[i].days;
		tpl_set_str(&a, e, "title", g->meta.title.s);
		tpl_set(&a, e, "summary", tpl_cstr(&a, g->meta.summary.s));
		tpl_set_str(&a, e, "url", abs_url(&a, s, g->url));
		tpl_set_str(&a, e, "updated", arena_printf(&a,
		    "%sT00:00:00+09:00", g->meta.updated.s));
		tpl_push(&a, entries, e);
	}
	free(dated);
	free(guides);
	tpl_set(&a, ctx, "entries", entries);
	date_ymd(newest >= 0 ? newest : s->build_days, &y, &m, &d);
	tpl_set_str(&a, ctx, "updated", arena_printf(&a,
	    "%04d-%02d-%02dT00:00:00+09:00", y, m, d));

	if (render_to(tpl, "sitemap.xml", ctx, root, "sitemap.xml") == -1 ||
	    render_to(tpl, "atom.xml", ctx, root, "feed.xml") == -1 ||
	    render_to(tpl, "robots.txt", ctx, root, "robots.txt") == -1)
		rc = -1;
	arena_free(&a);
	return rc;
}

static int
copy_content_files(struct site *s, const char *root)
{
	buf	src = BUF_INIT, dst = BUF_INIT;
	size_t	i;
	int	rc = 0;

	for (i = 0; i < s->nfiles; i++) {
		buf_truncate(&src, 0);
		buf_truncate(&dst, 0);
		fs_join(&src, s->content, s->files[i]);
		fs_join(&dst, root, s->files[i]);
		if (fs_copy(src.data, dst.data) == -1) {
			diag_error(src_at(src.data, 0, 0), "コピーできません: "
			    "%s", strerror(errno));
			rc = -1;
		}
	}
	buf_free(&src);
	buf_free(&dst);
	return rc;
}

int
html_emit(struct site *s, mu_set *tpl, const struct assets *as,
    const char *root, struct render_memo *memo)
{
	struct html_env	e;
	arena		a = ARENA_INIT;
	size_t		i;
	int		rc = 0;
	uint64_t	fp = 0, key = 0;
	buf		path = BUF_INIT;
	struct tpl_known known = { NULL, 0 };

	html_env_init(&e, s, as);
	if (memo != NULL) {
		fp = mu_set_fingerprint(tpl);
		known.v = e.site_v;
		known.h = tpl_value_hash(e.site_v);
	}
	for (i = 0; i < s->npages && rc == 0; i++) {
		struct page	*p = s->pages[i];
		tpl_value	*ctx;

		if (p->out == NULL)
			continue;
		ctx = html_page_context(&a, &e, p);
		if (memo != NULL) {
			hash_state	h;
			const char	*name = template_of[p->kind];

			hash_begin(&h);
			hash_add(&h, &fp, sizeof(fp));
			hash_add(&h, name, strlen(name) + 1);
			tpl_hash_add_known(&h, ctx, &known, 1);
			key = hash_end(&h);
			buf_truncate(&path, 0);
			fs_join(&path, root, p->out);
			if (memo->reuse(memo->ctx, p->out, key, path.data) == 1) {
				memo->reused++;
				arena_free(&a);
				continue;
			}
		}
		rc = render_memo_to(tpl, template_of[p->kind], ctx, root,
		    p->out, memo, key);
		arena_free(&a);
	}
	buf_free(&path);
	html_env_free(&e);
	if (rc == 0)
		rc = emit_feeds(s, tpl, root);
	if (rc == 0)
		rc = copy_content_files(s, root);
	return rc;
}
