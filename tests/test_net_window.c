/*
 * test_net_window.c — a network training in the real window: Space plays
 * it, ',' and '.' go back and forth bit for bit, a digit selects the run
 * the slice's plane follows, and the selected run's head is drawn where
 * the plane puts it, (1, 0), in its colour; a click on the loss plot
 * shows that update; 'R' steps through the hidden layers' pictures and
 * back to the slice, 'M' between the ensemble's thumbnails and the slice.  Screenshots go to
 * $DESCENT_TEST_OUTPUT (or the current folder).
 */
#include "window_testing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/theme.h"
#include "scene/viewport.h"

#define WIDTH 1280
#define HEIGHT 720

static void frame(App *app, double dt)
{
    app_pump(app);
    app_frame(app, dt);
    app_present(app);
}

static void test_network_plays_and_rewinds(void **state)
{
    (void)state;
    SceneOptions options = {.model = "mlp:layers=2-16-16-2", .data = "moons:n=200,noise=0.2",
                            .run_count = 2, .runs = {"sgd:lr=0.1,batch=20", "adam:lr=0.01"}};
    App *app = open_test_window(&options, &(AppOptions){.width = WIDTH, .height = HEIGHT});
    Scene *scene = app_scene(app);
    assert_non_null(scene->net);
    scene_set_playing(scene, false);
    frame(app, 0.0);
    assert_int_equal(scene_shown_step(scene), 0);

    /* Space plays: a second of frames trains 120 updates. */
    push_key(SDLK_SPACE, 0);
    frame(app, 0.0);
    assert_true(scene->playing);
    for (int k = 0; k < 30; k++)
        frame(app, 1.0 / 30.0);
    push_key(SDLK_SPACE, 0);
    frame(app, 0.0);
    assert_false(scene->playing);
    size_t played = scene_shown_step(scene);
    assert_true(played >= 119 && played <= 121);

    /* ',' goes back one update, '.' comes forward to the same θ. */
    const NetRun *adam = net_stage_run(scene->net, 1);
    size_t bytes = optimizer_vec_size(adam->model->nparams);
    unsigned char *before = malloc(bytes);
    assert_non_null(before);
    memcpy(before, net_run_state(adam), bytes);
    push_text(",");
    frame(app, 0.0);
    assert_int_equal(scene_shown_step(scene), played - 1);
    push_text(".");
    frame(app, 0.0);
    assert_int_equal(scene_shown_step(scene), played);
    assert_memory_equal(net_run_state(adam), before, bytes);

    /* A click on the loss plot shows that update: about the middle. */
    int w, h;
    app_drawable_size(app, &w, &h);
    push_button(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, w - 24 - 150, h - 12 - 100);
    push_button(SDL_MOUSEBUTTONUP, SDL_BUTTON_LEFT, w - 24 - 150, h - 12 - 100);
    frame(app, 0.0);
    size_t middle = scene_shown_step(scene);
    if (middle < 40 || middle > 80)
        fail_msg("a click in the plot's middle showed update %zu of %zu", middle, played);
    scene_seek(scene, played);
    assert_memory_equal(net_run_state(adam), before, bytes);
    free(before);

    /* '2' selects adam; paused, the slice refines on until a plane
     * through θ0 and adam's θ now is shown. */
    push_key(SDLK_2, 0);
    frame(app, 0.0);
    assert_int_equal(net_stage_selected(scene->net), 1);
    size_t run = 0;
    for (int k = 0; k < 2 * (NET_STAGE_GRID * NET_STAGE_GRID + 1) &&
                    (net_stage_plane(scene->net, &run) != played || run != 1);
         k++)
        frame(app, 1.0 / 30.0);
    assert_int_equal(net_stage_plane(scene->net, &run), played);
    assert_int_equal(run, 1);
    Frame f = draw_frame(app, 1.0 / 30.0);
    save_screenshot(app, "net-window.png");
    Viewport vp = app_viewport(app);
    double hx, hy;
    viewport_to_pixel(&vp, 1.0, 0.0, &hx, &hy);
    uint32_t c = theme_get(SCENE_THEME_DARK)->runs[1];
    const uint8_t expected[3] = {(uint8_t)(c >> 16), (uint8_t)(c >> 8), (uint8_t)c};
    const uint8_t *at = pixel(&f, (int)hx, (int)hy);
    if (channel_distance(at, expected) > 24)
        fail_msg("adam's head at (%.0f, %.0f) is %d,%d,%d, not its colour %d,%d,%d", hx, hy,
                 at[0], at[1], at[2], expected[0], expected[1], expected[2]);
    /* Beyond the grid no loss is known: the map is the slate there, not
     * the grid's edge row smeared across a dimmed band. */
    const double *values;
    unsigned serial;
    const SliceGridDesc *g = net_stage_grid(scene->net, &values, &serial);
    double left, top;
    viewport_to_pixel(&vp, g->a_min, g->b_max, &left, &top);
    assert_true(top - vp.y > 8 || left - vp.x > 8);
    int bx = top - vp.y > 8 ? (int)(vp.x + 0.3 * vp.width) : (int)(0.5 * (vp.x + left));
    int by = top - vp.y > 8 ? (int)(0.5 * (vp.y + top)) : (int)(vp.y + 0.3 * vp.height);
    Rgba slate = theme_get(SCENE_THEME_DARK)->slate;
    const uint8_t plain[3] = {(uint8_t)lround(255.0 * (double)slate.r),
                              (uint8_t)lround(255.0 * (double)slate.g),
                              (uint8_t)lround(255.0 * (double)slate.b)};
    at = pixel(&f, bx, by);
    if (channel_distance(at, plain) > 6)
        fail_msg("beyond the grid at (%d, %d): %d,%d,%d, not the slate %d,%d,%d", bx, by, at[0],
                 at[1], at[2], plain[0], plain[1], plain[2]);
    free(f.rgba);

    /* 'D' asks for the paths' principal directions; paused, the slice
     * refines on until that plane is shown. */
    push_text("D");
    frame(app, 0.0);
    assert_int_equal(net_stage_slice(scene->net), NET_SLICE_PCA);
    NetSliceKind kind = NET_SLICE_INIT;
    for (int k = 0; k < 2 * (NET_STAGE_GRID * NET_STAGE_GRID + 1) && kind != NET_SLICE_PCA; k++) {
        frame(app, 1.0 / 30.0);
        net_stage_slice_plane(scene->net, &kind, NULL);
    }
    assert_int_equal(kind, NET_SLICE_PCA);
    app_destroy(app);
}

