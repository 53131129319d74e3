#!/bin/sh
# cli/run.sh -- the mamoru command line as a user meets it: help, exit
# statuses, render, deterministic builds, site folders elsewhere, output
# safety, breaking every content file, the heavy module, and make install.
set -u
top=$(pwd)
mamoru="$top/build/mamoru"
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

ok() { echo "ok - cli/$1"; }
fail() { echo "not ok - cli/$1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { # check NAME CONDITION-EXIT-STATUS [details...]
	name=$1; st=$2; shift 2
	if [ "$st" -eq 0 ]; then ok "$name"; else fail "$name" "$@"; fi
}
status_is() { # status_is WANT CMD... : run, compare the exit status
	want=$1; shift
	"$@" > "$tmp/out.txt" 2> "$tmp/err.txt"
	[ $? -eq "$want" ]
}

# ----- help, version, usage errors -----------------------------------------
status_is 0 "$mamoru" --help && grep -q '^使い方: mamoru' "$tmp/out.txt" &&
    grep -q 'build \[-C SITE_DIR\] \[-o OUTDIR\]' "$tmp/out.txt" &&
    grep -q 'check \[-C SITE_DIR\]' "$tmp/out.txt" &&
    grep -q 'render FILE.md' "$tmp/out.txt"
check help $? "$(head -n 3 "$tmp/out.txt")"
status_is 0 "$mamoru" --version && grep -qx 'mamoru [0-9.]*' "$tmp/out.txt"
check version $?
status_is 2 "$mamoru"; check usage/no-command $?
status_is 2 "$mamoru" publish && grep -q "'publish' というコマンドはありません" "$tmp/err.txt"
check usage/unknown-command $? "$(cat "$tmp/err.txt")"
status_is 2 "$mamoru" build --fast; check usage/unknown-option $?
status_is 2 "$mamoru" build -C; check usage/missing-value $?
status_is 2 "$mamoru" check -o x; check usage/check-takes-no-output $?
status_is 2 "$mamoru" check --format xml; check usage/bad-format $?
status_is 2 "$mamoru" render; check usage/render-needs-file $?
status_is 2 "$mamoru" render "$tmp/none.md"; check usage/render-missing-file $?

# ----- render ---------------------------------------------------------------
printf 'パスワードは長く\n複雑にしましょう。\nUse long\npasswords.\n' > "$tmp/p.md"
status_is 0 "$mamoru" render "$tmp/p.md" &&
    [ "$(cat "$tmp/out.txt")" = "$(printf '<p>パスワードは長く複雑にしましょう。\nUse long\npasswords.</p>')" ]
check render/japanese-line-break-joined $? "$(cat "$tmp/out.txt")"
status_is 0 "$mamoru" render "$top/content/guides/5kajo.md" &&
    grep -q '<h2 id="5か条とは">5か条とは</h2>' "$tmp/out.txt" &&
    grep -q 'href="../security-action/index.html"' "$tmp/out.txt"
check render/site-page-with-resolved-links $?
printf -- '---\ntitle: x\n---\nこれは**「重要」**です\n' > "$tmp/w.md"
status_is 0 "$mamoru" render "$tmp/w.md" &&
    grep -q "w.md:4:4: warning: 「\*\*」が強調にならず" "$tmp/err.txt"
check render/emphasis-warning $? "$(cat "$tmp/err.txt")"

# ----- facts ----------------------------------------------------------------
status_is 0 "$mamoru" facts -C "$top" &&
    grep -q "^survey2024-respondents	4,191社	[1-9][0-9]*	20[0-9-]*	" "$tmp/out.txt" &&
    [ "$(wc -l < "$tmp/out.txt")" -ge 60 ]
check facts/list $? "$(head -n 3 "$tmp/out.txt")"
# A fact past its review date is a warning (the date from SOURCE_DATE_EPOCH):
# 2030-01-01 is after every review_by of the content.
SOURCE_DATE_EPOCH=1893456000 status_is 0 "$mamoru" check -C "$top" &&
    grep -q "content/facts.yaml:[0-9]*:[0-9]*: warning: 数字 'survey2024-respondents'.*見直し日" "$tmp/err.txt"
