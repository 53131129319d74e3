/*
 * corpus.h -- pages for tests/unit/test_search.c: the fixture pages of
 * tests/search/fixtures.txt, and synthetic pages made of the sentences of
 * this repository's content/ (for the native/wasm comparison and the
 * 10,000-page benchmark).  Static functions only, so that the test stays
 * one program built by the Makefile's rule for the unit tests.
 */
#ifndef MAMORU_TEST_CORPUS_H
#define MAMORU_TEST_CORPUS_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../generator/core/arena.h"
#include "../../generator/core/buf.h"
#include "../../generator/core/utf8.h"
#include "../../generator/search/search_build.h"

struct pages {
	struct search_doc	*docs;
	size_t			 n, cap;
	arena			 mem;
};

struct sentences {
	char		**s;
	size_t		 n, cap;
	arena		 mem;
};

static int
read_file(const char *path, buf *out)
{
	FILE	*f = fopen(path, "rb");
	char	 chunk[65536];
	size_t	 n;

	if (f == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(out, chunk, n);
	fclose(f);
	return 0;
}

static struct search_doc *
pages_add(struct pages *p)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->docs = xrealloc(p->docs, p->cap * sizeof(*p->docs));
	}
	memset(&p->docs[p->n], 0, sizeof(p->docs[0]));
	return &p->docs[p->n++];
}

static void
pages_free(struct pages *p)
{
	free(p->docs);
	arena_free(&p->mem);
	memset(p, 0, sizeof(*p));
}

/* "@ URL", "# TITLE", "## HEADING", text lines; '#' lines before the
 * first page are comments. */
static void
pages_from_fixture(const char *s, struct pages *p)
{
	struct search_doc	*d = NULL;
	buf			 head = BUF_INIT, text = BUF_INIT;
	const char		*e;
	size_t			 n;

	for (;; s = e + 1) {
		e = strchr(s, '\n');
		n = e ? (size_t)(e - s) : strlen(s);
		if ((n >= 2 && s[0] == '@' && s[1] == ' ') || e == NULL) {
			if (d != NULL) {
				d->headings = arena_strndup(&p->mem, buf_str(&head), head.len);
				d->headings_len = head.len;
				while (text.len > 0 && text.data[text.len - 1] == '\n')
					text.len--;
				d->text = arena_strndup(&p->mem, buf_str(&text), text.len);
				d->text_len = text.len;
			}
			buf_truncate(&head, 0);
			buf_truncate(&text, 0);
			if (e == NULL && !(n >= 2 && s[0] == '@'))
				break;
			d = pages_add(p);
			d->url = arena_strndup(&p->mem, s + 2, n - 2);
			d->url_len = n - 2;
		} else if (d != NULL && n >= 3 && strncmp(s, "## ", 3) == 0) {
			buf_append(&head, s + 3, n - 3);
			buf_putc(&head, '\n');
		} else if (d != NULL && n >= 2 && strncmp(s, "# ", 2) == 0) {
			d->title = arena_strndup(&p->mem, s + 2, n - 2);
			d->title_len = n - 2;
		} else if (d != NULL && n > 0) {
			buf_append(&text, s, n);
			buf_putc(&text, '\n');
		}
		if (e == NULL)
			break;
	}
	buf_free(&head);
	buf_free(&text);
}

/* ----- sentences of content/ ----------------------------------------------- */

static void
sentences_push(struct sentences *ss, const char *s, size_t n)
{
	if (ss->n == ss->cap) {
		ss->cap = ss->cap ? 2 * ss->cap : 1024;
		ss->s = xrealloc(ss->s, ss->cap * sizeof(*ss->s));
	}
	ss->s[ss->n++] = arena_strndup(&ss->mem, s, n);
}

/* A sentence of the corpus: without leading blanks, 12 bytes or more. */
static void
sentence_add(struct sentences *ss, const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	if (n >= 12)
		sentences_push(ss, s, n);
}

/* Markdown to plain sentences, roughly: no front matter, no markup, link
 * text without its address, cut after each 。 */
