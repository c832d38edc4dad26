/*
 * test_ui_language.c — the window's own words in Chinese through the
 * gettext catalog (docs/ARCHITECTURE.md §5.1; scene/i18n.h):
 *   - i18n_select picks the catalog whatever the environment's locale
 *     (meson runs this test with LANG and LC_ALL empty, and again with
 *     LC_ALL=C and LANGUAGE=fr), switches back and forth, and leaves
 *     numbers printing and parsing with '.';
 *   - the walks below (test_*_in_chinese) run in the second locale only:
 *     i18n_select sets LC_MESSAGES and LANGUAGE itself, so every text
 *     after it comes through the catalog the first tests find in both,
 *     and a second walk drew the same texts again;
 *   - every text the renderer draws (renderer_observe_text) in every step
 *     of every shipped lesson with --lang zh, with the hover readout, and
 *     in two lessons after every window key (help overlay, plots, overlays,
 *     3D view, notices, the formula field) holds no English word;
 *   - a step's frame, what a class sees, holds no program identifier
 *     either: no spec (gd:lr=0.1, data=one_example.csv), no spec key or
 *     kind (sharp_depth, adam), no "sum" in a formula (the legends name
 *     runs and landscapes by scene/spec_notation.h, formulas write Σ).
 *
 * The rule for "English word": a token of ASCII letters, digits and '_'
 * that starts with a letter and holds two letters in a row.  It is allowed
 * only when it is a name the program takes as input or a symbol, not a
 * word of a sentence:
 *   - a command-line option (--particles, --output-dir);
 *   - the core's names: optimizer and landscape kinds and their spec keys
 *     (adam, quadratic, lr, beta1), colormaps (viridis);
 *   - the words of the specs on stage (run specs, the landscape's spec, a
 *     sweep's base), which the legend and notices show as typed;
 *   - the words of the lesson's own texts in that language (its title,
 *     captions, hints, labels: the lesson's business, lessons/CLAIMS.md);
 *   - allowed_words below: key names, file formats, proper names of
 *     methods and people, function names of formulas, the program's name.
 * A lesson step's frame lets through only the last two and the
 * colormaps' names (student_word): the core's names and the specs' words
 * are what the window shows after a key (a run field's spec as typed),
 * never a step's frame; nor does it show a spec's NAME:KEY=VALUE syntax.
 * Numbers, units and symbols (η, λmax, ∇L, x1_i) hold no such token: their
 * letters stand alone (x, y, L, e in 1e-07).  The core's errors that a
 * user meets by typing (a value out of range in the run field, a broken
 * formula) are shown in Chinese too: two are typed and drawn here.
 *
 * Needs a GL context (SDL_VIDEODRIVER=offscreen), DESCENT_DATA_DIR, and the
 * compiled catalog in the build tree (a dependency of this test).
 */
#include <ctype.h>
#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_internal.h"
#include "app/keys.h"
#include "core/experiment.h"
#include "core/landscape.h"
#include "core/netdata.h"
#include "core/optimizer.h"
#include "core/schedule.h"
#include "core/spec.h"
#include "lesson/lesson.h"
#include "render/render.h"
#include "scene/experiment_live.h"
#include "scene/expr_field.h"
#include "scene/i18n.h"
#include "scene/run_field.h"
#include "scene/scene.h"
#include "scene/spec_notation.h"

/* ---------------------------------------------------------------- locale */

static void test_catalog_whatever_the_locale(void **state)
{
    (void)state;
    assert_true(i18n_select("zh"));
    assert_string_equal(_("loss"), "损失");
    assert_string_equal(_("diverged at step %zu"), "在第 %zu 步发散");
    assert_true(i18n_select("en"));
    assert_string_equal(_("loss"), "loss");
    /* Back again: gettext's cache of the other language is dropped. */
    assert_true(i18n_select("zh"));
    assert_string_equal(_("loss"), "损失");
    assert_false(i18n_select("fr"));
    assert_string_equal(_("loss"), "loss");
}

/* Every schedule's on-screen name has a Chinese one without Latin letters
 * (the legend said "(cosine)" in Chinese frames). */
