/*
 * test_model.c — the network of core/model.h: spec errors, θ's layout,
 * initialisation, and its derivatives checked against finite differences
 * (gradient against central differences of the loss, Hessian-vector
 * products against central differences of the gradient) at random θ for
 * every activation and loss.  The exact match with torch.autograd is
 * test_model_torch.c's.
 */
#include "testing.h"

#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "core/netdata.h"

static Model parse_model(const char *spec)
{
    Model m;
    DescentError err = {""};
    if (!model_parse(spec, &m, &err))
        fail_msg("%s: %s", spec, err.message);
    return m;
}

static NetDataSplit make_data(const char *spec)
{
    NetDataSplit d;
    DescentError err = {""};
    if (!netdata_create(spec, &d, &err))
        fail_msg("%s: %s", spec, err.message);
    return d;
}

static void test_layout(void **state)
{
    (void)state;
    Model m = parse_model("mlp:layers=2-16-16-2");
    /* (2·16 + 16) + (16·16 + 16) + (16·2 + 2) = 48 + 272 + 34 = 354 */
    assert_int_equal(m.nparams, 354);
    assert_int_equal(m.weight_offset[1], 0);
    assert_int_equal(m.bias_offset[1], 32);
    assert_int_equal(m.weight_offset[2], 48);
    assert_int_equal(m.bias_offset[2], 304);
    assert_int_equal(m.weight_offset[3], 320);
    assert_int_equal(m.bias_offset[3], 352);
    Model d = parse_model("mlp");
    assert_int_equal(d.nparams, 354);
    assert_int_equal(d.act, MODEL_ACT_TANH);
    assert_int_equal(d.loss, MODEL_LOSS_CE);
}

/* A 2-3-2 network written out by hand: W1 row o holds weights of unit o. */
static void test_outputs_by_hand(void **state)
{
    (void)state;
    Model m = parse_model("mlp:layers=2-3-2,act=relu");
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
    {"ce", "2-4-3", "blobs:k=3,n=30,test=0"},
};

static void test_gradient_and_hvp_by_differences(void **state)
{
    (void)state;
    for (size_t a = 0; a < sizeof activations / sizeof *activations; a++)
        for (size_t h = 0; h < sizeof heads / sizeof *heads; h++) {
            char spec[128];
            snprintf(spec, sizeof spec, "mlp:layers=%s,act=%s,loss=%s", heads[h].layers,
                     activations[a], heads[h].loss);
            Model m = parse_model(spec);
            NetDataSplit d = make_data(heads[h].data);
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
            /* A minibatch in scrambled order, with a repeat. */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_outputs_by_hand),
        cmocka_unit_test(test_gradient_and_hvp_by_differences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
