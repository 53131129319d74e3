/*
 * diag.h -- diagnostics: every content problem as `path:line:col: error: msg`.
 *
 * Problems are collected, not printed at once: a build reports every problem
 * of every file, sorted by file and position, and then stops before writing
 * anything.  Lines and columns are 1-based; columns count characters (code
 * points), which is what an editor shows for Japanese text.
 */
#ifndef MAMORU_DIAG_H
#define MAMORU_DIAG_H

#include <stdio.h>

typedef struct src_pos {
	const char	*path;	/* as shown to the user; must outlive the diag */
	unsigned	 line;	/* 1-based; 0 = whole file */
	unsigned	 col;	/* 1-based; 0 = whole line */
} src_pos;

enum diag_level {
	DIAG_ERROR,
	DIAG_WARNING
};

enum diag_format {
	DIAG_TEXT,	/* path:line:col: error: message */
	DIAG_JSON	/* one JSON array, for editors and CI */
};

void	diag_report(enum diag_level, src_pos, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
#define diag_error(pos, ...)	diag_report(DIAG_ERROR, (pos), __VA_ARGS__)
#define diag_warning(pos, ...)	diag_report(DIAG_WARNING, (pos), __VA_ARGS__)

size_t	diag_error_count(void);
size_t	diag_warning_count(void);
/* How many diagnostics were collected so far, and the i-th of them in
 * report order (valid until the next flush or reset). */
size_t	diag_count(void);
void	diag_get(size_t i, enum diag_level *, src_pos *, const char **msg);
/* Print everything collected so far, sorted (a report identical to the
 * one before it is printed once), and forget it. */
void	diag_flush(FILE *, enum diag_format);
/* Forget everything collected so far without printing. */
void	diag_reset(void);

static inline src_pos
src_at(const char *path, unsigned line, unsigned col)
{
	src_pos p = { path, line, col };
	return p;
}

#endif
