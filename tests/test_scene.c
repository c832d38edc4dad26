/*
 * test_scene.c — the stage without any window: what the options build,
 * time-based pacing, the commands the window's keys call, and the viewport
 * arithmetic the window and the renderer share.
 */
#include "scene_testing.h"

#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "scene/lesson_player.h"
#include "scene/run_field.h"
#include "core/basins.h"
#include "scene/scene.h"
#include "scene/viewport.h"

/* The scene of these runs on landscape from its own start. */
static Scene *make(const char *landscape, const char *const *runs, size_t count)
{
    return scene_for_test((SceneOptions){.landscape = landscape}, runs, count);
}

static void test_welcome_race(void **state)
{
    (void)state;
    Scene *s = make(NULL, NULL, 0);
    assert_string_equal(landscape_name(s->landscape), "rosenbrock");
    assert_int_equal(s->run_count, 3);
    assert_string_equal(s->runs[0].run.desc.spec, "gd:lr=0.001");
    assert_string_equal(s->runs[1].run.desc.spec, "momentum:lr=0.0005");
    assert_string_equal(s->runs[2].run.desc.spec, "adam:lr=0.05");
    for (size_t i = 0; i < 3; i++) {
        assert_close(s->runs[i].run.path[0].x, -1.5, 0);
        assert_close(s->runs[i].run.path[0].y, 2.0, 0);
    }
    assert_true(s->playing);
    scene_destroy(s);
}

/* One second of playback is SCENE_STEPS_PER_SECOND updates at any frame
 * rate (the fraction carries over), twice that at speed 2. */
static void test_pacing_is_by_time(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.01"};
    static const int rates[] = {30, 60, 144, 7};
    for (size_t r = 0; r < sizeof rates / sizeof rates[0]; r++) {
        Scene *s = make("quadratic", runs, 1);
        for (int i = 0; i < rates[r]; i++)
            scene_advance(s, 1.0 / rates[r]);
        size_t steps = run_steps(&s->runs[0].run);
        assert_true(steps + 1 >= (size_t)SCENE_STEPS_PER_SECOND &&
                    steps <= (size_t)SCENE_STEPS_PER_SECOND);
        scene_scale_speed(s, 2.0);
        for (int i = 0; i < rates[r]; i++)
            scene_advance(s, 1.0 / rates[r]);
        size_t more = run_steps(&s->runs[0].run) - steps;
        assert_true(more + 1 >= (size_t)(2 * SCENE_STEPS_PER_SECOND) &&
                    more <= (size_t)(2 * SCENE_STEPS_PER_SECOND) + 1);
        scene_destroy(s);
    }
}

static void test_paused_scene_does_not_step(void **state)
{
    (void)state;
    const char *runs[] = {"gd"};
    Scene *s = make("quadratic", runs, 1);
    scene_set_playing(s, false);
    scene_advance(s, 1.0);
    assert_int_equal(run_steps(&s->runs[0].run), 0);
    scene_step(s, 3);
    assert_int_equal(run_steps(&s->runs[0].run), 3);
    scene_destroy(s);
}

/* [ and ] rewrite the run's spec with lr scaled, keeping the other keys
 * in order, and the run goes on from where it was (test_rewind.c holds
 * the numbers of that to hand computations). */
static void test_scale_lr_rewrites_spec(void **state)
{
    (void)state;
    const char *runs[] = {"adam:lr=0.05,beta1=0.8", "gd"};
    Scene *s = make("rosenbrock", runs, 2);
    DescentError err = {""};
    scene_step(s, 5);
    assert_true(scene_scale_lr(s, 1.25, &err));
    assert_string_equal(s->runs[0].run.desc.spec, "adam:lr=0.0625,beta1=0.8");
    assert_close(s->runs[0].run.desc.lr, 0.0625, 0);
    assert_close(s->runs[0].run.desc.beta1, 0.8, 0);
    assert_int_equal(run_steps(&s->runs[0].run), 5);
    assert_int_equal(s->runs[0].run.changes.count, 1);
    scene_select(s, 1);
    assert_true(scene_scale_lr(s, 1 / 1.25, &err));
    assert_string_equal(s->runs[1].run.desc.spec, "gd:lr=0.008");
    scene_select(s, 7);
    assert_int_equal(s->selected, 1);
    scene_destroy(s);
}

static void test_noise_steps(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.01"};
    Scene *s = make("quadratic", runs, 1);
    DescentError err = {""};
    assert_true(scene_scale_noise(s, 1.5, &err));
    assert_close(s->runs[0].run.desc.noise, SCENE_NOISE_FIRST, 1e-15);
    assert_true(scene_scale_noise(s, 1.5, &err));
    assert_close(s->runs[0].run.desc.noise, 0.15, 1e-15);
    assert_true(scene_scale_noise(s, 1 / 1.5, &err));
    assert_true(scene_scale_noise(s, 1 / 1.5, &err));
    assert_close(s->runs[0].run.desc.noise, 0.06667, 1e-12);
    assert_true(scene_scale_noise(s, 1 / 1.5, &err));
    assert_close(s->runs[0].run.desc.noise, 0, 0);
    scene_destroy(s);
    /* flow takes no noise: the change is refused and the run kept. */
    const char *flow[] = {"flow:lr=0.1"};
    s = make("quadratic", flow, 1);
    assert_false(scene_scale_noise(s, 1.5, &err));
    assert_non_null(strstr(err.message, "noise"));
    assert_string_equal(s->runs[0].run.desc.spec, "flow:lr=0.1");
    scene_destroy(s);
}

static void test_start_at_moves_every_run(void **state)
{
    (void)state;
    const char *runs[] = {"gd", "adam:lr=0.1,x0=1,y0=1"};
    Scene *s = make("quadratic", runs, 2);
    assert_close(s->runs[1].run.path[0].x, 1, 0);
    scene_step(s, 10);
    scene_start_at(s, -0.5, 0.25);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(run_steps(&s->runs[i].run), 0);
        assert_close(s->runs[i].run.path[0].x, -0.5, 0);
        assert_close(s->runs[i].run.path[0].y, 0.25, 0);
    }
    scene_step(s, 10);
    scene_reset(s);
    assert_close(run_head(&s->runs[1].run).x, -0.5, 0);
    scene_destroy(s);
}

