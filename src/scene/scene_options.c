/* scene_options.c — see scene_options.h: the scene options' table, each
 * option's parser and its printer (the writer is scene_share.h's). */
#include "scene_options.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ensemble.h"
#include "scene/experiment_live.h"
#include "core/model.h"
#include "core/spec.h"
#include "core/swarm.h"
#include "core/sweep.h"
#include "scene/scene_share.h"

/* ------------------------------------------------------------------------ */
/* Values                                                                    */

/* Subnormal numbers are finite: strtod's ERANGE on underflow is no error. */
bool scene_option_numbers(const char *text, double *dest, int count)
{
    const char *p = text;
    for (int i = 0; i < count; i++) {
        char *end;
        errno = 0;
        dest[i] = strtod(p, &end);
        if (end == p || !isfinite(dest[i]))
            return false;
        p = end;
        if (i + 1 < count) {
            if (*p != ',')
                return false;
            p++;
        }
    }
    return *p == '\0';
}

/* Compared exactly: 2^53 + 1 is not 2^53 as it would be as a double. */
bool scene_option_count(const char *text, unsigned long long max, unsigned long long *dest)
{
    char *end;
    errno = 0;
    if (*text == '-' || *text == '\0')
        return false;
    unsigned long long v = strtoull(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE || v > max)
        return false;
    *dest = v;
    return true;
}

/* spec without its x0/y0, then with x0/y0 of (x, y) when that is not the
 * scene's start. */
static bool spec_started(const Scene *scene, const char *spec, double x, double y, char *dest,
                         size_t size)
{
    Spec parsed;
    if (!spec_parse(spec, true, &parsed, NULL))
        return false;
    size_t len = (size_t)snprintf(dest, size, "%s", parsed.name);
    int items = 0;
    for (int i = 0; i < parsed.count && len < size; i++) {
        if (strcmp(parsed.items[i].key, "x0") == 0 || strcmp(parsed.items[i].key, "y0") == 0)
            continue;
        len += (size_t)snprintf(dest + len, size - len, "%s%s=%s", items++ ? "," : ":",
                                parsed.items[i].key, parsed.items[i].value);
    }
    if ((x != scene->start.x || y != scene->start.y) && len < size) {
        char x0[40], y0[40];
        sweep_format_number(x, x0, sizeof x0);
        sweep_format_number(y, y0, sizeof y0);
        len += (size_t)snprintf(dest + len, size - len, "%sx0=%s,y0=%s", items ? "," : ":", x0,
                                y0);
    }
    return len < size;
}

/* The runs are still the sweep's, all from one start. */
static bool still_a_sweep(const Scene *scene)
{
    const Sweep *sweep = &scene->sweep;
    if (sweep->count == 0 || sweep->count != scene->run_count)
        return false;
    for (size_t i = 0; i < scene->run_count; i++)
        if (strcmp(scene->runs[i].run.desc.spec, sweep->specs[i]) != 0 ||
            scene->runs[i].x0 != scene->runs[0].x0 || scene->runs[i].y0 != scene->runs[0].y0)
            return false;
    return true;
}

/* ------------------------------------------------------------------------ */
/* Each option: how it reads, how a scene writes it                          */

static bool parse_landscape(SceneOptions *o, const char *v, DescentError *err)
{
    (void)err;
    o->landscape = v;
    return true;
}

/* A network scene's landscape, start and view are its slice's: nothing
 * to print (scene_command_line writes its --model and --data). */
static void print_landscape(const Scene *scene, CommandLine *line)
{
    if (scene->net)
        return;
    command_line_word(line, "--landscape");
    command_line_word(line, landscape_spec(scene->landscape));
}

static bool parse_opt(SceneOptions *o, const char *v, DescentError *err)
{
    if (o->run_count == SCENE_MAX_RUNS)
        return error_set(err, "too many --opt runs (at most %d)", SCENE_MAX_RUNS);
    o->runs[o->run_count++] = v;
    return true;
}

/* Every run as it is now, or a sweep's one run while its runs are still
 * the sweep's. */
