/*
 * test_score.c -- the scoring core (generator/score/) natively, and the
 * vectors that tests/score/wasm.mjs replays against the WebAssembly build.
 *
 *   test_score                 unit tests: validation and evaluation
 *   test_score --vectors FILE  also write random and extreme answer vectors,
 *                              with the native results, for the site's own
 *                              calculators (content/ of the current folder)
 *                              and for random valid programs, as JSON lines
 *
 * Output: "ok - score/<case>" or "not ok - ..." with "# " details.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../generator/core/diag.h"
#include "../../generator/model/calc.h"
#include "../../generator/model/site.h"
#include "../../generator/score/score.h"

#define TAP_SUITE "score"
#include "tap.h"

/* ----- building programs by hand ----------------------------------------- */

struct prog {
	int32_t		w[4096];
	uint32_t	n;
};

static void
put(struct prog *p, int32_t v)
{
	p->w[p->n++] = v;
}

/* The 自社診断 shape: 4 choices 4/2/0/-1, 25 items in parts 5/13/7, bands
 * 100 / 70-99 / 50-69 / -25-49, one level (items 1-5 answered 1 or 2). */
static void
shindan(struct prog *p)
{
	int i;

	p->n = 0;
	put(p, SCORE_MAGIC);
	put(p, 4); put(p, 25); put(p, 3); put(p, 4); put(p, 1); put(p, 1);
	put(p, 0); put(p, 0);
	put(p, 4); put(p, 2); put(p, 0); put(p, -1);
	for (i = 0; i < 25; i++)
		put(p, i < 5 ? 0 : i < 18 ? 1 : 2);
	put(p, 100); put(p, 100); put(p, 70); put(p, 99);
	put(p, 50); put(p, 69); put(p, -25); put(p, 49);
	put(p, 1);
	put(p, 0); put(p, 5); put(p, 3);
}

/* A cost program: inputs people (0..1e6, 1000), card toggle, months;
 * lines: fixed 3e6..4e6; 1.3e6 per 10,000 people; 1e6..5e6 x months when
 * card. */
static void
cost(struct prog *p)
{
	p->n = 0;
	put(p, SCORE_MAGIC);
	put(p, 0); put(p, 0); put(p, 0); put(p, 0); put(p, 0); put(p, 0);
	put(p, 3); put(p, 3);
	put(p, 0); put(p, 1000000); put(p, 1000);
	put(p, 0); put(p, 1); put(p, 0);
	put(p, 0); put(p, 24); put(p, 1);
	put(p, 3000000); put(p, 4000000); put(p, -1); put(p, -1); put(p, 1);
	put(p, -1); put(p, 0);
	put(p, 1300000); put(p, 1300000); put(p, 0); put(p, -1); put(p, 10000);
	put(p, -1); put(p, 0);
	put(p, 1000000); put(p, 5000000); put(p, 2); put(p, -1); put(p, 1);
	put(p, 1); put(p, 0);
}

static int64_t out[2048];

static int32_t
eval_digits(const struct prog *p, const char *digits)
{
	uint8_t	a[SCORE_MAX_ITEMS];
	size_t	i, n = strlen(digits);

	for (i = 0; i < n; i++)
		a[i] = (uint8_t)(digits[i] - '0');
	return score_eval(p->w, p->n, a, (uint32_t)n, NULL, 0, out, 2048);
}