/* Zooming about a point keeps that point on the same pixel. */
static void test_zoom_keeps_point(void **state)
{
    (void)state;
    Scene *s = make("rosenbrock", NULL, 0);
    Viewport before = viewport_fit(s->view, 800, 500);
    double px, py, cx = 0.3, cy = 1.7;
    viewport_to_pixel(&before, cx, cy, &px, &py);
    scene_zoom(s, cx, cy, 0.5);
    Viewport after = viewport_fit(s->view, 800, 500);
    double qx, qy;
    viewport_to_pixel(&after, cx, cy, &qx, &qy);
    assert_close(qx, px, 1e-9);
    assert_close(qy, py, 1e-9);
    assert_close(viewport_units_per_pixel(&after), 0.5 * viewport_units_per_pixel(&before), 1e-15);
    ViewRect v = s->view;
    scene_pan(s, 1.0, -2.0);
    assert_close(s->view.xmin, v.xmin + 1.0, 1e-15);
    assert_close(s->view.ymax, v.ymax - 2.0, 1e-15);
    scene_destroy(s);
}

/* Equal scales on both axes: the narrow axis is widened about the centre. */
static void test_viewport_fit(void **state)
{
    (void)state;
    Viewport v = viewport_fit((ViewRect){0, 2, 0, 1}, 400, 400);
    assert_close(v.world.xmin, 0, 1e-15);
    assert_close(v.world.xmax, 2, 1e-15);
    assert_close(v.world.ymin, -0.5, 1e-15);
    assert_close(v.world.ymax, 1.5, 1e-15);
    double px, py, x, y;
    viewport_to_pixel(&v, 0, 1.5, &px, &py);
    assert_close(px, 0, 1e-12);
    assert_close(py, 0, 1e-12);
    viewport_to_pixel(&v, 1, 0.5, &px, &py);
    assert_close(px, 200, 1e-12);
    assert_close(py, 200, 1e-12);
    viewport_to_world(&v, 100, 300, &x, &y);
    assert_close(x, 0.5, 1e-12);
    assert_close(y, 0.0, 1e-12);
}

static void test_diverging_run_stops(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.5", "gd:lr=0.01"};
    Scene *s = make("quadratic:l1=1,l2=10", runs, 2);
    for (int i = 0; i < 20; i++)
        scene_advance(s, 0.5);
    assert_int_equal(s->runs[0].run.status, RUN_DIVERGED);
    size_t at = run_steps(&s->runs[0].run);
    scene_advance(s, 0.5);
    assert_int_equal(run_steps(&s->runs[0].run), at);
    assert_int_equal(s->runs[1].run.status, RUN_ACTIVE);
    scene_destroy(s);
}

static void test_particles_need_a_noisy_run(void **state)
{
    (void)state;
    SceneOptions options = {.landscape = "quadratic", .runs = {"gd", "sgd:lr=0.01,noise=0.5"},
                            .run_count = 2, .particles = 50};
    DescentError err = {""};
    Scene *s = scene_create(&options, &err);
    assert_non_null(s);
    assert_non_null(s->swarm);
    assert_int_equal(swarm_count(s->swarm), 50);
    assert_int_equal(s->swarm_run, 1);
    scene_step(s, 4);
    assert_int_equal(swarm_steps(s->swarm), 4);
    scene_destroy(s);
    options.run_count = 1;
    assert_null(scene_create(&options, &err));
    assert_non_null(strstr(err.message, "particles"));
}

/* With the flow overlay on, each run's flow is the exact solution of
 * dθ/dt = -∇L at time k lr after k updates: on 0.5 (x² + 8 y²) that is
 * (x0 e^{-t}, y0 e^{-8t}).  Changing the run's lr makes the flow stale
 * until the next update remakes it; a flow run gets no flow of its own. */
static void test_flow_follows_exact_flow(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.05,x0=-2.5,y0=1.5", "flow:lr=0.05"};
    Scene *s = make("quadratic:l1=1,l2=8", runs, 2);
    assert_null(scene_flow(s, 0));
    scene_step(s, 3);
    scene_show_flow(s, true);
    scene_step(s, 37);
    const Run *flow = scene_flow(s, 0);
    assert_non_null(flow);
    assert_null(scene_flow(s, 1));
    assert_int_equal(run_steps(flow), 40);
    assert_int_equal(run_steps(&s->runs[0].run), 40);
    for (size_t k = 0; k <= 40; k++) {
        double t = 0.05 * (double)k;
        assert_close(flow->path[k].x, -2.5 * exp(-t), 1e-6);
        assert_close(flow->path[k].y, 1.5 * exp(-8.0 * t), 1e-6);
    }
    /* A mid-run lr change: the flow's time goes on at the new rate, 40
     * updates at 0.05 then 10 at 0.1 end at t = 3.  The flow run keeps
     * the scene's time clock (scene_on_time): its 60 updates reach t = 3. */
    DescentError err = {""};
    assert_true(scene_scale_lr(s, 2.0, &err));
    assert_null(scene_flow(s, 0));
    scene_step(s, 20);
    assert_int_equal(run_steps(&s->runs[0].run), 50);
    flow = scene_flow(s, 0);
    assert_non_null(flow);
    assert_close(flow->desc.lr, 0.1, 1e-15);
    assert_close(flow->path[50].x, -2.5 * exp(-3.0), 1e-6);
    assert_close(flow->path[50].y, 1.5 * exp(-24.0), 1e-6);
    /* Rewound before the change, it is back at the old rate. */
    scene_seek(s, 20);
    flow = scene_flow(s, 0);
    assert_non_null(flow);
    assert_int_equal(run_steps(flow), 20);
    assert_close(flow->desc.lr, 0.05, 0);
    assert_close(flow->path[20].x, -2.5 * exp(-1.0), 1e-6);
    scene_seek(s, 60);
    scene_show_flow(s, false);
    scene_step(s, 10);
    assert_int_equal(run_steps(&s->runs[0].run), 55);
    assert_int_equal(run_steps(scene_flow(s, 0)), 50);
    scene_destroy(s);
}

