/*
 * expr_field_view.c — the fields typed into the window, the formula ('e')
 * and the selected run's values ('E'): a panel a third of the way down
 * with what is typed ("L(x, y) =", "run 1  gd:"), the text and its caret,
 * the core's message under it when the last text was refused, and a line
 * saying what the keys do.  Drawn over everything but the help overlay.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_internal.h"

#define FIELD_PX 22.0
#define FIELD_NOTE_PX 15.0
#define FIELD_LABEL "L(x, y) = "
#define FIELD_HINT N_("Enter: use it   Esc: cancel   e.g. sin(3*x)*cos(3*y) + 0.1*(x^2 + y^2)")
#define RUN_FIELD_HINT N_("Enter: use them   Esc: cancel   e.g. lr=0.05,momentum=0.9")

/* Byte offset from which text[from..] up to the caret fits in width;
 * *caret_x gets the width of that part (where the caret stands). */
static size_t scroll_to_caret(Renderer *r, const TextField *f, int px, double width,
                              double *caret_x)
{
    char before[TEXT_FIELD_MAX];
    for (size_t from = 0;; from = utf8_boundary_after(f->text, from)) {
        size_t n = f->cursor - from;
        memcpy(before, f->text + from, n);
        before[n] = '\0';
        *caret_x = render_text_width(r, before, px);
        if (from >= f->cursor || *caret_x <= width)
            return from;
    }
}

/* The panel: label, then field's text with its caret, error ("" none)
 * and hint under it. */
static void draw_field(Renderer *r, const char *label, const TextField *field, const char *error,
                       const char *hint)
{
    const Theme *t = r->theme;
    double s = r->scale, pad = 14.0 * s;
    int px = render_font_px(r, FIELD_PX), note_px = render_font_px(r, FIELD_NOTE_PX);
    double line = text_line_height(r->text, px), note = text_line_height(r->text, note_px);
    double w = fmin(0.8 * r->width, 1000.0 * s), x = 0.5 * (r->width - w);
    /* A third of the way down: clear of the legend above and the caption below. */
    double y = 0.3 * r->height;
    double h = line + note + (error[0] ? note : 0.0) + 2 * pad + 6.0 * s;
    shapes_rect(r->shapes, x, y, w, h, t->help_panel);

    double label_w = render_text(r, label, x + pad, y + pad, px, ALIGN_LEFT, t->dim);
    double box_x = x + pad + label_w, box_w = w - 2 * pad - label_w;
    shapes_rect(r->shapes, box_x - 4.0 * s, y + pad - 2.0 * s, box_w + 4.0 * s, line + 4.0 * s,
                t->panel);
    double caret_x;
    size_t from = scroll_to_caret(r, field, px, box_w - 8.0 * s, &caret_x);
    char shown[TEXT_FIELD_MAX];
    snprintf(shown, sizeof shown, "%s", field->text + from);
    /* Past the box's right edge the text is cut at a character boundary. */
    size_t n = strlen(shown);
    while (n > 0 && render_text_width(r, shown, px) > box_w - 4.0 * s) {
        n = utf8_boundary_before(shown, n);
        shown[n] = '\0';
    }
    render_text(r, shown, box_x, y + pad, px, ALIGN_LEFT, t->text);
    shapes_rect(r->shapes, box_x + caret_x, y + pad, fmax(2.0 * s, 1.0), line, t->accent);

    double below = y + pad + line + 6.0 * s;
    if (error[0]) {
        render_text(r, error, x + pad, below, note_px, ALIGN_LEFT, t->warn);
        below += note;
    }
    render_text(r, _(hint), x + pad, below, note_px, ALIGN_LEFT, t->dim);
}

void render_expr_field(Renderer *r, const Scene *scene)
{
    const ExprField *e = &scene->expr_field;
    const RunField *run = &scene->run_field;
    if (e->open)
        draw_field(r, FIELD_LABEL, &e->field, e->error, FIELD_HINT);
    if (run->open)
        draw_field(r, run->label, &run->field, run->error, RUN_FIELD_HINT);
}
