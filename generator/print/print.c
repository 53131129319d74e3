/*
 * print.c -- which packs a build makes (print.h): each pack's dependency
 * key, the previous build's copy when the key is unchanged, else the
 * heavy module (heavy.h, print/packs.c) lays it out.  A build that
 * reuses every pack never opens the module.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/diag.h"
#include "../core/fs.h"
#include "../core/hash.h"
#include "../heavy.h"
#include "../model/calc.h"
#include "../model/facts.h"
#include "../model/site.h"
#include "../text/text.h"
#include "print.h"
#include "print_int.h"

/* ----- what the keys and the choice of packs need ----------------------- */

/* The four faces (typeset.h TS_*), asked of fontconfig by family. */
const struct pf_face pf_faces[TS_NFONTS] = {
	{ "BIZ UDGothic", "Regular", 0 },
	{ "BIZ UDGothic", "Bold", 1 },
	{ "BIZ UDPGothic", "Regular", 0 },
	{ "BIZ UDPGothic", "Bold", 1 },
};

/* The poster's three facts: strong figures a passer-by grasps at once.
 * site.yaml `poster_facts: [id, id, id]` chooses them; these are the
 * default. */
const char *const poster_default_facts[POSTER_NFACTS] = {
	"shindan-band-0-49",		/* 62.6% score 49 or less */
	"nl-report-never",		/* 43.2% of rule-breakers never told */
	"no-report-route-2024",		/* 31.9% no one to report to */
};

const char *
pf_family(int font)
{
	return pf_faces[font].family;
}

const char *
pf_style(int font)
{
	return pf_faces[font].style;
}

int
pf_identity(buf *out)
{
	struct stat	st;
	char		*file;
	int		 k, index;

	for (k = 0; k < TS_NFONTS; k++) {
		if (text_font_file(pf_faces[k].family, pf_faces[k].bold, &file,
		    &index) == -1)
			return -1;
		if (stat(file, &st) == 0)
			buf_printf(out, "%s:%d:%lld:%lld.%09ld\n", file, index,
			    (long long)st.st_size, (long long)st.st_mtim.tv_sec,
			    st.st_mtim.tv_nsec);
		free(file);
	}
	return 0;
}

/* Can the poster be made: its three facts chosen in site.yaml, or the
 * default ones present in the fact store? */
int
poster_possible(const struct site *s)
{
	size_t i;

	if (s->meta.poster_facts.n == POSTER_NFACTS)
		return 1;	/* chosen: a missing one is an error later */
	for (i = 0; i < POSTER_NFACTS; i++)
		if (facts_find(s, poster_default_facts[i],
		    strlen(poster_default_facts[i])) == NULL)
			return 0;
	return 1;
}

int
karuta_possible(const struct site *s)
{
	return s->karuta.path != NULL && s->karuta.n > 0;
}

void
sheet_file_name(const struct page *p, buf *out)
{
	if (p->calc != NULL && p->calc->kind == CALC_SCORE)
		buf_printf(out, "%s-worksheet.pdf", p->slug);
	else
		buf_printf(out, "%s.pdf", p->slug);
}

void
print_fini(void)
{
	if (heavy_loaded())
		heavy_get()->fini();
}

/* ----- dependency keys (struct print_reuse) ------------------------------ */

static void
key_str(buf *b, const char *tag, const char *v)
{
	buf_printf(b, "%s=%s\n", tag, v != NULL ? v : "");
}

static void
key_file(buf *b, const struct print_reuse *ru, const char *rel)
{
	buf_printf(b, "file %s %016llx\n", rel, (unsigned long long)
	    ru->file_hash(ru->ctx, rel));
}

/*
 * What every pack depends on: the program, the fonts, the date, the data
 * files, every content file that is not a page (pictures), and every
 * page's address and listing fields.  Pages' bodies are not in it.
 */
static int
key_common(struct site *s, struct print_reuse *ru, buf *b)
{
	size_t i, k;

	buf_printf(b, "mamoru print %016llx %ld\n", (unsigned long long)ru->base,
	    s->build_days);
	if (pf_identity(b) == -1)
		return -1;
	key_file(b, ru, "site.yaml");
	key_file(b, ru, "facts.yaml");
	key_file(b, ru, "glossary.yaml");
	for (i = 0; i < s->nfiles; i++)
		key_file(b, ru, s->files[i]);
	for (i = 0; i < s->npages; i++) {
		const struct page *p = s->pages[i];

		buf_printf(b, "page %d %zu\n", (int)p->kind, p->index);
		key_str(b, "rel", p->rel);
		key_str(b, "slug", p->slug);
		key_str(b, "out", p->out);
		key_str(b, "url", p->url);
		key_str(b, "title", p->meta.title.s);
		key_str(b, "summary", p->meta.summary.s);
		key_str(b, "print", p->meta.print.s);
		key_str(b, "audience", p->meta.audience.s);
		key_str(b, "updated", p->meta.updated.s);
		buf_printf(b, "order=%lld kiosk=%d draft=%d\n",
		    (long long)p->meta.order.v, p->meta.kiosk.v,
		    p->meta.draft.v);
		for (k = 0; k < p->meta.tags.n; k++)
			key_str(b, "tag", p->meta.tags.items[k].s);
	}
	return 0;
}

struct job {
	const char	*name;
	uint64_t	 key;
};

static uint64_t
key_of(const buf *common, const char *name, const buf *extra)
{
	buf		b = BUF_INIT;
	uint64_t	h;

	buf_append(&b, common->data, common->len);
	buf_printf(&b, "pack %s\n", name);
	buf_append(&b, extra->data, extra->len);
	h = hash64(b.data, b.len);
	buf_free(&b);
	return h;
}

