/*
 * test_lesson.c — the lesson runtime: what lesson_load makes of every field
 * (tests/lessons/full.lua), the sandbox against hostile and broken scripts
 * (each must fail with its own FILE:LINE: message, quickly), the language
 * choice and the list of shipped lessons.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lesson/lesson.h"

/* The keys a host program keeps for itself, as lesson_load takes them (the
 * window's own set, from its key table, is tested in test_keys.c). */
static const char window_keys[] = "nN";

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void fixture(const char *name, char *dest, size_t size)
{
    snprintf(dest, size, "%s/%s", LESSON_FIXTURES, name);
}

/* ------------------------------------------------------------ hostile */

typedef struct Hostile {
    const char *file;
    int line;
    const char *message; /* a part of the expected message */
} Hostile;

static const Hostile hostile[] = {
    { "os_execute.lua", 2, "nil value (global 'os')" },
    { "io_open.lua", 2, "nil value (global 'io')" },
    { "require.lua", 2, "nil value (global 'require')" },
    { "dofile.lua", 2, "nil value (global 'dofile')" },
    { "loadfile.lua", 2, "nil value (global 'loadfile')" },
    { "load_binary.lua", 2, "attempt to load a binary chunk" },
    { "binary_chunk.lua", 1, "compiled (binary) Lua chunk" },
    { "infinite_loop.lua", 3, "lesson ran too long" },
    { "pcall_loop.lua", 3, "nil value (global 'pcall')" },
    { "memory_string.lua", 3, "too much memory" },
    { "memory_table.lua", 3, "too much memory" },
    { "string_rep.lua", 2, "string.rep: result too large" },
    { "string_rep_empty.lua", 2, "string.rep: result too large" },
    { "pattern.lua", 2, "nil value (field 'find')" },
    { "gc_loop.lua", 2, "__gc (finalizers) cannot be used" },
    { "recursion.lua", 2, "too much memory" },
    { "tostring_loop.lua", 2, "lesson ran too long" },
    { "error_message.lua", 3, "the teacher made a mistake" },
    { "error_table.lua", 2, "error object is a table value" },
    { "error_newline.lua", 2, "first line\\nsecond line\\r\\tthird" },
    { "syntax_error.lua", 4, "'}' expected (to close '{' at line 3)" },
    { "bad_play.lua", 2, "play must be a number, not string" },
    { "bad_title.lua", 1, "title must be a string or { en" },
    { "bad_runs.lua", 2, "runs must be a spec string" },
    { "unknown_field.lua", 2, "unknown field 'captoin'" },
    { "caption_no_en.lua", 2, "caption needs an English text" },
    { "bad_utf8.lua", 2, "caption is not valid UTF-8" },
    { "bad_spec.lua", 3, "unknown key 'beta3'" },
    { "bad_landscape.lua", 1, "unknown landscape 'nowhere'" },
    { "reserved_key.lua", 2, "'n' is one of descent's own controls" },
    { "particles_no_noise.lua", 2, "particles follow a noisy run" },
    { "no_lesson.lua", 1, "no lesson{" },
    { "keep_first.lua", 2, "keep = true on the first step" },
    { "no_such_file.lua", 1, "cannot read the lesson" },
    { "data_outside.lua", 1, "data= names a file beside the lesson" },
    { "data_parent.lua", 1, "data= names a file beside the lesson" },
    { "step_id_twice.lua", 3, "id \"same\" is already the id of another step" },
    { "step_id_bad.lua", 2, "id \"Two Words\": use only a-z, 0-9 and _" },
    { "bad_plot_range.lua", 2, "plot: the range needs 0 < ymin < ymax" },
    { "plot_half_range.lua", 2, "plot: ymin and ymax go together" },
};

