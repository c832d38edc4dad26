/* scene.c — see scene.h. */
#include "scene.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__ /* defined by the headers above */
#include <malloc.h>
#include <unistd.h>
#endif

#include "core/basins.h"
#include "core/parallel.h"
#include "core/spec.h"
#include "i18n.h"
#include "net_repr.h"

static const char *const colormap_names[COLORMAP_COUNT] = {"viridis", "magma", "cividis", "grey"};

const char *colormap_name(Colormap colormap)
{
    return colormap < COLORMAP_COUNT ? colormap_names[colormap] : "viridis";
}

/* The welcome race: what the tool does, at a glance (docs/CLI.md §1). */
static const char welcome_landscape[] = "rosenbrock";
static const char *const welcome_runs[] = {"gd:lr=0.001", "momentum:lr=0.0005", "adam:lr=0.05"};
static const LandscapePoint welcome_start = {-1.5, 2.0};
/* Runs on a landscape given without any --opt. */
static const char *const default_runs[] = {"gd", "momentum", "adam:lr=0.05"};

/* The landscape's basins of attraction, labelled as particles reach
 * them.  Kept apart from Scene's plain data because filling it is not a
 * change of the scene. */
struct SceneBasinCache {
    BasinMap *map;
    unsigned landscape_serial;  /* the landscape it was made on */
};

/* Starts per side of the lattice from which minima are looked for on a
 * landscape that knows none (basins_find_minima). */
#define SCENE_FIND_MINIMA_GRID 12

/* ------------------------------------------------------------------------ */
/* Runs                                                                      */

static void free_runs(SceneRun *runs, size_t count)
{
    for (size_t i = 0; i < count; i++)
        run_free(&runs[i].run);
}

/* Parses spec on landscape and starts a run at its own start or at start. */
static bool make_run(const Scene *scene, const Landscape *landscape, const char *spec,
                     LandscapePoint start, SceneRun *dest, DescentError *err)
{
    OptimizerDesc desc;
    if (!optimizer_parse(spec, landscape, &desc, err))
        return false;
    if (!desc.seed_given && scene->has_seed)
        desc.seed = scene->seed;
    *dest = (SceneRun){.x0 = desc.has_start ? desc.x0 : start.x,
                       .y0 = desc.has_start ? desc.y0 : start.y};
    return run_init(&dest->run, landscape, &desc, dest->x0, dest->y0, err);
}

/* Builds runs for every spec into dest (all or nothing). */
static bool make_runs(const Scene *scene, const Landscape *landscape,
                      const char *const *specs, size_t count, LandscapePoint start,
                      SceneRun *dest, DescentError *err)
{
    if (count > SCENE_MAX_RUNS)
        return error_set(err, "too many runs (%zu; at most %d)", count, SCENE_MAX_RUNS);
    for (size_t i = 0; i < count; i++) {
        if (!make_run(scene, landscape, specs[i], start, &dest[i], err)) {
            free_runs(dest, i);
            return false;
        }
    }
    return true;
}

/* The swarm copies the last noisy run; none when particles is 0. */
static bool make_swarm(const Scene *scene, const Landscape *landscape, const SceneRun *runs,
                       size_t count, Swarm **dest, size_t *dest_run, DescentError *err)
{
    *dest = NULL;
    if (scene->particles == 0)
        return true;
    for (size_t i = count; i-- > 0;) {
        if (!optimizer_is_noisy(&runs[i].run.desc))
            continue;
        *dest = swarm_create(landscape, &runs[i].run.desc, runs[i].x0, runs[i].y0,
                             scene->particles, err);
        *dest_run = i;
        return *dest != NULL;
    }
    return error_set(err, "particles need a noisy run (sgd, or noise= / batch= in an --opt)");
}

/* spec without its start (x0=, y0=): the optimizer and its settings, what
 * a run's colour stands for (adaptive 2 and 3 start RMSProp at two
 * places; it is RMSProp in both). */
static void settings_of(const char *spec, char *dest, size_t size)
{
    const char *colon = strchr(spec, ':');
    size_t n = colon ? (size_t)(colon - spec) : strlen(spec);
    n = n < size ? n : size - 1;
    memcpy(dest, spec, n);
    dest[n] = '\0';
    char separator = ':';
    for (const char *p = colon ? colon + 1 : ""; *p;) {
        size_t len = strcspn(p, ",");
        if (strncmp(p, "x0=", 3) != 0 && strncmp(p, "y0=", 3) != 0 && n + 1 + len < size) {
            dest[n++] = separator;
            memcpy(dest + n, p, len);
            n += len;
            dest[n] = '\0';
            separator = ',';
        }
        p += len + (p[len] == ',');
    }
}

/* Whether settings a and b (settings_of) name the same optimizer. */
static bool same_optimizer(const char *a, const char *b)
{
    size_t n = strcspn(a, ":");
    return n == strcspn(b, ":") && strncmp(a, b, n) == 0;
}

/* The index of settings in the lesson's colour plan; color_plan_count
 * when the plan does not hold it. */
static size_t planned(const Scene *scene, const char *settings)
{
    size_t k = 0;
    while (k < scene->color_plan_count && strcmp(scene->color_plan[k].settings, settings) != 0)
        k++;
    return k;
}

/* The palette place a kind of walker pins (experiment_walker_kind, or a
 * lesson plan's kinds: scene_plan_run_colors), SCENE_MAX_RUNS for none. */
static size_t kind_place(int kind)
{
    return kind >= 0 && kind < SCENE_MAX_RUNS ? (size_t)kind : SCENE_MAX_RUNS;
}

/* Gives each of runs[0..count) its palette place (SceneRun.color): first
 * the place of the kind of walker it is to the experiment on stage
 * (experiment_walker_kind); then the place the lesson's plan gives its
 * settings (scene_plan_run_colors);
 * then the runs whose settings (settings_of) last held a place take it back;
 * then a run takes a free place its optimizer last held (Adam typed in
 * at a new η keeps Adam's colour); then the lowest place no
 * settings held yet, so that a run alone in a step does not take the
 * colour of a run that comes back later (momentum.lua: GD alone in step 1,
 * momentum alone in step 2, both in step 3 keep their colours); once every
 * place has been held, the lowest free. */
