/*
 * poster.c -- the kiosk corner's poster, A4 or A3 (the same design scaled
 * by √2): the site's title as headline, three key facts from the fact
 * store with their sources, and QR codes to the online 自社診断 and the
 * site.  Ink stays 12 mm (A4) from the edges: office printers cannot
 * print to the edge, so no bleed is needed.
 */
#include <string.h>

#include "../model/calc.h"
#include "../model/facts.h"
#include "../model/site.h"
#include "print_int.h"

#define default_facts	poster_default_facts
#define NFACTS		POSTER_NFACTS

/* Height of a ragged paragraph at 1.45 leading. */
static double
label_height(struct flow *f, const char *s, double size, double w)
{
	struct ts_para	p;
	size_t		n;

	memset(&p, 0, sizeof(p));
	ts_para_set(&p, TS_PGOTHIC_BOLD, size, COLOR_TEXT, s);
	n = flow_count_lines(f, &p, w, 0);
	ts_para_free(&p);
	return (double)n * size * 1.45;
}

/* A fact: the figure large, its unit smaller, the label, the source. */
static void
fact_card(struct flow *f, struct pctx *pc, const struct fact *ft, double x,
    double y, double w, double h, double k)
{
	struct pfonts	*pf = &pc->fonts;
	double		 nsize = 46 * k, usize = 22 * k, base, nw, tx, tw, lh;
	buf		 src = BUF_INIT;

	dl_rect(f->page, x, y, w, h, COLOR_TINT, COLOR_NONE, 0);
	dl_rect(f->page, x, y, 2.5 * k, h, COLOR_BRAND, COLOR_NONE, 0);
	base = y + h / 2 + nsize * 0.35;
	nw = dl_string(f->doc, f->page, pf, x + 8 * k, base, TS_PGOTHIC_BOLD,
	    nsize, COLOR_BRAND, TS_LEFT, ft->value.s);
	if (ft->unit.s != NULL)
		(void)dl_string(f->doc, f->page, pf, x + 8 * k + nw + 2 * k, base,
		    TS_PGOTHIC_BOLD, usize, COLOR_BRAND, TS_LEFT, ft->unit.s);
	tx = x + MM(58) * k;
	tw = x + w - tx - MM(5) * k;
	buf_puts(&src, "出典：");
	fact_source_text(ft, &src);
	/* The label and the source, centred on the card. */
	lh = label_height(f, ft->label.s, 13 * k, tw) + 3 * k +
	    label_height(f, src.data, 7.5 * k, tw) * 1.5 / 1.45;
	f->y = y + (h - lh) / 2;
	flow_text(f, ft->label.s, TS_PGOTHIC_BOLD, 13 * k, 13 * k * 1.45,
	    COLOR_TEXT, tx, tw, TS_LEFT);
	f->y += 3 * k;
	flow_text(f, src.data, TS_PGOTHIC, 7.5 * k, 7.5 * k * 1.5, COLOR_SOFT, tx,
	    tw, TS_LEFT);
	buf_free(&src);
}

