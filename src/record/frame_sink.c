/* frame_sink.c — see frame_sink.h.
 *
 * The caller fills buffers round-robin and the writer thread drains them in
 * order; `submitted` and `written` count frames, so buffer k % SLOTS is free
 * again once written > k.  Three buffers let rendering run a frame ahead
 * even while the pipe to ffmpeg is full. */
#include "frame_sink.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/aside_file.h"
#include "record/ffmpeg.h"
#include "render/png_write.h"

#define SLOTS 3

struct FrameSink {
    RecordFormat format;
    int width, height, fps;
    bool transparent;
    bool bottom_up;           /* rows come bottom row first: ffmpeg turns them */
    char path[PATH_MAX];
    char aside[PATH_MAX];     /* videos: the hidden name ffmpeg writes */
    char frames[PATH_MAX];    /* sequences: the hidden folder frames go to
                                 until all are written (aside_file.h) */
    char palette[PATH_MAX];   /* GIF: the palette PNG */
    size_t frame_bytes;
    uint8_t *slots[SLOTS];
    bool splice;              /* frames go to ffmpeg by vmsplice: a slot is
                                 reused only once the next frame has been
                                 handed over too (ffmpeg_splice) */
    FfmpegProcess *ffmpeg;

    pthread_t thread;
    bool thread_started;
    pthread_mutex_t lock;
    pthread_cond_t work;      /* a frame was queued, or closing */
    pthread_cond_t space;     /* a frame was written */
    long submitted, written;  /* under lock */
    long stored;              /* frames written successfully (the thread's) */
    bool closing, failed;     /* under lock */
    DescentError error;       /* why writing failed (the thread's) */
};

/* Only a regular file (or nothing) may be replaced by the rename that
 * completes an output: never a directory, a device such as /dev/stdout, a
 * pipe. */
static bool check_replaceable(const char *path, DescentError *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return error_set(err, "cannot write %s: it exists and is not a regular file", path);
    return true;
}

/* ---------------------------------------------------------------- ffmpeg */

/* The encoder's arguments for each format (after the input). */
static const char *const mp4_arguments[] = {
    "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p",
    "-movflags", "+faststart", "-f", "mp4", NULL};
/* Constant quality (-b:v 0).  libvpx's realtime mode: measured on 720p
 * frames of the race, 5x faster than "good" at cpu-used 5 with the same
 * SSIM (0.9915) for a quarter more bytes. */
static const char *const webm_arguments[] = {
    "-c:v", "libvpx-vp9", "-crf", "30", "-b:v", "0", "-deadline", "realtime", "-cpu-used", "6",
    "-row-mt", "1", "-pix_fmt", "yuv420p", "-f", "webm", NULL};
/* VP9 with an alpha plane; libvpx needs alt-ref frames off to encode it. */
static const char *const webm_alpha_arguments[] = {
    "-c:v", "libvpx-vp9", "-crf", "30", "-b:v", "0", "-deadline", "realtime", "-cpu-used", "6",
    "-row-mt", "1", "-pix_fmt", "yuva420p", "-auto-alt-ref", "0", "-f", "webm", NULL};
/* A palette: the frames' filter (below), then one PNG. */
static const char *const palette_arguments[] = {"-c:v", "png", "-update", "1", "-f", "image2",
                                                NULL};
static const char *const gif_arguments[] = {"-loop", "0", "-f", "gif", NULL};

/* The filter graph the frames (ffmpeg's input 0) go through, written into
 * graph; NULL when none.  Bottom-up rows are turned first: vflip only
 * walks them backwards (measured, no more of ffmpeg's time), so every
 * later filter and the encoder see the very frames they would top-down. */
