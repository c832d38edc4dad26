/* gl_context.c — see gl_context.h. */
#include "gl_context.h"

#include <stdlib.h>
#include <string.h>

#include <epoxy/gl.h>

#include "glx_child.h"

struct GlContext {
    SDL_Window *window;
    GlxChild *child;   /* under X11: drawn into, with its own context */
    SDL_GLContext gl;  /* elsewhere: SDL's context on the window */
    int max_pixels;    /* the largest drawable width and height drawn into */
};

/* The largest drawable side: what the driver can draw into (a viewport and
 * a renderbuffer, which the recorder reads through), and at most
 * GL_CONTEXT_MAX_SIDE, since llvmpipe takes seconds and gigabytes for a
 * frame of 16000x16000 (measured: 8 s, 3.2 GB) and crashes at 32767. */
static int max_drawable_side(void)
{
    GLint viewport[2] = {0, 0}, renderbuffer = 0;
    glGetIntegerv(GL_MAX_VIEWPORT_DIMS, viewport);
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &renderbuffer);
    int side = GL_CONTEXT_MAX_SIDE;
    const GLint limits[] = {viewport[0], viewport[1], renderbuffer};
    for (size_t k = 0; k < sizeof limits / sizeof limits[0]; k++)
        if (limits[k] > 0 && limits[k] < side)
            side = limits[k];
    return side;
}

GlContext *gl_context_create(const GlContextOptions *options, DescentError *err)
{
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        error_set(err, "cannot start SDL video: %s", SDL_GetError());
        return NULL;
    }
    /* With no display SDL quietly falls back to its off-screen driver: a
     * window nobody can see would run until killed.  Off-screen is only
     * right when asked for (SDL_VIDEODRIVER=offscreen) or not visible. */
    const char *driver = SDL_GetCurrentVideoDriver();
    const char *asked = getenv("SDL_VIDEODRIVER");
    if (options->visible && driver && strcmp(driver, "offscreen") == 0 &&
        !(asked && strcmp(asked, "offscreen") == 0)) {
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        error_set(err, "no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset); "
                       "descent record renders without one");
        return NULL;
    }
    GlContext *context = calloc(1, sizeof *context);
    if (!context) {
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        error_set(err, "out of memory for the GL context");
        return NULL;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_RED_SIZE, 8);
    SDL_GL_SetAttribute(SDL_GL_GREEN_SIZE, 8);
    SDL_GL_SetAttribute(SDL_GL_BLUE_SIZE, 8);
    /* No depth buffer: nothing is drawn into the window with a depth test
     * (the 3D surface is painted into a framebuffer of its own, surface.c),
     * and a window's 24-bit depth buffer is 8 MB resident at 1920x1080 on
     * llvmpipe (bench_memory_floor: 83.2 MB with it, 75.3 without).  SDL's
     * default asks for 16 bits. */
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);

    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
    flags |= options->visible ? SDL_WINDOW_SHOWN : SDL_WINDOW_HIDDEN;
    if (options->resizable)
        flags |= SDL_WINDOW_RESIZABLE;
    if (options->fullscreen)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    context->window = SDL_CreateWindow(options->title ? options->title : "descent",
                                       SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                       options->width, options->height, flags);
    if (!context->window) {
        error_set(err, "cannot open a window: %s", SDL_GetError());
        goto fail;
    }
    /* Under X11 the window is drawn through a child only descent sizes
     * (glx_child.h); where that cannot be made, SDL draws into the window. */
    context->child = glx_child_create(context->window, GL_CONTEXT_MAX_SIDE, options->vsync);
    if (!context->child)
        context->gl = SDL_GL_CreateContext(context->window);
    if (!context->child && !context->gl) {
        error_set(err, "cannot create an OpenGL 3.3 core context: %s", SDL_GetError());
        goto fail;
    }
    if (epoxy_gl_version() < 33) {
        error_set(err, "OpenGL 3.3 is needed, the driver gives %d.%d",
                  epoxy_gl_version() / 10, epoxy_gl_version() % 10);
        goto fail;
    }
    context->max_pixels = max_drawable_side();
    if (context->child)
        return context;
    /* Tearing-free when asked; adaptive vsync first, plain vsync else. */
    if (options->vsync && SDL_GL_SetSwapInterval(-1) != 0)
        SDL_GL_SetSwapInterval(1);
    if (!options->vsync)
        SDL_GL_SetSwapInterval(0);
    return context;

fail:
    gl_context_destroy(context);
    return NULL;
}

void gl_context_destroy(GlContext *context)
{
    if (!context)
        return;
    glx_child_destroy(context->child);
    if (context->gl)
        SDL_GL_DeleteContext(context->gl);
    if (context->window)
        SDL_DestroyWindow(context->window);
    free(context);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

SDL_Window *gl_context_window(const GlContext *context)
{
    return context->window;
}

void gl_context_drawable_size(const GlContext *context, int *width, int *height)
{
    if (context->child) {
        glx_child_size(context->child, width, height);
        return;
    }
    SDL_GL_GetDrawableSize(context->window, width, height);
    *width = *width < context->max_pixels ? *width : context->max_pixels;
    *height = *height < context->max_pixels ? *height : context->max_pixels;
}

void gl_context_window_size(const GlContext *context, int *width, int *height)
{
    if (context->child)
        glx_child_size(context->child, width, height);
    else
        SDL_GetWindowSize(context->window, width, height);
}

int gl_context_bound_size(GlContext *context)
{
    if (context->child)
        return glx_child_bound(context->child, context->max_pixels);
    int w, h, points_w, points_h;
    SDL_GL_GetDrawableSize(context->window, &w, &h);
    if (w <= context->max_pixels && h <= context->max_pixels)
        return 0;
    SDL_GetWindowSize(context->window, &points_w, &points_h);
    /* Points per pixel, from the larger side (the more precise ratio). */
    double ratio = w >= h ? (double)points_w / w : (double)points_h / h;
    int max_points = (int)(context->max_pixels * ratio);
    SDL_SetWindowSize(context->window, points_w < max_points ? points_w : max_points,
                      points_h < max_points ? points_h : max_points);
    return context->max_pixels;
}

bool gl_context_vsync(const GlContext *context)
{
    return context->child ? glx_child_vsync(context->child) : SDL_GL_GetSwapInterval() != 0;
}

void gl_context_swap(GlContext *context)
{
    if (context->child)
        glx_child_swap(context->child);
    else
        SDL_GL_SwapWindow(context->window);
}
const char *gl_context_renderer_name(void)
{
    return (const char *)glGetString(GL_RENDERER);
}
