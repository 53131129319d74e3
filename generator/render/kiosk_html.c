/*
 * kiosk_html.c -- the HTML of a page, made fit for a screen of the kiosk.
 *
 * The kiosk is one document holding many pages, and nothing in it may
 * lead out of it.  So every <a> of a rendered page or calculator goes:
 * links to pages the kiosk has become buttons that open their screen,
 * glossary terms buttons that show their definition, citations plain
 * [N], and every other link plain text with a number that refers to a QR
 * code of its address (the screen's list, templates/kiosk/links).  Ids
 * get the screen's prefix, and so does every reference to one.
 *
 * The input is the generator's own HTML (md4c through md_html.c, the
 * glossary and fact shortcodes, our templates): tags with quoted
 * attributes, no nested <a>.  Unquoted and single-quoted attributes are
 * read too, and written back double-quoted.
 */
#include <stdlib.h>
#include <string.h>

#include "kiosk.h"

#define MAX_ATTRS	32

struct attr {
	const char	*name;
	size_t		 nlen;
	const char	*val;		/* NULL: a boolean attribute */
	size_t		 vlen;
};

struct tag {
	const char	*name;
	size_t		 nlen;
	int		 closing;
	int		 self_closing;
	struct attr	 attrs[MAX_ATTRS];
	size_t		 n;
	const char	*end;		/* just past '>' */
};

enum anchor { A_NONE, A_BUTTON, A_SPAN, A_EXTERNAL };

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A tag or attribute name, ASCII case-insensitively; `want` lower case.
 * (The length first: tens of thousands of calls per kiosk.) */
static inline int
name_is_n(const char *s, size_t n, const char *want, size_t wn)
{
	size_t i;

	if (wn != n)
		return 0;
	for (i = 0; i < n; i++)
		if ((s[i] | 0x20) != want[i])
			return 0;
	return 1;
}

#define name_is(s, n, lit)	name_is_n((s), (n), (lit), sizeof(lit) - 1)

/* Parse the tag at p ('<'); 0, or -1 if it is not a well-formed tag. */
static int
parse_tag(const char *p, const char *end, struct tag *t)
{
	const char *q = p + 1;

	/* (not the attributes: a kilobyte per tag) */
	t->closing = t->self_closing = 0;
	t->n = 0;
	t->end = NULL;
	if (q < end && *q == '/') {
		t->closing = 1;
		q++;
	}
	if (q >= end || !is_alpha((unsigned char)*q))
		return -1;
	t->name = q;
	while (q < end && !is_space((unsigned char)*q) && *q != '>' &&
	    *q != '/')
		q++;
	t->nlen = (size_t)(q - t->name);
	for (;;) {
		struct attr *a;

		while (q < end && is_space((unsigned char)*q))
			q++;
		if (q >= end)
			return -1;
		if (*q == '>') {
			t->end = q + 1;
			return 0;
		}
		if (*q == '/' && q + 1 < end && q[1] == '>') {
			t->self_closing = 1;
			t->end = q + 2;
			return 0;
		}
		if (t->n == MAX_ATTRS)
			return -1;
		a = &t->attrs[t->n++];
		a->val = NULL;
		a->vlen = 0;
		a->name = q;
		while (q < end && !is_space((unsigned char)*q) && *q != '=' &&
		    *q != '>' && *q != '/')
			q++;
		a->nlen = (size_t)(q - a->name);
		if (a->nlen == 0)
			return -1;
		while (q < end && is_space((unsigned char)*q))
			q++;
		if (q < end && *q == '=') {
			q++;
			while (q < end && is_space((unsigned char)*q))
				q++;
			if (q < end && (*q == '"' || *q == '\'')) {
				const char *close = memchr(q + 1, *q,
				    (size_t)(end - q - 1));

				if (close == NULL)
					return -1;
				a->val = q + 1;
				a->vlen = (size_t)(close - q - 1);
				q = close + 1;
			} else {
				a->val = q;
				while (q < end && !is_space((unsigned char)*q) &&
				    *q != '>')
					q++;
				a->vlen = (size_t)(q - a->val);
			}
		}
	}
}

static const struct attr *
attr_get_n(const struct tag *t, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (name_is_n(t->attrs[i].name, t->attrs[i].nlen, name, n))
			return &t->attrs[i];
	return NULL;
}

