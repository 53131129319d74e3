/*
 * search_int.h -- what the freestanding files of generator/search/ share
 * among themselves; not part of the interface (that is search.h).
 */
#ifndef MAMORU_SEARCH_INT_H
#define MAMORU_SEARCH_INT_H

#include "search.h"

#define SEARCH_TABLE_HEADER	8	/* words */
#define SEARCH_INDEX_HEADER	16	/* words */
#define SEARCH_MATCH_MAX	256	/* matches looked at per snippet */

/* Index header words (docs/search.md). */
enum {
	SEARCH_X_MAGIC, SEARCH_X_VERSION, SEARCH_X_DOCS, SEARCH_X_TERMS,
	SEARCH_X_FLAGS, SEARCH_X_TABLE_OFF, SEARCH_X_TABLE_LEN,
	SEARCH_X_DOCS_OFF, SEARCH_X_STRINGS_OFF, SEARCH_X_STRINGS_LEN,
	SEARCH_X_DICT_OFF, SEARCH_X_KEYS_OFF, SEARCH_X_KEYS_LEN,
	SEARCH_X_POSTINGS_OFF, SEARCH_X_POSTINGS_LEN, SEARCH_X_CHARS_OFF
};

/*
 * The stored text's code (docs/search.md, "Stored text"): the index lists
 * the non-ASCII characters of the stored text, most frequent first; a byte
 * below 0x80 is itself, 0x80 + r is character r (r < 64), 0xC0 + (r >> 8)
 * then r & 0xFF is character 64 + r (r < 63 * 256), and 0xFF, n, then n
 * bytes (1..4) is a raw piece: a character not listed, or a byte that is
 * not UTF-8.  Japanese text takes about half its UTF-8 size.
 */
#define SEARCH_CODE_ONE		0x80
#define SEARCH_CODE_TWO		0xC0
#define SEARCH_CODE_RAW		0xFF
#define SEARCH_CHARS_ONE	64
#define SEARCH_CHARS_MAX	(SEARCH_CHARS_ONE + 63 * 256)

/* How a query term meets the dictionary. */
enum search_term_mode {
	SEARCH_TERM_EXACT,	/* the key itself */
	SEARCH_TERM_CHAR,	/* one CJK character: its unigram and every
				 * bigram starting with it */
	SEARCH_TERM_PREFIX	/* every word starting with the key */
};

struct search_term {
	char		key[SEARCH_KEY_MAX];
	uint32_t	len;
	uint32_t	mode;		/* enum search_term_mode */
};

struct search_plan {
	struct search_term	terms[SEARCH_MAX_TERMS];
	uint32_t		n;
};

struct search_match {
	uint32_t	start, end;	/* source bytes to highlight */
	uint32_t	term;		/* which plan term */
};

/* The query's terms: its tokens (query mode), deduplicated, in order. */
void		search_plan_build(const struct search_table *t,
		    const char *q, uint32_t qlen, uint32_t flags,
		    struct search_plan *plan);

/* Does token `tok` contain term `term`; where to highlight it. */
int		search_term_hits(const struct search_term *term,
		    const struct search_token *tok, uint32_t *start,
		    uint32_t *end);

/* Fill the hit's snippet window and marks, and its title marks, for the
 * document `d`; `scratch` holds SEARCH_MATCH_MAX matches. */
void		search_snippet(const struct search_table *t, uint32_t tflags,
		    const struct search_plan *plan,
		    const struct search_docref *d, struct search_hit *hit,
		    struct search_match *scratch);

/* UTF-8 encoding of cp into out (4 bytes room); returns its length. */
uint32_t	search_utf8_put(char *out, uint32_t cp);

static inline uint32_t
search_min(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

static inline uint32_t
search_max(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

#endif
