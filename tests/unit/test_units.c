/*
 * test_units.c -- unit tests of the generator's modules: core (utf8,
 * dates, file system), text, load (source checks, schema), markdown
 * (ids, soft breaks, lint) and model (relative links).
 *
 * Output: "ok - unit/<module>/<case>" or "not ok - ..." with "# " details.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include <hpdf.h>

#include "../../generator/build_cache.h"
#include "../../generator/core/buf.h"
#include "../../generator/core/date.h"
#include "../../generator/core/diag.h"
#include "../../generator/core/fs.h"
#include "../../generator/core/utf8.h"
#include "../../generator/load/schema.h"
#include "../../generator/load/source.h"
#include "../../generator/markdown/md_html.h"
#include "../../generator/model/site.h"
#include "../../generator/print/print.h"
#include "../../generator/print/print_int.h"
#include "../../generator/text/text.h"

static int passes, failures;

static void
result(int ok, const char *name)
{
	printf("%s - unit/%s\n", ok ? "ok" : "not ok", name);
	if (ok)
		passes++;
	else
		failures++;
}

static void
expect_str(const char *name, const char *got, const char *want)
{
	int ok = strcmp(got, want) == 0;

	result(ok, name);
	if (!ok)
		printf("# want: %s\n# got:  %s\n", want, got);
}

/* Everything diag collected, as the user would see it; then forgotten. */
static void
diag_text(buf *b)
{
	FILE	*f = tmpfile();
	char	 tmp[4096];
	size_t	 n;

	buf_truncate(b, 0);
	diag_flush(f, DIAG_TEXT);
	rewind(f);
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_append(b, tmp, n);
	fclose(f);
}

/* ----- core ------------------------------------------------------------- */

/* buf_html_escape() (eight bytes at a time) against the plain rule, on
 * strings of every length up to 40 with the special characters at every
 * place among ordinary and non-ASCII bytes. */
static void
test_html_escape(void)
{
	static const char pool[] = "a&<>\"'b\xE3\x81\x82 ";
	char		 s[41];
	buf		 got = BUF_INIT, want = BUF_INIT;
	size_t		 n, i, k, bad = 0;
	unsigned	 seed = 12345;

	for (n = 0; n <= 40; n++)
		for (k = 0; k < 200; k++) {
			for (i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				/* mostly plain bytes, sometimes special */
				s[i] = (seed >> 16) % 5 == 0 ?
				    pool[(seed >> 8) % (sizeof(pool) - 1)] : 'x';
			}
			buf_truncate(&got, 0);
			buf_truncate(&want, 0);
			buf_html_escape(&got, s, n);
			for (i = 0; i < n; i++)
				switch (s[i]) {
				case '&': buf_puts(&want, "&amp;"); break;
				case '<': buf_puts(&want, "&lt;"); break;
				case '>': buf_puts(&want, "&gt;"); break;
				case '"': buf_puts(&want, "&quot;"); break;
				case '\'': buf_puts(&want, "&#39;"); break;
				default: buf_putc(&want, s[i]);
				}
			if (got.len != want.len || memcmp(buf_str(&got),
			    buf_str(&want), got.len) != 0)
				bad++;
		}
	result(bad == 0, "buf/html-escape-matches-plain-rule");
	{
		static const long long v[] = { 0, 7, -7, 10, -10, 123456789,
		    9223372036854775807LL, -9223372036854775807LL - 1 };
		char t[32];

		bad = 0;
		for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
			buf_truncate(&got, 0);
			buf_put_int(&got, v[i]);
			snprintf(t, sizeof(t), "%lld", v[i]);
			if (strcmp(buf_str(&got), t) != 0)
				bad++;
		}
		result(bad == 0, "buf/put-int-as-printf");
	}
	buf_free(&got);
	buf_free(&want);
}

/* utf8_invalid_at() as utf8_next() sees it, for the check below; -2 if
 * utf8_next() (inline, with its fast paths) and utf8_next_any() differ. */
static size_t
invalid_at_ref(const char *s, size_t n)
{
	size_t		i = 0, j = 0, at;
	uint32_t	cp;

	while (i < n) {
		at = i;
		cp = utf8_next(s, n, &i);
		if (utf8_next_any(s, n, &j) != cp || i != j)
			return (size_t)-2;
		if (cp == UTF8_INVALID)
			return at;
	}
	return (size_t)-1;
}