static void assign_colors(Scene *scene, SceneRun *runs, size_t count)
{
    bool held[SCENE_MAX_RUNS] = {false}, placed[SCENE_MAX_RUNS] = {false};
    char settings[SCENE_MAX_RUNS][sizeof scene->color_spec[0]];
    for (size_t i = 0; i < count; i++)
        settings_of(runs[i].run.desc.spec, settings[i], sizeof settings[i]);
    /* Before all: a run the experiment on stage measures as a kind of
     * walker takes that kind's place, the colour its points have in the
     * experiment's picture (escape: the Hessian-shaped noise's walkers and
     * points in one colour). */
    const ExperimentInfo *info = scene->experiment ? experiment_live_info(scene->experiment) : NULL;
    for (size_t i = 0; i < count && info; i++) {
        size_t place = kind_place(experiment_walker_kind(info, &runs[i].run.desc));
        if (place < SCENE_MAX_RUNS && !held[place]) {
            runs[i].color = place;
            held[place] = placed[i] = true;
        }
    }
    /* The lesson's plan first: a place it gives is below SCENE_MAX_RUNS
     * whenever fewer runs than that are shown together. */
    for (size_t i = 0; i < count; i++) {
        size_t k = planned(scene, settings[i]);
        if (!placed[i] && k < scene->color_plan_count && scene->color_plan[k].place < SCENE_MAX_RUNS &&
            !held[scene->color_plan[k].place]) {
            runs[i].color = scene->color_plan[k].place;
            held[runs[i].color] = placed[i] = true;
        }
    }
    for (int same_settings = 1; same_settings >= 0; same_settings--)
        for (size_t i = 0; i < count; i++)
            for (size_t c = 0; c < SCENE_RUN_COLORS && !placed[i]; c++)
                if (!held[c] && scene->color_spec[c][0] &&
                    (same_settings ? strcmp(scene->color_spec[c], settings[i]) == 0
                                   : same_optimizer(scene->color_spec[c], settings[i]))) {
                    runs[i].color = c;
                    held[c] = placed[i] = true;
                }
    for (size_t i = 0; i < count; i++) {
        if (placed[i])
            continue;
        size_t c = 0;
        while (c < SCENE_RUN_COLORS && (held[c] || scene->color_spec[c][0]))
            c++;
        if (c == SCENE_RUN_COLORS)
            for (c = 0; held[c];)
                c++;
        runs[i].color = c;
        held[c] = true;
    }
    for (size_t i = 0; i < count; i++)
        if (runs[i].color < SCENE_RUN_COLORS)
            memcpy(scene->color_spec[runs[i].color], settings[i], sizeof settings[i]);
}

/* The palette place for the plan's settings k, given the places the kinds
 * of walker pin (pinned) and the places runs shown beside it took
 * (forbidden): scene_plan_run_colors' rule. */
static size_t plan_place(const Scene *scene, size_t k, const bool *pinned, const bool *forbidden)
{
    bool taken[SCENE_COLOR_PLAN_MAX];
    memcpy(taken, pinned, sizeof taken);
    for (size_t e = 0; e < k; e++)
        taken[scene->color_plan[e].place] = true;
    size_t c = 0;
    while (c < SCENE_RUN_COLORS && taken[c])
        c++;
    if (c < SCENE_RUN_COLORS)
        return c;
    for (c = 0; forbidden[c];)
        c++;
    return c;
}

void scene_plan_run_colors(Scene *scene, const char *const *specs, const size_t *group,
                           const int *kind, size_t count)
{
    for (size_t c = 0; c < SCENE_RUN_COLORS; c++)
        scene->color_spec[c][0] = '\0';
    scene->color_plan_count = 0;
    size_t *entry = count ? malloc(count * sizeof *entry) : NULL;
    if (!entry)
        return; /* colours as without a plan */
    SceneColorPlan *plan = scene->color_plan;
    char settings[sizeof plan[0].settings];
    for (size_t i = 0; i < count; i++) {
        settings_of(specs[i], settings, sizeof settings);
        entry[i] = planned(scene, settings);
        if (entry[i] == scene->color_plan_count && entry[i] < SCENE_COLOR_PLAN_MAX) {
            memcpy(plan[entry[i]].settings, settings, sizeof settings);
            scene->color_plan_count++;
        }
    }
    /* The places kinds of walker pin are no other settings' (escape's
     * σ = 5.77 in step 1 is not isotropic σ = 5.5902's orange). */
    bool pinned[SCENE_COLOR_PLAN_MAX] = {false};
    for (size_t i = 0; kind && i < count; i++)
        if (entry[i] < SCENE_COLOR_PLAN_MAX && kind_place(kind[i]) < SCENE_MAX_RUNS)
            pinned[kind_place(kind[i])] = true;
    /* Each settings in order of first appearance, against the places the
     * ones before it that are shown beside it took (at most k of them, so
     * past SCENE_RUN_COLORS plan_place's answer is at most k), unless a
     * kind of walker pins it. */
    for (size_t k = 0; k < scene->color_plan_count; k++) {
        bool forbidden[SCENE_COLOR_PLAN_MAX] = {false};
        for (size_t i = 0; i < count; i++) {
            if (entry[i] != k)
                continue;
            size_t first = i, end = i + 1;
            while (first > 0 && group[first - 1] == group[i])
                first--;
            while (end < count && group[end] == group[i])
                end++;
            for (size_t j = first; j < end; j++)
                if (entry[j] < k)
                    forbidden[plan[entry[j]].place] = true;
        }
        plan[k].place = plan_place(scene, k, pinned, forbidden);
        for (size_t i = 0; kind && i < count; i++)
            if (entry[i] == k && kind_place(kind[i]) < SCENE_MAX_RUNS)
                plan[k].place = kind_place(kind[i]);
    }
    free(entry);
}

/* Swaps in new runs and swarm, freeing the old ones. */
static void install_runs(Scene *scene, SceneRun *runs, size_t count, Swarm *swarm,
                         size_t swarm_run)
{
    assign_colors(scene, runs, count);
    free_runs(scene->runs, scene->run_count);
    swarm_destroy(scene->swarm);
    memcpy(scene->runs, runs, count * sizeof *runs);
    scene->run_count = count;
    scene->swarm = swarm;
    scene->swarm_run = swarm_run;
    if (scene->selected >= count)
        scene->selected = 0;
}

/* The specs of the current runs. */
static size_t current_specs(const Scene *scene, const char **dest)
{
    for (size_t i = 0; i < scene->run_count; i++)
        dest[i] = scene->runs[i].run.desc.spec;
    return scene->run_count;
}

bool scene_set_runs(Scene *scene, const char *const *specs, size_t count, DescentError *err)
{
    SceneRun runs[SCENE_MAX_RUNS];
    if (!make_runs(scene, scene->landscape, specs, count, scene->start, runs, err))
        return false;
    Swarm *swarm;
    size_t swarm_run = 0;
    if (!make_swarm(scene, scene->landscape, runs, count, &swarm, &swarm_run, err)) {
        free_runs(runs, count);
        return false;
    }
    install_runs(scene, runs, count, swarm, swarm_run);
    scene->sweep.count = 0;
    scene->step_carry = 0;
    return true;
}

