/*
 * test_template.c -- the official Mustache spec, run as data, plus unit
 * tests for what the spec does not cover (diagnostics, strict mode).
 *
 * usage: test_template [spec-dir]	(default ../shared/mustache-spec)
 *
 * Prints `ok - mustache/<file>/<test>` or `not ok - ...` per test, `# skip`
 * for tests of unsupported modules (lambdas), and a summary line last.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../../generator/core/arena.h"
#include "../../generator/core/buf.h"
#include "../../generator/core/diag.h"
#include "../../generator/template/template.h"
#include "../../generator/template/value.h"

/* The spec's name for the template under test; no partial is named so. */
#define MAIN_NAME	"(template)"

static int	npass, nfail, nskip;

static void
print_escaped(const char *label, const char *s)
{
	const unsigned char *p;

	printf("#   %s \"", label);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '\n')
			fputs("\\n", stdout);
		else if (*p == '\r')
			fputs("\\r", stdout);
		else if (*p == '\t')
			fputs("\\t", stdout);
		else if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			printf("\\x%02x", *p);
		else
			putchar(*p);
	}
	puts("\"");
}

/* Everything diag has collected, as diag_flush prints it; caller frees. */
static char *
diag_capture(void)
{
	FILE	*f;
	long	 size;
	char	*text;

	/* diag_flush sorts even an empty list, qsort(NULL, 0): skip it. */
	if (diag_error_count() + diag_warning_count() == 0)
		return xstrdup("");
	if ((f = tmpfile()) == NULL) {
		perror("tmpfile");
		exit(2);
	}
	diag_flush(f, DIAG_TEXT);
	size = ftell(f);
	rewind(f);
	text = xmalloc((size_t)size + 1);
	text[fread(text, 1, (size_t)size, f)] = '\0';
	fclose(f);
	return text;
}

/* Report one test; `expected`/`got` are shown on failure when given. */
static void
report(int ok, const char *name, const char *expected, const char *got)
{
	char *diags;

	if (ok) {
		printf("ok - %s\n", name);
		return;
	}
	printf("not ok - %s\n", name);
	if (expected != NULL)
		print_escaped("expected:", expected);
	if (got != NULL)
		print_escaped("got:     ", got);
	diags = diag_capture();
	if (*diags != '\0') {
		char *line, *save = NULL;

		for (line = strtok_r(diags, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save))
			printf("#   %s\n", line);
	}
	free(diags);
}

/* The shortest text that reads back as the same double: 1.21, not
 * 1.2099999999999999645. */
