/*
 * experiment_gd.c — the laws of the step size: catapult (lazy, catapult
 * or divergent on uv), edge_of_stability (GD's sharpness settling at 2/eta
 * and Adam's preconditioned one at 38/eta, on rosenbrock and a network)
 * and max_margin_rate; see experiment.h, derived in docs/ARCHITECTURE.md
 * §8.  Deterministic runs: no walker seeds (the network's theta0 takes the
 * request's seed).
 */
#include "experiment_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "linalg2.h"
#include "model.h"
#include "msgid.h"
#include "net_run.h"
#include "netdata.h"
#include "parallel.h"
#include "spectrum.h"

/* edge_of_stability's network: small enough to measure in seconds, and
 * one where both GD and Adam sharpen to their edges (see its runner). */
#define EDGE_NET_MODEL "mlp:layers=2-16-16-2,act=tanh,loss=mse"
#define EDGE_NET_DATA "spirals:n=200,test=0"

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
    {"from", PARAM_NUMBER, 0.0022, 1e-5, 1.0, NULL, "smallest GD learning rate eta on rosenbrock"},
    {"to", PARAM_NUMBER, 0.006, 1e-5, 1.0, NULL, "largest GD eta on rosenbrock"},
    {"points", PARAM_INTEGER, 6, 0, EXPERIMENT_MAX_POINTS, NULL,
     "GD runs on rosenbrock, eta evenly spaced from 'from' to 'to'"},
    {"adam_from", PARAM_NUMBER, 0.001, 1e-5, 1.0, NULL, "smallest Adam eta on rosenbrock"},
    {"adam_to", PARAM_NUMBER, 0.03, 1e-5, 1.0, NULL, "largest Adam eta on rosenbrock"},
    {"adam_points", PARAM_INTEGER, 3, 0, EXPERIMENT_MAX_POINTS, NULL,
     "Adam runs on rosenbrock, eta log-spaced from 'adam_from' to 'adam_to'"},
    {"steps", PARAM_INTEGER, 20000, 100, 1e8, NULL, "updates per rosenbrock run, from (0, 0)"},
    {"window", PARAM_INTEGER, 10000, 2, 1e8, NULL,
     "the last updates of a rosenbrock run, over which lambda/edge is averaged"},
    {"net_gd_from", PARAM_NUMBER, 0.07, 1e-5, 10.0, NULL, "smallest GD eta on the network"},
    {"net_gd_to", PARAM_NUMBER, 0.12, 1e-5, 10.0, NULL, "largest GD eta on the network"},
    {"net_adam_from", PARAM_NUMBER, 0.003, 1e-5, 1.0, NULL, "smallest Adam eta on the network"},
    {"net_adam_to", PARAM_NUMBER, 0.03, 1e-5, 1.0, NULL, "largest Adam eta on the network"},
    {"net_points", PARAM_INTEGER, 3, 0, EXPERIMENT_MAX_POINTS, NULL,
     "GD runs and Adam runs of the network " EDGE_NET_MODEL " on " EDGE_NET_DATA
     ", eta log-spaced (1: 'from' alone; 0: none)"},
    {"net_steps", PARAM_INTEGER, 10000, 100, 1e6, NULL,
     "updates per network run from the seed's theta0; lambda/edge is measured at 25 of the "
     "last quarter's"},
    {"tol", PARAM_NUMBER, 10.0, 0.0, 1e3, NULL, "tolerance in % of the edge: lambda/edge = 1"},
};

const ExperimentQuick experiment_edge_of_stability_quick[] = {
    {"points", 3},
    {"steps", 5000},
    {"window", 2500},
    {"net_points", 1},
    {"net_gd_from", 0.1},
    {"net_adam_from", 0.01},
    {"net_steps", 8000},
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

/* The optimizer kind ("gd", "adam") at lr started at (x0, y0): its desc
 * and state.  Every caller keeps lr inside the kind's range (its keys'
 * ranges see to it), so parsing cannot fail. */
static void walker_start(const Landscape *ls, const char *kind, double lr, double x0, double y0,
                         OptimizerDesc *desc, OptimizerState *st)
{
    char spec[64];
    snprintf(spec, sizeof spec, "%s:lr=%.17g", kind, lr);
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
    walker_start(job->landscape, "gd", lr, u0, v0, &desc, &st);
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
            row->label = e == 0 ? N_("lazy/catapult") : N_("catapult/divergent");
            row->swept = lambda0[i];
            row->theory = (e == 0 ? 2.0 : 4.0) / lambda0[i];
            row->second = (double)NAN;
            row->checked = true;
            experiment_judge_row(s, row);
        }
    for (size_t k = 0; k < starts * band; k++)
        largest = fmax(largest, final[k]);
    dest->count = 2 * starts;
    dest->claim = (ExperimentClaim){N_("largest final eta*lambda in the catapult band"), largest, 2.0,
                                    0.0, true, largest < 2.0};
    landscape_destroy(ls);
    free(final);
    return EXPERIMENT_DONE;
}

