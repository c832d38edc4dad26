/*
 * lesson.c — lesson{} and step{} for scripts, and the Lesson they make.
 *
 * Two phases.  While the script runs (in the sandbox), lesson{} and step{}
 * check each table's fields and copy them into C memory at once, so nothing
 * of Lua is kept; their errors name the line of the call.  When the script
 * has finished, lesson_finish carries the stage fields over from step to
 * step and checks every spec string with the numeric core.
 *
 * Every byte copied out of Lua is attached to the Lesson (or the Loader)
 * before the next thing that can raise a Lua error, so an error leaks
 * nothing: the Lesson is freed as a whole.
 */
#include "lesson.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "core/ensemble.h"
#include "core/net_starts.h"
#include "core/experiment.h"
#include "core/model.h"
#include "core/netdata.h"
#include "core/optimizer.h"
#include "core/slice.h"
#include "core/sweep.h"
#include "lesson_files.h"
#include "sandbox.h"

#define SPEC_LIMIT 1000          /* bytes of one spec string */
#define COPY_BUDGET (4u << 20)   /* bytes of text one lesson may hold */
#define PLAY_LIMIT 1000000L      /* updates one step may animate */
#define SPEED_LIMIT 100000.0     /* updates per second */
#define INIT_SEED_LIMIT 9007199254740992.0 /* 2^53, as --init-seed */

/* Which stage fields a step sets itself (for carrying over, and keep). */
enum {
    SET_LANDSCAPE = 1 << 0,
    SET_VIEW = 1 << 1,
    SET_START = 1 << 2,
    SET_RUNS = 1 << 3,
    SET_PARTICLES = 1 << 4,
    SET_SWEEP = 1 << 5,
    SET_MODEL = 1 << 6,
    SET_DATA = 1 << 7,
    SET_INIT_SEED = 1 << 8,
    SET_ENSEMBLE = 1 << 9,
    SET_SLICE = 1 << 10,
    SET_REPRESENTATION = 1 << 11,
    SET_STARTS = 1 << 12,
    SET_TALLY = 1 << 13,
};

typedef struct Loader {
    Lesson *lesson;
    size_t copied;             /* bytes of text copied so far */
    bool in_call;              /* inside lesson{} or step{} */
    bool closed;               /* the script has finished */
    int lesson_line;           /* line of lesson{}, 0 until it ran */
    char *landscape;           /* lesson{}'s, owned; "" for a network */
    char *model, *data;        /* lesson{}'s network, owned; "" for a landscape */
    uint64_t init_seed;        /* lesson{}'s init_seed */
    bool has_view, has_start;
    ViewRect view;
    LandscapePoint start;
    bool axes;                 /* lesson{ axes = true }: every step shows them */
    unsigned set[LESSON_MAX_STEPS];
    char folder[PATH_MAX];     /* the lesson file's real folder, for data= */
    const char *reserved_keys; /* lesson_load's: keys a step may not bind */
    volatile int *line;        /* the line being run or checked */
} Loader;

static const char *const show_names[] = {
    "gradient", "velocity", "flow", "loss", "schedule", "basins", "stability", "norm", "3d",
    "sharpness", "effective_step", "formula", "spread", "distance", "step_size", "axes", "2d",
    "steps", "way_in",
};
#define SHOW_COUNT (sizeof show_names / sizeof show_names[0])

const char *lesson_show_name(LessonShow bit)
{
    for (size_t i = 0; i < SHOW_COUNT; i++)
        if ((unsigned)bit == 1u << i)
            return show_names[i];
    return NULL;
}

/* ---------------------------------------------------------------- freeing */

static void runs_free(LessonRuns *runs)
{
    for (size_t i = 0; i < runs->count; i++)
        free(runs->specs[i]);
    free(runs->specs);
    *runs = (LessonRuns){ 0 };
}

static void key_free(LessonKey *key)
{
    free(key->label);
    for (size_t i = 0; i < key->count; i++) {
        if (key->landscapes)
            free(key->landscapes[i]);
        if (key->runs)
            runs_free(&key->runs[i]);
    }
    free(key->landscapes);
    free(key->runs);
}

static void step_free(LessonStep *step)
{
    free(step->caption);
    free(step->hint);
    free(step->landscape);
    free(step->model);
    free(step->data);
    runs_free(&step->runs);
    free(step->sweep);
    free(step->experiment);
    for (size_t i = 0; i < step->mark_count; i++)
        free(step->marks[i].label);
    free(step->marks);
    for (size_t i = 0; i < step->key_count; i++)
        key_free(&step->keys[i]);
    free(step->keys);
    *step = (LessonStep){ 0 };
}

long lesson_step_index(const Lesson *lesson, const char *id)
{
    for (size_t i = 0; i < lesson->step_count; i++)
        if (strcmp(lesson->steps[i].id, id) == 0)
            return (long)i;
    return -1;
}

void lesson_free(Lesson *lesson)
{
    if (lesson->steps)
        for (size_t i = 0; i < lesson->step_count; i++)
            step_free(&lesson->steps[i]);
    free(lesson->steps);
    free(lesson->title);
    free(lesson->path);
    *lesson = (Lesson){ 0 };
}

/* ------------------------------------------------------- reading Lua values */

static Loader *loader_of(lua_State *L)
{
    return lua_touserdata(L, lua_upvalueindex(1));
}

static void *checked_calloc(lua_State *L, size_t count, size_t size)
{
    void *memory = calloc(count ? count : 1, size);
    if (!memory)
        luaL_error(L, "out of memory");
    return memory;
}

