/*
 * test_represent.c — core/represent.h: a layer's values against the
 * forward pass written out, the plane of activations that lie in a known
 * plane, the plane across a known cut, the drawn cut against the probe, a
 * 2-unit layer drawn directly, the probe on an affine copy of the
 * inputs against the linear classifier of the inputs, and the probe on
 * spirals from initialisation to trained, over 20 seeds.
 */
#include "net_testing.h"

#include <stdlib.h>
#include <string.h>

#include "core/represent.h"

/* Layer 1 of a 2-3-2 tanh network is tanh(W1 x + b1), written out; the
 * last layer is model_outputs'. */
static void test_layer_values(void **state)
{
    (void)state;
    NetFixture f = net_fixture("mlp:layers=2-3-2", "moons:n=10,test=0", 3);
    const Model *m = &f.model;
    const NetData *d = &f.data.train;
    double h[10 * 3], z[10 * 2], out[10 * 2];
    model_layer(m, f.theta, d->x, d->n, 1, h, f.work);
    for (size_t s = 0; s < d->n; s++)
        for (int o = 0; o < 3; o++) {
            const double *w = f.theta + m->weight_offset[1] + (size_t)o * 2;
            double a = w[0] * d->x[2 * s] + w[1] * d->x[2 * s + 1] +
                       f.theta[m->bias_offset[1] + (size_t)o];
            assert_close(h[s * 3 + (size_t)o], tanh(a), 1e-15);
        }
    model_layer(m, f.theta, d->x, d->n, 2, z, f.work);
    model_outputs(m, f.theta, d->x, d->n, out, f.work);
    assert_memory_equal(z, out, sizeof z);
    model_layer(m, f.theta, d->x, d->n, 0, z, f.work);
    assert_memory_equal(z, d->x, sizeof z);
    net_fixture_free(&f);
}

/* Points c + 3t·e1 + t'·e2 (t, t' = ±1, every pair once) in 4 units, e1
 * and e2 orthonormal: the axes are e1 and e2 signed so their largest
 * component is positive (e1's −0.8 flips it), the centre c, the shares
 * 9/10 and 1/10 (the variances along them 9 and 1, nothing else), and a
 * point's coordinates (−3t, t'). */
static void test_axes_of_a_plane(void **state)
{
    (void)state;
    const double e1[4] = {0.6, 0, -0.8, 0}, e2[4] = {0, 0.8, 0, 0.6};
    const double c[4] = {1, 2, -1, 0.5};
    const double t[4][2] = {{1, 1}, {-1, 1}, {1, -1}, {-1, -1}};
    double act[4 * 4];
    for (int s = 0; s < 4; s++)
        for (int u = 0; u < 4; u++)
            act[s * 4 + u] = c[u] + 3 * t[s][0] * e1[u] + t[s][1] * e2[u];
    double centre[4], axes[8], at[8];
    ReprPlane plane;
    DescentError err = {""};
    assert_true(repr_axes(act, 4, 4, NULL, 0, centre, axes, &plane, &err));
    const double *share = plane.share;
    assert_false(plane.across_cut);
    assert_true(isnan(plane.cut[0]));
    for (int u = 0; u < 4; u++) {
        assert_close(centre[u], c[u], 1e-12);
        assert_close(axes[u], -e1[u], 1e-12);
        assert_close(axes[4 + u], e2[u], 1e-12);
    }
    assert_close(share[0], 0.9, 1e-12);
    assert_close(share[1], 0.1, 1e-12);
    repr_project(act, 4, 4, centre, axes, at);
    for (int s = 0; s < 4; s++) {
        assert_close(at[2 * s], -3 * t[s][0], 1e-12);
        assert_close(at[2 * s + 1], t[s][1], 1e-12);
    }
}

/* Two classes 1 apart along e3 = (0.8, 0, 0.6), spread 3 along e1 = (0.6,
 * 0, −0.8) and 1 along e2 = (0, 1, 0), every combination once (8 points,
 * balanced and symmetric about c): the principal plane is e1, e2 and shows
 * the classes on top of each other; the probe's plane has axis 0 = e3 (the
 * classes' direction, the least varied: share 0.25 / 10.25), class 1 on
 * its positive side, axis 1 = e1 signed (−e1: share 9 / 10.25), and the
 * cut x = 0 puts every point on its class's side. */
