/*
 * chart_svg.c -- the SVG backend of chart_layout(), and the data table.
 */
#include <string.h>

#include "chart_svg.h"

struct svg {
	buf			*out;
	const struct chart	*c;
	const char		*id;
};

/* Text and attribute values both. */
static void
put_escaped(buf *out, const char *s)
{
	buf_html_escape(out, s, strlen(s));
}

/* A coordinate: at most two decimals, no trailing zeros, no locale. */
static void
put_num(buf *out, double v)
{
	long long	 h;
	int		 neg = v < 0;

	h = (long long)((neg ? -v : v) * 100 + 0.5);
	buf_printf(out, "%s%lld", neg && h != 0 ? "-" : "", h / 100);
	if (h % 10 != 0)
		buf_printf(out, ".%02lld", h % 100);
	else if (h % 100 != 0)
		buf_printf(out, ".%lld", h % 100 / 10);
}

static void
put_attr_num(buf *out, const char *name, double v)
{
	buf_printf(out, " %s=\"", name);
	put_num(out, v);
	buf_putc(out, '"');
}

static void
put_attr_color(buf *out, const char *name, uint32_t rgb)
{
	buf_printf(out, " %s=\"#%06x\"", name, (unsigned)(rgb & 0xFFFFFFu));
}

static void
svg_begin(void *ctx, double width, double height)
{
	struct svg	*s = ctx;
	buf		 desc = BUF_INIT;

	buf_puts(s->out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"chart\"");
	put_attr_num(s->out, "width", width);
	put_attr_num(s->out, "height", height);
	buf_puts(s->out, " viewBox=\"0 0 ");
	put_num(s->out, width);
	buf_putc(s->out, ' ');
	put_num(s->out, height);
	buf_puts(s->out, "\" role=\"img\" aria-labelledby=\"");
	put_escaped(s->out, s->id);
	buf_puts(s->out, "-title ");
	put_escaped(s->out, s->id);
	buf_puts(s->out, "-desc\">\n<title id=\"");
	put_escaped(s->out, s->id);
	buf_puts(s->out, "-title\">");
	put_escaped(s->out, s->c->title);
	buf_puts(s->out, "</title>\n<desc id=\"");
	put_escaped(s->out, s->id);
	buf_puts(s->out, "-desc\">");
	chart_describe(s->c, &desc);
	put_escaped(s->out, buf_str(&desc));
	buf_free(&desc);
	buf_puts(s->out, "</desc>\n");
}

static void
svg_rect(void *ctx, double x, double y, double w, double h, uint32_t fill)
{
	struct svg *s = ctx;

	buf_puts(s->out, "<rect");
	put_attr_num(s->out, "x", x);
	put_attr_num(s->out, "y", y);
	put_attr_num(s->out, "width", w);
	put_attr_num(s->out, "height", h);
	put_attr_color(s->out, "fill", fill);
	buf_puts(s->out, "/>\n");
}

static void
svg_line(void *ctx, double x1, double y1, double x2, double y2,
    uint32_t stroke, double width)
{
	struct svg *s = ctx;

	buf_puts(s->out, "<line");
	put_attr_num(s->out, "x1", x1);
	put_attr_num(s->out, "y1", y1);
	put_attr_num(s->out, "x2", x2);
	put_attr_num(s->out, "y2", y2);
	put_attr_color(s->out, "stroke", stroke);
	put_attr_num(s->out, "stroke-width", width);
	buf_puts(s->out, "/>\n");
}

static void
svg_text(void *ctx, double x, double y, double size, enum chart_anchor a,
    int weight, uint32_t color, const char *utf8)
{
	struct svg *s = ctx;

	buf_puts(s->out, "<text");
	put_attr_num(s->out, "x", x);
	put_attr_num(s->out, "y", y);
	put_attr_num(s->out, "font-size", size);
	if (weight != CHART_WEIGHT_NORMAL)
		buf_printf(s->out, " font-weight=\"%d\"", weight);
	put_attr_color(s->out, "fill", color);
	if (a == CHART_ANCHOR_MIDDLE)
		buf_puts(s->out, " text-anchor=\"middle\"");
	else if (a == CHART_ANCHOR_END)
		buf_puts(s->out, " text-anchor=\"end\"");
	buf_putc(s->out, '>');
	put_escaped(s->out, utf8);
	buf_puts(s->out, "</text>\n");
}

static void
svg_end(void *ctx)
{
	struct svg *s = ctx;

	buf_puts(s->out, "</svg>\n");
}

static const struct draw_ops svg_ops = {
	svg_begin, svg_rect, svg_line, svg_text, svg_end, NULL
};

int
chart_svg(const struct chart *c, double width, buf *out, const char *id)
{
	struct svg	 s;
	size_t		 mark = out->len;

	s.out = out;
	s.c = c;
	s.id = id != NULL ? id : "chart";
	if (chart_layout(c, width, &svg_ops, &s) != 0) {
		buf_truncate(out, mark);
		return -1;
	}
	return 0;
}

/* The heading of the value column: what kind of number it is. */
static const char *
value_heading(const struct chart *c)
{
	if (c->unit != NULL && strcmp(c->unit, "%") == 0)
		return "割合";
	if (c->unit != NULL && strstr(c->unit, "円") != NULL)
		return "金額";
	return "数値";
}

int
chart_table_html(const struct chart *c, buf *out)
{
	buf	 v = BUF_INIT;
	size_t	 i;

	if (chart_check(c, NULL) != 0)
		return -1;
	buf_puts(out, "<table class=\"chart-table\">\n<caption>");
	put_escaped(out, c->title);
	buf_printf(out, "</caption>\n<thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
	    c->kind == CHART_COLUMN ? "時期" : "項目", value_heading(c));
	for (i = 0; i < c->n; i++) {
		buf_truncate(&v, 0);
		chart_format_value(c, &c->items[i], &v);
		buf_puts(out, "<tr><th scope=\"row\">");
		put_escaped(out, c->items[i].label);
		buf_puts(out, c->items[i].highlight ? "</th><td><strong>" :
		    "</th><td>");
		put_escaped(out, buf_str(&v));
		buf_puts(out, c->items[i].highlight ? "</strong></td></tr>\n" :
		    "</td></tr>\n");
	}
	buf_puts(out, "</tbody>\n</table>\n");
	buf_free(&v);
	return 0;
}
