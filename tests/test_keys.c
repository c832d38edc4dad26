/*
 * test_keys.c — the window's key table (src/app/keys.h) is the one owner of
 * the window's keys: every row is well formed, no character runs two rows,
 * the lesson loader refuses every key the table reserves, and
 * lessons/README.md lists exactly those keys.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/keys.h"
#include "lesson/lesson.h"

static void test_rows_are_well_formed(void **state)
{
    (void)state;
    size_t count;
    const WindowKey *keys = window_keys(&count);
    assert_true(count > 0);
    for (size_t i = 0; i < count; i++) {
        const WindowKey *key = &keys[i];
        assert_true(key->label && key->label[0]);
        assert_true(key->help && key->help[0]);
        bool pressed = key->chars[0] || key->syms;
        /* A row runs something exactly when keys press it; the others are
         * pointer gestures the help lists. */
        assert_int_equal(pressed, key->run != NULL);
        if (key->mod)
            assert_non_null(key->syms);
    }
}

/* Dispatch takes the first row that holds a character: a second row with
 * the same character would never run. */
static void test_no_character_runs_two_rows(void **state)
{
    (void)state;
    size_t count;
    const WindowKey *keys = window_keys(&count);
    for (size_t i = 0; i < count; i++)
        for (const char *c = keys[i].chars; *c; c++)
            for (size_t j = i + 1; j < count; j++)
                if (strchr(keys[j].chars, *c))
                    fail_msg("'%c' is in rows %zu and %zu", *c, i, j);
}

static void test_reserved_holds_every_character_once(void **state)
{
    (void)state;
    const char *reserved = window_reserved_keys();
    size_t count;
    const WindowKey *keys = window_keys(&count);
    for (size_t i = 0; i < count; i++) {
        for (const char *c = keys[i].chars; *c; c++)
            assert_non_null(strchr(reserved, *c));
        for (const char *c = keys[i].shares ? keys[i].shares : ""; *c; c++)
            assert_non_null(strchr(reserved, *c));
    }
    for (const char *c = reserved; *c; c++)
        assert_ptr_equal(strchr(reserved, *c), c);
    /* Keys the help lists that lessons used to bind (issue 12). */
    for (const char *c = "ebskaio"; *c; c++)
        assert_non_null(strchr(reserved, *c));
}

/* Every reserved key a lesson could write (printable ASCII) is refused by
 * the loader given the window's set, naming the key. */
static void test_loader_refuses_every_reserved_key(void **state)
{
    (void)state;
    char path[] = "/tmp/descent-test-keys-XXXXXX.lua";
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    close(fd);
    for (const char *c = window_reserved_keys(); *c; c++) {
        if (*c < '!' || *c > '~')
            continue;
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fprintf(f, "lesson { title = 'k', landscape = 'quadratic' }\n"
                   "step { keys = { [string.char(%d)] = { runs = { 'gd' } } } }\n", *c);
        fclose(f);
        Lesson lesson;
        DescentError err = {""};
        assert_false(lesson_load(path, "en", window_reserved_keys(), &lesson, &err));
        char expected[64];
        snprintf(expected, sizeof expected, ":2: keys: '%c' is one of descent's own controls", *c);
        if (!strstr(err.message, expected))
            fail_msg("'%c': %s", *c, err.message);
        lesson_free(&lesson);
    }
    /* A key the window does not use loads. */
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("lesson { title = 'k', landscape = 'quadratic' }\n"
          "step { keys = { t = { runs = { 'gd' } } } }\n", f);
    fclose(f);
    Lesson lesson;
    DescentError err = {""};
    assert_true(lesson_load(path, "en", window_reserved_keys(), &lesson, &err));
    lesson_free(&lesson);
    unlink(path);
}

/* lessons/README.md's `keys` row ends with the window's keys as one code
 * span, separated by spaces: the same set as the table's printable ones. */
static void test_readme_lists_the_reserved_keys(void **state)
{
    (void)state;
    const char *root = getenv("DESCENT_DATA_DIR");
    assert_non_null(root);
    char path[4096];
    snprintf(path, sizeof path, "%s/lessons/README.md", root);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[4096], listed[128] = "";
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "| `keys` |", 10) != 0)
            continue;
        char *end = strrchr(line, '`');
        assert_non_null(end);
        *end = '\0';
        char *start = strrchr(line, '`');
        assert_non_null(start);
        for (char *tok = strtok(start + 1, " "); tok; tok = strtok(NULL, " ")) {
            assert_int_equal(strlen(tok), 1);
            assert_true(n + 1 < sizeof listed);
            listed[n++] = tok[0];
        }
    }
    fclose(f);
    listed[n] = '\0';
    char printable[128];
    size_t m = 0;
    for (const char *c = window_reserved_keys(); *c; c++)
        if (*c >= '!' && *c <= '~')
            printable[m++] = *c;
    printable[m] = '\0';
    assert_string_equal(listed, printable);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_are_well_formed),
        cmocka_unit_test(test_no_character_runs_two_rows),
        cmocka_unit_test(test_reserved_holds_every_character_once),
        cmocka_unit_test(test_loader_refuses_every_reserved_key),
        cmocka_unit_test(test_readme_lists_the_reserved_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
