/*
 * md_html.c -- HTML renderer over md4c's md_parse().
 *
 * The block, span and escaping rules mirror libmd4c-html exactly (a
 * differential test holds us to that); see md_html.h for the two
 * deliberate differences.
 */
#include <string.h>
#include <stdlib.h>

#include <md4c.h>

#include "../core/buf.h"
#include "../text/text.h"
#include "md_html.h"

/*
 * libmd4c-html exports its HTML5 named-entity table lookup; using it keeps
 * our entity decoding identical to the reference renderer without copying
 * the table.  (Debian's libmd4c-html0 0.4.8 exports it; the link fails
 * loudly if a future version stops doing so.)
 */
struct md4c_entity {
	const char	*name;
	unsigned	 codepoints[2];
};
extern const struct md4c_entity *entity_lookup(const char *, size_t);

#define ESC_HTML	0x1
#define ESC_URL		0x2

struct render {
	const struct mdh_doc	*doc;
	unsigned		 flags;
	buf			*out;
	mdh_link_fn		 link_fn;
	void			*link_ctx;
	struct mdh_result	*res;
	int			 image_nesting;
	int			 link_nesting;	/* inside a link's text */
	size_t			 alt_at;	/* where the image's alt text starts */
	src_pos			 img_pos;
	unsigned char		 esc[256];

	/* Soft-break joining: where the last break was written, and the
	 * character before it. */
	uint32_t		 last_cp;
	size_t			 br_at;
	uint32_t		 br_before;
	int			 br_pending;
	size_t			 br_h_at;	/* same, in h_text */

	/* Heading being rendered. */
	size_t			 h_at;		/* offset of "<hN" */
	buf			 h_text;	/* its plain text */
	src_pos			 h_pos;
	int			 in_heading;

	buf			 tmp;		/* decoded destinations */
	buf			 link;		/* rewritten destination */
};

unsigned
mdh_parser_flags(void)
{
	return MD_DIALECT_GITHUB | MD_FLAG_NOHTML;
}

src_pos
mdh_pos(const struct mdh_doc *doc, const char *p)
{
	src_pos pos = { doc->path, 0, 0 };

	if (doc->lines != NULL && p >= doc->text && p <= doc->text + doc->len)
		line_index_pos(doc->lines, doc->base + (size_t)(p - doc->text),
		    &pos.line, &pos.col);
	return pos;
}

/* ----- escaping, as md4c-html does it ---------------------------------- */

static void
put_html_escaped(struct render *r, const char *s, size_t n)
{
	size_t i, beg = 0;

	for (i = 0; i < n; i++) {
		const char *rep;

		if (!(r->esc[(unsigned char)s[i]] & ESC_HTML))
			continue;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default: rep = ""; break;	/* NUL: md4c-html drops it */
		}
		buf_append(r->out, s + beg, i - beg);
		buf_puts(r->out, rep);
		beg = i + 1;
	}
	buf_append(r->out, s + beg, n - beg);
}

static void
put_url_escaped(struct render *r, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, beg = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!(r->esc[c] & ESC_URL))
			continue;
		buf_append(r->out, s + beg, i - beg);
		if (c == '&')
			buf_puts(r->out, "&amp;");
		else {
			buf_putc(r->out, '%');
			buf_putc(r->out, hex[c >> 4]);
			buf_putc(r->out, hex[c & 0xF]);
		}
		beg = i + 1;
	}
	buf_append(r->out, s + beg, n - beg);
}

/* Text that is already escaped HTML (entities kept), for an attribute:
 * only a quote could still end it. */
static void
put_attr_text(struct render *r, const char *s, size_t n)
{
	size_t i, beg = 0;

	for (i = 0; i < n; i++)
		if (s[i] == '"' || s[i] == '<' || s[i] == '>') {
			buf_append(r->out, s + beg, i - beg);
			buf_puts(r->out, s[i] == '"' ? "&quot;" : s[i] == '<' ?
			    "&lt;" : "&gt;");
			beg = i + 1;
		}
	buf_append(r->out, s + beg, n - beg);
}

typedef void (*put_fn)(struct render *, const char *, size_t);

static void
put_verbatim(struct render *r, const char *s, size_t n)
{
	buf_append(r->out, s, n);
}

