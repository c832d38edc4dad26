/* app.c — see app.h. */
#include "app.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_internal.h"
#include "keys.h"
#include "render/framebuffer.h"
#include "render/png_write.h"
#include "scene/i18n.h"
#include "scene/scene_share.h"
#include "scene/torch_script.h"
#include "scene/viewport.h"

/* Wheel notches: each zooms by this factor (in) or its inverse (out). */
#define ZOOM_PER_NOTCH 0.85
/* 3D: how far a drag turns the camera (degrees per frame pixel). */
#define ORBIT_DEGREES_PER_PIXEL 0.3
/* Without vsync, frames are spaced at least this far apart (seconds). */
#define MIN_FRAME_SECONDS (1.0 / 120.0)
/* How long a still window sleeps waiting for events (milliseconds). */
#define IDLE_WAIT_MS 500
/* Longest time step one frame may take (a stalled frame is not replayed). */
#define MAX_FRAME_SECONDS 0.1


static const char first_hint[] =
    N_("h or ? lists the keys  ·  click to start the runs there  ·  "
       "Space plays and pauses");
/* A network's runs all start at θ0: a click picks no start. */
static const char first_net_hint[] =
    N_("h or ? lists the keys  ·  1 2 … pick the run the slice follows  ·  "
       "Space plays and pauses");

/* Lists the window's keys, then the current lesson step's (their labels
 * are the lesson's: refreshed whenever the step or lesson changes). */
static void refresh_help(App *app)
{
    size_t count;
    const WindowKey *keys = window_keys(&count);
    for (size_t i = 0; i < count; i++)
        app->help[i] = (RenderHelpLine){_(keys[i].label), _(keys[i].help)};
    if (app->has_lesson && lesson_player_ready(&app->lesson)) {
        const LessonStep *step = &app->lesson.lesson.steps[app->lesson.step];
        for (size_t i = 0; i < step->key_count && i < LESSON_MAX_KEYS; i++) {
            app->help_keys[i][0] = step->keys[i].key;
            app->help_keys[i][1] = '\0';
            app->help[count++] = (RenderHelpLine){
                app->help_keys[i], step->keys[i].label[0] ? step->keys[i].label
                                                           : _("this step's alternatives")};
        }
    }
    renderer_set_help(app->renderer, app->help, count);
}

/* Stops the recording; outcome says what became of it: "recorded FILE
 * (N s)" or the error. */
#define RECORDING_OUTCOME_MAX 4200
static bool finish_recording(App *app, char *outcome, size_t size)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", live_recording_path(app->recording));
    double seconds = live_recording_seconds(app->recording);
    DescentError err = {""};
    bool ok = live_recording_stop(app->recording, &err);
    app->recording = NULL;
    if (ok)
        snprintf(outcome, size, _("recorded %s (%.1f s)"), path, seconds);
    else
        snprintf(outcome, size, _("recording failed: %s"), err.message);
    return ok;
}

App *app_create(Scene *scene, const AppOptions *options, DescentError *err)
{
    App *app = calloc(1, sizeof *app);
    if (!app) {
        scene_destroy(scene);
        error_set(err, "out of memory for the window");
        return NULL;
    }
    size_t key_count;
    window_keys(&key_count);
    app->help = calloc(key_count + LESSON_MAX_KEYS, sizeof *app->help);
    app->scene = scene;
    if (!app->help) {
        app_destroy(app);
        error_set(err, "out of memory for the window");
        return NULL;
    }
    app->fullscreen = options->fullscreen;
    app->output_dir = options->output_dir;
    GlContextOptions gl = {
        .title = "descent",
        .width = options->width > 0 ? options->width : 1280,
        .height = options->height > 0 ? options->height : 800,
        .visible = !options->hidden,
        .resizable = true,
        .fullscreen = options->fullscreen,
        .vsync = true,
    };
    renderer_prepare();
    app->gl = gl_context_create(&gl, err);
    app->renderer = app->gl ? renderer_create(err) : NULL;
    if (!app->renderer) {
        app_destroy(app);
        return NULL;
    }
    scene_notify(scene, 12.0, "%s", _(scene->net ? first_net_hint : first_hint));
    if (options->lesson) {
        DescentError lesson_err = {""};
        app->has_lesson = true;
        lesson_player_open(&app->lesson, options->lesson, options->lang, window_reserved_keys(),
                           scene, &lesson_err);
    }
    refresh_help(app);
    return app;
}

