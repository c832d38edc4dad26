/* record.c — see record.h. */
#include "record.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/aside_file.h"
#include "record/frame_sink.h"
#include "record/progress.h"
#include "record/subtitles.h"
#include "render/framebuffer.h"
#include "render/gl_context.h"
#include "render/png_write.h"
#include "render/render.h"
#include "scene/i18n.h"
#include "scene/lesson_player.h"
#include "scene/scene.h"

bool record_plan(const RecordOptions *options, bool lesson, RecordPlan *plan, DescentError *err)
{
    *plan = (RecordPlan){.output = options->output, .transparent = options->transparent,
                         .crop = options->crop};
    if (options->subtitles && !lesson)
        return error_set(err, "--subtitles needs a lesson: the captions are its steps'");
    size_t length = options->subtitles ? strlen(options->subtitles) : 0;
    if (options->subtitles && (length <= 4 || strcasecmp(options->subtitles + length - 4, ".srt")))
        return error_set(err, "--subtitles %s: expected a FILE.srt", options->subtitles);
    if (options->has_hold && !lesson)
        return error_set(err, "--hold needs a lesson: it holds each step's caption");
    if (options->has_hold && !(options->hold >= 0 && options->hold <= LESSON_PLAYER_MAX_HOLD))
        return error_set(err, "--hold %g: expected seconds from 0 to %g", options->hold,
                         LESSON_PLAYER_MAX_HOLD);
    plan->format = record_format_of(options->output, err);
    if (plan->format == RECORD_FORMAT_UNKNOWN)
        return false;
    if (options->transparent && plan->format == RECORD_FORMAT_MP4)
        return error_set(err, "--transparent: MP4 (H.264) cannot carry alpha; write .webm, .gif, "
                              ".png or a PNG sequence");
    plan->width = options->width ? options->width : RECORD_DEFAULT_WIDTH;
    plan->height = options->height ? options->height : RECORD_DEFAULT_HEIGHT;
    if (!record_check_size(plan->format, plan->width, plan->height, err))
        return false;
    int fps = options->fps ? options->fps : RECORD_DEFAULT_FPS;
    if (fps < 1 || fps > RECORD_MAX_FPS)
        return error_set(err, "--fps %d: expected 1 to %d", fps, RECORD_MAX_FPS);
    plan->fps = record_format_fps(plan->format, fps);
    if (options->frames && options->seconds)
        return error_set(err, "give --frames or --seconds, not both");
    double seconds = options->seconds;
    if (!(seconds >= 0.0) || !(options->frames >= 0))
        return error_set(err, "the duration must be positive");
    if (options->frames)
        plan->frames = options->frames;
    else if (!seconds && plan->format == RECORD_FORMAT_PNG)
        plan->frames = 1;
    else {
        /* A clip of S seconds holds S * fps frames; a still S seconds in is
         * frame S * fps, the last of S * fps + 1. */
        double frames = ceil((seconds ? seconds : RECORD_DEFAULT_SECONDS) * plan->fps - 1e-9);
        if (plan->format == RECORD_FORMAT_PNG)
            frames += 1.0;
        plan->frames = frames > (double)RECORD_MAX_FRAMES ? RECORD_MAX_FRAMES + 1 : (long)frames;
    }
    if (plan->frames < 1)
        return error_set(err, "--seconds %g is shorter than one frame at %d fps", seconds,
                         plan->fps);
    if (plan->frames > RECORD_MAX_FRAMES)
        return error_set(err, "%ld frames is more than the %ld a recording may hold",
                         plan->frames, RECORD_MAX_FRAMES);
    return true;
}

/* Blending over a clear frame leaves premultiplied colour where alpha is
 * below 1 (render.h); PNG, VP9 and GIF take straight alpha. */
static void unpremultiply(uint8_t *pixels, size_t count)
{
    for (size_t k = 0; k < count; k++) {
        uint8_t *p = pixels + 4 * k;
        unsigned a = p[3];
        if (a == 0 || a == 255)
            continue;
        for (int c = 0; c < 3; c++) {
            unsigned v = (p[c] * 255u + a / 2) / a;
            p[c] = (uint8_t)(v > 255 ? 255 : v);
        }
    }
}

