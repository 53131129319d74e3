/*
 * mu_compile.c -- compile Mustache templates into trees, and keep the set.
 *
 * mu_set_add() compiles a template in four passes:
 *   1. scan: cut the source into text and tags (following set-delimiter
 *      tags) and pair every section, parent and block with its closing tag;
 *   2. standalone: find the tags that stand alone on their line and cut that
 *      line's indentation and newline out of the neighbouring text;
 *   3. build: turn the flat item list into a tree of nodes in the template's
 *      arena, with dotted names split once;
 *   4. dedent: strip the intrinsic indentation of blocks passed to a parent.
 * mu_set_check() then resolves static partial and parent references.
 * Rendering the trees is mu_render.c's job.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/hash.h"
#include "mu_internal.h"

#define MU_NONE		((size_t)-1)

/* ---- the set ---- */

static unsigned
mu_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	while (len-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static struct mu_tpl **
mu_slot(const mu_set *set, const char *name, size_t len, unsigned h)
{
	size_t		 i = h & (set->cap - 1);
	struct mu_tpl	*t;

	while ((t = set->slots[i]) != NULL) {
		if (t->hash == h && t->namelen == len &&
		    memcmp(t->name, name, len) == 0)
			break;
		i = (i + 1) & (set->cap - 1);
	}
	return &set->slots[i];
}

struct mu_tpl *
mu_find(const mu_set *set, const char *name, size_t len)
{
	if (set->cap == 0)
		return NULL;
	return *mu_slot(set, name, len, mu_hash(name, len));
}

static struct mu_tpl *
mu_insert(mu_set *set, const char *name, size_t len)
{
	struct mu_tpl	**old = set->slots, **slot, *t;
	size_t		  oldcap = set->cap, i;
	unsigned	  h = mu_hash(name, len);

	if ((t = mu_find(set, name, len)) != NULL)
		return t;
	if ((set->count + 1) * 2 > set->cap) {
		set->cap = oldcap != 0 ? oldcap * 2 : 16;
		set->slots = xcalloc(set->cap, sizeof(*set->slots));
		for (i = 0; i < oldcap; i++)
			if (old[i] != NULL)
				*mu_slot(set, old[i]->name, old[i]->namelen,
				    old[i]->hash) = old[i];
		free(old);
	}
	t = xcalloc(1, sizeof(*t) + len + 1);
	memcpy(t->name, name, len);
	t->namelen = len;
	t->hash = h;
	slot = mu_slot(set, name, len, h);
	*slot = t;
	set->count++;
	return t;
}

mu_set *
mu_set_new(unsigned flags)
{
	mu_set *set = xcalloc(1, sizeof(*set));

	set->flags = flags;
	return set;
}

void
mu_set_free(mu_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->cap; i++)
		if (set->slots[i] != NULL) {
			arena_free(&set->slots[i]->mem);
			free(set->slots[i]);
		}
	free(set->slots);
	free(set->ctx);
	free(set->frames);
	buf_free(&set->indent);
	free(set);
}

int
mu_set_has(const mu_set *set, const char *name)
{
	return mu_find(set, name, strlen(name)) != NULL;
}

/* ---- pass 1: scan ---- */

/* One text run or tag of the source.  type is the tag's sigil, 'v' for a
 * plain variable, or 0 for text. */
struct mu_item {
	char		 type;
	unsigned char	 dynamic, cl, cr, sa;
	size_t		 start, end;	/* the tag; text: what is left of it */
	size_t		 lstart;	/* start of the tag's line if cl */
	size_t		 rend;		/* past the tag's newline if cr */
	const char	*name;
	size_t		 namelen;
	unsigned	 line, col;
	size_t		 partner;	/* the matching open or close tag */
	size_t		 container;	/* innermost enclosing open tag */
};

struct mu_parse {
	struct mu_tpl	*tpl;
	const char	*src;
	size_t		 len;
	struct mu_item	*items;
	size_t		 nitems, itemcap;
	size_t		 at;		/* line:col cursor */
	unsigned	 line, col;
};

static int
mu_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Where `c` (unless 0) then `tag` next occur from `from`, or MU_NONE. */
static size_t
mu_search(const char *s, size_t len, size_t from, char c, const char *tag,
    size_t taglen)
{
	size_t		 n = taglen + (c != 0);
	const char	*p;

	while (from + n <= len) {
		p = memchr(s + from, c != 0 ? c : tag[0], len - n + 1 - from);
		if (p == NULL)
			break;
		from = (size_t)(p - s);
		if (memcmp(s + from + (c != 0), tag, taglen) == 0)
			return from;
		from++;
	}
	return MU_NONE;
}