bool scene_set_landscape(Scene *scene, const char *spec, bool keep_view, DescentError *err)
{
    if (scene->net)
        return error_set(err, "%s", _("a network's landscape is its slice: it cannot change"));
    Landscape *landscape = landscape_create(spec, err);
    if (!landscape)
        return false;
    LandscapePoint start = keep_view ? scene->start : landscape_default_start(landscape);
    const char *specs[SCENE_MAX_RUNS];
    size_t count = current_specs(scene, specs);
    SceneRun runs[SCENE_MAX_RUNS];
    Swarm *swarm;
    size_t swarm_run = 0;
    if (!make_runs(scene, landscape, specs, count, start, runs, err)) {
        landscape_destroy(landscape);
        return false;
    }
    if (!make_swarm(scene, landscape, runs, count, &swarm, &swarm_run, err)) {
        free_runs(runs, count);
        landscape_destroy(landscape);
        return false;
    }
    install_runs(scene, runs, count, swarm, swarm_run);
    landscape_destroy(scene->landscape);
    scene->landscape = landscape;
    scene->landscape_serial++;
    scene->start = start;
    if (!keep_view) {
        scene->view = landscape_default_view(landscape);
        scene->display.colour_view = (ViewRect){0};
        scene->display.log_scale = landscape_prefers_log(landscape);
    }
    scene->step_carry = 0;
    return true;
}

bool scene_next_landscape(Scene *scene, DescentError *err)
{
    size_t count;
    const LandscapeInfo *kinds = landscape_kinds(&count);
    size_t current = 0;
    for (size_t i = 0; i < count; i++)
        if (strcmp(kinds[i].name, landscape_name(scene->landscape)) == 0)
            current = i;
    for (size_t k = 1; k <= count; k++) {
        const char *name = kinds[(current + k) % count].name;
        if (strcmp(name, LANDSCAPE_EXPRESSION_KIND) != 0)
            return scene_set_landscape(scene, name, false, err);
    }
    return error_set(err, "%s", _("no other landscape to show"));
}

/* ------------------------------------------------------------------------ */
/* Life cycle                                                                */

/* The view follows the network's slice: its grid is the landscape shown
 * (the serial counts on, not the grid's own: a network a lesson puts on
 * stage starts its grids' count again). */
static void sync_net_view(Scene *scene)
{
    const double *values;
    unsigned serial;
    const SliceGridDesc *grid = net_stage_grid(scene->net, &values, &serial);
    scene->view = (ViewRect){grid->a_min, grid->a_max, grid->b_min, grid->b_max};
    scene->landscape_serial++;
    scene->display.log_scale = true;
}

/* --ensemble K: K networks of the first run's optimizer from init seeds
 * init_seed .. init_seed + K − 1 (member 0 is run 1's twin), shown. */
static bool start_ensemble(Scene *scene, const SceneOptions *options, DescentError *err)
{
    scene->ensemble = malloc(sizeof *scene->ensemble);
    if (!scene->ensemble)
        return error_set(err, "out of memory for an ensemble");
    const NetStage *net = scene->net;
    if (!ensemble_init(scene->ensemble, net_stage_model(net), net_stage_data(net),
                       &net_stage_run(net, 0)->desc, options->init_seed, options->ensemble, err)) {
        free(scene->ensemble);
        scene->ensemble = NULL;
        return false;
    }
    scene->display.ensemble = true;
    return true;
}

Scene *scene_create(const SceneOptions *given, DescentError *err)
{
    /* An experiment alone brings its own stage. */
    SceneOptions staged = *given;
    const SceneOptions *options = given;
    if (given->experiment && !given->landscape && given->run_count == 0 && !given->model &&
        !given->lesson_path && experiment_live_stage(given->experiment, &staged))
        options = &staged;
    if (options->has_view && !view_rect_drawable(options->view)) {
        error_set(err, "view %g,%g,%g,%g: wider or taller than %g", options->view.xmin,
                  options->view.xmax, options->view.ymin, options->view.ymax, VIEW_SPAN_MAX);
        return NULL;
    }
    if (options->net_layer > 0 && !options->model) {
        error_set(err, "--representation %d: needs --model SPEC (a network)", options->net_layer);
        return NULL;
    }
    if (options->ensemble > 0 && !options->model) {
        error_set(err, "--ensemble %zu: needs --model SPEC (a network)", options->ensemble);
        return NULL;
    }
    if (options->has_slice && !options->model) {
        error_set(err, "--slice %s: needs --model SPEC (a network's slice)",
                  slice_kind_name(options->slice));
        return NULL;
    }
    if (options->data && !options->model) {
        error_set(err, "--data %s: needs --model SPEC (a network to train on it)",
                  options->data);
        return NULL;
    }
    if (options->model &&
        (options->landscape || options->particles || options->lesson_path || options->view3d)) {
        error_set(err, "--model: a network scene has no %s",
                  options->landscape   ? "--landscape (its landscape is the slice)"
                  : options->particles ? "--particles"
                  : options->view3d    ? "3D view"
                                       : "lesson");
        return NULL;
    }
    Scene *scene = calloc(1, sizeof *scene);
    struct SceneBasinCache *basin_cache = calloc(1, sizeof *basin_cache);
    if (!scene || !basin_cache) {
        free(scene);
        free(basin_cache);
        error_set(err, "out of memory for the scene");
        return NULL;
    }
    scene->basin_cache = basin_cache;
    bool welcome = !options->landscape && options->run_count == 0;
    const char *landscape_spec_text = options->landscape ? options->landscape : welcome_landscape;
    scene->landscape = landscape_create(landscape_spec_text, err);
    if (!scene->landscape) {
        scene_destroy(scene);
        return NULL;
    }
    scene->landscape_serial = 1;
    scene->has_seed = options->has_seed;
    scene->seed = options->seed;
    scene->particles = options->particles;
    scene->start = options->has_start ? options->start
                   : welcome          ? welcome_start
                                      : landscape_default_start(scene->landscape);
    scene->view = options->has_view ? options->view : landscape_default_view(scene->landscape);
    scene->speed = options->speed > 0 ? options->speed : 1.0;
    scene->playing = true;
    scene->play_left = -1;
    scene->display = (SceneDisplay){
        .colormap = COLORMAP_VIRIDIS,
        .log_scale = landscape_prefers_log(scene->landscape),
        .projector = options->projector,
        .view3d = options->view3d,
        .camera = options->has_camera ? options->camera : SCENE_CAMERA_DEFAULT,
        .data = true,
        .plot_run = -1,
        .theme = options->theme,
    };
    scene_orbit(scene, 0.0, 0.0); /* yaw into [-180, 180), pitch into its range */

    const char *const *specs = options->runs;
    size_t count = options->run_count;
    if (count == 0) {
        specs = welcome ? welcome_runs : default_runs;
        count = 3;
    }
    Sweep sweep = {.count = 0};
    const char *sweep_specs[SWEEP_MAX_VALUES];
    if (options->sweep) {
        bool ok = options->run_count == 1
                      ? sweep_expand(options->sweep, options->runs[0], &sweep, err)
                      : error_set(err, "sweep %s: applies to exactly one run (--opt), not %zu",
                                  options->sweep, options->run_count);
        if (!ok) {
            scene_destroy(scene);
            return NULL;
        }
        for (size_t i = 0; i < sweep.count; i++)
            sweep_specs[i] = sweep.specs[i];
        specs = sweep_specs;
        count = sweep.count;
    }
    if (options->model) {
        /* The network's runs are its own; the two-parameter landscape
         * stays, runless, for the commands that act on it. */
        scene->net = options->sweep ? NULL : net_stage_create(options, err);
        if (!scene->net) {
            if (options->sweep)
                error_set(err, "--sweep does not apply to a network (--model)");
            scene_destroy(scene);
            return NULL;
        }
        count = 0;
        sync_net_view(scene);
        scene->display.plot = SCENE_PLOT_SHARPNESS;
        if (options->net_layer > net_repr_hidden_layers(scene->net)) {
            error_set(err, "--representation %d: the network has %d hidden layers",
                      options->net_layer, net_repr_hidden_layers(scene->net));
            scene_destroy(scene);
            return NULL;
        }
        scene->display.net_layer = options->net_layer;
        if (options->ensemble > 0 && !start_ensemble(scene, options, err)) {
            scene_destroy(scene);
            return NULL;
        }
    }
    if (!scene_set_runs(scene, specs, count, err)) {
        scene_destroy(scene);
        return NULL;
    }
    scene->sweep = sweep;
    if (options->experiment && !scene_set_experiment(scene, options->experiment, err)) {
        scene_destroy(scene);
        return NULL;
    }
    return scene;
}

