/* glx_child.c — see glx_child.h. */
#include "glx_child.h"

#include <stdlib.h>

#include <SDL_syswm.h>
#include <epoxy/glx.h>

struct GlxChild {
    Display *display;   /* SDL's connection: SDL reads the events */
    Window top;         /* SDL's window, which anyone may resize */
    Window child;       /* drawn into; sized here alone */
    GLXContext gl;
    int width, height;  /* the child's size, as last set */
    bool vsync;         /* a swap waits for vsync */
};

/* An X error while the child and its context are made (a visual GLX
 * cannot draw, a context version it lacks) means no child, not Xlib's
 * default of ending the program. */
static int x_error;

static int note_x_error(Display *display, XErrorEvent *event)
{
    (void)display;
    x_error = event->error_code;
    return 0;
}

/* The frame buffer configuration of the top-level's visual, which SDL
 * chose for what gl_context.c asks (8 bits a colour, no depth buffer,
 * double-buffered): the child's pixels have the top-level's format. */
static GLXFBConfig config_of_visual(Display *display, int screen, VisualID visual)
{
    static const int wanted[] = {
        GLX_RENDER_TYPE, GLX_RGBA_BIT, GLX_DRAWABLE_TYPE, GLX_WINDOW_BIT,
        GLX_DOUBLEBUFFER, True, GLX_RED_SIZE, 8, GLX_GREEN_SIZE, 8, GLX_BLUE_SIZE, 8,
        GLX_DEPTH_SIZE, 0, None,
    };
    int count = 0;
    GLXFBConfig *configs = glXChooseFBConfig(display, screen, wanted, &count);
    GLXFBConfig found = NULL;
    for (int k = 0; configs && k < count && !found; k++) {
        int id = 0;
        if (glXGetFBConfigAttrib(display, configs[k], GLX_VISUAL_ID, &id) == Success &&
            (VisualID)id == visual)
            found = configs[k];
    }
    if (configs)
        XFree(configs);
    return found;
}

/* Adaptive vsync where offered (a late frame shows at once), plain vsync
 * else, as gl_context.c asks of SDL; returns whether a swap now waits. */
static bool set_swap_interval(const GlxChild *c, int screen, bool vsync)
{
    unsigned interval = 0;
    if (epoxy_has_glx_extension(c->display, screen, "GLX_EXT_swap_control")) {
        bool tear = epoxy_has_glx_extension(c->display, screen, "GLX_EXT_swap_control_tear");
        glXSwapIntervalEXT(c->display, c->child, vsync ? (tear ? -1 : 1) : 0);
        glXQueryDrawable(c->display, c->child, GLX_SWAP_INTERVAL_EXT, &interval);
    } else if (epoxy_has_glx_extension(c->display, screen, "GLX_MESA_swap_control")) {
        glXSwapIntervalMESA(vsync ? 1 : 0);
        interval = (unsigned)glXGetSwapIntervalMESA();
    }
    return interval != 0;
}

static int smaller(int a, int b)
{
    return a < b ? a : b;
}

/* The child, at the top-level's size within max_side, its context made
 * current; false on failure (what was made is left for the caller to
 * free).  *screen: the top-level's screen. */
static bool make_child(GlxChild *c, int max_side, int *screen)
{
    XWindowAttributes top;
    if (!XGetWindowAttributes(c->display, c->top, &top) || !epoxy_has_glx(c->display))
        return false;
    *screen = XScreenNumberOfScreen(top.screen);
    if (!epoxy_has_glx_extension(c->display, *screen, "GLX_ARB_create_context_profile"))
        return false;
    GLXFBConfig config = config_of_visual(c->display, *screen, XVisualIDFromVisual(top.visual));
    if (!config)
        return false;
    /* No background: the server leaves the pixels alone on a resize and
     * the next frame draws them (no flash of a cleared window). */
    XSetWindowAttributes attributes = {.background_pixmap = None, .border_pixel = 0,
                                       .colormap = top.colormap};
    c->width = smaller(top.width, max_side);
    c->height = smaller(top.height, max_side);
    c->child = XCreateWindow(c->display, c->top, 0, 0, (unsigned)c->width, (unsigned)c->height,
                             0, top.depth, InputOutput, top.visual,
                             CWBackPixmap | CWBorderPixel | CWColormap, &attributes);
    XMapWindow(c->display, c->child);
    static const int version[] = {
        GLX_CONTEXT_MAJOR_VERSION_ARB, 3, GLX_CONTEXT_MINOR_VERSION_ARB, 3,
        GLX_CONTEXT_PROFILE_MASK_ARB, GLX_CONTEXT_CORE_PROFILE_BIT_ARB,
        GLX_CONTEXT_FLAGS_ARB, GLX_CONTEXT_FORWARD_COMPATIBLE_BIT_ARB, None,
    };
    c->gl = glXCreateContextAttribsARB(c->display, config, NULL, True, version);
    XSync(c->display, False);
    return c->gl && !x_error && glXMakeCurrent(c->display, c->child, c->gl);
}

GlxChild *glx_child_create(SDL_Window *window, int max_side, bool vsync)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_X11)
        return NULL;
    GlxChild *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->display = info.info.x11.display;
    c->top = info.info.x11.window;
    XSync(c->display, False);
    x_error = 0;
    int (*before)(Display *, XErrorEvent *) = XSetErrorHandler(note_x_error);
    int screen = 0;
    bool made = make_child(c, max_side, &screen) && !x_error;
    if (!made)
        glx_child_destroy(c);   /* its errors too are noted, not fatal */
    XSetErrorHandler(before);
    if (!made)
        return NULL;
    c->vsync = set_swap_interval(c, screen, vsync);
    return c;
}

void glx_child_destroy(GlxChild *c)
{
    if (!c)
        return;
    if (c->gl) {
        if (glXGetCurrentContext() == c->gl)
            glXMakeCurrent(c->display, None, NULL);
        glXDestroyContext(c->display, c->gl);
    }
    if (c->child)
        XDestroyWindow(c->display, c->child);
    XSync(c->display, False);
    free(c);
}

int glx_child_bound(GlxChild *c, int max_side)
{
    Window root;
    int x, y;
    unsigned w, h, border, depth;
    if (!XGetGeometry(c->display, c->top, &root, &x, &y, &w, &h, &border, &depth))
        return 0;
    /* X sizes are 16-bit: w and h fit in an int. */
    int width = smaller((int)w, max_side), height = smaller((int)h, max_side);
    bool too_large = width < (int)w || height < (int)h;
    if (too_large)
        XResizeWindow(c->display, c->top, (unsigned)width, (unsigned)height);
    if (width != c->width || height != c->height) {
        XResizeWindow(c->display, c->child, (unsigned)width, (unsigned)height);
        c->width = width;
        c->height = height;
    }
    XFlush(c->display);
    return too_large ? max_side : 0;
}

void glx_child_size(const GlxChild *c, int *width, int *height)
{
    *width = c->width;
    *height = c->height;
}

bool glx_child_vsync(const GlxChild *c)
{
    return c->vsync;
}

void glx_child_swap(GlxChild *c)
{
    glXSwapBuffers(c->display, c->child);
}

