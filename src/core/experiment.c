/*
 * experiment.c — the experiments' table, their keys, what the laws' runners
 * share (statistics, walkers, progress), and experiment_run.  The runners
 * are in experiment_noise.c (SGD's noise: sde_variance, kramers,
 * sharp_escape), experiment_label.c (label_noise), experiment_batch.c
 * (noise_scale) and
 * experiment_gd.c (the step size: catapult, edge_of_stability, max_margin_rate); the laws are
 * derived in docs/ARCHITECTURE.md §8.
 */
#include "experiment_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msgid.h"

/* The 95 % interval of a mean is mean ± 1.96 standard errors. */
#define Z95 1.959963984540054

/* Walkers stepped between two progress reports. */
#define SLICE_WALKERS 64

#define PARAMS(table) table, ARRAY_LEN(table)

/* ------------------------------------------------------------------------ */
/* The table                                                                 */
/* ------------------------------------------------------------------------ */

static const ExperimentInfo experiment_table[] = {
    {"sde_variance", "SGD on a quadratic: where the SDE picture of SGD holds and where it fails",
     "stationary variance = eta sigma^2 / (a (2 - eta a)) exactly; the SDE says eta sigma^2 / (2a)",
     "eta*a", "variance", "95 % interval", N_("sde"), NULL, PARAMS(experiment_sde_variance_params),
     PARAMS(experiment_sde_variance_quick)},
    {"kramers",
     "SGD's noise carries it over a barrier: the mean escape time from a well of double_well",
     "E[tau] = (2 pi/|l1(z)|) sqrt(|det H(z)|/det H(x*)) exp(dV/eps), eps = eta sigma^2/2, "
     "t = eta k",
     "dV/eps", "E[tau]", "95 % interval", NULL, NULL, PARAMS(experiment_kramers_params),
     PARAMS(experiment_kramers_quick)},
    {"sharp_escape",
     "small batches escape sharp minima: escape times from a sharp and a flat well of equal "
     "depth (parabolic_wells), with isotropic noise and with noise shaped like the Hessian",
     "tau_flat/tau_sharp: isotropic (Eyring-Kramers) sqrt(det H_sharp/det H_flat); hessian "
     "(Xie, Sato & Sugiyama 2021) grows like exp((B dV/eta s^2) sum of barrier shares / curvatures)",
     "B", "tau_flat/tau_sharp", "95 % interval", NULL, "noise", PARAMS(experiment_sharp_escape_params),
     PARAMS(experiment_sharp_escape_quick)},
    {"label_noise",
     "uv with label noise: u^2 - v^2 decays towards the flattest minimum u = v; isotropic noise "
     "of the same size does not drive it",
     "u^2 - v^2 falls by eta^2 2 sigma^2/(2 - eta lambda) a step (first order in the residual's "
     "curvature); isotropic: eta lambda/4 of that",
     "eta", "fall per step", "95 % interval", NULL, "noise", PARAMS(experiment_label_noise_params),
     PARAMS(experiment_label_noise_quick)},
    {"noise_scale",
     "minibatch SGD on linreg: equal noise scale eta (N/B - 1), equal stationary spread",
     "tr P with H P + P H = (eta (N/B - 1)/(N - 1)) Sigma0 (Smith & Le 2018); exact for additive "
     "noise: H P + P H - eta H P H = the same",
     "B", "|theta - w*|^2", "95 % interval", N_("discrete"), NULL, PARAMS(experiment_noise_scale_params),
     PARAMS(experiment_noise_scale_quick)},
    {"catapult",
     "GD on uv (y = 0) from sharpness lambda0: lazy, catapult, or divergent, by the step",
     "lazy for eta < 2/lambda0, catapult (loss rises, ends at eta lambda < 2) up to 4/lambda0, "
     "divergent beyond",
     "lambda0", "eta at the edge", "bisection bracket", NULL, "edge",
     PARAMS(experiment_catapult_params), PARAMS(experiment_catapult_quick)},
    {"edge_of_stability",
     "GD's sharpness rises to 2/eta and stays; Adam's preconditioned sharpness to 38/eta "
     "(rosenbrock and a small network)",
     "GD: lambda_max = 2/eta (Cohen, Kaur, Li, Kolter & Talwalkar 2021); Adam: lambda_max(P^-1 H) "
     "= (2 + 2 beta1)/(eta (1 - beta1)) (Cohen et al. 2022); lambda/edge = 1",
     "eta", "lambda/edge", "range over the window", NULL, "run",
     PARAMS(experiment_edge_of_stability_params), PARAMS(experiment_edge_of_stability_quick)},
    {"max_margin_rate",
     "GD on separable logreg: |theta| grows like ln t, its direction turns to the max-margin one",
     "|theta| = ln t / gamma + O(1), angle to the max-margin direction ~ 1/ln t "
     "(Soudry, Hoffer, Nacson, Gunasekar & Srebro 2018)",
     "eta", "fitted rate", "over each half", NULL, "law", PARAMS(experiment_max_margin_rate_params),
     PARAMS(experiment_max_margin_rate_quick)},
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

double experiment_key(const Setting *s, const char *name)
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

void experiment_report(Setting *s, double work)
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
void experiment_mean_interval(const double *v, size_t n, ExperimentRow *row)
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

double experiment_fit_slope(const double *x, const double *y, size_t n)
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

/* The status of settings that cannot be measured; takes error_set's false
 * so a check reads `return experiment_refuse(error_set(err, ...))`. */
ExperimentStatus experiment_refuse(bool set)
{
    (void)set;
    return EXPERIMENT_BAD_SETTINGS;
}

bool experiment_affordable(const Setting *s, const char *advice, DescentError *err)
{
    if (s->work_total <= EXPERIMENT_MAX_STEPS)
        return true;
    return error_set(err, "experiment %s: about %.3g walker steps is more than %.3g: %s",
                     s->request->info->name, s->work_total, EXPERIMENT_MAX_STEPS, advice);
}

void experiment_judge_row(Setting *s, ExperimentRow *row)
{
    row->ratio = row->measured / row->theory;
    row->within = fabs(row->ratio - 1.0) <= s->result->tolerance;
    if (s->request->row_done && !experiment_stopped(s))
        s->request->row_done(s->request->progress_context, (size_t)(row - s->result->rows), row);
}

bool experiment_stopped(const Setting *s)
{
    return s->request->stop && atomic_load(s->request->stop);
}

/* Walker offset + i of the slice, started. */
size_t experiment_walker_start(const Walkers *w, size_t i, OptimizerState *st)
{
    size_t walker = w->offset + i;
    optimizer_init(w->desc, w->x0, w->y0,
                   w->setting->request->seed + (uint64_t)(w->point * w->count + walker), st);
    return walker;
}

/* Runs fn (given job, which starts with w) over the walkers in slices on
 * the request's threads, reporting progress between slices.  Each walker
 * writes only its own figures, so the slicing does not change them. */
void experiment_run_walkers(Setting *s, Walkers *w, double work_each, ParallelFn fn, void *job)
{
    for (w->offset = 0; w->offset < w->count && !experiment_stopped(s);
         w->offset += SLICE_WALKERS) {
        size_t n = w->count - w->offset < SLICE_WALKERS ? w->count - w->offset : SLICE_WALKERS;
        parallel_for(n, s->request->threads, fn, job);
        experiment_report(s, (double)n * work_each);
    }
}

void experiment_spread_walkers(void *context, size_t begin, size_t end)
{
    const SpreadJob *job = context;
    for (size_t i = begin; i < end; i++) {
        OptimizerState st;
        size_t walker = experiment_walker_start(&job->walkers, i, &st);
        double sum = 0.0;
        bool diverged = false;
        for (size_t k = 0; k < job->settle + job->steps && !diverged; k++) {
            diverged = optimizer_step(job->walkers.desc, job->walkers.landscape, &st) != STEP_OK;
            if (k >= job->settle) {
                double dx = st.x - job->walkers.x0, dy = st.y - job->walkers.y0;
                sum += dx * dx + dy * dy;
            }
        }
        job->means[walker] = diverged ? (double)NAN : sum / (job->per * (double)job->steps);
    }
}

bool experiment_make_sgd(const Landscape *ls, double lr, double sigma, NoiseModel model,
                         OptimizerDesc *dest, DescentError *err)
{
    char spec[160];
    snprintf(spec, sizeof spec, "sgd:lr=%.17g,noise=%.17g%s", lr, sigma,
             model == NOISE_HESSIAN ? ",noise_model=hessian" : "");
    return optimizer_parse(spec, ls, dest, err);
}

/* ------------------------------------------------------------------------ */
/* Running                                                                   */
/* ------------------------------------------------------------------------ */

/* Index for index with experiment_table. */
static const ExperimentRunner runners[] = {experiment_sde_variance, experiment_kramers,
                                           experiment_sharp_escape, experiment_label_noise,
                                           experiment_noise_scale,
                                           experiment_catapult,
                                           experiment_edge_of_stability,
                                           experiment_max_margin_rate};

_Static_assert(ARRAY_LEN(runners) == ARRAY_LEN(experiment_table),
               "every experiment needs a row in the table and a runner");

/* Index for index with experiment_table: NULL where the rows are not
 * kinds of walker. */
static const ExperimentWalkerKind walker_kinds[] = {NULL, NULL, experiment_sharp_escape_kind,
                                                    experiment_label_noise_kind, NULL, NULL,
                                                    NULL, NULL};

_Static_assert(ARRAY_LEN(walker_kinds) == ARRAY_LEN(experiment_table),
               "every experiment needs its entry in walker_kinds");

int experiment_walker_kind(const ExperimentInfo *info, const OptimizerDesc *desc)
{
    ExperimentWalkerKind kind = walker_kinds[info - experiment_table];
    return kind ? kind(desc) : -1;
}

ExperimentStatus experiment_run(const ExperimentRequest *request, ExperimentResult *dest,
                                DescentError *err)
{
    Setting s = {.request = request, .result = dest};
    *dest = (ExperimentResult){.info = request->info};
    if (!resolve_keys(request, &s, err))
        return EXPERIMENT_BAD_SETTINGS;
    dest->tolerance = experiment_key(&s, "tol") / 100.0;
    ExperimentStatus status = runners[request->info - experiment_table](&s, dest, err);
    if (status == EXPERIMENT_DONE && experiment_stopped(&s))
        return EXPERIMENT_STOPPED;
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

bool experiment_spec_parse(const char *spec, ExperimentSpec *dest, DescentError *err)
{
    if (strlen(spec) >= sizeof dest->text)
        return error_set(err, "experiment '%.40s...': too long", spec);
    memcpy(dest->text, spec, strlen(spec) + 1);
    dest->nkeys = 0;
    char *colon = strchr(dest->text, ':');
    if (colon) {
        *colon = '\0';
        for (char *key = colon + 1; key;) {
            char *comma = strchr(key, ',');
            if (comma)
                *comma = '\0';
            if (dest->nkeys == ARRAY_LEN(dest->keys))
                return error_set(err, "experiment %s: too many keys", dest->text);
            dest->keys[dest->nkeys++] = key;
            key = comma ? comma + 1 : NULL;
        }
    }
    dest->info = experiment_find(dest->text);
    if (!dest->info)
        return error_set(err, "unknown experiment '%s' (descent list experiments)", dest->text);
    return true;
}

bool experiment_spec_check(const char *spec, DescentError *err)
{
    ExperimentSpec parsed;
    if (!experiment_spec_parse(spec, &parsed, err))
        return false;
    atomic_bool stop;
    atomic_init(&stop, true);
    ExperimentRequest request = {.info = parsed.info, .keys = parsed.keys,
                                 .nkeys = parsed.nkeys, .quick = true, .threads = 1,
                                 .stop = &stop};
    ExperimentResult *result = malloc(sizeof *result);
    if (!result)
        return error_set(err, "out of memory");
    ExperimentStatus status = experiment_run(&request, result, err);
    free(result);
    if (status == EXPERIMENT_NO_MEMORY)
        return error_set(err, "out of memory");
    return status == EXPERIMENT_STOPPED;
}

/* The verdict's words: msgids of the UI's catalogs (core/msgid.h). */
#define VERDICT_POINTS N_("%s: %zu/%zu points within %g %% of theory")
#define VERDICT_BELOW N_("; %s %.4g (below %.4g)")
#define VERDICT_NOT_BELOW N_("; %s %.4g (NOT below %.4g)")
#define VERDICT_WITHIN N_("; %s %.4g vs %.4g (within %g %%)")
#define VERDICT_NOT_WITHIN N_("; %s %.4g vs %.4g (NOT within %g %%)")
#define VERDICT_FAILED N_(" — FAILED")

static const char *as_is(const char *msgid)
{
    return msgid;
}

size_t experiment_verdict(const ExperimentResult *r, ExperimentTranslate translate,
                          const char *name, char *dest, size_t size)
{
    if (!translate)
        translate = as_is;
    size_t len =
        (size_t)snprintf(dest, size, translate(VERDICT_POINTS), name ? name : r->info->name,
                         r->within, r->checked, r->tolerance * 100.0);
    const ExperimentClaim *c = &r->claim;
    char *end = dest + (len < size ? len : size ? size - 1 : 0);
    size_t left = len < size ? size - len : 0;
    if (c->what && c->below)
        len += (size_t)snprintf(end, left, translate(c->within ? VERDICT_BELOW : VERDICT_NOT_BELOW),
                                translate(c->what), c->value, c->theory);
    else if (c->what)
        len += (size_t)snprintf(end, left,
                                translate(c->within ? VERDICT_WITHIN : VERDICT_NOT_WITHIN),
                                translate(c->what), c->value, c->theory, c->tolerance * 100.0);
    end = dest + (len < size ? len : size ? size - 1 : 0);
    left = len < size ? size - len : 0;
    if (!r->passed)
        len += (size_t)snprintf(end, left, "%s", translate(VERDICT_FAILED));
    return len;
}
