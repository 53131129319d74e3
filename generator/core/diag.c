/*
 * diag.c -- collect, sort and print diagnostics.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"

struct diag {
	enum diag_level	 level;
	char		*path;
	unsigned	 line, col;
	size_t		 seq;		/* keeps report order for equal positions */
	char		*msg;
};

static struct diag	*diags;
static size_t		 ndiags, capdiags;
static size_t		 nerrors, nwarnings;

void
diag_report(enum diag_level level, src_pos pos, const char *fmt, ...)
{
	va_list		 ap;
	buf		 b = BUF_INIT;
	struct diag	*d;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (ndiags == capdiags) {
		capdiags = capdiags != 0 ? capdiags * 2 : 16;
		diags = xrealloc(diags, capdiags * sizeof(*diags));
	}
	d = &diags[ndiags];
	d->level = level;
	d->path = xstrdup(pos.path != NULL ? pos.path : "mamoru");
	d->line = pos.line;
	d->col = pos.col;
	d->seq = ndiags++;
	d->msg = buf_detach(&b);
	if (level == DIAG_ERROR)
		nerrors++;
	else
		nwarnings++;
}

size_t
diag_error_count(void)
{
	return nerrors;
}

size_t
diag_warning_count(void)
{
	return nwarnings;
}

static int
diag_cmp(const void *pa, const void *pb)
{
	const struct diag *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);

	if (c != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void
json_string(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static int
same(const struct diag *a, const struct diag *b)
{
	return a->level == b->level && a->line == b->line &&
	    a->col == b->col && strcmp(a->path, b->path) == 0 &&
	    strcmp(a->msg, b->msg) == 0;
}

size_t
diag_count(void)
{
	return ndiags;
}

void
diag_get(size_t i, enum diag_level *level, src_pos *pos, const char **msg)
{
	*level = diags[i].level;
	pos->path = diags[i].path;
	pos->line = diags[i].line;
	pos->col = diags[i].col;
	*msg = diags[i].msg;
}

void
diag_flush(FILE *f, enum diag_format format)
{
	size_t i;

	if (ndiags > 1)
		qsort(diags, ndiags, sizeof(*diags), diag_cmp);
	if (format == DIAG_JSON)
		fputs("[", f);
	for (i = 0; i < ndiags; i++) {
		const struct diag *d = &diags[i];
		const char *lv = d->level == DIAG_ERROR ? "error" : "warning";

		/* The same report twice (a reused pack's replayed warnings
		 * and a fresh one's) is shown once. */
		if (i > 0 && same(d, &diags[i - 1]))
			continue;
		if (format == DIAG_JSON) {
			fprintf(f, "%s\n  {\"path\": ", i ? "," : "");
			json_string(f, d->path);
			fprintf(f, ", \"line\": %u, \"column\": %u, "
			    "\"severity\": \"%s\", \"message\": ",
			    d->line, d->col, lv);
			json_string(f, d->msg);
			fputs("}", f);
		} else if (d->line == 0)
			fprintf(f, "%s: %s: %s\n", d->path, lv, d->msg);
		else if (d->col == 0)
			fprintf(f, "%s:%u: %s: %s\n", d->path, d->line, lv,
			    d->msg);
		else
			fprintf(f, "%s:%u:%u: %s: %s\n", d->path, d->line,
			    d->col, lv, d->msg);
	}
	if (format == DIAG_JSON)
		fputs(ndiags != 0 ? "\n]\n" : "]\n", f);
	diag_reset();
}

void
diag_reset(void)
{
	size_t i;

	for (i = 0; i < ndiags; i++) {
		free(diags[i].path);
		free(diags[i].msg);
	}
	free(diags);
	diags = NULL;
	ndiags = capdiags = nerrors = nwarnings = 0;
}
