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
    float shape[4];
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
    glVertexAttribPointer(3, 4, GL_FLOAT, GL_FALSE, stride, (void *)offsetof(ShapeVertex, shape));
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

/* How far along a segment (0: its start, 1: its end) its distance is
 * measured from its nearer end; beyond, from its line (a butt end). */
static const float ROUND_ENDS[2] = {0.0f, 1.0f};

/* Adds the quad with corners c[0..3] (in order around it) for one shape;
 * ends: see ROUND_ENDS. */
static void add_quad(Shapes *s, const double c[4][2], Rgba color, const float segment[4],
                     float half_width, float ring, const float ends[2])
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
        v->shape[2] = ends[0];
        v->shape[3] = ends[1];
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
    add_quad(s, c, color, segment, half_width, ring, ROUND_ENDS);
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
    add_quad(s, c, color, none, -1.0f, 0.0f, ROUND_ENDS);
}

void shapes_triangle(Shapes *s, const double a[2], const double b[2], const double c[2],
                     Rgba color)
{
    /* A quad whose last two corners meet: add_quad's second triangle. */
    const double q[4][2] = {{a[0], a[1]}, {b[0], b[1]}, {c[0], c[1]}, {c[0], c[1]}};
    const float none[4] = {0, 0, 0, 0};
    add_quad(s, q, color, none, -1.0f, 0.0f, ROUND_ENDS);
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

/* Pieces shorter than this (pixels) have no direction to join by. */
#define LINE_MIN_JOIN 1e-3
/* How far along a piece a butt end's distance goes on being measured from
 * its line: beyond any pixel of its quad. */
#define LINE_BUTT 1e9f

/* The unit vector from (ax, ay) to (bx, by). */
static void unit(double ax, double ay, double bx, double by, double u[2])
{
    double len = hypot(bx - ax, by - ay);
    u[0] = len > 1e-9 ? (bx - ax) / len : 1.0;
    u[1] = len > 1e-9 ? (by - ay) / len : 0.0;
}

/* The two corners, left then right of the way, where the pieces o-p and
 * p-q meet, margin from either's line: on their angle's bisector.  Both
 * pieces compute them from the same points, so they share the edge
 * exactly and the rasteriser gives each pixel to one of them. */
static void mitre(double ox, double oy, double px, double py, double qx, double qy,
                  double margin, double c[2][2])
{
    double u[2], v[2];
    unit(ox, oy, px, py, u);
    unit(px, py, qx, qy, v);
    double k = margin / (1.0 + u[0] * v[0] + u[1] * v[1]);
    double mx = -(u[1] + v[1]) * k, my = (u[0] + v[0]) * k;
    c[0][0] = px + mx, c[0][1] = py + my;
    c[1][0] = px - mx, c[1][1] = py - my;
}

/* The quad of a line's piece (x[1], y[1]) to (x[2], y[2]): mitred at its
 * start if joined, at its end if next (the point after) is given, else
 * round there, reaching one pixel beyond its edge. */
static void line_quad(const ShapesLine *l, const double *next, double c[4][2])
{
    double margin = l->half_width + 1.0, u[2];
    unit(l->x[1], l->y[1], l->x[2], l->y[2], u);
    double nx = -u[1] * margin, ny = u[0] * margin, tx = u[0] * margin, ty = u[1] * margin;
    double start[2][2] = {{l->x[1] - tx + nx, l->y[1] - ty + ny},
                          {l->x[1] - tx - nx, l->y[1] - ty - ny}};
    double end[2][2] = {{l->x[2] + tx + nx, l->y[2] + ty + ny},
                        {l->x[2] + tx - nx, l->y[2] + ty - ny}};
    if (l->joined)
        mitre(l->x[0], l->y[0], l->x[1], l->y[1], l->x[2], l->y[2], margin, start);
    if (next)
        mitre(l->x[1], l->y[1], l->x[2], l->y[2], next[0], next[1], margin, end);
    c[0][0] = start[0][0], c[0][1] = start[0][1];
    c[1][0] = end[0][0], c[1][1] = end[0][1];
    c[2][0] = end[1][0], c[2][1] = end[1][1];
    c[3][0] = start[1][0], c[3][1] = start[1][1];
}

/* Whether corners c[0..3] go round a convex quad the way a capsule's do:
 * a piece too short for its mitres would fold over its neighbours. */
static bool convex(const double c[4][2])
{
    for (int k = 0; k < 4; k++) {
        const double *p = c[k], *q = c[(k + 1) % 4], *o = c[(k + 2) % 4];
        if ((q[0] - p[0]) * (o[1] - q[1]) - (q[1] - p[1]) * (o[0] - q[0]) >= 0.0)
            return false;
    }
    return true;
}

/* Adds the waiting piece, mitred at its end into next (NULL: round). */
static void line_add(Shapes *s, const ShapesLine *l, const double *next)
{
    double c[4][2];
    line_quad(l, next, c);
    const float segment[4] = {(float)l->x[1], (float)l->y[1], (float)l->x[2], (float)l->y[2]};
    const float ends[2] = {l->joined ? -LINE_BUTT : ROUND_ENDS[0],
                           next ? LINE_BUTT : ROUND_ENDS[1]};
    add_quad(s, c, l->color, segment, (float)l->half_width, 0.0f, ends);
}

void shapes_line_piece(Shapes *s, ShapesLine *l, double ax, double ay, double bx, double by,
                       double half_width, Rgba color)
{
    ShapesLine piece = {true, false, {l->x[1], ax, bx}, {l->y[1], ay, by}, half_width, color};
    if (l->pending && ax == l->x[2] && ay == l->y[2] && half_width == l->half_width &&
        hypot(bx - ax, by - ay) > LINE_MIN_JOIN &&
        hypot(ax - l->x[1], ay - l->y[1]) > LINE_MIN_JOIN &&
        (ax - l->x[1]) * (bx - ax) + (ay - l->y[1]) * (by - ay) >= 0.0) {
        double before[4][2], after[4][2];
        const double next[2] = {bx, by};
        piece.joined = true;
        line_quad(l, next, before);
        line_quad(&piece, NULL, after);
        if (convex(before) && convex(after)) {
            line_add(s, l, next);
            *l = piece;
            return;
        }
        piece.joined = false;
    }
    shapes_line_end(s, l);
    *l = piece;
}

void shapes_line_end(Shapes *s, ShapesLine *l)
{
    if (l->pending)
        line_add(s, l, NULL);
    l->pending = false;
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
