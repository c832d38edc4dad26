/* test_expr.c — expressions: grammar, precedence, exact derivatives of
 * every function against closed forms, errors with columns, the depth
 * limit. */
#include "testing.h"

#include <stdio.h>
#include <string.h>

#include "core/expr.h"

static Expr *parse_ok(const char *text)
{
    DescentError err = {{0}};
    Expr *e = expr_parse(text, &err);
    if (!e)
        fail_msg("expr_parse(\"%s\") failed: %s", text, err.message);
    return e;
}

static LandscapeEval eval_at(const char *text, double x, double y)
{
    Expr *e = parse_ok(text);
    LandscapeEval r;
    expr_eval(e, x, y, &r);
    /* The fast value path and value_grad agree with the dual numbers. */
    double g[2];
    assert_true(expr_value(e, x, y) == r.value || (isnan(r.value) && isnan(expr_value(e, x, y))));
    double v = expr_value_grad(e, x, y, g);
    assert_true(v == r.value || (isnan(v) && isnan(r.value)));
    expr_free(e);
    return r;
}

static double value_at(const char *text, double x, double y)
{
    return eval_at(text, x, y).value;
}

static void assert_parse_error(const char *text, const char *part)
{
    DescentError err = {{0}};
    Expr *e = expr_parse(text, &err);
    if (e) {
        expr_free(e);
        fail_msg("expr_parse(\"%s\") should fail", text);
    }
    if (!strstr(err.message, part))
        fail_msg("error for '%s' is '%s', which lacks '%s'", text, err.message, part);
}

/* Tolerance for closed forms: a few ulps of the magnitudes involved. */
#define TIGHT 1e-13

static void quadratic_form_has_exact_derivatives(void **state)
{
    (void)state;
    LandscapeEval r = eval_at("x^2+3*y^2", 1, 2);
    assert_true(r.value == 13);
    assert_true(r.grad[0] == 2 && r.grad[1] == 12);
    assert_true(r.hess[0] == 2 && r.hess[1] == 0 && r.hess[2] == 6);
}

static void precedence_and_associativity(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        double value;
    } cases[] = {
        {"2^3^2", 512},       {"-2^2", -4},        {"(-2)^2", 4},        {"2*3+4", 10},
        {"2+3*4", 14},        {"(2+3)*4", 20},     {"8/4/2", 1},         {"8-4-2", 2},
        {"2^-1", 0.5},        {"-x^2", -9},        {"1e-3*1000", 1},     {".5+0.25", 0.75},
        {"2.5E2", 250},       {"--x", 3},          {"+x - -y", 3 + 0.5}, {" 1 +\t2 ", 3},
        {"x*y/x", 0.5},       {"2*-x", -6},        {"3^2*2", 18},        {"-x*y", -1.5},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double v = value_at(cases[i].text, 3, 0.5);
        assert_close_where(v, cases[i].value, TIGHT * (1 + fabs(cases[i].value)), "%s",
                           cases[i].text);
    }
    assert_close(value_at("pi", 0, 0), 3.14159265358979323846, 0);
    assert_close(value_at("e", 0, 0), 2.71828182845904523536, 0);
    assert_close(value_at("2*pi*e", 0, 0), 2 * 3.14159265358979323846 * 2.71828182845904523536,
                 TIGHT);
}

