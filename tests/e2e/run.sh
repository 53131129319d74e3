#!/bin/sh
# e2e/run.sh -- build this repository's site into a temporary folder and
# check every page in headless Chromium from file:// (tests/e2e/site.mjs:
# axe-core, console and CSP, network, overflow, anchors, line breaks, the
# 「文字を大きく」 button), then use the calculators as a person would
# (tests/e2e/calc.mjs) and the karuta deck's gallery, card pages and play
# mode (tests/e2e/karuta.mjs), and the kiosk out/kiosk (tests/e2e/kiosk.mjs;
# screenshots of its screens in build/test-logs/kiosk-shots/).  Each prints
# its own summary line ("# e2e: …", "# calc: …", "# karuta: …", "# kiosk:
# …"); tests/run.sh counts the ok / not ok lines.  Run
# from the repository root; needs build/mamoru, /usr/bin/chromium and the
# npm packages of package-lock.json (make test installs them).
set -u
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! "$top/build/mamoru" build -q -o "$tmp/out" 2> "$tmp/build.txt"; then
	echo "not ok - e2e/build"
	sed 's/^/# /' "$tmp/build.txt" | head -n 20
	echo "# e2e: 0 passed, 1 failed"
	exit 1
fi
status=0
node "$top/tests/e2e/site.mjs" "$tmp/out/site" || status=1
node "$top/tests/e2e/calc.mjs" "$tmp/out/site" || status=1
node "$top/tests/e2e/karuta.mjs" "$tmp/out/site" || status=1
node "$top/tests/search/page.mjs" "$tmp/out/site" || status=1
KIOSK_SHOTS="$top/build/test-logs/kiosk-shots" \
    node "$top/tests/e2e/kiosk.mjs" "$tmp/out/kiosk" || status=1
exit $status
