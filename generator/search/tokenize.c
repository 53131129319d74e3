/*
 * tokenize.c -- cutting normalised text into search tokens (search.h).
 *
 * Japanese has no spaces and no dictionary here, so CJK runs become
 * overlapping character bigrams (ランサムウェア -> ラン ンサ サム ムウ ウェ ェア):
 * a query's bigrams are then a subset of the page's whenever the page
 * contains the query, whatever the word boundaries.  Latin letters and
 * digits form words.  In index mode the last character of each CJK run is
 * also emitted on its own, so that a one-character query can count its
 * occurrences exactly (docs/search.md, "One-character queries").
 *
 * Freestanding: nothing but <stdint.h>, no allocation.
 */
#include "search_int.h"

enum search_class
search_classify(uint32_t cp)
{
	if (cp < 0x80) {
		if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z'))
			return SEARCH_WORD;
		return SEARCH_SEP;
	}
	if (cp < 0x3000) {
		if (cp >= 0xC0 && cp <= 0x2AF)		/* Latin-1 .. IPA */
			return cp == 0xD7 || cp == 0xF7 ? SEARCH_SEP :
			    SEARCH_WORD;
		if (cp >= 0x300 && cp <= 0x36F)		/* combining marks */
			return SEARCH_WORD;
		if (cp >= 0x370 && cp <= 0x3FF)		/* Greek */
			return cp == 0x375 || cp == 0x37E || cp == 0x384 ||
			    cp == 0x385 || cp == 0x387 || cp == 0x3F6 ?
			    SEARCH_SEP : SEARCH_WORD;
		if (cp >= 0x400 && cp <= 0x4FF)		/* Cyrillic */
			return cp == 0x482 ? SEARCH_SEP : SEARCH_WORD;
		if (cp >= 0x1E00 && cp <= 0x1EFF)	/* Latin Ext. Additional */
			return SEARCH_WORD;
		return SEARCH_SEP;
	}
	if (cp <= 0x30FF) {
		if ((cp >= 0x3005 && cp <= 0x3007) || cp == 0x303B)
			return SEARCH_CJK;		/* 々 〆 〇 〻 */
		if ((cp >= 0x3041 && cp <= 0x3096) ||
		    (cp >= 0x309D && cp <= 0x309F))
			return SEARCH_CJK;		/* hiragana */
		if ((cp >= 0x30A1 && cp <= 0x30FA) ||
		    (cp >= 0x30FC && cp <= 0x30FF))
			return SEARCH_CJK;		/* katakana, ー; not ・ */
		return SEARCH_SEP;
	}
	if ((cp >= 0x31F0 && cp <= 0x31FF) ||		/* small katakana */
	    (cp >= 0x3400 && cp <= 0x4DBF) ||		/* CJK Ext. A */
	    (cp >= 0x4E00 && cp <= 0x9FFF) ||		/* CJK */
	    (cp >= 0xAC00 && cp <= 0xD7A3) ||		/* Hangul syllables */
	    (cp >= 0xF900 && cp <= 0xFAFF) ||		/* CJK compatibility */
	    (cp >= 0x20000 && cp <= 0x3FFFF))		/* CJK Ext. B and on */
		return SEARCH_CJK;
	return SEARCH_SEP;
}

struct tok {
	uint32_t		 flags;
	search_token_fn		 fn;
	void			*ctx;
	int			 rc;
	/* the word being read */
	char			 word[SEARCH_KEY_MAX];
	uint32_t		 wlen, wstart, wend;
	int			 in_word, wfull;
	/* the CJK run being read: its last character */
	uint32_t		 run, prev, pstart, pend;
};

static void
emit(struct tok *tk, const char *key, uint32_t len, uint32_t kind,
    uint32_t start, uint32_t end, uint32_t first_end)
{
	struct search_token t;

	if (tk->rc != 0)
		return;
	t.key = key;
	t.len = len;
	t.kind = kind;
	t.start = start;
	t.end = end;
	t.first_end = first_end;
	tk->rc = tk->fn(&t, tk->ctx);
}

static void
end_word(struct tok *tk)
{
	if (tk->in_word)
		emit(tk, tk->word, tk->wlen, SEARCH_TOKEN_WORD, tk->wstart,
		    tk->wend, tk->wend);
	tk->in_word = 0;
}

static void
end_run(struct tok *tk)
{
	char		key[4];
	uint32_t	len;

	if (tk->run == 1 ||
	    (tk->run > 1 && (tk->flags & SEARCH_INDEX_MODE))) {
		len = search_utf8_put(key, tk->prev);
		emit(tk, key, len, tk->run == 1 ? SEARCH_TOKEN_SINGLE :
		    SEARCH_TOKEN_FINAL, tk->pstart, tk->pend, tk->pend);
	}
	tk->run = 0;
}

static int
on_cp(uint32_t cp, uint32_t start, uint32_t end, void *ctx)
{
	struct tok	*tk = ctx;
	char		 key[8], enc[4];
	uint32_t	 len, n;

	if (!(tk->flags & SEARCH_NO_KANA_FOLD))
		cp = search_fold_kana(cp);
	switch (search_classify(cp)) {
	case SEARCH_WORD:
		end_run(tk);
		if (!tk->in_word) {
			tk->in_word = 1;
			tk->wfull = 0;
			tk->wlen = 0;
			tk->wstart = start;
			tk->wend = end;
		}
		tk->wstart = search_min(tk->wstart, start);
		tk->wend = search_max(tk->wend, end);
		n = search_utf8_put(enc, cp);
		if (tk->wfull || tk->wlen + n > SEARCH_KEY_MAX) {
			tk->wfull = 1;		/* the key stays cut here */
			break;
		}
		for (len = 0; len < n; len++)
			tk->word[tk->wlen++] = enc[len];
		break;
	case SEARCH_CJK:
		end_word(tk);
		if (tk->run > 0) {
			len = search_utf8_put(key, tk->prev);
			len += search_utf8_put(key + len, cp);
			emit(tk, key, len, SEARCH_TOKEN_BIGRAM,
			    search_min(tk->pstart, start),
			    search_max(tk->pend, end), tk->pend);
		}
		tk->run++;
		tk->prev = cp;
		tk->pstart = start;
		tk->pend = end;
		break;
	default:
		end_word(tk);
		end_run(tk);
		break;
	}
	return tk->rc;
}

int
search_tokenize(const struct search_table *t, const char *s, uint32_t n,
    uint32_t flags, search_token_fn fn, void *ctx)
{
	struct tok tk;

	tk.flags = flags;
	tk.fn = fn;
	tk.ctx = ctx;
	tk.rc = 0;
	tk.in_word = 0;
	tk.wlen = 0;
	tk.run = 0;
	if (search_normalize(t, s, n, on_cp, &tk) == 0) {
		end_word(&tk);
		end_run(&tk);
	}
	return tk.rc;
}
