/* draw.c — see draw.h: the primitives the renderer's parts draw with. */
#include "render_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shader.h"

bool draw_init(Renderer *r, DescentError *err)
{
    r->image_program = shader_load("image", err);
    if (!r->image_program)
        return false;
    r->u_image_size = glGetUniformLocation(r->image_program, "u_size");
    r->u_image = glGetUniformLocation(r->image_program, "u_image");
    r->u_image_tint = glGetUniformLocation(r->image_program, "u_tint");
    glGenVertexArrays(1, &r->image_vao);
    glGenBuffers(1, &r->image_vbo);
    glBindVertexArray(r->image_vao);
    glBindBuffer(GL_ARRAY_BUFFER, r->image_vbo);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), (void *)0);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), (void *)(2 * sizeof(float)));
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glBindVertexArray(0);
    return true;
}

void draw_release(Renderer *r)
{
    if (r->image_program) {
        glDeleteProgram(r->image_program);
        glDeleteVertexArrays(1, &r->image_vao);
        glDeleteBuffers(1, &r->image_vbo);
    }
    free(r->queue);
}

/* ------------------------------------------------------------------------ */
/* Colours                                                                   */

Rgba render_run_color(const Renderer *r, size_t i, float a)
{
    Rgba c = r->run_colors[i < SCENE_MAX_RUNS ? i : 0];
    c.a = a;
    return c;
}

Rgba render_sweep_color(const Renderer *r, const Scene *scene, double t)
{
    Colormap scale = scene->display.colormap == COLORMAP_MAGMA ? COLORMAP_VIRIDIS : COLORMAP_MAGMA;
    double from = (double)r->theme->sweep_from, to = (double)r->theme->sweep_to;
    return heatmap_color(r->heatmap, scale, from + fmin(fmax(t, 0.0), 1.0) * (to - from));
}

Rgba render_place_color(const Renderer *r, size_t place, float a)
{
    return theme_rgb(r->theme->runs[place % THEME_RUN_COLORS], a);
}

void render_set_run_colors(Renderer *r, const Scene *scene)
{
    for (size_t i = 0; i < SCENE_MAX_RUNS; i++)
        r->run_colors[i] =
            render_place_color(r, scene && i < scene->run_count ? scene->runs[i].color : i, 1.0f);
    if (!scene)
        return;
    size_t n = scene->sweep.count < scene->run_count ? scene->sweep.count : scene->run_count;
    for (size_t i = 0; i < n; i++)
        r->run_colors[i] = render_sweep_color(r, scene, n > 1 ? (double)i / (double)(n - 1) : 0.0);
}

/* ------------------------------------------------------------------------ */
/* Plane to pixels, clipping                                                 */

Viewport render_viewport(const Renderer *r, const Scene *scene)
{
    LayoutRect l = r->layout.landscape;
    if (scene->display.view3d)
        return (Viewport){scene->view, l.x, l.y, l.w, l.h};
    return viewport_fit_at(scene->view, l.x, l.y, l.w, l.h);
}

double render_map_aspect(const Renderer *r, const Scene *scene)
{
    if (scene->display.view3d)
        return surface_aspect(scene->view, &scene->display.camera);
    if (scene->net && render_net_map_picture(scene) == NET_MAP_LAYER)
        return render_net_repr_aspect(r);
    return (scene->view.xmax - scene->view.xmin) / (scene->view.ymax - scene->view.ymin);
}

bool render_clamp_to_map(const Viewport *vp, double inset, double *px, double *py)
{
    double x = fmin(fmax(*px, vp->x + inset), vp->x + vp->width - inset);
    double y = fmin(fmax(*py, vp->y + inset), vp->y + vp->height - inset);
    bool moved = x != *px || y != *py;
    *px = x;
    *py = y;
    return moved;
}

bool render_to_pixel(const Renderer *r, const Viewport *vp, double x, double y, double *px,
                     double *py)
{
    if (r->view3d)
        return surface_to_pixel(r->surface, x, y, px, py);
    viewport_to_pixel(vp, x, y, px, py);
    return true;
}

bool render_direction(const Renderer *r, const Viewport *vp, double x, double y, double dx,
                      double dy, double *ux, double *uy)
{
    double norm = hypot(dx, dy);
    if (!(norm > 0) || !isfinite(norm))
        return false;
    if (!r->view3d) {
        *ux = dx / norm;
        *uy = -dy / norm;
        return true;
    }
    /* A short step along it, both ends on the surface, seen on screen. */
    double step = 1e-3 * (vp->world.xmax - vp->world.xmin), ax, ay, bx, by;
    if (!render_to_pixel(r, vp, x, y, &ax, &ay))
        return false;
    render_to_pixel(r, vp, x + step * dx / norm, y + step * dy / norm, &bx, &by);
    double len = hypot(bx - ax, by - ay);
    if (!(len > 1e-9))
        return false;
    *ux = (bx - ax) / len;
    *uy = (by - ay) / len;
    return true;
}

