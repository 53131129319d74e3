#!/bin/sh
# incremental/run.sh -- a build that reuses the previous output (OUT/.cache,
# unchanged files linked, unchanged PDFs kept; generator/build_cache.c)
# must write exactly what a clean build writes.
#
#   tests/incremental/run.sh   (from the repository root; needs build/mamoru)
#
# Works on a copy of content/.  After each change, an incremental build
# into OUT is compared (diff -r) with `build --clean` of the same content
# into a fresh folder, and inode numbers show what was reused:
#   noop-*        a rebuild with nothing changed writes no file
#   guide-*       a guide that is not in the handout: its page is new, every
#                 PDF is the previous file
#   handout-*     a guide of the handout: handout.pdf is laid out again, the
#                 posters and karuta.pdf are kept
#   deck-*        content/karuta/deck.yaml: karuta.pdf again, handout kept
#   facts-*       content/facts.yaml: every PDF again
#   calc-*        a checklist with `print:`: its PDF and the handout again
#   image-*       a picture a page shows: every PDF again
#   manifest-*    a damaged OUT/.cache/manifest is ignored
#   table-*       a damaged OUT/.cache/search-table.bin is rebuilt
#   yaml-memo-*   a damaged or cut OUT/.cache/yaml (parsed YAML) is not
#                 trusted: the files are parsed again
#   terms-memo-*  each search page's terms (OUT/.cache/search-terms) are
#                 replayed for unchanged pages; a damaged record is not
#   pages-memo-*  pages whose context and templates are unchanged are not
#                 rendered again; one edited in OUT by hand, or after a
#                 template change, is
#   only-print-*  `build --only print` forgets the PDFs' keys, so that going
#                 back to older content cannot bring back a stale PDF
#   error-*       a build with an error changes nothing (same inodes)
#   clean-*       `--clean` links nothing to the previous output
#   fonts-*       the fonts' files kept in the manifest follow fontconfig's
#                 configuration, font folders and environment
#   progress-*    per-stage lines on a terminal (script(1)); none with -q
#                 or when not a terminal
set -u
top=$(pwd)
mamoru="$top/build/mamoru"
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

ok() { echo "ok - incremental/$1"; pass=$((pass + 1)); }
not_ok() { echo "not ok - incremental/$1"; shift; for l in "$@"; do echo "# $l"; done; fail=$((fail + 1)); }
check() { name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi; }

site="$tmp/site"
mkdir -p "$site"
cp -R "$top/content" "$site/content"
out="$site/out"

ino() { stat -c %i "$out/$1"; }
# build: incremental build into OUT; log in $tmp/log
build() { "$mamoru" build -C "$site" -o "$out" "$@" > "$tmp/log" 2>&1; }
# same_as_clean NAME: incremental output equals a clean build
same_as_clean() {
	rm -rf "$tmp/clean"
	if ! "$mamoru" build --clean -q -C "$site" -o "$tmp/clean" 2> "$tmp/clean.log"; then
		not_ok "$1-equal" "clean build failed" "$(tail -3 "$tmp/clean.log")"
		return
	fi
	if diff -r "$out" "$tmp/clean" > "$tmp/diff" 2>&1; then
		ok "$1-equal"
	else
		not_ok "$1-equal" "incremental output differs from a clean build:" \
		    "$(head -5 "$tmp/diff")"
	fi
}
# snapshot: inode of every file, to compare with later
snapshot() { (cd "$out" && find . -type f -printf '%p %i\n' | sort) > "$tmp/$1"; }
pdfs="handout.pdf poster-a4.pdf poster-a3.pdf karuta.pdf 5kajo-check.pdf shindan-worksheet.pdf"
save_pdfs() { for p in $pdfs; do echo "$p $(ino print/$p)"; done > "$tmp/pdfs"; }
# kept LIST / remade LIST: PDFs whose inode is the same / new since save_pdfs
kept() { for p in "$@"; do [ "$(grep "^$p " "$tmp/pdfs" | cut -d' ' -f2)" = "$(ino print/$p)" ] || return 1; done; }
remade() { for p in "$@"; do [ "$(grep "^$p " "$tmp/pdfs" | cut -d' ' -f2)" != "$(ino print/$p)" ] || return 1; done; }

# --- the first build, then nothing changed --------------------------------
if ! build; then
	not_ok first-build "$(tail -5 "$tmp/log")"
	echo "# incremental: $pass passed, $fail failed"
	exit 1
fi
ok first-build
check cache-written test -s "$out/.cache/manifest" -a -s "$out/.cache/search-table.bin"
snapshot before
build
check noop-builds test $? -eq 0
snapshot after
check noop-same-inodes cmp -s "$tmp/before" "$tmp/after"
check noop-summary grep -q '新しく書いたファイル 0' "$tmp/log"
same_as_clean noop