/* The fast validator agrees with the decoder on every lead byte and
 * first continuation byte, with the rest sampled, at every alignment
 * of the eight-byte ASCII skip. */
static void
test_utf8_validator(void)
{
	static const unsigned char tail[] = { 0x41, 0x7F, 0x80, 0x8F, 0x90,
	    0xBF, 0xC0 };
	char	 s[32];
	size_t	 pad, k, n, bad = 0, tried = 0;
	unsigned a, b, c, d;

	for (pad = 0; pad < 9; pad += 5)
		for (a = 0x00; a <= 0xFF; a++)
			for (b = 0x00; b <= 0xFF; b++)
				for (c = 0; c < sizeof(tail); c++)
					for (d = 0; d < sizeof(tail); d++) {
						memset(s, 'x', sizeof(s));
						s[pad] = (char)a;
						s[pad + 1] = (char)b;
						s[pad + 2] = (char)tail[c];
						s[pad + 3] = (char)tail[d];
						for (k = 0; k < 2; k++) {
							n = k ? pad + 4 :
							    sizeof(s);
							tried++;
							if (utf8_invalid_at(s,
							    n) !=
							    invalid_at_ref(s, n))
								bad++;
						}
					}
	result(bad == 0 && tried > 100000, "utf8/validator-agrees-with-"
	    "decoder");
	if (bad != 0)
		fprintf(stderr, "# %zu of %zu differ\n", bad, tried);
}

static void
test_utf8(void)
{
	size_t		i = 0;
	const char	*s = "aあ\xF0\x9F\x98\x80";
	buf		b = BUF_INIT;
	unsigned	line, col;
	line_index	li;
	const char	*text = "一行目\n二行目のabc\n";

	result(utf8_next(s, strlen(s), &i) == 'a' && i == 1, "utf8/ascii");
	result(utf8_next(s, strlen(s), &i) == 0x3042 && i == 4, "utf8/kana");
	result(utf8_next(s, strlen(s), &i) == 0x1F600 && i == 8, "utf8/emoji");
	result(utf8_prev(s, 8) == 0x1F600 && utf8_prev(s, 4) == 0x3042,
	    "utf8/prev");
	i = 0;
	result(utf8_next("\xC0\xAF", 2, &i) == UTF8_INVALID, "utf8/overlong");
	i = 0;
	result(utf8_next("\xED\xA0\x80", 3, &i) == UTF8_INVALID,
	    "utf8/surrogate");
	result(utf8_invalid_at("ok\xE3\x81", 4) == 2, "utf8/truncated-at");
	result(utf8_invalid_at("ありがとう", strlen("ありがとう")) ==
	    (size_t)-1, "utf8/valid");
	utf8_put(&b, 0x30D1);
	expect_str("utf8/put", buf_str(&b), "パ");
	buf_free(&b);
	line_index_init(&li, text, strlen(text));
	line_index_pos(&li, (size_t)(strstr(text, "abc") - text), &line, &col);
	result(line == 2 && col == 5, "utf8/line-col-counts-characters");
	line_index_free(&li);
	line_index_init(&li, "a\n\nb\n", 5);
	result(li.nlines == 4 && li.starts[1] == 2 && li.starts[2] == 3 &&
	    li.starts[3] == 5, "utf8/line-index-empty-lines");
	line_index_free(&li);
	test_utf8_validator();
	test_html_escape();
	result(utf8_distance("title", "titel") == 2 &&
	    utf8_distance("パスワード", "パスワド") == 1, "utf8/distance");
}

static void
test_date(void)
{
	int y, m, d;

	result(date_parse("1970-01-01") == 0, "date/epoch");
	result(date_parse("2024-02-29") > 0 && date_parse("2023-02-29") == -1,
	    "date/leap-year");
	result(date_parse("2025-13-01") == -1 && date_parse("2025-6-1") == -1 &&
	    date_parse("2025-06-31") == -1, "date/invalid");
	date_ymd(date_parse("2025-06-01"), &y, &m, &d);
	result(y == 2025 && m == 6 && d == 1, "date/round-trip");
}

