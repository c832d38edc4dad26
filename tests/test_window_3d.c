/*
 * test_window_3d.c — the 3D view in the real window (SDL's offscreen
 * driver or Xvfb), driven by pushed SDL events: Tab and --3d, the surface
 * and what rides on it, the orbit camera, and 2D left exactly as it was.
 * Expected colours come from the colormap asset and the Okabe–Ito
 * definition; positions on the surface are checked by picking them back
 * through the pointer (a ray march), independent of the projection that
 * placed them.  Screenshots go to $DESCENT_TEST_OUTPUT (or the current
 * folder) as window-3d-DRIVER-NAME.png.
 */
#include "window_testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_internal.h"
#include "scene/scene_share.h"

#define WIDTH 900
#define HEIGHT 640

static const uint8_t orange[3] = {0xE6, 0x9F, 0x00}; /* Okabe–Ito, run 1 */

/* A window on the quadratic bowl (or landscape) with runs, in 3D or not. */
static App *open_app(const char *landscape, const char *const *runs, size_t run_count,
                     bool view3d)
{
    SceneOptions options = {.landscape = landscape, .run_count = run_count, .view3d = view3d,
                            .has_start = true, .start = {2.0, 1.5}};
    for (size_t i = 0; i < run_count; i++)
        options.runs[i] = runs[i];
    return open_test_window(&options, &(AppOptions){.width = WIDTH, .height = HEIGHT});
}

/* Handles pending events, then draws one frame (advancing dt) without any
 * notice on it, and reads it back. */
static Frame draw(App *app, double dt)
{
    app_pump(app);
    scene_notify(app_scene(app), 0.0, "%s", "");
    app_frame(app, dt);
    Frame f = read_frame(app);
    app_present(app);
    return f;
}

/* Pixels whose colour differs by more than 24 in some channel. */
static long pixels_changed(const Frame *a, const Frame *b)
{
    long n = 0;
    for (int y = 0; y < a->height; y++)
        for (int x = 0; x < a->width; x++)
            n += channel_distance(pixel(a, x, y), pixel(b, x, y)) > 24;
    return n;
}

static bool same_frame(const Frame *a, const Frame *b)
{
    return a->width == b->width && a->height == b->height &&
           memcmp(a->rgba, b->rgba, (size_t)a->width * (size_t)a->height * 4) == 0;
}

/* The left-button drag from (x0, y0) to (x1, y1) in four moves. */
static void push_drag(int x0, int y0, int x1, int y1)
{
    push_button(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, x0, y0);
    for (int k = 1; k <= 4; k++)
        push_motion(x0 + (x1 - x0) * k / 4, y0 + (y1 - y0) * k / 4, 0, 0);
    push_button(SDL_MOUSEBUTTONUP, SDL_BUTTON_LEFT, x1, y1);
}

/* The colour's hue and saturation alone, as shares of its sum: lighting
 * scales brightness, not these. */
static void chroma(double r, double g, double b, double dest[3])
{
    double sum = r + g + b + 1e-9;
    dest[0] = r / sum;
    dest[1] = g / sum;
    dest[2] = b / sum;
}

static double chroma_distance(const double a[3], const double b[3])
{
    return fabs(a[0] - b[0]) + fabs(a[1] - b[1]) + fabs(a[2] - b[2]);
}

/* The centroid of the pixels within 12 of colour in a square of radius
 * 40 around (cx, cy), and how many there were. */
static long find_colour(const Frame *f, const uint8_t colour[3], int cx, int cy, double *x,
                        double *y)
{
    long n = 0;
    double sx = 0, sy = 0;
    for (int j = cy - 40; j <= cy + 40; j++)
        for (int i = cx - 40; i <= cx + 40; i++)
            if (i >= 0 && j >= 0 && i < f->width && j < f->height &&
                channel_distance(pixel(f, i, j), colour) <= 12) {
                sx += i + 0.5;
                sy += j + 0.5;
                n++;
            }
    *x = n ? sx / n : -1;
    *y = n ? sy / n : -1;
    return n;
}

/* ------------------------------------------------------------------------ */

/* The middle of the map: where the panels leave room, the box fitted into
 * it (camera.h). */
