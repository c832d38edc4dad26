/* cli_record.c — `descent record [LESSON.lua] [scene options] -o OUT
 * [--size WxH] [--fps N] [--frames N | --seconds S] [--lang en|zh]
 * [--transparent] [--crop] [--subtitles FILE.srt] [--hold SECONDS]`
 * (docs/CLI.md §2.3, §6): checks the options, then leaves the work to record.h. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/keys.h"
#include "cli.h"
#include "lesson/lesson.h"
#include "record/record.h"
#include "scene/scene.h"

static const char record_usage[] =
    "record options: -o OUT (x.png, dir/frame_%05d.png, x.mp4, x.webm, x.gif)  --size WxH  "
    "--fps N  --frames N | --seconds S  --transparent  --crop  --subtitles FILE.srt  "
    "--hold SECONDS";

/* Parses a whole number in 1 .. max. */
static bool parse_whole(const char *text, long max, long *dest)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE || v < 1 || v > max)
        return false;
    *dest = v;
    return true;
}

/* Reads one record option at argv[*i]: 1 when it was one, 0 when not, -1
 * after printing an error. */
static int record_option(RecordOptions *o, int argc, char **argv, int *i)
{
    const char *v = NULL;
    int m;
    if (strcmp(argv[*i], "--transparent") == 0 || strcmp(argv[*i], "--crop") == 0) {
        *(argv[*i][2] == 't' ? &o->transparent : &o->crop) = true;
        (*i)++;
        return 1;
    }
    if ((m = cli_option_value("-o", argc, argv, i, &v)) != 0 ||
        (m = cli_option_value("--output", argc, argv, i, &v)) != 0) {
        if (m > 0)
            o->output = v;
        return m;
    }
    if ((m = cli_option_value("--size", argc, argv, i, &v)) != 0) {
        if (m > 0 && !cli_parse_size(v, &o->width, &o->height)) {
            cli_error("--size %s: expected WxH, e.g. 1920x1080", v);
            return -1;
        }
        return m;
    }
    long n = 0;
    if ((m = cli_option_value("--fps", argc, argv, i, &v)) != 0) {
        if (m > 0 && !parse_whole(v, RECORD_MAX_FPS, &n)) {
            cli_error("--fps %s: expected a whole number from 1 to %d", v, RECORD_MAX_FPS);
            return -1;
        }
        o->fps = (int)n;
        return m;
    }
    if ((m = cli_option_value("--frames", argc, argv, i, &v)) != 0) {
        if (m > 0 && !parse_whole(v, RECORD_MAX_FRAMES, &o->frames)) {
            cli_error("--frames %s: expected a whole number from 1 to %ld", v,
                      RECORD_MAX_FRAMES);
            return -1;
        }
        return m;
    }
    if ((m = cli_option_value("--subtitles", argc, argv, i, &v)) != 0) {
        if (m > 0)
            o->subtitles = v;
        return m;
    }
    if ((m = cli_option_value("--hold", argc, argv, i, &v)) != 0) {
        char *end;
        if (m > 0) {
            o->has_hold = true;
            o->hold = strtod(v, &end);
            /* The range is record_plan's to check. */
            if (end == v || *end != '\0') {
                cli_error("--hold %s: expected a number of seconds", v);
                return -1;
            }
        }
        return m;
    }
    if ((m = cli_option_value("--seconds", argc, argv, i, &v)) != 0) {
        char *end;
        if (m > 0) {
            o->seconds = strtod(v, &end);
            if (end == v || *end != '\0' || !isfinite(o->seconds) || o->seconds <= 0) {
                cli_error("--seconds %s: expected a positive number", v);
                return -1;
            }
        }
        return m;
    }
    return 0;
}

static volatile sig_atomic_t stop_requested;

static void request_stop(int signal_number)
{
    stop_requested = signal_number;
}

/* Ctrl+C or a kill stops the recording between frames, so the hidden
 * partial file is removed instead of left behind. */
static void catch_stop_signals(void)
{
    struct sigaction action = {.sa_handler = request_stop, .sa_flags = SA_RESTART};
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
}

int cli_record(int argc, char **argv)
{
    SceneOptions scene_options = {.lesson_reserved_keys = window_reserved_keys()};
    RecordOptions options = {.progress = isatty(STDERR_FILENO), .stop = &stop_requested};
    for (int i = 0; i < argc;) {
        int m = cli_scene_option(&scene_options, argc, argv, &i);
        if (m == 0)
            m = cli_network_option(&scene_options, argc, argv, &i);
        if (m == 0)
            m = record_option(&options, argc, argv, &i);
        if (m < 0)
            return EXIT_USAGE;
        if (m > 0)
            continue;
        if (argv[i][0] != '-' && !scene_options.lesson_path) {
            scene_options.lesson_path = argv[i++];
        } else {
            cli_error("record: unknown option '%s' (%s)", argv[i], record_usage);
            return EXIT_USAGE;
        }
    }
    if (!options.output) {
        cli_error("record needs -o OUT (%s)", record_usage);
        return EXIT_USAGE;
    }
    DescentError err = {""};
    RecordPlan plan;
    if (!record_plan(&options, scene_options.lesson_path != NULL, &plan, &err)) {
        cli_error("%s", err.message);
        return EXIT_USAGE;
    }
    /* A bad spec or lesson is bad input: find it before any window or file
     * exists. */
    if (scene_options.lesson_path) {
        Lesson lesson;
        if (!lesson_load(scene_options.lesson_path, scene_options.lang,
                         scene_options.lesson_reserved_keys, &lesson, &err)) {
            cli_error("%s", err.message);
            return EXIT_USAGE;
        }
        lesson_free(&lesson);
    }
    cli_select_language(scene_options.lang);
    Scene *scene = scene_create(&scene_options, &err);
    if (!scene) {
        cli_error("%s", err.message);
        return EXIT_USAGE;
    }
    scene_destroy(scene);
    catch_stop_signals();
    if (!record_scene(&scene_options, &options, &err)) {
        cli_error("%s", err.message);
        return EXIT_RUNTIME;
    }
    return EXIT_OK;
}