static void
sentences_from_markdown(struct sentences *ss, const char *s)
{
	buf		 line = BUF_INIT;
	const char	*e, *p;
	int		 front = 0, first = 1;
	size_t		 n, i, from;

	for (; *s != '\0'; s = e ? e + 1 : s + strlen(s)) {
		e = strchr(s, '\n');
		n = e ? (size_t)(e - s) : strlen(s);
		if (n == 3 && strncmp(s, "---", 3) == 0 && (first || front)) {
			front = !front;
			first = 0;
			continue;
		}
		first = 0;
		if (front)
			continue;
		buf_truncate(&line, 0);
		for (p = s; p < s + n; p++) {
			if (*p == '#' || *p == '*' || *p == '`' || *p == '|' ||
			    *p == '>' || *p == '[')
				continue;
			if (p[0] == ']' && p + 1 < s + n && p[1] == '(') {
				while (p < s + n && *p != ')')
					p++;
				continue;
			}
			buf_putc(&line, *p);
		}
		for (i = from = 0; i + 3 <= line.len; i++)
			if (memcmp(line.data + i, "。", 3) == 0) {
				sentence_add(ss, line.data + from, i + 3 - from);
				from = i + 3;
			}
		if (from < line.len)
			sentence_add(ss, line.data + from, line.len - from);
		if (e == NULL)
			break;
	}
	buf_free(&line);
}

static int
strcmp_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
sentences_from_dir(struct sentences *ss, const char *dir)
{
	DIR		*d = opendir(dir);
	struct dirent	*de;
	buf		 path = BUF_INIT, text = BUF_INIT;
	char		**names = NULL;
	size_t		 n = 0, i;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL)
		if (strlen(de->d_name) > 3 &&
		    strcmp(de->d_name + strlen(de->d_name) - 3, ".md") == 0) {
			names = xrealloc(names, (n + 1) * sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
	closedir(d);
	/* readdir order is not stable; the corpus must be. */
	qsort(names, n, sizeof(*names), strcmp_ptr);
	for (i = 0; i < n; i++) {
		buf_truncate(&path, 0);
		buf_printf(&path, "%s/%s", dir, names[i]);
		buf_truncate(&text, 0);
		if (read_file(path.data, &text) == 0)
			sentences_from_markdown(ss, buf_str(&text));
		free(names[i]);
	}
	free(names);
	buf_free(&path);
	buf_free(&text);
}

static void
sentences_free(struct sentences *ss)
{
	free(ss->s);
	arena_free(&ss->mem);
	memset(ss, 0, sizeof(*ss));
}

/* ----- synthetic pages ------------------------------------------------------ */

static uint64_t
rnd(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

static size_t
rnd_below(uint64_t *state, size_t n)
{
	return (size_t)(rnd(state) % n);
}

/* The first `chars` characters of s. */
static size_t
prefix_chars(const char *s, size_t chars)
{
	size_t i = 0;

	while (s[i] != '\0' && chars > 0) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		chars--;
	}
	return i;
}

/*
 * n pages of 15..45 sentences drawn from ss (about 2-5 KB of text each),
 * a title and a few headings, and some made-up kanji words, so that the
 * vocabulary keeps growing with the number of pages as a real site's does.
 */
static void
pages_synth(const struct sentences *ss, size_t n, uint64_t seed,
    struct pages *p)
{
	struct search_doc	*d;
	buf			 b = BUF_INIT;
	uint64_t		 st = seed * 0x9E3779B97F4A7C15ULL + 1;
	size_t			 i, k, m, w, c;
	const char		*s;

	for (i = 0; i < n; i++) {
		d = pages_add(p);
		buf_truncate(&b, 0);
		buf_printf(&b, "synth/%zu/index.html", i);
		d->url = arena_strndup(&p->mem, b.data, b.len);
		d->url_len = b.len;
		s = ss->s[rnd_below(&st, ss->n)];
		m = prefix_chars(s, 8 + rnd_below(&st, 16));
		d->title = arena_strndup(&p->mem, s, m);
		d->title_len = m;
		buf_truncate(&b, 0);
		for (k = 0, m = 2 + rnd_below(&st, 3); k < m; k++) {
			s = ss->s[rnd_below(&st, ss->n)];
			buf_append(&b, s, prefix_chars(s, 6 + rnd_below(&st, 10)));
			buf_putc(&b, '\n');
		}
		d->headings = arena_strndup(&p->mem, b.data, b.len);
		d->headings_len = b.len;
		buf_truncate(&b, 0);
		for (k = 0, m = 15 + rnd_below(&st, 31); k < m; k++) {
			buf_puts(&b, ss->s[rnd_below(&st, ss->n)]);
			if (rnd_below(&st, 4) == 0)
				buf_putc(&b, '\n');
			if (rnd_below(&st, 3) == 0) {
				for (w = 0, c = 2 + rnd_below(&st, 3); w < c; w++)
					utf8_put(&b, 0x4E00 +
					    (uint32_t)rnd_below(&st, 0x51A0));
				buf_puts(&b, "について。");
			}
		}
		d->text = arena_strndup(&p->mem, b.data, b.len);
		d->text_len = b.len;
	}
	buf_free(&b);
}

#endif