/* x^n with a whole exponent works for negative bases, like pow(). */
static void whole_powers_of_negative_bases(void **state)
{
    (void)state;
    LandscapeEval r = eval_at("x^2", -3, 0);
    assert_true(r.value == 9 && r.grad[0] == -6 && r.hess[0] == 2);
    r = eval_at("x^3", -2, 0);
    assert_true(r.value == -8 && r.grad[0] == 12 && r.hess[0] == -12);
    r = eval_at("x^-1", -2, 0);
    assert_close(r.value, -0.5, 0);
    assert_close(r.grad[0], -0.25, 0);
    assert_close(r.hess[0], -0.25, 0); /* 2 / x³ */
    r = eval_at("x^0", 0, 0);
    assert_true(r.value == 1 && r.grad[0] == 0 && r.hess[0] == 0);
    r = eval_at("x^1", 0, 0);
    assert_true(r.value == 0 && r.grad[0] == 1 && r.hess[0] == 0);
    r = eval_at("x^0.5", 4, 0);
    assert_close(r.value, 2, 0);
    assert_close(r.grad[0], 0.25, TIGHT);
    assert_close(r.hess[0], -1.0 / 32, TIGHT);
    assert_true(isnan(value_at("x^0.5", -4, 0)));
    /* Larger whole exponents, either sign, against pow(). */
    const int exponents[] = {7, -3, 12, -64, 100}; /* 100 goes through pow() */
    for (size_t i = 0; i < sizeof exponents / sizeof exponents[0]; i++) {
        char text[32];
        int n = exponents[i];
        snprintf(text, sizeof text, "x^%d", n);
        r = eval_at(text, -1.3, 0);
        assert_close(r.value, pow(-1.3, n), TIGHT * fabs(pow(-1.3, n)));
        assert_close(r.grad[0], n * pow(-1.3, n - 1), TIGHT * fabs(n * pow(-1.3, n - 1)));
        assert_close(r.hess[0], n * (n - 1.0) * pow(-1.3, n - 2),
                     TIGHT * fabs(n * (n - 1.0) * pow(-1.3, n - 2)));
    }
}

/* x^y with a varying exponent: exp(y log x). */
static void general_powers(void **state)
{
    (void)state;
    const double l2 = log(2.0);
    LandscapeEval r = eval_at("x^y", 2, 3);
    assert_close(r.value, 8, TIGHT);
    assert_close(r.grad[0], 12, TIGHT);               /* y x^(y-1) */
    assert_close(r.grad[1], 8 * l2, TIGHT);           /* x^y log x */
    assert_close(r.hess[0], 12, TIGHT);               /* y (y-1) x^(y-2) */
    assert_close(r.hess[1], 4 * (1 + 3 * l2), TIGHT); /* x^(y-1) (1 + y log x) */
    assert_close(r.hess[2], 8 * l2 * l2, TIGHT);      /* x^y log² x */
}

/* Each function f at u = x·y, so the chain rule and the cross term show:
 * d/dx = f'(u) y, d²/dx² = f''(u) y², d²/dxdy = f''(u) x y + f'(u). */
static void every_function_has_exact_derivatives(void **state)
{
    (void)state;
    const double x = 0.7, y = 0.9, u = x * y;
    double t = tan(u), th = tanh(u);
    const struct {
        const char *name;
        double f, f1, f2;
    } funcs[] = {
        {"sin", sin(u), cos(u), -sin(u)},
        {"cos", cos(u), -sin(u), -cos(u)},
        {"tan", t, 1 + t * t, 2 * t * (1 + t * t)},
        {"exp", exp(u), exp(u), exp(u)},
        {"log", log(u), 1 / u, -1 / (u * u)},
        {"sqrt", sqrt(u), 0.5 / sqrt(u), -0.25 / (u * sqrt(u))},
        {"abs", u, 1, 0},
        {"tanh", th, 1 - th * th, -2 * th * (1 - th * th)},
        {"sinh", sinh(u), cosh(u), sinh(u)},
        {"cosh", cosh(u), sinh(u), cosh(u)},
    };
    for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++) {
        char text[32];
        snprintf(text, sizeof text, "%s(x*y)", funcs[i].name);
        LandscapeEval r = eval_at(text, x, y);
        double f = funcs[i].f, f1 = funcs[i].f1, f2 = funcs[i].f2;
        const double expected[6] = {f, f1 * y, f1 * x, f2 * y * y, f2 * x * y + f1, f2 * x * x};
        const double got[6] = {r.value, r.grad[0], r.grad[1], r.hess[0], r.hess[1], r.hess[2]};
        for (int k = 0; k < 6; k++)
            assert_close_where(got[k], expected[k], TIGHT * (1 + fabs(expected[k])),
                               "%s, component %d", text, k);
    }
    LandscapeEval r = eval_at("abs(x)", -2, 0);
    assert_true(r.value == 2 && r.grad[0] == -1 && r.hess[0] == 0);
}

