/*
 * utf8.c -- UTF-8 helpers and the offset -> line:col index.
 */
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

uint32_t
utf8_next_any(const char *str, size_t n, size_t *i)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 k = *i, len, j;
	uint32_t		 cp, min;

	if (s[k] < 0x80) {
		*i = k + 1;
		return s[k];
	}
	if ((s[k] & 0xE0) == 0xC0) {
		len = 2; cp = s[k] & 0x1F; min = 0x80;
	} else if ((s[k] & 0xF0) == 0xE0) {
		len = 3; cp = s[k] & 0x0F; min = 0x800;
	} else if ((s[k] & 0xF8) == 0xF0) {
		len = 4; cp = s[k] & 0x07; min = 0x10000;
	} else {
		*i = k + 1;
		return UTF8_INVALID;
	}
	if (k + len > n) {
		*i = k + 1;
		return UTF8_INVALID;
	}
	for (j = 1; j < len; j++) {
		if ((s[k + j] & 0xC0) != 0x80) {
			*i = k + 1;
			return UTF8_INVALID;
		}
		cp = (cp << 6) | (s[k + j] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		*i = k + 1;
		return UTF8_INVALID;
	}
	*i = k + len;
	return cp;
}

uint32_t
utf8_prev(const char *str, size_t i)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 k, start;
	uint32_t		 cp;

	if (i == 0)
		return 0;
	k = i - 1;
	start = i >= 4 ? i - 4 : 0;
	while (k > start && (s[k] & 0xC0) == 0x80)
		k--;
	start = k;
	cp = utf8_next(str, i, &start);
	return start == i ? cp : UTF8_INVALID;
}

void
utf8_put(buf *b, uint32_t cp)
{
	char	t[4];
	size_t	n;

	if (cp < 0x80) {
		t[0] = (char)cp; n = 1;
	} else if (cp < 0x800) {
		t[0] = (char)(0xC0 | (cp >> 6));
		t[1] = (char)(0x80 | (cp & 0x3F)); n = 2;
	} else if (cp < 0x10000) {
		t[0] = (char)(0xE0 | (cp >> 12));
		t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
	} else {
		t[0] = (char)(0xF0 | (cp >> 18));
		t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
	}
	buf_append(b, t, n);
}

size_t
utf8_invalid_at(const char *str, size_t n)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0;
	uint64_t		 w;
	unsigned		 c, lo, hi;

	/* What utf8_next() takes for a character, without decoding it:
	 * ASCII eight bytes at a time, then the lead byte's ranges (RFC
	 * 3629 table 3: no overlong forms, surrogates or > U+10FFFF). */
	while (i < n) {
		if (n - i >= 8) {
			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080ull) == 0) {
				i += 8;
				continue;
			}
		}
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		lo = 0x80;
		hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF) {
			if (n - i < 2 || (s[i + 1] & 0xC0) != 0x80)
				return i;
			i += 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
			if (n - i < 3 || s[i + 1] < lo || s[i + 1] > hi ||
			    (s[i + 2] & 0xC0) != 0x80)
				return i;
			i += 3;
		} else if (c >= 0xF0 && c <= 0xF4) {
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
			if (n - i < 4 || s[i + 1] < lo || s[i + 1] > hi ||
			    (s[i + 2] & 0xC0) != 0x80 ||
			    (s[i + 3] & 0xC0) != 0x80)
				return i;
			i += 4;
		} else
			return i;
	}
	return (size_t)-1;
}

void
line_index_init(line_index *li, const char *text, size_t len)
{
	size_t i, cap = 64;

	li->text = text;
	li->len = len;
	li->starts = xmalloc(cap * sizeof(size_t));
	li->starts[0] = 0;
	li->nlines = 1;
	for (i = 0; i < len; i++) {
		const char *nl = memchr(text + i, '\n', len - i);

		if (nl == NULL)
			break;
		i = (size_t)(nl - text);
		if (li->nlines == cap) {
			cap *= 2;
			li->starts = xrealloc(li->starts, cap * sizeof(size_t));
		}
		li->starts[li->nlines++] = i + 1;
	}
}

void
line_index_free(line_index *li)
{
	free(li->starts);
	li->starts = NULL;
	li->nlines = 0;
}

void
line_index_pos(const line_index *li, size_t off, unsigned *line,
    unsigned *col)
{
	size_t lo = 0, hi = li->nlines, mid, i;
	unsigned c = 1;

	if (off > li->len)
		off = li->len;
	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (li->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	for (i = li->starts[lo]; i < off; c++)
		(void)utf8_next(li->text, li->len, &i);
	*line = (unsigned)lo + 1;
	*col = c;
}

size_t
utf8_distance(const char *a, const char *b)
{
	uint32_t	 ca[64], cb[64];
	size_t		 la = 0, lb = 0, i, j, na = strlen(a), nb = strlen(b);
	size_t		 d[65], prev, tmp, best;

	for (i = 0; i < na && la < 64; )
		ca[la++] = utf8_next(a, na, &i);
	for (i = 0; i < nb && lb < 64; )
		cb[lb++] = utf8_next(b, nb, &i);
	if (i < nb || la == 64 || lb == 64)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		d[j] = j;
	for (i = 1; i <= la; i++) {
		prev = d[0];
		d[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = d[j];
			best = prev + (ca[i - 1] != cb[j - 1]);
			if (d[j] + 1 < best)
				best = d[j] + 1;
			if (d[j - 1] + 1 < best)
				best = d[j - 1] + 1;
			d[j] = best;
			prev = tmp;
		}
	}
	return d[lb];
}
