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
#include "msgid.h"
#include "swarm.h"

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

const ParamDef experiment_sharp_escape_params[] = {
    {"h", PARAM_NUMBER, 1.0, 1e-3, 1e3, NULL, "parabolic_wells' barrier height dV over both wells"},
    {"sharp", PARAM_NUMBER, 4.0, 1e-3, 1e3, NULL, "curvature of the sharp well"},
    {"flat", PARAM_NUMBER, 2.0, 1e-3, 1e3, NULL, "curvature of the flat well"},
    {"cap", PARAM_NUMBER, 4.0, 1e-3, 1e3, NULL, "|curvature| of the cap over the barrier"},
    {"c", PARAM_NUMBER, 1.0, 1e-3, 1e3, NULL, "curvature across the wells (the y direction) / 2"},
    {"lr", PARAM_NUMBER, 0.02, 1e-6, 10.0, NULL, "SGD's learning rate eta"},
    {"noise", PARAM_NUMBER, 5.0, 1e-6, 1e3, NULL,
     "sigma at batch size 1: at B the noise's covariance is (sigma^2/B) H, or isotropic with "
     "the same mean variance"},
    {"from", PARAM_NUMBER, 2.0, 1.0, 1e6, NULL, "smallest batch size B"},
    {"to", PARAM_NUMBER, 4.0, 1.0, 1e6, NULL, "largest batch size B"},
    {"points", PARAM_INTEGER, 3, 2, EXPERIMENT_MAX_POINTS / 2, NULL,
     "batch sizes, evenly spaced from 'from' to 'to' (two rows each)"},
    {"escapes", PARAM_INTEGER, 1000, 10, 1e6, NULL,
     "walkers per well and noise, each timed to its escape"},
    {"tol", PARAM_NUMBER, 25.0, 0.0, 1e3, NULL, "tolerance in % of the predicted ratio"},
};

