/*
 * landscape.h — loss landscapes L(x, y) of two parameters.
 *
 * Every landscape (docs/CLI.md §3.2) gives its value, gradient and Hessian exactly
 * (closed forms; expr: by forward-mode dual numbers; data landscapes by
 * exact sums), a default view rectangle, a default start and its known
 * minima.  Created from a spec string such as "quadratic:l1=1,l2=50" or
 * "expr:x^2+3*y^2"; the spec's keys, defaults and ranges live in each kind's
 * parameter table (spec.h), which `descent list landscapes` prints.
 *
 * A Landscape is immutable after creation, so every eval function may be
 * called from many threads at once.  The caller owns it (landscape_destroy).
 */
#ifndef DESCENT_CORE_LANDSCAPE_H
#define DESCENT_CORE_LANDSCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dataset.h"
#include "error.h"
#include "eval.h"
#include "spec.h"

typedef struct ViewRect {
    double xmin, xmax, ymin, ymax;
} ViewRect;

/* The widest or tallest view anyone may ask for (the scene, a lesson): the
 * renderer widens a view to its frame's aspect (up to 16384:1) and takes
 * differences of its edges, which must stay finite doubles. */
#define VIEW_SPAN_MAX 1e300

/* Whether v is at most VIEW_SPAN_MAX wide and tall. */
bool view_rect_drawable(ViewRect v);
/* Whether (x, y) lies in v, its edges included (false for NaN). */
bool view_rect_contains(ViewRect v, double x, double y);

typedef struct LandscapePoint {
    double x, y;
} LandscapePoint;

#define LANDSCAPE_MAX_MINIMA 16

typedef struct Landscape Landscape;

/* One entry per kind, for `descent list landscapes` and help. */
typedef struct LandscapeInfo {
    const char *name;      /* the spec's name, what the command line takes */
    const char *title;     /* what the screen calls it (a msgid, core/msgid.h):
                              "Rosenbrock's curved valley", never the name */
    const char *formula;   /* one line, e.g. "(a - x)^2 + b(y - x^2)^2" */
    const ParamDef *params;
    size_t nparams;
} LandscapeInfo;

/* All kinds, in the order `descent list landscapes` prints them; *count
 * receives their number. */
const LandscapeInfo *landscape_kinds(size_t *count);

/* Builds a landscape from a spec string.  Errors name the bad part:
 * unknown landscape (listing the known ones), unknown key, bad value,
 * expression syntax error with its column, unreadable data file with its
 * line.  Returns NULL on error. */
Landscape *landscape_create(const char *spec, DescentError *err);
void landscape_destroy(Landscape *landscape);

/* The spec string it was created from, as given. */
const char *landscape_spec(const Landscape *landscape);
/* The kind's name ("rosenbrock", "expr", ...). */
const char *landscape_name(const Landscape *landscape);

/* The name of the kind whose body is the user's own expression in x and y,
 * spelled before the colon: "expr:x^2+3*y^2". */
#define LANDSCAPE_EXPRESSION_KIND "expr"

/* The user's own expression ("x^2+3*y^2" of "expr:x^2+3*y^2"), pointing
 * into landscape_spec's text; NULL for every other kind. */
const char *landscape_expression(const Landscape *landscape);

/* L(x, y) alone: the fastest call, used for grids. */
double landscape_value(const Landscape *landscape, double x, double y);
/* L and its gradient: what first-order optimizers need. dest[2] = grad. */
double landscape_value_grad(const Landscape *landscape, double x, double y, double grad[2]);
/* Value, gradient and Hessian. */
void landscape_eval(const Landscape *landscape, double x, double y, LandscapeEval *dest);

/* The kinds whose gradient is a short closed form that a caller stepping
 * many points at once inlines (the swarm's lanes, swarm.c), so that the
 * compiler vectorises it across the points, where a call through the kind's
 * pointer for each point cannot be.  The formulas are the functions below;
 * the kinds' own evaluations (landscape_classic.c) call them, so an inlined
 * gradient has the same bits.  Every other kind is LANDSCAPE_GRAD_CALL:
 * landscape_value_grad. */
