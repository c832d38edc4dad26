/*
 * test_schedule.c — learning-rate schedules against values worked out by
 * hand from the formulas in src/core/schedule.h, and their wiring into the
 * optimizers (spec keys, defaults, optimizer_lr_at, the rate an update uses).
 * Tolerance: |ours - expected| <= 1e-15 * max(1, |expected|).
 */
#include "testing.h"

#include <math.h>
#include <string.h>

#include "core/landscape.h"
#include "core/optimizer.h"
#include "core/schedule.h"

#define TOL 1e-15

static void expect_rates(const ScheduleDesc *s, double lr, const double *expected, int count)
{
    for (int k = 0; k < count; k++) {
        double got = schedule_lr(s, lr, k);
        assert_close_where(got, expected[k], relative_tolerance(TOL, expected[k]),
                           "%s (warmup %ld), update %d", schedule_name(s->kind), s->warmup, k);
    }
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(schedule_name(SCHEDULE_CONSTANT), "constant");
    assert_string_equal(schedule_name(SCHEDULE_STEP), "step");
    assert_string_equal(schedule_name(SCHEDULE_EXP), "exp");
    assert_string_equal(schedule_name(SCHEDULE_COSINE), "cosine");
    assert_string_equal(schedule_name(SCHEDULE_LINEAR), "linear");
    assert_string_equal(SCHEDULE_CHOICES, "constant|step|exp|cosine|linear");
}

static void test_constant(void **state)
{
    (void)state;
    ScheduleDesc s = {.kind = SCHEDULE_CONSTANT, .total = 3, .gamma = 0.5, .every = 1};
    expect_rates(&s, 0.3, (double[]){0.3, 0.3, 0.3, 0.3, 0.3, 0.3}, 6);
}

static void test_step(void **state)
{
    (void)state;
    /* lr·γ^floor(k/every): three updates at 1, three at 0.5, then 0.25. */
    ScheduleDesc s = {.kind = SCHEDULE_STEP, .every = 3, .gamma = 0.5};
    expect_rates(&s, 1.0, (double[]){1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25}, 8);
    s.every = 1;
    s.gamma = 0.1;
    expect_rates(&s, 2.0, (double[]){2, 0.2, 0.02, 0.002}, 4);
}

static void test_exp(void **state)
{
    (void)state;
    ScheduleDesc s = {.kind = SCHEDULE_EXP, .gamma = 0.9};
    expect_rates(&s, 0.5, (double[]){0.5, 0.45, 0.405, 0.3645, 0.32805}, 5);
}

static void test_cosine(void **state)
{
    (void)state;
    /* lr 1 to 0 over 4 updates: (1 + cos(πk/4))/2 = 1, (2+√2)/4, 1/2,
     * (2-√2)/4, 0, and it stays at lr_min after total. */
    ScheduleDesc s = {.kind = SCHEDULE_COSINE, .total = 4, .lr_min = 0};
    double r2 = sqrt(2.0);
    expect_rates(&s, 1.0, (double[]){1, (2 + r2) / 4, 0.5, (2 - r2) / 4, 0, 0, 0}, 7);
    /* lr_min 0.2, lr 1: 0.2 + 0.8 × the above. */
    s.lr_min = 0.2;
    expect_rates(&s, 1.0,
                 (double[]){1, 0.2 + 0.8 * (2 + r2) / 4, 0.6, 0.2 + 0.8 * (2 - r2) / 4, 0.2, 0.2},
                 6);
}

static void test_linear(void **state)
{
    (void)state;
    /* lr 1 to 0.2 over 4 updates: steps of 0.2, then flat. */
    ScheduleDesc s = {.kind = SCHEDULE_LINEAR, .total = 4, .lr_min = 0.2};
    expect_rates(&s, 1.0, (double[]){1, 0.8, 0.6, 0.4, 0.2, 0.2, 0.2}, 7);
    /* It may also rise (lr_min above lr). */
    s.lr_min = 3.0;
    s.total = 2;
    expect_rates(&s, 1.0, (double[]){1, 2, 3, 3}, 4);
}

static void test_warmup(void **state)
{
    (void)state;
    /* warmup 4: lr·(k+1)/5 for k < 4, then the schedule with j = k - 4. */
    ScheduleDesc s = {.kind = SCHEDULE_CONSTANT, .warmup = 4};
    expect_rates(&s, 1.0, (double[]){0.2, 0.4, 0.6, 0.8, 1, 1, 1}, 7);

    s = (ScheduleDesc){.kind = SCHEDULE_STEP, .warmup = 2, .every = 2, .gamma = 0.5};
    expect_rates(&s, 0.9, (double[]){0.3, 0.6, 0.9, 0.9, 0.45, 0.45, 0.225}, 7);

    s = (ScheduleDesc){.kind = SCHEDULE_EXP, .warmup = 1, .gamma = 0.5};
    expect_rates(&s, 2.0, (double[]){1, 2, 1, 0.5}, 4);

    s = (ScheduleDesc){.kind = SCHEDULE_COSINE, .warmup = 3, .total = 2, .lr_min = 0.1};
    expect_rates(&s, 1.0, (double[]){0.25, 0.5, 0.75, 1, 0.55, 0.1, 0.1}, 7);

    s = (ScheduleDesc){.kind = SCHEDULE_LINEAR, .warmup = 1, .total = 4, .lr_min = 0};
    expect_rates(&s, 0.8, (double[]){0.4, 0.8, 0.6, 0.4, 0.2, 0, 0}, 7);
}

