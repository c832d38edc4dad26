/*
 * experiment_plot.c — an experiment's picture (scene/experiment_live.h):
 * each measured point with its interval (the 95 % interval of a mean over
 * walkers, or what the experiment's table calls its interval) over the
 * law's curve, one colour per kind of row (the table's label column:
 * isotropic and Hessian-shaped noise, the two edges of the catapult; the
 * palette's colour at the kind's place, which a run on the stage showing
 * that kind of walker takes too: core's experiment_walker_kind), the
 * second theory dashed (sde_variance's SDE, noise_scale's discrete
 * chain), and the verdict as the title once every point is in.  A lesson
 * step that leaves the law to a later one (law false: escape 2) shows the
 * points alone, filled, the title counting them; one that leaves kinds of
 * point to a later one (kinds: escape 5 the isotropic points and their
 * law, step 6 the Hessian-shaped) shows its first kinds alone, on the
 * axes of every point (steps 5 and 6 compare), the title counting them.
 *
 * The law's curve joins its figures at the swept values, straight in the
 * plot's axes: exact where the law is a straight line there (kramers'
 * log E[tau] against dV/eps, sharp_escape's, catapult's 2/lambda0 on log
 * axes, the constant laws), a chord elsewhere (sde_variance's exact
 * variance bends between its points towards eta*a = 2).
 *
 * An axis is logarithmic when every value on it is positive and they span
 * at least a decade (LOG_SPAN): kramers' times, sde_variance's eta*a.
 *
 * The window draws it in the dynamics plot's place beside the map
 * (hud.c); `descent experiment --plot` draws it alone over a whole frame
 * (render_experiment_frame).
 */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "text_wrap.h"

#define EXP_WIDTH 470.0
#define EXP_HEIGHT 330.0
#define EXP_MIN_WIDTH 300.0
#define EXP_MIN_HEIGHT 230.0
/* The compact form's size: beside the loss plot and a narrow legend at
 * 1280x720 --projector (the scale 1.75 makes it 437 x 341). */
#define EXP_COMPACT_WIDTH 250.0
#define EXP_COMPACT_HEIGHT 195.0
/* The plotting area's height asked for, as a share of the frame's: a
 * step that shows an experiment is about it, and its points are read
 * against the theory's line (escape 3 at 1280x720 --projector drew them
 * in 60 pixels under a header of 190).  The panel asks for its header
 * and axes' rows at its width on top of it, in its compact form too; its
 * least stays the fixed size (a least holding even 0.12 of the frame left
 * escape's Chinese captions no room across: six lines beside the plot,
 * 0.34 of the frame), and the layout grows it back towards what it asks
 * as far as the map keeps its score (layout.h). */
#define EXP_AREA_SHARE 0.25
/* The legend's and the axes' text size. */
#define EXP_TEXT_PX 12.5
/* Values spanning this factor get a log axis. */
#define LOG_SPAN 10.0
/* The most lines one line of the title wraps to. */
#define TITLE_ROWS 3
/* Pixels (times scale) a tick label needs beside the next one. */
#define TICK_SPACING 100.0
/* Pixels (times scale) between a legend entry and the next on its line. */
#define ENTRY_GAP 16.0
/* Lines a log y axis's labels need between them on average: its 1, 2, 5
 * lie at least 0.9 of that apart.  A linear axis's are three apart. */
#define LOG_TICK_LINES 1.3
/* Pixels (times scale) between the closest minor ticks (9 and 10) of a
 * log axis, below which they are left out. */
#define MINOR_TICK_GAP 2.0
#define POINT_RADIUS 4.0
/* A hollow point's ring: half its line's width (pixels, times scale); its
 * line lies outside the filled points' radius, so its hole is seen. */
#define HOLLOW_HALF_WIDTH 0.8

/* "; " splits it in two lines (title_lines), as a compact plot needs. */
#define MEASURING N_("%s: measuring; %zu points so far (%.0f %% of the work)")
#define MEASURED N_("measured (%s)")
/* The title once every point is in, where the step leaves the law or
 * kinds of point to a later one (law false, kinds): how many, no verdict. */
#define MEASURED_COUNT N_("%s: %zu points measured")
#define MEASURED_COUNT_TERSE N_("%zu points measured")
#define THEORY N_("theory")
#define FAILED_TO_MEASURE N_("%s: not measured: %s")
#define NOT_COUNTED N_("not counted")
#define LOG_AXIS N_("%s, log scale")
/* xgettext:no-c-format */
#define INTERVAL_95 N_("95 % interval")

/* Each experiment's title and axes, with what their numbers are in
 * (msgids): the plot's headline names the experiment by its title, not by
 * the name the command line takes ("kramers").  An experiment missing here
 * is drawn with its name and its table's column names. */
typedef struct ExperimentAxes {
    const char *name, *title, *x, *y;
    const char *interval;   /* what a point's bar is */
} ExperimentAxes;

