/*
 * source.c -- content file reading, front matter, YAML with positions.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/fs.h"
#include "../core/hash.h"
#include "source.h"

static src_pos
pos_at(const struct source *s, size_t off)
{
	src_pos p = { s->path, 0, 0 };

	line_index_pos(&s->lines, off, &p.line, &p.col);
	return p;
}

static int
check_encoding(struct source *s)
{
	size_t	 bad, i, j, ncr = 0;
	char	*t;

	if (s->text.len >= 3 && memcmp(s->text.data, "\xEF\xBB\xBF", 3) == 0) {
		diag_error(src_at(s->path, 1, 1),
		    "ファイルの先頭に BOM（バイト順マーク U+FEFF）があります。"
		    "エディタで「UTF-8（BOM なし）」を選んで保存し直してください");
		memmove(s->text.data, s->text.data + 3, s->text.len - 2);
		s->text.len -= 3;
	}
	if ((bad = utf8_invalid_at(s->text.data, s->text.len)) != (size_t)-1) {
		line_index_init(&s->lines, s->text.data, s->text.len);
		diag_error(pos_at(s, bad),
		    "UTF-8 として読めないバイト（0x%02X）があります。文字コードが "
		    "Shift_JIS などになっていないか確かめ、UTF-8 で保存し直して"
		    "ください", (unsigned char)s->text.data[bad]);
		return -1;
	}
	t = s->text.data;
	if (memchr(t, '\r', s->text.len) != NULL)
		for (i = 0; i < s->text.len; i++)
			if (t[i] == '\r')
				ncr++;
	if (ncr != 0) {
		line_index_init(&s->lines, s->text.data, s->text.len);
		diag_error(pos_at(s, (size_t)(strchr(t, '\r') - t)),
		    "改行コードが CRLF（Windows 形式）です（%zu か所）。"
		    "エディタで改行コードを LF にして保存し直してください", ncr);
		line_index_free(&s->lines);
		/* Go on with LF, so the rest of the file is still checked;
		 * columns do not change since CR ends a line. */
		for (i = j = 0; i < s->text.len; i++)
			if (t[i] != '\r' || i + 1 >= s->text.len ||
			    t[i + 1] != '\n')
				t[j++] = t[i] == '\r' ? '\n' : t[i];
		buf_truncate(&s->text, j);
	}
	line_index_init(&s->lines, s->text.data, s->text.len);
	if (memchr(t, '\0', s->text.len) != NULL) {
		diag_error(pos_at(s, (size_t)((char *)memchr(t, '\0',
		    s->text.len) - t)), "NUL 文字（U+0000）が含まれています。"
		    "テキストファイルとして保存し直してください");
		return -1;
	}
	return 0;
}

int
source_from_memory(struct source *s, const char *path, const char *p,
    size_t n)
{
	memset(s, 0, sizeof(*s));
	s->path = xstrdup(path);
	buf_append(&s->text, p, n);
	return check_encoding(s);
}

int
source_read(struct source *s, const char *path)
{
	memset(s, 0, sizeof(*s));
	s->path = xstrdup(path);
	if (fs_read(path, &s->text) == -1) {
		diag_error(src_at(s->path, 0, 0), "読み込めません: %s",
		    strerror(errno));
		return -1;
	}
	return check_encoding(s);
}

void
source_free(struct source *s)
{
	free(s->path);
	buf_free(&s->text);
	line_index_free(&s->lines);
	memset(s, 0, sizeof(*s));
}

/* Is the line starting at off exactly `mark` (trailing blanks allowed)?
 * Sets *next to the start of the following line. */
static int
fence_line(const char *t, size_t len, size_t off, const char *mark,
    size_t *next)
{
	size_t n = strlen(mark), i;

	if (off + n > len || memcmp(t + off, mark, n) != 0)
		return 0;
	for (i = off + n; i < len && (t[i] == ' ' || t[i] == '\t'); i++)
		;
	if (i < len && t[i] != '\n')
		return 0;
	*next = i < len ? i + 1 : i;
	return 1;
}

