/*
 * experiment_batch.c — noise_scale: minibatch SGD's stationary spread
 * depends on the learning rate and the batch size only through the noise
 * scale η(N/B − 1); see experiment.h, derived in docs/ARCHITECTURE.md §8.
 */
#include "experiment_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "linalg2.h"

const ParamDef experiment_noise_scale_params[] = {
    {"n", PARAM_INTEGER, 64, 4, 2 * OPTIMIZER_INDEPENDENT_BATCH_MAX, NULL,
     "samples N of the linreg dataset"},
    {"noise", PARAM_NUMBER, 0.5, 1e-3, 100.0, NULL, "the dataset's label noise (residuals at w*)"},
    {"data_seed", PARAM_INTEGER, 1, 0, 1e6, NULL, "the dataset's seed"},
    {"g", PARAM_NUMBER, 0.05, 1e-6, 10.0, NULL,
     "the noise scale eta (N/B - 1) every batch size runs at"},
    {"walkers", PARAM_INTEGER, 200, 10, 1e6, NULL, "independent seeded walkers per batch size"},
    {"samples", PARAM_NUMBER, 4e4, 1e2, 1e9, NULL,
     "uncorrelated samples of |theta - w*|^2 per batch size"},
    {"tol", PARAM_NUMBER, 10.0, 0.0, 1e3, NULL, "tolerance in % of the noise-scale law"},
};

const ExperimentQuick experiment_noise_scale_quick[] = {
    {"walkers", 100},
    {"samples", 1e4},
};

/*
 * linreg, L = (1/2N) Σ (θ·x_i − y_i)², with Hessian H = (1/N) Σ x_i x_iᵀ and
 * minimiser w*, where the samples' gradients −x_i e_i (e_i = y_i − w*·x_i)
 * sum to 0.  A batch of B drawn afresh (sampling=independent, without
 * replacement within it) has at w* a gradient of mean 0 and covariance
 *   C_B = (N − B)/(B (N − 1)) · Σ₀,   Σ₀ = (1/N) Σ e_i² x_i x_iᵀ
 * (the finite-population correction of a sample mean).  Near w* SGD is
 * δ' = δ − η(Hδ + ζ), and the SDE picture's stationary covariance P solves
 *   H P + P H = η C_B = (η (N/B − 1)/(N − 1)) Σ₀,
 * so it depends on η and B only through the noise scale g = η(N/B − 1)
 * (Smith & Le 2018; Jastrzębski et al. 2017 for η/B): runs at equal g have
 * equal spread tr P, the law's figure.  The finite step adds what the SDE
 * drops: with additive noise alone P solves H P + P H − η H P H = η C_B
 * exactly (the second column), and the gradient's own variation across
 * batches at δ ≠ 0 adds a term of order η·tr P.  The batch sizes run from
 * 1 to N/2 by doubling, η = g/(N/B − 1), so η grows from g/(N − 1) to g.
 * The figure is |θ − w*|² averaged over each walker's steps after it
 * settled (12/(1 − ρ²) steps, ρ = 1 − ηλmin), its 95 % interval over
 * walkers, as sde_variance's.
 */
/* tr P for H P + P H − step·H P H = Q (H = {a, b, c}, Q = {q0, q1, q2}
 * symmetric): the three equations for P = {p0, p1, p2}, by Cramer's rule. */
static double lyapunov_trace(const double h[3], const double q[3], double step)
{
    double a = h[0], b = h[1], c = h[2];
    double m[3][3] = {
        {2 * a - step * a * a, 2 * b - step * 2 * a * b, -step * b * b},
        {b - step * a * b, a + c - step * (a * c + b * b), b - step * b * c},
        {-step * b * b, 2 * b - step * 2 * b * c, 2 * c - step * c * c},
    };
    double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
                 m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
                 m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    double p0 = (q[0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
                 m[0][1] * (q[1] * m[2][2] - m[1][2] * q[2]) +
                 m[0][2] * (q[1] * m[2][1] - m[1][1] * q[2])) / det;
    double p2 = (m[0][0] * (m[1][1] * q[2] - q[1] * m[2][1]) -
                 m[0][1] * (m[1][0] * q[2] - q[1] * m[2][0]) +
                 q[0] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])) / det;
    return p0 + p2;
}

