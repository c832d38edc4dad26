/*
 * cloud.h — a large particle cloud drawn as a density image: particles are
 * counted into screen cells of a few pixels, each cell's count becomes an
 * opacity (1 − (1 − a)^count: one particle faint, a crowd solid), and one
 * textured quad in the cloud's colour covers the frame.  100,000 discs
 * would be millions of triangles for a software rasteriser; this is one
 * quad and a small texture upload, and it shows where the cloud is dense,
 * which single dots stacked on each other do not.  Internal to src/render.
 */
#ifndef DESCENT_RENDER_CLOUD_H
#define DESCENT_RENDER_CLOUD_H

#include <stdbool.h>
#include <stdint.h>

#include <epoxy/gl.h>

#include "core/error.h"

typedef struct Cloud {
    GLuint texture;         /* one channel, read as the alpha of white */
    uint8_t *cells;         /* slices of columns * rows counts (saturating at 255) */
    int columns, rows, slices;
    double cell;            /* cell size in pixels */
    int used[4];            /* the cells counted in: first column and row, last + 1 (empty: none) */
    uint8_t opacity[256];   /* count -> opacity, 0..255 */
} Cloud;

/* Creates the texture (a GL failure shows in the caller's GL error checks). */
void cloud_init(Cloud *cloud);
void cloud_release(Cloud *cloud);

/* Starts a frame of width x height pixels with cells of cell pixels,
 * all counts zero, in slices separate counts (one per thread counting at
 * once).  False when out of memory (the cloud is then skipped). */
bool cloud_begin(Cloud *cloud, int width, int height, double cell, int slices);
/* Particles are counted CLOUD_BATCH at a time, a fixed count so that the
 * loops over them vectorise. */
#define CLOUD_BATCH 256

/* Counts CLOUD_BATCH particles at pixels (x[i], y[i]) in slice (0 <= slice
 * < slices); one outside the frame, or NaN, is ignored.  Threads may count
 * into different slices at once. */
void cloud_add(Cloud *cloud, int slice, const double *x, const double *y);
/* Adds the slices up (saturating at 255: the same counts as one slice
 * would hold), turns the counts into opacities and uploads them to the
 * texture; draw it over the frame with the colour as the tint. */
void cloud_upload(Cloud *cloud);
/* The pixels (x0, y0, x1, y1: the frame's, y down) outside which the
 * uploaded image is clear, its linear filter's reach included: drawn
 * only there (a scissor), the frame gets the same bytes, and a software
 * rasteriser does not blend a whole frame of nothing (at 1920x1080, 2
 * million texture reads and blends that cost llvmpipe about as much CPU
 * as counting a million particles).  False when no cell has a particle. */
bool cloud_drawn_box(const Cloud *cloud, int box[4]);

#endif