static void test_schedule_names_translated(void **state)
{
    (void)state;
    assert_true(i18n_select("zh"));
    for (int k = SCHEDULE_CONSTANT; k <= SCHEDULE_LINEAR; k++) {
        const char *title = _(schedule_title((ScheduleKind)k));
        for (const char *c = title; *c; c++)
            if (isalpha((unsigned char)*c))
                fail_msg("schedule %s is \"%s\" in Chinese", schedule_name((ScheduleKind)k),
                         title);
    }
    assert_string_equal(_(schedule_title(SCHEDULE_COSINE)), "余弦");
    assert_true(i18n_select("en"));
}

/* A spec as the legends name it (scene/spec_notation.h): the optimizer's
 * title and its settings by symbol, in the viewer's language; a seed, a
 * data file and the key the text beside it shows are left out. */
static void test_spec_notation(void **state)
{
    (void)state;
    char text[200];
    assert_true(i18n_select("en"));
    spec_notation_run("sgd:lr=0.05,noise=2,batch=16,seed=3", "lr", text, sizeof text);
    assert_string_equal(text, "SGD  σ=2, B=16");
    spec_notation_run("adam:lr=0.02", NULL, text, sizeof text);
    assert_string_equal(text, "Adam  η=0.02");
    assert_string_equal(spec_notation_key("beta1"), "β₁");
    spec_notation_landscape("quadratic:l1=1,l2=8,angle=30", text, sizeof text);
    assert_string_equal(text, "λ₁=1, λ₂=8, angle=30");
    /* Not "l1=": on screen it read "11=1, 12=20" (adaptive 1, issue 12). */
    spec_notation_landscape("quadratic:l1=1,l2=20", text, sizeof text);
    assert_null(strstr(text, "l1="));
    assert_string_equal(text, "λ₁=1, λ₂=20");
    spec_notation_landscape("logreg:data=separable.csv,l2=0", text, sizeof text);
    assert_string_equal(text, "λ=0");
    spec_notation_landscape("linreg:data=one_example.csv", text, sizeof text);
    assert_string_equal(text, "");
    assert_true(i18n_select("zh"));
    spec_notation_run("momentum:lr=0.02,momentum=0.8,x0=1,y0=-1", "lr", text, sizeof text);
    assert_string_equal(text, "动量  μ=0.8, x₀=1, y₀=-1");
    spec_notation_run("sgd:lr=0.02,noise=3.5,noise_model=hessian", "lr", text, sizeof text);
    assert_string_equal(text, "SGD  σ=3.5, 协方差 ∝ H");
    spec_notation_run("flow:lr=0.01", "lr", text, sizeof text);
    assert_string_equal(text, "梯度流");
    spec_notation_landscape("sharp_flat:sharp_width=0.25", text, sizeof text);
    assert_string_equal(text, "尖谷宽度=0.25");
    assert_true(i18n_select("en"));
}

/* Numbers print and parse with '.' in Chinese: only LC_MESSAGES moved. */
static void test_numbers_keep_their_point(void **state)
{
    (void)state;
    assert_true(i18n_select("zh"));
    assert_string_equal(setlocale(LC_NUMERIC, NULL), "C");
    assert_string_equal(localeconv()->decimal_point, ".");
    char text[64];
    snprintf(text, sizeof text, "%.3g %.17g", 0.05, 2.5);
    assert_string_equal(text, "0.05 2.5");
    assert_true(strtod("0.25", NULL) == 0.25);
    Spec spec;
    assert_true(spec_parse("adam:lr=0.05,beta1=0.8", true, &spec, NULL));
    assert_true(strtod(spec.items[0].value, NULL) == 0.05);
    DescentError err = {""};
    Landscape *l = landscape_create("quadratic:l1=1.5,l2=10", &err);
    assert_non_null(l);
    assert_true(landscape_value(l, 1.0, 0.0) == 0.75);
    landscape_destroy(l);
}

/* ------------------------------------------------------- English words */

