/* renderer.c — see render.h: the renderer's life and the order of a frame.
 * The top of render/'s tree (render_internal.h). */
#include "render_internal.h"

#include <math.h>
#include <stdlib.h>

#include <SDL.h>

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
    if (!r->text || !draw_init(r, err)) {
        renderer_destroy(r);
        return NULL;
    }
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
    draw_release(r);
    cloud_release(&r->cloud);
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

bool renderer_settled(const Renderer *r)
{
    return r->view3d ? !surface_coarse(r->surface) : !heatmap_coarse(r->heatmap);
}

bool render_plane_point(const Renderer *r, const Scene *scene, double px, double py, double *x,
                        double *y)
{
    if (scene->display.view3d)
        return r->view3d && surface_pick(r->surface, px, py, x, y);
    Viewport vp = render_viewport(r, scene);
    viewport_to_world(&vp, px, py, x, y);
    return true;
}

bool render_box_corners(const Renderer *r, double px[8], double py[8])
{
    return r->view3d && surface_box_corners(r->surface, px, py);
}

/* ------------------------------------------------------------------------ */
/* The frame                                                                 */

/* Around the 3D view's box and the 2D view's landscape: a slate the
 * colormaps all stand out on, dark or light with the theme's panels. */
static const float surface_background[SCENE_THEME_COUNT][3] = {
    [SCENE_THEME_DARK] = {0.13f, 0.14f, 0.17f},
    [SCENE_THEME_LIGHT] = {0.90f, 0.91f, 0.93f},
};

/* The 3D view's landscape.  The heatmap's grid stays current without
 * being painted: it sets the colour scale both views and the legend use. */
static void draw_surface(Renderer *r, const Scene *scene, const Viewport *vp, GLuint target)
{
    heatmap_prepare(r->heatmap, scene, vp, r->progressive);
    SurfaceFrame frame = {
        .rect = vp->world,
        .scale = heatmap_scale(r->heatmap),
        .colormap = heatmap_colormap_texture(r->heatmap, scene->display.colormap),
        .line_width = (float)r->scale,
        .line_strength = r->theme->contour_strength,
        .paper = r->theme->landscape_paper,
        .background = {surface_background[scene->display.theme][0],
                       surface_background[scene->display.theme][1],
                       surface_background[scene->display.theme][2]},
        .target = target,
        .progressive = r->progressive,
        .width = r->width,
        .height = r->height,
        .fit = {vp->x, vp->y, vp->width, vp->height},
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
    double w = render_text_width(r, text, px), h = render_line_height(r, px);
    double dot = 0.35 * h, x = 0.5 * (r->width - w - 2.0 * dot - 3 * pad), y = 10.0 * s;
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    shapes_rect(r->shapes, x, y, w + 2.0 * dot + 3 * pad, h + 2 * pad, r->theme->panel);
    shapes_disc(r->shapes, x + pad + dot, y + pad + 0.5 * h, dot, (Rgba){0.9f, 0.1f, 0.1f, 1.0f});
    render_text(r, text, x + 2 * pad + 2.0 * dot, y + pad, px, ALIGN_LEFT, r->theme->text);
    render_flush(r);
    glDisable(GL_BLEND);
}

/* The frame's size, scale, audience, colours and layout. */
static void begin_frame(Renderer *r, const Scene *scene, int width, int height, double scale,
                        RenderAudience audience)
{
    r->audience = audience;
    r->width = width < 1 ? 1 : width;
    r->height = height < 1 ? 1 : height;
    r->scale = (scale > 0 ? scale : 1.0) *
               (scene->display.projector ? RENDER_PROJECTOR_SCALE : 1.0);
    r->theme = theme_get(scene->display.theme);
    render_set_run_colors(r, scene);
    r->view3d = scene->display.view3d;
    r->label_count = 0;
    r->experiment_drawn = false;
    render_plan(r, scene);
}

void render_experiment_frame(Renderer *r, const ExperimentPicture *picture, int width,
                             int height, double scale, SceneTheme theme)
{
    r->audience = RENDER_FOR_RECORDING;
    r->width = width < 1 ? 1 : width;
    r->height = height < 1 ? 1 : height;
    r->scale = scale > 0 ? scale : 1.0;
    r->theme = theme_get(theme);
    render_set_run_colors(r, NULL);
    r->label_count = 0;
    r->layout = (Layout){0};
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_SCISSOR_TEST);
    glViewport(0, 0, r->width, r->height);
    const float *slate = surface_background[theme];
    glClearColor(slate[0], slate[1], slate[2], 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    double margin = 12.0 * r->scale;
    render_experiment_plot(r, picture,
                           (LayoutRect){margin, margin, r->width - 2 * margin,
                                        r->height - 2 * margin});
    render_flush(r);
    glDisable(GL_BLEND);
    text_end_frame(r->text);
}

double render_recording_scale(int width, int height)
{
    return fmin(width / 1280.0, height / 720.0);
}

const Layout *render_layout(Renderer *r, const Scene *scene, int width, int height,
                            double scale, RenderAudience audience)
{
    begin_frame(r, scene, width, height, scale, audience);
    return &r->layout;
}

void render_frame(Renderer *r, const Scene *scene, int width, int height, double scale,
                  RenderAudience audience)
{
    GLint target = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
    begin_frame(r, scene, width, height, scale, audience);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_SCISSOR_TEST);
    Viewport viewport = render_viewport(r, scene);
    if (r->view3d) {
        draw_surface(r, scene, &viewport, (GLuint)target);
    } else {
        const float *slate = surface_background[scene->display.theme];
        glClearColor(slate[0], slate[1], slate[2], 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        heatmap_draw(r->heatmap, scene, &viewport, r->width, r->height, r->scale,
                     r->progressive, (GLuint)target);
    }
    /* What lies on the map stays on it, off the panels (layout.h). */
    glEnable(GL_SCISSOR_TEST);
    glScissor((int)lround(viewport.x), r->height - (int)lround(viewport.y + viewport.height),
              (int)lround(viewport.width), (int)lround(viewport.height));
    if (r->transparent)
        clear_off_landscape(r, scene, &viewport);
    glEnable(GL_BLEND);
    /* Colour blends; destination alpha stays opaque for read-back (and
     * over clear pixels becomes the shapes' own: premultiplied colour). */
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    if (scene->net && scene->ensemble && scene->display.ensemble) {
        render_net_ensemble(r, scene);
    } else if (scene->net && scene->display.net_layer > 0) {
        render_net_repr(r, scene);
    } else if (scene->net) {
        render_net_world(r, scene);
    } else {
        render_world(r, scene);
        render_change_marks(r, scene);
    }
    render_flush(r);
    glDisable(GL_SCISSOR_TEST);
    if (r->crop)
        render_flush(r);
    else
        render_hud(r, scene);
    glDisable(GL_BLEND);
    text_end_frame(r->text);
}
