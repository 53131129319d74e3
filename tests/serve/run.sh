#!/bin/sh
# serve/run.sh -- `mamoru serve` on a throw-away copy of a small site
# (tests/serve/serve.mjs edits its files).
set -u
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/site/content/guides"
cp "$top/tests/bad/fact-unknown/content/site.yaml" "$top/tests/bad/fact-unknown/content/facts.yaml" "$tmp/site/content/"
node "$top/tests/serve/serve.mjs" "$top/build/mamoru" "$tmp/site"
