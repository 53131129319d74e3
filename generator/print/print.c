/*
 * print.c -- run the packs: set up fonts and the print context, lay each
 * document out, and write it only if nothing was reported.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/date.h"
#include "../core/fs.h"
#include "../core/hash.h"
#include "../load/source.h"
#include "../model/calc.h"
#include "../model/site.h"
#include "print.h"
#include "print_int.h"

void
pctx_url(const struct pctx *pc, const struct page *p, buf *out)
{
	buf_printf(out, "%s%s", pc->base_url, p->url != NULL ? p->url : "");
}

int
pctx_page_of(const struct pctx *pc, const struct page *p)
{
	size_t i;

	for (i = 0; i < pc->nrefs; i++)
		if (pc->refs[i] == p)
			return pc->ref_page[i];
	return 0;
}

struct page *
pctx_online_check(const struct pctx *pc)
{
	struct page	**all, *found = NULL;
	size_t		  n = site_calculators(pc->s, &all), i;

	for (i = 0; i < n && found == NULL; i++)
		if (all[i]->slug != NULL && strcmp(all[i]->slug, "shindan") == 0)
			found = all[i];
	for (i = 0; i < n && found == NULL; i++)
		if (all[i]->calc != NULL && all[i]->calc->kind == CALC_SCORE &&
		    all[i]->meta.print.s != NULL)
			found = all[i];
	free(all);
	return found;
}

/* Running head (left and right, over a hairline) and the page number. */
void
furniture_draw(struct flow *f, void *vfur)
{
	const struct furniture	*fu = vfur;
	const double		 size = 7.5, y = MM(13);
	char			 num[32];

	if (fu->left != NULL)
		(void)dl_string(f->doc, f->page, &f->pc->fonts, f->left, y,
		    TS_PGOTHIC, size, COLOR_SOFT, TS_LEFT, fu->left);
	if (fu->right != NULL)
		(void)dl_string(f->doc, f->page, &f->pc->fonts,
		    f->left + f->width, y, TS_PGOTHIC, size, COLOR_SOFT,
		    TS_RIGHT, fu->right);
	if (fu->left != NULL || fu->right != NULL)
		dl_line(f->page, f->left, y + 0.45 * size, f->left + f->width,
		    y + 0.45 * size, COLOR_RULE, 0.4);
	if (fu->numbers) {
		snprintf(num, sizeof(num), "%zu", f->doc->npages);
		(void)dl_string(f->doc, f->page, &f->pc->fonts, f->pw / 2,
		    f->ph - MM(11), TS_PGOTHIC, 9, COLOR_SOFT, TS_CENTER, num);
	}
}

static int
pctx_init(struct pctx *pc, struct site *s)
{
	int y, m, d;

	memset(pc, 0, sizeof(*pc));
	pc->s = s;
	if (pf_open(&pc->fonts) == -1)
		return -1;
	pc->base_url = s->meta.base_url.s != NULL ? s->meta.base_url.s : "";
	pc->org = s->meta.organisation.name.s != NULL ?
	    s->meta.organisation.name.s : s->meta.title.s != NULL ?
	    s->meta.title.s : "";
	pc->days = s->build_days;
	date_ymd(pc->days, &y, &m, &d);
	snprintf(pc->date, sizeof(pc->date), "%d年%d月%d日", y, m, d);
	/* Strings from site.yaml that the packs print. */
	(void)pf_check_at(&pc->fonts, TS_PGOTHIC_BOLD, s->meta.title.s,
	    s->meta.title.pos);
	(void)pf_check_at(&pc->fonts, TS_PGOTHIC, s->meta.tagline.s,
	    s->meta.tagline.pos);
	(void)pf_check_at(&pc->fonts, TS_PGOTHIC_BOLD,
	    s->meta.organisation.name.s, s->meta.organisation.name.pos);
	return 0;
}

static void
pctx_free(struct pctx *pc)
{
	pf_close(&pc->fonts);
	free(pc->refs);
	free(pc->ref_page);
}

