/*
 * gl_context.h — an SDL window with an OpenGL 3.3 core context, on screen
 * or not.
 *
 * The live window asks for a visible, resizable window; the recorder and
 * the frame benchmark ask for a hidden one and draw into a Framebuffer
 * (framebuffer.h) of any size.  With SDL_VIDEODRIVER=offscreen, SDL gives
 * Mesa an EGL context with no display server at all.  Under X11 the
 * window is drawn through a child window that only descent sizes
 * (glx_child.h), so that another client resizing the window cannot make
 * the driver draw at a size it cannot; elsewhere SDL's own context draws
 * into the window.  Creating a context initialises SDL's video subsystem;
 * destroying it shuts that down again.  One context at a time; it is
 * current on the creating thread.
 */
#ifndef DESCENT_RENDER_GL_CONTEXT_H
#define DESCENT_RENDER_GL_CONTEXT_H

#include <stdbool.h>

#include <SDL.h>

#include "core/error.h"

typedef struct GlContextOptions {
    const char *title;
    int width, height;   /* window size in screen points */
    bool visible;        /* false: hidden (off-screen rendering) */
    bool resizable;
    bool fullscreen;     /* desktop-sized fullscreen */
    bool vsync;
} GlContextOptions;

typedef struct GlContext GlContext;

/* Errors: SDL cannot start video, no window, no OpenGL 3.3 core context
 * (each with SDL's own message). */
GlContext *gl_context_create(const GlContextOptions *options, DescentError *err);
void gl_context_destroy(GlContext *context);

/* The window (hidden ones too), for events and window management. */
SDL_Window *gl_context_window(const GlContext *context);

/* Most pixels a window's drawable has on a side, whatever the driver
 * allows beyond (see gl_context_bound_size). */
#define GL_CONTEXT_MAX_SIDE 8192

/* The default framebuffer's size in pixels (larger than the window's size
 * in points on high-DPI screens), never more on a side than the driver's
 * limits (GL_MAX_VIEWPORT_DIMS, GL_MAX_RENDERBUFFER_SIZE) and
 * GL_CONTEXT_MAX_SIDE: what is drawn and read, even while a window made
 * larger from outside has not yet shrunk back. */
void gl_context_drawable_size(const GlContext *context, int *width, int *height);

/* The window's size in the units of its pointer's coordinates: SDL's, in
 * points; under X11 (the child) the size the server last gave
 * gl_context_bound_size, in pixels, as X's pointer counts: SDL counts the
 * desktop's after a fullscreen request no window manager carries out
 * (Xvfb, a session without one), and the frame was drawn at 0.71 of its
 * scale (1366x768 in a 1920x1080 screen) until a resize. */
void gl_context_window_size(const GlContext *context, int *width, int *height);

/* Call before each frame: the drawable takes the window's size within
 * those limits, and a window grown past them (a window manager may ignore
 * the maximum size asked at creation; xdotool windowsize does) is shrunk
 * back.  Under X11 the drawable is sized here alone, so a window grown
 * from outside later is drawn at this size until the next call.  Returns
 * the limit in pixels when it had to shrink the window, else 0. */
int gl_context_bound_size(GlContext *context);

/* Whether gl_context_swap waits for vsync (some virtual displays have
 * none, whatever was asked). */
bool gl_context_vsync(const GlContext *context);

/* Shows the frame just drawn (waits for vsync when asked for). */
void gl_context_swap(GlContext *context);

/* The GL renderer's name ("llvmpipe (LLVM 15.0.6, 256 bits)"). */
const char *gl_context_renderer_name(void);

#endif
