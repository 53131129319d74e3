#!/bin/sh
# sanitize.sh -- the unit tests and real builds under AddressSanitizer +
# UndefinedBehaviorSanitizer (build/san/, made by `make test`), and a full
# build of the real content under valgrind memcheck.  Any report fails.
set -u
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86

run() { # run NAME CMD... : the command must exit 0 (or WANT) with no report
	name=$1; shift
	want=0
	case "$name" in bad/*) want=1 ;; esac
	"$@" > "$tmp/out" 2> "$tmp/err"
	st=$?
	if [ $st -eq "$want" ] && ! grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$tmp/err"; then
		echo "ok - sanitize/$name"
	else
		echo "not ok - sanitize/$name (exit $st)"
		grep -E 'ERROR|runtime error|#[0-9] ' "$tmp/err" | head -n 15 | sed 's/^/# /'
	fi
}

run asan/unit build/san/tests/test_units
run asan/mustache-spec build/san/tests/test_template tests/mustache-spec
run asan/md-diff build/san/tests/test_md_diff tests/md-corpus content/guides
run asan/chart build/san/tests/test_chart
run asan/search build/san/tests/test_search
run asan/kiosk build/san/tests/test_kiosk
run asan/score build/san/tests/test_score --vectors "$tmp/vectors.jsonl"
run asan/build-content build/san/mamoru build -q -C "$top" -o "$tmp/site"
run asan/check-content build/san/mamoru check -q -C "$top"
run asan/render build/san/mamoru render content/guides/5kajo.md
run asan/lint build/san/mamoru check -q -C tests/lint
for dir in tests/bad/*/; do
	run "bad/asan/$(basename "$dir")" build/san/mamoru check -C "$dir"
done
for dir in tests/golden/*/site; do
	run "asan/golden/$(basename "$(dirname "$dir")")" build/san/mamoru build -q -C "$dir" -o "$tmp/g"
done

# valgrind: a full build of the real content, 0 errors and 0 bytes lost.
if command -v valgrind > /dev/null; then
	valgrind --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite \
	    build/mamoru build -q -C "$top" -o "$tmp/vg" > /dev/null 2> "$tmp/vg.txt"
	st=$?
	if [ $st -eq 0 ] && grep -q 'ERROR SUMMARY: 0 errors' "$tmp/vg.txt" &&
	    ! grep -q 'definitely lost: [1-9]' "$tmp/vg.txt"; then
		echo "ok - sanitize/valgrind/build-content"
	else
		echo "not ok - sanitize/valgrind/build-content (exit $st)"
		grep -E 'ERROR SUMMARY|definitely lost|Invalid' "$tmp/vg.txt" | head | sed 's/^/# /'
	fi
	valgrind --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite \
	    build/mamoru check -C tests/bad/many-errors > /dev/null 2> "$tmp/vg.txt"
	if [ $? -eq 1 ] && grep -q 'ERROR SUMMARY: 0 errors' "$tmp/vg.txt"; then
		echo "ok - sanitize/valgrind/check-with-errors"
	else
		echo "not ok - sanitize/valgrind/check-with-errors"
		grep -E 'ERROR SUMMARY|definitely lost|Invalid' "$tmp/vg.txt" | head | sed 's/^/# /'
	fi
else
	echo "not ok - sanitize/valgrind (valgrind is not installed)"
fi
