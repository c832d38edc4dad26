/* heatmap.c — see heatmap.h. */
#include "heatmap.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/data_dir.h"
#include "core/grid.h"
#include "shader.h"
#include "texture.h"
#include "value_scale.h"
#include "theme.h"

#define COLORMAP_ENTRIES 256
/* Full grids sample one value per 2x2 pixels (bilinear filtering fills in
 * between), up to this many cells; coarse ones one per 8x8. */
#define GRID_FULL_DIVISOR 2
#define GRID_COARSE_DIVISOR 8
#define GRID_MAX_CELLS (1500 * 1000)
/* The colour scale's own grid (the asked-for view's): this many cells
 * along its longer side, fewer while the view moves, whatever the map's
 * size. */
#define SCALE_GRID_CELLS 256
#define CONTOUR_LEVELS 16.0f
/* The field holds t from -FIELD_REACH to 1 + FIELD_REACH (the map beyond
 * the range keeps its contour lines that far; 16-bit cells still give the
 * colours over [0, 1] 1/(2 FIELD_REACH + 1) of their steps: 3,000). */
#define FIELD_REACH 10.0
/* How far beyond the range (in t) the map must reach for the bar to mark
 * its end: less is not seen, and the map's grid meets the view's corners
 * closer than the scale's (half a cell: a bowl's corner 1/128 of its
 * range higher). */
#define BEYOND_SEEN 0.02
/* Shapes (width over height) beyond those the layout gives the map of a
 * lesson step, en and zh, at 960x540, 1280x720 and 1280x720 --projector:
 * 0.93 (welcome 1 at 1280x720 --projector) to 4.06 (adaptive 3 there).
 * Whether the bar marks an end is asked of the colour view widened to both
 * (reach_stats): any map of a shape between them lies in one of the two,
 * so the mark is the scale's, the same in every language and size. */
#define MAP_TALLEST 0.75
#define MAP_WIDEST 5.0

/* reach_stats' samples of the colour view widened, and what they are of. */
typedef struct WidenedStats {
    GridStats widest, tallest;
    ViewRect range;
    unsigned serial;
    int side;
    bool valid;
} WidenedStats;

struct Heatmap {
    GLuint program, vao, field, colormaps[COLORMAP_COUNT];
    GLint u_field, u_colormap, u_span, u_levels, u_line_width, u_line_strength, u_paper;
    int threads;

    int grid_w, grid_h;
    unsigned grid_serial;        /* scene's landscape_serial the grid is of */
    ViewRect grid_rect;
    bool has_grid;
    GridStats stats;             /* the colour view's grid's (the range) */
    GridStats map_stats;         /* the map's grid's (the field's span) */
    GridStats reach;             /* how far the landscape reaches about the
                                    colour view (reach_stats) */
    WidenedStats widened;
    ViewRect range_rect;         /* the colour view the range is of */
    double least;                /* the least value in view (heatmap_range) */
    ValueScale scale;            /* how values were mapped to t */
    float span[2];               /* the field's t at its cells' 0 and 1 */
    bool below, above;           /* the map reaches beyond the range */
    bool field_ready;

    ViewRect last_rect;          /* visible rectangle of the previous frame */
    bool has_last;

    float colors[COLORMAP_COUNT][3 * COLORMAP_ENTRIES];  /* the tables, for legends */

    bool coarse;                 /* the grid is a coarse one (the view is moving) */

    /* The painting: what heatmap_update asked for (serial `painted`), kept
     * in cache_texture once heatmap_blit or heatmap_painting has painted
     * it, until
     * heatmap_release drops the texture. */
    GLuint cache_fbo, cache_texture;
    int texture_w, texture_h;    /* cache_texture's size */
    int cache_w, cache_h;        /* the viewport's size */
    int paint_w, paint_h;        /* the painting's: the viewport's, or half of
                                    each side while the view moves */
    bool cache_valid;            /* the fields below describe the grid's painting */
    bool in_texture;             /* cache_texture holds it */
    unsigned painted;            /* counts paintings asked for */
    Colormap cache_colormap;
    SceneTheme cache_theme;      /* its contour strength and paper tint */
    double cache_scale;
};

/* ------------------------------------------------------------------------ */
/* Colormaps                                                                 */

/* Reads assets/colormaps/NAME.txt: '#' comment lines, then 256 lines of
 * three numbers in 0..1. */
