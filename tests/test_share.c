/*
 * test_share.c — a scene written as a command line (scene_command_line, the
 * window's 's') reopens as the same scene.
 *
 * Each scene is changed the ways the window changes it (a click moves every
 * start, [ ] rewrites a run's spec, the wheel zooms), written out, split
 * into words as a POSIX shell would (wordexp), parsed back by the command
 * line's own parser (cli_scene_option) and built again with scene_create.
 * The two must agree on the landscape, start, view, seed, particles and
 * theme, and their runs must walk the same paths bit for bit.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wordexp.h>

#include "cli.h"
#include "scene/scene.h"
#include "scene/scene_share.h"

#define STEPS 150

/* Writes scene as a line, checks its first word, and builds it again. */
static Scene *reopen(const Scene *scene, char *line, size_t size)
{
    assert_true(scene_command_line(scene, line, size));
    wordexp_t words;
    assert_int_equal(wordexp(line, &words, WRDE_NOCMD | WRDE_UNDEF | WRDE_SHOWERR), 0);
    assert_true(words.we_wordc > 1);
    assert_string_equal(words.we_wordv[0], "descent");
    SceneOptions options = {0};
    int argc = (int)words.we_wordc - 1;
    char **argv = words.we_wordv + 1;
    for (int i = 0; i < argc;) {
        int taken = cli_scene_option(&options, argc, argv, &i);
        assert_int_equal(taken ? taken : cli_network_option(&options, argc, argv, &i), 1);
    }
    DescentError err = {""};
    Scene *copy = scene_create(&options, &err);
    if (!copy)
        fail_msg("%s: %s", line, err.message);
    wordfree(&words);
    return copy;
}

static void assert_same_bits(double a, double b)
{
    assert_memory_equal(&a, &b, sizeof a);
}

/* Same stage, and STEPS updates later the same paths. */
static void assert_same_scene(Scene *a, Scene *b)
{
    assert_string_equal(landscape_spec(a->landscape), landscape_spec(b->landscape));
    assert_same_bits(a->start.x, b->start.x);
    assert_same_bits(a->start.y, b->start.y);
    assert_memory_equal(&a->view, &b->view, sizeof a->view);
    assert_int_equal(a->has_seed, b->has_seed);
    assert_int_equal(a->seed, b->seed);
    assert_int_equal(a->particles, b->particles);
    assert_int_equal(a->display.theme, b->display.theme);
    assert_int_equal(a->display.projector, b->display.projector);
    assert_int_equal(a->run_count, b->run_count);
    scene_step(a, STEPS);
    scene_step(b, STEPS);
    for (size_t i = 0; i < a->run_count; i++) {
        const Run *ra = &a->runs[i].run, *rb = &b->runs[i].run;
        assert_same_bits(a->runs[i].x0, b->runs[i].x0);
        assert_same_bits(a->runs[i].y0, b->runs[i].y0);
        assert_int_equal(ra->count, rb->count);
        assert_memory_equal(ra->path, rb->path, ra->count * sizeof *ra->path);
    }
    assert_int_equal(a->swarm != NULL, b->swarm != NULL);
    if (a->swarm)
        assert_memory_equal(swarm_positions(a->swarm), swarm_positions(b->swarm),
                            2 * swarm_count(a->swarm) * sizeof(float));
}

static Scene *make(const SceneOptions *options)
{
    DescentError err = {""};
    Scene *scene = scene_create(options, &err);
    if (!scene)
        fail_msg("%s", err.message);
    return scene;
}

static void test_welcome_clicked_and_changed(void **state)
{
    (void)state;
    Scene *scene = make(&(SceneOptions){0});
    scene_start_at(scene, 0.30000000000000004, -0.7);
    scene_select(scene, 1);
    DescentError err = {""};
    assert_true(scene_scale_lr(scene, 1.25, &err));
    scene_zoom(scene, 0.1, 0.2, 0.85);
    char line[SCENE_COMMAND_LINE_MAX];
    Scene *copy = reopen(scene, line, sizeof line);
    assert_non_null(strstr(line, "momentum:lr=0.000625"));
    assert_same_scene(scene, copy);
    scene_destroy(copy);
    scene_destroy(scene);
}

