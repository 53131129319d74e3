/*
 * memo.h -- what a stage keeps between builds, by the hash of its inputs:
 * the search index's terms per page (search_build.h) and the kiosk's
 * screens (render/kiosk.h).  build_cache.c keeps the entries in OUT/.cache.
 */
#ifndef MAMORU_MEMO_H
#define MAMORU_MEMO_H

#include <stddef.h>
#include <stdint.h>

struct blob_memo {
	/* The bytes kept for h by the previous build: 0, or -1 (none).
	 * Read only: may be called from two threads at once. */
	int	(*get)(void *ctx, uint64_t h, const void **data, size_t *len);
	/* Keep these bytes for h for the next build (calling thread only). */
	void	(*put)(void *ctx, uint64_t h, const void *data, size_t len);
	void	*ctx;
	size_t	 reused;	/* out: entries taken from the previous build */
};

#endif
