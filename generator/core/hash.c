/*
 * hash.c -- thin wrapper over XXH3, so only this file includes xxhash.h.
 */
#include <stdlib.h>
#include <xxhash.h>

#include "buf.h"
#include "hash.h"

void
hash_begin(hash_state *h)
{
	if ((h->st = XXH3_createState()) == NULL)
		xalloc_die();
	(void)XXH3_64bits_reset(h->st);
}

void
hash_add(hash_state *h, const void *p, size_t n)
{
	if (n > 0)
		(void)XXH3_64bits_update(h->st, p, n);
}

uint64_t
hash_end(hash_state *h)
{
	uint64_t v = XXH3_64bits_digest(h->st);

	XXH3_freeState(h->st);
	h->st = NULL;
	return v;
}

uint64_t
hash64(const void *p, size_t n)
{
	return XXH3_64bits(p, n);
}

void
hash_hex(uint64_t h, unsigned digits, char *out)
{
	static const char hex[] = "0123456789abcdef";
	unsigned i;

	if (digits > 16)
		digits = 16;
	for (i = 0; i < digits; i++)
		out[i] = hex[(h >> (60 - 4 * i)) & 0xF];
	out[digits] = '\0';
}