ExperimentStatus experiment_noise_scale(Setting *s, ExperimentResult *dest, DescentError *err)
{
    size_t n = (size_t)experiment_key(s, "n"), walkers = (size_t)experiment_key(s, "walkers");
    double g = experiment_key(s, "g"), samples = experiment_key(s, "samples");
    char spec[128];
    snprintf(spec, sizeof spec, "linreg:n=%zu,noise=%.17g,seed=%.17g", n,
             experiment_key(s, "noise"), experiment_key(s, "data_seed"));
    Landscape *ls = landscape_create(spec, err);
    if (!ls)
        return EXPERIMENT_BAD_SETTINGS;
    LandscapePoint w;
    LandscapeEval at;
    const Dataset *d = landscape_dataset(ls);
    landscape_minima(ls, &w, 1);
    landscape_eval(ls, w.x, w.y, &at);
    double eig[2], sigma0[3] = {0, 0, 0};
    sym2_eigenvalues(at.hess[0], at.hess[1], at.hess[2], eig);
    for (size_t i = 0; i < n; i++) {
        double e = d->y[i] - w.x * d->x1[i] - w.y * d->x2[i], e2 = e * e / (double)n;
        sigma0[0] += e2 * d->x1[i] * d->x1[i];
        sigma0[1] += e2 * d->x1[i] * d->x2[i];
        sigma0[2] += e2 * d->x2[i] * d->x2[i];
    }
    if (g * eig[1] >= 1.0 || !(eig[0] > 0.0)) {
        landscape_destroy(ls);
        return experiment_refuse(error_set(
            err, "experiment noise_scale: g=%g times the largest curvature %g is %g: the largest "
                 "batch runs at eta = g, which must stay well below the stability edge (lower g)",
            g, eig[1], g * eig[1]));
    }
    size_t points = 0, settle[EXPERIMENT_MAX_POINTS], steps[EXPERIMENT_MAX_POINTS];
    for (size_t batch = 1; 2 * batch <= n && points < EXPERIMENT_MAX_POINTS; batch *= 2) {
        ExperimentRow *row = &dest->rows[points];
        double lr = g / ((double)n / (double)batch - 1.0);
        double rho2 = (1.0 - lr * eig[0]) * (1.0 - lr * eig[0]);
        settle[points] = (size_t)ceil(12.0 / (1.0 - rho2));
        steps[points] = (size_t)ceil(samples * (1.0 + rho2) / (1.0 - rho2) / (double)walkers);
        double scale = lr * ((double)n / (double)batch - 1.0) / ((double)n - 1.0);
        double q[3] = {scale * sigma0[0], scale * sigma0[1], scale * sigma0[2]};
        row->swept = (double)batch;
        row->theory = lyapunov_trace(at.hess, q, 0.0);
        row->second = lyapunov_trace(at.hess, q, lr);
        s->work_total += (double)walkers * (double)(settle[points] + steps[points]);
        points++;
    }
    if (!experiment_affordable(s, "ask for fewer samples, or raise g", err)) {
        landscape_destroy(ls);
        return EXPERIMENT_BAD_SETTINGS;
    }
    double *means = malloc(walkers * sizeof *means);
    ExperimentStatus status = means ? EXPERIMENT_DONE : EXPERIMENT_NO_MEMORY;
    for (size_t p = 0; p < points && status == EXPERIMENT_DONE; p++) {
        ExperimentRow *row = &dest->rows[p];
        double lr = g / ((double)n / row->swept - 1.0);
        snprintf(spec, sizeof spec, "sgd:lr=%.17g,batch=%.17g,sampling=independent", lr,
                 row->swept);
        OptimizerDesc desc;
        if (!optimizer_parse(spec, ls, &desc, err)) {
            status = EXPERIMENT_BAD_SETTINGS;
            break;
        }
        SpreadJob job = {{s, ls, &desc, w.x, w.y, p, walkers, 0}, settle[p], steps[p], 1.0, means};
        experiment_run_walkers(s, &job.walkers, (double)(settle[p] + steps[p]),
                               experiment_spread_walkers, &job);
        experiment_mean_interval(means, walkers, row);
        row->checked = true;
        experiment_judge_row(s, row);
    }
    dest->count = points;
    landscape_destroy(ls);
    free(means);
    return status;
}