static const char *const allowed_words[] = {
    /* keys */
    "Tab", "Esc", "Enter", "PageDown", "PageUp", "Shift", "Ctrl",
    /* file formats */
    "PNG", "MP4",
    /* methods and people */
    "GD", "SGD", "Adam", "AdamW", "AdaGrad", "RMSProp", "Nesterov", "Newton", "Hessian", "Runge",
    "Kutta", "Eyring", "Kramers", "Rosenbrock", "Beale", "Himmelblau", "Rastrigin", "Ackley",
    "Booth", "Matyas", "Styblinski", "Tang",
    /* formulas (expr's functions, the landscapes' and update rules' symbols) */
    "sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sinh", "cosh", "pi", "sum",
    "max", "vmax", "inf", "nan", "ln",
    /* the least loss, as the log colour bar names its values (L − Lmin) */
    "Lmin",
    /* the program, and the library the S key writes code for */
    "descent", "PyTorch",
};

/* Whether word (NUL-terminated, n letters) is a whole word of text. */
static bool has_word(const char *text, const char *word, size_t n)
{
    for (const char *p = text; (p = strstr(p, word)) != NULL; p++)
        if ((p == text || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[n]))
            return true;
    return false;
}

static bool is_name(const char *word, size_t n, const ParamDef *params, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (strlen(params[k].name) == n && strncmp(params[k].name, word, n) == 0)
            return true;
    return false;
}

/* A word of a formula or a program that a lesson step's frame never
 * shows in Chinese: its formulas write Σ, not sum (below). */
static const char *const program_words[] = {"sum"};

/* A colormap's name (the window's status line) or an allowed word. */
static bool colormap_or_allowed(const char *word)
{
    for (int c = 0; c < COLORMAP_COUNT; c++)
        if (strcmp(colormap_name((Colormap)c), word) == 0)
            return true;
    for (size_t k = 0; k < sizeof allowed_words / sizeof allowed_words[0]; k++)
        if (strcmp(allowed_words[k], word) == 0)
            return true;
    return false;
}

/* A word a lesson step's frame may show in Chinese: an allowed word that
 * is no program word, or a colormap's name (the window's status line). */
static bool student_word(const char *word)
{
    for (size_t k = 0; k < sizeof program_words / sizeof program_words[0]; k++)
        if (strcmp(program_words[k], word) == 0)
            return false;
    return colormap_or_allowed(word);
}

/* One of the core's names: a kind, a spec key, a colormap. */
static bool core_name(const char *word, size_t n)
{
    size_t count;
    const LandscapeInfo *landscapes = landscape_kinds(&count);
    for (size_t k = 0; k < count; k++)
        if ((strlen(landscapes[k].name) == n && strncmp(landscapes[k].name, word, n) == 0) ||
            is_name(word, n, landscapes[k].params, landscapes[k].nparams))
            return true;
    const OptimizerInfo *optimizers = optimizer_kinds(&count);
    for (size_t k = 0; k < count; k++)
        if ((strlen(optimizers[k].name) == n && strncmp(optimizers[k].name, word, n) == 0) ||
            is_name(word, n, optimizers[k].params, optimizers[k].nparams))
            return true;
    return colormap_or_allowed(word);
}

/* What one lesson step on stage may show in English besides core names. */
typedef struct Watch {
    const App *app;
    const char *where;
    int failures;
    long texts;                /* texts drawn */
    bool help, readout, plot;  /* the help's title, the readout, a dynamics plot seen */
    bool schedule;             /* a legend naming a schedule in Chinese: "η …（余弦）" */
    bool min_norm;             /* the min-norm point labelled with its coordinates */
    bool plane;                /* a network run's head labelled with how far off the plane */
    const char *kind_title;    /* the landscape's title in Chinese, or NULL (a network) */
    bool kind_titled;          /* drawn this frame */
    bool step_frame;           /* a lesson step's frame as a recording shows it: what a
                                  student sees, held to student_word (no spec, no key) */
} Watch;

