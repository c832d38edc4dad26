/*
 * basins.h — basins of attraction: which known minimum (landscape_minima,
 * or minima found numerically where the landscape knows none) the
 * gradient flow dθ/dt = −∇L carries a point to.
 *
 * "The share of particles in each basin" (README.md, `b`) means basins of
 * attraction, not the nearest minimum: a particle on the far side of the
 * ridge between two wells belongs to the well it would roll into, however
 * close the other well's bottom is.  basin_of answers that for one point by
 * integrating the flow (see basins.c for how); a BasinMap answers it for
 * the cells of a grid over a rectangle, labelling each cell the first time
 * a point falls in it and remembering the answer, so classifying every
 * particle of a swarm each frame costs a lookup each once the swarm's
 * cells are known.
 */
#ifndef DESCENT_CORE_BASINS_H
#define DESCENT_CORE_BASINS_H

#include <stddef.h>

#include "error.h"
#include "landscape.h"

/* Index into landscape_minima of the minimum whose basin holds (x, y), or
 * -1 when the flow reaches none of them (it leaves for infinity, stalls,
 * or heads for a minimum the landscape does not know). */
int basin_of(const Landscape *landscape, double x, double y);

/* Minima found numerically, for landscapes that know none (expr): the
 * gradient flow is followed from the centres of a grid x grid lattice over
 * rect to where it comes to rest; rest points inside rect where the
 * Hessian is positive definite (not a saddle) are kept, those closer than
 * a thousandth of rect's diagonal counted once, lowest value first.  At
 * most max (and LANDSCAPE_MAX_MINIMA) are written; returns how many. */
size_t basins_find_minima(const Landscape *landscape, ViewRect rect, int grid,
                          LandscapePoint *dest, size_t max);

typedef struct BasinMap BasinMap;

/* A map of width x height cells over rect, none labelled yet.  It
 * borrows landscape, which must outlive it.  Not thread-safe: labelling
 * writes to the map.  Errors: a bad size or rectangle, out of memory. */
BasinMap *basin_map_create(const Landscape *landscape, ViewRect rect, int width, int height,
                           DescentError *err);
/* The same for the count minima given (basins_find_minima's) instead of
 * the landscape's known ones. */
BasinMap *basin_map_create_for(const Landscape *landscape, const LandscapePoint *minima,
                               size_t count, ViewRect rect, int width, int height,
                               DescentError *err);
void basin_map_destroy(BasinMap *map);

/* The rectangle the map covers. */
ViewRect basin_map_rect(const BasinMap *map);

/* The known minima the labels index (at most max written); their count. */
size_t basin_map_minima(const BasinMap *map, LandscapePoint *dest, size_t max);

/* The label of the cell holding (x, y) — basin_of its centre, worked out
 * on first use: a minimum's index, or -1 for a cell whose flow reaches no
 * known minimum and for points outside the map or not finite. */
int basin_map_label(BasinMap *map, double x, double y);

/* Labels every cell of the map that meets rect and has no label yet, on up
 * to threads threads (each cell's flow is its own): a caller about to ask
 * for all of them (the basins' edges over the view, some 11 000 flows)
 * waits for the slowest thread's share rather than for every flow in
 * turn.  The map is not to be used meanwhile. */
void basin_map_label_rect(BasinMap *map, ViewRect rect, int threads);

/* Shares of count points (x, y interleaved, as a swarm stores them) in each
 * minimum's basin: shares[k] for k < the map's minima count (at most max),
 * and *elsewhere for the points in no known basin, outside the map or not
 * finite; all of them sum to 1.  Returns the minima count written; 0 (and
 * nothing written) when count is 0 or the map knows no minima. */
size_t basin_map_shares(BasinMap *map, const float *xy, size_t count, double *shares,
                        size_t max, double *elsewhere);

#endif
