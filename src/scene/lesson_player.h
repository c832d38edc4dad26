/*
 * lesson_player.h — plays a lesson (lessons/README.md) on a scene, step by step; the
 * window and the recorder share it.
 *
 * Showing step k builds its stage (landscape, view, start, runs,
 * particles, or a network with its ensemble), shows the network's
 * hidden layer the step names (else its ensemble's thumbnails, else the
 * slice, on the step's plane), sets the title ("k/N  Title"), caption and marks, turns on
 * the overlays its show asks for (gradient, flow, velocity, basins,
 * effective_step, formula, spread, axes, one dynamics plot) with its plot
 * range, plot run and distance point, the 3D view when it says "3d" and
 * the 2D view when it says "2d" (neither: the viewer's own choice, Tab or
 * --3d, which a step's "3d" or "2d" does not change), and starts
 * its play: step->play updates at step->speed updates per second (0:
 * SCENE_STEPS_PER_SECOND), then playback pauses; a step with pause waits
 * for scene_set_playing.  A keep step goes on from where the steps before
 * it stopped: coming from the step before, the scene is left as it is
 * (that step's play is finished first); reached any other way, the steps
 * of its keep chain are replayed, which the core's determinism makes
 * identical.
 *
 * A lesson that fails to load is shown as the scene's error (FILE:LINE:
 * message) and the player stays open: lesson_player_poll reloads the file
 * when it changes on disk, keeping the step shown.  Opening waits for the
 * load (within the load's time limits, lesson.h); a reload never waits: it runs in
 * the background (lesson_load_start) and the lesson shown stays until the
 * new one is ready.  Both fork the loader's child while the experiment on
 * stage is held at rest (experiment_live_hold; lesson/lesson_load.c says
 * why): opening waits for the rest, a reload does not (it asks for it and
 * starts at a later poll that finds it).
 *
 * Consecutive steps that show the same map (landscape or network, view,
 * 2D or 3D, with an experiment beside it or without) form a group
 * (SceneDisplay.group): the layout reserves room for every panel those of
 * them laid out together show (the renderer's parts of the group) and for
 * the tallest of their captions, so the map stays put while a class steps
 * through them; each step draws its own panels in that room.  The
 * renderer learns the other steps' panels by showing each on a scratch
 * scene of its own (lesson_player_stage); a network's steps are not
 * staged (it would train: its own stage stands in, with each step's
 * sharpness plot), nor an experiment's (it would measure), whose group
 * shares only the captions' room.
 *
 * A lesson's 2D steps on one landscape (its spec) read one colour scale,
 * wherever they stand in the lesson (issue 12: momentum 1's bar topped
 * 221 over its own view, step 2's 1120): the values of the least of the
 * views they ask for (SceneDisplay.colour_view), so a colour means one
 * loss from step to step.  The least, not the union: the union left a
 * close view's map in a fifth of the colours and three contour lines
 * (momentum 1's walls, sgd_noise 2's bowl went dark); over a wider view
 * the ground above the range takes the top colour with its contour lines
 * drawn on, and the bar's top reads as a bound ("≥ 221").  Its foot is the
 * least known minimum in any of those views (SceneDisplay.colour_floor),
 * the lowest loss a step shows, the same on every step: sharp_flat 2's
 * bar started at 0.0863, the sharp well's, the one minimum in the least
 * view, under a plot whose floor read 0.0846, the flat well's, on its map
 * below the bar; the minima in each step's own view gave sharp_flat 5 and
 * 6 two scales.  A 3D step keeps its own view's scale, which is also its
 * surface's height; a step on
 * another landscape (or a network) has its own.
 *
 * The player owns its Lesson; the scene stays the caller's.
 */
#ifndef DESCENT_LESSON_PLAYER_H
#define DESCENT_LESSON_PLAYER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/error.h"
#include "lesson/lesson.h"
#include "scene/scene.h"

/* Recordings (lesson_player_autoplay) play each step's animation, then hold
 * the step while its caption is read: lesson_reading_seconds, or the
 * player's hold when it has one.  A pause step waits
 * LESSON_PLAYER_PAUSE_SECONDS before its play starts.
 *
 * Reading time: LESSON_READING_BASE_SECONDS to notice the new caption, plus
 * LESSON_READING_WORDS_PER_SECOND for words (runs of letters, digits and
 * symbols between spaces: "θ ← θ − η∇L" is five) and
 * LESSON_READING_CJK_PER_SECOND for Chinese, Japanese and Korean characters
 * (each ideograph, kana or hangul syllable; their punctuation is free).
 * The rates are about four fifths of adults' silent reading speed, 230 words
 * or 255 Chinese characters a minute: a class reads while it also watches
 * the picture.  A caption mixing both counts both. */