/* Move the cursor to `off`; columns count code points, not bytes. */
static void
mu_locate(struct mu_parse *p, size_t off)
{
	for (; p->at < off; p->at++) {
		unsigned char c = (unsigned char)p->src[p->at];

		if (c == '\n') {
			p->line++;
			p->col = 1;
		} else if ((c & 0xC0) != 0x80)
			p->col++;
	}
}

static struct mu_item *
mu_item_new(struct mu_parse *p, char type, size_t start, size_t end)
{
	struct mu_item *it;

	if (p->nitems == p->itemcap) {
		p->itemcap = p->itemcap != 0 ? p->itemcap * 2 : 64;
		p->items = xrealloc(p->items, p->itemcap * sizeof(*it));
	}
	it = &p->items[p->nitems++];
	memset(it, 0, sizeof(*it));
	it->type = type;
	it->start = start;
	it->end = end;
	it->partner = it->container = MU_NONE;
	return it;
}

static int
mu_error(struct mu_parse *p, const struct mu_item *it, const char *what)
{
	diag_error(src_at(p->tpl->path, it->line, it->col), "%.*s %s",
	    (int)(it->end - it->start), p->src + it->start, what);
	return -1;
}

/* Parse `{{=<% %>=}}`: two delimiters, no whitespace or `=` in them. */
static int
mu_delims(const char *s, const char *e, const char **o, size_t *olen,
    const char **c, size_t *clen)
{
	const char *a;

	while (s < e && mu_space(*s))
		s++;
	for (a = s; s < e && !mu_space(*s) && *s != '='; s++)
		;
	*o = a;
	*olen = (size_t)(s - a);
	while (s < e && mu_space(*s))
		s++;
	for (a = s; s < e && !mu_space(*s) && *s != '='; s++)
		;
	*c = a;
	*clen = (size_t)(s - a);
	while (s < e && mu_space(*s))
		s++;
	return s == e && *olen != 0 && *clen != 0 ? 0 : -1;
}

/* Trim the tag's content into a name; `*` makes a dynamic name. */
static int
mu_name(struct mu_item *it, const char *s, const char *e)
{
	const char *q;

	while (s < e && mu_space(*s))
		s++;
	while (e > s && mu_space(e[-1]))
		e--;
	if (s < e && *s == '*' && strchr("></", it->type) != NULL) {
		it->dynamic = 1;
		for (s++; s < e && mu_space(*s); s++)
			;
	}
	for (q = s; q < e; q++)
		if (mu_space(*q))
			return -1;
	it->name = s;
	it->namelen = (size_t)(e - s);
	return s < e ? 0 : -1;
}

static int
mu_scan(struct mu_parse *p)
{
	const char	*src = p->src, *otag = "{{", *ctag = "}}";
	size_t		 olen = 2, clen = 2, pos = 0, t, q, e, open = MU_NONE;
	struct mu_item	*it, *o;
	char		 type, c;

	while (pos < p->len) {
		t = mu_search(src, p->len, pos, 0, otag, olen);
		if (t == MU_NONE)
			t = p->len;
		if (t > pos)
			mu_item_new(p, 0, pos, t);
		if (t == p->len)
			break;
		q = t + olen;
		type = q < p->len ? src[q] : 0;
		if (type != 0 && strchr("#^/><$!=&{", type) != NULL)
			q++;
		else
			type = 'v';
		c = type == '{' ? '}' : type == '=' ? '=' : 0;
		e = mu_search(src, p->len, q, c, ctag, clen);
		it = mu_item_new(p, type, t, e != MU_NONE ?
		    e + (c != 0) + clen : p->len);
		mu_locate(p, t);
		it->line = p->line;
		it->col = p->col;
		if (e == MU_NONE) {
			diag_error(src_at(p->tpl->path, it->line, it->col),
			    "タグが閉じられていません（\"%c%.*s\" が見つかりま"
			    "せん）", c != 0 ? c : ctag[0],
			    (int)(clen - (c == 0)), ctag + (c == 0));
			return -1;
		}
		pos = it->end;
		it->container = open;
		if (type == '!')
			continue;
		if (type == '=') {
			if (mu_delims(src + q, src + e, &otag, &olen, &ctag,
			    &clen) == -1)
				return mu_error(p, it, "は区切り記号の変更として"
				    "正しくありません（{{=<% %>=}} のように開き"
				    "と閉じを空白で区切ります）");
			continue;
		}
		if (mu_name(it, src + q, src + e) == -1)
			return mu_error(p, it, "のタグ名が空か、空白を含んで"
			    "います");
		if (strchr("#^<$", type) != NULL)
			open = (size_t)(it - p->items);
		else if (type == '/') {
			if (open == MU_NONE)
				return mu_error(p, it, "に対応する開きタグがあり"
				    "ません");
			o = &p->items[open];
			if (o->namelen != it->namelen || o->dynamic !=
			    it->dynamic || memcmp(o->name, it->name,
			    it->namelen) != 0) {
				diag_error(src_at(p->tpl->path, it->line,
				    it->col), "閉じタグ %.*s が開いているタグ "
				    "%.*s（%u 行目）と対応していません",
				    (int)(it->end - it->start), src + it->start,
				    (int)(o->end - o->start), src + o->start,
				    o->line);
				return -1;
			}
			o->partner = (size_t)(it - p->items);
			it->partner = open;
			it->container = o->container;
			open = o->container;
		}
	}
	if (open != MU_NONE)
		return mu_error(p, &p->items[open], "に対応する閉じタグがあり"
		    "ません");
	return 0;
}

