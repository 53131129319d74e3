/*
 * pdf.c -- a display list into a PDF file with libharu 2.3.0.
 *
 * What a print shop and a reproducible build need, and libharu does not do
 * by itself: TrueType embedded through the UTF-8 encoder (subset by
 * libharu), compression on, colours in DeviceCMYK with greys and black on
 * the K plate only (crop marks in registration colour), a TrimBox on every
 * page and a BleedBox where a page has bleed (added through the object
 * API: 2.3.0 has no call for them), title, author and fixed dates in the Info
 * dictionary, and nothing that varies between runs (libharu writes no /ID
 * unless encrypting, and the dates come from the content).
 */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_objects.h>

#include "../core/date.h"
#include "print_int.h"

#ifndef MAMORU_VERSION
#define MAMORU_VERSION "0.0.0"
#endif

struct writer {
	jmp_buf		 jb;
	HPDF_STATUS	 err, detail;
	HPDF_Doc	 pdf;
	HPDF_Font	 font[TS_NFONTS];
	struct pfonts	*pf;
	uint8_t		*used[TS_NFONTS];	/* characters per face */
	buf		 subset[TS_NFONTS];	/* subset font files */
};

#define USED_BYTES	(0x10000 / 8)

static void
on_error(HPDF_STATUS e, HPDF_STATUS detail, void *ud)
{
	struct writer *w = ud;

	w->err = e;
	w->detail = detail;
	longjmp(w->jb, 1);
}

static void
cmyk(uint32_t rgb, double v[4])
{
	double r = ((rgb >> 16) & 0xff) / 255.0, g = ((rgb >> 8) & 0xff) / 255.0;
	double b = (rgb & 0xff) / 255.0, mx = r > g ? (r > b ? r : b) :
	    (g > b ? g : b);

	if (rgb == COLOR_REG) {		/* on every plate, for cutting */
		v[0] = v[1] = v[2] = v[3] = 1;
		return;
	}
	if (r == g && g == b) {		/* grey: the K plate only */
		v[0] = v[1] = v[2] = 0;
		v[3] = 1 - r;
		return;
	}
	v[3] = 1 - mx;
	v[0] = (1 - r - v[3]) / (1 - v[3]);
	v[1] = (1 - g - v[3]) / (1 - v[3]);
	v[2] = (1 - b - v[3]) / (1 - v[3]);
}

void
pdf_set_fill(void *page, uint32_t rgb)
{
	double v[4];

	cmyk(rgb, v);
	HPDF_Page_SetCMYKFill(page, (HPDF_REAL)v[0], (HPDF_REAL)v[1],
	    (HPDF_REAL)v[2], (HPDF_REAL)v[3]);
}

void
pdf_set_stroke(void *page, uint32_t rgb)
{
	double v[4];

	cmyk(rgb, v);
	HPDF_Page_SetCMYKStroke(page, (HPDF_REAL)v[0], (HPDF_REAL)v[1],
	    (HPDF_REAL)v[2], (HPDF_REAL)v[3]);
}

/* A face for this document: its subset if that worked, else the whole
 * font file (libharu then subsets glyf only). */
void *
pdf_font(void *vw, int k)
{
	struct writer	*w = vw;
	const char	*name, *file = w->pf->face[k].file;
	int		 index = w->pf->face[k].index;

	if (w->font[k] != NULL)
		return w->font[k];
	if (w->subset[k].len == 0 && w->used[k] != NULL &&
	    pf_subset(w->pf, k, w->used[k], &w->subset[k]) == -1)
		buf_truncate(&w->subset[k], 0);
	if (w->subset[k].len > 0) {
		file = w->subset[k].data;
		index = 0;
	}
	name = index > 0 ? HPDF_LoadTTFontFromFile2(w->pdf, file,
	    (HPDF_UINT)index, HPDF_TRUE) :
	    HPDF_LoadTTFontFromFile(w->pdf, file, HPDF_TRUE);
	w->font[k] = HPDF_GetFont(w->pdf, name, "UTF-8");
	return w->font[k];
}

/* Which characters each face will draw. */
static void
collect(struct writer *w, const struct dl_doc *d)
{
	size_t i, j, k, n;

	for (k = 0; k < TS_NFONTS; k++)
		w->used[k] = xcalloc(USED_BYTES, 1);
	for (i = 0; i < d->npages; i++)
		for (j = 0; j < d->pages[i].n; j++) {
			const struct dl_item *it = &d->pages[i].items[j];

			if (it->kind == DL_CHART)
				chart_pdf_collect(it, w->pf, w->used);
			if (it->kind != DL_TEXT)
				continue;
			n = strlen(it->text);
			for (k = 0; k < n;) {
				uint32_t cp = utf8_next(it->text, n, &k);

				if (cp < 0x10000)
					w->used[it->font][cp >> 3] |=
					    (uint8_t)(1u << (cp & 7));
			}
		}
}

static void
writer_free(struct writer *w)
{
	int k;

	for (k = 0; k < TS_NFONTS; k++) {
		free(w->used[k]);
		if (w->subset[k].len > 0)
			(void)unlink(w->subset[k].data);
		buf_free(&w->subset[k]);
	}
}

