/*
 * test_lesson_claims.c — every claim a shipped lesson makes, checked on the
 * numeric core with the lesson's own parameters.
 *
 * Each test loads the lesson file itself and takes its landscape, start and
 * optimizer specs from the step that makes the claim, so a lesson edited
 * into saying something false fails here.  Reference values (minima,
 * 2/λmax, the min-norm point) are computed here independently of the
 * lesson; the max-margin direction comes from the core, which
 * test_data_overlays checks against a brute-force search.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "core/landscape.h"
#include "core/linalg2.h"
#include "core/optimizer.h"
#include "core/run.h"
#include "core/swarm.h"
#include "lesson/lesson.h"

#define LESSON_DIR DESCENT_SOURCE_DIR "/lessons"
#define PI 3.14159265358979323846

static const char *const shipped[] = {
    "adaptive", "gradient_flow", "implicit_regularization", "learning_rate", "momentum",
    "saddle", "schedules", "sgd_noise", "sharp_flat", "welcome",
};
#define SHIPPED_COUNT (sizeof shipped / sizeof shipped[0])

/* ------------------------------------------------------------- helpers */

/* |actual - expected| <= tolerance, naming both numbers when it fails. */
#define assert_near(actual, expected, tolerance) \
    check_near((actual), (expected), (tolerance), #actual, __LINE__)

static void check_near(double actual, double expected, double tolerance, const char *what,
                       int line)
{
    if (!(fabs(actual - expected) <= tolerance))
        fail_msg("line %d: %s = %.17g, expected %.17g within %g", line, what, actual, expected,
                 tolerance);
}

static Lesson load_lesson(const char *name, const char *lang)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.lua", LESSON_DIR, name);
    Lesson lesson;
    DescentError err = { "" };
    if (!lesson_load(path, lang, NULL, &lesson, &err))
        fail_msg("%s", err.message);
    return lesson;
}

static const LessonStep *step_at(const Lesson *lesson, size_t i)
{
    assert_true(i < lesson->step_count);
    return &lesson->steps[i];
}

static Landscape *make_landscape(const char *spec)
{
    DescentError err = { "" };
    Landscape *landscape = landscape_create(spec, &err);
    if (!landscape)
        fail_msg("%s: %s", spec, err.message);
    return landscape;
}

static OptimizerDesc parse(const Landscape *landscape, const char *spec)
{
    OptimizerDesc desc;
    DescentError err = { "" };
    if (!optimizer_parse(spec, landscape, &desc, &err))
        fail_msg("%s: %s", spec, err.message);
    return desc;
}

/* Where a run of the step starts: its own x0/y0, else the step's start,
 * else the landscape's (the rule the scene follows). */
static LandscapePoint start_of(const LessonStep *step, const OptimizerDesc *desc,
                               const Landscape *landscape)
{
    if (desc->has_start)
        return (LandscapePoint){ desc->x0, desc->y0 };
    if (step->has_start)
        return step->start;
    return landscape_default_start(landscape);
}

/* A walker: one optimizer from one start with one seed. */
typedef struct Walker {
    OptimizerDesc desc;
    OptimizerState state;
    const Landscape *landscape;
    bool diverged;
} Walker;

static Walker walker_from(const Landscape *landscape, const OptimizerDesc *desc,
                          LandscapePoint start, uint64_t seed)
{
    Walker w = { .desc = *desc, .landscape = landscape };
    optimizer_init(desc, start.x, start.y, seed, &w.state);
    return w;
}

static Walker walker(const LessonStep *step, const Landscape *landscape, const char *spec)
{
    OptimizerDesc desc = parse(landscape, spec);
    return walker_from(landscape, &desc, start_of(step, &desc, landscape), desc.seed);
}

static void advance(Walker *w, long steps)
{
    for (long k = 0; k < steps && !w->diverged; k++)
        w->diverged = optimizer_step(&w->desc, w->landscape, &w->state) != STEP_OK;
}

static double distance(double x, double y, LandscapePoint p)
{
    return hypot(x - p.x, y - p.y);
}

static double loss_at(const Walker *w)
{
    return landscape_value(w->landscape, w->state.x, w->state.y);
}

static double lambda_max(const Landscape *landscape, LandscapePoint p)
{
    LandscapeEval e;
    landscape_eval(landscape, p.x, p.y, &e);
    double eig[2];
    sym2_eigenvalues(e.hess[0], e.hess[1], e.hess[2], eig);
    return eig[1];
}

static double lambda_min(const Landscape *landscape, LandscapePoint p)
{
    LandscapeEval e;
    landscape_eval(landscape, p.x, p.y, &e);
    double eig[2];
    sym2_eigenvalues(e.hess[0], e.hess[1], e.hess[2], eig);
    return eig[0];
}

/* Index of the known minimum that plain GD (small lr, many steps) reaches
 * from (x, y); -1 when it reaches none of them. */
static int basin_of(const Landscape *landscape, double x, double y, double lr)
{
    LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
    size_t count = landscape_minima(landscape, minima, LANDSCAPE_MAX_MINIMA);
    OptimizerDesc desc = parse(landscape, "gd");
    desc.lr = lr;
    Walker w = walker_from(landscape, &desc, (LandscapePoint){ x, y }, 0);
    advance(&w, 40000);
    for (size_t i = 0; i < count; i++)
        if (distance(w.state.x, w.state.y, minima[i]) < 1e-4)
            return (int)i;
    return -1;
}

static LandscapePoint minimum(const Landscape *landscape, size_t i)
{
    LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
    size_t count = landscape_minima(landscape, minima, LANDSCAPE_MAX_MINIMA);
    assert_true(i < count);
    return minima[i];
}

/* Root-mean-square distance of a swarm's particles from p. */
static double swarm_spread(const Swarm *swarm, LandscapePoint p)
{
    double sum = 0;
    size_t n = swarm_count(swarm);
    for (size_t i = 0; i < n; i++) {
        const OptimizerState *s = swarm_particle(swarm, i);
        sum += (s->x - p.x) * (s->x - p.x) + (s->y - p.y) * (s->y - p.y);
    }
    return sqrt(sum / (double)n);
}

