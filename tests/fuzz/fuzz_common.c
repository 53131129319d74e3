/*
 * fuzz_common.c -- diagnostics and the fixture site for the fuzz targets
 * (see fuzz.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../generator/core/buf.h"
#include "../../generator/core/diag.h"
#include "../../generator/core/fs.h"
#include "fuzz.h"

void
fuzz_diag_drain(void)
{
	static unsigned	 calls;
	char		*text = NULL;
	size_t		 len = 0;
	FILE		*f;

	if ((f = open_memstream(&text, &len)) == NULL) {
		diag_reset();
		return;
	}
	diag_flush(f, calls++ % 2 ? DIAG_JSON : DIAG_TEXT);
	fclose(f);
	if (text != NULL && getenv("MAMORU_FUZZ_DIAG") != NULL)
		fputs(text, stderr);
	free(text);
}

static buf	site_copy = BUF_INIT;

static void
site_remove(void)
{
	if (site_copy.len != 0)
		(void)fs_rm_rf(site_copy.data);
	buf_free(&site_copy);
}

/* Copy the tree src (regular files and folders) to dst. */
static void
copy_tree(const char *src, const char *dst)
{
	char	**names;
	size_t	  n, i;
	buf	  s = BUF_INIT, d = BUF_INIT;

	if (fs_list(src, &names, &n) == -1) {
		fprintf(stderr, "fuzz: cannot list %s\n", src);
		exit(2);
	}
	for (i = 0; i < n; i++) {
		buf_truncate(&s, 0);
		buf_truncate(&d, 0);
		fs_join(&s, src, names[i]);
		fs_join(&d, dst, names[i]);
		if (fs_is_dir(s.data))
			copy_tree(s.data, d.data);
		else if (fs_copy(s.data, d.data) == -1) {
			fprintf(stderr, "fuzz: cannot copy %s\n", s.data);
			exit(2);
		}
	}
	fs_names_free(names, n);
	buf_free(&s);
	buf_free(&d);
}

const char *
fuzz_site_dir(void)
{
	const char	*fixture = getenv("MAMORU_FUZZ_SITE");
	const char	*tmp = getenv("TMPDIR");

	if (site_copy.len != 0)
		return site_copy.data;
	if (fixture == NULL || *fixture == '\0')
		fixture = "tests/fuzz/site";
	if (!fs_is_dir(fixture)) {
		fprintf(stderr, "fuzz: no fixture site at %s (run from the "
		    "repository root, or set MAMORU_FUZZ_SITE)\n", fixture);
		exit(2);
	}
	buf_printf(&site_copy, "%s/mamoru-fuzz-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(site_copy.data) == NULL) {
		perror("fuzz: mkdtemp");
		exit(2);
	}
	atexit(site_remove);
	copy_tree(fixture, site_copy.data);
	return site_copy.data;
}

void
fuzz_site_run(const char *rel, const uint8_t *data, size_t size,
    void (*inspect)(struct site *))
{
	struct site	 s;
	buf		 path = BUF_INIT;

	buf_printf(&path, "%s/content/%s", fuzz_site_dir(), rel);
	if (fs_write(path.data, data, size) == -1) {
		perror(path.data);
		exit(2);
	}
	buf_free(&path);
	(void)site_load(&s, fuzz_site_dir());
	(void)site_link(&s);
	if (inspect != NULL)
		inspect(&s);
	fuzz_diag_drain();
	site_free(&s);
}