/* ------------------------------------------------------------------------ */
/* edge_of_stability                                                         */
/* ------------------------------------------------------------------------ */

/*
 * The edge of stability (Cohen, Kaur, Li, Kolter & Talwalkar 2021): GD at
 * learning rate η is linearly stable only where λmax < 2/η, and training
 * that sharpens drives λmax up to 2/η and holds it there, oscillating
 * across the top eigendirection.  Adam's update is θ ← θ − η P⁻¹ m with
 * P = (1 − β1^t)·diag(√v̂ + ε) (spectrum_adam_preconditioner), and its
 * momentum moves the edge for the preconditioned sharpness λmax(P⁻¹H) to
 * (2 + 2β1)/(η(1 − β1)), 38/η at β1 = 0.9 (Cohen et al. 2022, "Adaptive
 * gradient methods at the edge of stability"); net_run_stability_line
 * holds both lines.  Each row's figure is λ/edge (λmax over 2/η for GD,
 * λmax(P⁻¹H) over (2 + 2β1)/(η(1 − β1)) for Adam) averaged over a window
 * at the end of the run, its interval the range over it; the claim is that
 * every GD run started below its edge (it sharpened to it).  Adam's start
 * has no such figure: after one update P holds |g| alone, so a coordinate
 * whose gradient is 0 (rosenbrock's y at (0, 0)) has P = (1 − β1)ε and
 * λmax(P⁻¹H) is 1.6·10⁸ times the edge there.
 *
 * rosenbrock, GD from (0, 0): the valley's λmax grows on the way to (1, 1),
 * from 200 at the start to 1001.6 at the minimum, so for
 * 2/1001.6 < η < 2/202 GD cannot reach the minimum and rides the edge in a
 * period-2 orbit across the valley.  Not every η settles: in a scan from
 * 0.0021 to 0.0081 in steps of 0.0002 GD diverged at 0.0065, 0.0073 and
 * from 0.0079 on (its first oscillations overshoot), so the default sweep
 * ends at 0.006.
 *
 * rosenbrock, Adam from (0, 0) — two parameters show Adam's edge too, by
 * another road: Adam reaches the minimum, the gradient there shrinks, v
 * decays by β2 an update and P⁻¹H grows by 1/√β2 until it crosses its edge;
 * the oscillation that follows refills v and drops λmax(P⁻¹H) by about a
 * fifth, and it climbs again: a sawtooth between 0.84 and 1.04 of the edge
 * with a period of about 450 updates (ln 1.24 / −ln √β2), whose mean is
 * 0.93 at every η (measured 0.930 to 0.934 over the second half of 20000
 * and 40000 updates for η from 0.001 to 0.03, from (0, 0) and (−1, 1); on
 * quadratic:l1=1,l2=10, 0.93 to 0.97).  It needs a minimum that the
 * floating-point walk never lands on exactly: himmelblau's (3, 2) and
 * beale's (3, 0.5) are exact doubles, Adam reaches them with a gradient of
 * exactly 0, nothing perturbs it, and λmax(P⁻¹H) grows as H/ε without bound
 * (900 to 2·10⁵ times the edge after 40000 updates).
 *
 * The network (EDGE_NET_MODEL on EDGE_NET_DATA, full batch, θ0 from the
 * request's seed, the same for every run): λ/edge is measured by Lanczos
 * on exact Hessian-vector products (net_run_curvature) at 25 updates
 * evenly spread over the last quarter of the run.  GD sharpens
 * progressively from λmax ≈ 5.4 up to 2/η and holds it; Adam's
 * λmax(P⁻¹H) rises to 38/η and hovers there.  Measured (full form, seeds
 * 0, 1, 2; docs/ARCHITECTURE.md §8 has the table): Adam 0.975 to 1.009 of
 * its edge at η = 0.003, 0.0095, 0.03; GD 0.968 to 1.008 at η = 0.07,
 * 0.092, 0.12.  GD's sweep is bounded on both sides: at η = 0.06 seed 1
 * stops sharpening at 0.89 of the edge (at 0.05 seeds 1 and 2 have not
 * reached it after 10000 updates), and at η = 0.14 seed 1 falls away from
 * it (0.85; 0.79 at 0.2: the loss nears its floor and the run leaves it).
 */
