/*
 * test_md_diff.c -- differential test of our HTML renderer against
 * libmd4c-html (Debian's reference renderer) with the same parser flags.
 *
 * For every document of the corpus folders given on the command line, and
 * for a few thousand generated documents:
 *
 *  1. with no extra flags, our output must equal md_html()'s byte for byte;
 *  2. with MDH_JOIN_LINES | MDH_HEADING_IDS, it must equal md_html()'s after
 *     normalising exactly the two deliberate differences: on our side the
 *     id="..." of headings is removed; on md4c-html's side a " {#id}"
 *     before </hN> is removed, and a soft-break newline is removed where
 *     both neighbouring characters are East Asian wide.
 *
 * The normaliser re-implements the soft-break rule independently of the
 * renderer: it finds soft breaks in md4c-html's output text, not in md4c's
 * event stream.
 *
 * Output: "ok - md-diff/<name>" / "not ok - md-diff/<name>" lines.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <md4c-html.h>

#include "../../generator/core/buf.h"
#include "../../generator/core/fs.h"
#include "../../generator/core/utf8.h"
#include "../../generator/markdown/md_html.h"
#include "../../generator/text/text.h"

static int failures, passes;

static void
collect(const MD_CHAR *s, MD_SIZE n, void *ud)
{
	buf_append(ud, s, n);
}

/* ----- normalisers ------------------------------------------------------ */

/* Remove id="..." from <h1>..<h6> opening tags. */
static void
strip_heading_ids(buf *b)
{
	buf	out = BUF_INIT;
	size_t	i = 0;

	while (i < b->len) {
		if (b->data[i] == '<' && i + 3 < b->len && b->data[i + 1] == 'h' &&
		    b->data[i + 2] >= '1' && b->data[i + 2] <= '6' &&
		    strncmp(b->data + i + 3, " id=\"", 5) == 0) {
			const char *q = strchr(b->data + i + 8, '"');

			buf_append(&out, b->data + i, 3);
			i = (size_t)(q - b->data) + 1;
			continue;
		}
		buf_putc(&out, b->data[i++]);
	}
	buf_free(b);
	*b = out;
}

static int
id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* Remove "[ \t]+{#id}" right before </hN>. */
static void
strip_explicit_ids(buf *b)
{
	size_t i;

	for (i = 0; i + 5 <= b->len; i++) {
		size_t j, k;

		if (strncmp(b->data + i, "</h", 3) != 0 ||
		    b->data[i + 3] < '1' || b->data[i + 3] > '6' || i == 0 ||
		    b->data[i - 1] != '}')
			continue;
		for (j = i - 1; j > 0 && id_char(b->data[j - 1]); j--)
			;
		if (j == i - 1 || j < 2 || b->data[j - 1] != '#' ||
		    b->data[j - 2] != '{')
			continue;
		k = j - 2;
		if (k == 0 || (b->data[k - 1] != ' ' && b->data[k - 1] != '\t'))
			continue;
		while (k > 0 && (b->data[k - 1] == ' ' || b->data[k - 1] == '\t'))
			k--;
		/* The heading must keep some text ("<hN>" ends at k). */
		if (k >= 4 && b->data[k - 1] == '>' && b->data[k - 4] == '<' &&
		    b->data[k - 3] == 'h')
			continue;
		memmove(b->data + k, b->data + i, b->len - i);
		b->len -= i - k;
		b->data[b->len] = '\0';
		i = k;
	}
}

static int
tag_is_block(const char *tag, size_t n)
{
	static const char *const blocks[] = { "p", "li", "ul", "ol",
	    "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre",
	    "table", "thead", "tbody", "tr", "th", "td", "br", NULL };
	size_t	i, len;

	if (n > 0 && tag[0] == '/') {
		tag++;
		n--;
	}
	for (len = 0; len < n && tag[len] != ' ' && tag[len] != '>'; len++)
		;
	for (i = 0; blocks[i] != NULL; i++)
		if (strlen(blocks[i]) == len && strncmp(blocks[i], tag, len) == 0)
			return 1;
	return 0;
}

/* The last text character before offset `at`, skipping inline tags;
 * 0 if a block tag (or the start) comes first. */
