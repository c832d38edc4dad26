/* test_grid.c — grid sampling: cell centres, threads, statistics. */
#include "testing.h"

#include <math.h>
#include <stdlib.h>

#include "core/grid.h"

static void samples_cell_centres(void **state)
{
    (void)state;
    DescentError err;
    Landscape *l = landscape_create("himmelblau", &err);
    assert_non_null(l);
    const int w = 37, h = 23;
    ViewRect view = {-5, 5, -4, 6};
    float *grid = malloc(sizeof(float) * w * h);
    GridStats stats = grid_sample(l, view, w, h, grid, 3);
    float min = INFINITY, max = -INFINITY;
    for (int j = 0; j < h; j++)
        for (int i = 0; i < w; i++) {
            double x = -5 + (i + 0.5) * 10.0 / w, y = -4 + (j + 0.5) * 10.0 / h;
            float expected = (float)landscape_value(l, x, y);
            assert_true(grid[j * w + i] == expected);
            min = fminf(min, expected);
            max = fmaxf(max, expected);
        }
    assert_true(stats.min == min && stats.max == max);
    assert_int_equal(stats.nonfinite, 0);

    float *single = malloc(sizeof(float) * w * h);
    grid_sample(l, view, w, h, single, 1);
    assert_memory_equal(grid, single, sizeof(float) * w * h);
    free(single);
    free(grid);
    landscape_destroy(l);
}

static void counts_non_finite_cells(void **state)
{
    (void)state;
    DescentError err;
    Landscape *l = landscape_create("expr:log(x)", &err);
    assert_non_null(l);
    float grid[4 * 2];
    /* Columns at x = -1.5, -0.5, 0.5, 1.5: log is NaN for the first two. */
    GridStats stats = grid_sample(l, (ViewRect){-2, 2, 0, 1}, 4, 2, grid, 2);
    assert_int_equal(stats.nonfinite, 4);
    assert_true(stats.min == (float)log(0.5) && stats.max == (float)log(1.5));
    landscape_destroy(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(samples_cell_centres),
        cmocka_unit_test(counts_non_finite_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
