/* fuzz.h - what the fuzz harnesses share (tests/fuzz/README.md).
 *
 * Each harness defines LLVMFuzzerTestOneInput(); it is linked either with
 * libFuzzer (./configure --enable-fuzzing, clang) or with replay.c, a
 * plain driver that feeds it every file named on its command line, so
 * that `make check` replays the seed corpus and every crash ever found
 * without libFuzzer. */
#ifndef HERALD_FUZZ_H
#define HERALD_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <herald/herald.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The registry of the build tree's plugins ($HERALD_PLUGIN_PATH, else
 * the build tree), loaded once: loading is not thread-safe and costs far
 * more than one input. */
herald_registry *fuzz_registry(void);

/* A pipeline from a chain string, made once per chain (the harness
 * keeps the pointer); aborts when the chain is refused, since that is
 * a broken build, not a finding. */
herald_pipeline *fuzz_pipeline(const char *chain);

/* Where writers write: /dev/null, opened once. */
FILE *fuzz_sink(void);

/* Read bytes through pipe into a document (NULL when refused, which is
 * fine: refusing bad input is what readers should do), as a file named
 * "fuzz.txt"; fuzz_read_as names it (the bulletin reader reads a ".md"
 * file as Markdown).  The bytes are copied and handed over as the
 * command hands a file's (herald_pipeline_read_buffer), so a reader that
 * reads in place does so here too. */
herald_doc *fuzz_read(herald_pipeline *pipe, const uint8_t *data, size_t size);
herald_doc *fuzz_read_as(herald_pipeline *pipe, const char *name,
                         const uint8_t *data, size_t size);

/* fuzz_read, then the pipeline's writer on what was read (to the sink):
 * a model a reader builds must also be one a writer can walk. */
void fuzz_read_write(herald_pipeline *pipe, const uint8_t *data, size_t size);
void fuzz_read_write_as(herald_pipeline *pipe, const char *name,
                        const uint8_t *data, size_t size);

#endif
