/*
 * sweep.h — one optimizer at several values of one of its parameters, from
 * one start, side by side (`--sweep`, a lesson step's `sweep`).
 *
 * A sweep is written PARAM=A:B:N: N values from A to B, both included,
 * evenly spaced on a log scale (A and B above 0); PARAM=A:B:N:lin spaces
 * them evenly on a linear scale.  lr=0.001:0.1:5 gives 0.001, 0.00316…,
 * 0.01, 0.0316…, 0.1.  Whole-number parameters (batch, warmup, ...) take
 * the values rounded to whole numbers.
 *
 * sweep_expand turns a sweep and the spec of the one run it applies to into
 * one spec per value: the run's spec with PARAM set to the value (replacing
 * it where the spec gives it, appended otherwise), the value printed with
 * the fewest digits that read back as the same double, so each spec run on
 * its own (`descent trace --opt SPEC`) is the sweep's run bit for bit.
 */
#ifndef DESCENT_CORE_SWEEP_H
#define DESCENT_CORE_SWEEP_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "spec.h"

#define SWEEP_MIN_VALUES 2
#define SWEEP_MAX_VALUES 16   /* a scene's runs (SCENE_MAX_RUNS) */
#define SWEEP_TEXT_MAX 128
#define SWEEP_SPEC_MAX 256    /* OptimizerDesc.spec */

typedef struct Sweep {
    char text[SWEEP_TEXT_MAX];                    /* as given: "lr=0.001:0.1:5" */
    char base[SWEEP_SPEC_MAX];                    /* the run's spec it applies to */
    char param[SPEC_NAME_MAX];                    /* "lr" */
    bool linear;                                  /* :lin, else log-spaced */
    size_t count;                                 /* N; 0 in a Sweep that is none */
    double values[SWEEP_MAX_VALUES];              /* from A to B */
    char specs[SWEEP_MAX_VALUES][SWEEP_SPEC_MAX]; /* base with param=values[i] */
} Sweep;

/* Expands sweep (PARAM=A:B:N[:lin|:log]) for the optimizer spec base into
 * dest.  Errors name the bad part: the form, an unknown optimizer, a
 * parameter the optimizer does not have (listing its numeric ones) or
 * that is not a number (nesterov, schedule, ...), A or B not a finite
 * number or outside the parameter's range (with the range), log spacing
 * with A or B not above 0, N not a whole number from SWEEP_MIN_VALUES to
 * SWEEP_MAX_VALUES, a spec that grows too long.  The specs are not checked
 * against a landscape: optimizer_parse does that when they are run. */
bool sweep_expand(const char *sweep, const char *base, Sweep *dest, DescentError *err);

/* Writes v with the fewest significant digits (at most 17) that read back
 * as v; "0.001" rather than "0.0010000000000000000208". */
void sweep_format_number(double v, char *dest, size_t size);

#endif
