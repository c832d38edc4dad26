/* swarm.c — see swarm.h. */
#include "swarm.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "parallel.h"

struct Swarm {
    const Landscape *landscape;
    OptimizerDesc desc;     /* the parameters of the next update */
    size_t count, steps;
    double x0, y0;          /* where the particles start */
    OptimizerState *states;
    float *positions;       /* interleaved x, y of the last finite position */
    unsigned char *stopped; /* 1 once a particle diverged or stalled */
    size_t advance_steps;   /* the steps of the parallel stretch in progress */
    Snapshots snapshots;    /* states, then positions, then stopped */
    ChangeLog changes;
};

/* Bytes of one snapshot of count particles. */
static size_t snapshot_size(size_t count)
{
    return count * (sizeof(OptimizerState) + 2 * sizeof(float) + 1);
}

Swarm *swarm_create(const Landscape *landscape, const OptimizerDesc *desc, double x0, double y0,
                    size_t count, DescentError *err)
{
    if (count < 1 || count > SWARM_MAX) {
        error_set(err, "particles=%zu is out of range [1, %d]", count, SWARM_MAX);
        return NULL;
    }
    Swarm *swarm = calloc(1, sizeof *swarm);
    if (!swarm)
        goto oom;
    swarm->landscape = landscape;
    swarm->desc = *desc;
    swarm->count = count;
    size_t spacing = SWARM_REPLAY_PARTICLE_STEPS / count;
    size_t cap = SWARM_SNAPSHOT_BYTES / snapshot_size(count);
    snapshots_init(&swarm->snapshots, snapshot_size(count), spacing ? spacing : 1,
                   cap < 4 ? 0 : cap);
    swarm->states = malloc(count * sizeof *swarm->states);
    swarm->positions = malloc(2 * count * sizeof *swarm->positions);
    swarm->stopped = malloc(count);
    if (!swarm->states || !swarm->positions || !swarm->stopped)
        goto oom;
    swarm_restart(swarm, x0, y0);
    return swarm;
oom:
    swarm_destroy(swarm);
    error_set(err, "out of memory for %zu particles", count);
    return NULL;
}

void swarm_destroy(Swarm *swarm)
{
    if (!swarm)
        return;
    free(swarm->states);
    free(swarm->positions);
    free(swarm->stopped);
    snapshots_free(&swarm->snapshots);
    changes_free(&swarm->changes);
    free(swarm);
}

/* Floats for drawing: finite doubles beyond float's range are clamped so no
 * infinity reaches a GPU buffer. */
static float drawable(double v)
{
    return (float)fmax(-(double)FLT_MAX, fmin((double)FLT_MAX, v));
}

/* Keeps every particle's state after the update just done when it is due. */
static void take_snapshot(Swarm *swarm)
{
    if (!snapshots_due(&swarm->snapshots, swarm->steps))
        return;
    unsigned char *slot = snapshots_add(&swarm->snapshots, swarm->steps);
    if (!slot)
        return;
    size_t n = swarm->count;
    memcpy(slot, swarm->states, n * sizeof *swarm->states);
    memcpy(slot + n * sizeof *swarm->states, swarm->positions, 2 * n * sizeof *swarm->positions);
    memcpy(slot + n * (sizeof *swarm->states + 2 * sizeof *swarm->positions), swarm->stopped, n);
}

static void restore_snapshot(Swarm *swarm, const unsigned char *slot, size_t step)
{
    size_t n = swarm->count;
    memcpy(swarm->states, slot, n * sizeof *swarm->states);
    memcpy(swarm->positions, slot + n * sizeof *swarm->states, 2 * n * sizeof *swarm->positions);
    memcpy(swarm->stopped, slot + n * (sizeof *swarm->states + 2 * sizeof *swarm->positions), n);
    swarm->steps = step;
}