static bool load_colormap(Colormap which, float *rgb, DescentError *err)
{
    char relative[128], path[4096];
    snprintf(relative, sizeof relative, "assets/colormaps/%s.txt", colormap_name(which));
    if (!data_path(relative, path, sizeof path, err))
        return false;
    FILE *file = fopen(path, "r");
    if (!file)
        return error_set(err, "cannot read colormap %s: %s", path, strerror(errno));
    char line[256];
    int count = 0, line_no = 0;
    bool ok = true;
    while (ok && fgets(line, sizeof line, file)) {
        line_no++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        float *c = rgb + 3 * count;
        ok = count < COLORMAP_ENTRIES && sscanf(line, "%f %f %f", &c[0], &c[1], &c[2]) == 3 &&
             c[0] >= 0 && c[0] <= 1 && c[1] >= 0 && c[1] <= 1 && c[2] >= 0 && c[2] <= 1;
        count++;
    }
    fclose(file);
    if (!ok)
        return error_set(err, "%s:%d: expected three numbers in 0..1 (and %d lines at most)",
                         path, line_no, COLORMAP_ENTRIES);
    if (count != COLORMAP_ENTRIES)
        return error_set(err, "%s: has %d colours, expected %d", path, count, COLORMAP_ENTRIES);
    return true;
}

/* ------------------------------------------------------------------------ */
/* Life cycle                                                                */

Heatmap *heatmap_create(int threads, DescentError *err)
{
    Heatmap *h = calloc(1, sizeof *h);
    if (!h) {
        error_set(err, "out of memory for the heatmap");
        return NULL;
    }
    h->threads = threads;
    h->program = shader_load("heatmap", err);
    if (!h->program) {
        free(h);
        return NULL;
    }
    for (int c = 0; c < COLORMAP_COUNT; c++) {
        float *rgb = h->colors[c];
        if (!load_colormap((Colormap)c, rgb, err)) {
            heatmap_destroy(h);
            return NULL;
        }
        h->colormaps[c] = texture_create(GL_LINEAR);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB32F, COLORMAP_ENTRIES, 1, 0, GL_RGB, GL_FLOAT, rgb);
    }
    h->u_field = glGetUniformLocation(h->program, "u_field");
    h->u_colormap = glGetUniformLocation(h->program, "u_colormap");
    h->u_span = glGetUniformLocation(h->program, "u_span");
    h->u_levels = glGetUniformLocation(h->program, "u_levels");
    h->u_line_width = glGetUniformLocation(h->program, "u_line_width");
    h->u_line_strength = glGetUniformLocation(h->program, "u_line_strength");
    h->u_paper = glGetUniformLocation(h->program, "u_paper");
    glGenVertexArrays(1, &h->vao);
    h->field = texture_create(GL_LINEAR);
    glGenFramebuffers(1, &h->cache_fbo);
    return h;
}

void heatmap_destroy(Heatmap *h)
{
    if (!h)
        return;
    glDeleteProgram(h->program);
    glDeleteVertexArrays(1, &h->vao);
    glDeleteTextures(1, &h->field);
    glDeleteTextures(COLORMAP_COUNT, h->colormaps);
    glDeleteTextures(1, &h->cache_texture);
    glDeleteFramebuffers(1, &h->cache_fbo);
    free(h);
}

/* ------------------------------------------------------------------------ */
/* Sampling and mapping                                                      */

static bool same_rect(ViewRect a, ViewRect b)
{
    return a.xmin == b.xmin && a.xmax == b.xmax && a.ymin == b.ymin && a.ymax == b.ymax;
}

/* Grid size for a target of width x height at one cell per divisor^2. */
static void grid_size(int width, int height, int divisor, int *gw, int *gh)
{
    *gw = (width + divisor - 1) / divisor;
    *gh = (height + divisor - 1) / divisor;
    double cells = (double)*gw * *gh;
    if (cells > GRID_MAX_CELLS) {
        double shrink = sqrt(GRID_MAX_CELLS / cells);
        *gw = (int)(*gw * shrink);
        *gh = (int)(*gh * shrink);
    }
    *gw = *gw < 2 ? 2 : *gw;
    *gh = *gh < 2 ? 2 : *gh;
}

/* The least value the colours span: the least known minimum the colour
 * scale reaches down to (scene_colour_floor), where that is below every
 * sample, else the least sample.  The grid misses the minimum by up to a
 * cell: welcome 1's colour bar read 0.000498 where the bowl's minimum is
 * 0, and students read it as the lowest loss. */
static double least_in_view(const Scene *scene, GridStats stats)
{
    double least = (double)stats.min;
    return scene->net ? least : fmin(least, scene_colour_floor(scene));
}

