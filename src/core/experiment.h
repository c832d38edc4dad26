/*
 * experiment.h — the laws behind the essay, measured against their theory
 * (`descent experiment NAME`, docs/CLI.md §8).
 *
 * An experiment sweeps one parameter over a few points; at each point many
 * seeded walkers (the core's optimizers, stepped as runs step them) give a
 * measured figure with its 95 % interval, which is set beside the law's
 * figure.  The verdict counts the points within the tolerance of theory.
 *
 * This file's table (experiment.c) is the one place that knows each
 * experiment: its name, summary, the law it tests, its keys with their
 * defaults and ranges (spec.h's ParamDef, so unknown keys and bad values
 * are errors that name them) and the values its --quick form uses.
 *
 * Determinism: walker i of point p starts from its own seed,
 * seed + p·walkers + i, and each walker's figures are kept apart until
 * they are summed in walker order, so a seed gives the same table, bit for
 * bit, on any number of threads.
 */
#ifndef DESCENT_CORE_EXPERIMENT_H
#define DESCENT_CORE_EXPERIMENT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "spec.h"

#define EXPERIMENT_MAX_POINTS 32
#define EXPERIMENT_MAX_KEYS 16

/* A key's value in the --quick form (the full form uses the ParamDef's). */
typedef struct ExperimentQuick {
    const char *key;
    double value;
} ExperimentQuick;

typedef struct ExperimentInfo {
    const char *name;
    const char *summary;        /* one line */
    const char *law;            /* the formula it tests, one line */
    const char *swept;          /* the swept value's column: "eta*a" */
    const char *measured;       /* the measured figure's column: "variance" */
    const char *interval;       /* its interval's column: "95 % interval" */
    const char *second;         /* a second theory's column ("sde", a msgid), NULL: none */
    const char *label;          /* a column naming each row ("edge"), NULL: none */
    const ParamDef *params;
    size_t nparams;
    const ExperimentQuick *quick;
    size_t nquick;
} ExperimentInfo;

/* Every experiment, in the order `descent list experiments` prints them. */
const ExperimentInfo *experiment_kinds(size_t *count);
/* The experiment named name, or NULL. */
const ExperimentInfo *experiment_find(const char *name);

typedef struct ExperimentRow {
    const char *label;  /* what the row is, when the experiment labels rows (a
                           msgid of the UI's catalogs, core/msgid.h) */
    double swept;       /* the swept value */
    double measured;    /* the measured figure */
    double low, high;   /* its interval: the 95 % interval of a mean over
                           walkers; a bisection's final bracket (catapult); the
                           range over the last window (edge_of_stability) */
    double theory;      /* the law's figure */
    double ratio;       /* measured / theory */
    double second;      /* the second theory's figure (NaN: none) */
    bool checked;       /* counts in the verdict */
    bool within;        /* |ratio − 1| <= tolerance */
    size_t censored;    /* walkers stopped before they showed the figure (kramers:
                           no escape within the step cap); 0 normally */
} ExperimentRow;

/* One more figure the verdict checks, beyond the rows (what: NULL when
 * none).  kramers: the least-squares slope of log E[τ] against 1/ε, within
 * tolerance of ΔV; catapult: the largest final η·λ in the catapult band,
 * below 2 (an upper bound: tolerance 0). */
typedef struct ExperimentClaim {
    const char *what;   /* a msgid (core/msgid.h), as the row labels */
    double value, theory;
    double tolerance;   /* relative; 0 with below: value < theory */
    bool below;
    bool within;
} ExperimentClaim;

typedef struct ExperimentResult {
    const ExperimentInfo *info;
    size_t count;
    ExperimentRow rows[EXPERIMENT_MAX_POINTS];
    double tolerance;   /* relative, 0.02 = 2 % */
    size_t checked, within;
    ExperimentClaim claim;
    bool passed;        /* every checked point within, and the claim */
} ExperimentResult;

/* Called now and then from the calling thread with the share of the
 * expected work done so far (0 .. 1). */
typedef void (*ExperimentProgress)(void *context, double done);

/* Called from the calling thread as soon as row index of the result is
 * measured and judged (its figures are final; rows need not come in
 * order), so a picture can fill in while the rest is measured. */
typedef void (*ExperimentRowDone)(void *context, size_t index, const ExperimentRow *row);

