/*
 * index_build.c -- the search index of a set of pages (search_build.h;
 * the format is in docs/search.md).
 *
 * Every page's title, headings and text go through search_tokenize() --
 * the code the browser runs on the query -- in index mode.  Each token's
 * weighted frequency is counted per page; at the end of a page its terms'
 * postings are appended, already encoded, to a chain of small blocks per
 * term, so the postings never exist in any larger form than the index's
 * own.  The terms are then written in byte order, which lets the query
 * side find a prefix's terms as one range.
 *
 * The index is written as a stream (search_index_write()): nothing of it
 * is held whole, and the pages' stored text goes from the caller's
 * strings to the sink without a copy.
 *
 * Tokenising is most of the work.  With a memo (search_index_write_memo),
 * a page whose title, headings and text are those of a page of the
 * previous build takes that page's terms and weights instead: its terms
 * are interned and posted exactly as if it had been tokenised, so the
 * index is the same bytes either way.
 *
 * Pages are independent: with two or
 * more processors the pages are cut in two halves of about equal text,
 * each tokenised by its own builder (one on a second thread), and the
 * second builder's terms are merged into the first's.  The output does
 * not depend on it: terms are written in key order and postings in page
 * order either way.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/hash.h"
#include "search_build.h"
#include "search_int.h"

#define NO_DOC		UINT32_MAX
#define BLOCK_BYTES	60		/* postings bytes per chain block */

struct term {
	uint64_t	head8;		/* the key's first 8 bytes (key_head()) */
	uint32_t	key_off, key_len;
	uint32_t	df;		/* pages with it */
	uint32_t	last_doc;	/* page that last saw it, plus 1 */
	uint32_t	local;		/* its place in builder.local then */
	uint32_t	prev;		/* last page in its postings, or NO_DOC */
	uint32_t	head, tail;	/* its chain of blocks, 0: none */
	uint32_t	fill;		/* bytes used in the tail block */
	uint32_t	nbytes;		/* bytes in the chain */
};

/* A piece of a term's postings; blocks[0] is never used. */
struct block {
	uint8_t		bytes[BLOCK_BYTES];
	uint32_t	next;
};

struct local {
	uint32_t	term, tf;
};

/*
 * A number per Unicode character, in pages of 256 characters made on
 * first use: a page's text touches a few dozen pages, and a flat array
 * (4 MiB) would cost more to clear, fault in and scan than the counting.
 */
#define CP_PAGE_BITS	8
#define CP_PAGE		(1u << CP_PAGE_BITS)
#define CP_NPAGES	(0x110000u >> CP_PAGE_BITS)

struct cpmap {
	uint32_t	*page[CP_NPAGES];
};

static inline uint32_t *
cp_slot(struct cpmap *m, uint32_t cp)
{
	uint32_t **pg = &m->page[cp >> CP_PAGE_BITS];

	if (*pg == NULL)
		*pg = xcalloc(CP_PAGE, sizeof(**pg));
	return &(*pg)[cp & (CP_PAGE - 1)];
}

static inline uint32_t
cp_get(const struct cpmap *m, uint32_t cp)
{
	const uint32_t *pg = m->page[cp >> CP_PAGE_BITS];

	return pg != NULL ? pg[cp & (CP_PAGE - 1)] : 0;
}

static void
cp_free(struct cpmap *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < CP_NPAGES; i++)
		free(m->page[i]);
	free(m);
}

struct builder {
	const struct search_doc		*docs;
	const struct search_table	*t;
	struct blob_memo	*memo;
	uint64_t			 tkey;	/* the table's hash */
	buf				 rec;	/* tokenised pages' records */
	uint64_t			*doc_key;	/* shared, per page */
	uint32_t			*rec_at, *rec_len;
	uint8_t				*rec_new;	/* 1: in rec; 0: memo's */
	const void			**rec_old;
	size_t				 reused;
	size_t				 from, to;	/* its pages */
	uint64_t			*dl;		/* shared, per page */
	buf		 keys;
	struct term	*terms;
	size_t		 nterms, cap;
	uint32_t	*slots;		/* hash of keys: term + 1, 0 empty */
	size_t		 nslots;
	struct local	*local;		/* the current page's terms */
	size_t		 nlocal, lcap;
	struct block	*blocks;
	size_t		 nblocks, bcap;
	uint32_t	 doc, weight;
	uint64_t	 dl_doc;	/* the current page's weighted length */
	struct cpmap	*counts;	/* characters of the stored
					 * text, for its code */
};

/* The first 8 bytes of a key, zero-padded: most keys (a bigram is six
 * bytes) are then compared in one instruction. */