/* What every pass draws with: a hidden window's GL context, the renderer
 * and a framebuffer of the frame size. */
typedef struct Stage {
    GlContext *gl;
    Renderer *renderer;
    Framebuffer *framebuffer;
} Stage;

static void stage_destroy(Stage *stage)
{
    framebuffer_destroy(stage->framebuffer);
    renderer_destroy(stage->renderer);
    gl_context_destroy(stage->gl);
}

static bool stage_create(Stage *stage, const RecordPlan *plan, DescentError *err)
{
    *stage = (Stage){0};
    /* No display needed; and no D-Bus session bus started for nothing. */
    if (!getenv("SDL_VIDEODRIVER"))
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0);
    GlContextOptions options = {.title = "descent record", .width = 64, .height = 64};
    stage->gl = gl_context_create(&options, err);
    stage->renderer = stage->gl ? renderer_create(err) : NULL;
    stage->framebuffer =
        stage->renderer ? framebuffer_create(plan->width, plan->height, err) : NULL;
    if (!stage->framebuffer) {
        stage_destroy(stage);
        return false;
    }
    renderer_set_progressive(stage->renderer, false);
    renderer_set_slide(stage->renderer, plan->transparent, plan->crop);
    return true;
}

static bool stopped(const RecordOptions *options)
{
    return options->stop && *options->stop;
}

/* The frame being drawn, for RecordOptions.observe_text. */
typedef struct FrameTexts {
    const RecordOptions *options;
    long frame;
} FrameTexts;

static void observe_text(void *context, const char *utf8, LayoutRect box, int px)
{
    (void)box;
    (void)px;
    const FrameTexts *texts = context;
    texts->options->observe_text(texts->options->observe_context, texts->frame, utf8);
}

/* One pass over the frames: a fresh scene, drawn and advanced 1/fps at a
 * time, into a sink.  The sink encodes frame k while frame k+1 renders.
 * task names the pass on the progress bar. */
static bool record_pass(const Stage *stage, const SceneOptions *scene_options,
                        const RecordOptions *options, const RecordPlan *plan,
                        const FrameSinkOptions *sink_options, const char *task,
                        DescentError *err)
{
    Scene *scene = scene_create(scene_options, err);
    if (!scene)
        return false;
    /* An experiment's rows appear on the clock, not as measured, and the
     * slice keeps pace with it. */
    scene->paced = true;
    const char *lesson = scene_options->lesson_path;
    LessonPlayer player;
    if (lesson && !lesson_player_open(&player, lesson, scene_options->lang,
                                         scene_options->lesson_reserved_keys, scene, err)) {
        lesson_player_close(&player);
        scene_destroy(scene);
        return false;
    }
    FrameSink *sink = frame_sink_open(sink_options, err);
    if (!sink) {
        if (lesson)
            lesson_player_close(&player);
        scene_destroy(scene);
        return false;
    }
    if (lesson) {
        player.has_hold = options->has_hold;
        player.hold = options->hold;
    }
    FrameTexts texts = {options, 0};
    if (options->observe_text)
        renderer_observe_text(stage->renderer, observe_text, &texts);
    char label[128];
    error_line(label, sizeof label, "%s %s", task, plan->output);
    Progress progress;
    progress_start(&progress, label, plan->frames, options->progress);
    double scale = render_recording_scale(plan->width, plan->height);
    bool fed = true;
    for (long k = 0; k < plan->frames && fed && !stopped(options); k++) {
        if (k > 0 && lesson)
            lesson_player_autoplay(&player, scene, plan->fps);
        else if (k > 0)
            scene_advance(scene, 1.0 / plan->fps);
        framebuffer_bind(stage->framebuffer);
        texts.frame = k;
        render_frame(stage->renderer, scene, plan->width, plan->height, scale,
                     RENDER_FOR_RECORDING);
        uint8_t *pixels = frame_sink_buffer(sink);
        if (sink_options->bottom_up)
            framebuffer_read_rgba_bottom_up(plan->width, plan->height, pixels);
        else
            framebuffer_read_rgba(plan->width, plan->height, pixels);
        if (plan->transparent)
            unpremultiply(pixels, (size_t)plan->width * (size_t)plan->height);
        fed = frame_sink_submit(sink);
        progress_update(&progress, k + 1);
    }
    progress_finish(&progress);
    renderer_observe_text(stage->renderer, NULL, NULL);
    if (lesson)
        lesson_player_close(&player);
    scene_destroy(scene);
    /* Checked after the loop too: a Ctrl+C also reaches ffmpeg, which then
     * stops reading, and the interruption is the reason to give. */
    if (stopped(options)) {
        frame_sink_abort(sink);
        return error_set(err, "interrupted: %s was not written", plan->output);
    }
    return frame_sink_close(sink, err);
}

