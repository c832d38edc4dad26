/* renderer.c — see render.h: frame order and the text queue. */
#include "render_internal.h"

#include <math.h>
#include <stdlib.h>

#include <SDL.h>

#include "palette.h"
#include "shader.h"

Renderer *renderer_create(DescentError *err)
{
    Renderer *r = calloc(1, sizeof *r);
    if (!r) {
        error_set(err, "out of memory for the renderer");
        return NULL;
    }
    r->progressive = true;
    r->heatmap = heatmap_create(SDL_GetCPUCount(), err);
    r->shapes = r->heatmap ? shapes_create(err) : NULL;
    r->text = r->shapes ? text_create(err) : NULL;
    r->image_program = r->text ? shader_load("image", err) : 0;
    if (!r->image_program) {
        renderer_destroy(r);
        return NULL;
    }
    r->u_image_size = glGetUniformLocation(r->image_program, "u_size");
    r->u_image = glGetUniformLocation(r->image_program, "u_image");
    r->u_image_tint = glGetUniformLocation(r->image_program, "u_tint");
    glGenVertexArrays(1, &r->image_vao);
    glGenBuffers(1, &r->image_vbo);
    glBindVertexArray(r->image_vao);
    glBindBuffer(GL_ARRAY_BUFFER, r->image_vbo);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), (void *)0);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), (void *)(2 * sizeof(float)));
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glBindVertexArray(0);
    return r;
}

void renderer_destroy(Renderer *r)
{
    if (!r)
        return;
    heatmap_destroy(r->heatmap);
    shapes_destroy(r->shapes);
    text_destroy(r->text);
    if (r->image_program) {
        glDeleteProgram(r->image_program);
        glDeleteVertexArrays(1, &r->image_vao);
        glDeleteBuffers(1, &r->image_vbo);
    }
    free(r->queue);
    for (size_t i = 0; i < SCENE_MAX_RUNS; i++)
        free(r->paths[i].points);
    free(r);
}

void renderer_set_help(Renderer *r, const RenderHelpLine *lines, size_t count)
{
    r->help = lines;
    r->help_count = count;
}

void renderer_set_progressive(Renderer *r, bool progressive)
{
    r->progressive = progressive;
}

Rgba render_run_color(size_t i, float a)
{
    uint32_t c = palette_run_color(i);
    return (Rgba){(float)((c >> 16) & 0xFF) / 255.0f, (float)((c >> 8) & 0xFF) / 255.0f,
                  (float)(c & 0xFF) / 255.0f, a};
}

int render_font_px(const Renderer *r, double base)
{
    return (int)lround(base * r->scale);
}

/* ------------------------------------------------------------------------ */
/* Text queue                                                                */

double render_text_width(Renderer *r, const char *utf8, int px)
{
    return text_image(r->text, utf8, px).width;
}

double render_text(Renderer *r, const char *utf8, double x, double y, int px, TextAlign align,
                   Rgba color)
{
    TextImage image = text_image(r->text, utf8, px);
    if (!image.texture)
        return 0;
    if (r->queue_count == r->queue_capacity) {
        size_t capacity = r->queue_capacity ? 2 * r->queue_capacity : 64;
        QueuedText *queue = realloc(r->queue, capacity * sizeof *queue);
        if (!queue)
            return image.width;
        r->queue = queue;
        r->queue_capacity = capacity;
    }
    double left = align == ALIGN_RIGHT    ? x - image.width
                  : align == ALIGN_CENTER ? x - 0.5 * image.width
                                          : x;
    /* Whole pixels keep glyphs crisp. */
    r->queue[r->queue_count++] = (QueuedText){image, (float)floor(left + 0.5),
                                              (float)floor(y + 0.5), color};
    return image.width;
}

static void flush_text(Renderer *r)
{
    if (r->queue_count == 0)
        return;
    size_t floats = r->queue_count * 24;
    float *v = malloc(floats * sizeof *v);
    if (!v) {
        r->queue_count = 0;
        return;
    }
    for (size_t i = 0; i < r->queue_count; i++) {
        const QueuedText *q = &r->queue[i];
        float x0 = q->x, y0 = q->y, x1 = q->x + (float)q->image.width,
              y1 = q->y + (float)q->image.height;
        const float quad[24] = {x0, y0, 0, 0, x1, y0, 1, 0, x1, y1, 1, 1,
                                x0, y0, 0, 0, x1, y1, 1, 1, x0, y1, 0, 1};
        for (int k = 0; k < 24; k++)
            v[i * 24 + (size_t)k] = quad[k];
    }
    glUseProgram(r->image_program);
    glUniform2f(r->u_image_size, (float)r->width, (float)r->height);
    glUniform1i(r->u_image, 0);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(r->image_vao);
    glBindBuffer(GL_ARRAY_BUFFER, r->image_vbo);
    glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)(floats * sizeof *v), v, GL_STREAM_DRAW);
    for (size_t i = 0; i < r->queue_count; i++) {
        const QueuedText *q = &r->queue[i];
        glUniform4f(r->u_image_tint, q->color.r, q->color.g, q->color.b, q->color.a);
        glBindTexture(GL_TEXTURE_2D, q->image.texture);
        glDrawArrays(GL_TRIANGLES, (GLint)(i * 6), 6);
    }
    glBindVertexArray(0);
    free(v);
    r->queue_count = 0;
}

void render_flush(Renderer *r)
{
    shapes_flush(r->shapes, r->width, r->height);
    flush_text(r);
}

/* ------------------------------------------------------------------------ */
/* The frame                                                                 */

void render_frame(Renderer *r, const Scene *scene, int width, int height, double scale)
{
    GLint target = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
    r->width = width < 1 ? 1 : width;
    r->height = height < 1 ? 1 : height;
    r->scale = (scale > 0 ? scale : 1.0) *
               (scene->display.projector ? RENDER_PROJECTOR_SCALE : 1.0);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_SCISSOR_TEST);
    Viewport viewport = viewport_fit(scene->view, r->width, r->height);
    heatmap_draw(r->heatmap, scene, &viewport, r->width, r->height, r->scale, r->progressive,
                 (GLuint)target);
    glEnable(GL_BLEND);
    /* Colour blends; destination alpha stays opaque for read-back. */
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    render_world(r, scene);
    render_hud(r, scene);
    glDisable(GL_BLEND);
    text_end_frame(r->text);
}