unsigned render_projection(const Renderer *r)
{
    return r->view3d ? surface_projection(r->surface) : 0;
}

/* Liang–Barsky. */
bool clip_segment(const double box[4], double *x0, double *y0, double *x1, double *y1)
{
    double dx = *x1 - *x0, dy = *y1 - *y0, t0 = 0.0, t1 = 1.0;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {*x0 - box[0], box[2] - *x0, *y0 - box[1], box[3] - *y0};
    for (int k = 0; k < 4; k++) {
        if (p[k] == 0) {
            if (q[k] < 0)
                return false;
            continue;
        }
        double t = q[k] / p[k];
        if (p[k] < 0 && t > t0)
            t0 = t;
        else if (p[k] > 0 && t < t1)
            t1 = t;
        if (t0 > t1)
            return false;
    }
    double ax = *x0 + t0 * dx, ay = *y0 + t0 * dy;
    *x1 = *x0 + t1 * dx;
    *y1 = *y0 + t1 * dy;
    *x0 = ax;
    *y0 = ay;
    return true;
}

void render_dashed(Renderer *r, double x0, double y0, double x1, double y1, double dash,
                   double gap, double half, Rgba color)
{
    double len = hypot(x1 - x0, y1 - y0);
    if (!(len > 0))
        return;
    double ux = (x1 - x0) / len, uy = (y1 - y0) / len;
    for (double t = 0; t < len; t += dash + gap) {
        double e = fmin(t + dash, len);
        shapes_segment(r->shapes, x0 + ux * t, y0 + uy * t, x0 + ux * e, y0 + uy * e,
                       half + 0.9 * r->scale, r->theme->casing);
        shapes_segment(r->shapes, x0 + ux * t, y0 + uy * t, x0 + ux * e, y0 + uy * e, half,
                       color);
    }
}

void render_sample(Renderer *r, double x, double y, double radius, Rgba color, bool hollow)
{
    ThemeBand bands[THEME_SAMPLE_BANDS];
    size_t n = theme_sample_bands(r->theme, color, hollow, radius * r->scale, r->scale, bands);
    for (size_t k = 0; k < n; k++) {
        const ThemeBand *b = &bands[k];
        if (b->inner > 0.0)
            shapes_ring(r->shapes, x, y, 0.5 * (b->inner + b->outer), 0.5 * (b->outer - b->inner),
                        b->color);
        else
            shapes_disc(r->shapes, x, y, b->outer, b->color);
    }
}

/* ------------------------------------------------------------------------ */
/* Text queue                                                                */

double render_text_width(Renderer *r, const char *utf8, int px)
{
    /* FNV-1a over the text and the size. */
    uint64_t hash = 14695981039346656037u ^ (uint64_t)(unsigned)px;
    for (const unsigned char *c = (const unsigned char *)utf8; *c; c++)
        hash = (hash ^ *c) * 1099511628211u;
    MeasuredWidth *set = &r->widths[(hash % WIDTH_SETS) * WIDTH_WAYS];
    size_t k = 0;
    while (k < WIDTH_WAYS && (set[k].px != px || set[k].hash != hash))
        k++;
    MeasuredWidth found = k < WIDTH_WAYS
                              ? set[k]
                              : (MeasuredWidth){hash, px, text_measure(r->text, utf8, px)};
    /* Most recently used first; a miss pushes the last one out. */
    k = k < WIDTH_WAYS ? k : WIDTH_WAYS - 1;
    memmove(&set[1], &set[0], k * sizeof *set);
    set[0] = found;
    return found.width;
}

double render_line_height(Renderer *r, int px)
{
    return text_line_height(r->text, px);
}

double render_text(Renderer *r, const char *utf8, double x, double y, int px, TextAlign align,
                   Rgba color)
{
    TextImage image = text_image(r->text, utf8, px);
    double left = align == ALIGN_RIGHT    ? x - image.width
                  : align == ALIGN_CENTER ? x - 0.5 * image.width
                                          : x;
    /* Whole pixels keep glyphs crisp. */
    float at_x = (float)floor(left + 0.5), at_y = (float)floor(y + 0.5);
    if (r->text_observer)
        r->text_observer(r->text_observer_context, utf8,
                         (LayoutRect){(double)at_x, (double)at_y, image.width,
                                      render_line_height(r, px)},
                         px);
    if (!image.texture)
        return 0;
    if (r->queue_count == r->queue_capacity) {
        size_t capacity = r->queue_capacity ? 2 * r->queue_capacity : 64;
        QueuedText *queue = realloc(r->queue, capacity * sizeof *queue);
        if (!queue)
            return image.width;
        r->queue = queue;
        r->queue_capacity = capacity;
    }
    r->queue[r->queue_count++] = (QueuedText){image, at_x, at_y, color};
    return image.width;
}

