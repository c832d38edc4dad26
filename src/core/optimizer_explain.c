/* optimizer_explain.c — see optimizer_explain.h. */
#include "optimizer_explain.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#include "linalg2.h"
#include "msgid.h"
#include "optimizer_rule.h"

/* The noise the update drew: it is the first draw from the walker's stream
 * (optimizer.c, noisy_grad), so a copy of the stream before it repeats it. */
static void drawn_noise(const OptimizerDesc *desc, const OptimizerState *before, double dest[2])
{
    dest[0] = dest[1] = 0.0;
    if (desc->noise > 0) {
        Rng rng = before->rng;
        double xi[2];
        rng_normal2(&rng, xi);
        dest[0] = desc->noise * xi[0];
        dest[1] = desc->noise * xi[1];
    }
}

/* The terms each rule is made of, from its own functions
 * (optimizer_rule.h), given the buffers after the update. */
static void rule_terms(const OptimizerDesc *d, UpdateTerms *e)
{
    e->step_size = e->lr;
    switch (d->kind) {
    case OPT_ADAGRAD:
        e->step_size = adagrad_lr(d, e->lr, e->t);
        for (int i = 0; i < 2; i++) {
            e->denom[i] = adagrad_denom(d, e->sq[i]);
            e->direction[i] = e->used_grad[i] / e->denom[i];
        }
        break;
    case OPT_RMSPROP:
        for (int i = 0; i < 2; i++) {
            e->denom[i] = rmsprop_denom(d, e->sq[i], e->aux[i]);
            e->direction[i] = d->momentum > 0 ? e->buf[i] : e->used_grad[i] / e->denom[i];
        }
        break;
    case OPT_ADAM:
    case OPT_ADAMW:
        e->bias1 = adam_bias1(d, e->t);
        e->bias2 = adam_bias2(d, e->t);
        e->step_size = e->lr / e->bias1;
        for (int i = 0; i < 2; i++) {
            e->denom[i] = adam_denom(d, e->sq[i], e->aux[i], sqrt(e->bias2));
            e->direction[i] = e->buf[i] / e->denom[i];
        }
        break;
    default:
        for (int i = 0; i < 2; i++)
            e->direction[i] = d->momentum != 0
                                  ? sgd_momentum_direction(d, e->buf[i], e->used_grad[i])
                                  : e->used_grad[i];
        break;
    }
}

static void newton_terms(const OptimizerDesc *d, const Landscape *landscape, UpdateTerms *e)
{
    LandscapeEval ev;
    landscape_eval(landscape, e->theta[0], e->theta[1], &ev);
    for (int k = 0; k < 3; k++)
        e->hess[k] = ev.hess[k];
    e->step_size = e->lr;
    sym2_solve(ev.hess[0] + d->damping, ev.hess[1], ev.hess[2] + d->damping, e->used_grad,
               e->direction);
}

bool optimizer_explain(const OptimizerDesc *desc, const Landscape *landscape,
                       const OptimizerState *before, const OptimizerState *after,
                       UpdateTerms *dest)
{
    if (after->t != before->t + 1)
        return false;
    UpdateTerms *e = dest;
    *e = (UpdateTerms){
        .kind = desc->kind,
        .t = after->t,
        .lr = after->lr_used,
        .theta = {before->x, before->y},
        .grad = {after->grad[0], after->grad[1]},
        .used_grad = {after->grad[0], after->grad[1]},
        .shrink = 1.0,
        .buf = {after->buf[0], after->buf[1]},
        .sq = {after->sq[0], after->sq[1]},
        .aux = {after->aux[0], after->aux[1]},
        .step = {after->step[0], after->step[1]},
    };
    if (desc->kind == OPT_FLOW)
        return true;
    drawn_noise(desc, before, e->noise);
    /* The update again, by the step's own code, from the state before it:
     * the decayed gradient, and for the rules of one coordinate the
     * buffers and Δθ (equal to the update's: test_formula.c). */
    double theta[2] = {before->x, before->y};
    rule_decay(desc, e->lr, 2, theta, e->used_grad);
    if (desc->kind == OPT_ADAMW)
        e->shrink = adamw_shrink(desc, e->lr);
    if (desc->kind == OPT_NEWTON) {
        newton_terms(desc, landscape, e);
        return true;
    }
    for (int i = 0; i < 2; i++) {
        e->buf[i] = before->buf[i];
        e->sq[i] = before->sq[i];
        e->aux[i] = before->aux[i];
    }
    rule_apply(desc, e->t, e->lr, 2, theta, e->used_grad, e->buf, e->sq, e->aux);
    e->step[0] = theta[0] - before->x;
    e->step[1] = theta[1] - before->y;
    rule_terms(desc, e);
    return true;
}

