/*
 * test_curvature.c — the curvature numbers the window shows (hover
 * readout, sharpness plot), against Hessians derived by hand.
 *
 * rosenbrock (1 − x)² + 100 (y − x²)²: ∇L = (−2(1 − x) − 400 x (y − x²),
 * 200 (y − x²)); H = [[2 − 400 y + 1200 x², −400 x], [−400 x, 200]].
 *   at (0, 0): L = 1, ∇L = (−2, 0), H = diag(2, 200): λ = 2, 200.
 *   at (1, 1): H = [[802, −400], [−400, 200]]: λ = 501 ∓ √(301² + 400²)
 *     = 501 ∓ √250601.
 * quadratic l1=1, l2=10, any angle: H is the rotation of diag(1, 10), so
 *   λ = 1, 10 everywhere.
 */
#include "testing.h"

#include "core/curvature.h"

static void rosenbrock_by_hand(void **state)
{
    (void)state;
    Landscape *l = test_landscape("rosenbrock");
    PointCurvature c;
    curvature_at(l, 0, 0, &c);
    assert_close(c.value, 1, 0);
    assert_close(c.grad[0], -2, 0);
    assert_close(c.grad[1], 0, 0);
    assert_close(c.grad_norm, 2, 0);
    assert_close(c.eig[0], 2, 1e-12);
    assert_close(c.eig[1], 200, 1e-12);
    curvature_at(l, 1, 1, &c);
    assert_close(c.value, 0, 0);
    assert_close(c.grad_norm, 0, 0);
    assert_close(c.eig[0], 501 - sqrt(250601), 1e-9);
    assert_close(c.eig[1], 501 + sqrt(250601), 1e-9);
    landscape_destroy(l);
}

static void rotated_quadratic_by_hand(void **state)
{
    (void)state;
    Landscape *l = test_landscape("quadratic:l1=1,l2=10,angle=30");
    PointCurvature c;
    curvature_at(l, 1, 2, &c);
    double u = cos(M_PI / 6) + 2 * sin(M_PI / 6), v = -sin(M_PI / 6) + 2 * cos(M_PI / 6);
    assert_close(c.value, 0.5 * (u * u + 10 * v * v), 1e-12);
    assert_close(c.eig[0], 1, 1e-12);
    assert_close(c.eig[1], 10, 1e-12);
    landscape_destroy(l);
}

/* λmax along a path, NaN where the path left the finite numbers. */
static void lambda_max_along_a_path(void **state)
{
    (void)state;
    Landscape *l = test_landscape("rosenbrock");
    const double nan = (double)NAN, inf = HUGE_VAL;
    const RunPoint path[] = {{0, 0, 1}, {1, 1, 0}, {nan, 0, nan}, {inf, 1, inf}};
    double lambda[4];
    curvature_lambda_max_along(l, path, 4, lambda);
    assert_close(lambda[0], 200, 1e-12);
    assert_close(lambda[1], 501 + sqrt(250601), 1e-9);
    assert_true(isnan(lambda[2]));
    assert_true(isnan(lambda[3]));
    landscape_destroy(l);
}

/* GD on curvature 10: lr 0.1 is stable (lr λ = 1, threshold 20),
 * lr 0.25 overshoots (2.5 > 2), lr 0.5 on curvature 4 sits exactly on the
 * edge (2, not above it); lr 0 has no threshold. */
static void gd_stability_by_hand(void **state)
{
    (void)state;
    GdStability gd = curvature_gd_stability(0.1, 10);
    assert_close(gd.threshold, 20, 1e-12);
    assert_close(gd.lr_lambda, 1, 1e-15);
    assert_false(gd.overshoots);
    gd = curvature_gd_stability(0.25, 10);
    assert_close(gd.threshold, 8, 0);
    assert_close(gd.lr_lambda, 2.5, 0);
    assert_true(gd.overshoots);
    gd = curvature_gd_stability(0.5, 4);
    assert_close(gd.lr_lambda, 2, 0);
    assert_false(gd.overshoots);
    assert_true(curvature_gd_stability(0, 10).threshold == HUGE_VAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rosenbrock_by_hand),
        cmocka_unit_test(rotated_quadratic_by_hand),
        cmocka_unit_test(lambda_max_along_a_path),
        cmocka_unit_test(gd_stability_by_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
