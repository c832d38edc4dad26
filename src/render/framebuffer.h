/*
 * framebuffer.h — an off-screen render target of any size, and reading
 * pixels back.
 *
 * The recorder and the frame benchmark draw into a Framebuffer instead of
 * a window: bind it, call render_frame with its size, read it back.  The
 * window draws into one when its drawable exceeds its pixel budget, and
 * shows it scaled.  Needs a current GL context (gl_context.h); the GL
 * objects stay inside.
 */
#ifndef DESCENT_RENDER_FRAMEBUFFER_H
#define DESCENT_RENDER_FRAMEBUFFER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

typedef struct Framebuffer Framebuffer;

/* An RGBA8 colour target, without a depth buffer: nothing drawn into a
 * frame tests depth (the 3D view paints its surface into a target of its
 * own, surface.c), and at 1920x1080 one costs 8.3 MB.  Errors: bad size,
 * GL reports the framebuffer incomplete. */
Framebuffer *framebuffer_create(int width, int height, DescentError *err);
void framebuffer_destroy(Framebuffer *framebuffer);

/* Makes it the target of drawing and reading (NULL: the window's). */
void framebuffer_bind(const Framebuffer *framebuffer);

/* Draws its whole picture scaled (linear filtering) onto the window's
 * framebuffer of width x height pixels, and leaves that bound: the window
 * draws a frame larger than its pixel budget this way. */
void framebuffer_show(const Framebuffer *framebuffer, int width, int height);

/* Reads width x height RGBA8 pixels of the bound framebuffer into dest
 * (4 * width * height bytes), top row first. */
void framebuffer_read_rgba(int width, int height, uint8_t *dest);

/* The same pixels in GL's row order, bottom row first: the cheapest read
 * for a consumer that turns the rows itself.  Measured with Mesa's
 * llvmpipe, a 1280x720 frame took 0.45 ms against framebuffer_read_rgba's
 * 0.67 (1920x1080: 1.02 against 1.32). */
void framebuffer_read_rgba_bottom_up(int width, int height, uint8_t *dest);

#endif
