/*
 * net_view.c — a network scene (scene->net, scene/net_stage.h) drawn: on
 * the landscape, the slice's plane (the heatmap draws its loss, through
 * net_stage_sample) with each run's path projected onto it and its head
 * labelled with its distance from the plane; in the panels, a legend of
 * the runs with their train and test loss, the plots (net_plots.c), and
 * the data panel, the input plane coloured by one run's (scene_shown_run)
 * predicted class with the train points (filled), the test points
 * (hollow) and the misclassified ones crossed, a key under it naming each
 * mark and each class's colour and saying whose accuracy its title's
 * percentages are.
 *
 * The numbers come from the core through the stage; this file only draws
 * them.  hud.c asks for these panels instead of the landscape's
 * (render_net_needs, render_net_panels), renderer.c for the world.
 */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/net_starts.h"
#include "scene/net_repr.h"
#include "scene/spec_notation.h"
#include "text_wrap.h"

#define NET_BODY_PX 15.0
#define NET_SMALL_PX 13.0
/* The data panel's square, and the least of the square with the key
 * under it (the key's line comes out of the square: a panel a line
 * higher at its least left adam_vs_sgd_network 1 at 1280x720 --projector
 * no room for its loss plot). */
#define NET_DATA_SIDE 230.0
#define NET_DATA_MIN_SIDE 110.0
/* A plane point's distance from the plane is shown when the head is
 * farther than this share of the grid's a range from it. */
#define NET_DISTANCE_SHOWN 1e-3

static Rgba mix(Rgba a, Rgba b, float t)
{
    return (Rgba){a.r + t * (b.r - a.r), a.g + t * (b.g - a.g), a.b + t * (b.b - a.b), 1.0f};
}

static const NetMetrics *head_metrics(const NetRun *run)
{
    return &run->metrics[run->count - 1];
}

/* ------------------------------------------------------------------------ */
/* On the landscape                                                          */

/* Covers what lies beyond the slice's grid with the slate around a map:
 * no loss is known there, and the heatmap repeats the grid's edge rows and
 * columns (net_stage_sample), which a dimmed band showed as streaks and
 * contours run straight to the frame's edge. */
static void cover_off_grid(Renderer *r, const Scene *scene, const Viewport *vp)
{
    const double *values;
    unsigned serial;
    const SliceGridDesc *g = net_stage_grid(scene->net, &values, &serial);
    double left, top, right, bottom;
    viewport_to_pixel(vp, g->a_min, g->b_max, &left, &top);
    viewport_to_pixel(vp, g->a_max, g->b_min, &right, &bottom);
    Rgba slate = r->theme->slate;
    double w = r->width, h = r->height;
    if (top > 0)
        shapes_rect(r->shapes, 0, 0, w, top, slate);
    if (bottom < h)
        shapes_rect(r->shapes, 0, bottom, w, h - bottom, slate);
    if (left > 0)
        shapes_rect(r->shapes, 0, top, left, bottom - top, slate);
    if (right < w)
        shapes_rect(r->shapes, right, top, w - right, bottom - top, slate);
}

/* vp narrowed to the slice's grid, the map as drawn (cover_off_grid
 * covers the rest): the same plane-to-pixel mapping on the grid's part of
 * the view. */
static Viewport grid_viewport(const Scene *scene, const Viewport *vp)
{
    const double *values;
    unsigned serial;
    const SliceGridDesc *g = net_stage_grid(scene->net, &values, &serial);
    Viewport grid = *vp;
    grid.world = (ViewRect){fmax(g->a_min, vp->world.xmin), fmin(g->a_max, vp->world.xmax),
                            fmax(g->b_min, vp->world.ymin), fmin(g->b_max, vp->world.ymax)};
    double right, bottom;
    viewport_to_pixel(vp, grid.world.xmin, grid.world.ymax, &grid.x, &grid.y);
    viewport_to_pixel(vp, grid.world.xmax, grid.world.ymin, &right, &bottom);
    grid.width = right - grid.x;
    grid.height = bottom - grid.y;
    return grid;
}

/* Half the width of a network run's path's colour (pixels, times the
 * marker scale, as the landscape's paths), and of its dark casing beyond.
 * A run drawn over an earlier one from θ0 (all of them: every run starts
 * there) is thinner and outlined, as a flow over its band (world.c): its
 * colour NET_PATH_OUTLINED_HALF, a dark line NET_PATH_OUTLINE beyond it,
 * the earlier run's colour two nest steps (render_path_nest) wider for
 * each later run.  Nested one step apart with no outline, GD showed a
 * pixel's fringe either side of SGD's path at 960x540, and
 * batch_and_flatness read as SGD's path alone (issue 12). */
#define NET_PATH_COLOR_HALF 2.0
#define NET_PATH_OUTLINED_HALF 1.4
#define NET_PATH_OUTLINE 0.6
#define NET_PATH_CASING 1.4
/* The least half width (pixels) of an outlined run's colour: the paths are
 * drawn no thinner than at the marker scale that gives it.  At the marker
 * scale alone SGD's colour was 1.97 pixels wide on batch_and_flatness 1's
 * map at 960x540 (282 pixels high), one row of blue along its level
 * stretches where the row fell across its middle: seen 2 pixels wide or
 * more at 102 of 127 points, and at 103 of 140 once the map was wider
 * (RENDER_GROUP_STEP_KEEP, render.h). */
#define NET_PATH_OUTLINED_LEAST 1.3
/* A run's head: a disc this wide (pixels, times the marker scale) in its
 * colour; heads at one place ring it (render_head_ring). */
#define NET_HEAD_RADIUS 5.0

/* Half the width of run i's colour of runs (times net_path_scale). */
static double net_path_half(size_t i, size_t runs)
{
    return (i > 0 ? NET_PATH_OUTLINED_HALF : NET_PATH_COLOR_HALF) +
           2.0 * render_path_nest(runs - 1 - i);
}

/* The scale the paths' widths are drawn at: the marker scale, but no
 * less than gives an outlined run's colour NET_PATH_OUTLINED_LEAST. */
static double net_path_scale(const Renderer *r)
{
    return fmax(r->marker_scale, NET_PATH_OUTLINED_LEAST / NET_PATH_OUTLINED_HALF);
}

/* The path's count points as one line half wide (times net_path_scale)
 * in color; head gets its last point's pixel (NAN: none). */
static void net_path_line(Renderer *r, const Viewport *vp, const NetPoint *path, size_t count,
                          double half, Rgba color, double head[2])
{
    double prev_x = 0, prev_y = 0;
    for (size_t k = 0; k < count; k++) {
        double x, y;
        viewport_to_pixel(vp, path[k].a, path[k].b, &x, &y);
        if (k > 0 && isfinite(x + y + prev_x + prev_y))
            shapes_segment(r->shapes, prev_x, prev_y, x, y, half * net_path_scale(r), color);
        prev_x = x, prev_y = y;
    }
    head[0] = count > 0 ? prev_x : (double)NAN;
    head[1] = prev_y;
}