static void map_middle(const App *app, int *x, int *y)
{
    Viewport vp = app_viewport(app);
    *x = (int)(vp.x + 0.5 * vp.width);
    *y = (int)(vp.y + 0.5 * vp.height);
}

/* --3d opens on the surface: it covers the middle of the map, the
 * corners show the plain background around the box, and the surface
 * shades and contours (many distinct colours, not a flat fill). */
static void test_surface_fills_the_middle(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.05"};
    App *app = open_app("quadratic", runs, 1, true);
    Frame f = draw(app, 0.0);
    save_named_screenshot(app, "window-3d", "bowl");
    Viewport vp = app_viewport(app);
    int mx, my;
    map_middle(app, &mx, &my);
    const uint8_t *corner = pixel(&f, f.width - 3, 2);
    assert_int_equal(channel_distance(corner, pixel(&f, 2, f.height - 3)), 0);
    /* 20 pixels left of the middle: the bowl's minimum, its ring's dark
     * casing, lies at the middle itself. */
    assert_true(channel_distance(pixel(&f, mx - 20, my), corner) > 25);
    long covered = 0, total = 0;
    int x0 = (int)(vp.x + vp.width / 3), y0 = (int)(vp.y + vp.height / 3);
    for (int y = y0; y < y0 + (int)(vp.height / 3); y += 2)
        for (int x = x0; x < x0 + (int)(vp.width / 3); x += 2, total++)
            covered += channel_distance(pixel(&f, x, y), corner) > 20;
    assert_true(covered > 9 * total / 10);
    /* Shading and contours: neighbouring rows along the middle column
     * change colour often. */
    int changes = 0;
    for (int y = y0; y < y0 + (int)(vp.height / 3); y++)
        changes += channel_distance(pixel(&f, mx, y), pixel(&f, mx, y + 1)) > 0;
    assert_true(changes > vp.height / 12);
    free(f.rgba);
    app_destroy(app);
}

/* Whether text is one of L's values, each named: "L = 1.22" (the
 * formula "L = x^2+…" is not). */
static bool height_value(const char *text)
{
    char *end;
    if (strncmp(text, "L = ", 4) != 0)
        return false;
    strtod(text + 4, &end);
    return end != text + 4 && *end == '\0';
}

/* The texts a frame draws that name the box's axes or give a value on
 * them: flags for "x", "y", L's values, "0" (a tick where the floor's
 * ranges cross zero), "-2" and "2" (the floor's ends). */
static void watch_axis_texts(void *context, const char *utf8, LayoutRect box, int px)
{
    (void)px;
    (void)box;
    static const char *const names[] = {"x", "y", NULL, "0", "-2", "2"};
    for (int k = 0; k < 6; k++)
        ((bool *)context)[k] |= names[k] ? strcmp(utf8, names[k]) == 0 : height_value(utf8);
}

/* How many times a frame drew "0". */
static void count_zeros(void *context, const char *utf8, LayoutRect box, int px)
{
    (void)px;
    (void)box;
    *(int *)context += strcmp(utf8, "0") == 0;
}

/* With the axes on (a lesson that cites coordinates), the box carries them
 * in 3D (issue 12: saddle 1's "y = ±1" could not be found on the surface):
 * x and y along the floor, L up an edge, with values; without, none. */
