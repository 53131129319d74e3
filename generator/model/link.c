/*
 * link.c -- the model stage: output paths, Markdown rendering, and the
 * cross-references between pages (links, #anchors, navigation).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/fs.h"
#include "../core/hash.h"
#include "../core/utf8.h"
#include "calc.h"
#include "site.h"

/* A link to target#frag found while rendering; checked once every page's
 * headings are known. */
struct anchor_ref {
	src_pos		 pos;
	struct page	*target;
	char		*frag;
};

struct link_ctx {
	struct site		*s;
	struct page		*page;
	struct anchor_ref	*refs;
	size_t			 nrefs;
	src_pos			 fallback;	/* for Markdown in YAML strings */
	struct page		*last;		/* the page a link resolved to */
};

/* ----- paths ------------------------------------------------------------ */

void
site_relative(buf *b, const char *from, const char *to)
{
	const char	*f = from, *t = to, *slash;

	/* Skip the directories both paths share. */
	for (;;) {
		const char *fs = strchr(f, '/'), *ts = strchr(t, '/');

		if (fs == NULL || ts == NULL || fs - f != ts - t ||
		    memcmp(f, t, (size_t)(fs - f)) != 0)
			break;
		f = fs + 1;
		t = ts + 1;
	}
	for (slash = strchr(f, '/'); slash != NULL; slash = strchr(slash + 1, '/'))
		buf_puts(b, "../");
	buf_puts(b, t);
}

/*
 * Normalise "a/./b/../c" -> "a/c".  A trailing '/' is kept, so "guides/"
 * stays a folder.  Returns -1 if the path climbs above the root.
 */
