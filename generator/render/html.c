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
#include "html.h"

#ifndef MAMORU_VERSION
#define MAMORU_VERSION "0.0.0"
#endif

const char html_csp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'none'; "
    "object-src 'none'; base-uri 'self'; form-action 'none'";

static const char *const template_of[] = {
	[PAGE_HOME] = "home",
	[PAGE_GUIDE] = "guide",
	[PAGE_LIST] = "guides",
	[PAGE_CONTACTS] = "contacts",
	[PAGE_NOT_FOUND] = "404",
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
	size_t		 i, dl = strlen(dir), el = strlen(ext), n;

	for (i = 0; i < as->n; i++) {
		const struct asset *x = &as->items[i];

		n = strlen(x->rel);
		if (x->out == NULL || strncmp(x->rel, dir, dl) != 0 ||
		    strchr(x->rel + dl, '/') != NULL || n < el ||
		    strcmp(x->rel + n - el, ext) != 0)
			continue;
		tpl_value *m = tpl_map(a);
		tpl_set(a, m, "url", rel_url(a, p, x->out));
		tpl_push(a, v, m);
	}
	return v;
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
	e->site_v = site_value(&e->a, s, as);
	/* Each guide's place in the list, for prev/next links. */
	for (i = 0; i < e->ng; i++)
		e->guides[i]->index = i;
}

void
html_env_free(struct html_env *e)
{
	free(e->guides);
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
	tpl_set_str(a, ctx, "csp", html_csp);
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
	tpl_set(a, pv, "body", tpl_str_ref(a, buf_str(&p->html), p->html.len));
	list = toc_value(a, p);
	tpl_set(a, pv, "toc", list);
	tpl_set_bool(a, pv, "has_toc", list->len >= 3);
	tpl_set(a, ctx, "page", pv);

	crumbs = tpl_list(a);
	if (p->kind != PAGE_HOME) {
		tpl_value *home = link_value(a, p, s->home);

		tpl_set_str(a, home, "title", "ホーム");
		tpl_push(a, crumbs, home);
		if (p->kind == PAGE_GUIDE)
			tpl_push(a, crumbs, link_value(a, p, s->list));
	}
	tpl_set(a, ctx, "breadcrumbs", crumbs);

	/* Lists of all guides only where shown: building them for every
	 * page would make a build quadratic in the number of pages. */
	if (p->kind == PAGE_HOME || p->kind == PAGE_LIST) {
		list = tpl_list(a);
		for (i = 0; i < ng; i++)
			tpl_push(a, list, guide_card(a, p, guides[i]));
		tpl_set(a, ctx, "guides", list);
	}
	if (p->kind == PAGE_GUIDE) {
		i = p->index;
		tpl_set(a, ctx, "prev", link_value(a, p, i > 0 ?
		    guides[i - 1] : NULL));
		tpl_set(a, ctx, "next", link_value(a, p, i + 1 < ng ?
		    guides[i + 1] : NULL));
	}
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
    const char *root)
{
	struct html_env	e;
	arena		a = ARENA_INIT;
	size_t		i;
	int		rc = 0;

	html_env_init(&e, s, as);
	for (i = 0; i < s->npages && rc == 0; i++) {
		struct page	*p = s->pages[i];
		tpl_value	*ctx;

		if (p->out == NULL)
			continue;
		ctx = html_page_context(&a, &e, p);
		rc = render_to(tpl, template_of[p->kind], ctx, root, p->out);
		arena_free(&a);
	}
	html_env_free(&e);
	if (rc == 0)
		rc = emit_feeds(s, tpl, root);
	if (rc == 0)
		rc = copy_content_files(s, root);
	return rc;
}
