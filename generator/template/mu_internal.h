/*
 * mu_internal.h -- what the template compiler and renderer share: the
 * compiled tree, the template and the set that holds them.
 *
 * Private to generator/template/; everything else includes template.h.
 * mu_compile.c builds the tree (and owns the set), mu_render.c walks it.
 */
#ifndef MAMORU_TPL_MU_INTERNAL_H
#define MAMORU_TPL_MU_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "template.h"

enum mu_op {
	MU_TEXT, MU_VAR, MU_RAW, MU_SECTION, MU_INVERTED, MU_PARTIAL,
	MU_PARENT, MU_BLOCK
};

enum mu_node_flags {
	MU_DYNAMIC = 1 << 0,	/* partial/parent: `*key` names the template */
	MU_INDENT = 1 << 1,	/* partial/parent: standalone, indented by ind */
	MU_SITE = 1 << 2,	/* block: an override is indented by ind ... */
	MU_SITE_BOL = 1 << 3,	/* ... from its first line on (own line) */
	MU_ARG = 1 << 4,	/* block: argument of a parent tag */
	MU_DEDENT = 1 << 5,	/* argument: ind is its intrinsic indentation */
	MU_BOL = 1 << 6		/* text: starts at the beginning of a line */
};

struct mu_seg {
	const char	*s;
	size_t		 len;
};

struct mu_node {
	unsigned char	 op, flags;
	unsigned	 line, col;	/* of the tag, for diagnostics */
	const char	*str;		/* text, or the tag's name */
	size_t		 len;
	const char	*ind;		/* indentation, see the flags */
	size_t		 indlen;
	struct mu_seg	*segs;		/* name split at dots; none for `.` */
	size_t		 nsegs;
	struct mu_node	*kids;		/* body; for a parent, its arguments */
	size_t		 nkids;
	struct mu_tpl	*target;	/* static partial/parent, once found */
};

/* A template keeps its struct for the life of the set (replacing it swaps
 * the arena), so nodes may cache pointers to it. */
struct mu_tpl {
	arena		 mem;		/* source copy, path, nodes */
	const char	*path;
	struct mu_node	*root;
	size_t		 nroot;
	unsigned	 hash;
	uint64_t	 src_hash;	/* of the source, for mu_set_fingerprint */
	size_t		 namelen;
	char		 name[];
};

/* The render scratch lives in the set so that a warm set allocates nothing
 * per page (see mu_render.c). */
struct mu_set {
	unsigned		  flags;
	struct mu_tpl		**slots;	/* open addressing, power of 2 */
	size_t			  cap, count;
	const tpl_value		**ctx;		/* render scratch: context stack */
	size_t			  ctxcap;
	struct mu_frame		 *frames;	/* render scratch: parent args */
	size_t			  framecap;
	buf			  indent;	/* render scratch: indentation */
};

/* The template called `name` (len bytes), or NULL. */
struct mu_tpl	*mu_find(const mu_set *, const char *name, size_t len);

#endif
