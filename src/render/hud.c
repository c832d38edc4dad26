/* hud.c — panels and text over the landscape: legend, status, hover
 * readout, loss-versus-step plot, colour bar, caption, the presenter's
 * hint (window only), notice, error and help overlay; and the frame's layout (layout.h): every panel's part
 * says what it needs, and each is drawn where the layout put it. */
#include "render_internal.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/curvature.h"
#include "core/number_text.h"
#include "scene/lesson_player.h"
#include "scene/loss_scale.h"
#include "scene/spec_notation.h"
#include "text_wrap.h"


#define BODY_PX 15.0
#define SMALL_PX 13.0
#define TITLE_PX 20.0

/* ------------------------------------------------------------------------ */
/* Legend                                                                    */

/* The landscape's kind in the table of kinds (its title, formula), or NULL. */
static const LandscapeInfo *kind_of(const Landscape *landscape)
{
    size_t count;
    const LandscapeInfo *kinds = landscape_kinds(&count);
    for (size_t i = 0; i < count; i++)
        if (strcmp(kinds[i].name, landscape_name(landscape)) == 0)
            return &kinds[i];
    return NULL;
}

/* The landscape's formula: for expr, the user's own expression rather than
 * the kind's description of what an expression is. */
static const char *formula_of(const Landscape *landscape)
{
    const char *expression = landscape_expression(landscape);
    if (expression)
        return expression;
    const LandscapeInfo *kind = kind_of(landscape);
    return kind ? _(kind->formula) : "";
}

/* "cosine", "warm-up" while a constant lr's warm-up lasts (the η shown is
 * update `step`'s), or "" for a constant lr: schedules 3 read "η 0.5
 * (warm-up)" at step 100, 80 steps after the warm-up had ended. */
static const char *schedule_label(const ScheduleDesc *schedule, size_t step)
{
    if (schedule->kind != SCHEDULE_CONSTANT)
        return _(schedule_title(schedule->kind));
    return (long)step < schedule->warmup ? _("warm-up") : "";
}

/* A sweep's run goes by its value of the swept parameter ("η = 0.000356"
 * for lr, by its symbol as the captions name it; read from its spec: a changed
 * run shows its new value); others by their optimizer and settings in the
 * viewer's language ("SGD  σ=2": spec_notation.h), η left to the readings
 * while they show it (a run of status RUN_DIVERGED or RUN_STALLED shows
 * where it ended instead). */
static void run_name(const Scene *scene, size_t i, RunStatus status, char *dest, size_t size)
{
    const Run *run = &scene->runs[i].run;
    const char *spec = run->desc.spec;
    Spec parsed;
    if (i < scene->sweep.count && spec_parse(spec, true, &parsed, NULL))
        for (int k = 0; k < parsed.count; k++)
            if (strcmp(parsed.items[k].key, scene->sweep.param) == 0) {
                snprintf(dest, size, "%s = %.3g", spec_notation_key(scene->sweep.param),
                         strtod(parsed.items[k].value, NULL));
                return;
            }
    spec_notation_run(spec, status == RUN_ACTIVE ? "lr" : NULL, dest, size);
}

/* A loss whose text is as wide as the legend's rule writes one (4 digits,
 * a sign and a two-digit exponent): the legend is laid out for it, so the
 * panel, and the map beside it, keep their size while the losses play
 * (a race at 1080p moved the map by 33 px every few frames and repainted
 * the landscape each time). */
#define WIDEST_LOSS (-8.888e-88)

/* The step count the legend is laid out for, four digits, for the same
 * reason: laid out for the count itself, the panel widened when a run
 * reached step 10, 100 and 1000, and the map beside it moved and its
 * landscape was painted again (every lesson step starts from step 0). */
#define WIDEST_STEPS ((size_t)8888)

/* The time the legend is laid out for on a time axis, for the same
 * reason: "0.888" is as wide as any time a lesson's runs pass through
 * ("0.07", "2.99", "60"). */
#define WIDEST_TIME 0.888

/* A time as the loss plot's x axis and the legend write it: "t = 3". */
static void time_text(double t, char *dest, size_t size)
{
    char value[32];
    snprintf(dest, size, "t = %s", number_text(t, 3, value, sizeof value));
}

/* A run's legend item: head, its number and name ("2  Adam"), and its
 * readings as a run of that status shows them (loss, step, η; or how it
 * ended), or "(hidden)" in their place while the run is hidden: the panel
 * is laid out for every run shown (landscape_needs), and for its widest
 * readings; widest: with WIDEST_LOSS for the loss and at least
 * WIDEST_STEPS for the step, or WIDEST_TIME for the time (the panel's
 * width, never drawn).  While the loss plot's x axis is time, a running
 * run's clock is its time t = Σ η, as the plot's is, not its step
 * (gradient_flow 3: the plot ended at "t = 3", the legend said "step 300"
 * for the flow and for GD, whose step 300 is t = 60). */
static void run_line(const Scene *scene, size_t i, RunStatus status, bool widest, char *head,
                     size_t head_size, char *dest, size_t size)
{
    const SceneRun *sr = &scene->runs[i];
    const Run *run = &sr->run;
    char name[SWEEP_SPEC_MAX];
    run_name(scene, i, status, name, sizeof name);
    /* The widest keeps a lone run's number, never drawn: the legend's
     * width, and the layout, stay as for runs told apart (without it,
     * learning_rate 7's formula wrapped a line more at 1280x720
     * --projector and its map fell from 362 px high to 212). */
    if (widest || scene_runs_told_apart(scene))
        snprintf(head, head_size, "%zu  %s", scene_run_number(scene, i), name);
    else
        snprintf(head, head_size, "%s", name);
    size_t steps = widest && run_steps(run) < WIDEST_STEPS ? WIDEST_STEPS : run_steps(run);
    if (sr->hidden && !widest)
        snprintf(dest, size, "%s", _("(hidden)"));
    else if (status == RUN_DIVERGED)
        snprintf(dest, size, _("diverged at step %zu"), steps);
    else if (status == RUN_STALLED)
        snprintf(dest, size, _("stalled at step %zu"), steps);
    else {
        char loss[32], lr[32], clock[48];
        /* The widest item keeps "(warm-up)" after the warm-up: the panel
         * keeps its width when the bracket goes. */
        size_t phase_step = widest ? 0 : run_steps(run);
        number_text(widest ? WIDEST_LOSS : run_head(run).loss, 4, loss, sizeof loss);
        number_text(scene_run_lr(scene, i), 3, lr, sizeof lr);
        if (!scene_on_time(scene))
            snprintf(clock, sizeof clock, _("step %zu"), steps);
        else
            time_text(widest ? WIDEST_TIME : run_time_at(run, run_steps(run)), clock,
                      sizeof clock);
        if (optimizer_info(run->desc.kind)->traits.continuous)
            /* The flow has no learning rate: its lr is the time each update spans. */
            snprintf(dest, size, _("L %s   %s   Δt %s"), loss, clock, lr);
        else if (schedule_label(&run->desc.schedule, phase_step)[0])
            /* The schedule in brackets, apart from η's number: "η 0 (cosine)". */
            snprintf(dest, size, _("L %s   %s   η %s (%s)"), loss, clock, lr,
                     schedule_label(&run->desc.schedule, phase_step));
        else
            snprintf(dest, size, _("L %s   %s   η %s"), loss, clock, lr);
    }
}

/* The widths at px of run i's legend item (run_line) at the widest of
 * the forms it can take, running, diverged or stalled: the whole line
 * ("head   readings") and, for a line split in two, its head's and its
 * readings' alone.  Laid out for the running form alone, the legend
 * narrowed as a run diverged and the map beside it moved (the rosenbrock
 * race at 1280x720: 43 pixels, two frames into a recording); laid out for
 * the readings' forms alone, it widened, as a diverged run's head names
 * its η. */
typedef struct RunLineWidths {
    double line, head, readings;
} RunLineWidths;

static RunLineWidths run_line_widest(Renderer *r, const Scene *scene, size_t i, int px)
{
    static const RunStatus forms[] = {RUN_ACTIVE, RUN_DIVERGED, RUN_STALLED};
    RunLineWidths widest = {0, 0, 0};
    for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++) {
        char head[SWEEP_SPEC_MAX + 24], readings[200], line[sizeof head + 3 + sizeof readings];
        run_line(scene, i, forms[k], true, head, sizeof head, readings, sizeof readings);
        snprintf(line, sizeof line, "%s   %s", head, readings);
        widest.line = fmax(widest.line, render_text_width(r, line, px));
        widest.head = fmax(widest.head, render_text_width(r, head, px));
        widest.readings = fmax(widest.readings, render_text_width(r, readings, px));
    }
    return widest;
}

/* What the legend says of each run this frame, made once for every form
 * the frame lays the legend out in (landscape_needs's four, and
 * render_key_plan's where a run is hidden): each run's widest widths
 * (run_line_widest) and its head and readings as run_line writes them.
 * Made for each form, they were a recording's most repeated work: 28
 * run_line_widest a frame of the race, 1.1 M instructions (issue 18). */
typedef struct LegendRuns {
    RunLineWidths widest[SCENE_MAX_RUNS];
    char head[SCENE_MAX_RUNS][SWEEP_SPEC_MAX + 24];
    char readings[SCENE_MAX_RUNS][200];
} LegendRuns;

static void legend_runs(Renderer *r, const Scene *scene, LegendRuns *runs)
{
    int px = render_font_px(r, BODY_PX);
    for (size_t i = 0; i < scene->run_count; i++) {
        runs->widest[i] = run_line_widest(r, scene, i, px);
        run_line(scene, i, scene->runs[i].run.status, false, runs->head[i],
                 sizeof runs->head[i], runs->readings[i], sizeof runs->readings[i]);
    }
    r->work.legend_runs++;
}

/* The playback state, the colour scale and where help is; a recording
 * gets none of it: its keys do nothing in a video, and the colour bar says
 * what the colours are (a colormap's name, "viridis", says nothing to a
 * class: REVIEW_FRAMES). */
static void status_line(const Renderer *r, const Scene *scene, char *dest, size_t size)
{
    if (r->audience == RENDER_FOR_RECORDING) {
        dest[0] = '\0';
        return;
    }
    char playing[96];
    if (scene->playing)
        snprintf(playing, sizeof playing, _("playing %.4g steps/s (speed ×%.4g)"),
                 SCENE_STEPS_PER_SECOND * scene->speed, scene->speed);
    else
        snprintf(playing, sizeof playing, "%s", _("paused (Space plays, . steps)"));
    snprintf(dest, size, _("%s   ·   %s%s   ·   h: help"), playing,
             colormap_name(scene->display.colormap),
             scene->display.log_scale ? _(", log scale") : "");
}

/* The legend's landscape line: the kind's title and the spec's settings
 * in the viewer's language ("Quadratic bowl  ·  λ₁=1, λ₂=8"), not the
 * spec, whose name and keys say little to a class (REVIEW_FRAMES:
 * "double_well"; zh frames: "sharp_width", "data=one_example.csv"); the
 * command line keeps the names. */
static void landscape_line(const Landscape *landscape, char *dest, size_t size)
{
    const LandscapeInfo *kind = kind_of(landscape);
    char settings[400];
    spec_notation_landscape(landscape_spec(landscape), settings, sizeof settings);
    if (landscape_expression(landscape) != NULL)
        snprintf(dest, size, "L = %s", formula_of(landscape));
    else if (!kind)
        snprintf(dest, size, "%s", landscape_spec(landscape));
    else if (settings[0])
        snprintf(dest, size, "%s  ·  %s", _(kind->title), settings);
    else
        snprintf(dest, size, "%s", _(kind->title));
}

/* What text_wrap measures with: the font at a size. */
typedef struct WrapMeasure {
    Renderer *r;
    int px;
} WrapMeasure;

static double wrap_measure(void *context, const char *utf8)
{
    const WrapMeasure *m = context;
    return render_text_width(m->r, utf8, m->px);
}

int render_wrap_noting_cuts(Renderer *r, int px, const char *text, double max_width, char *lines,
                            size_t line_size, int max_lines, bool *cut_word)
{
    WrapMeasure m = {r, px};
    return text_wrap_noting_cuts(r->wrap_memory, text, max_width, wrap_measure, &m, lines,
                                 line_size, max_lines, cut_word);
}

int render_wrap(Renderer *r, int px, const char *text, double max_width, char *lines,
                size_t line_size, int max_lines)
{
    WrapMeasure m = {r, px};
    return text_wrap(r->wrap_memory, text, max_width, wrap_measure, &m, lines, line_size,
                     max_lines);
}

/* render_wrap, telling what its line ends cost (text_wrap_costing). */
static int wrap_costing(Renderer *r, int px, const char *text, double max_width, char *lines,
                        size_t line_size, int max_lines, int *cost)
{
    WrapMeasure m = {r, px};
    return text_wrap_costing(r->wrap_memory, text, max_width, wrap_measure, &m, lines,
                             line_size, max_lines, cost);
}

/* The legend as lines at their places in its panel: each item (title,
 * landscape, formula, sweep, run, status) broken into lines where it is
 * wider than the frame allows, never cut. */
#define LEGEND_MAX_LINES 48
#define LEGEND_LINE_MAX 400

typedef enum LegendKind {
    LEGEND_TITLE, LEGEND_SPEC, LEGEND_FORMULA, LEGEND_SWEEP, LEGEND_RUN, LEGEND_KEY,
    LEGEND_STATUS
} LegendKind;

typedef struct LegendLine {
    LegendKind kind;
    size_t run;             /* LEGEND_RUN: whose */
    bool first;             /* the item's first line (a run's swatch) */
    RenderMark mark;        /* LEGEND_KEY: the mark it names */
    double icon;            /* LEGEND_KEY: room for the mark before the text */
    int px;
    double x, y, w, h;      /* in the panel */
    char text[LEGEND_LINE_MAX];
} LegendLine;

typedef struct Legend {
    LegendLine line[LEGEND_MAX_LINES];
    int count;
    double w, h;            /* the panel */
    bool cut;               /* more lines than it holds */
} Legend;

/* What landscape_needs works out for the frame's own scene, on its copy
 * with every run shown, which the frame draws from where no run is
 * hidden (the copy then reads as the scene does): the legend in its four
 * forms, one of which render_key_plan takes, and the loss plot's scale
 * (issue 18: the frame laid the legend out a fifth time for its key, and
 * walked the losses again for the plot). */
struct FrameNeeds {
    Legend legend[2][2]; /* [compact][narrow] */
    LossScale loss;
    bool made;           /* for the frame being drawn (render_plan) */
};

static bool every_run_shown(const Scene *scene)
{
    for (size_t i = 0; i < scene->run_count; i++)
        if (scene->runs[i].hidden)
            return false;
    return true;
}

/* Whether the frame draws scene's legend and loss plot from r->needs. */
static bool frame_needs_hold(const Renderer *r, const Scene *scene)
{
    return r->needs && r->needs->made && every_run_shown(scene);
}

static size_t visible_bytes(const char *text)
{
    size_t n = 0;
    for (; *text; text++)
        n += *text != ' ';
    return n;
}

/* Adds item text as lines of at most max_width at x (in the panel) from
 * *y on; *y moves below them. */
static void legend_item(Renderer *r, Legend *l, LegendKind kind, size_t run, const char *text,
                        int px, double x, double max_width, double *y)
{
    enum { ROWS = 8 };
    char rows[ROWS][LEGEND_LINE_MAX];
    int n = text[0] ? render_wrap(r, px, text, max_width, &rows[0][0], LEGEND_LINE_MAX, ROWS) : 0;
    /* What text_wrap left out beyond ROWS lines would be cut (it drops
     * nothing else but spaces at its breaks). */
    size_t kept = 0;
    for (int k = 0; k < n; k++)
        kept += visible_bytes(rows[k]);
    l->cut |= kept < visible_bytes(text);
    double h = render_line_height(r, px);
    for (int k = 0; k < n; k++, *y += h) {
        if (l->count == LEGEND_MAX_LINES) {
            l->cut = true;
            return;
        }
        LegendLine *line = &l->line[l->count++];
        *line = (LegendLine){kind, run, k == 0, 0, 0.0, px, x, *y,
                             render_text_width(r, rows[k], px), h, ""};
        memcpy(line->text, rows[k], sizeof line->text);
        l->w = fmax(l->w, x + line->w);
    }
}

/* The narrow legend is as wide as its landscape and runs' lines need, at
 * most this share of the frame's width: its title and secondary lines
 * (formula, sweep, status) wrap to that width, and past the share a run's
 * readings go under its name.  A legend across the whole top (long run
 * specs at projector scale), or widened by a long formula in small print,
 * can leave the landscape a small square beside or below it; a narrow,
 * taller one gives it room.  render_plan takes the narrow form where it
 * keeps more panels, the caption within its share or the step's subject
 * plot at its asked height, else where the layout's map then scores
 * higher, as layout.h weighs compact forms (choose_legend). */
#define LEGEND_WIDTH_SHARE 0.45
/* A title wider than this share of the frame wraps in the narrow legend
 * (legend_build). */
#define LEGEND_TITLE_SHARE 0.5

/* The plots' width (at scale 1), the column under the legend. */
#define PLOT_WIDTH 360.0

/* The widest of formula's equations that hold no Chinese (its parts
 * between the commas and semicolons outside brackets, each with its
 * comma), as drawn at px: a width at which none of them is broken. */
