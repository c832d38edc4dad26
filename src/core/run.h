/*
 * run.h — one optimizer walking on one landscape: its trajectory, and its
 * history, so any earlier update can be shown again.
 *
 * A Run owns its path (every visited point with its loss; path[0] is the
 * start) and borrows the landscape, which must outlive it.  A non-finite
 * position or loss stops the run and marks it diverged; its last path
 * point holds the non-finite numbers (docs/CLI.md §4, trace output).
 *
 * Going back: walks are deterministic, so the run keeps snapshots of its
 * state every few updates (history.h; memory bounded however long the
 * run) and run_seek shows it after any update: the nearest snapshot at or
 * before it, stepped forward.  The points after the shown update stay in
 * the path (path[count..known)) as the remembered future: stepping forward
 * again computes the same points bit for bit.
 *
 * Changing parameters mid-run (run_reconfigure) keeps θ, the step count,
 * the buffers and the random stream, and records the change at the
 * current update, so seeking before it restores the old parameters and
 * stepping past it applies it again.
 */
#ifndef DESCENT_CORE_RUN_H
#define DESCENT_CORE_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "history.h"
#include "landscape.h"
#include "optimizer.h"

typedef struct RunPoint {
    double x, y, loss;
} RunPoint;

typedef enum RunStatus {
    RUN_ACTIVE = 0,
    RUN_DIVERGED, /* a non-finite value appeared at path[count - 1] */
    RUN_STALLED,  /* flow could not integrate further */
} RunStatus;

/* Snapshot spacing and cap of a run: states are small (OptimizerState)
 * and updates cheap, so seeking replays at most a few hundred updates
 * until runs grow past RUN_SNAPSHOT_CAP × RUN_SNAPSHOT_SPACING / 2. */
#define RUN_SNAPSHOT_SPACING 32
#define RUN_SNAPSHOT_CAP 1024

typedef struct Run {
    OptimizerDesc desc;         /* the parameters of the next update */
    const Landscape *landscape; /* borrowed */
    OptimizerState state;       /* after run_steps(run) updates */
    RunStatus status;           /* at the shown update */
    RunPoint *path;             /* owned; path[0] is the start, path[count - 1]
                                   the shown update, path[count..known) the
                                   remembered future */
    double *times;              /* owned, beside path: times[k] is
                                   run_time_at(run, k) for k < known */
    size_t count, capacity;
    size_t known;               /* points computed so far (>= count) */
    RunStatus known_status;     /* the status at path[known - 1] */
    Snapshots snapshots;        /* OptimizerStates */
    ChangeLog changes;          /* parameter changes, by update */
} Run;

/* Where a run starts: its spec's own x0,y0, else scene_start (may be
 * NULL), else the landscape's default start. */
LandscapePoint run_start_point(const OptimizerDesc *desc, const LandscapePoint *scene_start,
                               const Landscape *landscape);

/* Starts a run at (x0, y0) with desc's seed.  Returns false only when
 * memory runs out. */
bool run_init(Run *run, const Landscape *landscape, const OptimizerDesc *desc,
              double x0, double y0, DescentError *err);
void run_free(Run *run);

/* Goes back to the start (x0, y0) with the current parameters, forgetting
 * the path (keeping it allocated) and the history. */
void run_restart(Run *run, double x0, double y0);

/* Makes room for need points in the path; false when memory runs out.
 * A caller for whom running out of memory is an error, not a stall
 * (descent trace), reserves before it advances. */
bool run_reserve(Run *run, size_t need);

/* Performs up to steps updates, stopping early when the run stops.
 * Returns the number performed.  Out of memory stops the run as stalled. */
size_t run_advance(Run *run, size_t steps);

/* Shows the run after step updates: within the computed points by
 * restoring the nearest snapshot and replaying (the path is kept), beyond
 * them by advancing.  Returns the updates shown then (fewer than step when
 * the run stops before). */
size_t run_seek(Run *run, size_t step);

/* The state after step updates (step < known) and the parameters the next
 * update takes, without moving the run.  Returns false for a step past
 * the computed points. */
bool run_state_at(const Run *run, size_t step, OptimizerState *state, OptimizerDesc *desc);

/* From the next update on, uses desc (same optimizer kind; its spec string
 * says what it is); θ, the step count, the buffers and the random stream
 * stay.  The remembered future is forgotten: it was computed with the old
 * parameters.  Errors: another optimizer kind, out of memory. */
bool run_reconfigure(Run *run, const OptimizerDesc *desc, DescentError *err);

/* The most recent point. */
static inline RunPoint run_head(const Run *run)
{
    return run->path[run->count - 1];
}

/* |θ_k − (px, py)|: how far path point k is from a chosen point (a saddle
 * it escapes, a minimum it approaches); NaN where it is not finite. */
double run_distance_at(const Run *run, size_t k, double px, double py);
/* |θ_k − θ_(k−1)|: the length of update k (k >= 1), which adaptive methods
 * shrink or grow on their own; NaN for k = 0 and where not finite. */
double run_step_length(const Run *run, size_t k);

/* Time t = Σ ηₖ (a gradient flow's lr is the time its update spans, so a
 * flow and GD are compared at one time, not after one number of updates):
 * the time update k takes, its learning rate with the schedule and the
 * parameter changes in force there (also for k past the computed points);
 * the time of point k, its first k updates' summed; and the most updates,
 * at most last, whose times sum to t.  Times are sums of rates, 15 × 0.2
 * is 3 only up to rounding: a sum within RUN_TIME_ROUNDING (relative) of
 * t counts as t.  The sums up to the computed points are kept as they are
 * computed, in the same order, so these take constant (run_time_at) and
 * logarithmic (run_updates_within) time there: a frame on the time clock
 * does not add up every update shown (scene.c). */
#define RUN_TIME_ROUNDING 1e-12
double run_update_time(const Run *run, size_t k);
double run_time_at(const Run *run, size_t k);
size_t run_updates_within(const Run *run, double t, size_t last);

/* Updates done so far (count - 1). */
static inline size_t run_steps(const Run *run)
{
    return run->count - 1;
}

#endif
