/*
 * net_ensemble_view.c — the ensemble (scene->ensemble, core/ensemble.h)
 * drawn over a network scene's map: one small picture per member, its
 * decision regions over the data's square (core/netdata.h's) with the
 * training points when there is room, its seed, training loss and test
 * accuracy under it; its notes (the seeds, the pairwise parameter distances, each
 * against its pair's mean ‖θ‖) go in the legend, or beside the thumbnails where the legend
 * takes its compact form (layout.h).  An ensemble of two has under them,
 * where the map has the height, the training loss on the straight line
 * between its members (core/ensemble.h's ensemble_line): a rise between two
 * ends that fit is a ridge between two separate minima.  A larger ensemble
 * has none: a line between two of its many would be a picture of a pair the
 * map does not single out (trained_not_derived 2 showed it beside a caption
 * about eight, before step 3 introduces it).  Shown in place of the slice
 * while display.ensemble is on (the 'M' key; --ensemble turns it on).  The
 * core computes every number; this file only draws them.
 */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>

#include "core/netdata.h"

#define ENSEMBLE_SMALL_PX 11.0
/* Decision-region cells per side of a thumbnail. */
#define THUMB_CELLS 24
/* Training points are drawn on thumbnails at least this wide (pixels at
 * scale 1): at 90 trained_not_derived 2's eight at 1280x720 --projector,
 * 62 pixels wide, had none, their regions following arms not drawn
 * (review, issue 12). */
#define THUMB_POINTS_SIDE 40.0
#define THUMB_GAP 6.0
/* The least side (pixels at scale 1) a thumbnail under a label naming all
 * three figures is drawn at: trained_not_derived 2's eight at 1280x720
 * --projector were 8-pixel squares under full labels, where the label
 * "test 97%" left them 40 (review, issue 12). */
#define THUMB_LABELLED_LEAST 32.0
/* Neighbouring thumbnails' labels stand at least this far apart (pixels at
 * scale 1), more than the thumbnails' gap: 6 pixels, less the glyphs'
 * bearings, left 4-5 between labels at 960x540 (trained_not_derived 2-3),
 * and "… test 97%seed 1" read as one string. */
#define LABEL_APART 12.0
/* The line between the first two members: the share of the map's height it takes (at least the least plot area, at most
 * LINE_MOST pixels at scale 1). */
#define LINE_SHARE 0.26
#define LINE_MOST 150.0

/* The side of K square thumbnails in `columns` columns, each with its
 * label (label pixels high) under it and gap pixels after it, in a w × h
 * area. */
static double thumb_side(size_t k, int columns, double w, double h, double gap, double label)
{
    double rows = ceil((double)k / columns);
    return fmin(w / columns - gap, h / rows - gap - label);
}

/* A thumbnail's label: its seed, training loss and test accuracy on one
 * line, two or three (form_lines), the narrowest of these saying "loss"
 * for "train loss" (the notes say which); one form for all members, the
 * same in every language: at 960x540 the English thumbnails of
 * trained_not_derived 2 and 3 said "test 97%" and "loss 0.015, test 97%"
 * where the Chinese ones, on a wider map, named seed, training loss and
 * test accuracy.  Where none of these fits (eight at 1280x720
 * --projector, 62 pixels wide), the seed over the test accuracy (the
 * notes give the losses' range): the test accuracy alone lost the
 * thumbnails their seeds there (review, issue 12); and where that does not
 * fit either, the last form, the test accuracy alone.  No bare number:
 * "89%" beside the caption's "all eight fit" read as a member that did not
 * fit. */
#define LABEL_FORMS 6
#define LABEL_LINE_MAX 96
static const int form_lines[LABEL_FORMS] = {1, 2, 3, 3, 2, 1};

