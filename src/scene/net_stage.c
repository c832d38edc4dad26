/* net_stage.c — see net_stage.h. */
#include "net_stage.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/parallel.h"
#include "core/rng.h"

/* The seed key of the plane's random direction (with the init seed). */
#define SLICE_DIRECTION_KEY 0x511ceull
/* The grid's a range is this many times its b range: frames are wide. */
#define GRID_ASPECT 1.6
/* The grid's margin around the projected paths, as a share of their span. */
#define GRID_MARGIN 0.3
/* Half the grid's a range when every path is one point (a unit step of a
 * filter-normalised direction moves each unit by its own size). */
#define GRID_HALF_DEFAULT 1.0
/* Half the random plane's b range: Li et al.'s window, a unit step along
 * each filter-normalised direction either way. */
#define RANDOM_HALF 1.0
/* Trajectory points the PCA plane is computed from, at most, over all
 * runs (the cost grows with their square: slice.h). */
#define PCA_POINTS 96

typedef struct StageRun {
    NetRun run;
    unsigned char *keys;    /* key_count states of keysize bytes: update i·stride */
    size_t key_count;
    size_t stride;
    double *sharpness;      /* [t / NET_STAGE_SHARPNESS_EVERY]: measured at update t, or NaN */
    size_t sharpness_cap;
    unsigned char *pending; /* pending_count states awaiting their measurement, oldest first */
    size_t pending_count;
    size_t pending_cap;     /* the states pending has room for */
    size_t pending_max;     /* how many may wait: NET_STAGE_PENDING a frame of the last refine */
    NetCurvature *measuring; /* the measurement under way (its state no longer pending) */
} StageRun;

/* A plane with its grid. */
typedef struct Plane {
    double *center, *d1, *d2;
    NetSliceKind asked;     /* the kind asked for when it was made */
    NetSliceKind kind;      /* the kind made (PCA falls back to init: see net_stage.h) */
    double explained[2];    /* PCA: each direction's share of the variance */
    SliceGridDesc desc;
    double *values;         /* NET_STAGE_GRID² */
    size_t step;            /* the update shown when it was made */
    size_t run;             /* the run it goes through */
} Plane;

struct NetStage {
    Model model;
    NetDataSplit data;
    double *theta0;
    StageRun runs[SCENE_MAX_RUNS];
    size_t run_count, selected;
    size_t keysize;
    uint64_t init_seed;
    char *model_spec, *data_spec;
    ModelWork *works[NET_STAGE_THREADS]; /* the predictions' scratch, a thread each */
    Plane planes[2];        /* [shown] is drawn, the other one is being computed */
    NetSliceKind slice;     /* the kind of plane asked for */
    int shown;
    SliceRefiner *refiner;  /* on planes[1 − shown], or NULL */
    unsigned serial;
};

/* ------------------------------------------------------------------------ */
/* Runs and keyframes                                                        */

static const OptimizerVec *keyframe(const StageRun *sr, size_t k, size_t keysize)
{
    return (const OptimizerVec *)(const void *)(sr->keys + k * keysize);
}

/* Keeps the run's state as a keyframe when its update is a multiple of the
 * stride, thinning the keyframes first when they are full. */
static void keep_keyframe(StageRun *sr, size_t keysize)
{
    size_t t = (size_t)net_run_state(&sr->run)->t;
    if (sr->key_count == NET_STAGE_KEYFRAMES) {
        for (size_t k = 0; 2 * k < NET_STAGE_KEYFRAMES; k++)
            memmove(sr->keys + k * keysize, sr->keys + 2 * k * keysize, keysize);
        sr->key_count = NET_STAGE_KEYFRAMES / 2;
        sr->stride *= 2;
    }
    if (t % sr->stride == 0 && t / sr->stride == sr->key_count)
        memcpy(sr->keys + sr->key_count++ * keysize, net_run_state(&sr->run), keysize);
}

/* ------------------------------------------------------------------------ */
/* Sharpness, measured on the side                                           */

/* Whether update t is one the plots measure: every
 * NET_STAGE_SHARPNESS_EVERY updates, every other keyframe once the
 * keyframes are that sparse (so a long run keeps about as many points as
 * keyframes, and every such update is one advance_run stops at). */
