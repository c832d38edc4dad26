/*
 * spectrum.c — Lanczos with full reorthogonalisation, the dense spectrum
 * through LAPACK, and the preconditioned operator (see spectrum.h).
 */
#include "spectrum.h"

#include <lapacke.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

static double dot(const double *a, const double *b, size_t n)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += a[i] * b[i];
    return sum;
}

/* w −= Σ_i (q_i·w) q_i over the rows q_0 .. q_{k−1} of Q. */
static void orthogonalise(double *w, const double *Q, size_t k, size_t n)
{
    for (size_t i = 0; i < k; i++) {
        const double *q = Q + i * n;
        double c = dot(q, w, n);
        for (size_t j = 0; j < n; j++)
            w[j] -= c * q[j];
    }
}

/* The Ritz values of the k × k tridiagonal (alpha, beta), descending, into
 * dest, with β_k·|last component of each Ritz vector| into residual. */
static bool ritz(const double *alpha, const double *beta, size_t k, double beta_k, double *d,
                 double *e, double *z, double *values, double *residual)
{
    memcpy(d, alpha, k * sizeof *d);
    memcpy(e, beta, (k - 1) * sizeof *e);
    if (LAPACKE_dstev(LAPACK_COL_MAJOR, 'V', (lapack_int)k, d, e, z, (lapack_int)k) != 0)
        return false;
    /* d ascends; column j of z (column-major) is the Ritz vector of d[j]. */
    for (size_t j = 0; j < k; j++) {
        values[j] = d[k - 1 - j];
        residual[j] = fabs(beta_k * z[(k - 1 - j) * k + (k - 1)]);
    }
    return true;
}

struct LanczosRun {
    size_t n, max_iter, k;  /* k: products made */
    int top;
    double tol;
    double *Q, *w, *ab;     /* the basis, the new vector, the tridiagonal and LAPACK's room */
    double *alpha, *beta, *d, *e, *z, *values, *residual;
    bool done;
    LanczosResult result;
};

void spectrum_lanczos_free(LanczosRun *run)
{
    if (!run)
        return;
    free(run->Q), free(run->w), free(run->ab);
    free(run);
}

LanczosRun *spectrum_lanczos_start(size_t n, const LanczosDesc *desc, DescentError *err)
{
    LanczosRun *run = calloc(1, sizeof *run);
    if (!run) {
        error_set(err, "Lanczos: out of memory");
        return NULL;
    }
    run->n = n;
    run->top = desc->top > 0 ? desc->top : 1;
    if (run->top > SPECTRUM_MAX_TOP)
        run->top = SPECTRUM_MAX_TOP;
    size_t max_iter = desc->max_iter > 0 ? (size_t)desc->max_iter : 100;
    if (max_iter > n)
        max_iter = n;
    run->max_iter = max_iter;
    run->tol = desc->tol > 0.0 ? desc->tol : 1e-10;
    run->Q = malloc((max_iter + 1) * n * sizeof *run->Q);
    run->w = malloc(n * sizeof *run->w);
    run->ab = malloc((2 * max_iter + 2 * max_iter + max_iter * max_iter + 2 * max_iter) *
                     sizeof *run->ab);
    if (!run->Q || !run->w || !run->ab) {
        spectrum_lanczos_free(run);
        error_set(err, "Lanczos: out of memory for %zu iterations of %zu values", max_iter, n);
        return NULL;
    }
    run->alpha = run->ab, run->beta = run->alpha + max_iter, run->d = run->beta + max_iter;
    run->e = run->d + max_iter, run->z = run->e + max_iter;
    run->values = run->z + max_iter * max_iter, run->residual = run->values + max_iter;
    Rng rng;
    rng_seed(&rng, desc->seed);
    for (size_t j = 0; j < n; j++)
        run->Q[j] = rng_normal(&rng);
    double norm = sqrt(dot(run->Q, run->Q, n));
    for (size_t j = 0; j < n; j++)
        run->Q[j] /= norm;
    return run;
}

/* The run is over after k products: its result is kept. */
static void finish(LanczosRun *run)
{
    run->done = true;
    run->result.iterations = (int)run->k;
    for (int j = 0; j < run->result.count; j++) {
        run->result.values[j] = run->values[j];
        run->result.residuals[j] = run->residual[j];
    }
}