/* Member k's label in form into lines; returns its lines. */
static int member_label(const Ensemble *e, size_t k, int form, char lines[][LABEL_LINE_MAX])
{
    const NetRun *run = ensemble_member(e, k);
    const NetMetrics *m = &run->metrics[run->count - 1];
    unsigned long long seed = (unsigned long long)(e->first_seed + k);
    double loss = m->train_loss, test = 100 * m->test_acc;
    if (form == 0) {
        snprintf(lines[0], LABEL_LINE_MAX, _("seed %llu: train loss %.3f, test %.0f%%"), seed,
                 loss, test);
        return form_lines[form];
    }
    if (form == 1) {
        snprintf(lines[0], LABEL_LINE_MAX, _("seed %llu: test %.0f%%"), seed, test);
        snprintf(lines[1], LABEL_LINE_MAX, _("train loss %.3f"), loss);
        return form_lines[form];
    }
    if (form == LABEL_FORMS - 1) {
        snprintf(lines[0], LABEL_LINE_MAX, _("test %.0f%%"), test);
        return form_lines[form];
    }
    snprintf(lines[0], LABEL_LINE_MAX, _("seed %llu"), seed);
    if (form == LABEL_FORMS - 2) {
        snprintf(lines[1], LABEL_LINE_MAX, _("test %.0f%%"), test);
        return form_lines[form];
    }
    snprintf(lines[1], LABEL_LINE_MAX, form == 2 ? _("train loss %.3f") : _("loss %.3f"), loss);
    snprintf(lines[2], LABEL_LINE_MAX, _("test %.0f%%"), test);
    return form_lines[form];
}

/* The widest line of any member's label in form. */
static double label_width(Renderer *r, const Ensemble *e, int form)
{
    int px = render_font_px(r, ENSEMBLE_SMALL_PX);
    char lines[3][LABEL_LINE_MAX];
    double widest = 0;
    for (size_t k = 0; k < e->count; k++) {
        int n = member_label(e, k, form, lines);
        for (int i = 0; i < n; i++)
            widest = fmax(widest, render_text_width(r, lines[i], px));
    }
    return widest;
}

/* Member k's thumbnail with its top-left corner at (x, y), side pixels,
 * its label in form under it. */
static void draw_thumbnail(Renderer *r, const Scene *scene, size_t k, double x, double y,
                           double side, int form)
{
    const Ensemble *e = scene->ensemble;
    const NetData *train = &net_stage_data(scene->net)->train;
    double lo, hi;
    netdata_square(net_stage_data(scene->net), &lo, &hi);
    double points[2 * THUMB_CELLS * THUMB_CELLS];
    int classes[THUMB_CELLS * THUMB_CELLS];
    netdata_square_cells(net_stage_data(scene->net), THUMB_CELLS, points);
    ensemble_predict(e, k, points, THUMB_CELLS * THUMB_CELLS, classes);
    Rgba ground = r->theme->panel;
    ground.a = 1.0f;
    double cell = side / THUMB_CELLS;
    for (int j = 0; j < THUMB_CELLS; j++)
        for (int i = 0; i < THUMB_CELLS; i++) {
            Rgba c = theme_class_color(classes[j * THUMB_CELLS + i]);
            Rgba tint = {ground.r + 0.45f * (c.r - ground.r), ground.g + 0.45f * (c.g - ground.g),
                         ground.b + 0.45f * (c.b - ground.b), 1.0f};
            shapes_rect(r->shapes, x + i * cell, y + j * cell, cell + 0.75, cell + 0.75, tint);
        }
    double s = r->scale;
    if (side >= THUMB_POINTS_SIDE * s) {
        double unit = side / (hi - lo);
        for (size_t p = 0; p < train->n; p++) {
            double px = x + (train->x[2 * p] - lo) * unit;
            double py = y + side - (train->x[2 * p + 1] - lo) * unit;
            render_sample(r, px, py, 1.6, theme_class_color((int)train->y[p]), false);
        }
    }
    char lines[3][LABEL_LINE_MAX];
    int n = member_label(e, k, form, lines), px = render_font_px(r, ENSEMBLE_SMALL_PX);
    Rgba color = ensemble_member(e, k)->status != NET_RUN_ACTIVE ? r->theme->warn
                                                                  : r->theme->text;
    for (int i = 0; i < n; i++)
        render_text(r, lines[i], x, y + side + 1 * s + i * render_line_height(r, px), px,
                    ALIGN_LEFT, color);
}