static const char *frame_filter(const FrameSink *sink, char *graph, size_t size)
{
    const char *own = NULL;
    switch (sink->format) {
    case RECORD_FORMAT_GIF_PALETTE:
        /* One palette from every pixel of every frame.  Dropping the
         * (opaque) alpha first keeps ffmpeg 5.1 at about 100 MB: fed RGBA
         * from a pipe it grew by most of a frame per 1080p frame.  With
         * alpha, one palette entry is kept for transparency. */
        own = sink->transparent ? "palettegen=stats_mode=full:reserve_transparent=1"
                                : "format=rgb24,palettegen=stats_mode=full";
        break;
    case RECORD_FORMAT_GIF:
        /* The palette is input 1.  Ordered dithering keeps still areas
         * still from frame to frame, and diff_mode re-encodes only the
         * rectangle that changed. */
        snprintf(graph, size, "%s[1:v]paletteuse=dither=bayer:bayer_scale=4:diff_mode=rectangle",
                 sink->bottom_up ? "[0:v]vflip[frames];[frames]" : "[0:v]");
        return graph;
    default:
        break;
    }
    if (!sink->bottom_up)
        return own;
    snprintf(graph, size, "vflip%s%s", own ? "," : "", own ? own : "");
    return graph;
}

/* Appends the NULL-terminated list to argv[n...]; the new count. */
static size_t append(const char **argv, size_t n, const char *const *list)
{
    while (*list)
        argv[n++] = *list++;
    return n;
}

/* Only MP4 and WebM hold a subtitle track and a title. */
static bool is_video(RecordFormat format)
{
    return format == RECORD_FORMAT_MP4 || format == RECORD_FORMAT_WEBM;
}

/* A video's subtitle track (ffmpeg's input 1) and title, after the
 * encoder's arguments; the new count.  metadata holds the "key=value"
 * texts. */
static size_t append_metadata(const char **argv, size_t n, const FrameSinkOptions *options,
                              char metadata[2][PATH_MAX])
{
    bool video = is_video(options->format);
    if (video && options->subtitles) {
        const char *const track[] = {
            "-map", "0:v", "-map", "1:s", "-c:s",
            options->format == RECORD_FORMAT_MP4 ? "mov_text" : "webvtt", NULL};
        n = append(argv, n, track);
        if (options->language) {
            snprintf(metadata[0], PATH_MAX, "language=%s", options->language);
            argv[n++] = "-metadata:s:s:0";
            argv[n++] = metadata[0];
        }
    }
    if (video && options->title) {
        snprintf(metadata[1], PATH_MAX, "title=%s", options->title);
        argv[n++] = "-metadata";
        argv[n++] = metadata[1];
    }
    return n;
}

/* Creates the hidden output file (so an unwritable directory is our error,
 * not ffmpeg's) and starts ffmpeg reading raw RGBA frames from the pipe. */
static bool start_ffmpeg(FrameSink *sink, const FrameSinkOptions *options, DescentError *err)
{
    char program[PATH_MAX];
    if (!ffmpeg_find(program, sizeof program, err))
        return false;
    int fd = aside_create(sink->path, "part", sink->aside, sizeof sink->aside, err);
    if (fd < 0)
        return false;
    close(fd);

    char size[32], fps[16];
    snprintf(size, sizeof size, "%dx%d", sink->width, sink->height);
    snprintf(fps, sizeof fps, "%d", sink->fps);
    const char *const input[] = {"ffmpeg", "-hide_banner", "-nostats", "-loglevel", "error",
                                 "-f", "rawvideo", "-pix_fmt", "rgba", "-s", size, "-r", fps,
                                 "-i", "-", NULL};
    const char *argv[64];
    char metadata[2][PATH_MAX];
    size_t n = append(argv, 0, input);
    if (sink->format == RECORD_FORMAT_GIF) {
        argv[n++] = "-i";
        argv[n++] = sink->palette;
    } else if (is_video(sink->format) && options->subtitles) {
        argv[n++] = "-i";
        argv[n++] = options->subtitles;
    }
    char graph[256];
    const char *filter = frame_filter(sink, graph, sizeof graph);
    if (filter) {
        argv[n++] = sink->format == RECORD_FORMAT_GIF ? "-lavfi" : "-vf";
        argv[n++] = filter;
    }
    bool alpha = sink->transparent;
    n = append(argv, n, sink->format == RECORD_FORMAT_MP4    ? mp4_arguments
                        : sink->format == RECORD_FORMAT_WEBM ? (alpha ? webm_alpha_arguments
                                                                      : webm_arguments)
                        : sink->format == RECORD_FORMAT_GIF  ? gif_arguments
                                                             : palette_arguments);
    n = append_metadata(argv, n, options, metadata);
    argv[n++] = "-y";
    argv[n++] = sink->aside;
    argv[n] = NULL;
    sink->ffmpeg = ffmpeg_start(program, argv, err);
    /* Whole frames handed over without a copy into the pipe: safe once a
     * frame alone fills the pipe, so that handing over the next one has
     * pushed every page of this one out (ffmpeg.h). */
    sink->splice = sink->ffmpeg && sink->frame_bytes >= ffmpeg_splice_min(sink->ffmpeg);
    return sink->ffmpeg != NULL;
}

