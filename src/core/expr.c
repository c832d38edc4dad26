/*
 * expr.c — the expression engine behind `expr:` landscapes (see expr.h).
 *
 * A recursive-descent parser emits a postfix program (constant
 * sub-expressions folded as they are emitted).  Two small stack machines run
 * it: one on doubles (the fast value path, for grids) and one on
 * second-order dual numbers, which carry each intermediate's value, its two
 * first and three second derivatives, so the gradient and Hessian come out
 * exact.  Both keep their stacks on the caller's stack, so one Expr may be
 * evaluated from many threads.
 *
 * Grammar:
 *   sum     = product { ("+" | "-") product }
 *   product = unary { ("*" | "/") unary }
 *   unary   = ("-" | "+") unary | power
 *   power   = primary [ "^" unary ]          right-associative: 2^3^2 = 2^9
 *   primary = number | "x" | "y" | "pi" | "e" | name "(" sum ")" | "(" sum ")"
 */
#include "expr.h"

#include "msgid.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum OpCode {
    OP_CONST, OP_X, OP_Y,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_POW,
    OP_NEG, OP_SIN, OP_COS, OP_TAN, OP_EXP, OP_LOG, OP_SQRT, OP_ABS, OP_TANH, OP_SINH,
    OP_COSH,
    OP_POWI, /* top^n for a constant whole n (value), by multiplication */
} OpCode;

typedef struct Instr {
    OpCode op;
    double value; /* OP_CONST: the constant; OP_POWI: the exponent */
} Instr;

/* Whole constant exponents up to this size take OP_POWI (its rounding
 * error grows with n: at most about n ulps). */
#define POWI_MAX 64

struct Expr {
    Instr *code;
    size_t n;
};

static const struct {
    const char *name;
    OpCode op;
} functions[] = {
    {"sin", OP_SIN},   {"cos", OP_COS},   {"tan", OP_TAN},   {"exp", OP_EXP},
    {"log", OP_LOG},   {"sqrt", OP_SQRT}, {"abs", OP_ABS},   {"tanh", OP_TANH},
    {"sinh", OP_SINH}, {"cosh", OP_COSH},
};
#define FUNCTION_NAMES "sin, cos, tan, exp, log, sqrt, abs, tanh, sinh, cosh"

/* Every pending operand lives on a recursion level of the parser, and each
 * level (sum, product, power) holds at most one, so the evaluation stack
 * never needs more than this. */
#define EXPR_STACK_MAX (3 * (EXPR_MAX_DEPTH + 2))

/* ------------------------------------------------------------------------ */
/* Arithmetic on doubles (also used for constant folding)                    */
/* ------------------------------------------------------------------------ */

static bool is_unary(OpCode op)
{
    return op >= OP_NEG;
}

static double apply_unary(OpCode op, double u)
{
    switch (op) {
    case OP_NEG: return -u;
    case OP_SIN: return sin(u);
    case OP_COS: return cos(u);
    case OP_TAN: return tan(u);
    case OP_EXP: return exp(u);
    case OP_LOG: return log(u);
    case OP_SQRT: return sqrt(u);
    case OP_ABS: return fabs(u);
    case OP_TANH: return tanh(u);
    case OP_SINH: return sinh(u);
    case OP_COSH: return cosh(u);
    default: return (double)NAN;
    }
}

/* a^n by repeated squaring: exact for small n, far faster than pow(), and
 * like pow() fine for negative bases. */
static double powi(double a, int n)
{
    double base = n < 0 ? 1.0 / a : a, result = 1.0;
    for (unsigned k = n < 0 ? -(unsigned)n : (unsigned)n; k; k >>= 1) {
        if (k & 1u)
            result *= base;
        base *= base;
    }
    return result;
}

/* pow() is exact for negative bases with whole exponents (x^2 at -3 is 9);
 * other negative-base powers are NaN, which a run treats as divergence. */
