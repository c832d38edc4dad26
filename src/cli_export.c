/* cli_export.c — `descent export --torch [scene options | LESSON.lua --step N]
 * [--steps N] [--change RUN:STEP:SPEC] -o scene.py` (docs/CLI.md §9): the
 * runs trace would print, a landscape's or a network's (--model, --data),
 * as a standalone PyTorch script (scene/torch_script.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "app/keys.h"
#include "cli.h"
#include "lesson/lesson.h"
#include "scene/torch_script.h"

static const char export_usage[] =
    "export --torch [scene options | LESSON.lua --step N] [--steps N] "
    "[--change RUN:STEP:SPEC] -o scene.py, or export --html [scene options | LESSON.lua] "
    "-o scene.html";

size_t cli_lesson_step_updates(const Lesson *lesson, size_t k)
{
    size_t updates = 0;
    for (;;) {
        updates += lesson->steps[k].play > 0 ? (size_t)lesson->steps[k].play : 0;
        if (!lesson->steps[k].keep || k == 0)
            return updates;
        k--;
    }
}

/* Writes "descent export ARGS" into dest, for the script's header. */
static void export_origin(int argc, char **argv, char *dest, size_t size)
{
    size_t len = (size_t)snprintf(dest, size, "descent export");
    for (int i = 0; i < argc && len < size; i++)
        len += (size_t)snprintf(dest + len, size - len, " %s", argv[i]);
}

/* The lesson's step (1-based) as scene options (a landscape's or a
 * network's) and its updates. */
static int lesson_scene(const char *path, long step, Lesson *lesson, SceneOptions *o,
                        size_t *updates)
{
    DescentError err;
    if (!lesson_load(path, "en", window_reserved_keys(), lesson, &err)) {
        cli_error("%s", err.message);
        return EXIT_USAGE;
    }
    if (step < 1 || (size_t)step > lesson->step_count) {
        cli_error("export: %s has steps 1 to %zu, not %ld (--step N)", path, lesson->step_count,
                  step);
        return EXIT_USAGE;
    }
    const LessonStep *s = &lesson->steps[step - 1];
    if (*s->model) {
        o->model = s->model;
        o->data = s->data;
        o->init_seed = s->init_seed;
    } else {
        o->landscape = s->landscape;
    }
    for (size_t i = 0; i < s->runs.count; i++)
        o->runs[i] = s->runs.specs[i];
    o->run_count = s->runs.count;
    o->sweep = s->sweep;
    o->has_start = s->has_start;
    o->start = s->start;
    o->particles = s->particles;
    *updates = cli_lesson_step_updates(lesson, (size_t)step - 1);
    return EXIT_OK;
}

/* The network scene of o (--model, --data, --init-seed, --opt) with c's
 * --change, traced as trace traces it and written to output. */
static int export_network(const SceneOptions *o, const CommandOptions *c, size_t steps,
                          const char *output, const char *origin)
{
    CommandOptions traced = *c;
    traced.model = o->model;
    traced.data = o->data;
    traced.init_seed = o->init_seed;
    NetTraces t;
    int status = cli_net_traces(o, &traced, steps, NULL, NULL, &t);
    if (status == EXIT_OK) {
        TorchNetwork net = {o->model, o->data, &t.model, &t.data, t.theta0};
        TorchNetRun runs[SCENE_MAX_RUNS];
        for (size_t r = 0; r < t.count; r++)
            runs[r] = (TorchNetRun){&t.runs[r].run.desc, &t.runs[r].changes, t.runs[r].spec};
        DescentError err;
        if (!torch_script_net_check(&net, runs, t.count, steps, &err)) {
            cli_error("%s", err.message);
            status = EXIT_USAGE;
        } else if (!torch_script_net_save(output, origin, &net, runs, t.count, steps, &err)) {
            cli_error("%s", err.message);
            status = EXIT_RUNTIME;
        }
    }
    cli_net_traces_free(&t);
    return status;
}