typedef struct EdgeRow {
    const char *kind; /* "gd", "adam" */
    double lr;
    ExperimentRow *row;
    double start; /* GD: λ/edge at the start; Adam: NaN (see above) */
} EdgeRow;

/* λ/edge of a two-parameter walker: λmax of H, or of P^(−1/2) H P^(−1/2)
 * (similar to P⁻¹H) for Adam, over desc's stability line. */
static double walker_edge_share(const OptimizerDesc *desc, const Landscape *ls,
                                const OptimizerState *st)
{
    LandscapeEval e;
    landscape_eval(ls, st->x, st->y, &e);
    double h[3] = {e.hess[0], e.hess[1], e.hess[2]}, eig[2];
    if (net_run_preconditioned(desc)) {
        double p[2];
        spectrum_adam_preconditioner(2, st->sq, desc->beta1, desc->beta2, desc->eps, st->t, p);
        h[0] /= p[0];
        h[1] /= sqrt(p[0] * p[1]);
        h[2] /= p[1];
    }
    sym2_eigenvalues(h[0], h[1], h[2], eig);
    return eig[1] / net_run_stability_line(desc, st->t);
}

typedef struct EdgeJob {
    const Landscape *landscape;
    EdgeRow *rows;
    size_t steps, window;
} EdgeJob;

static void edge_runs(void *context, size_t begin, size_t end)
{
    const EdgeJob *job = context;
    for (size_t p = begin; p < end; p++) {
        EdgeRow *edge = &job->rows[p];
        OptimizerDesc desc;
        OptimizerState st;
        walker_start(job->landscape, edge->kind, edge->lr, 0.0, 0.0, &desc, &st);
        bool preconditioned = net_run_preconditioned(&desc);
        edge->start = preconditioned ? (double)NAN : walker_edge_share(&desc, job->landscape, &st);
        double sum = 0.0, low = (double)INFINITY, high = -(double)INFINITY;
        bool diverged = false;
        for (size_t k = 0; k < job->steps && !diverged; k++) {
            diverged = optimizer_step(&desc, job->landscape, &st) != STEP_OK;
            if (k + job->window >= job->steps && !diverged) {
                double share = walker_edge_share(&desc, job->landscape, &st);
                sum += share;
                low = fmin(low, share);
                high = fmax(high, share);
            }
        }
        ExperimentRow *row = edge->row;
        row->measured = diverged ? (double)NAN : sum / (double)job->window;
        row->low = diverged ? (double)NAN : low;
        row->high = diverged ? (double)NAN : high;
    }
}

/* The network's runs, stepped in rounds between progress reports. */
#define EDGE_NET_CHECKS 25
#define EDGE_NET_ROUNDS 20

typedef struct EdgeNetJob {
    EdgeRow *rows;
    NetRun *runs;
    bool *failed;      /* a measurement ran out of memory */
    size_t steps;      /* updates per run */
    size_t round_end;  /* updates done by the end of this round */
    size_t count;      /* runs: the GD ones, then as many Adam ones */
    double *sum;       /* of λ/edge over the checks so far, per run */
} EdgeNetJob;

/* λ/edge of a network run now. */
static bool net_edge_share(const NetRun *run, double *share)
{
    double sharpness, preconditioned;
    DescentError ignored;
    if (!net_run_curvature(run, net_run_state(run), &sharpness, &preconditioned, &ignored))
        return false;
    long t = (long)run->count - 1;
    *share = (net_run_preconditioned(&run->desc) ? preconditioned : sharpness) /
             net_run_stability_line(&run->desc, t);
    return true;
}

