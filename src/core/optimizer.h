/*
 * optimizer.h — the optimizers (docs/CLI.md §3.3) with torch.optim semantics.
 *
 * An optimizer is an OptimizerDesc (the hyper-parameters, filled from a
 * spec string with defaults resolved in one place) plus an OptimizerState
 * per walker (θ, buffers, step count, its own random stream).  The caller
 * owns the loop and calls optimizer_step once per update (GSL style): the
 * window once per frame, the recorder once per frame, tests N times.
 *
 * Semantics follow torch.optim's code (float64), including where it differs
 * from its docs:
 *   gd/sgd/momentum/nesterov (torch.optim.SGD): g += wd θ; at t = 1 the
 *     momentum buffer is g (no dampening), later b = μ b + (1 - τ) g;
 *     nesterov uses g + μ b, else b; θ -= lr g.
 *   adagrad: clr = lr / (1 + (t - 1) lr_decay); sum starts at
 *     initial_accumulator_value; sum += g²; θ -= clr g / (√sum + eps).
 *   rmsprop: v starts at 0; v = α v + (1 - α) g²; centered subtracts the
 *     squared running mean of g; avg = √v + eps; with momentum
 *     b = μ b + g / avg, θ -= lr b; else θ -= lr g / avg.
 *   adam/adamw: m, v start at 0; bias corrections 1 - β^t; amsgrad keeps
 *     the max of the raw v; denom = √v / √(1 - β2^t) + eps;
 *     θ -= lr / (1 - β1^t) · m / denom.  adamw first multiplies θ by
 *     (1 - lr wd) and adds no wd to g.
 *   newton: θ -= lr (H + damping I)^-1 ∇L (exact Hessian).
 *   flow: integrates dθ/dt = -∇L with adaptive Dormand–Prince 5(4);
 *     update k ends at time (k + 1) lr.
 * Noise: every optimizer but flow accepts noise=σ (adds σ ξ, ξ ~ N(0, I),
 * to the gradient) and on data landscapes batch=B (the gradient of a
 * minibatch: epochs are shuffled without replacement; the last batch of an
 * epoch may be smaller).  sgd's default is noise=1 on analytic landscapes
 * and batch=1 on data landscapes.  The schedule scales lr per update.
 */
#ifndef DESCENT_CORE_OPTIMIZER_H
#define DESCENT_CORE_OPTIMIZER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "landscape.h"
#include "rng.h"
#include "schedule.h"
#include "spec.h"

typedef enum OptimizerKind {
    OPT_GD = 0,
    OPT_SGD,
    OPT_MOMENTUM,
    OPT_NESTEROV,
    OPT_ADAGRAD,
    OPT_RMSPROP,
    OPT_ADAM,
    OPT_ADAMW,
    OPT_NEWTON,
    OPT_FLOW,
    OPT_KIND_COUNT
} OptimizerKind;

typedef struct OptimizerDesc {
    OptimizerKind kind;
    char spec[256];          /* the spec string as given */
    double lr;
    double momentum, dampening;
    bool nesterov;
    double weight_decay;
    double lr_decay, initial_accumulator_value; /* adagrad */
    double alpha;            /* rmsprop */
    bool centered;           /* rmsprop */
    double beta1, beta2;     /* adam, adamw */
    bool amsgrad;            /* adam, adamw */
    double eps;              /* adagrad, rmsprop, adam, adamw */
    double damping;          /* newton */
    double noise;            /* σ of Gaussian gradient noise, 0 = none */
    size_t batch;            /* minibatch size on data landscapes, 0 = full */
    uint64_t seed;
    bool seed_given;         /* seed= was in the spec (else a scene may set it) */
    bool has_start;          /* x0/y0 given in the spec */
    double x0, y0;
    ScheduleDesc schedule;
} OptimizerDesc;

/* What the rest of the program may ask of a kind, so that nothing outside
 * the core lists kinds (adding a kind is adding a row to the table in
 * optimizer.c, with its traits). */
typedef struct OptimizerTraits {
    const char *momentum_key;      /* the key of its momentum-like decay, which
                                      the window's u/U moves ("momentum",
                                      "beta1"); NULL: none */
    const char *second_moment_key; /* the key of its squared-gradient average's
                                      decay, moved by y/Y ("alpha", "beta2");
                                      NULL: none */
    bool adaptive;                 /* divides each coordinate's step by its own
                                      gradient history, so 2/lr is plain GD's
                                      edge of stability, not this kind's */
    bool continuous;               /* lr is a time span, not a step (flow): no
                                      step size, no schedule, and the run is its
                                      own gradient flow */
    bool decoupled_weight_decay;   /* weight_decay shrinks θ instead of adding
                                      wd·θ to the gradient (adamw) */
} OptimizerTraits;