bool render_box_on_net_paths(const Renderer *r, const Scene *scene, const Viewport *vp,
                             LayoutRect box)
{
    double reach = (NET_PATH_COLOR_HALF + 2.0 * render_path_nest(RENDER_PATH_NEST_MAX) +
                    NET_PATH_CASING + 1.0) *
                   net_path_scale(r);
    const double b[4] = {box.x - reach, box.y - reach, box.x + box.w + reach,
                         box.y + box.h + reach};
    NetPoint *path = malloc((NET_STAGE_KEYFRAMES + 1) * sizeof *path);
    if (!path)
        return false;
    bool crossed = false;
    for (size_t i = 0; i < net_stage_run_count(scene->net) && !crossed; i++) {
        size_t count = net_stage_path(scene->net, i, path);
        double prev_x = 0, prev_y = 0;
        for (size_t k = 0; k < count && !crossed; k++) {
            double x, y;
            viewport_to_pixel(vp, path[k].a, path[k].b, &x, &y);
            double x0 = prev_x, y0 = prev_y, x1 = x, y1 = y;
            crossed = k > 0 && isfinite(x0 + y0 + x1 + y1) && clip_segment(b, &x0, &y0, &x1, &y1);
            prev_x = x, prev_y = y;
        }
    }
    free(path);
    return crossed;
}

void render_net_world(Renderer *r, const Scene *scene)
{
    Viewport vp = render_viewport(r, scene);
    cover_off_grid(r, scene, &vp);
    const NetStage *net = scene->net;
    double m = r->marker_scale;
    int px = render_font_px(r, NET_SMALL_PX);
    NetPoint *path = malloc((NET_STAGE_KEYFRAMES + 1) * sizeof *path);
    if (!path)
        return;
    /* θ0, where every run starts: (0, 0) but on the random plane. */
    double start_x = (double)NAN, start_y = (double)NAN;
    if (net_stage_path(net, 0, path) > 0) {
        viewport_to_pixel(&vp, path[0].a, path[0].b, &start_x, &start_y);
        shapes_ring(r->shapes, start_x, start_y, 6.0 * m, 1.2 * m, r->theme->mark);
    }
    double span = scene->view.xmax - scene->view.xmin;
    /* Every head before any label, so no label lies over a head. */
    double head_at[SCENE_MAX_RUNS][2];
    char labels[SCENE_MAX_RUNS][96];
    size_t runs = net_stage_run_count(net), through;
    net_stage_plane(net, &through);
    /* Every run starts at θ0: their paths nest (net_path_half), every
     * casing under every colour (drawn one over the other, SGD's path and
     * casing hid GD's, which it follows closely), and each later run's
     * colour in a dark outline of its own over the earlier ones'. */
    for (size_t i = 0; i < runs; i++)
        net_path_line(r, &vp, path, net_stage_path(net, i, path),
                      net_path_half(i, runs) + NET_PATH_CASING, r->theme->casing, head_at[i]);
    for (size_t i = 0; i < runs; i++) {
        size_t count = net_stage_path(net, i, path);
        double half = net_path_half(i, runs);
        if (i > 0)
            net_path_line(r, &vp, path, count, half + NET_PATH_OUTLINE, r->theme->casing,
                          head_at[i]);
        net_path_line(r, &vp, path, count, half, render_run_color(r, i, 1.0f), head_at[i]);
    }
    /* Heads at one place (GD's and SGD's at the end of their race) stack
     * as the landscape's do: the last drawn keeps its disc, each earlier
     * one a ring around it in its colour. */
    int stack[SCENE_MAX_RUNS], stacked[SCENE_MAX_RUNS];
    render_head_stacks(head_at, runs, NET_HEAD_RADIUS * m, stack, stacked);
    for (size_t i = 0; i < runs; i++) {
        labels[i][0] = '\0';
        size_t count = net_stage_path(net, i, path);
        double hx = head_at[i][0], hy = head_at[i][1];
        if (count == 0 || !isfinite(hx + hy))
            continue;
        Rgba color = render_run_color(r, i, 1.0f);
        double reach = NET_HEAD_RADIUS * m;
        if (stack[i] > 0) {
            reach = render_head_ring(r, hx, hy, NET_HEAD_RADIUS, stack[i], color);
        } else {
            shapes_disc(r->shapes, hx, hy, (NET_HEAD_RADIUS + 1.5) * m, r->theme->casing);
            shapes_disc(r->shapes, hx, hy, NET_HEAD_RADIUS * m, color);
        }
        render_note_head(r, hx, hy, reach + 1.5 * m);
        /* Named in the legend's words ("slice through θ0 and run 1"), as
         * few as say it: the run the slice goes through by its number
         * alone, which the legend places on it.  "run 1 ends on this
         * plane", "run 2 ends 2.06 off this plane" and "start θ0" took
         * 0.24 of batch_and_flatness 1's map at 1280x720 --projector
         * (review, issue 12). */
        const NetPoint *head = &path[count - 1];
        if (head->distance > NET_DISTANCE_SHOWN * span)
            snprintf(labels[i], sizeof labels[i], _("run %zu: %.3g off the slice"), i + 1,
                     head->distance);
        else if (i == through)
            snprintf(labels[i], sizeof labels[i], _("run %zu"), i + 1);
        else
            snprintf(labels[i], sizeof labels[i], _("run %zu: on the slice"), i + 1);
    }
    Viewport grid = grid_viewport(scene, &vp);
    for (size_t i = 0; i < runs; i++) {
        if (!labels[i][0])
            continue;
        /* Beside the head, off the other heads, labels and paths, whole
         * on the map as drawn, as a lesson mark's ("run 2 ends 2.51 off
         * this plane" had read "nds 2.51 off this plane" at its left edge
         * at 1280x720 --projector, and reached off a narrow map over the
         * panels' gap; trained_not_derived 1's lay along its run's path):
         * on the grid (grid_viewport), as adam_vs_sgd_network 1's "run 1
         * ends 1.36 off this plane" hung 42 px past its left edge over the
         * slate at 1280x720 --projector. */
        LayoutRect box =
            render_label_beside(r, scene, &grid, head_at[i][0], head_at[i][1], labels[i], px);
        /* In the label ink (theme.h): in its run's own orange the label
         * stood at 3.4 on its panel over the slice's greens (adam_vs_sgd_network
         * 1 at 960x540), under the 4.5 text needs. */
        LayoutRect at = render_label(r, labels[i], box.x, box.y, px,
                                     theme_label_ink(r->theme, render_run_color(r, i, 1.0f)));
        double pad = RENDER_LABEL_PAD * r->scale;
        /* Led to its head where it stands off it: adam_vs_sgd_network
         * 2's "run 1 ends 1.36 off this plane", with no room beside GD's
         * short path, lay 50 px under its head and beside the start's
         * ring, and named the start (review of session 27's frames). */
        render_label_leader(r, head_at[i][0], head_at[i][1],
                            (LayoutRect){at.x + pad, at.y, at.w - 2.0 * pad, at.h});
    }
    /* The start's ring named beside it, after the heads' labels, which
     * say more: batch_and_flatness's ring had no name on screen (issue
     * 12), and the legend's "slice through θ0" names the point. */
    if (isfinite(start_x + start_y)) {
        const char *name = _("start θ0");
        LayoutRect box = render_label_beside(r, scene, &grid, start_x, start_y, name, px);
        render_label(r, name, box.x, box.y, px, r->theme->mark);
    }
    free(path);
}