struct pfonts *
pdf_writer_fonts(void *vw)
{
	return ((struct writer *)vw)->pf;
}

/*
 * Text state, set only when it changes.  Font, size, character spacing
 * and rise belong to the graphics state and outlive BT/ET; the fill colour
 * is shared with shapes, so drawing one forgets it.
 */
struct tstate {
	int		 in_text;
	int		 turned;	/* the text matrix is turned */
	HPDF_Font	 font;
	double		 size, cs, rise;
	uint32_t	 color;
};

static void
end_text(HPDF_Page page, struct tstate *t)
{
	if (t->in_text)
		HPDF_Page_EndText(page);
	t->in_text = 0;
	t->color = COLOR_NONE;
}

static void
draw_text(struct writer *w, HPDF_Page page, struct tstate *t,
    const struct dl_item *it, double ph)
{
	HPDF_Font f = pdf_font(w, it->font);

	if (!t->in_text) {
		HPDF_Page_BeginText(page);
		t->in_text = 1;
	}
	if (f != t->font || it->size != t->size) {
		HPDF_Page_SetFontAndSize(page, f, (HPDF_REAL)it->size);
		t->font = f;
		t->size = it->size;
	}
	if (it->cs != t->cs) {
		HPDF_Page_SetCharSpace(page, (HPDF_REAL)it->cs);
		t->cs = it->cs;
	}
	if (it->rise != t->rise) {
		HPDF_Page_SetTextRise(page, (HPDF_REAL)it->rise);
		t->rise = it->rise;
	}
	if (it->fill != t->color) {
		pdf_set_fill(page, it->fill);
		t->color = it->fill;
	}
	if (it->turned || t->turned) {
		/* Vertical text turns the text matrix 90° clockwise; the
		 * next upright text sets it back (TextOut moves relative to
		 * the current matrix). */
		if (it->turned)
			HPDF_Page_SetTextMatrix(page, 0, -1, 1, 0,
			    (HPDF_REAL)it->x, (HPDF_REAL)(ph - it->y));
		else
			HPDF_Page_SetTextMatrix(page, 1, 0, 0, 1,
			    (HPDF_REAL)it->x, (HPDF_REAL)(ph - it->y));
		HPDF_Page_ShowText(page, it->text);
		t->turned = it->turned;
		return;
	}
	HPDF_Page_TextOut(page, (HPDF_REAL)it->x, (HPDF_REAL)(ph - it->y),
	    it->text);
}

/* Fill and/or stroke the current path in the item's colours. */
static void
paint(HPDF_Page page, const struct dl_item *it)
{
	if (it->fill != COLOR_NONE)
		pdf_set_fill(page, it->fill);
	if (it->stroke != COLOR_NONE) {
		pdf_set_stroke(page, it->stroke);
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)it->lw);
	}
}

static void
paint_end(HPDF_Page page, const struct dl_item *it)
{
	if (it->fill != COLOR_NONE && it->stroke != COLOR_NONE)
		HPDF_Page_FillStroke(page);
	else if (it->fill != COLOR_NONE)
		HPDF_Page_Fill(page);
	else
		HPDF_Page_Stroke(page);
}

static void
draw_item(struct writer *w, HPDF_Page page, struct tstate *t,
    const struct dl_item *it, double ph)
{
	HPDF_Rect	 r;
	HPDF_Annotation	 a;

	if (it->kind == DL_TEXT) {
		draw_text(w, page, t, it, ph);
		return;
	}
	if (it->kind == DL_LINEBOX)
		return;
	end_text(page, t);
	switch (it->kind) {
	case DL_RECT:
		paint(page, it);
		HPDF_Page_Rectangle(page, (HPDF_REAL)it->x,
		    (HPDF_REAL)(ph - it->y - it->h), (HPDF_REAL)it->w,
		    (HPDF_REAL)it->h);
		paint_end(page, it);
		break;
	case DL_CIRCLE:
		paint(page, it);
		HPDF_Page_Circle(page, (HPDF_REAL)it->x, (HPDF_REAL)(ph - it->y),
		    (HPDF_REAL)it->w);
		paint_end(page, it);
		break;
	case DL_LINE:
		pdf_set_stroke(page, it->stroke);
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)it->lw);
		HPDF_Page_MoveTo(page, (HPDF_REAL)it->x, (HPDF_REAL)(ph - it->y));
		HPDF_Page_LineTo(page, (HPDF_REAL)(it->x + it->w),
		    (HPDF_REAL)(ph - it->y - it->h));
		HPDF_Page_Stroke(page);
		break;
	case DL_CHART:
		/* It sets its own fonts, with no spacing and no rise. */
		if (t->cs != 0)
			HPDF_Page_SetCharSpace(page, 0);
		if (t->rise != 0)
			HPDF_Page_SetTextRise(page, 0);
		chart_pdf_draw(page, w, it, ph);
		t->font = NULL;
		t->cs = t->rise = 0;
		break;
	case DL_URI:
		r.left = (HPDF_REAL)it->x;
		r.right = (HPDF_REAL)(it->x + it->w);
		r.top = (HPDF_REAL)(ph - it->y);
		r.bottom = (HPDF_REAL)(ph - it->y - it->h);
		a = HPDF_Page_CreateURILinkAnnot(page, r, it->text);
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		break;
	default:
		break;
	}
}