static void test_axes_across_a_cut(void **state)
{
    (void)state;
    const double e1[3] = {0.6, 0, -0.8}, e2[3] = {0, 1, 0}, e3[3] = {0.8, 0, 0.6};
    const double c[3] = {1, -2, 0.5};
    double act[8 * 3], y[8];
    for (int s = 0; s < 8; s++) {
        double t1 = s & 1 ? 1 : -1, t2 = s & 2 ? 1 : -1, side = s & 4 ? 0.5 : -0.5;
        y[s] = s & 4 ? 1 : 0;
        for (int u = 0; u < 3; u++)
            act[s * 3 + u] = c[u] + 3 * t1 * e1[u] + t2 * e2[u] + side * e3[u];
    }
    double centre[3], axes[6], at[16];
    ReprPlane plane;
    DescentError err = {""};
    assert_true(repr_axes(act, 8, 3, y, 2, centre, axes, &plane, &err));
    assert_true(plane.across_cut);
    for (int u = 0; u < 3; u++) {
        assert_close(centre[u], c[u], 1e-12);
        assert_close(axes[u], e3[u], 1e-6);
        assert_close(axes[3 + u], -e1[u], 1e-6);
    }
    assert_close(plane.share[0], 0.25 / 10.25, 1e-6);
    assert_close(plane.share[1], 9 / 10.25, 1e-6);
    assert_close(plane.cut[1], 0.0, 0.0);
    repr_project(act, 8, 3, centre, axes, at);
    for (int s = 0; s < 8; s++) {
        assert_close(at[2 * s], y[s] ? 0.5 : -0.5, 1e-6);
        double score = plane.cut[0] * at[2 * s] + plane.cut[1] * at[2 * s + 1] + plane.cut[2];
        assert_true((score > 0) == (y[s] == 1));
    }
    /* Unlabelled, the same points lie on e1 and e2. */
    assert_true(repr_axes(act, 8, 3, NULL, 0, centre, axes, &plane, &err));
    assert_false(plane.across_cut);
    for (int u = 0; u < 3; u++)
        assert_close(axes[u], -e1[u], 1e-12);
}

/* On a network's last hidden layer the drawn cut classifies the training
 * points as the probe does: the share on their class's side of it is the
 * probe's training accuracy (spirals, 2-16-16-2 at initialisation, a few
 * seeds). */
static void test_cut_is_the_probe(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 4; seed++) {
        NetFixture f = net_fixture("mlp:layers=2-16-16-2", "spirals:n=200,test=0.3", seed);
        const NetData *d = &f.data.train;
        double *at = malloc(2 * d->n * sizeof *at);
        assert_non_null(at);
        ReprPlane plane;
        ProbeAccuracy probe;
        DescentError err = {""};
        assert_true(repr_map(&f.model, f.theta, 2, d, d->x, d->n, at, &plane, f.work, &err));
        assert_true(plane.across_cut);
        assert_true(probe_network(&f.model, f.theta, &f.data, f.work, &probe, &err));
        size_t right = 0;
        for (size_t s = 0; s < d->n; s++) {
            double score = plane.cut[0] * at[2 * s] + plane.cut[1] * at[2 * s + 1] +
                           plane.cut[2];
            right += (score > 0) == (d->y[s] == 1);
        }
        assert_close((double)right / (double)d->n, probe.train, 0.0);
        free(at);
        net_fixture_free(&f);
    }
}

/* A 2-unit layer is drawn as it is: repr_map's coordinates are its values,
 * and the cut is the probe's line in them. */
