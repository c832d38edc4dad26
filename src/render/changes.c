/*
 * changes.c — where a run's parameters were changed mid-run (run.h's
 * change log) on the landscape: a ring in the run's colour at the point
 * where the new parameters took over, labelled with the new values
 * ("η 0.0625"); changes made one after another at one spot (a paused
 * run) are one mark, labelled with what the last left.  Changes beyond the shown update (after a rewind) are not
 * drawn: the path does not reach them yet.
 */
#include "render_internal.h"

#include <math.h>

#include "core/history.h"

/* Changes closer than this on screen (pixels, times scale) are one spot:
 * pressing ] five times on a paused run marks one place, not five. */
#define SAME_SPOT_PX 3.0

/* Where change c of run is drawn; false when it is off the map. */
static bool change_spot(Renderer *r, const Viewport *vp, const Run *run, size_t c, double *cx,
                        double *cy)
{
    RunPoint p = run->path[run->changes.items[c].step];
    render_to_pixel(r, vp, p.x, p.y, cx, cy);
    return !(*cx < vp->x || *cy < vp->y || *cx > vp->x + vp->width || *cy > vp->y + vp->height);
}

void render_change_marks(Renderer *r, const Scene *scene)
{
    double s = r->scale;
    int px = render_font_px(r, 14.0);
    double h = render_line_height(r, px);
    Viewport vp = render_viewport(r, scene);
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        if (scene->runs[i].hidden)
            continue;
        size_t shown = 0;
        while (shown < run->changes.count && run->changes.items[shown].step < run->count)
            shown++;
        for (size_t c = 0; c < shown;) {
            double cx, cy;
            bool seen = change_spot(r, &vp, run, c, &cx, &cy);
            /* The changes that follow at the same spot join this one: its
             * label says what the last of them left. */
            size_t last = c;
            for (double nx, ny; last + 1 < shown && change_spot(r, &vp, run, last + 1, &nx, &ny) &&
                                hypot(nx - cx, ny - cy) < SAME_SPOT_PX * s;)
                last++;
            ParamChange merged = {run->changes.items[last].step, run->changes.items[c].before,
                                  run->changes.items[last].after};
            c = last + 1;
            char label[96];
            param_change_describe(&merged, label, sizeof label);
            if (!seen || !label[0])
                continue;
            shapes_ring(r->shapes, cx, cy, 6.0 * s, 2.2 * s, r->theme->casing);
            shapes_ring(r->shapes, cx, cy, 6.0 * s, 1.3 * s, render_run_color(r, i, 1.0f));
            render_label(r, label, cx + 10.0 * s, cy - h - 2.0 * s, px,
                         render_run_color(r, i, 1.0f));
        }
    }
}
