/*
 * surface.h — the 3D view's landscape: a lit mesh over the
 * visible rectangle in a box, seen through the scene's orbit camera
 * (camera.h), with walls down to the box's floor, fitted into the part
 * of the frame the HUD's panels leave free.
 *
 * Heights are the landscape's values from the core's grid sampling
 * (grid_sample, threaded) put on the colour scale (value_scale.h: linear,
 * or log for landscapes with large ranges, as in 2D) and stretched to the
 * box's height, so every landscape fills the same box; normals come from
 * the core's exact gradient through the same mapping.  Colours use the 2D
 * heatmap's colormap textures, with contour lines at the same levels.
 * The mesh is rebuilt only when the landscape, the rectangle or the scale
 * change; turning the camera only changes two matrices.
 *
 * What lies on the landscape (paths, markers, particles) is placed with
 * surface_to_pixel, on the mesh's own triangles so it rides on what is
 * drawn.  Internal to src/render; needs a current GL 3.3 context.
 */
#ifndef DESCENT_RENDER_SURFACE_H
#define DESCENT_RENDER_SURFACE_H

#include <stdbool.h>
#include <stddef.h>

#include <epoxy/gl.h>

#include "core/error.h"
#include "scene/scene.h"
#include "scene/viewport.h"
#include "value_scale.h"

typedef struct Surface Surface;

/* threads sample the mesh.  Errors: the shader is missing or broken, no
 * memory. */
Surface *surface_create(int threads, DescentError *err);
void surface_destroy(Surface *surface);

/* What one frame of the surface shows. */
typedef struct SurfaceFrame {
    ViewRect rect;             /* the visible rectangle (viewport_fit's) */
    ValueScale scale;          /* values -> t, the 2D heatmap's */
    GLuint colormap;           /* 256 x 1 colormap texture */
    float line_width;          /* contour width, pixels */
    float line_strength;       /* contour darkening, 0..1 */
    float paper;               /* the colormap mixed this far towards white */
    float background[3];       /* the frame around the box */
    GLuint target;             /* the framebuffer to draw into (0: the window's) */
    bool progressive;          /* half resolution while the camera moves */
    int width, height;         /* its size, pixels */
    double fit[4];             /* the rectangle of it (x, y, w, h) the box is
                                  fitted into (camera.h): the map's */
} SurfaceFrame;

/* The width over the height of the box for rect as orbit sees it (at its
 * distance 1): the shape of the rectangle the box would fill. */
double surface_aspect(ViewRect rect, const SceneCamera *orbit);

/* Brings the scene's landscape as frame says, seen through
 * scene->display.camera, up to date: painted with a depth buffer of its
 * own into an off-screen copy of the frame's size when the camera, mesh or
 * style changed (at half the size while the camera moves, when
 * progressive).  Returns a number that changes whenever the painting does
 * (what surface_blit copies), never 0; 0 when there is no mesh to paint
 * (no memory): the caller covers the frame with frame->background. */
unsigned surface_update(Surface *surface, const Scene *scene, const SurfaceFrame *frame);

/* Copies the painting over the whole of frame->target and leaves it bound
 * with the whole frame as the GL viewport. */
void surface_blit(const Surface *surface, const SurfaceFrame *frame);

/* The last frame was painted at half size (the camera moved): the next
 * one paints full size if the camera holds still. */
bool surface_coarse(const Surface *surface);

/* Pixel position of plane point (x, y) on the surface in the last frame
 * drawn, at the mesh's own height (on its triangles); a point off the
 * rectangle is placed on the box's edge nearest to it.  False when the
 * point is off the rectangle, hidden behind the surface as painted (its
 * depth buffer, read back once per painting), or behind the eye (then px,
 * py are NaN). */
bool surface_to_pixel(const Surface *surface, double x, double y, double *px, double *py);

/* The vertices of the mesh last built, as uploaded (count of them, 8
 * floats each: position, normal, colour-scale t, shade; walls after the
 * surface's), or NULL before any: for tests that nothing non-finite
 * reaches the GPU. */
const float *surface_vertices(const Surface *surface, size_t *count);

/* The pixels of the box's eight corners (floor and top, camera.h) in the
 * last frame drawn; false before any. */
bool surface_box_corners(const Surface *surface, double px[8], double py[8]);

/* Pixel of plane point (x, y) raised to share height of the box (0: its
 * floor, 1: its top) in the last frame drawn, hidden or not; false before
 * any frame or when the point is behind the eye. */
bool surface_box_pixel(const Surface *surface, double x, double y, double height, double *px,
                       double *py);

/* The visible rectangle and the values at the box's floor and top (the
 * colour scale's ends) of the last mesh built; false before any. */
bool surface_extent(const Surface *surface, ViewRect *rect, double *floor_value,
                    double *top_value);

/* Changes whenever surface_to_pixel would give other positions or hide
 * other points (camera, frame size, mesh, the depth painted); never 0. */
unsigned surface_projection(const Surface *surface);

/* The plane point where the ray through pixel (px, py) first meets the
 * mesh in the last frame drawn; false when it misses. */
bool surface_pick(const Surface *surface, double px, double py, double *x, double *y);

#endif
