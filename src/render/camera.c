/* camera.c — see camera.h. */
#include "camera.h"

#include <math.h>

/* Vertical field of view: narrow enough that the box keeps its shape. */
#define FIELD_OF_VIEW_DEGREES 30.0f
/* The eye looks at this height of the box (as a fraction of it), so tall
 * walls and the floor both stay in the frame. */
#define TARGET_HEIGHT 0.35f
/* The eye at distance from the box's target, as the orbit turns it: its
 * position and the view matrix. */
static void look(const SceneCamera *orbit, const float box[3], float distance, vec3 eye,
                 mat4 view)
{
    float yaw = glm_rad((float)orbit->yaw), pitch = glm_rad((float)orbit->pitch);
    vec3 target = {0.0f, 0.0f, TARGET_HEIGHT * box[2]};
    vec3 offset = {cosf(pitch) * sinf(yaw) * distance, -cosf(pitch) * cosf(yaw) * distance,
                   sinf(pitch) * distance};
    glm_vec3_add(target, offset, eye);
    vec3 world_up = {0.0f, 0.0f, 1.0f};
    glm_lookat(eye, target, world_up, view);
}

/* Points on each of the two circles the fit measures (the hull of them
 * lies within 0.06% of the circle). */
#define FIT_CIRCLE_POINTS 96

/* The box turned every way about its vertical axis (the cylinder through
 * its corners: the floor's and the top's circles of radius its footprint's
 * half diagonal) through view_proj: its bounding box in normalised device
 * coordinates, lo[0], lo[1] .. hi[0], hi[1].  The box's own corners would
 * give a fit that changes as the orbit turns (the box grew and shrank by
 * up to a third on the screen); the cylinder's is the same from every
 * side at one pitch, and holds every corner. */
static void corner_bounds(const float box[3], mat4 view_proj, float lo[2], float hi[2])
{
    lo[0] = lo[1] = INFINITY;
    hi[0] = hi[1] = -INFINITY;
    float reach = sqrtf(box[0] * box[0] + box[1] * box[1]);
    for (int k = 0; k < 2 * FIT_CIRCLE_POINTS; k++) {
        float turn = 2.0f * GLM_PIf * (float)(k % FIT_CIRCLE_POINTS) / FIT_CIRCLE_POINTS;
        vec4 corner = {reach * cosf(turn), reach * sinf(turn),
                       k < FIT_CIRCLE_POINTS ? 0.0f : box[2], 1.0f};
        vec4 clip;
        glm_mat4_mulv(view_proj, corner, clip);
        for (int axis = 0; axis < 2; axis++) {
            float v = clip[axis] / clip[3];
            lo[axis] = fminf(lo[axis], v);
            hi[axis] = fmaxf(hi[axis], v);
        }
    }
}

/* The eye's distance at the orbit's distance 1 for a field of aspect: the
 * box's bounding sphere (radius) inside the narrower of the vertical and
 * horizontal fields, every corner before the eye. */
static float reference_distance(const float box[3], float aspect, float *radius)
{
    *radius = sqrtf(box[0] * box[0] + box[1] * box[1] + 0.25f * box[2] * box[2]);
    float half_fov = glm_rad(FIELD_OF_VIEW_DEGREES) * 0.5f;
    float half_narrow = aspect >= 1.0f ? half_fov : atanf(tanf(half_fov) * aspect);
    return *radius / sinf(half_narrow);
}

/* The box as projection sees it from the orbit's distance 1 (reference),
 * turned every way (corner_bounds): its bounds in normalised device
 * coordinates. */
static void fit_bounds(const SceneCamera *orbit, const float box[3], float reference,
                       mat4 projection, float lo[2], float hi[2])
{
    mat4 view, seen;
    vec3 eye;
    look(orbit, box, reference, eye, view);
    glm_mat4_mul(projection, view, seen);
    corner_bounds(box, seen, lo, hi);
}

double camera_box_aspect(const SceneCamera *orbit, const float box[3])
{
    float radius, reference = reference_distance(box, 1.0f, &radius);
    mat4 projection;
    glm_perspective(glm_rad(FIELD_OF_VIEW_DEGREES), 1.0f, 0.02f * reference,
                    reference + 3.0f * radius, projection);
    float lo[2], hi[2];
    fit_bounds(orbit, box, reference, projection, lo, hi);
    return (double)(hi[0] - lo[0]) / fmax((double)(hi[1] - lo[1]), 1e-6);
}