/*
 * Reuse the previous copy of a pack if its key is unchanged.  Returns 1
 * if reused; otherwise opens the heavy module and its print run on first
 * need (0), or -1 (reported).
 */
static int
job_start(struct job *j, struct print_reuse *ru, struct print_run **run,
    struct site *s, const char *dir, size_t *from)
{
	const struct mamoru_heavy	*h;
	buf				 path = BUF_INIT;
	int				 rc = 0;

	if (ru != NULL) {
		buf_printf(&path, "%s/%s", dir, j->name);
		if (ru->reuse(ru->ctx, j->name, j->key, path.data) == 1) {
			ru->reused++;
			rc = 1;
		}
		buf_free(&path);
	}
	*from = diag_count();
	if (rc == 0 && *run == NULL) {
		if ((h = heavy_get()) == NULL ||
		    (*run = h->print_open(s)) == NULL)
			return -1;
	}
	return rc;
}

static void
job_done(const struct job *j, struct print_reuse *ru, const char *dir,
    size_t from)
{
	buf path = BUF_INIT;

	if (ru != NULL) {
		buf_printf(&path, "%s/%s", dir, j->name);
		ru->made(ru->ctx, j->name, j->key, path.data, from,
		    diag_count());
		ru->made_count++;
	}
	buf_free(&path);
}

/* One pack: reused, or laid out and written.  0 or -1. */
static int
job_run(struct job *j, struct print_reuse *ru, struct print_run **run,
    struct site *s, const char *dir, enum print_pack_kind kind,
    struct page *calc, size_t before)
{
	size_t	from;
	int	r;

	if ((r = job_start(j, ru, run, s, dir, &from)) == -1)
		return -1;
	if (r == 1)
		return 0;
	if (heavy_get()->print_pack(*run, kind, calc, dir, j->name,
	    before) == -1)
		return -1;
	job_done(j, ru, dir, from);
	return 0;
}

int
print_emit(struct site *s, const char *out_dir, struct print_reuse *ru)
{
	struct print_run *run = NULL;
	struct page	**calcs = NULL;
	struct job	 j;
	buf		 dir = BUF_INIT, name = BUF_INIT, common = BUF_INIT,
			 extra = BUF_INIT;
	size_t		 before = diag_error_count(), n, i;
	int		 rc = 0;

	if (ru != NULL && key_common(s, ru, &common) == -1)
		ru = NULL;	/* no fonts: the print run reports it */
	buf_printf(&dir, "%s/print", out_dir);
	if (fs_mkdir_p(dir.data) == -1) {
		diag_error(src_at(dir.data, 0, 0), "フォルダを作れません: %s",
		    strerror(errno));
		rc = -1;
		goto done;
	}
	n = site_calculators(s, &calcs);

	/* The handout: the pages with `print:`. */
	j.name = "handout.pdf";
	if (ru != NULL) {
		for (i = 0; i < s->npages; i++)
			if (s->pages[i]->meta.print.s != NULL &&
			    s->pages[i]->rel != NULL)
				key_file(&extra, ru, s->pages[i]->rel);
		j.key = key_of(&common, j.name, &extra);
	}
	rc = job_run(&j, ru, &run, s, dir.data, PACK_HANDOUT, NULL, before);

	for (i = 0; i < n && rc == 0; i++) {
		if (calcs[i]->meta.print.s == NULL || calcs[i]->calc == NULL ||
		    calcs[i]->calc->kind == CALC_COST)
			continue;
		buf_truncate(&name, 0);
		sheet_file_name(calcs[i], &name);
		j.name = name.data;
		if (ru != NULL) {
			buf_truncate(&extra, 0);
			key_file(&extra, ru, calcs[i]->rel);
			j.key = key_of(&common, j.name, &extra);
		}
		rc = job_run(&j, ru, &run, s, dir.data, PACK_SHEET, calcs[i],
		    before);
	}
	if (rc == 0 && !poster_possible(s)) {
		/* A site of its own figures: the poster waits for them. */
		diag_warning(src_at(s->settings_src.path, 0, 0), "ポスター（"
		    "poster-a4.pdf・poster-a3.pdf）は作りませんでした。"
		    "site.yaml の poster_facts に content/facts.yaml の数字の "
		    "id を3つ書くと作ります");
		goto done;
	}
	buf_truncate(&extra, 0);
	for (i = 0; i < 2 && rc == 0; i++) {
		j.name = i == 0 ? "poster-a4.pdf" : "poster-a3.pdf";
		if (ru != NULL)
			j.key = key_of(&common, j.name, &extra);
		rc = job_run(&j, ru, &run, s, dir.data, i == 0 ?
		    PACK_POSTER_A4 : PACK_POSTER_A3, NULL, before);
	}
	if (rc == 0 && karuta_possible(s)) {
		j.name = "karuta.pdf";
		if (ru != NULL) {
			key_file(&extra, ru, "karuta/deck.yaml");
			j.key = key_of(&common, j.name, &extra);
		}
		rc = job_run(&j, ru, &run, s, dir.data, PACK_KARUTA, NULL,
		    before);
	}
done:
	if (diag_error_count() > before)
		rc = -1;
	free(calcs);
	if (run != NULL)
		heavy_get()->print_close(run);
	buf_free(&dir);
	buf_free(&name);
	buf_free(&common);
	buf_free(&extra);
	return rc;
}
