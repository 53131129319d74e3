#!/bin/sh
# bad/run.sh -- every bad-input case gives its exact diagnostics, exit
# status 1, and leaves a previous build's output untouched.
#
# A case is a site folder tests/bad/NAME/ (content/, maybe templates/) with
# expected.txt: the exact stderr of `mamoru check` run inside it.
set -u
top=$(pwd)
mamoru="$top/build/mamoru"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok - bad/$1"; }
fail() { echo "not ok - bad/$1"; shift; for l in "$@"; do echo "# $l"; done; }

# A good previous build, and a pristine copy to compare against.
"$mamoru" build -q -C "$top" -o "$tmp/out" || { fail setup "good build failed"; exit 1; }
cp -a "$tmp/out" "$tmp/pristine"

for dir in "$top"/tests/bad/*/; do
	name=$(basename "$dir")
	[ -f "$dir/expected.txt" ] || { fail "$name" "no expected.txt"; continue; }
	(cd "$dir" && "$mamoru" check) > "$tmp/stdout" 2> "$tmp/stderr"
	status=$?
	if [ $status -eq 1 ] && cmp -s "$tmp/stderr" "$dir/expected.txt"; then
		ok "$name/check"
	else
		fail "$name/check" "exit status $status (want 1)" \
		    "$(diff "$dir/expected.txt" "$tmp/stderr" | head -n 20)"
	fi
	# The same problems stop a build, and the old output stays as it was.
	(cd "$dir" && "$mamoru" build -o "$tmp/out") > /dev/null 2> "$tmp/stderr"
	status=$?
	head -n -1 "$tmp/stderr" > "$tmp/diags"
	head -n -1 "$dir/expected.txt" > "$tmp/want"
	if [ $status -eq 1 ] && cmp -s "$tmp/diags" "$tmp/want" &&
	    diff -r "$tmp/pristine" "$tmp/out" > /dev/null &&
	    [ "$(ls -A "$tmp" | grep -c '^\.out\.tmp-')" -eq 0 ]; then
		ok "$name/build-keeps-previous-output"
	else
		fail "$name/build-keeps-previous-output" "exit status $status" \
		    "$(diff "$tmp/want" "$tmp/diags" | head -n 10)" \
		    "$(diff -rq "$tmp/pristine" "$tmp/out" | head -n 5)"
	fi
done