static void print_opt(const Scene *scene, CommandLine *line)
{
    for (size_t i = 0; scene->net && i < net_stage_run_count(scene->net); i++) {
        command_line_word(line, "--opt");
        command_line_word(line, net_stage_run_spec(scene->net, i));
    }
    char text[SWEEP_SPEC_MAX + 64];
    if (still_a_sweep(scene)) {
        line->ok = spec_started(scene, scene->sweep.base, scene->runs[0].x0, scene->runs[0].y0,
                                text, sizeof text) && line->ok;
        command_line_word(line, "--opt");
        command_line_word(line, text);
        return;
    }
    for (size_t i = 0; i < scene->run_count; i++) {
        const SceneRun *run = &scene->runs[i];
        line->ok = spec_started(scene, run->run.desc.spec, run->x0, run->y0, text, sizeof text) &&
                   line->ok;
        command_line_word(line, "--opt");
        command_line_word(line, text);
    }
}

static bool parse_sweep(SceneOptions *o, const char *v, DescentError *err)
{
    (void)err;
    o->sweep = v;
    return true;
}

static void print_sweep(const Scene *scene, CommandLine *line)
{
    if (!still_a_sweep(scene))
        return;
    command_line_word(line, "--sweep");
    command_line_word(line, scene->sweep.text);
}

static bool parse_start(SceneOptions *o, const char *v, DescentError *err)
{
    double p[2];
    if (!scene_option_numbers(v, p, 2))
        return error_set(err, "--start %s: expected X,Y (two finite numbers)", v);
    o->start = (LandscapePoint){p[0], p[1]};
    o->has_start = true;
    return true;
}

static void print_start(const Scene *scene, CommandLine *line)
{
    if (scene->net)
        return;
    command_line_word(line, "--start");
    command_line_numbers(line, (const double[]){scene->start.x, scene->start.y}, 2);
}

static bool parse_view(SceneOptions *o, const char *v, DescentError *err)
{
    double r[4];
    if (!scene_option_numbers(v, r, 4) || !(r[0] < r[1]) || !(r[2] < r[3]))
        return error_set(err, "--view %s: expected XMIN,XMAX,YMIN,YMAX with XMIN < XMAX and "
                              "YMIN < YMAX", v);
    o->view = (ViewRect){r[0], r[1], r[2], r[3]};
    o->has_view = true;
    return true;
}

static void print_view(const Scene *scene, CommandLine *line)
{
    if (scene->net)
        return;
    const ViewRect *v = &scene->view;
    command_line_word(line, "--view");
    command_line_numbers(line, (const double[]){v->xmin, v->xmax, v->ymin, v->ymax}, 4);
}

static bool parse_seed(SceneOptions *o, const char *v, DescentError *err)
{
    unsigned long long seed;
    if (!scene_option_count(v, 1ull << 53, &seed))
        return error_set(err, "--seed %s: expected a whole number from 0 to 2^53", v);
    o->seed = seed;
    o->has_seed = true;
    return true;
}

static void print_seed(const Scene *scene, CommandLine *line)
{
    if (!scene->has_seed)
        return;
    char text[32];
    snprintf(text, sizeof text, "%llu", (unsigned long long)scene->seed);
    command_line_word(line, "--seed");
    command_line_word(line, text);
}

static bool parse_particles(SceneOptions *o, const char *v, DescentError *err)
{
    unsigned long long n;
    if (!scene_option_count(v, SWARM_MAX, &n) || n < 1)
        return error_set(err, "--particles %s: expected a whole number from 1 to %d", v, SWARM_MAX);
    o->particles = (size_t)n;
    return true;
}

static void print_particles(const Scene *scene, CommandLine *line)
{
    if (scene->particles == 0)
        return;
    char text[32];
    snprintf(text, sizeof text, "%zu", scene->particles);
    command_line_word(line, "--particles");
    command_line_word(line, text);
}

static bool parse_speed(SceneOptions *o, const char *v, DescentError *err)
{
    double speed;
    if (!scene_option_numbers(v, &speed, 1) || speed < SCENE_SPEED_MIN || speed > SCENE_SPEED_MAX)
        return error_set(err, "--speed %s: expected a number from %g to %g", v, SCENE_SPEED_MIN,
                         SCENE_SPEED_MAX);
    o->speed = speed;
    return true;
}

static void print_speed(const Scene *scene, CommandLine *line)
{
    if (scene->speed == 1.0)
        return;
    command_line_word(line, "--speed");
    command_line_numbers(line, &scene->speed, 1);
}

