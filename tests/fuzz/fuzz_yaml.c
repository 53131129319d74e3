/*
 * fuzz_yaml.c -- fuzz target: reading a content file (generator/load/):
 * encoding checks, front matter splitting, YAML with positions, duplicate
 * keys, and schema decoding.
 *
 * The input is one file.  As a Markdown page it goes through
 * source_from_memory(), source_split_front_matter() and ydoc_load(), and
 * its front matter is decoded with the page schema and with the calculator
 * schema (calc_decode: every field type but URLs, nested lists and maps).
 * As a whole YAML file it is decoded with site.yaml's schema, which adds
 * URLs, required nested mappings and lists of mappings.  All three are the
 * generator's own tables.
 */
#include <string.h>

#include "../../generator/core/arena.h"
#include "../../generator/core/diag.h"
#include "../../generator/load/schema.h"
#include "../../generator/load/source.h"
#include "../../generator/model/calc.h"
#include "fuzz.h"

static void
front_matter(arena *a, struct source *src)
{
	struct ydoc		y;
	struct page		p;
	struct page_meta	meta;

	if (source_split_front_matter(src) == -1)
		return;
	/* As load_page() does: decode even after duplicate keys. */
	if (ydoc_load(&y, src->path, src->text.data + src->fm_off,
	    src->fm_len, src->fm_line) == 0 || y.loaded) {
		memset(&meta, 0, sizeof(meta));
		(void)schema_decode(a, &y, ydoc_root(&y), &page_schema, &meta,
		    src_at(src->path, 1, 1));
		memset(&p, 0, sizeof(p));
		p.src = *src;
		(void)calc_decode(a, &y, &p);
	}
	ydoc_free(&y);
}

static void
whole_file(arena *a, struct source *src)
{
	struct ydoc		y;
	struct site_meta	m;

	if (ydoc_load(&y, src->path, buf_str(&src->text), src->text.len,
	    1) == 0) {
		memset(&m, 0, sizeof(m));
		(void)schema_decode(a, &y, ydoc_root(&y), &site_schema, &m,
		    src_at(src->path, 1, 1));
	}
	ydoc_free(&y);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source	src;
	arena		a = ARENA_INIT;

	if (source_from_memory(&src, "content/guides/fuzz.md",
	    (const char *)data, size) == 0) {
		front_matter(&a, &src);
		whole_file(&a, &src);
	}
	source_free(&src);
	arena_free(&a);
	fuzz_diag_drain();
	return 0;
}