static double apply_binary(OpCode op, double a, double b)
{
    switch (op) {
    case OP_ADD: return a + b;
    case OP_SUB: return a - b;
    case OP_MUL: return a * b;
    case OP_DIV: return a / b;
    case OP_POW: return pow(a, b);
    default: return (double)NAN;
    }
}

/* ------------------------------------------------------------------------ */
/* Parser                                                                    */
/* ------------------------------------------------------------------------ */

typedef struct Parser {
    const char *text;
    size_t pos;
    int depth;
    Instr *code;
    size_t n;
    DescentError *err;
    bool failed;
} Parser;

/* The formats of the errors a typed expression can meet (msgids,
 * core/msgid.h): where (the first two), then what. */
#define EXPR_AT_COLUMN N_("expr: column %zu: %s")
#define EXPR_AT_COLUMN_AFTER N_("expr: column %zu: %s after '%s%.*s'")
#define EXPR_UNEXPECTED N_("unexpected '%.*s'")
#define EXPR_EXPECTED_DIGIT N_("expected a digit")
#define EXPR_EXPECTED_CLOSE N_("expected ')'")
#define EXPR_EXPECTED_OPERAND N_("expected a number, x, y, a function or '('")
#define EXPR_EXPECTED_OPEN N_("expected '(' after function '%s'")
#define EXPR_UNMATCHED N_("unmatched ')'")
#define EXPR_UNKNOWN_FUNCTION N_("unknown function '%.*s' (functions: %s)")
#define EXPR_UNKNOWN_NAME N_("unknown name '%.*s' (variables x, y; constants pi, e)")
#define EXPR_EMPTY N_("expr: empty expression (write e.g. expr:x^2+3*y^2)")

const char *const expr_error_formats[] = {
    EXPR_AT_COLUMN,        EXPR_AT_COLUMN_AFTER, EXPR_UNEXPECTED,       EXPR_EXPECTED_DIGIT,
    EXPR_EXPECTED_CLOSE,   EXPR_EXPECTED_OPERAND, EXPR_EXPECTED_OPEN,   EXPR_UNMATCHED,
    EXPR_UNKNOWN_FUNCTION, EXPR_UNKNOWN_NAME,    EXPR_EMPTY,            NULL,
};

/* Reports a failure at byte offset pos (shown 1-based), with the text up to
 * there for context when it helps.  Only the first failure is kept. */
static void fail_with(Parser *p, size_t pos, const char *what, bool context)
{
    if (p->failed)
        return;
    p->failed = true;
    size_t from = pos > 24 ? pos - 24 : 0;
    if (pos == 0 || !context)
        error_set(p->err, EXPR_AT_COLUMN, pos + 1, what);
    else
        error_set(p->err, EXPR_AT_COLUMN_AFTER, pos + 1, what,
                  from > 0 ? "..." : "", (int)(pos - from), p->text + from);
}

static void fail_at(Parser *p, size_t pos, const char *what)
{
    fail_with(p, pos, what, true);
}

/* "unexpected 'C'" at the parser's position, C the whole character there
 * (a UTF-8 character such as '²' is several bytes, never cut). */
static void fail_unexpected(Parser *p)
{
    const char *at = p->text + p->pos;
    int n = 1;
    while (n < 4 && ((unsigned char)at[n] & 0xc0) == 0x80)
        n++;
    char what[64];
    snprintf(what, sizeof what, EXPR_UNEXPECTED, n, at);
    fail_at(p, p->pos, what);
}

static void skip_space(Parser *p)
{
    while (isspace((unsigned char)p->text[p->pos]))
        p->pos++;
}

static char peek(Parser *p)
{
    skip_space(p);
    return p->text[p->pos];
}

static void emit(Parser *p, OpCode op, double value)
{
    p->code[p->n++] = (Instr){op, value};
}

/* Emits an operator, folding it into a constant when its operands are, and
 * turning a power with a whole constant exponent into OP_POWI. */
