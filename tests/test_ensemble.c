/*
 * test_ensemble.c — core/ensemble.h: each member is bit for bit the single
 * run of its two seeds (the members step on two threads); seeking back and forth
 * (across checkpoints and not) gives the same doubles; the distances
 * against a hand computation; the predictions are the outputs' argmax;
 * bad sizes are refused.  The many-solutions figures on spirals are the
 * trained_not_derived lesson's (tests/test_lesson_claims.c).
 */
#include "net_testing.h"

#include <stdlib.h>
#include <string.h>

#include "core/ensemble.h"
#include "core/slice.h"

#define MODEL "mlp:layers=2-6-2"
#define DATA "moons:n=40,noise=0.2"
#define OPT "sgd:lr=0.2,batch=8,seed=5"

static OptimizerDesc parse_opt(const NetDataSplit *data)
{
    OptimizerDesc desc;
    DescentError err = {""};
    if (!optimizer_parse_vec(OPT, data->train.n, DATA, &desc, &err))
        fail_msg("%s", err.message);
    return desc;
}

static Ensemble start(const NetFixture *f, size_t count)
{
    Ensemble e;
    DescentError err = {""};
    OptimizerDesc desc = parse_opt(&f->data);
    if (!ensemble_init(&e, &f->model, &f->data, &desc, 11, count, &err))
        fail_msg("%s", err.message);
    return e;
}

/* Member k after 150 updates (one checkpoint passed) is the run of
 * init seed 11 + k and optimizer seed 5 + k alone: θ and every metric. */
static void test_members_are_single_runs(void **state)
{
    (void)state;
    NetFixture f = net_fixture(MODEL, DATA, 0);
    Ensemble e = start(&f, 5);
    ensemble_step(&e, 150);
    for (size_t k = 0; k < 5; k++) {
        Rng rng;
        rng_seed(&rng, 11 + k);
        model_init(&f.model, &rng, f.theta);
        char opt[64];
        snprintf(opt, sizeof opt, "sgd:lr=0.2,batch=8,seed=%zu", 5 + k);
        NetRun single;
        start_net_run(&single, &f, opt, 0);
        advance_net_run(&single, 150);
        const NetRun *member = ensemble_member(&e, k);
        assert_memory_equal(net_run_theta(member), net_run_theta(&single),
                            f.model.nparams * sizeof(double));
        assert_int_equal(member->count, single.count);
        assert_memory_equal(member->metrics, single.metrics, single.count * sizeof(NetMetrics));
        net_run_free(&single);
    }
    ensemble_free(&e);
    net_fixture_free(&f);
}

/* Going back to 130 (after the checkpoint at 100) and to 40 (before it),
 * then forward to 250 again, gives the same states as stepping straight. */
static void test_seek_bit_for_bit(void **state)
{
    (void)state;
    NetFixture f = net_fixture(MODEL, DATA, 0);
    Ensemble e = start(&f, 3), straight = start(&f, 3);
    size_t size = optimizer_vec_size(f.model.nparams);
    ensemble_step(&straight, 130);
    ensemble_step(&e, 250);
    ensemble_seek(&e, 130);
    for (size_t k = 0; k < 3; k++)
        assert_memory_equal(net_run_state(ensemble_member(&e, k)),
                            net_run_state(ensemble_member(&straight, k)), size);
    ensemble_seek(&e, 40);
    assert_int_equal(net_run_state(ensemble_member(&e, 2))->t, 40);
    ensemble_seek(&e, 250);
    ensemble_step(&straight, 120);
    for (size_t k = 0; k < 3; k++) {
        const NetRun *a = ensemble_member(&e, k), *b = ensemble_member(&straight, k);
        assert_memory_equal(net_run_state(a), net_run_state(b), size);
        assert_memory_equal(a->metrics, b->metrics, b->count * sizeof(NetMetrics));
    }
    ensemble_free(&e);
    ensemble_free(&straight);
    net_fixture_free(&f);
}

static double distance(const double *a, const double *b, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += (a[i] - b[i]) * (a[i] - b[i]);
    return sqrt(s);
}

