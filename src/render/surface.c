/* surface.c — see surface.h. */
#include "surface.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "camera.h"
#include "core/grid.h"
#include "core/parallel.h"
#include "shader.h"

/* Mesh cells along the rectangle's longer side (the other side in
 * proportion): fine enough for narrow valleys, light for a software GL. */
#define MESH_CELLS 256
/* While the camera moves, every COARSE_STEP-th row and column: vertex work
 * is most of a software renderer's cost for the mesh. */
#define COARSE_STEP 2
/* The box's height over its half width: relief that reads at a glance
 * without walls hiding the far side. */
#define BOX_HEIGHT 0.62f
/* Walls are the edge's colour, darkened. */
#define WALL_SHADE 0.55f
#define CONTOUR_LEVELS 16.0f
/* A point counts as hidden when the surface drawn at its pixel lies
 * nearer than it by more than this (box units): points on the mesh itself
 * stay visible whatever the rasteriser rounded. */
#define HIDDEN_MARGIN 0.03
/* Steps of the ray march in surface_pick, then halvings of the last. */
#define PICK_STEPS 400
#define PICK_REFINE 24

enum { FLOATS_PER_VERTEX = 8 };  /* position 3, normal 3, t, shade */

struct Surface {
    GLuint program, vao, vbo, ibo;
    GLint u_view_proj, u_colormap, u_levels, u_line_width, u_line_strength, u_paper, u_light,
        u_eye;
    int threads;

    float *values;              /* grid_sample's heights, cols x rows */
    float *vertices;            /* surface vertices, then the walls' */
    uint32_t *indices;
    size_t vertex_capacity, index_capacity;
    int cols, rows;             /* surface vertices per row, rows */
    GLsizei fine_count, wall_count, coarse_count;  /* indices: the surface,
                                      its walls, then the coarse surface */

    bool has_mesh;
    unsigned landscape_serial;  /* what the mesh is of */
    ViewRect rect;
    ValueScale scale;
    double centre_x, centre_y, half;  /* plane point (cx, cy) is the box's
                                         middle; half plane units per box unit */
    float box[3];
    unsigned mesh_serial;

    Camera camera;              /* of the last frame */
    SceneCamera orbit;
    double fit[4];              /* the last frame's SurfaceFrame.fit */
    unsigned projection;

    /* The painted surface, kept while camera, mesh and style hold still:
     * what lies on it is drawn over a copy every frame. */
    GLuint cache_fbo, cache_color, cache_depth;
    int cache_w, cache_h;
    bool cache_valid;
    SurfaceFrame painted;
    unsigned painted_projection;
    unsigned paintings;         /* counts paintings of the cache */
    int paint_w, paint_h;       /* the part of the cache painted */
    float *depth;               /* the painted depth buffer, rows bottom-up */
    size_t depth_capacity;
    bool has_depth;
};

/* ------------------------------------------------------------------------ */
/* Life cycle                                                                */

Surface *surface_create(int threads, DescentError *err)
{
    Surface *s = calloc(1, sizeof *s);
    if (!s) {
        error_set(err, "out of memory for the 3D surface");
        return NULL;
    }
    s->threads = threads;
    s->program = shader_load("surface", err);
    if (!s->program) {
        free(s);
        return NULL;
    }
    s->u_view_proj = glGetUniformLocation(s->program, "u_view_proj");
    s->u_colormap = glGetUniformLocation(s->program, "u_colormap");
    s->u_levels = glGetUniformLocation(s->program, "u_levels");
    s->u_line_width = glGetUniformLocation(s->program, "u_line_width");
    s->u_line_strength = glGetUniformLocation(s->program, "u_line_strength");
    s->u_paper = glGetUniformLocation(s->program, "u_paper");
    s->u_light = glGetUniformLocation(s->program, "u_light");
    s->u_eye = glGetUniformLocation(s->program, "u_eye");
    glGenVertexArrays(1, &s->vao);
    glGenBuffers(1, &s->vbo);
    glGenBuffers(1, &s->ibo);
    glBindVertexArray(s->vao);
    glBindBuffer(GL_ARRAY_BUFFER, s->vbo);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, s->ibo);
    GLsizei stride = FLOATS_PER_VERTEX * sizeof(float);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, (void *)0);
    glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, stride, (void *)(3 * sizeof(float)));
    glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, stride, (void *)(6 * sizeof(float)));
    for (GLuint i = 0; i < 3; i++)
        glEnableVertexAttribArray(i);
    glBindVertexArray(0);
    glGenFramebuffers(1, &s->cache_fbo);
    glGenRenderbuffers(1, &s->cache_color);
    glGenRenderbuffers(1, &s->cache_depth);
    s->projection = 1;
    return s;
}

