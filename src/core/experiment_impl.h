/*
 * experiment_impl.h — what experiment.c and the laws' runners
 * (experiment_noise.c, experiment_gd.c) share.  Private to those files.
 *
 * A runner turns its experiment's resolved keys (a Setting) into rows and
 * a claim in dest, or refuses settings it cannot measure; experiment_run
 * counts the verdict.  Each experiment's key table and --quick values live
 * beside its runner, listed in experiment.c's table.
 */
#ifndef DESCENT_CORE_EXPERIMENT_IMPL_H
#define DESCENT_CORE_EXPERIMENT_IMPL_H

#include "experiment.h"
#include "landscape.h"
#include "optimizer.h"
#include "parallel.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The resolved keys of one experiment, and where its work stands. */
typedef struct Setting {
    const ExperimentRequest *request;
    ExperimentResult *result;   /* what experiment_run fills */
    ParamValue values[EXPERIMENT_MAX_KEYS];
    double work_total, work_done; /* expected walker steps */
} Setting;

typedef ExperimentStatus (*ExperimentRunner)(Setting *s, ExperimentResult *dest,
                                             DescentError *err);

/* The runners and their tables, in experiment.c's order. */
ExperimentStatus experiment_sde_variance(Setting *s, ExperimentResult *dest, DescentError *err);
ExperimentStatus experiment_kramers(Setting *s, ExperimentResult *dest, DescentError *err);
ExperimentStatus experiment_sharp_escape(Setting *s, ExperimentResult *dest, DescentError *err);
ExperimentStatus experiment_label_noise(Setting *s, ExperimentResult *dest, DescentError *err);
ExperimentStatus experiment_noise_scale(Setting *s, ExperimentResult *dest, DescentError *err);
ExperimentStatus experiment_catapult(Setting *s, ExperimentResult *dest, DescentError *err);
ExperimentStatus experiment_edge_of_stability(Setting *s, ExperimentResult *dest,
                                              DescentError *err);
ExperimentStatus experiment_max_margin_rate(Setting *s, ExperimentResult *dest,
                                            DescentError *err);
/* Each experiment's experiment_walker_kind, where its rows are kinds of
 * walker (beside the runner, which labels the rows in the same order). */
typedef int (*ExperimentWalkerKind)(const OptimizerDesc *desc);
int experiment_sharp_escape_kind(const OptimizerDesc *desc);
int experiment_label_noise_kind(const OptimizerDesc *desc);
extern const ParamDef experiment_sde_variance_params[8];
extern const ExperimentQuick experiment_sde_variance_quick[2];
extern const ParamDef experiment_kramers_params[10];
extern const ExperimentQuick experiment_kramers_quick[4];
extern const ParamDef experiment_sharp_escape_params[12];
extern const ExperimentQuick experiment_sharp_escape_quick[3];
extern const ParamDef experiment_label_noise_params[10];
extern const ExperimentQuick experiment_label_noise_quick[1];
extern const ParamDef experiment_noise_scale_params[7];
extern const ExperimentQuick experiment_noise_scale_quick[2];
extern const ParamDef experiment_catapult_params[7];
extern const ExperimentQuick experiment_catapult_quick[3];
extern const ParamDef experiment_edge_of_stability_params[15];
extern const ExperimentQuick experiment_edge_of_stability_quick[7];
extern const ParamDef experiment_max_margin_rate_params[9];
extern const ExperimentQuick experiment_max_margin_rate_quick[1];

/* The value of the experiment's key name (which its table must have). */
double experiment_key(const Setting *s, const char *name);
/* Adds work (walker steps) to what is done and tells the request's
 * progress callback. */
void experiment_report(Setting *s, double work);
/* The status of settings that cannot be measured; takes error_set's false
 * so a check reads `return experiment_refuse(error_set(err, ...))`. */
ExperimentStatus experiment_refuse(bool set);
/* False with err set ("experiment NAME: about N walker steps is more than
 * EXPERIMENT_MAX_STEPS: ADVICE") when s->work_total exceeds the budget. */
bool experiment_affordable(const Setting *s, const char *advice, DescentError *err);
/* Sets row (one of s->result's rows, its figures final) to its ratio to
 * theory and whether it is within the result's tolerance, and tells the
 * request's row_done. */
void experiment_judge_row(Setting *s, ExperimentRow *row);
/* Whether the request asked to stop (experiment.h's stop). */
bool experiment_stopped(const Setting *s);
/* Mean of n per-walker figures (independent walkers) and its 95 %
 * interval, 1.96 standard errors either side, into row. */
void experiment_mean_interval(const double *v, size_t n, ExperimentRow *row);
/* Least-squares slope of y against x over the n points. */
double experiment_fit_slope(const double *x, const double *y, size_t n);
/* sgd:lr=…,noise=… (noise_model=hessian with that model) for landscape. */
bool experiment_make_sgd(const Landscape *ls, double lr, double sigma, NoiseModel model,
                         OptimizerDesc *dest, DescentError *err);

/* The walkers of one point: walker i is desc started at (x0, y0) with
 * seed seed + point·count + i (experiment.h).  A job's struct starts with
 * one, so experiment_run_walkers can hand each slice its first walker. */
typedef struct Walkers {
    const Setting *setting;
    const Landscape *landscape;
    const OptimizerDesc *desc;
    double x0, y0;
    size_t point, count;
    size_t offset; /* the first walker of the slice being stepped */
} Walkers;

/* Starts walker offset + i of the slice; returns its index. */
size_t experiment_walker_start(const Walkers *w, size_t i, OptimizerState *st);
/* Runs fn (given job, which starts with w) over the walkers in slices on
 * the request's threads, reporting progress between slices.  Each walker
 * writes only its own figures, so the slicing does not change them. */
void experiment_run_walkers(Setting *s, Walkers *w, double work_each, ParallelFn fn, void *job);

/* The stationary spread of the walkers: each settles for `settle` steps,
 * then its mean of |θ − (x0, y0)|² / per over `steps` steps goes to
 * means[walker] (NaN when it diverged).  For experiment_run_walkers. */
typedef struct SpreadJob {
    Walkers walkers;
    size_t settle, steps;
    double per;
    double *means;
} SpreadJob;
void experiment_spread_walkers(void *context, size_t begin, size_t end);

#endif