/* ---- pass 2: standalone lines ---- */

static void
mu_strip_left(struct mu_parse *p, size_t i)
{
	struct mu_item *prev = i > 0 ? &p->items[i - 1] : NULL;

	if (prev != NULL && prev->type == 0 && prev->end > p->items[i].lstart)
		prev->end = p->items[i].lstart > prev->start ?
		    p->items[i].lstart : prev->start;
}

static void
mu_strip_right(struct mu_parse *p, size_t i)
{
	struct mu_item *next = i + 1 < p->nitems ? &p->items[i + 1] : NULL;

	if (next != NULL && next->type == 0 && next->start < p->items[i].rend)
		next->start = p->items[i].rend < next->end ?
		    p->items[i].rend : next->end;
}

static int
mu_is_arg(const struct mu_parse *p, const struct mu_item *open)
{
	return open->container != MU_NONE &&
	    p->items[open->container].type == '<';
}

/*
 * A tag is standalone when only whitespace shares its line; the spec then
 * drops that whitespace and the newline.  Parent tags and the blocks passed
 * to them are special: text inside a parent tag is ignored, so the side of a
 * tag that faces that text never prevents standing alone.  A parent pair
 * stands alone when its opening tag starts a line and its closing tag ends
 * one, even when both share the line.
 */
static void
mu_standalone(struct mu_parse *p)
{
	const char	*s = p->src;
	struct mu_item	*it, *o;
	size_t		 i, j;

	for (i = 0; i < p->nitems; i++) {
		it = &p->items[i];
		if (it->type == 0)
			continue;
		for (j = it->start; j > 0 && (s[j - 1] == ' ' ||
		    s[j - 1] == '\t'); j--)
			;
		it->lstart = j;
		it->cl = j == 0 || s[j - 1] == '\n';
		for (j = it->end; j < p->len && (s[j] == ' ' || s[j] == '\t');
		    j++)
			;
		if (j < p->len && s[j] == '\r' && j + 1 < p->len &&
		    s[j + 1] == '\n')
			j++;
		it->cr = j == p->len || s[j] == '\n';
		it->rend = j < p->len ? j + 1 : j;
	}
	for (i = 0; i < p->nitems; i++) {
		it = &p->items[i];
		o = it->type == '/' ? &p->items[it->partner] : it;
		switch (it->type) {
		case 0: case 'v': case '&': case '{':
			break;
		case '<':
			if (it->cl && p->items[it->partner].cr) {
				it->sa = p->items[it->partner].sa = 1;
				mu_strip_left(p, i);
				mu_strip_right(p, it->partner);
			}
			break;
		default:
			if (o->type == '<')
				break;
			if (o->type == '$' && mu_is_arg(p, o)) {
				if (it->type == '$' ? it->cr : it->cl) {
					it->sa = 1;
					if (it->type == '$')
						mu_strip_right(p, i);
					else
						mu_strip_left(p, i);
				}
			} else if (it->cl && it->cr) {
				it->sa = 1;
				mu_strip_left(p, i);
				mu_strip_right(p, i);
			}
		}
	}
}

/* ---- pass 3: the node tree ---- */

static int
mu_opens(char type)
{
	return type == '#' || type == '^' || type == '<' || type == '$';
}

static int
mu_prints(const struct mu_item *it)
{
	return it->type == 0 ? it->start < it->end :
	    strchr("v&{>", it->type) != NULL;
}

