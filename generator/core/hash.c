/*
 * hash.c -- thin wrapper over XXH3, so only this file includes xxhash.h.
 */
#include <xxhash.h>

#include "hash.h"

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
