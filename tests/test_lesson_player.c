/*
 * test_lesson_player.c — lessons played in the real window: steps through
 * them with pushed keys, and checks what each step puts on the stage (runs,
 * their progress, carry-over, keep, pause, lesson keys), that welcome is
 * found, and that a broken file shows its error and reloads once fixed.
 * Lessons are written to a temporary folder by each test.
 */
#include "window_testing.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


static char folder[] = "/tmp/descent-lesson-player-XXXXXX";

/* Writes text to NAME in the test folder; path gets the full path.  The
 * modification time is set `age` seconds ahead, so rewrites within one
 * clock tick still read as changes. */
static void write_lesson(const char *name, const char *text, int age, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", folder, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    struct timespec times[2] = {{.tv_sec = time(NULL) + age}, {.tv_sec = time(NULL) + age}};
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static App *open_lesson(const char *path, const char *lang)
{
    return open_test_window(&(SceneOptions){0}, &(AppOptions){.width = 640, .height = 400,
                                                              .hidden = true, .lesson = path,
                                                              .lang = lang});
}

/* Handles the pending events and draws `seconds` of frames, 0.1 s each. */
static void play(App *app, double seconds)
{
    app_pump(app);
    for (double t = 0; t < seconds - 1e-9; t += 0.1)
        app_frame(app, 0.1);
    app_frame(app, 0.0);
}

/* Updates run i has made. */
static size_t updates(App *app, size_t i)
{
    return app_scene(app)->runs[i].run.count - 1;
}

static const char three_steps[] =
    "lesson { title = 'Three', landscape = 'quadratic', start = { 1, 1 } }\n"
    "step { caption = 'one', runs = { 'gd:lr=0.01', 'momentum:lr=0.01' }, play = 50, speed = 100 }\n"
    "step { caption = 'two', keep = true, play = 30, speed = 100 }\n"
    "step { caption = 'three', runs = { 'gd:lr=0.02' }, play = 20, pause = true,\n"
    "       marks = { { x = 0, y = 0, label = 'here' } } }\n";

static void test_steps_forward_and_back(void **state)
{
    (void)state;
    char path[4096];
    write_lesson("three.lua", three_steps, 0, path, sizeof path);
    App *app = open_lesson(path, "en");
    Scene *s = app_scene(app);
    assert_string_equal(s->title, "1/3  Three");
    assert_string_equal(s->caption, "one");
    assert_int_equal(s->run_count, 2);
    assert_string_equal(s->error, "");
    /* 50 updates at 100 per second: half a second, then it stops. */
    play(app, 0.3);
    assert_true(updates(app, 0) > 0 && updates(app, 0) < 50);
    play(app, 2.0);
    assert_int_equal(updates(app, 0), 50);
    assert_false(s->playing);

    /* keep: the same runs go on from update 50 to 80. */
    push_key_down(SDLK_RIGHT, KMOD_NONE);
    play(app, 2.0);
    assert_string_equal(s->title, "2/3  Three");
    assert_string_equal(s->caption, "two");
    assert_int_equal(s->run_count, 2);
    assert_int_equal(updates(app, 0), 80);
    assert_int_equal(updates(app, 1), 80);

    /* A new run list, a mark, and a pause: nothing moves before Space. */
    push_key_down(SDLK_PAGEDOWN, KMOD_NONE);
    play(app, 1.0);
    assert_string_equal(s->caption, "three");
    assert_int_equal(s->run_count, 1);
    assert_int_equal(s->mark_count, 1);
    assert_string_equal(s->marks[0].label, "here");
    assert_int_equal(updates(app, 0), 0);
    push_key_down(SDLK_SPACE, KMOD_NONE);
    play(app, 2.0);
    assert_int_equal(updates(app, 0), 20);
    assert_false(s->playing);
    /* The last step stays the last. */
    push_key_down(SDLK_RETURN, KMOD_NONE);
    play(app, 0.1);
    assert_string_equal(s->title, "3/3  Three");

    /* Back onto a keep step: its chain is replayed, it starts at 50. */
    push_key_down(SDLK_LEFT, KMOD_NONE);
    app_pump(app);
    assert_string_equal(s->caption, "two");
    assert_int_equal(s->run_count, 2);
    assert_int_equal(updates(app, 0), 50);
    assert_int_equal(s->mark_count, 0);
    play(app, 2.0);
    assert_int_equal(updates(app, 0), 80);
    push_key_down(SDLK_PAGEUP, KMOD_NONE);
    play(app, 0.1);
    assert_string_equal(s->title, "1/3  Three");
    push_key_down(SDLK_PAGEUP, KMOD_NONE);
    play(app, 0.1);
    assert_string_equal(s->title, "1/3  Three");
    app_destroy(app);
}

static const char network_steps[] =
    "lesson { title = 'Net', model = 'mlp:layers=2-6-6-2', data = 'moons:n=40' }\n"
    "step { caption = 'one', runs = { 'adam:lr=0.01', 'gd:lr=0.1' }, ensemble = 3,\n"
    "       play = 40, speed = 100 }\n"
    "step { caption = 'two', keep = true, representation = 2, play = 20, speed = 100,\n"
    "       plot = { run = 2 } }\n"
    "step { caption = 'flat', landscape = 'quadratic', runs = 'gd' }\n"
    "step { caption = 'four', model = 'mlp:layers=2-4-2', data = 'xor:n=40',\n"
    "       runs = 'gd:lr=0.5', slice = 'pca' }\n";

/* A lesson puts a network on stage as --model does (issue 16): its runs,
 * ensemble, layer and slice; keep goes on with it; a landscape step takes
 * it away and a later network step brings its own. */
static void test_network_steps(void **state)
{
    (void)state;
    char path[4096];
    write_lesson("net.lua", network_steps, 0, path, sizeof path);
    App *app = open_lesson(path, "en");
    Scene *s = app_scene(app);
    assert_string_equal(s->error, "");
    assert_non_null(s->net);
    assert_int_equal(net_stage_run_count(s->net), 2);
    assert_non_null(s->ensemble);
    assert_int_equal(s->ensemble->count, 3);
    assert_true(s->display.ensemble);
    assert_int_equal(s->display.net_layer, 0);
    assert_int_equal(s->run_count, 0);
    assert_int_equal(scene_shown_run(s), 0);
    play(app, 2.0);
    assert_int_equal(net_stage_shown_step(s->net), 40);

    push_key_down(SDLK_RIGHT, KMOD_NONE);
    play(app, 2.0);
    assert_string_equal(s->caption, "two");
    assert_int_equal(net_stage_shown_step(s->net), 60);
    assert_int_equal(s->display.net_layer, 2);
    assert_int_equal(s->ensemble->count, 3);
    /* plot = { run = 2 }: the data panel shows run 2, the selection stays. */
    assert_int_equal(scene_shown_run(s), 1);
    assert_int_equal(net_stage_selected(s->net), 0);

    push_key_down(SDLK_RIGHT, KMOD_NONE);
    play(app, 0.2);
    assert_string_equal(s->caption, "flat");
    assert_null(s->net);
    assert_null(s->ensemble);
    assert_false(s->display.ensemble);
    assert_int_equal(s->display.net_layer, 0);
    assert_int_equal(s->run_count, 1);

    push_key_down(SDLK_RIGHT, KMOD_NONE);
    play(app, 0.2);
    assert_string_equal(s->caption, "four");
    assert_non_null(s->net);
    assert_null(s->ensemble);
    assert_int_equal(net_stage_model(s->net)->nsizes, 3);
    assert_int_equal(net_stage_slice(s->net), NET_SLICE_PCA);
    assert_int_equal(s->run_count, 0);

    /* Back onto the keep step: replayed to 40, then on to 60. */
    push_key_down(SDLK_LEFT, KMOD_NONE);
    push_key_down(SDLK_LEFT, KMOD_NONE);
    app_pump(app);
    assert_string_equal(s->caption, "two");
    assert_int_equal(net_stage_shown_step(s->net), 40);
    assert_int_equal(s->ensemble->count, 3);
    play(app, 2.0);
    assert_int_equal(net_stage_shown_step(s->net), 60);
    app_destroy(app);
}

static void test_lesson_key_cycles(void **state)
{
    (void)state;
    char path[4096];
    write_lesson("keys.lua",
                 "lesson { title = 'Keys', landscape = 'quadratic' }\n"
                 "step { runs = { 'gd:lr=0.01' }, play = 10,\n"
                 "       keys = { t = { label = 'wide', landscape = { 'quadratic:l2=3', "
                 "'quadratic:l2=5' } },\n"
                 "                m = { runs = { { 'gd:lr=0.02', 'adam:lr=0.1' } } } } }\n",
                 0, path, sizeof path);
    App *app = open_lesson(path, "en");
    Scene *s = app_scene(app);
    const char *own = landscape_spec(s->landscape);
    char first[256];
    snprintf(first, sizeof first, "%s", own);
    push_text("t");
    play(app, 0.1);
    assert_non_null(strstr(landscape_spec(s->landscape), "l2=3"));
    push_text("t");
    play(app, 0.1);
    assert_non_null(strstr(landscape_spec(s->landscape), "l2=5"));
    push_text("t");
    play(app, 0.1);
    assert_string_equal(landscape_spec(s->landscape), first);
    push_text("m");
    play(app, 0.1);
    assert_int_equal(s->run_count, 2);
    push_text("m");
    play(app, 0.1);
    assert_int_equal(s->run_count, 1);
    /* The help overlay lists the step's keys: a picture to look at. */
    push_text("h");
    play(app, 0.1);
    assert_true(s->display.help);
    save_screenshot(app, "lesson-player-help.png");
    app_destroy(app);
}

/* An alternative that repeats the step's own stage (sharp_flat's t lists
 * the step's noise again) is skipped, so every press changes something;
 * in a step with play = 0 a press plays the alternative. */
static void test_lesson_key_skips_repeats_and_plays(void **state)
{
    (void)state;
    char path[4096];
    write_lesson("repeats.lua",
                 "lesson { title = 'Repeats', landscape = 'quadratic' }\n"
                 "step { runs = { 'gd:lr=0.01' },\n"
                 "       keys = { t = { runs = { { 'gd:lr=0.02' }, { 'gd:lr=0.01' },\n"
                 "                               { 'gd:lr=0.02' }, { 'gd:lr=0.03' } } },\n"
                 "                w = { landscape = { 'quadratic', 'quadratic:l2=4' } } } }\n",
                 0, path, sizeof path);
    App *app = open_lesson(path, "en");
    Scene *s = app_scene(app);
    play(app, 0.5);
    assert_false(s->playing);
    assert_int_equal(updates(app, 0), 0);
    const char *cycle[] = {"gd:lr=0.02", "gd:lr=0.03", "gd:lr=0.01", "gd:lr=0.02"};
    for (size_t i = 0; i < 4; i++) {
        push_text("t");
        play(app, 0.1);
        assert_string_equal(s->runs[0].run.desc.spec, cycle[i]);
        assert_true(s->playing);
        assert_true(updates(app, 0) > 0);
    }
    assert_string_equal(s->notice, "key: 2/3"); /* the own, 0.02, 0.03 */
    push_text("w");
    play(app, 0.1);
    assert_string_equal(landscape_spec(s->landscape), "quadratic:l2=4");
    assert_string_equal(s->notice, "key: 2/2");
    push_text("w");
    play(app, 0.1);
    assert_string_equal(landscape_spec(s->landscape), "quadratic");
    app_destroy(app);
}

static void test_welcome_is_found_in_both_languages(void **state)
{
    (void)state;
    char path[4096];
    DescentError err = {""};
    if (!lesson_find("welcome", path, sizeof path, &err))
        fail_msg("%s", err.message);
    App *app = open_lesson(path, "en");
    Scene *s = app_scene(app);
    assert_non_null(strstr(s->title, "1/5  Welcome"));
    assert_true(s->caption[0] != '\0');
    assert_string_equal(s->error, "");
    play(app, 0.5);
    app_destroy(app);
    app = open_lesson(path, "zh");
    assert_non_null(strstr(app_scene(app)->title, "欢迎"));
    app_destroy(app);
}

/* Polls until a changed file is back on stage: reloads run in the
 * background, so the first poll after an edit only starts one.  The bound
 * is a hang guard, far above the load's time limit. */
static bool reloaded(App *app)
{
    for (int i = 0; i < 3000; i++) {
        if (app_poll_lesson(app))
            return true;
        usleep(10000);
    }
    return false;
}

static void test_broken_lesson_shows_error_then_reloads(void **state)
{
    (void)state;
    char path[4096];
    write_lesson("broken.lua", "lesson { title = 'Fixed', landscape = 'quadratic' }\nstep {\n",
                 0, path, sizeof path);
    App *app = open_lesson(path, "en");
    Scene *s = app_scene(app);
    char where[4200];
    snprintf(where, sizeof where, "%s:", path);
    assert_non_null(strstr(s->error, where));
    assert_false(lesson_player_ready(app_lesson(app)));
    push_key_down(SDLK_RIGHT, KMOD_NONE);
    play(app, 0.5); /* the window stays up and draws */
    assert_false(app_poll_lesson(app));

    write_lesson("broken.lua",
                 "lesson { title = 'Fixed', landscape = 'quadratic' }\n"
                 "step { caption = 'a' }\nstep { caption = 'b', runs = { 'gd' } }\n",
                 2, path, sizeof path);
    assert_true(reloaded(app));
    assert_string_equal(s->error, "");
    assert_string_equal(s->caption, "a");
    push_key_down(SDLK_RIGHT, KMOD_NONE);
    play(app, 0.1);
    assert_string_equal(s->caption, "b");

    /* An edit reloads and keeps the step shown. */
    write_lesson("broken.lua",
                 "lesson { title = 'Fixed', landscape = 'quadratic' }\n"
                 "step { caption = 'a' }\nstep { caption = 'b, edited', runs = { 'gd' } }\n",
                 4, path, sizeof path);
    assert_true(reloaded(app));
    assert_string_equal(s->title, "2/2  Fixed");
    assert_string_equal(s->caption, "b, edited");
    assert_false(app_poll_lesson(app));

    /* Broken again: the error, not the old lesson. */
    write_lesson("broken.lua", "lesson { title = 'Fixed', landscape = 'nowhere' }\n", 6, path,
                 sizeof path);
    assert_true(reloaded(app));
    assert_non_null(strstr(s->error, where));
    app_destroy(app);
}

/* An edit that would hang the program (one endless C library call, issue
 * 13) reloads in the background: the poll that starts it returns without
 * waiting, the old stage stays and draws, and the error replaces it once
 * the lesson's time is up. */
static void test_hanging_edit_never_blocks_the_window(void **state)
{
    (void)state;
    char path[4096];
    write_lesson("hanging.lua", "lesson { title = 'Calm', landscape = 'quadratic' }\n"
                 "step { caption = 'a' }\n", 0, path, sizeof path);
    App *app = open_lesson(path, "en");
    Scene *s = app_scene(app);
    write_lesson("hanging.lua", "lesson { title = 'Calm', landscape = 'quadratic' }\n"
                 "step { caption = 'a' }\ntable.move({}, 1, math.maxinteger - 1, 2)\n",
                 2, path, sizeof path);
    assert_false(app_poll_lesson(app));
    play(app, 0.3);
    assert_string_equal(s->caption, "a");
    assert_string_equal(s->error, "");
    assert_true(reloaded(app));
    char where[4200];
    snprintf(where, sizeof where, "%s:3: the lesson took too long", path);
    assert_non_null(strstr(s->error, where));
    app_destroy(app);
}

/* A lesson file deleted while it is shown: the stage and the step stay,
 * a notice says the file is gone, and the file reloads when it is back. */
static void test_deleted_lesson_stays_until_back(void **state)
{
    (void)state;
    char path[4096];
    const char text[] = "lesson { title = 'Kept', landscape = 'quadratic' }\n"
                        "step { caption = 'a' }\nstep { caption = 'b', runs = { 'gd:lr=0.001' }, play = 100000 }\n";
    write_lesson("deleted.lua", text, 0, path, sizeof path);
    App *app = open_lesson(path, "en");
    Scene *s = app_scene(app);
    push_key_down(SDLK_RIGHT, KMOD_NONE);
    play(app, 0.5);
    size_t before = updates(app, 0);
    assert_true(before > 0);

    assert_int_equal(unlink(path), 0);
    assert_false(app_poll_lesson(app));
    assert_true(lesson_player_ready(app_lesson(app)));
    assert_string_equal(s->error, "");
    assert_string_equal(s->caption, "b");
    assert_non_null(strstr(s->notice, "is gone"));
    assert_non_null(strstr(s->notice, path));
    assert_false(app_poll_lesson(app)); /* said once */
    play(app, 0.5);
    assert_true(updates(app, 0) > before); /* the stage goes on */
    push_key_down(SDLK_LEFT, KMOD_NONE);
    play(app, 0.1);
    assert_string_equal(s->caption, "a"); /* and can still be stepped through */

    write_lesson("deleted.lua",
                 "lesson { title = 'Kept', landscape = 'quadratic' }\n"
                 "step { caption = 'a, back' }\nstep { caption = 'b', runs = { 'gd' } }\n",
                 2, path, sizeof path);
    assert_true(reloaded(app));
    assert_string_equal(s->caption, "a, back");
    app_destroy(app);
}

static void test_scene_without_lesson_says_so(void **state)
{
    (void)state;
    App *app = open_lesson(NULL, NULL);
    assert_null(app_lesson(app));
    push_key_down(SDLK_RIGHT, KMOD_NONE);
    play(app, 0.1);
    assert_non_null(strstr(app_scene(app)->notice, "no lesson"));
    app_destroy(app);
}

/* The stage pieces the player stands on, without a window. */
static void test_play_for_stops_after_its_updates(void **state)
{
    (void)state;
    DescentError err = {""};
    Scene *scene = scene_create(&(SceneOptions){.landscape = "quadratic",
                                                .runs = {"gd:lr=0.01"}, .run_count = 1},
                                &err);
    assert_non_null(scene);
    /* 7 updates at 120 per second take 0.058 s; a 1 s frame must not overshoot. */
    scene_play_for(scene, 7, true);
    scene_advance(scene, 1.0);
    assert_int_equal(scene->runs[0].run.count - 1, 7);
    assert_false(scene->playing);
    assert_int_equal(scene->play_left, 0);
    /* Space after the play plays on. */
    scene_set_playing(scene, true);
    scene_advance(scene, 0.5);
    assert_int_equal(scene->runs[0].run.count - 1, 7 + 60);
    assert_true(scene->playing);
    /* A paused play waits. */
    scene_play_for(scene, 5, false);
    scene_advance(scene, 1.0);
    assert_int_equal(scene->runs[0].run.count - 1, 67);

    /* No runs asked for: none (scene_create would race its defaults). */
    SceneOptions bare = {.landscape = "rosenbrock", .has_view = true,
                         .view = {-1, 1, -0.5, 0.5}};
    unsigned serial = scene->landscape_serial;
    assert_true(scene_set_stage(scene, &bare, &err));
    assert_int_equal(scene->run_count, 0);
    assert_true(scene->landscape_serial != serial);
    assert_close(scene->view.xmin, -1.0, 0.0);
    assert_close(scene->view.ymax, 0.5, 0.0);
    SceneOptions bad = {.landscape = "nowhere"};
    assert_false(scene_set_stage(scene, &bad, &err));
    assert_int_equal(scene->run_count, 0);
    assert_close(scene->view.xmin, -1.0, 0.0);
    scene_destroy(scene);
}

int main(void)
{
    if (!mkdtemp(folder))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_play_for_stops_after_its_updates),
        cmocka_unit_test(test_steps_forward_and_back),
        cmocka_unit_test(test_network_steps),
        cmocka_unit_test(test_lesson_key_cycles),
        cmocka_unit_test(test_lesson_key_skips_repeats_and_plays),
        cmocka_unit_test(test_welcome_is_found_in_both_languages),
        cmocka_unit_test(test_broken_lesson_shows_error_then_reloads),
        cmocka_unit_test(test_hanging_edit_never_blocks_the_window),
        cmocka_unit_test(test_deleted_lesson_stays_until_back),
        cmocka_unit_test(test_scene_without_lesson_says_so),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    /* Every lesson the tests wrote, whatever its name: a list of names here
       went stale as tests were added and left the folder behind. */
    DIR *dir = opendir(folder);
    for (struct dirent *entry; dir && (entry = readdir(dir));) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", folder, entry->d_name);
        if (entry->d_name[0] != '.')
            unlink(path);
    }
    if (dir)
        closedir(dir);
    if (rmdir(folder) != 0) {
        fprintf(stderr, "test_lesson_player: %s left behind\n", folder);
        return 1;
    }
    return failed;
}
