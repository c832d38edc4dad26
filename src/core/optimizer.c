/*
 * optimizer.c — the optimizers (docs/CLI.md §3.3); optimizer.h states the exact
 * torch.optim (1.13, single-tensor, float64) semantics followed here.
 */
#include "optimizer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linalg2.h"
#include "msgid.h"
#include "optimizer_rule.h"

/* ---------------------------------------------------------------------
 * Parameter tables
 * ------------------------------------------------------------------- */

#define BETA_MAX 0x1.fffffffffffffp-1 /* the largest double below 1 */

#define KEY_LR(d) {"lr", PARAM_NUMBER, d, 0, 1e9, NULL, "learning rate"}
#define KEY_MOMENTUM(d) {"momentum", PARAM_NUMBER, d, 0, 2, NULL, "momentum factor"}
#define KEY_DAMPENING {"dampening", PARAM_NUMBER, 0, 0, 1, NULL, "dampening of the momentum buffer's new gradient"}
#define KEY_NESTEROV(d) {"nesterov", PARAM_BOOL, d, 0, 1, NULL, "Nesterov momentum (needs momentum > 0, dampening 0)"}
#define KEY_WEIGHT_DECAY(d) {"weight_decay", PARAM_NUMBER, d, 0, 1e3, NULL, "L2 penalty added to the gradient"}
#define KEY_EPS(d) {"eps", PARAM_NUMBER, d, 0, 1, NULL, "term added to the denominator"}
#define KEY_BETAS \
    {"beta1", PARAM_NUMBER, 0.9, 0, BETA_MAX, NULL, "decay of the first-moment average, in [0, 1)"}, \
    {"beta2", PARAM_NUMBER, 0.999, 0, BETA_MAX, NULL, "decay of the second-moment average, in [0, 1)"}, \
    {"amsgrad", PARAM_BOOL, 0, 0, 1, NULL, "keep the maximum of the second moment"}
/* Keys every optimizer but flow accepts: noise, minibatches, a seed, a schedule. */
#define KEYS_NOISE_SCHEDULE \
    {"noise", PARAM_NUMBER, 0, 0, 1e6, NULL, "sigma of Gaussian noise added to the gradient"}, \
    {"noise_model", PARAM_CHOICE, 0, 0, 0, NOISE_MODEL_CHOICES, "the noise's covariance: isotropic sigma^2 I, or hessian sigma^2 |H(theta)| (the shape of SGD's own noise near a minimum)"}, \
    {"label_noise", PARAM_NUMBER, 0, 0, 1e6, NULL, "sigma of fresh Gaussian noise on every label, each update (uv, linreg)"}, \
    {"batch", PARAM_INTEGER, 0, 0, 1e9, NULL, "minibatch size on data landscapes (0 = full batch)"}, \
    {"sampling", PARAM_CHOICE, 0, 0, 0, BATCH_SAMPLING_CHOICES, "how minibatches are drawn: epochs (each a shuffle, cut into batches) or independent (every update's batch drawn afresh, without replacement within it)"}, \
    {"seed", PARAM_INTEGER, 0, 0, 9007199254740992.0, NULL, "seed of the noise and minibatch stream"}, \
    {"schedule", PARAM_CHOICE, 0, 0, 0, SCHEDULE_CHOICES, "learning-rate schedule"}, \
    {"warmup", PARAM_INTEGER, 0, 0, 1e9, NULL, "steps of linear warm-up from 0"}, \
    {"total", PARAM_INTEGER, 1000, 1, 1e9, NULL, "cosine/linear: steps to reach lr_min"}, \
    {"gamma", PARAM_NUMBER, 0.1, 0, 10, NULL, "step/exp decay factor (default 0.1 for step, 0.99 for exp)"}, \
    {"every", PARAM_INTEGER, 100, 1, 1e9, NULL, "step: steps between decays"}, \
    {"lr_min", PARAM_NUMBER, 0, 0, 1e9, NULL, "cosine/linear: final learning rate"}
#define KEYS_START \
    {"x0", PARAM_NUMBER, 0, -1e300, 1e300, NULL, "start x (default: the scene's start)"}, \
    {"y0", PARAM_NUMBER, 0, -1e300, 1e300, NULL, "start y (default: the scene's start)"}

