/* camera.c — see camera.h. */
#include "camera.h"

#include <math.h>

/* Vertical field of view: narrow enough that the box keeps its shape. */
#define FIELD_OF_VIEW_DEGREES 30.0f
/* The eye looks at this height of the box (as a fraction of it), so tall
 * walls and the floor both stay in the frame. */
#define TARGET_HEIGHT 0.35f
/* At distance 1 the box's bounding sphere spans this much of the frame's
 * narrower field: a little over all of it, as the box itself is flatter
 * than its sphere and then just fills the frame. */
#define FRAME_FILL 1.04f

void camera_orbit(const SceneCamera *orbit, const float box[3], int width, int height,
                  Camera *dest)
{
    dest->width = width < 1 ? 1 : width;
    dest->height = height < 1 ? 1 : height;
    float aspect = (float)dest->width / (float)dest->height;
    float radius = sqrtf(box[0] * box[0] + box[1] * box[1] + 0.25f * box[2] * box[2]);
    float half_fov = glm_rad(FIELD_OF_VIEW_DEGREES) * 0.5f;
    /* The narrower of the vertical and horizontal fields decides the fit. */
    float half_narrow = aspect >= 1.0f ? half_fov : atanf(tanf(half_fov) * aspect);
    float fit = radius / (sinf(half_narrow) * FRAME_FILL);
    float distance = fit * (float)orbit->distance;
    float yaw = glm_rad((float)orbit->yaw), pitch = glm_rad((float)orbit->pitch);
    vec3 target = {0.0f, 0.0f, TARGET_HEIGHT * box[2]};
    vec3 offset = {cosf(pitch) * sinf(yaw) * distance, -cosf(pitch) * cosf(yaw) * distance,
                   sinf(pitch) * distance};
    glm_vec3_add(target, offset, dest->eye);
    vec3 world_up = {0.0f, 0.0f, 1.0f};
    mat4 view, projection;
    glm_lookat(dest->eye, target, world_up, view);
    /* Depth only needs to cover the box (generously: precision to spare). */
    float near_z = fmaxf(distance - 3.0f * radius, 0.02f * distance);
    float far_z = distance + 3.0f * radius;
    glm_perspective(2.0f * half_fov, aspect, near_z, far_z, projection);
    dest->near_z = near_z;
    dest->far_z = far_z;
    glm_mat4_mul(projection, view, dest->view_proj);
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
