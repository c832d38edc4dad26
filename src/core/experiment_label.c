/*
 * experiment_label.c — label_noise: the drift that noise on the labels
 * gives SGD along a valley of minima, towards its flattest point, and its
 * absence under isotropic noise of the same size; see experiment.h,
 * derived in docs/ARCHITECTURE.md §8.
 */
#include "experiment_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "msgid.h"

const ParamDef experiment_label_noise_params[] = {
    {"y", PARAM_NUMBER, 1.0, 1e-3, 1e3, NULL,
     "uv's target: the valley u v = y, flattest (lambda = 2y) at u = v"},
    {"sigma", PARAM_NUMBER, 0.5, 1e-6, 1e3, NULL, "the label noise (sgd's label_noise=)"},
    {"d0", PARAM_NUMBER, 0.3, 1e-6, 1e3, NULL, "u^2 - v^2 at the start, on the valley"},
    {"from", PARAM_NUMBER, 0.009, 1e-6, 10.0, NULL, "smallest learning rate eta of the sweep"},
    {"to", PARAM_NUMBER, 0.09, 1e-6, 10.0, NULL, "largest eta of the sweep"},
    {"points", PARAM_INTEGER, 3, 2, EXPERIMENT_MAX_POINTS / 2, NULL,
     "values of eta, log-spaced from 'from' to 'to' (two rows each)"},
    {"walkers", PARAM_INTEGER, 2000, 10, 1e5, NULL,
     "independent seeded walkers per label-noise row (ten times as many isotropic ones)"},
    {"decay", PARAM_NUMBER, 3.0, 0.01, 20.0, NULL,
     "how far u^2 - v^2 is followed: until the law says it fell by exp(decay)"},
    {"tol", PARAM_NUMBER, 5.0, 0.0, 1e3, NULL, "tolerance in % of each row's law"},
    {"iso_share", PARAM_NUMBER, 5.0, 0.0, 1e3, NULL,
     "isotropic noise's drift may be at most this % of label noise's"},
};

const ExperimentQuick experiment_label_noise_quick[] = {
    {"walkers", 400},
};

/*
 * On uv, L = ½(uv − y)², SGD with label noise sees the gradient g·(v, u),
 * g = r − σξ (r = uv − y), and one step gives exactly
 *   u'² − v'² = (u − ηgv)² − (v − ηgu)² = (u² − v²)(1 − η²g²),
 * so D = u² − v² shrinks by the factor 1 − η²E[g²] a step on average, and
 * E[g²] = E[r²] + σ².  Near the valley, with λ = u² + v² (the sharpness
 * there, 2y at u = v), the residual moves as r' = r − ηgλ + η²g²uv; without
 * its last term that is r' = (1 − ηλ)r + ηλσξ, an AR(1) process with
 * E[r²] = ησ²λ/(2 − ηλ), so
 *   rate = η²(E[r²] + σ²) = η²·2σ²/(2 − ηλ)   per step
 * (the form Blanc, Gupta, Valiant & Valiant 2020 and Damian, Ma & Lee 2021
 * give to first order in η; HaoChen, Wei, Lee & Ma 2021 for this model).
 * The one-step identity is exact; the formula is first order only in the
 * residual's term η²g²uv (it keeps every order of ηλ): that term gives r a
 * mean η·2σ²y/((2 − ηλ)λ), which changes E[r²] by a share of order
 * η·σ²y²/λ³ (0.1 % of the rate at the largest default η), and λ itself
 * drifts with D (λ² = D² + 4(uv)²: 1.1 % at the default start).  So it
 * drives D to 0: u = v, the flattest point of the valley.
 * Isotropic noise of the same size (gradient noise σ₁ξ with 2σ₁² = σ²λ,
 * the label noise's total variance) gives instead
 *   E[u'² − v'²] = (u² − v²)(1 − η²r²),  E[r²] = ησ₁²/(2 − ηλ),
 * a drift η³σ²λ/(2(2 − ηλ)) a step: ηλ/4 of label noise's, O(η³), which
 * the SDE limit has not at all.  Its noise also adds a random walk to D
 * far larger than that drift (4η²σ₁²λ a step), so its drift is measured
 * as the walk's exact one-step drift η²r² averaged along the walk, over
 * short walks (6/(ηλ(2 − ηλ)) steps to settle, twice that measured) by
 * ISO_WALKERS times as many walkers: on long ones the random walk carries
 * D, and with it λ, away (λ near 3 after the label-noise rows' span at
 * η = 0.09, where the drift is then 4 % above the law at the start's λ).
 * Label-noise rows: each walker starts on the valley with D = d0, is let
 * settle (the residual forgets its start: 12/(1 − (1 − ηλ)²) steps), then
 * followed for K steps, K·rate = decay by the law; the figure is the mean
 * fall per step of D over walkers, 1 − (mean D_K/D_0)^(1/K), its interval
 * the mean's mapped through the same function.
 */