static const ParamDef gd_params[] = {
    KEY_LR(0.01), KEY_MOMENTUM(0), KEY_DAMPENING, KEY_NESTEROV(0), KEY_WEIGHT_DECAY(0),
    KEYS_NOISE_SCHEDULE, KEYS_START,
};
static const ParamDef momentum_params[] = {
    KEY_LR(0.01), KEY_MOMENTUM(0.9), KEY_DAMPENING, KEY_NESTEROV(0), KEY_WEIGHT_DECAY(0),
    KEYS_NOISE_SCHEDULE, KEYS_START,
};
static const ParamDef nesterov_params[] = {
    KEY_LR(0.01), KEY_MOMENTUM(0.9), KEY_WEIGHT_DECAY(0), KEYS_NOISE_SCHEDULE, KEYS_START,
};
static const ParamDef adagrad_params[] = {
    KEY_LR(0.01),
    {"lr_decay", PARAM_NUMBER, 0, 0, 1e6, NULL, "learning-rate decay: lr / (1 + (t - 1) lr_decay)"},
    {"initial_accumulator_value", PARAM_NUMBER, 0, 0, 1e6, NULL, "starting value of the sum of squares"},
    KEY_EPS(1e-10), KEY_WEIGHT_DECAY(0), KEYS_NOISE_SCHEDULE, KEYS_START,
};
static const ParamDef rmsprop_params[] = {
    KEY_LR(0.01),
    {"alpha", PARAM_NUMBER, 0.99, 0, 1, NULL, "smoothing constant of the squared-gradient average"},
    KEY_EPS(1e-8), KEY_MOMENTUM(0),
    {"centered", PARAM_BOOL, 0, 0, 1, NULL, "normalise by the estimated variance of the gradient"},
    KEY_WEIGHT_DECAY(0), KEYS_NOISE_SCHEDULE, KEYS_START,
};
static const ParamDef adam_params[] = {
    KEY_LR(0.001), KEY_BETAS, KEY_EPS(1e-8), KEY_WEIGHT_DECAY(0), KEYS_NOISE_SCHEDULE, KEYS_START,
};
static const ParamDef adamw_params[] = {
    KEY_LR(0.001), KEY_BETAS, KEY_EPS(1e-8),
    {"weight_decay", PARAM_NUMBER, 0.01, 0, 1e3, NULL, "decoupled decay: theta *= 1 - lr weight_decay"},
    KEYS_NOISE_SCHEDULE, KEYS_START,
};
static const ParamDef newton_params[] = {
    KEY_LR(1),
    {"damping", PARAM_NUMBER, 0, 0, 1e9, NULL, "added to the Hessian's diagonal"},
    KEYS_NOISE_SCHEDULE, KEYS_START,
};
static const ParamDef flow_params[] = {
    {"lr", PARAM_NUMBER, 0.01, 0, 1e9, NULL, "time between recorded points (step k is time k lr)"},
    KEYS_START,
};

#define KIND(name, title, summary, params, ...) \
    {name, title, summary, params, sizeof params / sizeof params[0], {__VA_ARGS__}}
/* Traits: momentum key, second-moment key, adaptive, continuous,
 * decoupled weight decay (OptimizerTraits). */
static const OptimizerInfo kinds[OPT_KIND_COUNT] = {
    [OPT_GD] = KIND("gd", "GD", "gradient descent (torch SGD without noise)", gd_params,
                    "momentum", NULL, false, false, false),
    [OPT_SGD] = KIND("sgd", "SGD", "stochastic gradient descent: gd with a noisy gradient", gd_params,
                     "momentum", NULL, false, false, false),
    [OPT_MOMENTUM] = KIND("momentum", N_("momentum"), "gd with heavy-ball momentum", momentum_params,
                          "momentum", NULL, false, false, false),
    [OPT_NESTEROV] = KIND("nesterov", "Nesterov", "gd with Nesterov momentum", nesterov_params,
                          "momentum", NULL, false, false, false),
    [OPT_ADAGRAD] = KIND("adagrad", "AdaGrad", "AdaGrad: per-coordinate steps from the sum of squared gradients", adagrad_params,
                         NULL, NULL, true, false, false),
    [OPT_RMSPROP] = KIND("rmsprop", "RMSProp", "RMSProp: per-coordinate steps from a running mean of squared gradients", rmsprop_params,
                         "momentum", "alpha", true, false, false),
    [OPT_ADAM] = KIND("adam", "Adam", "Adam with bias correction", adam_params,
                      "beta1", "beta2", true, false, false),
    [OPT_ADAMW] = KIND("adamw", "AdamW", "Adam with decoupled weight decay", adamw_params,
                       "beta1", "beta2", true, false, true),
    [OPT_NEWTON] = KIND("newton", N_("Newton's method"), "damped Newton: theta -= lr (H + damping I)^-1 grad", newton_params,
                        NULL, NULL, false, false, false),
    [OPT_FLOW] = KIND("flow", N_("gradient flow"), "gradient flow d theta/dt = -grad, adaptive Runge-Kutta", flow_params,
                      NULL, NULL, false, true, false),
};

const OptimizerInfo *optimizer_kinds(size_t *count)
{
    *count = OPT_KIND_COUNT;
    return kinds;
}

const OptimizerInfo *optimizer_info(OptimizerKind kind)
{
    return &kinds[kind];
}

/* The keys whose value OptimizerDesc holds as a plain double: parsed into
 * these fields and read back by optimizer_number. */
static const struct {
    const char *key;
    size_t offset;
} number_fields[] = {
    {"lr", offsetof(OptimizerDesc, lr)},
    {"momentum", offsetof(OptimizerDesc, momentum)},
    {"dampening", offsetof(OptimizerDesc, dampening)},
    {"weight_decay", offsetof(OptimizerDesc, weight_decay)},
    {"lr_decay", offsetof(OptimizerDesc, lr_decay)},
    {"initial_accumulator_value", offsetof(OptimizerDesc, initial_accumulator_value)},
    {"alpha", offsetof(OptimizerDesc, alpha)},
    {"beta1", offsetof(OptimizerDesc, beta1)},
    {"beta2", offsetof(OptimizerDesc, beta2)},
    {"eps", offsetof(OptimizerDesc, eps)},
    {"damping", offsetof(OptimizerDesc, damping)},
    {"noise", offsetof(OptimizerDesc, noise)},
    {"label_noise", offsetof(OptimizerDesc, label_noise)},
    {"x0", offsetof(OptimizerDesc, x0)},
    {"y0", offsetof(OptimizerDesc, y0)},
};

