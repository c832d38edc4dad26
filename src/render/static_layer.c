/* static_layer.c — see render_internal.h: the bottom of the frame (the
 * slate, the landscape and the panels' rectangles), kept in a texture while
 * it holds still and copied under each frame.
 *
 * Why: on Mesa's software rasteriser, recording the rosenbrock race, the
 * panels' rectangles cost 0.6 ms of a 1280x720 frame's 6.5 ms of descent's
 * own CPU and 1.7 of a 1920x1080 frame's 11.4; clearing the frame and
 * copying the landscape into it cost about what copying the layer does.
 *
 * Why the pixels are the same: a panel's rectangle is moved from its place
 * in the frame's drawing order to just after the landscape.  Nothing drawn
 * between those two places touches its pixels: what lies on the map is cut
 * at the map's rectangle (the scissor), which the panel does not overlap;
 * the panels do not overlap each other; and the HUD's text is drawn after
 * all of its shapes (render_flush).  A panel the layer holds is claimed by
 * its render_panel call, which then draws nothing; a frame in which one is
 * not claimed is drawn again without the layer (static_layer_end). */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "texture.h"

void static_layer_init(StaticLayer *s)
{
    const char *setting = getenv("DESCENT_STATIC_LAYER");
    s->enabled = !(setting && strcmp(setting, "off") == 0);
    s->report = setting && strcmp(setting, "report") == 0;
}

void static_layer_release(StaticLayer *s)
{
    if (s->report)
        fprintf(stderr, "static layer: %ld frames, %ld over its copy, %ld panels held, "
                        "%ld drawn again\n",
                s->frames, s->frames_over, s->panels_held, s->frames_again);
    glDeleteFramebuffers(1, &s->fbo);
    glDeleteTextures(1, &s->texture);
}

/* ------------------------------------------------------------------------ */
/* The bottom of the frame                                                   */

static SurfaceFrame surface_frame(const Renderer *r, const Scene *scene, const Viewport *vp,
                                  GLuint target)
{
    Rgba slate = r->theme->slate;
    return (SurfaceFrame){
        .rect = vp->world,
        .scale = heatmap_scale(r->heatmap),
        .colormap = heatmap_colormap_texture(r->heatmap, scene->display.colormap),
        .line_width = (float)r->scale,
        .line_strength = r->theme->contour_strength,
        .paper = r->theme->landscape_paper,
        .background = {slate.r, slate.g, slate.b},
        .target = target,
        .progressive = r->progressive,
        .width = r->width,
        .height = r->height,
        .fit = {vp->x, vp->y, vp->width, vp->height},
    };
}

/* The landscape's painting brought up to date: heatmap_update's or
 * surface_update's number (0: the 3D view has no mesh).  The 3D view's
 * landscape needs the heatmap's grid too, not its painting: it sets the
 * colour scale both views and the legend use. */
static unsigned update_landscape(Renderer *r, const Scene *scene, const Viewport *vp)
{
    if (!r->view3d)
        return heatmap_update(r->heatmap, scene, vp, r->scale, r->progressive);
    heatmap_prepare(r->heatmap, scene, vp, r->progressive);
    SurfaceFrame frame = surface_frame(r, scene, vp, 0);
    return surface_update(r->surface, scene, &frame);
}

void static_layer_landscape_box(const Renderer *r, const Scene *scene, const Viewport *vp,
                                int box[4])
{
    double left, top, right, bottom;
    viewport_to_pixel(vp, scene->view.xmin, scene->view.ymax, &left, &top);
    viewport_to_pixel(vp, scene->view.xmax, scene->view.ymin, &right, &bottom);
    box[0] = (int)fmax(0, lround(left));
    box[1] = (int)fmax(0, lround(top));
    box[2] = (int)fmin(r->width, lround(right));
    box[3] = (int)fmin(r->height, lround(bottom));
}

