/*
 * handout.c -- the seminar handout: a cover (title, organiser, date, QR
 * codes to the site and to the online 自社診断), a table of contents,
 * every guide with `print: handout` in `order` (its notes at its end and a
 * QR code to its web page), then the worksheets of the calculators with
 * `print: handout` as an appendix.  Running heads, page numbers, PDF
 * bookmarks.
 *
 * The contents and the notes name page numbers, which are known only after
 * layout: the document is laid out until the numbers stop changing (twice,
 * almost always).
 */
#include <stdlib.h>
#include <string.h>

#include "../model/calc.h"
#include "../model/site.h"
#include "print_int.h"

#define MAX_PASSES	4

struct handout {
	struct pctx		*pc;
	struct page		**guides, **calcs;
	size_t			 nguides, ncalcs;
	struct pb_doc		*blocks;	/* per guide */
	struct page		*shindan;	/* the online check, or NULL */
	struct furniture	 fu;
	int			*start;		/* per ref: its first page */
};

/* A QR code with a caption under it, centred on cx. */
static void
qr_captioned(struct flow *f, double cx, double y, double size,
    const char *url, const char *caption)
{
	double w = MM(70), save = f->y;

	(void)qr_place(f->page, cx - size / 2, y, size, url);
	dl_uri(f->doc, f->page, cx - size / 2, y, size, size, url);
	f->y = y + size + MM(1);
	flow_text(f, caption, TS_PGOTHIC_BOLD, 10, 15, COLOR_TEXT,
	    cx - w / 2, w, TS_CENTER);
	flow_text(f, url, TS_PGOTHIC, 8, 12, COLOR_LINK, cx - w / 2, w,
	    TS_CENTER);
	f->y = save;
}

static void
cover(struct handout *H, struct flow *f)
{
	struct pctx	*pc = H->pc;
	struct site	*s = pc->s;
	double		 bx = MM(15), by = MM(15), bw = f->pw - 2 * MM(15);
	double		 bh = MM(92), in = MM(14), qs = MM(34), y;
	buf		 url = BUF_INIT;

	f->on_page = NULL;
	flow_new_page(f);
	dl_outline(f->doc, "表紙", 0, 0, 0);
	dl_rect(f->page, bx, by, bw, bh, COLOR_BRAND, COLOR_NONE, 0);
	f->y = by + in;
	flow_text(f, "セミナー配布資料", TS_PGOTHIC_BOLD, 11, 18, COLOR_WHITE,
	    bx + in, bw - 2 * in, TS_LEFT);
	f->y += MM(6);
	flow_text(f, s->meta.title.s, TS_PGOTHIC_BOLD, 28, 28 * 1.35,
	    COLOR_WHITE, bx + in, bw - 2 * in, TS_LEFT);
	f->y += MM(4);
	if (s->meta.tagline.s != NULL)
		flow_text(f, s->meta.tagline.s, TS_PGOTHIC, 15, 15 * 1.5,
		    COLOR_WHITE, bx + in, bw - 2 * in, TS_LEFT);
	f->y = by + bh + MM(14);
	if (s->meta.description.s != NULL) {
		(void)pf_check_at(&pc->fonts, TS_PGOTHIC,
		    s->meta.description.s, s->meta.description.pos);
		flow_text(f, s->meta.description.s, TS_PGOTHIC, 12, 12 * 1.75,
		    COLOR_TEXT, bx + in, bw - 2 * in, TS_JUSTIFY);
	}
	/* The two ways online. */
	y = f->ph - MM(112);
	f->y = y - MM(12);
	flow_text(f, "スマホのカメラで読み取ると、ウェブ版が開きます", TS_PGOTHIC,
	    10.5, 16, COLOR_SOFT, bx, bw, TS_CENTER);
	buf_puts(&url, pc->base_url);
	qr_captioned(f, f->pw / 2 - (H->shindan ? MM(42) : 0), y, qs,
	    url.data, "ウェブ版（いつでも最新の内容）");
	if (H->shindan != NULL) {
		buf_truncate(&url, 0);
		pctx_url(pc, H->shindan, &url);
		qr_captioned(f, f->pw / 2 + MM(42), y, qs, url.data,
		    H->shindan->meta.title.s);
	}
	/* The organiser and the date. */
	y = f->ph - MM(42);
	dl_line(f->page, bx, y, bx + bw, y, COLOR_BRAND, 1.2);
	f->y = y + MM(4);
	flow_text(f, pc->org, TS_PGOTHIC_BOLD, 13, 20, COLOR_TEXT, bx, bw,
	    TS_LEFT);
	flow_text(f, pc->date, TS_PGOTHIC, 10.5, 17, COLOR_TEXT, bx, bw,
	    TS_LEFT);
	buf_free(&url);
}

