#!/bin/sh
# build.sh -- build the search core by hand, the way the Makefile will:
#
#   tests/search/build.sh [OUT]     (OUT defaults to build; run from the root)
#
#   OUT/search.wasm          the freestanding core for the browser (clang-14)
#   OUT/tests/test_search    the unit test, linked with the core natively
#
# Each command below is meant to become one Makefile rule; see
# docs/search.md, "Building".
set -eu
out=${1:-build}
CC=${CC:-cc}
WARN="-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes"
CFLAGS="-std=c11 $WARN -O2 -g -D_XOPEN_SOURCE=700"
PKGS="icu-uc libxxhash"

# The files that go into the wasm: freestanding, <stdint.h> only.
WASM_SRCS="generator/search/norm.c generator/search/tokenize.c
           generator/search/query.c generator/search/snippet.c
           generator/search/dump.c"
# The generator side (ICU, buf): search_table_build, search_index_build.
HOST_SRCS="generator/search/table_build.c generator/search/index_build.c"
CORE_SRCS="generator/core/buf.c generator/core/arena.c generator/core/utf8.c
           generator/core/hash.c"

mkdir -p "$out/tests" "$out/obj/search"

# Native: the same sources as the generator would compile them.
objs=""
for src in $WASM_SRCS $HOST_SRCS $CORE_SRCS; do
	obj="$out/obj/search/$(basename "$src" .c).o"
	# shellcheck disable=SC2046
	$CC $CFLAGS $(pkg-config --cflags $PKGS) -c -o "$obj" "$src"
	objs="$objs $obj"
done
# shellcheck disable=SC2046,SC2086
$CC $CFLAGS -o "$out/tests/test_search" tests/unit/test_search.c $objs \
	$(pkg-config --libs $PKGS)

# WebAssembly: the freestanding files only, exactly as score.wasm is built.
exports=""
for f in search_open search_work_size search_query search_doc_get \
	search_index_table search_index_size search_hit_size \
	search_tokens_dump search_result_dump __heap_base; do
	exports="$exports -Wl,--export=$f"
done
# shellcheck disable=SC2086
clang-14 --target=wasm32 -std=c11 $WARN -O2 -ffreestanding -fno-builtin \
	-nostdlib -Wl,--no-entry -Wl,--strip-all $exports \
	-o "$out/search.wasm" $WASM_SRCS
