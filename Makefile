# mamoru -- Japanese security guidance for small businesses, as a website.
#
#   make          install missing Debian packages, build build/mamoru, write out/site
#   make test     build and run every test; the last line is "N passed, N failed"
#   make install  PREFIX=/usr/local DESTDIR=
#   make clean
#
# Everything the build needs is listed here; nothing is installed by hand.

VERSION   = 0.1.0
PREFIX   ?= /usr/local
DESTDIR  ?=
DATADIR   = $(PREFIX)/share/mamoru

CC       ?= cc
CFLAGS   ?= -O2 -g
WARN      = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
PKGS      = md4c yaml-0.1 icu-uc icu-i18n libxxhash fontconfig libmicrohttpd \
            libqrencode harfbuzz-subset
LIBDIR    = $(PREFIX)/lib/mamoru
CPPFLAGS += -D_XOPEN_SOURCE=700 -DMAMORU_VERSION='"$(VERSION)"' \
            -DMAMORU_DATADIR='"$(DATADIR)"' -DMAMORU_LIBDIR='"$(LIBDIR)"'
ALL_CFLAGS = -std=c11 -pthread $(WARN) $(CFLAGS) $(CPPFLAGS) -MMD -MP \
            $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libmicrohttpd: headers only; generator/serve.c opens it with dlopen().
# build/mamoru links only what every build needs; the heavy module the
# rest (and the tests both).
CORE_PKGS  = md4c yaml-0.1 libxxhash icu-uc icu-i18n
HEAVY_PKGS = icu-uc icu-i18n fontconfig libqrencode harfbuzz-subset
CORE_LIBS  = $(shell pkg-config --libs $(CORE_PKGS) 2>/dev/null) \
             -lmd4c-html -pthread
HEAVY_LIBS = $(shell pkg-config --libs $(HEAVY_PKGS) 2>/dev/null) -lhpdf
LIBS       = $(CORE_LIBS) $(HEAVY_LIBS)

# Debian packages: for building, and in addition for the tests.
DEB_BUILD = build-essential pkg-config libmd4c-dev libmd4c-html0-dev \
            libyaml-dev libicu-dev libxxhash-dev fonts-morisawa-bizud-gothic \
            clang-14 lld-14 libfontconfig-dev libmicrohttpd-dev \
            libhpdf-dev libqrencode-dev libharfbuzz-dev
DEB_TEST  = libcjson-dev valgrind chromium nodejs ca-certificates \
            poppler-utils qpdf zbar-tools

# The search core: freestanding files shared by the generator and the wasm.
SEARCH_WASM_SRCS = generator/search/norm.c generator/search/tokenize.c \
                   generator/search/query.c generator/search/snippet.c \
                   generator/search/dump.c

# The heavy module (generator/heavy.h): the print packs' typesetter, fonts
# and PDFs (docs/print.md), and fontconfig -- build/mamoru-heavy.so,
# opened only by builds that need it.
HEAVY_SRCS = generator/print/typeset.c generator/print/kinsoku.c \
             generator/print/fonts.c generator/print/subset.c \
             generator/print/blocks.c generator/print/inline.c \
             generator/print/flow.c generator/print/table.c \
             generator/print/dlist.c generator/print/pdf.c \
             generator/print/chart_pdf.c generator/print/qr.c \
             generator/print/handout.c generator/print/sheet.c \
             generator/print/poster.c generator/print/packs.c \
             generator/print/tate.c generator/print/karuta_pdf.c \
             generator/text/font_fc.c generator/heavy_api.c

# The generator, stage by stage (see ARCHITECTURE.md).
CORE_SRCS = generator/core/buf.c generator/core/arena.c generator/core/diag.c \
            generator/core/utf8.c generator/core/fs.c generator/core/hash.c \
            generator/core/date.c
LIB_SRCS  = $(CORE_SRCS) \
            generator/text/text.c generator/text/font.c \
            generator/load/source.c generator/load/schema.c \
            generator/markdown/md_html.c \
            generator/template/value.c \
            generator/template/mu_compile.c generator/template/mu_render.c \
            generator/score/score.c \
            generator/model/load.c generator/model/link.c generator/model/calc.c \
            generator/model/facts.c generator/model/glossary.c \
            generator/model/karuta.c generator/model/lint.c \
            generator/chart/chart.c generator/chart/chart_layout.c \
            generator/chart/chart_svg.c \
            $(SEARCH_WASM_SRCS) generator/search/table_build.c \
            generator/search/index_build.c \
            generator/render/templates.c generator/render/assets.c \
            generator/render/html.c generator/render/search_page.c \
            generator/render/kiosk.c generator/render/kiosk_html.c generator/render/kiosk_files.c \
            generator/print/print.c \
            generator/build.c generator/build_cache.c generator/new.c \
            generator/serve.c generator/heavy.c
MAIN_SRCS = generator/main.c

