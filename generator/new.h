/*
 * new.h -- `mamoru new`: starter files for editors (see new.c).
 */
#ifndef MAMORU_NEW_H
#define MAMORU_NEW_H

/* Write the starter file for `what` (guide, checklist, calculator, karuta)
 * named `name` (a slug, or a kana for karuta) into the site folder `site`.
 * `today` is YYYY-MM-DD.  Returns an exit status. */
int	new_file(const char *site, const char *what, const char *name,
	    const char *today);

#endif
