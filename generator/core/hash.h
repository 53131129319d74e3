/*
 * hash.h -- fast non-cryptographic content hashes (xxHash, Debian
 * libxxhash) for asset fingerprints and change detection.
 */
#ifndef MAMORU_HASH_H
#define MAMORU_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t	hash64(const void *, size_t);

/* The same hash over pieces: begin, add each, end (which frees). */
typedef struct {
	void	*st;
} hash_state;
void		hash_begin(hash_state *);
void		hash_add(hash_state *, const void *, size_t);
uint64_t	hash_end(hash_state *);
/* Lower-case hex of the hash, `digits` long (at most 16), NUL-terminated. */
void		hash_hex(uint64_t, unsigned digits, char *out);

#endif
