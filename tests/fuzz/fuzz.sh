#!/bin/sh
# fuzz.sh -- run the libFuzzer targets (build/fuzz/fuzz_NAME, made by
# `make fuzz`) one after the other and summarise them.
#
#   tests/fuzz/fuzz.sh SECONDS NAME...
#
# Each target runs for SECONDS on its working corpus build/fuzz/corpus/NAME,
# which starts as a copy of tests/fuzz/corpus/NAME and tests/fuzz/regress/NAME
# and keeps growing from run to run (the committed seeds are never written
# to).  Findings go to build/fuzz/artifacts/NAME/, the full log to
# build/fuzz/NAME.log.  Extra libFuzzer options can be given in FUZZ_OPTS.
# Exits 1 if any target found a crash, leak, timeout or out-of-memory.
set -u
seconds=$1
shift
top=$(pwd)
out="$top/build/fuzz"
summary="$out/summary.txt"
status=0
mkdir -p "$out"
: > "$summary"

for name in "$@"; do
	bin="$out/fuzz_$name"
	corpus="$out/corpus/$name"
	artifacts="$out/artifacts/$name"
	log="$out/$name.log"
	rm -rf "$artifacts"	# earlier findings belong in tests/fuzz/regress
	mkdir -p "$corpus" "$artifacts"
	for seeds in "tests/fuzz/corpus/$name" "tests/fuzz/regress/$name"; do
		[ -d "$seeds" ] && cp -n "$seeds"/* "$corpus"/ 2> /dev/null
	done
	dict=
	[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
	echo "== fuzz_$name: ${seconds}s on $corpus"
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix="$artifacts/" $dict \
	    ${FUZZ_OPTS:-} "$corpus" > "$log" 2>&1
	st=$?
	runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 runs in \2 s/p' "$log" | tail -n 1)
	last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$last" | sed -n 's/.* corp: \([^ ]*\).*/\1/p')
	files=$(ls "$corpus" | wc -l)
	found=$(ls "$artifacts" | wc -l)
	if [ "$st" -ne 0 ] || [ "$found" -ne 0 ]; then
		result="FAILED (exit $st, $found finding(s) in $artifacts)"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" |
		    head -n 5 | sed 's/^/   /'
		status=1
	else
		result=ok
	fi
	line="fuzz_$name: ${runs:-no runs}, cov $cov, ft $ft, corp $corp ($files files in the folder): $result"
	echo "   $line"
	echo "$line" >> "$summary"
done

echo "== summary (build/fuzz/summary.txt)"
cat "$summary"
exit $status