static void
put_codepoint(struct render *r, unsigned cp, put_fn put)
{
	buf tmp = BUF_INIT;

	if (cp == 0 || cp > 0x10FFFF)
		cp = 0xFFFD;
	utf8_put(&tmp, cp);
	put(r, tmp.data, tmp.len);
	buf_free(&tmp);
}

static unsigned
hex_val(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	if (c >= 'A' && c <= 'Z')
		return (unsigned)(c - 'A' + 10);
	return (unsigned)(c - 'a' + 10);
}

int
mdh_entity_decode(const char *s, size_t n, unsigned cps[2])
{
	const struct md4c_entity *e;
	size_t i;

	if (n > 3 && s[1] == '#') {
		unsigned cp = 0;

		if (s[2] == 'x' || s[2] == 'X')
			for (i = 3; i < n - 1; i++)
				cp = 16 * cp + hex_val(s[i]);
		else
			for (i = 2; i < n - 1; i++)
				cp = 10 * cp + (unsigned)(s[i] - '0');
		cps[0] = cp;
		return 1;
	}
	if ((e = entity_lookup(s, n)) == NULL)
		return 0;
	cps[0] = e->codepoints[0];
	cps[1] = e->codepoints[1];
	return e->codepoints[1] != 0 ? 2 : 1;
}

static void
put_entity(struct render *r, const char *s, size_t n, put_fn put)
{
	unsigned cps[2];
	int k = mdh_entity_decode(s, n, cps), i;

	if (k == 0) {
		put(r, s, n);
		return;
	}
	for (i = 0; i < k; i++)
		put_codepoint(r, cps[i], put);
}

static void
put_attribute(struct render *r, const MD_ATTRIBUTE *a, put_fn put)
{
	int i;

	for (i = 0; a->substr_offsets[i] < a->size; i++) {
		MD_OFFSET off = a->substr_offsets[i];
		MD_SIZE n = a->substr_offsets[i + 1] - off;

		switch (a->substr_types[i]) {
		case MD_TEXT_NULLCHAR:
			put_codepoint(r, 0, put_verbatim);
			break;
		case MD_TEXT_ENTITY:
			put_entity(r, a->text + off, n, put);
			break;
		default:
			put(r, a->text + off, n);
			break;
		}
	}
}

/* The attribute's value with entities decoded, into r->tmp. */
static void
attribute_decoded(struct render *r, const MD_ATTRIBUTE *a)
{
	int i;

	buf_truncate(&r->tmp, 0);
	for (i = 0; a->substr_offsets[i] < a->size; i++) {
		MD_OFFSET off = a->substr_offsets[i];
		MD_SIZE n = a->substr_offsets[i + 1] - off;
		unsigned cps[2];
		int k, j;

		switch (a->substr_types[i]) {
		case MD_TEXT_NULLCHAR:
			utf8_put(&r->tmp, 0xFFFD);
			break;
		case MD_TEXT_ENTITY:
			if ((k = mdh_entity_decode(a->text + off, n, cps)) == 0)
				buf_append(&r->tmp, a->text + off, n);
			for (j = 0; j < k; j++)
				utf8_put(&r->tmp, cps[j] == 0 ||
				    cps[j] > 0x10FFFF ? 0xFFFD : cps[j]);
			break;
		default:
			buf_append(&r->tmp, a->text + off, n);
			break;
		}
	}
}

/* A link or image destination: rewritten by the callback, or as written. */
static void
put_destination(struct render *r, int is_image, const MD_ATTRIBUTE *a)
{
	if (r->link_fn != NULL) {
		attribute_decoded(r, a);
		buf_truncate(&r->link, 0);
		if (r->link_fn(r->link_ctx, is_image, buf_str(&r->tmp),
		    r->tmp.len, mdh_pos(r->doc, a->text), &r->link)) {
			put_url_escaped(r, buf_str(&r->link), r->link.len);
			return;
		}
	}
	put_attribute(r, a, put_url_escaped);
}

/* ----- soft breaks and headings ---------------------------------------- */

/* Text is about to be written whose first character is `first`: decide
 * whether the soft break written just before it stays. */
