/*
 * test_slice.c — core/slice.h: filter normalisation row by row, the
 * projection of a point built from known coordinates and a known offset,
 * PCA of a trajectory that lies in a known plane, the init→now plane, the
 * grid against direct evaluations (1 and 2 threads alike), its progressive
 * levels, and straight-line interpolation at its ends.
 */
#include "net_testing.h"

#include <stdlib.h>
#include <string.h>

#include "core/slice.h"

/* The model on 60 moons, θ from seed 5. */
static NetFixture fixture(const char *model_spec)
{
    return net_fixture(model_spec, "moons:n=60,test=0", 5);
}

static double norm_of(const double *v, size_t n)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++)
        s += v[i] * v[i];
    return sqrt(s);
}

static void test_filter_normalized(void **state)
{
    (void)state;
    NetFixture f = fixture("mlp:layers=2-6-5-2");
    const Model *m = &f.model;
    double *d = malloc(m->nparams * sizeof *d);
    Rng rng;
    rng_seed(&rng, 1);
    slice_random_direction(m, f.theta, &rng, d);
    for (int l = 1; l < m->nsizes; l++) {
        size_t in = (size_t)m->sizes[l - 1];
        for (int o = 0; o < m->sizes[l]; o++) {
            size_t row = m->weight_offset[l] + (size_t)o * in;
            assert_close(norm_of(d + row, in), norm_of(f.theta + row, in), 1e-14);
        }
        for (int o = 0; o < m->sizes[l]; o++)
            assert_close(d[m->bias_offset[l] + (size_t)o], 0.0, 0.0);
    }
    free(d);
    net_fixture_free(&f);
}

static void test_project(void **state)
{
    (void)state;
    /* n = 4: d1 = (1, 1, 0, 0), d2 = (0, 1, 0, 0) (not orthogonal), the
     * offset e = (0, 0, 3, 4) ⊥ both: θ = c + 0.3 d1 − 0.7 d2 + e. */
    double c[4] = {1, -2, 0.5, 0}, d1[4] = {1, 1, 0, 0}, d2[4] = {0, 1, 0, 0}, theta[4];
    for (int k = 0; k < 4; k++)
        theta[k] = c[k] + 0.3 * d1[k] - 0.7 * d2[k];
    theta[2] += 3, theta[3] += 4;
    SlicePlane plane = {4, c, d1, d2};
    double a, b, dist;
    slice_project(&plane, theta, &a, &b, &dist);
    assert_close(a, 0.3, 1e-14);
    assert_close(b, -0.7, 1e-14);
    assert_close(dist, 5.0, 1e-14);
}

static void test_pca(void **state)
{
    (void)state;
    /* Points c + x_t u + y_t w, u and w orthonormal, x spread wider than y
     * and uncorrelated with it (odd and even about the middle t = 9.5): the
     * principal directions are ±u, ±w and explain everything. */
    enum { N = 6, T = 20 };
    double u[N] = {0.6, 0.8, 0, 0, 0, 0}, w[N] = {0, 0, 0, 0, 1, 0}, c[N] = {1, 2, 3, 4, 5, 6};
    double traj[T * N], d1[N], d2[N], explained[2];
    for (int t = 0; t < T; t++) {
        double x = 0.3 * (t - 9.5), y = 0.02 * (t - 9.5) * (t - 9.5);
        for (int k = 0; k < N; k++)
            traj[t * N + k] = c[k] + x * u[k] + y * w[k];
    }
    DescentError err;
    assert_true(slice_pca_directions(N, traj, T, c, d1, d2, explained, &err));
    double du = 0.0, dw = 0.0;
    for (int k = 0; k < N; k++)
        du += d1[k] * u[k], dw += d2[k] * w[k];
    assert_close(fabs(du), 1.0, 1e-12);
    assert_close(fabs(dw), 1.0, 1e-12);
    assert_close(explained[0] + explained[1], 1.0, 1e-12);
    assert_true(explained[0] > explained[1]);
    /* On one line there is no second direction. */
    for (int t = 0; t < T; t++)
        for (int k = 0; k < N; k++)
            traj[t * N + k] = c[k] + t * u[k];
    assert_false(slice_pca_directions(N, traj, T, c, d1, d2, NULL, &err));
    assert_non_null(strstr(err.message, "on a line"));
}