static Swarm *swarm_of(const LessonStep *step, const Landscape *landscape, const char *spec)
{
    OptimizerDesc desc = parse(landscape, spec);
    LandscapePoint start = start_of(step, &desc, landscape);
    assert_true(step->particles > 0);
    DescentError err = { "" };
    Swarm *swarm = swarm_create(landscape, &desc, start.x, start.y, step->particles, &err);
    if (!swarm)
        fail_msg("%s", err.message);
    swarm_advance(swarm, (size_t)step->play, 2);
    return swarm;
}

/* Steps until the walker first comes within tol of p (limit if never). */
static long steps_to_reach(Walker w, LandscapePoint p, double tol, long limit)
{
    for (long k = 0; k < limit; k++) {
        if (distance(w.state.x, w.state.y, p) < tol)
            return k;
        advance(&w, 1);
    }
    return limit;
}

/* ------------------------------------- every lesson loads and plays */

static void test_every_lesson_loads_and_plays(void **state)
{
    (void)state;
    /* The folder holds exactly the lessons this file checks. */
    DIR *dir = opendir(LESSON_DIR);
    assert_non_null(dir);
    size_t files = 0;
    for (struct dirent *entry; (entry = readdir(dir));) {
        size_t len = strlen(entry->d_name);
        if (len > 4 && strcmp(entry->d_name + len - 4, ".lua") == 0) {
            bool known = false;
            for (size_t i = 0; i < SHIPPED_COUNT; i++)
                known = known || (strncmp(entry->d_name, shipped[i], len - 4) == 0 &&
                                  strlen(shipped[i]) == len - 4);
            if (!known)
                fail_msg("lessons/%s has no claim tests here", entry->d_name);
            files++;
        }
    }
    closedir(dir);
    assert_int_equal(files, SHIPPED_COUNT);

    for (size_t i = 0; i < SHIPPED_COUNT; i++) {
        Lesson en = load_lesson(shipped[i], "en");
        Lesson zh = load_lesson(shipped[i], "zh");
        assert_int_equal(zh.fallbacks, 0); /* every text has its Chinese */
        assert_int_equal(en.step_count, zh.step_count);
        assert_string_not_equal(en.title, zh.title);
        for (size_t s = 0; s < en.step_count; s++) {
            const LessonStep *step = &en.steps[s];
            assert_true(strlen(step->caption) > 0);
            assert_string_not_equal(step->caption, zh.steps[s].caption);
            Landscape *landscape = make_landscape(step->landscape);
            ViewRect view = step->has_view ? step->view : landscape_default_view(landscape);
            for (size_t m = 0; m < step->mark_count; m++) {
                const LessonMark *mark = &step->marks[m];
                assert_true(mark->x >= view.xmin && mark->x <= view.xmax);
                assert_true(mark->y >= view.ymin && mark->y <= view.ymax);
            }
            /* Play the step headless: every run, and the swarm.  Each run
             * starts inside the view. */
            long play = step->play > 0 ? step->play : 50;
            for (size_t r = 0; r < step->runs.count; r++) {
                OptimizerDesc desc = parse(landscape, step->runs.specs[r]);
                LandscapePoint start = start_of(step, &desc, landscape);
                assert_true(start.x >= view.xmin && start.x <= view.xmax);
                assert_true(start.y >= view.ymin && start.y <= view.ymax);
                Run run;
                DescentError err = { "" };
                assert_true(run_init(&run, landscape, &desc, start.x, start.y, &err));
                run_advance(&run, (size_t)play);
                assert_true(run_steps(&run) >= 1);
                run_free(&run);
            }
            if (step->particles > 0) {
                const char *noisy = NULL;
                for (size_t r = 0; r < step->runs.count; r++) {
                    OptimizerDesc desc = parse(landscape, step->runs.specs[r]);
                    if (optimizer_is_noisy(&desc))
                        noisy = step->runs.specs[r];
                }
                assert_non_null(noisy);
                swarm_destroy(swarm_of(step, landscape, noisy));
            }
            for (size_t k = 0; k < step->key_count; k++) {
                const LessonKey *key = &step->keys[k];
                for (size_t c = 0; c < key->count; c++) {
                    if (key->target == LESSON_KEY_LANDSCAPE) {
                        landscape_destroy(make_landscape(key->landscapes[c]));
                        continue;
                    }
                    for (size_t r = 0; r < key->runs[c].count; r++)
                        parse(landscape, key->runs[c].specs[r]);
                }
            }
            landscape_destroy(landscape);
        }
        lesson_free(&en);
        lesson_free(&zh);
    }
}

/* ------------------------------------------------------------ welcome */

static void test_welcome(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("welcome", "en");
    /* Step 2: GD walks downhill every step and reaches the lowest point. */
    const LessonStep *walk = step_at(&lesson, 1);
    Landscape *bowl = make_landscape(walk->landscape);
    Walker w = walker(walk, bowl, walk->runs.specs[0]);
    double before = loss_at(&w);
    for (long k = 0; k < walk->play; k++) {
        advance(&w, 1);
        assert_true(loss_at(&w) < before);
        before = loss_at(&w);
    }
    assert_true(distance(w.state.x, w.state.y, minimum(bowl, 0)) < 0.01);
    const LessonStep *intro = step_at(&lesson, 0);
    assert_true(distance(intro->marks[0].x, intro->marks[0].y, minimum(bowl, 0)) < 1e-12);
    landscape_destroy(bowl);

    /* Step 4: four starts, four different minima. */
    const LessonStep *four = step_at(&lesson, 3);
    Landscape *valleys = make_landscape(four->landscape);
    assert_int_equal(four->runs.count, 4);
    int reached[4];
    for (size_t r = 0; r < 4; r++) {
        Walker v = walker(four, valleys, four->runs.specs[r]);
        advance(&v, four->play);
        reached[r] = -1;
        for (int m = 0; m < 4; m++)
            if (distance(v.state.x, v.state.y, minimum(valleys, (size_t)m)) < 1e-3)
                reached[r] = m;
        assert_true(reached[r] >= 0);
        for (size_t q = 0; q < r; q++)
            assert_int_not_equal(reached[q], reached[r]);
    }
    landscape_destroy(valleys);
    lesson_free(&lesson);
}

