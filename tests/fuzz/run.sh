#!/bin/sh
# run.sh -- the fuzz targets' regression suite (part of make test): each
# target's seed corpus (tests/fuzz/corpus/NAME) and regression files
# (tests/fuzz/regress/NAME: one file per finding, kept after its fix) are
# replayed through the target without libFuzzer, built plainly
# (build/tests/replay_NAME) and under ASan + UBSan
# (build/san/tests/replay_NAME).  The targets' own checks (md4c-html
# equality, ICU normalisation, compiled calculators, ...) apply as in
# fuzzing.  Each regression file also runs alone, with a 10 s limit, so a
# fixed timeout stays fixed.  Run from the repository root.
set -u
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() { # run NAME LIMIT CMD... : exit 0, no sanitizer or libFuzzer report
	test=$1
	limit=$2
	shift 2
	timeout "$limit" "$@" > "$tmp/out" 2> "$tmp/err"
	st=$?
	if [ $st -eq 0 ] && ! grep -qE 'ERROR: |SUMMARY: |runtime error:' "$tmp/err"; then
		n=$(grep -c '^Executed ' "$tmp/err")
		echo "ok - fuzz/$test $(grep '^# replayed' "$tmp/out" | sed 's/^# //')$([ "$n" -gt 0 ] && echo "ran $n files")"
	else
		[ $st -eq 124 ] && echo "# timed out after $limit s"
		echo "not ok - fuzz/$test (exit $st)"
		grep -E 'ERROR|runtime error|#[0-9] |fuzz_|differs' "$tmp/err" |
		    head -n 15 | sed 's/^/# /'
	fi
}

for name in yaml markdown mustache calc karuta search; do
	set -- "tests/fuzz/corpus/$name"
	[ -d "tests/fuzz/regress/$name" ] && set -- "$@" "tests/fuzz/regress/$name"
	run "$name/replay" 300 "build/tests/replay_$name" "$@"
	run "$name/replay-asan" 600 "build/san/tests/replay_$name" "$@"
	[ -d "tests/fuzz/regress/$name" ] || continue
	for file in "tests/fuzz/regress/$name"/*; do
		[ -f "$file" ] || continue
		run "$name/regress/$(basename "$file")" 10 \
		    "build/san/tests/replay_$name" "$file"
	done
	# clang's UBSan checks a little more than gcc's (NULL + 0, for one):
	# after `make fuzz`, the libFuzzer build replays the findings too.
	if [ -x "build/fuzz/fuzz_$name" ]; then
		run "$name/regress-libfuzzer" 120 "build/fuzz/fuzz_$name" \
		    "tests/fuzz/regress/$name"/*
	fi
done
