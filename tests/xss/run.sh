#!/bin/sh
# xss/run.sh -- the XSS corpus: content that tries to run script must come
# out inert everywhere (website, kiosk, search index, feed, PDF metadata)
# or be refused with an error.
#
#   tests/xss/run.sh          (from the repository root; needs build/mamoru,
#                              node, /usr/bin/chromium, pdfinfo, pdftotext and
#                              the npm packages of package-lock.json)
#
#  1. tests/xss/site: script tags, event-handler attributes, attribute and
#     element breakouts, "<!--", "]]>", "</script>" in every text a content
#     author writes -- Markdown bodies, front matter, site.yaml, facts.yaml
#     labels and sources, glossary.yaml, calculator items and bands, karuta
#     verses and 解説.  It must build; then tests/xss/static.mjs reads every
#     output file and tests/xss/browser.mjs opens every page in Chromium.
#  2. The checks can fail: a copy of the output with a payload put back
#     in must be caught by both.
#  3. A site title with a line break must not turn into commands in the
#     kiosk's start-kiosk.sh / .bat (refused, or kept inside the comment).
#  4. tests/xss/rejected/NAME: javascript:, vbscript:, data: and file: links
#     in every place a link can be written, hidden behind entities, case,
#     angle brackets and references.  Each is a build error: exit status 1,
#     exactly the errors of NAME/expected.txt, nothing written.  A case is
#     tests/xss/rejected/_base/content with NAME/content laid over it.
set -u
top=$(pwd)
mamoru="$top/build/mamoru"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - xss/$1"; }
not_ok() {
	fail=$((fail + 1))
	echo "not ok - xss/$1"
	shift
	for l in "$@"; do echo "# $l"; done
}
show() { head -n 15 "$1" | sed 's/^/# /'; }
# Count a node script's own ok / not ok lines into ours.
tally() {
	p=$(grep -c '^ok ' "$1")
	f=$(grep -c '^not ok ' "$1")
	pass=$((pass + p))
	fail=$((fail + f))
}

# --- 1. the corpus -------------------------------------------------------------
if "$mamoru" build -q -C "$top/tests/xss/site" -o "$tmp/out" 2> "$tmp/build.txt"; then
	ok build
	node "$top/tests/xss/static.mjs" "$tmp/out" "$top/tests/xss/site/content" > "$tmp/static.txt" 2>&1
	st=$?
	cat "$tmp/static.txt"
	tally "$tmp/static.txt"
	[ "$st" -ne 0 ] && ! grep -q '^not ok ' "$tmp/static.txt" && not_ok static "static.mjs exited with status $st"
	node "$top/tests/xss/browser.mjs" "$tmp/out" > "$tmp/browser.txt" 2>&1
	st=$?
	cat "$tmp/browser.txt"
	tally "$tmp/browser.txt"
	[ "$st" -ne 0 ] && ! grep -q '^not ok ' "$tmp/browser.txt" && not_ok browser "browser.mjs exited with status $st"

	# --- 2. the checks see an injection ----------------------------------------
	cp -a "$tmp/out" "$tmp/bad"
	page="$tmp/bad/site/guides/xss-body/index.html"
	sed -i 's|<div class="prose">|<div class="prose"><img src=x onerror=alert(1)><script>alert(1)</script><a href="javascript:alert(1)">x</a>|' "$page"
	node "$top/tests/xss/static.mjs" "$tmp/bad" "$top/tests/xss/site/content" > "$tmp/bad-static.txt" 2>&1
	if grep -q '^not ok - xss/html/site/guides/xss-body/index.html' "$tmp/bad-static.txt" &&
	    grep -q 'onerror' "$tmp/bad-static.txt" && grep -q 'without src' "$tmp/bad-static.txt" &&
	    grep -q 'javascript:' "$tmp/bad-static.txt"; then
		ok static-sees-injection
	else
		not_ok static-sees-injection "static.mjs did not report the injected markup:"
		show "$tmp/bad-static.txt"
	fi
	node "$top/tests/xss/browser.mjs" "$tmp/bad" --only site/guides/xss-body/index.html --bypass-csp \
	    > "$tmp/bad-browser.txt" 2>&1
	if grep -q '^not ok ' "$tmp/bad-browser.txt" && grep -q 'called alert(1)' "$tmp/bad-browser.txt"; then
		ok browser-sees-injection
	else
		not_ok browser-sees-injection "browser.mjs did not catch the injected alert():"
		show "$tmp/bad-browser.txt"
	fi
