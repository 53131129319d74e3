#!/bin/sh
# run.sh -- tests of the print packs (generator/print/, docs/print.md).
#
#   tests/print/run.sh            run them
#   tests/print/run.sh --update   rewrite tests/print/golden/*.txt first
#   PRINT_MAIN=build/tests/print_main tests/print/run.sh
#                                 use a driver the Makefile built
#
# Builds the backend with tests/print/build.sh, writes the packs of this
# repository's content twice, and checks: every expected file is there;
# the two builds are byte-identical; qpdf --check passes; every font is
# embedded; title, author and TrimBox are set; every QR code decodes
# (zbarimg) to the expected URL; known text survives pdftotext; the
# kinsoku stress page has no violation (pdftotext -bbox-layout); the
# layout dumps match tests/print/golden/; a character the fonts lack is an
# error at its path:line:col; the karuta sheets match the print spec
# (karuta-geometry.mjs: card rectangles, crop marks, duplex backs, page
# boxes) and set vertical text properly.
#
# Prints "ok - print/NAME" or "not ok - print/NAME" (details on "# "
# lines) and ends with "# print: N passed, M failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
here=tests/print
cases=$here/cases
update=0
[ "${1:-}" = "--update" ] && update=1
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

ok() {
	echo "ok - print/$1"
	pass=$((pass + 1))
}

not_ok() {
	name=$1
	shift
	echo "not ok - print/$name"
	for line in "$@"; do
		printf '%s\n' "$line" | head -n 40 | sed 's/^/# /'
	done
	fail=$((fail + 1))
}

finish() {
	echo "# print: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit $?
}

now() {
	date +%s.%N
}

for tool in qpdf pdffonts pdfinfo pdftotext pdftoppm zbarimg node; do
	if ! command -v "$tool" >/dev/null; then
		not_ok "tools" "$tool is missing: apt-get install qpdf" \
		    "poppler-utils zbar-tools nodejs"
		finish
	fi
done

# --- build -------------------------------------------------------------------
# PRINT_MAIN names a driver built elsewhere (by the Makefile, once it lists
# generator/print/); else tests/print/build.sh builds one.
if [ -n "${PRINT_MAIN:-}" ]; then
	bin=$PRINT_MAIN
	if [ -x "$bin" ]; then
		ok "build (PRINT_MAIN=$bin)"
	else
		not_ok build "PRINT_MAIN=$bin is not an executable"
		finish
	fi
elif out=$($here/build.sh 2>&1); then
	bin=build/print/print_main
	ok build
else
	not_ok build "$out"
	finish
fi

