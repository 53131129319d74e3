/*
 * search.h -- the site search core: Japanese-aware normalisation,
 * tokenising, and ranked queries over a compact binary index.
 *
 * Freestanding C: the files behind this header (norm.c, tokenize.c,
 * query.c, snippet.c, dump.c) include nothing but <stdint.h>, call nothing
 * outside themselves and allocate nothing; every buffer comes from the
 * caller.  The generator compiles them natively to build the index, and
 * clang --target=wasm32 compiles the same files into search.wasm, which
 * tokenises the query in the browser.  Index and query therefore can never
 * disagree about what a token is.  The hosted side (ICU, building the
 * index) is in search_build.h.  The design and the byte formats are in
 * docs/search.md.
 *
 * Strings are (pointer, length) byte slices of UTF-8; nothing needs a NUL.
 * Offsets are byte offsets into the slice they refer to.
 */
#ifndef MAMORU_SEARCH_H
#define MAMORU_SEARCH_H

#include <stdint.h>

#define SEARCH_TABLE_MAGIC	0x4D4D4E31	/* "MMN1": normalisation table */
#define SEARCH_INDEX_MAGIC	0x4D4D5831	/* "MMX1": index */
#define SEARCH_VERSION		1	/* of the table */
#define SEARCH_INDEX_VERSION	2	/* of the index: 2 codes stored text */

#define SEARCH_KEY_MAX		64	/* bytes of a token's key; longer
					 * words are cut at a character */
#define SEARCH_MAX_TERMS	32	/* query terms used (more are ignored) */
#define SEARCH_MAX_HITS		100	/* k of search_query() */
#define SEARCH_MAX_MARKS	16	/* highlighted ranges per snippet */
#define SEARCH_MAX_TITLE_MARKS	8	/* highlighted ranges per title */
#define SEARCH_TEXT_MAX		16384	/* bytes of a document's stored text */
#define SEARCH_SNIPPET_BYTES	240	/* snippet window (about 80 kana) */
#define SEARCH_SNIPPET_CONTEXT	45	/* bytes shown before the first match */
#define SEARCH_SEG_MAX		32	/* characters of one combining
					 * sequence composed exactly */

/* Errors: every function returning int32_t gives 0 (or a count) or one of
 * these. */
enum {
	SEARCH_OK = 0,
	SEARCH_E_SHORT = -1,		/* data cut short */
	SEARCH_E_MAGIC = -2,		/* not a table/index, or another version */
	SEARCH_E_FORMAT = -3,		/* an offset or count out of range */
	SEARCH_E_WORK = -4,		/* work area too small or misaligned */
	SEARCH_E_ARG = -5,		/* bad argument (k too large, NULL) */
	SEARCH_E_SPACE = -6		/* output buffer too small */
};

/* ----- the normalisation table ------------------------------------------ */

/*
 * The parsed view of a normalisation table (format in docs/search.md).
 * The table is NFKC_Casefold, as ICU computes it, restricted to the covered
 * code point ranges: each code point whose NFKC_CF differs from itself and
 * the composed (NFC) replacement, the canonical combining class of every
 * combining mark involved, and the canonical composition pairs.  With it,
 * search_normalize() gives ICU's result for any string made of covered
 * code points.  Code points outside the coverage pass through unchanged.
 */
struct search_table {
	const void	*data;		/* the table's bytes, as given */
	uint32_t	 size;
	const uint32_t	*map;		/* [nmap][2]: cp << 8 | len, value */
	const uint32_t	*pool;		/* replacement sequences (len >= 2) */
	const uint32_t	*ccc;		/* [nccc]: cp << 8 | combining class */
	const uint32_t	*pairs;		/* [npairs][3]: first, second, composite,
					 * sorted by (first, second) */
	const uint32_t	*by_composite;	/* [npairs]: pair numbers, sorted by
					 * composite */
	const uint32_t	*ranges;	/* [nranges][2]: covered lo, hi */
	uint32_t	 nmap, npool, nccc, npairs, nranges;
	uint32_t	 unicode;	/* Unicode version of the ICU that built it,
					 * major << 16 | minor << 8 | update */
	uint32_t	 blocks[24];	/* bit per 256-code-point block below
					 * U+30000 holding a map or ccc entry */
	/* Finer, for the BMP: a bit per 16 code points holding a map entry,
	 * a ccc entry, or the second character of a composition pair.  Most
	 * text (kana, kanji, ASCII) then needs no binary search. */
	uint32_t	 bmp_map[128], bmp_ccc[128], bmp_second[128];
};

