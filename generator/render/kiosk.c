/*
 * kiosk.c -- the kiosk page: its screens, their template contexts, and
 * the folder around it (kiosk_files.c copies the scripts, styles and
 * fonts and writes the launcher and the setup guide).
 *
 * Each screen that shows a page of the site (calculators, guides, the
 * contacts, search and karuta pages) is rendered with the page's own
 * context (html_page_context, as on the website) through its template in
 * templates/kiosk/, then made fit for the one-document kiosk by
 * kiosk_rewrite (kiosk_html.c).  The attract screen, the home menu and the
 * list of guides are the kiosk's own.  What every kiosk template sees is
 * documented in docs/kiosk.md.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../core/diag.h"
#include "../core/fs.h"
#include "../model/calc.h"
#include "html.h"
#include "../core/hash.h"
#include "kiosk.h"
#include "kiosk_int.h"

#ifndef MAMORU_VERSION
#define MAMORU_VERSION "0.0.0"
#endif

/* The kiosk compiles the scoring and search cores (WebAssembly) and never
 * sends a form or loads anything from elsewhere. */
static const char kiosk_csp[] =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
    "style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'none'; media-src 'none'; object-src 'none'; "
    "frame-src 'none'; base-uri 'none'; form-action 'none'";

/* At most this many facts take turns on the attract screen. */
#define KIOSK_FACTS	8
/* Suggested words of the search: the glossary's most used terms, short
 * enough for a button. */
#define KIOSK_WORDS	14
#define KIOSK_WORD_MAX	9

struct screen {
	const char	*id;		/* "calc-shindan", also the id prefix */
	const char	*tpl;		/* "kiosk/calc" */
	struct page	*page;		/* whose context it is rendered with */
};

struct kiosk {
	struct site		*s;
	mu_set			*tpl;
	struct html_env		 env;
	arena			 a;
	struct screen		*screens;
	size_t			 nscreens;
	struct kiosk_route	*routes;
	size_t			 nroutes;
	struct page		**calcs, **guides;	/* kiosk: true */
	size_t			 ncalcs, nguides;
	struct blob_memo	*memo;
	uint64_t		 env_key;	/* what every screen shares */
	struct tpl_known	 known[2];	/* the site's and the kiosk's
						 * values, hashed once */
};

/* What every screen's HTML depends on besides its own context: the
 * templates, and what kiosk_rewrite() turns links into (the site's
 * address, every page's output and address, every route). */
static uint64_t
env_key(const struct kiosk *k)
{
	hash_state	 h;
	uint64_t	 fp = mu_set_fingerprint(k->tpl);
	const char	*base = k->s->meta.base_url.s != NULL ?
			    k->s->meta.base_url.s : "";
	size_t		 i;

	hash_begin(&h);
	hash_add(&h, &fp, sizeof(fp));
	hash_add(&h, base, strlen(base) + 1);
	for (i = 0; i < k->s->npages; i++) {
		const struct page *p = k->s->pages[i];

		hash_add(&h, p->out != NULL ? p->out : "", p->out != NULL ?
		    strlen(p->out) + 1 : 1);
		hash_add(&h, p->url != NULL ? p->url : "", p->url != NULL ?
		    strlen(p->url) + 1 : 1);
	}
	for (i = 0; i < k->nroutes; i++) {
		hash_add(&h, k->routes[i].out, strlen(k->routes[i].out) + 1);
		hash_add(&h, k->routes[i].screen,
		    strlen(k->routes[i].screen) + 1);
	}
	return hash_end(&h);
}

static void
add_route(struct kiosk *k, const struct page *p, const char *screen)
{
	if (p == NULL || p->out == NULL)
		return;
	k->routes = xrealloc(k->routes, (k->nroutes + 1) * sizeof(*k->routes));
	k->routes[k->nroutes].out = p->out;
	k->routes[k->nroutes].screen = screen;
	k->nroutes++;
}

