/* test_loss_scale.c — the loss plot's axes: a loss reaching its minimum
 * exactly keeps the log scale, a diverging run is marked where it leaves
 * the top, a lesson's fixed range wins, a flow puts time on the x axis. */
#include "scene_testing.h"

#include "scene/loss_scale.h"
#include "scene/scene.h"

/* The scene of these runs on landscape, from (1, 1). */
static Scene *make(const char *landscape, const char *const *runs, size_t count)
{
    return scene_for_test((SceneOptions){.landscape = landscape, .has_start = true,
                                         .start = {1.0, 1.0}},
                          runs, count);
}

/* GD with lr 1 on 0.5(x² + y²) lands on the minimum in one step: the
 * losses are 1 then exactly 0.  The scale stays logarithmic, floored a
 * decade below the least positive loss (1): 0 is plotted at log10(0.1). */
static void a_loss_of_exactly_zero_keeps_the_log_scale(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=1"};
    Scene *s = make("quadratic:l1=1,l2=1", runs, 1);
    scene_step(s, 5);
    assert_true(s->runs[0].run.path[1].loss == 0.0);
    LossScale p = loss_scale_of(s);
    assert_true(p.log);
    assert_close(p.floor, 0.1, 1e-15);
    assert_close(loss_scale_value(&p, 0.0), -1.0, 1e-15);
    assert_close(p.lo, -1.0, 1e-15);
    assert_close(p.hi, 0.0, 1e-15);
    /* The start is the top of the range, not above it. */
    assert_int_equal(loss_scale_exit(&p, &s->runs[0].run), -1);
    scene_destroy(s);
}

/* On 0.5(x² + 10y²) from (1, 1), GD with lr 0.25 multiplies y by
 * 1 − 2.5 = −1.5 each step: L_k = 0.5·0.75^(2k) + 5·2.25^k.  The range
 * reaches three decades above the start L_0 = 5.5, to 5500; L_8 ≈ 3284.
 * and L_9 ≈ 7390, so the run leaves the top at step 9.  GD with lr 0.1
 * converges and never leaves. */
static void a_diverging_run_leaves_the_top_at_the_step_it_passes_it(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.1", "gd:lr=0.25"};
    Scene *s = make("quadratic:l1=1,l2=10", runs, 2);
    scene_step(s, 40);
    LossScale p = loss_scale_of(s);
    assert_true(p.log);
    assert_close(p.hi, log10(5.5) + 3.0, 1e-12);
    assert_int_equal(loss_scale_exit(&p, &s->runs[0].run), -1);
    assert_int_equal(loss_scale_exit(&p, &s->runs[1].run), 9);
    scene_destroy(s);
}

/* GD from (1, 1) on 0.5(x² + 6.4y²) starts at L = 3.7, the top of its
 * range, where 10^log10(3.7) rounds below 3.8: it has not left the plot. */
static void a_run_starting_at_the_top_has_not_left_it(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.1"};
    Scene *s = make("quadratic:l1=1,l2=6.4", runs, 1);
    scene_step(s, 10);
    LossScale p = loss_scale_of(s);
    assert_close(p.hi, log10(3.7), 1e-15);
    assert_true(pow(10.0, p.hi) < s->runs[0].run.path[0].loss);
    assert_int_equal(loss_scale_exit(&p, &s->runs[0].run), -1);
    scene_destroy(s);
}

/* A run that overflows is marked too: at the latest where its loss stops
 * being finite. */
static void an_overflowing_run_is_marked(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=1000"};
    Scene *s = make("quadratic:l1=1,l2=10", runs, 1);
    scene_step(s, 100000);
    const Run *run = &s->runs[0].run;
    assert_int_equal(run->status, RUN_DIVERGED);
    LossScale p = loss_scale_of(s);
    long exit = loss_scale_exit(&p, run);
    assert_true(exit >= 1 && (size_t)exit <= run_steps(run));
    scene_destroy(s);
}

static void a_lessons_range_is_kept(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.1"};
    Scene *s = make("quadratic:l1=1,l2=10", runs, 1);
    s->display.loss_ymin = 1e-6;
    s->display.loss_ymax = 10;
    scene_step(s, 400);
    LossScale p = loss_scale_of(s);
    assert_true(p.fixed && p.log);
    assert_close(p.lo, -6.0, 1e-15);
    assert_close(p.hi, 1.0, 1e-15);
    /* Below the range's bottom is the bottom. */
    assert_close(loss_scale_value(&p, 1e-30), -6.0, 1e-15);
    /* A range that is not one (ymin 0) is ignored. */
    s->display.loss_ymin = 0;
    assert_false(loss_scale_of(s).fixed);
    scene_destroy(s);
}

/* A lesson's first update shown (display.loss_from): the x axis starts
 * there, the range is the losses from there on (GD's, falling: its top
 * is update 30's), and a loss above that top before it (the start's) is
 * not an exit; a first update past the last is left out. */
