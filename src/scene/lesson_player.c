/* lesson_player.c — see lesson_player.h. */
#include "lesson_player.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/experiment.h"
#include "core/optimizer.h"
#include "i18n.h"

static const LessonStep *current_step(const LessonPlayer *player)
{
    return &player->lesson.steps[player->step];
}

/* The file's modification time into dest ({0} and false when it is gone). */
static bool file_mtime(const char *path, struct timespec *dest)
{
    struct stat st;
    bool exists = stat(path, &st) == 0;
    *dest = exists ? st.st_mtim : (struct timespec){0};
    return exists;
}

/* The scene speed (a multiple of SCENE_STEPS_PER_SECOND) a step plays at. */
static double step_speed(const LessonStep *step)
{
    double speed = step->speed > 0 ? step->speed / SCENE_STEPS_PER_SECOND : 1.0;
    return fmin(fmax(speed, SCENE_SPEED_MIN), SCENE_SPEED_MAX);
}

/* The stage of step: its landscape, view, start, runs and particles, or
 * its network. */
static bool build_stage(Scene *scene, const LessonStep *step, DescentError *err)
{
    bool network = step->model[0] != '\0';
    SceneOptions options = {.landscape = network ? NULL : step->landscape,
                            .model = network ? step->model : NULL,
                            .data = network ? step->data : NULL,
                            .init_seed = step->init_seed,
                            .ensemble = step->ensemble,
                            .slice = step->slice,
                            .has_slice = network,
                            .net_layer = step->representation,
                            .run_count = step->runs.count,
                            .sweep = step->sweep,
                            .has_start = step->has_start,
                            .start = step->start,
                            .has_view = step->has_view,
                            .view = step->view,
                            .has_seed = scene->has_seed,
                            .seed = scene->seed,
                            .particles = step->particles};
    for (size_t i = 0; i < step->runs.count && i < SCENE_MAX_RUNS; i++)
        options.runs[i] = step->runs.specs[i];
    return scene_set_stage(scene, &options, err);
}

static bool set_texts(const LessonPlayer *player, Scene *scene, const LessonStep *step,
                      DescentError *err)
{
    /* Holds the whole title: LESSON_MAX_STEPS has 3 digits. */
    _Static_assert(LESSON_MAX_STEPS < 1000, "SCENE_TITLE_MAX leaves room for \"999/999  \"");
    char title[SCENE_TITLE_MAX];
    snprintf(title, sizeof title, "%zu/%zu  %s", player->step + 1, player->lesson.step_count,
             player->lesson.title);
    scene_set_title(scene, title);
    scene_set_caption(scene, step->caption);
    scene_set_hint(scene, step->hint);
    SceneMark marks[SCENE_MAX_MARKS];
    size_t count = step->mark_count < SCENE_MAX_MARKS ? step->mark_count : SCENE_MAX_MARKS;
    for (size_t i = 0; i < count; i++) {
        marks[i] = (SceneMark){.x = step->marks[i].x, .y = step->marks[i].y,
                               .radius = step->marks[i].radius};
        snprintf(marks[i].label, sizeof marks[i].label, "%s", step->marks[i].label);
    }
    return scene_set_marks(scene, marks, count, err);
}

bool lesson_player_ready(const LessonPlayer *player)
{
    return player->lesson.step_count > 0;
}

ScenePlot lesson_step_plot(const LessonStep *step)
{
    return step->show & (LESSON_SHOW_SHARPNESS | LESSON_SHOW_STABILITY) ? SCENE_PLOT_SHARPNESS
           : step->show & LESSON_SHOW_NORM                              ? SCENE_PLOT_NORM
           : step->show & LESSON_SHOW_SCHEDULE                          ? SCENE_PLOT_SCHEDULE
           : step->show & LESSON_SHOW_DISTANCE                          ? SCENE_PLOT_DISTANCE
           : step->show & LESSON_SHOW_STEP_SIZE                         ? SCENE_PLOT_STEP_SIZE
                                                                        : SCENE_PLOT_NONE;
}

