/*
 * lint.h -- the content lints of `mamoru check` (see lint.c).
 */
#ifndef MAMORU_LINT_H
#define MAMORU_LINT_H

struct site;

/* Warn about look-alike characters, half-width katakana, characters the
 * print font lacks and spelling variants in every content file; with fix,
 * rewrite the files to replace look-alikes and half-width katakana.
 * Returns the number of places fixed. */
int	lint_site(struct site *, int fix);

#endif
