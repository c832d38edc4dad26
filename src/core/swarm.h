/*
 * swarm.h — N copies of one noisy run, stepped together.
 *
 * Particle i is exactly the run with seed desc.seed + i (bit for bit), so a
 * swarm is the distribution of the noisy process over seeds.  States live
 * in one contiguous array and are stepped in parallel chunks, each chunk
 * in blocks of particles laid out as structures of arrays so the compiler
 * vectorises across particles (AVX2 and AVX-512 builds picked at load
 * time); the results are the walkers' bits all the same.  Positions are
 * also kept as interleaved floats (x0, y0, x1, y1, ...) ready to draw.
 * A diverged particle stops and keeps its last finite position for drawing.
 * The swarm borrows the landscape; the caller owns the swarm.
 *
 * Like a run (run.h), a swarm keeps snapshots of every particle every few
 * updates (history.h), so swarm_seek can show it after any earlier update,
 * and parameter changes (swarm_reconfigure) are recorded by update.  A
 * snapshot holds every particle's state: the spacing is chosen so a replay
 * is about SWARM_REPLAY_PARTICLE_STEPS particle updates, and the snapshots
 * held at once take at most SWARM_SNAPSHOT_BYTES.  A swarm too large for
 * 4 of them in that (over about 180,000 particles) keeps none: going back
 * replays it from the start.
 */
#ifndef DESCENT_CORE_SWARM_H
#define DESCENT_CORE_SWARM_H

#include <stdbool.h>
#include <stddef.h>

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
/* The full state of particle i (0 <= i < count). */
const OptimizerState *swarm_particle(const Swarm *swarm, size_t i);

#endif
