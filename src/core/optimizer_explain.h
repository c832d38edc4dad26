/*
 * optimizer_explain.h — one update's rule with its numbers: the named terms
 * an optimizer computed on its way to Δθ, for showing the rule on screen.
 *
 * Built from the walker's state before and after the update (both plain
 * data): the update is replayed from the state before it with the step's
 * own kernel and rule functions (optimizer_rule.h), so the buffers and Δθ
 * are the update's exactly; tests/test_formula.c holds every kind and
 * variant to it, and Δθ rebuilt from these terms equals the update's own
 * θ_new − θ_old to rounding.  Per optimizer (coordinate-wise, i = x, y;
 * terms a kind does not use are 0):
 *   gd/sgd/momentum/nesterov: g' = g + wd θ; b = μ b + (1 − τ) g' (b = g' at
 *     t = 1); direction = g' + μ b (nesterov), b (momentum), else g';
 *     Δθ = −lr · direction
 *   adagrad: sum += g'²; step_size = lr / (1 + (t − 1) lr_decay);
 *     denom = √sum + ε; direction = g' / denom
 *   rmsprop: v = α v + (1 − α) g'²; centered: mean = α mean + (1 − α) g',
 *     denom = √(v − mean²) + ε, else √v + ε; with momentum b = μ b + g' / denom,
 *     direction = b, else g' / denom; step_size = lr
 *   adam/adamw: m = β1 m + (1 − β1) g'; v = β2 v + (1 − β2) g'² (amsgrad:
 *     vmax = max(vmax, v) replaces v); bias1 = 1 − β1^t, bias2 = 1 − β2^t;
 *     step_size = lr / bias1; denom = √v / √bias2 + ε; direction = m / denom;
 *     adamw first scales θ by shrink = 1 − lr wd (and adds nothing to g)
 *   newton: direction = (H + damping I)⁻¹ g'; step_size = lr
 *   flow: no rule of this form: it integrates dθ/dt = −∇L from time
 *     (t − 1) lr to t lr; grad is ∇L at the start, direction and
 *     step_size are 0.
 * Every kind but flow: Δθ = θ (shrink − 1) − step_size · direction.
 */
#ifndef DESCENT_CORE_OPTIMIZER_EXPLAIN_H
#define DESCENT_CORE_OPTIMIZER_EXPLAIN_H

#include <stdbool.h>

#include "landscape.h"
#include "optimizer.h"
#include "run.h"

typedef struct UpdateTerms {
    OptimizerKind kind;
    long t;               /* the update's number, 1 for the first */
    double lr;            /* its learning rate (schedule included) */
    double theta[2];      /* θ before it */
    double grad[2];       /* g: the gradient it saw (minibatch, noise included) */
    double noise[2];      /* the Gaussian noise in g, σ ξ (0 without noise) */
    double used_grad[2];  /* g' = g + wd θ (coupled weight decay), else g */
    double shrink;        /* adamw: 1 − lr wd; else 1 */
    double buf[2];        /* momentum buffer b, or adam's m, after the update */
    double sq[2];         /* adam/rmsprop v, or adagrad's sum, after it */
    double aux[2];        /* amsgrad's vmax, or rmsprop centered's mean */
    double bias1, bias2;  /* adam: 1 − β1^t, 1 − β2^t */
    double step_size;     /* the scalar in front of −direction */
    double denom[2];      /* adagrad, rmsprop, adam: the per-coordinate divisor */
    double direction[2];  /* what −step_size multiplies */
    double hess[3];       /* newton: H's xx, xy, yy at θ */
    double step[2];       /* Δθ = θ_new − θ_old, as the update stored it */
} UpdateTerms;

/* The terms of the update that took before to after (one optimizer_step
 * with desc on landscape).  Returns false when after is not one update
 * past before. */
bool optimizer_explain(const OptimizerDesc *desc, const Landscape *landscape,
                       const OptimizerState *before, const OptimizerState *after,
                       UpdateTerms *dest);

/* The terms of the run's last update (the one that led to the shown
 * point), its state before it rebuilt from the run's history.  Returns
 * false before the first update. */
bool run_explain_last(const Run *run, UpdateTerms *dest);

/* The update as lines to show, each a rule in symbols and its value with
 * the numbers filled in ("m ← β₁·m + (1 − β₁)·g", " = (0.1, 0.2)   β₁ =
 * 0.9"): θ first, then where g came from, the kind's own rule (the
 * formulas above), and Δθ and the new θ last.  desc is the one the update
 * used (run_state_at's).  Numbers with 4 significant digits. */
#define EXPLAIN_MAX_LINES 14

typedef struct ExplainLine {
    char rule[128];
    char value[128];
} ExplainLine;

typedef struct ExplainLines {
    ExplainLine line[EXPLAIN_MAX_LINES];
    int count;
} ExplainLines;

void optimizer_explain_lines(const OptimizerDesc *desc, const UpdateTerms *terms,
                             ExplainLines *dest);

#endif
