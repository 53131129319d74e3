/*
 * test_chart.c -- the charts module (generator/chart/): values, checks,
 * layout through a recording backend, the SVG and the data table.
 *
 * The charts are those of content/facts.yaml's groups, copied here so
 * that the test does not depend on the content.
 *
 * Output: "ok - chart/<case>" or "not ok - chart/<case>" with "# "
 * details; the last line is "# chart: N passed, M failed".
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../generator/chart/chart.h"
#include "../../generator/chart/chart_svg.h"

#define TAP_SUITE "chart"
#include "tap.h"

static int
near(double a, double b)
{
	return a - b < 1e-6 && b - a < 1e-6;
}

/* ----- fixtures: groups of content/facts.yaml ------------------------------ */

#define IPA2024 "IPA「2024年度 中小企業における情報セキュリティ対策に関する" \
	"実態調査 報告書」図5-45（2025年）"

static const struct chart_item bands_items[] = {
	{ "100点", "6", 0 }, { "70〜99点", "15.8", 0 },
	{ "50〜69点", "15.6", 0 }, { "49点以下", "62.6", 1 },
};
static const struct chart bands = {
	CHART_STACK, "自社診断の合計点の分布", "%", IPA2024, bands_items, 4
};

static const struct chart_item trend_items[] = {
	{ "2016年度", "55.2", 0 }, { "2021年度", "33.1", 0 },
	{ "2024年度", "62.6", 1 },
};
static const struct chart trend = {
	CHART_COLUMN, "情報セキュリティ対策投資を行っていない企業の割合", "%",
	"IPA「2024年度 中小企業における情報セキュリティ対策に関する実態調査"
	" 報告書」図3-180（2025年）", trend_items, 3
};

static const struct chart_item short_items[] = {
	{ "ウイルス感染", "14.8", 1 }, { "不正アクセス", "10.0", 0 },
	{ "ランサムウェア", "8.3", 0 }, { "内部不正", "2.4", 0 },
};
static const struct chart short_bars = {
	CHART_BAR, "2023年度に起きたインシデント", "%", NULL, short_items, 4
};

static const struct chart_item long_items[] = {
	{ "重要情報を保有していない", "36.5", 0 },
	{ "他社とネットワーク接続がない", "31.6", 0 },
	{ "事業継続に大きな影響がない", "25.9", 0 },
	{ "被害にあうと思わない", "24.0", 0 },
};
static const struct chart long_bars = {
	CHART_BAR, "必要性を感じていない理由", "%", IPA2024, long_items, 4
};

static const struct chart_item yen_items[] = {
	{ "ランサムウェア", "2,386", 0 }, { "エモテット", "1,030", 0 },
	{ "Web漏えい（個人情報）", "2,955", 0 },
	{ "Web漏えい（カード情報含む）", "3,843", 1 },
};
static const struct chart yen_bars = {
	CHART_BAR, "被害組織の平均被害額", "万円", "JNSA", yen_items, 4
};

static const struct chart_item nasty_items[] = {
	{ "A<B&\"C'", "1,000", 1 }, { "</text><script>", "250", 0 },
};
static const struct chart nasty = {
	CHART_BAR, "タイトル<&\">", "社", "出典<&>", nasty_items, 2
};

static const struct chart *const samples[] = {
	&bands, &trend, &short_bars, &long_bars, &yen_bars, &nasty
};
#define NSAMPLES (sizeof(samples) / sizeof(samples[0]))

/* ----- a recording backend ------------------------------------------------- */

enum call_kind { C_BEGIN, C_RECT, C_LINE, C_TEXT, C_END };

struct call {
	enum call_kind		 kind;
	double			 x, y, w, h;	/* line: x1 y1 x2 y2 */
	double			 size, width;
	uint32_t		 color;
	enum chart_anchor	 anchor;
	int			 weight;
	char			 text[256];
};

struct rec {
	struct call	 calls[512];
	size_t		 n;
	int		 measured;	/* calls of measure */
	double		 em_scale;	/* measure: em per character, 0: none */
};

static struct call *
rec_add(struct rec *r, enum call_kind k)
{
	struct call *c;

	if (r->n == sizeof(r->calls) / sizeof(r->calls[0])) {
		fprintf(stderr, "test_chart: too many calls\n");
		exit(2);
	}
	c = &r->calls[r->n++];
	memset(c, 0, sizeof(*c));
	c->kind = k;
	return c;
}

static void
rec_begin(void *ctx, double width, double height)
{
	struct call *c = rec_add(ctx, C_BEGIN);

	c->w = width;
	c->h = height;
}

static void
rec_rect(void *ctx, double x, double y, double w, double h, uint32_t fill)
{
	struct call *c = rec_add(ctx, C_RECT);

	c->x = x;
	c->y = y;
	c->w = w;
	c->h = h;
	c->color = fill;
}

static void
rec_line(void *ctx, double x1, double y1, double x2, double y2,
    uint32_t stroke, double width)
{
	struct call *c = rec_add(ctx, C_LINE);

	c->x = x1;
	c->y = y1;
	c->w = x2;
	c->h = y2;
	c->color = stroke;
	c->width = width;
}

