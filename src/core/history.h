/*
 * history.h — what a walk keeps to go back in time: snapshots of its state
 * every few updates, and the parameter changes made along the way.
 *
 * Walks are deterministic (OptimizerState is plain data, noise comes from
 * its own seeded stream), so the state after any update is the nearest
 * snapshot at or before it stepped forward with the parameters each update
 * used.  Run (run.h) and Swarm (swarm.h) share these two pieces.
 *
 * Snapshots sit at updates that are multiples of a spacing.  When cap of
 * them are held the spacing doubles and every other one goes, so memory
 * stays at most cap × size bytes however long the walk, and a replay never
 * takes more than one spacing of updates (which grows with the walk's
 * length: about 2 × updates / cap).
 */
#ifndef DESCENT_CORE_HISTORY_H
#define DESCENT_CORE_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "optimizer.h"

typedef struct Snapshots {
    size_t size;            /* bytes of one snapshot */
    size_t cap;             /* most held at once (>= 2) */
    size_t first_spacing;   /* the spacing a cleared history starts with */
    size_t spacing;         /* snapshots sit at multiples of it */
    size_t count, allocated;
    size_t *steps;          /* ascending */
    unsigned char *data;    /* owned; count × size bytes */
} Snapshots;

/* An empty history of size-byte snapshots every spacing updates, at most
 * cap of them (cap 1 counts as 2; cap 0 keeps none, so every state is
 * rebuilt from the start).  Allocates nothing yet. */
void snapshots_init(Snapshots *s, size_t size, size_t spacing, size_t cap);
void snapshots_free(Snapshots *s);
/* Forgets every snapshot and goes back to the first spacing. */
void snapshots_clear(Snapshots *s);

/* Whether the state after update step should be kept: a multiple of the
 * spacing beyond the last one held. */
bool snapshots_due(const Snapshots *s, size_t step);
/* A slot for the state after update step (which must be due) for the
 * caller to fill with size bytes; thins first when cap are held.  NULL
 * when the step falls between the snapshots kept after thinning, or when
 * memory runs out: nothing is stored then, and replays just get longer. */
void *snapshots_add(Snapshots *s, size_t step);
/* The latest snapshot at or before step and its update in *found; NULL
 * when there is none. */
const void *snapshots_find(const Snapshots *s, size_t step, size_t *found);
/* Forgets the snapshots after update step. */
void snapshots_drop_after(Snapshots *s, size_t step);

/* One change of parameters: update `step` (0-based: made after step
 * updates) is the first to use after; the updates before used before. */
typedef struct ParamChange {
    size_t step;
    OptimizerDesc before, after;
} ParamChange;

typedef struct ChangeLog {
    ParamChange *items;     /* owned; ascending step */
    size_t count, capacity;
} ChangeLog;

void changes_free(ChangeLog *log);
/* Records a change made after step updates.  Changes after step are
 * forgotten (they belonged to a future that is no longer); a second change
 * at the same step merges into the first (its before stays).  Returns
 * false only when memory runs out (the log is unchanged then). */
bool changes_record(ChangeLog *log, size_t step, const OptimizerDesc *before,
                    const OptimizerDesc *after);
/* The parameters update k uses: the latest change at or before k, else
 * the first change's before, else current (no change recorded). */
const OptimizerDesc *changes_desc_at(const ChangeLog *log, const OptimizerDesc *current,
                                     size_t k);
/* Forgets the changes after update step. */
void changes_drop_after(ChangeLog *log, size_t step);

/* Makes desc the parameters of a walk from update step on, in place of
 * *current: θ, buffers and random stream stay, so desc must be of the same
 * optimizer kind, and desc's seed is replaced by current's (a seed only
 * says how a restart begins).  The change is recorded in log and the
 * snapshots after step are forgotten: they were computed with the old
 * parameters.  Errors: another optimizer kind, out of memory (nothing
 * changes then). */
bool history_reconfigure(ChangeLog *log, Snapshots *snapshots, size_t step,
                         OptimizerDesc *current, const OptimizerDesc *desc, DescentError *err);

/* What a change changed, e.g. "η 0.0625" (the learning rate, named as the
 * captions name it) or "noise 0.15, batch 4", written
 * to dest (cut to size); "" when nothing differs. */
void param_change_describe(const ParamChange *change, char *dest, size_t size);

#endif