/* Clears the frame around the asked-for view's rectangle to transparent. */
static void clear_off_landscape(const Renderer *r, const Scene *scene, const Viewport *vp)
{
    int b[4], w = r->width, h = r->height;
    static_layer_landscape_box(r, scene, vp, b);
    /* GL counts rows from the bottom. */
    const int strips[4][4] = {{0, 0, b[0], h}, {b[2], 0, w - b[2], h},
                              {b[0], h - b[1], b[2] - b[0], b[1]},
                              {b[0], 0, b[2] - b[0], h - b[3]}};
    glEnable(GL_SCISSOR_TEST);
    glClearColor(0, 0, 0, 0);
    for (int k = 0; k < 4; k++) {
        if (strips[k][2] <= 0 || strips[k][3] <= 0)
            continue;
        glScissor(strips[k][0], strips[k][1], strips[k][2], strips[k][3]);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    glDisable(GL_SCISSOR_TEST);
}

/* The heatmap's painting over the landscape's whole pixels in target.
 * Into the window's framebuffer (0), whose rows GL counts the other way,
 * Mesa's llvmpipe blits with shaders of its own, compiled on every start
 * (its shader cache does not keep them: 27 ms of the first frame's CPU at
 * 1920x1080, bench_startup), so there a full painting is drawn texel for
 * pixel with the text's program, its tint white (the texels unchanged;
 * the window's first frame is byte for byte the blit's).  A coarse one,
 * scaled up while the view moves, keeps the blit's filtering.  Into a
 * framebuffer of ours the blit is a plain copy, done at once, where a draw
 * would keep the painting (6 MB) alive in llvmpipe's queued scene past
 * heatmap_release, beside the layer's new texture (bench_memory's race
 * peaked 6 MB higher). */
static void draw_heatmap(Renderer *r, const Viewport *vp, GLuint target)
{
    GLuint painting = target == 0 ? heatmap_painting(r->heatmap, vp) : 0;
    if (!painting) {
        heatmap_blit(r->heatmap, vp, r->width, r->height, target);
        return;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, target);
    glViewport(0, 0, r->width, r->height);
    glDisable(GL_BLEND);
    double x = (double)lround(vp->x), y = (double)lround(vp->y);
    double w = (double)lround(vp->width), h = (double)lround(vp->height);
    /* Its bottom row first: drawn from the landscape's bottom edge up. */
    render_image_now(r, painting, x, y + h, w, -h, (Rgba){1.0f, 1.0f, 1.0f, 1.0f});
}

/* The slate and landscape (the number update_landscape gave) and the
 * transparent frame's clear into target; leaves target bound with the
 * whole frame as the GL viewport. */
static void paint_bottom(Renderer *r, const Scene *scene, const Viewport *vp, unsigned picture,
                         GLuint target)
{
    glBindFramebuffer(GL_FRAMEBUFFER, target);
    glViewport(0, 0, r->width, r->height);
    glDisable(GL_SCISSOR_TEST);
    Rgba slate = r->theme->slate;
    if (r->view3d && picture != 0) {
        SurfaceFrame frame = surface_frame(r, scene, vp, target);
        surface_blit(r->surface, &frame);
    } else {
        glClearColor(slate.r, slate.g, slate.b, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        if (!r->view3d)
            draw_heatmap(r, vp, target);
    }
    if (r->transparent)
        clear_off_landscape(r, scene, vp);
}

/* The rectangles of panels[0..count) over the bound framebuffer. */
static void paint_panels(Renderer *r, const LayoutRect *panels, size_t count)
{
    if (count == 0)
        return;
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    for (size_t k = 0; k < count; k++)
        shapes_rect(r->shapes, panels[k].x, panels[k].y, panels[k].w, panels[k].h,
                    r->theme->panel);
    shapes_flush(r->shapes, r->width, r->height);
    glDisable(GL_BLEND);
}

/* Copies the whole frame from framebuffer from to framebuffer to, pixel for
 * pixel, and leaves to bound with the whole frame as the GL viewport. */
static void copy_frame(const Renderer *r, GLuint from, GLuint to)
{
    glBindFramebuffer(GL_READ_FRAMEBUFFER, from);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, to);
    glDisable(GL_SCISSOR_TEST);
    glBlitFramebuffer(0, 0, r->width, r->height, 0, 0, r->width, r->height, GL_COLOR_BUFFER_BIT,
                      GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, to);
    glViewport(0, 0, r->width, r->height);
}

/* ------------------------------------------------------------------------ */
/* What the layer holds                                                      */

static bool same_rect(LayoutRect a, LayoutRect b)
{
    return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

/* The pixels a filled rectangle may cover (columns x0..x1, rows y0..y1,
 * both ends in): those whose centres lie in it, a centre on its edge (or
 * within the rasteriser's snapping of it) counted in. */
typedef struct PixelBox {
    long x0, y0, x1, y1;
} PixelBox;

static PixelBox pixels_of(LayoutRect rect)
{
    const double snap = 1.0 / 64;
    return (PixelBox){(long)ceil(rect.x - 0.5 - snap), (long)ceil(rect.y - 0.5 - snap),
                      (long)floor(rect.x + rect.w - 0.5 + snap),
                      (long)floor(rect.y + rect.h - 0.5 + snap)};
}

static bool boxes_meet(PixelBox a, PixelBox b)
{
    return a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;
}

/* The same slate and landscape (panels aside). */
static bool same_picture(const StaticKey *a, const StaticKey *b)
{
    return a->picture == b->picture && a->view3d == b->view3d &&
           a->transparent == b->transparent && a->width == b->width &&
           a->height == b->height && a->theme == b->theme &&
           memcmp(a->fit, b->fit, sizeof a->fit) == 0 &&
           memcmp(a->landscape, b->landscape, sizeof a->landscape) == 0;
}

static bool same_key(const StaticKey *a, const StaticKey *b)
{
    if (!same_picture(a, b) || a->panel_count != b->panel_count)
        return false;
    for (size_t k = 0; k < a->panel_count; k++)
        if (!same_rect(a->panels[k], b->panels[k]))
            return false;
    return true;
}

/* The pixels what lies on the map may cover: render_frame's scissor, the
 * map's rectangle in whole pixels (on a transparent frame the asked-for
 * view's within it, counted too). */
static PixelBox map_pixels(const Renderer *r, const Scene *scene, const Viewport *vp)
{
    long top = lround(vp->y + vp->height) - lround(vp->height), left = lround(vp->x);
    PixelBox map = {left, top, left + lround(vp->width) - 1, lround(vp->y + vp->height) - 1};
    if (r->transparent) {
        int b[4];
        static_layer_landscape_box(r, scene, vp, b);
        map = (PixelBox){fmin(map.x0, b[0]), fmin(map.y0, b[1]), fmax(map.x1, b[2] - 1),
                         fmax(map.y1, b[3] - 1)};
    }
    return map;
}

/* The panels the last frame's HUD filled that the layer may hold in this
 * one: each is a shown panel's rectangle in this frame's layout, off the
 * map's pixels (what lies on it is drawn before the HUD) and off every
 * rectangle the HUD filled before it. */
static size_t still_panels(const Renderer *r, const Scene *scene, const Viewport *vp,
                           LayoutRect *dest)
{
    const StaticLayer *s = &r->static_layer;
    PixelBox map = map_pixels(r, scene, vp);
    size_t count = 0;
    for (size_t k = 0; k < s->seen_count && !r->crop; k++) {
        LayoutRect rect = s->seen[k];
        bool placed = false;
        for (int p = 0; p < LAYOUT_PANELS; p++)
            placed = placed || (r->layout.shown[p] && same_rect(r->layout.rect[p], rect));
        bool apart = placed && !boxes_meet(pixels_of(rect), map);
        for (size_t j = 0; j < k && apart; j++)
            apart = !boxes_meet(pixels_of(rect), pixels_of(s->seen[j]));
        if (apart)
            dest[count++] = rect;
    }
    return count;
}

/* Deletes the layer's texture. */
static void drop_texture(StaticLayer *s)
{
    texture_detach_delete(s->fbo, &s->texture);
    s->valid = false;
}

static bool make_texture(StaticLayer *s, int width, int height)
{
    if (!s->fbo)
        glGenFramebuffers(1, &s->fbo);
    s->texture = texture_attach_new(s->fbo, width, height);
    return glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
}

void static_layer_draw(Renderer *r, const Scene *scene, const Viewport *vp, GLuint target,
                       bool allowed)
{
    StaticLayer *s = &r->static_layer;
    StaticKey key = {
        .picture = update_landscape(r, scene, vp),
        .view3d = r->view3d,
        .transparent = r->transparent,
        .width = r->width,
        .height = r->height,
        .theme = scene->display.theme,
        .fit = {vp->x, vp->y, vp->width, vp->height},
    };
    if (r->transparent)
        static_layer_landscape_box(r, scene, vp, key.landscape);
    key.panel_count = still_panels(r, scene, vp, key.panels);
    s->used = false;
    s->claimed = 0;
    s->seen_count = 0;
    bool painted = false;
    if (!s->enabled || !allowed) {
        s->valid = s->has_previous = false;
    } else if (s->valid && same_key(&key, &s->key)) {
        s->used = true;
    } else if (s->has_previous && same_picture(&key, &s->previous)) {
        /* The landscape held still for a frame: worth keeping.  (A view
         * that moves every frame is drawn straight into the frame, without
         * the copy.)  The bottom is painted into the frame and copied into
         * the layer, whose texture is made only after the heatmap's is
         * released: the two, 14 MB at 1920x1080, are never held at once. */
        drop_texture(s);
        paint_bottom(r, scene, vp, key.picture, target);
        painted = true;
        if (!r->view3d)
            heatmap_release(r->heatmap);
        s->valid = make_texture(s, r->width, r->height);
        if (s->valid) {
            copy_frame(r, target, s->fbo);
            paint_panels(r, key.panels, key.panel_count);
            s->key = key;
            s->used = true;
        }
    }
    s->previous = key;
    s->has_previous = s->enabled && allowed;
    if (!s->used) {
        /* The view moves: the layer's texture waits unused (8.3 MB at
         * 1920x1080) while the heatmap's is in use. */
        drop_texture(s);
        if (!painted)
            paint_bottom(r, scene, vp, key.picture, target);
        return;
    }
    copy_frame(r, s->fbo, target);
}

bool static_layer_claim(StaticLayer *s, LayoutRect rect)
{
    if (!s->in_hud)
        return false;
    if (s->seen_count < STATIC_LAYER_PANELS)
        s->seen[s->seen_count++] = rect;
    for (size_t k = 0; s->used && k < s->key.panel_count; k++)
        if (!(s->claimed & 1u << k) && same_rect(s->key.panels[k], rect)) {
            s->claimed |= 1u << k;
            return true;
        }
    return false;
}

bool static_layer_end(StaticLayer *s)
{
    s->in_hud = false;
    s->frames++;
    if (!s->used || s->claimed == (1u << s->key.panel_count) - 1u) {
        s->frames_over += s->used;
        s->panels_held += s->used ? (long)s->key.panel_count : 0;
        return true;
    }
    s->frames_again++;
    s->valid = false;
    return false;
}
