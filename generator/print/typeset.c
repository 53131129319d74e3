/*
 * typeset.c -- line breaking and justification of one paragraph (see
 * typeset.h for the rules).
 *
 * The paragraph is first cut into units: one unit per wide (Japanese)
 * character, one per run of Latin letters, digits and signs, one per
 * space, one per hard break.  Between units sit the boundaries where a
 * line may break (ICU and kinsoku), where punctuation space is removed
 * (約物の連続) or added (和欧間), and where justification may add or
 * oikomi may take away room.  Lines are filled greedily, one at a time.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/utf8.h"
#include "kinsoku.h"
#include "typeset.h"

#define EPS		0.005
#define U_WIDE		0
#define U_LATIN		1
#define U_SPACE		2
#define U_NL		3

struct unit {
	size_t		 off, len, span;
	int		 kind;
	uint32_t	 first, last;	/* code points */
	double		 w, em;
	double		 ab, aa;	/* punctuation space before, after */
	/* The boundary after this unit. */
	double		 adj;		/* natural: removed (<0) or added */
	double		 shrink;	/* oikomi may take this much more */
	int		 stretch;	/* justification may widen it */
	int		 can;		/* TS_BRK_*: break after (and spaces) */
	size_t		 next;		/* the next line's first unit */
	int		 split;		/* 1: piece of a word wider than a
					 * line; 2: part of a URL */
};

void
ts_para_add(struct ts_para *p, const struct ts_style *st, const char *s,
    size_t n)
{
	struct ts_span *last = p->nspans ? &p->spans[p->nspans - 1] : NULL;

	if (n == 0)
		return;
	if (last != NULL && memcmp(&last->st, st, sizeof(*st)) == 0 &&
	    !(st->flags & TS_GLUE)) {
		last->len += n;
	} else {
		if (p->nspans == p->cap) {
			p->cap = p->cap ? 2 * p->cap : 8;
			p->spans = xrealloc(p->spans, p->cap * sizeof(*p->spans));
		}
		p->spans[p->nspans].off = p->text.len;
		p->spans[p->nspans].len = n;
		p->spans[p->nspans].st = *st;
		p->nspans++;
	}
	buf_append(&p->text, s, n);
}

void
ts_para_clear(struct ts_para *p)
{
	buf_truncate(&p->text, 0);
	p->nspans = 0;
}

void
ts_para_free(struct ts_para *p)
{
	buf_free(&p->text);
	free(p->spans);
	memset(p, 0, sizeof(*p));
}

void
ts_layout_free(struct ts_layout *l)
{
	free(l->pieces);
	free(l->lines);
	memset(l, 0, sizeof(*l));
}

static int
is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* ----- units ------------------------------------------------------------- */

struct units {
	struct unit	*u;
	size_t		 n, cap;
};

static struct unit *
unit_new(struct units *us)
{
	if (us->n == us->cap) {
		us->cap = us->cap ? 2 * us->cap : 64;
		us->u = xrealloc(us->u, us->cap * sizeof(*us->u));
	}
	memset(&us->u[us->n], 0, sizeof(us->u[0]));
	return &us->u[us->n++];
}

static int
unit_kind(uint32_t cp)
{
	if (cp == '\n')
		return U_NL;
	if (cp == ' ' || cp == '\t')
		return U_SPACE;
	return ts_is_wide(cp) ? U_WIDE : U_LATIN;
}

static void
measure_unit(const struct ts_para *p, const struct ts_opts *o,
    struct unit *u)
{
	const struct ts_style *st = &p->spans[u->span].st;
	double space;

	u->em = st->size;
	if (u->kind == U_NL)
		return;
	u->w = o->measure_fn(o->ctx, st->font, st->size, p->text.data + u->off,
	    u->len);
	if (u->kind != U_WIDE)
		return;
	/* The ink of 「、。」 fills half an em; the rest is space. */
	space = u->w - 0.5 * u->em;
	if (space < 0)
		space = 0;
	switch (ts_punct_class(u->first)) {
	case TS_P_OPEN: u->ab = space; break;
	case TS_P_CLOSE: u->aa = space; break;
	case TS_P_MIDDLE: u->ab = u->aa = space / 2; break;
	default: break;
	}
}

/* Cut unit i in place at the byte offsets cuts[0..n) (ascending, inside
 * the unit); the pieces are marked `split` (1: characters of an
 * over-long word, 2: parts of a URL). */
