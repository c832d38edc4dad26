/* grid.c — see grid.h. */
#include "grid.h"

#include <math.h>

#include "parallel.h"

typedef struct GridJob {
    const Landscape *landscape;
    ViewRect view;
    int width, height;
    float *dest;
} GridJob;

static void sample_rows(void *context, size_t begin, size_t end)
{
    const GridJob *job = context;
    double dx = (job->view.xmax - job->view.xmin) / job->width;
    double dy = (job->view.ymax - job->view.ymin) / job->height;
    for (size_t j = begin; j < end; j++) {
        double y = job->view.ymin + ((double)j + 0.5) * dy;
        float *row = job->dest + j * (size_t)job->width;
        for (int i = 0; i < job->width; i++)
            row[i] = (float)landscape_value(job->landscape, job->view.xmin + (i + 0.5) * dx, y);
    }
}

GridStats grid_sample(const Landscape *landscape, ViewRect view, int width, int height,
                      float *dest, int threads)
{
    GridStats stats = {.min = INFINITY, .max = -INFINITY};
    if (width <= 0 || height <= 0)
        return stats;
    GridJob job = {landscape, view, width, height, dest};
    parallel_for((size_t)height, threads, sample_rows, &job);
    size_t n = (size_t)width * (size_t)height;
    for (size_t k = 0; k < n; k++) {
        float v = dest[k];
        if (!isfinite(v)) {
            stats.nonfinite++;
            continue;
        }
        stats.min = fminf(stats.min, v);
        stats.max = fmaxf(stats.max, v);
    }
    return stats;
}