/* One page box, given from the top left (x, y, w, h). */
static void
page_box(HPDF_Doc pdf, HPDF_Page page, const char *name, const double r[4],
    double ph)
{
	HPDF_Box box;

	box.left = (HPDF_REAL)r[0];
	box.bottom = (HPDF_REAL)(ph - r[1] - r[3]);
	box.right = (HPDF_REAL)(r[0] + r[2]);
	box.top = (HPDF_REAL)(ph - r[1]);
	HPDF_Dict_Add(page, name, HPDF_Box_Array_New(pdf->mmgr, box));
}

/* libharu 2.3.0 sets MediaBox only; print shops want a TrimBox (and,
 * for a page with bleed, a BleedBox). */
static void
trim_box(HPDF_Doc pdf, HPDF_Page page, const struct dl_page *p)
{
	const double whole[4] = { 0, 0, p->w, p->h };

	page_box(pdf, page, "TrimBox", p->trim[2] > 0 ? p->trim : whole, p->h);
	if (p->bleed[2] > 0)
		page_box(pdf, page, "BleedBox", p->bleed, p->h);
}

static void
outlines(HPDF_Doc pdf, const struct dl_doc *d, HPDF_Page *pages)
{
	HPDF_Outline	 parent[4] = { NULL, NULL, NULL, NULL };
	HPDF_Encoder	 enc = HPDF_GetEncoder(pdf, "UTF-8");
	size_t		 i;

	for (i = 0; i < d->noutl; i++) {
		const struct dl_outline	*o = &d->outl[i];
		int			 lv = o->level > 3 ? 3 : o->level;
		HPDF_Outline		 ol;
		HPDF_Destination	 dst;

		while (lv > 0 && parent[lv - 1] == NULL)
			lv--;
		ol = HPDF_CreateOutline(pdf, lv > 0 ? parent[lv - 1] : NULL,
		    o->title, enc);
		dst = HPDF_Page_CreateDestination(pages[o->page]);
		HPDF_Destination_SetXYZ(dst, 0,
		    (HPDF_REAL)(d->pages[o->page].h - o->y + 12), 1);
		HPDF_Outline_SetDestination(ol, dst);
		HPDF_Outline_SetOpened(ol, HPDF_FALSE);
		parent[lv] = ol;
		if (lv + 1 < 4)
			parent[lv + 1] = NULL;
	}
}

static void
info(HPDF_Doc pdf, const struct dl_doc *d)
{
	HPDF_Date	dt;
	int		y, m, dd;

	HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, d->title);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, d->author);
	if (d->subject != NULL)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, d->subject);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "mamoru " MAMORU_VERSION);
	date_ymd(d->days, &y, &m, &dd);
	memset(&dt, 0, sizeof(dt));
	dt.year = y;
	dt.month = m;
	dt.day = dd;
	dt.ind = 'Z';
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, dt);
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, dt);
}

int
pdf_write(const struct dl_doc *d, struct pfonts *pf, const char *path)
{
	struct writer	 w;
	HPDF_Page	*pages = NULL;
	size_t		 i, j;
	volatile int	 rc = -1;

	memset(&w, 0, sizeof(w));
	w.pf = pf;
	w.pdf = HPDF_New(on_error, &w);
	if (w.pdf == NULL)
		xalloc_die();
	pages = xcalloc(d->npages ? d->npages : 1, sizeof(*pages));
	collect(&w, d);
	if (setjmp(w.jb) == 0) {
		HPDF_SetCompressionMode(w.pdf, HPDF_COMP_ALL);
		HPDF_UseUTFEncodings(w.pdf);
		HPDF_SetCurrentEncoder(w.pdf, "UTF-8");
		info(w.pdf, d);
		if (d->use_outlines)
			HPDF_SetPageMode(w.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
		for (i = 0; i < d->npages; i++) {
			const struct dl_page	*p = &d->pages[i];
			struct tstate		 t;

			memset(&t, 0, sizeof(t));
			t.color = COLOR_NONE;
			pages[i] = HPDF_AddPage(w.pdf);
			HPDF_Page_SetWidth(pages[i], (HPDF_REAL)p->w);
			HPDF_Page_SetHeight(pages[i], (HPDF_REAL)p->h);
			trim_box(w.pdf, pages[i], p);
			for (j = 0; j < p->n; j++)
				draw_item(&w, pages[i], &t, &p->items[j], p->h);
			end_text(pages[i], &t);
		}
		outlines(w.pdf, d, pages);
		HPDF_SaveToFile(w.pdf, path);
		rc = 0;
	} else
		diag_error(src_at(path, 0, 0), "PDF を書き出せません（libharu "
		    "エラー 0x%04X、詳細 %u）", (unsigned)w.err,
		    (unsigned)w.detail);
	HPDF_Free(w.pdf);
	writer_free(&w);
	free(pages);
	return rc;
}