static void test_init_plane(void **state)
{
    (void)state;
    NetFixture f = fixture("mlp:layers=2-4-2");
    size_t n = f.model.nparams;
    double *now = malloc(n * sizeof *now), *d1 = malloc(n * sizeof *d1);
    double *d2 = malloc(n * sizeof *d2);
    for (size_t k = 0; k < n; k++)
        now[k] = f.theta[k] + 0.1 * (double)k;
    Rng rng;
    rng_seed(&rng, 2);
    slice_init_directions(&f.model, f.theta, now, &rng, d1, d2);
    double d12 = 0.0;
    for (size_t k = 0; k < n; k++)
        d12 += d1[k] * d2[k];
    assert_close(d12, 0.0, 1e-12);
    assert_close(norm_of(d2, n), norm_of(d1, n), 1e-12);
    SlicePlane plane = {n, f.theta, d1, d2};
    double a, b, dist;
    slice_project(&plane, now, &a, &b, &dist);
    assert_close(a, 1.0, 1e-12);
    assert_close(b, 0.0, 1e-12);
    assert_close(dist, 0.0, 1e-12);
    free(now), free(d1), free(d2);
    net_fixture_free(&f);
}

static void test_grid(void **state)
{
    (void)state;
    NetFixture f = fixture("mlp:layers=2-8-2");
    size_t n = f.model.nparams;
    double *d1 = malloc(n * sizeof *d1), *d2 = malloc(n * sizeof *d2);
    double *probe = malloc(n * sizeof *probe);
    Rng rng;
    rng_seed(&rng, 3);
    slice_random_direction(&f.model, f.theta, &rng, d1);
    slice_random_direction(&f.model, f.theta, &rng, d2);
    SlicePlane plane = {n, f.theta, d1, d2};
    SliceGridDesc g = {-1.0, 1.0, -0.5, 1.5, 41, 33};
    double one[41 * 33], two[41 * 33], steps[41 * 33];
    DescentError err;
    assert_true(slice_grid(&f.model, &f.data.train, &plane, &g, 1, one, &err));
    assert_true(slice_grid(&f.model, &f.data.train, &plane, &g, 2, two, &err));
    assert_memory_equal(one, two, sizeof one);
    /* Cell (i, j) is L at a = −1 + 2i/40, b = −0.5 + 2j/32. */
    const int cells[3][2] = {{0, 0}, {40, 32}, {17, 9}};
    for (int c = 0; c < 3; c++) {
        int i = cells[c][0], j = cells[c][1];
        double a = -1.0 + 2.0 * i / 40, b = -0.5 + 2.0 * j / 32;
        for (size_t k = 0; k < n; k++)
            probe[k] = f.theta[k] + a * d1[k] + b * d2[k];
        assert_close(one[j * 41 + i],
                     model_loss(&f.model, probe, &f.data.train, NULL, f.data.train.n, f.work),
                     1e-15);
    }
    /* Progressive: strides 8, 4, 2, 1 (41 points: the largest power of two
     * leaving at least 5 along); after the first, the stride-8 nodes are
     * final and every cell holds its lower-left node's value. */
    SliceRefiner *r = slice_refiner_create(&f.model, &f.data.train, &plane, &g, steps, &err);
    const int strides[5] = {8, 4, 2, 1, 0};
    for (int level = 0; level < 4; level++) {
        assert_int_equal(slice_refiner_stride(r), strides[level]);
        assert_true(slice_refiner_step(r, 2, &err));
        int s = strides[level];
        for (int j = 0; j < 33; j++)
            for (int i = 0; i < 41; i++)
                assert_close(steps[j * 41 + i], one[(j - j % s) * 41 + (i - i % s)], 0.0);
    }
    assert_int_equal(slice_refiner_stride(r), 0);
    slice_refiner_destroy(r);
    /* Seven points a call: the levels' 30, 69, 258 and 996 points run on
     * from one call into the next, so the first level ends in the fifth
     * call and the grid in the 194th (1353 / 7, rounded up), the same grid. */
    r = slice_refiner_create(&f.model, &f.data.train, &plane, &g, steps, &err);
    int calls = 0;
    while (slice_refiner_stride(r) > 0) {
        int due = calls < 5 ? 8 : calls < 15 ? 4 : calls < 51 ? 2 : 1;
        assert_int_equal(slice_refiner_stride(r), due);
        assert_true(slice_refiner_step_points(r, 7, 2, &err));
        calls++;
    }
    assert_int_equal(calls, 194);
    assert_memory_equal(steps, one, sizeof one);
    slice_refiner_destroy(r);
    g.nx = 1;
    assert_false(slice_grid(&f.model, &f.data.train, &plane, &g, 1, one, &err));
    free(d1), free(d2), free(probe);
    net_fixture_free(&f);
}

