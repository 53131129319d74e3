/*
 * fuzz_search.c -- fuzz target: the site search core (generator/search/):
 * normalisation, tokenising and queries.
 *
 * The input is text, taken three ways:
 *
 *  1. normalised through the table (search_normalize): every code point
 *     valid, every source range inside the input; for valid UTF-8 made
 *     only of covered code points the result must equal ICU's
 *     NFKC_Casefold (the table's contract, docs/search.md);
 *  2. tokenised with every combination of flags (search_tokenize and
 *     search_tokens_dump): keys of 1..SEARCH_KEY_MAX bytes of valid UTF-8,
 *     source ranges inside the input;
 *  3. as a query against a fixed index of a few pages and, for one input
 *     in eight, the fixed queries against an index of the input itself as
 *     a page (search_index_build, search_open, search_query,
 *     search_result_dump): hits, snippets and highlights inside their
 *     documents.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../generator/core/buf.h"
#include "../../generator/core/utf8.h"
#include "../../generator/search/search.h"
#include "../../generator/search/search_build.h"
#include "fuzz.h"

static buf			table_bytes = BUF_INIT, fixed_bytes = BUF_INIT;
static struct search_table	table;
static struct search_index	fixed;
static void			*fixed_work;

static const char *const pages[][3] = {
	{ "guides/passwords/index.html", "パスワードの決め方",
	  "パスワードは長く、使い回さないことが大切です。多要素認証"
	  "（二段階認証）もオンにしましょう。Password manager も便利です。" },
	{ "guides/backup/index.html", "バックアップは「取る・分ける・試す」",
	  "ランサムウェアに備えて、バックアップを別の場所に取っておきます。"
	  "ﾊﾞｯｸｱｯﾌﾟ、ＢＡＣＫＵＰ、backup の書き方でも見つかります。" },
	{ "guides/email-phishing/index.html", "あやしいメールに気をつける",
	  "フィッシング詐欺のメールは、本物そっくりのページへ誘います。"
	  "添付ファイルを開く前に、ひと呼吸おきましょう。" },
	{ "calculators/shindan/index.html", "5分でできる！自社診断",
	  "25の質問に答えると、情報セキュリティ対策の点数がわかります。" },
	{ "glossary/index.html", "用語集",
	  "マルウェア、ウイルス、ＵＳＢメモリ、Ｗｉ－Ｆｉ、ｅｍｏｔｅｔ。" },
};

static const char *const queries[] = {
	"パスワード", "ばっくあっぷ", "ランサム ウェア", "ﾒｰﾙ", "backup",
	"PASS", "診断 点数", "あ", "Ｗｉ",
};

static void
fail(const char *what, const uint8_t *data, size_t size)
{
	fprintf(stderr, "fuzz_search: %s\n--- input (%zu bytes)\n%.*s\n", what,
	    size, (int)size, (const char *)data);
	abort();
}

static void *
work_for(const struct search_index *ix)
{
	void *w = aligned_alloc(8, (search_work_size(ix) + 7) & ~(size_t)7);

	if (w == NULL)
		abort();
	return w;
}

static void
init(void)
{
	struct search_doc	docs[sizeof(pages) / sizeof(pages[0])];
	size_t			i;

	if (search_table_build(&table_bytes) == -1 ||
	    search_table_open(&table, table_bytes.data,
	    (uint32_t)table_bytes.len) != 0)
		exit(2);
	memset(docs, 0, sizeof(docs));
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		docs[i].url = pages[i][0];
		docs[i].url_len = strlen(pages[i][0]);
		docs[i].title = pages[i][1];
		docs[i].title_len = strlen(pages[i][1]);
		docs[i].text = pages[i][2];
		docs[i].text_len = strlen(pages[i][2]);
	}
	if (search_index_build(docs, i, &table, &fixed_bytes) == -1 ||
	    search_open(&fixed, fixed_bytes.data,
	    (uint32_t)fixed_bytes.len) != 0)
		exit(2);
	fixed_work = work_for(&fixed);
}

/* ----- normalisation ------------------------------------------------------ */

struct norm_state {
	const uint8_t	*data;
	size_t		 size;
	buf		 out;
};

static int
put_cp(uint32_t cp, uint32_t start, uint32_t end, void *vctx)
{
	struct norm_state *st = vctx;

	/* Ranges need not be in order: combining marks are reordered. */
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || start >= end ||
	    end > st->size)
		fail("normalised code point or its range", st->data, st->size);
	utf8_put(&st->out, cp);
	return 0;
}

static int
covered(const char *s, size_t n)
{
	size_t		i = 0, r;
	uint32_t	cp;

	if (utf8_invalid_at(s, n) != (size_t)-1)
		return 0;
	while (i < n) {
		cp = utf8_next(s, n, &i);
		for (r = 0; r < search_ncoverage; r++)
			if (cp >= search_coverage[r][0] &&
			    cp <= search_coverage[r][1])
				break;
		if (r == search_ncoverage)
			return 0;
	}
	return 1;
}

static void
normalise(const uint8_t *data, size_t size)
{
	struct norm_state	st;
	buf			icu = BUF_INIT;

	memset(&st, 0, sizeof(st));
	st.data = data;
	st.size = size;
	(void)search_normalize(&table, (const char *)data, (uint32_t)size,
	    put_cp, &st);
	if (covered((const char *)data, size) &&
	    search_icu_nfkc_cf((const char *)data, size, &icu) == 0 &&
	    (icu.len != st.out.len || memcmp(buf_str(&icu), buf_str(&st.out),
	    icu.len) != 0)) {
		fprintf(stderr, "--- ICU\n%s\n--- table\n%s\n", buf_str(&icu),
		    buf_str(&st.out));
		fail("normalisation differs from ICU", data, size);
	}
	buf_free(&icu);
	buf_free(&st.out);
}

