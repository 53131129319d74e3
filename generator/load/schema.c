/*
 * schema.c -- decode and validate YAML mappings against field tables.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/date.h"
#include "../core/utf8.h"
#include "schema.h"

static const char *
node_str(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

static void
unknown_key(struct ydoc *y, const yaml_node_t *key, const struct schema *sc)
{
	const char	*best = NULL;
	size_t		 bestd = 3, i, d;
	buf		 list = BUF_INIT;

	for (i = 0; i < sc->nfields; i++) {
		d = utf8_distance(node_str(key), sc->fields[i].key);
		if (d < bestd) {
			bestd = d;
			best = sc->fields[i].key;
		}
		buf_printf(&list, "%s%s", i ? ", " : "", sc->fields[i].key);
	}
	if (best != NULL)
		diag_error(ydoc_pos(y, key), "不明なキー '%s' です。'%s' の"
		    "書き間違いではありませんか", node_str(key), best);
	else
		diag_error(ydoc_pos(y, key), "不明なキー '%s' です。%sで使える"
		    "キー: %s", node_str(key), sc->what, buf_str(&list));
	buf_free(&list);
}

static const char *
type_name(enum field_type t)
{
	switch (t) {
	case F_INT: return "整数";
	case F_DECIMAL: return "数（小数点以下1桁まで）";
	case F_BOOL: return "true か false";
	case F_DATE: return "日付（YYYY-MM-DD）";
	case F_STRINGS: return "文字列のリスト";
	case F_LIST: return "項目のリスト";
	case F_MAP: return "キーと値の組";
	case F_URL: return "URL";
	default: return "文字列";
	}
}

static void
type_error(struct ydoc *y, const yaml_node_t *n, const struct field *f)
{
	if (f->example != NULL)
		diag_error(ydoc_pos(y, n), "'%s' には%sを書いてください"
		    "（例: %s: %s）", f->key, type_name(f->type), f->key,
		    f->example);
	else
		diag_error(ydoc_pos(y, n), "'%s' には%sを書いてください",
		    f->key, type_name(f->type));
}

static int
is_slug(const char *s)
{
	const char *p;

	if (*s == '\0' || *s == '-')
		return 0;
	for (p = s; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			continue;
		if (*p == '-' && p[1] != '-' && p[1] != '\0')
			continue;
		return 0;
	}
	return 1;
}

static int
decode_str(arena *a, struct ydoc *y, yaml_node_t *n, const struct field *f,
    fm_str *out)
{
	const char *s;

	if (n->type != YAML_SCALAR_NODE) {
		type_error(y, n, f);
		return 1;
	}
	s = node_str(n);
	out->s = arena_strndup(a, s, n->data.scalar.length);
	out->len = n->data.scalar.length;
	out->pos = ydoc_pos(y, n);
	out->set = 1;
	if ((f->flags & (F_NONEMPTY | F_REQUIRED)) && out->len == 0) {
		diag_error(out->pos, "'%s' が空です。値を書いてください", f->key);
		return 1;
	}
	if (out->len != strlen(out->s)) {
		diag_error(out->pos, "'%s' に NUL 文字が含まれています", f->key);
		return 1;
	}
	switch (f->type) {
	case F_SLUG:
		if (!is_slug(out->s)) {
			diag_error(out->pos, "'%s' には半角の英小文字・数字と、"
			    "語の区切りのハイフンだけが使えます（例: %s: %s）",
			    f->key, f->key, f->example ? f->example : "passwords");
			return 1;
		}
		break;
	case F_ENUM: {
		const char *const *c;
		buf list = BUF_INIT;

		for (c = f->choices; *c != NULL; c++)
			if (strcmp(*c, out->s) == 0)
				return 0;
		for (c = f->choices; *c != NULL; c++)
			buf_printf(&list, "%s%s", c == f->choices ? "" : "、", *c);
		diag_error(out->pos, "'%s' の値 '%s' は使えません。次のどれかを"
		    "書いてください: %s", f->key, out->s, buf_str(&list));
		buf_free(&list);
		return 1;
	}
	case F_DATE:
		if (date_parse(out->s) < 0) {
			diag_error(out->pos, "'%s' の日付 '%s' が正しくありません。"
			    "YYYY-MM-DD の形の実在する日付を書いてください"
			    "（例: %s: 2025-06-01）", f->key, out->s, f->key);
			return 1;
		}
		break;
	case F_URL:
		if ((strncmp(out->s, "https://", 8) != 0 &&
		    strncmp(out->s, "http://", 7) != 0) ||
		    strpbrk(out->s, " \t\"<>") != NULL) {
			diag_error(out->pos, "'%s' には https:// で始まる URL を"
			    "書いてください", f->key);
			return 1;
		}
		break;
	default:
		break;
	}
	return 0;
}

static int
decode_int(struct ydoc *y, yaml_node_t *n, const struct field *f, fm_int *out)
{
	const char	*s;
	char		*end;
	long long	 v;

	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
		type_error(y, n, f);
		return 1;
	}
	s = node_str(n);
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < INT_MIN ||
	    v > INT_MAX) {
		type_error(y, n, f);
		return 1;
	}
	out->v = v;
	out->pos = ydoc_pos(y, n);
	out->set = 1;
	return 0;
}

/* "36.6" -> 366, "6" -> 60, "-1.5" -> -15. */
static int
decode_decimal(struct ydoc *y, yaml_node_t *n, const struct field *f,
    fm_int *out)
{
	const char	*s, *p;
	long long	 v = 0;
	int		 neg = 0, digits = 0, frac = 0;

	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
		type_error(y, n, f);
		return 1;
	}
	s = p = node_str(n);
	if (*p == '-') {
		neg = 1;
		p++;
	}
	for (; *p >= '0' && *p <= '9' && digits < 12; p++, digits++)
		v = v * 10 + (*p - '0');
	v *= 10;
	if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
		v += p[1] - '0';
		frac = 1;
		p += 2;
	}
	if (digits == 0 || *p != '\0') {
		if (digits > 0 && *p >= '0' && *p <= '9' && frac)
			diag_error(ydoc_pos(y, n), "'%s' は小数点以下1桁までに"
			    "してください（'%s'）", f->key, s);
		else
			type_error(y, n, f);
		return 1;
	}
	out->v = neg ? -v : v;
	out->pos = ydoc_pos(y, n);
	out->set = 1;
	return 0;
}