/* ----------------------------------------------------------- the writer */

/* Frame index of a sequence: its final name and the name it is written
 * under in the hidden folder (the same file name).  False when either does
 * not fit. */
static bool frame_names(const FrameSink *sink, long index, char *final, char *hidden)
{
    if (!record_frame_path(sink->path, index, final, PATH_MAX))
        return false;
    const char *slash = strrchr(final, '/');
    int n = snprintf(hidden, PATH_MAX, "%s/%s", sink->frames, slash ? slash + 1 : final);
    return n > 0 && n < PATH_MAX;
}

/* Writes frame index from its buffer; on the writer thread. */
static bool write_frame(FrameSink *sink, long index, DescentError *err)
{
    const uint8_t *pixels = sink->slots[index % SLOTS];
    char final[PATH_MAX], hidden[PATH_MAX];
    switch (sink->format) {
    case RECORD_FORMAT_PNG:
        return true; /* only the last frame is kept: written at close */
    case RECORD_FORMAT_PNG_SEQUENCE:
        if (!frame_names(sink, index, final, hidden))
            return error_set(err, "%s: frame name too long", sink->path);
        return check_replaceable(final, err) &&
               png_write_rgba(hidden, sink->width, sink->height, pixels, err);
    case RECORD_FORMAT_MP4:
    case RECORD_FORMAT_WEBM:
    case RECORD_FORMAT_GIF:
    case RECORD_FORMAT_GIF_PALETTE:
        return sink->splice ? ffmpeg_splice(sink->ffmpeg, pixels, sink->frame_bytes, err)
                            : ffmpeg_write(sink->ffmpeg, pixels, sink->frame_bytes, err);
    case RECORD_FORMAT_UNKNOWN:
        break;
    }
    return error_set(err, "%s: unknown output format", sink->path);
}

static void *writer_main(void *arg)
{
    FrameSink *sink = arg;
    pthread_mutex_lock(&sink->lock);
    for (;;) {
        while (sink->written == sink->submitted && !sink->closing)
            pthread_cond_wait(&sink->work, &sink->lock);
        if (sink->written == sink->submitted)
            break;
        long index = sink->written;
        bool skip = sink->failed;
        pthread_mutex_unlock(&sink->lock);
        DescentError error = {""};
        bool ok = skip || write_frame(sink, index, &error);
        pthread_mutex_lock(&sink->lock);
        if (!ok) {
            sink->failed = true;
            sink->error = error;
        } else if (!skip) {
            sink->stored = index + 1;
        }
        sink->written++;
        pthread_cond_broadcast(&sink->space);
    }
    pthread_mutex_unlock(&sink->lock);
    return NULL;
}

/* Starts the writer with SIGPIPE blocked in it (threads inherit the
 * creator's mask), so writing to a dead ffmpeg returns EPIPE. */
static bool start_writer(FrameSink *sink, DescentError *err)
{
    sigset_t pipe_only, old;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, &old);
    int rc = pthread_create(&sink->thread, NULL, writer_main, sink);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0)
        return error_set(err, "cannot start the frame writer: %s", strerror(rc));
    sink->thread_started = true;
    return true;
}