static void test_own_starts_quotes_seed_particles_theme(void **state)
{
    (void)state;
    SceneOptions o = {.landscape = "expr:(x - 1)^2 + 3*y^2 - 0.5*x*y",
                      .runs = {"adam:lr=0.05,x0=1.5,y0=-2", "sgd:lr=0.02,noise=0.5"},
                      .run_count = 2, .has_seed = true, .seed = 42, .particles = 16,
                      .theme = SCENE_THEME_LIGHT, .projector = true,
                      .has_start = true, .start = {-2.5, 1.0 / 3.0}};
    Scene *scene = make(&o);
    char line[SCENE_COMMAND_LINE_MAX];
    Scene *copy = reopen(scene, line, sizeof line);
    assert_non_null(strstr(line, "'expr:(x - 1)^2 + 3*y^2 - 0.5*x*y'"));
    assert_same_scene(scene, copy);
    scene_destroy(copy);
    scene_destroy(scene);
}

static void test_sweep_stays_a_sweep_until_changed(void **state)
{
    (void)state;
    SceneOptions o = {.landscape = "rosenbrock", .runs = {"gd:x0=-1,y0=1.5"}, .run_count = 1,
                      .sweep = "lr=0.0002:0.002:5"};
    Scene *scene = make(&o);
    char line[SCENE_COMMAND_LINE_MAX];
    Scene *copy = reopen(scene, line, sizeof line);
    assert_non_null(strstr(line, "--sweep lr=0.0002:0.002:5"));
    assert_int_equal(copy->sweep.count, 5);
    assert_same_scene(scene, copy);
    scene_destroy(copy);

    scene_select(scene, 2);
    DescentError err = {""};
    assert_true(scene_scale_lr(scene, 0.8, &err));
    scene_reset(scene); /* the line holds where runs start, not how far they went */
    copy = reopen(scene, line, sizeof line);
    assert_null(strstr(line, "--sweep"));
    assert_same_scene(scene, copy);
    scene_destroy(copy);
    scene_destroy(scene);
}

/* Every key that rewrites a run's spec, pressed many times (values far
 * from round ones), on a noisy run with a cloud: the line still reopens the
 * same scene. */
static void test_many_changes_reopen_the_same_scene(void **state)
{
    (void)state;
    SceneOptions o = {.landscape = "logreg:n=40,seed=3",
                      .runs = {"adam:lr=0.0123456789,batch=8,seed=5", "sgd:lr=0.03,noise=0.7"},
                      .run_count = 2, .particles = 8};
    Scene *scene = make(&o);
    DescentError err = {""};
    for (int k = 0; k < 7; k++) {
        scene_select(scene, 0);
        assert_true(scene_scale_lr(scene, 1.25, &err));
        assert_true(scene_scale_momentum(scene, k % 3 != 0, &err));
        assert_true(scene_scale_second_moment(scene, k % 2 == 0, &err));
        assert_true(scene_scale_batch(scene, k % 2 ? 2.0 : 0.5, &err));
        scene_select(scene, 1);
        assert_true(scene_scale_noise(scene, 1.5, &err));
        assert_true(scene_scale_lr(scene, 1 / 1.25, &err));
    }
    scene_reset(scene);
    char line[SCENE_COMMAND_LINE_MAX];
    Scene *copy = reopen(scene, line, sizeof line);
    assert_same_scene(scene, copy);
    scene_destroy(copy);
    scene_destroy(scene);
}

static void test_too_small_a_buffer_is_refused(void **state)
{
    (void)state;
    Scene *scene = make(&(SceneOptions){0});
    char line[32];
    assert_false(scene_command_line(scene, line, sizeof line));
    assert_int_equal(strlen(line), sizeof line - 1);
    scene_destroy(scene);
}

