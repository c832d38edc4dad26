/* lesson_wire.c — see lesson_wire.h.  The encoder and the decoder walk the
 * Lesson in the same order, field by field. */
#include "lesson_wire.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/ensemble.h"
#include "core/experiment.h"
#include "core/net_starts.h"
#include "core/model.h"

/* ----------------------------------------------------------------- writing */

typedef struct Writer {
    char *data;
    size_t size, capacity;
    bool failed;
} Writer;

static void put(Writer *w, const void *bytes, size_t size)
{
    if (w->failed)
        return;
    if (w->size + size > w->capacity) {
        size_t capacity = w->capacity ? w->capacity : 4096;
        while (capacity < w->size + size)
            capacity *= 2;
        char *grown = realloc(w->data, capacity);
        if (!grown) {
            w->failed = true;
            return;
        }
        w->data = grown;
        w->capacity = capacity;
    }
    memcpy(w->data + w->size, bytes, size);
    w->size += size;
}

static void put_u64(Writer *w, uint64_t value)
{
    put(w, &value, sizeof value);
}

static void put_f64(Writer *w, double value)
{
    put(w, &value, sizeof value);
}

static void put_text(Writer *w, const char *text)
{
    size_t len = strlen(text);
    put_u64(w, len);
    put(w, text, len);
}

static void put_runs(Writer *w, const LessonRuns *runs)
{
    put_u64(w, runs->count);
    for (size_t i = 0; i < runs->count; i++)
        put_text(w, runs->specs[i]);
}

static void put_step(Writer *w, const LessonStep *step)
{
    put_u64(w, (uint64_t)step->line);
    put_text(w, step->id);
    put_text(w, step->caption);
    put_text(w, step->hint);
    put_text(w, step->landscape);
    put_text(w, step->model);
    put_text(w, step->data);
    put_u64(w, step->init_seed);
    put_u64(w, step->ensemble);
    put_u64(w, step->starts);
    put_u64(w, step->tally);
    put_u64(w, (uint64_t)step->trained);
    put_u64(w, step->slice);
    put_u64(w, (uint64_t)step->representation);
    put_u64(w, step->has_view);
    put_f64(w, step->view.xmin);
    put_f64(w, step->view.xmax);
    put_f64(w, step->view.ymin);
    put_f64(w, step->view.ymax);
    put_u64(w, step->has_start);
    put_f64(w, step->start.x);
    put_f64(w, step->start.y);
    put_runs(w, &step->runs);
    put_u64(w, step->sweep != NULL);
    if (step->sweep)
        put_text(w, step->sweep);
    put_u64(w, step->experiment != NULL);
    if (step->experiment)
        put_text(w, step->experiment);
    put_u64(w, step->law);
    put_u64(w, step->kinds);
    put_u64(w, step->particles);
    put_u64(w, (uint64_t)step->play);
    put_f64(w, step->speed);
    put_u64(w, step->pause);
    put_u64(w, step->keep);
    put_u64(w, step->show);
    put_f64(w, step->plot_ymin);
    put_f64(w, step->plot_ymax);
    put_u64(w, (uint64_t)step->plot_from);
    put_u64(w, step->plot_mark_count);
    for (size_t i = 0; i < step->plot_mark_count; i++)
        put_u64(w, (uint64_t)step->plot_marks[i]);
    put_f64(w, step->plot_sharpness[0]);
    put_f64(w, step->plot_sharpness[1]);
    put_u64(w, step->plot_log_steps);
    put_u64(w, (uint64_t)(step->plot_run + 1));  /* -1 (every run) as 0 */
    put_f64(w, step->distance_from.x);
    put_f64(w, step->distance_from.y);
    put_u64(w, step->mark_count);
    for (size_t i = 0; i < step->mark_count; i++) {
        put_f64(w, step->marks[i].x);
        put_f64(w, step->marks[i].y);
        put_f64(w, step->marks[i].radius);
        put_text(w, step->marks[i].label);
    }
    put_u64(w, step->key_count);
    for (size_t i = 0; i < step->key_count; i++) {
        const LessonKey *key = &step->keys[i];
        put_u64(w, (unsigned char)key->key);
        put_text(w, key->label);
        put_u64(w, key->target);
        put_u64(w, key->count);
        for (size_t k = 0; k < key->count; k++) {
            if (key->target == LESSON_KEY_LANDSCAPE)
                put_text(w, key->landscapes[k]);
            else
                put_runs(w, &key->runs[k]);
        }
    }
}

