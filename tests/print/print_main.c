/*
 * print_main.c -- a driver for the print backend until `mamoru build`
 * calls it:
 *
 *   print_main build [-C SITE_DIR] OUT_DIR
 *       load and link the site, then print_emit() into OUT_DIR/print/
 *   print_main md [-C SITE_DIR] FILE.md OUT.pdf [DUMP.txt]
 *       typeset one Markdown file (with the site's facts) and write the
 *       layout dump
 *   print_main karuta [-C SITE_DIR] OUT.pdf [DUMP.txt]
 *       the karuta sheets alone, and their layout dump
 *
 * Diagnostics go to stderr as `path:line:col: error: …`; the exit status is
 * 0, 1 (content errors) or 2 (usage).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../generator/core/buf.h"
#include "../../generator/core/diag.h"
#include "../../generator/core/fs.h"
#include "../../generator/model/site.h"
#include "../../generator/print/print.h"

static int
usage(void)
{
	fprintf(stderr, "usage: print_main build [-C SITE_DIR] OUT_DIR\n"
	    "       print_main md [-C SITE_DIR] FILE.md OUT.pdf [DUMP.txt]\n"
	    "       print_main karuta [-C SITE_DIR] OUT.pdf [DUMP.txt]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	struct site	 s;
	const char	*site_dir = ".", *cmd;
	struct timespec	 t0, t1;
	int		 i = 2, rc;

	if (argc < 3)
		return usage();
	cmd = argv[1];
	if (strcmp(argv[2], "-C") == 0) {
		if (argc < 5)
			return usage();
		site_dir = argv[3];
		i = 4;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&s, 0, sizeof(s));
	(void)site_load(&s, site_dir);
	(void)site_link(&s);
	if (diag_error_count() > 0) {
		diag_flush(stderr, DIAG_TEXT);
		site_free(&s);
		return 1;
	}
	diag_reset();	/* warnings are the site build's business */
	if (strcmp(cmd, "build") == 0 && argc - i == 1)
		rc = print_emit(&s, argv[i], NULL);
	else if (strcmp(cmd, "md") == 0 && (argc - i == 2 || argc - i == 3)) {
		buf dump = BUF_INIT;

		rc = print_markdown(&s, argv[i], argv[i + 1], &dump);
		if (rc == 0 && argc - i == 3 &&
		    fs_write(argv[i + 2], buf_str(&dump), dump.len) == -1) {
			perror(argv[i + 2]);
			rc = -1;
		}
		buf_free(&dump);
	} else if (strcmp(cmd, "karuta") == 0 && (argc - i == 1 ||
	    argc - i == 2)) {
		buf dump = BUF_INIT;

		rc = print_karuta(&s, argv[i], &dump);
		if (rc == 0 && argc - i == 2 &&
		    fs_write(argv[i + 1], buf_str(&dump), dump.len) == -1) {
			perror(argv[i + 1]);
			rc = -1;
		}
		buf_free(&dump);
	} else {
		site_free(&s);
		return usage();
	}
	diag_flush(stderr, DIAG_TEXT);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rc == 0)
		fprintf(stderr, "print_main: %s done in %.2f s\n", cmd,
		    (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	site_free(&s);
	print_fini();	/* once, at exit, for leak checkers */
	return rc == 0 ? 0 : 1;
}
