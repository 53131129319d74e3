/*
 * page_fields.h -- the front-matter keys that every kind of page shares,
 * as schema field entries for a struct T holding a struct page_meta in
 * member M.  Guides use them alone; calculators add their own keys.
 */
#ifndef MAMORU_PAGE_FIELDS_H
#define MAMORU_PAGE_FIELDS_H

#include <stddef.h>

#include "../load/schema.h"

extern const char *const page_audiences[];
extern const char *const page_prints[];

#define PAGE_FIELD(T, M, key, t, fl, ex) \
	{ #key, t, fl, offsetof(T, M.key), NULL, NULL, ex }

#define PAGE_FIELDS(T, M) \
	PAGE_FIELD(T, M, title, F_STRING, F_REQUIRED, "パスワードの決め方"), \
	PAGE_FIELD(T, M, slug, F_SLUG, 0, "passwords"), \
	PAGE_FIELD(T, M, summary, F_STRING, 0, NULL), \
	PAGE_FIELD(T, M, order, F_INT, 0, "10"), \
	PAGE_FIELD(T, M, tags, F_STRINGS, 0, "[パスワード, 基本]"), \
	{ "audience", F_ENUM, 0, offsetof(T, M.audience), page_audiences, \
	    NULL, "経営者" }, \
	PAGE_FIELD(T, M, kiosk, F_BOOL, 0, "true"), \
	{ "print", F_ENUM, 0, offsetof(T, M.print), page_prints, NULL, \
	    "handout" }, \
	PAGE_FIELD(T, M, updated, F_DATE, 0, "2025-06-01"), \
	PAGE_FIELD(T, M, draft, F_BOOL, 0, "false")

#endif
