/*
 * fuzz.h - what the fuzz harnesses share: libFuzzer's entry point and a
 * scratch file holding the input, for the readers that take a path (as
 * the commands give them one).
 */
#ifndef FRAGSIM_FUZZ_H
#define FRAGSIM_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Write data to this process's scratch file number slot (0 or 1) and
 * return its path; the file is rewritten for every input and removed at
 * exit.  Aborts if it cannot be written: that is the harness failing,
 * not the reader.
 */
const char *fuzz_file(int slot, const uint8_t *data, size_t size);

#endif
