/*
 * kinsoku.h -- character classes and break opportunities for the
 * typesetter (internal to generator/print/).
 */
#ifndef MAMORU_KINSOKU_H
#define MAMORU_KINSOKU_H

#include <stddef.h>
#include <stdint.h>

#define TS_BRK_NO	0
#define TS_BRK_OK	1	/* a line may break here */
#define TS_BRK_MUST	2	/* a hard break (after '\n') */

/*
 * ICU's line break opportunities for "ja@lb=strict" in s[0..n): on return
 * brk[k] (k = 0..n) is TS_BRK_OK or TS_BRK_MUST when a line may (must)
 * break before byte k, else TS_BRK_NO.  Returns 0, or -1 if ICU failed.
 */
int	ts_break_opportunities(const char *s, size_t n, unsigned char *brk);
/* Close the line break iterator the run kept open (print_fini()). */
void	ts_kinsoku_done(void);

/* Punctuation with built-in space (約物): where the space is. */
enum ts_punct {
	TS_P_NONE,
	TS_P_OPEN,	/* 「（: space before the ink */
	TS_P_CLOSE,	/* 」）、。: space after the ink */
	TS_P_MIDDLE	/* ・：；: space on both sides */
};
enum ts_punct	ts_punct_class(uint32_t cp);

/* East Asian wide (F/W) characters, as the typesetter treats them: set one
 * by one, with room for justification between them. */
int	ts_is_wide(uint32_t cp);
/* Kana and kanji (not punctuation, marks or symbols): the Japanese side
 * of the quarter-em space next to Latin text. */
int	ts_is_kana_kanji(uint32_t cp);

#endif
