/*
 * test_record.c — the recorder's encoder side without a renderer: output
 * names and formats, the plan's defaults and durations, the ffmpeg child
 * process, frame sinks and the window's live recording fed with synthetic
 * frames.  Frames that went through a sink are decoded again by
 * a separate ffmpeg run and compared with what was fed; the failure cases
 * (no ffmpeg, an unwritable path, an ffmpeg that dies or stops reading)
 * must leave nothing under the output's name or beside it.
 */
#define _XOPEN_SOURCE 700 /* nftw */

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/aside_file.h"
#include "record/ffmpeg.h"
#include "record/frame_sink.h"
#include "record/live.h"
#include "record/record.h"
#include "record/record_output.h"
#include "scene/lesson_player.h"
#include "video_testing.h"

enum { W = 64, H = 48, FRAME_BYTES = W * H * 4 };

static char scratch[256];     /* a fresh directory for each test */
static char real_path[4096];  /* $PATH as the test started */

/* --------------------------------------------------------------- helpers */

static int make_scratch(void **state)
{
    (void)state;
    snprintf(scratch, sizeof scratch, "/tmp/test_record.XXXXXX");
    if (!mkdtemp(scratch))
        return -1;
    return setenv("PATH", real_path, 1);
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    return remove(path);
}

static int remove_scratch(void **state)
{
    (void)state;
    setenv("PATH", real_path, 1);
    return nftw(scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Entries in the scratch directory other than . and .. and `keep`. */
static int scratch_entries(const char *keep)
{
    DIR *dir = opendir(scratch);
    assert_non_null(dir);
    int count = 0;
    for (struct dirent *e; (e = readdir(dir));)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
            (!keep || strcmp(e->d_name, keep) != 0))
            count++;
    closedir(dir);
    return count;
}

static void scratch_path(char *dest, size_t size, const char *name)
{
    snprintf(dest, size, "%s/%s", scratch, name);
}

/* Writes an executable shell script called ffmpeg into dir (with the usual
 * PATH inside it, whatever the test set outside). */
static void write_fake_ffmpeg(const char *dir, const char *body)
{
    char path[512];
    snprintf(path, sizeof path, "%s/ffmpeg", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "#!/bin/sh\nPATH=/usr/bin:/bin\n%s\n", body);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path, 0755), 0);
}

/* Frame k of a test clip: smooth colour ramps that move with k, so lossy
 * codecs reproduce them closely and frames differ. */
static void fill_frame(uint8_t *pixels, int k)
{
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            uint8_t *p = pixels + 4 * (y * W + x);
            p[0] = (uint8_t)(x * 4);
            p[1] = (uint8_t)(y * 5);
            p[2] = (uint8_t)(k * 20);
            p[3] = 255;
        }
}

/* Feeds frames test frames into a sink, each with its rows bottom row
 * first when bottom_up (as GL holds them); true when every submit
 * succeeded. */
static bool feed_rows(FrameSink *sink, int frames, bool bottom_up)
{
    static uint8_t frame[FRAME_BYTES];
    for (int k = 0; k < frames; k++) {
        uint8_t *pixels = frame_sink_buffer(sink);
        fill_frame(frame, k);
        for (int y = 0; y < H; y++)
            memcpy(pixels + (size_t)y * W * 4, frame + (size_t)(bottom_up ? H - 1 - y : y) * W * 4,
                   (size_t)W * 4);
        if (!frame_sink_submit(sink))
            return false;
    }
    return true;
}

static bool feed(FrameSink *sink, int frames)
{
    return feed_rows(sink, frames, false);
}

/* Largest difference between decoded RGB frame k and test frame k. */
static int frame_error(const uint8_t *rgb, int k)
{
    uint8_t expected[FRAME_BYTES];
    fill_frame(expected, k);
    int worst = 0;
    for (int i = 0; i < W * H; i++)
        for (int c = 0; c < 3; c++) {
            int d = abs((int)rgb[3 * i + c] - (int)expected[4 * i + c]);
            worst = d > worst ? d : worst;
        }
    return worst;
}

/* ------------------------------------------------------- output names */