int
source_split_front_matter(struct source *s)
{
	const char	*t = buf_str(&s->text);
	size_t		 len = s->text.len, off, next;
	unsigned	 line;

	if (!fence_line(t, len, 0, "---", &next)) {
		diag_error(src_at(s->path, 1, 1),
		    "フロントマターがありません。ファイルの 1 行目は \"---\" "
		    "だけの行にして、その下に title: などを書き、もう一度 "
		    "\"---\" の行で閉じてください");
		return -1;
	}
	s->fm_off = next;
	s->fm_line = 2;
	for (off = next, line = 2; off < len; line++) {
		const char *nl;

		if (fence_line(t, len, off, "---", &next) ||
		    fence_line(t, len, off, "...", &next)) {
			s->fm_len = off - s->fm_off;
			s->body_off = next;
			return 0;
		}
		if ((nl = memchr(t + off, '\n', len - off)) == NULL)
			break;
		off = (size_t)(nl - t) + 1;
	}
	diag_error(src_at(s->path, 1, 1),
	    "フロントマターが閉じられていません。title: などの下に \"---\" "
	    "だけの行を入れてください");
	return -1;
}

/* ----- YAML ------------------------------------------------------------ */

/* libyaml's messages are English and terse; add a hint in Japanese for
 * the mistakes office staff actually make. */
