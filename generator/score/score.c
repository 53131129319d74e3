/*
 * score.c -- the scoring core (see score.h and docs/calculators.md).
 *
 * Freestanding: this file includes nothing but <stdint.h>, calls nothing
 * outside itself and allocates nothing, so that it compiles unchanged into
 * the generator and into a small WebAssembly module.
 */
#include "score.h"

#define CAP	1000000000000000LL	/* cost amounts saturate at 10^15 yen */

struct layout {
	uint32_t	 nchoices, nitems, nparts, nbands, nlevels, nreqs,
			 ninputs, nlines;
	const int32_t	*points;	/* [nchoices] */
	const int32_t	*part_of;	/* [nitems] */
	const int32_t	*bands;		/* [nbands][2] */
	const int32_t	*levels;	/* [nlevels] */
	const int32_t	*reqs;		/* [nreqs][3] */
	const int32_t	*inputs;	/* [ninputs][3] */
	const int32_t	*lines;		/* [nlines][7] */
	int64_t		 lo, hi;	/* lowest and highest total */
};

static uint32_t
count(const int32_t *prog, int k, uint32_t limit, int *bad)
{
	if (prog[k] < 0 || (uint32_t)prog[k] > limit)
		*bad = 1;
	return *bad ? 0 : (uint32_t)prog[k];
}

/* Read the header and locate the tables.  Checks counts and length only. */
static int32_t
parse(const int32_t *prog, uint32_t words, struct layout *l)
{
	uint32_t	need;
	int		bad = 0;

	if (prog == 0 || words < SCORE_HEADER_WORDS)
		return SCORE_E_SHORT;
	if (prog[SCORE_H_MAGIC] != SCORE_MAGIC)
		return SCORE_E_MAGIC;
	l->nchoices = count(prog, SCORE_H_CHOICES, SCORE_MAX_CHOICES, &bad);
	l->nitems = count(prog, SCORE_H_ITEMS, SCORE_MAX_ITEMS, &bad);
	l->nparts = count(prog, SCORE_H_PARTS, SCORE_MAX_PARTS, &bad);
	l->nbands = count(prog, SCORE_H_BANDS, SCORE_MAX_BANDS, &bad);
	l->nlevels = count(prog, SCORE_H_LEVELS, SCORE_MAX_LEVELS, &bad);
	l->nreqs = count(prog, SCORE_H_REQS, SCORE_MAX_REQS, &bad);
	l->ninputs = count(prog, SCORE_H_INPUTS, SCORE_MAX_INPUTS, &bad);
	l->nlines = count(prog, SCORE_H_LINES, SCORE_MAX_LINES, &bad);
	if (bad)
		return SCORE_E_LIMIT;
	/* Items need a scale of two choices or more and at least one part;
	 * a program without items has neither. */
	if (l->nitems > 0 && (l->nchoices < 2 || l->nparts < 1))
		return SCORE_E_LIMIT;
	if (l->nitems == 0 && (l->nparts > 0 || l->nbands > 0 ||
	    l->nlevels > 0))
		return SCORE_E_LIMIT;
	if (l->nparts > l->nitems)
		return SCORE_E_LIMIT;
	need = SCORE_HEADER_WORDS + l->nchoices + l->nitems +
	    2 * l->nbands + l->nlevels + 3 * l->nreqs + 3 * l->ninputs +
	    7 * l->nlines;
	if (words < need)
		return SCORE_E_SHORT;
	if (words > need)
		return SCORE_E_TRAILING;
	l->points = prog + SCORE_HEADER_WORDS;
	l->part_of = l->points + l->nchoices;
	l->bands = l->part_of + l->nitems;
	l->levels = l->bands + 2 * l->nbands;
	l->reqs = l->levels + l->nlevels;
	l->inputs = l->reqs + 3 * l->nreqs;
	l->lines = l->inputs + 3 * l->ninputs;
	return SCORE_OK;
}

static int32_t
fail(int32_t code, int32_t at, int32_t *where)
{
	if (where != 0)
		*where = at;
	return code;
}

static int32_t
check_items(struct layout *l, int32_t *where)
{
	uint32_t	k;
	int32_t		best, worst;

	if (l->nitems == 0) {
		l->lo = l->hi = 0;
		return SCORE_OK;
	}
	best = worst = l->points[0];
	for (k = 0; k < l->nchoices; k++) {
		int32_t p = l->points[k];

		if (p < -SCORE_MAX_POINTS || p > SCORE_MAX_POINTS ||
		    (k > 0 && p >= l->points[0]))
			return fail(SCORE_E_POINTS, (int32_t)k, where);
		if (p < worst)
			worst = p;
	}
	/* Parts run in order: item 1 is in part 0, and each item is in the
	 * part of the item before it or the next; the last is part P-1. */
	for (k = 0; k < l->nitems; k++) {
		int32_t prev = k == 0 ? 0 : l->part_of[k - 1];
		int32_t p = l->part_of[k];

		if (p < 0 || (uint32_t)p >= l->nparts || p < prev ||
		    p > prev + 1 || (k == 0 && p != 0))
			return fail(SCORE_E_PART, (int32_t)k, where);
	}
	if ((uint32_t)l->part_of[l->nitems - 1] != l->nparts - 1)
		return fail(SCORE_E_PART, (int32_t)l->nitems - 1, where);
	l->lo = (int64_t)worst * l->nitems;
	l->hi = (int64_t)best * l->nitems;
	return SCORE_OK;
}