/* Lets the writer finish the queue (or skip it, when discard) and joins it. */
static void stop_writer(FrameSink *sink, bool discard)
{
    if (!sink->thread_started)
        return;
    pthread_mutex_lock(&sink->lock);
    sink->closing = true;
    if (discard && !sink->failed) {
        sink->failed = true;
        error_set(&sink->error, "recording stopped");
    }
    pthread_cond_signal(&sink->work);
    pthread_mutex_unlock(&sink->lock);
    pthread_join(sink->thread, NULL);
    sink->thread_started = false;
}

/* ------------------------------------------------------- open and close */

/* Removes what the sink wrote under its hidden names: the video, the
 * folder of a sequence's frames.  Nothing under the final names. */
static void remove_output(FrameSink *sink)
{
    ffmpeg_kill(sink->ffmpeg);
    sink->ffmpeg = NULL;
    if (sink->aside[0])
        unlink(sink->aside);
    if (sink->frames[0])
        aside_remove_folder(sink->frames);
}

static void destroy(FrameSink *sink)
{
    for (int i = 0; i < SLOTS; i++)
        free(sink->slots[i]);
    pthread_cond_destroy(&sink->space);
    pthread_cond_destroy(&sink->work);
    pthread_mutex_destroy(&sink->lock);
    free(sink);
}

static bool copy_path(char *dest, const char *path, DescentError *err)
{
    if (strlen(path) >= PATH_MAX)
        return error_set(err, "%.64s...: path too long", path);
    strcpy(dest, path);
    return true;
}

FrameSink *frame_sink_open(const FrameSinkOptions *options, DescentError *err)
{
    /* Past a file-size limit (ulimit -f) the kernel would kill the process
     * mid-write and leave a partial file; ignored, the write fails with
     * EFBIG and the usual cleanup runs. */
    signal(SIGXFSZ, SIG_IGN);
    if (!record_check_size(options->format, options->width, options->height, err))
        return NULL;
    if (options->format == RECORD_FORMAT_UNKNOWN ||
        (options->format == RECORD_FORMAT_GIF && !options->palette)) {
        error_set(err, "%s: no format%s", options->path,
                  options->format == RECORD_FORMAT_GIF ? " palette for the GIF" : "");
        return NULL;
    }
    if (options->bottom_up && !record_format_uses_ffmpeg(options->format)) {
        error_set(err, "%s: a PNG takes its rows top row first", options->path);
        return NULL;
    }
    FrameSink *sink = calloc(1, sizeof *sink);
    if (!sink) {
        error_set(err, "out of memory for the recorder");
        return NULL;
    }
    pthread_mutex_init(&sink->lock, NULL);
    pthread_cond_init(&sink->work, NULL);
    pthread_cond_init(&sink->space, NULL);
    sink->format = options->format;
    sink->width = options->width;
    sink->height = options->height;
    sink->fps = options->fps;
    sink->transparent = options->transparent;
    sink->bottom_up = options->bottom_up;
    sink->frame_bytes = (size_t)options->width * (size_t)options->height * 4;
    if (!copy_path(sink->path, options->path, err) ||
        (options->palette && !copy_path(sink->palette, options->palette, err)))
        goto fail;
    for (int i = 0; i < SLOTS; i++) {
        sink->slots[i] = calloc(1, sink->frame_bytes);
        if (!sink->slots[i]) {
            error_set(err, "out of memory for %dx%d frames", sink->width, sink->height);
            goto fail;
        }
    }
    if (sink->format != RECORD_FORMAT_PNG_SEQUENCE && !check_replaceable(sink->path, err))
        goto fail;
    aside_sweep(sink->path);
    if (sink->format == RECORD_FORMAT_PNG_SEQUENCE &&
        !aside_create_folder(sink->path, "frames", sink->frames, sizeof sink->frames, err))
        goto fail;
    if (record_format_uses_ffmpeg(sink->format) && !start_ffmpeg(sink, options, err))
        goto fail;
    if (!start_writer(sink, err))
        goto fail;
    return sink;

fail:
    remove_output(sink);
    destroy(sink);
    return NULL;
}