static void
settle_break(struct render *r, uint32_t first)
{
	if (!r->br_pending)
		return;
	r->br_pending = 0;
	if (r->image_nesting > 0)
		return;	/* alt text: kept as md4c-html writes it */
	if (first == 0)
		return;
	if (!text_join_lines(r->br_before, first))
		return;
	memmove(r->out->data + r->br_at, r->out->data + r->br_at + 1,
	    r->out->len - r->br_at - 1);
	buf_truncate(r->out, r->out->len - 1);
	if (r->in_heading && r->br_h_at < r->h_text.len) {
		memmove(r->h_text.data + r->br_h_at,
		    r->h_text.data + r->br_h_at + 1,
		    r->h_text.len - r->br_h_at - 1);
		buf_truncate(&r->h_text, r->h_text.len - 1);
	}
}

static void
note_text(struct render *r, const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0)
		return;
	if (r->flags & MDH_JOIN_LINES)
		settle_break(r, utf8_next(s, n, &i));
	r->last_cp = utf8_prev(s, n);
	if (r->in_heading)
		buf_append(&r->h_text, s, n);
}

static void
heading_open(struct render *r, unsigned level)
{
	static const char *open[] = { "<h1>", "<h2>", "<h3>", "<h4>", "<h5>",
	    "<h6>" };

	r->h_at = r->out->len;
	buf_puts(r->out, open[level - 1]);
	buf_truncate(&r->h_text, 0);
	r->in_heading = 1;
	r->h_pos.path = NULL;
}

static int
id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* Length of a trailing " {#id}" in s, or 0. */
static size_t
explicit_id(const char *s, size_t n, size_t *id_off, size_t *id_len)
{
	size_t i, end;

	if (n < 4 || s[n - 1] != '}')
		return 0;
	end = n - 1;
	for (i = end; i > 0 && id_char(s[i - 1]); i--)
		;
	if (i == end || i < 3 || s[i - 1] != '#' || s[i - 2] != '{')
		return 0;	/* needs heading text before it, too */
	*id_off = i;
	*id_len = end - i;
	i -= 2;
	if (i > 0 && s[i - 1] != ' ' && s[i - 1] != '\t')
		return 0;
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	return n - i;
}

static int
id_taken(const struct mdh_result *res, const char *id)
{
	size_t i;

	for (i = 0; i < res->nheadings; i++)
		if (strcmp(res->headings[i].id, id) == 0)
			return 1;
	return 0;
}

static void
heading_close(struct render *r, unsigned level)
{
	struct mdh_heading	*h;
	buf			 id = BUF_INIT, attr = BUF_INIT;
	size_t			 cut, id_off = 0, id_len = 0, base;
	unsigned		 k;

	r->in_heading = 0;
	if (!(r->flags & MDH_HEADING_IDS) || r->res == NULL) {
		buf_printf(r->out, "</h%u>\n", level);
		return;
	}
	cut = explicit_id(buf_str(&r->h_text), r->h_text.len, &id_off, &id_len);
	if (cut != 0 && r->out->len - r->h_at - 4 >= cut &&
	    memcmp(r->out->data + r->out->len - cut,
	    r->h_text.data + r->h_text.len - cut, cut) == 0) {
		buf_append(&id, r->h_text.data + id_off, id_len);
		buf_truncate(r->out, r->out->len - cut);
		buf_truncate(&r->h_text, r->h_text.len - cut);
	} else
		text_heading_id(&id, buf_str(&r->h_text), r->h_text.len);
	if (id.len == 0)
		buf_puts(&id, "section");
	/* Unique within the document: "a", "a-1", "a-2", ... */
	base = id.len;
	for (k = 1; id_taken(r->res, buf_str(&id)); k++) {
		buf_truncate(&id, base);
		buf_printf(&id, "-%u", k);
	}
	buf_puts(&attr, " id=\"");
	buf_append(&attr, id.data, id.len);
	buf_puts(&attr, "\"");
	/* Insert the attribute after "<hN". */
	buf_reserve(r->out, attr.len);
	memmove(r->out->data + r->h_at + 3 + attr.len,
	    r->out->data + r->h_at + 3, r->out->len - r->h_at - 3);
	memcpy(r->out->data + r->h_at + 3, attr.data, attr.len);
	r->out->len += attr.len;
	r->out->data[r->out->len] = '\0';
	buf_printf(r->out, "</h%u>\n", level);

	r->res->headings = xrealloc(r->res->headings,
	    (r->res->nheadings + 1) * sizeof(*r->res->headings));
	h = &r->res->headings[r->res->nheadings++];
	h->level = level;
	h->id = buf_detach(&id);
	h->text = xstrndup(buf_str(&r->h_text), r->h_text.len);
	h->pos = r->h_pos;
	buf_free(&attr);
}

