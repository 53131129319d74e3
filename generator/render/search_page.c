/*
 * search_page.c -- the site search's data: the normalisation table and the
 * index of every content page, built with the same tokeniser the browser
 * runs as WebAssembly (generator/search/, docs/search.md), shipped as
 * classic scripts so that search works from file://.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void
search_html_to_text(const char *html, size_t len, buf *out)
{
	static const struct {
		const char	*ent;
		const char	*ch;
	} ents[] = { { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
	    { "&quot;", "\"" }, { "&#39;", "'" }, { "&nbsp;", " " } };
	const char	*h = html, *end = html + len, *skip;
	size_t		 i;

	while (h < end) {
		if (*h == '<') {
			const char *gt;

			if ((skip = skip_element(h, end)) != NULL) {
				h = skip;
				continue;
			}
			gt = memchr(h, '>', (size_t)(end - h));
			/* Block ends separate words (a newline splits a
			 * token); inline tags join. */
			if (strncmp(h, "</p", 3) == 0 || strncmp(h, "</li", 4) == 0 ||
			    strncmp(h, "</t", 3) == 0 || strncmp(h, "</h", 3) == 0 ||
			    strncmp(h, "<br", 3) == 0 ||
			    strncmp(h, "</blockquote", 12) == 0)
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

int
search_add_assets(const struct site *s, struct assets *as, const void *wasm,
    size_t wasm_len, const char *wasm_label, const void *table,
    size_t table_len)
{
	struct search_doc	*docs;
	struct search_table	 t;
	buf			 index = BUF_INIT, js = BUF_INIT;
	buf			*texts, *heads;
	size_t			 i, k, n = 0;
	int			 rc = 0;

	docs = xmalloc((s->npages + 1) * sizeof(*docs));
	texts = xmalloc((s->npages + 1) * sizeof(*texts));
	heads = xmalloc((s->npages + 1) * sizeof(*heads));
	for (i = 0; i < s->npages; i++) {
		const struct page *p = s->pages[i];

		/* The content pages: the lists (home, guide index) repeat
		 * every summary and would outrank the pages they list. */
		if (p->out == NULL || (p->kind != PAGE_GUIDE &&
		    p->kind != PAGE_CALC && p->kind != PAGE_GLOSSARY))
			continue;
		memset(&texts[n], 0, sizeof(texts[n]));
		memset(&heads[n], 0, sizeof(heads[n]));
		if (p->kind == PAGE_GLOSSARY)
			glossary_text(s, &texts[n]);
		else if (p->kind == PAGE_CALC)
			calc_text(p, &texts[n]);
		else
			search_html_to_text(p->html.data, p->html.len,
			    &texts[n]);
		if (p->meta.summary.s != NULL)
			buf_printf(&heads[n], "%s\n", p->meta.summary.s);
		for (k = 0; k < p->md.nheadings; k++)
			buf_printf(&heads[n], "%s\n", p->md.headings[k].text);
		docs[n].url = p->out;
		docs[n].url_len = strlen(p->out);
		docs[n].title = p->meta.title.s;
		docs[n].title_len = strlen(p->meta.title.s);
		docs[n].text = buf_str(&texts[n]);
		docs[n].text_len = texts[n].len;
		docs[n].headings = buf_str(&heads[n]);
		docs[n].headings_len = heads[n].len;
		n++;
	}
	if (search_table_open(&t, table, (uint32_t)table_len) != 0 ||
	    search_index_build(docs, n, &t, &index) == -1) {
		diag_error(src_at(wasm_label, 0, 0), "検索の索引を作れません"
		    "でした（内部エラー）");
		rc = -1;
		goto done;
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
	buf_base64(&js, index.data, index.len);
	buf_puts(&js, "\";\n");
	assets_add_data(as, "js/search/search-index.js", "(search index)",
	    js.data, js.len);
done:
	for (i = 0; i < n; i++) {
		buf_free(&texts[i]);
		buf_free(&heads[i]);
	}
	free(docs);
	free(texts);
	free(heads);
	buf_free(&index);
	buf_free(&js);
	return rc;
}
