/*
 * live_thread.c — see live_thread.h.
 */
#include "live_thread.h"

bool live_thread_start(LiveThread *t, thrd_start_t run, void *context)
{
    atomic_init(&t->stop, false);
    t->joined = t->held = t->resting = t->ended = false;
    bool locked = mtx_init(&t->lock, mtx_plain) == thrd_success;
    bool signalled = locked && cnd_init(&t->changed) == thrd_success;
    if (signalled && thrd_create(&t->thread, run, context) == thrd_success)
        return true;
    if (signalled)
        cnd_destroy(&t->changed);
    if (locked)
        mtx_destroy(&t->lock);
    return false;
}

void live_thread_destroy(LiveThread *t)
{
    atomic_store(&t->stop, true);
    live_thread_release(t);
    if (!t->joined)
        thrd_join(t->thread, NULL);
    cnd_destroy(&t->changed);
    mtx_destroy(&t->lock);
}

void live_thread_rest(LiveThread *t)
{
    cnd_broadcast(&t->changed);
    while (t->held && !atomic_load(&t->stop)) {
        t->resting = true;
        cnd_broadcast(&t->changed);
        cnd_wait(&t->changed, &t->lock);
    }
    t->resting = false;
}

void live_thread_end(LiveThread *t)
{
    t->ended = true;
    cnd_broadcast(&t->changed);
}

void live_thread_wait_end(LiveThread *t)
{
    while (!t->ended)
        cnd_wait(&t->changed, &t->lock);
}

bool live_thread_hold(LiveThread *t, bool wait)
{
    mtx_lock(&t->lock);
    t->held = true;
    while (wait && !t->resting && !t->ended)
        cnd_wait(&t->changed, &t->lock);
    bool resting = t->resting, ended = t->ended;
    mtx_unlock(&t->lock);
    /* Done, the thread may still be ending (freeing its own): it ends here. */
    if (ended && !t->joined) {
        thrd_join(t->thread, NULL);
        t->joined = true;
    }
    return resting || ended;
}

void live_thread_release(LiveThread *t)
{
    mtx_lock(&t->lock);
    t->held = false;
    cnd_broadcast(&t->changed);
    mtx_unlock(&t->lock);
}

bool live_thread_held(LiveThread *t)
{
    mtx_lock(&t->lock);
    bool held = t->held && t->resting;
    mtx_unlock(&t->lock);
    return held;
}
