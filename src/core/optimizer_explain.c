/* optimizer_explain.c — see optimizer_explain.h. */
#include "optimizer_explain.h"

#include <math.h>

#include "linalg2.h"

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

static void sgd_terms(const OptimizerDesc *d, UpdateTerms *e)
{
    e->step_size = e->lr;
    for (int i = 0; i < 2; i++) {
        double g = e->used_grad[i];
        if (d->momentum != 0)
            g = d->nesterov ? g + d->momentum * e->buf[i] : e->buf[i];
        e->direction[i] = g;
    }
}

static void adagrad_terms(const OptimizerDesc *d, UpdateTerms *e)
{
    e->step_size = e->lr / (1 + (double)(e->t - 1) * d->lr_decay);
    for (int i = 0; i < 2; i++) {
        e->denom[i] = sqrt(e->sq[i]) + d->eps;
        e->direction[i] = e->used_grad[i] / e->denom[i];
    }
}

static void rmsprop_terms(const OptimizerDesc *d, UpdateTerms *e)
{
    e->step_size = e->lr;
    for (int i = 0; i < 2; i++) {
        double v = d->centered ? e->sq[i] - e->aux[i] * e->aux[i] : e->sq[i];
        e->denom[i] = sqrt(v) + d->eps;
        e->direction[i] = d->momentum > 0 ? e->buf[i] : e->used_grad[i] / e->denom[i];
    }
}

static void adam_terms(const OptimizerDesc *d, UpdateTerms *e)
{
    e->bias1 = 1 - pow(d->beta1, (double)e->t);
    e->bias2 = 1 - pow(d->beta2, (double)e->t);
    e->step_size = e->lr / e->bias1;
    for (int i = 0; i < 2; i++) {
        double v = d->amsgrad ? e->aux[i] : e->sq[i];
        e->denom[i] = sqrt(v) / sqrt(e->bias2) + d->eps;
        e->direction[i] = e->buf[i] / e->denom[i];
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
    if (desc->kind == OPT_ADAMW) {
        e->shrink = 1 - e->lr * desc->weight_decay;
    } else {
        e->used_grad[0] += desc->weight_decay * before->x;
        e->used_grad[1] += desc->weight_decay * before->y;
    }
    switch (desc->kind) {
    case OPT_GD:
    case OPT_SGD:
    case OPT_MOMENTUM:
    case OPT_NESTEROV:
        sgd_terms(desc, e);
        break;
    case OPT_ADAGRAD:
        adagrad_terms(desc, e);
        break;
    case OPT_RMSPROP:
        rmsprop_terms(desc, e);
        break;
    case OPT_ADAM:
    case OPT_ADAMW:
        adam_terms(desc, e);
        break;
    case OPT_NEWTON:
        newton_terms(desc, landscape, e);
        break;
    case OPT_FLOW:
    case OPT_KIND_COUNT:
        break;
    }
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