bool run_explain_last(const Run *run, UpdateTerms *dest)
{
    if (run_steps(run) == 0)
        return false;
    OptimizerState before;
    OptimizerDesc desc;
    if (!run_state_at(run, run_steps(run) - 1, &before, &desc))
        return false;
    return optimizer_explain(&desc, run->landscape, &before, &run->state, dest);
}

/* ---------------------------------------------------------------------
 * The rule as lines to show
 * ------------------------------------------------------------------- */

/* Adds a line: rule, then value from fmt (empty for none). */
__attribute__((format(printf, 3, 4))) static void add(ExplainLines *l, const char *rule,
                                                      const char *fmt, ...)
{
    if (l->count == EXPLAIN_MAX_LINES)
        return;
    ExplainLine *line = &l->line[l->count++];
    snprintf(line->rule, sizeof line->rule, "%s", rule);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line->value, sizeof line->value, fmt, ap);
    va_end(ap);
}

/* "(0.1234, -5.678)" */
static const char *pair(char *dest, size_t size, const double v[2])
{
    snprintf(dest, size, "(%.4g, %.4g)", v[0], v[1]);
    return dest;
}

#define PAIR(v) pair((char[64]){0}, 64, (v))

/* g: where the gradient came from, and g' with coupled weight decay. */
static void gradient_lines(ExplainLines *l, const OptimizerDesc *d, const UpdateTerms *e)
{
    if (d->batch > 0 && d->noise > 0)
        add(l, "g = ∇L_batch(θ) + σξ", " = %s", PAIR(e->grad));
    else if (d->batch > 0)
        add(l, N_("g = ∇L of a batch of N"), " = %s   N = %zu", PAIR(e->grad), d->batch);
    else if (d->noise > 0) {
        double exact[2] = {e->grad[0] - e->noise[0], e->grad[1] - e->noise[1]};
        add(l, "g = ∇L(θ) + σξ", " = %s + %s", PAIR(exact), PAIR(e->noise));
    }
    else
        add(l, "g = ∇L(θ)", " = %s", PAIR(e->grad));
    if (d->weight_decay != 0 && !optimizer_info(d->kind)->traits.decoupled_weight_decay)
        add(l, "g ← g + wd·θ", " = %s", PAIR(e->used_grad));
}

static void sgd_lines(ExplainLines *l, const OptimizerDesc *d, const UpdateTerms *e)
{
    if (d->momentum != 0) {
        if (e->t == 1)
            add(l, N_("b ← g  (the first update)"), " = %s", PAIR(e->buf));
        else if (d->dampening != 0)
            add(l, "b ← μ·b + (1 − τ)·g", " = %s", PAIR(e->buf));
        else
            add(l, "b ← μ·b + g", " = %s   μ = %.4g", PAIR(e->buf), d->momentum);
        add(l, d->nesterov ? "Δθ = −η·(g + μ·b)" : "Δθ = −η·b", " = %s", PAIR(e->step));
    } else {
        add(l, "Δθ = −η·g", " = %s", PAIR(e->step));
    }
}

static void adagrad_lines(ExplainLines *l, const OptimizerDesc *d, const UpdateTerms *e)
{
    add(l, "s ← s + g²", " = %s", PAIR(e->sq));
    if (d->lr_decay != 0)
        add(l, N_("η_t = η / (1 + (t − 1)·decay)"), " = %.4g", e->step_size);
    add(l, "d = √s + ε", " = %s", PAIR(e->denom));
    add(l, d->lr_decay != 0 ? "Δθ = −η_t·g / d" : "Δθ = −η·g / d", " = %s", PAIR(e->step));
}