uint8_t *frame_sink_buffer(FrameSink *sink)
{
    pthread_mutex_lock(&sink->lock);
    while (sink->submitted - sink->written + sink->splice >= SLOTS && !sink->failed)
        pthread_cond_wait(&sink->space, &sink->lock);
    long next = sink->submitted;
    pthread_mutex_unlock(&sink->lock);
    return sink->slots[next % SLOTS];
}

bool frame_sink_submit(FrameSink *sink)
{
    pthread_mutex_lock(&sink->lock);
    sink->submitted++;
    bool ok = !sink->failed;
    pthread_cond_signal(&sink->work);
    pthread_mutex_unlock(&sink->lock);
    return ok;
}

bool frame_sink_repeat(FrameSink *sink)
{
    /* The last frame's buffer is not handed out again before SLOTS - 1
     * more frames, so it is still intact (the writer only reads it). */
    const uint8_t *last = sink->slots[(sink->submitted - 1) % SLOTS];
    memcpy(frame_sink_buffer(sink), last, sink->frame_bytes);
    return frame_sink_submit(sink);
}

long frame_sink_frames(const FrameSink *sink)
{
    return sink->submitted;
}

/* Finishes ffmpeg and moves its file into place.  After a failed write
 * ffmpeg's own verdict is the better reason (it says why it stopped
 * reading); the write's error stands when ffmpeg claims success. */
static bool finish_video(FrameSink *sink, bool written, DescentError *err)
{
    FfmpegProcess *ffmpeg = sink->ffmpeg;
    sink->ffmpeg = NULL;
    if (!ffmpeg_finish(ffmpeg, err))
        return false;
    if (!written) {
        *err = sink->error;
        return false;
    }
    /* An ffmpeg that claims success but wrote nothing (a broken build, a
     * wrapper script) must not leave an empty file under OUT's name. */
    struct stat st;
    if (stat(sink->aside, &st) != 0 || st.st_size == 0)
        return error_set(err, "ffmpeg exited without writing %s", sink->path);
    if (rename(sink->aside, sink->path) != 0)
        return error_set(err, "cannot write %s: %s", sink->path, strerror(errno));
    sink->aside[0] = '\0';
    return true;
}

/* Moves a complete sequence's frames from the hidden folder to their
 * names, after checking that every name can take its frame, so that a
 * failure leaves the frames that were there before untouched. */
static bool finish_sequence(FrameSink *sink, DescentError *err)
{
    char final[PATH_MAX], hidden[PATH_MAX];
    for (long i = 0; i < sink->stored; i++)
        if (!frame_names(sink, i, final, hidden) || !check_replaceable(final, err))
            return false;
    for (long i = 0; i < sink->stored; i++)
        if (frame_names(sink, i, final, hidden) && rename(hidden, final) != 0)
            return error_set(err, "cannot write %s: %s", final, strerror(errno));
    aside_remove_folder(sink->frames);
    sink->frames[0] = '\0';
    return true;
}

bool frame_sink_close(FrameSink *sink, DescentError *err)
{
    stop_writer(sink, false);
    bool written = !sink->failed;
    bool ok = false;
    if (sink->submitted == 0)
        error_set(err, "%s: no frames were recorded", sink->path);
    else if (record_format_uses_ffmpeg(sink->format))
        ok = finish_video(sink, written, err);
    else if (!written)
        *err = sink->error;
    else if (sink->format == RECORD_FORMAT_PNG)
        ok = png_write_rgba(sink->path, sink->width, sink->height,
                            sink->slots[(sink->submitted - 1) % SLOTS], err);
    else
        ok = finish_sequence(sink, err);
    if (!ok)
        remove_output(sink);
    destroy(sink);
    return ok;
}

void frame_sink_abort(FrameSink *sink)
{
    if (!sink)
        return;
    /* A slow or stuck ffmpeg must not hold up the writer's last write. */
    if (sink->ffmpeg)
        ffmpeg_stop(sink->ffmpeg);
    stop_writer(sink, true);
    remove_output(sink);
    destroy(sink);
}