static void quotients_have_exact_derivatives(void **state)
{
    (void)state;
    /* x / y: d/dx = 1/y, d/dy = −x/y², dxx = 0, dxy = −1/y², dyy = 2x/y³. */
    LandscapeEval r = eval_at("x/y", 3, 2);
    assert_close(r.value, 1.5, 0);
    assert_close(r.grad[0], 0.5, TIGHT);
    assert_close(r.grad[1], -0.75, TIGHT);
    assert_close(r.hess[0], 0, TIGHT);
    assert_close(r.hess[1], -0.25, TIGHT);
    assert_close(r.hess[2], 0.75, TIGHT);
}

/* Singularities give non-finite numbers (a run marks itself diverged),
 * never a crash. */
static void singularities_are_not_finite(void **state)
{
    (void)state;
    assert_true(isinf(value_at("1/x", 0, 0)));
    assert_true(isnan(value_at("log(x)", -1, 0)));
    assert_true(isinf(value_at("log(x)", 0, 0)));
    LandscapeEval r = eval_at("sqrt(x)", 0, 0);
    assert_true(r.value == 0 && isinf(r.grad[0]));
    r = eval_at("x^y", -2, 0.5);
    assert_true(isnan(r.value));
}

static void syntax_errors_give_the_column(void **state)
{
    (void)state;
    assert_parse_error("(2+x", "expr: column 5: expected ')' after '(2+x'");
    assert_parse_error("2+*3", "column 3: unexpected '*'");
    assert_parse_error("x+", "column 3: expected a number, x, y, a function or '('");
    assert_parse_error("2x", "column 2: unexpected 'x'");
    assert_parse_error("x)", "column 2: unmatched ')'");
    assert_parse_error("sin x", "column 5: expected '(' after function 'sin'");
    assert_parse_error("sin(x", "column 6: expected ')'");
    assert_parse_error("1.5.2", "column 4: unexpected '.'");
    assert_parse_error("x $ y", "column 3: unexpected '$'");
    assert_parse_error("", "empty expression");
    assert_parse_error("   ", "empty expression");
    assert_parse_error("x^", "column 3: expected a number");
}

static void unknown_names_are_named(void **state)
{
    (void)state;
    assert_parse_error("x + foo", "expr: column 5: unknown name 'foo' (variables x, y; constants pi, e)");
    assert_parse_error("sinn(x)", "column 1: unknown function 'sinn' (functions: sin, cos");
    assert_parse_error("z", "unknown name 'z'");
    assert_parse_error("X", "unknown name 'X'");
}

static void nesting_is_limited(void **state)
{
    (void)state;
    char text[512];
    /* EXPR_MAX_DEPTH − 1 parentheses fit (the outer level counts too). */
    int fits = EXPR_MAX_DEPTH - 1;
    snprintf(text, sizeof text, "%.*sx%.*s", fits,
             "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((", fits,
             "))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))");
    assert_close(value_at(text, 2, 0), 2, 0);

    memset(text, '(', 200);
    strcpy(text + 200, "x");
    assert_parse_error(text, "nested deeper than 64 levels");
    memset(text, '-', 300);
    strcpy(text + 300, "x");
    assert_parse_error(text, "nested deeper than 64 levels");
    char powers[400] = "x";
    for (int i = 0; i < 100; i++)
        strcat(powers, "^x");
    assert_parse_error(powers, "nested deeper than 64 levels");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quadratic_form_has_exact_derivatives),
        cmocka_unit_test(precedence_and_associativity),
        cmocka_unit_test(whole_powers_of_negative_bases),
        cmocka_unit_test(general_powers),
        cmocka_unit_test(every_function_has_exact_derivatives),
        cmocka_unit_test(quotients_have_exact_derivatives),
        cmocka_unit_test(singularities_are_not_finite),
        cmocka_unit_test(syntax_errors_give_the_column),
        cmocka_unit_test(unknown_names_are_named),
        cmocka_unit_test(nesting_is_limited),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
