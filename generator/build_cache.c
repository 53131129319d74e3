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
 *   pack NAME<TAB>KEY<TAB>HASH<TAB>SIZE
 *                                      a PDF of OUT/print, its key, and
 *                                      the hash and size of its bytes
 *   diag NAME<TAB>L<TAB>LINE<TAB>COL<TAB>PATH<TAB>MESSAGE
 *                                      a diagnostic that PDF gave (L: e|w)
 *   page REL<TAB>KEY<TAB>HASH<TAB>SIZE  a page of OUT/site, the key of
 *                                      what it was rendered from
 *                                      (render/html.h), and the hash
 *                                      and size of its bytes
 *   fontdep, fontsig, font             the fonts' files and what they
 *                                      depend on (text/font.c)
 *
 * OUT/.cache/yaml holds the YAML documents of 4 KiB or more, parsed
 * (load/source.c, ydoc_set_memo), each as its text's hash, its own hash,
 * its length and its bytes: libyaml needs about 50 million instructions
 * for facts.yaml.  OUT/.cache/search-terms holds, the same way, each
 * search page's terms and weights (search_index_write_memo): tokenising
 * every page is most of the search index's work; OUT/.cache/kiosk-screens
 * each screen of the kiosk (render/kiosk.h).
 *
 * The cache is written into the staging folder with the rest of the
 * build, so it is swapped in with the output it describes, or not at all.
 * It holds only hashes of deterministic inputs, so two builds of the same
 * content by the same program write the same bytes.  A manifest written
 * by another program (another EXEHASH) is ignored.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unicode/uversion.h>

#include "build_cache.h"
#include "core/diag.h"
#include "core/fs.h"
#include "core/hash.h"
#include "heavy.h"
#include "search/search_build.h"
#include "text/text.h"

#define MANIFEST	".cache/manifest"
#define TABLE_FILE	".cache/search-table.bin"
#define YAML_FILE	".cache/yaml"
#define TERMS_FILE	".cache/search-terms"
#define SCREENS_FILE	".cache/kiosk-screens"

struct blobs;
static void	blobs_open(struct blobs *, const char *out_dir, const char *name);
static void	pages_index(struct bcache *);
/* Only YAML texts this long are worth keeping parsed (facts.yaml,
 * glossary.yaml, the karuta deck; not every page's front matter). */
#define YAML_MIN	4096

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

/* The program's GNU build ID (a hash the linker computes over the whole
 * program), found in its PT_NOTE segments; 0 if there is none. */
static int
build_id_note(struct dl_phdr_info *info, size_t size, void *data)
{
	uint64_t	*out = data;
	int		 i;

	(void)size;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr)	*ph = &info->dlpi_phdr[i];
		const unsigned char	*p, *end;

		if (ph->p_type != PT_NOTE)
			continue;
		p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
		end = p + ph->p_memsz;
		while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
			const ElfW(Nhdr) *nh = (const ElfW(Nhdr) *)(const void *)p;
			size_t namesz = (nh->n_namesz + 3) & ~(size_t)3,
			    descsz = (nh->n_descsz + 3) & ~(size_t)3;
			const unsigned char *name = p + sizeof(*nh);

			if ((size_t)(end - name) < namesz + descsz)
				break;
			if (nh->n_type == NT_GNU_BUILD_ID &&
			    nh->n_namesz == 4 && memcmp(name, "GNU", 4) == 0 &&
			    nh->n_descsz >= 8) {
				*out = hash64(name + namesz, nh->n_descsz);
				return 1;
			}
			p = name + namesz + descsz;
		}
	}
	return 1;	/* the first object is the program itself */
}

void
bcache_init(struct bcache *c, const char *content_dir)
{
	struct snap_ctx	sc = { c, BUF_INIT };
	buf		exe = BUF_INIT;
	uint64_t	both[2];

	memset(c, 0, sizeof(*c));

	(void)dl_iterate_phdr(build_id_note, &c->exe);
	if (c->exe == 0 && fs_read("/proc/self/exe", &exe) == 0)
		c->exe = hash64(exe.data, exe.len);
	buf_free(&exe);
	/* The PDFs, the table and the fonts come from the heavy module. */
	if ((both[1] = heavy_identity()) != 0) {
		both[0] = c->exe;
		c->exe = hash64(both, sizeof(both));
	}
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
	    memcmp(c->old.data, head.data, head.len) == 0) {
		c->prev = xstrdup(out_dir);
		text_font_memo_use(c->old.data, c->old.len);
		pages_index(c);
		buf_truncate(&path, 0);
		fs_join(&path, out_dir, YAML_FILE);
		if (fs_read(path.data, &c->yaml_old) == -1)
			buf_truncate(&c->yaml_old, 0);
		blobs_open(&c->terms, out_dir, TERMS_FILE);
		blobs_open(&c->screens, out_dir, SCREENS_FILE);
	} else
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