static bool measured_at(const StageRun *sr, size_t t)
{
    size_t every = 2 * sr->stride > NET_STAGE_SHARPNESS_EVERY ? 2 * sr->stride
                                                              : NET_STAGE_SHARPNESS_EVERY;
    return t % every == 0 && !(net_run_preconditioned(&sr->run.desc) && t == 0);
}

static double *sharpness_slot(StageRun *sr, size_t t)
{
    size_t k = t / NET_STAGE_SHARPNESS_EVERY;
    if (k >= sr->sharpness_cap) {
        size_t cap = sr->sharpness_cap ? 2 * sr->sharpness_cap : 64;
        while (cap <= k)
            cap *= 2;
        double *grown = realloc(sr->sharpness, cap * sizeof *grown);
        if (!grown)
            return NULL;
        for (size_t q = sr->sharpness_cap; q < cap; q++)
            grown[q] = (double)NAN;
        sr->sharpness = grown;
        sr->sharpness_cap = cap;
    }
    return &sr->sharpness[k];
}

/* Keeps the run's state for its measurement when its update is due and
 * not yet measured; when pending_max are waiting, the oldest gives way
 * (playing fast, the plot thins rather than lags).  pending_max is
 * NET_STAGE_PENDING for each frame the last net_stage_refine stood for:
 * a recording's frame steps as many updates as that many window frames,
 * all at once, and with four states waiting it kept the last four of
 * them, so adam_vs_sgd_network 1 at --fps 1 measured updates 336-400,
 * 736-800, ... and Adam's curve began at update 336. */
static void queue_measurement(StageRun *sr, size_t keysize)
{
    size_t t = (size_t)net_run_state(&sr->run)->t;
    double *slot = sharpness_slot(sr, t);
    if (!measured_at(sr, t) || !slot || !isnan(*slot) || sr->run.status != NET_RUN_ACTIVE)
        return;
    if (sr->pending_count == sr->pending_cap && sr->pending_cap < sr->pending_max) {
        unsigned char *grown = realloc(sr->pending, sr->pending_max * keysize);
        if (grown) {
            sr->pending = grown;
            sr->pending_cap = sr->pending_max;
        }
    }
    while (sr->pending_count > 0 &&
           sr->pending_count >= (sr->pending_max < sr->pending_cap ? sr->pending_max
                                                                    : sr->pending_cap)) {
        memmove(sr->pending, sr->pending + keysize, (sr->pending_count - 1) * keysize);
        sr->pending_count--;
    }
    memcpy(sr->pending + sr->pending_count++ * keysize, net_run_state(&sr->run), keysize);
}

/* Forgets the states queued after update t (a seek went back before them;
 * stepping on queues them again). */
static void drop_pending_after(StageRun *sr, size_t t, size_t keysize)
{
    while (sr->pending_count > 0 &&
           (size_t)((const OptimizerVec *)(const void *)(sr->pending +
                                                         (sr->pending_count - 1) * keysize))
                   ->t > t)
        sr->pending_count--;
}

typedef struct MeasureJob {
    NetStage *stage;
    int products;           /* each run's share of Hessian-vector products */
} MeasureJob;

/* Spends runs begin..end-1's shares on their measurements, oldest state
 * first (core/net_run.h's NetCurvature: the numbers a trace with --every
 * prints, however the products are dealt out). */
static void measure_runs(void *context, size_t begin, size_t end)
{
    const MeasureJob *job = context;
    NetStage *stage = job->stage;
    for (size_t i = begin; i < end; i++) {
        StageRun *sr = &stage->runs[i];
        int products = job->products;
        DescentError err;
        while (products > 0) {
            if (!sr->measuring) {
                if (sr->pending_count == 0)
                    break;
                sr->measuring = net_curvature_start(
                    &sr->run, (const OptimizerVec *)(const void *)sr->pending, &err);
                memmove(sr->pending, sr->pending + stage->keysize,
                        (sr->pending_count - 1) * stage->keysize);
                sr->pending_count--;
                /* Out of memory: that update stays unmeasured. */
                if (!sr->measuring)
                    continue;
            }
            bool done;
            double sharpness, preconditioned;
            bool ok = net_curvature_step(sr->measuring, &products, &done, &sharpness,
                                         &preconditioned, &err);
            if (ok && !done)
                continue;
            double *slot = sharpness_slot(sr, net_curvature_update(sr->measuring));
            if (ok && slot)
                *slot = net_run_preconditioned(&sr->run.desc) ? preconditioned : sharpness;
            net_curvature_free(sr->measuring);
            sr->measuring = NULL;
        }
    }
}

