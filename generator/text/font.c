/*
 * font.c -- which characters the print font has (fontconfig), for the
 * content lints: a character the PDFs cannot draw is better found while
 * editing than when a seminar handout is built.
 */
#include <fontconfig/fontconfig.h>
#include <string.h>

#include "text.h"

static FcCharSet	*charset;
static int		 tried;

int
text_font_covers(uint32_t cp)
{
	FcPattern	*pat, *match;
	FcResult	 res;
	FcCharSet	*cs;
	FcChar8		*family;

	if (!tried) {
		tried = 1;
		if (FcInit() && (pat = FcNameParse((const FcChar8 *)
		    "BIZ UDPGothic")) != NULL) {
			FcConfigSubstitute(NULL, pat, FcMatchPattern);
			FcDefaultSubstitute(pat);
			match = FcFontMatch(NULL, pat, &res);
			/* fontconfig always answers with some font: take it
			 * only if it is the one asked for. */
			if (match != NULL &&
			    FcPatternGetString(match, FC_FAMILY, 0, &family) ==
			    FcResultMatch && strcmp((const char *)family,
			    "BIZ UDPGothic") == 0 &&
			    FcPatternGetCharSet(match, FC_CHARSET, 0, &cs) ==
			    FcResultMatch)
				charset = FcCharSetCopy(cs);
			if (match != NULL)
				FcPatternDestroy(match);
			FcPatternDestroy(pat);
		}
	}
	if (charset == NULL)
		return -1;
	return FcCharSetHasChar(charset, cp) ? 1 : 0;
}

void
text_font_done(void)
{
	if (charset != NULL)
		FcCharSetDestroy(charset);
	if (tried)
		FcFini();	/* fontconfig's caches, for leak checkers */
	charset = NULL;
	tried = 0;
}
