/*
 * landscape.c — the table of landscape kinds, creation from a spec string,
 * dispatch, and the Newton polish that places minima without closed forms.
 *
 * The formulas live in landscape_classic.c (analytic kinds) and
 * landscape_data.c (linreg, logreg); expr: in expr.c.
 */
#include "landscape_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msgid.h"

/* ------------------------------------------------------------------------ */
/* The kinds (docs/CLI.md §3.2)                                             */
/* ------------------------------------------------------------------------ */

#define PARAMS(table) table, ARRAY_LEN(table)

/* Name, title, formula and keys of each kind, for `descent list landscapes`
 * and the legend. */
static const LandscapeInfo kind_infos[] = {
    /* λ₁ and λ₂, as the legend names l1 and l2 (spec_notation.c): "l1 u^2"
     * read as "11 u^2" on screen (issue 12). */
    {"quadratic", N_("Quadratic bowl"),
     N_("0.5 (λ₁ u^2 + λ₂ v^2), u = cos(a) x + sin(a) y, v = -sin(a) x + cos(a) y, "
        "a = angle in degrees"),
     PARAMS(landscape_quadratic_params)},
    {"rosenbrock", N_("Rosenbrock's curved valley"),
     "(a - x)^2 + b (y - x^2)^2", PARAMS(landscape_rosenbrock_params)},
    {"beale", N_("Beale's function"),
     "(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2", NULL, 0},
    {"himmelblau", N_("Himmelblau's four minima"),
     "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", NULL, 0},
    {"rastrigin", N_("Rastrigin's egg crate"),
     "20 + x^2 - 10 cos(2 pi x) + y^2 - 10 cos(2 pi y)", NULL, 0},
    {"ackley", N_("Ackley's function"),
     "-20 exp(-0.2 sqrt(0.5 (x^2 + y^2))) - exp(0.5 (cos 2 pi x + cos 2 pi y)) + e + 20",
     NULL, 0},
    {"booth", N_("Booth's function"),
     "(x + 2y - 7)^2 + (2x + y - 5)^2", NULL, 0},
    {"matyas", N_("Matyas' function"),
     "0.26 (x^2 + y^2) - 0.48 xy", NULL, 0},
    {"three_hump_camel", N_("Three-hump camel"),
     "2x^2 - 1.05x^4 + x^6/6 + xy + y^2", NULL, 0},
    {"styblinski_tang", N_("Styblinski–Tang function"),
     "0.5 (x^4 - 16x^2 + 5x + y^4 - 16y^2 + 5y)", NULL, 0},
    {"saddle", N_("Saddle"),
     "x^2 - y^2", NULL, 0},
    {"monkey_saddle", N_("Monkey saddle"),
     "x^3 - 3xy^2", NULL, 0},
    {"double_well", N_("Two equal wells"),
     "h (x^2 - 1)^2 + c y^2", PARAMS(landscape_double_well_params)},
    {"uv", N_("Product u v fitted to a target"),
     "0.5 (u v - y)^2, (u, v) = (x, y): f = u v fitted to the target y",
     PARAMS(landscape_uv_params)},
    {"parabolic_wells", N_("A sharp well and a flat well"),
     /* Symbols with their key, not the spec's parameter names (cap, mf):
      * escape 4-6 show it to students (review, issue 12). */
     N_("q(x) + c y^2; q = k_s (x - m_s)^2 / 2 in the sharp well (left), h - k_b x^2 / 2 "
        "over the barrier, k_f (x - m_f)^2 / 2 in the flat well (right), smoothly joined; "
        "k: curvature, m: a well's bottom, h: barrier height"),
     PARAMS(landscape_parabolic_wells_params)},
    {"sharp_flat", N_("Sharp and flat valleys"),
     N_("base - sharp_depth G(sharp) - flat_depth G(flat) + bowl (x^2 + y^2), "
        "G(c, w) = exp(-|(x, y) - c|^2 / (2 w^2))"),
     PARAMS(landscape_sharp_flat_params)},
    {"linreg", N_("Linear regression"),
     N_("(1/2N) Σ (x x1_i + y x2_i - t_i)^2"), PARAMS(landscape_linreg_params)},
    {"logreg", N_("Logistic regression"),
     N_("(1/N) Σ log(1 + exp(-t_i (x x1_i + y x2_i))) + (λ/2)(x^2 + y^2)"),
     PARAMS(landscape_logreg_params)},
    {LANDSCAPE_EXPRESSION_KIND, N_("Formula"),
     "a user expression in x and y, e.g. expr:x^2+3*y^2", NULL, 0},
};