static void
rec_text(void *ctx, double x, double y, double size, enum chart_anchor a,
    int weight, uint32_t color, const char *utf8)
{
	struct call *c = rec_add(ctx, C_TEXT);

	c->x = x;
	c->y = y;
	c->size = size;
	c->anchor = a;
	c->weight = weight;
	c->color = color;
	snprintf(c->text, sizeof(c->text), "%s", utf8);
}

static void
rec_end(void *ctx)
{
	(void)rec_add(ctx, C_END);
}

/* A fixed-pitch font: every character em_scale em wide. */
static double
rec_measure(void *ctx, double size, int weight, const char *s, size_t len)
{
	struct rec	*r = ctx;
	size_t		 i, chars = 0;

	(void)weight;
	r->measured++;
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			chars++;
	return (double)chars * r->em_scale * size;
}

static const struct draw_ops rec_ops = {
	rec_begin, rec_rect, rec_line, rec_text, rec_end, NULL
};
static const struct draw_ops rec_ops_measure = {
	rec_begin, rec_rect, rec_line, rec_text, rec_end, rec_measure
};

static int
record(const struct chart *c, double width, struct rec *r)
{
	memset(r, 0, sizeof(*r));
	return chart_layout(c, width, &rec_ops, r);
}

/* The i-th call of this kind, or NULL. */
static const struct call *
nth(const struct rec *r, enum call_kind k, size_t i)
{
	size_t j;

	for (j = 0; j < r->n; j++)
		if (r->calls[j].kind == k && i-- == 0)
			return &r->calls[j];
	return NULL;
}

static const struct call *
find_text(const struct rec *r, const char *s)
{
	size_t j;

	for (j = 0; j < r->n; j++)
		if (r->calls[j].kind == C_TEXT && strcmp(r->calls[j].text, s) == 0)
			return &r->calls[j];
	return NULL;
}

/* The horizontal extent of a text call, by the approximate measure. */
static void
text_extent(const struct call *t, double *x1, double *x2)
{
	double w = chart_measure_approx(t->size, t->text, strlen(t->text));

	*x1 = t->anchor == CHART_ANCHOR_START ? t->x :
	    t->anchor == CHART_ANCHOR_MIDDLE ? t->x - w / 2 : t->x - w;
	*x2 = *x1 + w;
}

/* ----- values and checks --------------------------------------------------- */

static void
test_parse(void)
{
	static const struct { const char *s; long long v; } good[] = {
		{ "62.6", 626 }, { "4,191", 41910 }, { "6", 60 }, { "0", 0 },
		{ "0.5", 5 }, { "1,234.5", 12345 }, { "1,000,000", 10000000 },
		{ "999999999999", 9999999999990LL },
	};
	static const char *const bad[] = {
		"", "-25", "62.", ".5", "6.25", "1,2345", "12345,678", "1,23",
		"1,,234", ",123", "1.2.3", "a", " 6", "6 ", "6%", "1,234,56",
		"1.5,000", "1234567890123", "４",
	};
	long long	 v;
	size_t		 i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		v = -1;
		if (chart_parse_value(good[i].s, &v) != 0 || v != good[i].v) {
			result(0, "parse-value", "'%s' -> %lld, want %lld",
			    good[i].s, v, good[i].v);
			return;
		}
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (chart_parse_value(bad[i], &v) == 0) {
			result(0, "parse-value", "'%s' accepted (%lld)", bad[i],
			    v);
			return;
		}
	if (chart_parse_value(NULL, &v) == 0) {
		result(0, "parse-value", "NULL accepted");
		return;
	}
	result(1, "parse-value", NULL);
}

static void
expect_refused(const char *name, const struct chart *c, const char *words)
{
	buf	 why = BUF_INIT;
	int	 rc = chart_check(c, &why);

	result(rc != 0 && strstr(buf_str(&why), words) != NULL, name,
	    "rc %d, reason '%s', want '%s'", rc, buf_str(&why), words);
	buf_free(&why);
}

static void
test_check(void)
{
	static const struct chart_item zero[] = { { "a", "0", 0 } };
	static const struct chart_item badv[] = { { "a", "-25", 0 } };
	static const struct chart_item nolabel[] = { { "", "1", 0 } };
	static const struct chart_item off[] = {
		{ "a", "50", 0 }, { "b", "48.9", 0 },
	};
	static const struct chart_item near100[] = {
		{ "a", "33.3", 0 }, { "b", "33.3", 0 }, { "c", "33.3", 0 },
	};
	struct chart_item	 many[CHART_MAX_ITEMS + 1];
	struct chart		 c;
	buf			 why = BUF_INIT;
	size_t			 i;
	int			 ok = 1;

	for (i = 0; i < NSAMPLES; i++)
		if (chart_check(samples[i], &why) != 0) {
			result(0, "check-samples", "%s: %s", samples[i]->title,
			    buf_str(&why));
			ok = 0;
		}
	if (ok)
		result(1, "check-samples", NULL);
	buf_free(&why);

	c = short_bars;
	c.n = 0;
	expect_refused("check-empty", &c, "項目がありません");
	c = short_bars;
	c.title = "";
	expect_refused("check-title", &c, "タイトル");
	c.title = "t";
	c.items = zero;
	c.n = 1;
	expect_refused("check-all-zero", &c, "すべて0");
	c.items = badv;
	expect_refused("check-bad-value", &c, "'-25'");
	c.items = nolabel;
	expect_refused("check-no-label", &c, "1番目");
	c.kind = CHART_STACK;
	c.items = off;
	c.n = 2;
	expect_refused("check-stack-sum", &c, "合計98.9%");
	c.items = near100;
	c.n = 3;
	result(chart_check(&c, NULL) == 0, "check-stack-rounding",
	    "33.3 x 3 = 99.9%% refused");
	for (i = 0; i < CHART_MAX_ITEMS + 1; i++) {
		many[i].label = "x";
		many[i].value = "1";
		many[i].highlight = 0;
	}
	c.kind = CHART_BAR;
	c.items = many;
	c.n = CHART_MAX_ITEMS + 1;
	expect_refused("check-too-many", &c, "多すぎます");
}

