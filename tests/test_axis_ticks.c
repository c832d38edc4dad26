/* test_axis_ticks.c — round tick spacings, worked out by hand. */
#include "testing.h"

#include "scene/axis_ticks.h"

static void spacings_are_one_two_or_five_times_a_power_of_ten(void **state)
{
    (void)state;
    /* [-2, 2] in at most 10 ticks: 0.5 gives 9 (−2, −1.5, …, 2), 0.2 gives 21. */
    assert_close(axis_tick_step(-2, 2, 10), 0.5, 1e-15);
    /* [0, 7] in at most 8: 1 gives 8 ticks. */
    assert_close(axis_tick_step(0, 7, 8), 1.0, 1e-15);
    /* [0, 7] in at most 5: 1 gives 8, 2 gives 4 (0, 2, 4, 6). */
    assert_close(axis_tick_step(0, 7, 5), 2.0, 1e-15);
    /* [-5.6, 6.8] in at most 6: 2 gives −4 … 6, six ticks. */
    assert_close(axis_tick_step(-5.6, 6.8, 6), 2.0, 1e-15);
    /* [0.001, 0.0031] in at most 3: 0.001 gives 0.001, 0.002, 0.003. */
    assert_close(axis_tick_step(0.001, 0.0031, 3), 0.001, 1e-18);
    assert_close(axis_first_tick(-5.6, 2.0), -4.0, 1e-15);
    assert_close(axis_first_tick(0.3, 0.5), 0.5, 1e-15);
}

static void empty_ranges_have_no_ticks(void **state)
{
    (void)state;
    assert_true(axis_tick_step(1, 1, 5) == 0);
    assert_true(axis_tick_step(2, 1, 5) == 0);
    assert_true(axis_tick_step(0, HUGE_VAL, 5) == 0);
    assert_true(axis_tick_step(0, 1, 0) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spacings_are_one_two_or_five_times_a_power_of_ten),
        cmocka_unit_test(empty_ranges_have_no_ticks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
