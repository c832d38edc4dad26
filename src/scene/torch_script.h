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
 * A network scene (--model, --data) is written the same way: the MLP as
 * torch.nn.Linear layers with descent's θ0 written in (not redrawn:
 * torch's generator is not descent's), the training and test rows as
 * descent split them, the same optimizers, schedules, changes, noise (one
 * draw per parameter and update) and minibatches (rows of the training
 * set); it prints trace's network CSV (docs/CLI.md §4.2: losses,
 * accuracies and ‖θ‖; the columns trace measures only with --every are
 * empty, as trace leaves them without it) and `--plot` draws the loss
 * curves.
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
#include "core/history.h"
#include "core/landscape.h"
#include "core/model.h"
#include "core/netdata.h"
#include "core/run.h"

/* The most updates a script replays: its noise and minibatches are
 * written in, a few dozen bytes per update and run. */
#define TORCH_SCRIPT_MAX_STEPS 100000
/* The most numbers a network's script writes in (θ0, the dataset, the
 * noise of every update: θ's length per update of a noisy run), about
 * 25 bytes each. */
#define TORCH_SCRIPT_MAX_NUMBERS 4000000

/* One run to export: the Run (its start, parameters and changes; it is
 * replayed from its start, so how far it has gone does not matter) and
 * the spec string the CSV's optimizer column prints. */
typedef struct TorchRun {
    const Run *run;
    const char *spec;
    size_t number; /* the legend's number for it (scene_run_number) */
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

/* A network scene: the model and data (borrowed) and the specs they were
 * made from, and θ0 (model->nparams doubles), where every run starts. */
typedef struct TorchNetwork {
    const char *model_spec, *data_spec;
    const Model *model;
    const NetDataSplit *data;
    const double *theta0;
} TorchNetwork;

/* One network run to export: update k takes changes_desc_at(changes, desc,
 * k) (core/history.h; desc: the parameters after the last change), and
 * spec is what the CSV's optimizer column prints. */
typedef struct TorchNetRun {
    const OptimizerDesc *desc;
    const ChangeLog *changes;
    const char *spec;
} TorchNetRun;

/* torch_script_check and torch_script_save for a network's runs; also
 * refused: more than TORCH_SCRIPT_MAX_NUMBERS numbers to write in. */
bool torch_script_net_check(const TorchNetwork *net, const TorchNetRun *runs, size_t count,
                            size_t steps, DescentError *err);
bool torch_script_net_save(const char *path, const char *origin, const TorchNetwork *net,
                           const TorchNetRun *runs, size_t count, size_t steps,
                           DescentError *err);

#endif