/* ------------------------------------------------------ learning rate */

static void test_learning_rate(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("learning_rate", "en");
    Landscape *landscape = make_landscape(step_at(&lesson, 0)->landscape);
    LandscapePoint bottom = minimum(landscape, 0);
    double threshold = 2.0 / lambda_max(landscape, bottom);
    assert_near(lambda_max(landscape, bottom), 10.0, 1e-12); /* "λmax = 10" */
    assert_near(threshold, 0.2, 1e-12);                      /* "2/λmax = 0.2" */
    assert_true(distance(step_at(&lesson, 0)->marks[0].x, step_at(&lesson, 0)->marks[0].y,
                         bottom) < 1e-12);

    /* Too small: still far from the bottom after the steps shown. */
    const LessonStep *small = step_at(&lesson, 1);
    Walker w = walker(small, landscape, small->runs.specs[0]);
    advance(&w, small->play);
    assert_true(w.desc.lr < threshold);
    assert_true(distance(w.state.x, w.state.y, bottom) > 1.0);

    /* About right: steep direction settled in one step, gentle one shrinks
     * by 10% per step, at the bottom in under 100 steps. */
    const LessonStep *right = step_at(&lesson, 2);
    w = walker(right, landscape, right->runs.specs[0]);
    double x0 = w.state.x;
    advance(&w, 1);
    assert_near(w.state.y, 0.0, 1e-12);
    assert_near(w.state.x, 0.9 * x0, 1e-12);
    advance(&w, 99);
    assert_true(distance(w.state.x, w.state.y, bottom) < 1e-3);

    /* Too large: zig-zags (y changes sign every step) yet converges. */
    const LessonStep *large = step_at(&lesson, 3);
    w = walker(large, landscape, large->runs.specs[0]);
    assert_true(w.desc.lr < threshold && w.desc.lr > 0.9 * threshold);
    for (int k = 0; k < 30; k++) {
        double y = w.state.y;
        advance(&w, 1);
        assert_true(y * w.state.y < 0);
    }
    advance(&w, large->play - 30);
    assert_true(distance(w.state.x, w.state.y, bottom) < 1e-3);

    /* Diverging: each zig-zag wider than the last; the loss explodes. */
    const LessonStep *diverge = step_at(&lesson, 4);
    w = walker(diverge, landscape, diverge->runs.specs[0]);
    assert_true(w.desc.lr > threshold);
    double start_loss = loss_at(&w);
    for (int k = 0; k < 30; k++) {
        double y = fabs(w.state.y);
        advance(&w, 1);
        assert_true(fabs(w.state.y) > y);
    }
    advance(&w, diverge->play - 30);
    assert_true(w.diverged || loss_at(&w) > 1e6 * start_loss);

    /* The line: key w's two rates sit either side of 2/λmax and behave so. */
    const LessonStep *line = step_at(&lesson, 5);
    assert_int_equal(line->key_count, 1);
    const LessonKey *key = &line->keys[0];
    assert_int_equal(key->count, 2);
    Walker below = walker(line, landscape, key->runs[0].specs[0]);
    Walker above = walker(line, landscape, key->runs[1].specs[0]);
    assert_true(below.desc.lr < threshold && above.desc.lr > threshold);
    advance(&below, 20000);
    advance(&above, 20000);
    assert_true(distance(below.state.x, below.state.y, bottom) < 1e-6);
    assert_true(above.diverged || loss_at(&above) > 1e6 * start_loss);
    landscape_destroy(landscape);
    lesson_free(&lesson);
}

/* ------------------------------------------------------ gradient flow */

/* The largest distance between GD's step k and the flow's (time k·lr). */
static double gd_flow_gap(const LessonStep *step, const Landscape *landscape,
                          const char *gd_spec, const char *flow_spec)
{
    Walker gd = walker(step, landscape, gd_spec);
    Walker flow = walker(step, landscape, flow_spec);
    assert_int_equal(gd.desc.kind, OPT_GD);
    assert_int_equal(flow.desc.kind, OPT_FLOW);
    assert_near(gd.desc.lr, flow.desc.lr, 0);
    double gap = 0;
    for (long k = 0; k < step->play; k++) {
        advance(&gd, 1);
        advance(&flow, 1);
        gap = fmax(gap, hypot(gd.state.x - flow.state.x, gd.state.y - flow.state.y));
    }
    return gap;
}

static void test_gradient_flow(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("gradient_flow", "en");
    double gaps[3];
    for (size_t s = 0; s < 3; s++) {
        const LessonStep *step = step_at(&lesson, s);
        Landscape *landscape = make_landscape(step->landscape);
        gaps[s] = gd_flow_gap(step, landscape, step->runs.specs[0], step->runs.specs[1]);
        print_message("gradient_flow step %zu: largest GD-flow gap %.4f\n", s + 1, gaps[s]);
        landscape_destroy(landscape);
    }
    /* Measured against the width of the view the student sees. */
    Landscape *shown = make_landscape(step_at(&lesson, 0)->landscape);
    ViewRect view = landscape_default_view(shown);
    double width = view.xmax - view.xmin;
    landscape_destroy(shown);
    assert_true(gaps[0] < 0.01 * width);  /* "on top of each other" */
    assert_true(gaps[1] > 3 * gaps[0]);   /* "a little behind" */
    assert_true(gaps[1] < 0.05 * width);
    assert_true(gaps[2] > 0.2 * width);   /* "the two part" */
    /* η = 0.2 is below 2/λmax: GD jumps from wall to wall (its coordinate
     * across the valley changes sign every step) but does not diverge. */
    const LessonStep *apart = step_at(&lesson, 2);
    Landscape *landscape = make_landscape(apart->landscape);
    Walker gd = walker(apart, landscape, apart->runs.specs[0]);
    assert_true(gd.desc.lr < 2.0 / lambda_max(landscape, minimum(landscape, 0)));
    const double angle = 30 * PI / 180; /* the landscape's angle=30 */
    assert_non_null(strstr(apart->landscape, "angle=30"));
    for (long k = 0; k < 10; k++) {
        double across = -sin(angle) * gd.state.x + cos(angle) * gd.state.y;
        advance(&gd, 1);
        assert_true(across * (-sin(angle) * gd.state.x + cos(angle) * gd.state.y) < 0);
    }
    advance(&gd, apart->play);
    assert_true(distance(gd.state.x, gd.state.y, minimum(landscape, 0)) < 1e-3);
    landscape_destroy(landscape);
    /* Key e replays exactly the three pairs. */
    const LessonKey *key = &step_at(&lesson, 3)->keys[0];
    assert_int_equal(key->count, 3);
    for (size_t c = 0; c < 3; c++)
        for (size_t r = 0; r < 2; r++)
            assert_string_equal(key->runs[c].specs[r], step_at(&lesson, c)->runs.specs[r]);
    lesson_free(&lesson);
}

