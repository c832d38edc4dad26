/* swarm.c — see swarm.h. */
#include "swarm.h"

#include <float.h>
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "history.h"
#include "optimizer_rule.h"
#include "parallel.h"

/* Particles live in blocks of SWARM_LANES, each field of their states an
 * array over the block's lanes (LaneBlock, below), the layout the lanes
 * step in: a stretch copies a block in and out whole, not particle by
 * particle. */
typedef struct LaneBlock LaneBlock;

struct Swarm {
    const Landscape *landscape;
    LandscapeGrad grad;     /* the landscape's inlinable gradient, if any */
    OptimizerDesc desc;     /* the parameters of the next update */
    size_t count, steps;
    double x0, y0;          /* where the particles start */
    LaneBlock *blocks;      /* count / SWARM_LANES of them, rounded up */
    size_t block_count;
    float *positions;       /* interleaved x, y of the last finite position */
    unsigned char *stopped; /* 1 once a particle diverged or stalled */
    size_t advance_steps;   /* the steps of the parallel stretch in progress */
    atomic_size_t next_block; /* the stretch's next block for a thread to take */
    size_t share_blocks;    /* blocks a thread takes at a time */
    Snapshots snapshots;    /* blocks, then positions, then stopped */
    ChangeLog changes;
};

/* Up to SWARM_LANES particles stepped together in structure-of-arrays form.
 * Each coordinate array holds the lanes' x values, then their y values, so
 * rule_apply runs the very per-coordinate rule a walker runs over its 2
 * coordinates (optimizer_step) over 2 * SWARM_LANES, and the compiler
 * vectorises across particles; every lane takes the same operations in the
 * same order as its walker would, so the results are the same bits.  A
 * swarm's block is stepped where it lies (advance_lanes); the lanes' own
 * states hold a copy when some of its lanes are stopped, and a first
 * passage's walkers.  The lanes live on the stack (about 10 KB) and stay in
 * the L1 cache for the whole stretch. */
#define SWARM_LANES 64
_Static_assert(SWARM_LANES <= 64, "lanes_normals keeps a bit for each lane in a uint64_t");

/* What an update reads and changes in the lanes' walkers, a field to an
 * array: θ and the random streams first, then the buffers, which the
 * plain sgd family never touches.  The gradient and step an update leaves
 * are not kept: no update reads them, and a swarm's are replayed when a
 * particle is asked for (swarm_particle). */
typedef struct LaneStates {
    double theta[2 * SWARM_LANES];
    uint64_t rng[4][SWARM_LANES];  /* each lane's xoshiro256** state */
    double buf[2 * SWARM_LANES], sq[2 * SWARM_LANES], aux[2 * SWARM_LANES];
} LaneStates;

/* A swarm's block of particles: the fields of their OptimizerStates that
 * updates read.  Not t: every live particle has made the swarm's updates;
 * nor lr_used, which no update reads (swarm_particle replays it, and a
 * stopped particle's t).  Lanes past the swarm's count hold zeros. */
struct LaneBlock {
    LaneStates s;
    double flow_h[SWARM_LANES];
    uint64_t batch_key[SWARM_LANES];
};

typedef struct Lanes {
    LaneStates s;
    long t;         /* updates done by every live lane */
    double g[2 * SWARM_LANES];     /* the decayed gradient the rule takes */
    double noise[2 * SWARM_LANES]; /* the update's standard normals */
    double sigma[2 * SWARM_LANES]; /* each lane's noise= (a swarm's: all desc's) */
    uint64_t bits[SWARM_LANES];
    bool done[SWARM_LANES];        /* stopped or empty, and its walker written back */
} Lanes;

static void lane_rng_get(const LaneStates *s, size_t j, Rng *rng)
{
    for (int w = 0; w < 4; w++)
        rng->s[w] = s->rng[w][j];
}

static void lane_rng_set(LaneStates *s, size_t j, const Rng *rng)
{
    for (int w = 0; w < 4; w++)
        s->rng[w][j] = rng->s[w];
}

/* Lane j of s into the fields of dest that updates read. */
static void lane_get(const LaneStates *s, size_t j, OptimizerState *dest)
{
    dest->x = s->theta[j];
    dest->y = s->theta[SWARM_LANES + j];
    for (int c = 0; c < 2; c++) {
        size_t k = (size_t)c * SWARM_LANES + j;
        dest->buf[c] = s->buf[k];
        dest->sq[c] = s->sq[k];
        dest->aux[c] = s->aux[k];
    }
    lane_rng_get(s, j, &dest->rng);
}

/* The reverse of lane_get. */
static void lane_set(LaneStates *s, size_t j, const OptimizerState *src)
{
    s->theta[j] = src->x;
    s->theta[SWARM_LANES + j] = src->y;
    for (int c = 0; c < 2; c++) {
        size_t k = (size_t)c * SWARM_LANES + j;
        s->buf[k] = src->buf[c];
        s->sq[k] = src->sq[c];
        s->aux[k] = src->aux[c];
    }
    lane_rng_set(s, j, &src->rng);
}

