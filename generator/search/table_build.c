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

static const uint32_t	*sort_pairs;	/* for cmp_composite */

static int
cmp_composite(const void *a, const void *b)
{
	uint32_t x = sort_pairs[3 * *(const uint32_t *)a + 2];
	uint32_t y = sort_pairs[3 * *(const uint32_t *)b + 2];

	return x < y ? -1 : x > y;
}

int
search_table_build(buf *out)
{
	const UNormalizer2 *cf, *nfc, *nfd;
	UErrorCode	 err = U_ZERO_ERROR;
	UVersionInfo	 uv;
	struct bits	 seen, marks;
	buf		 map = BUF_INIT, pool = BUF_INIT, ccc = BUF_INIT;
	uint32_t	*pairs = NULL, *order = NULL, o[64], d[64];
	size_t		 npairs = 0, cap = 0, i, r;
	uint32_t	 cp, npool = 0, nmap = 0, nccc = 0;
	int		 n, k, m;
	UChar		 raw[8];
	int32_t		 nraw;

	cf = unorm2_getNFKCCasefoldInstance(&err);
	nfc = unorm2_getNFCInstance(&err);
	nfd = unorm2_getNFDInstance(&err);
	if (U_FAILURE(err)) {
		fprintf(stderr, "mamoru: ICU normalisation: %s\n",
		    u_errorName(err));
		return -1;
	}
	seen.b = xcalloc(NCP / 8, 1);
	marks.b = xcalloc(NCP / 8, 1);

	/* The replacements; every code point involved goes into `seen`. */
	for (r = 0; r < search_ncoverage; r++)
		for (cp = search_coverage[r][0]; cp <= search_coverage[r][1];
		    cp++) {
			if (cp >= 0xD800 && cp <= 0xDFFF)
				continue;
			bit_set(&seen, cp);
			if ((n = icu_map(cf, cp, o, 64)) < 0 || n > 255)
				goto fail;
			if (n == 1 && o[0] == cp)
				continue;
			put32(&map, cp << 8 | (uint32_t)n);
			if (n == 1)
				put32(&map, o[0]);
			else {
				put32(&map, npool);
				for (k = 0; k < n; k++)
					put32(&pool, o[k]);
				npool += (uint32_t)n;
			}
			for (k = 0; k < n; k++)
				bit_set(&seen, o[k]);
			nmap++;
		}
	/* Everything their canonical decompositions contain, too. */
	for (cp = 0; cp < NCP; cp++) {
		if (!bit_get(&seen, cp) || (cp >= 0xD800 && cp <= 0xDFFF))
			continue;
		if ((n = icu_map(nfd, cp, d, 64)) < 0)
			goto fail;
		for (k = 0; k < n; k++)
			bit_set(&seen, d[k]);
	}
	/* Combining classes; marks that may compose with what precedes them
	 * (Hangul jamo compose by arithmetic instead). */
	for (cp = 0; cp < NCP; cp++) {
		if (!bit_get(&seen, cp))
			continue;
		if ((m = u_getCombiningClass((UChar32)cp)) != 0) {
			put32(&ccc, cp << 8 | (uint32_t)m);
			nccc++;
		}
		if (u_getIntPropertyValue((UChar32)cp, UCHAR_NFC_QUICK_CHECK) ==
		    UNORM_MAYBE && !(cp >= 0x1161 && cp <= 0x11C2))
			bit_set(&marks, cp);
	}
	/* Every primary composite whose second character is such a mark. */
	for (cp = 0; cp < NCP; cp++) {
		if ((cp >= 0xD800 && cp <= 0xDFFF) ||
		    (cp >= 0xAC00 && cp <= 0xD7A3))
			continue;
		err = U_ZERO_ERROR;
		nraw = unorm2_getRawDecomposition(nfc, (UChar32)cp, raw, 8,
		    &err);
		if (U_FAILURE(err) || nraw <= 0)
			continue;
		{
			UChar32 a, b;
			int32_t j = 0;

			U16_NEXT(raw, j, nraw, a);
			if (j == nraw)
				continue;
			U16_NEXT(raw, j, nraw, b);
			if (j != nraw || !bit_get(&marks, (uint32_t)b) ||
			    unorm2_composePair(nfc, a, b) != (UChar32)cp)
				continue;
			if (npairs == cap) {
				cap = cap ? 2 * cap : 1024;
				pairs = xrealloc(pairs, cap * 3 * sizeof(*pairs));
			}
			pairs[3 * npairs] = (uint32_t)a;
			pairs[3 * npairs + 1] = (uint32_t)b;
			pairs[3 * npairs + 2] = cp;
			npairs++;
		}
	}
	/* Sorted by (first, second) -- each first and second fit in 21 bits,
	 * so sort on a 64-bit key -- and an index by composite. */
	{
		uint64_t *keys = xmalloc((npairs + 1) * sizeof(*keys));
		uint32_t *sorted = xmalloc((npairs + 1) * 3 * sizeof(*sorted));

		for (i = 0; i < npairs; i++)
			keys[i] = (uint64_t)pairs[3 * i] << 42 |
			    (uint64_t)pairs[3 * i + 1] << 21 | i;
		qsort(keys, npairs, sizeof(*keys), cmp_u64);
		for (i = 0; i < npairs; i++)
			memcpy(sorted + 3 * i, pairs + 3 * (keys[i] & 0x1FFFFF),
			    3 * sizeof(*sorted));
		free(pairs);
		free(keys);
		pairs = sorted;
	}
	order = xmalloc((npairs + 1) * sizeof(*order));
	for (i = 0; i < npairs; i++)
		order[i] = (uint32_t)i;
	sort_pairs = pairs;
	qsort(order, npairs, sizeof(*order), cmp_composite);

	u_getUnicodeVersion(uv);
	buf_reserve(out, 64);
	while (out->len % 4 != 0)
		buf_putc(out, 0);
	put32(out, SEARCH_TABLE_MAGIC);
	put32(out, SEARCH_VERSION);
	put32(out, nmap);
	put32(out, npool);
	put32(out, nccc);
	put32(out, (uint32_t)npairs);
	put32(out, (uint32_t)search_ncoverage);
	put32(out, (uint32_t)uv[0] << 16 | (uint32_t)uv[1] << 8 | uv[2]);
	buf_append(out, map.data, map.len);
	buf_append(out, pool.data, pool.len);
	buf_append(out, ccc.data, ccc.len);
	for (i = 0; i < 3 * npairs; i++)
		put32(out, pairs[i]);
	for (i = 0; i < npairs; i++)
		put32(out, order[i]);
	for (i = 0; i < search_ncoverage; i++) {
		put32(out, search_coverage[i][0]);
		put32(out, search_coverage[i][1]);
	}
	free(seen.b);
	free(marks.b);
	free(pairs);
	free(order);
	buf_free(&map);
	buf_free(&pool);
	buf_free(&ccc);
	return 0;
fail:
	fprintf(stderr, "mamoru: ICU normalisation of U+%04X failed\n",
	    (unsigned)cp);
	free(seen.b);
	free(marks.b);
	free(pairs);
	buf_free(&map);
	buf_free(&pool);
	buf_free(&ccc);
	return -1;
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
