/*
 * calc.h -- calculators and checklists (content/calculators/NAME.md): their
 * definitions as read from YAML, checked, and compiled into the program
 * that the scoring core (generator/score/) evaluates.  The format is in
 * docs/calculators.md.
 */
#ifndef MAMORU_CALC_H
#define MAMORU_CALC_H

#include <stdint.h>

#include "../core/arena.h"
#include "../load/schema.h"
#include "site.h"

enum calc_kind { CALC_SCORE, CALC_CHECKLIST, CALC_COST };

struct calc_choice {
	fm_str		label;
	fm_int		points;
};

struct calc_item {
	fm_str		text;
	fm_str		short_label;
	fm_str		advice;
	fm_str		guide;
	fm_int		national;	/* percent x 10 */
	fm_str		national_fact;	/* or: a fact id giving it */
	const char	*national_text;	/* as printed in the source */
	int		 national_cite;	/* its citation number, or 0 */
	/* compiled */
	int		number;		/* 1-based, across parts */
	int		part;		/* 0-based */
	const char	*advice_html;
	const char	*guide_url;	/* relative to the calculator page */
	const char	*guide_title;
};

struct calc_part {
	fm_str		title;
	fm_list		items;		/* struct calc_item */
};

struct calc_band {
	fm_int		min, max;
	fm_str		label;
	fm_str		message;
	fm_int		national;	/* percent x 10 */
	fm_str		national_fact;
	const char	*national_text;
	int		 national_cite;
	const char	*message_html;
};

struct calc_req {
	fm_strs		items;		/* item numbers */
	fm_strs		answers;	/* choice numbers */
	fm_str		text;
	/* compiled: items become ranges, one program requirement each */
	int		first, count;	/* of the first range */
};

struct calc_level {
	fm_str		label;
	fm_str		message;
	fm_list		require;	/* struct calc_req */
	const char	*message_html;
};

struct calc_input {
	fm_str		id;
	fm_str		label;
	fm_str		unit;
	fm_str		type;		/* number | toggle */
	fm_str		help;
	fm_int		min, max, def, step;
};

struct calc_line {
	fm_str		label;
	fm_str		note;
	fm_str		source;
	fm_int		min, max;
	fm_strs		per;
	fm_int		divide;
	fm_str		when;
	const char	*source_html;
};

struct calc_comparison {
	fm_int		mean;		/* x 10 */
	fm_int		n;
	fm_str		source;
	fm_str		mean_fact;	/* or: fact ids giving them */
	fm_str		n_fact;
	int		mean_cite, n_cite;
};

struct calc_meta {
	struct page_meta	page;
	fm_str			kind;
	fm_str			source;
	fm_list			choices;	/* struct calc_choice */
	fm_strs			range;
	fm_list			parts;		/* struct calc_part */
	fm_list			items;		/* struct calc_item (one part) */
	fm_list			bands;		/* struct calc_band */
	struct calc_comparison	comparison;
	fm_strs			advice_for;
	fm_list			levels;		/* struct calc_level */
	fm_list			inputs;		/* struct calc_input */
	fm_list			lines;		/* struct calc_line */
};

struct calc {
	struct calc_meta	 m;
	enum calc_kind		 kind;
	/* Flattened and compiled by calc_compile(). */
	struct calc_choice	*choices;
	size_t			 nchoices;
	struct calc_part	*parts;
	size_t			 nparts;
	struct calc_item	**items;	/* all items, in order */
	size_t			 nitems;
	unsigned		 advice_mask;	/* bit k-1: choice k gets advice */
	const char		*source_html;
	int32_t			*prog;
	uint32_t		 words;
	int64_t			 lo, hi;	/* lowest and highest total */
	int			 ok;		/* compiled and valid */
};

/* Load stage: decode the front matter of a calculator page. */
int	calc_decode(arena *, struct ydoc *, struct page *);
/* Model stage (inside site_link): check, render the Markdown in the
 * definition, resolve its links, and compile the program. */
int	calc_compile(struct site *, struct page *);

#endif
