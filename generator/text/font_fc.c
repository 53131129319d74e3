/*
 * font_fc.c -- the heavy module's side of the fonts (heavy.h): the BIZ UD
 * faces asked of fontconfig (never a hard-coded path), for the print
 * packs, the kiosk bundle and the content lints -- a character the PDFs
 * cannot draw is better found while editing than when a seminar handout
 * is built.  The program keeps the answers between builds (font.c).
 */
#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "text.h"

static int	fc_loaded;	/* fontconfig was asked in this run */

int
text_font_find(const char *family, int bold, struct text_face *f)
{
	FcPattern	*pat, *m;
	FcResult	 r;
	FcChar8		*s;
	FcCharSet	*cs;
	int		 i, weight = 0, ok = 0;

	memset(f, 0, sizeof(*f));
	fc_loaded = 1;
	if (!FcInit() || (pat = FcPatternCreate()) == NULL)
		return -1;
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD :
	    FC_WEIGHT_REGULAR);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	m = FcFontMatch(NULL, pat, &r);
	FcPatternDestroy(pat);
	if (m == NULL)
		return -1;
	/* fontconfig always answers with some font: take it only if it is
	 * the one asked for. */
	for (i = 0; FcPatternGetString(m, FC_FAMILY, i, &s) == FcResultMatch;
	    i++)
		if (strcmp((const char *)s, family) == 0)
			ok = 1;
	(void)FcPatternGetInteger(m, FC_WEIGHT, 0, &weight);
	if (bold ? weight < FC_WEIGHT_BOLD : weight >= FC_WEIGHT_DEMIBOLD)
		ok = 0;
	if (FcPatternGetString(m, FC_FONTFORMAT, 0, &s) == FcResultMatch &&
	    strcmp((const char *)s, "TrueType") != 0)
		ok = 0;
	if (ok && FcPatternGetString(m, FC_FILE, 0, &s) == FcResultMatch &&
	    FcPatternGetCharSet(m, FC_CHARSET, 0, &cs) == FcResultMatch) {
		f->file = xstrdup((const char *)s);
		if (FcPatternGetInteger(m, FC_INDEX, 0, &f->index) !=
		    FcResultMatch)
			f->index = 0;
		f->charset = FcCharSetCopy(cs);
	} else
		ok = 0;
	FcPatternDestroy(m);
	return ok ? 0 : -1;
}

int
text_face_covers(const struct text_face *f, uint32_t cp)
{
	return f->charset != NULL && FcCharSetHasChar(f->charset, cp);
}

void
text_face_free(struct text_face *f)
{
	free(f->file);
	if (f->charset != NULL)
		FcCharSetDestroy(f->charset);
	memset(f, 0, sizeof(*f));
}

static struct text_face	lint_face;
static int		tried, found;

int
font_fc_covers(uint32_t cp)
{
	if (!tried) {
		tried = 1;
		found = text_font_find("BIZ UDPGothic", 0, &lint_face) == 0;
	}
	if (!found)
		return -1;
	return text_face_covers(&lint_face, cp);
}

static void
add_list(void (*add)(void *, const char *), void *ctx, FcStrList *l,
    int parents)
{
	FcChar8	*s;
	char	*slash;
	buf	 dir = BUF_INIT;

	if (l == NULL)
		return;
	while ((s = FcStrListNext(l)) != NULL) {
		add(ctx, (const char *)s);
		if (parents && (slash = strrchr((const char *)s, '/')) != NULL &&
		    slash > (const char *)s) {
			buf_truncate(&dir, 0);
			buf_append(&dir, s, (size_t)(slash - (const char *)s));
			add(ctx, buf_str(&dir));
		}
	}
	FcStrListDone(l);
	buf_free(&dir);
}

int
font_fc_deps(void (*add)(void *, const char *), void *ctx)
{
	if (!fc_loaded)
		return -1;
	add_list(add, ctx, FcConfigGetConfigFiles(NULL), 1);
	add_list(add, ctx, FcConfigGetConfigDirs(NULL), 0);
	add_list(add, ctx, FcConfigGetFontDirs(NULL), 0);
	return 0;
}

void
font_fc_fini(void)
{
	text_face_free(&lint_face);
	tried = found = 0;
	fc_loaded = 0;
	FcFini();	/* fontconfig's caches, for leak checkers */
}
