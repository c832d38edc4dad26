/* net_starts.c — see net_starts.h. */
#include "net_starts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "net_run.h"
#include "netdata.h"
#include "optimizer.h"
#include "parallel.h"
#include "rng.h"

const char *const net_starts_figure_names[NET_STARTS_FIGURES] = {"held_out", "edge", "apart",
                                                                 "regions", "missed"};

/* One start's inputs, made on the thread that trains it. */
typedef struct Start {
    Model model;
    char data[SPEC_TEXT_MAX + 32];
    NetDataSplit split;
    OptimizerDesc desc[2];
    double *theta0;
} Start;

/* Start g's model, data, optimizers and θ0; false with err (naming the
 * start when it is not the first) when a spec is bad or memory is short. */
static bool start_open(const NetStartsRequest *q, size_t g, Start *s, DescentError *err)
{
    *s = (Start){0};
    snprintf(s->data, sizeof s->data, "%s%sseed=%zu", q->data, strchr(q->data, ':') ? "," : ":",
             g);
    if (!model_parse(q->model, &s->model, err) || !netdata_create(s->data, &s->split, err))
        return false;
    bool ok = model_check_data(&s->model, &s->split.train, err);
    for (int r = 0; r < 2 && ok; r++)
        ok = optimizer_parse_vec(q->specs[r], s->split.train.n, s->data, &s->desc[r], err);
    if (ok && !(s->theta0 = malloc(s->model.nparams * sizeof *s->theta0)))
        ok = error_set(err, "out of memory");
    if (!ok) {
        netdata_free(&s->split);
        return false;
    }
    Rng rng;
    rng_seed(&rng, q->init_seed + g);
    model_init(&s->model, &rng, s->theta0);
    return true;
}

static void start_close(Start *s)
{
    free(s->theta0);
    netdata_free(&s->split);
}

/* Trains run r of start s for q->updates, measuring its edge share. */
static bool train(const NetStartsRequest *q, const Start *s, int r, NetRun *run,
                  NetStartRun *dest, DescentError *err)
{
    if (!net_run_init(run, &s->model, &s->split, &s->desc[r], s->theta0, 0, err))
        return false;
    size_t steps = q->updates, window = steps - steps / 4, done = 0;
    double sum = 0;
    for (int c = 1; c <= NET_STARTS_CHECKS; c++) {
        size_t check = window + (steps - window) * (size_t)c / NET_STARTS_CHECKS;
        bool ok = true;
        net_run_advance(run, check - done, &ok, err);
        done = check;
        double sharpness, preconditioned;
        if (!ok || !net_run_curvature(run, net_run_state(run), &sharpness, &preconditioned, err))
            return false;
        sum += (net_run_preconditioned(&s->desc[r]) ? preconditioned : sharpness) /
               net_run_stability_line(&s->desc[r], (long)done);
    }
    const NetMetrics *m = &run->metrics[run->count - 1];
    const double *theta = net_run_theta(run);
    double square = 0;
    for (size_t i = 0; i < s->model.nparams; i++)
        square += (theta[i] - s->theta0[i]) * (theta[i] - s->theta0[i]);
    *dest = (NetStartRun){net_run_stability_line(&s->desc[r], (long)done), sum / NET_STARTS_CHECKS,
                          sqrt(square), m->train_acc, m->test_acc};
    return true;
}

static bool measure_start(const NetStartsRequest *q, size_t g, NetStartRow *row,
                          DescentError *err)
{
    Start s;
    if (!start_open(q, g, &s, err))
        return false;
    NetRun runs[2];
    bool ok = train(q, &s, 0, &runs[0], &row->run[0], err);
    if (ok) {
        ok = train(q, &s, 1, &runs[1], &row->run[1], err);
        if (ok) {
            const double *a = net_run_theta(&runs[0]), *b = net_run_theta(&runs[1]);
            double square = 0;
            for (size_t i = 0; i < s.model.nparams; i++)
                square += (a[i] - b[i]) * (a[i] - b[i]);
            row->apart = sqrt(square);
            ModelWork *work = model_work_create(&s.model);
            ok = work && model_regions_differ(&s.model, a, b, &s.split, work, &row->regions);
            if (!ok)
                error_set(err, "out of memory");
            model_work_destroy(work);
        }
        net_run_free(&runs[1]);
    }
    net_run_free(&runs[0]);
    start_close(&s);
    return ok;
}

