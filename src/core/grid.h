/*
 * grid.h — a landscape sampled on a regular grid over a view rectangle.
 *
 * Cell (i, j), i the column and j the row, is the value at the cell centre
 *   x = xmin + (i + 0.5) (xmax - xmin) / width,
 *   y = ymin + (j + 0.5) (ymax - ymin) / height,
 * stored row-major at dest[j * width + i] (row 0 is ymin), computed in
 * double and stored as float for the GPU.  Rows are split across threads.
 * Non-finite values are stored as they are; the caller decides their colour.
 */
#ifndef DESCENT_CORE_GRID_H
#define DESCENT_CORE_GRID_H

#include <stddef.h>

#include "landscape.h"

typedef struct GridStats {
    float min, max;      /* over finite cells; min > max when none is */
    size_t nonfinite;    /* cells that were NaN or infinite */
} GridStats;

/* Fills dest (width * height floats, caller-owned) and returns its stats.
 * threads <= 1 runs on the calling thread. */
GridStats grid_sample(const Landscape *landscape, ViewRect view, int width, int height,
                      float *dest, int threads);

#endif
