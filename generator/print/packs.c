/*
 * packs.c -- the heavy module's side of the print packs (heavy.h): set up
 * the fonts and the print context once, lay each pack out, and write it
 * only if nothing was reported.  Which packs to make, and which to reuse,
 * is print.c's.
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
#include "../heavy.h"
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

/* ----- the module's entry points (heavy.h) -------------------------------- */

struct print_run {
	struct pctx	pc;
};

struct print_run *
print_run_open(struct site *s)
{
	struct print_run *r = xcalloc(1, sizeof(*r));

	if (pctx_init(&r->pc, s) == -1) {
		free(r);
		return NULL;
	}
	return r;
}

int
print_run_pack(struct print_run *r, enum print_pack_kind kind,
    struct page *calc, const char *dir, const char *name,
    size_t errors_before)
{
	struct dl_doc	d;
	int		rc;

	memset(&d, 0, sizeof(d));
	switch (kind) {
	case PACK_HANDOUT:
		rc = handout_build(&r->pc, &d);
		break;
	case PACK_SHEET:
		rc = sheet_build(&r->pc, calc, &d);
		break;
	case PACK_POSTER_A4:
		rc = poster_build(&r->pc, &d, A4_W, A4_H);
		break;
	case PACK_POSTER_A3:
		rc = poster_build(&r->pc, &d, A3_W, A3_H);
		break;
	case PACK_KARUTA:
		rc = karuta_build(&r->pc, &d, NULL);
		break;
	default:
		rc = -1;
	}
	if (rc == -1) {
		dl_free(&d);
		return -1;
	}
	return write_doc(&r->pc, &d, dir, name, errors_before);
}

void
print_run_close(struct print_run *r)
{
	if (r != NULL) {
		pctx_free(&r->pc);
		free(r);
	}
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
