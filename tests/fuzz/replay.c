/*
 * replay.c -- run a fuzz target's LLVMFuzzerTestOneInput() on files,
 * without libFuzzer: the regression side of tests/fuzz/ (see fuzz.h).
 *
 *   replay_NAME FILE|DIR ...
 *
 * Every file given, and every file inside every folder given (recursively,
 * in byte order of names), is read and passed to the target once.  A crash,
 * a sanitizer report or an abort() of a target's check ends the program
 * abnormally; otherwise it prints "# replayed N files" and exits 0.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../generator/core/buf.h"
#include "../../generator/core/fs.h"
#include "fuzz.h"

static unsigned replayed;

static void
replay(const char *path)
{
	buf	 b = BUF_INIT;
	char	 **names;
	size_t	 n, i;

	if (fs_is_dir(path)) {
		if (fs_list(path, &names, &n) == -1) {
			perror(path);
			exit(2);
		}
		for (i = 0; i < n; i++) {
			if (names[i][0] == '.')
				continue;
			buf_truncate(&b, 0);
			fs_join(&b, path, names[i]);
			replay(b.data);
		}
		fs_names_free(names, n);
		buf_free(&b);
		return;
	}
	if (fs_read(path, &b) == -1) {
		perror(path);
		exit(2);
	}
	/* Never a null pointer, as libFuzzer passes an empty input too. */
	buf_reserve(&b, 1);
	(void)LLVMFuzzerTestOneInput((const uint8_t *)b.data, b.len);
	buf_free(&b);
	replayed++;
}

int
main(int argc, char *argv[])
{
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR ...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++)
		replay(argv[i]);
	printf("# replayed %u files\n", replayed);
	return 0;
}