static bool utf8_valid(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t extra;
        unsigned min;
        if (c == 0)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1, min = 0x80, c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2, min = 0x800, c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3, min = 0x10000, c &= 0x07;
        } else {
            return false;
        }
        if (len - i <= extra)
            return false;
        for (size_t k = 1; k <= extra; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            c = (c << 6) | (s[i + k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

/* Copies the string at idx into C memory, counting it against the budget. */
static char *copy_string(lua_State *L, Loader *loader, int idx, size_t limit, const char *what)
{
    size_t len;
    const char *text = lua_tolstring(L, idx, &len);
    if (len > limit)
        luaL_error(L, "%s is too long (%d bytes; limit %d)", what, (int)len, (int)limit);
    if (!utf8_valid((const unsigned char *)text, len))
        luaL_error(L, "%s is not valid UTF-8 text", what);
    loader->copied += len + 1;
    if (loader->copied > COPY_BUDGET)
        luaL_error(L, "the lesson holds too much text (limit %d bytes)", (int)COPY_BUDGET);
    char *copy = checked_calloc(L, len + 1, 1);
    memcpy(copy, text, len);
    return copy;
}

static void expect(lua_State *L, int idx, int type, const char *what, const char *wanted)
{
    if (lua_type(L, idx) != type)
        luaL_error(L, "%s must be %s, not %s", what, wanted, luaL_typename(L, idx));
}

/* Raises an error naming any field of the table at idx not in names. */
static void check_fields(lua_State *L, int idx, const char *what, const char *const *names)
{
    idx = lua_absindex(L, idx);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "%s: fields are written name = value (found a %s key)", what,
                       luaL_typename(L, -1));
        const char *key = lua_tostring(L, -1);
        bool known = false;
        for (const char *const *name = names; *name; name++)
            known = known || strcmp(*name, key) == 0;
        if (!known) {
            luaL_Buffer list;
            luaL_buffinit(L, &list);
            for (const char *const *name = names; *name; name++) {
                luaL_addstring(&list, *name);
                if (name[1])
                    luaL_addstring(&list, ", ");
            }
            luaL_pushresult(&list);
            luaL_error(L, "%s: unknown field '%s' (known: %s)", what, key, lua_tostring(L, -1));
        }
    }
}

/* Pushes t[name] (raw: a script's metatables play no part). */
static int get_field(lua_State *L, int idx, const char *name)
{
    idx = lua_absindex(L, idx);
    lua_pushstring(L, name);
    return lua_rawget(L, idx);
}

/* The length of the list at idx, checking it has nothing but items 1..n. */
static size_t list_length(lua_State *L, int idx, const char *what, size_t max)
{
    idx = lua_absindex(L, idx);
    expect(L, idx, LUA_TTABLE, what, "a list { ... }");
    size_t n = (size_t)lua_rawlen(L, idx), keys = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 || (size_t)lua_tointeger(L, -1) > n)
            luaL_error(L, "%s must be a list { a, b, ... } without names or gaps", what);
        keys++;
    }
    if (keys != n)
        luaL_error(L, "%s must be a list { a, b, ... } without gaps", what);
    if (n > max)
        luaL_error(L, "%s has %d items (at most %d)", what, (int)n, (int)max);
    return n;
}

static double read_number(lua_State *L, int idx, const char *what)
{
    expect(L, idx, LUA_TNUMBER, what, "a number");
    double value = lua_tonumber(L, idx);
    if (!isfinite(value))
        luaL_error(L, "%s must be a finite number", what);
    return value;
}

static double read_whole(lua_State *L, int idx, const char *what, double max)
{
    double value = read_number(L, idx, what);
    if (value != floor(value) || value < 0 || value > max)
        luaL_error(L, "%s must be a whole number from 0 to %d", what, (int)max);
    return value;
}

static bool read_bool(lua_State *L, int idx, const char *what)
{
    expect(L, idx, LUA_TBOOLEAN, what, "true or false");
    return lua_toboolean(L, idx);
}

/* A list of exactly n numbers, e.g. a point { x, y }. */
static void read_numbers(lua_State *L, int idx, const char *what, size_t n, double *dest)
{
    if (list_length(L, idx, what, n) != n)
        luaL_error(L, "%s must be a list of %d numbers", what, (int)n);
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i + 1);
        dest[i] = read_number(L, -1, what);
        lua_pop(L, 1);
    }
}

static ViewRect read_view(lua_State *L, int idx, const char *what)
{
    double v[4];
    read_numbers(L, idx, what, 4, v);
    if (!(v[0] < v[1] && v[2] < v[3]))
        luaL_error(L, "%s is { xmin, xmax, ymin, ymax } with xmin < xmax and ymin < ymax", what);
    if (!view_rect_drawable((ViewRect){ v[0], v[1], v[2], v[3] }))
        luaL_error(L, "%s is wider or taller than %f: the window cannot draw it", what,
                   (lua_Number)VIEW_SPAN_MAX);
    return (ViewRect){ v[0], v[1], v[2], v[3] };
}

static LandscapePoint read_point(lua_State *L, int idx, const char *what)
{
    double p[2];
    read_numbers(L, idx, what, 2, p);
    return (LandscapePoint){ p[0], p[1] };
}

/* A text: a string, or { en = "...", zh = "..." } from which the lesson's
 * language is picked (English when it has none).  Every text in the table
 * is checked, so `descent check` finds a broken translation in any
 * language. */
static char *read_text(lua_State *L, Loader *loader, int idx, const char *what, size_t limit)
{
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) == LUA_TSTRING)
        return copy_string(L, loader, idx, limit, what);
    if (lua_type(L, idx) != LUA_TTABLE)
        luaL_error(L, "%s must be a string or { en = \"...\", zh = \"...\" }, not %s", what,
                   luaL_typename(L, idx));
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) != LUA_TSTRING || lua_rawlen(L, -2) < 2 || lua_rawlen(L, -2) > 7)
            luaL_error(L, "%s: languages are written en = \"...\", zh = \"...\"", what);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "%s: the %s text must be a string, not %s", what, lua_tostring(L, -2),
                       luaL_typename(L, -1));
        size_t len;
        const char *text = lua_tolstring(L, -1, &len);
        if (len > limit)
            luaL_error(L, "%s: the %s text is too long (%d bytes; limit %d)", what,
                       lua_tostring(L, -2), (int)len, (int)limit);
        if (!utf8_valid((const unsigned char *)text, len))
            luaL_error(L, "%s: the %s text is not valid UTF-8", what, lua_tostring(L, -2));
        lua_pop(L, 1);
    }
    if (get_field(L, idx, "en") != LUA_TSTRING)
        luaL_error(L, "%s needs an English text: en = \"...\"", what);
    if (get_field(L, idx, loader->lesson->lang) == LUA_TSTRING) {
        lua_remove(L, -2);
    } else {
        lua_pop(L, 1);
        if (strcmp(loader->lesson->lang, "en") != 0)
            loader->lesson->fallbacks++;
    }
    char *copy = copy_string(L, loader, -1, limit, what);
    lua_pop(L, 1);
    return copy;
}

static char *read_spec(lua_State *L, Loader *loader, int idx, const char *what)
{
    expect(L, idx, LUA_TSTRING, what, "a spec string such as \"gd:lr=0.1\"");
    if (lua_rawlen(L, idx) == 0)
        luaL_error(L, "%s is empty", what);
    return copy_string(L, loader, idx, SPEC_LIMIT, what);
}

