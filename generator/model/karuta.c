/*
 * karuta.c -- the karuta deck (see karuta.h and docs/content.md).
 */
#include <stdlib.h>
#include <string.h>

#include "../core/fs.h"
#include "../core/utf8.h"
#include "../text/text.h"
#include "karuta.h"
#include "site.h"

#define FIELD(type_, key, t, fl, ex) \
	{ #key, t, fl, offsetof(type_, key), NULL, NULL, ex }

const char *const karuta_kana[46] = {
	"あ", "い", "う", "え", "お", "か", "き", "く", "け", "こ",
	"さ", "し", "す", "せ", "そ", "た", "ち", "つ", "て", "と",
	"な", "に", "ぬ", "ね", "の", "は", "ひ", "ふ", "へ", "ほ",
	"ま", "み", "む", "め", "も", "や", "ゆ", "よ",
	"ら", "り", "る", "れ", "ろ", "わ", "を", "ん",
};

const char *const karuta_romaji[46] = {
	"a", "i", "u", "e", "o", "ka", "ki", "ku", "ke", "ko",
	"sa", "shi", "su", "se", "so", "ta", "chi", "tsu", "te", "to",
	"na", "ni", "nu", "ne", "no", "ha", "hi", "fu", "he", "ho",
	"ma", "mi", "mu", "me", "mo", "ya", "yu", "yo",
	"ra", "ri", "ru", "re", "ro", "wa", "wo", "n",
};

static const struct field card_fields[] = {
	FIELD(struct karuta_card, kana, F_STRING, F_REQUIRED, "あ"),
	FIELD(struct karuta_card, verse, F_STRING, F_REQUIRED,
	    "あやしいな　開く前に　ひと呼吸"),
	FIELD(struct karuta_card, yomi, F_STRING, F_REQUIRED,
	    "あやしいな ひらくまえに ひとこきゅう"),
	FIELD(struct karuta_card, theme, F_STRING, F_REQUIRED, "フィッシング"),
	FIELD(struct karuta_card, kaisetsu, F_STRING, F_REQUIRED,
	    "知らない人からのメールの添付ファイルは…"),
	FIELD(struct karuta_card, guide, F_STRING, 0, "guides/email-phishing.md"),
};
static const struct schema card_schema = {
	"cards の札", card_fields, sizeof(card_fields) / sizeof(card_fields[0]),
	sizeof(struct karuta_card)
};

static const struct field deck_fields[] = {
	FIELD(struct karuta_deck, title, F_STRING, F_REQUIRED,
	    "情報セキュリティかるた"),
	FIELD(struct karuta_deck, description, F_STRING, 0, NULL),
	{ "cards", F_LIST, F_REQUIRED, offsetof(struct karuta_deck, cards), NULL,
	    &card_schema, NULL },
};
static const struct schema deck_schema = {
	"deck.yaml", deck_fields, 3, sizeof(struct karuta_deck)
};

static int
kana_index(const char *s)
{
	int i;

	for (i = 0; i < 46; i++)
		if (strcmp(s, karuta_kana[i]) == 0)
			return i;
	return -1;
}

/* The reading: hiragana, ー and single spaces between phrases. */
static int
valid_yomi(const char *s)
{
	size_t		i = 0, n = strlen(s);
	uint32_t	cp;

	while (i < n) {
		cp = utf8_next(s, n, &i);
		if (!((cp >= 0x3041 && cp <= 0x3096) || cp == 0x30FC ||
		    cp == ' '))
			return 0;
	}
	return n > 0;
}

static void
check_card(struct karuta_card *c)
{
	size_t		 i = 0, n;
	uint32_t	 first, want;
	int		 k;

	if (c->kana.s == NULL || c->yomi.s == NULL)
		return;
	k = kana_index(c->kana.s);
	if (k < 0) {
		diag_error(c->kana.pos, "kana には あ〜ん のひらがなを1文字書いて"
		    "ください（ゐ・ゑ は使いません。'%s' は使えません）",
		    c->kana.s);
		return;
	}
	c->number = k + 1;
	c->slug = karuta_romaji[k];
	if (!valid_yomi(c->yomi.s)) {
		diag_error(c->yomi.pos, "yomi（読み）はひらがなと「ー」で書き、"
		    "句の間は半角スペースで区切ってください");
		return;
	}
	c->yomi_ok = 1;
	n = c->yomi.len;
	first = utf8_next(c->yomi.s, n, &i);
	i = 0;
	want = utf8_next(c->kana.s, c->kana.len, &i);
	/* を and ん are matched as written (decks spell them out); the
	 * others by their plain kana: が counts as か, ゃ as や. */
	if (want == 0x3092 || want == 0x3093 ? first != want :
	    text_kana_plain(first) != want)
		diag_error(c->yomi.pos, "読み「%s」は「%s」で始まっていません。"
		    "札の頭の文字（kana: %s）と、読みの最初の音を合わせて"
		    "ください", c->yomi.s, c->kana.s, c->kana.s);
}

int
karuta_load(struct site *s)
{
	struct karuta_deck	*d = &s->karuta;
	struct source		 src;
	struct ydoc		 y;
	buf			 path = BUF_INIT;
	size_t			 before = diag_error_count(), i, j;

	memset(d, 0, sizeof(*d));
	buf_printf(&path, "%s/karuta/deck.yaml", s->content);
	if (!fs_is_file(path.data)) {
		buf_free(&path);
		return 0;
	}
	d->path = arena_strdup(&s->a, path.data);
	buf_free(&path);
	memset(&src, 0, sizeof(src));
	if (source_read(&src, d->path) == 0) {
		if (ydoc_load(&y, d->path, src.text.data, src.text.len, 1) == 0)
			(void)schema_decode(&s->a, &y, ydoc_root(&y),
			    &deck_schema, d, src_at(d->path, 1, 1));
		ydoc_free(&y);
	}
	source_free(&src);
	for (i = 0; i < d->cards.n; i++) {
		struct karuta_card *c = (struct karuta_card *)d->cards.items + i;

		check_card(c);
		if (c->number == 0)
			continue;
		for (j = 0; j < i; j++) {
			const struct karuta_card *o =
			    (const struct karuta_card *)d->cards.items + j;

			if (o->number == c->number) {
				diag_error(c->kana.pos, "頭の文字「%s」の札が2枚"
				    "あります（%u 行目にもあります）。1つの文字に"
				    "札は1枚です", c->kana.s, o->kana.pos.line);
				break;
			}
		}
	}
	return (int)(diag_error_count() - before);
}

static int
card_cmp(const void *va, const void *vb)
{
	const struct karuta_card *a = *(struct karuta_card *const *)va;
	const struct karuta_card *b = *(struct karuta_card *const *)vb;
	int c = text_collate_ja(a->yomi.s, b->yomi.s);

	return c != 0 ? c : a->number - b->number;
}

/* Warn about a verse far from 五七五: not three phrases, or a phrase two
 * morae or more off 5, 7, 5 (one extra mora, 字余り, is common). */
static void
check_rhythm(const struct karuta_card *c)
{
	static const size_t want[3] = { 5, 7, 5 };
	const char	*p = c->yomi.s, *sp;
	size_t		 m[8], n = 0, k;
	int		 off = 0;
	buf		 counts = BUF_INIT;

	while (n < 8) {
		sp = strchr(p, ' ');
		m[n++] = text_morae(p, sp ? (size_t)(sp - p) : strlen(p));
		if (sp == NULL)
			break;
		p = sp + 1;
	}
	for (k = 0; k < n; k++)
		buf_printf(&counts, "%s%zu", k ? "・" : "", m[k]);
	if (n != 3)
		off = 1;
	for (k = 0; k < n && n == 3; k++)
		if (m[k] + 1 < want[k] || m[k] > want[k] + 1)
			off = 1;
	if (off)
		diag_warning(c->yomi.pos, "「%s」の札の読みは %s 音です。五七五に"
		    "近づけると覚えやすくなります（句の間は半角スペース）",
		    c->kana.s, buf_str(&counts));
	buf_free(&counts);
}

int
karuta_link(struct site *s)
{
	struct karuta_deck	*d = &s->karuta;
	size_t			 before = diag_error_count(), i;
	unsigned char		 have[46] = { 0 };
	buf			 missing = BUF_INIT;
	int			 nmissing = 0;

	if (d->path == NULL)
		return 0;
	d->sorted = xmalloc((d->cards.n + 1) * sizeof(*d->sorted));
	for (i = 0; i < d->cards.n; i++) {
		struct karuta_card *c = (struct karuta_card *)d->cards.items + i;

		if (c->number == 0 || c->page == NULL)
			continue;
		have[c->number - 1] = 1;
		d->sorted[d->n++] = c;
		if (c->yomi_ok)
			check_rhythm(c);
		if (c->kaisetsu.s != NULL)
			(void)site_markdown(s, c->page, &c->kaisetsu, 0,
			    &c->page->html);
		if (c->guide.s != NULL) {
			const char *rel = c->guide.s[0] == '/' ? c->guide.s + 1 :
			    c->guide.s;

			c->guide_page = site_page_by_rel(s, rel);
			if (c->guide_page == NULL || c->guide_page->out == NULL)
				diag_error(c->guide.pos, "guide のページ '%s' が"
				    "ありません。content/ からの .md のパス（例: "
				    "guides/backup.md）を書いてください",
				    c->guide.s);
		}
	}
	if (d->n > 1)
		qsort(d->sorted, d->n, sizeof(*d->sorted), card_cmp);
	for (i = 0; i < 46; i++)
		if (!have[i]) {
			buf_printf(&missing, "%s", karuta_kana[i]);
			nmissing++;
		}
	if (nmissing > 0)
		diag_warning(src_at(d->path, 0, 0), "まだ札のない文字が %d "
		    "文字あります: %s（46枚そろうと完成です）", nmissing,
		    buf_str(&missing));
	buf_free(&missing);
	return (int)(diag_error_count() - before);
}

void
karuta_free(struct karuta_deck *d)
{
	free(d->sorted);
	d->sorted = NULL;
	d->n = 0;
}
