/*
 * net_starts.h — two optimizers compared on one network from many starts:
 * what a lesson's caption says "over 20 starts" (adam_vs_sgd_network), the
 * one place that measures it for the window, the recordings and the tests.
 *
 * Start g (0 .. count − 1) is the dataset spec with seed=g added (its training
 * and held-out points) and θ0 from model_init with an Rng seeded by
 * init_seed + g; start 0 with the lesson's own seeds is the run on stage.
 * Both optimizers train from that θ0 for `updates` full updates
 * (net_run.h), each seeded by its spec's seed.  Per start, per run:
 *   edge_share  the run's sharpness (λmax(H); λmax(P⁻¹H) for adam and
 *               adamw: net_run_curvature) over its stability line
 *               (net_run_stability_line), averaged over NET_STARTS_CHECKS
 *               updates evenly spread over the last quarter of the run, as
 *               the edge_of_stability experiment measures its edge;
 *   moved       ‖θ − θ0‖ at the end;
 *   train_acc, test_acc  accuracy on the training and held-out points;
 * and at the end apart, ‖θ_run 1 − θ_run 2‖, and regions, the share of
 * the square around start g's data where the two predict different
 * classes (model.h's model_regions_differ: the cells the data panel
 * colours).  Exact: the same request gives
 * the same doubles on any number of threads (each start is computed alone).
 *
 * net_starts_tally counts what the captions say from the rows measured
 * (the share of starts within NET_STARTS_EDGE_BAND of the edge, the
 * ranges, which run has the higher held-out accuracy), so the panel that
 * shows them and the test that checks the captions read one count.
 *
 * Errors (one line): a bad model, dataset or optimizer spec (the core's
 * message, naming the start), out of memory, a curvature measurement that
 * failed.
 */
#ifndef DESCENT_CORE_NET_STARTS_H
#define DESCENT_CORE_NET_STARTS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "model.h"
#include "spec.h"

#define NET_STARTS_MAX 64
#define NET_STARTS_CHECKS 8
/* "at its edge": the mean sharpness within 8 % of the stability line. */
#define NET_STARTS_EDGE_BAND 0.08

typedef struct NetStartRun {
    double edge;         /* the stability line at the end (2/η for GD, 38/η for Adam) */
    double edge_share;   /* mean λ / stability line over the last quarter */
    double moved;        /* ‖θ − θ0‖ at the end */
    double train_acc, test_acc;
} NetStartRun;

typedef struct NetStartRow {
    NetStartRun run[2];
    double apart;        /* ‖θ_1 − θ_2‖ at the end */
    double regions;      /* the share of the data's square where their classes differ */
} NetStartRow;

/* Called from the calling thread as soon as rows [0, done) are measured
 * (they come in order, a slice of `threads` starts at a time). */
typedef void (*NetStartsDone)(void *context, size_t done, const NetStartRow *rows);

typedef struct NetStartsRequest {
    const char *model;          /* model spec (model.h) */
    const char *data;           /* dataset spec (netdata.h); start g adds seed=g */
    uint64_t init_seed;         /* start g's θ0: init seed init_seed + g */
    const char *specs[2];       /* the two optimizers (optimizer_parse_vec's) */
    size_t updates;             /* per run, at least 4 (the last quarter is measured) */
    size_t count;               /* starts, 1 .. NET_STARTS_MAX */
    int threads;                /* parallel.h */
    NetStartsDone done;         /* may be NULL */
    void *context;              /* given to done */
    const atomic_bool *stop;    /* turning true ends it after the current slice; NULL: never */
} NetStartsRequest;

typedef enum NetStartsStatus {
    NET_STARTS_DONE = 0,
    NET_STARTS_FAILED,          /* err says why; rows before the failing slice stand */
    NET_STARTS_STOPPED,
} NetStartsStatus;

/* Checks the request's specs and sizes without training (a lesson's
 * check): the messages net_starts_measure would give for start 0. */
bool net_starts_check(const NetStartsRequest *request, DescentError *err);

/* Measures the request's starts into rows (request->count of them). */
NetStartsStatus net_starts_measure(const NetStartsRequest *request, NetStartRow *rows,
                                   DescentError *err);

/* The figures the tally counts, for a panel that shows some of them. */
typedef enum NetStartsFigure {
    NET_STARTS_HELD_OUT,        /* which run has the higher held-out accuracy */
    NET_STARTS_EDGE,            /* run 1 near its edge; run 2's share of its edge */
    NET_STARTS_APART,           /* ‖θ − θ0‖ of each; ‖θ_1 − θ_2‖ */
    NET_STARTS_REGIONS,         /* the share of the data's square where they differ */
    NET_STARTS_MISSED,          /* the share of training points each misses */
    NET_STARTS_FIGURES
} NetStartsFigure;

/* Their names as a lesson gives them: "held_out", "edge", "apart",
 * "regions", "missed". */
extern const char *const net_starts_figure_names[NET_STARTS_FIGURES];

/* What the captions count, over rows [0, count). */
typedef struct NetStartsTally {
    size_t count;
    size_t near_edge[2];        /* starts with |edge_share − 1| <= NET_STARTS_EDGE_BAND */
    double share_min[2], share_max[2];
    double moved_min[2], moved_max[2];
    double apart_min, apart_max;
    double regions_min, regions_max; /* the share of the square where they differ */
    size_t higher[2];           /* starts where run r's held-out accuracy beats the other's */
    double miss_min[2], miss_max[2]; /* share of training points missed (1 − train_acc) */
} NetStartsTally;

NetStartsTally net_starts_tally(const NetStartRow *rows, size_t count);

#endif