static void test_two_units_directly(void **state)
{
    (void)state;
    NetFixture f = net_fixture("mlp:layers=2-2-2", "spirals:n=20,test=0", 4);
    const NetData *d = &f.data.train;
    double h[20 * 2], at[20 * 2];
    ReprPlane plane;
    DescentError err = {""};
    assert_true(repr_map(&f.model, f.theta, 1, d, d->x, d->n, at, &plane, f.work, &err));
    model_layer(&f.model, f.theta, d->x, d->n, 1, h, f.work);
    assert_memory_equal(at, h, sizeof h);
    const double *share = plane.share;
    assert_true(share[0] > 0 && share[1] > 0 && share[0] + share[1] < 1 + 1e-12);
    assert_false(plane.across_cut);
    ProbeAccuracy probe;
    assert_true(probe_network(&f.model, f.theta, &f.data, f.work, &probe, &err));
    size_t right = 0;
    for (size_t s = 0; s < d->n; s++)
        right += (plane.cut[0] * h[2 * s] + plane.cut[1] * h[2 * s + 1] + plane.cut[2] > 0) ==
                 (d->y[s] == 1);
    assert_close((double)right / (double)d->n, probe.train, 0.0);
    net_fixture_free(&f);
}

/* The linear classifier of a data set's raw inputs (the probe on them). */
static double raw_accuracy(const NetData *d)
{
    LinearProbe probe;
    DescentError err = {""};
    if (!probe_fit(d->x, d->y, d->n, 2, d->classes, &probe, &err))
        fail_msg("%s", err.message);
    double acc = probe_accuracy(&probe, d->x, d->y, d->n);
    probe_free(&probe);
    return acc;
}

/* A relu layer W = I, b = (10, 10) on inputs within ±2 is x + 10, an affine
 * copy of the inputs: its probe is the inputs' linear classifier, to the
 * sample, on train and test.  That classifier is a real one: every one of
 * two far blobs right, xor's quadrants near chance, moons in between
 * (≈ 85 %, as logistic regression does on them). */
static void test_probe_of_an_identity_layer(void **state)
{
    (void)state;
    NetFixture f = net_fixture("mlp:layers=2-2-2,act=relu", "moons:n=200,test=0.3", 1);
    const Model *m = &f.model;
    memset(f.theta, 0, m->nparams * sizeof *f.theta);
    f.theta[m->weight_offset[1]] = f.theta[m->weight_offset[1] + 3] = 1.0;
    f.theta[m->bias_offset[1]] = f.theta[m->bias_offset[1] + 1] = 10.0;
    ProbeAccuracy probe;
    DescentError err = {""};
    assert_true(probe_network(m, f.theta, &f.data, f.work, &probe, &err));
    assert_int_equal(probe.layer, 1);
    LinearProbe raw;
    const NetData *train = &f.data.train, *test = &f.data.test;
    assert_true(probe_fit(train->x, train->y, train->n, 2, 2, &raw, &err));
    assert_close(probe.train, probe_accuracy(&raw, train->x, train->y, train->n), 0.0);
    assert_close(probe.test, probe_accuracy(&raw, test->x, test->y, test->n), 0.0);
    assert_in_range((unsigned long)lround(1000 * probe.train), 800, 900);
    probe_free(&raw);
    net_fixture_free(&f);

    NetDataSplit blobs = data_for_test("blobs:k=2,n=100,noise=0.3,test=0");
    assert_close(raw_accuracy(&blobs.train), 1.0, 0.0);
    netdata_free(&blobs);
    NetDataSplit xor = data_for_test("xor:n=200,test=0");
    assert_true(fabs(raw_accuracy(&xor.train) - 0.5) < 0.1);
    netdata_free(&xor);
}

/* Regression data has no classes to probe. */
static void test_probe_refuses_regression(void **state)
{
    (void)state;
    NetFixture f = net_fixture("mlp:layers=2-4-1,loss=mse", "gaussian_linear:n=20", 1);
    ProbeAccuracy probe;
    DescentError err = {""};
    assert_false(probe_network(&f.model, f.theta, &f.data, f.work, &probe, &err));
    assert_non_null(strstr(err.message, "classification"));
    net_fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layer_values),
        cmocka_unit_test(test_axes_of_a_plane),
        cmocka_unit_test(test_axes_across_a_cut),
        cmocka_unit_test(test_cut_is_the_probe),
        cmocka_unit_test(test_two_units_directly),
        cmocka_unit_test(test_probe_of_an_identity_layer),
        cmocka_unit_test(test_probe_refuses_regression),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