/* A slice of starts on the request's threads, each writing only its row
 * and its own error. */
typedef struct Slice {
    const NetStartsRequest *request;
    NetStartRow *rows;
    size_t first;
    bool ok[PARALLEL_MAX_THREADS];
    DescentError errors[PARALLEL_MAX_THREADS];
} Slice;

static void measure_slice(void *context, size_t begin, size_t end)
{
    Slice *slice = context;
    for (size_t i = begin; i < end; i++)
        slice->ok[i] = measure_start(slice->request, slice->first + i,
                                     &slice->rows[slice->first + i], &slice->errors[i]);
}

bool net_starts_check(const NetStartsRequest *q, DescentError *err)
{
    if (q->count < 1 || q->count > NET_STARTS_MAX)
        return error_set(err, "starts must be a whole number from 1 to %d", NET_STARTS_MAX);
    if (q->updates < 4)
        return error_set(err, "starts: the runs need at least 4 updates (the last quarter "
                         "is measured), not %zu", q->updates);
    Start s;
    if (!start_open(q, 0, &s, err))
        return false;
    start_close(&s);
    return true;
}

NetStartsStatus net_starts_measure(const NetStartsRequest *q, NetStartRow *rows,
                                   DescentError *err)
{
    if (!net_starts_check(q, err))
        return NET_STARTS_FAILED;
    size_t width = q->threads < 1 ? 1 : (size_t)q->threads;
    width = width < PARALLEL_MAX_THREADS ? width : PARALLEL_MAX_THREADS;
    Slice *slice = malloc(sizeof *slice);
    if (!slice) {
        error_set(err, "out of memory");
        return NET_STARTS_FAILED;
    }
    NetStartsStatus status = NET_STARTS_DONE;
    for (size_t first = 0; first < q->count && status == NET_STARTS_DONE; first += width) {
        if (q->stop && atomic_load(q->stop)) {
            status = NET_STARTS_STOPPED;
            break;
        }
        size_t n = q->count - first < width ? q->count - first : width;
        slice->request = q, slice->rows = rows, slice->first = first;
        parallel_for(n, (int)n, measure_slice, slice);
        for (size_t i = 0; i < n && status == NET_STARTS_DONE; i++)
            if (!slice->ok[i]) {
                error_set(err, "start %zu: %s", first + i, slice->errors[i].message);
                status = NET_STARTS_FAILED;
            }
        if (status == NET_STARTS_DONE && q->done)
            q->done(q->context, first + n, rows);
    }
    free(slice);
    return status;
}

NetStartsTally net_starts_tally(const NetStartRow *rows, size_t count)
{
    NetStartsTally t = {.count = count, .apart_min = HUGE_VAL, .apart_max = -HUGE_VAL,
                        .regions_min = HUGE_VAL, .regions_max = -HUGE_VAL};
    for (int r = 0; r < 2; r++) {
        t.share_min[r] = t.moved_min[r] = t.miss_min[r] = HUGE_VAL;
        t.share_max[r] = t.moved_max[r] = t.miss_max[r] = -HUGE_VAL;
    }
    for (size_t g = 0; g < count; g++) {
        const NetStartRow *row = &rows[g];
        for (int r = 0; r < 2; r++) {
            const NetStartRun *run = &row->run[r];
            t.near_edge[r] += fabs(run->edge_share - 1) <= NET_STARTS_EDGE_BAND;
            t.share_min[r] = fmin(t.share_min[r], run->edge_share);
            t.share_max[r] = fmax(t.share_max[r], run->edge_share);
            t.moved_min[r] = fmin(t.moved_min[r], run->moved);
            t.moved_max[r] = fmax(t.moved_max[r], run->moved);
            t.miss_min[r] = fmin(t.miss_min[r], 1 - run->train_acc);
            t.miss_max[r] = fmax(t.miss_max[r], 1 - run->train_acc);
            t.higher[r] += run->test_acc > row->run[1 - r].test_acc;
        }
        t.apart_min = fmin(t.apart_min, row->apart);
        t.apart_max = fmax(t.apart_max, row->apart);
        t.regions_min = fmin(t.regions_min, row->regions);
        t.regions_max = fmax(t.regions_max, row->regions);
    }
    return t;
}