static void
test_format(void)
{
	buf b = BUF_INIT;

	chart_format_value(&bands, &bands_items[0], &b);
	buf_puts(&b, "|");
	chart_format_value(&bands, &bands_items[3], &b);
	buf_puts(&b, "|");
	chart_format_value(&yen_bars, &yen_items[3], &b);
	buf_puts(&b, "|");
	chart_format_value(&nasty, &nasty_items[0], &b);
	result(strcmp(buf_str(&b), "6%|62.6%|3,843万円|1,000社") == 0,
	    "format-value", "got '%s'", buf_str(&b));
	buf_free(&b);
}

static void
test_describe(void)
{
	buf	 b = BUF_INIT;
	int	 ok;

	chart_describe(&bands, &b);
	ok = strcmp(buf_str(&b), "全体を100%とした内訳を示す帯グラフです。"
	    "「100点」が6%、「70〜99点」が15.8%、「50〜69点」が15.6%、"
	    "「49点以下」が62.6%です。「49点以下」を強調しています。"
	    "出典：" IPA2024 "。") == 0;
	result(ok, "describe-stack", "got '%s'", buf_str(&b));
	buf_truncate(&b, 0);
	chart_describe(&trend, &b);
	ok = strncmp(buf_str(&b), "2016年度から2024年度までの推移を示す縦棒"
	    "グラフです。2016年度は55.2%、2021年度は33.1%、2024年度は62.6%"
	    "です。", strlen("2016年度から2024年度までの推移を示す縦棒グラフ"
	    "です。2016年度は55.2%、2021年度は33.1%、2024年度は62.6%です。"))
	    == 0;
	result(ok, "describe-column", "got '%s'", buf_str(&b));
	buf_truncate(&b, 0);
	chart_describe(&yen_bars, &b);
	ok = strstr(buf_str(&b), "横棒グラフです。「ランサムウェア」は2,386万円"
	    "、") == buf_str(&b) && strstr(buf_str(&b), "「Web漏えい（カード"
	    "情報含む）」は3,843万円です。") != NULL &&
	    strstr(buf_str(&b), "出典：JNSA。") != NULL;
	result(ok, "describe-bar", "got '%s'", buf_str(&b));
	buf_free(&b);
}

/* ----- layout -------------------------------------------------------------- */

/* Every sample: begin first with the width, end last, everything inside
 * the box, type at least 14 points, no two texts on top of each other. */
static void
test_layout_common(void)
{
	struct rec	 r;
	const struct call *b, *t, *u;
	double		 ax1, ax2, bx1, bx2;
	size_t		 i, j, k;
	char		 name[64];
	int		 ok;

	for (i = 0; i < NSAMPLES; i++) {
		snprintf(name, sizeof(name), "layout-box-%zu", i);
		if (record(samples[i], CHART_WIDTH, &r) != 0) {
			result(0, name, "%s refused", samples[i]->title);
			continue;
		}
		b = &r.calls[0];
		ok = b->kind == C_BEGIN && near(b->w, CHART_WIDTH) &&
		    b->h > 0 && r.calls[r.n - 1].kind == C_END;
		for (j = 1; ok && j + 1 < r.n; j++) {
			t = &r.calls[j];
			switch (t->kind) {
			case C_RECT:
				ok = t->x >= -1e-9 && t->y >= 0 && t->w > 0 &&
				    t->x + t->w <= b->w + 1e-9 &&
				    t->y + t->h <= b->h;
				break;
			case C_LINE:
				ok = t->x >= 0 && t->w <= b->w && t->y >= 0 &&
				    t->h <= b->h;
				break;
			case C_TEXT:
				text_extent(t, &ax1, &ax2);
				ok = t->size >= 14 && ax1 >= -1e-9 &&
				    ax2 <= b->w + 1e-9 &&
				    t->y - 0.88 * t->size >= 0 &&
				    t->y + 0.12 * t->size <= b->h &&
				    t->text[0] != '\0';
				break;
			default:
				ok = 0;
			}
			if (!ok)
				result(0, name, "%s: call %zu (kind %d, '%s') "
				    "outside %gx%g or too small", samples[i]->title,
				    j, (int)t->kind, t->text, b->w, b->h);
		}
		if (ok)
			result(1, name, NULL);

		snprintf(name, sizeof(name), "layout-no-overlap-%zu", i);
		ok = 1;
		for (j = 0; ok && j < r.n; j++) {
			t = &r.calls[j];
			if (t->kind != C_TEXT)
				continue;
			text_extent(t, &ax1, &ax2);
			for (k = j + 1; ok && k < r.n; k++) {
				u = &r.calls[k];
				if (u->kind != C_TEXT)
					continue;
				text_extent(u, &bx1, &bx2);
				if (ax1 < bx2 && bx1 < ax2 &&
				    t->y - 0.88 * t->size < u->y + 0.12 * u->size &&
				    u->y - 0.88 * u->size < t->y + 0.12 * t->size) {
					result(0, name, "%s: '%s' and '%s' overlap",
					    samples[i]->title, t->text, u->text);
					ok = 0;
				}
			}
		}
		if (ok)
			result(1, name, NULL);
	}
}