static bool parse_slice(SceneOptions *o, const char *v, DescentError *err)
{
    if (!slice_kind_parse(v, &o->slice))
        return error_set(err, "--slice %s: expected init, pca or random", v);
    o->has_slice = true;
    return true;
}

static void print_slice(const Scene *scene, CommandLine *line)
{
    if (!scene->net || net_stage_slice(scene->net) == NET_SLICE_INIT)
        return;
    command_line_word(line, "--slice");
    command_line_word(line, slice_kind_name(net_stage_slice(scene->net)));
}

static bool parse_theme(SceneOptions *o, const char *v, DescentError *err)
{
    if (strcmp(v, "dark") != 0 && strcmp(v, "light") != 0)
        return error_set(err, "--theme %s: expected dark or light", v);
    o->theme = strcmp(v, "light") == 0 ? SCENE_THEME_LIGHT : SCENE_THEME_DARK;
    return true;
}

static void print_theme(const Scene *scene, CommandLine *line)
{
    if (scene->display.theme != SCENE_THEME_LIGHT)
        return;
    command_line_word(line, "--theme");
    command_line_word(line, "light");
}

static bool parse_projector(SceneOptions *o, const char *v, DescentError *err)
{
    (void)v;
    (void)err;
    o->projector = true;
    return true;
}

static void print_projector(const Scene *scene, CommandLine *line)
{
    if (scene->display.projector)
        command_line_word(line, "--projector");
}

static bool parse_3d(SceneOptions *o, const char *v, DescentError *err)
{
    (void)v;
    (void)err;
    o->view3d = true;
    return true;
}

static bool usual_camera(const SceneCamera *camera)
{
    const SceneCamera usual = SCENE_CAMERA_DEFAULT;
    return camera->yaw == usual.yaw && camera->pitch == usual.pitch &&
           camera->distance == usual.distance;
}

/* The 3D view from the usual camera (any other is --camera's). */
static void print_3d(const Scene *scene, CommandLine *line)
{
    if (scene->display.view3d && usual_camera(&scene->display.camera))
        command_line_word(line, "--3d");
}

static bool parse_camera(SceneOptions *o, const char *v, DescentError *err)
{
    double c[3] = {0.0, 0.0, 1.0};
    if (!(scene_option_numbers(v, c, 3) || scene_option_numbers(v, c, 2)) || c[1] < SCENE_PITCH_MIN ||
        c[1] > SCENE_PITCH_MAX || c[2] < SCENE_DISTANCE_MIN || c[2] > SCENE_DISTANCE_MAX)
        return error_set(err, "--camera %s: expected YAW,PITCH[,DISTANCE]: degrees about the "
                              "vertical, %g to %g degrees above the plane, %g to %g times the "
                              "distance that frames the landscape", v, SCENE_PITCH_MIN,
                         SCENE_PITCH_MAX, SCENE_DISTANCE_MIN, SCENE_DISTANCE_MAX);
    o->camera = (SceneCamera){.yaw = c[0], .pitch = c[1], .distance = c[2]};
    o->has_camera = true;
    o->view3d = true;
    return true;
}

static void print_camera(const Scene *scene, CommandLine *line)
{
    const SceneCamera *camera = &scene->display.camera;
    if (!scene->display.view3d || usual_camera(camera))
        return;
    command_line_word(line, "--camera");
    command_line_numbers(line, (const double[]){camera->yaw, camera->pitch, camera->distance}, 3);
}

/* Hidden layers are counted from 1; the network (scene.c) bounds it. */
static bool parse_representation(SceneOptions *o, const char *v, DescentError *err)
{
    unsigned long long layer;
    if (!scene_option_count(v, MODEL_MAX_SIZES - 2, &layer) || layer < 1)
        return error_set(err, "--representation %s: expected a hidden layer, 1 to %d", v,
                         MODEL_MAX_SIZES - 2);
    o->net_layer = (int)layer;
    return true;
}

static void print_representation(const Scene *scene, CommandLine *line)
{
    if (!scene->net || scene->display.net_layer < 1)
        return;
    char text[16];
    snprintf(text, sizeof text, "%d", scene->display.net_layer);
    command_line_word(line, "--representation");
    command_line_word(line, text);
}

