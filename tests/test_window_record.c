/*
 * test_window_record.c — the window's 'v' key: a real
 * window records what it draws into an MP4 in --output-dir, checked with
 * ffprobe (codec, size, frame count) and against the window's own pixels
 * decoded back by ffmpeg; stopping by 'v', by a resize and by closing;
 * errors as notices with the window going on; 'p' into the same folder.
 */
#include "video_testing.h"
#include "window_testing.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record/live.h"

#define WIDTH 320
#define HEIGHT 240
#define FRAME_DT (1.0 / LIVE_RECORDING_FPS)

/* A fresh empty folder for one test's files. */
static void make_dir(char *dir, size_t size)
{
    const char *base = getenv("DESCENT_TEST_OUTPUT");
    snprintf(dir, size, "%s/window-record-XXXXXX", base ? base : "/tmp");
    assert_non_null(mkdtemp(dir));
}

static App *open_app(const char *output_dir)
{
    SceneOptions options = {.landscape = "quadratic", .run_count = 1, .runs = {"gd:lr=0.05"}};
    App *app = open_test_window(
        &options, &(AppOptions){.width = WIDTH, .height = HEIGHT, .output_dir = output_dir});
    scene_notify(app_scene(app), 0.0, "%s", "");
    return app;
}

static void frame(App *app, double dt)
{
    app_pump(app);
    app_frame(app, dt);
    app_present(app);
}

/* The names in dir but . and .. (at most max). */
static size_t list_dir(const char *dir, char names[][256], size_t max)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t count = 0;
    for (struct dirent *entry; (entry = readdir(d)) != NULL;) {
        if (entry->d_name[0] == '.')
            continue;
        assert_true(count < max);
        snprintf(names[count++], 256, "%s", entry->d_name);
    }
    closedir(d);
    return count;
}

/* dir holds exactly one file, an MP4 named by date and time: its path. */
static void only_video(const char *dir, char *path, size_t size)
{
    char names[8][256];
    size_t count = list_dir(dir, names, 8);
    if (count != 1)
        fail_msg("%s holds %zu files, expected one video", dir, count);
    size_t len = strlen(names[0]);
    assert_true(strncmp(names[0], "descent-", 8) == 0);
    assert_true(len > 4 && strcmp(names[0] + len - 4, ".mp4") == 0);
    snprintf(path, size, "%s/%s", dir, names[0]);
}

static void remove_all(const char *dir)
{
    char names[8][256], path[4400];
    size_t count = list_dir(dir, names, 8);
    for (size_t i = 0; i < count; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        assert_int_equal(remove(path), 0);
    }
    assert_int_equal(rmdir(dir), 0);
}

/* 'v', 30 frames a video frame apart, 'v': a one-second H.264 video of the
 * window's size whose first frame is what the window drew first. */
static void test_v_records_what_is_drawn(void **state)
{
    (void)state;
    char dir[4096];
    make_dir(dir, sizeof dir);
    App *app = open_app(dir);
    push_text("v");
    frame(app, 0.5);  /* before the press: not part of the video */
    assert_true(app_recording(app));
    uint8_t *first = malloc((size_t)WIDTH * HEIGHT * 4);
    assert_non_null(first);
    app_read_pixels(app, first);
    /* The badge's red dot is in the window, in the top middle. */
    int red = 0;
    for (int y = 0; y < 50; y++)
        for (int x = WIDTH / 2 - 100; x < WIDTH / 2 + 100; x++) {
            const uint8_t *p = first + ((size_t)y * WIDTH + (size_t)x) * 4;
            red += p[0] > 200 && p[1] < 60 && p[2] < 60;
        }
    assert_true(red > 20);
    for (int i = 1; i < 30; i++)
        frame(app, FRAME_DT);
    push_text("v");
    frame(app, FRAME_DT);
    assert_false(app_recording(app));

    char path[4400];
    only_video(dir, path, sizeof path);
    char expected[4600];
    snprintf(expected, sizeof expected, "recorded %s (1.0 s)", path);
    assert_string_equal(app_scene(app)->notice, expected);
    VideoProbe p = probe_video(path);
    assert_string_equal(p.codec, "h264");
    assert_int_equal(p.width, WIDTH);
    assert_int_equal(p.height, HEIGHT);
    assert_int_equal(p.frames, 30);

    /* Lossy, so compared on average: a flipped or shifted read-back differs
     * by far more (the heatmap is not symmetric). */
    uint8_t *decoded = malloc((size_t)WIDTH * HEIGHT * 3);
    assert_non_null(decoded);
    assert_int_equal(decode_rgb(path, 1, decoded, (size_t)WIDTH * HEIGHT * 3),
                     (size_t)WIDTH * HEIGHT * 3);
    double difference = 0.0;
    for (size_t i = 0; i < (size_t)WIDTH * HEIGHT; i++)
        for (int c = 0; c < 3; c++)
            difference += abs((int)decoded[i * 3 + c] - (int)first[i * 4 + c]);
    difference /= (double)WIDTH * HEIGHT * 3;
    if (!(difference <= 6.0))
        fail_msg("first video frame differs from the window by %.2f per channel", difference);
    /* ... but not the badge: nothing red where the window has its dot. */
    int video_red = 0;
    for (int y = 0; y < 50; y++)
        for (int x = WIDTH / 2 - 100; x < WIDTH / 2 + 100; x++) {
            const uint8_t *q = decoded + ((size_t)y * WIDTH + (size_t)x) * 3;
            video_red += q[0] > 200 && q[1] < 60 && q[2] < 60;
        }
    assert_int_equal(video_red, 0);
    free(decoded);
    free(first);
    app_destroy(app);
    remove_all(dir);
}

