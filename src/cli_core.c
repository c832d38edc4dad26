/*
 * cli_core.c — the subcommands that need no window: `descent trace`,
 * `descent eval` and `descent list` (docs/CLI.md §1, §4, §5).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/keys.h"
#include "cli.h"
#include "core/landscape.h"
#include "core/linalg2.h"
#include "core/model.h"
#include "core/netdata.h"
#include "core/optimizer.h"
#include "core/run.h"
#include "core/schedule.h"
#include "core/sweep.h"
#include "lesson/lesson.h"

#define TRACE_DEFAULT_LANDSCAPE "rosenbrock"

/* ---------------------------------------------------------------------
 * Output helpers
 * ------------------------------------------------------------------- */

/* ---------------------------------------------------------------------
 * descent trace
 * ------------------------------------------------------------------- */

static void trace_csv(const TraceRun *runs, size_t count)
{
    puts("run,optimizer,step,x,y,loss");
    for (size_t r = 0; r < count; r++)
        for (size_t k = 0; k < runs[r].run.count; k++) {
            const RunPoint *p = &runs[r].run.path[k];
            printf("%zu,", r);
            cli_csv_field(stdout, runs[r].spec);
            printf(",%zu,%.17g,%.17g,%.17g\n", k, p->x, p->y, p->loss);
        }
}

static void trace_json(const char *landscape, const TraceRun *runs, size_t count)
{
    static const char *const status[] = {"active", "diverged", "stalled"};
    fputs("{\"landscape\": ", stdout);
    cli_json_string(stdout, landscape);
    fputs(", \"runs\": [", stdout);
    for (size_t r = 0; r < count; r++) {
        const Run *run = &runs[r].run;
        printf("%s\n  {\"run\": %zu, \"optimizer\": ", r ? "," : "", r);
        cli_json_string(stdout, runs[r].spec);
        printf(", \"seed\": %llu, \"status\": \"%s\", \"columns\": [\"step\", \"x\", \"y\", \"loss\"], \"rows\": [",
               (unsigned long long)run->desc.seed, status[run->status]);
        for (size_t k = 0; k < run->count; k++) {
            printf("%s[%zu, ", k ? ", " : "", k);
            cli_json_number(stdout, run->path[k].x);
            fputs(", ", stdout);
            cli_json_number(stdout, run->path[k].y);
            fputs(", ", stdout);
            cli_json_number(stdout, run->path[k].loss);
            fputc(']', stdout);
        }
        fputs("]}", stdout);
    }
    fputs("\n]}\n", stdout);
}

/* Builds the runs: one per --opt, or --particles copies of a noisy one. */
static int trace_build(const SceneOptions *o, const Landscape *landscape, TraceRun **dest,
                       size_t *count)
{
    size_t copies = o->particles ? o->particles : 1;
    TraceRun *runs = calloc(o->run_count * copies, sizeof *runs);
    if (!runs) {
        cli_error("out of memory");
        return EXIT_RUNTIME;
    }
    size_t n = 0;
    int status = EXIT_OK;
    for (size_t r = 0; r < o->run_count && status == EXIT_OK; r++) {
        OptimizerDesc desc;
        DescentError err;
        if (!optimizer_parse(o->runs[r], landscape, &desc, &err)) {
            cli_error("--opt %s", err.message);
            status = EXIT_USAGE;
            break;
        }
        if (!desc.seed_given && o->has_seed)
            desc.seed = o->seed;
        LandscapePoint start = run_start_point(&desc, o->has_start ? &o->start : NULL, landscape);
        size_t k_count = optimizer_is_noisy(&desc) ? copies : 1;
        for (size_t k = 0; k < k_count; k++) {
            OptimizerDesc copy = desc;
            copy.seed = desc.seed + k;
            runs[n].spec = o->runs[r];
            if (!run_init(&runs[n].run, landscape, &copy, start.x, start.y, &err)) {
                cli_error("%s", err.message);
                status = EXIT_RUNTIME;
                break;
            }
            n++;
        }
    }
    *dest = runs;
    *count = n;
    return status;
}

/* Points reserved at a time: the path grows as the run goes, so a run that
 * stops early never holds room for all the steps asked. */
#define TRACE_CHUNK 65536

/* Advances run by steps updates, or until it stops.  Running out of memory
 * is an error (the output would be silently cut short), not a stall. */
