/* cli_window.c — `descent [LESSON.lua] [scene options] [window options]`:
 * opens the live window (SPEC §3, §5), or benchmarks its frames. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/bench.h"
#include "cli.h"

static const char window_usage[] =
    "window options: --size WxH  --fullscreen  --projector  --bench-frames N";

/* Parses "WxH" with 1 <= W, H <= 16384. */
static bool parse_size(const char *text, int *width, int *height)
{
    char *end;
    long w = strtol(text, &end, 10);
    if (end == text || (*end != 'x' && *end != 'X'))
        return false;
    const char *rest = end + 1;
    long h = strtol(rest, &end, 10);
    if (end == rest || *end != '\0' || w < 1 || h < 1 || w > 16384 || h > 16384)
        return false;
    *width = (int)w;
    *height = (int)h;
    return true;
}

/* "--name VALUE" or "--name=VALUE"; 1 on a match (advancing *i), 0 when
 * argv[*i] is something else, -1 when the value is missing. */
static int window_value(const char *name, int argc, char **argv, int *i, const char **value)
{
    size_t len = strlen(name);
    if (strncmp(argv[*i], name, len) != 0)
        return 0;
    if (argv[*i][len] == '=') {
        *value = argv[*i] + len + 1;
        (*i)++;
        return 1;
    }
    if (argv[*i][len] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        cli_error("%s needs a value", name);
        return -1;
    }
    *value = argv[*i + 1];
    *i += 2;
    return 1;
}

int cli_window(int argc, char **argv)
{
    SceneOptions scene_options = {0};
    AppOptions app_options = {0};
    long bench_frames = 0;
    for (int i = 0; i < argc;) {
        const char *value = NULL;
        int m = cli_scene_option(&scene_options, argc, argv, &i);
        if (m < 0)
            return EXIT_USAGE;
        if (m > 0)
            continue;
        if (strcmp(argv[i], "--fullscreen") == 0) {
            app_options.fullscreen = true;
            i++;
        } else if ((m = window_value("--size", argc, argv, &i, &value)) != 0) {
            if (m < 0)
                return EXIT_USAGE;
            if (!parse_size(value, &app_options.width, &app_options.height)) {
                cli_error("--size %s: expected WxH, e.g. 1920x1080", value);
                return EXIT_USAGE;
            }
        } else if ((m = window_value("--bench-frames", argc, argv, &i, &value)) != 0) {
            char *end;
            if (m < 0)
                return EXIT_USAGE;
            bench_frames = strtol(value, &end, 10);
            if (*end != '\0' || bench_frames < 1 || bench_frames > 1000000) {
                cli_error("--bench-frames %s: expected a whole number from 1 to 1000000", value);
                return EXIT_USAGE;
            }
        } else if (argv[i][0] != '-' && !scene_options.lesson_path) {
            scene_options.lesson_path = argv[i++];
        } else {
            cli_error("unknown option '%s' (descent --help lists them; %s)", argv[i],
                      window_usage);
            return EXIT_USAGE;
        }
    }
    if (scene_options.lesson_path) {
        cli_error("%s: playing lessons in the window is not built yet", scene_options.lesson_path);
        return EXIT_RUNTIME;
    }

    DescentError err = {""};
    Scene *scene = scene_create(&scene_options, &err);
    if (!scene) {
        cli_error("%s", err.message);
        return EXIT_USAGE;
    }
    if (scene_options.view3d)
        scene_notify(scene, 4.0, "3D view: not yet (a later version adds it)");
    if (bench_frames > 0) {
        bool ok = app_bench_frames(scene, app_options.width ? app_options.width : 1920,
                                   app_options.height ? app_options.height : 1080,
                                   (int)bench_frames, &err);
        scene_destroy(scene);
        if (!ok)
            cli_error("%s", err.message);
        return ok ? EXIT_OK : EXIT_RUNTIME;
    }
    App *app = app_create(scene, &app_options, &err);
    if (!app) {
        cli_error("%s", err.message);
        return EXIT_RUNTIME;
    }
    int status = app_run(app);
    app_destroy(app);
    return status;
}