int render_net_ensemble_notes(const Scene *scene, char lines[][RENDER_NET_NOTE_MAX])
{
    const Ensemble *e = scene->ensemble;
    EnsembleDistances d = ensemble_distances(e);
    unsigned long long first = (unsigned long long)e->first_seed;
    /* Two members are one pair: its two seeds and losses in seed order,
     * and its distance, not a range over one ("seeds 0 to 1", "mean 35 (35
     * to 35)": trained_not_derived 3's notes read oddly). */
    if (e->count == 2) {
        const NetRun *a = ensemble_member(e, 0), *b = ensemble_member(e, 1);
        snprintf(lines[0], RENDER_NET_NOTE_MAX,
                 _("2 networks from init seeds %llu and %llu, trained to train losses of %.3f "
                   "and %.3f"),
                 first, first + 1, a->metrics[a->count - 1].train_loss,
                 b->metrics[b->count - 1].train_loss);
        snprintf(lines[1], RENDER_NET_NOTE_MAX,
                 _("distance between the two: %.3g; their mean |θ| %.3g"), d.mean,
                 d.mean_norm);
        return 2;
    }
    /* The range of the members' final training losses, which
     * trained_not_derived 2 cites ("below 0.05"), in one line beside the
     * thumbnails' eight.  Their optimizer is the legend's run line. */
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (size_t k = 0; k < e->count; k++) {
        const NetRun *run = ensemble_member(e, k);
        double loss = run->metrics[run->count - 1].train_loss;
        lo = fmin(lo, loss);
        hi = fmax(hi, loss);
    }
    snprintf(lines[0], RENDER_NET_NOTE_MAX,
             _("%zu networks from init seeds %llu to %llu, trained to train losses of %.3f to "
               "%.3f"),
             e->count, first, first + e->count - 1, lo, hi);
    /* Each pair's distance against its own mean |θ|, least to most, in
     * the caption's words ("any two lie about 1.3 to 1.5 times their mean
     * |θ| apart", these to one place): the notes gave the distances and the eight's mean |θ|, a
     * reader's 30.4 / 24.6 = 1.24 was no pair's ratio. */
    snprintf(lines[1], RENDER_NET_NOTE_MAX,
             _("any two lie %.2f to %.2f times their mean |θ| apart (distances %.3g to %.3g)"),
             d.least_ratio, d.most_ratio, d.min, d.max);
    return 2;
}

/* The training loss on the straight line from member 0 to member 1
 * (ensemble_line's) over the area (x, y, w, h): the plot, its ends
 * named by their seeds, and how far its top rises above both ends (the
 * higher end), in the caption's words: "top +4.47" beside the caption's
 * "at least 0.9" read as two claims of one thing (trained_not_derived 3).
 * The axis runs from the line's lowest loss, so both ends lie on it and
 * its two values differ by about the rise the title gives: from 0 it read
 * 4.48 at its top beside the title's "+4.47" (trained_not_derived 3), two
 * numbers for one height; from the higher end, 0.0153, seed 1's 0.012
 * lay under the axis. */
static void draw_line_between(Renderer *r, const Scene *scene, double x, double y, double w,
                              double h)
{
    const Ensemble *e = scene->ensemble;
    double losses[ENSEMBLE_LINE_POINTS];
    DescentError err = {""};
    if (!ensemble_line(e, losses, &err))
        return;
    double top = losses[0], foot = losses[0];
    for (int k = 1; k < ENSEMBLE_LINE_POINTS; k++) {
        top = fmax(top, losses[k]);
        foot = fmin(foot, losses[k]);
    }
    /* Where no point rises above the ends (members still training), the
     * line is drawn all the same, its rise 0. */
    double end = fmax(losses[0], losses[ENSEMBLE_LINE_POINTS - 1]);
    if (!(top > foot) || !isfinite(top))
        return;
    double s = r->scale;
    int px = render_font_px(r, ENSEMBLE_SMALL_PX);
    double line = render_line_height(r, px);
    PlotArea a = {.x = x + 8.0 * s, .y = y + line + 4.0 * s, .w = w - 16.0 * s,
                  .h = h - 2.0 * line - 8.0 * s, .left = x, .title_x = x + 8.0 * s,
                  .xlo = 0, .xhi = ENSEMBLE_LINE_POINTS - 1, .ylo = foot, .yhi = top};
    if (a.h < LAYOUT_PLOT_AREA_LEAST * s)
        return;
    unsigned long long first = (unsigned long long)e->first_seed;
    char title[RENDER_NET_NOTE_MAX], end_a[48], end_b[48];
    double rise = top - end;
    snprintf(title, sizeof title,
             _("training loss on the straight line from seed %llu to seed %llu: it rises "
               "%.2f above both ends"),
             first, first + 1, rise);
    /* A shorter form where the long one does not fit at plot_frame's size,
     * the shortest naming no seeds (the line's ends do): at 1366x768
     * --projector the short one ran off the map in Chinese.  The room is
     * from where the title starts once the area has made room for its
     * value labels (plot_fit_labels moves it). */
    plot_fit_labels(r, &a);
    double room = x + w - 8.0 * s - a.title_x;
    int title_px = render_font_px(r, PLOT_TEXT_PX);
    if (render_text_width(r, title, title_px) > room)
        snprintf(title, sizeof title, _("loss on the line from seed %llu to %llu: rises %.2f above both ends"),
                 first, first + 1, rise);
    if (render_text_width(r, title, title_px) > room)
        snprintf(title, sizeof title, _("loss on the line: rises %.2f above both ends"), rise);
    if (render_text_width(r, title, title_px) > room)
        snprintf(title, sizeof title, _("the line: rises %.2f"), rise);
    plot_frame(r, &a, title, NULL);
    Rgba color = render_run_color(r, 0, 1.0f);
    for (int k = 1; k < ENSEMBLE_LINE_POINTS; k++)
        shapes_segment(r->shapes, plot_to_x(&a, k - 1), plot_to_y(&a, losses[k - 1]),
                       plot_to_x(&a, k), plot_to_y(&a, losses[k]), 1.4 * s, color);
    snprintf(end_a, sizeof end_a, _("seed %llu"), first);
    snprintf(end_b, sizeof end_b, _("seed %llu"), first + 1);
    render_text(r, end_a, a.x, a.y + a.h + 2.0 * s, px, ALIGN_LEFT, r->theme->dim);
    render_text(r, end_b, a.x + a.w, a.y + a.h + 2.0 * s, px, ALIGN_RIGHT, r->theme->dim);
}