/* Basin shares: all particles start at one point, so its basin holds them
 * all; after 300 noisy steps the shares agree with basin_of of each
 * particle to within the few on cell borders, and with the share elsewhere
 * sum to 1, in the basins of scene_basin_minima's minima.  No swarm, no
 * shares. */
static void test_basin_shares_follow_basins(void **state)
{
    (void)state;
    SceneOptions options = {.landscape = "sharp_flat", .runs = {"sgd:lr=0.02,noise=1.5"},
                            .run_count = 1, .particles = 400, .has_seed = true, .seed = 7};
    DescentError err = {""};
    Scene *s = scene_create(&options, &err);
    assert_non_null(s);
    LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
    double shares[LANDSCAPE_MAX_MINIMA], elsewhere;
    size_t n = scene_basin_shares(s, minima, shares, LANDSCAPE_MAX_MINIMA, &elsewhere);
    assert_int_equal(n, 2);
    int start_basin = basin_of(s->landscape, s->start.x, s->start.y);
    assert_true(start_basin >= 0);
    for (size_t k = 0; k < n; k++)
        assert_close(shares[k], (int)k == start_basin ? 1.0 : 0.0, 0);
    assert_close(elsewhere, 0.0, 0);

    scene_step(s, 300);
    n = scene_basin_shares(s, minima, shares, LANDSCAPE_MAX_MINIMA, &elsewhere);
    assert_int_equal(n, 2);
    double by_point[2] = {0, 0};
    const float *xy = swarm_positions(s->swarm);
    for (size_t p = 0; p < 400; p++) {
        int b = basin_of(s->landscape, (double)xy[2 * p], (double)xy[2 * p + 1]);
        if (b >= 0)
            by_point[b] += 1.0 / 400;
    }
    print_message("basin shares after 300 steps: %.4f %.4f (by point %.4f %.4f), elsewhere %.4f\n",
                  shares[0], shares[1], by_point[0], by_point[1], elsewhere);
    assert_true(shares[0] > 0.05 && shares[1] > 0.05); /* the noise spread them */
    for (size_t k = 0; k < 2; k++)
        assert_close(shares[k], by_point[k], 0.01);
    assert_close(shares[0] + shares[1] + elsewhere, 1.0, 1e-12);
    /* scene_basin_minima: the same minima, in the same order. */
    LandscapePoint alone[LANDSCAPE_MAX_MINIMA];
    assert_int_equal(scene_basin_minima(s, alone, LANDSCAPE_MAX_MINIMA), n);
    for (size_t k = 0; k < n; k++)
        assert_true(alone[k].x == minima[k].x && alone[k].y == minima[k].y);
    scene_destroy(s);
    const char *runs[] = {"gd"};
    s = make("sharp_flat", runs, 1);
    assert_int_equal(scene_basin_shares(s, minima, shares, LANDSCAPE_MAX_MINIMA, &elsewhere), 0);
    assert_int_equal(scene_basin_minima(s, minima, LANDSCAPE_MAX_MINIMA), 0);
    scene_destroy(s);
}

/* Opens a lesson of text (written to a temporary file, removed again) on
 * s with player; fails the test when it does not open. */
static void open_lesson_text(LessonPlayer *player, Scene *s, const char *text)
{
    char path[] = "/tmp/descent-test-scene-XXXXXX.lua";
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    DescentError err = {""};
    bool opened = lesson_player_open(player, path, "en", NULL, s, &err);
    unlink(path);
    if (!opened)
        fail_msg("%s", err.message);
}

/* Fills dest with bytes of text: 3-byte characters, then ASCII. */
static void cjk_text(char *dest, size_t bytes)
{
    size_t n = 0;
    for (; n + 3 <= bytes; n += 3)
        memcpy(dest + n, "梯", 3);
    for (; n < bytes; n++)
        dest[n] = 'a';
    dest[n] = '\0';
}

/* The longest texts a lesson may hold (lesson.h) reach the scene whole:
 * the scene's buffers are sized from the loader's limits (issue 14). */
static void test_lesson_texts_at_their_limits_shown_whole(void **state)
{
    (void)state;
    static char title[LESSON_TITLE_MAX + 1], caption[LESSON_CAPTION_MAX + 1],
        label[LESSON_LABEL_MAX + 1], text[LESSON_CAPTION_MAX + 512], expected[SCENE_TITLE_MAX];
    cjk_text(title, LESSON_TITLE_MAX);
    cjk_text(caption, LESSON_CAPTION_MAX);
    cjk_text(label, LESSON_LABEL_MAX);
    snprintf(text, sizeof text,
             "lesson { title = '%s', landscape = 'quadratic' }\n"
             "step { caption = '%s', marks = { { x = 0, y = 0, label = '%s' } } }\n",
             title, caption, label);
    Scene *s = make(NULL, NULL, 0);
    LessonPlayer player;
    open_lesson_text(&player, s, text);
    snprintf(expected, sizeof expected, "1/1  %s", title);
    assert_string_equal(s->title, expected);
    assert_string_equal(s->caption, caption);
    assert_int_equal(s->mark_count, 1);
    assert_string_equal(s->marks[0].label, label);
    lesson_player_close(&player);
    scene_destroy(s);
}

/* A lesson step's show turns on the overlays (and the 3D view) it names
 * and the next step's turns off what it does not name; a step that names
 * no view shows the viewer's own (here 2D), not the one a step before
 * asked for; the flow is there from the step's start and follows the
 * run's play. */
