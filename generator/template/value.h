/*
 * value.h -- the data a template sees: a small JSON-like tree.
 *
 * Values are allocated from an arena and never freed one by one.  Maps keep
 * insertion order (so output is deterministic) and are looked up linearly:
 * template contexts hold a few dozen keys at most.
 */
#ifndef MAMORU_TPL_VALUE_H
#define MAMORU_TPL_VALUE_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"

enum tpl_kind {
	TPL_NULL,
	TPL_BOOL,
	TPL_NUM,	/* number; `str` holds its text exactly as it is printed */
	TPL_STR,
	TPL_LIST,
	TPL_MAP
};

typedef struct tpl_value tpl_value;
typedef struct tpl_entry tpl_entry;

struct tpl_entry {
	const char	*key;	/* NUL-terminated; NULL for list items */
	size_t		 keylen;	/* strlen(key): compared first */
	tpl_value	*value;
	tpl_entry	*next;
};

struct tpl_value {
	enum tpl_kind	 kind;
	int		 boolean;	/* TPL_BOOL */
	double		 num;		/* TPL_NUM */
	const char	*str;		/* TPL_STR, TPL_NUM: text (NUL-terminated) */
	size_t		 len;		/* TPL_STR, TPL_NUM: bytes; LIST/MAP: items */
	tpl_entry	*first;		/* TPL_LIST, TPL_MAP: items in order */
	tpl_entry	*last;
};

tpl_value	*tpl_null(arena *);
tpl_value	*tpl_bool(arena *, int);
tpl_value	*tpl_int(arena *, long long);
tpl_value	*tpl_num(arena *, double, const char *text);
tpl_value	*tpl_str(arena *, const char *, size_t);	/* copies */
tpl_value	*tpl_cstr(arena *, const char *);		/* copies; NULL -> null */
tpl_value	*tpl_str_ref(arena *, const char *, size_t);	/* no copy */
tpl_value	*tpl_list(arena *);
tpl_value	*tpl_map(arena *);

/* Append to a list. */
void		 tpl_push(arena *, tpl_value *list, tpl_value *item);
/* Set a key of a map (replaces an existing key). `key` is not copied. */
void		 tpl_set(arena *, tpl_value *map, const char *key, tpl_value *v);
void		 tpl_set_str(arena *, tpl_value *map, const char *key, const char *s);
void		 tpl_set_bool(arena *, tpl_value *map, const char *key, int b);
void		 tpl_set_int(arena *, tpl_value *map, const char *key, long long n);

/* Look a key up in a map; NULL if absent or not a map. */
tpl_value	*tpl_get(const tpl_value *map, const char *key, size_t keylen);

/* Add a value to a hash, as a tree: two values add the same bytes
 * exactly when they render the same under any template. */
void		 tpl_hash_add(void *hash_state, const tpl_value *);
/* The same, adding the hash of a value of `known` (values many contexts
 * share, each hashed once with tpl_value_hash()) instead of walking it. */
struct tpl_known {
	const tpl_value	*v;
	uint64_t	 h;
};
void		 tpl_hash_add_known(void *hash_state, const tpl_value *,
		    const struct tpl_known *, size_t nknown);
uint64_t	 tpl_value_hash(const tpl_value *);

/* Mustache truthiness: null, false, and the empty list are falsey. */
int		 tpl_truthy(const tpl_value *);

#endif