/* The band that holds total t, from index `from` on; -1 if none. */
static int32_t
band_of(const struct layout *l, int64_t t, uint32_t from)
{
	uint32_t b;

	for (b = from; b < l->nbands; b++)
		if (l->bands[2 * b] <= t && t <= l->bands[2 * b + 1])
			return (int32_t)b;
	return -1;
}

static int32_t
check_bands(const struct layout *l, int32_t *where)
{
	uint32_t	b;
	int64_t		t;

	if (l->nbands == 0)
		return SCORE_OK;
	for (b = 0; b < l->nbands; b++) {
		int32_t lo = l->bands[2 * b], hi = l->bands[2 * b + 1];

		if (lo > hi)
			return fail(SCORE_E_BAND_ORDER, (int32_t)b, where);
		if (lo < l->lo || hi > l->hi)
			return fail(SCORE_E_BAND_RANGE, (int32_t)b, where);
	}
	/* Overlap: a band whose range meets an earlier band's. */
	for (b = 1; b < l->nbands; b++) {
		uint32_t c;

		for (c = 0; c < b; c++)
			if (l->bands[2 * b] <= l->bands[2 * c + 1] &&
			    l->bands[2 * c] <= l->bands[2 * b + 1])
				return fail(SCORE_E_BAND_OVERLAP, (int32_t)b,
				    where);
	}
	/* Gaps: walk the totals from the lowest, a band at a time. */
	for (t = l->lo; t <= l->hi;) {
		int32_t b2 = band_of(l, t, 0);

		if (b2 < 0)
			return fail(SCORE_E_BAND_GAP, (int32_t)t, where);
		t = (int64_t)l->bands[2 * b2 + 1] + 1;
	}
	return SCORE_OK;
}

static int32_t
check_rest(const struct layout *l, int32_t *where)
{
	uint32_t	k, sum = 0;
	int32_t		all = (int32_t)((1u << l->nchoices) - 1);

	for (k = 0; k < l->nlevels; k++) {
		if (l->levels[k] < 1)
			return fail(SCORE_E_REQ, (int32_t)sum, where);
		sum += (uint32_t)l->levels[k];
		if (sum > l->nreqs)
			return fail(SCORE_E_REQ, (int32_t)l->nreqs, where);
	}
	if (sum != l->nreqs)
		return fail(SCORE_E_REQ, (int32_t)sum, where);
	for (k = 0; k < l->nreqs; k++) {
		const int32_t *r = l->reqs + 3 * k;

		if (r[0] < 0 || r[1] < 1 || (uint32_t)r[0] >= l->nitems ||
		    (uint32_t)r[1] > l->nitems - (uint32_t)r[0] ||
		    r[2] <= 0 || (r[2] & ~all) != 0)
			return fail(SCORE_E_REQ, (int32_t)k, where);
	}
	for (k = 0; k < l->ninputs; k++) {
		const int32_t *in = l->inputs + 3 * k;

		if (in[0] < 0 || in[0] > in[1] || in[1] > SCORE_MAX_AMOUNT ||
		    in[2] < in[0] || in[2] > in[1])
			return fail(SCORE_E_INPUT, (int32_t)k, where);
	}
	for (k = 0; k < l->nlines; k++) {
		const int32_t *m = l->lines + 7 * k;

		if (m[0] < 0 || m[0] > m[1] || m[1] > SCORE_MAX_AMOUNT ||
		    m[2] < -1 || m[2] >= (int32_t)l->ninputs ||
		    m[3] < -1 || m[3] >= (int32_t)l->ninputs ||
		    m[4] < 1 || m[5] < -1 || m[5] >= (int32_t)l->ninputs ||
		    m[6] != 0)
			return fail(SCORE_E_LINE, (int32_t)k, where);
	}
	return SCORE_OK;
}

static int32_t
validate(const int32_t *prog, uint32_t words, struct layout *l,
    int32_t *where)
{
	int32_t rc;

	if (where != 0)
		*where = 0;
	if ((rc = parse(prog, words, l)) != SCORE_OK ||
	    (rc = check_items(l, where)) != SCORE_OK ||
	    (rc = check_bands(l, where)) != SCORE_OK ||
	    (rc = check_rest(l, where)) != SCORE_OK)
		return rc;
	return SCORE_OK;
}

int32_t
score_validate(const int32_t *prog, uint32_t words, int32_t *where)
{
	struct layout l;

	return validate(prog, words, &l, where);
}

