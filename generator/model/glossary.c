/*
 * glossary.c -- the glossary (see glossary.h).
 */
#include <stdlib.h>
#include <string.h>

#include "../core/fs.h"
#include "../core/utf8.h"
#include "../text/text.h"
#include "glossary.h"
#include "site.h"

#define FIELD(type_, key, t, fl, ex) \
	{ #key, t, fl, offsetof(type_, key), NULL, NULL, ex }

static const struct field term_fields[] = {
	FIELD(struct term, term, F_STRING, F_REQUIRED, "ランサムウェア"),
	FIELD(struct term, reading, F_STRING, F_REQUIRED, "らんさむうぇあ"),
	FIELD(struct term, definition, F_STRING, F_REQUIRED,
	    "データを使えなくして、お金を要求する悪いプログラムです。"),
	FIELD(struct term, guide, F_STRING, 0, "guides/backup.md"),
	FIELD(struct term, aliases, F_STRINGS, 0, "[ランサムウエア]"),
	FIELD(struct term, en, F_STRING, 0, "ransomware"),
};
static const struct schema term_schema = {
	"terms の項目", term_fields, sizeof(term_fields) / sizeof(term_fields[0]),
	sizeof(struct term)
};

static const struct field file_fields[] = {
	{ "terms", F_LIST, F_REQUIRED, offsetof(struct glossary, terms), NULL,
	    &term_schema, NULL },
};
static const struct schema file_schema = {
	"glossary.yaml", file_fields, 1, sizeof(struct glossary)
};

static int
hiragana_only(const char *s)
{
	size_t		i = 0, n = strlen(s);
	uint32_t	cp;

	if (n == 0)
		return 0;
	while (i < n) {
		cp = utf8_next(s, n, &i);
		if (!((cp >= 0x3041 && cp <= 0x3096) || cp == 0x30FC ||
		    cp == 0x309B || cp == 0x309C))
			return 0;
	}
	return 1;
}

/* Kana only (hiragana, katakana, ー): no reading needed above it. */
static int
kana_only(const char *s)
{
	size_t		i = 0, n = strlen(s);
	uint32_t	cp;

	while (i < n) {
		cp = utf8_next(s, n, &i);
		if (!((cp >= 0x3041 && cp <= 0x30FF) || cp == 0x30FC))
			return 0;
	}
	return 1;
}

int
glossary_load(struct site *s)
{
	struct source	 src;
	struct ydoc	 y;
	buf		 path = BUF_INIT;
	size_t		 before = diag_error_count(), i, j, k, l;

	memset(&s->glossary, 0, sizeof(s->glossary));
	buf_printf(&path, "%s/glossary.yaml", s->content);
	if (!fs_is_file(path.data)) {
		buf_free(&path);
		return 0;
	}
	s->glossary.path = arena_strdup(&s->a, path.data);
	buf_free(&path);
	memset(&src, 0, sizeof(src));
	if (source_read(&src, s->glossary.path) == 0) {
		if (ydoc_load(&y, s->glossary.path, src.text.data,
		    src.text.len, 1) == 0)
			(void)schema_decode(&s->a, &y, ydoc_root(&y),
			    &file_schema, &s->glossary,
			    src_at(s->glossary.path, 1, 1));
		ydoc_free(&y);
	}
	source_free(&src);
	for (i = 0; i < s->glossary.terms.n; i++) {
		struct term *t = (struct term *)s->glossary.terms.items + i;

		if (t->reading.s != NULL && !hiragana_only(t->reading.s))
			diag_error(t->reading.pos, "reading 「%s」はひらがな"
			    "（と「ー」）だけで書いてください。五十音順に並べる"
			    "のに使います", t->reading.s);
		if (t->term.s == NULL)
			continue;
		/* Every spelling (term or alias) belongs to one term. */
		for (j = 0; j <= i; j++) {
			const struct term *u =
			    (const struct term *)s->glossary.terms.items + j;

			for (k = 0; k <= t->aliases.n; k++) {
				const fm_str *a = k == 0 ? &t->term :
				    &t->aliases.items[k - 1];

				for (l = 0; l <= u->aliases.n; l++) {
					const fm_str *b = l == 0 ? &u->term :
					    &u->aliases.items[l - 1];

					if (a == b || b->s == NULL || a->s ==
					    NULL || (j == i && l >= k))
						continue;
					if (strcmp(a->s, b->s) == 0)
						diag_error(a->pos, "「%s」は"
						    "「%s」（%u 行目）にもあります。"
						    "用語と別名は1回ずつにしてください",
						    a->s, u->term.s, b->pos.line);
				}
			}
		}
	}
	return (int)(diag_error_count() - before);
}

struct spelling {
	const char	*s;
	size_t		 len;
	struct term	*t;
	int		 is_term;
};

static int
spelling_cmp(const void *va, const void *vb)
{
	const struct spelling *a = va, *b = vb;

	if (a->len != b->len)
		return a->len > b->len ? -1 : 1;	/* longest first */
	return strcmp(a->s, b->s);
}


/* Spellings are bucketed by their first character (its low 16 bits):
 * a bucket by the first two bytes held every term of a kana or kanji
 * block, tried at every character of every page. */
static unsigned
bucket_of(const char *s, size_t n)
{
	size_t i = 0;

	return utf8_next(s, n, &i) & 0xFFFF;
}

static int
spelling_bucket_cmp(const void *va, const void *vb)
{
	const struct spelling *a = va, *b = vb;
	unsigned ka = bucket_of(a->s, a->len), kb = bucket_of(b->s, b->len);

	if (ka != kb)
		return ka < kb ? -1 : 1;
	return spelling_cmp(va, vb);
}

/* Spellings of two bytes or more (a lone ASCII letter is never a term),
 * grouped by their first character, longest first within a group. */
static void
build_spellings(struct glossary *g)
{
	size_t i, k, n = 0;

	for (i = 0; i < g->n; i++)
		n += 1 + g->sorted[i]->aliases.n;
	g->sp = xmalloc((n + 1) * sizeof(*g->sp));
	for (i = 0; i < g->n; i++) {
		struct term *t = g->sorted[i];

		for (k = 0; k <= t->aliases.n; k++) {
			const fm_str *a = k == 0 ? &t->term :
			    &t->aliases.items[k - 1];

			if (a->len < 2)
				continue;
			g->sp[g->nsp].s = a->s;
			g->sp[g->nsp].len = a->len;
			g->sp[g->nsp].t = t;
			g->sp[g->nsp].is_term = k == 0;
			g->nsp++;
		}
	}
	if (g->nsp > 1)
		qsort(g->sp, g->nsp, sizeof(*g->sp), spelling_bucket_cmp);
	g->bucket = xmalloc(65537 * sizeof(*g->bucket));
	for (i = 0, k = 0; i <= 65536; i++) {
		while (k < g->nsp && bucket_of(g->sp[k].s, g->sp[k].len) < i)
			k++;
		g->bucket[i] = (uint32_t)k;
	}
}

static int
term_cmp(const void *va, const void *vb)
{
	const struct term *a = *(struct term *const *)va;
	const struct term *b = *(struct term *const *)vb;
	int c = text_collate_ja(a->reading.s, b->reading.s);

	return c != 0 ? c : strcmp(a->term.s, b->term.s);
}

int
glossary_link(struct site *s)
{
	struct glossary	*g = &s->glossary;
	size_t		 i, before = diag_error_count();

	if (g->path == NULL)
		return 0;
	for (i = 0; i < g->terms.n; i++) {
		struct term	*t = (struct term *)g->terms.items + i;
		const char	*rel;

		if (t->guide.s == NULL)
			continue;
		rel = t->guide.s[0] == '/' ? t->guide.s + 1 : t->guide.s;
		t->guide_page = site_page_by_rel(s, rel);
		if (t->guide_page == NULL || t->guide_page->out == NULL)
			diag_error(t->guide.pos, "guide のページ '%s' がありません。"
			    "content/ からの .md のパス（例: guides/backup.md）を"
			    "書いてください", t->guide.s);
	}
	/* Sorting needs every term and reading. */
	if (diag_error_count() > 0)
		return (int)(diag_error_count() - before);
	g->sorted = xmalloc((g->terms.n + 1) * sizeof(*g->sorted));
	for (i = 0; i < g->terms.n; i++) {
		struct term	*t = (struct term *)g->terms.items + i;
		buf		 id = BUF_INIT;

		g->sorted[g->n++] = t;
		text_heading_id(&id, t->term.s, t->term.len);
		t->id = arena_strdup(&s->a, buf_str(&id));
		buf_free(&id);
		t->row = text_kana_row(t->reading.s);
		t->ruby = !kana_only(t->term.s);
	}
	if (g->n > 1)
		qsort(g->sorted, g->n, sizeof(*g->sorted), term_cmp);
	build_spellings(g);
	return (int)(diag_error_count() - before);
}

void
glossary_free(struct glossary *g)
{
	free(g->sorted);
	free(g->sp);
	free(g->bucket);
	g->sorted = NULL;
	g->sp = NULL;
	g->bucket = NULL;
	g->n = g->nsp = 0;
}

/* ----- marking terms in pages ------------------------------------------- */

/* Katakana (and ー): a katakana term inside a longer katakana word is
 * not that term (ログ in プログラム). */
static int
is_katakana(uint32_t cp)
{
	return (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC;
}

static int
is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* The tag name at p ("<a ", "</h2>") into name; returns 1 for a closing
 * tag. */
static int
tag_name(const char *p, const char *end, char *name, size_t cap)
{
	int	closing = 0;
	size_t	n = 0;

	p++;
	if (p < end && *p == '/') {
		closing = 1;
		p++;
	}
	while (p < end && n + 1 < cap && (is_alnum((unsigned char)*p)))
		name[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p), p++;
	name[n] = '\0';
	return closing;
}

void
glossary_mark(struct site *s, struct page *p)
{
	struct glossary	*g = &s->glossary;
	unsigned char	*done;
	buf		 out = BUF_INIT, url = BUF_INIT;
	const char	*h, *end, *run;
	size_t		 k;
	int		 skip = 0;	/* inside a, h1-6, code, pre, ruby */

	if (g->nsp == 0 || s->glossary_page == NULL || p->html.len == 0 ||
	    p == s->glossary_page || p->out == NULL)
		return;
	done = calloc(g->terms.n ? g->terms.n : 1, 1);
	site_relative(&url, p->out, s->glossary_page->out);
	h = run = p->html.data;
	end = h + p->html.len;
	/* Text without terms is copied in runs, up to `h`. */
	while (h < end) {
		if (*h == '<') {
			const char	*gt = memchr(h, '>', (size_t)(end - h));
			char		 name[8];
			int		 closing = tag_name(h, end, name, sizeof(name));

			if (gt == NULL)
				gt = end - 1;
			if (strcmp(name, "a") == 0 || strcmp(name, "code") == 0 ||
			    strcmp(name, "pre") == 0 || strcmp(name, "ruby") == 0 ||
			    (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
			    name[2] == '\0'))
				skip += closing ? -1 : 1;
			if (skip < 0)
				skip = 0;
			h = gt + 1;
			continue;
		}
		if (skip == 0 && end - h >= 2) {
			unsigned b = bucket_of(h, (size_t)(end - h));

			for (k = g->bucket[b]; k < g->bucket[b + 1]; k++) {
				struct spelling *x = &g->sp[k];
				size_t ti = (size_t)(x->t - (struct term *)
				    g->terms.items);

				if (done[ti] || (size_t)(end - h) < x->len ||
				    memcmp(h, x->s, x->len) != 0)
					continue;
				/* Latin spellings match whole words only. */
				if ((is_alnum((unsigned char)x->s[0]) &&
				    h > p->html.data && is_alnum((unsigned char)
				    h[-1])) || (is_alnum((unsigned char)
				    x->s[x->len - 1]) && h + x->len < end &&
				    is_alnum((unsigned char)h[x->len])))
					continue;
				{
					size_t	 q = 0, e = (size_t)(end - h);
					uint32_t first = utf8_next(x->s, x->len, &q);
					uint32_t last = utf8_prev(x->s, x->len);
					uint32_t before = h > p->html.data ?
					    utf8_prev(p->html.data,
					    (size_t)(h - p->html.data)) : 0;
					uint32_t after = 0;

					q = x->len;
					if (q < e)
						after = utf8_next(h, e, &q);
					if ((is_katakana(first) &&
					    is_katakana(before)) ||
					    (is_katakana(last) &&
					    is_katakana(after)))
						continue;
				}
				done[ti] = 1;
				x->t->uses++;
				buf_append(&out, run, (size_t)(h - run));
				buf_printf(&out, "<a class=\"term\" href=\"%s#%s\">",
				    buf_str(&url), x->t->id);
				if (x->is_term && x->t->ruby)
					buf_printf(&out, "<ruby>%.*s<rp>（</rp><rt>%s"
					    "</rt><rp>）</rp></ruby>", (int)x->len,
					    h, x->t->reading.s);
				else
					buf_append(&out, h, x->len);
				buf_puts(&out, "</a>");
				h += x->len;
				run = h;
				break;
			}
			if (k < g->bucket[b + 1])
				continue;
		}
		/* One character on. */
		h++;
		while (h < end && ((unsigned char)*h & 0xC0) == 0x80)
			h++;
	}
	if (run == p->html.data) {	/* no term: the page as it was */
		buf_free(&out);
		buf_free(&url);
		free(done);
		return;
	}
	buf_append(&out, run, (size_t)(end - run));
	buf_truncate(&p->html, 0);
	buf_append(&p->html, out.data, out.len);
	buf_free(&out);
	buf_free(&url);
	free(done);
}