static bool lesson_word(const Lesson *lesson, const char *word, size_t n)
{
    if (has_word(lesson->title, word, n))
        return true;
    for (size_t k = 0; k < lesson->step_count; k++) {
        const LessonStep *step = &lesson->steps[k];
        if (has_word(step->caption, word, n) || has_word(step->hint, word, n))
            return true;
        for (size_t m = 0; m < step->mark_count; m++)
            if (has_word(step->marks[m].label, word, n))
                return true;
        for (size_t m = 0; m < step->key_count; m++)
            if (has_word(step->keys[m].label, word, n))
                return true;
    }
    return false;
}

static bool stage_word(const Scene *scene, const char *word, size_t n)
{
    if (has_word(landscape_spec(scene->landscape), word, n) ||
        has_word(scene->sweep.base, word, n) ||
        (scene->experiment && has_word(experiment_live_spec(scene->experiment), word, n)))
        return true;
    for (size_t i = 0; i < scene->run_count; i++)
        if (has_word(scene->runs[i].run.desc.spec, word, n))
            return true;
    return false;
}

/* The length of the token at p: a letter, then letters, digits and '_'
 * (beta1, sharp_depth, MP4); for "--name-of-option" the whole option. */
static size_t token_length(const char *p, bool option)
{
    size_t n = 1;
    while (isalnum((unsigned char)p[n]) || p[n] == '_' || (option && p[n] == '-'))
        n++;
    return n;
}

/* Whether a word of text that is no core name may show: what a lesson
 * step on stage or an experiment's picture may show besides. */
typedef bool (*WordAllowed)(const void *context, const char *word, size_t n);

/* The English words in utf8 that allowed does not let through, each
 * reported on stderr with where; returns how many.  allowed decides alone
 * (core_name is the callers' to call, or not). */
static int english_words(const char *utf8, const char *where, WordAllowed allowed,
                         const void *context)
{
    int failures = 0;
    for (const char *p = utf8; *p;) {
        if (!isalpha((unsigned char)*p)) {
            p++;
            continue;
        }
        /* A command-line option (--particles) is a name the program takes. */
        bool option = p - utf8 >= 2 && p[-1] == '-' && p[-2] == '-';
        size_t n = token_length(p, option), run = 0, longest = 0;
        for (size_t k = 0; k < n; k++) {
            run = isalpha((unsigned char)p[k]) ? run + 1 : 0;
            longest = run > longest ? run : longest;
        }
        char word[128];
        snprintf(word, sizeof word, "%.*s", (int)n, p);
        if (!option && longest >= 2 && !allowed(context, word, n)) {
            fprintf(stderr, "%s: English word '%s' in \"%s\"\n", where, word, utf8);
            failures++;
        }
        p += n;
    }
    return failures;
}

/* On a lesson step's stage: the lesson's own words, and in the window
 * after its keys the core's names and the specs' words as typed; a step's
 * frame shows no spec or key (sharp_depth, gd:lr=0.1), only student_word. */
static bool stage_allows(const void *context, const char *word, size_t n)
{
    const Watch *w = context;
    if (w->app->has_lesson && lesson_word(&w->app->lesson.lesson, word, n))
        return true;
    if (w->step_frame)
        return student_word(word);
    return core_name(word, n) || stage_word(w->app->scene, word, n);
}

/* Whether utf8 holds a spec's syntax, NAME:KEY=VALUE ("gd:lr=0.1",
 * "sharp_flat:sharp_width=0.25"), reported on stderr: a spec on screen
 * even where its words are let through (a caption that says "adam"). */
static bool spec_syntax(const char *utf8, const char *where)
{
    for (const char *p = utf8; *p; p++) {
        if (!isalpha((unsigned char)*p) ||
            (p > utf8 && (isalnum((unsigned char)p[-1]) || p[-1] == '_')))
            continue;
        size_t n = token_length(p, false);
        if (p[n] != ':' || !isalpha((unsigned char)p[n + 1]))
            continue;
        size_t key = token_length(p + n + 1, false);
        if (p[n + 1 + key] == '=') {
            fprintf(stderr, "%s: spec syntax '%.*s' in \"%s\"\n", where, (int)(n + key + 2), p,
                    utf8);
            return true;
        }
    }
    return false;
}

