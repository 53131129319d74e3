/*
 * vectors.h -- the parts of tests/unit/test_search.c that write data for
 * node: the token and query vectors that tests/search/wasm.mjs replays
 * against search.wasm, and the synthetic index of tests/search/bench.sh.
 * Included once, by test_search.c, after its helpers.
 */
#ifndef MAMORU_TEST_VECTORS_H
#define MAMORU_TEST_VECTORS_H

#include <time.h>

static void
put_hex(FILE *f, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(f, "%02x", (unsigned char)s[i]);
}

static int
write_file(const char *dir, const char *name, const buf *b)
{
	buf	 path = BUF_INIT;
	FILE	*f;
	int	 rc = -1;

	buf_printf(&path, "%s/%s", dir, name);
	if ((f = fopen(path.data, "wb")) != NULL) {
		rc = fwrite(b->data, 1, b->len, f) == b->len ? 0 : -1;
		if (fclose(f) != 0)
			rc = -1;
	}
	buf_free(&path);
	return rc;
}

/* The sentences of content/ (the repository's own pages). */
static void
content_sentences(struct sentences *ss)
{
	sentences_from_dir(ss, "content/guides");
	sentences_from_dir(ss, "content/calculators");
	sentences_from_dir(ss, "content");
}

/* A piece of 1..max characters of a random sentence. */
static size_t
random_piece(uint64_t *st, const struct sentences *ss, size_t max,
    const char **from)
{
	const char	*s = ss->s[rnd_below(st, ss->n)];
	size_t		 chars = 0, i, skip;

	for (i = 0; s[i] != '\0'; i++)
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	skip = rnd_below(st, chars);
	s += prefix_chars(s, skip);
	*from = s;
	return prefix_chars(s, 1 + rnd_below(st, max));
}

static void
token_vector(FILE *f, const char *s, size_t n, uint32_t flags, char *out,
    uint32_t cap, size_t *count)
{
	int32_t len = search_tokens_dump(&table, s, (uint32_t)n, flags, out,
	    cap);

	if (len < 0)
		return;
	fprintf(f, "{\"in\":\"");
	put_hex(f, s, n);
	fprintf(f, "\",\"flags\":%u,\"out\":\"", flags);
	put_hex(f, out, (size_t)len);
	fprintf(f, "\"}\n");
	(*count)++;
}

static void
query_vector(FILE *f, const char *index, const struct search_index *ix,
    void *work, const char *q, size_t n, uint32_t flags, uint32_t k,
    size_t *count)
{
	struct search_result	res;
	struct search_hit	hits[SEARCH_MAX_HITS];
	static char		out[65536];
	int32_t			len;

	if (search_query(ix, q, (uint32_t)n, flags, &res, hits, k, work,
	    search_work_size(ix)) != 0 ||
	    (len = search_result_dump(&res, hits, out, sizeof(out))) < 0)
		return;
	fprintf(f, "{\"index\":\"%s\",\"q\":\"", index);
	put_hex(f, q, n);
	fprintf(f, "\",\"flags\":%u,\"k\":%u,\"out\":\"", flags, k);
	put_hex(f, out, (size_t)len);
	fprintf(f, "\"}\n");
	(*count)++;
}

/* Every line of a file, as a string for the vectors. */
static void
file_lines(const char *path, struct sentences *ss)
{
	buf		 b = BUF_INIT;
	const char	*s, *e;

	if (read_file(path, &b) == -1)
		return;
	for (s = buf_str(&b); *s != '\0'; s = e + 1) {
		if ((e = strchr(s, '\n')) == NULL)
			e = s + strlen(s);
		if (e > s)
			sentences_push(ss, s, (size_t)(e - s));
		if (*e == '\0')
			break;
	}
	buf_free(&b);
}

