/* net_run.c — see net_run.h. */
#include "net_run.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "spectrum.h"

/* The optimizer's objective: the network's mean loss on training samples. */
static double training_gradient(void *context, const double *theta, const size_t *idx,
                                size_t count, double *grad)
{
    const NetRun *run = context;
    return model_gradient(run->model, theta, &run->data->train, idx, count, grad, run->work);
}

bool net_run_preconditioned(const OptimizerDesc *desc)
{
    return desc->kind == OPT_ADAM || desc->kind == OPT_ADAMW;
}

double net_run_stability_line(const OptimizerDesc *desc, long t)
{
    double lr = optimizer_lr_at(desc, t);
    switch (desc->kind) {
    case OPT_FLOW:
        return (double)NAN;
    case OPT_ADAM:
    case OPT_ADAMW:
        return (2 + 2 * desc->beta1) / (lr * (1 - desc->beta1));
    case OPT_GD:
    case OPT_SGD:
    case OPT_MOMENTUM:
    case OPT_NESTEROV:
        return desc->nesterov ? 2 * (1 + desc->momentum) / (lr * (1 + 2 * desc->momentum))
                              : 2 * (1 + desc->momentum) / (lr * (1 - desc->dampening));
    default:
        return 2 / lr;
    }
}

/* tr Σ / |G|² over the training set (net_run.h). */
static double noise_scale(const NetRun *run, const double *theta)
{
    size_t n = run->model->nparams, samples = run->data->train.n;
    double *full = run->scratch, *one = run->scratch + n;
    model_gradient(run->model, theta, &run->data->train, NULL, samples, full, run->work);
    double mean_square = 0.0;
    for (size_t s = 0; s < samples; s++) {
        model_gradient(run->model, theta, &run->data->train, &s, 1, one, run->work);
        double square = 0.0;
        for (size_t i = 0; i < n; i++)
            square += one[i] * one[i];
        mean_square += square / (double)samples;
    }
    double signal = 0.0;
    for (size_t i = 0; i < n; i++)
        signal += full[i] * full[i];
    return (mean_square - signal) / signal;
}

struct NetCurvature {
    const NetRun *run;
    OptimizerVec *state;        /* the kept state measured (a copy) */
    ModelHessian hessian;
    PreconditionedOperator preconditioned_op;
    double *p_diag;             /* Adam's P, then room for the operator */
    LanczosRun *lanczos;        /* the one under way */
    bool second;                /* it is λmax(P⁻¹H)'s */
    double sharpness;
};

void net_curvature_free(NetCurvature *c)
{
    if (!c)
        return;
    spectrum_lanczos_free(c->lanczos);
    free(c->state);
    free(c->p_diag);
    free(c);
}

/* The start vector's seed is fixed, so a measurement repeats itself. */
static const LanczosDesc curvature_lanczos = {.top = 1};

NetCurvature *net_curvature_start(const NetRun *run, const OptimizerVec *state,
                                  DescentError *err)
{
    size_t n = run->model->nparams;
    NetCurvature *c = calloc(1, sizeof *c);
    if (c) {
        c->state = malloc(optimizer_vec_size(n));
        c->p_diag = malloc(2 * n * sizeof *c->p_diag);
    }
    if (!c || !c->state || !c->p_diag) {
        net_curvature_free(c);
        error_set(err, "out of memory for a curvature measurement of %zu parameters", n);
        return NULL;
    }
    memcpy(c->state, state, optimizer_vec_size(n));
    c->run = run;
    c->hessian = (ModelHessian){run->model, optimizer_vec_view(c->state, OPTVEC_THETA),
                                &run->data->train, NULL, run->data->train.n, run->work};
    c->lanczos = spectrum_lanczos_start(n, &curvature_lanczos, err);
    if (!c->lanczos) {
        net_curvature_free(c);
        return NULL;
    }
    return c;
}

size_t net_curvature_update(const NetCurvature *c)
{
    return (size_t)c->state->t;
}

bool net_curvature_step(NetCurvature *c, int *products, bool *done, double *sharpness,
                        double *preconditioned, DescentError *err)
{
    *done = false;
    while (*products > 0) {
        LinearOperator op = c->second ? spectrum_preconditioned_apply : model_hessian_apply;
        void *context = c->second ? (void *)&c->preconditioned_op : (void *)&c->hessian;
        if (!spectrum_lanczos_step(c->lanczos, op, context, products, err))
            return false;
        LanczosResult result;
        if (!spectrum_lanczos_done(c->lanczos, &result))
            return true;
        double value = result.count > 0 ? result.values[0] : (double)NAN;
        spectrum_lanczos_free(c->lanczos);
        c->lanczos = NULL;
        const OptimizerDesc *d = &c->run->desc;
        if (c->second || !net_run_preconditioned(d) || c->state->t < 1) {
            *sharpness = c->second ? c->sharpness : value;
            *preconditioned = c->second ? value : (double)NAN;
            *done = true;
            return true;
        }
        c->sharpness = value;
        c->second = true;
        size_t n = c->state->n;
        spectrum_adam_preconditioner(
            n, optimizer_vec_view(c->state, d->amsgrad ? OPTVEC_AUX : OPTVEC_SQ), d->beta1,
            d->beta2, d->eps, c->state->t, c->p_diag);
        c->preconditioned_op = (PreconditionedOperator){n, model_hessian_apply, &c->hessian,
                                                        c->p_diag, c->p_diag + n};
        c->lanczos = spectrum_lanczos_start(n, &curvature_lanczos, err);
        if (!c->lanczos)
            return false;
    }
    return true;
}

