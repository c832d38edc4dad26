/*
 * draw.h — the drawing primitives every part of the renderer draws with:
 * the frame's text queue, run colours, the mapping from plane to pixels,
 * clipping, panels and labels on the landscape.  Internal to src/render.
 *
 * These sit under the parts (hud.c, world.c, dynamics.c, formula.c,
 * changes.c, data_view.c, expr_field_view.c) and above the GL units
 * (shapes.h, text.h, heatmap.h, surface.h): a part calls down into them,
 * they never call a part or renderer.c (docs/ARCHITECTURE.md §1.1).
 *
 * Everything here reads the frame render_frame set up on the Renderer
 * (size, scale, theme, run colours, 2D or 3D) and draws into the bound
 * framebuffer; text and shapes are queued and drawn by render_flush.
 */
#ifndef DESCENT_RENDER_DRAW_H
#define DESCENT_RENDER_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include <epoxy/gl.h>

#include "core/error.h"
#include "layout.h"
#include "render.h"
#include "scene/viewport.h"
#include "shapes.h"

typedef enum TextAlign { ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTER } TextAlign;

/* The text pipeline's GL objects (the image program); draw_release frees
 * them and the queue.  Errors: the image shader does not load. */
bool draw_init(Renderer *r, DescentError *err);
void draw_release(Renderer *r);

/* Queues utf8 at (x, y) (top edge; x per align) in px-pixel text; returns
 * its width.  Drawn at the next render_flush. */
double render_text(Renderer *r, const char *utf8, double x, double y, int px, TextAlign align,
                   Rgba color);
/* Width of utf8 at px pixels, without drawing it (the width render_text
 * draws it at). */
double render_text_width(Renderer *r, const char *utf8, int px);
/* Line height at px pixels. */
double render_line_height(Renderer *r, int px);
/* Draws texture (top row first) over the pixel rectangle (x, y, w, h) now,
 * tinted by tint, with the text's program: under whatever is queued. */
void render_image_now(Renderer *r, GLuint texture, double x, double y, double w, double h,
                      Rgba tint);
/* Draws queued shapes, then queued text. */
void render_flush(Renderer *r);

/* Text sizes in pixels at the current scale. */
int render_font_px(const Renderer *r, double base);

/* A HUD panel's background over rect. */
void render_panel(Renderer *r, LayoutRect rect);

/* Whether rect overlaps a panel of the frame's layout. */
bool render_on_panel(const Renderer *r, LayoutRect rect);

/* A label on a small panel on the landscape: text at (x, y) (top left) in
 * px-pixel text, its panel RENDER_LABEL_PAD pixels (times scale) wider
 * each side, moved
 * down (then up) by whole label heights until it overlaps no label placed
 * before it in this frame; returns where its panel went.  Labels of runs
 * at one place stack instead of overprinting. */
LayoutRect render_label(Renderer *r, const char *text, double x, double y, int px, Rgba color);

/* The same label with its panel at box (its text RENDER_LABEL_PAD in
 * from the left), not moved: labels placed after it keep clear of it. */
void render_label_at(Renderer *r, const char *text, LayoutRect box, int px, Rgba color);

/* Keeps rect clear of the labels placed after it in this frame, as an
 * earlier label is: a run's head (world.c, net_view.c), so no label is
 * drawn over one. */
void render_keep_clear(Renderer *r, LayoutRect rect);

/* render_keep_clear, and rect is one of the frame's marks, which the next
 * two frames' notice keeps off (Renderer.marks, layout_place_over_map): a
 * label (render_label_at), a minimum's ring (world.c). */
void render_keep_shown(Renderer *r, LayoutRect rect);

/* Pulls pixel (px, py) inside vp's pixel area (the map) by inset; true
 * when it moved. */
bool render_clamp_to_map(const Viewport *vp, double inset, double *px, double *py);

/* Where plane point (x, y) is drawn in the frame: through vp in 2D, on
 * the surface in 3D.  False when it is off the box or the surface hides
 * it (3D): paths and particles break off there, markers (heads, minima)
 * are drawn faint. */
bool render_to_pixel(const Renderer *r, const Viewport *vp, double x, double y, double *px,
                     double *py);
/* The unit direction on screen of plane direction (dx, dy) at plane
 * point (x, y): (dx, -dy) normalised in 2D, along the surface in 3D.
 * False when there is none: (0, 0), or in 3D a point hidden, off the box
 * or a direction seen end on. */
bool render_direction(const Renderer *r, const Viewport *vp, double x, double y, double dx,
                      double dy, double *ux, double *uy);
/* Changes whenever render_to_pixel would give other positions for the
 * same vp (the 3D camera or mesh); 0 in 2D. */
unsigned render_projection(const Renderer *r);

/* Clips the segment (x0, y0)-(x1, y1) to box {xmin, ymin, xmax, ymax}
 * (Liang–Barsky); false when nothing of it is inside. */
bool clip_segment(const double box[4], double *x0, double *y0, double *x1, double *y1);

/* The segment (x0, y0)-(x1, y1) dashed (dash, gap and the line's half
 * width in pixels), each dash on a casing. */
void render_dashed(Renderer *r, double x0, double y0, double x1, double y1, double dash,
                   double gap, double half, Rgba color);

/* A data sample at (x, y) in color, a disc or (hollow) a ring of radius
 * times the frame's scale, outlined as its theme outlines samples
 * (theme_sample_bands). */
void render_sample(Renderer *r, double x, double y, double radius, Rgba color, bool hollow);

/* Sets the frame's run colours: the theme's palette at each run's place
 * (SceneRun.color), or for a sweep its scale from the first value to the
 * last (scene NULL: the palette in order). */
void render_set_run_colors(Renderer *r, const Scene *scene);
/* Run i's colour in the frame being drawn, with alpha a. */
Rgba render_run_color(const Renderer *r, size_t i, float a);
/* world.c: run i's colour at opacity a as its path and head are drawn:
 * the walker's lighter (darker on paper) where a cloud copies the run. */
Rgba render_path_color(const Renderer *r, const Scene *scene, size_t i, float a);
/* The palette's colour at place (SceneRun.color), with alpha a: an
 * experiment's kind of walker k at place k, as its runs on the stage. */
Rgba render_place_color(const Renderer *r, size_t place, float a);
/* The colour at t in [0, 1] of the scale a sweep's runs are coloured along
 * (low values at 0): a colormap other than the landscape's, over the part
 * the theme reads best on. */
Rgba render_sweep_color(const Renderer *r, const Scene *scene, double t);

#endif
