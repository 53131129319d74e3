/*
 * search_page.h -- the data of the site search (see search_page.c).
 */
#ifndef MAMORU_SEARCH_PAGE_H
#define MAMORU_SEARCH_PAGE_H

#include <stddef.h>

#include "../core/buf.h"
#include "../model/site.h"
#include "../search/search_build.h"
#include "assets.h"

/* Plain text of rendered HTML: tags dropped (and the content of rt, rp,
 * svg), entities decoded, a newline after each block. */
void	search_html_to_text(const char *html, size_t len, buf *out);
/* Index the content pages with the normalisation table `table` (from
 * search_table_build(), 4-byte aligned) and add js/search/search-wasm.js
 * and js/search/search-index.js to the assets.  `memo` (or NULL) keeps
 * each page's terms between builds (search_index_write_memo()).  Returns
 * 0 or -1 (reported). */
int	search_add_assets(const struct site *, struct assets *,
	    const void *wasm, size_t wasm_len, const char *wasm_label,
	    const void *table, size_t table_len,
	    struct blob_memo *memo);

#endif
