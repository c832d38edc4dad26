/*
 * netdata.h — the datasets a network (model.h) trains on: seeded 2-D toy
 * sets for classification and regression, or a CSV file, split into a
 * training and a held-out test part.
 *
 * Spec strings (spec.h), every key optional:
 *   moons:n=200,noise=0.1,seed=0,test=0.5
 *   circles:factor=0.5   spirals:turns=1   xor   blobs:k=3   gaussian_linear
 *   csv:FILE[,task=classify|regress][,test=..,seed=..]  (or csv:file=FILE)
 * Every generator takes n (samples before the split), noise, seed and test
 * (the held-out share); csv:FILE reads columns x1,x2,y with the CSV reader
 * of dataset.h (a FILE holding ',' or '=' cannot be named this way).
 *
 * The generators, sample i = 0 .. n−1 in order, with one Rng seeded by seed
 * (rng.h); ε = (ε1, ε2) are two standard normals drawn by rng_normal2 for
 * each sample after anything else that sample draws, and the label is
 * fixed before the noise is added:
 *   moons    (scikit-learn's make_moons, unshuffled) the first n_out = ⌊n/2⌋
 *            samples are class 0 on the upper half circle
 *            (cos t, sin t), t = π·j/(n_out − 1) for j = 0 .. n_out − 1,
 *            the rest (n_in = n − n_out) class 1 on (1 − cos t, 0.5 − sin t),
 *            t = π·j/(n_in − 1) (t = 0 when a half holds one sample);
 *            x = point + noise·ε.
 *   circles  (make_circles) the first ⌊n/2⌋ class 0 on the unit circle at
 *            t = 2π·j/n_out, the rest class 1 at factor·(cos t, sin t),
 *            t = 2π·j/n_in; x = point + noise·ε.
 *   spirals  sample i is class c = i mod 2, j = ⌊i/2⌋ its index in the
 *            class, m = ⌈(n − c)/2⌉ the class's size, r = (j + 1)/m,
 *            angle = 2π·turns·r + π·c; x = r·(cos angle, sin angle) + noise·ε.
 *   xor      u1, u2 uniform on [−1, 1) (2·rng_uniform − 1, u1 first), class 1
 *            when u1·u2 < 0 (the quadrants disagree), else 0;
 *            x = (u1, u2) + noise·ε.
 *   blobs    class c = i mod k, centre 2·(cos 2πc/k, sin 2πc/k);
 *            x = centre + noise·ε.
 *   gaussian_linear (regression) x = ε (the inputs are the normals), then a
 *            third normal e (the first of a second rng_normal2 pair):
 *            y = 2·x1 + x2 + noise·e.
 * A csv file with task=classify (the default) must hold whole-number
 * labels of at least two distinct values; the distinct values, ascending,
 * become classes 0, 1, ... (so −1/+1 and 0/1/2 files both work).
 *
 * The split: round(test·n) samples are held out, chosen by a seeded
 * shuffle (Fisher–Yates, j = rng_next % (i + 1) for i from n − 1 down,
 * on an Rng seeded by rng_mix(seed, 0x7e57)); the train set keeps the
 * remaining samples in their original order, the test set the chosen ones
 * in their original order too.  test=0 keeps every sample for training
 * (an empty test set); otherwise both parts must hold at least one sample.
 *
 * Memory: netdata_create allocates the two sets; the caller owns them and
 * frees them with netdata_free.  Errors (one line, naming the part):
 * unknown dataset, unknown key, out-of-range value (n=0, test=1.5), an
 * unreadable or malformed file, a classification file with one class, a
 * split that leaves a part empty.
 */
#ifndef DESCENT_CORE_NETDATA_H
#define DESCENT_CORE_NETDATA_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "spec.h"

/* The largest number of classes a classification set may have. */
#define NETDATA_MAX_CLASSES 64

/* One set of samples.  x is n rows of dim features, row-major; y holds
 * the class index (0 .. classes − 1, as a double) for classification or
 * the target value for regression. */
typedef struct NetData {
    size_t n;
    int dim;      /* input features: 2 for every dataset here */
    int classes;  /* >= 2 for classification; 0 for regression */
    double *x;    /* n × dim */
    double *y;    /* n */
} NetData;

typedef struct NetDataSplit {
    NetData train;
    NetData test;  /* n = 0 when test=0 */
} NetDataSplit;

/* Builds both sets from a spec string; on failure dest holds nothing to
 * free (it is zeroed). */
bool netdata_create(const char *spec, NetDataSplit *dest, DescentError *err);

/* Splits a spec as netdata_create reads it (csv:FILE as csv:file=FILE)
 * into dest, without building anything; errors: an unknown dataset and
 * spec_parse's. */
bool netdata_spec_parse(const char *text, Spec *dest, DescentError *err);

/* Frees both sets and zeroes dest; NULL is a no-op. */
void netdata_free(NetDataSplit *dest);

/* "The square around the data": the square of the input plane around
 * every sample, train and test, with a margin of 8 % of its side, [*lo,
 * *hi] on both axes (its two inputs; the largest and smallest of either).
 * The one square the window's data panel and thumbnails, the exported
 * page and the representation's grid draw, and the one a caption's share
 * of it is counted on (net_starts.h's regions, the lessons' claims). */
void netdata_square(const NetDataSplit *data, double *lo, double *hi);

/* Cells per side of the grid a share of that square is counted on; the
 * data panel and the exported page colour the same cells. */
#define NETDATA_SQUARE_CELLS 32

/* The centres of a cells × cells grid over that square into dest
 * (cells² rows of (x1, x2)), row by row from the top (x2 high) and each
 * row from the left: the cells of a picture of the input plane. */
void netdata_square_cells(const NetDataSplit *data, int cells, double *dest);

/* The dataset kinds, for `descent list datasets` and help: their names,
 * parameter tables and one line each. */
typedef struct NetDataInfo {
    const char *name;
    const ParamDef *params;
    size_t nparams;
    const char *help;
} NetDataInfo;

extern const NetDataInfo netdata_kinds[];
extern const size_t netdata_kind_count;

#endif