static void test_format_of_names(void **state)
{
    (void)state;
    DescentError err = {""};
    assert_int_equal(record_format_of("a/b.mp4", &err), RECORD_FORMAT_MP4);
    assert_int_equal(record_format_of("CLIP.MP4", &err), RECORD_FORMAT_MP4);
    assert_int_equal(record_format_of("x.webm", &err), RECORD_FORMAT_WEBM);
    assert_int_equal(record_format_of("x.gif", &err), RECORD_FORMAT_GIF);
    assert_int_equal(record_format_of("x.png", &err), RECORD_FORMAT_PNG);
    assert_int_equal(record_format_of("dir/frame_%05d.png", &err), RECORD_FORMAT_PNG_SEQUENCE);
    assert_int_equal(record_format_of("f%d.png", &err), RECORD_FORMAT_PNG_SEQUENCE);
    assert_int_equal(record_format_of("100%%_%03d.png", &err), RECORD_FORMAT_PNG_SEQUENCE);

    assert_int_equal(record_format_of("x.avi", &err), RECORD_FORMAT_UNKNOWN);
    assert_string_equal(err.message, "-o x.avi: unknown output format (use .png, "
                                     "frame_%05d.png, .mp4, .webm or .gif)");
    assert_int_equal(record_format_of(".mp4x", &err), RECORD_FORMAT_UNKNOWN);
    assert_int_equal(record_format_of("mp4", &err), RECORD_FORMAT_UNKNOWN);
    const char *bad_patterns[] = {"a%05d_%03d.png", "a%s.png", "100%.png", "a%%.png", "a%010d.png"};
    for (size_t i = 0; i < sizeof bad_patterns / sizeof bad_patterns[0]; i++) {
        err.message[0] = '\0';
        assert_int_equal(record_format_of(bad_patterns[i], &err), RECORD_FORMAT_UNKNOWN);
        assert_non_null(strstr(err.message, "exactly one frame number"));
    }
}

static void test_frame_path(void **state)
{
    (void)state;
    char name[64];
    assert_true(record_frame_path("dir/frame_%05d.png", 42, name, sizeof name));
    assert_string_equal(name, "dir/frame_00042.png");
    assert_true(record_frame_path("f%d.png", 1234567, name, sizeof name));
    assert_string_equal(name, "f1234567.png");
    assert_true(record_frame_path("100%%_%03d.png", 7, name, sizeof name));
    assert_string_equal(name, "100%_007.png");
    assert_true(record_frame_path("%02d.png", 123, name, sizeof name));
    assert_string_equal(name, "123.png");
    /* "f00042.png" is 10 characters: 11 bytes fit, 10 do not. */
    assert_true(record_frame_path("f%05d.png", 42, name, 11));
    assert_false(record_frame_path("f%05d.png", 42, name, 10));
}

static void test_format_fps(void **state)
{
    (void)state;
    /* GIF: the largest divisor of 100 at most min(fps, 50). */
    const int asked[] = {1, 2, 3, 7, 12, 24, 25, 30, 49, 50, 60, 240};
    const int gif[] = {1, 2, 2, 5, 10, 20, 25, 25, 25, 50, 50, 50};
    for (size_t i = 0; i < sizeof asked / sizeof asked[0]; i++) {
        assert_int_equal(record_format_fps(RECORD_FORMAT_GIF, asked[i]), gif[i]);
        assert_int_equal(100 % gif[i], 0);
        assert_int_equal(record_format_fps(RECORD_FORMAT_MP4, asked[i]), asked[i]);
        assert_int_equal(record_format_fps(RECORD_FORMAT_PNG_SEQUENCE, asked[i]), asked[i]);
    }
}

/* A process that has exited (and been waited for): its PID runs nothing. */
static long dead_pid(void)
{
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0)
        _exit(0);
    waitpid(child, NULL, 0);
    return (long)child;
}

