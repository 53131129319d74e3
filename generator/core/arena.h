/*
 * arena.h -- bump allocation for data that lives as long as one build.
 *
 * The model (pages, slugs, links, template values) is allocated from one
 * arena and released in one call at the end of the build, so no model
 * object needs its own free() and nothing leaks.
 */
#ifndef MAMORU_ARENA_H
#define MAMORU_ARENA_H

#include <stddef.h>

struct arena_block;

typedef struct arena {
	struct arena_block	*head;
	size_t			 total;	/* bytes handed out, for statistics */
} arena;

#define ARENA_INIT { NULL, 0 }

void	*arena_alloc(arena *, size_t);		/* zeroed, 16-byte aligned */
char	*arena_strndup(arena *, const char *, size_t);
char	*arena_strdup(arena *, const char *);
char	*arena_printf(arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 arena_free(arena *);

#define ARENA_NEW(a, type)	((type *)arena_alloc((a), sizeof(type)))
#define ARENA_ARRAY(a, type, n)	((type *)arena_alloc((a), sizeof(type) * (n)))

#endif
