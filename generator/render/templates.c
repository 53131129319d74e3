/*
 * templates.c -- load template folders into a Mustache set.
 */
#include <string.h>

#include "../core/diag.h"
#include "../core/fs.h"
#include "../load/source.h"
#include "templates.h"

static int
load_tree(mu_set *set, const char *dir, const char *prefix)
{
	char	**names;
	size_t	  n, i, len;
	buf	  path = BUF_INIT, name = BUF_INIT;
	int	  errs = 0;

	if (fs_list(dir, &names, &n) == -1)
		return 0;
	for (i = 0; i < n; i++) {
		if (names[i][0] == '.')
			continue;
		buf_truncate(&path, 0);
		fs_join(&path, dir, names[i]);
		buf_truncate(&name, 0);
		buf_printf(&name, "%s%s", prefix, names[i]);
		if (fs_is_dir(path.data)) {
			buf_putc(&name, '/');
			errs += load_tree(set, path.data, name.data);
			continue;
		}
		len = strlen(names[i]);
		if (len <= 9 || strcmp(names[i] + len - 9, ".mustache") != 0)
			continue;
		{
			struct source src;

			if (source_read(&src, path.data) == 0) {
				buf_truncate(&name, name.len - 9);
				if (mu_set_add(set, name.data, src.text.data,
				    src.text.len, path.data) == -1)
					errs++;
			} else
				errs++;
			source_free(&src);
		}
	}
	fs_names_free(names, n);
	buf_free(&path);
	buf_free(&name);
	return errs;
}

int
templates_load_dir(mu_set *set, const char *dir)
{
	return load_tree(set, dir, "");
}
