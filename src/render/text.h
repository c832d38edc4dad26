/*
 * text.h — text rasterised with SDL2_ttf from system fonts found through
 * fontconfig, cached as GL textures.  Internal to src/render.
 *
 * The main face is DejaVu Sans (fonts-dejavu-core); characters it lacks
 * (Chinese captions) come from a CJK face (Noto Sans CJK) when fontconfig
 * knows one, opened at a size only when a string at that size needs it.
 * Each distinct (string, pixel size) becomes one texture of white text with
 * coverage in alpha; text_end_frame frees textures not used for a while,
 * and beyond 4 MB of them the least recently used that the last frame did
 * not use.
 */
#ifndef DESCENT_RENDER_TEXT_H
#define DESCENT_RENDER_TEXT_H

#include <stdbool.h>
#include <stdint.h>

#include <epoxy/gl.h>

#include "core/error.h"

typedef struct Text Text;

typedef struct TextImage {
    GLuint texture;     /* 0 for the empty string */
    int width, height;  /* pixels */
} TextImage;

/* Begins finding the faces (fontconfig's start and its matches, 7 to 13
 * ms, which need no GL) on a thread; the next text_create takes what it
 * finds instead of searching itself.  See renderer_prepare. */
void text_prepare(void);

/* Errors: SDL2_ttf does not start, fontconfig finds no usable main face. */
Text *text_create(DescentError *err);
void text_destroy(Text *text);

/* The image of utf8 at px pixels (valid until text_end_frame evicts it,
 * which never happens to an image used in the current frame). */
TextImage text_image(Text *text, const char *utf8, int px);

/* Width in pixels of utf8 at px pixels, without rasterising it. */
int text_measure(Text *text, const char *utf8, int px);

/* Decodes the UTF-8 character at s; *len receives its length in bytes (1
 * for a malformed byte, decoded as U+FFFD). */
uint32_t utf8_next(const unsigned char *s, int *len);

/* Line height of the main face at px pixels. */
int text_line_height(Text *text, int px);

/* Frees images unused for a while. */
void text_end_frame(Text *text);

#endif
