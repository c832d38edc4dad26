/*
 * record_output.h — what a recording's output name means (docs/CLI.md §6): the
 * format OUT's form picks, frame names of PNG sequences and the frame rate
 * a format can really play.
 *
 * Pure string work: nothing here touches the file system.
 */
#ifndef DESCENT_RECORD_OUTPUT_H
#define DESCENT_RECORD_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

typedef enum RecordFormat {
    RECORD_FORMAT_UNKNOWN = 0,
    RECORD_FORMAT_PNG,          /* x.png: one frame, the last one rendered */
    RECORD_FORMAT_PNG_SEQUENCE, /* dir/frame_%05d.png: one file per frame, from 0 */
    RECORD_FORMAT_MP4,          /* x.mp4: H.264 (libx264), yuv420p, +faststart */
    RECORD_FORMAT_WEBM,         /* x.webm: VP9 (libvpx-vp9), yuv420p */
    RECORD_FORMAT_GIF,          /* x.gif: one 256-colour palette for the whole clip */
    RECORD_FORMAT_GIF_PALETTE,  /* a GIF's palette (a 16x16 PNG) made from its frames */
} RecordFormat;

/* The format path's extension (case-insensitive) names; a .png path with a
 * printf-style frame number (%d or %0Nd) is a sequence.  Errors (returning
 * RECORD_FORMAT_UNKNOWN): an extension descent does not write, a sequence
 * pattern with no or several numbers or another '%' conversion, a number
 * in a folder's name (a sequence's frames share one folder). */
RecordFormat record_format_of(const char *path, DescentError *err);

#define RECORD_MAX_SIZE 16384

/* Errors: a width or height outside 1 .. RECORD_MAX_SIZE, an odd width or
 * height for MP4 (x264 cannot encode yuv420p at odd sizes). */
bool record_check_size(RecordFormat format, int width, int height, DescentError *err);

/* Lower-case name for messages ("mp4", "png sequence"). */
const char *record_format_name(RecordFormat format);

/* True for the formats encoded by an ffmpeg child process. */
bool record_format_uses_ffmpeg(RecordFormat format);

/* The file name of frame index of a sequence pattern (checked by
 * record_format_of).  False when it does not fit in size bytes. */
bool record_frame_path(const char *pattern, long index, char *dest, size_t size);

/* The frame rate the format plays fps at.  GIF delays are whole hundredths
 * of a second and browsers slow down delays under 2/100 s, so a GIF runs at
 * the largest divisor of 100 that is at most min(fps, 50); every other
 * format keeps fps. */
int record_format_fps(RecordFormat format, int fps);

#endif
