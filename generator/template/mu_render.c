/*
 * mu_render.c -- render compiled Mustache templates.
 *
 * Rendering only walks the tree mu_compile.c built and appends to the
 * caller's buffer; the stacks it needs are kept in the set, so a warm set
 * allocates nothing per page.  For that reason one set renders one page at
 * a time.
 */
#include <string.h>

#include "../core/diag.h"
#include "mu_internal.h"

/* Deeper than this, a partial or block is assumed to be calling itself. */
#define MU_MAX_DEPTH	100

/* The arguments of one parent tag being rendered, and whose they are. */
struct mu_frame {
	const struct mu_node	*parent;
	const struct mu_tpl	*tpl;
};

struct mu_render {
	mu_set			*set;
	buf			*out;
	size_t			 nctx, nframes;
	unsigned		 depth;
	int			 pending;	/* an indented line starts */
	const struct mu_tpl	*tpl;		/* owner of current nodes */
};

static int	mu_render_nodes(struct mu_render *, struct mu_node *, size_t);

static void
mu_put_indent(struct mu_render *r)
{
	if (r->pending && r->set->indent.len != 0)
		buf_append(r->out, r->set->indent.data, r->set->indent.len);
	r->pending = 0;
}

/* Template text: indentation goes before each of its lines, and only its
 * lines (interpolated newlines are data). */
static void
mu_put_text(struct mu_render *r, const char *s, size_t len)
{
	const char	*nl;
	size_t		 n;

	if (r->set->indent.len == 0) {
		buf_append(r->out, s, len);
		return;
	}
	while (len > 0) {
		mu_put_indent(r);
		nl = memchr(s, '\n', len);
		n = nl != NULL ? (size_t)(nl - s) + 1 : len;
		buf_append(r->out, s, n);
		s += n;
		len -= n;
		r->pending = nl != NULL;
	}
}

/* The first part of a dotted name is searched down the context stack; the
 * rest only inside what it found. */
static const tpl_value *
mu_lookup(const struct mu_render *r, const struct mu_node *n)
{
	const tpl_value	*v = NULL;
	size_t		 i, k;

	if (n->nsegs == 0)
		return r->nctx != 0 ? r->set->ctx[r->nctx - 1] : NULL;
	for (i = r->nctx; i-- > 0 && v == NULL;)
		v = tpl_get(r->set->ctx[i], n->segs[0].s, n->segs[0].len);
	for (k = 1; k < n->nsegs && v != NULL; k++)
		v = tpl_get(v, n->segs[k].s, n->segs[k].len);
	return v;
}

static void
mu_push(struct mu_render *r, const tpl_value *v)
{
	mu_set *set = r->set;

	if (r->nctx == set->ctxcap) {
		set->ctxcap = set->ctxcap != 0 ? set->ctxcap * 2 : 32;
		set->ctx = xrealloc(set->ctx, set->ctxcap * sizeof(*set->ctx));
	}
	set->ctx[r->nctx++] = v;
}

static int
mu_render_error(struct mu_render *r, const struct mu_node *n)
{
	diag_error(src_at(r->tpl->path, n->line, n->col), "テンプレートの入"
	    "れ子が %d 段を超えました（部分テンプレートかブロックが自分自身を"
	    "呼んでいませんか）", MU_MAX_DEPTH);
	return -1;
}

/* Find the template a partial or parent tag names; NULL renders nothing. */
static struct mu_tpl *
mu_resolve(struct mu_render *r, struct mu_node *n, int *err)
{
	const tpl_value	*v;
	struct mu_tpl	*t = NULL;

	if (!(n->flags & MU_DYNAMIC)) {
		if (n->target == NULL)
			n->target = mu_find(r->set, n->str, n->len);
		return n->target;
	}
	v = mu_lookup(r, n);
	if (v != NULL && v->kind == TPL_STR)
		t = mu_find(r->set, v->str, v->len);
	if (t == NULL && r->set->flags & MU_STRICT) {
		diag_error(src_at(r->tpl->path, n->line, n->col),
		    "テンプレート \"%s\" が見つかりません（動的%sテンプレート "
		    "{{%c*%.*s}}）", v != NULL && v->kind == TPL_STR ? v->str :
		    "", n->op == MU_PARTIAL ? "部分" : "親",
		    n->op == MU_PARTIAL ? '>' : '<', (int)n->len, n->str);
		*err = 1;
	}
	return t;
}

/* Render `v` from template `t`, indented by `ind` in addition. */
static int
mu_expand(struct mu_render *r, const struct mu_node *at,
    const struct mu_tpl *t, struct mu_node *v, size_t nv, const char *ind,
    size_t indlen)
{
	const struct mu_tpl	*saved = r->tpl;
	size_t			 oldlen = r->set->indent.len;
	int			 rc;

	if (r->depth >= MU_MAX_DEPTH)
		return mu_render_error(r, at);
	buf_append(&r->set->indent, ind, indlen);
	r->depth++;
	r->tpl = t;
	rc = mu_render_nodes(r, v, nv);
	r->tpl = saved;
	r->depth--;
	buf_truncate(&r->set->indent, oldlen);
	return rc;
}

