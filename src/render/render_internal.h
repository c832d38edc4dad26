/*
 * render_internal.h — the renderer's private state, shared by its parts:
 * renderer.c (frame order, text queue), world.c (what lies on the
 * landscape) and hud.c (panels and text).
 */
#ifndef DESCENT_RENDER_INTERNAL_H
#define DESCENT_RENDER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <epoxy/gl.h>

#include "cloud.h"
#include "heatmap.h"
#include "render.h"
#include "scene/viewport.h"
#include "shapes.h"
#include "surface.h"
#include "text.h"
#include "theme.h"

typedef enum TextAlign { ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTER } TextAlign;

/* A run's path reduced to points at least a minimum spacing apart on
 * screen, kept between frames and extended as the run grows (world.c). */
typedef struct PathCache {
    const RunPoint *path;   /* the run's path array it was built from */
    RunPoint first, last;   /* path[0] and path[processed] then, to notice restarts */
    Viewport viewport;
    unsigned projection;    /* render_projection's then */
    double spacing;
    long processed;         /* path indices 0..processed are reduced */
    bool tail_forced;       /* the last point is kept only for being the path's last */
    double *points;         /* (px, py, step) triples */
    size_t count, capacity;
} PathCache;

/* λmax of the Hessian at each point of one run's path, extended as the run
 * grows (dynamics.c). */
typedef struct SharpnessCache {
    const RunPoint *path;       /* the run's path array it was computed for */
    unsigned landscape_serial;
    RunPoint first, last;       /* path[0] and path[count - 1] then, to notice restarts */
    double *values;
    size_t count, capacity;
} SharpnessCache;

typedef struct QueuedText {
    TextImage image;
    float x, y;             /* top-left, pixels */
    Rgba color;
} QueuedText;

#define CAPTION_MAX_LINES 8
#define CAPTION_LINE_MAX 1024

/* A caption (or error) broken into lines, kept until the text or its size
 * changes (hud.c). */
typedef struct WrappedCaption {
    char source[SCENE_CAPTION_MAX];
    int px;
    double max_width;
    char lines[CAPTION_MAX_LINES][CAPTION_LINE_MAX];
    int count;
} WrappedCaption;

struct Renderer {
    Heatmap *heatmap;
    Shapes *shapes;
    Surface *surface;       /* the 3D view's landscape */
    Text *text;
    GLuint image_program, image_vao, image_vbo;
    GLint u_image_size, u_image, u_image_tint;
    QueuedText *queue;
    size_t queue_count, queue_capacity;
    PathCache paths[SCENE_MAX_RUNS];
    Cloud cloud;            /* large particle clouds (world.c) */
    WrappedCaption caption, hint, error;
    const RenderHelpLine *help;
    size_t help_count;
    bool progressive;
    bool view3d;            /* the frame is the 3D view */
    int width, height;      /* the frame being drawn */
    double scale;           /* effective scale (projector included) */
    const Theme *theme;     /* the scene's, for the frame being drawn */
    Rgba run_colors[SCENE_MAX_RUNS]; /* the frame's: the theme's palette, or a
                                        sweep's scale (render_sweep_color) */
    bool transparent, crop; /* renderer_set_slide */
    RenderAudience audience;    /* the frame being drawn's */
    RenderTextObserver text_observer; /* renderer_observe_text */
    void *text_observer_context;
    SharpnessCache sharpness[SCENE_MAX_RUNS];   /* each run's, for the dynamics plot */
    bool *batch_mask;           /* the inset's minibatch samples (data_view.c) */
    size_t batch_mask_size;
    double inset_width;         /* the data inset's share of the bottom edge */
};

/* Queues utf8 at (x, y) (top edge; x per align) in px-pixel text; returns
 * its width.  Drawn at the next render_flush. */
double render_text(Renderer *r, const char *utf8, double x, double y, int px, TextAlign align,
                   Rgba color);
/* Width of utf8 at px pixels, without drawing it. */
double render_text_width(Renderer *r, const char *utf8, int px);
/* Draws texture (top row first) over the pixel rectangle (x, y, w, h) now,
 * tinted by tint, with the text's program: under whatever is queued. */
void render_image_now(Renderer *r, GLuint texture, double x, double y, double w, double h,
                      Rgba tint);
/* Draws queued shapes, then queued text. */
void render_flush(Renderer *r);

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

/* Text sizes in pixels at the current scale. */
int render_font_px(const Renderer *r, double base);

/* world.c: heatmap overlays, paths, markers, particles, arrows. */
void render_world(Renderer *r, const Scene *scene);
/* hud.c: legend, status, readout, loss plot, notice, help overlay. */
void render_hud(Renderer *r, const Scene *scene);
/* expr_field_view.c: the formula field, when the scene's is open. */
void render_expr_field(Renderer *r, const Scene *scene);

/* Clips the segment (x0, y0)-(x1, y1) to box {xmin, ymin, xmax, ymax}
 * (world.c); false when nothing of it is inside. */
bool clip_segment(const double box[4], double *x0, double *y0, double *x1, double *y1);

/* data_view.c: data landscapes' dataset inset (lower left; sets
 * r->inset_width) and their minimisers' geometry on the map. */
void render_data_inset(Renderer *r, const Scene *scene);
void render_data_map(Renderer *r, const Scene *scene, const Viewport *vp);

/* formula.c: the selected run's update rule with its numbers when
 * display.formula is on, right-aligned with its top edge at top; returns
 * its bottom edge (top when none is shown). */
double render_formula(Renderer *r, const Scene *scene, double top);
/* changes.c: mid-run parameter changes marked on the runs' paths. */
void render_change_marks(Renderer *r, const Scene *scene);

/* dynamics.c: the dynamics plot with its bottom edge at bottom (returns its
 * top edge, bottom when none is shown), and the effective-step boxes. */
double render_dynamics_plot(Renderer *r, const Scene *scene, double bottom);
void render_effective_steps(Renderer *r, const Scene *scene, const Viewport *vp);

/* Run i's colour in the frame being drawn, with alpha a. */
Rgba render_run_color(const Renderer *r, size_t i, float a);

/* The colour at t in [0, 1] of the scale a sweep's runs are coloured along
 * (low values at 0): a colormap other than the landscape's, over the part
 * the theme reads best on. */
Rgba render_sweep_color(const Renderer *r, const Scene *scene, double t);

#endif