static void
write_vectors(const char *dir)
{
	struct sentences	 ss, lines;
	struct pages		 fx, syn;
	struct search_index	 ix_fx, ix_syn;
	buf			 b = BUF_INIT, idx_fx = BUF_INIT,
				 idx_syn = BUF_INIT, path = BUF_INIT;
	FILE			*f;
	static char		 out[1 << 20];
	static const uint32_t	 seps[12] = { ' ', '-', '/', 'a', 'b', '1',
	    0x3000, 0x3001, 0x3002, 0x300C, 0x300D, 0x30FC };
	uint64_t		 st = 777;
	size_t			 i, k, n, ntok = 0, nq = 0;
	const char		*s;
	void			*w_fx, *w_syn;

	memset(&ss, 0, sizeof(ss));
	memset(&lines, 0, sizeof(lines));
	memset(&fx, 0, sizeof(fx));
	memset(&syn, 0, sizeof(syn));
	content_sentences(&ss);
	file_lines("tests/search/tokens.txt", &lines);
	file_lines("tests/search/fixtures.txt", &lines);
	file_lines("tests/search/queries.txt", &lines);

	/* Tokens: fixture lines, sentences, random code points, bytes. */
	buf_printf(&path, "%s/tokens.jsonl", dir);
	if ((f = fopen(path.data, "w")) == NULL) {
		result(0, "vectors", "cannot write %s", path.data);
		goto done;
	}
	for (i = 0; i < lines.n; i++)
		token_vector(f, lines.s[i], strlen(lines.s[i]), (uint32_t)(i & 3),
		    out, sizeof(out), &ntok);
	for (i = 0; i < ss.n && i < 600; i++)
		token_vector(f, ss.s[i], strlen(ss.s[i]), (uint32_t)(i & 3), out,
		    sizeof(out), &ntok);
	for (i = 0; i < 1500; i++) {
		buf_truncate(&b, 0);
		for (k = 0, n = 1 + rnd_below(&st, 24); k < n; k++)
			if (rnd_below(&st, 4) == 0)
				utf8_put(&b, seps[rnd_below(&st, 12)]);
			else
				utf8_put(&b, covered_cp(&st));
		token_vector(f, b.data, b.len, (uint32_t)(i & 3), out,
		    sizeof(out), &ntok);
	}
	for (i = 0; i < 200; i++) {
		buf_truncate(&b, 0);
		for (k = 0, n = 1 + rnd_below(&st, 16); k < n; k++)
			buf_putc(&b, (int)rnd_below(&st, 256));
		token_vector(f, b.data, b.len, (uint32_t)(i & 3), out,
		    sizeof(out), &ntok);
	}
	fclose(f);
	result(ntok >= 2000, "vectors-tokens", "only %zu", ntok);
	printf("# vectors: %zu token strings\n", ntok);

	/* Indexes: the fixtures, and 400 synthetic pages. */
	buf_truncate(&b, 0);
	read_file("tests/search/fixtures.txt", &b);
	pages_from_fixture(buf_str(&b), &fx);
	if (ss.n == 0)
		file_lines("tests/search/fixtures.txt", &ss);
	pages_synth(&ss, 400, 1, &syn);
	if (search_index_build(fx.docs, fx.n, &table, &idx_fx) != 0 ||
	    search_index_build(syn.docs, syn.n, &table, &idx_syn) != 0 ||
	    search_open(&ix_fx, idx_fx.data, (uint32_t)idx_fx.len) != 0 ||
	    search_open(&ix_syn, idx_syn.data, (uint32_t)idx_syn.len) != 0 ||
	    write_file(dir, "fixtures.idx", &idx_fx) != 0 ||
	    write_file(dir, "synth.idx", &idx_syn) != 0) {
		result(0, "vectors-indexes", "cannot build or write");
		goto done;
	}
	w_fx = work_for(&ix_fx);
	w_syn = work_for(&ix_syn);
	buf_truncate(&path, 0);
	buf_printf(&path, "%s/queries.jsonl", dir);
	if ((f = fopen(path.data, "w")) == NULL) {
		result(0, "vectors", "cannot write %s", path.data);
		free(w_fx);
		free(w_syn);
		goto done;
	}
	for (i = 0; i < lines.n; i++) {
		query_vector(f, "fixtures.idx", &ix_fx, w_fx, lines.s[i],
		    strlen(lines.s[i]), 0, 10, &nq);
		query_vector(f, "fixtures.idx", &ix_fx, w_fx, lines.s[i],
		    strlen(lines.s[i]), SEARCH_PREFIX, 3, &nq);
	}
	for (i = 0; i < 600; i++) {
		n = random_piece(&st, &ss, i % 3 == 0 ? 1 : 8, &s);
		query_vector(f, "synth.idx", &ix_syn, w_syn, s, n,
		    i & 1 ? SEARCH_PREFIX : 0, 1 + (uint32_t)(i % 30), &nq);
	}
	fclose(f);
	free(w_fx);
	free(w_syn);
	result(nq >= 800, "vectors-queries", "only %zu", nq);
	printf("# vectors: %zu queries\n", nq);
done:
	sentences_free(&ss);
	sentences_free(&lines);
	pages_free(&fx);
	pages_free(&syn);
	buf_free(&b);
	buf_free(&idx_fx);
	buf_free(&idx_syn);
	buf_free(&path);
}

