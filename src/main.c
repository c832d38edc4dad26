/*
 * main.c — descent's command line: picks the subcommand (docs/CLI.md §1).
 * Everything else lives in the cli_*.c files and the modules they call.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "config.h"

static const char usage_head[] =
    "usage: descent [LESSON.lua] [scene options]        open the window (default: welcome lesson)\n"
    "       descent record [LESSON.lua] [scene options] -o OUT [--size WxH] [--fps N]\n"
    "                      [--frames N | --seconds S] [--lang en|zh] [--transparent] [--crop]\n"
    "       descent trace [scene options] --steps N [--change RUN:STEP:SPEC]\n"
    "                     [--format csv|json]\n"
    "       descent trace --model SPEC --data SPEC --opt SPEC... --steps N [--every K]\n"
    "                     [--change RUN:STEP:SPEC] [--format csv|json]\n"
    "       descent export --torch [scene options | LESSON.lua --step N] [--steps N]\n"
    "                      [--change RUN:STEP:SPEC] -o scene.py\n"
    "       descent export --html [scene options --steps N | LESSON.lua] -o scene.html\n"
    "       descent eval --landscape SPEC --at X,Y\n"
    "       descent eval --model SPEC --data SPEC --theta FILE\n"
    "       descent list landscapes|optimizers|schedules|lessons|models|datasets|experiments\n"
    "       descent experiment NAME [--quick] [-o table.csv] [--plot out.png] [--seed N]\n"
    "                         [key=value ...]\n"
    "       descent check LESSON.lua...\n"
    "       descent --help | --version\n"
    "\n"
    "scene options:\n";

/* After the trace and eval options, which their table lists
 * (cli_print_command_options). */
static const char usage_tail[] =
    "\n"
    "window options:\n"
    "  --size WxH                window size in pixels\n"
    "  --fullscreen              start fullscreen (f or F11 toggles)\n"
    "  --output-dir DIR          where p (screenshots) and v (videos) save (default: here)\n"
    "  --bench-frames N          render N frames off-screen and print frame-time median and p99\n"
    "  --print-command           print the scene as the command line 's' copies, and exit\n"
    "\n"
    "record options (slides):\n"
    "  --transparent             clear (alpha 0) off the landscape: PNG, PNG sequence, WebM, GIF\n"
    "  --crop                    the landscape alone: no legend, plot, readout or caption\n"
    "record options (lessons):\n"
    "  --subtitles FILE.srt      the captions with their times (MP4, WebM carry them anyway)\n"
    "  --hold SECONDS            hold each step after its play (default: its caption's reading time)\n"
    "\n"
    "export: python3 scene.py prints the runs as trace does; --plot draws them (matplotlib).\n"
    "        --html: one page, no network needed: play, scrub, hover, every lesson step.\n"
    "\n"
    "In the window, h or ? lists every key.\n"
    "'descent list landscapes' and 'descent list optimizers' show every key with its default.\n";

typedef struct Subcommand {
    const char *name;
    int (*run)(int argc, char **argv);
} Subcommand;

static const Subcommand subcommands[] = {
    {"record", cli_record}, {"trace", cli_trace}, {"eval", cli_eval},
    {"list", cli_list},     {"check", cli_check}, {"experiment", cli_experiment},
    {"export", cli_export},
};

int main(int argc, char **argv)
{
    if (argc >= 2) {
        const char *first = argv[1];
        if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0) {
            fputs(usage_head, stdout);
            cli_print_scene_options(stdout);
            fputs("\ntrace and eval options:\n", stdout);
            cli_print_command_options(stdout);
            fputs(usage_tail, stdout);
            return EXIT_OK;
        }
        if (strcmp(first, "--version") == 0) {
            printf("descent %s\n", DESCENT_VERSION);
            return EXIT_OK;
        }
        for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
            if (strcmp(first, subcommands[i].name) == 0)
                return subcommands[i].run(argc - 2, argv + 2);
    }
    return cli_window(argc - 1, argv + 1);
}
