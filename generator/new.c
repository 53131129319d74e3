/*
 * new.c -- `mamoru new guide|checklist|calculator NAME` and
 * `mamoru new karuta KANA`: a starter file that already passes `mamoru
 * check`, every field explained in Japanese comments for the office staff
 * who keep the content.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "build.h"
#include "core/buf.h"
#include "core/fs.h"
#include "model/karuta.h"
#include "new.h"

static const char guide_text[] =
"---\n"
"# ページの題名（必須）。一覧や検索結果、ブラウザのタブに出ます\n"
"title: %s\n"
"# 題名の下と一覧に出る、ひとことの説明\n"
"summary: このページで分かることを、ひとことで書きます。\n"
"# 一覧での並び順（小さい数ほど前）\n"
"order: 100\n"
"# 分類（一覧に表示されます）\n"
"tags: [基本]\n"
"# だれ向けか: 経営者、従業員、全員 のどれか\n"
"audience: 全員\n"
"# ロビーのタッチパネル（キオスク）にも出すなら true\n"
"kiosk: false\n"
"# 最後に内容を確かめた日（YYYY-MM-DD）\n"
"updated: %s\n"
"# 書きかけのあいだは true（公開されません）。できたら false に\n"
"draft: true\n"
"#\n"
"# 本文の書き方（くわしくは docs/content.md）:\n"
"#   見出しは「## 見出し」、箇条書きは「- 項目」\n"
"#   調査の数字は直接書かずに {{fact ID}}（ID は content/facts.yaml。出典が付きます）\n"
"#   ほかのページへのリンクは [5か条](5kajo.md) のように .md のファイル名で\n"
"---\n"
"\n"
"## はじめに\n"
"\n"
"ここに本文を書きます。\n";

static const char checklist_text[] =
"---\n"
"# チェックリストの題名（必須）\n"
"title: %s\n"
"# ページは <slug>/ に作られます（半角英小文字・数字・ハイフン）\n"
"slug: %s\n"
"# checklist: できている・まだ の2択で、できている数を数えます\n"
"kind: checklist\n"
"summary: 当てはまるものにチェックを付けてみましょう。\n"
"order: 100\n"
"# 引用した文があるときは、出典をここに書きます（なければ消します）\n"
"source: このチェックリストは、このサイトが作成したものです。\n"
"# 項目。text は質問、short は短い名前、advice は「まだ」のときの次の一歩\n"
"items:\n"
"  - text: 1つ目の項目です。できていますか？\n"
"    short: 1つ目\n"
"    advice: まだのときに、まず何をすればよいかを1〜2文で書きます。\n"
"  - text: 2つ目の項目です。できていますか？\n"
"    short: 2つ目\n"
"    advice: まだのときに、まず何をすればよいかを1〜2文で書きます。\n"
"---\n"
"\n"
"チェックリストの前に出る説明です。何のためのリストかを書きます。\n";

static const char calculator_text[] =
"---\n"
"# 診断の題名（必須）\n"
"title: %s\n"
"# ページは <slug>/ に作られます（半角英小文字・数字・ハイフン）\n"
"slug: %s\n"
"# score: 答えに点数を付けて合計します\n"
"kind: score\n"
"summary: いくつかの質問に答えて、点数で確かめます。\n"
"order: 100\n"
"source: この診断は、このサイトが作成したものです。\n"
"# 答えの選び方。最初の選択肢がいちばん良い答え（いちばん高い点）です\n"
"choices:\n"
"  - label: している\n"
"    points: 2\n"
"  - label: 一部している\n"
"    points: 1\n"
"  - label: していない\n"
"    points: 0\n"
"# 質問。parts でまとまりに分けることもできます（docs/calculators.md）\n"
"items:\n"
"  - text: 1つ目の質問です。していますか？\n"
"    short: 1つ目\n"
"    advice: していないときの次の一歩を書きます。\n"
"  - text: 2つ目の質問です。していますか？\n"
"    short: 2つ目\n"
"    advice: していないときの次の一歩を書きます。\n"
"# 点数の区切り。0点から最高点まで、すき間も重なりもなく分けます\n"
"bands:\n"
"  - min: 4\n"
"    max: 4\n"
"    label: よくできています\n"
"    message: この調子で続けましょう。\n"
"  - min: 2\n"
"    max: 3\n"
"    label: あと一歩\n"
"    message: 「していない」の項目から始めましょう。\n"
"  - min: 0\n"
"    max: 1\n"
"    label: これから\n"
"    message: 1つずつ始めれば大丈夫です。\n"
"---\n"
"\n"
"診断の前に出る説明です。何が分かるか、何分くらいかかるかを書きます。\n";

static const char deck_head[] =
"# かるたの札です。1枚ごとに「- kana:」から始まります。\n"
"#   kana     … 札の頭の文字（ひらがな1文字。あ〜ん、ゐ・ゑ は使いません）\n"
"#   verse    … 読み札の句（五七五。句の間は全角スペース）\n"
"#   yomi     … 句の読み（ひらがな。句の間は半角スペース）。最初の音が kana と同じ\n"
"#   theme    … テーマ（パスワード、メール など）\n"
"#   kaisetsu … 解説（100字くらい）。数字は {{fact ID}} で書きます\n"
"#   guide    … 関係の深いページ（content/ からの場所。なくてもかまいません）\n"
"title: 情報セキュリティかるた\n"
"cards:\n";

static const char card_text[] =
"  - kana: %s\n"
"    verse: %sいうえお　ここに七音　書きましょう\n"
"    yomi: %sいうえお ここにななおと かきましょう\n"
"    theme: テーマ\n"
"    kaisetsu: ここに解説を書きます。何に気をつけ、何をすればよいかを、100字くらいで。\n";

/* "passwords" -> "passwords"; NAME must be a slug. */
static int
is_slug(const char *s)
{
	const char *p;

	if (*s == '\0' || *s == '-')
		return 0;
	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    (*p == '-' && p[1] != '-' && p[1] != '\0')))
			return 0;
	return 1;
}