check facts/review-by-warning $? "$(head -n 3 "$tmp/err.txt")"
SOURCE_DATE_EPOCH=1764547200 status_is 0 "$mamoru" check -C "$top" &&
    ! grep -q "見直し日" "$tmp/err.txt"
check facts/no-warning-before-review $? "$(grep 見直し日 "$tmp/err.txt" | head -n 3)"
status_is 0 "$mamoru" render "$top/content/guides/survey-2024.md" &&
    grep -q '<span class="fact" data-fact="survey2024-respondents">4,191社</span><sup class="cite"><a href="#cite-1"' "$tmp/out.txt"
check facts/shortcode-rendered $? "$(grep -o 'data-fact="survey2024-respondents"[^<]*' "$tmp/out.txt" | head -n 2)"

# ----- glossary: first occurrence linked, readings as ruby, dictionary order
"$mamoru" build -q -C "$top" -o "$tmp/gl" 2>/dev/null
g="$tmp/gl/site/guides/5kajo/index.html"
[ "$(grep -o 'class="term" href="../../glossary/index.html#os"' "$g" | wc -l)" -eq 1 ] &&
    grep -q '<ruby>OS<rp>（</rp><rt>おーえす</rt><rp>）</rp></ruby>' "$g" &&
    [ "$(grep -c 'OS' "$g")" -gt 1 ]
check glossary/first-occurrence-linked $? "$(grep -o 'class="term"[^>]*>' "$g" | head -n 5)"
! grep -q 'class="term"' "$tmp/gl/site/glossary/index.html" &&
    ! grep -E '<h[1-6][^>]*>[^<]*<a class="term"' "$tmp/gl/site/guides/"*/index.html > /dev/null
check glossary/not-in-headings-or-glossary $?
grep -o 'class="glossary__reading">（[^）]*）' "$tmp/gl/site/glossary/index.html" |
    sed 's/.*（//; s/）//' > "$tmp/readings.txt"
[ "$(wc -l < "$tmp/readings.txt")" -ge 60 ] &&
    [ "$(head -n 1 "$tmp/readings.txt" | cut -c1-3)" = "あ" ] &&
    grep -n 'らんさむうぇあ' "$tmp/readings.txt" > /dev/null &&
    [ "$(grep -n '^あ' "$tmp/readings.txt" | tail -n 1 | cut -d: -f1)" -lt "$(grep -n '^か' "$tmp/readings.txt" | head -n 1 | cut -d: -f1)" ]
check glossary/page-in-gojuon-order $? "$(head -n 5 "$tmp/readings.txt")"
node "$top/tests/cli/facts-only.mjs" "$tmp/gl/site"

# ----- lints: each fires on its fixture (tests/lint), silent on the content
(cd "$top/tests/lint" && "$mamoru" check) > "$tmp/out.txt" 2> "$tmp/lint.txt"
st=$?
[ $st -eq 0 ] && cmp -s "$tmp/lint.txt" "$top/tests/lint/expected.txt"
check lint/fixture-warnings $? "exit $st" "$(diff "$top/tests/lint/expected.txt" "$tmp/lint.txt" | head -n 10)"
"$mamoru" check -C "$top" 2> "$tmp/clean.txt" > /dev/null &&
    ! grep -E "部首|半角カタカナ|フォントにない|このサイトでは|代替テキスト" "$tmp/clean.txt" > /dev/null
check lint/silent-on-content $? "$(grep -E "部首|半角|フォント|このサイトでは|代替" "$tmp/clean.txt" | head -n 3)"
cp -R "$top/tests/lint" "$tmp/lintfix"
(cd "$tmp/lintfix" && "$mamoru" check --fix) > /dev/null 2> "$tmp/fix.txt" &&
    grep -q "2 か所を直しました" "$tmp/fix.txt" &&
    grep -q "^日本の会社です。パスワードを決めます。$" "$tmp/lintfix/content/guides/hyouki.md" &&
    (cd "$tmp/lintfix" && "$mamoru" check) 2>&1 | grep -c "部首\|半角" | grep -qx 0
check lint/fix-repairs-kangxi-and-halfwidth $? "$(head -n 3 "$tmp/fix.txt")"
status_is 2 "$mamoru" build --fix; check usage/fix-only-with-check $?

# ----- new: every starter file passes check; no overwriting
mkdir -p "$tmp/ns/content" && cp "$top/tests/bad/fact-unknown/content/site.yaml" "$tmp/ns/content/"
ok_new=0
for k in "guide usb-memory" "checklist my-list" "calculator my-calc" "karuta あ" "karuta を" "karuta ん"; do
	# shellcheck disable=SC2086
	(cd "$tmp/ns" && "$mamoru" new $k) > /dev/null 2>&1 || ok_new=1
done
[ $ok_new -eq 0 ] && (cd "$tmp/ns" && "$mamoru" check) > /dev/null 2> "$tmp/new.txt" &&
    ! grep -q "error" "$tmp/new.txt" && [ -f "$tmp/ns/content/guides/usb-memory.md" ] &&
    [ -f "$tmp/ns/content/calculators/my-calc.md" ] &&
    [ "$(grep -c '^  - kana:' "$tmp/ns/content/karuta/deck.yaml")" -eq 3 ]
check new/starters-pass-check $? "$(head -n 5 "$tmp/new.txt")"
(cd "$tmp/ns" && status_is 2 "$mamoru" new guide usb-memory) &&
    (cd "$tmp/ns" && status_is 2 "$mamoru" new karuta あ) &&
    (cd "$tmp/ns" && status_is 2 "$mamoru" new guide "USB Memory") &&
    (cd "$tmp/ns" && status_is 2 "$mamoru" new poster x)
check new/refuses-existing-and-bad-names $?

# ----- build: deterministic, from anywhere, safe ----------------------------
"$mamoru" build -q -C "$top" -o "$tmp/a" && "$mamoru" build -q -C "$top" -o "$tmp/b"
check build/ok $?
diff -r "$tmp/a" "$tmp/b" > "$tmp/diff.txt"
check build/deterministic $? "$(head -n 5 "$tmp/diff.txt")"
for f in index.html guides/index.html contacts/index.html 404.html sitemap.xml \
    feed.xml robots.txt; do
	[ -s "$tmp/a/site/$f" ] || fail "build/has/$f"
done
ok build/has-every-page
n=$(ls "$top"/content/guides/*.md | wc -l)
[ "$(ls -d "$tmp"/a/site/guides/*/ | wc -l)" -eq "$n" ]
check build/one-page-per-guide $?
css=$(ls "$tmp"/a/site/assets/css/site.*.css 2>/dev/null | head -n 1)
[ -n "$css" ] && grep -q "$(basename "$css")" "$tmp/a/site/index.html" &&
    [ ! -e "$tmp/a/site/assets/css/site.css" ]
check build/fingerprinted-css $?
# The kiosk's own stylesheet and script live in the kiosk bundle only.
[ ! -e "$tmp/a/site/assets/kiosk" ] && ls "$tmp"/a/kiosk/assets/kiosk/kiosk.*.css > /dev/null 2>&1
check build/kiosk-assets-not-in-site $?
! grep -rl '<script>' "$tmp/a/site" --include='*.html' > /dev/null &&
    [ "$(grep -L 'http-equiv="Content-Security-Policy"' "$tmp"/a/site/*.html "$tmp"/a/site/*/*.html "$tmp"/a/site/*/*/*.html | wc -l)" -eq 0 ]
check build/csp-and-no-inline-scripts $?
# Links between pages and to assets are relative (canonical and og:url are
# absolute by definition); so the site works under any path and from disk.
grep -rhoE '<a [^>]*href="(/|https?://www\.example\.jp)[^"]*"|(src|href)="/[^"]*"|<(script|link rel="stylesheet")[^>]*(src|href)="https?:[^"]*"' \
    "$tmp/a/site" --include='*.html' > "$tmp/abs.txt"
[ ! -s "$tmp/abs.txt" ] && grep -q 'href="../../assets/css/site\.' "$tmp/a/site/guides/5kajo/index.html"
check build/internal-links-relative $? "$(head -n 3 "$tmp/abs.txt")"
grep -q '<loc>https://www.example.jp/security/guides/5kajo/</loc>' "$tmp/a/site/sitemap.xml" &&
    grep -q '<lastmod>2025-' "$tmp/a/site/sitemap.xml"
check build/sitemap-absolute-urls $?
grep -q '<entry>' "$tmp/a/site/feed.xml" && grep -q 'Sitemap: https://www.example.jp/security/sitemap.xml' "$tmp/a/site/robots.txt"
check build/feed-and-robots $?

# Build dates come from the content or SOURCE_DATE_EPOCH, never the clock.
SOURCE_DATE_EPOCH=1893456000 "$mamoru" build -q -C "$top" -o "$tmp/e" &&
    grep -q '© 2030' "$tmp/e/site/index.html"
check build/source-date-epoch $?

# A copy of content/, templates/ and assets/ alone builds the same site.
mkdir -p "$tmp/copy" && cp -R "$top/content" "$top/templates" "$top/assets" "$tmp/copy/"
(cd / && "$mamoru" build -q -C "$tmp/copy" -o "$tmp/c") && diff -r "$tmp/a" "$tmp/c" > /dev/null
check build/site-folder-elsewhere $?
# Only content/: the built-in templates and assets are used.
mkdir -p "$tmp/bare" && cp -R "$top/content" "$tmp/bare/"
(cd "$tmp/bare" && "$mamoru" build -q) && diff -r "$tmp/a" "$tmp/bare/out" > /dev/null
check build/default-output-folder-and-builtin-theme $?
# A site's own template overrides the built-in one of the same name.
mkdir -p "$tmp/copy/templates/partials"
printf '<footer class="own">独自のフッター</footer>\n' > "$tmp/copy/templates/partials/footer.mustache"
"$mamoru" build -q -C "$tmp/copy" -o "$tmp/c" && grep -q '独自のフッター' "$tmp/c/site/index.html"
check build/template-override $?

# Never replace a folder mamoru did not make.
mkdir -p "$tmp/precious" && echo keep > "$tmp/precious/thesis.txt"
status_is 2 "$mamoru" build -C "$top" -o "$tmp/precious" &&
    [ "$(cat "$tmp/precious/thesis.txt")" = keep ] && [ "$(ls -A "$tmp/precious" | wc -l)" -eq 1 ]
check build/refuses-foreign-output-folder $? "$(cat "$tmp/err.txt")"

# check: validates and writes nothing.
(cd "$tmp/bare" && rm -rf out && "$mamoru" check -q) && [ ! -e "$tmp/bare/out" ]
check check/writes-nothing $?
(cd "$tmp/bare" && "$mamoru" check --format json) > "$tmp/j.json" 2> "$tmp/j.err"
[ $? -eq 0 ] && node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$tmp/j.err"
check check/json-format $?

# ----- breaking any content file keeps the previous output ------------------
# Each file is broken in turn (an unknown key in its front matter, or a YAML
# error in site.yaml); the build must fail naming that file with line:col.
rm -rf "$tmp/site" && mkdir -p "$tmp/site" && cp -R "$top/content" "$tmp/site/"
"$mamoru" build -q -C "$tmp/site" -o "$tmp/site/out" && cp -a "$tmp/site/out" "$tmp/before"
broken=0; total=0
for f in $(cd "$tmp/site" && find content -type f \( -name '*.md' -o -name '*.yaml' \) | sort); do
	total=$((total + 1))
	cp "$tmp/site/$f" "$tmp/saved"
	case "$f" in
	*.yaml) printf 'bad: [unclosed\n' >> "$tmp/site/$f" ;;
	*) sed -i '2i oder: 10' "$tmp/site/$f" ;;
	esac
	"$mamoru" build -C "$tmp/site" -o "$tmp/site/out" > /dev/null 2> "$tmp/err.txt"
	st=$?
	if [ $st -eq 1 ] && grep -qE "^$tmp/site/$f:[0-9]+:[0-9]+: error: " "$tmp/err.txt" &&
	    diff -r "$tmp/before" "$tmp/site/out" > /dev/null; then
		broken=$((broken + 1))
	else
		echo "# $f: status $st; $(head -n 1 "$tmp/err.txt")"
	fi
	cp "$tmp/saved" "$tmp/site/$f"