static void test_lesson_show_reaches_display(void **state)
{
    (void)state;
    Scene *s = make("quadratic", NULL, 0);
    LessonPlayer player;
    open_lesson_text(&player, s,
        "lesson { title = 't', landscape = 'quadratic' }\n"
        "step { runs = { 'gd:lr=0.05' }, play = 20, show = { 'flow', 'velocity' } }\n"
        "step { runs = { 'sgd:lr=0.01' }, particles = 30, show = { 'basins', 'gradient', '3d' } }\n"
        "step { keep = true }\n"
        "step { show = { '2d', 'spread', 'axes', 'distance' }, distance_from = { 1, -2 },\n"
        "       plot = { ymin = 1e-6, ymax = 10, run = 1 } }\n");
    assert_true(s->display.flow && s->display.velocity);
    assert_false(s->display.basins || s->display.arrows);
    assert_non_null(scene_flow(s, 0));
    scene_advance(s, 10.0);
    assert_int_equal(run_steps(&s->runs[0].run), 20);
    assert_int_equal(run_steps(scene_flow(s, 0)), 20);
    assert_false(s->display.view3d);
    assert_true(lesson_player_next(&player, s));
    assert_false(s->display.flow || s->display.velocity);
    assert_true(s->display.basins && s->display.arrows && s->display.view3d);
    assert_true(lesson_player_next(&player, s));
    assert_false(s->display.basins || s->display.arrows);
    assert_false(s->display.view3d);
    assert_true(s->display.plot_run == -1 && s->display.loss_ymax == 0);
    assert_true(lesson_player_next(&player, s));
    assert_false(s->display.view3d);
    assert_true(s->display.spread && s->display.axes);
    assert_int_equal(s->display.plot, SCENE_PLOT_DISTANCE);
    assert_true(s->display.distance_from[0] == 1 && s->display.distance_from[1] == -2);
    assert_true(s->display.loss_ymin == 1e-6 && s->display.loss_ymax == 10);
    assert_true(s->display.plot_run == 0);
    lesson_player_close(&player);
    scene_destroy(s);
}

/* Steps that count over the same starts keep one measurement, each
 * showing its own tally: moving on measures nothing again
 * (adam_vs_sgd_network's steps 2 to 6, 14 s of CPU a measurement, and a
 * step 4 without starts made step 5 wait for them afresh).  Measured once
 * (paced: all three rows in), the next step's picture holds every row
 * before any update.  A step without starts ends the measurement; the
 * next with starts begins a new one, with no row in. */
static void test_lesson_starts_kept_across_steps(void **state)
{
    (void)state;
    Scene *s = make(NULL, NULL, 0);
    LessonPlayer player;
    open_lesson_text(&player, s,
        "lesson { title = 't', model = 'mlp:layers=2-4-2,act=tanh,loss=mse',\n"
        "         data = 'moons:n=40' }\n"
        "step { runs = { 'gd:lr=0.2', 'adam:lr=0.02' }, play = 8, starts = 3, tally = { 'edge' } }\n"
        "step { keep = true, starts = 3, tally = { 'regions' } }\n"
        "step { keep = true, starts = 3, tally = { 'held_out' } }\n"
        "step { keep = true }\n"
        "step { keep = true, starts = 3 }\n");
    NetStartsLive *live = s->starts;
    assert_non_null(live);
    net_starts_live_update(live, true);
    assert_int_equal(net_starts_live_picture(live)->measured, 3);
    for (int k = 0; k < 2; k++) {
        assert_true(lesson_player_next(&player, s));
        assert_ptr_equal(s->starts, live);
        assert_int_equal(net_starts_live_picture(s->starts)->measured, 3);
    }
    assert_int_equal(s->display.starts_tally, 1u << NET_STARTS_HELD_OUT);
    assert_true(lesson_player_next(&player, s));
    assert_null(s->starts);
    assert_true(lesson_player_next(&player, s));
    assert_non_null(s->starts);
    assert_int_equal(net_starts_live_picture(s->starts)->measured, 0);
    lesson_player_close(&player);
    scene_destroy(s);
}

/* The viewer's own view (Tab sets display.view3d) sticks across steps that
 * name none, in either direction, around steps that name one; turning the
 * view during a step that named one is the viewer's choice too. */
static void test_viewer_view_sticks_across_steps(void **state)
{
    (void)state;
    Scene *s = make("quadratic", NULL, 0);
    LessonPlayer player;
    open_lesson_text(&player, s,
        "lesson { title = 't', landscape = 'quadratic' }\n"
        "step { runs = { 'gd' } }\n"
        "step { show = { '2d' } }\n"
        "step { }\n"
        "step { show = { '3d' } }\n"
        "step { }\n");
    assert_false(s->display.view3d);
    s->display.view3d = true; /* Tab */
    assert_true(lesson_player_next(&player, s));
    assert_false(s->display.view3d);
    assert_true(lesson_player_next(&player, s));
    assert_true(s->display.view3d);
    s->display.view3d = false; /* Tab */
    assert_true(lesson_player_next(&player, s));
    assert_true(s->display.view3d);
    assert_true(lesson_player_next(&player, s));
    assert_false(s->display.view3d);
    /* Back through the 3D step: Tab on it (to 2D) is the viewer's choice. */
    assert_true(lesson_player_previous(&player, s));
    assert_true(s->display.view3d);
    s->display.view3d = false;
    assert_true(lesson_player_previous(&player, s));
    assert_false(s->display.view3d);
    lesson_player_close(&player);
    scene_destroy(s);
}

/* A run given again by the same spec keeps its colour's place, whatever
 * its position in the new list; a new settings takes a place no settings
 * took before, and once those are gone the lowest free.  The runs are
 * momentum.lua's (GD alone, momentum alone, both: GD must not change
 * colour; then momentum with another β takes a colour of its own),
 * adaptive.lua's steps 1 and 2 (GD and Adam at new η are new runs) and
 * learning_rate.lua's steps 4 to 7, where η = 0.19 is listed second,
 * second, -, first, and η = 0.21 is alone in step 6, in a colour of its
 * own. */
