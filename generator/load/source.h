/*
 * source.h -- reading one content file: encoding checks, front matter
 * splitting, and YAML parsing with positions.
 *
 * Every check reports `path:line:col: error: ...` through diag and keeps
 * going where it safely can, so one run shows all of a file's problems.
 */
#ifndef MAMORU_SOURCE_H
#define MAMORU_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include <yaml.h>

#include "../core/buf.h"
#include "../core/diag.h"
#include "../core/utf8.h"

struct source {
	char		*path;		/* as shown in diagnostics */
	buf		 text;		/* file contents (CRLF already reported
					 * and normalised to LF) */
	line_index	 lines;		/* over text */
	/* Front matter (Markdown files only). */
	size_t		 fm_off, fm_len;	/* the YAML between the fences */
	unsigned	 fm_line;		/* file line of its first line */
	size_t		 body_off;		/* Markdown after the fence */
};

/*
 * Read a file and check its encoding: invalid UTF-8 (fatal for the file),
 * a byte-order mark, CRLF line endings, NUL bytes.  Returns 0 if the text
 * can be processed further (problems may still have been reported), -1 if
 * not.
 */
int	source_read(struct source *, const char *path);
/* Same, from memory (for tests and fuzzing). */
int	source_from_memory(struct source *, const char *path, const char *,
	    size_t);
void	source_free(struct source *);

/*
 * Find the front matter: the file must start with a line "---" and the
 * YAML ends at the next line "---" (or "...").  Returns 0 or -1 (reported).
 */
int	source_split_front_matter(struct source *);

/* A parsed YAML document with the position of its first line. */
struct ydoc {
	yaml_document_t	 doc;
	int		 loaded;
	int		*memo_items;	/* from the memo: its items and pairs;
					 * scalars point into the memo */
	const char	*path;
	unsigned	 line0;		/* file line of the YAML's line 1 */
};

/*
 * Parse YAML text that starts at file line `line0`.  Syntax errors are
 * reported (with a hint in Japanese) and -1 returned.  Duplicate keys in a
 * mapping are reported too.
 */
int		 ydoc_load(struct ydoc *, const char *path, const char *text,
		    size_t len, unsigned line0);
void		 ydoc_free(struct ydoc *);
/*
 * Incremental builds: with a memo set, a text of at least min_len bytes
 * that was parsed before (by its hash) is rebuilt from the bytes get()
 * gives instead of parsed again, and every such text's document goes to
 * put() (build_cache.c keeps them in OUT/.cache/yaml).  NULL: no memo.
 * A document rebuilt from get()'s bytes points into them: they must
 * outlive it.
 */
struct ydoc_memo {
	int		(*get)(void *ctx, uint64_t hash, const void **data,
			    size_t *len);
	void		(*put)(void *ctx, uint64_t hash, const void *data,
			    size_t len);
	void		*ctx;
	size_t		 min_len;
};
void		 ydoc_set_memo(const struct ydoc_memo *);
yaml_node_t	*ydoc_root(struct ydoc *);
yaml_node_t	*ydoc_node(struct ydoc *, int index);
src_pos		 ydoc_pos(const struct ydoc *, const yaml_node_t *);

#endif