static void observe(void *context, const char *utf8, LayoutRect box, int px)
{
    (void)box;
    (void)px;
    Watch *w = context;
    w->texts++;
    w->help |= strcmp(utf8, "descent — 按键（Esc 关闭）") == 0;
    w->readout |= strncmp(utf8, "Hessian 特征值", strlen("Hessian 特征值")) == 0;
    w->plot |= strstr(utf8, "稳定性边缘") != NULL;
    /* The schedule's name is a core name ("cosine") that the English-word
     * rule lets through, so its translation is looked for by name. */
    w->schedule |= strstr(utf8, "（余弦）") != NULL;
    w->kind_titled |= w->kind_title && strstr(utf8, w->kind_title) != NULL;
    /* implicit_regularization's captions cite the point: (0.6, 1.2). */
    w->min_norm |= strstr(utf8, "最小范数点 (0.6, 1.2)") != NULL;
    /* A network's head says what its number is: "路径 2：距切片 2.06". */
    w->plane |= strstr(utf8, "：距切片 ") != NULL;
    w->failures += english_words(utf8, w->where, stage_allows, w);
    w->failures += w->step_frame && spec_syntax(utf8, w->where);
}

/* -------------------------------------------------------------- panels */

/* The translated title of landscape's kind (LandscapeInfo.title). */
static const char *kind_title(const Landscape *landscape)
{
    size_t count;
    const LandscapeInfo *kinds = landscape_kinds(&count);
    for (size_t k = 0; k < count; k++)
        if (strcmp(kinds[k].name, landscape_name(landscape)) == 0)
            return _(kinds[k].title);
    fail_msg("no kind named %s", landscape_name(landscape));
    return NULL;
}

enum { W = 1280, H = 720 };

/* Draws a frame with the pointer over the landscape (the hover readout). */
static void draw(App *app)
{
    app->scene->hover = (LandscapePoint){0.3, -0.2};
    app->scene->hover_valid = true;
    app_frame(app, 0.0);
}

/* Every window key that changes what is drawn, one after another, each
 * followed by a frame; the keys that leave the window, write files or
 * spawn ffmpeg (q, v, p, s, f) are left out. */
static void press_every_key(App *app)
{
    size_t count;
    const WindowKey *keys = window_keys(&count);
    for (size_t i = 0; i < count; i++) {
        for (const char *c = keys[i].chars; *c; c++) {
            if (strchr("qvpsf", *c))
                continue;
            /* 'o' goes round every dynamics plot. */
            for (int k = 0; k < (*c == 'o' ? SCENE_PLOT_COUNT : 1); k++) {
                window_key_char(app, *c);
                draw(app);
            }
            if (*c == 'e') {
                expr_field_close(app->scene);
                draw(app);
            }
        }
        for (size_t k = 0; keys[i].syms && keys[i].syms[k]; k++) {
            SDL_Keycode sym = keys[i].syms[k];
            if (sym == SDLK_q || sym == SDLK_F11 || (sym >= SDLK_1 && sym <= SDLK_9))
                continue;
            window_key_down(app, sym, 0);
            draw(app);
        }
    }
}

/* Errors a user meets by typing: a value out of range in the run field
 * (E) and a broken formula in the formula field (e).  Each is the core's
 * English message shown in Chinese (i18n_error), and drawn. */
static void type_errors(App *app)
{
    Scene *s = app->scene;
    assert_true(run_field_open(s));
    text_field_set(&s->run_field.field, "lr=-1");
    assert_false(run_field_apply(s));
    assert_string_equal(s->run_field.error, "优化器“gd”：lr=-1 超出范围 [0, 1e+09]");
    draw(app);
    run_field_close(s);
    expr_field_open(s);
    text_field_set(&s->expr_field.field, "x^2+)");
    assert_false(expr_field_apply(s));
    assert_string_equal(s->expr_field.error, "表达式：第 5 列：意外的“)”（在“x^2+”之后）");
    draw(app);
    expr_field_close(s);
}