#define ISO_WALKERS 10

typedef struct DriftJob {
    Walkers walkers;
    size_t settle, steps;
    bool isotropic;
    double *figures; /* per walker: D_K/D_0 (label noise); mean η²r² (isotropic) */
} DriftJob;

static void drift_walkers(void *context, size_t begin, size_t end)
{
    const DriftJob *job = context;
    const OptimizerDesc *desc = job->walkers.desc;
    for (size_t i = begin; i < end; i++) {
        OptimizerState st;
        size_t walker = experiment_walker_start(&job->walkers, i, &st);
        double start = 0.0, sum_r2 = 0.0;
        bool diverged = false;
        for (size_t k = 0; k < job->settle + job->steps && !diverged; k++) {
            if (k == job->settle)
                start = st.x * st.x - st.y * st.y;
            if (k >= job->settle) {
                double r = landscape_value(job->walkers.landscape, st.x, st.y);
                sum_r2 += 2.0 * r; /* L = ½ r² */
            }
            diverged = optimizer_step(desc, job->walkers.landscape, &st) != STEP_OK;
        }
        double ratio = (st.x * st.x - st.y * st.y) / start;
        job->figures[walker] =
            diverged ? (double)NAN
                     : job->isotropic ? desc->lr * desc->lr * sum_r2 / (double)job->steps : ratio;
    }
}

/* The rows of each point: m = 0 label noise, 1 isotropic noise. */
static const char *const label_noise_kinds[] = {N_("label noise"), N_("isotropic")};

/* The walkers are SGD with label noise alone, or with isotropic gradient
 * noise alone. */
int experiment_label_noise_kind(const OptimizerDesc *desc)
{
    if (desc->kind != OPT_SGD)
        return -1;
    if (desc->label_noise > 0 && !(desc->noise > 0))
        return 0;
    if (desc->noise > 0 && desc->noise_model == NOISE_ISOTROPIC && !(desc->label_noise > 0))
        return 1;
    return -1;
}

