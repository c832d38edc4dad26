/*
 * spectrum.h — eigenvalues of a symmetric matrix that is known only by its
 * products with vectors: a network's Hessian through Hessian-vector
 * products (model.h's model_hessian_apply), curvature in the sense of
 * curvature.h for n parameters instead of two.
 *
 *   spectrum_lanczos  the few largest eigenvalues by the Lanczos iteration
 *                     with full reorthogonalisation (each new vector is
 *                     orthogonalised twice against all earlier ones), so no
 *                     spurious copies appear; k iterations cost k products
 *                     and O(k²n) arithmetic.  Each value comes with its
 *                     residual ‖A y − λ y‖ (exact arithmetic: β_k·|s_k|, the
 *                     last component of the Ritz vector times the last β), so
 *                     a reader can trust it or not.  A repeated eigenvalue is
 *                     found once.
 *   spectrum_dense    every eigenvalue: the matrix is built from n products
 *                     with the unit vectors, symmetrised ((A + Aᵀ)/2 absorbs
 *                     rounding), and handed to LAPACK's dsyevd.  For networks
 *                     up to ~500 parameters (n² doubles).
 *   spectrum_preconditioned
 *                     the operator P^(−1/2) A P^(−1/2) for a positive
 *                     diagonal P: it is similar to P⁻¹A, so its eigenvalues
 *                     are those of P⁻¹A, and it is symmetric, so Lanczos
 *                     applies.  With Adam's P (spectrum_adam_preconditioner)
 *                     its λmax is the preconditioned sharpness of Cohen et
 *                     al. 2022, which training at learning rate η drives up
 *                     to (2 + 2β1)/(η(1 − β1)) (38/η at β1 = 0.9).
 *
 * Memory: the caller owns every array it passes.  spectrum_lanczos
 * allocates its Krylov basis ((iterations + 1)·n doubles; a LanczosRun
 * until freed) and
 * spectrum_dense its n × n matrix for the duration of the call; each fails
 * (false, with a message) only when out of memory or, for the dense one,
 * when LAPACK reports no convergence.
 */
#ifndef DESCENT_CORE_SPECTRUM_H
#define DESCENT_CORE_SPECTRUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* A symmetric linear operator on R^n: dest = A v (v and dest do not
 * alias). */
typedef void (*LinearOperator)(void *context, const double *v, double *dest);

#define SPECTRUM_MAX_TOP 16

typedef struct LanczosDesc {
    int top;         /* eigenvalues wanted, 1 .. SPECTRUM_MAX_TOP (0: 1) */
    int max_iter;    /* products at most (0: 100); never more than n */
    double tol;      /* stop once each wanted residual <= tol·max(1, |λ|) (0: 1e-10) */
    uint64_t seed;   /* of the random start vector */
} LanczosDesc;

typedef struct LanczosResult {
    int count;                           /* values found: top, or fewer when n is smaller
                                            or the Krylov space closed early */
    double values[SPECTRUM_MAX_TOP];     /* the largest eigenvalues, descending */
    double residuals[SPECTRUM_MAX_TOP];  /* ‖A y − λ y‖ of each */
    int iterations;                      /* products used */
    bool converged;                      /* every wanted residual met tol */
} LanczosResult;

/* The largest eigenvalues of the n × n operator (n >= 1). */
bool spectrum_lanczos(size_t n, LinearOperator op, void *context, const LanczosDesc *desc,
                      LanczosResult *dest, DescentError *err);

/* The same iteration a few products at a time, for a caller that spreads
 * one over frames: spectrum_lanczos is spectrum_lanczos_start, steps until
 * done, spectrum_lanczos_free, so the numbers are the same however the
 * products are dealt out.  A run owns its basis until freed. */
typedef struct LanczosRun LanczosRun;
LanczosRun *spectrum_lanczos_start(size_t n, const LanczosDesc *desc, DescentError *err);
/* At most *products more products with op (the same operator every call),
 * taken off *products; false (err) only when LAPACK fails. */
bool spectrum_lanczos_step(LanczosRun *run, LinearOperator op, void *context, int *products,
                           DescentError *err);
/* Whether the run is over, and then its result into dest. */
bool spectrum_lanczos_done(const LanczosRun *run, LanczosResult *dest);
void spectrum_lanczos_free(LanczosRun *run);

/* Every eigenvalue of the n × n operator, ascending, into values (n).
 * vectors, when not NULL, receives the unit eigenvectors as its rows
 * (n × n, row k belongs to values[k]). */
bool spectrum_dense(size_t n, LinearOperator op, void *context, double *values,
                    double *vectors, DescentError *err);

/* P^(−1/2) A P^(−1/2) as an operator: fill the fields, pass the struct as
 * the context of spectrum_preconditioned_apply.  scratch holds n doubles. */
typedef struct PreconditionedOperator {
    size_t n;
    LinearOperator op;     /* A */
    void *context;         /* A's context */
    const double *p_diag;  /* P's diagonal, n positive values */
    double *scratch;
} PreconditionedOperator;

void spectrum_preconditioned_apply(void *context, const double *v, double *dest);

/* Adam's preconditioner after t >= 1 updates, torch.optim.Adam's
 * effective one: P = (1 − β1^t)·diag(√(v/(1 − β2^t)) + ε), with v the second
 * moment (exp_avg_sq), so that Adam's update is θ ← θ − η·P⁻¹·m. */
void spectrum_adam_preconditioner(size_t n, const double *exp_avg_sq, double beta1,
                                  double beta2, double eps, long t, double *p_diag);

#endif
