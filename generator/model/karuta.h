/*
 * karuta.h -- the karuta deck (content/karuta/deck.yaml): 46 cards, あ…ん
 * without ゐ and ゑ, each a 読み札 verse with its reading, an initial kana
 * (the 絵札), a theme and a 解説.  The site shows a gallery in 五十音
 * order, a page per card and a play mode; the print pack cuts them out.
 */
#ifndef MAMORU_KARUTA_H
#define MAMORU_KARUTA_H

#include "../load/schema.h"

struct site;
struct page;

struct karuta_card {
	fm_str		kana;
	fm_str		verse;
	fm_str		yomi;
	fm_str		theme;
	fm_str		kaisetsu;	/* Markdown, may hold {{fact}} */
	fm_str		guide;		/* content path: guides/backup.md */
	/* linked */
	int		 number;	/* 1..46 in 五十音 order of the kana */
	int		 yomi_ok;	/* the reading is well formed */
	const char	*slug;		/* romaji of the kana: "a", "shi", "n" */
	struct page	*page;		/* its own page */
	struct page	*guide_page;
};

struct karuta_deck {
	fm_str			 title;
	fm_str			 description;
	fm_list			 cards;		/* struct karuta_card */
	const char		*path;		/* content/karuta/deck.yaml */
	struct karuta_card	**sorted;	/* by reading, ICU ja order */
	size_t			 n;
};

/* The 46 initials in order, and their romaji (for URLs). */
extern const char *const karuta_kana[46];
extern const char *const karuta_romaji[46];

/* Load stage: read and check the deck.  Returns the number of errors. */
int	karuta_load(struct site *);
/* Model stage: card pages, guides, order; warnings for missing kana and
 * verses far from 五七五. */
int	karuta_link(struct site *);
void	karuta_free(struct karuta_deck *);

#endif