/* Bars: lengths proportional to the values, one start, one height, the
 * highlighted item navy and the others light; each value after its bar. */
static void
check_bars(const char *name, const struct chart *c, double width)
{
	struct rec	 r;
	const struct call *bar, *first, *val;
	long long	 v0, v;
	buf		 vs = BUF_INIT;
	uint32_t	 other = CHART_COLOR_HIGHLIGHT;
	size_t		 i;
	int		 ok = 1;

	if (record(c, width, &r) != 0) {
		result(0, name, "refused");
		return;
	}
	for (i = 0; i < c->n; i++)
		if (c->items[i].highlight)
			other = CHART_COLOR_BAR;	/* else all navy */
	first = nth(&r, C_RECT, 0);
	(void)chart_parse_value(c->items[0].value, &v0);
	for (i = 0; ok && i < c->n; i++) {
		bar = nth(&r, C_RECT, i);
		(void)chart_parse_value(c->items[i].value, &v);
		buf_truncate(&vs, 0);
		chart_format_value(c, &c->items[i], &vs);
		val = find_text(&r, buf_str(&vs));
		if (bar == NULL || val == NULL) {
			result(0, name, "item %zu: no bar or no value '%s'", i,
			    buf_str(&vs));
			ok = 0;
		} else if (!near(bar->w / first->w, (double)v / (double)v0) ||
		    !near(bar->x, first->x) || !near(bar->h, first->h)) {
			result(0, name, "item %zu: bar %g at %g, first %g at %g",
			    i, bar->w, bar->x, first->w, first->x);
			ok = 0;
		} else if (bar->color != (c->items[i].highlight ?
		    CHART_COLOR_HIGHLIGHT : other)) {
			result(0, name, "item %zu: colour #%06x", i, bar->color);
			ok = 0;
		} else if (val->weight != CHART_WEIGHT_BOLD ||
		    val->x <= bar->x + bar->w || val->y < bar->y ||
		    val->y > bar->y + bar->h + 4) {
			result(0, name, "item %zu: value '%s' at %g,%g, bar "
			    "%g..%g", i, val->text, val->x, val->y, bar->x,
			    bar->x + bar->w);
			ok = 0;
		}
	}
	if (ok && nth(&r, C_RECT, c->n) != NULL) {
		result(0, name, "more rectangles than items");
		ok = 0;
	}
	if (ok)
		result(1, name, NULL);
	buf_free(&vs);
}

static void
test_layout_bars(void)
{
	struct rec		 r;
	const struct call	*lab, *bar;
	struct chart		 c;
	size_t			 i;
	int			 ok = 1;

	check_bars("bars-proportional-side", &short_bars, CHART_WIDTH);
	check_bars("bars-proportional-above", &long_bars, CHART_WIDTH);
	check_bars("bars-proportional-yen", &yen_bars, CHART_WIDTH);
	check_bars("bars-proportional-wide", &long_bars, 800);

	/* Short labels sit beside the bars, right-aligned; long ones above. */
	(void)record(&short_bars, CHART_WIDTH, &r);
	lab = find_text(&r, "内部不正");
	bar = nth(&r, C_RECT, 3);
	result(lab != NULL && lab->anchor == CHART_ANCHOR_END &&
	    lab->x < bar->x && lab->y > bar->y && lab->y < bar->y + bar->h,
	    "bars-labels-side", "label at %g,%g, bar at %g,%g",
	    lab != NULL ? lab->x : -1, lab != NULL ? lab->y : -1, bar->x,
	    bar->y);
	(void)record(&long_bars, CHART_WIDTH, &r);
	for (i = 0; i < long_bars.n; i++) {
		lab = find_text(&r, long_items[i].label);
		bar = nth(&r, C_RECT, i);
		if (lab == NULL || lab->anchor != CHART_ANCHOR_START ||
		    lab->y > bar->y || !near(lab->x, bar->x))
			ok = 0;
	}
	result(ok, "bars-labels-above", "a label is not above its bar");

	/* Nothing highlighted: every bar navy. */
	c = long_bars;
	(void)record(&c, CHART_WIDTH, &r);
	ok = 1;
	for (i = 0; i < c.n; i++)
		if (nth(&r, C_RECT, i)->color != CHART_COLOR_HIGHLIGHT)
			ok = 0;
	result(ok, "bars-no-highlight-navy", "a bar is not navy");

	/* The highlighted label is bold, the others are not. */
	(void)record(&short_bars, CHART_WIDTH, &r);
	result(find_text(&r, "ウイルス感染")->weight == CHART_WEIGHT_BOLD &&
	    find_text(&r, "内部不正")->weight == CHART_WEIGHT_NORMAL,
	    "bars-highlight-label-bold", NULL);
}