void render_net_ensemble(Renderer *r, const Scene *scene)
{
    Viewport vp = render_viewport(r, scene);
    Rgba ground = r->theme->panel;
    ground.a = 1.0f;
    shapes_rect(r->shapes, vp.x, vp.y, vp.width, vp.height, ground);
    double s = r->scale;
    double gap = THUMB_GAP * s, top = vp.y + gap;
    double w = vp.width - 2 * gap, h = vp.y + vp.height - top - gap;
    size_t count = scene->ensemble->count;
    double line = render_line_height(r, render_font_px(r, ENSEMBLE_SMALL_PX));
    /* No lower than draw_line_between draws a curve in: trained_not_derived
     * 3, whose caption is about the line, showed none at 1366x768
     * --projector. */
    double least = LAYOUT_PLOT_AREA_LEAST * s + 2 * line + 8 * s;
    double strip = count == 2 ? fmax(fmin(LINE_SHARE * h, LINE_MOST * s), least) : 0.0;
    /* The largest thumbnails whose labels fit in their columns, over the
     * forms naming all three figures and the columns, none under
     * THUMB_LABELLED_LEAST; where none fit, the largest with the last
     * form.  A label may be wider than its
     * thumbnail, the column then as wide as the label: trained_not_derived
     * 3's two thumbnails, 90 pixels high between the legend and the
     * caption at 1280x720 --projector, said only "test 97%" in English
     * beside 500 pixels of panel, where the three-line label needed 97. */
    int columns = 1, form = 0;
    double side = -1, pitch = 0; /* none fitted yet */
    /* The last two forms only where none before them fitted: the seed over
     * the test accuracy, two lines, gave larger thumbnails than three and
     * took their training losses at 960x540. */
    for (int f = 0; f < LABEL_FORMS && (f < LABEL_FORMS - 2 || side < 0); f++) {
        /* The last form goes under any side: none of the others fitted. */
        double widest = f < LABEL_FORMS - 1
                            ? label_width(r, scene->ensemble, f) + (LABEL_APART - THUMB_GAP) * s
                            : 0.0;
        double high = form_lines[f] * line + 2 * s;
        for (int c = 1; c <= (int)count; c++) {
            double sd = thumb_side(count, c, w, h - strip, gap, high);
            bool readable = f == LABEL_FORMS - 1 ? sd >= 0 : sd >= THUMB_LABELLED_LEAST * s;
            if (readable && widest <= (w + gap) / c - gap && sd > side)
                form = f, columns = c, side = sd, pitch = fmax(sd, widest);
        }
    }
    double label = form_lines[form] * line + 2 * s;
    int rows = (int)((count + (size_t)columns - 1) / (size_t)columns);
    if (side < 4)
        return;
    double x0 = vp.x + 0.5 * (vp.width - columns * (pitch + gap) + gap);
    for (size_t k = 0; k < count; k++)
        draw_thumbnail(r, scene, k, x0 + (double)(k % (size_t)columns) * (pitch + gap),
                       top + (double)(k / (size_t)columns) * (side + gap + label), side, form);
    /* The strip takes what the thumbnails leave, down to the map's foot. */
    double below = top + rows * (side + gap + label);
    if (strip > 0)
        draw_line_between(r, scene, vp.x + gap, below, w, vp.y + vp.height - gap - below);
}