static void test_same_run_keeps_its_color(void **state)
{
    (void)state;
    Scene *s = make("quadratic:l1=1,l2=10", NULL, 0);
    LessonPlayer player;
    open_lesson_text(&player, s,
        "lesson { title = 't', landscape = 'quadratic:l1=1,l2=10' }\n"
        "step { runs = { 'gd:lr=0.035' } }\n"
        "step { runs = { 'momentum:lr=0.02,momentum=0.8' } }\n"
        "step { runs = { 'gd:lr=0.035', 'momentum:lr=0.02,momentum=0.8' } }\n"
        "step { runs = { 'gd:lr=0.035', 'momentum:lr=0.02,momentum=0.99' } }\n");
    assert_int_equal(s->runs[0].color, 0);
    assert_true(lesson_player_next(&player, s));
    assert_int_equal(s->runs[0].color, 1);
    assert_true(lesson_player_next(&player, s));
    assert_int_equal(s->runs[0].color, 0);
    assert_int_equal(s->runs[1].color, 1);
    assert_true(lesson_player_next(&player, s));
    assert_int_equal(s->runs[0].color, 0);
    assert_int_equal(s->runs[1].color, 2);
    lesson_player_close(&player);
    open_lesson_text(&player, s,
        "lesson { title = 't', landscape = 'quadratic:l1=1,l2=10' }\n"
        "step { runs = { 'gd:lr=0.02', 'adam:lr=0.05' } }\n"
        "step { runs = { 'gd:lr=0.01', 'adam:lr=0.1', 'rmsprop:lr=0.05', 'adagrad:lr=0.5' } }\n");
    assert_true(lesson_player_next(&player, s));
    static const size_t adaptive[4] = {2, 3, 4, 5};
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(s->runs[i].color, adaptive[i]);
    lesson_player_close(&player);
    open_lesson_text(&player, s,
        "lesson { title = 't', landscape = 'quadratic:l1=1,l2=10' }\n"
        "step { runs = { 'gd:lr=0.1', 'gd:lr=0.19' } }\n"
        "step { runs = { 'gd:lr=0.1', 'gd:lr=0.19', 'gd:lr=0.18' } }\n"
        "step { runs = { 'gd:lr=0.21' } }\n"
        "step { runs = { 'gd:lr=0.19', 'gd:lr=0.21' } }\n"
        "step { runs = { 'gd:lr=0.19', 'gd:lr=1', 'gd:lr=2', 'gd:lr=3', 'gd:lr=4', 'gd:lr=5' } }\n");
    assert_int_equal(s->runs[0].color, 0);
    assert_int_equal(s->runs[1].color, 1);
    assert_true(lesson_player_next(&player, s));
    assert_int_equal(s->runs[0].color, 0);
    assert_int_equal(s->runs[1].color, 1);
    assert_int_equal(s->runs[2].color, 2);
    assert_true(lesson_player_next(&player, s));
    /* GD at three η shown together: η = 0.21 takes none of theirs. */
    assert_int_equal(s->runs[0].color, 3);
    assert_true(lesson_player_next(&player, s));
    assert_string_equal(s->runs[0].run.desc.spec, "gd:lr=0.19");
    assert_int_equal(s->runs[0].color, 1);
    assert_int_equal(s->runs[1].color, 3);
    assert_true(lesson_player_next(&player, s));
    /* The places no settings took, then the lowest free ones. */
    static const size_t places[6] = {1, 4, 5, 6, 0, 2};
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(s->runs[i].color, places[i]);
    DescentError err = {""};
    /* A run started elsewhere with the same settings keeps the colour of
     * what it is (adaptive 2 and 3's RMSProp). */
    assert_true(scene_set_runs(s, (const char *const[]){"gd:x0=1,lr=0.19,y0=2", "gd:lr=7"}, 2,
                               &err));
    assert_int_equal(s->runs[0].color, 1);
    assert_int_equal(s->runs[1].color, 0); /* GD's lowest free place */
    /* A run changed in place ([ ]) stays the same run. */
    scene_select(s, 1);
    assert_true(scene_scale_lr(s, 0.5, &err));
    assert_int_equal(s->runs[1].color, 0);
    lesson_player_close(&player);
    scene_destroy(s);
}

/* A run the experiment on stage measures as one of its kinds of walker
 * takes that kind's colour, the colour of its points in the experiment's
 * picture (issue 12: escape's Hessian-shaped walkers were orange on the
 * map, their points blue): put on stage after the runs (`descent
 * --experiment`) or with them (escape.lua's steps 4 to 6, each shown
 * again), and the lesson's plan gives it that colour in a step without
 * the experiment too (escape 4's walkers were orange, the isotropic
 * kind's colour from step 5 on). */
static void test_experiment_kind_color(void **state)
{
    (void)state;
    const char *hessian = "sgd:lr=0.02,noise=3.5355,noise_model=hessian";
    Scene *s = make("parabolic_wells", &hessian, 1);
    assert_int_equal(s->runs[0].color, 0);
    DescentError err = {""};
    assert_true(scene_set_experiment(s, "sharp_escape", &err));
    assert_int_equal(s->runs[0].color, 1);
    LessonPlayer player;
    open_lesson_text(&player, s,
        "lesson { title = 't', landscape = 'parabolic_wells' }\n"
        "step { runs = { 'sgd:lr=0.02,noise=3.5355,noise_model=hessian' },\n"
        "       experiment = 'sharp_escape' }\n"
        "step { runs = { 'sgd:lr=0.02,noise=5.5902' }, experiment = 'sharp_escape' }\n"
        "step { runs = { 'sgd:lr=0.02,noise=3.5355,noise_model=hessian' },\n"
        "       experiment = 'sharp_escape' }\n"
        "step { runs = { 'sgd:lr=0.02,noise=3.5355,noise_model=hessian' } }\n");
    static const size_t places[] = {1, 0, 1, 1};
    for (size_t k = 0; k < 4; k++) {
        assert_int_equal(s->runs[0].color, places[k]);
        assert_true(lesson_player_next(&player, s) == (k < 3));
    }
    assert_true(lesson_player_previous(&player, s));
    assert_int_equal(s->runs[0].color, 1);
    lesson_player_close(&player);
    scene_destroy(s);
}

/* A lesson loads in a forked child (lesson/lesson_load.c) while an
 * experiment measures beside the stage on a thread of its own: the player
 * holds that thread at rest across each fork and lets it go on after.  A
 * child forked while the thread allocated hung in the sanitizers'
 * allocator until the load's time limit failed it (2 loads in 5 under
 * ASan).  Here a lesson is opened, and reloaded from disk, again and again
 * while a long measurement runs: every load succeeds, the same measurement
 * goes on throughout, and afterwards its share done still grows (a hold
 * never released would wait here until meson's timeout). */
static ExperimentLive *watched;  /* the measurement before_fork looks at */
static int forks, forks_held, forks_astir;

