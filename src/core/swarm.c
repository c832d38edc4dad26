/* swarm.c — see swarm.h. */
#include "swarm.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "parallel.h"

struct Swarm {
    const Landscape *landscape;
    OptimizerDesc desc;
    size_t count, steps;
    OptimizerState *states;
    float *positions;       /* interleaved x, y of the last finite position */
    unsigned char *stopped; /* 1 once a particle diverged or stalled */
    size_t advance_steps;   /* the steps of the swarm_advance in progress */
};

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
    free(swarm);
}

/* Floats for drawing: finite doubles beyond float's range are clamped so no
 * infinity reaches a GPU buffer. */
static float drawable(double v)
{
    return (float)fmax(-(double)FLT_MAX, fmin((double)FLT_MAX, v));
}

void swarm_restart(Swarm *swarm, double x0, double y0)
{
    for (size_t i = 0; i < swarm->count; i++) {
        optimizer_init(&swarm->desc, x0, y0, swarm->desc.seed + i, &swarm->states[i]);
        swarm->positions[2 * i] = drawable(x0);
        swarm->positions[2 * i + 1] = drawable(y0);
        swarm->stopped[i] = 0;
    }
    swarm->steps = 0;
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

void swarm_advance(Swarm *swarm, size_t steps, int threads)
{
    swarm->advance_steps = steps;
    parallel_for(swarm->count, threads, advance_chunk, swarm);
    swarm->steps += steps;
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