#define NUMBER_FIELD_COUNT (sizeof number_fields / sizeof number_fields[0])

double optimizer_number(const OptimizerDesc *desc, const char *key)
{
    for (size_t i = 0; i < NUMBER_FIELD_COUNT; i++)
        if (strcmp(number_fields[i].key, key) == 0) {
            double value;
            memcpy(&value, (const char *)desc + number_fields[i].offset, sizeof value);
            return value;
        }
    return (double)NAN;
}

const char *optimizer_kind_name(OptimizerKind kind)
{
    return (unsigned)kind < OPT_KIND_COUNT ? kinds[kind].name : "?";
}

/* ---------------------------------------------------------------------
 * Parsing: every default is resolved here
 * ------------------------------------------------------------------- */

typedef struct Resolved {
    const OptimizerInfo *info;
    ParamValue values[48];
} Resolved;

/* The value of key, or fallback when this kind has no such key. */
static double value_or(const Resolved *r, const char *key, double fallback)
{
    const ParamDef *def = param_find(r->info->params, r->info->nparams, key);
    return def ? r->values[def - r->info->params].number : fallback;
}

static bool given(const Resolved *r, const char *key)
{
    const ParamDef *def = param_find(r->info->params, r->info->nparams, key);
    return def && r->values[def - r->info->params].given;
}

/* Parses text for walks on n samples (0: an analytic landscape), which
 * data names in errors. */
static bool parse_for_samples(const char *text, size_t n, const char *data, OptimizerDesc *dest,
                              DescentError *err)
{
    Spec spec;
    if (!spec_parse(text, true, &spec, err))
        return false;
    memset(dest, 0, sizeof *dest);
    if (strlen(text) >= sizeof dest->spec)
        return error_set(err, "optimizer spec too long: '%.40s...'", text);
    strcpy(dest->spec, text);

    Resolved r = {0};
    for (int k = 0; k < OPT_KIND_COUNT; k++)
        if (strcmp(spec.name, kinds[k].name) == 0) {
            r.info = &kinds[k];
            dest->kind = (OptimizerKind)k;
        }
    if (!r.info) {
        char names[256] = "";
        for (int k = 0; k < OPT_KIND_COUNT; k++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", k ? ", " : "",
                     kinds[k].name);
        return error_set(err, "unknown optimizer '%s' (optimizers: %s)", spec.name, names);
    }
    char what[64];
    snprintf(what, sizeof what, SPEC_WHAT_OPTIMIZER, spec.name);
    if (!spec_resolve(&spec, what, r.info->params, r.info->nparams, r.values, err))
        return false;

    for (size_t i = 0; i < NUMBER_FIELD_COUNT; i++) {
        double value = value_or(&r, number_fields[i].key, 0);
        memcpy((char *)dest + number_fields[i].offset, &value, sizeof value);
    }
    dest->nesterov = dest->kind == OPT_NESTEROV || value_or(&r, "nesterov", 0) != 0;
    dest->centered = value_or(&r, "centered", 0) != 0;
    dest->amsgrad = value_or(&r, "amsgrad", 0) != 0;
    dest->noise_model = (NoiseModel)value_or(&r, "noise_model", NOISE_ISOTROPIC);
    dest->batch = (size_t)value_or(&r, "batch", 0);
    dest->sampling = (BatchSampling)value_or(&r, "sampling", BATCH_EPOCHS);
    dest->seed = (uint64_t)value_or(&r, "seed", 0);
    dest->seed_given = given(&r, "seed");
    dest->has_start = given(&r, "x0") || given(&r, "y0");
    if (dest->has_start && !(given(&r, "x0") && given(&r, "y0")))
        return error_set(err, "%s: give both x0 and y0, or neither", what);

    ScheduleDesc *s = &dest->schedule;
    s->kind = (ScheduleKind)value_or(&r, "schedule", SCHEDULE_CONSTANT);
    s->warmup = (long)value_or(&r, "warmup", 0);
    s->total = (long)value_or(&r, "total", 1000);
    s->every = (long)value_or(&r, "every", 100);
    s->gamma = given(&r, "gamma") || s->kind != SCHEDULE_EXP ? value_or(&r, "gamma", 0.1) : 0.99;
    s->lr_min = value_or(&r, "lr_min", 0);

    if (dest->nesterov && (dest->momentum <= 0 || dest->dampening != 0))
        return error_set(err, "%s: Nesterov momentum needs momentum > 0 and dampening = 0", what);

    if (dest->batch > 0 && n == 0)
        return error_set(err, "%s: batch=%zu needs a data landscape (linreg, logreg), not '%s'",
                         what, dest->batch, data);
    if (dest->batch > n)
        return error_set(err, "%s: batch=%zu is larger than the dataset (%zu samples)", what,
                         dest->batch, n);
    if (dest->sampling == BATCH_INDEPENDENT &&
        (dest->batch == 0 || dest->batch > OPTIMIZER_INDEPENDENT_BATCH_MAX))
        return error_set(err, "%s: sampling=independent needs batch=B, 1 to %d", what,
                         OPTIMIZER_INDEPENDENT_BATCH_MAX);
    if (dest->kind == OPT_SGD && !given(&r, "noise") && !given(&r, "batch") &&
        !given(&r, "label_noise")) {
        if (n > 0)
            dest->batch = 1;
        else
            dest->noise = 1;
    }
    return true;
}