/* A share of the measurements per run, the runs on threads of their own
 * (each measures with its own scratch space). */
static void measure_pending(NetStage *stage, size_t frames)
{
    size_t waiting = 0;
    for (size_t i = 0; i < stage->run_count; i++)
        waiting += stage->runs[i].pending_count + (stage->runs[i].measuring != NULL);
    size_t products = frames * NET_STAGE_PRODUCTS;
    MeasureJob job = {stage, products < INT_MAX ? (int)products : INT_MAX};
    if (waiting > 0)
        parallel_for(stage->run_count, NET_STAGE_THREADS, measure_runs, &job);
}

double net_stage_series(const NetStage *stage, size_t i, NetSeries series, size_t k)
{
    const StageRun *sr = &stage->runs[i];
    const NetMetrics *m = &sr->run.metrics[k];
    size_t q = k / NET_STAGE_SHARPNESS_EVERY;
    switch (series) {
    case NET_SERIES_TRAIN_LOSS:
        return m->train_loss;
    case NET_SERIES_TEST_LOSS:
        return m->test_loss;
    case NET_SERIES_TRAIN_ACC:
        return m->train_acc;
    case NET_SERIES_TEST_ACC:
        return m->test_acc;
    case NET_SERIES_NORM:
        return m->norm;
    case NET_SERIES_SHARPNESS:
        return k % NET_STAGE_SHARPNESS_EVERY == 0 && q < sr->sharpness_cap ? sr->sharpness[q]
                                                                           : (double)NAN;
    case NET_SERIES_STABILITY:
        return net_run_stability_line(&sr->run.desc, (long)k);
    default:
        return (double)NAN;
    }
}

/* ------------------------------------------------------------------------ */
/* Stepping                                                                  */

/* Steps one run on, stopping at every keyframe's update to keep it. */
static void advance_run(StageRun *sr, size_t steps, size_t keysize)
{
    while (steps > 0 && sr->run.status == NET_RUN_ACTIVE) {
        size_t t = (size_t)net_run_state(&sr->run)->t;
        size_t chunk = (t / sr->stride + 1) * sr->stride - t;
        if (chunk > steps)
            chunk = steps;
        bool ok;
        DescentError err;
        size_t done = net_run_advance(&sr->run, chunk, &ok, &err);
        /* Out of memory for the metrics: the run stays where it is. */
        if (!ok || done < chunk)
            return;
        steps -= chunk;
        keep_keyframe(sr, keysize);
        queue_measurement(sr, keysize);
    }
}

typedef struct StepJob {
    NetStage *stage;
    size_t steps;
} StepJob;

static void step_runs(void *context, size_t begin, size_t end)
{
    const StepJob *job = context;
    for (size_t i = begin; i < end; i++)
        advance_run(&job->stage->runs[i], job->steps, job->stage->keysize);
}

/* The runs share only the model and the data, which they read: each steps
 * on a thread of its own, with the same result as one after the other. */
void net_stage_step(NetStage *stage, size_t steps)
{
    StepJob job = {stage, steps};
    parallel_for(stage->run_count, NET_STAGE_THREADS, step_runs, &job);
}

void net_stage_seek(NetStage *stage, size_t step)
{
    for (size_t i = 0; i < stage->run_count; i++) {
        StageRun *sr = &stage->runs[i];
        size_t t = (size_t)net_run_state(&sr->run)->t;
        if (step < t || sr->run.status != NET_RUN_ACTIVE) {
            size_t k = step / sr->stride;
            if (k >= sr->key_count)
                k = sr->key_count - 1;
            net_run_rewind(&sr->run, keyframe(sr, k, stage->keysize));
            sr->key_count = k + 1;
            t = k * sr->stride;
            drop_pending_after(sr, t, stage->keysize);
        }
        advance_run(sr, step - t, stage->keysize);
    }
}

