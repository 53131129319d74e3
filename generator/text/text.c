/*
 * text.c -- character properties from ICU.
 */
#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <stdlib.h>
#include <unicode/uscript.h>

#include <string.h>

#include "../core/utf8.h"
#include "text.h"

static int
wide(uint32_t cp)
{
	int w = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);

	return w == U_EA_FULLWIDTH || w == U_EA_WIDE || w == U_EA_HALFWIDTH;
}

static int
hangul(uint32_t cp)
{
	return u_getIntPropertyValue((UChar32)cp, UCHAR_SCRIPT) == USCRIPT_HANGUL;
}

int
text_join_lines(uint32_t before, uint32_t after)
{
	return wide(before) && wide(after) && !hangul(before) && !hangul(after);
}

int
text_is_cjk_punct(uint32_t cp)
{
	if (cp >= 0x3000 && cp <= 0x303F)
		return u_ispunct((UChar32)cp) || cp == 0x3000;
	if (cp >= 0xFF01 && cp <= 0xFF65)
		return u_ispunct((UChar32)cp);
	return cp == 0x30FB;	/* KATAKANA MIDDLE DOT */
}

void
text_heading_id(buf *b, const char *s, size_t n)
{
	size_t		i = 0;
	uint32_t	cp;
	int		dash = 0;
	size_t		start = b->len;

	while (i < n) {
		cp = utf8_next(s, n, &i);
		if (cp == UTF8_INVALID)
			continue;
		if (u_isUWhiteSpace((UChar32)cp) || cp == '-') {
			dash = 1;
			continue;
		}
		if (cp != '_' && !u_isalnum((UChar32)cp) &&
		    !(U_GET_GC_MASK((UChar32)cp) & U_GC_M_MASK))
			continue;
		if (dash && b->len > start)
			buf_putc(b, '-');
		dash = 0;
		utf8_put(b, (uint32_t)u_tolower((UChar32)cp));
	}
}

/* ----- Japanese ordering ------------------------------------------------- */

static UCollator	*ja_coll;
static int		 ja_coll_failed;

int
text_collate_ja(const char *a, const char *b)
{
	UErrorCode	 err = U_ZERO_ERROR;
	UCollationResult r;

	if (ja_coll == NULL && !ja_coll_failed) {
		ja_coll = ucol_open("ja", &err);
		if (U_FAILURE(err)) {
			ja_coll = NULL;
			ja_coll_failed = 1;
		}
	}
	if (ja_coll == NULL)
		return strcmp(a, b);
	err = U_ZERO_ERROR;
	r = ucol_strcollUTF8(ja_coll, a, -1, b, -1, &err);
	if (U_FAILURE(err))
		return strcmp(a, b);
	return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

void
text_collate_done(void)
{
	if (ja_coll != NULL)
		ucol_close(ja_coll);
	ja_coll = NULL;
}

const char *
text_kana_row(const char *reading)
{
	static const struct {
		uint32_t	 last;
		const char	*row;
	} rows[] = {
		{ 0x304A, "あ行" }, { 0x3054, "か行" }, { 0x305E, "さ行" },
		{ 0x3069, "た行" }, { 0x306E, "な行" }, { 0x307D, "は行" },
		{ 0x3082, "ま行" }, { 0x3088, "や行" }, { 0x308D, "ら行" },
		{ 0x3093, "わ行" }, { 0x3094, "あ行" },
	};
	size_t		i = 0;
	uint32_t	cp = utf8_next(reading, strlen(reading), &i);
	size_t		k;

	if (cp >= 0x30A1 && cp <= 0x30F6)	/* katakana -> hiragana */
		cp -= 0x60;
	if (cp >= 0x3041 && cp <= 0x3094)
		for (k = 0; k < sizeof(rows) / sizeof(rows[0]); k++)
			if (cp <= rows[k].last)
				return rows[k].row;
	if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= 'a' && cp <= 'z'))
		return "英数字";
	return "その他";
}

/* ----- kana ------------------------------------------------------------------ */

uint32_t
text_kana_plain(uint32_t cp)
{
	static const uint32_t small[][2] = {
		{ 0x3041, 0x3042 }, { 0x3043, 0x3044 }, { 0x3045, 0x3046 },
		{ 0x3047, 0x3048 }, { 0x3049, 0x304A }, { 0x3063, 0x3064 },
		{ 0x3083, 0x3084 }, { 0x3085, 0x3086 }, { 0x3087, 0x3088 },
		{ 0x308E, 0x308F }, { 0x3095, 0x304B }, { 0x3096, 0x3051 },
	};
	UErrorCode		 err = U_ZERO_ERROR;
	const UNormalizer2	*nfd = unorm2_getNFDInstance(&err);
	UChar			 d[4];
	int32_t			 n;
	size_t			 i;

	if (cp >= 0x30A1 && cp <= 0x30F6)	/* katakana -> hiragana */
		cp -= 0x60;
	/* が -> か + U+3099: keep the base (ICU's canonical decomposition). */
	if (U_SUCCESS(err)) {
		n = unorm2_getDecomposition(nfd, (UChar32)cp, d, 4, &err);
		if (U_SUCCESS(err) && n >= 1 && !U16_IS_LEAD(d[0]))
			cp = d[0];
	}
	for (i = 0; i < sizeof(small) / sizeof(small[0]); i++)
		if (cp == small[i][0])
			return small[i][1];
	return cp;
}

size_t
text_morae(const char *kana, size_t len)
{
	size_t		i = 0, n = 0;
	uint32_t	cp;

	while (i < len) {
		cp = utf8_next(kana, len, &i);
		if (cp == 0x3063 || cp == 0x30FC) {	/* っ ー count */
			n++;
			continue;
		}
		/* Small ゃゅょぁぃぅぇぉゎ join the kana before them. */
		if ((cp >= 0x3041 && cp <= 0x3049 && (cp & 1)) ||
		    cp == 0x3083 || cp == 0x3085 || cp == 0x3087 || cp == 0x308E)
			continue;
		if ((cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 &&
		    cp <= 0x30FA))
			n++;
	}
	return n;
}

int
text_nfkc(const char *s, size_t n, buf *out)
{
	UErrorCode		 err = U_ZERO_ERROR;
	const UNormalizer2	*nfkc = unorm2_getNFKCInstance(&err);
	UChar			*u, *v;
	int32_t			 ul, vl, cap;
	char			*o;
	int32_t			 ol;

	if (U_FAILURE(err))
		return -1;
	cap = (int32_t)n + 1;
	u = xmalloc((size_t)cap * sizeof(UChar));
	u_strFromUTF8(u, cap, &ul, s, (int32_t)n, &err);
	vl = 4 * ul + 8;
	v = xmalloc((size_t)vl * sizeof(UChar));
	vl = unorm2_normalize(nfkc, u, ul, v, vl, &err);
	o = xmalloc((size_t)vl * 4 + 1);
	if (U_SUCCESS(err))
		u_strToUTF8(o, vl * 4 + 1, &ol, v, vl, &err);
	if (U_SUCCESS(err))
		buf_append(out, o, (size_t)ol);
	free(u);
	free(v);
	free(o);
	return U_SUCCESS(err) ? 0 : -1;
}
