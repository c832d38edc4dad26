/* test_basins.c — basins of attraction against plain small-step gradient
 * descent, maps against single points, shares. */
#include "testing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/basins.h"
#include "core/rng.h"

/* The reference: explicit GD with a step far below 1/λmax everywhere it
 * walks (a discretised gradient flow), run until it sits on a minimum. */
static int basin_by_small_steps(const Landscape *l, double x, double y, double lr, long steps)
{
    LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
    size_t count = landscape_minima(l, minima, LANDSCAPE_MAX_MINIMA);
    for (long k = 0; k < steps; k++) {
        double g[2];
        landscape_value_grad(l, x, y, g);
        x -= lr * g[0];
        y -= lr * g[1];
        if (!isfinite(x) || !isfinite(y))
            return -1;
    }
    for (size_t k = 0; k < count; k++)
        if (hypot(x - minima[k].x, y - minima[k].y) < 1e-3)
            return (int)k;
    return -1;
}

/* Random points of the default view agree with the reference, except
 * within a cell's width of a ridge, where the two discretisations may
 * fall either way: at most 1 disagreement in 300. */
static void agree_with_small_steps(const char *spec, double lr, long steps)
{
    Landscape *l = test_landscape(spec);
    ViewRect v = landscape_default_view(l);
    Rng rng;
    rng_seed(&rng, 7);
    int disagree = 0, unknown = 0;
    for (int i = 0; i < 300; i++) {
        double x = v.xmin + rng_uniform(&rng) * (v.xmax - v.xmin);
        double y = v.ymin + rng_uniform(&rng) * (v.ymax - v.ymin);
        int fast = basin_of(l, x, y), slow = basin_by_small_steps(l, x, y, lr, steps);
        disagree += fast != slow;
        unknown += fast < 0;
    }
    print_message("%s: %d of 300 disagree, %d in no known basin\n", spec, disagree, unknown);
    assert_true(disagree <= 1);
    landscape_destroy(l);
}

static void sharp_flat_basins_match_gradient_descent(void **state)
{
    (void)state;
    agree_with_small_steps("sharp_flat", 0.002, 40000);
}

static void himmelblau_basins_match_gradient_descent(void **state)
{
    (void)state;
    agree_with_small_steps("himmelblau", 0.0005, 40000);
}

static void three_hump_camel_basins_match_gradient_descent(void **state)
{
    (void)state;
    agree_with_small_steps("three_hump_camel", 0.002, 40000);
}

/* Near the sharp well's rim but on the flat well's side of the ridge: the
 * nearest minimum is the sharp one, the basin the flat one. */
static void basin_is_not_the_nearest_minimum(void **state)
{
    (void)state;
    Landscape *l = test_landscape("sharp_flat");
    LandscapePoint m[LANDSCAPE_MAX_MINIMA];
    assert_int_equal(landscape_minima(l, m, LANDSCAPE_MAX_MINIMA), 2);
    int sharp = m[0].x < m[1].x ? 0 : 1, flat = 1 - sharp;
    double x = m[sharp].x + 0.45, y = m[sharp].y - 0.1;
    assert_true(hypot(x - m[sharp].x, y - m[sharp].y) < hypot(x - m[flat].x, y - m[flat].y));
    assert_int_equal(basin_of(l, x, y), flat);
    assert_int_equal(basin_by_small_steps(l, x, y, 0.002, 40000), flat);
    assert_int_equal(basin_of(l, m[sharp].x + 0.05, m[sharp].y), sharp);
    landscape_destroy(l);
}

/* The long curved valley: every point of the view reaches the one
 * minimum, within the evaluation budget. */
static void rosenbrock_valley_is_crossed(void **state)
{
    (void)state;
    Landscape *l = test_landscape("rosenbrock");
    ViewRect v = landscape_default_view(l);
    for (int j = 0; j < 9; j++)
        for (int i = 0; i < 9; i++) {
            double x = v.xmin + (i + 0.5) * (v.xmax - v.xmin) / 9;
            double y = v.ymin + (j + 0.5) * (v.ymax - v.ymin) / 9;
            if (basin_of(l, x, y) != 0)
                fail_msg("rosenbrock (%g, %g): basin %d", x, y, basin_of(l, x, y));
        }
    landscape_destroy(l);
}