static uint32_t
prev_char(const buf *b, size_t at)
{
	size_t i = at;

	while (i > 0) {
		if (b->data[i - 1] == '>') {
			size_t lt = i - 1;

			while (lt > 0 && b->data[lt] != '<')
				lt--;
			if (tag_is_block(b->data + lt + 1, i - lt - 2) ||
			    strncmp(b->data + lt, "<img ", 5) == 0)
				return 0;	/* an image is no character */
			i = lt;
			continue;
		}
		if (b->data[i - 1] == ';') {
			/* An escaped character (&amp; ...) is ASCII. */
			size_t amp = i - 1;

			while (amp > 0 && i - amp < 10 && b->data[amp] != '&')
				amp--;
			if (b->data[amp] == '&')
				return '&';
		}
		return utf8_prev(b->data, i);
	}
	return 0;
}

static uint32_t
next_char(const buf *b, size_t at)
{
	size_t i = at;

	while (i < b->len) {
		if (b->data[i] == '<') {
			const char *gt = strchr(b->data + i, '>');

			if (tag_is_block(b->data + i + 1,
			    (size_t)(gt - b->data) - i - 1) ||
			    strncmp(b->data + i, "<img ", 5) == 0)
				return 0;
			i = (size_t)(gt - b->data) + 1;
			continue;
		}
		return utf8_next(b->data, b->len, &i);
	}
	return 0;
}

/* Remove the soft-break newlines that our renderer drops, as decided from
 * md4c-html's output alone. */
static void
join_cjk_breaks(buf *b)
{
	size_t	i;
	int	in_pre = 0;

	for (i = 0; i < b->len; i++) {
		if (strncmp(b->data + i, "<pre>", 5) == 0)
			in_pre = 1;
		else if (strncmp(b->data + i, "</pre>", 6) == 0)
			in_pre = 0;
		if (b->data[i] != '\n' || in_pre || i == 0)
			continue;
		if (b->data[i - 1] == '>') {
			size_t lt = i - 1;

			while (lt > 0 && b->data[lt] != '<')
				lt--;
			if (tag_is_block(b->data + lt + 1, i - lt - 2))
				continue;	/* a block boundary */
		}
		if (text_join_lines(prev_char(b, i), next_char(b, i + 1))) {
			memmove(b->data + i, b->data + i + 1, b->len - i - 1);
			b->len--;
			b->data[b->len] = '\0';
			i--;
		}
	}
}

/* ----- comparison ------------------------------------------------------- */

static void
show(const char *label, const buf *b)
{
	size_t i;

	printf("# %s: ", label);
	for (i = 0; i < b->len && i < 2000; i++) {
		if (b->data[i] == '\n')
			fputs("\\n", stdout);
		else
			putchar(b->data[i]);
	}
	putchar('\n');
}

/* Compare both ways; print a result line per comparison unless `quiet`
 * (then only failures are shown).  Returns the number of failures. */
static int
check(const char *name, const char *text, size_t len, int quiet)
{
	struct mdh_doc		doc = { name, text, len, NULL, 0, NULL, NULL };
	struct mdh_result	res = { NULL, 0 };
	buf			ref = BUF_INIT, ours = BUF_INIT, joined = BUF_INIT;
	int			ok, bad = 0;

	md_html(text, (MD_SIZE)len, collect, &ref, mdh_parser_flags(), 0);
	mdh_render(&doc, 0, NULL, NULL, &ours, NULL);
	ok = ref.len == ours.len && memcmp(buf_str(&ref), buf_str(&ours),
	    ref.len) == 0;
	if (quiet < 2 && (!quiet || !ok))
		printf("%s - md-diff/exact/%s\n", ok ? "ok" : "not ok", name);
	if (!ok && quiet < 2) {
		buf src = BUF_INIT;

		buf_append(&src, text, len);
		show("source   ", &src);
		buf_free(&src);
		show("md4c-html", &ref);
		show("mamoru   ", &ours);
	}
	bad += !ok;

	mdh_render(&doc, MDH_JOIN_LINES | MDH_HEADING_IDS, NULL, NULL, &joined,
	    &res);
	strip_heading_ids(&joined);
	strip_explicit_ids(&ref);
	join_cjk_breaks(&ref);
	ok = ref.len == joined.len && memcmp(buf_str(&ref), buf_str(&joined),
	    ref.len) == 0;
	if (quiet < 2 && (!quiet || !ok))
		printf("%s - md-diff/normalised/%s\n", ok ? "ok" : "not ok",
		    name);
	if (!ok && quiet < 2) {
		show("md4c-html normalised", &ref);
		show("mamoru normalised   ", &joined);
	}
	bad += !ok;
	mdh_result_free(&res);
	buf_free(&ref);
	buf_free(&ours);
	buf_free(&joined);
	return bad;
}

