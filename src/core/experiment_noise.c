/*
 * experiment_noise.c — the laws of SGD's noise: sde_variance (the
 * stationary variance on a quadratic) and kramers (the mean escape time
 * over a barrier); see experiment.h, derived in docs/ARCHITECTURE.md §8.
 */
#include "experiment_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "linalg2.h"

const ParamDef experiment_sde_variance_params[] = {
    {"a", PARAM_NUMBER, 1.0, 1e-3, 1e3, NULL, "curvature of the quadratic 0.5 a (x^2 + y^2)"},
    {"sigma", PARAM_NUMBER, 1.0, 1e-6, 1e3, NULL, "SGD's gradient noise (sgd's noise=)"},
    {"from", PARAM_NUMBER, 0.05, 1e-3, 1.99, NULL, "smallest eta*a of the sweep"},
    {"to", PARAM_NUMBER, 1.9, 1e-3, 1.99, NULL, "largest eta*a of the sweep (below 2: stable)"},
    {"points", PARAM_INTEGER, 9, 2, EXPERIMENT_MAX_POINTS, NULL,
     "values of eta*a, log-spaced from 'from' to 'to'"},
    {"walkers", PARAM_INTEGER, 1000, 10, 1e6, NULL, "independent seeded walkers per point"},
    {"samples", PARAM_NUMBER, 4e6, 1e3, 1e10, NULL,
     "uncorrelated samples of x^2 per point (each walker steps as long as that needs)"},
    {"tol", PARAM_NUMBER, 2.0, 0.0, 1e3, NULL, "tolerance in % of the exact variance"},
};

const ExperimentQuick experiment_sde_variance_quick[] = {
    {"walkers", 200},
    {"samples", 4e5},
};

const ParamDef experiment_kramers_params[] = {
    {"h", PARAM_NUMBER, 1.0, 1e-3, 1e3, NULL, "double_well's barrier height dV"},
    {"c", PARAM_NUMBER, 1.0, 1e-3, 1e3, NULL, "double_well's curvature across the wells"},
    {"lr", PARAM_NUMBER, 0.02, 1e-6, 10.0, NULL, "SGD's learning rate eta"},
    {"from", PARAM_NUMBER, 3.0, 0.1, 40.0, NULL,
     "smallest dV/eps of the sweep, eps = eta sigma^2/2"},
    {"to", PARAM_NUMBER, 10.0, 0.1, 40.0, NULL, "largest dV/eps of the sweep"},
    {"points", PARAM_INTEGER, 8, 2, EXPERIMENT_MAX_POINTS, NULL,
     "values of dV/eps, evenly spaced from 'from' to 'to'"},
    {"escapes", PARAM_INTEGER, 400, 10, 1e6, NULL, "walkers per point, each timed to its escape"},
    {"check_from", PARAM_NUMBER, 5.0, 0.0, 40.0, NULL,
     "points with dV/eps from this up count in the verdict (the law is asymptotic)"},
    {"tol", PARAM_NUMBER, 20.0, 0.0, 1e3, NULL, "tolerance in % of the Eyring-Kramers time"},
    {"slope_tol", PARAM_NUMBER, 5.0, 0.0, 1e3, NULL,
     "tolerance in % of dV for the slope of log E[tau] against 1/eps"},
};

const ExperimentQuick experiment_kramers_quick[] = {
    {"to", 7.0},
    {"points", 5},
    {"escapes", 1000},
    {"slope_tol", 10.0},
};

/* ------------------------------------------------------------------------ */
/* sde_variance                                                              */
/* ------------------------------------------------------------------------ */

/*
 * SGD on L = ½ a (x² + y²) with gradient noise σξ steps each coordinate as
 * x ← (1 − ηa) x − ησξ, an AR(1) process, so at stationarity
 * Var = (1 − ηa)² Var + η²σ² (Liu, Ziyin & Ueda 2021 for SGD at finite η):
 *   Var = η²σ² / (1 − (1 − ηa)²) = ησ² / (a (2 − ηa))       (exact)
 * while the SDE dx = −a x dt + √η σ dW (t = ηk) has Var = ησ² / (2a): the
 * two agree to first order in ηa and part as ηa → 2.
 * Successive x² are correlated: x_k's autocorrelation is ρ = 1 − ηa, x²'s
 * ρ², and the mean of N of them has the variance of N (1 − ρ²)/(1 + ρ²)
 * independent ones.  Each walker starts at 0 and is let settle for
 * 12/(1 − ρ²) steps (the variance then lacks ρ^(2k) < e^-12 of its value).
 */
typedef struct VarianceJob {
    Walkers walkers;
    size_t settle, steps;
    double *means;
} VarianceJob;

static void variance_walkers(void *context, size_t begin, size_t end)
{
    const VarianceJob *job = context;
    for (size_t i = begin; i < end; i++) {
        OptimizerState st;
        size_t walker = experiment_walker_start(&job->walkers, i, &st);
        double sum = 0.0;
        bool diverged = false;
        for (size_t k = 0; k < job->settle + job->steps && !diverged; k++) {
            diverged = optimizer_step(job->walkers.desc, job->walkers.landscape, &st) != STEP_OK;
            if (k >= job->settle)
                sum += st.x * st.x + st.y * st.y;
        }
        job->means[walker] = diverged ? (double)NAN : sum / (2.0 * (double)job->steps);
    }
}