static void emit_op(Parser *p, OpCode op)
{
    if (op == OP_POW && p->n >= 2 && p->code[p->n - 2].op != OP_CONST &&
        p->code[p->n - 1].op == OP_CONST) {
        double n = p->code[p->n - 1].value;
        if (n == floor(n) && fabs(n) <= POWI_MAX) {
            p->code[p->n - 1].op = OP_POWI;
            return;
        }
    }
    if (is_unary(op) && p->n >= 1 && p->code[p->n - 1].op == OP_CONST) {
        p->code[p->n - 1].value = apply_unary(op, p->code[p->n - 1].value);
        return;
    }
    if (!is_unary(op) && p->n >= 2 && p->code[p->n - 1].op == OP_CONST &&
        p->code[p->n - 2].op == OP_CONST) {
        p->code[p->n - 2].value = apply_binary(op, p->code[p->n - 2].value,
                                               p->code[p->n - 1].value);
        p->n--;
        return;
    }
    emit(p, op, 0.0);
}

static void parse_sum(Parser *p);
static void parse_unary(Parser *p);

static void parse_number(Parser *p)
{
    const char *s = p->text + p->pos;
    size_t len = 0;
    while (isdigit((unsigned char)s[len]))
        len++;
    if (s[len] == '.') {
        len++;
        while (isdigit((unsigned char)s[len]))
            len++;
    }
    if (len == 1 && s[0] == '.') {
        fail_at(p, p->pos, EXPR_EXPECTED_DIGIT);
        return;
    }
    /* An exponent only when digits follow, so "2e" is not half a number. */
    size_t exp_len = 0;
    if (s[len] == 'e' || s[len] == 'E') {
        exp_len = 1;
        if (s[len + 1] == '+' || s[len + 1] == '-')
            exp_len = 2;
        if (isdigit((unsigned char)s[len + exp_len])) {
            while (isdigit((unsigned char)s[len + exp_len]))
                exp_len++;
            len += exp_len;
        }
    }
    char buf[64];
    if (len >= sizeof buf) {
        fail_at(p, p->pos, "number too long");
        return;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    emit(p, OP_CONST, strtod(buf, NULL));
    p->pos += len;
}

static void parse_name(Parser *p)
{
    size_t start = p->pos;
    while (isalnum((unsigned char)p->text[p->pos]) || p->text[p->pos] == '_')
        p->pos++;
    size_t len = p->pos - start;
    const char *name = p->text + start;
    char what[DESCENT_ERROR_MAX / 2];

    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
        if (strlen(functions[i].name) != len || strncmp(functions[i].name, name, len) != 0)
            continue;
        if (peek(p) != '(') {
            snprintf(what, sizeof what, EXPR_EXPECTED_OPEN, functions[i].name);
            fail_at(p, p->pos, what);
            return;
        }
        p->pos++;
        parse_sum(p);
        if (p->failed)
            return;
        if (peek(p) != ')') {
            fail_at(p, p->pos, EXPR_EXPECTED_CLOSE);
            return;
        }
        p->pos++;
        emit_op(p, functions[i].op);
        return;
    }

    static const struct {
        const char *name;
        OpCode op;
        double value;
    } atoms[] = {{"x", OP_X, 0.0}, {"y", OP_Y, 0.0}, {"pi", OP_CONST, 3.14159265358979323846},
                 {"e", OP_CONST, 2.71828182845904523536}};
    for (size_t i = 0; i < sizeof atoms / sizeof atoms[0]; i++) {
        if (strlen(atoms[i].name) == len && strncmp(atoms[i].name, name, len) == 0) {
            emit(p, atoms[i].op, atoms[i].value);
            return;
        }
    }

    if (peek(p) == '(')
        snprintf(what, sizeof what, EXPR_UNKNOWN_FUNCTION, (int)len, name,
                 FUNCTION_NAMES);
    else
        snprintf(what, sizeof what, EXPR_UNKNOWN_NAME,
                 (int)len, name);
    fail_with(p, start, what, false);
}