bool optimizer_parse(const char *text, const Landscape *landscape, OptimizerDesc *dest,
                     DescentError *err)
{
    if (!parse_for_samples(text, landscape ? landscape_sample_count(landscape) : 0,
                           landscape ? landscape_spec(landscape) : "none", dest, err))
        return false;
    if (dest->label_noise > 0 && landscape && landscape_label_count(landscape) == 0)
        return error_set(err, "optimizer '%s': label_noise needs a landscape fitted to labels by "
                              "squared loss (uv, linreg), not '%s'",
                         optimizer_kind_name(dest->kind), landscape_spec(landscape));
    return true;
}

bool optimizer_parse_vec(const char *text, size_t samples, const char *data, OptimizerDesc *dest,
                         DescentError *err)
{
    if (!parse_for_samples(text, samples, data, dest, err))
        return false;
    const char *name = optimizer_kind_name(dest->kind);
    if (dest->kind == OPT_NEWTON)
        return error_set(err, "optimizer 'newton' needs the exact 2x2 Hessian: two-parameter "
                              "landscapes only, not a network");
    if (dest->has_start)
        return error_set(err, "optimizer '%s': x0/y0 start a two-parameter walk; a network "
                              "starts at its initialisation", name);
    if (dest->noise_model == NOISE_HESSIAN || dest->label_noise > 0)
        return error_set(err, "optimizer '%s': %s needs a two-parameter landscape (the exact "
                              "2x2 Hessian, the labels of uv or linreg), not a network", name,
                         dest->label_noise > 0 ? "label_noise" : "noise_model=hessian");
    return true;
}

bool optimizer_is_noisy(const OptimizerDesc *desc)
{
    return desc->noise > 0 || desc->batch > 0 || desc->label_noise > 0;
}

double optimizer_lr_at(const OptimizerDesc *desc, long k)
{
    return schedule_lr(&desc->schedule, desc->lr, k);
}

/* The key of a walker's minibatch shuffles, from its seed. */
static uint64_t batch_key_of(uint64_t seed)
{
    return rng_mix(seed, 0x6261746368ull /* "batch" */);
}

void optimizer_init(const OptimizerDesc *desc, double x0, double y0, uint64_t seed,
                    OptimizerState *state)
{
    memset(state, 0, sizeof *state);
    state->x = x0;
    state->y = y0;
    state->sq[0] = state->sq[1] =
        desc->kind == OPT_ADAGRAD ? desc->initial_accumulator_value : 0.0;
    state->flow_h = desc->lr;
    rng_seed(&state->rng, seed);
    state->batch_key = batch_key_of(seed);
}

/* ---------------------------------------------------------------------
 * Gradients: exact, minibatch, noisy
 * ------------------------------------------------------------------- */

/* Update t's minibatch: `count` samples, sample j of them batch_sample's.
 * Epochs are permutations of the samples keyed by (batch_key, epoch), cut
 * into consecutive batches: positions first .. first + count − 1 of
 * permutation key.  Independent batches are drawn afresh for every update
 * by Floyd's algorithm (a uniformly random subset: the Feistel permutation
 * that shuffles epochs is not uniform over subsets of small sets; at n = 10
 * its first 3 places held one sample 5 % too often), from a stream keyed
 * by (batch_key, t). */
typedef struct BatchDraw {
    size_t count, first;
    uint64_t key;
    bool independent;
    uint32_t drawn[OPTIMIZER_INDEPENDENT_BATCH_MAX];
} BatchDraw;

static void batch_draw(const OptimizerDesc *desc, size_t n, uint64_t batch_key, long t,
                       BatchDraw *dest)
{
    dest->independent = desc->sampling == BATCH_INDEPENDENT;
    if (dest->independent) {
        Rng rng;
        rng_seed(&rng, rng_mix(batch_key, (uint64_t)t));
        dest->count = 0;
        dest->first = 0;
        for (size_t j = n - desc->batch; j < n; j++) {
            uint32_t pick = (uint32_t)(rng_uniform(&rng) * (double)(j + 1)), taken = 0;
            for (size_t k = 0; k < dest->count; k++)
                taken |= dest->drawn[k] == pick;
            dest->drawn[dest->count++] = taken ? (uint32_t)j : pick;
        }
        return;
    }
    size_t per_epoch = (n + desc->batch - 1) / desc->batch;
    uint64_t epoch = (uint64_t)t / per_epoch;
    dest->first = (size_t)((uint64_t)t % per_epoch) * desc->batch;
    dest->count = (dest->first + desc->batch < n ? dest->first + desc->batch : n) - dest->first;
    dest->key = rng_mix(batch_key, epoch);
}

