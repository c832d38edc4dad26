/*
 * test_net_repr.c — the representation view's picture (scene/net_repr.h)
 * without a window: for a 2-unit layer the grid's lines and the training
 * points are the layer's values at inputs built here from the data's
 * square; the probe is core's; rewinding gives the same picture bit for
 * bit; across a probe's cut the box spans the training points; a layer
 * that is not hidden, or --representation beyond the network's layers or
 * without one, is refused.
 */
#include "scene_testing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scene/net_repr.h"
#include "scene/scene.h"

static const char *const net_runs[] = {"adam:lr=0.02"};

static Scene *make_net(const char *model)
{
    return scene_for_test((SceneOptions){.model = model, .data = "spirals:n=60", .init_seed = 2},
                          net_runs, 1);
}

static NetReprPicture picture_of(const Scene *s, int layer)
{
    NetReprPicture p;
    DescentError err = {""};
    if (!net_repr_picture(s->net, layer, &p, &err))
        fail_msg("%s", err.message);
    return p;
}

/* Layer 1 of 2-2-2 is drawn directly: the lines' points are h1 at the
 * grid's inputs, line k of constant x2 (k < LINES) at x2 = lo + (hi −
 * lo)·k/(LINES − 1), point p at x1 = lo + (hi − lo)·p/(POINTS − 1), and
 * the other lines with x1 and x2 swapped. */
static void test_two_unit_layer_drawn_directly(void **state)
{
    (void)state;
    Scene *s = make_net("mlp:layers=2-2-2");
    scene_step(s, 30);
    NetReprPicture p = picture_of(s, 1);
    const Model *m = net_stage_model(s->net);
    const NetDataSplit *d = net_stage_data(s->net);
    const double *theta = net_run_theta(net_stage_run(s->net, 0));
    ModelWork *work = model_work_create(m);
    double lo, hi;
    netdata_square(d, &lo, &hi);
    for (int line = 0; line < 2 * NET_REPR_LINES; line++)
        for (int k = 0; k < NET_REPR_POINTS; k += 12) {
            int across = line / NET_REPR_LINES;
            double fixed = lo + (hi - lo) * (line % NET_REPR_LINES) / (NET_REPR_LINES - 1);
            double moving = lo + (hi - lo) * k / (NET_REPR_POINTS - 1);
            double x[2], h[2];
            x[across] = moving, x[1 - across] = fixed;
            model_layer(m, theta, x, 1, 1, h, work);
            const double *at = p.lines + ((size_t)line * NET_REPR_POINTS + (size_t)k) * 2;
            assert_close_where(at[0], h[0], 1e-14, "line %d point %d", line, k);
            assert_close_where(at[1], h[1], 1e-14, "line %d point %d", line, k);
        }
    double *h = malloc(d->train.n * 2 * sizeof *h);
    model_layer(m, theta, d->train.x, d->train.n, 1, h, work);
    assert_int_equal(p.train_count, d->train.n);
    assert_memory_equal(p.train, h, d->train.n * 2 * sizeof *h);
    for (size_t k = 0; k < d->train.n; k++)
        for (int c = 0; c < 2; c++)
            assert_true(p.lo[c] <= h[2 * k + c] && h[2 * k + c] <= p.hi[c]);
    ProbeAccuracy probe;
    DescentError err = {""};
    assert_true(probe_network(m, theta, d, work, &probe, &err));
    assert_int_equal(p.probe.layer, probe.layer);
    assert_close(p.probe.train, probe.train, 0.0);
    assert_close(p.probe.test, probe.test, 0.0);
    assert_int_equal(p.width, 2);
    free(h);
    model_work_destroy(work);
    net_repr_picture_free(&p);
    scene_destroy(s);
}

/* The picture follows the run: after 40 updates it differs from the
 * start's, and seeking back to 0 gives the start's again, bit for bit. */
static void test_rewind_restores_the_picture(void **state)
{
    (void)state;
    Scene *s = make_net("mlp:layers=2-8-6-2");
    NetReprPicture start = picture_of(s, 2);
    size_t bytes = (2 * NET_REPR_LINES * NET_REPR_POINTS + start.train_count) * 2 * sizeof(double);
    scene_step(s, 40);
    NetReprPicture later = picture_of(s, 2);
    assert_memory_not_equal(start.train, later.train, bytes);
    scene_seek(s, 0);
    NetReprPicture again = picture_of(s, 2);
    assert_memory_equal(start.train, again.train, bytes);
    assert_memory_equal(start.plane.share, again.plane.share, sizeof start.plane.share);
    assert_memory_equal(start.plane.cut, again.plane.cut, sizeof start.plane.cut);
    assert_int_equal(start.width, 6);
    /* Two classes: the plane across the probe's cut (core/represent.h). */
    const double *share = start.plane.share;
    assert_true(start.plane.across_cut);
    assert_true(share[0] > 0 && share[1] > 0 && share[0] + share[1] <= 1 + 1e-12);
    net_repr_picture_free(&start);
    net_repr_picture_free(&later);
    net_repr_picture_free(&again);
    scene_destroy(s);
}

static void test_bad_layers_refused(void **state)
{
    (void)state;
    Scene *s = make_net("mlp:layers=2-8-6-2");
    NetReprPicture p;
    DescentError err = {""};
    assert_false(net_repr_picture(s->net, 0, &p, &err));
    assert_false(net_repr_picture(s->net, 3, &p, &err));
    assert_non_null(strstr(err.message, "1 to 2"));
    scene_destroy(s);

    SceneOptions beyond = {.model = "mlp:layers=2-8-2", .data = "moons", .runs = {"gd"},
                           .run_count = 1, .net_layer = 2};
    assert_null(scene_create(&beyond, &err));
    assert_non_null(strstr(err.message, "--representation 2: the network has 1 hidden layers"));
    SceneOptions no_net = {.net_layer = 1};
    assert_null(scene_create(&no_net, &err));
    assert_non_null(strstr(err.message, "needs --model"));
}

/* Across a probe's cut the picture's box is the training points' width,
 * the grid's lines running past it: in representation 1 (the untrained
 * 2-16-16-2 tanh network) a box around the lines squeezed the points
 * into 10 pixels either side of the cut at 960x540. */
static void test_box_across_the_cut_spans_the_points(void **state)
{
    (void)state;
    Scene *s = scene_for_test((SceneOptions){.model = "mlp:layers=2-16-16-2,act=tanh",
                                             .data = "spirals:n=200,turns=2"},
                              net_runs, 1);
    NetReprPicture p = picture_of(s, 2);
    assert_true(p.plane.across_cut);
    double lo = HUGE_VAL, hi = -HUGE_VAL, past = 0;
    for (size_t k = 0; k < p.train_count; k++)
        lo = fmin(lo, p.train[2 * k]), hi = fmax(hi, p.train[2 * k]);
    for (size_t k = 0; k < 2 * NET_REPR_LINES * NET_REPR_POINTS; k++)
        past = fmax(past, fmax(lo - p.lines[2 * k], p.lines[2 * k] - hi));
    print_message("across the cut: the points %.4f to %.4f, the lines up to %.4f past them; "
                  "the box %.4f to %.4f\n", lo, hi, past, p.lo[0], p.hi[0]);
    assert_true(past > hi - lo);
    assert_close(p.lo[0], lo, 0.0);
    assert_close(p.hi[0], hi, 0.0);
    net_repr_picture_free(&p);
    scene_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_unit_layer_drawn_directly),
        cmocka_unit_test(test_rewind_restores_the_picture),
        cmocka_unit_test(test_bad_layers_refused),
        cmocka_unit_test(test_box_across_the_cut_spans_the_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