static const char *
add_screen(struct kiosk *k, const char *id, const char *tpl, struct page *p)
{
	k->screens = xrealloc(k->screens, (k->nscreens + 1) *
	    sizeof(*k->screens));
	k->screens[k->nscreens].id = id;
	k->screens[k->nscreens].tpl = tpl;
	k->screens[k->nscreens].page = p;
	k->nscreens++;
	add_route(k, p, id);
	return id;
}

/* Only the pages marked `kiosk: true`, in their list order. */
static size_t
kiosk_only(struct page **list, size_t n)
{
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		if (list[i]->meta.kiosk.v)
			list[m++] = list[i];
	return m;
}

/* Which pages the kiosk shows, and where each page of the site goes. */
static void
plan(struct kiosk *k)
{
	struct site	*s = k->s;
	size_t		 i;

	k->ncalcs = kiosk_only(k->calcs, site_calculators(s, &k->calcs));
	k->nguides = kiosk_only(k->guides, site_guides(s, &k->guides));
	add_route(k, s->home, "home");
	add_route(k, s->list, "guides");
	for (i = 0; i < k->ncalcs; i++)
		add_screen(k, arena_printf(&k->a, "calc-%s", k->calcs[i]->slug),
		    "kiosk/calc", k->calcs[i]);
	for (i = 0; i < k->nguides; i++)
		add_screen(k, arena_printf(&k->a, "guide-%s",
		    k->guides[i]->slug), "kiosk/guide", k->guides[i]);
	if (s->karuta_play_page != NULL) {
		add_screen(k, "karuta", "kiosk/karuta", s->karuta_play_page);
		add_route(k, s->karuta_page, "karuta");
	}
	add_screen(k, "contacts", "kiosk/contacts", s->contacts);
	if (s->search_page != NULL)
		add_screen(k, "search", "kiosk/search", s->search_page);
}

/* ----- the kiosk's own screens -------------------------------------------- */

/* The first calculator is the diagnosis (a shield); SECURITY ACTION and
 * other scores with levels are stars. */
static const char *
calc_icon(const struct page *p, size_t i)
{
	if (p->calc->kind == CALC_COST)
		return "yen";
	if (p->calc->kind == CALC_CHECKLIST)
		return "check";
	return i > 0 && p->calc->m.levels.n > 0 ? "star" : "shield";
}

static tpl_value *
tile(struct kiosk *k, const char *screen, const char *title,
    const char *summary, const char *badge, const char *icon)
{
	arena		*a = &k->a;
	tpl_value	*t = tpl_map(a);

	tpl_set_str(a, t, "screen", screen);
	tpl_set_str(a, t, "title", title);
	tpl_set(a, t, "summary", tpl_cstr(a, summary));
	tpl_set(a, t, "badge", tpl_cstr(a, badge));
	tpl_set_str(a, t, "icon", icon);
	tpl_set_bool(a, t, arena_printf(a, "icon_%s", icon), 1);
	return t;
}

/* The home menu: the first calculator (自社診断) as the big tile, then
 * the other calculators, karuta, guides, contacts and search. */
static tpl_value *
home_value(struct kiosk *k)
{
	arena		*a = &k->a;
	tpl_value	*v = tpl_map(a), *tiles = tpl_list(a);
	size_t		 i;

	for (i = 0; i < k->ncalcs; i++) {
		const struct page *p = k->calcs[i];
		const struct calc *c = p->calc;
		tpl_value *t = tile(k, arena_printf(a, "calc-%s", p->slug),
		    p->meta.title.s, p->meta.summary.s, c->kind == CALC_COST ?
		    "試算" : arena_printf(a, c->kind == CALC_CHECKLIST ?
		    "%zu項目" : "%zu問", c->nitems), calc_icon(p, i));

		if (i == 0)
			tpl_set(a, v, "primary", t);
		else
			tpl_push(a, tiles, t);
	}
	if (k->s->karuta_play_page != NULL)
		tpl_push(a, tiles, tile(k, "karuta", "かるたで学ぶ",
		    k->s->karuta.description.s, arena_printf(a, "%zu枚",
		    k->s->karuta.n), "cards"));
	if (k->nguides > 0)
		tpl_push(a, tiles, tile(k, "guides", "短いガイドを読む",
		    "パスワード、バックアップ、メールなど、今日からできる"
		    "対策をやさしく説明します。", arena_printf(a, "%zu本",
		    k->nguides), "book"));
	tpl_push(a, tiles, tile(k, "contacts", "相談窓口",
	    "困ったとき、だれに相談すればよいかをまとめました。", NULL,
	    "phone"));
	if (k->s->search_page != NULL)
		tpl_push(a, tiles, tile(k, "search", "言葉でさがす",
		    "気になる言葉から、説明やガイドをさがします。", NULL,
		    "search"));
	tpl_set(a, v, "tiles", tiles);
	return v;
}

