/*
 * test_model.c — the network of core/model.h: spec errors, θ's layout,
 * initialisation, and its derivatives checked against finite differences
 * (gradient against central differences of the loss, Hessian-vector
 * products against central differences of the gradient) at random θ for
 * every activation and loss.  The exact match with torch.autograd is
 * test_model_torch.c's.
 */
#include "net_testing.h"

#include <stdlib.h>
#include <string.h>

static void test_layout(void **state)
{
    (void)state;
    Model m = model_for_test("mlp:layers=2-16-16-2");
    /* (2·16 + 16) + (16·16 + 16) + (16·2 + 2) = 48 + 272 + 34 = 354 */
    assert_int_equal(m.nparams, 354);
    assert_int_equal(m.weight_offset[1], 0);
    assert_int_equal(m.bias_offset[1], 32);
    assert_int_equal(m.weight_offset[2], 48);
    assert_int_equal(m.bias_offset[2], 304);
    assert_int_equal(m.weight_offset[3], 320);
    assert_int_equal(m.bias_offset[3], 352);
    Model d = model_for_test("mlp");
    assert_int_equal(d.nparams, 354);
    assert_int_equal(d.act, MODEL_ACT_TANH);
    assert_int_equal(d.loss, MODEL_LOSS_CE);
}

/* A 2-3-2 network written out by hand: W1 row o holds weights of unit o. */
static void test_outputs_by_hand(void **state)
{
    (void)state;
    Model m = model_for_test("mlp:layers=2-3-2,act=relu");
    double theta[17] = {
        1, 0,  0, 1,  1, 1,   /* W1 (3 × 2) */
        0, 0, -1,             /* b1 */
        1, 0, 2,  0, 1, -1,   /* W2 (2 × 3) */
        0.5, -0.5,            /* b2 */
    };
    assert_int_equal(m.nparams, 17);
    double x[2] = {2.0, -1.0}, z[2];
    ModelWork *w = model_work_create(&m);
    model_outputs(&m, theta, x, 1, z, w);
    /* a1 = (2, -1, 2 - 1 - 1 = 0) → h1 = (2, 0, 0); z = (2 + 0.5, 0 - 0.5) */
    assert_close(z[0], 2.5, 1e-15);
    assert_close(z[1], -0.5, 1e-15);
    model_work_destroy(w);
}

static void random_vector(Rng *rng, double *v, size_t n, double scale)
{
    for (size_t i = 0; i < n; i++)
        v[i] = scale * rng_normal(rng);
}

static const char *const activations[] = {"tanh", "relu", "gelu", "sigmoid"};

/* Every activation × loss on a dataset that suits it: moons for ce and
 * one-hot mse, gaussian_linear for regression mse. */
static const struct {
    const char *loss, *layers, *data;
} heads[] = {
    {"ce", "2-5-4-2", "moons:n=40,test=0"},
    {"mse", "2-5-4-2", "moons:n=40,test=0"},
    {"mse", "2-5-4-1", "gaussian_linear:n=40,test=0"},
    {"ce", "2-4-3", "blobs:k=3,n=40,test=0"},
};

