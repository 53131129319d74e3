/*
 * value.c -- building and reading template values.
 */
#include <stdio.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/hash.h"
#include "value.h"

static tpl_value *
tpl_new(arena *a, enum tpl_kind kind)
{
	tpl_value *v = ARENA_NEW(a, tpl_value);

	v->kind = kind;
	return v;
}

tpl_value *
tpl_null(arena *a)
{
	return tpl_new(a, TPL_NULL);
}

tpl_value *
tpl_bool(arena *a, int b)
{
	tpl_value *v = tpl_new(a, TPL_BOOL);

	v->boolean = b != 0;
	return v;
}

tpl_value *
tpl_num(arena *a, double d, const char *text)
{
	tpl_value *v = tpl_new(a, TPL_NUM);

	v->num = d;
	if (text == NULL)
		text = arena_printf(a, "%.15g", d);
	else
		text = arena_strdup(a, text);
	v->str = text;
	v->len = strlen(text);
	return v;
}

tpl_value *
tpl_int(arena *a, long long n)
{
	char tmp[32];

	snprintf(tmp, sizeof(tmp), "%lld", n);
	return tpl_num(a, (double)n, tmp);
}

tpl_value *
tpl_str_ref(arena *a, const char *s, size_t len)
{
	tpl_value *v = tpl_new(a, TPL_STR);

	v->str = s;
	v->len = len;
	return v;
}

tpl_value *
tpl_str(arena *a, const char *s, size_t len)
{
	return tpl_str_ref(a, arena_strndup(a, s, len), len);
}

tpl_value *
tpl_cstr(arena *a, const char *s)
{
	return s != NULL ? tpl_str(a, s, strlen(s)) : tpl_null(a);
}

tpl_value *
tpl_list(arena *a)
{
	return tpl_new(a, TPL_LIST);
}

tpl_value *
tpl_map(arena *a)
{
	return tpl_new(a, TPL_MAP);
}

static void
tpl_link(arena *a, tpl_value *c, const char *key, size_t keylen,
    tpl_value *v)
{
	tpl_entry *e = ARENA_NEW(a, tpl_entry);

	e->key = key;
	e->keylen = keylen;
	e->value = v;
	if (c->last != NULL)
		c->last->next = e;
	else
		c->first = e;
	c->last = e;
	c->len++;
}

void
tpl_push(arena *a, tpl_value *list, tpl_value *item)
{
	tpl_link(a, list, NULL, 0, item);
}

void
tpl_set(arena *a, tpl_value *map, const char *key, tpl_value *v)
{
	tpl_entry	*e;
	size_t		 n = strlen(key);

	for (e = map->first; e != NULL; e = e->next)
		if (e->keylen == n && memcmp(e->key, key, n) == 0) {
			e->value = v;
			return;
		}
	tpl_link(a, map, key, n, v);
}

void
tpl_set_str(arena *a, tpl_value *map, const char *key, const char *s)
{
	tpl_set(a, map, key, tpl_cstr(a, s));
}

void
tpl_set_bool(arena *a, tpl_value *map, const char *key, int b)
{
	tpl_set(a, map, key, tpl_bool(a, b));
}

void
tpl_set_int(arena *a, tpl_value *map, const char *key, long long n)
{
	tpl_set(a, map, key, tpl_int(a, n));
}

tpl_value *
tpl_get(const tpl_value *map, const char *key, size_t keylen)
{
	const tpl_entry *e;

	if (map == NULL || map->kind != TPL_MAP)
		return NULL;
	/* Lengths first: most keys differ in length, and memcmp() of a
	 * known length beats strncmp() (a third of a page's rendering). */
	for (e = map->first; e != NULL; e = e->next)
		if (e->keylen == keylen && memcmp(e->key, key, keylen) == 0)
			return e->value;
	return NULL;
}

void
tpl_hash_add(void *hs, const tpl_value *v)
{
	tpl_hash_add_known(hs, v, NULL, 0);
}

uint64_t
tpl_value_hash(const tpl_value *v)
{
	hash_state h;

	hash_begin(&h);
	tpl_hash_add(&h, v);
	return hash_end(&h);
}

/* The bytes tpl_hash_add_known() hashes, into b (one hash of one buffer
 * is much cheaper than a hash update per key and value). */
static void
hash_bytes(buf *b, const tpl_value *v, const struct tpl_known *kn, size_t nk)
{
	const tpl_entry	*e;
	uint64_t	 n;
	size_t		 i;

	for (i = 0; i < nk; i++)
		if (v == kn[i].v && v != NULL) {
			buf_putc(b, 0xFE);	/* not a kind */
			buf_append(b, &kn[i].h, sizeof(kn[i].h));
			return;
		}
	buf_putc(b, v != NULL ? (int)v->kind : 0xFF);
	if (v == NULL)
		return;
	switch (v->kind) {
	case TPL_NULL:
		break;
	case TPL_BOOL:
		buf_putc(b, v->boolean != 0);
		break;
	case TPL_NUM:
	case TPL_STR:
		/* a number renders as its text */
		n = v->len;
		buf_append(b, &n, sizeof(n));
		buf_append(b, v->str, v->len);
		break;
	case TPL_LIST:
	case TPL_MAP:
		n = v->len;
		buf_append(b, &n, sizeof(n));
		for (e = v->first; e != NULL; e = e->next) {
			if (v->kind == TPL_MAP) {
				n = e->keylen;
				buf_append(b, &n, sizeof(n));
				buf_append(b, e->key, e->keylen);
			}
			hash_bytes(b, e->value, kn, nk);
		}
		break;
	}
}

void
tpl_hash_add_known(void *hs, const tpl_value *v, const struct tpl_known *kn,
    size_t nk)
{
	buf b = BUF_INIT;

	hash_bytes(&b, v, kn, nk);
	hash_add(hs, b.data, b.len);
	buf_free(&b);
}

int
tpl_truthy(const tpl_value *v)
{
	if (v == NULL)
		return 0;
	switch (v->kind) {
	case TPL_NULL:
		return 0;
	case TPL_BOOL:
		return v->boolean;
	case TPL_LIST:
		return v->len != 0;
	default:
		return 1;
	}
}
