/*
 * qr.c -- QR codes as vector rectangles (no images: libharu mangles
 * palette PNGs, and vectors print sharp at any size).
 */
#include <string.h>

#include <qrencode.h>

#include "print_int.h"

#define QUIET	4	/* modules of white around the code (ISO 18004) */

int
qr_place(struct dl_page *p, double x, double y, double size,
    const char *text)
{
	QRcode	*q;
	double	 m;
	int	 r, c, run;

	q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (q == NULL)
		return -1;
	m = size / (q->width + 2 * QUIET);
	/* The quiet zone is white even on a tinted background. */
	dl_rect(p, x, y, size, size, COLOR_WHITE, COLOR_NONE, 0);
	for (r = 0; r < q->width; r++)
		for (c = 0; c < q->width; c += run) {
			run = 0;
			while (c + run < q->width &&
			    (q->data[r * q->width + c + run] & 1))
				run++;
			if (run == 0) {
				run = 1;
				continue;
			}
			/* A hair wider than the module so that no white
			 * seam shows between neighbouring rectangles. */
			dl_rect(p, x + (QUIET + c) * m, y + (QUIET + r) * m,
			    run * m, m + 0.02, COLOR_TEXT, COLOR_NONE, 0);
		}
	QRcode_free(q);
	return 0;
}
