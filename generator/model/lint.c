/*
 * lint.c -- what `mamoru check` finds beyond the build's own checks, in
 * the text of every content file (Markdown and YAML):
 *   - Kangxi radicals and compatibility ideographs (U+2E80-U+2FDF,
 *     U+F900-U+FAFF), which look like ordinary kanji and arrive with text
 *     pasted from PDFs; `--fix` replaces them (NFKC);
 *   - half-width katakana (ﾊﾟｽﾜｰﾄﾞ); `--fix` makes them full width;
 *   - characters the print font (BIZ UDPGothic) does not have;
 *   - spelling variants against the project's small dictionary (ウィルス ->
 *     ウイルス), except inside 「quotations」, blockquotes and code, where
 *     official texts are quoted as written.
 * Emphasis left literal, images without alt text, broken links and facts
 * past review are reported by the stages that see them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/fs.h"
#include "../core/utf8.h"
#include "../text/text.h"
#include "lint.h"
#include "site.h"

/* Spellings the project writes one way (docs/content.md). */
static const struct {
	const char	*variant;
	const char	*preferred;
} dictionary[] = {
	{ "ウィルス", "ウイルス" },
	{ "ランサムウエア", "ランサムウェア" },
	{ "ソフトウエア", "ソフトウェア" },
	{ "漏洩", "漏えい" },
	{ "セキュリティー", "セキュリティ" },
	{ "Eメール", "メール" },
	{ "問合せ", "問い合わせ" },
	{ "問合わせ", "問い合わせ" },
	{ "取引き先", "取引先" },
	{ "コンピューターウイルス", "コンピュータウイルス" },
};