typedef struct ExperimentRequest {
    const ExperimentInfo *info;
    const char *const *keys;    /* "key=value" texts, as given */
    size_t nkeys;
    bool quick;                 /* the --quick form's values for keys not given */
    uint64_t seed;
    int threads;                /* parallel.h */
    ExperimentProgress progress; /* may be NULL */
    ExperimentRowDone row_done;  /* may be NULL */
    void *progress_context;     /* given to progress and row_done */
    /* When it turns true (another thread sets it), the walkers not yet
     * stepped are skipped and experiment_run returns EXPERIMENT_STOPPED
     * within a slice of walkers; NULL: never. */
    const atomic_bool *stop;
} ExperimentRequest;

typedef enum ExperimentStatus {
    EXPERIMENT_DONE = 0,
    EXPERIMENT_BAD_SETTINGS, /* nothing measured: a bad key, value or combination */
    EXPERIMENT_NO_MEMORY,
    EXPERIMENT_STOPPED,      /* request->stop turned true: dest is not a result (a
                                request stopped from the start only checks its
                                settings: this, or EXPERIMENT_BAD_SETTINGS) */
} ExperimentStatus;

/* Runs the experiment into dest.  Bad settings (nothing measured): a key
 * that is not the experiment's, a bad or out-of-range value (spec_resolve's
 * messages), settings that cannot be measured (a sweep whose ends are
 * reversed, a walk too coarse to follow the landscape, work beyond
 * EXPERIMENT_MAX_STEPS walker steps: the message says which and how to
 * fix it). */
#define EXPERIMENT_MAX_STEPS 2e11
ExperimentStatus experiment_run(const ExperimentRequest *request, ExperimentResult *dest,
                                DescentError *err);

/* An experiment named as a spec string: "NAME" or "NAME:key=value,..."
 * (a lesson's experiment, `descent --experiment`). */
typedef struct ExperimentSpec {
    char text[SPEC_TEXT_MAX];   /* the spec, cut into its name and keys */
    const ExperimentInfo *info;
    const char *keys[EXPERIMENT_MAX_KEYS * 2];  /* "key=value" texts in text */
    size_t nkeys;
} ExperimentSpec;

/* Splits spec into its experiment and key texts.  Errors: an unknown
 * experiment, too long, too many keys. */
bool experiment_spec_parse(const char *spec, ExperimentSpec *dest, DescentError *err);

/* Whether spec can be measured: its experiment, keys and values (the
 * request run stopped from the start, which checks its settings only; the
 * messages as experiment_run's). */
bool experiment_spec_check(const char *spec, DescentError *err);

/* Translates a msgid (the layer that shows the text looks it up: scene's
 * i18n.h); NULL: the English text as it is. */
typedef const char *(*ExperimentTranslate)(const char *msgid);

/* The verdict line of a finished result into dest (size bytes, cut at
 * size): "kramers: 3/3 points within 20 % of theory; slope of ... 0.98 vs
 * 1 (within 10 %)", and " — FAILED" when it did not pass; its words
 * through translate, the experiment called name (NULL: its own name, as
 * the command line prints it).  Returns the length it needed
 * (snprintf's). */
size_t experiment_verdict(const ExperimentResult *r, ExperimentTranslate translate,
                          const char *name, char *dest, size_t size);

/* The kind of row that walkers with desc's settings are measured as, by
 * the experiments whose rows are kinds of walker: the kind's place among
 * the rows' labels in the order they first appear (the picture's colour
 * for it, experiment_plot.c), which a run showing that kind takes on the
 * stage (scene.h).  sharp_escape: SGD with isotropic noise 0, with
 * Hessian-shaped noise 1; label_noise: SGD with label noise 0, with
 * isotropic gradient noise 1.  -1 for other settings and experiments. */
struct OptimizerDesc;
int experiment_walker_kind(const ExperimentInfo *info, const struct OptimizerDesc *desc);

/* The Eyring–Kramers mean time from the minimum (mx, my) of a landscape to
 * the other side of its saddle (sx, sy) at temperature eps:
 * (2π/|λ₁(z)|)·√(|det H(z)| / det H(x*))·exp(ΔV/eps), λ₁(z) the saddle's
 * negative Hessian eigenvalue, ΔV = V(z) − V(x*); in the time of gradient
 * flow (for SGD at lr η, t = η·steps).  Exposed for tests. */
struct Landscape;
double experiment_kramers_time(const struct Landscape *landscape, double mx, double my,
                               double sx, double sy, double eps);

#endif