/* The threads work beside the stage gets: one core is left to the frames. */
static int side_threads(void)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus > PARALLEL_MAX_THREADS ? PARALLEL_MAX_THREADS : cpus > 2 ? (int)cpus - 1 : 1;
}

bool scene_set_experiment(Scene *scene, const char *spec, DescentError *err)
{
    if (scene->experiment && spec && strcmp(experiment_live_spec(scene->experiment), spec) == 0)
        return true;
    ExperimentLive *live = NULL;
    if (spec && spec[0]) {
        live = experiment_live_start(spec, scene->has_seed ? scene->seed : 0, side_threads(),
                                     err);
        if (!live)
            return false;
    }
    experiment_live_destroy(scene->experiment);
    scene->experiment = live;
    scene->experiment_since = scene->time;
    /* The runs may show one of its kinds of walker (assign_colors). */
    assign_colors(scene, scene->runs, scene->run_count);
    return true;
}

bool scene_set_starts(Scene *scene, const NetStartsRequest *request, DescentError *err)
{
    if (scene->starts && request && net_starts_live_measures(scene->starts, request))
        return true;
    NetStartsLive *live = NULL;
    if (request && !(live = net_starts_live_start(request, side_threads(), err)))
        return false;
    net_starts_live_destroy(scene->starts);
    scene->starts = live;
    return true;
}

bool scene_hold(Scene *scene, bool wait)
{
    bool experiment = experiment_live_hold(scene->experiment, wait);
    return net_starts_live_hold(scene->starts, wait) && experiment;
}

void scene_release(Scene *scene)
{
    experiment_live_release(scene->experiment);
    net_starts_live_release(scene->starts);
}

void scene_destroy(Scene *scene)
{
    if (!scene)
        return;
    free_runs(scene->runs, scene->run_count);
    for (size_t i = 0; i < SCENE_MAX_RUNS; i++)
        if (scene->flows[i].live)
            run_free(&scene->flows[i].run);
    swarm_destroy(scene->swarm);
    if (scene->ensemble)
        ensemble_free(scene->ensemble);
    free(scene->ensemble);
    net_stage_destroy(scene->net);
    experiment_live_destroy(scene->experiment);
    net_starts_live_destroy(scene->starts);
    basin_map_destroy(scene->basin_cache->map);
    free(scene->basin_cache);
    landscape_destroy(scene->landscape);
    free(scene);
}

/* ------------------------------------------------------------------------ */
/* Playback                                                                  */

/* ------------------------------------------------------------------------ */
/* Gradient flow beside the runs                                             */

/* The learning rate run takes at update k. */
static double lr_at(const Run *run, size_t k)
{
    return changes_desc_at(&run->changes, &run->desc, k)->lr;
}

/* Whether flow has run's learning rates: the same first one and a change
 * to each new one at the same update (the flow's changes are only those). */
static bool same_lr_history(const Run *flow, const Run *run)
{
    if (lr_at(flow, 0) != lr_at(run, 0))
        return false;
    size_t n = 0;
    for (size_t c = 0; c < run->changes.count; c++) {
        const ParamChange *change = &run->changes.items[c];
        if (change->before.lr == change->after.lr)
            continue;
        if (n >= flow->changes.count || flow->changes.items[n].step != change->step ||
            flow->changes.items[n].after.lr != change->after.lr)
            return false;
        n++;
    }
    return n == flow->changes.count;
}

/* Whether run i's flow is for its landscape, start and learning rates
 * (sync_flows brings its updates in line). */
static bool flow_matches(const Scene *scene, size_t i)
{
    const SceneFlow *f = &scene->flows[i];
    const Run *run = &scene->runs[i].run;
    return f->live && f->landscape_serial == scene->landscape_serial &&
           same_lr_history(&f->run, run) && f->run.path[0].x == run->path[0].x &&
           f->run.path[0].y == run->path[0].y;
}

/* Steps a new flow along run's learning-rate changes up to its shown
 * update (it goes on with the lr in force there). */
static void follow_lr_changes(Run *flow, const Run *run, const Landscape *landscape)
{
    for (size_t c = 0; c < run->changes.count; c++) {
        const ParamChange *change = &run->changes.items[c];
        if (change->before.lr == change->after.lr)
            continue;
        run_seek(flow, change->step);
        char spec[64];
        snprintf(spec, sizeof spec, "flow:lr=%.17g", change->after.lr);
        OptimizerDesc desc;
        DescentError err = {""};
        if (optimizer_parse(spec, landscape, &desc, &err))
            run_reconfigure(flow, &desc, &err);
    }
}

const Run *scene_flow(const Scene *scene, size_t i)
{
    if (i >= scene->run_count || optimizer_info(scene->runs[i].run.desc.kind)->traits.continuous ||
        !flow_matches(scene, i) ||
        run_steps(&scene->flows[i].run) > run_steps(&scene->runs[i].run))
        return NULL;
    return &scene->flows[i].run;
}

