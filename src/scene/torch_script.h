/*
 * torch_script.h — a scene's runs written out as a standalone PyTorch
 * script (`descent export --torch`, the window's 'S' key).
 *
 * The script needs python3 and torch only (float64; torch.optim for every
 * optimizer, one small torch.optim.Optimizer subclass for newton, which
 * torch lacks).  It rebuilds the landscape in torch (analytic formulas,
 * expressions, and data landscapes with their dataset written in), runs
 * every run from its start for the given number of updates with its
 * schedule, and replays what made the walk random or changed it mid-run
 * as data taken from descent's own walk: each update's Gaussian noise σξ
 * (descent's draws, src/core/rng.c), each update's minibatch, and each
 * parameter change (the window's [ ] n N u U y Y k K keys, trace's
 * --change) at the update it took effect.  `python3 scene.py` prints the
 * runs in `descent trace`'s CSV (docs/CLI.md §4); `--plot` draws them with
 * matplotlib.  Numbers go in with the fewest digits that read back as the
 * same double, so the script starts from descent's exact values.
 *
 * What cannot be written so that it reproduces descent is refused, with a
 * one-line reason in err, never written approximately: flow (an adaptive
 * integrator, not a torch.optim step), noise_model=hessian, label_noise,
 * the parabolic_wells landscape (piecewise), torch's own refusals
 * (nesterov without momentum or with dampening), and mid-run changes torch
 * cannot take (turning momentum on, toggling nesterov, centered or
 * amsgrad, changing the schedule's shape).
 */
#ifndef DESCENT_SCENE_TORCH_SCRIPT_H
#define DESCENT_SCENE_TORCH_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/error.h"
#include "core/landscape.h"
#include "core/run.h"

/* The most updates a script replays: its noise and minibatches are
 * written in, a few dozen bytes per update and run. */
#define TORCH_SCRIPT_MAX_STEPS 100000

/* One run to export: the Run (its start, parameters and changes; it is
 * replayed from its start, so how far it has gone does not matter) and
 * the spec string the CSV's optimizer column prints. */
typedef struct TorchRun {
    const Run *run;
    const char *spec;
} TorchRun;

/* Whether torch_script_write would write the script (below): false with
 * err set to the one-line reason when it would refuse. */
bool torch_script_check(const Landscape *landscape, const TorchRun *runs, size_t count,
                        size_t steps, DescentError *err);

/* Writes the script for count runs on landscape, steps updates each (a run
 * that diverges stops there, as trace's do), to out; origin (one line)
 * says in the script's header where it came from.  Returns false with err
 * set, having written nothing, when something cannot be exported (above),
 * steps exceeds TORCH_SCRIPT_MAX_STEPS, or memory runs out. */
bool torch_script_write(FILE *out, const char *origin, const Landscape *landscape,
                        const TorchRun *runs, size_t count, size_t steps, DescentError *err);

/* torch_script_write into path: written beside it, then renamed into place
 * (core/aside_file.h), so path never holds half a script.  Errors also
 * name an unwritable path. */
bool torch_script_save(const char *path, const char *origin, const Landscape *landscape,
                       const TorchRun *runs, size_t count, size_t steps, DescentError *err);

#endif
