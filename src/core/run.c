/* run.c — see run.h. */
#include "run.h"

#include <math.h>
#include <stdlib.h>

static bool reserve(Run *run, size_t need)
{
    if (need <= run->capacity)
        return true;
    size_t capacity = run->capacity ? run->capacity : 256;
    while (capacity < need)
        capacity *= 2;
    RunPoint *path = realloc(run->path, capacity * sizeof *path);
    if (!path)
        return false;
    run->path = path;
    run->capacity = capacity;
    return true;
}

/* Loss at the state's position; a non-finite position or loss ends the run. */
static void record_point(Run *run)
{
    double x = run->state.x, y = run->state.y;
    double loss = isfinite(x) && isfinite(y) ? landscape_value(run->landscape, x, y) : (double)NAN;
    run->path[run->count++] = (RunPoint){x, y, loss};
    if (!isfinite(x) || !isfinite(y) || !isfinite(loss))
        run->status = RUN_DIVERGED;
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
    if (!reserve(run, 1))
        return error_set(err, "out of memory for a run's path");
    run_restart(run, x0, y0);
    return true;
}

void run_free(Run *run)
{
    free(run->path);
    run->path = NULL;
    run->count = run->capacity = 0;
}

void run_restart(Run *run, double x0, double y0)
{
    optimizer_init(&run->desc, x0, y0, run->desc.seed, &run->state);
    run->status = RUN_ACTIVE;
    run->count = 0;
    record_point(run);
}

size_t run_advance(Run *run, size_t steps)
{
    size_t done = 0;
    while (done < steps && run->status == RUN_ACTIVE) {
        if (!reserve(run, run->count + 1)) {
            run->status = RUN_STALLED;
            break;
        }
        StepResult result = optimizer_step(&run->desc, run->landscape, &run->state);
        record_point(run);
        done++;
        if (result == STEP_DIVERGED)
            run->status = RUN_DIVERGED;
        else if (result == STEP_STALLED && run->status == RUN_ACTIVE)
            run->status = RUN_STALLED;
    }
    return done;
}