#define attr_get(t, lit)	attr_get_n((t), (lit), sizeof(lit) - 1)

/* Append an attribute value, double-quoted. */
static void
put_value(buf *out, const char *v, size_t n)
{
	const char *q;

	while (n > 0 && (q = memchr(v, '"', n)) != NULL) {
		buf_append(out, v, (size_t)(q - v));
		buf_puts(out, "&quot;");
		n -= (size_t)(q - v) + 1;
		v = q + 1;
	}
	buf_append(out, v, n);
}

/* Attributes whose value is an id, or a list of ids. */
static int
is_id_ref(const struct attr *a)
{
	return name_is(a->name, a->nlen, "id") ||
	    name_is(a->name, a->nlen, "for") ||
	    name_is(a->name, a->nlen, "aria-labelledby") ||
	    name_is(a->name, a->nlen, "aria-describedby") ||
	    name_is(a->name, a->nlen, "aria-controls") ||
	    name_is(a->name, a->nlen, "aria-owns") ||
	    name_is(a->name, a->nlen, "headers");
}

/* A tag other than <a>, written back with its ids prefixed. */
static void
put_tag(const struct kiosk_rewrite *r, const struct tag *t, const char *src,
    buf *out)
{
	size_t i, k;

	if (t->closing) {
		buf_append(out, src, (size_t)(t->end - src));
		return;
	}
	buf_putc(out, '<');
	buf_append(out, t->name, t->nlen);
	for (i = 0; i < t->n; i++) {
		const struct attr *a = &t->attrs[i];

		buf_putc(out, ' ');
		buf_append(out, a->name, a->nlen);
		if (a->val == NULL)
			continue;
		buf_puts(out, "=\"");
		if (is_id_ref(a)) {
			/* Each id of a space-separated list. */
			for (k = 0; k < a->vlen; ) {
				size_t e = k;

				while (e < a->vlen && !is_space((unsigned char)
				    a->val[e]))
					e++;
				if (e > k) {
					buf_puts(out, r->prefix);
					put_value(out, a->val + k, e - k);
				}
				for (k = e; k < a->vlen && is_space((unsigned char)
				    a->val[k]); k++)
					buf_putc(out, a->val[k]);
			}
		} else if ((name_is(a->name, a->nlen, "href") ||
		    name_is(a->name, a->nlen, "xlink:href")) && a->vlen > 1 &&
		    a->val[0] == '#') {
			buf_putc(out, '#');
			buf_puts(out, r->prefix);
			put_value(out, a->val + 1, a->vlen - 1);
		} else
			put_value(out, a->val, a->vlen);
		buf_putc(out, '"');
	}
	buf_puts(out, t->self_closing ? " />" : ">");
}

/* Decode the few entities our HTML writer uses in URLs. */
static void
unescape(buf *out, const char *s, size_t n)
{
	static const struct { const char *e; char c; } ents[] = {
		{ "&amp;", '&' }, { "&quot;", '"' }, { "&#39;", '\'' },
		{ "&lt;", '<' }, { "&gt;", '>' },
	};
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < sizeof(ents) / sizeof(ents[0]); k++) {
			size_t el = strlen(ents[k].e);

			if (n - i >= el && memcmp(s + i, ents[k].e, el) == 0) {
				buf_putc(out, ents[k].c);
				i += el - 1;
				break;
			}
		}
		if (k == sizeof(ents) / sizeof(ents[0]))
			buf_putc(out, s[i]);
	}
}

