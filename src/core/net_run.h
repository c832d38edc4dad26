/*
 * net_run.h — one optimizer training a network (model.h) on a dataset
 * (netdata.h): the vector form of the optimizers (optimizer.h) with the
 * network's loss as its objective, and what each update did to the
 * network, measured.
 *
 * The objective is the mean training loss: full batch, or the minibatches
 * of batch=B (epochs shuffled without replacement from the run's own
 * stream, optimizer_vec_batch), plus noise=σ.  Several runs from the same
 * θ0 (a NetRun copies it) with different optimizers are the comparisons
 * the lessons make.
 *
 * After every update (and at the start, step 0) the run records
 * NetMetrics at θ after that many updates: the full training loss and
 * accuracy, the test loss and accuracy, ‖θ‖.  Every `every` updates (and
 * at step 0; every = 0: never) it also measures, on the full training set:
 *   sharpness       λmax of the loss's Hessian, by Lanczos on exact
 *                   Hessian-vector products (spectrum.h);
 *   preconditioned_sharpness
 *                   for adam and adamw after their first update,
 *                   λmax(P⁻¹H) with Adam's preconditioner (spectrum.h),
 *                   whose stability line is (2 + 2β1)/(η(1 − β1));
 *   noise_scale     the gradient-noise scale B_simple = tr Σ / |G|²
 *                   (McCandlish et al. 2018): G the full gradient, Σ the
 *                   covariance of the per-sample gradients over the
 *                   training set.  A minibatch of B samples drawn without
 *                   replacement has E|g_B − G|² = (tr Σ / B)(N − B)/(N − 1),
 *                   so noise_scale / B compares the minibatch's noise with
 *                   its signal.
 * Quantities not measured at a step are NaN.  Regression data has NaN
 * accuracies; an empty test set (test=0) NaN test metrics.
 *
 * A run whose θ or training loss becomes non-finite stops (diverged); its
 * last metrics hold the non-finite values, as a landscape run's last point
 * does (docs/CLI.md §4).
 *
 * Memory: the run borrows the model and the data (they must outlive it)
 * and owns its state, its metrics and its scratch space.  Rewinding: the
 * optimizer state is one plain block (OptimizerVec); copy net_run_state's
 * bytes (optimizer_vec_size) to keep a moment, and net_run_rewind to go
 * back to it.
 */
#ifndef DESCENT_CORE_NET_RUN_H
#define DESCENT_CORE_NET_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "model.h"
#include "netdata.h"
#include "optimizer.h"

typedef struct NetMetrics {
    double train_loss, train_acc;
    double test_loss, test_acc;
    double norm;                      /* ‖θ‖ */
    double sharpness;                 /* NaN when not measured */
    double preconditioned_sharpness;  /* NaN when not measured or not adam/adamw */
    double noise_scale;               /* NaN when not measured */
} NetMetrics;

typedef enum NetRunStatus {
    NET_RUN_ACTIVE = 0,
    NET_RUN_DIVERGED, /* a non-finite θ or loss at the last metrics */
    NET_RUN_STALLED,  /* flow could not integrate further */
} NetRunStatus;

typedef struct NetRun {
    OptimizerDesc desc;
    const Model *model;         /* borrowed */
    const NetDataSplit *data;   /* borrowed */
    size_t every;               /* measure curvature every this many updates (0: never) */
    OptimizerObjective objective;
    OptimizerVec *state;        /* owned */
    NetRunStatus status;
    NetMetrics *metrics;        /* owned; metrics[k] after k updates, k < count */
    size_t count, capacity;
    OptimizerWork *opt_work;    /* owned scratch */
    ModelWork *work;            /* owned scratch */
    double *scratch;            /* owned: 2 nparams doubles (the noise scale's) */
} NetRun;

/* Starts a run of desc (from optimizer_parse_vec on data->train) at θ0
 * (model->nparams doubles, copied), seeded by desc->seed, and records its
 * step-0 metrics.  Errors: out of memory, or a measurement that fails
 * (spectrum.h). */
bool net_run_init(NetRun *run, const Model *model, const NetDataSplit *data,
                  const OptimizerDesc *desc, const double *theta0, size_t every,
                  DescentError *err);
void net_run_free(NetRun *run);

/* Performs up to steps updates, stopping early when the run stops, and
 * records each one's metrics.  Returns the number performed; false in
 * *ok (with err) when memory ran out or a measurement failed. */
size_t net_run_advance(NetRun *run, size_t steps, bool *ok, DescentError *err);

/* θ after the updates done (model->nparams doubles). */
static inline const double *net_run_theta(const NetRun *run)
{
    return optimizer_vec_view(run->state, OPTVEC_THETA);
}

/* The optimizer state after the updates done: copy optimizer_vec_size(n)
 * bytes of it to keep this moment. */
static inline const OptimizerVec *net_run_state(const NetRun *run)
{
    return run->state;
}

/* Goes back to a kept state of this run (one taken at an update it has
 * recorded): the state is restored and the metrics after it forgotten. */
void net_run_rewind(NetRun *run, const OptimizerVec *saved);

/* The training samples update t (0-based) used, into dest (room for
 * desc.batch); returns how many (0: full batch). */
size_t net_run_batch(const NetRun *run, long t, size_t *dest);

/* The curvature above (sharpness, and preconditioned_sharpness for adam
 * and adamw after their first update, else NaN) at a kept state of this
 * run (net_run_state's bytes, after any number of updates), without the
 * noise scale: what a caller measures on its own schedule.  It uses the
 * run's scratch space, so not while the run steps on another thread.
 * Errors as net_run_advance's measurements. */
bool net_run_curvature(const NetRun *run, const OptimizerVec *state, double *sharpness,
                       double *preconditioned, DescentError *err);

/* The same measurement a few Hessian-vector products at a time, for a
 * caller that spreads one over frames (net_run_curvature is start, steps
 * until done, free: the same numbers however the products are dealt out).
 * It keeps a copy of the state and uses the run's scratch space for its
 * products, so not while the run steps on another thread. */
typedef struct NetCurvature NetCurvature;
NetCurvature *net_curvature_start(const NetRun *run, const OptimizerVec *state,
                                  DescentError *err);
/* At most *products more products, taken off *products; once the
 * measurement is over, true in *done and its values as net_run_curvature's.
 * False (err) when memory runs out or LAPACK fails. */
bool net_curvature_step(NetCurvature *c, int *products, bool *done, double *sharpness,
                        double *preconditioned, DescentError *err);
/* The update of the state measured. */
size_t net_curvature_update(const NetCurvature *c);
void net_curvature_free(NetCurvature *c);

/* Whether desc's sharpness is the preconditioned one (adam, adamw). */
bool net_run_preconditioned(const OptimizerDesc *desc);

/* The stability line of desc's sharpness at update t (the schedule's η_t),
 * where training tends to hold it (the edge of stability; the derivations
 * are in docs/ARCHITECTURE.md §2.6):
 *   adam, adamw          (2 + 2β1)/(η(1 − β1)) for λmax(P⁻¹H) (38/η at β1 = 0.9)
 *   gd, sgd, momentum    2(1 + μ)/(η(1 − dampening)) with momentum μ (2/η at μ = 0)
 *   nesterov=1           2(1 + μ)/(η(1 + 2μ))
 *   adagrad, rmsprop     2/η, plain GD's (their own rescaling is not counted)
 *   flow                 NaN (no step size)
 * Weight decay is not counted. */
double net_run_stability_line(const OptimizerDesc *desc, long t);

#endif
