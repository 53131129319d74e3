/*
 * search_page.c -- the site search's data: the normalisation table and the
 * index of every content page, built with the same tokeniser the browser
 * runs as WebAssembly (generator/search/, docs/search.md), shipped as
 * classic scripts so that search works from file://.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/diag.h"
#include "../model/calc.h"
#include "../search/search.h"
#include "../search/search_build.h"
#include "search_page.h"

/* Skip the element starting at h (e.g. "<rt>…</rt>") if its name is one
 * whose content is not reading text; returns the end, or NULL. */
static const char *
skip_element(const char *h, const char *end)
{
	static const char *const names[] = { "rt", "rp", "svg", "script",
	    "style" };
	size_t i, n;

	/* Citation marks ([3]) are not text. */
	if (strncmp(h, "<sup class=\"cite\"", 17) == 0) {
		const char *c = strstr(h, "</sup>");

		return c != NULL && c < end ? c + 6 : end;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		n = strlen(names[i]);
		if ((size_t)(end - h) > n + 1 && strncmp(h + 1, names[i], n) == 0 &&
		    (h[n + 1] == '>' || h[n + 1] == ' ')) {
			char close[16];
			const char *c;

			snprintf(close, sizeof(close), "</%s>", names[i]);
			c = strstr(h, close);
			return c != NULL && c < end ? c + strlen(close) : end;
		}
	}
	return NULL;
}

/* Is the tag at h one that ends a block?  Block ends separate words (a
 * newline splits a token); inline tags join. */
static int
ends_block(const char *h)
{
	if (h[1] == 'b')
		return strncmp(h, "<br", 3) == 0;
	if (h[1] != '/')
		return 0;
	return h[2] == 'p' || strncmp(h, "</li", 4) == 0 || h[2] == 't' ||
	    h[2] == 'h' || strncmp(h, "</blockquote", 12) == 0;
}

void
search_html_to_text(const char *html, size_t len, buf *out)
{
	static const struct {
		const char	*ent;
		const char	*ch;
	} ents[] = { { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
	    { "&quot;", "\"" }, { "&#39;", "'" }, { "&nbsp;", " " } };
	const char	*h = html, *end = html + len, *skip, *run;
	size_t		 i;

	buf_reserve(out, len);
	while (h < end) {
		/* Plain text up to the next tag, entity or newline, at once. */
		for (run = h; h < end && *h != '<' && *h != '&' && *h != '\n';
		    h++)
			continue;
		buf_append(out, run, (size_t)(h - run));
		if (h == end)
			break;
		if (*h == '<') {
			const char *gt;

			/* Only rt, rp, svg, script, style and sup are
			 * skipped whole. */
			if ((h[1] == 'r' || h[1] == 's') &&
			    (skip = skip_element(h, end)) != NULL) {
				h = skip;
				continue;
			}
			gt = memchr(h, '>', (size_t)(end - h));
			if (ends_block(h))
				buf_putc(out, '\n');
			h = gt != NULL ? gt + 1 : end;
			continue;
		}
		if (*h == '&') {
			for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++)
				if (strncmp(h, ents[i].ent, strlen(ents[i].ent)) ==
				    0)
					break;
			if (i < sizeof(ents) / sizeof(ents[0])) {
				buf_puts(out, ents[i].ch);
				h += strlen(ents[i].ent);
				continue;
			}
		}
		/* Soft line breaks inside Japanese text are joined already
		 * (MDH_JOIN_LINES); the rest are spaces. */
		buf_putc(out, *h == '\n' ? ' ' : *h);
		h++;
	}
}

/* The text of a calculator: its introduction, then each question. */
static void
calc_text(const struct page *p, buf *out)
{
	const struct calc	*c = p->calc;
	size_t			 i;

	search_html_to_text(p->html.data, p->html.len, out);
	for (i = 0; c != NULL && c->ok && i < c->nitems; i++) {
		buf_putc(out, '\n');
		buf_puts(out, c->items[i]->text.s);
	}
}

static void
glossary_text(const struct site *s, buf *out)
{
	size_t i;

	for (i = 0; i < s->glossary.n; i++) {
		const struct term *t = s->glossary.sorted[i];
		size_t k;

		buf_printf(out, "%s\n%s\n", t->term.s, t->definition.s);
		for (k = 0; k < t->aliases.n; k++)
			buf_printf(out, "%s\n", t->aliases.items[k].s);
	}
}

/* The text and headings of pages[from..to), back to back in one buffer
 * each (few allocations, no slack per page); page i's text is at[i] bytes
 * into `text`, len[i] long, its headings likewise in `heads`. */
struct text_job {
	const struct site	 *s;
	const struct page	**pages;
	size_t			  from, to;
	buf			  text, heads;
	size_t			 *at, *len;	/* shared, indexed by page */
	size_t			 *hat, *hlen;
};

static void *
page_texts(void *arg)
{
	struct text_job	*j = arg;
	size_t		 i, k;

	for (i = j->from; i < j->to; i++) {
		const struct page *p = j->pages[i];

		j->at[i] = j->text.len;
		j->hat[i] = j->heads.len;
		if (p->kind == PAGE_GLOSSARY)
			glossary_text(j->s, &j->text);
		else if (p->kind == PAGE_CALC)
			calc_text(p, &j->text);
		else
			search_html_to_text(p->html.data, p->html.len,
			    &j->text);
		if (p->meta.summary.s != NULL)
			buf_printf(&j->heads, "%s\n", p->meta.summary.s);
		for (k = 0; k < p->md.nheadings; k++)
			buf_printf(&j->heads, "%s\n", p->md.headings[k].text);
		j->len[i] = j->text.len - j->at[i];
		j->hlen[i] = j->heads.len - j->hat[i];
	}
	return NULL;
}