/* ---------------------------------------------------------- SGD noise */

static void test_sgd_noise(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("sgd_noise", "en");
    /* Noise 2 vs noise 1: the settled cloud is twice as wide; and it has
     * stopped shrinking (same width at half the steps). */
    const LessonStep *loud = step_at(&lesson, 1), *quiet = step_at(&lesson, 2);
    Landscape *bowl = make_landscape(loud->landscape);
    LandscapePoint bottom = minimum(bowl, 0);
    OptimizerDesc loud_desc = parse(bowl, loud->runs.specs[0]);
    OptimizerDesc quiet_desc = parse(bowl, quiet->runs.specs[0]);
    assert_near(loud_desc.noise, 2 * quiet_desc.noise, 0);
    Swarm *loud_swarm = swarm_of(loud, bowl, loud->runs.specs[0]);
    Swarm *quiet_swarm = swarm_of(quiet, bowl, quiet->runs.specs[0]);
    double loud_spread = swarm_spread(loud_swarm, bottom);
    double ratio = loud_spread / swarm_spread(quiet_swarm, bottom);
    print_message("sgd_noise: spread ratio noise 2 / noise 1 = %.3f\n", ratio);
    assert_true(ratio > 1.7 && ratio < 2.3);
    swarm_restart(loud_swarm, loud->start.x, loud->start.y);
    swarm_advance(loud_swarm, (size_t)loud->play / 2, 2);
    double half = swarm_spread(loud_swarm, bottom);
    assert_true(fabs(half - loud_spread) < 0.2 * loud_spread);
    swarm_destroy(loud_swarm);
    swarm_destroy(quiet_swarm);
    landscape_destroy(bowl);

    /* Batch 2 vs batch 50 on the regression: a much wider cloud. */
    const LessonStep *small = step_at(&lesson, 3), *big = step_at(&lesson, 4);
    Landscape *regression = make_landscape(small->landscape);
    assert_int_equal(landscape_sample_count(regression), 200);
    LandscapePoint fit = minimum(regression, 0);
    Swarm *small_swarm = swarm_of(small, regression, small->runs.specs[0]);
    Swarm *big_swarm = swarm_of(big, regression, big->runs.specs[0]);
    double batch_ratio = swarm_spread(small_swarm, fit) / swarm_spread(big_swarm, fit);
    print_message("sgd_noise: spread ratio batch 2 / batch 50 = %.3f\n", batch_ratio);
    assert_true(batch_ratio > 3);
    assert_int_equal(parse(regression, small->runs.specs[0]).batch, 2);
    assert_int_equal(parse(regression, big->runs.specs[0]).batch, 50);
    swarm_destroy(small_swarm);
    swarm_destroy(big_swarm);
    landscape_destroy(regression);
    lesson_free(&lesson);
}

/* ------------------------------------------------------ sharp and flat */

typedef struct Wells {
    Landscape *landscape;
    LandscapePoint sharp, flat;
    int sharp_index, flat_index;
    double sharp_lambda, flat_lambda;
} Wells;

static Wells wells_of(const char *spec)
{
    Wells w = { .landscape = make_landscape(spec) };
    LandscapePoint m[LANDSCAPE_MAX_MINIMA];
    assert_int_equal(landscape_minima(w.landscape, m, LANDSCAPE_MAX_MINIMA), 2);
    double l0 = lambda_max(w.landscape, m[0]), l1 = lambda_max(w.landscape, m[1]);
    w.sharp_index = l0 > l1 ? 0 : 1;
    w.flat_index = 1 - w.sharp_index;
    w.sharp = m[w.sharp_index];
    w.flat = m[w.flat_index];
    w.sharp_lambda = fmax(l0, l1);
    w.flat_lambda = fmin(l0, l1);
    return w;
}

/* Share of the step's swarm that ends in the flat minimum's basin. */
static double flat_share(const LessonStep *step, const Wells *w, double lr_settle)
{
    Swarm *swarm = swarm_of(step, w->landscape, step->runs.specs[0]);
    size_t flat = 0, n = swarm_count(swarm);
    assert_int_equal(n, 200);
    for (size_t i = 0; i < n; i++) {
        const OptimizerState *s = swarm_particle(swarm, i);
        flat += basin_of(w->landscape, s->x, s->y, lr_settle) == w->flat_index;
    }
    swarm_destroy(swarm);
    return (double)flat / (double)n;
}

