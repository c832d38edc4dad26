/*
 * glx_child.h — where an X11 window is drawn: a child window that only
 * descent sizes, with an OpenGL context of its own (used by gl_context.c).
 *
 * Any X client can resize a top-level window (xdotool windowsize), and
 * Mesa sizes a window's buffers from the X server's size of the window
 * drawn into, once per frame: llvmpipe crashes on 32767x32767 (its buffer
 * size overflows 32 bits).  Checked before each frame, a window grown by
 * another client between the check and Mesa's own query still crashed it
 * (docs/ARCHITECTURE.md §2.1, window size).  Drawn into a child window at
 * the top-level's corner, sized by descent alone before each frame, Mesa
 * never sees a size descent did not set.
 *
 * The child has the top-level's visual (the one SDL chose for OpenGL) and
 * selects no events: pointer and key events pass on to the top-level,
 * where SDL reads them, in the same coordinates (the child sits at 0,0).
 */
#ifndef DESCENT_RENDER_GLX_CHILD_H
#define DESCENT_RENDER_GLX_CHILD_H

#include <stdbool.h>

#include <SDL.h>

typedef struct GlxChild GlxChild;

/* A child of window (an SDL window made with SDL_WINDOW_OPENGL), at most
 * max_side pixels a side, and an OpenGL 3.3 core context current on it,
 * swapping on vsync (adaptive where offered) when asked.  NULL where
 * window is no X11 window or GLX gives no such context: SDL's own
 * context is the one to draw with then. */
GlxChild *glx_child_create(SDL_Window *window, int max_side, bool vsync);
void glx_child_destroy(GlxChild *child);

/* Sizes the child to the top-level window, at most max_side pixels a
 * side, and shrinks a top-level grown past that back to it.  Returns
 * max_side when the top-level was too large, else 0. */
int glx_child_bound(GlxChild *child, int max_side);

/* The child's size in pixels, as last set. */
void glx_child_size(const GlxChild *child, int *width, int *height);

/* Whether a swap waits for vsync. */
bool glx_child_vsync(const GlxChild *child);

void glx_child_swap(GlxChild *child);

#endif
