#!/bin/sh
# golden/run.sh -- content in, expected output out.
#
# A case is tests/golden/NAME/ with site/ (a site folder) and expected/
# (the exact out/site tree, without assets/: the built-in CSS and JS change
# with the theme and are tested in the browser) plus expected-stderr.txt
# (the warnings).
# `tests/golden/run.sh --update` rewrites the expectations after an
# intended change; review the diff before committing it.
set -u
top=$(pwd)
mamoru="$top/build/mamoru"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
update=0
[ "${1:-}" = "--update" ] && update=1

for case in "$top"/tests/golden/*/; do
	name=$(basename "$case")
	[ -d "$case/site" ] || continue
	rm -rf "$tmp/out"
	(cd "$case/site" && env -u SOURCE_DATE_EPOCH "$mamoru" build -q -o "$tmp/out") \
	    2> "$tmp/stderr"
	status=$?
	if [ $update -eq 1 ]; then
		rm -rf "$case/expected"
		cp -R "$tmp/out/site" "$case/expected"
		rm -rf "$case/expected/assets"
		cp "$tmp/stderr" "$case/expected-stderr.txt"
		echo "# updated $name"
		continue
	fi
	if [ $status -eq 0 ] && diff -r -x assets "$case/expected" "$tmp/out/site" > "$tmp/diff"; then
		echo "ok - golden/$name/output"
	else
		echo "not ok - golden/$name/output"
		echo "# exit status $status"
		head -n 40 "$tmp/diff" | sed 's/^/# /'
	fi
	if cmp -s "$case/expected-stderr.txt" "$tmp/stderr"; then
		echo "ok - golden/$name/warnings"
	else
		echo "not ok - golden/$name/warnings"
		diff "$case/expected-stderr.txt" "$tmp/stderr" | head -n 10 | sed 's/^/# /'
	fi
done