static double widest_equation(Renderer *r, const char *formula, int px)
{
    double widest = 0;
    const char *start = formula;
    int depth = 0;
    bool chinese = false;
    for (const char *p = formula;;) {
        int len = 1;
        uint32_t cp = *p ? utf8_next((const unsigned char *)p, &len) : 0;
        depth += (cp == '(' || cp == 0xFF08) - (cp == ')' || cp == 0xFF09);
        bool ends = cp == 0 || (depth == 0 && (cp == ',' || cp == ';' || cp == 0xFF0C ||
                                              cp == 0xFF1B));
        if (ends) {
            char part[LEGEND_LINE_MAX];
            size_t n = (size_t)(p - start) + (size_t)(cp ? len : 0);
            snprintf(part, sizeof part, "%.*s", (int)n, start);
            if (!chinese)
                widest = fmax(widest, render_text_width(r, part, px));
            if (cp == 0)
                return widest;
            start = p + len;
            while (*start == ' ')
                start++;
            chinese = false;
        }
        chinese |= cp >= 0x2E80 && !ends;
        p += len;
    }
}

/* The width of formula's lines where, at narrow, they break it inside its
 * brackets (text_wrap tells this as a cut) and at most they do not: the
 * narrowest width (to a pixel or so) at which they break it only at its
 * outermost operators (implicit_regularization 4's legend broke "exp(-t_i
 * / (x x1_i", in English, not in Chinese, whose wider form it took); else
 * narrow. */
static double formula_lines_width(Renderer *r, const char *formula, int px, double narrow,
                                  double most)
{
    enum { ROWS = 8 };
    char rows[ROWS][LEGEND_LINE_MAX];
    bool cut = false, cut_wide = false;
    render_wrap_noting_cuts(r, px, formula, narrow, &rows[0][0], LEGEND_LINE_MAX, ROWS, &cut);
    render_wrap_noting_cuts(r, px, formula, most, &rows[0][0], LEGEND_LINE_MAX, ROWS, &cut_wide);
    if (!cut || cut_wide)
        return narrow;
    double lo = narrow, hi = most;
    while (hi - lo > r->scale) {
        double mid = 0.5 * (lo + hi);
        render_wrap_noting_cuts(r, px, formula, mid, &rows[0][0], LEGEND_LINE_MAX, ROWS, &cut);
        if (cut)
            lo = mid;
        else
            hi = mid;
    }
    return hi;
}

/* The key's words for each mark, RenderMark's bits in order.  Each mark
 * a step shows is named where a class looks for what the runs are, in
 * the legend, on one line where its width allows, and in its full form
 * only: a key under the colour bar cost gradient_flow 4's map 72 px at
 * 1280x720 --projector (issue 12). */
static const char *const mark_words[RENDER_MARK_KINDS] = {
    N_("start"),
    N_("minimum"),
    N_("selected run"),
    N_("basin edge"),
    N_("one walker's path"),
    N_("−∇L: steepest downhill"),
    N_("n%: the cloud's share in that basin"),
    N_("Lmin: the least loss in view"),
};

const char *render_mark_words(RenderMark mark)
{
    for (int k = 0; k < RENDER_MARK_KINDS; k++)
        if (mark == 1u << k)
            return _(mark_words[k]);
    return "";
}

/* The marks (RenderMark bits) as the key: each mark drawn small, then its
 * words, one after another on lines of at most width from x0, from *y
 * on; *y moves below them. */
static void legend_key(Renderer *r, Legend *l, unsigned marks, double x0, double width, double *y)
{
    /* Each mark as high as the text's line. */
    int px = render_font_px(r, SMALL_PX);
    double s = r->scale, text_h = render_line_height(r, px), icon = text_h, h = text_h, x = x0;
    for (int k = 0; k < RENDER_MARK_KINDS; k++) {
        RenderMark mark = 1u << k;
        if (!(marks & mark))
            continue;
        if (l->count == LEGEND_MAX_LINES) {
            l->cut = true;
            return;
        }
        const char *words = render_mark_words(mark);
        bool shape = mark != RENDER_MARK_SHARE && mark != RENDER_MARK_LEAST;
        double before = shape ? icon + 3.0 * s : 0.0, text_w = render_text_width(r, words, px);
        if (x > x0 && x + before + text_w > x0 + width) {
            x = x0;
            *y += h;
        }
        LegendLine *line = &l->line[l->count++];
        *line = (LegendLine){LEGEND_KEY, 0, true, mark, before, px, x + before,
                             *y + 0.5 * (h - text_h), text_w, text_h, ""};
        snprintf(line->text, sizeof line->text, "%s", words);
        l->w = fmax(l->w, x + before + text_w);
        x += before + text_w + 12.0 * s;
    }
    *y += h;
}

/* Top left: the lesson's title, the landscape, its formula, the sweep,
 * one item per run, the key to the map's marks, the status; max_width:
 * the panel's widest.  The compact form (for a crowded frame) leaves out
 * the formula, the key and the status; the narrow form is at most LEGEND_WIDTH_SHARE of the frame
 * wide where its title and landscape allow. */
static void legend_build(Renderer *r, const Scene *scene, const LegendRuns *made,
                         double max_width, bool compact, bool narrow_form, Legend *l)
{
    double s = r->scale, pad = 10.0 * s, swatch = 16.0 * s, bar_w = 90.0 * s;
    int px = render_font_px(r, BODY_PX), title_px = render_font_px(r, BODY_PX + 2),
        small_px = render_font_px(r, SMALL_PX), lesson_px = render_font_px(r, TITLE_PX);
    double inner = max_width - 2 * pad, y = pad;
    char text[sizeof made->head[0] + 3 + sizeof made->readings[0]];
    l->count = 0;
    l->w = 0;
    l->cut = false;
    /* The narrow width: the runs' lines up to the share, or the title's
     * and landscape's lines, which say what is on stage and stay whole;
     * a title wider than LEGEND_TITLE_SHARE of the frame wraps to it.
     * Whole on one line, adaptive 2's title ("2/5  Adaptive methods:
     * AdaGrad, RMSProp, Adam", 875 pixels at 1280x720 --projector) held
     * the narrow legend as wide as the wide one, and the window's map was
     * a strip 218 pixels high under it; wrapped at the share, welcome 5's
     * (569 pixels) made the legend a line taller and the map 0.53 of the
     * frame high, not 0.66. */
    double runs = 0;
    for (size_t i = 0; i < scene->run_count && narrow_form; i++) {
        runs = fmax(runs, swatch + made->widest[i].line);
    }
    landscape_line(scene->landscape, text, sizeof text);
    double share = fmin(runs, LEGEND_WIDTH_SHARE * r->width - 2 * pad), title_w = inner;
    if (narrow_form &&
        render_text_width(r, scene->title, lesson_px) > LEGEND_TITLE_SHARE * r->width - 2 * pad)
        title_w = fmin(inner, fmax(share, render_text_width(r, text, title_px)));
    legend_item(r, l, LEGEND_TITLE, 0, scene->title, lesson_px, pad, title_w, &y);
    legend_item(r, l, LEGEND_SPEC, 0, text, title_px, pad, inner, &y);
    double narrow = narrow_form ? fmin(inner, fmax(share, l->w - pad)) : inner;
    /* An expression is its own name: its line says it, in every form (its
     * kind's title, "Formula", stood alone over schedules' runs in the
     * compact form at 1366x768 --projector). */
    if (!compact && !landscape_expression(scene->landscape)) {
        snprintf(text, sizeof text, "L = %s", formula_of(scene->landscape));
        /* Each equation whole where that keeps the legend within the
         * plots' width under it (a wider one took the map's room, and is
         * broken anyway): learning_rate 1 broke "L = / 0.5 (l1 u^2 + l2
         * v^2)，" in Chinese, its narrow width (the title's) under the
         * first equation's. */
        double equation = widest_equation(r, text, small_px);
        if (equation > narrow && equation <= fmin(inner, PLOT_WIDTH * s - 2 * pad))
            narrow = equation;
        else if (equation > narrow)
            narrow = formula_lines_width(r, text, small_px, narrow, inner);
        legend_item(r, l, LEGEND_FORMULA, 0, text, small_px, pad, narrow, &y);
    }
    y += 0.25 * pad;
    /* A sweep names its run and range above its runs, with its colour scale. */
    if (scene->sweep.count > 0) {
        const Sweep *w = &scene->sweep;
        char base[LEGEND_LINE_MAX];
        spec_notation_run(w->base, w->param, base, sizeof base);
        snprintf(text, sizeof text, _("%s   %s from %.3g to %.3g, %s"), base,
                 spec_notation_key(w->param), w->values[0], w->values[w->count - 1],
                 w->linear ? _("linear") : _("log-spaced"));
        legend_item(r, l, LEGEND_SWEEP, 0, text, small_px, pad, narrow - 8.0 * s - bar_w, &y);
        l->w = fmax(l->w, l->line[l->count - 1].x + l->line[l->count - 1].w + 8.0 * s + bar_w);
        y += 0.25 * pad;
    }
    /* The runs by number (scene_run_number): adam_vs_sgd 3 lists Adam
     * first, its data panel's run as in step 2, and the legend "1 GD" over
     * "2 Adam" as in steps 1 and 2. */
    size_t order[SCENE_MAX_RUNS];
    for (size_t n = 0; n < scene->run_count; n++) {
        size_t i = n;
        for (; i > 0 && scene_run_number(scene, order[i - 1]) > scene_run_number(scene, n); i--)
            order[i] = order[i - 1];
        order[i] = n;
    }
    for (size_t n = 0; n < scene->run_count; n++) {
        size_t i = order[n];
        const char *head = made->head[i], *readings = made->readings[i];
        RunLineWidths widest = made->widest[i];
        snprintf(text, sizeof text, "%s   %s", head, readings);
        if (widest.line <= narrow - swatch) {
            legend_item(r, l, LEGEND_RUN, i, text, px, pad + swatch, inner - swatch, &y);
            l->w = fmax(l->w, pad + swatch + widest.line);
            continue;
        }
        legend_item(r, l, LEGEND_RUN, i, head, px, pad + swatch, inner - swatch, &y);
        int first = l->count;
        legend_item(r, l, LEGEND_RUN, i, readings, px, pad + swatch, inner - swatch, &y);
        l->w = fmax(l->w,
                    pad + swatch + fmin(fmax(widest.head, widest.readings), inner - swatch));
        for (int k = first; k < l->count; k++)
            l->line[k].first = false;
    }
    status_line(r, scene, text, sizeof text);
    if (!compact && text[0]) {
        y += 0.25 * pad;
        legend_item(r, l, LEGEND_STATUS, 0, text, small_px, pad, narrow, &y);
    }
    l->w += pad;
    l->h = y + pad;
}

/* A run's number at the start of its legend item (x, y; line height h)
 * framed as a key is, for it is the key that selects the run: the
 * numbers are the places of the runs' colours, kept from step to step
 * (scene_run_number), and a step may show 2 and 3 alone, which bare read
 * as a count that had lost run 1 (learning_rate 4, review). */
static void draw_number_key(Renderer *r, size_t number, double x, double y, double h, int px)
{
    char digits[24];
    snprintf(digits, sizeof digits, "%zu", number);
    double s = r->scale, half = 0.5 * s;
    double x0 = x - 0.25 * s, x1 = x + render_text_width(r, digits, px) + 2.0 * s;
    double y0 = y + 1.0 * s, y1 = y + h - 1.0 * s;
    shapes_segment(r->shapes, x0, y0, x1, y0, half, r->theme->dim);
    shapes_segment(r->shapes, x0, y1, x1, y1, half, r->theme->dim);
    shapes_segment(r->shapes, x0, y0, x0, y1, half, r->theme->dim);
    shapes_segment(r->shapes, x1, y0, x1, y1, half, r->theme->dim);
}

static LayoutRequest legend_need(Renderer *r, const Scene *scene, const LegendRuns *runs,
                                 bool compact, bool narrow, Legend *l)
{
    legend_build(r, scene, runs, r->width - 24.0 * r->scale, compact, narrow, l);
    return (LayoutRequest){true, l->w, l->h, l->w, l->h, l->cut};
}

/* Whether the key's box lies in the frame, as far off every panel shown
 * as the layout keeps them apart (Layout.apart; those over the map too:
 * the notice may stand beside it; the legend where legend), and off the
 * map unless over_map.  Room kept for another step's panel is free
 * (Renderer.slot_empty) where the box lies wholly in it, as a panel's
 * text lies in the panel: implicit_regularization 3 at 960x540 laid the
 * key over the map's arrows, beside the empty room of step 2's plot. */
static bool key_clear(const Renderer *r, LayoutRect box, bool over_map, bool legend)
{
    double g = r->layout.apart;
    LayoutRect near = {box.x - g, box.y - g, box.w + 2 * g, box.h + 2 * g};
    if (box.x < 0 || box.y < 0 || box.x + box.w > r->width || box.y + box.h > r->height ||
        (!over_map && layout_overlap(near, r->layout.landscape)) ||
        (r->layout.notes.w > 0 && layout_overlap(near, r->layout.notes)))
        return false;
    for (int p = 0; p < LAYOUT_PANELS; p++) {
        LayoutRect at = r->layout.rect[p];
        bool in = box.x >= at.x && box.y >= at.y && box.x + box.w <= at.x + at.w &&
                  box.y + box.h <= at.y + at.h;
        if ((legend || p != LAYOUT_LEGEND) && r->layout.shown[p] &&
            !(r->slot_empty[p] && in) && layout_overlap(near, at))
            return false;
    }
    return true;
}

/* A key over the map may hide this share of the cloud's walkers, at its
 * thin edge: none at all left the key out of 11 of 84 cloud frames
 * (escape 1-2, sharp_flat 2 at 960x540), their marks unnamed, where a
 * place hid a few walkers of hundreds. */
#define KEY_WALKERS_HIDDEN 0.02

/* How many of the runs' starts and heads, as drawn, the map's labels
 * and minima's rings (Renderer.marks) box holds or overlaps, plus one
 * where it holds more than spare of the cloud's walkers (escape 2 at
 * 960x540: the key over the map hid walkers of the cloud the step
 * counts); *walkers gets how many it holds. */
static int key_covers(const Renderer *r, const Scene *scene, LayoutRect box, double spare,
                      size_t *walkers)
{
    *walkers = render_particles_in(r, scene, box);
    int held = (double)*walkers > spare;
    /* This frame's marks only: the frame before's, kept for the notice,
     * hold this key's own last place, and a renderer drawing its first
     * frame must place it where one that drew before does.  A label's
     * text lies a pad in from its panel's edge, so a key whose panel
     * covers no more than that of it hides none of it: at 1280x720
     * --projector, implicit_regularization 2's only place, over the map's
     * top right, overlapped the axis's "y" and "2" by a pixel, and the
     * key was left out. */
    double edge = RENDER_LABEL_PAD * r->scale;
    LayoutRect inner = {box.x + edge, box.y + edge, box.w - 2.0 * edge, box.h - 2.0 * edge};
    for (size_t k = r->marks_before; k < r->mark_count; k++)
        held += layout_overlap(inner, r->marks[k]);
    if (scene->display.view3d)
        return held;
    Viewport vp = render_viewport(r, scene);
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        if (scene->runs[i].hidden || run->count == 0)
            continue;
        RunPoint ends[2] = {run->path[0], run_head(run)};
        for (int e = 0; e < 2; e++) {
            double x, y;
            viewport_to_pixel(&vp, ends[e].x, ends[e].y, &x, &y);
            /* A head off the view is drawn at the map's edge. */
            render_clamp_to_map(&vp, 0.0, &x, &y);
            held += layout_rect_holds(box, x, y);
        }
    }
    /* A basin's share is labelled over its minimum: escape 2 at 1280x720
     * --projector zh hid "49%" under the key. */
    LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
    size_t n = scene_basin_minima(scene, minima, LANDSCAPE_MAX_MINIMA);
    double reach = 40.0 * r->scale; /* the label, its gap and a line of room */
    for (size_t k = 0; k < n; k++) {
        double x, y;
        viewport_to_pixel(&vp, minima[k].x, minima[k].y, &x, &y);
        held += layout_overlap(box, (LayoutRect){x - reach, y - reach, 2 * reach, 2 * reach});
    }
    return held;
}

/* Whether the key's box (in the legend's panel) lies inside the panel
 * at rect and gap right of its first count lines beside it (a sweep's
 * with the colour bar after them), off the formula's rows and runs' second rows. */
static bool key_beside_lines(const Renderer *r, const Legend *l, int count, LayoutRect rect,
                             LayoutRect box, double gap)
{
    double s = r->scale, pad = 10.0 * s;
    if (box.x < pad || box.y < 0.5 * pad || box.x + box.w > rect.w - pad ||
        box.y + box.h > rect.h - 0.5 * pad)
        return false;
    for (int k = 0; k < count; k++) {
        const LegendLine *line = &l->line[k];
        double right = line->x + line->w + (line->kind == LEGEND_SWEEP ? 98.0 * s : 0.0);
        /* Nor on a run's second row, its numbers, of which it read as
         * one more (saddle 5: review, issue 12). */
        bool part_of = line->kind == LEGEND_FORMULA || (line->kind == LEGEND_RUN && !line->first);
        if (line->y < box.y + box.h && box.y < line->y + line->h &&
            (right + gap > box.x || part_of))
            return false;
    }
    return true;
}


/* The key's place, so that every mark drawn is named in every frame
 * (issue 12: with room asked for in the layout, a line more moved
 * linreg's loss plot out of the column beside the map and left the map
 * 416 px high, not 568, at 900x640; where it went only under the legend,
 * 35 of 52 frames had no key): in the legend's panel as laid out, under
 * its count lines; else lengthening the panel where
 * that keeps clear (key_clear); else a panel of its own under or right of
 * a shown panel, the legend's first; else over the map at a corner or
 * the middle of a side or of the map, of those that cover none of the
 * runs' ends, the map's labels and the basins' minima and few of the
 * cloud's walkers (key_covers; escape 3 at 1280x720 --projector: each
 * corner held a head), the one hiding fewest walkers (the field's arrows
 * are drawn after it, round it: render_key_plan); false, the key not
 * shown, where each covers more. */