/* Particle i of blocks, ready for update t: the fields updates read. */
static OptimizerState particle_get(const LaneBlock *blocks, size_t i, size_t t)
{
    const LaneBlock *b = &blocks[i / SWARM_LANES];
    size_t j = i % SWARM_LANES;
    OptimizerState s = {0};
    lane_get(&b->s, j, &s);
    s.t = (long)t;
    s.flow_h = b->flow_h[j];
    s.batch_key = b->batch_key[j];
    return s;
}

static void particle_set(Swarm *swarm, size_t i, const OptimizerState *s)
{
    LaneBlock *b = &swarm->blocks[i / SWARM_LANES];
    size_t j = i % SWARM_LANES;
    lane_set(&b->s, j, s);
    b->flow_h[j] = s->flow_h;
    b->batch_key[j] = s->batch_key;
}

/* Zeroed memory for n things of size bytes; past a huge page's 2 MB, in
 * huge pages where the system gives them on request (Linux's transparent
 * huge pages set to madvise).  A million particles' blocks span 28,000 4 KB
 * pages, and a stretch of 2 updates walks them all: in 2 MB pages the
 * same stretch took 8-10% less CPU, the same bits. */
static void *calloc_huge(size_t n, size_t size)
{
    size_t huge = (size_t)2 << 20, bytes = n * size;
#ifdef MADV_HUGEPAGE
    if (bytes >= huge) {
        bytes = (bytes + huge - 1) / huge * huge;
        void *p = aligned_alloc(huge, bytes);
        if (!p)
            return NULL;
        madvise(p, bytes, MADV_HUGEPAGE);
        return memset(p, 0, bytes);
    }
#endif
    (void)huge;
    return calloc(n, size);
}

/* Bytes of one snapshot of count particles. */
static size_t snapshot_size(size_t count)
{
    size_t blocks = (count + SWARM_LANES - 1) / SWARM_LANES;
    return blocks * sizeof(LaneBlock) + count * (2 * sizeof(float) + 1);
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
    atomic_init(&swarm->next_block, 0);
    swarm->landscape = landscape;
    swarm->grad = landscape_grad_form(landscape);
    swarm->desc = *desc;
    swarm->count = count;
    swarm->block_count = (count + SWARM_LANES - 1) / SWARM_LANES;
    size_t spacing = SWARM_REPLAY_PARTICLE_STEPS / count;
    size_t cap = SWARM_SNAPSHOT_BYTES / snapshot_size(count);
    snapshots_init(&swarm->snapshots, snapshot_size(count), spacing ? spacing : 1,
                   cap < 4 ? 0 : cap);
    swarm->blocks = calloc_huge(swarm->block_count, sizeof *swarm->blocks);
    swarm->positions = calloc_huge(2 * count, sizeof *swarm->positions);
    swarm->stopped = malloc(count);
    if (!swarm->blocks || !swarm->positions || !swarm->stopped)
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
    free(swarm->blocks);
    free(swarm->positions);
    free(swarm->stopped);
    snapshots_free(&swarm->snapshots);
    changes_free(&swarm->changes);
    free(swarm);
}

/* Floats for drawing: doubles beyond float's range, infinities included,
 * are clamped so no infinity reaches a GPU buffer (callers pass no NaN).
 * On the bits, not by comparing doubles: without -ffinite-math-only GCC
 * calls libm for fmin/fmax (a quarter of a 100,000-particle swarm's time
 * at a step or two a frame), and with -ftrapping-math it will not turn a
 * comparison of doubles into a select, which left lanes_keep's loop
 * scalar (8% of a 1M swarm's time). */
static inline __attribute__((always_inline)) float drawable(double v)
{
    const double limit = (double)FLT_MAX;
    int64_t bits, max;
    memcpy(&bits, &v, sizeof bits);
    memcpy(&max, &limit, sizeof max);
    int64_t magnitude = bits & INT64_MAX;
    int64_t clamped = magnitude > max ? (bits & INT64_MIN) | max : bits;
    double c;
    memcpy(&c, &clamped, sizeof c);
    return (float)c;
}

/* Keeps every particle's state after the update just done when it is due. */
static void take_snapshot(Swarm *swarm)
{
    if (!snapshots_due(&swarm->snapshots, swarm->steps))
        return;
    unsigned char *slot = snapshots_add(&swarm->snapshots, swarm->steps);
    if (!slot)
        return;
    size_t n = swarm->count, blocks = swarm->block_count * sizeof *swarm->blocks;
    memcpy(slot, swarm->blocks, blocks);
    memcpy(slot + blocks, swarm->positions, 2 * n * sizeof *swarm->positions);
    memcpy(slot + blocks + 2 * n * sizeof *swarm->positions, swarm->stopped, n);
}

