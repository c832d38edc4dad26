/*
 * scene_share.h — the stage on screen as a `descent` command line, so a
 * learner can send exactly what they see and a teacher can paste it into a
 * lesson or a terminal (the window's 's' key, `descent --print-command`).
 *
 * The line names the landscape (its spec), every run (its spec as it is
 * now, e.g. after [ ] changed its learning rate, with x0/y0 when its start
 * is not the scene's), or a sweep's one run and --sweep while its runs are
 * still the sweep's; the start, the view, the seed, the particles,
 * --theme light / --projector when on, and --3d or --camera in the 3D
 * view.  Numbers are written with the fewest digits that read back as the
 * same double, and every word that a
 * POSIX shell would not take as it is is single-quoted, so running the
 * line builds the same stage: the same runs from the same starts, bit for
 * bit.  What the line cannot say: a lesson's texts and marks, how far the
 * runs have gone (it says the view as it is now), and a parameter changed
 * mid-run, which it writes as if the run had had it from its start.
 */
#ifndef DESCENT_SCENE_SHARE_H
#define DESCENT_SCENE_SHARE_H

#include <stdbool.h>
#include <stddef.h>

#include "scene/scene.h"

/* Writes the command line into dest (size bytes, NUL-terminated): "descent"
 * and each scene option's print (scene_options.h), in the table's order.
 * false when it does not fit (dest then holds a cut line). */
bool scene_command_line(const Scene *scene, char *dest, size_t size);

/* A command line being written, for the options' print functions: len
 * grows past size once something did not fit; ok turns false when a
 * part could not be written. */
typedef struct CommandLine {
    char *dest;
    size_t size, len;
    bool ok;
} CommandLine;

/* Appends " WORD", single-quoted unless every character is one a shell
 * takes literally (a quote inside becomes '\''). */
void command_line_word(CommandLine *line, const char *text);

/* Appends " A,B,..." of count numbers, each with the fewest digits that
 * read back as the same double. */
void command_line_numbers(CommandLine *line, const double *values, int count);

/* A generous size for dest: every run's spec quoted, and the rest. */
#define SCENE_COMMAND_LINE_MAX (SCENE_MAX_RUNS * 600 + 2048)

#endif