static inline uint64_t
key_head(const char *key, uint32_t len)
{
	const unsigned char	*p = (const unsigned char *)key;
	uint64_t		 w = 0;
	uint32_t		 i;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t		 lo, hi;

	/* Fixed-size loads: a memcpy of `len` bytes would be a call. */
	if (len >= 8) {
		memcpy(&w, p, 8);
		return w;
	}
	if (len >= 4) {		/* two loads that may overlap */
		memcpy(&lo, p, 4);
		memcpy(&hi, p + len - 4, 4);
		return (uint64_t)lo | (uint64_t)hi << (8 * (len - 4));
	}
#endif
	for (i = 0; i < len && i < 8; i++)
		w |= (uint64_t)p[i] << (8 * i);
	return w;
}

/* A hash of a key (at most SEARCH_KEY_MAX bytes, mostly a 6-byte bigram):
 * eight bytes at a time, multiplied and folded.  Only the table below uses
 * it, so it need not be stable or strong, just quick on short keys. */
static inline uint64_t
key_hash(const char *key, uint32_t len)
{
	uint64_t	h = 0x9E3779B97F4A7C15ull ^ len;
	uint32_t	i;

	for (i = 0; i < len; i += 8) {
		h = (h ^ key_head(key + i, len - i)) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 32;
	}
	h *= 0xC4CEB9FE1A85EC53ull;
	return h ^ (h >> 29);
}

