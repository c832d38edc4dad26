/* axis_ticks.c — see axis_ticks.h. */
#include "axis_ticks.h"

#include <math.h>

double axis_tick_step(double lo, double hi, int max_ticks)
{
    double span = hi - lo;
    if (!(span > 0) || !isfinite(span) || max_ticks < 1)
        return 0;
    static const double mantissas[] = {1.0, 2.0, 5.0, 10.0};
    double decade = pow(10.0, floor(log10(span / max_ticks)));
    for (int k = 0; k < 4; k++) {
        double step = mantissas[k] * decade;
        /* Ticks in [lo, hi]: floor(hi / step) − ceil(lo / step) + 1. */
        if (floor(hi / step) - ceil(lo / step) + 1 <= max_ticks)
            return step;
    }
    return 20.0 * decade;
}

double axis_first_tick(double lo, double step)
{
    return ceil(lo / step) * step;
}
