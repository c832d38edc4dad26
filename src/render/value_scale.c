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

double value_scale_reach(const ValueScale *s, double v)
{
    if (!isfinite(v) || !s->any)
        return HUGE_VAL;
    if (!(s->range > 0))
        return 0.0;
    if (v < s->lo)
        return (v - s->lo) / s->range;
    return s->log ? (log(v - s->lo + s->floor_) - s->log_floor) / s->log_span
                  : (v - s->lo) / s->range;
}

double value_scale_t(const ValueScale *s, double v)
{
    return fmin(fmax(value_scale_reach(s, v), 0.0), 1.0);
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