static void
rehash(struct builder *b)
{
	size_t		i, j, mask;
	uint64_t	h;

	free(b->slots);
	b->nslots = b->nslots ? 2 * b->nslots : 1 << 12;
	b->slots = xcalloc(b->nslots, sizeof(*b->slots));
	mask = b->nslots - 1;
	for (i = 0; i < b->nterms; i++) {
		h = key_hash(b->keys.data + b->terms[i].key_off,
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
	uint64_t	h = key_hash(key, len), head = key_head(key, len);
	struct term	*t;

	if (2 * (b->nterms + 1) > b->nslots)
		rehash(b);
	mask = b->nslots - 1;
	for (j = h & mask; b->slots[j] != 0; j = (j + 1) & mask) {
		t = &b->terms[b->slots[j] - 1];
		if (t->head8 == head && t->key_len == len && (len <= 8 ||
		    memcmp(b->keys.data + t->key_off + 8, key + 8,
		    len - 8) == 0))
			return b->slots[j] - 1;
	}
	if (b->nterms == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 4096;
		b->terms = xrealloc(b->terms, b->cap * sizeof(*b->terms));
	}
	t = &b->terms[b->nterms];
	memset(t, 0, sizeof(*t));
	t->key_off = (uint32_t)b->keys.len;
	t->key_len = len;
	t->head8 = head;
	t->prev = NO_DOC;
	buf_append(&b->keys, key, len);
	b->slots[j] = (uint32_t)++b->nterms;
	return (uint32_t)b->nterms - 1;
}

/* The current page's entry for term id, made on the term's first token
 * in the page. */
static struct local *
local_of(struct builder *b, uint32_t id)
{
	struct term *t = &b->terms[id];

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
	return &b->local[t->local];
}

static int
on_token(const struct search_token *tok, void *ctx)
{
	struct builder	*b = ctx;
	struct local	*l = local_of(b, intern(b, tok->key, tok->len));

	if (l->tf <= UINT32_MAX - b->weight)
		l->tf += b->weight;
	b->dl_doc += b->weight;
	return 0;
}

static void
tokenize_field(struct builder *b, const char *s, size_t n, uint32_t weight)
{
	if (s == NULL || n == 0)
		return;
	b->weight = weight;
	search_tokenize(b->t, s, (uint32_t)n, SEARCH_INDEX_MODE, on_token, b);
}

static uint32_t
varint_len(uint32_t v)
{
	uint32_t n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

static uint32_t
varint_put(uint8_t *out, uint32_t v)
{
	uint32_t n = 0;

	while (v >= 0x80) {
		out[n++] = (uint8_t)(0x80 | (v & 0x7F));
		v >>= 7;
	}
	out[n++] = (uint8_t)v;
	return n;
}

/* Append bytes to term t's chain. */
static void
chain_append(struct builder *b, struct term *t, const uint8_t *p, uint32_t n)
{
	uint32_t k;

	while (n > 0) {
		if (t->head == 0 || t->fill == BLOCK_BYTES) {
			if (b->nblocks == b->bcap) {
				b->bcap = b->bcap ? 2 * b->bcap : 4096;
				b->blocks = xrealloc(b->blocks,
				    b->bcap * sizeof(*b->blocks));
			}
			if (b->nblocks == 0)
				b->nblocks = 1;		/* 0 means none */
			b->blocks[b->nblocks].next = 0;
			if (t->head == 0)
				t->head = (uint32_t)b->nblocks;
			else
				b->blocks[t->tail].next = (uint32_t)b->nblocks;
			t->tail = (uint32_t)b->nblocks++;
			t->fill = 0;
		}
		k = search_min(n, BLOCK_BYTES - t->fill);
		t->nbytes += k;
		n -= k;
		while (k-- > 0)		/* a posting is a few bytes */
			b->blocks[t->tail].bytes[t->fill++] = *p++;
	}
}

/* One posting of the current page: `gap << 1 | (tf == 1)`, then tf unless
 * it is 1 (docs/search.md). */
static void
post(struct builder *b, struct term *t, uint32_t tf)
{
	uint8_t		enc[10];
	uint32_t	n, gap = b->doc - t->prev - 1;

	n = varint_put(enc, gap << 1 | (tf == 1));
	if (tf != 1)
		n += varint_put(enc + n, tf);
	chain_append(b, t, enc, n);
	t->prev = b->doc;
	t->df++;
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

/* The character at p (n bytes left), if it is well-formed UTF-8 and not
 * ASCII: its length, with *cp; else 0. */
static uint32_t
utf8_char(const unsigned char *p, size_t n, uint32_t *cp)
{
	uint32_t c = p[0], need, k, min;

	if (c >= 0xC2 && c <= 0xDF) {
		need = 1; c &= 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2; c &= 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3; c &= 0x07; min = 0x10000;
	} else
		return 0;
	if (n <= need)
		return 0;
	for (k = 1; k <= need; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (p[k] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return need + 1;
}

/* Count the non-ASCII characters of a page's stored text. */
static void
count_chars(struct cpmap *counts, const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0;
	uint32_t		 cp, k;

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = utf8_char(p + i, n - i, &cp)) == 0) {
			i++;
			continue;
		}
		(*cp_slot(counts, cp))++;
		i += k;
	}
}

/*
 * A page's record for the memo: its weighted length (u64), its number of
 * terms (u32), then per term the key's length (u8), the key and the
 * weighted frequency (u32), all little-endian as the machine's.
 */
static void
record_page(struct builder *b)
{
	uint32_t	n = (uint32_t)b->nlocal, tf;
	size_t		k;
	uint8_t		len;

	buf_append(&b->rec, &b->dl_doc, 8);
	buf_append(&b->rec, &n, 4);
	for (k = 0; k < b->nlocal; k++) {
		const struct term *t = &b->terms[b->local[k].term];

		len = (uint8_t)t->key_len;
		tf = b->local[k].tf;
		buf_putc(&b->rec, len);
		buf_append(&b->rec, b->keys.data + t->key_off, len);
		buf_append(&b->rec, &tf, 4);
	}
}

/* Is p[0..len) a well-formed record?  Nothing is interned before. */
static int
record_ok(const unsigned char *p, size_t len)
{
	const unsigned char	*end = p + len;
	uint32_t		 n, k;

	if (len < 12)
		return 0;
	memcpy(&n, p + 8, 4);
	for (p += 12, k = 0; k < n; k++) {
		if (p >= end || *p == 0 || *p > SEARCH_KEY_MAX ||
		    (size_t)(end - p) < 1u + *p + 4u)
			return 0;
		p += 1 + *p + 4;
	}
	return p == end;
}

/* Intern a record's terms for the current page, as on_token() would. */
static void
replay_page(struct builder *b, const unsigned char *p)
{
	uint32_t	n, k, id, tf;

	memcpy(&b->dl_doc, p, 8);
	memcpy(&n, p + 8, 4);
	for (p += 12, k = 0; k < n; k++) {
		id = intern(b, (const char *)p + 1, *p);
		memcpy(&tf, p + 1 + *p, 4);
		p += 1 + *p + 4;
		local_of(b, id)->tf += tf;	/* (a key repeated: added) */
	}
}

/* The memo's key of a page: the table, then its three fields. */
static uint64_t
page_key(uint64_t tkey, const struct search_doc *d)
{
	uint64_t v[7];

	v[0] = tkey;
	v[1] = d->title_len;
	v[2] = d->headings_len;
	v[3] = d->text_len;
	v[4] = d->title_len > 0 ? hash64(d->title, d->title_len) : 0;
	v[5] = d->headings_len > 0 ? hash64(d->headings, d->headings_len) : 0;
	v[6] = d->text_len > 0 ? hash64(d->text, d->text_len) : 0;
	return hash64(v, sizeof(v));
}

/* Tokenise the builder's pages (or take their terms from the memo). */
static void *
build_range(void *arg)
{
	struct builder	*b = arg;
	size_t		 i, k, len;
	const void	*old;

	b->counts = xcalloc(1, sizeof(*b->counts));
	for (i = b->from; i < b->to; i++) {
		const struct search_doc *d = &b->docs[i];

		count_chars(b->counts, d->text, stored_len(d->text,
		    d->text_len));
		b->doc = (uint32_t)i;
		b->dl_doc = 0;
		b->nlocal = 0;
		if (b->memo != NULL) {
			b->doc_key[i] = page_key(b->tkey, d);
			if (b->memo->get(b->memo->ctx, b->doc_key[i], &old,
			    &len) == 0 && len <= UINT32_MAX &&
			    record_ok(old, len)) {
				replay_page(b, old);
				b->rec_old[i] = old;
				b->rec_len[i] = (uint32_t)len;
				b->reused++;
				goto post;
			}
		}
		tokenize_field(b, d->title, d->title_len, SEARCH_W_TITLE);
		tokenize_field(b, d->headings, d->headings_len,
		    SEARCH_W_HEADING);
		tokenize_field(b, d->text, d->text_len, SEARCH_W_TEXT);
		if (b->memo != NULL) {
			b->rec_at[i] = (uint32_t)b->rec.len;
			record_page(b);
			b->rec_len[i] = (uint32_t)(b->rec.len - b->rec_at[i]);
			b->rec_new[i] = 1;
		}
post:
		for (k = 0; k < b->nlocal; k++)
			post(b, &b->terms[b->local[k].term], b->local[k].tf);
		b->dl[i] = b->dl_doc > 0xFFFFFF ? 0xFFFFFF : b->dl_doc;
	}
	return NULL;
}

static void
builder_free(struct builder *b)
{
	free(b->terms);
	free(b->slots);
	free(b->local);
	free(b->blocks);
	cp_free(b->counts);
	buf_free(&b->keys);
	buf_free(&b->rec);
}

/* ----- the stored text's code (search_int.h) ------------------------------ */

struct char_count {
	uint32_t	cp, n;
};

/* Most frequent first; then by code point, so the table is reproducible. */
static int
cmp_count(const void *a, const void *b)
{
	const struct char_count *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->cp < y->cp ? -1 : x->cp > y->cp;
}

/* The code: the characters to list (*chars, *nchars) and each one's rank
 * plus 1 (cp_get(rank, cp), 0: not listed). */
static struct cpmap *
code_build(const struct cpmap *counts, uint32_t **chars, uint32_t *nchars)
{
	struct char_count	*c;
	struct cpmap		*rank;
	uint32_t		 cp, n = 0, i, pg;

	for (pg = 0; pg < CP_NPAGES; pg++)
		for (i = 0; counts->page[pg] != NULL && i < CP_PAGE; i++)
			n += counts->page[pg][i] != 0;
	c = xmalloc((n + 1) * sizeof(*c));
	n = 0;
	for (pg = 0; pg < CP_NPAGES; pg++)
		for (i = 0; counts->page[pg] != NULL && i < CP_PAGE; i++) {
			cp = pg << CP_PAGE_BITS | i;
			if (cp >= 0x80 && counts->page[pg][i] != 0) {
				c[n].cp = cp;
				c[n++].n = counts->page[pg][i];
			}
		}
	qsort(c, n, sizeof(*c), cmp_count);
	if (n > SEARCH_CHARS_MAX)
		n = SEARCH_CHARS_MAX;
	rank = xcalloc(1, sizeof(*rank));
	*chars = xmalloc((n + 1) * sizeof(**chars));
	for (i = 0; i < n; i++) {
		(*chars)[i] = c[i].cp;
		*cp_slot(rank, c[i].cp) = i + 1;
	}
	*nchars = n;
	free(c);
	return rank;
}

/* Pages [from, to) coded, back to back in `out`: page i at at[i], len[i]
 * bytes. */
struct coder {
	const struct search_doc	*docs;
	const struct cpmap	*rank;
	size_t			 from, to;
	buf			 out;
	uint32_t		*at, *len;	/* shared, indexed by page */
};

static void *
code_range(void *arg)
{
	struct coder	*c = arg;
	size_t		 i, j, n, k;
	uint32_t	 cp, r;
	unsigned char	*o;

	for (i = c->from; i < c->to; i++) {
		const unsigned char *p = (const unsigned char *)c->docs[i].text;

		n = stored_len(c->docs[i].text, c->docs[i].text_len);
		buf_reserve(&c->out, 3 * n);	/* a raw byte takes 3 */
		o = (unsigned char *)c->out.data + c->out.len;
		for (j = 0; j < n; ) {
			if (p[j] < 0x80) {
				*o++ = p[j++];
				continue;
			}
			k = utf8_char(p + j, n - j, &cp);
			r = k != 0 ? cp_get(c->rank, cp) : 0;
			if (r == 0) {		/* raw: a character or a byte */
				k = k != 0 ? k : 1;
				*o++ = SEARCH_CODE_RAW;
				*o++ = (unsigned char)k;
				memcpy(o, p + j, k);
				o += k;
			} else if (--r < SEARCH_CHARS_ONE)
				*o++ = (unsigned char)(SEARCH_CODE_ONE + r);
			else {
				r -= SEARCH_CHARS_ONE;
				*o++ = (unsigned char)(SEARCH_CODE_TWO + (r >> 8));
				*o++ = (unsigned char)(r & 0xFF);
			}
			j += k;
		}
		c->at[i] = (uint32_t)c->out.len;
		c->len[i] = (uint32_t)((char *)o - c->out.data) -
		    (uint32_t)c->out.len;
		c->out.len = (size_t)((char *)o - c->out.data);
		c->out.data[c->out.len] = '\0';
	}
	return NULL;
}

/* fn(first) here and fn(second) on another thread, if `two`; else both
 * here, one after the other. */
static void
run_pair(void *(*fn)(void *), void *first, void *second, int two)
{
	pthread_t	th;
	int		started = two && pthread_create(&th, NULL, fn, second) == 0;

	fn(first);
	if (started)
		pthread_join(th, NULL);
	else
		fn(second);
}

/* ----- writing ------------------------------------------------------------ */

/* The index goes to the sink in pieces of about this size. */
#define STAGE_BYTES	(64 * 1024)

struct writer {
	search_sink_fn	 sink;
	void		*ctx;
	uint8_t		*stage;
	size_t		 n;
};

static void
wr_flush(struct writer *w)
{
	if (w->n > 0)
		w->sink(w->stage, w->n, w->ctx);
	w->n = 0;
}

static void
wr_put(struct writer *w, const void *p, size_t n)
{
	const uint8_t *s = p;
	size_t k;

	while (n > 0) {
		if (w->n == STAGE_BYTES)
			wr_flush(w);
		k = STAGE_BYTES - w->n < n ? STAGE_BYTES - w->n : n;
		memcpy(w->stage + w->n, s, k);
		w->n += k;
		s += k;
		n -= k;
	}
}

static void
wr_32(struct writer *w, uint32_t v)
{
	uint8_t b[4];

	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
	b[2] = (uint8_t)(v >> 16);
	b[3] = (uint8_t)(v >> 24);
	wr_put(w, b, 4);
}

static void
wr_varint(struct writer *w, uint32_t v)
{
	uint8_t enc[5];

	wr_put(w, enc, varint_put(enc, v));
}

/* Write term t's chain of builder b, from byte `skip` on. */
static void
wr_chain(struct writer *w, const struct builder *b, const struct term *t,
    uint32_t skip)
{
	uint32_t blk = t->head, left = t->nbytes, k;

	while (blk != 0 && left > 0) {
		k = search_min(left, BLOCK_BYTES);
		if (skip < k)
			wr_put(w, b->blocks[blk].bytes + skip, k - skip);
		skip = skip > k ? skip - k : 0;
		left -= k;
		blk = b->blocks[blk].next;
	}
}

/* The first varint of term t's chain (at most 5 bytes); its length. */
static uint32_t
chain_first(const struct builder *b, const struct term *t, uint32_t *v)
{
	uint8_t		by[5];
	uint32_t	blk = t->head, at = 0, i, n = 0;

	for (i = 0; i < 5 && i < t->nbytes; i++) {
		if (at == BLOCK_BYTES) {
			blk = b->blocks[blk].next;
			at = 0;
		}
		by[i] = b->blocks[blk].bytes[at++];
		n++;
		if (!(by[i] & 0x80))
			break;
	}
	*v = 0;
	for (i = 0; i < n; i++)
		*v |= (uint32_t)(by[i] & 0x7F) << (7 * i);
	return n;
}

struct sorted_key {
	uint64_t	 head;	/* the first 8 bytes, most significant first */
	const char	*key;
	uint32_t	 len, id;
};

static uint64_t
big_endian_head(const char *key, uint32_t len)
{
	const unsigned char	*p = (const unsigned char *)key;
	uint64_t		 h = 0;
	uint32_t		 i;

	for (i = 0; i < 8; i++)
		h = h << 8 | (i < len ? p[i] : 0);
	return h;
}

/* Byte order; the heads decide most comparisons (a missing byte counts as
 * 0, below any byte of a key but NUL, and equal heads go on to memcmp). */
static int
cmp_key(const void *a, const void *b)
{
	const struct sorted_key *x = a, *y = b;
	int c;

	if (x->head != y->head)
		return x->head < y->head ? -1 : 1;
	c = memcmp(x->key, y->key, x->len < y->len ? x->len : y->len);

	if (c != 0)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* Work in two halves, at once, when there are processors to spare. */
static int
use_threads(size_t n)
{
	return n >= 64 && sysconf(_SC_NPROCESSORS_ONLN) >= 2;
}

/* A term's postings in the index: its df, a's chain, then b2's chain with
 * its first varint (first_n bytes) replaced by first_v. */
static uint32_t
postings_len(const struct builder *a, const struct builder *b2,
    const uint32_t *other, const uint32_t *first_v, const uint8_t *first_n,
    uint32_t id, uint32_t *df)
{
	const struct term	*ta = &a->terms[id];
	uint32_t		 len = ta->nbytes;

	*df = ta->df;
	if (other[id] != 0) {
		const struct term *tb = &b2->terms[other[id] - 1];

		*df += tb->df;
		len += tb->nbytes - first_n[id] + varint_len(first_v[id]);
	}
	return varint_len(*df) + len;
}

int
search_index_write(const struct search_doc *docs, size_t n,
    const struct search_table *t, search_sink_fn sink, void *ctx)
{
	return search_index_write_memo(docs, n, t, NULL, sink, ctx);
}

int
search_index_write_memo(const struct search_doc *docs, size_t n,
    const struct search_table *t, struct blob_memo *memo,
    search_sink_fn sink, void *ctx)
{
	struct builder	 a, b2;
	struct coder	 code[2];
	struct writer	 w;
	struct sorted_key *order = NULL;
	uint32_t	*other = NULL, *first_v = NULL, *chars = NULL, nchars,
			 df, toff, doff, coff, xoff, soff, koff, poff, kat,
			 pat, sat;
	struct cpmap	*rank = NULL;
	uint8_t		*first_n = NULL;
	uint64_t	*dl, total = 0, ln, strings_len = 0, keys_len = 0,
			 plen = 0, text_total = 0, half, size, acc;
	size_t		 i, m;
	int		 split, rc = -1;

	if (n > SEARCH_MAX_DOCS) {
		fprintf(stderr, "mamoru: search: %zu pages, at most %d\n", n,
		    SEARCH_MAX_DOCS);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const struct search_doc *d = &docs[i];

		if (d->url_len > SEARCH_MAX_URL ||
		    d->title_len > SEARCH_MAX_TITLE ||
		    d->text_len > UINT32_MAX || d->headings_len > UINT32_MAX) {
			fprintf(stderr, "mamoru: search: page %.*s: URL, title "
			    "or text too long\n", (int)(d->url_len > 200 ? 200 :
			    d->url_len), d->url);
			return -1;
		}
		/* the stored text, coded, takes at most 3 bytes a byte */
		strings_len += d->url_len + d->title_len +
		    3 * (uint64_t)stored_len(d->text, d->text_len);
		text_total += d->text_len + d->headings_len + d->title_len;
	}
	if (strings_len > UINT32_MAX)
		goto too_big;

	/* Tokenise: one builder, or two for two halves of about equal
	 * text, the second's terms then merged into the first's. */
	dl = xcalloc(n + 1, sizeof(*dl));
	memset(&a, 0, sizeof(a));
	a.docs = docs;
	a.t = t;
	a.dl = dl;
	a.to = n;
	/* The records cost about their pages' text again, in memory and in
	 * OUT/.cache: worth it for a site of a few hundred pages, whose
	 * rebuild tokenising would dominate, not for a large one. */
	if (memo != NULL && text_total > SEARCH_MEMO_MAX_TEXT) {
		memo->reused = 0;
		memo = NULL;
	}
	if ((a.memo = memo) != NULL) {
		a.tkey = hash64(t->data, t->size);
		a.doc_key = xcalloc(n + 1, sizeof(*a.doc_key));
		a.rec_at = xcalloc(2 * (n + 1), sizeof(*a.rec_at));
		a.rec_len = a.rec_at + n + 1;
		a.rec_new = xcalloc(n + 1, sizeof(*a.rec_new));
		a.rec_old = xcalloc(n + 1, sizeof(*a.rec_old));
	}
	b2 = a;
	if ((split = use_threads(n))) {
		half = text_total / 2;
		for (m = 0, acc = 0; m < n && acc < half; m++)
			acc += docs[m].text_len + docs[m].headings_len +
			    docs[m].title_len;
		a.to = b2.from = m;
		run_pair(build_range, &a, &b2, 1);
	} else
		build_range(&a);
	first_v = xcalloc(1, sizeof(*first_v));
	first_n = xcalloc(1, sizeof(*first_n));
	if (split) {
		other = xmalloc((b2.nterms + 1) * sizeof(*other));
		for (i = 0; i < b2.nterms; i++)
			other[i] = intern(&a, b2.keys.data +
			    b2.terms[i].key_off, b2.terms[i].key_len);
		first_v = xrealloc(first_v, (a.nterms + 1) * sizeof(*first_v));
		first_n = xrealloc(first_n, (a.nterms + 1) * sizeof(*first_n));
		for (i = 0; i < b2.nterms; i++) {
			struct term *ta = &a.terms[other[i]];
			struct term *tb = &b2.terms[i];
			uint32_t v, gap, doc;

			/* b2's first posting counts from NO_DOC; from a's
			 * last page, its gap is smaller. */
			first_n[other[i]] = (uint8_t)chain_first(&b2, tb, &v);
			doc = v >> 1;
			gap = doc - ta->prev - 1;
			first_v[other[i]] = gap << 1 | (v & 1);
		}
		for (i = 0; i < CP_NPAGES; i++) {
			uint32_t *from = b2.counts->page[i];
			size_t j;

			for (j = 0; from != NULL && j < CP_PAGE; j++)
				if (from[j] != 0)
					*cp_slot(a.counts, (uint32_t)(i <<
					    CP_PAGE_BITS | j)) += from[j];
		}
	}
	for (i = 0; i < n; i++)
		total += dl[i];
	/* Every page's record for the next build, in page order. */
	if (memo != NULL) {
		for (i = 0; i < n; i++) {
			const struct builder *by = split && i >= b2.from ?
			    &b2 : &a;

			if (a.rec_new[i])
				memo->put(memo->ctx, a.doc_key[i],
				    by->rec.data + a.rec_at[i], a.rec_len[i]);
			else if (a.rec_old[i] != NULL)
				memo->put(memo->ctx, a.doc_key[i],
				    a.rec_old[i], a.rec_len[i]);
		}
		memo->reused = a.reused + (split ? b2.reused : 0);
		free(a.doc_key);
		free(a.rec_at);
		free(a.rec_new);
		free(a.rec_old);
	}

	/* The stored text's code, then every page's text coded. */
	rank = code_build(a.counts, &chars, &nchars);
	memset(code, 0, sizeof(code));
	code[0].docs = docs;
	code[0].rank = rank;
	code[0].at = xmalloc((2 * n + 1) * sizeof(*code[0].at));
	code[0].len = code[0].at + n;
	code[0].to = n;
	code[1] = code[0];
	if (split) {
		code[0].to = code[1].from = a.to;
		run_pair(code_range, &code[0], &code[1], 1);
	} else
		code_range(&code[0]);
	strings_len = 0;
	for (i = 0; i < n; i++)
		strings_len += docs[i].url_len + docs[i].title_len +
		    code[0].len[i];

	/* The sizes, so that everything can be written in one pass. */
	order = xmalloc((a.nterms + 1) * sizeof(*order));
	for (i = 0; i < a.nterms; i++) {
		order[i].key = a.keys.data + a.terms[i].key_off;
		order[i].len = a.terms[i].key_len;
		order[i].id = (uint32_t)i;
		order[i].head = big_endian_head(order[i].key, order[i].len);
	}
	qsort(order, a.nterms, sizeof(*order), cmp_key);
	{
		/* a's term -> b2's term + 1 (0: none) */
		uint32_t *b_of = xcalloc(a.nterms + 1, sizeof(*b_of));

		for (i = 0; split && i < b2.nterms; i++)
			b_of[other[i]] = (uint32_t)i + 1;
		free(other);
		other = b_of;
	}
	for (i = 0; i < a.nterms; i++) {
		keys_len += a.terms[i].key_len;
		plen += postings_len(&a, &b2, other, first_v, first_n,
		    (uint32_t)i, &df);
	}
	size = 64 + (uint64_t)t->size + 16 * (uint64_t)n + 4 +
	    4 * (uint64_t)nchars + 8 * ((uint64_t)a.nterms + 1) +
	    strings_len + keys_len + plen;
	if (size > UINT32_MAX - 8) {
		free(dl);
		fprintf(stderr, "mamoru: search: the index would be above "
		    "4 GiB\n");
		goto done;
	}

	memset(&w, 0, sizeof(w));
	w.sink = sink;
	w.ctx = ctx;
	w.stage = xmalloc(STAGE_BYTES);
	toff = 64;
	doff = toff + t->size;
	coff = doff + 16 * (uint32_t)n;
	xoff = coff + 4 + 4 * nchars;
	soff = xoff + 8 * ((uint32_t)a.nterms + 1);
	koff = soff + (uint32_t)strings_len;
	poff = koff + (uint32_t)keys_len;
	wr_32(&w, SEARCH_INDEX_MAGIC);
	wr_32(&w, SEARCH_INDEX_VERSION);
	wr_32(&w, (uint32_t)n);
	wr_32(&w, (uint32_t)a.nterms);
	wr_32(&w, 0);				/* flags */
	wr_32(&w, toff);
	wr_32(&w, t->size);
	wr_32(&w, doff);
	wr_32(&w, soff);
	wr_32(&w, (uint32_t)strings_len);
	wr_32(&w, xoff);
	wr_32(&w, koff);
	wr_32(&w, (uint32_t)keys_len);
	wr_32(&w, poff);
	wr_32(&w, (uint32_t)plen);
	wr_32(&w, coff);
	wr_put(&w, t->data, t->size);
	/* documents; dl / avgdl = dl * N / total, in 1/65536 */
	for (i = 0, sat = 0; i < n; i++) {
		const struct search_doc *d = &docs[i];

		ln = total ? dl[i] * n * 65536 / total : 65536;
		if (ln > UINT32_MAX)
			ln = UINT32_MAX;
		wr_32(&w, sat);
		wr_32(&w, (uint32_t)d->url_len | (uint32_t)d->title_len << 16);
		wr_32(&w, code[0].len[i] |
		    (uint32_t)stored_len(d->text, d->text_len) << 16);
		wr_32(&w, (uint32_t)ln);
		sat += (uint32_t)(d->url_len + d->title_len) + code[0].len[i];
	}
	free(dl);
	/* the stored text's characters */
	wr_32(&w, nchars);
	for (i = 0; i < nchars; i++)
		wr_32(&w, chars[i]);
	/* dictionary */
	for (i = 0, kat = pat = 0; i < a.nterms; i++) {
		wr_32(&w, kat);
		wr_32(&w, pat);
		kat += order[i].len;
		pat += postings_len(&a, &b2, other, first_v, first_n,
		    order[i].id, &df);
	}
	wr_32(&w, kat);
	wr_32(&w, pat);
	/* strings */
	for (i = 0; i < n; i++) {
		const struct search_doc *d = &docs[i];
		const struct coder *c = &code[split && i >= code[1].from];

		wr_put(&w, d->url, d->url_len);
		wr_put(&w, d->title, d->title_len);
		wr_put(&w, c->out.data + c->at[i], c->len[i]);
	}
	/* keys */
	for (i = 0; i < a.nterms; i++)
		wr_put(&w, order[i].key, order[i].len);
	/* postings: a's pages, then b2's, whose first gap is new */
	for (i = 0; i < a.nterms; i++) {
		uint32_t id = order[i].id;
		const struct term *ta = &a.terms[id];
		const struct term *tb = other[id] != 0 ?
		    &b2.terms[other[id] - 1] : NULL;

		wr_varint(&w, ta->df + (tb != NULL ? tb->df : 0));
		wr_chain(&w, &a, ta, 0);
		if (tb != NULL) {
			wr_varint(&w, first_v[id]);
			wr_chain(&w, &b2, tb, first_n[id]);
		}
	}
	wr_flush(&w);
	free(w.stage);
	rc = 0;
done:
	free(order);
	free(other);
	free(first_v);
	free(first_n);
	cp_free(rank);
	free(chars);
	free(code[0].at);
	buf_free(&code[0].out);
	buf_free(&code[1].out);
	builder_free(&a);
	if (split)
		builder_free(&b2);
	return rc;
too_big:
	fprintf(stderr, "mamoru: search: the index would be above 4 GiB\n");
	return -1;
}

static void
append_to_buf(const void *p, size_t n, void *ctx)
{
	buf_append(ctx, p, n);
}

int
search_index_build(const struct search_doc *docs, size_t n,
    const struct search_table *t, buf *out)
{
	size_t before = out->len;

	while (out->len % 4 != 0)
		buf_putc(out, 0);
	if (search_index_write(docs, n, t, append_to_buf, out) == -1) {
		buf_truncate(out, before);
		return -1;
	}
	return 0;
}