void surface_destroy(Surface *s)
{
    if (!s)
        return;
    glDeleteProgram(s->program);
    glDeleteVertexArrays(1, &s->vao);
    glDeleteBuffers(1, &s->vbo);
    glDeleteBuffers(1, &s->ibo);
    glDeleteFramebuffers(1, &s->cache_fbo);
    glDeleteRenderbuffers(1, &s->cache_color);
    glDeleteRenderbuffers(1, &s->cache_depth);
    free(s->values);
    free(s->vertices);
    free(s->indices);
    free(s->depth);
    free(s);
}

/* ------------------------------------------------------------------------ */
/* The mesh                                                                  */

static bool same_rect(ViewRect a, ViewRect b)
{
    return a.xmin == b.xmin && a.xmax == b.xmax && a.ymin == b.ymin && a.ymax == b.ymax;
}

typedef struct MeshJob {
    const Surface *surface;
    const Landscape *landscape;
    float *vertices;
} MeshJob;

/* Vertices of rows [begin, end): heights from the sampled values, normals
 * from the exact gradient carried through the same mapping:
 * z = H t(L), so dz/dX = H t'(L) dL/dx * half. */
static void fill_rows(void *context, size_t begin, size_t end)
{
    const MeshJob *job = context;
    const Surface *s = job->surface;
    double dx = (s->rect.xmax - s->rect.xmin) / (s->cols - 1);
    double dy = (s->rect.ymax - s->rect.ymin) / (s->rows - 1);
    for (size_t j = begin; j < end; j++) {
        double y = s->rect.ymin + (double)j * dy;
        for (int i = 0; i < s->cols; i++) {
            size_t k = j * (size_t)s->cols + (size_t)i;
            double x = s->rect.xmin + i * dx, g[2];
            double value = landscape_value_grad(job->landscape, x, y, g);
            double slope = (double)BOX_HEIGHT * value_scale_slope(&s->scale, value) * s->half;
            double nx = -slope * g[0], ny = -slope * g[1], nz = 1.0;
            double norm = sqrt(nx * nx + ny * ny + nz * nz);
            if (!isfinite(norm)) {
                nx = ny = 0.0;
                norm = 1.0;
            }
            double t = value_scale_t(&s->scale, (double)s->values[k]);
            float *v = job->vertices + k * FLOATS_PER_VERTEX;
            v[0] = (float)((x - s->centre_x) / s->half);
            v[1] = (float)((y - s->centre_y) / s->half);
            v[2] = BOX_HEIGHT * (float)t;
            v[3] = (float)(nx / norm);
            v[4] = (float)(ny / norm);
            v[5] = (float)(nz / norm);
            v[6] = (float)t;
            v[7] = 1.0f;
        }
    }
}

/* Appends a wall along surface vertices first, first + step, ... (count of
 * them) down to the floor, facing (nx, ny). */
static void add_wall(Surface *s, size_t first, ptrdiff_t step, int count, float nx, float ny,
                     size_t *vertex, size_t *index)
{
    size_t base = *vertex;
    for (int k = 0; k < count; k++) {
        const float *top = s->vertices + (size_t)((ptrdiff_t)first + k * step) * FLOATS_PER_VERTEX;
        for (int level = 0; level < 2; level++) {
            float *v = s->vertices + (*vertex)++ * FLOATS_PER_VERTEX;
            v[0] = top[0];
            v[1] = top[1];
            v[2] = level == 0 ? top[2] : 0.0f;
            v[3] = nx;
            v[4] = ny;
            v[5] = 0.0f;
            v[6] = top[6];
            v[7] = WALL_SHADE;
        }
    }
    for (int k = 0; k + 1 < count; k++) {
        uint32_t a = (uint32_t)(base + 2 * (size_t)k), b = a + 2;
        const uint32_t quad[6] = {a, a + 1, b + 1, a, b + 1, b};
        for (int q = 0; q < 6; q++)
            s->indices[(*index)++] = quad[q];
    }
}

