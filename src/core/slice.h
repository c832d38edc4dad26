/*
 * slice.h — a network's loss on a plane or along a line through parameter
 * space: the pictures of a landscape with thousands of dimensions.
 *
 * A plane is a centre θc and two directions d1, d2; its point (a, b) is
 * θc + a·d1 + b·d2.  The directions, each of model->nparams values:
 *   slice_random_direction   Gaussian, then filter-normalised (Li et al.
 *                            2018, "Visualizing the loss landscape of
 *                            neural nets"): each row of each weight matrix
 *                            (one unit's incoming weights) is scaled to the
 *                            norm of the same row of θ, and the biases are
 *                            0 (their recommended setting, --xignore
 *                            biasbn), so a unit step moves every unit by
 *                            its own size.
 *   slice_pca_directions     the top two principal directions of a
 *                            trajectory θ_0 .. θ_{T−1} (Li et al. §7): the
 *                            rows θ_t − θc, centred on their mean as PCA
 *                            does, their T × T Gram matrix's top two
 *                            eigenvectors (LAPACK) mapped back to unit
 *                            directions; with the share of the variance
 *                            each explains.  Cost O(T²n + T³): subsample a
 *                            long trajectory (a few hundred points).
 *   slice_plane_shares       the share of some points' variance (about
 *                            their mean) along each of two orthonormal
 *                            directions: what a plane found some other
 *                            way (e.g. PCA of the paths scaled) holds of
 *                            the points as they are.
 *   slice_init_directions    d1 = θ_now − θ_init, d2 a random
 *                            filter-normalised direction made orthogonal
 *                            to d1 and as long; with centre θ_init, (0, 0)
 *                            is the start and (1, 0) the current point.
 * A trajectory rarely lies in its plane: slice_project gives each θ's
 * coordinates (the least-squares (a, b)) and its distance from the plane,
 * so a picture can say how far the path is from what is drawn.
 *
 * Grids sample L on nx × ny points, a from a_min to a_max along x (column
 * i), b from b_min to b_max along y (row j): dest[j·nx + i] =
 * L(θc + a_i d1 + b_j d2), over the whole data set given.  They run on
 * parallel_for (parallel.h) and refine progressively: a SliceRefiner
 * computes every stride-th point first (stride a power of two, the
 * largest with at least ~5 points along the longer side), filling the
 * cells between with the value of the computed point below and left of
 * them, so every finished level leaves a whole picture, then halves the
 * stride until every point is computed.  slice_grid does all steps at
 * once.
 *
 * slice_line gives the straight-line interpolation L((1 − α)θa + αθb) for
 * count values of α from alpha_min to alpha_max (Goodfellow et al. 2015,
 * "Qualitatively characterizing neural network optimization problems").
 *
 * Memory: the caller owns the model, data, θ and direction arrays and
 * dest, and keeps them alive and unchanged while a SliceRefiner uses them;
 * a refiner owns its per-thread workspaces (slice_refiner_destroy frees
 * them).  Errors are out of memory and bad grid sizes (nx, ny >= 2).
 */
#ifndef DESCENT_CORE_SLICE_H
#define DESCENT_CORE_SLICE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "model.h"
#include "netdata.h"
#include "rng.h"

/* The plane a network's picture lies in (scene/net_stage.h says how each
 * is placed); its name is what --slice and a lesson's slice = take. */
typedef enum NetSliceKind {
    NET_SLICE_INIT = 0,               /* "init": through θ0 and a run now */
    NET_SLICE_PCA,                    /* "pca": the runs' top two principal directions */
    NET_SLICE_RANDOM,                 /* "random": filter-normalised random directions */
    NET_SLICE_COUNT
} NetSliceKind;

/* The name of a kind ("init", "pca", "random"). */
const char *slice_kind_name(NetSliceKind kind);
/* The kind named name into dest; false when no kind has that name. */
bool slice_kind_parse(const char *name, NetSliceKind *dest);

/* Filter-normalises d in place against θ (see above). */
void slice_filter_normalize(const Model *model, const double *theta, double *d);

/* A random filter-normalised direction into dest. */
void slice_random_direction(const Model *model, const double *theta, Rng *rng, double *dest);

/* The top two principal directions of count points (rows of trajectory,
 * count × n) about centre, into d1, d2 (unit length); explained (may be
 * NULL) receives each one's share of the variance.  Needs count >= 3 and
 * points that do not all lie on one line through their mean. */
bool slice_pca_directions(size_t n, const double *trajectory, size_t count,
                          const double *center, double *d1, double *d2, double explained[2],
                          DescentError *err);

/* Each of the orthonormal d1 and d2's share of the variance of count
 * points (rows of points, count × n) about their mean, into shares; 0 and
 * 0 when the points do not vary. */
void slice_plane_shares(size_t n, const double *points, size_t count, const double *d1,
                        const double *d2, double shares[2]);

/* d1 = theta_now − theta_init and d2 random, ⊥ d1, |d2| = |d1|. */
void slice_init_directions(const Model *model, const double *theta_init,
                           const double *theta_now, Rng *rng, double *d1, double *d2);

typedef struct SlicePlane {
    size_t n;
    const double *center, *d1, *d2;
} SlicePlane;

/* θ's least-squares coordinates in the plane into *a, *b, and its distance
 * from the plane into *distance.  d1 and d2 must be linearly independent. */
void slice_project(const SlicePlane *plane, const double *theta, double *a, double *b,
                   double *distance);

typedef struct SliceGridDesc {
    double a_min, a_max, b_min, b_max;
    int nx, ny;
} SliceGridDesc;

typedef struct SliceRefiner SliceRefiner;

/* Prepares the refinement of a grid into dest (nx·ny doubles). */
SliceRefiner *slice_refiner_create(const Model *model, const NetData *data,
                                   const SlicePlane *plane, const SliceGridDesc *desc,
                                   double *dest, DescentError *err);

/* Computes the rest of the level being computed on up to threads
 * threads; returns false, and writes err, only when a thread's workspace
 * cannot be allocated. */
bool slice_refiner_step(SliceRefiner *refiner, int threads, DescentError *err);

/* Computes the next `points` points (fewer when fewer are left), level
 * after level, a level finished as a step finishes it: a caller that
 * spends a fixed amount of work per call (a frame's share) instead of a
 * level's.  Errors as slice_refiner_step's. */
bool slice_refiner_step_points(SliceRefiner *refiner, size_t points, int threads,
                               DescentError *err);

/* The stride of the level being computed; 0 once every point is
 * computed. */
int slice_refiner_stride(const SliceRefiner *refiner);

void slice_refiner_destroy(SliceRefiner *refiner);

/* Every point of the grid at once. */
bool slice_grid(const Model *model, const NetData *data, const SlicePlane *plane,
                const SliceGridDesc *desc, int threads, double *dest, DescentError *err);

/* L((1 − α)θa + αθb) at count >= 2 evenly spaced α into losses, and the
 * accuracies into accuracies when not NULL. */
bool slice_line(const Model *model, const NetData *data, const double *theta_a,
                const double *theta_b, double alpha_min, double alpha_max, size_t count,
                double *losses, double *accuracies, DescentError *err);

#endif