static void
split_unit(const struct ts_para *p, const struct ts_opts *o,
    struct units *us, size_t i, const size_t *cuts, size_t n, int split)
{
	struct unit	big = us->u[i];
	size_t		k, from;

	for (k = 0; k < n; k++)
		(void)unit_new(us);
	memmove(&us->u[i + n + 1], &us->u[i + 1],
	    (us->n - n - 1 - i) * sizeof(*us->u));
	for (k = 0, from = 0; k <= n; k++) {
		struct unit	*c = &us->u[i + k];
		size_t		 to = k < n ? cuts[k] : big.len, j = 0;

		*c = big;
		c->off = big.off + from;
		c->len = to - from;
		c->first = utf8_next(p->text.data + c->off, c->len, &j);
		c->last = utf8_prev(p->text.data + c->off, c->len);
		c->split = split;
		measure_unit(p, o, c);
		from = to;
	}
}

/* A URL may break after / ? & (not inside its scheme), a mail address
 * after @; a plain word never breaks. */
static size_t
url_cuts(const char *s, size_t n, size_t *cuts)
{
	const char	*scheme = NULL;
	size_t		 k, nc = 0, min = 0;

	for (k = 0; k + 3 <= n; k++)
		if (memcmp(s + k, "://", 3) == 0) {
			scheme = s + k;
			break;
		}
	if (scheme != NULL)
		min = (size_t)(scheme - s) + 3;
	else if (!(n > 4 && memcmp(s, "www.", 4) == 0) &&
	    memchr(s, '@', n) == NULL)
		return 0;
	for (k = min; k + 1 < n; k++)
		if (strchr("/?&@", s[k]) != NULL &&
		    strchr("/?&@", s[k + 1]) == NULL)
			cuts[nc++] = k + 1;
	return nc;
}

/* Cut the paragraph into units and measure them.  URLs are cut into
 * parts; a Latin unit wider than a line is cut into characters (the only
 * place a word may split). */
static void
make_units(const struct ts_para *p, const struct ts_opts *o, struct units *us)
{
	const char	*s = p->text.data;
	size_t		 n = p->text.len, i = 0, sp = 0, nc, *cuts;

	while (i < n) {
		size_t		 at = i;
		uint32_t	 cp = utf8_next(s, n, &i);
		int		 k = unit_kind(cp);
		struct unit	*u;

		while (sp + 1 < p->nspans && at >= p->spans[sp].off +
		    p->spans[sp].len)
			sp++;
		if (k == U_LATIN && us->n > 0 &&
		    us->u[us->n - 1].kind == U_LATIN &&
		    us->u[us->n - 1].span == sp) {
			u = &us->u[us->n - 1];
			u->len = i - u->off;
			u->last = cp;
			continue;
		}
		u = unit_new(us);
		u->off = at;
		u->len = i - at;
		u->span = sp;
		u->kind = k;
		u->first = u->last = cp;
	}
	cuts = xmalloc((n + 1) * sizeof(*cuts));
	for (i = 0; i < us->n; i++) {
		struct unit *u = &us->u[i];

		measure_unit(p, o, u);
		if (u->kind != U_LATIN || u->split == 1)
			continue;
		if (u->split == 0 &&
		    (nc = url_cuts(s + u->off, u->len, cuts)) > 0) {
			split_unit(p, o, us, i, cuts, nc, 2);
			u = &us->u[i];
		}
		if (u->w > o->measure - o->first_indent) {
			size_t j = 0;

			for (nc = 0; (void)utf8_next(s + u->off, u->len, &j),
			    j < u->len; nc++)
				cuts[nc] = j;
			if (nc > 0)
				split_unit(p, o, us, i, cuts, nc, 1);
		}
	}
	free(cuts);
}

/* ----- boundaries -------------------------------------------------------- */

static int
glued(const struct ts_para *p, const struct unit *b)
{
	const struct ts_span *sp = &p->spans[b->span];

	return (sp->st.flags & TS_GLUE) && sp->off == b->off;
}

