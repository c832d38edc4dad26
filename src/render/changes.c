/*
 * changes.c — where a run's parameters were changed mid-run (run.h's
 * change log) on the landscape: a ring in the run's colour at the point
 * where the new parameters took over, labelled with the new values
 * ("lr 0.0625").  Changes beyond the shown update (after a rewind) are not
 * drawn: the path does not reach them yet.
 */
#include "render_internal.h"

#include "core/history.h"

void render_change_marks(Renderer *r, const Scene *scene)
{
    double s = r->scale;
    int px = render_font_px(r, 14.0);
    double h = text_line_height(r->text, px);
    Viewport vp = viewport_fit(scene->view, r->width, r->height);
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        if (scene->runs[i].hidden)
            continue;
        for (size_t c = 0; c < run->changes.count; c++) {
            const ParamChange *change = &run->changes.items[c];
            if (change->step >= run->count)
                break;
            char label[96];
            param_change_describe(change, label, sizeof label);
            if (!label[0])
                continue;
            double cx, cy;
            RunPoint p = run->path[change->step];
            render_to_pixel(r, &vp, p.x, p.y, &cx, &cy);
            if (cx < 0 || cy < 0 || cx > r->width || cy > r->height)
                continue;
            shapes_ring(r->shapes, cx, cy, 6.0 * s, 2.2 * s, r->theme->casing);
            shapes_ring(r->shapes, cx, cy, 6.0 * s, 1.3 * s, render_run_color(r, i, 1.0f));
            double w = render_text_width(r, label, px), lx = cx + 10.0 * s, ly = cy - h - 2.0 * s;
            shapes_rect(r->shapes, lx - 4.0 * s, ly, w + 8.0 * s, h, r->theme->label_panel);
            render_text(r, label, lx, ly, px, ALIGN_LEFT, render_run_color(r, i, 1.0f));
        }
    }
}