size_t net_stage_shown_step(const NetStage *stage)
{
    size_t step = 0;
    for (size_t i = 0; i < stage->run_count; i++) {
        size_t t = (size_t)net_run_state(&stage->runs[i].run)->t;
        step = t > step ? t : step;
    }
    return step;
}

/* ------------------------------------------------------------------------ */
/* The slice                                                                 */

/* Where a plane's grid goes: around every run's keyframes and head. */
static SliceGridDesc grid_around(const NetStage *stage, const Plane *plane)
{
    SlicePlane sp = {stage->model.nparams, plane->center, plane->d1, plane->d2};
    double lo[2] = {0, 0}, hi[2] = {0, 0};
    for (size_t i = 0; i < stage->run_count; i++) {
        const StageRun *sr = &stage->runs[i];
        for (size_t k = 0; k <= sr->key_count; k++) {
            const double *theta = k < sr->key_count
                                      ? optimizer_vec_view(keyframe(sr, k, stage->keysize),
                                                           OPTVEC_THETA)
                                      : net_run_theta(&sr->run);
            double a, b, distance;
            slice_project(&sp, theta, &a, &b, &distance);
            if (!isfinite(a) || !isfinite(b))
                continue;
            lo[0] = fmin(lo[0], a), hi[0] = fmax(hi[0], a);
            lo[1] = fmin(lo[1], b), hi[1] = fmax(hi[1], b);
        }
    }
    double half_a = 0.5 * (hi[0] - lo[0]), half_b = 0.5 * (hi[1] - lo[1]);
    double half = fmax(half_a, GRID_ASPECT * half_b) * (1 + 2 * GRID_MARGIN);
    if (!(half > 0) || !isfinite(half))
        half = GRID_HALF_DEFAULT;
    double ca = 0.5 * (lo[0] + hi[0]), cb = 0.5 * (lo[1] + hi[1]);
    return (SliceGridDesc){ca - half, ca + half, cb - half / GRID_ASPECT,
                           cb + half / GRID_ASPECT, NET_STAGE_GRID, NET_STAGE_GRID};
}

/* The random plane: through the selected run now, along two
 * filter-normalised random directions (slice.h) drawn from the same seed
 * every time and normalised to the run's θ now, each unit's step the size
 * of its own weights (Li et al. 2018). */
static void random_directions(const NetStage *stage, Plane *plane)
{
    const double *now = net_run_theta(&stage->runs[stage->selected].run);
    Rng rng;
    rng_seed(&rng, rng_mix(stage->init_seed, SLICE_DIRECTION_KEY));
    memcpy(plane->center, now, stage->model.nparams * sizeof *plane->center);
    slice_random_direction(&stage->model, now, &rng, plane->d1);
    slice_random_direction(&stage->model, now, &rng, plane->d2);
    plane->kind = NET_SLICE_RANDOM;
}

/* Flips d so that its largest entry is positive: the same plane made
 * again a few updates later does not mirror the picture. */
static void orient(double *d, size_t n)
{
    size_t big = 0;
    for (size_t p = 1; p < n; p++)
        if (fabs(d[p]) > fabs(d[big]))
            big = p;
    if (d[big] < 0)
        for (size_t p = 0; p < n; p++)
            d[p] = -d[p];
}

/* Appends θ to points when it is finite. */
static void add_point(double *points, size_t *count, const double *theta, size_t n)
{
    for (size_t p = 0; p < n; p++)
        if (!isfinite(theta[p]))
            return;
    memcpy(points + (*count)++ * n, theta, n * sizeof *points);
}

/* Scales the points first to end (not included) about θ0 to a
 * root-mean-square distance of 1 from it (left as they are while they
 * have not moved). */
static void scale_to_unit(double *points, size_t first, size_t end, const double *theta0,
                          size_t n)
{
    double sum = 0.0;
    for (size_t t = first; t < end; t++)
        for (size_t p = 0; p < n; p++)
            sum += (points[t * n + p] - theta0[p]) * (points[t * n + p] - theta0[p]);
    double rms = sqrt(sum / (double)(end - first));
    if (!(rms > 0) || !isfinite(rms))
        return;
    for (size_t t = first; t < end; t++)
        for (size_t p = 0; p < n; p++)
            points[t * n + p] = theta0[p] + (points[t * n + p] - theta0[p]) / rms;
}

