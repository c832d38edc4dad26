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

#include "heatmap.h"
#include "render.h"
#include "scene/viewport.h"
#include "shapes.h"
#include "text.h"

typedef enum TextAlign { ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTER } TextAlign;

/* A run's path reduced to points at least a minimum spacing apart on
 * screen, kept between frames and extended as the run grows (world.c). */
typedef struct PathCache {
    const RunPoint *path;   /* the run's path array it was built from */
    RunPoint first, last;   /* path[0] and path[processed] then, to notice restarts */
    Viewport viewport;
    double spacing;
    long processed;         /* path indices 0..processed are reduced */
    bool tail_forced;       /* the last point is kept only for being the path's last */
    double *points;         /* (px, py, step) triples */
    size_t count, capacity;
} PathCache;

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
    Text *text;
    GLuint image_program, image_vao, image_vbo;
    GLint u_image_size, u_image, u_image_tint;
    QueuedText *queue;
    size_t queue_count, queue_capacity;
    PathCache paths[SCENE_MAX_RUNS];
    WrappedCaption caption, error;
    const RenderHelpLine *help;
    size_t help_count;
    bool progressive;
    int width, height;      /* the frame being drawn */
    double scale;           /* effective scale (projector included) */
};

/* Queues utf8 at (x, y) (top edge; x per align) in px-pixel text; returns
 * its width.  Drawn at the next render_flush. */
double render_text(Renderer *r, const char *utf8, double x, double y, int px, TextAlign align,
                   Rgba color);
/* Width of utf8 at px pixels, without drawing it. */
double render_text_width(Renderer *r, const char *utf8, int px);
/* Draws queued shapes, then queued text. */
void render_flush(Renderer *r);

/* Text sizes in pixels at the current scale. */
int render_font_px(const Renderer *r, double base);

/* world.c: heatmap overlays, paths, markers, particles, arrows. */
void render_world(Renderer *r, const Scene *scene);
/* hud.c: legend, status, readout, loss plot, notice, help overlay. */
void render_hud(Renderer *r, const Scene *scene);

/* A run's colour from the palette, with alpha a. */
Rgba render_run_color(size_t i, float a);

#endif