/* ----- lint: emphasis left literal next to Japanese punctuation -------- */

static void
lint_emphasis(struct render *r, const char *s, size_t n)
{
	const char	*src = r->doc->text, *end = src + r->doc->len;
	size_t		 i, j;
	uint32_t	 before, after;

	if (s < src || s + n > end)
		return;
	for (i = 0; i < n; i = j) {
		j = i + 1;
		if (s[i] != '*' && s[i] != '_')
			continue;
		while (j < n && s[j] == s[i])
			j++;
		if (s + i > src && s[(ptrdiff_t)i - 1] == '\\')
			continue;	/* an escaped \\* is meant literally */
		before = utf8_prev(src, (size_t)(s + i - src));
		{
			size_t k = (size_t)(s + j - src);
			after = k < r->doc->len ?
			    utf8_next(src, r->doc->len, &k) : 0;
		}
		if (!text_is_cjk_punct(before) && !text_is_cjk_punct(after))
			continue;
		diag_warning(mdh_pos(r->doc, s + i),
		    "「%.*s」が強調にならず、そのまま表示されます。"
		    "日本語のかっこや句読点が %.*s の内側にあると、CommonMark "
		    "の規則で強調として扱われません。記号を %.*s の外に出すか"
		    "（例: 「**重要**」です）、%.*s の外側に空白を入れてください",
		    (int)(j - i), s + i, (int)(j - i), s + i, (int)(j - i),
		    s + i, (int)(j - i), s + i);
	}
}

/* ----- md4c callbacks --------------------------------------------------- */

static int
enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct render *r = ud;

	r->br_pending = 0;
	switch (type) {
	case MD_BLOCK_DOC:
	case MD_BLOCK_HTML:
		break;
	case MD_BLOCK_QUOTE:
		buf_puts(r->out, "<blockquote>\n");
		break;
	case MD_BLOCK_UL:
		buf_puts(r->out, "<ul>\n");
		break;
	case MD_BLOCK_OL: {
		const MD_BLOCK_OL_DETAIL *d = detail;

		if (d->start == 1)
			buf_puts(r->out, "<ol>\n");
		else
			buf_printf(r->out, "<ol start=\"%u\">\n", d->start);
		break;
	}
	case MD_BLOCK_LI: {
		const MD_BLOCK_LI_DETAIL *d = detail;

		if (!d->is_task) {
			buf_puts(r->out, "<li>");
			break;
		}
		buf_puts(r->out, "<li class=\"task-list-item\"><input "
		    "type=\"checkbox\" class=\"task-list-item-checkbox\" "
		    "disabled");
		if (d->task_mark == 'x' || d->task_mark == 'X')
			buf_puts(r->out, " checked");
		buf_puts(r->out, ">");
		break;
	}
	case MD_BLOCK_HR:
		buf_puts(r->out, "<hr>\n");
		break;
	case MD_BLOCK_H:
		heading_open(r, ((const MD_BLOCK_H_DETAIL *)detail)->level);
		break;
	case MD_BLOCK_CODE: {
		const MD_BLOCK_CODE_DETAIL *d = detail;

		buf_puts(r->out, "<pre><code");
		if (d->lang.text != NULL) {
			buf_puts(r->out, " class=\"");
			if (d->lang.size < 9 ||
			    strncmp(d->lang.text, "language-", 9) != 0)
				buf_puts(r->out, "language-");
			put_attribute(r, &d->lang, put_html_escaped);
			buf_puts(r->out, "\"");
		}
		buf_puts(r->out, ">");
		break;
	}
	case MD_BLOCK_P:
		buf_puts(r->out, "<p>");
		break;
	case MD_BLOCK_TABLE:
		buf_puts(r->out, "<table>\n");
		break;
	case MD_BLOCK_THEAD:
		buf_puts(r->out, "<thead>\n");
		break;
	case MD_BLOCK_TBODY:
		buf_puts(r->out, "<tbody>\n");
		break;
	case MD_BLOCK_TR:
		buf_puts(r->out, "<tr>\n");
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD: {
		const MD_BLOCK_TD_DETAIL *d = detail;

		buf_puts(r->out, type == MD_BLOCK_TH ? "<th" : "<td");
		switch (d->align) {
		case MD_ALIGN_LEFT:
			buf_puts(r->out, " align=\"left\">");
			break;
		case MD_ALIGN_CENTER:
			buf_puts(r->out, " align=\"center\">");
			break;
		case MD_ALIGN_RIGHT:
			buf_puts(r->out, " align=\"right\">");
			break;
		default:
			buf_puts(r->out, ">");
			break;
		}
		break;
	}
	}
	return 0;
}

