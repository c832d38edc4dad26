/*
 * test_spectrum.c — core/spectrum.h: Lanczos and the dense spectrum on a
 * matrix whose eigenvalues are known by construction, the preconditioned
 * operator on a diagonal one, Adam's preconditioner against its formula,
 * and, on a network's Hessian, Lanczos's largest eigenvalues against
 * LAPACK's dense spectrum to 1e-8.
 */
#include "net_testing.h"

#include <stdlib.h>
#include <string.h>

#include "core/spectrum.h"

/* A = Q diag(d) Qᵀ with Q a product of Householder reflections
 * I − 2uuᵀ/uᵀu, so its eigenvalues are d exactly. */
typedef struct Known {
    size_t n;
    const double *d;
    double u[2][64];
} Known;

static void reflect(const double *u, double *x, size_t n)
{
    double uu = 0.0, ux = 0.0;
    for (size_t i = 0; i < n; i++)
        uu += u[i] * u[i], ux += u[i] * x[i];
    for (size_t i = 0; i < n; i++)
        x[i] -= 2.0 * ux / uu * u[i];
}

static void known_apply(void *context, const double *v, double *dest)
{
    const Known *k = context;
    memcpy(dest, v, k->n * sizeof *dest);
    reflect(k->u[1], dest, k->n); /* Qᵀ = H0 H1 applied right to left: H1 first... */
    reflect(k->u[0], dest, k->n); /* ... (Q = H1 H0, Qᵀ = H0 H1) */
    for (size_t i = 0; i < k->n; i++)
        dest[i] *= k->d[i];
    reflect(k->u[0], dest, k->n);
    reflect(k->u[1], dest, k->n);
}

static int compare_descending(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

static void test_known_matrix(void **state)
{
    (void)state;
    enum { N = 40 };
    double d[N];
    for (size_t i = 0; i < N; i++)
        d[i] = (i % 3 ? 1.0 : -1.0) * (double)(i * i) / 50.0 + 0.25;
    Known k = {.n = N, .d = d};
    Rng rng;
    rng_seed(&rng, 3);
    for (size_t r = 0; r < 2; r++)
        for (size_t i = 0; i < N; i++)
            k.u[r][i] = rng_normal(&rng);

    double values[N];
    DescentError err;
    assert_true(spectrum_dense(N, known_apply, &k, values, NULL, &err));
    double sorted[N];
    memcpy(sorted, d, sizeof sorted);
    qsort(sorted, N, sizeof *sorted, compare_descending);
    for (size_t i = 0; i < N; i++)
        assert_close(values[i], sorted[N - 1 - i], 1e-12);

    LanczosResult r;
    assert_true(spectrum_lanczos(N, known_apply, &k, &(LanczosDesc){.top = 3}, &r, &err));
    assert_true(r.converged);
    assert_int_equal(r.count, 3);
    for (int i = 0; i < 3; i++) {
        assert_close(r.values[i], sorted[i], 1e-9);
        assert_true(r.residuals[i] <= 1e-10 * fmax(1.0, fabs(sorted[i])));
    }
    /* Too few iterations to converge: said so, with the largest found. */
    assert_true(spectrum_lanczos(N, known_apply, &k, &(LanczosDesc){.top = 1, .max_iter = 3},
                                 &r, &err));
    assert_false(r.converged);
    assert_int_equal(r.iterations, 3);
    assert_true(r.values[0] < sorted[0]);
}

static void diagonal_apply(void *context, const double *v, double *dest)
{
    const double *d = context;
    for (size_t i = 0; i < 4; i++)
        dest[i] = d[i] * v[i];
}

/* P⁻¹A for diagonal A and P is diag(a_i / p_i): its largest is 12/2 = 6. */
static void test_preconditioned(void **state)
{
    (void)state;
    double a[4] = {12.0, 3.0, 5.0, 1.0}, p[4] = {2.0, 0.25, 1.0, 0.5}, scratch[4];
    PreconditionedOperator pre = {4, diagonal_apply, a, p, scratch};
    LanczosResult r;
    DescentError err;
    assert_true(spectrum_lanczos(4, spectrum_preconditioned_apply, &pre,
                                 &(LanczosDesc){.top = 2}, &r, &err));
    /* a/p = 6, 12, 5, 2: largest 12 (3/0.25), then 6. */
    assert_close(r.values[0], 12.0, 1e-12);
    assert_close(r.values[1], 6.0, 1e-12);

    /* torch.optim.Adam after t = 2 updates, β = (0.9, 0.999), ε = 1e-8, v = 0.04:
     * (1 − 0.81)·(√0.04/√(1 − 0.998001) + 1e-8) = 0.19·(0.2/0.0447101778… + 1e-8) */
    double v[1] = {0.04}, diag[1];
    spectrum_adam_preconditioner(1, v, 0.9, 0.999, 1e-8, 2, diag);
    assert_close(diag[0], 0.19 * (0.2 / sqrt(0.001999) + 1e-8), 1e-14);
}

/* A network's Hessian: the top of the dense spectrum and Lanczos agree. */
static void test_network_hessian(void **state)
{
    (void)state;
    static const char *const specs[] = {
        "mlp:layers=2-16-16-2,act=tanh,loss=ce",
        "mlp:layers=2-8-8-2,act=relu,loss=mse",
    };
    for (size_t s = 0; s < 2; s++) {
        NetFixture f = net_fixture(specs[s], "moons:n=200,test=0", 11);
        DescentError err = {""};
        size_t n = f.model.nparams;
        double *values = malloc(n * sizeof *values);
        ModelHessian h = {&f.model, f.theta, &f.data.train, NULL, f.data.train.n, f.work};
        assert_true(spectrum_dense(n, model_hessian_apply, &h, values, NULL, &err));
        LanczosResult r;
        assert_true(spectrum_lanczos(n, model_hessian_apply, &h,
                                     &(LanczosDesc){.top = 3, .max_iter = 200, .seed = 1}, &r,
                                     &err));
        assert_true(r.converged);
        for (int i = 0; i < 3; i++)
            assert_close_where(r.values[i], values[n - 1 - i],
                               relative_tolerance(1e-8, values[n - 1 - i]), "%s, λ%d",
                               specs[s], i + 1);
        printf("# %s: λmax %.10g after %d products (dense %.10g)\n", specs[s], r.values[0],
               r.iterations, values[n - 1]);
        free(values);
        net_fixture_free(&f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_matrix),
        cmocka_unit_test(test_preconditioned),
        cmocka_unit_test(test_network_hessian),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
