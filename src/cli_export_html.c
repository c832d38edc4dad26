/* cli_export_html.c — `descent export --html [scene options | LESSON.lua]
 * [--steps N] [--change RUN:STEP:SPEC] -o scene.html` (docs/CLI.md §9): the
 * runs trace would print (a landscape's or a network's), or every step of
 * a lesson, as one self-contained page (scene/html_page.h). */
#include <stdlib.h>
#include <string.h>

#include "app/keys.h"
#include "cli.h"
#include "lesson/lesson.h"
#include "scene/html_page.h"

/* A network traced for the page (one scene, or a lesson's steps that keep
 * going from one another): the runs, θ at each frame, and what the page
 * is given of them. */
typedef struct NetParts {
    NetTraces traces;
    size_t *frame_updates;     /* owned */
    size_t frame_count;
    size_t *frames_taken;      /* owned: per run, the frames whose θ is taken */
    double *thetas;            /* owned: run r's frame f at (r·frame_count + f)·nparams */
    HtmlNetRun runs[SCENE_MAX_RUNS];
    HtmlNetwork network;
} NetParts;

/* What one stage holds while the page is written. */
typedef struct StageParts {
    Landscape *landscape;      /* owned unless it is the stage before's */
    bool shared_landscape;     /* landscape is the stage before's */
    Sweep sweep;               /* the specs a sweep's runs point into */
    TraceRun *runs;            /* owned (cli_trace_runs) */
    size_t run_count;
    HtmlRun html_runs[SCENE_MAX_RUNS];
    HtmlMark marks[LESSON_MAX_MARKS];
    NetParts *net;             /* a network's stage: owned unless shared_net */
    bool shared_net;           /* net is the stage before's */
} StageParts;

static void net_parts_free(NetParts *net)
{
    if (!net)
        return;
    cli_net_traces_free(&net->traces);
    free(net->frame_updates);
    free(net->frames_taken);
    free(net->thetas);
    free(net);
}

static void stage_parts_free(StageParts *parts, size_t count)
{
    for (size_t s = 0; s < count; s++) {
        cli_trace_runs_free(parts[s].runs, parts[s].run_count);
        if (!parts[s].shared_landscape)
            landscape_destroy(parts[s].landscape);
        if (!parts[s].shared_net)
            net_parts_free(parts[s].net);
    }
    free(parts);
}

/* cli_net_traces's visit: takes run r's θ at the frames of this update. */
static bool take_frame(void *context, const NetTraces *traces, size_t r, size_t update)
{
    NetParts *net = context;
    size_t n = traces->model.nparams;
    if (!net->thetas) {
        net->thetas = malloc(traces->count * net->frame_count * n * sizeof *net->thetas);
        if (!net->thetas) {
            cli_error("out of memory");
            return false;
        }
    }
    size_t *f = &net->frames_taken[r];
    if (*f < net->frame_count && net->frame_updates[*f] == update) {
        memcpy(net->thetas + (r * net->frame_count + *f) * n, net_run_theta(&traces->runs[r].run),
               n * sizeof *net->thetas);
        ++*f;
    }
    return true;
}

/* The frames of a network traced to ends[end_count − 1] updates whose
 * stages end at ends[] (increasing): every K updates, K cutting it into
 * about HTML_REGION_FRAMES, and each stage's end. */
static bool plan_frames(NetParts *net, const size_t *ends, size_t end_count)
{
    size_t last = ends[end_count - 1];
    size_t every = last / HTML_REGION_FRAMES + 1;
    net->frame_updates = malloc((last / every + 1 + end_count) * sizeof *net->frame_updates);
    if (!net->frame_updates)
        return false;
    size_t e = 0;
    for (size_t u = 0; u <= last; u += every) {
        for (; e < end_count && ends[e] < u; e++)
            if (!net->frame_count || net->frame_updates[net->frame_count - 1] != ends[e])
                net->frame_updates[net->frame_count++] = ends[e];
        net->frame_updates[net->frame_count++] = u;
    }
    for (; e < end_count; e++)
        if (net->frame_updates[net->frame_count - 1] != ends[e])
            net->frame_updates[net->frame_count++] = ends[e];
    return true;
}

/* Traces o's network (--model, --data, --init-seed, --opt, c's --change)
 * to the last of ends (the updates its stages end at, increasing), taking
 * θ at the frames, into a new *dest. */
