/*
 * assets.h -- static files (CSS, JS, icons) copied into the output.
 *
 * The built-in assets folder is merged with the site's own assets/ folder
 * (the site's file wins).  CSS and JS files are fingerprinted: their output
 * name carries a hash of their content (css/site.css ->
 * assets/css/site.3f2a9c1b0d.css), so browsers may cache them forever.
 */
#ifndef MAMORU_ASSETS_H
#define MAMORU_ASSETS_H

#include <stddef.h>

struct asset {
	char	*rel;	/* path inside assets/: "css/site.css" */
	char	*src;	/* file it is read from */
	char	*out;	/* site-relative output: "assets/css/site.<hash>.css" */
	char	*data;	/* generated content (src is then only a label) */
	size_t	 len;
};

struct assets {
	struct asset	*items;	/* sorted by rel */
	size_t		 n;
};

/* Collect the merged file list (no I/O beyond listing). */
void		 assets_collect(struct assets *, const char *builtin_dir,
		    const char *site_dir);
/* Add (or replace) a file made by the generator, e.g. the scoring core as
 * a script.  `label` names it in diagnostics. */
void		 assets_add_data(struct assets *, const char *rel,
		    const char *label, const void *data, size_t len);
/* An asset's bytes (made by the generator, or read from its file; a
 * failure is reported).  0 or -1. */
int		 asset_read(const struct asset *, buf *);
/* Is it emitted, directly in folder dir ("css/"), with extension ext? */
int		 asset_in(const struct asset *, const char *dir,
		    const char *ext);
/* Fingerprint everything and copy it into site_out (the site's root
 * folder), except assets/kiosk/, which only the kiosk bundle holds.
 * Returns 0 or -1 (reported). */
int		 assets_emit(struct assets *, const char *site_out);
const struct asset *assets_find(const struct assets *, const char *rel);
void		 assets_free(struct assets *);

#endif
