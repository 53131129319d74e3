/*
 * assets.c -- merge, fingerprint and copy static files.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/diag.h"
#include "../core/fs.h"
#include "../core/hash.h"
#include "assets.h"

static int rel_cmp(const void *, const void *);

static void
add(struct assets *as, const char *rel, const char *src)
{
	size_t i;

	for (i = 0; i < as->n; i++)
		if (strcmp(as->items[i].rel, rel) == 0) {
			free(as->items[i].src);
			as->items[i].src = xstrdup(src);	/* site wins */
			free(as->items[i].data);
			as->items[i].data = NULL;
			return;
		}
	as->items = xrealloc(as->items, (as->n + 1) * sizeof(*as->items));
	as->items[as->n].rel = xstrdup(rel);
	as->items[as->n].src = xstrdup(src);
	as->items[as->n].out = NULL;
	as->items[as->n].data = NULL;
	as->items[as->n].len = 0;
	as->n++;
}

void
assets_add_data(struct assets *as, const char *rel, const char *label,
    const void *data, size_t len)
{
	size_t i;

	add(as, rel, label);
	for (i = 0; i < as->n; i++)
		if (strcmp(as->items[i].rel, rel) == 0) {
			as->items[i].data = xmalloc(len ? len : 1);
			memcpy(as->items[i].data, data, len);
			as->items[i].len = len;
		}
	if (as->n > 1)
		qsort(as->items, as->n, sizeof(*as->items), rel_cmp);
}

static void
walk_add(void *as, const char *path, const char *rel)
{
	add(as, rel, path);
}

static int
rel_cmp(const void *a, const void *b)
{
	return strcmp(((const struct asset *)a)->rel,
	    ((const struct asset *)b)->rel);
}

void
assets_collect(struct assets *as, const char *builtin_dir,
    const char *site_dir)
{
	memset(as, 0, sizeof(*as));
	if (builtin_dir != NULL)
		fs_walk(builtin_dir, walk_add, as);
	if (site_dir != NULL)
		fs_walk(site_dir, walk_add, as);
	if (as->n > 1)
		qsort(as->items, as->n, sizeof(*as->items), rel_cmp);
}

static int
fingerprinted(const char *rel)
{
	size_t n = strlen(rel);

	return (n > 4 && strcmp(rel + n - 4, ".css") == 0) ||
	    (n > 3 && strcmp(rel + n - 3, ".js") == 0);
}

int
asset_read(const struct asset *a, buf *data)
{
	buf_truncate(data, 0);
	if (a->data != NULL) {
		buf_append(data, a->data, a->len);
		return 0;
	}
	if (fs_read(a->src, data) == 0)
		return 0;
	diag_error(src_at(a->src, 0, 0), "読み込めません: %s", strerror(errno));
	return -1;
}

int
asset_in(const struct asset *a, const char *dir, const char *ext)
{
	size_t dl = strlen(dir), el = strlen(ext), n = strlen(a->rel);

	return a->out != NULL && strncmp(a->rel, dir, dl) == 0 &&
	    strchr(a->rel + dl, '/') == NULL && n >= el &&
	    strcmp(a->rel + n - el, ext) == 0;
}

int
assets_emit(struct assets *as, const char *site_out)
{
	buf	data = BUF_INIT, out = BUF_INIT, dst = BUF_INIT;
	size_t	i;
	int	rc = 0;

	for (i = 0; i < as->n; i++) {
		struct asset *a = &as->items[i];

		if (asset_read(a, &data) == -1) {
			rc = -1;
			continue;
		}
		buf_truncate(&out, 0);
		if (fingerprinted(a->rel)) {
			const char *dot = strrchr(a->rel, '.');
			char hex[17];

			hash_hex(hash64(data.data, data.len), 10, hex);
			buf_printf(&out, "assets/%.*s.%s%s",
			    (int)(dot - a->rel), a->rel, hex, dot);
		} else
			buf_printf(&out, "assets/%s", a->rel);
		free(a->out);
		a->out = xstrdup(out.data);
		/* assets/kiosk/ is the kiosk bundle's alone (kiosk_files.c
		 * copies it there under the same name). */
		if (strncmp(a->rel, "kiosk/", 6) == 0)
			continue;
		buf_truncate(&dst, 0);
		fs_join(&dst, site_out, out.data);
		if (fs_write(dst.data, data.data, data.len) == -1) {
			diag_error(src_at(dst.data, 0, 0), "書き込めません: %s",
			    strerror(errno));
			rc = -1;
		}
	}
	buf_free(&data);
	buf_free(&out);
	buf_free(&dst);
	return rc;
}

const struct asset *
assets_find(const struct assets *as, const char *rel)
{
	size_t i;

	for (i = 0; i < as->n; i++)
		if (strcmp(as->items[i].rel, rel) == 0)
			return &as->items[i];
	return NULL;
}

void
assets_free(struct assets *as)
{
	size_t i;

	for (i = 0; i < as->n; i++) {
		free(as->items[i].rel);
		free(as->items[i].src);
		free(as->items[i].out);
		free(as->items[i].data);
	}
	free(as->items);
	memset(as, 0, sizeof(*as));
}