ExperimentStatus experiment_label_noise(Setting *s, ExperimentResult *dest, DescentError *err)
{
    double y = experiment_key(s, "y"), sigma = experiment_key(s, "sigma"),
           d0 = experiment_key(s, "d0"), from = experiment_key(s, "from"),
           to = experiment_key(s, "to"), decay = experiment_key(s, "decay");
    size_t points = (size_t)experiment_key(s, "points"),
           walkers = (size_t)experiment_key(s, "walkers");
    if (from >= to)
        return experiment_refuse(
            error_set(err, "experiment label_noise: from=%g must be below to=%g", from, to));
    /* On the valley uv = y with u² − v² = d0. */
    double u0 = sqrt(0.5 * (d0 + hypot(d0, 2.0 * y))), v0 = y / u0;
    double lambda = u0 * u0 + v0 * v0;
    if (to * lambda >= 1.0)
        return experiment_refuse(error_set(
            err,
            "experiment label_noise: to=%g times the valley's sharpness %g is %g: the law "
            "needs eta lambda well below 2, and isotropic noise stays below its share only for "
            "eta lambda below 1 (lower 'to')",
            to, lambda, to * lambda));
    char spec[64];
    snprintf(spec, sizeof spec, "uv:y=%.17g", y);
    Landscape *ls = landscape_create(spec, err);
    if (!ls)
        return EXPERIMENT_BAD_SETTINGS;
    /* [p][m]: m = 0 label noise, 1 isotropic. */
    size_t settle[EXPERIMENT_MAX_POINTS / 2][2], steps[EXPERIMENT_MAX_POINTS / 2][2];
    size_t count[2] = {walkers, ISO_WALKERS * walkers};
    for (size_t p = 0; p < points; p++) {
        double lr = from * pow(to / from, (double)p / (double)(points - 1));
        double rate = lr * lr * 2.0 * sigma * sigma / (2.0 - lr * lambda);
        double forget = 1.0 / (lr * lambda * (2.0 - lr * lambda)); /* r²'s memory, in steps */
        settle[p][0] = (size_t)ceil(12.0 * forget);
        steps[p][0] = (size_t)ceil(decay / rate);
        settle[p][1] = (size_t)ceil(6.0 * forget);
        steps[p][1] = (size_t)ceil(12.0 * forget);
        for (int m = 0; m < 2; m++) {
            ExperimentRow *row = &dest->rows[2 * p + (size_t)m];
            row->label = label_noise_kinds[m];
            row->swept = lr;
            row->theory = m == 0 ? rate : rate * lr * lambda / 4.0;
            row->second = (double)NAN;
            s->work_total += (double)count[m] * (double)(settle[p][m] + steps[p][m]);
        }
    }
    if (!experiment_affordable(s, "raise 'from' or 'sigma', or lower 'decay' or 'walkers'", err)) {
        landscape_destroy(ls);
        return EXPERIMENT_BAD_SETTINGS;
    }
    double *figures = malloc(count[1] * sizeof *figures);
    ExperimentStatus status = figures ? EXPERIMENT_DONE : EXPERIMENT_NO_MEMORY;
    double largest_share = 0.0;
    for (size_t p = 0; p < points && status == EXPERIMENT_DONE; p++) {
        for (int m = 0; m < 2; m++) {
            ExperimentRow *row = &dest->rows[2 * p + (size_t)m];
            char text[128];
            if (m == 0)
                snprintf(text, sizeof text, "sgd:lr=%.17g,label_noise=%.17g", row->swept, sigma);
            else
                snprintf(text, sizeof text, "sgd:lr=%.17g,noise=%.17g", row->swept,
                         sigma * sqrt(0.5 * lambda));
            OptimizerDesc desc;
            if (!optimizer_parse(text, ls, &desc, err)) {
                status = EXPERIMENT_BAD_SETTINGS;
                break;
            }
            DriftJob job = {{s, ls, &desc, u0, v0, 2 * p + (size_t)m, count[m], 0},
                            settle[p][m], steps[p][m], m == 1, figures};
            experiment_run_walkers(s, &job.walkers, (double)(settle[p][m] + steps[p][m]),
                                   drift_walkers, &job);
            experiment_mean_interval(figures, count[m], row);
            if (m == 0) { /* the mean ratio → the fall per step */
                double k = (double)steps[p][m], mean = row->measured, low = row->low;
                row->measured = 1.0 - pow(mean, 1.0 / k);
                row->low = 1.0 - pow(row->high, 1.0 / k);
                row->high = 1.0 - pow(fmax(low, 0.0), 1.0 / k);
            } else {
                largest_share = fmax(largest_share, row->measured / dest->rows[2 * p].theory);
            }
            row->checked = true;
            experiment_judge_row(s, row);
        }
    }
    dest->count = 2 * points;
    double share = experiment_key(s, "iso_share") / 100.0;
    dest->claim = (ExperimentClaim){N_("largest isotropic drift / label noise's law"), largest_share,
                                    share, 0.0, true, largest_share <= share};
    landscape_destroy(ls);
    free(figures);
    return status;
}
