/*
 * net_repr.h — the representation view's picture: how the selected run's
 * network bends its input plane.  The lines of a square grid over the
 * input plane (the data's square, core/netdata.h's netdata_square) and
 * the training points are carried through the network to a hidden layer
 * and drawn on that layer's plane (core/represent.h: a 2-unit layer directly, a wider
 * one across its linear probe's straight cut and along it for two classes,
 * else on the top two principal directions of the training points'
 * activations), with that cut; with the linear probe's accuracy on the
 * last hidden layer.
 * Made afresh from the run's θ each time it is asked for, so it moves as
 * the run trains and rewinds with it.  No GL: the renderer draws it
 * (render/net_repr_view.c).
 *
 * Memory: net_repr_picture allocates the picture's arrays; the caller
 * frees them with net_repr_picture_free.  Errors (one line): out of
 * memory, LAPACK's failure (core/represent.h), a layer that is not hidden.
 */
#ifndef DESCENT_SCENE_NET_REPR_H
#define DESCENT_SCENE_NET_REPR_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/represent.h"
#include "scene/net_stage.h"

#define NET_REPR_LINES 15       /* grid lines across each direction of the input square */
#define NET_REPR_POINTS 49      /* points along each line */

typedef struct NetReprPicture {
    int layer;              /* 1 .. nsizes − 2 */
    int width;              /* its units */
    ReprPlane plane;        /* the axes' variance shares and the cut (represent.h) */
    /* 2·NET_REPR_LINES lines of NET_REPR_POINTS (a, b) points each: first
     * the lines of constant x2 from the square's bottom up, then those of
     * constant x1 from its left; point k of a line at the k-th step of the
     * other coordinate from low to high. */
    double *lines;
    double *train;          /* the training points' (a, b), train.n × 2 */
    size_t train_count;
    /* The box around every line point and training point; across a
     * probe's cut (plane.across_cut) axis 0's side around the training
     * points alone, the lines running past it. */
    double lo[2], hi[2];
    ProbeAccuracy probe;    /* its train and test accuracy (NaN for regression data) */
} NetReprPicture;

/* The number of hidden layers (what the view can show: 1 .. count). */
int net_repr_hidden_layers(const NetStage *stage);

/* The picture of hidden layer `layer` for the selected run as it is. */
bool net_repr_picture(const NetStage *stage, int layer, NetReprPicture *dest,
                      DescentError *err);
void net_repr_picture_free(NetReprPicture *picture);

#endif
