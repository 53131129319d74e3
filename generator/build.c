/*
 * build.c -- run the stages of a build and swap the result into place.
 *
 * The output folder is replaced as a whole: everything is written into a
 * staging folder beside it, and only a complete build is swapped in (see
 * fs_swap_in).  A failed, interrupted or killed build leaves the previous
 * output exactly as it was.
 */
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "build_cache.h"
#include "core/buf.h"
#include "core/fs.h"
#include "load/source.h"
#include "markdown/md_html.h"
#include "model/lint.h"
#include "model/site.h"
#include "render/assets.h"
#include "render/html.h"
#include "render/kiosk.h"
#include "render/search_page.h"
#include "print/print.h"
#include "text/text.h"
#include "render/templates.h"
#include "template/template.h"

#ifndef MAMORU_DATADIR
#define MAMORU_DATADIR "/usr/local/share/mamoru"
#endif

/* A file in every output folder, so that `-o` never replaces a folder that
 * mamoru did not make. */
#define OUT_MARKER	".mamoru-output"

static char datadir[PATH_MAX];

/* The folder holding the built-in templates/ and assets/. */
const char *
build_datadir(void)
{
	const char	*env = getenv("MAMORU_DATADIR");
	buf		 exe = BUF_INIT, try = BUF_INIT;
	/* The build tree (build/mamoru, build/san/mamoru) or an install
	 * (PREFIX/bin/mamoru with PREFIX/share/mamoru). */
	const char	*cands[] = { "..", "../..", "../share/mamoru" };
	size_t		 i;

	if (datadir[0] != '\0')
		return datadir;
	if (env != NULL && *env != '\0') {
		snprintf(datadir, sizeof(datadir), "%s", env);
		return datadir;
	}
	if (fs_exe_dir(&exe) == 0)
		for (i = 0; i < sizeof(cands) / sizeof(cands[0]); i++) {
			buf_truncate(&try, 0);
			buf_printf(&try, "%s/%s/templates/layouts", exe.data,
			    cands[i]);
			if (fs_is_dir(try.data)) {
				buf_truncate(&try, 0);
				buf_printf(&try, "%s/%s", exe.data, cands[i]);
				if (realpath(try.data, datadir) == NULL)
					snprintf(datadir, sizeof(datadir), "%s",
					    try.data);
				break;
			}
		}
	if (datadir[0] == '\0')
		snprintf(datadir, sizeof(datadir), "%s", MAMORU_DATADIR);
	buf_free(&exe);
	buf_free(&try);
	return datadir;
}

/* The first of the files `names` (relative to the data folder) that
 * exists, read into out; -1 if none. */
static int
read_data_file(const char *const *names, size_t n, buf *path, buf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		buf_truncate(path, 0);
		buf_printf(path, "%s/%s", build_datadir(), names[i]);
		if (fs_is_file(path->data) && fs_read(path->data, out) == 0)
			return 0;
	}
	return -1;
}

/*
 * Calculator pages need the scoring core as WebAssembly (wrapped in a
 * classic script as base64, so that it loads from file:// too) and the QR
 * code library from npm.  Both come from the build tree or the install.
 */
static int
add_calc_assets(const struct site *s, struct assets *as)
{
	static const char *const wasm[] = { "build/score.wasm", "score.wasm" };
	static const char *const qr[] = { "vendor/qrcode.js",
	    "node_modules/qrcode-generator/dist/qrcode.js" };
	buf	path = BUF_INIT, data = BUF_INIT, js = BUF_INIT;
	size_t	i;
	int	rc = 0;

	for (i = 0; i < s->npages; i++)
		if (s->pages[i]->calc != NULL && s->pages[i]->out != NULL)
			break;
	if (i == s->npages)
		return 0;
	if (read_data_file(wasm, 2, &path, &data) == -1) {
		diag_error(src_at(build_datadir(), 0, 0), "計算ツールに必要な "
		    "score.wasm が見つかりません。mamoru のソースフォルダで "
		    "make を実行してください");
		rc = -1;
	} else {
		buf_puts(&js, "/* mamoru: the scoring core (generator/score/"
		    "score.c) as WebAssembly, base64 */\n"
		    "window.MAMORU_SCORE_WASM = \"");
		buf_base64(&js, data.data, data.len);
		buf_puts(&js, "\";\n");
		assets_add_data(as, "js/calc/score-wasm.js", path.data, js.data,
		    js.len);
	}
	if (read_data_file(qr, 2, &path, &data) == -1) {
		diag_error(src_at(build_datadir(), 0, 0), "計算ツールに必要な QR "
		    "コードのライブラリ（npm の qrcode-generator）が見つかりません。"
		    "mamoru のソースフォルダで make を実行してください");
		rc = -1;
	} else
		assets_add_data(as, "js/calc/qrcode.js", path.data, data.data,
		    data.len);
	buf_free(&path);
	buf_free(&data);
	buf_free(&js);
	return rc;
}

