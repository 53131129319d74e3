/*
 * text.c -- character properties from ICU.
 */
#include <unicode/uchar.h>
#include <unicode/uscript.h>

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
