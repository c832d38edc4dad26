/*
 * test_window_share.c — the window's 's' and 'T' keys, on the
 * real window (SDL's offscreen driver, or Xvfb).
 *
 * 's' prints the scene's command line on stdout (captured here through a
 * temporary file) and puts it on the clipboard where the video driver has
 * one; the printed line, parsed back by the command line's parser, builds a
 * scene whose runs walk the same paths.  'T' switches the light theme: the
 * legend's panel turns light, and back.
 */
#include "window_testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wordexp.h>

#include "cli.h"
#include "scene/scene_share.h"

#define WIDTH 640
#define HEIGHT 400

static App *open_app(void)
{
    SceneOptions options = {.landscape = "quadratic:l1=1,l2=20",
                            .runs = {"gd:lr=0.03"}, .run_count = 1,
                            .sweep = "lr=0.01:0.09:3:lin", .has_start = true,
                            .start = {-3.0, 1.25}};
    return open_test_window(&options, &(AppOptions){.width = WIDTH, .height = HEIGHT});
}

/* Pumps events and draws one frame; returns the pixel at (x, y). */
static void frame_pixel(App *app, int x, int y, uint8_t rgba[4])
{
    Frame f = draw_frame(app, 0.0);
    memcpy(rgba, pixel(&f, x, y), 4);
    free(f.rgba);
}

/* Presses 's' and returns what the window printed on stdout. */
static char *press_share(App *app)
{
    char path[] = "/tmp/test_window_share.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    dup2(fd, STDOUT_FILENO);
    push_text("s");
    app_pump(app);
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    static char printed[SCENE_COMMAND_LINE_MAX];
    FILE *file = fdopen(fd, "r");
    rewind(file);
    size_t n = fread(printed, 1, sizeof printed - 1, file);
    printed[n] = '\0';
    fclose(file);
    unlink(path);
    return printed;
}

static void test_s_prints_and_copies_a_line_that_reopens(void **state)
{
    (void)state;
    App *app = open_app();
    Scene *scene = app_scene(app);
    scene_start_at(scene, -2.5, 0.75);
    char *printed = press_share(app);
    size_t len = strlen(printed);
    assert_true(len > 1 && printed[len - 1] == '\n' && strchr(printed, '\n') == printed + len - 1);
    printed[len - 1] = '\0';
    assert_non_null(strstr(printed, "--sweep lr=0.01:0.09:3:lin"));
    assert_non_null(strstr(scene->notice, printed));
    if (SDL_HasClipboardText()) {
        char *clip = SDL_GetClipboardText();
        assert_string_equal(clip, printed);
        SDL_free(clip);
    }

    wordexp_t words;
    assert_int_equal(wordexp(printed, &words, WRDE_NOCMD | WRDE_UNDEF), 0);
    SceneOptions options = {0};
    int argc = (int)words.we_wordc - 1;
    for (int i = 0; i < argc;)
        assert_int_equal(cli_scene_option(&options, argc, words.we_wordv + 1, &i), 1);
    DescentError err = {""};
    Scene *copy = scene_create(&options, &err);
    wordfree(&words);
    if (!copy)
        fail_msg("%s", err.message);
    assert_int_equal(copy->run_count, scene->run_count);
    scene_reset(scene);
    scene_step(scene, 100);
    scene_step(copy, 100);
    for (size_t i = 0; i < scene->run_count; i++)
        assert_memory_equal(copy->runs[i].run.path, scene->runs[i].run.path,
                            scene->runs[i].run.count * sizeof *scene->runs[i].run.path);
    scene_destroy(copy);
    app_destroy(app);
}

static void test_T_switches_the_light_theme(void **state)
{
    (void)state;
    App *app = open_app();
    uint8_t before[4], light[4], after[4];
    /* Inside the legend panel's top-left padding. */
    frame_pixel(app, 15, 15, before);
    push_text("T");
    frame_pixel(app, 15, 15, light);
    assert_int_equal(app_scene(app)->display.theme, SCENE_THEME_LIGHT);
    push_text("T");
    frame_pixel(app, 15, 15, after);
    assert_int_equal(app_scene(app)->display.theme, SCENE_THEME_DARK);
    assert_true(before[0] + before[1] + before[2] < 3 * 80);
    assert_true(light[0] + light[1] + light[2] > 3 * 190);
    assert_memory_equal(before, after, 4);
    app_destroy(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_s_prints_and_copies_a_line_that_reopens),
        cmocka_unit_test(test_T_switches_the_light_theme),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
