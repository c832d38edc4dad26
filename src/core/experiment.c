/*
 * experiment.c — the experiments' table, their keys, and the sweeps that
 * measure each law (see experiment.h; the laws are derived in
 * docs/ARCHITECTURE.md §8).
 */
#include "experiment.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "landscape.h"
#include "linalg2.h"
#include "optimizer.h"
#include "parallel.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define PARAMS(table) table, ARRAY_LEN(table)

/* The 95 % interval of a mean is mean ± 1.96 standard errors. */
#define Z95 1.959963984540054

/* Walkers stepped between two progress reports. */
#define SLICE_WALKERS 64

/* ------------------------------------------------------------------------ */
/* The table                                                                 */
/* ------------------------------------------------------------------------ */

static const ParamDef sde_variance_params[] = {
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

static const ExperimentQuick sde_variance_quick[] = {
    {"walkers", 200},
    {"samples", 4e5},
};

static const ParamDef kramers_params[] = {
    {"h", PARAM_NUMBER, 1.0, 1e-3, 1e3, NULL, "double_well's barrier height dV"},
    {"c", PARAM_NUMBER, 1.0, 1e-3, 1e3, NULL, "double_well's curvature across the wells"},
    {"lr", PARAM_NUMBER, 0.02, 1e-6, 10.0, NULL, "SGD's learning rate eta"},
    {"from", PARAM_NUMBER, 3.0, 0.1, 40.0, NULL, "smallest dV/eps of the sweep, eps = eta sigma^2/2"},
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

static const ExperimentQuick kramers_quick[] = {
    {"to", 7.0},
    {"points", 5},
    {"escapes", 1000},
    {"slope_tol", 10.0},
};

static const ParamDef catapult_params[] = {
    {"from", PARAM_NUMBER, 0.5, 1e-3, 1e3, NULL, "smallest lambda0 = u0^2 + v0^2 of the starts"},
    {"to", PARAM_NUMBER, 8.0, 1e-3, 1e3, NULL, "largest lambda0 of the starts"},
    {"starts", PARAM_INTEGER, 4, 2, EXPERIMENT_MAX_POINTS / 2, NULL,
     "starts, their lambda0 log-spaced from 'from' to 'to'"},
    {"f0", PARAM_NUMBER, 1e-3, 1e-9, 0.1, NULL,
     "u0 v0 / lambda0 at the start: how far off the minima (the law is for near ones)"},
    {"steps", PARAM_INTEGER, 10000, 100, 1e7, NULL, "GD updates per run"},
    {"band", PARAM_INTEGER, 5, 1, 100, NULL,
     "runs per start inside the catapult band, checked for a final eta lambda below 2"},
    {"tol", PARAM_NUMBER, 1.0, 0.0, 1e3, NULL, "tolerance in % of 2/lambda0 and 4/lambda0"},
};

static const ExperimentQuick catapult_quick[] = {
    {"starts", 3},
    {"steps", 3000},
    {"band", 3},
};

static const ParamDef edge_of_stability_params[] = {
    {"from", PARAM_NUMBER, 0.0022, 1e-5, 1.0, NULL, "smallest learning rate eta of the sweep"},
    {"to", PARAM_NUMBER, 0.006, 1e-5, 1.0, NULL, "largest eta of the sweep"},
    {"points", PARAM_INTEGER, 6, 2, EXPERIMENT_MAX_POINTS, NULL,
     "values of eta, evenly spaced from 'from' to 'to'"},
    {"steps", PARAM_INTEGER, 20000, 100, 1e8, NULL, "GD updates per run, from (0, 0)"},
    {"window", PARAM_INTEGER, 1000, 2, 1e6, NULL,
     "the last updates, over which eta lambda_max / 2 is averaged"},
    {"tol", PARAM_NUMBER, 10.0, 0.0, 1e3, NULL, "tolerance in % of the edge eta lambda_max/2 = 1"},
};

static const ExperimentQuick edge_of_stability_quick[] = {
    {"points", 3},
    {"steps", 5000},
};

static const ExperimentInfo experiment_table[] = {
    {"sde_variance",
     "SGD on a quadratic: where the SDE picture of SGD holds and where it fails",
     "stationary variance = eta sigma^2 / (a (2 - eta a)) exactly; the SDE says eta sigma^2 / (2a)",
     "eta*a", "variance", "95 % interval", "sde", NULL, PARAMS(sde_variance_params), PARAMS(sde_variance_quick)},
    {"kramers",
     "SGD's noise carries it over a barrier: the mean escape time from a well of double_well",
     "E[tau] = (2 pi/|l1(z)|) sqrt(|det H(z)|/det H(x*)) exp(dV/eps), eps = eta sigma^2/2, "
     "t = eta k",
     "dV/eps", "E[tau]", "95 % interval", NULL, NULL, PARAMS(kramers_params), PARAMS(kramers_quick)},
    {"catapult",
     "GD on uv (y = 0) from sharpness lambda0: lazy, catapult, or divergent, by the step",
     "lazy for eta < 2/lambda0, catapult (loss rises, ends at eta lambda < 2) up to 4/lambda0, "
     "divergent beyond",
     "lambda0", "eta at the edge", "bisection bracket", NULL, "edge", PARAMS(catapult_params),
     PARAMS(catapult_quick)},
    {"edge_of_stability",
     "GD on rosenbrock sharpens until its sharpness reaches 2/eta, and stays there",
     "eta lambda_max / 2 = 1 once sharpened (Cohen, Kaur, Li, Kolter & Talwalkar 2021)",
     "eta", "eta*lambda_max/2", "range over the window", NULL, NULL,
     PARAMS(edge_of_stability_params), PARAMS(edge_of_stability_quick)},
};

const ExperimentInfo *experiment_kinds(size_t *count)
{
    *count = ARRAY_LEN(experiment_table);
    return experiment_table;
}

const ExperimentInfo *experiment_find(const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(experiment_table); i++)
        if (strcmp(experiment_table[i].name, name) == 0)
            return &experiment_table[i];
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* Keys                                                                      */
/* ------------------------------------------------------------------------ */

/* The resolved keys of one experiment, and where its work stands. */
typedef struct Setting {
    const ExperimentRequest *request;
    ParamValue values[EXPERIMENT_MAX_KEYS];
    double work_total, work_done; /* expected walker steps */
} Setting;

static double key(const Setting *s, const char *name)
{
    const ExperimentInfo *info = s->request->info;
    const ParamDef *def = param_find(info->params, info->nparams, name);
    return s->values[def - info->params].number;
}

/* Resolves the request's key=value texts through the experiment's table,
 * then the --quick values of the keys not given. */
static bool resolve_keys(const ExperimentRequest *request, Setting *dest, DescentError *err)
{
    const ExperimentInfo *info = request->info;
    char text[SPEC_TEXT_MAX];
    size_t len = (size_t)snprintf(text, sizeof text, "%s", info->name);
    for (size_t i = 0; i < request->nkeys; i++) {
        const char *item = request->keys[i];
        if (strchr(item, ',') || !strchr(item, '='))
            return error_set(err, "'%s': expected one key=value (descent list experiments)",
                             item);
        len += (size_t)snprintf(text + len, len < sizeof text ? sizeof text - len : 0, "%c%s",
                                i == 0 ? ':' : ',', item);
        if (len >= sizeof text)
            return error_set(err, "experiment %s: its keys are too long", info->name);
    }
    Spec spec;
    char what[64];
    snprintf(what, sizeof what, "experiment '%s'", info->name);
    if (!spec_parse(text, true, &spec, err) ||
        !spec_resolve(&spec, what, info->params, info->nparams, dest->values, err))
        return false;
    if (request->quick)
        for (size_t q = 0; q < info->nquick; q++) {
            const ParamDef *def = param_find(info->params, info->nparams, info->quick[q].key);
            ParamValue *v = &dest->values[def - info->params];
            if (!v->given)
                v->number = info->quick[q].value;
        }
    return true;
}

static void report(Setting *s, double work)
{
    s->work_done += work;
    if (s->request->progress)
        s->request->progress(s->request->progress_context,
                             s->work_total > 0 ? fmin(1.0, s->work_done / s->work_total) : 1.0);
}

/* ------------------------------------------------------------------------ */
/* Statistics                                                                */
/* ------------------------------------------------------------------------ */

/* Mean of n per-walker figures (independent walkers) and its 95 %
 * interval, 1.96 standard errors either side, into row. */
static void mean_interval(const double *v, size_t n, ExperimentRow *row)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += v[i];
    double m = sum / (double)n, ss = 0.0;
    for (size_t i = 0; i < n; i++)
        ss += (v[i] - m) * (v[i] - m);
    double half_width = Z95 * sqrt(ss / ((double)n - 1.0) / (double)n);
    row->measured = m;
    row->low = m - half_width;
    row->high = m + half_width;
}

/* The status of settings that cannot be measured; takes error_set's false
 * so a check reads `return refuse(error_set(err, ...))`. */
static ExperimentStatus refuse(bool set)
{
    (void)set;
    return EXPERIMENT_BAD_SETTINGS;
}

static void judge_row(ExperimentRow *row, double tolerance)
{
    row->ratio = row->measured / row->theory;
    row->within = fabs(row->ratio - 1.0) <= tolerance;
}

/* The walkers of one point: walker i is desc started at (x0, y0) with
 * seed seed + point·count + i (experiment.h).  A job's struct starts with
 * one, so run_walkers can hand each slice its first walker. */
typedef struct Walkers {
    const Setting *setting;
    const Landscape *landscape;
    const OptimizerDesc *desc;
    double x0, y0;
    size_t point, count;
    size_t offset; /* the first walker of the slice being stepped */
} Walkers;

/* Walker offset + i of the slice, started. */
static size_t walker_start(const Walkers *w, size_t i, OptimizerState *st)
{
    size_t walker = w->offset + i;
    optimizer_init(w->desc, w->x0, w->y0,
                   w->setting->request->seed + (uint64_t)(w->point * w->count + walker), st);
    return walker;
}

/* Runs fn (given job, which starts with w) over the walkers in slices on
 * the request's threads, reporting progress between slices.  Each walker
 * writes only its own figures, so the slicing does not change them. */
static void run_walkers(Setting *s, Walkers *w, double work_each, ParallelFn fn, void *job)
{
    for (w->offset = 0; w->offset < w->count; w->offset += SLICE_WALKERS) {
        size_t n = w->count - w->offset < SLICE_WALKERS ? w->count - w->offset : SLICE_WALKERS;
        parallel_for(n, s->request->threads, fn, job);
        report(s, (double)n * work_each);
    }
}

static bool make_sgd(const Landscape *ls, double lr, double sigma, OptimizerDesc *dest,
                     DescentError *err)
{
    char spec[128];
    snprintf(spec, sizeof spec, "sgd:lr=%.17g,noise=%.17g", lr, sigma);
    return optimizer_parse(spec, ls, dest, err);
}

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
        size_t walker = walker_start(&job->walkers, i, &st);
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

static ExperimentStatus run_sde_variance(Setting *s, ExperimentResult *dest, DescentError *err)
{
    double a = key(s, "a"), sigma = key(s, "sigma"), from = key(s, "from"), to = key(s, "to");
    size_t points = (size_t)key(s, "points"), walkers = (size_t)key(s, "walkers");
    double samples = key(s, "samples");
    if (from >= to)
        return refuse(error_set(err, "experiment sde_variance: from=%g must be below to=%g", from, to));
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
    if (s->work_total > EXPERIMENT_MAX_STEPS) {
        landscape_destroy(ls);
        return refuse(error_set(err, "experiment sde_variance: %.3g walker steps is more than "
                                "%.3g: ask for fewer samples", s->work_total,
                                EXPERIMENT_MAX_STEPS));
    }
    double *means = malloc(walkers * sizeof *means);
    ExperimentStatus status = means ? EXPERIMENT_DONE : EXPERIMENT_NO_MEMORY;
    for (size_t p = 0; p < points && status == EXPERIMENT_DONE; p++) {
        ExperimentRow *row = &dest->rows[p];
        double lr = row->swept / a;
        OptimizerDesc desc;
        if (!make_sgd(ls, lr, sigma, &desc, err)) {
            status = EXPERIMENT_BAD_SETTINGS;
            break;
        }
        VarianceJob job = {{s, ls, &desc, 0.0, 0.0, p, walkers, 0}, settle[p], steps[p], means};
        run_walkers(s, &job.walkers, (double)(settle[p] + steps[p]), variance_walkers, &job);
        mean_interval(means, walkers, row);
        row->theory = lr * sigma * sigma / (a * (2.0 - lr * a));
        row->second = lr * sigma * sigma / (2.0 * a);
        row->checked = true;
        judge_row(row, dest->tolerance);
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
        size_t walker = walker_start(&job->walkers, i, &st);
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

static ExperimentStatus run_kramers(Setting *s, ExperimentResult *dest, DescentError *err)
{
    double h = key(s, "h"), c = key(s, "c"), lr = key(s, "lr");
    double from = key(s, "from"), to = key(s, "to"), check_from = key(s, "check_from");
    size_t points = (size_t)key(s, "points"), escapes = (size_t)key(s, "escapes");
    if (from >= to)
        return refuse(error_set(err, "experiment kramers: from=%g must be below to=%g", from, to));
    /* GD is stable in the wells (Hessian diag(8h, 2c)) only below η = 2/λmax. */
    double lmax = fmax(8.0 * h, 2.0 * c);
    if (lr * lmax >= 1.0)
        return refuse(error_set(err, "experiment kramers: lr=%g times the wells' curvature %g "
                                "is %g: SGD must take small steps (below 1) to follow the "
                                "landscape", lr, lmax, lr * lmax));
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
    if (s->work_total > EXPERIMENT_MAX_STEPS) {
        landscape_destroy(ls);
        return refuse(error_set(err, "experiment kramers: about %.3g walker steps is more "
                                "than %.3g: lower 'to' (dV/eps) or 'escapes', or raise lr",
                                s->work_total, EXPERIMENT_MAX_STEPS));
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
        if (!make_sgd(ls, lr, sqrt(2.0 * eps / lr), &desc, err)) {
            status = EXPERIMENT_BAD_SETTINGS;
            break;
        }
        EscapeJob job = {{s, ls, &desc, -1.0, 0.0, p, escapes, 0},
                         (size_t)(ESCAPE_CAP * expected[p]) + 1000, times, censored};
        run_walkers(s, &job.walkers, expected[p], escape_walkers, &job);
        mean_interval(times, escapes, row);
        for (size_t i = 0; i < escapes; i++)
            row->censored += censored[i];
        row->second = (double)NAN;
        row->checked = row->swept >= check_from;
        judge_row(row, dest->tolerance);
        if (row->checked) {
            inv_eps[fitted] = 1.0 / eps;
            log_tau[fitted++] = log(row->measured);
        }
    }
    dest->count = points;
    if (status == EXPERIMENT_DONE && fitted >= 2) {
        double slope = fit_slope(inv_eps, log_tau, fitted), tolerance = key(s, "slope_tol") / 100.0;
        dest->claim = (ExperimentClaim){"slope of log E[tau] against 1/eps", slope, h, tolerance,
                                        false, fabs(slope / h - 1.0) <= tolerance};
    }
    landscape_destroy(ls);
    free(times);
    free(censored);
    return status;
}

/* ------------------------------------------------------------------------ */
/* catapult                                                                  */
/* ------------------------------------------------------------------------ */

/*
 * GD on L = ½ (uv)² (uv:y=0): with f = uv and λ = u² + v² (the sharpness
 * on the minima, the tangent kernel |∇f|²), one step u ← u − ηfv,
 * v ← v − ηfu gives exactly
 *   f' = f (1 − ηλ + η²f²),   λ' = λ + ηf² (ηλ − 4).
 * For a start near the minima (f0 ≪ λ0): below η = 2/λ0, |f| shrinks
 * from the first step (lazy); above it |f| grows, so the loss rises, and
 * while ηλ < 4 every step lowers λ until ηλ < 2 and f converges (the
 * catapult, Lewkowycz, Bahri, Dyer, Sohl-Dickstein & Gur-Ari 2020); beyond
 * η = 4/λ0 λ grows with f and the run diverges.  Each edge is found by
 * bisection on η: the bracket left is the row's interval.
 */
#define CATAPULT_BISECTIONS 40

typedef enum CatapultFate { CATAPULT_LAZY, CATAPULT_ROSE, CATAPULT_DIVERGED } CatapultFate;

typedef struct CatapultJob {
    const Landscape *landscape;
    const double *lambda0;
    double f0;
    size_t steps, band;
    ExperimentRow *rows; /* two a start */
    double *final;       /* band a start: the final η·λ of each run in the band */
} CatapultJob;

/* GD at lr from the start (u0, v0): its fate, and its final η·λ. */
static CatapultFate catapult_run(const CatapultJob *job, double u0, double v0, double lr,
                                 double *final_eta_lambda)
{
    char spec[64];
    snprintf(spec, sizeof spec, "gd:lr=%.17g", lr);
    OptimizerDesc desc;
    /* lr is 1/λ0 … 6/λ0, inside gd's range for every λ0 'from' and 'to' allow. */
    optimizer_parse(spec, job->landscape, &desc, NULL);
    OptimizerState st;
    optimizer_init(&desc, u0, v0, 0, &st);
    double start_loss = landscape_value(job->landscape, u0, v0);
    bool rose = false;
    for (size_t k = 0; k < job->steps; k++) {
        if (optimizer_step(&desc, job->landscape, &st) != STEP_OK)
            return CATAPULT_DIVERGED;
        rose = rose || landscape_value(job->landscape, st.x, st.y) > start_loss;
    }
    *final_eta_lambda = lr * (st.x * st.x + st.y * st.y);
    return rose ? CATAPULT_ROSE : CATAPULT_LAZY;
}

/* The η in [lo, hi]·(1/λ0) where the fate turns from below `edge` to
 * `edge` or beyond, bisected; NaN interval when [lo, hi] does not bracket
 * it. */
static void catapult_edge(const CatapultJob *job, double u0, double v0, double lambda0,
                          double lo, double hi, CatapultFate edge, ExperimentRow *row)
{
    double final;
    lo /= lambda0;
    hi /= lambda0;
    if (catapult_run(job, u0, v0, lo, &final) >= edge || catapult_run(job, u0, v0, hi, &final) < edge) {
        row->measured = row->low = row->high = (double)NAN;
        return;
    }
    for (int i = 0; i < CATAPULT_BISECTIONS; i++) {
        double mid = 0.5 * (lo + hi);
        if (catapult_run(job, u0, v0, mid, &final) >= edge)
            hi = mid;
        else
            lo = mid;
    }
    row->measured = 0.5 * (lo + hi);
    row->low = lo;
    row->high = hi;
}

static void catapult_starts(void *context, size_t begin, size_t end)
{
    const CatapultJob *job = context;
    /* u0 v0 = λ0 sin θ cos θ = λ0 f0 with u0² + v0² = λ0. */
    double theta = 0.5 * asin(2.0 * job->f0);
    for (size_t i = begin; i < end; i++) {
        double l0 = job->lambda0[i], u0 = sqrt(l0) * cos(theta), v0 = sqrt(l0) * sin(theta);
        catapult_edge(job, u0, v0, l0, 1.0, 3.0, CATAPULT_ROSE, &job->rows[2 * i]);
        catapult_edge(job, u0, v0, l0, 3.0, 6.0, CATAPULT_DIVERGED, &job->rows[2 * i + 1]);
        for (size_t j = 0; j < job->band; j++) {
            double eta_lambda0 = 2.0 + 2.0 * ((double)j + 0.5) / (double)job->band;
            double *final = &job->final[i * job->band + j];
            if (catapult_run(job, u0, v0, eta_lambda0 / l0, final) != CATAPULT_ROSE)
                *final = (double)INFINITY;
        }
    }
}

static ExperimentStatus run_catapult(Setting *s, ExperimentResult *dest, DescentError *err)
{
    double from = key(s, "from"), to = key(s, "to");
    size_t starts = (size_t)key(s, "starts"), steps = (size_t)key(s, "steps");
    size_t band = (size_t)key(s, "band");
    if (from >= to)
        return refuse(error_set(err, "experiment catapult: from=%g must be below to=%g", from, to));
    /* Bisection runs and band runs, each of up to `steps` updates. */
    s->work_total = (double)starts * (double)steps * (2.0 * (CATAPULT_BISECTIONS + 2) + (double)band);
    if (s->work_total > EXPERIMENT_MAX_STEPS)
        return refuse(error_set(err, "experiment catapult: %.3g steps is more than %.3g: ask for "
                                "fewer steps or starts", s->work_total, EXPERIMENT_MAX_STEPS));
    Landscape *ls = landscape_create("uv:y=0", err);
    double *final = malloc(starts * band * sizeof *final);
    if (!ls || !final) {
        landscape_destroy(ls);
        free(final);
        return EXPERIMENT_NO_MEMORY;
    }
    double lambda0[EXPERIMENT_MAX_POINTS];
    for (size_t i = 0; i < starts; i++)
        lambda0[i] = from * pow(to / from, (double)i / (double)(starts - 1));
    CatapultJob job = {ls, lambda0, key(s, "f0"), steps, band, dest->rows, final};
    parallel_for(starts, s->request->threads, catapult_starts, &job);
    report(s, s->work_total);
    double largest = 0.0;
    for (size_t i = 0; i < starts; i++)
        for (int e = 0; e < 2; e++) {
            ExperimentRow *row = &dest->rows[2 * i + (size_t)e];
            row->label = e == 0 ? "lazy/catapult" : "catapult/divergent";
            row->swept = lambda0[i];
            row->theory = (e == 0 ? 2.0 : 4.0) / lambda0[i];
            row->second = (double)NAN;
            row->checked = true;
            judge_row(row, dest->tolerance);
        }
    for (size_t k = 0; k < starts * band; k++)
        largest = fmax(largest, final[k]);
    dest->count = 2 * starts;
    dest->claim = (ExperimentClaim){"largest final eta*lambda in the catapult band", largest, 2.0,
                                    0.0, true, largest < 2.0};
    landscape_destroy(ls);
    free(final);
    return EXPERIMENT_DONE;
}

/* ------------------------------------------------------------------------ */
/* edge_of_stability                                                         */
/* ------------------------------------------------------------------------ */

/*
 * GD from (0, 0) on rosenbrock walks up the curved valley towards (1, 1),
 * and the valley's sharpness λmax grows on the way, from 200 at the start
 * to 1001.6 at the minimum.  Linear stability allows GD only where
 * λmax < 2/η, so for 2/1001.6 < η < 2/202 it cannot reach the minimum: it
 * sharpens until ηλmax/2 reaches 1 and then oscillates across the valley
 * there, in a period-2 orbit (Cohen, Kaur, Li, Kolter & Talwalkar 2021
 * name it the edge of stability).  The figure is ηλmax/2 averaged over the
 * last `window` updates, its interval the range over them; the claim is
 * that every run started below the edge (it sharpened to it).  Not every
 * η settles: in a scan from 0.0021 to 0.0081 in steps of 0.0002, GD
 * diverged at 0.0065, 0.0073 and from 0.0079 on (its first oscillations
 * overshoot), so the default sweep ends at 0.006.
 */
typedef struct EdgeJob {
    const Landscape *landscape;
    const double *lr;
    size_t steps, window;
    ExperimentRow *rows;
    double *start_edge; /* ηλmax/2 at the start, per point */
} EdgeJob;

static double half_eta_lambda_max(const Landscape *ls, double lr, double x, double y)
{
    LandscapeEval e;
    landscape_eval(ls, x, y, &e);
    double eig[2];
    sym2_eigenvalues(e.hess[0], e.hess[1], e.hess[2], eig);
    return 0.5 * lr * eig[1];
}

static void edge_runs(void *context, size_t begin, size_t end)
{
    const EdgeJob *job = context;
    for (size_t p = begin; p < end; p++) {
        char spec[64];
        snprintf(spec, sizeof spec, "gd:lr=%.17g", job->lr[p]);
        OptimizerDesc desc;
        /* 'from' and 'to' keep lr inside gd's range. */
        optimizer_parse(spec, job->landscape, &desc, NULL);
        OptimizerState st;
        optimizer_init(&desc, 0.0, 0.0, 0, &st);
        ExperimentRow *row = &job->rows[p];
        job->start_edge[p] = half_eta_lambda_max(job->landscape, job->lr[p], 0.0, 0.0);
        double sum = 0.0, low = (double)INFINITY, high = -(double)INFINITY;
        bool diverged = false;
        for (size_t k = 0; k < job->steps && !diverged; k++) {
            diverged = optimizer_step(&desc, job->landscape, &st) != STEP_OK;
            if (k + job->window >= job->steps && !diverged) {
                double edge = half_eta_lambda_max(job->landscape, job->lr[p], st.x, st.y);
                sum += edge;
                low = fmin(low, edge);
                high = fmax(high, edge);
            }
        }
        row->measured = diverged ? (double)NAN : sum / (double)job->window;
        row->low = diverged ? (double)NAN : low;
        row->high = diverged ? (double)NAN : high;
    }
}

static ExperimentStatus run_edge_of_stability(Setting *s, ExperimentResult *dest,
                                              DescentError *err)
{
    double from = key(s, "from"), to = key(s, "to");
    size_t points = (size_t)key(s, "points"), steps = (size_t)key(s, "steps");
    size_t window = (size_t)key(s, "window");
    if (from >= to)
        return refuse(error_set(err, "experiment edge_of_stability: from=%g must be below to=%g",
                                from, to));
    if (window > steps)
        return refuse(error_set(err, "experiment edge_of_stability: window=%zu is longer than "
                                "steps=%zu", window, steps));
    Landscape *ls = landscape_create("rosenbrock", err);
    if (!ls)
        return EXPERIMENT_NO_MEMORY;
    double lr[EXPERIMENT_MAX_POINTS], start_edge[EXPERIMENT_MAX_POINTS];
    for (size_t p = 0; p < points; p++)
        lr[p] = from + (to - from) * (double)p / (double)(points - 1);
    s->work_total = (double)points * (double)steps;
    EdgeJob job = {ls, lr, steps, window, dest->rows, start_edge};
    parallel_for(points, s->request->threads, edge_runs, &job);
    report(s, s->work_total);
    double largest = 0.0;
    for (size_t p = 0; p < points; p++) {
        ExperimentRow *row = &dest->rows[p];
        row->swept = lr[p];
        row->theory = 1.0;
        row->second = (double)NAN;
        row->checked = true;
        judge_row(row, dest->tolerance);
        largest = fmax(largest, start_edge[p]);
    }
    dest->count = points;
    dest->claim = (ExperimentClaim){"largest eta*lambda_max/2 at the start (it sharpened)", largest,
                                    1.0, 0.0, true, largest < 1.0};
    landscape_destroy(ls);
    return EXPERIMENT_DONE;
}

/* ------------------------------------------------------------------------ */
/* Running                                                                   */
/* ------------------------------------------------------------------------ */

typedef ExperimentStatus (*ExperimentRunner)(Setting *s, ExperimentResult *dest,
                                             DescentError *err);

/* Index for index with experiment_table. */
static const ExperimentRunner runners[] = {run_sde_variance, run_kramers, run_catapult,
                                           run_edge_of_stability};

_Static_assert(ARRAY_LEN(runners) == ARRAY_LEN(experiment_table),
               "every experiment needs a row in the table and a runner");

ExperimentStatus experiment_run(const ExperimentRequest *request, ExperimentResult *dest,
                                DescentError *err)
{
    Setting s = {.request = request};
    *dest = (ExperimentResult){.info = request->info};
    if (!resolve_keys(request, &s, err))
        return EXPERIMENT_BAD_SETTINGS;
    dest->tolerance = key(&s, "tol") / 100.0;
    ExperimentStatus status = runners[request->info - experiment_table](&s, dest, err);
    if (status != EXPERIMENT_DONE)
        return status;
    for (size_t p = 0; p < dest->count; p++) {
        dest->checked += dest->rows[p].checked;
        dest->within += dest->rows[p].checked && dest->rows[p].within;
    }
    dest->passed = dest->checked > 0 && dest->within == dest->checked &&
                   (!dest->claim.what || dest->claim.within);
    return EXPERIMENT_DONE;
}
