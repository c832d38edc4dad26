/*
 * test_record_texts.c — what a recorded lesson shows, and for how long:
 * the reading-time rule, the frames each step gets, the texts
 * drawn into every frame of a real recording (never a presenter's hint or
 * a key; hints.lua here, then every frame of lessons/welcome.lua in English
 * and Chinese), and its subtitles, timed by those same frames.  Needs a GL
 * context (SDL_VIDEODRIVER=offscreen) and ffmpeg.  The window's and the
 * recording's frame of one step go to $DESCENT_TEST_OUTPUT when it is set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record/record.h"
#include "render/framebuffer.h"
#include "render/gl_context.h"
#include "render/png_write.h"
#include "render/render.h"
#include "scene/lesson_player.h"
#include "scene/scene.h"
#include "video_testing.h"

#define HINTS LESSON_FIXTURES "/hints.lua"
enum { W = 640, H = 360, FPS = 10, MAX_FRAMES = 200 };
/* The window's frame: at 640x360 its least loss plot (layout.h) leaves the
 * legend no room for its status line, whose keys this checks. */
enum { WW = 800, WH = 450 };

/* ------------------------------------------------------- reading time */

static void test_reading_seconds(void **state)
{
    (void)state;
    /* 1.5 s to find the caption, 3 words or 3.4 CJK characters a second. */
    assert_close(lesson_reading_seconds(""), 1.5, 1e-12);
    assert_close(lesson_reading_seconds(NULL), 1.5, 1e-12);
    assert_close(lesson_reading_seconds("  one two\nthree  "), 1.5 + 1.0, 1e-12);
    /* Symbols are words: θ ← θ − η∇L is five. */
    assert_close(lesson_reading_seconds("θ ← θ − η∇L"), 1.5 + 5 / 3.0, 1e-12);
    /* Each ideograph counts, CJK punctuation is free, a Latin word inside
     * Chinese is a word: 按 e 依次重看 is one word and five characters. */
    assert_close(lesson_reading_seconds("你好，世界。"), 1.5 + 4 / 3.4, 1e-12);
    assert_close(lesson_reading_seconds("按 e 依次重看"), 1.5 + 1 / 3.0 + 5 / 3.4, 1e-12);
    /* Kana and hangul are read like ideographs. */
    assert_close(lesson_reading_seconds("かな한글"), 1.5 + 4 / 3.4, 1e-12);
}

/* hints.lua at 10 fps: step 1 pauses 1 s (10 frames), then plays 30
 * updates at SCENE_STEPS_PER_SECOND, 120 (0.25 s), and holds 1.5 + 7 / 3 s:
 * ceil(40.83) = 41 frames, 51 in all.  Step 2 holds 1.5 + 4 / 3 s: ceil(28.33) = 29.  Step
 * 3, no caption, 1.5 s: 15. */
static const long step_frames[] = {51, 29, 15};

static void test_step_frames(void **state)
{
    (void)state;
    LessonPlayer player = {0};
    DescentError err = {""};
    assert_true(lesson_load(HINTS, "en", NULL, &player.lesson, &err));
    for (size_t k = 0; k < 3; k++)
        assert_int_equal(lesson_player_step_frames(&player, k, FPS), step_frames[k]);
    assert_close(lesson_player_hold_seconds(&player, 0), 1.5 + 7 / 3.0, 1e-12);
    /* --hold 0.5 replaces the reading time: 10 + ceil(7.5), 5, 5; --hold 0
     * leaves a step without play one frame. */
    player.has_hold = true;
    player.hold = 0.5;
    assert_int_equal(lesson_player_step_frames(&player, 0, FPS), 18);
    assert_int_equal(lesson_player_step_frames(&player, 1, FPS), 5);
    player.hold = 0;
    assert_int_equal(lesson_player_step_frames(&player, 1, FPS), 1);
    lesson_player_close(&player);
}

/* ------------------------------------------------ texts drawn per frame */

typedef struct Seen {
    long frames;                 /* 1 + the last frame any text was drawn in */
    int caption[MAX_FRAMES];     /* 1 or 2: which caption the frame shows, 0 none */
    bool hint[MAX_FRAMES];       /* a hint of hints.lua */
    bool keys[MAX_FRAMES];       /* the status line's keys */
    bool paused[MAX_FRAMES];     /* the window's "paused" status */
} Seen;

/* A caption is known by its first words: the layout may wrap it. */
static void classify(Seen *seen, long frame, const char *utf8)
{
    assert_in_range(frame, 0, MAX_FRAMES - 1);
    seen->frames = frame + 1 > seen->frames ? frame + 1 : seen->frames;
    if (strstr(utf8, "Seven words"))
        seen->caption[frame] = 1;
    if (strstr(utf8, "Four more"))
        seen->caption[frame] = 2;
    seen->hint[frame] |= strstr(utf8, "Press Space to start") || strstr(utf8, "Press t to");
    seen->keys[frame] |= strstr(utf8, "Space plays") || strstr(utf8, "h: help");
    seen->paused[frame] |= strstr(utf8, "paused") != NULL;
}

