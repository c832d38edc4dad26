/* fuzz_expr.c — expressions: any text parses or fails with a message, and
 * anything that parses evaluates (value, gradient, Hessian) without crashing. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "core/expr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    if (!text)
        return 0;
    DescentError err;
    Expr *expr = expr_parse(text, &err);
    if (expr) {
        static const double points[][2] = {{0, 0}, {1.5, -2}, {-1e300, 1e-300}, {3, 1e6}};
        for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
            LandscapeEval e;
            double grad[2];
            expr_eval(expr, points[i][0], points[i][1], &e);
            expr_value_grad(expr, points[i][0], points[i][1], grad);
            expr_value(expr, points[i][0], points[i][1]);
        }
        expr_free(expr);
    } else if (strlen(err.message) == 0) {
        abort(); /* a failure must say why */
    }
    free(text);
    return 0;
}