ExperimentStatus experiment_sde_variance(Setting *s, ExperimentResult *dest, DescentError *err)
{
    double a = experiment_key(s, "a"), sigma = experiment_key(s, "sigma"),
           from = experiment_key(s, "from"), to = experiment_key(s, "to");
    size_t points = (size_t)experiment_key(s, "points"),
           walkers = (size_t)experiment_key(s, "walkers");
    double samples = experiment_key(s, "samples");
    if (from >= to)
        return experiment_refuse(
            error_set(err, "experiment sde_variance: from=%g must be below to=%g", from, to));
    char spec[96];
    snprintf(spec, sizeof spec, "quadratic:l1=%.17g,l2=%.17g", a, a);
    Landscape *ls = landscape_create(spec, err);
    if (!ls)
        return EXPERIMENT_BAD_SETTINGS;
    size_t settle[EXPERIMENT_MAX_POINTS], steps[EXPERIMENT_MAX_POINTS];
    for (size_t p = 0; p < points; p++) {
        double ea = from * pow(to / from, (double)p / (double)(points - 1));
        double rho2 = (1.0 - ea) * (1.0 - ea);
        settle[p] = (size_t)ceil(12.0 / (1.0 - rho2));
        /* Two coordinates per step, each worth (1 − ρ²)/(1 + ρ²) samples. */
        steps[p] = (size_t)ceil(samples * (1.0 + rho2) / (1.0 - rho2) / (2.0 * (double)walkers));
        dest->rows[p].swept = ea;
        s->work_total += (double)walkers * (double)(settle[p] + steps[p]);
    }
    if (!experiment_affordable(s, "ask for fewer samples", err)) {
        landscape_destroy(ls);
        return EXPERIMENT_BAD_SETTINGS;
    }
    double *means = malloc(walkers * sizeof *means);
    ExperimentStatus status = means ? EXPERIMENT_DONE : EXPERIMENT_NO_MEMORY;
    for (size_t p = 0; p < points && status == EXPERIMENT_DONE; p++) {
        ExperimentRow *row = &dest->rows[p];
        double lr = row->swept / a;
        OptimizerDesc desc;
        if (!experiment_make_sgd(ls, lr, sigma, &desc, err)) {
            status = EXPERIMENT_BAD_SETTINGS;
            break;
        }
        VarianceJob job = {{s, ls, &desc, 0.0, 0.0, p, walkers, 0}, settle[p], steps[p], means};
        experiment_run_walkers(s, &job.walkers, (double)(settle[p] + steps[p]), variance_walkers,
                               &job);
        experiment_mean_interval(means, walkers, row);
        row->theory = lr * sigma * sigma / (a * (2.0 - lr * a));
        row->second = lr * sigma * sigma / (2.0 * a);
        row->checked = true;
        experiment_judge_row(row, dest->tolerance);
    }
    dest->count = points;
    landscape_destroy(ls);
    free(means);
    return status;
}

/* ------------------------------------------------------------------------ */
/* kramers                                                                   */
/* ------------------------------------------------------------------------ */

double experiment_kramers_time(const Landscape *landscape, double mx, double my, double sx,
                               double sy, double eps)
{
    LandscapeEval m, z;
    landscape_eval(landscape, mx, my, &m);
    landscape_eval(landscape, sx, sy, &z);
    double eig[2];
    sym2_eigenvalues(z.hess[0], z.hess[1], z.hess[2], eig);
    double det_z = z.hess[0] * z.hess[2] - z.hess[1] * z.hess[1];
    double det_m = m.hess[0] * m.hess[2] - m.hess[1] * m.hess[1];
    return 2.0 * M_PI / fabs(eig[0]) * sqrt(fabs(det_z) / det_m) * exp((z.value - m.value) / eps);
}

/*
 * SGD θ ← θ − η(∇V + σξ) is the Euler–Maruyama step, of length η, of
 * dθ = −∇V dt + √(2ε) dW with ε = ησ²/2: the noise added per step, ησξ,
 * has the variance η²σ² = 2ε·η.  Each walker starts in the left minimum
 * (−1, 0) of double_well and is timed (t = η·steps) until it first reaches
 * the right one's x = 1; past the saddle it slides there in a time that
 * does not grow with ΔV/ε, so the mean is the Eyring–Kramers time
 * (Eyring 1935, Kramers 1940; the prefactor as Bovier, Eckhoff, Gayrard &
 * Klein 2004 prove it).  The plain law, not one corrected for the finite
 * step: measured from η = 0.003 to 0.06 it holds within 11 %, and the
 * first-order discrete correction we derived predicts the wrong sign
 * (docs/ARCHITECTURE.md §8, with the figures).
 * A walker that has not escaped after ESCAPE_CAP times its expected
 * number of steps is stopped (an exponential waiting time exceeds that
 * with probability e^-40) and counted as censored.
 */
#define ESCAPE_CAP 40.0