/* Remakes stale flows and advances every flow to its run's updates. */
static void sync_flows(Scene *scene)
{
    for (size_t i = 0; i < scene->run_count; i++) {
        SceneFlow *f = &scene->flows[i];
        const Run *run = &scene->runs[i].run;
        if (optimizer_info(run->desc.kind)->traits.continuous)
            continue;
        if (!flow_matches(scene, i)) {
            if (f->live)
                run_free(&f->run);
            f->live = false;
            char spec[64];
            snprintf(spec, sizeof spec, "flow:lr=%.17g", lr_at(run, 0));
            OptimizerDesc desc;
            DescentError err = {""};
            if (!optimizer_parse(spec, scene->landscape, &desc, &err) ||
                !run_init(&f->run, scene->landscape, &desc, run->path[0].x, run->path[0].y, &err))
                continue;
            f->live = true;
            f->landscape_serial = scene->landscape_serial;
            follow_lr_changes(&f->run, run, scene->landscape);
        }
        run_seek(&f->run, run_steps(run));
    }
}

void scene_show_flow(Scene *scene, bool on)
{
    scene->display.flow = on;
    if (on)
        sync_flows(scene);
}

bool scene_on_time(const Scene *scene)
{
    for (size_t i = 0; i < scene->run_count; i++)
        if (optimizer_info(scene->runs[i].run.desc.kind)->traits.continuous)
            return true;
    return false;
}

/* Whether run keeps the time clock's pace up to scene step s: it can go
 * on to s (it has not stopped before) and its next update takes time
 * (a run at η 0 would hold the clock still while it steps in place). */
static bool keeps_clock(const Run *run, size_t s)
{
    return (run->known_status == RUN_ACTIVE || run->known > s) &&
           run_update_time(run, run_steps(run)) > 0;
}

/* Shows the runs and the swarm at scene step s on the time clock
 * (scene_on_time): at the least time a run keeping the clock reaches in s
 * updates, each run after the most of its updates, at most s, within it. */
static void seek_time(Scene *scene, size_t s)
{
    double clock = (double)INFINITY;
    for (size_t i = 0; i < scene->run_count; i++)
        if (keeps_clock(&scene->runs[i].run, s))
            clock = fmin(clock, run_time_at(&scene->runs[i].run, s));
    for (size_t i = 0; i < scene->run_count; i++) {
        Run *run = &scene->runs[i].run;
        run_seek(run, run_updates_within(run, clock, s));
    }
    if (scene->swarm)
        swarm_seek(scene->swarm, run_steps(&scene->runs[scene->swarm_run].run),
                   SCENE_SWARM_THREADS);
}

double scene_shown_time(const Scene *scene)
{
    double t = 0;
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        t = fmax(t, run_time_at(run, run_steps(run)));
    }
    return t;
}

size_t scene_step_at_time(const Scene *scene, double t)
{
    size_t step = 0;
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        size_t k = run_updates_within(run, t, run->known - 1);
        step = k > step ? k : step;
    }
    return step;
}

void scene_seek(Scene *scene, size_t step)
{
    if (scene->net)
        net_stage_seek(scene->net, step);
    if (scene->ensemble)
        ensemble_seek(scene->ensemble, step);
    if (scene_on_time(scene))
        seek_time(scene, step);
    else {
        for (size_t i = 0; i < scene->run_count; i++)
            run_seek(&scene->runs[i].run, step);
        if (scene->swarm)
            swarm_seek(scene->swarm, step, SCENE_SWARM_THREADS);
    }
    if (scene->display.flow)
        sync_flows(scene);
    scene->step_carry = 0;
}

size_t scene_shown_step(const Scene *scene)
{
    size_t step = scene->net     ? net_stage_shown_step(scene->net)
                  : scene->swarm ? swarm_steps(scene->swarm)
                                 : 0;
    for (size_t i = 0; i < scene->run_count; i++)
        if (run_steps(&scene->runs[i].run) > step)
            step = run_steps(&scene->runs[i].run);
    return step;
}

void scene_step(Scene *scene, size_t steps)
{
    if (scene->net)
        net_stage_step(scene->net, steps);
    if (scene->ensemble)
        ensemble_step(scene->ensemble, steps);
    if (scene_on_time(scene))
        seek_time(scene, scene_shown_step(scene) + steps);
    else {
        for (size_t i = 0; i < scene->run_count; i++)
            run_advance(&scene->runs[i].run, steps);
        if (scene->swarm)
            swarm_advance(scene->swarm, steps, SCENE_SWARM_THREADS);
    }
    if (scene->display.flow)
        sync_flows(scene);
}

/* Cells per view width of the basin map; it spans three views each way. */
#define SCENE_BASIN_CELLS 128

/* The basin map of the scene's landscape now (made on first use, three
 * views wide about the view); NULL without a swarm or when it cannot be
 * made. */
static BasinMap *basin_map_now(const Scene *scene)
{
    struct SceneBasinCache *cache = scene->basin_cache;
    if (!scene->swarm)
        return NULL;
    if (!cache->map || cache->landscape_serial != scene->landscape_serial) {
        basin_map_destroy(cache->map);
        double w = scene->view.xmax - scene->view.xmin, h = scene->view.ymax - scene->view.ymin;
        ViewRect rect = {scene->view.xmin - w, scene->view.xmax + w, scene->view.ymin - h,
                         scene->view.ymax + h};
        DescentError err;
        LandscapePoint found[LANDSCAPE_MAX_MINIMA];
        size_t count = 0;
        if (landscape_minima(scene->landscape, found, LANDSCAPE_MAX_MINIMA) == 0)
            count = basins_find_minima(scene->landscape, scene->view, SCENE_FIND_MINIMA_GRID,
                                       found, LANDSCAPE_MAX_MINIMA);
        cache->map = count > 0 ? basin_map_create_for(scene->landscape, found, count, rect,
                                                      3 * SCENE_BASIN_CELLS,
                                                      3 * SCENE_BASIN_CELLS, &err)
                               : basin_map_create(scene->landscape, rect, 3 * SCENE_BASIN_CELLS,
                                                  3 * SCENE_BASIN_CELLS, &err);
        cache->landscape_serial = scene->landscape_serial;
    }
    return cache->map;
}

size_t scene_basin_shares(const Scene *scene, LandscapePoint *minima, double *shares,
                          size_t max, double *elsewhere)
{
    BasinMap *map = basin_map_now(scene);
    if (!map)
        return 0;
    size_t n = basin_map_shares(map, swarm_positions(scene->swarm), swarm_count(scene->swarm),
                                shares, max, elsewhere);
    return basin_map_minima(map, minima, n);
}