static void test_hostile_scripts_fail_cleanly(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        char path[1024], prefix[1100];
        fixture(hostile[i].file, path, sizeof path);
        snprintf(prefix, sizeof prefix, "%s:%d: ", path, hostile[i].line);
        Lesson lesson;
        DescentError err = { "" };
        double start = seconds_now();
        bool loaded = lesson_load(path, "en", window_keys, &lesson, &err);
        double elapsed = seconds_now() - start;
        print_message("%-24s %.3f s  %s\n", hostile[i].file, elapsed, err.message);
        assert_false(loaded);
        assert_null(lesson.steps);
        assert_int_equal(lesson.step_count, 0);
        assert_true(strncmp(err.message, prefix, strlen(prefix)) == 0);
        assert_non_null(strstr(err.message, hostile[i].message));
        assert_null(strchr(err.message, '\n'));
        /* The caps make this deterministic; the bound is only a coarse
         * guard against a cap that stopped working (a hang). */
        assert_true(elapsed < 5.0);
    }
}

/* ------------------------------------------------------ the full lesson */

static void test_full_lesson_fields(void **state)
{
    (void)state;
    char path[1024];
    fixture("full.lua", path, sizeof path);
    Lesson lesson;
    DescentError err = { "" };
    bool loaded = lesson_load(path, "zh", window_keys, &lesson, &err);
    if (!loaded)
        print_message("%s\n", err.message);
    assert_true(loaded);
    assert_string_equal(lesson.lang, "zh");
    assert_string_equal(lesson.title, "全部");
    assert_int_equal(lesson.step_count, 3);
    assert_int_equal(lesson.fallbacks, 1); /* key z's label has English only */

    const LessonStep *first = &lesson.steps[0];
    assert_int_equal(first->line, 17);
    assert_string_equal(first->id, "first_one");
    assert_string_equal(first->hint, "按 z");
    assert_string_equal(first->caption, "一 二");
    assert_string_equal(first->landscape, "quadratic:l1=1,l2=10");
    assert_true(first->has_view);
    assert_true(first->view.xmin == -3 && first->view.xmax == 3 && first->view.ymin == -2 &&
                first->view.ymax == 2);
    assert_true(first->has_start);
    assert_true(first->start.x == -2.5 && first->start.y == 1.5);
    assert_int_equal(first->runs.count, 2);
    assert_string_equal(first->runs.specs[0], "gd:lr=0.1");
    assert_string_equal(first->runs.specs[1], "sgd:lr=0.05,noise=1");
    assert_int_equal(first->play, 100);
    assert_true(first->speed == 25.5);
    assert_int_equal(first->particles, 30);
    assert_true(first->pause);
    assert_false(first->keep);
    assert_int_equal(first->show, LESSON_SHOW_GRADIENT | LESSON_SHOW_FLOW | LESSON_SHOW_3D);
    assert_int_equal(first->mark_count, 2);
    assert_true(first->marks[0].x == 0 && first->marks[0].y == 0 && first->marks[0].radius == 0.5);
    assert_string_equal(first->marks[0].label, "谷底");
    assert_true(first->marks[1].x == 1 && first->marks[1].y == 1 && first->marks[1].radius == 0);
    assert_string_equal(first->marks[1].label, "");
    /* Steps are found by id, wherever they stand; the middle one has none. */
    assert_int_equal(lesson_step_index(&lesson, "first_one"), 0);
    assert_int_equal(lesson_step_index(&lesson, "last"), 2);
    assert_int_equal(lesson_step_index(&lesson, "nowhere"), -1);
    assert_string_equal(lesson.steps[1].id, "");
    assert_string_equal(lesson.steps[1].hint, "");
    /* Keys come sorted. */
    assert_int_equal(first->key_count, 2);
    const LessonKey *a = &first->keys[0], *z = &first->keys[1];
    assert_int_equal(a->key, 'a');
    assert_int_equal(a->target, LESSON_KEY_RUNS);
    assert_string_equal(a->label, "");
    assert_int_equal(a->count, 2);
    assert_int_equal(a->runs[0].count, 1);
    assert_string_equal(a->runs[0].specs[0], "gd:lr=0.01");
    assert_int_equal(a->runs[1].count, 2);
    assert_string_equal(a->runs[1].specs[1], "adam:lr=0.1");
    assert_int_equal(z->key, 'z');
    assert_int_equal(z->target, LESSON_KEY_LANDSCAPE);
    assert_string_equal(z->label, "width");
    assert_int_equal(z->count, 2);
    assert_string_equal(z->landscapes[1], "quadratic:l1=1,l2=30");

    /* keep: same stage, runs and particles; its own caption and play. */
    const LessonStep *second = &lesson.steps[1];
    assert_string_equal(second->caption, "only English here");
    assert_true(second->keep);
    assert_string_equal(second->landscape, first->landscape);
    assert_true(second->has_view && second->view.xmax == 3);
    assert_int_equal(second->runs.count, 2);
    assert_string_equal(second->runs.specs[0], "gd:lr=0.1");
    assert_int_equal(second->particles, 30);
    assert_int_equal(second->play, 10);
    assert_true(second->speed == 0);
    assert_false(second->pause);
    assert_int_equal(second->show, 0);
    assert_int_equal(second->mark_count, 0);
    assert_int_equal(second->key_count, 0);

    /* A new landscape brings its own view and start; runs carry over. */
    const LessonStep *third = &lesson.steps[2];
    assert_string_equal(third->landscape, "rosenbrock");
    assert_false(third->has_view);
    assert_false(third->has_start);
    assert_int_equal(third->runs.count, 2);
    assert_int_equal(third->particles, 0);
    assert_false(third->keep);
    lesson_free(&lesson);
    assert_null(lesson.steps);

    assert_true(lesson_load(path, "en", window_keys, &lesson, &err));
    assert_string_equal(lesson.title, "Everything");
    assert_string_equal(lesson.steps[0].caption, "one 1,2,3");
    assert_int_equal(lesson.fallbacks, 0);
    lesson_free(&lesson);
}