static int
normalise(buf *out, const char *path, size_t len)
{
	size_t	i = 0, start, n;

	buf_truncate(out, 0);
	while (i < len) {
		start = i;
		while (i < len && path[i] != '/')
			i++;
		n = i - start;
		if (i < len)
			i++;			/* the '/' */
		if (n == 0 || (n == 1 && path[start] == '.'))
			continue;
		if (n == 2 && path[start] == '.' && path[start + 1] == '.') {
			char *last;

			if (out->len == 0)
				return -1;
			buf_truncate(out, out->len - 1);
			last = strrchr(out->data, '/');
			buf_truncate(out, last ? (size_t)(last - out->data) + 1 : 0);
			continue;
		}
		buf_append(out, path + start, n);
		if (start + n < len)
			buf_putc(out, '/');	/* a '/' followed it */
	}
	return 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void
percent_decode(buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			buf_putc(out, hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else
			buf_putc(out, s[i]);
	}
}

static struct page *
page_by_out_url(const struct site *s, const char *url)
{
	size_t i;

	for (i = 0; i < s->npages; i++)
		if (s->pages[i]->url != NULL && s->pages[i]->out != NULL &&
		    strcmp(s->pages[i]->url, url) == 0)
			return s->pages[i];
	return NULL;
}

struct page *
site_page_by_rel(const struct site *s, const char *rel)
{
	size_t lo = 0, hi = s->npages;

	/* Generated pages (no rel) come first; the rest is sorted by rel. */
	while (lo < hi && s->pages[lo]->rel == NULL)
		lo++;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(s->pages[mid]->rel, rel);

		if (c == 0)
			return s->pages[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The content page closest in name to rel, for "did you mean". */
static const char *
nearest_rel(const struct site *s, const char *rel)
{
	const char	*best = NULL;
	size_t		 bestd = 4, d, i;

	for (i = 0; i < s->npages; i++) {
		if (s->pages[i]->rel == NULL)
			continue;
		d = utf8_distance(s->pages[i]->rel, rel);
		if (d < bestd) {
			bestd = d;
			best = s->pages[i]->rel;
		}
	}
	return best;
}

/* ----- output paths ----------------------------------------------------- */

static struct page *
generated(struct site *s, enum page_kind kind, const char *out,
    const char *url, const char *title)
{
	struct page *p = ARENA_NEW(&s->a, struct page);

	p->kind = kind;
	p->out = out;
	p->url = url;
	p->meta.title.s = title;
	p->meta.title.len = strlen(title);
	p->meta.title.set = 1;
	site_pages_room(s);
	memmove(s->pages + 1, s->pages, s->npages * sizeof(*s->pages));
	s->pages[0] = p;	/* generated pages sort first (rel NULL) */
	s->npages++;
	return p;
}

static int
assign_outputs(struct site *s)
{
	size_t	i, j, nslots, *slots;
	int	errs = 0;

	for (i = 0; i < s->npages; i++) {
		struct page	*p = s->pages[i];
		const char	*base, *dot;

		if (p->kind == PAGE_HOME) {
			s->home = p;
			p->out = "index.html";
			p->url = "";
			continue;
		}
		if (p->meta.slug.set)
			p->slug = p->meta.slug.s;
		else {
			base = strrchr(p->rel, '/');
			base = base ? base + 1 : p->rel;
			dot = strrchr(base, '.');
			p->slug = arena_strndup(&s->a, base, (size_t)(dot - base));
			if (strspn(p->slug, "abcdefghijklmnopqrstuvwxyz"
			    "0123456789-") != strlen(p->slug) || *p->slug == '-' ||
			    *p->slug == '\0' || strstr(p->slug, "--") != NULL) {
				diag_error(src_at(p->src.path, 1, 1), "ファイル名 "
				    "'%s' からは URL を作れません。ファイル名を"
				    "半角英小文字・数字・ハイフンにするか、"
				    "フロントマターに slug: を書いてください"
				    "（例: slug: passwords）", base);
				errs++;
				p->slug = NULL;
				continue;
			}
		}
		if (p->meta.draft.v)
			continue;	/* checked, but not published */
		if (p->kind == PAGE_CALC) {
			static const char *const reserved[] = { "guides",
			    "contacts", "assets", "kiosk", "print", "404", "glossary",
			    "sources", "search", "karuta" };
			size_t r;

			for (r = 0; r < sizeof(reserved) / sizeof(*reserved); r++)
				if (strcmp(p->slug, reserved[r]) == 0)
					break;
			if (r < sizeof(reserved) / sizeof(*reserved)) {
				diag_error(p->meta.slug.set ? p->meta.slug.pos :
				    src_at(p->src.path, 1, 1), "slug '%s' は"
				    "サイトが使う名前なので使えません。別の "
				    "slug: にしてください", p->slug);
				errs++;
				continue;
			}
			p->url = arena_printf(&s->a, "%s/", p->slug);
			p->out = arena_printf(&s->a, "%s/index.html", p->slug);
			continue;
		}
		p->url = arena_printf(&s->a, "guides/%s/", p->slug);
		p->out = arena_printf(&s->a, "guides/%s/index.html", p->slug);
	}
	/* Two pages of one collection may not share a slug: each page is
	 * checked against the first page before it with its kind and slug,
	 * found in a hash table (a pairwise check is quadratic). */
	nslots = 16;
	while (nslots < 2 * s->npages)
		nslots *= 2;
	slots = xcalloc(nslots, sizeof(*slots));
	for (i = 0; i < s->npages; i++) {
		struct page	*a = s->pages[i], *b;
		size_t		 len;

		if (a->slug == NULL)
			continue;
		len = strlen(a->slug);
		for (j = (hash64(a->slug, len) ^ (uint64_t)a->kind) &
		    (nslots - 1); slots[j] != 0; j = (j + 1) & (nslots - 1)) {
			b = s->pages[slots[j] - 1];
			if (a->kind == b->kind && strcmp(a->slug, b->slug) == 0)
				break;
		}
		if (slots[j] == 0) {
			slots[j] = i + 1;
			continue;
		}
		b = s->pages[slots[j] - 1];
		diag_error(a->meta.slug.set ? a->meta.slug.pos :
		    src_at(a->src.path, 1, 1), "slug '%s' が %s と"
		    "重複しています。どちらかの slug: を別の名前に"
		    "してください", a->slug, b->src.path);
		errs++;
	}
	free(slots);
	if (s->home == NULL) {
		s->home = generated(s, PAGE_HOME, "index.html", "",
		    s->meta.title.s ? s->meta.title.s : "ホーム");
	}
	s->list = generated(s, PAGE_LIST, "guides/index.html", "guides/",
	    "ガイド一覧");
	s->contacts = generated(s, PAGE_CONTACTS, "contacts/index.html",
	    "contacts/", "相談窓口");
	s->not_found = generated(s, PAGE_NOT_FOUND, "404.html", "404.html",
	    "ページが見つかりません");
	if (s->glossary.path != NULL)
		s->glossary_page = generated(s, PAGE_GLOSSARY,
		    "glossary/index.html", "glossary/", "用語集");
	if (s->facts.path != NULL)
		s->sources_page = generated(s, PAGE_SOURCES,
		    "sources/index.html", "sources/", "出典一覧");
	s->search_page = generated(s, PAGE_SEARCH, "search/index.html",
	    "search/", "サイト内検索");
	if (s->karuta.path != NULL) {
		struct karuta_deck *d = &s->karuta;

		s->karuta_page = generated(s, PAGE_KARUTA, "karuta/index.html",
		    "karuta/", d->title.s ? d->title.s : "かるた");
		s->karuta_play_page = generated(s, PAGE_KARUTA_PLAY,
		    "karuta/play/index.html", "karuta/play/", "かるたで遊ぶ");
		for (i = 0; i < d->cards.n; i++) {
			struct karuta_card *c =
			    (struct karuta_card *)d->cards.items + i;

			if (c->number == 0)
				continue;
			c->page = generated(s, PAGE_KARUTA_CARD,
			    arena_printf(&s->a, "karuta/%s/index.html", c->slug),
			    arena_printf(&s->a, "karuta/%s/", c->slug),
			    arena_printf(&s->a, "「%s」の札", c->kana.s));
			c->page->card = c;
			c->page->link_base = "karuta/deck.yaml";
		}
	}
	return errs;
}

/* ----- links ------------------------------------------------------------ */

static int
scheme_len(const char *d, size_t n)
{
	size_t i;

	if (n == 0 || !((d[0] >= 'a' && d[0] <= 'z') ||
	    (d[0] >= 'A' && d[0] <= 'Z')))
		return 0;
	for (i = 1; i < n; i++) {
		char c = d[i];

		if (c == ':')
			return (int)i;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
			return 0;
	}
	return 0;
}

static void
add_file(struct site *s, const char *rel)
{
	size_t i;

	for (i = 0; i < s->nfiles; i++)
		if (strcmp(s->files[i], rel) == 0)
			return;
	s->files = xrealloc(s->files, (s->nfiles + 1) * sizeof(*s->files));
	s->files[s->nfiles++] = arena_strdup(&s->a, rel);
}

static int
resolve_link(void *vctx, int is_image, const char *dest, size_t len,
    src_pos pos, buf *out)
{
	struct link_ctx	*ctx = vctx;
	struct site	*s = ctx->s;
	struct page	*from = ctx->page, *to;
	const char	*hash, *dir;
	buf		 path = BUF_INIT, dec = BUF_INIT, norm = BUF_INIT;
	size_t		 plen;
	int		 sl, rc = 0;

	ctx->last = NULL;
	if (pos.line == 0)
		pos = ctx->fallback.line ? ctx->fallback :
		    src_at(from->src.path, 0, 0);
	sl = scheme_len(dest, len);
	if (sl > 0) {
		static const char *const ok[] = { "http", "https", "mailto",
		    "tel" };
		size_t k;

		for (k = 0; k < 4; k++)
			if ((size_t)sl == strlen(ok[k]) &&
			    strncasecmp(dest, ok[k], (size_t)sl) == 0)
				break;
		if (k == 4)
			diag_error(pos, "このリンク先（%.*s:）は使えません。"
			    "http://、https://、mailto:、tel: のリンクか、"
			    "サイト内の .md ファイルへのリンクにしてください",
			    sl, dest);
		else if (is_image && k < 2)
			diag_error(pos, "外部サイトの画像は表示できません。"
			    "画像ファイルを content/ に置いて、相対パスで"
			    "指定してください");
		return 0;
	}
	if (len >= 2 && dest[0] == '/' && dest[1] == '/')
		return 0;	/* protocol-relative: external */
	hash = memchr(dest, '#', len);
	plen = hash ? (size_t)(hash - dest) : len;
	if (hash != NULL)
		percent_decode(&dec, hash + 1, len - plen - 1);
	if (plen == 0) {
		/* "#anchor" on this page */
		if (hash != NULL && from->out != NULL) {
			ctx->refs = xrealloc(ctx->refs, (ctx->nrefs + 1) *
			    sizeof(*ctx->refs));
			ctx->refs[ctx->nrefs].pos = pos;
			ctx->refs[ctx->nrefs].target = from;
			ctx->refs[ctx->nrefs++].frag = buf_detach(&dec);
		}
		goto done;
	}
	/* A path: relative to this file's folder, or to content/ with "/". */
	{
		/* Generated pages with Markdown of their own (karuta cards)
		 * link relative to the file that holds it. */
		const char *base = from->rel ? from->rel : from->link_base ?
		    from->link_base : "";

		if (dest[0] != '/' && (dir = strrchr(base, '/')) != NULL)
			buf_append(&path, base, (size_t)(dir - base) + 1);
	}
	percent_decode(&path, dest, plen);
	if (strchr(path.data, '?') != NULL)
		buf_truncate(&path, (size_t)(strchr(path.data, '?') - path.data));
	if (normalise(&norm, buf_str(&path), path.len) == -1) {
		diag_error(pos, "リンク先 '%.*s' は content フォルダの外を"
		    "指しています", (int)len, dest);
		goto done;
	}
	if (norm.len > 3 && strcmp(norm.data + norm.len - 3, ".md") == 0) {
		const char *near;

		to = site_page_by_rel(s, norm.data);
		if (to == NULL) {
			near = nearest_rel(s, norm.data);
			if (near != NULL)
				diag_error(pos, "リンク先のページ '%.*s' が"
				    "ありません（content/%s）。content/%s の"
				    "ことですか", (int)plen, dest, norm.data, near);
			else
				diag_error(pos, "リンク先のページ '%.*s' が"
				    "ありません（content/%s）", (int)plen, dest,
				    norm.data);
			goto done;
		}
		if (to->out == NULL) {
			diag_error(pos, "リンク先のページ '%.*s' は下書き"
			    "（draft: true）なので公開されません", (int)plen,
			    dest);
			goto done;
		}
	} else if ((to = page_by_out_url(s, norm.data)) == NULL) {
		buf file = BUF_INIT;

		buf_printf(&file, "%s/%s", s->content, norm.data);
		if (norm.len == 0 || !fs_is_file(file.data)) {
			diag_error(pos, "リンク先 '%.*s' が見つかりません。"
			    "ほかのページへは .md ファイルを指定してください"
			    "（例: passwords.md）", (int)plen, dest);
			buf_free(&file);
			goto done;
		}
		buf_free(&file);
		add_file(s, norm.data);
		if (from->out != NULL)
			site_relative(out, from->out, norm.data);
		rc = from->out != NULL;
		goto done;
	}
	ctx->last = to;
	if (from->out != NULL) {
		site_relative(out, from->out, to->out);
		if (hash != NULL) {
			buf_putc(out, '#');
			buf_append(out, dec.data, dec.len);
		}
		rc = 1;
	}
	if (hash != NULL && dec.len > 0) {
		ctx->refs = xrealloc(ctx->refs, (ctx->nrefs + 1) *
		    sizeof(*ctx->refs));
		ctx->refs[ctx->nrefs].pos = pos;
		ctx->refs[ctx->nrefs].target = to;
		ctx->refs[ctx->nrefs++].frag = buf_detach(&dec);
	}
done:
	buf_free(&path);
	buf_free(&dec);
	buf_free(&norm);
	return rc;
}

static int
check_anchors(struct link_ctx *ctx)
{
	size_t	i, j;
	int	errs = 0;

	for (i = 0; i < ctx->nrefs; i++) {
		struct anchor_ref	*r = &ctx->refs[i];
		struct page		*t = r->target;
		buf			 ids = BUF_INIT;

		for (j = 0; j < t->md.nheadings; j++)
			if (strcmp(t->md.headings[j].id, r->frag) == 0)
				break;
		if (j == t->md.nheadings) {
			for (j = 0; j < t->md.nheadings && j < 8; j++)
				buf_printf(&ids, "%s#%s", j ? "、" : "",
				    t->md.headings[j].id);
			diag_error(r->pos, "リンク先の見出し '#%s' が %s に"
			    "ありません%s%s", r->frag, t->rel ? t->rel :
			    t->out, ids.len ? "。ある見出し: " : "",
			    buf_str(&ids));
			errs++;
		}
		buf_free(&ids);
		free(r->frag);
	}
	free(ctx->refs);
	return errs;
}

/* A {{chart}} alone in its paragraph leaves "<p></p>" before and after
 * its figure. */
static void
drop_empty_paragraphs(buf *html)
{
	buf	 out = BUF_INIT;
	char	*p = html->data, *hit;

	while ((hit = strstr(p, "<p></p>")) != NULL) {
		buf_append(&out, p, (size_t)(hit - p));
		p = hit + 7;
		if (*p == '\n')
			p++;
	}
	buf_puts(&out, p);
	buf_truncate(html, 0);
	buf_append(html, out.data, out.len);
	buf_free(&out);
}

static int
shortcode(void *vctx, const char *name, size_t nl, const char *args,
    size_t al, src_pos pos, int in_heading, buf *out)
{
	struct link_ctx *ctx = vctx;

	if (pos.line == 0 && ctx->fallback.line != 0)
		pos = ctx->fallback;
	return facts_shortcode(ctx->s, ctx->page, name, nl, args, al, pos,
	    in_heading, out);
}

static void
render_page(struct page *p, struct link_ctx *ctx)
{
	struct mdh_doc doc;

	memset(&doc, 0, sizeof(doc));
	doc.path = p->src.path;
	doc.text = p->src.text.data + p->src.body_off;
	doc.len = p->src.text.len - p->src.body_off;
	doc.lines = &p->src.lines;
	doc.base = p->src.body_off;
	doc.short_fn = shortcode;
	doc.short_ctx = ctx;
	ctx->page = p;
	(void)mdh_render(&doc, MDH_JOIN_LINES | MDH_HEADING_IDS | MDH_LINT,
	    resolve_link, ctx, &p->html, &p->md);
	if (p->ncharts > 0)
		drop_empty_paragraphs(&p->html);
}

/* Navigation targets: a content page ("guides/x.md") or a generated one
 * ("guides/", "contacts/"). */
static int
resolve_nav(struct site *s)
{
	struct nav_item	*items = s->meta.navigation.items;
	size_t		 i;
	int		 errs = 0;

	for (i = 0; i < s->meta.navigation.n; i++) {
		struct nav_item	*n = &items[i];
		struct page	*p = NULL;
		buf		 norm = BUF_INIT;
		const char	*t = n->page.s;

		if (t == NULL)
			continue;
		if (*t == '/')
			t++;
		if (normalise(&norm, t, strlen(t)) == 0) {
			if (norm.len > 3 && strcmp(norm.data + norm.len - 3,
			    ".md") == 0)
				p = site_page_by_rel(s, norm.data);
			else {
				if (norm.len > 0 && strcmp(norm.data +
				    norm.len - (norm.len >= 10 ? 10 : norm.len),
				    "index.html") == 0)
					buf_truncate(&norm, norm.len - 10);
				if (norm.len > 0 && norm.data[norm.len - 1] != '/')
					buf_putc(&norm, '/');
				p = page_by_out_url(s, buf_str(&norm));
			}
		}
		if (p == NULL || p->out == NULL) {
			diag_error(n->page.pos, "navigation のリンク先 '%s' が"
			    "ありません。content/ からの .md のパス（例: "
			    "guides/5kajo.md）か、guides/・contacts/ を書いて"
			    "ください", n->page.s);
			errs++;
		} else
			n->target = p->out;
		buf_free(&norm);
	}
	return errs;
}

int
site_link(struct site *s)
{
	struct link_ctx	ctx;
	size_t		i, before = diag_error_count();

	memset(&ctx, 0, sizeof(ctx));
	ctx.s = s;
	s->link_state = &ctx;
	(void)assign_outputs(s);
	for (i = 0; i < s->npages; i++)
		if (s->pages[i]->has_src && s->pages[i]->src.body_off != 0)
			render_page(s->pages[i], &ctx);
	for (i = 0; i < s->npages; i++)
		if (s->pages[i]->calc != NULL && s->pages[i]->out != NULL)
			(void)calc_compile(s, s->pages[i]);
	(void)karuta_link(s);
	(void)check_anchors(&ctx);
	s->link_state = NULL;
	facts_report(s);
	if (glossary_link(s) == 0)
		for (i = 0; i < s->npages; i++)
			glossary_mark(s, s->pages[i]);
	(void)resolve_nav(s);
	return (int)(diag_error_count() - before);
}

int
site_markdown(struct site *s, struct page *p, const fm_str *str,
    int inline_only, buf *out)
{
	struct link_ctx	*ctx = s->link_state;
	struct mdh_doc	 doc;
	size_t		 start = out->len, before = diag_error_count();
	char		*first;

	if (str->s == NULL)
		return 0;
	memset(&doc, 0, sizeof(doc));
	doc.path = p->src.path ? p->src.path : str->pos.path;
	doc.text = str->s;
	doc.len = str->len;
	doc.short_fn = shortcode;
	doc.short_ctx = ctx;
	ctx->page = p;
	ctx->fallback = str->pos;
	(void)mdh_render(&doc, MDH_JOIN_LINES, resolve_link, ctx, out, NULL);
	ctx->fallback.line = 0;
	/* One paragraph, wanted inline: drop its <p> and </p>.  (An empty
	 * text leaves out empty: no pointer into it then, NULL + 0 is
	 * undefined; found by fuzzing.) */
	if (out->len - start <= 8)
		return (int)(diag_error_count() - before);
	first = out->data + start;
	if (inline_only &&
	    strncmp(first, "<p>", 3) == 0 &&
	    strstr(first + 3, "<p>") == NULL &&
	    strncmp(out->data + out->len - 5, "</p>\n", 5) == 0 &&
	    strstr(first, "<ul>") == NULL && strstr(first, "<ol>") == NULL) {
		memmove(first, first + 3, out->len - start - 3);
		buf_truncate(out, out->len - 3 - 5);
	}
	return (int)(diag_error_count() - before);
}

struct page *
site_link_page(struct site *s, struct page *p, const fm_str *str, buf *url)
{
	struct link_ctx	*ctx = s->link_state;
	buf		 tmp = BUF_INIT;
	struct page	*to;
	size_t		 before = diag_error_count();

	ctx->page = p;
	ctx->fallback = str->pos;
	if (resolve_link(ctx, 0, str->s, str->len, str->pos, &tmp) == 1 &&
	    ctx->last != NULL) {
		to = ctx->last;
		buf_append(url, tmp.data, tmp.len);
	} else {
		to = NULL;
		if (diag_error_count() == before)
			diag_error(str->pos, "'%s' はサイト内のページ（.md）に"
			    "してください", str->s);
	}
	ctx->fallback.line = 0;
	buf_free(&tmp);
	return to;
}

static int
guide_cmp(const void *va, const void *vb)
{
	const struct page *a = *(struct page *const *)va;
	const struct page *b = *(struct page *const *)vb;
	long long oa = a->meta.order.set ? a->meta.order.v : 1LL << 40;
	long long ob = b->meta.order.set ? b->meta.order.v : 1LL << 40;

	if (oa != ob)
		return oa < ob ? -1 : 1;
	return strcmp(a->rel, b->rel);
}

static size_t
published(const struct site *s, enum page_kind kind, struct page ***out)
{
	size_t i, n = 0;

	*out = xmalloc((s->npages + 1) * sizeof(**out));
	for (i = 0; i < s->npages; i++)
		if (s->pages[i]->kind == kind && s->pages[i]->out != NULL)
			(*out)[n++] = s->pages[i];
	if (n > 1)
		qsort(*out, n, sizeof(**out), guide_cmp);
	return n;
}

size_t
site_guides(const struct site *s, struct page ***out)
{
	return published(s, PAGE_GUIDE, out);
}

size_t
site_calculators(const struct site *s, struct page ***out)
{
	return published(s, PAGE_CALC, out);
}
