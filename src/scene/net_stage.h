/*
 * net_stage.h — a network on stage: several runs training one model
 * (core/model.h) on one dataset (core/netdata.h) from the same θ0, and
 * the pictures the window draws of them: the loss on a plane through
 * parameter space (core/slice.h) with each run's path projected onto it,
 * and the selected run's predictions over the input plane.  No GL, no
 * SDL: a Scene owns one (scene->net) and drives it from scene_step,
 * scene_seek and scene_advance; the renderer only reads it
 * (docs/ARCHITECTURE.md §2.5).
 *
 * Runs.  θ0 is model_init's from an Rng seeded by init_seed; every run is
 * a NetRun (core/net_run.h) from it, so the race starts at one point.
 * Each run keeps keyframes, copies of its optimizer state (OptimizerVec)
 * at the updates that are multiples of its keyframe stride, at most
 * NET_STAGE_KEYFRAMES of them: when they are full every other one is
 * dropped and the stride doubles.  Seeking to update k rewinds to the
 * last keyframe at or before k and steps on from there; the core is
 * deterministic, so θ after seek(k) and after k updates from the start
 * are the same doubles (tests/test_net_stage.c).  The keyframes' θ are
 * also the path drawn: a long run is drawn from NET_STAGE_KEYFRAMES / 2
 * to NET_STAGE_KEYFRAMES points and its head.
 *
 * The slice.  Its plane is one of three kinds (NetSliceKind, --slice):
 *   init    through θ0 along d1 = θ_now − θ0 of the selected run and a
 *           filter-normalised random d2 ⊥ d1 as long
 *           (slice_init_directions; two random directions while
 *           θ_now = θ0), so the selected run's path goes from (0, 0) to
 *           (1, 0) when the plane is made;
 *   pca     through θ0 along the top two principal directions of every
 *           run's keyframes and head (slice_pca_directions, Li et al. 2018
 *           §7), each run's path scaled to one root-mean-square distance
 *           from θ0 first, so a short path bends the plane towards it as
 *           much as a long one, each direction oriented so its largest
 *           entry is positive, its share (net_stage_slice_plane) that of
 *           the paths' variance as they are (slice_plane_shares); while the
 *           paths span no plane (before the first update, one straight
 *           path) the init plane stands in for it;
 *   random  through the selected run's θ now along two filter-normalised
 *           random directions (slice_random_direction: each unit's row
 *           scaled to that unit's weights in θ now, biases 0), on the
 *           fixed window a ∈ ±1.6, b ∈ ±1: the basin around the solution
 *           as Li et al. draw it, the paths mostly far off the plane.
 * Random directions are drawn from the same seed every time, so the
 * picture changes only as far as the runs do.  Its loss (the full training
 * loss) is computed on NET_STAGE_GRID × NET_STAGE_GRID points by a
 * SliceRefiner, NET_STAGE_SLICE_WORK / (training samples) points a frame
 * (at least one), while the last complete grid is the
 * one shown; once the new one is complete it is shown, and when some run
 * has moved since, the next call makes a new plane through the runs as
 * they are then and starts again.  The grid spans the
 * runs' projected paths with a margin.  Paths and heads are projected
 * onto the plane of the grid shown, so a path is drawn on the landscape it
 * lies over; distance is how far each point is from that plane (‖θ − its
 * projection‖), which grows as a head moves on until the next plane.
 * Changing the kind (net_stage_set_slice) starts a new plane at once; the
 * old one stays shown until it is complete.
 *
 * Sharpness.  The plots show each run's sharpness against its stability
 * line (core/net_run.h: λmax of the training loss's Hessian, λmax(P⁻¹H)
 * for adam and adamw, by Lanczos), measured every
 * NET_STAGE_SHARPNESS_EVERY updates (every other keyframe once they are
 * sparser).  Stepping only keeps a copy of the state at such an update;
 * net_stage_refine spends NET_STAGE_PRODUCTS Hessian-vector products a
 * frame on each run's kept states, oldest first, on the runs' threads, a
 * measurement's Lanczos iterations running on from frame to frame
 * (core/net_run.h's NetCurvature), so no frame waits for a whole series of
 * them.  At most NET_STAGE_PENDING states wait per run besides the one
 * being measured, times the frames the last net_stage_refine stood for (a
 * recording's frame, up to NET_STAGE_PENDING_FRAMES); beyond, the oldest
 * is dropped
 * (playing fast thins the series instead of making it lag).  A measured
 * value stays when a seek goes back (the runs are deterministic, so the
 * same update has the same θ), and is not measured again.
 *
 * Memory: a NetStage owns its model, data, runs, keyframes, grids and
 * measurements.
 * Errors (one line, naming the part): a bad --model, --data or --opt
 * (the core's message), data that does not suit the model, out of memory.
 */