static bool same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Whether steps a and b show the same map (lesson_player.h). */
static bool same_map(const LessonStep *a, const LessonStep *b)
{
    return same_text(a->landscape, b->landscape) && same_text(a->model, b->model) &&
           same_text(a->data, b->data) && a->representation == b->representation &&
           a->ensemble == b->ensemble && a->has_view == b->has_view &&
           (!a->has_view || memcmp(&a->view, &b->view, sizeof a->view) == 0) &&
           (a->show & LESSON_SHOW_3D) == (b->show & LESSON_SHOW_3D) &&
           (a->experiment != NULL) == (b->experiment != NULL);
}

/* Step k's colour scale in 2D (lesson_player.h) onto the scene: the
 * rectangle it spans, the least view (by area) among the 2D steps on its
 * landscape, the landscape's own where a step asks for none, and its foot,
 * the least known minimum in any of those views; none for a network. */
static void set_colour_scale(const Lesson *lesson, size_t k, Scene *scene)
{
    const LessonStep *step = &lesson->steps[k];
    scene->display.colour_view = (ViewRect){0};
    if (scene->net)
        return;
    ViewRect own = landscape_default_view(scene->landscape), least = scene->view;
    double area = HUGE_VAL, foot = HUGE_VAL;
    for (size_t j = 0; j < lesson->step_count; j++) {
        const LessonStep *s = &lesson->steps[j];
        if (s->model[0] != '\0' || (s->show & LESSON_SHOW_3D) ||
            !same_text(s->landscape, step->landscape))
            continue;
        ViewRect v = s->has_view ? s->view : own;
        double a = (v.xmax - v.xmin) * (v.ymax - v.ymin);
        if (a < area)
            least = v, area = a;
        foot = fmin(foot, landscape_least_minimum(scene->landscape, v));
    }
    scene->display.colour_view = least;
    scene->display.colour_floor = foot;
}

/* Step k's group (lesson_player.h) on the scene. */
static void show_group(const Lesson *lesson, size_t k, Scene *scene)
{
    size_t first = k, last = k;
    while (first > 0 && same_map(&lesson->steps[first - 1], &lesson->steps[k]))
        first--;
    while (last + 1 < lesson->step_count && same_map(&lesson->steps[last + 1], &lesson->steps[k]))
        last++;
    scene->display.lesson = lesson;
    scene->display.group_first = first;
    scene->display.group_count = last - first + 1;
    scene->display.step = k;
}

