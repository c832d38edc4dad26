/* net_repr.c — see net_repr.h. */
#include "net_repr.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LINE_VALUES (2 * NET_REPR_LINES * NET_REPR_POINTS)

int net_repr_hidden_layers(const NetStage *stage)
{
    return net_stage_model(stage)->nsizes - 2;
}

/* The grid's lines over the input square, in the picture's order, into
 * x (LINE_VALUES × 2). */
static void grid_inputs(const NetDataSplit *data, double *x)
{
    double lo, hi;
    netdata_square(data, &lo, &hi);
    size_t k = 0;
    for (int across = 0; across < 2; across++)
        for (int line = 0; line < NET_REPR_LINES; line++) {
            double fixed = lo + (hi - lo) * line / (NET_REPR_LINES - 1);
            for (int p = 0; p < NET_REPR_POINTS; p++, k++) {
                double moving = lo + (hi - lo) * p / (NET_REPR_POINTS - 1);
                x[2 * k + (size_t)across] = moving;
                x[2 * k + (size_t)(1 - across)] = fixed;
            }
        }
}

/* The box around n points (n × 2), grown into lo and hi. */
static void grow_box(const double *points, size_t n, double *lo, double *hi)
{
    for (size_t s = 0; s < n; s++)
        for (int c = 0; c < 2; c++) {
            double v = points[2 * s + (size_t)c];
            if (isfinite(v))
                lo[c] = fmin(lo[c], v), hi[c] = fmax(hi[c], v);
        }
}

bool net_repr_picture(const NetStage *stage, int layer, NetReprPicture *dest,
                      DescentError *err)
{
    memset(dest, 0, sizeof *dest);
    const Model *model = net_stage_model(stage);
    const NetDataSplit *data = net_stage_data(stage);
    if (layer < 1 || layer > net_repr_hidden_layers(stage))
        return error_set(err, "layer %d: the network's hidden layers are 1 to %d", layer,
                         net_repr_hidden_layers(stage));
    const double *theta = net_run_theta(net_stage_run(stage, net_stage_selected(stage)));
    size_t n = data->train.n, count = LINE_VALUES + n;
    double *x = malloc(2 * count * sizeof *x), *at = malloc(2 * count * sizeof *at);
    ModelWork *work = model_work_create(model);
    bool ok = x && at && work;
    if (!ok)
        error_set(err, "representation: out of memory");
    if (ok) {
        /* The training points first: they fix the plane. */
        memcpy(x, data->train.x, 2 * n * sizeof *x);
        grid_inputs(data, x + 2 * n);
        ok = repr_map(model, theta, layer, &data->train, x, count, at, &dest->plane, work, err);
    }
    if (ok && data->train.classes >= 2)
        ok = probe_network(model, theta, data, work, &dest->probe, err);
    else
        dest->probe = (ProbeAccuracy){model->nsizes - 2, (double)NAN, (double)NAN};
    if (ok) {
        dest->layer = layer;
        dest->width = model->sizes[layer];
        dest->train = at;
        dest->train_count = n;
        dest->lines = at + 2 * n;
        dest->lo[0] = dest->lo[1] = (double)INFINITY;
        dest->hi[0] = dest->hi[1] = -(double)INFINITY;
        grow_box(at, n, dest->lo, dest->hi);
        /* Across a probe's cut the box is the points' alone: the grid's
         * lines, carried far out by the untrained network of
         * representation 1, had squeezed its 100 points into 10 pixels
         * either side of the cut at 960x540. */
        double points_lo = dest->lo[0], points_hi = dest->hi[0];
        grow_box(dest->lines, count - n, dest->lo, dest->hi);
        if (dest->plane.across_cut && points_hi > points_lo)
            dest->lo[0] = points_lo, dest->hi[0] = points_hi;
        at = NULL;
    }
    free(x);
    free(at);
    model_work_destroy(work);
    return ok;
}

void net_repr_picture_free(NetReprPicture *picture)
{
    /* One block: the training points, then the lines. */
    free(picture->train);
    memset(picture, 0, sizeof *picture);
}