# What the content asks for: the base URL, the organiser, the guides and
# the worksheets with `print: handout`.
base_url=$(sed -n 's/^base_url: *//p' content/site.yaml | head -n 1)
org=$(awk '/^organisation:/ { o = 1; next }
	o && /^[^ ]/ { o = 0 }
	o && /^  name:/ { sub(/^  name: */, ""); print; exit }' content/site.yaml)
front() {	# front matter value: front FILE KEY
	sed -n '2,/^---$/p' "$1" | sed -n "s/^$2: *//p" | head -n 1
}
slug_of() {
	s=$(front "$1" slug)
	[ -n "$s" ] || s=$(basename "$1" .md)
	echo "$s"
}
guides=""
for f in content/guides/*.md; do
	[ "$(front "$f" print)" = handout ] || continue
	[ "$(front "$f" draft)" = true ] && continue
	guides="$guides $f"
done
sheets=""
sheet_urls=""
for f in content/calculators/*.md; do
	[ "$(front "$f" print)" = handout ] || continue
	[ "$(front "$f" draft)" = true ] && continue
	kind=$(front "$f" kind)
	slug=$(slug_of "$f")
	case $kind in
	score) sheets="$sheets $slug-worksheet.pdf" ;;
	checklist) sheets="$sheets $slug.pdf" ;;
	*) continue ;;
	esac
	sheet_urls="$sheet_urls $base_url$slug/"
done
files="handout.pdf $sheets poster-a4.pdf poster-a3.pdf"

# --- the packs, twice --------------------------------------------------------
t0=$(now)
if $bin build "$tmp/a" 2>"$tmp/a.err"; then
	t1=$(now)
	missing=""
	for f in $files; do
		[ -s "$tmp/a/print/$f" ] || missing="$missing $f"
	done
	if [ -z "$missing" ]; then
		ok packs
	else
		not_ok packs "missing:$missing"
	fi
else
	not_ok packs "$(cat "$tmp/a.err")"
	finish
fi
if $bin build "$tmp/b" 2>"$tmp/b.err"; then
	diff=""
	for f in $files; do
		cmp -s "$tmp/a/print/$f" "$tmp/b/print/$f" || diff="$diff $f"
	done
	if [ -z "$diff" ]; then
		ok deterministic
	else
		not_ok deterministic "differ between two builds:$diff"
	fi
else
	not_ok deterministic "$(cat "$tmp/b.err")"
fi
echo "# generation: $(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }") s for" \
    "all packs (print_main, including loading the site)"

# --- each PDF ------------------------------------------------------------------
expected_urls() {	# the QR codes a file should hold
	case $1 in
	handout.pdf)
		echo "$base_url"
		echo "${base_url}shindan/"
		for g in $guides; do
			echo "${base_url}guides/$(slug_of "$g")/"
		done
		for u in $sheet_urls; do
			echo "$u"
		done ;;
	poster-*.pdf)
		echo "$base_url"
		echo "${base_url}shindan/" ;;
	*-worksheet.pdf)
		echo "$base_url${1%-worksheet.pdf}/" ;;
	*)
		echo "$base_url${1%.pdf}/" ;;
	esac
}

# qpdf --check passes, and every font is a BIZ UD face, embedded and
# subset: check_pdf FILE NAME
check_pdf() {
	if out=$(qpdf --check "$1" 2>&1); then
		ok "qpdf/$2"
	else
		not_ok "qpdf/$2" "$out"
	fi
	fonts=$(pdffonts "$1" 2>/dev/null | tail -n +3)
	bad=$(printf '%s\n' "$fonts" | grep -v -E 'yes +yes +yes +[0-9]+ +0 *$')
	if [ -n "$fonts" ] && [ -z "$bad" ] &&
	    printf '%s\n' "$fonts" | grep -q BIZUD; then
		ok "fonts-embedded/$2"
	else
		not_ok "fonts-embedded/$2" "$(pdffonts "$1" 2>/dev/null)"
	fi
}

for f in $files; do
	pdf=$tmp/a/print/$f
	pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	size=$(wc -c < "$pdf")
	echo "# $f: $pages pages, $((size / 1024)) KB"
	check_pdf "$pdf" "$f"

	info=$(pdfinfo -box "$pdf" 2>/dev/null)
	title=$(printf '%s\n' "$info" | sed -n 's/^Title: *//p')
	author=$(printf '%s\n' "$info" | sed -n 's/^Author: *//p')
	media=$(printf '%s\n' "$info" | sed -n 's/^MediaBox: *//p')
	trim=$(printf '%s\n' "$info" | sed -n 's/^TrimBox: *//p')
	if [ -n "$title" ] && [ "$author" = "$org" ] && [ -n "$trim" ] &&
	    [ "$trim" = "$media" ]; then
		ok "metadata/$f"
	else
		not_ok "metadata/$f" "title '$title', author '$author'" \
		    "(expected '$org'), MediaBox '$media', TrimBox '$trim'"
	fi

	rm -rf "$tmp/png"
	mkdir "$tmp/png"
	pdftoppm -r 150 -png "$pdf" "$tmp/png/p" 2>/dev/null
	zbarimg -q --raw "$tmp/png"/*.png 2>/dev/null | sort -u > "$tmp/qr.got"
	expected_urls "$f" | sort -u > "$tmp/qr.want"
	if [ -s "$tmp/qr.want" ] && cmp -s "$tmp/qr.got" "$tmp/qr.want"; then
		ok "qr/$f ($(wc -l < "$tmp/qr.want") URLs)"
	else
		not_ok "qr/$f" "$(diff "$tmp/qr.want" "$tmp/qr.got")"
	fi
done

# --- karuta: the deck's sheets to print and cut -----------------------------
# The shipped file, the same layout again with its dump, the geometry
# against the spec (karuta-geometry.mjs computes it on its own), vertical
# text on a stress deck, and a character the font lacks.
karuta_deck=content/karuta/deck.yaml
kpdf=$tmp/a/print/karuta.pdf
if [ -f "$karuta_deck" ]; then
	cards=$(grep -c '^  - kana:' "$karuta_deck")
	if [ -s "$kpdf" ] && cmp -s "$kpdf" "$tmp/b/print/karuta.pdf"; then
		ok "karuta/written-deterministic"
	else
		not_ok "karuta/written-deterministic" "karuta.pdf missing or" \
		    "different between two builds"
	fi
	kpages=$(pdfinfo "$kpdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	echo "# karuta.pdf: ${kpages:-?} pages, $(($(wc -c < "$kpdf") / 1024))" \
	    "KB, $cards cards"
	check_pdf "$kpdf" karuta.pdf
	title=$(pdfinfo "$kpdf" 2>/dev/null | sed -n 's/^Title: *//p')
	author=$(pdfinfo "$kpdf" 2>/dev/null | sed -n 's/^Author: *//p')
	want=$(sed -n 's/^title: *//p' "$karuta_deck" | head -n 1)
	if [ "$title" = "$want" ] && [ "$author" = "$org" ]; then
		ok "metadata/karuta.pdf"
	else
		not_ok "metadata/karuta.pdf" "title '$title' (want '$want')," \
		    "author '$author' (want '$org')"
	fi
	t0=$(now)
	if $bin karuta "$tmp/karuta.pdf" "$tmp/karuta.dump" 2>"$tmp/k.err" &&
	    cmp -s "$tmp/karuta.pdf" "$kpdf"; then
		echo "# karuta: $(awk "BEGIN { printf \"%.2f\", $(now) - $t0 }")" \
		    "s (print_main karuta, including loading the site)"
		ok "karuta/dump-describes-the-packs-file"
	else
		not_ok "karuta/dump-describes-the-packs-file" "$(cat "$tmp/k.err")" \
		    "(print_main karuta must write the same bytes as build)"
	fi
	qpdf --json "$kpdf" > "$tmp/karuta.json" 2>/dev/null
	if out=$(node $here/karuta-geometry.mjs sheets "$tmp/karuta.dump" \
	    "$tmp/karuta.json" "$cards"); then
		ok "karuta/geometry ($(printf '%s\n' "$out" | tail -n 1 |
		    sed 's/^# //'))"
	else
		not_ok "karuta/geometry" "$out"
	fi
	# Every page renders (what a print shop's RIP or pdftoppm sees).
	rm -rf "$tmp/kpng"
	mkdir "$tmp/kpng"
	pdftoppm -r 20 -png "$kpdf" "$tmp/kpng/p" 2>/dev/null
	if [ "$(ls "$tmp/kpng" | wc -l)" -eq "${kpages:-0}" ]; then
		ok "karuta/renders"
	else
		not_ok "karuta/renders" "pdftoppm wrote $(ls "$tmp/kpng" | wc -l)" \
		    "of ${kpages:-?} pages"
	fi