int cli_export(int argc, char **argv)
{
    SceneOptions o = {0};
    CommandOptions c = {0};
    const char *output = NULL, *lesson_path = NULL;
    bool torch = false, html = false;
    long step = 0;
    for (int i = 0; i < argc;) {
        const char *value;
        int m = cli_scene_option(&o, argc, argv, &i);
        if (m == 0)
            m = cli_network_option(&o, argc, argv, &i);
        if (m == 0)
            m = cli_command_option(&c, CLI_FOR_EXPORT, argc, argv, &i);
        if (m == 0 && (m = cli_option_value("-o", argc, argv, &i, &value)) > 0)
            output = value;
        if (m == 0 && (m = cli_option_value("--step", argc, argv, &i, &value)) > 0) {
            char *end;
            errno = 0;
            step = strtol(value, &end, 10);
            if (end == value || *end || errno || step < 1) {
                cli_error("--step %s: expected a lesson step, 1 for the first", value);
                return EXIT_USAGE;
            }
        }
        if (m < 0)
            return EXIT_USAGE;
        if (m > 0)
            continue;
        if (strcmp(argv[i], "--torch") == 0) {
            torch = true;
            i++;
        } else if (strcmp(argv[i], "--html") == 0) {
            html = true;
            i++;
        } else if (argv[i][0] != '-' && !lesson_path) {
            lesson_path = argv[i++];
        } else {
            cli_error("export: unknown option '%s' (%s)", argv[i], export_usage);
            return EXIT_USAGE;
        }
    }
    char origin[4096];
    export_origin(argc, argv, origin, sizeof origin);
    if (html && (torch || step || !output)) {
        cli_error("export --html takes -o FILE, and neither --torch nor --step (%s)",
                  export_usage);
        return EXIT_USAGE;
    }
    if (html)
        return cli_export_html(&o, &c, lesson_path, output, origin);
    if (!torch || !output) {
        cli_error("export needs --torch or --html, and -o FILE (%s)", export_usage);
        return EXIT_USAGE;
    }
    Lesson lesson = {0};
    size_t steps = c.steps;
    if (lesson_path) {
        if (o.landscape || o.run_count || o.sweep || o.particles || o.model || o.data || !step) {
            cli_error("export: a lesson's step sets the stage: give LESSON.lua --step N "
                      "without --landscape, --model, --data, --opt, --sweep or --particles");
            return EXIT_USAGE;
        }
        size_t updates;
        int status = lesson_scene(lesson_path, step, &lesson, &o, &updates);
        if (status != EXIT_OK) {
            lesson_free(&lesson);
            return status;
        }
        if (o.run_count == 0) {
            cli_error("export --torch: step %ld of %s has no runs", step, lesson_path);
            lesson_free(&lesson);
            return EXIT_USAGE;
        }
        if (!c.has_steps)
            steps = updates;
    } else if (step) {
        cli_error("export: --step N picks a lesson's step; give LESSON.lua");
        return EXIT_USAGE;
    } else if (!c.has_steps || o.run_count == 0) {
        cli_error("export needs --steps N and at least one --opt SPEC (%s)", export_usage);
        return EXIT_USAGE;
    }
    if (o.model || o.data) {
        const char *other = cli_landscape_only_option(&o);
        int status = EXIT_USAGE;
        if (*other)
            cli_error("export --torch: %s applies to a two-parameter landscape, not a network "
                      "(--model)", other);
        else
            status = export_network(&o, &c, steps, output, origin);
        lesson_free(&lesson);
        return status;
    }
    int status = EXIT_USAGE;
    DescentError err;
    Sweep sweep;
    Landscape *landscape = NULL;
    TraceRun *runs = NULL;
    size_t count = 0;
    if (!cli_expand_sweep(&o, &sweep))
        goto done;
    landscape = landscape_create(o.landscape ? o.landscape : "rosenbrock", &err);
    if (!landscape) {
        cli_error("--landscape %s", err.message);
        goto done;
    }
    status = cli_trace_runs(&o, &c, landscape, steps, &runs, &count);
    if (status != EXIT_OK)
        goto done;
    if (count > SCENE_MAX_RUNS) {
        cli_error("export --torch: %zu runs (a swarm of %zu particles); at most %d are exported",
                  count, o.particles, SCENE_MAX_RUNS);
        status = EXIT_USAGE;
        goto done;
    }
    TorchRun exported[SCENE_MAX_RUNS];
    for (size_t r = 0; r < count; r++)
        exported[r] = (TorchRun){&runs[r].run, runs[r].spec, r + 1};
    if (!torch_script_check(landscape, exported, count, steps, &err)) {
        cli_error("%s", err.message);
        status = EXIT_USAGE;
        goto done;
    }
    if (!torch_script_save(output, origin, landscape, exported, count, steps, &err)) {
        cli_error("%s", err.message);
        status = EXIT_RUNTIME;
    }
done:
    cli_trace_runs_free(runs, count);
    landscape_destroy(landscape);
    lesson_free(&lesson);
    return status;
}
