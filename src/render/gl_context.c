/* gl_context.c — see gl_context.h. */
#include "gl_context.h"

#include <stdlib.h>
#include <string.h>

#include <epoxy/gl.h>

struct GlContext {
    SDL_Window *window;
    SDL_GLContext gl;
};

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
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 24);

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
    context->gl = SDL_GL_CreateContext(context->window);
    if (!context->gl) {
        error_set(err, "cannot create an OpenGL 3.3 core context: %s", SDL_GetError());
        goto fail;
    }
    if (epoxy_gl_version() < 33) {
        error_set(err, "OpenGL 3.3 is needed, the driver gives %d.%d",
                  epoxy_gl_version() / 10, epoxy_gl_version() % 10);
        goto fail;
    }
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
    SDL_GL_GetDrawableSize(context->window, width, height);
}

void gl_context_swap(GlContext *context)
{
    SDL_GL_SwapWindow(context->window);
}

const char *gl_context_renderer_name(void)
{
    return (const char *)glGetString(GL_RENDERER);
}