static uint32_t batch_sample(const BatchDraw *draw, size_t n, size_t j)
{
    return draw->independent ? draw->drawn[j]
                             : rng_permute(draw->key, (uint32_t)n, (uint32_t)(draw->first + j));
}

/* Gradient of the minibatch used by update s->t. */
static void minibatch_grad(const OptimizerDesc *desc, const Landscape *landscape,
                           const OptimizerState *s, double grad[2])
{
    size_t n = landscape_sample_count(landscape);
    BatchDraw draw;
    batch_draw(desc, n, s->batch_key, s->t, &draw);

    uint32_t idx[256];
    grad[0] = grad[1] = 0.0;
    for (size_t start = 0; start < draw.count; start += 256) {
        size_t count = draw.count - start < 256 ? draw.count - start : 256;
        for (size_t i = 0; i < count; i++)
            idx[i] = batch_sample(&draw, n, start + i);
        double g[2];
        landscape_batch_grad(landscape, s->x, s->y, idx, count, g);
        double w = (double)count / (double)draw.count;
        grad[0] += w * g[0];
        grad[1] += w * g[1];
    }
}

size_t optimizer_last_batch(const OptimizerDesc *desc, const Landscape *landscape,
                            const OptimizerState *state, uint32_t *dest, size_t max)
{
    size_t n = landscape_sample_count(landscape);
    if (desc->batch == 0 || desc->kind == OPT_FLOW || state->t < 1 || n == 0)
        return 0;
    BatchDraw draw;
    batch_draw(desc, n, state->batch_key, state->t - 1, &draw);
    size_t count = 0;
    for (size_t j = 0; j < draw.count && count < max; j++)
        dest[count++] = batch_sample(&draw, n, j);
    return count;
}

/* |H|^(1/2) of the symmetric H = {xx, xy, yy} into dest, where |H| has
 * H's eigenvectors and the absolute values of its eigenvalues.  With
 * eigenvalues λ± = m ± r: when det H >= 0 both have tr H's sign, so
 * |H| = ±H; else |H| = (tr H·H − 2 det H·I)/(2r) (λ+P+ − λ−P−, the
 * projectors P± = ±(H − λ∓I)/(2r)).  Then for M ⪰ 0 with s = √det M,
 * √M = (M + sI)/√(tr M + 2s) (its square is M by Cayley–Hamilton). */
static void sym2_abs_sqrt(const double h[3], double dest[3])
{
    double det = h[0] * h[2] - h[1] * h[1], tr = h[0] + h[2], m[3];
    if (det >= 0) {
        double sign = tr >= 0 ? 1.0 : -1.0;
        m[0] = sign * h[0];
        m[1] = sign * h[1];
        m[2] = sign * h[2];
    } else {
        double two_r = 2.0 * hypot(0.5 * (h[0] - h[2]), h[1]);
        m[0] = (tr * h[0] - 2.0 * det) / two_r;
        m[1] = tr * h[1] / two_r;
        m[2] = (tr * h[2] - 2.0 * det) / two_r;
    }
    double s = sqrt(fmax(0.0, m[0] * m[2] - m[1] * m[1]));
    double t = sqrt(m[0] + m[2] + 2.0 * s);
    dest[0] = t > 0 ? (m[0] + s) / t : 0.0;
    dest[1] = t > 0 ? m[1] / t : 0.0;
    dest[2] = t > 0 ? (m[2] + s) / t : 0.0;
}

/* Label noise: every label the update's gradient sums over (its minibatch,
 * or all of them) moves by σ_label ξ_i, fresh each update, which moves
 * the mean gradient by −(σ_label/n) Σ ξ_i ∇θ f_i (landscape.h). */
static void add_label_noise(const OptimizerDesc *desc, const Landscape *landscape,
                            OptimizerState *s, double grad[2])
{
    size_t n = landscape_label_count(landscape), count = n;
    BatchDraw draw;
    if (desc->batch > 0) {
        batch_draw(desc, n, s->batch_key, s->t, &draw);
        count = draw.count;
    }
    double scale = desc->label_noise / (double)count;
    for (size_t i = 0; i < count; i++) {
        size_t label = desc->batch > 0 ? batch_sample(&draw, n, i) : i;
        double g[2], xi = rng_normal(&s->rng);
        landscape_output_grad(landscape, s->x, s->y, label, g);
        grad[0] -= scale * xi * g[0];
        grad[1] -= scale * xi * g[1];
    }
}

/* The gradient an update sees: exact or minibatch, plus Gaussian noise
 * (σξ, or σ|H|^(1/2)ξ with noise_model=hessian: covariance σ²I or σ²|H|),
 * plus label noise. */