static void parse_primary(Parser *p)
{
    char c = peek(p);
    if (isdigit((unsigned char)c) || c == '.') {
        parse_number(p);
    } else if (isalpha((unsigned char)c) || c == '_') {
        parse_name(p);
    } else if (c == '(') {
        p->pos++;
        parse_sum(p);
        if (p->failed)
            return;
        if (peek(p) != ')') {
            fail_at(p, p->pos, EXPR_EXPECTED_CLOSE);
            return;
        }
        p->pos++;
    } else if (c == '\0') {
        fail_at(p, p->pos, EXPR_EXPECTED_OPERAND);
    } else {
        fail_unexpected(p);
    }
}

static void parse_unary(Parser *p)
{
    if (++p->depth > EXPR_MAX_DEPTH) {
        char what[64];
        snprintf(what, sizeof what, "nested deeper than %d levels", EXPR_MAX_DEPTH);
        fail_at(p, p->pos, what);
        return;
    }
    char c = peek(p);
    if (c == '-' || c == '+') {
        p->pos++;
        parse_unary(p);
        if (c == '-' && !p->failed)
            emit_op(p, OP_NEG);
    } else {
        parse_primary(p);
        if (!p->failed && peek(p) == '^') {
            p->pos++;
            parse_unary(p);
            if (!p->failed)
                emit_op(p, OP_POW);
        }
    }
    p->depth--;
}

static void parse_product(Parser *p)
{
    parse_unary(p);
    while (!p->failed && (peek(p) == '*' || peek(p) == '/')) {
        OpCode op = p->text[p->pos++] == '*' ? OP_MUL : OP_DIV;
        parse_unary(p);
        if (!p->failed)
            emit_op(p, op);
    }
}

static void parse_sum(Parser *p)
{
    parse_product(p);
    while (!p->failed && (peek(p) == '+' || peek(p) == '-')) {
        OpCode op = p->text[p->pos++] == '+' ? OP_ADD : OP_SUB;
        parse_product(p);
        if (!p->failed)
            emit_op(p, op);
    }
}

/* The stack height the program reaches; it is bounded by construction (see
 * EXPR_STACK_MAX), checked here so evaluation can trust it. */
static size_t stack_need(const Instr *code, size_t n)
{
    size_t height = 0, most = 0;
    for (size_t i = 0; i < n; i++) {
        if (code[i].op <= OP_Y)
            height++;
        else if (!is_unary(code[i].op))
            height--;
        if (height > most)
            most = height;
    }
    return most;
}

Expr *expr_parse(const char *text, DescentError *err)
{
    Parser p = {.text = text, .err = err};
    if (!text || !*text || strspn(text, " \t\r\n") == strlen(text)) {
        error_set(err, EXPR_EMPTY);
        return NULL;
    }
    /* Every token emits at most one instruction. */
    p.code = malloc((strlen(text) + 1) * sizeof *p.code);
    if (!p.code) {
        error_set(err, "out of memory");
        return NULL;
    }
    parse_sum(&p);
    if (!p.failed && peek(&p) == ')')
        fail_at(&p, p.pos, EXPR_UNMATCHED);
    else if (!p.failed && peek(&p) != '\0')
        fail_unexpected(&p);
    if (!p.failed && stack_need(p.code, p.n) > EXPR_STACK_MAX) {
        error_set(err, "expr: expression too complex");
        p.failed = true;
    }
    Expr *expr = p.failed ? NULL : malloc(sizeof *expr);
    if (!expr) {
        if (!p.failed)
            error_set(err, "out of memory");
        free(p.code);
        return NULL;
    }
    expr->code = p.code;
    expr->n = p.n;
    return expr;
}

void expr_free(Expr *expr)
{
    if (!expr)
        return;
    free(expr->code);
    free(expr);
}

/* ------------------------------------------------------------------------ */
/* Value path                                                                */
/* ------------------------------------------------------------------------ */