static void
test_eval(void)
{
	struct prog	p;
	int32_t		rc;

	shindan(&p);
	rc = score_validate(p.w, p.n, NULL);
	result(rc == 0, "validate/shindan", "rc %d", rc);
	result(score_out_len(p.w, p.n) == SCORE_OUT_FIXED + 6 + 25 + 1,
	    "out-len", "%u", score_out_len(p.w, p.n));

	rc = eval_digits(&p, "1111111111111111111111111");
	result(rc == 0 && out[SCORE_OUT_TOTAL] == 100 &&
	    out[SCORE_OUT_BAND] == 0 && out[SCORE_OUT_LEVEL] == 1 &&
	    out[SCORE_OUT_ANSWERED] == 25 && out[SCORE_OUT_BEST] == 25,
	    "eval/all-best", "total %" PRId64 " band %" PRId64,
	    out[SCORE_OUT_TOTAL], out[SCORE_OUT_BAND]);
	rc = eval_digits(&p, "4444444444444444444444444");
	result(rc == 0 && out[SCORE_OUT_TOTAL] == -25 &&
	    out[SCORE_OUT_BAND] == 3 && out[SCORE_OUT_LEVEL] == 0,
	    "eval/all-unknown", "total %" PRId64, out[SCORE_OUT_TOTAL]);
	result(out[SCORE_OUT_MIN] == -25 && out[SCORE_OUT_MAX] == 100,
	    "eval/range", NULL);
	/* 5 x 2 + 13 x 4 + 7 x 0 = 62: band 50-69; parts 10/20, 52/52, 0/28 */
	rc = eval_digits(&p, "2222211111111111113333333");
	result(rc == 0 && out[SCORE_OUT_TOTAL] == 62 &&
	    out[SCORE_OUT_BAND] == 2 && out[SCORE_OUT_LEVEL] == 1 &&
	    out[SCORE_OUT_FIXED] == 10 && out[SCORE_OUT_FIXED + 1] == 20 &&
	    out[SCORE_OUT_FIXED + 2] == 52 && out[SCORE_OUT_FIXED + 3] == 52 &&
	    out[SCORE_OUT_FIXED + 4] == 0 && out[SCORE_OUT_FIXED + 5] == 28,
	    "eval/parts", "total %" PRId64, out[SCORE_OUT_TOTAL]);
	/* 70 and 69, the band edges: 17 x 4 + 1 x 2 = 70. */
	rc = eval_digits(&p, "1111111111111111123333333");
	result(rc == 0 && out[SCORE_OUT_TOTAL] == 70 && out[SCORE_OUT_BAND] == 1,
	    "eval/edge-70", "total %" PRId64, out[SCORE_OUT_TOTAL]);
	rc = eval_digits(&p, "1111111111111111124333333");
	result(rc == 0 && out[SCORE_OUT_TOTAL] == 69 && out[SCORE_OUT_BAND] == 2,
	    "eval/edge-69", "total %" PRId64, out[SCORE_OUT_TOTAL]);
	/* One item of the 5 not done: no level. */
	rc = eval_digits(&p, "1111311111111111111111111");
	result(rc == 0 && out[SCORE_OUT_LEVEL] == 0 &&
	    out[SCORE_OUT_FIXED + 6 + 25] == 0, "eval/level-missed", NULL);
	/* Unanswered items count nothing. */
	rc = eval_digits(&p, "1000000000000000000000000");
	result(rc == 0 && out[SCORE_OUT_TOTAL] == 4 &&
	    out[SCORE_OUT_ANSWERED] == 1 && out[SCORE_OUT_LEVEL] == 0,
	    "eval/unanswered", NULL);
	rc = eval_digits(&p, "5111111111111111111111111");
	result(rc == SCORE_E_ANSWERS, "eval/answer-above-choices", "rc %d", rc);
	rc = eval_digits(&p, "111");
	result(rc == SCORE_E_ANSWERS, "eval/answer-count", "rc %d", rc);
	{
		uint8_t a[25] = { 0 };

		rc = score_eval(p.w, p.n, a, 25, NULL, 0, out, 10);
		result(rc == SCORE_E_OUT, "eval/out-too-small", "rc %d", rc);
	}
}

static void
test_cost(void)
{
	struct prog	p;
	int32_t		in[3], rc;

	cost(&p);
	rc = score_validate(p.w, p.n, NULL);
	result(rc == 0, "cost/validate", "rc %d", rc);
	in[0] = 10000; in[1] = 0; in[2] = 6;
	rc = score_eval(p.w, p.n, NULL, 0, in, 3, out, 2048);
	result(rc == 0 && out[SCORE_OUT_COST_MIN] == 4300000 &&
	    out[SCORE_OUT_COST_MAX] == 5300000, "cost/no-card",
	    "%" PRId64 "..%" PRId64, out[SCORE_OUT_COST_MIN],
	    out[SCORE_OUT_COST_MAX]);
	in[1] = 1;
	rc = score_eval(p.w, p.n, NULL, 0, in, 3, out, 2048);
	result(rc == 0 && out[SCORE_OUT_COST_MIN] == 10300000 &&
	    out[SCORE_OUT_COST_MAX] == 35300000, "cost/card-months",
	    "%" PRId64 "..%" PRId64, out[SCORE_OUT_COST_MIN],
	    out[SCORE_OUT_COST_MAX]);
	/* Clamped: 5,000,000 people -> 1,000,000; -3 months -> 0. */
	in[0] = 5000000; in[1] = 7; in[2] = -3;
	rc = score_eval(p.w, p.n, NULL, 0, in, 3, out, 2048);
	result(rc == 0 && out[SCORE_OUT_COST_MIN] == 3000000 + 130000000 &&
	    out[SCORE_OUT_FIXED + 4] == 0, "cost/clamped",
	    "%" PRId64, out[SCORE_OUT_COST_MIN]);
	/* Saturation: 2e9 x 2e9 x 2e9 stays at the cap, no overflow. */
	p.w[SCORE_HEADER_WORDS + 1] = 2000000000;	/* input 0 max */
	p.w[SCORE_HEADER_WORDS + 9 + 7 + 3] = 0;	/* line 1 per B */
	p.w[SCORE_HEADER_WORDS + 9 + 7 + 1] = 2000000000;
	p.w[SCORE_HEADER_WORDS + 9 + 7 + 0] = 2000000000;
	p.w[SCORE_HEADER_WORDS + 9 + 7 + 4] = 1;
	in[0] = 2000000000; in[1] = 0; in[2] = 0;
	rc = score_eval(p.w, p.n, NULL, 0, in, 3, out, 2048);
	result(rc == 0 && out[SCORE_OUT_FIXED + 2] == 1000000000000000LL,
	    "cost/saturates", "rc %d, %" PRId64, rc, out[SCORE_OUT_FIXED + 2]);
}

