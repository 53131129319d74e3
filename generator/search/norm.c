/*
 * norm.c -- NFKC_Casefold through the table that search_table_build()
 * derives from ICU (see search.h and docs/search.md).
 *
 * Each code point is replaced by its table entry (or kept); the results
 * are cut into combining sequences (a starter and the marks after it),
 * and a sequence that has marks is put into canonical order and composed,
 * exactly as NFC does: the starter is decomposed through the table's
 * composition pairs, the marks are sorted by combining class (stably),
 * and then each mark that is not blocked is composed with the starter.
 * Hangul syllables are composed and decomposed by arithmetic.  A starter
 * composes with the next starter when the pair exists (Hangul L+V, LV+T).
 *
 * Freestanding: nothing but <stdint.h>, no allocation.
 */
#include "search_int.h"

#define HANGUL_S	0xAC00
#define HANGUL_L	0x1100
#define HANGUL_V	0x1161
#define HANGUL_T	0x11A7
#define HANGUL_LN	19
#define HANGUL_VN	21
#define HANGUL_TN	28
#define HANGUL_SN	(HANGUL_LN * HANGUL_VN * HANGUL_TN)

/* ----- the table ---------------------------------------------------------- */

/* The bitmaps of struct search_table: a bit per 16 code points of the BMP;
 * beyond it every bit counts as set. */
static void
bmp_mark(uint32_t *bits, uint32_t cp)
{
	if (cp < 0x10000)
		bits[cp >> 9] |= 1u << ((cp >> 4) & 31);
}

static inline int
bmp_has(const uint32_t *bits, uint32_t cp)
{
	return cp >= 0x10000 || ((bits[cp >> 9] >> ((cp >> 4) & 31)) & 1);
}

int32_t
search_table_open(struct search_table *t, const void *data, uint32_t len)
{
	const uint32_t	*w = data;
	uint32_t	 need, i, b;

	if (t == 0 || data == 0 || ((uintptr_t)data & 3) != 0)
		return SEARCH_E_ARG;
	if (len < SEARCH_TABLE_HEADER * 4)
		return SEARCH_E_SHORT;
	if (w[0] != SEARCH_TABLE_MAGIC || w[1] != SEARCH_VERSION)
		return SEARCH_E_MAGIC;
	t->nmap = w[2];
	t->npool = w[3];
	t->nccc = w[4];
	t->npairs = w[5];
	t->nranges = w[6];
	t->unicode = w[7];
	if (t->nmap > 0x100000 || t->npool > 0x100000 || t->nccc > 0x100000 ||
	    t->npairs > 0x100000 || t->nranges > 0x10000)
		return SEARCH_E_FORMAT;
	need = SEARCH_TABLE_HEADER + 2 * t->nmap + t->npool + t->nccc +
	    4 * t->npairs + 2 * t->nranges;
	if (len / 4 < need)
		return SEARCH_E_SHORT;
	if (len / 4 > need || len % 4 != 0)
		return SEARCH_E_FORMAT;
	t->data = data;
	t->size = len;
	t->map = w + SEARCH_TABLE_HEADER;
	t->pool = t->map + 2 * t->nmap;
	t->ccc = t->pool + t->npool;
	t->pairs = t->ccc + t->nccc;
	t->by_composite = t->pairs + 3 * t->npairs;
	t->ranges = t->by_composite + t->npairs;
	for (i = 0; i < 24; i++)
		t->blocks[i] = 0;
	for (i = 0; i < 128; i++)
		t->bmp_map[i] = t->bmp_ccc[i] = t->bmp_second[i] = 0;
	for (i = 0; i < t->nmap; i++) {
		uint32_t len1 = t->map[2 * i] & 0xFF;

		if (i > 0 && t->map[2 * i] >> 8 <= t->map[2 * i - 2] >> 8)
			return SEARCH_E_FORMAT;		/* not sorted */
		if (len1 >= 2 && (t->map[2 * i + 1] > t->npool ||
		    t->npool - t->map[2 * i + 1] < len1))
			return SEARCH_E_FORMAT;
		b = (t->map[2 * i] >> 8) >> 8;
		if (b < 768)
			t->blocks[b >> 5] |= 1u << (b & 31);
		bmp_mark(t->bmp_map, t->map[2 * i] >> 8);
	}
	for (i = 0; i < t->nccc; i++) {
		if (i > 0 && t->ccc[i] >> 8 <= t->ccc[i - 1] >> 8)
			return SEARCH_E_FORMAT;
		b = (t->ccc[i] >> 8) >> 8;
		if (b < 768)
			t->blocks[b >> 5] |= 1u << (b & 31);
		bmp_mark(t->bmp_ccc, t->ccc[i] >> 8);
	}
	for (i = 0; i < t->npairs; i++) {
		if (t->by_composite[i] >= t->npairs)
			return SEARCH_E_FORMAT;
		bmp_mark(t->bmp_second, t->pairs[3 * i + 1]);
	}
	return SEARCH_OK;
}