static bool key_place(const Renderer *r, const Scene *scene, LayoutRect rect, const Legend *l,
                      int count, double w, double h, bool over_map, KeyPlace *key)
{
    double pad = 10.0 * r->scale, g = 8.0 * r->scale, top = l->h - 0.5 * pad;
    /* Under the lines: right after the title or on the formula's rows it
     * read as part of them (learning_rate 5 and sharp_flat 1 zh), on a
     * run's row as that run's (momentum 3-4, schedules 3, saddle 5). */
    int runs = 0;
    while (runs < count && l->line[runs].kind != LEGEND_RUN)
        runs++;
    LayoutRect in = {pad, top, w, h};
    if (key_beside_lines(r, l, count, rect, in, 2 * pad)) {
        *key = (KeyPlace){rect.x + in.x, rect.y + in.y, rect, false};
        return true;
    }
    /* Right under the lines, where the panel laid out for the step's
     * group is taller than they are: under the panel's foot the rows
     * between were empty (adaptive 3-5 en). */
    LayoutRect longer = {rect.x, rect.y, rect.w, fmax(rect.h, top + h + pad)};
    if (key_clear(r, (LayoutRect){rect.x, rect.y + rect.h, rect.w, longer.h - rect.h}, false,
                  false)) {
        *key = (KeyPlace){rect.x + pad, rect.y + top, longer, false};
        return true;
    }
    /* A panel of its own: at the left or a gap right of a shown panel
     * or the map, level with one's top or a gap under it, the nearest
     * the legend's foot that is clear. */
    LayoutRect box = {0, 0, w + 2 * pad, h + 2 * pad}, best = box;
    double xs[2 * LAYOUT_PANELS + 2], ys[2 * LAYOUT_PANELS + 2], nearest = HUGE_VAL;
    int n = 0;
    for (int p = 0; p <= LAYOUT_PANELS; p++) {
        LayoutRect by = p < LAYOUT_PANELS ? r->layout.rect[p] : r->layout.landscape;
        if (p < LAYOUT_PANELS && !r->layout.shown[p])
            continue;
        xs[n] = by.x, ys[n++] = by.y;
        xs[n] = by.x + by.w + g, ys[n++] = by.y + by.h + g;
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            box.x = xs[i], box.y = ys[j];
            double far = hypot(box.x - rect.x, box.y - rect.y - rect.h);
            if (far < nearest && key_clear(r, box, false, true))
                nearest = far, best = box;
        }
    /* Else at the legend's right on the title's and the name's rows, far
     * from their ends (implicit_regularization 3 in the window at
     * 1280x720 --projector zh: no room under it or beside a panel). */
    for (int k = 0; k < runs && nearest == HUGE_VAL; k++) {
        in = (LayoutRect){rect.w - pad - w, l->line[k].y, w, h};
        if (key_beside_lines(r, l, count, rect, in, RENDER_KEY_APART_FROM_TITLE * r->scale)) {
            *key = (KeyPlace){rect.x + in.x, rect.y + in.y, rect, false};
            return true;
        }
    }
    if (nearest < HUGE_VAL || !over_map) {
        *key = (KeyPlace){best.x + pad, best.y + pad, best, true};
        return nearest < HUGE_VAL;
    }
    LayoutRect map = r->layout.landscape;
    int fewest = INT_MAX;
    size_t fewest_walkers = SIZE_MAX;
    double spare = KEY_WALKERS_HIDDEN * (double)render_particles_in(r, scene, map);
    for (int place = 0; place < 9; place++) {
        box.x = map.x + g + 0.5 * (place % 3) * (map.w - 2 * g - box.w);
        box.y = map.y + g + 0.5 * (place / 3) * (map.h - 2 * g - box.h);
        size_t walkers;
        int held = key_covers(r, scene, box, spare, &walkers) +
                   (key_clear(r, box, true, true) ? 0 : 100);
        if (held < fewest || (held == fewest && walkers < fewest_walkers))
            fewest = held, fewest_walkers = walkers, best = box;
    }
    *key = (KeyPlace){best.x + pad, best.y + pad, best, true};
    return fewest == 0;
}

/* The key to marks with the legend l as laid out (r->layout), at
 * key_place's first place: its lines from (0, 0), as wide as the legend
 * is laid out, else half that (escape 2 at 1280x720 --projector: in four
 * lines beside the experiment's panel, not over the map), over the map
 * only where over_map; no marks where it has none.  l gets the key's
 * lines after its own only where it has a place, the lines draw_legend
 * draws. */
static KeyPlan key_fit(Renderer *r, const Scene *scene, Legend *l, unsigned marks,
                       bool over_map)
{
    KeyPlan plan = {0, 0.0, {0, 0, {0, 0, 0, 0}, false}};
    LayoutRect rect = r->layout.rect[LAYOUT_LEGEND];
    int lines = l->count;
    double width = rect.w - 20.0 * r->scale;
    KeyPlace key;
    for (int half = 0; marks && !plan.marks && half < 2; half++, width *= 0.5) {
        double key_w = 0, key_h = 0;
        l->count = lines;
        legend_key(r, l, marks, 0, width, &key_h);
        for (int k = lines; k < l->count; k++)
            key_w = fmax(key_w, l->line[k].x + l->line[k].w);
        if (key_place(r, scene, rect, l, lines, key_w, key_h, over_map && half == 1, &key))
            plan = (KeyPlan){marks, width, key};
    }
    if (!plan.marks)
        l->count = lines;
    return plan;
}

void render_key_plan(Renderer *r, const Scene *scene)
{
    r->key = (KeyPlan){0, 0.0, {0, 0, {0, 0, 0, 0}, false}};
    if (r->crop || scene->display.panels_hidden || !r->layout.shown[LAYOUT_LEGEND] ||
        r->slot_empty[LAYOUT_LEGEND])
        return;
    if (!r->legend && !(r->legend = malloc(sizeof *r->legend)))
        return;
    Legend *l = r->legend;
    bool compact = r->layout.compact[LAYOUT_LEGEND];
    LegendRuns *runs;
    if (frame_needs_hold(r, scene))
        *l = r->needs->legend[compact][r->legend_narrow];
    else if ((runs = malloc(sizeof *runs))) {
        legend_runs(r, scene, runs);
        legend_need(r, scene, runs, compact, r->legend_narrow, l);
        free(runs);
    } else
        return;
    r->key = key_fit(r, scene, l, render_marks_shown(r, scene), true);
    /* A key of its own is one of the frame's marks, which the notice and
     * the field's arrows keep off as off a label (render_keep_shown). */
    if (r->key.place.own)
        render_keep_shown(r, r->key.place.panel);
}

/* The legend as render_key_plan laid it out this frame: laid out again
 * here, each frame of a recording built its lines twice (issue 18). */
static void draw_legend(Renderer *r, const Scene *scene, LayoutRect rect)
{
    const Legend *l = r->legend;
    if (!l)
        return;
    double s = r->scale, swatch = 16.0 * s, bar_w = 90.0 * s;
    KeyPlace key = r->key.marks ? r->key.place : (KeyPlace){0, 0, rect, false};
    render_panel(r, key.own ? rect : key.panel);
    /* The cloud's walkers under a key over the map drawn over its panel,
     * under its lines: each of its places over escape 2's map at 960x540
     * hides 3 or more of 400 (review, issue 12). */
    r->key_walkers = 0;
    if (key.own) {
        render_panel(r, key.panel);
        r->key_walkers = render_particles_over(r, scene, key.panel);
    }
    for (int k = 0; k < l->count; k++) {
        const LegendLine *line = &l->line[k];
        double x = (line->kind == LEGEND_KEY ? key.x : rect.x) + line->x,
               y = (line->kind == LEGEND_KEY ? key.y : rect.y) + line->y;
        Rgba color = line->kind == LEGEND_FORMULA || line->kind == LEGEND_STATUS ||
                             line->kind == LEGEND_KEY
                         ? r->theme->dim
                         : r->theme->text;
        /* Each mark a fifth of its line short of the line's height: as high
         * as the line, escape's start cross ran into the basin edge's dashes
         * on the line under it, one glyph (review, issue 12). */
        if (line->kind == LEGEND_KEY)
            render_mark_icon(r, scene, line->mark, x - line->icon + 0.5 * line->h,
                             y + 0.5 * line->h, 0.4 * line->h);
        if (line->kind == LEGEND_RUN) {
            const SceneRun *sr = &scene->runs[line->run];
            color = sr->hidden                     ? r->theme->dim
                    : sr->run.status != RUN_ACTIVE ? r->theme->warn
                                                   : r->theme->text;
        }
        if (line->kind == LEGEND_RUN && line->first) {
            double cx = x - swatch + 6.0 * s, cy = y + 0.5 * line->h;
            shapes_disc(r->shapes, cx, cy, 5.0 * s,
                        render_run_color(r, line->run, scene->runs[line->run].hidden ? 0.4f
                                                                                    : 1.0f));
            if (line->run == scene->selected && scene_runs_told_apart(scene))
                shapes_ring(r->shapes, cx, cy, 8.0 * s, 1.0 * s, r->theme->text);
        }
        if (line->kind == LEGEND_RUN && line->first && scene_runs_told_apart(scene))
            draw_number_key(r, scene_run_number(scene, line->run), x, y, line->h, line->px);
        render_text(r, line->text, x, y, line->px, ALIGN_LEFT, color);
        bool last = k + 1 == l->count || l->line[k + 1].kind != line->kind;
        if (line->kind == LEGEND_SWEEP && last) {
            enum { STEPS = 24 };
            double bx = x + line->w + 8.0 * s, by = y + 0.5 * line->h - 4.0 * s;
            for (int c = 0; c < STEPS; c++)
                shapes_rect(r->shapes, bx + bar_w * c / STEPS, by, bar_w / STEPS + 0.5, 8.0 * s,
                            render_sweep_color(r, scene, (c + 0.5) / STEPS));
        }
    }
}

size_t render_key_walkers(const Renderer *r)
{
    return r->key_walkers;
}

/* ------------------------------------------------------------------------ */
/* Hover readout (top right)                                               */

#define READOUT_LINES 6

/* The readout's lines at the hover point; returns how many.  The compact
 * form (for a crowded frame) is narrow: θ, L, the eigenvalues and η·λmax
 * on short lines. */
static int readout_lines(const Scene *scene, bool compact, char lines[READOUT_LINES][200])
{
    PointCurvature c;
    curvature_at(scene->landscape, scene->hover.x, scene->hover.y, &c);
    int count = 0;
    if (compact) {
        snprintf(lines[count++], sizeof lines[0], "θ = (%.4g, %.4g)", scene->hover.x,
                 scene->hover.y);
        snprintf(lines[count++], sizeof lines[0], "L = %.5g", c.value);
        snprintf(lines[count++], sizeof lines[0], "λ = %.3g, %.3g", c.eig[0], c.eig[1]);
        if (scene->run_count > 0)
            snprintf(lines[count++], sizeof lines[0], "η·λmax = %.3g",
                     curvature_gd_stability(scene_run_lr(scene, scene->selected), c.eig[1])
                         .lr_lambda);
        return count;
    }
    snprintf(lines[count++], sizeof lines[0], "θ = (%.5g, %.5g)", scene->hover.x, scene->hover.y);
    snprintf(lines[count++], sizeof lines[0], "L(θ) = %.6g", c.value);
    snprintf(lines[count++], sizeof lines[0], "∇L = (%.4g, %.4g)   |∇L| = %.4g", c.grad[0],
             c.grad[1], c.grad_norm);
    snprintf(lines[count++], sizeof lines[0], _("Hessian eigenvalues  λ = %.4g, %.4g"), c.eig[0],
             c.eig[1]);
    if (scene->run_count > 0) {
        double lr = scene_run_lr(scene, scene->selected);
        GdStability gd = curvature_gd_stability(lr, c.eig[1]);
        if (scene_runs_told_apart(scene))
            snprintf(lines[count++], sizeof lines[0],
                     _("run %zu: η %.4g   2/η = %.4g   η·λmax = %.3g"),
                     scene_run_number(scene, scene->selected), lr, gd.threshold, gd.lr_lambda);
        else
            snprintf(lines[count++], sizeof lines[0], _("η %.4g   2/η = %.4g   η·λmax = %.3g"),
                     lr, gd.threshold, gd.lr_lambda);
        if (gd.overshoots)
            snprintf(lines[count++], sizeof lines[0], "%s",
                     _("η·λmax > 2: a GD step overshoots here"));
    }
    return count;
}

static LayoutRequest readout_need(Renderer *r, const Scene *scene, bool compact)
{
    if (!scene->hover_valid)
        return (LayoutRequest){.shown = false};
    char lines[READOUT_LINES][200];
    int count = readout_lines(scene, compact, lines), px = render_font_px(r, SMALL_PX);
    double w = 0, pad = 10.0 * r->scale;
    for (int i = 0; i < count; i++)
        w = fmax(w, render_text_width(r, lines[i], px));
    double h = count * render_line_height(r, px) + 2 * pad;
    return (LayoutRequest){true, w + 2 * pad, h, w + 2 * pad, h, false};
}

/* The landscape under the pointer: θ, L, ∇L, the Hessian's eigenvalues
 * and what they mean for the selected run's step. */
static void draw_readout(Renderer *r, const Scene *scene, LayoutRect rect)
{
    char lines[READOUT_LINES][200];
    int count = readout_lines(scene, r->layout.compact[LAYOUT_READOUT], lines),
        px = render_font_px(r, SMALL_PX);
    double pad = 10.0 * r->scale, line = render_line_height(r, px);
    render_panel(r, rect);
    for (int i = 0; i < count; i++)
        render_text(r, lines[i], rect.x + pad, rect.y + pad + i * line, px, ALIGN_LEFT,
                    r->theme->text);
}

/* ------------------------------------------------------------------------ */
/* Loss versus step or time (bottom right)                                   */

/* Samples per pixel column of a long run. */
#define PLOT_COLUMN_SAMPLES 64

/* The pixel columns a loss plot's curve holds: where each drawn curve
 * runs, so that a curve drawn later can show the ones under it, and the
 * rows it covers there, so that a note keeps off it (plot_exits). */
typedef struct PlotTrace {
    double *y;                  /* drawn × columns: each curve's y per column, NAN: none */
    double *band;               /* drawn × columns × 2: the least and greatest row each
                                   curve's lines cover in each column, NAN: none */
    size_t drawn;               /* curves recorded */
    int columns;
} PlotTrace;

/* Adds the segment (x0, y0) to (x1, y1) to band's columns, the first of
 * them starting at pixel left. */
static void trace_segment(double *band, int columns, double left, double x0, double y0,
                          double x1, double y1)
{
    if (x1 < x0) {
        double t = x0;
        x0 = x1, x1 = t, t = y0, y0 = y1, y1 = t;
    }
    int first = (int)fmax(floor(x0 - left), 0.0), last = (int)fmin(floor(x1 - left), columns - 1.0);
    for (int c = first; c <= last; c++) {
        double a = fmax(x0, left + c), b = fmin(x1, left + c + 1);
        double ya = x1 > x0 ? y0 + (y1 - y0) * (a - x0) / (x1 - x0) : y0;
        double yb = x1 > x0 ? y0 + (y1 - y0) * (b - x0) / (x1 - x0) : y1;
        double lo = fmin(ya, yb), hi = fmax(ya, yb);
        double *at = band + 2 * (size_t)c;
        at[0] = isnan(at[0]) ? lo : fmin(at[0], lo);
        at[1] = isnan(at[1]) ? hi : fmax(at[1], hi);
    }
}

/* Per pixel column, the lowest and highest value of the run's points
 * first..last-1 there, so oscillations show as a band instead of aliasing
 * away.  Where the run is above the range it is drawn up to the top edge
 * and broken off (loss_scale_exit's marker says where), not clamped into
 * a flat line along the top.  With a trace, the curve is dashed where it
 * lies within a line's width of a curve drawn before it for a stretch
 * (PLOT_ALONG_DASHES dashes or more), which shows through the gaps
 * (gradient_flow 2: GD's curve lay hidden under the flow's, the two a
 * pixel apart), not where it crosses one (saddle 5: momentum's curve,
 * crossing GD's, was broken at each crossing), and its columns are added
 * to the trace. */
#define PLOT_ALONG_DASHES 4

/* Columns after from that the curve draws as one piece from it: each
 * column passed over lies within PLOT_JOIN_OFF pixels (up or down) of the
 * piece, all of them joined and not in a dash's gap (gap).  The last such
 * column, or from + 1.  The curve was a capsule a column, round ends
 * overlapping, a third of a recording's triangles (issue 18); a flat
 * tail is now one piece, a bend the same line to a quarter of a pixel.
 * The slopes from column from that keep every column passed over within
 * reach narrow to [lo, hi] as the piece grows. */
#define PLOT_JOIN_OFF 0.25
/* The curve's half width (pixels, times scale): its capsules' overlapping
 * edges had drawn a flat stretch 2.1 pixels wide at half width 0.9, a
 * steep one 1.8; drawn once a pixel, 1.0 keeps its weight. */
#define PLOT_CURVE_HALF 1.0
/* Whether the line into column k falls in a dash's gap: only along an
 * earlier curve.  A line coming down onto one from off it is drawn whole,
 * wherever it lands: adaptive 4's RMSProp fell back from its leap onto
 * the floor, where Adam's and AdaGrad's lie, at a gap, and its line
 * stopped at 0.01 (review, issue 12). */
