/* ensemble.c — see ensemble.h. */
#include "ensemble.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parallel.h"
#include "rng.h"
#include "slice.h"

struct EnsembleMember {
    NetRun run;
    unsigned char *copies;      /* copy_count states: update c·ENSEMBLE_CHECKPOINT_EVERY */
    size_t copy_count, copy_capacity;
    bool started;
};

struct EnsembleKept {
    bool has_line, has_distances;
    double line[ENSEMBLE_LINE_POINTS];
    EnsembleDistances distances;
};

static size_t state_size(const Ensemble *e)
{
    return optimizer_vec_size(e->model->nparams);
}

static size_t updates_done(const EnsembleMember *m)
{
    return (size_t)net_run_state(&m->run)->t;
}

/* Keeps the member's state when its update is the next checkpoint's;
 * false when out of memory for it. */
static bool keep_copy(EnsembleMember *m, size_t size)
{
    size_t t = updates_done(m);
    if (t % ENSEMBLE_CHECKPOINT_EVERY != 0 || t / ENSEMBLE_CHECKPOINT_EVERY != m->copy_count)
        return true;
    if (m->copy_count == m->copy_capacity) {
        size_t capacity = m->copy_capacity ? 2 * m->copy_capacity : 8;
        unsigned char *grown = realloc(m->copies, capacity * size);
        if (!grown)
            return false;
        m->copies = grown, m->copy_capacity = capacity;
    }
    memcpy(m->copies + m->copy_count++ * size, net_run_state(&m->run), size);
    return true;
}

/* Steps a member on by steps updates, stopping at each checkpoint to keep
 * it; a member that cannot keep one (out of memory) stays where it is. */
static void advance_member(EnsembleMember *m, size_t steps, size_t size)
{
    while (steps > 0 && m->run.status == NET_RUN_ACTIVE) {
        size_t t = updates_done(m);
        size_t chunk = ENSEMBLE_CHECKPOINT_EVERY - t % ENSEMBLE_CHECKPOINT_EVERY;
        chunk = chunk < steps ? chunk : steps;
        bool ok;
        DescentError err;
        if (net_run_advance(&m->run, chunk, &ok, &err) < chunk || !ok || !keep_copy(m, size))
            return;
        steps -= chunk;
    }
}

/* Goes back to the last checkpoint at or before update step (a member
 * that stopped goes back too: it may have stopped after step). */
static void seek_member(EnsembleMember *m, size_t step, size_t size)
{
    size_t t = updates_done(m);
    if (step < t || m->run.status != NET_RUN_ACTIVE) {
        size_t c = step / ENSEMBLE_CHECKPOINT_EVERY;
        c = c < m->copy_count ? c : m->copy_count - 1;
        net_run_rewind(&m->run, (const OptimizerVec *)(const void *)(m->copies + c * size));
        m->copy_count = c + 1;
        t = c * ENSEMBLE_CHECKPOINT_EVERY;
    }
    advance_member(m, step - t, size);
}

/* Each member on by `updates`, or (seek) to update `updates`. */
typedef struct MoveJob {
    Ensemble *ensemble;
    size_t updates;
    bool seek;
} MoveJob;

static void move_members(void *context, size_t begin, size_t end)
{
    const MoveJob *job = context;
    size_t size = state_size(job->ensemble);
    for (size_t k = begin; k < end; k++) {
        EnsembleMember *m = &job->ensemble->members[k];
        if (job->seek)
            seek_member(m, job->updates, size);
        else
            advance_member(m, job->updates, size);
    }
}

/* The members are about to move: what was kept of them no longer holds. */
static void forget_kept(Ensemble *ensemble)
{
    ensemble->kept->has_line = ensemble->kept->has_distances = false;
}

void ensemble_step(Ensemble *ensemble, size_t steps)
{
    forget_kept(ensemble);
    MoveJob job = {ensemble, steps, false};
    parallel_for(ensemble->count, ENSEMBLE_THREADS, move_members, &job);
}

void ensemble_seek(Ensemble *ensemble, size_t step)
{
    forget_kept(ensemble);
    MoveJob job = {ensemble, step, true};
    parallel_for(ensemble->count, ENSEMBLE_THREADS, move_members, &job);
}

