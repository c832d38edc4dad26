/*
 * formula.c — the selected run's update rule with its numbers filled in
 * (display.formula): the gradient, the buffers, the bias corrections, the
 * step size and the resulting Δθ of the update that led to the shown
 * point, one rule per optimizer.  The numbers are optimizer_explain's
 * (core/optimizer_explain.h), tested to rebuild the run's own Δθ.
 *
 * Each line is a rule in the text colour followed by its value in the
 * accent colour, large enough to read from the back of a room.
 */
#include "render_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/optimizer_explain.h"

#define FORMULA_PX 18.0
#define FORMULA_TITLE_PX 20.0
#define FORMULA_MAX_LINES 14

typedef struct Line {
    char rule[128];
    char value[128];
} Line;

typedef struct Lines {
    Line line[FORMULA_MAX_LINES];
    int count;
} Lines;

/* Adds a line: rule, then value from fmt (empty for none). */
__attribute__((format(printf, 3, 4))) static void add(Lines *l, const char *rule,
                                                      const char *fmt, ...)
{
    if (l->count == FORMULA_MAX_LINES)
        return;
    Line *line = &l->line[l->count++];
    snprintf(line->rule, sizeof line->rule, "%s", rule);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line->value, sizeof line->value, fmt, ap);
    va_end(ap);
}

/* "(0.1234, -5.678)" */
static const char *pair(char *dest, size_t size, const double v[2])
{
    snprintf(dest, size, "(%.4g, %.4g)", v[0], v[1]);
    return dest;
}

#define PAIR(v) pair((char[64]){0}, 64, (v))

/* g: where the gradient came from, and g' with coupled weight decay. */
static void gradient_lines(Lines *l, const OptimizerDesc *d, const UpdateTerms *e)
{
    if (d->batch > 0 && d->noise > 0)
        add(l, "g = ∇L_batch(θ) + σξ", " = %s", PAIR(e->grad));
    else if (d->batch > 0)
        add(l, "g = ∇L of a batch", " = %s  (%zu samples)", PAIR(e->grad), d->batch);
    else if (d->noise > 0) {
        double exact[2] = {e->grad[0] - e->noise[0], e->grad[1] - e->noise[1]};
        add(l, "g = ∇L(θ) + σξ", " = %s + %s", PAIR(exact), PAIR(e->noise));
    }
    else
        add(l, "g = ∇L(θ)", " = %s", PAIR(e->grad));
    if (d->weight_decay != 0 && d->kind != OPT_ADAMW)
        add(l, "g ← g + wd·θ", " = %s", PAIR(e->used_grad));
}

static void sgd_lines(Lines *l, const OptimizerDesc *d, const UpdateTerms *e)
{
    if (d->momentum != 0) {
        if (e->t == 1)
            add(l, "b ← g  (the first update)", " = %s", PAIR(e->buf));
        else if (d->dampening != 0)
            add(l, "b ← μ·b + (1 − τ)·g", " = %s", PAIR(e->buf));
        else
            add(l, "b ← μ·b + g", " = %s   μ = %.4g", PAIR(e->buf), d->momentum);
        add(l, d->nesterov ? "Δθ = −lr·(g + μ·b)" : "Δθ = −lr·b", " = %s", PAIR(e->step));
    } else {
        add(l, "Δθ = −lr·g", " = %s", PAIR(e->step));
    }
}

static void adagrad_lines(Lines *l, const OptimizerDesc *d, const UpdateTerms *e)
{
    add(l, "s ← s + g²", " = %s", PAIR(e->sq));
    if (d->lr_decay != 0)
        add(l, "lr_t = lr / (1 + (t − 1)·decay)", " = %.4g", e->step_size);
    add(l, "d = √s + ε", " = %s", PAIR(e->denom));
    add(l, d->lr_decay != 0 ? "Δθ = −lr_t·g / d" : "Δθ = −lr·g / d", " = %s", PAIR(e->step));
}

static void rmsprop_lines(Lines *l, const OptimizerDesc *d, const UpdateTerms *e)
{
    add(l, "v ← α·v + (1 − α)·g²", " = %s   α = %.4g", PAIR(e->sq), d->alpha);
    if (d->centered) {
        add(l, "ḡ ← α·ḡ + (1 − α)·g", " = %s", PAIR(e->aux));
        add(l, "d = √(v − ḡ²) + ε", " = %s", PAIR(e->denom));
    } else {
        add(l, "d = √v + ε", " = %s", PAIR(e->denom));
    }
    if (d->momentum > 0) {
        add(l, "b ← μ·b + g / d", " = %s", PAIR(e->buf));
        add(l, "Δθ = −lr·b", " = %s", PAIR(e->step));
    } else {
        add(l, "Δθ = −lr·g / d", " = %s", PAIR(e->step));
    }
}