/* Write a laid-out document unless this run has reported errors. */
static int
write_doc(struct pctx *pc, struct dl_doc *d, const char *dir,
    const char *name, size_t errors_before)
{
	buf	path = BUF_INIT;
	int	rc = -1;

	if (diag_error_count() == errors_before) {
		buf_printf(&path, "%s/%s", dir, name);
		rc = pdf_write(d, &pc->fonts, path.data);
	}
	dl_free(d);
	buf_free(&path);
	return rc;
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
 * if reused; otherwise opens the print context on first need (0), or -1.
 */
static int
job_start(struct job *j, struct print_reuse *ru, struct pctx *pc,
    int *opened, struct site *s, const char *dir, size_t *from)
{
	buf	path = BUF_INIT;
	int	rc = 0;

	if (ru != NULL) {
		buf_printf(&path, "%s/%s", dir, j->name);
		if (ru->reuse(ru->ctx, j->name, j->key, path.data) == 1) {
			ru->reused++;
			rc = 1;
		}
		buf_free(&path);
	}
	*from = diag_count();
	if (rc == 0 && !*opened) {
		if (pctx_init(pc, s) == -1)
			return -1;
		*opened = 1;
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

int
print_emit(struct site *s, const char *out_dir, struct print_reuse *ru)
{
	struct pctx	 pc;
	struct dl_doc	 d;
	struct page	**calcs = NULL;
	struct job	 j;
	buf		 dir = BUF_INIT, name = BUF_INIT, common = BUF_INIT,
			 extra = BUF_INIT;
	size_t		 before = diag_error_count(), n, i, from;
	int		 rc = 0, opened = 0, r;

	memset(&pc, 0, sizeof(pc));
	if (ru != NULL && key_common(s, ru, &common) == -1)
		ru = NULL;	/* no fonts: pctx_init() reports it */
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
	memset(&d, 0, sizeof(d));
	if ((r = job_start(&j, ru, &pc, &opened, s, dir.data, &from)) == -1 ||
	    (r == 0 && (handout_build(&pc, &d) == -1 ||
	    write_doc(&pc, &d, dir.data, j.name, before) == -1)))
		rc = -1;
	else if (r == 0)
		job_done(&j, ru, dir.data, from);

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
		memset(&d, 0, sizeof(d));
		if ((r = job_start(&j, ru, &pc, &opened, s, dir.data,
		    &from)) == -1 || (r == 0 && (sheet_build(&pc, calcs[i],
		    &d) == -1 || write_doc(&pc, &d, dir.data, j.name,
		    before) == -1)))
			rc = -1;
		else if (r == 0)
			job_done(&j, ru, dir.data, from);
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
		memset(&d, 0, sizeof(d));
		if ((r = job_start(&j, ru, &pc, &opened, s, dir.data,
		    &from)) == -1 || (r == 0 && (poster_build(&pc, &d,
		    i == 0 ? A4_W : A3_W, i == 0 ? A4_H : A3_H) == -1 ||
		    write_doc(&pc, &d, dir.data, j.name, before) == -1)))
			rc = -1;
		else if (r == 0)
			job_done(&j, ru, dir.data, from);
	}
	if (rc == 0 && karuta_possible(s)) {
		j.name = "karuta.pdf";
		if (ru != NULL) {
			key_file(&extra, ru, "karuta/deck.yaml");
			j.key = key_of(&common, j.name, &extra);
		}
		memset(&d, 0, sizeof(d));
		if ((r = job_start(&j, ru, &pc, &opened, s, dir.data,
		    &from)) == -1 || (r == 0 && (karuta_build(&pc, &d,
		    NULL) == -1 || write_doc(&pc, &d, dir.data, j.name,
		    before) == -1)))
			rc = -1;
		else if (r == 0)
			job_done(&j, ru, dir.data, from);
	}
done:
	if (diag_error_count() > before)
		rc = -1;
	free(calcs);
	if (opened)
		pctx_free(&pc);
	buf_free(&dir);
	buf_free(&name);
	buf_free(&common);
	buf_free(&extra);
	return rc;
}

int
print_markdown(struct site *s, const char *md_path, const char *pdf_path,
    buf *dump)
{
	struct pctx		pc;
	struct source		src;
	struct pb_source	ps;
	struct pb_doc		blocks;
	struct dl_doc		d;
	struct flow		f;
	struct furniture	fu = { NULL, NULL, 1 };
	size_t			before = diag_error_count(), body = 0;
	int			rc = -1;

	if (pctx_init(&pc, s) == -1)
		return -1;
	memset(&blocks, 0, sizeof(blocks));
	memset(&d, 0, sizeof(d));
	if (source_read(&src, md_path) == -1) {
		source_free(&src);
		goto done;
	}
	if (src.text.len >= 3 && memcmp(src.text.data, "---", 3) == 0 &&
	    source_split_front_matter(&src) == 0)
		body = src.body_off;
	memset(&ps, 0, sizeof(ps));
	ps.path = src.path;
	ps.text = src.text.data + body;
	ps.len = src.text.len - body;
	ps.lines = &src.lines;
	ps.base = body;
	(void)pb_parse(&pc, &ps, &blocks);
	d.title = md_path;
	d.author = pc.org;
	d.days = pc.days;
	flow_a4(&f, &pc, &d);
	f.on_page = furniture_draw;
	f.on_page_ctx = &fu;
	flow_blocks(&f, &blocks);
	flow_notes(&f, &blocks);
	if (dump != NULL)
		dl_dump(&d, dump);
	if (diag_error_count() == before)
		rc = pdf_write(&d, &pc.fonts, pdf_path);
	source_free(&src);
done:
	pb_free(&blocks);
	dl_free(&d);
	pctx_free(&pc);
	return rc;
}

int
print_karuta(struct site *s, const char *pdf_path, buf *dump)
{
	struct pctx	pc;
	struct dl_doc	d;
	size_t		before = diag_error_count();
	int		rc = -1;

	if (pctx_init(&pc, s) == -1)
		return -1;
	memset(&d, 0, sizeof(d));
	if (!karuta_possible(s))
		diag_error(src_at(s->karuta.path != NULL ? s->karuta.path :
		    "content/karuta/deck.yaml", 0, 0), "印刷する札がありません");
	else if (karuta_build(&pc, &d, dump) == 0 &&
	    diag_error_count() == before)
		rc = pdf_write(&d, &pc.fonts, pdf_path);
	dl_free(&d);
	pctx_free(&pc);
	return rc;
}