/* The PCA plane: through θ0 along the top two principal directions of
 * every run's keyframes and head (about PCA_POINTS of them, each run's
 * evenly thinned), each run's path scaled to one size first, so that a
 * short path shapes the plane as much as a long one (adam_vs_sgd_network:
 * fitted to the paths as they are, the plane held Adam's and left GD's
 * 4.84 off it, a path 12 px long beside Adam's 280); false (nothing
 * changed) when they span no plane yet, e.g. before the first update.
 * Each direction's share is of the paths' variance as they are. */
static bool pca_directions(const NetStage *stage, Plane *plane)
{
    size_t n = stage->model.nparams, per_run = PCA_POINTS / stage->run_count, count = 0;
    double *points = malloc(2 * (per_run + 1) * stage->run_count * n * sizeof *points);
    if (!points)
        return false;
    size_t ends[SCENE_MAX_RUNS];
    for (size_t i = 0; i < stage->run_count; i++) {
        const StageRun *sr = &stage->runs[i];
        size_t every = sr->key_count / per_run + 1;
        for (size_t k = 0; k < sr->key_count; k += every)
            add_point(points, &count,
                      optimizer_vec_view(keyframe(sr, k, stage->keysize), OPTVEC_THETA), n);
        add_point(points, &count, net_run_theta(&sr->run), n);
        ends[i] = count;
    }
    double *scaled = points + count * n;
    memcpy(scaled, points, count * n * sizeof *points);
    for (size_t i = 0; i < stage->run_count; i++)
        scale_to_unit(scaled, i > 0 ? ends[i - 1] : 0, ends[i], stage->theta0, n);
    DescentError err;
    bool made = slice_pca_directions(n, scaled, count, stage->theta0, plane->d1, plane->d2,
                                     NULL, &err);
    if (made) {
        orient(plane->d1, n);
        orient(plane->d2, n);
        slice_plane_shares(n, points, count, plane->d1, plane->d2, plane->explained);
        memcpy(plane->center, stage->theta0, n * sizeof *plane->center);
        plane->kind = NET_SLICE_PCA;
    }
    free(points);
    return made;
}

/* Where a plane's grid goes: around the runs' paths, or for the random
 * plane its fixed window. */
static SliceGridDesc plane_grid(const NetStage *stage, const Plane *plane)
{
    if (plane->kind != NET_SLICE_RANDOM)
        return grid_around(stage, plane);
    return (SliceGridDesc){-GRID_ASPECT * RANDOM_HALF, GRID_ASPECT * RANDOM_HALF, -RANDOM_HALF,
                           RANDOM_HALF, NET_STAGE_GRID, NET_STAGE_GRID};
}

/* Makes plane's directions through the selected run as it is now. */
static void make_directions(const NetStage *stage, Plane *plane)
{
    const double *now = net_run_theta(&stage->runs[stage->selected].run);
    size_t n = stage->model.nparams;
    plane->asked = stage->slice;
    if (stage->slice == NET_SLICE_RANDOM) {
        random_directions(stage, plane);
        return;
    }
    if (stage->slice == NET_SLICE_PCA && pca_directions(stage, plane))
        return;
    plane->kind = NET_SLICE_INIT;
    memcpy(plane->center, stage->theta0, n * sizeof *plane->center);
    double moved = 0;
    for (size_t p = 0; p < n; p++)
        moved += fabs(now[p] - stage->theta0[p]);
    Rng rng;
    rng_seed(&rng, rng_mix(stage->init_seed, SLICE_DIRECTION_KEY));
    if (moved > 0 && isfinite(moved)) {
        slice_init_directions(&stage->model, stage->theta0, now, &rng, plane->d1, plane->d2);
    } else {
        slice_random_direction(&stage->model, stage->theta0, &rng, plane->d1);
        slice_random_direction(&stage->model, stage->theta0, &rng, plane->d2);
    }
}

/* Starts computing a new plane through the runs as they are now. */
static bool start_plane(NetStage *stage, DescentError *err)
{
    Plane *plane = &stage->planes[1 - stage->shown];
    make_directions(stage, plane);
    plane->desc = plane_grid(stage, plane);
    plane->step = net_stage_shown_step(stage);
    plane->run = stage->selected;
    SlicePlane sp = {stage->model.nparams, plane->center, plane->d1, plane->d2};
    stage->refiner = slice_refiner_create(&stage->model, &stage->data.train, &sp, &plane->desc,
                                          plane->values, err);
    return stage->refiner != NULL;
}