/* The pixel near the map's bottom-right corner. */
static void map_corner(App *app, const Frame *f, uint8_t *dest)
{
    Viewport vp = app_viewport(app);
    memcpy(dest, pixel(f, (int)(vp.x + vp.width) - 3, (int)(vp.y + vp.height) - 3), 3);
}

/* Whether the map's corner is the pictures' ground (the theme's panel
 * colour, opaque), which covers the slice's heatmap. */
static bool ground_shown(App *app)
{
    Rgba ground = theme_get(SCENE_THEME_DARK)->panel;
    const uint8_t expected[3] = {(uint8_t)lround(255.0 * (double)ground.r),
                                 (uint8_t)lround(255.0 * (double)ground.g),
                                 (uint8_t)lround(255.0 * (double)ground.b)};
    Frame f = draw_frame(app, 0.0);
    uint8_t corner[3];
    map_corner(app, &f, corner);
    free(f.rgba);
    return channel_distance(corner, expected) <= 3;
}

/* 'R' shows hidden layer 1, then 2, then the slice again. */
static void test_representation_key(void **state)
{
    (void)state;
    SceneOptions options = {.model = "mlp:layers=2-16-16-2", .data = "spirals:n=100,turns=2",
                            .run_count = 1, .runs = {"adam:lr=0.01"}};
    App *app = open_test_window(&options, &(AppOptions){.width = WIDTH, .height = HEIGHT});
    Scene *scene = app_scene(app);
    scene_set_playing(scene, false);
    for (int press = 0; press <= 3; press++) {
        int layer = press % 3;
        assert_int_equal(scene->display.net_layer, layer);
        if (ground_shown(app) != (layer > 0))
            fail_msg("layer %d: the map's corner is%s the picture's ground", layer,
                     layer > 0 ? " not" : "");
        if (layer == 2)
            save_screenshot(app, "net-window-representation.png");
        push_text("R");
        frame(app, 0.0);
    }
    app_destroy(app);
}

/* --ensemble shows the members' thumbnails; 'M' goes back to the slice
 * and returns to them. */
static void test_ensemble_key(void **state)
{
    (void)state;
    SceneOptions options = {.model = "mlp:layers=2-8-2", .data = "moons:n=60", .ensemble = 6,
                            .run_count = 1, .runs = {"adam:lr=0.02"}};
    App *app = open_test_window(&options, &(AppOptions){.width = WIDTH, .height = HEIGHT});
    Scene *scene = app_scene(app);
    for (int k = 0; k < 10; k++)
        frame(app, 1.0 / 30.0);
    assert_true(scene->display.ensemble);
    assert_true(ground_shown(app));
    save_screenshot(app, "net-window-ensemble.png");
    push_text("M");
    frame(app, 0.0);
    assert_false(scene->display.ensemble);
    assert_false(ground_shown(app));
    push_text("M");
    frame(app, 0.0);
    assert_true(scene->display.ensemble);
    app_destroy(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_network_plays_and_rewinds),
        cmocka_unit_test(test_representation_key),
        cmocka_unit_test(test_ensemble_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
