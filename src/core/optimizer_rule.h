/*
 * optimizer_rule.h — the update rules, one coordinate at a time (internal
 * to src/core: optimizer.c steps with them, optimizer_explain.c shows
 * their terms; docs/ARCHITECTURE.md §2.4).
 *
 * Each rule is written once, for one coordinate given pointers to that
 * coordinate's buffers, and one kernel (rule_apply) runs it over the n
 * coordinates of θ: the vector form (optimizer_vec_step) for any n, the
 * two-parameter walker with n = 2, inlined, so that its two coordinates
 * stay in registers (the swarm's hot path).  The scalars and
 * per-coordinate terms a rule is made of (step sizes, bias corrections,
 * denominators, adamw's shrink, the sgd family's direction) are functions
 * of their own, so that the formula panel (optimizer_explain.c) replays the
 * update with rule_apply and shows those terms from the same code.
 */
#ifndef DESCENT_CORE_OPTIMIZER_RULE_H
#define DESCENT_CORE_OPTIMIZER_RULE_H

#include <math.h>
#include <stddef.h>

#include "optimizer.h"

/* The per-coordinate denominators of the adaptive rules, from the buffers
 * after the update has folded in its gradient (also read by the effective
 * learning rates). */
static inline double adagrad_denom(const OptimizerDesc *d, double sq)
{
    return sqrt(sq) + d->eps;
}

static inline double rmsprop_denom(const OptimizerDesc *d, double sq, double aux)
{
    double v = d->centered ? sq - aux * aux : sq;
    return sqrt(v) + d->eps;
}

static inline double adam_denom(const OptimizerDesc *d, double sq, double aux, double bias2_sqrt)
{
    return sqrt(d->amsgrad ? aux : sq) / bias2_sqrt + d->eps;
}

/* adagrad's lr after lr_decay, for update t (1-based). */
static inline double adagrad_lr(const OptimizerDesc *d, double lr, long t)
{
    return lr / (1 + (double)(t - 1) * d->lr_decay);
}

/* adam's bias corrections for update t: 1 − β1^t and 1 − β2^t. */
static inline double adam_bias1(const OptimizerDesc *d, long t)
{
    return 1 - pow(d->beta1, (double)t);
}

static inline double adam_bias2(const OptimizerDesc *d, long t)
{
    return 1 - pow(d->beta2, (double)t);
}

/* What −lr multiplies in the sgd family with momentum, from the buffer
 * after the update (without momentum: g). */
static inline double sgd_momentum_direction(const OptimizerDesc *d, double buf, double g)
{
    return d->nesterov ? g + d->momentum * buf : buf;
}

/* Each rule updates one coordinate's buffers for gradient g and returns
 * that coordinate's step. */

/* The sgd family's step along direction g. */
static inline double sgd_step(double lr, double g)
{
    return -lr * g;
}

static inline double sgd_coord(const OptimizerDesc *d, long t, double *buf, double lr, double g)
{
    if (d->momentum != 0) {
        if (t == 1)
            *buf = g;
        else
            *buf = d->momentum * *buf + (1 - d->dampening) * g;
        g = sgd_momentum_direction(d, *buf, g);
    }
    return sgd_step(lr, g);
}

static inline double adagrad_coord(const OptimizerDesc *d, double *sq, double clr, double g)
{
    *sq += g * g;
    return -clr * g / adagrad_denom(d, *sq);
}

static inline double rmsprop_coord(const OptimizerDesc *d, double *buf, double *sq, double *aux,
                                   double lr, double g)
{
    *sq = d->alpha * *sq + (1 - d->alpha) * g * g;
    if (d->centered)
        *aux = d->alpha * *aux + (1 - d->alpha) * g;
    double avg = rmsprop_denom(d, *sq, *aux);
    if (d->momentum > 0) {
        *buf = d->momentum * *buf + g / avg;
        return -lr * *buf;
    }
    return -lr * g / avg;
}

static inline double adam_coord(const OptimizerDesc *d, double *buf, double *sq, double *aux,
                                double step_size, double bias2_sqrt, double g)
{
    *buf = d->beta1 * *buf + (1 - d->beta1) * g;
    *sq = d->beta2 * *sq + (1 - d->beta2) * g * g;
    if (d->amsgrad)
        *aux = fmax(*aux, *sq);
    return -step_size * *buf / adam_denom(d, *sq, *aux, bias2_sqrt);
}

/* for (size_t i = 0; i < n; i++), unrolled by two: the walker's n = 2 then
 * runs straight through, as a hand-written pair would. */
#define EACH_COORD(i, n) _Pragma("GCC unroll 2") for (size_t i = 0; i < (n); i++)

/* adamw's factor on θ before its rule: 1 − lr wd. */
static inline double adamw_shrink(const OptimizerDesc *d, double lr)
{
    return 1 - lr * d->weight_decay;
}

/* Weight decay, before the rule: adamw shrinks θ by 1 - lr wd, every
 * other kind adds the L2 term wd θ to its gradient g.  Inlined, as
 * rule_apply is. */
static inline __attribute__((always_inline)) void rule_decay(const OptimizerDesc *d, double lr, size_t n, double *theta,
                              double *g)
{
    if (d->kind == OPT_ADAMW) {
        EACH_COORD(i, n)
            theta[i] *= adamw_shrink(d, lr);
    } else if (d->weight_decay != 0) {
        EACH_COORD(i, n)
            g[i] += d->weight_decay * theta[i];
    }
}

/* Update t (1-based) of θ's n coordinates with the decayed gradient g, for
 * every kind with a per-coordinate rule (all but newton and flow).  Always
 * inlined: called, the walker's θ and g pass through memory, and reading
 * back as one vector the pair just stored as two scalars stalls store
 * forwarding (the swarm ran 30% slower in CPU time so). */
static inline __attribute__((always_inline)) void rule_apply(const OptimizerDesc *d, long t, double lr, size_t n, double *theta,
                              const double *g, double *buf, double *sq, double *aux)
{
    switch (d->kind) {
    case OPT_GD:
    case OPT_SGD:
    case OPT_MOMENTUM:
    case OPT_NESTEROV:
        /* Without momentum the loop has no branch, so a swarm's lanes
         * (swarm.c) step in vectors. */
        if (d->momentum == 0) {
            EACH_COORD(i, n)
                theta[i] += sgd_step(lr, g[i]);
        } else {
            EACH_COORD(i, n)
                theta[i] += sgd_coord(d, t, &buf[i], lr, g[i]);
        }
        break;
    case OPT_ADAGRAD: {
        double clr = adagrad_lr(d, lr, t);
        EACH_COORD(i, n)
            theta[i] += adagrad_coord(d, &sq[i], clr, g[i]);
        break;
    }
    case OPT_RMSPROP:
        EACH_COORD(i, n)
            theta[i] += rmsprop_coord(d, &buf[i], &sq[i], &aux[i], lr, g[i]);
        break;
    case OPT_ADAM:
    case OPT_ADAMW: {
        double step_size = lr / adam_bias1(d, t);
        double bias2_sqrt = sqrt(adam_bias2(d, t));
        EACH_COORD(i, n)
            theta[i] += adam_coord(d, &buf[i], &sq[i], &aux[i], step_size, bias2_sqrt, g[i]);
        break;
    }
    case OPT_NEWTON:
    case OPT_FLOW:
    case OPT_KIND_COUNT:
        break;
    }
}

#endif