CORE_OBJS  = $(LIB_SRCS:%.c=build/obj/%.o)
HEAVY_OBJS = $(HEAVY_SRCS:%.c=build/obj/%.o)
HEAVY_PIC  = $(HEAVY_SRCS:%.c=build/pic/%.o)
# Programs that are not build/mamoru (the tests) link everything.
LIB_OBJS  = $(CORE_OBJS) $(HEAVY_OBJS)
MAIN_OBJS = $(MAIN_SRCS:%.c=build/obj/%.o)

# Unit tests: one program each, linked with the generator's objects.
UNIT_TESTS = build/tests/test_template build/tests/test_md_diff \
             build/tests/test_units build/tests/test_score build/tests/test_chart \
             build/tests/test_search build/tests/test_kiosk

.PHONY: all site deps deps-test _npm-deb test install uninstall clean
.SECONDARY:
all: site

# --- Debian packages ---------------------------------------------------------
# Install what is missing with apt-get (as root, or through sudo); if neither
# is possible, print the exact command and stop.
define need_debs
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  cmd="apt-get install -y --no-install-recommends$$missing"; \
	  echo "mamoru: installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo"; \
	  else echo "mamoru: missing Debian packages. Run as root:"; \
	       echo "  apt-get update && $$cmd"; exit 1; fi; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive $$cmd >/dev/null || exit 1; \
	fi
endef

# npm packages (package-lock.json): the QR code library of the calculator
# pages, and the browser test tools.  Debian's npm is installed if there is
# no npm at all.
deps:
	$(call need_debs,$(DEB_BUILD))
	@command -v npm >/dev/null || { echo "mamoru: npm is missing"; \
	  $(MAKE) --no-print-directory _npm-deb; }
	@[ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] \
	  && [ -d node_modules/qrcode-generator ] \
	  && [ node_modules/.package-lock.json -nt package-lock.json ] \
	  || npm ci --no-audit --no-fund --loglevel=error

deps-test: deps
	$(call need_debs,$(DEB_TEST))

_npm-deb:
	$(call need_debs,npm)

# --- the generator -----------------------------------------------------------
# -rdynamic: the heavy module calls back into the program.
build/mamoru: $(CORE_OBJS) $(MAIN_OBJS) | build/mamoru-heavy.so
	$(CC) $(CFLAGS) -rdynamic -o $@ $^ $(CORE_LIBS)

build/mamoru-heavy.so: $(HEAVY_PIC)
	$(CC) $(CFLAGS) -shared -o $@ $^ $(HEAVY_LIBS)

build/obj/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/pic/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fPIC -c -o $@ $<

# The scoring core as WebAssembly (docs/calculators.md): freestanding C, no
# libc, built with Debian's clang-14 and lld-14.
WASM_CC    = clang-14
WASM_BASE  = --target=wasm32 -std=c11 $(WARN) -O2 -ffreestanding -fno-builtin \
             -nostdlib -Wl,--no-entry -Wl,--strip-all
WASM_FLAGS = $(WASM_BASE) \
             -Wl,--export=score_eval -Wl,--export=score_validate \
             -Wl,--export=score_out_len -Wl,--export=score_arena

build/score.wasm: generator/score/score.c generator/score/score.h | deps
	@mkdir -p build
	$(WASM_CC) $(WASM_FLAGS) -o $@ generator/score/score.c

# The search core (docs/search.md): the query side of the same tokeniser
# the generator indexes with.
SEARCH_EXPORTS = __heap_base search_open search_work_size search_query \
                 search_doc_get search_index_table search_index_size \
                 search_hit_size search_tokens_dump search_result_dump
build/search.wasm: $(SEARCH_WASM_SRCS) generator/search/search.h \
                   generator/search/search_int.h | deps
	@mkdir -p build
	$(WASM_CC) $(WASM_BASE) $(SEARCH_EXPORTS:%=-Wl,--export=%) -o $@ \
	  $(SEARCH_WASM_SRCS)

# The site of this repository's content/, into out/site.
site: deps build/mamoru build/score.wasm build/search.wasm
	build/mamoru build -o out

# --- tests -------------------------------------------------------------------
TEST_LIBS = $(LIBS) -lcjson

build/tests/%: tests/unit/%.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(TEST_LIBS)

# The same sources again with AddressSanitizer and UndefinedBehaviorSanitizer,
# in their own folder; tests/sanitize.sh runs the tests and builds with them.
SAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
            -fno-sanitize-recover=all
SAN_OBJS  = $(LIB_SRCS:%.c=build/san/obj/%.o) \
            $(HEAVY_SRCS:%.c=build/san/obj/%.o)

build/san/obj/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

build/san/mamoru: $(SAN_OBJS) build/san/obj/generator/main.o
	$(CC) $(SAN_FLAGS) -o $@ $^ $(LIBS)