EnsembleDistances ensemble_distances(const Ensemble *ensemble)
{
    EnsembleKept *kept = ensemble->kept;
    if (kept->has_distances)
        return kept->distances;
    size_t n = ensemble->model->nparams, pairs = 0;
    EnsembleDistances d = {0.0, (double)INFINITY, -(double)INFINITY, 0.0, (double)INFINITY,
                           -(double)INFINITY};
    for (size_t i = 0; i < ensemble->count; i++) {
        const double *a = net_run_theta(&ensemble->members[i].run);
        double norm_a = 0.0;
        for (size_t p = 0; p < n; p++)
            norm_a += a[p] * a[p];
        norm_a = sqrt(norm_a);
        d.mean_norm += norm_a / (double)ensemble->count;
        for (size_t j = i + 1; j < ensemble->count; j++, pairs++) {
            const double *b = net_run_theta(&ensemble->members[j].run);
            double sum = 0.0, norm_b = 0.0;
            for (size_t p = 0; p < n; p++) {
                sum += (a[p] - b[p]) * (a[p] - b[p]);
                norm_b += b[p] * b[p];
            }
            double distance = sqrt(sum), ratio = distance / (0.5 * (norm_a + sqrt(norm_b)));
            d.mean += distance;
            d.min = fmin(d.min, distance);
            d.max = fmax(d.max, distance);
            d.least_ratio = fmin(d.least_ratio, ratio);
            d.most_ratio = fmax(d.most_ratio, ratio);
        }
    }
    if (pairs == 0)
        d.mean = d.min = d.max = d.least_ratio = d.most_ratio = (double)NAN;
    else
        d.mean /= (double)pairs;
    kept->distances = d;
    kept->has_distances = true;
    return d;
}

bool ensemble_line(const Ensemble *ensemble, double losses[ENSEMBLE_LINE_POINTS],
                   DescentError *err)
{
    EnsembleKept *kept = ensemble->kept;
    if (!kept->has_line) {
        if (ensemble->count < 2)
            return error_set(err, "the line between two networks: the ensemble has %zu",
                             ensemble->count);
        if (!slice_line(ensemble->model, &ensemble->data->train,
                        net_run_theta(ensemble_member(ensemble, 0)),
                        net_run_theta(ensemble_member(ensemble, 1)), 0.0, 1.0,
                        ENSEMBLE_LINE_POINTS, kept->line, NULL, err))
            return false;
        kept->has_line = true;
    }
    memcpy(losses, kept->line, sizeof kept->line);
    return true;
}

void ensemble_predict(const Ensemble *ensemble, size_t k, const double *x, size_t count,
                      int *classes)
{
    const Model *model = ensemble->model;
    int outputs = model->sizes[model->nsizes - 1];
    double *z = malloc(count * (size_t)outputs * sizeof *z);
    if (z)
        model_outputs(model, net_run_theta(&ensemble->members[k].run), x, count, z,
                      ensemble->work);
    for (size_t s = 0; s < count; s++) {
        if (!z) {
            classes[s] = -1;
            continue;
        }
        const double *row = z + s * (size_t)outputs;
        int best = 0;
        for (int c = 1; c < outputs; c++)
            if (row[c] > row[best])
                best = c;
        classes[s] = isfinite(row[best]) ? best : -1;
    }
    free(z);
}

const NetRun *ensemble_member(const Ensemble *ensemble, size_t k)
{
    return &ensemble->members[k].run;
}

bool ensemble_init(Ensemble *ensemble, const Model *model, const NetDataSplit *data,
                   const OptimizerDesc *desc, uint64_t first_seed, size_t count,
                   DescentError *err)
{
    memset(ensemble, 0, sizeof *ensemble);
    if (count < 1 || count > ENSEMBLE_MAX)
        return error_set(err, "an ensemble of %zu networks: expected 1 to %d", count,
                         ENSEMBLE_MAX);
    ensemble->model = model, ensemble->data = data, ensemble->first_seed = first_seed;
    ensemble->members = calloc(count, sizeof *ensemble->members);
    ensemble->work = model_work_create(model);
    ensemble->kept = calloc(1, sizeof *ensemble->kept);
    double *theta0 = malloc(model->nparams * sizeof *theta0);
    bool ok = ensemble->members && ensemble->work && ensemble->kept && theta0;
    if (!ok)
        error_set(err, "out of memory for an ensemble of %zu networks", count);
    for (size_t k = 0; ok && k < count; k++) {
        EnsembleMember *m = &ensemble->members[k];
        Rng rng;
        rng_seed(&rng, first_seed + k);
        model_init(model, &rng, theta0);
        OptimizerDesc own = *desc;
        own.seed = desc->seed + k;
        ok = net_run_init(&m->run, model, data, &own, theta0, 0, err);
        m->started = ok;
        ensemble->count = k + 1;
        if (ok && !keep_copy(m, state_size(ensemble)))
            ok = error_set(err, "out of memory for an ensemble of %zu networks", count);
    }
    free(theta0);
    if (!ok)
        ensemble_free(ensemble);
    return ok;
}

void ensemble_free(Ensemble *ensemble)
{
    for (size_t k = 0; ensemble->members && k < ensemble->count; k++) {
        if (ensemble->members[k].started)
            net_run_free(&ensemble->members[k].run);
        free(ensemble->members[k].copies);
    }
    free(ensemble->members);
    model_work_destroy(ensemble->work);
    free(ensemble->kept);
    memset(ensemble, 0, sizeof *ensemble);
}
