/*
 * fuzz_markdown.c -- fuzz target: Markdown to HTML (generator/markdown/),
 * with the site's shortcodes and the lint mode.
 *
 * The input is a page body.  Three renderings, each with a check that
 * aborts (a finding) when it fails:
 *
 *  1. no flags, no callbacks: the output must equal libmd4c-html's byte
 *     for byte (the contract test_md_diff holds us to on its corpus);
 *  2. as a page is rendered (link.c): joined lines, heading ids, lint,
 *     a line index for positions, the real {{fact}} and {{chart}}
 *     shortcodes (generator/model/facts.c over the fixture site's facts),
 *     and a link callback that rewrites .md destinations;
 *  3. as Markdown inside a YAML string (site_markdown): joined lines and
 *     shortcodes, no line index.
 *
 * Every tag and attribute in every output must come from a fixed list of
 * what the renderer, the shortcodes and the charts write (raw HTML is off,
 * so anything else would be markup taken from the input), no attribute
 * value may hold a '<', and no citation mark may stand in a link's text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <md4c-html.h>

#include "../../generator/core/buf.h"
#include "../../generator/core/utf8.h"
#include "../../generator/markdown/md_html.h"
#include "../../generator/model/facts.h"
#include "fuzz.h"

static struct site	base;	/* the fixture's facts, loaded once */
static int		loaded;

struct shortcode_ctx {
	struct site	*s;
	struct page	*p;
	unsigned	 unknown;	/* {{fact}}s with unknown ids so far */
};

static int
shortcode(void *vctx, const char *name, size_t nl, const char *args,
    size_t al, src_pos pos, int in_heading, buf *out)
{
	struct shortcode_ctx *ctx = vctx;

	/* An unknown id costs an edit distance to every fact ("did you
	 * mean"); a few per input test that path, more only slow the run. */
	if (nl == 4 && memcmp(name, "fact", 4) == 0 &&
	    facts_find(ctx->s, args, al) == NULL && ctx->unknown++ >= 2)
		return 0;
	return facts_shortcode(ctx->s, ctx->p, name, nl, args, al, pos,
	    in_heading, out);
}

/* "x.md#frag" becomes "../x/#frag", as link.c rewrites content links;
 * everything else stays as written. */
static int
rewrite_link(void *ctx, int is_image, const char *dest, size_t len,
    src_pos pos, buf *out)
{
	const char *md = NULL, *p;

	(void)ctx;
	(void)pos;
	if (is_image)
		return 0;
	for (p = dest; p + 3 <= dest + len; p++)
		if (memcmp(p, ".md", 3) == 0 && (p + 3 == dest + len ||
		    p[3] == '#')) {
			md = p;
			break;
		}
	if (md == NULL)
		return 0;
	buf_puts(out, "../");
	buf_append(out, dest, (size_t)(md - dest));
	buf_putc(out, '/');
	buf_append(out, md + 3, (size_t)(dest + len - md - 3));
	return 1;
}

static int
listed(const char *const *list, const char *s, size_t n)
{
	for (; *list != NULL; list++)
		if (strlen(*list) == n && memcmp(*list, s, n) == 0)
			return 1;
	return 0;
}

static void
fail(const char *what, const uint8_t *data, size_t size, const buf *html)
{
	fprintf(stderr, "fuzz_markdown: %s\n--- input\n%.*s\n--- output\n%s\n",
	    what, (int)size, (const char *)data, buf_str(html));
	abort();
}

