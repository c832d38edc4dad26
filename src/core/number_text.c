/* number_text.c — see number_text.h. */
#include "number_text.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>

/* Whole numbers are written out below this: from 10^5 on they have more
 * digits than a reader compares at a glance. */
#define WHOLE_BELOW 1e5

const char *number_text(double value, int digits, char *dest, size_t size)
{
    digits = digits < 1 ? 1 : digits > 5 ? 5 : digits;
    double magnitude = fabs(value);
    if (isfinite(value) && magnitude >= pow(10.0, digits - 1) && magnitude < WHOLE_BELOW)
        snprintf(dest, size, "%.0f", value);
    else
        snprintf(dest, size, "%.*g", digits, value);
    return dest;
}

const char *share_text(double share, char *dest, size_t size)
{
    double percent = 100.0 * share;
    bool half = fabs(percent - floor(percent) - 0.5) < 1e-9;
    snprintf(dest, size, half ? "%.1f%%" : "%.0f%%", percent);
    return dest;
}
