/*
 * fuzz.h -- what the fuzz targets of tests/fuzz/ share.
 *
 * Each fuzz_NAME.c defines LLVMFuzzerTestOneInput().  Linked with
 * -fsanitize=fuzzer it is a libFuzzer binary (build/fuzz/fuzz_NAME, made
 * by `make fuzz`); linked with replay.c it replays files through the same
 * function (build/tests/replay_NAME and build/san/tests/replay_NAME, run
 * by tests/fuzz/run.sh in `make test`).  See docs/development.md.
 *
 * A target must treat every input the same way on every call: state kept
 * between calls (an ICU collator, a loaded fixture) is set up once and
 * never changed by an input.
 */
#ifndef MAMORU_FUZZ_H
#define MAMORU_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "../../generator/model/site.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Print and forget the diagnostics collected so far (alternately as text
 * and as JSON, into memory, so both formats see every message).  With
 * MAMORU_FUZZ_DIAG set in the environment they are shown on stderr too,
 * for reading a reproducer.
 */
void	fuzz_diag_drain(void);

/*
 * The fixture site (tests/fuzz/site, or $MAMORU_FUZZ_SITE), copied once per
 * process into a fresh temporary folder that is removed at exit.  Returns
 * the copy's folder.  The program stops if the fixture cannot be copied.
 */
const char *fuzz_site_dir(void);

/*
 * Write data as the file `rel` (content-relative, e.g.
 * "calculators/shindan.md") of the fixture copy, then load and link the
 * whole site as `mamoru check` does, drain the diagnostics and free
 * everything.  `inspect`, if not NULL, sees the linked site before it is
 * freed.
 */
void	fuzz_site_run(const char *rel, const uint8_t *data, size_t size,
	    void (*inspect)(struct site *));

#endif