static int
mu_partial(struct mu_render *r, struct mu_node *n)
{
	struct mu_tpl	*t;
	struct mu_frame	*f;
	int		 err = 0, rc;

	if ((t = mu_resolve(r, n, &err)) == NULL)
		return err ? -1 : 0;
	if (n->flags & MU_INDENT)
		r->pending = 1;
	if (n->op == MU_PARTIAL)
		return mu_expand(r, n, t, t->root, t->nroot, n->ind,
		    n->indlen);
	if (r->nframes == r->set->framecap) {
		r->set->framecap = r->set->framecap ? r->set->framecap * 2 : 8;
		r->set->frames = xrealloc(r->set->frames, r->set->framecap *
		    sizeof(*r->set->frames));
	}
	f = &r->set->frames[r->nframes++];
	f->parent = n;
	f->tpl = r->tpl;
	rc = mu_expand(r, n, t, t->root, t->nroot, n->ind, n->indlen);
	r->nframes--;
	return rc;
}

/* A block renders the argument of the outermost parent tag that passes
 * one (the page overrides its layout, which overrides the base), or else
 * its own content. */
static int
mu_block(struct mu_render *r, struct mu_node *n)
{
	const struct mu_frame	*f;
	struct mu_node		*arg;
	size_t			 i, k;

	for (i = 0; i < r->nframes; i++) {
		f = &r->set->frames[i];
		for (k = 0; k < f->parent->nkids; k++) {
			arg = &f->parent->kids[k];
			if (arg->len != n->len ||
			    memcmp(arg->str, n->str, n->len) != 0)
				continue;
			/* Without an outer indentation `pending` is not kept
			 * up to date; the line's own text is already out. */
			if (n->flags & MU_SITE_BOL)
				r->pending = 1;
			else if (r->set->indent.len == 0)
				r->pending = 0;
			return mu_expand(r, n, f->tpl, arg->kids, arg->nkids,
			    n->ind, n->flags & MU_SITE ? n->indlen : 0);
		}
	}
	return mu_render_nodes(r, n->kids, n->nkids);
}

static int
mu_render_nodes(struct mu_render *r, struct mu_node *v, size_t nv)
{
	struct mu_node	*n;
	const tpl_value	*val;
	const tpl_entry	*e;
	size_t		 base, i;
	int		 rc = 0;

	/* v is NULL for an empty body (see mu_dedent). */
	for (i = 0; i < nv && rc == 0; i++) {
		n = &v[i];
		switch (n->op) {
		case MU_TEXT:
			mu_put_text(r, n->str, n->len);
			break;
		case MU_VAR:
		case MU_RAW:
			mu_put_indent(r);
			if ((val = mu_lookup(r, n)) == NULL)
				break;
			if (val->kind == TPL_BOOL)
				buf_puts(r->out, val->boolean ? "true" :
				    "false");
			else if (val->kind == TPL_NUM || (val->kind ==
			    TPL_STR && n->op == MU_RAW))
				buf_append(r->out, val->str, val->len);
			else if (val->kind == TPL_STR)
				buf_html_escape(r->out, val->str, val->len);
			break;
		case MU_SECTION:
			val = mu_lookup(r, n);
			if (!tpl_truthy(val))
				break;
			base = r->nctx;
			if (val->kind != TPL_LIST) {
				mu_push(r, val);
				rc = mu_render_nodes(r, n->kids, n->nkids);
			} else
				for (e = val->first; e != NULL && rc == 0;
				    e = e->next) {
					mu_push(r, e->value);
					rc = mu_render_nodes(r, n->kids,
					    n->nkids);
					r->nctx = base;
				}
			r->nctx = base;
			break;
		case MU_INVERTED:
			if (!tpl_truthy(mu_lookup(r, n)))
				rc = mu_render_nodes(r, n->kids, n->nkids);
			break;
		case MU_PARTIAL:
		case MU_PARENT:
			rc = mu_partial(r, n);
			break;
		case MU_BLOCK:
			rc = mu_block(r, n);
			break;
		}
	}
	return rc;
}

int
mu_render(mu_set *set, const char *name, const tpl_value *ctx, buf *out)
{
	struct mu_render	 r;
	struct mu_tpl		*t = mu_find(set, name, strlen(name));

	if (t == NULL) {
		diag_error(src_at(NULL, 0, 0), "テンプレート \"%s\" が見つか"
		    "りません", name);
		return -1;
	}
	memset(&r, 0, sizeof(r));
	r.set = set;
	r.out = out;
	r.tpl = t;
	buf_truncate(&set->indent, 0);
	if (ctx != NULL)
		mu_push(&r, ctx);
	return mu_render_nodes(&r, t->root, t->nroot);
}
