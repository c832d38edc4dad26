/*
 * test_static_layer.c — the static layer (render.h: the bottom of the
 * frame kept in a texture) never changes a pixel.  Two renderers draw the
 * same scene frame after frame, one with the layer and one without
 * (DESCENT_STATIC_LAYER=off), while the scene changes every input the
 * layer's picture depends on: the view panned and zoomed, the frame
 * resized and rescaled, projector mode, theme, colormap, log scale, the
 * landscape edited, the 3D view and its camera, transparent and cropped
 * slides, a data landscape's minibatches, a network's training.  After
 * each change four frames are drawn (coarse-first, as in the window: a
 * coarse frame, the full one, then the layer painted and reused); every
 * frame must be byte for byte the same from both.  A layer
 * not refreshed on one of these changes shows the old picture and fails.
 * The layer must also have been used (DESCENT_STATIC_LAYER=report), or
 * the comparison would prove nothing.  And what the heatmap keeps between
 * samplings (no raw grid, the widened colour view's stats) draws what a
 * fresh renderer draws.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "render/framebuffer.h"
#include "render/gl_context.h"
#include "render/render.h"
#include "scene/scene.h"

enum { MAX_W = 400, MAX_H = 260 };

typedef struct Pair {
    Renderer *layered, *plain;
    Framebuffer *frame[2];      /* MAX_W x MAX_H and a smaller one (resizing) */
    int sizes[2][2];
    int size;                   /* the frame in use */
    double scale;
    long frames;
} Pair;

static uint8_t pixels[2][MAX_W * MAX_H * 4];

static void draw_with(Pair *p, Renderer *r, const Scene *scene, uint8_t *dest)
{
    int w = p->sizes[p->size][0], h = p->sizes[p->size][1];
    framebuffer_bind(p->frame[p->size]);
    render_frame(r, scene, w, h, p->scale, RENDER_FOR_RECORDING);
    framebuffer_read_rgba(w, h, dest);
}

/* Four frames of scene, advanced between them, the same from both. */
static void frames_agree(Pair *p, Scene *scene, const char *after)
{
    for (int k = 0; k < 4; k++) {
        draw_with(p, p->layered, scene, pixels[0]);
        draw_with(p, p->plain, scene, pixels[1]);
        size_t bytes = (size_t)p->sizes[p->size][0] * (size_t)p->sizes[p->size][1] * 4;
        if (memcmp(pixels[0], pixels[1], bytes) != 0) {
            size_t at = 0;
            while (pixels[0][at] == pixels[1][at])
                at++;
            fail_msg("after %s, frame %d differs from the one drawn in full at pixel %zu",
                     after, k, at / 4);
        }
        p->frames++;
        scene_advance(scene, 1.0 / 30);
    }
}

static Renderer *renderer_with(const char *setting)
{
    DescentError err = {""};
    setenv("DESCENT_STATIC_LAYER", setting, 1);
    Renderer *r = renderer_create(&err);
    if (!r)
        fail_msg("renderer: %s", err.message);
    unsetenv("DESCENT_STATIC_LAYER");
    return r;
}

static void pair_open(Pair *p)
{
    DescentError err = {""};
    *p = (Pair){.sizes = {{MAX_W, MAX_H}, {320, 200}}, .scale = 0.5};
    p->layered = renderer_with("report");
    p->plain = renderer_with("off");
    /* The window's coarse-first heatmap and surface while the view moves. */
    renderer_set_progressive(p->layered, true);
    renderer_set_progressive(p->plain, true);
    for (int k = 0; k < 2; k++) {
        p->frame[k] = framebuffer_create(p->sizes[k][0], p->sizes[k][1], &err);
        assert_non_null(p->frame[k]);
    }
}

/* Destroys the pair; the layered renderer's report says how many frames
 * were drawn over its copy and how many panels it held. */