static bool in_gap(const LossColumn *drawn, const bool *gap, size_t k)
{
    return gap[k] && drawn[k - 1].along;
}

static size_t plot_join(const LossColumn *drawn, const bool *gap, size_t from, size_t count)
{
    double lo = -(double)INFINITY, hi = (double)INFINITY;
    size_t last = from + 1;
    for (size_t k = from + 1; k < count && drawn[k].joined && !in_gap(drawn, gap, k); k++) {
        double dx = drawn[k].x - drawn[from].x, dy = drawn[k].ylo - drawn[from].ylo;
        if (dy / dx < lo || dy / dx > hi)
            break;
        last = k;
        lo = fmax(lo, (dy - PLOT_JOIN_OFF) / dx);
        hi = fmin(hi, (dy + PLOT_JOIN_OFF) / dx);
    }
    return last;
}

static void plot_run(Renderer *r, const Run *run, size_t first, size_t last, const LossScale *p,
                     double x0, double y0, double w, double h, Rgba color, PlotTrace *trace)
{
    int columns = (int)w;
    double *own = trace && trace->y ? trace->y + trace->drawn * (size_t)trace->columns : NULL;
    double *band = own && trace->band ? trace->band + 2 * trace->drawn * (size_t)trace->columns
                                      : NULL;
    for (int c = 0; own && c < trace->columns; c++)
        own[c] = (double)NAN;
    for (int c = 0; band && c < 2 * trace->columns; c++)
        band[c] = (double)NAN;
    int dash = (int)fmax(1.0, 5.0 * r->scale);
    double near = 2.5 * r->scale;
    double prev_x = 0, prev_y = 0;
    bool has_prev = false;
    int lone = 0; /* columns drawn: 1 one point alone, -1 more */
    double lone_value = 0;
    bool leaves = false; /* above the range somewhere */
    LossCursor edge = loss_cursor_at(p, run, first);
    /* From the first update shown on (p->from: a step's zoom). */
    size_t k = p->from > edge.x ? loss_cursor_past(&edge, p->from - 1.0, last) : first;
    LossColumn *drawn = malloc((size_t)(columns > 0 ? columns : 1) * sizeof *drawn);
    size_t count = 0;
    for (int c = 0; drawn && c < columns && k < last; c++) {
        size_t end = loss_cursor_past(
            &edge, p->from + (double)(c + 1) / columns * (p->span - p->from), last);
        if (end <= k)
            continue;
        double lo = (double)INFINITY, hi = -(double)INFINITY;
        size_t stop = end < last ? end : last;
        size_t stride = stop > k ? loss_sample_stride(stop - k, PLOT_COLUMN_SAMPLES) : 1;
        for (; k < stop; k += stride) {
            double v = loss_scale_value(p, run->path[k].loss);
            if (isfinite(v)) {
                lo = fmin(lo, v);
                hi = fmax(hi, v);
            }
        }
        k = k > stop ? stop : k;
        if (!(lo <= hi))
            continue;
        double x = x0 + c + 0.5;
        if (lo > p->hi) {
            leaves = true;
            if (has_prev)
                shapes_segment(r->shapes, prev_x, prev_y, x, y0, PLOT_CURVE_HALF * r->scale,
                               color);
            if (has_prev && band)
                trace_segment(band, columns, x0, prev_x, prev_y, x, y0);
            has_prev = false;
            continue;
        }
        lo = fmin(fmax(lo, p->lo), p->hi);
        hi = fmin(fmax(hi, p->lo), p->hi);
        double ylo = y0 + h - (lo - p->lo) / (p->hi - p->lo) * h;
        double yhi = y0 + h - (hi - p->lo) / (p->hi - p->lo) * h;
        bool over = false;
        for (size_t q = 0; own && q < trace->drawn && !over; q++) {
            double under = trace->y[q * (size_t)trace->columns + (size_t)c];
            over = fabs(under - ylo) < near;
        }
        drawn[count++] = (LossColumn){x, ylo, yhi, has_prev, over, false};
        if (band && has_prev)
            trace_segment(band, columns, x0, prev_x, prev_y, x, ylo);
        if (band)
            trace_segment(band, columns, x0, x, ylo, x, yhi);
        if (own)
            own[c] = ylo;
        prev_x = x;
        prev_y = ylo;
        has_prev = true;
        lone = lone == 0 && yhi >= ylo - 1 ? 1 : -1;
        lone_value = run->path[stop - 1].loss;
    }
    /* Each stretch of columns on an earlier curve, dashed where it spans
     * PLOT_ALONG_DASHES dashes or more. */
    loss_columns_along(drawn, count, PLOT_ALONG_DASHES * dash);
    /* The curve drawn n-th (from 0) shows on its own dash of every n + 1:
     * on one dash in two each, gradient_flow 4's third curve covered the
     * second's dashes and the three read as one grey line (a review). */
    int nth = own ? (int)trace->drawn : 1;
    bool *gap = malloc((size_t)(columns > 0 ? columns : 1) * sizeof *gap);
    for (size_t i = 0; gap && i < count; i++)
        gap[i] = drawn[i].along && ((int)(drawn[i].x - x0) / dash) % (nth + 1) != nth - 1;
    ShapesLine curve = {0};
    for (size_t i = 0, next; gap && i + 1 < count; i = next) {
        next = plot_join(drawn, gap, i, count);
        if (next == i + 1 && (!drawn[next].joined || in_gap(drawn, gap, next)))
            continue;
        shapes_line_piece(r->shapes, &curve, drawn[i].x, drawn[i].ylo, drawn[next].x,
                          drawn[next].ylo, PLOT_CURVE_HALF * r->scale, color);
    }
    shapes_line_end(r->shapes, &curve);
    for (size_t i = 0; gap && i < count; i++)
        if (drawn[i].yhi < drawn[i].ylo - 1 && !gap[i])
            shapes_segment(r->shapes, drawn[i].x, drawn[i].ylo, drawn[i].x, drawn[i].yhi,
                           0.6 * r->scale, color);
    free(gap);
    free(drawn);
    /* The run's own curve (not its faint future) of one point: at play 0
     * the plot was an empty box.  Its value only where the curve goes no
     * further: one that leaves the plot has its arrow and note
     * (plot_exits), and schedules 3's "8.39" stood between the axis's
     * "10" and that arrow, reading as "10 ↑8.39". */
    if (own && lone == 1)
        plot_lone_point(r, prev_x, prev_y, PLOT_CURVE_HALF * r->scale,
                        leaves ? (double)NAN : lone_value, y0 + h, color);
    if (own)
        trace->drawn++;
}

/* Where the plot lies: its panel (x, y, w, h) and the plotting area inside
 * it (ix, iy, iw, ih), in the frame's pixels; its y labels, whose width
 * sets the area's left edge. */
typedef struct PlotBox {
    double x, y, w, h;
    double ix, iy, iw, ih;
    char top_label[32], bottom_label[32];
    PlotDecades decades; /* a log axis's labelled decades */
} PlotBox;

#define PLOT_HEIGHT 200.0
/* A log plotting area's least height, in lines of its labels. */
#define PLOT_LOG_AREA_LINES 2.5
/* The title's top below the panel's (pixels, times scale). */
#define PLOT_TITLE_TOP 6.0

/* The loss plot's title; walker: saying whose loss it is where a cloud is
 * shown, the run the cloud copies, one walker of it (the key's "one
 * walker's path"; issue 12). */
static void plot_title(const LossScale *p, bool walker, char *dest, size_t size)
{
    char what[64];
    snprintf(what, sizeof what, walker ? _("one walker's %s") : "%s",
             p->log && p->offset != 0 ? "L − L*" : _("loss"));
    snprintf(dest, size, p->time ? _("%s vs time t = Σ η%s") : _("%s vs step%s"), what,
             p->log ? _(" (log scale)") : "");
}

/* The x axis's end label: the last update, or the time span. */
static void plot_span_label(const LossScale *p, char *dest, size_t size)
{
    if (p->time)
        time_text(p->span, dest, size);
    else
        snprintf(dest, size, "%zu", p->steps);
}

/* Where x (an update number or a time) lies across the plotting area
 * (0..1 from p->from to p->span). */
static double plot_x_fraction(const LossScale *p, double x)
{
    return (x - p->from) / (p->span - p->from);
}

/* Where the run's point k lies across the plotting area (0..1). */
static double plot_fraction(const LossScale *p, const Run *run, size_t k)
{
    return plot_x_fraction(p, loss_cursor_at(p, run, k).x);
}

/* The plot in rect (only its labels when rect is empty). */
static PlotBox plot_box(Renderer *r, const LossScale *p, LayoutRect rect)
{
    double s = r->scale;
    int px = render_font_px(r, SMALL_PX);
    double line = render_line_height(r, px);
    PlotBox b = {.x = rect.x, .y = rect.y, .w = rect.w, .h = rect.h};
    /* y labels: top and bottom of the range (powers of ten on a log scale);
     * a loss that reached L* exactly sits on the floor at the bottom. */
    bool floored = p->log && p->lo <= log10(p->floor);
    char value[32];
    number_text(p->log ? pow(10.0, p->hi) : p->hi, 3, b.top_label, sizeof b.top_label);
    snprintf(b.bottom_label, sizeof b.bottom_label, "%s%s", floored ? "≤ " : "",
             number_text(p->log ? pow(10.0, p->lo) : p->lo, 3, value, sizeof value));
    /* The title's band (PLOT_TITLE_TOP and a line), then the top label's
     * upper half over the area's top edge: the two never meet. */
    b.iy = b.y + PLOT_TITLE_TOP * s + 1.5 * line + 2.0 * s;
    b.ih = b.h - (b.iy - b.y) - line - 10.0 * s;
    double labels = fmax(render_text_width(r, b.top_label, px),
                         render_text_width(r, b.bottom_label, px));
    if (p->log)
        plot_pick_decades(p->lo, p->hi, b.ih, line, &b.decades);
    labels = fmax(labels, plot_decades_width(r, &b.decades, px));
    double margin = fmax(58.0 * s, labels + 16.0 * s);
    b.ix = b.x + margin;
    b.iw = b.w - margin - 12.0 * s;
    return b;
}

static bool plot_shown(const Scene *scene)
{
    return scene->run_count > 0;
}

/* The loss plot's scale: loss_scale_of walks every run's losses. */
static LossScale plot_scale(Renderer *r, const Scene *scene)
{
    r->work.loss_scales++;
    return loss_scale_of(scene);
}

/* The loss plot's needs, full and compact (its least, fixed: its column
 * no wider), from one look at the runs' losses (plot_scale), which *p
 * gets for the plot to be drawn from (issue 18). */
static void plot_need(Renderer *r, const Scene *scene, LayoutRequest *full,
                      LayoutRequest *compact, LossScale *scale)
{
    if (!plot_shown(scene)) {
        *full = *compact = (LayoutRequest){.shown = false};
        return;
    }
    double s = r->scale;
    int px = render_font_px(r, SMALL_PX);
    LossScale p = *scale = plot_scale(r, scene);
    PlotBox b = plot_box(r, &p, (LayoutRect){0, 0, 0, 0});
    char title[96], span[32], steps[40];
    /* The title without whose loss it is: a wider one moved the lesson's
     * panels, in every step (schedules 2's map, in the window). */
    plot_title(&p, false, title, sizeof title);
    plot_span_label(&p, span, sizeof span);
    snprintf(steps, sizeof steps, "%.0f  %s", p.from, span);
    double min_w = fmax(render_text_width(r, title, px) + 20.0 * s,
                       b.ix + 12.0 * s + fmax(render_text_width(r, steps, px), 60.0 * s));
    /* An empty panel's area is as high as minus the bands over and under it.
     * A log axis holds a value between its ends, its labels a line apart,
     * to read a band on (plot_pick_decades); whatever its range, which
     * changes as the runs go, so the panels stay where they are. */
    double least = LAYOUT_PLOT_AREA_LEAST * s;
    if (p.log)
        least = fmax(least, PLOT_LOG_AREA_LINES * render_line_height(r, px));
    double min_h = least - b.ih;
    *compact = (LayoutRequest){true, min_w, min_h, min_w, min_h, false};
    *full = (LayoutRequest){true, fmax(PLOT_WIDTH * s, min_w), fmax(PLOT_HEIGHT * s, min_h),
                            min_w, min_h, false};
}

bool render_plot_step_at(const Renderer *r, const Scene *scene, double px, double py,
                         size_t *step)
{
    LayoutRect rect = r->layout.rect[LAYOUT_LOSS];
    if (r->width == 0 || !r->layout.shown[LAYOUT_LOSS] || px < rect.x || px > rect.x + rect.w ||
        py < rect.y || py > rect.y + rect.h)
        return false;
    if (scene->net)
        return render_net_plot_step_at((Renderer *)r, scene, rect, px, step);
    LossScale p = loss_scale_of(scene);
    PlotBox b = plot_box((Renderer *)r, &p, rect);
    double t = fmin(1.0, fmax(0.0, (px - b.ix) / b.iw));
    if (!p.time) {
        *step = (size_t)lround(p.from + t * ((double)p.steps - p.from));
        return true;
    }
    /* On a time axis: the scene step at that time, where every run is
     * then shown (the selected run's update there, sought as a scene step,
     * put a finer run back to that update: far earlier in time). */
    *step = scene_step_at_time(scene, t * p.span);
    return true;
}

/* Where each run's parameters changed: a tick in its colour across the
 * plot, and the shown update as a line with its number when the runs are
 * rewound (points after it drawn faint). */
static void plot_timeline(Renderer *r, const Scene *scene, const LossScale *p, const PlotBox *b,
                          int px)
{
    double s = r->scale;
    bool rewound = false;
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        if (scene->runs[i].hidden)
            continue;
        rewound |= run->count < run->known;
        for (size_t c = 0; c < run->changes.count; c++) {
            double f = plot_fraction(p, run, run->changes.items[c].step);
            if (f < 0 || f > 1)
                continue;
            double x = b->ix + f * b->iw;
            shapes_segment(r->shapes, x, b->iy, x, b->iy + b->ih, 0.6 * s,
                           render_run_color(r, i, 0.45f));
            shapes_segment(r->shapes, x, b->iy + b->ih - 7.0 * s, x, b->iy + b->ih, 1.6 * s,
                           render_run_color(r, i, 1.0f));
        }
    }
    if (!rewound)
        return;
    size_t shown = scene_shown_step(scene);
    double f = plot_x_fraction(p, p->time ? scene_shown_time(scene) : (double)shown);
    double x = b->ix + fmax(0.0, fmin(1.0, f)) * b->iw;
    shapes_segment(r->shapes, x, b->iy, x, b->iy + b->ih, 1.0 * s, r->theme->text);
    char label[48];
    if (p->time)
        time_text(scene_shown_time(scene), label, sizeof label);
    else
        snprintf(label, sizeof label, _("step %zu"), shown);
    bool left = x - b->ix > 0.5 * b->iw;
    render_text(r, label, left ? x - 4.0 * s : x + 4.0 * s, b->iy, px,
                left ? ALIGN_RIGHT : ALIGN_LEFT, r->theme->text);
}

/* An arrow up at x through the plot's top edge, in a run's colour. */
static void exit_arrow(Renderer *r, double x, const PlotBox *b, Rgba color)
{
    double s = r->scale;
    shapes_arrow(r->shapes, x, b->iy + 12.0 * s, x, b->iy - 4.0 * s, 2.2 * s, 7.0 * s,
                 r->theme->casing);
    shapes_arrow(r->shapes, x, b->iy + 12.0 * s, x, b->iy - 4.0 * s, 1.2 * s, 7.0 * s, color);
}

/* Lines an exit's words may take in the plot. */
#define PLOT_EXIT_LINES 3
/* How far below the arrow's head (lines) a note counts as beside it. */
#define PLOT_EXIT_NEAR 1.5
/* An exit arrow's box, which the notes keep off, its half-width (times
 * scale). */
#define PLOT_EXIT_ARROW 8.0

/* How much of the traced curves' lines box hides (by margin): the curve
 * columns it covers; over a note placed before it, or an arrow, more than
 * any curve could. */
static size_t exit_box_hides(const PlotTrace *t, const PlotBox *b, LayoutRect box, double margin,
                             const LayoutRect *placed, size_t notes)
{
    for (size_t k = 0; k < notes; k++)
        if (layout_overlap(box, placed[k]))
            return SIZE_MAX;
    int first = (int)fmax(floor(box.x - margin - b->ix), 0.0);
    int last = (int)fmin(floor(box.x + box.w + margin - b->ix), t->columns - 1.0);
    size_t hidden = 0;
    for (size_t q = 0; t->band && q < t->drawn; q++)
        for (int c = first; c <= last; c++) {
            const double *at = t->band + 2 * (q * (size_t)t->columns + (size_t)c);
            hidden += !isnan(at[0]) && at[0] <= box.y + box.h + margin && at[1] >= box.y - margin;
        }
    return hidden;
}

/* Where run i leaves the plot at the top: the step (exit) and the pixel
 * column (x); false when it stays in it, or is hidden. */
static bool run_exit(const Scene *scene, size_t i, const LossScale *p, const PlotBox *b,
                     long *exit, double *x)
{
    const Run *run = &scene->runs[i].run;
    *exit = loss_scale_exit(p, run);
    if (scene->runs[i].hidden || *exit < 0 || plot_fraction(p, run, (size_t)*exit) > 1)
        return false;
    *x = b->ix + plot_fraction(p, run, (size_t)*exit) * b->iw;
    return true;
}