/* "pack NAME<TAB>KEY<TAB>", then the file's hash and size. */
static void
pack_line(buf *b, const char *name, uint64_t key)
{
	buf_puts(b, "pack ");
	put_field(b, name);
	buf_putc(b, '\t');
	hex16(b, key);
	buf_putc(b, '\t');
}

int
bcache_pack_reuse(struct bcache *c, const char *name, uint64_t key,
    const char *path)
{
	buf			 line = BUF_INIT, prev = BUF_INIT, data = BUF_INIT;
	const char		*l;
	unsigned long long	 sum, size;
	int			 rc = 0;

	pack_line(&line, name, key);
	/* The previous copy is taken only if it still has the bytes it
	 * was written with. */
	if (c->prev != NULL && (l = old_line(c, line.data, line.len)) != NULL &&
	    sscanf(l + line.len, "%16llx\t%llu", &sum, &size) == 2) {
		buf_printf(&prev, "%s/print/%s", c->prev, name);
		if (fs_read(prev.data, &data) == 0 && data.len == size &&
		    hash64(data.data, data.len) == sum &&
		    fs_link_prev(path) == 0) {
			buf_append(&c->man, l, (size_t)(strchr(l, '\n') - l) + 1);
			replay(c, name);
			rc = 1;
		}
	}
	buf_free(&line);
	buf_free(&prev);
	buf_free(&data);
	return rc;
}

void
bcache_pack_made(struct bcache *c, const char *name, uint64_t key,
    const char *path, size_t from, size_t to)
{
	enum diag_level	 level;
	src_pos		 pos;
	const char	*msg;
	buf		 data = BUF_INIT;

	if (fs_read(path, &data) == -1)
		return;		/* not kept: made again next time */
	pack_line(&c->man, name, key);
	hex16(&c->man, hash64(data.data, data.len));
	buf_printf(&c->man, "\t%zu\n", data.len);
	buf_free(&data);
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

/* The memo's entries: the text's hash (u64), the hash of the bytes
 * (u64, so that a damaged entry is never trusted), length (u32), bytes. */
static void
entry_append(buf *b, uint64_t h, const void *data, size_t len)
{
	uint32_t	n = (uint32_t)len;
	uint64_t	sum = hash64(data, len);

	buf_append(b, &h, 8);
	buf_append(b, &sum, 8);
	buf_append(b, &n, 4);
	buf_append(b, data, len);
}

static const unsigned char *
yaml_find(const buf *b, uint64_t h, size_t *len)
{
	const unsigned char	*p = (const unsigned char *)b->data,
				*end = p + b->len;
	uint64_t		 k, sum;
	uint32_t		 n;

	while (p != NULL && (size_t)(end - p) >= 20) {
		memcpy(&k, p, 8);
		memcpy(&sum, p + 8, 8);
		memcpy(&n, p + 16, 4);
		if ((size_t)(end - p - 20) < n)
			break;
		if (k == h) {
			if (hash64(p + 20, n) != sum)
				return NULL;
			*len = n;
			return p + 20;
		}
		p += 20 + n;
	}
	return NULL;
}

static int
memo_get(void *ctx, uint64_t h, const void **data, size_t *len)
{
	struct bcache *c = ctx;

	if (c->prev == NULL || (*data = yaml_find(&c->yaml_old, h, len)) ==
	    NULL)
		return -1;
	c->yaml_reused++;
	return 0;
}

/*
 * A document for the new memo.  As long as they are the old memo's
 * entries in its order (a rebuild), nothing is copied: yaml_kept counts
 * the old file's bytes the new one starts with, and bcache_write() links
 * the old file if that is all of it.
 */
static void
memo_put(void *ctx, uint64_t h, const void *data, size_t len)
{
	struct bcache	*c = ctx;
	uint64_t	 k;
	size_t		 had;
	const char	*next = c->yaml_old.len > 0 ? c->yaml_old.data +
			    c->yaml_kept : NULL;

	if (next != NULL && c->yaml_new.len == 0 &&
	    c->yaml_old.len - c->yaml_kept >= 20 &&
	    (const char *)data == next + 20) {
		memcpy(&k, next, 8);
		if (k == h) {
			c->yaml_kept += 20 + len;
			return;
		}
	}
	if (c->yaml_new.len == 0 && c->yaml_kept > 0) {
		buf_append(&c->yaml_new, c->yaml_old.data, c->yaml_kept);
		c->yaml_kept = 0;
	}
	if (len > UINT32_MAX || yaml_find(&c->yaml_new, h, &had) != NULL)
		return;
	entry_append(&c->yaml_new, h, data, len);
}

/* ----- pages of the website (struct render_memo) ------------------------ */

static int
page_cmp(const void *a, const void *b)
{
	const struct page_entry *x = a, *y = b;
	int c = memcmp(x->rel, y->rel, x->rlen < y->rlen ? x->rlen : y->rlen);

	if (c != 0)
		return c;
	return x->rlen < y->rlen ? -1 : x->rlen > y->rlen;
}

/* The old manifest's page lines, sorted by REL for page_reuse(). */
static void
pages_index(struct bcache *c)
{
	const char		*p = c->old.data, *end = p + c->old.len, *nl,
				*tab;
	unsigned long long	 key, sum, size;
	size_t			 cap = 0;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			break;
		if ((size_t)(nl - p) < 5 || memcmp(p, "page ", 5) != 0 ||
		    (tab = memchr(p + 5, '\t', (size_t)(nl - p - 5))) == NULL ||
		    sscanf(tab + 1, "%16llx\t%16llx\t%llu", &key, &sum,
		    &size) != 3)
			continue;
		if (c->npages == cap) {
			cap = cap ? 2 * cap : 64;
			c->pages = xrealloc(c->pages, cap * sizeof(*c->pages));
		}
		c->pages[c->npages].rel = p + 5;
		c->pages[c->npages].rlen = (size_t)(tab - p - 5);
		c->pages[c->npages].key = key;
		c->pages[c->npages].sum = sum;
		c->pages[c->npages].size = size;
		c->pages[c->npages].line = p;
		c->pages[c->npages++].llen = (size_t)(nl - p) + 1;
	}
	if (c->npages > 1)
		qsort(c->pages, c->npages, sizeof(*c->pages), page_cmp);
}

