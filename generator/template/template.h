/*
 * template.h -- a Mustache template engine (https://mustache.github.io/).
 *
 * Debian ships no C Mustache library, so this is ours.  It implements the
 * official spec (../shared/mustache-spec): comments, delimiters,
 * interpolation, sections, inverted sections, partials, and the optional
 * ~inheritance (parents and blocks, used for page layouts) and
 * ~dynamic-names modules.  Lambdas are not supported (templates see data
 * only).  Interpolation is HTML-escaped by default (& < > " ').
 *
 * Templates live in a set and are named; a partial `{{> partials/head}}` or
 * parent `{{< layouts/base}}` names another template of the same set.  All
 * templates are compiled when added; mu_set_check() then resolves every
 * static partial and parent reference, so a template that names an unknown
 * partial is an error at the tag's path:line:col before anything renders.
 */
#ifndef MAMORU_TPL_TEMPLATE_H
#define MAMORU_TPL_TEMPLATE_H

#include <stddef.h>
#include <stdint.h>

#include "../core/buf.h"
#include "value.h"

typedef struct mu_set mu_set;

enum mu_flags {
	/* A partial or parent that names no template of the set is an error
	 * (reported through diag).  Without it, it renders as empty, as the
	 * spec requires. */
	MU_STRICT = 1 << 0
};

mu_set	*mu_set_new(unsigned flags);
void	 mu_set_free(mu_set *);

/*
 * Add (or replace) the template `name`.  `src` is copied.  `path` is the file
 * shown in diagnostics (copied).  Syntax errors (unclosed section, mismatched
 * closing tag, unclosed tag, bad delimiter change) are reported with
 * diag_error at path:line:col; the function then returns -1.
 */
int	 mu_set_add(mu_set *, const char *name, const char *src, size_t len,
	    const char *path);

/* Does the set hold a template of this name? */
int	 mu_set_has(const mu_set *, const char *name);

/*
 * In MU_STRICT mode, report every static partial/parent tag that names a
 * template the set does not hold, at the tag's path:line:col.  Returns the
 * number of problems found (0 = all resolved).
 */
int	 mu_set_check(mu_set *);

/*
 * Render template `name` with `ctx` as the bottom of the context stack,
 * appending to `out`.  Returns 0, or -1 if `name` is unknown or (MU_STRICT)
 * a dynamic partial name resolves to no template (reported via diag).
 */
int	 mu_render(mu_set *, const char *name, const tpl_value *ctx, buf *out);
/* A hash of every template of the set (names and sources) and its flags:
 * with a context's tpl_hash(), what a rendering depends on. */
uint64_t mu_set_fingerprint(const mu_set *);

#endif
