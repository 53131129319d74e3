/*
 * fonts.c -- the four faces of the print packs: found with fontconfig
 * (never a hard-coded path), measured with HarfBuzz exactly as libharu
 * measures what it draws (HPDF_TTFontDef_GetCharWidth: the cmap's glyph,
 * or glyph 0, and its advance * 1000 / unitsPerEm, truncated; the unit
 * test print/widths-match-libharu compares every BMP character), and
 * checked character by character, because libharu silently draws a
 * .notdef box for a missing glyph and drops anything outside the BMP.
 *
 * (libharu's own HPDF_Font_TextWidth needs a Type0 font, whose creation
 * maps all 65,536 code points through the cmap: about half a billion
 * instructions per face and build.)
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hpdf.h>

#include "kinsoku.h"
#include "print.h"
#include "print_int.h"

#define faces		pf_faces	/* print.c */
#define FONT_PACKAGE	"fonts-morisawa-bizud-gothic"

static void
measure_error(HPDF_STATUS e, HPDF_STATUS detail, void *ud)
{
	(void)ud;
	diag_error(src_at("libharu", 0, 0), "フォントを読み込めません"
	    "（libharu エラー 0x%04X、詳細 %u）", (unsigned)e,
	    (unsigned)detail);
}

/* One face, asked of fontconfig (text/font.c). */
static int
find_face(int k, struct text_face *f)
{
	return text_font_find(faces[k].family, faces[k].bold, f);
}

int
pf_open(struct pfonts *pf)
{
	HPDF_Doc	 doc;
	int		 k, rc = 0;

	memset(pf, 0, sizeof(*pf));
	if (!FcInit()) {
		diag_error(src_at("fontconfig", 0, 0), "fontconfig を初期化"
		    "できません");
		return -1;
	}
	for (k = 0; k < TS_NFONTS; k++)
		if (find_face(k, &pf->face[k]) == -1) {
			diag_error(src_at("fontconfig", 0, 0), "印刷用のフォント"
			    "「%s %s」（TrueType）が見つかりません。Debian の "
			    "%s を入れてください（make が入れます）",
			    faces[k].family, faces[k].style, FONT_PACKAGE);
			rc = -1;
		}
	if (rc == -1)
		return -1;
	doc = HPDF_New(measure_error, NULL);
	if (doc == NULL)
		xalloc_die();
	HPDF_UseUTFEncodings(doc);
	HPDF_SetCurrentEncoder(doc, "UTF-8");
	pf->hdoc = doc;
	for (k = 0; k < TS_NFONTS; k++) {
		/* libharu must be able to embed it (pdf.c); measuring is
		 * HarfBuzz's. */
		const char *name = pf->face[k].index > 0 ?
		    HPDF_LoadTTFontFromFile2(doc, pf->face[k].file,
		    (HPDF_UINT)pf->face[k].index, HPDF_FALSE) :
		    HPDF_LoadTTFontFromFile(doc, pf->face[k].file,
		    HPDF_FALSE);
		hb_face_t *face = name != NULL ? pf_hb_face(pf, k) : NULL;

		if (face == NULL || hb_face_get_upem(face) == 0) {
			diag_error(src_at(pf->face[k].file, 0, 0), "このフォント"
			    "を libharu で読み込めません（TrueType のアウトライン"
			    "が必要です）");
			return -1;
		}
		pf->hbfont[k] = hb_font_create(face);
		pf->upem[k] = hb_face_get_upem(face);
		pf->widths[k] = xmalloc(0x10000 * sizeof(int16_t));
		memset(pf->widths[k], 0xff, 0x10000 * sizeof(int16_t));
	}
	return 0;
}

void
pf_close(struct pfonts *pf)
{
	int k;

	for (k = 0; k < TS_NFONTS; k++) {
		text_face_free(&pf->face[k]);
		free(pf->widths[k]);
		if (pf->hbfont[k] != NULL)
			hb_font_destroy(pf->hbfont[k]);
	}
	if (pf->hdoc != NULL)
		HPDF_Free(pf->hdoc);
	pf_subset_free(pf);
	buf_free(&pf->reported);
	memset(pf, 0, sizeof(*pf));
	/* No FcFini() here: it aborts while anyone else (text/font.c) still
	 * holds a charset.  The program calls print_fini() at exit. */
}

