/*
 * load.c -- read content/: site.yaml, index.md and the guides.
 *
 * New kinds of content add a folder to `collections` below and a schema;
 * nothing else in the loader changes.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/date.h"
#include "../core/fs.h"
#include "calc.h"
#include "page_fields.h"
#include "site.h"

#define FIELD(type_, key, t, fl, ex) \
	{ #key, t, fl, offsetof(type_, key), NULL, NULL, ex }

const char *const page_audiences[] = { "経営者", "従業員", "全員", NULL };
const char *const page_prints[] = { "handout", NULL };

struct page_fm {
	struct page_meta	page;
};

static const struct field page_fields[] = {
	PAGE_FIELDS(struct page_fm, page),
};

const struct schema page_schema = {
	"ページのフロントマター", page_fields,
	sizeof(page_fields) / sizeof(page_fields[0]), sizeof(struct page_fm)
};

static const struct field nav_fields[] = {
	FIELD(struct nav_item, title, F_STRING, F_REQUIRED, "ガイド一覧"),
	FIELD(struct nav_item, page, F_STRING, F_REQUIRED, "guides/"),
};

static const struct schema nav_schema = {
	"navigation の項目", nav_fields, 2, sizeof(struct nav_item)
};

static const struct field contact_fields[] = {
	FIELD(struct contact, name, F_STRING, F_REQUIRED, "当所 経営相談窓口"),
	FIELD(struct contact, description, F_STRING, 0, NULL),
	FIELD(struct contact, phone, F_STRING, 0, NULL),
	FIELD(struct contact, email, F_STRING, 0, NULL),
	FIELD(struct contact, url, F_URL, 0, NULL),
	FIELD(struct contact, hours, F_STRING, 0, NULL),
	FIELD(struct contact, note, F_STRING, 0, NULL),
};

static const struct schema contact_schema = {
	"contacts の項目", contact_fields,
	sizeof(contact_fields) / sizeof(contact_fields[0]),
	sizeof(struct contact)
};

static const struct field org_fields[] = {
	FIELD(struct organisation, name, F_STRING, F_REQUIRED, "○○商工会議所"),
	FIELD(struct organisation, url, F_URL, 0, NULL),
};

static const struct schema org_schema = {
	"organisation", org_fields, 2, sizeof(struct organisation)
};

static const struct field kiosk_fields[] = {
	FIELD(struct kiosk_settings, idle_seconds, F_INT, 0, "90"),
	FIELD(struct kiosk_settings, warning_seconds, F_INT, 0, "15"),
	FIELD(struct kiosk_settings, title, F_STRING, 0,
	    "情報セキュリティ、5分で自社診断"),
};

static const struct schema kiosk_schema = {
	"kiosk", kiosk_fields, 3, sizeof(struct kiosk_settings)
};

static const struct field site_fields[] = {
	FIELD(struct site_meta, title, F_STRING, F_REQUIRED, "中小企業の情報セキュリティ"),
	FIELD(struct site_meta, tagline, F_STRING, 0, NULL),
	FIELD(struct site_meta, description, F_STRING, 0, NULL),
	FIELD(struct site_meta, base_url, F_URL, F_REQUIRED, "https://www.example.jp/security/"),
	FIELD(struct site_meta, copyright, F_STRING, 0, NULL),
	{ "organisation", F_MAP, F_REQUIRED, offsetof(struct site_meta,
	    organisation), NULL, &org_schema, NULL },
	{ "navigation", F_LIST, 0, offsetof(struct site_meta, navigation),
	    NULL, &nav_schema, NULL },
	{ "contacts", F_LIST, 0, offsetof(struct site_meta, contacts), NULL,
	    &contact_schema, NULL },
	{ "kiosk", F_MAP, 0, offsetof(struct site_meta, kiosk), NULL,
	    &kiosk_schema, NULL },
	FIELD(struct site_meta, poster_facts, F_STRINGS, 0,
	    "[shindan-band-0-49, nl-report-never, no-report-route-2024]"),
};

const struct schema site_schema = {
	"site.yaml", site_fields, sizeof(site_fields) / sizeof(site_fields[0]),
	sizeof(struct site_meta)
};

/* Folders of Markdown pages under content/. */
static const struct collection {
	const char	*dir;
	enum page_kind	 kind;
} collections[] = {
	{ "guides", PAGE_GUIDE },
	{ "calculators", PAGE_CALC },
};

void
site_pages_room(struct site *s)
{
	if (s->npages < s->pages_cap)
		return;
	s->pages_cap = s->pages_cap ? 2 * s->pages_cap : 64;
	s->pages = xrealloc(s->pages, s->pages_cap * sizeof(*s->pages));
}

