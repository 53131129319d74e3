/*
 * templates.h -- the template set of a build: the built-in templates, with
 * the site's own templates/ folder overriding them file by file.
 */
#ifndef MAMORU_TEMPLATES_H
#define MAMORU_TEMPLATES_H

#include "../template/template.h"

/*
 * Add every *.mustache file under dir (recursively) to the set, named by
 * its path relative to dir without the extension ("layouts/base").
 * A missing dir adds nothing.  Returns the number of errors reported.
 */
int	templates_load_dir(mu_set *, const char *dir);

#endif