/* Called by fork (pthread_atfork) in the parent just before the child
 * splits off: whether the watched measurement's thread waits in a hold,
 * or has ended, or is astir. */
static void before_fork(void)
{
    if (!watched)
        return;
    forks++;
    experiment_live_update(watched, 0.0, false);
    if (experiment_live_held(watched))
        forks_held++;
    else if (!experiment_live_picture(watched)->finished)
        forks_astir++;
}

static void test_reload_while_measuring(void **state)
{
    (void)state;
    /* Some 2·10¹⁰ walker steps, minutes here; stopped within a round of
     * walkers at the end. */
    static const char spec[] = "kramers:from=9,to=9.5,points=2,escapes=20000";
    Scene *s = make("double_well", NULL, 0);
    DescentError err = {""};
    assert_true(scene_set_experiment(s, spec, &err));
    ExperimentLive *live = s->experiment;
    assert_int_equal(pthread_atfork(before_fork, NULL, NULL), 0);
    watched = live;
    char text[256];
    for (int k = 0; k < 20; k++) {
        snprintf(text, sizeof text,
                 "lesson { title = 'opened %d', landscape = 'double_well' }\n"
                 "step { runs = { 'sgd:lr=0.02,noise=5.77' }, experiment = '%s' }\n", k, spec);
        LessonPlayer player;
        open_lesson_text(&player, s, text);
        assert_ptr_equal(s->experiment, live);
        lesson_player_close(&player);
    }
    char path[] = "/tmp/descent-test-scene-XXXXXX.lua";
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    close(fd);
    LessonPlayer player = {0};
    for (int k = 0; k < 20; k++) {
        snprintf(text, sizeof text,
                 "lesson { title = 'reloaded %d', landscape = 'double_well' }\n"
                 "step { runs = { 'sgd:lr=0.02,noise=5.77' }, experiment = '%s' }\n", k, spec);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(text, f);
        fclose(f);
        if (k == 0) {
            assert_true(lesson_player_open(&player, path, "en", NULL, s, &err));
        } else {
            /* A time of its own, so the player sees the change. */
            struct timespec when[2] = {{k, 0}, {k, 0}};
            assert_int_equal(utimensat(AT_FDCWD, path, when, 0), 0);
            while (!lesson_player_poll(&player, s))
                nanosleep(&(struct timespec){0, 1000000}, NULL);
        }
        char title[64];
        snprintf(title, sizeof title, "1/1  reloaded %d", k);
        assert_string_equal(s->title, title);
        assert_ptr_equal(s->experiment, live);
    }
    lesson_player_close(&player);
    unlink(path);
    watched = NULL;
    /* One fork a load, none while the thread was astir; the first loads
     * came while it measured (it measures for far longer than they take). */
    assert_int_equal(forks, 40);
    assert_int_equal(forks_astir, 0);
    assert_true(forks_held > 0);
    /* Let go: it measures on (a thread held for ever neither reports nor
     * finishes). */
    experiment_live_update(live, 0.0, false);
    double before = experiment_live_picture(live)->done;
    while (!experiment_live_picture(live)->finished &&
           experiment_live_picture(live)->done <= before) {
        nanosleep(&(struct timespec){0, 10000000}, NULL);
        experiment_live_update(live, 0.0, false);
    }
    scene_destroy(s);
}

/* The lesson's colour plan: gradient_flow.lua shows GD at η = 0.01, 0.05
 * and 0.2 alone beside the flow in steps 1-3, then all three together in
 * step 4; each keeps one colour through every step, so they differ from
 * step 1 on, and the flow at two η, never shown together, has two.  A
 * key's alternative shown together (its runs) counts as shown beside. */
static void test_lesson_run_keeps_one_color(void **state)
{
    (void)state;
    Scene *s = make("quadratic:l1=1,l2=10", NULL, 0);
    LessonPlayer player;
    open_lesson_text(&player, s,
        "lesson { title = 't', landscape = 'quadratic:l1=1,l2=10' }\n"
        "step { runs = { 'gd:lr=0.01', 'flow:lr=0.01' } }\n"
        "step { runs = { 'gd:lr=0.05', 'flow:lr=0.05' } }\n"
        "step { runs = { 'gd:lr=0.2', 'flow:lr=0.01' } }\n"
        "step { runs = { 'gd:lr=0.01', 'gd:lr=0.05', 'gd:lr=0.2', 'flow:lr=0.01' } }\n"
        "step { runs = { 'adam:lr=0.1' }, keys = { t = { label = 'both', runs = {\n"
        "       { 'adam:lr=0.1', 'adam:lr=0.2' } } } } }\n");
    static const size_t places[4][4] = {{0, 1}, {2, 3}, {4, 1}, {0, 2, 4, 1}};
    for (size_t k = 0; k < 4; k++) {
        for (size_t i = 0; i < s->run_count; i++)
            assert_int_equal(s->runs[i].color, places[k][i]);
        assert_true(lesson_player_next(&player, s));
    }
    assert_int_equal(s->runs[0].color, 5);
    assert_true(lesson_player_key(&player, s, 't'));
    assert_int_equal(s->run_count, 2);
    assert_int_equal(s->runs[0].color, 5);
    assert_int_equal(s->runs[1].color, 6);
    /* Going back shows the same colours. */
    assert_true(lesson_player_previous(&player, s));
    assert_true(lesson_player_previous(&player, s));
    assert_int_equal(s->runs[0].color, 4);
    lesson_player_close(&player);
    scene_destroy(s);
}

static void test_bad_spec_is_an_error(void **state)
{
    (void)state;
    SceneOptions options = {.landscape = "rosenbrok"};
    DescentError err = {""};
    assert_null(scene_create(&options, &err));
    assert_non_null(strstr(err.message, "rosenbrok"));
    options = (SceneOptions){.runs = {"adam:beta3=1"}, .run_count = 1};
    assert_null(scene_create(&options, &err));
    assert_non_null(strstr(err.message, "beta3"));
}