static void test_line(void **state)
{
    (void)state;
    NetFixture f = fixture("mlp:layers=2-4-2");
    size_t n = f.model.nparams;
    double *b = malloc(n * sizeof *b), *mid = malloc(n * sizeof *mid);
    for (size_t k = 0; k < n; k++) {
        b[k] = -f.theta[k] + 0.2;
        mid[k] = 0.5 * (f.theta[k] + b[k]);
    }
    double losses[5], acc[5];
    DescentError err;
    /* α = −0.5, 0, 0.5, 1, 1.5 */
    assert_true(slice_line(&f.model, &f.data.train, f.theta, b, -0.5, 1.5, 5, losses, acc,
                           &err));
    const NetData *d = &f.data.train;
    assert_close(losses[1], model_loss(&f.model, f.theta, d, NULL, d->n, f.work), 1e-15);
    assert_close(losses[3], model_loss(&f.model, b, d, NULL, d->n, f.work), 1e-15);
    ModelEval e = model_evaluate(&f.model, mid, d, NULL, d->n, f.work);
    assert_close(losses[2], e.loss, 1e-15);
    assert_close(acc[2], e.accuracy, 0.0);
    free(b), free(mid);
    net_fixture_free(&f);
}

/* slice_plane_shares of the PCA's own directions are its explained
 * shares; of a plane holding one of the two spreads alone, that spread's
 * share and 0 for a direction the points do not move along. */
static void test_plane_shares(void **state)
{
    (void)state;
    enum { N = 5, T = 12 };
    double u[N] = {0, 0.8, 0.6, 0, 0}, w[N] = {1, 0, 0, 0, 0}, z[N] = {0, 0, 0, 0, 1};
    double c[N] = {-1, 0, 2, 1, 3}, traj[T * N], d1[N], d2[N], explained[2], shares[2];
    for (int t = 0; t < T; t++) {
        double x = 0.5 * (t - 5.5), y = 0.04 * (t - 5.5) * (t - 5.5);
        for (int k = 0; k < N; k++)
            traj[t * N + k] = c[k] + x * u[k] + y * w[k];
    }
    DescentError err;
    assert_true(slice_pca_directions(N, traj, T, c, d1, d2, explained, &err));
    slice_plane_shares(N, traj, T, d1, d2, shares);
    assert_close(shares[0], explained[0], 1e-12);
    assert_close(shares[1], explained[1], 1e-12);
    slice_plane_shares(N, traj, T, w, z, shares);
    assert_close(shares[0], explained[1], 1e-12);
    assert_close(shares[1], 0.0, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_filter_normalized),
        cmocka_unit_test(test_project),
        cmocka_unit_test(test_pca),
        cmocka_unit_test(test_init_plane),
        cmocka_unit_test(test_grid),
        cmocka_unit_test(test_line),
        cmocka_unit_test(test_plane_shares),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
