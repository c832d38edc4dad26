/*
 * swarm.h — N copies of one noisy run, stepped together.
 *
 * Particle i is exactly the run with seed desc.seed + i (bit for bit), so a
 * swarm is the distribution of the noisy process over seeds.  States live
 * in blocks of particles laid out as structures of arrays (one array per
 * field of OptimizerState), the layout the update steps in, so the
 * compiler vectorises across particles (AVX2 and AVX-512 builds picked at
 * load time) and a stretch of updates copies a block in and out whole;
 * blocks are stepped in parallel chunks, and the results are the walkers'
 * bits all the same.  A block keeps only what an update reads (θ, the
 * random stream, the optimizer's buffers, flow's step size, the batch
 * key: 112 bytes a particle, of which plain sgd streams 48); the update
 * count, gradient, step and rate an update leaves are rebuilt when a
 * particle is asked for (swarm_particle).  Positions are also kept as interleaved floats (x0,
 * y0, x1, y1, ...) ready to draw.  The blocks and positions, past 2 MB,
 * ask the system for huge pages (a million particles' stretch walks them
 * all).
 * A diverged particle stops and keeps its last finite position for drawing.
 * The swarm borrows the landscape; the caller owns the swarm.
 *
 * Like a run (run.h), a swarm keeps snapshots of every particle every few
 * updates (history.h), so swarm_seek can show it after any earlier update,
 * and parameter changes (swarm_reconfigure) are recorded by update.  A
 * snapshot holds every particle's blocks: the spacing is chosen so a replay
 * is about SWARM_REPLAY_PARTICLE_STEPS particle updates, and the snapshots
 * held at once take at most SWARM_SNAPSHOT_BYTES.  A swarm too large for
 * 4 of them in that (over about 270,000 particles) keeps none: going back
 * replays it from the start.
 */
#ifndef DESCENT_CORE_SWARM_H
#define DESCENT_CORE_SWARM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "landscape.h"
#include "optimizer.h"

typedef struct Swarm Swarm;

/* Errors: count out of 1..SWARM_MAX, out of memory. */
#define SWARM_MAX 1000000
Swarm *swarm_create(const Landscape *landscape, const OptimizerDesc *desc,
                    double x0, double y0, size_t count, DescentError *err);
void swarm_destroy(Swarm *swarm);

#define SWARM_REPLAY_PARTICLE_STEPS 400000
#define SWARM_SNAPSHOT_BYTES ((size_t)128 << 20)

/* Moves every particle back to (x0, y0) with fresh states and the current
 * parameters, forgetting the history. */
void swarm_restart(Swarm *swarm, double x0, double y0);

/* Performs steps updates on every live particle, on up to threads threads
 * (1 = the calling thread only). */
void swarm_advance(Swarm *swarm, size_t steps, int threads);

/* Shows the swarm after step updates: from the nearest snapshot at or
 * before it (or from where it is, when that is nearer), stepped forward
 * with the parameters each update used. */
void swarm_seek(Swarm *swarm, size_t step, int threads);

/* From the next update on, every particle uses desc (same optimizer kind);
 * states and random streams stay.  Snapshots after the current update are
 * forgotten.  Errors: another optimizer kind, out of memory. */
bool swarm_reconfigure(Swarm *swarm, const OptimizerDesc *desc, DescentError *err);
/* The parameters the next update uses. */
const OptimizerDesc *swarm_desc(const Swarm *swarm);

size_t swarm_count(const Swarm *swarm);
/* Updates performed so far. */
size_t swarm_steps(const Swarm *swarm);
/* Particles that have diverged. */
size_t swarm_diverged(const Swarm *swarm);
/* Interleaved float positions, 2 * count floats, valid until the next call
 * that changes the swarm. */
const float *swarm_positions(const Swarm *swarm);
/* The full state of particle i (0 <= i < count): what its block keeps, and
 * its update count, last gradient, step and rate from its walker loop
 * replayed from the latest snapshot in which it was live (or the start),
 * the same bits.  A query costs up to a snapshot spacing of updates
 * (SWARM_REPLAY_PARTICLE_STEPS / count), or the updates so far for a swarm
 * that keeps no snapshots. */
OptimizerState swarm_particle(const Swarm *swarm, size_t i);

/* First passages: many independent walkers of one optimizer, each stepped
 * until x first reaches its goal (the mean first-passage times of the
 * experiments, experiment.h).  Walker i is desc with noise walkers[i].noise,
 * started at (x0, y0) with seed walkers[i].seed; its walk ends after the
 * update that takes x to goal or beyond (seen from x0), after cap updates,
 * or before an update that diverges (not counted), exactly as
 *   while (steps < cap && x is short of goal && optimizer_step(...) == STEP_OK) steps++;
 * would end it: the same bits, on any number of threads.  When desc's
 * update is the same at every update count (gd and sgd without momentum at
 * a constant rate, full gradient, isotropic noise) and every noise is
 * positive, the walkers run in the lanes above, a lane taking the next
 * walker as soon as its own walk ends, so the lanes stay full; the walkers
 * are taken in their order (put the longest walks first, so the short ones
 * fill in at the end), on the threads given, sharing one queue.  Else each
 * thread steps its walkers one by one. */
typedef struct SwarmPassage {
    double x0, y0;   /* the start */
    double goal;     /* the x that ends the walk */
    double noise;    /* desc's noise= for this walker */
    uint64_t seed;
    size_t cap;      /* updates at most */
    size_t steps;    /* out: the updates it took */
    bool reached;    /* out: x got to goal (else the cap or divergence ended it) */
    bool finished;   /* out: its walk has ended (steps and reached are final) */
} SwarmPassage;

typedef struct SwarmPassages SwarmPassages;

/* Prepares the walks; walkers (count of them) are borrowed until
 * swarm_passages_destroy, and their out fields written as walks end.
 * Errors: out of memory. */
SwarmPassages *swarm_passages_create(const Landscape *landscape, const OptimizerDesc *desc,
                                     SwarmPassage *walkers, size_t count, int threads,
                                     DescentError *err);
/* Steps the walks on for about `updates` walker updates a thread (between
 * two calls the caller may read which walks have finished); returns the
 * updates taken, 0 once every walk has ended. */
size_t swarm_passages_advance(SwarmPassages *passages, size_t updates);
void swarm_passages_destroy(SwarmPassages *passages);

#endif