/* The search page's core (build/search.wasm) and index. */
static int
add_search(const struct site *s, struct assets *as, struct bcache *bc)
{
	static const char *const wasm[] = { "build/search.wasm", "search.wasm" };
	buf	path = BUF_INIT, data = BUF_INIT, table = BUF_INIT;
	int	rc;

	if (s->search_page == NULL)
		return 0;
	if (read_data_file(wasm, 2, &path, &data) == -1) {
		diag_error(src_at(build_datadir(), 0, 0), "検索に必要な "
		    "search.wasm が見つかりません。mamoru のソースフォルダで "
		    "make を実行してください");
		rc = -1;
	} else if (bcache_search_table(bc, &table) == -1) {
		diag_error(src_at(build_datadir(), 0, 0), "検索の索引を作れません"
		    "でした（ICU の正規化表）");
		rc = -1;
	} else
		rc = search_add_assets(s, as, data.data, data.len, path.data,
		    table.data, table.len, bcache_terms(bc));
	buf_free(&path);
	buf_free(&data);
	buf_free(&table);
	return rc;
}

static void
site_subdir(buf *b, const char *site_dir, const char *sub)
{
	buf_truncate(b, 0);
	if (strcmp(site_dir, ".") == 0)
		buf_puts(b, sub);
	else
		fs_join(b, site_dir, sub);
}

/* Built-in templates, then the site's own, file by file. */
static mu_set *
load_templates(const char *site_dir)
{
	mu_set	*set = mu_set_new(MU_STRICT);
	buf	 dir = BUF_INIT;

	buf_printf(&dir, "%s/templates", build_datadir());
	(void)templates_load_dir(set, dir.data);
	site_subdir(&dir, site_dir, "templates");
	(void)templates_load_dir(set, dir.data);
	(void)mu_set_check(set);
	buf_free(&dir);
	return set;
}

/* Refuse to replace a folder that is not a mamoru output. */
static int
check_out_dir(const char *out)
{
	char	**names;
	size_t	  n;
	int	  ok = 1;
	buf	  marker = BUF_INIT;

	if (fs_list(out, &names, &n) == -1)
		return fs_is_file(out) ? -1 : 0;
	fs_join(&marker, out, OUT_MARKER);
	if (n > 0 && !fs_is_file(marker.data))
		ok = 0;
	fs_names_free(names, n);
	buf_free(&marker);
	return ok ? 0 : -1;
}

static FILE *
log_of(const struct build_opts *o)
{
	return o->log != NULL ? o->log : stderr;
}

static void
flush(const struct build_opts *o)
{
	diag_flush(log_of(o), o->format);
}

static size_t
count_pdfs(const char *out)
{
	buf	 dir = BUF_INIT;
	char	**names;
	size_t	 n, i, k = 0;

	buf_printf(&dir, "%s/print", out);
	if (fs_list(dir.data, &names, &n) == 0) {
		for (i = 0; i < n; i++)
			if (strlen(names[i]) > 4 && strcmp(names[i] +
			    strlen(names[i]) - 4, ".pdf") == 0)
				k++;
		fs_names_free(names, n);
	}
	buf_free(&dir);
	return k;
}

