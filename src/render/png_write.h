/*
 * png_write.h — saves RGBA pixels as a PNG file (libpng).
 *
 * The file is written under a unique hidden name beside its final one
 * (aside_file.h) and renamed when complete, so a PNG under that name is
 * never half-written, and two writers of the same name each leave a whole
 * PNG (the last rename wins).  Output is the same
 * bytes for the same pixels (no time stamp, fixed compression).
 */
#ifndef DESCENT_RENDER_PNG_WRITE_H
#define DESCENT_RENDER_PNG_WRITE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

/* pixels: width * height RGBA8, top row first.  Errors name the path and
 * the system's reason (cannot create, disk full, cannot rename). */
bool png_write_rgba(const char *path, int width, int height, const uint8_t *pixels,
                    DescentError *err);

#endif
