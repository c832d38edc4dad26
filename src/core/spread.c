/* spread.c — see spread.h. */
#include "spread.h"

#include <math.h>

#include "linalg2.h"

bool spread2_of(const float *xy, size_t count, Spread2 *dest)
{
    *dest = (Spread2){0};
    double sx = 0, sy = 0;
    for (size_t k = 0; k < count; k++)
        if (isfinite(xy[2 * k]) && isfinite(xy[2 * k + 1])) {
            sx += (double)xy[2 * k];
            sy += (double)xy[2 * k + 1];
            dest->count++;
        }
    if (dest->count == 0)
        return false;
    double n = (double)dest->count, mx = sx / n, my = sy / n;
    /* Second pass about the mean: no cancellation for a cloud far from 0. */
    double xx = 0, xy_ = 0, yy = 0;
    for (size_t k = 0; k < count; k++)
        if (isfinite(xy[2 * k]) && isfinite(xy[2 * k + 1])) {
            double dx = (double)xy[2 * k] - mx, dy = (double)xy[2 * k + 1] - my;
            xx += dx * dx;
            xy_ += dx * dy;
            yy += dy * dy;
        }
    dest->mean[0] = mx;
    dest->mean[1] = my;
    dest->cov[0] = xx / n;
    dest->cov[1] = xy_ / n;
    dest->cov[2] = yy / n;
    double eig[2];
    sym2_eigenvalues(dest->cov[0], dest->cov[1], dest->cov[2], eig);
    dest->sigma[0] = sqrt(fmax(eig[1], 0.0));
    dest->sigma[1] = sqrt(fmax(eig[0], 0.0));
    /* The widest axis's angle: half the angle of (xx - yy, 2 xy). */
    double angle = 0.5 * atan2(2.0 * dest->cov[1], dest->cov[0] - dest->cov[2]);
    dest->axis[0] = cos(angle);
    dest->axis[1] = sin(angle);
    return true;
}