/* Fresh particles at the start, about to take update 0. */
static void start_particles(Swarm *swarm)
{
    const OptimizerDesc *first = changes_desc_at(&swarm->changes, &swarm->desc, 0);
    for (size_t i = 0; i < swarm->count; i++) {
        optimizer_init(first, swarm->x0, swarm->y0, first->seed + i, &swarm->states[i]);
        swarm->positions[2 * i] = drawable(swarm->x0);
        swarm->positions[2 * i + 1] = drawable(swarm->y0);
        swarm->stopped[i] = 0;
    }
    swarm->steps = 0;
}

void swarm_restart(Swarm *swarm, double x0, double y0)
{
    swarm->x0 = x0;
    swarm->y0 = y0;
    swarm->changes.count = 0;
    snapshots_clear(&swarm->snapshots);
    start_particles(swarm);
    take_snapshot(swarm);
}

static void advance_chunk(void *context, size_t begin, size_t end)
{
    Swarm *swarm = context;
    for (size_t i = begin; i < end; i++) {
        if (swarm->stopped[i])
            continue;
        OptimizerState *state = &swarm->states[i];
        for (size_t k = 0; k < swarm->advance_steps; k++) {
            StepResult result = optimizer_step(&swarm->desc, swarm->landscape, state);
            if (result != STEP_OK) {
                swarm->stopped[i] = 1;
                break;
            }
        }
        if (isfinite(state->x) && isfinite(state->y)) {
            swarm->positions[2 * i] = drawable(state->x);
            swarm->positions[2 * i + 1] = drawable(state->y);
        }
    }
}

/* Steps in stretches that end where a snapshot is due or the parameters
 * change, so each stretch runs in parallel with one desc. */
void swarm_advance(Swarm *swarm, size_t steps, int threads)
{
    while (steps > 0) {
        size_t k = swarm->steps, spacing = swarm->snapshots.spacing;
        size_t stretch = swarm->snapshots.cap ? (k / spacing + 1) * spacing - k : steps;
        for (size_t c = 0; c < swarm->changes.count; c++)
            if (swarm->changes.items[c].step > k && swarm->changes.items[c].step - k < stretch)
                stretch = swarm->changes.items[c].step - k;
        if (stretch > steps)
            stretch = steps;
        swarm->desc = *changes_desc_at(&swarm->changes, &swarm->desc, k);
        swarm->advance_steps = stretch;
        parallel_for(swarm->count, threads, advance_chunk, swarm);
        swarm->steps += stretch;
        steps -= stretch;
        take_snapshot(swarm);
    }
    swarm->desc = *changes_desc_at(&swarm->changes, &swarm->desc, swarm->steps);
}

void swarm_seek(Swarm *swarm, size_t step, int threads)
{
    if (step == swarm->steps)
        return;
    size_t found = 0;
    const unsigned char *slot = snapshots_find(&swarm->snapshots, step, &found);
    if (swarm->steps < step && (!slot || swarm->steps >= found)) {
        swarm_advance(swarm, step - swarm->steps, threads);
        return;
    }
    if (slot)
        restore_snapshot(swarm, slot, found);
    else
        start_particles(swarm);
    swarm_advance(swarm, step - swarm->steps, threads);
}

bool swarm_reconfigure(Swarm *swarm, const OptimizerDesc *desc, DescentError *err)
{
    return history_reconfigure(&swarm->changes, &swarm->snapshots, swarm->steps, &swarm->desc,
                               desc, err);
}

const OptimizerDesc *swarm_desc(const Swarm *swarm)
{
    return &swarm->desc;
}

size_t swarm_count(const Swarm *swarm)
{
    return swarm->count;
}

size_t swarm_steps(const Swarm *swarm)
{
    return swarm->steps;
}

size_t swarm_diverged(const Swarm *swarm)
{
    size_t n = 0;
    for (size_t i = 0; i < swarm->count; i++)
        n += swarm->stopped[i];
    return n;
}

const float *swarm_positions(const Swarm *swarm)
{
    return swarm->positions;
}

const OptimizerState *swarm_particle(const Swarm *swarm, size_t i)
{
    return &swarm->states[i];
}