static int
leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct render *r = ud;
	const char *close = NULL;

	r->br_pending = 0;
	r->last_cp = 0;
	switch (type) {
	case MD_BLOCK_DOC:
	case MD_BLOCK_HTML:
	case MD_BLOCK_HR:
		break;
	case MD_BLOCK_QUOTE: close = "</blockquote>\n"; break;
	case MD_BLOCK_UL: close = "</ul>\n"; break;
	case MD_BLOCK_OL: close = "</ol>\n"; break;
	case MD_BLOCK_LI: close = "</li>\n"; break;
	case MD_BLOCK_H:
		heading_close(r, ((const MD_BLOCK_H_DETAIL *)detail)->level);
		break;
	case MD_BLOCK_CODE: close = "</code></pre>\n"; break;
	case MD_BLOCK_P: close = "</p>\n"; break;
	case MD_BLOCK_TABLE: close = "</table>\n"; break;
	case MD_BLOCK_THEAD: close = "</thead>\n"; break;
	case MD_BLOCK_TBODY: close = "</tbody>\n"; break;
	case MD_BLOCK_TR: close = "</tr>\n"; break;
	case MD_BLOCK_TH: close = "</th>\n"; break;
	case MD_BLOCK_TD: close = "</td>\n"; break;
	}
	if (close != NULL)
		buf_puts(r->out, close);
	return 0;
}

static int
enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct render *r = ud;

	/* Inside an image's alt text only the text is kept.  Like
	 * libmd4c-html 0.4.8, a nested image's start is ignored (so its end
	 * closes the outer <img>). */
	if (r->image_nesting > 0)
		return 0;
	switch (type) {
	case MD_SPAN_EM: buf_puts(r->out, "<em>"); break;
	case MD_SPAN_STRONG: buf_puts(r->out, "<strong>"); break;
	case MD_SPAN_U: buf_puts(r->out, "<u>"); break;
	case MD_SPAN_CODE: buf_puts(r->out, "<code>"); break;
	case MD_SPAN_DEL: buf_puts(r->out, "<del>"); break;
	case MD_SPAN_LATEXMATH: buf_puts(r->out, "<x-equation>"); break;
	case MD_SPAN_LATEXMATH_DISPLAY:
		buf_puts(r->out, "<x-equation type=\"display\">");
		break;
	case MD_SPAN_A: {
		const MD_SPAN_A_DETAIL *d = detail;

		r->link_nesting++;
		buf_puts(r->out, "<a href=\"");
		put_destination(r, 0, &d->href);
		if (d->title.text != NULL) {
			buf_puts(r->out, "\" title=\"");
			put_attribute(r, &d->title, put_html_escaped);
		}
		buf_puts(r->out, "\">");
		break;
	}
	case MD_SPAN_IMG: {
		const MD_SPAN_IMG_DETAIL *d = detail;

		/* An image is not a character: a line break next to it stays
		 * (settle with "no character"). */
		settle_break(r, 0);
		buf_puts(r->out, "<img src=\"");
		put_destination(r, 1, &d->src);
		buf_puts(r->out, "\" alt=\"");
		if (r->image_nesting == 0) {
			r->alt_at = r->out->len;
			r->img_pos = d->src.text != NULL ?
			    mdh_pos(r->doc, d->src.text) : r->img_pos;
		}
		r->image_nesting++;
		break;
	}
	case MD_SPAN_WIKILINK: {
		const MD_SPAN_WIKILINK_DETAIL *d = detail;

		buf_puts(r->out, "<x-wikilink data-target=\"");
		put_attribute(r, &d->target, put_html_escaped);
		buf_puts(r->out, "\">");
		break;
	}
	}
	return 0;
}