/* The row or column after k on a grid of count lines at every step-th
 * one, the last line always included. */
static int next_line(int k, int step, int count)
{
    return k + step < count - 1 ? k + step : count - 1;
}

/* Triangles over every step-th row and column of the surface vertices,
 * each cell split along a-d (a b on one row, c d on the next), the split
 * surface_height follows on the full mesh. */
static void add_surface(Surface *s, int step, size_t *index)
{
    for (int j = 0, j1; j < s->rows - 1; j = j1) {
        j1 = next_line(j, step, s->rows);
        for (int i = 0, i1; i < s->cols - 1; i = i1) {
            i1 = next_line(i, step, s->cols);
            uint32_t a = (uint32_t)(j * s->cols + i), b = (uint32_t)(j * s->cols + i1);
            uint32_t c = (uint32_t)(j1 * s->cols + i), d = (uint32_t)(j1 * s->cols + i1);
            const uint32_t quad[6] = {a, b, d, a, d, c};
            for (int q = 0; q < 6; q++)
                s->indices[(*index)++] = quad[q];
        }
    }
}

static bool reserve(Surface *s, size_t vertices, size_t indices)
{
    if (vertices > s->vertex_capacity) {
        float *v = realloc(s->vertices, vertices * FLOATS_PER_VERTEX * sizeof *v);
        float *values = v ? realloc(s->values, vertices * sizeof *values) : NULL;
        if (v)
            s->vertices = v;
        if (values)
            s->values = values;
        if (!v || !values)
            return false;
        s->vertex_capacity = vertices;
    }
    if (indices > s->index_capacity) {
        uint32_t *i = realloc(s->indices, indices * sizeof *i);
        if (!i)
            return false;
        s->indices = i;
        s->index_capacity = indices;
    }
    return true;
}

/* The box for a rectangle w x h of the plane: its longer side 2 wide. */
static void box_of(double w, double h, float box[3])
{
    double half = 0.5 * fmax(w, h);
    box[0] = (float)(0.5 * w / half);
    box[1] = (float)(0.5 * h / half);
    box[2] = BOX_HEIGHT;
}

double surface_aspect(ViewRect rect, const SceneCamera *orbit)
{
    float box[3];
    box_of(rect.xmax - rect.xmin, rect.ymax - rect.ymin, box);
    return camera_box_aspect(orbit, box);
}

/* Samples and uploads the mesh for rect on scale; false (nothing drawn)
 * without memory. */