# --- a guide that is not in the handout -----------------------------------
save_pdfs
page=$(ino site/guides/backup/index.html)
printf '\n追記した段落です。バックアップは定期的に確かめましょう。\n' >> "$site/content/guides/backup.md"
build
check guide-builds test $? -eq 0
check guide-page-new test "$(ino site/guides/backup/index.html)" != "$page"
check guide-pdfs-kept kept $pdfs
same_as_clean guide

# --- a guide of the handout -----------------------------------------------
save_pdfs
printf '\n追記した段落です。パスワードは使い回さないでください。\n' >> "$site/content/guides/passwords.md"
build
check handout-builds test $? -eq 0
check handout-remade remade handout.pdf
check handout-others-kept kept poster-a4.pdf poster-a3.pdf karuta.pdf 5kajo-check.pdf
same_as_clean handout

# --- the karuta deck ------------------------------------------------------
save_pdfs
sed -i 's/^description: 毎日の仕事で/description: 毎日の仕事のなかで/' "$site/content/karuta/deck.yaml"
build
check deck-builds test $? -eq 0
check deck-remade remade karuta.pdf
check deck-handout-kept kept handout.pdf poster-a4.pdf
same_as_clean deck

# --- the fact store -------------------------------------------------------
save_pdfs
sed -i '0,/label: "IPA 2024年度実態調査に回答/s//label: "IPA 2024年度の実態調査に回答/' "$site/content/facts.yaml"
build
check facts-builds test $? -eq 0
check facts-remade remade $pdfs
same_as_clean facts

# --- a checklist printed on its own and in the handout ---------------------
save_pdfs
printf '\n印刷して、毎月の点検にも使えます。\n' >> "$site/content/calculators/5kajo-check.md"
build
check calc-builds test $? -eq 0
check calc-remade remade 5kajo-check.pdf handout.pdf
check calc-others-kept kept karuta.pdf poster-a4.pdf shindan-worksheet.pdf
same_as_clean calc

# --- a picture shown on a page (content files that are not pages) ---------
mkdir -p "$site/content/guides/img"
svg='<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#036"/></svg>'
echo "$svg" > "$site/content/guides/img/zu.svg"
printf '\n![バックアップの流れの図](img/zu.svg)\n' >> "$site/content/guides/backup.md"
build
check image-builds test $? -eq 0
check image-copied test -f "$out/site/guides/img/zu.svg" -o -n "$(find "$out/site" -name 'zu*.svg')"
save_pdfs
echo "$svg" | sed 's/#036/#063/' > "$site/content/guides/img/zu.svg"
build
check image-changed-builds test $? -eq 0
check image-remade remade handout.pdf poster-a4.pdf
same_as_clean image

# --- a damaged manifest, a damaged table ----------------------------------
save_pdfs
printf 'garbage\n' > "$out/.cache/manifest"
build
check manifest-builds test $? -eq 0
check manifest-pdfs-remade remade $pdfs
same_as_clean manifest
printf 'XXXXXXXX' | dd of="$out/.cache/search-table.bin" bs=1 seek=64 conv=notrunc 2>/dev/null
# (the file is a link shared with no other build: it was written fresh)
build
check table-builds test $? -eq 0
same_as_clean table

# A damaged parsed-YAML memo is parsed anew, not trusted.
check yaml-memo-written test -s "$out/.cache/yaml"
size=$(stat -c %s "$out/.cache/yaml")
cp "$out/.cache/yaml" "$tmp/yaml"
printf '\377\377\377\377' | dd of="$tmp/yaml" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
rm -f "$out/.cache/yaml" && cp "$tmp/yaml" "$out/.cache/yaml"
build
check yaml-memo-damaged-builds test $? -eq 0
same_as_clean yaml-memo-damaged
head -c $((size / 3)) "$tmp/yaml" > "$out/.cache/yaml.cut" && mv "$out/.cache/yaml.cut" "$out/.cache/yaml"
build
check yaml-memo-cut-builds test $? -eq 0
same_as_clean yaml-memo-cut

# Each search page's terms: written, replayed for unchanged pages, and a
# damaged record is tokenised anew, not trusted.
check terms-memo-written test -s "$out/.cache/search-terms"
printf '\n検索語の確認のための追記です。\n' >> "$site/content/guides/backup.md"
script -qec "'$mamoru' build -C '$site' -o '$out'" /dev/null > "$tmp/tty" 2>&1
check terms-memo-replayed grep -q '検索の索引（[0-9]* ページの語は前回のまま）' "$tmp/tty"
same_as_clean terms-memo
# (the first record's first key: after its hash, sum and length (20
# bytes), the page's length and term count (12) and the key's length)
cp "$out/.cache/search-terms" "$tmp/terms"
printf '\377\377\377\377' | dd of="$tmp/terms" bs=1 seek=33 conv=notrunc 2>/dev/null
rm -f "$out/.cache/search-terms" && cp "$tmp/terms" "$out/.cache/search-terms"
build
check terms-memo-damaged-builds test $? -eq 0
same_as_clean terms-memo-damaged

