/* renderer.c — see render.h: the renderer's life and the order of a frame.
 * The top of render/'s tree (render_internal.h). */
#include "render_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
    r->wrap_memory = r->text ? text_wrap_memory_create() : NULL;
    if (r->text && !r->wrap_memory)
        error_set(err, "out of memory for the renderer's wrapped texts");
    if (!r->wrap_memory || !draw_init(r, err)) {
        renderer_destroy(r);
        return NULL;
    }
    cloud_init(&r->cloud);
    static_layer_init(&r->static_layer);
    return r;
}

void renderer_prepare(void)
{
    text_prepare();
}

void renderer_destroy(Renderer *r)
{
    if (!r)
        return;
    heatmap_destroy(r->heatmap);
    surface_destroy(r->surface);
    shapes_destroy(r->shapes);
    text_destroy(r->text);
    text_wrap_memory_destroy(r->wrap_memory);
    draw_release(r);
    cloud_release(&r->cloud);
    net_repr_picture_free(&r->repr);
    static_layer_release(&r->static_layer);
    render_group_release(r);
    free(r->batch_mask);
    free(r->legend);
    free(r->needs);
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

unsigned renderer_marks_drawn(const Renderer *r)
{
    return r->marks_drawn;
}

RenderFrameWork renderer_frame_work(const Renderer *r)
{
    return r->work;
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
    const Layout *l = &r->layout;
    if (!layout_rect_holds(l->landscape, px, py))
        return false;
    /* A panel on the map hides it; one over it comes and goes, and the
     * point under it stays (layout_over_map). */
    for (int p = 0; p < LAYOUT_PANELS; p++)
        if (l->shown[p] && !layout_over_map((LayoutPanel)p) &&
            layout_rect_holds(l->rect[p], px, py))
            return false;
    Viewport vp = render_viewport(r, scene);
    viewport_to_world(&vp, px, py, x, y);
    return true;
}

bool render_box_corners(const Renderer *r, double px[8], double py[8])
{
    return r->view3d && surface_box_corners(r->surface, px, py);
}

void render_note_plot_area(Renderer *r, LayoutRect area)
{
    if (r->plot_area_count < RENDER_PLOT_AREAS)
        r->plot_areas[r->plot_area_count++] = area;
}

size_t render_effective_boxes(const Renderer *r, LayoutRect *dest, size_t capacity)
{
    size_t n = r->effective_box_count < capacity ? r->effective_box_count : capacity;
    for (size_t k = 0; k < n; k++)
        dest[k] = r->effective_boxes[k];
    return r->effective_box_count;
}

size_t render_label_leaders(const Renderer *r, double (*dest)[4], size_t capacity)
{
    size_t n = r->leader_count < capacity ? r->leader_count : capacity;
    for (size_t k = 0; k < n; k++)
        for (int i = 0; i < 4; i++)
            dest[k][i] = r->leaders[k][i];
    return r->leader_count;
}

size_t render_plot_areas(const Renderer *r, LayoutRect *dest, size_t capacity)
{
    size_t n = r->plot_area_count < capacity ? r->plot_area_count : capacity;
    for (size_t k = 0; k < n; k++)
        dest[k] = r->plot_areas[k];
    return r->plot_area_count;
}

/* ------------------------------------------------------------------------ */
/* The frame                                                                 */

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
    r->arrow_count = 0;
    r->said_count = 0;
    r->plot_area_count = 0;
    r->effective_box_count = 0;
    r->head_count = 0;
    r->leader_count = 0;
    r->miss_count = 0;
    r->key_walkers = 0;
    r->marks_drawn = 0;
    r->experiment_drawn = false;
    r->work = (RenderFrameWork){0, 0, 0};
    render_net_repr_prepare(r, scene);
    render_plan(r, scene);
    LayoutRect map = r->layout.landscape;
    if (!(map.w > 0 && map.h > 0))
        map = (LayoutRect){0, 0, r->width, r->height};
    r->marker_scale = render_marker_scale(r->scale, map.w, map.h);
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
    r->said_count = 0;
    r->layout = (Layout){0};
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_SCISSOR_TEST);
    glViewport(0, 0, r->width, r->height);
    Rgba slate = r->theme->slate;
    glClearColor(slate.r, slate.g, slate.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    double margin = 12.0 * r->scale;
    render_experiment_plot(r, picture, (ExperimentShown){true, 0},
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

double render_marker_scale(double scale, double map_width, double map_height)
{
    double share = fmin(map_width, map_height) / (RENDER_MARKER_FULL_SIDE * scale);
    return scale * fmin(fmax(share, RENDER_MARKER_LEAST_SHARE), 1.0);
}

const Layout *render_layout(Renderer *r, const Scene *scene, int width, int height,
                            double scale, RenderAudience audience)
{
    begin_frame(r, scene, width, height, scale, audience);
    return &r->layout;
}

/* Draws the frame; false when it must be drawn again without the static
 * layer (static_layer_end). */
static bool draw_frame(Renderer *r, const Scene *scene, int width, int height, double scale,
                       RenderAudience audience, bool layered)
{
    GLint target = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
    begin_frame(r, scene, width, height, scale, audience);
    /* The layout has read the two frames before's marks: the frame
     * before's stay for the next. */
    size_t last = r->mark_count - r->marks_before;
    memmove(r->marks, r->marks + r->marks_before, last * sizeof r->marks[0]);
    r->mark_count = r->marks_before = last;
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_SCISSOR_TEST);
    Viewport viewport = render_viewport(r, scene);
    static_layer_draw(r, scene, &viewport, (GLuint)target, layered);
    /* What lies on the map stays on it, off the panels (layout.h); on a
     * transparent frame, on the asked-for view. */
    glEnable(GL_SCISSOR_TEST);
    glScissor((int)lround(viewport.x), r->height - (int)lround(viewport.y + viewport.height),
              (int)lround(viewport.width), (int)lround(viewport.height));
    if (r->transparent) {
        int b[4];
        static_layer_landscape_box(r, scene, &viewport, b);
        glScissor(b[0], r->height - b[3], b[2] - b[0], b[3] - b[1]);
    }
    glEnable(GL_BLEND);
    /* Colour blends; destination alpha stays opaque for read-back (and
     * over clear pixels becomes the shapes' own: premultiplied colour). */
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    if (scene->net && render_net_map_picture(scene) == NET_MAP_ENSEMBLE) {
        render_net_ensemble(r, scene);
    } else if (scene->net && render_net_map_picture(scene) == NET_MAP_LAYER) {
        render_net_repr(r, scene);
    } else if (scene->net) {
        render_net_world(r, scene);
    } else {
        render_world(r, scene);
        render_change_marks(r, scene);
    }
    render_flush(r);
    glDisable(GL_SCISSOR_TEST);
    r->static_layer.in_hud = !r->crop;
    if (r->crop)
        render_flush(r);
    else
        render_hud(r, scene);
    glDisable(GL_BLEND);
    text_end_frame(r->text);
    return static_layer_end(&r->static_layer);
}

void render_frame(Renderer *r, const Scene *scene, int width, int height, double scale,
                  RenderAudience audience)
{
    /* Every shader is built in renderer_create.  Told so, Mesa frees the
     * GLSL built-in functions it keeps for further compiles (about 7 MB);
     * that takes about 3 ms of CPU, so it waits for the second frame and
     * the first comes as soon as it can. */
    if (r->frames_begun < 2 && ++r->frames_begun == 2)
        glReleaseShaderCompiler();
    if (draw_frame(r, scene, width, height, scale, audience, true))
        return;
    /* Its texts were seen once already. */
    RenderTextObserver observer = r->text_observer;
    r->text_observer = NULL;
    draw_frame(r, scene, width, height, scale, audience, false);
    r->text_observer = observer;
}