/* 'l' visits every landscape kind but expr (which needs a formula). */
static void test_next_landscape_cycles(void **state)
{
    (void)state;
    Scene *s = make(NULL, NULL, 0);
    size_t count;
    landscape_kinds(&count);
    DescentError err = {""};
    unsigned serial = s->landscape_serial;
    for (size_t k = 0; k + 1 < count; k++) {
        assert_true(scene_next_landscape(s, &err));
        assert_string_not_equal(landscape_name(s->landscape), "expr");
        assert_int_equal(s->run_count, 3);
    }
    assert_string_equal(landscape_name(s->landscape), "rosenbrock");
    assert_true(s->landscape_serial != serial);
    scene_destroy(s);
}

static void test_hide_and_notice(void **state)
{
    (void)state;
    Scene *s = make(NULL, NULL, 0);
    scene_toggle_hidden(s, 1);
    assert_true(s->runs[1].hidden);
    scene_toggle_hidden(s, 1);
    assert_false(s->runs[1].hidden);
    scene_toggle_hidden(s, 9);
    scene_notify(s, 1.0, "hello %d", 3);
    scene_advance(s, 0.5);
    assert_string_equal(s->notice, "hello 3");
    scene_advance(s, 0.6);
    assert_string_equal(s->notice, "");
    scene_destroy(s);
}

/* Captions and titles that do not fit are cut between characters, never
 * inside one; marks are copied, at most SCENE_MAX_MARKS of them. */
static void test_texts_cut_at_characters(void **state)
{
    (void)state;
    Scene *s = make(NULL, NULL, 0);
    char long_text[3 * SCENE_CAPTION_MAX];
    size_t n = 0;
    while (n + 3 < sizeof long_text) {
        memcpy(long_text + n, "梯", 3);
        n += 3;
    }
    long_text[n] = '\0';
    scene_set_caption(s, long_text);
    size_t len = strlen(s->caption);
    assert_true(len < SCENE_CAPTION_MAX && len % 3 == 0 && len > SCENE_CAPTION_MAX - 4);
    scene_set_title(s, long_text);
    assert_int_equal(strlen(s->title) % 3, 0);
    scene_set_caption(s, NULL);
    assert_string_equal(s->caption, "");

    SceneMark marks[SCENE_MAX_MARKS + 1] = {{0.5, -0.5, 0.1, "sharp 尖"}};
    DescentError err = {""};
    assert_true(scene_set_marks(s, marks, 1, &err));
    assert_int_equal(s->mark_count, 1);
    assert_close(s->marks[0].x, 0.5, 0);
    assert_close(s->marks[0].radius, 0.1, 0);
    assert_string_equal(s->marks[0].label, "sharp 尖");
    assert_false(scene_set_marks(s, marks, SCENE_MAX_MARKS + 1, &err));
    assert_non_null(strstr(err.message, "marks"));
    assert_int_equal(s->mark_count, 1);
    scene_destroy(s);
}

/* A lesson step's show picks the dynamics plot ("stability" and
 * "sharpness" the sharpness plot, then "norm", then "schedule") and the
 * step boxes; data overlays stay on (the default) throughout. */
static void test_lesson_show_picks_plot(void **state)
{
    (void)state;
    Scene *s = make("quadratic", NULL, 0);
    LessonPlayer player;
    open_lesson_text(&player, s,
        "lesson { title = 't', landscape = 'linreg:n=1' }\n"
        "step { runs = { 'adam:lr=0.05' }, show = { 'loss', 'stability', 'effective_step' } }\n"
        "step { show = { 'schedule', 'norm' } }\n"
        "step { show = { 'schedule' } }\n"
        "step { show = { 'sharpness' } }\n"
        "step { }\n");
    assert_true(s->display.data);
    assert_int_equal(s->display.plot, SCENE_PLOT_SHARPNESS);
    assert_true(s->display.effective_step);
    static const ScenePlot next[] = {SCENE_PLOT_NORM, SCENE_PLOT_SCHEDULE, SCENE_PLOT_SHARPNESS,
                                     SCENE_PLOT_NONE};
    for (size_t k = 0; k < 4; k++) {
        assert_true(lesson_player_next(&player, s));
        assert_int_equal(s->display.plot, next[k]);
        assert_false(s->display.effective_step);
        assert_true(s->display.data);
    }
    lesson_player_close(&player);
    scene_destroy(s);
}

/* A stage without runs: every change of "the selected run" says so, in
 * the one message scene_selected_run owns, and changes nothing. */
static void test_no_run_to_change(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.1"};
    Scene *scene = scene_for_test((SceneOptions){.landscape = "quadratic"}, runs, 1);
    DescentError err = {""};
    assert_true(scene_set_runs(scene, NULL, 0, &err));
    assert_int_equal(scene->run_count, 0);
    assert_null(scene_selected_run(scene, &err));
    assert_string_equal(err.message, "no run to change");
    err.message[0] = '\0';
    assert_false(scene_scale_lr(scene, 2.0, &err));
    assert_string_equal(err.message, "no run to change");
    err.message[0] = '\0';
    assert_false(scene_change_run(scene, "gd:lr=0.2", &err));
    assert_string_equal(err.message, "no run to change");
    err.message[0] = '\0';
    assert_false(scene_scale_momentum(scene, true, &err));
    assert_string_equal(err.message, "no run to change");
    assert_false(run_field_open(scene));
    assert_string_equal(scene->notice, "no run to change");
    assert_int_equal(scene->run_count, 0);
    scene_destroy(scene);
}

/* Each settings the lesson shows has a colour, and so a run number, of
 * its own through the lesson (issue 12: sgd_noise showed noise 2, noise 1,
 * batch 2 and batch 50 all as "2 SGD" in one blue, as SGD was never shown
 * at two of them side by side; momentum 4's μ = 0.99 took μ = 0.8's, and
 * learning_rate's diverging η = 0.21, alone in step 6, took η = 0.1's).
 * The batches are noises here: a batch needs a data landscape. */