static void
test_layout_columns(void)
{
	struct rec		 r;
	const struct call	*col, *first, *lab, *val, *base;
	long long		 v0, v;
	size_t			 i;
	int			 ok = 1;

	(void)record(&trend, CHART_WIDTH, &r);
	first = nth(&r, C_RECT, 0);
	(void)chart_parse_value(trend_items[0].value, &v0);
	for (i = 0; ok && i < trend.n; i++) {
		col = nth(&r, C_RECT, i);
		(void)chart_parse_value(trend_items[i].value, &v);
		lab = find_text(&r, trend_items[i].label);
		if (col == NULL || lab == NULL ||
		    !near(col->h / first->h, (double)v / (double)v0) ||
		    !near(col->y + col->h, first->y + first->h) ||
		    !near(col->w, first->w) ||
		    !near(col->x + col->w / 2, CHART_WIDTH / 6 *
		    (double)(2 * i + 1)) ||
		    !near(lab->x, col->x + col->w / 2) ||
		    lab->anchor != CHART_ANCHOR_MIDDLE ||
		    lab->y <= col->y + col->h) {
			result(0, "columns-proportional", "column %zu", i);
			ok = 0;
		} else if (col->color != (trend_items[i].highlight ?
		    CHART_COLOR_HIGHLIGHT : CHART_COLOR_BAR)) {
			result(0, "columns-proportional", "column %zu colour", i);
			ok = 0;
		}
	}
	if (ok)
		result(1, "columns-proportional", NULL);
	val = find_text(&r, "62.6%");
	col = nth(&r, C_RECT, 2);
	result(val != NULL && val->y < col->y && val->y > col->y - 20 &&
	    near(val->x, col->x + col->w / 2), "columns-value-on-top", NULL);
	base = nth(&r, C_LINE, 0);
	result(base != NULL && base->color == CHART_COLOR_GRID &&
	    base->y >= col->y + col->h && base->y <= col->y + col->h + 1 &&
	    near(base->x, 0) && near(base->w, CHART_WIDTH),
	    "columns-base-line", NULL);
}

static void
test_layout_stack(void)
{
	struct rec		 r;
	const struct call	*seg, *prev = NULL, *in, *sw;
	double			 sum = 0;
	long long		 v;
	size_t			 i;
	int			 ok = 1;

	(void)record(&bands, CHART_WIDTH, &r);
	for (i = 0; ok && i < bands.n; i++) {
		seg = nth(&r, C_RECT, i);
		(void)chart_parse_value(bands_items[i].value, &v);
		if (!near(seg->w, CHART_WIDTH * (double)v / 1000) ||
		    !near(seg->x, prev != NULL ? prev->x + prev->w : 0) ||
		    (prev != NULL && (!near(seg->y, prev->y) ||
		    seg->color == prev->color))) {
			result(0, "stack-full-width", "segment %zu: %g at %g", i,
			    seg->w, seg->x);
			ok = 0;
		}
		sum += seg->w;
		prev = seg;
	}
	if (ok)
		result(near(sum, CHART_WIDTH), "stack-full-width",
		    "segments add up to %g", sum);
	result(nth(&r, C_RECT, 3)->color == CHART_COLOR_HIGHLIGHT &&
	    nth(&r, C_RECT, 0)->color != CHART_COLOR_HIGHLIGHT,
	    "stack-highlight", NULL);
	/* 62.6% fits inside its navy segment, in white; 6% does not. */
	seg = nth(&r, C_RECT, 3);
	in = nth(&r, C_TEXT, 1);
	result(in != NULL && strcmp(in->text, "62.6%") == 0 &&
	    in->color == CHART_COLOR_ON_DARK && in->x > seg->x &&
	    in->x < seg->x + seg->w && in->y > seg->y &&
	    in->y < seg->y + seg->h, "stack-value-inside",
	    "second text '%s'", in != NULL ? in->text : "");
	/* The legend: a swatch of the segment's colour per item, in order. */
	ok = 1;
	for (i = 0; i < bands.n; i++) {
		sw = nth(&r, C_RECT, bands.n + i);
		seg = nth(&r, C_RECT, i);
		if (sw == NULL || sw->color != seg->color ||
		    sw->y <= seg->y + seg->h ||
		    (i > 0 && sw->y <= nth(&r, C_RECT, bands.n + i - 1)->y))
			ok = 0;
	}
	result(ok, "stack-legend", NULL);
	/* In a wide box the legend's values stay next to the labels. */
	(void)record(&bands, 800, &r);
	ok = 0;
	for (i = 0; i < r.n; i++)
		if (r.calls[i].kind == C_TEXT &&
		    r.calls[i].anchor == CHART_ANCHOR_END) {
			ok++;
			if (r.calls[i].x > 300)
				ok = -100;
		}
	result(ok == (int)bands.n, "stack-legend-compact", NULL);
}

