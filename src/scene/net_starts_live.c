/*
 * net_starts_live.c — see net_starts_live.h.  The thread writes only
 * `measured`, under the lock; the scene's thread copies it into `shown`.
 */
#include "net_starts_live.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

struct NetStartsLive {
    char model[SPEC_TEXT_MAX], data[SPEC_TEXT_MAX], specs[2][SPEC_TEXT_MAX];
    NetStartsRequest request;       /* its texts are the copies above */
    atomic_bool stop;
    thrd_t thread;
    bool joined;
    mtx_t lock;
    cnd_t changed;
    bool held, resting;             /* under lock */
    NetStartRow rows[NET_STARTS_MAX]; /* net_starts_measure's (the thread's alone) */
    NetStartsPicture measured;      /* under lock */
    NetStartsPicture shown;         /* the scene's thread's */
};

/* Between two slices: the slice's threads are joined, nothing is held. */
static void rows_done(void *context, size_t done, const NetStartRow *rows)
{
    NetStartsLive *live = context;
    mtx_lock(&live->lock);
    memcpy(live->measured.rows, rows, done * sizeof *rows);
    live->measured.measured = done;
    cnd_broadcast(&live->changed);
    while (live->held && !atomic_load(&live->stop)) {
        live->resting = true;
        cnd_broadcast(&live->changed);
        cnd_wait(&live->changed, &live->lock);
    }
    live->resting = false;
    mtx_unlock(&live->lock);
}

static int measure(void *context)
{
    NetStartsLive *live = context;
    DescentError err = {{0}};
    NetStartsStatus status = net_starts_measure(&live->request, live->rows, &err);
    mtx_lock(&live->lock);
    if (status == NET_STARTS_FAILED)
        snprintf(live->measured.error, sizeof live->measured.error, "%s", err.message);
    live->measured.finished = true;
    cnd_broadcast(&live->changed);
    mtx_unlock(&live->lock);
    return 0;
}

NetStartsLive *net_starts_live_start(const NetStartsRequest *request, int threads,
                                     DescentError *err)
{
    if (!net_starts_check(request, err))
        return NULL;
    NetStartsLive *live = calloc(1, sizeof *live);
    if (!live) {
        error_set(err, "out of memory");
        return NULL;
    }
    snprintf(live->model, sizeof live->model, "%s", request->model);
    snprintf(live->data, sizeof live->data, "%s", request->data);
    for (int r = 0; r < 2; r++) {
        snprintf(live->specs[r], sizeof live->specs[r], "%s", request->specs[r]);
        snprintf(live->measured.specs[r], sizeof live->measured.specs[r], "%s",
                 request->specs[r]);
    }
    live->request = (NetStartsRequest){
        .model = live->model, .data = live->data, .init_seed = request->init_seed,
        .specs = {live->specs[0], live->specs[1]}, .updates = request->updates,
        .count = request->count, .threads = threads, .done = rows_done, .context = live,
        .stop = &live->stop,
    };
    atomic_init(&live->stop, false);
    live->measured.count = request->count;
    live->shown = live->measured;
    bool locked = mtx_init(&live->lock, mtx_plain) == thrd_success;
    bool signalled = locked && cnd_init(&live->changed) == thrd_success;
    if (signalled && thrd_create(&live->thread, measure, live) == thrd_success)
        return live;
    if (signalled)
        cnd_destroy(&live->changed);
    if (locked)
        mtx_destroy(&live->lock);
    free(live);
    error_set(err, "starts: cannot start their thread");
    return NULL;
}

void net_starts_live_destroy(NetStartsLive *live)
{
    if (!live)
        return;
    atomic_store(&live->stop, true);
    net_starts_live_release(live);
    if (!live->joined)
        thrd_join(live->thread, NULL);
    cnd_destroy(&live->changed);
    mtx_destroy(&live->lock);
    free(live);
}

bool net_starts_live_measures(const NetStartsLive *live, const NetStartsRequest *q)
{
    const NetStartsRequest *p = &live->request;
    return strcmp(p->model, q->model) == 0 && strcmp(p->data, q->data) == 0 &&
           strcmp(p->specs[0], q->specs[0]) == 0 && strcmp(p->specs[1], q->specs[1]) == 0 &&
           p->init_seed == q->init_seed && p->updates == q->updates && p->count == q->count;
}

bool net_starts_live_hold(NetStartsLive *live, bool wait)
{
    if (!live)
        return true;
    mtx_lock(&live->lock);
    live->held = true;
    while (wait && !live->resting && !live->measured.finished)
        cnd_wait(&live->changed, &live->lock);
    bool resting = live->resting, finished = live->measured.finished;
    mtx_unlock(&live->lock);
    if (finished && !live->joined) {
        thrd_join(live->thread, NULL);
        live->joined = true;
    }
    return resting || finished;
}

void net_starts_live_release(NetStartsLive *live)
{
    if (!live)
        return;
    mtx_lock(&live->lock);
    live->held = false;
    cnd_broadcast(&live->changed);
    mtx_unlock(&live->lock);
}

void net_starts_live_update(NetStartsLive *live, bool paced)
{
    mtx_lock(&live->lock);
    while (paced && !live->measured.finished)
        cnd_wait(&live->changed, &live->lock);
    live->shown = live->measured;
    mtx_unlock(&live->lock);
}

const NetStartsPicture *net_starts_live_picture(const NetStartsLive *live)
{
    return &live->shown;
}