/* base's folder joined with rel, "." and ".." resolved: the site path. */
static void
resolve(const char *base, const char *rel, size_t n, buf *out)
{
	const char	*slash = strrchr(base, '/');
	buf		 joined = BUF_INIT;
	size_t		 i, start, *seg = NULL, nseg = 0;

	if (slash != NULL)
		buf_append(&joined, base, (size_t)(slash - base) + 1);
	buf_append(&joined, rel, n);
	seg = xmalloc((joined.len + 1) * sizeof(*seg));
	buf_truncate(out, 0);
	for (i = start = 0; i <= joined.len; i++) {
		if (i < joined.len && joined.data[i] != '/')
			continue;
		if (i - start == 2 && memcmp(joined.data + start, "..", 2) == 0) {
			if (nseg > 0)
				buf_truncate(out, seg[--nseg]);
		} else if (!(i - start == 1 && joined.data[start] == '.') &&
		    (i > start || i == joined.len)) {
			seg[nseg++] = out->len;
			buf_append(out, joined.data + start, i - start);
			if (i < joined.len)
				buf_putc(out, '/');
		}
		start = i + 1;
	}
	/* "a/b/" keeps its slash; "" stays empty. */
	if (out->len > 0 && joined.len > 0 &&
	    joined.data[joined.len - 1] == '/' &&
	    out->data[out->len - 1] != '/')
		buf_putc(out, '/');
	free(seg);
	buf_free(&joined);
}

static const char *
route_of(const struct kiosk_rewrite *r, const char *path)
{
	size_t i, n = strlen(path);

	for (i = 0; i < r->nroutes; i++) {
		const char *o = r->routes[i].out;

		if (strcmp(o, path) == 0 || (n > 0 && path[n - 1] == '/' &&
		    strncmp(o, path, n) == 0 && strcmp(o + n, "index.html") == 0))
			return r->routes[i].screen;
	}
	return NULL;
}

/* The public address of a site path: base_url + the page's URL. */
static void
public_url(const struct kiosk_rewrite *r, const char *path, buf *url)
{
	const char	*base = r->s->meta.base_url.s;
	size_t		 i, n = strlen(path);

	buf_truncate(url, 0);
	buf_puts(url, base != NULL ? base : "");
	for (i = 0; i < r->s->npages; i++) {
		const struct page *p = r->s->pages[i];

		if (p->out != NULL && strcmp(p->out, path) == 0) {
			buf_puts(url, p->url);
			return;
		}
	}
	if (n >= 10 && strcmp(path + n - 10, "index.html") == 0)
		n -= 10;
	buf_append(url, path, n);
}

/* The link's number in r->links (a new one for a new address). */
static int
add_link(struct kiosk_rewrite *r, const char *url)
{
	size_t i;

	for (i = 0; i < r->nlinks; i++)
		if (strcmp(r->links[i].url, url) == 0)
			return r->links[i].number;
	r->links = xrealloc(r->links, (r->nlinks + 1) * sizeof(*r->links));
	r->links[r->nlinks].url = xstrdup(url);
	r->links[r->nlinks].text = NULL;
	r->links[r->nlinks].number = (int)r->nlinks + 1;
	return (int)++r->nlinks;
}

static int
has_class(const struct attr *a, const char *cls)
{
	size_t	n = strlen(cls), i;

	if (a == NULL || a->val == NULL)
		return 0;
	for (i = 0; i + n <= a->vlen; i++)
		if (memcmp(a->val + i, cls, n) == 0 &&
		    (i == 0 || is_space((unsigned char)a->val[i - 1])) &&
		    (i + n == a->vlen || is_space((unsigned char)a->val[i + n])))
			return 1;
	return 0;
}

/* Open an <a> as what the kiosk makes of it; returns its kind and, for a
 * link that leaves the kiosk, its number in *number. */
