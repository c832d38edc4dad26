/*
 * experiment_live.h — an experiment (core/experiment.h) measured on a
 * thread of its own beside the stage, and the picture of it so far: the
 * rows measured, the share of the work done, the verdict once it is
 * finished.  `descent --experiment SPEC` and a lesson step's
 * `experiment = "SPEC"` put one on stage (scene.h); the renderer draws
 * its picture beside the landscape, filling in as points are measured,
 * and `descent experiment NAME --plot` draws a finished one.
 *
 * SPEC is `NAME` or `NAME:key=value,...`, the experiment's own keys
 * (`descent list experiments`); the stage measures its --quick form (the
 * keys given win), so a picture fills in while a class watches.
 *
 * The thread only measures: it hands each row over under a lock as it is
 * judged, and experiment_live_update, called once per frame from the
 * scene's thread, copies what it has into the picture the renderer reads.
 * A frame never waits for a measurement, except when paced (recordings):
 * then the first update waits for the whole measurement, and row k shows
 * from EXPERIMENT_LIVE_ROW_SECONDS·(k + 1) seconds after the start, in
 * order, with the share done of the final count and the verdict once
 * every row shows, so the frames depend on the scene's clock alone, like
 * every other recording.
 */
#ifndef DESCENT_SCENE_EXPERIMENT_LIVE_H
#define DESCENT_SCENE_EXPERIMENT_LIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/experiment.h"
#include "scene/scene_options.h"

/* Seconds of scene time per row of a paced picture. */
#define EXPERIMENT_LIVE_ROW_SECONDS 0.5

/* An experiment's picture: rows [0, result.count) of which measured[]
 * says which are in (the others are not drawn). */
typedef struct ExperimentPicture {
    ExperimentResult result;
    bool measured[EXPERIMENT_MAX_POINTS];
    size_t measured_count;
    double done;        /* the share of the work done, 0 .. 1 */
    bool finished;      /* every row in: count, claim and verdict final */
    char error[DESCENT_ERROR_MAX]; /* the measurement failed (no memory); "" */
} ExperimentPicture;

/* The picture of a finished result: every row measured. */
void experiment_picture_of(const ExperimentResult *result, ExperimentPicture *dest);

/* The stage an experiment is shown on when nothing else is asked for
 * (`descent --experiment SPEC` without --landscape or --opt): its
 * landscape, with walkers of one of its settings moving on it (kramers:
 * a cloud of SGD at dV/eps = 3 in the left well of double_well).  Fills
 * options' landscape, runs, particles and start; false when SPEC names no
 * experiment (experiment_live_start says so). */
bool experiment_live_stage(const char *spec, SceneOptions *options);

typedef struct ExperimentLive ExperimentLive;

/* Checks spec's name and keys (the core's messages: an unknown experiment
 * or key, a bad value, settings it cannot measure) and starts measuring
 * with seed on threads threads; NULL with err set when SPEC is bad or
 * memory or a thread is short. */
ExperimentLive *experiment_live_start(const char *spec, uint64_t seed, int threads,
                                      DescentError *err);
/* Stops the measurement (within a slice of walkers) and frees it. */
void experiment_live_destroy(ExperimentLive *live);

/* Holds the measurement at its next rest: between two slices of walkers
 * (the core's progress report), where its walker threads are joined and
 * its own thread waits on its lock, inside no allocation; or finished, its
 * thread joined.  Returns whether it rests now; with wait, once it does,
 * which takes at most a slice of walkers (an experiment that reports only
 * at its end: the whole quick measurement, edge_of_stability's 9 s).
 * Without, the hold stands, so a later call finds it resting; until
 * experiment_live_release (or destroy) lets it go on.  For a fork: a child
 * forked while the thread allocated could wait for ever on a lock the
 * thread held (the lesson loader's, lesson/lesson_load.c).  On NULL:
 * true, nothing to hold. */
bool experiment_live_hold(ExperimentLive *live, bool wait);
void experiment_live_release(ExperimentLive *live);
/* Whether its thread waits in a hold now (what tests/test_scene.c checks
 * at each of the loader's forks); false once it has ended. */
bool experiment_live_held(ExperimentLive *live);

/* The SPEC it was started with. */
const char *experiment_live_spec(const ExperimentLive *live);
/* The experiment it measures. */
const ExperimentInfo *experiment_live_info(const ExperimentLive *live);

/* Brings the picture up to what is measured, seconds after the start of
 * the scene's clock (paced: as above, waiting for the measurement). */
void experiment_live_update(ExperimentLive *live, double seconds, bool paced);

/* The picture as the last update left it (owned by live). */
const ExperimentPicture *experiment_live_picture(const ExperimentLive *live);

#endif
