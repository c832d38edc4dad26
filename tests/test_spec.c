/* test_spec.c — spec strings and parameter tables. */
#include "testing.h"

#include <string.h>

#include "core/spec.h"

static const ParamDef defs[] = {
    {"lr", PARAM_NUMBER, 0.01, 0, 10, NULL, "learning rate"},
    {"n", PARAM_INTEGER, 5, 1, 100, NULL, "count"},
    {"on", PARAM_BOOL, 0, 0, 1, NULL, "switch"},
    {"kind", PARAM_CHOICE, 1, 0, 0, "alpha|beta|gamma", "choice"},
    {"data", PARAM_TEXT, 0, 0, 0, NULL, "file"},
};
#define NDEFS (sizeof defs / sizeof defs[0])

static void assert_error_contains(const DescentError *err, const char *part)
{
    if (!strstr(err->message, part))
        fail_msg("error '%s' does not contain '%s'", err->message, part);
}

static void parses_name_and_items(void **state)
{
    (void)state;
    Spec spec;
    DescentError err;
    assert_true(spec_parse(" adam : lr = 0.05 ,beta1=0.8", true, &spec, &err));
    assert_string_equal(spec.name, "adam");
    assert_int_equal(spec.count, 2);
    assert_string_equal(spec.items[0].key, "lr");
    assert_string_equal(spec.items[0].value, "0.05");
    assert_string_equal(spec.items[1].key, "beta1");
    assert_string_equal(spec.items[1].value, "0.8");

    assert_true(spec_parse("rosenbrock", true, &spec, &err));
    assert_string_equal(spec.name, "rosenbrock");
    assert_int_equal(spec.count, 0);
}

static void keeps_expression_bodies_whole(void **state)
{
    (void)state;
    Spec spec;
    DescentError err;
    assert_true(spec_parse("expr:x^2+3*y^2", false, &spec, &err));
    assert_string_equal(spec.name, "expr");
    assert_string_equal(spec.body, "x^2+3*y^2");
    assert_int_equal(spec.count, 0);
}

static void rejects_malformed_specs(void **state)
{
    (void)state;
    static const struct {
        const char *text, *part;
    } cases[] = {
        {"", "missing name"},
        {":lr=1", "missing name"},
        {"adam:", "nothing after ':'"},
        {"adam:lr", "expected key=value, got 'lr'"},
        {"adam:=1", "missing key"},
        {"adam:lr=", "missing value for key 'lr'"},
        {"adam:lr=1,lr=2", "key 'lr' given twice"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Spec spec;
        DescentError err;
        assert_false(spec_parse(cases[i].text, true, &spec, &err));
        assert_error_contains(&err, cases[i].part);
    }
    char long_text[SPEC_TEXT_MAX + 10];
    memset(long_text, 'a', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    Spec spec;
    DescentError err;
    assert_false(spec_parse(long_text, true, &spec, &err));
    assert_error_contains(&err, "too long");
}

static void resolves_defaults_and_values(void **state)
{
    (void)state;
    Spec spec;
    DescentError err;
    ParamValue v[NDEFS];
    assert_true(spec_parse("x:n=7,on=true,kind=gamma,data=a.csv", true, &spec, &err));
    assert_true(spec_resolve(&spec, "thing 'x'", defs, NDEFS, v, &err));
    assert_close(v[0].number, 0.01, 0);
    assert_false(v[0].given);
    assert_close(v[1].number, 7, 0);
    assert_true(v[1].given);
    assert_close(v[2].number, 1, 0);
    assert_close(v[3].number, 2, 0);
    assert_string_equal(v[4].text, "a.csv");
}

static void names_the_bad_part(void **state)
{
    (void)state;
    static const struct {
        const char *text, *part;
    } cases[] = {
        {"x:foo=1", "unknown key 'foo' (keys: lr, n, on, kind, data)"},
        {"x:lr=abc", "lr=abc is not a number"},
        {"x:lr=1x", "lr=1x is not a number"},
        {"x:lr=inf", "lr=inf is not finite"},
        {"x:lr=nan", "lr=nan is not finite"},
        {"x:lr=11", "lr=11 is out of range [0, 10]"},
        {"x:lr=-1", "out of range"},
        {"x:n=2.5", "n=2.5 is not a whole number"},
        {"x:n=0", "n=0 is out of range [1, 100]"},
        {"x:on=maybe", "on=maybe is not a boolean"},
        {"x:kind=delta", "kind=delta is not one of alpha|beta|gamma"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Spec spec;
        DescentError err;
        ParamValue v[NDEFS];
        assert_true(spec_parse(cases[i].text, true, &spec, &err));
        assert_false(spec_resolve(&spec, "thing 'x'", defs, NDEFS, v, &err));
        assert_error_contains(&err, "thing 'x'");
        assert_error_contains(&err, cases[i].part);
    }
}

static void describes_defaults(void **state)
{
    (void)state;
    char text[32];
    param_default_text(&defs[0], text, sizeof text);
    assert_string_equal(text, "0.01");
    param_default_text(&defs[3], text, sizeof text);
    assert_string_equal(text, "beta");
    param_default_text(&defs[4], text, sizeof text);
    assert_string_equal(text, "(none)");
    assert_ptr_equal(param_find(defs, NDEFS, "kind"), &defs[3]);
    assert_null(param_find(defs, NDEFS, "nope"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_name_and_items),
        cmocka_unit_test(keeps_expression_bodies_whole),
        cmocka_unit_test(rejects_malformed_specs),
        cmocka_unit_test(resolves_defaults_and_values),
        cmocka_unit_test(names_the_bad_part),
        cmocka_unit_test(describes_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