/* Each broken program gives its own error code and position. */
static void
test_validate(void)
{
	struct prog	p;
	int32_t		rc, at;

#define BROKEN(name, edit, code, where) do {				\
	shindan(&p);							\
	edit;								\
	rc = score_validate(p.w, p.n, &at);				\
	result(rc == (code) && ((where) < 0 || at == (where)),		\
	    "validate/" name, "rc %d at %d", rc, at);			\
} while (0)
	BROKEN("short", p.n = 5, SCORE_E_SHORT, -1);
	BROKEN("cut", p.n -= 1, SCORE_E_SHORT, -1);
	BROKEN("trailing", put(&p, 0), SCORE_E_TRAILING, -1);
	BROKEN("magic", p.w[0] = 0x12345678, SCORE_E_MAGIC, -1);
	BROKEN("too-many-choices", p.w[1] = 10, SCORE_E_LIMIT, -1);
	BROKEN("negative-count", p.w[2] = -1, SCORE_E_LIMIT, -1);
	BROKEN("one-choice", p.w[1] = 1, SCORE_E_LIMIT, -1);
	BROKEN("points-order", p.w[10] = 4, SCORE_E_POINTS, 1);
	BROKEN("points-range", p.w[12] = -1001, SCORE_E_POINTS, 3);
	BROKEN("part-skip", p.w[13 + 5] = 2, SCORE_E_PART, 5);
	BROKEN("part-back", p.w[13 + 20] = 1, SCORE_E_PART, 20);
	BROKEN("band-order", (p.w[38 + 2] = 99, p.w[38 + 3] = 70),
	    SCORE_E_BAND_ORDER, 1);
	BROKEN("band-gap", p.w[38 + 5] = 68, SCORE_E_BAND_GAP, 69);
	BROKEN("band-overlap", p.w[38 + 7] = 50, SCORE_E_BAND_OVERLAP, 3);
	BROKEN("band-range", p.w[38 + 1] = 101, SCORE_E_BAND_RANGE, 0);
	BROKEN("req-range", p.w[47] = 22, SCORE_E_REQ, 0);
	BROKEN("req-mask", p.w[49] = 16, SCORE_E_REQ, 0);
	BROKEN("level-count", p.w[46] = 2, SCORE_E_REQ, -1);
#undef BROKEN
}

/* ----- vectors for the wasm comparison ----------------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (uint32_t)(rng % n) : 0;
}

static void
write_vector(FILE *f, const char *name, const struct prog *p,
    const uint8_t *a, uint32_t na, const int32_t *in, uint32_t ni)
{
	uint32_t	i, n = score_out_len(p->w, p->n);
	int32_t		rc;

	static const struct prog *last;

	rc = score_eval(p->w, p->n, a, na, in, ni, out, 2048);
	/* A program line, then its vectors. */
	if (p != last || name != NULL) {
		fprintf(f, "{\"name\":\"%s\",\"prog\":[", name ? name : "");
		for (i = 0; i < p->n; i++)
			fprintf(f, "%s%" PRId32, i ? "," : "", p->w[i]);
		fprintf(f, "]}\n");
		last = p;
	}
	fprintf(f, "{\"answers\":[");
	for (i = 0; i < na; i++)
		fprintf(f, "%s%u", i ? "," : "", a[i]);
	fprintf(f, "],\"inputs\":[");
	for (i = 0; i < ni; i++)
		fprintf(f, "%s%" PRId32, i ? "," : "", in[i]);
	fprintf(f, "],\"rc\":%" PRId32 ",\"out\":[", rc);
	for (i = 0; i < n; i++)
		fprintf(f, "%s\"%" PRId64 "\"", i ? "," : "", out[i]);
	fprintf(f, "]}\n");
}

