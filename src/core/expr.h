/*
 * expr.h — user expressions in x and y, with exact derivatives.
 *
 * Grammar: + - * / ^ (right-associative, binds tighter than unary minus:
 * -x^2 = -(x^2)), unary -, parentheses, numbers (1, 2.5, 1e-3), the
 * constants pi and e, the variables x and y, and the one-argument functions
 * sin cos tan exp log sqrt abs tanh sinh cosh.  Compiled to a small
 * program; evaluated with second-order forward-mode dual numbers, so the
 * gradient and Hessian are exact, not finite differences.
 *
 * Thread-safe: evaluation uses only the caller's stack.  Nesting deeper than
 * EXPR_MAX_DEPTH is an error.  The caller owns an Expr (expr_free).
 */
#ifndef DESCENT_CORE_EXPR_H
#define DESCENT_CORE_EXPR_H

#include "error.h"
#include "eval.h"

#define EXPR_MAX_DEPTH 64

typedef struct Expr Expr;

/* Parses text.  Errors carry the 1-based column and what was expected:
 * "expr: column 7: expected ')' after '(2+x'" ; NULL on error. */
Expr *expr_parse(const char *text, DescentError *err);

/* The formats of expr_parse's errors (msgids, core/msgid.h), NULL-ended: a
 * window matches a message against them to show it in its own language
 * (scene/i18n.h's i18n_error). */
extern const char *const expr_error_formats[];
void expr_free(Expr *expr);

double expr_value(const Expr *expr, double x, double y);
double expr_value_grad(const Expr *expr, double x, double y, double grad[2]);
void expr_eval(const Expr *expr, double x, double y, LandscapeEval *dest);

#endif
