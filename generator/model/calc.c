/*
 * calc.c -- read, check and compile calculator definitions (see calc.h and
 * docs/calculators.md).  Every rule that the scoring core also enforces is
 * checked here first, so that the editor is told where in the YAML the
 * problem is; score_validate() then runs on the result as a last guard.
 */
#include <stdlib.h>
#include <string.h>

#include "../score/score.h"
#include "calc.h"
#include "page_fields.h"

#define FIELD(type_, key, t, fl, ex) \
	{ #key, t, fl, offsetof(type_, key), NULL, NULL, ex }

static const struct field choice_fields[] = {
	FIELD(struct calc_choice, label, F_STRING, F_REQUIRED, "実施している"),
	FIELD(struct calc_choice, points, F_INT, F_REQUIRED, "4"),
};
static const struct schema choice_schema = {
	"choices の項目", choice_fields, 2, sizeof(struct calc_choice)
};

static const struct field item_fields[] = {
	FIELD(struct calc_item, text, F_STRING, F_REQUIRED,
	    "パスワードは破られにくいものにしていますか？"),
	{ "short", F_STRING, 0, offsetof(struct calc_item, short_label), NULL,
	    NULL, "強いパスワード" },
	FIELD(struct calc_item, advice, F_STRING, 0, NULL),
	FIELD(struct calc_item, guide, F_STRING, 0, "../guides/passwords.md"),
	FIELD(struct calc_item, national, F_DECIMAL, 0, "60.9"),
	FIELD(struct calc_item, national_fact, F_SLUG, 0, "shindan-item03-rate"),
};
static const struct schema item_schema = {
	"items の項目", item_fields,
	sizeof(item_fields) / sizeof(item_fields[0]), sizeof(struct calc_item)
};

static const struct field part_fields[] = {
	FIELD(struct calc_part, title, F_STRING, F_REQUIRED, "基本的対策"),
	{ "items", F_LIST, F_REQUIRED, offsetof(struct calc_part, items), NULL,
	    &item_schema, NULL },
};
static const struct schema part_schema = {
	"parts の項目", part_fields, 2, sizeof(struct calc_part)
};

static const struct field band_fields[] = {
	FIELD(struct calc_band, min, F_INT, F_REQUIRED, "70"),
	FIELD(struct calc_band, max, F_INT, F_REQUIRED, "99"),
	FIELD(struct calc_band, label, F_STRING, F_REQUIRED, "あと一歩"),
	FIELD(struct calc_band, message, F_STRING, 0, NULL),
	FIELD(struct calc_band, national, F_DECIMAL, 0, "15.8"),
	FIELD(struct calc_band, national_fact, F_SLUG, 0, "shindan-band-70-99"),
};
static const struct schema band_schema = {
	"bands の項目", band_fields,
	sizeof(band_fields) / sizeof(band_fields[0]), sizeof(struct calc_band)
};

static const struct field req_fields[] = {
	FIELD(struct calc_req, items, F_STRINGS, F_REQUIRED, "[1, 2, 3, 4, 5]"),
	FIELD(struct calc_req, answers, F_STRINGS, F_REQUIRED, "[1, 2]"),
	FIELD(struct calc_req, text, F_STRING, F_REQUIRED,
	    "基本的対策の5項目がすべて「実施」か「一部実施」"),
};
static const struct schema req_schema = {
	"require の項目", req_fields, 3, sizeof(struct calc_req)
};

static const struct field level_fields[] = {
	FIELD(struct calc_level, label, F_STRING, F_REQUIRED, "★一つ星"),
	FIELD(struct calc_level, message, F_STRING, 0, NULL),
	{ "require", F_LIST, F_REQUIRED, offsetof(struct calc_level, require),
	    NULL, &req_schema, NULL },
};
static const struct schema level_schema = {
	"levels の項目", level_fields, 3, sizeof(struct calc_level)
};

static const char *const input_types[] = { "number", "toggle", NULL };

static const struct field input_fields[] = {
	FIELD(struct calc_input, id, F_SLUG, F_REQUIRED, "people"),
	FIELD(struct calc_input, label, F_STRING, F_REQUIRED, "漏えいした件数"),
	FIELD(struct calc_input, unit, F_STRING, 0, "件"),
	{ "type", F_ENUM, 0, offsetof(struct calc_input, type), input_types,
	    NULL, "toggle" },
	FIELD(struct calc_input, help, F_STRING, 0, NULL),
	FIELD(struct calc_input, min, F_INT, 0, "0"),
	FIELD(struct calc_input, max, F_INT, 0, "1000000"),
	{ "default", F_INT, 0, offsetof(struct calc_input, def), NULL, NULL,
	    "1000" },
	FIELD(struct calc_input, step, F_INT, 0, "1"),
};
static const struct schema input_schema = {
	"inputs の項目", input_fields,
	sizeof(input_fields) / sizeof(input_fields[0]),
	sizeof(struct calc_input)
};

static const struct field line_fields[] = {
	FIELD(struct calc_line, label, F_STRING, F_REQUIRED, "事故原因の調査"),
	FIELD(struct calc_line, note, F_STRING, 0, NULL),
	FIELD(struct calc_line, source, F_STRING, F_REQUIRED,
	    "JNSA（IPA 2024年度調査 表2-5 に引用）"),
	FIELD(struct calc_line, min, F_INT, F_REQUIRED, "3000000"),
	FIELD(struct calc_line, max, F_INT, F_REQUIRED, "4000000"),
	FIELD(struct calc_line, per, F_STRINGS, 0, "[people]"),
	FIELD(struct calc_line, divide, F_INT, 0, "10000"),
	FIELD(struct calc_line, when, F_SLUG, 0, "people"),
};
static const struct schema line_schema = {
	"lines の項目", line_fields,
	sizeof(line_fields) / sizeof(line_fields[0]), sizeof(struct calc_line)
};

static const struct field comparison_fields[] = {
	FIELD(struct calc_comparison, mean, F_DECIMAL, 0, "36.6"),
	FIELD(struct calc_comparison, n, F_INT, 0, "4191"),
	FIELD(struct calc_comparison, source, F_STRING, F_REQUIRED,
	    "IPA「2024年度 中小企業における情報セキュリティ対策に関する"
	    "実態調査」表5-7（2025年）"),
	FIELD(struct calc_comparison, mean_fact, F_SLUG, 0,
	    "shindan-score-mean"),
	FIELD(struct calc_comparison, n_fact, F_SLUG, 0,
	    "survey2024-respondents"),
};
static const struct schema comparison_schema = {
	"comparison", comparison_fields,
	sizeof(comparison_fields) / sizeof(comparison_fields[0]),
	sizeof(struct calc_comparison)
};

static const char *const kinds[] = { "score", "checklist", "cost", NULL };

#define LIST(key, sub) \
	{ #key, F_LIST, 0, offsetof(struct calc_meta, key), NULL, &sub, NULL }

static const struct field calc_fields[] = {
	PAGE_FIELDS(struct calc_meta, page),
	{ "kind", F_ENUM, F_REQUIRED, offsetof(struct calc_meta, kind), kinds,
	    NULL, "score" },
	FIELD(struct calc_meta, source, F_STRING, 0, NULL),
	LIST(choices, choice_schema),
	FIELD(struct calc_meta, range, F_STRINGS, 0, "[-25, 100]"),
	LIST(parts, part_schema),
	LIST(items, item_schema),
	LIST(bands, band_schema),
	{ "comparison", F_MAP, 0, offsetof(struct calc_meta, comparison), NULL,
	    &comparison_schema, NULL },
	FIELD(struct calc_meta, advice_for, F_STRINGS, 0, "[3, 4]"),
	LIST(levels, level_schema),
	LIST(inputs, input_schema),
	LIST(lines, line_schema),
};

static const struct schema calc_schema = {
	"計算ツールのフロントマター", calc_fields,
	sizeof(calc_fields) / sizeof(calc_fields[0]), sizeof(struct calc_meta)
};

int
calc_decode(arena *a, struct ydoc *y, struct page *p)
{
	struct calc	*c = ARENA_NEW(a, struct calc);
	int		 errs;

	p->calc = c;
	errs = schema_decode(a, y, ydoc_root(y), &calc_schema, &c->m,
	    src_at(p->src.path, 1, 1));
	p->meta = c->m.page;
	return errs;
}

/* ----- checks ----------------------------------------------------------- */

/* A whole number from a list entry ("3"); reports and returns 0 if not. */
static int
small_int(const fm_str *s, const char *key, long lo, long hi, long *out)
{
	char	*end;
	long	 v;

	v = strtol(s->s, &end, 10);
	if (*s->s == '\0' || *end != '\0' || v < lo || v > hi) {
		diag_error(s->pos, "'%s' には %ld から %ld までの整数を書いて"
		    "ください（'%s' は使えません）", key, lo, hi, s->s);
		return 0;
	}
	*out = v;
	return 1;
}

static int
need(const fm_list *l, const char *key, const char *kind, src_pos where)
{
	if (l->set && l->n > 0)
		return 0;
	diag_error(l->set ? l->pos : where, "kind: %s には '%s' が必要です"
	    "（docs/calculators.md を見てください）", kind, key);
	return 1;
}

static int
forbid(const fm_list *l, const char *key, const char *kind)
{
	if (!l->set)
		return 0;
	diag_error(l->pos, "kind: %s では '%s' は使いません", kind, key);
	return 1;
}

static int
check_percent(const fm_int *v, const char *key)
{
	if (!v->set || (v->v >= 0 && v->v <= 1000))
		return 0;
	diag_error(v->pos, "'%s' は 0 から 100 までの割合（%%）で書いて"
	    "ください", key);
	return 1;
}

static const struct calc_choice default_choices[] = {
	{ { "できている", 15, { NULL, 0, 0 }, 1 }, { 1, { NULL, 0, 0 }, 1 } },
	{ { "まだ", 6, { NULL, 0, 0 }, 1 }, { 0, { NULL, 0, 0 }, 1 } },
};

static int
check_choices(struct calc *c, src_pos where)
{
	size_t	i, j;
	int	errs = 0;

	if (!c->m.choices.set && c->kind == CALC_CHECKLIST) {
		c->choices = (struct calc_choice *)default_choices;
		c->nchoices = 2;
		return 0;
	}
	c->choices = c->m.choices.items;
	c->nchoices = c->m.choices.n;
	if (c->nchoices < 2 || c->nchoices > SCORE_MAX_CHOICES) {
		diag_error(c->m.choices.set ? c->m.choices.pos : where,
		    "choices（答えの選択肢）は 2 個から %d 個までにしてください"
		    "（いま %zu 個）", SCORE_MAX_CHOICES, c->nchoices);
		return 1;
	}
	for (i = 0; i < c->nchoices; i++) {
		const struct calc_choice *ch = &c->choices[i];

		if (!ch->points.set || !ch->label.set)
			return 1;	/* already reported */
		if (ch->points.v < -SCORE_MAX_POINTS ||
		    ch->points.v > SCORE_MAX_POINTS) {
			diag_error(ch->points.pos, "points は -%d から %d まで"
			    "にしてください", SCORE_MAX_POINTS,
			    SCORE_MAX_POINTS);
			errs++;
		} else if (i > 0 && ch->points.v >= c->choices[0].points.v) {
			diag_error(ch->points.pos, "選択肢「%s」の points（%lld）"
			    "が最初の選択肢「%s」（%lld）以上です。最初の選択肢"
			    "をいちばん良い答え（いちばん高い点）にしてください",
			    ch->label.s, ch->points.v, c->choices[0].label.s,
			    c->choices[0].points.v);
			errs++;
		}
		for (j = 0; j < i; j++)
			if (strcmp(c->choices[j].label.s, ch->label.s) == 0) {
				diag_error(ch->label.pos, "選択肢「%s」が2回"
				    "あります", ch->label.s);
				errs++;
			}
	}
	return errs;
}

/* Flatten parts (or a lone items: list) into c->items. */
static int
collect_items(arena *a, struct calc *c, src_pos where)
{
	static struct calc_part lone;
	size_t	i, j, n = 0;

	if (c->m.parts.set && c->m.items.set) {
		diag_error(c->m.items.pos, "parts と items は一緒に使えません。"
		    "項目は parts の中の items に書いてください");
		return 1;
	}
	if (c->m.items.set) {
		struct calc_part *one = ARENA_NEW(a, struct calc_part);

		*one = lone;
		one->items = c->m.items;
		c->parts = one;
		c->nparts = 1;
	} else {
		c->parts = c->m.parts.items;
		c->nparts = c->m.parts.n;
	}
	if (c->nparts == 0) {
		diag_error(c->m.parts.set ? c->m.parts.pos : where,
		    "質問の項目がありません。parts か items を書いてください");
		return 1;
	}
	if (c->nparts > SCORE_MAX_PARTS) {
		diag_error(c->m.parts.pos, "parts は %d 個までにしてください",
		    SCORE_MAX_PARTS);
		return 1;
	}
	for (i = 0; i < c->nparts; i++) {
		if (c->parts[i].items.n == 0) {
			diag_error(c->parts[i].items.set ?
			    c->parts[i].items.pos : c->parts[i].title.pos,
			    "part「%s」に項目がありません",
			    c->parts[i].title.s ? c->parts[i].title.s : "");
			return 1;
		}
		n += c->parts[i].items.n;
	}
	if (n > SCORE_MAX_ITEMS) {
		diag_error(c->m.parts.set ? c->m.parts.pos : c->m.items.pos,
		    "項目は %d 個までにしてください（いま %zu 個）",
		    SCORE_MAX_ITEMS, n);
		return 1;
	}
	c->items = ARENA_ARRAY(a, struct calc_item *, n);
	for (i = 0; i < c->nparts; i++)
		for (j = 0; j < c->parts[i].items.n; j++) {
			struct calc_item *it =
			    (struct calc_item *)c->parts[i].items.items + j;

			it->part = (int)i;
			it->number = (int)c->nitems + 1;
			c->items[c->nitems++] = it;
		}
	return 0;
}

static int
check_bands(struct calc *c)
{
	size_t	i;
	long	sum = 0;
	int	errs = 0, any = 0;

	if (c->m.bands.n > SCORE_MAX_BANDS) {
		diag_error(c->m.bands.pos, "bands は %d 個までにしてください",
		    SCORE_MAX_BANDS);
		return 1;
	}
	for (i = 0; i < c->m.bands.n; i++) {
		struct calc_band *b = (struct calc_band *)c->m.bands.items + i;

		if (!b->min.set || !b->max.set)
			return 1;	/* reported */
		if (b->min.v > b->max.v) {
			diag_error(b->min.pos, "バンド「%s」の min（%lld）が "
			    "max（%lld）より大きくなっています", b->label.s ?
			    b->label.s : "", b->min.v, b->max.v);
			errs++;
			continue;
		}
		if (b->min.v < c->lo || b->max.v > c->hi) {
			diag_error(b->min.v < c->lo ? b->min.pos : b->max.pos,
			    "バンド「%s」（%lld〜%lld点）が、とりうる点数 %lld〜"
			    "%lld点 の外にはみ出しています", b->label.s ?
			    b->label.s : "", b->min.v, b->max.v,
			    (long long)c->lo, (long long)c->hi);
			errs++;
		}
		errs += check_percent(&b->national, "national");
		if (b->national.set) {
			sum += (long)b->national.v;
			any++;
		}
	}
	if (errs)
		return errs;
	/* Overlaps, then gaps (the same walk as the core's). */
	for (i = 1; i < c->m.bands.n; i++) {
		struct calc_band *b = (struct calc_band *)c->m.bands.items + i;
		size_t j;

		for (j = 0; j < i; j++) {
			struct calc_band *o =
			    (struct calc_band *)c->m.bands.items + j;

			if (b->min.v <= o->max.v && o->min.v <= b->max.v) {
				diag_error(b->min.pos, "バンド「%s」（%lld〜%lld"
				    "点）がバンド「%s」（%lld〜%lld点）と重なって"
				    "います", b->label.s, b->min.v, b->max.v,
				    o->label.s, o->min.v, o->max.v);
				return 1;
			}
		}
	}
	if (c->m.bands.n > 0) {
		long long t = c->lo;

		while (t <= c->hi) {
			struct calc_band *hit = NULL;

			for (i = 0; i < c->m.bands.n; i++) {
				struct calc_band *b =
				    (struct calc_band *)c->m.bands.items + i;

				if (b->min.v <= t && t <= b->max.v)
					hit = b;
			}
			if (hit == NULL) {
				long long u = t;

				/* The whole gap, for a helpful message. */
				for (;;) {
					int covered = 0;

					for (i = 0; i < c->m.bands.n; i++) {
						struct calc_band *b = (struct
						    calc_band *)c->m.bands.items
						    + i;

						if (b->min.v <= u + 1 &&
						    u + 1 <= b->max.v)
							covered = 1;
					}
					if (covered || u + 1 > c->hi)
						break;
					u++;
				}
				if (u == t)
					diag_error(c->m.bands.pos, "%lld点 が"
					    "どのバンドにも入っていません。"
					    "bands は %lld〜%lld点 のすべてを"
					    "すき間なく覆ってください", t,
					    (long long)c->lo,
					    (long long)c->hi);
				else
					diag_error(c->m.bands.pos, "%lld〜%lld"
					    "点 がどのバンドにも入っていません。"
					    "bands は %lld〜%lld点 のすべてを"
					    "すき間なく覆ってください", t, u,
					    (long long)c->lo,
					    (long long)c->hi);
				return 1;
			}
			t = hit->max.v + 1;
		}
	}
	if (any > 0 && any != (int)c->m.bands.n) {
		diag_error(c->m.bands.pos, "national はすべてのバンドに書くか、"
		    "どれにも書かないでください");
		return 1;
	}
	if (any > 0 && (sum < 998 || sum > 1002)) {
		diag_error(c->m.bands.pos, "バンドの national の合計が %ld.%ld%% "
		    "です。合計は 100%% になるはずです", sum / 10, sum % 10);
		return 1;
	}
	return 0;
}

/* Item numbers of a requirement -> contiguous ranges. */
static int
check_levels(struct calc *c, int *nreqs)
{
	size_t	i, j, k;
	int	errs = 0;

	*nreqs = 0;
	if (c->m.levels.n > SCORE_MAX_LEVELS) {
		diag_error(c->m.levels.pos, "levels は %d 個までにしてください",
		    SCORE_MAX_LEVELS);
		return 1;
	}
	for (i = 0; i < c->m.levels.n; i++) {
		struct calc_level *lv = (struct calc_level *)c->m.levels.items + i;

		for (j = 0; j < lv->require.n; j++) {
			struct calc_req *r = (struct calc_req *)lv->require.items
			    + j;
			long v, prev = -10;

			if (!r->items.set || !r->answers.set)
				return 1;
			if (r->items.n == 0 || r->answers.n == 0) {
				diag_error(r->items.n == 0 ? r->items.pos :
				    r->answers.pos, "items と answers には"
				    "1つ以上の番号を書いてください");
				errs++;
				continue;
			}
			for (k = 0; k < r->items.n; k++) {
				if (!small_int(&r->items.items[k], "items", 1,
				    (long)c->nitems, &v)) {
					errs++;
					break;
				}
				if (v <= prev) {
					diag_error(r->items.items[k].pos,
					    "items の番号は小さい順に、重ならない"
					    "ように書いてください");
					errs++;
					break;
				}
				if (v != prev + 1)
					(*nreqs)++;
				prev = v;
			}
			for (k = 0; k < r->answers.n; k++)
				if (!small_int(&r->answers.items[k], "answers",
				    1, (long)c->nchoices, &v))
					errs++;
		}
	}
	if (*nreqs > SCORE_MAX_REQS) {
		diag_error(c->m.levels.pos, "levels の条件が多すぎます");
		errs++;
	}
	return errs;
}

static const struct calc_input *
input_by_id(const struct calc *c, const char *id, int *index)
{
	size_t i;

	for (i = 0; i < c->m.inputs.n; i++) {
		const struct calc_input *in =
		    (const struct calc_input *)c->m.inputs.items + i;

		if (in->id.s != NULL && strcmp(in->id.s, id) == 0) {
			*index = (int)i;
			return in;
		}
	}
	return NULL;
}

static int
check_cost(struct calc *c)
{
	size_t	i, j;
	int	errs = 0, idx;

	if (c->m.inputs.n > SCORE_MAX_INPUTS || c->m.lines.n > SCORE_MAX_LINES) {
		diag_error(c->m.inputs.n > SCORE_MAX_INPUTS ? c->m.inputs.pos :
		    c->m.lines.pos, "inputs は %d 個、lines は %d 個までに"
		    "してください", SCORE_MAX_INPUTS, SCORE_MAX_LINES);
		return 1;
	}
	for (i = 0; i < c->m.inputs.n; i++) {
		struct calc_input *in = (struct calc_input *)c->m.inputs.items + i;
		int toggle = in->type.s != NULL && strcmp(in->type.s, "toggle") == 0;

		if (in->id.s == NULL)
			return 1;
		for (j = 0; j < i; j++)
			if (strcmp(((struct calc_input *)c->m.inputs.items)[j]
			    .id.s, in->id.s) == 0) {
				diag_error(in->id.pos, "input の id '%s' が2回"
				    "あります", in->id.s);
				errs++;
			}
		if (toggle) {
			if (in->min.set || in->max.set) {
				diag_error(in->min.set ? in->min.pos :
				    in->max.pos, "type: toggle には min と max "
				    "は書きません（0 か 1 です）");
				errs++;
			}
			in->min.v = 0;
			in->max.v = 1;
			if (!in->def.set)
				in->def.v = 0;
		} else {
			if (!in->max.set) {
				diag_error(in->id.pos, "input '%s' に max（入力"
				    "できるいちばん大きい数）を書いてください",
				    in->id.s);
				errs++;
				continue;
			}
			if (!in->def.set)
				in->def.v = in->min.v;
		}
		if (in->min.v < 0 || in->max.v > SCORE_MAX_AMOUNT ||
		    in->min.v > in->max.v) {
			diag_error(in->min.set ? in->min.pos : in->max.pos,
			    "input '%s' の範囲は 0 から %d までで、min ≦ max "
			    "にしてください", in->id.s, SCORE_MAX_AMOUNT);
			errs++;
		} else if (in->def.v < in->min.v || in->def.v > in->max.v) {
			diag_error(in->def.pos, "input '%s' の default（%lld）が"
			    " min〜max（%lld〜%lld）の外です", in->id.s,
			    in->def.v, in->min.v, in->max.v);
			errs++;
		}
		if (in->step.set && in->step.v < 1) {
			diag_error(in->step.pos, "step は 1 以上にしてください");
			errs++;
		}
	}
	for (i = 0; i < c->m.lines.n; i++) {
		struct calc_line *l = (struct calc_line *)c->m.lines.items + i;

		if (!l->min.set || !l->max.set)
			return 1;
		if (l->min.v < 0 || l->max.v > SCORE_MAX_AMOUNT ||
		    l->min.v > l->max.v) {
			diag_error(l->min.v > l->max.v || l->min.v < 0 ?
			    l->min.pos : l->max.pos, "「%s」の金額は 0〜%d 円"
			    "で、min ≦ max にしてください", l->label.s,
			    SCORE_MAX_AMOUNT);
			errs++;
		}
		if (l->per.n > 2) {
			diag_error(l->per.pos, "per に書ける input は 2 つまで"
			    "です");
			errs++;
		}
		for (j = 0; j < l->per.n && j < 2; j++)
			if (input_by_id(c, l->per.items[j].s, &idx) == NULL) {
				diag_error(l->per.items[j].pos, "per の '%s' と"
				    "いう input がありません",
				    l->per.items[j].s);
				errs++;
			}
		if (l->when.set && input_by_id(c, l->when.s, &idx) == NULL) {
			diag_error(l->when.pos, "when の '%s' という input が"
			    "ありません", l->when.s);
			errs++;
		}
		if (l->divide.set && (l->divide.v < 1 ||
		    l->divide.v > SCORE_MAX_AMOUNT)) {
			diag_error(l->divide.pos, "divide は 1 以上の整数に"
			    "してください");
			errs++;
		}
	}
	return errs;
}

/* ----- compile ---------------------------------------------------------- */

static void
emit(struct calc *c, size_t *at, long long v)
{
	c->prog[(*at)++] = (int32_t)v;
}

static void
build_program(arena *a, struct calc *c, int nreqs)
{
	size_t	i, j, k, at = 0, words;
	int	idx;

	words = SCORE_HEADER_WORDS + (c->kind == CALC_COST ? 0 : c->nchoices) +
	    c->nitems + 2 * c->m.bands.n + c->m.levels.n + 3 * (size_t)nreqs +
	    3 * c->m.inputs.n + 7 * c->m.lines.n;
	c->prog = ARENA_ARRAY(a, int32_t, words);
	c->words = (uint32_t)words;
	emit(c, &at, SCORE_MAGIC);
	emit(c, &at, c->kind == CALC_COST ? 0 : (long long)c->nchoices);
	emit(c, &at, (long long)c->nitems);
	emit(c, &at, (long long)(c->kind == CALC_COST ? 0 : c->nparts));
	emit(c, &at, (long long)c->m.bands.n);
	emit(c, &at, (long long)c->m.levels.n);
	emit(c, &at, nreqs);
	emit(c, &at, (long long)c->m.inputs.n);
	emit(c, &at, (long long)c->m.lines.n);
	if (c->kind != CALC_COST)
		for (i = 0; i < c->nchoices; i++)
			emit(c, &at, c->choices[i].points.v);
	for (i = 0; i < c->nitems; i++)
		emit(c, &at, c->items[i]->part);
	for (i = 0; i < c->m.bands.n; i++) {
		struct calc_band *b = (struct calc_band *)c->m.bands.items + i;

		emit(c, &at, b->min.v);
		emit(c, &at, b->max.v);
	}
	/* Requirements per level, counted as ranges. */
	for (i = 0; i < c->m.levels.n; i++) {
		struct calc_level *lv = (struct calc_level *)c->m.levels.items + i;
		long n = 0;

		for (j = 0; j < lv->require.n; j++) {
			struct calc_req *r = (struct calc_req *)lv->require.items
			    + j;
			long prev = -10;

			for (k = 0; k < r->items.n; k++) {
				long v = strtol(r->items.items[k].s, NULL, 10);

				if (v != prev + 1)
					n++;
				prev = v;
			}
		}
		emit(c, &at, n);
	}
	for (i = 0; i < c->m.levels.n; i++) {
		struct calc_level *lv = (struct calc_level *)c->m.levels.items + i;

		for (j = 0; j < lv->require.n; j++) {
			struct calc_req *r = (struct calc_req *)lv->require.items
			    + j;
			long mask = 0, first = -1, prev = -10;

			for (k = 0; k < r->answers.n; k++)
				mask |= 1L << (strtol(r->answers.items[k].s,
				    NULL, 10) - 1);
			for (k = 0; k <= r->items.n; k++) {
				long v = k < r->items.n ?
				    strtol(r->items.items[k].s, NULL, 10) : -1;

				if (v != prev + 1 && first >= 0) {
					emit(c, &at, first - 1);
					emit(c, &at, prev - first + 1);
					emit(c, &at, mask);
				}
				if (v != prev + 1)
					first = v;
				prev = v;
			}
		}
	}
	for (i = 0; i < c->m.inputs.n; i++) {
		struct calc_input *in = (struct calc_input *)c->m.inputs.items + i;

		emit(c, &at, in->min.v);
		emit(c, &at, in->max.v);
		emit(c, &at, in->def.v);
	}
	for (i = 0; i < c->m.lines.n; i++) {
		struct calc_line *l = (struct calc_line *)c->m.lines.items + i;

		emit(c, &at, l->min.v);
		emit(c, &at, l->max.v);
		for (j = 0; j < 2; j++)
			emit(c, &at, j < l->per.n && input_by_id(c,
			    l->per.items[j].s, &idx) ? idx : -1);
		emit(c, &at, l->divide.set ? l->divide.v : 1);
		emit(c, &at, l->when.set && input_by_id(c, l->when.s, &idx) ?
		    idx : -1);
		emit(c, &at, 0);
	}
}

static const char *
markdown(struct site *s, struct page *p, const fm_str *str, int inl, int *errs)
{
	buf	out = BUF_INIT;
	char	*r;

	if (!str->set)
		return NULL;
	*errs += site_markdown(s, p, str, inl, &out);
	r = arena_strndup(&s->a, buf_str(&out), out.len);
	buf_free(&out);
	return r;
}

static int
compile_text(struct site *s, struct page *p, struct calc *c)
{
	size_t	i;
	int	errs = 0;

	c->source_html = markdown(s, p, &c->m.source, 1, &errs);
	for (i = 0; i < c->nitems; i++) {
		struct calc_item *it = c->items[i];

		it->advice_html = markdown(s, p, &it->advice, 0, &errs);
		if (it->guide.set) {
			buf url = BUF_INIT;
			struct page *g = site_link_page(s, p, &it->guide, &url);

			if (g != NULL) {
				it->guide_url = arena_strdup(&s->a, buf_str(&url));
				it->guide_title = g->meta.title.s;
			} else
				errs++;
			buf_free(&url);
		}
	}
	for (i = 0; i < c->m.bands.n; i++) {
		struct calc_band *b = (struct calc_band *)c->m.bands.items + i;

		b->message_html = markdown(s, p, &b->message, 0, &errs);
	}
	for (i = 0; i < c->m.levels.n; i++) {
		struct calc_level *l = (struct calc_level *)c->m.levels.items + i;

		l->message_html = markdown(s, p, &l->message, 0, &errs);
	}
	for (i = 0; i < c->m.lines.n; i++) {
		struct calc_line *l = (struct calc_line *)c->m.lines.items + i;

		l->source_html = markdown(s, p, &l->source, 1, &errs);
	}
	return errs;
}

/* A `*_fact` key: the number comes from content/facts.yaml (and the page
 * cites its source).  percent: 0 a whole number, 1 a percentage (x 10),
 * 2 any decimal (x 10). */
static int
from_fact(struct site *s, struct page *p, const fm_str *id, fm_int *v,
    const char *key, int percent, const char **text, int *cite)
{
	struct fact	*f;
	long long	 x;

	if (!id->set)
		return 0;
	if (v->set) {
		diag_error(id->pos, "%s と %s_fact はどちらか一方だけを書いて"
		    "ください", key, key);
		return 1;
	}
	f = (struct fact *)facts_find(s, id->s, id->len);
	if (f == NULL) {
		diag_error(id->pos, "数字 '%s' が content/facts.yaml にあり"
		    "ません", id->s);
		return 1;
	}
	x = fact_value_x10(f);
	if (percent == 1 && (f->unit.s == NULL ||
	    strcmp(f->unit.s, "%") != 0)) {
		diag_error(id->pos, "数字 '%s' は %% ではありません（単位: %s）",
		    id->s, f->unit.s ? f->unit.s : "なし");
		return 1;
	}
	if (x < 0 || (percent == 0 && x % 10 != 0)) {
		diag_error(id->pos, "数字 '%s'（%s）は %s に使えません", id->s,
		    f->value.s, key);
		return 1;
	}
	v->v = percent ? x : x / 10;	/* 2: a decimal, kept x 10 */
	v->pos = id->pos;
	v->set = 1;
	if (text != NULL)
		*text = f->value.s;
	*cite = facts_use(p, f);
	return 0;
}

static int
resolve_facts(struct site *s, struct page *p, struct calc *c)
{
	struct calc_comparison	*cmp = &c->m.comparison;
	size_t			 i;
	int			 errs = 0;

	for (i = 0; i < c->nitems; i++)
		errs += from_fact(s, p, &c->items[i]->national_fact,
		    &c->items[i]->national, "national", 1,
		    &c->items[i]->national_text, &c->items[i]->national_cite);
	for (i = 0; i < c->m.bands.n; i++) {
		struct calc_band *b = (struct calc_band *)c->m.bands.items + i;

		errs += from_fact(s, p, &b->national_fact, &b->national,
		    "national", 1, &b->national_text, &b->national_cite);
	}
	if (cmp->source.set) {
		errs += from_fact(s, p, &cmp->mean_fact, &cmp->mean, "mean", 2,
		    NULL, &cmp->mean_cite);
		errs += from_fact(s, p, &cmp->n_fact, &cmp->n, "n", 0, NULL,
		    &cmp->n_cite);
		if (!cmp->mean.set || !cmp->n.set) {
			diag_error(cmp->source.pos, "comparison には mean（または"
			    " mean_fact）と n（または n_fact）を書いてください");
			errs++;
		}
	}
	return errs;
}

static int
check_nationals(struct calc *c)
{
	size_t	i;
	int	any = 0;

	for (i = 0; i < c->nitems; i++)
		any |= c->items[i]->national.set;
	for (i = 0; i < c->m.bands.n; i++)
		any |= ((struct calc_band *)c->m.bands.items)[i].national.set;
	if (any && !c->m.comparison.source.set) {
		diag_error(c->m.bands.set ? c->m.bands.pos : c->m.parts.pos,
		    "national（全国の割合）を書くときは、出典として "
		    "comparison:（mean, n, source）も書いてください");
		return 1;
	}
	return 0;
}

static int
check_range(struct calc *c)
{
	long	v[2];

	if (!c->m.range.set)
		return 0;
	if (c->m.range.n != 2) {
		diag_error(c->m.range.pos, "range には [いちばん低い点, "
		    "いちばん高い点] の2つを書いてください");
		return 1;
	}
	if (!small_int(&c->m.range.items[0], "range", -200000, 200000, &v[0]) ||
	    !small_int(&c->m.range.items[1], "range", -200000, 200000, &v[1]))
		return 1;
	if (v[0] != c->lo || v[1] != c->hi) {
		diag_error(c->m.range.pos, "range は [%ld, %ld] ですが、"
		    "choices の点数と項目の数から計算すると %lld〜%lld点 "
		    "です", v[0], v[1], (long long)c->lo, (long long)c->hi);
		return 1;
	}
	return 0;
}

static unsigned
advice_mask(struct calc *c, int *errs)
{
	unsigned	mask = 0;
	size_t		i;
	long		v;
	int		positive = 0;

	if (c->m.advice_for.set) {
		for (i = 0; i < c->m.advice_for.n; i++)
			if (small_int(&c->m.advice_for.items[i], "advice_for",
			    1, (long)c->nchoices, &v))
				mask |= 1u << (v - 1);
			else
				(*errs)++;
		return mask;
	}
	/* Default: answers worth nothing or less (実施していない, わからない);
	 * on a scale with no positive points, every answer but the best. */
	for (i = 0; i < c->nchoices; i++)
		positive |= c->choices[i].points.v > 0;
	for (i = 1; i < c->nchoices; i++)
		if (!positive || c->choices[i].points.v <= 0)
			mask |= 1u << i;
	return mask;
}

int
calc_compile(struct site *s, struct page *p)
{
	struct calc	*c = p->calc;
	src_pos		 where = c->m.kind.pos;
	size_t		 before = diag_error_count(), i;
	int		 errs = 0, nreqs = 0;
	int32_t		 rc, at;

	if (c->m.kind.s == NULL)
		return 1;	/* reported while loading */
	c->kind = strcmp(c->m.kind.s, "cost") == 0 ? CALC_COST :
	    strcmp(c->m.kind.s, "checklist") == 0 ? CALC_CHECKLIST : CALC_SCORE;
	if (c->kind == CALC_COST) {
		errs += need(&c->m.inputs, "inputs", "cost", where);
		errs += need(&c->m.lines, "lines", "cost", where);
		errs += forbid(&c->m.choices, "choices", "cost");
		errs += forbid(&c->m.parts, "parts", "cost");
		errs += forbid(&c->m.items, "items", "cost");
		errs += forbid(&c->m.bands, "bands", "cost");
		errs += forbid(&c->m.levels, "levels", "cost");
		if (errs == 0)
			errs += check_cost(c);
	} else {
		const char *k = c->kind == CALC_SCORE ? "score" : "checklist";

		if (c->kind == CALC_SCORE) {
			errs += need(&c->m.choices, "choices", k, where);
			errs += need(&c->m.bands, "bands", k, where);
		}
		errs += forbid(&c->m.inputs, "inputs", k);
		errs += forbid(&c->m.lines, "lines", k);
		if (errs == 0)
			errs += check_choices(c, where);
		if (errs == 0)
			errs += collect_items(&s->a, c, where);
		if (errs == 0) {
			long long best = c->choices[0].points.v, worst = best;

			for (i = 0; i < c->nchoices; i++)
				if (c->choices[i].points.v < worst)
					worst = c->choices[i].points.v;
			c->lo = worst * (long long)c->nitems;
			c->hi = best * (long long)c->nitems;
			errs += resolve_facts(s, p, c);
			if (c->m.comparison.mean.set &&
			    (c->m.comparison.mean.v < c->lo * 10 ||
			    c->m.comparison.mean.v > c->hi * 10)) {
				diag_error(c->m.comparison.mean.pos, "mean（平均"
				    "点）は とりうる点数 %lld〜%lld点 の中の数に"
				    "してください", (long long)c->lo,
				    (long long)c->hi);
				errs++;
			}
			errs += check_range(c);
			errs += check_bands(c);
			errs += check_levels(c, &nreqs);
			errs += check_nationals(c);
			for (i = 0; i < c->nitems; i++)
				errs += check_percent(&c->items[i]->national,
				    "national");
			c->advice_mask = advice_mask(c, &errs);
		}
	}
	if (errs == 0)
		errs += compile_text(s, p, c);
	if (errs != 0 || diag_error_count() != before)
		return errs ? errs : 1;
	build_program(&s->a, c, nreqs);
	rc = score_validate(c->prog, c->words, &at);
	if (rc != SCORE_OK) {
		/* Every rule is checked above; reaching this is our bug. */
		diag_error(where, "計算ツールの変換に失敗しました（内部エラー "
		    "%d、位置 %d）。この定義ファイルを添えて開発者に知らせて"
		    "ください", (int)rc, (int)at);
		return 1;
	}
	c->ok = 1;
	return 0;
}