/* The module's end (heavy.h): ICU's break iterator, the lints' face,
 * fontconfig. */
void
heavy_fini(void)
{
	ts_kinsoku_done();
	font_fc_fini();
}

int
pf_width(struct pfonts *pf, int font, uint32_t cp)
{
	hb_codepoint_t	gid;
	unsigned	adv;

	if (cp > 0xFFFF)
		return 1000;
	if (pf->widths[font][cp] < 0) {
		if (!hb_font_get_nominal_glyph(pf->hbfont[font], cp, &gid))
			gid = 0;
		adv = (unsigned)hb_font_get_glyph_h_advance(pf->hbfont[font],
		    gid);
		pf->widths[font][cp] = (int16_t)(uint16_t)(adv * 1000 /
		    pf->upem[font]);
	}
	return pf->widths[font][cp];
}

double
pf_measure(void *vpf, int font, double size, const char *s, size_t n)
{
	struct pfonts	*pf = vpf;
	size_t		 i = 0;
	long		 w = 0;

	while (i < n)
		w += pf_width(pf, font, utf8_next(s, n, &i));
	return (double)w * size / 1000.0;
}

/* Report once per position: a text may be laid out more than once. */
static int
first_report(struct pfonts *pf, src_pos pos, uint32_t cp)
{
	buf key = BUF_INIT;
	int fresh;

	buf_printf(&key, "%s:%u:%u:%X\n", pos.path ? pos.path : "", pos.line,
	    pos.col, cp);
	fresh = strstr(buf_str(&pf->reported),
	    key.data) == NULL;
	if (fresh)
		buf_append(&pf->reported, key.data, key.len);
	buf_free(&key);
	return fresh;
}

static int
check_one(struct pfonts *pf, int font, uint32_t cp, const char *at,
    size_t len, src_pos pos)
{
	int bmp = cp <= 0xFFFF;

	if (cp == '\n' || cp == ' ' || cp == '\t')
		return 0;
	if (cp != UTF8_INVALID && bmp && cp >= 0x20 && cp != 0x7F &&
	    text_face_covers(&pf->face[font], cp))
		return 0;
	if (!first_report(pf, pos, cp))
		return 1;
	if (cp == UTF8_INVALID || cp < 0x20 || cp == 0x7F)
		diag_error(pos, "U+%04X は印刷できない文字です。取り除いて"
		    "ください", cp == UTF8_INVALID ? 0xFFFD : cp);
	else if (!bmp)
		diag_error(pos, "「%.*s」（U+%04X）は基本多言語面（BMP）の外の"
		    "文字なので、PDF に入れられません（絵文字や一部の漢字）。"
		    "別の文字に置き換えてください", (int)len, at, cp);
	else
		diag_error(pos, "「%.*s」（U+%04X）は印刷用のフォント %s %s に"
		    "ない文字です。別の文字に置き換えてください", (int)len, at,
		    cp, faces[font].family, faces[font].style);
	return 1;
}

int
pf_check(struct pfonts *pf, int font, const char *s, size_t n,
    pf_pos_fn pos_fn, void *ctx)
{
	size_t	i = 0, at;
	int	errs = 0;

	while (i < n) {
		uint32_t cp;

		at = i;
		cp = utf8_next(s, n, &i);
		if (cp == '\n' || (cp >= 0x20 && cp < 0x7F))
			continue;	/* ASCII: in every face */
		errs += check_one(pf, font, cp, s + at, i - at,
		    pos_fn(ctx, s + at));
	}
	return errs;
}

static src_pos
fixed_pos(void *ctx, const char *at)
{
	(void)at;
	return *(const src_pos *)ctx;
}

int
pf_check_at(struct pfonts *pf, int font, const char *s, src_pos pos)
{
	return s != NULL ? pf_check(pf, font, s, strlen(s), fixed_pos, &pos) :
	    0;
}
