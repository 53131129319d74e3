/*
 * dump.c -- tokens and results as text, so that a native run and a
 * WebAssembly run can be compared byte for byte (tests/search/wasm.mjs).
 *
 * Freestanding: nothing but <stdint.h>, no allocation.
 */
#include "search_int.h"

struct out {
	char		*p;
	uint32_t	 n, cap;
	int		 full;
};

static void
put(struct out *o, const char *s, uint32_t n)
{
	uint32_t i;

	if (o->full || o->cap - o->n < n) {
		o->full = 1;
		return;
	}
	for (i = 0; i < n; i++)
		o->p[o->n++] = s[i];
}

static void
put_str(struct out *o, const char *s)
{
	uint32_t n = 0;

	while (s[n] != '\0')
		n++;
	put(o, s, n);
}

static void
put_num(struct out *o, uint32_t v)
{
	char		d[10];
	uint32_t	n = 0, i;
	char		r[10];

	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	for (i = 0; i < n; i++)
		r[i] = d[n - 1 - i];
	put(o, r, n);
}

static int
dump_token(const struct search_token *tok, void *ctx)
{
	struct out	*o = ctx;
	static const char kinds[] = "?wbsf";

	put(o, &kinds[tok->kind <= 4 ? tok->kind : 0], 1);
	put(o, " ", 1);
	put_num(o, tok->start);
	put(o, " ", 1);
	put_num(o, tok->end);
	put(o, " ", 1);
	put_num(o, tok->first_end);
	put(o, " ", 1);
	put(o, tok->key, tok->len);
	put(o, "\n", 1);
	return o->full;
}

int32_t
search_tokens_dump(const struct search_table *t, const char *s, uint32_t n,
    uint32_t flags, char *out, uint32_t cap)
{
	struct out o;

	o.p = out;
	o.n = 0;
	o.cap = cap;
	o.full = 0;
	search_tokenize(t, s, n, flags, dump_token, &o);
	return o.full ? SEARCH_E_SPACE : (int32_t)o.n;
}

static void
put_ranges(struct out *o, const uint32_t (*r)[2], uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		put(o, " ", 1);
		put_num(o, r[i][0]);
		put(o, "-", 1);
		put_num(o, r[i][1]);
	}
}

/*
 * "total T hits H terms N matched M\n", then per hit
 * "DOC SCORE START-END marks A-B ... title A-B ...\n".
 */
int32_t
search_result_dump(const struct search_result *res,
    const struct search_hit *hits, char *out, uint32_t cap)
{
	struct out	o;
	uint32_t	i;

	o.p = out;
	o.n = 0;
	o.cap = cap;
	o.full = 0;
	put_str(&o, "total ");
	put_num(&o, res->total);
	put_str(&o, " hits ");
	put_num(&o, res->nhits);
	put_str(&o, " terms ");
	put_num(&o, res->nterms);
	put_str(&o, " matched ");
	put_num(&o, res->matched);
	put(&o, "\n", 1);
	for (i = 0; i < res->nhits; i++) {
		put_num(&o, hits[i].doc);
		put(&o, " ", 1);
		put_num(&o, hits[i].score);
		put(&o, " ", 1);
		put_num(&o, hits[i].snippet_start);
		put(&o, "-", 1);
		put_num(&o, hits[i].snippet_end);
		put_str(&o, " marks");
		put_ranges(&o, (const uint32_t (*)[2])hits[i].marks,
		    hits[i].nmarks);
		put_str(&o, " title");
		put_ranges(&o, (const uint32_t (*)[2])hits[i].title_marks,
		    hits[i].ntitle_marks);
		put(&o, "\n", 1);
	}
	return o.full ? SEARCH_E_SPACE : (int32_t)o.n;
}
