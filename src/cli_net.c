/*
 * cli_net.c — `descent trace` and `descent eval` on a network: --model SPEC
 * --data SPEC (docs/CLI.md §4.2, §5.2).  The training itself is the core's
 * (core/net_run.h); this file reads the specs, starts the runs from one
 * θ0 and prints what they recorded.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/model.h"
#include "core/net_run.h"
#include "core/netdata.h"
#include "core/spectrum.h"

/* The model and the data both specs name, checked against each other; on
 * success the caller frees data.  Errors are printed; returns the exit
 * status. */
static int load_network(const CommandOptions *c, Model *model, NetDataSplit *data)
{
    if (!c->model || !c->data) {
        cli_error("%s", c->model ? "--model needs --data SPEC (descent list datasets)"
                                 : "--data needs --model SPEC (descent list models)");
        return EXIT_USAGE;
    }
    DescentError err;
    if (!model_parse(c->model, model, &err)) {
        cli_error("--model %s", err.message);
        return EXIT_USAGE;
    }
    if (!netdata_create(c->data, data, &err)) {
        cli_error("--data %s", err.message);
        return EXIT_USAGE;
    }
    if (!model_check_data(model, &data->train, &err)) {
        cli_error("--model %s with --data %s: %s", c->model, c->data, err.message);
        netdata_free(data);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* ---------------------------------------------------------------------
 * descent trace --model SPEC --data SPEC
 * ------------------------------------------------------------------- */

static void json_vector(const double *v, size_t n)
{
    putchar('[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(", ", stdout);
        cli_json_number(stdout, v[i]);
    }
    putchar(']');
}

static void json_set(const NetData *set)
{
    fputs("{\"x\": [", stdout);
    for (size_t s = 0; s < set->n; s++) {
        fputs(s ? ", " : "", stdout);
        json_vector(set->x + s * (size_t)set->dim, (size_t)set->dim);
    }
    fputs("], \"y\": ", stdout);
    json_vector(set->y, set->n);
    putchar('}');
}

/* A metric as a JSON member; "when measured" ones are left out when NaN. */
static void json_metric(const char *name, double v, bool optional)
{
    if (optional && isnan(v))
        return;
    printf(", \"%s\": ", name);
    cli_json_number(stdout, v);
}

/* batch: room for every training sample (a minibatch's indices). */
static void trace_network_json(const CommandOptions *c, const NetDataSplit *data,
                               const NetTrace *traces, size_t count, const double *theta0,
                               size_t *batch)
{
    fputs("{\"model\": ", stdout);
    cli_json_string(stdout, c->model);
    fputs(", \"data\": {\"spec\": ", stdout);
    cli_json_string(stdout, c->data);
    fputs(", \"train\": ", stdout);
    json_set(&data->train);
    fputs(", \"test\": ", stdout);
    json_set(&data->test);
    fputs("}, \"runs\": [", stdout);
    for (size_t r = 0; r < count; r++) {
        const NetRun *run = &traces[r].run;
        size_t n = run->model->nparams;
        fputs(r ? ",\n  {\"optimizer\": " : "\n  {\"optimizer\": ", stdout);
        cli_json_string(stdout, traces[r].spec);
        fputs(", \"theta0\": ", stdout);
        json_vector(theta0, n);
        if (run->desc.batch > 0 && run->desc.kind != OPT_FLOW) {
            fputs(", \"batches\": [", stdout);
            for (size_t k = 0; k + 1 < run->count; k++) {
                const OptimizerDesc *desc = changes_desc_at(&traces[r].changes, &run->desc, k);
                size_t m = optimizer_vec_batch(desc, data->train.n, run->state->batch_key,
                                               (long)k, batch);
                fputs(k ? ", [" : "[", stdout);
                for (size_t i = 0; i < m; i++)
                    printf("%s%zu", i ? ", " : "", batch[i]);
                putchar(']');
            }
            putchar(']');
        }
        fputs(", \"steps\": [", stdout);
        for (size_t k = 0; k < run->count; k++) {
            const NetMetrics *m = &run->metrics[k];
            printf("%s{\"step\": %zu", k ? ", " : "", k);
            json_metric("train_loss", m->train_loss, false);
            json_metric("train_acc", m->train_acc, false);
            json_metric("test_loss", m->test_loss, false);
            json_metric("test_acc", m->test_acc, false);
            json_metric("norm", m->norm, false);
            json_metric("sharpness", m->sharpness, true);
            json_metric("preconditioned_sharpness", m->preconditioned_sharpness, true);
            json_metric("noise_scale", m->noise_scale, true);
            putchar('}');
        }
        fputs("], \"theta\": ", stdout);
        json_vector(net_run_theta(run), n);
        putchar('}');
    }
    fputs("\n]}\n", stdout);
}

/* A CSV number; the measured-every-K columns are empty where not measured. */
static void csv_metric(double v, bool optional)
{
    if (optional && isnan(v))
        fputs(",", stdout);
    else
        printf(",%.17g", v);
}

static void trace_network_csv(const NetTrace *traces, size_t count)
{
    puts("run,optimizer,step,train_loss,train_acc,test_loss,test_acc,norm,sharpness,"
         "preconditioned_sharpness,noise_scale");
    for (size_t r = 0; r < count; r++)
        for (size_t k = 0; k < traces[r].run.count; k++) {
            const NetMetrics *m = &traces[r].run.metrics[k];
            printf("%zu,", r);
            cli_csv_field(stdout, traces[r].spec);
            printf(",%zu", k);
            csv_metric(m->train_loss, false);
            csv_metric(m->train_acc, false);
            csv_metric(m->test_loss, false);
            csv_metric(m->test_acc, false);
            csv_metric(m->norm, false);
            csv_metric(m->sharpness, true);
            csv_metric(m->preconditioned_sharpness, true);
            csv_metric(m->noise_scale, true);
            putchar('\n');
        }
}

/* Parses every --opt (bad specs are usage errors) and starts the runs. */
static int start_runs(const SceneOptions *o, const CommandOptions *c, NetTraces *t)
{
    for (size_t r = 0; r < o->run_count; r++) {
        OptimizerDesc desc;
        DescentError err;
        if (!optimizer_parse_vec(o->runs[r], t->data.train.n, c->data, &desc, &err)) {
            cli_error("--opt %s", err.message);
            return EXIT_USAGE;
        }
        if (!desc.seed_given && o->has_seed)
            desc.seed = o->seed;
        if (!net_run_init(&t->runs[r].run, &t->model, &t->data, &desc, t->theta0, c->every,
                          &err)) {
            cli_error("%s", err.message);
            return EXIT_RUNTIME;
        }
        t->runs[r].spec = o->runs[r];
        t->count = r + 1;
    }
    return EXIT_OK;
}

/* Advances run r steps updates, making its --change at their updates (in
 * the order given at equal updates), as trace_run_changes does for a
 * landscape's run; with visit, one update at a time, visiting each. */
static int advance_with_changes(NetTraces *t, size_t r, const CommandOptions *c, size_t steps,
                                NetTraceVisit visit, void *context)
{
    NetTrace *trace = &t->runs[r];
    if (visit && !visit(context, t, r, 0))
        return EXIT_RUNTIME;
    for (size_t done = 0;;) {
        for (size_t i = 0; i < c->change_count; i++) {
            const char *spec = cli_change_at(c, i, r, done);
            OptimizerDesc desc;
            DescentError err;
            Snapshots none = {0}; /* a NetRun keeps no snapshots to forget */
            if (spec && (!optimizer_parse_vec(spec, t->data.train.n, c->data, &desc, &err) ||
                         !history_reconfigure(&trace->changes, &none, done, &trace->run.desc,
                                              &desc, &err))) {
                cli_error("--change %s: %s", c->changes[i], err.message);
                return EXIT_USAGE;
            }
        }
        size_t next = cli_next_change(c, r, done, steps);
        if (visit && next > done + 1)
            next = done + 1;
        bool ok;
        DescentError err;
        size_t performed = net_run_advance(&trace->run, next - done, &ok, &err);
        if (!ok) {
            cli_error("%s", err.message);
            return EXIT_RUNTIME;
        }
        if (visit && performed > 0 && !visit(context, t, r, trace->run.count - 1))
            return EXIT_RUNTIME;
        done = next;
        if (done == steps || trace->run.status != NET_RUN_ACTIVE)
            return EXIT_OK;
    }
}

int cli_net_traces(const SceneOptions *o, const CommandOptions *c, size_t steps,
                   NetTraceVisit visit, void *context, NetTraces *t)
{
    memset(t, 0, sizeof *t);
    int status = load_network(c, &t->model, &t->data);
    if (status != EXIT_OK)
        return status;
    t->theta0 = malloc(t->model.nparams * sizeof *t->theta0);
    t->runs = calloc(o->run_count, sizeof *t->runs);
    if (!t->theta0 || !t->runs) {
        cli_error("out of memory");
        return EXIT_RUNTIME;
    }
    Rng rng;
    rng_seed(&rng, c->init_seed);
    model_init(&t->model, &rng, t->theta0);
    status = start_runs(o, c, t);
    if (status == EXIT_OK)
        status = cli_check_changes(c, t->count, steps);
    for (size_t r = 0; r < t->count && status == EXIT_OK; r++)
        status = advance_with_changes(t, r, c, steps, visit, context);
    return status;
}

void cli_net_traces_free(NetTraces *t)
{
    for (size_t r = 0; r < t->count; r++) {
        net_run_free(&t->runs[r].run);
        changes_free(&t->runs[r].changes);
    }
    free(t->runs);
    free(t->theta0);
    netdata_free(&t->data);
    memset(t, 0, sizeof *t);
}

int cli_trace_network(const SceneOptions *o, const CommandOptions *c)
{
    NetTraces t;
    int status = cli_net_traces(o, c, c->steps, NULL, NULL, &t);
    size_t *batch = status == EXIT_OK ? malloc(t.data.train.n * sizeof *batch) : NULL;
    if (status == EXIT_OK && !batch) {
        cli_error("out of memory");
        status = EXIT_RUNTIME;
    }
    if (status == EXIT_OK) {
        if (c->json)
            trace_network_json(c, &t.data, t.runs, t.count, t.theta0, batch);
        else
            trace_network_csv(t.runs, t.count);
        status = cli_finish_output();
    }
    free(batch);
    cli_net_traces_free(&t);
    return status;
}

/* ---------------------------------------------------------------------
 * descent eval --model SPEC --data SPEC --theta FILE
 * ------------------------------------------------------------------- */

/* The eigenvalues eval prints: the few largest. */
#define EVAL_TOP 5

/* Reads exactly n numbers from path: separated by white space or commas,
 * brackets ignored (so trace's JSON "theta" array works as it is).
 * Errors are printed; returns the exit status. */
static int read_theta(const char *path, size_t n, double *dest)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        cli_error("--theta %s: %s", path, strerror(errno));
        return EXIT_USAGE;
    }
    size_t count = 0;
    int status = EXIT_OK;
    for (;;) {
        int ch = fgetc(f);
        if (ch == EOF)
            break;
        if (strchr(" \t\r\n,[]", ch))
            continue;
        ungetc(ch, f);
        double v;
        if (fscanf(f, "%lf", &v) != 1 || !isfinite(v)) {
            cli_error("--theta %s: number %zu is not a finite number", path, count + 1);
            status = EXIT_USAGE;
            break;
        }
        if (count < n)
            dest[count] = v;
        count++;
    }
    fclose(f);
    if (status == EXIT_OK && count != n) {
        cli_error("--theta %s: holds %zu numbers; the model has %zu parameters", path, count, n);
        status = EXIT_USAGE;
    }
    return status;
}

