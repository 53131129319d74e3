/*
 * fuzz_mustache.c -- fuzz target: the Mustache engine (generator/template/),
 * compiling and rendering.
 *
 * The input is up to four templates separated by NUL bytes: "t", "p",
 * "layouts/base" and "partials/header".  They go into two sets (one
 * MU_STRICT, one not) that already hold the built-in templates of
 * templates/; a name the input does not give gets back its built-in
 * source (or "" for t and p), so every input starts from the same set.
 * Then "t" and the built-in "guide" page (which extends layouts/base and
 * includes partials/header) are rendered with a fixed context shaped like
 * the site's: escaping, dotted names, lists, empty lists, numbers,
 * booleans, nulls and a dynamic partial name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../generator/core/arena.h"
#include "../../generator/core/diag.h"
#include "../../generator/core/fs.h"
#include "../../generator/render/templates.h"
#include "../../generator/template/template.h"
#include "fuzz.h"

#define NCHUNKS	4

static const char *const names[NCHUNKS] = {
	"t", "p", "layouts/base", "partials/header"
};
static buf		 builtin[NCHUNKS];	/* the sources to restore */
static mu_set		*sets[2];
static arena		 mem;
static tpl_value	*ctx;

static tpl_value *
item(const char *title, const char *url, long long n, int first)
{
	tpl_value *v = tpl_map(&mem);

	tpl_set_str(&mem, v, "title", title);
	tpl_set_str(&mem, v, "url", url);
	tpl_set_int(&mem, v, "number", n);
	tpl_set_bool(&mem, v, "first", first);
	tpl_set(&mem, v, "summary", n == 2 ? tpl_null(&mem) :
	    tpl_cstr(&mem, "<b>要約</b> & \"引用\" 'x'"));
	return v;
}

static void
build_context(void)
{
	tpl_value *site = tpl_map(&mem), *page = tpl_map(&mem);
	tpl_value *calc = tpl_map(&mem), *list = tpl_list(&mem);
	tpl_value *words = tpl_list(&mem), *org = tpl_map(&mem);

	ctx = tpl_map(&mem);
	tpl_set_str(&mem, org, "name", "○○商工会議所");
	tpl_set_str(&mem, site, "title", "中小企業の<情報>セキュリティ");
	tpl_set_str(&mem, site, "tagline", "今日から & いつでも");
	tpl_set(&mem, site, "organisation", org);
	tpl_set_str(&mem, page, "title", "パスワードの\"決め方\"");
	tpl_set_str(&mem, page, "body", "<h2 id=\"a\">見出し</h2>\n<p>本文</p>\n");
	tpl_set_bool(&mem, page, "has_citations", 0);
	tpl_set(&mem, page, "citations", tpl_list(&mem));
	tpl_push(&mem, list, item("最初", "guides/a/", 1, 1));
	tpl_push(&mem, list, item("二番目", "guides/b/", 2, 0));
	tpl_push(&mem, list, item("三番目", "../c/?q=1&r=2", 3, 0));
	tpl_push(&mem, words, tpl_cstr(&mem, "一"));
	tpl_push(&mem, words, tpl_cstr(&mem, "<二>"));
	tpl_set_str(&mem, calc, "kind", "score");
	tpl_set_bool(&mem, calc, "is_score", 1);
	tpl_set_int(&mem, calc, "item_count", 25);
	tpl_set(&mem, calc, "parts", list);
	tpl_set(&mem, ctx, "site", site);
	tpl_set(&mem, ctx, "page", page);
	tpl_set(&mem, ctx, "calc", calc);
	tpl_set(&mem, ctx, "guides", list);
	tpl_set(&mem, ctx, "items", list);
	tpl_set(&mem, ctx, "words", words);
	tpl_set(&mem, ctx, "empty", tpl_list(&mem));
	tpl_set(&mem, ctx, "nothing", tpl_null(&mem));
	tpl_set_bool(&mem, ctx, "yes", 1);
	tpl_set_bool(&mem, ctx, "no", 0);
	tpl_set(&mem, ctx, "pi", tpl_num(&mem, 3.14, "3.14"));
	tpl_set_int(&mem, ctx, "n", -7);
	tpl_set_str(&mem, ctx, "title", "題名 <script>alert(1)</script>");
	tpl_set_str(&mem, ctx, "main", "p");
	tpl_set_str(&mem, ctx, "layout", "layouts/base");
	tpl_set_str(&mem, ctx, "body_class", "guide");
	tpl_set_str(&mem, ctx, "multi", "一行目\n二行目\n");
}

static void
init(void)
{
	size_t	i, k;
	buf	path = BUF_INIT;

	for (k = 0; k < 2; k++) {
		sets[k] = mu_set_new(k ? MU_STRICT : 0);
		if (templates_load_dir(sets[k], "templates") != 0 ||
		    !mu_set_has(sets[k], "guide")) {
			fprintf(stderr, "fuzz_mustache: cannot load templates/ "
			    "(run from the repository root)\n");
			exit(2);
		}
	}
	for (i = 0; i < NCHUNKS; i++) {
		buf_truncate(&path, 0);
		buf_printf(&path, "templates/%s.mustache", names[i]);
		if (fs_is_file(path.data) && fs_read(path.data, &builtin[i]) == -1)
			exit(2);
	}
	buf_free(&path);
	build_context();
	fuzz_diag_drain();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*s = (const char *)data, *end = s + size, *nul;
	size_t		 i, k, len;
	buf		 out = BUF_INIT;

	if (sets[0] == NULL)
		init();
	for (i = 0; i < NCHUNKS; i++) {
		const char *src = buf_str(&builtin[i]);

		len = builtin[i].len;
		if (s != NULL) {
			nul = memchr(s, '\0', (size_t)(end - s));
			src = s;
			len = (size_t)((nul != NULL ? nul : end) - s);
			s = nul != NULL ? nul + 1 : NULL;
		}
		for (k = 0; k < 2; k++)
			(void)mu_set_add(sets[k], names[i], src, len,
			    names[i]);
	}
	for (k = 0; k < 2; k++) {
		(void)mu_set_check(sets[k]);
		(void)mu_render(sets[k], "t", ctx, &out);
		buf_truncate(&out, 0);
		(void)mu_render(sets[k], "guide", ctx, &out);
		buf_truncate(&out, 0);
	}
	buf_free(&out);
	fuzz_diag_drain();
	return 0;
}