static void observe_recording(void *context, long frame, const char *utf8)
{
    classify(context, frame, utf8);
}

static void observe_window(void *context, const char *utf8, LayoutRect box, int px)
{
    (void)px;
    (void)box;
    classify(context, 0, utf8);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char text[4096];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

/* The whole lesson recorded to MP4 with subtitles: every frame's texts,
 * the SRT and the video's own subtitle track agree with the frames the
 * steps get, and no frame holds a hint or a key. */
static void test_recorded_lesson(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_record_texts.XXXXXX", video[256], srt[256], track[512];
    assert_non_null(mkdtemp(dir));
    snprintf(video, sizeof video, "%s/hints.mp4", dir);
    snprintf(srt, sizeof srt, "%s/hints.srt", dir);
    static Seen seen;
    memset(&seen, 0, sizeof seen);
    RecordOptions options = {.output = video, .width = W, .height = H, .fps = FPS,
                             .subtitles = srt, .observe_text = observe_recording,
                             .observe_context = &seen};
    DescentError err = {""};
    assert_true(record_scene(&(SceneOptions){.lesson_path = HINTS, .lang = "en"}, &options,
                             &err));

    long total = step_frames[0] + step_frames[1] + step_frames[2];
    assert_int_equal(seen.frames, total);
    assert_int_equal(probe_video(video).frames, total);
    int pauses = 0;
    for (long k = 0; k < total; k++) {
        int expected = k < step_frames[0] ? 1 : k < step_frames[0] + step_frames[1] ? 2 : 0;
        if (seen.caption[k] != expected)
            fail_msg("frame %ld shows caption %d, expected %d", k, seen.caption[k], expected);
        if (seen.hint[k] || seen.keys[k])
            fail_msg("frame %ld shows a presenter's hint or key", k);
        pauses += seen.paused[k];
    }
    assert_int_equal(pauses, 0);

    /* 51 frames at 10 fps are 5.1 s, 29 more 2.9 s; the captionless step
     * has no cue. */
    assert_string_equal(read_file(srt),
                        "1\r\n00:00:00,000 --> 00:00:05,100\r\n"
                        "Seven words in this caption to read.\r\n\r\n"
                        "2\r\n00:00:05,100 --> 00:00:08,000\r\nFour more words here.\r\n\r\n");
    /* The video's track, read back by ffmpeg, is the same. */
    snprintf(track, sizeof track, "%s/track.srt", dir);
    char command[1200];
    snprintf(command, sizeof command, "ffmpeg -v error -i '%s' -map 0:s -c:s srt -f srt '%s'",
             video, track);
    assert_int_equal(system(command), 0);
    char *text = read_file(track);
    assert_non_null(strstr(text, "00:00:00,000 --> 00:00:05,100\nSeven words in this caption"));
    assert_non_null(strstr(text, "00:00:05,100 --> 00:00:08,000\nFour more words here."));

    unlink(track);
    unlink(srt);
    unlink(video);
    assert_int_equal(rmdir(dir), 0); /* nothing else was left there */
}

/* The same step drawn for the window shows the hint and the keys, in
 * pixels too: the check above can fail. */
static void test_window_shows_hints(void **state)
{
    (void)state;
    DescentError err = {""};
    GlContext *gl = gl_context_create(
        &(GlContextOptions){.title = "test_record_texts", .width = 64, .height = 64}, &err);
    assert_non_null(gl);
    Renderer *renderer = renderer_create(&err);
    assert_non_null(renderer);
    renderer_set_progressive(renderer, false);
    Framebuffer *frame = framebuffer_create(WW, WH, &err);
    assert_non_null(frame);
    Scene *scene = scene_create(&(SceneOptions){0}, &err);
    assert_non_null(scene);
    LessonPlayer player;
    assert_true(lesson_player_open(&player, HINTS, "en", NULL, scene, &err));

    static uint8_t pixels[2][WW * WH * 4];
    static Seen seen[2];
    for (int audience = 0; audience < 2; audience++) {
        memset(&seen[audience], 0, sizeof seen[audience]);
        renderer_observe_text(renderer, observe_window, &seen[audience]);
        framebuffer_bind(frame);
        render_frame(renderer, scene, WW, WH, 1.0,
                     audience ? RENDER_FOR_RECORDING : RENDER_FOR_WINDOW);
        framebuffer_read_rgba(WW, WH, pixels[audience]);
    }
    const char *out = getenv("DESCENT_TEST_OUTPUT");
    for (int audience = 0; out && audience < 2; audience++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/record-texts-%s.png", out,
                 audience ? "recording" : "window");
        assert_true(png_write_rgba(path, WW, WH, pixels[audience], &err));
    }
    assert_true(seen[0].hint[0] && seen[0].keys[0] && seen[0].caption[0] == 1);
    assert_true(!seen[1].hint[0] && !seen[1].keys[0] && seen[1].caption[0] == 1);
    /* The hint sits above the caption: the frames differ in their lower
     * half (the status line's keys are in the legend, top left). */
    long differ = 0;
    for (long i = (long)WW * WH / 2; i < (long)WW * WH; i++)
        differ += memcmp(pixels[0] + 4 * i, pixels[1] + 4 * i, 4) != 0;
    assert_true(differ > 100);

    /* The zh hint too. */
    lesson_player_close(&player);
    assert_true(lesson_player_open(&player, HINTS, "zh", NULL, scene, &err));
    assert_string_equal(scene->hint, "按空格键开始");

    lesson_player_close(&player);
    scene_destroy(scene);
    framebuffer_destroy(frame);
    renderer_destroy(renderer);
    gl_context_destroy(gl);
}

