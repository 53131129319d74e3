/*
 * search_build.h -- the generator's side of the site search: deriving the
 * normalisation table from ICU and building the index (docs/search.md).
 * The browser's side, and the code both sides share, is search.h.
 */
#ifndef MAMORU_SEARCH_BUILD_H
#define MAMORU_SEARCH_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include "../core/buf.h"
#include "../core/memo.h"
#include "search.h"

/* One page to index.  Strings are UTF-8 slices; headings may be NULL. */
struct search_doc {
	const char	*url;		/* relative to the site root, e.g.
					 * "guides/passwords/index.html" */
	size_t		 url_len;
	const char	*title;
	size_t		 title_len;
	const char	*text;		/* plain text, HTML already stripped;
					 * Japanese lines already joined */
	size_t		 text_len;
	const char	*headings;	/* section headings, any separator */
	size_t		 headings_len;
};

/* Term frequency weights (BM25F-style: a title word counts 5 times). */
#define SEARCH_W_TITLE		5
#define SEARCH_W_HEADING	2
#define SEARCH_W_TEXT		1

/* Bytes of each page's text stored for snippets (the whole text is
 * indexed; snippets come from its first SEARCH_STORE_MAX bytes). */
#define SEARCH_STORE_MAX	SEARCH_TEXT_MAX

/* Limits checked by search_index_build(). */
#define SEARCH_MAX_DOCS		1000000
#define SEARCH_MAX_URL		65535
#define SEARCH_MAX_TITLE	65535

/* The covered code point ranges, [lo, hi] inclusive (docs/search.md). */
extern const uint32_t	search_coverage[][2];
extern const size_t	search_ncoverage;

/*
 * Append the normalisation table (4-byte aligned in any buf) to out:
 * NFKC_Casefold over the covered ranges, from ICU.  Returns 0, or -1 with
 * a message on stderr if ICU fails.
 */
int	search_table_build(buf *out);

/*
 * Append the index of docs[0..n) to out; the table t goes in with it.
 * Returns 0, or -1 (with a message on stderr) when a limit is exceeded:
 * more than SEARCH_MAX_DOCS pages, a URL or title too long, or an index
 * above 4 GiB.
 */
int	search_index_build(const struct search_doc *docs, size_t n,
	    const struct search_table *t, buf *out);

/*
 * The same index as a stream: `sink` is called with its bytes, in order,
 * in pieces of any size (none is kept after the call).  Nothing is written
 * when -1 is returned.  The pages' stored text goes from docs[] to the
 * sink without a copy, so the whole index is never in memory.
 */
typedef void	(*search_sink_fn)(const void *data, size_t len, void *ctx);
int	search_index_write(const struct search_doc *docs, size_t n,
	    const struct search_table *t, search_sink_fn sink, void *ctx);

/*
 * The same with a memo of each page's terms between builds: a page whose
 * title, headings and text (and the table) hash to h takes the terms
 * get() gives for h, if any, instead of being tokenised; the index is the
 * same bytes.  get() may be called from two threads at once; put() is
 * called for every page, in order, on the calling thread, with its
 * record for the next build.  `reused` tells how many pages were taken.
 * Sites with more text than SEARCH_MEMO_MAX_TEXT bytes do without (the
 * records would cost about as much memory as the text).
 */
#define SEARCH_MEMO_MAX_TEXT	(4u << 20)
int	search_index_write_memo(const struct search_doc *docs, size_t n,
	    const struct search_table *t, struct blob_memo *,
	    search_sink_fn sink, void *ctx);

/*
 * The reference: ICU's NFKC_Casefold of s (UTF-8), appended to out.
 * Returns 0 or -1.  For tests.
 */
int	search_icu_nfkc_cf(const char *s, size_t n, buf *out);

#endif