static void no_basin_without_minima_or_finite_start(void **state)
{
    (void)state;
    Landscape *saddle = test_landscape("saddle");
    assert_int_equal(basin_of(saddle, 0.3, 0.2), -1);
    landscape_destroy(saddle);
    Landscape *l = test_landscape("himmelblau");
    assert_int_equal(basin_of(l, (double)NAN, 0.0), -1);
    assert_int_equal(basin_of(l, 0.0, (double)INFINITY), -1);
    landscape_destroy(l);
}

/* Cells labelled at once over a rectangle, on several threads (the
 * basins' edges over a view), carry the labels each would have alone: a
 * rectangle reaching past the map's edge, and one off the map, which
 * labels nothing. */
static void map_labelled_over_a_rect_on_threads(void **state)
{
    (void)state;
    Landscape *l = test_landscape("sharp_flat");
    DescentError err = {""};
    BasinMap *map = basin_map_create(l, (ViewRect){-2, 2, -1.5, 1.5}, 40, 30, &err);
    assert_non_null(map);
    basin_map_label_rect(map, (ViewRect){-9, 9, -9, 9}, 3);
    basin_map_label_rect(map, (ViewRect){-1.5, 0.5, -0.2, 9}, 4);
    basin_map_label_rect(map, (ViewRect){3, 4, 3, 4}, 4);
    size_t seen[2] = {0, 0};
    for (int j = 0; j < 30; j++)
        for (int i = 0; i < 40; i++) {
            double x = -2 + (i + 0.5) * 4.0 / 40, y = -1.5 + (j + 0.5) * 3.0 / 30;
            int label = basin_map_label(map, x, y);
            assert_int_equal(label, basin_of(l, x, y));
            assert_true(label == 0 || label == 1);
            seen[label]++;
        }
    assert_true(seen[0] > 0 && seen[1] > 0);
    basin_map_destroy(map);
    landscape_destroy(l);
}

static void map_cells_are_their_centres_basins(void **state)
{
    (void)state;
    Landscape *l = test_landscape("himmelblau");
    ViewRect rect = {-5, 5, -5, 5};
    DescentError err = {""};
    BasinMap *map = basin_map_create(l, rect, 24, 20, &err);
    assert_non_null(map);
    for (int j = 0; j < 20; j++)
        for (int i = 0; i < 24; i++) {
            double x = -5 + (i + 0.5) * 10.0 / 24, y = -5 + (j + 0.5) * 10.0 / 20;
            assert_int_equal(basin_map_label(map, x, y), basin_of(l, x, y));
        }
    assert_int_equal(basin_map_label(map, 5.0, 0.0), -1);
    assert_int_equal(basin_map_label(map, 0.0, -5.01), -1);
    assert_int_equal(basin_map_label(map, (double)NAN, 0.0), -1);
    LandscapePoint m[LANDSCAPE_MAX_MINIMA];
    assert_int_equal(basin_map_minima(map, m, LANDSCAPE_MAX_MINIMA), 4);

    /* One particle by each minimum, two outside the map, one not finite. */
    float xy[14];
    for (int k = 0; k < 4; k++) {
        xy[2 * k] = (float)m[k].x;
        xy[2 * k + 1] = (float)m[k].y;
    }
    const float rest[6] = {9.0f, 0.0f, 0.0f, -7.0f, NAN, 1.0f};
    for (int k = 0; k < 6; k++)
        xy[8 + k] = rest[k];
    double shares[LANDSCAPE_MAX_MINIMA], elsewhere = -1;
    assert_int_equal(basin_map_shares(map, xy, 7, shares, LANDSCAPE_MAX_MINIMA, &elsewhere), 4);
    for (int k = 0; k < 4; k++)
        assert_close(shares[k], 1.0 / 7, 1e-15);
    assert_close(elsewhere, 3.0 / 7, 1e-15);
    assert_int_equal(basin_map_shares(map, xy, 0, shares, LANDSCAPE_MAX_MINIMA, &elsewhere), 0);

    basin_map_destroy(map);
    landscape_destroy(l);
}

