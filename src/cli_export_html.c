/* cli_export_html.c — `descent export --html [scene options | LESSON.lua]
 * [--steps N] [--change RUN:STEP:SPEC] -o scene.html` (docs/CLI.md §9): the
 * runs trace would print, or every step of a lesson, as one self-contained
 * page (scene/html_page.h). */
#include <stdlib.h>
#include <string.h>

#include "app/keys.h"
#include "cli.h"
#include "lesson/lesson.h"
#include "scene/html_page.h"

/* What one stage holds while the page is written. */
typedef struct StageParts {
    Landscape *landscape;      /* owned unless it is the stage before's */
    bool shared_landscape;     /* landscape is the stage before's */
    Sweep sweep;               /* the specs a sweep's runs point into */
    TraceRun *runs;            /* owned (cli_trace_runs) */
    size_t run_count;
    HtmlRun html_runs[SCENE_MAX_RUNS];
    HtmlMark marks[LESSON_MAX_MARKS];
} StageParts;

static void stage_parts_free(StageParts *parts, size_t count)
{
    for (size_t s = 0; s < count; s++) {
        cli_trace_runs_free(parts[s].runs, parts[s].run_count);
        if (!parts[s].shared_landscape)
            landscape_destroy(parts[s].landscape);
    }
    free(parts);
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

/* Every step of the lesson as a stage: its landscape, view, runs (played as
 * far as the window plays them, the steps it keeps going from included),
 * caption and marks.  A step's swarm of particles is left out: the page
 * draws runs, and a swarm is hundreds of them. */
static int lesson_stages(const Lesson *lesson, const CommandOptions *c, StageParts *parts,
                         HtmlStage *stages)
{
    size_t updates = 0;
    for (size_t k = 0; k < lesson->step_count; k++) {
        const LessonStep *s = &lesson->steps[k];
        if (s->model[0]) {
            cli_error("export --html: step %zu of %s shows a network; networks are not exported "
                      "yet", k + 1, lesson->path);
            return EXIT_USAGE;
        }
        SceneOptions o = {.landscape = s->landscape, .sweep = s->sweep,
                          .has_start = s->has_start, .start = s->start,
                          .has_view = s->has_view, .view = s->view};
        for (size_t r = 0; r < s->runs.count; r++)
            o.runs[r] = s->runs.specs[r];
        o.run_count = s->runs.count;
        size_t before = updates;
        updates = cli_lesson_step_updates(lesson, k);
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
    if (o->model || o->data) {
        cli_error("export --html: networks (--model) are not exported yet");
        return EXIT_USAGE;
    }
    Lesson lesson = {0};
    size_t stage_count = 1;
    if (lesson_path) {
        if (o->landscape || o->run_count || o->sweep || o->particles || o->has_view ||
            c->has_steps || c->change_count) {
            cli_error("export --html: a lesson sets the stage: give LESSON.lua without "
                      "--landscape, --opt, --sweep, --particles, --view, --steps or --change");
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
    else
        status = build_stage(o, c, c->steps, NULL, &parts[0], &stages[0]);
    if (status == EXIT_OK) {
        char title[512];
        if (lesson_path)
            snprintf(title, sizeof title, "%s", lesson.title);
        else
            snprintf(title, sizeof title, "descent: %s", landscape_spec(parts[0].landscape));
        HtmlPage page = {title, lesson_path ? lesson.lang : "en", origin, stages, stage_count};
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
