/* fuzz_share.c — the shared command line (scene/scene_share.h) round trip.
 * Each input line is one scene option, its first byte saying which:
 * l --landscape, o --opt, s --start, v --view, n --seed, w --sweep,
 * p --particles (at most 64 here), t --theme, 3 --3d, j --projector,
 * k --camera; and c X,Y a click (every run restarts there), [ or ] the
 * selected run's learning rate ÷ or × 1.25, r DYAW,DPITCH a turn of the
 * 3D camera.  Options the command line's parser refuses
 * and scenes that cannot be built are skipped.  The scene's line
 * (scene_command_line), split as a POSIX shell would (wordexp) and parsed
 * by the same parser, must build the same scene: landscape spec, run
 * specs and starts, start, view, seed, particles, sweep, display and the
 * 3D camera when the 3D view is on, and
 * then the same line again.  Any difference aborts. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wordexp.h>

#include "cli.h"
#include "scene/scene.h"
#include "scene/scene_share.h"

#define MAX_WORDS 64
#define MAX_PARTICLES 64

static bool same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* spec without its x0/y0 items, as the line writes it (x0/y0 are
 * compared as the runs' starts). */
static void spec_without_start(const char *text, char *dest, size_t size)
{
    Spec spec;
    if (!spec_parse(text, true, &spec, NULL)) {
        snprintf(dest, size, "%s", text);
        return;
    }
    size_t len = (size_t)snprintf(dest, size, "%s", spec.name);
    for (int i = 0; i < spec.count && len < size; i++)
        if (strcmp(spec.items[i].key, "x0") != 0 && strcmp(spec.items[i].key, "y0") != 0)
            len += (size_t)snprintf(dest + len, size - len, ",%s=%s", spec.items[i].key,
                                    spec.items[i].value);
}

/* The runs are still the sweep's (none changed, all from one start): the
 * line then says --sweep, else each run. */
static bool still_a_sweep(const Scene *scene)
{
    if (scene->sweep.count == 0 || scene->sweep.count != scene->run_count)
        return false;
    for (size_t i = 0; i < scene->run_count; i++)
        if (strcmp(scene->runs[i].run.desc.spec, scene->sweep.specs[i]) != 0 ||
            !same_bits(scene->runs[i].x0, scene->runs[0].x0) ||
            !same_bits(scene->runs[i].y0, scene->runs[0].y0))
            return false;
    return true;
}

static void check_same(const Scene *a, const Scene *b)
{
    if (strcmp(landscape_spec(a->landscape), landscape_spec(b->landscape)) != 0 ||
        !same_bits(a->start.x, b->start.x) || !same_bits(a->start.y, b->start.y) ||
        memcmp(&a->view, &b->view, sizeof a->view) != 0 || a->has_seed != b->has_seed ||
        (a->has_seed && a->seed != b->seed) || a->particles != b->particles ||
        (a->swarm != NULL) != (b->swarm != NULL) || a->run_count != b->run_count ||
        b->sweep.count != (still_a_sweep(a) ? a->sweep.count : 0) ||
        (b->sweep.count && strcmp(a->sweep.text, b->sweep.text) != 0) ||
        a->display.theme != b->display.theme || a->display.projector != b->display.projector ||
        a->display.view3d != b->display.view3d ||
        (a->display.view3d && (!same_bits(a->display.camera.yaw, b->display.camera.yaw) ||
                               !same_bits(a->display.camera.pitch, b->display.camera.pitch) ||
                               !same_bits(a->display.camera.distance,
                                          b->display.camera.distance))))
        abort();
    for (size_t i = 0; i < a->run_count; i++) {
        char sa[512], sb[512];
        spec_without_start(a->runs[i].run.desc.spec, sa, sizeof sa);
        spec_without_start(b->runs[i].run.desc.spec, sb, sizeof sb);
        if (strcmp(sa, sb) != 0 || !same_bits(a->runs[i].x0, b->runs[i].x0) ||
            !same_bits(a->runs[i].y0, b->runs[i].y0))
            abort();
    }
}

/* Builds the scene the line describes; NULL when the parser or the scene
 * refuses it (which aborts: the line came from a scene). */
static Scene *reopen(const char *line)
{
    wordexp_t words;
    if (wordexp(line, &words, WRDE_NOCMD | WRDE_UNDEF) != 0)
        abort();
    if (words.we_wordc < 1 || strcmp(words.we_wordv[0], "descent") != 0)
        abort();
    SceneOptions options = {0};
    int argc = (int)words.we_wordc - 1;
    char **argv = words.we_wordv + 1;
    for (int i = 0; i < argc;)
        if (cli_scene_option(&options, argc, argv, &i) != 1)
            abort();
    DescentError err = {""};
    Scene *scene = scene_create(&options, &err);
    if (!scene) {
        fprintf(stderr, "fuzz_share: %s\n  from: %s\n", err.message, line);
        abort();
    }
    wordfree(&words);
    return scene;
}

/* Applies the clicks and learning-rate changes after the scene is built. */
static void apply_changes(Scene *scene, char **lines, size_t count)
{
    for (size_t k = 0; k < count; k++) {
        const char *text = lines[k];
        double p[2];
        DescentError err;
        if (text[0] == 'c' && scene_option_numbers(text + 1, p, 2))
            scene_start_at(scene, p[0], p[1]);
        else if (text[0] == '[' || text[0] == ']')
            scene_scale_lr(scene, text[0] == ']' ? 1.25 : 1 / 1.25, &err);
        else if (text[0] == 'r' && scene_option_numbers(text + 1, p, 2))
            scene_orbit(scene, p[0], p[1]);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    if (!text)
        return 0;
    /* argv: "--option" "value" pairs made from the lines. */
    char *argv[2 * MAX_WORDS], *changes[MAX_WORDS];
    int argc = 0;
    size_t nchanges = 0;
    static const struct { char tag; const char *option; bool has_value; } tags[] = {
        {'l', "--landscape", true}, {'o', "--opt", true},     {'s', "--start", true},
        {'v', "--view", true},      {'n', "--seed", true},    {'w', "--sweep", true},
        {'p', "--particles", true}, {'t', "--theme", true},   {'3', "--3d", false},
        {'j', "--projector", false}, {'k', "--camera", true},
    };
    for (char *line = text, *next; line && argc + 2 <= 2 * MAX_WORDS; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if ((line[0] == 'c' || line[0] == '[' || line[0] == ']' || line[0] == 'r') &&
            nchanges < MAX_WORDS) {
            changes[nchanges++] = line;
            continue;
        }
        for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
            if (line[0] != tags[t].tag || !line[0])
                continue;
            argv[argc++] = (char *)tags[t].option;
            if (tags[t].has_value)
                argv[argc++] = line + 1;
        }
    }
    SceneOptions options = {0};
    bool usable = true;
    for (int i = 0; i < argc && usable;)
        usable = cli_scene_option(&options, argc, argv, &i) == 1;
    Scene *scene = NULL;
    if (usable && options.particles <= MAX_PARTICLES) {
        DescentError err = {""};
        scene = scene_create(&options, &err);
    }
    if (scene) {
        apply_changes(scene, changes, nchanges);
        static char line[SCENE_COMMAND_LINE_MAX], again[SCENE_COMMAND_LINE_MAX];
        if (!scene_command_line(scene, line, sizeof line))
            abort();
        Scene *copy = reopen(line);
        check_same(scene, copy);
        if (!scene_command_line(copy, again, sizeof again) || strcmp(line, again) != 0)
            abort();
        scene_destroy(copy);
        scene_destroy(scene);
    }
    free(text);
    return 0;
}
