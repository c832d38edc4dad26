/*
 * test_expr_field.c — typing into the window: the text field's UTF-8
 * editing, then the real window ('e', typed text, Enter, Esc) turning a
 * formula into the landscape or showing the parse error with its column,
 * and ('E') the selected run's values changed exactly, while the keys
 * typed reach nothing else.  Screenshots go to $DESCENT_TEST_OUTPUT.
 */
#include "window_testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene/expr_field.h"
#include "scene/scene_share.h"
#include "scene/text_field.h"

static void edits_at_the_cursor(void **state)
{
    (void)state;
    TextField f;
    text_field_set(&f, "x+y");
    assert_int_equal(f.cursor, 3);
    text_field_end(&f); /* ends the selection: edits from here are in place */
    text_field_left(&f);
    assert_true(text_field_insert(&f, "^2"));
    assert_string_equal(f.text, "x+^2y");
    text_field_home(&f);
    text_field_delete(&f);
    assert_string_equal(f.text, "+^2y");
    text_field_end(&f);
    text_field_backspace(&f);
    assert_string_equal(f.text, "+^2");
    text_field_home(&f);
    text_field_backspace(&f); /* nothing before the cursor */
    text_field_left(&f);
    assert_int_equal(f.cursor, 0);
    text_field_end(&f);
    text_field_delete(&f); /* nothing after it */
    text_field_right(&f);
    assert_string_equal(f.text, "+^2");
    assert_int_equal(f.cursor, 3);
}

/* "θ" and "λ" are two bytes each: the cursor steps over whole characters. */
static void moves_by_characters(void **state)
{
    (void)state;
    TextField f;
    text_field_set(&f, "aθλb");
    assert_int_equal(f.cursor, strlen("aθλb"));
    text_field_end(&f);
    text_field_left(&f);
    text_field_left(&f);
    assert_int_equal(f.cursor, strlen("aθ"));
    text_field_backspace(&f);
    assert_string_equal(f.text, "aλb");
    assert_int_equal(f.cursor, 1);
    text_field_delete(&f);
    assert_string_equal(f.text, "ab");
    text_field_set(&f, "aθλb");
    text_field_to_column(&f, 3);
    assert_int_equal(f.cursor, strlen("aθ"));
    text_field_to_column(&f, 99);
    assert_int_equal(f.cursor, strlen("aθλb"));
}

/* A set text is offered selected: typing replaces it, backspace or delete
 * clears it, and a move ends the selection (left at its start, right and
 * End at its end, Home at 0) so typing edits it in place. */
static void offers_its_text_selected(void **state)
{
    (void)state;
    TextField f;
    text_field_set(&f, "lr=0.01,x0=1");
    assert_true(f.selected);
    assert_true(text_field_insert(&f, "\n")); /* nothing to insert: the text stays */
    assert_true(f.selected);
    assert_true(text_field_insert(&f, "lr=0.3"));
    assert_string_equal(f.text, "lr=0.3");
    assert_false(f.selected);
    assert_true(text_field_insert(&f, "5"));
    assert_string_equal(f.text, "lr=0.35");

    text_field_set(&f, "x+y");
    text_field_backspace(&f);
    assert_string_equal(f.text, "");
    text_field_set(&f, "x+y");
    text_field_delete(&f);
    assert_string_equal(f.text, "");

    text_field_set(&f, "x+y");
    text_field_left(&f);
    assert_int_equal(f.cursor, 0);
    assert_true(text_field_insert(&f, "2*"));
    assert_string_equal(f.text, "2*x+y");
    text_field_set(&f, "x+y");
    text_field_right(&f);
    assert_int_equal(f.cursor, 3);
    text_field_backspace(&f);
    assert_string_equal(f.text, "x+");
    text_field_set(&f, "x+y");
    text_field_home(&f);
    text_field_delete(&f);
    assert_string_equal(f.text, "+y");

    char big[TEXT_FIELD_MAX + 8];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    text_field_set(&f, "x+y");
    assert_false(text_field_insert(&f, big)); /* refused whole: the selection stays */
    assert_string_equal(f.text, "x+y");
    assert_true(f.selected);
}

/* Line breaks of a pasted text are left out; what does not fit is refused
 * whole; a set text too long is cut at a character boundary. */