/* x² + 0.25(y² − 1)² (the saddle lesson's landscape, an expr that knows no
 * minima): the flow from a lattice over [-2, 2]² rests at (0, ±1), both at
 * L = 0, and at the saddle (0, 0) from the row y = 0, which is no minimum
 * (Hessian eigenvalues −1 and 2).  Particles are then shared between the
 * two basins. */
static void minima_of_an_expression_are_found_by_the_flow(void **state)
{
    (void)state;
    Landscape *l = test_landscape("expr:x^2+0.25*(y^2-1)^2");
    ViewRect rect = {-2, 2, -2, 2};
    LandscapePoint m[LANDSCAPE_MAX_MINIMA];
    size_t n = basins_find_minima(l, rect, 12, m, LANDSCAPE_MAX_MINIMA);
    assert_int_equal(n, 2);
    for (size_t k = 0; k < n; k++) {
        assert_close(m[k].x, 0.0, 1e-4);
        assert_close(fabs(m[k].y), 1.0, 1e-4);
    }
    assert_true(m[0].y * m[1].y < 0);
    DescentError err = {""};
    BasinMap *map = basin_map_create_for(l, m, n, (ViewRect){-6, 6, -6, 6}, 96, 96, &err);
    assert_non_null(map);
    const float xy[] = {0.1f, 1.3f, -0.2f, 0.8f, 0.0f, -1.2f, 7.0f, 0.0f};
    double shares[LANDSCAPE_MAX_MINIMA], elsewhere = -1;
    assert_int_equal(basin_map_shares(map, xy, 4, shares, LANDSCAPE_MAX_MINIMA, &elsewhere), 2);
    size_t upper = m[0].y > 0 ? 0 : 1;
    assert_close(shares[upper], 0.5, 1e-15);
    assert_close(shares[1 - upper], 0.25, 1e-15);
    /* (7, 0) is beyond the map. */
    assert_close(elsewhere, 0.25, 1e-15);
    basin_map_destroy(map);
    landscape_destroy(l);

    /* x² − y² has no minimum: the flow leaves every view; nothing found. */
    Landscape *saddle = test_landscape("expr:x^2-y^2");
    assert_int_equal(basins_find_minima(saddle, rect, 12, m, LANDSCAPE_MAX_MINIMA), 0);
    landscape_destroy(saddle);
}

static void bad_maps_are_refused(void **state)
{
    (void)state;
    Landscape *l = test_landscape("himmelblau");
    DescentError err = {""};
    assert_null(basin_map_create(l, (ViewRect){-1, 1, -1, 1}, 0, 10, &err));
    assert_non_null(strstr(err.message, "basin map"));
    assert_null(basin_map_create(l, (ViewRect){1, -1, -1, 1}, 10, 10, &err));
    assert_null(basin_map_create(l, (ViewRect){-(double)INFINITY, 1, -1, 1}, 10, 10, &err));
    landscape_destroy(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sharp_flat_basins_match_gradient_descent),
        cmocka_unit_test(himmelblau_basins_match_gradient_descent),
        cmocka_unit_test(three_hump_camel_basins_match_gradient_descent),
        cmocka_unit_test(basin_is_not_the_nearest_minimum),
        cmocka_unit_test(rosenbrock_valley_is_crossed),
        cmocka_unit_test(no_basin_without_minima_or_finite_start),
        cmocka_unit_test(map_cells_are_their_centres_basins),
        cmocka_unit_test(map_labelled_over_a_rect_on_threads),
        cmocka_unit_test(minima_of_an_expression_are_found_by_the_flow),
        cmocka_unit_test(bad_maps_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
