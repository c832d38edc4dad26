/*
 * test_window_huge.c — a window made huge (16000 x 16000 asked, as
 * `xdotool windowsize` can) still draws a right picture at a bounded
 * cost, also when it grows between the size check and the drawing
 * (issue 13, 5).  Its own executable, so that the memory it checks
 * is this window's alone.  The frame's time and the process's resident
 * memory are printed, not asserted (speed is measured, never tested).
 */
#include "window_testing.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scene/viewport.h"

/* Generous: measured 756 MB (the window's own 8192 x 8192 buffers are
 * most of it), 913 MB when the frame was drawn at the drawable's size,
 * 3.2 GB before the drawable was bounded to 8192 a side (issue 13). */
#define RESIDENT_LIMIT_MB 1200.0

/* A line of /proc/self/status ("VmRSS", "VmHWM") in MB; 0 where absent. */
static double status_mb(const char *field)
{
    FILE *file = fopen("/proc/self/status", "r");
    if (!file)
        return 0.0;
    char line[256];
    double kb = 0.0;
    size_t n = strlen(field);
    while (fgets(line, sizeof line, file))
        if (strncmp(line, field, n) == 0 && line[n] == ':')
            sscanf(line + n + 1, "%lf", &kb);
    fclose(file);
    return kb / 1024.0;
}

static void test_huge_window_draws(void **state)
{
    (void)state;
    SceneOptions options = {.landscape = "quadratic", .run_count = 1, .runs = {"gd:lr=0.05"},
                            .has_start = true, .start = {2.0, 1.5}, .has_view = true,
                            .view = {-3, 3, -2, 2}};
    App *app = open_test_window(&options, &(AppOptions){.width = 640, .height = 400});
    scene_notify(app_scene(app), 0.0, "%s", "");
    push_key(SDLK_1, KMOD_LSHIFT);
    free(draw_frame(app, 0.0).rgba);
    SDL_SetWindowSize(app_window(app), 16000, 16000);
    app_pump(app);
    /* The first frame at the new size paints the landscape afresh; the
     * next only draws it again. */
    double seconds[2];
    for (int i = 0; i < 2; i++) {
        Uint64 start = SDL_GetPerformanceCounter();
        app_frame(app, 0.0);
        app_present(app);
        seconds[i] = (double)(SDL_GetPerformanceCounter() - start) /
                     (double)SDL_GetPerformanceFrequency();
        /* The notice that the window was bounded is not this test's business. */
        scene_notify(app_scene(app), 0.0, "%s", "");
    }
    /* Before the test's own copy of the frame is read back. */
    double resident = status_mb("VmHWM");
    Frame f = draw_frame(app, 0.0);
    printf("# frames at %dx%d drawn and shown in %.2f s (the first) and %.2f s (the next); "
           "resident memory at most %.0f MB\n",
           f.width, f.height, seconds[0], seconds[1], resident);
    assert_true(f.width > 4000 && f.height > 4000);
    assert_true(resident < RESIDENT_LIMIT_MB);
    /* The viewport is in the frame's pixels; f is the drawable, scaled up. */
    int frame_w, frame_h;
    app_frame_size(app, &frame_w, &frame_h);
    double up = (double)f.width / frame_w;
    Viewport vp = app_viewport(app);
    double fx, fy;
    viewport_to_pixel(&vp, 0.0, 0.0, &fx, &fy);
    fx *= up, fy *= up;
    double low[3];
    colormap_entry("viridis", 0, low);
    uint8_t rgb[3];
    for (int k = 0; k < 3; k++)
        rgb[k] = (uint8_t)lround(low[k] * 255.0);
    const uint8_t *p = pixel(&f, (int)fx, (int)fy);
    if (channel_distance(p, rgb) > 3)
        fail_msg("pixel at the minimum is %d,%d,%d; viridis starts at %d,%d,%d", p[0], p[1],
                 p[2], rgb[0], rgb[1], rgb[2]);
    /* ...and the view's corner, high on the bowl, is not. */
    double cx, cy;
    viewport_to_pixel(&vp, 2.8, -1.8, &cx, &cy);
    assert_true(channel_distance(pixel(&f, (int)(cx * up), (int)(cy * up)), rgb) > 60);
    free(f.rgba);

    /* A click lands where it is on the scaled picture: the run starts at
     * the clicked point of the plane (to within a frame pixel), and its
     * head is drawn there. */
    int points_w, points_h;
    SDL_GetWindowSize(app_window(app), &points_w, &points_h);
    assert_true(frame_w * (double)frame_h <= APP_FRAME_PIXELS_MAX);
    viewport_to_pixel(&vp, 1.0, -1.0, &fx, &fy);
    fx *= up, fy *= up;
    int click_x = (int)lround(fx * points_w / f.width), click_y = (int)lround(fy * points_h / f.height);
    push_key(SDLK_1, KMOD_LSHIFT);
    push_button(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, click_x, click_y);
    push_button(SDL_MOUSEBUTTONUP, SDL_BUTTON_LEFT, click_x, click_y);
    Frame clicked = draw_frame(app, 0.0);
    save_screenshot(app, "window-huge-click.png");
    const Run *run = &app_scene(app)->runs[0].run;
    double frame_pixel = 6.0 / frame_w;
    assert_close(run->path[0].x, 1.0, 2.0 * frame_pixel);
    assert_close(run->path[0].y, -1.0, 2.0 * frame_pixel);
    static const uint8_t orange[3] = {0xE6, 0x9F, 0x00}; /* Okabe–Ito, run 1 */
    p = pixel(&clicked, (int)fx, (int)fy);
    if (channel_distance(p, orange) > 30)
        fail_msg("head marker pixel is %d,%d,%d, not orange", p[0], p[1], p[2]);
    free(clicked.rgba);
    app_destroy(app);
}

/* Another client grows the window right after the size was checked and
 * a frame drawn (the race left by checking before each frame: issue 13,
 * 5).  The driver must not see that size: reading the window back before
 * any new check finds it as drawn.  Before the drawable was a child window
 * only descent sizes, llvmpipe sized its buffers to 32767x32767 here and
 * crashed (its buffer size overflows 32 bits). */
static void test_grown_after_the_check(void **state)
{
    (void)state;
    SceneOptions options = {.landscape = "quadratic", .run_count = 1, .runs = {"gd:lr=0.05"}};
    App *app = open_test_window(&options, &(AppOptions){.width = 640, .height = 400});
    free(draw_frame(app, 0.0).rgba);
    /* Under X11 SDL resizes the window on the server at once, as another
     * client would. */
    SDL_SetWindowSize(app_window(app), 32767, 32767);
    Frame grown = read_frame(app);
    assert_int_equal(grown.width, 640);
    assert_int_equal(grown.height, 400);
    free(grown.rgba);
    /* The next frame's check shrinks the window to the limit. */
    Frame next = draw_frame(app, 0.0);
    assert_true(next.width <= 8192 && next.height <= 8192 && next.width > 640);
    free(next.rgba);
    app_destroy(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_huge_window_draws),
        cmocka_unit_test(test_grown_after_the_check),
    };
    return cmocka_run_group_tests(tests, keep_video_open, close_video);
}