static bool build_mesh(Surface *s, const Scene *scene, ViewRect rect, const ValueScale *scale)
{
    double w = rect.xmax - rect.xmin, h = rect.ymax - rect.ymin;
    if (!(w > 0) || !(h > 0))
        return false;
    int cols = w >= h ? MESH_CELLS + 1 : (int)lround(MESH_CELLS * w / h) + 1;
    int rows = w >= h ? (int)lround(MESH_CELLS * h / w) + 1 : MESH_CELLS + 1;
    cols = cols < 2 ? 2 : cols;
    rows = rows < 2 ? 2 : rows;
    size_t surface_vertices = (size_t)cols * (size_t)rows;
    size_t wall_vertices = 4 * ((size_t)cols + (size_t)rows);
    size_t surface_indices = 6 * (size_t)(cols - 1) * (size_t)(rows - 1);
    size_t wall_indices = 12 * ((size_t)(cols - 1) + (size_t)(rows - 1));
    size_t coarse_indices = 6 * (size_t)((cols - 2) / COARSE_STEP + 1) *
                            (size_t)((rows - 2) / COARSE_STEP + 1);
    if (!reserve(s, surface_vertices + wall_vertices,
                 surface_indices + wall_indices + coarse_indices))
        return false;
    s->cols = cols;
    s->rows = rows;
    s->rect = rect;
    s->scale = *scale;
    s->landscape_serial = scene->landscape_serial;
    s->centre_x = 0.5 * (rect.xmin + rect.xmax);
    s->centre_y = 0.5 * (rect.ymin + rect.ymax);
    s->half = 0.5 * fmax(w, h);
    box_of(w, h, s->box);

    /* grid_sample gives cell centres: widen the rectangle by half a cell so
     * the centres fall on the mesh's vertices, edges included. */
    double dx = w / (cols - 1), dy = h / (rows - 1);
    ViewRect cells = {rect.xmin - 0.5 * dx, rect.xmax + 0.5 * dx, rect.ymin - 0.5 * dy,
                      rect.ymax + 0.5 * dy};
    grid_sample(scene->landscape, cells, cols, rows, s->values, s->threads);
    MeshJob job = {s, scene->landscape, s->vertices};
    parallel_for((size_t)rows, s->threads, fill_rows, &job);

    size_t index = 0;
    add_surface(s, 1, &index);
    s->fine_count = (GLsizei)index;
    size_t vertex = surface_vertices;
    size_t last_row = (size_t)(rows - 1) * (size_t)cols;
    add_wall(s, 0, 1, cols, 0.0f, -1.0f, &vertex, &index);
    add_wall(s, last_row, 1, cols, 0.0f, 1.0f, &vertex, &index);
    add_wall(s, 0, cols, rows, -1.0f, 0.0f, &vertex, &index);
    add_wall(s, (size_t)cols - 1, cols, rows, 1.0f, 0.0f, &vertex, &index);
    s->wall_count = (GLsizei)index - s->fine_count;
    add_surface(s, COARSE_STEP, &index);
    s->coarse_count = (GLsizei)index - s->fine_count - s->wall_count;

    glBindVertexArray(s->vao);
    glBindBuffer(GL_ARRAY_BUFFER, s->vbo);
    glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)(vertex * FLOATS_PER_VERTEX * sizeof(float)),
                 s->vertices, GL_STATIC_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, (GLsizeiptr)(index * sizeof(uint32_t)), s->indices,
                 GL_STATIC_DRAW);
    glBindVertexArray(0);
    s->has_mesh = true;
    s->mesh_serial++;
    return true;
}

/* The mesh's height at box point (bx, by) inside the box, on the triangle
 * that holds it. */
static float surface_height(const Surface *s, double bx, double by)
{
    double half_w = (double)s->box[0], half_h = (double)s->box[1];
    double fx = (bx + half_w) / (2.0 * half_w) * (s->cols - 1);
    double fy = (by + half_h) / (2.0 * half_h) * (s->rows - 1);
    /* Truncation, not floor (a libm call on the baseline x86-64): the two
     * differ only below 0, which clamps to 0 either way; bx and by lie in
     * the box, so fx and fy fit an int. */
    int i = (int)fx, j = (int)fy;
    i = fx < 0 ? 0 : i > s->cols - 2 ? s->cols - 2 : i;
    j = fy < 0 ? 0 : j > s->rows - 2 ? s->rows - 2 : j;
    fx -= i;
    fy -= j;
    size_t a = (size_t)j * (size_t)s->cols + (size_t)i, b = a + 1, c = a + (size_t)s->cols,
           d = c + 1;
    const float *v = s->vertices;
    double za = (double)v[a * FLOATS_PER_VERTEX + 2], zb = (double)v[b * FLOATS_PER_VERTEX + 2];
    double zc = (double)v[c * FLOATS_PER_VERTEX + 2], zd = (double)v[d * FLOATS_PER_VERTEX + 2];
    double z = fx >= fy ? za + fx * (zb - za) + fy * (zd - zb) : za + fy * (zc - za) + fx * (zd - zc);
    return (float)z;
}

static bool inside_box(const Surface *s, double bx, double by)
{
    return fabs(bx) <= (double)s->box[0] && fabs(by) <= (double)s->box[1];
}

/* ------------------------------------------------------------------------ */
/* Drawing and projecting                                                    */

static bool same_orbit(const SceneCamera *a, const SceneCamera *b)
{
    return a->yaw == b->yaw && a->pitch == b->pitch && a->distance == b->distance;
}

/* The surface as the camera sees it, painted into the cache at paint_w x
 * paint_h (the frame's size, or half of it while the camera moves). */