static int
decode_bool(struct ydoc *y, yaml_node_t *n, const struct field *f,
    fm_bool *out)
{
	const char *s;

	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
		type_error(y, n, f);
		return 1;
	}
	s = node_str(n);
	if (strcmp(s, "true") == 0)
		out->v = 1;
	else if (strcmp(s, "false") == 0)
		out->v = 0;
	else {
		diag_error(ydoc_pos(y, n), "'%s' には true か false を書いて"
		    "ください（'%s' は使えません）", f->key, s);
		return 1;
	}
	out->pos = ydoc_pos(y, n);
	out->set = 1;
	return 0;
}

static int
decode_strings(arena *a, struct ydoc *y, yaml_node_t *n,
    const struct field *f, fm_strs *out)
{
	yaml_node_item_t	*it;
	size_t			 k = 0;
	int			 errs = 0;
	struct field		 item = *f;

	item.type = F_STRING;
	item.flags = F_NONEMPTY;
	out->pos = ydoc_pos(y, n);
	out->set = 1;
	if (n->type == YAML_SCALAR_NODE) {
		if (n->data.scalar.length == 0)
			return 0;
		out->items = ARENA_NEW(a, fm_str);
		out->n = 1;
		return decode_str(a, y, n, &item, &out->items[0]);
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		type_error(y, n, f);
		return 1;
	}
	out->n = (size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start);
	out->items = ARENA_ARRAY(a, fm_str, out->n ? out->n : 1);
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++)
		errs += decode_str(a, y, ydoc_node(y, *it), &item,
		    &out->items[k++]);
	return errs;
}

static int
decode_list(arena *a, struct ydoc *y, yaml_node_t *n, const struct field *f,
    fm_list *out)
{
	yaml_node_item_t	*it;
	size_t			 k = 0;
	int			 errs = 0;

	out->pos = ydoc_pos(y, n);
	out->set = 1;
	if (n->type == YAML_SCALAR_NODE && n->data.scalar.length == 0)
		return 0;
	if (n->type != YAML_SEQUENCE_NODE) {
		type_error(y, n, f);
		return 1;
	}
	out->n = (size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start);
	out->items = arena_alloc(a, f->sub->size * (out->n ? out->n : 1));
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		yaml_node_t *item = ydoc_node(y, *it);

		if (item->type != YAML_MAPPING_NODE) {
			diag_error(ydoc_pos(y, item), "'%s' の各項目は "
			    "\"キー: 値\" の組で書いてください", f->key);
			errs++;
			k++;
			continue;
		}
		errs += schema_decode(a, y, item, f->sub,
		    (char *)out->items + f->sub->size * k++, ydoc_pos(y, item));
	}
	return errs;
}