bool lesson_encode(const Lesson *lesson, char **dest, size_t *size)
{
    Writer w = { 0 };
    put_text(&w, lesson->title);
    put_u64(&w, lesson->fallbacks);
    put_u64(&w, lesson->step_count);
    for (size_t i = 0; i < lesson->step_count; i++)
        put_step(&w, &lesson->steps[i]);
    if (w.failed) {
        free(w.data);
        return false;
    }
    *dest = w.data;
    *size = w.size;
    return true;
}

/* ----------------------------------------------------------------- reading */

typedef struct Reader {
    const char *data;
    size_t left;
    bool failed;   /* short, out of range or out of memory: nothing more is read */
} Reader;

static void get(Reader *r, void *dest, size_t size)
{
    if (r->failed || r->left < size) {
        r->failed = true;
        memset(dest, 0, size);
        return;
    }
    memcpy(dest, r->data, size);
    r->data += size;
    r->left -= size;
}

/* A whole number in [0, max]. */
static uint64_t get_u64(Reader *r, uint64_t max)
{
    uint64_t value;
    get(r, &value, sizeof value);
    if (value > max) {
        r->failed = true;
        return 0;
    }
    return value;
}

static double get_f64(Reader *r)
{
    double value;
    get(r, &value, sizeof value);
    return value;
}

/* A malloc'd C string (never NULL unless r failed) of at most max bytes,
 * without NUL bytes inside. */
static char *get_text(Reader *r, size_t max)
{
    size_t len = (size_t)get_u64(r, max);
    if (r->failed || r->left < len || memchr(r->data, '\0', len)) {
        r->failed = true;
        return NULL;
    }
    char *text = malloc(len + 1);
    if (!text) {
        r->failed = true;
        return NULL;
    }
    memcpy(text, r->data, len);
    text[len] = '\0';
    r->data += len;
    r->left -= len;
    return text;
}

/* Longest spec a Lesson holds: the script's limit plus a file's real path. */
#define WIRE_SPEC_MAX (2 * PATH_MAX)

static void get_runs(Reader *r, LessonRuns *runs)
{
    size_t count = (size_t)get_u64(r, LESSON_MAX_RUNS);
    if (r->failed || !(runs->specs = calloc(count ? count : 1, sizeof *runs->specs))) {
        r->failed = true;
        return;
    }
    for (; runs->count < count && !r->failed; runs->count++)
        runs->specs[runs->count] = get_text(r, WIRE_SPEC_MAX);
}

static void get_key(Reader *r, LessonKey *key)
{
    key->key = (char)get_u64(r, '~');
    key->label = get_text(r, LESSON_LABEL_MAX);
    key->target = (LessonKeyTarget)get_u64(r, LESSON_KEY_RUNS);
    size_t count = (size_t)get_u64(r, LESSON_MAX_CHOICES);
    if (r->failed)
        return;
    if (key->target == LESSON_KEY_LANDSCAPE)
        key->landscapes = calloc(count ? count : 1, sizeof *key->landscapes);
    else
        key->runs = calloc(count ? count : 1, sizeof *key->runs);
    if (!key->landscapes && !key->runs) {
        r->failed = true;
        return;
    }
    for (; key->count < count && !r->failed; key->count++) {
        if (key->landscapes)
            key->landscapes[key->count] = get_text(r, WIRE_SPEC_MAX);
        else
            get_runs(r, &key->runs[key->count]);
    }
}