/* Behaviour of each kind, index for index with kind_infos. */
static const LandscapeKind *const kind_table[] = {
    &landscape_quadratic,  &landscape_rosenbrock,       &landscape_beale,
    &landscape_himmelblau, &landscape_rastrigin,        &landscape_ackley,
    &landscape_booth,      &landscape_matyas,           &landscape_three_hump_camel,
    &landscape_styblinski_tang, &landscape_saddle,      &landscape_monkey_saddle,
    &landscape_double_well,     &landscape_uv,                &landscape_parabolic_wells,
    &landscape_sharp_flat, &landscape_linreg,           &landscape_logreg,
    &landscape_expr,
};

_Static_assert(ARRAY_LEN(kind_infos) == ARRAY_LEN(kind_table),
               "every landscape kind needs an info row and a behaviour row");

bool view_rect_drawable(ViewRect v)
{
    return v.xmax - v.xmin <= VIEW_SPAN_MAX && v.ymax - v.ymin <= VIEW_SPAN_MAX;
}

bool view_rect_contains(ViewRect v, double x, double y)
{
    return x >= v.xmin && x <= v.xmax && y >= v.ymin && y <= v.ymax;
}

const LandscapeInfo *landscape_kinds(size_t *count)
{
    *count = ARRAY_LEN(kind_infos);
    return kind_infos;
}

/* ------------------------------------------------------------------------ */
/* Creation                                                                  */
/* ------------------------------------------------------------------------ */

static int kind_index(const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(kind_infos); i++)
        if (strcmp(kind_infos[i].name, name) == 0)
            return (int)i;
    return -1;
}

static bool unknown_kind(const char *name, DescentError *err)
{
    char names[400];
    size_t used = 0;
    names[0] = '\0';
    for (size_t i = 0; i < ARRAY_LEN(kind_infos) && used < sizeof names; i++)
        used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "",
                                 kind_infos[i].name);
    return error_set(err, "unknown landscape '%s' (landscapes: %s)", name, names);
}

Landscape *landscape_create(const char *spec_text, DescentError *err)
{
    /* The name decides how the body splits (expr: keeps it whole), so the
     * text is parsed once unsplit to learn the name. */
    Spec spec;
    if (!spec_parse(spec_text, false, &spec, err))
        return NULL;
    int index = kind_index(spec.name);
    if (index < 0) {
        unknown_kind(spec.name, err);
        return NULL;
    }
    const LandscapeInfo *info = &kind_infos[index];
    const LandscapeKind *kind = kind_table[index];
    if (info->nparams > 0 && !spec_parse(spec_text, true, &spec, err))
        return NULL;
    if (info->nparams == 0 && kind != &landscape_expr && spec.body[0] != '\0') {
        error_set(err, "landscape '%s' takes no keys (got '%s')", info->name, spec.body);
        return NULL;
    }

    ParamValue params[16];
    _Static_assert(ARRAY_LEN(landscape_logreg_params) <= ARRAY_LEN(params),
                   "params[] must hold the longest parameter table");
    char what[64];
    snprintf(what, sizeof what, SPEC_WHAT_LANDSCAPE, info->name);
    if (!spec_resolve(&spec, what, info->params, info->nparams, params, err))
        return NULL;

    Landscape *ls = calloc(1, sizeof *ls);
    if (!ls) {
        error_set(err, "out of memory");
        return NULL;
    }
    ls->kind = kind;
    ls->name = info->name;
    ls->view = kind->view;
    ls->start = kind->start;
    for (size_t i = 0; i < kind->nminima; i++)
        ls->minima[ls->nminima++] = kind->minima[i];
    ls->spec = malloc(strlen(spec_text) + 1);
    if (!ls->spec) {
        error_set(err, "out of memory");
        goto fail;
    }
    strcpy(ls->spec, spec_text);
    if (kind->setup && !kind->setup(ls, &spec, params, err))
        goto fail;
    return ls;

fail:
    landscape_destroy(ls);
    return NULL;
}