static void test_every_panel_in_chinese(void **state)
{
    (void)state;
    assert_true(i18n_select("zh"));
    DescentError err = {""};
    LessonList lessons;
    assert_true(lesson_list(&lessons, &err));
    int failures = 0;
    size_t steps = 0;
    long texts = 0;
    bool help = false, readout = false, plot = false, schedule = false, min_norm = false,
         plane = false;
    for (size_t f = 0; f < lessons.count; f++) {
        const char *path = lessons.paths[f];
        Scene *scene = scene_create(&(SceneOptions){0}, &err);
        assert_non_null(scene);
        App *app = app_create(scene, &(AppOptions){.width = W, .height = H, .hidden = true,
                                                    .lesson = path, .lang = "zh"},
                              &err);
        assert_non_null(app);
        assert_true(app->has_lesson && lesson_player_ready(&app->lesson));
        char where[4200];
        Watch watch = {.app = app, .where = where};
        renderer_observe_text(app->renderer, observe, &watch);
        LessonPlayer *player = &app->lesson;
        for (size_t k = 0; k < player->lesson.step_count; k++) {
            snprintf(where, sizeof where, "%s step %zu", path, k + 1);
            assert_true(lesson_player_show(player, app->scene, k, &err));
            long frames = lesson_player_step_frames(player, k, 4);
            player->autoplay_frames = 0;
            for (long t = 0; t + 1 < frames && player->step == k; t++)
                lesson_player_autoplay(player, app->scene, 4);
            if (player->step != k)
                assert_true(lesson_player_show(player, app->scene, k, &err));
            /* The legend names the landscape by its title, in Chinese; an
             * expression by itself, its formula. */
            bool expression = strncmp(landscape_spec(app->scene->landscape), "expr:", 5) == 0;
            watch.kind_title =
                app->scene->net || expression ? NULL : kind_title(app->scene->landscape);
            watch.kind_titled = false;
            watch.step_frame = true;
            draw(app);
            watch.step_frame = false;
            if (watch.kind_title && !watch.kind_titled) {
                fprintf(stderr, "%s: the landscape's title \"%s\" not drawn\n", where,
                        watch.kind_title);
                failures++;
            }
            steps++;
        }
        /* A lesson with runs on a classic landscape and one on data. */
        if (strstr(path, "/welcome.lua") || strstr(path, "/implicit_regularization.lua")) {
            snprintf(where, sizeof where, "%s, every key", path);
            press_every_key(app);
            snprintf(where, sizeof where, "%s, typed errors", path);
            type_errors(app);
        }
        failures += watch.failures;
        texts += watch.texts;
        help |= watch.help;
        readout |= watch.readout;
        plot |= watch.plot;
        schedule |= watch.schedule;
        min_norm |= watch.min_norm;
        plane |= watch.plane;
        app_destroy(app);
    }
    lesson_list_free(&lessons);
    fprintf(stderr, "checked %ld texts of %zu lesson steps in Chinese\n", texts, steps);
    /* What was checked was there, in Chinese. */
    assert_true(steps > 40 && texts > 50 * (long)steps);
    assert_true(help && readout && plot && schedule && min_norm && plane);
    assert_int_equal(failures, 0);
}

/* ----------------------------------------------------- experiment plots */

/* What an experiment's picture may show besides core names: the
 * experiment's keys and the datasets its networks train on (spirals); not
 * its name ("kramers"), which its headline replaces with its title. */
static bool experiment_allows(const void *context, const char *word, size_t n)
{
    const ExperimentInfo *info = context;
    if (core_name(word, n) || is_name(word, n, info->params, info->nparams))
        return true;
    for (size_t k = 0; k < netdata_kind_count; k++)
        if (strlen(netdata_kinds[k].name) == n && strncmp(netdata_kinds[k].name, word, n) == 0)
            return true;
    return false;
}

/* The texts one experiment's picture draws, and whether the translations
 * of its claim and row labels are among them. */