/* One line of the contents: title, a hairline, the page number. */
static void
toc_entry(struct flow *f, const char *num, const char *title,
    const char *summary, int page)
{
	struct pfonts	*pf = &f->pc->fonts;
	double		 size = 11.5, lead = size * 1.6, x = f->left + 2 * size;
	double		 right = f->left + f->width, tw, base;
	char		 pn[16];

	flow_need(f, 2.6 * lead);
	base = f->y + (lead - size) / 2 + 0.88 * size;
	if (num != NULL)
		(void)dl_string(f->doc, f->page, pf, f->left, base,
		    TS_PGOTHIC_BOLD, size, COLOR_BRAND, TS_LEFT, num);
	snprintf(pn, sizeof(pn), "%d", page);
	(void)dl_string(f->doc, f->page, pf, right, base, TS_PGOTHIC_BOLD, size,
	    COLOR_TEXT, TS_RIGHT, pn);
	tw = pf_measure(pf, TS_PGOTHIC_BOLD, size, title, strlen(title));
	if (tw > right - x - 3 * size)
		tw = right - x - 3 * size;
	flow_text(f, title, TS_PGOTHIC_BOLD, size, lead, COLOR_TEXT, x,
	    right - x - 3 * size, TS_LEFT);
	dl_line(f->page, x + tw + 6, base - 1, right - 2.2 * size, base - 1,
	    COLOR_RULE, 0.4);
	if (summary != NULL)
		flow_text(f, summary, TS_PGOTHIC, 8.5, 8.5 * 1.55, COLOR_SOFT, x,
		    right - x - 3 * size, TS_JUSTIFY);
	f->y += 0.55 * lead;
}

static void
contents(struct handout *H, struct flow *f)
{
	size_t	i, r = 0;
	char	num[32];

	H->fu.right = "もくじ";
	f->on_page = furniture_draw;
	flow_new_page(f);
	flow_heading(f, "もくじ", 0, 0);
	for (i = 0; i < H->nguides; i++, r++) {
		snprintf(num, sizeof(num), "%zu", i + 1);
		toc_entry(f, num, H->guides[i]->meta.title.s,
		    H->guides[i]->meta.summary.s, H->pc->ref_page[r]);
	}
	if (H->ncalcs > 0) {
		f->y += 0.5 * BODY_LEADING;
		flow_text(f, "付録　記入用シート", TS_PGOTHIC_BOLD, 12, 20,
		    COLOR_BRAND, f->left, f->width, TS_LEFT);
		f->y += 0.3 * BODY_LEADING;
	}
	for (i = 0; i < H->ncalcs; i++, r++)
		toc_entry(f, NULL, H->calcs[i]->meta.title.s, NULL,
		    H->pc->ref_page[r]);
	f->y += BODY_LEADING;
	flow_text(f, "各章の終わりに、数字の出典と参照先、その章のウェブ版を"
	    "開く QR コードがあります。", TS_PGOTHIC, 9, 14, COLOR_SOFT, f->left,
	    f->width, TS_LEFT);
}

/* The web version of a section, at its end. */
static void
web_link(struct flow *f, struct pctx *pc, const struct page *p)
{
	double	qs = MM(19), x;
	buf	url = BUF_INIT;

	pctx_url(pc, p, &url);
	flow_need(f, qs + BODY_LEADING);
	f->y += 0.6 * BODY_LEADING;
	(void)qr_place(f->page, f->left, f->y, qs, url.data);
	dl_uri(f->doc, f->page, f->left, f->y, qs, qs, url.data);
	x = f->left + qs + MM(3);
	f->y += MM(3);
	flow_text(f, "この章のウェブ版", TS_PGOTHIC_BOLD, 9, 14, COLOR_TEXT, x,
	    f->left + f->width - x, TS_LEFT);
	flow_text(f, url.data, TS_PGOTHIC, 8, 12, COLOR_LINK, x,
	    f->left + f->width - x, TS_LEFT);
	f->y += qs - MM(3) - 26;
	buf_free(&url);
}

