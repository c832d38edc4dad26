/*
 * live.h — recording what the window shows (the 'v' key, docs/ARCHITECTURE.md §2.1) into an
 * MP4 that plays in real time, while the window goes on drawing.
 *
 * The window draws at whatever rate the display allows; the video runs at
 * a fixed LIVE_RECORDING_FPS.  After each drawn frame the window says how
 * much time passed, and the recording says how many video frames that
 * frame covers (0 when the window draws faster than the video, several
 * when it stalled): the drawn frame is read back once and repeated.
 *
 *   LiveRecording *rec = live_recording_start(dir, w, h, &err);
 *   each drawn frame:
 *       int due = live_recording_frames_due(rec, dt);
 *       if (due > 0) {
 *           framebuffer_read_rgba(width, height, live_recording_buffer(rec));
 *           live_recording_submit(rec, due);       false: it failed, stop
 *       }
 *   live_recording_stop(rec, &err);                the file is complete
 *
 * width and height are the recording's (live_recording_size): the window's
 * size rounded down to even numbers, as H.264 in yuv420p needs, so an odd
 * window loses its top row or right column.  Reading that many pixels of
 * the bound framebuffer gives exactly that.  The window's size must not
 * change while recording: stop first.
 *
 * Like every recording the file is written aside and appears when
 * complete (frame_sink.h); errors are one line for a notice on screen.
 */
#ifndef DESCENT_RECORD_LIVE_H
#define DESCENT_RECORD_LIVE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

#define LIVE_RECORDING_FPS 30

typedef struct LiveRecording LiveRecording;

/* A name for a file the window saves: descent-YYYYMMDD-HHMMSS.EXTENSION in
 * dir (NULL: the current folder), local time, with -2, -3 ... appended
 * when taken, so files saved within one second never replace each other.
 * Errors: the name too long, every suffix taken. */
bool live_output_name(const char *dir, const char *extension, char *dest, size_t size,
                      DescentError *err);

/* Starts an MP4 named by live_output_name in dir (NULL: the current directory) for frames of
 * the window's size in pixels.  Errors: a window smaller than 2x2, no
 * ffmpeg, an unwritable dir. */
LiveRecording *live_recording_start(const char *dir, int window_width, int window_height,
                                    DescentError *err);

/* The file the recording becomes (borrowed). */
const char *live_recording_path(const LiveRecording *recording);

/* The size of the recorded frames: the window's, rounded down to even. */
void live_recording_size(const LiveRecording *recording, int *width, int *height);

/* Counts dt more seconds of the window's time; the number of video frames
 * now due (shown until the next drawn frame). */
int live_recording_frames_due(LiveRecording *recording, double dt);

/* Where to put the drawn frame: 4 * width * height bytes, RGBA, top row
 * first. */
uint8_t *live_recording_buffer(LiveRecording *recording);

/* Queues the frame in the buffer count times.  False once writing failed
 * (live_recording_stop says why). */
bool live_recording_submit(LiveRecording *recording, int count);

/* Seconds of video recorded so far (for a REC indicator). */
double live_recording_seconds(const LiveRecording *recording);

/* Finishes the file and frees recording.  Errors as frame_sink_close. */
bool live_recording_stop(LiveRecording *recording, DescentError *err);

#endif