static const char *
number_text(double d, char *tmp, size_t size)
{
	int prec;

	if (d > -1e15 && d < 1e15 && d == (double)(long long)d) {
		snprintf(tmp, size, "%lld", (long long)d);
		return tmp;
	}
	for (prec = 1; prec < 17; prec++) {
		snprintf(tmp, size, "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			return tmp;
	}
	snprintf(tmp, size, "%.17g", d);
	return tmp;
}

static tpl_value *
json_value(arena *a, const cJSON *j)
{
	const cJSON	*c;
	tpl_value	*v;
	char		 tmp[40];

	if (cJSON_IsBool(j))
		return tpl_bool(a, cJSON_IsTrue(j));
	if (cJSON_IsNumber(j))
		return tpl_num(a, j->valuedouble,
		    number_text(j->valuedouble, tmp, sizeof(tmp)));
	if (cJSON_IsString(j))
		return tpl_cstr(a, j->valuestring);
	if (cJSON_IsArray(j)) {
		v = tpl_list(a);
		cJSON_ArrayForEach(c, j)
			tpl_push(a, v, json_value(a, c));
		return v;
	}
	if (cJSON_IsObject(j)) {
		v = tpl_map(a);
		cJSON_ArrayForEach(c, j)
			tpl_set(a, v, arena_strdup(a, c->string),
			    json_value(a, c));
		return v;
	}
	return tpl_null(a);
}

static char *
read_file(const char *path)
{
	FILE	*f = fopen(path, "rb");
	buf	 b = BUF_INIT;
	char	 chunk[8192];
	size_t	 n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	return buf_detach(&b);
}

static void
run_spec_test(const char *file, const char *name, const cJSON *test)
{
	const cJSON	*tmpl = cJSON_GetObjectItemCaseSensitive(test,
			    "template");
	const cJSON	*want = cJSON_GetObjectItemCaseSensitive(test,
			    "expected");
	const cJSON	*partials = cJSON_GetObjectItemCaseSensitive(test,
			    "partials"), *p;
	mu_set		*set = mu_set_new(0);
	arena		 a = ARENA_INIT;
	buf		 out = BUF_INIT;
	char		 full[1024];
	int		 ok;

	snprintf(full, sizeof(full), "mustache/%s/%s", file, name);
	ok = cJSON_IsString(tmpl) && cJSON_IsString(want);
	cJSON_ArrayForEach(p, partials)
		if (!cJSON_IsString(p) || mu_set_add(set, p->string,
		    p->valuestring, strlen(p->valuestring), p->string) != 0)
			ok = 0;
	if (ok && mu_set_add(set, MAIN_NAME, tmpl->valuestring,
	    strlen(tmpl->valuestring), full) != 0)
		ok = 0;
	if (ok && mu_render(set, MAIN_NAME, json_value(&a,
	    cJSON_GetObjectItemCaseSensitive(test, "data")), &out) != 0)
		ok = 0;
	if (ok)
		ok = strcmp(buf_str(&out), want->valuestring) == 0;
	report(ok, full, cJSON_IsString(want) ? want->valuestring : NULL,
	    buf_str(&out));
	ok ? npass++ : nfail++;
	diag_reset();
	buf_free(&out);
	arena_free(&a);
	mu_set_free(set);
}

/* Test names repeat within a file ("Text inside parent"): number the
 * repeats so every result line names one test. */
static void
unique_name(const cJSON *tests, const cJSON *test, char *name, size_t size)
{
	const char	*base = cJSON_GetStringValue(
			    cJSON_GetObjectItemCaseSensitive(test, "name"));
	const cJSON	*t;
	int		 seen = 0;

	if (base == NULL)
		base = "(unnamed)";
	cJSON_ArrayForEach(t, tests) {
		const char *n = cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(t, "name"));

		if (t == test)
			break;
		if (n != NULL && strcmp(n, base) == 0)
			seen++;
	}
	if (seen == 0)
		snprintf(name, size, "%s", base);
	else
		snprintf(name, size, "%s #%d", base, seen + 1);
}

static void
run_spec_file(const char *dir, const char *entry)
{
	char		 path[4096], file[256], name[256];
	char		*text;
	cJSON		*doc;
	const cJSON	*tests, *test;
	int		 lambdas;

	snprintf(path, sizeof(path), "%s/%s", dir, entry);
	snprintf(file, sizeof(file), "%.*s", (int)(strlen(entry) - 5), entry);
	lambdas = strcmp(file, "~lambdas") == 0;
	if ((text = read_file(path)) == NULL ||
	    (doc = cJSON_Parse(text)) == NULL) {
		printf("not ok - mustache/%s # cannot read %s\n", file, path);
		nfail++;
		free(text);
		return;
	}
	tests = cJSON_GetObjectItemCaseSensitive(doc, "tests");
	cJSON_ArrayForEach(test, tests) {
		unique_name(tests, test, name, sizeof(name));
		if (lambdas) {
			printf("# skip mustache/%s/%s\n", file, name);
			nskip++;
		} else
			run_spec_test(file, name, test);
	}
	cJSON_Delete(doc);
	free(text);
}

static int
is_json(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 5 && strcmp(d->d_name + n - 5, ".json") == 0;
}

static void
run_spec(const char *dir)
{
	struct dirent	**list;
	int		  n, i;

	if ((n = scandir(dir, &list, is_json, alphasort)) <= 0) {
		printf("not ok - mustache/spec # no spec files in %s\n", dir);
		nfail++;
		if (n == 0)
			free(list);
		return;
	}
	for (i = 0; i < n; i++) {
		run_spec_file(dir, list[i]->d_name);
		free(list[i]);
	}
	free(list);
}

/* ---- unit tests ---- */

static int	uok, ufail;

static void
unit(int ok, const char *name, const char *expected, const char *got)
{
	char full[256];

	snprintf(full, sizeof(full), "mustache/unit/%s", name);
	report(ok, full, expected, got);
	ok ? uok++ : ufail++;
	diag_reset();
}