static int
write_new(const char *path, const buf *text)
{
	if (fs_is_file(path)) {
		fprintf(stderr, "mamoru: %s はもうあります。別の名前にしてください\n",
		    path);
		return EXIT_USAGE;
	}
	if (fs_write(path, text->data, text->len) == -1) {
		fprintf(stderr, "mamoru: %s を書けません: %s\n", path,
		    strerror(errno));
		return EXIT_USAGE;
	}
	printf("%s を作りました。内容を書き換えて、mamoru check で確かめて"
	    "ください。\n", path);
	return 0;
}

static int
new_card(const char *site, const char *kana)
{
	buf	path = BUF_INIT, text = BUF_INIT;
	int	i, rc;

	for (i = 0; i < 46; i++)
		if (strcmp(kana, karuta_kana[i]) == 0)
			break;
	if (i == 46) {
		fprintf(stderr, "mamoru: かるたの札は頭の文字（あ〜ん のひらがな"
		    "1文字）で作ります。例: mamoru new karuta あ\n");
		return EXIT_USAGE;
	}
	buf_printf(&path, "%s/content/karuta/deck.yaml", site);
	if (!fs_is_file(path.data)) {
		buf_puts(&text, deck_head);
		buf_printf(&text, card_text, kana, kana, kana);
		rc = write_new(path.data, &text);
	} else {
		/* Add the card at the end of the deck. */
		buf old = BUF_INIT;

		buf	 probe = BUF_INIT;

		rc = EXIT_USAGE;
		buf_printf(&probe, "kana: %s\n", kana);
		if (fs_read(path.data, &old) == 0 &&
		    strstr(buf_str(&old), probe.data) != NULL)
			fprintf(stderr, "mamoru: 「%s」の札はもうあります\n", kana);
		else if (old.len > 0 || fs_is_file(path.data)) {
			buf_append(&text, old.data, old.len);
			if (text.len > 0 && text.data[text.len - 1] != '\n')
				buf_putc(&text, '\n');
			buf_printf(&text, card_text, kana, kana, kana);
			if (fs_write(path.data, text.data, text.len) == 0) {
				printf("%s の最後に「%s」の札を足しました。句と"
				    "解説を書き換えて、mamoru check で確かめて"
				    "ください。\n", path.data, kana);
				rc = 0;
			}
		}
		buf_free(&old);
		buf_free(&probe);
	}
	buf_free(&path);
	buf_free(&text);
	return rc;
}

int
new_file(const char *site, const char *what, const char *name,
    const char *today)
{
	buf	path = BUF_INIT, text = BUF_INIT;
	int	rc;

	if (strcmp(what, "karuta") == 0)
		return new_card(site, name);
	if (!is_slug(name)) {
		fprintf(stderr, "mamoru: 名前 '%s' には半角の英小文字・数字・"
		    "ハイフンを使ってください（例: mamoru new guide "
		    "usb-memory）\n", name);
		return EXIT_USAGE;
	}
	if (strcmp(what, "guide") == 0) {
		buf_printf(&path, "%s/content/guides/%s.md", site, name);
		buf_printf(&text, guide_text, "新しいガイド", today);
	} else if (strcmp(what, "checklist") == 0) {
		buf_printf(&path, "%s/content/calculators/%s.md", site, name);
		buf_printf(&text, checklist_text, "新しいチェックリスト", name);
	} else if (strcmp(what, "calculator") == 0) {
		buf_printf(&path, "%s/content/calculators/%s.md", site, name);
		buf_printf(&text, calculator_text, "新しい診断", name);
	} else {
		fprintf(stderr, "mamoru: new で作れるのは guide、checklist、"
		    "calculator、karuta です（'%s' は作れません）\n", what);
		return EXIT_USAGE;
	}
	rc = write_new(path.data, &text);
	buf_free(&path);
	buf_free(&text);
	return rc;
}
