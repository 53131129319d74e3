/*
 * test_kiosk.c -- kiosk_rewrite (generator/render/kiosk_html.c): the HTML
 * of a page made fit for a screen of the kiosk.  Cases are input HTML,
 * the page it belongs to, and the exact output; then the links that leave
 * the kiosk (their number, address and text).
 *
 * Output: "ok - kiosk/<case>" or "not ok - kiosk/<case>" with "# "
 * details; the last line is "# kiosk-unit: N passed, M failed".
 */
#include <stdio.h>
#include <string.h>

#include "../../generator/render/kiosk.h"

static int passes, failures;

static void
result(int ok, const char *name, const char *want, const char *got)
{
	printf("%s - kiosk/%s\n", ok ? "ok" : "not ok", name);
	if (!ok) {
		printf("# want: %s\n", want);
		printf("# got:  %s\n", got);
		failures++;
	} else
		passes++;
}

/* A site with three pages: a guide the kiosk has, one it has not, and
 * the glossary. */
static struct page pages[3];
static struct page *page_list[3] = { &pages[0], &pages[1], &pages[2] };
static struct site site;
static const struct kiosk_route routes[] = {
	{ "guides/passwords/index.html", "guide-passwords" },
	{ "shindan/index.html", "calc-shindan" },
};

static void
setup(void)
{
	memset(&site, 0, sizeof(site));
	site.meta.base_url.s = "https://example.jp/sec/";
	site.pages = page_list;
	site.npages = 3;
	pages[0].out = "guides/passwords/index.html";
	pages[0].url = "guides/passwords/";
	pages[1].out = "guides/byod/index.html";
	pages[1].url = "guides/byod/";
	pages[2].out = "glossary/index.html";
	pages[2].url = "glossary/";
}

static struct kiosk_rewrite
rewriter(const char *base)
{
	struct kiosk_rewrite r;

	memset(&r, 0, sizeof(r));
	r.s = &site;
	r.base = base;
	r.prefix = "guide-x-";
	r.routes = routes;
	r.nroutes = sizeof(routes) / sizeof(routes[0]);
	return r;
}

static void
check(const char *name, const char *base, const char *in, const char *want)
{
	struct kiosk_rewrite	r = rewriter(base);
	buf			out = BUF_INIT;

	kiosk_rewrite(&r, in, strlen(in), &out);
	result(strcmp(buf_str(&out), want) == 0, name, want, buf_str(&out));
	kiosk_rewrite_free(&r);
	buf_free(&out);
}