bool spectrum_lanczos_step(LanczosRun *run, LinearOperator op, void *context, int *products,
                           DescentError *err)
{
    size_t n = run->n;
    double *Q = run->Q, *w = run->w;
    while (!run->done && *products > 0) {
        size_t k = run->k;
        double *q = Q + k * n;
        op(context, q, w);
        --*products;
        run->alpha[k] = dot(q, w, n);
        /* Twice is enough (Kahan's "twice is enough", Parlett §6.9). */
        orthogonalise(w, Q, k + 1, n);
        orthogonalise(w, Q, k + 1, n);
        double b = sqrt(dot(w, w, n));
        k = ++run->k;
        if (!ritz(run->alpha, run->beta, k, b, run->d, run->e, run->z, run->values,
                  run->residual))
            return error_set(err, "Lanczos: LAPACK's dstev did not converge");
        int found = k < (size_t)run->top ? (int)k : run->top;
        bool done = true;
        for (int j = 0; j < found; j++)
            done = done && run->residual[j] <= run->tol * fmax(1.0, fabs(run->values[j]));
        /* The Krylov space closed (b ≈ 0): every Ritz value is exact. */
        bool closed = !(b > 1e-13 * fmax(1.0, fabs(run->values[0])));
        run->result.count = found;
        run->result.converged = (done && found == run->top) || closed || k == n;
        if (run->result.converged || k == run->max_iter) {
            finish(run);
            break;
        }
        run->beta[k - 1] = b;
        double *next = Q + k * n;
        for (size_t j = 0; j < n; j++)
            next[j] = w[j] / b;
    }
    return true;
}

bool spectrum_lanczos_done(const LanczosRun *run, LanczosResult *dest)
{
    if (run->done)
        *dest = run->result;
    return run->done;
}

bool spectrum_lanczos(size_t n, LinearOperator op, void *context, const LanczosDesc *desc,
                      LanczosResult *dest, DescentError *err)
{
    *dest = (LanczosResult){0};
    LanczosRun *run = spectrum_lanczos_start(n, desc, err);
    if (!run)
        return false;
    int products = INT_MAX;
    bool ok = spectrum_lanczos_step(run, op, context, &products, err);
    if (ok)
        spectrum_lanczos_done(run, dest);
    spectrum_lanczos_free(run);
    return ok;
}

bool spectrum_dense(size_t n, LinearOperator op, void *context, double *values,
                    double *vectors, DescentError *err)
{
    double *a = malloc(n * n * sizeof *a), *unit = calloc(n, sizeof *unit);
    if (!a || !unit) {
        free(a), free(unit);
        return error_set(err, "dense spectrum: out of memory for %zu × %zu values", n, n);
    }
    /* Row i of a is A e_i (A's column i, its row i by symmetry). */
    for (size_t i = 0; i < n; i++) {
        unit[i] = 1.0;
        op(context, unit, a + i * n);
        unit[i] = 0.0;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            double mean = 0.5 * (a[i * n + j] + a[j * n + i]);
            a[i * n + j] = a[j * n + i] = mean;
        }
    lapack_int info = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, vectors ? 'V' : 'N', 'U',
                                     (lapack_int)n, a, (lapack_int)n, values);
    bool ok = info == 0;
    if (!ok)
        error_set(err, "dense spectrum: LAPACK's dsyevd failed (info %d)", (int)info);
    /* In row-major order the eigenvectors are a's columns; rows for the caller. */
    for (size_t k = 0; ok && vectors && k < n; k++)
        for (size_t j = 0; j < n; j++)
            vectors[k * n + j] = a[j * n + k];
    free(a), free(unit);
    return ok;
}

void spectrum_preconditioned_apply(void *context, const double *v, double *dest)
{
    const PreconditionedOperator *p = context;
    for (size_t i = 0; i < p->n; i++)
        p->scratch[i] = v[i] / sqrt(p->p_diag[i]);
    p->op(p->context, p->scratch, dest);
    for (size_t i = 0; i < p->n; i++)
        dest[i] /= sqrt(p->p_diag[i]);
}

void spectrum_adam_preconditioner(size_t n, const double *exp_avg_sq, double beta1,
                                  double beta2, double eps, long t, double *p_diag)
{
    double correction1 = 1.0 - pow(beta1, (double)t);
    double root2 = sqrt(1.0 - pow(beta2, (double)t));
    for (size_t i = 0; i < n; i++)
        p_diag[i] = correction1 * (sqrt(exp_avg_sq[i]) / root2 + eps);
}
