/*
 * landscape_impl.h — what landscape.c, landscape_classic.c and
 * landscape_data.c share: the Landscape struct and the kind table entry.
 * Private to those files.
 *
 * A kind is a LandscapeKind (GSL-style type table): a setup function that
 * turns resolved parameters into precomputed coefficients, and one function
 * pointer per evaluation, so a call costs one indirect jump and never
 * allocates.  Its name, formula and parameter table live in landscape.c's
 * info table, in the same order as the kind table there.
 */
#ifndef DESCENT_CORE_LANDSCAPE_IMPL_H
#define DESCENT_CORE_LANDSCAPE_IMPL_H

#include "dataset.h"
#include "expr.h"
#include "landscape.h"
#include "spec.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

typedef struct LandscapeKind {
    /* NULL for kinds without parameters.  Fills the kind's coefficients
     * and, where they depend on the parameters, its view, start and minima.
     * params[i] is the resolved value of the kind's ParamDef i. */
    bool (*setup)(Landscape *ls, const Spec *spec, const ParamValue *params,
                  DescentError *err);
    double (*value)(const Landscape *ls, double x, double y);
    /* NULL: derived from eval (cheap enough for the closed forms). */
    double (*value_grad)(const Landscape *ls, double x, double y, double grad[2]);
    void (*eval)(const Landscape *ls, double x, double y, LandscapeEval *dest);
    /* Data kinds only, else NULL. */
    double (*batch_grad)(const Landscape *ls, double x, double y,
                         const uint32_t *idx, size_t n, double grad[2]);
    /* Kinds fitted to labels by squared loss only (landscape_output_grad),
     * else NULL. */
    void (*output_grad)(const Landscape *ls, double x, double y, size_t label, double grad[2]);
    ViewRect view;         /* defaults, which setup may replace */
    LandscapePoint start;
    const LandscapePoint *minima; /* fixed known minima (global first) */
    size_t nminima;
    bool prefers_log;
} LandscapeKind;

/* Ordinary least squares statistics (linreg, docs/CLI.md §3.2), over N samples:
 * S = XᵀX/N (symmetric), and the minimum-norm minimiser w0 with its loss r0,
 * so L(w) = r0 + ½ (w - w0)ᵀ S (w - w0) exactly and without cancellation.
 * When S has rank 1 the minimisers form the line w0 + t·null_dir. */
typedef struct LinregStats {
    double sxx, sxy, syy;
    double w0[2];
    double r0;
    bool has_line;
    double null_dir[2];  /* unit, S null_dir = 0 (when has_line) */
} LinregStats;

/* Logistic regression data, stored for a tight loop: za = y·x1, zb = y·x2
 * (so the margin of sample i is x·za[i] + y·zb[i]), contiguous. */
typedef struct LogregData {
    double *za, *zb;
    double l2;
    bool has_max_margin;  /* a line through 0 separates the classes with a gap */
    double max_margin[2]; /* then: the unit u maximising min_i u·z_i */
} LogregData;

/* sharp_flat: base − ds·G(cs, ws) − df·G(cf, wf) + bowl·|θ|². */
typedef struct SharpFlat {
    double base, bowl;
    double depth[2], cx[2], cy[2], inv_w2[2]; /* [0] sharp, [1] flat; 1/w² */
} SharpFlat;

/* parabolic_wells: the keys, and where the pieces meet (join_*) and
 * bottom out (min_*), landscape_classic.c. */
typedef struct ParabolicWells {
    double h, sharp, flat, cap, c;
    double join_sharp, min_sharp, join_flat, min_flat;
} ParabolicWells;

struct Landscape {
    const LandscapeKind *kind;
    const char *name;
    char *spec;
    ViewRect view;
    LandscapePoint start;
    size_t nminima;
    LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
    union {
        struct { double hxx, hxy, hyy; } quadratic;
        struct { double a, b; } rosenbrock;
        struct { double h, c; } double_well;
        struct { double target; } uv;
        ParabolicWells parabolic_wells;
        SharpFlat sharp_flat;
        LinregStats linreg;
        LogregData logreg;
    } u;
    Expr *expr;       /* expr only */
    Dataset data;     /* data kinds only (n = 0 otherwise) */
};

/* The kinds, defined beside their formulas. */
extern const LandscapeKind landscape_quadratic, landscape_rosenbrock, landscape_beale,
    landscape_himmelblau, landscape_rastrigin, landscape_ackley, landscape_booth,
    landscape_matyas, landscape_three_hump_camel, landscape_styblinski_tang,
    landscape_saddle, landscape_monkey_saddle, landscape_double_well, landscape_uv,
    landscape_parabolic_wells,
    landscape_sharp_flat, landscape_linreg,
    landscape_logreg, landscape_expr;

/* Parameter tables, in the order setup reads them. */
extern const ParamDef landscape_quadratic_params[3];
extern const ParamDef landscape_rosenbrock_params[2];
extern const ParamDef landscape_double_well_params[2];
extern const ParamDef landscape_uv_params[1];
extern const ParamDef landscape_parabolic_wells_params[5];
extern const ParamDef landscape_sharp_flat_params[10];
extern const ParamDef landscape_linreg_params[5];
extern const ParamDef landscape_logreg_params[8];

/* Refines each guess with Newton's method and keeps those that converge to
 * a point with zero gradient and a positive definite Hessian, without
 * duplicates, lowest value first, into ls->minima.  For minima that have no
 * closed form (the bowl shifts sharp_flat's wells; himmelblau's three
 * irrational ones), so markers and tests sit exactly on them. */
void landscape_polish_minima(Landscape *ls, const LandscapePoint *guesses, size_t n);

#endif