static void touch(const char *name)
{
    char path[512];
    scratch_path(path, sizeof path, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
}

static bool scratch_has(const char *name)
{
    char path[512];
    struct stat st;
    scratch_path(path, sizeof path, name);
    return lstat(path, &st) == 0;
}

/* Asides are new, unique and hidden; a sweep removes those of dead
 * processes (files and folders of frames), never a live one's or anything
 * else. */
static void test_aside_files_and_size(void **state)
{
    (void)state;
    char out[512], a[512], b[512];
    scratch_path(out, sizeof out, "x.mp4");
    DescentError aside_err = {""};
    int fa = aside_create(out, "part", a, sizeof a, &aside_err);
    int fb = aside_create(out, "part", b, sizeof b, &aside_err);
    assert_true(fa >= 0 && fb >= 0);
    close(fa);
    close(fb);
    assert_string_not_equal(a, b);
    char prefix[512];
    snprintf(prefix, sizeof prefix, "%s/" ASIDE_PREFIX "%ld-", scratch, (long)getpid());
    assert_memory_equal(a, prefix, strlen(prefix));
    char short_name[8];
    assert_false(aside_create(out, "part", short_name, sizeof short_name, &aside_err) >= 0);

    char stale[64], stale_dir[64], live[64], frame[128];
    long dead = dead_pid();
    snprintf(stale, sizeof stale, ASIDE_PREFIX "%ld-0000abcd.part", dead);
    snprintf(stale_dir, sizeof stale_dir, ASIDE_PREFIX "%ld-0000abce.frames", dead);
    snprintf(live, sizeof live, ASIDE_PREFIX "%ld-0000abcf.part", (long)getppid());
    snprintf(frame, sizeof frame, "%s/f_001.png", stale_dir);
    touch(stale);
    touch(live);
    touch(".descent-notes");
    touch("keep.png");
    char folder[512];
    scratch_path(folder, sizeof folder, stale_dir);
    assert_int_equal(mkdir(folder, 0777), 0);
    touch(frame);
    aside_sweep(out);
    assert_false(scratch_has(stale));
    assert_false(scratch_has(stale_dir));
    assert_true(scratch_has(live));
    assert_true(scratch_has(".descent-notes"));
    assert_true(scratch_has("keep.png"));
    assert_true(access(a, F_OK) == 0 && access(b, F_OK) == 0); /* this process's own */

    DescentError err = {""};
    assert_true(record_check_size(RECORD_FORMAT_MP4, 640, 480, &err));
    assert_false(record_check_size(RECORD_FORMAT_MP4, 641, 480, &err));
    assert_string_equal(err.message,
                        "frame size 641x480: MP4 (H.264, yuv420p) needs an even width and height");
    assert_false(record_check_size(RECORD_FORMAT_MP4, 640, 481, &err));
    assert_true(record_check_size(RECORD_FORMAT_WEBM, 641, 481, &err));
    assert_true(record_check_size(RECORD_FORMAT_PNG, 1, 1, &err));
    assert_false(record_check_size(RECORD_FORMAT_PNG, 0, 10, &err));
    assert_false(record_check_size(RECORD_FORMAT_PNG, 10, RECORD_MAX_SIZE + 1, &err));
}

static void test_plan_defaults_and_durations(void **state)
{
    (void)state;
    DescentError err = {""};
    RecordPlan plan;
    assert_true(record_plan(&(RecordOptions){.output = "x.mp4"}, false, &plan, &err));
    assert_int_equal(plan.format, RECORD_FORMAT_MP4);
    assert_int_equal(plan.width, RECORD_DEFAULT_WIDTH);
    assert_int_equal(plan.height, RECORD_DEFAULT_HEIGHT);
    assert_int_equal(plan.fps, RECORD_DEFAULT_FPS);
    assert_int_equal(plan.frames, (long)(RECORD_DEFAULT_SECONDS * RECORD_DEFAULT_FPS));

    /* A GIF plays at 25 fps when 30 are asked: 2 s are 50 frames. */
    assert_true(
        record_plan(&(RecordOptions){.output = "x.gif", .seconds = 2}, false, &plan, &err));
    assert_int_equal(plan.fps, 25);
    assert_int_equal(plan.frames, 50);
    /* Part of a frame rounds up: 0.5 s at 25 fps is 13 frames. */
    assert_true(
        record_plan(&(RecordOptions){.output = "x.gif", .seconds = 0.5}, false, &plan, &err));
    assert_int_equal(plan.frames, 13);

    /* A still: the start, or the frame S seconds in. */
    assert_true(record_plan(&(RecordOptions){.output = "x.png"}, false, &plan, &err));
    assert_int_equal(plan.frames, 1);
    assert_true(record_plan(&(RecordOptions){.output = "x.png", .seconds = 0.1, .fps = 30},
                            false, &plan, &err));
    assert_int_equal(plan.frames, 4);
    assert_true(record_plan(&(RecordOptions){.output = "f%d.png", .frames = 7, .fps = 12},
                            false, &plan, &err));
    assert_int_equal(plan.frames, 7);
    assert_int_equal(plan.fps, 12);

    assert_false(record_plan(&(RecordOptions){.output = "x.mp4", .frames = 2, .seconds = 1},
                             false, &plan, &err));
    assert_string_equal(err.message, "give --frames or --seconds, not both");
    assert_false(record_plan(&(RecordOptions){.output = "x.mp4", .fps = RECORD_MAX_FPS + 1},
                             false, &plan, &err));
    assert_false(
        record_plan(&(RecordOptions){.output = "x.mp4", .seconds = 1e9}, false, &plan, &err));
    assert_non_null(strstr(err.message, "more than the"));
    assert_false(record_plan(&(RecordOptions){.output = "x.mp4", .width = 5, .height = 4},
                             false, &plan, &err));
    assert_false(record_plan(&(RecordOptions){.output = "x.mkv"}, false, &plan, &err));

    /* Subtitles and a hold belong to a lesson's captions. */
    assert_false(record_plan(&(RecordOptions){.output = "x.mp4", .subtitles = "x.srt"}, false,
                             &plan, &err));
    assert_string_equal(err.message, "--subtitles needs a lesson: the captions are its steps'");
    assert_true(record_plan(&(RecordOptions){.output = "x.mp4", .subtitles = "x.srt"}, true,
                            &plan, &err));
    assert_false(record_plan(&(RecordOptions){.output = "x.mp4", .subtitles = "x.txt"}, true,
                             &plan, &err));
    assert_string_equal(err.message, "--subtitles x.txt: expected a FILE.srt");
    assert_false(record_plan(&(RecordOptions){.output = "x.mp4", .has_hold = true, .hold = 2},
                             false, &plan, &err));
    assert_string_equal(err.message, "--hold needs a lesson: it holds each step's caption");
    assert_true(record_plan(&(RecordOptions){.output = "x.mp4", .has_hold = true, .hold = 0},
                            true, &plan, &err));
    assert_false(record_plan(&(RecordOptions){.output = "x.mp4", .has_hold = true,
                                              .hold = LESSON_PLAYER_MAX_HOLD + 1},
                             true, &plan, &err));
    assert_string_equal(err.message, "--hold 601: expected seconds from 0 to 600");
}

/* ------------------------------------------------------- ffmpeg process */

static void test_find_ffmpeg(void **state)
{
    (void)state;
    char found[4096], other[300];
    DescentError err = {""};
    assert_int_equal(setenv("PATH", scratch, 1), 0);
    assert_false(ffmpeg_find(found, sizeof found, &err));
    assert_string_equal(err.message, "ffmpeg not found on PATH (install ffmpeg)");

    /* A non-executable file of that name is skipped for a later one. */
    scratch_path(other, sizeof other, "bin");
    assert_int_equal(mkdir(other, 0755), 0);
    write_fake_ffmpeg(other, "exit 0");
    char plain[512];
    scratch_path(plain, sizeof plain, "ffmpeg");
    FILE *f = fopen(plain, "w");
    assert_non_null(f);
    fclose(f);
    char path[1024];
    snprintf(path, sizeof path, "/nonexistent:%s:%s", scratch, other);
    assert_int_equal(setenv("PATH", path, 1), 0);
    assert_true(ffmpeg_find(found, sizeof found, &err));
    snprintf(path, sizeof path, "%s/ffmpeg", other);
    assert_string_equal(found, path);
}

static void test_process_status_and_last_line(void **state)
{
    (void)state;
    DescentError err = {""};
    const char *const echo_back[] = {"sh", "-c",
                               "cat >/dev/null; printf 'first\\nsecond line\\n\\n' >&2; exit 4",
                               NULL};
    FfmpegProcess *p = ffmpeg_start("/bin/sh", echo_back, &err);
    assert_non_null(p);
    assert_true(ffmpeg_write(p, "hello", 5, &err));
    assert_false(ffmpeg_finish(p, &err));
    assert_string_equal(err.message, "ffmpeg failed (exit status 4): second line");

    const char *const killed[] = {"sh", "-c", "kill -9 $$", NULL};
    p = ffmpeg_start("/bin/sh", killed, &err);
    assert_non_null(p);
    assert_false(ffmpeg_finish(p, &err));
    assert_string_equal(err.message, "ffmpeg was killed by signal 9 (Killed)");

    const char *const fine[] = {"sh", "-c", "cat >/dev/null", NULL};
    p = ffmpeg_start("/bin/sh", fine, &err);
    assert_non_null(p);
    assert_true(ffmpeg_finish(p, &err));

    /* Status 0 with an error message is still a failure. */
    const char *const complains[] = {"sh", "-c", "echo 'Error closing file x: No space' >&2",
                                     NULL};
    p = ffmpeg_start("/bin/sh", complains, &err);
    assert_non_null(p);
    assert_false(ffmpeg_finish(p, &err));
    assert_string_equal(err.message, "ffmpeg failed: Error closing file x: No space");

    const char *const missing[] = {"nope", NULL};
    assert_null(ffmpeg_start("/nonexistent/ffmpeg", missing, &err));
    assert_string_equal(err.message,
                        "cannot start /nonexistent/ffmpeg: No such file or directory");
}

/* ------------------------------------------------------------ frame sinks */

static FrameSink *open_sink(const char *name, RecordFormat format, DescentError *err)
{
    static char path[512];
    scratch_path(path, sizeof path, name);
    return frame_sink_open(&(FrameSinkOptions){.path = path, .format = format, .width = W,
                                               .height = H, .fps = 25},
                           err);
}

static void test_mp4_frames_round_trip(void **state)
{
    (void)state;
    DescentError err = {""};
    FrameSink *sink = open_sink("clip.mp4", RECORD_FORMAT_MP4, &err);
    assert_non_null(sink);
    assert_true(feed(sink, 10));
    assert_int_equal(frame_sink_frames(sink), 10);
    assert_true(frame_sink_close(sink, &err));
    assert_int_equal(scratch_entries(NULL), 1); /* clip.mp4 and nothing aside */

    static uint8_t rgb[11 * W * H * 3];
    char path[512];
    scratch_path(path, sizeof path, "clip.mp4");
    assert_int_equal(decode_rgb(path, 0, rgb, sizeof rgb), 10 * W * H * 3);
    /* yuv420p at crf 18 on smooth ramps: within 16 of 255 per channel. */
    for (int k = 0; k < 10; k++)
        assert_in_range(frame_error(rgb + (size_t)k * W * H * 3, k), 0, 16);
}

static void test_png_sequence_and_single_png(void **state)
{
    (void)state;
    DescentError err = {""};
    FrameSink *sink = open_sink("f_%03d.png", RECORD_FORMAT_PNG_SEQUENCE, &err);
    assert_non_null(sink);
    assert_true(feed(sink, 4));
    assert_true(frame_sink_close(sink, &err));
    assert_int_equal(scratch_entries(NULL), 4);
    static uint8_t rgb[W * H * 3 + 1];
    char path[512];
    for (int k = 0; k < 4; k++) {
        char name[32];
        snprintf(name, sizeof name, "f_%03d.png", k);
        scratch_path(path, sizeof path, name);
        assert_int_equal(decode_rgb(path, 0, rgb, sizeof rgb), W * H * 3);
        assert_int_equal(frame_error(rgb, k), 0); /* lossless */
    }

    sink = open_sink("last.png", RECORD_FORMAT_PNG, &err);
    assert_non_null(sink);
    assert_true(feed(sink, 3));
    assert_true(frame_sink_close(sink, &err));
    scratch_path(path, sizeof path, "last.png");
    assert_int_equal(decode_rgb(path, 0, rgb, sizeof rgb), W * H * 3);
    assert_int_equal(frame_error(rgb, 2), 0);
    assert_int_equal(scratch_entries(NULL), 5);
}

static void test_gif_through_palette(void **state)
{
    (void)state;
    DescentError err = {""};
    char palette[512], gif[512];
    scratch_path(palette, sizeof palette, "palette.png");
    scratch_path(gif, sizeof gif, "clip.gif");
    FrameSink *sink = frame_sink_open(&(FrameSinkOptions){.path = palette,
                                                          .format = RECORD_FORMAT_GIF_PALETTE,
                                                          .width = W, .height = H, .fps = 25},
                                      &err);
    assert_non_null(sink);
    assert_true(feed(sink, 5));
    assert_true(frame_sink_close(sink, &err));
    sink = frame_sink_open(&(FrameSinkOptions){.path = gif, .format = RECORD_FORMAT_GIF,
                                               .width = W, .height = H, .fps = 25,
                                               .palette = palette},
                           &err);
    assert_non_null(sink);
    assert_true(feed(sink, 5));
    assert_true(frame_sink_close(sink, &err));
    static uint8_t rgb[6 * W * H * 3];
    assert_int_equal(decode_rgb(gif, 0, rgb, sizeof rgb), 5 * W * H * 3);
    /* 256 colours with ordered dithering: close, not exact. */
    for (int k = 0; k < 5; k++)
        assert_in_range(frame_error(rgb + (size_t)k * W * H * 3, k), 0, 40);
    assert_int_equal(scratch_entries(NULL), 2);
}

/* Records a clip of frames test frames to the scratch file name (a GIF
 * through its palette), their rows bottom row first when bottom_up, and
 * decodes it into rgb (frames * W * H * 3 bytes). */
static void record_clip(const char *name, RecordFormat format, bool bottom_up, int frames,
                        uint8_t *rgb)
{
    DescentError err = {""};
    char path[512], palette[512];
    scratch_path(path, sizeof path, name);
    scratch_path(palette, sizeof palette, "palette.png");
    if (format == RECORD_FORMAT_GIF) {
        FrameSink *sink = frame_sink_open(
            &(FrameSinkOptions){.path = palette, .format = RECORD_FORMAT_GIF_PALETTE, .width = W,
                                .height = H, .fps = 25, .bottom_up = bottom_up},
            &err);
        assert_non_null(sink);
        assert_true(feed_rows(sink, frames, bottom_up));
        assert_true(frame_sink_close(sink, &err));
    }
    FrameSink *sink = frame_sink_open(
        &(FrameSinkOptions){.path = path, .format = format, .width = W, .height = H, .fps = 25,
                            .palette = palette, .bottom_up = bottom_up},
        &err);
    assert_non_null(sink);
    assert_true(feed_rows(sink, frames, bottom_up));
    assert_true(frame_sink_close(sink, &err));
    assert_int_equal(decode_rgb(path, 0, rgb, (size_t)frames * W * H * 3 + 1),
                     (size_t)frames * W * H * 3);
}

/* The recorder hands ffmpeg its frames bottom row first, as GL holds them
 * (framebuffer_read_rgba_bottom_up): the video must be the very one the
 * same frames make top row first, decoded pixel for pixel. */
static void test_bottom_up_frames_make_the_same_video(void **state)
{
    (void)state;
    enum { FRAMES = 6 };
    static const struct {
        const char *name;
        RecordFormat format;
    } videos[] = {{"clip.mp4", RECORD_FORMAT_MP4},
                  {"clip.webm", RECORD_FORMAT_WEBM},
                  {"clip.gif", RECORD_FORMAT_GIF}};
    static uint8_t top_down[FRAMES * W * H * 3 + 1], bottom_up[sizeof top_down];
    for (size_t v = 0; v < sizeof videos / sizeof videos[0]; v++) {
        record_clip(videos[v].name, videos[v].format, false, FRAMES, top_down);
        record_clip(videos[v].name, videos[v].format, true, FRAMES, bottom_up);
        assert_memory_equal(top_down, bottom_up, FRAMES * W * H * 3);
        /* Upright: close to the frames fed (lossy codecs, GIF's dither). */
        assert_in_range(frame_error(top_down, 0), 0, 40);
    }
    /* A PNG has no encoder to turn the rows. */
    DescentError err = {""};
    char png[512];
    scratch_path(png, sizeof png, "frame.png");
    assert_null(frame_sink_open(&(FrameSinkOptions){.path = png, .format = RECORD_FORMAT_PNG,
                                                    .width = W, .height = H, .fps = 25,
                                                    .bottom_up = true},
                                &err));
    assert_non_null(strstr(err.message, "a PNG takes its rows top row first"));
}

static void test_dying_ffmpeg_leaves_nothing(void **state)
{
    (void)state;
    char bin[300];
    scratch_path(bin, sizeof bin, "bin");
    assert_int_equal(mkdir(bin, 0755), 0);
    assert_int_equal(setenv("PATH", bin, 1), 0);
    /* Dies after two frames' worth of input, explaining itself. */
    write_fake_ffmpeg(bin, "head -c 24576 >/dev/null; echo 'starting' >&2;"
                           " echo 'fake encoder: out of cheese' >&2; exit 3");
    DescentError err = {""};
    FrameSink *sink = open_sink("clip.mp4", RECORD_FORMAT_MP4, &err);
    assert_non_null(sink);
    assert_false(feed(sink, 200));
    assert_false(frame_sink_close(sink, &err));
    assert_string_equal(err.message, "ffmpeg failed (exit status 3): fake encoder: out of cheese");
    assert_int_equal(scratch_entries("bin"), 0);

    /* Stops reading but claims success: the broken pipe is the reason. */
    write_fake_ffmpeg(bin, "exec 0<&-; sleep 0.2; exit 0");
    sink = open_sink("clip.webm", RECORD_FORMAT_WEBM, &err);
    assert_non_null(sink);
    assert_false(feed(sink, 200));
    assert_false(frame_sink_close(sink, &err));
    assert_string_equal(err.message, "writing frames to ffmpeg: Broken pipe");
    assert_int_equal(scratch_entries("bin"), 0);

    /* Never reads: the writer blocks on a frame larger than the pipe, and
     * abort must not wait for it (a hang here is the failure). */
    write_fake_ffmpeg(bin, "exec sleep 1000");
    char path[512];
    scratch_path(path, sizeof path, "stuck.mp4");
    sink = frame_sink_open(&(FrameSinkOptions){.path = path, .format = RECORD_FORMAT_MP4,
                                               .width = 1024, .height = 1024, .fps = 25},
                           &err);
    assert_non_null(sink);
    memset(frame_sink_buffer(sink), 0, 1024 * 1024 * 4);
    assert_true(frame_sink_submit(sink));
    usleep(200000); /* time for the writer to be stuck in write() */
    frame_sink_abort(sink);
    assert_int_equal(scratch_entries("bin"), 0);

    /* Reads everything, then fails at the end (as when the disk fills). */
    write_fake_ffmpeg(bin, "cat >/dev/null; echo 'No space left on device' >&2; exit 1");
    sink = open_sink("clip.gif", RECORD_FORMAT_GIF_PALETTE, &err);
    assert_non_null(sink);
    assert_true(feed(sink, 3));
    assert_false(frame_sink_close(sink, &err));
    assert_string_equal(err.message, "ffmpeg failed (exit status 1): No space left on device");
    assert_int_equal(scratch_entries("bin"), 0);
}

static void test_unusable_outputs(void **state)
{
    (void)state;
    DescentError err = {""};
    FrameSink *sink = open_sink("missing/clip.mp4", RECORD_FORMAT_MP4, &err);
    assert_null(sink);
    assert_non_null(strstr(err.message, "missing/clip.mp4: No such file or directory"));
    assert_int_equal(strncmp(err.message, "cannot write ", 13), 0);

    assert_int_equal(setenv("PATH", scratch, 1), 0);
    assert_null(open_sink("clip.mp4", RECORD_FORMAT_MP4, &err));
    assert_string_equal(err.message, "ffmpeg not found on PATH (install ffmpeg)");
    assert_int_equal(scratch_entries(NULL), 0);

    /* Never replace what is not a regular file. */
    assert_null(frame_sink_open(&(FrameSinkOptions){.path = "/dev/null",
                                                    .format = RECORD_FORMAT_PNG,
                                                    .width = W, .height = H, .fps = 25},
                                &err));
    assert_string_equal(err.message,
                        "cannot write /dev/null: it exists and is not a regular file");
    char taken[300];
    scratch_path(taken, sizeof taken, "taken.mp4");
    assert_int_equal(mkdir(taken, 0755), 0);
    assert_null(open_sink("taken.mp4", RECORD_FORMAT_MP4, &err));
    assert_non_null(strstr(err.message, "taken.mp4: it exists and is not a regular file"));
    assert_int_equal(rmdir(taken), 0);

    /* A sequence that fails half-way takes its earlier frames with it. */
    char dir[300];
    scratch_path(dir, sizeof dir, "frames");
    assert_int_equal(mkdir(dir, 0755), 0);
    sink = open_sink("frames/f%d.png", RECORD_FORMAT_PNG_SEQUENCE, &err);
    assert_non_null(sink);
    assert_true(feed(sink, 2));
    frame_sink_abort(sink);
    assert_int_equal(scratch_entries("frames"), 0);
    assert_int_equal(rmdir(dir), 0); /* empty */
}

static void test_live_recording_paces_frames(void **state)
{
    (void)state;
    DescentError err = {""};
    /* An odd window records at the even size below it. */
    LiveRecording *rec = live_recording_start(scratch, W + 1, H + 1, &err);
    assert_non_null(rec);
    int w, h;
    live_recording_size(rec, &w, &h);
    assert_int_equal(w, W);
    assert_int_equal(h, H);
    const char *name = strrchr(live_recording_path(rec), '/') + 1;
    assert_int_equal(strncmp(name, "descent-", 8), 0);
    assert_string_equal(name + strlen(name) - 4, ".mp4");
    char path[512];
    snprintf(path, sizeof path, "%s", live_recording_path(rec));

    /* Window frames at t = 0, 0.01, 0.04 and 0.24 s against video frames
     * every 1/30 s: 1, 0, 1 and 6 of them. */
    const double dts[] = {0.0, 0.01, 0.03, 0.2};
    const int due[] = {1, 0, 1, 6};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(live_recording_frames_due(rec, dts[i]), due[i]);
        if (due[i] > 0) {
            fill_frame(live_recording_buffer(rec), i);
            assert_true(live_recording_submit(rec, due[i]));
        }
    }
    assert_close(live_recording_seconds(rec), 8.0 / LIVE_RECORDING_FPS, 1e-12);
    assert_true(live_recording_stop(rec, &err));

    static uint8_t rgb[9 * W * H * 3];
    assert_int_equal(decode_rgb(path, 0, rgb, sizeof rgb), 8 * W * H * 3);
    const int shows[] = {0, 2, 3, 3, 3, 3, 3, 3}; /* the drawn frame each video frame shows */
    for (int k = 0; k < 8; k++)
        assert_in_range(frame_error(rgb + (size_t)k * W * H * 3, shows[k]), 0, 16);

    /* A second recording in the same second gets its own name. */
    rec = live_recording_start(scratch, W, H, &err);
    assert_non_null(rec);
    assert_string_not_equal(live_recording_path(rec), path);
    fill_frame(live_recording_buffer(rec), 0);
    assert_true(live_recording_submit(rec, 1));
    assert_true(live_recording_stop(rec, &err));
    assert_int_equal(scratch_entries(NULL), 2);
}

