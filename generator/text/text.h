/*
 * text.h -- Japanese text services over ICU.  This folder is the only place
 * that includes ICU headers.
 */
#ifndef MAMORU_TEXT_H
#define MAMORU_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "../core/buf.h"

/*
 * Should a source line break between these two characters vanish?  This is
 * the CSS Text 3 segment-break rule that browsers do not implement: remove
 * the break when both neighbours have East Asian Width F, W or H (not A) and
 * neither is Hangul.  So 「対策を\nしましょう」 joins, "two\nwords" keeps
 * its space.
 */
int	text_join_lines(uint32_t before, uint32_t after);

/*
 * Append the anchor id for a heading's plain text: letters, digits and marks
 * of any script are kept (Latin lower-cased), white space becomes '-',
 * punctuation and symbols are dropped.  「パスワードの決め方」 ->
 * "パスワードの決め方"; "Step 1: Backup" -> "step-1-backup".
 */
void	text_heading_id(buf *, const char *text, size_t len);

/* Compare two strings in Japanese dictionary order (ICU's "ja"
 * collation: kana by 五十音, voiced after unvoiced). */
int	text_collate_ja(const char *a, const char *b);
/* Release the collator (for leak checkers). */
void	text_collate_done(void);
/* The 五十音 row of a reading's first character: "あ行" … "わ行", or
 * "英数字", "その他". */
const char *text_kana_row(const char *reading);

/* A kana as karuta decks compare initials: katakana as hiragana, without
 * 濁点/半濁点 (ICU's canonical decomposition) and small kana made full
 * size: が -> か, ぱ -> は, ゃ -> や, ッ -> つ. */
uint32_t text_kana_plain(uint32_t cp);
/* The number of morae of kana text: small ゃゅょぁぃぅぇぉゎ join the kana
 * before them; っ and ー count; anything else (spaces) does not. */
size_t	text_morae(const char *kana, size_t len);

/* Append the NFKC form of s (a Kangxi radical becomes the ideograph,
 * half-width katakana full width).  Returns 0 or -1. */
int	text_nfkc(const char *s, size_t n, buf *out);

/* A face found by fontconfig: really that family and weight (fontconfig
 * otherwise answers with its nearest font), in TrueType outlines. */
struct text_face {
	char	*file;
	int	 index;		/* in a collection */
	void	*charset;	/* FcCharSet * */
};
/* Regular or bold of `family`: 0, or -1 if it is not installed. */
int	text_font_find(const char *family, int bold, struct text_face *);
int	text_face_covers(const struct text_face *, uint32_t cp);
void	text_face_free(struct text_face *);
/* Does the print font (BIZ UDPGothic, through fontconfig) have cp?
 * 1 yes, 0 no, -1 the font is not installed. */
int	text_font_covers(uint32_t cp);
/*
 * Only the file of a face (*file to free): the same answer as
 * text_font_find(), but from the previous build's memo when fontconfig's
 * configuration, fonts and environment are as they were then (font.c).
 * text_font_memo_use() takes the memo's lines (from OUT/.cache) and
 * checks them; text_font_memo_write() appends this run's.
 */
int	text_font_file(const char *family, int bold, char **file, int *index);
/* (text_font_file(): 0, -1 not installed, -2 the heavy module is missing,
 * which heavy_get() reported.) */
void	text_font_memo_use(const char *text, size_t len);
void	text_font_memo_write(buf *out);
/* Forget the memo (fontconfig itself is released by print_fini()). */
void	text_font_done(void);
/* The heavy module's side (font_fc.c): text_font_covers()'s answer, the
 * files and folders fontconfig's answers depend on (-1 if it was not
 * loaded in this run), and its release. */
int	font_fc_covers(uint32_t cp);
int	font_fc_deps(void (*add)(void *, const char *), void *ctx);
void	font_fc_fini(void);

/* Is cp Japanese punctuation (CJK symbols, full-width ASCII punctuation)? */
int	text_is_cjk_punct(uint32_t cp);

#endif