static void test_each_settings_keeps_its_own_color(void **state)
{
    (void)state;
    Scene *s = make("quadratic:l1=1,l2=10", NULL, 0);
    LessonPlayer player;
    open_lesson_text(&player, s,
        "lesson { title = 't', landscape = 'quadratic:l1=1,l2=10' }\n"
        "step { runs = { 'gd:lr=0.05', 'sgd:lr=0.05,noise=2' } }\n"
        "step { runs = { 'sgd:lr=0.05,noise=2' } }\n"
        "step { runs = { 'sgd:lr=0.05,noise=1' } }\n"
        "step { runs = { 'sgd:lr=0.2,noise=0.5' } }\n"
        "step { runs = { 'sgd:lr=0.2,noise=0.1' } }\n"
        "step { runs = { 'momentum:lr=0.02,momentum=0.8' } }\n"
        "step { runs = { 'momentum:lr=0.02,momentum=0.99' } }\n");
    static const size_t sgd_noise[7][2] = {{0, 1}, {1}, {2}, {3}, {4}, {5}, {6}};
    for (size_t k = 0; k < 7; k++) {
        for (size_t i = 0; i < s->run_count; i++) {
            assert_int_equal(s->runs[i].color, sgd_noise[k][i]);
            assert_int_equal(scene_run_number(s, i), sgd_noise[k][i] + 1);
        }
        assert_true(k == 6 || lesson_player_next(&player, s));
    }
    lesson_player_close(&player);
    open_lesson_text(&player, s,
        "lesson { title = 't', landscape = 'quadratic:l1=1,l2=10' }\n"
        "step { runs = { 'gd:lr=0.003' } }\n"
        "step { runs = { 'gd:lr=0.1' } }\n"
        "step { runs = { 'gd:lr=0.1', 'gd:lr=0.19' } }\n"
        "step { runs = { 'gd:lr=0.21' } }\n"
        "step { runs = { 'gd:lr=0.19', 'gd:lr=0.21', 'momentum:lr=0.02,momentum=0.8' } }\n"
        "step { runs = { 'momentum:lr=0.02,momentum=0.99' } }\n");
    static const size_t places[6][3] = {{0}, {1}, {1, 2}, {3}, {2, 3, 4}, {5}};
    for (size_t k = 0; k < 6; k++) {
        for (size_t i = 0; i < s->run_count; i++)
            assert_int_equal(s->runs[i].color, places[k][i]);
        assert_true(k == 5 || lesson_player_next(&player, s));
    }
    lesson_player_close(&player);
    scene_destroy(s);
}

/* With a flow on stage the runs keep one time t = Σ η (issue 12:
 * gradient_flow 2 played 500 updates of each run, GD at η 0.05 reached
 * t = 25, the flow at Δt 0.01 t = 5).  A scene step is an update of the run
 * whose updates take least time, the others as far as its time: the flow
 * at 0.02 and GD at 0.03 after 3 are at t = 0.06 (GD's 2 updates), after
 * 300 at t = 6; sought back to 150 at t = 3, the step a time of 3 names;
 * with the flow hidden the clock stays.  Without a flow the runs step
 * together by updates, as before. */
static void test_runs_keep_one_time(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.03", "flow:lr=0.02"};
    Scene *s = make("quadratic:l1=1,l2=8", runs, 2);
    const Run *gd = &s->runs[0].run, *flow = &s->runs[1].run;
    assert_true(scene_on_time(s));
    scene_step(s, 3);
    assert_int_equal(run_steps(flow), 3);
    assert_int_equal(run_steps(gd), 2);
    assert_int_equal(scene_shown_step(s), 3);
    assert_close(scene_shown_time(s), 0.06, 1e-12);
    scene_step(s, 297);
    assert_int_equal(run_steps(flow), 300);
    assert_int_equal(run_steps(gd), 200);
    assert_close(scene_shown_time(s), 6.0, 1e-9);
    scene_seek(s, 150);
    assert_int_equal(run_steps(flow), 150);
    assert_int_equal(run_steps(gd), 100);
    assert_int_equal(scene_step_at_time(s, 3.0), 150);
    scene_toggle_hidden(s, 1);
    assert_true(scene_on_time(s));
    scene_step(s, 30);
    assert_int_equal(run_steps(flow), 180);
    assert_int_equal(run_steps(gd), 120);
    scene_destroy(s);

    const char *steps[] = {"gd:lr=0.03", "gd:lr=0.02"};
    s = make("quadratic:l1=1,l2=8", steps, 2);
    assert_false(scene_on_time(s));
    scene_step(s, 300);
    assert_int_equal(run_steps(&s->runs[0].run), 300);
    assert_int_equal(run_steps(&s->runs[1].run), 300);
    scene_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_welcome_race),
        cmocka_unit_test(test_no_run_to_change),
        cmocka_unit_test(test_pacing_is_by_time),
        cmocka_unit_test(test_paused_scene_does_not_step),
        cmocka_unit_test(test_scale_lr_rewrites_spec),
        cmocka_unit_test(test_noise_steps),
        cmocka_unit_test(test_start_at_moves_every_run),
        cmocka_unit_test(test_zoom_keeps_point),
        cmocka_unit_test(test_viewport_fit),
        cmocka_unit_test(test_diverging_run_stops),
        cmocka_unit_test(test_particles_need_a_noisy_run),
        cmocka_unit_test(test_flow_follows_exact_flow),
        cmocka_unit_test(test_basin_shares_follow_basins),
        cmocka_unit_test(test_lesson_texts_at_their_limits_shown_whole),
        cmocka_unit_test(test_lesson_show_reaches_display),
        cmocka_unit_test(test_lesson_starts_kept_across_steps),
        cmocka_unit_test(test_viewer_view_sticks_across_steps),
        cmocka_unit_test(test_same_run_keeps_its_color),
        cmocka_unit_test(test_lesson_run_keeps_one_color),
        cmocka_unit_test(test_experiment_kind_color),
        cmocka_unit_test(test_reload_while_measuring),
        cmocka_unit_test(test_lesson_show_picks_plot),
        cmocka_unit_test(test_bad_spec_is_an_error),
        cmocka_unit_test(test_next_landscape_cycles),
        cmocka_unit_test(test_hide_and_notice),
        cmocka_unit_test(test_texts_cut_at_characters),
        cmocka_unit_test(test_each_settings_keeps_its_own_color),
        cmocka_unit_test(test_runs_keep_one_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
