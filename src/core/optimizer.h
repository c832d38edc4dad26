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
 *   newton: θ -= lr (H + damping I)^-1 ∇L (exact Hessian; two parameters
 *     only: the vector form refuses it).
 *   flow: integrates dθ/dt = -∇L with adaptive Dormand–Prince 5(4);
 *     update k ends at time (k + 1) lr.
 * Each rule is written once, for one coordinate, and runs on θ of any
 * length: the two-parameter walker (OptimizerState, x and y) and the
 * vector form below (OptimizerVec, n coordinates: a network's weights)
 * take the same steps from the same code; flow integrates n coordinates
 * too (the vector form's full-batch gradient).
 * Noise: every optimizer but flow accepts noise=σ (adds σ ξ, ξ ~ N(0, I),
 * to the gradient; with noise_model=hessian σ |H(θ)|^(1/2) ξ instead,
 * covariance σ²|H| at the current point: the shape of SGD's own noise near
 * a minimum, where its covariance is about H/B (docs/ARCHITECTURE.md §8;
 * |H|, H's eigenvalues made positive, where H is not positive
 * semi-definite), on data landscapes batch=B (the gradient of a
 * minibatch: epochs are shuffled without replacement; the last batch of an
 * epoch may be smaller; sampling=independent draws every update's batch
 * of at most OPTIMIZER_INDEPENDENT_BATCH_MAX afresh instead, the sampling
 * SGD's noise-scale analyses assume), and on
 * landscapes fitted to labels by squared
 * loss (uv, linreg) label_noise=σ (every label the update's gradient sums
 * over moves by σ ξ_i, fresh each update).  The draws of one update come
 * in that order from the walker's stream.  sgd's default is noise=1 on
 * analytic landscapes and batch=1 on data landscapes, unless a noise key
 * is given.  The vector form refuses noise_model=hessian and label_noise.
 * The schedule scales lr per update.
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

/* The covariance of noise=σ's Gaussian noise. */
typedef enum NoiseModel {
    NOISE_ISOTROPIC = 0, /* σ² I */
    NOISE_HESSIAN,       /* σ² |H(θ)| at the current point */
} NoiseModel;
#define NOISE_MODEL_CHOICES "isotropic|hessian"

/* How minibatches are drawn. */
typedef enum BatchSampling {
    BATCH_EPOCHS = 0,  /* each epoch a shuffle of the samples, cut into batches */
    BATCH_INDEPENDENT, /* every update's batch drawn afresh, without replacement within it */
} BatchSampling;
#define BATCH_SAMPLING_CHOICES "epochs|independent"
/* The largest batch sampling=independent draws. */
#define OPTIMIZER_INDEPENDENT_BATCH_MAX 256

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
    NoiseModel noise_model;  /* its covariance */
    double label_noise;      /* σ of noise on every label (uv, linreg), 0 = none */
    size_t batch;            /* minibatch size on data landscapes, 0 = full */
    BatchSampling sampling;  /* how the minibatches are drawn */
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
    const char *name;        /* the spec's name, what the command line takes */
    const char *title;       /* what the screen calls it (a msgid, core/msgid.h):
                                "SGD", "gradient flow", never the name */
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

/* Parses a spec for a vector objective with samples training samples
 * (0: none): as optimizer_parse on a data landscape of that many samples,
 * and refuses what has no meaning there (x0/y0: θ0 is the caller's;
 * newton: it would need the dense Hessian, which OptimizerObjective does
 * not offer).  data names the samples in errors ("moons:n=200"). */
bool optimizer_parse_vec(const char *spec, size_t samples, const char *data,
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

/* ---------------------------------------------------------------------
 * θ of any length: the vector form
 * ------------------------------------------------------------------- */

/* What a vector walk minimises: a loss over samples training samples
 * (0: not a sum over samples, so batch= is refused) of θ in R^dim. */
typedef struct OptimizerObjective {
    size_t dim;
    size_t samples;
    /* The mean loss of the samples idx[0 .. count - 1] (idx NULL: samples
     * 0 .. count - 1, count = samples; or the whole loss when samples is
     * 0) at θ, returned, and its gradient into grad (dim doubles). */
    double (*gradient)(void *context, const double *theta, const size_t *idx, size_t count,
                       double *grad);
    void *context;
} OptimizerObjective;

/* The parts of a vector state, each n doubles, in this order. */
typedef enum OptimizerVecPart {
    OPTVEC_THETA = 0, /* θ */
    OPTVEC_BUF,       /* momentum buffer; adam m; rmsprop momentum buffer */
    OPTVEC_SQ,        /* adam/rmsprop v; adagrad sum */
    OPTVEC_AUX,       /* amsgrad max v; rmsprop centered mean of g */
    OPTVEC_GRAD,      /* the (noisy, minibatch) gradient of the last update */
    OPTVEC_STEP,      /* the last update θ_new - θ_old */
    OPTVEC_PARTS
} OptimizerVecPart;

/* One walker on θ of length n, as OptimizerState is for two parameters.
 * Plain data in one block of optimizer_vec_size(n) bytes (no pointers):
 * memcpy it to snapshot a walker, memcpy it back to rewind. */
typedef struct OptimizerVec {
    size_t n;
    long t;             /* updates done */
    double lr_used;     /* learning rate of the last update */
    double flow_h;      /* flow: the integrator's next trial step */
    Rng rng;            /* noise stream */
    uint64_t batch_key; /* minibatch shuffling key */
    double values[];    /* OPTVEC_PARTS arrays of n doubles */
} OptimizerVec;

/* Bytes of a vector state for θ of length n. */
size_t optimizer_vec_size(size_t n);

/* One part of a state's values (n doubles). */
static inline double *optimizer_vec_part(OptimizerVec *state, OptimizerVecPart part)
{
    return state->values + (size_t)part * state->n;
}

static inline const double *optimizer_vec_view(const OptimizerVec *state, OptimizerVecPart part)
{
    return state->values + (size_t)part * state->n;
}

/* Starts a walker at θ0 (n doubles) with the given seed, in dest, a block
 * of optimizer_vec_size(n) bytes. */
void optimizer_vec_init(const OptimizerDesc *desc, size_t n, const double *theta0, uint64_t seed,
                        OptimizerVec *dest);

/* Scratch space of the vector steps (the minibatch's indices, the flow's
 * stages), made once per walker so that a step does not allocate; not to
 * be shared by two threads at once.  NULL when out of memory. */
typedef struct OptimizerWork OptimizerWork;
OptimizerWork *optimizer_work_create(const OptimizerObjective *objective);
void optimizer_work_destroy(OptimizerWork *work);

/* Performs one update of the walker on objective (whose dim is state->n),
 * with optimizer_step's results.  desc must come from optimizer_parse_vec
 * for the objective's samples.  Minibatches are drawn as on data
 * landscapes: update t uses optimizer_vec_batch(..., t, ...). */
StepResult optimizer_vec_step(const OptimizerDesc *desc, const OptimizerObjective *objective,
                              OptimizerVec *state, OptimizerWork *work);

/* The samples update t (0-based) of a walker with this batch_key draws,
 * from samples samples, into dest (room for desc->batch); returns how many
 * (0 without minibatches). */
size_t optimizer_vec_batch(const OptimizerDesc *desc, size_t samples, uint64_t batch_key, long t,
                           size_t *dest);

/* optimizer_effective_lr for every coordinate of a vector walker (dest: n
 * doubles). */
bool optimizer_vec_effective_lr(const OptimizerDesc *desc, const OptimizerVec *state,
                                double *dest);

#endif