static void test_gradient_and_hvp_by_differences(void **state)
{
    (void)state;
    for (size_t a = 0; a < sizeof activations / sizeof *activations; a++)
        for (size_t h = 0; h < sizeof heads / sizeof *heads; h++) {
            char spec[128];
            snprintf(spec, sizeof spec, "mlp:layers=%s,act=%s,loss=%s", heads[h].layers,
                     activations[a], heads[h].loss);
            Model m = model_for_test(spec);
            NetDataSplit d = data_for_test(heads[h].data);
            DescentError err;
            assert_true(model_check_data(&m, &d.train, &err));
            size_t n = m.nparams;
            double *theta = malloc(n * sizeof *theta), *grad = malloc(n * sizeof *grad);
            double *v = malloc(n * sizeof *v), *hv = malloc(n * sizeof *hv);
            double *probe = malloc(n * sizeof *probe), *gp = malloc(n * sizeof *gp);
            double *gm = malloc(n * sizeof *gm), *grad2 = malloc(n * sizeof *grad2);
            Rng rng;
            rng_seed(&rng, 7 + a * 10 + h);
            random_vector(&rng, theta, n, 0.8);
            random_vector(&rng, v, n, 1.0);
            ModelWork *w = model_work_create(&m);
            /* A minibatch in scrambled order, with a repeat (every set above
             * has 40 samples). */
            size_t idx[9] = {3, 17, 0, 39, 21, 21, 8, 30, 12};
            double loss = model_gradient(&m, theta, &d.train, idx, 9, grad, w);
            assert_close(model_loss(&m, theta, &d.train, idx, 9, w), loss, 0.0);
            /* Central differences: error O(eps²) + rounding O(1e-16/eps). */
            const double eps = 1e-5;
            for (size_t k = 0; k < n; k++) {
                memcpy(probe, theta, n * sizeof *probe);
                probe[k] = theta[k] + eps;
                double up = model_loss(&m, probe, &d.train, idx, 9, w);
                probe[k] = theta[k] - eps;
                double down = model_loss(&m, probe, &d.train, idx, 9, w);
                assert_close_where(grad[k], (up - down) / (2 * eps), 1e-7, "%s, θ[%zu]", spec,
                                   k);
            }
            double loss_hvp = model_hvp(&m, theta, &d.train, idx, 9, v, hv, grad2, w);
            assert_close(loss_hvp, loss, 0.0);
            for (size_t k = 0; k < n; k++)
                assert_close(grad2[k], grad[k], 0.0);
            for (size_t k = 0; k < n; k++) {
                probe[k] = theta[k] + eps * v[k];
            }
            model_gradient(&m, probe, &d.train, idx, 9, gp, w);
            for (size_t k = 0; k < n; k++)
                probe[k] = theta[k] - eps * v[k];
            model_gradient(&m, probe, &d.train, idx, 9, gm, w);
            for (size_t k = 0; k < n; k++)
                assert_close_where(hv[k], (gp[k] - gm[k]) / (2 * eps), 1e-6, "%s, (Hv)[%zu]",
                                   spec, k);
            model_work_destroy(w);
            free(theta), free(grad), free(v), free(hv), free(probe), free(gp), free(gm);
            free(grad2);
            netdata_free(&d);
        }
}

static void expect_error(const char *spec, const char *part)
{
    Model m;
    DescentError err = {""};
    if (model_parse(spec, &m, &err))
        fail_msg("%s was accepted", spec);
    if (!strstr(err.message, part) || strchr(err.message, '\n'))
        fail_msg("%s: message '%s' does not name '%s' on one line", spec, err.message, part);
}

static void test_bad_specs(void **state)
{
    (void)state;
    expect_error("mlp:layers=0-2", "layers=0-2");
    expect_error("mlp:layers=2", "at least an input and an output");
    expect_error("mlp:layers=2--2", "layers=2--2");
    expect_error("mlp:layers=2-x-2", "layers=2-x-2");
    expect_error("mlp:layers=2-5000-2", "5000 units");
    /* (2·4000 + 4000) + (4000² + 4000) + (4000 + 1) = 16,020,001 parameters. */
    expect_error("mlp:layers=2-4000-4000-1", "16020001 parameters");
    expect_error("mlp:layers=2-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1", "more than 16 sizes");
    expect_error("mlp:act=swish", "act=swish is not one of tanh|relu|gelu|sigmoid");
    expect_error("mlp:loss=hinge", "loss=hinge");
    expect_error("mlp:init_scale=-1", "init_scale=-1");
    expect_error("mlp:width=3", "unknown key 'width'");
    expect_error("cnn", "unknown model 'cnn'");

    /* The data must suit the model. */
    NetDataSplit moons = data_for_test("moons:n=10,test=0");
    NetDataSplit line = data_for_test("gaussian_linear:n=10,test=0");
    DescentError err = {""};
    Model m = model_for_test("mlp:layers=2-4-3");
    assert_false(model_check_data(&m, &moons.train, &err));
    assert_non_null(strstr(err.message, "3 outputs but the data has 2 classes"));
    m = model_for_test("mlp:layers=3-4-2");
    assert_false(model_check_data(&m, &moons.train, &err));
    m = model_for_test("mlp:layers=2-4-1,loss=ce");
    assert_false(model_check_data(&m, &line.train, &err));
    assert_non_null(strstr(err.message, "loss=ce needs classes"));
    m = model_for_test("mlp:layers=2-4-2,loss=mse");
    assert_false(model_check_data(&m, &line.train, &err));
    m = model_for_test("mlp:layers=2-4-1,loss=mse");
    assert_true(model_check_data(&m, &line.train, &err));
    netdata_free(&moons), netdata_free(&line);
}

/* U(−b, b) has mean 0, variance b²/3 and fourth moment b⁴/5, b =
 * init_scale/√fan_in.  Over 200 seeds of each layer's weights (n draws)
 * the sample mean's standard error is b/√(3n) and the sample variance's
 * (b²/3)·√(0.8/n); both must lie within 5 of them, and the largest |w|
 * just under b. */