/* Every tag and attribute name must be one the renderers write. */
static void
check_markup(const buf *html, const uint8_t *data, size_t size)
{
	static const char *const tags[] = {
		"p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "u",
		"a", "img", "code", "pre", "ul", "ol", "li", "blockquote",
		"hr", "br", "table", "thead", "tbody", "tr", "th", "td", "del",
		"input", "x-equation", "x-wikilink",
		/* {{fact}} and {{chart}} */
		"span", "sup", "figure", "details", "summary", "caption",
		"svg", "title", "desc", "rect", "line", "text", NULL
	};
	static const char *const attrs[] = {
		"href", "title", "src", "alt", "id", "class", "start", "align",
		"type", "disabled", "checked", "data-target",
		"data-fact", "aria-label", "aria-labelledby", "aria-hidden",
		"role", "scope", "xmlns", "viewBox", "width", "height", "x",
		"y", "x1", "x2", "y1", "y2", "fill", "stroke", "stroke-width",
		"font-size", "font-weight", "text-anchor", "dominant-baseline",
		"focusable", NULL
	};
	const char	*s = buf_str(html), *end = s + html->len, *n, *v;
	int		 closing, links = 0;

	for (; (s = memchr(s, '<', (size_t)(end - s))) != NULL; ) {
		s++;
		closing = s < end && *s == '/';
		s += closing;
		for (n = s; s < end && (*s == '-' || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9')); s++)
			;
		if (!listed(tags, n, (size_t)(s - n)))
			fail("unexpected tag", data, size, html);
		/* No citation mark inside a link's text: a link inside a
		 * link is not HTML.  (md4c's permissive autolinks can nest
		 * one in a link's text, and we write what md4c-html does.) */
		if (s - n == 1 && *n == 'a' && !closing && links > 0 &&
		    end - s > 13 && memcmp(s, " href=\"#cite-", 13) == 0)
			fail("citation link inside a link", data, size, html);
		if (s - n == 1 && *n == 'a')
			links += closing ? -1 : 1;
		/* Attributes: name="value" up to '>'; values never hold a
		 * '"' (it is escaped) nor a '>' outside quotes. */
		while (s < end && *s != '>') {
			while (s < end && *s == ' ')
				s++;
			if (s < end && (*s == '>' || *s == '/'))
				break;
			for (n = s; s < end && *s != '=' && *s != ' ' &&
			    *s != '>'; s++)
				;
			if (!listed(attrs, n, (size_t)(s - n)))
				fail("unexpected attribute", data, size, html);
			if (s < end && *s == '=') {
				if (++s >= end || *s != '"')
					fail("unquoted attribute", data, size,
					    html);
				v = s + 1;
				s = memchr(v, '"', (size_t)(end - v));
				if (s == NULL)
					fail("unclosed attribute", data, size,
					    html);
				if (memchr(v, '<', (size_t)(s - v)) != NULL)
					fail("markup inside an attribute", data,
					    size, html);
				s++;
			}
		}
	}
}

static void
collect(const MD_CHAR *s, MD_SIZE n, void *ud)
{
	buf_append(ud, s, n);
}

static void
exact(const uint8_t *data, size_t size)
{
	struct mdh_doc	doc;
	buf		ref = BUF_INIT, ours = BUF_INIT;

	memset(&doc, 0, sizeof(doc));
	doc.path = "fuzz.md";
	doc.text = (const char *)data;
	doc.len = size;
	md_html(doc.text, (MD_SIZE)size, collect, &ref, mdh_parser_flags(), 0);
	(void)mdh_render(&doc, 0, NULL, NULL, &ours, NULL);
	if (ref.len != ours.len || memcmp(buf_str(&ref), buf_str(&ours),
	    ref.len) != 0) {
		fprintf(stderr, "--- md4c-html\n%s\n", buf_str(&ref));
		fail("differs from md4c-html", data, size, &ours);
	}
	check_markup(&ours, data, size);
	buf_free(&ref);
	buf_free(&ours);
}

static void
as_page(struct shortcode_ctx *ctx, const uint8_t *data, size_t size)
{
	struct mdh_doc		doc;
	struct mdh_result	res = { NULL, 0 };
	line_index		lines;
	buf			html = BUF_INIT;

	line_index_init(&lines, (const char *)data, size);
	memset(&doc, 0, sizeof(doc));
	doc.path = "content/guides/fuzz.md";
	doc.text = (const char *)data;
	doc.len = size;
	doc.lines = &lines;
	doc.short_fn = shortcode;
	doc.short_ctx = ctx;
	(void)mdh_render(&doc, MDH_JOIN_LINES | MDH_HEADING_IDS | MDH_LINT,
	    rewrite_link, NULL, &html, &res);
	check_markup(&html, data, size);
	mdh_result_free(&res);
	line_index_free(&lines);
	buf_free(&html);
}

static void
as_string(struct shortcode_ctx *ctx, const uint8_t *data, size_t size)
{
	struct mdh_doc	doc;
	buf		html = BUF_INIT;

	memset(&doc, 0, sizeof(doc));
	doc.path = "content/calculators/fuzz.md";
	doc.text = (const char *)data;
	doc.len = size;
	doc.short_fn = shortcode;
	doc.short_ctx = ctx;
	(void)mdh_render(&doc, MDH_JOIN_LINES, rewrite_link, NULL, &html,
	    NULL);
	check_markup(&html, data, size);
	buf_free(&html);
}

int
LLVMFuzzerTestOneInput(const uint8_t *in, size_t size)
{
	struct site		s;
	struct page		p;
	struct shortcode_ctx	ctx;
	buf			text = BUF_INIT;
	const uint8_t		*data;

	if (!loaded) {
		const char *fixture = getenv("MAMORU_FUZZ_SITE");

		memset(&base, 0, sizeof(base));
		base.content = arena_printf(&base.a, "%s/content",
		    fixture != NULL && *fixture != '\0' ? fixture :
		    "tests/fuzz/site");
		(void)facts_load(&base);
		if (base.facts.facts.n == 0) {
			fprintf(stderr, "fuzz_markdown: no facts in %s\n",
			    base.content);
			exit(2);
		}
		fuzz_diag_drain();
		loaded = 1;
	}
	/* Text is NUL-terminated, as every caller's is (see md_html.h):
	 * libmd4c 0.4.8 reads the byte after the end. */
	buf_append(&text, in, size);
	buf_reserve(&text, 1);
	data = (const uint8_t *)text.data;
	/* The facts stay in base's arena; what the shortcodes allocate goes
	 * into this input's own. */
	s = base;
	memset(&s.a, 0, sizeof(s.a));
	memset(&p, 0, sizeof(p));
	memset(&ctx, 0, sizeof(ctx));
	ctx.s = &s;
	ctx.p = &p;
	exact(data, size);
	as_page(&ctx, data, size);
	as_string(&ctx, data, size);
	fuzz_diag_drain();
	free(p.cites);
	arena_free(&s.a);
	buf_free(&text);
	return 0;
}
