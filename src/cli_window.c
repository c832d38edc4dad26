/* cli_window.c — `descent [LESSON.lua] [scene options] [window options]`:
 * opens the live window (docs/CLI.md §1, §2.2), or benchmarks its frames. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/bench.h"
#include "app/keys.h"
#include "cli.h"
#include "lesson/lesson.h"
#include "scene/lesson_player.h"
#include "scene/scene_share.h"

/* The window's own options; the scene options (--projector, --theme, ...)
 * are their table's to list, in descent --help. */
static const char window_usage[] =
    "window options: --size WxH  --fullscreen  --output-dir DIR  --bench-frames N  "
    "--print-command";

/* `--print-command`: the stage the options describe as the command line
 * the window's 's' key would copy, without opening a window. */
static int print_command(const SceneOptions *options)
{
    DescentError err = {""};
    Scene *scene = scene_create(options, &err);
    if (!scene) {
        cli_error("%s", err.message);
        return EXIT_USAGE;
    }
    char line[SCENE_COMMAND_LINE_MAX];
    bool fits = scene_command_line(scene, line, sizeof line);
    scene_destroy(scene);
    if (!fits) {
        cli_error("the scene is too large to write as a command line");
        return EXIT_RUNTIME;
    }
    puts(line);
    return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_RUNTIME;
}

int cli_window(int argc, char **argv)
{
    SceneOptions scene_options = {.lesson_reserved_keys = window_reserved_keys()};
    AppOptions app_options = {0};
    long bench_frames = 0;
    bool print = false;
    for (int i = 0; i < argc;) {
        const char *value = NULL;
        int m = cli_scene_option(&scene_options, argc, argv, &i);
        if (m == 0)
            m = cli_network_option(&scene_options, argc, argv, &i);
        if (m < 0)
            return EXIT_USAGE;
        if (m > 0)
            continue;
        if (strcmp(argv[i], "--fullscreen") == 0) {
            app_options.fullscreen = true;
            i++;
        } else if (strcmp(argv[i], "--print-command") == 0) {
            print = true;
            i++;
        } else if ((m = cli_option_value("--size", argc, argv, &i, &value)) != 0) {
            if (m < 0)
                return EXIT_USAGE;
            if (!cli_parse_size(value, &app_options.width, &app_options.height)) {
                cli_error("--size %s: expected WxH, e.g. 1920x1080", value);
                return EXIT_USAGE;
            }
        } else if ((m = cli_option_value("--output-dir", argc, argv, &i, &value)) != 0) {
            if (m < 0)
                return EXIT_USAGE;
            app_options.output_dir = value;
        } else if ((m = cli_option_value("--bench-frames", argc, argv, &i, &value)) != 0) {
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
    if (print)
        return print_command(&scene_options);
    DescentError err = {""};
    /* Without a lesson or a stage of its own, the window opens on welcome
     * (the benchmark keeps measuring the race). */
    char welcome[4096];
    if (!scene_options.lesson_path && !scene_options.landscape && scene_options.run_count == 0 &&
        !scene_options.model && bench_frames == 0) {
        if (lesson_find("welcome", welcome, sizeof welcome, &err))
            scene_options.lesson_path = welcome;
        else
            cli_error("%s (opening the welcome race instead)", err.message);
    }
    app_options.lesson = scene_options.lesson_path;
    app_options.lang = scene_options.lang;
    cli_select_language(scene_options.lang);
    Scene *scene = scene_create(&scene_options, &err);
    if (!scene) {
        cli_error("%s", err.message);
        return EXIT_USAGE;
    }
    if (bench_frames > 0) {
        LessonPlayer player;
        if (scene_options.lesson_path &&
            !lesson_player_open(&player, scene_options.lesson_path, scene_options.lang,
                                scene_options.lesson_reserved_keys, scene, &err))
            cli_error("%s", err.message);
        bool ok = app_bench_frames(scene, app_options.width ? app_options.width : 1920,
                                   app_options.height ? app_options.height : 1080,
                                   (int)bench_frames, &err);
        scene_destroy(scene);
        if (scene_options.lesson_path)
            lesson_player_close(&player);
        if (!ok)
            cli_error("%s", err.message);
        return ok ? EXIT_OK : EXIT_RUNTIME;
    }
    App *app = app_create(scene, &app_options, &err);
    if (!app) {
        cli_error("%s", err.message);
        return EXIT_RUNTIME;
    }
    const LessonPlayer *lesson = app_lesson(app);
    if (lesson && !lesson_player_ready(lesson))
        cli_error("%s", app_scene(app)->error);
    int status = app_run(app);
    app_destroy(app);
    return status;
}
