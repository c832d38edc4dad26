/*
 * run.h — one optimizer walking on one landscape: its trajectory.
 *
 * A Run owns its path (every visited point with its loss; path[0] is the
 * start) and borrows the landscape, which must outlive it.  A non-finite
 * position or loss stops the run and marks it diverged; its last path
 * point holds the non-finite numbers (SPEC §3, trace output).
 */
#ifndef DESCENT_CORE_RUN_H
#define DESCENT_CORE_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
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

typedef struct Run {
    OptimizerDesc desc;
    const Landscape *landscape; /* borrowed */
    OptimizerState state;
    RunStatus status;
    RunPoint *path;             /* owned; path[0] is the start */
    size_t count, capacity;
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

/* Goes back to the start (x0, y0), forgetting the path but keeping it
 * allocated. */
void run_restart(Run *run, double x0, double y0);

/* Performs up to steps updates, stopping early when the run stops.
 * Returns the number performed.  Out of memory stops the run as stalled. */
size_t run_advance(Run *run, size_t steps);

/* The most recent point. */
static inline RunPoint run_head(const Run *run)
{
    return run->path[run->count - 1];
}

/* Updates done so far (count - 1). */
static inline size_t run_steps(const Run *run)
{
    return run->count - 1;
}

#endif