static uint32_t
out_len(const struct layout *l)
{
	return SCORE_OUT_FIXED + 2 * l->nparts + l->nitems + l->nreqs +
	    2 * l->nlines;
}

uint32_t
score_out_len(const int32_t *prog, uint32_t words)
{
	struct layout l;

	if (validate(prog, words, &l, 0) != SCORE_OK)
		return 0;
	return out_len(&l);
}

/* a * b for a, b >= 0, saturating at CAP. */
static int64_t
mul_cap(int64_t a, int64_t b)
{
	if (a == 0 || b == 0)
		return 0;
	if (a > CAP / b)
		return CAP;
	return a * b;
}

static int64_t
line_amount(int64_t amount, const int32_t *m, const int64_t *in)
{
	if (m[2] >= 0)
		amount = mul_cap(amount, in[m[2]]);
	if (m[3] >= 0)
		amount = mul_cap(amount, in[m[3]]);
	return amount / m[4];
}

int32_t
score_eval(const int32_t *prog, uint32_t words, const uint8_t *answers,
    uint32_t nanswers, const int32_t *inputs, uint32_t ninputs,
    int64_t *out, uint32_t nout)
{
	struct layout	 l;
	int64_t		*parts, *items, *met, *costs;
	int64_t		 in[SCORE_MAX_INPUTS];
	int32_t		 rc;
	uint32_t	 k, r, lv;

	if (out == 0 || nout < 1)
		return SCORE_E_OUT;
	out[SCORE_OUT_STATUS] = SCORE_E_OUT;
	if ((rc = validate(prog, words, &l, 0)) != SCORE_OK) {
		out[SCORE_OUT_STATUS] = rc;
		return rc;
	}
	if (nout < out_len(&l))
		return SCORE_E_OUT;
	for (k = 0; k < out_len(&l); k++)
		out[k] = 0;
	if (nanswers != l.nitems || (l.nitems > 0 && answers == 0) ||
	    ninputs != l.ninputs || (l.ninputs > 0 && inputs == 0)) {
		out[SCORE_OUT_STATUS] = SCORE_E_ANSWERS;
		return SCORE_E_ANSWERS;
	}
	for (k = 0; k < l.nitems; k++)
		if (answers[k] > l.nchoices) {
			out[SCORE_OUT_STATUS] = SCORE_E_ANSWERS;
			return SCORE_E_ANSWERS;
		}
	parts = out + SCORE_OUT_FIXED;
	items = parts + 2 * l.nparts;
	met = items + l.nitems;
	costs = met + l.nreqs;

	out[SCORE_OUT_MIN] = l.lo;
	out[SCORE_OUT_MAX] = l.hi;
	for (k = 0; k < l.nitems; k++) {
		int64_t pts = 0;

		if (answers[k] > 0) {
			pts = l.points[answers[k] - 1];
			out[SCORE_OUT_ANSWERED]++;
			if (answers[k] == 1)
				out[SCORE_OUT_BEST]++;
		}
		items[k] = pts;
		out[SCORE_OUT_TOTAL] += pts;
		parts[2 * l.part_of[k]] += pts;
		parts[2 * l.part_of[k] + 1] += l.points[0];
	}
	out[SCORE_OUT_BAND] = l.nbands > 0 ?
	    band_of(&l, out[SCORE_OUT_TOTAL], 0) : -1;

	for (r = 0; r < l.nreqs; r++) {
		const int32_t *q = l.reqs + 3 * r;
		int ok = 1;

		for (k = (uint32_t)q[0]; k < (uint32_t)(q[0] + q[1]); k++)
			if (answers[k] == 0 ||
			    !(q[2] & (1 << (answers[k] - 1))))
				ok = 0;
		met[r] = ok;
	}
	for (lv = 0, r = 0; lv < l.nlevels; lv++) {
		uint32_t end = r + (uint32_t)l.levels[lv];
		int ok = 1;

		for (; r < end; r++)
			if (!met[r])
				ok = 0;
		if (!ok)
			break;
		out[SCORE_OUT_LEVEL] = lv + 1;
	}

	for (k = 0; k < l.ninputs; k++) {
		const int32_t *d = l.inputs + 3 * k;
		int32_t v = inputs[k];

		in[k] = v < d[0] ? d[0] : v > d[1] ? d[1] : v;
	}
	for (k = 0; k < l.nlines; k++) {
		const int32_t *m = l.lines + 7 * k;

		if (m[5] >= 0 && in[m[5]] == 0)
			continue;
		costs[2 * k] = line_amount(m[0], m, in);
		costs[2 * k + 1] = line_amount(m[1], m, in);
		out[SCORE_OUT_COST_MIN] += costs[2 * k];
		out[SCORE_OUT_COST_MAX] += costs[2 * k + 1];
	}
	out[SCORE_OUT_STATUS] = SCORE_OK;
	return SCORE_OK;
}

static uint64_t arena_mem[SCORE_ARENA_SIZE / sizeof(uint64_t)];

void *
score_arena(void)
{
	return arena_mem;
}
