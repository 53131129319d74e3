/*
 * fuzz_calc.c -- fuzz target: calculator and checklist definitions
 * (generator/model/calc.c) from a calculator page.
 *
 * The input is content/calculators/shindan.md of the fixture site
 * (tests/fuzz/site), which is loaded and linked as `mamoru check` does:
 * front matter decoding, every rule of docs/calculators.md, facts,
 * Markdown in the definition, guide links, and the compiled program.
 * Findings besides crashes: the generator's "内部エラー" (a definition the
 * checks let through but score_validate() rejects: a program was built but
 * the calculator is not ok), and a compiled program that score_eval()
 * refuses for well-formed answers or whose total leaves the range
 * calc_compile() computed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../generator/model/calc.h"
#include "../../generator/score/score.h"
#include "fuzz.h"

/* Answer patterns: every item the same choice, or a mix. */
static void
answers_for(const struct calc *c, int pattern, uint8_t *ans)
{
	size_t i;

	for (i = 0; i < c->nitems; i++)
		switch (pattern) {
		case 0: ans[i] = 0; break;			/* none */
		case 1: ans[i] = 1; break;			/* best */
		case 2: ans[i] = (uint8_t)c->nchoices; break;	/* last */
		default: ans[i] = (uint8_t)(i % (c->nchoices + 1)); break;
		}
}

static void
evaluate(const struct calc *c)
{
	uint32_t	 nout = score_out_len(c->prog, c->words), i;
	int64_t		*out;
	uint8_t		*ans;
	int32_t		*in;
	int		 pattern, rc;

	if (nout == 0) {
		fprintf(stderr, "fuzz_calc: compiled program has no result "
		    "slots\n");
		abort();
	}
	out = calloc(nout, sizeof(*out));
	ans = calloc(c->nitems + 1, 1);
	in = calloc(c->m.inputs.n + 1, sizeof(*in));
	if (out == NULL || ans == NULL || in == NULL)
		abort();
	for (pattern = 0; pattern < 4; pattern++) {
		const struct calc_input *inputs = c->m.inputs.items;

		answers_for(c, pattern, ans);
		for (i = 0; i < c->m.inputs.n; i++)
			in[i] = (int32_t)(pattern == 0 ? inputs[i].min.v :
			    pattern == 1 ? inputs[i].max.v :
			    pattern == 2 ? inputs[i].def.v : -1);
		rc = score_eval(c->prog, c->words, ans, (uint32_t)c->nitems,
		    in, (uint32_t)c->m.inputs.n, out, nout);
		if (rc != SCORE_OK) {
			fprintf(stderr, "fuzz_calc: score_eval gives %d for "
			    "answer pattern %d\n", rc, pattern);
			abort();
		}
		if (c->kind == CALC_SCORE && pattern != 0 && pattern != 3 &&
		    (out[SCORE_OUT_TOTAL] < c->lo ||
		    out[SCORE_OUT_TOTAL] > c->hi)) {
			fprintf(stderr, "fuzz_calc: total %lld outside "
			    "%lld..%lld\n", (long long)out[SCORE_OUT_TOTAL],
			    (long long)c->lo, (long long)c->hi);
			abort();
		}
	}
	free(out);
	free(ans);
	free(in);
}

static void
inspect(struct site *s)
{
	size_t i;

	for (i = 0; i < s->npages; i++) {
		const struct calc *c = s->pages[i]->calc;

		if (c == NULL || c->prog == NULL)
			continue;
		if (!c->ok) {
			fprintf(stderr, "fuzz_calc: %s compiled to a program "
			    "that score_validate() rejects\n", s->pages[i]->rel);
			abort();
		}
		evaluate(c);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_site_run("calculators/shindan.md", data, size, inspect);
	return 0;
}
