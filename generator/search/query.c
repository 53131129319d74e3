/*
 * query.c -- opening an index and ranking its documents for a query
 * (search.h; the index format and the ranking are in docs/search.md).
 *
 * Term at a time: for each query term, the postings of every dictionary
 * term it covers are added into one frequency per document; that gives
 * the term's document frequency, and each document's BM25 share.  All
 * arithmetic is on integers, so the generator and the browser rank alike.
 *
 * Freestanding: nothing but <stdint.h>, no allocation.
 */
#include "search_int.h"

#define LN2_Q16		45426u		/* ln 2 in units of 1/65536 */

/* ----- opening -------------------------------------------------------------- */

/* Is [off, off + size) inside len bytes? */
static int
inside(uint32_t off, uint32_t size, uint32_t len)
{
	return off <= len && size <= len - off;
}

int32_t
search_open(struct search_index *ix, const void *data, uint32_t len)
{
	const uint32_t	*w = data;
	const uint8_t	*b = data;
	uint32_t	 i, off, toff, tlen;
	int32_t		 rc;

	if (ix == 0 || data == 0 || ((uintptr_t)data & 3) != 0)
		return SEARCH_E_ARG;
	if (len < SEARCH_INDEX_HEADER * 4)
		return SEARCH_E_SHORT;
	if (w[SEARCH_X_MAGIC] != SEARCH_INDEX_MAGIC ||
	    w[SEARCH_X_VERSION] != SEARCH_INDEX_VERSION)
		return SEARCH_E_MAGIC;
	ix->data = b;
	ix->len = len;
	ix->ndocs = w[SEARCH_X_DOCS];
	ix->nterms = w[SEARCH_X_TERMS];
	ix->flags = w[SEARCH_X_FLAGS];
	toff = w[SEARCH_X_TABLE_OFF];
	tlen = w[SEARCH_X_TABLE_LEN];
	if (!inside(toff, tlen, len) || toff % 4 != 0)
		return SEARCH_E_FORMAT;
	if ((rc = search_table_open(&ix->table, b + toff, tlen)) != 0)
		return rc;
	off = w[SEARCH_X_DOCS_OFF];
	if (ix->ndocs > len / 16 || !inside(off, ix->ndocs * 16, len) ||
	    off % 4 != 0)
		return SEARCH_E_FORMAT;
	ix->docs = (const uint32_t *)(b + off);
	off = w[SEARCH_X_STRINGS_OFF];
	ix->strings_len = w[SEARCH_X_STRINGS_LEN];
	if (!inside(off, ix->strings_len, len))
		return SEARCH_E_FORMAT;
	ix->strings = b + off;
	off = w[SEARCH_X_DICT_OFF];
	if (ix->nterms >= len / 8 || !inside(off, (ix->nterms + 1) * 8, len) ||
	    off % 4 != 0)
		return SEARCH_E_FORMAT;
	ix->dict = (const uint32_t *)(b + off);
	off = w[SEARCH_X_KEYS_OFF];
	ix->keys_len = w[SEARCH_X_KEYS_LEN];
	if (!inside(off, ix->keys_len, len))
		return SEARCH_E_FORMAT;
	ix->keys = b + off;
	off = w[SEARCH_X_POSTINGS_OFF];
	ix->postings_len = w[SEARCH_X_POSTINGS_LEN];
	if (!inside(off, ix->postings_len, len))
		return SEARCH_E_FORMAT;
	ix->postings = b + off;
	off = w[SEARCH_X_CHARS_OFF];
	if (!inside(off, 4, len) || off % 4 != 0)
		return SEARCH_E_FORMAT;
	ix->nchars = w[off / 4];
	ix->chars = w + off / 4 + 1;
	if (ix->nchars > SEARCH_CHARS_MAX ||
	    !inside(off + 4, ix->nchars * 4, len))
		return SEARCH_E_FORMAT;
	for (i = 0; i < ix->nchars; i++)
		if (ix->chars[i] < 0x80 || ix->chars[i] > 0x10FFFF ||
		    (ix->chars[i] >= 0xD800 && ix->chars[i] <= 0xDFFF))
			return SEARCH_E_FORMAT;
	/* Keys and postings follow each other; keys are 1..KEY_MAX bytes. */
	if (ix->dict[0] != 0 || ix->dict[1] != 0 ||
	    ix->dict[2 * ix->nterms] != ix->keys_len ||
	    ix->dict[2 * ix->nterms + 1] != ix->postings_len)
		return SEARCH_E_FORMAT;
	for (i = 0; i < ix->nterms; i++)
		if (ix->dict[2 * i + 2] <= ix->dict[2 * i] ||
		    ix->dict[2 * i + 2] - ix->dict[2 * i] > SEARCH_KEY_MAX ||
		    ix->dict[2 * i + 3] < ix->dict[2 * i + 1])
			return SEARCH_E_FORMAT;
	return SEARCH_OK;
}