static void rmsprop_lines(ExplainLines *l, const OptimizerDesc *d, const UpdateTerms *e)
{
    add(l, "v ← α·v + (1 − α)·g²", " = %s   α = %.4g", PAIR(e->sq), d->alpha);
    if (d->centered) {
        add(l, "ḡ ← α·ḡ + (1 − α)·g", " = %s", PAIR(e->aux));
        add(l, "d = √(v − ḡ²) + ε", " = %s", PAIR(e->denom));
    } else {
        add(l, "d = √v + ε", " = %s", PAIR(e->denom));
    }
    if (d->momentum > 0) {
        add(l, "b ← μ·b + g / d", " = %s", PAIR(e->buf));
        add(l, "Δθ = −η·b", " = %s", PAIR(e->step));
    } else {
        add(l, "Δθ = −η·g / d", " = %s", PAIR(e->step));
    }
}

static void adam_lines(ExplainLines *l, const OptimizerDesc *d, const UpdateTerms *e)
{
    bool decoupled = optimizer_info(d->kind)->traits.decoupled_weight_decay;
    if (decoupled)
        add(l, "θ ← (1 − η·wd)·θ", "   × %.6g", e->shrink);
    add(l, "m ← β₁·m + (1 − β₁)·g", " = %s   β₁ = %.4g", PAIR(e->buf), d->beta1);
    add(l, "v ← β₂·v + (1 − β₂)·g²", " = %s   β₂ = %.4g", PAIR(e->sq), d->beta2);
    if (d->amsgrad)
        add(l, "vmax ← max(vmax, v)", " = %s", PAIR(e->aux));
    add(l, N_("bias corrections 1 − β₁ᵗ, 1 − β₂ᵗ"), " = %.4g, %.4g", e->bias1, e->bias2);
    add(l, N_("step = η / (1 − β₁ᵗ)"), " = %.4g", e->step_size);
    add(l, d->amsgrad ? "d = √vmax / √(1 − β₂ᵗ) + ε" : "d = √v / √(1 − β₂ᵗ) + ε", " = %s",
        PAIR(e->denom));
    add(l, decoupled ? "Δθ = −step·m / d − η·wd·θ" : "Δθ = −step·m / d", " = %s",
        PAIR(e->step));
}

static void newton_lines(ExplainLines *l, const OptimizerDesc *d, const UpdateTerms *e)
{
    add(l, "H = ∇²L(θ)", " = [%.4g %.4g; %.4g %.4g]", e->hess[0], e->hess[1], e->hess[1],
        e->hess[2]);
    add(l, d->damping != 0 ? "d = (H + δ·I)⁻¹·g" : "d = H⁻¹·g", " = %s", PAIR(e->direction));
    add(l, "Δθ = −η·d", " = %s", PAIR(e->step));
}

static void flow_lines(ExplainLines *l, const UpdateTerms *e)
{
    add(l, N_("integrates dθ/dt = −∇L(θ)"), "   t ∈ [%.4g, %.4g]", (double)(e->t - 1) * e->lr,
        (double)e->t * e->lr);
    add(l, N_("with adaptive Runge–Kutta steps"), "%s", "");
    add(l, N_("∇L at the start"), " = %s", PAIR(e->grad));
    add(l, "Δθ", " = %s", PAIR(e->step));
}

void optimizer_explain_lines(const OptimizerDesc *d, const UpdateTerms *e, ExplainLines *l)
{
    l->count = 0;
    add(l, "θ", " = %s", PAIR(e->theta));
    if (d->kind != OPT_FLOW)
        gradient_lines(l, d, e);
    switch (d->kind) {
    case OPT_FLOW:
        flow_lines(l, e);
        break;
    case OPT_ADAGRAD:
        adagrad_lines(l, d, e);
        break;
    case OPT_RMSPROP:
        rmsprop_lines(l, d, e);
        break;
    case OPT_ADAM:
    case OPT_ADAMW:
        adam_lines(l, d, e);
        break;
    case OPT_NEWTON:
        newton_lines(l, d, e);
        break;
    default:
        sgd_lines(l, d, e);
        break;
    }
    double after[2] = {e->theta[0] + e->step[0], e->theta[1] + e->step[1]};
    add(l, "θ ← θ + Δθ", " = %s", PAIR(after));
}