/* Inside a parent tag only blocks count: they are its arguments. */
static size_t
mu_count(const struct mu_parse *p, size_t i, size_t end, int args)
{
	size_t n = 0;

	while (i < end) {
		const struct mu_item *it = &p->items[i];

		if (args ? it->type == '$' : mu_opens(it->type) ||
		    mu_prints(it))
			n++;
		i = mu_opens(it->type) ? it->partner + 1 : i + 1;
	}
	return n;
}

static void
mu_split_name(arena *a, struct mu_node *n)
{
	const char	*s = n->str, *e = s + n->len, *dot;
	size_t		 k;

	if (n->len == 1 && *s == '.')
		return;
	for (dot = s, n->nsegs = 1; (dot = memchr(dot, '.', (size_t)(e -
	    dot))) != NULL; dot++)
		n->nsegs++;
	n->segs = ARENA_ARRAY(a, struct mu_seg, n->nsegs);
	for (k = 0; k < n->nsegs; k++) {
		dot = memchr(s, '.', (size_t)(e - s));
		if (dot == NULL)
			dot = e;
		n->segs[k].s = s;
		n->segs[k].len = (size_t)(dot - s);
		s = dot + 1;
	}
}

static void
mu_block_site(const struct mu_parse *p, const struct mu_item *it,
    struct mu_node *n)
{
	const struct mu_item	*close = &p->items[it->partner];
	size_t			 j;

	if (it->sa) {
		/* The opening tag has its own line: indentation is that of
		 * the first line of the default content. */
		for (j = it->rend; j < p->len && (p->src[j] == ' ' ||
		    p->src[j] == '\t'); j++)
			;
		n->ind = p->src + it->rend;
		n->indlen = j - it->rend;
		n->flags |= n->flags & MU_ARG ? MU_DEDENT : MU_SITE |
		    MU_SITE_BOL;
	} else if (!(n->flags & MU_ARG) && it->cl && close->cr) {
		n->ind = p->src + it->lstart;
		n->indlen = it->start - it->lstart;
		n->flags |= MU_SITE;
	}
}

static struct mu_node *
mu_build(struct mu_parse *p, size_t i, size_t end, int args, size_t *np)
{
	static const char	 ops[] = "v&{#^><$";
	static const char	 opv[] = { MU_VAR, MU_RAW, MU_RAW, MU_SECTION,
	    MU_INVERTED, MU_PARTIAL, MU_PARENT, MU_BLOCK };
	arena			*a = &p->tpl->mem;
	struct mu_node		*v, *n;
	const struct mu_item	*it;

	*np = mu_count(p, i, end, args);
	v = *np != 0 ? ARENA_ARRAY(a, struct mu_node, *np) : NULL;
	for (n = v; i < end; i = mu_opens(it->type) ? it->partner + 1 : i + 1) {
		it = &p->items[i];
		if (args ? it->type != '$' : !mu_opens(it->type) &&
		    !mu_prints(it))
			continue;
		if (it->type == 0) {
			n->op = MU_TEXT;
			n->str = p->src + it->start;
			n->len = it->end - it->start;
			if (it->start == 0 || p->src[it->start - 1] == '\n')
				n->flags = MU_BOL;
			n++;
			continue;
		}
		n->op = (unsigned char)opv[strchr(ops, it->type) - ops];
		n->line = it->line;
		n->col = it->col;
		n->str = it->name;
		n->len = it->namelen;
		if (it->dynamic)
			n->flags |= MU_DYNAMIC;
		if (n->op != MU_BLOCK && ((n->op != MU_PARTIAL &&
		    n->op != MU_PARENT) || it->dynamic))
			mu_split_name(a, n);
		if ((n->op == MU_PARTIAL || n->op == MU_PARENT) && it->sa) {
			n->flags |= MU_INDENT;
			n->ind = p->src + it->lstart;
			n->indlen = it->start - it->lstart;
		}
		if (n->op == MU_BLOCK) {
			if (args)
				n->flags |= MU_ARG;
			mu_block_site(p, it, n);
		}
		if (mu_opens(it->type))
			n->kids = mu_build(p, i + 1, it->partner,
			    it->type == '<', &n->nkids);
		n++;
	}
	return v;
}

/* ---- pass 4: block reindentation ---- */

static size_t
mu_common(const char *s, size_t len, const char *d, size_t dlen)
{
	size_t k = 0;

	while (k < len && k < dlen && s[k] == d[k])
		k++;
	return k;
}

/* Remove the indentation `d` from every line of a text node. */
static void
mu_dedent_text(arena *a, struct mu_node *n, const char *d, size_t dlen)
{
	char		*out = arena_alloc(a, n->len + 1), *o = out;
	const char	*s = n->str, *e = s + n->len;
	int		 bol = (n->flags & MU_BOL) != 0;

	while (s < e) {
		if (bol && (s += mu_common(s, (size_t)(e - s), d, dlen)) == e)
			break;
		bol = *s == '\n';
		*o++ = *s++;
	}
	n->str = out;
	n->len = (size_t)(o - out);
}

