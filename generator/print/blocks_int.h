/*
 * blocks_int.h -- the parser state shared by blocks.c (md4c callbacks)
 * and inline.c (shortcodes, links, notes).
 */
#ifndef MAMORU_BLOCKS_INT_H
#define MAMORU_BLOCKS_INT_H

#include <md4c.h>

#include "../markdown/md_html.h"
#include "print_int.h"

#define PB_MAX_LISTS	16

struct pb_list {
	int		 ordered;
	unsigned	 next;
	int		 tight;
};

struct parse {
	struct pctx		*pc;
	const struct pb_source	*src;
	struct mdh_doc		 doc;		/* for mdh_pos() */
	struct pb_doc		*out;
	struct pb_block		*block;		/* the current block */
	struct ts_para		*para;		/* receiving text, or NULL */
	struct pb_block		*li;		/* an item not yet given text */
	struct pb_block		*table;
	size_t			 row, col;
	int			 font;		/* regular face of the block */
	struct ts_style		 st;
	int			 bold, in_heading, code, quote;
	struct pb_list		 lists[PB_MAX_LISTS];
	int			 nlists;
	/* Links: the target, where the text began, its note. */
	int			 link;
	buf			 link_url;
	size_t			 link_from;
	const struct page	*link_page;
	/* Soft breaks. */
	uint32_t		 last_cp;
	int			 br_pending;
	int			 errors;
};

struct pb_block	*pb_new(struct parse *, enum pb_kind);
src_pos	pb_pos(void *parse, const char *at);
void	pb_style(struct parse *, int font, double size, uint32_t color);
void	pb_put(struct parse *, const char *s, size_t n, const char *src,
	    src_pos pos, unsigned flags);
void	pb_mark(struct parse *, int number);

/* inline.c */
int	pb_shortcode(struct parse *, const char *name, size_t nl,
	    const char *args, size_t al, src_pos);
void	pb_link_enter(struct parse *, const MD_ATTRIBUTE *href);
void	pb_link_leave(struct parse *);
int	pb_note_add(struct pb_doc *, enum pb_note_kind, const char *text,
	    const char *url, const struct page *target);

#endif