static void
test_fs(void)
{
	char	 dir[] = "/tmp/mamoru-unit-XXXXXX";
	buf	 target = BUF_INIT, stage = BUF_INIT, p = BUF_INIT, data = BUF_INIT;
	char	**names;
	size_t	 n;

	if (mkdtemp(dir) == NULL) {
		result(0, "fs/mkdtemp");
		return;
	}
	buf_printf(&target, "%s/out", dir);
	/* First build: no previous output. */
	result(fs_stage_dir(target.data, &stage) == 0, "fs/stage-dir");
	buf_printf(&p, "%s/site/index.html", stage.data);
	fs_write(p.data, "old", 3);
	result(fs_swap_in(stage.data, target.data) == 0, "fs/swap-in-new");
	/* Second build replaces it in one step. */
	fs_stage_dir(target.data, &stage);
	buf_truncate(&p, 0);
	buf_printf(&p, "%s/site/index.html", stage.data);
	fs_write(p.data, "new", 3);
	result(fs_swap_in(stage.data, target.data) == 0, "fs/swap-in-replace");
	buf_truncate(&p, 0);
	buf_printf(&p, "%s/site/index.html", target.data);
	fs_read(p.data, &data);
	expect_str("fs/swap-in-content", buf_str(&data), "new");
	/* Nothing is left beside the output. */
	fs_list(dir, &names, &n);
	result(n == 1 && strcmp(names[0], "out") == 0, "fs/no-leftovers");
	fs_names_free(names, n);
	/* A staging tree of a killed build is swept by the next build. */
	buf_truncate(&p, 0);
	buf_printf(&p, "%s/.out.tmp-abcdef/site/x", dir);
	fs_write(p.data, "x", 1);
	fs_stage_dir(target.data, &stage);
	buf_truncate(&p, 0);
	buf_printf(&p, "%s/.out.tmp-abcdef", dir);
	result(!fs_is_dir(p.data), "fs/stale-stage-swept");
	fs_rm_rf(stage.data);
	fs_rm_rf(dir);
	result(!fs_is_dir(dir), "fs/rm-rf");
	buf_free(&target);
	buf_free(&stage);
	buf_free(&p);
	buf_free(&data);
}

