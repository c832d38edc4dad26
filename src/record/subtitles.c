/* subtitles.c — see subtitles.h. */
#include "subtitles.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define SRT_TIME_SIZE 48

/* "HH:MM:SS,mmm" of frame at fps into dest[SRT_TIME_SIZE]. */
static void srt_time(long frame, int fps, char *dest)
{
    long long ms = ((long long)frame * 1000 + fps / 2) / fps;
    snprintf(dest, SRT_TIME_SIZE, "%02lld:%02lld:%02lld,%03lld", ms / 3600000, ms / 60000 % 60,
             ms / 1000 % 60, ms % 1000);
}

/* The cue's text, one line per line of text, blank lines left out. */
static void write_text(FILE *file, const char *text)
{
    while (*text) {
        size_t len = strcspn(text, "\r\n");
        if (len > 0)
            fprintf(file, "%.*s\r\n", (int)len, text);
        text += len;
        text += strspn(text, "\r\n");
    }
}

bool subtitles_write_srt(const char *path, const char *name, const SubtitleCue *cues,
                         size_t count, int fps, DescentError *err)
{
    FILE *file = fopen(path, "wb");
    if (!file)
        return error_set(err, "cannot write %s: %s", name, strerror(errno));
    for (size_t i = 0; i < count; i++) {
        char first[SRT_TIME_SIZE], end[SRT_TIME_SIZE];
        srt_time(cues[i].first, fps, first);
        srt_time(cues[i].end, fps, end);
        fprintf(file, "%zu\r\n%s --> %s\r\n", i + 1, first, end);
        write_text(file, cues[i].text);
        fputs("\r\n", file);
    }
    bool ok = !ferror(file);
    ok = fclose(file) == 0 && ok;
    if (!ok) {
        int error = errno ? errno : EIO;
        unlink(path);
        return error_set(err, "cannot write %s: %s", name, strerror(error));
    }
    return true;
}