static void pair_close(Pair *p, long *over, long *panels)
{
    renderer_destroy(p->plain);
    FILE *report = tmpfile();
    assert_non_null(report);
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    assert_true(saved >= 0);
    bool moved = dup2(fileno(report), STDERR_FILENO) >= 0;
    renderer_destroy(p->layered);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    assert_true(moved);
    rewind(report);
    char line[256] = "";
    long frames = 0, again = -1;
    if (!fgets(line, sizeof line, report) ||
        sscanf(line, "static layer: %ld frames, %ld over its copy, %ld panels held, %ld drawn again",
               &frames, over, panels, &again) != 4)
        fail_msg("the layer's report: %s", line);
    fclose(report);
    assert_int_equal(frames, p->frames);
    for (int k = 0; k < 2; k++)
        framebuffer_destroy(p->frame[k]);
}

static GlContext *open_gl(void)
{
    DescentError err = {""};
    GlContext *gl = gl_context_create(
        &(GlContextOptions){.title = "test_static_layer", .width = 64, .height = 64}, &err);
    if (!gl)
        fail_msg("no GL context: %s", err.message);
    return gl;
}

static void test_every_input_of_the_picture(void **state)
{
    (void)state;
    DescentError err = {""};
    GlContext *gl = open_gl();
    Pair p;
    pair_open(&p);
    SceneOptions options = {.landscape = "rosenbrock",
                            .runs = {"gd:lr=0.001", "adam:lr=0.05"},
                            .run_count = 2,
                            .has_start = true,
                            .start = {-1.5, 2}};
    Scene *scene = scene_create(&options, &err);
    assert_non_null(scene);
    scene_set_playing(scene, true);
    frames_agree(&p, scene, "the start");
    scene_pan(scene, 0.2, -0.1);
    frames_agree(&p, scene, "a pan");
    scene_zoom(scene, 0.5, 0.5, 1.3);
    frames_agree(&p, scene, "a zoom");
    p.size = 1;
    frames_agree(&p, scene, "a resize");
    p.size = 0;
    p.scale = 0.75;
    frames_agree(&p, scene, "a new scale");
    scene->display.projector = true;
    frames_agree(&p, scene, "projector mode");
    scene->display.projector = false;
    scene->display.theme = SCENE_THEME_LIGHT;
    frames_agree(&p, scene, "the light theme");
    scene_next_colormap(scene);
    frames_agree(&p, scene, "a colormap");
    scene->display.log_scale = !scene->display.log_scale;
    frames_agree(&p, scene, "the log scale");
    assert_true(scene_set_landscape(scene, "expr:(x-0.5)^2+3*(y-x^2)^2", true, &err));
    frames_agree(&p, scene, "a landscape edit");
    scene->display.help = true;
    frames_agree(&p, scene, "the help overlay");
    scene->display.help = false;
    scene->display.view3d = true;
    frames_agree(&p, scene, "the 3D view");
    scene_orbit(scene, 25.0, 10.0);
    frames_agree(&p, scene, "an orbit");
    scene_dolly(scene, 1.2);
    frames_agree(&p, scene, "a dolly");
    scene->display.theme = SCENE_THEME_DARK;
    frames_agree(&p, scene, "the dark theme in 3D");
    scene->display.view3d = false;
    frames_agree(&p, scene, "the 2D view again");
    renderer_set_slide(p.layered, true, false);
    renderer_set_slide(p.plain, true, false);
    frames_agree(&p, scene, "a transparent slide");
    renderer_set_slide(p.layered, true, true);
    renderer_set_slide(p.plain, true, true);
    frames_agree(&p, scene, "a cropped slide");
    renderer_set_slide(p.layered, false, false);
    renderer_set_slide(p.plain, false, false);
    frames_agree(&p, scene, "slides off");
    scene_destroy(scene);

    /* A data landscape under minibatch SGD, and a network in training. */
    SceneOptions data = {.landscape = "linreg", .runs = {"sgd:lr=0.05,batch=4"}, .run_count = 1};
    scene = scene_create(&data, &err);
    if (!scene)
        fail_msg("linreg: %s", err.message);
    scene_set_playing(scene, true);
    frames_agree(&p, scene, "a data landscape");
    frames_agree(&p, scene, "a data landscape's minibatches");
    scene_destroy(scene);
    SceneOptions net = {.model = "mlp:layers=2-4-2", .data = "moons", .runs = {"adam:lr=0.01"},
                        .run_count = 1};
    scene = scene_create(&net, &err);
    if (!scene)
        fail_msg("a network: %s", err.message);
    scene_set_playing(scene, true);
    frames_agree(&p, scene, "a network");
    frames_agree(&p, scene, "a network in training");
    scene_destroy(scene);

    long over = 0, panels = 0;
    pair_close(&p, &over, &panels);
    /* Each change's last two frames, as a rule, and their panels. */
    if (over < p.frames / 3 || panels < over)
        fail_msg("the layer was used for %ld of %ld frames (%ld panels held): "
                 "the comparison proves little",
                 over, p.frames, panels);
    print_message("the layer was used for %ld of %ld frames, %ld panels held\n", over,
                  p.frames, panels);
    gl_context_destroy(gl);
}

