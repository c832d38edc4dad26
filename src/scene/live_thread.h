/*
 * live_thread.h — a measurement on a thread of its own beside the stage,
 * which the scene's thread can hold at rest between two slices of its
 * work: what experiment_live.h and net_starts_live.h share.
 *
 * The owner embeds a LiveThread and keeps its measured figures under
 * `lock`; the thread's function (given to live_thread_start) calls
 * live_thread_rest with the lock held between two slices, where no worker
 * thread runs and it is inside no allocation, and live_thread_end with the
 * lock held once it is done.  A hold (live_thread_hold) keeps it at that
 * rest until released: for a fork, as a child forked while the thread
 * allocated could wait for ever on a lock the thread held (the lesson
 * loader's, lesson/lesson_load.c).
 */
#ifndef DESCENT_SCENE_LIVE_THREAD_H
#define DESCENT_SCENE_LIVE_THREAD_H

#include <stdatomic.h>
#include <stdbool.h>
#include <threads.h>

typedef struct LiveThread {
    atomic_bool stop;   /* set once the owner is being destroyed: the work ends
                           within a slice (the core's stop flag points here) */
    thrd_t thread;
    bool joined;        /* the thread has been joined (a hold found it done) */
    mtx_t lock;         /* guards the fields below and the owner's measured figures */
    cnd_t changed;
    bool held, resting; /* a hold asked for; the thread rests */
    bool ended;         /* the thread's function is done (live_thread_end) */
} LiveThread;

/* Starts run(context) on a thread of its own; false (nothing to undo)
 * when a lock or the thread cannot be made. */
bool live_thread_start(LiveThread *t, thrd_start_t run, void *context);
/* Stops the work (within a slice), lets a hold go, joins the thread and
 * frees the lock; before the owner is freed. */
void live_thread_destroy(LiveThread *t);

/* From the thread, with the lock held, between two slices: tells the
 * owner's waiters that figures changed, and rests while a hold stands. */
void live_thread_rest(LiveThread *t);
/* From the thread, with the lock held, when the work is done. */
void live_thread_end(LiveThread *t);
/* With the lock held: waits until the work is done. */
void live_thread_wait_end(LiveThread *t);

/* Holds the thread at its next rest, or finished, its thread joined.
 * Returns whether it rests (or ended) now; with wait, once it does, which
 * takes at most a slice of the work.  Without, the hold stands, so a
 * later call finds it resting, until live_thread_release (or destroy). */
bool live_thread_hold(LiveThread *t, bool wait);
void live_thread_release(LiveThread *t);
/* Whether the thread waits in a hold now; false once it has ended. */
bool live_thread_held(LiveThread *t);

#endif