/* data=FILE names a file beside the lesson, whatever the working folder. */
static void test_data_beside_the_lesson(void **state)
{
    (void)state;
    char path[1024], folder[PATH_MAX], expected[PATH_MAX + 64];
    fixture("with_data.lua", path, sizeof path);
    assert_non_null(realpath(LESSON_FIXTURES, folder));
    Lesson lesson;
    DescentError err = { "" };
    bool loaded = lesson_load(path, "en", window_keys, &lesson, &err);
    if (!loaded)
        print_message("%s\n", err.message);
    assert_true(loaded);
    snprintf(expected, sizeof expected, "linreg:data=%s/tiny.csv", folder);
    assert_string_equal(lesson.steps[0].landscape, expected);
    snprintf(expected, sizeof expected, "logreg:data=%s/tiny.csv,l2=0.1", folder);
    assert_string_equal(lesson.steps[0].keys[0].landscapes[0], expected);
    lesson_free(&lesson);
}

/* plot, distance_from and lesson{ axes = true } (issue 12): the loss plot's
 * range, the dynamics plot's run, the distance plot's point, the axes on
 * every step. */
static void test_plot_fields(void **state)
{
    (void)state;
    char path[1024];
    fixture("plot_fields.lua", path, sizeof path);
    Lesson lesson;
    DescentError err = { "" };
    if (!lesson_load(path, "en", window_keys, &lesson, &err))
        fail_msg("%s", err.message);
    const LessonStep *first = &lesson.steps[0], *second = &lesson.steps[1];
    assert_int_equal(first->show, LESSON_SHOW_STEP_SIZE | LESSON_SHOW_2D | LESSON_SHOW_AXES);
    assert_true(first->plot_ymin == 1e-6 && first->plot_ymax == 10);
    assert_int_equal(first->plot_run, 1);
    assert_true(first->distance_from.x == 0.5 && first->distance_from.y == -1);
    /* They belong to their one step. */
    assert_int_equal(second->show, LESSON_SHOW_SPREAD | LESSON_SHOW_AXES);
    assert_true(second->plot_ymin == 0 && second->plot_ymax == 0);
    assert_int_equal(second->plot_run, -1);
    assert_true(second->distance_from.x == 0 && second->distance_from.y == 0);
    lesson_free(&lesson);
}