/* ----- progress and the cache's glue ------------------------------------ */

struct run {
	const struct build_opts	*o;
	struct timespec		 t0, last;
	int			 tty;		/* progress lines on a terminal */
	struct bcache		 bc;
};

static double
since(const struct timespec *a)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - a->tv_sec) +
	    (double)(t.tv_nsec - a->tv_nsec) / 1e9;
}

/* One line per finished stage, on a terminal and without -q. */
static void
progress(struct run *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
progress(struct run *r, const char *fmt, ...)
{
	va_list ap;

	if (r->tty) {
		fputs("mamoru: ", log_of(r->o));
		va_start(ap, fmt);
		vfprintf(log_of(r->o), fmt, ap);
		va_end(ap);
		fprintf(log_of(r->o), "（%.2f 秒）\n", since(&r->last));
		fflush(log_of(r->o));
	}
	clock_gettime(CLOCK_MONOTONIC, &r->last);
}

static int
ru_reuse(void *ctx, const char *name, uint64_t key, const char *path)
{
	return bcache_pack_reuse(ctx, name, key, path);
}

static void
ru_made(void *ctx, const char *name, uint64_t key, const char *path,
    size_t from, size_t to)
{
	bcache_pack_made(ctx, name, key, path, from, to);
}

static uint64_t
ru_file(void *ctx, const char *rel)
{
	return bcache_file_hash(ctx, rel);
}

static void
reuse_init(struct print_reuse *ru, struct run *r)
{
	memset(ru, 0, sizeof(*ru));
	ru->reuse = ru_reuse;
	ru->made = ru_made;
	ru->file_hash = ru_file;
	ru->ctx = &r->bc;
	ru->base = r->bc.exe;
}

static void
print_progress(struct run *r, const struct print_reuse *ru)
{
	if (ru->reused > 0)
		progress(r, "PDF %zu 冊（うち %zu 冊は前回のまま）",
		    ru->reused + ru->made_count, ru->reused);
	else
		progress(r, "PDF %zu 冊", ru->made_count);
}

/* `build --only print`: the packs alone, swapped into OUT/print; the
 * website beside them is left as it is. */
static int
build_print_only(struct run *r, struct site *s, buf *out)
{
	const struct build_opts	*o = r->o;
	buf			 target = BUF_INIT, stage = BUF_INIT,
				 made = BUF_INIT;
	struct print_reuse	 ru;
	int			 rc = EXIT_CONTENT;

	(void)fs_mkdir_p(out->data);
	buf_printf(&target, "%s/%s", out->data, OUT_MARKER);
	if (!fs_is_file(target.data))
		(void)fs_write(target.data, "mamoru output folder: safe to "
		    "delete\n", 37);
	buf_truncate(&target, 0);
	buf_printf(&target, "%s/print", out->data);
	/* The stage sits beside OUT, like a full build's, so that a build
	 * killed half-way leaves nothing inside the output folder. */
	if (fs_stage_dir(out->data, &stage) == -1) {
		fprintf(log_of(o), "mamoru: %s の隣に作業用フォルダを作れません: "
		    "%s\n", out->data, strerror(errno));
		rc = EXIT_USAGE;
		goto done;
	}
	reuse_init(&ru, r);
	fs_reuse_begin(stage.data, o->clean ? NULL : out->data);
	if (print_emit(s, stage.data, &ru) == -1) {
		fs_reuse_end(NULL, NULL);
		(void)fs_rm_rf(stage.data);
		flush(o);
		fprintf(log_of(o), "mamoru: エラーが %zu 件あります。出力は変更"
		    "していません\n", diag_error_count());
		goto done;
	}
	fs_reuse_end(NULL, NULL);
	print_progress(r, &ru);
	/* OUT/.cache describes the PDFs of the last full build: forget it
	 * before they are replaced. */
	bcache_drop(out->data);
	buf_printf(&made, "%s/print", stage.data);
	if (fs_swap_in(made.data, target.data) == -1) {
		fprintf(log_of(o), "mamoru: 出力を %s に置けません: %s\n",
		    target.data, strerror(errno));
		(void)fs_rm_rf(stage.data);
		rc = EXIT_USAGE;
		goto done;
	}
	(void)fs_rm_rf(stage.data);
	flush(o);
	if (!o->quiet)
		fprintf(log_of(o), "mamoru: %s/print に PDF %zu 冊を書き出しました"
		    "（%.2f 秒）\n", out->data, count_pdfs(out->data),
		    since(&r->t0));
	rc = 0;
done:
	buf_free(&target);
	buf_free(&stage);
	buf_free(&made);
	return rc;
}

int
build_run(const struct build_opts *o)
{
	struct run	 r;
	struct site	 s;
	struct assets	 as;
	mu_set		*tpl = NULL;
	buf		 out = BUF_INIT, stage = BUF_INIT, p = BUF_INIT;
	int		 rc = EXIT_CONTENT;
	size_t		 npages = 0, i, reused = 0, written = 0;
	int		 fixed = 0, cache = 0;
	struct print_reuse ru;

	memset(&r, 0, sizeof(r));
	r.o = o;
	clock_gettime(CLOCK_MONOTONIC, &r.t0);
	r.last = r.t0;
	r.tty = !o->quiet && !o->check_only && isatty(fileno(log_of(o)));
	memset(&as, 0, sizeof(as));
	memset(&ru, 0, sizeof(ru));
	if (!o->check_only) {
		/* The content as it is before loading: the PDFs' keys. */
		int print = o->only == NULL || strcmp(o->only, "print") == 0;

		site_subdir(&p, o->site_dir, "content");
		bcache_init(&r.bc, print ? p.data : NULL);
		buf_truncate(&p, 0);
		cache = 1;
		if (o->out_dir != NULL)
			buf_puts(&out, o->out_dir);
		else
			site_subdir(&out, o->site_dir, "out");
		/* What the previous build left (read only: the output
		 * folder is checked before anything is written). */
		if (!o->clean)
			bcache_prev(&r.bc, out.data);
		ydoc_set_memo(bcache_memo(&r.bc));
	}
	/* Every stage runs even after errors, so that one run reports all
	 * the problems of all files; nothing is written if there were any. */
	(void)site_load(&s, o->site_dir);
	(void)site_link(&s);
	tpl = load_templates(o->site_dir);
	if (o->check_only && !o->list_facts)
		fixed = lint_site(&s, o->fix);
	if (diag_error_count() > 0)
		goto fail;
	progress(&r, "読み込み %zu ページ%s", s.npages, r.bc.yaml_reused ?
	    "（大きな YAML は前回の解析結果）" : "");

	if (o->list_facts) {
		flush(o);
		for (i = 0; i < s.facts.facts.n; i++) {
			const struct fact *f =
			    (const struct fact *)s.facts.facts.items + i;

			printf("%s\t%s%s\t%u\t%s\t%s\n", f->id.s, f->value.s,
			    f->unit.s ? f->unit.s : "", f->uses,
			    f->review_by.s ? f->review_by.s : "",
			    f->label.s ? f->label.s : "");
		}
		rc = 0;
		goto done;
	}
	if (o->check_only && !o->list_facts) {
		size_t w = diag_warning_count();

		flush(o);
		if (fixed > 0 && o->format == DIAG_TEXT)
			fprintf(log_of(o), "mamoru: %d か所を直しました（上の警告の"
			    "うち、部首・互換文字と半角カタカナ）\n", fixed);
		if (!o->quiet && o->format == DIAG_TEXT)
			fprintf(log_of(o), "mamoru: 問題は見つかりませんでした"
			    "（ページ %zu、警告 %zu）\n", s.npages, w);
		rc = 0;
		goto done;
	}
	if (check_out_dir(out.data) == -1) {
		flush(o);
		fprintf(log_of(o), "mamoru: 出力先 '%s' は mamoru が作ったフォルダ"
		    "ではないので、上書きしません。空のフォルダか新しい"
		    "フォルダを -o で指定してください\n", out.data);
		rc = EXIT_USAGE;
		goto done;
	}
	if (o->only != NULL && strcmp(o->only, "print") == 0) {
		rc = build_print_only(&r, &s, &out);
		goto done;
	}
	if (fs_stage_dir(out.data, &stage) == -1) {
		flush(o);
		fprintf(log_of(o), "mamoru: %s の隣に作業用フォルダを作れません: "
		    "%s\n", out.data, strerror(errno));
		rc = EXIT_USAGE;
		goto done;
	}
	/* Files equal to the previous output's are linked to it. */
	fs_reuse_begin(stage.data, o->clean ? NULL : out.data);
	buf_printf(&p, "%s/%s", stage.data, OUT_MARKER);
	(void)fs_write(p.data, "mamoru output folder: safe to delete\n", 37);
	buf_truncate(&p, 0);
	buf_printf(&p, "%s/site", stage.data);
	{
		buf builtin = BUF_INIT, own = BUF_INIT;

		buf_printf(&builtin, "%s/assets", build_datadir());
		site_subdir(&own, o->site_dir, "assets");
		assets_collect(&as, builtin.data, own.data);
		buf_free(&builtin);
		buf_free(&own);
	}
	if (add_calc_assets(&s, &as) == -1 || add_search(&s, &as, &r.bc) == -1)
		goto failed;
	if (r.bc.terms_memo.reused > 0)
		progress(&r, "検索の索引（%zu ページの語は前回のまま）",
		    r.bc.terms_memo.reused);
	else
		progress(&r, "検索の索引");
	if (assets_emit(&as, p.data) == -1 ||
	    html_emit(&s, tpl, &as, p.data, cache ? bcache_render(&r.bc) :
	    NULL) == -1)
		goto failed;
	for (i = 0; i < s.npages; i++)
		if (s.pages[i]->out != NULL)
			npages++;
	if (r.bc.render.reused > 0)
		progress(&r, "ページ %zu（うち %zu は前回のまま）", npages,
		    r.bc.render.reused);
	else
		progress(&r, "ページ %zu", npages);
	buf_truncate(&p, 0);
	buf_printf(&p, "%s/kiosk", stage.data);
	if (kiosk_emit(&s, &as, tpl, p.data, cache ? bcache_screens(&r.bc) :
	    NULL) == -1)
		goto failed;
	if (r.bc.screens_memo.reused > 0)
		progress(&r, "キオスク（画面 %zu は前回のまま）",
		    r.bc.screens_memo.reused);
	else
		progress(&r, "キオスク");
	if (o->only == NULL) {
		reuse_init(&ru, &r);
		if (print_emit(&s, stage.data, &ru) == -1)
			goto failed;
		print_progress(&r, &ru);
	}
	if (bcache_write(&r.bc, stage.data) == -1) {
		flush(o);
		fprintf(log_of(o), "mamoru: %s に書き込めません: %s\n",
		    stage.data, strerror(errno));
		rc = EXIT_USAGE;
		fs_reuse_end(NULL, NULL);
		(void)fs_rm_rf(stage.data);
		goto done;
	}
	fs_reuse_end(&reused, &written);
	if (fs_swap_in(stage.data, out.data) == -1) {
		flush(o);
		fprintf(log_of(o), "mamoru: 出力を %s に置けません: %s\n", out.data,
		    strerror(errno));
		(void)fs_rm_rf(stage.data);
		goto done;
	}
	flush(o);
	if (!o->quiet) {
		fprintf(log_of(o), "mamoru: %s/site に %zu ページ%sを書き出し"
		    "ました（%.2f 秒", out.data, npages, o->only == NULL ?
		    arena_printf(&s.a, "、print に PDF %zu 冊", count_pdfs(
		    out.data)) : "", since(&r.t0));
		if (reused > 0)
			fprintf(log_of(o), "。前回と同じファイル %zu、新しく書いた"
			    "ファイル %zu", reused, written);
		fprintf(log_of(o), "）\n");
	}
	rc = 0;
	goto done;
failed:
	fs_reuse_end(NULL, NULL);
	(void)fs_rm_rf(stage.data);
fail:
	{
		size_t e = diag_error_count();

		flush(o);
		if (o->format == DIAG_TEXT)
			fprintf(log_of(o), "mamoru: エラーが %zu 件あります。%s\n",
			    e, o->check_only ? "" : "出力は変更していません");
	}
done:
	if (tpl != NULL)
		mu_set_free(tpl);
	assets_free(&as);
	site_free(&s);
	ydoc_set_memo(NULL);
	if (cache)
		bcache_free(&r.bc);
	/* fontconfig last: the lints' charset, then the print fonts. */
	text_font_done();
	print_fini();
	buf_free(&out);
	buf_free(&stage);
	buf_free(&p);
	return rc;
}

/* The site folder holding `file` (a folder with content/site.yaml above
 * it), or -1. */
static int
find_site(const char *file, buf *site, buf *rel)
{
	char	 abs[PATH_MAX], dir[PATH_MAX], *slash;
	buf	 probe = BUF_INIT;
	int	 rc = -1;

	if (realpath(file, abs) == NULL)
		return -1;
	memcpy(dir, abs, sizeof(dir));
	while ((slash = strrchr(dir, '/')) != NULL && slash > dir) {
		*slash = '\0';
		buf_truncate(&probe, 0);
		buf_printf(&probe, "%s/site.yaml", dir);
		slash = strrchr(dir, '/');
		if (slash == NULL || strcmp(slash + 1, "content") != 0 ||
		    !fs_is_file(probe.data))
			continue;
		buf_puts(rel, abs + strlen(dir) + 1);
		buf_append(site, dir, (size_t)(slash - dir));
		if (site->len == 0)
			buf_puts(site, "/");
		rc = 0;
		break;
	}
	buf_free(&probe);
	return rc;
}

static int
render_standalone(const char *path)
{
	struct source		src;
	struct mdh_doc		doc = { 0 };
	struct mdh_result	res = { NULL, 0 };
	buf			out = BUF_INIT;
	size_t			body = 0;
	int			rc = EXIT_CONTENT;

	if (source_read(&src, path) == 0) {
		if (src.text.len >= 3 && memcmp(src.text.data, "---", 3) == 0 &&
		    source_split_front_matter(&src) == 0)
			body = src.body_off;
		if (diag_error_count() == 0) {
			doc.path = src.path;
			doc.text = src.text.data + body;
			doc.len = src.text.len - body;
			doc.lines = &src.lines;
			doc.base = body;
			if (mdh_render(&doc, MDH_JOIN_LINES | MDH_HEADING_IDS |
			    MDH_LINT, NULL, NULL, &out, &res) == 0)
				rc = 0;
		}
	}
	diag_flush(stderr, DIAG_TEXT);
	if (rc == 0)
		fwrite(out.data ? out.data : "", 1, out.len, stdout);
	mdh_result_free(&res);
	buf_free(&out);
	source_free(&src);
	return rc;
}

int
build_render_file(const char *path)
{
	struct site	 s;
	struct page	*p;
	buf		 dir = BUF_INIT, rel = BUF_INIT;
	int		 rc = EXIT_CONTENT;

	if (!fs_is_file(path)) {
		fprintf(stderr, "mamoru: %s: ファイルがありません\n", path);
		return EXIT_USAGE;
	}
	if (find_site(path, &dir, &rel) == -1) {
		buf_free(&dir);
		buf_free(&rel);
		return render_standalone(path);
	}
	(void)site_load(&s, dir.data);
	(void)site_link(&s);
	p = site_page_by_rel(&s, rel.data);
	if (diag_error_count() == 0 && p != NULL) {
		fwrite(buf_str(&p->html), 1, p->html.len, stdout);
		rc = 0;
	} else if (p == NULL && diag_error_count() == 0)
		fprintf(stderr, "mamoru: %s はサイトのページとして読み込まれ"
		    "ません（content/guides/ か content/index.md に置いて"
		    "ください）\n", path);
	diag_flush(stderr, DIAG_TEXT);
	site_free(&s);
	buf_free(&dir);
	buf_free(&rel);
	return rc;
}
