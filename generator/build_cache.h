/*
 * build_cache.h -- what a build keeps for the next one, in OUT/.cache/:
 * the search table and the PDFs' dependency keys (see build_cache.c).
 */
#ifndef MAMORU_BUILD_CACHE_H
#define MAMORU_BUILD_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "load/source.h"
#include "render/html.h"
#include "render/kiosk.h"
#include "search/search_build.h"

struct page_entry {
	const char	*rel;		/* into `old`, up to a tab */
	size_t		 rlen;
	uint64_t	 key, sum, size;
	const char	*line;		/* the whole line, with its newline */
	size_t		 llen;
};

struct blob_entry {
	uint64_t	 h;
	const void	*data;
	size_t		 len;
};

/* A memo of entries by hash (build_cache.c). */
struct blobs {
	buf			 old, new;
	struct blob_entry	*e;	/* old's, by hash */
	size_t			 n;
};

struct bcache_file {
	char		*rel;		/* content-relative: guides/x.md */
	uint64_t	 hash;
};

struct bcache {
	uint64_t		 exe;	/* hash of the running program */
	struct bcache_file	*files;	/* content/ as read before loading */
	size_t			 nfiles, capfiles;
	char			*prev;	/* the previous output, if usable */
	buf			 old;	/* its manifest */
	buf			 man;	/* the manifest being made */
	buf			 table;	/* the search table */
	int			 table_reused;
	buf			 yaml_old, yaml_new;	/* parsed YAML */
	size_t			 yaml_kept;	/* memo_put() in build_cache.c */
	size_t			 yaml_reused;
	struct ydoc_memo	 memo;
	struct page_entry	*pages;	/* the old manifest's `page` lines */
	size_t			 npages;
	struct render_memo	 render;
	struct blobs		 terms;		/* search terms */
	struct blob_memo terms_memo;
	struct blobs		 screens;	/* kiosk screens */
	struct blob_memo	 screens_memo;
};

/* Hash the program and, if content_dir is not NULL, every file of it
 * (before the build reads them: an edit made meanwhile shows as a change
 * at the next build, never as a stale output). */
void	bcache_init(struct bcache *, const char *content_dir);
/* The hash of content/REL from that snapshot, or 0. */
uint64_t bcache_file_hash(const struct bcache *, const char *rel);
/* Use out_dir's cache if it was written by this program. */
void	bcache_prev(struct bcache *, const char *out_dir);
/* The search normalisation table: from the cache, or built.  0 or -1. */
int	bcache_search_table(struct bcache *, buf *table);
/* PDFs (struct print_reuse): put the previous copy of `name` at path if
 * its key is `key` and its bytes are those it was written with (1), or
 * not (0); record one that was made at path. */
int	bcache_pack_reuse(struct bcache *, const char *name, uint64_t key,
	    const char *path);
void	bcache_pack_made(struct bcache *, const char *name, uint64_t key,
	    const char *path, size_t from, size_t to);
/* Parsed YAML documents (load/source.h): use bcache_memo() as the
 * ydoc memo while loading. */
const struct ydoc_memo *bcache_memo(struct bcache *);
/* The website's pages (render/html.h): use bcache_render() as the memo
 * while they are written. */
struct render_memo *bcache_render(struct bcache *);
/* The kiosk's screens (render/kiosk.h): bcache_screens() as the memo. */
struct blob_memo *bcache_screens(struct bcache *);
/* Each search page's terms (search_build.h): use bcache_terms() as the
 * memo while the index is made. */
struct blob_memo *bcache_terms(struct bcache *);
/* Write the manifest, the table and the memos into the staging
 * folder. */
int	bcache_write(const struct bcache *, const char *stage);
/* Forget out_dir's PDF keys (before `--only print` replaces its PDFs). */
void	bcache_drop(const char *out_dir);
void	bcache_free(struct bcache *);

#endif