/* ------------------------------------------------------------------------ */
/* Legend                                                                    */

/* The notes of a picture in the slice's place, wrapped: at most this many
 * rows. */
#define NET_NOTE_ROWS (4 * RENDER_NET_NOTES)
#define NET_LEGEND_LINES (SCENE_MAX_RUNS + 3 + NET_NOTE_ROWS)
#define NET_LEGEND_LINE_MAX SCENE_TITLE_MAX /* the longest line: a lesson's title */

/* What the slice shown is: its kind, the run and update it was made at. */
static void slice_legend(const NetStage *net, char *dest, size_t size)
{
    size_t run, step = net_stage_plane(net, &run);
    NetSliceKind kind;
    double explained[2];
    net_stage_slice_plane(net, &kind, explained);
    if (kind == NET_SLICE_PCA)
        snprintf(dest, size,
                 _("slice: the paths' principal directions (%.0f%% + %.0f%%) at step %zu"),
                 100 * explained[0], 100 * explained[1], step);
    else if (kind == NET_SLICE_RANDOM)
        snprintf(dest, size, _("slice: random directions around run %zu at step %zu"), run + 1,
                 step);
    else
        snprintf(dest, size, _("slice through θ0 and run %zu at step %zu"), run + 1, step);
}

/* The legend's lines: the network's (net_line), the runs' (runs of them
 * from first_run) and the line of what the map shows (map_line). */
typedef struct NetLegend {
    char lines[NET_LEGEND_LINES][NET_LEGEND_LINE_MAX];
    size_t count, net_line, first_run, runs, map_line;
    double run_w; /* the widest a run's line grows, its disc's room included */
} NetLegend;

/* Line k's size: the lesson's title larger, then the network's line, the
 * rest smaller. */
static int legend_px(Renderer *r, const NetLegend *g, size_t k)
{
    return render_font_px(r, k < g->net_line    ? NET_BODY_PX + 2
                             : k == g->net_line ? NET_BODY_PX
                                                : NET_SMALL_PX);
}

static bool legend_run_line(const NetLegend *g, size_t k)
{
    return k >= g->first_run && k < g->first_run + g->runs;
}

/* The notes of the picture shown in the slice's place (none on the
 * slice). */
static int map_notes(const Renderer *r, const Scene *scene, char notes[][RENDER_NET_NOTE_MAX])
{
    switch (render_net_map_picture(scene)) {
    case NET_MAP_LAYER:
        return render_net_repr_notes(r, notes);
    case NET_MAP_ENSEMBLE:
        return render_net_ensemble_notes(scene, notes);
    case NET_MAP_SLICE:
        break;
    }
    return 0;
}

/* The legend's lines: a lesson's title (the first line, larger, when
 * there is one), the network, one per run under it (the network's line
 * says their numbers are losses), then what the map shows (with the notes
 * of a picture shown in the slice's place, wrapped to the other lines'
 * width, unless compact).  The runs came last, under the notes, and
 * representation 1's "train 0.712 test 0.713" read as more of the probe's
 * accuracies just above them. */
static void legend_lines(Renderer *r, const Scene *scene, bool compact, NetLegend *g)
{
    const NetStage *net = scene->net;
    const Model *m = net_stage_model(net);
    size_t n = 0;
    if (scene->title[0])
        snprintf(g->lines[n++], NET_LEGEND_LINE_MAX, "%s", scene->title);
    char sizes[160];
    size_t len = 0;
    sizes[0] = '\0';
    for (int k = 0; k < m->nsizes && len < 150; k++)
        len += (size_t)snprintf(sizes + len, sizeof sizes - len, "%s%d", k ? "-" : "",
                                m->sizes[k]);
    /* What the runs' numbers are, once for all of them: on each run's line
     * "loss:" widened the legend until batch_and_flatness 3's caption at
     * 1280x720 --projector took five lines.  Their accuracies where the
     * step's starts panel counts which run's test accuracy is higher:
     * adam_vs_sgd_network 5's caption had the test losses beside it, the
     * lower for the run that scored lower. */
    static const char *const net_line[] = {N_("network %s — loss: train, test"),
                                           N_("network %s — accuracy: train, test")};
    bool accuracy = render_net_about_accuracy(scene);
    g->net_line = n;
    snprintf(g->lines[n++], NET_LEGEND_LINE_MAX, _(net_line[accuracy]), sizes);
    g->first_run = n;
    g->runs = net_stage_run_count(net);
    g->run_w = 0;
    for (size_t i = 0; i < g->runs; i++) {
        const NetMetrics *mt = head_metrics(net_stage_run(net, i));
        char name[NET_LEGEND_LINE_MAX], widest[NET_LEGEND_LINE_MAX];
        spec_notation_run(net_stage_run_spec(net, i), NULL, name, sizeof name);
        if (accuracy)
            snprintf(g->lines[n++], NET_LEGEND_LINE_MAX, _("%zu %s  train %.0f%%  test %.0f%%"),
                     i + 1, name, 100 * mt->train_acc, 100 * mt->test_acc);
        else
            snprintf(g->lines[n++], NET_LEGEND_LINE_MAX, _("%zu %s  train %.3g  test %.3g"),
                     i + 1, name, mt->train_loss, mt->test_loss);
        /* Measured as its losses' longest form (%.3g: 0.000888, 8.88e-05),
         * so the legend, and the map beside it, stay as the run learns:
         * representation 1 -> 2 in Chinese at 960x540, "0.712" to
         * "0.000381" widened it and the notes wrapped under it, and the
         * map moved 17 px. */
        snprintf(widest, sizeof widest, _("%zu %s  train %.3g  test %.3g"), i + 1, name,
                 0.000888, 0.000888);
        g->run_w = fmax(g->run_w, render_text_width(r, widest, render_font_px(r, NET_SMALL_PX)) +
                                      18 * r->scale);
    }
    g->map_line = n;
    /* What the map shows: the slice, or the picture shown in its place. */
    switch (render_net_map_picture(scene)) {
    case NET_MAP_SLICE:
        slice_legend(net, g->lines[n], NET_LEGEND_LINE_MAX);
        break;
    case NET_MAP_LAYER:
        snprintf(g->lines[n], NET_LEGEND_LINE_MAX,
                 _("the input plane as hidden layer %d of %d bends it"),
                 scene->display.net_layer, net_repr_hidden_layers(net));
        break;
    case NET_MAP_ENSEMBLE:
        snprintf(g->lines[n], NET_LEGEND_LINE_MAX, "%s",
                 _("the ensemble: each member's decision regions"));
        break;
    }
    n++;
    char notes[RENDER_NET_NOTES][RENDER_NET_NOTE_MAX];
    int note_count = compact ? 0 : map_notes(r, scene, notes);
    /* The notes no wider than the other lines (a run's has its disc). */
    /* The runs' lines at their longest only where notes wrap under them
     * (a picture's, representation): elsewhere the legend is as wide as
     * its lines (batch_and_flatness's group at the projector sizes). */
    if (note_count == 0)
        g->run_w = 0;
    double widest = g->run_w;
    for (size_t k = 0; k < n; k++)
        if (!legend_run_line(g, k))
            widest = fmax(widest, render_text_width(r, g->lines[k], legend_px(r, g, k)));
    int small = render_font_px(r, NET_SMALL_PX);
    for (int k = 0; k < note_count && n < g->map_line + 1 + NET_NOTE_ROWS; k++)
        n += (size_t)render_wrap(r, small, notes[k], widest, g->lines[n], NET_LEGEND_LINE_MAX,
                                 (int)(g->map_line + 1 + NET_NOTE_ROWS - n));
    g->count = n;
}