# Pages whose context and templates are unchanged are not rendered again,
# but a page edited in OUT by hand is: its bytes are checked.
printf '\nページの再利用の確認です。\n' >> "$site/content/guides/backup.md"
script -qec "'$mamoru' build -C '$site' -o '$out'" /dev/null > "$tmp/tty" 2>&1
check pages-memo-reused grep -q 'ページ [0-9]*（うち [0-9]* は前回のまま）' "$tmp/tty"
check pages-memo-in-manifest grep -q '^page guides/passwords/index.html	' "$out/.cache/manifest"
cp "$out/site/guides/passwords/index.html" "$tmp/pw.html"
sed 's/<\/body>/<p>手で書き足した行<\/p><\/body>/' "$tmp/pw.html" > "$tmp/pw2.html"
rm -f "$out/site/guides/passwords/index.html"
cp "$tmp/pw2.html" "$out/site/guides/passwords/index.html"
printf '\nもう一度の追記です。\n' >> "$site/content/guides/backup.md"
build
check pages-memo-edited-builds test $? -eq 0
check pages-memo-edited-redone cmp -s "$tmp/pw.html" "$out/site/guides/passwords/index.html"
same_as_clean pages-memo
# The kiosk's screens likewise; the site's address changes what every
# screen's links become.
check screens-memo-reused grep -q 'キオスク（画面 [0-9]* は前回のまま）' "$tmp/tty"
check screens-memo-written test -s "$out/.cache/kiosk-screens"
cp "$site/content/site.yaml" "$tmp/site.yaml"
sed -i 's#^base_url: *"*https://#base_url: "https://www2.#; s#^\(base_url: "[^"]*\)$#\1"#' "$site/content/site.yaml"
build
check screens-memo-base-url-builds test $? -eq 0
check screens-memo-base-url-changed sh -c "! cmp -s '$site/content/site.yaml' '$tmp/site.yaml'"
same_as_clean screens-memo-base-url
cp "$tmp/site.yaml" "$site/content/site.yaml"
build
# A guide taken out of the kiosk: the screens that link to it (5kajo)
# turn the link into a QR code though their own context is unchanged.
cp "$site/content/guides/passwords.md" "$tmp/passwords.md"
sed -i 's/^kiosk: true/kiosk: false/' "$site/content/guides/passwords.md"
build
check screens-memo-route-builds test $? -eq 0
same_as_clean screens-memo-route
cp "$tmp/passwords.md" "$site/content/guides/passwords.md"
build
cp "$out/.cache/kiosk-screens" "$tmp/screens"
printf '\377\377\377\377' | dd of="$tmp/screens" bs=1 seek=40 conv=notrunc 2>/dev/null
rm -f "$out/.cache/kiosk-screens" && cp "$tmp/screens" "$out/.cache/kiosk-screens"
printf '\nキオスクの確認です。\n' >> "$site/content/guides/backup.md"
build
check screens-memo-damaged-builds test $? -eq 0
same_as_clean screens-memo-damaged
# A changed template renders every page that uses it again.
mkdir -p "$site/templates/partials"
cp "$top/templates/partials/footer.mustache" "$site/templates/partials/footer.mustache" 2>/dev/null ||
    cp "$(ls "$top"/templates/partials/*.mustache | head -1)" "$site/templates/partials/"
f=$(ls "$site/templates/partials/"*.mustache | head -1)
printf '\n<!-- 手を入れたテンプレート -->\n' >> "$f"
build
check pages-memo-template-builds test $? -eq 0
same_as_clean pages-memo-template
rm -rf "$site/templates"
build

# --- --only print, then back to older content -----------------------------
cp "$site/content/guides/passwords.md" "$tmp/passwords.md"
build
printf '\n一時的な追記です。\n' >> "$site/content/guides/passwords.md"
"$mamoru" build -q --only print -C "$site" -o "$out" 2> "$tmp/log"
check only-print-builds test $? -eq 0
check only-print-forgets sh -c "! grep -q '^pack ' '$out/.cache/manifest' 2>/dev/null"
cp "$tmp/passwords.md" "$site/content/guides/passwords.md"
build
check only-print-back test $? -eq 0
same_as_clean only-print

# --- an error changes nothing ---------------------------------------------
snapshot before
cp "$site/content/guides/backup.md" "$tmp/backup.md"
printf -- '---\ntitle: [壊れた\n---\n本文\n' > "$site/content/guides/backup.md"
build
check error-fails test $? -ne 0
snapshot after
check error-same-inodes cmp -s "$tmp/before" "$tmp/after"
cp "$tmp/backup.md" "$site/content/guides/backup.md"

