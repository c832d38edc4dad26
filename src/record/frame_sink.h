/*
 * frame_sink.h — where recorded frames go: a PNG, a PNG sequence, or an
 * ffmpeg child encoding MP4, WebM or GIF (record_output.h), written by a
 * thread of its own so the caller renders frame k+1 while frame k is being
 * written or encoded.  Frames of at least a pipe's capacity go to ffmpeg
 * by vmsplice, without a copy into the pipe (ffmpeg.h).
 *
 * Start / feed / stop:
 *
 *   FrameSink *sink = frame_sink_open(&(FrameSinkOptions){...}, &err);
 *   for each frame:
 *       uint8_t *pixels = frame_sink_buffer(sink);   fill it (RGBA, top row first,
 *                                                    or bottom row first: bottom_up)
 *       if (!frame_sink_submit(sink)) break;         the sink has failed
 *   ok = frame_sink_close(sink, &err);               complete, or the reason it is not
 *
 * Safe output: a video is written under a unique hidden name beside the
 * path (aside_file.h) and renamed when ffmpeg has finished with exit status
 * 0; a PNG is written aside and renamed (png_write.h); a sequence's frames
 * go to a hidden folder beside them and are moved to their names only once
 * every frame is written.  When anything fails, or on frame_sink_abort,
 * the hidden file or folder is removed and nothing under the path changes:
 * the frames of an earlier sequence stay as they were.  Opening a sink
 * first removes the hidden files and folders that dead processes left in
 * its folder (aside_sweep).
 *
 * The writer thread blocks SIGPIPE, so an ffmpeg that dies half-way is an
 * error the sink reports (quoting ffmpeg's last message), not a signal that
 * kills the program.  The process's signal dispositions are not touched.
 */
#ifndef DESCENT_RECORD_FRAME_SINK_H
#define DESCENT_RECORD_FRAME_SINK_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "record/record_output.h"

typedef struct FrameSinkOptions {
    const char *path;         /* the output name (a sequence pattern for sequences) */
    RecordFormat format;
    int width, height;        /* pixels of every frame (record_check_size) */
    int fps;                  /* frames per second the video plays at */
    const char *palette;      /* RECORD_FORMAT_GIF: the PNG a RECORD_FORMAT_GIF_PALETTE
                                 sink made from the same frames */
    bool transparent;         /* keep alpha: WebM as yuva420p, a GIF palette with a
                                 transparent entry (PNGs always keep it) */
    const char *subtitles;    /* MP4, WebM: an SRT file (UTF-8) the video carries as
                                 its subtitle track (mov_text, WebVTT); NULL: none */
    const char *language;     /* the track's ISO 639-2 language ("eng"), or NULL */
    const char *title;        /* MP4, WebM: the video's title (UTF-8), or NULL */
    bool bottom_up;           /* MP4, WebM, GIF: frames come bottom row first, as GL
                                 holds them (framebuffer_read_rgba_bottom_up), and
                                 ffmpeg turns them; the video is the same */
} FrameSinkOptions;

typedef struct FrameSink FrameSink;

/* Errors: a size the format cannot hold, no ffmpeg on PATH, the path's
 * directory missing or not writable, the path naming something other than
 * a regular file (a directory, /dev/stdout), ffmpeg not starting, out of
 * memory, bottom_up with a PNG format. */
FrameSink *frame_sink_open(const FrameSinkOptions *options, DescentError *err);

/* The buffer for the next frame, 4 * width * height bytes, waiting while
 * every buffer is still queued for writing.  Valid until the next submit. */
uint8_t *frame_sink_buffer(FrameSink *sink);

/* Queues the frame filled in the buffer.  False once writing has failed;
 * frame_sink_close then says why. */
bool frame_sink_submit(FrameSink *sink);

/* Queues the frame submitted last once more (a still moment in a video).
 * False as frame_sink_submit; at least one frame must have been submitted. */
bool frame_sink_repeat(FrameSink *sink);

/* Waits for every queued frame, finishes the file and moves it into place,
 * then frees sink.  A single PNG receives the last frame submitted.
 * Errors: a frame failing to write (full disk, ffmpeg gone: its last
 * message), ffmpeg failing, no frame at all, the rename failing. */
bool frame_sink_close(FrameSink *sink, DescentError *err);

/* Stops at once, removes whatever was written and frees sink (NULL is
 * fine). */
void frame_sink_abort(FrameSink *sink);

/* Frames submitted so far. */
long frame_sink_frames(const FrameSink *sink);

#endif