bool lesson_player_show(LessonPlayer *player, Scene *scene, size_t k, DescentError *err)
{
    if (!lesson_player_ready(player))
        return error_set(err, "%s did not load", player->path);
    const Lesson *lesson = &player->lesson;
    if (k >= lesson->step_count)
        k = lesson->step_count - 1;
    const LessonStep *step = &lesson->steps[k];
    bool ok = true;
    if (step->keep && k > 0 && k == player->step + 1) {
        /* Straight on from the step before: where its play would end. */
        if (scene->play_left > 0)
            scene_step(scene, (size_t)scene->play_left);
    } else {
        size_t first = k;
        while (first > 0 && lesson->steps[first].keep)
            first--;
        ok = build_stage(scene, &lesson->steps[first], err);
        for (size_t i = first; ok && i < k; i++)
            scene_step(scene, (size_t)lesson->steps[i].play);
    }
    player->step = k;
    memset(player->choice, 0, sizeof player->choice);
    player->autoplay_frames = 0;
    scene_set_error(scene, NULL);
    ok = set_texts(player, scene, step, err) && ok;
    scene->display.arrows = (step->show & LESSON_SHOW_GRADIENT) != 0;
    scene->display.velocity = (step->show & LESSON_SHOW_VELOCITY) != 0;
    scene->display.steps = (step->show & LESSON_SHOW_STEPS) != 0;
    scene->display.way_in = (step->show & LESSON_SHOW_WAY_IN) != 0;
    scene->display.basins = (step->show & LESSON_SHOW_BASINS) != 0;
    scene->display.effective_step = (step->show & LESSON_SHOW_EFFECTIVE_STEP) != 0;
    scene->display.formula = (step->show & LESSON_SHOW_FORMULA) != 0;
    scene->display.spread = (step->show & LESSON_SHOW_SPREAD) != 0;
    scene->display.axes = (step->show & LESSON_SHOW_AXES) != 0;
    if (scene->net) {
        /* The network's view is the step's own, also on a keep step: the
         * layer it shows, else the ensemble's thumbnails, else the slice. */
        scene->display.net_layer = step->representation;
        scene->display.ensemble = scene->ensemble && step->representation == 0;
        net_stage_set_slice(scene->net, step->slice);
    }
    /* A step that asks for a view gets it; one that does not gets the
     * viewer's own choice (Tab, --3d), never the view an earlier step asked
     * for.  The view on screen is the viewer's choice unless it is the one
     * the step shown until now asked for. */
    bool asked_3d = (player->asked_view & LESSON_SHOW_3D) != 0;
    if (!player->asked_view || scene->display.view3d != asked_3d)
        player->viewer_view3d = scene->display.view3d;
    player->asked_view = step->show & (LESSON_SHOW_3D | LESSON_SHOW_2D);
    scene->display.view3d = player->asked_view ? (step->show & LESSON_SHOW_3D) != 0
                                               : player->viewer_view3d;
    scene->display.plot = lesson_step_plot(step);
    set_colour_scale(lesson, k, scene);
    show_group(lesson, k, scene);
    scene->display.plot_run = step->plot_run;
    scene->display.starts_tally = step->tally;
    scene->display.distance_from[0] = step->distance_from.x;
    scene->display.distance_from[1] = step->distance_from.y;
    scene->display.loss_from = (size_t)step->plot_from;
    scene->display.loss_mark_count = step->plot_mark_count;
    for (size_t i = 0; i < step->plot_mark_count; i++)
        scene->display.loss_marks[i] = (size_t)step->plot_marks[i];
    scene->display.loss_ymin = step->plot_ymin;
    scene->display.loss_ymax = step->plot_ymax;
    scene->display.law_hidden = step->experiment && !step->law;
    scene->display.experiment_kinds = step->experiment ? step->kinds : 0;
    scene->display.sharpness_range[0] = step->plot_sharpness[0];
    scene->display.sharpness_range[1] = step->plot_sharpness[1];
    scene->display.sharpness_log_steps = step->plot_log_steps;
    scene_show_flow(scene, (step->show & LESSON_SHOW_FLOW) != 0);
    ok = scene_set_experiment(scene, step->experiment, err) && ok;
    NetStartsRequest starts;
    lesson_starts_request(step, &starts);
    ok = scene_set_starts(scene, step->starts ? &starts : NULL, err) && ok;
    scene_scale_speed(scene, step_speed(step) / scene->speed);
    scene_play_for(scene, step->play, !step->pause);
    if (!ok)
        scene_notify_error(scene, 8.0, err->message);
    return ok;
}

bool lesson_player_stage(const Lesson *lesson, size_t k, Scene *scene, DescentError *err)
{
    LessonPlayer *player = calloc(1, sizeof *player);
    if (!player)
        return error_set(err, "out of memory");
    player->lesson = *lesson; /* borrowed: never closed */
    player->step = SIZE_MAX;
    bool ok = lesson_player_show(player, scene, k, err);
    if (ok && scene->play_left > 0)
        scene_step(scene, (size_t)scene->play_left);
    scene->display.lesson = NULL; /* the copy it named goes */
    scene->display.group_count = 0;
    free(player);
    return ok;
}

bool lesson_player_next(LessonPlayer *player, Scene *scene)
{
    if (!lesson_player_ready(player) || player->step + 1 >= player->lesson.step_count)
        return false;
    DescentError err = {""};
    lesson_player_show(player, scene, player->step + 1, &err);
    return true;
}

bool lesson_player_previous(LessonPlayer *player, Scene *scene)
{
    if (!lesson_player_ready(player) || player->step == 0)
        return false;
    DescentError err = {""};
    lesson_player_show(player, scene, player->step - 1, &err);
    return true;
}

static bool same_runs(const LessonRuns *a, const LessonRuns *b)
{
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++)
        if (strcmp(a->specs[i], b->specs[i]) != 0)
            return false;
    return true;
}

/* Whether choice c of key k (0: the step's own, i: its i-th alternative)
 * shows the same stage as choice d. */
static bool same_choice(const LessonStep *step, const LessonKey *k, size_t c, size_t d)
{
    if (k->target == LESSON_KEY_LANDSCAPE)
        return strcmp(c ? k->landscapes[c - 1] : step->landscape,
                      d ? k->landscapes[d - 1] : step->landscape) == 0;
    return same_runs(c ? &k->runs[c - 1] : &step->runs, d ? &k->runs[d - 1] : &step->runs);
}

