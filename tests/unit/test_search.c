/*
 * test_search.c -- the search core (generator/search/) natively, and the
 * data that tests/search/wasm.mjs replays against the WebAssembly build.
 *
 *   test_search                  unit tests (run from the repository root:
 *                                they read the tests/search/ .txt files)
 *   test_search --vectors DIR    also write DIR/tokens.jsonl,
 *                                DIR/queries.jsonl and the indexes they use
 *   test_search --bench N DIR    build an index of N synthetic pages into
 *                                DIR/bench.idx, with DIR/bench-queries.txt,
 *                                and time the native side
 *
 * Output: "ok - search/<case>" or "not ok - ..." with "# " details, and
 * "# search: N passed, M failed" at the end.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../generator/core/buf.h"
#include "../../generator/core/utf8.h"
#include "../../generator/search/search.h"
#include "../../generator/search/search_build.h"
#include "../search/corpus.h"

#define TAP_SUITE "search"
#include "tap.h"

static buf			 table_bytes = BUF_INIT;
static struct search_table	 table;

/* ----- normalisation ----------------------------------------------------- */

static int
put_cp(uint32_t cp, uint32_t start, uint32_t end, void *ctx)
{
	(void)start;
	(void)end;
	utf8_put(ctx, cp);
	return 0;
}

static void
table_norm(const char *s, size_t n, buf *out)
{
	buf_truncate(out, 0);
	search_normalize(&table, s, (uint32_t)n, put_cp, out);
}

static void
show(buf *b, const char *s, size_t n)
{
	size_t		i = 0;
	uint32_t	cp;

	buf_truncate(b, 0);
	while (i < n) {
		cp = utf8_next(s, n, &i);
		buf_printf(b, "%sU+%04X", b->len ? " " : "", (unsigned)cp);
	}
}

static void
test_table(void)
{
	buf	b = BUF_INIT;
	int32_t	rc;

	rc = search_table_build(&table_bytes) == 0 ?
	    search_table_open(&table, table_bytes.data,
	    (uint32_t)table_bytes.len) : -100;
	result(rc == 0, "table-build", "rc %d", rc);
	if (rc != 0)
		exit(1);
	printf("# table: %zu bytes: %u replacements, %u pooled code points, "
	    "%u combining classes, %u composition pairs; Unicode %u.%u\n",
	    table_bytes.len, table.nmap, table.npool, table.nccc,
	    table.npairs, table.unicode >> 16, (table.unicode >> 8) & 0xFF);
	buf_append(&b, table_bytes.data, table_bytes.len);
	b.data[0] ^= 1;
	result(search_table_open(&table, b.data, (uint32_t)b.len) ==
	    SEARCH_E_MAGIC, "table-bad-magic", NULL);
	b.data[0] ^= 1;
	result(search_table_open(&table, b.data, (uint32_t)b.len - 4) ==
	    SEARCH_E_SHORT, "table-short", NULL);
	result(search_table_open(&table, b.data + 1, 64) == SEARCH_E_ARG,
	    "table-misaligned", NULL);
	buf_free(&b);
	search_table_open(&table, table_bytes.data, (uint32_t)table_bytes.len);
}

/* Every covered code point alone: the table gives what ICU gives. */
static void
test_exhaustive(void)
{
	buf		 in = BUF_INIT, mine = BUF_INIT, icu = BUF_INIT, s1 = BUF_INIT,
			 s2 = BUF_INIT;
	size_t		 r, count, bad;
	uint32_t	 cp, first_bad = 0;
	char		 name[64];

	for (r = 0; r < search_ncoverage; r++) {
		count = bad = 0;
		for (cp = search_coverage[r][0]; cp <= search_coverage[r][1];
		    cp++) {
			if (cp >= 0xD800 && cp <= 0xDFFF)
				continue;
			buf_truncate(&in, 0);
			utf8_put(&in, cp);
			table_norm(in.data, in.len, &mine);
			buf_truncate(&icu, 0);
			search_icu_nfkc_cf(in.data, in.len, &icu);
			count++;
			if (mine.len != icu.len ||
			    memcmp(buf_str(&mine), buf_str(&icu), icu.len) != 0) {
				if (bad++ == 0)
					first_bad = cp;
			}
		}
		snprintf(name, sizeof(name), "nfkc-cf/U+%04X..U+%04X",
		    (unsigned)search_coverage[r][0],
		    (unsigned)search_coverage[r][1]);
		if (bad > 0) {
			buf_truncate(&in, 0);
			utf8_put(&in, first_bad);
			table_norm(in.data, in.len, &mine);
			buf_truncate(&icu, 0);
			search_icu_nfkc_cf(in.data, in.len, &icu);
			show(&s1, mine.data, mine.len);
			show(&s2, icu.data, icu.len);
		}
		result(bad == 0, name, "%zu of %zu differ; first U+%04X: table "
		    "[%s], ICU [%s]", bad, count, (unsigned)first_bad,
		    buf_str(&s1), buf_str(&s2));
	}
	buf_free(&in);
	buf_free(&mine);
	buf_free(&icu);
	buf_free(&s1);
	buf_free(&s2);
}