/* Add one template, expect it to fail, and compare the diagnostics. */
static void
unit_syntax(const char *name, const char *src, const char *want)
{
	mu_set	*set = mu_set_new(0);
	int	 rc = mu_set_add(set, "t", src, strlen(src), "t.mustache");
	size_t	 errors = diag_error_count();
	char	*got = diag_capture();

	unit(rc == -1 && errors == 1 && strcmp(got, want) == 0, name, want,
	    got);
	free(got);
	mu_set_free(set);
}

/* Render `src` with a small context and compare. */
static void
unit_render(const char *name, const char *src, const char *want)
{
	mu_set		*set = mu_set_new(MU_STRICT);
	arena		 a = ARENA_INIT;
	tpl_value	*ctx = tpl_map(&a), *list = tpl_list(&a);
	buf		 out = BUF_INIT;
	int		 ok;

	tpl_set_str(&a, ctx, "name", "世界 & <友>");
	tpl_set_str(&a, ctx, "raw", "<b>太字</b>");
	tpl_push(&a, list, tpl_cstr(&a, "一"));
	tpl_push(&a, list, tpl_cstr(&a, "二"));
	tpl_set(&a, ctx, "list", list);
	tpl_set_int(&a, ctx, "n", -42);
	tpl_set(&a, ctx, "pi", tpl_num(&a, 3.14, "3.14"));
	ok = mu_set_add(set, "t", src, strlen(src), "t.mustache") == 0 &&
	    mu_set_check(set) == 0 && mu_render(set, "t", ctx, &out) == 0 &&
	    strcmp(buf_str(&out), want) == 0;
	unit(ok, name, want, buf_str(&out));
	buf_free(&out);
	arena_free(&a);
	mu_set_free(set);
}

/* Render template "t" of a set given as name/source pairs (NULL ends). */
static void
unit_set(const char *name, const char *const *tpls, const char *want)
{
	mu_set	*set = mu_set_new(0);
	buf	 out = BUF_INIT;
	int	 ok = 1;

	for (; *tpls != NULL; tpls += 2)
		if (mu_set_add(set, tpls[0], tpls[1], strlen(tpls[1]),
		    tpls[0]) != 0)
			ok = 0;
	ok = ok && mu_render(set, "t", NULL, &out) == 0 &&
	    strcmp(buf_str(&out), want) == 0;
	unit(ok, name, want, buf_str(&out));
	buf_free(&out);
	mu_set_free(set);
}

/* Layout cases beyond the spec's: pages passing blocks to layouts. */
static void
unit_layouts(void)
{
	static const char *const	 reindent[] = {
		"t", "{{<parent}}\n        {{$block}}\n        Hello\n"
		"        {{/block}}\n{{/parent}}",
		"parent", "I say,\n  {{$block}}\n  Hi there!\n  {{/block}}",
		NULL };
	static const char *const	 layout[] = {
		"t", "{{<base}}\n{{$title}}題{{/title}}\n{{$body}}\n"
		"<p>一</p>\n  <p>二</p>\n{{/body}}\n{{/base}}\n",
		"base", "<html>\n<title>{{$title}}無題{{/title}}</title>\n"
		"<body>\n  {{$body}}\n  {{/body}}\n  {{> foot}}\n</body>\n",
		"foot", "<footer>\n  {{$note}}©{{/note}}\n</footer>\n",
		NULL };
	static const char *const	 outdent[] = {
		"t", "* a\n* {{<parent}}{{$block}}\n        {{! c }}\n"
		"        c{{/block}}{{/parent}}\n* d",
		"parent", "{{$block}}x{{/block}}",
		NULL };

	unit_set("block reindentation, own lines", reindent,
	    "I say,\n  Hello\n");
	unit_set("page in layout", layout, "<html>\n<title>題</title>\n"
	    "<body>\n  <p>一</p>\n    <p>二</p>\n  <footer>\n    ©\n"
	    "  </footer>\n</body>\n");
	unit_set("block outdented inline", outdent, "* a\n* c\n* d");
}