void landscape_destroy(Landscape *landscape)
{
    if (!landscape)
        return;
    if (landscape->kind == &landscape_logreg) {
        free(landscape->u.logreg.za);
        free(landscape->u.logreg.zb);
    }
    expr_free(landscape->expr);
    dataset_free(&landscape->data);
    free(landscape->spec);
    free(landscape);
}

/* ------------------------------------------------------------------------ */
/* Dispatch                                                                  */
/* ------------------------------------------------------------------------ */

const char *landscape_spec(const Landscape *landscape)
{
    return landscape->spec;
}

const char *landscape_name(const Landscape *landscape)
{
    return landscape->name;
}

const char *landscape_expression(const Landscape *landscape)
{
    /* landscape_create parsed the name before the colon. */
    return landscape->kind == &landscape_expr ? strchr(landscape->spec, ':') + 1 : NULL;
}

double landscape_value(const Landscape *landscape, double x, double y)
{
    return landscape->kind->value(landscape, x, y);
}

double landscape_value_grad(const Landscape *landscape, double x, double y, double grad[2])
{
    if (landscape->kind->value_grad)
        return landscape->kind->value_grad(landscape, x, y, grad);
    LandscapeEval e;
    landscape->kind->eval(landscape, x, y, &e);
    grad[0] = e.grad[0];
    grad[1] = e.grad[1];
    return e.value;
}

void landscape_eval(const Landscape *landscape, double x, double y, LandscapeEval *dest)
{
    landscape->kind->eval(landscape, x, y, dest);
}

LandscapeGrad landscape_grad_form(const Landscape *landscape)
{
    const LandscapeKind *kind = landscape->kind;
    if (kind == &landscape_quadratic)
        return (LandscapeGrad){LANDSCAPE_GRAD_QUADRATIC,
                               {landscape->u.quadratic.hxx, landscape->u.quadratic.hxy,
                                landscape->u.quadratic.hyy}};
    if (kind == &landscape_rosenbrock)
        return (LandscapeGrad){LANDSCAPE_GRAD_ROSENBROCK,
                               {landscape->u.rosenbrock.a, landscape->u.rosenbrock.b, 0.0}};
    if (kind == &landscape_double_well)
        return (LandscapeGrad){LANDSCAPE_GRAD_DOUBLE_WELL,
                               {landscape->u.double_well.h, landscape->u.double_well.c, 0.0}};
    return (LandscapeGrad){LANDSCAPE_GRAD_CALL, {0.0, 0.0, 0.0}};
}

size_t landscape_sample_count(const Landscape *landscape)
{
    return landscape->data.n;
}

double landscape_batch_grad(const Landscape *landscape, double x, double y,
                            const uint32_t *idx, size_t n, double grad[2])
{
    return landscape->kind->batch_grad(landscape, x, y, idx, n, grad);
}

size_t landscape_label_count(const Landscape *landscape)
{
    if (!landscape->kind->output_grad)
        return 0;
    return landscape->data.n > 0 ? landscape->data.n : 1; /* uv: one example */
}

void landscape_output_grad(const Landscape *landscape, double x, double y, size_t label,
                           double grad[2])
{
    landscape->kind->output_grad(landscape, x, y, label, grad);
}

const Dataset *landscape_dataset(const Landscape *landscape)
{
    return landscape->data.n > 0 ? &landscape->data : NULL;
}

ViewRect landscape_default_view(const Landscape *landscape)
{
    return landscape->view;
}

LandscapePoint landscape_default_start(const Landscape *landscape)
{
    return landscape->start;
}

bool landscape_prefers_log(const Landscape *landscape)
{
    return landscape->kind->prefers_log;
}

size_t landscape_minima(const Landscape *landscape, LandscapePoint *dest, size_t max)
{
    size_t n = landscape->nminima < max ? landscape->nminima : max;
    memcpy(dest, landscape->minima, n * sizeof *dest);
    return n;
}

