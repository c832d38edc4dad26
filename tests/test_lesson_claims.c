/*
 * test_lesson_claims.c — every claim a shipped lesson makes, checked on the
 * numeric core with the lesson's own parameters.
 *
 * Each test loads the lesson file itself, finds the step that makes the
 * claim by its id, and takes its landscape, start, optimizer specs and
 * marks from that step, so a lesson edited into saying something false
 * fails here.  lessons/CLAIMS.md lists every caption sentence with the
 * test below that checks it.  Claims about noisy runs are measured over
 * whole swarms (hundreds of seeds).  Reference values (minima,
 * 2/λmax, the min-norm point) are computed here independently of the
 * lesson; the max-margin direction comes from the core, which
 * test_data_overlays checks against a brute-force search.
 */
#include "testing.h"

#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "core/curvature.h"
#include "core/ensemble.h"
#include "core/experiment.h"
#include "core/landscape.h"
#include "core/linalg2.h"
#include "core/model.h"
#include "core/netdata.h"
#include "core/net_run.h"
#include "core/net_starts.h"
#include "core/number_text.h"
#include "core/optimizer.h"
#include "core/represent.h"
#include "core/run.h"
#include "core/slice.h"
#include "core/swarm.h"
#include "lesson/lesson.h"

#define LESSON_DIR DESCENT_SOURCE_DIR "/lessons"
#define PI 3.14159265358979323846

static const char *const shipped[] = {
    "adam_vs_sgd", "adaptive", "edge_of_stability", "gradient_flow", "implicit_regularization",
    "learning_rate", "momentum", "saddle", "schedules", "sgd_noise", "sharp_flat", "welcome",
    "trained_not_derived", "representation",
    "adam_vs_sgd_network",
    "escape",
    "batch_and_flatness",
};
#define SHIPPED_COUNT (sizeof shipped / sizeof shipped[0])

/* ------------------------------------------------------------- helpers */

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

/* The step whose id is id; fails the test when the lesson has none. */
static const LessonStep *step_named(const Lesson *lesson, const char *id)
{
    long i = lesson_step_index(lesson, id);
    if (i < 0)
        fail_msg("%s has no step \"%s\"", lesson->path, id);
    return &lesson->steps[i];
}

/* The numbers a caption writes, sorted (in dest, up to max); how many.
 * The en and zh captions of a step say the same when these agree:
 * representation 2's zh said "100 个点" where en said "these points". */
static size_t caption_numbers(const char *caption, double *dest, size_t max)
{
    size_t n = 0;
    for (const char *c = caption; *c && n < max;) {
        if (*c >= '0' && *c <= '9') {
            char *end;
            dest[n++] = strtod(c, &end);
            c = end;
        } else {
            c++;
        }
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && dest[j - 1] > dest[j]; j--) {
            double t = dest[j];
            dest[j] = dest[j - 1];
            dest[j - 1] = t;
        }
    return n;
}

/* Every step of lesson name writes the same numbers in en and zh, in its
 * caption and in its hint (sharp_flat 6's zh hint gave the widened
 * valley's width, 0.25, which the en one left out). */
