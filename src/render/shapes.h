/*
 * shapes.h — a batch of anti-aliased 2D shapes in pixel coordinates
 * (origin top-left), drawn in one call: thick segments with round ends,
 * lines of them joined without overlap, discs, rings and solid rectangles.  Internal to src/render.
 *
 * Colours are straight RGBA in 0..1.  Widths are in pixels.
 */
#ifndef DESCENT_RENDER_SHAPES_H
#define DESCENT_RENDER_SHAPES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

typedef struct Shapes Shapes;

typedef struct Rgba {
    float r, g, b, a;
} Rgba;

/* Errors: the shader does not load. */
Shapes *shapes_create(DescentError *err);
void shapes_destroy(Shapes *shapes);

/* A segment from (ax, ay) to (bx, by), width 2 * half_width, round ends. */
void shapes_segment(Shapes *shapes, double ax, double ay, double bx, double by,
                    double half_width, Rgba color);
void shapes_disc(Shapes *shapes, double x, double y, double radius, Rgba color);
/* A circle of radius drawn with a line of width 2 * half_width. */
void shapes_ring(Shapes *shapes, double x, double y, double radius, double half_width,
                 Rgba color);
void shapes_rect(Shapes *shapes, double x, double y, double w, double h, Rgba color);
/* The filled triangle with corners a, b, c (edges unsmoothed, as a rect's). */
void shapes_triangle(Shapes *shapes, const double a[2], const double b[2], const double c[2],
                     Rgba color);
/* An arrow from (ax, ay) to its tip (bx, by). */
void shapes_arrow(Shapes *shapes, double ax, double ay, double bx, double by,
                  double half_width, double head, Rgba color);

/* A path drawn piece by piece so that no pixel is drawn twice where two
 * pieces meet: a piece that starts where the last one ended, as wide,
 * turning from it by at most a right angle, meets it on the bisector of
 * their angle (a mitre), each side's pixels measured from its own line;
 * any other piece ends round, as shapes_segment's.  Overlapping round
 * ends of a see-through path read as beads along it (issue 18: a trail
 * of joined points).  Zero-initialise; the last piece is added by the
 * next one or by shapes_line_end, which must come before any other
 * shape. */
typedef struct ShapesLine {
    bool pending;    /* a piece waits for what follows it */
    bool joined;     /* the piece's start meets the one before it */
    double x[3], y[3]; /* the point before the piece (if joined), its start, its end */
    double half_width;
    Rgba color;
} ShapesLine;

void shapes_line_piece(Shapes *shapes, ShapesLine *line, double ax, double ay, double bx,
                       double by, double half_width, Rgba color);
void shapes_line_end(Shapes *shapes, ShapesLine *line);

/* Draws everything added since the last flush onto the bound framebuffer
 * of width x height pixels, then empties the batch. */
void shapes_flush(Shapes *shapes, int width, int height);

/* A place in the batch: shapes added later can be drawn as if added there
 * (shapes_move_back), for a layer that can be made only once what is
 * drawn over it is known. */
typedef struct ShapesMark {
    size_t flushes, count;
} ShapesMark;

ShapesMark shapes_mark(const Shapes *shapes);
/* Moves the shapes added since mark `since` back to mark `at` (an earlier
 * one), under those added between; false, leaving them over those, where
 * the batch was flushed after `at`. */
bool shapes_move_back(Shapes *shapes, ShapesMark at, ShapesMark since);

#endif