/* A random covered code point, most often from where composition and
 * reordering happen: marks, kana, half-width kana, Latin, Hangul jamo. */
static uint32_t
covered_cp(uint64_t *st)
{
	static const uint32_t pools[][2] = {
		{ 0x0300, 0x036F }, { 0x3099, 0x309C }, { 0xFF9E, 0xFF9F },
		{ 0x3041, 0x30FF }, { 0xFF61, 0xFF9D }, { 0x0041, 0x007A },
		{ 0x00C0, 0x024F }, { 0x1E00, 0x1EFF }, { 0x0370, 0x03FF },
		{ 0x0400, 0x04FF }, { 0x3130, 0x318F }, { 0xFFA0, 0xFFDC },
		{ 0xAC00, 0xD7A3 }, { 0x2000, 0x206F }, { 0x3200, 0x33FF },
	};
	size_t		r = rnd_below(st, 20), k;
	uint32_t	cp;

	if (r < sizeof(pools) / sizeof(pools[0]))
		return pools[r][0] + (uint32_t)rnd_below(st, pools[r][1] -
		    pools[r][0] + 1);
	do {
		k = rnd_below(st, search_ncoverage);
		cp = search_coverage[k][0] + (uint32_t)rnd_below(st,
		    search_coverage[k][1] - search_coverage[k][0] + 1);
	} while (cp >= 0xD800 && cp <= 0xDFFF);
	return cp;
}

/* Strings of covered code points: the table gives what ICU gives. */
static void
test_random_strings(void)
{
	buf		 in = BUF_INIT, mine = BUF_INIT, icu = BUF_INIT, s1 = BUF_INIT,
			 s2 = BUF_INIT, s0 = BUF_INIT;
	uint64_t	 st = 12345;
	size_t		 i, k, len, bad = 0, total = 200000;

	for (i = 0; i < total; i++) {
		buf_truncate(&in, 0);
		for (k = 0, len = 1 + rnd_below(&st, 10); k < len; k++)
			utf8_put(&in, covered_cp(&st));
		table_norm(in.data, in.len, &mine);
		buf_truncate(&icu, 0);
		search_icu_nfkc_cf(in.data, in.len, &icu);
		if (mine.len == icu.len &&
		    memcmp(buf_str(&mine), buf_str(&icu), icu.len) == 0)
			continue;
		if (bad++ == 0) {
			show(&s0, in.data, in.len);
			show(&s1, mine.data, mine.len);
			show(&s2, icu.data, icu.len);
		}
	}
	result(bad == 0, "nfkc-cf/random-strings", "%zu of %zu differ; first "
	    "[%s]: table [%s], ICU [%s]", bad, total, buf_str(&s0),
	    buf_str(&s1), buf_str(&s2));
	buf_free(&in);
	buf_free(&mine);
	buf_free(&icu);
	buf_free(&s0);
	buf_free(&s1);
	buf_free(&s2);
}

/* ----- tokens --------------------------------------------------------------- */

static int
put_key(const struct search_token *tok, void *ctx)
{
	buf *b = ctx;

	if (b->len > 0)
		buf_putc(b, ' ');
	buf_append(b, tok->key, tok->len);
	return 0;
}