/* ------------------------------------------- the welcome lesson itself */

typedef struct HintWatch {
    const Lesson *lesson;
    long hints, keys, texts;     /* texts seen, and how many were hints or keys */
} HintWatch;

static void watch_text(HintWatch *watch, const char *utf8)
{
    watch->texts++;
    /* A hint drawn in the window may be cut short with "…": its first 12
     * bytes (four Chinese characters) tell it. */
    for (size_t k = 0; k < watch->lesson->step_count; k++) {
        const char *hint = watch->lesson->steps[k].hint;
        if (hint[0] && strncmp(utf8, hint, 12) == 0)
            watch->hints++;
    }
    /* The status line's keys (hud.c): "paused (Space plays, . steps)". */
    watch->keys += strstr(utf8, "(Space plays") || strstr(utf8, "h: help");
}

static void watch_recording(void *context, long frame, const char *utf8)
{
    (void)frame;
    watch_text(context, utf8);
}

static void watch_window(void *context, const char *utf8, LayoutRect box, int px)
{
    (void)px;
    (void)box;
    watch_text(context, utf8);
}

/* Every frame of lessons/welcome.lua, in English and Chinese, drawn as
 * `descent record` draws it: none holds one of its hints or a key.  The
 * window's frame of its first step with a hint holds both. */
static void test_welcome_frames(void **state)
{
    (void)state;
    char path[4096];
    DescentError err = {""};
    assert_true(lesson_find("welcome", path, sizeof path, &err));
    const char *langs[] = {"en", "zh"};
    for (int l = 0; l < 2; l++) {
        LessonPlayer timing = {0};
        assert_true(lesson_load(path, langs[l], NULL, &timing.lesson, &err));
        long frames = 0;
        size_t hinted = 0; /* the first step with a hint (step 0 when none has) */
        for (size_t k = timing.lesson.step_count; k-- > 0;) {
            frames += lesson_player_step_frames(&timing, k, 4);
            hinted = timing.lesson.steps[k].hint[0] ? k : hinted;
        }
        HintWatch watch = {.lesson = &timing.lesson};
        char out[] = "/tmp/test_record_texts_welcome_XXXXXX.png";
        int fd = mkstemps(out, 4);
        assert_true(fd >= 0);
        close(fd);
        RecordOptions options = {.output = out, .width = 320, .height = 180, .fps = 4,
                                 .frames = frames, .observe_text = watch_recording,
                                 .observe_context = &watch};
        assert_true(record_scene(&(SceneOptions){.lesson_path = path, .lang = langs[l]},
                                 &options, &err));
        unlink(out);
        assert_true(watch.texts > frames); /* a title and a caption in each */
        assert_int_equal(watch.hints, 0);
        assert_int_equal(watch.keys, 0);

        GlContext *gl = gl_context_create(
            &(GlContextOptions){.title = "test_record_texts", .width = 64, .height = 64}, &err);
        assert_non_null(gl);
        Renderer *renderer = renderer_create(&err);
        assert_non_null(renderer);
        Scene *scene = scene_create(&(SceneOptions){0}, &err);
        assert_non_null(scene);
        LessonPlayer player;
        assert_true(lesson_player_open(&player, path, langs[l], NULL, scene, &err));
        assert_true(lesson_player_show(&player, scene, hinted, &err));
        HintWatch window = {.lesson = &timing.lesson};
        renderer_observe_text(renderer, watch_window, &window);
        render_frame(renderer, scene, 1280, 720, 1.0, RENDER_FOR_WINDOW);
        assert_int_equal(window.hints, timing.lesson.steps[hinted].hint[0] ? 1 : 0);
        assert_int_equal(window.keys, 1);
        lesson_player_close(&player);
        scene_destroy(scene);
        renderer_destroy(renderer);
        gl_context_destroy(gl);
        lesson_player_close(&timing);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reading_seconds),
        cmocka_unit_test(test_step_frames),
        cmocka_unit_test(test_recorded_lesson),
        cmocka_unit_test(test_window_shows_hints),
        cmocka_unit_test(test_welcome_frames),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