static void keeps_one_line_within_bounds(void **state)
{
    (void)state;
    TextField f;
    text_field_set(&f, "");
    assert_true(text_field_insert(&f, "x^2\n+ y^2\r\t"));
    assert_string_equal(f.text, "x^2+ y^2");
    char big[TEXT_FIELD_MAX + 8];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_false(text_field_insert(&f, big));
    assert_string_equal(f.text, "x^2+ y^2");
    char wide[TEXT_FIELD_MAX + 2];
    for (size_t i = 0; i + 2 < sizeof wide; i += 2)
        memcpy(wide + i, "θ", 2);
    wide[sizeof wide - 2] = 'z';
    wide[sizeof wide - 1] = '\0';
    text_field_set(&f, wide);
    size_t n = strlen(f.text);
    assert_true(n <= TEXT_FIELD_MAX - 1);
    assert_int_equal(n % 2, 0); /* whole characters only */
    assert_int_equal(f.cursor, n);
}

/* ------------------------------------------------------------------------ */
/* In the window                                                             */

static App *open_window(void)
{
    SceneOptions options = {.landscape = "quadratic", .runs = {"gd:lr=0.05"}, .run_count = 1};
    return open_test_window(&options, &(AppOptions){.width = 800, .height = 500, .hidden = true});
}

/* Types text as a keyboard would: each character's key, then its text. */
static void type(const char *text)
{
    for (const char *p = text; *p; p++) {
        push_key_down((SDL_Keycode)(unsigned char)*p, KMOD_NONE);
        push_text((char[]){*p, '\0'});
    }
}

static void frame(App *app)
{
    app_pump(app);
    app_frame(app, 0.1);
}

/* Pixels of the last frame drawn that differ from before's in the band of
 * rows [top, bottom). */
static size_t changed_in_band(App *app, const uint8_t *before, int top, int bottom)
{
    Frame now = read_frame(app);
    size_t changed = 0;
    for (int y = top; y < bottom && y < now.height; y++)
        for (int x = 0; x < now.width; x++) {
            size_t i = ((size_t)y * (size_t)now.width + (size_t)x) * 4;
            changed += memcmp(now.rgba + i, before + i, 3) != 0;
        }
    free(now.rgba);
    return changed;
}

static void typed_formula_becomes_the_landscape(void **state)
{
    (void)state;
    App *app = open_window();
    Scene *s = app_scene(app);
    scene_set_playing(s, false);
    frame(app);
    Frame closed = read_frame(app);
    int h = closed.height;
    Colormap colormap = s->display.colormap;

    type("e");
    frame(app);
    assert_true(s->expr_field.open);
    assert_string_equal(s->expr_field.field.text, "");
    /* Keys typed into the field reach nothing else: c, space, g, h, q. */
    type("x^^2 c g h q");
    frame(app);
    assert_false(s->playing);
    assert_int_equal(s->display.colormap, colormap);
    assert_false(s->display.arrows || s->display.help);
    assert_string_equal(s->expr_field.field.text, "x^^2 c g h q");
    assert_true(app_pump(app)); /* q did not quit */
    assert_true(changed_in_band(app, closed.rgba, h * 3 / 10, h * 3 / 10 + 40) > 10000); /* the field is drawn */

    for (int i = 0; i < 8; i++) /* back to "x^^2" */
        push_key_down(SDLK_BACKSPACE, KMOD_NONE);
    push_key_down(SDLK_RETURN, KMOD_NONE);
    frame(app);
    /* "x^^2": the core's message names column 3; the landscape stays. */
    assert_true(s->expr_field.open);
    assert_non_null(strstr(s->expr_field.error, "column 3"));
    assert_string_equal(landscape_spec(s->landscape), "quadratic");
    assert_int_equal(s->expr_field.field.cursor, 2);
    save_named_screenshot(app, "expr-field", "error");

    push_key_down(SDLK_DELETE, KMOD_NONE); /* x^2 */
    push_key_down(SDLK_END, KMOD_NONE);
    type(" + sin(3*x)*cos(3*y) + y^2");
    push_key_down(SDLK_RETURN, KMOD_NONE);
    frame(app);
    assert_false(s->expr_field.open);
    assert_string_equal(landscape_spec(s->landscape), "expr:x^2 + sin(3*x)*cos(3*y) + y^2");
    assert_int_equal(s->run_count, 1);
    assert_int_equal(s->runs[0].run.count, 1); /* restarted on the new landscape */
    scene_set_playing(s, true);
    for (int i = 0; i < 20; i++)
        frame(app);
    save_named_screenshot(app, "expr-field", "landscape");

    /* Opened again it holds the formula; Esc leaves everything as it was. */
    type("e");
    frame(app);
    assert_true(s->expr_field.open);
    assert_string_equal(s->expr_field.field.text, "x^2 + sin(3*x)*cos(3*y) + y^2");
    type("zz");
    push_key_down(SDLK_ESCAPE, KMOD_NONE);
    frame(app);
    assert_false(s->expr_field.open);
    assert_string_equal(landscape_spec(s->landscape), "expr:x^2 + sin(3*x)*cos(3*y) + y^2");
    free(closed.rgba);
    app_destroy(app);
}

