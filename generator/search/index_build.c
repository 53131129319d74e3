/*
 * index_build.c -- the search index of a set of pages (search_build.h;
 * the format is in docs/search.md).
 *
 * Every page's title, headings and text go through search_tokenize() --
 * the code the browser runs on the query -- in index mode.  Each token's
 * weighted frequency is counted per page; the postings are then grouped by
 * term (a counting sort, so documents stay in order) and written with the
 * terms in byte order, which lets the query side find a prefix's terms as
 * one range.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/hash.h"
#include "search_build.h"
#include "search_int.h"

struct term {
	uint32_t	key_off, key_len;
	uint32_t	df;		/* pages with it */
	uint32_t	last_doc;	/* page that last saw it, plus 1 */
	uint32_t	local;		/* its place in builder.local then */
};

struct local {
	uint32_t	term, tf;
};

struct builder {
	buf		 keys;
	struct term	*terms;
	size_t		 nterms, cap;
	uint32_t	*slots;		/* hash of keys: term + 1, 0 empty */
	size_t		 nslots;
	struct local	*local;		/* the current page's terms */
	size_t		 nlocal, lcap;
	uint32_t	*post;		/* (term, doc, tf) for every page */
	size_t		 npost, pcap;
	uint32_t	 doc, weight;
	uint64_t	 dl;		/* the current page's weighted length */
};

static void
rehash(struct builder *b)
{
	size_t		i, j, mask;
	uint64_t	h;

	free(b->slots);
	b->nslots = b->nslots ? 2 * b->nslots : 1 << 16;
	b->slots = xcalloc(b->nslots, sizeof(*b->slots));
	mask = b->nslots - 1;
	for (i = 0; i < b->nterms; i++) {
		h = hash64(b->keys.data + b->terms[i].key_off,
		    b->terms[i].key_len);
		for (j = h & mask; b->slots[j] != 0; j = (j + 1) & mask)
			continue;
		b->slots[j] = (uint32_t)i + 1;
	}
}

static uint32_t
intern(struct builder *b, const char *key, uint32_t len)
{
	size_t		j, mask;
	uint64_t	h = hash64(key, len);
	struct term	*t;

	if (2 * (b->nterms + 1) > b->nslots)
		rehash(b);
	mask = b->nslots - 1;
	for (j = h & mask; b->slots[j] != 0; j = (j + 1) & mask) {
		t = &b->terms[b->slots[j] - 1];
		if (t->key_len == len &&
		    memcmp(b->keys.data + t->key_off, key, len) == 0)
			return b->slots[j] - 1;
	}
	if (b->nterms == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 4096;
		b->terms = xrealloc(b->terms, b->cap * sizeof(*b->terms));
	}
	t = &b->terms[b->nterms];
	t->key_off = (uint32_t)b->keys.len;
	t->key_len = len;
	t->df = 0;
	t->last_doc = 0;
	buf_append(&b->keys, key, len);
	b->slots[j] = (uint32_t)++b->nterms;
	return (uint32_t)b->nterms - 1;
}

static int
on_token(const struct search_token *tok, void *ctx)
{
	struct builder	*b = ctx;
	uint32_t	 id = intern(b, tok->key, tok->len);
	struct term	*t = &b->terms[id];

	if (t->last_doc != b->doc + 1) {
		t->last_doc = b->doc + 1;
		if (b->nlocal == b->lcap) {
			b->lcap = b->lcap ? 2 * b->lcap : 1024;
			b->local = xrealloc(b->local,
			    b->lcap * sizeof(*b->local));
		}
		t->local = (uint32_t)b->nlocal;
		b->local[b->nlocal].term = id;
		b->local[b->nlocal].tf = 0;
		b->nlocal++;
	}
	if (b->local[t->local].tf <= UINT32_MAX - b->weight)
		b->local[t->local].tf += b->weight;
	b->dl += b->weight;
	return 0;
}

static void
tokenize_field(struct builder *b, const struct search_table *t,
    const char *s, size_t n, uint32_t weight)
{
	if (s == NULL || n == 0)
		return;
	b->weight = weight;
	search_tokenize(t, s, (uint32_t)n, SEARCH_INDEX_MODE, on_token, b);
}