static void
unit_strict_partial(void)
{
	static const char	 src[] = "<html>\n<body>\n日本語 {{> partials/x}}"
				    "\n{{< layouts/none}}{{/layouts/none}}\n";
	static const char	 want[] = "t.mustache:3:5: error: テンプレート "
				    "\"partials/x\" が見つかりません（部分テン"
				    "プレート {{> partials/x}}）\n"
				    "t.mustache:4:1: error: テンプレート "
				    "\"layouts/none\" が見つかりません（親テン"
				    "プレート {{< layouts/none}}）\n";
	mu_set	*set = mu_set_new(MU_STRICT);
	int	 added = mu_set_add(set, "t", src, strlen(src), "t.mustache");
	int	 problems = mu_set_check(set);
	size_t	 errors = diag_error_count();
	char	*got = diag_capture();

	unit(added == 0 && problems == 2 && errors == 2 &&
	    strcmp(got, want) == 0, "strict unknown partial", want, got);
	free(got);
	mu_set_free(set);

	/* Without MU_STRICT the same template checks clean and the partial
	 * renders as nothing, as the spec requires. */
	set = mu_set_new(0);
	mu_set_add(set, "t", src, strlen(src), "t.mustache");
	problems = mu_set_check(set);
	{
		buf out = BUF_INIT;
		int rc = mu_render(set, "t", NULL, &out);

		unit(problems == 0 && rc == 0 && diag_error_count() == 0 &&
		    strcmp(buf_str(&out), "<html>\n<body>\n日本語 \n") == 0,
		    "lenient unknown partial", "<html>\n<body>\n日本語 \n",
		    buf_str(&out));
		buf_free(&out);
	}
	mu_set_free(set);
}

static void
unit_strict_dynamic(void)
{
	static const char	 src[] = "a\n  {{>*which}}\n";
	static const char	 want[] = "d.mustache:2:3: error: テンプレート "
				    "\"nope\" が見つかりません（動的部分テンプ"
				    "レート {{>*which}}）\n";
	mu_set		*set = mu_set_new(MU_STRICT);
	arena		 a = ARENA_INIT;
	tpl_value	*ctx = tpl_map(&a);
	buf		 out = BUF_INIT;
	int		 rc;
	char		*got;

	tpl_set_str(&a, ctx, "which", "nope");
	mu_set_add(set, "d", src, strlen(src), "d.mustache");
	rc = mu_render(set, "d", ctx, &out);
	got = diag_capture();
	unit(rc == -1 && strcmp(got, want) == 0, "strict dynamic partial",
	    want, got);
	free(got);
	buf_free(&out);
	arena_free(&a);
	mu_set_free(set);
}

/* Compile once, render many times: the output must not drift, and a
 * replaced template must take effect everywhere it is used. */
static void
unit_rerender(void)
{
	static const char	 page[] = "{{<base}}{{$body}}{{#items}}"
				    "<li>{{.}}</li>{{/items}}{{/body}}{{/base}}";
	static const char	 base1[] = "<ul>{{$body}}{{/body}}</ul>";
	static const char	 base2[] = "<ol>\n  {{$body}}{{/body}}\n</ol>";
	mu_set		*set = mu_set_new(MU_STRICT);
	arena		 a = ARENA_INIT;
	tpl_value	*ctx = tpl_map(&a), *items = tpl_list(&a);
	buf		 out = BUF_INIT, first = BUF_INIT;
	int		 i, ok = 1;

	tpl_push(&a, items, tpl_cstr(&a, "あ"));
	tpl_push(&a, items, tpl_cstr(&a, "い"));
	tpl_set(&a, ctx, "items", items);
	mu_set_add(set, "page", page, strlen(page), "page.mustache");
	mu_set_add(set, "base", base1, strlen(base1), "base.mustache");
	ok = mu_set_check(set) == 0 && mu_render(set, "page", ctx,
	    &first) == 0;
	for (i = 0; i < 1000 && ok; i++) {
		buf_truncate(&out, 0);
		ok = mu_render(set, "page", ctx, &out) == 0 &&
		    strcmp(buf_str(&out), buf_str(&first)) == 0;
	}
	unit(ok && strcmp(buf_str(&first), "<ul><li>あ</li><li>い</li></ul>")
	    == 0, "render many times", "<ul><li>あ</li><li>い</li></ul>",
	    buf_str(&first));
	mu_set_add(set, "base", base2, strlen(base2), "base.mustache");
	buf_truncate(&out, 0);
	ok = mu_render(set, "page", ctx, &out) == 0;
	unit(ok && strcmp(buf_str(&out), "<ol>\n  <li>あ</li><li>い</li>\n"
	    "</ol>") == 0, "replace template", "<ol>\n  <li>あ</li><li>い"
	    "</li>\n</ol>", buf_str(&out));
	buf_free(&first);
	buf_free(&out);
	arena_free(&a);
	mu_set_free(set);
}