int main(void)
{
    const char *path = getenv("PATH");
    snprintf(real_path, sizeof real_path, "%s", path ? path : "/usr/bin:/bin");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_of_names),
        cmocka_unit_test(test_frame_path),
        cmocka_unit_test(test_format_fps),
        cmocka_unit_test_setup_teardown(test_aside_files_and_size, make_scratch, remove_scratch),
        cmocka_unit_test(test_plan_defaults_and_durations),
        cmocka_unit_test_setup_teardown(test_find_ffmpeg, make_scratch, remove_scratch),
        cmocka_unit_test(test_process_status_and_last_line),
        cmocka_unit_test_setup_teardown(test_mp4_frames_round_trip, make_scratch, remove_scratch),
        cmocka_unit_test_setup_teardown(test_png_sequence_and_single_png, make_scratch,
                                        remove_scratch),
        cmocka_unit_test_setup_teardown(test_gif_through_palette, make_scratch, remove_scratch),
        cmocka_unit_test_setup_teardown(test_bottom_up_frames_make_the_same_video, make_scratch,
                                        remove_scratch),
        cmocka_unit_test_setup_teardown(test_dying_ffmpeg_leaves_nothing, make_scratch,
                                        remove_scratch),
        cmocka_unit_test_setup_teardown(test_unusable_outputs, make_scratch, remove_scratch),
        cmocka_unit_test_setup_teardown(test_live_recording_paces_frames, make_scratch,
                                        remove_scratch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
