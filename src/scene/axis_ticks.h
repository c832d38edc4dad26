/*
 * axis_ticks.h — where an axis gets its ticks: round numbers (1, 2 or 5
 * times a power of ten) spaced so a range holds a readable number of them.
 */
#ifndef DESCENT_SCENE_AXIS_TICKS_H
#define DESCENT_SCENE_AXIS_TICKS_H

/* The smallest round spacing (1, 2 or 5 × 10^k) that puts at most
 * max_ticks ticks in [lo, hi]; 0 for an empty, reversed or non-finite
 * range or max_ticks < 1. */
double axis_tick_step(double lo, double hi, int max_ticks);

/* The first tick at or above lo for that spacing: the least multiple of
 * step that is >= lo. */
double axis_first_tick(double lo, double step);

#endif