static void test_sharp_flat(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("sharp_flat", "en");
    const LessonStep *intro = step_at(&lesson, 0);
    Wells w = wells_of(intro->landscape);
    double sharp_limit = 2.0 / w.sharp_lambda, flat_limit = 2.0 / w.flat_lambda;
    print_message("sharp_flat: λmax sharp %.3f flat %.4f; 2/λmax %.5f and %.4f\n",
                  w.sharp_lambda, w.flat_lambda, sharp_limit, flat_limit);
    /* The captions' numbers. */
    assert_true(fabs(w.sharp_lambda - 100) < 2);
    assert_true(fabs(w.flat_lambda - 1.65) < 0.05);
    assert_near(landscape_value(w.landscape, w.sharp.x, w.sharp.y),
                        landscape_value(w.landscape, w.flat.x, w.flat.y), 0.01);
    /* The marks circle their minima. */
    assert_true(distance(intro->marks[0].x, intro->marks[0].y, w.sharp) < intro->marks[0].radius);
    assert_true(distance(intro->marks[1].x, intro->marks[1].y, w.flat) < intro->marks[1].radius);

    /* GD with a small lr from the lesson's start: the sharp minimum. */
    Walker small = walker(intro, w.landscape, intro->runs.specs[0]);
    advance(&small, intro->play);
    assert_true(distance(small.state.x, small.state.y, w.sharp) < 1e-6);

    /* Strong noise: >= 80% of 200 seeds end in the flat basin within the
     * lesson's steps; a tenth of the noise: <= 20%. */
    const LessonStep *loud = step_at(&lesson, 1), *quiet = step_at(&lesson, 2);
    OptimizerDesc loud_desc = parse(w.landscape, loud->runs.specs[0]);
    OptimizerDesc quiet_desc = parse(w.landscape, quiet->runs.specs[0]);
    assert_near(quiet_desc.noise, loud_desc.noise / 10, 1e-12);
    assert_near(quiet_desc.lr, loud_desc.lr, 0);
    assert_int_equal(quiet->play, loud->play);
    double settle = 0.25 * sharp_limit;
    double loud_share = flat_share(loud, &w, settle);
    double quiet_share = flat_share(quiet, &w, settle);
    print_message("sharp_flat: flat-basin share noise %g: %.3f, noise %g: %.3f (%ld steps)\n",
                  loud_desc.noise, loud_share, quiet_desc.noise, quiet_share, loud->play);
    assert_true(loud_share >= 0.8);
    assert_true(quiet_share <= 0.2);

    /* Linear stability: below 2/λmax(sharp) GD converges to the sharp
     * minimum, above it it cannot. */
    const double below[] = { 0.5, 0.9, 0.99 }, above[] = { 1.02, 1.25, 2, 5, 15 };
    for (size_t i = 0; i < sizeof below / sizeof below[0]; i++) {
        OptimizerDesc desc = parse(w.landscape, "gd");
        desc.lr = below[i] * sharp_limit;
        Walker g = walker_from(w.landscape, &desc, intro->start, 0);
        advance(&g, 20000);
        assert_true(distance(g.state.x, g.state.y, w.sharp) < 1e-6);
    }
    for (size_t i = 0; i < sizeof above / sizeof above[0]; i++) {
        OptimizerDesc desc = parse(w.landscape, "gd");
        desc.lr = above[i] * sharp_limit;
        Walker g = walker_from(w.landscape, &desc, intro->start, 0);
        advance(&g, 3000);
        double closest = HUGE_VAL;
        for (int k = 0; k < 100 && !g.diverged; k++) {
            advance(&g, 1);
            closest = fmin(closest, distance(g.state.x, g.state.y, w.sharp));
        }
        assert_true(closest > 1e-3);
    }

    /* The lesson's rates: 0.019 converges to the sharp minimum; 0.025 ends
     * in a 2-cycle around it; 0.3, well below 2/λmax(flat), ends flat. */
    const LessonStep *converge = step_at(&lesson, 3);
    Walker g = walker(converge, w.landscape, converge->runs.specs[0]);
    assert_true(g.desc.lr < sharp_limit);
    advance(&g, converge->play);
    assert_true(distance(g.state.x, g.state.y, w.sharp) < 1e-6);

    const LessonStep *bounce = step_at(&lesson, 4);
    g = walker(bounce, w.landscape, bounce->runs.specs[0]);
    assert_true(g.desc.lr > sharp_limit);
    advance(&g, bounce->play);
    double p0[2] = { g.state.x, g.state.y };
    advance(&g, 1);
    double p1[2] = { g.state.x, g.state.y };
    advance(&g, 1);
    /* Period 2: back to (almost) the same point every other step, while
     * each step jumps across; the cycle itself still drifts, slowly. */
    double jump = hypot(p1[0] - p0[0], p1[1] - p0[1]);
    assert_true(hypot(g.state.x - p0[0], g.state.y - p0[1]) < 0.01 * jump);
    assert_true(jump > 1e-2);
    assert_true(distance(p0[0], p0[1], w.sharp) > 1e-3);
    assert_true(distance(p0[0], p0[1], w.sharp) < 0.2);                /* around it */

    const LessonStep *leave = step_at(&lesson, 5);
    g = walker(leave, w.landscape, leave->runs.specs[2]);
    assert_true(g.desc.lr > sharp_limit && g.desc.lr < 0.5 * flat_limit);
    advance(&g, leave->play);
    assert_true(distance(g.state.x, g.state.y, w.flat) < 1e-6);

    /* Key k widens the sharp valley: λmax ≈ 16, and η = 0.025 settles. */
    assert_int_equal(leave->key_count, 1);
    assert_int_equal(leave->keys[0].target, LESSON_KEY_LANDSCAPE);
    Wells wide = wells_of(leave->keys[0].landscapes[0]);
    assert_true(fabs(wide.sharp_lambda - 16) < 0.5);
    assert_true(distance(wide.sharp.x, wide.sharp.y, w.sharp) < 0.05);
    Walker settles = walker(leave, wide.landscape, leave->runs.specs[1]);
    assert_near(settles.desc.lr, 0.025, 0);
    advance(&settles, leave->play);
    assert_true(distance(settles.state.x, settles.state.y, wide.sharp) < 1e-6);
    landscape_destroy(wide.landscape);
    landscape_destroy(w.landscape);
    lesson_free(&lesson);
}

/* ------------------------------------------------------------ momentum */

