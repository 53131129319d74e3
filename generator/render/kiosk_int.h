/*
 * kiosk_int.h -- between the parts of the kiosk backend.
 */
#ifndef MAMORU_KIOSK_INT_H
#define MAMORU_KIOSK_INT_H

#include "../model/site.h"
#include "../template/template.h"
#include "assets.h"

/*
 * The folder around index.html (kiosk_files.c): the site's stylesheets
 * and scripts that the kiosk uses, the fonts (with their licence), the
 * launchers and the setup guide, rendered with ctx (the index page's
 * context).  Returns 0, or -1 after reporting what failed.
 */
int	kiosk_files(const struct site *, const struct assets *, mu_set *,
	    const tpl_value *ctx, const char *root);

#endif