static void
guide(struct handout *H, struct flow *f, size_t i)
{
	const struct page *p = H->guides[i];

	H->fu.right = p->meta.title.s;
	flow_new_page(f);
	H->start[i] = (int)f->doc->npages;
	flow_heading(f, p->meta.title.s, 0, 0);
	if (p->meta.summary.s != NULL) {
		flow_text(f, p->meta.summary.s, TS_PGOTHIC, 11, 11 * 1.7,
		    COLOR_SOFT, f->left, f->width, TS_JUSTIFY);
		f->y += 0.6 * BODY_LEADING;
	}
	flow_blocks(f, &H->blocks[i]);
	flow_notes(f, &H->blocks[i]);
	web_link(f, H->pc, p);
}

static void
layout(struct handout *H, struct dl_doc *d)
{
	struct flow	f;
	size_t		i;

	flow_a4(&f, H->pc, d);
	f.on_page_ctx = &H->fu;
	cover(H, &f);
	contents(H, &f);
	for (i = 0; i < H->nguides; i++)
		guide(H, &f, i);
	for (i = 0; i < H->ncalcs; i++) {
		H->fu.right = "付録　記入用シート";
		/* sheet_flow() starts a page of its own. */
		H->start[H->nguides + i] = (int)d->npages + 1;
		(void)sheet_flow(&f, H->pc, H->calcs[i]);
	}
}

/* The pages printed: guides and calculators with `print: handout`. */
static size_t
printed(struct page **all, size_t n, struct page ***out, int calcs)
{
	size_t i, k = 0;

	*out = xmalloc((n + 1) * sizeof(**out));
	for (i = 0; i < n; i++)
		if (all[i]->meta.print.s != NULL && (!calcs ||
		    (all[i]->calc != NULL && all[i]->calc->ok &&
		    all[i]->calc->kind != CALC_COST)))
			(*out)[k++] = all[i];
	return k;
}

int
handout_build(struct pctx *pc, struct dl_doc *d)
{
	struct handout	 H;
	struct page	**all;
	size_t		 n, i, nrefs, pass;
	buf		 t = BUF_INIT;

	memset(&H, 0, sizeof(H));
	H.pc = pc;
	H.fu.left = pc->s->meta.title.s;
	H.fu.numbers = 1;
	n = site_guides(pc->s, &all);
	H.nguides = printed(all, n, &H.guides, 0);
	free(all);
	n = site_calculators(pc->s, &all);
	H.ncalcs = printed(all, n, &H.calcs, 1);
	free(all);
	H.shindan = pctx_online_check(pc);
	nrefs = H.nguides + H.ncalcs;
	pc->refs = xcalloc(nrefs + 1, sizeof(*pc->refs));
	pc->ref_page = xcalloc(nrefs + 1, sizeof(*pc->ref_page));
	pc->nrefs = nrefs;
	H.start = xcalloc(nrefs + 1, sizeof(*H.start));
	for (i = 0; i < nrefs; i++)
		pc->refs[i] = i < H.nguides ? H.guides[i] :
		    H.calcs[i - H.nguides];
	H.blocks = xcalloc(H.nguides + 1, sizeof(*H.blocks));
	for (i = 0; i < H.nguides; i++) {
		struct page		*p = H.guides[i];
		struct pb_source	 ps;

		memset(&ps, 0, sizeof(ps));
		ps.page = p;
		ps.path = p->src.path;
		ps.text = p->src.text.data + p->src.body_off;
		ps.len = p->src.text.len - p->src.body_off;
		ps.lines = &p->src.lines;
		ps.base = p->src.body_off;
		(void)pf_check_at(&pc->fonts, TS_PGOTHIC_BOLD, p->meta.title.s,
		    p->meta.title.pos);
		(void)pf_check_at(&pc->fonts, TS_PGOTHIC, p->meta.summary.s,
		    p->meta.summary.pos);
		(void)pb_parse(pc, &ps, &H.blocks[i]);
	}
	for (pass = 0; pass < MAX_PASSES; pass++) {
		dl_free(d);
		layout(&H, d);
		if (memcmp(H.start, pc->ref_page, nrefs * sizeof(int)) == 0)
			break;
		memcpy(pc->ref_page, H.start, nrefs * sizeof(int));
	}
	buf_printf(&t, "%s（セミナー配布資料）", pc->s->meta.title.s);
	d->title = arena_strdup(&d->a, t.data);
	d->author = pc->org;
	d->subject = pc->s->meta.tagline.s;
	d->days = pc->days;
	d->use_outlines = 1;
	for (i = 0; i < H.nguides; i++)
		pb_free(&H.blocks[i]);
	free(H.blocks);
	free(H.guides);
	free(H.calcs);
	free(H.start);
	buf_free(&t);
	return 0;
}