/* The left of a note w wide beside the arrow at x (left of it where
 * left), kept within from .. to. */
static double exit_note_left(double x, double w, bool left, double beside, double from, double to)
{
    return fmax(from, fmin(left ? x - beside - w : x + beside, to - w));
}

/* One wording of an exit's note wrapped once to one width (beside the
 * arrow or as wide as the plot): its lines, and its box's left and width. */
typedef struct ExitWording {
    char lines[PLOT_EXIT_LINES + 1][128];
    int n;
    int label;          /* which wording: 0 the longest */
    double x, w;
} ExitWording;

/* A note's lines in its panel at box, in color. */
static void exit_note(Renderer *r, const ExitWording *o, LayoutRect box, int px, Rgba color)
{
    /* On the panel's colour: the curves leaving the plot run there. */
    render_panel(r, box);
    for (int k = 0; k < o->n; k++)
        render_text(r, o->lines[k], box.x + 2.0 * r->scale,
                    box.y + k * render_line_height(r, px), px, ALIGN_LEFT, color);
}

/* The place found so far for a note: the wording hiding least and where. */
typedef struct ExitPlace {
    const ExitWording *wording;     /* NULL: none yet */
    LayoutRect at;
    size_t least;
} ExitPlace;

/* What the rows are scanned against: the plot, the curves, the boxes
 * placed before, the rows' top, bottom and height, the note's panel
 * round its text (pad) and how far off the curves it keeps (margin). */
typedef struct ExitRows {
    const PlotBox *b;
    const PlotTrace *trace;
    const LayoutRect *placed;
    size_t notes;
    double top, bottom, line, pad, margin;
} ExitRows;

/* The rows from the top down to lowest where the wording stands, each
 * half a line below the last, taken where it hides less than the best
 * so far. */
static void exit_scan_rows(const ExitRows *rows, const ExitWording *o, double lowest,
                           ExitPlace *best)
{
    double h = o->n * rows->line;
    for (double y = rows->top; y + h <= rows->bottom && y <= lowest && best->least > 0;
         y += 0.5 * rows->line) {
        LayoutRect box = {o->x - rows->pad, y, o->w + 2.0 * rows->pad, h};
        size_t hides =
            exit_box_hides(rows->trace, rows->b, box, rows->margin, rows->placed, rows->notes);
        if (hides < best->least || !best->wording)
            *best = (ExitPlace){o, box, hides};
    }
}

/* Where a run leaves the plot at the top: an arrow up in its colour, and
 * its note, always: "diverged at step N" (or, still going, where it left
 * and its loss now), or where the plot cannot hold that whole, a shorter
 * one ("diverged at step N", "diverged", "step N on"); broken into
 * lines as wide as the plot right of its y axis, beside its arrow where
 * they fit there;
 * from the arrow's head down, the first place where it hides no curve
 * (trace) and no other note, the arrow or the labels under the plot,
 * first within PLOT_EXIT_NEAR lines of the head, any form, then lower;
 * where none is, the place hiding least of the curves.  (learning_rate
 * 6's note was left out at 1280x720 --projector, its arrow alone;
 * schedules 2's, in Chinese, hid the curve; schedules 3's and
 * learning_rate 7's lay mid-plot, away from their arrows: the longer
 * forms were tried lower before the shorter ones at the head, and a
 * note beside the head overlapped the arrow's own box; schedules 3's
 * "diverged at step 7" lay on two curves at 1280x720 --projector, where
 * "diverged" alone keeps off them.)  Each wording is
 * wrapped to each width once; the near pass and the far one scan rows. */
static void plot_exits(Renderer *r, const Scene *scene, const LossScale *p, const PlotBox *b,
                       const PlotTrace *trace, int px)
{
    double s = r->scale, line = render_line_height(r, px), pad = 6.0 * s;
    /* A note beside the arrow starts clear of its box (2 s: the note's
     * panel round its text). */
    double beside = (PLOT_EXIT_ARROW + 3.0) * s;
    /* The arrows' places first, then each note's: the notes keep off them. */
    LayoutRect placed[2 * SCENE_MAX_RUNS];
    /* The head's row: under the title's band (plot_box), level with the
     * top value label, which lies left of the axis. */
    ExitRows rows = {b, trace, placed, 0, b->iy - 0.5 * line, b->iy + b->ih - 0.5 * line,
                     line, 2.0 * s, 1.0 * s};
    long exit;
    double x;
    for (size_t i = 0; i < scene->run_count; i++)
        if (run_exit(scene, i, p, b, &exit, &x))
            placed[rows.notes++] = (LayoutRect){x - PLOT_EXIT_ARROW * s, b->iy - 4.0 * s,
                                                2.0 * PLOT_EXIT_ARROW * s, 17.0 * s};
    for (size_t i = 0; i < scene->run_count; i++) {
        if (!run_exit(scene, i, p, b, &exit, &x))
            continue;
        const Run *run = &scene->runs[i].run;
        Rgba color = render_run_color(r, i, 1.0f);
        char label[4][96], value[32];
        int labels = 0;
        /* It may leave the plot steps before it diverges: both are said,
         * the arrow standing where it leaves. */
        bool diverged = run->status == RUN_DIVERGED;
        if (diverged && (size_t)exit + 1 >= run_steps(run)) {
            snprintf(label[labels++], sizeof label[0], _("diverged at step %zu"), run_steps(run));
        } else if (diverged) {
            snprintf(label[labels++], sizeof label[0],
                     _("above the plot from step %ld, diverged at step %zu"), exit,
                     run_steps(run));
            snprintf(label[labels++], sizeof label[0], _("diverged at step %zu"), run_steps(run));
        } else {
            /* Where it went, where the note fits: "from step 38 on" alone
             * did not say (learning_rate 6). */
            number_text(run_head(run).loss, 3, value, sizeof value);
            /* TRANSLATORS: a loss plot's note beside an arrow up out of
             * the plot: the run is above the plot from step N on, its loss
             * now L. */
            snprintf(label[labels++], sizeof label[0],
                     _("above the plot from step %ld on (now L = %s)"), exit, value);
            /* TRANSLATORS: the same, shorter, where the longer does not
             * fit: two lines beside the arrow (the longer took three in
             * learning_rate 7 and gave way to "from step 38", where the
             * Chinese said the loss too). */
            snprintf(label[labels++], sizeof label[0], _("from step %ld on (now L = %s)"), exit,
                     value);
        }
        /* TRANSLATORS: a loss plot's shortest note beside an arrow up out
         * of the plot, where no longer one keeps off the curves: the run
         * diverged (the legend says at which step). */
        if (diverged)
            snprintf(label[labels++], sizeof label[0], "%s", _("diverged"));
        /* TRANSLATORS: a loss plot's short note beside an arrow up out of
         * the plot: the run is above the plot from step N on.  Short
         * enough for one line beside the arrow: "from step 38" (147 px)
         * broke into "from / step 38" in learning_rate 6's 132 px there at
         * 1280x720 --projector. */
        snprintf(label[labels++], sizeof label[0], _("step %ld on"), exit);
        /* Right of the y axis, off its value labels (in Chinese the note
         * ran from the panel's edge across them), beside its arrow where
         * the lines fit there, else as wide as the plot. */
        bool left = x - b->ix > 0.5 * b->iw;
        double from = b->ix + pad, to = b->x + b->w - pad;
        double near_from = left ? from : x + beside, near_to = left ? x - beside : to;
        /* Each wording beside the arrow, then as wide as the plot, where
         * its lines fit the plot. */
        ExitWording wordings[2 * 4];
        size_t count = 0;
        for (int v = 0; v < labels; v++)
            for (int whole = 0; whole < 2; whole++) {
                ExitWording *o = &wordings[count];
                double room = whole ? to - from : near_to - near_from;
                o->n = render_wrap(r, px, label[v], room, &o->lines[0][0], sizeof o->lines[0],
                                   PLOT_EXIT_LINES + 1);
                if (o->n > PLOT_EXIT_LINES || rows.top + o->n * line > rows.bottom)
                    continue;
                o->w = 0;
                for (int k = 0; k < o->n; k++)
                    o->w = fmax(o->w, render_text_width(r, o->lines[k], px));
                o->x = exit_note_left(x, o->w, left, beside, from, to);
                o->label = v;
                count++;
            }
        /* A diverged run's "step N on" only where no note saying it
         * diverged fits at all: taken where those hid a curve, it was
         * schedules 3's English note, "from step 1", while the Chinese,
         * narrower, said "在第 7 步发散". */
        ExitPlace best = {NULL, {0}, SIZE_MAX};
        for (int near = 1; near >= 0 && best.least > 0; near--) {
            double lowest = near ? rows.top + PLOT_EXIT_NEAR * line : rows.bottom;
            bool shortest_left_out = false;
            for (size_t c = 0; c < count && best.least > 0; c++) {
                const ExitWording *o = &wordings[c];
                if (c == 0 || o->label != wordings[c - 1].label)
                    shortest_left_out = diverged && o->label == labels - 1 && best.wording;
                if (!shortest_left_out)
                    exit_scan_rows(&rows, o, lowest, &best);
            }
        }
        ExitWording fallback;
        if (!best.wording) {
            /* The plot holds no line of any: the shortest at the top. */
            fallback.n = 1;
            fallback.w = render_text_width(r, label[labels - 1], px);
            fallback.x = exit_note_left(x, fallback.w, left, beside, from, to);
            snprintf(fallback.lines[0], sizeof fallback.lines[0], "%s", label[labels - 1]);
            best = (ExitPlace){&fallback,
                               {fallback.x - rows.pad, rows.top, fallback.w + 2.0 * rows.pad, line},
                               0};
        }
        exit_note(r, best.wording, best.at, px, color);
        placed[rows.notes++] = best.at;
    }
    for (size_t i = 0; i < scene->run_count; i++)
        if (run_exit(scene, i, p, b, &exit, &x))
            exit_arrow(r, x, b, render_run_color(r, i, 1.0f));
}

/* The updates a lesson names (display.loss_marks), numbered 1, 2 … over
 * the highest curve in their column once a run has reached them: adaptive
 * 5's caption names four of RMSProp's leaps, its plot shows fourteen
 * peaks, and a class could not tell which four (issue 12). */
static void plot_marks(Renderer *r, const Scene *scene, const LossScale *p, const PlotBox *b,
                       int px)
{
    double s = r->scale, line = render_line_height(r, px), span = p->span - p->from;
    double columns = fmax(floor(b->iw), 1.0), right = -(double)INFINITY;
    for (size_t m = 0; m < scene->display.loss_mark_count && !p->time && span > 0; m++) {
        size_t update = scene->display.loss_marks[m];
        double c = floor(plot_x_fraction(p, (double)update) * columns);
        if (c < 0 || c >= columns)
            continue;
        /* The column's updates, as plot_run gathers them. */
        size_t first = (size_t)ceil(p->from + c / columns * span),
               last = (size_t)(p->from + (c + 1) / columns * span);
        double top = -(double)INFINITY;
        for (size_t i = 0; i < scene->run_count; i++) {
            const Run *run = &scene->runs[i].run;
            for (size_t k = first; !scene->runs[i].hidden && run->count > update &&
                                   k <= last && k < run->count;
                 k++)
                top = fmax(top, loss_scale_value(p, run->path[k].loss));
        }
        if (!isfinite(top))
            continue;
        double x = b->ix + c + 0.5,
               y = b->iy + b->ih - (fmin(top, p->hi) - p->lo) / (p->hi - p->lo) * b->ih;
        char number[24]; /* any size_t: at most LESSON_PLOT_MARKS in a lesson */
        snprintf(number, sizeof number, "%zu", m + 1);
        /* Apart from the number before, a little right of its peak where
         * they crowd: at 1280x720 --projector 3 and 4 read "34". */
        double half = 0.5 * render_text_width(r, number, px),
               at = fmax(x, right + 5.0 * s + half);
        right = at + half;
        shapes_disc(r->shapes, x, y, 1.5 * s, r->theme->text);
        render_text(r, number, at, y - line - 1.0 * s, px, ALIGN_CENTER, r->theme->text);
    }
}

/* Loss versus step for every shown run in rect. */
static void draw_plot(Renderer *r, const Scene *scene, LayoutRect rect)
{
    double s = r->scale;
    LossScale p = frame_needs_hold(r, scene) ? r->needs->loss : plot_scale(r, scene);
    PlotBox b = plot_box(r, &p, rect);
    double x = b.x, y = b.y, ix = b.ix, iy = b.iy, iw = b.iw, ih = b.ih;
    int px = render_font_px(r, SMALL_PX);
    double line = render_line_height(r, px);
    render_panel(r, rect);
    render_note_plot_area(r, (LayoutRect){ix, iy, iw, ih});
    /* Whose loss it is where the panel has room for it (plot_need). */
    char label[96];
    plot_title(&p, scene->swarm && !scene->runs[scene->swarm_run].hidden, label, sizeof label);
    if (render_text_width(r, label, px) + 20.0 * s > rect.w)
        plot_title(&p, false, label, sizeof label);
    render_text(r, label, x + 10.0 * s, y + PLOT_TITLE_TOP * s, px, ALIGN_LEFT, r->theme->text);
    const Rgba axis = r->theme->axis;
    shapes_segment(r->shapes, ix, iy + ih, ix + iw, iy + ih, 0.5 * s, axis);
    shapes_segment(r->shapes, ix, iy, ix, iy + ih, 0.5 * s, axis);
    render_text(r, b.top_label, ix - 6.0 * s, iy - 0.5 * line, px, ALIGN_RIGHT, r->theme->dim);
    render_text(r, b.bottom_label, ix - 6.0 * s, iy + ih - 0.5 * line, px, ALIGN_RIGHT,
                r->theme->dim);
    plot_said(r, (double)NAN, iy, b.top_label);
    plot_said(r, (double)NAN, iy + ih, b.bottom_label);
    if (p.log)
        plot_draw_decades(r, b.ix, b.iy, b.iw, b.ih, p.lo, p.hi, &b.decades, px);
    plot_span_label(&p, label, sizeof label);
    render_text(r, label, ix + iw, iy + ih + 3.0 * s, px, ALIGN_RIGHT, r->theme->dim);
    snprintf(label, sizeof label, "%.0f", p.from);
    render_text(r, label, ix, iy + ih + 3.0 * s, px, ALIGN_LEFT, r->theme->dim);
    PlotTrace trace = {.columns = (int)fmax(iw, 1.0)};
    trace.y = malloc(scene->run_count * (size_t)trace.columns * sizeof *trace.y);
    trace.band = malloc(2 * scene->run_count * (size_t)trace.columns * sizeof *trace.band);
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        if (scene->runs[i].hidden)
            continue;
        plot_run(r, run, 0, run->count, &p, ix, iy, iw, ih, render_run_color(r, i, 1.0f),
                 &trace);
        if (run->count < run->known)
            plot_run(r, run, run->count - 1, run->known, &p, ix, iy, iw, ih,
                     render_run_color(r, i, 0.3f), NULL);
    }
    plot_exits(r, scene, &p, &b, &trace, px);
    plot_marks(r, scene, &p, &b, px);
    free(trace.y);
    free(trace.band);
    plot_timeline(r, scene, &p, &b, px);
}

/* ------------------------------------------------------------------------ */
/* Colour bar (above the plots)                                              */

/* The widest labels the colour bar can have, which its least width makes
 * room for: its values are known only once the heatmap is drawn.  An end
 * written as a bound ("≤ 0.0175", draw_colorbar) takes of the middle's
 * room: the middle is left out where the ends leave none, and the bar
 * keeps main's width (wider, it reached the map at 960x540). */
#define COLORBAR_END_WIDEST "-8.88e-88"
/* The bar's name, left of it, once: the values under it are its scale's
 * ticks.  Its middle value read "L = 46.4" and students took it for the
 * loss now. */
#define COLORBAR_TITLE N_("loss")
/* On a log scale the colours follow log(L − Lmin + ε) (value_scale.h),
 * not log L: "loss (log)" over 0.316, 0.326, 3.37 read as wrong, a log
 * of L would put 1.03 at the middle.  Its values are L − Lmin, which the
 * name says: they read L, "0.316 0.326 3.37" on adam_vs_sgd_network's
 * bar named log(L − Lmin), where welcome 4's, its Lmin 0, read L − Lmin. */
#define COLORBAR_TITLE_LOG N_("loss: L − Lmin (log)")

/* The bar's name for this scale. */
static const char *colorbar_title(bool log_scale)
{
    return log_scale ? _(COLORBAR_TITLE_LOG) : _(COLORBAR_TITLE);
}

/* The width of the colour bar's end mark (draw_colorbar), in the room the
 * bar leaves past its ends: the panel's 10 px padding, the 8 px after the
 * name.  The bar keeps main's length, whether the mark is drawn or not:
 * shorter, it lost its middle value (schedules 5 at 1280x720 --projector). */
#define COLORBAR_CAP 6.0

/* The colour bar with its name left of it and its three values under it,
 * or (two_lines, narrower) with its name on a line of its own under its
 * values, the middle one where the end ones leave it room. */
static LayoutRequest colorbar_need(Renderer *r, bool two_lines)
{
    double s = r->scale, pad = 10.0 * s;
    int px = render_font_px(r, SMALL_PX);
    double line = render_line_height(r, px);
    double h = 10.0 * s + line + 2 * pad + 2.0 * s + (two_lines ? line : 0.0);
    /* Room for either name: the scale is known only once the heatmap is drawn. */
    double name = fmax(render_text_width(r, colorbar_title(false), px),
                       render_text_width(r, colorbar_title(true), px));
    double end = render_text_width(r, COLORBAR_END_WIDEST, px);
    /* The middle value centred, the end values beside it with a gap. */
    double min_w = two_lines ? fmax(name, 2 * end + 8.0 * s) + 2 * pad
                             : name + 8.0 * s + 3 * end + 16.0 * s + 2 * pad;
    return (LayoutRequest){true, fmax(PLOT_WIDTH * s, min_w), h, min_w, h, false};
}