int
poster_build(struct pctx *pc, struct dl_doc *d, double pw, double ph)
{
	struct site	*s = pc->s;
	struct flow	 f;
	struct page	*shindan;
	const struct fact *facts[NFACTS];
	double		 k = pw / A4_W, m = MM(12) * k, w = pw - 2 * m, y;
	double		 ch, qs = MM(38) * k, qs2 = MM(26) * k;
	size_t		 i;
	buf		 url = BUF_INIT, t = BUF_INIT;

	for (i = 0; i < NFACTS; i++) {
		const fm_strs	*chosen = &s->meta.poster_facts;
		const char	*id = chosen->n == NFACTS ?
				    chosen->items[i].s : default_facts[i];

		facts[i] = facts_find(s, id, strlen(id));
		if (facts[i] == NULL) {
			diag_error(chosen->n == NFACTS ? chosen->items[i].pos :
			    src_at(s->facts.path ? s->facts.path :
			    "content/facts.yaml", 0, 0), "ポスターの数字 '%s' "
			    "が content/facts.yaml にありません", id);
			return -1;
		}
		(void)pf_check_at(&pc->fonts, TS_PGOTHIC_BOLD, facts[i]->label.s,
		    facts[i]->label.pos);
	}
	shindan = pctx_online_check(pc);
	memset(&f, 0, sizeof(f));
	f.pc = pc;
	f.doc = d;
	f.pw = pw;
	f.ph = ph;
	f.left = m;
	f.width = w;
	f.top = m;
	f.bottom = ph - m;
	flow_new_page(&f);
	/* The headline on the brand colour. */
	dl_rect(f.page, m, m, w, MM(62) * k, COLOR_BRAND, COLOR_NONE, 0);
	f.y = m + MM(10) * k;
	flow_text(&f, pc->org, TS_PGOTHIC_BOLD, 13 * k, 20 * k, COLOR_WHITE,
	    m + MM(10) * k, w - MM(20) * k, TS_LEFT);
	f.y += MM(3) * k;
	flow_text(&f, s->meta.title.s, TS_PGOTHIC_BOLD, 30 * k, 30 * k * 1.3,
	    COLOR_WHITE, m + MM(10) * k, w - MM(20) * k, TS_LEFT);
	f.y += MM(2) * k;
	if (s->meta.tagline.s != NULL)
		flow_text(&f, s->meta.tagline.s, TS_PGOTHIC, 16 * k, 16 * k * 1.4,
		    COLOR_WHITE, m + MM(10) * k, w - MM(20) * k, TS_LEFT);
	/* Three facts. */
	y = m + MM(70) * k;
	f.y = y;
	flow_text(&f, "全国の中小企業では……", TS_PGOTHIC_BOLD, 15 * k, 22 * k,
	    COLOR_BRAND, m, w, TS_LEFT);
	y += MM(10) * k;
	ch = MM(40) * k;
	for (i = 0; i < NFACTS; i++) {
		fact_card(&f, pc, facts[i], m, y, w, ch, k);
		y += ch + MM(4) * k;
	}
	/* The way in: the online check, and the site. */
	y += MM(4) * k;
	if (shindan != NULL) {
		pctx_url(pc, shindan, &url);
		(void)qr_place(f.page, m, y, qs, url.data);
		dl_uri(d, f.page, m, y, qs, qs, url.data);
		f.y = y + MM(3) * k;
		buf_printf(&t, "%s", shindan->meta.title.s);
		flow_text(&f, t.data, TS_PGOTHIC_BOLD, 17 * k, 17 * k * 1.4,
		    COLOR_BRAND, m + qs + MM(5) * k, w - qs - qs2 - MM(12) * k,
		    TS_LEFT);
		f.y += MM(2) * k;
		buf_truncate(&t, 0);
		buf_puts(&t, "スマホで QR コードを読み取ると、その場で始められます。");
		if (shindan->calc != NULL)
			buf_printf(&t, "%zuの質問に答えるだけ。",
			    shindan->calc->nitems);
		buf_puts(&t, "答えはどこにも送られません。");
		flow_text(&f, t.data, TS_PGOTHIC, 11 * k, 11 * k * 1.6, COLOR_TEXT,
		    m + qs + MM(5) * k, w - qs - qs2 - MM(12) * k, TS_JUSTIFY);
		flow_text(&f, url.data, TS_PGOTHIC, 8.5 * k, 8.5 * k * 1.5,
		    COLOR_LINK, m + qs + MM(5) * k, w - qs - qs2 - MM(12) * k,
		    TS_LEFT);
	}
	buf_truncate(&url, 0);
	buf_puts(&url, pc->base_url);
	(void)qr_place(f.page, m + w - qs2, y, qs2, url.data);
	dl_uri(d, f.page, m + w - qs2, y, qs2, qs2, url.data);
	f.y = y + qs2 + MM(1) * k;
	flow_text(&f, "サイトを開く", TS_PGOTHIC_BOLD, 10 * k, 15 * k, COLOR_TEXT,
	    m + w - qs2 - MM(10) * k, qs2 + MM(20) * k, TS_CENTER);
	/* The organiser and the date. */
	y = ph - m - MM(14) * k;
	dl_line(f.page, m, y, m + w, y, COLOR_BRAND, 1.2 * k);
	f.y = y + MM(3) * k;
	buf_truncate(&t, 0);
	buf_printf(&t, "%s　%s", pc->org, pc->date);
	flow_text(&f, t.data, TS_PGOTHIC_BOLD, 11 * k, 16 * k, COLOR_TEXT, m, w,
	    TS_LEFT);
	buf_truncate(&t, 0);
	buf_printf(&t, "%s（ポスター %s）", s->meta.title.s, k > 1.2 ? "A3" :
	    "A4");
	d->title = arena_strdup(&d->a, t.data);
	d->author = pc->org;
	d->subject = s->meta.tagline.s;
	d->days = pc->days;
	buf_free(&url);
	buf_free(&t);
	return 0;
}