typedef struct PlotWatch {
    const ExperimentInfo *info;
    const char *where;
    int failures;
    const char *wanted[EXPERIMENT_MAX_POINTS + 1]; /* translated claim and labels */
    bool seen[EXPERIMENT_MAX_POINTS + 1];
    size_t nwanted;
} PlotWatch;

static void observe_plot(void *context, const char *utf8, LayoutRect box, int px)
{
    (void)box;
    (void)px;
    PlotWatch *w = context;
    for (size_t k = 0; k < w->nwanted; k++)
        w->seen[k] |= strstr(utf8, w->wanted[k]) != NULL;
    w->failures += english_words(utf8, w->where, experiment_allows, w->info);
}

/* Keys that make a slow --quick form quicker here: only the words are
 * checked, whatever the verdict (a failed one adds its own words). */
static const char *const edge_keys[] = {"steps=1000", "window=500", "net_steps=1000"};

/* Every experiment's finished picture in Chinese: the verdict with its
 * claim, the legend with the rows' labels and the second law, the axes.
 * Each is measured in its --quick form and drawn as `descent experiment
 * --plot` draws it; the claim's and every label's translation must be
 * drawn, and no English word. */
static void test_experiment_plots_in_chinese(void **state)
{
    (void)state;
    assert_true(i18n_select("zh"));
    DescentError err = {""};
    Scene *scene = scene_create(&(SceneOptions){0}, &err);
    assert_non_null(scene);
    App *app = app_create(scene, &(AppOptions){.width = W, .height = H, .hidden = true,
                                                .lang = "zh"},
                          &err);
    assert_non_null(app);
    ExperimentResult *result = malloc(sizeof *result);
    ExperimentPicture *picture = malloc(sizeof *picture);
    assert_true(result && picture);
    size_t count, labelled = 0, claims = 0;
    const ExperimentInfo *kinds = experiment_kinds(&count);
    int failures = 0;
    for (size_t k = 0; k < count; k++) {
        const ExperimentInfo *info = &kinds[k];
        bool edge = strcmp(info->name, "edge_of_stability") == 0;
        ExperimentRequest request = {.info = info, .keys = edge ? edge_keys : NULL,
                                     .nkeys = edge ? sizeof edge_keys / sizeof edge_keys[0] : 0,
                                     .quick = true, .threads = 2};
        assert_int_equal(experiment_run(&request, result, &err), EXPERIMENT_DONE);
        experiment_picture_of(result, picture);
        PlotWatch watch = {.info = info, .where = info->name};
        if (result->claim.what) {
            watch.wanted[watch.nwanted++] = _(result->claim.what);
            claims++;
        }
        for (size_t i = 0; i < result->count; i++)
            if (result->rows[i].label) {
                watch.wanted[watch.nwanted++] = _(result->rows[i].label);
                labelled++;
            }
        renderer_observe_text(app->renderer, observe_plot, &watch);
        render_experiment_frame(app->renderer, picture, W, H, 1.0, SCENE_THEME_DARK);
        renderer_observe_text(app->renderer, NULL, NULL);
        for (size_t i = 0; i < watch.nwanted; i++)
            if (!watch.seen[i]) {
                fprintf(stderr, "%s: \"%s\" not drawn\n", info->name, watch.wanted[i]);
                failures++;
            }
        failures += watch.failures;
    }
    /* The experiments that have claims and labels were among them. */
    assert_true(claims >= 4 && labelled >= 10);
    assert_int_equal(failures, 0);
    free(result);
    free(picture);
    app_destroy(app);
}

int main(int argc, char **argv)
{
    /* test_ui_language --skip PATTERN: the tests whose names do not match
     * (cmocka's * and ?), as tests/meson.build runs it in one locale. */
    if (argc == 3 && strcmp(argv[1], "--skip") == 0)
        cmocka_set_skip_filter(argv[2]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog_whatever_the_locale),
        cmocka_unit_test(test_numbers_keep_their_point),
        cmocka_unit_test(test_schedule_names_translated),
        cmocka_unit_test(test_spec_notation),
        cmocka_unit_test(test_every_panel_in_chinese),
        cmocka_unit_test(test_experiment_plots_in_chinese),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
