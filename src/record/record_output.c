/* record_output.c — see record_output.h. */
#include "record_output.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Widest %0Nd accepted: frame numbers of more digits make no sense. */
#define MAX_NUMBER_WIDTH 9

/* Reads the conversion at p (just after a '%'): "%" is a literal percent
 * (*width = -1), "d" or "0Nd" a frame number of width N (0 for plain "d").
 * Returns the length read, 0 when it is not one of these. */
static size_t read_conversion(const char *p, int *width)
{
    if (p[0] == '%') {
        *width = -1;
        return 1;
    }
    if (p[0] == 'd') {
        *width = 0;
        return 1;
    }
    if (p[0] == '0' && p[1] >= '1' && p[1] <= '0' + MAX_NUMBER_WIDTH && p[2] == 'd') {
        *width = p[1] - '0';
        return 3;
    }
    return 0;
}

static bool has_extension(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n > e && strcasecmp(path + n - e, ext) == 0;
}

/* Counts frame-number conversions; -1 when some '%' is none of ours. */
static int count_numbers(const char *pattern)
{
    int numbers = 0;
    for (const char *p = pattern; *p; p++) {
        if (*p != '%')
            continue;
        int width;
        size_t len = read_conversion(p + 1, &width);
        if (len == 0)
            return -1;
        if (width >= 0)
            numbers++;
        p += len;
    }
    return numbers;
}

RecordFormat record_format_of(const char *path, DescentError *err)
{
    static const struct {
        const char *ext;
        RecordFormat format;
    } by_extension[] = {
        {".mp4", RECORD_FORMAT_MP4},
        {".webm", RECORD_FORMAT_WEBM},
        {".gif", RECORD_FORMAT_GIF},
    };
    for (size_t i = 0; i < sizeof by_extension / sizeof by_extension[0]; i++)
        if (has_extension(path, by_extension[i].ext))
            return by_extension[i].format;
    if (!has_extension(path, ".png")) {
        error_set(err, "-o %s: unknown output format (use .png, frame_%%05d.png, .mp4, .webm "
                       "or .gif)", path);
        return RECORD_FORMAT_UNKNOWN;
    }
    if (!strchr(path, '%'))
        return RECORD_FORMAT_PNG;
    if (count_numbers(path) != 1) {
        error_set(err, "-o %s: a PNG sequence needs exactly one frame number such as %%05d "
                       "(and %%%% for a literal %%)", path);
        return RECORD_FORMAT_UNKNOWN;
    }
    const char *slash = strrchr(path, '/');
    if (slash && count_numbers(slash + 1) != 1) {
        error_set(err, "-o %s: the frame number goes in the file name, not a folder's", path);
        return RECORD_FORMAT_UNKNOWN;
    }
    return RECORD_FORMAT_PNG_SEQUENCE;
}

bool record_check_size(RecordFormat format, int width, int height, DescentError *err)
{
    if (width < 1 || height < 1 || width > RECORD_MAX_SIZE || height > RECORD_MAX_SIZE)
        return error_set(err, "frame size %dx%d is out of range (1 to %d)", width, height,
                         RECORD_MAX_SIZE);
    if (format == RECORD_FORMAT_MP4 && (width % 2 != 0 || height % 2 != 0))
        return error_set(err, "frame size %dx%d: MP4 (H.264, yuv420p) needs an even width and "
                              "height", width, height);
    return true;
}

const char *record_format_name(RecordFormat format)
{
    switch (format) {
    case RECORD_FORMAT_PNG: return "png";
    case RECORD_FORMAT_PNG_SEQUENCE: return "png sequence";
    case RECORD_FORMAT_MP4: return "mp4";
    case RECORD_FORMAT_WEBM: return "webm";
    case RECORD_FORMAT_GIF: return "gif";
    case RECORD_FORMAT_GIF_PALETTE: return "gif palette";
    case RECORD_FORMAT_UNKNOWN: break;
    }
    return "unknown";
}

bool record_format_uses_ffmpeg(RecordFormat format)
{
    return format == RECORD_FORMAT_MP4 || format == RECORD_FORMAT_WEBM ||
           format == RECORD_FORMAT_GIF || format == RECORD_FORMAT_GIF_PALETTE;
}

bool record_frame_path(const char *pattern, long index, char *dest, size_t size)
{
    size_t used = 0;
    for (const char *p = pattern; *p; p++) {
        char piece[32] = {*p, '\0'};
        int width;
        size_t len = *p == '%' ? read_conversion(p + 1, &width) : 0;
        if (len > 0 && width < 0)
            piece[0] = '%';
        else if (len > 0)
            snprintf(piece, sizeof piece, "%0*ld", width, index);
        p += len;
        size_t n = strlen(piece);
        if (used + n >= size)
            return false;
        memcpy(dest + used, piece, n);
        used += n;
    }
    if (used >= size)
        return false;
    dest[used] = '\0';
    return true;
}

int record_format_fps(RecordFormat format, int fps)
{
    if (format != RECORD_FORMAT_GIF && format != RECORD_FORMAT_GIF_PALETTE)
        return fps;
    int rate = fps < 50 ? fps : 50;
    while (rate > 1 && 100 % rate != 0)
        rate--;
    return rate;
}