fi

if $bin karuta -C "$cases/karuta-tate" "$tmp/tate.pdf" "$tmp/tate.dump" \
    2>"$tmp/tate.err" && qpdf --check "$tmp/tate.pdf" >/dev/null 2>&1; then
	if out=$(node $here/karuta-geometry.mjs tate "$tmp/tate.dump"); then
		ok "karuta/tate ($(printf '%s\n' "$out" | tail -n 1 |
		    sed 's/^# //'))"
	else
		not_ok "karuta/tate" "$out"
	fi
	# Its long and four-phrase verses set smaller, inside the card.
	qpdf --json "$tmp/tate.pdf" > "$tmp/tate.json" 2>/dev/null
	if out=$(node $here/karuta-geometry.mjs sheets "$tmp/tate.dump" \
	    "$tmp/tate.json" "$(grep -c '^  - kana:' \
	    "$cases/karuta-tate/content/karuta/deck.yaml")"); then
		ok "karuta/geometry-stress-deck"
	else
		not_ok "karuta/geometry-stress-deck" "$out"
	fi
else
	not_ok "karuta/tate" "$(cat "$tmp/tate.err")"
fi

if $bin karuta -C "$cases/karuta-bad-glyph" "$tmp/kbad.pdf" \
    2>"$tmp/kbad.err"; then
	not_ok "karuta/missing-glyph" "the build succeeded"