/* May a line break between a and b (both not spaces)? */
static int
may_break(const struct ts_para *p, const struct unit *a,
    const struct unit *b, unsigned char icu)
{
	if (a->split && b->split && a->span == b->span &&
	    b->off == a->off + a->len)
		return TS_BRK_OK;	/* an over-long word, a URL */
	if (icu == TS_BRK_NO)
		return TS_BRK_NO;
	if (ts_no_line_start(b->first) || ts_no_line_end(a->last))
		return TS_BRK_NO;
	if ((a->last == 0x2026 || a->last == 0x2025) && b->first == a->last)
		return TS_BRK_NO;
	if (glued(p, b))
		return TS_BRK_NO;
	if (a->span == b->span && (p->spans[a->span].st.flags & TS_KEEP))
		return TS_BRK_NO;
	if (a->kind == U_LATIN && b->kind == U_LATIN)
		return TS_BRK_NO;
	if (is_digit(a->last) && b->kind == U_WIDE &&
	    ts_punct_class(b->first) == TS_P_NONE)
		return TS_BRK_NO;	/* a number and its counter */
	return icu;
}

/* Natural space between a and b, and what oikomi may take from it. */
static void
boundary_space(const struct ts_para *p, struct unit *a, const struct unit *b)
{
	enum ts_punct	ca = a->kind == U_WIDE ? ts_punct_class(a->last) :
			    TS_P_NONE;
	enum ts_punct	cb = b->kind == U_WIDE ? ts_punct_class(b->first) :
			    TS_P_NONE;
	double		sa = a->aa, sb = b->ab, keep;

	a->adj = 0;
	a->shrink = 0;
	a->stretch = (!(a->kind == U_LATIN && b->kind == U_LATIN) ||
	    (a->split == 2 && b->split == 2)) &&
	    !glued(p, b) && a->kind != U_NL && b->kind != U_NL;
	if (ca != TS_P_NONE && cb != TS_P_NONE) {
		/* 約物の連続: 」「 keeps half an em, 。」 and 「『 none. */
		if (ca == TS_P_CLOSE && cb == TS_P_OPEN)
			keep = sa > sb ? sa : sb;
		else if (ca == TS_P_MIDDLE || cb == TS_P_MIDDLE)
			keep = sa > sb ? sa : sb;
		else
			keep = 0;
		a->adj = -(sa + sb - keep);
		a->shrink = keep / 2;
	} else if (sa > 0 || sb > 0)
		a->shrink = (sa + sb) / 2;
	else if (((a->kind == U_LATIN && b->kind == U_WIDE &&
	    ts_is_kana_kanji(b->first)) || (a->kind == U_WIDE &&
	    b->kind == U_LATIN && ts_is_kana_kanji(a->last))) &&
	    !glued(p, b) &&
	    p->spans[a->span].st.rise == p->spans[b->span].st.rise) {
		/* 和欧間: a quarter em (of the Japanese side) next to Latin
		 * letters, an eighth next to figures (「2025年」 stays a
		 * date, not three words). */
		double em = a->kind == U_WIDE ? a->em : b->em;
		uint32_t latin = a->kind == U_LATIN ? a->last : b->first;

		a->adj = is_digit(latin) ? em / 8 : em / 4;
		a->shrink = a->adj / 2;
	}
}

/* Break opportunities after every non-space unit, looking past spaces. */
static int
make_boundaries(const struct ts_para *p, struct units *us)
{
	unsigned char	*brk = xmalloc(p->text.len + 1);
	size_t		 i, j;

	if (ts_break_opportunities(p->text.data, p->text.len, brk) == -1) {
		free(brk);
		return -1;
	}
	for (i = 0; i < us->n; i++) {
		struct unit *a = &us->u[i];

		a->next = i + 1;
		a->can = TS_BRK_NO;
		if (i + 1 < us->n)
			boundary_space(p, a, &us->u[i + 1]);
		if (a->kind == U_SPACE || a->kind == U_NL)
			continue;
		for (j = i + 1; j < us->n && us->u[j].kind == U_SPACE; j++)
			;
		if (j == us->n) {
			a->can = TS_BRK_MUST;	/* the paragraph's end */
			a->next = j;
		} else if (us->u[j].kind == U_NL) {
			a->can = TS_BRK_MUST;
			a->next = j + 1;
		} else {
			a->can = may_break(p, a, &us->u[j], brk[us->u[j].off]);
			a->next = j;
		}
	}
	free(brk);
	return 0;
}

/* ----- lines -------------------------------------------------------------- */

static void
push_piece(struct ts_layout *l, const struct unit *u, double x, double cs)
{
	struct ts_piece *pc;

	if (l->npieces == l->pcap) {
		l->pcap = l->pcap ? 2 * l->pcap : 64;
		l->pieces = xrealloc(l->pieces, l->pcap * sizeof(*l->pieces));
	}
	pc = &l->pieces[l->npieces++];
	pc->off = u->off;
	pc->len = u->len;
	pc->span = u->span;
	pc->x = x;
	pc->w = u->w;
	pc->cs = cs;
}