static int
lookalike(uint32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

static int
halfwidth_kana(uint32_t cp)
{
	return cp >= 0xFF61 && cp <= 0xFF9F;
}

struct fixes {
	buf	text;		/* the file, rewritten */
	int	n;
};

/* Lint one file's text; with fix, collect a rewritten copy. */
static int
lint_text(const char *path, const char *text, size_t len, int fix,
    int spelling, struct fixes *fx)
{
	size_t		i = 0, line_start = 0, k;
	unsigned	line = 1, col = 1;
	int		quote = 0, code_block = 0, code_span = 0, blockquote = 0;
	int		warnings = 0, font_missing_reported = 0;
	uint32_t	cp;

	if (fix)
		buf_truncate(&fx->text, 0);
	while (i < len) {
		size_t at = i;

		/* At a line start: fences and blockquotes. */
		if (at == line_start) {
			const char *p = text + at;
			size_t rest = len - at, sp = 0;

			while (sp < rest && sp < 3 && p[sp] == ' ')
				sp++;
			if (rest - sp >= 3 && (strncmp(p + sp, "```", 3) == 0 ||
			    strncmp(p + sp, "~~~", 3) == 0))
				code_block = !code_block;
			blockquote = sp < rest && p[sp] == '>';
		}
		cp = utf8_next(text, len, &i);
		if (cp == '\n') {
			if (fix)
				buf_putc(&fx->text, '\n');
			line++;
			col = 1;
			line_start = i;
			code_span = 0;
			continue;
		}
		if (cp == '`' && !code_block)
			code_span = !code_span;
		if (cp == 0x300C || cp == 0x300E)	/* 「『 */
			quote++;
		else if ((cp == 0x300D || cp == 0x300F) && quote > 0)
			quote--;

		if (lookalike(cp) || halfwidth_kana(cp)) {
			/* The whole run, for one message and one fix. */
			size_t	end = i, j = i;
			buf	nf = BUF_INIT;
			int	kangxi = lookalike(cp);

			while (j < len) {
				uint32_t c2 = utf8_next(text, len, &j);

				if (kangxi ? !lookalike(c2) : !halfwidth_kana(c2))
					break;
				end = j;
			}
			(void)text_nfkc(text + at, end - at, &nf);
			if (kangxi)
				diag_warning(src_at(path, line, col), "「%.*s」は"
				    "部首や互換用の文字で、ふつうの漢字「%s」と"
				    "見た目が同じでも別の文字です（PDF からの"
				    "コピーでよく入ります）。検索や読み上げで困るので"
				    "「%s」にしてください（mamoru check --fix で直せます）",
				    (int)(end - at), text + at, buf_str(&nf),
				    buf_str(&nf));
			else
				diag_warning(src_at(path, line, col), "半角カタカナ"
				    "「%.*s」は全角の「%s」にしてください（mamoru "
				    "check --fix で直せます）", (int)(end - at),
				    text + at, buf_str(&nf));
			warnings++;
			if (fix) {
				buf_append(&fx->text, nf.data, nf.len);
				fx->n++;
			}
			buf_free(&nf);
			for (j = at; j < end;) {
				(void)utf8_next(text, end, &j);
				col++;
			}
			i = end;
			continue;
		}
		/* Invisible format characters (a BOM, zero-width spaces,
		 * variation selectors) are not drawn; the loader already
		 * reports a BOM. */
		if (cp > 0x7F && !code_block && !code_span && cp != 0xFEFF &&
		    !(cp >= 0x200B && cp <= 0x200F) &&
		    !(cp >= 0xFE00 && cp <= 0xFE0F) &&
		    text_font_covers(cp) == 0 && font_missing_reported < 20) {
			diag_warning(src_at(path, line, col), "「%.*s」（U+%04X）は"
			    "印刷用のフォント（BIZ UDPゴシック）にない文字です。"
			    "配布資料では表示できないので、別の書き方にしてください",
			    (int)(i - at), text + at, (unsigned)cp);
			font_missing_reported++;
			warnings++;
		}
		if (spelling && quote == 0 && !blockquote && !code_block &&
		    !code_span)
			for (k = 0; k < sizeof(dictionary) / sizeof(dictionary[0]);
			    k++) {
				size_t vl = strlen(dictionary[k].variant);

				if (len - at < vl || memcmp(text + at,
				    dictionary[k].variant, vl) != 0)
					continue;
				diag_warning(src_at(path, line, col), "「%s」は"
				    "このサイトでは「%s」と書きます（用語の"
				    "表記をそろえるため）", dictionary[k].variant,
				    dictionary[k].preferred);
				warnings++;
				break;
			}
		if (fix)
			buf_append(&fx->text, text + at, i - at);
		col++;
	}
	return warnings;
}

static void
lint_file(const char *path, int fix, int spelling, int *fixed)
{
	buf		text = BUF_INIT;
	struct fixes	fx;

	memset(&fx, 0, sizeof(fx));
	/* A file that is not UTF-8 is an error of its own already. */
	if (fs_read(path, &text) == -1 ||
	    utf8_invalid_at(text.data, text.len) != (size_t)-1) {
		buf_free(&text);
		return;
	}
	(void)lint_text(path, text.data, text.len, fix, spelling, &fx);
	if (fix && fx.n > 0) {
		if (fs_write(path, fx.text.data, fx.text.len) == 0)
			*fixed += fx.n;
		else
			diag_error(src_at(path, 0, 0), "書き込めないので直せません"
			    "でした");
	}
	buf_free(&text);
	buf_free(&fx.text);
}

int
lint_site(struct site *s, int fix)
{
	size_t	i;
	int	fixed = 0;
	buf	p = BUF_INIT;

	buf_printf(&p, "%s/site.yaml", s->content);
	lint_file(p.data, fix, 1, &fixed);
	buf_free(&p);
	for (i = 0; i < s->npages; i++)
		if (s->pages[i]->has_src && s->pages[i]->src.path != NULL)
			lint_file(s->pages[i]->src.path, fix, 1, &fixed);
	if (s->facts.path != NULL)
		lint_file(s->facts.path, fix, 1, &fixed);
	/* The glossary lists the variants on purpose, as aliases. */
	if (s->glossary.path != NULL)
		lint_file(s->glossary.path, fix, 0, &fixed);
	if (s->karuta.path != NULL)
		lint_file(s->karuta.path, fix, 1, &fixed);
	text_font_done();
	return fixed;
}
