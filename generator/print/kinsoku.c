/*
 * kinsoku.c -- where a Japanese line may break: ICU's line break iterator
 * ("ja@lb=strict") for the opportunities, and the JIS X 4051 kinsoku table
 * for the characters that may not begin or end a line.
 *
 * ARCHITECTURE.md keeps ICU inside generator/text/; this file is the one
 * place in print/ that includes it, so moving ts_break_opportunities()
 * there later is a one-file change.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "../core/utf8.h"
#include "kinsoku.h"
#include "typeset.h"

/* 行頭禁則: closing brackets, 、。，．, middle dots and colons, ？！,
 * prolonged sound and iteration marks, small kana, hyphens and waves. */
static const char no_start[] =
    "、。，．,.）〕］｝〉》」』】〙〗〟’”｠»)]}"
    "・：；:;？！?!‼⁇⁈⁉"
    "ーゝゞヽヾ々〻"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
    "ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "‐゠–〜～%％";

/* 行末禁則: opening brackets. */
static const char no_end[] = "（〔［｛〈《「『【〘〖〝‘“｟«([{";

/* ぶら下げ: may hang past the measure. */
static const char hang[] = "、。，．";

/* The sets above as flags per BMP code point, made on first use (every
 * character of every line is classified, often more than once). */
enum {
	K_NO_START = 1, K_NO_END = 2, K_HANG = 4,
	K_OPEN = 8, K_CLOSE = 16, K_MIDDLE = 32
};
static unsigned char	 kclass[0x10000];
static int		 kclass_ready;

static void
mark(const char *set, unsigned char flag)
{
	size_t		i = 0, n = strlen(set);
	uint32_t	cp;

	while (i < n)
		if ((cp = utf8_next(set, n, &i)) <= 0xFFFF)
			kclass[cp] |= flag;
}

static unsigned
kinsoku_class(uint32_t cp)
{
	if (!kclass_ready) {
		mark(no_start, K_NO_START);
		mark(no_end, K_NO_END);
		mark(hang, K_HANG);
		mark("（〔［｛〈《「『【〘〖〝‘“｟", K_OPEN);
		mark("、。，．）〕］｝〉》」』】〙〗〟’”｠", K_CLOSE);
		mark("・：；", K_MIDDLE);
		kclass_ready = 1;
	}
	return cp <= 0xFFFF ? kclass[cp] : 0;
}

int
ts_no_line_start(uint32_t cp)
{
	return (kinsoku_class(cp) & K_NO_START) != 0;
}

int
ts_no_line_end(uint32_t cp)
{
	return (kinsoku_class(cp) & K_NO_END) != 0;
}

int
ts_can_hang(uint32_t cp)
{
	return (kinsoku_class(cp) & K_HANG) != 0;
}

enum ts_punct
ts_punct_class(uint32_t cp)
{
	unsigned c = kinsoku_class(cp);

	return c & K_OPEN ? TS_P_OPEN : c & K_CLOSE ? TS_P_CLOSE :
	    c & K_MIDDLE ? TS_P_MIDDLE : TS_P_NONE;
}

int
ts_is_wide(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF)
	    || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
	    || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF01 && cp <= 0xFF60)
	    || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x2460 && cp <= 0x24FF)
	    || (cp >= 0x25A0 && cp <= 0x27BF) || (cp >= 0x2190 && cp <= 0x21FF)
	    || cp == 0x203B || cp == 0x2026 || cp == 0x2025 || cp == 0x2015;
}

int
ts_is_kana_kanji(uint32_t cp)
{
	return (cp >= 0x3041 && cp <= 0x309F) || (cp >= 0x30A0 && cp <= 0x30FA) ||
	    (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || cp == 0x3005;
}

static UBreakIterator	*line_bi;
static const UChar	 empty[1];

int
ts_break_opportunities(const char *s, size_t n, unsigned char *brk)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		*u;
	size_t		*u2b, i, k;
	int32_t		 un = 0, pos;
	UBreakIterator	*bi;

	memset(brk, 0, n + 1);
	if (n == 0)
		return 0;
	/* UTF-16 units, and the UTF-8 offset of each. */
	u = malloc((n + 1) * sizeof(*u));
	u2b = malloc((n + 2) * sizeof(*u2b));
	if (u == NULL || u2b == NULL)
		xalloc_die();
	for (i = 0; i < n;) {
		size_t at = i;
		uint32_t cp = utf8_next(s, n, &i);

		if (cp == UTF8_INVALID)
			cp = 0xFFFD;
		if (cp >= 0x10000) {
			cp -= 0x10000;
			u2b[un] = at;
			u[un++] = (UChar)(0xD800 + (cp >> 10));
			u2b[un] = at;
			u[un++] = (UChar)(0xDC00 + (cp & 0x3FF));
		} else {
			u2b[un] = at;
			u[un++] = (UChar)cp;
		}
	}
	u2b[un] = n;
	/* One iterator for the run: opening one loads ICU's rules. */
	if (line_bi == NULL)
		line_bi = ubrk_open(UBRK_LINE, "ja@lb=strict", NULL, 0, &st);
	if (U_SUCCESS(st))
		ubrk_setText(line_bi, u, un, &st);
	if (U_FAILURE(st)) {
		free(u);
		free(u2b);
		return -1;
	}
	bi = line_bi;
	for (pos = ubrk_first(bi); (pos = ubrk_next(bi)) != UBRK_DONE;) {
		k = u2b[pos];
		brk[k] = ubrk_getRuleStatus(bi) >= UBRK_LINE_HARD ?
		    TS_BRK_MUST : TS_BRK_OK;
	}
	/* The iterator keeps pointing at u: forget it before freeing. */
	ubrk_setText(bi, empty, 0, &st);
	free(u);
	free(u2b);
	return 0;
}

void
ts_kinsoku_done(void)
{
	if (line_bi != NULL)
		ubrk_close(line_bi);
	line_bi = NULL;
}
