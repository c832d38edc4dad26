/*
 * lesson_player.h — plays a lesson (SPEC §7) on a scene, step by step; the
 * window and the recorder share it.
 *
 * Showing step k builds its stage (landscape, view, start, runs,
 * particles), sets the title ("k/N  Title"), caption and marks, turns on
 * the overlays its show asks for (gradient, flow, velocity, basins,
 * effective_step, formula, one dynamics plot) and the 3D view when it says
 * "3d" (2D otherwise), and starts
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
 * new one is ready.
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

/* What a recording holds on each step after its play, to read the caption,
 * and before the play of a pause step. */
#define LESSON_PLAYER_HOLD_SECONDS 1.5
#define LESSON_PLAYER_PAUSE_SECONDS 1.0

typedef struct LessonPlayer {
    char path[4096];
    char lang[8];
    Lesson lesson;          /* step_count 0 while the file does not load */
    size_t step;            /* the step shown */
    size_t choice[LESSON_MAX_KEYS]; /* per key: 0 the step's own, i the i-th alternative */
    struct timespec mtime;  /* of the file when last loaded (or tried) */
    LessonLoad *reload;     /* a reload under way, or NULL */
    double autoplay_clock;  /* seconds into the step (lesson_player_autoplay) */
} LessonPlayer;

/* Loads path (lang NULL: lesson_default_lang()) and shows its first step
 * (with a notice when some texts lack that language).
 * false (err filled, and shown on the scene) when the file does not load;
 * the player is open either way and must be closed. */
bool lesson_player_open(LessonPlayer *player, const char *path, const char *lang,
                        Scene *scene, DescentError *err);
void lesson_player_close(LessonPlayer *player);

/* Whether the lesson loaded. */
bool lesson_player_ready(const LessonPlayer *player);

/* Shows step k (clamped to the last).  Errors: a spec the stage refuses
 * (shown as a notice too). */
bool lesson_player_show(LessonPlayer *player, Scene *scene, size_t k, DescentError *err);
/* The next / previous step; false (nothing changes) at either end. */
bool lesson_player_next(LessonPlayer *player, Scene *scene);
bool lesson_player_previous(LessonPlayer *player, Scene *scene);

/* A lesson key of the current step: shows its next alternative (after the
 * last, the step's own) and returns true; false for any other key. */
bool lesson_player_key(LessonPlayer *player, Scene *scene, char key);

/* Starts reloading the file when its modification time changed since the
 * last load, and puts the reloaded lesson (or its error) on stage once it
 * is ready, keeping the step shown (clamped); returns true when it did so.
 * Never waits for the load itself.  A file that is gone leaves a loaded
 * lesson on stage with a notice saying so, and reloads when it comes back. */
bool lesson_player_poll(LessonPlayer *player, Scene *scene);

/* Seconds a recording spends on step k: its pause, its play and the hold. */
double lesson_player_step_seconds(const LessonPlayer *player, size_t k);
/* Moves a recording dt seconds on: advances the scene, starts a pause
 * step's play after LESSON_PLAYER_PAUSE_SECONDS, and goes to the next step
 * once the current one's lesson_player_step_seconds are over. */
void lesson_player_autoplay(LessonPlayer *player, Scene *scene, double dt);

#endif