static int
leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct render *r = ud;

	if (r->image_nesting > 0) {
		if (r->image_nesting == 1 && type == MD_SPAN_IMG) {
			const MD_SPAN_IMG_DETAIL *d = detail;

			/* An image without words leaves a screen reader with
			 * nothing to say. */
			if ((r->flags & MDH_LINT) && r->out->len == r->alt_at)
				diag_warning(r->img_pos, "画像に説明（代替テキスト）が"
				    "ありません。![何が写っているか](画像) のように"
				    "書いてください");
			if (d->title.text != NULL) {
				buf_puts(r->out, "\" title=\"");
				put_attribute(r, &d->title, put_html_escaped);
			}
			buf_puts(r->out, "\">");
			r->image_nesting--;
			r->last_cp = 0;
			r->br_pending = 0;	/* a break in the alt text */
		}
		return 0;
	}
	switch (type) {
	case MD_SPAN_EM: buf_puts(r->out, "</em>"); break;
	case MD_SPAN_STRONG: buf_puts(r->out, "</strong>"); break;
	case MD_SPAN_U: buf_puts(r->out, "</u>"); break;
	case MD_SPAN_A:
		r->link_nesting--;
		buf_puts(r->out, "</a>");
		break;
	case MD_SPAN_CODE: buf_puts(r->out, "</code>"); break;
	case MD_SPAN_DEL: buf_puts(r->out, "</del>"); break;
	case MD_SPAN_LATEXMATH:
	case MD_SPAN_LATEXMATH_DISPLAY:
		buf_puts(r->out, "</x-equation>");
		break;
	case MD_SPAN_WIKILINK: buf_puts(r->out, "</x-wikilink>"); break;
	case MD_SPAN_IMG: break;	/* closed above */
	}
	return 0;
}

/* Plain text with "{{name args}}" shortcodes handed to the document's
 * short_fn.  The HTML a shortcode produces is not heading text. */
static void
shortcodes(struct render *r, const char *s, size_t n)
{
	const char	*p = s, *end = s + n, *open, *close, *name, *args;
	size_t		 nl, al;

	while (p < end) {
		open = NULL;
		for (name = p; name + 1 < end; name++)
			if (name[0] == '{' && name[1] == '{') {
				open = name;
				break;
			}
		close = NULL;
		if (open != NULL)
			for (args = open + 2; args + 1 < end; args++)
				if (args[0] == '}' && args[1] == '}') {
					close = args;
					break;
				}
		if (open == NULL || close == NULL) {
			note_text(r, p, (size_t)(end - p));
			put_html_escaped(r, p, (size_t)(end - p));
			return;
		}
		note_text(r, p, (size_t)(open - p));
		put_html_escaped(r, p, (size_t)(open - p));
		name = open + 2;
		while (name < close && *name == ' ')
			name++;
		for (nl = 0; name + nl < close && name[nl] != ' '; nl++)
			;
		args = name + nl;
		while (args < close && *args == ' ')
			args++;
		al = (size_t)(close - args);
		while (al > 0 && args[al - 1] == ' ')
			al--;
		{
			size_t before = r->out->len;
			int no_marks = r->in_heading || r->link_nesting > 0 ||
			    r->image_nesting > 0;

			if (nl == 0 || !r->doc->short_fn(r->doc->short_ctx, name,
			    nl, args, al, mdh_pos(r->doc, open), no_marks,
			    r->out)) {
				buf_truncate(r->out, before);
				note_text(r, open, (size_t)(close + 2 - open));
				put_html_escaped(r, open,
				    (size_t)(close + 2 - open));
			} else if (r->out->len > before) {
				/* Its text (tags dropped) counts as ordinary
				 * text, for heading ids and soft breaks. */
				buf	 plain = BUF_INIT;
				size_t	 i;
				int	 tag = 0;

				for (i = before; i < r->out->len; i++) {
					char c = r->out->data[i];

					if (c == '<')
						tag = 1;
					else if (c == '>')
						tag = 0;
					else if (!tag)
						buf_putc(&plain, c);
				}
				note_text(r, buf_str(&plain), plain.len);
				/* Inside alt="...": the text only, as for
				 * any other span of an image description
				 * (it is still escaped HTML text). */
				if (r->image_nesting > 0) {
					buf_truncate(r->out, before);
					put_attr_text(r, buf_str(&plain),
					    plain.len);
				}
				buf_free(&plain);
			}
		}
		p = close + 2;
	}
}

