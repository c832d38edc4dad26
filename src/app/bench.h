/*
 * bench.h — frame-time benchmark: renders frames of a scene off-screen
 * (SDL's offscreen driver unless SDL_VIDEODRIVER says otherwise) exactly
 * as the window draws them, one 1/60 s scene step per frame, and prints
 * the median and 99th percentile of the frame times.
 */
#ifndef DESCENT_APP_BENCH_H
#define DESCENT_APP_BENCH_H

#include "core/error.h"
#include "scene/scene.h"

/* Renders frames frames of scene at width x height and prints the figures
 * to stdout.  Does not take scene.  Errors: no GL context, a missing shader,
 * colormap or font, a bad size. */
bool app_bench_frames(Scene *scene, int width, int height, int frames, DescentError *err);

#endif