else
	not_ok build "the XSS corpus did not build:"
	show "$tmp/build.txt"
fi

# --- 3. a line break in the site title ---------------------------------------
mkdir -p "$tmp/nl"
cp -R "$top/tests/xss/site/content" "$tmp/nl/content"
sed -i '/^title: /d' "$tmp/nl/content/site.yaml"
printf 'title: "XSS-N1 改行\\ntouch PWNED-sh #\\ncalc.exe PWNED-bat"\n' > "$tmp/nl/title.yaml"
cat "$tmp/nl/title.yaml" "$tmp/nl/content/site.yaml" > "$tmp/nl/site.yaml"
mv "$tmp/nl/site.yaml" "$tmp/nl/content/site.yaml"
"$mamoru" build -q -C "$tmp/nl" -o "$tmp/nl/out" > "$tmp/nl.txt" 2>&1
st=$?
if [ "$st" -eq 1 ] && grep -q 'site.yaml:1:.*error' "$tmp/nl.txt"; then
	ok "kiosk-scripts-title-line-break (refused: $(grep -m 1 'error' "$tmp/nl.txt" | sed 's/.*error: //'))"
elif [ "$st" -ne 0 ]; then
	not_ok kiosk-scripts-title-line-break "exit status $st:"
	show "$tmp/nl.txt"
else
	bad=$(grep -n 'PWNED' "$tmp/nl/out/kiosk/start-kiosk.sh" | grep -v '^[0-9]*:#' | tr '\n' ' ')
	badbat=$(tr -d '\r' < "$tmp/nl/out/kiosk/start-kiosk.bat" | grep -n 'PWNED' | grep -iv '^[0-9]*:rem ' | tr '\n' ' ')
	if [ -z "$bad" ] && [ -z "$badbat" ]; then
		ok kiosk-scripts-title-line-break
	else
		not_ok kiosk-scripts-title-line-break \
		    "a line break in site.yaml's title ends the comment of the launch scripts:" \
		    "start-kiosk.sh ${bad:-(fine)}" "start-kiosk.bat ${badbat:-(fine)}" \
		    "(running the script runs that line; refuse line breaks in titles, or write" \
		    "the title into the scripts with each line commented)"
	fi
fi

# --- 4. refused links ------------------------------------------------------------
for dir in "$top"/tests/xss/rejected/*/; do
	name=$(basename "$dir")
	[ "$name" = _base ] && continue
	site="$tmp/rejected/$name"
	mkdir -p "$site"
	cp -R "$top/tests/xss/rejected/_base/content" "$site/content"
	cp -R "$dir/content/." "$site/content/"
	(cd "$site" && "$mamoru" build -o out) > /dev/null 2> "$site/stderr"
	st=$?
	grep ': error: ' "$site/stderr" > "$site/errors"
	if [ "$st" -eq 1 ] && cmp -s "$site/errors" "$dir/expected.txt" && [ ! -e "$site/out" ] &&
	    [ "$(ls -A "$site" | grep -c '^\.out\.tmp-')" -eq 0 ]; then
		ok "rejected/$name"
	else
		not_ok "rejected/$name" "exit status $st (want 1), output written: $([ -e "$site/out" ] && echo yes || echo no)" \
		    "$(diff "$dir/expected.txt" "$site/errors" | head -n 10)"
	fi
done

echo "# xss: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
