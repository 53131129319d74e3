/*
 * facts.h -- the fact store (content/facts.yaml): every figure shown to
 * readers, once, with its source.  Pages write {{fact ID}}; the value is
 * rendered with a numbered citation, and the page lists its sources.
 */
#ifndef MAMORU_FACTS_H
#define MAMORU_FACTS_H

#include "../chart/chart.h"
#include "../core/buf.h"
#include "../load/schema.h"

struct site;
struct page;

struct fact_source {
	fm_str		publisher;
	fm_str		document;
	fm_str		locator;	/* 表5-8, 図3-43, p.12 */
	fm_str		url;
	fm_int		year;
	fm_str		lines;		/* where in the research notes */
};

struct fact {
	fm_str			id;
	fm_str			value;
	fm_str			unit;
	fm_str			label;
	fm_int			n;
	struct fact_source	source;
	fm_str			as_of;
	fm_str			review_by;
	fm_str			group;
	fm_int			order;
	fm_str			short_label;
	fm_str			note;
	unsigned		uses;
};

struct fact_store {
	fm_list		facts;		/* struct fact, in file order */
	const char	*path;		/* content/facts.yaml, or NULL */
};

/* A numbered source cited on one page. */
struct cite {
	const struct fact	*fact;	/* the first fact citing it */
	int			 number;
};

/* Load stage: read content/facts.yaml if present.  Returns errors. */
int	facts_load(struct site *);
/* The fact with this id, or NULL. */
const struct fact *facts_find(const struct site *, const char *id,
	    size_t len);
/* "IPA「文書」図3-43（2025年）" */
void	fact_source_text(const struct fact *, buf *);
/*
 * The shortcodes of page bodies: {{fact ID}}.  Appends HTML and returns 1,
 * or reports an unknown id (returning 1 with the id left visible).
 * Returns 0 for names it does not know.
 */
/*
 * {{chart GROUP [bar|column|stack] [highlight=N] [title="…"]}} for the web
 * and print alike: its arguments parsed and the group's facts gathered in
 * their order into fc->chart (items, unit, the sources as one text).
 * Returns 0, or -1 (reported at pos if `report`); fact_chart_free() after
 * either.
 */
struct fact_chart {
	struct chart		 chart;
	struct fact		**facts;
	size_t			 n;
	struct chart_item	*items;
	buf			 source;
	char			*group;
	int			 own_title;
};
int	facts_chart(const struct site *, const char *args, size_t al,
	    src_pos pos, int report, struct fact_chart *);
void	fact_chart_free(struct fact_chart *);

int	facts_shortcode(struct site *, struct page *, const char *name,
	    size_t nl, const char *args, size_t al, src_pos, int in_heading,
	    buf *out);
/* Record that page p shows fact f (counts a use, numbers its source among
 * the page's citations); returns the citation number. */
int	facts_use(struct page *p, struct fact *f);
/* The value as a number times 10 ("6" -> 60, "36.6" -> 366, "4,191" ->
 * 41910); -1 if it has more than one decimal. */
long long fact_value_x10(const struct fact *f);

/* After linking: warnings for facts past review_by and facts no page
 * uses (one summary line). */
void	facts_report(struct site *);

#endif