/* A landscape or optimizer spec, each file it names checked and named by
 * its real path (lesson_files.h). */
static char *read_kind_spec(lua_State *L, Loader *loader, int idx, const char *what,
                            SpecKind kind)
{
    if (kind == SPEC_LANDSCAPE)
        expect(L, idx, LUA_TSTRING, what, "a spec string such as \"quadratic:l1=1\"");
    char *text = read_spec(L, loader, idx, what);
    DescentError why;
    char *resolved = lesson_files_resolve(text, kind, loader->folder, &why);
    free(text);
    if (!resolved)
        luaL_error(L, "%s: %s", what, why.message);
    return resolved;
}
/* init_seed = N: θ0's seed, a whole number from 0 to 2^53 (--init-seed). */
static uint64_t read_init_seed(lua_State *L, int idx)
{
    double value = read_number(L, idx, "init_seed");
    /* A Lua integer is compared as one: 2^53 + 1 would read as 2^53. */
    bool above = lua_isinteger(L, idx) && lua_tointeger(L, idx) > (lua_Integer)INIT_SEED_LIMIT;
    if (value != floor(value) || value < 0 || value > INIT_SEED_LIMIT || above)
        luaL_error(L, "init_seed must be a whole number from 0 to 2^53");
    return (uint64_t)value;
}

/* Runs: one spec string, or a list of them. */
static void read_runs(lua_State *L, Loader *loader, int idx, const char *what, LessonRuns *dest)
{
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) == LUA_TSTRING) {
        dest->specs = checked_calloc(L, 1, sizeof *dest->specs);
        dest->count = 1;
        dest->specs[0] = read_kind_spec(L, loader, idx, what, SPEC_OPTIMIZER);
        return;
    }
    size_t n = list_length(L, idx, what, LESSON_MAX_RUNS);
    dest->specs = checked_calloc(L, n, sizeof *dest->specs);
    dest->count = n;
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i + 1);
        dest->specs[i] = read_kind_spec(L, loader, -1, what, SPEC_OPTIMIZER);
        lua_pop(L, 1);
    }
}

static unsigned read_show(lua_State *L, int idx)
{
    size_t n = list_length(L, idx, "show", SHOW_COUNT);
    unsigned bits = 0;
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i + 1);
        expect(L, -1, LUA_TSTRING, "show", "a list of names");
        size_t k = 0;
        while (k < SHOW_COUNT && strcmp(show_names[k], lua_tostring(L, -1)) != 0)
            k++;
        if (k == SHOW_COUNT)
            luaL_error(L, "show: unknown overlay '%s' (known: gradient, velocity, flow, loss, "
                       "schedule, basins, stability, norm, 3d, sharpness, effective_step, "
                       "formula, spread, distance, step_size, axes, 2d, steps)", lua_tostring(L, -1));
        bits |= 1u << k;
        lua_pop(L, 1);
    }
    return bits;
}

static void read_marks(lua_State *L, Loader *loader, int idx, LessonStep *step)
{
    static const char *const fields[] = { "x", "y", "label", "radius", NULL };
    idx = lua_absindex(L, idx);
    size_t n = list_length(L, idx, "marks", LESSON_MAX_MARKS);
    step->marks = checked_calloc(L, n, sizeof *step->marks);
    step->mark_count = n;
    for (size_t i = 0; i < n; i++) {
        LessonMark *mark = &step->marks[i];
        lua_rawgeti(L, idx, (lua_Integer)i + 1);
        expect(L, -1, LUA_TTABLE, "a mark", "a table { x = ..., y = ..., label = ... }");
        check_fields(L, -1, "mark", fields);
        get_field(L, -1, "x");
        mark->x = read_number(L, -1, "mark x");
        get_field(L, -2, "y");
        mark->y = read_number(L, -1, "mark y");
        lua_pop(L, 2);
        if (get_field(L, -1, "radius") != LUA_TNIL) {
            mark->radius = read_number(L, -1, "mark radius");
            if (mark->radius < 0)
                luaL_error(L, "mark radius must not be negative");
        }
        lua_pop(L, 1);
        if (get_field(L, -1, "label") != LUA_TNIL)
            mark->label = read_text(L, loader, -1, "mark label", LESSON_LABEL_MAX);
        else
            mark->label = checked_calloc(L, 1, 1);
        lua_pop(L, 2);
    }
}

static int compare_keys(const void *a, const void *b)
{
    return ((const LessonKey *)a)->key - ((const LessonKey *)b)->key;
}

/* The alternatives of a key's `runs`: each one run (a string) or a list. */
static void read_key_runs(lua_State *L, Loader *loader, int idx, LessonKey *key)
{
    idx = lua_absindex(L, idx);
    size_t n = list_length(L, idx, "key runs", LESSON_MAX_CHOICES);
    if (n == 0)
        luaL_error(L, "key runs must list at least one alternative");
    key->runs = checked_calloc(L, n, sizeof *key->runs);
    key->count = n;
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i + 1);
        read_runs(L, loader, -1, "key runs", &key->runs[i]);
        lua_pop(L, 1);
    }
}

static void read_key_landscapes(lua_State *L, Loader *loader, int idx, LessonKey *key)
{
    idx = lua_absindex(L, idx);
    size_t n = list_length(L, idx, "key landscape", LESSON_MAX_CHOICES);
    if (n == 0)
        luaL_error(L, "key landscape must list at least one alternative");
    key->landscapes = checked_calloc(L, n, sizeof *key->landscapes);
    key->count = n;
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i + 1);
        key->landscapes[i] = read_kind_spec(L, loader, -1, "key landscape", SPEC_LANDSCAPE);
        lua_pop(L, 1);
    }
}