static bool parse_ensemble(SceneOptions *o, const char *v, DescentError *err)
{
    unsigned long long k;
    if (!scene_option_count(v, ENSEMBLE_MAX, &k) || k < 1)
        return error_set(err, "--ensemble %s: expected a whole number from 1 to %d", v,
                         ENSEMBLE_MAX);
    o->ensemble = (size_t)k;
    return true;
}

static void print_ensemble(const Scene *scene, CommandLine *line)
{
    if (!scene->ensemble)
        return;
    char text[16];
    snprintf(text, sizeof text, "%zu", scene->ensemble->count);
    command_line_word(line, "--ensemble");
    command_line_word(line, text);
}

static bool parse_experiment(SceneOptions *o, const char *v, DescentError *err)
{
    (void)err;
    o->experiment = v;
    return true;
}

static void print_experiment(const Scene *scene, CommandLine *line)
{
    if (!scene->experiment)
        return;
    command_line_word(line, "--experiment");
    command_line_word(line, experiment_live_spec(scene->experiment));
}

static bool parse_lang(SceneOptions *o, const char *v, DescentError *err)
{
    if (strcmp(v, "en") != 0 && strcmp(v, "zh") != 0)
        return error_set(err, "--lang %s: expected en or zh", v);
    o->lang = v;
    return true;
}

/* ------------------------------------------------------------------------ */
/* The table                                                                 */

static const SceneOptionDef defs[] = {
    {"--landscape", "SPEC", "e.g. rosenbrock, quadratic:l1=1,l2=50,angle=30, 'expr:x^2+3*y^2'",
     parse_landscape, print_landscape},
    {"--opt", "SPEC", "one run per --opt, e.g. adam:lr=0.05,beta1=0.8 (x0=,y0= for its start)",
     parse_opt, print_opt},
    {"--sweep", "PARAM=A:B:N[:lin]",
     "the one --opt at N values of PARAM from A to B, side by side\n"
     "(log-spaced; :lin evenly), e.g. --opt gd --sweep lr=0.001:0.1:5",
     parse_sweep, print_sweep},
    {"--start", "X,Y", "start of runs without their own x0,y0", parse_start, print_start},
    {"--view", "XMIN,XMAX,YMIN,YMAX", "", parse_view, print_view},
    {"--seed", "N", "seed of noisy runs without their own seed=", parse_seed, print_seed},
    {"--particles", "N", "run N copies of a noisy run (seeds seed ... seed+N-1)",
     parse_particles, print_particles},
    {"--speed", "F", "playback speed: F times 120 updates per second (default 1)", parse_speed,
     print_speed},
    {"--slice", "init|pca|random",
     "a network's slice: through theta0 and the selected run (init), the runs'\n"
     "top two principal directions (pca), filter-normalised random directions (random)",
     parse_slice, print_slice},
    {"--theme", "dark|light",
     "light: a light landscape, light panels, dark text and paths, for paper",
     parse_theme, print_theme},
    {"--projector", NULL, "large text and thick lines for a classroom", parse_projector,
     print_projector},
    {"--3d", NULL, "start in the 3D view", parse_3d, print_3d},
    {"--camera", "YAW,PITCH[,DIST]",
     "the 3D view seen from there (degrees; DIST 1 frames the landscape)", parse_camera,
     print_camera},
    {"--representation", "LAYER",
     "a network: its input plane as hidden layer LAYER (1 = the first) bends it,\n"
     "with a linear probe's accuracy, in place of the slice (the R key)",
     parse_representation, print_representation},
    {"--ensemble", "K",
     "a network: K more of it (1 to 64) from init seeds init-seed ... init-seed+K-1,\n"
     "trained with the first --opt, shown as thumbnails with their distances (the M key)",
     parse_ensemble, print_ensemble},
    {"--experiment", "NAME[:K=V,...]",
     "measure an experiment's --quick form (descent list experiments) and plot its\n"
     "points on its theory curve as they come, beside its landscape",
     parse_experiment, print_experiment},
    {"--lang", "en|zh", "language of lessons and of the window (default: from the environment)", parse_lang, NULL},
};

const SceneOptionDef *scene_option_defs(size_t *count)
{
    *count = sizeof defs / sizeof defs[0];
    return defs;
}
