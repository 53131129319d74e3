/*
 * utf8.h -- decoding and encoding UTF-8, and mapping byte offsets to
 * line:column positions for diagnostics.
 */
#ifndef MAMORU_UTF8_H
#define MAMORU_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define UTF8_INVALID	0xFFFFFFFFu

/*
 * Decode the code point at s[*i] (s has n bytes) and advance *i past it.
 * Returns UTF8_INVALID (and advances one byte) on malformed input,
 * overlong forms, surrogates and values above U+10FFFF.
 */
uint32_t	utf8_next_any(const char *s, size_t n, size_t *i);

/* (Inline for ASCII and the three-byte characters of Japanese text; the
 * glossary and the Markdown renderer call it for every character.) */
static inline uint32_t
utf8_next(const char *str, size_t n, size_t *i)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 k = *i;
	uint32_t		 cp;

	if (s[k] < 0x80) {
		*i = k + 1;
		return s[k];
	}
	if ((s[k] & 0xF0) == 0xE0 && n - k >= 3 &&
	    (s[k + 1] & 0xC0) == 0x80 && (s[k + 2] & 0xC0) == 0x80) {
		cp = (uint32_t)(s[k] & 0x0F) << 12 |
		    (uint32_t)(s[k + 1] & 0x3F) << 6 | (s[k + 2] & 0x3F);
		if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
			*i = k + 3;
			return cp;
		}
	}
	return utf8_next_any(str, n, i);
}
/* Decode the code point that ends just before s[i]; 0 if i == 0. */
uint32_t	utf8_prev(const char *s, size_t i);
/* Append the UTF-8 encoding of cp. */
void		utf8_put(buf *, uint32_t cp);
/* Offset of the first invalid byte, or (size_t)-1 if all is valid. */
size_t		utf8_invalid_at(const char *s, size_t n);

/* Edit distance in code points (for "did you mean" hints); (size_t)-1 if
 * either string is longer than 63 characters. */
size_t		utf8_distance(const char *, const char *);

/*
 * A line index over one file's text, so that any byte offset becomes a
 * 1-based line and a 1-based column counted in code points.
 */
typedef struct line_index {
	const char	*text;
	size_t		 len;
	size_t		*starts;	/* byte offset of each line's start */
	size_t		 nlines;
} line_index;

void	line_index_init(line_index *, const char *text, size_t len);
void	line_index_free(line_index *);
void	line_index_pos(const line_index *, size_t off, unsigned *line,
	    unsigned *col);

#endif
