/* viewport.c — see viewport.h. */
#include "viewport.h"

Viewport viewport_fit_at(ViewRect view, double x, double y, double width, double height)
{
    double w = view.xmax - view.xmin, h = view.ymax - view.ymin;
    double cx = 0.5 * (view.xmin + view.xmax), cy = 0.5 * (view.ymin + view.ymax);
    if (width < 1)
        width = 1;
    if (height < 1)
        height = 1;
    /* Widen whichever axis is too narrow for the pixel area's aspect. */
    if (w / h < width / height)
        w = h * width / height;
    else
        h = w * height / width;
    return (Viewport){
        .world = {cx - 0.5 * w, cx + 0.5 * w, cy - 0.5 * h, cy + 0.5 * h},
        .x = x,
        .y = y,
        .width = width,
        .height = height,
    };
}

Viewport viewport_fit(ViewRect view, double width, double height)
{
    return viewport_fit_at(view, 0, 0, width, height);
}

void viewport_to_world(const Viewport *v, double px, double py, double *x, double *y)
{
    *x = v->world.xmin + (px - v->x) / v->width * (v->world.xmax - v->world.xmin);
    *y = v->world.ymax - (py - v->y) / v->height * (v->world.ymax - v->world.ymin);
}

double viewport_units_per_pixel(const Viewport *v)
{
    return (v->world.xmax - v->world.xmin) / v->width;
}