static int
page_reuse(void *ctx, const char *rel, uint64_t key, const char *path)
{
	struct bcache		*c = ctx;
	struct page_entry	 want, *e;
	buf			 prev = BUF_INIT, data = BUF_INIT;
	int			 rc = 0;

	if (c->prev == NULL || c->npages == 0 || strchr(rel, '\t') != NULL ||
	    strchr(rel, '\n') != NULL)
		return 0;
	want.rel = rel;
	want.rlen = strlen(rel);
	e = bsearch(&want, c->pages, c->npages, sizeof(*c->pages), page_cmp);
	if (e == NULL || e->key != key)
		return 0;
	/* The previous page is taken only if it still has the bytes it was
	 * written with. */
	buf_printf(&prev, "%s/site/%s", c->prev, rel);
	if (fs_read(prev.data, &data) == 0 && data.len == e->size &&
	    hash64(data.data, data.len) == e->sum &&
	    fs_link_prev(path) == 0) {
		buf_append(&c->man, e->line, e->llen);
		rc = 1;
	}
	buf_free(&prev);
	buf_free(&data);
	return rc;
}

static void
page_made(void *ctx, const char *rel, uint64_t key, const void *data,
    size_t len)
{
	struct bcache *c = ctx;

	if (strchr(rel, '\t') != NULL || strchr(rel, '\n') != NULL)
		return;
	buf_printf(&c->man, "page %s\t", rel);
	hex16(&c->man, key);
	buf_putc(&c->man, '\t');
	hex16(&c->man, hash64(data, len));
	buf_printf(&c->man, "\t%zu\n", len);
}

struct render_memo *
bcache_render(struct bcache *c)
{
	c->render.reuse = page_reuse;
	c->render.made = page_made;
	c->render.ctx = c;
	c->render.reused = 0;
	return &c->render;
}

/* ----- memos of entries by hash (search terms, kiosk screens) ---------- */

/* Entries as the YAML memo's: the key (u64), the hash of the bytes (u64,
 * so that a damaged entry is never trusted), the length (u32), the bytes. */

static int
blob_cmp(const void *a, const void *b)
{
	const struct blob_entry *x = a, *y = b;

	return x->h < y->h ? -1 : x->h > y->h;
}

/* Read OUT/name and index its entries by key; a damaged entry is left
 * out, and so is everything after a cut. */
