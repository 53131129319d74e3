#!/bin/sh
# crash/run.sh -- a build that is killed, or that runs out of disk, must
# leave the previous output exactly as it was (generator/build.c: every
# build is written into a staging folder .OUT.tmp-XXXXXX beside OUT and
# swapped in whole; generator/core/fs.c sweeps stage folders left by
# killed builds at the start of the next one).
#
#   tests/crash/run.sh        (from the repository root; needs build/mamoru)
#
# Environment: CRASH_KILLS (default 20) full builds killed with SIGKILL,
# CRASH_PRINT_KILLS (default 6) `--only print` builds killed, CRASH_SEED
# (default 9) for the kill delays, CRASH_MAX_MS (default 700) the longest
# delay.  Each build works on a copy of content/ that is changed before
# every attempt, so that each build's output differs from the one before.
#
# Checks, as "ok - crash/<case>" lines:
#   kill-NN          after SIGKILL at a random delay, OUT is byte for byte
#                    the previous complete build (diff -r against a saved
#                    copy); if the build finished before the signal, OUT is
#                    the new build, identical to a clean rebuild
#   kill-NN-swept    the next successful build leaves no .OUT.tmp-* beside
#                    OUT
#   print-kill-NN    the same for `build --only print` (stage OUT/.print.tmp-*)
#   disk-full-*      a build that cannot write (RLIMIT_FSIZE with SIGXFSZ
#                    ignored: EFBIG; RLIMIT_FSIZE with the default SIGXFSZ:
#                    killed; a tmpfs too small for a second copy, with
#                    --clean: ENOSPC)
#                    exits non-zero, says why (for the errors), keeps OUT
#                    and removes or later sweeps its stage folder
set -u
top=$(pwd)
mamoru="$top/build/mamoru"
kills=${CRASH_KILLS:-20}
pkills=${CRASH_PRINT_KILLS:-6}
seed=${CRASH_SEED:-9}
max_ms=${CRASH_MAX_MS:-700}
pass=0
fail=0
tmp=$(mktemp -d)
small=""
cleanup() {
	[ -n "$small" ] && umount "$small" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# Two builds of the same content are identical (generator/model/load.c).
export SOURCE_DATE_EPOCH=1748736000

ok() { pass=$((pass + 1)); echo "ok - crash/$1"; }
not_ok() {
	fail=$((fail + 1))
	echo "not ok - crash/$1"
	shift
	for l in "$@"; do echo "# $l"; done
}
# Lines of a file as "# " comments (at most 15).
show() { head -n 15 "$1" | sed 's/^/# /'; }

if [ ! -x "$mamoru" ]; then
	echo "not ok - crash/setup: build/mamoru is missing (make build/mamoru)"
	echo "# crash: 0 passed, 1 failed"
	exit 1
fi

site="$tmp/site"
out="$tmp/w/out"
ref="$tmp/ref"
mkdir -p "$site" "$tmp/w"
cp -R "$top/content" "$site/content"
page=$(ls "$site/content/guides/"*.md | head -n 1)
cp "$page" "$tmp/page.orig"

# generation N: one guide gets a new last paragraph (the site, the kiosk
# and, if the page is in the handout, the PDFs change with it).
generation() {
	cp "$tmp/page.orig" "$page"
	printf '\n世代 %s のテスト用の段落です。\n' "$1" >> "$page"
}
build() { "$mamoru" build -q "$@" -C "$site" -o "$out" 2> "$tmp/err.txt"; }
save_ref() { rm -rf "$ref" && cp -a "$out" "$ref"; }
stages() { ls -A "$tmp/w" | grep -c '^\.out\.tmp-'; }
same() { diff -r "$ref" "$out" > "$tmp/diff.txt" 2>&1; }

generation 0
if ! build; then
	not_ok setup "the first build failed:"
	show "$tmp/err.txt"
	echo "# crash: $pass passed, $fail failed"
	exit 1
fi
save_ref

# Delays in milliseconds, from the seed (awk's generator: the same list on
# every run with the same awk).
delays=$(awk -v s="$seed" -v n="$((kills + pkills))" -v m="$max_ms" \
    'BEGIN { srand(s); for (i = 0; i < n; i++) printf "%d ", int(rand() * (m + 1)) }')

# kill_at MS ARGS...: start a build, SIGKILL it after MS ms; sets $status
# to the build's exit status (137 if the signal ended it).
kill_at() {
	ms=$1
	shift
	"$mamoru" build -q "$@" -C "$site" -o "$out" 2> /dev/null &
	pid=$!
	sleep "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')"
	kill -KILL "$pid" 2> /dev/null
	wait "$pid" 2> /dev/null
	status=$?
}

i=0
landed=0
for ms in $delays; do
	i=$((i + 1))
	[ "$i" -gt "$kills" ] && break
	n=$(printf '%02d' "$i")
	generation "$i"
	kill_at "$ms"
	left=$(stages)
	if [ "$status" -eq 137 ]; then
		landed=$((landed + 1))
		# The previous build -- or, if the signal came after the swap
		# (while the old tree was being removed), the new one, which
		# the next successful build must then reproduce.
		intact=0
		same && intact=1
		[ "$intact" -eq 0 ] && rm -rf "$tmp/killed" && cp -a "$out" "$tmp/killed"
		if ! build; then
			not_ok "kill-$n" "the rebuild after the kill failed:"
			show "$tmp/err.txt"
			continue
		fi
		if [ "$intact" -eq 1 ]; then
			ok "kill-$n (killed after $ms ms; output is the previous build; stage folders left: $left)"
		elif diff -r "$tmp/killed" "$out" > "$tmp/diff.txt" 2>&1; then
			ok "kill-$n (killed after $ms ms, after the swap; output is the new complete build)"
		else
			not_ok "kill-$n" "killed after $ms ms, the output is neither the previous nor the new build:"
			show "$tmp/diff.txt"
		fi
	else
		# Finished before the signal: OUT must be that new build, the
		# same as a clean rebuild of this generation.
		save_ref
		if [ "$status" -ne 0 ] || ! build || ! same; then
			not_ok "kill-$n" "the build finished before the kill ($ms ms) with status $status," \
			    "but its output is not the complete build:"
			show "$tmp/diff.txt"
		else
			ok "kill-$n (finished before the kill at $ms ms; output complete)"
		fi
	fi
	left=$(stages)
	if [ "$left" -eq 0 ]; then
		ok "kill-$n-swept"
	else
		not_ok "kill-$n-swept" "$left stage folder(s) beside the output after a successful build:" \
		    "$(ls -A "$tmp/w" | tr '\n' ' ')"
	fi
	save_ref
done
echo "# crash: $landed of $kills kills landed during a build"

# --- build --only print ------------------------------------------------------
# The packs are staged in OUT/.print.tmp-XXXXXX and swapped into OUT/print;
# the website beside them is not touched.
i=0
j=0
stray=""
for ms in $delays; do
	j=$((j + 1))
	[ "$j" -le "$kills" ] && continue
	i=$((i + 1))
	n=$(printf '%02d' "$i")
	generation "p$i"
	kill_at "$ms" --only print
	if [ "$status" -ne 137 ]; then
		# Finished first: compare with a clean --only print build.
		save_ref
		if [ "$status" -eq 0 ] && build --only print && same; then
			ok "print-kill-$n (finished before the kill at $ms ms; output complete)"
		else
			not_ok "print-kill-$n" "finished before the kill with status $status; output differs:"
			show "$tmp/diff.txt"
		fi
		save_ref
		continue
	fi
	# Everything mamoru publishes is the previous build (or the new one,
	# if the signal came after the swap)...
	intact=0
	diff -r -x '.print.tmp-*' "$ref" "$out" > "$tmp/diff.txt" 2>&1 && intact=1
	[ "$intact" -eq 0 ] && rm -rf "$tmp/killed" && cp -a "$out" "$tmp/killed"
	# ...and nothing else is in OUT.
	if ls -A "$out" | grep -q '^\.print\.tmp-'; then
		stray="$stray $ms"
	fi
	if ! build --only print; then
		not_ok "print-kill-$n" "the rebuild after the kill failed:"
		show "$tmp/err.txt"
		continue
	fi
	if [ "$intact" -eq 1 ]; then
		ok "print-kill-$n (killed after $ms ms; site, kiosk and print are the previous build)"
	elif diff -r -x '.print.tmp-*' "$tmp/killed" "$out" > "$tmp/diff.txt" 2>&1; then
		ok "print-kill-$n (killed after $ms ms, after the swap; print is the new build)"
	else
		not_ok "print-kill-$n" "killed after $ms ms, the output is neither the previous nor the new build:"
		show "$tmp/diff.txt"
	fi
	if ls -A "$out" | grep -q '^\.print\.tmp-'; then
		not_ok "print-kill-$n-swept" "a .print.tmp-* folder is left in the output after a successful build"
	else
		ok "print-kill-$n-swept"
	fi
	save_ref
done
if [ -z "$stray" ]; then
	ok "print-kill-no-stage-in-output"
else
	not_ok "print-kill-no-stage-in-output" \
	    "a killed --only print build (killed after:$stray ms) leaves its stage folder" \
	    "OUT/.print.tmp-XXXXXX inside the output folder until the next build, so OUT" \
	    "is not exactly the previous build (a copy or upload of OUT would include it)"
fi

# --- disk full ---------------------------------------------------------------
generation full
build && save_ref
# full_case NAME WANT_MESSAGE CMD...: CMD must fail (non-zero, not 137),
# print a message with error: (if WANT_MESSAGE), keep OUT, and leave no
# stage folder after the next successful build.
full_case() {
	name=$1
	want=$2
	shift 2
	generation "$name"
	"$@" > "$tmp/full.txt" 2>&1
	st=$?
	if [ "$st" -eq 0 ]; then
		not_ok "disk-full-$name" "the build succeeded although it could not fit"
	elif [ "$want" = msg ] && ! grep -q 'error: .*' "$tmp/full.txt"; then
		not_ok "disk-full-$name" "exit status $st but no error message:"
		show "$tmp/full.txt"
	elif ! same; then
		not_ok "disk-full-$name" "exit status $st and the output changed:"
		show "$tmp/diff.txt"
	else
		msg=$(grep -m 1 'error: ' "$tmp/full.txt" | sed 's/.*error: //')
		ok "disk-full-$name (status $st${msg:+: $msg})"
	fi
	if [ "$want" = msg ]; then
		# A failed build removes its own stage folder.
		if [ "$(stages)" -eq 0 ]; then
			ok "disk-full-$name-no-stage"
		else
			not_ok "disk-full-$name-no-stage" "the failed build left a stage folder:" \
			    "$(ls -A "$tmp/w" | tr '\n' ' ')"
		fi
	fi
	generation full
	if build && [ "$(stages)" -eq 0 ] && same; then
		ok "disk-full-$name-recovers"
	else
		not_ok "disk-full-$name-recovers" "the next build failed, left a stage folder or differs"
		show "$tmp/err.txt"
	fi
}
# 256 blocks: files up to 128 KiB (the search index, the kiosk page, the
# fonts and the PDFs are larger).  SIGXFSZ ignored, so write() fails with
# EFBIG and mamoru has to report it.
full_case fsize-efbig msg sh -c 'trap "" XFSZ; ulimit -f 256; exec "$0" build -q -C "$1" -o "$2"' \
    "$mamoru" "$site" "$out"
# The default SIGXFSZ kills the process, like a crash: no message, OUT kept.
full_case fsize-signal nomsg sh -c 'ulimit -f 256; exec "$0" build -q -C "$1" -o "$2"' \
    "$mamoru" "$site" "$out"

# A tmpfs with room for one output and a half: the old output fits, the
# stage of the next build does not (ENOSPC).  Needs the right to mount.
# The second build is a --clean one: an incremental build links the files
# that did not change to the old output and needs room only for the rest.
kb=$(du -sk "$out" | cut -f 1)
mkdir -p "$tmp/small"
if mount -t tmpfs -o "size=$((kb * 3 / 2))k" mamoru-crash "$tmp/small" 2> /dev/null; then
	small="$tmp/small"
	sout="$small/out"
	generation full
	if "$mamoru" build -q -C "$site" -o "$sout" 2> "$tmp/err.txt"; then
		rm -rf "$tmp/sref" && cp -a "$sout" "$tmp/sref"
		generation tmpfs
		"$mamoru" build -q --clean -C "$site" -o "$sout" > "$tmp/full.txt" 2>&1
		st=$?
		msg=$(grep -m 1 'error: ' "$tmp/full.txt" | sed 's/.*error: //')
		if [ "$st" -eq 0 ]; then
			not_ok disk-full-tmpfs "the build succeeded on a full file system"
		elif [ -z "$msg" ]; then
			not_ok disk-full-tmpfs "exit status $st but no error message:"
			show "$tmp/full.txt"
		elif ! diff -r "$tmp/sref" "$sout" > "$tmp/diff.txt" 2>&1; then
			not_ok disk-full-tmpfs "exit status $st and the output changed:"
			show "$tmp/diff.txt"
		else
			ok "disk-full-tmpfs (status $st: $msg)"
		fi
		if ls -A "$small" | grep -q '^\.out\.tmp-'; then
			not_ok disk-full-tmpfs-no-stage "the failed build left its stage folder on the full disk"
		else
			ok disk-full-tmpfs-no-stage
		fi
	else
		not_ok disk-full-tmpfs "the first build into a ${kb}k*1.5 tmpfs failed:"
		show "$tmp/err.txt"
	fi
	umount "$small" && small=""
else
	echo "ok - crash/disk-full-tmpfs # SKIP cannot mount a tmpfs (not root)"
fi

echo "# crash: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