static struct page *
page_new(struct site *s, enum page_kind kind)
{
	struct page *p = ARENA_NEW(&s->a, struct page);

	p->kind = kind;
	site_pages_room(s);
	s->pages[s->npages++] = p;
	return p;
}

static void
path_of(struct site *s, buf *b, const char *rel)
{
	buf_truncate(b, 0);
	if (strcmp(s->dir, ".") != 0) {
		buf_puts(b, s->dir);
		if (b->data[b->len - 1] != '/')
			buf_putc(b, '/');
	}
	buf_puts(b, "content");
	if (*rel != '\0') {
		buf_putc(b, '/');
		buf_puts(b, rel);
	}
}

/* Read one Markdown page: encoding, front matter, metadata. */
static int
load_page(struct site *s, enum page_kind kind, const char *rel)
{
	struct page	*p = page_new(s, kind);
	buf		 path = BUF_INIT;
	struct ydoc	 y;
	size_t		 before = diag_error_count();

	p->rel = arena_strdup(&s->a, rel);
	path_of(s, &path, rel);
	p->has_src = 1;
	if (source_read(&p->src, buf_str(&path)) == -1 ||
	    source_split_front_matter(&p->src) == -1) {
		buf_free(&path);
		return (int)(diag_error_count() - before);
	}
	buf_free(&path);
	if (ydoc_load(&y, p->src.path, p->src.text.data + p->src.fm_off,
	    p->src.fm_len, p->src.fm_line) == 0 || y.loaded) {
		if (kind == PAGE_CALC)
			(void)calc_decode(&s->a, &y, p);
		else
			(void)schema_decode(&s->a, &y, ydoc_root(&y),
			    &page_schema, &p->meta, src_at(p->src.path, 1, 1));
	}
	ydoc_free(&y);
	return (int)(diag_error_count() - before);
}

static int
is_hidden(const char *name)
{
	size_t n = strlen(name);

	return name[0] == '.' || name[0] == '#' || name[0] == '_' ||
	    (n > 0 && name[n - 1] == '~');
}

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

static int
load_collection(struct site *s, const struct collection *c)
{
	buf	  dir = BUF_INIT, rel = BUF_INIT;
	char	**names;
	size_t	  n, i;
	int	  errs = 0;

	path_of(s, &dir, c->dir);
	if (fs_list(buf_str(&dir), &names, &n) == -1) {
		buf_free(&dir);
		return 0;	/* an empty site may have no guides yet */
	}
	for (i = 0; i < n; i++) {
		if (is_hidden(names[i]))
			continue;
		buf_truncate(&rel, 0);
		buf_printf(&rel, "%s/%s", c->dir, names[i]);
		if (!has_suffix(names[i], ".md")) {
			/* Images and other files may sit beside the pages
			 * (they are copied when a page links to them); only a
			 * page with the wrong extension is worth a word. */
			buf_truncate(&dir, 0);
			path_of(s, &dir, rel.data);
			if (has_suffix(names[i], ".MD") ||
			    has_suffix(names[i], ".markdown") ||
			    has_suffix(names[i], ".txt"))
				diag_warning(src_at(arena_strdup(&s->a,
				    dir.data), 0, 0), "ページとして読み込まれ"
				    "ません。拡張子を .md にしてください");
			continue;
		}
		errs += load_page(s, c->kind, rel.data);
	}
	fs_names_free(names, n);
	buf_free(&dir);
	buf_free(&rel);
	return errs;
}

