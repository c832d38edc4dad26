/*
 * test_net_run.c — a network's training run (core/net_run.h): what it
 * measures and when, its minibatch wiring, divergence and rewinding, its
 * curvature against a Hessian known in closed form, and the stability
 * lines the plots draw.
 * test_net_torch.c checks the trajectories themselves against torch.
 */
#include "net_testing.h"

#include <stdlib.h>
#include <string.h>

#include "core/net_run.h"
#include "core/spectrum.h"

/* H's operator on the full training set at θ. */
static ModelHessian full_hessian(const NetFixture *f, const double *theta, ModelWork *work)
{
    return (ModelHessian){&f->model, theta, &f->data.train, NULL, f->data.train.n, work};
}

static double dense_max(size_t n, LinearOperator op, void *context)
{
    double *values = malloc(n * sizeof *values);
    DescentError err = {""};
    assert_true(spectrum_dense(n, op, context, values, NULL, &err));
    double top = values[n - 1];
    free(values);
    return top;
}

/* Step 0: ‖θ0‖ and the losses at θ0; the sharpness is the dense
 * spectrum's largest eigenvalue; no test part gives NaN test metrics. */
static void test_start_metrics(void **state)
{
    (void)state;
    NetFixture f = net_fixture("mlp:layers=2-6-2", "moons:n=40,test=0", 5);
    NetRun run;
    start_net_run(&run, &f, "gd:lr=0.1", 1);
    const NetMetrics *m = &run.metrics[0];
    double square = 0;
    for (size_t i = 0; i < f.model.nparams; i++)
        square += f.theta[i] * f.theta[i];
    assert_close(m->norm, sqrt(square), 1e-15);
    ModelWork *work = model_work_create(&f.model);
    assert_close(m->train_loss,
                 model_loss(&f.model, f.theta, &f.data.train, NULL, f.data.train.n, work), 0);
    assert_true(isnan(m->test_loss) && isnan(m->test_acc));
    ModelHessian h = full_hessian(&f, f.theta, work);
    assert_close(m->sharpness, dense_max(f.model.nparams, model_hessian_apply, &h), 1e-8);
    assert_true(isnan(m->preconditioned_sharpness));
    model_work_destroy(work);
    net_run_free(&run);
    net_fixture_free(&f);
}

/* Adam's preconditioned sharpness is λmax(P⁻¹H) with spectrum.h's P of
 * the state's second moment: the dense spectrum of P^(-1/2) H P^(-1/2). */
static void test_preconditioned_sharpness(void **state)
{
    (void)state;
    NetFixture f = net_fixture("mlp:layers=2-5-2", "circles:n=30", 5);
    NetRun run;
    start_net_run(&run, &f, "adam:lr=0.01", 3);
    advance_net_run(&run, 3);
    size_t n = f.model.nparams;
    const OptimizerVec *s = net_run_state(&run);
    double *p = malloc(2 * n * sizeof *p);
    spectrum_adam_preconditioner(n, optimizer_vec_view(s, OPTVEC_SQ), 0.9, 0.999, 1e-8, 3, p);
    ModelWork *work = model_work_create(&f.model);
    ModelHessian h = full_hessian(&f, net_run_theta(&run), work);
    PreconditionedOperator op = {n, model_hessian_apply, &h, p, p + n};
    assert_close(run.metrics[3].preconditioned_sharpness,
                 dense_max(n, spectrum_preconditioned_apply, &op), 1e-8);
    free(p);
    model_work_destroy(work);
    net_run_free(&run);
    net_fixture_free(&f);
}

/* A measurement spread over calls of a few products each (net_run.h's
 * NetCurvature) gives net_run_curvature's numbers bit for bit, and takes
 * more than one call: the products are dealt out, not made at once. */
