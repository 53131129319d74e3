/*
 * chart_pdf.c -- the libharu backend of chart.h: the same layout as the
 * site's SVG, drawn on a PDF page.  The layout is made at its own width
 * (CHART_PRINT_WIDTH) and scaled to the column, so labels keep the
 * proportions of the site's chart at a print size.
 */
#include <string.h>

#include <hpdf.h>

#include "print_int.h"

struct pctx_chart {
	struct pfonts	*pf;
	uint8_t		**used;		/* collecting characters, or NULL */
	void		*writer;	/* pdf.c's, or NULL when measuring */
	HPDF_Page	 page;
	double		 x0, y0, k, ph;	/* origin (top left), scale */
	double		 height;
};

static int
face(int weight)
{
	return weight >= CHART_WEIGHT_BOLD ? TS_PGOTHIC_BOLD : TS_PGOTHIC;
}

static double
c_measure(void *vc, double size, int weight, const char *s, size_t n)
{
	struct pctx_chart *c = vc;

	return pf_measure(c->pf, face(weight), size, s, n);
}

static void
c_begin(void *vc, double width, double height)
{
	struct pctx_chart *c = vc;

	(void)width;
	c->height = height;
}

static void
c_end(void *vc)
{
	(void)vc;
}

static void
c_rect(void *vc, double x, double y, double w, double h, uint32_t fill)
{
	struct pctx_chart *c = vc;

	if (c->writer == NULL)
		return;
	pdf_set_fill(c->page, fill);
	HPDF_Page_Rectangle(c->page, (HPDF_REAL)(c->x0 + x * c->k),
	    (HPDF_REAL)(c->ph - c->y0 - (y + h) * c->k), (HPDF_REAL)(w * c->k),
	    (HPDF_REAL)(h * c->k));
	HPDF_Page_Fill(c->page);
}

static void
c_line(void *vc, double x1, double y1, double x2, double y2, uint32_t stroke,
    double width)
{
	struct pctx_chart *c = vc;

	if (c->writer == NULL)
		return;
	pdf_set_stroke(c->page, stroke);
	HPDF_Page_SetLineWidth(c->page, (HPDF_REAL)(width * c->k));
	HPDF_Page_MoveTo(c->page, (HPDF_REAL)(c->x0 + x1 * c->k),
	    (HPDF_REAL)(c->ph - c->y0 - y1 * c->k));
	HPDF_Page_LineTo(c->page, (HPDF_REAL)(c->x0 + x2 * c->k),
	    (HPDF_REAL)(c->ph - c->y0 - y2 * c->k));
	HPDF_Page_Stroke(c->page);
}

static void
c_text(void *vc, double x, double y, double size, enum chart_anchor anchor,
    int weight, uint32_t color, const char *utf8)
{
	struct pctx_chart	*c = vc;
	double			 w;
	size_t			 i = 0, n = strlen(utf8);

	if (c->used != NULL)
		while (i < n) {
			uint32_t cp = utf8_next(utf8, n, &i);

			if (cp < 0x10000)
				c->used[face(weight)][cp >> 3] |=
				    (uint8_t)(1u << (cp & 7));
		}
	if (c->writer == NULL)
		return;
	w = pf_measure(c->pf, face(weight), size, utf8, strlen(utf8));
	if (anchor == CHART_ANCHOR_MIDDLE)
		x -= w / 2;
	else if (anchor == CHART_ANCHOR_END)
		x -= w;
	HPDF_Page_BeginText(c->page);
	HPDF_Page_SetFontAndSize(c->page, pdf_font(c->writer, face(weight)),
	    (HPDF_REAL)(size * c->k));
	pdf_set_fill(c->page, color);
	HPDF_Page_TextOut(c->page, (HPDF_REAL)(c->x0 + x * c->k),
	    (HPDF_REAL)(c->ph - c->y0 - y * c->k), utf8);
	HPDF_Page_EndText(c->page);
}

static const struct draw_ops ops = {
	c_begin, c_rect, c_line, c_text, c_end, c_measure
};

double
chart_pdf_height(const struct chart *ch, double width, struct pfonts *pf)
{
	struct pctx_chart c;

	memset(&c, 0, sizeof(c));
	c.pf = pf;
	if (chart_layout(ch, width, &ops, &c) == -1)
		return 0;
	return c.height;
}

void
chart_pdf_collect(const struct dl_item *it, struct pfonts *pf,
    uint8_t *used[TS_NFONTS])
{
	struct pctx_chart c;

	memset(&c, 0, sizeof(c));
	c.pf = pf;
	c.used = used;
	(void)chart_layout(it->chart, it->w / it->scale, &ops, &c);
}

void
chart_pdf_draw(void *page, void *writer, const struct dl_item *it,
    double ph)
{
	struct pctx_chart c;

	memset(&c, 0, sizeof(c));
	c.pf = pdf_writer_fonts(writer);
	c.writer = writer;
	c.page = page;
	c.x0 = it->x;
	c.y0 = it->y;
	c.k = it->scale;
	c.ph = ph;
	(void)chart_layout(it->chart, it->w / it->scale, &ops, &c);
}
