/*
 * schema.h -- table-driven checking of YAML mappings into C structs.
 *
 * Each kind of content (page front matter, site.yaml, and later karuta
 * cards, checklists, calculators, facts, glossary terms) declares its keys
 * once as a table of `struct field`.  schema_decode() walks a YAML mapping,
 * fills the struct, and reports at the key's path:line:col:
 *   - unknown keys (with the nearest known key as a suggestion),
 *   - wrong types (string, integer, true/false, date, list, mapping),
 *   - missing required keys, empty required values, bad enum values.
 * Every decoded value keeps its own position for later checks (duplicate
 * slugs, broken links) in the value's `pos`.
 */
#ifndef MAMORU_SCHEMA_H
#define MAMORU_SCHEMA_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "source.h"

/* Decoded values.  `set` is 0 when the key was absent. */
typedef struct fm_str {
	const char	*s;	/* NUL-terminated, arena; NULL when absent */
	size_t		 len;
	src_pos		 pos;	/* of the value (the key's if absent: line 0) */
	int		 set;
} fm_str;

typedef struct fm_int {
	long long	 v;
	src_pos		 pos;
	int		 set;
} fm_int;

typedef struct fm_bool {
	int		 v;
	src_pos		 pos;
	int		 set;
} fm_bool;

typedef struct fm_strs {
	fm_str		*items;
	size_t		 n;
	src_pos		 pos;
	int		 set;
} fm_strs;

typedef struct fm_list {
	void		*items;	/* array of the sub-schema's struct */
	size_t		 n;
	src_pos		 pos;
	int		 set;
} fm_list;

enum field_type {
	F_STRING,	/* fm_str: any scalar */
	F_SLUG,		/* fm_str: [a-z0-9] words joined by '-' */
	F_ENUM,		/* fm_str: one of `choices` */
	F_DATE,		/* fm_str: a real calendar date YYYY-MM-DD */
	F_URL,		/* fm_str: http:// or https:// absolute URL */
	F_INT,		/* fm_int */
	F_DECIMAL,	/* fm_int: a number with at most one decimal, times 10 */
	F_BOOL,		/* fm_bool: true or false */
	F_STRINGS,	/* fm_strs: list of scalars (a lone scalar is a list of one) */
	F_LIST,		/* fm_list: list of mappings decoded with `sub` */
	F_MAP		/* a nested struct decoded with `sub`, at `offset` */
};

#define F_REQUIRED	0x1
#define F_NONEMPTY	0x2	/* an empty string is an error */

struct schema;

struct field {
	const char		*key;
	enum field_type		 type;
	unsigned		 flags;
	size_t			 offset;	/* of the fm_* member */
	const char *const	*choices;	/* F_ENUM: NULL-terminated */
	const struct schema	*sub;		/* F_LIST, F_MAP */
	const char		*example;	/* shown in type errors */
};

struct schema {
	const char		*what;		/* e.g. "ページのフロントマター" */
	const struct field	*fields;
	size_t			 nfields;
	size_t			 size;		/* sizeof the struct */
	/* Where to report a missing required key: the mapping itself. */
};

/*
 * Decode `node` (must be a mapping; NULL means empty) into `out` (a struct
 * of schema->size bytes, zeroed by the caller).  `where` is the position to
 * report missing keys at when the mapping is empty.  Returns the number of
 * errors reported.
 */
int	schema_decode(arena *, struct ydoc *, yaml_node_t *node,
	    const struct schema *, void *out, src_pos where);

#endif
