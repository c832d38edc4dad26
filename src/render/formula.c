/*
 * formula.c — the selected run's update rule with its numbers filled in
 * (display.formula): the gradient, the buffers, the bias corrections, the
 * step size and the resulting Δθ of the update that led to the shown
 * point.  The lines, rules and numbers, are optimizer_explain_lines'
 * (core/optimizer_explain.h; its terms are tested to rebuild the run's own
 * Δθ); this file only lays them out.
 *
 * Each line is a rule in the text colour followed by its value in the
 * accent colour, large enough to read from the back of a room.
 */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>

#include "core/optimizer_explain.h"

#define FORMULA_PX 18.0
#define FORMULA_TITLE_PX 20.0

/* The lines for the selected run's last update; false when it has none. */
static bool rule_lines(const Scene *scene, ExplainLines *l, char *title, size_t size)
{
    if (scene->run_count == 0)
        return false;
    size_t i = scene->selected;
    const Run *run = &scene->runs[i].run;
    UpdateTerms e;
    /* The run's number where the legend numbers the runs. */
    bool numbered = scene_runs_told_apart(scene);
    if (!run_explain_last(run, &e)) {
        if (numbered)
            snprintf(title, size, _("run %zu · %s — no update yet"), scene_run_number(scene, i),
                     _(optimizer_info(run->desc.kind)->title));
        else
            snprintf(title, size, _("%s — no update yet"),
                     _(optimizer_info(run->desc.kind)->title));
        return true;
    }
    OptimizerDesc d;
    OptimizerState before;
    run_state_at(run, run_steps(run) - 1, &before, &d);
    if (numbered)
        snprintf(title, size, _("run %zu · %s — update t = %ld,  η = %.4g"),
                 scene_run_number(scene, i), _(optimizer_info(d.kind)->title), e.t, e.lr);
    else
        snprintf(title, size, _("%s — update t = %ld,  η = %.4g"),
                 _(optimizer_info(d.kind)->title), e.t, e.lr);
    optimizer_explain_lines(&d, &e, l);
    return true;
}

/* The panel's width with rules at px and the title at title_px; the
 * widest rule in *rule_w. */
static double panel_width(Renderer *r, const ExplainLines *l, const char *title, int px,
                          int title_px, double pad, double *rule_w)
{
    double value_w = 0;
    *rule_w = 0;
    for (int k = 0; k < l->count; k++) {
        *rule_w = fmax(*rule_w, render_text_width(r, _(l->line[k].rule), px));
        value_w = fmax(value_w, render_text_width(r, l->line[k].value, px));
    }
    return fmax(*rule_w + value_w, render_text_width(r, title, title_px)) + 2 * pad;
}

/* The panel's lines and sizes: its text shrinks in a narrow frame to keep
 * the panel to half of it (glyph sizes are whole pixels, so by steps). */
typedef struct FormulaPanel {
    ExplainLines lines;
    char title[160];
    int px, title_px;
    double pad, rule_w, w, h;
} FormulaPanel;

static bool formula_panel(Renderer *r, const Scene *scene, FormulaPanel *f)
{
    f->lines.count = 0;
    if (!scene->display.formula || !rule_lines(scene, &f->lines, f->title, sizeof f->title))
        return false;
    f->pad = 12.0 * r->scale;
    f->px = render_font_px(r, FORMULA_PX);
    f->title_px = render_font_px(r, FORMULA_TITLE_PX);
    f->w = panel_width(r, &f->lines, f->title, f->px, f->title_px, f->pad, &f->rule_w);
    while (f->w > 0.5 * r->width && f->px > 11) {
        f->px--;
        f->title_px = f->px + 2;
        f->w = panel_width(r, &f->lines, f->title, f->px, f->title_px, f->pad, &f->rule_w);
    }
    double line = render_line_height(r, f->px), title_h = render_line_height(r, f->title_px);
    f->h = title_h + 0.4 * f->pad + f->lines.count * line + 0.4 * line + 2 * f->pad;
    return true;
}

LayoutRequest render_formula_need(Renderer *r, const Scene *scene)
{
    FormulaPanel f;
    if (!formula_panel(r, scene, &f))
        return (LayoutRequest){.shown = false};
    return (LayoutRequest){true, f.w, f.h, f.w, f.h, false};
}

void render_formula(Renderer *r, const Scene *scene, LayoutRect rect)
{
    FormulaPanel f;
    if (!formula_panel(r, scene, &f))
        return;
    double s = r->scale, pad = f.pad, w = rect.w, h = rect.h, x = rect.x, top = rect.y;
    const ExplainLines *l = &f.lines;
    double rule_w = f.rule_w;
    int px = f.px, title_px = f.title_px;
    double line = render_line_height(r, px), title_h = render_line_height(r, title_px);
    double gap = 0.4 * line; /* above the outcome's rule */
    shapes_rect(r->shapes, x, top, w, h, r->theme->panel);
    Rgba swatch = render_run_color(r, scene->selected, 1.0f);
    shapes_rect(r->shapes, x, top, 4.0 * s, h, swatch);
    render_text(r, f.title, x + pad, top + pad, title_px, ALIGN_LEFT, r->theme->text);
    double y = top + pad + title_h + 0.4 * pad;
    for (int k = 0; k < l->count; k++, y += line) {
        /* The outcome, Δθ and the new θ, under a rule. */
        if (k == l->count - 2) {
            /* On whole pixels: a thin rule between two would blur away. */
            shapes_rect(r->shapes, x + pad, floor(y + 0.5 * gap), w - 2 * pad,
                        fmax(1.0, round(s)), r->theme->dim);
            y += gap;
        }
        render_text(r, _(l->line[k].rule), x + pad + rule_w, y, px, ALIGN_RIGHT, r->theme->text);
        render_text(r, l->line[k].value, x + pad + rule_w, y, px, ALIGN_LEFT, r->theme->accent);
    }
}
