/*
 * fuzz.h — the entry point every fuzz target defines (libFuzzer's).
 * Built with -Dfuzz=true under clang, each target links libFuzzer; in the
 * ordinary build each links replay.c instead, which feeds it every file of
 * its corpus, so crashes found once stay fixed (meson test --suite fuzz).
 */
#ifndef DESCENT_FUZZ_H
#define DESCENT_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of the input (caller frees), or NULL when out of memory. */
char *fuzz_string(const uint8_t *data, size_t size);

/* Writes the input to a new file under /tmp named after tag; its path goes
 * to dest (at least 64 bytes).  False when the file cannot be made.  The
 * caller unlinks it. */
bool fuzz_temp_file(const uint8_t *data, size_t size, const char *tag, char *dest);

#endif