/* Could cp have a map or ccc entry?  (Most text never needs a search.) */
static int
may_change(const struct search_table *t, uint32_t cp)
{
	uint32_t b = cp >> 8;

	if (b >= 768)
		return cp >= 0xE0000;
	return (t->blocks[b >> 5] >> (b & 31)) & 1;
}

/* Index of cp's map entry, or -1. */
static int32_t
map_find(const struct search_table *t, uint32_t cp)
{
	uint32_t lo = 0, hi = t->nmap, mid, k;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		k = t->map[2 * mid] >> 8;
		if (k == cp)
			return (int32_t)mid;
		if (k < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static uint32_t
ccc_of(const struct search_table *t, uint32_t cp)
{
	uint32_t lo = 0, hi = t->nccc, mid, k;

	if (cp < 0x300 || !bmp_has(t->bmp_ccc, cp) || !may_change(t, cp))
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		k = t->ccc[mid] >> 8;
		if (k == cp)
			return t->ccc[mid] & 0xFF;
		if (k < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The composite of a + b, or 0. */
static uint32_t
compose(const struct search_table *t, uint32_t a, uint32_t b)
{
	uint32_t lo = 0, hi = t->npairs, mid;
	const uint32_t *p;

	if (a >= HANGUL_L && a < HANGUL_L + HANGUL_LN &&
	    b >= HANGUL_V && b < HANGUL_V + HANGUL_VN)
		return HANGUL_S + ((a - HANGUL_L) * HANGUL_VN +
		    (b - HANGUL_V)) * HANGUL_TN;
	if (a >= HANGUL_S && a < HANGUL_S + HANGUL_SN &&
	    (a - HANGUL_S) % HANGUL_TN == 0 &&
	    b > HANGUL_T && b < HANGUL_T + HANGUL_TN)
		return a + (b - HANGUL_T);
	if (!bmp_has(t->bmp_second, b))
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		p = t->pairs + 3 * mid;
		if (p[0] == a && p[1] == b)
			return p[2];
		if (p[0] < a || (p[0] == a && p[1] < b))
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The pair that composes to c, or 0. */
static const uint32_t *
decompose_pair(const struct search_table *t, uint32_t c)
{
	uint32_t lo = 0, hi = t->npairs, mid;
	const uint32_t *p;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		p = t->pairs + 3 * t->by_composite[mid];
		if (p[2] == c)
			return p;
		if (p[2] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* ----- UTF-8 -------------------------------------------------------------- */

/* Decode at s[*i]; malformed input gives U+FFFD and advances one byte. */
static uint32_t
utf8_decode(const unsigned char *s, uint32_t n, uint32_t *i)
{
	uint32_t	c = s[*i], cp, need, k, min;

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1; cp = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2; cp = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3; cp = c & 0x07; min = 0x10000;
	} else {
		(*i)++;
		return 0xFFFD;
	}
	if (n - *i <= need) {
		(*i)++;
		return 0xFFFD;
	}
	for (k = 1; k <= need; k++) {
		if ((s[*i + k] & 0xC0) != 0x80) {
			(*i)++;
			return 0xFFFD;
		}
		cp = cp << 6 | (s[*i + k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		(*i)++;
		return 0xFFFD;
	}
	*i += need + 1;
	return cp;
}

uint32_t
search_utf8_put(char *out, uint32_t cp)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* ----- combining sequences ------------------------------------------------ */

struct ncp {
	uint32_t	cp, start, end, ccc;
};

struct norm {
	const struct search_table	*t;
	search_cp_fn			 fn;
	void				*ctx;
	struct ncp			 seg[SEARCH_SEG_MAX + 8];
	uint32_t			 nseg;
	int				 rc;
};

/* Write the full canonical decomposition of c (a starter) to out, at most
 * depth + 1 code points (4 is deeper than any Unicode decomposition). */
static uint32_t
decompose(const struct search_table *t, uint32_t c, uint32_t *out,
    uint32_t depth)
{
	const uint32_t	*p;
	uint32_t	 s, n;

	if (c >= HANGUL_S && c < HANGUL_S + HANGUL_SN) {
		s = c - HANGUL_S;
		out[0] = HANGUL_L + s / (HANGUL_VN * HANGUL_TN);
		out[1] = HANGUL_V + (s % (HANGUL_VN * HANGUL_TN)) / HANGUL_TN;
		if (s % HANGUL_TN == 0)
			return 2;
		out[2] = HANGUL_T + s % HANGUL_TN;
		return 3;
	}
	if (depth == 0 || (p = decompose_pair(t, c)) == 0) {
		out[0] = c;
		return 1;
	}
	n = decompose(t, p[0], out, depth - 1);
	out[n] = p[1];
	return n + 1;
}

/*
 * Put the sequence in NFC: decompose its starter, order the marks, and
 * compose.  The characters that compose keep the union of their sources.
 */
static void
seq_compose(struct norm *nm)
{
	struct ncp	 tmp[SEARCH_SEG_MAX + 8], x;
	uint32_t	 parts[8], np, n = 0, i, j, st, last, out, c;
	const struct search_table *t = nm->t;

	if (nm->nseg < 2)
		return;
	if (nm->seg[0].ccc == 0) {
		np = decompose(t, nm->seg[0].cp, parts, 4);
		for (i = 0; i < np; i++) {
			tmp[n] = nm->seg[0];
			tmp[n].cp = parts[i];
			tmp[n].ccc = i == 0 ? 0 : ccc_of(t, parts[i]);
			n++;
		}
	} else
		tmp[n++] = nm->seg[0];
	for (i = 1; i < nm->nseg; i++)
		tmp[n++] = nm->seg[i];
	/* Canonical order: a stable insertion sort of the marks. */
	for (i = 1; i < n; i++) {
		x = tmp[i];
		if (x.ccc == 0)
			continue;
		for (j = i; j > 0 && tmp[j - 1].ccc > x.ccc; j--)
			tmp[j] = tmp[j - 1];
		tmp[j] = x;
	}
	if (tmp[0].ccc != 0) {
		for (i = 0; i < n; i++)
			nm->seg[i] = tmp[i];
		nm->nseg = n;
		return;
	}
	/* Compose: a character joins the last starter unless a character
	 * left between them has class 0 or a class not below its own. */
	st = 0;
	last = 0;
	out = 1;
	for (i = 1; i < n; i++) {
		if ((last == 0 || last < tmp[i].ccc) &&
		    (c = compose(t, tmp[st].cp, tmp[i].cp)) != 0) {
			tmp[st].cp = c;
			tmp[st].start = search_min(tmp[st].start, tmp[i].start);
			tmp[st].end = search_max(tmp[st].end, tmp[i].end);
			continue;
		}
		if (tmp[i].ccc == 0)
			st = out;
		last = tmp[i].ccc;
		tmp[out++] = tmp[i];
	}
	for (i = 0; i < out; i++)
		nm->seg[i] = tmp[i];
	nm->nseg = out;
}

static void
seq_flush(struct norm *nm)
{
	uint32_t i;

	for (i = 0; i < nm->nseg && nm->rc == 0; i++)
		nm->rc = nm->fn(nm->seg[i].cp, nm->seg[i].start,
		    nm->seg[i].end, nm->ctx);
	nm->nseg = 0;
}

/* One mapped code point into the current sequence. */
static void
feed(struct norm *nm, uint32_t cp, uint32_t start, uint32_t end)
{
	uint32_t	 cc = ccc_of(nm->t, cp), c;
	struct ncp	*s;

	if (cc == 0 && nm->nseg > 0) {
		seq_compose(nm);
		s = &nm->seg[0];
		if (nm->nseg == 1 && s->ccc == 0 &&
		    (c = compose(nm->t, s->cp, cp)) != 0) {
			s->cp = c;
			s->start = search_min(s->start, start);
			s->end = search_max(s->end, end);
			return;
		}
		seq_flush(nm);
	} else if (nm->nseg == SEARCH_SEG_MAX) {
		/* Longer than any real text: composed as far as it goes. */
		seq_compose(nm);
		seq_flush(nm);
	}
	s = &nm->seg[nm->nseg++];
	s->cp = cp;
	s->start = start;
	s->end = end;
	s->ccc = cc;
}

int
search_normalize(const struct search_table *t, const char *s, uint32_t n,
    search_cp_fn fn, void *ctx)
{
	struct norm	 nm;
	const unsigned char *u = (const unsigned char *)s;
	uint32_t	 i = 0, start, cp, k, len, v;
	int32_t		 e;

	nm.t = t;
	nm.fn = fn;
	nm.ctx = ctx;
	nm.nseg = 0;
	nm.rc = 0;
	while (i < n && nm.rc == 0) {
		start = i;
		if (u[i] < 0x80 && (u[i] < 'A' || u[i] > 'Z')) {
			/* ASCII other than capitals maps to itself. */
			feed(&nm, u[i], i, i + 1);
			i++;
			continue;
		}
		cp = utf8_decode(u, n, &i);
		if (!bmp_has(t->bmp_map, cp) || !may_change(t, cp) ||
		    (e = map_find(t, cp)) < 0) {
			feed(&nm, cp, start, i);
			continue;
		}
		len = t->map[2 * e] & 0xFF;
		v = t->map[2 * e + 1];
		if (len == 1)
			feed(&nm, v, start, i);
		else
			for (k = 0; k < len && nm.rc == 0; k++)
				feed(&nm, t->pool[v + k], start, i);
	}
	if (nm.rc == 0) {
		seq_compose(&nm);
		seq_flush(&nm);
	}
	return nm.rc;
}

uint32_t
search_fold_kana(uint32_t cp)
{
	if ((cp >= 0x3041 && cp <= 0x3096) || cp == 0x309D || cp == 0x309E)
		return cp + 0x60;
	return cp;
}