/* ----- generated documents ---------------------------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *const pieces[] = {
	"日本語", "対策", "です。", "、", "。", "「重要」", "（注）", "ー",
	"ランサムウェア", "ｶﾀｶﾅ", "ＡＢＣ", "word", "two words", " ", "  ",
	"\n", "\n", "\n\n", "\n\n", "*", "**", "_", "__", "~~", "`", "``",
	"[", "]", "(", ")", "](x.md)", "](https://example.com/a?b=1&c=2)",
	"![", "](img.png \"t\")", "<", ">", "&", "&amp;", "&copy;", "&#x30D1;",
	"&#12354;", "&bogus;", "&#0;", "\"", "'", "\\", "\\*", "# ", "## ",
	"### ", "- ", "* ", "1. ", "2) ", "> ", "    ", "\t", "---\n",
	"***\n", "```\n", "```c\n", "~~~\n", "| a | b |\n", "|---|:-:|\n",
	"| 表 | 値 |\n", "- [ ] ", "- [x] ", "http://example.com",
	"www.example.jp", "mail@example.jp", "<script>alert(1)</script>",
	"<b>", "{#id}", " {#my-id}", "  \n", "\\\n", "漢字", "かな", "カナ",
	"한국어", "😀", "Ω", "…", "※", "A", "1", "%", "#", "=", "==\n",
	"--\n",
};

static void
generate(buf *b)
{
	unsigned n = 1 + rnd(40), i;

	buf_truncate(b, 0);
	for (i = 0; i < n; i++)
		buf_puts(b, pieces[rnd(sizeof(pieces) / sizeof(pieces[0]))]);
}

/* ----- corpus ----------------------------------------------------------- */

static void
run_dir(const char *dir)
{
	char	**names;
	size_t	  n, i;
	buf	  path = BUF_INIT, text = BUF_INIT;

	if (fs_list(dir, &names, &n) == -1) {
		printf("not ok - md-diff/corpus %s (cannot read)\n", dir);
		failures++;
		return;
	}
	for (i = 0; i < n; i++) {
		size_t len = strlen(names[i]);

		if (len < 4 || strcmp(names[i] + len - 3, ".md") != 0)
			continue;
		buf_truncate(&path, 0);
		fs_join(&path, dir, names[i]);
		if (fs_read(path.data, &text) == -1)
			continue;
		if (check(path.data, buf_str(&text), text.len, 0) != 0)
			failures++;
		else
			passes++;
	}
	fs_names_free(names, n);
	buf_free(&path);
	buf_free(&text);
}

int
main(int argc, char **argv)
{
	buf	doc = BUF_INIT, name = BUF_INIT;
	int	i, ngen = 20000, bad = 0;

	for (i = 1; i < argc; i++)
		run_dir(argv[i]);
	/* Generated documents: one result line for the lot; failures are
	 * shown one by one (at most 20). */
	for (i = 0; i < ngen; i++) {
		generate(&doc);
		buf_truncate(&name, 0);
		buf_printf(&name, "generated-%04d", i);
		if (bad < 20)
			bad += check(name.data, buf_str(&doc), doc.len, 1) != 0;
		else
			bad += check(name.data, buf_str(&doc), doc.len, 2) != 0;
	}
	printf("%s - md-diff/generated (%d random documents, both modes)\n",
	    bad ? "not ok" : "ok", ngen);
	if (bad)
		failures++;
	else
		passes++;
	printf("# md-diff: %d passed, %d failed\n", passes, failures);
	buf_free(&doc);
	buf_free(&name);
	return failures != 0;
}