elif [ -e "$tmp/kbad.pdf" ]; then
	not_ok "karuta/missing-glyph" "a PDF was written"
elif out=$(diff -u "$cases/karuta-bad-glyph/expected.txt" "$tmp/kbad.err")
then
	ok "karuta/missing-glyph"
else
	not_ok "karuta/missing-glyph" "$out"
fi

# --- text ----------------------------------------------------------------------
squeeze() {	# text without white space, for comparing
	tr -d ' \t\n\r　'
}

pdftotext "$tmp/a/print/handout.pdf" - 2>/dev/null | squeeze > "$tmp/handout.txt"
missing=""
for g in $guides; do
	for key in title summary; do
		want=$(front "$g" "$key" | squeeze)
		[ -n "$want" ] || continue
		grep -qF -- "$want" "$tmp/handout.txt" || missing="$missing
$g $key: $want"
	done
done
if [ -z "$missing" ]; then
	ok "text/handout-titles-and-summaries"
else
	not_ok "text/handout-titles-and-summaries" "$missing"
fi

# --- the typeset cases: kinsoku stress, round trip, golden dumps --------------
left=98.138
right=497.138
for c in kinsoku roundtrip; do
	if ! $bin md "$cases/$c.md" "$tmp/$c.pdf" "$tmp/$c.dump" \
	    2>"$tmp/$c.err"; then
		not_ok "typeset/$c" "$(cat "$tmp/$c.err")"
		continue
	fi
	ok "typeset/$c"
	if [ "$update" = 1 ]; then
		cp "$tmp/$c.dump" "$here/golden/$c.txt"
	fi
	if out=$(diff -u "$here/golden/$c.txt" "$tmp/$c.dump" 2>&1); then
		ok "golden/$c ($(wc -l < "$tmp/$c.dump") lines)"
	else
		not_ok "golden/$c" "$out" \
		    "(if the change is intended: tests/print/run.sh --update)"
	fi
done

if [ -s "$tmp/kinsoku.pdf" ]; then
	pdftotext -bbox-layout "$tmp/kinsoku.pdf" "$tmp/kinsoku.html" 2>/dev/null
	if out=$(node $here/kinsoku-check.mjs "$tmp/kinsoku.html" "$left" \
	    "$right" "$tmp/kinsoku.dump"); then
		ok "kinsoku/stress ($(printf '%s\n' "$out" | tail -n 1 |
		    sed 's/^# //'))"
	else
		not_ok "kinsoku/stress" "$out"
	fi
fi
# The checker itself finds the three faults of a hand-made page.
out=$(node $here/kinsoku-check.mjs "$cases/bad-bbox.html" 100 200)
if [ $? -eq 1 ] && printf '%s\n' "$out" | grep -q '3 violations'; then
	ok "kinsoku/checker-finds-faults"
else
	not_ok "kinsoku/checker-finds-faults" "$out"
fi

if [ -s "$tmp/roundtrip.pdf" ]; then
	pdftotext "$tmp/roundtrip.pdf" - 2>/dev/null | squeeze > "$tmp/rt.txt"
	missing=""
	while IFS= read -r want; do
		case $want in ''|'#'*) continue ;; esac
		w=$(printf '%s' "$want" | squeeze)
		grep -qF -- "$w" "$tmp/rt.txt" || missing="$missing
$want"
	done < "$cases/roundtrip.expected"
	if [ -z "$missing" ]; then
		ok "text/roundtrip"
	else
		not_ok "text/roundtrip" "not found in pdftotext's output:$missing"
	fi
fi

# --- a character the fonts lack ---------------------------------------------
if $bin md "$cases/bad-glyph.md" "$tmp/bad.pdf" 2>"$tmp/bad.err"; then
	not_ok "missing-glyph" "the build succeeded"
elif [ -e "$tmp/bad.pdf" ]; then
	not_ok "missing-glyph" "a PDF was written"
elif out=$(diff -u "$cases/bad-glyph.expected" "$tmp/bad.err"); then
	ok "missing-glyph"
else
	not_ok "missing-glyph" "$out"
fi

finish