static void paint(Surface *s, const SurfaceFrame *frame, int paint_w, int paint_h)
{
    glBindFramebuffer(GL_FRAMEBUFFER, s->cache_fbo);
    glViewport(0, 0, paint_w, paint_h);
    glClearColor(frame->background[0], frame->background[1], frame->background[2], 1.0f);
    glClearDepth(1.0);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);

    /* The light comes from above, a little from the eye's side and left,
     * so slopes facing the viewer are lit whichever way the camera turns. */
    vec3 to_eye, light = {0.0f, 0.0f, 0.85f};
    glm_vec3_normalize_to(s->camera.eye, to_eye);
    glm_vec3_muladds(to_eye, 0.45f, light);
    glm_vec3_muladds(s->camera.right, -0.35f, light);
    glm_vec3_normalize(light);

    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDisable(GL_BLEND);
    glUseProgram(s->program);
    glUniformMatrix4fv(s->u_view_proj, 1, GL_FALSE, (const GLfloat *)s->camera.view_proj);
    glUniform1i(s->u_colormap, 0);
    glUniform1f(s->u_levels, CONTOUR_LEVELS);
    /* Lines painted small come out at their usual width once scaled up. */
    glUniform1f(s->u_line_width, frame->line_width * (float)paint_w / (float)frame->width);
    glUniform1f(s->u_line_strength, frame->line_strength);
    glUniform1f(s->u_paper, frame->paper);
    glUniform3fv(s->u_light, 1, light);
    glUniform3fv(s->u_eye, 1, s->camera.eye);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, frame->colormap);
    glBindVertexArray(s->vao);
    /* Full: surface and walls; coarse: walls and the coarse surface. */
    bool coarse = paint_w != frame->width;
    GLsizei first = coarse ? s->fine_count : 0;
    GLsizei count = s->wall_count + (coarse ? s->coarse_count : s->fine_count);
    glDrawElements(GL_TRIANGLES, count, GL_UNSIGNED_INT,
                   (void *)((size_t)first * sizeof(uint32_t)));
    glBindVertexArray(0);
    glDisable(GL_DEPTH_TEST);
    /* Read once per painting, so every point drawn on the surface can be
     * told hidden or not without asking the GPU again. */
    size_t pixels = (size_t)paint_w * (size_t)paint_h;
    if (pixels > s->depth_capacity) {
        float *depth = realloc(s->depth, pixels * sizeof *depth);
        if (depth) {
            s->depth = depth;
            s->depth_capacity = pixels;
        }
    }
    s->has_depth = pixels <= s->depth_capacity;
    if (s->has_depth) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, s->cache_fbo);
        glPixelStorei(GL_PACK_ALIGNMENT, 4);
        glReadPixels(0, 0, paint_w, paint_h, GL_DEPTH_COMPONENT, GL_FLOAT, s->depth);
    }
    s->paint_w = paint_w;
    s->paint_h = paint_h;
    s->painted = *frame;
    s->painted_projection = s->projection;
    s->paintings++;
    s->cache_valid = true;
}

static void resize_cache(Surface *s, int width, int height)
{
    glBindRenderbuffer(GL_RENDERBUFFER, s->cache_color);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glBindRenderbuffer(GL_RENDERBUFFER, s->cache_depth);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, s->cache_fbo);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                              s->cache_color);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER,
                              s->cache_depth);
    s->cache_w = width;
    s->cache_h = height;
    s->cache_valid = false;
}

static bool same_style(const SurfaceFrame *a, const SurfaceFrame *b)
{
    return a->colormap == b->colormap && a->line_width == b->line_width &&
           a->line_strength == b->line_strength && a->paper == b->paper &&
           a->background[0] == b->background[0] &&
           a->background[1] == b->background[1] && a->background[2] == b->background[2];
}

