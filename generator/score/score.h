/*
 * score.h -- the scoring core: evaluates any calculator or checklist
 * compiled into the compact form described in docs/calculators.md.
 *
 * Freestanding C: no libc, no allocation (the caller passes every buffer),
 * integer arithmetic only.  The same file is compiled into the generator
 * and, with clang --target=wasm32, into the browser's score.wasm.
 */
#ifndef MAMORU_SCORE_H
#define MAMORU_SCORE_H

#include <stdint.h>

#define SCORE_MAGIC		0x4D4D5331	/* "MMS1" */
#define SCORE_HEADER_WORDS	9

/* Limits, checked by score_validate(). */
#define SCORE_MAX_CHOICES	9
#define SCORE_MAX_ITEMS		200
#define SCORE_MAX_PARTS		20
#define SCORE_MAX_BANDS		20
#define SCORE_MAX_LEVELS	10
#define SCORE_MAX_REQS		100
#define SCORE_MAX_INPUTS	30
#define SCORE_MAX_LINES		50
#define SCORE_MAX_POINTS	1000
#define SCORE_MAX_AMOUNT	2000000000	/* yen, per line and input */

/* Header words. */
enum {
	SCORE_H_MAGIC, SCORE_H_CHOICES, SCORE_H_ITEMS, SCORE_H_PARTS,
	SCORE_H_BANDS, SCORE_H_LEVELS, SCORE_H_REQS, SCORE_H_INPUTS,
	SCORE_H_LINES
};

/* Result slots (int64); part, item, requirement and line slots follow. */
enum {
	SCORE_OUT_STATUS, SCORE_OUT_TOTAL, SCORE_OUT_ANSWERED, SCORE_OUT_BAND,
	SCORE_OUT_LEVEL, SCORE_OUT_MIN, SCORE_OUT_MAX, SCORE_OUT_COST_MIN,
	SCORE_OUT_COST_MAX, SCORE_OUT_BEST, SCORE_OUT_FIXED
};

/* Errors: score_validate() and score_eval() return 0 or one of these. */
enum {
	SCORE_OK = 0,
	SCORE_E_SHORT = -1,		/* the program is cut short */
	SCORE_E_MAGIC = -2,		/* not a program, or another version */
	SCORE_E_LIMIT = -3,		/* a count is out of its limits */
	SCORE_E_POINTS = -4,		/* points out of range, or the first
					 * choice is not the best */
	SCORE_E_PART = -5,		/* an item's part is out of range, or
					 * parts are not in order */
	SCORE_E_BAND_ORDER = -6,	/* a band's min is above its max */
	SCORE_E_BAND_GAP = -7,		/* a total no band covers */
	SCORE_E_BAND_OVERLAP = -8,	/* a total two bands cover */
	SCORE_E_BAND_RANGE = -9,	/* a band reaches past the totals */
	SCORE_E_REQ = -10,		/* a requirement's items or mask */
	SCORE_E_INPUT = -11,		/* an input's min/max/default */
	SCORE_E_LINE = -12,		/* a cost line's amounts or inputs */
	SCORE_E_ANSWERS = -13,		/* wrong number of answers, or an
					 * answer above the choices */
	SCORE_E_OUT = -14,		/* result buffer too small */
	SCORE_E_TRAILING = -15		/* words after the program */
};

/*
 * Check a program.  Returns 0, or a SCORE_E_* code; *where (if not NULL)
 * gets the index of the offending element within its table (choice, item,
 * band, requirement, input or line; for SCORE_E_BAND_GAP the first total
 * not covered, for SCORE_E_BAND_OVERLAP the second band covering a total).
 */
int32_t		score_validate(const int32_t *prog, uint32_t words,
		    int32_t *where);

/* Number of int64 result slots the program needs (0 if it is invalid). */
uint32_t	score_out_len(const int32_t *prog, uint32_t words);

/*
 * Evaluate: answers[k] is 0 (not answered) or the choice number 1..C of
 * item k+1 (nanswers must equal the number of items); inputs[k] is the
 * value of input k (ninputs must equal the number of inputs; values are
 * clamped to the input's range).  Fills out[0..score_out_len) and returns
 * out[SCORE_OUT_STATUS].
 */
int32_t		score_eval(const int32_t *prog, uint32_t words,
		    const uint8_t *answers, uint32_t nanswers,
		    const int32_t *inputs, uint32_t ninputs,
		    int64_t *out, uint32_t nout);

/* Address of a scratch area of SCORE_ARENA_SIZE bytes (for wasm callers,
 * which copy their data into it). */
#define SCORE_ARENA_SIZE	65536
void		*score_arena(void);

#endif