static void
put32(buf *out, uint32_t v)
{
	unsigned char w[4];

	w[0] = (unsigned char)v;
	w[1] = (unsigned char)(v >> 8);
	w[2] = (unsigned char)(v >> 16);
	w[3] = (unsigned char)(v >> 24);
	buf_append(out, w, 4);
}

static void
put_varint(buf *out, uint32_t v)
{
	while (v >= 0x80) {
		buf_putc(out, (int)(0x80 | (v & 0x7F)));
		v >>= 7;
	}
	buf_putc(out, (int)v);
}

/* Overwrite the little-endian word at byte `at`. */
static void
set32(buf *out, size_t at, uint32_t v)
{
	unsigned char *w = (unsigned char *)out->data + at;

	w[0] = (unsigned char)v;
	w[1] = (unsigned char)(v >> 8);
	w[2] = (unsigned char)(v >> 16);
	w[3] = (unsigned char)(v >> 24);
}

/* Bytes of text stored: at most SEARCH_STORE_MAX, ending on a character. */
static size_t
stored_len(const char *s, size_t n)
{
	if (n <= SEARCH_STORE_MAX)
		return n;
	n = SEARCH_STORE_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

struct sorted_key {
	const char	*key;
	uint32_t	 len, id;
};

static int
cmp_key(const void *a, const void *b)
{
	const struct sorted_key *x = a, *y = b;
	int c = memcmp(x->key, y->key, x->len < y->len ? x->len : y->len);

	if (c != 0)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* The postings, term by term in key order, and the dictionary. */
static void
write_terms(struct builder *b, buf *dict, buf *keys, buf *postings)
{
	struct sorted_key	*order;
	uint32_t		*start, *pairs, id, k, prev;
	size_t			 i, at;

	start = xcalloc(b->nterms + 1, sizeof(*start));
	for (i = 0; i < b->nterms; i++)
		start[i + 1] = start[i] + b->terms[i].df;
	pairs = xmalloc((b->npost + 1) * 2 * sizeof(*pairs));
	for (i = 0; i < b->npost; i++) {	/* stable: pages stay in order */
		at = start[b->post[3 * i]]++;
		pairs[2 * at] = b->post[3 * i + 1];
		pairs[2 * at + 1] = b->post[3 * i + 2];
	}
	for (i = b->nterms; i > 0; i--)		/* back to the starts */
		start[i] = start[i - 1];
	start[0] = 0;
	order = xmalloc((b->nterms + 1) * sizeof(*order));
	for (i = 0; i < b->nterms; i++) {
		order[i].key = b->keys.data + b->terms[i].key_off;
		order[i].len = b->terms[i].key_len;
		order[i].id = (uint32_t)i;
	}
	qsort(order, b->nterms, sizeof(*order), cmp_key);
	for (i = 0; i < b->nterms; i++) {
		id = order[i].id;
		put32(dict, (uint32_t)keys->len);
		put32(dict, (uint32_t)postings->len);
		buf_append(keys, order[i].key, order[i].len);
		put_varint(postings, b->terms[id].df);
		prev = UINT32_MAX;
		for (k = 0; k < b->terms[id].df; k++) {
			uint32_t doc = pairs[2 * (start[id] + k)];
			uint32_t tf = pairs[2 * (start[id] + k) + 1];
			uint32_t gap = doc - prev - 1;

			put_varint(postings, gap << 1 | (tf == 1));
			if (tf != 1)
				put_varint(postings, tf);
			prev = doc;
		}
	}
	put32(dict, (uint32_t)keys->len);
	put32(dict, (uint32_t)postings->len);
	free(order);
	free(pairs);
	free(start);
}

int
search_index_build(const struct search_doc *docs, size_t n,
    const struct search_table *t, buf *out)
{
	struct builder	 b;
	uint64_t	*dl, total = 0, ln;
	buf		 dict = BUF_INIT, keys = BUF_INIT, postings = BUF_INIT,
			 strings = BUF_INIT, recs = BUF_INIT;
	size_t		 i, k, text;
	uint64_t	 size;
	int		 rc = -1;

	if (n > SEARCH_MAX_DOCS) {
		fprintf(stderr, "mamoru: search: %zu pages, at most %d\n", n,
		    SEARCH_MAX_DOCS);
		return -1;
	}
	memset(&b, 0, sizeof(b));
	dl = xcalloc(n + 1, sizeof(*dl));
	for (i = 0; i < n; i++) {
		const struct search_doc *d = &docs[i];

		if (d->url_len > SEARCH_MAX_URL ||
		    d->title_len > SEARCH_MAX_TITLE ||
		    d->text_len > UINT32_MAX || d->headings_len > UINT32_MAX) {
			fprintf(stderr, "mamoru: search: page %.*s: URL, title "
			    "or text too long\n", (int)(d->url_len > 200 ? 200 :
			    d->url_len), d->url);
			goto done;
		}
		b.doc = (uint32_t)i;
		b.dl = 0;
		b.nlocal = 0;
		tokenize_field(&b, t, d->title, d->title_len, SEARCH_W_TITLE);
		tokenize_field(&b, t, d->headings, d->headings_len,
		    SEARCH_W_HEADING);
		tokenize_field(&b, t, d->text, d->text_len, SEARCH_W_TEXT);
		for (k = 0; k < b.nlocal; k++) {
			if (b.npost == b.pcap) {
				b.pcap = b.pcap ? 2 * b.pcap : 1 << 16;
				b.post = xrealloc(b.post,
				    b.pcap * 3 * sizeof(*b.post));
			}
			b.post[3 * b.npost] = b.local[k].term;
			b.post[3 * b.npost + 1] = (uint32_t)i;
			b.post[3 * b.npost + 2] = b.local[k].tf;
			b.terms[b.local[k].term].df++;
			b.npost++;
		}
		dl[i] = b.dl > 0xFFFFFF ? 0xFFFFFF : b.dl;
		total += dl[i];

		text = stored_len(d->text, d->text_len);
		put32(&recs, (uint32_t)strings.len);
		put32(&recs, (uint32_t)d->url_len | (uint32_t)d->title_len << 16);
		put32(&recs, (uint32_t)text);
		put32(&recs, 0);		/* length norm, below */
		buf_append(&strings, d->url, d->url_len);
		buf_append(&strings, d->title, d->title_len);
		buf_append(&strings, d->text, text);
		if (strings.len > UINT32_MAX)
			goto too_big;
	}
	/* dl / avgdl = dl * N / total, in 1/65536 */
	for (i = 0; i < n; i++) {
		ln = total ? dl[i] * n * 65536 / total : 65536;
		if (ln > UINT32_MAX)
			ln = UINT32_MAX;
		set32(&recs, 16 * i + 12, (uint32_t)ln);
	}
	write_terms(&b, &dict, &keys, &postings);

	size = 64 + (uint64_t)t->size + recs.len + dict.len + strings.len +
	    keys.len + postings.len;
	if (size > UINT32_MAX - 8)
		goto too_big;
	while (out->len % 4 != 0)
		buf_putc(out, 0);
	{
		uint32_t toff = 64, doff = toff + t->size;
		uint32_t xoff = doff + (uint32_t)recs.len;
		uint32_t soff = xoff + (uint32_t)dict.len;
		uint32_t koff = soff + (uint32_t)strings.len;
		uint32_t poff = koff + (uint32_t)keys.len;

		put32(out, SEARCH_INDEX_MAGIC);
		put32(out, SEARCH_VERSION);
		put32(out, (uint32_t)n);
		put32(out, (uint32_t)b.nterms);
		put32(out, 0);				/* flags */
		put32(out, toff);
		put32(out, t->size);
		put32(out, doff);
		put32(out, soff);
		put32(out, (uint32_t)strings.len);
		put32(out, xoff);
		put32(out, koff);
		put32(out, (uint32_t)keys.len);
		put32(out, poff);
		put32(out, (uint32_t)postings.len);
		put32(out, 0);
	}
	buf_append(out, t->data, t->size);
	buf_append(out, recs.data, recs.len);
	buf_append(out, dict.data, dict.len);
	buf_append(out, strings.data, strings.len);
	buf_append(out, keys.data, keys.len);
	buf_append(out, postings.data, postings.len);
	rc = 0;
	goto done;
too_big:
	fprintf(stderr, "mamoru: search: the index would be above 4 GiB\n");
done:
	free(dl);
	free(b.terms);
	free(b.slots);
	free(b.local);
	free(b.post);
	buf_free(&b.keys);
	buf_free(&dict);
	buf_free(&keys);
	buf_free(&postings);
	buf_free(&strings);
	buf_free(&recs);
	return rc;
}
