/* png_write.c — see png_write.h. */
#include "png_write.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <png.h>

#include "core/aside_file.h"

/* libpng reports errors by longjmp; keep its message for ours. */
typedef struct PngFailure {
    jmp_buf jump;
    char message[200];
} PngFailure;

static void on_png_error(png_structp png, png_const_charp message)
{
    PngFailure *failure = png_get_error_ptr(png);
    snprintf(failure->message, sizeof failure->message, "%s", message);
    longjmp(failure->jump, 1);
}

static void on_png_warning(png_structp png, png_const_charp message)
{
    (void)png;
    (void)message;
}

/* libpng's own writer says only "Write Error"; this one says why (a full
 * disk, a file-size limit). */
static void write_data(png_structp png, png_bytep data, size_t length)
{
    FILE *file = png_get_io_ptr(png);
    if (fwrite(data, 1, length, file) != length)
        png_error(png, strerror(errno));
}

static void flush_data(png_structp png)
{
    FILE *file = png_get_io_ptr(png);
    if (fflush(file) != 0)
        png_error(png, strerror(errno));
}

/* Writes the image to an open file; false with failure->message set. */
static bool write_image(FILE *file, int width, int height, const uint8_t *pixels,
                        PngFailure *failure)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, failure, on_png_error,
                                              on_png_warning);
    if (!png) {
        snprintf(failure->message, sizeof failure->message, "out of memory");
        return false;
    }
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(failure->jump)) {
        png_destroy_write_struct(&png, info ? &info : NULL);
        return false;
    }
    png_set_write_fn(png, file, write_data, flush_data);
    png_set_compression_level(png, 6);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGBA,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < height; y++)
        png_write_row(png, pixels + (size_t)y * (size_t)width * 4);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return true;
}

bool png_write_rgba(const char *path, int width, int height, const uint8_t *pixels,
                    DescentError *err)
{
    char aside[4096];
    int fd = aside_create(path, "part", aside, sizeof aside, err);
    if (fd < 0)
        return false;
    FILE *file = fdopen(fd, "wb");
    if (!file) {
        int saved_errno = errno;
        close(fd);
        remove(aside);
        return error_set(err, "cannot write %s: %s", path, strerror(saved_errno));
    }
    PngFailure failure = {.message = ""};
    bool written = write_image(file, width, height, pixels, &failure);
    int saved_errno = errno;
    if (fclose(file) != 0 && written) {
        saved_errno = errno;
        written = false;
        snprintf(failure.message, sizeof failure.message, "%s", strerror(saved_errno));
    }
    if (!written) {
        remove(aside);
        return error_set(err, "cannot write %s: %s", path,
                         failure.message[0] ? failure.message : strerror(saved_errno));
    }
    if (rename(aside, path) != 0) {
        saved_errno = errno;
        remove(aside);
        return error_set(err, "cannot write %s: %s", path, strerror(saved_errno));
    }
    return true;
}