/* rect's values on a gw x gh grid into dest, and their stats. */
static GridStats sample_into(Heatmap *h, const Scene *scene, ViewRect rect, int gw, int gh,
                             float *dest)
{
    return scene->net ? net_stage_sample(scene->net, rect, gw, gh, dest)
                      : grid_sample(scene->landscape, rect, gw, gh, dest, h->threads);
}

/* rect's values on a grid of side cells along its longer side, into
 * dest (side x side floats), and their stats. */
static GridStats sample_scale(Heatmap *h, const Scene *scene, ViewRect rect, int side,
                              float *dest)
{
    double rw = rect.xmax - rect.xmin, rh = rect.ymax - rect.ymin;
    int sw = rw >= rh ? side : (int)fmax(2, lround(side * rw / rh));
    int sh = rw >= rh ? (int)fmax(2, lround(side * rh / rw)) : side;
    return sample_into(h, scene, rect, sw, sh, dest);
}

/* Both stats' cells together. */
static GridStats joined(GridStats a, GridStats b)
{
    return (GridStats){fminf(a.min, b.min), fmaxf(a.max, b.max), a.nonfinite + b.nonfinite};
}

/* How far the landscape reaches about the colour view range: over the map
 * and the view widened to MAP_WIDEST and to MAP_TALLEST (viewport.h's
 * widening), whatever the map's own shape.  Whether the map reached beyond
 * the range followed its shape, which follows the caption's lines: the
 * same step's top read "≥ 221" in one language and "221" in the other
 * (issue 12). */
static GridStats reach_stats(Heatmap *h, const Scene *scene, ViewRect range, int side,
                             float *scratch)
{
    /* The widened views' stats depend on neither the map nor its grid: a
     * map resampled under the same colour view (a resize, a log scale
     * turned on) takes them as they were, not some 62,000 values again. */
    WidenedStats *w = &h->widened;
    if (!w->valid || w->serial != scene->landscape_serial || w->side != side ||
        !same_rect(w->range, range)) {
        w->widest =
            sample_scale(h, scene, viewport_fit(range, MAP_WIDEST, 1.0).world, side, scratch);
        w->tallest =
            sample_scale(h, scene, viewport_fit(range, MAP_TALLEST, 1.0).world, side, scratch);
        w->range = range;
        w->serial = scene->landscape_serial;
        w->side = side;
        w->valid = true;
    }
    return joined(joined(h->map_stats, w->widest), w->tallest);
}

/* The map's grid over rect (gw x gh) into values, the range the colours
 * span (the colour view's values, scene_colour_view, sampled on a grid of
 * their own, whatever the map's size) and how far the landscape reaches
 * about it, coarse (divisor GRID_COARSE_DIVISOR / GRID_FULL_DIVISOR times
 * fewer cells a side) when the map's is. */
static bool sample(Heatmap *h, const Scene *scene, ViewRect rect, int gw, int gh, bool coarse,
                   float *values)
{
    ViewRect range = scene_colour_view(scene);
    int side = coarse ? SCALE_GRID_CELLS * GRID_FULL_DIVISOR / GRID_COARSE_DIVISOR
                      : SCALE_GRID_CELLS;
    /* The range's grids are read for their stats alone. */
    float *scale = malloc((size_t)side * (size_t)side * sizeof *scale);
    if (!scale)
        return false;
    h->map_stats = sample_into(h, scene, rect, gw, gh, values);
    h->stats = sample_scale(h, scene, range, side, scale);
    h->least = least_in_view(scene, h->stats);
    h->reach = reach_stats(h, scene, range, side, scale);
    free(scale);
    h->range_rect = range;
    h->grid_w = gw;
    h->grid_h = gh;
    h->grid_rect = rect;
    h->grid_serial = scene->landscape_serial;
    h->has_grid = true;
    return true;
}

/* A cell's t, unclamped (value_scale_reach) as far as the field holds. */
static double field_t(const Heatmap *h, float value)
{
    return fmin(fmax(value_scale_reach(&h->scale, (double)value), -FIELD_REACH),
                1.0 + FIELD_REACH);
}

/* values -> t (value_scale.h) in 16-bit fixed point (a format software
 * renderers filter fast) over span, [0, 1] widened to the t the map
 * reaches beyond the range: the shader colours it clamped and draws the
 * contour lines on beyond, so a map wider than the view keeps its shape.
 * Uploaded to the field texture through a buffer freed after the upload
 * (0.8 MB at 1920x1080); non-finite cells (overflow) take the top colour,
 * so no NaN ever reaches the GPU.  Without memory for the buffer the field
 * keeps its last upload. */
