/*
 * net_testing.h — networks in tests: a model and a dataset made from their
 * specs, failing the running test with the core's own message when a spec
 * is refused, and the fixture most network tests start from.
 */
#ifndef DESCENT_NET_TESTING_H
#define DESCENT_NET_TESTING_H

#include "testing.h"

#include <stdint.h>
#include <stdlib.h>

#include "core/model.h"
#include "core/net_run.h"
#include "core/netdata.h"

static inline Model model_for_test(const char *spec)
{
    Model m;
    DescentError err = {""};
    if (!model_parse(spec, &m, &err))
        fail_msg("%s: %s", spec, err.message);
    return m;
}

/* The caller frees it (netdata_free). */
static inline NetDataSplit data_for_test(const char *spec)
{
    NetDataSplit d;
    DescentError err = {""};
    if (!netdata_create(spec, &d, &err))
        fail_msg("%s: %s", spec, err.message);
    return d;
}

/* A model, its data, θ initialised by model_init from seed, and a
 * workspace; all owned (net_fixture_free). */
typedef struct NetFixture {
    Model model;
    NetDataSplit data;
    double *theta;
    ModelWork *work;
} NetFixture;

static inline NetFixture net_fixture(const char *model, const char *data, uint64_t seed)
{
    NetFixture f = {.model = model_for_test(model), .data = data_for_test(data)};
    f.theta = malloc(f.model.nparams * sizeof *f.theta);
    assert_non_null(f.theta);
    Rng rng;
    rng_seed(&rng, seed);
    model_init(&f.model, &rng, f.theta);
    f.work = model_work_create(&f.model);
    assert_non_null(f.work);
    return f;
}

static inline void net_fixture_free(NetFixture *f)
{
    free(f->theta);
    model_work_destroy(f->work);
    netdata_free(&f->data);
}

/* A run of opt on the fixture's data from its θ, measuring curvature every
 * `every` updates; the caller frees it (net_run_free). */
static inline void start_net_run(NetRun *run, NetFixture *f, const char *opt, size_t every)
{
    OptimizerDesc desc;
    DescentError err = {""};
    if (!optimizer_parse_vec(opt, f->data.train.n, "test", &desc, &err) ||
        !net_run_init(run, &f->model, &f->data, &desc, f->theta, every, &err))
        fail_msg("%s: %s", opt, err.message);
}

static inline void advance_net_run(NetRun *run, size_t steps)
{
    bool ok;
    DescentError err = {""};
    net_run_advance(run, steps, &ok, &err);
    if (!ok)
        fail_msg("%s", err.message);
}

#endif