size_t scene_basin_minima(const Scene *scene, LandscapePoint *minima, size_t max)
{
    BasinMap *map = basin_map_now(scene);
    if (!map || swarm_count(scene->swarm) == 0)
        return 0;
    return basin_map_minima(map, minima, max);
}

/* Threads that label the basin map's cells over a view at once. */
#define SCENE_BASIN_THREADS 8

bool scene_basin_cells(const Scene *scene, ViewRect seen, ViewRect *rect, int *columns,
                       int *rows)
{
    BasinMap *map = basin_map_now(scene);
    if (!map)
        return false;
    basin_map_label_rect(map, seen, SCENE_BASIN_THREADS);
    *rect = basin_map_rect(map);
    *columns = *rows = 3 * SCENE_BASIN_CELLS;
    return true;
}

int scene_basin_at(const Scene *scene, double x, double y)
{
    BasinMap *map = basin_map_now(scene);
    return map ? basin_map_label(map, x, y) : -1;
}

void scene_advance(Scene *scene, double dt)
{
    if (!(dt > 0))
        return;
    scene->time += dt;
    if (scene->notice[0] && scene->time >= scene->notice_until)
        scene->notice[0] = '\0';
    if (scene->experiment)
        experiment_live_update(scene->experiment, scene->time - scene->experiment_since,
                               scene->paced);
    if (scene->starts)
        net_starts_live_update(scene->starts, scene->paced);
    /* A frame's share of the slice, paused or not: a frame never waits
     * for a whole grid (net_stage.h).  A recording, whose frames nobody
     * waits for, does the shares a window does in dt, so that its planes
     * are as fresh at --fps 1 as at 60. */
    long frames = scene->paced ? lround(dt * SCENE_WINDOW_FPS) : 1;
    if (scene->net && net_stage_refine(scene->net, frames > 1 ? (size_t)frames : 1))
        sync_net_view(scene);
    if (!scene->playing)
        return;
    double due = scene->step_carry + dt * SCENE_STEPS_PER_SECOND * scene->speed;
    double whole = floor(due);
    scene->step_carry = due - whole;
    if (whole > SCENE_MAX_STEPS_PER_ADVANCE) {
        whole = SCENE_MAX_STEPS_PER_ADVANCE;
        scene->step_carry = 0;
    }
    if (scene->play_left >= 0 && whole >= (double)scene->play_left) {
        whole = (double)scene->play_left;
        scene->playing = false;
        scene->step_carry = 0;
    }
    if (whole >= 1)
        scene_step(scene, (size_t)whole);
    if (scene->play_left >= 0)
        scene->play_left -= (long)whole;
}

void scene_set_playing(Scene *scene, bool playing)
{
    scene->playing = playing;
    scene->step_carry = 0;
    if (playing && scene->play_left == 0)
        scene->play_left = -1;
}

void scene_play_for(Scene *scene, long updates, bool playing)
{
    scene->play_left = updates > 0 ? updates : 0;
    scene->playing = playing && updates > 0;
    scene->step_carry = 0;
}

/* Hands the memory the allocator holds free back to the system.  Called
 * when a stage replaces another: the old runs' paths and histories and the
 * swarm's snapshots were just freed, and glibc keeps freed memory between
 * long-lived blocks in its heap, where a session's stages would otherwise
 * pile it up (bench_soak's resident memory grew 4.2 MiB over two passes
 * through the lessons without this, 0.3 MiB with it). */