void app_destroy(App *app)
{
    if (!app)
        return;
    if (app->recording) {
        /* No notice can show it any more. */
        char outcome[RECORDING_OUTCOME_MAX];
        finish_recording(app, outcome, sizeof outcome);
        fprintf(stderr, "descent: %s\n", outcome);
    }
    if (app->has_lesson)
        lesson_player_close(&app->lesson);
    framebuffer_destroy(app->frame_target);
    renderer_destroy(app->renderer);
    gl_context_destroy(app->gl);
    scene_destroy(app->scene);
    free(app->help);
    free(app);
}

Scene *app_scene(App *app)
{
    return app->scene;
}

LessonPlayer *app_lesson(App *app)
{
    return app->has_lesson ? &app->lesson : NULL;
}

bool app_poll_lesson(App *app)
{
    if (!app->has_lesson || !lesson_player_poll(&app->lesson, app->scene))
        return false;
    refresh_help(app);
    return true;
}

void app_change_step(App *app, bool forward)
{
    Scene *s = app->scene;
    if (!app->has_lesson)
        scene_notify(s, 3.0, "%s", _("no lesson is playing (descent LESSON.lua plays one)"));
    else if (!lesson_player_ready(&app->lesson))
        scene_notify(s, 3.0, "%s", _("the lesson did not load: fix the file and it reloads"));
    else if (forward ? !lesson_player_next(&app->lesson, s)
                     : !lesson_player_previous(&app->lesson, s))
        scene_notify(s, 2.0, "%s", forward ? _("the last step") : _("the first step"));
    refresh_help(app);
}

void app_drawable_size(const App *app, int *width, int *height)
{
    gl_context_drawable_size(app->gl, width, height);
}

SDL_Window *app_window(const App *app)
{
    return gl_context_window(app->gl);
}

void app_frame_size(const App *app, int *width, int *height)
{
    int w, h;
    gl_context_drawable_size(app->gl, &w, &h);
    double pixels = (double)w * h;
    if (pixels <= APP_FRAME_PIXELS_MAX) {
        *width = w;
        *height = h;
        return;
    }
    double shrink = sqrt(APP_FRAME_PIXELS_MAX / pixels);
    *width = (int)fmax(1.0, floor(w * shrink));
    *height = (int)fmax(1.0, floor(h * shrink));
}

/* Frame pixels per window point (2 on a typical high-DPI screen, less
 * on a window larger than the pixel budget). */
static double pixel_ratio(const App *app)
{
    int w, h, points_w, points_h;
    app_frame_size(app, &w, &h);
    gl_context_window_size(app->gl, &points_w, &points_h);
    return points_w > 0 ? (double)w / points_w : 1.0;
}

/* The last frame's: the pointer lands where the picture is drawn. */
Viewport app_viewport(const App *app)
{
    return render_viewport(app->renderer, app->scene);
}

bool app_experiment_pixel(const App *app, double swept, double value, double *px, double *py)
{
    return render_experiment_to_pixel(app->renderer, swept, value, px, py);
}

/* ------------------------------------------------------------------------ */
/* Commands                                                                  */

void app_set_fullscreen(App *app, bool on)
{
    if (SDL_SetWindowFullscreen(gl_context_window(app->gl),
                                on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) == 0)
        app->fullscreen = on;
}

/* A recording's end or failure, on screen (and on stderr when it failed,
 * for whoever looks at the terminal); why: what stopped it, or NULL for 'v'. */
static void stop_recording(App *app, const char *why)
{
    char outcome[RECORDING_OUTCOME_MAX];
    bool ok = finish_recording(app, outcome, sizeof outcome);
    scene_notify(app->scene, ok ? 5.0 : 8.0, "%s%s%s", why ? why : "", why ? ": " : "", outcome);
    if (!ok)
        fprintf(stderr, "descent: %s\n", outcome);
}

static void start_recording(App *app)
{
    int w, h;
    app_frame_size(app, &w, &h);
    DescentError err = {""};
    app->recording = live_recording_start(app->output_dir, w, h, &err);
    if (!app->recording) {
        scene_notify(app->scene, 8.0, _("cannot record: %s"), err.message);
        fprintf(stderr, "descent: cannot record: %s\n", err.message);
        return;
    }
    app->recording_width = w;
    app->recording_height = h;
    app->recording_fresh = true;
}

