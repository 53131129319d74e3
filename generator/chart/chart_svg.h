/*
 * chart_svg.h -- charts for the web: accessible inline SVG, and the same
 * figures as an HTML table for those who cannot see the picture.
 *
 * The SVG follows the site's Content-Security-Policy (no inline styles):
 * colours and sizes are presentation attributes, the font comes from the
 * site's CSS through class="chart".  Recommended markup and CSS are in
 * docs/charts.md.
 */
#ifndef MAMORU_CHART_SVG_H
#define MAMORU_CHART_SVG_H

#include "../core/buf.h"
#include "chart.h"

/*
 * Append <svg class="chart" role="img" aria-labelledby="ID-title ID-desc">
 * with <title id="ID-title"> (the chart's title) and <desc id="ID-desc">
 * (chart_describe()), laid out `width` points wide (CHART_WIDTH on the
 * site) with a viewBox so that it scales.  id must be unique in the page;
 * NULL means "chart".  Numbers are written with at most two decimals, so
 * the same chart always gives the same bytes.  Returns 0, or -1 with
 * nothing appended when chart_layout() refuses the chart.
 */
int	chart_svg(const struct chart *, double width, buf *out,
	    const char *id);

/*
 * Append <table class="chart-table"> with the title as <caption>, a
 * header row, and one row per item: <th scope="row">label</th> and the
 * value as chart_format_value() writes it (in <strong> when the item is
 * highlighted).  The caller shows it in a <details> under the SVG.
 * Returns 0, or -1 with nothing appended when chart_check() refuses it.
 */
int	chart_table_html(const struct chart *, buf *out);

#endif
