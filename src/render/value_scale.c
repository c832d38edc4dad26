/* value_scale.c — see value_scale.h. */
#include "value_scale.h"

#include <math.h>

ValueScale value_scale_make(GridStats stats, bool log_scale)
{
    ValueScale s = {.lo = (double)stats.min, .range = (double)stats.max - (double)stats.min,
                    .any = stats.min <= stats.max, .log = log_scale};
    s.floor_ = s.range > 0 ? s.range * pow(10.0, -VALUE_SCALE_DECADES) : 1.0;
    s.log_floor = log(s.floor_);
    s.log_span = log(s.range + s.floor_) - s.log_floor;
    return s;
}

double value_scale_t(const ValueScale *s, double v)
{
    double t;
    if (!isfinite(v) || !s->any)
        t = 1.0;
    else if (!(s->range > 0))
        t = 0.0;
    else if (s->log)
        t = (log(v - s->lo + s->floor_) - s->log_floor) / s->log_span;
    else
        t = (v - s->lo) / s->range;
    /* A value below the range's bottom (sampled elsewhere than the range
     * was, as the 3D mesh is) gives a log of a negative number: NaN,
     * which must not reach the GPU: it is below the scale, 0. */
    return t > 1 ? 1 : t >= 0 ? t : 0;
}

double value_scale_slope(const ValueScale *s, double v)
{
    if (!isfinite(v) || !s->any || !(s->range > 0) || v < s->lo || v > s->lo + s->range)
        return 0.0;
    return s->log ? 1.0 / ((v - s->lo + s->floor_) * s->log_span) : 1.0 / s->range;
}

double value_scale_value(const ValueScale *s, double t)
{
    if (!s->log)
        return s->lo + t * s->range;
    return s->lo + s->floor_ * pow((s->range + s->floor_) / s->floor_, t) - s->floor_;
}

bool value_scale_equal(const ValueScale *a, const ValueScale *b)
{
    return a->lo == b->lo && a->range == b->range && a->any == b->any && a->log == b->log;
}