/* The frame as drawn, at its own size, into dest (4 * width * height
 * bytes of the frame size). */
static void read_frame_pixels(const App *app, uint8_t *dest)
{
    int w, h;
    app_frame_size(app, &w, &h);
    framebuffer_bind(app->frame_target);
    framebuffer_read_rgba(w, h, dest);
}

/* Feeds the frame just drawn to the recording as often as dt covers, or
 * stops it when writing failed. */
static void record_frame(App *app, double dt)
{
    int due = live_recording_frames_due(app->recording, app->recording_fresh ? 0.0 : dt);
    app->recording_fresh = false;
    if (due <= 0)
        return;
    read_frame_pixels(app, live_recording_buffer(app->recording));
    if (!live_recording_submit(app->recording, due))
        stop_recording(app, NULL);
}

/* The recording badge, drawn over the frame after it went to the video. */
static void show_recording(App *app)
{
    int seconds = (int)live_recording_seconds(app->recording);
    char text[64];
    snprintf(text, sizeof text, _("REC %d:%02d  (v stops)"), seconds / 60, seconds % 60);
    render_recording_badge(app->renderer, text);
}

void app_toggle_recording(App *app)
{
    if (app->recording)
        stop_recording(app, NULL);
    else
        start_recording(app);
}

/* On stdout for whoever runs descent in a terminal. */
void app_share_scene(App *app)
{
    char line[SCENE_COMMAND_LINE_MAX];
    if (!scene_command_line(app->scene, line, sizeof line)) {
        scene_notify(app->scene, 6.0, "%s",
                     _("this scene is too large to write as a command line"));
        return;
    }
    printf("%s\n", line);
    fflush(stdout);
    bool copied = SDL_SetClipboardText(line) == 0;
    scene_notify(app->scene, 5.0, "%s: %s", copied ? _("copied") : _("no clipboard; printed"),
                 line);
}

/* The landscape's runs on stage as a PyTorch script, with the steps shown,
 * into a fresh name in the output folder (path). */
static bool save_landscape_script(App *app, const char *origin, char *path, size_t size,
                                  DescentError *err)
{
    const Scene *scene = app->scene;
    TorchRun runs[SCENE_MAX_RUNS];
    size_t steps = 0;
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        runs[i] = (TorchRun){run, changes_desc_at(&run->changes, &run->desc, 0)->spec,
                             scene_run_number(scene, i)};
        steps = run_steps(run) > steps ? run_steps(run) : steps;
    }
    return torch_script_check(scene->landscape, runs, scene->run_count, steps, err) &&
           live_output_name(app->output_dir, "py", path, size, err) &&
           torch_script_save(path, origin, scene->landscape, runs, scene->run_count, steps, err);
}

/* The network's runs on stage, likewise, with the updates shown. */
static bool save_network_script(App *app, const char *origin, char *path, size_t size,
                                DescentError *err)
{
    const NetStage *stage = app->scene->net;
    /* The window's parameter keys change a landscape's runs only. */
    static const ChangeLog unchanged = {0};
    TorchNetwork net = {.model = net_stage_model(stage), .data = net_stage_data(stage),
                        .theta0 = net_stage_theta0(stage)};
    uint64_t init_seed;
    net_stage_specs(stage, &net.model_spec, &net.data_spec, &init_seed);
    TorchNetRun runs[SCENE_MAX_RUNS];
    size_t count = net_stage_run_count(stage), steps = net_stage_shown_step(stage);
    for (size_t i = 0; i < count; i++)
        runs[i] = (TorchNetRun){&net_stage_run(stage, i)->desc, &unchanged,
                                net_stage_run_spec(stage, i)};
    return torch_script_net_check(&net, runs, count, steps, err) &&
           live_output_name(app->output_dir, "py", path, size, err) &&
           torch_script_net_save(path, origin, &net, runs, count, steps, err);
}

void app_save_torch_script(App *app)
{
    const Scene *scene = app->scene;
    DescentError err = {""};
    char origin[SCENE_COMMAND_LINE_MAX], path[4200];
    if (!scene_command_line(scene, origin, sizeof origin))
        snprintf(origin, sizeof origin, "the descent window");
    bool saved = scene->swarm ? error_set(&err, "export --torch: particle clouds are not exported")
                 : scene->net ? save_network_script(app, origin, path, sizeof path, &err)
                              : save_landscape_script(app, origin, path, sizeof path, &err);
    if (saved)
        scene_notify(app->scene, 4.0, _("saved %s"), path);
    else
        scene_notify_error(app->scene, 6.0, err.message);
}

