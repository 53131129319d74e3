/*
 * snippet.c -- where a hit's query terms are in its text and title: the
 * snippet window to show and the ranges to highlight (search.h).
 *
 * The stored text is tokenised again, in index mode, and every token that
 * a query term covers becomes a match.  The window is the stretch of
 * SEARCH_SNIPPET_BYTES that holds the most different terms (then the most
 * matches, then the earliest), starting a little before its first match,
 * or at the start of that sentence when it is near.
 *
 * Freestanding: nothing but <stdint.h>, no allocation.
 */
#include "search_int.h"

int
search_term_hits(const struct search_term *term,
    const struct search_token *tok, uint32_t *start, uint32_t *end)
{
	uint32_t k;

	switch (term->mode) {
	case SEARCH_TERM_EXACT:
		if (tok->len != term->len)
			return 0;
		break;
	case SEARCH_TERM_CHAR:
		if (tok->kind == SEARCH_TOKEN_WORD || tok->len < term->len ||
		    (tok->kind != SEARCH_TOKEN_BIGRAM && tok->len != term->len))
			return 0;
		break;
	default:	/* SEARCH_TERM_PREFIX */
		if (tok->kind != SEARCH_TOKEN_WORD || tok->len < term->len)
			return 0;
		break;
	}
	for (k = 0; k < term->len; k++)
		if (tok->key[k] != term->key[k])
			return 0;
	*start = tok->start;
	*end = term->mode == SEARCH_TERM_CHAR ? tok->first_end : tok->end;
	return 1;
}

struct collect {
	const struct search_plan	*plan;
	struct search_match		*m;
	uint32_t			 n;
};

static int
collect_token(const struct search_token *tok, void *ctx)
{
	struct collect	*c = ctx;
	uint32_t	 g, s, e;

	for (g = 0; g < c->plan->n; g++) {
		if (!search_term_hits(&c->plan->terms[g], tok, &s, &e))
			continue;
		if (c->n == SEARCH_MATCH_MAX)
			return 1;			/* enough to choose */
		c->m[c->n].start = s;
		c->m[c->n].end = e;
		c->m[c->n].term = g;
		c->n++;
	}
	return 0;
}

/* Matches of the plan in s, sorted by start. */
static uint32_t
collect(const struct search_table *t, uint32_t tflags,
    const struct search_plan *plan, const char *s, uint32_t n,
    struct search_match *m)
{
	struct collect		c;
	struct search_match	x;
	uint32_t		i, j;

	c.plan = plan;
	c.m = m;
	c.n = 0;
	search_tokenize(t, s, n, tflags | SEARCH_INDEX_MODE, collect_token, &c);
	for (i = 1; i < c.n; i++) {
		x = m[i];
		for (j = i; j > 0 && m[j - 1].start > x.start; j--)
			m[j] = m[j - 1];
		m[j] = x;
	}
	return c.n;
}

/* Merge the sorted matches inside [lo, hi) into ranges; returns how many
 * were written (at most max). */
static uint32_t
marks(const struct search_match *m, uint32_t n, uint32_t lo, uint32_t hi,
    uint32_t (*out)[2], uint32_t max)
{
	uint32_t i, k = 0, s, e;

	for (i = 0; i < n; i++) {
		s = search_max(m[i].start, lo);
		e = search_min(m[i].end, hi);
		if (s >= e)
			continue;
		if (k > 0 && s <= out[k - 1][1]) {
			out[k - 1][1] = search_max(out[k - 1][1], e);
			continue;
		}
		if (k == max)
			break;
		out[k][0] = s;
		out[k][1] = e;
		k++;
	}
	return k;
}

static uint32_t
popcount(uint32_t x)
{
	uint32_t n = 0;

	for (; x != 0; x &= x - 1)
		n++;
	return n;
}

/* Is s[i] the start of a UTF-8 character (or the end)? */
static int
boundary(const char *s, uint32_t n, uint32_t i)
{
	return i >= n || ((unsigned char)s[i] & 0xC0) != 0x80;
}