/* Extremes (every item the same answer, one item off), then random. */
static size_t
vectors_for(FILE *f, const char *name, const struct prog *p, size_t nrand)
{
	uint8_t		a[SCORE_MAX_ITEMS];
	int32_t		in[SCORE_MAX_INPUTS];
	uint32_t	ni = (uint32_t)p->w[SCORE_H_ITEMS];
	uint32_t	nc = (uint32_t)p->w[SCORE_H_CHOICES];
	uint32_t	nin = (uint32_t)p->w[SCORE_H_INPUTS];
	const int32_t	*inputs = p->w + SCORE_HEADER_WORDS + nc + ni +
			    2 * p->w[SCORE_H_BANDS] + p->w[SCORE_H_LEVELS] +
			    3 * p->w[SCORE_H_REQS];
	size_t		count = 0, r;
	uint32_t	c, k;

	for (k = 0; k < nin; k++)
		in[k] = inputs[3 * k + 2];	/* defaults */
	for (c = 0; c <= nc; c++) {
		memset(a, (int)c, ni);
		write_vector(f, c == 0 ? name : NULL, p, a, ni, in, nin);
		count++;
		for (k = 0; k < ni && nc > 0; k++) {
			memset(a, (int)c, ni);
			a[k] = (uint8_t)(c == 1 ? nc : 1);
			write_vector(f, NULL, p, a, ni, in, nin);
			count++;
		}
	}
	for (k = 0; k < nin; k++) {	/* each input at min and max */
		in[k] = inputs[3 * k];
		write_vector(f, NULL, p, a, ni, in, nin);
		in[k] = inputs[3 * k + 1];
		write_vector(f, NULL, p, a, ni, in, nin);
		count += 2;
	}
	for (r = 0; r < nrand; r++) {
		for (k = 0; k < ni; k++)
			a[k] = (uint8_t)rnd(nc + 1);
		for (k = 0; k < nin; k++) {
			int32_t lo = inputs[3 * k], hi = inputs[3 * k + 1];

			/* Mostly in range, sometimes outside (clamped). */
			in[k] = rnd(10) == 0 ? (int32_t)rnd(0x7fffffff) -
			    0x3fffffff : lo + (int32_t)rnd((uint32_t)(hi - lo) + 1);
		}
		write_vector(f, NULL, p, a, ni, in, nin);
		count++;
	}
	return count;
}

