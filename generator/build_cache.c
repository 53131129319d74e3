/*
 * build_cache.c -- what a build keeps for the next one (OUT/.cache/).
 *
 * An incremental build still loads and checks all of content/ (so that
 * it reports exactly what a clean build reports), but it does not redo
 * the expensive work whose inputs did not change:
 *
 *   - the search normalisation table (a function of the program and of
 *     ICU alone) is read from OUT/.cache/search-table.bin;
 *   - a PDF whose dependency key (print.h) matches the previous build's is
 *     linked from the previous output, and the warnings it gave then are
 *     reported again;
 *   - every other file whose bytes equal the previous output's copy is
 *     linked to it instead of written (fs_reuse_begin), so that unchanged
 *     files keep their inode and modification time.
 *
 * OUT/.cache/manifest (text, one entry per line):
 *
 *   mamoru-cache 1 EXEHASH
 *   table KEY HASH LEN                 the search table's key and bytes
 *   pack NAME<TAB>KEY                  a PDF of OUT/print and its key
 *   diag NAME<TAB>L<TAB>LINE<TAB>COL<TAB>PATH<TAB>MESSAGE
 *                                      a diagnostic that PDF gave (L: e|w)
 *
 * The cache is written into the staging folder with the rest of the
 * build, so it is swapped in with the output it describes, or not at all.
 * It holds only hashes of deterministic inputs, so two builds of the same
 * content by the same program write the same bytes.  A manifest written
 * by another program (another EXEHASH) is ignored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unicode/uversion.h>

#include "build_cache.h"
#include "core/diag.h"
#include "core/fs.h"
#include "core/hash.h"
#include "search/search_build.h"

#define MANIFEST	".cache/manifest"
#define TABLE_FILE	".cache/search-table.bin"

static void
hex16(buf *b, uint64_t h)
{
	char hex[17];

	hash_hex(h, 16, hex);
	buf_puts(b, hex);
}

static int
snap_cmp(const void *a, const void *b)
{
	return strcmp(((const struct bcache_file *)a)->rel,
	    ((const struct bcache_file *)b)->rel);
}

struct snap_ctx {
	struct bcache	*c;
	buf		 data;
};

/* One file of content/: its hash. */
static void
snap_file(void *vctx, const char *path, const char *rel)
{
	struct snap_ctx	*sc = vctx;
	struct bcache	*c = sc->c;

	if (fs_read(path, &sc->data) == -1)
		return;
	if (c->nfiles == c->capfiles) {
		c->capfiles = c->capfiles ? c->capfiles * 2 : 64;
		c->files = xrealloc(c->files, c->capfiles * sizeof(*c->files));
	}
	c->files[c->nfiles].rel = xstrdup(rel);
	c->files[c->nfiles].hash = hash64(sc->data.data, sc->data.len);
	c->nfiles++;
}

void
bcache_init(struct bcache *c, const char *content_dir)
{
	struct snap_ctx	sc = { c, BUF_INIT };
	buf		exe = BUF_INIT;

	memset(c, 0, sizeof(*c));
	if (fs_read("/proc/self/exe", &exe) == 0)
		c->exe = hash64(exe.data, exe.len);
	buf_free(&exe);
	if (content_dir != NULL) {
		fs_walk(content_dir, snap_file, &sc);
		if (c->nfiles > 1)
			qsort(c->files, c->nfiles, sizeof(*c->files),
			    snap_cmp);
	}
	buf_free(&sc.data);
	buf_printf(&c->man, "mamoru-cache 1 ");
	hex16(&c->man, c->exe);
	buf_putc(&c->man, '\n');
}

