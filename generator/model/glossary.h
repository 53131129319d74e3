/*
 * glossary.h -- the glossary (content/glossary.yaml): terms with readings
 * and plain definitions.  The glossary page lists them in Japanese
 * dictionary order, grouped by 五十音 row; the first occurrence of each term
 * on a page links to its entry, with its reading as <ruby> (shown when the
 * reader asks for ふりがな).
 */
#ifndef MAMORU_GLOSSARY_H
#define MAMORU_GLOSSARY_H

#include "../core/buf.h"
#include "../load/schema.h"

#include <stdint.h>

struct site;
struct page;
struct spelling;

struct term {
	fm_str		term;
	fm_str		reading;
	fm_str		definition;
	fm_str		guide;		/* content path: guides/backup.md */
	fm_strs		aliases;
	fm_str		en;
	/* linked */
	const char	*id;		/* anchor on the glossary page */
	const char	*row;		/* "あ行" … */
	struct page	*guide_page;
	int		 ruby;		/* the term has kanji or Latin letters */
	unsigned	 uses;		/* pages linking to it */
};

struct glossary {
	fm_list		 terms;		/* struct term, file order */
	const char	*path;		/* content/glossary.yaml, or NULL */
	struct term	**sorted;	/* dictionary order */
	size_t		 n;
	/* Every spelling (terms and aliases), longest first, bucketed by
	 * their first two bytes for glossary_mark(). */
	struct spelling	*sp;
	size_t		 nsp;
	uint32_t	*bucket;	/* 65537 offsets into sp */
};

/* Load stage.  Returns the number of errors. */
int	glossary_load(struct site *);
/* Model stage: resolve guides, sort, assign ids. */
int	glossary_link(struct site *);
/* Link the first occurrence of each term in page p's HTML to the glossary
 * page (p->html is rewritten).  Skips headings, links, code and ruby. */
void	glossary_mark(struct site *, struct page *p);
void	glossary_free(struct glossary *);

#endif