/*
 * A block passed to a parent whose opening tag has its own line sheds its
 * intrinsic indentation (that of its first line); the block it fills in adds
 * its own.  Everything nested inside moves with it: text, the indentation of
 * standalone partials, the sites of nested blocks.
 */
static void
mu_dedent(arena *a, struct mu_node *v, size_t nv, const char *d, size_t dlen)
{
	struct mu_node	*n;
	size_t		 i, k;

	/* Indexed, not `n < v + nv`: an empty body has v == NULL, and
	 * NULL + 0 is undefined. */
	for (i = 0; i < nv; i++) {
		n = &v[i];
		if (n->op == MU_TEXT && dlen != 0 && (n->flags & MU_BOL ||
		    memchr(n->str, '\n', n->len) != NULL))
			mu_dedent_text(a, n, d, dlen);
		if (n->flags & (MU_INDENT | MU_SITE)) {
			k = mu_common(n->ind, n->indlen, d, dlen);
			n->ind += k;
			n->indlen -= k;
		}
		if (n->flags & MU_DEDENT)
			mu_dedent(a, n->kids, n->nkids, n->ind, n->indlen);
		else
			mu_dedent(a, n->kids, n->nkids, d, dlen);
	}
}

int
mu_set_add(mu_set *set, const char *name, const char *src, size_t len,
    const char *path)
{
	struct mu_parse	 p;
	struct mu_tpl	*t = mu_insert(set, name, strlen(name));
	char		*copy;
	int		 rc;

	/* Replacing frees the old version; cached targets stay valid. */
	arena_free(&t->mem);
	t->root = NULL;
	t->nroot = 0;
	t->path = arena_strdup(&t->mem, path != NULL ? path : name);
	copy = arena_alloc(&t->mem, len + 1);
	memcpy(copy, src, len);
	t->src_hash = hash64(src, len);
	memset(&p, 0, sizeof(p));
	p.tpl = t;
	p.src = copy;
	p.len = len;
	p.line = p.col = 1;
	/* A template with a syntax error stays in the set but renders empty,
	 * so references to it do not add "not found" errors. */
	if ((rc = mu_scan(&p)) == 0) {
		mu_standalone(&p);
		t->root = mu_build(&p, 0, p.nitems, 0, &t->nroot);
		mu_dedent(&t->mem, t->root, t->nroot, NULL, 0);
	}
	free(p.items);
	return rc;
}

uint64_t
mu_set_fingerprint(const mu_set *set)
{
	uint64_t	fp = 0x6D757374616368ull ^ set->flags, v[2];
	size_t		i;

	/* Order-free: a sum over the templates, each its name and source. */
	for (i = 0; i < set->cap; i++)
		if (set->slots[i] != NULL) {
			v[0] = hash64(set->slots[i]->name,
			    set->slots[i]->namelen);
			v[1] = set->slots[i]->src_hash;
			fp += hash64(v, sizeof(v));
		}
	return fp;
}

/* ---- checking ---- */

static int
mu_check_nodes(mu_set *set, const struct mu_tpl *t, struct mu_node *v,
    size_t nv)
{
	struct mu_node	*n;
	size_t		 i;
	int		 problems = 0;

	for (i = 0; i < nv; i++) {
		n = &v[i];
		if ((n->op == MU_PARTIAL || n->op == MU_PARENT) &&
		    !(n->flags & MU_DYNAMIC) &&
		    (n->target = mu_find(set, n->str, n->len)) == NULL) {
			diag_error(src_at(t->path, n->line, n->col),
			    "テンプレート \"%.*s\" が見つかりません（%s {{%c "
			    "%.*s}}）", (int)n->len, n->str,
			    n->op == MU_PARTIAL ? "部分テンプレート" :
			    "親テンプレート", n->op == MU_PARTIAL ? '>' : '<',
			    (int)n->len, n->str);
			problems++;
		}
		problems += mu_check_nodes(set, t, n->kids, n->nkids);
	}
	return problems;
}

int
mu_set_check(mu_set *set)
{
	size_t	i;
	int	problems = 0;

	if (!(set->flags & MU_STRICT))
		return 0;
	for (i = 0; i < set->cap; i++)
		if (set->slots[i] != NULL)
			problems += mu_check_nodes(set, set->slots[i],
			    set->slots[i]->root, set->slots[i]->nroot);
	return problems;
}
