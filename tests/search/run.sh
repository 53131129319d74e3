#!/bin/sh
# search/run.sh -- the search core natively (unit tests: normalisation
# against ICU, tokens, ranking), then the same strings and queries through
# build/search.wasm in node: tokens and ranked hits must agree byte for
# byte.  With SITE_DIR, also the search page in Chromium (page.mjs).
#
#   tests/search/run.sh [SITE_DIR]      (from the repository root)
set -u
top=$(pwd)
vec=$(mktemp -d)
trap 'rm -rf "$vec"' EXIT
"$top/build/tests/test_search" --vectors "$vec"
native=$?
node "$top/tests/search/wasm.mjs" "$top/build/search.wasm" "$vec"
wasm=$?
page=0
if [ $# -ge 1 ]; then
	node "$top/tests/search/page.mjs" "$1"
	page=$?
fi
[ $native -eq 0 ] && [ $wasm -eq 0 ] && [ $page -eq 0 ]