/* The colour bar's end mark: a triangle of the colour at t from the bar's
 * end at x (its top at y, h high) to its tip reach (± its width) past it. */
static void colorbar_end(Renderer *r, const Scene *scene, double x, double y, double h,
                         double reach, double t)
{
    Rgba colour = theme_paper(r->theme, heatmap_color(r->heatmap, scene->display.colormap, t));
    shapes_triangle(r->shapes, (double[2]){x, y}, (double[2]){x, y + h},
                    (double[2]){x + reach, y + 0.5 * h}, colour);
}

/* An end's value: value, or bound by sign ("≤", "≥") where the end colour
 * stands for every value beyond it too. */
static void colorbar_end_text(double value, const char *bound, char *dest, size_t size)
{
    char number[32];
    number_text(value, 3, number, sizeof number);
    snprintf(dest, size, "%s%s%s", bound ? bound : "", bound ? " " : "", number);
}

/* What the colours mean: the colormap from the lowest to the highest value
 * over the scene's colour view (scene_colour_view: in a lesson one for
 * every 2D step on a landscape), named, with the values at its ends and
 * middle as ticks: L on a linear scale, L − Lmin on a log one (the middle
 * far below the arithmetic mean).  Where the landscape around that view
 * reaches values beyond those (heatmap_beyond, whatever the map's shape),
 * a triangle of the end colour past that end says the colour goes on
 * there (matplotlib's extended colorbar), and its value is
 * a bound, "≥ 77.1", which says what the triangle means (issue 12).  A log
 * scale's lowest colour is every L − Lmin up to its floor (value_scale.h):
 * its foot reads "≤ 0.0175", not "0", which a log has no place for. */
static void draw_colorbar(Renderer *r, const Scene *scene, LayoutRect rect)
{
    double lo, hi;
    bool log_scale;
    if (!heatmap_range(r->heatmap, &lo, &hi, &log_scale))
        return;
    double s = r->scale, pad = 10.0 * s;
    int px = render_font_px(r, SMALL_PX);
    double bar_h = 10.0 * s, line = render_line_height(r, px);
    bool two_lines = rect.h >= colorbar_need(r, true).h - 0.5;
    render_panel(r, rect);
    const char *title = colorbar_title(log_scale);
    r->marks_drawn |= log_scale ? RENDER_MARK_LEAST : 0u;
    double by = rect.y + pad, ty = by + bar_h + 2.0 * s, bx = rect.x + pad;
    if (two_lines)
        render_text(r, title, rect.x + 0.5 * rect.w, ty + line, px, ALIGN_CENTER,
                    r->theme->text);
    else {
        render_text(r, title, bx, by + 0.5 * bar_h - 0.5 * line, px, ALIGN_LEFT, r->theme->text);
        bx += render_text_width(r, title, px) + 8.0 * s;
    }
    double bw = rect.x + rect.w - pad - bx, cap = COLORBAR_CAP * s;
    bool below, above;
    heatmap_beyond(r->heatmap, &below, &above);
    if (below)
        colorbar_end(r, scene, bx, by, bar_h, -cap, 0.0);
    if (above)
        colorbar_end(r, scene, bx + bw, by, bar_h, cap, 1.0);
    enum { STEPS = 96 };
    for (int k = 0; k < STEPS; k++)
        shapes_rect(r->shapes, bx + bw * k / STEPS, by, bw / STEPS + 0.5, bar_h,
                    theme_paper(r->theme, heatmap_color(r->heatmap, scene->display.colormap,
                                                        (k + 0.5) / STEPS)));
    char low[48], middle[32], high[48];
    double base = log_scale ? lo : 0.0;
    ValueScale scale = heatmap_scale(r->heatmap);
    colorbar_end_text(log_scale ? scale.floor_ : lo, below || log_scale ? "≤" : NULL, low,
                      sizeof low);
    number_text(heatmap_value_at(r->heatmap, 0.5) - base, 3, middle, sizeof middle);
    colorbar_end_text(hi - base, above ? "≥" : NULL, high, sizeof high);
    render_text(r, low, bx, ty, px, ALIGN_LEFT, r->theme->dim);
    render_text(r, high, bx + bw, ty, px, ALIGN_RIGHT, r->theme->dim);
    /* The middle value with its tick, down from the bar, where it keeps
     * 8 px from the end values. */
    double half = 0.5 * render_text_width(r, middle, px) + 8.0 * s;
    if (render_text_width(r, low, px) + half > 0.5 * bw ||
        render_text_width(r, high, px) + half > 0.5 * bw)
        return;
    shapes_segment(r->shapes, bx + 0.5 * bw, by + 0.5 * bar_h, bx + 0.5 * bw, ty, 0.6 * s,
                   r->theme->mark);
    render_text(r, middle, bx + 0.5 * bw, ty, px, ALIGN_CENTER, r->theme->dim);
}

/* ------------------------------------------------------------------------ */
/* Caption, notice, error and help                                          */

/* Breaks text into the lines of w at px pixels, unless it is already. */
static void wrap_text(Renderer *r, WrappedCaption *w, const char *text, int px, double max_width)
{
    if (w->px == px && w->max_width == max_width && strcmp(w->source, text) == 0)
        return;
    snprintf(w->source, sizeof w->source, "%s", text);
    w->px = px;
    w->max_width = max_width;
    /* One line more than is shown tells that the text would be cut. */
    enum { ROWS = CAPTION_MAX_LINES + 1 };
    w->count = render_wrap_noting_cuts(r, px, w->source, max_width, &w->lines[0][0],
                                       CAPTION_LINE_MAX, ROWS, &w->cut_word);
    w->cut = w->count > CAPTION_MAX_LINES;
    /* Balanced: the narrowest width that needs no more lines and parts no
     * more of what reads as one ("200 / examples", issue 12), so the last
     * line is not a lone word or a lone Chinese character.  With n lines
     * the text is wider than (n - 1) / n of max_width, so half of it is
     * narrow enough to start from. */
    if (w->count >= 2) {
        double narrow = 0.5 * max_width, wide = max_width;
        int cost = 0, narrower_cost = 0;
        wrap_costing(r, px, w->source, max_width, &w->lines[0][0], CAPTION_LINE_MAX, ROWS, &cost);
        for (int k = 0; k < 10; k++) {
            double mid = 0.5 * (narrow + wide);
            if (wrap_costing(r, px, w->source, mid, &w->lines[0][0], CAPTION_LINE_MAX, ROWS,
                             &narrower_cost) <= w->count &&
                narrower_cost <= cost)
                wide = mid;
            else
                narrow = mid;
        }
        w->count = render_wrap(r, px, w->source, wide, &w->lines[0][0], CAPTION_LINE_MAX, ROWS);
    }
    w->count = w->count > CAPTION_MAX_LINES ? CAPTION_MAX_LINES : w->count;
    w->width = 0;
    for (int i = 0; i < w->count; i++)
        w->width = fmax(w->width, render_text_width(r, w->lines[i], px));
}

/* text wrapped at max_width from cache c (the layout tries a few widths a
 * frame, the same ones frame after frame). */
static const WrappedCaption *wrap_cached(Renderer *r, WrapCache *c, const char *text, int px,
                                         double max_width)
{
    for (int k = 0; k < WRAP_CACHE; k++) {
        const WrappedCaption *w = &c->entry[k];
        if (w->px == px && w->max_width == max_width && strcmp(w->source, text) == 0)
            return w;
    }
    WrappedCaption *w = &c->entry[c->next];
    c->next = (c->next + 1) % WRAP_CACHE;
    wrap_text(r, w, text, px, max_width);
    return w;
}

/* A wrapped text panel at the bottom: the caption (large), the
 * presenter's hint (small, in the accent colour), the notice. */
typedef struct BandText {
    Renderer *r;
    WrapCache *cache;
    const char *text;
    int px;
    double pad, widest;
    Rgba color;
} BandText;

/* The width t's lines may take in its panel at most max_width wide. */
static double band_line_width(const BandText *t, double max_width)
{
    return fmin(max_width - 2 * t->pad, t->widest);
}

static const WrappedCaption *band_wrap(const BandText *t, double max_width)
{
    return wrap_cached(t->r, t->cache, t->text, t->px, band_line_width(t, max_width));
}

/* text's size wrapped at px pixels within max_width (wrap_text's),
 * remembered in r->wrapped_sizes. */
static const WrappedSize *wrapped_size(Renderer *r, const char *text, int px, double max_width)
{
    /* FNV-1a over the text, the size and the width's bits. */
    uint64_t hash = 14695981039346656037u, width_bits;
    for (const unsigned char *c = (const unsigned char *)text; *c; c++)
        hash = (hash ^ *c) * 1099511628211u;
    memcpy(&width_bits, &max_width, sizeof width_bits);
    hash = (hash ^ (uint64_t)(unsigned)px) * 1099511628211u;
    hash = (hash ^ width_bits) * 1099511628211u;
    WrappedSize *m = &r->wrapped_sizes[hash % WRAPPED_SIZES];
    if (m->px != px || m->hash != hash || m->max_width != max_width) {
        const WrappedCaption *w = &r->wrap_scratch;
        wrap_text(r, &r->wrap_scratch, text, px, max_width);
        *m = (WrappedSize){hash, px, max_width, w->width, w->count, w->cut, w->cut_word};
    }
    return m;
}

static void band_size(void *context, double max_width, double *w, double *h, bool *cut)
{
    const BandText *t = context;
    const WrappedSize *wrapped = wrapped_size(t->r, t->text, t->px, band_line_width(t, max_width));
    *w = wrapped->width + 2 * t->pad;
    *h = wrapped->count * render_line_height(t->r, t->px) + 2 * t->pad;
    /* A narrower width that cuts a word is no form of the text: the
     * notice's narrowest wraps split "momentum" of a run's spec. */
    *cut = wrapped->cut || wrapped->cut_word || wrapped->width > max_width - 2 * t->pad;
}

static BandText caption_text(Renderer *r, const Scene *scene)
{
    return (BandText){r,
                      &r->caption,
                      scene->caption,
                      render_font_px(r, BODY_PX + 5),
                      12.0 * r->scale,
                      960.0 * r->scale,
                      r->theme->text};
}

/* The hint is all there for the presenter (wrapped, never cut) and never
 * in a recording. */
static bool hint_shown(const Renderer *r, const Scene *scene)
{
    return scene->hint[0] && r->audience == RENDER_FOR_WINDOW;
}

static BandText hint_text(Renderer *r, const Scene *scene)
{
    return (BandText){r,
                      &r->hint,
                      scene->hint,
                      render_font_px(r, SMALL_PX),
                      6.0 * r->scale,
                      960.0 * r->scale,
                      r->theme->accent};
}

/* The notice at its text size, or (least) at the least one, which the
 * layout takes where the notice would cover much of the map
 * (LayoutInput.notice_compact). */
static BandText notice_text(Renderer *r, const Scene *scene, bool least)
{
    return (BandText){r,
                      &r->notice,
                      scene->notice,
                      least ? render_least_font_px(r->scale) : render_font_px(r, BODY_PX + 2),
                      (least ? 6.0 : 10.0) * r->scale,
                      960.0 * r->scale,
                      r->theme->text};
}

/* The text wrapped at width (as the layout measured it), in its own panel
 * centred at the foot of rect (the room the layout kept: a caption's is
 * its group's tallest caption's). */
static void draw_band(Renderer *r, const BandText *t, LayoutRect rect, double width)
{
    const WrappedCaption *w = band_wrap(t, width);
    double line = render_line_height(r, t->px), centre = rect.x + 0.5 * rect.w;
    double h = fmin(w->count * line + 2 * t->pad, rect.h), top = rect.y + rect.h - h;
    double panel_w = fmin(w->width + 2 * t->pad, rect.w);
    render_panel(r, (LayoutRect){centre - 0.5 * panel_w, top, panel_w, h});
    for (int i = 0; i < w->count; i++)
        render_text(r, w->lines[i], centre, top + t->pad + i * line, t->px, ALIGN_CENTER,
                    t->color);
}

/* Widths a group's caption size is remembered at: the layout asks the
 * same few many times. */
#define GROUP_WIDTHS 8

/* The captions (or the hints) of the steps in the scene's group
 * (SceneDisplay.lesson) as one text for the layout: at each width the
 * widest and tallest of them, cut when any is (each must fit whole in the
 * room kept). */
typedef struct GroupCaptions {
    BandText own;           /* the step's own caption (hint) */
    bool hints;             /* the steps' hints, not their captions */
    const LessonStep *steps;
    size_t count;
    double width[GROUP_WIDTHS], w[GROUP_WIDTHS], h[GROUP_WIDTHS];
    bool cut[GROUP_WIDTHS];
    size_t seen;
} GroupCaptions;

/* Step k's text of the group (its caption or its hint), "" for none. */
static const char *group_text(const GroupCaptions *g, size_t k)
{
    const char *text = g->hints ? g->steps[k].hint : g->steps[k].caption;
    return text ? text : "";
}

static void group_caption_size(void *context, double max_width, double *w, double *h,
                               bool *cut)
{
    GroupCaptions *g = context;
    for (size_t k = 0; k < g->seen && k < GROUP_WIDTHS; k++)
        if (g->width[k] == max_width) {
            *w = g->w[k];
            *h = g->h[k];
            *cut = g->cut[k];
            return;
        }
    *w = *h = 0;
    *cut = false;
    if (g->own.text[0])
        band_size(&g->own, max_width, w, h, cut);
    BandText other = g->own;
    for (size_t k = 0; k < g->count; k++) {
        other.text = group_text(g, k);
        if (!other.text[0])
            continue;
        double ow, oh;
        bool ocut;
        band_size(&other, max_width, &ow, &oh, &ocut);
        *w = fmax(*w, ow);
        *h = fmax(*h, oh);
        *cut = *cut || ocut;
    }
    size_t k = g->seen++ % GROUP_WIDTHS;
    g->width[k] = max_width;
    g->w[k] = *w;
    g->h[k] = *h;
    g->cut[k] = *cut;
}

/* Whether any step of the group has the text. */
static bool group_captioned(const GroupCaptions *g)
{
    for (size_t k = 0; k < g->count; k++)
        if (group_text(g, k)[0])
            return true;
    return g->own.text[0] != '\0';
}

/* An error in place of the stage: the frame darkened, the message in the
 * middle, until the scene's error is cleared. */
static void draw_error(Renderer *r, const Scene *scene)
{
    double s = r->scale, pad = 18.0 * s;
    int px = render_font_px(r, BODY_PX + 3), title_px = render_font_px(r, TITLE_PX);
    wrap_text(r, &r->error, scene->error, px, fmin(0.8 * r->width, 1100.0 * s));
    double line = text_line_height(r->text, px), title_h = text_line_height(r->text, title_px);
    double w = render_text_width(r, _("This lesson cannot be shown"), title_px);
    for (int i = 0; i < r->error.count; i++)
        w = fmax(w, render_text_width(r, r->error.lines[i], px));
    double h = title_h + 8.0 * s + r->error.count * line + 2 * pad;
    double x = 0.5 * (r->width - w) - pad, y = 0.5 * (r->height - h);
    Rgba veil = r->theme->shade;
    veil.a = 0.88f;
    shapes_rect(r->shapes, 0, 0, r->width, r->height, veil);
    shapes_rect(r->shapes, x, y, w + 2 * pad, h, r->theme->help_panel);
    render_text(r, _("This lesson cannot be shown"), x + pad, y + pad, title_px, ALIGN_LEFT,
                r->theme->warn);
    for (int i = 0; i < r->error.count; i++)
        render_text(r, r->error.lines[i], x + pad, y + pad + title_h + 8.0 * s + i * line, px,
                    ALIGN_LEFT, r->theme->text);
}

/* The help overlay: every key at the frame's text size, never smaller (it
 * shrank to fit and at 900x640 --projector read 10 pixels high, issue
 * 12), in two columns where each leaves what the keys do HELP_ACTION_EMS
 * ems, else one, and on as many pages as the frame's height needs: a row
 * wraps within its column and never breaks across columns or pages; h
 * turns the pages (keys.c, render_help_pages). */
#define HELP_ACTION_EMS 20.0
/* Lines a row's keys or what they do wrap to at most. */
#define HELP_ROW_LINES 6

typedef struct HelpPlan {
    int px, title_px;
    double s, pad, line, title_h, gap, column_gap;
    double keys_w, action_w; /* a column's parts */
    int columns;
    double room;             /* a column's height for rows */
    size_t pages;
    double rows_h;           /* the tallest column's rows */
    double x, y, w, h;       /* the panel */
} HelpPlan;

/* The lines row i's keys (or what they do) wrap to within width, in lines. */
static int help_wrap(Renderer *r, const HelpPlan *p, size_t i, bool keys,
                     char lines[HELP_ROW_LINES][CAPTION_LINE_MAX])
{
    double width = keys ? p->keys_w : p->action_w;
    const char *text = keys ? r->help[i].keys : r->help[i].action;
    return render_wrap(r, p->px, text, width, &lines[0][0], CAPTION_LINE_MAX, HELP_ROW_LINES);
}