unsigned surface_update(Surface *s, const Scene *scene, const SurfaceFrame *frame)
{
    bool stale = !s->has_mesh || s->landscape_serial != scene->landscape_serial ||
                 !same_rect(s->rect, frame->rect) || !value_scale_equal(&s->scale, &frame->scale);
    unsigned mesh_before = s->mesh_serial;
    if (stale && !build_mesh(s, scene, frame->rect, &frame->scale))
        return 0;
    const SceneCamera *orbit = &scene->display.camera;
    bool moved = s->mesh_serial != mesh_before || !same_orbit(&s->orbit, orbit) ||
                 s->camera.width != frame->width || s->camera.height != frame->height ||
                 memcmp(s->fit, frame->fit, sizeof s->fit) != 0;
    if (moved)
        s->projection++;
    s->orbit = *orbit;
    memcpy(s->fit, frame->fit, sizeof s->fit);
    camera_orbit(orbit, s->box, frame->width, frame->height, frame->fit, &s->camera);
    if (s->cache_w != frame->width || s->cache_h != frame->height)
        resize_cache(s, frame->width, frame->height);
    /* Painting every pixel is what costs most on a software renderer: while
     * the camera turns, half the size, scaled up; full once it holds still. */
    bool coarse = frame->progressive && moved;
    int paint_w = coarse ? (frame->width + 1) / 2 : frame->width;
    int paint_h = coarse ? (frame->height + 1) / 2 : frame->height;
    /* Which points the surface hides follows the depth painted. */
    if (s->cache_valid && (s->paint_w != paint_w || s->paint_h != paint_h))
        s->projection++;
    if (!s->cache_valid || s->painted_projection != s->projection ||
        !same_style(&s->painted, frame) || s->paint_w != paint_w || s->paint_h != paint_h)
        paint(s, frame, paint_w, paint_h);
    return s->paintings;
}

void surface_blit(const Surface *s, const SurfaceFrame *frame)
{
    glBindFramebuffer(GL_READ_FRAMEBUFFER, s->cache_fbo);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, frame->target);
    glBlitFramebuffer(0, 0, s->paint_w, s->paint_h, 0, 0, frame->width, frame->height,
                      GL_COLOR_BUFFER_BIT, s->paint_w == frame->width ? GL_NEAREST : GL_LINEAR);
    glBindFramebuffer(GL_FRAMEBUFFER, frame->target);
    glViewport(0, 0, frame->width, frame->height);
}

const float *surface_vertices(const Surface *s, size_t *count)
{
    *count = s->has_mesh ? (size_t)s->cols * (size_t)s->rows +
                               4 * ((size_t)s->cols + (size_t)s->rows)
                         : 0;
    return s->has_mesh ? s->vertices : NULL;
}

bool surface_coarse(const Surface *s)
{
    return s->cache_valid && s->paint_w != s->cache_w;
}

bool surface_box_corners(const Surface *s, double px[8], double py[8])
{
    if (!s->has_mesh)
        return false;
    for (int k = 0; k < 8; k++) {
        vec3 corner = {(k & 1) ? s->box[0] : -s->box[0], (k & 2) ? s->box[1] : -s->box[1],
                       (k & 4) ? s->box[2] : 0.0f};
        double distance;
        if (!camera_to_pixel(&s->camera, corner, &px[k], &py[k], &distance))
            return false;
    }
    return true;
}

bool surface_box_pixel(const Surface *s, double x, double y, double height, double *px,
                       double *py)
{
    vec3 p = {(float)((x - s->centre_x) / s->half), (float)((y - s->centre_y) / s->half),
              (float)height * s->box[2]};
    double distance;
    return s->has_mesh && camera_to_pixel(&s->camera, p, px, py, &distance);
}

bool surface_extent(const Surface *s, ViewRect *rect, double *floor_value, double *top_value)
{
    if (!s->has_mesh)
        return false;
    *rect = s->rect;
    *floor_value = value_scale_value(&s->scale, 0.0);
    *top_value = value_scale_value(&s->scale, 1.0);
    return true;
}

unsigned surface_projection(const Surface *s)
{
    return s->projection;
}

/* Whether the surface drawn around pixel (px, py) is nearer than distance
 * by more than the margin (the farthest of the 3 x 3 pixels around it
 * counts, so points on a silhouette stay visible). */
