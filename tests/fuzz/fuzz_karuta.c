/*
 * fuzz_karuta.c -- fuzz target: the karuta deck (generator/model/karuta.c).
 *
 * The input is content/karuta/deck.yaml of the fixture site
 * (tests/fuzz/site), which is loaded and linked as `mamoru check` does:
 * the deck schema, kana and readings, duplicate cards, card pages, the
 * 五七五 rhythm warning, kaisetsu Markdown with {{fact}}, guide links and
 * the ICU ordering of the gallery.  A deck without errors must then be
 * consistent: every sorted card has a page and a number in 1..46, no
 * number twice.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../generator/core/diag.h"
#include "fuzz.h"

static void
inspect(struct site *s)
{
	const struct karuta_deck	*d = &s->karuta;
	unsigned char			 seen[46] = { 0 };
	size_t				 i;

	if (diag_error_count() != 0)
		return;		/* a deck with errors is never built */
	for (i = 0; i < d->n; i++) {
		const struct karuta_card *c = d->sorted[i];

		if (c->number < 1 || c->number > 46 || c->page == NULL ||
		    seen[c->number - 1]++) {
			fprintf(stderr, "fuzz_karuta: card %zu of the sorted "
			    "deck: number %d, page %p\n", i, c->number,
			    (void *)c->page);
			abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_site_run("karuta/deck.yaml", data, size, inspect);
	return 0;
}