static void noisy_grad(const OptimizerDesc *desc, const Landscape *landscape,
                       OptimizerState *s, double grad[2])
{
    if (desc->batch > 0)
        minibatch_grad(desc, landscape, s, grad);
    else
        landscape_value_grad(landscape, s->x, s->y, grad);
    if (desc->noise > 0) {
        double xi[2];
        rng_normal2(&s->rng, xi);
        if (desc->noise_model == NOISE_HESSIAN) {
            LandscapeEval e;
            double root[3];
            landscape_eval(landscape, s->x, s->y, &e);
            sym2_abs_sqrt(e.hess, root);
            double x0 = xi[0];
            xi[0] = root[0] * x0 + root[1] * xi[1];
            xi[1] = root[1] * x0 + root[2] * xi[1];
        }
        grad[0] += desc->noise * xi[0];
        grad[1] += desc->noise * xi[1];
    }
    if (desc->label_noise > 0)
        add_label_noise(desc, landscape, s, grad);
}

/* The step per unit of (averaged) gradient of one coordinate in the last
 * update (optimizer_effective_lr). */
static double effective_lr_coord(const OptimizerDesc *d, long t, double lr_used, double sq,
                                 double aux)
{
    switch (d->kind) {
    case OPT_ADAGRAD:
        return adagrad_lr(d, lr_used, t) / adagrad_denom(d, sq);
    case OPT_RMSPROP:
        return lr_used / rmsprop_denom(d, sq, aux);
    case OPT_ADAM:
    case OPT_ADAMW:
        return lr_used / adam_denom(d, sq, aux, sqrt(1 - pow(d->beta2, (double)t)));
    default:
        return lr_used;
    }
}

static void newton_update(const OptimizerDesc *d, const Landscape *landscape,
                          const OptimizerState *s, double lr, const double g[2], double step[2])
{
    LandscapeEval e;
    landscape_eval(landscape, s->x, s->y, &e);
    sym2_solve(e.hess[0] + d->damping, e.hess[1], e.hess[2] + d->damping, g, step);
    step[0] *= -lr;
    step[1] *= -lr;
}

/* ---------------------------------------------------------------------
 * Gradient flow: Dormand–Prince 5(4) with step-size control, any dimension
 * ------------------------------------------------------------------- */

#define FLOW_RTOL 1e-11
#define FLOW_ATOL 1e-13
/* Work one update may take before it gives up as stalled: at 200000 a flow
 * at lr 1e6 resting in a stiff minimum spent 0.6 s per update on logreg,
 * and a window stepping it froze. */
#define FLOW_MAX_SUBSTEPS 20000
/* Scratch doubles per coordinate: y, k1, out, k_out, k2..k6 and a stage point. */
#define FLOW_SCRATCH 11

/* The gradient the flow follows: the landscape's or the objective's. */
typedef struct FlowField {
    void (*gradient)(const void *context, const double *theta, double *dest);
    const void *context;
} FlowField;

static void flow_rhs(const FlowField *field, size_t n, const double *y, double *dest)
{
    field->gradient(field->context, y, dest);
    for (size_t i = 0; i < n; i++)
        dest[i] = -dest[i];
}

static bool all_finite(const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i]))
            return false;
    return true;
}

/* One Dormand–Prince step of size h from y (with derivative k1 at y):
 * writes the 5th-order result to out, its derivative to k_out (FSAL), and
 * returns the scaled error norm (<= 1 means accept).  stages: 6n doubles. */
static double dopri_step(const FlowField *field, size_t n, const double *y, const double *k1,
                         double h, double *out, double *k_out, double *stages)
{
    static const double a21 = 1.0 / 5, a31 = 3.0 / 40, a32 = 9.0 / 40, a41 = 44.0 / 45,
                        a42 = -56.0 / 15, a43 = 32.0 / 9, a51 = 19372.0 / 6561,
                        a52 = -25360.0 / 2187, a53 = 64448.0 / 6561, a54 = -212.0 / 729,
                        a61 = 9017.0 / 3168, a62 = -355.0 / 33, a63 = 46732.0 / 5247,
                        a64 = 49.0 / 176, a65 = -5103.0 / 18656, b1 = 35.0 / 384,
                        b3 = 500.0 / 1113, b4 = 125.0 / 192, b5 = -2187.0 / 6784, b6 = 11.0 / 84,
                        e1 = 71.0 / 57600, e3 = -71.0 / 16695, e4 = 71.0 / 1920,
                        e5 = -17253.0 / 339200, e6 = 22.0 / 525, e7 = -1.0 / 40;
    double *k2 = stages, *k3 = k2 + n, *k4 = k3 + n, *k5 = k4 + n, *k6 = k5 + n, *t = k6 + n;
    for (size_t i = 0; i < n; i++)
        t[i] = y[i] + h * a21 * k1[i];
    flow_rhs(field, n, t, k2);
    for (size_t i = 0; i < n; i++)
        t[i] = y[i] + h * (a31 * k1[i] + a32 * k2[i]);
    flow_rhs(field, n, t, k3);
    for (size_t i = 0; i < n; i++)
        t[i] = y[i] + h * (a41 * k1[i] + a42 * k2[i] + a43 * k3[i]);
    flow_rhs(field, n, t, k4);
    for (size_t i = 0; i < n; i++)
        t[i] = y[i] + h * (a51 * k1[i] + a52 * k2[i] + a53 * k3[i] + a54 * k4[i]);
    flow_rhs(field, n, t, k5);
    for (size_t i = 0; i < n; i++)
        t[i] = y[i] + h * (a61 * k1[i] + a62 * k2[i] + a63 * k3[i] + a64 * k4[i] + a65 * k5[i]);
    flow_rhs(field, n, t, k6);
    for (size_t i = 0; i < n; i++)
        out[i] = y[i] + h * (b1 * k1[i] + b3 * k3[i] + b4 * k4[i] + b5 * k5[i] + b6 * k6[i]);
    flow_rhs(field, n, out, k_out);
    double norm = 0.0;
    for (size_t i = 0; i < n; i++) {
        double e = h * (e1 * k1[i] + e3 * k3[i] + e4 * k4[i] + e5 * k5[i] + e6 * k6[i] +
                        e7 * k_out[i]);
        double scale = FLOW_ATOL + FLOW_RTOL * fmax(fabs(y[i]), fabs(out[i]));
        norm += (e / scale) * (e / scale);
    }
    return sqrt(norm / (double)n);
}