static void test_momentum(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("momentum", "en");
    const LessonStep *race = step_at(&lesson, 2);
    Landscape *ravine = make_landscape(race->landscape);
    LandscapePoint bottom = minimum(ravine, 0);
    assert_near(lambda_max(ravine, bottom), 50, 1e-9);
    assert_near(lambda_min(ravine, bottom), 0.5, 1e-9);
    Walker gd = walker(race, ravine, race->runs.specs[0]);
    Walker heavy = walker(race, ravine, race->runs.specs[1]);
    assert_true(gd.desc.lr < 2.0 / 50);
    assert_string_equal(step_at(&lesson, 0)->runs.specs[0], race->runs.specs[0]);
    assert_string_equal(step_at(&lesson, 1)->runs.specs[0], race->runs.specs[1]);
    long gd_steps = steps_to_reach(gd, bottom, 1e-3, 100000);
    long heavy_steps = steps_to_reach(heavy, bottom, 1e-3, 100000);
    print_message("momentum: steps to 1e-3: gd %ld, momentum %ld\n", gd_steps, heavy_steps);
    /* "about a quarter of the steps" */
    assert_true(heavy_steps * 3 < gd_steps && heavy_steps * 6 > gd_steps);
    assert_true(heavy_steps < race->play);

    /* Key m: momentum 0.99 overshoots (the loss rises on the way) and
     * takes longer than 0.8. */
    const LessonKey *key = &race->keys[0];
    Walker wild = walker(race, ravine, key->runs[0].specs[1]);
    assert_near(wild.desc.momentum, 0.99, 0);
    long wild_steps = steps_to_reach(wild, bottom, 1e-3, 100000);
    bool rose = false;
    double before = loss_at(&wild);
    for (int k = 0; k < 400; k++) {
        advance(&wild, 1);
        rose = rose || loss_at(&wild) > before;
        before = loss_at(&wild);
    }
    print_message("momentum: 0.99 takes %ld steps\n", wild_steps);
    assert_true(rose);
    assert_true(wild_steps > 2 * heavy_steps);
    landscape_destroy(ravine);
    lesson_free(&lesson);
}

/* ------------------------------------------------------------ adaptive */

static void test_adaptive(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("adaptive", "en");
    /* Step 1: GD's step is −η∇L; Adam's first step is η in each coordinate. */
    const LessonStep *first = step_at(&lesson, 0);
    Landscape *valley = make_landscape(first->landscape);
    Walker gd = walker(first, valley, first->runs.specs[0]);
    Walker adam = walker(first, valley, first->runs.specs[1]);
    assert_int_equal(adam.desc.kind, OPT_ADAM);
    double grad[2];
    landscape_value_grad(valley, gd.state.x, gd.state.y, grad);
    advance(&gd, 1);
    advance(&adam, 1);
    assert_near(gd.state.step[0], -gd.desc.lr * grad[0], 1e-12);
    assert_near(gd.state.step[1], -gd.desc.lr * grad[1], 1e-12);
    assert_true(fabs(gd.state.step[1]) > 5 * fabs(gd.state.step[0]));
    assert_near(fabs(adam.state.step[0]), adam.desc.lr, 1e-6 * adam.desc.lr);
    assert_near(fabs(adam.state.step[1]), adam.desc.lr, 1e-6 * adam.desc.lr);
    landscape_destroy(valley);

    /* Step 2: GD to the lower-right valley, the adaptive three to the
     * upper-right one. */
    const LessonStep *race = step_at(&lesson, 1);
    Landscape *valleys = make_landscape(race->landscape);
    int basins[4];
    for (size_t r = 0; r < 4; r++) {
        Walker w = walker(race, valleys, race->runs.specs[r]);
        advance(&w, race->play);
        basins[r] = basin_of(valleys, w.state.x, w.state.y, 0.005);
        assert_true(basins[r] >= 0);
    }
    LandscapePoint gd_end = minimum(valleys, (size_t)basins[0]);
    LandscapePoint adaptive_end = minimum(valleys, (size_t)basins[1]);
    assert_true(gd_end.x > 0 && gd_end.y < 0);
    assert_true(adaptive_end.x > 0 && adaptive_end.y > 0);
    assert_int_equal(basins[2], basins[1]);
    assert_int_equal(basins[3], basins[1]);

    /* Step 3: AdaGrad's per-coordinate rate lr/(√sum + eps) never grows;
     * RMSProp's does grow again at some point. */
    const LessonStep *memory = step_at(&lesson, 2);
    assert_true(memory->keep);
    Walker adagrad = walker(race, valleys, memory->runs.specs[3]);
    Walker rmsprop = walker(race, valleys, memory->runs.specs[2]);
    assert_int_equal(adagrad.desc.kind, OPT_ADAGRAD);
    assert_int_equal(rmsprop.desc.kind, OPT_RMSPROP);
    advance(&adagrad, 1);
    advance(&rmsprop, 1);
    bool rms_grew = false;
    for (long k = 1; k < race->play + memory->play; k++) {
        double ada_before[2] = { adagrad.state.sq[0], adagrad.state.sq[1] };
        double rms_before[2] = { rmsprop.state.sq[0], rmsprop.state.sq[1] };
        advance(&adagrad, 1);
        advance(&rmsprop, 1);
        for (int c = 0; c < 2; c++) {
            assert_true(adagrad.state.sq[c] >= ada_before[c]);
            rms_grew = rms_grew || rmsprop.state.sq[c] < rms_before[c];
        }
    }
    assert_true(rms_grew);
    /* Adam's second moment forgets in the same way. */
    Walker adam_race = walker(race, valleys, memory->runs.specs[1]);
    assert_int_equal(adam_race.desc.kind, OPT_ADAM);
    bool adam_forgot = false;
    for (long k = 0; k < race->play + memory->play; k++) {
        double before[2] = { adam_race.state.sq[0], adam_race.state.sq[1] };
        advance(&adam_race, 1);
        adam_forgot = adam_forgot || adam_race.state.sq[0] < before[0] ||
                      adam_race.state.sq[1] < before[1];
    }
    assert_true(adam_forgot);
    landscape_destroy(valleys);
    lesson_free(&lesson);
}

/* ----------------------------------------------------------- schedules */