static double help_row_h(Renderer *r, const HelpPlan *p, size_t i)
{
    char lines[HELP_ROW_LINES][CAPTION_LINE_MAX];
    int n = help_wrap(r, p, i, true, lines), m = help_wrap(r, p, i, false, lines);
    return (n > m ? n : m) * p->line;
}

/* Flows the rows into p's columns and pages: p->pages and p->rows_h (the
 * tallest column); with visit, calls it for each row on page (from 0), y
 * from the top of the rows. */
static void help_flow(Renderer *r, HelpPlan *p, size_t page,
                      void (*visit)(Renderer *, const HelpPlan *, size_t, int, double))
{
    size_t at_page = 0;
    int column = 0;
    double y = 0, tallest = 0;
    for (size_t i = 0; i < r->help_count; i++) {
        double h = help_row_h(r, p, i);
        if (y > 0 && y + h > p->room) {
            y = 0;
            if (++column == p->columns) {
                column = 0;
                at_page++;
            }
        }
        if (visit && at_page == page)
            visit(r, p, i, column, y);
        y += h;
        tallest = fmax(tallest, y);
    }
    p->pages = at_page + 1;
    p->rows_h = tallest;
}

/* The overlay's sizes at the frame's text size, centred in the frame. */
static HelpPlan help_plan(Renderer *r)
{
    HelpPlan p = {.px = render_font_px(r, BODY_PX), .title_px = render_font_px(r, TITLE_PX),
                  .s = r->scale};
    p.pad = 18.0 * p.s;
    p.gap = 24.0 * p.s;
    p.column_gap = 36.0 * p.s;
    p.line = text_line_height(r->text, p.px);
    p.title_h = text_line_height(r->text, p.title_px) + 8.0 * p.s;
    double margin = 8.0 * p.s, keys_w = 0, action_w = 0;
    for (size_t i = 0; i < r->help_count; i++) {
        keys_w = fmax(keys_w, render_text_width(r, r->help[i].keys, p.px));
        action_w = fmax(action_w, render_text_width(r, r->help[i].action, p.px));
    }
    double inner = r->width - 2 * margin - 2 * p.pad;
    p.room = r->height - 2 * margin - 2 * p.pad - p.title_h;
    for (p.columns = 2; p.columns >= 1; p.columns--) {
        double column = (inner - (p.columns - 1) * p.column_gap) / p.columns;
        /* The keys take at most a third of a column ("→ PageDown Enter /
         * ← PageUp" wraps), what they do the rest. */
        p.keys_w = fmin(keys_w, column / 3.0);
        p.action_w = fmin(action_w, column - p.keys_w - p.gap);
        if (p.columns == 1 || column - p.keys_w - p.gap >= HELP_ACTION_EMS * p.px)
            break;
    }
    p.action_w = fmax(p.action_w, p.px);
    help_flow(r, &p, 0, NULL);
    p.w = p.columns * (p.keys_w + p.gap + p.action_w) + (p.columns - 1) * p.column_gap +
          2 * p.pad;
    p.h = p.title_h + p.rows_h + 2 * p.pad;
    p.x = 0.5 * (r->width - p.w);
    p.y = 0.5 * (r->height - p.h);
    return p;
}

static void draw_help_row(Renderer *r, const HelpPlan *p, size_t i, int column, double y)
{
    char lines[HELP_ROW_LINES][CAPTION_LINE_MAX];
    double x = p->x + p->pad + column * (p->keys_w + p->gap + p->action_w + p->column_gap);
    double top = p->y + p->pad + p->title_h + y;
    int n = help_wrap(r, p, i, true, lines);
    for (int k = 0; k < n; k++)
        render_text(r, lines[k], x + p->keys_w, top + k * p->line, p->px, ALIGN_RIGHT,
                    r->theme->accent);
    n = help_wrap(r, p, i, false, lines);
    for (int k = 0; k < n; k++)
        render_text(r, lines[k], x + p->keys_w + p->gap, top + k * p->line, p->px, ALIGN_LEFT,
                    r->theme->text);
}

static void draw_help(Renderer *r, const Scene *scene)
{
    HelpPlan p = help_plan(r);
    r->help_pages = p.pages;
    size_t page = scene->display.help_page < p.pages ? scene->display.help_page : p.pages - 1;
    shapes_rect(r->shapes, 0, 0, r->width, r->height, r->theme->shade);
    shapes_rect(r->shapes, p.x, p.y, p.w, p.h, r->theme->help_panel);
    char title[160];
    if (p.pages > 1)
        snprintf(title, sizeof title, _("descent — keys %zu/%zu (h: next page, Esc closes)"),
                 page + 1, p.pages);
    else
        snprintf(title, sizeof title, "%s", _("descent — keys (Esc closes)"));
    render_text(r, title, p.x + p.pad, p.y + p.pad, p.title_px, ALIGN_LEFT, r->theme->text);
    help_flow(r, &p, page, draw_help_row);
}

size_t render_help_pages(const Renderer *r)
{
    return r->help_pages;
}

/* How many panels l shows in their compact forms. */
static int compact_forms(const Layout *l)
{
    int count = 0;
    for (int p = 0; p < LAYOUT_PANELS; p++)
        count += l->shown[p] && l->compact[p];
    return count;
}

/* The narrow legend where the map then shows the view larger, as layout.h's
 * search weighs arrangements, dropping nothing more. */
static void choose_legend(Renderer *r, LayoutInput *in, LayoutRequest narrow,
                          LayoutRequest narrow_compact)
{
    Layout wide = r->layout;
    in->panel[LAYOUT_LEGEND] = narrow;
    in->compact[LAYOUT_LEGEND] = narrow_compact;
    layout_compute(in, &r->layout);
    /* Keeping more panels comes first: an experiment's plot beside a wide
     * legend had no room at 1280x720 --projector and was dropped; then the
     * caption held within its share (escape 2 at 1280x720 --projector: the
     * wide legend left room for the plots only beside a caption six lines
     * high, the narrow one across four). */
    int kept = 0;
    for (int p = 0; p < LAYOUT_PANELS; p++)
        kept += (int)r->layout.shown[p] - (int)wide.shown[p];
    /* Then the step's subject plot at the height it asks for
     * (Layout.dynamics_held): escape 3 at 1280x720 --projector drew its
     * experiment in about 70 pixels beside the wide legend's larger map. */
    bool held = r->layout.caption_held;
    bool plot_held = r->layout.dynamics_held && !wide.dynamics_held,
         plot_lost = wide.dynamics_held && !r->layout.dynamics_held;
    /* Then the map, and compact forms taken only for a map that scores
     * LAYOUT_MAP_GAIN higher, as in the search: momentum 3 in Chinese at
     * 1280x720 --projector kept the wide legend and the loss plot in
     * their compact forms for a map scoring 3.7% over the narrow
     * legend's, whose view was 365 pixels high, not 321. */
    double narrow_score = layout_map_score(in, &r->layout),
           wide_score = layout_map_score(in, &wide);
    bool map_better = compact_forms(&r->layout) < compact_forms(&wide)
                          ? wide_score <= LAYOUT_MAP_GAIN * narrow_score
                          : narrow_score > LAYOUT_MAP_GAIN * wide_score;
    r->legend_narrow =
        kept > 0 ||
        (kept == 0 && (held || !wide.caption_held) &&
         ((held && !wide.caption_held) || plot_held ||
          (!plot_lost && map_better && (r->layout.complete || !wide.complete))));
    if (!r->legend_narrow)
        r->layout = wide;
}

/* What the panels of a scene on a two-parameter landscape ask for, the
 * legend's narrow forms in narrow[0] (full) and narrow[1] (compact),
 * with every run shown: hiding a run (Shift+digit) empties its curves from
 * the plots and its row in the legend, and a class must not see the map
 * jump for it (at 1280x720, with test_cloud's one run hidden, the map
 * went from (12, 107) to (402, 12)).  Measured on a copy of the scene
 * that borrows what the scene owns (only read, never destroyed).  keep:
 * where the legend's forms and the plot's scale are kept for the frame
 * (the frame's own scene), or NULL (a step of its group). */
static void landscape_needs(Renderer *r, const Scene *scene_hiding, LayoutInput *in,
                            LayoutRequest narrow[2], struct FrameNeeds *keep)
{
    /* Copied only where a run is hidden: a frame's copy was 61,000
     * instructions of the race's 1.3 M in landscape_needs. */
    bool hiding = !every_run_shown(scene_hiding);
    Scene *shown = hiding ? malloc(sizeof *shown) : NULL;
    LegendRuns *runs = malloc(sizeof *runs);
    struct FrameNeeds *needs = keep ? keep : malloc(sizeof *needs);
    if ((hiding && !shown) || !runs || !needs) {
        free(shown);
        free(runs);
        if (!keep)
            free(needs);
        return;
    }
    const Scene *scene = scene_hiding;
    if (hiding) {
        *shown = *scene_hiding;
        for (size_t i = 0; i < shown->run_count; i++)
            shown->runs[i].hidden = false;
        scene = shown;
    }
    legend_runs(r, scene, runs);
    in->panel[LAYOUT_LEGEND] =
        legend_need(r, scene, runs, false, false, &needs->legend[false][false]);
    in->compact[LAYOUT_LEGEND] =
        legend_need(r, scene, runs, true, false, &needs->legend[true][false]);
    narrow[0] = legend_need(r, scene, runs, false, true, &needs->legend[false][true]);
    narrow[1] = legend_need(r, scene, runs, true, true, &needs->legend[true][true]);
    in->panel[LAYOUT_FORMULA] = render_formula_need(r, scene);
    plot_need(r, scene, &in->panel[LAYOUT_LOSS], &in->compact[LAYOUT_LOSS], &needs->loss);
    /* An experiment's picture takes the dynamics plot's place. */
    in->panel[LAYOUT_DYNAMICS] = scene->experiment ? render_experiment_need(r, scene, false)
                                                   : render_dynamics_need(r, scene, false);
    in->compact[LAYOUT_DYNAMICS] = scene->experiment ? render_experiment_need(r, scene, true)
                                                     : render_dynamics_need(r, scene, true);
    /* The experiment is what its step is about (layout.h): held as far
     * towards the area it asks as fits, its points were read in 88 pixels
     * at 1280x720 --projector (escape 4) beside a map 0.5 of the frame. */
    in->dynamics_subject = scene->experiment != NULL;
    in->panel[LAYOUT_COLORBAR] = colorbar_need(r, false);
    in->compact[LAYOUT_COLORBAR] = colorbar_need(r, true);
    in->panel[LAYOUT_INSET] = render_data_inset_need(r, scene, false);
    in->compact[LAYOUT_INSET] = render_data_inset_need(r, scene, true);
    needs->made = true;
    free(shown);
    free(runs);
    if (!keep)
        free(needs);
}

/* to grown to hold from too (each side, each least at the larger); a room
 * only from asks for keeps nothing whole (cut false). */
static void widen(LayoutRequest *to, LayoutRequest from)
{
    if (!from.shown)
        return;
    if (!to->shown) {
        *to = from;
        to->cut = false;
        return;
    }
    to->w = fmax(to->w, from.w);
    to->h = fmax(to->h, from.h);
    to->min_w = fmax(to->min_w, from.min_w);
    to->min_h = fmax(to->min_h, from.min_h);
}

void render_group_release(Renderer *r)
{
    GroupStage *g = &r->group;
    for (size_t k = 0; k < g->count; k++)
        scene_destroy(g->scene[k]);
    *g = (GroupStage){0};
}

/* A hash of the captions of count steps (FNV-1a): which texts the group
 * was staged with. */
static uint64_t captions_hash(const LessonStep *steps, size_t count)
{
    uint64_t hash = 14695981039346656037u;
    for (size_t k = 0; k < count; k++) {
        for (const unsigned char *c = (const unsigned char *)(steps[k].caption ? steps[k].caption
                                                                               : "");
             *c; c++)
            hash = (hash ^ *c) * 1099511628211u;
        hash = (hash ^ 0xFFu) * 1099511628211u; /* ends each caption */
    }
    return hash;
}

/* The steps of scene's group (SceneDisplay.lesson) each on a scene of its
 * own in r->group, staged once while the group is shown, a network's on
 * none (the scene's own stage stands in for its steps); false when its
 * steps' panels cannot be known (an experiment's, measured beside the
 * stage), which is remembered as well. */
static bool group_scenes(Renderer *r, const Scene *scene)
{
    const Lesson *lesson = scene->display.lesson;
    size_t count = scene->display.group_count;
    if (!lesson || count < 2 || count > RENDER_GROUP_MAX || scene->experiment)
        return false;
    GroupStage *g = &r->group;
    const LessonStep *steps = &lesson->steps[scene->display.group_first];
    uint64_t texts = captions_hash(steps, count);
    if (g->steps == steps && g->count == count && g->texts == texts)
        return !g->failed;
    render_group_release(r);
    *g = (GroupStage){.steps = steps, .count = count, .texts = texts};
    if (scene->net)
        return true;
    DescentError err;
    for (size_t k = 0; k < count && !g->failed; k++) {
        g->scene[k] = scene_create(&(SceneOptions){0}, &err);
        g->failed = !g->scene[k] || steps[k].experiment || (steps[k].model && steps[k].model[0]) ||
                    !lesson_player_stage(lesson, scene->display.group_first + k, g->scene[k],
                                         &err) ||
                    g->scene[k]->net;
    }
    if (g->failed)
        for (size_t k = 0; k < count; k++) {
            scene_destroy(g->scene[k]);
            g->scene[k] = NULL;
        }
    return !g->failed;
}

/* The window's state the group's panels are measured in now. */
static GroupRoomKey group_room_key(const Renderer *r)
{
    return (GroupRoomKey){r->width, r->height, r->scale, r->audience, r->theme,
                          i18n_language()};
}

static bool same_room_key(GroupRoomKey a, GroupRoomKey b)
{
    return a.width == b.width && a.height == b.height && a.scale == b.scale &&
           a.audience == b.audience && a.theme == b.theme && strcmp(a.lang, b.lang) == 0;
}

/* The frame's part of a layout's input: its size, the panels' margin and
 * gap, the map's shape; no panel asked for yet. */
static LayoutInput frame_input(const Renderer *r, const Scene *scene)
{
    double s = r->scale;
    return (LayoutInput){.width = r->width, .height = r->height, .margin = 12.0 * s,
                         .gap = 8.0 * s, .landscape_aspect = render_map_aspect(r, scene)};
}

/* The dynamics plot's place in a network scene: the sharpness plot's
 * where plot (a step that asks for it, scene.h), the panel of the starts
 * shape describes (NULL: none) with the figures shown, or both
 * (render_net_dynamics_need). */
static void net_dynamics(Renderer *r, bool plot, const NetStartsPicture *shape, unsigned shown,
                         LayoutInput *in)
{
    in->panel[LAYOUT_DYNAMICS] = render_net_dynamics_need(r, plot, shape, shown, false);
    in->compact[LAYOUT_DYNAMICS] = render_net_dynamics_need(r, plot, shape, shown, true);
    in->dynamics_subject = plot || shape;
}

/* What the panels of a network scene ask for, with net_dynamics's,
 * whatever the scene shows. */
static void net_needs(Renderer *r, const Scene *scene, bool plot, const NetStartsPicture *shape,
                      LayoutInput *in)
{
    render_net_needs(r, scene, in);
    /* The colour bar is the slice's scale: not shown over another picture. */
    if (render_net_slice_shown(scene)) {
        in->panel[LAYOUT_COLORBAR] = colorbar_need(r, false);
        in->compact[LAYOUT_COLORBAR] = colorbar_need(r, true);
    }
    net_dynamics(r, plot, shape, scene->display.starts_tally, in);
}

/* in's panels and the legend's narrow forms grown to hold those of the
 * group's steps first .. + count - 1 (GroupStage.need). */
static void reserve_steps(const GroupStage *g, size_t first, size_t count, LayoutInput *in,
                          LayoutRequest narrow[2])
{
    for (size_t k = first; k < first + count; k++) {
        for (int p = 0; p < LAYOUT_PANELS; p++) {
            widen(&in->panel[p], g->need[k].panel[p]);
            widen(&in->compact[p], g->need[k].compact[p]);
        }
        in->dynamics_subject = in->dynamics_subject || g->need[k].dynamics_subject;
        widen(&narrow[0], g->narrow[k][0]);
        widen(&narrow[1], g->narrow[k][1]);
    }
}

/* r->layout of in (its panels asked for) with the caption and hint bands
 * held for `count` steps from `steps` as well as for the scene's own
 * texts where own, or for those steps' alone; bare: no band at all.  The legend takes its narrow form where that shows the map
 * better (choose_legend). */
static void lay_out(Renderer *r, const Scene *scene, LayoutInput *in, LayoutRequest narrow[2],
                    const LessonStep *steps, size_t count, bool own, bool bare)
{
    GroupCaptions *caption = calloc(2, sizeof *caption), *hint = caption + 1;
    if (!caption)
        return;
    *caption = (GroupCaptions){.own = caption_text(r, scene), .steps = steps, .count = count};
    *hint = (GroupCaptions){.own = hint_text(r, scene), .hints = true, .steps = steps,
                            .count = count};
    if (!own)
        caption->own.text = hint->own.text = "";
    in->caption = (LayoutText){!bare && group_captioned(caption), group_caption_size, caption,
                               render_line_height(r, caption->own.px)};
    in->hint = (LayoutText){!bare && r->audience == RENDER_FOR_WINDOW && group_captioned(hint),
                            group_caption_size, hint, render_line_height(r, hint->own.px)};
    layout_compute(in, &r->layout);
    r->legend_narrow = false;
    if (narrow[0].shown && narrow[0].w < in->panel[LAYOUT_LEGEND].w)
        choose_legend(r, in, narrow[0], narrow[1]);
    free(caption);
}