/* One frame of scene from r at the pair's frame size into dest (RGBA). */
static void still_frame(Pair *p, Renderer *r, const Scene *scene, uint8_t *dest)
{
    for (int k = 0; k < 2; k++)
        draw_with(p, r, scene, dest);
}

/* The frame r draws now is the one a renderer that never drew before
 * draws of the same scene. */
static void as_fresh(Pair *p, Renderer *r, const Scene *scene, const char *after)
{
    Renderer *fresh = renderer_with("off");
    renderer_set_progressive(fresh, false);
    still_frame(p, r, scene, pixels[0]);
    still_frame(p, fresh, scene, pixels[1]);
    renderer_destroy(fresh);
    size_t bytes = (size_t)p->sizes[p->size][0] * (size_t)p->sizes[p->size][1] * 4;
    if (memcmp(pixels[0], pixels[1], bytes) != 0)
        fail_msg("after %s, the frame differs from a fresh renderer's", after);
}

/* The heatmap keeps no raw grid once it is mapped, and keeps the stats of
 * the colour view widened (heatmap.c, reach_stats) while the view and the
 * landscape hold: a log scale turned on samples the grid again, a resize
 * takes the widened stats as they were, a new landscape samples them
 * afresh.  Each frame is a fresh renderer's.  The landscapes differ in
 * whether they reach above the colour view's range (the bar's end
 * marked or not), so widened stats kept past a new landscape fail. */
static void test_resampled_as_fresh(void **state)
{
    (void)state;
    DescentError err = {""};
    GlContext *gl = open_gl();
    Pair p = {.sizes = {{MAX_W, MAX_H}, {320, 200}}, .scale = 0.5};
    for (int k = 0; k < 2; k++) {
        p.frame[k] = framebuffer_create(p.sizes[k][0], p.sizes[k][1], &err);
        assert_non_null(p.frame[k]);
    }
    SceneOptions options = {.landscape = "rosenbrock", .runs = {"gd:lr=0.001"}, .run_count = 1};
    Scene *scene = scene_create(&options, &err);
    assert_non_null(scene);
    Renderer *r = renderer_with("on");
    renderer_set_progressive(r, false);
    as_fresh(&p, r, scene, "the start");
    scene->display.log_scale = !scene->display.log_scale;
    as_fresh(&p, r, scene, "the log scale turned");
    scene->display.log_scale = !scene->display.log_scale;
    as_fresh(&p, r, scene, "the log scale turned back");
    p.size = 1;
    as_fresh(&p, r, scene, "a resize");
    assert_true(scene_set_landscape(scene, "expr:sin(3*x)*cos(3*y)", true, &err));
    as_fresh(&p, r, scene, "a new landscape");
    p.size = 0;
    as_fresh(&p, r, scene, "a resize on the new landscape");
    renderer_destroy(r);
    scene_destroy(scene);
    for (int k = 0; k < 2; k++)
        framebuffer_destroy(p.frame[k]);
    gl_context_destroy(gl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_input_of_the_picture),
        cmocka_unit_test(test_resampled_as_fresh),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