static int trace_advance(Run *run, size_t steps)
{
    size_t done = 0;
    while (done < steps && run->status == RUN_ACTIVE) {
        size_t chunk = steps - done < TRACE_CHUNK ? steps - done : TRACE_CHUNK;
        if (!run_reserve(run, run->count + chunk)) {
            cli_error("out of memory after %zu of %zu steps (trace keeps every point)",
                      done, steps);
            return EXIT_RUNTIME;
        }
        done += run_advance(run, chunk);
    }
    return EXIT_OK;
}

/* The run a --change names, its update and its spec (parse_change in
 * cli.c checked the form). */
static void change_parts(const char *change, size_t *run, size_t *step, const char **spec)
{
    char *end;
    *run = (size_t)strtoul(change, &end, 10);
    *step = (size_t)strtoul(end + 1, &end, 10);
    *spec = end + 1;
}

int cli_check_changes(const CommandOptions *c, size_t count, size_t steps)
{
    for (size_t i = 0; i < c->change_count; i++) {
        size_t run, step;
        const char *spec;
        change_parts(c->changes[i], &run, &step, &spec);
        if (run >= count) {
            cli_error("--change %s: there is no run %zu (runs count from 0; %zu here)",
                      c->changes[i], run, count);
            return EXIT_USAGE;
        }
        if (step > steps) {
            cli_error("--change %s: update %zu is past --steps %zu", c->changes[i], step, steps);
            return EXIT_USAGE;
        }
    }
    return EXIT_OK;
}

const char *cli_change_at(const CommandOptions *c, size_t i, size_t r, size_t done)
{
    size_t run, step;
    const char *spec;
    change_parts(c->changes[i], &run, &step, &spec);
    return run == r && step == done ? spec : NULL;
}

size_t cli_next_change(const CommandOptions *c, size_t r, size_t done, size_t steps)
{
    size_t next = steps;
    for (size_t i = 0; i < c->change_count; i++) {
        size_t run, step;
        const char *spec;
        change_parts(c->changes[i], &run, &step, &spec);
        if (run == r && step > done && step < next)
            next = step;
    }
    return next;
}

/* Advances run (index r) steps updates, making the --change of it at their
 * updates, in the order given at equal updates. */
static int trace_run_changes(TraceRun *t, size_t r, const CommandOptions *c,
                             const Landscape *landscape, size_t steps)
{
    for (size_t done = 0;;) {
        for (size_t i = 0; i < c->change_count; i++) {
            const char *spec = cli_change_at(c, i, r, done);
            OptimizerDesc desc;
            DescentError err;
            if (spec && (!optimizer_parse(spec, landscape, &desc, &err) ||
                         !run_reconfigure(&t->run, &desc, &err))) {
                cli_error("--change %s: %s", c->changes[i], err.message);
                return EXIT_USAGE;
            }
        }
        size_t next = cli_next_change(c, r, done, steps);
        int status = trace_advance(&t->run, next - done);
        done = next;
        if (status != EXIT_OK || done == steps || t->run.status != RUN_ACTIVE)
            return status;
    }
}

int cli_trace_runs(const SceneOptions *o, const CommandOptions *c, const Landscape *landscape,
                   size_t steps, TraceRun **dest, size_t *count)
{
    int status = trace_build(o, landscape, dest, count);
    if (status == EXIT_OK)
        status = cli_check_changes(c, *count, steps);
    for (size_t r = 0; r < *count && status == EXIT_OK; r++)
        status = trace_run_changes(&(*dest)[r], r, c, landscape, steps);
    return status;
}

void cli_trace_runs_free(TraceRun *runs, size_t count)
{
    for (size_t r = 0; r < count; r++)
        run_free(&runs[r].run);
    free(runs);
}

bool cli_expand_sweep(SceneOptions *o, Sweep *sweep)
{
    if (!o->sweep)
        return true;
    DescentError err;
    if (o->run_count != 1) {
        cli_error("sweep %s: applies to exactly one run (--opt), not %zu", o->sweep, o->run_count);
        return false;
    }
    if (!sweep_expand(o->sweep, o->runs[0], sweep, &err)) {
        cli_error("%s", err.message);
        return false;
    }
    for (size_t i = 0; i < sweep->count; i++)
        o->runs[i] = sweep->specs[i];
    o->run_count = sweep->count;
    return true;
}

