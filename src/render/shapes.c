/* shapes.c — see shapes.h. */
#include "shapes.h"

#include <math.h>
#include <stdlib.h>

#include "shader.h"

/* One corner of a shape's quad; see shaders/shape.vert.glsl. */
typedef struct ShapeVertex {
    float pos[2];
    float color[4];
    float segment[4];
    float shape[2];
} ShapeVertex;

struct Shapes {
    GLuint program, vao, vbo;
    GLint u_size;
    ShapeVertex *vertices;
    size_t count, capacity;
    size_t flushes; /* shapes_flush calls that drew something */
};

Shapes *shapes_create(DescentError *err)
{
    Shapes *s = calloc(1, sizeof *s);
    if (!s) {
        error_set(err, "out of memory for shapes");
        return NULL;
    }
    s->program = shader_load("shape", err);
    if (!s->program) {
        free(s);
        return NULL;
    }
    s->u_size = glGetUniformLocation(s->program, "u_size");
    glGenVertexArrays(1, &s->vao);
    glGenBuffers(1, &s->vbo);
    glBindVertexArray(s->vao);
    glBindBuffer(GL_ARRAY_BUFFER, s->vbo);
    GLsizei stride = sizeof(ShapeVertex);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, (void *)offsetof(ShapeVertex, pos));
    glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, stride, (void *)offsetof(ShapeVertex, color));
    glVertexAttribPointer(2, 4, GL_FLOAT, GL_FALSE, stride,
                          (void *)offsetof(ShapeVertex, segment));
    glVertexAttribPointer(3, 2, GL_FLOAT, GL_FALSE, stride, (void *)offsetof(ShapeVertex, shape));
    for (GLuint i = 0; i < 4; i++)
        glEnableVertexAttribArray(i);
    glBindVertexArray(0);
    return s;
}

void shapes_destroy(Shapes *s)
{
    if (!s)
        return;
    glDeleteBuffers(1, &s->vbo);
    glDeleteVertexArrays(1, &s->vao);
    glDeleteProgram(s->program);
    free(s->vertices);
    free(s);
}

/* Room for n more vertices; false (and the shape is dropped) without memory. */
static bool reserve(Shapes *s, size_t n)
{
    if (s->count + n <= s->capacity)
        return true;
    size_t capacity = s->capacity ? s->capacity * 2 : 4096;
    while (capacity < s->count + n)
        capacity *= 2;
    ShapeVertex *v = realloc(s->vertices, capacity * sizeof *v);
    if (!v)
        return false;
    s->vertices = v;
    s->capacity = capacity;
    return true;
}

/* Adds the quad with corners c[0..3] (in order around it) for one shape. */
static void add_quad(Shapes *s, const double c[4][2], Rgba color, const float segment[4],
                     float half_width, float ring)
{
    if (!reserve(s, 6))
        return;
    static const int order[6] = {0, 1, 2, 0, 2, 3};
    for (int k = 0; k < 6; k++) {
        ShapeVertex *v = &s->vertices[s->count++];
        v->pos[0] = (float)c[order[k]][0];
        v->pos[1] = (float)c[order[k]][1];
        v->color[0] = color.r;
        v->color[1] = color.g;
        v->color[2] = color.b;
        v->color[3] = color.a;
        for (int j = 0; j < 4; j++)
            v->segment[j] = segment[j];
        v->shape[0] = half_width;
        v->shape[1] = ring;
    }
}

/* A quad around the segment, reaching margin beyond it on every side. */
static void capsule(Shapes *s, double ax, double ay, double bx, double by, double margin,
                    Rgba color, float half_width, float ring)
{
    double dx = bx - ax, dy = by - ay, len = hypot(dx, dy);
    double ux = len > 1e-9 ? dx / len : 1.0, uy = len > 1e-9 ? dy / len : 0.0;
    double nx = -uy * margin, ny = ux * margin, tx = ux * margin, ty = uy * margin;
    const double c[4][2] = {{ax - tx + nx, ay - ty + ny},
                            {bx + tx + nx, by + ty + ny},
                            {bx + tx - nx, by + ty - ny},
                            {ax - tx - nx, ay - ty - ny}};
    const float segment[4] = {(float)ax, (float)ay, (float)bx, (float)by};
    add_quad(s, c, color, segment, half_width, ring);
}

void shapes_segment(Shapes *s, double ax, double ay, double bx, double by, double half_width,
                    Rgba color)
{
    capsule(s, ax, ay, bx, by, half_width + 1.0, color, (float)half_width, 0.0f);
}

void shapes_disc(Shapes *s, double x, double y, double radius, Rgba color)
{
    capsule(s, x, y, x, y, radius + 1.0, color, (float)radius, 0.0f);
}

void shapes_ring(Shapes *s, double x, double y, double radius, double half_width, Rgba color)
{
    capsule(s, x, y, x, y, radius + half_width + 1.0, color, (float)half_width, (float)radius);
}

void shapes_rect(Shapes *s, double x, double y, double w, double h, Rgba color)
{
    const double c[4][2] = {{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}};
    const float none[4] = {0, 0, 0, 0};
    add_quad(s, c, color, none, -1.0f, 0.0f);
}

void shapes_arrow(Shapes *s, double ax, double ay, double bx, double by, double half_width,
                  double head, Rgba color)
{
    double dx = bx - ax, dy = by - ay, len = hypot(dx, dy);
    if (len < 1e-6)
        return;
    double ux = dx / len, uy = dy / len;
    /* Barbs at 30 degrees either side of the shaft. */
    double c = cos(M_PI / 6), sn = sin(M_PI / 6);
    shapes_segment(s, ax, ay, bx, by, half_width, color);
    shapes_segment(s, bx, by, bx - head * (ux * c - uy * sn), by - head * (uy * c + ux * sn),
                   half_width, color);
    shapes_segment(s, bx, by, bx - head * (ux * c + uy * sn), by - head * (uy * c - ux * sn),
                   half_width, color);
}

void shapes_flush(Shapes *s, int width, int height)
{
    if (s->count == 0)
        return;
    glUseProgram(s->program);
    glUniform2f(s->u_size, (float)width, (float)height);
    glBindVertexArray(s->vao);
    glBindBuffer(GL_ARRAY_BUFFER, s->vbo);
    /* Orphan last frame's storage so the driver need not wait for it. */
    glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)(s->count * sizeof *s->vertices), NULL,
                 GL_STREAM_DRAW);
    glBufferSubData(GL_ARRAY_BUFFER, 0, (GLsizeiptr)(s->count * sizeof *s->vertices),
                    s->vertices);
    glDrawArrays(GL_TRIANGLES, 0, (GLsizei)s->count);
    glBindVertexArray(0);
    s->count = 0;
    s->flushes++;
}

ShapesMark shapes_mark(const Shapes *s)
{
    return (ShapesMark){s->flushes, s->count};
}

static void reverse(ShapeVertex *v, size_t begin, size_t end)
{
    for (; begin + 1 < end; begin++, end--) {
        ShapeVertex t = v[begin];
        v[begin] = v[end - 1];
        v[end - 1] = t;
    }
}

bool shapes_move_back(Shapes *s, ShapesMark at, ShapesMark since)
{
    if (at.flushes != s->flushes || since.flushes != s->flushes)
        return false;
    /* [at, since) and [since, count) swap places: three reversals. */
    reverse(s->vertices, at.count, since.count);
    reverse(s->vertices, since.count, s->count);
    reverse(s->vertices, at.count, s->count);
    return true;
}