/* The GIF's two passes: the palette from every frame, then the frames. */
static bool record_gif(const Stage *stage, const SceneOptions *scene_options,
                       const RecordOptions *options, const RecordPlan *plan, DescentError *err)
{
    char palette[4096];
    int fd = aside_create(plan->output, "palette", palette, sizeof palette, err);
    if (fd < 0)
        return false;
    close(fd);
    FrameSinkOptions sink = {.path = palette, .format = RECORD_FORMAT_GIF_PALETTE,
                             .width = plan->width, .height = plan->height, .fps = plan->fps,
                             .transparent = plan->transparent, .bottom_up = true};
    bool ok = record_pass(stage, scene_options, options, plan, &sink, _("choosing colours"), err);
    sink = (FrameSinkOptions){.path = plan->output, .format = RECORD_FORMAT_GIF,
                              .width = plan->width, .height = plan->height, .fps = plan->fps,
                              .palette = palette, .transparent = plan->transparent,
                              .bottom_up = true};
    ok = ok && record_pass(stage, scene_options, options, plan, &sink, _("recording"), err);
    unlink(palette);
    return ok;
}

/* A lesson as the recording plays it, known before any frame is drawn:
 * the frame each step opens at, and its captions as subtitles. */
typedef struct LessonTiming {
    LessonPlayer player;                /* the lesson and the hold (not shown) */
    long first[LESSON_MAX_STEPS + 1];   /* step k opens at frame first[k];
                                           first[step_count]: the lesson's end */
    SubtitleCue cues[LESSON_MAX_STEPS];
    size_t cue_count;
} LessonTiming;

static bool time_lesson(const SceneOptions *scene_options, const RecordOptions *options,
                        int fps, LessonTiming *timing, DescentError *err)
{
    *timing = (LessonTiming){.player = {.has_hold = options->has_hold, .hold = options->hold}};
    if (!lesson_load(scene_options->lesson_path, scene_options->lang,
                     scene_options->lesson_reserved_keys, &timing->player.lesson, err))
        return false;
    for (size_t k = 0; k < timing->player.lesson.step_count; k++)
        timing->first[k + 1] = timing->first[k] + lesson_player_step_frames(&timing->player, k, fps);
    return true;
}

/* The captions shown in the plan's frames, each from the frame its step
 * opens at to the next step's (or the clip's end). */
static void time_captions(LessonTiming *timing, const RecordPlan *plan)
{
    const Lesson *lesson = &timing->player.lesson;
    for (size_t k = 0; k < lesson->step_count && timing->first[k] < plan->frames; k++) {
        long end = timing->first[k + 1] < plan->frames ? timing->first[k + 1] : plan->frames;
        if (lesson->steps[k].caption[0])
            timing->cues[timing->cue_count++] =
                (SubtitleCue){timing->first[k], end, lesson->steps[k].caption};
    }
}

/* The ISO 639-2 code a video's subtitle track gives for lang, NULL when
 * descent has no lessons in it. */
static const char *track_language(const char *lang)
{
    return strcmp(lang, "en") == 0 ? "eng" : strcmp(lang, "zh") == 0 ? "zho" : NULL;
}

/* Records, with the SRT at srt (written aside, NULL: none) as the video's
 * subtitle track and the title, a lesson's (NULL: none). */
