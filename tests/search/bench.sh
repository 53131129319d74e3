#!/bin/sh
# bench.sh -- the search at 10,000 pages: build an index of N synthetic
# pages (sentences of content/ plus made-up kanji words, 2-5 KB of text
# each) natively, then time every query in the WebAssembly core as it is
# typed, one character at a time.  The slowest search must stay under
# LIMIT_MS.
#
#   tests/search/bench.sh [N] [LIMIT_MS]    (from the repository root;
#                                            defaults 10000 and 50)
set -u
top=$(pwd)
n=${1:-10000}
limit=${2:-50}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$top/build/tests/test_search" --bench "$n" "$dir" | grep -v '^ok' || exit 1
node "$top/tests/search/bench.mjs" "$top/build/search.wasm" "$dir" "$limit"