void camera_orbit(const SceneCamera *orbit, const float box[3], int width, int height,
                  const double fit[4], Camera *dest)
{
    dest->width = width < 1 ? 1 : width;
    dest->height = height < 1 ? 1 : height;
    double fx = fit[0], fy = fit[1], fw = fit[2], fh = fit[3];
    if (!(fw >= 1 && fh >= 1)) {
        fx = fy = 0;
        fw = dest->width;
        fh = dest->height;
    }
    float aspect = (float)(fw / fh), radius;
    float reference = reference_distance(box, aspect, &radius);
    float distance = reference * (float)orbit->distance;
    /* Depth only needs to cover the box (generously: precision to spare). */
    float near_z = fmaxf(distance - 3.0f * radius, 0.02f * distance);
    float far_z = distance + 3.0f * radius;
    mat4 view, projection, seen;
    glm_perspective(glm_rad(FIELD_OF_VIEW_DEGREES), aspect, near_z, far_z, projection);
    /* The box seen from distance 1 sets the fit: scaled about its middle,
     * then moved onto the rectangle's part of the frame. */
    float lo[2], hi[2];
    fit_bounds(orbit, box, reference, projection, lo, hi);
    double zoom = CAMERA_FILL * fmin(2.0 / fmax((double)(hi[0] - lo[0]), 1e-6),
                                     2.0 / fmax((double)(hi[1] - lo[1]), 1e-6));
    double sx = zoom * fw / dest->width, sy = zoom * fh / dest->height;
    double cx = 2.0 * (fx + 0.5 * fw) / dest->width - 1.0;
    double cy = 1.0 - 2.0 * (fy + 0.5 * fh) / dest->height;
    mat4 place = GLM_MAT4_IDENTITY_INIT;
    place[0][0] = (float)sx;
    place[1][1] = (float)sy;
    place[3][0] = (float)(cx - sx * 0.5 * (double)(lo[0] + hi[0]));
    place[3][1] = (float)(cy - sy * 0.5 * (double)(lo[1] + hi[1]));
    look(orbit, box, distance, dest->eye, view);
    glm_mat4_mul(projection, view, seen);
    glm_mat4_mul(place, seen, dest->view_proj);
    dest->near_z = near_z;
    dest->far_z = far_z;
    glm_mat4_inv(dest->view_proj, dest->inverse);
    /* The view matrix's rows are the eye's axes. */
    for (int k = 0; k < 3; k++) {
        dest->right[k] = view[k][0];
        dest->up[k] = view[k][1];
    }
}

bool camera_to_pixel(const Camera *camera, const vec3 p, double *px, double *py,
                     double *distance)
{
    vec4 point = {p[0], p[1], p[2], 1.0f}, clip;
    glm_mat4_mulv((vec4 *)camera->view_proj, point, clip);
    if (clip[3] <= 1e-6f)
        return false;
    *px = (0.5 + 0.5 * (double)(clip[0] / clip[3])) * camera->width;
    *py = (0.5 - 0.5 * (double)(clip[1] / clip[3])) * camera->height;
    /* A perspective projection's w is the distance along the view axis. */
    *distance = (double)clip[3];
    return true;
}

double camera_depth_distance(const Camera *camera, double depth)
{
    double n = (double)camera->near_z, f = (double)camera->far_z, ndc = 2.0 * depth - 1.0;
    return 2.0 * n * f / (f + n - ndc * (f - n));
}

void camera_ray(const Camera *camera, double px, double py, vec3 origin, vec3 direction)
{
    float nx = (float)(2.0 * px / camera->width - 1.0), ny = (float)(1.0 - 2.0 * py / camera->height);
    vec4 near_clip = {nx, ny, -1.0f, 1.0f}, far_clip = {nx, ny, 1.0f, 1.0f}, a, b;
    glm_mat4_mulv((vec4 *)camera->inverse, near_clip, a);
    glm_mat4_mulv((vec4 *)camera->inverse, far_clip, b);
    glm_vec3_divs(a, a[3], origin);
    vec3 end;
    glm_vec3_divs(b, b[3], end);
    glm_vec3_sub(end, origin, direction);
    glm_vec3_normalize(direction);
}