void render_image_now(Renderer *r, GLuint texture, double x, double y, double w, double h,
                      Rgba tint)
{
    float x0 = (float)x, y0 = (float)y, x1 = (float)(x + w), y1 = (float)(y + h);
    const float quad[24] = {x0, y0, 0, 0, x1, y0, 1, 0, x1, y1, 1, 1,
                            x0, y0, 0, 0, x1, y1, 1, 1, x0, y1, 0, 1};
    glUseProgram(r->image_program);
    glUniform2f(r->u_image_size, (float)r->width, (float)r->height);
    glUniform1i(r->u_image, 0);
    glUniform4f(r->u_image_tint, tint.r, tint.g, tint.b, tint.a);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, texture);
    glBindVertexArray(r->image_vao);
    glBindBuffer(GL_ARRAY_BUFFER, r->image_vbo);
    glBufferData(GL_ARRAY_BUFFER, sizeof quad, quad, GL_STREAM_DRAW);
    glDrawArrays(GL_TRIANGLES, 0, 6);
    glBindVertexArray(0);
}

static void flush_text(Renderer *r)
{
    if (r->queue_count == 0)
        return;
    size_t floats = r->queue_count * 24;
    float *v = malloc(floats * sizeof *v);
    if (!v) {
        r->queue_count = 0;
        return;
    }
    for (size_t i = 0; i < r->queue_count; i++) {
        const QueuedText *q = &r->queue[i];
        float x0 = q->x, y0 = q->y, x1 = q->x + (float)q->image.width,
              y1 = q->y + (float)q->image.height;
        const float quad[24] = {x0, y0, 0, 0, x1, y0, 1, 0, x1, y1, 1, 1,
                                x0, y0, 0, 0, x1, y1, 1, 1, x0, y1, 0, 1};
        for (int k = 0; k < 24; k++)
            v[i * 24 + (size_t)k] = quad[k];
    }
    glUseProgram(r->image_program);
    glUniform2f(r->u_image_size, (float)r->width, (float)r->height);
    glUniform1i(r->u_image, 0);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(r->image_vao);
    glBindBuffer(GL_ARRAY_BUFFER, r->image_vbo);
    glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)(floats * sizeof *v), v, GL_STREAM_DRAW);
    for (size_t i = 0; i < r->queue_count; i++) {
        const QueuedText *q = &r->queue[i];
        glUniform4f(r->u_image_tint, q->color.r, q->color.g, q->color.b, q->color.a);
        glBindTexture(GL_TEXTURE_2D, q->image.texture);
        glDrawArrays(GL_TRIANGLES, (GLint)(i * 6), 6);
    }
    glBindVertexArray(0);
    free(v);
    r->queue_count = 0;
}

void render_flush(Renderer *r)
{
    shapes_flush(r->shapes, r->width, r->height);
    flush_text(r);
}

int render_least_font_px(double scale)
{
    double frame_least =
        RENDER_LEAST_FRAME_TEXT_PX * fmin(scale / RENDER_LEAST_FRAME_SCALE, 1.0);
    return (int)lround(fmax(RENDER_LEAST_TEXT_PX * scale, frame_least));
}

int render_font_px(const Renderer *r, double base)
{
    int px = (int)lround(base * r->scale), least = render_least_font_px(r->scale);
    return px > least ? px : least;
}

/* ------------------------------------------------------------------------ */
/* Panels and labels                                                         */

void render_panel(Renderer *r, LayoutRect rect)
{
    if (static_layer_claim(&r->static_layer, rect))
        return;
    shapes_rect(r->shapes, rect.x, rect.y, rect.w, rect.h, r->theme->panel);
}

bool render_on_panel(const Renderer *r, LayoutRect rect)
{
    for (int p = 0; p < LAYOUT_PANELS; p++)
        if (r->layout.shown[p] && layout_overlap(rect, r->layout.rect[p]))
            return true;
    return false;
}

LayoutRect render_label(Renderer *r, const char *text, double x, double y, int px, Rgba color)
{
    double pad = RENDER_LABEL_PAD * r->scale;
    LayoutRect want = {x - pad, y, render_text_width(r, text, px) + 2 * pad,
                       render_line_height(r, px)};
    LayoutRect at = layout_place_label(r->labels, r->label_count, want, RENDER_LABEL_MOVES);
    render_label_at(r, text, at, px, color);
    return at;
}

void render_keep_clear(Renderer *r, LayoutRect rect)
{
    if (r->label_count < RENDER_MAX_LABELS)
        r->labels[r->label_count++] = rect;
}

void render_keep_shown(Renderer *r, LayoutRect rect)
{
    render_keep_clear(r, rect);
    if (r->mark_count < sizeof r->marks / sizeof r->marks[0])
        r->marks[r->mark_count++] = rect;
}

void render_label_at(Renderer *r, const char *text, LayoutRect box, int px, Rgba color)
{
    render_keep_shown(r, box);
    shapes_rect(r->shapes, box.x, box.y, box.w, box.h, r->theme->label_panel);
    render_text(r, text, box.x + RENDER_LABEL_PAD * r->scale, box.y, px, ALIGN_LEFT, color);
}