static tpl_value *
guides_value(struct kiosk *k)
{
	arena		*a = &k->a;
	tpl_value	*list = tpl_list(a);
	size_t		 i;

	for (i = 0; i < k->nguides; i++) {
		const struct page *g = k->guides[i];
		tpl_value *t = tpl_map(a);

		tpl_set_str(a, t, "screen", arena_printf(a, "guide-%s", g->slug));
		tpl_set_str(a, t, "title", g->meta.title.s);
		tpl_set(a, t, "summary", tpl_cstr(a, g->meta.summary.s));
		tpl_set(a, t, "audience", tpl_cstr(a, g->meta.audience.s));
		tpl_push(a, list, t);
	}
	return list;
}

/* A fact for the attract screen: shares and amounts, not head counts. */
static int
fact_fits(const struct fact *f)
{
	const char *u = f->unit.s;

	return u != NULL && (strcmp(u, "%") == 0 || strcmp(u, "割") == 0 ||
	    strstr(u, "円") != NULL);
}

static int
listed(const struct fact *const *got, size_t n, const struct fact *f)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (got[i] == f)
			return 1;
	return 0;
}

/* The facts the page's HTML shows ({{fact}} writes data-fact="ID"). */
static size_t
facts_of_page(const struct site *s, const struct page *p,
    const struct fact **got, size_t n)
{
	const char *h = buf_str(&p->html), *q;

	while (n < KIOSK_FACTS && (q = strstr(h, "data-fact=\"")) != NULL) {
		const struct fact *f;
		const char *id = q + 11, *e = strchr(id, '"');

		if (e == NULL)
			break;
		f = facts_find(s, id, (size_t)(e - id));
		if (f != NULL && fact_fits(f) && !listed(got, n, f))
			got[n++] = f;
		h = e;
	}
	return n;
}

/*
 * The attract screen's facts: the ids given (site.yaml kiosk.facts), or
 * else the shares and amounts the home page and the kiosk's guides show,
 * in that order.
 */
static tpl_value *
facts_value(struct kiosk *k, const fm_strs *ids)
{
	arena			*a = &k->a;
	const struct fact	*got[KIOSK_FACTS];
	tpl_value		*list = tpl_list(a);
	size_t			 n = 0, i;

	if (ids != NULL && ids->n > 0) {
		for (i = 0; i < ids->n && n < KIOSK_FACTS; i++) {
			const struct fact *f = facts_find(k->s, ids->items[i].s,
			    ids->items[i].len);

			if (f == NULL)
				diag_error(ids->items[i].pos, "kiosk の facts の "
				    "'%s' は content/facts.yaml にありません",
				    ids->items[i].s);
			else if (!listed(got, n, f))
				got[n++] = f;
		}
	} else {
		if (k->s->home != NULL)
			n = facts_of_page(k->s, k->s->home, got, n);
		for (i = 0; i < k->nguides; i++)
			n = facts_of_page(k->s, k->guides[i], got, n);
	}
	for (i = 0; i < n; i++) {
		tpl_value	*v = tpl_map(a);
		buf		 src = BUF_INIT;

		fact_source_text(got[i], &src);
		tpl_set_int(a, v, "index", (long long)i);
		tpl_set_int(a, v, "number", (long long)i + 1);
		tpl_set_str(a, v, "id", got[i]->id.s);
		tpl_set_str(a, v, "value", got[i]->value.s);
		tpl_set(a, v, "unit", tpl_cstr(a, got[i]->unit.s));
		tpl_set_str(a, v, "label", got[i]->label.s);
		tpl_set_str(a, v, "source", arena_strdup(a, buf_str(&src)));
		tpl_set_bool(a, v, "first", i == 0);
		tpl_push(a, list, v);
		buf_free(&src);
	}
	return list;
}

