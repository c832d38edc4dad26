/*
 * experiment_live.c — an experiment measured on its own thread, and its
 * picture (experiment_live.h).  The thread writes only `measured`, under
 * the lock; the scene's thread copies it into `shown` in
 * experiment_live_update, which is all the renderer reads.  A hold
 * (experiment_live_hold) keeps the thread in progress(), the rest between
 * two slices of walkers, until released.
 */
#include "experiment_live.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/spec.h"
#include "scene/live_thread.h"

struct ExperimentLive {
    char spec[SPEC_TEXT_MAX];
    ExperimentSpec parsed;          /* spec, cut into its name and keys */
    ExperimentRequest request;
    LiveThread thread;              /* its lock guards measured */
    ExperimentResult result;        /* experiment_run's (the thread's alone) */
    ExperimentPicture measured;     /* under lock */
    ExperimentPicture shown;        /* the scene's thread's */
};

/* Each experiment's stage: its landscape at the experiment's defaults, and
 * walkers of one setting of its sweep (docs/ARCHITECTURE.md §8 derives the
 * numbers: the first point of each sweep, or a batch of 2). */
typedef struct ExperimentStage {
    const char *name, *landscape;
    const char *runs[3];
    size_t particles;
    double x0, y0;
} ExperimentStage;

static const ExperimentStage stages[] = {
    /* eta*a = 0.5, sigma = 1: variance 1/3 per coordinate. */
    {"sde_variance", "quadratic:l1=1,l2=1", {"sgd:lr=0.5,noise=1"}, 400, 0.0, 0.0},
    /* dV/eps = 3: eps = 1/3, sigma = sqrt(2 eps/eta) = 5.77; E[tau] = 22, 1100 steps. */
    {"kramers", "double_well", {"sgd:lr=0.02,noise=5.77"}, 400, -1.0, 0.0},
    /* Hessian-shaped noise at B = 2: sigma = 5/sqrt(2), from the sharp well at x = -1. */
    {"sharp_escape", "parabolic_wells", {"sgd:lr=0.02,noise=3.54,noise_model=hessian"}, 400,
     -1.0, 0.0},
    /* u^2 - v^2 = 0.3 on uv = 1, eta = 0.09, label noise 0.5. */
    {"label_noise", "uv:y=1", {"sgd:lr=0.09,label_noise=0.5"}, 200, 1.1447, 0.8736},
    {"noise_scale", "linreg:n=64", {"sgd:lr=0.05,batch=8,sampling=independent"}, 200, 0.0, 0.0},
    /* lambda0 = 1: lazy below eta = 2, catapult to 4, divergent beyond. */
    {"catapult", "uv:y=0", {"gd:lr=1.5", "gd:lr=3", "gd:lr=4.5"}, 0, 1.0, 0.01},
    {"edge_of_stability", "rosenbrock", {"gd:lr=0.003"}, 0, 0.0, 0.0},
    {"max_margin_rate", "logreg:separable=1,n=8,margin=0.2,seed=3", {"gd:lr=1.6"}, 0, 0.0,
     0.0},
};

bool experiment_live_stage(const char *spec, SceneOptions *options)
{
    size_t name = strcspn(spec, ":");
    for (size_t k = 0; k < sizeof stages / sizeof stages[0]; k++) {
        const ExperimentStage *st = &stages[k];
        if (strlen(st->name) != name || strncmp(st->name, spec, name) != 0)
            continue;
        options->landscape = st->landscape;
        options->run_count = 0;
        for (size_t i = 0; i < 3 && st->runs[i]; i++)
            options->runs[options->run_count++] = st->runs[i];
        options->particles = st->particles;
        options->has_start = true;
        options->start = (LandscapePoint){st->x0, st->y0};
        return true;
    }
    return false;
}

void experiment_picture_of(const ExperimentResult *result, ExperimentPicture *dest)
{
    *dest = (ExperimentPicture){.result = *result, .measured_count = result->count, .done = 1.0,
                                .finished = true};
    for (size_t i = 0; i < result->count; i++)
        dest->measured[i] = true;
}

static void row_done(void *context, size_t index, const ExperimentRow *row)
{
    ExperimentLive *live = context;
    mtx_lock(&live->thread.lock);
    ExperimentPicture *p = &live->measured;
    p->result.rows[index] = *row;
    p->result.tolerance = live->result.tolerance;
    if (!p->measured[index])
        p->measured_count++;
    p->measured[index] = true;
    if (index >= p->result.count)
        p->result.count = index + 1;
    cnd_broadcast(&live->thread.changed);
    mtx_unlock(&live->thread.lock);
}