double expr_value(const Expr *expr, double x, double y)
{
    double stack[EXPR_STACK_MAX];
    size_t top = 0;
    for (size_t i = 0; i < expr->n; i++) {
        const Instr *in = &expr->code[i];
        switch (in->op) {
        case OP_CONST: stack[top++] = in->value; break;
        case OP_X: stack[top++] = x; break;
        case OP_Y: stack[top++] = y; break;
        case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV: case OP_POW:
            top--;
            stack[top - 1] = apply_binary(in->op, stack[top - 1], stack[top]);
            break;
        case OP_POWI:
            stack[top - 1] = powi(stack[top - 1], (int)in->value);
            break;
        default:
            stack[top - 1] = apply_unary(in->op, stack[top - 1]);
            break;
        }
    }
    return stack[0];
}

/* ------------------------------------------------------------------------ */
/* Dual-number path                                                          */
/* ------------------------------------------------------------------------ */

/* A value with its derivatives in x and y up to second order. */
typedef struct Dual {
    double v, dx, dy, dxx, dxy, dyy;
} Dual;

static Dual dual_const(double v)
{
    return (Dual){v, 0.0, 0.0, 0.0, 0.0, 0.0};
}

/* f(u) by the chain rule, given f(u.v), f'(u.v), f''(u.v). */
static Dual dual_chain(Dual u, double f, double f1, double f2)
{
    return (Dual){
        .v = f,
        .dx = f1 * u.dx,
        .dy = f1 * u.dy,
        .dxx = f2 * u.dx * u.dx + f1 * u.dxx,
        .dxy = f2 * u.dx * u.dy + f1 * u.dxy,
        .dyy = f2 * u.dy * u.dy + f1 * u.dyy,
    };
}

static Dual dual_mul(Dual a, Dual b)
{
    return (Dual){
        .v = a.v * b.v,
        .dx = a.dx * b.v + a.v * b.dx,
        .dy = a.dy * b.v + a.v * b.dy,
        .dxx = a.dxx * b.v + 2.0 * a.dx * b.dx + a.v * b.dxx,
        .dxy = a.dxy * b.v + a.dx * b.dy + a.dy * b.dx + a.v * b.dxy,
        .dyy = a.dyy * b.v + 2.0 * a.dy * b.dy + a.v * b.dyy,
    };
}

static Dual dual_unary(OpCode op, Dual u)
{
    double t = u.v, f = apply_unary(op, t);
    switch (op) {
    case OP_NEG: return dual_chain(u, f, -1.0, 0.0);
    case OP_SIN: return dual_chain(u, f, cos(t), -f);
    case OP_COS: return dual_chain(u, f, -sin(t), -f);
    case OP_TAN: return dual_chain(u, f, 1.0 + f * f, 2.0 * f * (1.0 + f * f));
    case OP_EXP: return dual_chain(u, f, f, f);
    case OP_LOG: return dual_chain(u, f, 1.0 / t, -1.0 / (t * t));
    case OP_SQRT: return dual_chain(u, f, 0.5 / f, -0.25 / (f * t));
    case OP_ABS: return dual_chain(u, f, t > 0.0 ? 1.0 : t < 0.0 ? -1.0 : 0.0, 0.0);
    case OP_TANH: return dual_chain(u, f, 1.0 - f * f, -2.0 * f * (1.0 - f * f));
    case OP_SINH: return dual_chain(u, f, cosh(t), f);
    case OP_COSH: return dual_chain(u, f, sinh(t), f);
    default: return dual_const((double)NAN);
    }
}

static bool dual_is_const(Dual u)
{
    return u.dx == 0.0 && u.dy == 0.0 && u.dxx == 0.0 && u.dxy == 0.0 && u.dyy == 0.0;
}

/* a^n for a constant n by the power rule, given power[j] = a^(n − j); the
 * n = 0 and n = 1 cases keep 0 · a^(−1) at a = 0 from becoming NaN. */