static int build_network(const SceneOptions *o, const CommandOptions *c, const size_t *ends,
                         size_t end_count, NetParts **dest)
{
    NetParts *net = *dest = calloc(1, sizeof *net);
    if (!net || !(net->frames_taken = calloc(o->run_count, sizeof *net->frames_taken)) ||
        !plan_frames(net, ends, end_count)) {
        cli_error("out of memory");
        return EXIT_RUNTIME;
    }
    CommandOptions traced = *c;
    traced.model = o->model;
    traced.data = o->data;
    traced.init_seed = o->init_seed;
    traced.every = 0;
    int status = cli_net_traces(o, &traced, ends[end_count - 1], take_frame, net, &net->traces);
    if (status != EXIT_OK)
        return status;
    NetTraces *t = &net->traces;
    size_t n = t->model.nparams;
    for (size_t r = 0; r < t->count; r++) {
        /* A run that stopped early shows its end at the frames after it. */
        for (size_t f = net->frames_taken[r]; f < net->frame_count; f++)
            memcpy(net->thetas + (r * net->frame_count + f) * n, net_run_theta(&t->runs[r].run),
                   n * sizeof *net->thetas);
        net->runs[r] = (HtmlNetRun){&t->runs[r].run, t->runs[r].spec,
                                    net->thetas + r * net->frame_count * n};
    }
    net->network = (HtmlNetwork){o->model, o->data, &t->model, &t->data, net->runs, t->count,
                                 net->frame_updates, net->frame_count};
    return EXIT_OK;
}

/* Builds a stage's landscape (or takes the stage before's, when its spec
 * is the same) and its runs, steps updates each, into parts. */
static int build_stage(SceneOptions *o, const CommandOptions *c, size_t steps,
                       const StageParts *before, StageParts *parts, HtmlStage *stage)
{
    DescentError err;
    const char *spec = o->landscape ? o->landscape : "rosenbrock";
    if (before && strcmp(landscape_spec(before->landscape), spec) == 0) {
        parts->landscape = before->landscape;
        parts->shared_landscape = true;
    } else if (!(parts->landscape = landscape_create(spec, &err))) {
        cli_error("--landscape %s", err.message);
        return EXIT_USAGE;
    }
    if (!cli_expand_sweep(o, &parts->sweep))
        return EXIT_USAGE;
    int status = cli_trace_runs(o, c, parts->landscape, steps, &parts->runs, &parts->run_count);
    if (status != EXIT_OK)
        return status;
    if (parts->run_count > SCENE_MAX_RUNS) {
        cli_error("export --html: %zu runs (a swarm of %zu particles); at most %d are exported",
                  parts->run_count, o->particles, SCENE_MAX_RUNS);
        return EXIT_USAGE;
    }
    for (size_t r = 0; r < parts->run_count; r++)
        parts->html_runs[r] = (HtmlRun){&parts->runs[r].run, parts->runs[r].spec};
    stage->landscape = parts->landscape;
    stage->view = o->has_view ? o->view : landscape_default_view(parts->landscape);
    stage->runs = parts->html_runs;
    stage->run_count = parts->run_count;
    stage->caption = stage->caption ? stage->caption : "";
    return EXIT_OK;
}

/* A network's stage over net's network: its timeline ends at updates. */
static void network_stage(NetParts *net, size_t updates, HtmlStage *stage)
{
    stage->network = &net->network;
    stage->updates = updates;
    stage->caption = stage->caption ? stage->caption : "";
}

/* Step k of the lesson, a network's, as the stage of parts[k]: the steps
 * that keep going from it share the network it starts, traced as far as
 * the last of them plays. */
static int lesson_network_stage(const Lesson *lesson, size_t k, const CommandOptions *c,
                                StageParts *parts, HtmlStage *stage)
{
    const LessonStep *s = &lesson->steps[k];
    size_t updates = cli_lesson_step_updates(lesson, k);
    stage->region_run = s->plot_run >= 0 && (size_t)s->plot_run < s->runs.count
                            ? (size_t)s->plot_run : 0;
    stage->ensemble_left_out = s->ensemble;
    stage->representation_left_out = s->representation;
    if (s->keep && k > 0 && parts[k - 1].net) {
        parts[k].net = parts[k - 1].net;
        parts[k].shared_net = true;
        network_stage(parts[k].net, updates, stage);
        return EXIT_OK;
    }
    size_t ends[LESSON_MAX_STEPS], end_count = 0;
    for (size_t j = k; j < lesson->step_count && (j == k || lesson->steps[j].keep); j++)
        ends[end_count++] = cli_lesson_step_updates(lesson, j);
    SceneOptions o = {.model = s->model, .data = s->data, .init_seed = s->init_seed};
    for (size_t r = 0; r < s->runs.count; r++)
        o.runs[r] = s->runs.specs[r];
    o.run_count = s->runs.count;
    int status = build_network(&o, c, ends, end_count, &parts[k].net);
    if (status == EXIT_OK)
        network_stage(parts[k].net, updates, stage);
    return status;
}