/* Characters (layout-aware, from SDL_TEXTINPUT): the window's own, else
 * the lesson step's (keys.h: the two never share a key). */
static void on_char(App *app, char c)
{
    if (!window_key_char(app, c) && app->has_lesson)
        lesson_player_key(&app->lesson, app->scene, c);
}

/* The plane point under the pointer (scene->hover), through the last
 * frame's picture: none off the map or over a panel on it, where the
 * readout would print a point far off the view and a click meant for the
 * window (over the legend, the caption) would move every run's start.
 * Again each frame: a step's new layout moves the map under a still
 * pointer. */
static void hover_update(App *app)
{
    Scene *s = app->scene;
    if (app->pointer_inside)
        s->hover_valid = render_plane_point(app->renderer, s, app->pointer_x, app->pointer_y,
                                            &s->hover.x, &s->hover.y);
}

/* Pointer position in frame pixels. */
static void pointer_at(App *app, int x, int y)
{
    double ratio = pixel_ratio(app);
    app->pointer_x = x * ratio;
    app->pointer_y = y * ratio;
    app->pointer_inside = true;
    hover_update(app);
}

static void start_at_pointer(App *app)
{
    scene_start_at(app->scene, app->scene->hover.x, app->scene->hover.y);
}

/* Keys and text while a field is open (the run's parameters, or the
 * formula): they edit it (Enter applies, Esc cancels) and reach nothing
 * else.  False for events it does not take (pointer, window). */
static bool field_event(App *app, const SDL_Event *e)
{
    Scene *s = app->scene;
    bool run = s->run_field.open;
    TextField *field = run ? &s->run_field.field : &s->expr_field.field;
    if (e->type == SDL_TEXTINPUT) {
        text_field_insert(field, e->text.text);
        return true;
    }
    if (e->type != SDL_KEYDOWN)
        return false;
    SDL_Keycode sym = e->key.keysym.sym;
    bool ctrl = (e->key.keysym.mod & KMOD_CTRL) != 0;
    switch (sym) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        if (run)
            run_field_apply(s);
        else
            expr_field_apply(s);
        break;
    case SDLK_ESCAPE:
        if (run)
            run_field_close(s);
        else
            expr_field_close(s);
        break;
    case SDLK_BACKSPACE:
        text_field_backspace(field);
        break;
    case SDLK_DELETE:
        text_field_delete(field);
        break;
    case SDLK_LEFT:
        text_field_left(field);
        break;
    case SDLK_RIGHT:
        text_field_right(field);
        break;
    case SDLK_HOME:
        text_field_home(field);
        break;
    case SDLK_END:
        text_field_end(field);
        break;
    case SDLK_v:
        if (ctrl && SDL_HasClipboardText()) {
            char *clip = SDL_GetClipboardText();
            if (clip && !text_field_insert(field, clip))
                scene_notify(s, 3.0, "%s", _("the pasted text does not fit in the field"));
            SDL_free(clip);
        }
        break;
    default:
        break;
    }
    return true;
}