static bool record_frames(const SceneOptions *scene_options, const RecordOptions *options,
                          const RecordPlan *plan, const char *srt, const Lesson *lesson,
                          DescentError *err)
{
    Stage stage;
    if (!stage_create(&stage, plan, err))
        return false;
    bool ok;
    if (plan->format == RECORD_FORMAT_GIF) {
        ok = record_gif(&stage, scene_options, options, plan, err);
    } else {
        FrameSinkOptions sink = {.path = plan->output, .format = plan->format,
                                 .width = plan->width, .height = plan->height, .fps = plan->fps,
                                 .transparent = plan->transparent, .subtitles = srt,
                                 .language = lesson ? track_language(lesson->lang) : NULL,
                                 .title = lesson ? lesson->title : NULL,
                                 .bottom_up = record_format_uses_ffmpeg(plan->format)};
        ok = record_pass(&stage, scene_options, options, plan, &sink, _("recording"), err);
    }
    stage_destroy(&stage);
    return ok;
}

/* A lesson's recording: its length, its captions written aside as SRT for
 * the video's track and --subtitles, moved into place once the video is. */
static bool record_lesson(const SceneOptions *scene_options, const RecordOptions *options,
                          RecordPlan *plan, DescentError *err)
{
    LessonTiming *timing = malloc(sizeof *timing);
    if (!timing)
        return error_set(err, "out of memory timing %s", scene_options->lesson_path);
    bool ok = time_lesson(scene_options, options, plan->fps, timing, err);
    const Lesson *lesson = &timing->player.lesson;
    if (ok && !options->frames && !options->seconds && plan->format != RECORD_FORMAT_PNG) {
        plan->frames = timing->first[lesson->step_count];
        if (plan->frames > RECORD_MAX_FRAMES)
            ok = error_set(err, "%ld frames is more than the %ld a recording may hold",
                           plan->frames, RECORD_MAX_FRAMES);
    }
    if (ok)
        time_captions(timing, plan);
    bool track = (plan->format == RECORD_FORMAT_MP4 || plan->format == RECORD_FORMAT_WEBM) &&
                 timing->cue_count > 0;
    /* The SRT goes beside the file it becomes, or beside the video. */
    const char *beside = options->subtitles ? options->subtitles : plan->output;
    char srt[4096] = "";
    if (ok && (options->subtitles || track)) {
        int fd = aside_create(beside, "srt", srt, sizeof srt, err);
        ok = fd >= 0;
        if (ok)
            close(fd);
        else
            srt[0] = '\0';
    }
    if (ok && srt[0])
        ok = subtitles_write_srt(srt, beside, timing->cues, timing->cue_count, plan->fps, err);
    if (ok)
        ok = record_frames(scene_options, options, plan, track ? srt : NULL, lesson, err);
    if (ok && options->subtitles && rename(srt, options->subtitles) != 0)
        ok = error_set(err, "cannot write %s: %s", options->subtitles, strerror(errno));
    else if (srt[0])
        unlink(srt);
    lesson_player_close(&timing->player);
    free(timing);
    return ok;
}

bool record_scene(const SceneOptions *scene_options, const RecordOptions *options,
                  DescentError *err)
{
    RecordPlan plan;
    if (!record_plan(options, scene_options->lesson_path != NULL, &plan, err))
        return false;
    if (scene_options->lesson_path)
        return record_lesson(scene_options, options, &plan, err);
    return record_frames(scene_options, options, &plan, NULL, NULL, err);
}

bool record_experiment_plot(const ExperimentPicture *picture, const char *path, int width,
                            int height, SceneTheme theme, DescentError *err)
{
    RecordPlan plan = {.output = path,
                       .width = width > 0 ? width : RECORD_DEFAULT_WIDTH,
                       .height = height > 0 ? height : RECORD_DEFAULT_HEIGHT};
    size_t bytes = 4 * (size_t)plan.width * (size_t)plan.height;
    uint8_t *pixels = malloc(bytes);
    if (!pixels)
        return error_set(err, "out of memory for a %dx%d picture", plan.width, plan.height);
    Stage stage;
    bool ok = stage_create(&stage, &plan, err);
    if (ok) {
        framebuffer_bind(stage.framebuffer);
        render_experiment_frame(stage.renderer, picture, plan.width, plan.height,
                                render_recording_scale(plan.width, plan.height), theme);
        framebuffer_read_rgba(plan.width, plan.height, pixels);
        stage_destroy(&stage);
        ok = png_write_rgba(path, plan.width, plan.height, pixels, err);
    }
    free(pixels);
    return ok;
}