static void a_lessons_first_update_starts_the_axis(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.1"};
    Scene *s = make("quadratic:l1=1,l2=10", runs, 1);
    scene_step(s, 100);
    s->display.loss_from = 30;
    LossScale p = loss_scale_of(s);
    assert_close(p.from, 30.0, 0);
    assert_close(p.span, 100.0, 0);
    const Run *run = &s->runs[0].run;
    assert_true(run->path[0].loss > 10.0 * run->path[30].loss);
    assert_close(p.hi, log10(run->path[30].loss), 1e-12);
    assert_int_equal(loss_scale_exit(&p, run), -1);
    s->display.loss_from = 100;
    assert_close(loss_scale_of(s).from, 0.0, 0);
    scene_destroy(s);
}

/* x² − y² is unbounded below: losses clearly below 0 make the scale linear. */
static void a_loss_below_the_minimum_makes_the_scale_linear(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.1"};
    Scene *s = make("saddle", runs, 1);
    scene_step(s, 20);
    assert_true(run_head(&s->runs[0].run).loss < -1.0);
    LossScale p = loss_scale_of(s);
    assert_false(p.log);
    assert_close(loss_scale_value(&p, -2.5), -2.5, 0);
    scene_destroy(s);
}

/* Without a flow the x axis counts updates: GD's point k is at k. */
static void without_a_flow_x_is_the_update(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.2", "gd:lr=0.01"};
    Scene *s = make("quadratic:l1=1,l2=8", runs, 2);
    scene_step(s, 300);
    LossScale p = loss_scale_of(s);
    assert_false(p.time);
    assert_close(p.span, 300.0, 0);
    LossCursor c = loss_cursor_at(&p, &s->runs[0].run, 0);
    assert_int_equal(loss_cursor_past(&c, 6.5, 301), 7);
    assert_close(loss_cursor_at(&p, &s->runs[0].run, 40).x, 40.0, 0);
    scene_destroy(s);
}

/* GD with η 0.2 and a flow with Δt 0.01 (as in lessons/gradient_flow.lua),
 * 300 scene steps: x is time t = Σ η, the flow's 300 updates reach t = 3
 * and GD keeps that time (its 15 updates), so the axis spans 0..3, where
 * GD's point 16 (t = 3.2) would be the first past the end.  The flow's
 * L(3) ≈ e^−6 / 2 ≈ 1.2e-3 is the range's bottom decade. */
static void a_flow_puts_time_on_the_x_axis(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.2", "flow:lr=0.01"};
    Scene *s = make("quadratic:l1=1,l2=8", runs, 2);
    scene_step(s, 300);
    LossScale p = loss_scale_of(s);
    assert_true(p.time);
    assert_close(p.span, 3.0, 1e-12);
    LossCursor gd = loss_cursor_at(&p, &s->runs[0].run, 0);
    assert_int_equal(loss_cursor_past(&gd, p.span, 301), 16);
    assert_close(gd.x, 3.2, 1e-12);
    assert_close(loss_cursor_at(&p, &s->runs[1].run, 150).x, 1.5, 1e-12);
    assert_true(p.lo > -4.0 && p.lo < -2.0);
    scene_destroy(s);
}

/* A curve dashed where it runs along an earlier one, not where it
 * crosses it: columns 4 px apart, over the earlier curve for 2 columns
 * (a crossing, 4 px), then for 6 (20 px), then for 6 more after a break in
 * the curve (5 and 5 px, neither a stretch of 20). */
static void only_a_stretch_along_another_curve_is_dashed(void **state)
{
    (void)state;
    static const bool over[] = {false, true, true, false, true, true, true, true, true, true,
                                false, true, true, true, true, true, true};
    enum { N = sizeof over / sizeof over[0] };
    LossColumn columns[N];
    for (size_t i = 0; i < N; i++)
        columns[i] = (LossColumn){4.0 * (double)i, 0, 0, i != 14, over[i], !over[i]};
    loss_columns_along(columns, N, 20.0);
    for (size_t i = 0; i < N; i++)
        assert_int_equal(columns[i].along, i >= 4 && i <= 9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_loss_of_exactly_zero_keeps_the_log_scale),
        cmocka_unit_test(a_lessons_first_update_starts_the_axis),
        cmocka_unit_test(a_diverging_run_leaves_the_top_at_the_step_it_passes_it),
        cmocka_unit_test(a_run_starting_at_the_top_has_not_left_it),
        cmocka_unit_test(an_overflowing_run_is_marked),
        cmocka_unit_test(a_lessons_range_is_kept),
        cmocka_unit_test(a_loss_below_the_minimum_makes_the_scale_linear),
        cmocka_unit_test(without_a_flow_x_is_the_update),
        cmocka_unit_test(a_flow_puts_time_on_the_x_axis),
        cmocka_unit_test(only_a_stretch_along_another_curve_is_dashed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