static void test_schedules(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("schedules", "en");
    const LessonStep *slow = step_at(&lesson, 0);
    Landscape *bowl = make_landscape(slow->landscape);
    LandscapePoint bottom = { 0, 0 };
    LandscapeEval e;
    landscape_eval(bowl, 0, 0, &e);
    assert_near(e.grad[0], 0, 0);
    assert_near(e.grad[1], 0, 0);
    assert_near(lambda_max(bowl, bottom), 1, 1e-12); /* 2/λmax = 2 there */
    assert_near(lambda_max(bowl, (LandscapePoint){ 2, 0 }), 13, 1e-12);

    /* Small constant η: safe, about 100 steps to the bottom (within 0.01). */
    Walker w = walker(slow, bowl, slow->runs.specs[0]);
    long slow_steps = steps_to_reach(w, bottom, 1e-2, 100000);
    print_message("schedules: η = 0.05 reaches the bottom in %ld steps\n", slow_steps);
    assert_true(slow_steps >= 70 && slow_steps <= 130);
    advance(&w, slow->play);
    assert_false(w.diverged);

    /* η = 0.5 from the rim blows up within the step. */
    const LessonStep *blow = step_at(&lesson, 1);
    w = walker(blow, bowl, blow->runs.specs[0]);
    assert_true(w.desc.lr < 2.0 / lambda_max(bowl, bottom));
    advance(&w, blow->play);
    assert_true(w.diverged || loss_at(&w) > 1e6);

    /* Warm-up to the same η: at the bottom within 30 steps. */
    const LessonStep *warm = step_at(&lesson, 2);
    w = walker(warm, bowl, warm->runs.specs[0]);
    assert_int_equal(w.desc.schedule.warmup, 20);
    assert_near(w.desc.lr, 0.5, 0);
    long warm_steps = steps_to_reach(w, bottom, 1e-2, 100000);
    assert_true(3 * warm_steps <= slow_steps);
    advance(&w, 30);
    assert_true(distance(w.state.x, w.state.y, bottom) < 1e-3);

    /* Noise: the cosine schedule shrinks the cloud onto the minimum. */
    const LessonStep *constant = step_at(&lesson, 3), *cosine = step_at(&lesson, 4);
    Swarm *constant_swarm = swarm_of(constant, bowl, constant->runs.specs[0]);
    Swarm *cosine_swarm = swarm_of(cosine, bowl, cosine->runs.specs[0]);
    double constant_spread = swarm_spread(constant_swarm, bottom);
    double cosine_spread = swarm_spread(cosine_swarm, bottom);
    print_message("schedules: cloud spread constant %.4f, cosine %.4f\n", constant_spread,
                  cosine_spread);
    assert_true(cosine_spread < constant_spread / 3);
    /* "whose size grows with η": half the rate, a smaller cloud. */
    OptimizerDesc half = parse(bowl, constant->runs.specs[0]);
    half.lr /= 2;
    DescentError err = { "" };
    Swarm *half_swarm = swarm_create(bowl, &half, constant->start.x, constant->start.y,
                                     constant->particles, &err);
    assert_non_null(half_swarm);
    swarm_advance(half_swarm, (size_t)constant->play, 2);
    double half_spread = swarm_spread(half_swarm, bottom);
    print_message("schedules: constant-rate cloud spread at half the rate %.4f\n", half_spread);
    assert_true(half_spread < 0.85 * constant_spread);
    swarm_destroy(half_swarm);
    swarm_destroy(constant_swarm);
    swarm_destroy(cosine_swarm);
    landscape_destroy(bowl);
    lesson_free(&lesson);
}

/* ----------------------------------------------- implicit regularisation */

static double angle_between(double x, double y, double angle)
{
    double d = fabs(atan2(y, x) - angle);
    return fmin(d, 2 * PI - d);
}

static void test_implicit_regularization(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("implicit_regularization", "en");
    const LessonStep *from_zero = step_at(&lesson, 1);
    Landscape *line = make_landscape(from_zero->landscape);
    const Dataset *data = landscape_dataset(line);
    assert_int_equal(data->n, 1);
    double a = data->x1[0], b = data->x2[0], t = data->y[0], norm2 = a * a + b * b;
    LandscapePoint min_norm = { a * t / norm2, b * t / norm2 };

    /* Every gradient is a multiple of x = (a, b): across the line of fits. */
    for (double px = -2; px <= 3; px += 1.25)
        for (double py = -1.5; py <= 3; py += 1.5) {
            double g[2];
            landscape_value_grad(line, px, py, g);
            assert_near(g[0] * b - g[1] * a, 0, 1e-12 * (1 + hypot(g[0], g[1])));
        }

    /* GD from 0 lands on the minimum-norm solution, to 1e-9. */
    Walker w = walker(from_zero, line, from_zero->runs.specs[0]);
    assert_true(w.state.x == 0 && w.state.y == 0);
    advance(&w, from_zero->play);
    assert_true(distance(w.state.x, w.state.y, min_norm) < 1e-9);
    /* The marked point, and the landscape's known minimum, are that one. */
    assert_true(distance(from_zero->marks[0].x, from_zero->marks[0].y, min_norm) < 1e-12);
    assert_true(distance(minimum(line, 0).x, minimum(line, 0).y, min_norm) < 1e-9);

    /* From another start: the fit closest to that start, to 1e-9. */
    const LessonStep *elsewhere = step_at(&lesson, 2);
    w = walker(elsewhere, line, elsewhere->runs.specs[1]);
    double sx = w.state.x, sy = w.state.y, r = (t - (a * sx + b * sy)) / norm2;
    LandscapePoint nearest = { sx + r * a, sy + r * b };
    advance(&w, elsewhere->play);
    assert_true(distance(w.state.x, w.state.y, nearest) < 1e-9);
    assert_true(distance(nearest.x, nearest.y, min_norm) > 1);
    landscape_destroy(line);

    /* Separable logistic regression: the norm keeps growing while the
     * direction approaches the max-margin one. */
    const LessonStep *logistic = step_at(&lesson, 3);
    Landscape *logreg = make_landscape(logistic->landscape);
    LandscapePoint none[1];
    assert_int_equal(landscape_minima(logreg, none, 1), 0); /* no finite minimum */
    /* The core's max-margin direction (checked against a brute-force scan
     * of angles in test_data_overlays). */
    double margin_dir[2];
    assert_true(landscape_max_margin_direction(logreg, margin_dir));
    double target = atan2(margin_dir[1], margin_dir[0]);
    w = walker(logistic, logreg, logistic->runs.specs[0]);
    const long checkpoints[] = { 30, 300, 3000, 30000 };
    double last_norm = 0, last_angle = HUGE_VAL, last_loss = loss_at(&w);
    long done = 0;
    for (size_t i = 0; i < 4; i++) {
        advance(&w, checkpoints[i] - done);
        done = checkpoints[i];
        double norm = hypot(w.state.x, w.state.y);
        double angle = angle_between(w.state.x, w.state.y, target) * 180 / PI;
        print_message("logreg step %5ld: |w| = %.3f, %.3f degrees from max margin\n", done,
                      norm, angle);
        assert_true(norm > last_norm);
        assert_true(angle < last_angle);
        assert_true(loss_at(&w) < last_loss); /* the loss keeps falling */
        last_loss = loss_at(&w);
        last_norm = norm;
        last_angle = angle;
    }
    assert_true(last_angle < 0.5);
    ViewRect view = logistic->view;
    Walker shown = walker(logistic, logreg, logistic->runs.specs[0]);
    advance(&shown, logistic->play);
    assert_true(shown.state.x > view.xmin && shown.state.x < view.xmax);
    assert_true(shown.state.y > view.ymin && shown.state.y < view.ymax);
    landscape_destroy(logreg);
    lesson_free(&lesson);
}

