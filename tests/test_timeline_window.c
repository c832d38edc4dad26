/*
 * test_timeline_window.c — going back in time in the real window: ',' steps
 * back, a click or a drag on the loss plot shows that step, '.' steps on
 * exactly as before the rewind, ']' changes the lr mid-run without a
 * reset, 'x' shows the update rule.  Screenshots go to
 * $DESCENT_TEST_OUTPUT (or the current folder).
 */
#include "window_testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WIDTH 1000
#define HEIGHT 700

static void frame(App *app)
{
    app_pump(app);
    app_frame(app, 0.0);
    app_present(app);
}

static void test_rewind_and_scrub(void **state)
{
    (void)state;
    SceneOptions options = {.landscape = "rosenbrock", .run_count = 2,
                            .runs = {"adam:lr=0.05", "sgd:lr=0.0005,noise=3,seed=2"},
                            .has_start = true, .start = {-1.5, 2}, .particles = 2000};
    App *app = open_test_window(&options, &(AppOptions){.width = WIDTH, .height = HEIGHT});
    Scene *scene = app_scene(app);
    scene_notify(scene, 0.0, "%s", "");
    scene_set_playing(scene, false);
    scene_step(scene, 120);
    /* ] on run 1 goes on from step 120 at lr 0.0625. */
    push_text("]");
    frame(app);
    assert_int_equal(run_steps(&scene->runs[0].run), 120);
    assert_close(scene->runs[0].run.desc.lr, 0.0625, 1e-15);
    scene_step(scene, 80);
    OptimizerState at200 = scene->runs[0].run.state;

    /* , goes back one update; . comes forward to the same state. */
    push_text(",");
    frame(app);
    assert_int_equal(scene_shown_step(scene), 199);
    assert_int_equal(swarm_steps(scene->swarm), 199);
    push_text(".");
    frame(app);
    assert_memory_equal(&scene->runs[0].run.state, &at200, sizeof at200);

    /* A click in the middle of the plot shows about the middle update:
     * before the lr change, so at the old lr. */
    int w, h;
    app_drawable_size(app, &w, &h);
    int plot_y = h - 12 - 100;
    int plot_left = w - 12 - 360 + 58, plot_right = w - 12 - 12;
    push_button(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, (plot_left + plot_right) / 2, plot_y);
    frame(app);
    size_t middle = scene_shown_step(scene);
    assert_true(middle >= 90 && middle <= 110);
    assert_close(scene->runs[0].run.desc.lr, 0.05, 0);
    assert_false(scene->playing);
    /* Dragging to the plot's left edge reaches the start. */
    push_motion(plot_left - 20, plot_y, 0, 0);
    frame(app);
    assert_int_equal(scene_shown_step(scene), 0);
    push_motion((plot_left + 3 * plot_right) / 4, plot_y, 0, 0);
    push_button(SDL_MOUSEBUTTONUP, SDL_BUTTON_LEFT, (plot_left + 3 * plot_right) / 4, plot_y);
    frame(app);
    size_t scrubbed = scene_shown_step(scene);
    assert_true(scrubbed > 130 && scrubbed < 170);
    assert_close(scene->runs[0].run.desc.lr, 0.0625, 0);
    /* The path still holds every computed point. */
    assert_int_equal(scene->runs[0].run.known, 201);
    push_text("x");
    frame(app);
    assert_true(scene->display.formula);
    save_screenshot(app, "timeline-scrubbed.png");

    /* Forward again by playing: the same state at 200. */
    scene_step(scene, 200 - scrubbed);
    assert_memory_equal(&scene->runs[0].run.state, &at200, sizeof at200);
    app_destroy(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rewind_and_scrub),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