/* Width of units s..e (natural spacing). */
static double
width(const struct units *us, size_t s, size_t e)
{
	double w = 0;
	size_t i;

	for (i = s; i <= e; i++)
		w += us->u[i].w + (i < e ? us->u[i].adj : 0);
	return w;
}

/*
 * Place units s..e as one line starting at x0.  The boundaries s..ce-1
 * get `extra` each if stretchable, or lose `squeeze` of their shrink;
 * a hanging last unit (ce == e - 1) is set after the others.
 */
static void
emit_line(struct ts_layout *l, const struct units *us, size_t s, size_t e,
    size_t ce, double x0, double extra, double squeeze, int how)
{
	struct ts_line	*ln;
	double		 x = x0, gap, prev = 0;
	size_t		 i;

	if (l->nlines == l->lcap) {
		l->lcap = l->lcap ? 2 * l->lcap : 16;
		l->lines = xrealloc(l->lines, l->lcap * sizeof(*l->lines));
	}
	ln = &l->lines[l->nlines++];
	ln->first = l->npieces;
	ln->how = how;
	ln->x = x0;
	for (i = s; i <= e; i++) {
		const struct unit *u = &us->u[i];

		if (u->kind == U_WIDE || u->kind == U_LATIN) {
			struct ts_piece *last = l->npieces > ln->first ?
			    &l->pieces[l->npieces - 1] : NULL;
			const struct unit *pu = i > s ? &us->u[i - 1] : NULL;

			/* Extend the last piece while the spacing is uniform:
			 * wide characters of one span, adjoining, with the
			 * same gap (the PDF's Tc) after each. */
			if (last != NULL && pu != NULL && u->kind == U_WIDE &&
			    pu->kind == U_WIDE && pu->span == u->span &&
			    pu->adj == 0 && last->off + last->len == u->off &&
			    (last->len == pu->len || last->cs == prev)) {
				last->cs = prev;
				last->len += u->len;
				last->w = x + u->w - last->x;
			} else
				push_piece(l, u, x, 0);
		}
		gap = 0;
		if (i < e) {
			gap = u->adj;
			if (i < ce && u->stretch)
				gap += extra;
			if (i < ce)
				gap -= u->shrink * squeeze;
		}
		prev = gap;
		x += u->w + gap;
	}
	ln->n = l->npieces - ln->first;
	if (ln->n > 0) {
		const struct ts_piece *a = &l->pieces[ln->first];
		const struct ts_piece *b = &l->pieces[ln->first + ln->n - 1];

		ln->x = a->x;
		ln->w = b->x + b->w - a->x;
	} else
		ln->w = 0;
}

/* For a title: the last break in s..fit that ends a phrase -- after
 * punctuation, or after hiragana (a particle) before kanji, katakana or
 * Latin -- if the line stays at least 40% full; else fit. */
static size_t
phrase_end(const struct units *us, size_t s, size_t fit, double meas)
{
	size_t e;

	for (e = fit; e > s; e--) {
		const struct unit *a = &us->u[e], *b = &us->u[a->next];
		int hira_a = a->last >= 0x3041 && a->last <= 0x309F;
		int hira_b = b->first >= 0x3041 && b->first <= 0x309F;

		if (width(us, s, e) < 0.4 * meas)
			break;
		if (a->can == TS_BRK_NO || a->next >= us->n)
			continue;
		if (ts_punct_class(a->last) == TS_P_CLOSE ||
		    (hira_a && !hira_b && b->kind != U_SPACE &&
		    ts_punct_class(b->first) != TS_P_CLOSE))
			return e;
	}
	return fit;
}

int
ts_layout(const struct ts_para *p, const struct ts_opts *o,
    struct ts_layout *l)
{
	struct units	 us = { NULL, 0, 0 };
	size_t		 s = 0, e, fit, over, last_ink, i;
	int		 lineno = 0;