static Dual dual_power_rule(Dual a, double n, const double power[3])
{
    double f1 = n == 0.0 ? 0.0 : n * power[1];
    double f2 = n == 0.0 || n == 1.0 ? 0.0 : n * (n - 1.0) * power[2];
    return dual_chain(a, power[0], f1, f2);
}

static Dual dual_powi(Dual a, int n)
{
    const double power[3] = {powi(a.v, n), powi(a.v, n - 1), powi(a.v, n - 2)};
    return dual_power_rule(a, n, power);
}

/* a^b.  An exponent constant at this point takes the power rule, which
 * like pow() works for negative bases with whole exponents; otherwise
 * a^b = exp(b log a).  The value is always pow(a, b), as on the value path. */
static Dual dual_pow(Dual a, Dual b)
{
    double p = pow(a.v, b.v);
    if (dual_is_const(b)) {
        const double power[3] = {p, pow(a.v, b.v - 1.0), pow(a.v, b.v - 2.0)};
        return dual_power_rule(a, b.v, power);
    }
    Dual log_a = dual_unary(OP_LOG, a);
    Dual g = dual_mul(b, log_a);
    return dual_chain(g, p, p, p); /* d exp(g) = exp(g) dg */
}

static Dual dual_binary(OpCode op, Dual a, Dual b)
{
    switch (op) {
    case OP_ADD:
        return (Dual){a.v + b.v, a.dx + b.dx, a.dy + b.dy, a.dxx + b.dxx, a.dxy + b.dxy,
                      a.dyy + b.dyy};
    case OP_SUB:
        return (Dual){a.v - b.v, a.dx - b.dx, a.dy - b.dy, a.dxx - b.dxx, a.dxy - b.dxy,
                      a.dyy - b.dyy};
    case OP_MUL:
        return dual_mul(a, b);
    case OP_DIV: {
        /* a · (1/b), with (1/t)' = −1/t², (1/t)'' = 2/t³; the value as on
         * the value path. */
        double inv = 1.0 / b.v;
        Dual r = dual_mul(a, dual_chain(b, inv, -inv * inv, 2.0 * inv * inv * inv));
        r.v = a.v / b.v;
        return r;
    }
    case OP_POW:
        return dual_pow(a, b);
    default:
        return dual_const((double)NAN);
    }
}

static Dual eval_dual(const Expr *expr, double x, double y)
{
    Dual stack[EXPR_STACK_MAX];
    size_t top = 0;
    for (size_t i = 0; i < expr->n; i++) {
        const Instr *in = &expr->code[i];
        switch (in->op) {
        case OP_CONST: stack[top++] = dual_const(in->value); break;
        case OP_X: stack[top++] = (Dual){x, 1.0, 0.0, 0.0, 0.0, 0.0}; break;
        case OP_Y: stack[top++] = (Dual){y, 0.0, 1.0, 0.0, 0.0, 0.0}; break;
        case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV: case OP_POW:
            top--;
            stack[top - 1] = dual_binary(in->op, stack[top - 1], stack[top]);
            break;
        case OP_POWI:
            stack[top - 1] = dual_powi(stack[top - 1], (int)in->value);
            break;
        default:
            stack[top - 1] = dual_unary(in->op, stack[top - 1]);
            break;
        }
    }
    return stack[0];
}

double expr_value_grad(const Expr *expr, double x, double y, double grad[2])
{
    Dual r = eval_dual(expr, x, y);
    grad[0] = r.dx;
    grad[1] = r.dy;
    return r.v;
}

void expr_eval(const Expr *expr, double x, double y, LandscapeEval *dest)
{
    Dual r = eval_dual(expr, x, y);
    dest->value = r.v;
    dest->grad[0] = r.dx;
    dest->grad[1] = r.dy;
    dest->hess[0] = r.dxx;
    dest->hess[1] = r.dxy;
    dest->hess[2] = r.dyy;
}