/*
 * Check a table (`len` bytes, 4-byte aligned) and fill *t, which points
 * into `data` (keep it alive).  Returns SEARCH_OK or a SEARCH_E_* code.
 */
int32_t		search_table_open(struct search_table *t, const void *data,
		    uint32_t len);

/*
 * Receives each normalised code point with the source byte range it comes
 * from (a composed character spans all of its sources; a character that
 * expands into several gives each of them the same range).  Return 0 to
 * go on, anything else to stop.
 */
typedef int	(*search_cp_fn)(uint32_t cp, uint32_t start, uint32_t end,
		    void *ctx);

/*
 * NFKC_Casefold through the table, streaming.  Malformed UTF-8 becomes
 * U+FFFD, one per bad byte.  Returns 0, or the callback's non-zero value.
 */
int		search_normalize(const struct search_table *t, const char *s,
		    uint32_t n, search_cp_fn fn, void *ctx);

/* Hiragana U+3041..U+3096, U+309D..U+309E to the katakana 0x60 above;
 * anything else unchanged.  The tokeniser applies it after normalising. */
uint32_t	search_fold_kana(uint32_t cp);

/* ----- tokens ------------------------------------------------------------ */

/* What a code point is to the tokeniser (after normalising and folding). */
enum search_class {
	SEARCH_SEP,		/* space, punctuation, symbols, anything else */
	SEARCH_WORD,		/* Latin, Greek, Cyrillic letters, digits,
				 * combining marks after them */
	SEARCH_CJK		/* kanji, kana, 々〆〇, ー, Hangul syllables */
};
enum search_class	search_classify(uint32_t cp);

enum search_token_kind {
	SEARCH_TOKEN_WORD = 1,	/* a run of SEARCH_WORD characters */
	SEARCH_TOKEN_BIGRAM,	/* two adjacent CJK characters */
	SEARCH_TOKEN_SINGLE,	/* a CJK run of one character */
	SEARCH_TOKEN_FINAL	/* the last character of a longer CJK run
				 * (index mode only; see docs/search.md) */
};

struct search_token {
	const char	*key;		/* normalised UTF-8, not NUL-terminated */
	uint32_t	 len;		/* 1..SEARCH_KEY_MAX bytes */
	uint32_t	 kind;		/* enum search_token_kind */
	uint32_t	 start, end;	/* source byte range */
	uint32_t	 first_end;	/* bigrams: end of the first character's
					 * source range; others: end */
};

typedef int	(*search_token_fn)(const struct search_token *, void *ctx);

/* Flags of search_tokenize() and search_query(). */
#define SEARCH_INDEX_MODE	0x01	/* also emit SEARCH_TOKEN_FINAL */
#define SEARCH_NO_KANA_FOLD	0x02	/* keep hiragana apart from katakana */
#define SEARCH_PREFIX		0x04	/* query: a word that ends the query is
					 * a prefix (search as you type) */

/*
 * Normalise, fold hiragana to katakana (unless SEARCH_NO_KANA_FOLD), and
 * cut into tokens: words for Latin/digits, overlapping bigrams for CJK
 * runs, a single CJK character alone as a unigram.  Returns 0 or the
 * callback's non-zero value.
 */
int		search_tokenize(const struct search_table *t, const char *s,
		    uint32_t n, uint32_t flags, search_token_fn fn, void *ctx);

/* ----- the index ---------------------------------------------------------- */