static void assert_same_numbers(const char *name)
{
    Lesson en = load_lesson(name, "en"), zh = load_lesson(name, "zh");
    assert_int_equal(en.step_count, zh.step_count);
    for (size_t k = 0; k < 2 * en.step_count; k++) {
        const LessonStep *e = &en.steps[k / 2], *z = &zh.steps[k / 2];
        double a[64], b[64];
        size_t na = caption_numbers(k % 2 ? e->hint : e->caption, a, 64);
        size_t nb = caption_numbers(k % 2 ? z->hint : z->caption, b, 64);
        bool same = na == nb;
        for (size_t i = 0; same && i < na; i++)
            same = a[i] == b[i];
        if (!same)
            fail_msg("%s step %zu: en and zh %ss write different numbers (%zu, %zu)", name,
                     k / 2 + 1, k % 2 ? "hint" : "caption", na, nb);
    }
    lesson_free(&en);
    lesson_free(&zh);
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
        OptimizerState s = swarm_particle(swarm, i);
        sum += (s.x - p.x) * (s.x - p.x) + (s.y - p.y) * (s.y - p.y);
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

/* Root-mean-square distance of a swarm's particles from their own mean:
 * the cloud's width wherever the cloud is. */
static double swarm_width(const Swarm *swarm)
{
    double mx = 0, my = 0;
    size_t n = swarm_count(swarm);
    for (size_t i = 0; i < n; i++) {
        mx += swarm_particle(swarm, i).x;
        my += swarm_particle(swarm, i).y;
    }
    return swarm_spread(swarm, (LandscapePoint){ mx / (double)n, my / (double)n });
}

/* The circle a label names: an unlabelled mark with a radius, the mark
 * labelled label on its rim (as sgd_noise and sharp_flat label their
 * circles); fails the test where there is none. */
static const LessonMark *circle_labelled(const LessonStep *step, const char *label)
{
    const LessonMark *tag = NULL;
    for (size_t m = 0; m < step->mark_count; m++)
        if (strcmp(step->marks[m].label, label) == 0)
            tag = &step->marks[m];
    if (!tag)
        fail_msg("step %s has no mark \"%s\"", step->id, label);
    for (size_t m = 0; m < step->mark_count; m++) {
        const LessonMark *circle = &step->marks[m];
        if (circle->radius > 0 && circle->label[0] == '\0' &&
            fabs(distance(tag->x, tag->y, (LandscapePoint){ circle->x, circle->y }) -
                 circle->radius) < 1e-9)
            return circle;
    }
    fail_msg("step %s: no circle has \"%s\" on its rim", step->id, label);
    return NULL;
}

/* A circle that shows a cloud's width: centred on p, labelled by a mark
 * on its rim; its radius within 10% of the measured root-mean-square
 * distance rms from p. */
static void assert_circle_shows(const LessonStep *step, const char *label, LandscapePoint p,
                                double rms)
{
    const LessonMark *circle = circle_labelled(step, label);
    assert_true(distance(circle->x, circle->y, p) < 0.02);
    print_message("circle \"%s\": radius %.3f, measured RMS %.4f\n", label, circle->radius, rms);
    assert_close(circle->radius, rms, 0.1 * rms);
}

/* A cited number shown on the map: the step has a mark within tol of p
 * whose label holds text. */
static void assert_mark_says(const LessonStep *step, LandscapePoint p, double tol,
                             const char *text)
{
    for (size_t m = 0; m < step->mark_count; m++)
        if (distance(step->marks[m].x, step->marks[m].y, p) < tol &&
            strstr(step->marks[m].label, text))
            return;
    fail_msg("step %s: no mark at (%g, %g) says \"%s\"", step->id, p.x, p.y, text);
}

static void test_en_and_zh_write_the_same_numbers(void **state)
{
    (void)state;
    for (size_t i = 0; i < SHIPPED_COUNT; i++)
        assert_same_numbers(shipped[i]);
}

/* ------------------------------------- every lesson loads and plays */

/* Words that only make sense live (keys to press); they belong in a
 * step's hint, which recordings never show. */
static const char *const live_only[] = { "Press", "press", "Space", "按", "空格" };

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
            if (step->id[0] == '\0')
                fail_msg("%s step %zu has no id", shipped[i], s + 1);
            assert_true(strlen(step->caption) > 0);
            assert_string_not_equal(step->caption, zh.steps[s].caption);
            for (size_t w = 0; w < sizeof live_only / sizeof live_only[0]; w++)
                if (strstr(step->caption, live_only[w]) || strstr(zh.steps[s].caption, live_only[w]))
                    fail_msg("%s step %s: \"%s\" in a caption belongs in its hint", shipped[i],
                             step->id, live_only[w]);
            /* A step that waits for the presenter or has keys says so to
             * the presenter. */
            if (step->key_count > 0 || step->pause)
                assert_true(strlen(step->hint) > 0 && strlen(zh.steps[s].hint) > 0);
            if (step->model[0]) /* a network: checked by its own test below */
                continue;
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
                if (!(start.x >= view.xmin && start.x <= view.xmax && start.y >= view.ymin &&
                      start.y <= view.ymax))
                    fail_msg("%s step %s: run %zu starts at (%g, %g), outside the view", shipped[i],
                             step->id, r + 1, start.x, start.y);
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

/* ------------------------------------------------------ the claims table */

#define CLAIMS_TABLE DESCENT_SOURCE_DIR "/lessons/CLAIMS.md"
#define TESTS_DIR DESCENT_SOURCE_DIR "/tests"

/* The whole of a text file, NUL-terminated; fails the test when it cannot
 * be read.  The caller frees it. */
static char *read_text(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        fail_msg("cannot read %s", path);
    char *text = NULL;
    size_t size = 0;
    for (size_t got = 1; got > 0;) {
        char *grown = realloc(text, size + 4097);
        assert_non_null(grown);
        text = grown;
        got = fread(text + size, 1, 4096, file);
        size += got;
    }
    fclose(file);
    text[size] = '\0';
    return text;
}

/* s with every run of white space made one space and none at the ends:
 * a caption joins its Lua pieces, the table wraps nothing. */
static void squeeze_spaces(char *s)
{
    char *out = s;
    for (const char *in = s; *in; in++) {
        bool space = *in == ' ' || *in == '\n' || *in == '\t';
        if (space && (out == s || out[-1] == ' '))
            continue;
        *out++ = space ? ' ' : *in;
    }
    if (out > s && out[-1] == ' ')
        out--;
    *out = '\0';
}

/* Whether a file under tests/ is called name (.c or .py) or defines a
 * function called name (C's "name(void" or Python's "def name("): a row
 * that names a check names one that exists. */
static bool test_defined(const char *name)
{
    DIR *dir = opendir(TESTS_DIR);
    assert_non_null(dir);
    bool found = false;
    for (struct dirent *entry; !found && (entry = readdir(dir));) {
        size_t len = strlen(entry->d_name);
        bool c = len > 2 && strcmp(entry->d_name + len - 2, ".c") == 0;
        bool py = len > 3 && strcmp(entry->d_name + len - 3, ".py") == 0;
        if (!c && !py)
            continue;
        if (strncmp(entry->d_name, name, len - (c ? 2 : 3)) == 0 && strlen(name) == len - (c ? 2 : 3)) {
            found = true;
            break;
        }
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", TESTS_DIR, entry->d_name);
        char *text = read_text(path);
        char pattern[256];
        snprintf(pattern, sizeof pattern, c ? "%s(void" : "def %s(", name);
        found = strstr(text, pattern) != NULL;
        free(text);
    }
    closedir(dir);
    return found;
}

/* Says one thing wrong with the claims table and counts it, so that one
 * run lists them all. */
static void report(size_t *problems, const char *format, ...) CMOCKA_PRINTF_ATTRIBUTE(2, 3);
static void report(size_t *problems, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vprintf(format, args);
    va_end(args);
    printf("\n");
    (*problems)++;
}

/* The rows of lessons/CLAIMS.md's section on one lesson: every sentence of
 * every step's caption, in order, one row each; every test the section
 * names exists; each step's rows link its frames, en and zh, and the
 * files are there.  Adds the rows read to *rows and
 * what is wrong to *problems, saying what. */
static void check_claims_section(const char *table, const char *name, size_t *rows,
                                 size_t *problems)
{
    char heading[128];
    snprintf(heading, sizeof heading, "\n## %s — ", name);
    const char *section = strstr(table, heading);
    if (!section)
        fail_msg("lessons/CLAIMS.md has no section \"## %s — …\"", name);
    section += 1;
    const char *end = strstr(section + 3, "\n## ");
    size_t length = end ? (size_t)(end - section) : strlen(section);
    char *text = strndup(section, length);
    assert_non_null(text);

    /* Every test_… name the section cites is a function in tests/. */
    for (const char *p = text; (p = strstr(p, "test_"));) {
        char test_name[128];
        size_t n = 0;
        while (n + 1 < sizeof test_name && (p[n] == '_' || (p[n] >= 'a' && p[n] <= 'z') ||
                                             (p[n] >= '0' && p[n] <= '9')))
            test_name[n] = p[n], n++;
        test_name[n] = '\0';
        bool word_start = p == text || !(p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z'));
        if (word_start && n > 5 && !test_defined(test_name))
            report(problems, "lessons/CLAIMS.md (%s) cites %s, which no file in tests/ defines", name,
                     test_name);
        p += n;
    }

    Lesson lesson = load_lesson(name, "en");
    for (size_t s = 0; s < lesson.step_count; s++) {
        const LessonStep *step = &lesson.steps[s];
        char *sentences = calloc(1, length + 1);
        char frame[2][160];
        bool linked[2] = { false, false };
        for (int l = 0; l < 2; l++)
            snprintf(frame[l], sizeof frame[l], "../docs/frames/%s-%02zu_%s-%s.png", name, s + 1,
                     step->id, l ? "zh" : "en");
        char cell[LESSON_STEP_ID_SIZE + 8];
        snprintf(cell, sizeof cell, "| %s | ", step->id);
        for (const char *line = text; line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
            if (strncmp(line, cell, strlen(cell)) != 0)
                continue;
            const char *sentence = line + strlen(cell);
            const char *bar = strstr(sentence, " | ");
            const char *eol = strchr(line, '\n');
            assert_non_null(bar);
            if (sentences[0])
                strcat(sentences, " ");
            /* Markdown writes a '|' in a cell as \|. */
            char *out = sentences + strlen(sentences);
            for (const char *in = sentence; in < bar; in++)
                if (!(in[0] == '\\' && in[1] == '|'))
                    *out++ = *in;
            *out = '\0';
            for (int l = 0; l < 2; l++) {
                const char *link = strstr(bar, frame[l]);
                linked[l] = linked[l] || (link && (!eol || link < eol));
            }
            (*rows)++;
        }
        char *caption = strdup(step->caption);
        assert_non_null(caption);
        squeeze_spaces(caption);
        squeeze_spaces(sentences);
        if (strcmp(caption, sentences) != 0)
            report(problems, "lessons/CLAIMS.md (%s, step %s): its rows' sentences\n  \"%s\"\n"
                     "are not the caption\n  \"%s\"", name, step->id, sentences, caption);
        for (int l = 0; l < 2; l++) {
            if (!linked[l])
                report(problems, "lessons/CLAIMS.md (%s, step %s) does not link %s", name, step->id,
                         frame[l]);
            char path[PATH_MAX];
            snprintf(path, sizeof path, "%s/docs/frames/%s", DESCENT_SOURCE_DIR,
                     frame[l] + strlen("../docs/frames/"));
            if (access(path, R_OK) != 0)
                report(problems, "%s, linked from lessons/CLAIMS.md, is missing", path);
        }
        free(caption);
        free(sentences);
    }
    lesson_free(&lesson);
    free(text);
}

/* lessons/CLAIMS.md is the audit of every caption: each sentence of each
 * shipped lesson's English caption is one row, word for word and in order,
 * naming tests that exist and linking the step's frames in both languages. */
static void test_claims_table_covers_every_sentence(void **state)
{
    (void)state;
    char *table = read_text(CLAIMS_TABLE);
    size_t rows = 0, problems = 0;
    for (size_t i = 0; i < SHIPPED_COUNT; i++)
        check_claims_section(table, shipped[i], &rows, &problems);
    printf("# lessons/CLAIMS.md: %zu rows cover %zu lessons; %zu problems\n", rows, SHIPPED_COUNT,
           problems);
    free(table);
    assert_int_equal(problems, 0);
}

/* ----------------------------------------------------------- zh terms */

/* The two kinds of step in the Chinese texts (po/zh_CN.po's header keeps the
 * same rule for the window's words): 学习率 is the rate η a run is given,
 * 步幅 a step's length |θₖ − θₖ₋₁|, which the step-length plot draws and
 * the step/grad boxes divide by the gradient.  步长 is in no text: Chinese
 * optimization texts use it for η, so a class could not tell which is
 * meant.  Hence, in each step:
 *   - no zh text (title, caption, hint, labels) says 步长;
 *   - a step that sets η (a run with lr=) calls it 学习率 where the English
 *     says "learning rate" or "step size", and puts no step word right
 *     before η;
 *   - where the English says "step length", the Chinese says 步幅, and it
 *     says 步幅 only where the picture holds what it names. */
static const char *const step_words[] = { "步长", "步幅", "步子", "步距", "步伐" };

static bool sets_rate(const LessonStep *step)
{
    for (size_t r = 0; r < step->runs.count; r++)
        if (strstr(step->runs.specs[r], "lr="))
            return true;
    return false;
}

static void assert_not_ambiguous(const char *lesson, const char *id, const char *text)
{
    if (strstr(text, "步长"))
        fail_msg("%s step %s: 步长 in \"%s\" (学习率 for η, 步幅 for a step's length)",
                 lesson, id, text);
}

static void test_zh_step_terms(void **state)
{
    (void)state;
    for (size_t i = 0; i < SHIPPED_COUNT; i++) {
        Lesson en = load_lesson(shipped[i], "en");
        Lesson zh = load_lesson(shipped[i], "zh");
        assert_not_ambiguous(shipped[i], "title", zh.title);
        for (size_t s = 0; s < zh.step_count; s++) {
            const LessonStep *said = &en.steps[s], *step = &zh.steps[s];
            const char *id = step->id, *caption = step->caption;
            assert_not_ambiguous(shipped[i], id, caption);
            assert_not_ambiguous(shipped[i], id, step->hint);
            for (size_t m = 0; m < step->mark_count; m++)
                assert_not_ambiguous(shipped[i], id, step->marks[m].label);
            for (size_t k = 0; k < step->key_count; k++)
                assert_not_ambiguous(shipped[i], id, step->keys[k].label);
            if (sets_rate(step)) {
                bool rate =
                    strstr(said->caption, "learning rate") || strstr(said->caption, "step size");
                if (rate && !strstr(caption, "学习率"))
                    fail_msg("%s step %s: the English names the rate η, the Chinese not as 学习率",
                             shipped[i], id);
                for (size_t w = 0; w < sizeof step_words / sizeof step_words[0]; w++) {
                    char before_eta[2][32];
                    snprintf(before_eta[0], sizeof before_eta[0], "%sη", step_words[w]);
                    snprintf(before_eta[1], sizeof before_eta[1], "%s η", step_words[w]);
                    if (strstr(caption, before_eta[0]) || strstr(caption, before_eta[1]))
                        fail_msg("%s step %s: η called %s (it is 学习率)", shipped[i], id,
                                 step_words[w]);
                }
            }
            if (strstr(said->caption, "step length") && !strstr(caption, "步幅"))
                fail_msg("%s step %s: the English names a step's length, the Chinese not as 步幅",
                         shipped[i], id);
            if (strstr(caption, "步幅"))
                assert_true(step->show & (LESSON_SHOW_STEP_SIZE | LESSON_SHOW_EFFECTIVE_STEP));
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
    /* "landscape": dark is low, bright is high: the lessons' colour map
     * (viridis, the scene's default) grows in luminance from its low end
     * to its high end, step by step.  The marked lowest point is the
     * minimum. */
    FILE *map = fopen(DESCENT_SOURCE_DIR "/assets/colormaps/viridis.txt", "r");
    assert_non_null(map);
    char line[256];
    double luminance = -1, darkest = HUGE_VAL;
    int entries = 0;
    while (fgets(line, sizeof line, map)) {
        double r, g, b;
        if (line[0] == '#' || sscanf(line, "%lf %lf %lf", &r, &g, &b) != 3)
            continue;
        double y = 0.2126 * r + 0.7152 * g + 0.0722 * b; /* Rec. 709 luma of the sRGB values */
        assert_true(y > luminance);
        luminance = y;
        darkest = fmin(darkest, y);
        entries++;
    }
    fclose(map);
    assert_int_equal(entries, 256);
    assert_true(darkest < 0.1 && luminance > 0.8);
    const LessonStep *intro = step_named(&lesson, "landscape");
    Landscape *bowl = make_landscape(intro->landscape);
    assert_true(distance(intro->marks[0].x, intro->marks[0].y, minimum(bowl, 0)) < 1e-12);

    /* "walk": each update is exactly −η∇L, every one lowers the loss, and
     * the walk ends at the lowest point; "a dot on the path" is each step
     * (show steps, here and in slowing, whose "the path's dots close up"
     * are the steps shrinking, below). */
    const LessonStep *walk = step_named(&lesson, "walk");
    assert_true(walk->show & LESSON_SHOW_STEPS);
    assert_true(step_named(&lesson, "slowing")->show & LESSON_SHOW_STEPS);
    Walker w = walker(walk, bowl, walk->runs.specs[0]);
    double before = loss_at(&w), last_step = HUGE_VAL;
    for (long k = 0; k < walk->play; k++) {
        double g[2];
        landscape_value_grad(bowl, w.state.x, w.state.y, g);
        advance(&w, 1);
        assert_close(w.state.step[0], -w.desc.lr * g[0], 1e-15);
        assert_close(w.state.step[1], -w.desc.lr * g[1], 1e-15);
        assert_true(loss_at(&w) < before);
        before = loss_at(&w);
        /* slowing's step-length plot draws these steps too. */
        assert_true(hypot(w.state.step[0], w.state.step[1]) < last_step);
        last_step = hypot(w.state.step[0], w.state.step[1]);
    }
    assert_true(distance(w.state.x, w.state.y, minimum(bowl, 0)) < 0.01);

    /* "slowing" goes on from there: the arrow −∇L and each step shrink,
     * and its step-length plot (show step_size) falls at every one of the
     * walk's and its own updates. */
    const LessonStep *slowing = step_named(&lesson, "slowing");
    assert_true(slowing->keep);
    assert_true(slowing->show & LESSON_SHOW_STEP_SIZE);
    double last_grad = HUGE_VAL;
    for (long k = 0; k < slowing->play; k++) {
        double g[2];
        landscape_value_grad(bowl, w.state.x, w.state.y, g);
        advance(&w, 1);
        assert_true(hypot(g[0], g[1]) < last_grad);
        assert_true(hypot(w.state.step[0], w.state.step[1]) < last_step);
        last_grad = hypot(g[0], g[1]);
        last_step = hypot(w.state.step[0], w.state.step[1]);
    }
    landscape_destroy(bowl);

    /* "four_valleys": four starts, four different minima. */
    const LessonStep *four = step_named(&lesson, "four_valleys");
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

    /* "more": "Sixteen more lessons", the shipped ones besides this one,
     * among them the networks and the escape lesson it names. */
    const LessonStep *more = step_named(&lesson, "more");
    assert_int_equal(SHIPPED_COUNT - 1, 16);
    assert_non_null(strstr(more->caption, "Sixteen more lessons"));
    for (const char *const *name = (const char *const[]){"learning_rate", "sgd_noise", "momentum",
                                                          "trained_not_derived", "escape", NULL};
         *name; name++) {
        bool ships = false;
        for (size_t i = 0; i < SHIPPED_COUNT; i++)
            ships |= strcmp(shipped[i], *name) == 0;
        assert_true(ships);
    }
    assert_non_null(strstr(more->caption, "out of a minimum"));
    lesson_free(&lesson);
}

/* ------------------------------------------------------ learning rate */

/* The loss's mean factor per step between updates a and b (a < b). */
static double loss_rate(const Walker *start, long a, long b)
{
    Walker w = *start;
    advance(&w, a);
    double la = loss_at(&w);
    advance(&w, b - a);
    return pow(loss_at(&w) / la, 1.0 / (double)(b - a));
}

static void test_learning_rate(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("learning_rate", "en");
    const LessonStep *intro = step_named(&lesson, "curvature");
    Landscape *landscape = make_landscape(intro->landscape);
    LandscapePoint bottom = minimum(landscape, 0);
    double threshold = 2.0 / lambda_max(landscape, bottom);
    assert_close(lambda_max(landscape, bottom), 10.0, 1e-12); /* "λmax = 10" */
    assert_close(lambda_min(landscape, bottom), 1.0, 1e-12);  /* "λmin = 1" */
    assert_close(threshold, 0.2, 1e-12);                      /* "2/λmax = 0.2" */
    assert_true(distance(intro->marks[0].x, intro->marks[0].y, bottom) < 1e-12);

    /* "too_small": safe, still far from the bottom after the steps shown. */
    const LessonStep *small = step_named(&lesson, "too_small");
    Walker w = walker(small, landscape, small->runs.specs[0]);
    advance(&w, small->play);
    assert_int_equal(small->play, 200);
    assert_true(w.desc.lr < threshold);
    assert_true(distance(w.state.x, w.state.y, bottom) > 1.0);
    /* The loss plot (L, log scale) shows how far: fixed from above the
     * start to 10⁻²⁰, under where step 3's walk ends, the walk's end stands
     * at three quarters of the plot's height above its floor (fitted to
     * the run, the floor was that end). */
    double small_lo = small->plot_ymin, small_hi = small->plot_ymax;
    double small_start = landscape_value(landscape, small->start.x, small->start.y);
    double small_end = loss_at(&w);
    assert_true(small_lo > 0 && small_start < small_hi);
    print_message("learning_rate: too_small's end %.3f at %.2f of the loss plot's height\n",
                  small_end, log(small_end / small_lo) / log(small_hi / small_lo));
    assert_true(log(small_end / small_lo) / log(small_hi / small_lo) > 0.7);

    /* "one_step": η = 1/λmax; steep direction settled in one step, gentle
     * one shrinks by 10% per step, so the loss shrinks by 0.81 per step
     * from then on, a straight line on the log plot, to 1.6e-18 at step 200,
     * within the plot (fixed to step 2's range): on a floor of 1e-6 the line
     * lay flat from step 70 while the legend's number went on falling. */
    const LessonStep *one = step_named(&lesson, "one_step");
    w = walker(one, landscape, one->runs.specs[0]);
    assert_close(w.desc.lr, 1.0 / lambda_max(landscape, bottom), 1e-15);
    double x0 = w.state.x;
    advance(&w, 1);
    assert_close(w.state.y, 0.0, 1e-12);
    assert_close(w.state.x, 0.9 * x0, 1e-12);
    for (long k = 1; k < one->play; k++) {
        double before = loss_at(&w);
        advance(&w, 1);
        assert_close(loss_at(&w), 0.81 * before, 1e-12 * before);
    }
    char end_shown[32];
    print_message("learning_rate: one_step's loss at step %ld: %s\n", one->play,
                  number_text(loss_at(&w), 2, end_shown, sizeof end_shown));
    assert_int_equal(one->play, 200);
    assert_string_equal(end_shown, "1.6e-18");
    assert_true(one->plot_ymin == small_lo && one->plot_ymax == small_hi);
    assert_true(loss_at(&w) > small_lo);

    /* "zigzag": y changes sign every step and shrinks by 10% (factor
     * −0.9), x by 19%; the loss falls at the same rate as with η = 0.1,
     * which the step shows beside it. */
    const LessonStep *zig = step_named(&lesson, "zigzag");
    /* η = 0.19, the run the caption is about, first: the selected run,
     * drawn on top (it was η = 0.1, drawn over η = 0.19's zig-zag). */
    assert_string_equal(zig->runs.specs[1], one->runs.specs[0]);
    Walker tenth = walker(zig, landscape, zig->runs.specs[1]);
    w = walker(zig, landscape, zig->runs.specs[0]);
    Walker zig_start = w;
    assert_close(w.desc.lr, 0.19, 0);
    for (int k = 0; k < 30; k++) {
        double x = w.state.x, y = w.state.y;
        advance(&w, 1);
        assert_close(w.state.y, -0.9 * y, 1e-12);
        assert_close(w.state.x, 0.81 * x, 1e-12);
    }
    double rate_zig = loss_rate(&zig_start, 50, zig->play), rate_tenth = loss_rate(&tenth, 50, zig->play);
    print_message("learning_rate: loss factor per step, η = 0.19: %.4f, η = 0.1: %.4f\n",
                  rate_zig, rate_tenth);
    assert_close(rate_zig, rate_tenth, 0.01 * rate_tenth);

    /* "fastest": at 2/(λmin + λmax) both factors are 9/11, and no rate
     * below 2/λmax has a smaller largest factor; η = 0.18's are
     * 0.82 and 0.8, below 0.9; its loss is the lowest of the three from
     * step 20 to the end of the step, and it zig-zags. */
    const LessonStep *fast = step_named(&lesson, "fastest");
    double best = 2.0 / (lambda_min(landscape, bottom) + lambda_max(landscape, bottom));
    assert_close(best, 2.0 / 11.0, 1e-15);
    assert_close(fabs(1 - best * 1), 9.0 / 11.0, 1e-15);
    assert_close(fabs(1 - best * 10), 9.0 / 11.0, 1e-15);
    for (double lr = 0.001; lr < 0.2; lr += 0.001) /* no rate does better */
        assert_true(fmax(fabs(1 - lr), fabs(1 - 10 * lr)) >= 9.0 / 11.0 - 1e-12);
    /* η = 0.18, the run the caption is about, first: the selected run. */
    assert_int_equal(fast->runs.count, 3);
    Walker racers[3];
    for (size_t r = 0; r < 3; r++)
        racers[r] = walker(fast, landscape, fast->runs.specs[r]);
    assert_close(racers[0].desc.lr, 0.18, 0);
    assert_close(fabs(1 - racers[0].desc.lr * 1), 0.82, 1e-12);
    assert_close(fabs(1 - racers[0].desc.lr * 10), 0.8, 1e-12);
    assert_close(racers[1].desc.lr, 0.1, 0);
    assert_close(racers[2].desc.lr, 0.19, 0);
    for (long k = 1; k <= fast->play; k++) {
        double y = racers[0].state.y;
        for (size_t r = 0; r < 3; r++)
            advance(&racers[r], 1);
        if (k <= 30)
            assert_true(y * racers[0].state.y < 0);
        if (k >= 20) {
            assert_true(loss_at(&racers[0]) < loss_at(&racers[1]));
            assert_true(loss_at(&racers[0]) < loss_at(&racers[2]));
        }
    }

    /* "diverging": each zig-zag wider than the last; the loss explodes. */
    const LessonStep *diverge = step_named(&lesson, "diverging");
    w = walker(diverge, landscape, diverge->runs.specs[0]);
    assert_true(w.desc.lr > threshold);
    double start_loss = loss_at(&w);
    for (int k = 0; k < 30; k++) {
        double y = w.state.y;
        advance(&w, 1);
        assert_true(fabs(w.state.y) > fabs(y) && y * w.state.y < 0);
    }
    advance(&w, diverge->play - 30);
    assert_true(w.diverged || loss_at(&w) > 1e6 * start_loss);

    /* "stability_line": the factor (1 − ηλmax) of each run, the two runs
     * either side of 2/λmax, and key w's two rates either side of it
     * behave so. */
    const LessonStep *line = step_named(&lesson, "stability_line");
    assert_int_equal(line->runs.count, 2);
    assert_true(parse(landscape, line->runs.specs[0]).lr < threshold);
    assert_true(parse(landscape, line->runs.specs[1]).lr > threshold);
    for (size_t r = 0; r < line->runs.count; r++) {
        Walker v = walker(line, landscape, line->runs.specs[r]);
        double y = v.state.y, factor = 1 - v.desc.lr * 10;
        advance(&v, 1);
        assert_close(v.state.y, factor * y, 1e-12);
        assert_true((fabs(factor) < 1) == (v.desc.lr < threshold));
        /* The loss plot's fixed range holds the whole curve, one falling
         * and one rising line (test_layout checks its labels). */
        for (long k = 1; k < line->play; k++) {
            advance(&v, 1);
            assert_true(loss_at(&v) > line->plot_ymin && loss_at(&v) < line->plot_ymax);
        }
    }
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

/* The largest distance between GD's step k and the flow's (time k·lr),
 * for the step's two runs, and in *gd_lower (unless NULL) whether GD's
 * loss was below the flow's at every step. */
static double gd_flow_gap(const LessonStep *step, const Landscape *landscape, bool *gd_lower)
{
    Walker gd = walker(step, landscape, step->runs.specs[0]);
    Walker flow = walker(step, landscape, step->runs.specs[1]);
    assert_int_equal(gd.desc.kind, OPT_GD);
    assert_int_equal(flow.desc.kind, OPT_FLOW);
    /* GD's step k against the flow at time k·η: `per` flow updates a step. */
    long per = lround(gd.desc.lr / flow.desc.lr);
    assert_true(per >= 1);
    assert_close(per * flow.desc.lr, gd.desc.lr, 1e-12);
    double gap = 0;
    bool lower = true;
    for (long k = 0; (k + 1) * per <= step->play; k++) {
        advance(&gd, 1);
        advance(&flow, per);
        gap = fmax(gap, hypot(gd.state.x - flow.state.x, gd.state.y - flow.state.y));
        lower = lower && loss_at(&gd) < loss_at(&flow);
    }
    if (gd_lower)
        *gd_lower = lower;
    return gap;
}

#define FLOW_PATH_MAX 400

/* The updates run spec makes while the step plays (its runs at fixed
 * rates): play, but with a flow among the runs they keep one time
 * (src/scene/scene.h, scene_on_time), each as many updates as fit in the
 * time the run taking least reaches in play (gradient_flow 4: the flow's
 * 300 to t = 3, GD's 15 at η = 0.2). */
static long updates_played(const LessonStep *step, const Landscape *landscape, const char *spec)
{
    bool on_time = false;
    double end = HUGE_VAL;
    for (size_t r = 0; r < step->runs.count; r++) {
        OptimizerDesc desc = parse(landscape, step->runs.specs[r]);
        on_time = on_time || optimizer_info(desc.kind)->traits.continuous;
        end = fmin(end, desc.lr * (double)step->play);
    }
    return on_time ? (long)floor(end / parse(landscape, spec).lr * (1 + 1e-12)) : step->play;
}

/* The points a run of the step visits in its play, start included. */
static size_t path_of(const LessonStep *step, const Landscape *landscape, const char *spec,
                      LandscapePoint *dest, size_t max)
{
    Walker w = walker(step, landscape, spec);
    size_t n = 0;
    dest[n++] = (LandscapePoint){ w.state.x, w.state.y };
    long updates = updates_played(step, landscape, spec);
    for (long k = 0; k < updates && n < max; k++) {
        advance(&w, 1);
        dest[n++] = (LandscapePoint){ w.state.x, w.state.y };
    }
    return n;
}

/* How far a path strays from a curve: the largest distance from one of its
 * points to the nearest segment of the curve (a polyline). */
static double strays(const LandscapePoint *path, size_t n, const LandscapePoint *curve, size_t m)
{
    double worst = 0;
    for (size_t i = 0; i < n; i++) {
        double nearest = HUGE_VAL;
        for (size_t j = 0; j + 1 < m; j++) {
            double dx = curve[j + 1].x - curve[j].x, dy = curve[j + 1].y - curve[j].y;
            double len2 = dx * dx + dy * dy;
            double t = len2 > 0 ? ((path[i].x - curve[j].x) * dx + (path[i].y - curve[j].y) * dy) / len2
                                : 0;
            t = fmin(fmax(t, 0), 1);
            nearest = fmin(nearest, hypot(path[i].x - curve[j].x - t * dx,
                                          path[i].y - curve[j].y - t * dy));
        }
        worst = fmax(worst, nearest);
    }
    return worst;
}

/* A flow run of the step is drawn finely enough to show as a smooth curve:
 * each segment between its drawn points turns by less than 10 degrees from
 * the one before (GD's at η = 0.2 turn by about 180). */
static void assert_drawn_smooth(const LessonStep *step, const Landscape *landscape,
                                const char *spec)
{
    LandscapePoint fine[FLOW_PATH_MAX + 1];
    size_t n = path_of(step, landscape, spec, fine, FLOW_PATH_MAX + 1);
    assert_true(n > 100);
    for (size_t i = 0; i + 2 < n; i++) {
        double ax = fine[i + 1].x - fine[i].x, ay = fine[i + 1].y - fine[i].y;
        double bx = fine[i + 2].x - fine[i + 1].x, by = fine[i + 2].y - fine[i + 1].y;
        if (hypot(ax, ay) < 1e-9 || hypot(bx, by) < 1e-9)
            continue;
        assert_true(fabs(atan2(ax * by - ay * bx, ax * bx + ay * by)) * 180 / PI < 10);
    }
}

/* The coordinate across the valley of quadratic:...,angle=30 (its v). */
static double across_valley(double x, double y)
{
    const double angle = 30 * PI / 180;
    return -sin(angle) * x + cos(angle) * y;
}

static void test_gradient_flow(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("gradient_flow", "en");
    const LessonStep *small = step_named(&lesson, "small_step");
    const LessonStep *medium = step_named(&lesson, "medium_step");
    Landscape *landscape = make_landscape(small->landscape);
    assert_non_null(strstr(small->landscape, "angle=30"));
    /* Measured against the width of the view the student sees. */
    ViewRect view = landscape_default_view(landscape);
    double width = view.xmax - view.xmin;
    bool lower_medium;
    double gap_small = gd_flow_gap(small, landscape, NULL);
    double gap_medium = gd_flow_gap(medium, landscape, &lower_medium);
    print_message("gradient_flow: largest GD-flow gap η = 0.01: %.4f, η = 0.05: %.4f\n",
                  gap_small, gap_medium);
    assert_drawn_smooth(small, landscape, small->runs.specs[1]); /* "a smooth curve" */
    /* "traced in steps of time Δt = 0.01 (the legend's Δt ...)": each step's
     * flow takes updates of time 0.01, which the legend writes "Δt 0.01"
     * (test_window's test_legend_tells_plot_time). */
    assert_non_null(strstr(small->caption, "Δt = 0.01"));
    for (size_t k = 0; k < lesson.step_count; k++) {
        size_t flows = 0;
        for (size_t r = 0; r < lesson.steps[k].runs.count; r++) {
            OptimizerDesc desc = parse(landscape, lesson.steps[k].runs.specs[r]);
            if (desc.kind == OPT_FLOW) {
                assert_close(desc.lr, 0.01, 0);
                flows++;
            }
        }
        assert_int_equal(flows, 1);
    }
    assert_true(gap_small < 0.01 * width);  /* "on top of each other" */
    assert_true(gap_medium > 3 * gap_small); /* "slightly off it" */
    assert_true(gap_medium < 0.05 * width);
    assert_true(lower_medium);              /* "its loss lower at every step" */
    /* "the legend at t = 5: 3.5e-05 against 4.5e-05": GD's update 100, the
     * flow's 500 (the plot's curves, 0.11 decades apart, lie on one another). */
    Walker gd_at_5 = walker(medium, landscape, medium->runs.specs[0]);
    Walker flow_at_5 = walker(medium, landscape, medium->runs.specs[1]);
    advance(&gd_at_5, 100);
    advance(&flow_at_5, medium->play);
    char legend[2][16];
    snprintf(legend[0], sizeof legend[0], "%.2g", loss_at(&gd_at_5));
    snprintf(legend[1], sizeof legend[1], "%.2g", loss_at(&flow_at_5));
    print_message("gradient_flow: at t = 5 GD's loss %s, the flow's %s\n", legend[0], legend[1]);
    assert_string_equal(legend[0], "3.5e-05");
    assert_string_equal(legend[1], "4.5e-05");
    assert_int_equal(medium->play, 500);
    for (int l = 0; l < 2; l++)
        assert_non_null(strstr(medium->caption, legend[l]));

    /* "large_step": the flow never crosses the floor (its coordinate across
     * the valley keeps its sign); GD's changes sign every step while it
     * still moves, and it converges (η = 0.2 < 2/λmax). */
    const LessonStep *large = step_named(&lesson, "large_step");
    Walker gd = walker(large, landscape, large->runs.specs[0]);
    Walker flow = walker(large, landscape, large->runs.specs[1]);
    assert_int_equal(flow.desc.kind, OPT_FLOW);
    assert_close(gd.desc.lr, 0.2, 0);
    assert_true(gd.desc.lr < 2.0 / lambda_max(landscape, minimum(landscape, 0)));
    double flow_side = across_valley(flow.state.x, flow.state.y);
    for (long k = 0; k < large->play; k++) {
        double across = across_valley(gd.state.x, gd.state.y);
        advance(&gd, 1);
        advance(&flow, 1);
        if (fabs(across) > 1e-12)
            assert_true(across * across_valley(gd.state.x, gd.state.y) < 0);
        assert_true(flow_side * across_valley(flow.state.x, flow.state.y) > 0);
    }
    assert_true(distance(gd.state.x, gd.state.y, minimum(landscape, 0)) < 1e-3);
    assert_drawn_smooth(large, landscape, large->runs.specs[1]);
    /* "Nor is GD the flow sped up: at equal time t = k·η its loss is first
     * above the flow's, then below (0.001245 against 0.002482 at t = 3)":
     * GD's update k against the flow's k·η/Δt, the plot's x axis; the
     * curves cross once, and the legend writes the losses at t = 3 to four
     * digits (a review read GD ahead where the caption said it was not). */
    gd = walker(large, landscape, large->runs.specs[0]);
    flow = walker(large, landscape, large->runs.specs[1]);
    long per_update = lround(gd.desc.lr / flow.desc.lr), crossings = 0;
    bool above = true;
    for (long k = 1; k * per_update <= large->play; k++) {
        advance(&gd, 1);
        advance(&flow, per_update);
        bool now = loss_at(&gd) > loss_at(&flow);
        assert_true(k > 1 || now);
        crossings += now != above;
        above = now;
    }
    assert_int_equal(crossings, 1);
    assert_close(flow.desc.lr * (double)large->play, 3, 1e-12);
    snprintf(legend[0], sizeof legend[0], "%.4g", loss_at(&gd));
    snprintf(legend[1], sizeof legend[1], "%.4g", loss_at(&flow));
    print_message("gradient_flow: at t = 3 GD's loss %s, the flow's %s\n", legend[0], legend[1]);
    assert_string_equal(legend[0], "0.001245");
    assert_string_equal(legend[1], "0.002482");
    assert_non_null(strstr(large->caption, "t = k·η"));
    for (int l = 0; l < 2; l++)
        assert_non_null(strstr(large->caption, legend[l]));

    /* "side_by_side": at t = 3 (each run's last point, as the step plays
     * them on one time) the four heads lie within 0.03 of each other, under
     * a fiftieth of η = 0.2's stray; the larger η, the further GD's path
     * strays from the flow's curve. */
    const LessonStep *all = step_named(&lesson, "side_by_side");
    assert_int_equal(all->runs.count, 4);
    LandscapePoint curve[FLOW_PATH_MAX + 1], path[FLOW_PATH_MAX + 1];
    size_t curve_n = path_of(all, landscape, all->runs.specs[3], curve, FLOW_PATH_MAX + 1);
    double last = 0, last_lr = 0, heads_apart = 0;
    for (size_t r = 0; r < 3; r++) {
        OptimizerDesc desc = parse(landscape, all->runs.specs[r]);
        assert_true(desc.lr > last_lr);
        size_t n = path_of(all, landscape, all->runs.specs[r], path, FLOW_PATH_MAX + 1);
        double off = strays(path, n, curve, curve_n);
        print_message("gradient_flow: GD η = %g strays %.4f from the flow\n", desc.lr, off);
        assert_true(off > 2 * last);
        /* "η = 0.01's ... lies under the flow's blue line all the way": as
         * close as in small_step (the flow drawn over it: test_window's
         * test_flow_on_top). */
        assert_true(r > 0 || (desc.lr == 0.01 && off < 0.01 * width));
        last = off;
        last_lr = desc.lr;
        for (size_t j = 0; j < 3; j++) {
            if (j == r)
                continue;
            LandscapePoint other[FLOW_PATH_MAX + 1];
            size_t m = path_of(all, landscape, all->runs.specs[j], other, FLOW_PATH_MAX + 1);
            heads_apart = fmax(heads_apart, distance(path[n - 1].x, path[n - 1].y, other[m - 1]));
        }
        heads_apart = fmax(heads_apart, distance(path[n - 1].x, path[n - 1].y, curve[curve_n - 1]));
    }
    print_message("gradient_flow: the heads at t = %g at most %.4f apart\n",
                  parse(landscape, all->runs.specs[3]).lr * (double)(curve_n - 1), heads_apart);
    assert_close(parse(landscape, all->runs.specs[3]).lr * (double)(curve_n - 1), 3, 1e-9);
    assert_true(heads_apart < 0.03 && heads_apart < last / 50);
    landscape_destroy(landscape);
    lesson_free(&lesson);
}

/* ---------------------------------------------------------- SGD noise */

static void test_sgd_noise(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("sgd_noise", "en");
    /* "noisy_walk": SGD's step is GD's plus a kick of mean zero: over 1000
     * seeds from one point, the mean step is GD's step (within 4 standard
     * errors), and the kicks are not small. */
    const LessonStep *walk = step_named(&lesson, "noisy_walk");
    Landscape *bowl = make_landscape(walk->landscape);
    Walker gd = walker(walk, bowl, walk->runs.specs[0]);
    OptimizerDesc noisy = parse(bowl, walk->runs.specs[1]);
    assert_close(noisy.lr, gd.desc.lr, 0);
    advance(&gd, 1);
    const int seeds = 1000;
    double mean[2] = { 0, 0 }, square = 0;
    for (int s = 0; s < seeds; s++) {
        Walker w = walker_from(bowl, &noisy, start_of(walk, &noisy, bowl), (uint64_t)s);
        advance(&w, 1);
        mean[0] += w.state.step[0] / seeds;
        mean[1] += w.state.step[1] / seeds;
        square += (pow(w.state.step[0] - gd.state.step[0], 2) +
                   pow(w.state.step[1] - gd.state.step[1], 2)) / seeds;
    }
    double kick = sqrt(square / 2); /* per coordinate */
    assert_close(kick, noisy.lr * noisy.noise, 0.1 * noisy.lr * noisy.noise);
    assert_close(mean[0], gd.state.step[0], 4 * kick / sqrt(seeds));
    assert_close(mean[1], gd.state.step[1], 4 * kick / sqrt(seeds));

    /* "cloud": the cloud spreads from its one start point (width 0) to most
     * of its final width within 50 steps, then keeps a steady width: within
     * 10% at half the steps as at the end.  The circle's radius is the
     * final RMS distance from the minimum. */
    const LessonStep *loud = step_named(&lesson, "cloud"), *quiet = step_named(&lesson, "half_noise");
    LandscapePoint bottom = minimum(bowl, 0);
    Swarm *cloud = swarm_of(loud, bowl, loud->runs.specs[0]);
    double loud_spread = swarm_spread(cloud, bottom), loud_width = swarm_width(cloud);
    swarm_restart(cloud, loud->start.x, loud->start.y);
    assert_close(swarm_width(cloud), 0, 0); /* one start point */
    swarm_advance(cloud, 50, 2);
    double early_width = swarm_width(cloud);
    swarm_advance(cloud, (size_t)loud->play / 2 - 50, 2);
    double half_width = swarm_width(cloud);
    print_message("sgd_noise: cloud width after 50 / %ld / %ld steps: %.3f %.3f %.3f\n",
                  loud->play / 2, loud->play, early_width, half_width, loud_width);
    assert_true(early_width > 0.8 * loud_width);
    assert_close(half_width, loud_width, 0.1 * loud_width);
    /* The caption names the circle's radius: the measured RMS distance to
     * two decimals, which is the radius drawn, in both languages; the
     * circle's rim label says it too. */
    char rms_text[32], loud_label[64];
    snprintf(rms_text, sizeof rms_text, "%.2f", loud_spread);
    assert_string_equal(rms_text, "0.37");
    snprintf(loud_label, sizeof loud_label, "noise 2: radius %s", rms_text);
    assert_circle_shows(loud, loud_label, bottom, loud_spread);
    for (size_t m = 0; m < loud->mark_count; m++)
        if (loud->marks[m].radius > 0)
            assert_close(loud->marks[m].radius, strtod(rms_text, NULL), 0);
    Lesson zh = load_lesson("sgd_noise", "zh");
    const LessonStep *loud_zh = step_named(&zh, "cloud");
    char said[2][96];
    snprintf(said[0], sizeof said[0], "root-mean-square distance from the minimum, %s.", rms_text);
    snprintf(said[1], sizeof said[1], "均方根距离，%s。", rms_text);
    assert_non_null(strstr(loud->caption, said[0]));
    assert_non_null(strstr(loud_zh->caption, said[1]));
    snprintf(said[1], sizeof said[1], "噪声 2：半径 %s", rms_text);
    assert_mark_says(loud_zh, (LandscapePoint){ 0, loud_spread }, 0.01, said[1]);
    lesson_free(&zh);
    swarm_destroy(cloud);

    /* "half_noise": half the noise, half the spread (within 15%); the
     * inner circle is the quiet cloud's, the outer the loud one's. */
    OptimizerDesc loud_desc = parse(bowl, loud->runs.specs[0]);
    OptimizerDesc quiet_desc = parse(bowl, quiet->runs.specs[0]);
    assert_close(loud_desc.noise, 2 * quiet_desc.noise, 0);
    Swarm *quiet_swarm = swarm_of(quiet, bowl, quiet->runs.specs[0]);
    double quiet_spread = swarm_spread(quiet_swarm, bottom);
    double ratio = loud_spread / quiet_spread;
    print_message("sgd_noise: spread ratio noise 2 / noise 1 = %.3f\n", ratio);
    assert_true(ratio > 1.7 && ratio < 2.3);
    /* Both labels on the outer rim, each naming its circle (the inner
     * one's, on its own rim, had no room between the two: its leader from
     * past the outer circle crossed the outer rim), each circle's radius
     * its cloud's measured RMS. */
    char quiet_label[64], outer_label[64];
    snprintf(quiet_label, sizeof quiet_label, "inner: noise 1, radius %.2f", quiet_spread);
    snprintf(outer_label, sizeof outer_label, "outer: noise 2, radius %s", rms_text);
    assert_circle_shows(quiet, outer_label, bottom, loud_spread);
    const LessonMark *outer = circle_labelled(quiet, quiet_label);
    assert_close(outer->radius, loud_spread, 0.1 * loud_spread);
    size_t inner = 0;
    for (size_t m = 0; m < quiet->mark_count; m++) {
        const LessonMark *c = &quiet->marks[m];
        if (c->radius > 0 && c->radius < outer->radius) {
            assert_true(distance(c->x, c->y, bottom) < 0.02);
            assert_close(c->radius, strtod(quiet_label + strlen("inner: noise 1, radius "), NULL), 0);
            assert_close(c->radius, quiet_spread, 0.1 * quiet_spread);
            inner++;
        }
    }
    assert_int_equal(inner, 1);
    swarm_destroy(quiet_swarm);
    landscape_destroy(bowl);

    /* "batch_2" / "batch_50" on the regression of 200 examples: the cloud
     * at batch 50 is about 25 times narrower (22 to 28) than at batch 2,
     * whose circle both steps show. */
    const LessonStep *small = step_named(&lesson, "batch_2"), *big = step_named(&lesson, "batch_50");
    Landscape *regression = make_landscape(small->landscape);
    assert_int_equal(landscape_sample_count(regression), 200);
    assert_int_equal(parse(regression, small->runs.specs[0]).batch, 2);
    assert_int_equal(parse(regression, big->runs.specs[0]).batch, 50);
    LandscapePoint fit = minimum(regression, 0);
    Swarm *small_swarm = swarm_of(small, regression, small->runs.specs[0]);
    Swarm *big_swarm = swarm_of(big, regression, big->runs.specs[0]);
    double small_spread = swarm_spread(small_swarm, fit), big_spread = swarm_spread(big_swarm, fit);
    print_message("sgd_noise: spread batch 2 %.4f, batch 50 %.4f, ratio %.3f\n", small_spread,
                  big_spread, small_spread / big_spread);
    assert_true(small_spread > 22 * big_spread && small_spread < 28 * big_spread);
    assert_circle_shows(small, "batch 2", fit, small_spread);
    /* The dot inside the circle, under the run's ringed head, named as the
     * cloud on the circle's rim label (a label at the centre stood off the
     * circle on a leader across its rim). */
    assert_circle_shows(big, "batch 2; the dot: batch 50", fit,
                        small_spread);
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
        OptimizerState s = swarm_particle(swarm, i);
        flat += basin_of(w->landscape, s.x, s.y, lr_settle) == w->flat_index;
    }
    swarm_destroy(swarm);
    return (double)flat / (double)n;
}

static void test_sharp_flat(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("sharp_flat", "en");
    const LessonStep *intro = step_named(&lesson, "two_valleys");
    Wells w = wells_of(intro->landscape);
    double sharp_limit = 2.0 / w.sharp_lambda, flat_limit = 2.0 / w.flat_lambda;
    print_message("sharp_flat: λmax sharp %.3f flat %.4f; 2/λmax %.5f and %.4f\n",
                  w.sharp_lambda, w.flat_lambda, sharp_limit, flat_limit);
    /* The captions' numbers. */
    assert_close(w.sharp_lambda, 100, 2);
    assert_close(w.flat_lambda, 1.65, 0.05);
    assert_close(landscape_value(w.landscape, w.sharp.x, w.sharp.y),
                        landscape_value(w.landscape, w.flat.x, w.flat.y), 0.01);
    /* The marks circle their minima, each circle named by a label on its
     * rim (test_sharp_flat_circles_named). */
    assert_true(w.sharp.x < w.flat.x); /* sharp on the left, flat on the right */
    assert_true(distance(intro->start.x, intro->start.y, w.sharp) <
                distance(intro->start.x, intro->start.y, w.flat)); /* started next to it */
    const LessonMark *sharp_circle = circle_labelled(intro, "sharp valley");
    const LessonMark *flat_circle = circle_labelled(intro, "flat valley");
    assert_true(distance(sharp_circle->x, sharp_circle->y, w.sharp) < sharp_circle->radius);
    assert_true(distance(flat_circle->x, flat_circle->y, w.flat) < flat_circle->radius);
    /* Each circle's radius is its well's width, the landscape's
     * sharp_width and flat_width (the step gives the defaults): the
     * circles differ eightfold, as the wells do (at 0.45 the sharp circle
     * was 0.56 of the flat one, and its narrow well read nearly as wide:
     * a frame review). */
    assert_string_equal(intro->landscape, "sharp_flat");
    size_t kinds, nth = 0, widths = 0;
    const LandscapeInfo *kind = landscape_kinds(&kinds);
    while (nth + 1 < kinds && strcmp(kind[nth].name, "sharp_flat") != 0)
        nth++;
    const LandscapeInfo *sharp_flat = &kind[nth];
    assert_string_equal(sharp_flat->name, "sharp_flat");
    for (size_t p = 0; p < sharp_flat->nparams; p++) {
        const ParamDef *param = &sharp_flat->params[p];
        bool sharp = strcmp(param->name, "sharp_width") == 0;
        if (sharp || strcmp(param->name, "flat_width") == 0) {
            assert_true((sharp ? sharp_circle : flat_circle)->radius == param->def);
            widths++;
        }
    }
    assert_int_equal(widths, 2);
    assert_close(flat_circle->radius / sharp_circle->radius, 8.0, 1e-12);

    /* Steps 4 to 6 name each valley's λmax on the map: a mark on each
     * minimum in view whose label carries its measured λmax to three
     * digits; two_cycle, close on the sharp valley, its dot alone, unnamed
     * (the name lay over the 2-cycle; its stability plot names the λmax). */
    char sharp_label[64], flat_label[64];
    snprintf(sharp_label, sizeof sharp_label, "sharp: λmax ≈ %.3g", w.sharp_lambda);
    snprintf(flat_label, sizeof flat_label, "flat: λmax ≈ %.3g", w.flat_lambda);
    static const char *const compared[] = { "below_line", "two_cycle", "thrown_out" };
    for (size_t i = 0; i < sizeof compared / sizeof compared[0]; i++) {
        const LessonStep *step = step_named(&lesson, compared[i]);
        bool close = strcmp(compared[i], "two_cycle") == 0;
        assert_int_equal(step->mark_count, close ? 1 : 2);
        assert_true(distance(step->marks[0].x, step->marks[0].y, w.sharp) < 0.01);
        assert_string_equal(step->marks[0].label, close ? "" : sharp_label);
        assert_true(step->marks[0].radius == 0);
        if (!close) {
            assert_true(distance(step->marks[1].x, step->marks[1].y, w.flat) < 0.01);
            assert_string_equal(step->marks[1].label, flat_label);
        }
    }

    /* GD with a small lr from the lesson's start: the sharp minimum. */
    Walker small = walker(intro, w.landscape, intro->runs.specs[0]);
    advance(&small, intro->play);
    assert_true(distance(small.state.x, small.state.y, w.sharp) < 1e-6);

    /* Strong noise: >= 80% of 200 seeds end in the flat basin within the
     * lesson's steps; a tenth of the noise: <= 20%. */
    const LessonStep *loud = step_named(&lesson, "strong_noise"), *quiet = step_named(&lesson, "weak_noise");
    OptimizerDesc loud_desc = parse(w.landscape, loud->runs.specs[0]);
    OptimizerDesc quiet_desc = parse(w.landscape, quiet->runs.specs[0]);
    assert_close(quiet_desc.noise, loud_desc.noise / 10, 1e-12);
    assert_close(quiet_desc.lr, loud_desc.lr, 0);
    assert_int_equal(quiet->play, loud->play);
    double settle = 0.25 * sharp_limit;
    double loud_share = flat_share(loud, &w, settle);
    double quiet_share = flat_share(quiet, &w, settle);
    print_message("sharp_flat: flat-basin share noise %g: %.3f, noise %g: %.3f (%ld steps)\n",
                  loud_desc.noise, loud_share, quiet_desc.noise, quiet_share, loud->play);
    assert_true(loud_share >= 0.8);
    assert_true(quiet_share <= 0.2);
    /* "Close up on the sharp valley alone": the weak-noise step's view
     * holds the sharp minimum and not the flat one, and is under a tenth
     * as wide as the lesson's first view. */
    assert_true(quiet->has_view);
    assert_true(view_rect_contains(quiet->view, w.sharp.x, w.sharp.y));
    assert_false(view_rect_contains(quiet->view, w.flat.x, w.flat.y));
    assert_true(quiet->view.xmax - quiet->view.xmin < 0.1 * (intro->view.xmax - intro->view.xmin));
    assert_non_null(strstr(quiet->caption, "Close up on the sharp valley alone"));
    /* "89.5% in the flat one": 179 of the 200 walkers by descent from each
     * (the screen's basin grid counts the same and writes it so:
     * test_layout's test_sharp_flat_share_said_as_shown). */
    char said[16];
    share_text(loud_share, said, sizeof said);
    assert_string_equal(said, "89.5%");
    assert_non_null(strstr(loud->caption, said));
    /* "The white line parts the two valleys": the basins overlay draws it
     * where the basins meet (test_layout finds it white there). */
    assert_true(loud->show & LESSON_SHOW_BASINS);

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
    const LessonStep *converge = step_named(&lesson, "below_line");
    /* "No noise now: one plain GD walk." */
    assert_int_equal(converge->runs.count, 1);
    assert_int_equal(converge->particles, 0);
    assert_int_equal(strncmp(converge->runs.specs[0], "gd:", 3), 0);
    assert_null(strstr(converge->runs.specs[0], "noise"));
    Walker g = walker(converge, w.landscape, converge->runs.specs[0]);
    assert_true(g.desc.lr < sharp_limit);
    advance(&g, converge->play);
    assert_true(distance(g.state.x, g.state.y, w.sharp) < 1e-6);

    const LessonStep *bounce = step_named(&lesson, "two_cycle");
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

    const LessonStep *leave = step_named(&lesson, "thrown_out");
    g = walker(leave, w.landscape, leave->runs.specs[0]);
    assert_close(g.desc.lr, 0.3, 0);
    assert_true(g.desc.lr > sharp_limit && g.desc.lr < 0.5 * flat_limit);
    /* The sharpness plot shows run 1 alone (plot.run: with the three
     * runs their λmax 100 lay a pixel from their 2/η) and names its 2/η
     * under it (dynamics.c, 3 digits): 6.67, over four times the flat
     * minimum's λmax 1.65, which its own λmax rests on. */
    assert_int_equal(leave->plot_run, 0);
    char edge[32];
    double threshold = curvature_gd_stability(g.desc.lr, 0.0).threshold;
    print_message("sharp_flat: thrown_out's plot names 2/η = %s\n",
                  number_text(threshold, 3, edge, sizeof edge));
    assert_string_equal(edge, "6.67");
    assert_true(threshold > 4.0 * w.flat_lambda);
    /* The plots' axes count the step's updates: the story, thrown out of
     * the sharp valley until at rest within 1e-3 of the flat minimum,
     * fills at least a third of them.  Over 600 updates it lay in the
     * sharpness plot's first 10 pixels (session 26's review of
     * docs/frames). */
    long rest = 0;
    for (long k = 1; k <= leave->play; k++) {
        advance(&g, 1);
        if (distance(g.state.x, g.state.y, w.flat) >= 1e-3)
            rest = k;
    }
    print_message("sharp_flat: thrown_out at rest from update %ld of %ld\n", rest + 1,
                  leave->play);
    assert_true(rest >= leave->play / 3);
    assert_true(distance(g.state.x, g.state.y, w.flat) < 1e-6);

    /* Key k widens the sharp valley: λmax ≈ 16, and η = 0.025 settles. */
    assert_int_equal(leave->key_count, 1);
    assert_int_equal(leave->keys[0].target, LESSON_KEY_LANDSCAPE);
    Wells wide = wells_of(leave->keys[0].landscapes[0]);
    assert_close(wide.sharp_lambda, 16, 0.5);
    assert_true(distance(wide.sharp.x, wide.sharp.y, w.sharp) < 0.05);
    Walker settles = walker(leave, wide.landscape, leave->runs.specs[2]);
    assert_close(settles.desc.lr, 0.025, 0);
    advance(&settles, leave->play);
    assert_true(distance(settles.state.x, settles.state.y, wide.sharp) < 1e-6);
    landscape_destroy(wide.landscape);
    landscape_destroy(w.landscape);
    lesson_free(&lesson);
}

/* ------------------------------------------------------------ momentum */

/* The coordinates along (u) and across (v) the ravine of
 * quadratic:...,angle=25. */
static double along_ravine(double x, double y)
{
    const double angle = 25 * PI / 180;
    return cos(angle) * x + sin(angle) * y;
}

static double across_ravine(double x, double y)
{
    const double angle = 25 * PI / 180;
    return -sin(angle) * x + cos(angle) * y;
}

/* The widest swing across the ravine once under way (after the start), and
 * the update from which every swing stays under 1e-3. */
static void swings(Walker w, long steps, double *widest, long *settled)
{
    *widest = 0;
    *settled = 0;
    for (long k = 1; k <= steps; k++) {
        advance(&w, 1);
        double v = fabs(across_ravine(w.state.x, w.state.y));
        *widest = fmax(*widest, v);
        if (v >= 1e-3)
            *settled = k + 1;
    }
}

static void test_momentum(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("momentum", "en");
    const LessonStep *ravine_step = step_named(&lesson, "ravine");
    Landscape *ravine = make_landscape(ravine_step->landscape);
    assert_non_null(strstr(ravine_step->landscape, "angle=25"));
    LandscapePoint bottom = minimum(ravine, 0);
    assert_close(lambda_max(ravine, bottom), 50, 1e-9);
    assert_close(lambda_min(ravine, bottom), 0.5, 1e-9);

    /* "ravine": η = 0.035 < 2/λmax = 0.04 bounces across (the coordinate
     * across changes sign every step) and covers 1.75% of the remaining
     * way along the floor per step; just above 0.04 the walls throw GD out. */
    Walker gd = walker(ravine_step, ravine, ravine_step->runs.specs[0]);
    assert_close(gd.desc.lr, 0.035, 0);
    assert_true(gd.desc.lr < 2.0 / 50);
    Walker bounce = gd;
    for (int k = 0; k < 20; k++) {
        double u = along_ravine(bounce.state.x, bounce.state.y);
        double v = across_ravine(bounce.state.x, bounce.state.y);
        advance(&bounce, 1);
        assert_true(v * across_ravine(bounce.state.x, bounce.state.y) < 0);
        assert_close(along_ravine(bounce.state.x, bounce.state.y), (1 - 0.0175) * u, 1e-12);
    }
    OptimizerDesc over = gd.desc;
    over.lr = 1.02 * 2.0 / 50;
    Walker thrown = walker_from(ravine, &over, ravine_step->start, 0);
    double start_loss = loss_at(&thrown);
    advance(&thrown, 400);
    assert_true(thrown.diverged || loss_at(&thrown) > 1e3 * start_loss);

    /* "velocity": velocity = gradient + 0.8 × the old velocity; the steps
     * along the floor grow (the tenth is over 3 times the first); across,
     * it swings wider and settles later than GD, and settles within the step. */
    const LessonStep *velocity = step_named(&lesson, "velocity");
    Walker heavy = walker(velocity, ravine, velocity->runs.specs[0]);
    assert_close(heavy.desc.momentum, 0.8, 0);
    Walker probe = heavy;
    double first_along = 0;
    for (int k = 1; k <= 10; k++) {
        double g[2], old[2] = { probe.state.buf[0], probe.state.buf[1] };
        landscape_value_grad(ravine, probe.state.x, probe.state.y, g);
        advance(&probe, 1);
        if (k > 1) {
            assert_close(probe.state.buf[0], g[0] + 0.8 * old[0], 1e-12);
            assert_close(probe.state.buf[1], g[1] + 0.8 * old[1], 1e-12);
        }
        double along = along_ravine(probe.state.step[0], probe.state.step[1]);
        if (k == 1)
            first_along = along;
        if (k == 10)
            assert_true(along > 3 * first_along);
    }
    /* "Across the ravine it swings from side to side, and the swings die
     * out": its coordinate across the floor changes sign over 4 times, and
     * every swing is under 1e-3 within the step. */
    double heavy_widest;
    long heavy_settled;
    swings(heavy, velocity->play, &heavy_widest, &heavy_settled);
    Walker side = heavy;
    int crossings = 0;
    for (long k = 0; k < velocity->play; k++) {
        double before = across_ravine(side.state.x, side.state.y);
        advance(&side, 1);
        crossings += before * across_ravine(side.state.x, side.state.y) < 0;
    }
    print_message("momentum: widest swing %.3f, %d crossings of the floor; under 1e-3 from "
                  "step %ld\n", heavy_widest, crossings, heavy_settled);
    assert_true(crossings > 4);
    assert_true(heavy_settled < velocity->play);
    /* "By the end the run is at rest: its velocity, an arrow at the head
     * while it moves, has shrunk too small to see": the arrow is the last
     * step drawn to scale, hidden below a pixel
     * (src/render/world.c).  The step's view is 4.3 wide, under 0.01 a
     * pixel on a map 430 or more pixels wide (543 at 960x540): the tenth
     * step is over 10 pixels, the last under a thousandth of one. */
    Walker resting = heavy;
    advance(&resting, 10);
    assert_true(hypot(resting.state.step[0], resting.state.step[1]) > 0.1);
    advance(&resting, velocity->play - 10);
    assert_true(hypot(resting.state.step[0], resting.state.step[1]) < 1e-5);
    assert_true(distance(resting.state.x, resting.state.y, bottom) < 1e-3); /* "at the bottom" */
    assert_true(velocity->has_view);
    assert_close(velocity->view.xmax - velocity->view.xmin, 4.3, 1e-12);

    /* "race": momentum's loss reaches the loss plot's floor in about a
     * quarter of GD's steps (3 to 6 times fewer), both within the step; the
     * floor is the loss 1e-3 from the bottom along the floor (0.5 λmin
     * 1e-6), so those are also the steps to within 1e-3 of it; the curves'
     * mean slopes on the log plot, from the start to the floor, in the
     * steps' ratio. */
    const LessonStep *race = step_named(&lesson, "race");
    assert_string_equal(race->runs.specs[0], ravine_step->runs.specs[0]);
    assert_string_equal(race->runs.specs[1], velocity->runs.specs[0]);
    double floor_loss = race->plot_ymin;
    assert_close(floor_loss, 0.5 * 0.5 * 1e-6, 1e-18);
    Walker racers[2] = {walker(race, ravine, race->runs.specs[0]),
                        walker(race, ravine, race->runs.specs[1])};
    long to_floor[2];
    for (int i = 0; i < 2; i++) {
        Walker w = racers[i];
        assert_true(landscape_value(ravine, w.state.x, w.state.y) < race->plot_ymax);
        for (to_floor[i] = 0; loss_at(&w) > floor_loss && to_floor[i] < 100000; to_floor[i]++)
            advance(&w, 1);
        assert_true(to_floor[i] <= race->play);
        for (long k = to_floor[i]; k < race->play; k++) { /* and stays on it */
            advance(&w, 1);
            assert_true(loss_at(&w) <= floor_loss);
        }
    }
    long gd_steps = steps_to_reach(racers[0], bottom, 1e-3, 100000);
    long heavy_steps = steps_to_reach(racers[1], bottom, 1e-3, 100000);
    print_message("momentum: steps to the loss plot's floor %.2g: gd %ld, momentum %ld; to "
                  "within 1e-3: %ld, %ld\n", floor_loss, to_floor[0], to_floor[1], gd_steps,
                  heavy_steps);
    assert_true(to_floor[1] * 3 < to_floor[0] && to_floor[1] * 6 > to_floor[0]);
    assert_int_equal(to_floor[0], gd_steps);
    assert_int_equal(to_floor[1], heavy_steps);
    double start_loss_race = loss_at(&racers[0]);
    double gd_slope = log(floor_loss / start_loss_race) / (double)to_floor[0];
    double heavy_slope = log(floor_loss / start_loss_race) / (double)to_floor[1];
    print_message("momentum: mean log-loss slope to the floor gd %.4f, momentum %.4f\n",
                  gd_slope, heavy_slope);
    assert_true(heavy_slope < 3 * gd_slope && heavy_slope > 6 * gd_slope);

    /* "too_much": momentum 0.99 overshoots the bottom again and again (its
     * coordinate along the floor changes sign over 20 times); on the race's
     * loss plot GD reaches the floor in 420 steps, "less than half of the
     * 1100 steps" the step plays, and momentum's loss never reaches it;
     * "after all 1100" it is still swinging: over its last 50 steps it is
     * up to more than 0.01 from the bottom, and crosses it. */
    const LessonStep *much = step_named(&lesson, "too_much");
    assert_string_equal(much->runs.specs[1], ravine_step->runs.specs[0]);
    assert_true(much->plot_ymin == race->plot_ymin && much->plot_ymax == race->plot_ymax);
    assert_int_equal(to_floor[0], 420);
    assert_int_equal(much->play, 1100);
    assert_true(2 * to_floor[0] < much->play);
    assert_non_null(strstr(much->caption, "less than half of the 1100 steps"));
    Walker wild = walker(much, ravine, much->runs.specs[0]);
    assert_close(wild.desc.momentum, 0.99, 0);
    int overshoots = 0, late_crossings = 0;
    double late_far = 0;
    for (long k = 0; k < much->play; k++) {
        double u = along_ravine(wild.state.x, wild.state.y);
        double v = across_ravine(wild.state.x, wild.state.y);
        advance(&wild, 1);
        assert_true(loss_at(&wild) > much->plot_ymin);
        overshoots += u * along_ravine(wild.state.x, wild.state.y) < 0;
        if (k >= much->play - 50) {
            late_far = fmax(late_far, distance(wild.state.x, wild.state.y, bottom));
            late_crossings += v * across_ravine(wild.state.x, wild.state.y) < 0;
        }
    }
    print_message("momentum: 0.99 overshoots %d times; in its last 50 steps up to %.3f from the "
                  "bottom, crossing it %d times\n", overshoots, late_far, late_crossings);
    assert_true(overshoots > 20);
    assert_true(late_far > 0.01 && late_crossings > 0);
    landscape_destroy(ravine);
    lesson_free(&lesson);
}

/* ------------------------------------------------------------ adaptive */

static void test_adaptive(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("adaptive", "en");
    /* "first_steps": GD's step is −η∇L, long in y and short in x; Adam's
     * first step is η in each coordinate, so it heads off diagonally. */
    const LessonStep *first = step_named(&lesson, "first_steps");
    Landscape *valley = make_landscape(first->landscape);
    Walker gd = walker(first, valley, first->runs.specs[0]);
    Walker adam = walker(first, valley, first->runs.specs[1]);
    assert_int_equal(adam.desc.kind, OPT_ADAM);
    double grad[2];
    landscape_value_grad(valley, gd.state.x, gd.state.y, grad);
    advance(&gd, 1);
    advance(&adam, 1);
    assert_close(gd.state.step[0], -gd.desc.lr * grad[0], 1e-12);
    assert_close(gd.state.step[1], -gd.desc.lr * grad[1], 1e-12);
    assert_true(fabs(gd.state.step[1]) > 5 * fabs(gd.state.step[0]));
    assert_close(fabs(adam.state.step[0]), adam.desc.lr, 1e-6 * adam.desc.lr);
    assert_close(fabs(adam.state.step[1]), adam.desc.lr, 1e-6 * adam.desc.lr);
    landscape_destroy(valley);

    /* "four_valleys": GD to the lower-right valley, the adaptive three to
     * the upper-right one. */
    const LessonStep *race = step_named(&lesson, "four_valleys");
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

    /* "memory_early" then "memory_late" (360 updates on): the boxes show
     * optimizer_effective_lr.  AdaGrad's never grows, update by update,
     * and ends within 1% of where it was at step 20 ("where they were");
     * RMSProp's and Adam's end over 1.1 times what they were at step 20
     * (1.2 to 4.2 times: their two-digit labels differ), in both
     * coordinates.  Each run ends in its own
     * minimum (within 0.01), where the ground is flat: |∇L| < 0.01. */
    const LessonStep *early = step_named(&lesson, "memory_early");
    const LessonStep *late = step_named(&lesson, "memory_late");
    assert_true(late->keep);
    assert_int_equal(early->play, 20);
    assert_int_equal(late->play, 360);
    assert_int_equal(early->runs.count, 3);
    int ends[3];
    for (size_t r = 0; r < 3; r++) {
        Walker w = walker(early, valleys, early->runs.specs[r]);
        double before[2], after[2], last[2] = { HUGE_VAL, HUGE_VAL };
        for (long k = 0; k < early->play + late->play; k++) {
            advance(&w, 1);
            double now[2];
            assert_true(optimizer_effective_lr(&w.desc, &w.state, now));
            if (w.desc.kind == OPT_ADAGRAD)
                assert_true(now[0] <= last[0] && now[1] <= last[1]);
            last[0] = now[0];
            last[1] = now[1];
            if (k + 1 == early->play)
                memcpy(before, now, sizeof before);
        }
        memcpy(after, last, sizeof after);
        double g[2];
        landscape_value_grad(valleys, w.state.x, w.state.y, g);
        print_message("adaptive: %s step per unit gradient at %ld: (%.3g, %.3g), at %ld: "
                      "(%.3g, %.3g); |grad| %.2g\n",
                      early->runs.specs[r], early->play, before[0], before[1],
                      early->play + late->play, after[0], after[1], hypot(g[0], g[1]));
        assert_true(hypot(g[0], g[1]) < 1e-2);
        int basin = basin_of(valleys, w.state.x, w.state.y, 0.005);
        assert_true(basin >= 0);
        assert_true(distance(w.state.x, w.state.y, minimum(valleys, (size_t)basin)) < 1e-2);
        assert_true(r == 0 || basin != ends[r - 1]); /* three valleys */
        ends[r] = basin;
        bool shrinks = w.desc.kind == OPT_ADAGRAD;
        assert_true(shrinks || w.desc.kind == OPT_RMSPROP || w.desc.kind == OPT_ADAM);
        for (int c = 0; c < 2; c++) {
            if (shrinks)
                assert_true(after[c] <= before[c] && after[c] > 0.99 * before[c]);
            else
                assert_true(after[c] > 1.1 * before[c]);
        }
    }

    /* "memory_late", RMSProp thrown out: its steps grew until the valley
     * could not hold it (the preconditioned sharpness λmax(D^½ H D^½), D its
     * step per unit gradient, under 2 at step 20 and over 2 at step 300:
     * the limit GD has at η·λmax = 2); near step 325 (the loss's peak over
     * the step, between 320 and 330) it is thrown out and the loss jumps to
     * about 4 (3.5 to 5); the large gradients shrink its numbers (both below
     * what they were at step 320, five steps after the peak); it falls back
     * in: at step 380, the step's end, its loss is between 5e-15 and 5e-14.
     * Thrown up its valley's wall, not out of it: at each of these peaks
     * it lies in the basin it ends in.
     * "never_settles", played on to step 1000 and plotted from step 380
     * (plot.from: the whole run put its four leaps in 30 pixels at
     * 960x540): thrown out again near steps
     * 440 and 525 (the loss's peaks over 430–460 and 510–540 lie within 10
     * steps of them and above 0.5), and from step 700 on its loss stays
     * between 0.01 and 0.5.  Adam and AdaGrad are never thrown out: their
     * loss stays under 1e-6 from step 200 to 1000. */
    const LessonStep *rest = step_named(&lesson, "never_settles");
    assert_true(rest->keep);
    assert_int_equal(rest->runs.count, 3);
    enum { TOTAL = 1000 };
    long late_end = early->play + late->play;
    assert_int_equal(late_end + rest->play, TOTAL);
    assert_int_equal(rest->plot_from, late_end);
    static double loss[TOTAL + 1], rate[TOTAL + 1][2], sharp[TOTAL + 1], at[TOTAL + 1][2];
    for (size_t r = 0; r < 3; r++) {
        Walker w = walker(early, valleys, early->runs.specs[r]);
        for (long k = 1; k <= TOTAL; k++) {
            advance(&w, 1);
            double eig[2];
            LandscapeEval e;
            assert_true(optimizer_effective_lr(&w.desc, &w.state, rate[k]));
            landscape_eval(valleys, w.state.x, w.state.y, &e);
            sym2_eigenvalues(rate[k][0] * e.hess[0], sqrt(rate[k][0] * rate[k][1]) * e.hess[1],
                             rate[k][1] * e.hess[2], eig);
            loss[k] = e.value;
            sharp[k] = eig[1];
            at[k][0] = w.state.x;
            at[k][1] = w.state.y;
            if (w.desc.kind != OPT_RMSPROP && k >= 200)
                assert_true(e.value < 1e-6);
        }
        if (w.desc.kind != OPT_RMSPROP)
            continue;
        long peak = early->play + 1, again[2] = { 430, 510 };
        for (long k = peak; k <= late_end; k++)
            peak = loss[k] > loss[peak] ? k : peak;
        for (int i = 0; i < 2; i++)
            for (long k = again[i]; k <= again[i] + 30; k++)
                again[i] = loss[k] > loss[again[i]] ? k : again[i];
        double band[2] = { HUGE_VAL, 0 };
        for (long k = 700; k <= TOTAL; k++) {
            band[0] = fmin(band[0], loss[k]);
            band[1] = fmax(band[1], loss[k]);
        }
        const double *at_320 = rate[320], *after_peak = rate[peak + 5];
        print_message("adaptive: RMSProp preconditioned sharpness %.3g at step 20, %.3g at 300; "
                      "loss peak %.3g at step %ld; step per unit gradient (%.3g, %.3g) at 320, "
                      "(%.3g, %.3g) 5 steps after the peak; loss %.2g at %ld; peaks %.2g at %ld, "
                      "%.2g at %ld; loss from 700 on %.3g to %.3g\n",
                      sharp[early->play], sharp[300], loss[peak], peak, at_320[0], at_320[1],
                      after_peak[0], after_peak[1], loss[late_end], late_end, loss[again[0]],
                      again[0], loss[again[1]], again[1], band[0], band[1]);
        assert_true(sharp[early->play] < 2 && sharp[300] > 2);
        assert_true(peak >= 320 && peak <= 330);
        assert_true(loss[peak] >= 3.5 && loss[peak] <= 5);
        assert_true(after_peak[0] < at_320[0] && after_peak[1] < at_320[1]);
        assert_int_equal(late_end, 380);
        assert_true(loss[late_end] >= 5e-15 && loss[late_end] <= 5e-14);
        assert_true(labs(again[0] - 440) <= 10 && loss[again[0]] > 0.5);
        assert_true(labs(again[1] - 525) <= 10 && loss[again[1]] > 0.5);
        assert_true(band[0] >= 0.01 && band[1] <= 0.5);
        int home = basin_of(valleys, at[TOTAL][0], at[TOTAL][1], 0.005);
        assert_true(home >= 0);
        const long peaks[] = { peak, again[0], again[1] };
        for (size_t i = 0; i < sizeof peaks / sizeof peaks[0]; i++)
            assert_int_equal(basin_of(valleys, at[peaks[i]][0], at[peaks[i]][1], 0.005), home);
    }
    landscape_destroy(valleys);
    lesson_free(&lesson);
}

/* ----------------------------------------------------------- schedules */

static void test_schedules(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("schedules", "en");
    const LessonStep *slow = step_named(&lesson, "slow");
    Landscape *bowl = make_landscape(slow->landscape);
    LandscapePoint bottom = { 0, 0 };
    LandscapeEval e;
    landscape_eval(bowl, 0, 0, &e);
    assert_close(e.grad[0], 0, 0);
    assert_close(e.grad[1], 0, 0);
    assert_close(lambda_max(bowl, bottom), 1, 1e-12); /* 2/λmax = 2 there */
    assert_close(lambda_max(bowl, (LandscapePoint){ 2, 0 }), 13, 1e-12);

    /* "slow": η = 0.05 is below 2/λmax everywhere in the view (λmax is
     * largest at its corners), and needs about 100 steps (70 to 130) to
     * come within 0.01 of the bottom. */
    ViewRect view = slow->view;
    double steepest = lambda_max(bowl, (LandscapePoint){ view.xmax, view.ymax });
    Walker w = walker(slow, bowl, slow->runs.specs[0]);
    assert_true(w.desc.lr < 2.0 / steepest);
    long slow_steps = steps_to_reach(w, bottom, 1e-2, 100000);
    print_message("schedules: η = 0.05 reaches the bottom in %ld steps\n", slow_steps);
    assert_true(slow_steps >= 70 && slow_steps <= 130);

    /* "blow_up": η = 0.5 < 2/λmax at the bottom, > 2/λmax at the start;
     * "the first step jumps clean across the bottom to the far rim,
     * steeper still": to x = -3, the view's left edge, on the map, where
     * λmax = 28 > 13; "the next throws the walk off the map"; it blows up
     * within the step.  (It said "the first steps overshoot wildly" beside
     * one straight line to the map's edge.) */
    const LessonStep *blow = step_named(&lesson, "blow_up");
    w = walker(blow, bowl, blow->runs.specs[0]);
    assert_true(w.desc.lr < 2.0 / lambda_max(bowl, bottom));
    assert_true(w.desc.lr > 2.0 / lambda_max(bowl, blow->start));
    advance(&w, 1);
    assert_true(w.state.x * blow->start.x < 0 && w.state.y * blow->start.y < 0);
    assert_close(w.state.x, view.xmin, 1e-12);
    assert_true(view_rect_contains(blow->view, w.state.x, w.state.y));
    double rim = lambda_max(bowl, (LandscapePoint){ w.state.x, w.state.y });
    print_message("schedules: blow_up's first step to (%g, %g), λmax %g there, %g at the start\n",
                  w.state.x, w.state.y, rim, lambda_max(bowl, blow->start));
    assert_true(rim > lambda_max(bowl, blow->start));
    advance(&w, 1);
    assert_false(view_rect_contains(blow->view, w.state.x, w.state.y));
    advance(&w, blow->play - 2);
    assert_true(w.diverged || loss_at(&w) > 1e6);
    assert_non_null(strstr(blow->caption, "the first step jumps clean across the bottom to the "
                                          "far rim, steeper still, and the next throws the walk "
                                          "off the map"));
    /* "Its loss leaves the plot at step 3 and overflows at step 7": the
     * plot reaches three decades above the start's loss
     * (LOSS_DECADES_ABOVE_START of loss_scale.c: 8391), step 2's loss
     * (5256, off the map at x = 12) lies under that top, step 3's (1.4e11)
     * above it; the loss is finite up to step 6 and overflows at step 7,
     * the step the legend, the map and the plot say it "diverged at" (a
     * reviewer read that plot note against "off the map" at step 2: both
     * hold, issue 12). */
    Walker blown = walker(blow, bowl, blow->runs.specs[0]);
    double plot_top = 1e3 * loss_at(&blown);
    advance(&blown, 2);
    assert_false(view_rect_contains(blow->view, blown.state.x, blown.state.y));
    assert_true(loss_at(&blown) < plot_top);
    advance(&blown, 1);
    assert_true(loss_at(&blown) > plot_top);
    advance(&blown, 3);
    assert_false(blown.diverged);
    assert_true(isfinite(loss_at(&blown)));
    advance(&blown, 1);
    assert_false(isfinite(loss_at(&blown)));
    assert_non_null(strstr(blow->caption, "Its loss leaves the plot at step 3 and overflows at "
                                          "step 7."));

    /* "warmup": linear from 0 to 0.5 over 20 steps, after which the walk
     * stands where 0.5 < 2/λmax; within 0.001 of the bottom after 30 steps, in under a third of η = 0.05's steps; the run
     * without warm-up beside it blows up. */
    const LessonStep *warm = step_named(&lesson, "warmup");
    w = walker(warm, bowl, warm->runs.specs[0]);
    assert_int_equal(w.desc.schedule.warmup, 20);
    assert_close(w.desc.lr, 0.5, 0);
    assert_true(optimizer_lr_at(&w.desc, 0) < 0.05);
    assert_close(optimizer_lr_at(&w.desc, 20), 0.5, 1e-12);
    Walker warmed = w;
    advance(&warmed, w.desc.schedule.warmup); /* on gentler ground: 0.5 is safe there */
    assert_true(w.desc.lr < 2.0 / lambda_max(bowl, (LandscapePoint){ warmed.state.x, warmed.state.y }));
    long warm_steps = steps_to_reach(w, bottom, 1e-2, 100000);
    print_message("schedules: with warm-up %ld steps, η = 0.05 %ld\n", warm_steps, slow_steps);
    assert_true(3 * warm_steps < slow_steps);
    advance(&w, 30);
    assert_true(distance(w.state.x, w.state.y, bottom) < 1e-3);
    Walker cold = walker(warm, bowl, warm->runs.specs[1]);
    assert_close(cold.desc.lr, 0.5, 0);
    assert_int_equal(cold.desc.schedule.warmup, 0);
    advance(&cold, warm->play);
    assert_true(cold.diverged || loss_at(&cold) > 1e6);
    /* The third run is η = 0.05 from the start mirrored through the
     * minimum, where the bowl is the same: step 1's walk mirrored, as
     * many steps. */
    Walker mirrored = walker(warm, bowl, warm->runs.specs[2]);
    OptimizerDesc slow_desc = parse(bowl, slow->runs.specs[0]);
    assert_close(mirrored.desc.lr, slow_desc.lr, 0);
    assert_close(mirrored.state.x, -slow->start.x, 0);
    assert_close(mirrored.state.y, -slow->start.y, 0);
    /* ... its start named on the map by its η and as the mirrored one. */
    assert_mark_says(warm, (LandscapePoint){ mirrored.state.x, mirrored.state.y }, 1e-12,
                     "η = 0.05, mirrored start");
    assert_int_equal(steps_to_reach(mirrored, bottom, 1e-2, 100000), slow_steps);

    /* "noise_constant" and "cosine": the circles are the two clouds' RMS
     * distances from the minimum after 800 steps; the cosine cloud's is
     * under a third of the constant one's; the cosine rate ends at 0 and
     * the cloud had been wider on the way ("draws in"). */
    const LessonStep *constant = step_named(&lesson, "noise_constant");
    const LessonStep *cosine = step_named(&lesson, "cosine");
    assert_int_equal(constant->play, 800);
    assert_int_equal(cosine->play, 800);
    Swarm *constant_swarm = swarm_of(constant, bowl, constant->runs.specs[0]);
    Swarm *cosine_swarm = swarm_of(cosine, bowl, cosine->runs.specs[0]);
    double constant_spread = swarm_spread(constant_swarm, bottom);
    double cosine_spread = swarm_spread(cosine_swarm, bottom);
    print_message("schedules: cloud spread constant %.4f, cosine %.4f\n", constant_spread,
                  cosine_spread);
    assert_true(cosine_spread < constant_spread / 3);
    assert_circle_shows(constant, "constant η", bottom, constant_spread);
    assert_circle_shows(cosine, "constant η", bottom, constant_spread);
    assert_circle_shows(cosine, "cosine", bottom, cosine_spread);
    OptimizerDesc cos_desc = parse(bowl, cosine->runs.specs[0]);
    assert_close(optimizer_lr_at(&cos_desc, 800), 0, 1e-12);
    swarm_restart(cosine_swarm, cosine->start.x, cosine->start.y);
    swarm_advance(cosine_swarm, 400, 2);
    assert_true(swarm_spread(cosine_swarm, bottom) > 2 * cosine_spread);
    swarm_destroy(constant_swarm);
    swarm_destroy(cosine_swarm);
    landscape_destroy(bowl);
    lesson_free(&lesson);
}

/* ----------------------------------------------- implicit regularisation */

/* The regression on one example, inputs (x1, x2) = (a, b) and target t, of
 * a step: every weight (x, y) on the line a x + b y = t fits it exactly
 * (loss 0 along landscape_minimum_line), and its point of smallest norm,
 * t (a, b)/‖(a, b)‖², is the landscape's known minimum, which the data
 * overlay labels. */
typedef struct OneExample {
    Landscape *landscape;
    double a, b, t;
    LandscapePoint min_norm;
} OneExample;

static OneExample one_example(const LessonStep *step)
{
    OneExample e = { .landscape = make_landscape(step->landscape) };
    const Dataset *data = landscape_dataset(e.landscape);
    assert_int_equal(data->n, 1);
    e.a = data->x1[0];
    e.b = data->x2[0];
    e.t = data->y[0];
    double norm2 = e.a * e.a + e.b * e.b;
    e.min_norm = (LandscapePoint){ e.a * e.t / norm2, e.b * e.t / norm2 };
    assert_close(e.min_norm.x, 0.6, 1e-15); /* "(0.6, 1.2)" */
    assert_close(e.min_norm.y, 1.2, 1e-15);
    assert_true(distance(minimum(e.landscape, 0).x, minimum(e.landscape, 0).y, e.min_norm) < 1e-9);
    LandscapePoint on_line;
    double dir[2];
    assert_true(landscape_minimum_line(e.landscape, &on_line, dir));
    for (double s = -3; s <= 3; s += 1.5)
        assert_close(landscape_value(e.landscape, on_line.x + s * dir[0], on_line.y + s * dir[1]), 0,
                    1e-12);
    return e;
}

static double angle_between(double x, double y, double angle)
{
    double d = fabs(atan2(y, x) - angle);
    return fmin(d, 2 * PI - d);
}

/* The loss plot of a step's runs on the one example: its floor is the
 * step's plot ymin, 0 to machine precision (each run ends at or under it),
 * and on the log scale no update falls more than the quartering GD does
 * (log10 4 a step), clamped at the floor: the plot's own floor, 0.1 of the
 * least loss, made run 2's exact 0 from step 30 of "other_start" a drop of
 * 15 decades to "≤ 1.54e-32" (issue 12). */
static void assert_loss_reaches_floor(const LessonStep *step, const Landscape *line)
{
    double floor_loss = step->plot_ymin;
    assert_true(floor_loss > 0 && floor_loss <= 1e-16 && step->plot_ymax > floor_loss);
    for (size_t i = 0; i < step->runs.count; i++) {
        Walker w = walker(step, line, step->runs.specs[i]);
        double before = log10(fmax(loss_at(&w), floor_loss)), steepest = 0;
        long zero = -1;
        assert_true(loss_at(&w) < step->plot_ymax);
        for (long k = 1; k <= step->play; k++) {
            advance(&w, 1);
            double now = log10(fmax(loss_at(&w), floor_loss));
            steepest = fmax(steepest, before - now);
            before = now;
            zero = zero < 0 && loss_at(&w) == 0 ? k : zero;
        }
        print_message("%s run %zu: steepest fall %.4f decades a step, ends at L = %.3g "
                      "(exactly 0 from step %ld)\n",
                      step->id, i + 1, steepest, loss_at(&w), zero);
        /* A quarter to rounding: near 1e-15 the loss steps by 2^-52 (run 2
         * of "other_start" falls 0.639 decades from step 26 to 27). */
        assert_true(steepest <= log10(4.0) + 0.05);
        assert_true(loss_at(&w) <= floor_loss);
    }
}

static void test_implicit_regularization(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("implicit_regularization", "en");
    /* "line_of_fits": one example, a line of exact fits, the marked point
     * the one of smallest norm (one_example). */
    const LessonStep *fits = step_named(&lesson, "line_of_fits");
    const LessonStep *from_zero = step_named(&lesson, "from_zero");
    OneExample example = one_example(fits);
    assert_string_equal(from_zero->landscape, fits->landscape);
    Landscape *line = example.landscape;
    double a = example.a, b = example.b, t = example.t, norm2 = a * a + b * b;
    LandscapePoint min_norm = example.min_norm;

    /* Every gradient is a multiple of x = (a, b): across the line of fits. */
    for (double px = -2; px <= 3; px += 1.25)
        for (double py = -1.5; py <= 3; py += 1.5) {
            double g[2];
            landscape_value_grad(line, px, py, g);
            assert_close(g[0] * b - g[1] * a, 0, 1e-12 * (1 + hypot(g[0], g[1])));
        }

    /* "from_zero": GD from 0 lands on the minimum-norm solution, to 1e-9. */
    Walker w = walker(from_zero, line, from_zero->runs.specs[0]);
    assert_true(w.state.x == 0 && w.state.y == 0);
    advance(&w, from_zero->play);
    assert_true(distance(w.state.x, w.state.y, min_norm) < 1e-9);
    assert_loss_reaches_floor(from_zero, line);

    /* "other_start": from another start, the fit closest to that start,
     * to 1e-9. */
    const LessonStep *elsewhere = step_named(&lesson, "other_start");
    assert_true(elsewhere->show & LESSON_SHOW_GRADIENT); /* the arrows it speaks of */
    w = walker(elsewhere, line, elsewhere->runs.specs[1]);
    double sx = w.state.x, sy = w.state.y, r = (t - (a * sx + b * sy)) / norm2;
    LandscapePoint nearest = { sx + r * a, sy + r * b };
    advance(&w, elsewhere->play);
    assert_true(distance(w.state.x, w.state.y, nearest) < 1e-9);
    assert_true(distance(nearest.x, nearest.y, min_norm) > 1);
    assert_loss_reaches_floor(elsewhere, line);
    landscape_destroy(line);

    /* "logistic": data a line through 0 separates, no finite minimum; the
     * norm keeps growing while the direction approaches the max-margin
     * one. */
    const LessonStep *logistic = step_named(&lesson, "logistic");
    Landscape *logreg = make_landscape(logistic->landscape);
    LandscapePoint none[1];
    assert_int_equal(landscape_minima(logreg, none, 1), 0); /* no finite minimum */
    /* The core's max-margin direction (checked against a brute-force scan
     * of angles in test_data_overlays). */
    double margin_dir[2];
    assert_true(landscape_max_margin_direction(logreg, margin_dir));
    double target = atan2(margin_dir[1], margin_dir[0]);
    const Dataset *points = landscape_dataset(logreg);
    for (size_t i = 0; i < points->n; i++) /* a line through 0 separates them */
        assert_true(points->y[i] * (margin_dir[0] * points->x1[i] + margin_dir[1] * points->x2[i]) > 0);
    /* "λ = 0" (no weight decay: the legend's formula ends in (λ/2)|w|²):
     * the spec the legend shows says l2=0 (as "λ=0"), and the loss at w =
     * (3, 2) is the mean log-loss alone. */
    assert_non_null(strstr(logistic->landscape, ",l2=0"));
    double log_loss = 0;
    for (size_t i = 0; i < points->n; i++)
        log_loss += log1p(exp(-points->y[i] * (3 * points->x1[i] + 2 * points->x2[i])));
    assert_close(landscape_value(logreg, 3, 2), log_loss / (double)points->n, 1e-12);
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
    /* "shape": flat at the centre, curving up along x and down along y;
     * minima at y = ±1 (x = 0), all three marked; the step is in 3D. */
    const LessonStep *intro = step_named(&lesson, "shape");
    assert_true(intro->show & LESSON_SHOW_3D);
    Landscape *landscape = make_landscape(intro->landscape);
    LandscapeEval e;
    landscape_eval(landscape, 0, 0, &e);
    assert_true(e.grad[0] == 0 && e.grad[1] == 0);
    assert_true(e.hess[0] > 0 && e.hess[2] < 0 && e.hess[1] == 0); /* up in x, down in y */
    const LandscapePoint marked[3] = { { 0, 0 }, { 0, 1 }, { 0, -1 } }; /* saddle, minima */
    assert_int_equal(intro->mark_count, 3);
    for (size_t m = 0; m < 3; m++) {
        assert_true(distance(intro->marks[m].x, intro->marks[m].y, marked[m]) < 1e-12);
        landscape_eval(landscape, marked[m].x, marked[m].y, &e);
        assert_true(e.grad[0] == 0 && e.grad[1] == 0);
        assert_true(m == 0 || lambda_min(landscape, marked[m]) > 0);
    }

    /* Every step after it, about the saddle too, marks it (a frame review
     * found it marked in the first step only). */
    for (size_t i = 1; i < lesson.step_count; i++) {
        const LessonStep *later = &lesson.steps[i];
        bool marked_saddle = false;
        for (size_t m = 0; m < later->mark_count; m++)
            marked_saddle |= later->marks[m].x == 0 && later->marks[m].y == 0 &&
                             strcmp(later->marks[m].label, intro->marks[0].label) == 0;
        assert_true(marked_saddle);
    }

    /* "stall": on y = 0 the gradient has no y part; GD walks into the
     * saddle and stays. */
    const LessonStep *stall = step_named(&lesson, "stall");
    Walker w = walker(stall, landscape, stall->runs.specs[0]);
    assert_true(w.state.y == 0);
    for (double x = -2; x <= 2; x += 0.25) {
        double g[2];
        landscape_value_grad(landscape, x, 0, g);
        assert_true(g[1] == 0);
    }
    advance(&w, stall->play);
    assert_true(hypot(w.state.x, w.state.y) < 1e-9);

    /* "plateau": from y = 0.001 the loss stays within 1% of the saddle's
     * for 40 steps, then GD ends in a minimum. */
    const LessonStep *hair = step_named(&lesson, "plateau");
    w = walker(hair, landscape, hair->runs.specs[0]);
    assert_close(w.state.y, 0.001, 0);
    long gd_escape = steps_to_escape(w, 100000);
    double plateau = landscape_value(landscape, 0, 0);
    Walker probe = w;
    advance(&probe, 40);
    assert_true(fabs(loss_at(&probe) - plateau) < 0.01 * plateau);
    advance(&w, hair->play);
    assert_true(fabs(fabs(w.state.y) - 1) < 1e-3 && fabs(w.state.x) < 1e-3);
    /* The plateau is seen: the loss plot (L − L*, log scale) is fixed to a
     * range where the fall from the start to the saddle's level takes at
     * least a fifth of its height (on the whole range, down to the 1e-32
     * GD reaches, it took 3 %); stall shows the same range. */
    double floor_loss = landscape_value(landscape, 0, 1);
    double top = landscape_value(landscape, hair->start.x, hair->start.y) - floor_loss;
    double level = plateau - floor_loss;
    const LessonStep *const ranged[] = { stall, hair };
    for (size_t i = 0; i < 2; i++) {
        double lo = ranged[i]->plot_ymin, hi = ranged[i]->plot_ymax;
        assert_true(lo > 0 && lo < level && top < hi);
        print_message("saddle: %s's loss plot %g .. %g: the fall to the plateau takes %.0f %%\n",
                      ranged[i]->id, lo, hi, 100 * log(top / level) / log(hi / lo));
        assert_true(log(top / level) / log(hi / lo) > 0.2);
    }

    /* "noise": from the exact start, over the step's 200 seeds, at least
     * 95% have left the line (|y| > 0.5) after 200 steps, into both
     * minima (each at least a quarter). */
    const LessonStep *noisy = step_named(&lesson, "noise");
    assert_int_equal(noisy->play, 200);
    assert_true(noisy->start.y == 0);
    Swarm *swarm = swarm_of(noisy, landscape, noisy->runs.specs[0]);
    size_t up = 0, down = 0, n = swarm_count(swarm);
    for (size_t i = 0; i < n; i++) {
        up += swarm_particle(swarm, i).y > 0.5;
        down += swarm_particle(swarm, i).y < -0.5;
    }
    print_message("saddle: of %zu noisy walkers after 200 steps %zu are up, %zu down; "
                  "GD needs %ld\n", n, up, down, gd_escape);
    assert_true(up + down >= 0.95 * (double)n);
    assert_true(up >= n / 4 && down >= n / 4);
    swarm_destroy(swarm);

    /* "momentum": steps to |y| > 0.5 from y = 0.001: GD 67, momentum 25;
     * after the step's 45 updates momentum circles the minimum (0, 1), GD
     * is on the saddle (its loss within 2% of the saddle's), its path
     * along y = 0 under momentum's first swings. */
    const LessonStep *race = step_named(&lesson, "momentum");
    Walker heavy = walker(race, landscape, race->runs.specs[0]); /* first: selected */
    Walker plain = walker(race, landscape, race->runs.specs[1]);
    assert_int_equal(heavy.desc.kind, OPT_MOMENTUM);
    assert_int_equal(plain.desc.kind, OPT_GD);
    assert_false(race->show & LESSON_SHOW_VELOCITY); /* a stub at step 45 */
    /* "each step adds to the last" is momentum's update; "circles the
     * minimum at y = 1": from step 30 to the step's end within 0.3 of it,
     * and from step 25 (past y = 0.5) over one whole turn about it. */
    Walker circling = heavy, under = plain;
    double swing_lo = heavy.state.x, swing_hi = heavy.state.x, turned = 0;
    double bearing = atan2(heavy.state.y - 1, heavy.state.x);
    for (long k = 1; k <= race->play; k++) {
        advance(&circling, 1);
        advance(&under, 1);
        double now = atan2(circling.state.y - 1, circling.state.x);
        if (k > 25)
            turned += remainder(now - bearing, 2 * M_PI);
        bearing = now;
        if (k >= 30)
            assert_true(hypot(circling.state.x, circling.state.y - 1) < 0.3);
        if (fabs(circling.state.y) < 0.2)
            swing_lo = fmin(swing_lo, circling.state.x), swing_hi = fmax(swing_hi, circling.state.x);
        /* GD's path: on y = 0 until it is by the saddle, within the x span
         * of momentum's first swings near the line (its trail is drawn
         * under the selected run's). */
        assert_true(fabs(under.state.y) < 0.01 || hypot(under.state.x, under.state.y) < 0.1);
        assert_true(under.state.x >= swing_lo && under.state.x <= swing_hi);
    }
    print_message("saddle: momentum turns %.2f times about (0, 1) from step 25 to %ld\n",
                  fabs(turned) / (2 * M_PI), race->play);
    assert_true(fabs(turned) > 2 * M_PI);
    long plain_steps = steps_to_escape(plain, 100000), heavy_steps = steps_to_escape(heavy, 100000);
    print_message("saddle: steps to |y| > 0.5: gd %ld, momentum %ld\n", plain_steps, heavy_steps);
    assert_int_equal(plain_steps, gd_escape);
    assert_int_equal(plain_steps, 67);
    assert_int_equal(heavy_steps, 25);
    assert_int_equal(race->play, 45);
    /* GD still close to the saddle after the 45, only starting to leave:
     * its distance from it, which the step plots, falls to its least and
     * then grows at every step to the end, under 0.1. */
    double gd_nearest = HUGE_VAL;
    long gd_nearest_at = 0;
    for (long k = 1; k <= race->play; k++) {
        double before = hypot(plain.state.x, plain.state.y);
        advance(&plain, 1);
        double now = hypot(plain.state.x, plain.state.y);
        if (now < gd_nearest)
            gd_nearest = now, gd_nearest_at = k;
        assert_true(k <= gd_nearest_at || now > before);
    }
    print_message("saddle: GD nearest the saddle at step %ld (%.4f), %.4f from it at step %ld\n",
                  gd_nearest_at, gd_nearest, hypot(plain.state.x, plain.state.y), race->play);
    assert_true(gd_nearest_at < race->play - 10);
    /* "at its nearest 0.0122" (momentum) and "came as near, 0.0121" (GD):
     * each run's least distance, as the distance plot writes it at the
     * run's dip (src/render/dynamics.c's draw_least); "and lingers": GD
     * within 0.1 of the saddle for 33 of the 45 steps (and at step 45,
     * below), momentum for 3. */
    assert_true(race->show & LESSON_SHOW_DISTANCE);
    assert_true(race->distance_from.x == 0 && race->distance_from.y == 0);
    char nearest_shown[32];
    assert_string_equal(number_text(gd_nearest, 3, nearest_shown, sizeof nearest_shown), "0.0121");
    Walker swinging = walker(race, landscape, race->runs.specs[0]);
    Walker lingering = walker(race, landscape, race->runs.specs[1]);
    double heavy_nearest = HUGE_VAL;
    long heavy_near = 0, plain_near = 0;
    for (long k = 1; k <= race->play; k++) {
        advance(&swinging, 1);
        advance(&lingering, 1);
        heavy_nearest = fmin(heavy_nearest, hypot(swinging.state.x, swinging.state.y));
        heavy_near += hypot(swinging.state.x, swinging.state.y) < 0.1;
        plain_near += hypot(lingering.state.x, lingering.state.y) < 0.1;
    }
    print_message("saddle: momentum nearest the saddle %.5f, GD %.5f; within 0.1 of it: "
                  "momentum %ld steps, GD %ld\n", heavy_nearest, gd_nearest, heavy_near,
                  plain_near);
    assert_string_equal(number_text(heavy_nearest, 3, nearest_shown, sizeof nearest_shown),
                        "0.0122");
    assert_true(plain_near >= 30 && heavy_near <= 3);
    assert_true(hypot(plain.state.x, plain.state.y) < 0.1);
    advance(&heavy, race->play);
    assert_true(fabs(loss_at(&plain) - plateau) < 0.02 * plateau);
    assert_true(hypot(heavy.state.x, heavy.state.y) > 1);
    landscape_destroy(landscape);
    lesson_free(&lesson);
}

/* --------------------------------------------------------- adam vs sgd */

static void test_adam_vs_sgd(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("adam_vs_sgd", "en");
    const LessonStep *gd_step = step_named(&lesson, "gd_min_norm");
    OneExample example = one_example(gd_step); /* "every point on the line fits" */
    Landscape *line = example.landscape;
    double a = example.a, b = example.b, t = example.t;
    LandscapePoint min_norm = example.min_norm;

    /* "gd_min_norm": from zero, every GD step is a multiple of x = (a, b),
     * at right angles to the line of fits; it ends on the min-norm point. */
    Walker gd = walker(gd_step, line, gd_step->runs.specs[0]);
    assert_true(gd.state.x == 0 && gd.state.y == 0);
    for (long k = 0; k < gd_step->play; k++) {
        advance(&gd, 1);
        assert_close(gd.state.step[0] * b - gd.state.step[1] * a, 0, 1e-15);
    }
    assert_true(distance(gd.state.x, gd.state.y, min_norm) < 1e-9);

    /* adam_diagonal's map names the dotted segment from 0 to the line's
     * anchor "shortest way from 0" (data_view.c): the anchor is the
     * min-norm point and the segment meets the line at right angles, so no
     * point of the line lies nearer 0. */
    LandscapePoint anchor;
    double along[2];
    assert_true(landscape_minimum_line(line, &anchor, along));
    assert_true(distance(anchor.x, anchor.y, min_norm) < 1e-12);
    assert_close(anchor.x * along[0] + anchor.y * along[1], 0, 1e-12);
    for (double s = -5; s <= 5; s += 0.25)
        assert_true(hypot(anchor.x + s * along[0], anchor.y + s * along[1]) >=
                    hypot(anchor.x, anchor.y));

    /* "adam_diagonal": both weights move by the same amount every step
     * (x = y to 1e-6), by η (to 2%) in each of the first five; the walk
     * crosses the line at least five times, each swing (the furthest it
     * gets from the line between two crossings) no wider than the one
     * before, and ends at (1, 1) (to 1e-3), a fit of larger norm than the
     * min-norm point. */
    const LessonStep *adam_step = step_named(&lesson, "adam_diagonal");
    Walker adam = walker(adam_step, line, adam_step->runs.specs[0]);
    assert_int_equal(adam.desc.kind, OPT_ADAM);
    double overshoot = 0, last_swing = HUGE_VAL, swing = 0;
    int crossings = 0, growing = 0;
    for (long k = 0; k < adam_step->play; k++) {
        double before = a * adam.state.x + b * adam.state.y - t;
        advance(&adam, 1);
        double after = a * adam.state.x + b * adam.state.y - t;
        swing = fmax(swing, fabs(after));
        if (before * after < 0 && k > 0) { /* a swing ends where the walk crosses */
            crossings++;
            growing += swing > last_swing;
            last_swing = swing;
            swing = 0;
        }
        assert_close(adam.state.x, adam.state.y, 1e-6);
        if (k < 5) {
            assert_close(adam.state.step[0], adam.desc.lr, 0.02 * adam.desc.lr);
            assert_close(adam.state.step[1], adam.desc.lr, 0.02 * adam.desc.lr);
        }
        overshoot = fmax(overshoot, a * adam.state.x + b * adam.state.y - t);
    }
    print_message("adam_vs_sgd: Adam overshoots the line by %.3f (in x·x1 + y·x2), crosses it %d times, "
                  "%d swings wider than the one before\n", overshoot, crossings, growing);
    assert_true(overshoot > 0.1);
    assert_true(crossings >= 5 && growing == 0);
    LandscapePoint adam_end = { adam.state.x, adam.state.y };
    print_message("adam_vs_sgd: Adam ends at (%.6f, %.6f), loss %.3g; GD at (%.6f, %.6f)\n",
                  adam_end.x, adam_end.y, loss_at(&adam), gd.state.x, gd.state.y);
    assert_true(distance(adam_end.x, adam_end.y, (LandscapePoint){ 1, 1 }) < 1e-3);
    assert_true(loss_at(&adam) < 1e-12);
    assert_true(distance(adam_step->marks[0].x, adam_step->marks[0].y, adam_end) < 1e-3);
    assert_true(hypot(adam_end.x, adam_end.y) > hypot(min_norm.x, min_norm.y));

    /* "both": the same two runs, Adam listed first, the data panel's run
     * as in adam_diagonal (the legend numbers GD 1 and Adam 2 as in the
     * steps before: test_window's test_run_keeps_its_number); both
     * losses end below 1e-13 and the ends are 0.45 apart. */
    const LessonStep *both = step_named(&lesson, "both");
    assert_string_equal(both->runs.specs[0], adam_step->runs.specs[0]);
    assert_string_equal(both->runs.specs[1], gd_step->runs.specs[0]);
    Walker a2 = walker(both, line, both->runs.specs[0]);
    Walker g2 = walker(both, line, both->runs.specs[1]);
    advance(&g2, both->play);
    advance(&a2, both->play);
    assert_true(loss_at(&g2) < 1e-13 && loss_at(&a2) < 1e-13);
    assert_close(distance(g2.state.x, g2.state.y, (LandscapePoint){ a2.state.x, a2.state.y }),
                0.45, 0.005);
    assert_true(distance(both->marks[0].x, both->marks[0].y, adam_end) < 1e-3);
    landscape_destroy(line);
    lesson_free(&lesson);
}

/* --------------------------------------------------- edge of stability */

static double sharpness(const Walker *w)
{
    return lambda_max(w->landscape, (LandscapePoint){ w->state.x, w->state.y });
}

static void test_edge_of_stability(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("edge_of_stability", "en");
    Lesson zh = load_lesson("edge_of_stability", "zh");
    const LessonStep *climb = step_named(&lesson, "climb");
    const LessonStep *hover = step_named(&lesson, "hover");
    const LessonStep *below = step_named(&lesson, "below_edge");
    assert_true(climb->show & LESSON_SHOW_SHARPNESS);
    assert_true(hover->show & LESSON_SHOW_SHARPNESS);
    assert_true(below->show & LESSON_SHOW_SHARPNESS);
    Landscape *valley = make_landscape(climb->landscape);
    LandscapePoint bottom = minimum(valley, 0);
    double sharp_bottom = lambda_max(valley, bottom);
    assert_close(sharp_bottom, 1002, 0.5); /* "λmax = 1002" at the minimum */

    /* "climb": η = 0.0021, 2/η ≈ 952; λmax falls to 200 (within 1%) and
     * then climbs to the line (within 5% of it by the step's end). */
    assert_mark_says(climb, bottom, 1e-12, "minimum"); /* the ring at (1, 1) named */
    Walker w = walker(climb, valley, climb->runs.specs[0]);
    double edge = 2.0 / w.desc.lr;
    assert_close(edge, 952, 0.5);
    double lowest = HUGE_VAL, start = sharpness(&w), leap = start;
    long lowest_at = 0;
    for (long k = 1; k <= climb->play; k++) {
        advance(&w, 1);
        if (sharpness(&w) < lowest) {
            lowest = sharpness(&w);
            lowest_at = k;
        }
        if (k <= 2)
            leap = fmax(leap, sharpness(&w));
    }
    print_message("edge_of_stability: λmax %.1f at the start, %.1f in the first two steps, "
                  "lowest %.1f at step %ld, %.1f at step %ld\n",
                  start, leap, lowest, lowest_at, sharpness(&w), climb->play);
    /* "λmax leaps from 300 to over 700 as GD drops into the valley": the
     * plot's first rise, which the caption said nothing of before its
     * "first falls to 200" (review, issue 12); measured 300.0 to 743.4. */
    assert_close(start, 300, 1);
    assert_true(leap > 700 && leap < 750);
    assert_non_null(strstr(climb->caption, "λmax leaps from 300 to over 700"));
    assert_non_null(strstr(step_named(&zh, "climb")->caption, "λmax 先从 300 跃升到 700 以上"));
    assert_close(lowest, 200, 2);
    assert_true(lowest_at < climb->play / 4);
    assert_true(fabs(sharpness(&w) / edge - 1) < 0.05);
    assert_true(sharp_bottom > edge);

    /* "hover" goes on for 3000 steps: λmax within 12% of 2/η throughout,
     * within 5% at least 90% of the steps.  "The loss falls 880 more
     * steps, then jumps over 100-fold three times" (each a jump, up and
     * back down, as the plot's spikes): the loss falls at each of its
     * first 880 steps (± 5), and
     * three times it climbs over 100 times the lowest since the last jump,
     * then falls below a hundredth of that jump's peak (measured: 882
     * steps to 0.000219; jumps to 1.32, 0.523 and 0.28, each back under a
     * hundredth of it).  It said the loss "no longer falls steadily" over
     * a plot that fell smoothly to step 3882. */
    assert_true(hover->keep);
    assert_int_equal(hover->play, 3000);
    long near = 0, falls = -1;
    int jumps = 0, back = 0;
    double worst = 0, prev = loss_at(&w), low = prev, peak = 0;
    for (long k = 1; k <= hover->play; k++) {
        advance(&w, 1);
        double off = fabs(sharpness(&w) / edge - 1), now = loss_at(&w);
        worst = fmax(worst, off);
        near += off < 0.05;
        if (falls < 0 && now >= prev)
            falls = k - 1;
        prev = now;
        if (peak == 0) {
            low = fmin(low, now);
            if (now > 100 * low)
                jumps++, peak = now;
        } else if (now > peak) {
            peak = now;
        } else if (now < 0.01 * peak) {
            print_message("edge_of_stability: jump %d to %.3g, back to %.3g at step %ld\n", jumps,
                          peak, now, k);
            back++, peak = 0, low = now;
        }
    }
    print_message("edge_of_stability: over %ld steps λmax is at most %.1f%% off 2/η, within 5%% "
                  "at %.1f%% of them; the loss falls for %ld steps, then jumps %d times, "
                  "falling back %d\n", hover->play, 100 * worst,
                  100.0 * (double)near / (double)hover->play, falls, jumps, back);
    assert_true(worst < 0.12);
    assert_true((double)near >= 0.9 * (double)hover->play);
    assert_true(labs(falls - 880) <= 5);
    assert_int_equal(jumps, 3);
    assert_int_equal(back, 3);
    assert_false(w.diverged);

    /* "below_edge": η = 0.0019, 2/η ≈ 1053 > 1002; λmax climbs (past 990)
     * but stays under 2/η, and the loss falls at every step. */
    Walker calm = walker(below, valley, below->runs.specs[0]);
    double calm_edge = 2.0 / calm.desc.lr;
    assert_close(calm_edge, 1053, 0.5);
    assert_true(calm_edge > sharp_bottom);
    double highest = 0, last = loss_at(&calm);
    for (long k = 0; k < below->play; k++) {
        advance(&calm, 1);
        assert_true(loss_at(&calm) < last);
        last = loss_at(&calm);
        assert_true(sharpness(&calm) < calm_edge);
        highest = fmax(highest, sharpness(&calm));
    }
    assert_true(highest > 990);
    assert_true(distance(calm.state.x, calm.state.y, bottom) < 0.01);

    /* The sharpness plot labels its line "2/η = N" with the screen's number
     * rule (core/number_text.h); each caption names the same N. */
    const LessonStep *const steps[][2] = {
        { climb, step_named(&zh, "climb") }, { below, step_named(&zh, "below_edge") } };
    const double edges[] = { edge, calm_edge };
    /* Each jump falls back (back == 3 above), said in both languages: the
     * zh caption said so and the en did not. */
    assert_non_null(strstr(hover->caption, "falls 880 more steps, then jumps over 100-fold "
                                           "and back three times"));
    assert_non_null(strstr(step_named(&zh, "hover")->caption, "又下降了 880 步，随后三次跳升到 "
                                                               "100 倍以上，每次又落回来"));
    for (size_t i = 0; i < 2; i++) {
        char shown[32], said[64];
        snprintf(said, sizeof said, "2/η ≈ %s", number_text(edges[i], 3, shown, sizeof shown));
        print_message("edge_of_stability: the plot shows 2/η = %s\n", shown);
        assert_non_null(strstr(steps[i][0]->caption, said));
        assert_non_null(strstr(steps[i][1]->caption, said));
    }
    /* "At the minimum λmax = 1002" (hover), "the minimum's 1002"
     * (below_edge): a mark on the minimum shows the number the screen's
     * rule writes, in both languages. */
    char bottom_shown[32], bottom_said[64];
    snprintf(bottom_said, sizeof bottom_said, "λmax = %s",
             number_text(sharp_bottom, 4, bottom_shown, sizeof bottom_shown));
    const char *const ids[] = { "hover", "below_edge" };
    for (size_t i = 0; i < 2; i++) {
        const LessonStep *said_in[] = { step_named(&lesson, ids[i]), step_named(&zh, ids[i]) };
        for (size_t l = 0; l < 2; l++) {
            assert_non_null(strstr(said_in[l]->caption, bottom_shown));
            assert_mark_says(said_in[l], bottom, 1e-9, bottom_said);
        }
    }
    lesson_free(&zh);
    landscape_destroy(valley);
    lesson_free(&lesson);
}

/* ------------------------------------------------ trained_not_derived */

/* The lesson's networks (model, data, optimizer, size, updates from its
 * steps) over 20 data sets and starts: group g takes the lesson's data with
 * seed=g and init seeds init_seed + K·g ..; g = 0 is the lesson's own.  Step
 * one_network's single run from θ0 of init seed init_seed + K·g is trained
 * beside group g's ensemble of K (step eight's); step barrier's ensemble of
 * two is trained for g = 0.  Exact (the same seeds train the same way every
 * time). */
#define TND_GROUPS 20

static void test_network_trained_not_derived(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("trained_not_derived", "en");
    const LessonStep *one = step_named(&lesson, "one_network");
    const LessonStep *fit = step_named(&lesson, "eight");
    const LessonStep *two = step_named(&lesson, "barrier");
    /* one_network: "One network ... trained by Adam", "1000 small training
     * steps", shown on its own (the slice, no ensemble). */
    assert_int_equal(one->ensemble, 0);
    assert_int_equal(one->runs.count, 1);
    assert_non_null(strstr(one->runs.specs[0], "adam"));
    assert_int_equal(one->play, 1000);
    /* eight: "no two thumbnails colour the square around the data alike",
     * which the thumbnails show (each colours that square's 32 × 32 cells,
     * core/netdata.h's netdata_square), in both languages: "disagree on at
     * least 1%" had no number on screen to read it from. */
    assert_non_null(strstr(fit->caption, "no two thumbnails colour the square around the data "
                                         "alike"));
    Lesson zh = load_lesson("trained_not_derived", "zh");
    assert_non_null(strstr(step_named(&zh, "eight")->caption, "没有哪两个把数据周围的正方形涂得一样"));
    lesson_free(&zh);
    /* eight: "Eight networks of that shape ... trained the same way". */
    size_t members = fit->ensemble;
    assert_int_equal(members, 8);
    assert_false(fit->keep);
    assert_string_equal(fit->model, one->model);
    assert_string_equal(fit->data, one->data);
    assert_int_equal(fit->runs.count, 1);
    assert_string_equal(fit->runs.specs[0], one->runs.specs[0]);
    assert_int_equal(fit->play, one->play);
    /* barrier: "The first two again, seeds 0 and 1": an ensemble of two from
     * the same first seed, trained the same way (their weights are compared
     * with step eight's first two below). */
    assert_false(two->keep);
    assert_int_equal(two->ensemble, 2);
    assert_int_equal(two->init_seed, fit->init_seed);
    assert_int_equal(fit->init_seed, 0);
    assert_string_equal(two->model, fit->model);
    assert_string_equal(two->data, fit->data);
    assert_int_equal(two->runs.count, 1);
    assert_string_equal(two->runs.specs[0], fit->runs.specs[0]);
    assert_int_equal(two->play, fit->play);
    Model model;
    DescentError err = { "" };
    assert_true(model_parse(fit->model, &model, &err));
    ModelWork *work = model_work_create(&model);
    double *theta0 = malloc(model.nparams * sizeof *theta0);
    assert_non_null(work);
    assert_non_null(theta0);
    /* fall_least: the least fall of the single run's training loss over
     * its last 100 updates, as a share of where they began. */
    double worst_one = 0, fall_least = 1, worst_loss = 0, ratio_min = (double)INFINITY, ratio_max = 0;
    double differ_min = 1, rise_min = (double)INFINITY, rise_max = 0, own_rise = 0;
    EnsembleDistances own = {0};
    for (uint64_t g = 0; g < TND_GROUPS; g++) {
        char data[256];
        snprintf(data, sizeof data, "%s,seed=%llu", fit->data, (unsigned long long)g);
        NetDataSplit split;
        if (!netdata_create(data, &split, &err))
            fail_msg("%s", err.message);
        OptimizerDesc desc;
        assert_true(optimizer_parse_vec(fit->runs.specs[0], split.train.n, data, &desc, &err));
        Rng rng;
        rng_seed(&rng, one->init_seed + members * g);
        model_init(&model, &rng, theta0);
        NetRun single;
        assert_true(net_run_init(&single, &model, &split, &desc, theta0, 0, &err));
        bool ok = true;
        assert_int_equal(net_run_advance(&single, (size_t)one->play, &ok, &err),
                         (size_t)one->play);
        assert_true(ok);
        double one_loss = single.metrics[single.count - 1].train_loss;
        /* "… ends below 0.05 and is still falling": lower than 100
         * updates before (the slice dips on past run 1's end). */
        double before = single.metrics[single.count - 101].train_loss;
        fall_least = fmin(fall_least, 1 - one_loss / before);
        Ensemble e;
        assert_true(ensemble_init(&e, &model, &split, &desc, fit->init_seed + members * g,
                                  members, &err));
        ensemble_step(&e, (size_t)fit->play);
        double loss = 0;
        for (size_t k = 0; k < members; k++) {
            const NetRun *run = ensemble_member(&e, k);
            assert_int_equal(run->count, fit->play + 1);
            loss = fmax(loss, run->metrics[run->count - 1].train_loss);
        }
        /* The one network is the ensemble's first, seed init_seed + K·g:
         * run 1's line in the legend is the same in both steps. */
        assert_memory_equal(net_run_theta(&single), net_run_theta(ensemble_member(&e, 0)),
                            model.nparams * sizeof(double));
        if (g == 0) {
            /* barrier's pair is eight's first two, weight for weight. */
            Ensemble pair;
            assert_true(ensemble_init(&pair, &model, &split, &desc, two->init_seed, 2, &err));
            ensemble_step(&pair, (size_t)two->play);
            for (size_t k = 0; k < 2; k++)
                assert_memory_equal(net_run_theta(ensemble_member(&pair, k)),
                                    net_run_theta(ensemble_member(&e, k)),
                                    model.nparams * sizeof(double));
            ensemble_free(&pair);
        }
        EnsembleDistances d = ensemble_distances(&e);
        double differ = 1;
        for (size_t a = 0; a < members; a++)
            for (size_t b = a + 1; b < members; b++) {
                double share;
                assert_true(model_regions_differ(&model, net_run_theta(ensemble_member(&e, a)),
                                                 net_run_theta(ensemble_member(&e, b)), &split,
                                                 work, &share));
                differ = fmin(differ, share);
            }
        double line[21];
        assert_true(slice_line(&model, &split.train, net_run_theta(ensemble_member(&e, 0)),
                               net_run_theta(ensemble_member(&e, 1)), 0, 1, 21, line, NULL,
                               &err));
        double top = 0;
        for (int k = 0; k < 21; k++)
            top = fmax(top, line[k]);
        double rise = top - fmax(line[0], line[20]);
        if (g == 0) {
            own_rise = rise;
            own = d;
        }
        print_message("data seed %2llu: one network's train loss %.4f, the ensemble's worst "
                      "%.4f, distances %.1f..%.1f, each pair's against its mean |θ| %.2f..%.2f, "
                      "least disagreement %.3f, line rises %.3f\n",
                      (unsigned long long)g, one_loss, loss, d.min, d.max, d.least_ratio,
                      d.most_ratio, differ, rise);
        worst_one = fmax(worst_one, one_loss);
        worst_loss = fmax(worst_loss, loss);
        ratio_min = fmin(ratio_min, d.least_ratio);
        ratio_max = fmax(ratio_max, d.most_ratio);
        differ_min = fmin(differ_min, differ);
        rise_min = fmin(rise_min, rise);
        rise_max = fmax(rise_max, rise);
        net_run_free(&single);
        ensemble_free(&e);
        netdata_free(&split);
    }
    print_message("one network: worst train loss %.4f; ensembles: worst train loss %.4f; "
                  "a pair's distance / its mean |θ| %.2f .. %.2f; least disagreement %.3f; rise %.3f .. "
                  "%.3f\n", worst_one, worst_loss, ratio_min, ratio_max, differ_min, rise_min,
                  rise_max);
    /* one_network: "its training loss ends below 0.05". */
    assert_true(worst_one < 0.05);
    print_message("trained_not_derived: the single run's training loss falls at least %.1f%% "
                  "over its last 100 updates\n", 100 * fall_least);
    assert_true(fall_least > 0);
    assert_non_null(strstr(one->caption, "ends below 0.05 and is still falling"));
    /* eight: "each with a training loss below 0.05". */
    assert_true(worst_loss < 0.05);
    /* eight: "about 1.3 to 1.5 times their mean |θ| apart", the lesson's
     * own least and most ratio (1.30, 1.48) to one place, as the panel
     * beside the thumbnails gives them to two (net_ensemble_view.c), in en
     * and zh: the caption said "at least 1.1", the 20 trials' floor, beside
     * the panel's "1.30 to 1.48" (issue 12).  "no two thumbnails colour
     * the square ... alike": any two differ on 1% of its cells at least,
     * ten or more of the 1024 (the lesson's own 3.0 %). */
    char ratios[96];
    snprintf(ratios, sizeof ratios, "about %.1f to %.1f times their mean |θ| apart",
             own.least_ratio, own.most_ratio);
    assert_non_null(strstr(fit->caption, ratios));
    assert_true(differ_min >= 0.01);
    /* barrier: "rises 4.47 above both ends", the lesson's own pair's rise
     * as the strip under the thumbnails titles it (render's "%.2f"), and
     * "at least 0.9 in all 20 trials", in en and zh: the caption gave
     * only the 20 trials' 0.9 beside the strip's 4.47. */
    assert_true(rise_min >= 0.9);
    char said[96];
    snprintf(said, sizeof said, "rises %.2f above both ends", own_rise);
    assert_non_null(strstr(two->caption, said));
    assert_non_null(strstr(two->caption, "at least 0.9 in all 20 trials"));
    Lesson zh_lesson = load_lesson("trained_not_derived", "zh");
    snprintf(said, sizeof said, "比两端都高出 %.2f", own_rise);
    assert_non_null(strstr(step_named(&zh_lesson, "barrier")->caption, said));
    assert_non_null(strstr(step_named(&zh_lesson, "barrier")->caption, "20 次试验中每次至少 0.9"));
    snprintf(ratios, sizeof ratios, "约是它们平均 |θ| 的 %.1f 到 %.1f 倍", own.least_ratio,
             own.most_ratio);
    assert_non_null(strstr(step_named(&zh_lesson, "eight")->caption, ratios));
    lesson_free(&zh_lesson);
    free(theta0);
    model_work_destroy(work);
    lesson_free(&lesson);
}

/* Start g of a network lesson's step: its data with seed=g (the spec into
 * data, the split into split) and θ0 from init seed init_seed + g. */
static void network_start(const LessonStep *step, const Model *model, uint64_t g, char *data,
                          size_t size, NetDataSplit *split, double *theta0)
{
    DescentError err = { "" };
    snprintf(data, size, "%s,seed=%llu", step->data, (unsigned long long)g);
    if (!netdata_create(data, split, &err))
        fail_msg("%s", err.message);
    Rng rng;
    rng_seed(&rng, step->init_seed + g);
    model_init(model, &rng, theta0);
}

/* ----------------------------------------------------- representation */

/* The lesson's network (model, data, optimizer, updates from its steps)
 * over 20 data sets and starts: g takes the lesson's data with seed=g and
 * init seed init_seed + g; g = 0 is the lesson's own.  The probe is
 * core/represent.h's on the last hidden layer.  Exact. */
#define REPR_SEEDS 20

static void test_network_representation(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("representation", "en");
    const LessonStep *untrained = step_named(&lesson, "untrained");
    const LessonStep *trained = step_named(&lesson, "trained");
    assert_int_equal(untrained->play, 0);
    assert_true(trained->keep);
    assert_int_equal(trained->play, 2000); /* "2000 steps of Adam" */
    assert_non_null(strstr(untrained->runs.specs[0], "adam"));
    Model model;
    DescentError err = { "" };
    assert_true(model_parse(untrained->model, &model, &err));
    /* "the last hidden layer": the layer the map shows. */
    assert_int_equal(untrained->representation, model.nsizes - 2);
    assert_int_equal(trained->representation, model.nsizes - 2);
    ModelWork *work = model_work_create(&model);
    double *theta0 = malloc(model.nparams * sizeof *theta0);
    assert_non_null(work);
    assert_non_null(theta0);
    double init_max = 0, init_test_sum = 0, trained_min = 1, test_min = 1, test_max = 0;
    /* The lesson's own probe (g = 0) as the map's notes print it,
     * net_repr_view.c's "train %.0f%%, test %.0f%%": at θ0, then trained. */
    char own[2][32] = { "", "" };
    for (uint64_t g = 0; g < REPR_SEEDS; g++) {
        char data[256];
        NetDataSplit split;
        network_start(untrained, &model, g, data, sizeof data, &split, theta0);
        ProbeAccuracy before, after;
        assert_true(probe_network(&model, theta0, &split, work, &before, &err));
        OptimizerDesc desc;
        assert_true(optimizer_parse_vec(untrained->runs.specs[0], split.train.n, data, &desc,
                                        &err));
        NetRun run;
        assert_true(net_run_init(&run, &model, &split, &desc, theta0, 0, &err));
        bool ok = true;
        assert_int_equal(net_run_advance(&run, (size_t)trained->play, &ok, &err),
                         (size_t)trained->play);
        assert_true(ok);
        assert_true(probe_network(&model, net_run_theta(&run), &split, work, &after, &err));
        print_message("data seed %2llu: probe %.3f at init (held out %.3f), %.3f trained "
                      "(held out %.3f)\n", (unsigned long long)g, before.train, before.test,
                      after.train, after.test);
        if (g == 0) {
            snprintf(own[0], sizeof own[0], "train %.0f%%, test %.0f%%", 100 * before.train,
                     100 * before.test);
            snprintf(own[1], sizeof own[1], "train %.0f%%, test %.0f%%", 100 * after.train,
                     100 * after.test);
        }
        init_max = fmax(init_max, before.train);
        init_test_sum += before.test;
        trained_min = fmin(trained_min, after.train);
        test_min = fmin(test_min, after.test);
        test_max = fmax(test_max, after.test);
        net_run_free(&run);
        netdata_free(&split);
    }
    print_message("init: training at most %.3f, held out mean %.3f; trained: training at "
                  "least %.3f, held out %.3f .. %.3f\n", init_max, init_test_sum / REPR_SEEDS,
                  trained_min, test_min, test_max);
    /* untrained: the lesson's own cut "gets 73 % of the training points
     * right, 57 % of held-out ones"; trained: "now gets 100 % of the
     * training points right, 79 % of held-out ones". */
    assert_string_equal(own[0], "train 73%, test 57%");
    assert_string_equal(own[1], "train 100%, test 79%");
    /* untrained: over 20 trials (data sets and starts) "at most 75 %, 54 % on
     * average" (0.750, 0.541). */
    assert_true(init_max <= 0.75);
    assert_true(fabs(init_test_sum / REPR_SEEDS - 0.54) < 0.005);
    /* trained: over the 20 "at least 97 %" (0.970) and held out "59 to
     * 82 %" (0.590 .. 0.820): "learnt these points better than the
     * spiral", held out below training on every one. */
    assert_true(trained_min >= 0.97);
    assert_true(test_min >= 0.585 && test_max <= 0.825);
    free(theta0);
    model_work_destroy(work);
    lesson_free(&lesson);
}

/* ------------------------------------------------ adam_vs_sgd_network */

/* The lesson's two runs over 20 data sets and starts, as the panel of its
 * steps measures them (core/net_starts.h, from the steps' starts field):
 * start g takes the lesson's data with seed=g and θ0 from init seed
 * init_seed + g; g = 0 is the lesson's own.  The decision regions' share
 * (regions) is measured here on the two networks each start ends with.
 * Exact (the same seeds train the same way every time). */
#define AVS_SEEDS 20

static void test_network_adam_vs_sgd_network(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("adam_vs_sgd_network", "en");
    const LessonStep *two_runs = step_named(&lesson, "two_runs");
    static const char *const shown[] = {"edges", "apart", "regions", "held_out",
                                        "not_a_verdict"};
    for (size_t k = 0; k < sizeof shown / sizeof shown[0]; k++)
        assert_true(step_named(&lesson, shown[k])->keep);
    /* The steps whose captions count over 20 starts show the 20 starts,
     * and the panel the figure each caption counts. */
    static const struct {
        const char *id;
        NetStartsFigure figure;
    } counted[] = {{"edges", NET_STARTS_EDGE}, {"apart", NET_STARTS_APART},
                   {"regions", NET_STARTS_REGIONS}, {"held_out", NET_STARTS_HELD_OUT},
                   {"not_a_verdict", NET_STARTS_MISSED}};
    for (size_t k = 0; k < sizeof counted / sizeof counted[0]; k++) {
        const LessonStep *step = step_named(&lesson, counted[k].id);
        assert_int_equal(step->starts, AVS_SEEDS);
        assert_int_equal(step->tally, 1u << counted[k].figure);
        assert_int_equal(step->trained, 2000);
    }
    assert_int_equal(two_runs->runs.count, 2);
    assert_non_null(strstr(two_runs->runs.specs[0], "gd:lr=0.2"));
    assert_non_null(strstr(two_runs->runs.specs[1], "adam:lr=0.02"));
    assert_int_equal(two_runs->ensemble, 0);
    /* "over the last 500 of 2000 updates": net_starts.h's window. */
    long steps = two_runs->play;
    assert_int_equal(steps, 2000);
    /* "The data panel now shows run 2" */
    assert_int_equal(step_named(&lesson, "regions")->plot_run, 1);
    assert_int_equal(step_named(&lesson, "held_out")->plot_run, 1);
    /* not_a_verdict: "GD, back in the data panel", whose misses the
     * caption counts (its train accuracy and the rings on the points it
     * misses); the step before it showed run 2. */
    assert_int_equal(step_named(&lesson, "not_a_verdict")->plot_run, 0);
    assert_non_null(strstr(two_runs->runs.specs[0], "gd:"));
    assert_non_null(strstr(step_named(&lesson, "not_a_verdict")->caption,
                           "GD, back in the data panel, misses"));
    assert_non_null(strstr(step_named(&lesson, "edges")->caption,
                           "38/η = 1900 (raised by momentum)"));
    /* The same in Chinese, which did not say why 38/η. */
    Lesson edges_zh = load_lesson("adam_vs_sgd_network", "zh");
    assert_non_null(strstr(step_named(&edges_zh, "edges")->caption, "38/η = 1900（由动量抬高）"));
    lesson_free(&edges_zh);
    DescentError err = { "" };
    for (uint64_t g = 0; g < AVS_SEEDS; g++) {
        Model model;
        char data[256];
        NetDataSplit split;
        double theta0[1024];
        assert_true(model_parse(two_runs->model, &model, &err));
        assert_true(model.nparams <= 1024);
        network_start(two_runs, &model, g, data, sizeof data, &split, theta0);
        /* "gradient descent on all 100 training points" */
        assert_int_equal(split.train.n, 100);
        assert_int_equal(split.test.n, 100);
        OptimizerDesc desc;
        assert_true(optimizer_parse_vec(two_runs->runs.specs[0], split.train.n, data, &desc, &err));
        assert_int_equal(desc.batch, 0);
        /* "2/η = 10", "38/η = 1900" */
        assert_true(fabs(net_run_stability_line(&desc, steps) - 10) < 1e-9);
        assert_true(optimizer_parse_vec(two_runs->runs.specs[1], split.train.n, data, &desc, &err));
        assert_true(fabs(net_run_stability_line(&desc, steps) - 1900) < 1e-9);
        /* "38/η = 1900 (raised by momentum)": β1 = 0.9, and
         * (2 + 2β1)/(η(1 − β1)) = 19 · 2/η, against 2/η at β1 = 0. */
        assert_true(fabs(desc.beta1 - 0.9) < 1e-12);
        assert_true(fabs(net_run_stability_line(&desc, steps) - 19 * 2 / desc.lr) < 1e-9);
        desc.beta1 = 0;
        assert_true(fabs(net_run_stability_line(&desc, steps) - 2 / desc.lr) < 1e-9);
        netdata_free(&split);
    }
    NetStartRow rows[AVS_SEEDS];
    NetStartsRequest request = {
        .model = two_runs->model, .data = two_runs->data, .init_seed = two_runs->init_seed,
        .specs = {two_runs->runs.specs[0], two_runs->runs.specs[1]}, .updates = (size_t)steps,
        .count = AVS_SEEDS, .threads = 1,
    };
    if (net_starts_measure(&request, rows, &err) != NET_STARTS_DONE)
        fail_msg("%s", err.message);
    for (size_t g = 0; g < AVS_SEEDS; g++) {
        const NetStartRun *gd = &rows[g].run[0], *adam = &rows[g].run[1];
        print_message("seed %2zu: gd λ/edge %.3f moved %.2f train %.0f%% test %.0f%%; adam "
                      "λ/edge %.3f moved %.2f train %.0f%% test %.0f%%; apart %.2f, regions "
                      "differ on %.3f\n", g, gd->edge_share, gd->moved, 100 * gd->train_acc,
                      100 * gd->test_acc, adam->edge_share, adam->moved, 100 * adam->train_acc,
                      100 * adam->test_acc, rows[g].apart, rows[g].regions);
    }
    NetStartsTally t = net_starts_tally(rows, AVS_SEEDS);
    print_message("gd at its edge (within 8 %%) on %zu; adam λ/edge %.3f .. %.3f; from θ0: gd "
                  "%.3f .. %.3f, adam %.3f .. %.3f; apart %.2f .. %.2f; regions differ %.3f .. "
                  "%.3f; test: adam better %zu, gd better %zu; train wrong: gd %.2f .. %.2f, "
                  "adam <= %.2f\n", t.near_edge[0], t.share_min[1], t.share_max[1],
                  t.moved_min[0], t.moved_max[0], t.moved_min[1], t.moved_max[1], t.apart_min,
                  t.apart_max, t.regions_min, t.regions_max, t.higher[1], t.higher[0], t.miss_min[0],
                  t.miss_max[0], t.miss_max[1]);
    /* edges: "GD's λmax averages within 8 % of 2/η = 10 on 19 of 20
     * starts", "Adam's λmax(P⁻¹H) 0.86 to 0.98 of 38/η = 1900 on all 20"
     * (0.862 .. 0.980). */
    assert_true(NET_STARTS_EDGE_BAND == 0.08);
    assert_int_equal(t.count, AVS_SEEDS);
    assert_true(fabs(rows[0].run[0].edge - 10) < 1e-9 && fabs(rows[0].run[1].edge - 1900) < 1e-9);
    assert_int_equal(t.near_edge[0], 19);
    assert_true(fabs(t.share_min[1] - 0.86) < 0.005 && fabs(t.share_max[1] - 0.98) < 0.005);
    /* apart: "Adam ends 15 to 28 from θ0, GD 2 to 5", "14 to 27 apart"
     * (15.247 .. 27.502, 1.964 .. 5.170, 14.37 .. 27.11). */
    assert_true(fabs(t.moved_min[1] - 15) < 0.5 && fabs(t.moved_max[1] - 28) < 0.5);
    assert_true(fabs(t.moved_min[0] - 2) < 0.5 && fabs(t.moved_max[0] - 5) < 0.5);
    assert_true(fabs(t.apart_min - 14) < 0.5 && fabs(t.apart_max - 27) < 0.5);
    /* regions: "differ from GD's on 4 to 16 % of the square around the
     * data" (0.039 .. 0.164 of the 32 × 32 cells over each start's data
     * square), as the starts panel prints the range (%.0f of the
     * percentages, net_starts_view.c), word for word in both captions. */
    char range[64];
    snprintf(range, sizeof range, "%.0f to %.0f %%", 100 * t.regions_min, 100 * t.regions_max);
    assert_non_null(strstr(step_named(&lesson, "regions")->caption, range));
    Lesson zh = load_lesson("adam_vs_sgd_network", "zh");
    snprintf(range, sizeof range, "%.0f%% 到 %.0f%%", 100 * t.regions_min, 100 * t.regions_max);
    assert_non_null(strstr(step_named(&zh, "regions")->caption, range));
    lesson_free(&zh);
    /* held_out: "Held-out accuracy ... was higher for Adam on 15 of 20
     * starts, for GD on 5": counted here from the rows' accuracies, and
     * the tally the panel prints counts the same; not_a_verdict: "GD
     * still misses 2 to 45 % of the training points, Adam at most 2 %". */
    size_t adam_higher = 0, gd_higher = 0;
    for (size_t g = 0; g < AVS_SEEDS; g++) {
        adam_higher += rows[g].run[1].test_acc > rows[g].run[0].test_acc;
        gd_higher += rows[g].run[0].test_acc > rows[g].run[1].test_acc;
    }
    assert_int_equal(adam_higher, 15);
    assert_int_equal(gd_higher, 5);
    assert_int_equal(t.higher[1], adam_higher);
    assert_int_equal(t.higher[0], gd_higher);
    assert_true(fabs(t.miss_min[0] - 0.02) < 1e-9 && fabs(t.miss_max[0] - 0.45) < 1e-9);
    assert_true(t.miss_max[1] <= 0.02 + 1e-9);
    /* held_out: one name for what it counts in each language, the
     * screen's ("test accuracy", the starts panel; "test", the legend and
     * the data panel): the caption said "held-out" beside them. */
    const char *held_out = step_named(&lesson, "held_out")->caption;
    assert_non_null(strstr(held_out, "Test accuracy"));
    assert_null(strstr(held_out, "eld-out"));
    zh = load_lesson("adam_vs_sgd_network", "zh");
    held_out = step_named(&zh, "held_out")->caption;
    assert_non_null(strstr(held_out, "测试准确率"));
    assert_null(strstr(held_out, "留出"));
    lesson_free(&zh);
    lesson_free(&lesson);
}

/* ------------------------------------------------------------- escape */

/* How many of a swarm's particles are right of x = 0.  On double_well
 * and parabolic_wells the flow moves x by a function of x alone and the
 * barrier's top is at x = 0, so that is the right well's basin. */
static size_t right_count(const Swarm *swarm)
{
    size_t n = swarm_count(swarm), right = 0;
    for (size_t i = 0; i < n; i++)
        right += swarm_particle(swarm, i).x > 0;
    return right;
}

/* step's experiment as the window and the recorder measure it: its
 * --quick form with the scene's seed 0, and the keys extra beside its own. */
static void measure_experiment(const char *spec, const char *const *extra, size_t nextra,
                               ExperimentResult *dest)
{
    ExperimentSpec parsed;
    DescentError err = { "" };
    if (!experiment_spec_parse(spec, &parsed, &err))
        fail_msg("%s", err.message);
    for (size_t k = 0; k < nextra; k++)
        parsed.keys[parsed.nkeys++] = extra[k];
    ExperimentRequest request = { .info = parsed.info, .keys = parsed.keys,
                                  .nkeys = parsed.nkeys, .quick = true, .seed = 0,
                                  .threads = 2 };
    if (experiment_run(&request, dest, &err) != EXPERIMENT_DONE)
        fail_msg("%s: %s", spec, err.message);
}

/* The value the --quick form gives key. */
static double quick_value(const ExperimentInfo *info, const char *key)
{
    for (size_t q = 0; q < info->nquick; q++)
        if (strcmp(info->quick[q].key, key) == 0)
            return info->quick[q].value;
    fail_msg("%s's quick form sets no %s", info->name, key);
    return (double)NAN;
}

/* A number as the caption writes it: %.*g with digits significant ones. */
static void assert_shown(double value, int digits, const char *shown)
{
    char text[32];
    snprintf(text, sizeof text, "%.*g", digits, value);
    assert_string_equal(text, shown);
}

static void test_escape(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("escape", "en");

    /* "hops": double_well's barrier is ΔV = 1 over both minima; σ = 5.77 at
     * η = 0.02 is the kramers stage's ΔV/ε = 3 (ε = ησ²/2 = 0.333); after
     * the step's 1000 updates 154 of its 400 walkers are right of the
     * barrier (the basins overlay's 38.5%, by its cells: test_layout's
     * test_escape_shares_as_said). */
    const LessonStep *hops = step_named(&lesson, "hops");
    Landscape *wells = make_landscape(hops->landscape);
    LandscapePoint left = minimum(wells, 0), right = minimum(wells, 1);
    double lowest = landscape_value(wells, left.x, left.y);
    assert_close(landscape_value(wells, right.x, right.y), lowest, 1e-12);
    assert_close(landscape_value(wells, 0, 0) - lowest, 1.0, 1e-12);
    assert_true(left.x < 0 && right.x > 0);
    assert_true(distance(hops->start.x, hops->start.y, left) < 1e-12);
    OptimizerDesc shaken = parse(wells, hops->runs.specs[0]);
    assert_close(shaken.lr, 0.02, 0);
    assert_close(shaken.noise, 5.77, 0);
    assert_close(1.0 / (shaken.lr * shaken.noise * shaken.noise / 2.0), 3.0, 0.005);
    assert_int_equal(hops->particles, 400);
    assert_int_equal(hops->play, 1000);
    Swarm *cloud = swarm_of(hops, wells, hops->runs.specs[0]);
    print_message("escape: %zu walkers in the right well after %ld updates\n",
                  right_count(cloud), hops->play);
    assert_int_equal(right_count(cloud), 154);
    /* Its share as the caption and the basins overlay write it, en and
     * zh: 38.5%, not the overlay's "38%" of before (issue 12). */
    char share[16];
    snprintf(share, sizeof share, "%.1f%%", 100.0 * (double)right_count(cloud) / 400.0);
    assert_string_equal(share, "38.5%");
    Lesson hops_zh = load_lesson("escape", "zh");
    assert_non_null(strstr(hops->caption, share));
    assert_non_null(strstr(step_named(&hops_zh, "hops")->caption, share));
    lesson_free(&hops_zh);
    swarm_destroy(cloud);
    landscape_destroy(wells);

    /* "kramers": the quick form's 1000 walkers a point from ΔV/ε = 3 to 7;
     * E[τ] from 25.8 to 1254 (shown "26", "1250", 48.6-fold "49").
     * "law": the law's points rise by e per unit of ΔV/ε; the points from
     * ΔV/ε = 5 up all within 7 % (worst 6.8 %), the verdict on screen judged
     * at that tolerance ("3/3 points within 7 %"); the slope 0.9816 of h = 1. */
    const LessonStep *kramers = step_named(&lesson, "kramers");
    const LessonStep *law = step_named(&lesson, "law");
    assert_true(kramers->keep && law->keep);
    assert_string_equal(law->experiment, kramers->experiment);
    ExperimentResult *r = malloc(sizeof *r);
    assert_non_null(r);
    measure_experiment(kramers->experiment, NULL, 0, r);
    assert_true(r->passed);
    assert_close(r->tolerance, 0.07, 1e-15);
    assert_int_equal(r->checked, 3);
    assert_int_equal(r->within, 3);
    assert_int_equal(r->count, 5);
    assert_close(r->rows[0].swept, 3.0, 1e-12);
    assert_close(r->rows[4].swept, 7.0, 1e-12);
    assert_close(quick_value(r->info, "escapes"), 1000, 0);
    print_message("escape: E[tau] %.4g .. %.4g (%.4g-fold), slope %.4f\n", r->rows[0].measured,
                  r->rows[4].measured, r->rows[4].measured / r->rows[0].measured, r->claim.value);
    assert_shown(r->rows[0].measured, 2, "26");
    assert_shown(r->rows[4].measured, 3, "1.25e+03");
    assert_shown(r->rows[4].measured / r->rows[0].measured, 2, "49");
    for (size_t p = 0; p < r->count; p++) {
        /* The law's line: E[τ] ∝ exp(ΔV/ε), a factor e per unit of ΔV/ε. */
        if (p > 0)
            assert_close(log(r->rows[p].theory / r->rows[p - 1].theory), 1.0, 1e-12);
        assert_true(r->rows[p].checked == (r->rows[p].swept >= 5.0));
        if (r->rows[p].checked)
            assert_true(fabs(r->rows[p].ratio - 1.0) < 0.07);
    }
    assert_shown(r->claim.value, 2, "0.98");
    assert_close(r->claim.theory, 1.0, 0);
    free(r);

    /* "shaped_noise": parabolic_wells' sharp well has curvature 4 across
     * x, its flat one 2, equal depths; the walkers' noise is
     * noise_model=hessian with σ/√B for the experiment's σ = 5 (its
     * default) and B = 2; after 1000 updates 312 of the 400 that started
     * in the sharp well (x < 0) are right of the barrier. */
    const LessonStep *shaped = step_named(&lesson, "shaped_noise");
    Landscape *pair = make_landscape(shaped->landscape);
    LandscapePoint sharp = minimum(pair, 0), flat = minimum(pair, 1);
    assert_true(sharp.x < 0 && flat.x > 0);
    LandscapeEval at_sharp, at_flat;
    landscape_eval(pair, sharp.x, sharp.y, &at_sharp);
    landscape_eval(pair, flat.x, flat.y, &at_flat);
    assert_close(at_sharp.hess[0], 4.0, 1e-12);
    assert_close(at_flat.hess[0], 2.0, 1e-12);
    assert_close(at_sharp.value, at_flat.value, 1e-12);
    assert_true(distance(shaped->start.x, shaped->start.y, sharp) < 1e-12);
    OptimizerDesc shaped_desc = parse(pair, shaped->runs.specs[0]);
    assert_int_equal(shaped_desc.noise_model, NOISE_HESSIAN);
    /* Step 4 shows the walkers alone: step 5 brings in the plot, with its
     * isotropic points alone (kinds = 1), step 6 the Hessian-shaped ones. */
    assert_null(shaped->experiment);
    assert_int_equal(step_named(&lesson, "isotropic")->kinds, 1);
    assert_int_equal(step_named(&lesson, "shaped")->kinds, 0);
    const ExperimentInfo *escape = experiment_find(step_named(&lesson, "shaped")->experiment);
    assert_non_null(escape);
    double sigma = param_find(escape->params, escape->nparams, "noise")->def;
    assert_close(sigma, 5.0, 0);
    assert_close(shaped_desc.noise, sigma / sqrt(2.0), 1e-4);
    /* The caption says what B is before σ²H/B uses it (it did not: the
     * student met B first in a formula), in en and zh: the batch size 2
     * of the σ/√2 above. */
    Lesson escape_zh = load_lesson("escape", "zh");
    const char *defines[2] = { shaped->caption, step_named(&escape_zh, "shaped_noise")->caption };
    for (int l = 0; l < 2; l++) {
        const char *b = strstr(defines[l], "B = 2"), *uses = strstr(defines[l], "σ²H/B");
        assert_true(b && uses && b < uses);
        /* And which σ: the experiment's 5, not the legend's noise= 5/√2
         * (a student put the legend's into σ²H/B and got half). */
        assert_non_null(strstr(uses, "σ = 5"));
        assert_non_null(strstr(uses, "5/√2"));
    }
    lesson_free(&escape_zh);
    assert_close(shaped_desc.lr, param_find(escape->params, escape->nparams, "lr")->def, 0);
    assert_int_equal(shaped->particles, 400);
    assert_int_equal(shaped->play, 1000);
    Swarm *shaken_pair = swarm_of(shaped, pair, shaped->runs.specs[0]);
    print_message("escape: %zu walkers in the flat well after %ld updates\n",
                  right_count(shaken_pair), shaped->play);
    assert_int_equal(right_count(shaken_pair), 312);
    swarm_destroy(shaken_pair);

    /* "isotropic": the quick form's rows at B = 2 and 3, 1.3999 and 1.5395
     * ("1.4", "1.5") against √2 = 1.4142.  "shaped": Hessian-shaped 6.8002
     * and 13.127 ("6.8", "13") against 7.5873 and 14.778 ("7.6", "14.8").  The
     * law's Hessian-shaped ratio grows exponentially with B: at B = 2, 3, 4
     * its logarithm rises by equal steps (the full form's B; the theory
     * does not depend on the walkers, so 10 a well suffice). */
    const LessonStep *ratio = step_named(&lesson, "isotropic");
    const LessonStep *shaped_ratio = step_named(&lesson, "shaped");
    /* The map shows the walkers each caption is about: "isotropic" the
     * experiment's isotropic noise at B = 2 (σ √(v̄/B), v̄ the mean of
     * tr H / 2 over the two minima: the same mean variance as the shaped
     * noise), "shaped" step 4's Hessian-shaped walkers again; 400 of them
     * for 1000 updates, each step afresh. */
    double mean_variance =
        (at_sharp.hess[0] + at_sharp.hess[2] + at_flat.hess[0] + at_flat.hess[2]) / 4.0;
    assert_close(mean_variance, 2.5, 1e-12);
    OptimizerDesc even = parse(pair, ratio->runs.specs[0]);
    assert_int_equal(ratio->runs.count, 1);
    assert_int_equal(even.noise_model, NOISE_ISOTROPIC);
    assert_close(even.noise, sigma * sqrt(mean_variance / 2.0), 1e-4);
    assert_close(even.lr, shaped_desc.lr, 0);
    assert_int_equal(shaped_ratio->runs.count, 1);
    assert_string_equal(shaped_ratio->runs.specs[0], shaped->runs.specs[0]);
    const LessonStep *const afresh[] = { ratio, shaped_ratio };
    for (size_t i = 0; i < 2; i++) {
        assert_false(afresh[i]->keep);
        assert_int_equal(afresh[i]->particles, 400);
        assert_int_equal(afresh[i]->play, 1000);
        assert_true(distance(afresh[i]->start.x, afresh[i]->start.y, sharp) < 1e-12);
    }
    assert_string_equal(ratio->experiment, shaped_ratio->experiment);
    r = malloc(sizeof *r);
    assert_non_null(r);
    measure_experiment(ratio->experiment, NULL, 0, r);
    assert_true(r->passed);
    assert_int_equal(r->count, 4);
    static const char *const kinds[] = { "isotropic", "Hessian", "isotropic", "Hessian" };
    static const double batches[] = { 2, 2, 3, 3 };
    static const char *const measured[] = { "1.4", "6.8", "1.5", "13" };
    static const char *const theory[] = { "1.41", "7.6", "1.41", "14.8" };
    static const int theory_digits[] = { 3, 2, 3, 3 };
    for (size_t p = 0; p < 4; p++) {
        print_message("escape: %s B = %g: %.5g (law %.5g)\n", r->rows[p].label,
                      r->rows[p].swept, r->rows[p].measured, r->rows[p].theory);
        assert_string_equal(r->rows[p].label, kinds[p]);
        assert_close(r->rows[p].swept, batches[p], 0);
        assert_shown(r->rows[p].measured, 2, measured[p]);
        assert_shown(r->rows[p].theory, theory_digits[p], theory[p]);
    }
    assert_close(r->rows[0].theory, sqrt(2.0), 1e-12);
    assert_close(r->rows[2].theory, sqrt(2.0), 1e-12);
    double law_at[2] = { r->rows[1].theory, r->rows[3].theory };
    double seen_at[2] = { r->rows[1].measured, r->rows[3].measured };
    static const char *const wider[] = { "to=4", "points=3", "escapes=10" };
    measure_experiment(ratio->experiment, wider, 3, r);
    assert_int_equal(r->count, 6);
    /* "The line is the law, computed, not fitted: 7.6 and 14.8" (at B = 2
     * and 3): the plot's line joins
     * the rows' theory, which 10 escapes a point leave as 400 do while the
     * measured points move.  A line through two points read as a fit to
     * them (review, issue 12). */
    assert_close(r->rows[1].theory, law_at[0], 1e-12 * law_at[0]);
    assert_close(r->rows[3].theory, law_at[1], 1e-12 * law_at[1]);
    assert_true(r->rows[1].measured != seen_at[0] && r->rows[3].measured != seen_at[1]);
    assert_non_null(
        strstr(shaped_ratio->caption, "The line is the law, computed, not fitted: 7.6 and 14.8"));
    Lesson shaped_zh = load_lesson("escape", "zh");
    assert_non_null(strstr(step_named(&shaped_zh, "shaped")->caption,
                           "直线是定律，是算出来的，并非拟合：7.6 和 14.8"));
    lesson_free(&shaped_zh);
    double steps[2] = { log(r->rows[3].theory / r->rows[1].theory),
                        log(r->rows[5].theory / r->rows[3].theory) };
    assert_true(steps[0] > 0.5);
    assert_close(steps[1], steps[0], 1e-9);
    free(r);
    landscape_destroy(pair);
    lesson_free(&lesson);
}

/* ------------------------------------------------- batch_and_flatness */

/* The lesson's two runs (model, data, optimizers, updates from step race)
 * over 20 trials: trial g takes the lesson's data with seed=g, θ0 from
 * init seed init_seed + g and the SGD run's minibatches from seed=g; g = 0
 * is the lesson's own.  GD's sharpness is measured every BAF_EVERY
 * updates, as the plot measures it at most (every 100, the lesson's own
 * first reached the line "by update 100" where the plot showed it there
 * within 20), each run's at the end.  Exact. */
#define BAF_TRIALS 20
#define BAF_EVERY 16 /* scene/net_stage.h's NET_STAGE_SHARPNESS_EVERY */

typedef struct BafTrial {
    double start, peak_late;    /* GD's λmax over 2/η: at θ0, highest in the last half */
    long reached;               /* GD's first measured update with λmax ≥ 2/η; -1: never */
    long left;                  /* its last measured update with λmax ≥ 2/η */
    double near;                /* the most |λmax/(2/η) - 1| from reached to left */
    double gd_end, sgd_end;     /* λmax at the end */
    double gd_train, sgd_train; /* training accuracy at the end */
    double gd_test, sgd_test;   /* held-out accuracy at the end */
} BafTrial;

static BafTrial baf_trial(const LessonStep *step, const Model *model, uint64_t g)
{
    char data[256], sgd_spec[256];
    snprintf(data, sizeof data, "%s,seed=%llu", step->data, (unsigned long long)g);
    snprintf(sgd_spec, sizeof sgd_spec, "%s,seed=%llu", step->runs.specs[1],
             (unsigned long long)g);
    DescentError err = { "" };
    NetDataSplit split;
    if (!netdata_create(data, &split, &err))
        fail_msg("%s", err.message);
    OptimizerDesc gd, sgd;
    assert_true(optimizer_parse_vec(step->runs.specs[0], split.train.n, data, &gd, &err));
    assert_true(optimizer_parse_vec(sgd_spec, split.train.n, data, &sgd, &err));
    double *theta0 = malloc(model->nparams * sizeof *theta0);
    assert_non_null(theta0);
    Rng rng;
    rng_seed(&rng, step->init_seed + g);
    model_init(model, &rng, theta0);
    NetRun a, b;
    assert_true(net_run_init(&a, model, &split, &gd, theta0, BAF_EVERY, &err));
    assert_true(net_run_init(&b, model, &split, &sgd, theta0, 0, &err));
    bool ok = true;
    assert_int_equal(net_run_advance(&a, (size_t)step->play, &ok, &err), (size_t)step->play);
    assert_int_equal(net_run_advance(&b, (size_t)step->play, &ok, &err), (size_t)step->play);
    assert_true(ok);
    double edge = net_run_stability_line(&gd, 0), sgd_end, ignored;
    assert_true(net_run_curvature(&b, net_run_state(&b), &sgd_end, &ignored, &err));
    BafTrial t = { .start = a.metrics[0].sharpness / edge, .reached = -1,
                   .gd_end = a.metrics[a.count - 1].sharpness, .sgd_end = sgd_end,
                   .gd_train = a.metrics[a.count - 1].train_acc,
                   .sgd_train = b.metrics[b.count - 1].train_acc,
                   .gd_test = a.metrics[a.count - 1].test_acc,
                   .sgd_test = b.metrics[b.count - 1].test_acc };
    for (size_t k = 0; k < a.count; k += BAF_EVERY) {
        double share = a.metrics[k].sharpness / edge;
        if (t.reached < 0 && share >= 1)
            t.reached = (long)k;
        if (share >= 1)
            t.left = (long)k;
        if (2 * k >= a.count - 1)
            t.peak_late = fmax(t.peak_late, share);
    }
    for (size_t k = (size_t)(t.reached < 0 ? 0 : t.reached); k <= (size_t)t.left;
         k += BAF_EVERY)
        t.near = fmax(t.near, fabs(a.metrics[k].sharpness / edge - 1));
    net_run_free(&a);
    net_run_free(&b);
    free(theta0);
    netdata_free(&split);
    return t;
}

static void test_network_batch_and_flatness(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("batch_and_flatness", "en");
    const LessonStep *race = step_named(&lesson, "race");
    for (size_t s = 1; s < lesson.step_count; s++)
        assert_true(lesson.steps[s].keep);
    /* race: GD on every training point, SGD on 16, the same η, 2000 steps. */
    assert_int_equal(race->runs.count, 2);
    assert_int_equal(race->play, 2000);
    Model model;
    DescentError err = { "" };
    assert_true(model_parse(race->model, &model, &err));
    NetDataSplit split;
    assert_true(netdata_create(race->data, &split, &err));
    assert_int_equal(strncmp(race->data, "moons:", 6), 0);
    assert_int_equal(split.train.n, 100);
    assert_int_equal(split.test.n, 100);
    OptimizerDesc gd, sgd;
    assert_true(optimizer_parse_vec(race->runs.specs[0], split.train.n, race->data, &gd, &err));
    assert_true(optimizer_parse_vec(race->runs.specs[1], split.train.n, race->data, &sgd, &err));
    netdata_free(&split);
    assert_int_equal(gd.kind, OPT_GD);
    assert_int_equal(gd.batch, 0);
    assert_int_equal(sgd.kind, OPT_SGD);
    assert_int_equal(sgd.batch, 16);
    assert_true(gd.lr == 0.3 && sgd.lr == gd.lr);
    double edge = net_run_stability_line(&gd, 0);
    print_message("2/η = %.4f\n", edge);
    double start_max = 0, late_max = 0, ratio_sum = 0, ratio_max = 0, train_min = 1;
    double gd_test = 0, sgd_test = 0;
    long reached_max = 0;
    int flatter = 0, sgd_ahead = 0, sgd_behind = 0, ends_under = 0;
    double own_end = 0;
    BafTrial own = {0};
    for (uint64_t g = 0; g < BAF_TRIALS; g++) {
        BafTrial t = baf_trial(race, &model, g);
        if (g == 0)
            own_end = t.gd_end / edge, own = t;
        ends_under += t.gd_end / edge < 0.9;
        print_message("trial %2llu: GD λmax/(2/η) %.3f at θ0, reached at %ld, last half at "
                      "most %.3f; λmax at the end GD %.3f (%.3f of 2/η) SGD %.3f (ratio "
                      "%.3f); train %.2f %.2f, held out %.2f %.2f\n", (unsigned long long)g,
                      t.start, t.reached, t.peak_late, t.gd_end, t.gd_end / edge, t.sgd_end,
                      t.sgd_end / t.gd_end, t.gd_train,
                      t.sgd_train, t.gd_test, t.sgd_test);
        start_max = fmax(start_max, t.start);
        reached_max = t.reached < 0 ? LONG_MAX : (t.reached > reached_max ? t.reached
                                                                          : reached_max);
        late_max = fmax(late_max, t.peak_late);
        flatter += t.sgd_end < t.gd_end;
        ratio_sum += t.sgd_end / t.gd_end;
        ratio_max = fmax(ratio_max, t.sgd_end / t.gd_end);
        train_min = fmin(train_min, fmin(t.gd_train, t.sgd_train));
        gd_test += t.gd_test;
        sgd_test += t.sgd_test;
        sgd_ahead += t.sgd_test > t.gd_test;
        sgd_behind += t.sgd_test < t.gd_test;
    }
    print_message("GD at θ0 at most %.3f of 2/η, reaches it by %ld, last half at most %.3f; "
                  "SGD flatter in %d, λmax ratio mean %.3f max %.3f; train at least %.2f; "
                  "held out GD %.4f SGD %.4f, SGD ahead %d behind %d\n", start_max,
                  reached_max, late_max, flatter, ratio_sum / BAF_TRIALS, ratio_max, train_min,
                  gd_test / BAF_TRIALS, sgd_test / BAF_TRIALS, sgd_ahead, sgd_behind);
    /* fit: "98 % right, as the data panel says" (the lesson's own, which
     * the panel prints as "train 98%" for each run), then "in 20 trials
     * ... at least 95 %", said off screen: the trials are not drawn, and
     * the caption had put them as if they were (review, issue 12). */
    assert_true(train_min >= 0.95);
    assert_true(lround(100 * own.gd_train) == 98 && lround(100 * own.sgd_train) == 98);
    assert_non_null(strstr(step_named(&lesson, "fit")->caption,
                           "98 % right, as the data panel says. Rerun off screen in 20 trials"));
    /* edge: "2/η ≈ 6.67", "climbs to the line almost at once, stays near
     * it to update 400, then sinks under it" (the lesson's own: under it at
     * θ0, on it at 16, within 10.3 % of it to 400, under it from 416 on).
     * "Almost at once": within the first 1 % of the plot's 2000 updates,
     * its first pixels; the caption had said "within 20 updates here (by
     * update 600 in every trial)", numbers the plot could not show (issue
     * 12).  no_further: "over the last 1000 updates it stays under 1.1 ×
     * 2/η". */
    print_message("the lesson's own: reaches 2/η at %ld, last over it at %ld, within %.3f of it "
                  "between\n", own.reached, own.left, own.near);
    assert_close(edge, 6.67, 0.005);
    assert_true(start_max < 1);
    assert_true(own.reached >= 0 && own.reached <= 20);
    assert_true(own.left > 400 - BAF_EVERY && own.left <= 400);
    assert_true(own.near < 0.11);
    const char *edge_en = step_named(&lesson, "edge")->caption;
    assert_non_null(strstr(edge_en, "climbs to the line almost at once, stays near it to update "
                                    "400, then sinks under it"));
    assert_true(late_max <= 1.1);
    /* no_further: "it ends at λmax 5.79 here, 13 % under 6.67, and over
     * 10 % under in 10 of 20 trials" (the lesson's own 5.794 of 6.667:
     * 0.869; the ten from 0.564 to 0.869, the others 0.949 to 1.018), the
     * values as the sharpness plot labels them (number_text, 3 figures:
     * its curve's end "λmax 5.79", its line "6.67"), the per cent as both
     * captions print it: "13 %" alone could not be read off the plot. */
    char under[96], end_text[32], edge_text[32];
    number_text(own.gd_end, 3, end_text, sizeof end_text);
    number_text(own.gd_end / own_end, 3, edge_text, sizeof edge_text);
    snprintf(under, sizeof under, "ends at λmax %s here, %.0f %% under %s", end_text,
             100 * (1 - own_end), edge_text);
    assert_non_null(strstr(step_named(&lesson, "no_further")->caption, under));
    Lesson zh = load_lesson("batch_and_flatness", "zh");
    snprintf(under, sizeof under, "λmax %s，比线 %s 低 %.0f%%", end_text, edge_text,
             100 * (1 - own_end));
    assert_non_null(strstr(step_named(&zh, "no_further")->caption, under));
    assert_non_null(strstr(step_named(&zh, "fit")->caption, "数据面板上都是分对 98%。在屏幕外"));
    assert_non_null(strstr(step_named(&zh, "edge")->caption,
                           "几乎一开始就爬到线上，在线附近停留到第 400 步"));
    lesson_free(&zh);
    assert_int_equal(ends_under, 10);
    /* flatter: "In all 20 trials its final λmax is below gradient
     * descent's: at most 0.68 of it, and half of it on average". */
    assert_int_equal(flatter, BAF_TRIALS);
    assert_true(ratio_max <= 0.68);
    assert_close(ratio_sum / BAF_TRIALS, 0.5, 0.005);
    /* held_out: "95.35 %" and "95.0 %", "better in 4, worse in 9"; "the
     * two cannot be told apart": less than one point of the 100 between
     * the means. */
    assert_close(gd_test / BAF_TRIALS, 0.9535, 0.0001);
    assert_close(sgd_test / BAF_TRIALS, 0.950, 0.0001);
    assert_true(fabs(gd_test - sgd_test) / BAF_TRIALS < 0.01);
    assert_int_equal(sgd_ahead, 4);
    assert_int_equal(sgd_behind, 9);
    lesson_free(&lesson);
}

/* adaptive "never_settles" (a frame review: the loss plot showed two more
 * spikes after 440 and 525 that the caption did not name): every peak of
 * RMSProp's loss between step 380 and 700 that stands above the band it
 * keeps from 700 on (0.32 at most) is a throw, and the caption, en and zh,
 * names its step to within 10; each throw's peak is lower than the one
 * before ("less each time", as the loss plot shows them), and lands nearer
 * its minimum.  Measured: 1.8 at 442, 1.0 at 525, 0.63 at 592, 0.43 at 649.
 * The plot numbers them 1 to 4 at those very updates (plot.marks), as the
 * caption says: it shows fourteen peaks, and a review could not tell
 * which four the caption named. */
static void test_adaptive_every_throw_named(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("adaptive", "en"), zh = load_lesson("adaptive", "zh");
    const LessonStep *early = step_named(&lesson, "memory_early");
    const LessonStep *rest = step_named(&lesson, "never_settles");
    const LessonStep *rest_zh = step_named(&zh, "never_settles");
    Landscape *valleys = make_landscape(early->landscape);
    enum { FROM = 380, BAND = 700, MOST = 1500 };
    static double loss[MOST + 1], far[MOST + 1];
    const long TOTAL = FROM + rest->play;
    assert_true(TOTAL > BAND && TOTAL <= MOST);
    Walker w = walker(early, valleys, early->runs.specs[1]);
    assert_int_equal(w.desc.kind, OPT_RMSPROP);
    advance(&w, TOTAL);
    int basin = basin_of(valleys, w.state.x, w.state.y, 0.005);
    assert_true(basin >= 0);
    LandscapePoint bottom = minimum(valleys, (size_t)basin);
    w = walker(early, valleys, early->runs.specs[1]);
    for (long k = 1; k <= TOTAL; k++) {
        advance(&w, 1);
        loss[k] = loss_at(&w);
        far[k] = distance(w.state.x, w.state.y, bottom);
    }
    double band = 0;
    for (long k = BAND; k <= TOTAL; k++)
        band = fmax(band, loss[k]);
    int throws = 0;
    double last_far = HUGE_VAL, last_peak = HUGE_VAL;
    for (long k = FROM + 1; k < BAND; k++) {
        if (!(loss[k] > band && loss[k] > loss[k - 1] && loss[k] >= loss[k + 1]))
            continue;
        /* The farthest point of the throw: its peak within 10 steps. */
        double reach = 0;
        for (long j = k - 10; j <= k + 10; j++)
            reach = fmax(reach, far[j]);
        print_message("adaptive: RMSProp thrown out at step %ld, loss %.2g, %.3g from its "
                      "minimum\n", k, loss[k], reach);
        bool named = false;
        for (long near = k - 10; near <= k + 10 && !named; near++) {
            if (near % 5 != 0)
                continue;
            char said[16];
            snprintf(said, sizeof said, "%ld", near);
            named = strstr(rest->caption, said) && strstr(rest_zh->caption, said);
        }
        if (!named)
            fail_msg("adaptive: the throw at step %ld (loss %.2g) is not in the caption", k,
                     loss[k]);
        /* Numbered on the plot where it peaks, in the caption's order. */
        assert_true((size_t)throws < rest->plot_mark_count);
        assert_int_equal(rest->plot_marks[throws], k);
        assert_true(reach < last_far);
        assert_true(loss[k] < last_peak); /* "less each time", on the loss plot */
        last_far = reach;
        last_peak = loss[k];
        throws++;
    }
    assert_int_equal(throws, 4);
    assert_int_equal(rest->plot_mark_count, 4);
    assert_true(strstr(rest->caption, "(1 to 4 on the plot)") &&
                strstr(rest_zh->caption, "（图中的 1 至 4）"));
    landscape_destroy(valleys);
    lesson_free(&zh);
    lesson_free(&lesson);
}

/* gradient_flow: the flow has one time step in every step (a frame review:
 * step 2's flow ran at Δt 0.05, the others at 0.01, and its "Δt 0.05" read
 * as GD at η = 0.05), drawn smooth there too, and each step plays until the
 * flow reaches the time of GD's last compared step: step 2, t = 5 (GD's
 * step 100, as before). */
static void test_gradient_flow_one_time_step(void **state)
{
    (void)state;
    Lesson lesson = load_lesson("gradient_flow", "en");
    Landscape *landscape = make_landscape(lesson.steps[0].landscape);
    for (size_t s = 0; s < lesson.step_count; s++) {
        const LessonStep *step = &lesson.steps[s];
        for (size_t r = 0; r < step->runs.count; r++) {
            OptimizerDesc desc = parse(landscape, step->runs.specs[r]);
            if (desc.kind != OPT_FLOW)
                continue;
            print_message("gradient_flow %s: the flow's Δt %g over %ld updates (t = %g)\n",
                          step->id, desc.lr, step->play, desc.lr * (double)step->play);
            assert_close(desc.lr, 0.01, 0);
            assert_drawn_smooth(step, landscape, step->runs.specs[r]);
        }
    }
    const LessonStep *medium = step_named(&lesson, "medium_step");
    assert_close(0.01 * (double)medium->play, 5.0, 1e-12);
    landscape_destroy(landscape);
    lesson_free(&lesson);
}

/* sharp_flat 1's dashed circles say what they ring (a frame review found
 * them with no key, labelled "sharp" and "flat" alone): each circle is
 * named by a label on its rim, which names a valley, in both languages.
 * Labelling the circle's centre, the label's leader crossed the circle's
 * dash, a "+" (test_layout's test_sharp_flat_circle_labels_beside_their_rims). */
static void test_sharp_flat_circles_named(void **state)
{
    (void)state;
    static const char *const langs[2] = {"en", "zh"}, *const word[2] = {"valley", "山谷"};
    for (int l = 0; l < 2; l++) {
        Lesson lesson = load_lesson("sharp_flat", langs[l]);
        const LessonStep *intro = step_named(&lesson, "two_valleys");
        int circles = 0;
        for (size_t m = 0; m < intro->mark_count; m++) {
            if (!intro->marks[m].label[0])
                continue;
            const LessonMark *circle = circle_labelled(intro, intro->marks[m].label);
            circles++;
            print_message("sharp_flat 1 (%s): circle of radius %g labelled \"%s\"\n", langs[l],
                          circle->radius, intro->marks[m].label);
            assert_non_null(strstr(intro->marks[m].label, word[l]));
        }
        assert_int_equal(circles, 2);
        assert_int_equal(intro->mark_count, 4);
        lesson_free(&lesson);
    }
}

int main(int argc, char **argv)
{
    /* test_lesson_claims [PATTERN | --skip PATTERN...] (testing.h's
     * run_chosen_tests): the build runs the slow network lessons as tests
     * of their own, side by side. */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_lesson_loads_and_plays),
        cmocka_unit_test(test_en_and_zh_write_the_same_numbers),
        cmocka_unit_test(test_claims_table_covers_every_sentence),
        cmocka_unit_test(test_zh_step_terms),
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
        cmocka_unit_test(test_adam_vs_sgd),
        cmocka_unit_test(test_edge_of_stability),
        cmocka_unit_test(test_network_trained_not_derived),
        cmocka_unit_test(test_network_representation),
        cmocka_unit_test(test_network_adam_vs_sgd_network),
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_network_batch_and_flatness),
        cmocka_unit_test(test_adaptive_every_throw_named),
        cmocka_unit_test(test_gradient_flow_one_time_step),
        cmocka_unit_test(test_sharp_flat_circles_named),
    };
    return RUN_CHOSEN_TESTS(tests, argc, argv, NULL, NULL);
}