/* -------------------------------------------------------------- saddle */

static long steps_to_escape(Walker w, long limit)
{
    for (long k = 0; k < limit; k++) {
        if (fabs(w.state.y) > 0.5)
            return k;
        advance(&w, 1);
    }
    return limit;
}

static void test_saddle(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("saddle", "en");
    const LessonStep *intro = step_at(&lesson, 0);
    Landscape *landscape = make_landscape(intro->landscape);
    LandscapeEval e;
    landscape_eval(landscape, 0, 0, &e);
    assert_true(e.grad[0] == 0 && e.grad[1] == 0);
    assert_true(lambda_min(landscape, (LandscapePoint){ 0, 0 }) < 0); /* a saddle */
    for (int s = -1; s <= 1; s += 2) {
        landscape_eval(landscape, 0, s, &e);
        assert_true(e.grad[0] == 0 && e.grad[1] == 0);
        assert_true(lambda_min(landscape, (LandscapePoint){ 0, s }) > 0); /* minima */
    }

    /* GD on the line y = 0 walks into the saddle and stays. */
    const LessonStep *stall = step_at(&lesson, 1);
    Walker w = walker(stall, landscape, stall->runs.specs[0]);
    assert_true(w.state.y == 0);
    advance(&w, stall->play);
    assert_true(hypot(w.state.x, w.state.y) < 1e-9);

    /* A hair off the line: a long plateau, then a minimum. */
    const LessonStep *hair = step_at(&lesson, 2);
    w = walker(hair, landscape, hair->runs.specs[0]);
    assert_near(w.state.y, 0.001, 0);
    long gd_escape = steps_to_escape(w, 100000);
    double plateau = landscape_value(landscape, 0, 0);
    Walker probe = w;
    advance(&probe, 40);
    assert_true(fabs(loss_at(&probe) - plateau) < 0.01 * plateau);
    advance(&w, hair->play);
    assert_true(fabs(fabs(w.state.y) - 1) < 1e-3 && fabs(w.state.x) < 1e-3);

    /* Noise from the exact start: nearly every walker escapes in 200 steps. */
    const LessonStep *noisy = step_at(&lesson, 3);
    OptimizerDesc desc = parse(landscape, noisy->runs.specs[0]);
    DescentError err = { "" };
    Swarm *swarm = swarm_create(landscape, &desc, noisy->start.x, noisy->start.y,
                                noisy->particles, &err);
    assert_non_null(swarm);
    assert_true(noisy->start.y == 0);
    swarm_advance(swarm, 200, 2);
    size_t escaped = 0;
    for (size_t i = 0; i < swarm_count(swarm); i++)
        escaped += fabs(swarm_particle(swarm, i)->y) > 0.5;
    print_message("saddle: %zu of %zu noisy walkers escaped in 200 steps; GD needs %ld\n",
                  escaped, swarm_count(swarm), gd_escape);
    assert_true(escaped >= 0.95 * (double)swarm_count(swarm));
    swarm_destroy(swarm);

    /* Momentum leaves in far fewer steps than GD from the same point. */
    const LessonStep *race = step_at(&lesson, 4);
    Walker plain = walker(race, landscape, race->runs.specs[0]);
    Walker heavy = walker(race, landscape, race->runs.specs[1]);
    long plain_steps = steps_to_escape(plain, 100000), heavy_steps = steps_to_escape(heavy, 100000);
    print_message("saddle: steps to |y| > 0.5: gd %ld, momentum %ld\n", plain_steps, heavy_steps);
    assert_int_equal(plain_steps, gd_escape);
    assert_true(plain_steps > 50);
    assert_true(2 * heavy_steps < plain_steps);
    landscape_destroy(landscape);
    lesson_free(&lesson);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_lesson_loads_and_plays),
        cmocka_unit_test(test_welcome),
        cmocka_unit_test(test_learning_rate),
        cmocka_unit_test(test_gradient_flow),
        cmocka_unit_test(test_sgd_noise),
        cmocka_unit_test(test_sharp_flat),
        cmocka_unit_test(test_momentum),
        cmocka_unit_test(test_adaptive),
        cmocka_unit_test(test_schedules),
        cmocka_unit_test(test_implicit_regularization),
        cmocka_unit_test(test_saddle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