int cli_eval_network(const CommandOptions *c)
{
    if (!c->theta) {
        cli_error("usage: descent eval --model SPEC --data SPEC --theta FILE");
        return EXIT_USAGE;
    }
    Model model;
    NetDataSplit data;
    int status = load_network(c, &model, &data);
    if (status != EXIT_OK)
        return status;
    size_t n = model.nparams;
    double *theta = malloc(2 * n * sizeof *theta);
    ModelWork *work = model_work_create(&model);
    if (!theta || !work) {
        cli_error("out of memory");
        status = EXIT_RUNTIME;
    } else {
        status = read_theta(c->theta, n, theta);
    }
    LanczosResult top = {0};
    ModelEval train = {0, 0};
    double grad_norm = 0.0;
    if (status == EXIT_OK) {
        const NetData *set = &data.train;
        train = model_evaluate(&model, theta, set, NULL, set->n, work);
        double *grad = theta + n;
        model_gradient(&model, theta, set, NULL, set->n, grad, work);
        for (size_t i = 0; i < n; i++)
            grad_norm += grad[i] * grad[i];
        grad_norm = sqrt(grad_norm);
        ModelHessian hessian = {&model, theta, set, NULL, set->n, work};
        LanczosDesc desc = {.top = EVAL_TOP};
        DescentError err;
        if (!spectrum_lanczos(n, model_hessian_apply, &hessian, &desc, &top, &err)) {
            cli_error("%s", err.message);
            status = EXIT_RUNTIME;
        }
    }
    if (status == EXIT_OK) {
        fputs("{\"model\": ", stdout);
        cli_json_string(stdout, c->model);
        fputs(", \"data\": ", stdout);
        cli_json_string(stdout, c->data);
        fputs(", \"loss\": ", stdout);
        cli_json_number(stdout, train.loss);
        fputs(", \"accuracy\": ", stdout);
        cli_json_number(stdout, train.accuracy);
        fputs(", \"grad_norm\": ", stdout);
        cli_json_number(stdout, grad_norm);
        fputs(", \"eigenvalues\": ", stdout);
        json_vector(top.values, (size_t)top.count);
        fputs(", \"residuals\": ", stdout);
        json_vector(top.residuals, (size_t)top.count);
        fputs("}\n", stdout);
        status = cli_finish_output();
    }
    model_work_destroy(work);
    free(theta);
    netdata_free(&data);
    return status;
}
