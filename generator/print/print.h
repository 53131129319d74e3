/*
 * print.h -- the print packs: A4/A3 PDFs for seminars, set in Japanese
 * by our own typesetter (ICU line breaking, JIS X 4051 kinsoku) and drawn
 * with libharu.  See docs/print.md.
 *
 * print_emit() writes into OUT/print/:
 *   handout.pdf              cover, contents, every guide with
 *                            `print: handout` (in `order`), then the
 *                            worksheets; bookmarks, running heads, QR codes
 *   SLUG-worksheet.pdf       each score calculator with `print: handout`
 *                            (the 自社診断: shindan-worksheet.pdf)
 *   SLUG.pdf                 each checklist with `print: handout`
 *                            (5kajo-check.pdf; incident-first-steps.pdf is
 *                            the card to keep by the computer)
 *   poster-a4.pdf, poster-a3.pdf   three key facts and a QR code
 *   karuta.pdf               the karuta deck's 読み札 and 絵札 on A4
 *                            sheets to cut (bleed, crop marks, backs for
 *                            duplex printing), if there is a deck
 *
 * Every file has title and author metadata, a TrimBox, embedded fonts and
 * fixed dates (the site's build date), so two builds are byte-identical.
 */
#ifndef MAMORU_PRINT_H
#define MAMORU_PRINT_H

#include <stddef.h>
#include <stdint.h>

#include "../core/buf.h"
#include "../heavy.h"

struct site;

/*
 * Incremental builds: each pack has a dependency key, a hash of what it
 * is made from -- `base` (the program), the print fonts, the build date,
 * site.yaml, facts.yaml, glossary.yaml, the other files of content/ that
 * are not pages, every page's title, address and listing fields, and the
 * sources it prints (the handout: every page with `print:`; a worksheet:
 * its calculator; karuta.pdf: the deck).  Before a pack is laid out,
 * reuse() may put the previous build's copy at `path` (and replay its
 * warnings) and return 1; made() reports a pack that was laid out at
 * path, with its key and the diagnostics it gave (diag_get() numbers
 * [from, to)).
 */
struct print_reuse {
	int		(*reuse)(void *ctx, const char *name, uint64_t key,
			    const char *path);
	void		(*made)(void *ctx, const char *name, uint64_t key,
			    const char *path, size_t from, size_t to);
	/* The hash of content/REL as read before loading, or 0. */
	uint64_t	(*file_hash)(void *ctx, const char *rel);
	void		*ctx;
	uint64_t	 base;
	/* Out: packs reused and laid out. */
	size_t		 reused, made_count;
};

/*
 * Write the packs of a loaded and linked site into out_dir/print/.
 * Characters the fonts lack are errors at their path:line:col.  With
 * `ru` (may be NULL), packs whose inputs are unchanged are reused.
 * Returns 0, or -1 with the problems reported through diag (files may
 * have been written: the caller discards its staging folder).
 */
int	print_emit(struct site *, const char *out_dir,
	    struct print_reuse *ru);

/*
 * The heavy module's side (packs.c, heavy.h): open the fonts once, make
 * packs, close; heavy_fini() releases ICU's break iterator and
 * fontconfig.
 */
struct print_run;
struct page;
struct print_run *print_run_open(struct site *);
int	print_run_pack(struct print_run *, enum print_pack_kind,
	    struct page *calc, const char *dir, const char *name,
	    size_t errors_before);
void	print_run_close(struct print_run *);
void	heavy_fini(void);

/*
 * Typeset one Markdown file (front matter skipped) as A4 pages, with the
 * site's facts for {{fact}} and {{chart}}, into pdf_path.  The layout
 * dump (one line per typeset line: page, position, width, text) is
 * appended to dump if not NULL.  For the tests and for trying a page
 * out.  Returns 0, or -1 (reported).
 */
int	print_markdown(struct site *, const char *md_path,
	    const char *pdf_path, buf *dump);

/*
 * The karuta sheets alone into pdf_path, and their layout dump (page
 * boxes, card rectangles, crop marks, texts; millimetres) appended to
 * dump if not NULL.  For the tests.  Returns 0, or -1 (reported).
 */
int	print_karuta(struct site *, const char *pdf_path, buf *dump);

/*
 * Release fontconfig (FcFini) for leak checkers: once, at program exit,
 * after every other user of fontconfig is done (text_font_done()) --
 * FcFini aborts while a charset is still held.
 */
void	print_fini(void);

#endif
