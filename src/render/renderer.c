/* renderer.c — see render.h: frame order and the text queue. */
#include "render_internal.h"

#include <math.h>
#include <stdlib.h>

#include <SDL.h>

#include "shader.h"

Renderer *renderer_create(DescentError *err)
{
    Renderer *r = calloc(1, sizeof *r);
    if (!r) {
        error_set(err, "out of memory for the renderer");
        return NULL;
    }
    r->progressive = true;
    r->heatmap = heatmap_create(SDL_GetCPUCount(), err);
    r->surface = r->heatmap ? surface_create(SDL_GetCPUCount(), err) : NULL;
    r->shapes = r->surface ? shapes_create(err) : NULL;
    r->text = r->shapes ? text_create(err) : NULL;
    r->image_program = r->text ? shader_load("image", err) : 0;
    if (!r->image_program) {
        renderer_destroy(r);
        return NULL;
    }
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
    cloud_init(&r->cloud);
    return r;
}

void renderer_destroy(Renderer *r)
{
    if (!r)
        return;
    heatmap_destroy(r->heatmap);
    surface_destroy(r->surface);
    shapes_destroy(r->shapes);
    text_destroy(r->text);
    if (r->image_program) {
        glDeleteProgram(r->image_program);
        glDeleteVertexArrays(1, &r->image_vao);
        glDeleteBuffers(1, &r->image_vbo);
    }
    cloud_release(&r->cloud);
    free(r->queue);
    free(r->batch_mask);
    for (size_t i = 0; i < SCENE_MAX_RUNS; i++) {
        free(r->paths[i].points);
        free(r->sharpness[i].values);
    }
    free(r);
}

void renderer_set_help(Renderer *r, const RenderHelpLine *lines, size_t count)
{
    r->help = lines;
    r->help_count = count;
}

void renderer_set_progressive(Renderer *r, bool progressive)
{
    r->progressive = progressive;
}

void renderer_observe_text(Renderer *r, RenderTextObserver observer, void *context)
{
    r->text_observer = observer;
    r->text_observer_context = context;
}

void renderer_set_slide(Renderer *r, bool transparent, bool crop)
{
    r->transparent = transparent;
    r->crop = crop;
}

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

/* The theme's palette in order, or for a sweep its scale from the first
 * value to the last. */