static void test_box_axes(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.05"};
    App *app = open_app("saddle", runs, 1, true);
    Scene *scene = app_scene(app);
    push_key(SDLK_SPACE, KMOD_NONE);
    bool seen[6] = {false};
    renderer_observe_text(app->renderer, watch_axis_texts, seen);
    free(draw(app, 0.0).rgba);
    for (int k = 0; k < 3; k++) /* the names ("0" is on the loss plot too) */
        assert_false(seen[k]);
    seen[3] = false;
    scene->display.axes = true;
    free(draw(app, 0.0).rgba);
    save_named_screenshot(app, "window-3d", "axes");
    renderer_observe_text(app->renderer, NULL, NULL);
    for (int k = 0; k < 4; k++)
        assert_true(seen[k]);
    /* Near, both floor edges say their middle value 0 (the loss plot's
     * x axis says the third, the colour bar's middle tick the fourth: the
     * saddle's range, -3.97 to 3.97, is even about 0). */
    int zeros = 0;
    renderer_observe_text(app->renderer, count_zeros, &zeros);
    free(draw(app, 0.0).rgba);
    renderer_observe_text(app->renderer, NULL, NULL);
    assert_int_equal(zeros, 4);
    /* Seen from afar at --projector, the floor's edges are shorter than
     * the ticks' spacing: they still say their ends' values (±2 here;
     * saddle 1's y = ±1 went missing so at 1280x720 --projector), not
     * none. */
    scene->display.projector = true;
    scene->display.camera.distance = SCENE_DISTANCE_MAX;
    memset(seen, 0, sizeof seen);
    renderer_observe_text(app->renderer, watch_axis_texts, seen);
    free(draw(app, 0.0).rgba);
    save_named_screenshot(app, "window-3d", "axes-afar");
    renderer_observe_text(app->renderer, NULL, NULL);
    assert_true(seen[4] && seen[5]);
    /* There the edges' 0s, crowded between their ends, are left out: they
     * had pushed the values one under another, away from their ticks (the
     * loss plot's and the colour bar's remain). */
    zeros = 0;
    renderer_observe_text(app->renderer, count_zeros, &zeros);
    free(draw(app, 0.0).rgba);
    renderer_observe_text(app->renderer, NULL, NULL);
    assert_int_equal(zeros, 2);
    app_destroy(app);
}

/* Seen from straight above, the bowl's minimum (the middle of the box)
 * has the colormap's low end, up to the light's brightness, and the
 * high rim its top end; the minimum's ring is drawn around it. */
static void test_minimum_is_low_end(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.05"};
    App *app = open_app("quadratic", runs, 1, true);
    Scene *scene = app_scene(app);
    scene->runs[0].hidden = true;
    scene->display.camera = (SceneCamera){.yaw = 0.0, .pitch = SCENE_PITCH_MAX, .distance = 1.0};
    Frame f = draw(app, 0.0);
    save_named_screenshot(app, "window-3d", "above");
    double low[3], high[3], seen[3], low_c[3], high_c[3];
    colormap_entry("viridis", 0, low);
    colormap_entry("viridis", 255, high);
    chroma(low[0], low[1], low[2], low_c);
    chroma(high[0], high[1], high[2], high_c);
    int mx, my;
    map_middle(app, &mx, &my);
    const uint8_t *p = pixel(&f, mx, my);
    chroma(p[0], p[1], p[2], seen);
    if (chroma_distance(seen, low_c) > 0.08)
        fail_msg("minimum pixel %d,%d,%d is not viridis' low end %.0f,%.0f,%.0f in hue", p[0],
                 p[1], p[2], 255 * low[0], 255 * low[1], 255 * low[2]);
    assert_true(chroma_distance(seen, high_c) > 0.5);
    /* The ring: white a few pixels out from the minimum, on some side. */
    int white = 0;
    for (int r = 5; r <= 9; r++) {
        const uint8_t *q = pixel(&f, mx + r, my);
        white += q[0] > 200 && q[1] > 200 && q[2] > 200;
    }
    assert_true(white > 0);
    free(f.rgba);
    app_destroy(app);
}

/* A run's head is drawn in its colour where the surface is: picking the
 * pixel at the head's centre (the pointer's ray marched onto the mesh)
 * finds the head's own point of the plane. */
