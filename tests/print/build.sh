#!/bin/sh
# build.sh -- build the print backend (generator/print/) and its test
# driver, build/print/print_main, against the objects of `make build/mamoru`.
#
# Until the Makefile lists generator/print/ (see docs/print.md), this is how
# the packs are built: the generator's library objects are taken from the
# Makefile's LIB_SRCS as it stands, the print sources are compiled here with
# the project's warnings, and everything is linked with libharu,
# libqrencode, fontconfig and HarfBuzz's subsetter.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
CC=${CC:-cc}
out=build/print
mkdir -p "$out/obj"

make -s build/mamoru >/dev/null
lib_srcs=$(make -s --no-print-directory \
	--eval='print-lib-srcs: ; @echo $(LIB_SRCS)' print-lib-srcs)
version=$(make -s --no-print-directory \
	--eval='print-version: ; @echo $(VERSION)' print-version)

PKGS="md4c yaml-0.1 icu-uc icu-i18n libxxhash libqrencode fontconfig \
	harfbuzz-subset"
WARN="-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes"
CFLAGS=${CFLAGS:--O2 -g}
# shellcheck disable=SC2086
cflags="-std=c11 $WARN $CFLAGS -D_XOPEN_SOURCE=700 \
	-DMAMORU_VERSION=\"$version\" $(pkg-config --cflags $PKGS)"
# shellcheck disable=SC2086
libs="$(pkg-config --libs $PKGS) -lmd4c-html -lhpdf"

objs=""
for src in $lib_srcs; do
	objs="$objs build/obj/${src%.c}.o"
done
for src in generator/print/*.c tests/print/print_main.c; do
	o="$out/obj/$(basename "${src%.c}").o"
	# shellcheck disable=SC2086
	$CC $cflags -c -o "$o" "$src"
	objs="$objs $o"
done
# shellcheck disable=SC2086
$CC $CFLAGS -o "$out/print_main" $objs $libs
echo "$out/print_main"