/* Integrates θ (n coordinates) over time lr; writes the gradient at the
 * start and the step, and keeps the controller's step size in *flow_h.
 * scratch: FLOW_SCRATCH n doubles. */
static StepResult flow_advance(const OptimizerDesc *d, const FlowField *field, size_t n,
                               double *theta, double *grad, double *step, double *flow_h,
                               double *scratch)
{
    double *y = scratch, *k1 = y + n, *out = k1 + n, *k_out = out + n, *stages = k_out + n;
    memcpy(y, theta, n * sizeof *y);
    flow_rhs(field, n, y, k1);
    for (size_t i = 0; i < n; i++)
        grad[i] = -k1[i];
    double remaining = d->lr;
    double h = fmin(*flow_h > 0 ? *flow_h : d->lr, d->lr);
    for (int substeps = 0; remaining > 0; substeps++) {
        if (substeps == FLOW_MAX_SUBSTEPS || !all_finite(y, n))
            break;
        double trial = fmin(h, remaining);
        double error = dopri_step(field, n, y, k1, trial, out, k_out, stages);
        if (!isfinite(error)) {
            if (!all_finite(out, n) || trial < 1e-300) {
                memcpy(y, out, n * sizeof *y);
                break;
            }
            h = trial * 0.1;
            continue;
        }
        double factor = error > 0 ? 0.9 * pow(error, -0.2) : 5.0;
        factor = fmin(5.0, fmax(0.2, factor));
        if (error <= 1.0) {
            memcpy(y, out, n * sizeof *y);
            memcpy(k1, k_out, n * sizeof *k1);
            remaining = trial < remaining ? remaining - trial : 0.0;
            /* Remember the controller's size, not the last clipped one. */
            if (trial == h)
                *flow_h = h * factor;
            h *= factor;
        } else {
            h = trial * factor;
        }
    }
    for (size_t i = 0; i < n; i++) {
        step[i] = y[i] - theta[i];
        theta[i] = y[i];
    }
    if (!all_finite(theta, n))
        return STEP_DIVERGED;
    return remaining > 0 ? STEP_STALLED : STEP_OK;
}

/* ---------------------------------------------------------------------
 * Two parameters
 * ------------------------------------------------------------------- */

static void landscape_gradient(const void *context, const double *theta, double *dest)
{
    landscape_value_grad(context, theta[0], theta[1], dest);
}

static StepResult flow_step(const OptimizerDesc *d, const Landscape *landscape, OptimizerState *s)
{
    FlowField field = {landscape_gradient, landscape};
    double theta[2] = {s->x, s->y}, scratch[FLOW_SCRATCH * 2];
    StepResult result = flow_advance(d, &field, 2, theta, s->grad, s->step, &s->flow_h, scratch);
    s->x = theta[0];
    s->y = theta[1];
    s->lr_used = d->lr;
    s->t++;
    return result;
}

StepResult optimizer_step(const OptimizerDesc *d, const Landscape *landscape, OptimizerState *s)
{
    if (d->kind == OPT_FLOW)
        return flow_step(d, landscape, s);

    double lr = optimizer_lr_at(d, s->t);
    double x0 = s->x, y0 = s->y;
    double g[2];
    noisy_grad(d, landscape, s, g);
    s->grad[0] = g[0];
    s->grad[1] = g[1];
    s->t++;
    s->lr_used = lr;

    double theta[2] = {x0, y0};
    rule_decay(d, lr, 2, theta, g);
    if (d->kind == OPT_NEWTON) {
        double step[2];
        newton_update(d, landscape, s, lr, g, step);
        theta[0] += step[0];
        theta[1] += step[1];
    } else {
        rule_apply(d, s->t, lr, 2, theta, g, s->buf, s->sq, s->aux);
    }
    s->x = theta[0];
    s->y = theta[1];
    /* For adamw the decay is part of the move, so measure it whole. */
    s->step[0] = s->x - x0;
    s->step[1] = s->y - y0;
    return isfinite(s->x) && isfinite(s->y) ? STEP_OK : STEP_DIVERGED;
}