static void test_curvature_in_parts(void **state)
{
    (void)state;
    NetFixture f = net_fixture("mlp:layers=2-6-6-2", "moons:n=60", 5);
    const char *const specs[] = {"gd:lr=0.2", "adam:lr=0.01"};
    for (size_t k = 0; k < 2; k++) {
        NetRun run;
        start_net_run(&run, &f, specs[k], 0);
        advance_net_run(&run, 30);
        double whole[2], parts[2] = {0, 0};
        DescentError err;
        assert_true(net_run_curvature(&run, net_run_state(&run), &whole[0], &whole[1], &err));
        NetCurvature *c = net_curvature_start(&run, net_run_state(&run), &err);
        assert_non_null(c);
        assert_int_equal(net_curvature_update(c), 30);
        bool done = false;
        int calls = 0;
        while (!done) {
            int products = 3;
            assert_true(net_curvature_step(c, &products, &done, &parts[0], &parts[1], &err));
            calls++;
        }
        net_curvature_free(c);
        assert_true(calls > 1);
        assert_memory_equal(whole, parts, sizeof whole);
        assert_true(k == 0 ? isnan(parts[1]) : parts[1] > 0);
        net_run_free(&run);
    }
    net_fixture_free(&f);
}

/* The noise scale's meaning (net_run.h): over every minibatch of B
 * samples, drawn without replacement, the mean of |g_B − G|² is
 * (tr Σ / B)(N − B)/(N − 1) = noise_scale |G|² (N − B) / (B (N − 1)).
 * 8 samples, B = 3: all 56 minibatches, enumerated. */
static void test_noise_scale_predicts_minibatch_noise(void **state)
{
    (void)state;
    NetFixture f = net_fixture("mlp:layers=2-4-2", "xor:n=16,test=0.5", 5);
    assert_int_equal(f.data.train.n, 8);
    NetRun run;
    start_net_run(&run, &f, "gd", 1);
    size_t n = f.model.nparams, N = 8, B = 3;
    ModelWork *work = model_work_create(&f.model);
    double *full = malloc(2 * n * sizeof *full), *g = full + n;
    model_gradient(&f.model, f.theta, &f.data.train, NULL, N, full, work);
    double signal = 0, noise = 0;
    for (size_t i = 0; i < n; i++)
        signal += full[i] * full[i];
    int batches = 0;
    for (size_t a = 0; a < N; a++)
        for (size_t b = a + 1; b < N; b++)
            for (size_t c = b + 1; c < N; c++) {
                size_t idx[3] = {a, b, c};
                model_gradient(&f.model, f.theta, &f.data.train, idx, B, g, work);
                for (size_t i = 0; i < n; i++)
                    noise += (g[i] - full[i]) * (g[i] - full[i]);
                batches++;
            }
    assert_int_equal(batches, 56);
    double expected = run.metrics[0].noise_scale * signal * (double)(N - B) / (double)(B * (N - 1));
    assert_close(noise / batches, expected, 1e-12 * expected);
    free(full);
    model_work_destroy(work);
    net_run_free(&run);
    net_fixture_free(&f);
}

/* every = K: curvature at steps 0, K, 2K, ... only; the loss every step. */
static void test_measures_every_k(void **state)
{
    (void)state;
    NetFixture f = net_fixture("mlp:layers=2-4-2", "moons:n=20", 5);
    NetRun run;
    start_net_run(&run, &f, "adamw:lr=0.01", 4);
    advance_net_run(&run, 10);
    assert_int_equal(run.count, 11);
    for (size_t k = 0; k <= 10; k++) {
        const NetMetrics *m = &run.metrics[k];
        assert_true(isfinite(m->train_loss) && isfinite(m->test_loss) && isfinite(m->norm));
        assert_int_equal(!isnan(m->sharpness), k % 4 == 0);
        assert_int_equal(!isnan(m->noise_scale), k % 4 == 0);
        assert_int_equal(!isnan(m->preconditioned_sharpness), k % 4 == 0 && k > 0);
    }
    net_run_free(&run);
    net_fixture_free(&f);
}

/* Update 1 of a minibatch run is θ0 − lr ∇L_batch(θ0) over the samples
 * net_run_batch names. */