static void test_init_distribution(void **state)
{
    (void)state;
    Model m = model_for_test("mlp:layers=2-16-16-2,init_scale=2");
    double *theta = malloc(m.nparams * sizeof *theta);
    double *again = malloc(m.nparams * sizeof *again);
    for (int l = 1; l < m.nsizes; l++) {
        double b = 2.0 / sqrt((double)m.sizes[l - 1]);
        double sum = 0.0, sum2 = 0.0, top = 0.0;
        size_t count = 0;
        for (uint64_t seed = 0; seed < 200; seed++) {
            Rng rng;
            rng_seed(&rng, seed);
            model_init(&m, &rng, theta);
            for (size_t k = m.weight_offset[l]; k < m.bias_offset[l]; k++) {
                sum += theta[k];
                sum2 += theta[k] * theta[k];
                top = fmax(top, fabs(theta[k]));
                count++;
            }
        }
        double mean = sum / (double)count, var = sum2 / (double)count - mean * mean;
        double n = (double)count;
        assert_true(fabs(mean) < 5.0 * b / sqrt(3.0 * n));
        assert_true(fabs(var / (b * b / 3.0) - 1.0) < 5.0 * sqrt(0.8 / n));
        assert_true(top <= b && top > 0.99 * b);
    }
    /* Deterministic: the same seed gives the same θ, another seed another. */
    Rng a, b;
    rng_seed(&a, 42), rng_seed(&b, 42);
    model_init(&m, &a, theta);
    model_init(&m, &b, again);
    assert_memory_equal(theta, again, m.nparams * sizeof *theta);
    rng_seed(&b, 43);
    model_init(&m, &b, again);
    assert_memory_not_equal(theta, again, m.nparams * sizeof *theta);
    free(theta), free(again);
}

/* Accuracy: share of argmax = label; the outputs of a 2-2 network with
 * W = I, b = 0 are the inputs, so the label is the larger coordinate. */
static void test_accuracy(void **state)
{
    (void)state;
    Model m = model_for_test("mlp:layers=2-2");
    double theta[6] = {1, 0, 0, 1, 0, 0};
    double x[8] = {1, 0, 0, 1, 2, 3, -1, -2};
    double y[4] = {0, 1, 0, 0}; /* right, right, wrong, right */
    NetData d = {.n = 4, .dim = 2, .classes = 2, .x = x, .y = y};
    ModelWork *w = model_work_create(&m);
    ModelEval e = model_evaluate(&m, theta, &d, NULL, 4, w);
    assert_close(e.accuracy, 0.75, 0.0);
    /* logsumexp(z) − z[y] per sample: log(e + 1) − 1, log(1 + e) − 1,
     * log(e² + e³) − 2, log(e^−1 + e^−2) + 1 */
    double expected = (2.0 * (log(exp(1.0) + 1.0) - 1.0) + log(exp(2.0) + exp(3.0)) - 2.0 +
                       log(exp(-1.0) + exp(-2.0)) + 1.0) / 4.0;
    assert_close(e.loss, expected, 1e-15);
    size_t idx[2] = {2, 2};
    assert_close(model_evaluate(&m, theta, &d, idx, 2, w).accuracy, 0.0, 0.0);
    model_work_destroy(w);
}

/* The data's square and how far two networks' regions differ on it, by
 * hand.  Samples (−1, 0) and (3, 2): coordinates from −1 to 3, so the
 * square is [−1 − 0.32, 3 + 0.32] (8 % of 4 either side, and netdata.h's
 * 1e-9), side 4.64, cell centres −1.32 + (i + 0.5)·0.145.  On a 2-2
 * network with W = 0 but W[1][0] = 1, class 1 is x1 > −b1: b1 = −1
 * (the middle) splits columns 0–15 from 16–31, b1 = 0.16 columns 0–7
 * (centre −0.2325) from 8–31 (−0.0875). */
