/*
 * test_experiment_window.c — an experiment measured beside its landscape
 * in the real window (`descent --experiment`, scene/experiment_live.h):
 * frames keep coming and the walkers keep moving while it is measured
 * off the frame's thread; its rows arrive in the picture; once finished,
 * every point is drawn where its value maps on the plot (its centre in
 * the point's colour), along axes that are what the plot says they are
 * (dV/eps evenly spaced, E[tau] on a log scale); a lesson step's
 * experiment lives as long as its step.  Screenshots go to
 * $DESCENT_TEST_OUTPUT (or the current folder).
 */
#include "window_testing.h"

#include <math.h>
#include <stdlib.h>

#include "render/theme.h"

#define WIDTH 1280
#define HEIGHT 720

/* Three points, all counted: some ten million walker steps. */
#define SPEC "kramers:to=7,points=3,escapes=200,check_from=3"
/* Half a billion walker steps: seconds on any machine. */
#define LONG_SPEC "kramers:to=9,points=3,escapes=1000"

/* While a long experiment is measured, frames come at once and the
 * walkers move; closing the window stops it. */
static void test_frames_do_not_wait(void **state)
{
    (void)state;
    SceneOptions options = {.experiment = LONG_SPEC};
    App *app = open_test_window(&options, &(AppOptions){.width = WIDTH, .height = HEIGHT});
    Scene *scene = app_scene(app);
    const ExperimentPicture *picture = experiment_live_picture(scene->experiment);
    for (int k = 0; k < 3; k++)
        free(draw_frame(app, 1.0 / 30.0).rgba);
    assert_false(picture->finished);
    assert_true(scene_shown_step(scene) > 0);
    app_destroy(app);
}

static void test_plot_fills_in_beside_moving_walkers(void **state)
{
    (void)state;
    SceneOptions options = {.experiment = SPEC, .has_seed = true, .seed = 7};
    App *app = open_test_window(&options, &(AppOptions){.width = WIDTH, .height = HEIGHT});
    Scene *scene = app_scene(app);
    assert_non_null(scene->experiment);
    assert_non_null(scene->swarm); /* its stage: a cloud of SGD in double_well */
    const ExperimentPicture *picture = experiment_live_picture(scene->experiment);
    free(draw_frame(app, 1.0 / 30.0).rgba);
    size_t moved = scene_shown_step(scene);

    /* Frames until every row is in (a minute at most on a busy machine);
     * the walkers move on meanwhile, and rows never leave once in. */
    size_t seen = 0;
    for (int k = 0; k < 60 * 30 && !picture->finished; k++) {
        free(draw_frame(app, 1.0 / 30.0).rgba);
        assert_true(picture->measured_count >= seen);
        seen = picture->measured_count;
        SDL_Delay(30);
    }
    assert_true(picture->finished);
    assert_true(scene_shown_step(scene) > moved);
    assert_int_equal(picture->result.count, 3);
    assert_int_equal(picture->measured_count, 3);

    Frame f = draw_frame(app, 1.0 / 30.0);
    save_screenshot(app, "experiment-window.png");
    uint32_t c = theme_get(SCENE_THEME_DARK)->runs[0];
    const uint8_t expected[3] = {(uint8_t)(c >> 16), (uint8_t)(c >> 8), (uint8_t)c};
    double px[3], py[3];
    for (size_t i = 0; i < 3; i++) {
        const ExperimentRow *row = &picture->result.rows[i];
        assert_true(row->checked);
        assert_true(app_experiment_pixel(app, row->swept, row->measured, &px[i], &py[i]));
        const uint8_t *at = pixel(&f, (int)lround(px[i]), (int)lround(py[i]));
        if (channel_distance(at, expected) > 24)
            fail_msg("point %zu (%g, %g) at (%.0f, %.0f) is %d,%d,%d, not its colour "
                     "%d,%d,%d", i, row->swept, row->measured, px[i], py[i], at[0], at[1],
                     at[2], expected[0], expected[1], expected[2]);
    }
    /* dV/eps = 3, 5, 7 evenly across; E[tau], spanning a decade, by its
     * logarithm upwards. */
    const ExperimentRow *rows = picture->result.rows;
    assert_true(fabs((px[1] - px[0]) - (px[2] - px[1])) < 1.0);
    double per_log = (py[1] - py[0]) / log(rows[1].measured / rows[0].measured);
    assert_true(per_log < 0);
    assert_true(fabs((py[2] - py[1]) - per_log * log(rows[2].measured / rows[1].measured)) <
                1.0);
    /* The map is beside the plot, not under it. */
    Viewport vp = app_viewport(app);
    assert_true(vp.x + vp.width <= px[0] || vp.y + vp.height <= py[2]);
    free(f.rgba);
    app_destroy(app);
}

