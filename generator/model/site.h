/*
 * site.h -- the site graph: every page, its metadata, its output location,
 * and the site settings, as loaded from content/ and cross-checked.
 *
 * Stages (see ARCHITECTURE.md): site_load() reads and validates every file
 * (load), site_link() assigns output paths, renders Markdown, resolves links
 * and anchors (model).  Backends then only read this structure.
 */
#ifndef MAMORU_SITE_H
#define MAMORU_SITE_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../load/schema.h"
#include "../load/source.h"
#include "../markdown/md_html.h"
#include "facts.h"
#include "glossary.h"
#include "karuta.h"

enum page_kind {
	PAGE_HOME,		/* content/index.md, or generated */
	PAGE_GUIDE,		/* content/guides/NAME.md */
	PAGE_CALC,		/* content/calculators/NAME.md */
	PAGE_LIST,		/* generated: the guides index */
	PAGE_CONTACTS,		/* generated from site.yaml contacts */
	PAGE_NOT_FOUND,		/* generated: 404.html */
	PAGE_GLOSSARY,		/* generated from content/glossary.yaml */
	PAGE_SOURCES,		/* generated: every source the facts cite */
	PAGE_SEARCH,		/* generated: search/index.html */
	PAGE_KARUTA,		/* generated: the deck's gallery */
	PAGE_KARUTA_PLAY,	/* generated: play mode */
	PAGE_KARUTA_CARD	/* generated: one per card */
};

/* Front matter of a page (see page_schema in site.c for the rules). */
struct page_meta {
	fm_str		title;
	fm_str		slug;
	fm_str		summary;
	fm_int		order;
	fm_strs		tags;
	fm_str		audience;
	fm_bool		kiosk;
	fm_str		print;
	fm_str		updated;
	fm_bool		draft;
};

struct calc;

struct page {
	enum page_kind		 kind;
	struct page_meta	 meta;
	struct source		 src;		/* empty for generated pages */
	int			 has_src;
	const char		*rel;		/* content-relative: guides/x.md */
	const char		*slug;
	const char		*out;		/* site-relative: guides/x/index.html */
	const char		*url;		/* site-relative URL: guides/x/ */
	buf			 html;		/* rendered Markdown body */
	size_t			 index;		/* place in the guides list */
	struct mdh_result	 md;		/* its headings */
	struct calc		*calc;		/* PAGE_CALC: the definition */
	struct cite		*cites;		/* sources cited, numbered */
	size_t			 ncites;
	int			 ncharts;	/* {{chart}}s so far */
	struct karuta_card	*card;		/* PAGE_KARUTA_CARD */
	const char		*link_base;	/* generated pages: links are
						 * relative to this content file */
};

struct nav_item {
	fm_str		title;
	fm_str		page;		/* content file (x.md) or site path */
	/* resolved */
	const char	*target;	/* site-relative output path */
};

struct contact {
	fm_str		name;
	fm_str		description;
	fm_str		phone;
	fm_str		email;
	fm_str		url;
	fm_str		hours;
	fm_str		note;
};

struct organisation {
	fm_str		name;
	fm_str		url;
};

struct kiosk_settings {
	fm_int		idle_seconds;	/* default 90 */
	fm_int		warning_seconds;	/* default 15 */
	fm_str		title;		/* the attract screen's headline */
};

struct site_meta {
	fm_str			title;
	fm_str			tagline;
	fm_str			description;
	fm_str			base_url;
	fm_str			copyright;
	struct organisation	organisation;
	fm_list			navigation;	/* struct nav_item */
	fm_list			contacts;	/* struct contact */
	struct kiosk_settings	kiosk;
	fm_strs			poster_facts;	/* 3 fact ids for the poster */
};

struct site {
	arena			 a;
	const char		*dir;		/* site folder ("." by default) */
	const char		*content;	/* dir + "/content" */
	struct source		 settings_src;
	struct ydoc		 settings_yaml;
	struct site_meta	 meta;
	struct page		**pages;	/* all pages, sorted by rel */
	size_t			 npages;
	size_t			 pages_cap;	/* room in pages */
	struct page		*home, *list, *contacts, *not_found;
	struct page		*glossary_page, *sources_page, *search_page;
	struct page		*karuta_page, *karuta_play_page;
	long			 build_days;	/* the build's date, days since
						 * 1970 (SOURCE_DATE_EPOCH or
						 * newest `updated`) */
	/* Files of content/ that pages link to (images, PDFs), to copy. */
	const char		**files;
	size_t			 nfiles;
	void			*link_state;	/* during site_link() */
	struct fact_store	 facts;		/* content/facts.yaml */
	struct glossary		 glossary;	/* content/glossary.yaml */
	struct karuta_deck	 karuta;	/* content/karuta/deck.yaml */
};

/* The schemas of a page's front matter (struct page_meta inside a struct
 * of its own, at offset 0) and of site.yaml (struct site_meta); exported
 * for the fuzz targets. */
extern const struct schema page_schema;
extern const struct schema site_schema;

/* Load content/ of the site folder `dir`.  Returns the number of errors. */
int	site_load(struct site *, const char *dir);
/* Assign outputs, render Markdown, resolve and check every link. */
int	site_link(struct site *);
void	site_free(struct site *);
/* Make room in s->pages for one more page (it grows by doubling: adding
 * 10,000 pages one realloc() at a time was 8 % of a build). */
void	site_pages_room(struct site *);

/*
 * During site_link(), for Markdown kept in YAML strings (calculators):
 * render `str` as Markdown for page p, links resolved and checked as in a
 * page body, errors at the string's position.  With inline_only, a single
 * paragraph loses its <p>.  Returns the number of errors.
 */
int	site_markdown(struct site *, struct page *p, const fm_str *str,
	    int inline_only, buf *out);
/* During site_link(): the page that the content link `str` (x.md) from page
 * p names, its relative URL appended to url; NULL (reported) if none. */
struct page *site_link_page(struct site *, struct page *p,
	    const fm_str *str, buf *url);

/* Published guides (no drafts), sorted by order, then title. */
size_t	site_guides(const struct site *, struct page ***out);
/* Published calculators and checklists, in the same order. */
size_t	site_calculators(const struct site *, struct page ***out);
/* The page whose content-relative path is rel, or NULL. */
struct page *site_page_by_rel(const struct site *, const char *rel);
/* Relative URL from the page at `from` (site-relative file) to `to`. */
void	site_relative(buf *, const char *from, const char *to);

#endif