static void return_free_memory(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

bool scene_set_stage(Scene *scene, const SceneOptions *options, DescentError *err)
{
    Scene *fresh = scene_create(options, err);
    if (!fresh)
        return false;
    if (options->run_count == 0 && !scene_set_runs(fresh, NULL, 0, err)) {
        scene_destroy(fresh);
        return false;
    }
    install_runs(scene, fresh->runs, fresh->run_count, fresh->swarm, fresh->swarm_run);
    fresh->run_count = 0;
    fresh->swarm = NULL;
    landscape_destroy(scene->landscape);
    scene->landscape = fresh->landscape;
    fresh->landscape = NULL;
    scene->landscape_serial++;
    scene->start = fresh->start;
    scene->view = fresh->view;
    scene->particles = fresh->particles;
    scene->has_seed = fresh->has_seed;
    scene->seed = fresh->seed;
    scene->display.log_scale = fresh->display.log_scale;
    /* The network goes with the stage; fresh takes the old one away. */
    NetStage *net = scene->net;
    Ensemble *ensemble = scene->ensemble;
    scene->net = fresh->net;
    scene->ensemble = fresh->ensemble;
    fresh->net = net;
    fresh->ensemble = ensemble;
    scene->display.net_layer = fresh->display.net_layer;
    scene->display.ensemble = fresh->display.ensemble;
    scene->sweep = fresh->sweep;
    scene->step_carry = 0;
    scene->selected = 0;
    scene_destroy(fresh);
    return_free_memory();
    return true;
}

void scene_start_at(Scene *scene, double x, double y)
{
    if (scene->net)
        return; /* every run starts at θ0; a point of the slice is no start */
    scene->start = (LandscapePoint){x, y};
    for (size_t i = 0; i < scene->run_count; i++) {
        scene->runs[i].x0 = x;
        scene->runs[i].y0 = y;
    }
    scene_reset(scene);
}

void scene_reset(Scene *scene)
{
    if (scene->net)
        net_stage_seek(scene->net, 0);
    if (scene->ensemble)
        ensemble_seek(scene->ensemble, 0);
    for (size_t i = 0; i < scene->run_count; i++)
        run_restart(&scene->runs[i].run, scene->runs[i].x0, scene->runs[i].y0);
    if (scene->swarm)
        swarm_restart(scene->swarm, scene->runs[scene->swarm_run].x0,
                      scene->runs[scene->swarm_run].y0);
    scene->step_carry = 0;
}

void scene_scale_speed(Scene *scene, double factor)
{
    double speed = scene->speed * factor;
    scene->speed = speed < SCENE_SPEED_MIN ? SCENE_SPEED_MIN
                   : speed > SCENE_SPEED_MAX ? SCENE_SPEED_MAX
                                             : speed;
}

/* ------------------------------------------------------------------------ */
/* Changing one run                                                          */

/* Writes spec with key set to value ("adam:lr=0.05" + lr=0.0625 ->
 * "adam:lr=0.0625"), keeping every other item in its order. */
static bool spec_with_number(const char *spec, const char *key, const char *value, char *dest,
                             size_t size, DescentError *err)
{
    Spec parsed;
    if (!spec_parse(spec, true, &parsed, err))
        return false;
    size_t len = (size_t)snprintf(dest, size, "%s", parsed.name);
    bool replaced = false;
    for (int i = 0; i <= parsed.count && len < size; i++) {
        const char *sep = i == 0 ? ":" : ",";
        if (i == parsed.count) {
            if (!replaced)
                len += (size_t)snprintf(dest + len, size - len, "%s%s=%s", sep, key, value);
        } else if (strcmp(parsed.items[i].key, key) == 0) {
            len += (size_t)snprintf(dest + len, size - len, "%s%s=%s", sep, key, value);
            replaced = true;
        } else {
            len += (size_t)snprintf(dest + len, size - len, "%s%s=%s", sep,
                                    parsed.items[i].key, parsed.items[i].value);
        }
    }
    if (len >= size)
        return error_set(err, "spec too long: %s", spec);
    return true;
}

SceneRun *scene_selected_run(Scene *scene, DescentError *err)
{
    if (scene->run_count == 0) {
        error_set(err, "%s", _("no run to change"));
        return NULL;
    }
    return &scene->runs[scene->selected];
}

/* Re-creates the selected run from spec (and the swarm when it copies it). */
static bool replace_selected(Scene *scene, const char *spec, DescentError *err)
{
    if (!scene_selected_run(scene, err))
        return false;
    size_t i = scene->selected;
    SceneRun run;
    LandscapePoint start = {scene->runs[i].x0, scene->runs[i].y0};
    if (!make_run(scene, scene->landscape, spec, start, &run, err))
        return false;
    run.x0 = start.x;
    run.y0 = start.y;
    run_restart(&run.run, start.x, start.y);
    run.hidden = scene->runs[i].hidden;
    run.color = scene->runs[i].color;
    Swarm *swarm = scene->swarm;
    if (swarm && scene->swarm_run == i) {
        swarm = swarm_create(scene->landscape, &run.run.desc, start.x, start.y,
                             scene->particles, err);
        if (!swarm) {
            run_free(&run.run);
            return false;
        }
        swarm_destroy(scene->swarm);
    }
    run_free(&scene->runs[i].run);
    scene->runs[i] = run;
    scene->swarm = swarm;
    return true;
}

/* The selected run goes on with spec from its next update (a stopped run
 * restarts with it); so does the swarm when it copies the run. */
static bool change_selected(Scene *scene, const char *spec, DescentError *err)
{
    size_t i = scene->selected;
    Run *run = &scene->runs[i].run;
    if (run->status != RUN_ACTIVE)
        return replace_selected(scene, spec, err);
    OptimizerDesc desc;
    if (!optimizer_parse(spec, scene->landscape, &desc, err) || !run_reconfigure(run, &desc, err))
        return false;
    return !(scene->swarm && scene->swarm_run == i) ||
           swarm_reconfigure(scene->swarm, &run->desc, err);
}

bool scene_change_run(Scene *scene, const char *spec, DescentError *err)
{
    return scene_selected_run(scene, err) && change_selected(scene, spec, err);
}

/* How a changed value is written into the spec. */
typedef void (*NumberFormat)(double v, char *dest, size_t size);

/* Learning rates and noise: 4 digits read well and are what they say. */
static void format_4_digits(double v, char *dest, size_t size)
{
    snprintf(dest, size, "%.4g", v);
}

/* A decay near 1: the fewest digits (4 at least) that keep its distance
 * from 1 within 0.1%, which is what matters ("0.999875", not
 * 0.9998750000000001), and never "1" (4 digits of 0.99995 read 1). */
static void format_decay(double v, char *dest, size_t size)
{
    for (int digits = 4; digits <= 17; digits++) {
        snprintf(dest, size, "%.*g", digits, v);
        double back = strtod(dest, NULL);
        if (back < 1 && fabs((1 - back) - (1 - v)) <= 1e-3 * (1 - v))
            return;
    }
}

/* Batch sizes stay whole (4 digits of 16384 read 16380). */
static void format_whole(double v, char *dest, size_t size)
{
    snprintf(dest, size, "%.0f", v);
}

/* Sets key to value (written by format) in the selected run's spec and
 * goes on with it. */
static bool set_selected_number(Scene *scene, const char *key, double value, NumberFormat format,
                                DescentError *err)
{
    const SceneRun *run = scene_selected_run(scene, err);
    if (!run)
        return false;
    const OptimizerDesc *desc = &run->run.desc;
    char spec[sizeof desc->spec], text[40];
    format(value, text, sizeof text);
    return spec_with_number(desc->spec, key, text, spec, sizeof spec, err) &&
           change_selected(scene, spec, err);
}

bool scene_scale_lr(Scene *scene, double factor, DescentError *err)
{
    const SceneRun *run = scene_selected_run(scene, err);
    return run && set_selected_number(scene, "lr", run->run.desc.lr * factor, format_4_digits,
                                      err);
}

/* A decay factor moved towards 1 (up: 1 − μ halves, 0 becomes 0.5) but
 * never onto it (at most the largest double below 1: 1 − a rest under
 * half an ulp would round to 1), or away from it (1 − μ doubles; 0 once
 * that passes 0.9). */
static double towards_one(double mu, bool up)
{
    double rest = up ? (mu == 0 ? 0.5 : 0.5 * (1 - mu)) : 2 * (1 - mu);
    return rest >= 0.9 ? 0 : fmin(1 - rest, nextafter(1.0, 0.0));
}

bool scene_scale_momentum(Scene *scene, bool up, DescentError *err)
{
    const SceneRun *run = scene_selected_run(scene, err);
    if (!run)
        return false;
    const OptimizerDesc *desc = &run->run.desc;
    const char *key = optimizer_info(desc->kind)->traits.momentum_key;
    if (!key)
        return error_set(err, _("%s has no momentum"), optimizer_kind_name(desc->kind));
    return set_selected_number(scene, key, towards_one(optimizer_number(desc, key), up),
                               format_decay, err);
}

bool scene_scale_second_moment(Scene *scene, bool up, DescentError *err)
{
    const SceneRun *run = scene_selected_run(scene, err);
    if (!run)
        return false;
    const OptimizerDesc *desc = &run->run.desc;
    const char *key = optimizer_info(desc->kind)->traits.second_moment_key;
    if (!key)
        return error_set(err, _("%s keeps no running average of squared gradients"),
                         optimizer_kind_name(desc->kind));
    return set_selected_number(scene, key, towards_one(optimizer_number(desc, key), up),
                               format_decay, err);
}

bool scene_scale_batch(Scene *scene, double factor, DescentError *err)
{
    const SceneRun *run = scene_selected_run(scene, err);
    if (!run)
        return false;
    const OptimizerDesc *desc = &run->run.desc;
    size_t n = landscape_sample_count(scene->landscape);
    if (n == 0)
        return error_set(err, "%s", _("minibatches need a data landscape (linreg, logreg)"));
    double batch = desc->batch ? (double)desc->batch * factor : factor < 1 ? 0.5 * (double)n : 0;
    batch = batch >= (double)n ? 0 : fmax(1, round(batch));
    return set_selected_number(scene, "batch", batch, format_whole, err);
}

bool scene_scale_noise(Scene *scene, double factor, DescentError *err)
{
    const SceneRun *run = scene_selected_run(scene, err);
    if (!run)
        return false;
    const OptimizerDesc *desc = &run->run.desc;
    double noise = desc->noise * factor;
    if (desc->noise == 0 && factor > 1)
        noise = SCENE_NOISE_FIRST;
    else if (noise < 0.5 * SCENE_NOISE_FIRST)
        noise = 0;
    return set_selected_number(scene, "noise", noise, format_4_digits, err);
}

void scene_select(Scene *scene, size_t i)
{
    if (scene->net)
        net_stage_select(scene->net, i);
    if (i < scene->run_count)
        scene->selected = i;
}

size_t scene_run_number(const Scene *scene, size_t i)
{
    if (scene->net || i >= scene->run_count || i < scene->sweep.count)
        return i + 1;
    return scene->runs[i].color + 1;
}

bool scene_runs_told_apart(const Scene *scene)
{
    return scene->run_count > 1;
}

size_t scene_run_numbered(const Scene *scene, size_t number)
{
    if (scene->net)
        return number - 1;
    size_t i = 0;
    while (i < scene->run_count && scene_run_number(scene, i) != number)
        i++;
    return i;
}

size_t scene_run_total(const Scene *scene)
{
    return scene->net ? net_stage_run_count(scene->net) : scene->run_count;
}

size_t scene_shown_run(const Scene *scene)
{
    size_t count = scene_run_total(scene);
    long named = scene->display.plot_run;
    if (named >= 0 && (size_t)named < count)
        return (size_t)named;
    return scene->net ? net_stage_selected(scene->net) : scene->selected;
}

void scene_toggle_hidden(Scene *scene, size_t i)
{
    if (i < scene->run_count)
        scene->runs[i].hidden = !scene->runs[i].hidden;
}

double scene_run_lr(const Scene *scene, size_t i)
{
    const Run *run = &scene->runs[i].run;
    return optimizer_lr_at(&run->desc, (long)run_steps(run));
}

/* ------------------------------------------------------------------------ */
/* View and display                                                          */

void scene_pan(Scene *scene, double dx, double dy)
{
    ViewRect v = scene->view;
    ViewRect moved = {v.xmin + dx, v.xmax + dx, v.ymin + dy, v.ymax + dy};
    /* Far out, a pan would carry an edge to infinity. */
    if (isfinite(moved.xmin) && isfinite(moved.xmax) && isfinite(moved.ymin) &&
        isfinite(moved.ymax) && view_rect_drawable(moved)) {
        scene->view = moved;
        scene->display.colour_view = (ViewRect){0};
    }
}

void scene_zoom(Scene *scene, double cx, double cy, double factor)
{
    ViewRect v = scene->view;
    ViewRect zoomed = {cx + (v.xmin - cx) * factor, cx + (v.xmax - cx) * factor,
                       cy + (v.ymin - cy) * factor, cy + (v.ymax - cy) * factor};
    /* Keep the view where doubles can still tell neighbouring pixels apart
     * and where the landscape's values stay finite in single precision. */
    double width = zoomed.xmax - zoomed.xmin;
    double centre = fmax(fabs(cx), fabs(cy));
    if (width < 1e-9 * fmax(1.0, centre) || width > 1e9)
        return;
    scene->view = zoomed;
    scene->display.colour_view = (ViewRect){0};
}

/* Whether the colour scale is display.colour_view's (scene_colour_view). */
static bool colour_view_set(const Scene *scene)
{
    ViewRect c = scene->display.colour_view;
    /* In 3D the scale is also the surface's height, over the view. */
    return c.xmin < c.xmax && c.ymin < c.ymax && !scene->display.view3d;
}

ViewRect scene_colour_view(const Scene *scene)
{
    return colour_view_set(scene) ? scene->display.colour_view : scene->view;
}

double scene_colour_floor(const Scene *scene)
{
    return colour_view_set(scene) ? scene->display.colour_floor
                                  : landscape_least_minimum(scene->landscape, scene->view);
}

void scene_next_colormap(Scene *scene)
{
    scene->display.colormap = (Colormap)((scene->display.colormap + 1) % COLORMAP_COUNT);
}

void scene_orbit(Scene *scene, double dyaw, double dpitch)
{
    SceneCamera *c = &scene->display.camera;
    c->yaw = fmod(fmod(c->yaw + dyaw + 180.0, 360.0) + 360.0, 360.0) - 180.0;
    c->pitch = fmin(fmax(c->pitch + dpitch, SCENE_PITCH_MIN), SCENE_PITCH_MAX);
}

void scene_dolly(Scene *scene, double factor)
{
    SceneCamera *c = &scene->display.camera;
    c->distance = fmin(fmax(c->distance * factor, SCENE_DISTANCE_MIN), SCENE_DISTANCE_MAX);
}

/* Copies src into dest[size], cut at a UTF-8 character boundary. */
static void copy_text(char *dest, size_t size, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    if (n > 0)
        memcpy(dest, src, n);
    dest[n] = '\0';
}

void scene_set_title(Scene *scene, const char *title)
{
    copy_text(scene->title, sizeof scene->title, title);
}

void scene_set_caption(Scene *scene, const char *caption)
{
    copy_text(scene->caption, sizeof scene->caption, caption);
}

void scene_set_hint(Scene *scene, const char *hint)
{
    copy_text(scene->hint, sizeof scene->hint, hint);
}

void scene_set_error(Scene *scene, const char *error)
{
    copy_text(scene->error, sizeof scene->error, error);
}

bool scene_set_marks(Scene *scene, const SceneMark *marks, size_t count, DescentError *err)
{
    if (count > SCENE_MAX_MARKS)
        return error_set(err, "too many marks (%zu; at most %d)", count, SCENE_MAX_MARKS);
    for (size_t i = 0; i < count; i++) {
        SceneMark mark = {marks[i].x, marks[i].y, marks[i].radius, ""};
        copy_text(mark.label, sizeof mark.label, marks[i].label);
        scene->marks[i] = mark;
    }
    scene->mark_count = count;
    return true;
}

void scene_notify_error(Scene *scene, double seconds, const char *message)
{
    i18n_error(message, scene->notice, sizeof scene->notice);
    scene->notice_until = scene->time + seconds;
}

void scene_notify(Scene *scene, double seconds, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(scene->notice, sizeof scene->notice, fmt, ap);
    va_end(ap);
    scene->notice_until = scene->time + seconds;
}
