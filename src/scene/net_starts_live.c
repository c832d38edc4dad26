/*
 * net_starts_live.c — see net_starts_live.h.  The thread writes only
 * `measured`, under the lock; the scene's thread copies it into `shown`.
 */
#include "net_starts_live.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene/live_thread.h"

struct NetStartsLive {
    char model[SPEC_TEXT_MAX], data[SPEC_TEXT_MAX], specs[2][SPEC_TEXT_MAX];
    NetStartsRequest request;       /* its texts are the copies above */
    LiveThread thread;              /* its lock guards measured */
    NetStartRow rows[NET_STARTS_MAX]; /* net_starts_measure's (the thread's alone) */
    NetStartsPicture measured;      /* under lock */
    NetStartsPicture shown;         /* the scene's thread's */
};

/* Between two slices: the slice's threads are joined, nothing is held. */
static void rows_done(void *context, size_t done, const NetStartRow *rows)
{
    NetStartsLive *live = context;
    mtx_lock(&live->thread.lock);
    memcpy(live->measured.rows, rows, done * sizeof *rows);
    live->measured.measured = done;
    live_thread_rest(&live->thread);
    mtx_unlock(&live->thread.lock);
}

static int measure(void *context)
{
    NetStartsLive *live = context;
    DescentError err = {{0}};
    NetStartsStatus status = net_starts_measure(&live->request, live->rows, &err);
    mtx_lock(&live->thread.lock);
    if (status == NET_STARTS_FAILED)
        snprintf(live->measured.error, sizeof live->measured.error, "%s", err.message);
    live->measured.finished = true;
    live_thread_end(&live->thread);
    mtx_unlock(&live->thread.lock);
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
        .stop = &live->thread.stop,
    };
    live->measured.count = request->count;
    live->shown = live->measured;
    if (live_thread_start(&live->thread, measure, live))
        return live;
    free(live);
    error_set(err, "starts: cannot start their thread");
    return NULL;
}

void net_starts_live_destroy(NetStartsLive *live)
{
    if (!live)
        return;
    live_thread_destroy(&live->thread);
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
    return !live || live_thread_hold(&live->thread, wait);
}

void net_starts_live_release(NetStartsLive *live)
{
    if (live)
        live_thread_release(&live->thread);
}

void net_starts_live_update(NetStartsLive *live, bool paced)
{
    mtx_lock(&live->thread.lock);
    if (paced)
        live_thread_wait_end(&live->thread);
    live->shown = live->measured;
    mtx_unlock(&live->thread.lock);
}

const NetStartsPicture *net_starts_live_picture(const NetStartsLive *live)
{
    return &live->shown;
}