/* Opens 'E', types text over the values it offers (cleared first when
 * text is empty) and applies it. */
static void retype_values(App *app, const char *text)
{
    type("E");
    frame(app);
    if (!text[0])
        push_key_down(SDLK_BACKSPACE, KMOD_NONE);
    type(text);
    push_key_down(SDLK_RETURN, KMOD_NONE);
    frame(app);
}

/* 'E': the selected run's values typed exactly.  The field opens on them
 * (the learning rate written out), keys reach nothing else, a value the
 * core refuses is refused with the command line's message, Enter goes on
 * with the typed values from where the run is (a change rewinding undoes
 * and the shared command line carries), Esc leaves the run alone. */
static void typed_values_change_the_selected_run(void **state)
{
    (void)state;
    App *app = open_window();
    Scene *s = app_scene(app);
    scene_set_playing(s, false);
    scene_step(s, 10);
    frame(app);
    Frame closed = read_frame(app);
    int h = closed.height;

    type("E");
    frame(app);
    assert_true(s->run_field.open);
    assert_string_equal(s->run_field.label, "run 1  gd:");
    assert_string_equal(s->run_field.field.text, "lr=0.05");
    assert_true(changed_in_band(app, closed.rgba, h * 3 / 10, h * 3 / 10 + 40) > 10000);
    double speed = s->speed;
    type("lr=-1"); /* in place of the values shown, selected */
    frame(app);
    assert_close(s->speed, speed, 0); /* '-' did not halve the speed */
    assert_string_equal(s->run_field.field.text, "lr=-1");
    push_key_down(SDLK_RETURN, KMOD_NONE);
    frame(app);
    /* Refused with the message `descent --opt gd:lr=-1` gives. */
    OptimizerDesc desc;
    DescentError expected = {""};
    assert_false(optimizer_parse("gd:lr=-1", s->landscape, &desc, &expected));
    assert_non_null(strstr(expected.message, "out of range"));
    assert_true(s->run_field.open);
    assert_string_equal(s->run_field.error, expected.message);
    assert_string_equal(s->runs[0].run.desc.spec, "gd:lr=0.05");
    save_named_screenshot(app, "run-field", "error");

    for (int i = 0; i < 2; i++) /* "lr=" */
        push_key_down(SDLK_BACKSPACE, KMOD_NONE);
    type("0.1,momentum=0.5");
    push_key_down(SDLK_RETURN, KMOD_NONE);
    frame(app);
    assert_false(s->run_field.open);
    const Run *run = &s->runs[0].run;
    assert_string_equal(run->desc.spec, "gd:lr=0.1,momentum=0.5");
    assert_int_equal(run_steps(run), 10); /* it goes on from where it was */
    char line[SCENE_COMMAND_LINE_MAX];
    assert_true(scene_command_line(s, line, sizeof line));
    assert_non_null(strstr(line, "gd:lr=0.1,momentum=0.5"));
    scene_seek(s, 5);
    assert_string_equal(run->desc.spec, "gd:lr=0.05");
    scene_seek(s, 12);
    assert_string_equal(run->desc.spec, "gd:lr=0.1,momentum=0.5");

    /* Opened again it holds the values; Esc keeps the run as it is. */
    type("E");
    frame(app);
    assert_string_equal(s->run_field.field.text, "lr=0.1,momentum=0.5");
    type("zz");
    push_key_down(SDLK_ESCAPE, KMOD_NONE);
    frame(app);
    assert_false(s->run_field.open);
    assert_string_equal(run->desc.spec, "gd:lr=0.1,momentum=0.5");

    /* A key typed alone changes that value where it stands; the others
     * keep theirs (typed after the values instead of over them, "lr=0.3"
     * read "momentum=0.5lr=0.3" and was refused). */
    retype_values(app, "momentum=0.8");
    assert_false(s->run_field.open);
    assert_string_equal(run->desc.spec, "gd:lr=0.1,momentum=0.8");
    retype_values(app, "nesterov=1,lr=0.2");
    assert_string_equal(run->desc.spec, "gd:lr=0.2,momentum=0.8,nesterov=1");
    retype_values(app, ""); /* cleared, nothing typed: nothing changes */
    assert_string_equal(run->desc.spec, "gd:lr=0.2,momentum=0.8,nesterov=1");
    free(closed.rgba);
    app_destroy(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(edits_at_the_cursor),
        cmocka_unit_test(moves_by_characters),
        cmocka_unit_test(offers_its_text_selected),
        cmocka_unit_test(keeps_one_line_within_bounds),
        cmocka_unit_test(typed_formula_becomes_the_landscape),
        cmocka_unit_test(typed_values_change_the_selected_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