static void get_step(Reader *r, LessonStep *step)
{
    step->line = (int)get_u64(r, INT_MAX);
    char *id = get_text(r, LESSON_STEP_ID_SIZE - 1);
    if (id)
        memcpy(step->id, id, strlen(id) + 1);
    free(id);
    step->caption = get_text(r, LESSON_CAPTION_MAX);
    step->hint = get_text(r, LESSON_CAPTION_MAX);
    step->landscape = get_text(r, WIRE_SPEC_MAX);
    step->model = get_text(r, WIRE_SPEC_MAX);
    step->data = get_text(r, WIRE_SPEC_MAX);
    step->init_seed = get_u64(r, UINT64_MAX);
    step->ensemble = (size_t)get_u64(r, ENSEMBLE_MAX);
    step->starts = (size_t)get_u64(r, NET_STARTS_MAX);
    step->tally = (unsigned)get_u64(r, (1u << NET_STARTS_FIGURES) - 1);
    step->trained = (long)get_u64(r, LONG_MAX);
    step->slice = (NetSliceKind)get_u64(r, NET_SLICE_COUNT - 1);
    step->representation = (int)get_u64(r, MODEL_MAX_SIZES - 2);
    step->has_view = get_u64(r, 1);
    step->view.xmin = get_f64(r);
    step->view.xmax = get_f64(r);
    step->view.ymin = get_f64(r);
    step->view.ymax = get_f64(r);
    step->has_start = get_u64(r, 1);
    step->start.x = get_f64(r);
    step->start.y = get_f64(r);
    get_runs(r, &step->runs);
    if (get_u64(r, 1))
        step->sweep = get_text(r, WIRE_SPEC_MAX);
    if (get_u64(r, 1))
        step->experiment = get_text(r, WIRE_SPEC_MAX);
    step->law = get_u64(r, 1);
    step->kinds = (size_t)get_u64(r, EXPERIMENT_MAX_POINTS);
    step->particles = (size_t)get_u64(r, LESSON_MAX_PARTICLES);
    step->play = (long)get_u64(r, LONG_MAX);
    step->speed = get_f64(r);
    step->pause = get_u64(r, 1);
    step->keep = get_u64(r, 1);
    step->show = (unsigned)get_u64(r, UINT_MAX);
    step->plot_ymin = get_f64(r);
    step->plot_ymax = get_f64(r);
    step->plot_from = (long)get_u64(r, LONG_MAX);
    step->plot_mark_count = (size_t)get_u64(r, LESSON_PLOT_MARKS);
    for (size_t i = 0; i < step->plot_mark_count; i++)
        step->plot_marks[i] = (long)get_u64(r, LONG_MAX);
    step->plot_sharpness[0] = get_f64(r);
    step->plot_sharpness[1] = get_f64(r);
    step->plot_log_steps = get_u64(r, 1);
    step->plot_run = (long)get_u64(r, LESSON_MAX_RUNS) - 1;
    step->distance_from.x = get_f64(r);
    step->distance_from.y = get_f64(r);
    size_t marks = (size_t)get_u64(r, LESSON_MAX_MARKS);
    if (r->failed || !(step->marks = calloc(marks ? marks : 1, sizeof *step->marks))) {
        r->failed = true;
        return;
    }
    for (; step->mark_count < marks && !r->failed; step->mark_count++) {
        LessonMark *mark = &step->marks[step->mark_count];
        mark->x = get_f64(r);
        mark->y = get_f64(r);
        mark->radius = get_f64(r);
        mark->label = get_text(r, LESSON_LABEL_MAX);
    }
    size_t keys = (size_t)get_u64(r, LESSON_MAX_KEYS);
    if (r->failed || !(step->keys = calloc(keys ? keys : 1, sizeof *step->keys))) {
        r->failed = true;
        return;
    }
    for (; step->key_count < keys && !r->failed; step->key_count++)
        get_key(r, &step->keys[step->key_count]);
}

bool lesson_decode(const char *bytes, size_t size, Lesson *dest)
{
    Reader r = { bytes, size, false };
    *dest = (Lesson){ 0 };
    dest->title = get_text(&r, LESSON_TITLE_MAX);
    dest->fallbacks = (size_t)get_u64(&r, SIZE_MAX);
    size_t count = (size_t)get_u64(&r, LESSON_MAX_STEPS);
    if (!r.failed && count > 0 && (dest->steps = calloc(count, sizeof *dest->steps)))
        for (; dest->step_count < count && !r.failed; dest->step_count++)
            get_step(&r, &dest->steps[dest->step_count]);
    if (r.failed || count == 0 || !dest->steps || r.left != 0) {
        lesson_free(dest);
        return false;
    }
    return true;
}