static void
cases(void)
{
	const char *g = "guides/x/index.html";

	check("link-to-a-screen", g,
	    "<p>See <a href=\"../passwords/index.html\">passwords</a>.</p>",
	    "<p>See <button type=\"button\" class=\"k-go\" "
	    "data-go=\"guide-passwords\">passwords</button>.</p>");
	check("link-to-a-screen-by-folder", "shindan/index.html",
	    "<a href=\"../guides/passwords/\">p</a>",
	    "<button type=\"button\" class=\"k-go\" data-go=\"guide-passwords\">"
	    "p</button>");
	check("link-with-fragment-and-dot", g,
	    "<a href=\"./../../shindan/index.html#a\">s</a>",
	    "<button type=\"button\" class=\"k-go\" data-go=\"calc-shindan\">s"
	    "</button>");
	check("link-leaving-the-kiosk", g,
	    "<a href=\"https://www.ipa.go.jp/?a=1&amp;b=2\">IPA</a>",
	    "<span class=\"k-ext\">IPA</span><sup class=\"k-ext__ref\">QR"
	    "<span class=\"k-ext__n\">1</span></sup>");
	check("link-to-a-page-the-kiosk-lacks", g,
	    "<a href=\"../byod/index.html\">私物</a><a href=\"../byod/index.html\">"
	    "again</a>",
	    "<span class=\"k-ext\">私物</span><sup class=\"k-ext__ref\">QR"
	    "<span class=\"k-ext__n\">1</span></sup><span class=\"k-ext\">again"
	    "</span><sup class=\"k-ext__ref\">QR<span class=\"k-ext__n\">1</span>"
	    "</sup>");
	check("optional-link", g,
	    "<a href=\"../byod/index.html\" data-k-optional>私物</a>",
	    "<span>私物</span>");
	check("glossary-term", g,
	    "<a class=\"term\" href=\"../../glossary/index.html#os\"><ruby>OS"
	    "<rp>（</rp><rt>おーえす</rt><rp>）</rp></ruby></a>",
	    "<button type=\"button\" class=\"term k-term\" data-term=\"os\">"
	    "<ruby>OS<rp>（</rp><rt>おーえす</rt><rp>）</rp></ruby></button>");
	check("citation", g,
	    "<sup class=\"cite\"><a href=\"#cite-2\" aria-label=\"出典 2\">[2]"
	    "</a></sup>",
	    "<sup class=\"cite\"><span class=\"k-cite\">[2]</span></sup>");
	check("mail-and-anchor", g,
	    "<a href=\"mailto:a@b.jp\">a@b.jp</a> <a href=\"#top\">top</a>",
	    "<span class=\"k-plain\">a@b.jp</span> <span>top</span>");
	check("ids-prefixed", g,
	    "<h2 id=\"t\">T</h2><label for=\"q1\">Q</label>"
	    "<section aria-labelledby=\"t  u\"><use href=\"#g\"/></section>",
	    "<h2 id=\"guide-x-t\">T</h2><label for=\"guide-x-q1\">Q</label>"
	    "<section aria-labelledby=\"guide-x-t  guide-x-u\"><use "
	    "href=\"#guide-x-g\" /></section>");
	check("attributes-requoted", g,
	    "<td align=right class='a \"b\"' hidden>x</td><!-- <a href=\"x\"> -->",
	    "<td align=\"right\" class=\"a &quot;b&quot;\" hidden>x</td>"
	    "<!-- <a href=\"x\"> -->");
	check("not-a-tag", g, "a < b <3", "a < b <3");
}

/* The links' list: numbers, absolute addresses, text without readings. */
static void
links(void)
{
	struct kiosk_rewrite	r = rewriter("guides/x/index.html");
	buf			out = BUF_INIT;
	const char		*in =
	    "<a href=\"http://a.jp/\"><ruby>暗号<rt>あんごう</rt></ruby>  化</a>"
	    "<a href=\"../byod/index.html\">私物</a>"
	    "<a href=\"../../other.pdf\">PDF</a>"
	    "<a href=\"http://a.jp/\">again</a>";
	char got[512];

	kiosk_rewrite(&r, in, strlen(in), &out);
	snprintf(got, sizeof(got), "%zu|%s|%s|%s|%s|%s|%s", r.nlinks,
	    r.nlinks > 0 ? r.links[0].url : "", r.nlinks > 0 ? r.links[0].text : "",
	    r.nlinks > 1 ? r.links[1].url : "", r.nlinks > 1 ? r.links[1].text : "",
	    r.nlinks > 2 ? r.links[2].url : "", r.nlinks > 2 ? r.links[2].text : "");
	result(strcmp(got, "3|http://a.jp/|暗号 化|https://example.jp/sec/guides/"
	    "byod/|私物|https://example.jp/sec/other.pdf|PDF") == 0, "links-list",
	    "3|http://a.jp/|暗号 化|https://example.jp/sec/guides/byod/|私物|"
	    "https://example.jp/sec/other.pdf|PDF", got);
	kiosk_rewrite_free(&r);
	buf_free(&out);
}

int
main(void)
{
	setup();
	cases();
	links();
	printf("# kiosk-unit: %d passed, %d failed\n", passes, failures);
	return failures ? 1 : 0;
}