done
[ "$broken" -eq "$total" ] && [ "$total" -gt 10 ]
check build/every-broken-file-keeps-previous-output $? "$broken of $total files"

# ----- the heavy module (generator/heavy.h) --------------------------------
# build/mamoru opens build/mamoru-heavy.so (libharu, HarfBuzz, fontconfig)
# only when a PDF or a font lookup must be made: not for a rebuild that
# reuses them.  Without the module, or with one that does not belong to
# the program, a build that needs it stops with a clear message.
h="$tmp/heavy"
mkdir -p "$h/site" && cp -R "$top/content" "$h/site/"
LD_DEBUG=files "$mamoru" build -q -C "$h/site" > /dev/null 2> "$h/ld1.txt"
grep -q 'file=.*mamoru-heavy\.so.*dynamically loaded' "$h/ld1.txt"
check heavy/first-build-opens-it $?
printf '\n追記です。\n' >> "$h/site/content/guides/backup.md"
LD_DEBUG=files "$mamoru" build -q -C "$h/site" > /dev/null 2> "$h/ld2.txt"
st=$?
[ $st -eq 0 ] && ! grep -q 'file=.*mamoru-heavy\.so' "$h/ld2.txt" &&
    ! grep -q 'file=.*lib\(hpdf\|harfbuzz\|fontconfig\)' "$h/ld2.txt"