typedef enum LandscapeGradForm {
    LANDSCAPE_GRAD_CALL,
    LANDSCAPE_GRAD_QUADRATIC,   /* c: hxx, hxy, hyy */
    LANDSCAPE_GRAD_ROSENBROCK,  /* c: a, b */
    LANDSCAPE_GRAD_DOUBLE_WELL, /* c: h, c */
} LandscapeGradForm;

typedef struct LandscapeGrad {
    LandscapeGradForm form;
    double c[3];
} LandscapeGrad;

LandscapeGrad landscape_grad_form(const Landscape *landscape);

/* ½ θᵀ H θ's gradient H θ. */
static inline void landscape_quadratic_grad(double hxx, double hxy, double hyy, double x,
                                            double y, double grad[2])
{
    grad[0] = hxx * x + hxy * y;
    grad[1] = hxy * x + hyy * y;
}

/* (a − x)² + b (y − x²)². */
static inline void landscape_rosenbrock_grad(double a, double b, double x, double y,
                                             double grad[2])
{
    double u = a - x, v = y - x * x;
    grad[0] = -2.0 * u - 4.0 * b * x * v;
    grad[1] = 2.0 * b * v;
}

/* h (x² − 1)² + c y². */
static inline void landscape_double_well_grad(double h, double c, double x, double y,
                                              double grad[2])
{
    double s = x * x - 1.0;
    grad[0] = 4.0 * h * x * s;
    grad[1] = 2.0 * c * y;
}

/* Data landscapes: the number of samples N (0 for analytic landscapes). */
size_t landscape_sample_count(const Landscape *landscape);
/* Data landscapes: gradient of the loss averaged over the samples idx[0..n-1]
 * (plus the landscape's own regulariser, for logreg l2), into grad[2].
 * Returns that minibatch loss.  Must not be called on analytic landscapes. */
double landscape_batch_grad(const Landscape *landscape, double x, double y,
                            const uint32_t *idx, size_t n, double grad[2]);
/* Landscapes that fit labels by squared loss, ½ (f_i(θ) − y_i)² averaged
 * over their examples (uv: its one example, f = u v; linreg: its N
 * samples, f_i = θ·x_i): how many labels, 0 for every other landscape.
 * Label noise (optimizer.h's label_noise) needs them. */
size_t landscape_label_count(const Landscape *landscape);
/* The gradient ∇θ f_i of the fitted output for label i (< the count) at
 * (x, y): a label moved by s moves example i's loss gradient by −s ∇θ f_i
 * (uv: (v, u); linreg: x_i). */
void landscape_output_grad(const Landscape *landscape, double x, double y, size_t label,
                           double grad[2]);
/* Data landscapes: the dataset (borrowed; lives as long as the landscape),
 * NULL for analytic ones. */
const Dataset *landscape_dataset(const Landscape *landscape);

/* A view rectangle that shows the interesting part. */
ViewRect landscape_default_view(const Landscape *landscape);
/* A start that makes a good first demonstration. */
LandscapePoint landscape_default_start(const Landscape *landscape);
/* True when values span many orders of magnitude (colour on a log scale). */
bool landscape_prefers_log(const Landscape *landscape);
/* Known local minima (global first where known), at most max of them;
 * returns how many were written.  expr: none.  linreg: the minimum-norm
 * minimiser.  logreg: the minimiser when l2 > 0, none on separable data
 * without l2 (the infimum lies at infinity). */
size_t landscape_minima(const Landscape *landscape, LandscapePoint *dest, size_t max);
/* The least finite value at a known minimum (landscape_minima) inside
 * rect; +infinity where none lies in it. */
double landscape_least_minimum(const Landscape *landscape, ViewRect rect);

/* linreg whose inputs span one direction (n = 1, or collinear inputs): the
 * minimisers form a line.  Writes its minimum-norm point (the
 * pseudo-inverse solution, where GD from 0 lands) and its unit direction,
 * and returns true; false for every other landscape. */
bool landscape_minimum_line(const Landscape *landscape, LandscapePoint *point, double dir[2]);
/* logreg on data that a line through the origin separates with a positive
 * margin: the unit direction u maximising min_i y_i u·x_i (the hard-margin
 * SVM's, where GD's w/|w| turns as |w| grows without bound), and true.
 * Depends on the data only (l2 aside); false for every other landscape. */
bool landscape_max_margin_direction(const Landscape *landscape, double dir[2]);

#endif
