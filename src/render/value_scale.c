/* value_scale.c — see value_scale.h. */
#include "value_scale.h"

#include <math.h>

/* v's place u on the unbent scale (linear or log over the range), and
 * u's value. */
static double unbent(const ValueScale *s, double v)
{
    return s->log ? (log(v - s->lo + s->floor_) - s->log_floor) / s->log_span
                  : (v - s->lo) / s->range;
}

static double unbent_value(const ValueScale *s, double u)
{
    if (!s->log)
        return s->lo + u * s->range;
    return s->lo + s->floor_ * pow((s->range + s->floor_) / s->floor_, u) - s->floor_;
}

/* The bend: u to t and its slope dt/du, both straight either side of the
 * knee. */
static double bend(const ValueScale *s, double u)
{
    double k = s->knee_u;
    return u <= k ? u * VALUE_SCALE_KNEE_T / k
                  : VALUE_SCALE_KNEE_T + (u - k) * (1.0 - VALUE_SCALE_KNEE_T) / (1.0 - k);
}

static double bend_slope(const ValueScale *s, double u)
{
    double k = s->knee_u;
    return u <= k ? VALUE_SCALE_KNEE_T / k : (1.0 - VALUE_SCALE_KNEE_T) / (1.0 - k);
}

ValueScale value_scale_make(GridStats stats, bool log_scale, double knee)
{
    ValueScale s = {.lo = (double)stats.min, .range = (double)stats.max - (double)stats.min,
                    .any = stats.min <= stats.max, .log = log_scale,
                    .knee_u = VALUE_SCALE_KNEE_T};
    s.floor_ = s.range > 0 ? s.range * pow(10.0, -VALUE_SCALE_DECADES) : 1.0;
    s.log_floor = log(s.floor_);
    s.log_span = log(s.range + s.floor_) - s.log_floor;
    if (s.range > 0 && knee > s.lo && knee < s.lo + s.range)
        s.knee_u = fmin(VALUE_SCALE_KNEE_T, unbent(&s, knee));
    return s;
}

bool value_scale_knee(const ValueScale *s, double *knee)
{
    *knee = unbent_value(s, s->knee_u);
    return s->any && s->range > 0 && s->knee_u < VALUE_SCALE_KNEE_T;
}

double value_scale_t(const ValueScale *s, double v)
{
    double t;
    if (!isfinite(v) || !s->any)
        t = 1.0;
    else if (!(s->range > 0))
        t = 0.0;
    else
        t = bend(s, unbent(s, v));
    /* A value below the range's bottom (sampled elsewhere than the range
     * was, as the 3D mesh is) gives a log of a negative number: NaN,
     * which must not reach the GPU: it is below the scale, 0. */
    return t > 1 ? 1 : t >= 0 ? t : 0;
}

double value_scale_slope(const ValueScale *s, double v)
{
    if (!isfinite(v) || !s->any || !(s->range > 0) || v < s->lo || v > s->lo + s->range)
        return 0.0;
    double du = s->log ? 1.0 / ((v - s->lo + s->floor_) * s->log_span) : 1.0 / s->range;
    return du * bend_slope(s, unbent(s, v));
}

double value_scale_value(const ValueScale *s, double t)
{
    double k = s->knee_u;
    double u = t <= VALUE_SCALE_KNEE_T ? t * k / VALUE_SCALE_KNEE_T
                                       : k + (t - VALUE_SCALE_KNEE_T) * (1.0 - k) /
                                                 (1.0 - VALUE_SCALE_KNEE_T);
    return unbent_value(s, u);
}

bool value_scale_equal(const ValueScale *a, const ValueScale *b)
{
    return a->lo == b->lo && a->range == b->range && a->any == b->any && a->log == b->log &&
           a->knee_u == b->knee_u;
}
