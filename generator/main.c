/*
 * main.c -- the mamoru command line.
 *
 * mamoru turns a folder of Japanese security guidance (Markdown with YAML
 * front matter) into a website.  Exit status: 0 success, 1 content errors,
 * 2 usage errors.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "build.h"
#include "new.h"
#include "serve.h"

#ifndef MAMORU_VERSION
#define MAMORU_VERSION "0.0.0"
#endif

static void
usage(FILE *f)
{
	fprintf(f,
"使い方: mamoru <コマンド> [オプション]\n"
"\n"
"コマンド:\n"
"  build [-C SITE_DIR] [-o OUTDIR] [-q] [--only site|print] [--clean]\n"
"        サイトを作ります。SITE_DIR/content を読み、OUTDIR/site に書き出します\n"
"        （既定: SITE_DIR は今のフォルダ、OUTDIR は SITE_DIR/out）。\n"
"        エラーがあれば何も書き換えず、前回の出力をそのまま残します。\n"
"        前回の出力（OUTDIR/.cache）から、材料の変わっていないページ・\n"
"        キオスクの画面・PDF・検索の語をそのまま使い、変わっていない\n"
"        ファイルは書き直しません。--clean は前回の出力を使わずに、\n"
"        すべてを作り直します。\n"
"  check [-C SITE_DIR] [--format text|json] [--fix]\n"
"        すべての内容を検査します。何も書き出しません。表記の点検もします\n"
"        （PDF から入りやすい部首・互換文字、半角カタカナ、印刷用フォント\n"
"        にない文字、表記のゆれ、説明のない画像）。--fix は部首・互換文字\n"
"        と半角カタカナをふつうの文字に書き換えます。\n"
"  facts [-C SITE_DIR]\n"
"        content/facts.yaml の数字を一覧にします（タブ区切り: id、値、\n"
"        使われている回数、見直し日、説明）。\n"
"  new [-C SITE_DIR] guide|checklist|calculator 名前\n"
"  new [-C SITE_DIR] karuta 頭の文字\n"
"        書き方の説明つきのひな形を作ります（content/guides/名前.md、\n"
"        content/calculators/名前.md、かるたは content/karuta/deck.yaml に札を追加）。\n"
"  serve [-C SITE_DIR] [--port N]\n"
"        http://127.0.0.1:N/ でプレビューします（既定 8000、0 なら空いている番号）。\n"
"        content/・templates/・assets/ を保存すると作り直し、開いているページを\n"
"        再読み込みします。エラーはページの上に表示します。\n"
"  render FILE.md\n"
"        そのページの本文 HTML を標準出力に出します。\n"
"\n"
"オプション:\n"
"  -C DIR      サイトのフォルダ（content/ があるところ）\n"
"  -o DIR      出力先のフォルダ\n"
"  -q          成功したときは何も表示しない（端末では段階ごとの進み具合も\n"
"              表示します）\n"
"  --format F  check の出力形式: text（既定）か json\n"
"  -h, --help  この説明を表示\n"
"  --version   版を表示\n"
"\n"
"問題は「ファイル:行:桁: error: 内容」の形で表示します。\n"
"終了コード: 0 成功、1 内容のエラー、2 使い方の誤り\n"
"組み込みのテンプレートと素材: %s\n", build_datadir());
}

static int
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "mamoru: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n'mamoru --help' で使い方を表示します\n");
	return EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	struct build_opts	 o;
	const char		*cmd;
	int			 i;

	/* A file-size limit (ulimit -f) should be a write error that the build
	 * reports, keeping the previous output, not a silent death. */
	signal(SIGXFSZ, SIG_IGN);
	memset(&o, 0, sizeof(o));
	o.site_dir = ".";
	o.format = DIAG_TEXT;
	if (argc < 2)
		return usage_error("%sコマンドを指定してください（build, check, "
		    "facts, new, render, serve）", "");
	cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
	    strcmp(cmd, "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("mamoru %s\n", MAMORU_VERSION);
		return 0;
	}
	if (strcmp(cmd, "serve") == 0) {
		const char	*site = ".";
		long		 port = 8000;
		int		 k;

		for (k = 2; k < argc; k++) {
			if (strcmp(argv[k], "-C") == 0 && k + 1 < argc)
				site = argv[++k];
			else if (strcmp(argv[k], "--port") == 0 && k + 1 < argc) {
				char *end;

				port = strtol(argv[++k], &end, 10);
				if (*end != '\0' || port < 0 || port > 65535)
					return usage_error("--port には 0〜65535 の"
					    "番号を書いてください（'%s'）", argv[k]);
			} else
				return usage_error("'%s' は serve では使えません",
				    argv[k]);
		}
		return serve_run(site, (unsigned)port);
	}
	if (strcmp(cmd, "new") == 0) {
		const char	*site = ".";
		char		 today[16];
		time_t		 now = time(NULL);
		struct tm	 tm;
		int		 k = 2;

		if (argc >= 4 && strcmp(argv[2], "-C") == 0) {
			site = argv[3];
			k = 4;
		}
		if (argc != k + 2)
			return usage_error("%s使い方: mamoru new guide|checklist|"
			    "calculator 名前、mamoru new karuta 頭の文字", "");
		localtime_r(&now, &tm);
		strftime(today, sizeof(today), "%Y-%m-%d", &tm);
		return new_file(site, argv[k], argv[k + 1], today);
	}
	if (strcmp(cmd, "render") == 0) {
		if (argc == 3 && strcmp(argv[2], "--help") == 0) {
			usage(stdout);
			return 0;
		}
		if (argc != 3)
			return usage_error("%srender には Markdown ファイルを 1 つ"
			    "指定してください", "");
		return build_render_file(argv[2]);
	}
	if (strcmp(cmd, "build") != 0 && strcmp(cmd, "check") != 0 &&
	    strcmp(cmd, "facts") != 0)
		return usage_error("'%s' というコマンドはありません（build, "
		    "check, facts, render）", cmd);
	o.list_facts = strcmp(cmd, "facts") == 0;
	o.check_only = o.list_facts || strcmp(cmd, "check") == 0;
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
			o.quiet = 1;
		else if (strcmp(a, "--only") == 0) {
			if (o.check_only || i + 1 >= argc)
				return usage_error("%s は build で、site か print を"
				    "付けて使います", a);
			o.only = argv[++i];
			if (strcmp(o.only, "site") != 0 &&
			    strcmp(o.only, "print") != 0)
				return usage_error("--only には site か print を"
				    "書いてください（'%s'）", o.only);
		} else if (strcmp(a, "--clean") == 0) {
			if (o.check_only)
				return usage_error("%s は build で使います", a);
			o.clean = 1;
		} else if (strcmp(a, "--fix") == 0) {
			if (!o.check_only || o.list_facts)
				return usage_error("%s は check で使います", a);
			o.fix = 1;
		}
		else if (strcmp(a, "-C") == 0 || strcmp(a, "-o") == 0 ||
		    strcmp(a, "--format") == 0) {
			if (i + 1 >= argc)
				return usage_error("%s のあとに値が必要です", a);
			if (strcmp(a, "-C") == 0)
				o.site_dir = argv[++i];
			else if (strcmp(a, "-o") == 0) {
				if (o.check_only)
					return usage_error("%s は build で使います",
					    a);
				o.out_dir = argv[++i];
			} else {
				const char *f = argv[++i];

				if (strcmp(f, "json") == 0)
					o.format = DIAG_JSON;
				else if (strcmp(f, "text") != 0)
					return usage_error("--format は text か "
					    "json です（'%s' は使えません）", f);
			}
		} else
			return usage_error("'%s' は使えないオプションです", a);
	}
	return build_run(&o);
}