/* Base64 of a stream, for search_index_write(): whole groups of three
 * bytes are encoded as they come, the rest waits for the next piece. */
struct base64_sink {
	buf		*out;
	unsigned char	 carry[3];
	size_t		 ncarry;
};

static void
base64_put(const void *data, size_t n, void *ctx)
{
	struct base64_sink	*b = ctx;
	const unsigned char	*p = data;
	size_t			 k;

	while (b->ncarry > 0 && b->ncarry < 3 && n > 0) {
		b->carry[b->ncarry++] = *p++;
		n--;
	}
	if (b->ncarry == 3) {
		buf_base64(b->out, b->carry, 3);
		b->ncarry = 0;
	}
	k = n - n % 3;
	buf_base64(b->out, p, k);
	for (p += k, n -= k; n > 0; n--)
		b->carry[b->ncarry++] = *p++;
}

int
search_add_assets(const struct site *s, struct assets *as, const void *wasm,
    size_t wasm_len, const char *wasm_label, const void *table,
    size_t table_len, struct blob_memo *memo)
{
	struct search_doc	*docs;
	struct search_table	 t;
	struct base64_sink	 sink;
	buf			 js = BUF_INIT;
	struct text_job		 job[2];
	pthread_t		 th;
	size_t			 i, n = 0;
	int			 rc = 0, threaded = 0;

	docs = xmalloc((s->npages + 1) * sizeof(*docs));
	memset(job, 0, sizeof(job));
	job[0].s = s;
	job[0].pages = xmalloc((s->npages + 1) * sizeof(*job[0].pages));
	job[0].at = xmalloc((s->npages + 1) * 4 * sizeof(*job[0].at));
	job[0].len = job[0].at + s->npages + 1;
	job[0].hat = job[0].len + s->npages + 1;
	job[0].hlen = job[0].hat + s->npages + 1;
	for (i = 0; i < s->npages; i++) {
		const struct page *p = s->pages[i];

		/* The content pages: the lists (home, guide index) repeat
		 * every summary and would outrank the pages they list. */
		if (p->out == NULL || (p->kind != PAGE_GUIDE &&
		    p->kind != PAGE_CALC && p->kind != PAGE_GLOSSARY))
			continue;
		job[0].pages[n++] = p;
	}
	/* Their texts: in two halves at once when there are processors
	 * to spare (every page's text is its own). */
	job[0].to = n;
	job[1] = job[0];
	if (n >= 64 && sysconf(_SC_NPROCESSORS_ONLN) >= 2) {
		job[0].to = job[1].from = n / 2;
		threaded = pthread_create(&th, NULL, page_texts, &job[1]) == 0;
		if (!threaded)
			job[0].to = n;
	}
	page_texts(&job[0]);
	if (threaded)
		pthread_join(th, NULL);
	for (i = 0; i < n; i++) {
		const struct page	*p = job[0].pages[i];
		const struct text_job	*j = &job[threaded && i >= job[1].from];

		docs[i].url = p->out;
		docs[i].url_len = strlen(p->out);
		docs[i].title = p->meta.title.s;
		docs[i].title_len = strlen(p->meta.title.s);
		docs[i].text = buf_str(&j->text) + j->at[i];
		docs[i].text_len = j->len[i];
		docs[i].headings = buf_str(&j->heads) + j->hat[i];
		docs[i].headings_len = j->hlen[i];
	}
	buf_puts(&js, "/* mamoru: the search core (generator/search/) as "
	    "WebAssembly, base64 */\nwindow.MAMORU_SEARCH_WASM = \"");
	buf_base64(&js, wasm, wasm_len);
	buf_puts(&js, "\";\n");
	assets_add_data(as, "js/search/search-wasm.js", wasm_label, js.data,
	    js.len);
	buf_truncate(&js, 0);
	buf_printf(&js, "/* mamoru: the search index of %zu pages with its "
	    "normalisation table, base64 (docs/search.md) */\n"
	    "window.MAMORU_SEARCH_INDEX = \"", n);
	/* The index goes straight into its base64: it is never whole. */
	sink.out = &js;
	sink.ncarry = 0;
	if (search_table_open(&t, table, (uint32_t)table_len) != 0 ||
	    search_index_write_memo(docs, n, &t, memo, base64_put,
	    &sink) == -1) {
		diag_error(src_at(wasm_label, 0, 0), "検索の索引を作れません"
		    "でした（内部エラー）");
		rc = -1;
	} else {
		buf_base64(&js, sink.carry, sink.ncarry);
		buf_puts(&js, "\";\n");
	}
	/* The texts are not needed any more: free them before the
	 * assets take their copy of the script. */
	for (i = 0; i < 2; i++) {
		buf_free(&job[i].text);
		buf_free(&job[i].heads);
	}
	free(job[0].pages);
	free(job[0].at);
	free(docs);
	if (rc == 0)
		assets_add_data(as, "js/search/search-index.js",
		    "(search index)", js.data, js.len);
	buf_free(&js);
	return rc;
}