static LayoutRequest legend_need(Renderer *r, const Scene *scene, bool compact)
{
    NetLegend *g = malloc(sizeof *g);
    if (!g)
        return (LayoutRequest){.shown = false};
    legend_lines(r, scene, compact, g);
    double s = r->scale, w = g->run_w, h = 0;
    for (size_t k = 0; k < g->count; k++) {
        int px = legend_px(r, g, k);
        w = fmax(w, render_text_width(r, g->lines[k], px) + (legend_run_line(g, k) ? 18 * s : 0));
        h += render_line_height(r, px);
    }
    free(g);
    return (LayoutRequest){true, w + 20 * s, h + 16 * s, w + 20 * s, h + 16 * s, false};
}

/* The map's notes (the frame's, r->net_notes) wrapped into rows (at most
 * NET_NOTE_ROWS) for a rectangle width wide; returns the rows' count, *cut
 * when there are more. */
static int wrap_notes(Renderer *r, double width, char rows[][RENDER_NET_NOTE_MAX], bool *cut)
{
    const NetNotes *notes = &r->net_notes;
    char wrapped[NET_NOTE_ROWS + 1][RENDER_NET_NOTE_MAX];
    int small = render_font_px(r, NET_SMALL_PX), n = 0, needed = 0;
    for (int k = 0; k < notes->count; k++) {
        int got = render_wrap(r, small, notes->notes[k], width - 28 * r->scale, wrapped[0],
                              sizeof wrapped[0], NET_NOTE_ROWS + 1);
        needed += got;
        for (int q = 0; q < got && n < NET_NOTE_ROWS; q++, n++)
            memcpy(rows[n], wrapped[q], sizeof rows[n]);
    }
    *cut = needed > NET_NOTE_ROWS;
    return n;
}

/* One row's height, and the notes' outer height for n rows. */
static double notes_line(Renderer *r)
{
    return render_line_height(r, render_font_px(r, NET_SMALL_PX)) + 4 * r->scale;
}

static double notes_height(Renderer *r, int n)
{
    return n > 0 ? 14 * r->scale + n * notes_line(r) : 0.0;
}

/* LayoutWrapFn for the notes: their size at max_width, each whole width
 * measured once while the notes and the scale stay. */
static void notes_size(void *context, double max_width, double *w, double *h, bool *cut)
{
    NetNotes *notes = context;
    *w = max_width;
    double whole = floor(max_width);
    size_t k = whole >= 0 && whole < RENDER_NOTES_WIDTHS && whole == max_width
                   ? (size_t)whole
                   : RENDER_NOTES_WIDTHS;
    if (k < RENDER_NOTES_WIDTHS && notes->known[k]) {
        *h = notes->height[k];
        *cut = notes->known[k] < 0;
        return;
    }
    char rows[NET_NOTE_ROWS][RENDER_NET_NOTE_MAX];
    *h = notes_height(notes->r, wrap_notes(notes->r, max_width, rows, cut));
    if (k < RENDER_NOTES_WIDTHS) {
        notes->height[k] = *h;
        notes->known[k] = *cut ? -1 : 1;
    }
}

/* The notes in the place the layout gave them, one row under another. */
static void draw_notes(Renderer *r, LayoutRect rect)
{
    char rows[NET_NOTE_ROWS][RENDER_NET_NOTE_MAX];
    bool cut;
    int n = wrap_notes(r, rect.w, rows, &cut);
    double s = r->scale, line = notes_line(r);
    int px = render_font_px(r, NET_SMALL_PX);
    for (int k = 0; k < n; k++)
        render_label(r, rows[k], rect.x + 10 * s, rect.y + 10 * s + k * line, px,
                     r->theme->text);
}

static void draw_legend(Renderer *r, const Scene *scene, LayoutRect rect)
{
    NetLegend *g = malloc(sizeof *g);
    if (!g)
        return;
    legend_lines(r, scene, r->layout.compact[LAYOUT_LEGEND], g);
    double s = r->scale, x = rect.x + 10 * s, y = rect.y + 8 * s;
    render_panel(r, rect);
    for (size_t k = 0; k < g->count; k++) {
        int px = legend_px(r, g, k);
        double line = render_line_height(r, px);
        if (legend_run_line(g, k)) {
            size_t i = k - g->first_run;
            shapes_disc(r->shapes, x + 5 * s, y + 0.5 * line, 4.5 * s, render_run_color(r, i, 1));
            const NetRun *run = net_stage_run(scene->net, i);
            render_text(r, g->lines[k], x + 18 * s, y, px, ALIGN_LEFT,
                        run->status != NET_RUN_ACTIVE ? r->theme->warn : r->theme->text);
        } else {
            render_text(r, g->lines[k], x, y, px, ALIGN_LEFT,
                        k <= g->net_line ? r->theme->text : r->theme->dim);
        }
        y += line;
    }
    free(g);
}