/* A backend with its own measure: the layout asks it, and follows it. */
static void
test_layout_measure(void)
{
	struct rec		 r;
	const struct call	*lab;

	memset(&r, 0, sizeof(r));
	r.em_scale = 3;	/* every label too wide to sit beside the bars */
	(void)chart_layout(&short_bars, CHART_WIDTH, &rec_ops_measure, &r);
	lab = find_text(&r, "内部不正");
	result(r.measured > 0 && lab != NULL &&
	    lab->anchor == CHART_ANCHOR_START,
	    "layout-uses-measure", "measure called %d times", r.measured);
	memset(&r, 0, sizeof(r));
	r.em_scale = 0.5;
	(void)chart_layout(&long_bars, CHART_WIDTH, &rec_ops_measure, &r);
	lab = find_text(&r, long_items[1].label);
	result(lab != NULL && lab->anchor == CHART_ANCHOR_END,
	    "layout-measure-narrow", "a narrow font puts labels beside");
}

/* Long text wraps inside the width, by the kinsoku rules. */
static void
test_layout_wrap(void)
{
	static const struct chart_item items[] = { { "a", "1", 0 } };
	struct chart		 c = {
		CHART_BAR, "とても長いタイトルは、幅に収まるように折り返されます。"
		"句読点（、。）は行頭に来ません。2025年は分けません。",
		"%", "IPA「2024年度 中小企業における情報セキュリティ対策に"
		"関する実態調査 報告書」図5-45（2025年）", items, 1
	};
	struct rec		 r;
	const struct call	*t;
	buf			 all = BUF_INIT;
	size_t			 i, lines = 0;
	int			 ok = 1;

	(void)record(&c, 220, &r);
	for (i = 0; i < r.n; i++) {
		t = &r.calls[i];
		if (t->kind != C_TEXT || t->size != CHART_SIZE_TITLE)
			continue;
		lines++;
		buf_puts(&all, t->text);
		if (chart_measure_approx(t->size, t->text, strlen(t->text)) >
		    220 || strncmp(t->text, "、", 3) == 0 ||
		    strncmp(t->text, "。", 3) == 0 ||
		    strncmp(t->text, "）", 3) == 0 ||
		    strncmp(t->text, "年", 3) == 0 ||
		    (strlen(t->text) >= 3 && strcmp(t->text +
		    strlen(t->text) - 3, "（") == 0)) {
			result(0, "wrap-title", "bad line '%s'", t->text);
			ok = 0;
		}
	}
	if (ok)
		result(lines > 2 && strcmp(buf_str(&all), c.title) == 0,
		    "wrap-title", "%zu lines, joined '%s'", lines,
		    buf_str(&all));
	buf_free(&all);
	lines = 0;
	for (i = 0; i < r.n; i++)
		if (r.calls[i].kind == C_TEXT &&
		    r.calls[i].size == CHART_SIZE_SOURCE) {
			lines++;
			if (lines == 1 && strncmp(r.calls[i].text,
			    "出典：IPA", strlen("出典：IPA")) != 0)
				lines = 100;
		}
	result(lines > 1 && lines < 100, "wrap-source", "%zu lines", lines);
}

/* The title's lines, joined by '|', laid out 220 points wide in a font
 * whose every character is 1 em: 12 characters a line. */
static void
title_lines(const char *title, buf *out)
{
	static const struct chart_item items[] = { { "a", "1", 0 } };
	struct chart	 c = { CHART_BAR, title, "%", NULL, items, 1 };
	struct rec	 r;
	size_t		 i;

	memset(&r, 0, sizeof(r));
	r.em_scale = 1;
	buf_truncate(out, 0);
	(void)chart_layout(&c, 220, &rec_ops_measure, &r);
	for (i = 0; i < r.n; i++)
		if (r.calls[i].kind == C_TEXT &&
		    r.calls[i].size == CHART_SIZE_TITLE)
			buf_printf(out, "%s%s", out->len > 0 ? "|" : "",
			    r.calls[i].text);
}

static void
test_layout_kinsoku(void)
{
	static const struct { const char *name, *title, *lines; } cases[] = {
		{ "wrap-plain", "あいうえおかきくけこさしすせそ",
		    "あいうえおかきくけこさし|すせそ" },
		{ "wrap-no-start", "あいうえおかきくけこさし。すせそ",
		    "あいうえおかきくけこさ|し。すせそ" },
		{ "wrap-no-end", "あいうえおかきくけこさ「し」",
		    "あいうえおかきくけこさ|「し」" },
		{ "wrap-number-unit", "あいうえおかきく2025年です",
		    "あいうえおかきく|2025年です" },
		{ "wrap-ascii-word", "あいうえおかきくけWi-Fiです",
		    "あいうえおかきくけ|Wi-Fiです" },
		{ "wrap-space", "abc defgh ijklmnop",
		    "abc defgh|ijklmnop" },
		{ "wrap-too-long", "abcdefghijklmnopqrstuvwxyz",
		    "abcdefghijkl|mnopqrstuvwx|yz" },
	};
	buf	 b = BUF_INIT;
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		title_lines(cases[i].title, &b);
		result(strcmp(buf_str(&b), cases[i].lines) == 0, cases[i].name,
		    "got '%s', want '%s'", buf_str(&b), cases[i].lines);
	}
	buf_free(&b);
}

static void
test_layout_refused(void)
{
	struct rec	r;
	struct chart	c = short_bars;

	result(record(&short_bars, 199, &r) == -1 && r.n == 0,
	    "layout-min-width", NULL);
	c.n = 0;
	result(record(&c, CHART_WIDTH, &r) == -1 && r.n == 0,
	    "layout-refuses-bad", NULL);
}