static enum anchor
open_anchor(struct kiosk_rewrite *r, const struct tag *t, buf *out,
    int *number)
{
	const struct attr	*href = attr_get(t, "href");
	buf			 raw = BUF_INIT, path = BUF_INIT, url = BUF_INIT;
	const char		*screen, *hash;
	enum anchor		 kind;

	if (href == NULL || href->val == NULL || href->vlen == 0) {
		buf_puts(out, "<span>");
		return A_SPAN;
	}
	unescape(&raw, href->val, href->vlen);
	hash = strchr(buf_str(&raw), '#');
	if (has_class(attr_get(t, "class"), "term") && hash != NULL) {
		buf_puts(out, "<button type=\"button\" class=\"term k-term\" "
		    "data-term=\"");
		put_value(out, hash + 1, strlen(hash + 1));
		buf_puts(out, "\">");
		kind = A_BUTTON;
	} else if (raw.data[0] == '#') {
		buf_puts(out, raw.len > 6 && memcmp(raw.data, "#cite-", 6) == 0 ?
		    "<span class=\"k-cite\">" : "<span>");
		kind = A_SPAN;
	} else if (strncmp(raw.data, "mailto:", 7) == 0 ||
	    strncmp(raw.data, "tel:", 4) == 0) {
		buf_puts(out, "<span class=\"k-plain\">");
		kind = A_SPAN;
	} else if (strncmp(raw.data, "http://", 7) == 0 ||
	    strncmp(raw.data, "https://", 8) == 0) {
		*number = add_link(r, raw.data);
		buf_puts(out, "<span class=\"k-ext\">");
		kind = A_EXTERNAL;
	} else {
		size_t n = strcspn(raw.data, "?#");

		resolve(r->base, raw.data, n, &path);
		if ((screen = route_of(r, buf_str(&path))) != NULL) {
			buf_puts(out, "<button type=\"button\" class=\"k-go\" "
			    "data-go=\"");
			put_value(out, screen, strlen(screen));
			buf_puts(out, "\">");
			kind = A_BUTTON;
		} else if (attr_get(t, "data-k-optional") != NULL) {
			/* Kept only as a way to a screen: plain text here. */
			buf_puts(out, "<span>");
			kind = A_SPAN;
		} else {
			public_url(r, buf_str(&path), &url);
			*number = add_link(r, buf_str(&url));
			buf_puts(out, "<span class=\"k-ext\">");
			kind = A_EXTERNAL;
		}
	}
	buf_free(&raw);
	buf_free(&path);
	buf_free(&url);
	return kind;
}

/* Text of a link for its QR code: the words, whitespace collapsed. */
static void
put_text(buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (is_space((unsigned char)s[i])) {
			if (b->len > 0 && b->data[b->len - 1] != ' ')
				buf_putc(b, ' ');
		} else
			buf_putc(b, s[i]);
	}
}

void
kiosk_rewrite(struct kiosk_rewrite *r, const char *html, size_t len, buf *out)
{
	const char	*p = html, *end = html + len;
	enum anchor	 in = A_NONE;
	int		 number = 0, skip_text = 0;
	buf		 text = BUF_INIT;
	struct tag	 t;

	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		size_t n = (size_t)((lt != NULL ? lt : end) - p);

		buf_append(out, p, n);
		if (in == A_EXTERNAL && skip_text == 0)
			put_text(&text, p, n);
		p += n;
		if (p >= end)
			break;
		if (end - p >= 4 && p[1] == '!' && memcmp(p, "<!--", 4) == 0) {
			const char *c = strstr(p, "-->");

			c = c != NULL && c < end ? c + 3 : end;
			buf_append(out, p, (size_t)(c - p));
			p = c;
			continue;
		}
		if (parse_tag(p, end, &t) == -1) {
			buf_putc(out, '<');
			p++;
			continue;
		}
		if (name_is(t.name, t.nlen, "rt") || name_is(t.name, t.nlen,
		    "rp"))
			skip_text += t.closing ? -1 : 1;
		if (skip_text < 0)
			skip_text = 0;
		if (!name_is(t.name, t.nlen, "a")) {
			put_tag(r, &t, p, out);
		} else if (!t.closing && in == A_NONE) {
			in = open_anchor(r, &t, out, &number);
			buf_truncate(&text, 0);
		} else if (t.closing && in != A_NONE) {
			if (in == A_BUTTON)
				buf_puts(out, "</button>");
			else if (in == A_SPAN)
				buf_puts(out, "</span>");
			else {
				struct kiosk_link *l = &r->links[number - 1];

				buf_printf(out, "</span><sup class=\"k-ext__ref\">"
				    "QR<span class=\"k-ext__n\">%d</span></sup>",
				    number);
				if (l->text == NULL)
					l->text = xstrdup(buf_str(&text));
			}
			in = A_NONE;
		}
		/* (A stray <a> inside a link, or </a> outside one, is
		 * dropped: the generator never writes either.) */
		p = t.end;
	}
	buf_free(&text);
}

void
kiosk_rewrite_free(struct kiosk_rewrite *r)
{
	size_t i;

	for (i = 0; i < r->nlinks; i++) {
		free(r->links[i].url);
		free(r->links[i].text);
	}
	free(r->links);
	r->links = NULL;
	r->nlinks = 0;
}