static void set_run_colors(Renderer *r, const Scene *scene)
{
    for (size_t i = 0; i < SCENE_MAX_RUNS; i++) {
        uint32_t c = r->theme->runs[i % THEME_RUN_COLORS];
        r->run_colors[i] = (Rgba){(float)((c >> 16) & 0xFF) / 255.0f,
                                  (float)((c >> 8) & 0xFF) / 255.0f, (float)(c & 0xFF) / 255.0f,
                                  1.0f};
    }
    size_t n = scene->sweep.count < scene->run_count ? scene->sweep.count : scene->run_count;
    for (size_t i = 0; i < n; i++)
        r->run_colors[i] = render_sweep_color(r, scene, n > 1 ? (double)i / (double)(n - 1) : 0.0);
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

bool renderer_settled(const Renderer *r)
{
    return r->view3d ? !surface_coarse(r->surface) : !heatmap_coarse(r->heatmap);
}

bool render_plane_point(const Renderer *r, const Scene *scene, double px, double py, double *x,
                        double *y)
{
    if (scene->display.view3d)
        return r->view3d && surface_pick(r->surface, px, py, x, y);
    Viewport vp = viewport_fit(scene->view, r->width, r->height);
    viewport_to_world(&vp, px, py, x, y);
    return true;
}

int render_font_px(const Renderer *r, double base)
{
    return (int)lround(base * r->scale);
}

/* ------------------------------------------------------------------------ */
/* Text queue                                                                */

double render_text_width(Renderer *r, const char *utf8, int px)
{
    return text_image(r->text, utf8, px).width;
}

double render_text(Renderer *r, const char *utf8, double x, double y, int px, TextAlign align,
                   Rgba color)
{
    if (r->text_observer)
        r->text_observer(r->text_observer_context, utf8);
    TextImage image = text_image(r->text, utf8, px);
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
    double left = align == ALIGN_RIGHT    ? x - image.width
                  : align == ALIGN_CENTER ? x - 0.5 * image.width
                                          : x;
    /* Whole pixels keep glyphs crisp. */
    r->queue[r->queue_count++] = (QueuedText){image, (float)floor(left + 0.5),
                                              (float)floor(y + 0.5), color};
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

/* ------------------------------------------------------------------------ */
/* The frame                                                                 */

/* Around the 3D view's box: a slate the colormaps all stand out on, dark or
 * light with the theme's panels. */
static const float surface_background[SCENE_THEME_COUNT][3] = {
    [SCENE_THEME_DARK] = {0.13f, 0.14f, 0.17f},
    [SCENE_THEME_LIGHT] = {0.90f, 0.91f, 0.93f},
};

/* The 3D view's landscape.  The heatmap's grid stays current without
 * being painted: it sets the colour scale both views and the legend use. */
static void draw_surface(Renderer *r, const Scene *scene, const Viewport *vp, GLuint target)
{
    heatmap_prepare(r->heatmap, scene, vp, r->width, r->height, r->progressive);
    SurfaceFrame frame = {
        .rect = vp->world,
        .scale = heatmap_scale(r->heatmap),
        .colormap = heatmap_colormap_texture(r->heatmap, scene->display.colormap),
        .line_width = (float)r->scale,
        .line_strength = r->theme->contour_strength,
        .background = {surface_background[scene->display.theme][0],
                       surface_background[scene->display.theme][1],
                       surface_background[scene->display.theme][2]},
        .target = target,
        .progressive = r->progressive,
        .width = r->width,
        .height = r->height,
    };
    surface_draw(r->surface, scene, &frame);
}

/* Clears the frame around the asked-for view's rectangle to transparent
 * and leaves the scissor test on over that rectangle, so what lies on the
 * landscape stays on it. */
static void clear_off_landscape(const Renderer *r, const Scene *scene, const Viewport *vp)
{
    double left, top, right, bottom;
    viewport_to_pixel(vp, scene->view.xmin, scene->view.ymax, &left, &top);
    viewport_to_pixel(vp, scene->view.xmax, scene->view.ymin, &right, &bottom);
    int w = r->width, h = r->height;
    int x0 = (int)fmax(0, lround(left)), x1 = (int)fmin(w, lround(right));
    int y0 = (int)fmax(0, lround(top)), y1 = (int)fmin(h, lround(bottom));
    /* GL counts rows from the bottom. */
    const int strips[4][4] = {{0, 0, x0, h}, {x1, 0, w - x1, h},
                              {x0, h - y0, x1 - x0, y0}, {x0, 0, x1 - x0, h - y1}};
    glEnable(GL_SCISSOR_TEST);
    glClearColor(0, 0, 0, 0);
    for (int k = 0; k < 4; k++) {
        if (strips[k][2] <= 0 || strips[k][3] <= 0)
            continue;
        glScissor(strips[k][0], strips[k][1], strips[k][2], strips[k][3]);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    glScissor(x0, h - y1, x1 - x0, y1 - y0);
}

void render_recording_badge(Renderer *r, const char *text)
{
    double s = r->scale, pad = 8.0 * s;
    int px = render_font_px(r, 16.0);
    double w = render_text_width(r, text, px), h = text_line_height(r->text, px);
    double dot = 0.35 * h, x = 0.5 * (r->width - w - 2.0 * dot - 3 * pad), y = 10.0 * s;
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    shapes_rect(r->shapes, x, y, w + 2.0 * dot + 3 * pad, h + 2 * pad, r->theme->panel);
    shapes_disc(r->shapes, x + pad + dot, y + pad + 0.5 * h, dot, (Rgba){0.9f, 0.1f, 0.1f, 1.0f});
    render_text(r, text, x + 2 * pad + 2.0 * dot, y + pad, px, ALIGN_LEFT, r->theme->text);
    render_flush(r);
    glDisable(GL_BLEND);
}

void render_frame(Renderer *r, const Scene *scene, int width, int height, double scale,
                  RenderAudience audience)
{
    r->audience = audience;
    GLint target = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
    r->width = width < 1 ? 1 : width;
    r->height = height < 1 ? 1 : height;
    r->scale = (scale > 0 ? scale : 1.0) *
               (scene->display.projector ? RENDER_PROJECTOR_SCALE : 1.0);
    r->theme = theme_get(scene->display.theme);
    set_run_colors(r, scene);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_SCISSOR_TEST);
    Viewport viewport = viewport_fit(scene->view, r->width, r->height);
    r->view3d = scene->display.view3d;
    if (r->view3d)
        draw_surface(r, scene, &viewport, (GLuint)target);
    else
        heatmap_draw(r->heatmap, scene, &viewport, r->width, r->height, r->scale,
                     r->progressive, (GLuint)target);
    if (r->transparent)
        clear_off_landscape(r, scene, &viewport);
    glEnable(GL_BLEND);
    /* Colour blends; destination alpha stays opaque for read-back (and
     * over clear pixels becomes the shapes' own: premultiplied colour). */
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    render_world(r, scene);
    glDisable(GL_SCISSOR_TEST);
    if (r->crop)
        render_flush(r);
    else
        render_hud(r, scene);
    glDisable(GL_BLEND);
    text_end_frame(r->text);
}
