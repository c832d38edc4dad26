/*
 * data_dir.h — where the files descent ships (shaders/, assets/, lessons/)
 * are found at run time (docs/ARCHITECTURE.md §5):
 *   1. $DESCENT_DATA_DIR, when set (an error if it lacks shaders/);
 *   2. the source tree the program was built from, when it still exists
 *      (running from a checkout's build directory);
 *   3. the installed data dir (meson install).
 */
#ifndef DESCENT_CORE_DATA_DIR_H
#define DESCENT_CORE_DATA_DIR_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* Returns the data directory (static storage, no trailing slash), or NULL
 * with err filled when none of the places holds a shaders/ folder. */
const char *data_dir(DescentError *err);

/* Joins the data dir and a relative path ("shaders/heatmap.frag.glsl")
 * into dest.  False (err filled) when there is no data dir or the result
 * does not fit. */
bool data_path(const char *relative, char *dest, size_t size, DescentError *err);

/* Reads the data dir's text file relative whole, as a new NUL-terminated
 * string the caller frees; its full path goes to path (path_size bytes).
 * NULL with err set ("cannot read WHAT PATH: reason", what naming the kind
 * of file, "shader") when there is no data dir, the file cannot be read,
 * holds more than max bytes, or memory runs out. */
char *data_read_text(const char *relative, const char *what, size_t max, char *path,
                     size_t path_size, DescentError *err);

#endif
