/*
 * chart.c -- the chart model: values, checks, and the words that describe
 * a chart (its values with units, its summary for screen readers).
 */
#include <stdarg.h>
#include <string.h>

#include "chart.h"

int
chart_parse_value(const char *s, long long *v10)
{
	long long	 v = 0;
	int		 digits = 0, group = -1, frac = -1;
	const char	*p;

	if (s == NULL)
		return -1;
	for (p = s; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9') {
			if (frac == 1 || ++digits > 12)
				return -1;
			v = v * 10 + (*p - '0');
			if (frac == 0)
				frac = 1;
			else if (group >= 0)
				group++;
		} else if (*p == ',') {
			/* 1 to 3 digits first, then groups of exactly 3 */
			if (digits == 0 || frac >= 0 ||
			    (group < 0 ? digits > 3 : group != 3))
				return -1;
			group = 0;
		} else if (*p == '.') {
			if (digits == 0 || frac >= 0 || (group >= 0 &&
			    group != 3))
				return -1;
			frac = 0;
		} else
			return -1;
	}
	if (digits == 0 || frac == 0 || (frac < 0 && group >= 0 &&
	    group != 3))
		return -1;
	*v10 = frac == 1 ? v : v * 10;
	return 0;
}

static void
why_printf(buf *why, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
why_printf(buf *why, const char *fmt, ...)
{
	va_list ap;

	if (why == NULL)
		return;
	va_start(ap, fmt);
	buf_vprintf(why, fmt, ap);
	va_end(ap);
}

static int
is_percent(const struct chart *c)
{
	return c->unit != NULL && strcmp(c->unit, "%") == 0;
}

int
chart_check(const struct chart *c, buf *why)
{
	long long	 v, sum = 0;
	size_t		 i;

	if (c->title == NULL || c->title[0] == '\0') {
		why_printf(why, "グラフのタイトルがありません");
		return -1;
	}
	if (c->n == 0 || c->items == NULL) {
		why_printf(why, "グラフにする項目がありません");
		return -1;
	}
	if (c->n > CHART_MAX_ITEMS) {
		why_printf(why, "グラフの項目が多すぎます（%zu個。%d個まで）",
		    c->n, CHART_MAX_ITEMS);
		return -1;
	}
	for (i = 0; i < c->n; i++) {
		const struct chart_item *it = &c->items[i];

		if (it->label == NULL || it->label[0] == '\0') {
			why_printf(why, "%zu番目の項目に短い名前がありません",
			    i + 1);
			return -1;
		}
		if (chart_parse_value(it->value, &v) != 0) {
			why_printf(why, "「%s」の値 '%s' を数として読めません"
			    "（数字と桁区切りの「,」、小数点以下1桁まで）",
			    it->label, it->value != NULL ? it->value : "");
			return -1;
		}
		sum += v;
	}
	if (sum == 0) {
		why_printf(why, "グラフの値がすべて0です");
		return -1;
	}
	if (c->kind == CHART_STACK && is_percent(c) &&
	    (sum < 990 || sum > 1010)) {
		why_printf(why, "帯グラフの割合の合計が100%%になりません"
		    "（合計%lld.%lld%%）", sum / 10, sum % 10);
		return -1;
	}
	return 0;
}

void
chart_format_value(const struct chart *c, const struct chart_item *it,
    buf *out)
{
	buf_puts(out, it->value);
	if (c->unit != NULL)
		buf_puts(out, c->unit);
}

/* Does the string end with the character 「。」? */
static int
ends_with_maru(const buf *b)
{
	return b->len >= 3 && memcmp(b->data + b->len - 3, "。", 3) == 0;
}

void
chart_describe(const struct chart *c, buf *out)
{
	const char	*open, *close, *particle;
	size_t		 i, nhigh = 0;

	switch (c->kind) {
	case CHART_COLUMN:
		buf_printf(out, "%sから%sまでの推移を示す縦棒グラフです。",
		    c->items[0].label, c->items[c->n - 1].label);
		open = close = "";
		particle = "は";
		break;
	case CHART_STACK:
		buf_puts(out, is_percent(c) ?
		    "全体を100%とした内訳を示す帯グラフです。" :
		    "合計に占める内訳を示す帯グラフです。");
		open = "「";
		close = "」";
		particle = "が";
		break;
	case CHART_BAR:
	default:
		buf_puts(out, "横棒グラフです。");
		open = "「";
		close = "」";
		particle = "は";
		break;
	}
	for (i = 0; i < c->n; i++) {
		buf_printf(out, "%s%s%s%s%s", i > 0 ? "、" : "", open,
		    c->items[i].label, close, particle);
		chart_format_value(c, &c->items[i], out);
	}
	buf_puts(out, "です。");
	for (i = 0; i < c->n; i++) {
		if (!c->items[i].highlight)
			continue;
		buf_printf(out, "%s「%s」", nhigh++ > 0 ? "と" : "",
		    c->items[i].label);
	}
	if (nhigh > 0)
		buf_puts(out, "を強調しています。");
	if (c->source != NULL && c->source[0] != '\0') {
		buf_printf(out, "出典：%s", c->source);
		if (!ends_with_maru(out))
			buf_puts(out, "。");
	}
}