static void read_keys(lua_State *L, Loader *loader, int idx, LessonStep *step)
{
    static const char *const fields[] = { "label", "landscape", "runs", NULL };
    idx = lua_absindex(L, idx);
    expect(L, idx, LUA_TTABLE, "keys", "a table { t = { ... } }");
    size_t n = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        n++;
    }
    if (n > LESSON_MAX_KEYS)
        luaL_error(L, "keys: at most %d keys per step", LESSON_MAX_KEYS);
    step->keys = checked_calloc(L, n, sizeof *step->keys);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) != LUA_TSTRING || lua_rawlen(L, -2) != 1)
            luaL_error(L, "keys: each key is one character, e.g. t = { ... }");
        char c = lua_tostring(L, -2)[0];
        if (c == ' ')
            luaL_error(L, "keys: Space is descent's own play / pause; pick another key");
        if (c < '!' || c > '~')
            luaL_error(L, "keys: a key must be a printable ASCII character");
        if (loader->reserved_keys && strchr(loader->reserved_keys, c))
            luaL_error(L, "keys: '%c' is one of descent's own controls; pick another key", c);
        LessonKey *key = &step->keys[step->key_count++];
        key->key = c;
        expect(L, -1, LUA_TTABLE, "a key", "a table { landscape = {...} } or { runs = {...} }");
        check_fields(L, -1, "key", fields);
        int has_landscape = get_field(L, -1, "landscape") != LUA_TNIL;
        int has_runs = get_field(L, -2, "runs") != LUA_TNIL;
        if (has_landscape == has_runs)
            luaL_error(L, "key '%c' needs either landscape = { ... } or runs = { ... }", c);
        if (has_landscape) {
            key->target = LESSON_KEY_LANDSCAPE;
            read_key_landscapes(L, loader, -2, key);
        } else {
            key->target = LESSON_KEY_RUNS;
            read_key_runs(L, loader, -1, key);
        }
        lua_pop(L, 2);
        if (get_field(L, -1, "label") != LUA_TNIL)
            key->label = read_text(L, loader, -1, "key label", LESSON_LABEL_MAX);
        else
            key->label = checked_calloc(L, 1, 1);
        lua_pop(L, 2);
    }
    qsort(step->keys, step->key_count, sizeof *step->keys, compare_keys);
}

/* ---------------------------------------------------------- lesson{} step{} */

static int call_line(lua_State *L)
{
    lua_Debug ar;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar) && ar.currentline > 0)
        return ar.currentline;
    return 1;
}

/* Both functions refuse to run again after one of them was interrupted
 * (possible only inside a finalizer, which swallows errors) or once the
 * script has finished. */
static Loader *enter(lua_State *L, const char *name)
{
    Loader *loader = loader_of(L);
    if (loader->in_call || loader->closed)
        luaL_error(L, "%s{} cannot be called from here", name);
    if (lua_gettop(L) != 1 || lua_type(L, 1) != LUA_TTABLE)
        luaL_error(L, "%s takes one table: %s { ... }", name, name);
    loader->in_call = true;
    return loader;
}

/* Pushes field `name` of the table the script passed (argument 1), first
 * dropping whatever reading the previous field left on the stack; false
 * when the field is absent. */
static bool field(lua_State *L, const char *name)
{
    lua_settop(L, 1);
    return get_field(L, 1, name) != LUA_TNIL;
}

static int api_lesson(lua_State *L)
{
    static const char *const fields[] = {
        "title", "landscape", "view", "start", "axes", "model", "data", "init_seed", NULL,
    };
    Loader *loader = enter(L, "lesson");
    if (loader->lesson_line)
        luaL_error(L, "lesson{} is given twice (first on line %d)", loader->lesson_line);
    check_fields(L, 1, "lesson", fields);
    if (!field(L, "title"))
        luaL_error(L, "lesson needs a title");
    loader->lesson->title = read_text(L, loader, -1, "title", LESSON_TITLE_MAX);
    bool has_landscape = field(L, "landscape"), has_model = field(L, "model");
    if (has_landscape == has_model)
        luaL_error(L, has_model ? "lesson shows a landscape or a network (model = ...), not both"
                                : "lesson needs a landscape, e.g. landscape = \"quadratic\", or "
                                  "a network: model = \"mlp:layers=2-16-2\", data = \"moons\"");
    if (has_model) {
        loader->model = read_spec(L, loader, -1, "model");
        if (!field(L, "data"))
            luaL_error(L, "lesson: a network needs its data, e.g. data = \"spirals\"");
        loader->data = read_kind_spec(L, loader, -1, "data", SPEC_DATASET);
        loader->landscape = checked_calloc(L, 1, 1);
    } else {
        if (field(L, "data") || field(L, "init_seed"))
            luaL_error(L, "lesson: data and init_seed belong to a network (model = ...)");
        field(L, "landscape");
        loader->landscape = read_kind_spec(L, loader, -1, "landscape", SPEC_LANDSCAPE);
        loader->model = checked_calloc(L, 1, 1);
        loader->data = checked_calloc(L, 1, 1);
    }
    if (field(L, "init_seed"))
        loader->init_seed = read_init_seed(L, -1);
    if (has_model && (field(L, "view") || field(L, "start")))
        luaL_error(L, "lesson: a network's view is its slice, and its runs start at theta0: "
                   "no view or start");
    if (field(L, "view")) {
        loader->view = read_view(L, -1, "view");
        loader->has_view = true;
    }
    if (field(L, "start")) {
        loader->start = read_point(L, -1, "start");
        loader->has_start = true;
    }
    if (field(L, "axes"))
        loader->axes = read_bool(L, -1, "axes");
    loader->lesson_line = call_line(L);
    loader->in_call = false;
    return 0;
}

/* plot = { ymin = 1e-6, ymax = 10, from = 380, run = 2,
 * sharpness = { 900, 1100 }, log_steps = true, marks = { 442, 525 } }: the
 * loss plot's range and first update shown, the one run the dynamics plot
 * draws, the sharpness plot's range and log step axis and the updates the
 * loss plot numbers; each part optional. */
