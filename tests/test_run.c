/* test_run.c — runs: paths, divergence, restarts, start points, times. */
#include "testing.h"

#include <math.h>

#include "core/run.h"

static void path_records_every_update(void **state)
{
    (void)state;
    Landscape *l = test_landscape("quadratic:l1=1,l2=4");
    OptimizerDesc d = test_optimizer("gd:lr=0.1", l);
    Run run;
    assert_true(run_init(&run, l, &d, 1.0, 1.0, NULL));
    assert_int_equal(run.count, 1);
    assert_close(run.path[0].loss, 0.5 * (1 + 4), 1e-15);
    assert_int_equal(run_advance(&run, 1000), 1000);
    assert_int_equal(run_steps(&run), 1000);
    assert_int_equal(run.status, RUN_ACTIVE);
    /* Step k of GD on 0.5 l x^2 is x0 (1 - lr l)^k, coordinate by coordinate. */
    for (size_t k = 0; k <= 1000; k += 100) {
        assert_close(run.path[k].x, pow(0.9, (double)k), 1e-12);
        assert_close(run.path[k].y, pow(0.6, (double)k), 1e-12);
        double loss = 0.5 * (pow(run.path[k].x, 2) + 4 * pow(run.path[k].y, 2));
        assert_close(run.path[k].loss, loss, 1e-15);
    }
    run_free(&run);
    landscape_destroy(l);
}

static void divergence_stops_with_the_non_finite_point(void **state)
{
    (void)state;
    Landscape *l = test_landscape("quadratic:l1=1,l2=10");
    OptimizerDesc d = test_optimizer("gd:lr=1000", l);
    Run run;
    assert_true(run_init(&run, l, &d, 1.0, 1.0, NULL));
    size_t done = run_advance(&run, 100000);
    assert_true(done < 1000);
    assert_int_equal(run.status, RUN_DIVERGED);
    RunPoint head = run_head(&run);
    assert_false(isfinite(head.x) && isfinite(head.y) && isfinite(head.loss));
    /* Every point before the last is finite. */
    for (size_t k = 0; k + 1 < run.count; k++)
        assert_true(isfinite(run.path[k].loss));
    /* A stopped run stays stopped. */
    assert_int_equal(run_advance(&run, 10), 0);
    run_free(&run);
    landscape_destroy(l);
}

static void restart_goes_back_to_the_start(void **state)
{
    (void)state;
    Landscape *l = test_landscape("rosenbrock");
    OptimizerDesc d = test_optimizer("sgd:lr=0.0001,noise=2,seed=5", l);
    Run run;
    assert_true(run_init(&run, l, &d, -1.5, 2.0, NULL));
    run_advance(&run, 200);
    RunPoint first = run_head(&run);
    run_restart(&run, -1.5, 2.0);
    assert_int_equal(run.count, 1);
    run_advance(&run, 200);
    RunPoint second = run_head(&run);
    /* Same seed, same path, bit for bit. */
    assert_true(first.x == second.x && first.y == second.y);
    run_free(&run);
    landscape_destroy(l);
}

static void start_point_precedence(void **state)
{
    (void)state;
    Landscape *l = test_landscape("rosenbrock");
    OptimizerDesc own = test_optimizer("gd:x0=3,y0=4", l);
    OptimizerDesc plain = test_optimizer("gd", l);
    LandscapePoint scene = {0.5, 0.25};
    LandscapePoint p = run_start_point(&own, &scene, l);
    assert_true(p.x == 3 && p.y == 4);
    p = run_start_point(&plain, &scene, l);
    assert_true(p.x == 0.5 && p.y == 0.25);
    p = run_start_point(&plain, NULL, l);
    LandscapePoint def = landscape_default_start(l);
    assert_true(p.x == def.x && p.y == def.y);
    landscape_destroy(l);
}

/* GD with lr 0.1 on 0.5(x² + 4y²) from (1, 1): θ_k = (0.9^k, 0.6^k), so
 * |θ_1 − θ_0| = |(−0.1, −0.4)| = √0.17 and |θ_2 − (0, 0)| = √(0.81² + 0.36²);
 * the distance from (1, 0) at the start is 1. */
static void distances_and_step_lengths_along_a_path(void **state)
{
    (void)state;
    Landscape *l = test_landscape("quadratic:l1=1,l2=4");
    OptimizerDesc d = test_optimizer("gd:lr=0.1", l);
    Run run;
    assert_true(run_init(&run, l, &d, 1.0, 1.0, NULL));
    run_advance(&run, 2);
    assert_true(isnan(run_step_length(&run, 0)));
    assert_close(run_step_length(&run, 1), sqrt(0.17), 1e-15);
    assert_close(run_step_length(&run, 2), hypot(0.9 - 0.81, 0.6 - 0.36), 1e-15);
    assert_close(run_distance_at(&run, 2, 0.0, 0.0), hypot(0.81, 0.36), 1e-15);
    assert_close(run_distance_at(&run, 0, 1.0, 0.0), 1.0, 1e-15);
    run_free(&run);
    landscape_destroy(l);
}

/* Time as run.h defines it, summed afresh: the kept sums must be these,
 * bit for bit, after a schedule, a seek back and a change of η that
 * forgets the remembered future. */
static double summed_time(const Run *run, size_t k)
{
    double t = 0;
    for (size_t j = 0; j < k; j++)
        t += run_update_time(run, j);
    return t;
}

static size_t summed_updates_within(const Run *run, double t, size_t last)
{
    double reach = t + RUN_TIME_ROUNDING * fabs(t), at = 0;
    size_t k = 0;
    while (k < last && (at += run_update_time(run, k)) <= reach)
        k++;
    return k;
}

static void kept_times_are_the_sums(void **state)
{
    (void)state;
    Landscape *l = test_landscape("quadratic:l1=1,l2=4");
    OptimizerDesc d = test_optimizer("gd:lr=0.1,schedule=step,gamma=0.5,every=7", l);
    OptimizerDesc faster = test_optimizer("gd:lr=0.3,schedule=step,gamma=0.5,every=7", l);
    Run run;
    assert_true(run_init(&run, l, &d, 1.0, 1.0, NULL));
    run_advance(&run, 300);
    run_seek(&run, 100);
    assert_true(run_reconfigure(&run, &faster, NULL));
    run_advance(&run, 50);
    run_seek(&run, 120);
    assert_int_equal(run.known, 151);
    for (size_t k = 0; k < 400; k++) {
        assert_true(run_time_at(&run, k) == summed_time(&run, k));
        double t = summed_time(&run, k);
        for (size_t last = 0; last < 400; last += 37) {
            assert_int_equal(run_updates_within(&run, t, last), summed_updates_within(&run, t, last));
            assert_int_equal(run_updates_within(&run, 0.5 * t, last),
                             summed_updates_within(&run, 0.5 * t, last));
        }
    }
    assert_int_equal(run_updates_within(&run, (double)INFINITY, 399), 399);
    run_free(&run);
    landscape_destroy(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(path_records_every_update),
        cmocka_unit_test(divergence_stops_with_the_non_finite_point),
        cmocka_unit_test(restart_goes_back_to_the_start),
        cmocka_unit_test(start_point_precedence),
        cmocka_unit_test(distances_and_step_lengths_along_a_path),
        cmocka_unit_test(kept_times_are_the_sums),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