check heavy/one-page-rebuild-does-not $? "status $st"
printf '\n追記です。\n' >> "$h/site/content/guides/passwords.md"
LD_DEBUG=files "$mamoru" build -q -C "$h/site" > /dev/null 2> "$h/ld3.txt"
grep -q 'file=.*mamoru-heavy\.so.*dynamically loaded' "$h/ld3.txt"
check heavy/handout-change-opens-it $?
# The program alone, away from its module.
mkdir -p "$h/alone" && cp "$mamoru" "$h/alone/mamoru"
find "$h/site/out" -type f -exec md5sum {} + | sort > "$h/before.txt"
alone_fails() {	# alone_fails NAME PATTERN: exit 1, PATTERN said, output kept
	MAMORU_DATADIR="$top" "$h/alone/mamoru" build -q -C "$h/site" > "$h/out.txt" 2> "$h/err.txt"
	st=$?
	find "$h/site/out" -type f -exec md5sum {} + | sort > "$h/after.txt"
	[ $st -eq 1 ] && grep -q "$2" "$h/err.txt" && cmp -s "$h/before.txt" "$h/after.txt"
	check "heavy/$1" $? "status $st" "$(tail -2 "$h/err.txt")"
}
alone_fails missing-module-error 'mamoru-heavy\.so.*を開けません.*make を実行してください'
# A module of another program.
cat > "$h/fake.c" <<'EOF'
struct fake { int abi; const char *version; };
const struct fake mamoru_heavy = { 0, "0.0.0" };
EOF
cc -shared -fPIC -o "$h/alone/mamoru-heavy.so" "$h/fake.c" 2> /dev/null
alone_fails foreign-module-error 'mamoru-heavy\.so はこの mamoru.*と組になっていません'

# ----- make install ---------------------------------------------------------
make -s -C "$top" install DESTDIR="$tmp/inst" PREFIX=/usr > /dev/null 2>&1 &&
    [ -x "$tmp/inst/usr/bin/mamoru" ] && [ -f "$tmp/inst/usr/share/mamoru/templates/layouts/base.mustache" ] &&
    [ -f "$tmp/inst/usr/share/man/man1/mamoru.1" ] &&
    [ -f "$tmp/inst/usr/lib/mamoru/mamoru-heavy.so" ]
check install/files $?
# The installed binary finds its own templates and assets, not the repo's.
(cd "$tmp/bare" && "$tmp/inst/usr/bin/mamoru" build -q -o "$tmp/inst-out") &&
    diff -r "$tmp/a" "$tmp/inst-out" > /dev/null &&
    "$tmp/inst/usr/bin/mamoru" --help | grep -q "$tmp/inst/usr/share/mamoru"
check install/binary-uses-installed-data $?