/* ------------------------------------------------------------------------ */
/* The data panel                                                            */

/* The data panel's key under its square, three lines.  The first keys its
 * marks as draw_samples draws them, each a mark and its name: a training
 * point (filled), a test point (hollow: adam_vs_sgd_network's rings had
 * no key) and the cross on a point the run gets wrong; "wrong", not
 * "misclassified", keeps the line within the panel's title's width (with
 * its count, "wrong: 200" at its widest, the data panel widened and
 * batch_and_flatness's map moved from step 2 to 3 at the projector
 * sizes).  The mark's column is this wide, the names this far apart
 * (pixels at scale 1). */
#define NET_TRAIN_KEY N_("train")
#define NET_TEST_KEY N_("test")
#define NET_MISS_KEY N_("wrong")
/* Always with their count: adam_vs_sgd_network 2's 13 crosses, six
 * within 25 px at the spirals' centre, could not be counted (review of
 * session 27's frames).  The panel is measured without it (as wide as
 * before); where the line with the count is wider than the panel, the
 * names stand half as far apart (KeyFit), and where that is still too
 * wide the cross and its count stand apart (draw_data).  Dropping the
 * count there left "× wrong" alone in English at 1280x720 --projector
 * (review, issue 12). */
#define NET_MISSES_KEY N_("wrong: %zu")
#define NET_KEY_MARK 16.0
#define NET_KEY_GAP 10.0
/* A miss's cross, its arms this far out along the diagonals and half
 * this wide, on a casing of the ground this much wider (pixels at scale
 * 1).  Rings 4.6 out, even each on a band of the ground, lay in one lump
 * at adam_vs_sgd_network 2's spirals' centre, where six misses lie
 * within 25 px, and read as more test points, hollow rings too (review
 * of session 27's frames); a cross is about its point alone, and unlike
 * any point. */
#define NET_CROSS_ARM 3.4
#define NET_CROSS_HALF 0.75
#define NET_CROSS_CASING 0.9
/* A training point's and a test point's radius (render_sample). */
#define NET_TRAIN_DOT 2.5
#define NET_TEST_DOT 2.8

static bool data_shown(const Scene *scene)
{
    const NetDataSplit *d = net_stage_data(scene->net);
    return d->train.dim == 2 && d->train.classes >= 2;
}

/* Run i's accuracies train and test, a line of the data panel's title. */
static void accuracy_text(size_t i, double train, double test, char *dest, size_t size)
{
    snprintf(dest, size, _("run %zu: train %.0f%%, test %.0f%%"), i + 1, 100 * train,
             100 * test);
}

/* The data panel's title lines: its run's accuracies first, then every
 * other run's, so runs compared are compared on screen (adam_vs_sgd_network
 * 5, batch_and_flatness 2 showed one run's test accuracy of two); the
 * run of line k (k from 0). */
static size_t data_title_run(const Scene *scene, size_t k)
{
    size_t shown = scene_shown_run(scene);
    return k == 0 ? shown : k <= shown ? k - 1 : k;
}

static size_t data_title_lines(const Scene *scene)
{
    return net_stage_run_count(scene->net);
}

/* The panel's title over its lines: whose regions it draws.  Captions
 * say which run the panel shows (adam_vs_sgd_network 4 and 6), and the
 * panel did not: its first line's run was the one, in the text's colour. */
static void data_heading(const Scene *scene, char *dest, size_t size)
{
    snprintf(dest, size, _("decision regions of run %zu"), scene_shown_run(scene) + 1);
}

/* What the title's percentages are, the key's second line: the network's
 * own accuracy.  representation 1's "train 50%, test 50%" stood beside
 * the probe's accuracies and the legend's losses, and "%: accuracy" did
 * not say whose; adam_vs_sgd_network 5's caption about held-out accuracy
 * had the legend's test losses beside it.  Not on each run's line (the
 * words there widened the panel until adam_vs_sgd_network's map at
 * 1280x720 --projector lost a fifth). */
#define NET_ACCURACY_KEY N_("%: the network's accuracy")
/* The key's second line names the classes' colours, "class: ● 0 ● 1":
 * the networks' regions and points had two colours and no key (review of
 * session 27's frames; implicit_regularization's inset keys its own,
 * data_view.c). */
#define NET_CLASS_KEY N_("class:")

/* Crosses' centres at least this far apart (pixels at scale 1), where
 * their arms stay apart, and the most rings of places about its point a
 * cross is moved out to (place_miss).  Drawn on their points, adam_vs_sgd_network
 * 2's 13 misses, six within 25 px at the spirals' centre, lay in one lump
 * that showed four crosses beside "wrong: 13" (review, issue 12). */
#define NET_CROSS_APART 7.0
#define NET_CROSS_RINGS 3

/* A miss's cross at (x, y), cased in the panel's ground so that crosses
 * meeting stay apart. */
static void draw_miss(Renderer *r, double x, double y)
{
    double s = r->scale;
    Rgba ground = r->theme->panel;
    ground.a = 1.0f;
    render_cross(r, x, y, NET_CROSS_ARM * s, (NET_CROSS_HALF + NET_CROSS_CASING) * s, ground);
    render_cross(r, x, y, NET_CROSS_ARM * s, NET_CROSS_HALF * s, r->theme->wrong);
}

/* The cross of a miss at the point (x, y): on the point, or where it
 * first keeps NET_CROSS_APART from the crosses placed before it this
 * frame, on rings that far apart about the point (six places on the
 * first, twelve on the second, ...), inside the square; on the point
 * where none is clear.  The place is recorded (render_miss_marks). */
static void place_miss(Renderer *r, double x, double y, LayoutRect square)
{
    double apart = NET_CROSS_APART * r->scale;
    bool found = false;
    for (int ring = 0; ring <= NET_CROSS_RINGS && !found; ring++)
        for (int k = 0; k < (ring == 0 ? 1 : 6 * ring) && !found; k++) {
            double t = 2.0 * M_PI * k / (ring == 0 ? 1 : 6 * ring);
            double cx = x + ring * apart * cos(t), cy = y + ring * apart * sin(t);
            found = cx >= square.x && cx <= square.x + square.w && cy >= square.y &&
                    cy <= square.y + square.h;
            for (size_t m = 0; m < r->miss_count && found; m++)
                found = hypot(cx - r->misses[m][0], cy - r->misses[m][1]) >= apart;
            if (found)
                x = cx, y = cy;
        }
    if (r->miss_count < RENDER_MISSES) {
        r->misses[r->miss_count][0] = x;
        r->misses[r->miss_count++][1] = y;
    }
    draw_miss(r, x, y);
}