build/san/tests/%: tests/unit/%.c $(SAN_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $^ $(TEST_LIBS)

SAN_TESTS = build/san/mamoru $(UNIT_TESTS:build/tests/%=build/san/tests/%)

build/tests/print_main: tests/print/print_main.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

# The fuzz targets' replay programs (tests/fuzz/run.sh): each target's
# LLVMFuzzerTestOneInput() with tests/fuzz/replay.c instead of libFuzzer,
# plainly and under the sanitizers, to replay the seed corpora and the
# regression files in make test.
FUZZ_TARGETS = yaml markdown mustache calc karuta search
FUZZ_REPLAYS = $(FUZZ_TARGETS:%=build/tests/replay_%) \
               $(FUZZ_TARGETS:%=build/san/tests/replay_%)
FUZZ_HARNESS = tests/fuzz/replay.o tests/fuzz/fuzz_common.o
# The stages they reach: load and model (no print packs, no site writing;
# of render/ only the template loader).
FUZZ_SRCS    = $(filter-out generator/print/% generator/render/% \
                 generator/build%.c generator/new.c generator/serve.c, \
                 $(LIB_SRCS)) generator/render/templates.c

build/tests/replay_%: build/obj/tests/fuzz/fuzz_%.o \
                      $(FUZZ_HARNESS:%=build/obj/%) \
                      $(FUZZ_SRCS:%.c=build/obj/%.o)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

build/san/tests/replay_%: build/san/obj/tests/fuzz/fuzz_%.o \
                          $(FUZZ_HARNESS:%=build/san/obj/%) \
                          $(FUZZ_SRCS:%.c=build/san/obj/%.o)
	@mkdir -p $(dir $@)
	$(CC) $(SAN_FLAGS) -o $@ $^ $(LIBS)

test: deps-test build/mamoru build/score.wasm build/search.wasm $(UNIT_TESTS) \
      $(SAN_TESTS) build/tests/print_main $(FUZZ_REPLAYS)
	@tests/run.sh

# --- fuzzing (docs/development.md) -------------------------------------------
# make fuzz [FUZZ_SECONDS=N] [FUZZ_TARGETS="yaml calc"]: build each target
# with clang-14's libFuzzer, ASan and UBSan into build/fuzz/, run it for N
# seconds on a copy of its seed corpus (build/fuzz/corpus/NAME), and print
# the runs, coverage and findings of each.  Fails if any target crashed.
FUZZ_SECONDS ?= 60
FUZZ_CC       = clang-14
FUZZ_FLAGS    = -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_OBJS     = $(FUZZ_SRCS:%.c=build/fuzz/obj/%.o)

.PHONY: fuzz fuzz-deps
fuzz-deps:
	$(call need_debs,clang-14 libclang-rt-14-dev)

build/fuzz/obj/%.o: %.c | deps fuzz-deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_FLAGS) \
	  -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

build/fuzz/fuzz_%: build/fuzz/obj/tests/fuzz/fuzz_%.o \
                   build/fuzz/obj/tests/fuzz/fuzz_common.o $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined -o $@ $^ \
	  $(LIBS)

fuzz: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	@tests/fuzz/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# --- benchmark (docs/bench.md) -----------------------------------------------
# make bench [BENCH_PAGES=N]: mamoru against Debian's Hugo on an N-page
# Japanese corpus, with rebuild, PDF and search-index figures; the report
# goes to build/bench/.  A benchmark, never part of make test.
BENCH_PAGES ?= 10000
DEB_BENCH    = hugo time poppler-utils

.PHONY: bench
bench: deps build/mamoru build/score.wasm build/search.wasm
	$(call need_debs,$(DEB_BENCH))
	node tests/bench/bench.mjs --pages $(BENCH_PAGES)

# --- install -----------------------------------------------------------------
install: build/mamoru build/mamoru-heavy.so build/score.wasm build/search.wasm
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/vendor \
	  $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(LIBDIR)
	install -m 755 build/mamoru $(DESTDIR)$(PREFIX)/bin/mamoru
	install -m 644 build/mamoru-heavy.so $(DESTDIR)$(LIBDIR)/mamoru-heavy.so
	cp -R templates assets $(DESTDIR)$(DATADIR)/
	install -m 644 build/score.wasm $(DESTDIR)$(DATADIR)/score.wasm
	install -m 644 build/search.wasm $(DESTDIR)$(DATADIR)/search.wasm
	install -m 644 node_modules/qrcode-generator/dist/qrcode.js \
	  $(DESTDIR)$(DATADIR)/vendor/qrcode.js
	install -m 644 docs/mamoru.1 $(DESTDIR)$(PREFIX)/share/man/man1/mamoru.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/mamoru $(DESTDIR)$(PREFIX)/share/man/man1/mamoru.1
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(LIBDIR)

clean:
	rm -rf build out .out.tmp-*

-include $(LIB_OBJS:.o=.d) $(MAIN_OBJS:.o=.d) $(SAN_OBJS:.o=.d) \
         $(HEAVY_PIC:.o=.d) \
         $(FUZZ_OBJS:.o=.d) $(wildcard build/*/obj/tests/fuzz/*.d \
         build/obj/tests/fuzz/*.d)