static void edge_net_round(void *context, size_t begin, size_t end)
{
    const EdgeNetJob *job = context;
    size_t window_start = job->steps - job->steps / 4, span = job->steps - window_start;
    for (size_t i = begin; i < end; i++) {
        /* GD and Adam runs alternate, so each thread's share holds both
         * (Adam's measurements cost more). */
        size_t r = i % 2 ? job->count / 2 + i / 2 : i / 2;
        NetRun *run = &job->runs[r];
        ExperimentRow *row = job->rows[r].row;
        while (!job->failed[r] && run->status == NET_RUN_ACTIVE &&
               run->count - 1 < job->round_end) {
            /* The next check, update window_start + ⌈c·span/CHECKS⌉ for
             * c = 1 .. CHECKS: the last quarter of the run. */
            size_t done = run->count - 1;
            size_t c = done <= window_start ? 1
                                            : (done - window_start) * EDGE_NET_CHECKS / span + 1;
            size_t check = window_start + (c * span + EDGE_NET_CHECKS - 1) / EDGE_NET_CHECKS;
            size_t next = check < job->round_end ? check : job->round_end;
            bool ok;
            DescentError ignored;
            net_run_advance(run, next - done, &ok, &ignored);
            double share;
            if (!ok || (run->status == NET_RUN_ACTIVE && next == check &&
                        !net_edge_share(run, &share))) {
                job->failed[r] = true;
            } else if (run->status == NET_RUN_ACTIVE && next == check) {
                job->sum[r] += share;
                row->low = fmin(row->low, share);
                row->high = fmax(row->high, share);
            }
        }
        if (run->status != NET_RUN_ACTIVE)
            row->measured = row->low = row->high = (double)NAN;
        else if (run->count - 1 == job->steps)
            row->measured = job->sum[r] / EDGE_NET_CHECKS;
    }
}

/* Runs the network rows: every run from the same θ0 (seeded by the
 * request's seed), in rounds with progress between them. */
static ExperimentStatus edge_network(Setting *s, EdgeRow *rows, size_t count, size_t steps,
                                     double work_each, DescentError *err)
{
    Model model;
    NetDataSplit data;
    if (!model_parse(EDGE_NET_MODEL, &model, err) || !netdata_create(EDGE_NET_DATA, &data, err))
        return EXPERIMENT_NO_MEMORY;
    double *theta0 = malloc(model.nparams * sizeof *theta0), sum[EXPERIMENT_MAX_POINTS] = {0};
    NetRun runs[EXPERIMENT_MAX_POINTS] = {0};
    bool failed[EXPERIMENT_MAX_POINTS] = {false};
    size_t started = 0;
    ExperimentStatus status = theta0 ? EXPERIMENT_DONE : EXPERIMENT_NO_MEMORY;
    if (theta0) {
        Rng rng;
        rng_seed(&rng, s->request->seed);
        model_init(&model, &rng, theta0);
    }
    for (; started < count && status == EXPERIMENT_DONE; started++) {
        char spec[64];
        OptimizerDesc desc;
        snprintf(spec, sizeof spec, "%s:lr=%.17g", rows[started].kind, rows[started].lr);
        if (!optimizer_parse_vec(spec, data.train.n, EDGE_NET_DATA, &desc, err) ||
            !net_run_init(&runs[started], &model, &data, &desc, theta0, 0, err))
            status = EXPERIMENT_NO_MEMORY;
        else if (!net_run_preconditioned(&desc) &&
                 !net_edge_share(&runs[started], &rows[started].start))
            failed[started] = true;
        rows[started].row->low = (double)INFINITY;
        rows[started].row->high = -(double)INFINITY;
    }
    if (status == EXPERIMENT_DONE) {
        started = count;
        EdgeNetJob job = {rows, runs, failed, steps, 0, count, sum};
        for (int round = 1; round <= EDGE_NET_ROUNDS; round++) {
            size_t before = job.round_end;
            job.round_end = steps * (size_t)round / EDGE_NET_ROUNDS;
            parallel_for(count, s->request->threads, edge_net_round, &job);
            experiment_report(s, (double)(job.round_end - before) * (double)count * work_each);
        }
        for (size_t r = 0; r < count; r++)
            if (failed[r])
                status = EXPERIMENT_NO_MEMORY;
    }
    for (size_t r = 0; r < started; r++)
        net_run_free(&runs[r]);
    free(theta0);
    netdata_free(&data);
    return status;
}

/* The value i of n from `from` to `to`: evenly or log-spaced; `from` alone
 * when n is 1. */
static double sweep_value(double from, double to, size_t i, size_t n, bool log_spaced)
{
    if (n < 2)
        return from;
    double share = (double)i / (double)(n - 1);
    return log_spaced ? from * pow(to / from, share) : from + (to - from) * share;
}