# --- --clean --------------------------------------------------------------
build
snapshot before
build --clean
check clean-builds test $? -eq 0
snapshot after
check clean-no-shared-inode sh -c "! join '$tmp/before' '$tmp/after' | awk '\$2 == \$3' | grep -q ."

# --- the fonts' files, kept in the manifest (text/font.c) -----------------
# A rebuild takes the fonts' files from the manifest without loading
# fontconfig, but only while fontconfig's configuration, font folders and
# environment are as they were: here its own configuration
# (FONTCONFIG_FILE) names a folder of links to the BIZ UD fonts, and the
# manifest must follow every change of it.  (Its folder holds nothing
# else: a file created beside a configuration file counts as a change.)
build
check fonts-memo-written sh -c "grep -q '^fontsig ' '$out/.cache/manifest' && grep -q '^font BIZ UDPGothic	0	' '$out/.cache/manifest'"
grep '^font ' "$out/.cache/manifest" | cut -f4 > "$tmp/font-files"
check fonts-memo-four-faces test "$(wc -l < "$tmp/font-files")" -eq 4
fc_conf() {	# fc_conf DIR: a configuration with DIR as its only font folder
	cat > "$tmp/fc/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>$1</dir>
  <cachedir>$tmp/fc-cache</cachedir>
</fontconfig>
EOF
}
font_dir() {	# the folder of the manifest's regular BIZ UDPGothic
	grep '^font BIZ UDPGothic	0	' "$out/.cache/manifest" | cut -f4 | xargs dirname
}
mkdir -p "$tmp/fc" "$tmp/fontsA" "$tmp/fontsB"
while read -r f; do ln -s "$f" "$tmp/fontsA/"; ln -s "$f" "$tmp/fontsB/"; done < "$tmp/font-files"
fc_conf "$tmp/fontsA"
FONTCONFIG_FILE="$tmp/fc/fonts.conf" build
check fonts-env-builds test $? -eq 0
check fonts-env-followed test "$(font_dir)" = "$tmp/fontsA"
fc_conf "$tmp/fontsB"
touch -d '@1' "$tmp/fc/fonts.conf"	# a changed file, even within a second
FONTCONFIG_FILE="$tmp/fc/fonts.conf" build
check fonts-config-followed test "$(font_dir)" = "$tmp/fontsB"
mkdir "$tmp/fontsB/sub" && mv "$tmp/fontsB/"*.tt? "$tmp/fontsB/sub/"
FONTCONFIG_FILE="$tmp/fc/fonts.conf" build
check fonts-folder-followed test "$(font_dir)" = "$tmp/fontsB/sub"
rm -rf "$tmp/clean"
FONTCONFIG_FILE="$tmp/fc/fonts.conf" "$mamoru" build --clean -q -C "$site" -o "$tmp/clean" 2> "$tmp/clean.log"
check fonts-same-as-clean diff -r "$out" "$tmp/clean"
rm -rf "$tmp/fontsB/sub"
FONTCONFIG_FILE="$tmp/fc/fonts.conf" build
check fonts-gone-fails test $? -ne 0
check fonts-gone-said grep -q 'フォント.*見つかりません' "$tmp/log"
build
check fonts-back-builds test $? -eq 0
check fonts-back-system test "$(grep '^font ' "$out/.cache/manifest" | cut -f4)" = "$(cat "$tmp/font-files")"
same_as_clean fonts

# --- progress on a terminal -----------------------------------------------
if command -v script > /dev/null; then
	printf '\n進み具合の確認です。\n' >> "$site/content/guides/backup.md"
	script -qec "'$mamoru' build -C '$site' -o '$out'" /dev/null > "$tmp/tty" 2>&1
	check progress-tty-builds test $? -eq 0
	check progress-tty-stages sh -c "grep -q 'mamoru: 読み込み [0-9]* ページ' '$tmp/tty' && grep -q 'mamoru: ページ [0-9]*' '$tmp/tty' && grep -q 'mamoru: PDF [0-9]* 冊（うち [0-9]* 冊は前回のまま）' '$tmp/tty'"
	check progress-tty-summary grep -q '書き出しました' "$tmp/tty"
	script -qec "'$mamoru' build -q -C '$site' -o '$out'" /dev/null > "$tmp/tty" 2>&1
	check progress-tty-quiet sh -c "! grep -q 'mamoru: 読み込み\|書き出しました' '$tmp/tty'"
	build
	check progress-not-tty sh -c "! grep -q 'mamoru: 読み込み' '$tmp/log' && grep -q '書き出しました' '$tmp/log'"
else
	not_ok progress-tty "script(1) is missing (Debian package bsdutils)"
fi

echo "# incremental: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