/* A group is laid out in parts (runs of its steps laid out together,
 * group_parts) only where laid out whole it does not hold: a move of the
 * map between parts weighs more than all the map its steps can lose to
 * each other's panels (each step at most the frame's height), so the parts
 * are as few as hold, and of those the ones whose steps' maps lose least
 * against each laid out alone.  Weighed as a fifth of the frame's height,
 * a move was taken wherever a step gave more than that to the others'
 * panels, which one language's text widths tipped and the other's not:
 * implicit_regularization 1 in Chinese at 960x540 went apart (its map 450
 * px of view high alone, 294 with steps 2-3's panels) and the map moved
 * 274 px to step 2, in English it stayed.  The map moved in 151 of 882
 * step pairs (both languages, nine sizes), then in 57: 51 between escape's
 * experiment steps (not staged), 6 where a group laid out whole leaves
 * the map under GROUP_MAP_LEAST (tests/test_layout.c's map_moves).  A part
 * holds where every panel is placed, the caption within its share, the
 * map at least GROUP_MAP_LEAST of the frame high and, for each of its
 * steps, at least RENDER_GROUP_STEP_KEEP of the view it shows laid out
 * alone: with only the first three, at 1280x720 --projector saddle 2-4
 * showed the view 348 px high beside the room held for step 5's distance
 * plot and four-line caption (alone 506, en), schedules 1 in Chinese 299
 * (alone 547), learning_rate 1-6 267 beside step 7's stability plot (now
 * 351 with step 7 apart), implicit_regularization 1 217 (now 315).  At the
 * projector sizes the steps of saddle, schedules, learning_rate,
 * implicit_regularization and adam_vs_sgd show 11-19 % more view in sum,
 * no step 3 % less; the map moves between 41 more of their step pairs
 * and sizes (157 of 290). */
#define GROUP_MOVE_COST (double)RENDER_GROUP_MAX
#define GROUP_MAP_LEAST 0.29

/* The view's height on the layout of the group's steps first .. + count
 * - 1 together (their panels and bands; in is scratch), or -1 where that
 * layout does not hold (GROUP_MAP_LEAST). */
static double steps_view(Renderer *r, const Scene *scene, size_t first, size_t count,
                         LayoutInput *in)
{
    GroupStage *g = &r->group;
    *in = g->base;
    LayoutRequest narrow[2] = {{.shown = false}, {.shown = false}};
    reserve_steps(g, first, count, in, narrow);
    lay_out(r, scene, in, narrow, g->steps + first, count, false, false);
    double view = layout_map_view(in, &r->layout);
    return r->layout.complete && r->layout.caption_held && view >= GROUP_MAP_LEAST * r->height
               ? view
               : -1;
}

/* The group split into parts (GroupStage.part_first): of those that
 * hold, the fewest (GROUP_MOVE_COST), and of those the one whose steps'
 * maps lose least against theirs alone. */
static void group_parts(Renderer *r, const Scene *scene, LayoutInput *in)
{
    GroupStage *g = &r->group;
    size_t n = g->count, from[RENDER_GROUP_MAX + 1];
    double alone[RENDER_GROUP_MAX], cost[RENDER_GROUP_MAX + 1];
    for (size_t k = 0; k < n; k++)
        alone[k] = fmax(0, steps_view(r, scene, k, 1, in));
    cost[0] = 0;
    for (size_t j = 1; j <= n; j++) {
        cost[j] = HUGE_VAL;
        /* The longest part first: where a group holds whole, the parts
         * that would cost a move more are not laid out at all. */
        for (size_t i = 0; i < j; i++) {
            double c = cost[i] + (i > 0 ? GROUP_MOVE_COST : 0);
            if (c >= cost[j])
                continue;
            double view = j - i == 1 ? alone[i] : steps_view(r, scene, i, j - i, in);
            bool kept = view >= 0;
            for (size_t k = i; k < j; k++) {
                c += fmax(0, alone[k] - view) / r->height;
                kept = kept && view >= RENDER_GROUP_STEP_KEEP * alone[k];
            }
            if (kept && c < cost[j]) {
                cost[j] = c;
                from[j] = i;
            }
        }
    }
    for (size_t j = n; j > 0; j = from[j])
        for (size_t k = from[j]; k < j; k++) {
            g->part_first[k] = from[j];
            g->part_count[k] = j - from[j];
        }
}

/* Measures what each step of scene's group asks for and splits the group
 * into the parts laid out together (group_parts), once for the window's
 * state (GroupRoomKey); false where the group's steps cannot be known. */
static bool measure_group(Renderer *r, const Scene *scene)
{
    if (!group_scenes(r, scene))
        return false;
    GroupStage *g = &r->group;
    GroupRoomKey key = group_room_key(r);
    if (g->measured && same_room_key(g->key, key))
        return true;
    LayoutInput *in = malloc(sizeof *in);
    if (!in)
        return false;
    /* A network's steps differ in their sharpness plot or starts alone: the rest of
     * what they ask for is its stage's now (base), for the parts' search;
     * a frame lays out its own. */
    g->base = frame_input(r, scene);
    if (scene->net)
        net_needs(r, scene, false, NULL, &g->base);
    NetStartsPicture *shape = scene->net ? calloc(1, sizeof *shape) : NULL;
    for (size_t k = 0; k < g->count; k++) {
        g->need[k] = (LayoutInput){0};
        g->narrow[k][0] = g->narrow[k][1] = (LayoutRequest){.shown = false};
        if (!scene->net) {
            landscape_needs(r, g->scene[k], &g->need[k], g->narrow[k], NULL);
            continue;
        }
        const LessonStep *step = &g->steps[k];
        if (shape && step->starts) {
            *shape = (NetStartsPicture){.count = step->starts};
            for (size_t i = 0; i < 2 && i < step->runs.count; i++)
                snprintf(shape->specs[i], sizeof shape->specs[i], "%s", step->runs.specs[i]);
        }
        net_dynamics(r, lesson_step_plot(step) != SCENE_PLOT_NONE,
                     shape && step->starts ? shape : NULL, step->tally, &g->need[k]);
    }
    free(shape);
    group_parts(r, scene, in);
    free(in);
    g->key = key;
    g->measured = true;
    return true;
}

/* The readout and the notice over the map (layout.h's
 * layout_place_over_map), placed once the map is: off the runs' starts and
 * heads and the pointer's point where the map allows (at 1280x720
 * --projector welcome 2's readout, at the map's top right, lay over the
 * start and the head; the window's first notice over the map's foot, over
 * runs that start there), the notice beside the map where the panels, the
 * undrawn ones aside, leave room; off the two frames before's labels and
 * minima's rings (Renderer.marks) where it allows, at the place it held
 * (held) while that stays clear. */
static void place_over_map(Renderer *r, const Scene *scene, LayoutRect held)
{
    LayoutInput in = frame_input(r, scene);
    in.notice_held = held;
    bool bare = r->crop || scene->display.panels_hidden;
    if (!bare && !scene->net) {
        in.panel[LAYOUT_READOUT] = readout_need(r, scene, false);
        in.compact[LAYOUT_READOUT] = readout_need(r, scene, true);
    }
    BandText notice = notice_text(r, scene, false), least = notice_text(r, scene, true);
    in.notice = (LayoutText){!bare && scene->notice[0], band_size, &notice,
                             render_line_height(r, notice.px)};
    in.notice_compact = (LayoutText){in.notice.shown && least.px < notice.px, band_size, &least,
                                     render_line_height(r, least.px)};
    for (int p = 0; p < LAYOUT_PANELS; p++)
        in.vacant[p] = r->slot_empty[p];
    double avoid[2 * SCENE_MAX_RUNS + 1][2];
    size_t n = 0;
    /* In 3D a point's pixel is where the surface shows it
     * (render_plane_point), and a network's runs are not on its plane:
     * nothing to keep off there. */
    if (!scene->display.view3d && !scene->net) {
        Viewport vp = render_viewport(r, scene);
        for (size_t i = 0; i < scene->run_count; i++) {
            const Run *run = &scene->runs[i].run;
            if (scene->runs[i].hidden || run->count == 0)
                continue;
            RunPoint head = run_head(run);
            viewport_to_pixel(&vp, run->path[0].x, run->path[0].y, &avoid[n][0], &avoid[n][1]);
            n++;
            viewport_to_pixel(&vp, head.x, head.y, &avoid[n][0], &avoid[n][1]);
            n++;
        }
        if (scene->hover_valid) {
            viewport_to_pixel(&vp, scene->hover.x, scene->hover.y, &avoid[n][0], &avoid[n][1]);
            n++;
        }
    }
    layout_place_over_map(&in, &r->layout, avoid, n, r->marks, r->mark_count);
}

/* The least share of the view's height a step laid out alone keeps where
 * its legend makes room for its key (make_key_room). */
#define KEY_ROOM_KEEP 0.8

/* req, what the legend's form l asks for, grown to hold the key to marks
 * under its lines, key_place's first place (scratch: room for its lines). */
static void key_room(Renderer *r, const Legend *l, unsigned marks, Legend *scratch,
                     LayoutRequest *req)
{
    if (!req->shown)
        return;
    double pad = 10.0 * r->scale, key_w = 0, key_h = 0;
    *scratch = (Legend){.count = 0};
    legend_key(r, scratch, marks, 0, l->w - 2 * pad, &key_h);
    for (int k = 0; k < scratch->count; k++)
        key_w = fmax(key_w, scratch->line[k].x + scratch->line[k].w);
    double w = fmax(l->w, key_w + 2 * pad), h = l->h + key_h;
    *req = (LayoutRequest){true, w, h, w, h, req->cut};
}

/* Whether the key to marks has a place off the map on r->layout (key_fit). */
static bool key_off_map(Renderer *r, const Scene *scene, unsigned marks, Legend *scratch)
{
    *scratch = r->needs->legend[r->layout.compact[LAYOUT_LEGEND]][r->legend_narrow];
    return key_fit(r, scene, scratch, marks, false).marks != 0;
}

/* r->layout, of a step laid out alone (in, narrow, steps, count: as
 * lay_out took them), laid out again with the legend holding the key
 * under its lines where the key has no place off the map and the map
 * keeps KEY_ROOM_KEEP of its view for it.  Over the map each place may
 * cover the map's labels: implicit_regularization 2 at 1280x720
 * --projector in English, laid out apart from step 1
 * (RENDER_GROUP_STEP_KEEP), had a map 659x284 and a key 331x89 whose nine
 * places there each covered labels, and no key.  A cloud's key stays over
 * the map, where it may hide a few walkers (key_covers).  Steps sharing a
 * part keep the part's room: the map stays put between them. */
static void make_key_room(Renderer *r, const Scene *scene, LayoutInput *in,
                          LayoutRequest narrow[2], const LessonStep *steps, size_t count)
{
    unsigned marks = render_marks_shown(r, scene);
    Legend *scratch = marks ? malloc(sizeof *scratch) : NULL;
    if (!scratch || key_off_map(r, scene, marks, scratch)) {
        free(scratch);
        return;
    }
    Layout before = r->layout;
    bool narrow_before = r->legend_narrow;
    double view = layout_map_view(in, &r->layout);
    const Legend(*forms)[2] = r->needs->legend; /* [compact][narrow] */
    key_room(r, &forms[0][0], marks, scratch, &in->panel[LAYOUT_LEGEND]);
    key_room(r, &forms[1][0], marks, scratch, &in->compact[LAYOUT_LEGEND]);
    key_room(r, &forms[0][1], marks, scratch, &narrow[0]);
    key_room(r, &forms[1][1], marks, scratch, &narrow[1]);
    lay_out(r, scene, in, narrow, steps, count, true, false);
    if (!r->layout.complete || !r->layout.caption_held ||
        layout_map_view(in, &r->layout) < KEY_ROOM_KEEP * view ||
        !key_off_map(r, scene, marks, scratch)) {
        r->layout = before;
        r->legend_narrow = narrow_before;
    }
    free(scratch);
}

/* The layout of scene's panels, with those of the steps of its group it
 * is laid out with (alone false: its part, group_parts) or its own; the
 * panels over the map are left to place_over_map. */
static void plan(Renderer *r, const Scene *scene, bool alone)
{
    LayoutInput in = frame_input(r, scene);
    LayoutRequest narrow[2] = {{.shown = false}, {.shown = false}};
    bool bare = r->crop || scene->display.panels_hidden;
    for (int p = 0; p < LAYOUT_PANELS; p++)
        r->slot_empty[p] = false;
    if (!bare && scene->net)
        net_needs(r, scene, scene->display.plot != SCENE_PLOT_NONE,
                  scene->starts ? net_starts_live_picture(scene->starts) : NULL, &in);
    else if (!bare) {
        if (!r->needs)
            r->needs = malloc(sizeof *r->needs);
        landscape_needs(r, scene, &in, narrow, r->needs);
    }
    /* A group whose steps' panels cannot be known shares the bands only. */
    const SceneDisplay *d = &scene->display;
    size_t first = d->group_first, count = alone || !d->lesson ? 0 : d->group_count;
    bool part_shared = false;
    if (!alone && !bare && measure_group(r, scene)) {
        const GroupStage *g = &r->group;
        size_t k = d->step - d->group_first;
        LayoutInput own = in;
        reserve_steps(g, g->part_first[k], g->part_count[k], &in, narrow);
        for (int p = 0; p < LAYOUT_PANELS; p++)
            r->slot_empty[p] = !own.panel[p].shown && in.panel[p].shown;
        first += g->part_first[k];
        count = g->part_count[k];
        part_shared = true;
    }
    const LessonStep *steps = count ? d->lesson->steps + first : NULL;
    lay_out(r, scene, &in, narrow, steps, count, true, bare);
    if (!bare && !scene->net && !scene->swarm && r->needs && !(count > 1 && part_shared))
        make_key_room(r, scene, &in, narrow, steps, count);
}

void render_plan(Renderer *r, const Scene *scene)
{
    /* The notice's place in the frame before, which it keeps while that
     * stays clear (layout_place_over_map). */
    LayoutRect held = r->layout.shown[LAYOUT_NOTICE] ? r->layout.rect[LAYOUT_NOTICE]
                                                     : (LayoutRect){0, 0, 0, 0};
    if (r->needs)
        r->needs->made = false;
    plan(r, scene, false);
    LayoutInput shape = {.landscape_aspect = render_map_aspect(r, scene)};
    if (scene->display.group_count > 1 &&
        (!r->layout.complete || !r->layout.caption_held ||
         layout_map_view(&shape, &r->layout) < GROUP_MAP_LEAST * r->height))
        plan(r, scene, true);
    place_over_map(r, scene, held);
}

/* The panels of runs on a two-parameter landscape. */
static void draw_landscape_panels(Renderer *r, const Scene *scene, const Layout *l)
{
    if (l->shown[LAYOUT_LEGEND] && !r->slot_empty[LAYOUT_LEGEND])
        draw_legend(r, scene, l->rect[LAYOUT_LEGEND]);
    if (l->shown[LAYOUT_FORMULA] && !r->slot_empty[LAYOUT_FORMULA])
        render_formula(r, scene, l->rect[LAYOUT_FORMULA]);
    if (l->shown[LAYOUT_READOUT] && !r->slot_empty[LAYOUT_READOUT])
        draw_readout(r, scene, l->rect[LAYOUT_READOUT]);
    if (l->shown[LAYOUT_LOSS] && !r->slot_empty[LAYOUT_LOSS])
        draw_plot(r, scene, l->rect[LAYOUT_LOSS]);
    if (l->shown[LAYOUT_DYNAMICS] && scene->experiment)
        render_experiment_plot(r, experiment_live_picture(scene->experiment),
                               render_experiment_shown(scene), l->rect[LAYOUT_DYNAMICS]);
    else if (l->shown[LAYOUT_DYNAMICS] && !r->slot_empty[LAYOUT_DYNAMICS])
        render_dynamics_plot(r, scene, l->rect[LAYOUT_DYNAMICS]);
    if (l->shown[LAYOUT_INSET] && !r->slot_empty[LAYOUT_INSET])
        render_data_inset(r, scene, l->rect[LAYOUT_INSET]);
}

void render_hud(Renderer *r, const Scene *scene)
{
    const Layout *l = &r->layout;
    if (scene->net)
        render_net_panels(r, scene, l);
    else
        draw_landscape_panels(r, scene, l);
    if (l->shown[LAYOUT_COLORBAR] && !r->slot_empty[LAYOUT_COLORBAR])
        draw_colorbar(r, scene, l->rect[LAYOUT_COLORBAR]);
    BandText caption = caption_text(r, scene), hint = hint_text(r, scene),
             notice = notice_text(r, scene, l->compact[LAYOUT_NOTICE]);
    if (l->shown[LAYOUT_CAPTION] && scene->caption[0])
        draw_band(r, &caption, l->rect[LAYOUT_CAPTION], l->band_width);
    if (l->shown[LAYOUT_HINT] && hint_shown(r, scene))
        draw_band(r, &hint, l->rect[LAYOUT_HINT], l->hint_width);
    if (l->shown[LAYOUT_NOTICE])
        draw_band(r, &notice, l->rect[LAYOUT_NOTICE], l->notice_width);
    /* The panels' texts are drawn first: flushed with the field's panel,
     * they lay on top of it (the legend's lines across a run's values at
     * 1366x768 --projector in Chinese). */
    render_flush(r);
    render_expr_field(r, scene);
    render_flush(r);
    if (scene->error[0]) {
        draw_error(r, scene);
        render_flush(r);
    }
    if (scene->display.help) {
        draw_help(r, scene);
        render_flush(r);
    }
}
