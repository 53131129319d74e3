/*
 * buf.c -- growable byte buffer and never-failing allocation helpers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void
xalloc_die(void)
{
	fputs("mamoru: out of memory\n", stderr);
	exit(70);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n != 0 ? n : 1);

	if (p == NULL)
		xalloc_die();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n != 0 ? n : 1, size != 0 ? size : 1);

	if (p == NULL)
		xalloc_die();
	return p;
}

void *
xrealloc(void *old, size_t n)
{
	void *p = realloc(old, n != 0 ? n : 1);

	if (p == NULL)
		xalloc_die();
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void
buf_reserve(buf *b, size_t extra)
{
	size_t need, cap;

	if (extra > (size_t)-1 - b->len - 1)
		xalloc_die();
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	cap = b->cap != 0 ? b->cap : 64;
	while (cap < need)
		cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

/* The slow path of buf_append() (buf.h): grow, then append. */
void
buf_append_grow(buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n != 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/* The slow path of buf_putc() (buf.h): grow, then append. */
void
buf_putc_grow(buf *b, int c)
{
	buf_reserve(b, 1);
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}

void
buf_vprintf(buf *b, const char *fmt, va_list ap)
{
	va_list	 aq;
	int	 n;

	/* Try in the space we have; grow and retry only if it did not fit. */
	buf_reserve(b, 64);
	va_copy(aq, ap);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, aq);
	va_end(aq);
	if (n < 0) {
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		buf_reserve(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void
buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_truncate(buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}

void
buf_free(buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *
buf_detach(buf *b)
{
	char *p;

	if (b->data == NULL)
		return xstrdup("");
	p = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_base64(buf *out, const void *data, size_t n)
{
	const unsigned char *p = data;
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char	*o;
	size_t		 i;

	if (n > ((size_t)-1 - 4) / 4 * 3)
		xalloc_die();
	buf_reserve(out, (n + 2) / 3 * 4);
	o = (unsigned char *)out->data + out->len;
	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 |
		    p[i + 2];

		o[0] = (unsigned char)tab[v >> 18];
		o[1] = (unsigned char)tab[(v >> 12) & 63];
		o[2] = (unsigned char)tab[(v >> 6) & 63];
		o[3] = (unsigned char)tab[v & 63];
		o += 4;
	}
	if (n - i == 1) {
		o[0] = (unsigned char)tab[p[i] >> 2];
		o[1] = (unsigned char)tab[(p[i] & 3) << 4];
		o[2] = o[3] = '=';
		o += 4;
	} else if (n - i == 2) {
		o[0] = (unsigned char)tab[p[i] >> 2];
		o[1] = (unsigned char)tab[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
		o[2] = (unsigned char)tab[(p[i + 1] & 15) << 2];
		o[3] = '=';
		o += 4;
	}
	out->len = (size_t)((char *)o - out->data);
	out->data[out->len] = '\0';
}

void
buf_put_int(buf *b, long long v)
{
	char			 t[24], *p = t + sizeof(t);
	unsigned long long	 u = v < 0 ? 0ull - (unsigned long long)v :
				    (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	buf_append(b, p, (size_t)(t + sizeof(t) - p));
}

void
buf_html_escape(buf *out, const char *s, size_t n)
{
	size_t		 i, run = 0;
	const char	*rep;
	uint64_t	 w;

/* A byte of x is zero (SWAR): eight bytes checked at a time. */
#define ZERO_BYTE(x)	(((x) - 0x0101010101010101ull) & ~(x) & \
			    0x8080808080808080ull)
#define BYTES(c)	(0x0101010101010101ull * (unsigned char)(c))

	for (i = 0; i < n; i++) {
		while (n - i >= 8) {	/* most text has nothing to escape */
			memcpy(&w, s + i, 8);
			if (ZERO_BYTE(w ^ BYTES('&')) | ZERO_BYTE(w ^ BYTES('<')) |
			    ZERO_BYTE(w ^ BYTES('>')) | ZERO_BYTE(w ^ BYTES('"')) |
			    ZERO_BYTE(w ^ BYTES('\'')))
				break;
			i += 8;
		}
		if (i >= n)
			break;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(out, s + run, i - run);
		buf_puts(out, rep);
		run = i + 1;
	}
	buf_append(out, s + run, n - run);
#undef ZERO_BYTE
#undef BYTES
}