#ifndef DESCENT_SCENE_NET_STAGE_H
#define DESCENT_SCENE_NET_STAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/grid.h"
#include "core/model.h"
#include "core/net_run.h"
#include "core/netdata.h"
#include "core/slice.h"
#include "scene/scene_options.h"

#define NET_STAGE_KEYFRAMES 256
/* Slice points per side.  The slice was the frame's largest cost of the
 * network's own (about a fifth of a 2-16-16-2 scene's CPU time, measured
 * with perf): 33² points at 50 a frame refresh the plane about as often as
 * 49² at 100 did, at half the cost per frame, and the bilinear heatmap and
 * its contours look the same (docs/ARCHITECTURE.md §2.6). */
#define NET_STAGE_GRID 33
/* Samples' losses a frame's share of the slice is: its work, the same
 * for every frame and every size of data (50 points of a 100-sample
 * training set, a plane every 22 frames). */
#define NET_STAGE_SLICE_WORK 5000
#define NET_STAGE_THREADS 2         /* the machines this is taught on have few cores */
#define NET_STAGE_SHARPNESS_EVERY 16 /* updates between sharpness measurements, at least */
#define NET_STAGE_PENDING 4         /* states per run and frame waiting for their measurement */
/* The most frames one net_stage_refine lets states wait for (a recording
 * at --fps 1 stands for SCENE_WINDOW_FPS 60): a second's worth, about 14
 * kB a state for a 2-16-16-2 network's Adam. */
#define NET_STAGE_PENDING_FRAMES 60
/* Hessian-vector products a frame's share of each run's measurements is: a
 * 2-16-16-2 network's takes 8 to 11 (gd) or 12 to 15 (adam: λmax(H) and
 * λmax(P⁻¹H)), due every 1.6 frames at 10 updates a frame; made whole in
 * the frame it was due, it cost 2 to 3 ms there and nothing in between. */
#define NET_STAGE_PRODUCTS 10

/* A point of a projected path: plane coordinates, distance from the plane,
 * and the update it was taken at. */
typedef struct NetPoint {
    double a, b, distance;
    size_t step;
} NetPoint;

typedef struct NetStage NetStage;

/* Builds the stage options describe (options->model, ->data, ->init_seed,
 * ->runs; --seed seeds runs without their own); at least one run. */
NetStage *net_stage_create(const SceneOptions *options, DescentError *err);
void net_stage_destroy(NetStage *stage);

/* The model and data specs and the init seed it was made from. */
void net_stage_specs(const NetStage *stage, const char **model, const char **data,
                     uint64_t *init_seed);
const Model *net_stage_model(const NetStage *stage);
/* θ0, where every run starts (the model's nparams doubles). */
const double *net_stage_theta0(const NetStage *stage);
const NetDataSplit *net_stage_data(const NetStage *stage);
size_t net_stage_run_count(const NetStage *stage);
const NetRun *net_stage_run(const NetStage *stage, size_t i);
/* The spec string run i was given. */
const char *net_stage_run_spec(const NetStage *stage, size_t i);

