/*
 * net_starts_live.h — a lesson step's starts (core/net_starts.h: its two
 * runs again from many starts) measured on a thread of its own beside the
 * stage, and what is measured so far, which the renderer draws as a panel
 * (net_starts_view.c) filling in a slice of starts at a time.
 *
 * As experiment_live.h's: the thread hands rows over under a lock and
 * net_starts_live_update, called once per frame from the scene's thread,
 * copies them into the picture the renderer reads, so a frame never waits
 * for a measurement; except when paced (recordings): then the first
 * update waits for every start, so each frame shows every row and the
 * frames depend on nothing but the lesson (about 14 s of CPU for
 * adam_vs_sgd_network's 20 starts of 2 × 2000 updates).  A hold keeps the
 * thread at rest between two slices for the lesson loader's fork
 * (live_thread.h says why).
 */
#ifndef DESCENT_SCENE_NET_STARTS_LIVE_H
#define DESCENT_SCENE_NET_STARTS_LIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/net_starts.h"

typedef struct NetStartsPicture {
    size_t count;                       /* the starts asked for */
    size_t measured;                    /* rows [0, measured) are in */
    NetStartRow rows[NET_STARTS_MAX];
    char specs[2][SPEC_TEXT_MAX];       /* the two runs compared */
    bool finished;                      /* every row in, or the measurement failed */
    char error[DESCENT_ERROR_MAX];      /* why it failed; "" */
} NetStartsPicture;

typedef struct NetStartsLive NetStartsLive;

/* Checks the request (net_starts_check's messages) and starts measuring
 * it on threads threads (the request's own threads, done, context and
 * stop are the live measurement's); NULL with err set when the request is
 * bad or memory or a thread is short.  The request's texts are copied. */
NetStartsLive *net_starts_live_start(const NetStartsRequest *request, int threads,
                                     DescentError *err);
/* Stops the measurement (after the slice of starts under way) and frees it. */
void net_starts_live_destroy(NetStartsLive *live);

/* Whether live measures request (the same specs, seeds, updates and count). */
bool net_starts_live_measures(const NetStartsLive *live, const NetStartsRequest *request);

/* live_thread_hold's and _release's (live_thread.h), at the rest between
 * two slices of starts; on NULL: true, nothing to hold. */
bool net_starts_live_hold(NetStartsLive *live, bool wait);
void net_starts_live_release(NetStartsLive *live);

/* Brings the picture up to what is measured (paced: waiting for all). */
void net_starts_live_update(NetStartsLive *live, bool paced);
/* The picture as the last update left it (owned by live). */
const NetStartsPicture *net_starts_live_picture(const NetStartsLive *live);

#endif