/* ----- SVG ----------------------------------------------------------------- */

/*
 * A tiny XML check: tags balance, attributes are quoted, no attribute
 * repeats in a tag, entities are the five of XML or numeric.  Returns
 * NULL or what is wrong.
 */
static const char *
xml_check(const char *s)
{
	static char	 msg[160];
	char		 stack[32][32], attrs[16][32];
	size_t		 depth = 0, na, n, k;
	const char	*p = s, *q;

	while (*p != '\0') {
		if (*p == '&') {
			if (strncmp(p, "&amp;", 5) && strncmp(p, "&lt;", 4) &&
			    strncmp(p, "&gt;", 4) && strncmp(p, "&quot;", 6) &&
			    strncmp(p, "&#", 2))
				return "bare '&'";
			p++;
			continue;
		}
		if (*p == '>')
			return "bare '>' in text";
		if (*p != '<') {
			p++;
			continue;
		}
		if (p[1] == '/') {
			q = p + 2;
			n = strcspn(q, ">");
			if (depth == 0 || n >= 32 || strncmp(stack[depth - 1], q,
			    n) != 0 || stack[depth - 1][n] != '\0') {
				snprintf(msg, sizeof(msg), "unexpected </%.*s>",
				    (int)n, q);
				return msg;
			}
			depth--;
			p = q + n + 1;
			continue;
		}
		q = p + 1;
		n = strcspn(q, " />");
		if (n == 0 || n >= 32)
			return "bad tag name";
		memcpy(stack[depth], q, n);
		stack[depth][n] = '\0';
		q += n;
		na = 0;
		for (;;) {
			while (*q == ' ' || *q == '\n')
				q++;
			if (*q == '>' || (q[0] == '/' && q[1] == '>'))
				break;
			n = strcspn(q, "=");
			if (n == 0 || n >= 32 || q[n] != '=' || q[n + 1] != '"')
				return "unquoted attribute";
			if (na == 16)
				return "too many attributes";
			memcpy(attrs[na], q, n);
			attrs[na][n] = '\0';
			for (k = 0; k < na; k++)
				if (strcmp(attrs[k], attrs[na]) == 0)
					return "repeated attribute";
			na++;
			q += n + 2;
			n = strcspn(q, "\"<>");
			if (q[n] != '"')
				return "'<' or '>' in an attribute";
			q += n + 1;
		}
		if (*q == '/')
			p = q + 2;
		else {
			if (++depth == 32)
				return "too deep";
			p = q + 1;
		}
	}
	return depth == 0 ? NULL : "unclosed element";
}

/* xmllint, if it is installed: the real parser agrees. */
static void
xmllint_check(const buf *svg)
{
	char	 path[] = "/tmp/test_chart.XXXXXX", cmd[128];
	FILE	*f;
	int	 fd, rc;

	if (system("command -v xmllint >/dev/null 2>&1") != 0) {
		printf("ok - chart/svg-xmllint # SKIP xmllint is not installed\n");
		passes++;
		return;
	}
	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		result(0, "svg-xmllint", "cannot write %s", path);
		return;
	}
	fputs(buf_str(svg), f);
	fclose(f);
	fflush(stdout);
	snprintf(cmd, sizeof(cmd), "xmllint --noout %s", path);
	rc = system(cmd);
	unlink(path);
	result(rc == 0, "svg-xmllint", "xmllint says no (status %d)", rc);
}

/* Every number in the output has at most two decimals. */
static int
numbers_short(const char *s)
{
	size_t n;

	for (; *s != '\0'; s++)
		if (*s == '.' && s[1] >= '0' && s[1] <= '9' && s[-1] >= '0' &&
		    s[-1] <= '9') {
			n = strspn(s + 1, "0123456789");
			if (n > 2)
				return 0;
		}
	return 1;
}