/* One entry per kind, for `descent list optimizers`, help and traits. */
typedef struct OptimizerInfo {
    const char *name;
    const char *summary;
    const ParamDef *params;  /* every key the kind accepts, with defaults */
    size_t nparams;
    OptimizerTraits traits;
} OptimizerInfo;

const OptimizerInfo *optimizer_kinds(size_t *count);

/* The entry of kind (which must be a valid kind). */
const OptimizerInfo *optimizer_info(OptimizerKind kind);

/* The number desc holds for a numeric key of its spec ("lr", "momentum",
 * "beta1", ...: the keys the traits name among them); NaN for a key that is
 * not a plain number of OptimizerDesc (flags, integers, and the schedule's
 * gamma and lr_min, which desc->schedule holds). */
double optimizer_number(const OptimizerDesc *desc, const char *key);

/* Parses "adam:lr=0.05,beta1=0.8" for use on landscape (which decides
 * sgd's noise/batch default and checks batch <= N; batch on an analytic
 * landscape is an error).  Errors name the bad part. */
bool optimizer_parse(const char *spec, const Landscape *landscape,
                     OptimizerDesc *dest, DescentError *err);

/* True when the walk is random (noise or minibatches). */
bool optimizer_is_noisy(const OptimizerDesc *desc);

/* The per-walker state.  Plain data: copy it to snapshot a walker. */
typedef struct OptimizerState {
    double x, y;        /* θ */
    long t;             /* updates done */
    double buf[2];      /* momentum buffer; adam m; rmsprop momentum buffer */
    double sq[2];       /* adam/rmsprop v; adagrad sum */
    double aux[2];      /* amsgrad max v; rmsprop centered mean of g */
    double grad[2];     /* the (noisy) gradient used by the last update */
    double step[2];     /* the last update θ_new - θ_old */
    double lr_used;     /* learning rate of the last update */
    double flow_h;      /* flow: the integrator's next trial step */
    Rng rng;            /* noise and minibatch stream */
    uint64_t batch_key; /* minibatch shuffling key */
} OptimizerState;

/* Starts a walker at (x0, y0) with the given seed (a swarm's particle i
 * uses desc->seed + i). */
void optimizer_init(const OptimizerDesc *desc, double x0, double y0, uint64_t seed,
                    OptimizerState *state);

typedef enum StepResult {
    STEP_OK = 0,
    STEP_DIVERGED,  /* θ or the gradient became non-finite */
    STEP_STALLED,   /* flow: the integrator could not reach the step's end */
} StepResult;

/* Performs one update.  On STEP_DIVERGED the state holds the non-finite
 * values that caused it; the caller stops stepping this walker. */
StepResult optimizer_step(const OptimizerDesc *desc, const Landscape *landscape,
                          OptimizerState *state);

/* The learning rate update k (0-based) uses, schedule included. */
double optimizer_lr_at(const OptimizerDesc *desc, long k);

/* The step each coordinate took per unit of (averaged) gradient in the last
 * update: the diagonal preconditioner.  adagrad clr/(√sum + eps), rmsprop
 * lr/(√v + eps) (centered: √(v − ḡ²)), adam/adamw lr/(√v̂ + eps) with
 * v̂ = v/(1 − β2^t) (amsgrad: its max), which multiplies m̂ = m/(1 − β1^t);
 * lr for the gd family (the same for both).  lr is the last update's,
 * schedule included.  false for newton and flow (no diagonal form) and
 * before the first update. */
bool optimizer_effective_lr(const OptimizerDesc *desc, const OptimizerState *state,
                            double dest[2]);

/* The samples of the minibatch the last update used (batch > 0 on a data
 * landscape), at most max of them into dest; returns how many (0 without
 * minibatches or before the first update). */
size_t optimizer_last_batch(const OptimizerDesc *desc, const Landscape *landscape,
                            const OptimizerState *state, uint32_t *dest, size_t max);

const char *optimizer_kind_name(OptimizerKind kind);

#endif