static void map_values(Heatmap *h, const float *values, bool log_scale)
{
    size_t cells = (size_t)h->grid_w * (size_t)h->grid_h;
    uint16_t *mapped = malloc(cells * sizeof *mapped);
    if (!mapped)
        return;
    h->scale = value_scale_make(h->stats, log_scale);
    /* t rises with the value, and a non-finite cell takes the top: the
     * map's least and greatest cells give the span, no second pass. */
    double lo = 0.0, hi = 1.0;
    if (h->map_stats.min <= h->map_stats.max) {
        lo = fmin(lo, field_t(h, h->map_stats.min));
        hi = fmax(hi, field_t(h, h->map_stats.max));
    }
    if (h->map_stats.nonfinite > 0)
        hi = fmax(hi, field_t(h, NAN));
    h->span[0] = (float)lo;
    h->span[1] = (float)hi;
    h->below = h->reach.min <= h->reach.max && field_t(h, h->reach.min) < -BEYOND_SEEN;
    h->above = (h->reach.min <= h->reach.max && field_t(h, h->reach.max) > 1.0 + BEYOND_SEEN) ||
               h->reach.nonfinite > 0;
    for (size_t k = 0; k < cells; k++)
        mapped[k] = (uint16_t)lround((field_t(h, values[k]) - lo) / (hi - lo) * 65535.0);
    glBindTexture(GL_TEXTURE_2D, h->field);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 2);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R16, h->grid_w, h->grid_h, 0, GL_RED, GL_UNSIGNED_SHORT,
                 mapped);
    free(mapped);
    h->field_ready = true;
}

bool heatmap_coarse(const Heatmap *h)
{
    return h->coarse;
}

bool heatmap_range(const Heatmap *h, double *lo, double *hi, bool *log_scale)
{
    *lo = h->least;
    *hi = (double)h->stats.max;
    *log_scale = h->scale.log;
    return h->field_ready && *lo < *hi;
}

void heatmap_beyond(const Heatmap *h, bool *below, bool *above)
{
    *below = h->field_ready && h->below;
    *above = h->field_ready && h->above;
}

double heatmap_value_at(const Heatmap *h, double t)
{
    return value_scale_value(&h->scale, t);
}

ValueScale heatmap_scale(const Heatmap *h)
{
    return h->scale;
}

GLuint heatmap_colormap_texture(const Heatmap *h, Colormap colormap)
{
    return h->colormaps[colormap];
}

Rgba heatmap_color(const Heatmap *h, Colormap colormap, double t)
{
    double at = fmin(fmax(t, 0.0), 1.0) * (COLORMAP_ENTRIES - 1);
    int i = (int)at;
    int j = i + 1 < COLORMAP_ENTRIES ? i + 1 : i;
    float f = (float)(at - i);
    const float *c = h->colors[colormap];
    return (Rgba){c[3 * i] + f * (c[3 * j] - c[3 * i]),
                  c[3 * i + 1] + f * (c[3 * j + 1] - c[3 * i + 1]),
                  c[3 * i + 2] + f * (c[3 * j + 2] - c[3 * i + 2]), 1.0f};
}

/* ------------------------------------------------------------------------ */
/* Drawing                                                                   */

/* Deletes cache_texture. */
static void drop_texture(Heatmap *h)
{
    texture_detach_delete(h->cache_fbo, &h->cache_texture);
    h->texture_w = h->texture_h = 0;
    h->in_texture = false;
}

/* Paints the painting heatmap_update asked for into cache_texture. */
static void paint_cache(Heatmap *h)
{
    /* The texture is the painting's size: a coarse painting scaled up
     * with linear filtering reads a texel beyond its last row and column,
     * which is then its own edge (clamped) and not what a texture larger
     * than it held from an earlier painting. */
    if (h->texture_w != h->paint_w || h->texture_h != h->paint_h) {
        drop_texture(h);
        h->cache_texture = texture_attach_new(h->cache_fbo, h->paint_w, h->paint_h);
        h->texture_w = h->paint_w;
        h->texture_h = h->paint_h;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, h->cache_fbo);
    glViewport(0, 0, h->paint_w, h->paint_h);
    glDisable(GL_BLEND);
    glUseProgram(h->program);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, h->field);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, h->colormaps[h->cache_colormap]);
    glActiveTexture(GL_TEXTURE0);
    glUniform1i(h->u_field, 0);
    glUniform1i(h->u_colormap, 1);
    glUniform2f(h->u_span, h->span[0], h->span[1]);
    glUniform1f(h->u_levels, CONTOUR_LEVELS);
    /* Lines painted small come out at their usual width once scaled up. */
    glUniform1f(h->u_line_width, (float)(h->cache_scale * h->paint_w / h->cache_w));
    const Theme *theme = theme_get(h->cache_theme);
    glUniform1f(h->u_line_strength, theme->contour_strength);
    glUniform1f(h->u_paper, theme->landscape_paper);
    glBindVertexArray(h->vao);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
    h->in_texture = true;
}