static void test_head_rides_on_surface(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.02"};
    App *app = open_app("quadratic", runs, 1, true);
    push_key(SDLK_SPACE, KMOD_NONE);
    Frame f = draw(app, 0.0);
    save_named_screenshot(app, "window-3d", "head");
    Scene *scene = app_scene(app);
    assert_int_equal(run_steps(&scene->runs[0].run), 0);
    /* Paused at its start, the run has no path yet: the only orange in
     * the middle of the frame (away from the legend's and the plot's) is
     * the head's disc. */
    double hx = -1, hy = -1;
    long best = 0;
    for (int cy = f.height / 5; cy < 4 * f.height / 5; cy += 40)
        for (int cx = f.width / 5; cx < 4 * f.width / 5; cx += 40) {
            double x, y;
            long n = find_colour(&f, orange, cx, cy, &x, &y);
            if (n > best) {
                best = n;
                hx = x;
                hy = y;
            }
        }
    /* Most of a disc of radius 5.5 (95 pixels) less its ring. */
    assert_true(best >= 40);
    find_colour(&f, orange, (int)hx, (int)hy, &hx, &hy);
    push_motion((int)hx, (int)hy, 0, 0);
    free(draw(app, 0.0).rgba);
    assert_true(scene->hover_valid);
    double tolerance = 0.02 * (scene->view.xmax - scene->view.xmin);
    assert_close(scene->hover.x, 2.0, tolerance);
    assert_close(scene->hover.y, 1.5, tolerance);
    free(f.rgba);
    app_destroy(app);
}

/* Tab turns 3D on and off; back in 2D the frame is exactly what it was
 * (no hover readout in either: a display's own pointer may sit over the
 * window, and Tab forgets the hover point of the other view). */
static void test_tab_toggles_and_restores(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.02", "adam:lr=0.05"};
    App *app = open_app("rosenbrock", runs, 2, false);
    Scene *scene = app_scene(app);
    free(draw(app, 0.5).rgba);
    push_key(SDLK_SPACE, KMOD_NONE);
    app_pump(app);
    scene->hover_valid = false;
    Frame flat = draw(app, 0.0);
    push_key(SDLK_TAB, KMOD_NONE);
    Frame deep = draw(app, 0.0);
    assert_true(scene->display.view3d);
    save_named_screenshot(app, "window-3d", "rosenbrock");
    assert_true(pixels_changed(&flat, &deep) > flat.width * flat.height / 4);
    push_key(SDLK_TAB, KMOD_NONE);
    /* The 3D view samples its own part of the plane (the view itself, not
     * widened to the map): back in 2D the heatmap is coarse for a frame. */
    free(draw(app, 0.0).rgba);
    Frame again = draw(app, 0.0);
    assert_false(scene->display.view3d);
    assert_true(same_frame(&flat, &again));
    free(flat.rgba);
    free(deep.rgba);
    free(again.rgba);
    app_destroy(app);
}

/* In 3D a left drag turns the camera (the runs keep their start), the
 * wheel moves it nearer, and both change the picture; the 2D view
 * rectangle stays as it was. */
static void test_orbit_and_zoom(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.02"};
    App *app = open_app("quadratic", runs, 1, true);
    Scene *scene = app_scene(app);
    push_key(SDLK_SPACE, KMOD_NONE);
    Frame start = draw(app, 0.0);
    SceneCamera camera = scene->display.camera;
    ViewRect view = scene->view;
    push_drag(400, 300, 500, 340);
    Frame turned = draw(app, 0.0);
    save_named_screenshot(app, "window-3d", "turned");
    assert_close(scene->display.camera.yaw, camera.yaw - 0.3 * 100, 1e-9);
    assert_close(scene->display.camera.pitch, camera.pitch + 0.3 * 40, 1e-9);
    assert_close(scene->runs[0].x0, 2.0, 0);
    assert_close(scene->runs[0].y0, 1.5, 0);
    assert_true(pixels_changed(&start, &turned) > start.width * start.height / 10);

    push_wheel(450, 320, 2);
    Frame nearer = draw(app, 0.0);
    save_named_screenshot(app, "window-3d", "nearer");
    assert_close(scene->display.camera.distance, camera.distance * 0.85 * 0.85, 1e-9);
    assert_true(pixels_changed(&turned, &nearer) > start.width * start.height / 10);
    /* Drawn at half size while the camera moved, in full on the next frame,
     * which then stays. */
    Frame refined = draw(app, 0.0), again = draw(app, 0.0);
    assert_false(same_frame(&nearer, &refined));
    assert_true(same_frame(&refined, &again));
    free(refined.rgba);
    free(again.rgba);
    assert_true(memcmp(&view, &scene->view, sizeof view) == 0);
    /* The pitch stays above the plane however far one drags. */
    push_drag(400, 300, 400, 1000);
    free(draw(app, 0.0).rgba);
    assert_close(scene->display.camera.pitch, SCENE_PITCH_MAX, 0);
    free(start.rgba);
    free(turned.rgba);
    free(nearer.rgba);
    app_destroy(app);
}