typedef struct EscapeJob {
    Walkers walkers; /* from (−1, 0) */
    size_t cap;
    double *times;
    bool *censored;
} EscapeJob;

static void escape_walkers(void *context, size_t begin, size_t end)
{
    const EscapeJob *job = context;
    const OptimizerDesc *desc = job->walkers.desc;
    for (size_t i = begin; i < end; i++) {
        OptimizerState st;
        size_t walker = experiment_walker_start(&job->walkers, i, &st);
        size_t k = 0;
        while (k < job->cap && st.x < 1.0) {
            if (optimizer_step(desc, job->walkers.landscape, &st) != STEP_OK)
                break;
            k++;
        }
        job->censored[walker] = st.x < 1.0;
        job->times[walker] = desc->lr * (double)k;
    }
}

/* Least-squares slope of y against x over the n points. */
static double fit_slope(const double *x, const double *y, size_t n)
{
    double mx = 0.0, my = 0.0;
    for (size_t i = 0; i < n; i++) {
        mx += x[i] / (double)n;
        my += y[i] / (double)n;
    }
    double sxy = 0.0, sxx = 0.0;
    for (size_t i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxy / sxx;
}

ExperimentStatus experiment_kramers(Setting *s, ExperimentResult *dest, DescentError *err)
{
    double h = experiment_key(s, "h"), c = experiment_key(s, "c"), lr = experiment_key(s, "lr");
    double from = experiment_key(s, "from"), to = experiment_key(s, "to"),
           check_from = experiment_key(s, "check_from");
    size_t points = (size_t)experiment_key(s, "points"),
           escapes = (size_t)experiment_key(s, "escapes");
    if (from >= to)
        return experiment_refuse(
            error_set(err, "experiment kramers: from=%g must be below to=%g", from, to));
    /* GD is stable in the wells (Hessian diag(8h, 2c)) only below η = 2/λmax. */
    double lmax = fmax(8.0 * h, 2.0 * c);
    if (lr * lmax >= 1.0)
        return experiment_refuse(
            error_set(err,
                      "experiment kramers: lr=%g times the wells' curvature %g "
                      "is %g: SGD must take small steps (below 1) to follow the "
                      "landscape",
                      lr, lmax, lr * lmax));
    char spec[96];
    snprintf(spec, sizeof spec, "double_well:h=%.17g,c=%.17g", h, c);
    Landscape *ls = landscape_create(spec, err);
    if (!ls)
        return EXPERIMENT_BAD_SETTINGS;
    double expected[EXPERIMENT_MAX_POINTS];
    for (size_t p = 0; p < points; p++) {
        ExperimentRow *row = &dest->rows[p];
        row->swept = from + (to - from) * (double)p / (double)(points - 1);
        row->theory = experiment_kramers_time(ls, -1.0, 0.0, 0.0, 0.0, h / row->swept);
        expected[p] = row->theory / lr;
        s->work_total += (double)escapes * expected[p];
    }
    if (!experiment_affordable(s, "lower 'to' (dV/eps) or 'escapes', or raise lr", err)) {
        landscape_destroy(ls);
        return EXPERIMENT_BAD_SETTINGS;
    }
    double *times = malloc(escapes * sizeof *times);
    bool *censored = malloc(escapes * sizeof *censored);
    ExperimentStatus status = times && censored ? EXPERIMENT_DONE : EXPERIMENT_NO_MEMORY;
    double inv_eps[EXPERIMENT_MAX_POINTS], log_tau[EXPERIMENT_MAX_POINTS];
    size_t fitted = 0;
    for (size_t p = 0; p < points && status == EXPERIMENT_DONE; p++) {
        ExperimentRow *row = &dest->rows[p];
        double eps = h / row->swept;
        OptimizerDesc desc;
        if (!experiment_make_sgd(ls, lr, sqrt(2.0 * eps / lr), &desc, err)) {
            status = EXPERIMENT_BAD_SETTINGS;
            break;
        }
        EscapeJob job = {{s, ls, &desc, -1.0, 0.0, p, escapes, 0},
                         (size_t)(ESCAPE_CAP * expected[p]) + 1000, times, censored};
        experiment_run_walkers(s, &job.walkers, expected[p], escape_walkers, &job);
        experiment_mean_interval(times, escapes, row);
        for (size_t i = 0; i < escapes; i++)
            row->censored += censored[i];
        row->second = (double)NAN;
        row->checked = row->swept >= check_from;
        experiment_judge_row(row, dest->tolerance);
        if (row->checked) {
            inv_eps[fitted] = 1.0 / eps;
            log_tau[fitted++] = log(row->measured);
        }
    }
    dest->count = points;
    if (status == EXPERIMENT_DONE && fitted >= 2) {
        double slope = fit_slope(inv_eps, log_tau, fitted),
               tolerance = experiment_key(s, "slope_tol") / 100.0;
        dest->claim = (ExperimentClaim){"slope of log E[tau] against 1/eps", slope, h, tolerance,
                                        false, fabs(slope / h - 1.0) <= tolerance};
    }
    landscape_destroy(ls);
    free(times);
    free(censored);
    return status;
}