static ino_t
inode(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/* Incremental builds: equal files are linked to the previous output,
 * others written as new files; the previous output is never changed. */
static void
test_fs_reuse(void)
{
	char	 dir[] = "/tmp/mamoru-unit-XXXXXX";
	buf	 prev = BUF_INIT, stage = BUF_INIT, a = BUF_INIT, b = BUF_INIT,
		 pa = BUF_INIT, pb = BUF_INIT, data = BUF_INIT;
	size_t	 reused = 9, written = 9;

	if (mkdtemp(dir) == NULL) {
		result(0, "fs-reuse/mkdtemp");
		return;
	}
	buf_printf(&prev, "%s/out", dir);
	buf_printf(&stage, "%s/stage", dir);
	buf_printf(&pa, "%s/site/a.html", prev.data);
	buf_printf(&pb, "%s/site/deep/b.html", prev.data);
	fs_write(pa.data, "same", 4);
	fs_write(pb.data, "old!", 4);
	buf_printf(&a, "%s/site/a.html", stage.data);
	buf_printf(&b, "%s/site/deep/b.html", stage.data);
	fs_reuse_begin(stage.data, prev.data);
	result(fs_write(a.data, "same", 4) == 0 && inode(a.data) ==
	    inode(pa.data), "fs-reuse/equal-linked");
	result(fs_write(b.data, "new!", 4) == 0 && inode(b.data) !=
	    inode(pb.data), "fs-reuse/same-size-differs-written");
	/* Writing again over a linked name makes a new file; the previous
	 * output keeps its bytes. */
	result(fs_write(a.data, "changed", 7) == 0 && inode(a.data) !=
	    inode(pa.data) && fs_read(pa.data, &data) == 0 &&
	    strcmp(buf_str(&data), "same") == 0, "fs-reuse/never-in-place");
	buf_truncate(&a, 0);
	buf_printf(&a, "%s/site/deep/b.html", stage.data);
	result(fs_link_prev(a.data) == 0 && inode(a.data) == inode(pb.data),
	    "fs-reuse/link-prev");
	buf_truncate(&a, 0);
	buf_printf(&a, "%s/site/none.html", stage.data);
	result(fs_link_prev(a.data) == -1, "fs-reuse/link-prev-missing");
	fs_reuse_end(&reused, &written);
	result(reused == 2 && written == 2, "fs-reuse/counts");
	fs_rm_rf(dir);
	buf_free(&prev);
	buf_free(&stage);
	buf_free(&a);
	buf_free(&b);
	buf_free(&pa);
	buf_free(&pb);
	buf_free(&data);
}

/* OUT/.cache: a PDF's key and the diagnostics it gave survive a build,
 * tabs and newlines included; another program's manifest is ignored. */
static void
test_bcache(void)
{
	char		 dir[] = "/tmp/mamoru-unit-XXXXXX";
	struct bcache	 c;
	buf		 out = BUF_INIT, pdf = BUF_INIT, dst = BUF_INIT,
			 content = BUF_INIT, man = BUF_INIT;
	size_t		 from;
	enum diag_level	 lv;
	src_pos		 pos;
	const char	*msg;

	if (mkdtemp(dir) == NULL) {
		result(0, "bcache/mkdtemp");
		return;
	}
	buf_printf(&content, "%s/content", dir);
	buf_printf(&pdf, "%s/guides/x.md", content.data);
	fs_write(pdf.data, "# x\n", 4);
	buf_printf(&out, "%s/out", dir);
	bcache_init(&c, content.data);
	result(bcache_file_hash(&c, "guides/x.md") != 0 &&
	    bcache_file_hash(&c, "guides/y.md") == 0, "bcache/snapshot");
	diag_reset();
	from = diag_count();
	diag_warning(src_at("content/guides/x.md", 3, 7), "tab\there\nline \\ end");
	buf_truncate(&pdf, 0);
	buf_printf(&pdf, "%s/print/a.pdf", out.data);
	fs_write(pdf.data, "%PDF", 4);
	bcache_pack_made(&c, "a.pdf", 0x1234, pdf.data, from, diag_count());
	diag_reset();
	result(bcache_write(&c, out.data) == 0, "bcache/write");
	bcache_free(&c);

	bcache_init(&c, NULL);
	bcache_prev(&c, out.data);
	buf_printf(&dst, "%s/stage/print/a.pdf", dir);
	buf_truncate(&pdf, 0);
	buf_printf(&pdf, "%s/stage", dir);
	fs_reuse_begin(pdf.data, out.data);
	result(bcache_pack_reuse(&c, "a.pdf", 0x9999, dst.data) == 0 &&
	    !fs_is_file(dst.data), "bcache/other-key-not-reused");
	result(bcache_pack_reuse(&c, "a.pdf", 0x1234, dst.data) == 1 &&
	    fs_is_file(dst.data), "bcache/same-key-reused");
	result(diag_count() == 1, "bcache/diag-replayed");
	if (diag_count() == 1) {
		diag_get(0, &lv, &pos, &msg);
		result(lv == DIAG_WARNING && pos.line == 3 && pos.col == 7 &&
		    strcmp(pos.path, "content/guides/x.md") == 0 &&
		    strcmp(msg, "tab\there\nline \\ end") == 0,
		    "bcache/diag-round-trip");
	}
	fs_reuse_end(NULL, NULL);
	diag_reset();
	bcache_free(&c);

	/* A previous PDF changed since it was written is not taken. */
	buf_truncate(&pdf, 0);
	buf_printf(&pdf, "%s/print/a.pdf", out.data);
	(void)unlink(pdf.data);		/* a new file, same size */
	fs_write(pdf.data, "%PDX", 4);
	bcache_init(&c, NULL);
	bcache_prev(&c, out.data);
	fs_rm_rf(dst.data);
	buf_truncate(&man, 0);
	buf_printf(&man, "%s/stage", dir);
	fs_reuse_begin(man.data, out.data);
	result(bcache_pack_reuse(&c, "a.pdf", 0x1234, dst.data) == 0 &&
	    !fs_is_file(dst.data), "bcache/changed-pdf-not-reused");
	fs_reuse_end(NULL, NULL);
	bcache_free(&c);

	/* A manifest of another program. */
	buf_truncate(&man, 0);
	buf_printf(&man, "%s/.cache/manifest", out.data);
	fs_write(man.data, "mamoru-cache 1 0000000000000000\npack a.pdf\t"
	    "0000000000001234\n", 48);
	bcache_init(&c, NULL);
	bcache_prev(&c, out.data);
	result(c.prev == NULL, "bcache/other-program-ignored");
	bcache_free(&c);
	fs_rm_rf(dir);
	buf_free(&out);
	buf_free(&pdf);
	buf_free(&dst);
	buf_free(&content);
	buf_free(&man);
}

/* The typesetter measures with HarfBuzz what libharu draws: every BMP
 * character of the four faces must have the width libharu's own
 * HPDF_Font_TextWidth gives it (the oracle). */
static void
hpdf_quiet(HPDF_STATUS e, HPDF_STATUS d, void *ud)
{
	(void)e;
	(void)d;
	(void)ud;
}

static void
test_print_widths(void)
{
	struct pfonts	 pf;
	HPDF_Doc	 doc;
	buf		 ch = BUF_INIT;
	int		 k, bad = 0, checked = 0;
	uint32_t	 cp, first_bad = 0;

	if (pf_open(&pf) == -1) {
		result(0, "print/widths-match-libharu (fonts missing)");
		diag_reset();
		return;
	}
	doc = HPDF_New(hpdf_quiet, NULL);
	HPDF_UseUTFEncodings(doc);
	HPDF_SetCurrentEncoder(doc, "UTF-8");
	for (k = 0; k < TS_NFONTS; k++) {
		const char *name = pf.face[k].index > 0 ?
		    HPDF_LoadTTFontFromFile2(doc, pf.face[k].file,
		    (HPDF_UINT)pf.face[k].index, HPDF_FALSE) :
		    HPDF_LoadTTFontFromFile(doc, pf.face[k].file, HPDF_FALSE);
		HPDF_Font f = name ? HPDF_GetFont(doc, name, "UTF-8") : NULL;

		if (f == NULL) {
			bad++;
			continue;
		}
		for (cp = 0x20; cp <= 0xFFFF; cp++) {
			HPDF_TextWidth tw;

			if (cp >= 0xD800 && cp <= 0xDFFF)
				continue;
			buf_truncate(&ch, 0);
			utf8_put(&ch, cp);
			tw = HPDF_Font_TextWidth(f, (const HPDF_BYTE *)ch.data,
			    (HPDF_UINT)ch.len);
			checked++;
			if ((int)tw.width != pf_width(&pf, k, cp) && bad++ == 0)
				first_bad = cp;
		}
	}
	result(bad == 0 && checked > 4 * 60000,
	    "print/widths-match-libharu");
	if (bad != 0)
		printf("# %d of %d differ, first U+%04X\n", bad, checked,
		    (unsigned)first_bad);
	HPDF_Free(doc);
	pf_close(&pf);
	buf_free(&ch);
}

/* ----- text ------------------------------------------------------------- */

static void
test_text(void)
{
	buf b = BUF_INIT;

	result(text_join_lines(0x5BFE, 0x7B56), "text/join/kanji");		/* 対策 */
	result(text_join_lines(0x3002, 0x3042), "text/join/punct-kana");	/* 。あ */
	result(text_join_lines(0xFF76, 0xFF80), "text/join/halfwidth-kana");
	result(!text_join_lines('a', 'b'), "text/join/latin-keeps-space");
	result(!text_join_lines(0x3002, 'A'), "text/join/wide-narrow-keeps");
	result(!text_join_lines(0xD55C, 0xAD6D), "text/join/hangul-keeps");
	result(!text_join_lines(0x2026, 0x3042), "text/join/ambiguous-keeps");
	text_heading_id(&b, "パスワードの決め方", strlen("パスワードの決め方"));
	expect_str("text/id/japanese", buf_str(&b), "パスワードの決め方");
	buf_truncate(&b, 0);
	text_heading_id(&b, "Step 1: Backup!", 15);
	expect_str("text/id/latin", buf_str(&b), "step-1-backup");
	buf_truncate(&b, 0);
	text_heading_id(&b, "「うちは大丈夫」は本当？",
	    strlen("「うちは大丈夫」は本当？"));
	expect_str("text/id/punctuation-dropped", buf_str(&b),
	    "うちは大丈夫は本当");
	buf_truncate(&b, 0);
	text_heading_id(&b, "１か条ずつ、やさしく", strlen("１か条ずつ、やさしく"));
	expect_str("text/id/fullwidth-digit", buf_str(&b), "１か条ずつやさしく");
	buf_free(&b);
	result(text_is_cjk_punct(0x300C) && text_is_cjk_punct(0x3002) &&
	    text_is_cjk_punct(0xFF01) && !text_is_cjk_punct(0x3042) &&
	    !text_is_cjk_punct('*'), "text/cjk-punct");

	/* Dictionary order of readings: 五十音; voicing only breaks ties
	 * (ぱすわーど before はっきんぐ: す before つ decides first). */
	{
		static const char *const order[] = { "あいえすえむえす",
		    "あくせすせいげん", "いーでぃーあーる", "かいざん",
		    "がめんろっく", "きょうゆうせってい", "さいばーほけん",
		    "たいさく", "だいしゃ", "ぱすわーど", "はっきんぐ",
		    "ぱっち", "ゆーてぃーえむ", "らんさむうぇあ", "わーむ" };
		size_t i;
		int ok = 1;

		for (i = 1; i < sizeof(order) / sizeof(order[0]); i++)
			if (text_collate_ja(order[i - 1], order[i]) >= 0) {
				printf("# %s !< %s\n", order[i - 1], order[i]);
				ok = 0;
			}
		result(ok, "text/collate-ja/gojuon");
		result(text_collate_ja("ぱすわーど", "ぱすわーど") == 0,
		    "text/collate-ja/equal");
	}
	expect_str("text/kana-row/a", text_kana_row("あいぴーえー"), "あ行");
	expect_str("text/kana-row/ga", text_kana_row("がめん"), "か行");
	expect_str("text/kana-row/small-tsu", text_kana_row("っ"), "た行");
	expect_str("text/kana-row/pa", text_kana_row("ぱっち"), "は行");
	expect_str("text/kana-row/ya-small", text_kana_row("ゃ"), "や行");
	expect_str("text/kana-row/n", text_kana_row("ん"), "わ行");
	expect_str("text/kana-row/katakana", text_kana_row("ランサム"), "ら行");
	expect_str("text/kana-row/latin", text_kana_row("utm"), "英数字");
	expect_str("text/kana-row/other", text_kana_row("〜"), "その他");
	text_collate_done();
}

/* ----- load ------------------------------------------------------------- */

static void
test_source(void)
{
	struct source	s;
	buf		d = BUF_INIT;

	source_from_memory(&s, "a.md", "\xEF\xBB\xBF---\ntitle: x\n---\n", 20);
	diag_text(&d);
	result(strstr(buf_str(&d), "a.md:1:1: error: ファイルの先頭に BOM") !=
	    NULL, "source/bom");
	source_free(&s);

	source_from_memory(&s, "b.md", "---\r\ntitle: x\r\n---\r\n", 20);
	diag_text(&d);
	result(strstr(buf_str(&d), "b.md:1:4: error: 改行コードが CRLF") !=
	    NULL && strstr(buf_str(&d), "3 か所") != NULL, "source/crlf");
	result(s.text.len == 17 && strchr(buf_str(&s.text), '\r') == NULL,
	    "source/crlf-normalised");
	source_free(&s);

	source_from_memory(&s, "c.md", "---\ntitle: あ\x82\xa0\n", 16);
	diag_text(&d);
	result(strstr(buf_str(&d), "c.md:2:9: error: UTF-8 として読めないバイト"
	    "（0x82）") != NULL, "source/invalid-utf8-position");
	source_free(&s);

	source_from_memory(&s, "d.md", "# no front matter\n", 18);
	result(source_split_front_matter(&s) == -1, "source/no-front-matter");
	diag_text(&d);
	result(strncmp(buf_str(&d), "d.md:1:1: error: フロントマターがありません",
	    strlen("d.md:1:1: error: フロントマターがありません")) == 0,
	    "source/no-front-matter-message");
	source_free(&s);

	source_from_memory(&s, "e.md", "---\ntitle: x\nbody\n", 18);
	result(source_split_front_matter(&s) == -1, "source/unclosed");
	diag_text(&d);
	result(strstr(buf_str(&d), "閉じられていません") != NULL,
	    "source/unclosed-message");
	source_free(&s);

	source_from_memory(&s, "f.md", "---\ntitle: x\n---\nbody\n", 22);
	result(source_split_front_matter(&s) == 0 && s.fm_line == 2 &&
	    strcmp(s.text.data + s.body_off, "body\n") == 0,
	    "source/split");
	source_free(&s);
	buf_free(&d);
}

struct sample {
	fm_str	name;
	fm_int	count;
	fm_bool	on;
	fm_str	when;
	fm_str	slug;
	fm_str	kind;
	fm_strs	tags;
};

static const char *const kinds[] = { "a", "b", NULL };

static const struct field sample_fields[] = {
	{ "name", F_STRING, F_REQUIRED, offsetof(struct sample, name), NULL,
	    NULL, "名前" },
	{ "count", F_INT, 0, offsetof(struct sample, count), NULL, NULL, "3" },
	{ "on", F_BOOL, 0, offsetof(struct sample, on), NULL, NULL, "true" },
	{ "when", F_DATE, 0, offsetof(struct sample, when), NULL, NULL, NULL },
	{ "slug", F_SLUG, 0, offsetof(struct sample, slug), NULL, NULL, NULL },
	{ "kind", F_ENUM, 0, offsetof(struct sample, kind), kinds, NULL, NULL },
	{ "tags", F_STRINGS, 0, offsetof(struct sample, tags), NULL, NULL,
	    NULL },
};

static const struct schema sample_schema = { "テスト", sample_fields, 7,
    sizeof(struct sample) };

static int
decode(const char *yaml, struct sample *out, buf *d)
{
	struct ydoc	y;
	arena		a = ARENA_INIT;
	int		errs = 0;

	memset(out, 0, sizeof(*out));
	if (ydoc_load(&y, "t.yaml", yaml, strlen(yaml), 1) == 0)
		errs = schema_decode(&a, &y, ydoc_root(&y), &sample_schema, out,
		    src_at("t.yaml", 1, 1));
	else
		errs = 1;
	ydoc_free(&y);
	diag_text(d);
	/* out's strings live in the arena; tests only look at flags. */
	arena_free(&a);
	return errs;
}

static void
test_schema(void)
{
	struct sample	s;
	buf		d = BUF_INIT;

	result(decode("name: x\ncount: 3\non: true\nwhen: 2025-06-01\n"
	    "slug: a-b\nkind: a\ntags: [x, y]\n", &s, &d) == 0 &&
	    s.count.v == 3 && s.on.v == 1 && s.tags.n == 2, "schema/valid");
	decode("name: x\nnmae: y\n", &s, &d);
	expect_str("schema/unknown-key-suggestion", buf_str(&d),
	    "t.yaml:2:1: error: 不明なキー 'nmae' です。'name' の書き間違いでは"
	    "ありませんか\n");
	decode("name: x\ncount: three\n", &s, &d);
	expect_str("schema/int", buf_str(&d), "t.yaml:2:8: error: 'count' には"
	    "整数を書いてください（例: count: 3）\n");
	decode("name: x\non: yes\n", &s, &d);
	expect_str("schema/bool", buf_str(&d), "t.yaml:2:5: error: 'on' には "
	    "true か false を書いてください（'yes' は使えません）\n");
	decode("name: x\nwhen: 2025-02-30\n", &s, &d);
	result(strstr(buf_str(&d), "t.yaml:2:7: error: 'when' の日付 "
	    "'2025-02-30' が正しくありません") != NULL, "schema/date");
	decode("count: 1\n", &s, &d);
	expect_str("schema/required", buf_str(&d), "t.yaml:1:1: error: 必須の"
	    "キー 'name' がありません（テスト）。例: name: 名前\n");
	decode("name: x\nslug: Bad_Slug\n", &s, &d);
	result(strstr(buf_str(&d), "t.yaml:2:7: error: 'slug' には半角の"
	    "英小文字") != NULL, "schema/slug");
	decode("name: x\nkind: c\n", &s, &d);
	expect_str("schema/enum", buf_str(&d), "t.yaml:2:7: error: 'kind' の値 "
	    "'c' は使えません。次のどれかを書いてください: a、b\n");
	decode("name: [a, b]\n", &s, &d);
	result(strstr(buf_str(&d), "t.yaml:1:7: error: 'name' には文字列を") !=
	    NULL, "schema/type-list-for-string");
	decode("name: x\nname: y\n", &s, &d);
	result(strstr(buf_str(&d), "t.yaml:2:1: error: キー 'name' が 2 回"
	    "書かれています（最初は 1 行目）") != NULL, "schema/duplicate-key");
	decode("name: x\ntitle: a: b\n", &s, &d);
	result(strstr(buf_str(&d), "t.yaml:2:9: error: YAML の書き方に誤りが"
	    "あります（mapping values are not allowed in this context）。"
	    "値の中に") != NULL, "schema/yaml-syntax-hint");
	decode("name: x\ntags: パスワード\n", &s, &d);
	result(d.len == 0 && s.tags.n == 1, "schema/scalar-as-one-tag");
	buf_free(&d);
}

/* ----- markdown --------------------------------------------------------- */

static void
render(const char *md, unsigned flags, buf *out, struct mdh_result *res)
{
	line_index		li;
	struct mdh_doc		doc;

	memset(&doc, 0, sizeof(doc));
	line_index_init(&li, md, strlen(md));
	doc.path = "t.md";
	doc.text = md;
	doc.len = strlen(md);
	doc.lines = &li;
	doc.base = 0;
	buf_truncate(out, 0);
	mdh_render(&doc, flags, NULL, NULL, out, res);
	line_index_free(&li);
}

static void
test_markdown(void)
{
	buf			o = BUF_INIT, d = BUF_INIT;
	struct mdh_result	res = { NULL, 0 };
	unsigned		all = MDH_JOIN_LINES | MDH_HEADING_IDS;

	render("パスワードは\n長くしましょう。\n", all, &o, &res);
	expect_str("md/join-japanese", buf_str(&o),
	    "<p>パスワードは長くしましょう。</p>\n");
	render("two\nwords\n", all, &o, &res);
	expect_str("md/keep-latin", buf_str(&o), "<p>two\nwords</p>\n");
	render("**大切**\nです\n", all, &o, &res);
	expect_str("md/join-across-tags", buf_str(&o),
	    "<p><strong>大切</strong>です</p>\n");
	render("使う\nUTM\n", all, &o, &res);
	expect_str("md/keep-japanese-latin", buf_str(&o), "<p>使う\nUTM</p>\n");
	render("行末  \n改行\n", all, &o, &res);
	expect_str("md/hard-break-stays", buf_str(&o), "<p>行末<br>\n改行</p>\n");
	mdh_result_free(&res);
	render("## 対策\n\n## 対策\n\n## Backup {#bk}\n", all, &o, &res);
	expect_str("md/heading-ids", buf_str(&o), "<h2 id=\"対策\">対策</h2>\n"
	    "<h2 id=\"対策-1\">対策</h2>\n<h2 id=\"bk\">Backup</h2>\n");
	result(res.nheadings == 3 && strcmp(res.headings[2].text,
	    "Backup") == 0 && res.headings[2].pos.line == 5,
	    "md/heading-records");
	mdh_result_free(&res);
	render("<script>alert(1)</script>\n\n<b>太字</b>\n", all, &o, &res);
	expect_str("md/raw-html-escaped", buf_str(&o),
	    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
	    "<p>&lt;b&gt;太字&lt;/b&gt;</p>\n");
	render("これは**「重要」**です\n", all | MDH_LINT, &o, &res);
	diag_text(&d);
	result(strncmp(buf_str(&d), "t.md:1:4: warning: 「**」が強調にならず",
	    strlen("t.md:1:4: warning: 「**」が強調にならず")) == 0 &&
	    strstr(buf_str(&d), "t.md:1:10: warning:") != NULL,
	    "md/lint-emphasis-next-to-japanese-punctuation");
	render("「**重要**」です\n", all | MDH_LINT, &o, &res);
	diag_text(&d);
	result(d.len == 0 && strstr(buf_str(&o), "<strong>重要</strong>") !=
	    NULL, "md/lint-silent-when-fine");
	render("\\*\\*「注」\\*\\*\n", all | MDH_LINT, &o, &res);
	diag_text(&d);
	result(d.len == 0, "md/lint-silent-on-escaped");
	mdh_result_free(&res);
	buf_free(&o);
	buf_free(&d);
}

static void
test_relative(void)
{
	buf b = BUF_INIT;

	site_relative(&b, "guides/a/index.html", "guides/b/index.html");
	expect_str("link/relative/sibling", buf_str(&b), "../b/index.html");
	buf_truncate(&b, 0);
	site_relative(&b, "guides/a/index.html", "index.html");
	expect_str("link/relative/up", buf_str(&b), "../../index.html");
	buf_truncate(&b, 0);
	site_relative(&b, "index.html", "guides/a/index.html");
	expect_str("link/relative/down", buf_str(&b), "guides/a/index.html");
	buf_truncate(&b, 0);
	site_relative(&b, "guides/a/index.html", "guides/a/index.html");
	expect_str("link/relative/self", buf_str(&b), "index.html");
	buf_truncate(&b, 0);
	site_relative(&b, "guides/index.html", "");
	expect_str("link/relative/root", buf_str(&b), "../");
	buf_free(&b);
}

int
main(void)
{
	test_utf8();
	test_date();
	test_fs();
	test_fs_reuse();
	test_bcache();
	test_print_widths();
	test_text();
	test_source();
	test_schema();
	test_markdown();
	test_relative();
	/* fontconfig last (print/widths): for the leak checkers. */
	text_font_done();
	print_fini();
	printf("# unit: %d passed, %d failed\n", passes, failures);
	return failures != 0;
}