static void progress(void *context, double done)
{
    ExperimentLive *live = context;
    mtx_lock(&live->thread.lock);
    live->measured.done = done;
    /* Between two slices: parallel_for has joined the slice's threads. */
    live_thread_rest(&live->thread);
    mtx_unlock(&live->thread.lock);
}

static int measure(void *context)
{
    ExperimentLive *live = context;
    DescentError err = {{0}};
    ExperimentStatus status = experiment_run(&live->request, &live->result, &err);
    mtx_lock(&live->thread.lock);
    if (status == EXPERIMENT_DONE)
        experiment_picture_of(&live->result, &live->measured);
    else if (status == EXPERIMENT_NO_MEMORY)
        snprintf(live->measured.error, sizeof live->measured.error, "out of memory");
    else if (status == EXPERIMENT_BAD_SETTINGS)
        snprintf(live->measured.error, sizeof live->measured.error, "%s", err.message);
    live->measured.finished = true;
    live_thread_end(&live->thread);
    mtx_unlock(&live->thread.lock);
    return 0;
}

ExperimentLive *experiment_live_start(const char *spec, uint64_t seed, int threads,
                                      DescentError *err)
{
    ExperimentLive *live = calloc(1, sizeof *live);
    if (!live) {
        error_set(err, "out of memory");
        return NULL;
    }
    if (!experiment_spec_check(spec, err) ||
        !experiment_spec_parse(spec, &live->parsed, err)) {
        free(live);
        return NULL;
    }
    const ExperimentInfo *info = live->parsed.info;
    snprintf(live->spec, sizeof live->spec, "%s", spec);
    live->request = (ExperimentRequest){.info = info, .keys = live->parsed.keys,
                                        .nkeys = live->parsed.nkeys, .quick = true,
                                        .seed = seed, .threads = threads,
                                        .progress = progress, .row_done = row_done,
                                        .progress_context = live,
                                        .stop = &live->thread.stop};
    live->measured.result = (ExperimentResult){.info = info};
    live->shown = live->measured;
    if (live_thread_start(&live->thread, measure, live))
        return live;
    free(live);
    error_set(err, "experiment %s: cannot start its thread", info->name);
    return NULL;
}

void experiment_live_destroy(ExperimentLive *live)
{
    if (!live)
        return;
    live_thread_destroy(&live->thread);
    free(live);
}

bool experiment_live_hold(ExperimentLive *live, bool wait)
{
    return !live || live_thread_hold(&live->thread, wait);
}

void experiment_live_release(ExperimentLive *live)
{
    if (live)
        live_thread_release(&live->thread);
}

bool experiment_live_held(ExperimentLive *live)
{
    return live_thread_held(&live->thread);
}

const char *experiment_live_spec(const ExperimentLive *live)
{
    return live->spec;
}

const ExperimentInfo *experiment_live_info(const ExperimentLive *live)
{
    return live->parsed.info;
}

void experiment_live_update(ExperimentLive *live, double seconds, bool paced)
{
    mtx_lock(&live->thread.lock);
    /* Paced, the whole measurement first: the final count of rows is what
     * makes a frame's share done and its verdict a function of its time
     * (rows come in any order, and the last row is in before the verdict). */
    if (paced)
        live_thread_wait_end(&live->thread);
    live->shown = live->measured;
    mtx_unlock(&live->thread.lock);
    if (!paced)
        return;
    ExperimentPicture *p = &live->shown;
    /* Rows in order, one per EXPERIMENT_LIVE_ROW_SECONDS. */
    double rows = seconds / EXPERIMENT_LIVE_ROW_SECONDS;
    size_t due = rows < (double)EXPERIMENT_MAX_POINTS ? (size_t)rows : EXPERIMENT_MAX_POINTS;
    p->measured_count = 0;
    for (size_t i = 0; i < EXPERIMENT_MAX_POINTS; i++) {
        p->measured[i] = p->measured[i] && i < due;
        p->measured_count += p->measured[i];
    }
    p->done = p->result.count ? (double)p->measured_count / (double)p->result.count : 0.0;
    p->finished = due >= p->result.count;
}

const ExperimentPicture *experiment_live_picture(const ExperimentLive *live)
{
    return &live->shown;
}
