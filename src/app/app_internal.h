/*
 * app_internal.h — the window's state, shared by app.c (lifecycle, events,
 * frames) and keys.c (what each key does).  Not for use outside src/app.
 */
#ifndef DESCENT_APP_INTERNAL_H
#define DESCENT_APP_INTERNAL_H

#include "app.h"
#include "record/live.h"
#include "render/framebuffer.h"
#include "render/gl_context.h"
#include "render/render.h"

struct App {
    GlContext *gl;
    Renderer *renderer;
    Scene *scene;
    /* Frames drawn off-screen while the drawable exceeds the pixel budget
     * (app.h: APP_FRAME_PIXELS_MAX), then shown scaled; NULL otherwise. */
    Framebuffer *frame_target;
    int target_width, target_height;
    bool quit;
    bool fullscreen;
    bool panning;          /* right or middle button held */
    bool placing;          /* left button held: the start follows the pointer */
    bool orbiting;         /* 3D: a button held turns the camera */
    bool scrubbing;        /* left button held on the loss plot */
    bool scrub_due;        /* scrub_step is to be shown at the next frame */
    size_t scrub_step;
    double pointer_x, pointer_y;  /* last pointer position, drawable pixels */
    bool pointer_inside;          /* the pointer is over the window */
    int screenshots_due;   /* 'p' presses since the last frame: each saves it */
    const char *output_dir;     /* NULL: the current folder */
    LiveRecording *recording;   /* 'v' running, or NULL */
    int recording_width, recording_height;  /* the drawable size it started at */
    bool recording_fresh;       /* started since the last frame: that frame's
                                   dt passed before the recording began */
    bool has_lesson;
    LessonPlayer lesson;
    /* The help overlay: the window's keys, then the current step's own. */
    RenderHelpLine *help;       /* owned */
    char help_keys[LESSON_MAX_KEYS][2];
};

/* Fullscreen on or off (stays as it was when SDL refuses). */
void app_set_fullscreen(App *app, bool on);

/* Next or previous lesson step, or a notice why there is none. */
void app_change_step(App *app, bool forward);

/* Starts a recording of the window ('v'), or stops the one running. */
void app_toggle_recording(App *app);

/* The stage as a command line: on the clipboard, on stdout and in a notice. */
void app_share_scene(App *app);
/* Writes the runs on stage, from their starts to the step shown, as a
 * PyTorch script next to the screenshots (scene/torch_script.h), with a
 * notice naming the file or saying why it was refused. */
void app_save_torch_script(App *app);

#endif