/* Three members: the three pairs' distances and the norms by hand. */
static void test_distances(void **state)
{
    (void)state;
    NetFixture f = net_fixture(MODEL, DATA, 0);
    Ensemble e = start(&f, 3);
    ensemble_distances(&e); /* kept for the start, to be forgotten by the step */
    ensemble_step(&e, 20);
    size_t n = f.model.nparams;
    const double *t[3], zero[64] = {0};
    assert_true(n <= 64);
    for (size_t k = 0; k < 3; k++)
        t[k] = net_run_theta(ensemble_member(&e, k));
    double d01 = distance(t[0], t[1], n), d02 = distance(t[0], t[2], n);
    double d12 = distance(t[1], t[2], n);
    EnsembleDistances d = ensemble_distances(&e);
    assert_close(d.mean, (d01 + d02 + d12) / 3, 1e-12);
    assert_close(d.min, fmin(d01, fmin(d02, d12)), 1e-12);
    assert_close(d.max, fmax(d01, fmax(d02, d12)), 1e-12);
    assert_close(d.mean_norm,
                 (distance(t[0], zero, n) + distance(t[1], zero, n) + distance(t[2], zero, n)) / 3,
                 1e-12);
    assert_true(d.min > 0);
    /* Each pair's distance against its own two's mean norm. */
    double norm[3], ratio[3];
    for (size_t k = 0; k < 3; k++)
        norm[k] = distance(t[k], zero, n);
    ratio[0] = d01 / (0.5 * (norm[0] + norm[1]));
    ratio[1] = d02 / (0.5 * (norm[0] + norm[2]));
    ratio[2] = d12 / (0.5 * (norm[1] + norm[2]));
    assert_close(d.least_ratio, fmin(ratio[0], fmin(ratio[1], ratio[2])), 1e-12);
    assert_close(d.most_ratio, fmax(ratio[0], fmax(ratio[1], ratio[2])), 1e-12);
    ensemble_free(&e);

    e = start(&f, 1);
    assert_true(isnan(ensemble_distances(&e).mean));
    assert_true(isnan(ensemble_distances(&e).least_ratio));
    ensemble_free(&e);
    net_fixture_free(&f);
}

/* The line between members 0 and 1 is slice_line's for their θ now: asked
 * before and after a step and a seek, never an answer kept from before
 * the members moved. */
static void test_line(void **state)
{
    (void)state;
    NetFixture f = net_fixture(MODEL, DATA, 0);
    Ensemble e = start(&f, 2);
    double start_line[ENSEMBLE_LINE_POINTS], line[ENSEMBLE_LINE_POINTS];
    double expected[ENSEMBLE_LINE_POINTS];
    DescentError err = {""};
    assert_true(ensemble_line(&e, start_line, &err));
    ensemble_step(&e, 30);
    assert_true(ensemble_line(&e, line, &err));
    assert_true(slice_line(&f.model, &f.data.train, net_run_theta(ensemble_member(&e, 0)),
                           net_run_theta(ensemble_member(&e, 1)), 0.0, 1.0,
                           ENSEMBLE_LINE_POINTS, expected, NULL, &err));
    assert_memory_equal(line, expected, sizeof line);
    assert_memory_not_equal(line, start_line, sizeof line);
    ensemble_seek(&e, 0);
    assert_true(ensemble_line(&e, line, &err));
    assert_memory_equal(line, start_line, sizeof line);
    ensemble_free(&e);

    e = start(&f, 1);
    assert_false(ensemble_line(&e, line, &err));
    assert_non_null(strstr(err.message, "has 1"));
    ensemble_free(&e);
    net_fixture_free(&f);
}

/* A member's class at each training input is its outputs' argmax. */
static void test_predict(void **state)
{
    (void)state;
    NetFixture f = net_fixture(MODEL, DATA, 0);
    Ensemble e = start(&f, 2);
    ensemble_step(&e, 30);
    const NetData *d = &f.data.train;
    int *classes = malloc(d->n * sizeof *classes);
    double *z = malloc(d->n * 2 * sizeof *z);
    ensemble_predict(&e, 1, d->x, d->n, classes);
    model_outputs(&f.model, net_run_theta(ensemble_member(&e, 1)), d->x, d->n, z, f.work);
    for (size_t s = 0; s < d->n; s++)
        assert_int_equal(classes[s], z[2 * s + 1] > z[2 * s] ? 1 : 0);
    free(classes);
    free(z);
    ensemble_free(&e);
    net_fixture_free(&f);
}

static void test_sizes_refused(void **state)
{
    (void)state;
    NetFixture f = net_fixture(MODEL, DATA, 0);
    OptimizerDesc desc = parse_opt(&f.data);
    Ensemble e;
    DescentError err = {""};
    assert_false(ensemble_init(&e, &f.model, &f.data, &desc, 0, 0, &err));
    assert_false(ensemble_init(&e, &f.model, &f.data, &desc, 0, ENSEMBLE_MAX + 1, &err));
    assert_non_null(strstr(err.message, "expected 1 to 64"));
    net_fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_members_are_single_runs),
        cmocka_unit_test(test_seek_bit_for_bit),
        cmocka_unit_test(test_distances),
        cmocka_unit_test(test_line),
        cmocka_unit_test(test_predict),
        cmocka_unit_test(test_sizes_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