const ExperimentQuick experiment_sharp_escape_quick[] = {
    {"to", 3.0},
    {"points", 2},
    {"escapes", 400},
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
        if (!experiment_make_sgd(ls, lr, sigma, NOISE_ISOTROPIC, &desc, err)) {
            status = EXPERIMENT_BAD_SETTINGS;
            break;
        }
        /* Two coordinates: the spread per coordinate is half |θ|². */
        SpreadJob job = {{s, ls, &desc, 0.0, 0.0, p, walkers, 0}, settle[p], steps[p], 2.0, means};
        experiment_run_walkers(s, &job.walkers, (double)(settle[p] + steps[p]),
                               experiment_spread_walkers, &job);
        experiment_mean_interval(means, walkers, row);
        row->theory = lr * sigma * sigma / (a * (2.0 - lr * a));
        row->second = lr * sigma * sigma / (2.0 * a);
        row->checked = true;
        experiment_judge_row(s, row);
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

/* Walker updates a thread takes between two progress reports. */
#define ESCAPE_ROUND ((size_t)1 << 21)

/* Walker i of the point's count, timed from (x0, y0) until x first reaches
 * goal, about `expected` steps (experiment.h's seed). */
static SwarmPassage escape_walker(const Setting *s, size_t point, size_t count, size_t i,
                                  double x0, double y0, double goal, double sigma,
                                  double expected)
{
    return (SwarmPassage){x0,    y0,    goal, sigma,
                          s->request->seed + (uint64_t)(point * count + i),
                          (size_t)(ESCAPE_CAP * expected) + 1000,
                          0,     false, false};
}

/* Runs the walks to their ends (swarm.h's first passages: in lanes for
 * plain SGD, the walker loop's bits either way), reporting progress and
 * calling round_done (when not NULL) between rounds. */
static ExperimentStatus run_escapes(Setting *s, const Landscape *ls, const OptimizerDesc *desc,
                                    SwarmPassage *walkers, size_t count,
                                    void (*round_done)(void *context), void *context,
                                    DescentError *err)
{
    SwarmPassages *passages =
        swarm_passages_create(ls, desc, walkers, count, s->request->threads, err);
    if (!passages)
        return EXPERIMENT_NO_MEMORY;
    size_t taken;
    while (!experiment_stopped(s) && (taken = swarm_passages_advance(passages, ESCAPE_ROUND)) > 0) {
        experiment_report(s, (double)taken);
        if (round_done)
            round_done(context);
    }
    swarm_passages_destroy(passages);
    return EXPERIMENT_DONE;
}

/* The mean time t = η·steps of n finished walks, its interval, and the
 * walks the cap stopped (censored), into row; times: room for n. */
static void escape_row(const SwarmPassage *walks, size_t n, double lr, double *times,
                       ExperimentRow *row)
{
    row->censored = 0;
    for (size_t i = 0; i < n; i++) {
        times[i] = lr * (double)walks[i].steps;
        row->censored += !walks[i].reached;
    }
    experiment_mean_interval(times, n, row);
}

/* kramers' walks: every point's walkers in one queue, the slowest point
 * first, so the lanes stay full until the fast ones fill in at the end;
 * a row is judged as soon as its point's walks have all ended. */
typedef struct KramersJob {
    Setting *s;
    ExperimentResult *dest;
    SwarmPassage *walks; /* point points − 1 first, escapes each */
    size_t points, escapes;
    double lr, check_from;
    double *times;
    bool judged[EXPERIMENT_MAX_POINTS];
} KramersJob;

static void kramers_rows(void *context)
{
    KramersJob *job = context;
    for (size_t p = 0; p < job->points; p++) {
        const SwarmPassage *walks = job->walks + (job->points - 1 - p) * job->escapes;
        bool ended = !job->judged[p];
        for (size_t i = 0; i < job->escapes && ended; i++)
            ended = walks[i].finished;
        if (!ended)
            continue;
        ExperimentRow *row = &job->dest->rows[p];
        escape_row(walks, job->escapes, job->lr, job->times, row);
        row->second = (double)NAN;
        row->checked = row->swept >= job->check_from;
        experiment_judge_row(job->s, row);
        job->judged[p] = true;
    }
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
    SwarmPassage *walks = malloc(points * escapes * sizeof *walks);
    OptimizerDesc desc;
    ExperimentStatus status = times && walks ? EXPERIMENT_DONE : EXPERIMENT_NO_MEMORY;
    /* One optimizer for every point but its noise: σ = √(2ε/η). */
    if (status == EXPERIMENT_DONE && !experiment_make_sgd(ls, lr, 1.0, NOISE_ISOTROPIC, &desc, err))
        status = EXPERIMENT_BAD_SETTINGS;
    for (size_t p = 0; p < points && status == EXPERIMENT_DONE; p++) {
        double sigma = sqrt(2.0 * (h / dest->rows[p].swept) / lr);
        for (size_t i = 0; i < escapes; i++)
            walks[(points - 1 - p) * escapes + i] =
                escape_walker(s, p, escapes, i, -1.0, 0.0, 1.0, sigma, expected[p]);
    }
    KramersJob job = {s, dest, walks, points, escapes, lr, check_from, times, {false}};
    if (status == EXPERIMENT_DONE)
        status = run_escapes(s, ls, &desc, walks, points * escapes, kramers_rows, &job, err);
    dest->count = points;
    double inv_eps[EXPERIMENT_MAX_POINTS], log_tau[EXPERIMENT_MAX_POINTS];
    size_t fitted = 0;
    for (size_t p = 0; p < points && status == EXPERIMENT_DONE; p++)
        if (dest->rows[p].checked) {
            inv_eps[fitted] = 1.0 / (h / dest->rows[p].swept);
            log_tau[fitted++] = log(dest->rows[p].measured);
        }
    if (status == EXPERIMENT_DONE && fitted >= 2) {
        double slope = experiment_fit_slope(inv_eps, log_tau, fitted),
               tolerance = experiment_key(s, "slope_tol") / 100.0;
        dest->claim = (ExperimentClaim){N_("slope of ln E[τ] against 1/ε"), slope, h, tolerance,
                                        false, fabs(slope / h - 1.0) <= tolerance};
    }
    landscape_destroy(ls);
    free(times);
    free(walks);
    return status;
}

/* ------------------------------------------------------------------------ */
/* sharp_escape                                                              */
/* ------------------------------------------------------------------------ */

/*
 * The essay's "small batches escape sharp minima", on parabolic_wells
 * (landscape_classic.c): a sharp well (curvature k_s) and a flat one
 * (k_f) of equal depth ΔV = h, a cap of curvature −k_b over the barrier,
 * c y² across.  Near a minimum SGD's gradient noise has covariance about
 * H/B at batch size B (Xie, Sato & Sugiyama 2021, who measure it on
 * networks), so the walk is SGD with noise_model=hessian, noise σ/√B:
 * θ ← θ − η(∇V + (σ/√B)|H|^½ξ), the Euler–Maruyama step of
 * dθ = −∇V dt + √(2ε'|H|) dW with ε' = ησ²/(2B): the batch size enters only
 * as η/B.  Beside it, isotropic noise of the same mean variance: (σ²/B) v̄ I
 * with v̄ the mean of tr H/2 over the two minima, ε = ε' v̄.
 *
 * Isotropic noise (Eyring–Kramers, experiment_kramers_time): the mean time
 * from a well of curvature k over the saddle is (2π/√(k_b k)) exp(ΔV/ε),
 * so τ_flat/τ_sharp = √(k_s/k_f): the exponents are equal, flatness buys
 * only the prefactor.
 * Hessian-shaped noise: the landscape separates and H is diagonal, so x
 * moves alone with D(x) = ε'|q''(x)|, constant on each piece.  Its exact
 * mean first-passage time from the minimum a to the far side is
 *   τ = ∫ dy e^{Φ(y)} ∫_{−∞}^{y} dz e^{−Φ(z)} / D(z),  Φ' = q'/D
 * (Gardiner, Handbook of Stochastic Methods, §5.2.7); Laplace's method at
 * the minimum (Φ'' = 1/ε', 1/D = 1/(ε' k)) and the saddle (Φ'' = −1/ε')
 * gives τ = (2π/k) exp(ΔΦ), and ΔΦ = ∫ q'/D adds the barrier piece by
 * piece: ΔΦ = (ΔV/ε')(s/k + (1 − s)/k_b), s = k_b/(k + k_b) the barrier's
 * share inside the well's parabola: Xie, Sato & Sugiyama 2021's exponent
 * (their Theorem 3.2), exact here because the curvature is piecewise
 * constant.  So τ_flat/τ_sharp grows like exp(B·const): exponentially in
 * the batch size.  Checked against the integral itself (quadrature,
 * docs/ARCHITECTURE.md §8) before trusting it: within 7 % at B = 2 and 2 %
 * at B = 4 for the defaults, where the measured ratio runs from 7 to 29.
 * The walkers start in a minimum and are timed (t = η·steps) until x
 * reaches the other minimum, as in kramers.  The ratio's interval is the
 * delta method's: the relative half-widths of the two means added in
 * quadrature.
 */
static double hessian_noise_escape_time(double h, double k, double cap, double eps)
{
    double share = cap / (k + cap);
    return 2.0 * M_PI / k * exp(h / eps * (share / k + (1.0 - share) / cap));
}

/* The rows of each point, by the walkers' NoiseModel, in this order. */
static const char *const sharp_escape_kinds[] = {[NOISE_ISOTROPIC] = N_("isotropic"),
                                                 [NOISE_HESSIAN] = N_("Hessian")};

/* The walkers are SGD with gradient noise of either model (no label noise). */
int experiment_sharp_escape_kind(const OptimizerDesc *desc)
{
    if (desc->kind != OPT_SGD || !(desc->noise > 0) || desc->label_noise > 0)
        return -1;
    return (int)desc->noise_model;
}

ExperimentStatus experiment_sharp_escape(Setting *s, ExperimentResult *dest, DescentError *err)
{
    double h = experiment_key(s, "h"), sharp = experiment_key(s, "sharp"),
           flat = experiment_key(s, "flat"), cap = experiment_key(s, "cap"),
           c = experiment_key(s, "c"), lr = experiment_key(s, "lr"),
           sigma = experiment_key(s, "noise"), from = experiment_key(s, "from"),
           to = experiment_key(s, "to");
    size_t points = (size_t)experiment_key(s, "points"),
           escapes = (size_t)experiment_key(s, "escapes");
    if (from >= to)
        return experiment_refuse(
            error_set(err, "experiment sharp_escape: from=%g must be below to=%g", from, to));
    double lmax = fmax(fmax(sharp, flat), fmax(cap, 2.0 * c));
    if (lr * lmax >= 1.0)
        return experiment_refuse(
            error_set(err,
                      "experiment sharp_escape: lr=%g times the largest curvature %g is %g: SGD "
                      "must take small steps (below 1) to follow the landscape",
                      lr, lmax, lr * lmax));
    char spec[160];
    snprintf(spec, sizeof spec, "parabolic_wells:h=%.17g,sharp=%.17g,flat=%.17g,cap=%.17g,c=%.17g",
             h, sharp, flat, cap, c);
    Landscape *ls = landscape_create(spec, err);
    if (!ls)
        return EXPERIMENT_BAD_SETTINGS;
    LandscapePoint minima[2]; /* sharp, flat */
    landscape_minima(ls, minima, 2);
    double curvature[2] = {sharp, flat}, mean_variance = (sharp + flat + 4.0 * c) / 4.0;
    /* tau[p][model][well]: the theory's mean escape times. */
    double tau[EXPERIMENT_MAX_POINTS / 2][2][2];
    for (size_t p = 0; p < points; p++) {
        double batch = from + (to - from) * (double)p / (double)(points - 1);
        double eps = lr * sigma * sigma / (2.0 * batch);
        for (int w = 0; w < 2; w++) {
            tau[p][NOISE_ISOTROPIC][w] = experiment_kramers_time(
                ls, minima[w].x, 0.0, 0.0, 0.0, eps * mean_variance);
            tau[p][NOISE_HESSIAN][w] = hessian_noise_escape_time(h, curvature[w], cap, eps);
            for (int m = 0; m < 2; m++)
                s->work_total += (double)escapes * tau[p][m][w] / lr;
        }
        for (int m = 0; m < 2; m++) {
            ExperimentRow *row = &dest->rows[2 * p + (size_t)m];
            row->label = sharp_escape_kinds[m];
            row->swept = batch;
            row->theory = tau[p][m][1] / tau[p][m][0];
            row->second = (double)NAN;
        }
    }
    if (!experiment_affordable(s, "raise 'noise' or lower 'to' (B) or 'escapes'", err)) {
        landscape_destroy(ls);
        return EXPERIMENT_BAD_SETTINGS;
    }
    double *times = malloc(escapes * sizeof *times);
    SwarmPassage *walks = malloc(2 * escapes * sizeof *walks);
    ExperimentStatus status = times && walks ? EXPERIMENT_DONE : EXPERIMENT_NO_MEMORY;
    for (size_t p = 0; p < points && status == EXPERIMENT_DONE; p++) {
        double batch = dest->rows[2 * p].swept;
        for (int m = 0; m < 2 && status == EXPERIMENT_DONE; m++) {
            double scale = m == NOISE_ISOTROPIC ? sqrt(mean_variance) : 1.0;
            OptimizerDesc desc;
            if (!experiment_make_sgd(ls, lr, scale * sigma / sqrt(batch), (NoiseModel)m, &desc,
                                     err)) {
                status = EXPERIMENT_BAD_SETTINGS;
                break;
            }
            ExperimentRow *row = &dest->rows[2 * p + (size_t)m], well[2];
            for (size_t w = 0; w < 2; w++)
                for (size_t i = 0; i < escapes; i++)
                    walks[w * escapes + i] =
                        escape_walker(s, 4 * p + 2 * (size_t)m + w, escapes, i, minima[w].x, 0.0,
                                      minima[1 - w].x, desc.noise, tau[p][m][w] / lr);
            status = run_escapes(s, ls, &desc, walks, 2 * escapes, NULL, NULL, err);
            if (status != EXPERIMENT_DONE)
                break;
            for (size_t w = 0; w < 2; w++)
                escape_row(walks + w * escapes, escapes, lr, times, &well[w]);
            double ratio = well[1].measured / well[0].measured;
            double spread = hypot((well[1].high - well[1].low) / (2.0 * well[1].measured),
                                  (well[0].high - well[0].low) / (2.0 * well[0].measured));
            row->measured = ratio;
            row->low = ratio * (1.0 - spread);
            row->high = ratio * (1.0 + spread);
            row->censored = well[0].censored + well[1].censored;
            row->checked = true;
            experiment_judge_row(s, row);
        }
    }
    dest->count = 2 * points;
    landscape_destroy(ls);
    free(times);
    free(walks);
    return status;
}