const char *cli_landscape_only_option(const SceneOptions *o)
{
    return o->landscape ? "--landscape"
           : o->has_start ? "--start"
           : o->particles ? "--particles"
           : o->sweep     ? "--sweep"
                          : "";
}

int cli_trace(int argc, char **argv)
{
    SceneOptions o = {0};
    CommandOptions c = {0};
    for (int i = 0; i < argc;) {
        int m = cli_scene_option(&o, argc, argv, &i);
        if (m == 0)
            m = cli_command_option(&c, CLI_FOR_TRACE, argc, argv, &i);
        if (m < 0)
            return EXIT_USAGE;
        if (m == 0) {
            cli_error("trace: unknown option '%s' (see descent --help)", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (!c.has_steps) {
        cli_error("trace needs --steps N");
        return EXIT_USAGE;
    }
    if (o.run_count == 0) {
        cli_error("trace needs at least one --opt SPEC");
        return EXIT_USAGE;
    }
    if (c.model || c.data) {
        const char *other = cli_landscape_only_option(&o);
        if (*other) {
            cli_error("%s applies to a two-parameter landscape, not a network (--model)", other);
            return EXIT_USAGE;
        }
        return cli_trace_network(&o, &c);
    }
    if (c.has_every || c.has_init_seed) {
        cli_error("%s applies to a network: give --model SPEC --data SPEC",
                  c.has_every ? "--every" : "--init-seed");
        return EXIT_USAGE;
    }
    DescentError err;
    /* A sweep's runs are traced one after the other, as --opt of each value. */
    Sweep sweep;
    if (!cli_expand_sweep(&o, &sweep))
        return EXIT_USAGE;
    const char *spec = o.landscape ? o.landscape : TRACE_DEFAULT_LANDSCAPE;
    Landscape *landscape = landscape_create(spec, &err);
    if (!landscape) {
        cli_error("--landscape %s", err.message);
        return EXIT_USAGE;
    }
    TraceRun *runs = NULL;
    size_t count = 0;
    int status = cli_trace_runs(&o, &c, landscape, c.steps, &runs, &count);
    if (status == EXIT_OK) {
        if (c.json)
            trace_json(spec, runs, count);
        else
            trace_csv(runs, count);
        status = cli_finish_output();
    }
    cli_trace_runs_free(runs, count);
    landscape_destroy(landscape);
    return status;
}

/* ---------------------------------------------------------------------
 * descent eval
 * ------------------------------------------------------------------- */

int cli_eval(int argc, char **argv)
{
    CommandOptions c = {0};
    for (int i = 0; i < argc;) {
        int m = cli_command_option(&c, CLI_FOR_EVAL, argc, argv, &i);
        if (m < 0)
            return EXIT_USAGE;
        if (m == 0) {
            cli_error("eval: unknown option '%s' (usage: descent eval --landscape SPEC --at X,Y, "
                      "or --model SPEC --data SPEC --theta FILE)", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (c.model || c.data || c.theta) {
        if (c.landscape || c.at) {
            cli_error("eval: %s belongs to a landscape, not a network (--model)",
                      c.landscape ? "--landscape" : "--at");
            return EXIT_USAGE;
        }
        return cli_eval_network(&c);
    }
    const char *spec = c.landscape, *at = c.at;
    double point[2];
    if (!spec || !at) {
        cli_error("usage: descent eval --landscape SPEC --at X,Y, or descent eval --model SPEC "
                  "--data SPEC --theta FILE");
        return EXIT_USAGE;
    }
    if (!scene_option_numbers(at, point, 2)) {
        cli_error("--at %s: expected X,Y (two finite numbers)", at);
        return EXIT_USAGE;
    }
    DescentError err;
    Landscape *landscape = landscape_create(spec, &err);
    if (!landscape) {
        cli_error("--landscape %s", err.message);
        return EXIT_USAGE;
    }
    LandscapeEval e;
    double x = point[0], y = point[1];
    landscape_eval(landscape, x, y, &e);
    double eig[2];
    sym2_eigenvalues(e.hess[0], e.hess[1], e.hess[2], eig);
    const double numbers[] = {x, y, e.value, e.grad[0], e.grad[1], e.hess[0], e.hess[1],
                              e.hess[1], e.hess[2], eig[0], eig[1]};
    const char *const layout[] = {", \"x\": ", ", \"y\": ", ", \"loss\": ", ", \"grad\": [", ", ",
                                  "], \"hessian\": [[", ", ", "], [", ", ", "]], \"eigenvalues\": [",
                                  ", "};
    fputs("{\"landscape\": ", stdout);
    cli_json_string(stdout, spec);
    for (size_t k = 0; k < sizeof numbers / sizeof numbers[0]; k++) {
        fputs(layout[k], stdout);
        cli_json_number(stdout, numbers[k]);
    }
    fputs("]}\n", stdout);
    landscape_destroy(landscape);
    return cli_finish_output();
}

/* ---------------------------------------------------------------------
 * descent list
 * ------------------------------------------------------------------- */

void cli_list_params(const ParamDef *params, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        char def[64];
        param_default_text(&params[i], def, sizeof def);
        if (params[i].type == PARAM_CHOICE)
            printf("    %-26s %-10s %s (%s)\n", params[i].name, def, params[i].help,
                   params[i].choices);
        else
            printf("    %-26s %-10s %s\n", params[i].name, def, params[i].help);
    }
}

static void list_landscapes(void)
{
    size_t count;
    const LandscapeInfo *kinds = landscape_kinds(&count);
    for (size_t k = 0; k < count; k++) {
        printf("%-18s %s\n", kinds[k].name, kinds[k].formula);
        cli_list_params(kinds[k].params, kinds[k].nparams);
    }
}

static void list_optimizers(void)
{
    size_t count;
    const OptimizerInfo *kinds = optimizer_kinds(&count);
    for (size_t k = 0; k < count; k++) {
        printf("%-10s %s\n", kinds[k].name, kinds[k].summary);
        cli_list_params(kinds[k].params, kinds[k].nparams);
    }
}

static void list_models(void)
{
    printf("%-10s %s\n", "mlp", "a fully connected network: linear layers, act between them");
    cli_list_params(model_mlp_params, model_mlp_param_count);
}

static void list_datasets(void)
{
    for (size_t k = 0; k < netdata_kind_count; k++) {
        printf("%-16s %s\n", netdata_kinds[k].name, netdata_kinds[k].help);
        cli_list_params(netdata_kinds[k].params, netdata_kinds[k].nparams);
    }
}

static void list_schedules(void)
{
    for (int k = SCHEDULE_CONSTANT; k <= SCHEDULE_LINEAR; k++)
        printf("%-9s %s\n", schedule_name((ScheduleKind)k), schedule_formula((ScheduleKind)k));
    puts("warmup=W: update k < W uses lr (k + 1) / (W + 1); j = k - W counts the updates after it.");
    puts("keys (on any optimizer but flow): schedule, warmup, total, gamma, every, lr_min");
}

/* Each shipped lesson's name (its file name without .lua) and title. */
static int list_lessons(void)
{
    LessonList list;
    DescentError err;
    if (!lesson_list(&list, &err)) {
        cli_error("%s", err.message);
        return EXIT_RUNTIME;
    }
    int status = EXIT_OK;
    for (size_t i = 0; i < list.count; i++) {
        const char *base = strrchr(list.paths[i], '/');
        base = base ? base + 1 : list.paths[i];
        int name_len = (int)(strlen(base) - (strlen(base) > 4 ? 4 : 0));
        Lesson lesson;
        if (lesson_load(list.paths[i], NULL, window_reserved_keys(), &lesson, &err)) {
            cli_print_line("%-26.*s %s", name_len, base, lesson.title);
            lesson_free(&lesson);
        } else {
            cli_error("%s", err.message);
            status = EXIT_RUNTIME;
        }
    }
    lesson_list_free(&list);
    return status;
}

int cli_list(int argc, char **argv)
{
    const char *what = argc == 1 ? argv[0] : "";
    if (strcmp(what, "landscapes") == 0)
        list_landscapes();
    else if (strcmp(what, "optimizers") == 0)
        list_optimizers();
    else if (strcmp(what, "schedules") == 0)
        list_schedules();
    else if (strcmp(what, "models") == 0)
        list_models();
    else if (strcmp(what, "datasets") == 0)
        list_datasets();
    else if (strcmp(what, "experiments") == 0)
        cli_list_experiments();
    else if (strcmp(what, "lessons") == 0) {
        int status = list_lessons();
        return status == EXIT_OK ? cli_finish_output() : status;
    } else {
        cli_error("usage: descent list landscapes|optimizers|schedules|lessons|models|datasets|"
                  "experiments");
        return EXIT_USAGE;
    }
    return cli_finish_output();
}