static void
blobs_open(struct blobs *b, const char *out_dir, const char *name)
{
	const unsigned char	*p, *end;
	uint64_t		 k, sum;
	uint32_t		 n;
	size_t			 cap = 0;
	buf			 path = BUF_INIT;

	fs_join(&path, out_dir, name);
	if (fs_read(path.data, &b->old) == -1)
		buf_truncate(&b->old, 0);
	buf_free(&path);
	p = (const unsigned char *)b->old.data;
	end = p + b->old.len;
	while (p != NULL && (size_t)(end - p) >= 20) {
		memcpy(&k, p, 8);
		memcpy(&sum, p + 8, 8);
		memcpy(&n, p + 16, 4);
		if ((size_t)(end - p - 20) < n)
			break;
		if (hash64(p + 20, n) == sum) {
			if (b->n == cap) {
				cap = cap ? 2 * cap : 64;
				b->e = xrealloc(b->e, cap * sizeof(*b->e));
			}
			b->e[b->n].h = k;
			b->e[b->n].data = p + 20;
			b->e[b->n++].len = n;
		}
		p += 20 + n;
	}
	if (b->n > 1)
		qsort(b->e, b->n, sizeof(*b->e), blob_cmp);
}

/* Read only: may be called from two threads at once. */
static int
blobs_get(void *ctx, uint64_t h, const void **data, size_t *len)
{
	const struct blobs	*b = ctx;
	struct blob_entry	 key, *e;

	if (b->n == 0)
		return -1;
	key.h = h;
	e = bsearch(&key, b->e, b->n, sizeof(*b->e), blob_cmp);
	if (e == NULL)
		return -1;
	*data = e->data;
	*len = e->len;
	return 0;
}

static void
blobs_put(void *ctx, uint64_t h, const void *data, size_t len)
{
	struct blobs *b = ctx;

	if (len <= UINT32_MAX)
		entry_append(&b->new, h, data, len);
}

static int
blobs_write(const struct blobs *b, const char *stage, const char *name)
{
	buf	path = BUF_INIT;
	int	rc = 0;

	if (b->new.len > 0) {
		fs_join(&path, stage, name);
		rc = fs_write(path.data, b->new.data, b->new.len);
		buf_free(&path);
	}
	return rc;
}

static void
blobs_free(struct blobs *b)
{
	buf_free(&b->old);
	buf_free(&b->new);
	free(b->e);
	memset(b, 0, sizeof(*b));
}

static struct blob_memo *
blobs_memo(struct blob_memo *m, struct blobs *b)
{
	m->get = blobs_get;
	m->put = blobs_put;
	m->ctx = b;
	m->reused = 0;
	return m;
}

struct blob_memo *
bcache_terms(struct bcache *c)
{
	return blobs_memo(&c->terms_memo, &c->terms);
}

struct blob_memo *
bcache_screens(struct bcache *c)
{
	return blobs_memo(&c->screens_memo, &c->screens);
}

const struct ydoc_memo *
bcache_memo(struct bcache *c)
{
	c->memo.get = memo_get;
	c->memo.put = memo_put;
	c->memo.ctx = c;
	c->memo.min_len = YAML_MIN;
	return &c->memo;
}

int
bcache_write(const struct bcache *c, const char *stage)
{
	buf	path = BUF_INIT, man = BUF_INIT;
	int	rc;

	/* the fonts' files last: known only when everything is made */
	buf_append(&man, c->man.data, c->man.len);
	text_font_memo_write(&man);
	fs_join(&path, stage, MANIFEST);
	rc = fs_write(path.data, man.data, man.len);
	buf_free(&man);
	if (rc == 0 && c->table.len > 0) {
		buf_truncate(&path, 0);
		fs_join(&path, stage, TABLE_FILE);
		rc = fs_write(path.data, c->table.data, c->table.len);
	}
	if (rc == 0 && c->yaml_kept > 0) {	/* the old memo, or its start */
		buf_truncate(&path, 0);
		fs_join(&path, stage, YAML_FILE);
		if (c->yaml_kept != c->yaml_old.len || fs_link_prev(path.data) ==
		    -1)
			rc = fs_write(path.data, c->yaml_old.data, c->yaml_kept);
	} else if (rc == 0 && c->yaml_new.len > 0) {
		buf_truncate(&path, 0);
		fs_join(&path, stage, YAML_FILE);
		rc = fs_write(path.data, c->yaml_new.data, c->yaml_new.len);
	}
	if (rc == 0)
		rc = blobs_write(&c->terms, stage, TERMS_FILE);
	if (rc == 0)
		rc = blobs_write(&c->screens, stage, SCREENS_FILE);
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
	buf_free(&c->yaml_old);
	buf_free(&c->yaml_new);
	blobs_free(&c->terms);
	blobs_free(&c->screens);
	free(c->pages);
	memset(c, 0, sizeof(*c));
}