bool net_run_curvature(const NetRun *run, const OptimizerVec *state, double *sharpness,
                       double *preconditioned, DescentError *err)
{
    NetCurvature *c = net_curvature_start(run, state, err);
    if (!c)
        return false;
    int products = INT_MAX;
    bool done, ok = net_curvature_step(c, &products, &done, sharpness, preconditioned, err);
    net_curvature_free(c);
    return ok && done;
}

/* The curvature measurements of net_run.h at θ. */
static bool measure_curvature(const NetRun *run, const double *theta, NetMetrics *m,
                              DescentError *err)
{
    if (!net_run_curvature(run, run->state, &m->sharpness, &m->preconditioned_sharpness, err))
        return false;
    m->noise_scale = noise_scale(run, theta);
    return true;
}

/* The metrics at the current θ; curvature too when asked and finite.  The
 * training set last, so that the next update's gradient and the curvature
 * start from its forward pass (model.h's Memory). */
static bool measure(const NetRun *run, bool curvature, NetMetrics *m, DescentError *err)
{
    const double *theta = net_run_theta(run);
    const NetDataSplit *data = run->data;
    ModelEval test = {(double)NAN, (double)NAN};
    if (data->test.n > 0)
        test = model_evaluate(run->model, theta, &data->test, NULL, data->test.n, run->work);
    ModelEval train = model_evaluate(run->model, theta, &data->train, NULL, data->train.n,
                                     run->work);
    double square = 0.0;
    for (size_t i = 0; i < run->model->nparams; i++)
        square += theta[i] * theta[i];
    *m = (NetMetrics){train.loss, train.accuracy, test.loss, test.accuracy, sqrt(square),
                      (double)NAN, (double)NAN, (double)NAN};
    if (!curvature || !isfinite(train.loss) || !isfinite(m->norm))
        return true;
    return measure_curvature(run, theta, m, err);
}

static bool reserve(NetRun *run, size_t need)
{
    if (need <= run->capacity)
        return true;
    size_t capacity = run->capacity ? 2 * run->capacity : 256;
    while (capacity < need)
        capacity *= 2;
    NetMetrics *grown = realloc(run->metrics, capacity * sizeof *grown);
    if (!grown)
        return false;
    run->metrics = grown;
    run->capacity = capacity;
    return true;
}

bool net_run_init(NetRun *run, const Model *model, const NetDataSplit *data,
                  const OptimizerDesc *desc, const double *theta0, size_t every,
                  DescentError *err)
{
    memset(run, 0, sizeof *run);
    size_t n = model->nparams;
    run->desc = *desc;
    run->model = model;
    run->data = data;
    run->every = every;
    run->objective = (OptimizerObjective){n, data->train.n, training_gradient, run};
    run->state = malloc(optimizer_vec_size(n));
    run->opt_work = optimizer_work_create(&run->objective);
    run->work = model_work_create(model);
    run->scratch = malloc(2 * n * sizeof *run->scratch);
    if (!run->state || !run->opt_work || !run->work || !run->scratch || !reserve(run, 1)) {
        net_run_free(run);
        return error_set(err, "out of memory for a network of %zu parameters", n);
    }
    optimizer_vec_init(desc, n, theta0, desc->seed, run->state);
    if (!measure(run, every > 0, &run->metrics[0], err)) {
        net_run_free(run);
        return false;
    }
    run->count = 1;
    if (!isfinite(run->metrics[0].train_loss) || !isfinite(run->metrics[0].norm))
        run->status = NET_RUN_DIVERGED;
    return true;
}

void net_run_free(NetRun *run)
{
    free(run->state);
    free(run->metrics);
    free(run->scratch);
    optimizer_work_destroy(run->opt_work);
    model_work_destroy(run->work);
    memset(run, 0, sizeof *run);
}

size_t net_run_advance(NetRun *run, size_t steps, bool *ok, DescentError *err)
{
    *ok = true;
    size_t done = 0;
    while (done < steps && run->status == NET_RUN_ACTIVE) {
        if (!reserve(run, run->count + 1)) {
            *ok = false;
            error_set(err, "out of memory after %zu updates", run->count - 1);
            break;
        }
        StepResult result = optimizer_vec_step(&run->desc, &run->objective, run->state,
                                               run->opt_work);
        size_t k = run->count;
        NetMetrics *m = &run->metrics[k];
        if (!measure(run, run->every > 0 && k % run->every == 0, m, err)) {
            *ok = false;
            break;
        }
        run->count++;
        done++;
        if (result == STEP_DIVERGED || !isfinite(m->train_loss) || !isfinite(m->norm))
            run->status = NET_RUN_DIVERGED;
        else if (result == STEP_STALLED)
            run->status = NET_RUN_STALLED;
    }
    return done;
}

void net_run_rewind(NetRun *run, const OptimizerVec *saved)
{
    memcpy(run->state, saved, optimizer_vec_size(saved->n));
    run->count = (size_t)saved->t + 1;
    const NetMetrics *m = &run->metrics[run->count - 1];
    run->status = isfinite(m->train_loss) && isfinite(m->norm) ? NET_RUN_ACTIVE
                                                                : NET_RUN_DIVERGED;
}

size_t net_run_batch(const NetRun *run, long t, size_t *dest)
{
    return optimizer_vec_batch(&run->desc, run->data->train.n, run->state->batch_key, t, dest);
}