double landscape_least_minimum(const Landscape *landscape, ViewRect rect)
{
    double least = (double)INFINITY;
    for (size_t k = 0; k < landscape->nminima; k++) {
        LandscapePoint m = landscape->minima[k];
        double v = landscape_value(landscape, m.x, m.y);
        if (view_rect_contains(rect, m.x, m.y) && isfinite(v))
            least = fmin(least, v);
    }
    return least;
}

/* ------------------------------------------------------------------------ */
/* expr: a user expression (expr.c does the work)                            */
/* ------------------------------------------------------------------------ */

static bool expr_setup(Landscape *ls, const Spec *spec, const ParamValue *params,
                       DescentError *err)
{
    (void)params;
    ls->expr = expr_parse(spec->body, err);
    return ls->expr != NULL;
}

static double expr_kind_value(const Landscape *ls, double x, double y)
{
    return expr_value(ls->expr, x, y);
}

static double expr_kind_value_grad(const Landscape *ls, double x, double y, double grad[2])
{
    return expr_value_grad(ls->expr, x, y, grad);
}

static void expr_kind_eval(const Landscape *ls, double x, double y, LandscapeEval *dest)
{
    expr_eval(ls->expr, x, y, dest);
}

const LandscapeKind landscape_expr = {
    .setup = expr_setup,
    .value = expr_kind_value,
    .value_grad = expr_kind_value_grad,
    .eval = expr_kind_eval,
    .view = {-3.0, 3.0, -3.0, 3.0},
    .start = {-2.0, 1.5},
};

/* ------------------------------------------------------------------------ */
/* Minima without closed forms                                               */
/* ------------------------------------------------------------------------ */

/* Newton's method from *p; true when it lands on a strict local minimum. */
static bool newton_to_minimum(const Landscape *ls, LandscapePoint *p)
{
    LandscapeEval e;
    double x = p->x, y = p->y;
    for (int iter = 0; iter < 100; iter++) {
        landscape_eval(ls, x, y, &e);
        double det = e.hess[0] * e.hess[2] - e.hess[1] * e.hess[1];
        if (!(e.hess[0] > 0.0 && det > 0.0))
            return false; /* not in a convex basin: Newton would head for a saddle */
        double dx = (e.hess[2] * e.grad[0] - e.hess[1] * e.grad[1]) / det;
        double dy = (e.hess[0] * e.grad[1] - e.hess[1] * e.grad[0]) / det;
        x -= dx;
        y -= dy;
        /* Quadratic convergence: a step of 1e-10 leaves an error near
         * 1e-20, far below rounding, so the point is as exact as doubles
         * allow. */
        if (fabs(dx) <= 1e-10 * (1.0 + fabs(x)) && fabs(dy) <= 1e-10 * (1.0 + fabs(y))) {
            landscape_eval(ls, x, y, &e);
            det = e.hess[0] * e.hess[2] - e.hess[1] * e.hess[1];
            if (!(e.hess[0] > 0.0 && det > 0.0))
                return false;
            *p = (LandscapePoint){x, y};
            return true;
        }
    }
    return false;
}

void landscape_polish_minima(Landscape *ls, const LandscapePoint *guesses, size_t n)
{
    for (size_t i = 0; i < n && ls->nminima < LANDSCAPE_MAX_MINIMA; i++) {
        LandscapePoint p = guesses[i];
        if (!newton_to_minimum(ls, &p))
            continue;
        bool seen = false;
        for (size_t k = 0; k < ls->nminima; k++)
            seen |= hypot(ls->minima[k].x - p.x, ls->minima[k].y - p.y) <= 1e-9 * (1.0 + hypot(p.x, p.y));
        if (seen)
            continue;
        /* Insertion by value keeps the global minimum first. */
        double v = landscape_value(ls, p.x, p.y);
        size_t k = ls->nminima++;
        while (k > 0 && landscape_value(ls, ls->minima[k - 1].x, ls->minima[k - 1].y) > v) {
            ls->minima[k] = ls->minima[k - 1];
            k--;
        }
        ls->minima[k] = p;
    }
}