	memset(l, 0, sizeof(*l));
	if (p->text.len == 0)
		return 0;
	make_units(p, o, &us);
	if (make_boundaries(p, &us) == -1) {
		free(us.u);
		return -1;
	}
	last_ink = us.n;
	for (i = 0; i < us.n; i++)
		if (us.u[i].kind == U_WIDE || us.u[i].kind == U_LATIN)
			last_ink = i;
	while (s < us.n) {
		double	 x0 = lineno == 0 ? o->first_indent : 0;
		double	 meas = o->measure - x0, w = 0, fitw = 0, overw = 0;
		double	 extra = 0, squeeze = 0, shrink;
		int	 how = 0;
		size_t	 ce, g;

		while (s < us.n && us.u[s].kind == U_SPACE)
			s++;
		if (s >= us.n)
			break;
		if (us.u[s].kind == U_NL) {	/* an empty line */
			emit_line(l, &us, s, s, s, x0, 0, 0, TS_HOW_FORCED);
			s++;
			lineno++;
			continue;
		}
		fit = over = (size_t)-1;
		for (e = s; e < us.n; e++) {
			w += us.u[e].w + (e > s ? us.u[e - 1].adj : 0);
			if (us.u[e].kind == U_SPACE || us.u[e].kind == U_NL ||
			    us.u[e].can == TS_BRK_NO)
				continue;
			if (w <= meas + EPS) {
				fit = e;
				fitw = w;
				if (us.u[e].can == TS_BRK_MUST)
					break;
			} else {
				over = e;
				overw = w;
				break;
			}
		}
		if (over == (size_t)-1) {
			/* Everything to a hard break or the end fits. */
			e = fit;
			how = e >= last_ink ? TS_HOW_LAST : TS_HOW_FORCED;
			ce = e;
			if (o->align == TS_CENTER || o->align == TS_RIGHT)
				x0 += (meas - fitw) / (o->align == TS_CENTER ?
				    2 : 1);
			emit_line(l, &us, s, e, ce, x0, 0, 0, how);
			s = us.u[e].next;
			lineno++;
			continue;
		}
		/* Overflow at unit `over`: burasage, oikomi or oidashi. */
		shrink = 0;
		for (i = s; i < over; i++)
			shrink += us.u[i].shrink;
		shrink += us.u[over].aa;	/* a line-end 」。 */
		if (!o->no_hang && over > s && us.u[over].kind == U_WIDE &&
		    ts_can_hang(us.u[over].first) &&
		    width(&us, s, over - 1) <= meas + EPS &&
		    o->align == TS_JUSTIFY) {
			e = over;
			ce = over - 1;
			how = TS_HOW_HANG;
		} else if (overw - meas <= shrink + EPS && shrink > 0) {
			e = ce = over;
			squeeze = (overw - meas) / shrink;
			how = TS_HOW_SHRINK;
		} else if (fit != (size_t)-1) {
			e = ce = o->phrases ? phrase_end(&us, s, fit, meas) :
			    fit;
			how = TS_HOW_PUSH;
		} else {
			/* Emergency: nothing fits; break where it fills,
			 * kinsoku permitting if it can. */
			size_t best = s, k;

			for (k = s, w = 0; k < over; k++) {
				w += us.u[k].w + (k > s ? us.u[k - 1].adj : 0);
				if (w > meas + EPS)
					break;
				if (us.u[k].kind != U_SPACE &&
				    !ts_no_line_start(us.u[k + 1].first) &&
				    !ts_no_line_end(us.u[k].last))
					best = k;
			}
			e = ce = best;
			how = TS_HOW_SPLIT;
			us.u[e].next = e + 1;
		}
		if (how != TS_HOW_SHRINK && o->align == TS_JUSTIFY) {
			double room = meas - width(&us, s, ce);

			for (g = 0, i = s; i < ce; i++)
				g += us.u[i].stretch;
			if (g > 0 && room > 0)
				extra = room / (double)g;
		}
		emit_line(l, &us, s, e, ce, x0, extra, squeeze, how);
		s = us.u[e].next;
		lineno++;
	}
	free(us.u);
	return 0;
}

void
ts_line_text(const struct ts_para *p, const struct ts_layout *l, size_t i,
    buf *out)
{
	const struct ts_line	*ln = &l->lines[i];
	size_t			 k;

	for (k = ln->first; k < ln->first + ln->n; k++) {
		const struct ts_piece *pc = &l->pieces[k];

		if (k > ln->first) {
			const struct ts_piece *pv = &l->pieces[k - 1];
			size_t end = pv->off + pv->len;

			if (end < pc->off && p->text.data[end] == ' ')
				buf_putc(out, ' ');
		}
		buf_append(out, p->text.data + pc->off, pc->len);
	}
}
