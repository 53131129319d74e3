/*
 * html.h -- the website backend: every page of the model through the
 * Mustache templates, plus sitemap.xml, the Atom feed and robots.txt.
 */
#ifndef MAMORU_HTML_H
#define MAMORU_HTML_H

#include "../model/site.h"
#include "../template/template.h"
#include "assets.h"

/* The Content-Security-Policy every page carries (also in docs). */
extern const char html_csp[];

/*
 * Incremental builds: a page's key hashes everything its HTML is made
 * from -- the template set (mu_set_fingerprint), the template's name and
 * the page's whole context (tpl_hash_add).  reuse() may put the previous
 * build's page `rel` at path if it was made from `key` and still has the
 * bytes it was written with (1), so that the page is not rendered again;
 * made() records a page that was rendered.
 */
struct render_memo {
	int	(*reuse)(void *ctx, const char *rel, uint64_t key,
		    const char *path);
	void	(*made)(void *ctx, const char *rel, uint64_t key,
		    const void *data, size_t len);
	void	*ctx;
	size_t	 reused;		/* out */
};

/*
 * Write the site into site_root (an empty staging folder).  Assets must
 * already be emitted (their fingerprinted names are linked).  `memo` may
 * be NULL.  Returns 0, or -1 after reporting what failed.
 */
int	html_emit(struct site *, mu_set *, const struct assets *,
	    const char *site_root, struct render_memo *memo);

/* What every page's context shares, computed once per build. */
struct html_env {
	struct site		*s;
	const struct assets	*as;
	struct page		**guides;	/* published, in list order */
	size_t			  ng;
	struct page		**tools;	/* calculators and checklists */
	size_t			  nt;
	arena			  a;
	tpl_value		 *site_v;
};

void		 html_env_init(struct html_env *, struct site *,
		    const struct assets *);
void		 html_env_free(struct html_env *);
/* The template context of one page (documented in docs/templates.md). */
tpl_value	*html_page_context(arena *, const struct html_env *,
		    struct page *);

#endif