/* Characters (code points) of a UTF-8 string. */
static size_t
utf8_length(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Terms for the definition dialog, and the search's suggestions: the
 * terms most pages use. */
static void
glossary_values(struct kiosk *k, tpl_value *ctx)
{
	arena			*a = &k->a;
	const struct glossary	*g = &k->s->glossary;
	tpl_value		*terms = tpl_list(a), *chips = tpl_list(a);
	const struct term	**by_use;
	size_t			 i, j;

	by_use = xmalloc((g->n + 1) * sizeof(*by_use));
	for (i = 0; i < g->n; i++) {
		const struct term *t = g->sorted[i];
		tpl_value *v = tpl_map(a);

		tpl_set_str(a, v, "id", t->id);
		tpl_set_str(a, v, "term", t->term.s);
		tpl_set_str(a, v, "reading", t->reading.s);
		tpl_set_str(a, v, "definition", t->definition.s);
		tpl_set(a, v, "en", tpl_cstr(a, t->en.s));
		tpl_push(a, terms, v);
		/* insertion sort by uses, most first; stable */
		for (j = i; j > 0 && by_use[j - 1]->uses < t->uses; j--)
			by_use[j] = by_use[j - 1];
		by_use[j] = t;
	}
	for (i = j = 0; i < g->n && j < KIOSK_WORDS && by_use[i]->uses > 0;
	    i++) {
		tpl_value *v;

		if (utf8_length(by_use[i]->term.s) > KIOSK_WORD_MAX)
			continue;
		v = tpl_map(a);
		tpl_set_str(a, v, "term", by_use[i]->term.s);
		tpl_push(a, chips, v);
		j++;
	}
	free(by_use);
	tpl_set(a, ctx, "terms", terms);
	tpl_set_bool(a, ctx, "has_terms", g->n > 0);
	tpl_set(a, ctx, "suggestions", chips);
}

/* ----- screens of pages ---------------------------------------------------- */

/* The screen's HTML: the template with the page's context, links and ids
 * made fit for the kiosk, and the QR codes of the links that leave it. */
static int
render_screen(struct kiosk *k, const struct screen *sc, tpl_value *shared,
    buf *html)
{
	arena			 a = ARENA_INIT;
	tpl_value		*ctx, *links, *lctx;
	struct kiosk_rewrite	 r;
	buf			 raw = BUF_INIT;
	size_t			 i, start = 0;
	int			 rc;
	uint64_t		 key = 0;

	memset(&r, 0, sizeof(r));
	ctx = html_page_context(&a, &k->env, sc->page);
	tpl_set(&a, ctx, "kiosk", shared);
	tpl_set_str(&a, ctx, "screen", sc->id);
	if (k->memo != NULL) {
		hash_state	 h;
		const void	*kept;
		size_t		 len;

		hash_begin(&h);
		hash_add(&h, &k->env_key, sizeof(k->env_key));
		hash_add(&h, sc->id, strlen(sc->id) + 1);
		hash_add(&h, sc->tpl, strlen(sc->tpl) + 1);
		hash_add(&h, sc->page->out != NULL ? sc->page->out : "",
		    sc->page->out != NULL ? strlen(sc->page->out) + 1 : 1);
		tpl_hash_add_known(&h, ctx, k->known, 2);
		key = hash_end(&h);
		if (k->memo->get(k->memo->ctx, key, &kept, &len) == 0) {
			buf_append(html, kept, len);
			k->memo->put(k->memo->ctx, key, kept, len);
			k->memo->reused++;
			arena_free(&a);
			return 0;
		}
		start = html->len;
	}
	if ((rc = mu_render(k->tpl, sc->tpl, ctx, &raw)) == 0) {
		r.s = k->s;
		r.base = sc->page->out;
		r.prefix = arena_printf(&a, "%s-", sc->id);
		r.routes = k->routes;
		r.nroutes = k->nroutes;
		kiosk_rewrite(&r, buf_str(&raw), raw.len, html);
		lctx = tpl_map(&a);
		links = tpl_list(&a);
		for (i = 0; i < r.nlinks; i++) {
			tpl_value *l = tpl_map(&a);

			tpl_set_int(&a, l, "number", r.links[i].number);
			tpl_set_str(&a, l, "url", r.links[i].url);
			/* A link whose text is its address is not named twice. */
			if (r.links[i].text != NULL &&
			    strcmp(r.links[i].text, r.links[i].url) != 0)
				tpl_set_str(&a, l, "text", r.links[i].text);
			tpl_push(&a, links, l);
		}
		tpl_set(&a, lctx, "links", links);
		tpl_set_str(&a, lctx, "screen", sc->id);
		if (r.nlinks > 0)
			rc = mu_render(k->tpl, "kiosk/links", lctx, html);
	}
	if (rc == 0 && k->memo != NULL)
		k->memo->put(k->memo->ctx, key, html->data + start,
		    html->len - start);
	kiosk_rewrite_free(&r);
	buf_free(&raw);
	arena_free(&a);
	return rc;
}

/* What every kiosk template sees as `kiosk`. */
static tpl_value *
shared_value(struct kiosk *k)
{
	arena			*a = &k->a;
	const struct kiosk_settings *ks = &k->s->meta.kiosk;
	tpl_value		*v = tpl_map(a);

	tpl_set_int(a, v, "idle_seconds", ks->idle_seconds.v);
	tpl_set_int(a, v, "warning_seconds", ks->warning_seconds.v);
	tpl_set_str(a, v, "title", ks->title.s != NULL ? ks->title.s :
	    k->s->meta.title.s);
	tpl_set(a, v, "base_url", tpl_cstr(a, k->s->meta.base_url.s));
	tpl_set_bool(a, v, "has_search", k->s->search_page != NULL);
	tpl_set_bool(a, v, "has_karuta", k->s->karuta_play_page != NULL);
	tpl_set_bool(a, v, "has_guides", k->nguides > 0);
	glossary_values(k, v);
	return v;
}

/* Kiosk-relative URLs of the assets under dir with extension ext. */
static tpl_value *
asset_urls(arena *a, const struct assets *as, const char *dir,
    const char *ext)
{
	tpl_value	*v = tpl_list(a);
	size_t		 i;

	for (i = 0; i < as->n; i++) {
		const struct asset *x = &as->items[i];

		if (!asset_in(x, dir, ext))
			continue;
		tpl_value *m = tpl_map(a);
		tpl_set_str(a, m, "url", x->out);
		tpl_push(a, v, m);
	}
	return v;
}

static void
append_list(arena *a, tpl_value *to, const tpl_value *from)
{
	const tpl_entry *e;

	for (e = from->first; e != NULL; e = e->next)
		tpl_push(a, to, e->value);
}

static tpl_value *
index_context(struct kiosk *k, const struct assets *as, tpl_value *shared)
{
	arena		*a = &k->a;
	tpl_value	*ctx = tpl_map(a), *styles = tpl_list(a),
			*scripts = tpl_list(a), *routes = tpl_list(a), *facts;
	size_t		 i;

	tpl_set_str(a, ctx, "lang", "ja");
	tpl_set_str(a, ctx, "csp", kiosk_csp);
	tpl_set(a, ctx, "site", k->env.site_v);
	tpl_set_str(a, ctx, "generator", "mamoru " MAMORU_VERSION);
	tpl_set(a, ctx, "kiosk", shared);
	append_list(a, styles, asset_urls(a, as, "css/", ".css"));
	append_list(a, styles, asset_urls(a, as, "kiosk/", ".css"));
	tpl_set(a, ctx, "styles", styles);
	append_list(a, scripts, asset_urls(a, as, "js/calc/", ".js"));
	append_list(a, scripts, asset_urls(a, as, "js/search/", ".js"));
	append_list(a, scripts, asset_urls(a, as, "js/karuta/", ".js"));
	append_list(a, scripts, asset_urls(a, as, "kiosk/", ".js"));
	tpl_set(a, ctx, "scripts", scripts);
	facts = facts_value(k, NULL);
	tpl_set(a, ctx, "facts", facts);
	tpl_set_bool(a, ctx, "has_facts", facts->len > 0);
	tpl_set(a, ctx, "home", home_value(k));
	tpl_set(a, ctx, "guides", guides_value(k));
	for (i = 0; i < k->nroutes; i++) {
		tpl_value *r = tpl_map(a);

		tpl_set_str(a, r, "out", k->routes[i].out);
		tpl_set_str(a, r, "screen", k->routes[i].screen);
		tpl_push(a, routes, r);
	}
	tpl_set(a, ctx, "routes", routes);
	return ctx;
}

int
kiosk_emit(struct site *s, const struct assets *as, mu_set *tpl,
    const char *root, struct blob_memo *memo)
{
	struct kiosk	 k;
	tpl_value	*shared, *ctx, *screens;
	buf		 page = BUF_INIT, html = BUF_INIT, path = BUF_INIT;
	size_t		 i;
	int		 rc = 0;

	memset(&k, 0, sizeof(k));
	k.s = s;
	k.tpl = tpl;
	html_env_init(&k.env, s, as);
	plan(&k);
	if ((k.memo = memo) != NULL)
		k.env_key = env_key(&k);
	shared = shared_value(&k);
	if (memo != NULL) {
		k.known[0].v = k.env.site_v;
		k.known[0].h = tpl_value_hash(k.env.site_v);
		k.known[1].v = shared;
		k.known[1].h = tpl_value_hash(shared);
	}
	ctx = index_context(&k, as, shared);
	screens = tpl_list(&k.a);
	for (i = 0; i < k.nscreens && rc == 0; i++) {
		tpl_value *v = tpl_map(&k.a);

		buf_truncate(&html, 0);
		rc = render_screen(&k, &k.screens[i], shared, &html);
		tpl_set_str(&k.a, v, "id", k.screens[i].id);
		tpl_set_str(&k.a, v, "kind", k.screens[i].tpl + 6);
		tpl_set(&k.a, v, "html", tpl_str(&k.a, buf_str(&html), html.len));
		tpl_push(&k.a, screens, v);
	}
	tpl_set(&k.a, ctx, "screens", screens);
	if (rc == 0 && diag_error_count() == 0)
		rc = mu_render(tpl, "kiosk/index", ctx, &page);
	if (rc == 0 && diag_error_count() == 0) {
		fs_join(&path, root, "index.html");
		if (fs_write(path.data, buf_str(&page), page.len) == -1) {
			diag_error(src_at(path.data, 0, 0), "書き込めません: %s",
			    strerror(errno));
			rc = -1;
		}
	}
	if (rc == 0 && diag_error_count() == 0)
		rc = kiosk_files(s, as, tpl, ctx, root);
	if (diag_error_count() > 0)
		rc = -1;
	html_env_free(&k.env);
	free(k.screens);
	free(k.routes);
	free(k.calcs);
	free(k.guides);
	arena_free(&k.a);
	buf_free(&page);
	buf_free(&html);
	buf_free(&path);
	return rc;
}
