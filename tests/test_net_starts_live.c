/*
 * test_net_starts_live.c — a lesson step's starts: core/net_starts.h's
 * rows (the same doubles on any number of threads, the tally counted as
 * a caption counts) and scene/net_starts_live.h's measurement beside the
 * stage (a paced update waits for every row, the request it keeps, a
 * hold at rest).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "core/net_starts.h"
#include "scene/net_starts_live.h"

/* A small network so the test is quick: 3 starts of 8 updates each. */
static NetStartsRequest small(size_t updates)
{
    return (NetStartsRequest){.model = "mlp:layers=2-4-2,act=tanh,loss=mse",
                              .data = "moons:n=40", .init_seed = 5,
                              .specs = {"gd:lr=0.2", "adam:lr=0.02"}, .updates = updates,
                              .count = 3, .threads = 1};
}

typedef struct Seen {
    size_t calls, last;
} Seen;

static void seen_done(void *context, size_t done, const NetStartRow *rows)
{
    (void)rows;
    Seen *seen = context;
    assert_true(done > seen->last);
    seen->last = done;
    seen->calls++;
}

/* One thread or three: the same rows, bit for bit; done called after
 * each slice with the rows in so far. */
static void test_rows_on_any_threads(void **state)
{
    (void)state;
    NetStartRow one[3], three[3];
    DescentError err = {""};
    Seen seen = {0};
    NetStartsRequest q = small(8);
    q.done = seen_done, q.context = &seen;
    assert_int_equal(net_starts_measure(&q, one, &err), NET_STARTS_DONE);
    assert_int_equal(seen.calls, 3);
    assert_int_equal(seen.last, 3);
    q = small(8);
    q.threads = 3;
    assert_int_equal(net_starts_measure(&q, three, &err), NET_STARTS_DONE);
    assert_memory_equal(one, three, sizeof one);
    for (size_t g = 0; g < 3; g++) {
        /* 2/η = 10 for GD, 38/η = 1900 for Adam (net_run.h). */
        assert_true(fabs(one[g].run[0].edge - 10) < 1e-9);
        assert_true(fabs(one[g].run[1].edge - 1900) < 1e-9);
        assert_true(one[g].apart > 0 && one[g].run[0].moved > 0 && one[g].run[1].moved > 0);
        assert_true(one[g].regions >= 0 && one[g].regions <= 1);
    }
    /* The starts differ: each its own data and θ0. */
    assert_true(one[0].apart != one[1].apart);
}

/* The tally of three rows, by hand: run 1's shares 1.05, 0.90, 0.93 (the
 * first and third within 8 % of 1), run 2's 0.90, 0.95, 0.88 (the second
 * alone); run 2 higher on held-out points at starts 0 and 2, a tie at 1;
 * run 1 misses 1 − 0.9 = 0.1 .. 1 − 0.6 = 0.4; regions differ on 0.04 to
 * 0.15 of the square. */
static void test_tally_by_hand(void **state)
{
    (void)state;
    NetStartRow rows[3] = {
        {{{10, 1.05, 2, 0.9, 0.80}, {1900, 0.90, 20, 1.0, 0.85}}, 19, 0.15},
        {{{10, 0.90, 3, 0.6, 0.70}, {1900, 0.95, 25, 1.0, 0.70}}, 24, 0.04},
        {{{10, 0.93, 4, 0.8, 0.60}, {1900, 0.88, 15, 0.98, 0.90}}, 14, 0.10},
    };
    NetStartsTally t = net_starts_tally(rows, 3);
    assert_int_equal(t.count, 3);
    assert_int_equal(t.near_edge[0], 2);
    assert_int_equal(t.near_edge[1], 1);
    assert_true(t.share_min[1] == 0.88 && t.share_max[1] == 0.95);
    assert_true(t.moved_min[0] == 2 && t.moved_max[0] == 4);
    assert_true(t.moved_min[1] == 15 && t.moved_max[1] == 25);
    assert_true(t.apart_min == 14 && t.apart_max == 24);
    assert_true(t.regions_min == 0.04 && t.regions_max == 0.15);
    assert_int_equal(t.higher[1], 2);
    assert_int_equal(t.higher[0], 0);
    assert_true(fabs(t.miss_min[0] - 0.1) < 1e-12 && fabs(t.miss_max[0] - 0.4) < 1e-12);
    assert_true(t.miss_min[1] == 0 && fabs(t.miss_max[1] - 0.02) < 1e-12);
}

/* Measured beside the stage: a paced update waits for every start and
 * shows the core's rows; the request it measures is kept; a hold finds
 * it at rest or done. */
static void test_live_paced(void **state)
{
    (void)state;
    NetStartsRequest q = small(8);
    NetStartRow rows[3];
    DescentError err = {""};
    assert_int_equal(net_starts_measure(&q, rows, &err), NET_STARTS_DONE);
    NetStartsLive *live = net_starts_live_start(&q, 2, &err);
    assert_non_null(live);
    assert_true(net_starts_live_measures(live, &q));
    NetStartsRequest longer = small(12);
    assert_false(net_starts_live_measures(live, &longer));
    net_starts_live_update(live, true);
    const NetStartsPicture *p = net_starts_live_picture(live);
    assert_true(p->finished);
    assert_string_equal(p->error, "");
    assert_int_equal(p->count, 3);
    assert_int_equal(p->measured, 3);
    assert_memory_equal(p->rows, rows, sizeof rows);
    assert_string_equal(p->specs[1], "adam:lr=0.02");
    assert_true(net_starts_live_hold(live, true));
    net_starts_live_release(live);
    net_starts_live_destroy(live);
}

/* A bad request is refused before a thread starts; one stopped at once
 * ends cleanly. */
static void test_live_refusals(void **state)
{
    (void)state;
    DescentError err = {""};
    NetStartsRequest q = small(2);
    assert_null(net_starts_live_start(&q, 1, &err));
    assert_non_null(strstr(err.message, "at least 4 updates"));
    q = small(8);
    q.specs[1] = "nope";
    assert_null(net_starts_live_start(&q, 1, &err));
    q = small(8);
    net_starts_live_destroy(net_starts_live_start(&q, 1, &err));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_on_any_threads),
        cmocka_unit_test(test_tally_by_hand),
        cmocka_unit_test(test_live_paced),
        cmocka_unit_test(test_live_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