bool net_stage_refine(NetStage *stage, size_t frames)
{
    measure_pending(stage, frames);
    size_t wait = frames < NET_STAGE_PENDING_FRAMES ? frames : NET_STAGE_PENDING_FRAMES;
    for (size_t i = 0; i < stage->run_count; i++)
        stage->runs[i].pending_max = wait * NET_STAGE_PENDING;
    DescentError err;
    if (!stage->refiner) {
        const Plane *shown = &stage->planes[stage->shown];
        if ((shown->step == net_stage_shown_step(stage) && shown->asked == stage->slice) ||
            !start_plane(stage, &err))
            return false;
    }
    size_t points = frames * NET_STAGE_SLICE_WORK / stage->data.train.n;
    if (!slice_refiner_step_points(stage->refiner, points > 0 ? points : 1, NET_STAGE_THREADS,
                                   &err) ||
        slice_refiner_stride(stage->refiner) > 0)
        return false;
    slice_refiner_destroy(stage->refiner);
    stage->refiner = NULL;
    stage->shown = 1 - stage->shown;
    stage->serial++;
    return true;
}

size_t net_stage_plane(const NetStage *stage, size_t *run)
{
    *run = stage->planes[stage->shown].run;
    return stage->planes[stage->shown].step;
}

const SliceGridDesc *net_stage_grid(const NetStage *stage, const double **values,
                                    unsigned *serial)
{
    *values = stage->planes[stage->shown].values;
    *serial = stage->serial;
    return &stage->planes[stage->shown].desc;
}

GridStats net_stage_sample(const NetStage *stage, ViewRect view, int width, int height,
                           float *dest)
{
    const Plane *plane = &stage->planes[stage->shown];
    const SliceGridDesc *g = &plane->desc;
    GridStats stats = {INFINITY, -INFINITY, 0};
    double ua = (g->nx - 1) / (g->a_max - g->a_min), ub = (g->ny - 1) / (g->b_max - g->b_min);
    for (int j = 0; j < height; j++) {
        double b = view.ymin + (j + 0.5) * (view.ymax - view.ymin) / height;
        double v = (b - g->b_min) * ub;
        for (int i = 0; i < width; i++) {
            double a = view.xmin + (i + 0.5) * (view.xmax - view.xmin) / width;
            double u = fmin(fmax((a - g->a_min) * ua, 0.0), g->nx - 1.0);
            double vc = fmin(fmax(v, 0.0), g->ny - 1.0);
            int i0 = (int)fmin(u, g->nx - 2), j0 = (int)fmin(vc, g->ny - 2);
            double fu = u - i0, fv = vc - j0;
            const double *row = plane->values + (size_t)j0 * (size_t)g->nx + i0;
            double lower = row[0] + fu * (row[1] - row[0]);
            double upper = row[g->nx] + fu * (row[g->nx + 1] - row[g->nx]);
            float value = (float)(lower + fv * (upper - lower));
            dest[(size_t)j * (size_t)width + (size_t)i] = value;
            if (isfinite(value)) {
                stats.min = fminf(stats.min, value);
                stats.max = fmaxf(stats.max, value);
            } else {
                stats.nonfinite++;
            }
        }
    }
    return stats;
}

size_t net_stage_path(const NetStage *stage, size_t i, NetPoint *dest)
{
    const Plane *plane = &stage->planes[stage->shown];
    const StageRun *sr = &stage->runs[i];
    SlicePlane sp = {stage->model.nparams, plane->center, plane->d1, plane->d2};
    size_t count = 0;
    for (size_t k = 0; k <= sr->key_count; k++) {
        const OptimizerVec *state =
            k < sr->key_count ? keyframe(sr, k, stage->keysize) : net_run_state(&sr->run);
        if (k == sr->key_count && count > 0 && dest[count - 1].step == (size_t)state->t)
            break;
        NetPoint *p = &dest[count++];
        slice_project(&sp, optimizer_vec_view(state, OPTVEC_THETA), &p->a, &p->b, &p->distance);
        p->step = (size_t)state->t;
    }
    return count;
}