/* ----- tokens --------------------------------------------------------------- */

struct token_state {
	const uint8_t	*data;
	size_t		 size;
	unsigned	 count;
};

static int
put_token(const struct search_token *t, void *vctx)
{
	struct token_state *st = vctx;

	if (t->len < 1 || t->len > SEARCH_KEY_MAX ||
	    t->kind < SEARCH_TOKEN_WORD || t->kind > SEARCH_TOKEN_FINAL ||
	    t->start >= t->end || t->end > st->size ||
	    t->first_end < t->start || t->first_end > t->end ||
	    utf8_invalid_at(t->key, t->len) != (size_t)-1)
		fail("token", st->data, st->size);
	st->count++;
	return 0;
}

static void
tokenise(const uint8_t *data, size_t size)
{
	static char		dump[8192];
	struct token_state	st;
	uint32_t		flags;
	int32_t			n;

	for (flags = 0; flags < 8; flags++) {
		memset(&st, 0, sizeof(st));
		st.data = data;
		st.size = size;
		(void)search_tokenize(&table, (const char *)data, (uint32_t)size,
		    flags, put_token, &st);
		n = search_tokens_dump(&table, (const char *)data,
		    (uint32_t)size, flags, dump, flags & 1 ? 64 : sizeof(dump));
		if (n != SEARCH_E_SPACE && (n < 0 || (uint32_t)n >
		    (flags & 1 ? 64 : sizeof(dump))))
			fail("token dump length", data, size);
	}
}

/* ----- queries -------------------------------------------------------------- */

static void
check_hits(const struct search_index *ix, const struct search_result *res,
    const struct search_hit *hits, uint32_t k, const uint8_t *data,
    size_t size)
{
	static char		dump[16384];
	struct search_docref	d;
	uint32_t		i, m;

	if (res->nhits > k || res->nhits > res->total ||
	    res->matched > res->nterms || res->nterms > SEARCH_MAX_TERMS)
		fail("result counts", data, size);
	for (i = 0; i < res->nhits; i++) {
		const struct search_hit *h = &hits[i];

		if (search_doc_get(ix, h->doc, &d) != 0 ||
		    h->snippet_start > h->snippet_end ||
		    h->snippet_end > d.text_len ||
		    h->nmarks > SEARCH_MAX_MARKS ||
		    h->ntitle_marks > SEARCH_MAX_TITLE_MARKS)
			fail("hit", data, size);
		for (m = 0; m < h->nmarks; m++)
			if (h->marks[m][0] >= h->marks[m][1] ||
			    h->marks[m][0] < h->snippet_start ||
			    h->marks[m][1] > h->snippet_end)
				fail("highlight", data, size);
		for (m = 0; m < h->ntitle_marks; m++)
			if (h->title_marks[m][0] >= h->title_marks[m][1] ||
			    h->title_marks[m][1] > d.title_len)
				fail("title highlight", data, size);
	}
	(void)search_result_dump(res, hits, dump, sizeof(dump));
}

static void
query(const struct search_index *ix, void *work, const char *q, size_t n,
    uint32_t flags, const uint8_t *data, size_t size)
{
	struct search_result	res;
	struct search_hit	hits[10];
	int32_t			rc;

	rc = search_query(ix, q, (uint32_t)n, flags, &res, hits, 10, work,
	    search_work_size(ix));
	if (rc != SEARCH_OK)
		fail("query refused", data, size);
	check_hits(ix, &res, hits, 10, data, size);
}

static uint32_t
fnv(const uint8_t *s, size_t n)
{
	uint32_t h = 2166136261u;

	while (n-- > 0)
		h = (h ^ *s++) * 16777619u;
	return h;
}

static void
search(const uint8_t *data, size_t size)
{
	struct search_doc	doc;
	struct search_index	ix;
	buf			idx = BUF_INIT;
	void			*work;
	size_t			i, half = size / 2;

	query(&fixed, fixed_work, (const char *)data, size, 0, data, size);
	query(&fixed, fixed_work, (const char *)data, size, SEARCH_PREFIX,
	    data, size);
	/* Building an index costs a pass over every code point's counter
	 * (about 1 ms, 20 under the sanitizers) whatever its size: only one
	 * input in eight, picked by its bytes, is indexed itself. */
	if (fnv(data, size) % 8 != 0)
		return;
	/* The input as a page: its first half the title, all of it the
	 * text. */
	memset(&doc, 0, sizeof(doc));
	doc.url = "fuzz/index.html";
	doc.url_len = 15;
	doc.title = (const char *)data;
	doc.title_len = half;
	doc.text = (const char *)data;
	doc.text_len = size;
	if (search_index_build(&doc, 1, &table, &idx) == -1)
		fail("index of the input refused", data, size);
	if (search_open(&ix, idx.data, (uint32_t)idx.len) != 0)
		fail("index of the input does not open", data, size);
	work = work_for(&ix);
	for (i = 0; i < sizeof(queries) / sizeof(queries[0]); i++)
		query(&ix, work, queries[i], strlen(queries[i]),
		    i % 2 ? SEARCH_PREFIX : 0, data, size);
	/* The input's own second half finds it. */
	query(&ix, work, (const char *)data + half, size - half, 0, data,
	    size);
	free(work);
	buf_free(&idx);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (table_bytes.len == 0)
		init();
	if (size > 65536)
		return 0;	/* keeps a run to the sizes of real queries */
	normalise(data, size);
	tokenise(data, size);
	search(data, size);
	return 0;
}
