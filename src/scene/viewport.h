/*
 * viewport.h — how a view rectangle of the plane maps onto a pixel area.
 *
 * The landscape is always drawn with equal scales on both axes (so gradient
 * arrows stand at right angles to the contours): the requested view is
 * widened along one axis until its aspect ratio matches the pixel area's,
 * keeping its centre.  Pixel coordinates are the frame's: origin at its
 * top-left corner, x to the right and y down (as SDL's mouse and
 * glReadPixels after flipping), and pixel (i, j) covers [i, i+1) x [j, j+1);
 * the pixel area may be any rectangle of the frame (the renderer's is the
 * one the HUD's panels leave free: layout.h).
 */
#ifndef DESCENT_SCENE_VIEWPORT_H
#define DESCENT_SCENE_VIEWPORT_H

#include "core/landscape.h"

typedef struct Viewport {
    ViewRect world;        /* the part of the plane that is visible */
    double x, y;           /* the pixel area's top-left corner in the frame */
    double width, height;  /* the pixel area it fills */
} Viewport;

/* The visible rectangle for view on the width x height pixel area whose
 * top-left corner is at frame pixel (x, y). */
Viewport viewport_fit_at(ViewRect view, double x, double y, double width, double height);

/* The same for an area at the frame's top-left corner. */
Viewport viewport_fit(ViewRect view, double width, double height);

/* Plane point (x, y) -> pixel position (px, py).  Inline, so a loop over
 * many points (a particle cloud's) vectorises. */
static inline void viewport_to_pixel(const Viewport *v, double x, double y, double *px,
                                     double *py)
{
    *px = v->x + (x - v->world.xmin) / (v->world.xmax - v->world.xmin) * v->width;
    *py = v->y + (v->world.ymax - y) / (v->world.ymax - v->world.ymin) * v->height;
}

/* Pixel position (px, py) -> plane point (x, y). */
void viewport_to_world(const Viewport *viewport, double px, double py, double *x, double *y);

/* Plane units per pixel (the same on both axes). */
double viewport_units_per_pixel(const Viewport *viewport);

#endif
