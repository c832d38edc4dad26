/*
 * experiment_gd.c — the laws of GD's step size: catapult (lazy, catapult
 * or divergent on uv) and edge_of_stability (rosenbrock's sharpness
 * settling at 2/eta); see experiment.h, derived in docs/ARCHITECTURE.md §8.
 * Deterministic GD runs: no seeds.
 */
#include "experiment_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "linalg2.h"
#include "parallel.h"

const ParamDef experiment_catapult_params[] = {
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

const ExperimentQuick experiment_catapult_quick[] = {
    {"starts", 3},
    {"steps", 3000},
    {"band", 3},
};

const ParamDef experiment_edge_of_stability_params[] = {
    {"from", PARAM_NUMBER, 0.0022, 1e-5, 1.0, NULL, "smallest learning rate eta of the sweep"},
    {"to", PARAM_NUMBER, 0.006, 1e-5, 1.0, NULL, "largest eta of the sweep"},
    {"points", PARAM_INTEGER, 6, 2, EXPERIMENT_MAX_POINTS, NULL,
     "values of eta, evenly spaced from 'from' to 'to'"},
    {"steps", PARAM_INTEGER, 20000, 100, 1e8, NULL, "GD updates per run, from (0, 0)"},
    {"window", PARAM_INTEGER, 1000, 2, 1e6, NULL,
     "the last updates, over which eta lambda_max / 2 is averaged"},
    {"tol", PARAM_NUMBER, 10.0, 0.0, 1e3, NULL, "tolerance in % of the edge eta lambda_max/2 = 1"},
};

const ExperimentQuick experiment_edge_of_stability_quick[] = {
    {"points", 3},
    {"steps", 5000},
};

const ParamDef experiment_max_margin_rate_params[] = {
    {"n", PARAM_INTEGER, 8, 2, 1e4, NULL, "samples of logreg:separable=1"},
    {"margin", PARAM_NUMBER, 0.2, 1e-3, 10.0, NULL, "the dataset's margin about 2 x1 + x2 = 0"},
    {"data_seed", PARAM_INTEGER, 3, 0, 1e6, NULL, "the dataset's seed"},
    {"from", PARAM_NUMBER, 0.5, 1e-4, 100.0, NULL, "smallest learning rate eta of the sweep"},
    {"to", PARAM_NUMBER, 5.0, 1e-4, 100.0, NULL, "largest eta of the sweep"},
    {"points", PARAM_INTEGER, 3, 2, EXPERIMENT_MAX_POINTS / 2, NULL,
     "values of eta, log-spaced from 'from' to 'to' (two rows each)"},
    {"steps", PARAM_INTEGER, 1000000, 1000, 1e9, NULL, "GD updates per run, from (0, 0)"},
    {"window", PARAM_NUMBER, 100.0, 2.0, 1e6, NULL,
     "the fits use the updates from steps/window to steps"},
    {"tol", PARAM_NUMBER, 10.0, 0.0, 1e3, NULL, "tolerance in % of each fitted rate"},
};

const ExperimentQuick experiment_max_margin_rate_quick[] = {
    {"steps", 100000},
};

/* ------------------------------------------------------------------------ */
/* catapult                                                                  */
/* ------------------------------------------------------------------------ */

/* GD at lr started at (x0, y0): its desc and state.  Every caller keeps lr
 * inside gd's range (its keys' ranges see to it), so parsing cannot fail. */
static void gd_start(const Landscape *ls, double lr, double x0, double y0, OptimizerDesc *desc,
                     OptimizerState *st)
{
    char spec[64];
    snprintf(spec, sizeof spec, "gd:lr=%.17g", lr);
    optimizer_parse(spec, ls, desc, NULL);
    optimizer_init(desc, x0, y0, 0, st);
}

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
    OptimizerDesc desc;
    OptimizerState st;
    gd_start(job->landscape, lr, u0, v0, &desc, &st);
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
    if (catapult_run(job, u0, v0, lo, &final) >= edge ||
        catapult_run(job, u0, v0, hi, &final) < edge) {
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

ExperimentStatus experiment_catapult(Setting *s, ExperimentResult *dest, DescentError *err)
{
    double from = experiment_key(s, "from"), to = experiment_key(s, "to");
    size_t starts = (size_t)experiment_key(s, "starts"), steps = (size_t)experiment_key(s, "steps");
    size_t band = (size_t)experiment_key(s, "band");
    if (from >= to)
        return experiment_refuse(
            error_set(err, "experiment catapult: from=%g must be below to=%g", from, to));
    /* Bisection runs and band runs, each of up to `steps` updates. */
    s->work_total =
        (double)starts * (double)steps * (2.0 * (CATAPULT_BISECTIONS + 2) + (double)band);
    if (!experiment_affordable(s, "ask for fewer steps or starts", err))
        return EXPERIMENT_BAD_SETTINGS;
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
    CatapultJob job = {ls, lambda0, experiment_key(s, "f0"), steps, band, dest->rows, final};
    parallel_for(starts, s->request->threads, catapult_starts, &job);
    experiment_report(s, s->work_total);
    double largest = 0.0;
    for (size_t i = 0; i < starts; i++)
        for (int e = 0; e < 2; e++) {
            ExperimentRow *row = &dest->rows[2 * i + (size_t)e];
            row->label = e == 0 ? "lazy/catapult" : "catapult/divergent";
            row->swept = lambda0[i];
            row->theory = (e == 0 ? 2.0 : 4.0) / lambda0[i];
            row->second = (double)NAN;
            row->checked = true;
            experiment_judge_row(s, row);
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
        OptimizerDesc desc;
        OptimizerState st;
        gd_start(job->landscape, job->lr[p], 0.0, 0.0, &desc, &st);
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

ExperimentStatus experiment_edge_of_stability(Setting *s, ExperimentResult *dest,
                                              DescentError *err)
{
    double from = experiment_key(s, "from"), to = experiment_key(s, "to");
    size_t points = (size_t)experiment_key(s, "points"), steps = (size_t)experiment_key(s, "steps");
    size_t window = (size_t)experiment_key(s, "window");
    if (from >= to)
        return experiment_refuse(
            error_set(err, "experiment edge_of_stability: from=%g must be below to=%g", from, to));
    if (window > steps)
        return experiment_refuse(
            error_set(err,
                      "experiment edge_of_stability: window=%zu is longer than "
                      "steps=%zu",
                      window, steps));
    Landscape *ls = landscape_create("rosenbrock", err);
    if (!ls)
        return EXPERIMENT_NO_MEMORY;
    double lr[EXPERIMENT_MAX_POINTS], start_edge[EXPERIMENT_MAX_POINTS];
    for (size_t p = 0; p < points; p++)
        lr[p] = from + (to - from) * (double)p / (double)(points - 1);
    s->work_total = (double)points * (double)steps;
    EdgeJob job = {ls, lr, steps, window, dest->rows, start_edge};
    parallel_for(points, s->request->threads, edge_runs, &job);
    experiment_report(s, s->work_total);
    double largest = 0.0;
    for (size_t p = 0; p < points; p++) {
        ExperimentRow *row = &dest->rows[p];
        row->swept = lr[p];
        row->theory = 1.0;
        row->second = (double)NAN;
        row->checked = true;
        experiment_judge_row(s, row);
        largest = fmax(largest, start_edge[p]);
    }
    dest->count = points;
    dest->claim = (ExperimentClaim){"largest eta*lambda_max/2 at the start (it sharpened)", largest,
                                    1.0, 0.0, true, largest < 1.0};
    landscape_destroy(ls);
    return EXPERIMENT_DONE;
}

/* ------------------------------------------------------------------------ */
/* max_margin_rate                                                           */
/* ------------------------------------------------------------------------ */

/*
 * GD on logistic regression over separable data, without l2, from 0: the
 * loss has no minimiser, ‖θ‖ grows without bound and θ turns towards the
 * max-margin direction û (landscape_max_margin_direction).  Soudry, Hoffer,
 * Nacson, Gunasekar & Srebro 2018 (Theorem 3) prove θ(t) = ŵ ln t + ρ(t)
 * with ρ bounded (converging for almost every dataset), ŵ the hard-margin
 * SVM's solution û/γ, γ = min_i y_i û·x_i the margin.  So
 *   ‖θ‖ grows like ln t with slope ‖ŵ‖ = 1/γ, whatever η, and
 *   the angle to û shrinks like ‖ρ⊥‖/‖θ‖: like 1/ln t, an exponent −1
 *   in angle ∝ (ln t)^p.
 * Both are fitted over the last decades of the run, t from steps/window
 * to steps at log-spaced checkpoints: the slope of ‖θ‖ against ln t, and
 * p as the slope of ln(angle) against ln ‖θ‖ (‖θ‖ is ln t up to the
 * bounded ρ, whose constant part would bend a fit against ln ln t far
 * more slowly).  Their intervals are the same fits over the window's
 * first and second halves: how much the local rate still drifts.
 * The laws are asymptotic, and how soon they show depends on the data: a
 * sample whose margin exceeds the support vectors' by a share δ adds to ρ
 * a term decaying like (ηt)^(−δ), so near-support samples hold the rates
 * back for decades of t.  Measured: on the default 8 samples (seed 3) both
 * rates are within 1 % after 10⁶ updates at every η from 0.5 to 5; on
 * logreg's default 100 samples (seed 1, margin 0.2) the fits give 0.77 to
 * 0.85 of 1/γ and exponents −0.36 to −0.52 after 10⁶ updates, 0.85 to
 * 0.91 and −0.52 to −0.80 after 10⁷ (the same figures at equal η·t: the
 * time that counts is η·t).
 */
#define MARGIN_CHECKPOINTS 64

typedef struct MarginJob {
    const Landscape *landscape;
    const double *lr;
    const double *dir; /* û */
    size_t steps;
    double window;
    ExperimentRow *rows; /* two a point */
} MarginJob;

/* The slopes of y against x over all n points and over each half. */
static void fit_halves(const double *x, const double *y, size_t n, double *all, double *low,
                       double *high)
{
    double first = experiment_fit_slope(x, y, n / 2),
           second = experiment_fit_slope(x + n / 2, y + n / 2, n - n / 2);
    *all = experiment_fit_slope(x, y, n);
    *low = fmin(first, second);
    *high = fmax(first, second);
}

static void margin_runs(void *context, size_t begin, size_t end)
{
    const MarginJob *job = context;
    for (size_t p = begin; p < end; p++) {
        OptimizerDesc desc;
        OptimizerState st;
        gd_start(job->landscape, job->lr[p], 0.0, 0.0, &desc, &st);
        double log_t[MARGIN_CHECKPOINTS], norm[MARGIN_CHECKPOINTS], log_norm[MARGIN_CHECKPOINTS],
            log_angle[MARGIN_CHECKPOINTS];
        size_t taken = 0, first = (size_t)((double)job->steps / job->window);
        bool diverged = false;
        for (size_t k = 1; k <= job->steps && !diverged; k++) {
            diverged = optimizer_step(&desc, job->landscape, &st) != STEP_OK;
            double at = (double)first * pow(job->window, (double)taken /
                                                             (MARGIN_CHECKPOINTS - 1));
            if (taken < MARGIN_CHECKPOINTS && (double)k >= at) {
                double r = hypot(st.x, st.y);
                double cosine = (st.x * job->dir[0] + st.y * job->dir[1]) / r;
                double sine = fabs(st.x * job->dir[1] - st.y * job->dir[0]) / r;
                log_t[taken] = log((double)k);
                norm[taken] = r;
                log_norm[taken] = log(r);
                log_angle[taken++] = log(atan2(sine, cosine));
            }
        }
        ExperimentRow *rows = &job->rows[2 * p];
        if (diverged || taken < 4) {
            for (int m = 0; m < 2; m++)
                rows[m].measured = rows[m].low = rows[m].high = (double)NAN;
            continue;
        }
        fit_halves(log_t, norm, taken, &rows[0].measured, &rows[0].low, &rows[0].high);
        fit_halves(log_norm, log_angle, taken, &rows[1].measured, &rows[1].low, &rows[1].high);
    }
}

ExperimentStatus experiment_max_margin_rate(Setting *s, ExperimentResult *dest,
                                            DescentError *err)
{
    double from = experiment_key(s, "from"), to = experiment_key(s, "to"),
           window = experiment_key(s, "window");
    size_t points = (size_t)experiment_key(s, "points"), steps = (size_t)experiment_key(s, "steps");
    if (from >= to)
        return experiment_refuse(
            error_set(err, "experiment max_margin_rate: from=%g must be below to=%g", from, to));
    if (window * 4.0 > (double)steps)
        return experiment_refuse(error_set(
            err, "experiment max_margin_rate: window=%g leaves fewer than 4 updates before the "
                 "fits start (steps=%zu)", window, steps));
    char spec[128];
    snprintf(spec, sizeof spec, "logreg:separable=1,n=%.17g,margin=%.17g,seed=%.17g",
             experiment_key(s, "n"), experiment_key(s, "margin"), experiment_key(s, "data_seed"));
    Landscape *ls = landscape_create(spec, err);
    if (!ls)
        return EXPERIMENT_BAD_SETTINGS;
    double dir[2];
    if (!landscape_max_margin_direction(ls, dir)) {
        landscape_destroy(ls);
        return experiment_refuse(error_set(
            err, "experiment max_margin_rate: %s is not separated with a margin by a line "
                 "through 0", spec));
    }
    const Dataset *data = landscape_dataset(ls);
    double gamma = (double)INFINITY;
    for (size_t i = 0; i < data->n; i++)
        gamma = fmin(gamma, data->y[i] * (dir[0] * data->x1[i] + dir[1] * data->x2[i]));
    double lr[EXPERIMENT_MAX_POINTS / 2];
    for (size_t p = 0; p < points; p++)
        lr[p] = from * pow(to / from, (double)p / (double)(points - 1));
    s->work_total = (double)points * (double)steps * (double)data->n;
    if (!experiment_affordable(s, "ask for fewer steps or samples", err)) {
        landscape_destroy(ls);
        return EXPERIMENT_BAD_SETTINGS;
    }
    MarginJob job = {ls, lr, dir, steps, window, dest->rows};
    parallel_for(points, s->request->threads, margin_runs, &job);
    experiment_report(s, s->work_total);
    for (size_t p = 0; p < points; p++)
        for (int m = 0; m < 2; m++) {
            ExperimentRow *row = &dest->rows[2 * p + (size_t)m];
            row->label = m == 0 ? "norm per ln t" : "angle exponent";
            row->swept = lr[p];
            row->theory = m == 0 ? 1.0 / gamma : -1.0;
            row->second = (double)NAN;
            row->checked = true;
            experiment_judge_row(s, row);
        }
    dest->count = 2 * points;
    landscape_destroy(ls);
    return EXPERIMENT_DONE;
}