#define LESSON_READING_BASE_SECONDS 1.5
#define LESSON_READING_WORDS_PER_SECOND 3.0
#define LESSON_READING_CJK_PER_SECOND 3.4
#define LESSON_PLAYER_PAUSE_SECONDS 1.0
#define LESSON_PLAYER_MAX_HOLD 600.0   /* seconds a --hold may ask for */

typedef struct LessonPlayer {
    char path[4096];
    char lang[8];
    const char *reserved_keys; /* lesson_load's, borrowed (static in practice) */
    Lesson lesson;          /* step_count 0 while the file does not load */
    size_t step;            /* the step shown */
    size_t choice[LESSON_MAX_KEYS]; /* per key: 0 the step's own, i the i-th alternative */
    struct timespec mtime;  /* of the file when last loaded (or tried) */
    LessonLoad *reload;     /* a reload under way, or NULL */
    long autoplay_frames;   /* frames into the step (lesson_player_autoplay) */
    bool has_hold;          /* recordings hold every step hold seconds after its
                               play, instead of its caption's reading time */
    double hold;            /* 0 .. LESSON_PLAYER_MAX_HOLD */
    unsigned asked_view;    /* the shown step's LESSON_SHOW_3D / _2D bits, 0: none */
    bool viewer_view3d;     /* the viewer's own choice of view, which steps
                               that ask for none show */
} LessonPlayer;

/* Loads path (lang NULL: lesson_default_lang(); reserved_keys as
 * lesson_load takes them, kept for reloads) and shows its first step
 * (with a notice when some texts lack that language).
 * false (err filled, and shown on the scene) when the file does not load;
 * the player is open either way and must be closed. */
bool lesson_player_open(LessonPlayer *player, const char *path, const char *lang,
                        const char *reserved_keys, Scene *scene, DescentError *err);
void lesson_player_close(LessonPlayer *player);

/* Whether the lesson loaded. */
bool lesson_player_ready(const LessonPlayer *player);

/* Shows step k (clamped to the last).  Errors: a spec the stage refuses
 * (shown as a notice too). */
bool lesson_player_show(LessonPlayer *player, Scene *scene, size_t k, DescentError *err);
/* Step k of lesson on scene as lesson_player_show shows it, played to the
 * end of its play: the layout measures the panels of the steps in a group
 * (SceneDisplay.lesson) on such scenes.  The lesson stays borrowed. */
bool lesson_player_stage(const Lesson *lesson, size_t k, Scene *scene, DescentError *err);

/* The next / previous step; false (nothing changes) at either end. */
bool lesson_player_next(LessonPlayer *player, Scene *scene);
bool lesson_player_previous(LessonPlayer *player, Scene *scene);

/* A lesson key of the current step: shows its next alternative (after the
 * last, the step's own), skipping any that repeats the stage of the step's
 * own or of an earlier alternative, plays it as the step plays (a step with
 * play 0 plays it on until paused) and returns true; false for any other
 * key. */
bool lesson_player_key(LessonPlayer *player, Scene *scene, char key);

/* Starts reloading the file when its modification time changed since the
 * last load, and puts the reloaded lesson (or its error) on stage once it
 * is ready, keeping the step shown (clamped); returns true when it did so.
 * Never waits for the load itself.  A file that is gone leaves a loaded
 * lesson on stage with a notice saying so, and reloads when it comes back. */
bool lesson_player_poll(LessonPlayer *player, Scene *scene);

/* The dynamics plot step shows (its show's plot bits), SCENE_PLOT_NONE
 * for none. */
ScenePlot lesson_step_plot(const LessonStep *step);

/* Seconds a reader needs for caption (UTF-8), as described above. */
double lesson_reading_seconds(const char *caption);

/* Seconds a recording holds step k after its play: the player's hold, or
 * the reading time of the step's caption. */
double lesson_player_hold_seconds(const LessonPlayer *player, size_t k);
/* Frames a recording at fps spends on step k (at least 1): a pause step's
 * pause, rounded up to whole frames, then its play and hold, rounded up
 * together; so the step's caption is on screen for at least its play and
 * hold. */
long lesson_player_step_frames(const LessonPlayer *player, size_t k, int fps);
/* Moves a recording at fps one frame on: goes to the next step once the
 * current one's lesson_player_step_frames are over (that frame shows the
 * next step as it opens), else advances the scene 1/fps seconds, starting
 * a pause step's play after its pause. */
void lesson_player_autoplay(LessonPlayer *player, Scene *scene, int fps);

#endif