uint64_t
bcache_file_hash(const struct bcache *c, const char *rel)
{
	size_t lo = 0, hi = c->nfiles;

	while (lo < hi) {
		size_t	mid = lo + (hi - lo) / 2;
		int	r = strcmp(rel, c->files[mid].rel);

		if (r == 0)
			return c->files[mid].hash;
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

void
bcache_prev(struct bcache *c, const char *out_dir)
{
	buf	path = BUF_INIT, head = BUF_INIT;

	buf_truncate(&c->old, 0);
	c->prev = NULL;
	if (out_dir == NULL)
		return;
	fs_join(&path, out_dir, MANIFEST);
	buf_printf(&head, "mamoru-cache 1 ");
	hex16(&head, c->exe);
	buf_putc(&head, '\n');
	if (fs_read(path.data, &c->old) == 0 && c->old.len >= head.len &&
	    memcmp(c->old.data, head.data, head.len) == 0)
		c->prev = xstrdup(out_dir);
	else
		buf_truncate(&c->old, 0);
	buf_free(&path);
	buf_free(&head);
}

/* The line of the old manifest that starts with `start`, or NULL. */
static const char *
old_line(const struct bcache *c, const char *start, size_t len)
{
	const char *p = c->old.data, *end = p + c->old.len;

	while (p != NULL && p < end) {
		if ((size_t)(end - p) >= len && memcmp(p, start, len) == 0)
			return p;
		p = memchr(p, '\n', (size_t)(end - p));
		if (p != NULL)
			p++;
	}
	return NULL;
}

int
bcache_search_table(struct bcache *c, buf *table)
{
	char		 ver[U_MAX_VERSION_STRING_LENGTH];
	UVersionInfo	 v;
	buf		 key = BUF_INIT, path = BUF_INIT, line = BUF_INIT;
	const char	*l;
	uint64_t	 k;
	int		 rc = 0;

	u_getVersion(v);
	u_versionToString(v, ver);
	buf_printf(&key, "search-table exe=");
	hex16(&key, c->exe);
	buf_printf(&key, " icu=%s", ver);
	k = hash64(key.data, key.len);
	buf_puts(&line, "table ");
	hex16(&line, k);
	buf_putc(&line, ' ');
	buf_truncate(table, 0);
	if (c->prev != NULL && (l = old_line(c, line.data, line.len)) != NULL) {
		unsigned long long h, len;

		fs_join(&path, c->prev, TABLE_FILE);
		if (sscanf(l + line.len, "%16llx %llu", &h, &len) == 2 &&
		    fs_read(path.data, table) == 0 && table->len == len &&
		    hash64(table->data, table->len) == h) {
			c->table_reused = 1;
			goto record;
		}
		buf_truncate(table, 0);
	}
	if (search_table_build(table) == -1) {
		rc = -1;
		goto done;
	}
record:
	buf_append(&c->man, line.data, line.len);
	hex16(&c->man, hash64(table->data, table->len));
	buf_printf(&c->man, " %zu\n", table->len);
	buf_truncate(&c->table, 0);
	buf_append(&c->table, table->data, table->len);
done:
	buf_free(&key);
	buf_free(&path);
	buf_free(&line);
	return rc;
}

/* Escape tabs, newlines and backslashes of a manifest field. */
static void
put_field(buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\\')
			buf_puts(b, "\\\\");
		else if (*s == '\t')
			buf_puts(b, "\\t");
		else if (*s == '\n')
			buf_puts(b, "\\n");
		else
			buf_putc(b, *s);
}

/* Unescape the field at *p (up to a tab or the end of the line). */
static const char *
get_field(const char *p, const char *end, buf *out)
{
	buf_truncate(out, 0);
	for (; p < end && *p != '\t' && *p != '\n'; p++) {
		if (*p == '\\' && p + 1 < end) {
			p++;
			buf_putc(out, *p == 't' ? '\t' : *p == 'n' ? '\n' : *p);
		} else
			buf_putc(out, *p);
	}
	buf_str(out);
	return p < end && *p == '\t' ? p + 1 : p;
}

/* Report again the diagnostics the old manifest keeps for `name`, and
 * copy them to the new one. */
static void
replay(struct bcache *c, const char *name)
{
	buf		 start = BUF_INIT, lv = BUF_INIT, ln = BUF_INIT,
			 col = BUF_INIT, path = BUF_INIT, msg = BUF_INIT;
	const char	*p = c->old.data, *end = p + c->old.len, *eol, *f;

	buf_printf(&start, "diag %s\t", name);
	while (p < end) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		if ((size_t)(eol - p) > start.len &&
		    memcmp(p, start.data, start.len) == 0) {
			f = get_field(p + start.len, eol, &lv);
			f = get_field(f, eol, &ln);
			f = get_field(f, eol, &col);
			f = get_field(f, eol, &path);
			(void)get_field(f, eol, &msg);
			diag_report(strcmp(lv.data, "e") == 0 ? DIAG_ERROR :
			    DIAG_WARNING, src_at(path.data, (unsigned)strtoul(
			    ln.data, NULL, 10), (unsigned)strtoul(col.data,
			    NULL, 10)), "%s", msg.data);
			buf_append(&c->man, p, (size_t)(eol - p));
			buf_putc(&c->man, '\n');
		}
		p = eol + 1;
	}
	buf_free(&start);
	buf_free(&lv);
	buf_free(&ln);
	buf_free(&col);
	buf_free(&path);
	buf_free(&msg);
}

static void
pack_line(buf *b, const char *name, uint64_t key)
{
	buf_puts(b, "pack ");
	put_field(b, name);
	buf_putc(b, '\t');
	hex16(b, key);
	buf_putc(b, '\n');
}

int
bcache_pack_reuse(struct bcache *c, const char *name, uint64_t key,
    const char *path)
{
	buf	line = BUF_INIT;
	int	rc = 0;

	pack_line(&line, name, key);
	if (c->prev != NULL && old_line(c, line.data, line.len) != NULL &&
	    fs_link_prev(path) == 0) {
		buf_append(&c->man, line.data, line.len);
		replay(c, name);
		rc = 1;
	}
	buf_free(&line);
	return rc;
}

void
bcache_pack_made(struct bcache *c, const char *name, uint64_t key,
    size_t from, size_t to)
{
	enum diag_level	 level;
	src_pos		 pos;
	const char	*msg;

	pack_line(&c->man, name, key);
	for (; from < to; from++) {
		diag_get(from, &level, &pos, &msg);
		buf_puts(&c->man, "diag ");
		put_field(&c->man, name);
		buf_printf(&c->man, "\t%s\t%u\t%u\t", level == DIAG_ERROR ?
		    "e" : "w", pos.line, pos.col);
		put_field(&c->man, pos.path);
		buf_putc(&c->man, '\t');
		put_field(&c->man, msg);
		buf_putc(&c->man, '\n');
	}
}

int
bcache_write(const struct bcache *c, const char *stage)
{
	buf	path = BUF_INIT;
	int	rc;

	fs_join(&path, stage, MANIFEST);
	rc = fs_write(path.data, c->man.data, c->man.len);
	if (rc == 0 && c->table.len > 0) {
		buf_truncate(&path, 0);
		fs_join(&path, stage, TABLE_FILE);
		rc = fs_write(path.data, c->table.data, c->table.len);
	}
	buf_free(&path);
	return rc;
}

void
bcache_drop(const char *out_dir)
{
	buf path = BUF_INIT;

	fs_join(&path, out_dir, MANIFEST);
	(void)unlink(path.data);
	buf_free(&path);
}

void
bcache_free(struct bcache *c)
{
	size_t i;

	for (i = 0; i < c->nfiles; i++)
		free(c->files[i].rel);
	free(c->files);
	free(c->prev);
	buf_free(&c->old);
	buf_free(&c->man);
	buf_free(&c->table);
	memset(c, 0, sizeof(*c));
}