static void test_regions_by_hand(void **state)
{
    (void)state;
    double x[4] = {-1, 0, 3, 2}, y[2] = {0, 1};
    NetDataSplit d = {.train = {.n = 2, .dim = 2, .classes = 2, .x = x, .y = y},
                      .test = {.dim = 2, .classes = 2}};
    double lo, hi;
    netdata_square(&d, &lo, &hi);
    assert_close(lo, -1.32 - 1e-9, 1e-12);
    assert_close(hi, 3.32 + 1e-9, 1e-12);
    Model m = model_for_test("mlp:layers=2-2");
    const double zero[6] = {0, 0, 0, 0, 1, 0}, one[6] = {0, 0, 0, 0, 0, 1};
    const double half[6] = {0, 0, 1, 0, 0, -1}, most[6] = {0, 0, 1, 0, 0, 0.16};
    ModelWork *w = model_work_create(&m);
    double share = -1;
    assert_true(model_regions_differ(&m, zero, zero, &d, w, &share));
    assert_close(share, 0, 0);
    assert_true(model_regions_differ(&m, zero, one, &d, w, &share));
    assert_close(share, 1, 0);
    assert_true(model_regions_differ(&m, zero, half, &d, w, &share));
    assert_close(share, 0.5, 0);
    assert_true(model_regions_differ(&m, one, most, &d, w, &share));
    assert_close(share, 0.25, 0);
    assert_true(model_regions_differ(&m, half, most, &d, w, &share));
    assert_close(share, 0.25, 0);
    model_work_destroy(w);
}

/* More samples than one chunk: the chunked sums equal the sums of the
 * halves weighted by their sizes. */
static void test_chunks(void **state)
{
    (void)state;
    Model m = model_for_test("mlp:layers=2-3-2");
    NetDataSplit d = data_for_test("moons:n=600,test=0");
    double theta[17];
    Rng rng;
    rng_seed(&rng, 1);
    model_init(&m, &rng, theta);
    ModelWork *w = model_work_create(&m);
    double g_all[17], g_a[17], g_b[17];
    double all = model_gradient(&m, theta, &d.train, NULL, 600, g_all, w);
    size_t *second = malloc(300 * sizeof *second);
    for (size_t i = 0; i < 300; i++)
        second[i] = 300 + i;
    double a = model_gradient(&m, theta, &d.train, NULL, 300, g_a, w);
    double b = model_gradient(&m, theta, &d.train, second, 300, g_b, w);
    assert_close(all, 0.5 * (a + b), 1e-14);
    for (size_t k = 0; k < 17; k++)
        assert_close(g_all[k], 0.5 * (g_a[k] + g_b[k]), 1e-14);
    free(second);
    model_work_destroy(w);
    netdata_free(&d);
}

/* A work keeps its last forward pass over a whole set (model.h's Memory):
 * one work serving a sequence of evaluations that shares θ with the one
 * before but not the set, the set but not θ, or neither (model_outputs in
 * between) gives, bit for bit, what a fresh work gives each. */
static void test_kept_forward(void **state)
{
    (void)state;
    Model m = model_for_test("mlp:layers=2-8-8-2");
    NetDataSplit d = data_for_test("moons:n=200");
    size_t n = m.nparams;
    double *theta = malloc(n * sizeof *theta), *other = malloc(n * sizeof *other);
    double *v = malloc(n * sizeof *v);
    double *kept = malloc(n * sizeof *kept), *fresh = malloc(n * sizeof *fresh);
    Rng rng;
    rng_seed(&rng, 5);
    model_init(&m, &rng, theta);
    model_init(&m, &rng, other);
    random_vector(&rng, v, n, 1.0);
    ModelWork *w = model_work_create(&m);
    double x[2 * 100], z[2 * 100];
    for (size_t i = 0; i < 2 * 100; i++)
        x[i] = 0.01 * (double)i - 1.0;
    struct {
        const double *theta;
        const NetData *set;
        bool outputs_first;
    } calls[] = {{theta, &d.train, false}, {theta, &d.test, false}, {theta, &d.test, false},
                 {theta, &d.test, true},   {other, &d.test, false}};
    for (size_t c = 0; c < sizeof calls / sizeof calls[0]; c++) {
        if (calls[c].outputs_first)
            model_outputs(&m, calls[c].theta, x, 100, z, w);
        ModelWork *once = model_work_create(&m);
        const NetData *set = calls[c].set;
        double loss = model_hvp(&m, calls[c].theta, set, NULL, set->n, v, kept, NULL, w);
        assert_true(loss == model_hvp(&m, calls[c].theta, set, NULL, set->n, v, fresh, NULL,
                                      once));
        assert_memory_equal(kept, fresh, n * sizeof *kept);
        model_work_destroy(once);
    }
    model_work_destroy(w);
    free(theta), free(other), free(v), free(kept), free(fresh);
    netdata_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_outputs_by_hand),
        cmocka_unit_test(test_gradient_and_hvp_by_differences),
        cmocka_unit_test(test_bad_specs),
        cmocka_unit_test(test_init_distribution),
        cmocka_unit_test(test_accuracy),
        cmocka_unit_test(test_regions_by_hand),
        cmocka_unit_test(test_chunks),
        cmocka_unit_test(test_kept_forward),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
