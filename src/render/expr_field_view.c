/*
 * expr_field_view.c — the fields typed into the window, the formula ('e')
 * and the selected run's values ('E'): a panel a third of the way down
 * with what is typed ("L(x, y) =", "run 1  gd:"), the text and its caret
 * (the text marked while it is selected, text_field.h),
 * the core's message under it when the last text was refused, and what
 * the keys do, both wrapped within the panel (at 900x640 --projector the
 * formula's example ran 200 pixels out of the frame).  Drawn over
 * everything but the help overlay.
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
/* Lines the message and the keys' line each wrap to at most. */
#define FIELD_NOTE_LINES 4

/* A note under the field (the message, the keys' line) wrapped within
 * width at px. */
typedef struct FieldNote {
    char lines[FIELD_NOTE_LINES][CAPTION_LINE_MAX];
    int count;
} FieldNote;

static void wrap_note(Renderer *r, FieldNote *note, const char *text, int px, double width)
{
    note->count = text[0] ? render_wrap(r, px, text, width, &note->lines[0][0],
                                        CAPTION_LINE_MAX, FIELD_NOTE_LINES)
                          : 0;
}

/* Draws note's lines from y down; returns the y under them. */
static double draw_note(Renderer *r, const FieldNote *note, double x, double y, int px,
                        double line, Rgba color)
{
    for (int i = 0; i < note->count; i++)
        render_text(r, note->lines[i], x, y + i * line, px, ALIGN_LEFT, color);
    return y + note->count * line;
}

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
    FieldNote message, keys;
    wrap_note(r, &message, error, note_px, w - 2 * pad);
    wrap_note(r, &keys, _(hint), note_px, w - 2 * pad);
    double h = line + (message.count + keys.count) * note + 2 * pad + 6.0 * s;
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
    if (field->selected) {
        /* The accent, faint enough for the text to read over it. */
        Rgba mark = t->accent;
        mark.a *= 0.35f;
        shapes_rect(r->shapes, box_x, y + pad, render_text_width(r, shown, px), line, mark);
    }
    render_text(r, shown, box_x, y + pad, px, ALIGN_LEFT, t->text);
    shapes_rect(r->shapes, box_x + caret_x, y + pad, fmax(2.0 * s, 1.0), line, t->accent);

    double below = draw_note(r, &message, x + pad, y + pad + line + 6.0 * s, note_px, note,
                             t->warn);
    draw_note(r, &keys, x + pad, below, note_px, note, t->dim);
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
