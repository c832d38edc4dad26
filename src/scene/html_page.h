/*
 * html_page.h — a scene, or a lesson's steps, written out as one
 * self-contained HTML page (`descent export --html`, docs/CLI.md §9).
 *
 * The page needs nothing but a browser: no network, no external script,
 * style sheet or font.  It holds
 *   - each stage's landscape as values on a grid computed here by the core
 *     (L and ∇L at HTML_GRID_WIDTH × HTML_GRID_HEIGHT cell centres, float32,
 *     base64), from which the page's script colours the map and draws the
 *     contours, and reads L and ∇L under the pointer;
 *   - every run's whole path (x, y, L after each update, the numbers the
 *     core computed, written so they read back as the same doubles);
 *   - the lesson's title, each step's caption and marks;
 *   - the colormap (assets/colormaps/viridis.txt) and the page's script
 *     and style (assets/html/page.js, assets/html/page.css), read from the
 *     data dir (core/data_dir.h) and written into the page.
 * A network's stage (HtmlNetwork) holds instead, for every run, the
 * training and test loss and accuracy after every update (NetMetrics,
 * as doubles), and its decision regions at the network's frames: the
 * class and confidence (core/model.h's model_predict, one byte each,
 * confidence × 255 rounded) at the centres of NETDATA_SQUARE_CELLS² cells
 * over the data's square (core/netdata.h's netdata_square_cells, row 0
 * at its top, as the window's data panel lays them out), then at every
 * training and test sample, base64; and the training and test samples.
 * It says, under the caption, what the window draws that it does not
 * (the slice, the sharpness and ‖θ‖ plots, an ensemble, a layer's
 * picture).
 * The page's own words (buttons, labels, notes) are written into it in
 * the page's language from the message catalog (scene/i18n.h).
 * The script (plain JavaScript, no framework) only draws: play, pause,
 * scrub the timeline, hover, toggle runs, switch steps.
 *
 * Stages that show the same landscape over the same view share one grid.
 * The map keeps HTML_MAP_ASPECT: a view is widened about its centre to it,
 * as the window widens a view to its frame, so x and y keep one scale.
 */
#ifndef DESCENT_SCENE_HTML_PAGE_H
#define DESCENT_SCENE_HTML_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/error.h"
#include "core/landscape.h"
#include "core/model.h"
#include "core/net_run.h"
#include "core/run.h"

#define HTML_GRID_WIDTH 200
#define HTML_GRID_HEIGHT 150
#define HTML_MAP_ASPECT (4.0 / 3.0)   /* width / height of the page's map */
#define HTML_REGION_FRAMES 64         /* a network's timeline is cut into about this many
                                         frames of regions (and each stage's end is one):
                                         a few kB each per run, for pages under 2 MB */

/* One run on a stage: its path path[0 .. count-1] (run->count points: the
 * start, then one per update; a diverged run's last holds the non-finite
 * numbers, written as null) and the spec its legend shows. */
typedef struct HtmlRun {
    const Run *run;
    const char *spec;
} HtmlRun;

/* One run of a network: its metrics (run->metrics[0 .. run->count-1]),
 * its spec, and θ at each of the network's frames (frame_count ×
 * model->nparams doubles; a run that stopped before a frame's update holds
 * its last θ there). */
typedef struct HtmlNetRun {
    const NetRun *run;
    const char *spec;
    const double *thetas;
} HtmlNetRun;

/* A network and its runs, shared by the stages that show it (a lesson's
 * steps that keep going from the one before). */
typedef struct HtmlNetwork {
    const char *model_spec, *data_spec;
    const Model *model;
    const NetDataSplit *data;
    const HtmlNetRun *runs;
    size_t run_count;
    const size_t *frame_updates;  /* the updates of the frames, increasing, 0 first */
    size_t frame_count;
} HtmlNetwork;

/* A point a lesson step points at (lesson.h's LessonMark). */
typedef struct HtmlMark {
    double x, y, radius;
    const char *label;
} HtmlMark;

/* One stage: a lesson's step, or the one stage of a scene. */
typedef struct HtmlStage {
    const char *caption;         /* "" when none */
    const Landscape *landscape;  /* borrowed */
    ViewRect view;               /* before widening to HTML_MAP_ASPECT */
    const HtmlRun *runs;
    size_t run_count;
    size_t first_step;           /* where its timeline opens: a step that goes on
                                    from the step before (keep) opens where that
                                    one ended; else 0 */
    double speed;                /* updates per second while playing; 0: the page's */
    size_t particles_left_out;   /* the step's swarm the page does not draw (it
                                    says so under the caption); 0: none */
    const HtmlMark *marks;
    size_t mark_count;
    /* A network's stage (landscape NULL, runs none): */
    const HtmlNetwork *network;  /* NULL: a landscape's stage */
    size_t updates;              /* the end of its timeline (≤ every run's count − 1
                                    unless the run stopped) */
    size_t region_run;           /* the run whose regions it opens on */
    size_t ensemble_left_out;    /* the step's ensemble of networks (0: none) */
    int representation_left_out; /* the hidden layer the step draws (0: none) */
} HtmlStage;

typedef struct HtmlPage {
    const char *title;           /* the page's heading */
    const char *lang;            /* the language of the texts: "en", "zh" */
    const char *origin;          /* one line: the command that wrote it */
    const HtmlStage *stages;     /* at least one */
    size_t stage_count;
} HtmlPage;

/* The view a stage's map shows: view widened about its centre to
 * HTML_MAP_ASPECT (never narrowed). */
ViewRect html_map_view(ViewRect view);

/* Writes the page to out.  Returns false with err set (nothing useful
 * written) when the data dir lacks the page's assets or memory runs out. */
bool html_page_write(FILE *out, const HtmlPage *page, DescentError *err);

/* html_page_write into path: written beside it, then renamed into place
 * (core/aside_file.h), so path never holds half a page.  Errors also name
 * an unwritable path. */
bool html_page_save(const char *path, const HtmlPage *page, DescentError *err);

#endif