/* Is s[at, at + n) the character c (UTF-8)? */
static int
is_char(const char *s, uint32_t at, uint32_t n, const char *c)
{
	uint32_t k;

	for (k = 0; c[k] != '\0'; k++)
		if (k >= n || s[at + k] != c[k])
			return 0;
	return k == n;
}

/*
 * Where a snippet whose first match is at `first` starts: just after the
 * end of the sentence or line, if it is within the context; else just
 * after the earliest clause break or space within it; else the context's
 * first character.
 */
static uint32_t
window_start(const char *s, uint32_t first)
{
	static const char *const strong[] = { "\n", "。", "！", "？", "．" };
	static const char *const weak[] = { " ", "\t", "、", "，", "」", "』",
	    "）", "　", ")", ",", "." };
	uint32_t	lo, i, j, k, at = 0, found = 0;

	lo = first > SEARCH_SNIPPET_CONTEXT ? first - SEARCH_SNIPPET_CONTEXT : 0;
	while (!boundary(s, first, lo))
		lo++;
	for (i = first; i > lo; i = j) {
		for (j = i - 1; j > lo && !boundary(s, first, j); j--)
			continue;
		for (k = 0; k < sizeof(strong) / sizeof(strong[0]); k++)
			if (is_char(s, j, i - j, strong[k]))
				return i;
		for (k = 0; k < sizeof(weak) / sizeof(weak[0]); k++)
			if (is_char(s, j, i - j, weak[k])) {
				at = i;
				found = 1;
			}
	}
	return found ? at : lo;
}

/* The best window's first match. */
static uint32_t
best_window(const struct search_match *m, uint32_t n)
{
	uint32_t i, j, mask, cov, best = 0, best_cov = 0, best_cnt = 0;
	uint32_t span = SEARCH_SNIPPET_BYTES - SEARCH_SNIPPET_CONTEXT;

	for (i = 0; i < n; i++) {
		mask = 0;
		for (j = i; j < n && m[j].end - m[i].start <= span; j++)
			mask |= 1u << m[j].term;
		cov = popcount(mask);
		if (cov > best_cov || (cov == best_cov && j - i > best_cnt)) {
			best = i;
			best_cov = cov;
			best_cnt = j - i;
		}
	}
	return best;
}

void
search_snippet(const struct search_table *t, uint32_t tflags,
    const struct search_plan *plan, const struct search_docref *d,
    struct search_hit *hit, struct search_match *m)
{
	const unsigned char	*u = (const unsigned char *)d->text;
	uint32_t		 n, first, ws, we;

	n = collect(t, tflags, plan, d->title, d->title_len, m);
	hit->ntitle_marks = marks(m, n, 0, d->title_len, hit->title_marks,
	    SEARCH_MAX_TITLE_MARKS);

	n = collect(t, tflags, plan, d->text, d->text_len, m);
	ws = 0;
	if (n > 0) {
		first = m[best_window(m, n)].start;
		ws = window_start(d->text, search_min(first, d->text_len));
	}
	/* No blanks at the start: ASCII white space and U+3000. */
	for (;;) {
		if (ws < d->text_len && (u[ws] == ' ' || u[ws] == '\n' ||
		    u[ws] == '\t' || u[ws] == '\r'))
			ws++;
		else if (ws + 3 <= d->text_len && u[ws] == 0xE3 &&
		    u[ws + 1] == 0x80 && u[ws + 2] == 0x80)
			ws += 3;
		else
			break;
	}
	we = d->text_len - ws > SEARCH_SNIPPET_BYTES ?
	    ws + SEARCH_SNIPPET_BYTES : d->text_len;
	while (we > ws && !boundary(d->text, d->text_len, we))
		we--;
	hit->snippet_start = ws;
	hit->snippet_end = we;
	hit->nmarks = marks(m, n, ws, we, hit->marks, SEARCH_MAX_MARKS);
}
