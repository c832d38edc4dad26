/*
 * app.h — the live window (docs/ARCHITECTURE.md §2.1): an SDL2 window with an OpenGL 3.3
 * core context, the event loop, input turned into commands on the scene,
 * and the HUD's help and hints.  The only module that joins SDL input,
 * the scene and the renderer.
 *
 * The loop is exposed in pieces so tests can drive a real window: create
 * it, push SDL events, app_pump them, app_frame, read the pixels back.
 */
#ifndef DESCENT_APP_H
#define DESCENT_APP_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "core/error.h"
#include "scene/lesson_player.h"
#include "scene/scene.h"
#include "scene/viewport.h"

typedef struct AppOptions {
    int width, height;     /* window size in points; 0 = 1280 x 800 */
    bool fullscreen;
    bool hidden;           /* no window on screen (tests, off-screen drivers) */
    const char *lesson;    /* a lesson file to play on the scene, or NULL */
    const char *lang;      /* its language; NULL: lesson_default_lang() */
    const char *output_dir; /* where 'p' screenshots and 'v' videos go
                               (borrowed, must outlive the app); NULL: the
                               current folder */
} AppOptions;

typedef struct App App;

/* Opens the window on scene, which the app owns from now on (it is
 * destroyed with the app, or at once when this fails), and plays
 * options->lesson on it: → PageDown Enter and ← PageUp step through it, its
 * keys cycle their alternatives, and app_run reloads it when the file
 * changes.  A lesson that does not load is shown on screen, not an error
 * here.  Errors: no window or GL 3.3 context, a missing shader, colormap or
 * font. */
App *app_create(Scene *scene, const AppOptions *options, DescentError *err);
/* Finishes a recording still running (its file or error on stderr, as no
 * notice can show it any more) and closes the window. */
void app_destroy(App *app);

/* Handles one event; false once the user asked to quit. */
bool app_handle_event(App *app, const SDL_Event *event);

/* Handles every pending event; false once the user asked to quit. */
bool app_pump(App *app);

/* Advances the scene by dt seconds and draws it into the window's back
 * buffer (not shown until app_present); saves it as a PNG in the output
 * folder when 'p' asked for one, and feeds the frames dt covers to the
 * recording 'v' started.  'v' again stops it, and so does a change of the
 * window's size (recording does not restart by itself) or app_destroy.
 * While recording, a "REC" badge shows at the top of the window, drawn
 * after the frame went to the video (and to a 'p' screenshot), so neither
 * shows it; when it stops, a notice names the file.  A recording that cannot start or fails is a
 * notice and a line on stderr; the window goes on. */
void app_frame(App *app, double dt);

/* Shows the frame drawn last. */
void app_present(App *app);

/* Runs the loop (events, time-paced frames, vsync, the lesson's reloads,
 * whose errors also go to stderr) until the user quits.  Returns 0. */
int app_run(App *app);

/* The stage, to inspect or drive it. */
Scene *app_scene(App *app);

/* The lesson playing, or NULL without one. */
LessonPlayer *app_lesson(App *app);

/* Reloads the lesson when its file changed (app_run does this every
 * APP_LESSON_POLL_SECONDS); true when it reloaded. */
#define APP_LESSON_POLL_SECONDS 0.5
bool app_poll_lesson(App *app);

/* The plane-to-pixel mapping of the last frame (render_viewport): where
 * the pointer lands on the map. */
Viewport app_viewport(const App *app);

/* Tests: the pixel at which the last frame's experiment plot drew
 * (swept, value) (render_experiment_to_pixel); false when it drew none. */
bool app_experiment_pixel(const App *app, double swept, double value, double *px, double *py);

/* The window's drawable size in pixels. */
void app_drawable_size(const App *app, int *width, int *height);

/* The window, for window management (size, fullscreen) from outside the
 * app, as tests do: under X11 it is not the window GL draws into
 * (render/gl_context.h). */
SDL_Window *app_window(const App *app);

/* Most pixels a frame has (a 4K screen's): a larger drawable gets the
 * frame drawn at the largest size within it of the drawable's aspect,
 * scaled up to fill it, so that a window made huge costs no more than
 * this (drawn in full, 16000 x 16000 took llvmpipe seconds and GBs). */
#define APP_FRAME_PIXELS_MAX (3840.0 * 2160.0)

/* The size frames are drawn at: the drawable size, or less within
 * APP_FRAME_PIXELS_MAX.  The pointer, screenshots and 'v' recordings are
 * in the frame's pixels. */
void app_frame_size(const App *app, int *width, int *height);

/* Reads what the window shows of the last frame drawn (before
 * app_present) into dest, 4 * width * height bytes of RGBA, top row first,
 * width x height the drawable size. */
void app_read_pixels(const App *app, uint8_t *dest);

/* True while 'v' is recording. */
bool app_recording(const App *app);

/* Saves the last frame drawn as a PNG, at the frame size. */
bool app_screenshot(const App *app, const char *path, DescentError *err);

#endif