static int
load_settings(struct site *s)
{
	buf	path = BUF_INIT;
	size_t	before = diag_error_count();

	path_of(s, &path, "site.yaml");
	if (!fs_is_file(path.data)) {
		diag_error(src_at(arena_strdup(&s->a, path.data), 0, 0),
		    "サイトの設定ファイルがありません。title:, base_url:, "
		    "organisation: を書いた site.yaml を content/ に置いて"
		    "ください");
		buf_free(&path);
		return 1;
	}
	if (source_read(&s->settings_src, path.data) == 0 &&
	    ydoc_load(&s->settings_yaml, s->settings_src.path,
	    s->settings_src.text.data, s->settings_src.text.len, 1) == 0)
		(void)schema_decode(&s->a, &s->settings_yaml,
		    ydoc_root(&s->settings_yaml), &site_schema, &s->meta,
		    src_at(s->settings_src.path, 1, 1));
	buf_free(&path);
	{
		struct kiosk_settings *k = &s->meta.kiosk;

		if (!k->idle_seconds.set)
			k->idle_seconds.v = 90;
		if (!k->warning_seconds.set)
			k->warning_seconds.v = 15;
		if (k->idle_seconds.v < 10 || k->idle_seconds.v > 3600)
			diag_error(k->idle_seconds.pos, "kiosk の idle_seconds は "
			    "10〜3600（秒）にしてください");
		if (k->warning_seconds.v < 3 || k->warning_seconds.v > 120)
			diag_error(k->warning_seconds.pos, "kiosk の "
			    "warning_seconds は 3〜120（秒）にしてください");
	}
	/* One-line texts: they go into page titles, file headers and the
	 * kiosk's launch scripts, where a line break does not belong. */
	{
		const fm_str *one[] = { &s->meta.title, &s->meta.tagline,
		    &s->meta.organisation.name, &s->meta.copyright };
		size_t k;

		for (k = 0; k < sizeof(one) / sizeof(one[0]); k++)
			if (one[k]->s != NULL && strpbrk(one[k]->s, "\r\n"))
				diag_error(one[k]->pos, "ここには改行を入れずに"
				    "1行で書いてください");
	}
	if (s->meta.poster_facts.set && s->meta.poster_facts.n != 3)
		diag_error(s->meta.poster_facts.pos, "poster_facts には数字の id "
		    "を3つ書いてください（いま %zu 個）", s->meta.poster_facts.n);
	if (diag_error_count() == before && s->meta.base_url.set &&
	    s->meta.base_url.len > 0 &&
	    s->meta.base_url.s[s->meta.base_url.len - 1] != '/')
		diag_error(s->meta.base_url.pos, "base_url は / で終わる形で"
		    "書いてください（例: %s/）", s->meta.base_url.s);
	return (int)(diag_error_count() - before);
}

static int
page_rel_cmp(const void *a, const void *b)
{
	const struct page *pa = *(struct page *const *)a;
	const struct page *pb = *(struct page *const *)b;

	return strcmp(pa->rel, pb->rel);
}

/* The build's date: SOURCE_DATE_EPOCH if given, else the newest `updated`
 * of any page, so that two builds of the same content agree. */
static void
build_date(struct site *s)
{
	const char	*env = getenv("SOURCE_DATE_EPOCH");
	size_t		 i;
	long		 d, best = 0;

	if (env != NULL && *env != '\0') {
		char *end;
		long long t = strtoll(env, &end, 10);

		if (*end == '\0' && t >= 0) {
			s->build_days = (long)(t / 86400);
			return;
		}
	}
	for (i = 0; i < s->npages; i++)
		if (s->pages[i]->meta.updated.set &&
		    (d = date_parse(s->pages[i]->meta.updated.s)) > best)
			best = d;
	s->build_days = best;
}

int
site_load(struct site *s, const char *dir)
{
	buf	path = BUF_INIT;
	size_t	i, before = diag_error_count();

	memset(s, 0, sizeof(*s));
	s->dir = arena_strdup(&s->a, dir);
	path_of(s, &path, "");
	s->content = arena_strdup(&s->a, path.data);
	if (!fs_is_dir(path.data)) {
		diag_error(src_at(s->content, 0, 0), "content フォルダが"
		    "ありません。サイトのフォルダを -C で指定してください");
		buf_free(&path);
		return 1;
	}
	(void)load_settings(s);
	(void)facts_load(s);
	(void)glossary_load(s);
	(void)karuta_load(s);
	path_of(s, &path, "index.md");
	if (fs_is_file(path.data))
		(void)load_page(s, PAGE_HOME, "index.md");
	for (i = 0; i < sizeof(collections) / sizeof(collections[0]); i++)
		(void)load_collection(s, &collections[i]);
	if (s->npages > 1)
		qsort(s->pages, s->npages, sizeof(*s->pages), page_rel_cmp);
	build_date(s);
	buf_free(&path);
	return (int)(diag_error_count() - before);
}

void
site_free(struct site *s)
{
	size_t i;

	for (i = 0; i < s->npages; i++) {
		struct page *p = s->pages[i];

		source_free(&p->src);
		free(p->cites);
		buf_free(&p->html);
		mdh_result_free(&p->md);
	}
	free(s->pages);
	free(s->files);
	glossary_free(&s->glossary);
	karuta_free(&s->karuta);
	ydoc_free(&s->settings_yaml);
	source_free(&s->settings_src);
	arena_free(&s->a);
	memset(s, 0, sizeof(*s));
}