/* A stalled frame covers several video frames: the video keeps real time. */
static void test_stalled_frames_repeat(void **state)
{
    (void)state;
    char dir[4096];
    make_dir(dir, sizeof dir);
    App *app = open_app(dir);
    push_text("v");
    frame(app, FRAME_DT);
    frame(app, 0.1);  /* 3 video frames */
    frame(app, 0.001);
    frame(app, 0.04);   /* 0.141 s: frame 4 (at 0.133 s) is due */
    push_text("v");
    frame(app, 0.0);
    char path[4400];
    only_video(dir, path, sizeof path);
    assert_int_equal(probe_video(path).frames, 5);
    app_destroy(app);
    remove_all(dir);
}

/* Resizing stops the recording with a complete file; it does not restart. */
static void test_resize_stops(void **state)
{
    (void)state;
    char dir[4096];
    make_dir(dir, sizeof dir);
    App *app = open_app(dir);
    push_text("v");
    for (int i = 0; i < 5; i++)
        frame(app, FRAME_DT);
    SDL_SetWindowSize(app_window(app), 200, 160);
    frame(app, FRAME_DT);
    assert_false(app_recording(app));
    const char *notice = app_scene(app)->notice;
    assert_true(strncmp(notice, "the window changed size: recorded ", 34) == 0);
    char path[4400];
    only_video(dir, path, sizeof path);
    VideoProbe p = probe_video(path);
    assert_int_equal(p.width, WIDTH);
    assert_int_equal(p.frames, 5);
    app_destroy(app);
    remove_all(dir);
}

/* Closing the window finishes the file. */
static void test_close_finishes(void **state)
{
    (void)state;
    char dir[4096];
    make_dir(dir, sizeof dir);
    App *app = open_app(dir);
    push_text("v");
    for (int i = 0; i < 3; i++)
        frame(app, FRAME_DT);
    app_destroy(app);
    char path[4400];
    only_video(dir, path, sizeof path);
    assert_int_equal(probe_video(path).frames, 3);
    remove_all(dir);
}

/* No ffmpeg, or a folder that is not there: a notice, and the window
 * draws on; 'v' can be pressed again. */
static void test_errors_are_notices(void **state)
{
    (void)state;
    App *app = open_app("/nonexistent-descent-dir");
    push_text("v");
    frame(app, FRAME_DT);
    assert_false(app_recording(app));
    assert_true(strncmp(app_scene(app)->notice, "cannot record: ", 15) == 0);
    assert_non_null(strstr(app_scene(app)->notice, "/nonexistent-descent-dir"));
    app_destroy(app);

    char dir[4096];
    make_dir(dir, sizeof dir);
    char *path = getenv("PATH");
    char *saved = path ? strdup(path) : NULL;
    assert_int_equal(setenv("PATH", dir, 1), 0);
    app = open_app(dir);
    push_text("v");
    frame(app, FRAME_DT);
    assert_false(app_recording(app));
    assert_string_equal(app_scene(app)->notice,
                        "cannot record: ffmpeg not found on PATH (install ffmpeg)");
    frame(app, FRAME_DT);
    if (saved)
        assert_int_equal(setenv("PATH", saved, 1), 0);
    free(saved);
    push_text("v");
    frame(app, FRAME_DT);
    assert_true(app_recording(app));
    push_text("v");
    frame(app, FRAME_DT);
    assert_false(app_recording(app));
    app_destroy(app);
    remove_all(dir);
}

/* 'p' saves into --output-dir too. */
static void test_screenshot_in_output_dir(void **state)
{
    (void)state;
    char dir[4096];
    make_dir(dir, sizeof dir);
    App *app = open_app(dir);
    push_text("p");
    frame(app, 0.0);
    const char *notice = app_scene(app)->notice;
    assert_true(strncmp(notice, "saved ", 6) == 0);
    assert_true(strncmp(notice + 6, dir, strlen(dir)) == 0);
    assert_int_equal(access(notice + 6, R_OK), 0);
    app_destroy(app);
    remove_all(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_v_records_what_is_drawn),
        cmocka_unit_test(test_stalled_frames_repeat),
        cmocka_unit_test(test_resize_stops),
        cmocka_unit_test(test_close_finishes),
        cmocka_unit_test(test_errors_are_notices),
        cmocka_unit_test(test_screenshot_in_output_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