/* The classes' key from x, its first line centred on y: "class:", then
 * each class's training point and its number, along that line, or in a
 * column, one a line under it (draw; else measured alone); its width. */
static double data_class_key(Renderer *r, int classes, double x, double y, bool column,
                             bool draw)
{
    double s = r->scale;
    int px = render_font_px(r, NET_SMALL_PX);
    double line = render_line_height(r, px), head = render_text_width(r, _(NET_CLASS_KEY), px);
    double w = column ? 0 : head, widest = head;
    if (draw)
        render_text(r, _(NET_CLASS_KEY), x, y - 0.5 * line, px, ALIGN_LEFT, r->theme->text);
    for (int c = 0; c < classes; c++) {
        char name[16];
        snprintf(name, sizeof name, "%d", c);
        double cy = column ? y + (c + 1) * line : y;
        w = column ? 0 : w + (c > 0 ? 0.5 * NET_KEY_GAP * s : 0);
        if (draw) {
            render_sample(r, x + w + 0.5 * NET_KEY_MARK * s, cy, NET_TRAIN_DOT,
                          theme_class_color(c), false);
            render_text(r, name, x + w + NET_KEY_MARK * s, cy - 0.5 * line, px, ALIGN_LEFT,
                        r->theme->text);
        }
        w += NET_KEY_MARK * s + render_text_width(r, name, px);
        widest = fmax(widest, w);
    }
    return widest;
}

/* How the key's marks stand (NET_MISSES_KEY): on one line, on one
 * line half as far apart, or the cross and its count apart from them
 * (beside the square under the classes where the column holds it, else
 * on a line of its own). */
typedef enum KeyFit { KEY_LINE, KEY_TIGHT, KEY_SPLIT } KeyFit;

/* The key's mark k (a training point, a test point, a miss's cross) and
 * its name from x, centred on y (draw; else measured alone); its width. */
static double data_key_mark(Renderer *r, size_t k, const char *name, double x, double y,
                            bool draw)
{
    double s = r->scale;
    int px = render_font_px(r, NET_SMALL_PX);
    if (draw && k < 2)
        render_sample(r, x + 0.5 * NET_KEY_MARK * s, y, k == 0 ? NET_TRAIN_DOT : NET_TEST_DOT,
                      r->theme->text, k == 1);
    else if (draw)
        draw_miss(r, x + 0.5 * NET_KEY_MARK * s, y);
    if (draw)
        render_text(r, name, x + NET_KEY_MARK * s, y - 0.5 * render_line_height(r, px), px,
                    ALIGN_LEFT, r->theme->text);
    return NET_KEY_MARK * s + render_text_width(r, name, px);
}

/* The key's line of marks from x, centred on y, the cross's name wrong
 * (draw; else measured alone), as fit has it (the cross left out where
 * split); its width. */
static double data_marks_key(Renderer *r, double x, double y, const char *wrong, KeyFit fit,
                             bool draw)
{
    const char *const names[] = {_(NET_TRAIN_KEY), _(NET_TEST_KEY), wrong};
    double gap = (fit == KEY_TIGHT ? 0.5 : 1.0) * NET_KEY_GAP * r->scale, w = 0;
    size_t marks = fit == KEY_SPLIT ? 2 : 3;
    for (size_t k = 0; k < marks; k++) {
        w += k > 0 ? gap : 0;
        w += data_key_mark(r, k, names[k], x + w, y, draw);
    }
    return w;
}

static LayoutRequest data_need(Renderer *r, const Scene *scene)
{
    if (!data_shown(scene))
        return (LayoutRequest){.shown = false};
    int px = render_font_px(r, NET_SMALL_PX);
    double s = r->scale, line = render_line_height(r, px);
    size_t lines = data_title_lines(scene);
    char heading[96];
    data_heading(scene, heading, sizeof heading);
    double text_w = fmax(fmax(fmax(data_marks_key(r, 0, 0, _(NET_MISS_KEY), KEY_LINE, false),
                                   data_class_key(r, net_stage_data(scene->net)->train.classes,
                                                  0, 0, false, false)),
                              render_text_width(r, _(NET_ACCURACY_KEY), px)),
                         render_text_width(r, heading, px)) + 16 * s;
    /* Where a picture stands in the slice's place (representation), each
     * line as wide as it can grow (100 % and 100 %): its steps train the
     * network the panel shows from 50 % to 100 %, and the map moved 7 px
     * from step 1 to 2 in Chinese at 1280x720 --projector.  Elsewhere as
     * they are: measured at 100 % the panel split batch_and_flatness's
     * group at the projector sizes (layout-steps-en, 2->3 and 5->6). */
    bool widest = render_net_map_picture(scene) == NET_MAP_LAYER;
    for (size_t k = 0; k < lines; k++) {
        char title[96];
        const NetMetrics *mt = head_metrics(net_stage_run(scene->net, k));
        accuracy_text(k, widest ? 1.0 : mt->train_acc, widest ? 1.0 : mt->test_acc, title,
                      sizeof title);
        text_w = fmax(text_w, render_text_width(r, title, px) + 16 * s);
    }
    /* The other runs' lines come out of the picture at its least: at
     * 1280x720 --projector a taller panel left adam_vs_sgd_network 1 no
     * room for its loss plot. */
    double extra = (double)lines * line;
    return (LayoutRequest){true, fmax(NET_DATA_SIDE * s, text_w),
                           NET_DATA_SIDE * s + 3 * line + extra,
                           fmax(NET_DATA_MIN_SIDE * s, text_w),
                           NET_DATA_MIN_SIDE * s + 2 * line, false};
}

/* The classes the panel's run gives the points of set (the caller frees
 * them; NULL where they could not be had). */
static int *set_classes(const Scene *scene, const NetData *set)
{
    int *classes = malloc(set->n * sizeof *classes);
    double *confidence = malloc(set->n * sizeof *confidence);
    if (classes && confidence && set->n > 0)
        net_stage_predict(scene->net, scene_shown_run(scene), set->x, set->n, classes,
                          confidence);
    if (!confidence) {
        free(classes);
        return NULL;
    }
    free(confidence);
    return classes;
}

/* How many points of set the run gets wrong, given the classes it gives
 * them (set_classes; NULL: none counted): the crosses draw_samples draws. */
static size_t count_misses(const NetData *set, const int *classes)
{
    size_t missed = 0;
    for (size_t k = 0; classes && k < set->n; k++)
        missed += classes[k] != (int)set->y[k];
    return missed;
}