static int
text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *ud)
{
	struct render	*r = ud;
	unsigned	 cps[2];
	buf		 dec = BUF_INIT;
	int		 k, i;

	if (r->in_heading && r->h_pos.path == NULL && type != MD_TEXT_SOFTBR)
		r->h_pos = mdh_pos(r->doc, s);
	switch (type) {
	case MD_TEXT_NULLCHAR:
		note_text(r, "\xEF\xBF\xBD", 3);
		put_codepoint(r, 0, put_verbatim);
		break;
	case MD_TEXT_BR:
		r->br_pending = 0;
		r->last_cp = 0;
		buf_puts(r->out, r->image_nesting == 0 ? "<br>\n" : " ");
		if (r->in_heading)
			buf_putc(&r->h_text, ' ');
		break;
	case MD_TEXT_SOFTBR:
		/* Two breaks with only tags between: the first one stays. */
		if (r->flags & MDH_JOIN_LINES)
			settle_break(r, '\n');
		r->br_pending = 1;
		r->br_at = r->out->len;
		r->br_before = r->last_cp;
		r->br_h_at = r->h_text.len;
		r->last_cp = '\n';
		buf_puts(r->out, r->image_nesting == 0 ? "\n" : " ");
		if (r->in_heading)
			buf_putc(&r->h_text, ' ');
		break;
	case MD_TEXT_HTML:
		note_text(r, s, n);
		put_verbatim(r, s, n);
		break;
	case MD_TEXT_ENTITY:
		if ((k = mdh_entity_decode(s, n, cps)) == 0)
			buf_append(&dec, s, n);
		for (i = 0; i < k; i++)
			utf8_put(&dec, cps[i] == 0 || cps[i] > 0x10FFFF ?
			    0xFFFD : cps[i]);
		note_text(r, buf_str(&dec), dec.len);
		put_entity(r, s, n, put_html_escaped);
		buf_free(&dec);
		break;
	case MD_TEXT_NORMAL:
		if (r->flags & MDH_LINT)
			lint_emphasis(r, s, n);
		if (r->doc->short_fn != NULL)
			shortcodes(r, s, n);
		else {
			note_text(r, s, n);
			put_html_escaped(r, s, n);
		}
		break;
	default:
		note_text(r, s, n);
		put_html_escaped(r, s, n);
		break;
	}
	return 0;
}

int
mdh_render(const struct mdh_doc *doc, unsigned flags, mdh_link_fn link_fn,
    void *link_ctx, buf *out, struct mdh_result *res)
{
	struct render	r;
	MD_PARSER	p;
	int		i, rc;

	memset(&r, 0, sizeof(r));
	r.doc = doc;
	r.flags = flags;
	r.out = out;
	r.link_fn = link_fn;
	r.link_ctx = link_ctx;
	r.res = res;
	for (i = 0; i < 256; i++) {
		int alnum = (i >= '0' && i <= '9') || (i >= 'a' && i <= 'z') ||
		    (i >= 'A' && i <= 'Z');

		/* strchr() finds NUL too; md4c-html builds its map the same
		 * way, and we match it byte for byte. */
		if (strchr("\"&<>", i) != NULL)
			r.esc[i] |= ESC_HTML;
		if (!alnum && strchr("-_.+!*(),%#@?=;:/,+$", i) == NULL)
			r.esc[i] |= ESC_URL;
	}
	memset(&p, 0, sizeof(p));
	p.flags = mdh_parser_flags();
	p.enter_block = enter_block;
	p.leave_block = leave_block;
	p.enter_span = enter_span;
	p.leave_span = leave_span;
	p.text = text;
	rc = md_parse(doc->text, (MD_SIZE)doc->len, &p, &r);
	buf_free(&r.h_text);
	buf_free(&r.tmp);
	buf_free(&r.link);
	return rc == 0 ? 0 : -1;
}

void
mdh_result_free(struct mdh_result *res)
{
	size_t i;

	for (i = 0; i < res->nheadings; i++) {
		free(res->headings[i].id);
		free(res->headings[i].text);
	}
	free(res->headings);
	res->headings = NULL;
	res->nheadings = 0;
}
