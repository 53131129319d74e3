/*
 * heavy.h -- the part of mamoru that needs the big libraries: typesetting
 * the PDF packs (libharu, HarfBuzz, libqrencode, ICU's line breaking)
 * and asking fontconfig for the fonts.  It is built as
 * build/mamoru-heavy.so and opened only when a build needs it
 * (heavy_get()).
 *
 * Why: loading those libraries and the dozen they pull in (FreeType,
 * GLib, libpng, ...) takes a program about 2 ms before main(), and a
 * rebuild after a one-page edit reuses every PDF and the fonts' files
 * (build_cache.c), so it needs none of them.
 *
 * The module calls back into the program (it is linked with -rdynamic).
 * Test programs link its objects directly: heavy_get() then finds it in
 * the program itself and opens nothing.
 */
#ifndef MAMORU_HEAVY_H
#define MAMORU_HEAVY_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

struct page;
struct site;
struct text_face;
struct print_run;

/* Which pack print_run_pack() makes. */
enum print_pack_kind {
	PACK_HANDOUT,
	PACK_SHEET,		/* a calculator's sheet: `calc` */
	PACK_POSTER_A4,
	PACK_POSTER_A3,
	PACK_KARUTA
};

/* Bumped with any change of the structure or of the functions' meaning;
 * with the version, checked when the module is opened. */
#define MAMORU_HEAVY_ABI	1

struct mamoru_heavy {
	int		 abi;
	const char	*version;
	size_t		 size, site_size, page_size;	/* as compiled */

	/* PDF packs (print/packs.c): open the fonts once, make packs into
	 * dir/name (written only if no error was reported since
	 * errors_before), close.  open: NULL if the fonts are missing
	 * (reported). */
	struct print_run *(*print_open)(struct site *);
	int		(*print_pack)(struct print_run *, enum print_pack_kind,
			    struct page *calc, const char *dir,
			    const char *name, size_t errors_before);
	void		(*print_close)(struct print_run *);

	/* fontconfig (text/font_fc.c): a face, the lints' coverage
	 * question (1, 0, or -1 without the font), and the files and
	 * folders its answers depend on (add() for each; -1 if fontconfig
	 * was not loaded in this run). */
	int		(*font_find)(const char *family, int bold,
			    struct text_face *);
	void		(*face_free)(struct text_face *);
	int		(*font_covers)(uint32_t cp);
	int		(*font_deps)(void (*add)(void *, const char *),
			    void *ctx);

	/* Release fontconfig and ICU's break iterator (program exit, or
	 * the end of a build of `serve`). */
	void		(*fini)(void);
};

/* The module, opened on first use; NULL if it cannot be (reported once,
 * as an error naming the file: it is missing or does not match this
 * program). */
const struct mamoru_heavy *heavy_get(void);
/* Has it been opened (or is it linked in)?  Without opening it. */
int	heavy_loaded(void);
/* Where the program looks for it (for messages and tests). */
const char *heavy_path(void);
/* A hash of the module's build (its GNU build ID), read from its file
 * without opening it; 0 if it is part of the program or missing.  What
 * the previous build made with another module is not reused. */
uint64_t heavy_identity(void);

#endif