/* Performs steps updates on every run that is still training. */
void net_stage_step(NetStage *stage, size_t steps);
/* Shows every run after step updates (a run that stopped earlier shows
 * its end), bit for bit as if stepped there from the start. */
void net_stage_seek(NetStage *stage, size_t step);
/* The most updates any run has done. */
size_t net_stage_shown_step(const NetStage *stage);

/* The run the plane follows (its d1) and the data panel shows. */
void net_stage_select(NetStage *stage, size_t i);

/* frames frames' share of the sharpness measurements and of the slice's
 * work (see the header comment; a recording catching up with its clock
 * does more than one): returns true when the grid shown changed. */
bool net_stage_refine(NetStage *stage, size_t frames);

/* The update the plane of the grid shown was made at, and (into *run) the
 * run it goes through. */
size_t net_stage_plane(const NetStage *stage, size_t *run);

/* The grid shown: its rectangle in plane coordinates, its values
 * (NET_STAGE_GRID² doubles, row-major, row 0 at b_min) and a serial that
 * changes whenever they do (0: no grid yet). */
const SliceGridDesc *net_stage_grid(const NetStage *stage, const double **values,
                                    unsigned *serial);

/* The slice resampled for drawing: dest[j·width + i] is the grid's value
 * at the centre of cell (i, j) of view cut into width × height cells
 * (grid.h's layout), bilinearly interpolated; outside the grid, the value at
 * its nearest edge (the renderer covers what lies outside). */
GridStats net_stage_sample(const NetStage *stage, ViewRect view, int width, int height,
                           float *dest);

/* Run i's path on the plane of the grid shown: its keyframes up to the
 * update shown, then its head (at most NET_STAGE_KEYFRAMES + 1 points,
 * into dest); returns how many.  None before the first grid. */
size_t net_stage_path(const NetStage *stage, size_t i, NetPoint *dest);

/* Run i's predicted class at count input points (x: count × 2) into
 * classes and its confidence into confidence, as core/model.h's
 * model_predict gives them (the points in NET_STAGE_THREADS parts, on
 * threads of their own). */
void net_stage_predict(const NetStage *stage, size_t i, const double *x, size_t count,
                       int *classes, double *confidence);

size_t net_stage_selected(const NetStage *stage);

/* The kind of plane asked for; changing it starts a new one (the one shown
 * stays until the new one is complete). */
void net_stage_set_slice(NetStage *stage, NetSliceKind kind);
NetSliceKind net_stage_slice(const NetStage *stage);

/* The plane of the grid shown (pointers into the stage, valid until the
 * next net_stage_refine), the kind it was made as (PCA may have fallen
 * back to init) into *kind and, for PCA, each direction's share of the
 * paths' variance (as they are, not scaled) into explained (either may be
 * NULL). */
SlicePlane net_stage_slice_plane(const NetStage *stage, NetSliceKind *kind, double explained[2]);

/* What the plots draw of a run, per update. */
typedef enum NetSeries {
    NET_SERIES_TRAIN_LOSS = 0,  /* the full training loss (core/net_run.h's NetMetrics) */
    NET_SERIES_TEST_LOSS,
    NET_SERIES_TRAIN_ACC,       /* a share, 0 .. 1; NaN for regression data */
    NET_SERIES_TEST_ACC,
    NET_SERIES_NORM,            /* ‖θ‖ */
    NET_SERIES_SHARPNESS,       /* λmax(H), or λmax(P⁻¹H) for adam and adamw (see
                                   above); NaN where k is not measured (yet) */
    NET_SERIES_STABILITY,       /* the sharpness's stability line at k
                                   (net_run_stability_line: 2/η, 38/η, ...) */
    NET_SERIES_COUNT
} NetSeries;

/* Run i's series after k updates (k < its metrics' count). */
double net_stage_series(const NetStage *stage, size_t i, NetSeries series, size_t k);

#endif
