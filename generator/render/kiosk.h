/*
 * kiosk.h -- the offline kiosk backend: out/kiosk, a folder to copy onto
 * the touch-screen PC in a 商工会議所 lobby and open in Chromium's kiosk
 * mode (see templates/kiosk/ and assets/kiosk/).
 *
 * The kiosk is one HTML page with screens: the attract screen (rotating
 * facts from the fact store, with their sources), the home menu, every
 * calculator and guide marked `kiosk: true`, the contacts of site.yaml,
 * the search and the karuta.  Everything it needs is in the folder: the
 * scripts (classic, no fetch, the WebAssembly as base64), the stylesheets,
 * and the BIZ UDPGothic fonts, found with fontconfig at build time.  No
 * link leads out of it: links to other pages and sites are written as
 * text with a QR code (kiosk_rewrite below).
 */
#ifndef MAMORU_KIOSK_H
#define MAMORU_KIOSK_H

#include "../core/buf.h"
#include "../model/site.h"
#include <stdint.h>

#include "../core/memo.h"
#include "../template/template.h"
#include "assets.h"

/*
 * Write the kiosk into kiosk_root (a folder inside the build's staging
 * tree).  The site's assets must already be emitted (assets_emit): their
 * fingerprinted files are copied from there.  Returns 0, or -1 after
 * reporting what failed.
 *
 * `memo` (may be NULL) keeps each screen's HTML between builds, by the
 * hash of everything it is made from: the template set, the screen's
 * template and context, its place, and what links are rewritten against
 * (the site's address, every page's address and every screen's route).
 */
int	kiosk_emit(struct site *, const struct assets *site_assets,
	    mu_set *tpl, const char *kiosk_root, struct blob_memo *memo);

/* ----- rewriting the HTML of a screen (kiosk_html.c) --------------------- */

/* Where a page of the site is in the kiosk. */
struct kiosk_route {
	const char	*out;		/* site-relative output: guides/x/index.html */
	const char	*screen;	/* id of its screen: guide-x */
};

/* A link that leaves the kiosk, shown as a QR code with its URL. */
struct kiosk_link {
	char	*url;			/* absolute */
	char	*text;			/* the link's text, escaped HTML, no tags */
	int	 number;		/* 1, 2, … within the screen */
};

struct kiosk_rewrite {
	/* in */
	const struct site		*s;
	const char			*base;	/* file the links are relative to */
	const char			*prefix;	/* for every id: "guide-x-" */
	const struct kiosk_route	*routes;
	size_t				 nroutes;
	/* out: the links that leave the kiosk, in order of appearance */
	struct kiosk_link		*links;
	size_t				 nlinks;
};

/*
 * Append html to out with every <a> replaced: a link to a page the kiosk
 * has becomes <button data-go="SCREEN">, a glossary term a button that
 * opens its definition (data-term), a citation [N] plain text, and any
 * other link (another site, or a page of the website the kiosk does not
 * have) text marked with its number in r->links.  Every id, and every
 * reference to one (for, aria-labelledby, aria-describedby, aria-controls,
 * href="#…"), gets r->prefix, so that many pages can share one document.
 */
void	kiosk_rewrite(struct kiosk_rewrite *r, const char *html, size_t len,
	    buf *out);
void	kiosk_rewrite_free(struct kiosk_rewrite *r);

#endif
