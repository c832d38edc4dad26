/*
 * represent.h — what a network makes of its input plane: a layer's
 * activations seen in two dimensions, and how well a straight cut separates
 * the classes there (a linear probe).  The pictures and numbers of the
 * representation view (scene/net_repr.h) and the `representation` lesson.
 *
 * Axes.  Layer l's activations h_l(x) (model.h's model_layer; layer 0 is
 * the input itself) over a set of inputs (the training points) fix a plane:
 *   a 2-unit layer  the units themselves: centre 0, axes (1, 0) and (0, 1),
 *                   the activations drawn directly;
 *   a 1-unit layer  the unit and 0;
 *   a wider layer, two classes
 *                   across the straight cut of the layer's linear probe
 *                   (below, fitted on these activations) and along it:
 *                   centre their mean, axis 0 the unit vector u/‖u‖ that
 *                   the probe's class-1-minus-class-0 score grows along
 *                   (u_j = (W_j1 − W_j0)·scale_j), so the cut is a line
 *                   across the picture and each class lies on its side
 *                   as far as the probe separates them; axis 1 the top
 *                   principal direction of the activations with their
 *                   axis-0 part taken out (the top eigenvector of P C P,
 *                   P = I − a0 a0ᵀ, C the covariance below), signed so its
 *                   largest-magnitude component (the first of equals) is
 *                   positive.  A probe with u = 0 gives the next plane;
 *   a wider layer, otherwise
 *                   the top two principal directions of the activations:
 *                   centre their mean, axes the unit eigenvectors of their
 *                   covariance C = (1/n) Σ (h − mean)(h − mean)ᵀ for its
 *                   two largest eigenvalues (LAPACK's dsyevr), the larger
 *                   first, each signed as axis 1 above.
 * share[k] is the share of the activations' variance along axis k (of the
 * total over every unit; NaN when they do not vary).  Any inputs — the
 * training points, the lines of a grid over the input plane — are then
 * drawn at (axis_0 · (h − centre), axis_1 · (h − centre)): repr_map.
 * With two classes the probe's cut is drawn too: on every plane above it
 * is a line of the picture (the probe's score depends on h only through
 * the plane's coordinates: along axis 0, or the whole layer for width ≤ 2).
 *
 * The linear probe.  A least-squares linear classifier on a layer's
 * activations: each unit standardised by the training set's mean and
 * standard deviation (a unit that does not vary becomes 0), a constant 1
 * appended, and the weights W ((width + 1) × classes) that minimise
 *   Σ_s ‖[f̃_s, 1] W − onehot(y_s)‖² + PROBE_RIDGE·n·‖W without its last row‖²
 * (the tiny ridge only makes a layer with dead or copied units solvable),
 * by Cholesky (LAPACK's dposv).  Its class for a sample is the largest of
 * [f̃, 1] W (the first of equals).  It has no randomness and no iteration:
 * the same activations give the same doubles.  Standardising makes it
 * blind to a shift and scale of each unit, so on a layer that is an affine
 * copy of the inputs it is the linear classifier of the raw inputs
 * (tests/test_represent.c).  probe_network probes the last hidden layer
 * (layer nsizes − 2; the inputs for a model without one) on the training
 * set and measures its accuracy there and on the test set.
 *
 * Memory: the caller owns every array it passes; a LinearProbe owns its
 * arrays (probe_free).  Errors: out of memory, LAPACK's failure (a
 * covariance whose eigenproblem does not converge), regression data (no
 * classes to probe).
 */
#ifndef DESCENT_CORE_REPRESENT_H
#define DESCENT_CORE_REPRESENT_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "model.h"
#include "netdata.h"

#define PROBE_RIDGE 1e-6

/* The plane a layer is drawn on, and the probe's cut on it. */
typedef struct ReprPlane {
    double share[2];        /* the variance share along each axis */
    bool across_cut;        /* axis 0 runs across the probe's cut (a wider layer) */
    /* The cut: the points p of the plane with cut[0]·p0 + cut[1]·p1 +
     * cut[2] = 0, the probe's class-1-minus-class-0 score; where it is
     * positive the probe says class 1.  NaN without two classes. */
    double cut[3];
} ReprPlane;

/* The plane of a layer's activations act (n × width, n >= 1), as the
 * header says: its centre (width doubles), its two axes (2 × width, row k
 * axis k) and plane.  y (n class labels) with classes == 2 makes the
 * plane the probe's; y NULL or other classes, the principal one. */
bool repr_axes(const double *act, size_t n, int width, const double *y, int classes,
               double *centre, double *axes, ReprPlane *plane, DescentError *err);

/* The coordinates of n activations on the plane into dest (n × 2). */
void repr_project(const double *act, size_t n, int width, const double *centre,
                  const double *axes, double *dest);

/* The plane of layer `layer` (0 .. nsizes − 1) made from the samples fit
 * (inputs, and labels where it has two classes), and the coordinates on it
 * of the inputs x (n rows) into dest (n × 2).  work is the model's
 * scratch. */
bool repr_map(const Model *model, const double *theta, int layer, const NetData *fit,
              const double *x, size_t n, double *dest, ReprPlane *plane, ModelWork *work,
              DescentError *err);

typedef struct LinearProbe {
    int width, classes;
    double *mean, *scale;   /* width each: f̃ = (f − mean)·scale */
    double *weights;        /* (width + 1) × classes, row-major */
} LinearProbe;

/* Fits the probe to n samples' features (n × width) and class labels y
 * (0 .. classes − 1, as doubles); dest owns its arrays on success. */
bool probe_fit(const double *features, const double *y, size_t n, int width, int classes,
               LinearProbe *dest, DescentError *err);

/* The probe's share of the n samples it classifies as y says (NaN for
 * n = 0). */
double probe_accuracy(const LinearProbe *probe, const double *features, const double *y,
                      size_t n);

void probe_free(LinearProbe *probe);

typedef struct ProbeAccuracy {
    int layer;              /* the layer probed */
    double train, test;     /* test NaN when the test set is empty */
} ProbeAccuracy;

/* The probe of θ's last hidden layer, fitted on data's training set. */
bool probe_network(const Model *model, const double *theta, const NetDataSplit *data,
                   ModelWork *work, ProbeAccuracy *dest, DescentError *err);

#endif
