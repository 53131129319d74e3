/*
 * buf.h -- the one growable byte buffer used everywhere in mamoru.
 *
 * A buf owns `data` (always NUL-terminated after any append, so it can be
 * handed to C string functions) and grows geometrically.  Out of memory is
 * fatal: the program prints a message and exits, because no caller could do
 * anything sensible about it.
 */
#ifndef MAMORU_BUF_H
#define MAMORU_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct buf {
	char	*data;	/* NUL-terminated contents, or NULL when empty and unused */
	size_t	 len;	/* bytes used, not counting the NUL */
	size_t	 cap;	/* bytes allocated */
} buf;

#define BUF_INIT { NULL, 0, 0 }

void	 buf_reserve(buf *, size_t extra);
void	 buf_append_grow(buf *, const void *, size_t);
void	 buf_putc_grow(buf *, int);
void	 buf_printf(buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 buf_truncate(buf *, size_t len);
void	 buf_free(buf *);
/* Take ownership of the data (never NULL); the buf is left empty. */
char	*buf_detach(buf *);

static inline const char *
buf_str(const buf *b)
{
	return b->data != NULL ? b->data : "";
}

/* Append n bytes (inline while they fit: the renderers and the hashes of
 * contexts append a few bytes at a time, millions of times a build). */
static inline void
buf_append(buf *b, const void *p, size_t n)
{
	if (n >= b->cap - b->len) {
		buf_append_grow(b, p, n);
		return;
	}
	if (n != 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static inline void
buf_puts(buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

/* Append one byte; inline because it is the hottest call of the
 * renderers. */
static inline void
buf_putc(buf *b, int c)
{
	if (b->len + 2 > b->cap) {
		buf_putc_grow(b, c);
		return;
	}
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}

/* Allocation helpers that never return NULL. */
/* Append data as base64 (RFC 4648, with padding). */
void	buf_base64(buf *, const void *data, size_t n);
/* Append s[0..n) escaped for HTML text and attribute values alike:
 * & < > " ' as &amp; &lt; &gt; &quot; &#39;. */
void	buf_html_escape(buf *, const char *s, size_t n);
/* A number in decimal (what "%lld" prints), without printf's cost. */
void	buf_put_int(buf *, long long);
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
void	 xalloc_die(void) __attribute__((noreturn));

#endif