static void read_plot(lua_State *L, int idx, LessonStep *step)
{
    static const char *const fields[] = { "ymin",      "ymax",      "from",  "run",
                                          "sharpness", "log_steps", "marks", NULL };
    expect(L, idx, LUA_TTABLE, "plot",
           "a table { ymin = ..., ymax = ..., from = ..., run = ..., sharpness = { lo, hi }, "
           "log_steps = true, marks = { update, ... } }");
    check_fields(L, idx, "plot", fields);
    bool has_min = get_field(L, idx, "ymin") != LUA_TNIL;
    bool has_max = get_field(L, idx, "ymax") != LUA_TNIL;
    lua_pop(L, 2);
    if (has_min != has_max)
        luaL_error(L, "plot: ymin and ymax go together");
    if (has_min) {
        get_field(L, idx, "ymin");
        step->plot_ymin = read_number(L, -1, "plot.ymin");
        get_field(L, idx, "ymax");
        step->plot_ymax = read_number(L, -1, "plot.ymax");
        lua_pop(L, 2);
        if (!(step->plot_ymin > 0 && step->plot_ymax > step->plot_ymin))
            luaL_error(L, "plot: the range needs 0 < ymin < ymax (the loss plot is logarithmic)");
    }
    if (get_field(L, idx, "from") != LUA_TNIL)
        step->plot_from = (long)read_whole(L, -1, "plot.from", (double)PLAY_LIMIT);
    lua_pop(L, 1);
    if (get_field(L, idx, "run") != LUA_TNIL) {
        double run = read_whole(L, -1, "plot.run", LESSON_MAX_RUNS);
        if (run < 1)
            luaL_error(L, "plot.run counts runs from 1");
        step->plot_run = (long)run - 1;
    }
    lua_pop(L, 1);
    if (get_field(L, idx, "sharpness") != LUA_TNIL) {
        read_numbers(L, -1, "plot.sharpness", 2, step->plot_sharpness);
        if (!(step->plot_sharpness[0] >= 0 && step->plot_sharpness[1] > step->plot_sharpness[0]))
            luaL_error(L, "plot.sharpness: the range needs 0 <= lo < hi");
    }
    lua_pop(L, 1);
    if (get_field(L, idx, "log_steps") != LUA_TNIL)
        step->plot_log_steps = read_bool(L, -1, "plot.log_steps");
    lua_pop(L, 1);
    if (get_field(L, idx, "marks") != LUA_TNIL) {
        step->plot_mark_count = list_length(L, -1, "plot.marks", LESSON_PLOT_MARKS);
        for (size_t i = 0; i < step->plot_mark_count; i++) {
            lua_rawgeti(L, -1, (lua_Integer)i + 1);
            step->plot_marks[i] = (long)read_whole(L, -1, "plot.marks", (double)PLAY_LIMIT);
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
}

/* A step's id: a short lower-case name, unique in the lesson, by which
 * tests and tools find the step whatever its position. */
static void read_step_id(lua_State *L, const Lesson *lesson, int idx, LessonStep *step)
{
    expect(L, idx, LUA_TSTRING, "id", "a string");
    size_t len;
    const char *id = lua_tolstring(L, idx, &len);
    if (len == 0 || len >= sizeof step->id)
        luaL_error(L, "id must have 1 to %d characters", (int)sizeof step->id - 1);
    for (size_t i = 0; i < len; i++)
        if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') || id[i] == '_'))
            luaL_error(L, "id \"%s\": use only a-z, 0-9 and _", id);
    if (lesson_step_index(lesson, id) >= 0)
        luaL_error(L, "id \"%s\" is already the id of another step", id);
    memcpy(step->id, id, len + 1);
}

/* A network's fields of step{} (model and data are read with the stage). */
static void read_network_view(lua_State *L, LessonStep *step, unsigned *set)
{
    if (field(L, "ensemble")) {
        step->ensemble = (size_t)read_whole(L, -1, "ensemble", ENSEMBLE_MAX);
        if (step->ensemble < 1)
            luaL_error(L, "ensemble must be a whole number from 1 to %d", ENSEMBLE_MAX);
        *set |= SET_ENSEMBLE;
    }
    if (field(L, "starts")) {
        step->starts = (size_t)read_whole(L, -1, "starts", NET_STARTS_MAX);
        if (step->starts < 1)
            luaL_error(L, "starts must be a whole number from 1 to %d", NET_STARTS_MAX);
        *set |= SET_STARTS;
    }
    if (field(L, "tally")) {
        size_t n = list_length(L, lua_gettop(L), "tally", NET_STARTS_FIGURES);
        for (size_t i = 0; i < n; i++) {
            lua_rawgeti(L, -1, (lua_Integer)i + 1);
            expect(L, -1, LUA_TSTRING, "tally", "a list of names");
            size_t f = 0;
            while (f < NET_STARTS_FIGURES && strcmp(net_starts_figure_names[f],
                                                    lua_tostring(L, -1)) != 0)
                f++;
            if (f == NET_STARTS_FIGURES) {
                luaL_Buffer list;
                luaL_buffinit(L, &list);
                for (f = 0; f < NET_STARTS_FIGURES; f++) {
                    luaL_addstring(&list, net_starts_figure_names[f]);
                    if (f + 1 < NET_STARTS_FIGURES)
                        luaL_addstring(&list, ", ");
                }
                luaL_pushresult(&list);
                luaL_error(L, "tally: unknown figure '%s' (known: %s)", lua_tostring(L, -2),
                           lua_tostring(L, -1));
            }
            step->tally |= 1u << f;
            lua_pop(L, 1);
        }
        *set |= SET_TALLY;
    }
    if (field(L, "slice")) {
        expect(L, -1, LUA_TSTRING, "slice", "\"init\", \"pca\" or \"random\"");
        if (!slice_kind_parse(lua_tostring(L, -1), &step->slice))
            luaL_error(L, "slice: unknown plane '%s' (known: init, pca, random)",
                       lua_tostring(L, -1));
        *set |= SET_SLICE;
    }
    if (field(L, "representation")) {
        step->representation = (int)read_whole(L, -1, "representation", MODEL_MAX_SIZES - 2);
        if (step->representation < 1)
            luaL_error(L, "representation counts hidden layers from 1");
        *set |= SET_REPRESENTATION;
    }
}

static int api_step(lua_State *L)
{
    static const char *const fields[] = {
        "caption", "runs", "play", "speed", "particles", "pause", "keep", "landscape",
        "view", "start", "show", "marks", "keys", "sweep", "id", "hint", "plot", "distance_from",
        "experiment", "law", "kinds", "model", "data", "init_seed", "ensemble", "slice", "representation", "starts", "tally", NULL,
    };
    Loader *loader = enter(L, "step");
    Lesson *lesson = loader->lesson;
    check_fields(L, 1, "step", fields);
    if (lesson->step_count == LESSON_MAX_STEPS)
        luaL_error(L, "a lesson has at most %d steps", LESSON_MAX_STEPS);
    if (!lesson->steps)
        lesson->steps = checked_calloc(L, LESSON_MAX_STEPS, sizeof *lesson->steps);
    LessonStep *step = &lesson->steps[lesson->step_count];
    unsigned *set = &loader->set[lesson->step_count];
    step->line = call_line(L);
    if (field(L, "caption"))
        step->caption = read_text(L, loader, -1, "caption", LESSON_CAPTION_MAX);
    else
        step->caption = checked_calloc(L, 1, 1);
    if (field(L, "hint"))
        step->hint = read_text(L, loader, -1, "hint", LESSON_CAPTION_MAX);
    else
        step->hint = checked_calloc(L, 1, 1);
    if (field(L, "id"))
        read_step_id(L, lesson, -1, step);
    if (field(L, "runs")) {
        read_runs(L, loader, -1, "runs", &step->runs);
        *set |= SET_RUNS;
    }
    if (field(L, "sweep")) {
        step->sweep = read_spec(L, loader, -1, "sweep");
        *set |= SET_SWEEP;
    }
    if (field(L, "experiment")) {
        step->experiment = read_spec(L, loader, -1, "experiment");
        DescentError why;
        if (!experiment_spec_check(step->experiment, &why))
            luaL_error(L, "experiment: %s", why.message);
    }
    step->law = true;
    if (field(L, "law")) {
        step->law = read_bool(L, -1, "law");
        if (!step->experiment)
            luaL_error(L, "law: only a step with an experiment shows one");
    }
    if (field(L, "kinds")) {
        step->kinds = (size_t)read_whole(L, -1, "kinds", EXPERIMENT_MAX_POINTS);
        if (!step->experiment || step->kinds == 0)
            luaL_error(L, "kinds: the first 1 or more kinds of a step's experiment's points");
    }
    if (field(L, "play"))
        step->play = (long)read_whole(L, -1, "play", (double)PLAY_LIMIT);
    if (field(L, "speed")) {
        step->speed = read_number(L, -1, "speed");
        if (!(step->speed > 0 && step->speed <= SPEED_LIMIT))
            luaL_error(L, "speed (updates per second) must be above 0 and at most %d",
                       (int)SPEED_LIMIT);
    }
    if (field(L, "particles")) {
        step->particles = (size_t)read_whole(L, -1, "particles", LESSON_MAX_PARTICLES);
        *set |= SET_PARTICLES;
    }
    if (field(L, "pause"))
        step->pause = read_bool(L, -1, "pause");
    if (field(L, "keep"))
        step->keep = read_bool(L, -1, "keep");
    if (field(L, "landscape")) {
        step->landscape = read_kind_spec(L, loader, -1, "landscape", SPEC_LANDSCAPE);
        *set |= SET_LANDSCAPE;
    }
    if (field(L, "model")) {
        step->model = read_spec(L, loader, -1, "model");
        *set |= SET_MODEL;
    }
    if (field(L, "data")) {
        step->data = read_kind_spec(L, loader, -1, "data", SPEC_DATASET);
        *set |= SET_DATA;
    }
    if (field(L, "init_seed")) {
        step->init_seed = read_init_seed(L, -1);
        *set |= SET_INIT_SEED;
    }
    read_network_view(L, step, set);
    if (field(L, "view")) {
        step->view = read_view(L, -1, "view");
        step->has_view = true;
        *set |= SET_VIEW;
    }
    if (field(L, "start")) {
        step->start = read_point(L, -1, "start");
        step->has_start = true;
        *set |= SET_START;
    }
    if (field(L, "show"))
        step->show = read_show(L, lua_gettop(L));
    step->plot_run = -1;
    if (field(L, "plot"))
        read_plot(L, lua_gettop(L), step);
    if (field(L, "distance_from"))
        step->distance_from = read_point(L, -1, "distance_from");
    if (field(L, "marks"))
        read_marks(L, loader, -1, step);
    if (field(L, "keys"))
        read_keys(L, loader, -1, step);
    lesson->step_count++;
    loader->in_call = false;
    return 0;
}

/* ------------------------------------------------------------- finishing */

static char *copy_plain(const char *text)
{
    size_t size = strlen(text) + 1;
    char *copy = malloc(size);
    if (copy)
        memcpy(copy, text, size);
    return copy;
}

static bool copy_runs(const LessonRuns *from, LessonRuns *dest)
{
    dest->specs = calloc(from->count ? from->count : 1, sizeof *dest->specs);
    if (!dest->specs)
        return false;
    dest->count = from->count;
    for (size_t i = 0; i < from->count; i++)
        if (!(dest->specs[i] = copy_plain(from->specs[i])))
            return false;
    return true;
}

/* Fills the fields a step leaves to the one before it (see lesson.h). */
static bool carry_over(const Loader *loader, size_t i, DescentError *err)
{
    Lesson *lesson = loader->lesson;
    LessonStep *step = &lesson->steps[i];
    const LessonStep *before = i > 0 ? &lesson->steps[i - 1] : NULL;
    unsigned set = loader->set[i];
    if (step->keep && !before)
        return error_set(err, "%s:%d: keep = true on the first step: there is nothing to go on "
                         "from", lesson->path, step->line);
    if (step->keep && (set & (SET_LANDSCAPE | SET_RUNS | SET_START | SET_PARTICLES | SET_SWEEP |
                              SET_MODEL | SET_DATA | SET_INIT_SEED | SET_ENSEMBLE)))
        return error_set(err, "%s:%d: keep = true goes on with the step before, so the step "
                         "cannot also set landscape, model, data, init_seed, ensemble, runs, "
                         "sweep, start or particles", lesson->path, step->line);
    if ((set & SET_LANDSCAPE) && (set & (SET_MODEL | SET_DATA)))
        return error_set(err, "%s:%d: a step shows a landscape or a network (model, data), not "
                         "both", lesson->path, step->line);
    /* The stage is a landscape or a network: setting one clears the other. */
    const char *model_before = before ? before->model : loader->model;
    const char *data_before = before ? before->data : loader->data;
    bool network = (set & SET_MODEL) || (!(set & SET_LANDSCAPE) && model_before[0]);
    if (!(set & SET_LANDSCAPE) &&
        !(step->landscape = copy_plain(network ? "" : before ? before->landscape
                                                             : loader->landscape)))
        return error_set(err, "%s:%d: out of memory", lesson->path, step->line);
    if ((!(set & SET_MODEL) && !(step->model = copy_plain(network ? model_before : ""))) ||
        (!(set & SET_DATA) && !(step->data = copy_plain(network ? data_before : ""))))
        return error_set(err, "%s:%d: out of memory", lesson->path, step->line);
    if (!network && (set & (SET_DATA | SET_INIT_SEED | SET_ENSEMBLE | SET_SLICE |
                            SET_REPRESENTATION | SET_STARTS | SET_TALLY)))
        return error_set(err, "%s:%d: data, init_seed, ensemble, slice, representation and "
                         "starts belong to a network: the step needs model = ...",
                         lesson->path, step->line);
    if (network && !step->data[0])
        return error_set(err, "%s:%d: a network needs its data, e.g. data = \"spirals\"",
                         lesson->path, step->line);
    if (!(set & SET_INIT_SEED))
        step->init_seed = before ? before->init_seed : loader->init_seed;
    const char *landscape_before = before ? before->landscape : loader->landscape;
    bool same_landscape = strcmp(step->landscape, landscape_before) == 0;
    if (!(set & SET_VIEW) && same_landscape) {
        step->has_view = before ? before->has_view : loader->has_view;
        step->view = before ? before->view : loader->view;
    }
    if (!(set & SET_START) && same_landscape) {
        step->has_start = before ? before->has_start : loader->has_start;
        step->start = before ? before->start : loader->start;
    }
    if (!(set & SET_RUNS) && before && !copy_runs(&before->runs, &step->runs))
        return error_set(err, "%s:%d: out of memory", lesson->path, step->line);
    if (!(set & (SET_RUNS | SET_SWEEP)) && before && before->sweep &&
        !(step->sweep = copy_plain(before->sweep)))
        return error_set(err, "%s:%d: out of memory", lesson->path, step->line);
    if (step->keep) {
        step->particles = before->particles;
        step->ensemble = before->ensemble;
    }
    step->trained = step->play + (step->keep ? before->trained : 0);
    return true;
}

/* Checks every run spec of runs against landscape. */
static bool check_runs(const Lesson *lesson, const LessonStep *step, const LessonRuns *runs,
                       const Landscape *landscape, DescentError *err)
{
    for (size_t i = 0; i < runs->count; i++) {
        OptimizerDesc desc;
        DescentError why;
        if (!optimizer_parse(runs->specs[i], landscape, &desc, &why))
            return error_set(err, "%s:%d: %s", lesson->path, step->line, why.message);
    }
    return true;
}

/* A sweep needs exactly one run, and each of its runs must parse. */
static bool check_sweep(const Lesson *lesson, const LessonStep *step,
                        const Landscape *landscape, DescentError *err)
{
    if (!step->sweep)
        return true;
    if (step->runs.count != 1)
        return error_set(err, "%s:%d: sweep %s applies to exactly one run, and the step has %zu",
                         lesson->path, step->line, step->sweep, step->runs.count);
    Sweep sweep;
    DescentError why;
    if (!sweep_expand(step->sweep, step->runs.specs[0], &sweep, &why))
        return error_set(err, "%s:%d: %s", lesson->path, step->line, why.message);
    for (size_t i = 0; i < sweep.count; i++) {
        OptimizerDesc desc;
        if (!optimizer_parse(sweep.specs[i], landscape, &desc, &why))
            return error_set(err, "%s:%d: sweep %s: %s", lesson->path, step->line, step->sweep,
                             why.message);
    }
    return true;
}

static bool check_keys(const Lesson *lesson, const LessonStep *step, const Landscape *landscape,
                       DescentError *err)
{
    for (size_t k = 0; k < step->key_count; k++) {
        const LessonKey *key = &step->keys[k];
        for (size_t i = 0; i < key->count; i++) {
            if (key->target == LESSON_KEY_RUNS) {
                if (!check_runs(lesson, step, &key->runs[i], landscape, err))
                    return false;
                continue;
            }
            DescentError why;
            Landscape *other = landscape_create(key->landscapes[i], &why);
            if (!other)
                return error_set(err, "%s:%d: key '%c': %s", lesson->path, step->line,
                                 key->key, why.message);
            bool ok = check_runs(lesson, step, &step->runs, other, err);
            landscape_destroy(other);
            if (!ok)
                return false;
        }
    }
    return true;
}

/* Checks a step's specs with the core; *landscape caches the last one made. */
static bool check_step(const Lesson *lesson, const LessonStep *step, Landscape **landscape,
                       DescentError *err)
{
    if (!*landscape || strcmp(landscape_spec(*landscape), step->landscape) != 0) {
        landscape_destroy(*landscape);
        DescentError why;
        if (!(*landscape = landscape_create(step->landscape, &why)))
            return error_set(err, "%s:%d: %s", lesson->path, step->line, why.message);
    }
    if (!check_runs(lesson, step, &step->runs, *landscape, err) ||
        !check_sweep(lesson, step, *landscape, err))
        return false;
    if (step->particles > 0) {
        bool noisy = false;
        for (size_t i = 0; i < step->runs.count; i++) {
            OptimizerDesc desc;
            noisy = noisy || (optimizer_parse(step->runs.specs[i], *landscape, &desc, NULL) &&
                              optimizer_is_noisy(&desc));
        }
        if (!noisy)
            return error_set(err, "%s:%d: particles follow a noisy run, and this step has none "
                             "(use sgd, or add noise=...)", lesson->path, step->line);
    }
    return check_keys(lesson, step, *landscape, err);
}

/* The network last checked: its model and data, built once for the steps
 * that share them. */
typedef struct NetCheck {
    const char *model_spec, *data_spec; /* borrowed from the Lesson; NULL: none */
    Model model;
    NetDataSplit data;
} NetCheck;

/* Builds model and data with the core (unless net holds them already) and
 * checks that they suit each other; errors name line. */
static bool check_network(const Lesson *lesson, int line, NetCheck *net, const char *model,
                          const char *data, DescentError *err)
{
    if (net->model_spec && strcmp(net->model_spec, model) == 0 &&
        strcmp(net->data_spec, data) == 0)
        return true;
    netdata_free(&net->data);
    net->model_spec = net->data_spec = NULL;
    DescentError why;
    if (!model_parse(model, &net->model, &why) || !netdata_create(data, &net->data, &why) ||
        !model_check_data(&net->model, &net->data.train, &why))
        return error_set(err, "%s:%d: %s", lesson->path, line, why.message);
    net->model_spec = model;
    net->data_spec = data;
    return true;
}

/* Checks the step's runs as a network's (optimizer_parse_vec on its
 * training set). */
static bool check_network_runs(const Lesson *lesson, const LessonStep *step,
                               const NetCheck *net, DescentError *err)
{
    for (size_t i = 0; i < step->runs.count; i++) {
        OptimizerDesc desc;
        DescentError why;
        if (!optimizer_parse_vec(step->runs.specs[i], net->data.train.n, step->data, &desc,
                                 &why))
            return error_set(err, "%s:%d: %s", lesson->path, step->line, why.message);
    }
    return true;
}

/* A network step: what the window's --model scene takes (scene.h), and no
 * more. */
static bool check_network_step(const Lesson *lesson, const LessonStep *step, NetCheck *net,
                               DescentError *err)
{
    const char *refused = step->runs.count == 0 ? "no runs: a network step trains at least one "
                                                  "(runs = { \"adam:lr=0.01\" })"
                          : step->sweep         ? "a sweep"
                          : step->particles     ? "particles (use ensemble = K)"
                          : step->has_view      ? "a view (its view is the slice)"
                          : step->has_start     ? "a start (its runs start at theta0)"
                          : step->show & LESSON_SHOW_3D ? "the 3d view"
                          : step->key_count     ? "keys (a step for each stage instead)"
                                                : NULL;
    if (refused)
        return error_set(err, "%s:%d: a network step has %s", lesson->path, step->line, refused);
    if (!check_network(lesson, step->line, net, step->model, step->data, err) ||
        !check_network_runs(lesson, step, net, err))
        return false;
    if (step->representation > net->model.nsizes - 2)
        return error_set(err, "%s:%d: representation = %d: the network has %d hidden layers",
                         lesson->path, step->line, step->representation,
                         net->model.nsizes - 2);
    /* Their panel takes the dynamics plot's place, over the sharpness
     * plot where the step asks for that (a caption about the edges over
     * many starts shows this start's too: adam_vs_sgd_network 2). */
    if (step->starts > 0 && (step->show & (LESSON_SHOW_STABILITY | LESSON_SHOW_NORM |
                                           LESSON_SHOW_SCHEDULE | LESSON_SHOW_DISTANCE |
                                           LESSON_SHOW_STEP_SIZE)))
        return error_set(err, "%s:%d: starts' panel takes the plot's place: the step cannot "
                         "also show a plot but sharpness (stability, norm, schedule, distance, "
                         "step_size)", lesson->path, step->line);
    if (step->tally && !step->starts)
        return error_set(err, "%s:%d: tally says what the starts panel shows: the step needs "
                         "starts = N", lesson->path, step->line);
    if (step->starts > 0 && step->runs.count != 2)
        return error_set(err, "%s:%d: starts compares two runs, and the step has %zu",
                         lesson->path, step->line, step->runs.count);
    DescentError why;
    NetStartsRequest starts;
    if (step->starts > 0 && (lesson_starts_request(step, &starts),
                             !net_starts_check(&starts, &why)))
        return error_set(err, "%s:%d: %s", lesson->path, step->line, why.message);
    return true;
}

void lesson_starts_request(const LessonStep *step, NetStartsRequest *dest)
{
    *dest = (NetStartsRequest){
        .model = step->model, .data = step->data, .init_seed = step->init_seed,
        .specs = {step->runs.count > 0 ? step->runs.specs[0] : "",
                  step->runs.count > 1 ? step->runs.specs[1] : ""},
        .updates = step->trained > 0 ? (size_t)step->trained : 0, .count = step->starts,
    };
}

static bool lesson_finish(Loader *loader, DescentError *err)
{
    Lesson *lesson = loader->lesson;
    if (loader->in_call)
        return error_set(err, "%s:1: a lesson{} or step{} call failed", lesson->path);
    if (!loader->lesson_line)
        return error_set(err, "%s:1: no lesson{ title = ..., landscape = ... } in this file",
                         lesson->path);
    if (lesson->step_count == 0)
        return error_set(err, "%s:%d: the lesson has no step{ ... }", lesson->path,
                         loader->lesson_line);
    DescentError why;
    Landscape *landscape = NULL;
    NetCheck net = {0};
    bool ok = loader->model[0]
                  ? check_network(lesson, loader->lesson_line, &net, loader->model, loader->data,
                                  err)
                  : (landscape = landscape_create(loader->landscape, &why)) != NULL ||
                        error_set(err, "%s:%d: %s", lesson->path, loader->lesson_line,
                                  why.message);
    for (size_t i = 0; ok && i < lesson->step_count; i++) {
        LessonStep *step = &lesson->steps[i];
        *loader->line = step->line;
        step->show |= loader->axes ? LESSON_SHOW_AXES : 0u;
        ok = carry_over(loader, i, err) &&
             (step->model[0] ? check_network_step(lesson, step, &net, err)
                             : check_step(lesson, step, &landscape, err));
    }
    landscape_destroy(landscape);
    netdata_free(&net.data);
    return ok;
}

/* The absolute path of the folder holding the file at path. */
static void folder_of(const char *path, char dest[PATH_MAX])
{
    char copy[PATH_MAX];
    snprintf(copy, sizeof copy, "%s", path);
    char *slash = strrchr(copy, '/');
    const char *folder = ".";
    if (slash == copy) {
        folder = "/";
    } else if (slash) {
        *slash = '\0';
        folder = copy;
    }
    if (!realpath(folder, dest))
        snprintf(dest, PATH_MAX, "%s", folder);
}

bool lesson_evaluate(const char *path, const char *text, size_t size, const char *lang,
                     const char *reserved_keys, volatile int *line, Lesson *dest,
                     DescentError *err)
{
    *dest = (Lesson){ 0 };
    snprintf(dest->lang, sizeof dest->lang, "%s", lang ? lang : lesson_default_lang());
    Loader *loader = calloc(1, sizeof *loader);
    dest->path = copy_plain(path);
    if (!loader || !dest->path) {
        free(loader);
        lesson_free(dest);
        return error_set(err, "%s:1: out of memory", path);
    }
    int own_line;
    loader->lesson = dest;
    loader->reserved_keys = reserved_keys;
    loader->line = line ? line : &own_line;
    folder_of(path, loader->folder);
    Sandbox sandbox;
    bool ok = sandbox_open(&sandbox, dest->path, loader->line, err);
    if (ok) {
        static const luaL_Reg api[] = { { "lesson", api_lesson }, { "step", api_step } };
        for (size_t i = 0; i < sizeof api / sizeof api[0]; i++) {
            lua_pushlightuserdata(sandbox.L, loader);
            lua_pushcclosure(sandbox.L, api[i].func, 1);
            lua_setglobal(sandbox.L, api[i].name);
        }
        ok = sandbox_run(&sandbox, text, size, err);
        loader->closed = true;
        sandbox_close(&sandbox);
    }
    /* A call cut short leaves a half-filled step after the last whole one. */
    if (dest->steps && dest->step_count < LESSON_MAX_STEPS)
        step_free(&dest->steps[dest->step_count]);
    ok = ok && lesson_finish(loader, err);
    free(loader->landscape);
    free(loader->model);
    free(loader->data);
    free(loader);
    if (!ok)
        lesson_free(dest);
    return ok;
}
