/*
 * build.h -- the pipeline: load -> model -> render -> atomic emit.
 */
#ifndef MAMORU_BUILD_H
#define MAMORU_BUILD_H

#include <stdio.h>

#include "core/diag.h"

struct build_opts {
	const char		*site_dir;	/* holds content/ (default ".") */
	const char		*out_dir;	/* default SITE_DIR/out */
	int			 check_only;	/* validate, write nothing */
	int			 list_facts;	/* `facts`: check, then list */
	int			 fix;		/* check --fix */
	const char		*only;		/* build --only site|print */
	int			 quiet;
	int			 clean;		/* build --clean: reuse nothing
						 * of the previous output */
	enum diag_format	 format;
	FILE			*log;		/* messages; NULL: stderr */
};

/* Exit statuses. */
#define EXIT_CONTENT	1	/* the content has errors */
#define EXIT_USAGE	2	/* the command line or environment is wrong */

int	build_run(const struct build_opts *);
/* `mamoru render FILE.md`: the page's HTML body on stdout. */
int	build_render_file(const char *path);
/* Where the built-in templates/ and assets/ are (for --help). */
const char *build_datadir(void);

#endif