/* Decode n bytes of stored text at c into out, which must come to exactly
 * want bytes (at most SEARCH_TEXT_MAX); see search_int.h. */
static int
text_decode(const struct search_index *ix, const uint8_t *c, uint32_t n,
    char *out, uint32_t want)
{
	uint32_t i = 0, o = 0, r, k;

	while (i < n) {
		if (c[i] < SEARCH_CODE_ONE) {
			if (o + 1 > want)
				return -1;
			out[o++] = (char)c[i++];
			continue;
		}
		if (c[i] == SEARCH_CODE_RAW) {
			if (n - i < 2 || c[i + 1] < 1 || c[i + 1] > 4 ||
			    n - i - 2 < c[i + 1] || want - o < c[i + 1])
				return -1;
			for (k = 0; k < c[i + 1]; k++)
				out[o++] = (char)c[i + 2 + k];
			i += 2 + k;
			continue;
		}
		if (c[i] < SEARCH_CODE_TWO)
			r = c[i++] - SEARCH_CODE_ONE;
		else {
			if (n - i < 2)
				return -1;
			r = SEARCH_CHARS_ONE + ((uint32_t)(c[i] -
			    SEARCH_CODE_TWO) << 8 | c[i + 1]);
			i += 2;
		}
		if (r >= ix->nchars)
			return -1;
		k = ix->chars[r] < 0x800 ? 2 : ix->chars[r] < 0x10000 ? 3 : 4;
		if (want - o < k)
			return -1;
		o += search_utf8_put(out + o, ix->chars[r]);
	}
	return o == want ? 0 : -1;
}

int32_t
search_doc_get(const struct search_index *ix, uint32_t doc,
    struct search_docref *out)
{
	const uint32_t	*d;
	uint32_t	 ulen, tlen, clen, xlen;
	/* The one thing search_doc_get() writes: ix->text (search.h). */
	char		*text = (char *)(uintptr_t)ix->text;

	if (ix == 0 || out == 0 || doc >= ix->ndocs)
		return SEARCH_E_ARG;
	d = ix->docs + 4 * doc;
	ulen = d[1] & 0xFFFF;
	tlen = d[1] >> 16;
	clen = d[2] & 0xFFFF;		/* the text, coded */
	xlen = d[2] >> 16;		/* and decoded */
	if (!inside(d[0], ulen + tlen, ix->strings_len) ||
	    !inside(d[0] + ulen + tlen, clen, ix->strings_len) ||
	    xlen > SEARCH_TEXT_MAX ||
	    text_decode(ix, ix->strings + d[0] + ulen + tlen, clen, text,
	    xlen) != 0)
		return SEARCH_E_FORMAT;
	out->url = (const char *)ix->strings + d[0];
	out->url_len = ulen;
	out->title = out->url + ulen;
	out->title_len = tlen;
	out->text = text;
	out->text_len = xlen;
	return SEARCH_OK;
}

const struct search_table *
search_index_table(const struct search_index *ix)
{
	return &ix->table;
}

uint32_t
search_index_size(void)
{
	return sizeof(struct search_index);
}

uint32_t
search_hit_size(void)
{
	return sizeof(struct search_hit);
}

/* ----- the dictionary ------------------------------------------------------- */

static int
key_cmp(const struct search_index *ix, uint32_t term, const char *key,
    uint32_t len)
{
	const uint8_t	*k = ix->keys + ix->dict[2 * term];
	uint32_t	 n = ix->dict[2 * term + 2] - ix->dict[2 * term], i;

	for (i = 0; i < n && i < len; i++)
		if (k[i] != (uint8_t)key[i])
			return k[i] < (uint8_t)key[i] ? -1 : 1;
	return n < len ? -1 : n > len;
}

/* Does term start with key? */
static int
key_prefix(const struct search_index *ix, uint32_t term, const char *key,
    uint32_t len)
{
	const uint8_t	*k = ix->keys + ix->dict[2 * term];
	uint32_t	 n = ix->dict[2 * term + 2] - ix->dict[2 * term], i;

	if (n < len)
		return 0;
	for (i = 0; i < len; i++)
		if (k[i] != (uint8_t)key[i])
			return 0;
	return 1;
}

