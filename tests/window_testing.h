/*
 * window_testing.h — what the tests of the real window share on top of
 * testing.h: opening a window on a scene, pushing SDL events as a user
 * would, drawing a frame and reading its pixels back, and saving
 * screenshots to $DESCENT_TEST_OUTPUT (or the current folder).
 * testing.h stays free of SDL for the core's tests.
 */
#ifndef DESCENT_WINDOW_TESTING_H
#define DESCENT_WINDOW_TESTING_H

#include "testing.h"

#include <stdio.h>
#include <stdlib.h>

#include <SDL.h>

#include "app/app.h"
#include "core/data_dir.h"

/* A frame read back from the window: RGBA rows from the top, owned by the
 * test (free rgba). */
typedef struct Frame {
    uint8_t *rgba;
    int width, height;
} Frame;

/* A window on a new scene built from options; fails the test when either
 * cannot be made. */
static inline App *open_test_window(const SceneOptions *options, const AppOptions *app_options)
{
    DescentError err = {""};
    Scene *scene = scene_create(options, &err);
    if (!scene)
        fail_msg("scene: %s", err.message);
    App *app = app_create(scene, app_options, &err);
    if (!app)
        fail_msg("window: %s", err.message);
    return app;
}

/* The pixels of the frame drawn last. */
static inline Frame read_frame(App *app)
{
    Frame f;
    app_drawable_size(app, &f.width, &f.height);
    f.rgba = malloc((size_t)f.width * (size_t)f.height * 4);
    assert_non_null(f.rgba);
    app_read_pixels(app, f.rgba);
    return f;
}

/* Handles pending events, draws one frame (advancing dt), reads it and
 * shows it. */
static inline Frame draw_frame(App *app, double dt)
{
    app_pump(app);
    app_frame(app, dt);
    Frame f = read_frame(app);
    app_present(app);
    return f;
}

static inline const uint8_t *pixel(const Frame *f, int x, int y)
{
    assert_true(x >= 0 && y >= 0 && x < f->width && y < f->height);
    return f->rgba + ((size_t)y * (size_t)f->width + (size_t)x) * 4;
}

/* The largest difference of the two colours in one of red, green, blue. */
static inline int channel_distance(const uint8_t *a, const uint8_t *b)
{
    int d = 0;
    for (int k = 0; k < 3; k++)
        d = abs((int)a[k] - (int)b[k]) > d ? abs((int)a[k] - (int)b[k]) : d;
    return d;
}

/* The colormap's entry at index, read from the asset itself. */
static inline void colormap_entry(const char *name, int index, double rgb[3])
{
    char relative[128], path[4096];
    snprintf(relative, sizeof relative, "assets/colormaps/%s.txt", name);
    DescentError err = {""};
    if (!data_path(relative, path, sizeof path, &err))
        fail_msg("%s", err.message);
    FILE *file = fopen(path, "r");
    assert_non_null(file);
    char line[256];
    int seen = 0;
    while (fgets(line, sizeof line, file))
        if (line[0] != '#' && sscanf(line, "%lf %lf %lf", &rgb[0], &rgb[1], &rgb[2]) == 3 &&
            seen++ == index)
            break;
    fclose(file);
    assert_int_equal(seen, index + 1);
}

static inline void push_text(const char *text)
{
    SDL_Event e = {.type = SDL_TEXTINPUT};
    snprintf(e.text.text, sizeof e.text.text, "%s", text);
    SDL_PushEvent(&e);
}

static inline void push_key_event(Uint32 type, SDL_Keycode sym, Uint16 mod)
{
    SDL_Event e = {.type = type};
    e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.key.keysym.sym = sym;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(sym);
    e.key.keysym.mod = mod;
    SDL_PushEvent(&e);
}

/* A key going down with modifiers mod (KMOD_NONE for none), never up. */
static inline void push_key_down(SDL_Keycode sym, Uint16 mod)
{
    push_key_event(SDL_KEYDOWN, sym, mod);
}

/* A key pressed and released with modifiers mod. */
static inline void push_key(SDL_Keycode sym, Uint16 mod)
{
    push_key_event(SDL_KEYDOWN, sym, mod);
    push_key_event(SDL_KEYUP, sym, mod);
}

/* type is SDL_MOUSEBUTTONDOWN or SDL_MOUSEBUTTONUP; a single click. */
static inline void push_button(Uint32 type, Uint8 button, int x, int y)
{
    SDL_Event e = {.type = type};
    e.button.button = button;
    e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.button.clicks = 1;
    e.button.x = x;
    e.button.y = y;
    SDL_PushEvent(&e);
}

/* The pointer moved to (x, y) by (dx, dy). */
static inline void push_motion(int x, int y, int dx, int dy)
{
    SDL_Event e = {.type = SDL_MOUSEMOTION};
    e.motion.x = x;
    e.motion.y = y;
    e.motion.xrel = dx;
    e.motion.yrel = dy;
    SDL_PushEvent(&e);
}

/* The wheel turned by clicks (positive: away from the user) with the
 * pointer at (x, y). */
static inline void push_wheel(int x, int y, int clicks)
{
    SDL_Event e = {.type = SDL_MOUSEWHEEL};
    e.wheel.y = clicks;
    e.wheel.preciseY = (float)clicks;
    e.wheel.mouseX = x;
    e.wheel.mouseY = y;
    SDL_PushEvent(&e);
}

/* Saves the frame drawn last as DRIVER-file_name in $DESCENT_TEST_OUTPUT
 * (or the current folder), DRIVER being SDL's video driver: the same test
 * runs under each driver side by side, and each run keeps its pictures. */
static inline void save_screenshot(App *app, const char *file_name)
{
    const char *dir = getenv("DESCENT_TEST_OUTPUT");
    const char *driver = SDL_GetCurrentVideoDriver();
    char path[4096];
    snprintf(path, sizeof path, "%s/%s-%s", dir ? dir : ".", driver ? driver : "none", file_name);
    DescentError err = {""};
    if (!app_screenshot(app, path, &err))
        fail_msg("%s", err.message);
}

/* Saves it as DRIVER-PREFIX-NAME.png. */
static inline void save_named_screenshot(App *app, const char *prefix, const char *name)
{
    char file_name[512];
    snprintf(file_name, sizeof file_name, "%s-%s.png", prefix, name);
    save_screenshot(app, file_name);
}

/* Group setup and teardown that hold one connection to the display for
 * the whole run: each window still starts and stops SDL video, but
 * reconnecting to the X server for every test failed now and then under a
 * busy Xvfb. */
static inline int keep_video_open(void **state)
{
    (void)state;
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "cannot start SDL video: %s\n", SDL_GetError());
        return 1;
    }
    return 0;
}

static inline int close_video(void **state)
{
    (void)state;
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return 0;
}

#endif