bool app_handle_event(App *app, const SDL_Event *e)
{
    if ((app->scene->run_field.open || app->scene->expr_field.open) && field_event(app, e))
        return !app->quit;
    switch (e->type) {
    case SDL_QUIT:
        app->quit = true;
        break;
    case SDL_TEXTINPUT:
        if (e->text.text[0] && !e->text.text[1])
            on_char(app, e->text.text[0]);
        break;
    case SDL_KEYDOWN:
        window_key_down(app, e->key.keysym.sym, e->key.keysym.mod);
        break;
    case SDL_MOUSEBUTTONDOWN:
        pointer_at(app, e->button.x, e->button.y);
        if (e->button.button == SDL_BUTTON_LEFT &&
            render_plot_step_at(app->renderer, app->scene, app->pointer_x, app->pointer_y,
                                &app->scrub_step)) {
            app->scrubbing = true;
            scene_set_playing(app->scene, false);
            scene_seek(app->scene, app->scrub_step);
        } else if (app->scene->display.view3d) {
            app->orbiting = true;
        } else if (!app->scene->hover_valid) {
            /* A panel, not the map: nothing to place or pan. */
        } else if (e->button.button == SDL_BUTTON_LEFT) {
            app->placing = true;
            start_at_pointer(app);
        } else if (e->button.button == SDL_BUTTON_RIGHT || e->button.button == SDL_BUTTON_MIDDLE) {
            app->panning = true;
        }
        break;
    case SDL_MOUSEBUTTONUP:
        app->orbiting = false;
        app->scrubbing = false;
        if (e->button.button == SDL_BUTTON_LEFT)
            app->placing = false;
        else
            app->panning = false;
        break;
    case SDL_MOUSEMOTION: {
        double before_x = app->pointer_x, before_y = app->pointer_y;
        pointer_at(app, e->motion.x, e->motion.y);
        if (app->scrubbing) {
            /* Shown at the next frame: a drag sends many motions per frame,
             * and each seek may replay a swarm. */
            app->scrub_due = render_plot_step_at(app->renderer, app->scene, app->pointer_x,
                                                 app->pointer_y, &app->scrub_step) ||
                             app->scrub_due;
        } else if (app->orbiting) {
            scene_orbit(app->scene, -ORBIT_DEGREES_PER_PIXEL * (app->pointer_x - before_x),
                        ORBIT_DEGREES_PER_PIXEL * (app->pointer_y - before_y));
        } else if (app->panning) {
            Viewport vp = app_viewport(app);
            double upp = viewport_units_per_pixel(&vp);
            scene_pan(app->scene, -(app->pointer_x - before_x) * upp,
                      (app->pointer_y - before_y) * upp);
            pointer_at(app, e->motion.x, e->motion.y);
        } else if (app->placing && app->scene->hover_valid) {
            start_at_pointer(app);
        }
        break;
    }
    case SDL_MOUSEWHEEL: {
        pointer_at(app, e->wheel.mouseX, e->wheel.mouseY);
        double notches = (double)e->wheel.preciseY;
        if (e->wheel.direction == SDL_MOUSEWHEEL_FLIPPED)
            notches = -notches;
        if (app->scene->display.view3d)
            scene_dolly(app->scene, pow(ZOOM_PER_NOTCH, notches));
        else if (app->scene->hover_valid)
            scene_zoom(app->scene, app->scene->hover.x, app->scene->hover.y,
                       pow(ZOOM_PER_NOTCH, notches));
        break;
    }
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_LEAVE) {
            app->pointer_inside = false;
            app->scene->hover_valid = false;
        }
        break;
    default:
        break;
    }
    return !app->quit;
}

bool app_pump(App *app)
{
    SDL_Event e;
    while (SDL_PollEvent(&e))
        app_handle_event(app, &e);
    return !app->quit;
}

/* ------------------------------------------------------------------------ */
/* Frames                                                                    */

void app_present(App *app)
{
    gl_context_swap(app->gl);
}

void app_read_pixels(const App *app, uint8_t *dest)
{
    int w, h;
    gl_context_drawable_size(app->gl, &w, &h);
    framebuffer_bind(NULL);
    framebuffer_read_rgba(w, h, dest);
}

bool app_screenshot(const App *app, const char *path, DescentError *err)
{
    int w, h;
    app_frame_size(app, &w, &h);
    uint8_t *pixels = malloc((size_t)w * (size_t)h * 4);
    if (!pixels)
        return error_set(err, "out of memory for a %dx%d screenshot", w, h);
    read_frame_pixels(app, pixels);
    bool ok = png_write_rgba(path, w, h, pixels, err);
    free(pixels);
    return ok;
}

static void take_screenshot(App *app)
{
    char path[4200];
    DescentError err = {""};
    if (live_output_name(app->output_dir, "png", path, sizeof path, &err) &&
        app_screenshot(app, path, &err))
        scene_notify(app->scene, 4.0, _("saved %s"), path);
    else
        scene_notify_error(app->scene, 6.0, err.message);
}

bool app_recording(const App *app)
{
    return app->recording != NULL;
}

/* A window made huge from outside (xdotool windowsize 32767 32767)
 * shrinks back, and the drawable is sized within the limit before anything
 * is drawn (llvmpipe crashed on 32767x32767: gl_context_bound_size).  The
 * events pumped here wait in SDL's queue for the next app_pump. */
static void bound_window(App *app)
{
    SDL_PumpEvents();
    int limit = gl_context_bound_size(app->gl);
    if (limit)
        scene_notify(app->scene, 4.0, _("the window is limited to %d pixels a side"), limit);
}

