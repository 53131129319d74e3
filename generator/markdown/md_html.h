/*
 * md_html.h -- Markdown to HTML: md4c's parser with our own HTML renderer.
 *
 * The output equals libmd4c-html's for the same parser flags, apart from two
 * deliberate differences, each behind a flag:
 *
 *  - MDH_JOIN_LINES: a soft line break between two East Asian wide
 *    characters is dropped (see text_join_lines), because browsers render
 *    that newline as a visible space inside Japanese sentences;
 *  - MDH_HEADING_IDS: headings get stable ids derived from their text
 *    (Japanese kept as is), unique within the document, or an explicit id
 *    written as "## Heading {#my-id}".
 *
 * Link and image destinations can be rewritten by a callback (the site uses
 * it to turn "other.md#anchor" into a relative URL and to check it).
 * Raw HTML is never passed through: with MD_FLAG_NOHTML md4c treats it as
 * text, which is escaped.
 */
#ifndef MAMORU_MD_HTML_H
#define MAMORU_MD_HTML_H

#include <stddef.h>

#include "../core/buf.h"
#include "../core/diag.h"
#include "../core/utf8.h"

/* The md4c parser flags used everywhere: GitHub dialect (tables, task
 * lists, strikethrough, permissive autolinks) with raw HTML off. */
unsigned	mdh_parser_flags(void);

enum mdh_flags {
	MDH_JOIN_LINES	= 1 << 0,
	MDH_HEADING_IDS	= 1 << 1,
	MDH_LINT	= 1 << 2	/* warn about emphasis left literal */
};

/*
 * A shortcode "{{name arg ...}}" in ordinary text (not in code), e.g.
 * {{fact invest-none-2024}}.  Append its HTML to out and return 1; return 0
 * to leave the text as written.  `args` is the text after the name,
 * trimmed; `no_marks` is set inside headings, link texts and image
 * descriptions, where footnote marks (links themselves) and figures are
 * out of place.  In an image description only the text of the HTML is
 * kept, escaped for the alt attribute.
 */
typedef int (*mdh_short_fn)(void *ctx, const char *name, size_t name_len,
    const char *args, size_t args_len, src_pos pos, int no_marks, buf *out);

/* One Markdown document: a slice of a file, for positions in diagnostics.
 * Zero-initialise it: fields added later default to off. */
struct mdh_doc {
	const char		*path;	/* shown in diagnostics */
	const char		*text;	/* Markdown, followed by a NUL byte
					 * (text[len] == '\0', as in a buf or
					 * an arena string): Debian's libmd4c
					 * 0.4.8 reads one byte past the end
					 * (tests/fuzz/regress/markdown/) */
	size_t			 len;
	const line_index	*lines;	/* over the whole file, or NULL */
	size_t			 base;	/* offset of text in that file */
	mdh_short_fn		 short_fn;	/* NULL: no shortcodes */
	void			*short_ctx;
};

struct mdh_heading {
	unsigned	 level;
	char		*id;	/* NUL-terminated, malloc'd */
	char		*text;	/* plain text, malloc'd */
	src_pos		 pos;
};

struct mdh_result {
	struct mdh_heading	*headings;
	size_t			 nheadings;
};

/*
 * Called for each link (is_image 0) and image (1) destination, decoded
 * (entities resolved, not yet URL-escaped).  To replace it, append the new
 * destination to `out` and return 1; return 0 to keep it as written.
 */
typedef int (*mdh_link_fn)(void *ctx, int is_image, const char *dest,
    size_t len, src_pos pos, buf *out);

/*
 * Render the document, appending HTML to out.  `res` (may be NULL) receives
 * the headings.  Returns 0, or -1 if md4c failed (out of memory).
 */
int	mdh_render(const struct mdh_doc *, unsigned flags, mdh_link_fn,
	    void *link_ctx, buf *out, struct mdh_result *res);
void	mdh_result_free(struct mdh_result *);

/* Position (path:line:col) of a pointer into doc->text; line 0 if outside. */
src_pos	mdh_pos(const struct mdh_doc *, const char *p);

/* Decode an entity as md4c reports it ("&amp;", "&#x30D1;") into at most
 * two code points, with md4c-html's own table; returns how many, or 0 for
 * an unknown name (to be kept verbatim).  A numeric reference may decode
 * to 0 or past U+10FFFF: the caller writes U+FFFD for those. */
int	mdh_entity_decode(const char *s, size_t n, unsigned cps[2]);

#endif