/* The first term not below key. */
static uint32_t
lower_bound(const struct search_index *ix, const char *key, uint32_t len)
{
	uint32_t lo = 0, hi = ix->nterms, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (key_cmp(ix, mid, key, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static uint32_t
varint(const uint8_t *p, uint32_t end, uint32_t *i, int *bad)
{
	uint32_t v = 0, shift = 0;

	while (*i < end && shift < 35) {
		v |= (uint32_t)(p[*i] & 0x7F) << shift;
		if (!(p[(*i)++] & 0x80))
			return v;
		shift += 7;
	}
	*bad = 1;
	return 0;
}

/* Add the frequencies of dictionary term `term` into tf[]. */
static void
add_postings(const struct search_index *ix, uint32_t term, uint32_t *tf)
{
	uint32_t	 i = ix->dict[2 * term + 1], end = ix->dict[2 * term + 3];
	uint32_t	 df, k, v, doc = 0xFFFFFFFFu, f;
	int		 bad = 0;

	df = varint(ix->postings, end, &i, &bad);
	for (k = 0; k < df && !bad; k++) {
		v = varint(ix->postings, end, &i, &bad);
		f = v & 1 ? 1 : varint(ix->postings, end, &i, &bad);
		doc += 1 + (v >> 1);
		if (bad || doc >= ix->ndocs)
			return;
		tf[doc] += f;
	}
}

/* ----- ranking ---------------------------------------------------------- */

/* log2(x) for x >= 1, in units of 1/65536, by repeated squaring. */
static uint32_t
log2_q16(uint32_t x)
{
	uint32_t	e = 0, r, i;
	uint64_t	y;

	while ((x >> e) > 1)
		e++;
	y = ((uint64_t)x << 31) >> e;		/* x / 2^e in [1, 2), Q31 */
	r = e << 16;
	for (i = 0; i < 16; i++) {
		y = (y * y) >> 31;
		if (y >= (uint64_t)1 << 32) {
			y >>= 1;
			r |= 1u << (15 - i);
		}
	}
	return r;
}

/* BM25's idf, ln(1 + (N - df + 0.5) / (df + 0.5)) = ln((2N + 2) / (2df + 1)). */
static uint32_t
idf_q16(uint32_t n, uint32_t df)
{
	uint64_t d = log2_q16(2 * n + 2) - log2_q16(2 * df + 1);

	return (uint32_t)((d * LN2_Q16) >> 16);
}

/* tf (k1 + 1) / (tf + k1 (1 - b + b dl / avgdl)) with k1 = 1.2, b = 0.75;
 * lennorm is dl / avgdl in 1/65536. */
static uint32_t
tf_q16(uint32_t tf, uint32_t lennorm)
{
	uint64_t num = (uint64_t)22 * tf << 32;
	uint64_t den = (uint64_t)10 * tf * 65536 + 3 * 65536 +
	    (uint64_t)9 * lennorm;

	return (uint32_t)(num / den);
}

static uint32_t
align8(uint32_t n)
{
	return (n + 7) & ~7u;
}

uint32_t
search_work_size(const struct search_index *ix)
{
	return 8 * ix->ndocs + align8(ix->ndocs) +
	    align8(sizeof(struct search_plan)) +
	    SEARCH_MATCH_MAX * sizeof(struct search_match);
}

struct plan_ctx {
	struct search_plan	*plan;
	uint32_t		 qlen, flags;
};

static int
plan_token(const struct search_token *tok, void *ctx)
{
	struct plan_ctx		*pc = ctx;
	struct search_plan	*p = pc->plan;
	struct search_term	*t;
	uint32_t		 mode = SEARCH_TERM_EXACT, i, k;

	if (tok->kind == SEARCH_TOKEN_SINGLE)
		mode = SEARCH_TERM_CHAR;
	else if (tok->kind == SEARCH_TOKEN_WORD &&
	    (pc->flags & SEARCH_PREFIX) && tok->end == pc->qlen)
		mode = SEARCH_TERM_PREFIX;
	for (i = 0; i < p->n; i++) {
		t = &p->terms[i];
		if (t->mode != mode || t->len != tok->len)
			continue;
		for (k = 0; k < t->len && t->key[k] == tok->key[k]; k++)
			continue;
		if (k == t->len)
			return 0;		/* already there */
	}
	if (p->n == SEARCH_MAX_TERMS)
		return 1;
	t = &p->terms[p->n++];
	t->len = tok->len;
	t->mode = mode;
	for (k = 0; k < tok->len; k++)
		t->key[k] = tok->key[k];
	return 0;
}

void
search_plan_build(const struct search_table *t, const char *q,
    uint32_t qlen, uint32_t flags, struct search_plan *plan)
{
	struct plan_ctx pc;

	plan->n = 0;
	pc.plan = plan;
	pc.qlen = qlen;
	pc.flags = flags;
	search_tokenize(t, q, qlen, flags & ~(uint32_t)SEARCH_INDEX_MODE,
	    plan_token, &pc);
}

/* Frequencies of plan term `term` per document into tf[] (zeroed here). */
static void
term_freqs(const struct search_index *ix, const struct search_term *term,
    uint32_t *tf)
{
	uint32_t i;

	for (i = 0; i < ix->ndocs; i++)
		tf[i] = 0;
	i = lower_bound(ix, term->key, term->len);
	if (term->mode == SEARCH_TERM_EXACT) {
		if (i < ix->nterms && key_cmp(ix, i, term->key, term->len) == 0)
			add_postings(ix, i, tf);
		return;
	}
	for (; i < ix->nterms && key_prefix(ix, i, term->key, term->len); i++)
		add_postings(ix, i, tf);
}

int32_t
search_query(const struct search_index *ix, const char *q, uint32_t qlen,
    uint32_t flags, struct search_result *res, struct search_hit *hits,
    uint32_t k, void *work, uint32_t worklen)
{
	uint32_t		 n, *tf, *score, i, g, df, idf, level, nh, j;
	uint8_t			*matched;
	struct search_plan	*plan;
	struct search_match	*scratch;
	struct search_docref	 d;
	uint8_t			*w = work;

	if (ix == 0 || res == 0 || (q == 0 && qlen > 0) || k > SEARCH_MAX_HITS ||
	    (hits == 0 && k > 0))
		return SEARCH_E_ARG;
	if (work == 0 || ((uintptr_t)work & 7) != 0 ||
	    worklen < search_work_size(ix))
		return SEARCH_E_WORK;
	n = ix->ndocs;
	tf = (uint32_t *)w;
	score = tf + n;
	matched = w + 8 * n;
	plan = (struct search_plan *)(w + 8 * n + align8(n));
	scratch = (struct search_match *)((uint8_t *)plan +
	    align8(sizeof(*plan)));
	flags = (flags & SEARCH_PREFIX) | (ix->flags & SEARCH_NO_KANA_FOLD);

	search_plan_build(&ix->table, q, qlen, flags, plan);
	res->total = res->nhits = res->matched = 0;
	res->nterms = plan->n;
	for (i = 0; i < n; i++) {
		score[i] = 0;
		matched[i] = 0;
	}
	for (g = 0; g < plan->n; g++) {
		term_freqs(ix, &plan->terms[g], tf);
		for (i = df = 0; i < n; i++)
			df += tf[i] != 0;
		if (df == 0)
			continue;
		idf = idf_q16(n, df);
		for (i = 0; i < n; i++)
			if (tf[i] != 0) {
				score[i] += (uint32_t)(((uint64_t)idf *
				    tf_q16(tf[i], ix->docs[4 * i + 3])) >> 16);
				matched[i]++;
			}
	}
	/* Documents with every term; or else with as many as any has. */
	for (i = level = 0; i < n; i++)
		if (matched[i] > level)
			level = matched[i];
	if (level == 0)
		return SEARCH_OK;
	res->matched = level;
	for (i = nh = 0; i < n; i++) {
		if (matched[i] != level)
			continue;
		res->total++;
		if (nh == k && (k == 0 || score[i] <= hits[k - 1].score))
			continue;
		for (j = nh < k ? nh++ : k - 1;
		    j > 0 && hits[j - 1].score < score[i]; j--) {
			hits[j].doc = hits[j - 1].doc;
			hits[j].score = hits[j - 1].score;
		}
		hits[j].doc = i;
		hits[j].score = score[i];
	}
	res->nhits = nh;
	for (i = 0; i < nh; i++)
		if (search_doc_get(ix, hits[i].doc, &d) == SEARCH_OK)
			search_snippet(&ix->table, ix->flags, plan, &d,
			    &hits[i], scratch);
		else
			hits[i].snippet_start = hits[i].snippet_end =
			    hits[i].nmarks = hits[i].ntitle_marks = 0;
	return SEARCH_OK;
}
