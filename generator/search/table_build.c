/*
 * table_build.c -- the normalisation table, derived from ICU's
 * NFKC_Casefold (search_build.h, format in docs/search.md).
 *
 * ICU cannot run in the browser's freestanding WebAssembly, so the
 * generator asks ICU once, for every covered code point, and writes down
 * what the tokeniser needs to give the same answers: the replacement of
 * each code point that changes, the combining class of every mark that
 * can meet it, and the canonical composition pairs.  Besides text/, this
 * is the only file that includes ICU headers.
 */
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search_build.h"
#include "search_int.h"

/*
 * What the search normalises exactly like ICU.  Text is Japanese with some
 * Latin: everything a Japanese page or a PDF paste brings (full-width and
 * half-width forms, Kangxi radicals, CJK compatibility, enclosed and
 * squared characters, kana, Latin and its accents), plus Greek, Cyrillic
 * and Hangul for completeness.
 */
const uint32_t search_coverage[][2] = {
	{ 0x0000, 0x036F },	/* Basic Latin .. Combining Diacritical Marks */
	{ 0x0370, 0x03FF },	/* Greek and Coptic */
	{ 0x0400, 0x04FF },	/* Cyrillic */
	{ 0x1E00, 0x1EFF },	/* Latin Extended Additional */
	{ 0x2000, 0x206F },	/* General Punctuation (spaces, ZWSP) */
	{ 0x2070, 0x209F },	/* Superscripts and Subscripts */
	{ 0x20A0, 0x20CF },	/* Currency Symbols */
	{ 0x2100, 0x218F },	/* Letterlike Symbols, Number Forms */
	{ 0x2460, 0x24FF },	/* Enclosed Alphanumerics */
	{ 0x2E80, 0x2FDF },	/* CJK Radicals Supplement, Kangxi Radicals */
	{ 0x3000, 0x30FF },	/* CJK Symbols and Punctuation, kana */
	{ 0x3130, 0x318F },	/* Hangul Compatibility Jamo */
	{ 0x3190, 0x319F },	/* Kanbun */
	{ 0x31F0, 0x31FF },	/* Katakana Phonetic Extensions */
	{ 0x3200, 0x33FF },	/* Enclosed CJK, CJK Compatibility (㍿ ㌔ ㈱) */
	{ 0x3400, 0x4DBF },	/* CJK Unified Ideographs Extension A */
	{ 0x4E00, 0x9FFF },	/* CJK Unified Ideographs */
	{ 0xAC00, 0xD7A3 },	/* Hangul Syllables */
	{ 0xF900, 0xFAFF },	/* CJK Compatibility Ideographs */
	{ 0xFE00, 0xFE0F },	/* Variation Selectors */
	{ 0xFE10, 0xFE1F },	/* Vertical Forms */
	{ 0xFE30, 0xFE4F },	/* CJK Compatibility Forms */
	{ 0xFE50, 0xFE6F },	/* Small Form Variants */
	{ 0xFEFF, 0xFEFF },	/* Zero Width No-Break Space (BOM) */
	{ 0xFF00, 0xFFEF },	/* Halfwidth and Fullwidth Forms */
	{ 0x1F100, 0x1F2FF },	/* Enclosed Alphanumeric/Ideographic Suppl. */
	{ 0x20000, 0x2FFFF },	/* CJK Ext. B.., Compatibility Suppl. */
	{ 0xE0000, 0xE007F },	/* Tags */
	{ 0xE0100, 0xE01EF },	/* Variation Selectors Supplement (IVS) */
};
const size_t search_ncoverage = sizeof(search_coverage) /
    sizeof(search_coverage[0]);

#define NCP	0x110000

struct bits {
	unsigned char	*b;
};

static void
bit_set(struct bits *s, uint32_t cp)
{
	s->b[cp >> 3] |= (unsigned char)(1u << (cp & 7));
}

static int
bit_get(const struct bits *s, uint32_t cp)
{
	return (s->b[cp >> 3] >> (cp & 7)) & 1;
}

static void
put32(buf *b, uint32_t v)
{
	unsigned char w[4];

	w[0] = (unsigned char)v;
	w[1] = (unsigned char)(v >> 8);
	w[2] = (unsigned char)(v >> 16);
	w[3] = (unsigned char)(v >> 24);
	buf_append(b, w, 4);
}

/* norm applied to the single code point cp; returns the length in code
 * points written to out (at most cap), or -1. */