/* tests/search/tokens.txt: MODE, INPUT, EXPECTED keys. */
static void
test_token_cases(const char *path)
{
	buf		 file = BUF_INIT, got = BUF_INIT, name = BUF_INIT;
	char		*line, *save = NULL, *in, *want;
	uint32_t	 flags;
	int		 cases = 0;

	if (read_file(path, &file) == -1) {
		result(0, "tokens-file", "cannot read %s", path);
		return;
	}
	for (line = strtok_r(file.data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#' || (in = strchr(line, '\t')) == NULL)
			continue;
		*in++ = '\0';
		if ((want = strchr(in, '\t')) == NULL)
			continue;
		*want++ = '\0';
		flags = strcmp(line, "i") == 0 ? SEARCH_INDEX_MODE :
		    strcmp(line, "Q") == 0 ? SEARCH_NO_KANA_FOLD : 0;
		buf_truncate(&got, 0);
		search_tokenize(&table, in, (uint32_t)strlen(in), flags,
		    put_key, &got);
		buf_truncate(&name, 0);
		buf_printf(&name, "tokens/%s/%s", line, in);
		result(strcmp(buf_str(&got), want) == 0, name.data,
		    "got [%s], want [%s]", buf_str(&got), want);
		cases++;
	}
	result(cases >= 40, "tokens-count", "only %d cases", cases);
	buf_free(&file);
	buf_free(&got);
	buf_free(&name);
}

static int
put_dump(const struct search_token *tok, void *ctx)
{
	buf_printf(ctx, "%u:%u-%u/%u:%.*s ", tok->kind, tok->start, tok->end,
	    tok->first_end, (int)tok->len, tok->key);
	return 0;
}

/* Source offsets: where each token came from, through width changes,
 * expansion (㍿) and composition (ｶﾞ). */
static void
test_token_spans(void)
{
	static const struct { const char *in, *want; uint32_t flags; } c[] = {
		{ "ＵＴＭ導入", "1:0-9/9:utm 2:9-15/12:導入 ", 0 },
		{ "ｶﾞｽ", "2:0-9/6:ガス ", 0 },
		{ "㍿", "2:0-3/3:株式 2:0-3/3:式会 2:0-3/3:会社 ", 0 },
		{ "a 金", "1:0-1/1:a 3:2-5/5:金 ", 0 },
		{ "金庫", "2:0-6/3:金庫 4:3-6/6:庫 ", SEARCH_INDEX_MODE },
		{ "ｱﾝﾁｳｲﾙｽソフトを", "2:0-6/3:アン 2:3-9/6:ンチ 2:6-12/9:チウ "
		    "2:9-15/12:ウイ 2:12-18/15:イル 2:15-21/18:ルス 2:18-24/21:スソ "
		    "2:21-27/24:ソフ 2:24-30/27:フト 2:27-33/30:トヲ ", 0 },
	};
	buf	got = BUF_INIT;
	char	name[80];
	size_t	i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		buf_truncate(&got, 0);
		search_tokenize(&table, c[i].in, (uint32_t)strlen(c[i].in),
		    c[i].flags, put_dump, &got);
		snprintf(name, sizeof(name), "spans/%s", c[i].in);
		result(strcmp(buf_str(&got), c[i].want) == 0, name,
		    "got [%s], want [%s]", buf_str(&got), c[i].want);
	}
	/* Keys are cut at SEARCH_KEY_MAX bytes, at a character. */
	buf_truncate(&got, 0);
	search_tokenize(&table, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaa", 73, 0, put_dump, &got);
	result(strstr(buf_str(&got), "1:0-73/73:") != NULL &&
	    got.len == strlen("1:0-73/73: ") + SEARCH_KEY_MAX, "long-word",
	    "got [%s]", buf_str(&got));
	/* Malformed UTF-8: one U+FFFD (a separator) per bad byte. */
	buf_truncate(&got, 0);
	search_tokenize(&table, "ab\xff\xe3\x81" "cd", 7, 0, put_dump, &got);
	result(strcmp(buf_str(&got), "1:0-2/2:ab 1:5-7/7:cd ") == 0,
	    "invalid-utf8", "got [%s]", buf_str(&got));
	buf_free(&got);
}

/* ----- the index ------------------------------------------------------------ */

static void *
work_for(const struct search_index *ix)
{
	return aligned_alloc(8, (search_work_size(ix) + 7) & ~(size_t)7);
}

/* The text of hit range [a, b) of doc's text (or title). */
static int
range_is(const char *s, uint32_t a, uint32_t b, const char *want)
{
	return b - a == strlen(want) && memcmp(s + a, want, b - a) == 0;
}

/* tests/search/queries.txt over the pages of tests/search/fixtures.txt. */
static void
run_query_cases(const struct search_index *ix, void *work, const char *path)
{
	buf			 file = BUF_INIT, name = BUF_INIT;
	char			*line, *save = NULL, *want, *total;
	struct search_result	 res;
	struct search_hit	 hits[10];
	struct search_docref	 d;
	uint32_t		 flags;
	int32_t			 rc;
	int			 ok;

	if (read_file(path, &file) == -1) {
		result(0, "queries-file", "cannot read %s", path);
		return;
	}
	for (line = strtok_r(file.data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#' || (want = strchr(line, '\t')) == NULL)
			continue;
		*want++ = '\0';
		if ((total = strchr(want, '\t')) != NULL)
			*total++ = '\0';
		flags = 0;
		if (strncmp(line, "prefix:", 7) == 0) {
			flags = SEARCH_PREFIX;
			line += 7;
		}
		rc = search_query(ix, line, (uint32_t)strlen(line), flags, &res,
		    hits, 10, work, search_work_size(ix));
		ok = rc == 0;
		if (ok && strcmp(want, "none") == 0)
			ok = res.nhits == 0;
		else if (ok)
			ok = res.nhits > 0 && search_doc_get(ix, hits[0].doc,
			    &d) == 0 && d.url_len == strlen(want) &&
			    memcmp(d.url, want, d.url_len) == 0 &&
			    res.matched == res.nterms;
		if (ok && total != NULL)
			ok = res.total == strtoul(total, NULL, 10);
		if (!ok && res.nhits > 0)
			search_doc_get(ix, hits[0].doc, &d);
		buf_truncate(&name, 0);
		buf_printf(&name, "rank/%s%s", flags ? "prefix:" : "", line);
		result(ok, name.data, "rc %d, total %u, terms %u matched %u, "
		    "first %.*s", rc, res.total, res.nterms, res.matched,
		    res.nhits > 0 ? (int)d.url_len : 4,
		    res.nhits > 0 ? d.url : "none");
	}
	buf_free(&file);
	buf_free(&name);
}

/* What the hits say to highlight, and the API's errors. */
static void
test_hits(const struct search_index *ix, void *work)
{
	static const struct { const char *q, *mark, *title; uint32_t flags; }
	    c[] = {
		{ "ﾗﾝｻﾑｳｪｱ", "ランサムウェア", "ランサムウェア", 0 },
		{ "らんさむうぇあ", "ランサムウェア", "ランサムウェア", 0 },
		{ "鍵", "鍵", NULL, 0 },
		{ "⾦融", "金融", "金融", 0 },
		{ "passw", "password", NULL, SEARCH_PREFIX },
		{ "ｕｔｍ", "UTM", "UTM", 0 },
	};
	struct search_result	res, res2;
	struct search_hit	hits[3], hits2[3];
	struct search_docref	d;
	uint32_t		ws = search_work_size(ix), i;
	char			name[80], d1[1024] = "", d2[1024] = "";
	int			ok;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		ok = search_query(ix, c[i].q, (uint32_t)strlen(c[i].q),
		    c[i].flags, &res, hits, 3, work, ws) == 0 && res.nhits > 0 &&
		    search_doc_get(ix, hits[0].doc, &d) == 0;
		ok = ok && hits[0].nmarks > 0 && range_is(d.text,
		    hits[0].marks[0][0], hits[0].marks[0][1], c[i].mark);
		ok = ok && hits[0].snippet_start <= hits[0].marks[0][0] &&
		    hits[0].marks[hits[0].nmarks - 1][1] <= hits[0].snippet_end &&
		    hits[0].snippet_end <= d.text_len;
		if (c[i].title != NULL)
			ok = ok && hits[0].ntitle_marks > 0 && range_is(d.title,
			    hits[0].title_marks[0][0], hits[0].title_marks[0][1],
			    c[i].title);
		snprintf(name, sizeof(name), "marks/%s", c[i].q);
		result(ok, name, "first mark %u-%u, snippet %u-%u",
		    hits[0].nmarks ? hits[0].marks[0][0] : 0,
		    hits[0].nmarks ? hits[0].marks[0][1] : 0,
		    hits[0].snippet_start, hits[0].snippet_end);
	}
	/* The same query twice ranks the same. */
	search_query(ix, "パスワード", 15, 0, &res, hits, 3, work, ws);
	search_result_dump(&res, hits, d1, sizeof(d1));
	search_query(ix, "パスワード", 15, 0, &res2, hits2, 3, work, ws);
	search_result_dump(&res2, hits2, d2, sizeof(d2));
	result(res.nhits >= 2 && strcmp(d1, d2) == 0, "deterministic",
	    "%s / %s", d1, d2);
	/* k = 0 counts without hits. */
	result(search_query(ix, "パスワード", 15, 0, &res2, NULL, 0, work, ws) ==
	    0 && res2.total == res.total && res2.nhits == 0, "k-zero", NULL);
	result(search_query(ix, "", 0, 0, &res2, hits, 3, work, ws) == 0 &&
	    res2.total == 0 && res2.nterms == 0, "empty-query", NULL);
	result(search_query(ix, "a", 1, 0, &res2, hits, SEARCH_MAX_HITS + 1,
	    work, ws) == SEARCH_E_ARG, "k-too-large", NULL);
	result(search_query(ix, "a", 1, 0, &res2, hits, 3, work, ws - 8) ==
	    SEARCH_E_WORK, "work-too-small", NULL);
	result(search_query(ix, "a", 1, 0, &res2, hits, 3, (char *)work + 4,
	    ws) == SEARCH_E_WORK, "work-misaligned", NULL);
	result(search_doc_get(ix, ix->ndocs, &d) == SEARCH_E_ARG,
	    "doc-out-of-range", NULL);
}

static void
test_index(const char *fixtures, const char *queries)
{
	struct pages		 p;
	struct search_index	 ix;
	buf			 file = BUF_INIT, idx = BUF_INIT, bad = BUF_INIT;
	size_t			 i, text = 0;
	void			*work;
	int32_t			 rc;

	memset(&p, 0, sizeof(p));
	if (read_file(fixtures, &file) == -1) {
		result(0, "fixtures-file", "cannot read %s", fixtures);
		return;
	}
	pages_from_fixture(file.data, &p);
	for (i = 0; i < p.n; i++)
		text += p.docs[i].text_len;
	rc = search_index_build(p.docs, p.n, &table, &idx);
	if (rc == 0)
		rc = search_open(&ix, idx.data, (uint32_t)idx.len);
	result(rc == 0 && ix.ndocs == p.n && p.n >= 9, "index-build",
	    "rc %d, %zu pages", rc, p.n);
	if (rc != 0)
		goto done;
	printf("# fixtures: %zu pages, %zu bytes of text; index %zu bytes "
	    "(table %u), %u terms\n", p.n, text, idx.len, ix.table.size,
	    ix.nterms);
	work = work_for(&ix);
	run_query_cases(&ix, work, queries);
	test_hits(&ix, work);
	free(work);
	/* A damaged index is refused. */
	buf_append(&bad, idx.data, idx.len);
	result(search_open(&ix, bad.data, (uint32_t)bad.len - 1) ==
	    SEARCH_E_FORMAT, "index-short", NULL);
	bad.data[4] = 9;
	result(search_open(&ix, bad.data, (uint32_t)bad.len) == SEARCH_E_MAGIC,
	    "index-version", NULL);
	bad.data[4] = SEARCH_INDEX_VERSION;
	memset(bad.data + 40, 0xFF, 4);		/* dictionary offset */
	result(search_open(&ix, bad.data, (uint32_t)bad.len) ==
	    SEARCH_E_FORMAT, "index-bad-offset", NULL);
	/* Damage anywhere is refused or harmless (run under ASan). */
	{
		uint64_t	st = 4242;
		uint32_t	opened = 0, k, j;
		void		*w;
		struct search_result res;
		struct search_hit hits[5];
		static const char *const qs[] = { "ランサムウェア", "鍵", "pass" };

		for (k = 0; k < 3000; k++) {
			memcpy(bad.data, idx.data, idx.len);
			for (j = 0; j < 1 + k % 4; j++)
				bad.data[rnd_below(&st, idx.len)] =
				    (char)rnd_below(&st, 256);
			if (search_open(&ix, bad.data, (uint32_t)bad.len) != 0)
				continue;
			opened++;
			w = work_for(&ix);
			for (j = 0; j < 3; j++)
				search_query(&ix, qs[j], (uint32_t)strlen(qs[j]),
				    SEARCH_PREFIX, &res, hits, 5, w,
				    search_work_size(&ix));
			free(w);
		}
		result(1, "index-damaged", NULL);
		printf("# %u of 3000 damaged indexes opened and were "
		    "queried\n", opened);
	}
	/* No pages at all is a valid, empty index. */
	buf_truncate(&idx, 0);
	rc = search_index_build(NULL, 0, &table, &idx);
	result(rc == 0 && search_open(&ix, idx.data, (uint32_t)idx.len) == 0 &&
	    ix.ndocs == 0 && ix.nterms == 0, "index-empty", NULL);
done:
	pages_free(&p);
	buf_free(&file);
	buf_free(&idx);
	buf_free(&bad);
}

#include "../search/vectors.h"

int
main(int argc, char **argv)
{
	test_table();
	if (argc >= 4 && strcmp(argv[1], "--bench") == 0)
		return bench((size_t)strtoul(argv[2], NULL, 10), argv[3]);
	test_exhaustive();
	test_random_strings();
	test_token_cases("tests/search/tokens.txt");
	test_token_spans();
	test_index("tests/search/fixtures.txt", "tests/search/queries.txt");
	if (argc >= 3 && strcmp(argv[1], "--vectors") == 0)
		write_vectors(argv[2]);
	buf_free(&table_bytes);
	printf("# search: %d passed, %d failed\n", passes, failures);
	return failures ? 1 : 0;
}
