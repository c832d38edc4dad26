/* test_number_text.c — the on-screen number rule (core/number_text.h):
 * whole numbers written out below 10^5 (the 2/η = 1053 that
 * edge_of_stability's caption says), %g's plain decimals and exponents
 * elsewhere; expected strings written by hand. */
#include "testing.h"

#include <math.h>

#include "core/number_text.h"

static void check(double value, int digits, const char *expected)
{
    char text[32];
    assert_string_equal(number_text(value, digits, text, sizeof text), expected);
}

static void whole_numbers_keep_every_digit(void **state)
{
    (void)state;
    check(2 / 0.0019, 3, "1053");
    check(2 / 0.0021, 3, "952");
    check(23213.4, 3, "23213");
    check(-1052.6, 3, "-1053");
    check(99999.4, 3, "99999");
    check(100, 3, "100");
    check(1234.5, 4, "1234"); /* %.0f rounds half to even */
    check(12345.6, 4, "12346");
}

static void plain_decimals_and_exponents_elsewhere(void **state)
{
    (void)state;
    check(99.96, 3, "100"); /* rounds up to the band of whole numbers: still plain */
    check(12.34, 3, "12.3");
    check(0.00669, 3, "0.00669");
    check(0.000149, 3, "0.000149");
    check(0.05, 3, "0.05");
    check(0, 3, "0");
    check(1.563e-05, 4, "1.563e-05");
    check(147000, 3, "1.47e+05");
    check(1e30, 3, "1e+30");
    check((double)NAN, 3, "nan");
    check(-(double)INFINITY, 3, "-inf");
    /* digits outside 1..5 are clamped */
    check(1052.6, 0, "1053");
    check(0.123456789, 9, "0.12346");
}

static void cut_to_the_buffer(void **state)
{
    (void)state;
    char text[4];
    assert_string_equal(number_text(1052.6, 3, text, sizeof text), "105");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whole_numbers_keep_every_digit),
        cmocka_unit_test(plain_decimals_and_exponents_elsewhere),
        cmocka_unit_test(cut_to_the_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