/* ------------------------------------------------------------------------ */
/* Predictions                                                               */

typedef struct PredictJob {
    const NetStage *stage;
    const double *theta, *x;
    size_t count;
    int *classes;
    double *confidence;
} PredictJob;

/* Part t of NET_STAGE_THREADS of the points, on work t. */
static void predict_parts(void *context, size_t begin, size_t end)
{
    const PredictJob *job = context;
    size_t dim = (size_t)job->stage->model.sizes[0];
    for (size_t t = begin; t < end; t++) {
        size_t first = job->count * t / NET_STAGE_THREADS;
        size_t last = job->count * (t + 1) / NET_STAGE_THREADS;
        if (last > first)
            model_predict(&job->stage->model, job->theta, job->x + first * dim, last - first,
                          job->classes + first, job->confidence + first, job->stage->works[t]);
    }
}

/* The points are independent: the parts on threads of their own give what
 * one pass gives (the data panel draws a thousand of them a frame). */
void net_stage_predict(const NetStage *stage, size_t i, const double *x, size_t count,
                       int *classes, double *confidence)
{
    PredictJob job = {stage, net_run_theta(&stage->runs[i].run), x, count, classes, confidence};
    parallel_for(NET_STAGE_THREADS, NET_STAGE_THREADS, predict_parts, &job);
}

/* ------------------------------------------------------------------------ */
/* Life cycle and reading                                                    */

static bool plane_alloc(Plane *plane, size_t n)
{
    plane->center = calloc(n, sizeof *plane->center);
    plane->d1 = calloc(n, sizeof *plane->d1);
    plane->d2 = calloc(n, sizeof *plane->d2);
    plane->values = calloc((size_t)NET_STAGE_GRID * NET_STAGE_GRID, sizeof *plane->values);
    return plane->center && plane->d1 && plane->d2 && plane->values;
}

static void plane_free(Plane *plane)
{
    free(plane->center);
    free(plane->d1);
    free(plane->d2);
    free(plane->values);
}

/* Starts run i from spec at θ0. */
static bool start_run(NetStage *stage, const SceneOptions *options, size_t i, DescentError *err)
{
    OptimizerDesc desc;
    if (!optimizer_parse_vec(options->runs[i], stage->data.train.n, options->data, &desc, err))
        return false;
    if (!desc.seed_given && options->has_seed)
        desc.seed = options->seed;
    StageRun *sr = &stage->runs[i];
    sr->stride = 1;
    sr->keys = malloc(NET_STAGE_KEYFRAMES * stage->keysize);
    sr->pending = malloc(NET_STAGE_PENDING * stage->keysize);
    sr->pending_cap = sr->pending_max = NET_STAGE_PENDING;
    if (!sr->keys || !sr->pending) {
        free(sr->keys);
        free(sr->pending);
        sr->keys = sr->pending = NULL;
        return error_set(err, "out of memory for the network's runs");
    }
    if (!net_run_init(&sr->run, &stage->model, &stage->data, &desc, stage->theta0, 0, err)) {
        free(sr->keys);
        free(sr->pending);
        sr->keys = sr->pending = NULL;
        return false;
    }
    stage->run_count = i + 1;
    keep_keyframe(sr, stage->keysize);
    queue_measurement(sr, stage->keysize);
    return true;
}