/* Whether choice c shows a stage no choice before it does: an alternative
 * that repeats the step's own (sharp_flat's "noise 8 / noise 0.8" lists
 * the step's 0.8 again) would make a press that changes nothing. */
static bool new_choice(const LessonStep *step, const LessonKey *k, size_t c)
{
    for (size_t d = 0; d < c; d++)
        if (same_choice(step, k, c, d))
            return false;
    return true;
}

bool lesson_player_key(LessonPlayer *player, Scene *scene, char key)
{
    if (!lesson_player_ready(player))
        return false;
    const LessonStep *step = current_step(player);
    for (size_t i = 0; i < step->key_count && i < LESSON_MAX_KEYS; i++) {
        const LessonKey *k = &step->keys[i];
        if (k->key != key)
            continue;
        size_t choice = player->choice[i] + 1;
        while (choice <= k->count && !new_choice(step, k, choice))
            choice++;
        choice %= k->count + 1;
        player->choice[i] = choice;
        DescentError err = {""};
        bool ok;
        if (choice == 0)
            ok = build_stage(scene, step, &err);
        else if (k->target == LESSON_KEY_LANDSCAPE)
            ok = scene_set_landscape(scene, k->landscapes[choice - 1], true, &err);
        else
            ok = scene_set_runs(scene, (const char *const *)k->runs[choice - 1].specs,
                                k->runs[choice - 1].count, &err);
        if (!ok) {
            scene_notify_error(scene, 8.0, err.message);
            return true;
        }
        size_t shown = 0, distinct = 0;
        for (size_t c = 0; c <= k->count; c++)
            if (new_choice(step, k, c)) {
                distinct++;
                shown += c <= choice;
            }
        scene_notify(scene, 3.0, "%s: %zu/%zu", k->label[0] ? k->label : _("key"), shown, distinct);
        /* Played like the step: a step without play (a still picture)
         * plays the alternative on until Space pauses it. */
        scene_play_for(scene, step->play, true);
        if (step->play == 0)
            scene_set_playing(scene, true);
        return true;
    }
    return false;
}

/* Appends runs, shown together as group, to specs and groups (at count),
 * and to kinds the kind of walker experiment (NULL: none) measures each
 * as (experiment_walker_kind; -1: none). */
static size_t list_runs(const LessonRuns *runs, size_t group, const ExperimentInfo *experiment,
                        const char **specs, size_t *groups, int *kinds, size_t count)
{
    for (size_t r = 0; r < runs->count; r++) {
        OptimizerDesc desc;
        DescentError err;
        kinds[count] = experiment && optimizer_parse(runs->specs[r], NULL, &desc, &err)
                           ? experiment_walker_kind(experiment, &desc)
                           : -1;
        specs[count] = runs->specs[r];
        groups[count++] = group;
    }
    return count;
}

/* The experiment a step's spec ("sharp_escape", "kramers:tol=7") names;
 * NULL for none. */
static const ExperimentInfo *step_experiment(const LessonStep *step)
{
    char name[64];
    if (!step->experiment)
        return NULL;
    snprintf(name, sizeof name, "%.*s", (int)strcspn(step->experiment, ":"), step->experiment);
    return experiment_find(name);
}

/* Plans the colours of every run the lesson shows, its steps' and its
 * keys' alternatives' (scene_plan_run_colors); a sweep's runs take the
 * sweep's scale instead. */
static void plan_colors(const Lesson *lesson, Scene *scene)
{
    size_t total = 0;
    for (size_t k = 0; k < lesson->step_count; k++) {
        const LessonStep *step = &lesson->steps[k];
        total += step->runs.count;
        for (size_t key = 0; key < step->key_count; key++)
            for (size_t c = 0; step->keys[key].runs && c < step->keys[key].count; c++)
                total += step->keys[key].runs[c].count;
    }
    const char **specs = malloc((total ? total : 1) * sizeof *specs);
    size_t *groups = malloc((total ? total : 1) * sizeof *groups);
    int *kinds = malloc((total ? total : 1) * sizeof *kinds);
    size_t count = 0, group = 0;
    for (size_t k = 0; specs && groups && kinds && k < lesson->step_count; k++) {
        const LessonStep *step = &lesson->steps[k];
        const ExperimentInfo *experiment = step_experiment(step);
        if (!step->sweep)
            count = list_runs(&step->runs, group++, experiment, specs, groups, kinds, count);
        for (size_t key = 0; key < step->key_count; key++)
            for (size_t c = 0; step->keys[key].runs && c < step->keys[key].count; c++)
                count = list_runs(&step->keys[key].runs[c], group++, experiment, specs, groups,
                                  kinds, count);
    }
    scene_plan_run_colors(scene, specs, groups, kinds, specs && groups && kinds ? count : 0);
    free(specs);
    free(groups);
    free(kinds);
}