/* The samples of one set: filled (train) or hollow (test) in their class's
 * colour (misses false), or the crosses on those the panel's run gets
 * wrong (misses true, place_miss), given the classes it gives them
 * (set_classes; NULL: nothing drawn).  The marks of misses go over every
 * point: drawn with each point, the points after covered them
 * (adam_vs_sgd_network 5, Adam's misses among the test points). */
static void draw_samples(Renderer *r, const NetData *set, const int *classes, bool train,
                         bool misses, double lo, double unit, double x0, double y0, double side)
{
    for (size_t k = 0; classes && k < set->n; k++) {
        double x = x0 + (set->x[2 * k] - lo) * unit, y = y0 - (set->x[2 * k + 1] - lo) * unit;
        if (!misses)
            render_sample(r, x, y, train ? NET_TRAIN_DOT : NET_TEST_DOT,
                          theme_class_color((int)set->y[k]), !train);
        else if (classes[k] != (int)set->y[k])
            place_miss(r, x, y, (LayoutRect){x0, y0 - side, side, side});
    }
}

static void draw_data(Renderer *r, const Scene *scene, LayoutRect rect)
{
    const NetDataSplit *d = net_stage_data(scene->net);
    double s = r->scale;
    int px = render_font_px(r, NET_SMALL_PX);
    double line = render_line_height(r, px);
    render_panel(r, rect);
    size_t lines = data_title_lines(scene) + 1;
    int k_classes = d->train.classes;
    /* The run's classes of the points, had once for the count and both
     * passes of the drawing; the misses are counted before anything is
     * drawn: the count's width decides the key's lines (NET_MISSES_KEY). */
    int *test_classes = set_classes(scene, &d->test),
        *train_classes = set_classes(scene, &d->train);
    size_t missed = count_misses(&d->test, test_classes) + count_misses(&d->train, train_classes);
    char wrong[64];
    snprintf(wrong, sizeof wrong, _(NET_MISSES_KEY), missed);
    KeyFit fit = KEY_LINE;
    while (fit < KEY_SPLIT && data_marks_key(r, 0, 0, wrong, fit, false) > rect.w - 16 * s)
        fit++;
    bool split = fit == KEY_SPLIT;
    /* The classes' key in a column right of the square where the panel
     * is that much wider than it; else a line of the key under it, taken
     * from the square (at 1280x720 --projector that line cost
     * adam_vs_sgd_network's square a fifth of its side).  A split key's
     * cross goes under the classes where the column holds it, else on a
     * line of its own under the square, taken from it; the column may
     * then reach beside that line (at 1920x1080 --projector the cross's
     * line and the classes' both taken from the square left it 66 px, two
     * of adam_vs_sgd_network 2's crosses 1 px apart). */
    double side = fmin(rect.w, rect.h - (double)(lines + 2) * line) - 12 * s;
    double column = data_class_key(r, k_classes, 0, 0, true, false) + 6 * s,
           cross = data_key_mark(r, 2, wrong, 0, 0, false) + 6 * s;
    bool beside = rect.w - side >= column + 16 * s && (double)(k_classes + 1) * line <= side;
    bool cross_beside = split && beside && rect.w - side >= cross + 16 * s &&
                        (double)(k_classes + 2) * line <= side;
    /* the key's lines under the square */
    double under = (beside ? 2 : 3) + (split && !cross_beside ? 1 : 0);
    side = fmin(rect.w, rect.h - (double)(lines + under) * line) - 12 * s;
    if (cross_beside)
        column = fmax(column, cross);
    /* The square and the column beside it centred together. */
    double x0 = rect.x + 0.5 * (rect.w - side - (beside ? column : 0));
    double top = rect.y + (double)lines * line + 6 * s;
    char title[96];
    data_heading(scene, title, sizeof title);
    render_text(r, title, rect.x + 8 * s, rect.y + 4 * s, px, ALIGN_LEFT, r->theme->text);
    /* The panel's run in the text's colour, the others in theirs. */
    for (size_t k = 0; k + 1 < lines; k++) {
        size_t run = data_title_run(scene, k);
        const NetMetrics *mt = head_metrics(net_stage_run(scene->net, run));
        accuracy_text(run, mt->train_acc, mt->test_acc, title, sizeof title);
        render_text(r, title, rect.x + 8 * s, rect.y + 4 * s + (double)(k + 1) * line, px,
                    ALIGN_LEFT, k == 0 ? r->theme->text : render_run_color(r, run, 1.0f));
    }
    double lo, hi;
    netdata_square(d, &lo, &hi);
    double unit = side / (hi - lo), cell = side / NETDATA_SQUARE_CELLS;
    double points[2 * NETDATA_SQUARE_CELLS * NETDATA_SQUARE_CELLS];
    int classes[NETDATA_SQUARE_CELLS * NETDATA_SQUARE_CELLS];
    double confidence[NETDATA_SQUARE_CELLS * NETDATA_SQUARE_CELLS];
    netdata_square_cells(d, NETDATA_SQUARE_CELLS, points);
    net_stage_predict(scene->net, scene_shown_run(scene), points,
                      NETDATA_SQUARE_CELLS * NETDATA_SQUARE_CELLS, classes, confidence);
    Rgba ground = r->theme->panel;
    ground.a = 1.0f;
    for (int j = 0; j < NETDATA_SQUARE_CELLS; j++)
        for (int i = 0; i < NETDATA_SQUARE_CELLS; i++) {
            size_t k = (size_t)j * NETDATA_SQUARE_CELLS + (size_t)i;
            /* Tinted by how sure it is, from chance (1/classes) to certain. */
            double sure = (confidence[k] - 1.0 / k_classes) / (1 - 1.0 / k_classes);
            float t = (float)(THEME_CLASS_REGION_LEAST +
                              (THEME_CLASS_REGION_MOST - THEME_CLASS_REGION_LEAST) *
                                  fmin(1, fmax(0, isfinite(sure) ? sure : 0)));
            shapes_rect(r->shapes, x0 + i * cell, top + j * cell, cell + 0.75, cell + 0.75,
                        mix(ground, theme_class_color(classes[k]), t));
        }
    double y0 = top + side;
    for (int misses = 0; misses < 2; misses++) {
        draw_samples(r, &d->test, test_classes, false, misses, lo, unit, x0, y0, side);
        draw_samples(r, &d->train, train_classes, true, misses, lo, unit, x0, y0, side);
    }
    free(test_classes);
    free(train_classes);
    /* The key, on the panel's last lines: the marks', the split cross's
     * unless beside the square, the classes' unless beside it, the
     * accuracy's. */
    double key_y = rect.y + rect.h - line - 2 * s;
    data_marks_key(r, rect.x + 8 * s, key_y - (under - 1.5) * line, wrong, fit, true);
    if (split)
        data_key_mark(r, 2, wrong, cross_beside ? x0 + side + 6 * s : rect.x + 8 * s,
                      cross_beside ? top + (k_classes + 1.5) * line
                                   : key_y - (beside ? 0.5 : 1.5) * line,
                      true);
    if (beside)
        data_class_key(r, k_classes, x0 + side + 6 * s, top + 0.5 * line, true, true);
    else
        data_class_key(r, k_classes, rect.x + 8 * s, key_y - 0.5 * line, false, true);
    render_text(r, _(NET_ACCURACY_KEY), rect.x + 8 * s, key_y, px, ALIGN_LEFT, r->theme->dim);
}