static void test_first_minibatch_update(void **state)
{
    (void)state;
    NetFixture f = net_fixture("mlp:layers=2-5-2,act=relu", "blobs:n=40,k=2", 5);
    NetRun run;
    start_net_run(&run, &f, "sgd:lr=0.3,batch=6,seed=9", 0);
    size_t idx[6], n = f.model.nparams;
    assert_int_equal(net_run_batch(&run, 0, idx), 6);
    double *g = malloc(n * sizeof *g);
    ModelWork *work = model_work_create(&f.model);
    model_gradient(&f.model, f.theta, &f.data.train, idx, 6, g, work);
    advance_net_run(&run, 1);
    for (size_t i = 0; i < n; i++)
        assert_close(net_run_theta(&run)[i], f.theta[i] - 0.3 * g[i], 1e-15);
    free(g);
    model_work_destroy(work);
    net_run_free(&run);
    net_fixture_free(&f);
}

/* A kept state brings the run back: the same updates again, bit for bit. */
static void test_rewind(void **state)
{
    (void)state;
    NetFixture f = net_fixture("mlp:layers=2-6-2", "spirals:n=40", 5);
    NetRun run;
    start_net_run(&run, &f, "adam:lr=0.02,batch=5,noise=0.01,seed=2", 5);
    size_t bytes = optimizer_vec_size(f.model.nparams);
    advance_net_run(&run, 10);
    OptimizerVec *kept = malloc(bytes);
    memcpy(kept, net_run_state(&run), bytes);
    advance_net_run(&run, 20);
    NetMetrics first[31];
    memcpy(first, run.metrics, sizeof first);
    OptimizerVec *end = malloc(bytes);
    memcpy(end, net_run_state(&run), bytes);
    net_run_rewind(&run, kept);
    assert_int_equal(run.count, 11);
    advance_net_run(&run, 20);
    assert_memory_equal(first, run.metrics, sizeof first);
    assert_memory_equal(end, net_run_state(&run), bytes);
    free(kept);
    free(end);
    net_run_free(&run);
    net_fixture_free(&f);
}

/* A run whose loss blows up stops at the first non-finite metrics. */
static void test_divergence_stops(void **state)
{
    (void)state;
    NetFixture f = net_fixture("mlp:layers=2-8-1,loss=mse", "gaussian_linear:n=30", 5);
    NetRun run;
    start_net_run(&run, &f, "gd:lr=1000", 0);
    advance_net_run(&run, 200);
    assert_int_equal(run.status, NET_RUN_DIVERGED);
    assert_true(run.count < 201);
    const NetMetrics *last = &run.metrics[run.count - 1];
    assert_false(isfinite(last->train_loss) && isfinite(last->norm));
    for (size_t k = 0; k + 1 < run.count; k++)
        assert_true(isfinite(run.metrics[k].train_loss));
    assert_true(isnan(last->train_acc)); /* regression: no accuracy */
    net_run_free(&run);
    net_fixture_free(&f);
}

/* The largest eigenvalue of a symmetric 3 × 3 matrix by the closed form
 * (Smith 1961): with q = tr A / 3, p = √(‖A − qI‖²_F / 6) and
 * B = (A − qI)/p, λmax = q + 2p cos(acos(det B / 2) / 3). */