/* A paced picture (a recording's) is a function of its time alone: at
 * each row's time it shows the rows before it, in order, the share done of
 * the final count, and the verdict only once every row shows, however far
 * the thread has measured (it had measured nothing at the first update). */
static void test_paced_picture_depends_on_time_alone(void **state)
{
    (void)state;
    DescentError err = {""};
    ExperimentLive *live = experiment_live_start(SPEC, 7, 1, &err);
    assert_non_null(live);
    const ExperimentPicture *p = experiment_live_picture(live);
    for (size_t k = 0; k <= 3; k++) {
        experiment_live_update(live, EXPERIMENT_LIVE_ROW_SECONDS * ((double)k + 0.5), true);
        assert_int_equal(p->result.count, 3);
        assert_int_equal(p->measured_count, k);
        for (size_t i = 0; i < 3; i++)
            assert_int_equal(p->measured[i], i < k);
        assert_true(p->done == (double)k / 3.0);
        assert_int_equal(p->finished, k == 3);
    }
    experiment_live_destroy(live);
}

/* A lesson step's experiment is measured while the step is shown, drawn
 * in the dynamics plot's place, and stopped by the next step. */
static void test_lesson_step_measures(void **state)
{
    (void)state;
    App *app = open_test_window(&(SceneOptions){0},
                                &(AppOptions){.width = WIDTH, .height = HEIGHT,
                                              .lesson = LESSON_FIXTURES "/experiment_step.lua"});
    Scene *scene = app_scene(app);
    assert_non_null(scene->experiment);
    assert_string_equal(experiment_live_spec(scene->experiment), SPEC);
    const ExperimentPicture *picture = experiment_live_picture(scene->experiment);
    for (int k = 0; k < 60 * 30 && !picture->finished; k++) {
        free(draw_frame(app, 1.0 / 30.0).rgba);
        SDL_Delay(30);
    }
    assert_true(picture->finished);
    double px, py;
    /* A copy: the picture goes with the experiment when the step changes. */
    ExperimentRow row = picture->result.rows[0];
    free(draw_frame(app, 1.0 / 30.0).rgba);
    assert_true(app_experiment_pixel(app, row.swept, row.measured, &px, &py));
    push_key(SDLK_RIGHT, 0);
    free(draw_frame(app, 1.0 / 30.0).rgba);
    assert_null(scene->experiment);
    assert_false(app_experiment_pixel(app, row.swept, row.measured, &px, &py));
    app_destroy(app);
}

/* Every experiment has a stage of its own that builds, with walkers on it. */
static void test_every_experiment_has_a_stage(void **state)
{
    (void)state;
    size_t count;
    const ExperimentInfo *kinds = experiment_kinds(&count);
    for (size_t k = 0; k < count; k++) {
        SceneOptions options = {.experiment = kinds[k].name}, staged = options;
        if (!experiment_live_stage(kinds[k].name, &staged))
            fail_msg("%s has no stage", kinds[k].name);
        DescentError err = {""};
        Scene *scene = scene_create(&options, &err);
        if (!scene)
            fail_msg("%s: %s", kinds[k].name, err.message);
        assert_non_null(scene->experiment);
        assert_true(scene->run_count >= 1);
        scene_destroy(scene);
    }
}

/* A bad experiment is the scene's error: nothing is measured. */
static void test_bad_experiment_is_refused(void **state)
{
    (void)state;
    DescentError err = {""};
    SceneOptions options = {.experiment = "kramers:nope=1"};
    assert_null(scene_create(&options, &err));
    assert_non_null(strstr(err.message, "nope"));
    options.experiment = "no_such_law";
    assert_null(scene_create(&options, &err));
    assert_non_null(strstr(err.message, "no_such_law"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frames_do_not_wait),
        cmocka_unit_test(test_plot_fills_in_beside_moving_walkers),
        cmocka_unit_test(test_paced_picture_depends_on_time_alone),
        cmocka_unit_test(test_lesson_step_measures),
        cmocka_unit_test(test_every_experiment_has_a_stage),
        cmocka_unit_test(test_bad_experiment_is_refused),
    };
    return cmocka_run_group_tests(tests, keep_video_open, close_video);
}