bool optimizer_effective_lr(const OptimizerDesc *d, const OptimizerState *s, double dest[2])
{
    if (s->t < 1 || d->kind == OPT_NEWTON || d->kind == OPT_FLOW)
        return false;
    for (int i = 0; i < 2; i++)
        dest[i] = effective_lr_coord(d, s->t, s->lr_used, s->sq[i], s->aux[i]);
    return true;
}

/* ---------------------------------------------------------------------
 * θ of any length
 * ------------------------------------------------------------------- */

struct OptimizerWork {
    size_t *idx;     /* a minibatch's samples (room for all of them) */
    double *scratch; /* the decayed gradient; flow's stages (FLOW_SCRATCH n) */
};

size_t optimizer_vec_size(size_t n)
{
    return sizeof(OptimizerVec) + (size_t)OPTVEC_PARTS * n * sizeof(double);
}

void optimizer_vec_init(const OptimizerDesc *desc, size_t n, const double *theta0, uint64_t seed,
                        OptimizerVec *dest)
{
    memset(dest, 0, optimizer_vec_size(n));
    dest->n = n;
    memcpy(optimizer_vec_part(dest, OPTVEC_THETA), theta0, n * sizeof *theta0);
    double *sq = optimizer_vec_part(dest, OPTVEC_SQ);
    for (size_t i = 0; i < n; i++)
        sq[i] = desc->kind == OPT_ADAGRAD ? desc->initial_accumulator_value : 0.0;
    dest->flow_h = desc->lr;
    rng_seed(&dest->rng, seed);
    dest->batch_key = batch_key_of(seed);
}

OptimizerWork *optimizer_work_create(const OptimizerObjective *objective)
{
    OptimizerWork *work = calloc(1, sizeof *work);
    if (!work)
        return NULL;
    work->idx = malloc((objective->samples ? objective->samples : 1) * sizeof *work->idx);
    work->scratch = malloc(FLOW_SCRATCH * (objective->dim ? objective->dim : 1) *
                           sizeof *work->scratch);
    if (!work->idx || !work->scratch) {
        optimizer_work_destroy(work);
        return NULL;
    }
    return work;
}

void optimizer_work_destroy(OptimizerWork *work)
{
    if (!work)
        return;
    free(work->idx);
    free(work->scratch);
    free(work);
}

size_t optimizer_vec_batch(const OptimizerDesc *desc, size_t samples, uint64_t batch_key, long t,
                           size_t *dest)
{
    if (desc->batch == 0 || desc->kind == OPT_FLOW || samples == 0)
        return 0;
    BatchDraw draw;
    batch_draw(desc, samples, batch_key, t, &draw);
    for (size_t j = 0; j < draw.count; j++)
        dest[j] = batch_sample(&draw, samples, j);
    return draw.count;
}

/* The objective's full gradient, as a flow field. */
static void objective_gradient(const void *context, const double *theta, double *dest)
{
    const OptimizerObjective *objective = context;
    objective->gradient(objective->context, theta, NULL, objective->samples, dest);
}

StepResult optimizer_vec_step(const OptimizerDesc *d, const OptimizerObjective *objective,
                              OptimizerVec *s, OptimizerWork *work)
{
    size_t n = s->n;
    double *theta = optimizer_vec_part(s, OPTVEC_THETA);
    double *grad = optimizer_vec_part(s, OPTVEC_GRAD), *step = optimizer_vec_part(s, OPTVEC_STEP);
    if (d->kind == OPT_FLOW) {
        FlowField field = {objective_gradient, objective};
        StepResult result =
            flow_advance(d, &field, n, theta, grad, step, &s->flow_h, work->scratch);
        s->lr_used = d->lr;
        s->t++;
        return result;
    }

    double lr = optimizer_lr_at(d, s->t);
    size_t count = optimizer_vec_batch(d, objective->samples, s->batch_key, s->t, work->idx);
    objective->gradient(objective->context, theta, count ? work->idx : NULL,
                        count ? count : objective->samples, grad);
    if (d->noise > 0)
        for (size_t i = 0; i < n; i++)
            grad[i] += d->noise * rng_normal(&s->rng);
    s->t++;
    s->lr_used = lr;

    double *g = work->scratch;
    memcpy(g, grad, n * sizeof *g);
    memcpy(step, theta, n * sizeof *step);
    rule_decay(d, lr, n, theta, g);
    rule_apply(d, s->t, lr, n, theta, g, optimizer_vec_part(s, OPTVEC_BUF),
               optimizer_vec_part(s, OPTVEC_SQ), optimizer_vec_part(s, OPTVEC_AUX));
    for (size_t i = 0; i < n; i++)
        step[i] = theta[i] - step[i];
    return all_finite(theta, n) ? STEP_OK : STEP_DIVERGED;
}

bool optimizer_vec_effective_lr(const OptimizerDesc *d, const OptimizerVec *s, double *dest)
{
    if (s->t < 1 || d->kind == OPT_NEWTON || d->kind == OPT_FLOW)
        return false;
    const double *sq = optimizer_vec_view(s, OPTVEC_SQ), *aux = optimizer_vec_view(s, OPTVEC_AUX);
    for (size_t i = 0; i < s->n; i++)
        dest[i] = effective_lr_coord(d, s->t, s->lr_used, sq[i], aux[i]);
    return true;
}