/* ------------------------------------------------- wiring into optimizers */

static Landscape *bowl(void)
{
    DescentError err = {{0}};
    Landscape *landscape = landscape_create("quadratic:l1=1,l2=4", &err);
    if (landscape == NULL)
        fail_msg("quadratic: %s", err.message);
    return landscape;
}

static void parse(const Landscape *landscape, const char *spec, OptimizerDesc *desc)
{
    DescentError err = {{0}};
    if (!optimizer_parse(spec, landscape, desc, &err))
        fail_msg("'%s': %s", spec, err.message);
}

static void test_spec_keys_and_defaults(void **state)
{
    (void)state;
    Landscape *landscape = bowl();
    OptimizerDesc desc;

    parse(landscape, "adam", &desc);
    assert_int_equal(desc.schedule.kind, SCHEDULE_CONSTANT);
    assert_int_equal(desc.schedule.warmup, 0);

    /* gamma's default depends on the kind. */
    parse(landscape, "gd:schedule=step", &desc);
    assert_int_equal(desc.schedule.kind, SCHEDULE_STEP);
    assert_true(desc.schedule.gamma == 0.1);
    parse(landscape, "gd:schedule=exp", &desc);
    assert_int_equal(desc.schedule.kind, SCHEDULE_EXP);
    assert_true(desc.schedule.gamma == 0.99);
    parse(landscape, "gd:schedule=exp,gamma=0.5", &desc);
    assert_true(desc.schedule.gamma == 0.5);

    parse(landscape, "rmsprop:schedule=cosine,warmup=7,total=90,lr_min=0.001", &desc);
    assert_int_equal(desc.schedule.kind, SCHEDULE_COSINE);
    assert_int_equal(desc.schedule.warmup, 7);
    assert_int_equal(desc.schedule.total, 90);
    assert_true(desc.schedule.lr_min == 0.001);
    parse(landscape, "gd:schedule=step,every=25", &desc);
    assert_int_equal(desc.schedule.every, 25);
    parse(landscape, "momentum:schedule=linear", &desc);
    assert_int_equal(desc.schedule.kind, SCHEDULE_LINEAR);

    DescentError err = {{0}};
    assert_false(optimizer_parse("gd:schedule=sometimes", landscape, &desc, &err));
    assert_non_null(strstr(err.message, "sometimes"));
    assert_false(optimizer_parse("gd:schedule=step,warmup=-1", landscape, &desc, &err));
    assert_non_null(strstr(err.message, "warmup"));
    assert_false(optimizer_parse("gd:schedule=step,every=1.5", landscape, &desc, &err));
    assert_non_null(strstr(err.message, "every"));
    landscape_destroy(landscape);
}

static void test_optimizer_lr_at(void **state)
{
    (void)state;
    Landscape *landscape = bowl();
    OptimizerDesc desc;

    parse(landscape, "gd:lr=0.1,schedule=step,every=2,gamma=0.5", &desc);
    double step[] = {0.1, 0.1, 0.05, 0.05, 0.025};
    for (int k = 0; k < 5; k++)
        assert_close(optimizer_lr_at(&desc, k), step[k], TOL);

    parse(landscape, "adam:lr=0.4,warmup=3", &desc);
    double warm[] = {0.1, 0.2, 0.3, 0.4, 0.4};
    for (int k = 0; k < 5; k++)
        assert_close(optimizer_lr_at(&desc, k), warm[k], TOL);

    parse(landscape, "adam:lr=0.4,schedule=cosine,warmup=1,total=2,lr_min=0.2", &desc);
    double cosine[] = {0.2, 0.4, 0.3, 0.2, 0.2};
    for (int k = 0; k < 5; k++)
        assert_close(optimizer_lr_at(&desc, k), cosine[k], TOL);

    /* Each update uses optimizer_lr_at(t - 1), and GD moves by exactly it:
     * on the bowl from x = 1, x_k = x_{k-1}(1 - lr_{k-1}). */
    parse(landscape, "gd:lr=0.2,schedule=linear,warmup=2,total=3,lr_min=0.05", &desc);
    OptimizerState s;
    optimizer_init(&desc, 1.0, 0.0, desc.seed, &s);
    double x = 1.0;
    double linear[] = {0.2 / 3, 0.4 / 3, 0.2, 0.15, 0.1, 0.05, 0.05};
    for (int k = 0; k < 7; k++) {
        assert_int_equal(optimizer_step(&desc, landscape, &s), STEP_OK);
        assert_close(s.lr_used, linear[k], TOL);
        assert_true(s.lr_used == optimizer_lr_at(&desc, k));
        x *= 1.0 - linear[k];
        assert_close(s.x, x, TOL);
    }
    landscape_destroy(landscape);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_constant),
        cmocka_unit_test(test_step),
        cmocka_unit_test(test_exp),
        cmocka_unit_test(test_cosine),
        cmocka_unit_test(test_linear),
        cmocka_unit_test(test_warmup),
        cmocka_unit_test(test_spec_keys_and_defaults),
        cmocka_unit_test(test_optimizer_lr_at),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