void heatmap_prepare(Heatmap *h, const Scene *scene, const Viewport *viewport, bool progressive)
{
    ViewRect rect = viewport->world;
    int width = (int)lround(viewport->width), height = (int)lround(viewport->height);
    bool moving = h->has_last && !same_rect(rect, h->last_rect);
    h->last_rect = rect;
    h->has_last = true;

    bool want_full = !(progressive && moving);
    int gw, gh;
    grid_size(width, height, want_full ? GRID_FULL_DIVISOR : GRID_COARSE_DIVISOR, &gw, &gh);
    bool stale = !h->has_grid || h->grid_serial != scene->landscape_serial ||
                 !same_rect(h->grid_rect, rect) || h->grid_w != gw || h->grid_h != gh ||
                 !same_rect(h->range_rect, scene_colour_view(scene)) ||
                 (h->field_ready && h->scale.log != scene->display.log_scale);
    if (!stale)
        return;
    /* The raw grid lives from its sampling to its mapping, and a log scale
     * turned on samples it again: kept, it was 1.6 MB at 1920x1080 (a
     * race's resident memory 1.8 MB more, bench_memory). */
    float *values = malloc((size_t)gw * (size_t)gh * sizeof *values);
    if (values && sample(h, scene, rect, gw, gh, !want_full, values)) {
        h->coarse = !want_full;
        map_values(h, values, scene->display.log_scale);
        h->cache_valid = false;
    }
    free(values);
}

unsigned heatmap_update(Heatmap *h, const Scene *scene, const Viewport *viewport, double scale,
                        bool progressive)
{
    heatmap_prepare(h, scene, viewport, progressive);
    int width = (int)lround(viewport->width), height = (int)lround(viewport->height);
    /* A coarse grid is painted at half size and scaled up: painting every
     * pixel is what costs most on a software renderer while panning. */
    int paint_w = h->coarse ? (width + 1) / 2 : width, paint_h = h->coarse ? (height + 1) / 2 : height;
    if (!h->cache_valid || h->cache_w != width || h->cache_h != height ||
        h->cache_colormap != scene->display.colormap || h->cache_theme != scene->display.theme ||
        h->cache_scale != scale || h->paint_w != paint_w || h->paint_h != paint_h) {
        h->cache_valid = true;
        h->in_texture = false;
        h->painted++;
        h->cache_w = width;
        h->cache_h = height;
        h->paint_w = paint_w;
        h->paint_h = paint_h;
        h->cache_colormap = scene->display.colormap;
        h->cache_theme = scene->display.theme;
        h->cache_scale = scale;
    }
    return h->painted;
}

/* The painting, painted if it is not yet. */
static void painted(Heatmap *h)
{
    if (!h->in_texture)
        paint_cache(h);
}

void heatmap_blit(Heatmap *h, const Viewport *viewport, int frame_width, int frame_height,
                  GLuint target)
{
    painted(h);
    int width = (int)lround(viewport->width), height = (int)lround(viewport->height);
    /* GL counts rows from the bottom. */
    int x0 = (int)lround(viewport->x), y0 = frame_height - (int)lround(viewport->y) - height;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, h->cache_fbo);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, target);
    glBlitFramebuffer(0, 0, h->paint_w, h->paint_h, x0, y0, x0 + width, y0 + height,
                      GL_COLOR_BUFFER_BIT, h->paint_w == width ? GL_NEAREST : GL_LINEAR);
    glBindFramebuffer(GL_FRAMEBUFFER, target);
    glViewport(0, 0, frame_width, frame_height);
}

GLuint heatmap_painting(Heatmap *h, const Viewport *viewport)
{
    painted(h);
    bool full = h->paint_w == (int)lround(viewport->width) &&
                h->paint_h == (int)lround(viewport->height);
    return full ? h->cache_texture : 0;
}

void heatmap_release(Heatmap *h)
{
    drop_texture(h);
}
