/*
 * record.h — `descent record` (docs/CLI.md §6): renders a scene off-screen, frame
 * by frame, into a PNG, a PNG sequence, an MP4, a WebM or a GIF.
 *
 * No display is needed: unless SDL_VIDEODRIVER says otherwise, SDL's
 * offscreen driver gives Mesa an EGL context, and frames are drawn into a
 * framebuffer of the asked size by the window's own renderer.  Between
 * frames the scene advances by exactly 1/fps seconds of scene time, so the
 * same options give the same frames on any machine, however fast; the
 * renderer draws every frame in full (no coarse-first heatmap).
 *
 * Frame k (from 0) shows the scene after k/fps seconds: frame 0 is the
 * start.  A single PNG keeps the last frame: `-o x.png` alone is the
 * start, `-o x.png --seconds 3` the picture three seconds in (frame
 * 3 * fps), `--frames N` frame N - 1.  Text and line widths scale with the frame
 * height (720 pixels: the window's size at scale 1).
 *
 * Slides: transparent frames (renderer_set_slide) are clear off the
 * landscape, written as RGBA PNGs, VP9 WebM with alpha (yuva420p) or a GIF
 * with a transparent colour (pixels under half opacity); crop leaves the
 * landscape alone, without panels or captions.
 *
 * A lesson (scene_options->lesson_path) plays through step by step as
 * lesson_player_autoplay moves it: each step's play at its speed, then a
 * hold to read the caption (its reading time, or --hold).  Without --frames
 * or --seconds a clip holds the whole lesson.  Frames are drawn for a
 * recording (render.h): no presenter's hints, no keys in the status line.
 * An MP4 or WebM of a lesson carries the captions as a subtitle track
 * (mov_text, WebVTT) in the lesson's language, and its title; subtitles
 * writes them as SRT too (subtitles.h), timed by the frames each caption
 * is on screen, and appears, like the video, only when both are complete.
 *
 * A GIF is rendered twice, which the determinism makes exact: once for
 * ffmpeg's palettegen to choose 256 colours from every frame, once to map
 * the frames onto that palette.  Memory stays bounded at any length and
 * size (ffmpeg's one-pass split filter would hold every frame).
 *
 * Errors: see record_plan for bad options; at run time no GL context, a
 * missing shader or font, no ffmpeg, an unwritable path, a full disk,
 * ffmpeg failing, being stopped ("interrupted").  Nothing is left under the
 * output's name then.
 */
#ifndef DESCENT_RECORD_RECORD_H
#define DESCENT_RECORD_RECORD_H

#include <signal.h>
#include <stdbool.h>

#include "core/error.h"
#include "record/record_output.h"
#include "scene/experiment_live.h"
#include "scene/scene_options.h"

#define RECORD_DEFAULT_WIDTH 1280
#define RECORD_DEFAULT_HEIGHT 720
#define RECORD_DEFAULT_FPS 30
#define RECORD_DEFAULT_SECONDS 10.0
#define RECORD_MAX_FPS 240
#define RECORD_MAX_FRAMES 1000000L

typedef struct RecordOptions {
    const char *output;   /* OUT: its form picks the format (record_output.h) */
    int width, height;    /* pixels; 0: RECORD_DEFAULT_WIDTH x _HEIGHT */
    int fps;              /* 0: RECORD_DEFAULT_FPS; a GIF plays at record_format_fps */
    long frames;          /* frames to record; 0: from seconds */
    double seconds;       /* a clip's length, a still's time; 0 with frames 0:
                             the start for a single PNG, else
                             RECORD_DEFAULT_SECONDS */
    bool transparent;     /* --transparent: clear off the landscape (not MP4) */
    bool crop;            /* --crop: the landscape alone, no panels or captions */
    const char *subtitles; /* --subtitles FILE.srt: a lesson's captions; NULL: none */
    bool has_hold;        /* --hold: hold every lesson step hold seconds after its
                             play, instead of its caption's reading time */
    double hold;          /* 0 .. LESSON_PLAYER_MAX_HOLD */
    bool progress;        /* a progress bar on stderr */
    const volatile sig_atomic_t *stop; /* when it turns non-zero (a signal handler
                                          sets it), stop and remove the output */
    /* Tests: called with each text drawn into frame (from 0), in drawing
     * order, in every pass; NULL: none. */
    void (*observe_text)(void *context, long frame, const char *utf8);
    void *observe_context;
} RecordOptions;

/* The options with every default resolved: output, format, size, the
 * format's frame rate and the number of frames. */
typedef struct RecordPlan {
    const char *output;
    RecordFormat format;
    int width, height;
    int fps;
    long frames;
    bool transparent, crop;
} RecordPlan;

/* Checks the options for a scene (lesson: for a lesson) and resolves their
 * defaults into plan.  Errors (bad usage): an unknown format or bad
 * sequence pattern, a size out of range or odd for MP4, fps outside
 * 1 .. RECORD_MAX_FPS, both frames and seconds, a duration that is not
 * positive, shorter than one frame (a clip) or over RECORD_MAX_FRAMES
 * frames, transparent with MP4 (H.264 has no alpha), subtitles or hold
 * without a lesson, a hold outside 0 .. LESSON_PLAYER_MAX_HOLD, subtitles
 * not named .srt. */
bool record_plan(const RecordOptions *options, bool lesson, RecordPlan *plan, DescentError *err);

/* Records the scene scene_options describe, or the lesson it names, as the
 * options say.  Errors also: a lesson that does not load. */
bool record_scene(const SceneOptions *scene_options, const RecordOptions *options,
                  DescentError *err);

/* `descent experiment NAME --plot OUT.png`: picture drawn alone
 * (render_experiment_frame) into a width x height PNG (0: the default
 * 1280x720) off-screen, at render_recording_scale, written aside and
 * renamed (png_write.h).  Errors: no GL context, a missing shader or font,
 * an unwritable path, a full disk; nothing is left under path then. */
bool record_experiment_plot(const ExperimentPicture *picture, const char *path, int width,
                            int height, SceneTheme theme, DescentError *err);

#endif
