/* live.c — see live.h. */
#include "live.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "record/frame_sink.h"

/* Most "-N" suffixes tried when recordings start within one second. */
#define MAX_SUFFIX 99

struct LiveRecording {
    FrameSink *sink;
    int width, height;
    double window_time;     /* seconds the window has drawn since the start */
    char path[PATH_MAX];
};

bool live_output_name(const char *dir, const char *extension, char *dest, size_t size,
                      DescentError *err)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm local;
    localtime_r(&now, &local);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    for (int n = 1; n <= MAX_SUFFIX; n++) {
        char suffix[8] = "";
        if (n > 1)
            snprintf(suffix, sizeof suffix, "-%d", n);
        int len = snprintf(dest, size, "%s%sdescent-%s%s.%s", dir ? dir : "",
                           dir && dir[0] && dir[strlen(dir) - 1] != '/' ? "/" : "", stamp,
                           suffix, extension);
        if (len < 0 || (size_t)len >= size)
            return error_set(err, "recording folder name too long");
        if (access(dest, F_OK) != 0)
            return true;
    }
    return error_set(err, "%s: too many files this second", dest);
}

LiveRecording *live_recording_start(const char *dir, int window_width, int window_height,
                                    DescentError *err)
{
    LiveRecording *rec = calloc(1, sizeof *rec);
    if (!rec) {
        error_set(err, "out of memory for a recording");
        return NULL;
    }
    rec->width = window_width & ~1;
    rec->height = window_height & ~1;
    if (!live_output_name(dir, "mp4", rec->path, sizeof rec->path, err)) {
        free(rec);
        return NULL;
    }
    rec->sink = frame_sink_open(&(FrameSinkOptions){.path = rec->path,
                                                    .format = RECORD_FORMAT_MP4,
                                                    .width = rec->width,
                                                    .height = rec->height,
                                                    .fps = LIVE_RECORDING_FPS},
                                err);
    if (!rec->sink) {
        free(rec);
        return NULL;
    }
    return rec;
}

const char *live_recording_path(const LiveRecording *rec)
{
    return rec->path;
}

void live_recording_size(const LiveRecording *rec, int *width, int *height)
{
    *width = rec->width;
    *height = rec->height;
}

int live_recording_frames_due(LiveRecording *rec, double dt)
{
    rec->window_time += dt > 0.0 ? dt : 0.0;
    /* Frame k shows the window at time k / fps: the first drawn frame is
     * frame 0, and a frame is due once the window has reached its time. */
    long reached = (long)(rec->window_time * LIVE_RECORDING_FPS + 1e-9) + 1;
    long queued = frame_sink_frames(rec->sink);
    return reached > queued ? (int)(reached - queued) : 0;
}

uint8_t *live_recording_buffer(LiveRecording *rec)
{
    return frame_sink_buffer(rec->sink);
}

bool live_recording_submit(LiveRecording *rec, int count)
{
    bool ok = frame_sink_submit(rec->sink);
    for (int i = 1; ok && i < count; i++)
        ok = frame_sink_repeat(rec->sink);
    return ok;
}

double live_recording_seconds(const LiveRecording *rec)
{
    return (double)frame_sink_frames(rec->sink) / LIVE_RECORDING_FPS;
}

bool live_recording_stop(LiveRecording *rec, DescentError *err)
{
    bool ok = frame_sink_close(rec->sink, err);
    free(rec);
    return ok;
}