static const ExperimentAxes axes_table[] = {
    {"sde_variance", N_("SGD's stationary variance"), N_("ηa: step × curvature"),
     N_("stationary variance of x (θ units²)"), INTERVAL_95},
    {"kramers", N_("Escape time (Eyring–Kramers law)"),
     N_("ΔV/ε: barrier over noise temperature ε = ησ²/2"),
     N_("mean escape time E[τ] (t = η × steps)"), INTERVAL_95},
    /* ∝ 1/B, not σ²/B: the plot holds both kinds of walker, and the
     * Hessian-shaped ones' covariance is σ²H/B (escape 4's caption).  A
     * no-break space holds "∝ 1/B" together: escape 5's axis broke after
     * the ∝ at 1280x720 --projector. */
    {"sharp_escape", N_("Escape from the sharp and the flat well"),
     N_("batch size B (noise covariance ∝\u00a01/B)"),
     N_("τ(flat) / τ(sharp): escape time from the flat well over the sharp one"),
     INTERVAL_95},
    {"label_noise", N_("Label noise"), N_("learning rate η"), N_("fall of u² − v² per step"),
     INTERVAL_95},
    {"noise_scale", N_("SGD's noise scale"), N_("batch size B, at equal η(N/B − 1)"),
     N_("stationary spread |θ − w*|² (θ units²)"), INTERVAL_95},
    {"catapult", N_("The catapult"), N_("initial sharpness λ₀ = u₀² + v₀²"),
     N_("learning rate η at the edge of each regime"), N_("bisection bracket")},
    {"edge_of_stability", N_("The edge of stability"), N_("learning rate η"),
     N_("η·λmax / 2 once sharpened (1: the edge)"), N_("range over the last updates")},
    {"max_margin_rate", N_("Towards the max-margin direction"), N_("learning rate η"),
     N_("fitted rate: ‖θ‖ per ln t; the angle's exponent"), N_("fits over each half")},
};

static const ExperimentAxes *axes_of(const ExperimentInfo *info)
{
    for (size_t k = 0; k < sizeof axes_table / sizeof axes_table[0]; k++)
        if (strcmp(axes_table[k].name, info->name) == 0)
            return &axes_table[k];
    return NULL;
}

/* The length of text before its first sep (or its full-width form wide:
 * Chinese "（" for " ("), or -1 where it has neither. */
static int part_before(const char *text, const char *sep, const char *wide)
{
    const char *at = strstr(text, sep);
    if (!at)
        at = strstr(text, wide);
    return at ? (int)(at - text) : -1;
}

static const char *translate(const char *msgid)
{
    return _(msgid);
}