static bool hidden(const Surface *s, double px, double py, double distance)
{
    if (!s->has_depth)
        return false;
    int w = s->paint_w, h = s->paint_h;
    int i = (int)floor(px * w / s->camera.width), j = (int)floor(py * h / s->camera.height);
    double farthest = -1.0;
    for (int dj = -1; dj <= 1; dj++)
        for (int di = -1; di <= 1; di++) {
            int x = i + di, y = j + dj;
            if (x >= 0 && y >= 0 && x < w && y < h) {
                /* A comparison, not fmax (a libm call without
                 * -ffinite-math-only): depths are finite. */
                double depth = (double)s->depth[(size_t)(h - 1 - y) * (size_t)w + (size_t)x];
                farthest = depth > farthest ? depth : farthest;
            }
        }
    return farthest >= 0.0 &&
           distance > camera_depth_distance(&s->camera, farthest) + HIDDEN_MARGIN;
}

bool surface_to_pixel(const Surface *s, double x, double y, double *px, double *py)
{
    *px = *py = (double)NAN;
    double bx = (x - s->centre_x) / s->half, by = (y - s->centre_y) / s->half;
    if (!s->has_mesh || !isfinite(bx) || !isfinite(by))
        return false;
    /* Off the rectangle: on the box's edge, where it left the view. */
    bool inside = inside_box(s, bx, by);
    /* Clamped by comparisons, as fmin and fmax would (bx and by are
     * finite), without their libm calls: once per particle. */
    double wx = (double)s->box[0], wy = (double)s->box[1];
    bx = bx < -wx ? -wx : bx > wx ? wx : bx;
    by = by < -wy ? -wy : by > wy ? wy : by;
    vec3 p = {(float)bx, (float)by, surface_height(s, bx, by)};
    double distance;
    if (!camera_to_pixel(&s->camera, p, px, py, &distance)) {
        *px = *py = (double)NAN;
        return false;
    }
    return inside && !hidden(s, *px, *py, distance);
}

/* Where the ray origin + u direction is inside the box, by slabs: false
 * when it misses. */
static bool ray_box(const Surface *s, const vec3 origin, const vec3 direction, float *u0,
                    float *u1)
{
    const float lo[3] = {-s->box[0], -s->box[1], 0.0f}, hi[3] = {s->box[0], s->box[1], s->box[2]};
    *u0 = 0.0f;
    *u1 = INFINITY;
    for (int k = 0; k < 3; k++) {
        if (fabsf(direction[k]) < 1e-12f) {
            if (origin[k] < lo[k] || origin[k] > hi[k])
                return false;
            continue;
        }
        float a = (lo[k] - origin[k]) / direction[k], b = (hi[k] - origin[k]) / direction[k];
        *u0 = fmaxf(*u0, fminf(a, b));
        *u1 = fminf(*u1, fmaxf(a, b));
    }
    return *u0 <= *u1;
}

/* How far the ray's point at u is above the mesh (negative below it). */
static float above(const Surface *s, const vec3 origin, const vec3 direction, float u)
{
    vec3 p;
    glm_vec3_copy((float *)origin, p);
    glm_vec3_muladds((float *)direction, u, p);
    return p[2] - surface_height(s, (double)p[0], (double)p[1]);
}

bool surface_pick(const Surface *s, double px, double py, double *x, double *y)
{
    vec3 origin, direction;
    float u0, u1;
    if (!s->has_mesh)
        return false;
    camera_ray(&s->camera, px, py, origin, direction);
    if (!ray_box(s, origin, direction, &u0, &u1))
        return false;
    float step = (u1 - u0) / PICK_STEPS, previous = u0;
    if (above(s, origin, direction, u0) <= 0.0f)
        return false;  /* enters through a wall below the surface: hidden */
    for (int k = 1; k <= PICK_STEPS; k++) {
        float u = u0 + step * (float)k;
        if (above(s, origin, direction, u) > 0.0f) {
            previous = u;
            continue;
        }
        float a = previous, b = u;
        for (int r = 0; r < PICK_REFINE; r++) {
            float m = 0.5f * (a + b);
            if (above(s, origin, direction, m) > 0.0f)
                a = m;
            else
                b = m;
        }
        *x = s->centre_x + (double)(origin[0] + b * direction[0]) * s->half;
        *y = s->centre_y + (double)(origin[1] + b * direction[1]) * s->half;
        return true;
    }
    return false;
}