/* 'g' in 3D: the gradient arrows lie on the surface (many light pixels
 * appear on it), none in the background around the box in the map (the
 * key, which names the arrows, may stand in a panel of its own beside
 * it). */
static void test_arrows_on_surface(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=0.02"};
    App *app = open_app("quadratic", runs, 1, true);
    push_key(SDLK_SPACE, KMOD_NONE);
    Frame plain = draw(app, 0.0);
    push_text("g");
    Frame arrows = draw(app, 0.0);
    assert_true(app_scene(app)->display.arrows);
    save_named_screenshot(app, "window-3d", "arrows");
    const uint8_t *background = pixel(&plain, plain.width - 3, 2);
    Viewport vp = app_viewport(app);
    long light = 0, off_surface = 0;
    for (int y = (int)vp.y; y < (int)(vp.y + vp.height); y++)
        for (int x = (int)vp.x; x < (int)(vp.x + vp.width); x++) {
            const uint8_t *a = pixel(&plain, x, y), *b = pixel(&arrows, x, y);
            if (channel_distance(a, b) <= 24)
                continue;
            light += b[0] > 180 && b[1] > 180 && b[2] > 180;
            off_surface += channel_distance(a, background) == 0;
        }
    assert_true(light > 500);
    assert_int_equal(off_surface, 0);
    free(plain.rgba);
    free(arrows.rgba);
    app_destroy(app);
}

/* --camera's angle reaches the scene (yaw wrapped into [-180, 180)), and
 * the shared command line gives it back; the usual angle is plain --3d. */
static void test_camera_option(void **state)
{
    (void)state;
    SceneOptions options = {.landscape = "quadratic", .view3d = true, .has_camera = true,
                            .camera = {.yaw = 200.0, .pitch = 30.0, .distance = 2.0}};
    DescentError err = {""};
    Scene *scene = scene_create(&options, &err);
    assert_non_null(scene);
    assert_close(scene->display.camera.yaw, -160.0, 1e-12);
    assert_close(scene->display.camera.pitch, 30.0, 0);
    assert_close(scene->display.camera.distance, 2.0, 0);
    char line[SCENE_COMMAND_LINE_MAX];
    assert_true(scene_command_line(scene, line, sizeof line));
    assert_non_null(strstr(line, " --camera "));
    assert_null(strstr(line, " --3d"));
    scene->display.camera = SCENE_CAMERA_DEFAULT;
    assert_true(scene_command_line(scene, line, sizeof line));
    assert_null(strstr(line, " --camera "));
    assert_non_null(strstr(line, " --3d"));
    scene_destroy(scene);
}

/* Two windows on the same scene, stepped alike, draw the same 3D frames:
 * nothing in the surface depends on anything but the scene. */
static void test_deterministic(void **state)
{
    (void)state;
    const char *runs[] = {"adam:lr=0.05", "momentum:lr=0.001"};
    Frame frames[2];
    for (int k = 0; k < 2; k++) {
        App *app = open_app("rosenbrock", runs, 2, true);
        for (int i = 0; i < 5; i++)
            free(draw(app, 0.1).rgba);
        frames[k] = draw(app, 0.1);
        app_destroy(app);
    }
    assert_true(same_frame(&frames[0], &frames[1]));
    free(frames[0].rgba);
    free(frames[1].rgba);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_surface_fills_the_middle),
        cmocka_unit_test(test_box_axes),
        cmocka_unit_test(test_minimum_is_low_end),
        cmocka_unit_test(test_head_rides_on_surface),
        cmocka_unit_test(test_tab_toggles_and_restores),
        cmocka_unit_test(test_orbit_and_zoom),
        cmocka_unit_test(test_arrows_on_surface),
        cmocka_unit_test(test_camera_option),
        cmocka_unit_test(test_deterministic),
    };
    return cmocka_run_group_tests(tests, keep_video_open, close_video);
}