static void adam_lines(Lines *l, const OptimizerDesc *d, const UpdateTerms *e)
{
    if (d->kind == OPT_ADAMW)
        add(l, "θ ← (1 − lr·wd)·θ", "   × %.6g", e->shrink);
    add(l, "m ← β₁·m + (1 − β₁)·g", " = %s   β₁ = %.4g", PAIR(e->buf), d->beta1);
    add(l, "v ← β₂·v + (1 − β₂)·g²", " = %s   β₂ = %.4g", PAIR(e->sq), d->beta2);
    if (d->amsgrad)
        add(l, "vmax ← max(vmax, v)", " = %s", PAIR(e->aux));
    add(l, "bias corrections 1 − β₁ᵗ, 1 − β₂ᵗ", " = %.4g, %.4g", e->bias1, e->bias2);
    add(l, "step = lr / (1 − β₁ᵗ)", " = %.4g", e->step_size);
    add(l, d->amsgrad ? "d = √vmax / √(1 − β₂ᵗ) + ε" : "d = √v / √(1 − β₂ᵗ) + ε", " = %s",
        PAIR(e->denom));
    add(l, d->kind == OPT_ADAMW ? "Δθ = −step·m / d − lr·wd·θ" : "Δθ = −step·m / d", " = %s",
        PAIR(e->step));
}

static void newton_lines(Lines *l, const OptimizerDesc *d, const UpdateTerms *e)
{
    add(l, "H = ∇²L(θ)", " = [%.4g %.4g; %.4g %.4g]", e->hess[0], e->hess[1], e->hess[1],
        e->hess[2]);
    add(l, d->damping != 0 ? "d = (H + δ·I)⁻¹·g" : "d = H⁻¹·g", " = %s", PAIR(e->direction));
    add(l, "Δθ = −lr·d", " = %s", PAIR(e->step));
}

static void flow_lines(Lines *l, const UpdateTerms *e)
{
    add(l, "integrates dθ/dt = −∇L(θ)", "   t from %.4g to %.4g", (double)(e->t - 1) * e->lr,
        (double)e->t * e->lr);
    add(l, "with adaptive Runge–Kutta steps", "%s", "");
    add(l, "∇L at the start", " = %s", PAIR(e->grad));
    add(l, "Δθ", " = %s", PAIR(e->step));
}

/* The lines for the selected run's last update; false when it has none. */
static bool rule_lines(const Scene *scene, Lines *l, char *title, size_t size)
{
    if (scene->run_count == 0)
        return false;
    size_t i = scene->selected;
    const Run *run = &scene->runs[i].run;
    UpdateTerms e;
    if (!run_explain_last(run, &e)) {
        snprintf(title, size, "run %zu · %s — no update yet", i + 1,
                 optimizer_kind_name(run->desc.kind));
        return true;
    }
    OptimizerDesc d;
    OptimizerState before;
    run_state_at(run, run_steps(run) - 1, &before, &d);
    snprintf(title, size, "run %zu · %s — update t = %ld,  lr = %.4g", i + 1,
             optimizer_kind_name(d.kind), e.t, e.lr);
    add(l, "θ", " = %s", PAIR(e.theta));
    if (d.kind != OPT_FLOW)
        gradient_lines(l, &d, &e);
    switch (d.kind) {
    case OPT_FLOW:
        flow_lines(l, &e);
        break;
    case OPT_ADAGRAD:
        adagrad_lines(l, &d, &e);
        break;
    case OPT_RMSPROP:
        rmsprop_lines(l, &d, &e);
        break;
    case OPT_ADAM:
    case OPT_ADAMW:
        adam_lines(l, &d, &e);
        break;
    case OPT_NEWTON:
        newton_lines(l, &d, &e);
        break;
    default:
        sgd_lines(l, &d, &e);
        break;
    }
    double after[2] = {e.theta[0] + e.step[0], e.theta[1] + e.step[1]};
    add(l, "θ ← θ + Δθ", " = %s", PAIR(after));
    return true;
}

/* The panel's width with rules at px and the title at title_px; the
 * widest rule in *rule_w. */
static double panel_width(Renderer *r, const Lines *l, const char *title, int px, int title_px,
                          double pad, double *rule_w)
{
    double value_w = 0;
    *rule_w = 0;
    for (int k = 0; k < l->count; k++) {
        *rule_w = fmax(*rule_w, render_text_width(r, l->line[k].rule, px));
        value_w = fmax(value_w, render_text_width(r, l->line[k].value, px));
    }
    return fmax(*rule_w + value_w, render_text_width(r, title, title_px)) + 2 * pad;
}

/* The panel's lines and sizes: its text shrinks in a narrow frame to keep
 * the panel to half of it (glyph sizes are whole pixels, so by steps). */
typedef struct FormulaPanel {
    Lines lines;
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
    const Lines *l = &f.lines;
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
        render_text(r, l->line[k].rule, x + pad + rule_w, y, px, ALIGN_RIGHT, r->theme->text);
        render_text(r, l->line[k].value, x + pad + rule_w, y, px, ALIGN_LEFT, r->theme->accent);
    }
}