/* Where the next frame of width x height pixels is drawn: the window
 * itself when the frame is its drawable, else an off-screen framebuffer
 * of the frame's size (made when the size changes), shown scaled.  False
 * when that cannot be made (a notice says why; the window draws nothing). */
static bool bind_frame_target(App *app, int width, int height)
{
    int drawable_w, drawable_h;
    gl_context_drawable_size(app->gl, &drawable_w, &drawable_h);
    bool scaled = width != drawable_w || height != drawable_h;
    if (app->frame_target && (!scaled || width != app->target_width ||
                              height != app->target_height)) {
        framebuffer_destroy(app->frame_target);
        app->frame_target = NULL;
    }
    if (scaled && !app->frame_target) {
        DescentError err = {""};
        app->frame_target = framebuffer_create(width, height, &err);
        if (!app->frame_target) {
            scene_notify(app->scene, 8.0, "%s", err.message);
            return false;
        }
        app->target_width = width;
        app->target_height = height;
    }
    framebuffer_bind(app->frame_target);
    return true;
}

void app_frame(App *app, double dt)
{
    if (app->scrub_due) {
        scene_seek(app->scene, app->scrub_step);
        app->scrub_due = false;
    }
    scene_advance(app->scene, dt);
    bound_window(app);
    int w, h;
    app_frame_size(app, &w, &h);
    if (app->recording && (w != app->recording_width || h != app->recording_height))
        stop_recording(app, _("the window changed size"));
    if (!bind_frame_target(app, w, h))
        return;
    hover_update(app);
    render_frame(app->renderer, app->scene, w, h, pixel_ratio(app),
                 app->recording ? RENDER_FOR_RECORDING : RENDER_FOR_WINDOW);
    if (app->recording)
        record_frame(app, dt);
    for (; app->screenshots_due > 0; app->screenshots_due--)
        take_screenshot(app);
    if (app->recording)
        show_recording(app);
    if (app->frame_target) {
        int drawable_w, drawable_h;
        gl_context_drawable_size(app->gl, &drawable_w, &drawable_h);
        framebuffer_show(app->frame_target, drawable_w, drawable_h);
    }
}

/* Nothing moves on screen: paused, no message counting down, no drag, not
 * recording (a video of a pause still needs its frames, and the badge its
 * clock), and the last frame was drawn in full (a wheel turn while paused
 * leaves a coarse one that one more frame refines). */
static bool is_still(const App *app)
{
    return !app->scene->playing && !app->scene->notice[0] && !app->recording &&
           !app->panning && !app->placing &&
           !app->orbiting && !app->scrubbing && renderer_settled(app->renderer);
}

int app_run(App *app)
{
    double frequency = (double)SDL_GetPerformanceFrequency();
    Uint64 previous = SDL_GetPerformanceCounter();
    Uint64 polled = previous;
    while (!app->quit) {
        /* Also while still: a resize from outside may send no event. */
        bound_window(app);
        bool reloaded = false;
        if ((double)(SDL_GetPerformanceCounter() - polled) / frequency >= APP_LESSON_POLL_SECONDS) {
            polled = SDL_GetPerformanceCounter();
            reloaded = app_poll_lesson(app);
            /* On stderr too, for whoever edits the file in a terminal. */
            if (reloaded && app->scene->error[0])
                fprintf(stderr, "descent: %s\n", app->scene->error);
        }
        /* A still picture is not redrawn: sleep until the next event (a
         * software renderer would otherwise keep a core busy in a pause). */
        if (!reloaded && is_still(app)) {
            SDL_Event e;
            if (!SDL_WaitEventTimeout(&e, IDLE_WAIT_MS))
                continue;
            app_handle_event(app, &e);
            previous = SDL_GetPerformanceCounter();
        }
        if (!app_pump(app))
            break;
        Uint64 now = SDL_GetPerformanceCounter();
        double dt = (double)(now - previous) / frequency;
        previous = now;
        app_frame(app, fmin(dt, MAX_FRAME_SECONDS));
        app_present(app);
        /* Without vsync (some virtual displays), do not spin a core. */
        double spent = (double)(SDL_GetPerformanceCounter() - now) / frequency;
        if (!gl_context_vsync(app->gl) && spent < MIN_FRAME_SECONDS)
            SDL_Delay((Uint32)((MIN_FRAME_SECONDS - spent) * 1000.0));
    }
    return 0;
}