/* Puts a freshly loaded lesson on stage at step, or shows why it did not
 * load; the player owns it from now on. */
static bool install(LessonPlayer *player, Scene *scene, size_t step, bool loaded,
                    Lesson *lesson, DescentError *err)
{
    scene->display.lesson = NULL; /* its steps are freed */
    scene->display.group_count = 0;
    lesson_free(&player->lesson);
    player->lesson = *lesson;
    if (!loaded) {
        char shown[sizeof err->message];
        i18n_error(err->message, shown, sizeof shown);
        scene_set_error(scene, shown);
        return false;
    }
    player->step = SIZE_MAX; /* no step shown yet: nothing to keep from */
    plan_colors(&player->lesson, scene);
    if (!lesson_player_show(player, scene, step, err))
        return false;
    if (player->lesson.fallbacks > 0)
        scene_notify(scene, 6.0, _("%zu texts in English: the lesson has no '%s' for them"),
                     player->lesson.fallbacks, player->lesson.lang);
    return true;
}

/* Loads the file into the player (waiting for it), or shows why it cannot
 * be loaded.  The loader forks (lesson/lesson_load.c says why): the
 * work beside the stage on threads of its own (an experiment, a step's
 * starts) is held at rest
 * while it does, here and in lesson_player_poll (which does not wait for
 * the rest: it forks at a later poll). */
static bool load(LessonPlayer *player, Scene *scene, size_t step, DescentError *err)
{
    file_mtime(player->path, &player->mtime);
    Lesson lesson;
    scene_hold(scene, true);
    bool loaded = lesson_load(player->path, player->lang, player->reserved_keys, &lesson, err);
    scene_release(scene);
    return install(player, scene, step, loaded, &lesson, err);
}

bool lesson_player_open(LessonPlayer *player, const char *path, const char *lang,
                        const char *reserved_keys, Scene *scene, DescentError *err)
{
    *player = (LessonPlayer){.reserved_keys = reserved_keys};
    snprintf(player->path, sizeof player->path, "%s", path);
    snprintf(player->lang, sizeof player->lang, "%s", lang ? lang : lesson_default_lang());
    return load(player, scene, 0, err);
}

void lesson_player_close(LessonPlayer *player)
{
    if (player->reload)
        lesson_load_cancel(player->reload);
    player->reload = NULL;
    lesson_free(&player->lesson);
}

/* Puts the finished reload on stage. */
static void finish_reload(LessonPlayer *player, Scene *scene)
{
    size_t step = lesson_player_ready(player) ? player->step : 0;
    Lesson lesson;
    DescentError err = {""};
    bool loaded = lesson_load_finish(player->reload, &lesson, &err);
    player->reload = NULL;
    if (install(player, scene, step, loaded, &lesson, &err))
        scene_notify(scene, 3.0, _("reloaded %s"), player->path);
}

bool lesson_player_poll(LessonPlayer *player, Scene *scene)
{
    if (player->reload) {
        if (!lesson_load_poll(player->reload))
            return false;
        finish_reload(player, scene);
        return true;
    }
    struct timespec now;
    bool exists = file_mtime(player->path, &now);
    if (now.tv_sec == player->mtime.tv_sec && now.tv_nsec == player->mtime.tv_nsec)
        return false;
    if (!exists && lesson_player_ready(player)) {
        /* Deleted, or between an editor's delete and rename: the class
         * keeps its stage, and the file reloads when it is back. */
        player->mtime = now;
        scene_notify(scene, 10.0, _("%s is gone: showing it as last loaded until it is back"),
                     player->path);
        return false;
    }
    if (!scene_hold(scene, false))
        return false; /* the file is seen changed again at the next poll */
    player->mtime = now;
    player->reload = lesson_load_start(player->path, player->lang, player->reserved_keys);
    scene_release(scene);
    if (!player->reload) {
        scene_notify(scene, 10.0, _("out of memory reloading %s"), player->path);
        return false;
    }
    if (!lesson_load_poll(player->reload))
        return false;
    finish_reload(player, scene);
    return true;
}