/* ----- the benchmark -------------------------------------------------------- */

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Queries a visitor might type, and pieces of the corpus. */
static const char *const bench_fixed[] = {
	"ランサムウェア", "ﾗﾝｻﾑｳｪｱ", "らんさむうぇあ", "パスワード", "UTM",
	"バックアップ", "標的型攻撃メール", "情報セキュリティ", "対策",
	"セキュリティ対策 社員教育", "パスワード 使い回し", "フィッシング詐欺",
	"の", "a", "s", "被害", "中小企業", "ウイルス対策ソフト", "個人情報の漏えい",
	"サイバー攻撃を受けたら", "IPA", "security action",
};

static int
bench(size_t n, const char *dir)
{
	struct sentences	 ss;
	struct pages		 p;
	struct search_index	 ix;
	struct search_result	 res;
	struct search_hit	 hits[20];
	buf			 idx = BUF_INIT, qs = BUF_INIT;
	size_t			 i, text = 0, stored = 0, nq, slowest = 0;
	uint64_t		 st = 99;
	double			 t0, t_build, total = 0, worst = 0, t;
	const char		*s, *q;
	void			*work;
	uint32_t		 len;

	memset(&ss, 0, sizeof(ss));
	memset(&p, 0, sizeof(p));
	content_sentences(&ss);
	if (ss.n == 0) {
		fprintf(stderr, "bench: no sentences in content/\n");
		return 1;
	}
	pages_synth(&ss, n, 7, &p);
	for (i = 0; i < p.n; i++)
		text += p.docs[i].text_len + p.docs[i].title_len +
		    p.docs[i].headings_len;
	t0 = now_ms();
	if (search_index_build(p.docs, p.n, &table, &idx) != 0 ||
	    search_open(&ix, idx.data, (uint32_t)idx.len) != 0)
		return 1;
	t_build = now_ms() - t0;
	for (i = 0; i < ix.ndocs; i++)
		stored += ix.docs[4 * i + 2] >> 16;	/* decoded length */
	if (write_file(dir, "bench.idx", &idx) != 0) {
		fprintf(stderr, "bench: cannot write %s/bench.idx\n", dir);
		return 1;
	}
	printf("# bench: %zu pages from %zu sentences; %zu bytes of text "
	    "(%zu stored)\n", p.n, ss.n, text, stored);
	printf("# bench: index %zu bytes: table %u, documents %u, dictionary "
	    "%u (%u terms), strings %u, keys %u, postings %u\n", idx.len,
	    ix.table.size, ix.ndocs * 16, (ix.nterms + 1) * 8, ix.nterms,
	    ix.strings_len, ix.keys_len, ix.postings_len);
	printf("# bench: native build %.0f ms; work area %u bytes\n", t_build,
	    search_work_size(&ix));

	for (i = 0; i < sizeof(bench_fixed) / sizeof(bench_fixed[0]); i++)
		buf_printf(&qs, "%s\n", bench_fixed[i]);
	for (i = 0; i < 200; i++) {
		len = (uint32_t)random_piece(&st, &ss, 2 + i % 7, &s);
		buf_printf(&qs, "%.*s\n", (int)len, s);
	}
	if (write_file(dir, "bench-queries.txt", &qs) != 0)
		return 1;

	work = work_for(&ix);
	for (q = qs.data, nq = 0; *q != '\0'; q += len + 1, nq++) {
		len = (uint32_t)(strchr(q, '\n') - q);
		t0 = now_ms();
		search_query(&ix, q, len, SEARCH_PREFIX, &res, hits, 20, work,
		    search_work_size(&ix));
		t = now_ms() - t0;
		total += t;
		if (t > worst) {
			worst = t;
			slowest = nq;
		}
	}
	for (q = qs.data, i = 0; i < slowest; i++)
		q = strchr(q, '\n') + 1;
	printf("# bench: native queries: %zu, mean %.2f ms, slowest %.2f ms "
	    "(%.*s)\n", nq, total / (double)nq, worst,
	    (int)(strchr(q, '\n') - q), q);
	free(work);
	sentences_free(&ss);
	pages_free(&p);
	buf_free(&idx);
	buf_free(&qs);
	buf_free(&table_bytes);
	return 0;
}

#endif