static const char *
yaml_hint(const char *problem)
{
	static const struct {
		const char *problem, *hint;
	} hints[] = {
		{ "mapping values are not allowed",
		  "値の中に \": \"（コロンと空白）があるようです。"
		  "値全体を \"...\" で囲んでください" },
		{ "found character that cannot start any token",
		  "タブ文字や、値の先頭の @ ` などの記号は使えません。"
		  "字下げは半角スペースで、記号で始まる値は \"...\" で囲んでください" },
		{ "did not find expected key",
		  "字下げ（行頭の空白の数）がそろっていないか、"
		  "値の途中で引用符が閉じられていません" },
		{ "found unexpected end of stream",
		  "引用符（\" や '）が閉じられていません" },
		{ "could not find expected ':'",
		  "\"キー: 値\" の形になっていない行があります。"
		  "コロンのあとに半角スペースが必要です" },
		{ "found undefined tag handle", "! で始まる値は \"...\" で囲んでください" },
		{ "did not find expected ',' or ']'",
		  "[ ] のリストが閉じられていないか、区切りの , が足りません" },
		{ "found unknown escape character",
		  "\"...\" の中の \\ は \\\\ と書いてください" },
		{ "did not find expected node content",
		  "値が書かれていない場所があります" },
		{ "block sequence entries are not allowed",
		  "\"- \" で始まるリストの字下げが合っていません" },
	};
	size_t i;

	for (i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
		if (strstr(problem, hints[i].problem) != NULL)
			return hints[i].hint;
	return NULL;
}

static int
check_duplicate_keys(struct ydoc *y)
{
	yaml_node_t	*n;
	int		 errs = 0;

	for (n = y->doc.nodes.start; n < y->doc.nodes.top; n++) {
		yaml_node_pair_t *a, *b;

		if (n->type != YAML_MAPPING_NODE)
			continue;
		for (a = n->data.mapping.pairs.start;
		    a < n->data.mapping.pairs.top; a++)
			for (b = n->data.mapping.pairs.start; b < a; b++) {
				yaml_node_t *ka = ydoc_node(y, a->key);
				yaml_node_t *kb = ydoc_node(y, b->key);

				if (ka == NULL || kb == NULL ||
				    ka->type != YAML_SCALAR_NODE ||
				    kb->type != YAML_SCALAR_NODE ||
				    ka->data.scalar.length !=
				    kb->data.scalar.length ||
				    memcmp(ka->data.scalar.value,
				    kb->data.scalar.value,
				    ka->data.scalar.length) != 0)
					continue;
				diag_error(ydoc_pos(y, ka),
				    "キー '%s' が 2 回書かれています（最初は %u "
				    "行目）。どちらか一方を消してください",
				    (const char *)ka->data.scalar.value,
				    ydoc_pos(y, kb).line);
				errs++;
				break;
			}
	}
	return errs;
}

/*
 * The memo (ydoc_set_memo): a parsed document as bytes.  Per node, in
 * index order: type, scalar style, the start mark's line and column, then
 * the scalar's value, or the sequence's items, or the mapping's pairs
 * (node indices).  Only what the loaders read is kept (no tags).
 */
static const struct ydoc_memo	*memo;

void
ydoc_set_memo(const struct ydoc_memo *m)
{
	memo = m;
}

static void
put32(buf *b, uint32_t v)
{
	buf_append(b, &v, sizeof(v));
}

static void
memo_save(const yaml_document_t *d, buf *b)
{
	const yaml_node_t	*n;
	const yaml_node_item_t	*it;
	const yaml_node_pair_t	*pr;

	buf_puts(b, "YD3");
	put32(b, (uint32_t)(d->nodes.top - d->nodes.start));
	for (n = d->nodes.start; n < d->nodes.top; n++) {
		buf_putc(b, (int)n->type);
		buf_putc(b, n->type == YAML_SCALAR_NODE ?
		    (int)n->data.scalar.style : 0);
		put32(b, (uint32_t)n->start_mark.line);
		put32(b, (uint32_t)n->start_mark.column);
		switch (n->type) {
		case YAML_SCALAR_NODE:
			put32(b, (uint32_t)n->data.scalar.length);
			buf_append(b, n->data.scalar.value,
			    n->data.scalar.length);
			buf_putc(b, '\0');	/* used in place */
			break;
		case YAML_SEQUENCE_NODE:
			put32(b, (uint32_t)(n->data.sequence.items.top -
			    n->data.sequence.items.start));
			for (it = n->data.sequence.items.start;
			    it < n->data.sequence.items.top; it++)
				put32(b, (uint32_t)*it);
			break;
		case YAML_MAPPING_NODE:
			put32(b, (uint32_t)(n->data.mapping.pairs.top -
			    n->data.mapping.pairs.start));
			for (pr = n->data.mapping.pairs.start;
			    pr < n->data.mapping.pairs.top; pr++) {
				put32(b, (uint32_t)pr->key);
				put32(b, (uint32_t)pr->value);
			}
			break;
		default:
			break;
		}
	}
}

struct reader {
	const unsigned char	*p, *end;
	int			 bad;
};

static uint32_t
get32(struct reader *r)
{
	uint32_t v = 0;

	if ((size_t)(r->end - r->p) < sizeof(v)) {
		r->bad = 1;
		return 0;
	}
	memcpy(&v, r->p, sizeof(v));
	r->p += sizeof(v);
	return v;
}

/*
 * Rebuild a document from memo_save()'s bytes without copying them: the
 * scalars point into `data` (which outlives the document: the build's
 * cache), the sequences' items and mappings' pairs share one block (a
 * four-byte index in the bytes is at least one int of it).  0, or -1
 * (then the text is parsed).
 */
static int
memo_load(struct ydoc *y, const void *data, size_t len)
{
	yaml_document_t	*d = &y->doc;
	struct reader	 r = { data, (const unsigned char *)data + len, 0 };
	uint32_t	 n, i, k, cnt;
	yaml_node_t	*node;
	int		*items, *at;

	memset(d, 0, sizeof(*d));
	if (len < 7 || memcmp(data, "YD3", 3) != 0)
		return -1;
	r.p += 3;
	n = get32(&r);
	if (r.bad || n == 0 || n > len)
		return -1;
	d->nodes.start = calloc(n, sizeof(*d->nodes.start));
	items = malloc((len / 4 + 1) * sizeof(*items));
	if (d->nodes.start == NULL || items == NULL)
		xalloc_die();
	d->nodes.end = d->nodes.top = d->nodes.start + n;
	d->start_implicit = d->end_implicit = 1;
	at = items;
	for (i = 0; i < n && !r.bad; i++) {
		node = d->nodes.start + i;
		if ((size_t)(r.end - r.p) < 2) {
			r.bad = 1;
			break;
		}
		node->type = (yaml_node_type_t)r.p[0];
		if (node->type == YAML_SCALAR_NODE)
			node->data.scalar.style = (yaml_scalar_style_t)r.p[1];
		r.p += 2;
		node->start_mark.line = get32(&r);
		node->start_mark.column = get32(&r);
		cnt = get32(&r);
		switch (node->type) {
		case YAML_SCALAR_NODE:
			if (r.bad || (size_t)(r.end - r.p) <= cnt ||
			    r.p[cnt] != '\0') {
				r.bad = 1;
				break;
			}
			node->data.scalar.value = (yaml_char_t *)(uintptr_t)r.p;
			node->data.scalar.length = cnt;
			r.p += cnt + 1;
			break;
		case YAML_SEQUENCE_NODE:
			if (r.bad || (size_t)(r.end - r.p) / 4 < cnt) {
				r.bad = 1;
				break;
			}
			node->data.sequence.items.start = at;
			node->data.sequence.items.top = at;
			for (k = 0; k < cnt; k++) {
				uint32_t item = get32(&r);

				if (item < 1 || item > n)
					r.bad = 1;
				*node->data.sequence.items.top++ = (int)item;
			}
			node->data.sequence.items.end =
			    node->data.sequence.items.top;
			at = node->data.sequence.items.top;
			break;
		case YAML_MAPPING_NODE:
			if (r.bad || (size_t)(r.end - r.p) / 8 < cnt) {
				r.bad = 1;
				break;
			}
			/* a pair is two ints, as in the bytes */
			node->data.mapping.pairs.start =
			    (yaml_node_pair_t *)(void *)at;
			node->data.mapping.pairs.top =
			    node->data.mapping.pairs.start;
			for (k = 0; k < cnt; k++) {
				yaml_node_pair_t *pr =
				    node->data.mapping.pairs.top++;

				pr->key = (int)get32(&r);
				pr->value = (int)get32(&r);
				if (pr->key < 1 || (uint32_t)pr->key > n ||
				    pr->value < 1 || (uint32_t)pr->value > n)
					r.bad = 1;
			}
			node->data.mapping.pairs.end =
			    node->data.mapping.pairs.top;
			at = (int *)(void *)node->data.mapping.pairs.top;
			break;
		default:
			node->type = YAML_NO_NODE;
			r.bad = 1;
		}
	}
	if (r.bad || r.p != r.end) {
		free(d->nodes.start);
		free(items);
		memset(d, 0, sizeof(*d));
		return -1;
	}
	y->memo_items = items;
	return 0;
}

int
ydoc_load(struct ydoc *y, const char *path, const char *text, size_t len,
    unsigned line0)
{
	yaml_parser_t	 p;
	int		 ok;
	uint64_t	 h = 0;
	const void	*saved;
	size_t		 saved_len;
	buf		 b = BUF_INIT;

	memset(y, 0, sizeof(*y));
	y->path = path;
	y->line0 = line0;
	if (memo != NULL && len >= memo->min_len) {
		h = hash64(text, len);
		if (memo->get(memo->ctx, h, &saved, &saved_len) == 0 &&
		    memo_load(y, saved, saved_len) == 0) {
			y->loaded = 1;
			memo->put(memo->ctx, h, saved, saved_len);
			return check_duplicate_keys(y) == 0 ? 0 : -1;
		}
	}
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	ok = yaml_parser_load(&p, &y->doc);
	if (!ok) {
		src_pos pos = src_at(path, line0 + (unsigned)p.problem_mark.line,
		    (unsigned)p.problem_mark.column + 1);
		const char *hint = yaml_hint(p.problem ? p.problem : "");

		diag_error(pos, "YAML の書き方に誤りがあります（%s）%s%s",
		    p.problem ? p.problem : "unknown error",
		    hint ? "。" : "", hint ? hint : "");
		yaml_parser_delete(&p);
		return -1;
	}
	y->loaded = 1;
	yaml_parser_delete(&p);
	if (check_duplicate_keys(y) != 0)
		return -1;
	if (memo != NULL && len >= memo->min_len) {
		memo_save(&y->doc, &b);
		memo->put(memo->ctx, h, b.data, b.len);
		buf_free(&b);
	}
	return 0;
}

void
ydoc_free(struct ydoc *y)
{
	if (y->loaded && y->memo_items != NULL) {
		/* memo_load(): nothing of it is libyaml's */
		free(y->doc.nodes.start);
		free(y->memo_items);
		memset(&y->doc, 0, sizeof(y->doc));
	} else if (y->loaded)
		yaml_document_delete(&y->doc);
	y->memo_items = NULL;
	y->loaded = 0;
}

yaml_node_t *
ydoc_root(struct ydoc *y)
{
	return y->loaded ? yaml_document_get_root_node(&y->doc) : NULL;
}

yaml_node_t *
ydoc_node(struct ydoc *y, int index)
{
	return yaml_document_get_node(&y->doc, index);
}

src_pos
ydoc_pos(const struct ydoc *y, const yaml_node_t *n)
{
	return src_at(y->path, y->line0 + (unsigned)n->start_mark.line,
	    (unsigned)n->start_mark.column + 1);
}