static void restore_snapshot(Swarm *swarm, const unsigned char *slot, size_t step)
{
    size_t n = swarm->count, blocks = swarm->block_count * sizeof *swarm->blocks;
    memcpy(swarm->blocks, slot, blocks);
    memcpy(swarm->positions, slot + blocks, 2 * n * sizeof *swarm->positions);
    memcpy(swarm->stopped, slot + blocks + 2 * n * sizeof *swarm->positions, n);
    swarm->steps = step;
}

/* Fresh particles at the start, about to take update 0. */
static void start_particles(Swarm *swarm)
{
    const OptimizerDesc *first = changes_desc_at(&swarm->changes, &swarm->desc, 0);
    for (size_t i = 0; i < swarm->count; i++) {
        OptimizerState s;
        optimizer_init(first, swarm->x0, swarm->y0, first->seed + i, &s);
        particle_set(swarm, i, &s);
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

/* The walkers' own loop, for what the lanes below do not take: newton (a
 * Hessian per particle), flow (an integrator per particle), minibatches (a
 * batch per particle), noise shaped by the Hessian and label noise.  Each
 * walker is taken out of its block for the stretch and put back. */
static void advance_walkers(Swarm *swarm, size_t begin, size_t end)
{
    for (size_t i = begin; i < end; i++) {
        if (swarm->stopped[i])
            continue;
        OptimizerState state = particle_get(swarm->blocks, i, swarm->steps);
        for (size_t k = 0; k < swarm->advance_steps; k++) {
            StepResult result = optimizer_step(&swarm->desc, swarm->landscape, &state);
            if (result != STEP_OK) {
                swarm->stopped[i] = 1;
                break;
            }
        }
        particle_set(swarm, i, &state);
        if (isfinite(state.x) && isfinite(state.y)) {
            swarm->positions[2 * i] = drawable(state.x);
            swarm->positions[2 * i + 1] = drawable(state.y);
        }
    }
}

static void lanes_clear(Lanes *lanes, size_t j)
{
    lanes->s.theta[j] = lanes->s.theta[SWARM_LANES + j] = 0;
    lanes->s.buf[j] = lanes->s.buf[SWARM_LANES + j] = 0;
    lanes->s.sq[j] = lanes->s.sq[SWARM_LANES + j] = 0;
    lanes->s.aux[j] = lanes->s.aux[SWARM_LANES + j] = 0;
}

/* Puts walker s, whose noise is sigma, into lane j. */
static void lane_put(Lanes *lanes, size_t j, const OptimizerState *s, double sigma)
{
    lane_set(&lanes->s, j, s);
    lanes->sigma[j] = lanes->sigma[SWARM_LANES + j] = sigma;
}

/* Writes lane j back into its walker: the fields updates read. */
static void lanes_store(const Lanes *lanes, size_t j, OptimizerState *s)
{
    lane_get(&lanes->s, j, s);
    s->t = lanes->t;
}

/* Readies the lanes for block b of the swarm: its stopped and empty lanes
 * done and without noise, the rest at the swarm's update count; returns
 * the live lanes.  Inlined into the lanes' clones, the stopped flags read
 * in a loop of their own without the count's test. */
static inline __attribute__((always_inline)) size_t lanes_load(Lanes *lanes, const Swarm *swarm,
                                                               size_t b)
{
    size_t first = b * SWARM_LANES, live = 0;
    size_t n = swarm->count - first < SWARM_LANES ? swarm->count - first : SWARM_LANES;
    lanes->t = (long)swarm->steps;
    for (size_t j = 0; j < n; j++)
        lanes->done[j] = swarm->stopped[first + j] != 0;
    for (size_t j = n; j < SWARM_LANES; j++)
        lanes->done[j] = true;
    for (size_t j = 0; j < SWARM_LANES; j++) {
        double sigma = lanes->done[j] ? 0.0 : swarm->desc.noise;
        lanes->sigma[j] = lanes->sigma[SWARM_LANES + j] = sigma;
        live += !lanes->done[j];
    }
    return live;
}

/* Copies block b's states into the lanes, the done lanes zeroed so they
 * compute nothing costly (their states stay in the block as they ended). */
static void lanes_copy_in(Lanes *lanes, const Swarm *swarm, size_t b)
{
    lanes->s = swarm->blocks[b].s;
    for (size_t j = 0; j < SWARM_LANES; j++)
        if (lanes->done[j])
            lanes_clear(lanes, j);
}

/* Writes live lane j back into block b. */
static void lanes_store_block(const Lanes *lanes, Swarm *swarm, size_t b, size_t j)
{
    OptimizerState state;
    lanes_store(lanes, j, &state);
    lane_set(&swarm->blocks[b].s, j, &state);
}

/* Lane j's position in s, for drawing, into xy[2 j], xy[2 j + 1]. */
static inline __attribute__((always_inline)) void lane_keep_position(float *xy,
                                                                     const LaneStates *s,
                                                                     size_t j)
{
    xy[2 * j] = drawable(s->theta[j]);
    xy[2 * j + 1] = drawable(s->theta[SWARM_LANES + j]);
}

/* Ends a stretch of block b stepped in s: the live lanes' positions, and
 * their states when s is the lanes' copy.  Inlined into the lanes' clones:
 * a block stepped where it lies has every lane live, and its positions are
 * written in vectors (lane by lane, past a test of each lane, they were 5%
 * of a swarm's time). */
static inline __attribute__((always_inline)) void lanes_keep(const Lanes *lanes,
                                                             const LaneStates *s, Swarm *swarm,
                                                             size_t b)
{
    float *xy = &swarm->positions[2 * b * SWARM_LANES];
    if (s != &lanes->s) {
        for (size_t j = 0; j < SWARM_LANES; j++)
            lane_keep_position(xy, s, j);
        return;
    }
    for (size_t j = 0; j < SWARM_LANES; j++) {
        if (lanes->done[j])
            continue;
        lanes_store_block(lanes, swarm, b, j);
        lane_keep_position(xy, s, j);
    }
}

/* One standard normal per lane of states s into dest, as rng_normal draws
 * it: the common case for every lane at once, then the rare edge draws
 * lane by lane, each from its own stream (so every stream is drawn in its
 * walker's order).  restrict: s is the lanes' own states or a swarm's
 * block, and the lanes' scratch is apart from either, which the vectoriser
 * cannot see through the pointers. */
static inline __attribute__((always_inline)) void
lanes_normals(Lanes *restrict lanes, LaneStates *restrict s, double *dest)
{
    uint64_t *s0 = s->rng[0], *s1 = s->rng[1], *s2 = s->rng[2], *s3 = s->rng[3];
    for (size_t j = 0; j < SWARM_LANES; j++) {
        lanes->bits[j] = rng_rotl(s1[j] * 5, 7) * 9;
        uint64_t t = s1[j] << 17;
        s2[j] ^= s0[j];
        s3[j] ^= s1[j];
        s1[j] ^= s2[j];
        s0[j] ^= s3[j];
        s2[j] ^= t;
        s3[j] = rng_rotl(s3[j], 45);
    }
    /* restrict: the table, the bits and dest do not overlap, which the
     * vectoriser cannot see through the struct. */
    const uint64_t *restrict draws = lanes->bits;
    const double *restrict table = rng_ziggurat_x;
    double *restrict out = dest;
    /* Bit j set: lane j's draw fell outside its layer's rectangle (1.5%
     * of draws, so 3 in 5 of a block's draws have one); scanning the 64
     * lanes for them, lane by lane, took a tenth of the swarm's time. */
    uint64_t edges = 0;
    for (size_t j = 0; j < SWARM_LANES; j++) {
        uint64_t bits = draws[j], layer = bits & (RNG_ZIGGURAT_LAYERS - 1);
        double z = (double)(int64_t)(bits >> 11) * 0x1.0p-53 * table[layer];
        edges |= (uint64_t)!(z < table[layer + 1]) << j;
        out[j] = bits & 0x100 ? -z : z;
    }
    for (; edges; edges &= edges - 1) {
        size_t j = (size_t)__builtin_ctzll(edges);
        if (lanes->done[j])
            continue;
        uint64_t bits = lanes->bits[j];
        Rng rng;
        lane_rng_get(s, j, &rng);
        dest[j] = rng_normal_edge(&rng, bits);
        lane_rng_set(s, j, &rng);
    }
}

/* grad_fn(args..., x, y, grad) for every lane of s, into lanes->g. */
#define EACH_LANE_GRAD(grad_fn, ...)                                                   \
    for (size_t j = 0; j < SWARM_LANES; j++) {                                         \
        double grad[2];                                                                \
        grad_fn(__VA_ARGS__, s->theta[j], s->theta[SWARM_LANES + j], grad);            \
        lanes->g[j] = grad[0];                                                         \
        lanes->g[SWARM_LANES + j] = grad[1];                                           \
    }

/* Every lane's gradient: a kind with an inlinable closed form (landscape.h)
 * in a loop of its own, which the compiler vectorises (through the kind's
 * pointer, the call for each lane was 11% of a swarm's time and kept
 * the loop scalar); any other through landscape_value_grad. */
static inline __attribute__((always_inline)) void
lanes_grad(Lanes *restrict lanes, const LaneStates *restrict s, const LandscapeGrad *form,
           const Landscape *landscape)
{
    /* Copied out: lanes->g might alias form for all the compiler knows. */
    double c0 = form->c[0], c1 = form->c[1], c2 = form->c[2];
    switch (form->form) {
    case LANDSCAPE_GRAD_QUADRATIC:
        EACH_LANE_GRAD(landscape_quadratic_grad, c0, c1, c2)
        break;
    case LANDSCAPE_GRAD_ROSENBROCK:
        EACH_LANE_GRAD(landscape_rosenbrock_grad, c0, c1)
        break;
    case LANDSCAPE_GRAD_DOUBLE_WELL:
        EACH_LANE_GRAD(landscape_double_well_grad, c0, c1)
        break;
    case LANDSCAPE_GRAD_CALL:
        EACH_LANE_GRAD(landscape_value_grad, landscape)
        break;
    }
}

/* One update of every lane, states s (the lanes' own or a swarm's block;
 * restrict as in lanes_normals): optimizer_step's sequence for kinds with
 * a per-coordinate rule, a full gradient and isotropic noise
 * (noisy_grad). */
static inline __attribute__((always_inline)) void
lanes_step(Lanes *restrict lanes, LaneStates *restrict s, const OptimizerDesc *d,
           const LandscapeGrad *form, const Landscape *landscape)
{
    double lr = optimizer_lr_at(d, lanes->t);
    lanes_grad(lanes, s, form, landscape);
    if (d->noise > 0) {
        lanes_normals(lanes, s, lanes->noise);
        lanes_normals(lanes, s, lanes->noise + SWARM_LANES);
        for (size_t k = 0; k < 2 * SWARM_LANES; k++)
            lanes->g[k] += lanes->sigma[k] * lanes->noise[k];
    }
    lanes->t++;
    rule_decay(d, lr, 2 * SWARM_LANES, s->theta, lanes->g);
    rule_apply(d, lanes->t, lr, 2 * SWARM_LANES, s->theta, lanes->g, s->buf, s->sq, s->aux);
}

/* Lanes whose θ is no longer finite after an update stop there: a live
 * one is written back to block b and marked stopped, and every such lane
 * is zeroed so it computes nothing costly from then on. */
static void lanes_stop_diverged(Lanes *lanes, Swarm *swarm, size_t b)
{
    for (size_t j = 0; j < SWARM_LANES; j++) {
        if (isfinite(lanes->s.theta[j]) && isfinite(lanes->s.theta[SWARM_LANES + j]))
            continue;
        if (!lanes->done[j]) {
            lanes_store_block(lanes, swarm, b, j);
            swarm->stopped[b * SWARM_LANES + j] = 1;
            lanes->done[j] = true;
        }
        lanes_clear(lanes, j);
    }
}

/* Whether every lane's θ in s is finite, tested for all lanes at once. */
static inline __attribute__((always_inline)) bool lanes_finite(const LaneStates *s)
{
    int bad = 0;
    for (size_t k = 0; k < 2 * SWARM_LANES; k++)
        bad |= !(fabs(s->theta[k]) <= DBL_MAX);
    return !bad;
}

/* Asks for block b's θ and random streams and the lines of its positions,
 * all that plain sgd reads and writes of it, while the block before is
 * stepped: a stretch of 2 updates is too short for the hardware's
 * prefetcher to hide each block's first loads. */
static inline __attribute__((always_inline)) void prefetch_block(const Swarm *swarm, size_t b)
{
    const LaneBlock *block = &swarm->blocks[b];
    const char *hot = (const char *)&block->s.theta;
    for (size_t at = 0; at < sizeof block->s.theta + sizeof block->s.rng; at += 64)
        __builtin_prefetch(hot + at, 1);
    size_t first = b * SWARM_LANES;
    size_t n = swarm->count - first < SWARM_LANES ? swarm->count - first : SWARM_LANES;
    const char *xy = (const char *)&swarm->positions[2 * first];
    for (size_t at = 0; at < 2 * n * sizeof *swarm->positions; at += 64)
        __builtin_prefetch(xy + at, 1);
}

/* The lanes' loop is built for the baseline and for AVX2 and AVX-512, and
 * the loader picks the one the CPU runs (GCC's and clang's target_clones).
 * Not under the sanitizers, whose run-time is not ready when the loader
 * picks. */
#if defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#if defined(__has_feature)
#if !__has_feature(address_sanitizer)
#define SWARM_CLONES __attribute__((target_clones("default", "avx2", "arch=x86-64-v4")))
#endif
#else
#define SWARM_CLONES __attribute__((target_clones("default", "avx2", "arch=x86-64-v4")))
#endif
#endif
#ifndef SWARM_CLONES
#define SWARM_CLONES
#endif

/* Steps blocks begin .. end - 1 in the lanes.  A block whose lanes all
 * live is stepped where it lies (its 6 KB of states stay in the L1 cache
 * for the stretch); one with stopped or empty lanes, in the lanes' copy,
 * which zeroes those without touching their final states.  A block that
 * loses a lane partway goes on in the copy. */
SWARM_CLONES static void advance_lanes(Swarm *swarm, size_t begin, size_t end)
{
    Lanes lanes;
    memset(&lanes, 0, sizeof lanes);
    for (size_t b = begin; b < end; b++) {
        if (b + 1 < end)
            prefetch_block(swarm, b + 1);
        size_t live = lanes_load(&lanes, swarm, b);
        if (live == 0)
            continue;
        LaneStates *s = &swarm->blocks[b].s;
        if (live < SWARM_LANES) {
            lanes_copy_in(&lanes, swarm, b);
            s = &lanes.s;
        }
        for (size_t k = 0; k < swarm->advance_steps; k++) {
            lanes_step(&lanes, s, &swarm->desc, &swarm->grad, swarm->landscape);
            if (lanes_finite(s))
                continue;
            if (s != &lanes.s) {
                lanes_copy_in(&lanes, swarm, b);
                s = &lanes.s;
            }
            lanes_stop_diverged(&lanes, swarm, b);
        }
        lanes_keep(&lanes, s, swarm, b);
    }
}

/* Steps blocks begin .. end - 1. */
static void advance_chunk(void *context, size_t begin, size_t end)
{
    Swarm *swarm = context;
    const OptimizerDesc *d = &swarm->desc;
    if (d->kind == OPT_NEWTON || d->kind == OPT_FLOW || d->batch > 0 ||
        d->noise_model != NOISE_ISOTROPIC || d->label_noise > 0) {
        size_t last = end * SWARM_LANES;
        advance_walkers(swarm, begin * SWARM_LANES, last < swarm->count ? last : swarm->count);
    } else {
        advance_lanes(swarm, begin, end);
    }
}

/* One thread's part of a stretch: runs of share_blocks blocks taken from
 * a shared counter until none is left.  Halves fixed up front left one
 * thread waiting on the other whenever the machine gave that one less of a
 * core. */
static void advance_shared(void *context, size_t begin, size_t end)
{
    (void)begin;
    (void)end;
    Swarm *swarm = context;
    size_t b;
    while ((b = atomic_fetch_add(&swarm->next_block, swarm->share_blocks)) < swarm->block_count)
        advance_chunk(swarm, b,
                      swarm->block_count - b < swarm->share_blocks ? swarm->block_count
                                                                   : b + swarm->share_blocks);
}

/* Steps in stretches that end where a snapshot is due or the parameters
 * change, so each stretch runs in parallel with one desc. */
void swarm_advance(Swarm *swarm, size_t steps, int threads)
{
    threads = parallel_threads(swarm->block_count, threads);
    /* About 16 runs a thread: small enough to even out, large enough that
     * the counter and a run's first, unprefetched block cost nothing. */
    swarm->share_blocks = swarm->block_count / (16 * (size_t)threads) + 1;
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
        atomic_store(&swarm->next_block, 0);
        parallel_for((size_t)threads, threads, advance_shared, swarm);
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

/* Where particle i's replay starts: the latest snapshot before the
 * current update in which it was still live, else the start; returns the
 * update it starts at. */
static size_t replay_start(const Swarm *swarm, size_t i, OptimizerState *s)
{
    size_t n = swarm->count, blocks = swarm->block_count * sizeof *swarm->blocks;
    for (size_t before = swarm->steps; before > 0;) {
        size_t found = 0;
        const unsigned char *slot = snapshots_find(&swarm->snapshots, before - 1, &found);
        if (!slot)
            break;
        if (!slot[blocks + 2 * n * sizeof *swarm->positions + i]) {
            *s = particle_get((const LaneBlock *)(const void *)slot, i, found);
            return found;
        }
        before = found;
    }
    const OptimizerDesc *first = changes_desc_at(&swarm->changes, &swarm->desc, 0);
    optimizer_init(first, swarm->x0, swarm->y0, first->seed + i, s);
    return 0;
}

/* What the blocks keep of particle i, and what they do not (its update
 * count, last gradient, step and rate) from its own walker loop replayed
 * to where it is: at most a snapshot spacing of updates for a live one. */
OptimizerState swarm_particle(const Swarm *swarm, size_t i)
{
    OptimizerState replay;
    for (size_t k = replay_start(swarm, i, &replay); k < swarm->steps; k++)
        if (optimizer_step(changes_desc_at(&swarm->changes, &swarm->desc, k), swarm->landscape,
                           &replay) != STEP_OK)
            break;
    OptimizerState s = particle_get(swarm->blocks, i, (size_t)replay.t);
    s.lr_used = replay.lr_used;
    memcpy(s.grad, replay.grad, sizeof s.grad);
    memcpy(s.step, replay.step, sizeof s.step);
    return s;
}

/* ------------------------------------------------------------------------ */
/* First passages                                                            */
/* ------------------------------------------------------------------------ */

/* One thread's share of the walks: its lanes, the walker in each lane, and
 * the walkers it steps one by one (all of them when desc does not suit the
 * lanes; the lanes' last ones once no walker is left to take). */
typedef struct PassageGroup {
    Lanes lanes;
    size_t walker[SWARM_LANES];     /* the walker in each lane (live when !lanes.done) */
    size_t taken[SWARM_LANES];      /* updates it has taken */
    double goal[SWARM_LANES], side[SWARM_LANES], cap[SWARM_LANES];
    OptimizerState solo[SWARM_LANES]; /* walkers stepped one by one */
    size_t solo_walker[SWARM_LANES], solo_taken[SWARM_LANES], solo_count;
    size_t updates;                 /* walker updates this round */
} PassageGroup;

struct SwarmPassages {
    const Landscape *landscape;
    LandscapeGrad grad;      /* as a swarm's */
    OptimizerDesc desc;
    SwarmPassage *walkers;
    size_t count;
    int threads;
    bool lanes;              /* desc suits refilled lanes */
    atomic_size_t next;      /* the next walker to take */
    PassageGroup *groups;    /* one per thread */
    size_t budget;           /* walker updates per group this round */
};

/* Whether desc's update is the same at every update count, so lanes that
 * hold walkers at different counts can step together: gd and sgd without
 * momentum at a constant rate, full gradient, isotropic noise. */
static bool passages_fit_lanes(const OptimizerDesc *d)
{
    return (d->kind == OPT_GD || d->kind == OPT_SGD) && d->momentum == 0 &&
           d->schedule.kind == SCHEDULE_CONSTANT && d->batch == 0 &&
           d->noise_model == NOISE_ISOTROPIC && d->label_noise == 0 && d->noise > 0;
}

SwarmPassages *swarm_passages_create(const Landscape *landscape, const OptimizerDesc *desc,
                                     SwarmPassage *walkers, size_t count, int threads,
                                     DescentError *err)
{
    threads = threads < 1 ? 1 : threads > PARALLEL_MAX_THREADS ? PARALLEL_MAX_THREADS : threads;
    SwarmPassages *p = calloc(1, sizeof *p);
    PassageGroup *groups = calloc((size_t)threads, sizeof *groups);
    if (!p || !groups) {
        free(p);
        free(groups);
        error_set(err, "out of memory for %d threads of walkers", threads);
        return NULL;
    }
    *p = (SwarmPassages){landscape, landscape_grad_form(landscape), *desc, walkers, count,
                         threads, false, 0, groups, 0};
    atomic_init(&p->next, 0);
    p->lanes = passages_fit_lanes(desc);
    for (size_t i = 0; i < count; i++) {
        walkers[i].steps = 0;
        walkers[i].reached = walkers[i].finished = false;
        p->lanes = p->lanes && walkers[i].noise > 0;
    }
    for (int g = 0; g < threads; g++)
        for (size_t j = 0; j < SWARM_LANES; j++)
            groups[g].lanes.done[j] = true;
    return p;
}

void swarm_passages_destroy(SwarmPassages *p)
{
    if (!p)
        return;
    free(p->groups);
    free(p);
}

/* The next walker not yet taken, started; false when none is left. */
static bool passage_take(SwarmPassages *p, size_t *walker, OptimizerState *st)
{
    size_t i = atomic_fetch_add(&p->next, 1);
    if (i >= p->count)
        return false;
    const SwarmPassage *w = &p->walkers[i];
    optimizer_init(&p->desc, w->x0, w->y0, w->seed, st);
    *walker = i;
    return true;
}

/* Walker i's walk has ended after `steps` updates, at x. */
static void passage_finish(SwarmPassage *w, size_t steps, double x)
{
    w->steps = steps;
    w->reached = (x - w->goal) * (w->goal > w->x0 ? 1.0 : -1.0) >= 0.0;
    w->finished = true;
}

/* Steps the group's solo walkers, one by one, for up to the round's
 * budget: the walker loop itself (optimizer_step until the walk ends). */
static void passages_solo(SwarmPassages *p, PassageGroup *g)
{
    OptimizerDesc desc = p->desc;
    while (g->updates < p->budget) {
        if (g->solo_count == 0) {
            if (p->lanes || !passage_take(p, &g->solo_walker[0], &g->solo[0]))
                return;
            g->solo_taken[0] = 0;
            g->solo_count = 1;
        }
        size_t last = g->solo_count - 1;
        OptimizerState *st = &g->solo[last];
        SwarmPassage *w = &p->walkers[g->solo_walker[last]];
        double side = w->goal > w->x0 ? 1.0 : -1.0;
        desc.noise = w->noise;
        bool ended = false;
        while (!ended && g->updates < p->budget) {
            ended = !((st->x - w->goal) * side < 0.0) || g->solo_taken[last] >= w->cap ||
                    optimizer_step(&desc, p->landscape, st) != STEP_OK;
            g->solo_taken[last] += !ended;
            g->updates += !ended;
        }
        if (ended) {
            passage_finish(w, g->solo_taken[last], st->x);
            g->solo_count--;
        }
    }
}

/* Fills lane j with the next walker, or leaves it empty (done, zeroed,
 * never crossing) when none is left. */
static void passage_fill_lane(SwarmPassages *p, PassageGroup *g, Lanes *lanes, size_t j)
{
    OptimizerState st;
    bool taken;
    /* A walk that ends before its first update (at or past its goal, or a
     * cap of 0) ends here. */
    while ((taken = passage_take(p, &g->walker[j], &st))) {
        SwarmPassage *w = &p->walkers[g->walker[j]];
        if ((st.x - w->goal) * (w->goal > w->x0 ? 1.0 : -1.0) < 0.0 && w->cap > 0)
            break;
        passage_finish(w, 0, st.x);
    }
    if (!taken) {
        lanes->done[j] = true;
        lanes_clear(lanes, j);
        g->goal[j] = (double)INFINITY;
        g->side[j] = 1.0;
        g->cap[j] = (double)INFINITY;
        return;
    }
    const SwarmPassage *w = &p->walkers[g->walker[j]];
    lane_put(lanes, j, &st, w->noise);
    lanes->done[j] = false;
    g->taken[j] = 0;
    g->goal[j] = w->goal;
    g->side[j] = w->goal > w->x0 ? 1.0 : -1.0;
    g->cap[j] = (double)w->cap;
}

/* Ends the walks of live lanes that crossed, reached their cap or
 * diverged, and refills them. */
static void passage_lanes_end(SwarmPassages *p, PassageGroup *g, Lanes *lanes)
{
    for (size_t j = 0; j < SWARM_LANES; j++) {
        double x = lanes->s.theta[j], y = lanes->s.theta[SWARM_LANES + j];
        if (lanes->done[j] ||
            ((x - g->goal[j]) * g->side[j] < 0.0 && (double)g->taken[j] < g->cap[j] &&
             isfinite(x) && isfinite(y)))
            continue;
        /* A diverged walker's count stops before its last update, as the
         * walker loop's does. */
        bool diverged = !isfinite(x) || !isfinite(y);
        passage_finish(&p->walkers[g->walker[j]], g->taken[j] - diverged, x);
        passage_fill_lane(p, g, lanes, j);
    }
}

/* Moves the group's live lanes to its solo walkers: once no walker is left
 * to take and fewer than a third of the lanes are live, stepping those
 * alone is cheaper than turning all the lanes (a lane update costs about a
 * third of a walker's). */
static void passage_lanes_to_solo(PassageGroup *g, Lanes *lanes)
{
    for (size_t j = 0; j < SWARM_LANES; j++) {
        if (lanes->done[j])
            continue;
        OptimizerState *st = &g->solo[g->solo_count];
        memset(st, 0, sizeof *st);
        lanes_store(lanes, j, st);
        st->t = (long)g->taken[j];
        g->solo_taken[g->solo_count] = g->taken[j];
        g->solo_walker[g->solo_count++] = g->walker[j];
        lanes->done[j] = true;
    }
}

SWARM_CLONES static void passages_lanes(SwarmPassages *p, PassageGroup *g)
{
    /* The lanes are stepped in a copy on the stack: the vectoriser takes
     * the random draws of a local Lanes apart, not of one behind a pointer. */
    Lanes local = g->lanes, *lanes = &local;
    size_t live = 0;
    for (size_t j = 0; j < SWARM_LANES; j++) {
        if (lanes->done[j] && atomic_load(&p->next) < p->count)
            passage_fill_lane(p, g, lanes, j);
        live += !lanes->done[j];
    }
    while (live > 0 && g->updates < p->budget) {
        lanes_step(lanes, &lanes->s, &p->desc, &p->grad, p->landscape);
        int ended = 0;
        for (size_t j = 0; j < SWARM_LANES; j++) {
            g->taken[j]++;
            ended |= !((lanes->s.theta[j] - g->goal[j]) * g->side[j] < 0.0) |
                     !((double)g->taken[j] < g->cap[j]);
        }
        g->updates += live;
        if (ended || !lanes_finite(&lanes->s)) {
            passage_lanes_end(p, g, lanes);
            live = 0;
            for (size_t j = 0; j < SWARM_LANES; j++)
                live += !lanes->done[j];
            if (atomic_load(&p->next) >= p->count && 3 * live < SWARM_LANES) {
                passage_lanes_to_solo(g, lanes);
                live = 0;
            }
        }
    }
    g->lanes = local;
}

static void passages_groups(void *context, size_t begin, size_t end)
{
    SwarmPassages *p = context;
    for (size_t i = begin; i < end; i++) {
        PassageGroup *g = &p->groups[i];
        g->updates = 0;
        if (p->lanes && g->solo_count == 0)
            passages_lanes(p, g);
        passages_solo(p, g);
    }
}

size_t swarm_passages_advance(SwarmPassages *p, size_t updates)
{
    p->budget = updates;
    parallel_for((size_t)p->threads, p->threads, passages_groups, p);
    size_t done = 0;
    for (int g = 0; g < p->threads; g++)
        done += p->groups[g].updates;
    return done;
}