/* Parses args (words split at spaces) with the command line's parsers (the
 * scene options' and the network's) and writes the scene back: marks in
 * printed[] the table's rows whose name the line holds, and fails on a
 * "--" word of the line that is neither a network option nor a row with a
 * printer. */
static void print_and_mark(const char *args, bool *printed)
{
    char text[512], *argv[64];
    int argc = 0;
    snprintf(text, sizeof text, "%s", args);
    for (char *word = strtok(text, " "); word && argc < 64; word = strtok(NULL, " "))
        argv[argc++] = word;
    SceneOptions options = {0};
    for (int i = 0; i < argc;) {
        int taken = cli_scene_option(&options, argc, argv, &i);
        assert_int_equal(taken ? taken : cli_network_option(&options, argc, argv, &i), 1);
    }
    Scene *scene = make(&options);
    char line[SCENE_COMMAND_LINE_MAX];
    assert_true(scene_command_line(scene, line, sizeof line));
    size_t count;
    const SceneOptionDef *defs = scene_option_defs(&count);
    for (char *word = strtok(line, " "); word; word = strtok(NULL, " ")) {
        if (strncmp(word, "--", 2) != 0)
            continue;
        size_t k = 0;
        while (k < count && strcmp(defs[k].name, word) != 0)
            k++;
        /* The network's own options are src/cli.c's table's. */
        bool network = strcmp(word, "--model") == 0 || strcmp(word, "--data") == 0 ||
                       strcmp(word, "--init-seed") == 0;
        if (network)
            continue;
        if (k == count || !defs[k].print)
            fail_msg("the line writes %s, which is no printed option of the table", word);
        printed[k] = true;
    }
    scene_destroy(scene);
}

/* One table parses, prints and lists the scene options: every row a scene
 * can print is printed by one of three scenes that use every option (--3d
 * and --camera, --sweep and several runs, a network and a landscape
 * exclude each other, --slice needs a network), and --help
 * lists every row with its value's form. */
static void test_one_table_parses_prints_and_helps(void **state)
{
    (void)state;
    size_t count;
    const SceneOptionDef *defs = scene_option_defs(&count);
    bool printed[64] = {false};
    assert_true(count <= 64);
    print_and_mark("--landscape quadratic --opt gd --opt=sgd:noise=0.5 --start 1,2 "
                   "--view -3,3,-3,3 --seed 5 --particles 10 --theme light --projector "
                   "--camera 10,30,2 --speed 2 --lang en", printed);
    print_and_mark("--opt gd --sweep lr=0.01:0.1:3 --3d --experiment catapult", printed);
    print_and_mark("--model mlp:layers=2-4-2 --data moons:n=20 --opt gd --representation 1 "
                   "--ensemble 2", printed);
    print_and_mark("--model mlp:layers=2-4-2 --data moons:n=20 --opt gd --slice random", printed);
    char *help = NULL;
    size_t help_size = 0;
    FILE *out = open_memstream(&help, &help_size);
    assert_non_null(out);
    fputc('\n', out);
    cli_print_scene_options(out);
    fclose(out);
    for (size_t k = 0; k < count; k++) {
        if (defs[k].print && !printed[k])
            fail_msg("%s is never printed", defs[k].name);
        char expected[96];
        snprintf(expected, sizeof expected, "\n  %s%s%s", defs[k].name, defs[k].arg ? " " : "",
                 defs[k].arg ? defs[k].arg : "");
        if (!strstr(help, expected))
            fail_msg("--help does not list %s", expected + 1);
    }
    free(help);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_welcome_clicked_and_changed),
        cmocka_unit_test(test_own_starts_quotes_seed_particles_theme),
        cmocka_unit_test(test_sweep_stays_a_sweep_until_changed),
        cmocka_unit_test(test_many_changes_reopen_the_same_scene),
        cmocka_unit_test(test_too_small_a_buffer_is_refused),
        cmocka_unit_test(test_one_table_parses_prints_and_helps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
