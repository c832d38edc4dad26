/* loss_scale.c — see loss_scale.h. */
#include "loss_scale.h"

#include <math.h>


/* Points of a run sampled to find the range. */
#define LOSS_SCALE_SAMPLES 8192
/* Decades above the highest start the range reaches at most. */
#define LOSS_DECADES_ABOVE_START 3.0
/* A loss this far below L* (relative to max(1, |L*|)) is rounding, not a
 * landscape unbounded below. */
#define LOSS_BELOW_MIN_TOLERANCE 1e-12

size_t loss_sample_stride(size_t n, size_t budget)
{
    size_t stride = n / budget + 1;
    return stride > 1 ? stride | 1 : 1;
}

/* The sample after k: k + stride, but the last point n - 1 is always
 * visited; n when done. */
static size_t next_sample(size_t k, size_t stride, size_t n)
{
    return k + stride < n ? k + stride : k + 1 < n ? n - 1 : n;
}

/* How far update k moves x: 1, or its learning rate on a time axis. */
static double x_of_update(const LossScale *scale, const Run *run, size_t k)
{
    if (!scale->time)
        return 1.0;
    return run_update_time(run, k);
}

LossCursor loss_cursor_at(const LossScale *scale, const Run *run, size_t k)
{
    LossCursor c = {scale, run, 0, 0.0};
    if (!scale->time) {
        c.k = k;
        c.x = (double)k;
        return c;
    }
    loss_cursor_past(&c, (double)INFINITY, k);
    return c;
}

size_t loss_cursor_past(LossCursor *c, double x, size_t last)
{
    if (!c->scale->time) {
        /* The first whole number above x, without walking. */
        double next = fmax((double)c->k, floor(x) + 1.0);
        c->k = next < (double)last ? (size_t)next : (last > c->k ? last : c->k);
        c->x = (double)c->k;
        return c->k;
    }
    double reach = x + RUN_TIME_ROUNDING * fabs(x);
    while (c->k < last && c->x <= reach)
        c->x += x_of_update(c->scale, c->run, c->k++);
    return c->k;
}

/* How many of the run's known points lie within the x span. */
static size_t points_in_span(const LossScale *scale, const Run *run)
{
    LossCursor c = loss_cursor_at(scale, run, 0);
    return loss_cursor_past(&c, scale->span, run->known);
}

double loss_scale_value(const LossScale *scale, double loss)
{
    if (!isfinite(loss))
        return (double)NAN;
    return scale->log ? log10(fmax(loss - scale->offset, scale->floor)) : loss;
}

LossScale loss_scale_of(const Scene *scene)
{
    LossScale p = {.log = true, .lo = (double)INFINITY, .hi = -(double)INFINITY, .steps = 10};
    LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
    size_t n = landscape_minima(scene->landscape, minima, LANDSCAPE_MAX_MINIMA);
    for (size_t k = 0; k < n; k++)
        p.offset = fmin(p.offset, landscape_value(scene->landscape, minima[k].x, minima[k].y));
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        if (scene->runs[i].hidden)
            continue;
        p.steps = run->known - 1 > p.steps ? run->known - 1 : p.steps;
    }
    p.time = scene_on_time(scene);
    p.span = p.time ? (double)INFINITY : (double)p.steps;
    for (size_t i = 0; p.time && i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        if (scene->runs[i].hidden || run->known < 2)
            continue;
        LossCursor c = loss_cursor_at(&p, run, run->known - 1);
        p.span = fmin(p.span, c.x);
    }
    if (!(p.span > 0 && isfinite(p.span)))
        p.span = 1.0;
    if (!p.time && (double)scene->display.loss_from < p.span)
        p.from = (double)scene->display.loss_from;
    double below = LOSS_BELOW_MIN_TOLERANCE * fmax(1.0, fabs(p.offset));
    double least_positive = (double)INFINITY;
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        if (scene->runs[i].hidden)
            continue;
        size_t within = points_in_span(&p, run);
        size_t stride = loss_sample_stride(within, LOSS_SCALE_SAMPLES);
        for (size_t k = 0; k < within; k = next_sample(k, stride, within)) {
            double excess = run->path[k].loss - p.offset;
            if (excess < -below)
                p.log = false;
            else if (excess > 0)
                least_positive = fmin(least_positive, excess);
        }
    }
    p.floor = isfinite(least_positive) ? 0.1 * least_positive : 1e-12 * fmax(1.0, fabs(p.offset));
    if (scene->display.loss_ymin > 0 && scene->display.loss_ymax > scene->display.loss_ymin) {
        p.fixed = true;
        p.lo = p.log ? log10(scene->display.loss_ymin) : scene->display.loss_ymin;
        p.hi = p.log ? log10(scene->display.loss_ymax) : scene->display.loss_ymax;
        p.floor = p.log ? scene->display.loss_ymin : p.floor;
        return p;
    }
    bool any_active = false;
    for (size_t i = 0; i < scene->run_count; i++)
        any_active |= !scene->runs[i].hidden && scene->runs[i].run.status == RUN_ACTIVE;
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        if (scene->runs[i].hidden || (any_active && run->status != RUN_ACTIVE))
            continue;
        size_t within = points_in_span(&p, run), first = (size_t)p.from;
        if (within <= first)
            continue;
        size_t stride = loss_sample_stride(within - first, LOSS_SCALE_SAMPLES);
        for (size_t k = first; k < within; k = next_sample(k, stride, within)) {
            double v = loss_scale_value(&p, run->path[k].loss);
            if (isfinite(v)) {
                p.lo = fmin(p.lo, v);
                p.hi = fmax(p.hi, v);
            }
        }
    }
    if (!(p.lo <= p.hi))
        p.lo = 0, p.hi = 1;
    double start_hi = -(double)INFINITY;
    for (size_t i = 0; i < scene->run_count; i++)
        if (!scene->runs[i].hidden)
            start_hi = fmax(start_hi, loss_scale_value(&p, scene->runs[i].run.path[0].loss));
    if (isfinite(start_hi))
        p.hi = fmin(p.hi, start_hi + (p.log ? LOSS_DECADES_ABOVE_START
                                            : 2.0 * fabs(start_hi) + 1.0));
    if (p.hi - p.lo < 1e-12 * fmax(1.0, fabs(p.hi)))
        p.lo -= 0.5, p.hi += 0.5;
    return p;
}

long loss_scale_exit(const LossScale *scale, const Run *run)
{
    /* Compared as losses, not as plotted values: a plain comparison per
     * point keeps a scan of a long run cheap enough for every frame (the
     * margin: 10^log10(L) may round below L, and the top is often a start). */
    double top = scale->log ? scale->offset + pow(10.0, scale->hi) * (1.0 + 1e-12) : scale->hi;
    bool seen_finite = false;
    for (size_t k = (size_t)scale->from; k < run->count; k++) {
        double loss = run->path[k].loss;
        if (loss > top || (seen_finite && !isfinite(loss)))
            return (long)k;
        seen_finite |= isfinite(loss);
    }
    return -1;
}

void loss_columns_along(LossColumn *columns, size_t count, double least)
{
    for (size_t i = 0, end; i < count; i = end) {
        end = i + 1;
        while (columns[i].over && end < count && columns[end].over && columns[end].joined)
            end++;
        bool stretch = columns[i].over && columns[end - 1].x - columns[i].x >= least;
        for (size_t k = i; k < end; k++)
            columns[k].along = stretch;
    }
}