struct search_index {
	const uint8_t		*data;
	uint32_t		 len;
	uint32_t		 ndocs, nterms;
	uint32_t		 flags;		/* tokeniser flags it was built with */
	const uint32_t		*docs;		/* [ndocs][4], see docs/search.md */
	const uint8_t		*strings;
	uint32_t		 strings_len;
	const uint32_t		*dict;		/* [nterms + 1][2]: key, postings */
	const uint8_t		*keys;
	uint32_t		 keys_len;
	const uint8_t		*postings;
	uint32_t		 postings_len;
	const uint32_t		*chars;		/* the stored text's code table */
	uint32_t		 nchars;
	struct search_table	 table;
	/* search_doc_get() decodes a document's stored text here. */
	char			 text[SEARCH_TEXT_MAX + 4];
};

/* A document's strings, pointing into the index (URL and title) and into
 * the index's struct (the text, decoded: valid until the next
 * search_doc_get() or search_query() on that index). */
struct search_docref {
	const char	*url;	uint32_t url_len;	/* relative to the site root */
	const char	*title;	uint32_t title_len;
	const char	*text;	uint32_t text_len;	/* the stored text (snippets) */
};

struct search_result {
	uint32_t	total;		/* documents matching (see matched) */
	uint32_t	nhits;		/* hits written: min(total, k) */
	uint32_t	nterms;		/* distinct query terms used */
	uint32_t	matched;	/* terms every hit contains: nterms, or
					 * fewer when no document has them all
					 * (a partial result) */
};

struct search_hit {
	uint32_t	doc;
	uint32_t	score;		/* BM25 in units of 1/65536 */
	uint32_t	snippet_start;	/* byte range of the snippet in the */
	uint32_t	snippet_end;	/* document's text */
	uint32_t	nmarks;		/* ranges to highlight, in the text, */
	uint32_t	marks[SEARCH_MAX_MARKS][2];	/* inside the snippet */
	uint32_t	ntitle_marks;	/* ranges to highlight in the title */
	uint32_t	title_marks[SEARCH_MAX_TITLE_MARKS][2];
};

/*
 * Check an index (4-byte aligned, kept alive by the caller) and fill *ix.
 * Returns SEARCH_OK or a SEARCH_E_* code.
 */
int32_t		search_open(struct search_index *ix, const void *data,
		    uint32_t len);

/* Bytes of work area search_query() needs for this index (8-aligned). */
uint32_t	search_work_size(const struct search_index *ix);

/*
 * Rank the documents for query q (UTF-8): BM25 over the query's terms;
 * documents containing every term, or if there are none those containing
 * the most terms; ties by document number.  Writes *res and up to k hits
 * (best first) with their snippet windows and highlights.  `work` must be
 * 8-byte aligned and search_work_size() long.  Returns SEARCH_OK or a
 * SEARCH_E_* code.
 */
int32_t		search_query(const struct search_index *ix, const char *q,
		    uint32_t qlen, uint32_t flags, struct search_result *res,
		    struct search_hit *hits, uint32_t k, void *work,
		    uint32_t worklen);

/* The normalisation table inside an opened index. */
const struct search_table *search_index_table(const struct search_index *ix);

/* Document `doc`'s strings; SEARCH_E_ARG if there is no such document,
 * SEARCH_E_FORMAT if its text does not decode.  The text is decoded into
 * ix->text, so ix is written to although it is const for everything
 * else. */
int32_t		search_doc_get(const struct search_index *ix, uint32_t doc,
		    struct search_docref *out);

/* ----- text dumps, for comparing native and wasm runs --------------------- */

/*
 * Write the tokens of s as lines "KIND START END FIRST_END KEY\n" (KIND one
 * of w b s f) into out.  Returns the bytes written, or SEARCH_E_SPACE.
 */
int32_t		search_tokens_dump(const struct search_table *t,
		    const char *s, uint32_t n, uint32_t flags, char *out,
		    uint32_t cap);

/* Write a result and its hits as text (see dump.c).  Returns bytes written
 * or SEARCH_E_SPACE. */
int32_t		search_result_dump(const struct search_result *res,
		    const struct search_hit *hits, char *out, uint32_t cap);

/* The sizes JavaScript needs to lay out memory. */
uint32_t	search_index_size(void);	/* sizeof(struct search_index) */
uint32_t	search_hit_size(void);		/* sizeof(struct search_hit) */

#endif