static double largest_of_3x3(const double a[3][3])
{
    double q = (a[0][0] + a[1][1] + a[2][2]) / 3;
    double off = a[0][1] * a[0][1] + a[0][2] * a[0][2] + a[1][2] * a[1][2];
    double p = sqrt(((a[0][0] - q) * (a[0][0] - q) + (a[1][1] - q) * (a[1][1] - q) +
                     (a[2][2] - q) * (a[2][2] - q) + 2 * off) / 6);
    double b[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            b[i][j] = (a[i][j] - (i == j ? q : 0)) / p;
    double det = b[0][0] * (b[1][1] * b[2][2] - b[1][2] * b[2][1]) -
                 b[0][1] * (b[1][0] * b[2][2] - b[1][2] * b[2][0]) +
                 b[0][2] * (b[1][0] * b[2][1] - b[1][1] * b[2][0]);
    double r = fmin(1.0, fmax(-1.0, det / 2));
    return q + 2 * p * cos(acos(r) / 3);
}

/* Linear regression through the model code (layers=2-1, mse): with
 * u = (x1, x2, 1), L = (1/N) Σ (θ·u − y)² has the constant Hessian
 * H = (2/N) Σ u uᵀ, built here from the data alone.  net_run_curvature's
 * λmax equals its largest eigenvalue to 1e-6; for Adam after 5 updates,
 * λmax(P⁻¹H) equals that of P^(-1/2) H P^(-1/2) with P written out from
 * the second moment, (1 − β1^t)(√(v/(1 − β2^t)) + ε). */
static void test_curvature_of_linear_regression(void **state)
{
    (void)state;
    NetFixture f = net_fixture("mlp:layers=2-1,loss=mse", "gaussian_linear:n=50,test=0", 5);
    const NetData *d = &f.data.train;
    double h[3][3] = {{0}};
    for (size_t s = 0; s < d->n; s++) {
        double u[3] = {d->x[2 * s], d->x[2 * s + 1], 1.0};
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                h[i][j] += 2 * u[i] * u[j] / (double)d->n;
    }
    NetRun gd, adam;
    start_net_run(&gd, &f, "gd:lr=0.1", 0);
    start_net_run(&adam, &f, "adam:lr=0.05", 0);
    advance_net_run(&gd, 3);
    advance_net_run(&adam, 5);
    double sharpness, preconditioned;
    DescentError err = {""};
    assert_true(net_run_curvature(&gd, net_run_state(&gd), &sharpness, &preconditioned, &err));
    assert_close(sharpness, largest_of_3x3(h), 1e-6);
    assert_true(isnan(preconditioned));

    const double *v = optimizer_vec_view(net_run_state(&adam), OPTVEC_SQ);
    double p[3], m[3][3];
    for (int i = 0; i < 3; i++)
        p[i] = (1 - pow(0.9, 5)) * (sqrt(v[i] / (1 - pow(0.999, 5))) + 1e-8);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            m[i][j] = h[i][j] / sqrt(p[i] * p[j]);
    assert_true(net_run_curvature(&adam, net_run_state(&adam), &sharpness, &preconditioned,
                                  &err));
    assert_close(sharpness, largest_of_3x3(h), 1e-6);
    assert_close(preconditioned, largest_of_3x3(m), 1e-6 * largest_of_3x3(m));
    net_run_free(&gd);
    net_run_free(&adam);
    net_fixture_free(&f);
}

/* The stability lines, by hand: 2/η; heavy-ball momentum μ = 0.9 at
 * η = 0.1, 2(1.9)/0.1 = 38; Nesterov, 3.8/(0.1·2.8); Adam's
 * (2 + 1.8)/(0.01·0.1) = 3800 = 38/η; flow has none. */
static void test_stability_lines(void **state)
{
    (void)state;
    const struct {
        const char *spec;
        double line;
    } cases[] = {
        {"gd:lr=0.5", 4.0},
        {"sgd:lr=0.25,batch=4", 8.0},
        {"momentum:lr=0.1", 38.0},
        {"gd:lr=0.1,momentum=0.5,dampening=0.5", 60.0},
        {"nesterov:lr=0.1", 3.8 / 0.28},
        {"adam:lr=0.01", 3800.0},
        {"adamw:lr=0.01,beta1=0.5", 3.0 / 0.005},
        {"rmsprop:lr=0.02", 100.0},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        OptimizerDesc desc;
        DescentError err = {""};
        if (!optimizer_parse_vec(cases[c].spec, 20, "test", &desc, &err))
            fail_msg("%s: %s", cases[c].spec, err.message);
        assert_close_where(net_run_stability_line(&desc, 7), cases[c].line,
                           1e-12 * cases[c].line, "%s", cases[c].spec);
    }
    OptimizerDesc flow;
    DescentError err = {""};
    assert_true(optimizer_parse_vec("flow:lr=0.1", 20, "test", &flow, &err));
    assert_true(isnan(net_run_stability_line(&flow, 7)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_start_metrics),
        cmocka_unit_test(test_preconditioned_sharpness),
        cmocka_unit_test(test_curvature_in_parts),
        cmocka_unit_test(test_noise_scale_predicts_minibatch_noise),
        cmocka_unit_test(test_measures_every_k),
        cmocka_unit_test(test_first_minibatch_update),
        cmocka_unit_test(test_rewind),
        cmocka_unit_test(test_divergence_stops),
        cmocka_unit_test(test_curvature_of_linear_regression),
        cmocka_unit_test(test_stability_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
