/*
 * heavy_api.c -- what the heavy module (heavy.h) offers the program.
 */
#include "heavy.h"
#include "model/site.h"
#include "print/print.h"
#include "text/text.h"

const struct mamoru_heavy mamoru_heavy = {
	.abi = MAMORU_HEAVY_ABI,
	.version = MAMORU_VERSION,
	.size = sizeof(struct mamoru_heavy),
	.site_size = sizeof(struct site),
	.page_size = sizeof(struct page),
	.print_open = print_run_open,
	.print_pack = print_run_pack,
	.print_close = print_run_close,
	.font_find = text_font_find,
	.face_free = text_face_free,
	.font_covers = font_fc_covers,
	.font_deps = font_fc_deps,
	.fini = heavy_fini,
};