/* Refuses a sweep whose ends are reversed (when it has two points or more). */
static bool edge_sweep_ok(const Setting *s, const char *from, const char *to, const char *points,
                          DescentError *err)
{
    double a = experiment_key(s, from), b = experiment_key(s, to);
    if (experiment_key(s, points) < 2 || a < b)
        return true;
    return error_set(err, "experiment edge_of_stability: %s=%g must be below %s=%g", from, a, to,
                     b);
}

ExperimentStatus experiment_edge_of_stability(Setting *s, ExperimentResult *dest,
                                              DescentError *err)
{
    size_t points = (size_t)experiment_key(s, "points"),
           adam_points = (size_t)experiment_key(s, "adam_points"),
           net_points = (size_t)experiment_key(s, "net_points"),
           steps = (size_t)experiment_key(s, "steps"), window = (size_t)experiment_key(s, "window"),
           net_steps = (size_t)experiment_key(s, "net_steps");
    if (!edge_sweep_ok(s, "from", "to", "points", err) ||
        !edge_sweep_ok(s, "adam_from", "adam_to", "adam_points", err) ||
        !edge_sweep_ok(s, "net_gd_from", "net_gd_to", "net_points", err) ||
        !edge_sweep_ok(s, "net_adam_from", "net_adam_to", "net_points", err))
        return EXPERIMENT_BAD_SETTINGS;
    if (window > steps)
        return experiment_refuse(
            error_set(err,
                      "experiment edge_of_stability: window=%zu is longer than "
                      "steps=%zu",
                      window, steps));
    size_t count = points + adam_points + 2 * net_points;
    if (count == 0 || count > EXPERIMENT_MAX_POINTS)
        return experiment_refuse(error_set(
            err, "experiment edge_of_stability: points + adam_points + 2 net_points is %zu, "
                 "not 1 to %d", count, EXPERIMENT_MAX_POINTS));
    EdgeRow rows[EXPERIMENT_MAX_POINTS];
    /* The network's rows name EDGE_NET_MODEL on EDGE_NET_DATA in short. */
    static const char *const labels[] = {N_("gd, rosenbrock"), N_("adam, rosenbrock"),
                                         N_("gd, mlp 2-16-16-2 tanh mse, spirals 200"),
                                         N_("adam, mlp 2-16-16-2 tanh mse, spirals 200")};
    static const char *const from[] = {"from", "adam_from", "net_gd_from", "net_adam_from"},
                             *const to[] = {"to", "adam_to", "net_gd_to", "net_adam_to"};
    size_t per[] = {points, adam_points, net_points, net_points}, r = 0;
    for (int g = 0; g < 4; g++)
        for (size_t i = 0; i < per[g]; i++, r++) {
            rows[r] = (EdgeRow){g % 2 ? "adam" : "gd",
                                sweep_value(experiment_key(s, from[g]), experiment_key(s, to[g]),
                                            i, per[g], g > 0),
                                &dest->rows[r], 0.0};
            dest->rows[r].label = labels[g];
            dest->rows[r].swept = rows[r].lr;
        }
    /* A network update costs about a landscape step per training sample. */
    double net_work = 100.0;
    s->work_total = (double)(points + adam_points) * (double)steps +
                    (double)(2 * net_points) * (double)net_steps * net_work;
    Landscape *ls = landscape_create("rosenbrock", err);
    if (!ls)
        return EXPERIMENT_NO_MEMORY;
    EdgeJob job = {ls, rows, steps, window};
    parallel_for(points + adam_points, s->request->threads, edge_runs, &job);
    experiment_report(s, (double)(points + adam_points) * (double)steps);
    landscape_destroy(ls);
    ExperimentStatus status = EXPERIMENT_DONE;
    if (net_points > 0)
        status = edge_network(s, rows + points + adam_points, 2 * net_points, net_steps, net_work,
                              err);
    if (status != EXPERIMENT_DONE)
        return status;
    double largest = (double)NAN;
    for (size_t p = 0; p < count; p++) {
        ExperimentRow *row = &dest->rows[p];
        row->theory = 1.0;
        row->second = (double)NAN;
        row->checked = true;
        experiment_judge_row(s, row);
        largest = fmax(largest, rows[p].start);
    }
    dest->count = count;
    if (!isnan(largest))
        dest->claim = (ExperimentClaim){N_("largest GD lambda/edge at the start (it sharpened)"),
                                        largest, 1.0, 0.0, true, largest < 1.0};
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
        walker_start(job->landscape, "gd", job->lr[p], 0.0, 0.0, &desc, &st);
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
            row->label = m == 0 ? N_("norm per ln t") : N_("angle exponent");
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
