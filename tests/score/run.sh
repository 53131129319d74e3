#!/bin/sh
# score/run.sh -- the scoring core natively (unit tests), then the same
# answer vectors through build/score.wasm in node: the results must agree.
set -u
top=$(pwd)
vec="$top/build/test-logs/score-vectors.jsonl"
mkdir -p "$top/build/test-logs"
"$top/build/tests/test_score" --vectors "$vec"
native=$?
node "$top/tests/score/wasm.mjs" "$top/build/score.wasm" "$vec"
wasm=$?
rm -f "$vec"
[ $native -eq 0 ] && [ $wasm -eq 0 ]