size_t render_miss_marks(const Renderer *r, double (*dest)[2], size_t max)
{
    size_t n = r->miss_count < max ? r->miss_count : max;
    memcpy(dest, r->misses, n * sizeof *dest);
    return n;
}

/* ------------------------------------------------------------------------ */
/* Entry points                                                              */

void render_net_needs(Renderer *r, const Scene *scene, LayoutInput *in)
{
    /* The picture's notes in the legend; in its compact form on the map,
     * where the layout places them. */
    NetNotes *notes = &r->net_notes;
    char fresh[RENDER_NET_NOTES][RENDER_NET_NOTE_MAX];
    memset(fresh, 0, sizeof fresh);
    int count = map_notes(r, scene, fresh);
    /* Their sizes measured stay while the notes and the scale do: a frame
     * measuring them afresh took 4 ms of layout (representation 2 at
     * 1920x1080 --projector), against 1.4 without notes. */
    if (notes->r != r || count != notes->count || notes->scale != r->scale ||
        memcmp(fresh, notes->notes, sizeof fresh) != 0) {
        notes->r = r;
        notes->count = count;
        notes->scale = r->scale;
        memcpy(notes->notes, fresh, sizeof fresh);
        memset(notes->known, 0, sizeof notes->known);
    }
    in->notes = (LayoutText){count > 0, notes_size, notes, notes_line(r)};
    in->panel[LAYOUT_LEGEND] = legend_need(r, scene, false);
    in->compact[LAYOUT_LEGEND] = legend_need(r, scene, true);
    in->panel[LAYOUT_LOSS] = render_net_training_need(r, false);
    in->compact[LAYOUT_LOSS] = render_net_training_need(r, true);
    /* The dynamics slot is hud.c's to ask for (render_net_dynamics_need):
     * it knows a group's steps' plots and starts. */
    in->panel[LAYOUT_INSET] = in->compact[LAYOUT_INSET] = data_need(r, scene);
}

/* Between a step's starts panel and the sharpness plot under it (pixels,
 * times scale). */
#define NET_STACK_GAP 8.0

LayoutRequest render_net_dynamics_need(Renderer *r, bool plot, const NetStartsPicture *shape,
                                       unsigned shown, bool compact)
{
    /* Under the starts the sharpness alone (its compact form, no ‖θ‖):
     * with ‖θ‖ the stack outgrew step 1's plot in adam_vs_sgd_network's
     * group, and every step's training panel lost its accuracy plot at
     * 960x540. */
    LayoutRequest curves = plot ? render_net_curvature_need(r, compact || shape)
                                : (LayoutRequest){.shown = false};
    LayoutRequest starts = shape ? render_starts_need(r, shape, shown, compact)
                                 : (LayoutRequest){.shown = false};
    /* In its compact form and at its least the starts alone, whose lines
     * the caption cites (render_net_panels leaves the plot out where it
     * has no room: then it takes the training panel's place): at 1920x1080
     * --projector the stack asked for more than step 1's plot, and the map
     * moved 682 px from step 2 to 3. */
    if (!curves.shown || !starts.shown || compact)
        return starts.shown ? starts : curves;
    double gap = NET_STACK_GAP * r->scale;
    return (LayoutRequest){true, fmax(curves.w, starts.w), starts.h + gap + curves.h,
                           fmax(curves.min_w, starts.min_w), starts.min_h,
                           curves.cut || starts.cut};
}

/* Where the sharpness plot a step asks for is drawn (false: nowhere):
 * under its starts (the dynamics panel's), or where it has no room there,
 * in the training panel's place, whose losses the step's caption does not
 * cite (*in_training).  adam_vs_sgd_network 2 at 1280x720, 1366x768 and
 * 1920x1080 --projector drew the starts and the losses and no sharpness
 * plot beside a caption about the edges "dashed in the sharpness plot"
 * (issue 12); held under the starts at its least, the plot cost the data
 * panel, the loss plot and the colour bar their room at 1280x720. */
static bool curvature_place(Renderer *r, const Scene *scene, const Layout *l, LayoutRect *rect,
                            bool *in_training)
{
    *in_training = false;
    if (!l->shown[LAYOUT_DYNAMICS] || scene->display.plot == SCENE_PLOT_NONE ||
        r->slot_empty[LAYOUT_DYNAMICS])
        return false;
    *rect = l->rect[LAYOUT_DYNAMICS];
    if (scene->starts) {
        double used = render_starts_height(r, net_starts_live_picture(scene->starts),
                                           scene->display.starts_tally, *rect) +
                      NET_STACK_GAP * r->scale;
        rect->y += used;
        rect->h -= used;
    }
    if (rect->h >= render_net_curvature_need(r, true).min_h)
        return true;
    *rect = l->rect[LAYOUT_LOSS];
    *in_training = true;
    return scene->starts && l->shown[LAYOUT_LOSS];
}

void render_net_panels(Renderer *r, const Scene *scene, const Layout *l)
{
    if (l->shown[LAYOUT_LEGEND])
        draw_legend(r, scene, l->rect[LAYOUT_LEGEND]);
    /* A step's starts take the place of the sharpness plot, at its top
     * over the plot where the step asks for that too (lesson.h):
     * adam_vs_sgd_network 2's caption about the edges had no sharpness
     * plot, and its slot stood 240 px empty under the starts at 960x540. */
    if (l->shown[LAYOUT_DYNAMICS] && scene->starts)
        render_starts_panel(r, net_starts_live_picture(scene->starts),
                            scene->display.starts_tally, l->rect[LAYOUT_DYNAMICS]);
    LayoutRect curvature;
    bool in_training, plot = curvature_place(r, scene, l, &curvature, &in_training);
    if (l->shown[LAYOUT_LOSS] && !(plot && in_training))
        render_net_training(r, scene, l->rect[LAYOUT_LOSS]);
    if (plot)
        render_net_curvature(r, scene, curvature,
                             l->compact[LAYOUT_DYNAMICS] || scene->starts != NULL);
    if (l->shown[LAYOUT_INSET])
        draw_data(r, scene, l->rect[LAYOUT_INSET]);
    if (l->notes.w > 0)
        draw_notes(r, l->notes);
}