/* Every step of the lesson as a stage: its landscape, view, runs (played as
 * far as the window plays them, the steps it keeps going from included),
 * caption and marks, or its network.  A step's swarm of particles is left
 * out: the page draws runs, and a swarm is hundreds of them. */
static int lesson_stages(const Lesson *lesson, const CommandOptions *c, StageParts *parts,
                         HtmlStage *stages)
{
    size_t updates = 0;
    for (size_t k = 0; k < lesson->step_count; k++) {
        const LessonStep *s = &lesson->steps[k];
        size_t before = updates;
        updates = cli_lesson_step_updates(lesson, k);
        if (s->model[0]) {
            stages[k] = (HtmlStage){.caption = s->caption, .speed = s->speed,
                                    .first_step = s->keep && k > 0 ? before : 0};
            int status = lesson_network_stage(lesson, k, c, parts, &stages[k]);
            if (status != EXIT_OK)
                return status;
            continue;
        }
        SceneOptions o = {.landscape = s->landscape, .sweep = s->sweep,
                          .has_start = s->has_start, .start = s->start,
                          .has_view = s->has_view, .view = s->view};
        for (size_t r = 0; r < s->runs.count; r++)
            o.runs[r] = s->runs.specs[r];
        o.run_count = s->runs.count;
        stages[k] = (HtmlStage){.caption = s->caption, .speed = s->speed,
                                .particles_left_out = s->particles,
                                .first_step = s->keep && k > 0 ? before : 0,
                                .marks = parts[k].marks, .mark_count = s->mark_count};
        for (size_t m = 0; m < s->mark_count; m++)
            parts[k].marks[m] = (HtmlMark){s->marks[m].x, s->marks[m].y, s->marks[m].radius,
                                           s->marks[m].label};
        int status = build_stage(&o, c, updates, k ? &parts[k - 1] : NULL, &parts[k], &stages[k]);
        if (status != EXIT_OK)
            return status;
    }
    return EXIT_OK;
}

int cli_export_html(SceneOptions *o, const CommandOptions *c, const char *lesson_path,
                    const char *output, const char *origin)
{
    const char *landscape_only = o->has_view ? "--view" : cli_landscape_only_option(o);
    if ((o->model || o->data) && *landscape_only) {
        cli_error("export --html: %s applies to a two-parameter landscape, not a network "
                  "(--model)", landscape_only);
        return EXIT_USAGE;
    }
    Lesson lesson = {0};
    size_t stage_count = 1;
    if (lesson_path) {
        if (o->landscape || o->model || o->data || o->run_count || o->sweep || o->particles ||
            o->has_view || c->has_steps || c->change_count) {
            cli_error("export --html: a lesson sets the stage: give LESSON.lua without "
                      "--landscape, --model, --data, --opt, --sweep, --particles, --view, "
                      "--steps or --change");
            return EXIT_USAGE;
        }
        DescentError err;
        if (!lesson_load(lesson_path, o->lang ? o->lang : "en", window_reserved_keys(), &lesson,
                         &err)) {
            cli_error("%s", err.message);
            return EXIT_USAGE;
        }
        stage_count = lesson.step_count;
    } else if (!c->has_steps || o->run_count == 0) {
        cli_error("export --html needs --steps N and at least one --opt SPEC, or LESSON.lua");
        return EXIT_USAGE;
    }
    StageParts *parts = calloc(stage_count, sizeof *parts);
    HtmlStage *stages = calloc(stage_count, sizeof *stages);
    int status = EXIT_RUNTIME;
    if (!parts || !stages)
        cli_error("out of memory");
    else if (lesson_path)
        status = lesson_stages(&lesson, c, parts, stages);
    else if (o->model || o->data)
        status = build_network(o, c, &c->steps, 1, &parts[0].net);
    else
        status = build_stage(o, c, c->steps, NULL, &parts[0], &stages[0]);
    if (status == EXIT_OK && !lesson_path && parts[0].net)
        network_stage(parts[0].net, c->steps, &stages[0]);
    if (status == EXIT_OK) {
        char title[512];
        if (lesson_path)
            snprintf(title, sizeof title, "%s", lesson.title);
        else if (parts[0].net)
            snprintf(title, sizeof title, "descent: %s, %s", o->model, o->data);
        else
            snprintf(title, sizeof title, "descent: %s", landscape_spec(parts[0].landscape));
        const char *lang = lesson_path ? lesson.lang : o->lang ? o->lang : "en";
        cli_select_language(lang);
        HtmlPage page = {title, lang, origin, stages, stage_count};
        DescentError err;
        if (!html_page_save(output, &page, &err)) {
            cli_error("%s", err.message);
            status = EXIT_RUNTIME;
        }
    }
    if (parts)
        stage_parts_free(parts, stage_count);
    free(stages);
    lesson_free(&lesson);
    return status;
}
