/*
 * camera.h — the 3D view's orbit camera as matrices (cglm): a perspective
 * eye circling the landscape's box as the scene's SceneCamera says, and
 * the ways between the box and the pixels of the frame.  Internal to
 * src/render; no GL calls.
 *
 * The box is centred on the origin: x in [-box[0], box[0]], y in
 * [-box[1], box[1]], heights z in [0, box[2]].  Pixels have their origin at
 * the frame's top-left corner, y down, as everywhere in the renderer.
 *
 * The picture is fitted into a rectangle of the frame (the one the HUD's
 * panels leave free, layout.h): at the orbit's distance 1 the box turned
 * every way about its vertical axis (the cylinder through its corners), as
 * the eye sees it from where it stands, spans the rectangle on one axis
 * (CAMERA_FILL of it) and is centred on the other.  So the box keeps its
 * size on the screen as the orbit turns (only the pitch changes the fit),
 * every corner inside the rectangle.  The eye's distance (how strong the
 * perspective is) follows the box's bounding sphere, so it does not change
 * as the camera turns either.  A distance below 1 zooms in past the fit.
 */
#ifndef DESCENT_RENDER_CAMERA_H
#define DESCENT_RENDER_CAMERA_H

#include <stdbool.h>

#include <cglm/cglm.h>

#include "scene/scene.h"

typedef struct Camera {
    mat4 view_proj;       /* box -> clip space */
    mat4 inverse;         /* clip space -> box */
    vec3 eye;             /* in box coordinates */
    vec3 right, up;       /* the eye's axes, in box coordinates */
    float near_z, far_z;  /* the depth range, distances along the view axis */
    int width, height;    /* the frame, pixels */
} Camera;

/* The share of the rectangle the box spans at distance 1: the rest is
 * room for the axes' values around it (box_axes.c). */
#define CAMERA_FILL 0.88

/* The camera orbit describes for a box of half extents box[0], box[1] and
 * height box[2], on a width x height frame, the box fitted into the
 * rectangle fit (x, y, w, h in the frame's pixels; an empty one means the
 * whole frame). */
void camera_orbit(const SceneCamera *orbit, const float box[3], int width, int height,
                  const double fit[4], Camera *dest);

/* The width over the height of the box's picture at the orbit's distance
 * 1 (turned every way, as the fit): the rectangle it would fill whole. */
double camera_box_aspect(const SceneCamera *orbit, const float box[3]);

/* Box point p -> pixel (px, py) and its distance along the view axis;
 * false (nothing set) when p is behind the eye. */
bool camera_to_pixel(const Camera *camera, const vec3 p, double *px, double *py,
                     double *distance);

/* A depth buffer value (0 near .. 1 far) as a distance along the view
 * axis, comparable with camera_to_pixel's. */
double camera_depth_distance(const Camera *camera, double depth);

/* The ray through pixel (px, py): its origin on the near plane and unit
 * direction, in box coordinates. */
void camera_ray(const Camera *camera, double px, double py, vec3 origin, vec3 direction);

#endif