static void test_show_names(void **state)
{
    (void)state;
    assert_string_equal(lesson_show_name(LESSON_SHOW_SPREAD), "spread");
    assert_string_equal(lesson_show_name(LESSON_SHOW_DISTANCE), "distance");
    assert_string_equal(lesson_show_name(LESSON_SHOW_STEP_SIZE), "step_size");
    assert_string_equal(lesson_show_name(LESSON_SHOW_AXES), "axes");
    assert_string_equal(lesson_show_name(LESSON_SHOW_2D), "2d");
    assert_string_equal(lesson_show_name(LESSON_SHOW_GRADIENT), "gradient");
    assert_string_equal(lesson_show_name(LESSON_SHOW_BASINS), "basins");
    assert_string_equal(lesson_show_name(LESSON_SHOW_3D), "3d");
    assert_null(lesson_show_name((LessonShow)(LESSON_SHOW_FLOW | LESSON_SHOW_LOSS)));
}

static void test_default_lang(void **state)
{
    (void)state;
    unsetenv("LANGUAGE");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    setenv("LANG", "zh_CN.UTF-8", 1);
    assert_string_equal(lesson_default_lang(), "zh");
    setenv("LC_ALL", "en_GB.UTF-8", 1);
    assert_string_equal(lesson_default_lang(), "en");
    setenv("LANGUAGE", "zh_TW", 1);
    assert_string_equal(lesson_default_lang(), "zh");
    unsetenv("LANGUAGE");
    unsetenv("LC_ALL");
    unsetenv("LANG");
    assert_string_equal(lesson_default_lang(), "en");
}

static void write_file(const char *path)
{
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fclose(file);
}

static void test_list_and_find(void **state)
{
    (void)state;
    char root[] = "/tmp/descent-lesson-list-XXXXXX";
    assert_non_null(mkdtemp(root));
    char path[256];
    snprintf(path, sizeof path, "%s/shaders", root);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/lessons", root);
    assert_int_equal(mkdir(path, 0700), 0);
    const char *files[] = { "b.lua", "a.lua", "notes.txt", ".hidden.lua" };
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/lessons/%s", root, files[i]);
        write_file(path);
    }
    setenv("DESCENT_DATA_DIR", root, 1);
    LessonList list;
    DescentError err;
    assert_true(lesson_list(&list, &err));
    assert_int_equal(list.count, 2);
    snprintf(path, sizeof path, "%s/lessons/a.lua", root);
    assert_string_equal(list.paths[0], path);
    snprintf(path, sizeof path, "%s/lessons/b.lua", root);
    assert_string_equal(list.paths[1], path);
    lesson_list_free(&list);
    assert_int_equal(list.count, 0);

    char found[512];
    assert_true(lesson_find("welcome", found, sizeof found, &err));
    snprintf(path, sizeof path, "%s/lessons/welcome.lua", root);
    assert_string_equal(found, path);

    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/lessons/%s", root, files[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/lessons", root);
    rmdir(path);
    assert_false(lesson_list(&list, &err));
    assert_non_null(strstr(err.message, "cannot read"));
    snprintf(path, sizeof path, "%s/shaders", root);
    rmdir(path);
    rmdir(root);
    unsetenv("DESCENT_DATA_DIR");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostile_scripts_fail_cleanly),
        cmocka_unit_test(test_full_lesson_fields),
        cmocka_unit_test(test_data_beside_the_lesson),
        cmocka_unit_test(test_plot_fields),
        cmocka_unit_test(test_show_names),
        cmocka_unit_test(test_default_lang),
        cmocka_unit_test(test_list_and_find),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