/* Whether c is a Chinese, Japanese or Korean character that is read as
 * one unit: an ideograph, a kana or a hangul syllable. */
static bool is_cjk(uint32_t c)
{
    return (c >= 0x3040 && c <= 0x30FF) ||   /* hiragana, katakana */
           (c >= 0x3400 && c <= 0x4DBF) ||   /* CJK extension A */
           (c >= 0x4E00 && c <= 0x9FFF) ||   /* CJK unified ideographs */
           (c >= 0xAC00 && c <= 0xD7AF) ||   /* hangul syllables */
           (c >= 0xF900 && c <= 0xFAFF) ||   /* compatibility ideographs */
           (c >= 0x20000 && c <= 0x3FFFF);   /* extensions B and later */
}

/* Punctuation that separates words like a space: CJK and full-width
 * punctuation (U+3000 .. U+303F, U+FF00 .. U+FF0F and friends). */
static bool is_cjk_separator(uint32_t c)
{
    return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
           (c >= 0xFF1A && c <= 0xFF20);
}

/* Decodes the UTF-8 character at *p (valid UTF-8: lesson texts are) and
 * moves *p past it. */
static uint32_t next_char(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    int extra = s[0] >= 0xF0 ? 3 : s[0] >= 0xE0 ? 2 : s[0] >= 0xC0 ? 1 : 0;
    uint32_t c = extra ? s[0] & (0x3F >> extra) : s[0];
    for (int i = 1; i <= extra && (s[i] & 0xC0) == 0x80; i++)
        c = (c << 6) | (s[i] & 0x3F);
    const unsigned char *q = s + 1;
    while ((*q & 0xC0) == 0x80)
        q++;
    *p = (const char *)q;
    return c;
}

double lesson_reading_seconds(const char *caption)
{
    size_t words = 0, cjk = 0;
    bool in_word = false;
    for (const char *p = caption ? caption : ""; *p;) {
        uint32_t c = next_char(&p);
        if (is_cjk(c)) {
            cjk++;
            in_word = false;
        } else if (c <= ' ' || is_cjk_separator(c)) {
            in_word = false;
        } else if (!in_word) {
            words++;
            in_word = true;
        }
    }
    return LESSON_READING_BASE_SECONDS + (double)words / LESSON_READING_WORDS_PER_SECOND +
           (double)cjk / LESSON_READING_CJK_PER_SECOND;
}

double lesson_player_hold_seconds(const LessonPlayer *player, size_t k)
{
    return player->has_hold ? player->hold
                            : lesson_reading_seconds(player->lesson.steps[k].caption);
}

/* Whole frames at fps that last at least seconds (not one more when
 * seconds * fps is whole but for rounding). */
static long frames_for(double seconds, int fps)
{
    return (long)ceil(seconds * fps - 1e-9);
}

long lesson_player_step_frames(const LessonPlayer *player, size_t k, int fps)
{
    const LessonStep *step = &player->lesson.steps[k];
    double play = (double)step->play / (SCENE_STEPS_PER_SECOND * step_speed(step));
    long frames = (step->pause ? frames_for(LESSON_PLAYER_PAUSE_SECONDS, fps) : 0) +
                  frames_for(play + lesson_player_hold_seconds(player, k), fps);
    return frames > 1 ? frames : 1;
}

void lesson_player_autoplay(LessonPlayer *player, Scene *scene, int fps)
{
    if (!lesson_player_ready(player)) {
        scene_advance(scene, 1.0 / fps);
        return;
    }
    /* Counted in whole frames, so the frames each step gets are known
     * before recording (subtitles are written from them) and every step
     * keeps at least its play and hold. */
    player->autoplay_frames++;
    if (player->autoplay_frames >= lesson_player_step_frames(player, player->step, fps) &&
        lesson_player_next(player, scene))
        return;
    if (current_step(player)->pause && !scene->playing && scene->play_left > 0 &&
        player->autoplay_frames >= frames_for(LESSON_PLAYER_PAUSE_SECONDS, fps))
        scene_set_playing(scene, true);
    scene_advance(scene, 1.0 / fps);
}