static void
unit_recursion(void)
{
	static const char	 src[] = "x{{>loop}}";
	mu_set	*set = mu_set_new(0);
	buf	 out = BUF_INIT;
	int	 rc;

	mu_set_add(set, "loop", src, strlen(src), "loop.mustache");
	rc = mu_render(set, "loop", NULL, &out);
	unit(rc == -1 && diag_error_count() == 1, "endless recursion stops",
	    NULL, NULL);
	buf_free(&out);
	mu_set_free(set);
}

static void
unit_numbers(void)
{
	static const char	*in[] = { "1.210000000000000", "85", "-0.5",
				    "1e21", "0.1", "3.0" };
	static const char	*want[] = { "1.21", "85", "-0.5", "1e+21",
				    "0.1", "3" };
	char			 tmp[40], name[64];
	size_t			 i;

	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		cJSON		*j = cJSON_Parse(in[i]);
		const char	*got = number_text(j->valuedouble, tmp,
				    sizeof(tmp));

		snprintf(name, sizeof(name), "number %s", in[i]);
		unit(strcmp(got, want[i]) == 0, name, want[i], got);
		cJSON_Delete(j);
	}
}

static void
run_units(void)
{
	unit_strict_partial();
	unit_strict_dynamic();
	unit_syntax("unclosed section",
	    "<ul>\n  {{#items}}\n  <li>{{name}}</li>\n</ul>\n",
	    "t.mustache:2:3: error: {{#items}} に対応する閉じタグがありません"
	    "\n");
	unit_syntax("mismatched close tag",
	    "{{#a}}\n  見出し {{#b}}\n{{/a}}\n",
	    "t.mustache:3:1: error: 閉じタグ {{/a}} が開いているタグ {{#b}}"
	    "（2 行目）と対応していません\n");
	unit_syntax("stray close tag", "本文 {{/a}}",
	    "t.mustache:1:4: error: {{/a}} に対応する開きタグがありません\n");
	unit_syntax("unclosed tag", "一行目\n二行目 {{name\n",
	    "t.mustache:2:5: error: タグが閉じられていません（\"}}\" が見つか"
	    "りません）\n");
	unit_syntax("unclosed triple mustache", "{{{name}}",
	    "t.mustache:1:1: error: タグが閉じられていません（\"}}}\" が見つ"
	    "かりません）\n");
	unit_syntax("bad delimiter change", "あ{{=<% =}}",
	    "t.mustache:1:2: error: {{=<% =}} は区切り記号の変更として正しく"
	    "ありません（{{=<% %>=}} のように開きと閉じを空白で区切ります）\n");
	unit_syntax("empty tag name", "x\n {{# }}",
	    "t.mustache:2:2: error: {{# }} のタグ名が空か、空白を含んでいます"
	    "\n");
	unit_render("japanese passes through",
	    "こんにちは、{{name}}さん。{{! コメント }}\n「{{{raw}}}」{{&raw}}\n"
	    "{{#list}}・{{.}}\n{{/list}}{{n}} {{pi}}\n",
	    "こんにちは、世界 &amp; &lt;友&gt;さん。\n「<b>太字</b>」"
	    "<b>太字</b>\n・一\n・二\n-42 3.14\n");
	unit_render("escaping", "{{raw}}'\"{{#list}}{{/list}}",
	    "&lt;b&gt;太字&lt;/b&gt;'\"");
	unit_layouts();
	unit_rerender();
	unit_recursion();
	unit_numbers();
}

int
main(int argc, char **argv)
{
	run_spec(argc > 1 ? argv[1] : "../shared/mustache-spec");
	run_units();
	printf("# mustache unit: %d passed, %d failed\n", uok, ufail);
	printf("# mustache spec: %d passed, %d failed, %d skipped\n", npass,
	    nfail, nskip);
	return nfail != 0 || ufail != 0;
}