static int
icu_map(const UNormalizer2 *norm, uint32_t cp, uint32_t *out, int cap)
{
	UChar		src[2], dst[64];
	UErrorCode	err = U_ZERO_ERROR;
	int32_t		ns = 0, nd, i = 0, n = 0;
	UChar32		c;

	U16_APPEND_UNSAFE(src, ns, (UChar32)cp);
	nd = unorm2_normalize(norm, src, ns, dst, 64, &err);
	if (U_FAILURE(err))
		return -1;
	while (i < nd) {
		U16_NEXT(dst, i, nd, c);
		if (n == cap)
			return -1;
		out[n++] = (uint32_t)c;
	}
	return n;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* What the table is built from, stage by stage. */
struct tb {
	const UNormalizer2	*cf, *nfc, *nfd;
	struct bits		 seen;	/* code points that can occur */
	struct bits		 marks;	/* ... and may compose with the previous */
	buf			 map, pool, ccc;
	uint32_t		 nmap, npool, nccc;
	uint32_t		*pairs;	/* first, second, composite */
	size_t			 npairs, cap;
	uint32_t		 failed;	/* code point ICU failed on */
};

/* The replacement of every covered code point that changes. */
static int
tb_replacements(struct tb *tb)
{
	uint32_t	cp, o[64];
	size_t		r;
	int		n, k;

	for (r = 0; r < search_ncoverage; r++)
		for (cp = search_coverage[r][0]; cp <= search_coverage[r][1];
		    cp++) {
			if (cp >= 0xD800 && cp <= 0xDFFF)
				continue;
			bit_set(&tb->seen, cp);
			if ((n = icu_map(tb->cf, cp, o, 64)) < 0 || n > 255) {
				tb->failed = cp;
				return -1;
			}
			if (n == 1 && o[0] == cp)
				continue;
			put32(&tb->map, cp << 8 | (uint32_t)n);
			if (n == 1)
				put32(&tb->map, o[0]);
			else {
				put32(&tb->map, tb->npool);
				for (k = 0; k < n; k++)
					put32(&tb->pool, o[k]);
				tb->npool += (uint32_t)n;
			}
			for (k = 0; k < n; k++)
				bit_set(&tb->seen, o[k]);
			tb->nmap++;
		}
	return 0;
}

/* Whatever the canonical decompositions of those contain can occur too;
 * note the combining classes, and the marks that compose backwards
 * (Hangul jamo compose by arithmetic instead). */
static int
tb_marks(struct tb *tb)
{
	uint32_t	cp, d[64];
	int		n, k, m;

	for (cp = 0; cp < NCP; cp++) {
		if (!bit_get(&tb->seen, cp) || (cp >= 0xD800 && cp <= 0xDFFF))
			continue;
		if ((n = icu_map(tb->nfd, cp, d, 64)) < 0) {
			tb->failed = cp;
			return -1;
		}
		for (k = 0; k < n; k++)
			bit_set(&tb->seen, d[k]);
	}
	for (cp = 0; cp < NCP; cp++) {
		if (!bit_get(&tb->seen, cp))
			continue;
		if ((m = u_getCombiningClass((UChar32)cp)) != 0) {
			put32(&tb->ccc, cp << 8 | (uint32_t)m);
			tb->nccc++;
		}
		if (u_getIntPropertyValue((UChar32)cp, UCHAR_NFC_QUICK_CHECK) ==
		    UNORM_MAYBE && !(cp >= 0x1161 && cp <= 0x11C2))
			bit_set(&tb->marks, cp);
	}
	return 0;
}

/* Is cp a primary composite of two code points?  Then *a + *b. */
static int
raw_pair(const UNormalizer2 *nfc, uint32_t cp, UChar32 *a, UChar32 *b)
{
	UErrorCode	err = U_ZERO_ERROR;
	UChar		raw[8];
	int32_t		n, j = 0;

	n = unorm2_getRawDecomposition(nfc, (UChar32)cp, raw, 8, &err);
	if (U_FAILURE(err) || n <= 0)
		return 0;
	U16_NEXT(raw, j, n, *a);
	if (j == n)
		return 0;
	U16_NEXT(raw, j, n, *b);
	return j == n && unorm2_composePair(nfc, *a, *b) == (UChar32)cp;
}

/* Every primary composite whose second character is one of the marks. */
static void
tb_pairs(struct tb *tb)
{
	uint32_t	cp;
	UChar32		a, b;

	for (cp = 0; cp < NCP; cp++) {
		if ((cp >= 0xD800 && cp <= 0xDFFF) ||
		    (cp >= 0xAC00 && cp <= 0xD7A3))
			continue;
		if (!raw_pair(tb->nfc, cp, &a, &b) ||
		    !bit_get(&tb->marks, (uint32_t)b))
			continue;
		if (tb->npairs == tb->cap) {
			tb->cap = tb->cap ? 2 * tb->cap : 1024;
			tb->pairs = xrealloc(tb->pairs,
			    tb->cap * 3 * sizeof(*tb->pairs));
		}
		tb->pairs[3 * tb->npairs] = (uint32_t)a;
		tb->pairs[3 * tb->npairs + 1] = (uint32_t)b;
		tb->pairs[3 * tb->npairs + 2] = cp;
		tb->npairs++;
	}
}

static const uint32_t	*sort_pairs;	/* for cmp_composite */

static int
cmp_composite(const void *a, const void *b)
{
	uint32_t x = sort_pairs[3 * *(const uint32_t *)a + 2];
	uint32_t y = sort_pairs[3 * *(const uint32_t *)b + 2];

	return x < y ? -1 : x > y;
}

/* Sort the pairs by (first, second) -- both fit in 21 bits, so on one
 * 64-bit key -- and return their numbers in the order of composites. */
static uint32_t *
tb_sort_pairs(struct tb *tb)
{
	uint64_t	*keys = xmalloc((tb->npairs + 1) * sizeof(*keys));
	uint32_t	*sorted = xmalloc((tb->npairs + 1) * 3 * sizeof(*sorted));
	uint32_t	*order = xmalloc((tb->npairs + 1) * sizeof(*order));
	size_t		 i;

	for (i = 0; i < tb->npairs; i++)
		keys[i] = (uint64_t)tb->pairs[3 * i] << 42 |
		    (uint64_t)tb->pairs[3 * i + 1] << 21 | i;
	qsort(keys, tb->npairs, sizeof(*keys), cmp_u64);
	for (i = 0; i < tb->npairs; i++)
		memcpy(sorted + 3 * i, tb->pairs + 3 * (keys[i] & 0x1FFFFF),
		    3 * sizeof(*sorted));
	free(tb->pairs);
	free(keys);
	tb->pairs = sorted;
	for (i = 0; i < tb->npairs; i++)
		order[i] = (uint32_t)i;
	sort_pairs = tb->pairs;
	qsort(order, tb->npairs, sizeof(*order), cmp_composite);
	return order;
}

static void
tb_write(const struct tb *tb, const uint32_t *order, buf *out)
{
	UVersionInfo	uv;
	size_t		i;

	u_getUnicodeVersion(uv);
	while (out->len % 4 != 0)
		buf_putc(out, 0);
	put32(out, SEARCH_TABLE_MAGIC);
	put32(out, SEARCH_VERSION);
	put32(out, tb->nmap);
	put32(out, tb->npool);
	put32(out, tb->nccc);
	put32(out, (uint32_t)tb->npairs);
	put32(out, (uint32_t)search_ncoverage);
	put32(out, (uint32_t)uv[0] << 16 | (uint32_t)uv[1] << 8 | uv[2]);
	buf_append(out, tb->map.data, tb->map.len);
	buf_append(out, tb->pool.data, tb->pool.len);
	buf_append(out, tb->ccc.data, tb->ccc.len);
	for (i = 0; i < 3 * tb->npairs; i++)
		put32(out, tb->pairs[i]);
	for (i = 0; i < tb->npairs; i++)
		put32(out, order[i]);
	for (i = 0; i < search_ncoverage; i++) {
		put32(out, search_coverage[i][0]);
		put32(out, search_coverage[i][1]);
	}
}

int
search_table_build(buf *out)
{
	struct tb	 tb;
	UErrorCode	 err = U_ZERO_ERROR;
	uint32_t	*order;
	int		 rc = -1;

	memset(&tb, 0, sizeof(tb));
	tb.cf = unorm2_getNFKCCasefoldInstance(&err);
	tb.nfc = unorm2_getNFCInstance(&err);
	tb.nfd = unorm2_getNFDInstance(&err);
	if (U_FAILURE(err)) {
		fprintf(stderr, "mamoru: ICU normalisation: %s\n",
		    u_errorName(err));
		return -1;
	}
	tb.seen.b = xcalloc(NCP / 8, 1);
	tb.marks.b = xcalloc(NCP / 8, 1);
	if (tb_replacements(&tb) == 0 && tb_marks(&tb) == 0) {
		tb_pairs(&tb);
		order = tb_sort_pairs(&tb);
		tb_write(&tb, order, out);
		free(order);
		rc = 0;
	} else
		fprintf(stderr, "mamoru: ICU normalisation of U+%04X failed\n",
		    (unsigned)tb.failed);
	free(tb.seen.b);
	free(tb.marks.b);
	free(tb.pairs);
	buf_free(&tb.map);
	buf_free(&tb.pool);
	buf_free(&tb.ccc);
	return rc;
}

int
search_icu_nfkc_cf(const char *s, size_t n, buf *out)
{
	const UNormalizer2 *cf;
	UErrorCode	 err = U_ZERO_ERROR;
	UChar		*src, *dst;
	int32_t		 ns, nd, nu;
	char		*u8;

	if (n > 0x1000000)
		return -1;
	cf = unorm2_getNFKCCasefoldInstance(&err);
	src = xmalloc((n + 1) * sizeof(*src));
	u_strFromUTF8WithSub(src, (int32_t)n + 1, &ns, s, (int32_t)n, 0xFFFD,
	    NULL, &err);
	dst = xmalloc((size_t)(ns * 18 + 16) * sizeof(*dst));
	nd = unorm2_normalize(cf, src, ns, dst, ns * 18 + 16, &err);
	u8 = xmalloc((size_t)nd * 3 + 4);
	u_strToUTF8(u8, nd * 3 + 4, &nu, dst, nd, &err);
	if (U_SUCCESS(err))
		buf_append(out, u8, (size_t)nu);
	free(src);
	free(dst);
	free(u8);
	return U_SUCCESS(err) ? 0 : -1;
}
