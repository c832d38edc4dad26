/* test_spread.c — a cloud's mean, covariance and principal axes, against
 * values worked out by hand. */
#include "testing.h"

#include "core/spread.h"

/* (±1, 0), (0, ±2): mean 0; var x = (1 + 1) / 4 = 0.5, var y = (4 + 4) / 4
 * = 2, no covariance; widest along y with σ = √2, narrowest along x with
 * σ = √0.5. */
static void a_cross_is_widest_along_its_long_arm(void **state)
{
    (void)state;
    const float xy[] = {1, 0, -1, 0, 0, 2, 0, -2};
    Spread2 s;
    assert_true(spread2_of(xy, 4, &s));
    assert_int_equal(s.count, 4);
    assert_close(s.mean[0], 0.0, 1e-15);
    assert_close(s.mean[1], 0.0, 1e-15);
    assert_close(s.cov[0], 0.5, 1e-15);
    assert_close(s.cov[1], 0.0, 1e-15);
    assert_close(s.cov[2], 2.0, 1e-15);
    assert_close(s.sigma[0], sqrt(2.0), 1e-15);
    assert_close(s.sigma[1], sqrt(0.5), 1e-15);
    assert_close(fabs(s.axis[0]), 0.0, 1e-15);
    assert_close(fabs(s.axis[1]), 1.0, 1e-15);
}

/* (0, 0), (2, 2), (1, 1) and a diverged particle: mean (1, 1); deviations
 * (−1, −1), (1, 1), (0, 0) give xx = xy = yy = 2/3, eigenvalues 4/3 and 0:
 * σ = √(4/3) along the diagonal, 0 across it. */
static void a_line_has_no_width_across_it_and_diverged_points_are_left_out(void **state)
{
    (void)state;
    const float xy[] = {0, 0, 2, 2, 1, 1, NAN, 5};
    Spread2 s;
    assert_true(spread2_of(xy, 4, &s));
    assert_int_equal(s.count, 3);
    assert_close(s.mean[0], 1.0, 1e-15);
    assert_close(s.mean[1], 1.0, 1e-15);
    assert_close(s.cov[1], 2.0 / 3.0, 1e-15);
    assert_close(s.sigma[0], sqrt(4.0 / 3.0), 1e-15);
    assert_close(s.sigma[1], 0.0, 1e-7);
    assert_close(s.axis[0], sqrt(0.5), 1e-15);
    assert_close(s.axis[1], sqrt(0.5), 1e-15);
}

/* Halving every deviation halves both σ: "half as wide" is what the
 * readout says of a cloud whose points are half as far out. */
static void half_the_deviation_is_half_the_sigma(void **state)
{
    (void)state;
    const float wide[] = {3, 1, 7, 1, 5, 4, 5, -2, 6, 2};
    float narrow[10];
    for (int k = 0; k < 5; k++) {
        narrow[2 * k] = 5.0f + 0.5f * (wide[2 * k] - 5.0f);
        narrow[2 * k + 1] = 1.2f + 0.5f * (wide[2 * k + 1] - 1.2f);
    }
    Spread2 a, b;
    assert_true(spread2_of(wide, 5, &a));
    assert_true(spread2_of(narrow, 5, &b));
    assert_close(b.sigma[0], 0.5 * a.sigma[0], 1e-6);
    assert_close(b.sigma[1], 0.5 * a.sigma[1], 1e-6);
}

static void no_finite_point_has_no_spread(void **state)
{
    (void)state;
    const float xy[] = {NAN, 0, INFINITY, 1};
    Spread2 s;
    assert_false(spread2_of(xy, 2, &s));
    assert_int_equal(s.count, 0);
    assert_false(spread2_of(xy, 0, &s));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_cross_is_widest_along_its_long_arm),
        cmocka_unit_test(a_line_has_no_width_across_it_and_diverged_points_are_left_out),
        cmocka_unit_test(half_the_deviation_is_half_the_sigma),
        cmocka_unit_test(no_finite_point_has_no_spread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