static bool same_label(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* The kind of row i: its label's place among the labels in the order they
 * first appear; every row is of kind 0 when none is.  Its colour is the
 * palette's at that place, which a run showing that kind of walker takes
 * on the stage (experiment_walker_kind). */
static size_t group_of(const ExperimentPicture *p, size_t i)
{
    const ExperimentRow *rows = p->result.rows;
    size_t group = 0;
    for (size_t k = 0; k < i; k++) {
        bool first = true;
        for (size_t j = 0; j < k && first; j++)
            first = !same_label(rows[j].label, rows[k].label);
        if (!first)
            continue;
        if (same_label(rows[k].label, rows[i].label))
            return group;
        group++;
    }
    return group;
}

/* How many kinds of row the picture holds. */
static size_t group_count(const ExperimentPicture *p)
{
    size_t groups = 0;
    for (size_t i = 0; i < p->result.count; i++)
        groups = group_of(p, i) + 1 > groups ? group_of(p, i) + 1 : groups;
    return groups;
}

/* Whether the step shows row i's kind of point. */
static bool row_shown(const ExperimentPicture *p, ExperimentShown shown, size_t i)
{
    return shown.kinds == 0 || group_of(p, i) < shown.kinds;
}

/* Whether the step shows the whole picture, which the verdict judges: the
 * law and every kind. */
static bool whole_shown(const ExperimentPicture *p, ExperimentShown shown)
{
    return shown.law && (shown.kinds == 0 || shown.kinds >= group_count(p));
}

/* Widens [lo, hi] to v when it can be drawn (positive_only: log axes). */
static void widen(double v, bool positive_only, double *lo, double *hi)
{
    if (isfinite(v) && (!positive_only || v > 0))
        *lo = fmin(*lo, v), *hi = fmax(*hi, v);
}

/* Widens [lo, hi] by share of its span each side, in the axis's own
 * measure (on a log axis at least the factor least); a single value gets
 * room about it. */
static void pad_range(bool log_scale, double share, double least, double *lo, double *hi)
{
    if (log_scale) {
        double m = fmax(pow(*hi / *lo, share), least);
        *lo /= m, *hi *= m;
        return;
    }
    double m = *hi > *lo ? share * (*hi - *lo) : fmax(0.5, 0.1 * fabs(*hi));
    *lo -= m, *hi += m;
}

/* The ranges and scales of both axes over the measured rows. */
static bool plot_ranges(const ExperimentPicture *p, PlotArea *a)
{
    double xlo = HUGE_VAL, xhi = -HUGE_VAL, ylo = HUGE_VAL, yhi = -HUGE_VAL;
    bool xpos = true, ypos = true;
    for (size_t i = 0; i < p->result.count; i++) {
        const ExperimentRow *row = &p->result.rows[i];
        if (!p->measured[i])
            continue;
        widen(row->swept, false, &xlo, &xhi);
        xpos = xpos && row->swept > 0;
        const double ys[] = {row->measured, row->theory, row->second};
        for (size_t k = 0; k < 3; k++) {
            widen(ys[k], false, &ylo, &yhi);
            ypos = ypos && (!isfinite(ys[k]) || ys[k] > 0);
        }
    }
    if (!(xlo <= xhi && ylo <= yhi))
        return false;
    a->xlog = xpos && xhi >= LOG_SPAN * xlo;
    a->ylog = ypos && yhi >= LOG_SPAN * ylo;
    /* The intervals widen the range, but a log axis only to positive values. */
    for (size_t i = 0; i < p->result.count; i++)
        if (p->measured[i]) {
            widen(p->result.rows[i].low, a->ylog, &ylo, &yhi);
            widen(p->result.rows[i].high, a->ylog, &ylo, &yhi);
        }
    pad_range(a->xlog, 0.06, 1.2, &xlo, &xhi);
    pad_range(a->ylog, 0.08, 1.1, &ylo, &yhi);
    a->xlo = xlo, a->xhi = xhi, a->ylo = ylo, a->yhi = yhi;
    return true;
}

/* The ticks of a log axis from lo to hi: the first `fine` of 1, 2, 5
 * times every `every`-th power of ten from the one below lo. */
static size_t log_ticks(double lo, double hi, size_t fine, int every, double *dest)
{
    static const double steps[] = {1, 2, 5};
    int d0 = (int)floor(log10(lo)), d1 = (int)ceil(log10(hi));
    size_t n = 0;
    for (int d = d0; d <= d1; d += every)
        for (size_t k = 0; k < fine && n < 64; k++) {
            double v = steps[k] * pow(10.0, d);
            if (v >= lo && v <= hi)
                dest[n++] = v;
        }
    return n;
}

/* The ticks of an axis from lo to hi, at most max of them (two at
 * least): round steps on a linear axis; on a log axis 1, 2 and 5 times
 * the powers of ten, or fewer of them.  Returns how many went to dest. */
static size_t axis_ticks(double lo, double hi, bool log_scale, int max, double *dest)
{
    size_t n = 0;
    if (!log_scale) {
        double step = axis_tick_step(lo, hi, max);
        if (!(step > 0))
            return 0;
        for (double v = axis_first_tick(lo, step); v <= hi && n < 64; v += step)
            dest[n++] = fabs(v) < 1e-9 * step ? 0.0 : v;
        return n;
    }
    /* 1, 2 and 5 times each power of ten while they are few enough, else
     * every decade, else every second, third ... decade. */
    size_t limit = max > 2 ? (size_t)max : 2;
    n = log_ticks(lo, hi, 3, 1, dest);
    for (int every = 1; n > limit; every++)
        n = log_ticks(lo, hi, 1, every, dest);
    return n;
}

static void tick_label(double v, char *dest, size_t size)
{
    snprintf(dest, size, "%g", v);
}

/* The title's lines: the verdict split at its "; " parts, or the progress
 * so far; returns how many.  Terse (the compact form), the verdict says
 * without the experiment's title how its points agree with the law: the
 * step's caption names it, and its two lines left escape 4's points 88
 * pixels at 1280x720 --projector. */
static size_t title_lines(const ExperimentPicture *p, ExperimentShown shown, bool terse,
                          char lines[4][512])
{
    char text[512], bare[512];
    bool law = whole_shown(p, shown);
    size_t counted = 0;
    for (size_t i = 0; i < p->result.count; i++)
        counted += p->measured[i] && row_shown(p, shown, i);
    const ExperimentAxes *names = axes_of(p->result.info);
    const char *title = names ? _(names->title) : p->result.info->name;
    /* Without the law, a title naming it in its parenthesis says it
     * without: escape 2's "Escape time (Eyring–Kramers law)" named the law
     * step 3 brings in. */
    int cut = part_before(title, " (", "（");
    if (!shown.law && cut > 0) {
        snprintf(bare, sizeof bare, "%.*s", cut, title);
        title = bare;
    }
    if (p->error[0])
        snprintf(text, sizeof text, _(FAILED_TO_MEASURE), title, p->error);
    else if (p->finished && !law && terse)
        snprintf(text, sizeof text, _(MEASURED_COUNT_TERSE), counted);
    else if (p->finished && !law)
        snprintf(text, sizeof text, _(MEASURED_COUNT), title, counted);
    else if (p->finished && terse) {
        char full[512];
        experiment_verdict(&p->result, translate, title, full, sizeof full);
        const char *rest = strncmp(full, title, strlen(title)) == 0 ? full + strlen(title) : full;
        rest += strncmp(rest, "：", strlen("：")) == 0 ? strlen("：") : strspn(rest, ": ");
        snprintf(text, sizeof text, "%s", rest);
    } else if (p->finished)
        experiment_verdict(&p->result, translate, title, text, sizeof text);
    else
        snprintf(text, sizeof text, _(MEASURING), title, counted, 100.0 * p->done);
    size_t n = 0;
    for (char *part = text; part && n < 4;) {
        char *next = strstr(part, "; ");
        if (next)
            *next = '\0';
        memcpy(lines[n++], part, strlen(part) + 1);
        part = next ? next + 2 : NULL;
    }
    return n;
}

/* The largest text size from base down to the least (render.h) at which
 * each of the n lines fits in width. */
static int fitting_px(Renderer *r, double base, char lines[][512], size_t n, double width)
{
    int px = render_font_px(r, base), least = render_least_font_px(r->scale);
    for (; px > least; px--) {
        bool fits = true;
        for (size_t i = 0; i < n && fits; i++)
            fits = render_text_width(r, lines[i], px) <= width;
        if (fits)
            break;
    }
    return px;
}

/* The laws' colour, in the picture and its legend: the text's, apart from
 * the points' kind colours (a law in its kind's colour read as a line
 * joining the measured points, and the legend's white "theory" named no
 * line drawn: escape 2-6). */
static Rgba law_color(const Renderer *r)
{
    Rgba c = r->theme->text;
    c.a *= 0.85f;
    return c;
}

/* A point's mark: a disc, or hollow (not counted) a ring round the
 * panel's colour, which hides the interval's bar inside it: a thin ring
 * with its bar through it read as a disc at 960x540 (escape 3, issue 12).
 * The points and the legend's keys draw it alike. */
static void draw_mark(Renderer *r, double x, double y, bool hollow, Rgba color)
{
    double s = r->scale;
    if (!hollow) {
        shapes_disc(r->shapes, x, y, POINT_RADIUS * s, color);
        return;
    }
    Rgba inside = r->theme->panel;
    inside.a = 1.0f;
    double radius = POINT_RADIUS + HOLLOW_HALF_WIDTH;
    shapes_disc(r->shapes, x, y, radius * s, inside);
    shapes_ring(r->shapes, x, y, (radius - HOLLOW_HALF_WIDTH) * s, HOLLOW_HALF_WIDTH * s, color);
}

/* One legend entry: a mark (a disc, a ring, a line, a dashed line) and its
 * text; returns its width. */
typedef enum LegendMark { MARK_POINT, MARK_HOLLOW, MARK_LINE, MARK_DASHED } LegendMark;

static double legend_entry(Renderer *r, double x, double y, int px, LegendMark mark, Rgba color,
                           const char *text, bool draw)
{
    double s = r->scale, line = render_line_height(r, px), cy = y + 0.5 * line;
    /* A line's sample two characters long: at 18 px beside "理论" it read
     * as the character 一, "一理论" (escape 3, 5, 6 zh: review, issue 12). */
    bool drawn_line = mark == MARK_LINE || mark == MARK_DASHED;
    double mark_w = (drawn_line ? 28.0 : 18.0) * s;
    if (draw) {
        if (mark == MARK_POINT || mark == MARK_HOLLOW)
            draw_mark(r, x + 0.5 * mark_w, cy, mark == MARK_HOLLOW, color);
        else
            for (double t = 0; t < mark_w; t += mark == MARK_DASHED ? 7.0 * s : mark_w)
                shapes_segment(r->shapes, x + t, cy,
                               x + fmin(mark_w, t + (mark == MARK_DASHED ? 4.0 * s : mark_w)),
                               cy, 1.0 * s, color);
        render_text(r, text, x + mark_w + 5.0 * s, y, px, ALIGN_LEFT, r->theme->text);
    }
    return mark_w + 5.0 * s + render_text_width(r, text, px) + ENTRY_GAP * s;
}

/* Whether an entry w wide (its gap after it included) starting at cx goes
 * to the next line of a legend from x to right: only its text need fit
 * before right, not the gap after it that no entry follows (escape 6 at 1280x720 --projector: "theory" went to a line of its own,
 * 20 pixels short, and the points had 100 pixels). */
static bool wraps(const Renderer *r, double x, double cx, double w, double right)
{
    return cx > x && cx + w - ENTRY_GAP * r->scale > right;
}

/* The legend's entries from (x, y), wrapping at right, for what the step
 * shows (law false: the points' alone); draw false only measures.
 * Returns the height it takes. */
static double draw_legend(Renderer *r, const ExperimentPicture *p, ExperimentShown shown, double x,
                          double y, double right, int px, bool draw)
{
    bool law = shown.law;
    const ExperimentInfo *info = p->result.info;
    const ExperimentAxes *names = axes_of(info);
    const char *interval = names ? _(names->interval) : info->interval;
    double line = render_line_height(r, px), cx = x, cy = y;
    char text[160];
    /* The measured points of each kind, then the laws. */
    size_t groups = 0;
    for (size_t i = 0; i < p->result.count; i++) {
        if (group_of(p, i) != groups)
            continue;
        if (!row_shown(p, shown, i))
            break;
        const char *label = p->result.rows[i].label;
        if (label)
            snprintf(text, sizeof text, "%s", _(label));
        else
            snprintf(text, sizeof text, _(MEASURED), interval);
        double w = legend_entry(r, cx, cy, px, MARK_POINT, render_place_color(r, groups, 1.0f),
                                text, false);
        if (wraps(r, x, cx, w, right))
            cx = x, cy += line;
        legend_entry(r, cx, cy, px, MARK_POINT, render_place_color(r, groups, 1.0f), text, draw);
        cx += w;
        groups++;
    }
    /* The points not counted, keyed by the mark they are drawn with, in
     * the first one's kind colour. */
    size_t uncounted = p->result.count;
    for (size_t i = 0; i < p->result.count && law && uncounted == p->result.count; i++)
        if (p->measured[i] && row_shown(p, shown, i) && !p->result.rows[i].checked)
            uncounted = i;
    if (uncounted < p->result.count) {
        Rgba hollow = render_place_color(r, group_of(p, uncounted), 1.0f);
        double w = legend_entry(r, cx, cy, px, MARK_HOLLOW, hollow, _(NOT_COUNTED), false);
        if (wraps(r, x, cx, w, right))
            cx = x, cy += line;
        legend_entry(r, cx, cy, px, MARK_HOLLOW, hollow, _(NOT_COUNTED), draw);
        cx += w;
    }
    Rgba color = law_color(r);
    const LegendMark marks[] = {MARK_LINE, MARK_DASHED};
    const char *laws[] = {_(THEORY), info->second ? _(info->second) : NULL};
    for (size_t k = 0; k < 2 && laws[k] && law; k++) {
        double w = legend_entry(r, cx, cy, px, marks[k], color, laws[k], false);
        if (wraps(r, x, cx, w, right))
            cx = x, cy += line;
        legend_entry(r, cx, cy, px, marks[k], color, laws[k], draw);
        cx += w;
    }
    /* What the kinds' points measure, last: the widest entry, before the
     * laws it took a line of its own and pushed "theory" to a third
     * (escape 6 at 1280x720 --projector: its points in 100 pixels). */
    if (info->label) {
        snprintf(text, sizeof text, _(MEASURED), interval);
        double w = render_text_width(r, text, px) + ENTRY_GAP * r->scale;
        if (wraps(r, x, cx, w, right))
            cx = x, cy += line;
        if (draw)
            render_text(r, text, cx, cy, px, ALIGN_LEFT, r->theme->dim);
        cx += w;
    }
    return cy + line - y;
}

/* Each kind's law through its rows, in the order of the swept value
 * (second: the second theory, dashed). */
static void draw_law(Renderer *r, const ExperimentPicture *p, const PlotArea *a, size_t group,
                     bool second, Rgba color)
{
    double s = r->scale;
    size_t order[EXPERIMENT_MAX_POINTS], n = 0;
    for (size_t i = 0; i < p->result.count; i++) {
        const ExperimentRow *row = &p->result.rows[i];
        double v = second ? row->second : row->theory;
        if (!p->measured[i] || group_of(p, i) != group || !isfinite(v) || (a->ylog && v <= 0))
            continue;
        size_t k = n++;
        for (; k > 0 && p->result.rows[order[k - 1]].swept > row->swept; k--)
            order[k] = order[k - 1];
        order[k] = i;
    }
    for (size_t k = 0; k + 1 < n; k++) {
        const ExperimentRow *u = &p->result.rows[order[k]], *v = &p->result.rows[order[k + 1]];
        double x0 = plot_to_x(a, u->swept), x1 = plot_to_x(a, v->swept);
        double y0 = plot_to_y(a, second ? u->second : u->theory),
               y1 = plot_to_y(a, second ? v->second : v->theory);
        if (!second) {
            shapes_segment(r->shapes, x0, y0, x1, y1, 1.1 * s, color);
            continue;
        }
        double len = hypot(x1 - x0, y1 - y0), dash = 5.0 * s, gap = 4.0 * s;
        for (double t = 0; t < len; t += dash + gap) {
            double e = fmin(len, t + dash);
            shapes_segment(r->shapes, x0 + (x1 - x0) * t / len, y0 + (y1 - y0) * t / len,
                           x0 + (x1 - x0) * e / len, y0 + (y1 - y0) * e / len, 0.9 * s, color);
        }
    }
    /* A law known at one point alone is a short level there. */
    if (n == 1) {
        const ExperimentRow *u = &p->result.rows[order[0]];
        double x = plot_to_x(a, u->swept), y = plot_to_y(a, second ? u->second : u->theory);
        shapes_segment(r->shapes, x - 12.0 * s, y, x + 12.0 * s, y, 1.1 * s, color);
    }
}

/* A point's interval at x from pixel row ylo up to yhi: the bar and its
 * two caps, their lines half as wide as half_width (times scale). */
static void draw_interval(Renderer *r, double x, double ylo, double yhi, double half_width,
                          Rgba color)
{
    double s = r->scale, cap = 3.5 * s;
    shapes_segment(r->shapes, x, ylo, x, yhi, half_width * s, color);
    shapes_segment(r->shapes, x - cap, ylo, x + cap, ylo, half_width * s, color);
    shapes_segment(r->shapes, x - cap, yhi, x + cap, yhi, half_width * s, color);
}

/* The points with their intervals: filled when within the tolerance,
 * ringed in the warning colour when not, hollow when not counted; all
 * filled where the law is not shown (law false). */
static void draw_points(Renderer *r, const ExperimentPicture *p, ExperimentShown shown,
                        const PlotArea *a)
{
    double s = r->scale;
    bool law = shown.law;
    for (size_t i = 0; i < p->result.count; i++) {
        const ExperimentRow *row = &p->result.rows[i];
        if (!p->measured[i] || !isfinite(row->measured) || !row_shown(p, shown, i))
            continue;
        Rgba color = render_place_color(r, group_of(p, i), 1.0f);
        double x = plot_to_x(a, row->swept), y = plot_to_y(a, row->measured);
        double ylo = plot_to_y(a, row->low), yhi = plot_to_y(a, row->high);
        bool bar = isfinite(row->low) && isfinite(row->high) && ylo - yhi > 1.0;
        if (bar)
            draw_interval(r, x, ylo, yhi, 0.8, color);
        draw_mark(r, x, y, !row->checked && law, color);
        /* A bar shorter than the point is drawn again over it, in the
         * panel's colour: escape 2-3's intervals, a few pixels on three
         * decades, lay hidden under their points where the legend said
         * "95 % interval" (review, issue 12).  Thinly: drawn as wide as
         * the bar, it darkened half of the point, which read as hollow. */
        if (bar && ylo - yhi < 2.0 * POINT_RADIUS * s && (row->checked || !law)) {
            Rgba over = r->theme->panel;
            over.a = 1.0f;
            draw_interval(r, x, ylo, yhi, 0.4, over);
        }
        if (row->checked && !row->within && law)
            shapes_ring(r->shapes, x, y, (POINT_RADIUS + 2.5) * s, 0.8 * s, r->theme->warn);
    }
}

/* The most lines an axis's name takes, and the least share of the
 * frame's height the plotting area keeps for a name to take a second:
 * escape 4's compact plot at 1280x720 --projector, its y name on two
 * lines, kept 48 pixels. */
#define NAME_ROWS 2
#define NAME_ROWS_AREA_SHARE 0.15

/* An axis's name (", log scale" added on a log axis) in lines[] (at most
 * most, up to NAME_ROWS), the size it fits width at into *px; returns how many lines.
 * A name too long for one line even at the least size takes two (escape
 * 2-3 at 960x540: the English names lost their parentheses and said
 * "ΔV/ε" and "mean escape time E[τ], log scale" where the Chinese, as
 * wide, said what ΔV/ε is and what the time is in); longer still, it says
 * less: first without its parenthesis, then only its symbol, the part
 * before its colon ("τ(flat) / τ(sharp): escape time ..." in a compact
 * plot). */
static int axis_name(Renderer *r, const char *name, bool log_scale, double width, int most,
                     char lines[NAME_ROWS][512], int *px)
{
    char forms[3][512];
    size_t count = 0;
    snprintf(forms[count++], sizeof forms[0], "%s", name);
    int open = part_before(name, " (", "（"), colon = part_before(name, ": ", "：");
    if (open >= 0)
        snprintf(forms[count++], sizeof forms[0], "%.*s", open, name);
    if (colon >= 0)
        snprintf(forms[count++], sizeof forms[0], "%.*s", colon, name);
    char text[1][512];
    for (size_t k = 0; k < count; k++) {
        snprintf(text[0], sizeof text[0], log_scale ? _(LOG_AXIS) : "%s", forms[k]);
        *px = fitting_px(r, 12.5, text, 1, width);
        if (render_text_width(r, text[0], *px) <= width) {
            snprintf(lines[0], sizeof lines[0], "%s", text[0]);
            return 1;
        }
        char rows[NAME_ROWS + 1][512];
        int n = render_wrap(r, *px, text[0], width, rows[0], sizeof rows[0], NAME_ROWS + 1);
        bool fits = n <= most;
        for (int i = 0; i < n && fits; i++)
            fits = render_text_width(r, rows[i], *px) <= width;
        if (fits) {
            memcpy(lines, rows, (size_t)n * sizeof rows[0]);
            return n;
        }
    }
    snprintf(lines[0], sizeof lines[0], "%s", text[0]);
    return 1;
}

/* The x axis's ticks whose values are labelled, into dest (64 at most):
 * where every swept value is a whole number (a batch size B), so are the
 * labels (escape 5 and 6 labelled a B of "2.5"). */
static size_t x_ticks(Renderer *r, const ExperimentPicture *p, const PlotArea *a, double *dest)
{
    bool whole = p->result.count > 0;
    for (size_t i = 0; i < p->result.count; i++)
        whole &= p->result.rows[i].swept == round(p->result.rows[i].swept);
    double ticks[64];
    size_t n = axis_ticks(a->xlo, a->xhi, a->xlog, (int)(a->w / (TICK_SPACING * r->scale)), ticks),
           kept = 0;
    for (size_t k = 0; k < n; k++)
        if (!whole || ticks[k] == round(ticks[k]))
            dest[kept++] = ticks[k];
    return kept;
}

/* Whether the x axis's name, on one line at the labels' size px, stands
 * in the tick labels' row centred under a, a line's height clear of
 * each label: escape 6 at 1280x720 --projector read its points in 100
 * pixels, "batch size B" on a line of its own under "2" and "3". */
static bool x_name_in_tick_row(Renderer *r, const ExperimentPicture *p, const PlotArea *a, int px,
                               const char *text)
{
    double ticks[64], w = render_text_width(r, text, px), gap = render_line_height(r, px);
    double left = a->x + 0.5 * (a->w - w), right = left + w;
    size_t n = x_ticks(r, p, a, ticks);
    for (size_t k = 0; k < n; k++) {
        char label[32];
        tick_label(ticks[k], label, sizeof label);
        double x = plot_to_x(a, ticks[k]), half = 0.5 * render_text_width(r, label, px);
        if (x + half + gap > left && x - half - gap < right)
            return false;
    }
    return true;
}

/* The lines the axes' names take under (x) and over (y) the area a,
 * each at most rows: none under it for an x name in the tick labels'
 * row (x_name_in_tick_row). */
static void name_rows(Renderer *r, const ExperimentPicture *p, const PlotArea *a, int rows,
                      int *x_rows, int *y_rows)
{
    const ExperimentAxes *names = axes_of(p->result.info);
    char lines[NAME_ROWS][512];
    int px;
    *x_rows = axis_name(r, names ? _(names->x) : p->result.info->swept, a->xlog, a->w, rows,
                        lines, &px);
    if (*x_rows == 1 && x_name_in_tick_row(r, p, a, px, lines[0]))
        *x_rows = 0;
    *y_rows = axis_name(r, names ? _(names->y) : p->result.info->measured, a->ylog,
                        a->x + a->w - a->left, rows, lines, &px);
}

/* A log y axis's unlabelled ticks at 2 to 9 times each power of ten,
 * where they lie apart, so a value between two labels can be read: escape
 * 5's points at 1.4 and 1.5 sat between "1" and "10" alone (issue 12). */
static void draw_minor_ticks(Renderer *r, const PlotArea *a)
{
    double s = r->scale;
    if (!a->ylog || plot_to_y(a, 9.0) - plot_to_y(a, 10.0) < MINOR_TICK_GAP * s)
        return;
    for (int d = (int)floor(log10(a->ylo)); d <= (int)ceil(log10(a->yhi)); d++)
        for (int k = 2; k <= 9; k++) {
            double v = k * pow(10.0, d);
            if (v < a->ylo || v > a->yhi)
                continue;
            double y = plot_to_y(a, v);
            shapes_segment(r->shapes, a->x - 3.0 * s, y, a->x, y, 0.5 * s, r->theme->axis);
        }
}

/* The grid, the ticks' labels and both axes' names around a. */
static void draw_axes(Renderer *r, const ExperimentPicture *p, const PlotArea *a, int px,
                      int most)
{
    double s = r->scale, line = render_line_height(r, px);
    const ExperimentAxes *names = axes_of(p->result.info);
    Rgba grid = r->theme->axis;
    grid.a *= 0.3f;
    double ticks[64];
    char label[32];
    /* The values' labels never overprint: an x label that would meet a y
     * label (in the corner, where the ranges' ends can both hold a tick as
     * the measurement goes on) or the x label before it is left out. */
    LayoutRect taken[64];
    size_t placed = 0;
    draw_minor_ticks(r, a);
    int most_y = (int)(a->h / ((a->ylog ? LOG_TICK_LINES : 3.0) * line));
    size_t n = axis_ticks(a->ylo, a->yhi, a->ylog, most_y, ticks);
    for (size_t k = 0; k < n; k++) {
        double y = plot_to_y(a, ticks[k]);
        shapes_segment(r->shapes, a->x, y, a->x + a->w, y, 0.5 * s, grid);
        tick_label(ticks[k], label, sizeof label);
        double w = render_text_width(r, label, px);
        render_text(r, label, a->x - 5.0 * s, y - 0.5 * line, px, ALIGN_RIGHT, r->theme->dim);
        taken[placed++] = (LayoutRect){a->x - 5.0 * s - w, y - 0.5 * line, w, line};
    }
    n = x_ticks(r, p, a, ticks);
    for (size_t k = 0; k < n; k++) {
        double x = plot_to_x(a, ticks[k]);
        shapes_segment(r->shapes, x, a->y, x, a->y + a->h, 0.5 * s, grid);
        tick_label(ticks[k], label, sizeof label);
        double w = render_text_width(r, label, px);
        LayoutRect box = {x - 0.5 * w - 2.0 * s, a->y + a->h + 3.0 * s, w + 4.0 * s, line};
        bool clear = true;
        for (size_t q = 0; q < placed && clear; q++)
            clear = !layout_overlap(box, taken[q]);
        if (!clear || placed == 64)
            continue;
        render_text(r, label, x, a->y + a->h + 3.0 * s, px, ALIGN_CENTER, r->theme->dim);
        taken[placed++] = box;
    }
    shapes_segment(r->shapes, a->x, a->y + a->h, a->x + a->w, a->y + a->h, 0.7 * s,
                   r->theme->axis);
    shapes_segment(r->shapes, a->x, a->y, a->x, a->y + a->h, 0.7 * s, r->theme->axis);
    const char *xname = names ? _(names->x) : p->result.info->swept;
    const char *yname = names ? _(names->y) : p->result.info->measured;
    /* Each name on a line, or two, smaller where the panel is narrow. */
    char text[NAME_ROWS][512];
    int x_px, y_px;
    int rows = axis_name(r, xname, a->xlog, a->w, most, text, &x_px);
    int under = rows == 1 && x_name_in_tick_row(r, p, a, x_px, text[0]) ? 0 : 1;
    for (int k = 0; k < rows; k++)
        render_text(r, text[k], a->x + 0.5 * a->w, a->y + a->h + 3.0 * s + (under + k) * line,
                    x_px, ALIGN_CENTER, r->theme->text);
    rows = axis_name(r, yname, a->ylog, a->x + a->w - a->left, most, text, &y_px);
    for (int k = 0; k < rows; k++)
        render_text(r, text[k], a->left, a->y - (rows - k) * line - 4.0 * s, y_px, ALIGN_LEFT,
                    r->theme->text);
}

/* The widest tick label of the y axis, for the room left of the area. */
static double y_labels_width(Renderer *r, const PlotArea *a, int px)
{
    double ticks[64], widest = 0;
    char label[32];
    size_t n = axis_ticks(a->ylo, a->yhi, a->ylog, 12, ticks);
    for (size_t k = 0; k < n; k++) {
        tick_label(ticks[k], label, sizeof label);
        widest = fmax(widest, render_text_width(r, label, px));
    }
    return widest;
}

/* The panel's title and legend at rect's top, drawn when draw; returns
 * the y under them. */
static double draw_header(Renderer *r, const ExperimentPicture *p, ExperimentShown shown,
                          LayoutRect rect, bool compact, bool draw)
{
    double s = r->scale, pad = 10.0 * s;
    char lines[4][512], rows[TITLE_ROWS][512];
    size_t n = title_lines(p, shown, compact, lines);
    bool judged = p->finished && whole_shown(p, shown);
    int title_px = fitting_px(r, 15.0, lines, n, rect.w - 2 * pad);
    /* A line still too wide at the least size is wrapped, not cut by the
     * panel's edge (the Kramers verdict in Chinese at 1280x720
     * --projector). */
    double title_line = render_line_height(r, title_px), y = rect.y + pad;
    for (size_t i = 0; i < n; i++) {
        int wrapped = render_wrap(r, title_px, lines[i], rect.w - 2 * pad, rows[0], sizeof rows[0],
                                  TITLE_ROWS);
        for (int k = 0; k < wrapped && draw; k++)
            render_text(r, rows[k], rect.x + pad, y + k * title_line, title_px, ALIGN_LEFT,
                        i == 0 && judged && !p->result.passed ? r->theme->warn
                                                                   : r->theme->text);
        y += wrapped * title_line;
    }
    y += 4.0 * s;
    int px = render_font_px(r, EXP_TEXT_PX);
    return y + draw_legend(r, p, shown, rect.x + pad, y, rect.x + rect.w - pad, px, draw) +
           4.0 * s;
}

/* The plotting area's left and width in a panel from x, this wide
 * (a's ranges set). */
static void area_across(Renderer *r, PlotArea *a, double x, double width, int px)
{
    double s = r->scale, pad = 10.0 * s;
    a->left = x + pad;
    a->x = a->left + y_labels_width(r, a, px) + 9.0 * s;
    a->w = x + width - pad - 0.5 * render_text_width(r, "00000", px) - a->x;
}

/* The panel's height outside its plotting area at a width: the header,
 * the y axis's name above the area, the x axis's labels and name under it
 * and the padding. */
static double around_area(Renderer *r, const ExperimentPicture *p, ExperimentShown shown,
                          double width, bool compact)
{
    int px = render_font_px(r, EXP_TEXT_PX);
    double s = r->scale, line = render_line_height(r, px);
    int x_rows = 1, y_rows = 1;
    PlotArea a = {0};
    if (plot_ranges(p, &a)) {
        area_across(r, &a, 0, width, px);
        name_rows(r, p, &a, NAME_ROWS, &x_rows, &y_rows);
    }
    return draw_header(r, p, shown, (LayoutRect){0, 0, width, 0}, compact, false) +
           (1 + x_rows + y_rows) * line + 20.0 * s;
}

ExperimentShown render_experiment_shown(const Scene *scene)
{
    return (ExperimentShown){!scene->display.law_hidden, scene->display.experiment_kinds};
}

LayoutRequest render_experiment_need(Renderer *r, const Scene *scene, bool compact)
{
    if (!scene->experiment)
        return (LayoutRequest){.shown = false};
    const ExperimentPicture *p = experiment_live_picture(scene->experiment);
    double s = r->scale, area = EXP_AREA_SHARE * r->height;
    double w = (compact ? EXP_COMPACT_WIDTH : EXP_WIDTH) * s;
    double min_w = compact ? w : EXP_MIN_WIDTH * s;
    double min_h = (compact ? EXP_COMPACT_HEIGHT : EXP_MIN_HEIGHT) * s;
    double h = fmax((compact ? EXP_COMPACT_HEIGHT : EXP_HEIGHT) * s, around_area(r, p, render_experiment_shown(scene), w, compact) + area);
    return (LayoutRequest){true, w, fmax(h, min_h), min_w, min_h, false};
}

void render_experiment_plot(Renderer *r, const ExperimentPicture *p, ExperimentShown shown,
                            LayoutRect rect)
{
    double s = r->scale, pad = 10.0 * s;
    render_panel(r, rect);
    double y = draw_header(r, p, shown, rect, r->layout.compact[LAYOUT_DYNAMICS], true);
    int px = render_font_px(r, EXP_TEXT_PX);
    double line = render_line_height(r, px);
    PlotArea a = {0};
    r->experiment_drawn = false;
    if (!plot_ranges(p, &a))
        return;
    area_across(r, &a, rect.x, rect.w, px);
    int x_rows, y_rows, most = NAME_ROWS;
    for (;; most--) {
        name_rows(r, p, &a, most, &x_rows, &y_rows);
        a.y = y + y_rows * line + 6.0 * s;
        a.h = rect.y + rect.h - pad - (1 + x_rows) * line - 4.0 * s - a.y;
        if (most == 1 || a.h >= NAME_ROWS_AREA_SHARE * r->height)
            break;
    }
    if (a.w < 10.0 * s || a.h < 10.0 * s)
        return;
    render_note_plot_area(r, (LayoutRect){a.x, a.y, a.w, a.h});
    draw_axes(r, p, &a, px, most);
    size_t groups = group_count(p);
    if (shown.kinds > 0 && shown.kinds < groups)
        groups = shown.kinds;
    for (size_t g = 0; g < groups && shown.law; g++) {
        draw_law(r, p, &a, g, false, law_color(r));
        if (p->result.info->second)
            draw_law(r, p, &a, g, true, law_color(r));
    }
    draw_points(r, p, shown, &a);
    r->experiment_area = a;
    r->experiment_drawn = true;
}

bool render_experiment_to_pixel(const Renderer *r, double swept, double value, double *px,
                                double *py)
{
    if (!r->experiment_drawn)
        return false;
    *px = plot_to_x(&r->experiment_area, swept);
    *py = plot_to_y(&r->experiment_area, value);
    return true;
}
