/*
 * video_testing.h — what the recording tests share on top of testing.h:
 * reading a recorded file back through separate ffmpeg and ffprobe runs
 * (never through the recorder's own code).
 */
#ifndef DESCENT_VIDEO_TESTING_H
#define DESCENT_VIDEO_TESTING_H

#include "testing.h"

#include <stdio.h>

/* Decodes the first `frames` frames of path (0: all of them) as RGB24 into
 * dest; returns the bytes decoded, counting those beyond size too, so a
 * file longer than expected gives a wrong count. */
static inline size_t decode_rgb(const char *path, int frames, uint8_t *dest, size_t size)
{
    char command[4608], limit[32] = "";
    if (frames > 0)
        snprintf(limit, sizeof limit, "-frames:v %d ", frames);
    snprintf(command, sizeof command,
             "ffmpeg -v error -i '%s' %s-f rawvideo -pix_fmt rgb24 - 2>/dev/null", path, limit);
    FILE *pipe = popen(command, "r");
    assert_non_null(pipe);
    size_t n = fread(dest, 1, size, pipe);
    uint8_t rest[64];
    for (size_t more; (more = fread(rest, 1, sizeof rest, pipe)) > 0;)
        n += more;
    assert_int_equal(pclose(pipe), 0);
    return n;
}

/* What ffprobe says of a file's first video stream; frames are counted by
 * decoding them. */
typedef struct VideoProbe {
    char codec[32];
    int width, height;
    long frames;
} VideoProbe;

static inline VideoProbe probe_video(const char *path)
{
    char command[4608];
    snprintf(command, sizeof command,
             "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
             "stream=codec_name,width,height,nb_read_frames -of csv=p=0 '%s'", path);
    FILE *pipe = popen(command, "r");
    assert_non_null(pipe);
    VideoProbe p = {"", 0, 0, -1};
    assert_int_equal(fscanf(pipe, "%31[^,],%d,%d,%ld", p.codec, &p.width, &p.height, &p.frames),
                     4);
    assert_int_equal(pclose(pipe), 0);
    return p;
}

#endif