/* A random valid program of any shape. */
static void
random_program(struct prog *p)
{
	uint32_t nc = 2 + rnd(8), ni = 1 + rnd(60), np = 1 + rnd(ni < 20 ?
	    ni : 20), nb = 1 + rnd(6), nl = rnd(4), nin = rnd(6),
	    nline = nin ? rnd(8) : 0, k, lv, part;
	int32_t pts[9], worst, best, lo, hi, t;
	uint32_t reqs_per[4], nreq = 0;

	for (k = 0; k < nl; k++)
		nreq += reqs_per[k] = 1 + rnd(3);
	p->n = 0;
	put(p, SCORE_MAGIC);
	put(p, (int32_t)nc); put(p, (int32_t)ni); put(p, (int32_t)np);
	put(p, (int32_t)nb); put(p, (int32_t)nl); put(p, (int32_t)nreq);
	put(p, (int32_t)nin); put(p, (int32_t)nline);
	best = (int32_t)rnd(1000) + 1;
	worst = best;
	for (k = 0; k < nc; k++) {
		pts[k] = k == 0 ? best : best - 1 - (int32_t)rnd(1500);
		if (pts[k] < -1000)
			pts[k] = -1000;
		if (pts[k] < worst)
			worst = pts[k];
		put(p, pts[k]);
	}
	/* Parts: item k in part floor(k * np / ni). */
	for (k = 0; k < ni; k++) {
		part = k * np / ni;
		put(p, (int32_t)part);
	}
	lo = worst * (int32_t)ni;
	hi = best * (int32_t)ni;
	/* Bands: split [lo, hi] at nb-1 random cut points, shuffled. */
	{
		int32_t cuts[8], tmp;
		uint32_t b, order[8];

		cuts[0] = lo;
		for (b = 1; b < nb; b++)
			cuts[b] = lo + 1 + (int32_t)rnd((uint32_t)(hi - lo));
		for (b = 1; b < nb; b++)	/* sort */
			for (k = b; k > 1 && cuts[k] < cuts[k - 1]; k--) {
				tmp = cuts[k]; cuts[k] = cuts[k - 1];
				cuts[k - 1] = tmp;
			}
		for (b = 1; b < nb; b++)	/* drop duplicates */
			if (cuts[b] <= cuts[b - 1])
				cuts[b] = cuts[b - 1] + 1;
		while (nb > 1 && cuts[nb - 1] > hi)
			nb--;
		p->w[SCORE_H_BANDS] = (int32_t)nb;
		for (b = 0; b < nb; b++)
			order[b] = b;
		for (b = nb; b > 1; b--) {
			k = rnd(b);
			tmp = (int32_t)order[b - 1];
			order[b - 1] = order[k];
			order[k] = (uint32_t)tmp;
		}
		for (b = 0; b < nb; b++) {
			uint32_t o = order[b];

			t = o + 1 < nb ? cuts[o + 1] - 1 : hi;
			put(p, cuts[o]);
			put(p, t);
		}
	}
	for (lv = 0; lv < nl; lv++)
		put(p, (int32_t)reqs_per[lv]);
	for (k = 0; k < nreq; k++) {
		uint32_t first = rnd(ni), cnt = 1 + rnd(ni - first);

		put(p, (int32_t)first);
		put(p, (int32_t)cnt);
		put(p, (int32_t)(1 + rnd((1u << nc) - 1)));
	}
	for (k = 0; k < nin; k++) {
		int32_t a = (int32_t)rnd(1000), b2 = a + (int32_t)rnd(
		    k == 0 ? 2000000000u - 1000 : 100000);

		put(p, a);
		put(p, b2);
		put(p, a + (int32_t)rnd((uint32_t)(b2 - a) + 1));
	}
	for (k = 0; k < nline; k++) {
		int32_t a = (int32_t)rnd(2000000000u);

		put(p, a);
		put(p, a + (int32_t)rnd((uint32_t)(2000000000 - a) + 1));
		put(p, rnd(3) ? (int32_t)rnd(nin) : -1);
		put(p, rnd(3) ? (int32_t)rnd(nin) : -1);
		put(p, 1 + (int32_t)rnd(100000));
		put(p, rnd(2) ? (int32_t)rnd(nin) : -1);
		put(p, 0);
	}
}

static int
write_vectors(const char *file)
{
	FILE		*f = fopen(file, "w");
	struct site	 s;
	struct prog	 p;
	size_t		 i, n = 0, progs = 0;
	int		 bad = 0;

	if (f == NULL) {
		perror(file);
		return 1;
	}
	/* The site's own calculators, as the generator compiles them. */
	diag_reset();
	if (site_load(&s, ".") == 0 && site_link(&s) == 0) {
		for (i = 0; i < s.npages; i++) {
			struct calc *c = s.pages[i]->calc;

			if (c == NULL || !c->ok)
				continue;
			memcpy(p.w, c->prog, c->words * sizeof(int32_t));
			p.n = c->words;
			n += vectors_for(f, s.pages[i]->slug, &p, 2000);
			progs++;
		}
	} else
		bad = 1;
	result(!bad && progs >= 3, "vectors/site-calculators",
	    "site load failed or too few calculators (%zu)", progs);
	site_free(&s);
	diag_reset();
	/* Random programs of every shape. */
	for (i = 0; i < 60; i++) {
		char name[32];

		random_program(&p);
		if (score_validate(p.w, p.n, NULL) != 0) {
			result(0, "vectors/random-program-valid", "program %zu "
			    "rc %d", i, score_validate(p.w, p.n, NULL));
			bad = 1;
			continue;
		}
		snprintf(name, sizeof(name), "random-%zu", i);
		n += vectors_for(f, name, &p, 150);
		progs++;
	}
	if (!bad)
		result(1, "vectors/random-programs-valid", NULL);
	fclose(f);
	printf("# vectors: %zu vectors of %zu programs written to %s\n", n,
	    progs, file);
	return 0;
}

int
main(int argc, char **argv)
{
	test_eval();
	test_cost();
	test_validate();
	if (argc == 3 && strcmp(argv[1], "--vectors") == 0)
		(void)write_vectors(argv[2]);
	printf("# score: %d passed, %d failed\n", passes, failures);
	return failures != 0;
}
