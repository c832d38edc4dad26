/* record.c — see record.h. */
#include "record.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/aside_file.h"
#include "record/frame_sink.h"
#include "record/progress.h"
#include "render/framebuffer.h"
#include "render/gl_context.h"
#include "render/render.h"
#include "scene/lesson_player.h"
#include "scene/scene.h"

/* Frame height drawn at render scale 1. */
#define SCALE_ONE_HEIGHT 720.0

bool record_plan(const RecordOptions *options, RecordPlan *plan, DescentError *err)
{
    *plan = (RecordPlan){.output = options->output, .transparent = options->transparent,
                         .crop = options->crop};
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
    char label[128];
    snprintf(label, sizeof label, "%s %.80s", task, plan->output);
    Progress progress;
    progress_start(&progress, label, plan->frames, options->progress);
    double scale = (double)plan->height / SCALE_ONE_HEIGHT;
    bool fed = true;
    for (long k = 0; k < plan->frames && fed && !stopped(options); k++) {
        if (k > 0 && lesson)
            lesson_player_autoplay(&player, scene, 1.0 / plan->fps);
        else if (k > 0)
            scene_advance(scene, 1.0 / plan->fps);
        framebuffer_bind(stage->framebuffer);
        render_frame(stage->renderer, scene, plan->width, plan->height, scale);
        uint8_t *pixels = frame_sink_buffer(sink);
        framebuffer_read_rgba(plan->width, plan->height, pixels);
        if (plan->transparent)
            unpremultiply(pixels, (size_t)plan->width * (size_t)plan->height);
        fed = frame_sink_submit(sink);
        progress_update(&progress, k + 1);
    }
    progress_finish(&progress);
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
                             .transparent = plan->transparent};
    bool ok = record_pass(stage, scene_options, options, plan, &sink, "choosing colours", err);
    sink = (FrameSinkOptions){.path = plan->output, .format = RECORD_FORMAT_GIF,
                              .width = plan->width, .height = plan->height, .fps = plan->fps,
                              .palette = palette, .transparent = plan->transparent};
    ok = ok && record_pass(stage, scene_options, options, plan, &sink, "recording", err);
    unlink(palette);
    return ok;
}

/* Seconds the lesson at path takes played through (lesson_player_autoplay). */
static bool lesson_seconds(const SceneOptions *scene_options, double *seconds, DescentError *err)
{
    Lesson lesson;
    if (!lesson_load(scene_options->lesson_path, scene_options->lang,
                     scene_options->lesson_reserved_keys, &lesson, err))
        return false;
    LessonPlayer player = {.lesson = lesson};
    *seconds = 0;
    for (size_t k = 0; k < lesson.step_count; k++)
        *seconds += lesson_player_step_seconds(&player, k);
    lesson_player_close(&player);
    return true;
}

bool record_scene(const SceneOptions *scene_options, const RecordOptions *options,
                  DescentError *err)
{
    RecordPlan plan;
    if (!record_plan(options, &plan, err))
        return false;
    if (scene_options->lesson_path && !options->frames && !options->seconds &&
        plan.format != RECORD_FORMAT_PNG) {
        RecordOptions whole = *options;
        if (!lesson_seconds(scene_options, &whole.seconds, err) ||
            !record_plan(&whole, &plan, err))
            return false;
    }
    Stage stage;
    if (!stage_create(&stage, &plan, err))
        return false;
    bool ok;
    if (plan.format == RECORD_FORMAT_GIF) {
        ok = record_gif(&stage, scene_options, options, &plan, err);
    } else {
        FrameSinkOptions sink = {.path = plan.output, .format = plan.format,
                                 .width = plan.width, .height = plan.height, .fps = plan.fps,
                                 .transparent = plan.transparent};
        ok = record_pass(&stage, scene_options, options, &plan, &sink, "recording", err);
    }
    stage_destroy(&stage);
    return ok;
}
