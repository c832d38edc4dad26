/* run.c — see run.h. */
#include "run.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool run_reserve(Run *run, size_t need)
{
    if (need <= run->capacity)
        return true;
    size_t capacity = run->capacity ? run->capacity : 256;
    while (capacity < need)
        capacity *= 2;
    RunPoint *path = realloc(run->path, capacity * sizeof *path);
    if (path)
        run->path = path;
    double *times = path ? realloc(run->times, capacity * sizeof *times) : NULL;
    if (!times)
        return false;
    run->times = times;
    run->capacity = capacity;
    return true;
}

/* Loss at the state's position; a non-finite position or loss ends the run. */
static void record_point(Run *run)
{
    double x = run->state.x, y = run->state.y;
    double loss = isfinite(x) && isfinite(y) ? landscape_value(run->landscape, x, y) : (double)NAN;
    size_t k = run->count;
    run->times[k] = k == 0 ? 0.0 : run->times[k - 1] + run_update_time(run, k - 1);
    run->path[run->count++] = (RunPoint){x, y, loss};
    if (run->count > run->known)
        run->known = run->count;
    if (!isfinite(x) || !isfinite(y) || !isfinite(loss))
        run->status = RUN_DIVERGED;
}

/* Keeps the state after the update just done when it is due. */
static void take_snapshot(Run *run)
{
    size_t step = run_steps(run);
    if (!snapshots_due(&run->snapshots, step))
        return;
    OptimizerState *slot = snapshots_add(&run->snapshots, step);
    if (slot)
        *slot = run->state;
}

LandscapePoint run_start_point(const OptimizerDesc *desc, const LandscapePoint *scene_start,
                               const Landscape *landscape)
{
    if (desc->has_start)
        return (LandscapePoint){desc->x0, desc->y0};
    if (scene_start)
        return *scene_start;
    return landscape_default_start(landscape);
}

bool run_init(Run *run, const Landscape *landscape, const OptimizerDesc *desc, double x0,
              double y0, DescentError *err)
{
    *run = (Run){.desc = *desc, .landscape = landscape};
    snapshots_init(&run->snapshots, sizeof(OptimizerState), RUN_SNAPSHOT_SPACING,
                   RUN_SNAPSHOT_CAP);
    if (!run_reserve(run, 1))
        return error_set(err, "out of memory for a run's path");
    run_restart(run, x0, y0);
    return true;
}

void run_free(Run *run)
{
    free(run->path);
    free(run->times);
    run->path = NULL;
    run->times = NULL;
    run->count = run->capacity = run->known = 0;
    snapshots_free(&run->snapshots);
    changes_free(&run->changes);
}

void run_restart(Run *run, double x0, double y0)
{
    optimizer_init(&run->desc, x0, y0, run->desc.seed, &run->state);
    run->status = RUN_ACTIVE;
    run->count = run->known = 0;
    snapshots_clear(&run->snapshots);
    run->changes.count = 0;
    record_point(run);
    run->known_status = run->status;
    take_snapshot(run);
}

size_t run_advance(Run *run, size_t steps)
{
    size_t done = 0;
    while (done < steps && run->status == RUN_ACTIVE) {
        if (!run_reserve(run, run->count + 1)) {
            run->status = RUN_STALLED;
            break;
        }
        if (run->changes.count > 0)
            run->desc = *changes_desc_at(&run->changes, &run->desc, run_steps(run));
        StepResult result = optimizer_step(&run->desc, run->landscape, &run->state);
        record_point(run);
        done++;
        if (result == STEP_DIVERGED)
            run->status = RUN_DIVERGED;
        else if (result == STEP_STALLED && run->status == RUN_ACTIVE)
            run->status = RUN_STALLED;
        if (run->count == run->known)
            run->known_status = run->status;
        take_snapshot(run);
    }
    if (run->changes.count > 0)
        run->desc = *changes_desc_at(&run->changes, &run->desc, run_steps(run));
    return done;
}

bool run_state_at(const Run *run, size_t step, OptimizerState *state, OptimizerDesc *desc)
{
    if (step >= run->known)
        return false;
    size_t from = 0, shown = run_steps(run);
    const OptimizerState *snapshot = snapshots_find(&run->snapshots, step, &from);
    if (shown <= step && (!snapshot || shown >= from)) {
        *state = run->state;
        from = shown;
    } else if (snapshot) {
        *state = *snapshot;
    } else {
        const OptimizerDesc *first = changes_desc_at(&run->changes, &run->desc, 0);
        optimizer_init(first, run->path[0].x, run->path[0].y, first->seed, state);
        from = 0;
    }
    for (size_t k = from; k < step; k++)
        optimizer_step(changes_desc_at(&run->changes, &run->desc, k), run->landscape, state);
    *desc = *changes_desc_at(&run->changes, &run->desc, step);
    return true;
}

size_t run_seek(Run *run, size_t step)
{
    if (step >= run->known) {
        run_seek(run, run->known - 1);
        run_advance(run, step - run_steps(run));
        return run_steps(run);
    }
    if (step == run_steps(run))
        return step;
    OptimizerState state;
    OptimizerDesc desc;
    run_state_at(run, step, &state, &desc);
    run->state = state;
    run->desc = desc;
    run->count = step + 1;
    run->status = run->count == run->known ? run->known_status : RUN_ACTIVE;
    return step;
}

bool run_reconfigure(Run *run, const OptimizerDesc *desc, DescentError *err)
{
    if (!history_reconfigure(&run->changes, &run->snapshots, run_steps(run), &run->desc, desc,
                             err))
        return false;
    run->known = run->count;
    run->known_status = run->status;
    return true;
}

double run_distance_at(const Run *run, size_t k, double px, double py)
{
    double d = hypot(run->path[k].x - px, run->path[k].y - py);
    return isfinite(d) ? d : (double)NAN;
}

double run_update_time(const Run *run, size_t k)
{
    return optimizer_lr_at(changes_desc_at(&run->changes, &run->desc, k), (long)k);
}

double run_time_at(const Run *run, size_t k)
{
    if (k < run->known)
        return run->times[k];
    double t = run->times[run->known - 1];
    for (size_t j = run->known - 1; j < k; j++)
        t += run_update_time(run, j);
    return t;
}

size_t run_updates_within(const Run *run, double t, size_t last)
{
    double reach = t + RUN_TIME_ROUNDING * fabs(t);
    /* Update times are never negative, and a NaN stays in every later sum,
     * so the points whose times are within reach are a prefix: the last of
     * them among the computed ones is found by halving. */
    size_t lo = 0, hi = last < run->known - 1 ? last : run->known - 1;
    while (lo < hi) {
        size_t mid = hi - (hi - lo) / 2;
        if (run->times[mid] <= reach)
            lo = mid;
        else
            hi = mid - 1;
    }
    size_t k = lo;
    if (k < run->known - 1 || k >= last)
        return k;
    double at = run->times[k];
    while (k < last && (at += run_update_time(run, k)) <= reach)
        k++;
    return k;
}

double run_step_length(const Run *run, size_t k)
{
    if (k == 0)
        return (double)NAN;
    return run_distance_at(run, k, run->path[k - 1].x, run->path[k - 1].y);
}