static int
decode_field(arena *a, struct ydoc *y, yaml_node_t *v, const struct field *f,
    void *out)
{
	void *slot = (char *)out + f->offset;

	/* `key:` with nothing after it is null: treat as absent, unless the
	 * key is required. */
	if (v->type == YAML_SCALAR_NODE && v->data.scalar.length == 0 &&
	    v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    f->type != F_STRINGS && f->type != F_LIST) {
		if (f->flags & F_REQUIRED) {
			diag_error(ydoc_pos(y, v), "'%s' が空です。値を書いて"
			    "ください", f->key);
			return 1;
		}
		return 0;
	}
	switch (f->type) {
	case F_INT:
		return decode_int(y, v, f, slot);
	case F_DECIMAL:
		return decode_decimal(y, v, f, slot);
	case F_BOOL:
		return decode_bool(y, v, f, slot);
	case F_STRINGS:
		return decode_strings(a, y, v, f, slot);
	case F_LIST:
		return decode_list(a, y, v, f, slot);
	case F_MAP:
		if (v->type != YAML_MAPPING_NODE) {
			type_error(y, v, f);
			return 1;
		}
		return schema_decode(a, y, v, f->sub, slot, ydoc_pos(y, v));
	default:
		return decode_str(a, y, v, f, slot);
	}
}

static int
field_set(const struct field *f, const void *out)
{
	const char *slot = (const char *)out + f->offset;

	switch (f->type) {
	case F_INT:
	case F_DECIMAL: return ((const fm_int *)(const void *)slot)->set;
	case F_BOOL: return ((const fm_bool *)(const void *)slot)->set;
	case F_STRINGS: return ((const fm_strs *)(const void *)slot)->set;
	case F_LIST: return ((const fm_list *)(const void *)slot)->set;
	case F_MAP: return 0;	/* present iff seen */
	default: return ((const fm_str *)(const void *)slot)->set;
	}
}

int
schema_decode(arena *a, struct ydoc *y, yaml_node_t *node,
    const struct schema *sc, void *out, src_pos where)
{
	yaml_node_pair_t	*pair;
	size_t			 i;
	int			 errs = 0;
	unsigned char		 seen[64] = { 0 };

	if (node != NULL && node->type == YAML_SCALAR_NODE &&
	    node->data.scalar.length == 0)
		node = NULL;	/* an empty document */
	if (node != NULL && node->type != YAML_MAPPING_NODE) {
		diag_error(ydoc_pos(y, node), "%sは \"キー: 値\" の組で書いて"
		    "ください", sc->what);
		return 1;
	}
	if (node != NULL)
		where = ydoc_pos(y, node);
	for (pair = node ? node->data.mapping.pairs.start : NULL;
	    node != NULL && pair < node->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = ydoc_node(y, pair->key);
		yaml_node_t *v = ydoc_node(y, pair->value);

		if (k->type != YAML_SCALAR_NODE) {
			diag_error(ydoc_pos(y, k), "キーには文字列を書いて"
			    "ください");
			errs++;
			continue;
		}
		for (i = 0; i < sc->nfields; i++)
			if (strcmp(sc->fields[i].key, node_str(k)) == 0)
				break;
		if (i == sc->nfields) {
			unknown_key(y, k, sc);
			errs++;
			continue;
		}
		if (i < sizeof(seen))
			seen[i] = 1;
		errs += decode_field(a, y, v, &sc->fields[i], out);
	}
	for (i = 0; i < sc->nfields; i++) {
		const struct field *f = &sc->fields[i];

		if (!(f->flags & F_REQUIRED) || field_set(f, out))
			continue;
		if (i < sizeof(seen) && seen[i])
			continue;	/* present but invalid: already said */
		if (f->example != NULL)
			diag_error(where, "必須のキー '%s' がありません（%s）。"
			    "例: %s: %s", f->key, sc->what, f->key, f->example);
		else
			diag_error(where, "必須のキー '%s' がありません（%s）",
			    f->key, sc->what);
		errs++;
	}
	return errs;
}
