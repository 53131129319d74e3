#!/bin/sh
# run.sh -- run every test suite of mamoru and count the results.
#
# Each suite prints "ok - NAME" or "not ok - NAME" lines (details on lines
# starting with "#").  A suite that exits non-zero without reporting a
# failure counts as one failure.  The last line is "N passed, N failed".
#
# Run from the repository root (make test does).  Logs: build/test-logs/.
set -u
top=$(pwd)
logs="$top/build/test-logs"
mkdir -p "$logs"
total_pass=0
total_fail=0

suite() {
	name=$1
	shift
	log="$logs/$name.log"
	echo "== $name"
	"$@" > "$log" 2>&1
	status=$?
	# Show failures and summaries; the full output is in the log.
	grep -E '^(not ok|# [a-z0-9 -]+:)' "$log" | head -n 200
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $status (see $log)"
		tail -n 20 "$log" | sed 's/^/# /'
		f=1
	fi
	echo "   $name: $p passed, $f failed"
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

suite unit      build/tests/test_units
suite score     tests/score/run.sh
suite chart     build/tests/test_chart
suite kiosk     build/tests/test_kiosk
suite search    tests/search/run.sh
suite mustache  build/tests/test_template tests/mustache-spec
suite md-diff   build/tests/test_md_diff tests/md-corpus content/guides content
suite bad-input tests/bad/run.sh
suite golden    tests/golden/run.sh
suite cli       tests/cli/run.sh
suite incremental tests/incremental/run.sh
suite print     env PRINT_MAIN=build/tests/print_main tests/print/run.sh
suite serve     tests/serve/run.sh
suite crash     tests/crash/run.sh
suite xss       tests/xss/run.sh
suite fuzz      tests/fuzz/run.sh
suite sanitize  tests/sanitize.sh
suite e2e       tests/e2e/run.sh

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
