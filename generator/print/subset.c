/*
 * subset.c -- cut each face down to the characters a document uses, with
 * HarfBuzz's subsetter, before libharu embeds it.
 *
 * libharu 2.3.0 subsets only the glyf table; it copies cmap, hmtx, loca
 * and the rest whole and writes a CIDToGIDMap for every character the
 * font maps, so each BIZ UD face costs about 180 KB however little text
 * uses it.  Given a font that holds only the document's characters,
 * libharu writes about a tenth of that, and its glyph lookups (a linear
 * scan of the cmap) get fast too.  The output is deterministic: the same
 * characters give the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hb.h>
#include <hb-subset.h>

#include "print_int.h"

/* The source face, loaded once per run (tate.c measures with it too). */
void *
pf_hb_face(struct pfonts *pf, int font)
{
	hb_blob_t *blob;

	if (pf->hbface[font] == NULL) {
		blob = hb_blob_create_from_file_or_fail(pf->face[font].file);
		if (blob == NULL)
			return NULL;
		pf->hbface[font] = hb_face_create(blob,
		    (unsigned)pf->face[font].index);
		hb_blob_destroy(blob);
	}
	return pf->hbface[font];
}

void
pf_subset_free(struct pfonts *pf)
{
	int k;

	for (k = 0; k < TS_NFONTS; k++)
		if (pf->hbface[k] != NULL) {
			hb_face_destroy(pf->hbface[k]);
			pf->hbface[k] = NULL;
		}
}

int
pf_subset(struct pfonts *pf, int font, const uint8_t *used, buf *path)
{
	hb_face_t		*src = pf_hb_face(pf, font), *sub;
	hb_subset_input_t	*in;
	hb_set_t		*set;
	hb_blob_t		*blob;
	const char		*data;
	unsigned		 n, cp;
	char			 tmpl[] = "/tmp/mamoru-font-XXXXXX";
	const char		*dir = getenv("TMPDIR");
	FILE			*fp;
	int			 fd, rc = -1;

	if (src == NULL || (in = hb_subset_input_create_or_fail()) == NULL)
		return -1;
	set = hb_subset_input_unicode_set(in);
	for (cp = 0; cp < 0x10000; cp++)
		if (used[cp >> 3] & (1u << (cp & 7)))
			hb_set_add(set, cp);
	sub = hb_subset_or_fail(src, in);
	hb_subset_input_destroy(in);
	if (sub == NULL)
		return -1;
	blob = hb_face_reference_blob(sub);
	data = hb_blob_get_data(blob, &n);
	buf_truncate(path, 0);
	if (dir != NULL && *dir != '\0')
		buf_printf(path, "%s/mamoru-font-XXXXXX", dir);
	else
		buf_puts(path, tmpl);
	if (n > 0 && (fd = mkstemp(path->data)) != -1) {
		if ((fp = fdopen(fd, "wb")) != NULL) {
			if (fwrite(data, 1, n, fp) == n && fclose(fp) == 0)
				rc = 0;
			else
				(void)unlink(path->data);
		} else {
			(void)close(fd);
			(void)unlink(path->data);
		}
	}
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	return rc;
}