static bool stage_build(NetStage *stage, const SceneOptions *options, DescentError *err)
{
    if (!model_parse(options->model, &stage->model, err))
        return false;
    if (!netdata_create(options->data, &stage->data, err))
        return false;
    if (!model_check_data(&stage->model, &stage->data.train, err))
        return false;
    if (options->run_count == 0)
        return error_set(err, "--model needs at least one --opt");
    size_t n = stage->model.nparams;
    stage->keysize = optimizer_vec_size(n);
    stage->init_seed = options->init_seed;
    stage->slice = options->slice;
    stage->model_spec = strdup(options->model);
    stage->data_spec = strdup(options->data);
    if (!stage->model_spec || !stage->data_spec)
        return error_set(err, "out of memory for the network");
    stage->theta0 = malloc(n * sizeof *stage->theta0);
    bool works = true;
    for (int t = 0; t < NET_STAGE_THREADS; t++) {
        stage->works[t] = model_work_create(&stage->model);
        works = works && stage->works[t];
    }
    if (!stage->theta0 || !works || !plane_alloc(&stage->planes[0], n) ||
        !plane_alloc(&stage->planes[1], n))
        return error_set(err, "out of memory for the network");
    Rng rng;
    rng_seed(&rng, options->init_seed);
    model_init(&stage->model, &rng, stage->theta0);
    for (size_t i = 0; i < options->run_count; i++)
        if (!start_run(stage, options, i, err))
            return false;
    /* The first picture whole, before any frame: later ones are refined
     * while the old one is shown. */
    Plane *first = &stage->planes[0];
    make_directions(stage, first);
    first->desc = plane_grid(stage, first);
    SlicePlane sp = {n, first->center, first->d1, first->d2};
    if (!slice_grid(&stage->model, &stage->data.train, &sp, &first->desc, NET_STAGE_THREADS,
                    first->values, err))
        return false;
    stage->serial = 1;
    return true;
}

NetStage *net_stage_create(const SceneOptions *options, DescentError *err)
{
    NetStage *stage = calloc(1, sizeof *stage);
    if (!stage) {
        error_set(err, "out of memory for the network");
        return NULL;
    }
    if (options->run_count > SCENE_MAX_RUNS) {
        error_set(err, "too many runs (%zu; at most %d)", options->run_count, SCENE_MAX_RUNS);
        net_stage_destroy(stage);
        return NULL;
    }
    if (!stage_build(stage, options, err)) {
        net_stage_destroy(stage);
        return NULL;
    }
    return stage;
}

void net_stage_destroy(NetStage *stage)
{
    if (!stage)
        return;
    for (size_t i = 0; i < stage->run_count; i++) {
        net_run_free(&stage->runs[i].run);
        free(stage->runs[i].keys);
        free(stage->runs[i].pending);
        free(stage->runs[i].sharpness);
        net_curvature_free(stage->runs[i].measuring);
    }
    slice_refiner_destroy(stage->refiner);
    plane_free(&stage->planes[0]);
    plane_free(&stage->planes[1]);
    for (int t = 0; t < NET_STAGE_THREADS; t++)
        model_work_destroy(stage->works[t]);
    free(stage->model_spec);
    free(stage->data_spec);
    free(stage->theta0);
    netdata_free(&stage->data);
    free(stage);
}

void net_stage_specs(const NetStage *stage, const char **model, const char **data,
                     uint64_t *init_seed)
{
    *model = stage->model_spec;
    *data = stage->data_spec;
    *init_seed = stage->init_seed;
}

const Model *net_stage_model(const NetStage *stage)
{
    return &stage->model;
}

const double *net_stage_theta0(const NetStage *stage)
{
    return stage->theta0;
}

const NetDataSplit *net_stage_data(const NetStage *stage)
{
    return &stage->data;
}

size_t net_stage_run_count(const NetStage *stage)
{
    return stage->run_count;
}

const NetRun *net_stage_run(const NetStage *stage, size_t i)
{
    return &stage->runs[i].run;
}

const char *net_stage_run_spec(const NetStage *stage, size_t i)
{
    return stage->runs[i].run.desc.spec;
}

void net_stage_select(NetStage *stage, size_t i)
{
    if (i < stage->run_count)
        stage->selected = i;
}

size_t net_stage_selected(const NetStage *stage)
{
    return stage->selected;
}

void net_stage_set_slice(NetStage *stage, NetSliceKind kind)
{
    if (kind == stage->slice)
        return;
    stage->slice = kind;
    /* The plane being computed is of the old kind: start again. */
    slice_refiner_destroy(stage->refiner);
    stage->refiner = NULL;
}

NetSliceKind net_stage_slice(const NetStage *stage)
{
    return stage->slice;
}

SlicePlane net_stage_slice_plane(const NetStage *stage, NetSliceKind *kind, double explained[2])
{
    const Plane *plane = &stage->planes[stage->shown];
    if (kind)
        *kind = plane->kind;
    if (explained)
        explained[0] = plane->explained[0], explained[1] = plane->explained[1];
    return (SlicePlane){stage->model.nparams, plane->center, plane->d1, plane->d2};
}
