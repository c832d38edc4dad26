/*
 * ensemble.h — K networks trained together from different seeds: the
 * essay's "many equally good solutions".  Member k (0 .. K − 1) is a
 * NetRun (net_run.h) of one optimizer from its own θ0, model_init's from
 * an Rng seeded by first_seed + k, with the optimizer's seed desc->seed + k
 * (so noisy members draw their own minibatches and noise too); member k
 * is therefore bit for bit the single run of those two seeds
 * (tests/test_ensemble.c).
 *
 * Going back.  Every ENSEMBLE_CHECKPOINT_EVERY updates each member keeps
 * a copy of its optimizer state; ensemble_seek to an update before the
 * members' rewinds each to the last copy at or before it and steps on (the
 * core is deterministic, so the result is the same doubles), at most
 * ENSEMBLE_CHECKPOINT_EVERY − 1 updates per member.  The copies cost
 * K·(updates / ENSEMBLE_CHECKPOINT_EVERY)·optimizer_vec_size(nparams)
 * bytes: for 64 members of a 2-16-16-2 network (354 parameters) over
 * 10 000 updates, about 70 MB.
 *
 * Distances: over the pairs i < j, ‖θi − θj‖ (mean, least, largest),
 * beside the members' mean ‖θ‖: two solutions as far apart as the
 * solutions are from 0 are different networks, not one found K times.
 *
 * The line between two: the training loss on the straight line from member
 * 0's θ to member 1's (slice_line's), the barrier a picture of two separate
 * minima shows.  It and the distances are computed when first asked for
 * after the members last moved and kept until they move again
 * (ensemble_step, ensemble_seek), so a paused window's frames pay nothing
 * for them.
 *
 * Memory: the ensemble borrows the model and the data (they must outlive
 * it) and owns its members, their copies and its scratch.  Errors (one
 * line): K out of 1 .. ENSEMBLE_MAX, out of memory, a member's start
 * (net_run_init's).
 */
#ifndef DESCENT_CORE_ENSEMBLE_H
#define DESCENT_CORE_ENSEMBLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "model.h"
#include "net_run.h"
#include "netdata.h"
#include "optimizer.h"

#define ENSEMBLE_MAX 64
#define ENSEMBLE_CHECKPOINT_EVERY 100
#define ENSEMBLE_THREADS 2      /* the machines this is taught on have few cores */
#define ENSEMBLE_LINE_POINTS 21 /* ensemble_line's evenly spaced points, both ends included */

typedef struct EnsembleMember EnsembleMember;
typedef struct EnsembleKept EnsembleKept;

typedef struct Ensemble {
    const Model *model;         /* borrowed */
    const NetDataSplit *data;   /* borrowed */
    size_t count;               /* K */
    uint64_t first_seed;
    EnsembleMember *members;    /* owned, K */
    ModelWork *work;            /* owned: ensemble_predict's scratch */
    EnsembleKept *kept;         /* owned: the line's and distances' last answers */
} Ensemble;

/* Starts K members of desc (optimizer_parse_vec's, on data->train) from
 * init seeds first_seed .. first_seed + K − 1. */
bool ensemble_init(Ensemble *ensemble, const Model *model, const NetDataSplit *data,
                   const OptimizerDesc *desc, uint64_t first_seed, size_t count,
                   DescentError *err);
void ensemble_free(Ensemble *ensemble);

/* Member k's run (its θ, metrics and status). */
const NetRun *ensemble_member(const Ensemble *ensemble, size_t k);

/* Performs steps updates on every member still training, on
 * ENSEMBLE_THREADS threads (the same doubles as one after another). */
void ensemble_step(Ensemble *ensemble, size_t steps);

/* Shows every member after step updates (one that stopped earlier shows
 * its end), as if stepped there from the start. */
void ensemble_seek(Ensemble *ensemble, size_t step);

typedef struct EnsembleDistances {
    double mean, min, max;      /* ‖θi − θj‖ over the pairs i < j (NaN for K = 1) */
    double mean_norm;           /* the members' mean ‖θ‖ */
    /* ‖θi − θj‖ / ((‖θi‖ + ‖θj‖) / 2), each pair's distance against its
     * own two's mean ‖θ‖, least and most over the pairs (NaN for K = 1):
     * "any two lie about 1.3 to 1.5 times their mean |θ| apart" is about each
     * pair (trained_not_derived 2). */
    double least_ratio, most_ratio;
} EnsembleDistances;

EnsembleDistances ensemble_distances(const Ensemble *ensemble);

/* The training loss at ENSEMBLE_LINE_POINTS points of the straight line
 * from member 0's θ (losses[0]) to member 1's (the last) into losses;
 * false with err when K < 2 or out of memory. */
bool ensemble_line(const Ensemble *ensemble, double losses[ENSEMBLE_LINE_POINTS],
                   DescentError *err);

/* Member k's predicted class (its largest output, the first of equals;
 * −1 when not finite) at count input rows x (count × 2) into classes. */
void ensemble_predict(const Ensemble *ensemble, size_t k, const double *x, size_t count,
                      int *classes);

#endif