static void
test_svg(void)
{
	static const char head[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"chart\" width=\"400\" height=\"";
	buf		 a = BUF_INIT, b = BUF_INIT, all = BUF_INIT;
	const char	*err;
	size_t		 i;
	int		 ok = 1;

	for (i = 0; i < NSAMPLES; i++) {
		buf_truncate(&a, 0);
		if (chart_svg(samples[i], CHART_WIDTH, &a, "c1") != 0) {
			result(0, "svg-well-formed", "%s refused",
			    samples[i]->title);
			ok = 0;
			continue;
		}
		if ((err = xml_check(buf_str(&a))) != NULL) {
			result(0, "svg-well-formed", "%s: %s",
			    samples[i]->title, err);
			ok = 0;
		}
		buf_puts(&all, buf_str(&a));
	}
	if (ok)
		result(1, "svg-well-formed", NULL);
	result(strstr(buf_str(&all), "style=") == NULL &&
	    strstr(buf_str(&all), "<style") == NULL, "svg-no-inline-style",
	    NULL);
	result(numbers_short(buf_str(&all)) &&
	    strstr(buf_str(&all), "nan") == NULL &&
	    strstr(buf_str(&all), "inf") == NULL &&
	    strstr(buf_str(&all), "e+") == NULL, "svg-numbers", NULL);

	/* The head: class, viewBox, role, title and desc by id. */
	buf_truncate(&a, 0);
	(void)chart_svg(&bands, CHART_WIDTH, &a, "fig-3");
	result(strncmp(buf_str(&a), head, strlen(head)) == 0 &&
	    strstr(buf_str(&a), " viewBox=\"0 0 400 ") != NULL &&
	    strstr(buf_str(&a), " role=\"img\" aria-labelledby=\"fig-3-title "
	    "fig-3-desc\">\n<title id=\"fig-3-title\">自社診断の合計点の分布"
	    "</title>\n<desc id=\"fig-3-desc\">全体を100%とした内訳") != NULL,
	    "svg-accessible", "head: %.300s", buf_str(&a));
	result(strstr(buf_str(&a), "fill=\"#0d3b66\"") != NULL &&
	    strstr(buf_str(&a), "fill=\"#7a9cc6\"") != NULL &&
	    strstr(buf_str(&a), "font-size=\"16\"") != NULL,
	    "svg-presentation-attributes", NULL);

	/* Determinism: the same chart, the same bytes. */
	buf_truncate(&b, 0);
	(void)chart_svg(&bands, CHART_WIDTH, &b, "fig-3");
	result(a.len == b.len && memcmp(a.data, b.data, a.len) == 0,
	    "svg-deterministic", NULL);
	xmllint_check(&a);

	/* Escaping: labels, title, source, id. */
	buf_truncate(&a, 0);
	(void)chart_svg(&nasty, CHART_WIDTH, &a, "x\"y");
	result(strstr(buf_str(&a), ">A&lt;B&amp;&quot;C&#39;</text>") != NULL &&
	    strstr(buf_str(&a), "&lt;/text&gt;&lt;script&gt;") != NULL &&
	    strstr(buf_str(&a), "<script") == NULL &&
	    strstr(buf_str(&a), "タイトル&lt;&amp;&quot;&gt;</title>") !=
	    NULL && strstr(buf_str(&a), "出典&lt;&amp;&gt;") != NULL &&
	    strstr(buf_str(&a), "id=\"x&quot;y-title\"") != NULL &&
	    xml_check(buf_str(&a)) == NULL, "svg-escaping", "%s",
	    buf_str(&a));

	/* Refused: nothing appended. */
	buf_truncate(&a, 0);
	buf_puts(&a, "before");
	{
		struct chart c = bands;

		c.n = 0;
		result(chart_svg(&c, CHART_WIDTH, &a, NULL) == -1 &&
		    strcmp(buf_str(&a), "before") == 0, "svg-refused", NULL);
	}
	buf_free(&a);
	buf_free(&b);
	buf_free(&all);
}

static void
test_table(void)
{
	buf	 t = BUF_INIT;
	int	 ok;

	(void)chart_table_html(&bands, &t);
	ok = strcmp(buf_str(&t),
	    "<table class=\"chart-table\">\n"
	    "<caption>自社診断の合計点の分布</caption>\n"
	    "<thead><tr><th scope=\"col\">項目</th>"
	    "<th scope=\"col\">割合</th></tr></thead>\n"
	    "<tbody>\n"
	    "<tr><th scope=\"row\">100点</th><td>6%</td></tr>\n"
	    "<tr><th scope=\"row\">70〜99点</th><td>15.8%</td></tr>\n"
	    "<tr><th scope=\"row\">50〜69点</th><td>15.6%</td></tr>\n"
	    "<tr><th scope=\"row\">49点以下</th><td><strong>62.6%</strong>"
	    "</td></tr>\n"
	    "</tbody>\n</table>\n") == 0;
	result(ok, "table-values", "got:\n%s", buf_str(&t));
	buf_truncate(&t, 0);
	(void)chart_table_html(&trend, &t);
	result(strstr(buf_str(&t), "<th scope=\"col\">時期</th>") != NULL &&
	    strstr(buf_str(&t), "<th scope=\"row\">2021年度</th><td>33.1%"
	    "</td>") != NULL, "table-column-heading", NULL);
	buf_truncate(&t, 0);
	(void)chart_table_html(&yen_bars, &t);
	result(strstr(buf_str(&t), "<th scope=\"col\">金額</th>") != NULL &&
	    strstr(buf_str(&t), "<td>2,386万円</td>") != NULL,
	    "table-yen", NULL);
	buf_truncate(&t, 0);
	(void)chart_table_html(&nasty, &t);
	result(strstr(buf_str(&t), "<th scope=\"row\">A&lt;B&amp;&quot;C&#39;"
	    "</th>") != NULL && strstr(buf_str(&t), "<caption>タイトル&lt;"
	    "&amp;&quot;&gt;</caption>") != NULL &&
	    xml_check(buf_str(&t)) == NULL, "table-escaping", "%s",
	    buf_str(&t));
	buf_truncate(&t, 0);
	{
		struct chart c = bands;

		c.n = 0;
		result(chart_table_html(&c, &t) == -1 && t.len == 0,
		    "table-refused", NULL);
	}
	buf_free(&t);
}

int
main(void)
{
	test_parse();
	test_check();
	test_format();
	test_describe();
	test_layout_common();
	test_layout_bars();
	test_layout_columns();
	test_layout_stack();
	test_layout_measure();
	test_layout_wrap();
	test_layout_kinsoku();
	test_layout_refused();
	test_svg();
	test_table();
	printf("# chart: %d passed, %d failed\n", passes, failures);
	return failures > 0;
}
