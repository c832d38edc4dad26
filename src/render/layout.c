/* layout.c — see layout.h. */
#include "layout.h"

#include <math.h>

/* The order panels are dropped in when the frame cannot hold them all:
 * the dynamics plot (sharpness, distance, step size: what a step that asks
 * for it is about) outranks the loss plot every step has. */
static const LayoutPanel drop_order[] = {
    LAYOUT_COLORBAR, LAYOUT_LOSS, LAYOUT_INSET,
    LAYOUT_FORMULA, LAYOUT_DYNAMICS, LAYOUT_HINT,
};
#define DROP_COUNT (sizeof drop_order / sizeof drop_order[0])

/* Where a panel stands: stacked up from the bottom right, down from the
 * top right (below the legend where it would reach across it), down from
 * under the legend, (the dynamics plot) at the left of the loss plot,
 * their bottoms level, or (the colour bar) at the end of the plots' row
 * away from the frame's edge, its bottom level with theirs.  The readout
 * has no slot: it lies over the map (place_readout). */
typedef enum Slot {
    SLOT_RIGHT_BOTTOM,
    SLOT_RIGHT_TOP,
    SLOT_UNDER_LEGEND,
    SLOT_BESIDE_LOSS,
    SLOT_BESIDE_PLOTS
} Slot;

/* Each slot's panels in stacking order. */
static const LayoutPanel stack_order[] = {
    LAYOUT_LOSS, LAYOUT_DYNAMICS, LAYOUT_FORMULA, LAYOUT_COLORBAR,
};
#define STACKED (sizeof stack_order / sizeof stack_order[0])

/* The places tried for the panels that can move, in order of preference:
 * the dynamics plot over the loss plot, else beside it; the colour bar
 * over the plots, else at the top right, else under the legend. */
static const Slot colorbar_slots[] = {SLOT_RIGHT_BOTTOM, SLOT_RIGHT_TOP, SLOT_UNDER_LEGEND};
#define VARIANTS (sizeof colorbar_slots / sizeof colorbar_slots[0])
static const Slot dynamics_slots[] = {SLOT_RIGHT_BOTTOM, SLOT_BESIDE_LOSS};
#define DYNAMICS_SLOTS (sizeof dynamics_slots / sizeof dynamics_slots[0])
/* Each placing once with the plots' column at the right, once at the left
 * (its stack standing on the inset): the map then takes the right side,
 * beside the legend, from the top to the caption. */
#define USUAL_PLACINGS (2 * VARIANTS * DYNAMICS_SLOTS)
/* Then each dynamics slot and side once more with the colour bar beside
 * the plots.  At the top right it stood over the map and took its height,
 * while the room beside the plots, under the legend, stood empty
 * (gradient_flow at 1280x720 --projector: the map 497x348, now 497x465;
 * issue 12).  Tried last, so taken only for a map scoring LAYOUT_MAP_GAIN
 * over the usual places' best: tried among them, it displaced an earlier
 * place by that much and kept out a later, better one (learning_rate at
 * 1280x720 --projector: its map 650x249, not 626x267). */
#define PLACINGS (USUAL_PLACINGS + 2 * DYNAMICS_SLOTS)

/* Whether the placing puts the colour bar beside the plots.  Only with
 * the plots at the size they ask for or at their least (make_room): fitted
 * between, a shrunk row kept the map just over MAP_LEAST of the frame, and
 * make_room, which showed it larger, was not tried (adaptive 2 at 1280x720
 * --projector: its map 320x465, not 424x465). */
static bool colorbar_beside_plots(size_t placing)
{
    return placing >= USUAL_PLACINGS;
}

/* Whether the placing puts the plots' column at the frame's left. */
static bool column_left(size_t placing)
{
    return colorbar_beside_plots(placing) ? placing - USUAL_PLACINGS >= DYNAMICS_SLOTS
                                          : placing >= VARIANTS * DYNAMICS_SLOTS;
}

static Slot slot_of(const Layout *l, LayoutPanel p, size_t placing)
{
    switch (p) {
    case LAYOUT_COLORBAR:
        return colorbar_beside_plots(placing) ? SLOT_BESIDE_PLOTS
                                              : colorbar_slots[placing % VARIANTS];
    case LAYOUT_FORMULA:
        return SLOT_RIGHT_TOP;
    case LAYOUT_DYNAMICS:
        if (!l->shown[LAYOUT_LOSS])
            return SLOT_RIGHT_BOTTOM;
        return dynamics_slots[colorbar_beside_plots(placing)
                                  ? (placing - USUAL_PLACINGS) % DYNAMICS_SLOTS
                                  : placing / VARIANTS % DYNAMICS_SLOTS];
    default:
        return SLOT_RIGHT_BOTTOM;
    }
}

/* The plots and the inset take at most this share of the frame's width:
 * the landscape between them stays in view. */
#define SIDE_PANEL_SHARE 0.45
static const LayoutPanel side_panels[] = {LAYOUT_LOSS, LAYOUT_DYNAMICS, LAYOUT_COLORBAR,
                                          LAYOUT_INSET};

/* The order panels take their compact forms in, the least read first.
 * The data inset's is a square too small to read (70 pixels at scale 1):
 * taken before the plots', it left batch_and_flatness 1-6 a data panel 53
 * pixels wide at 960x540 recorded beside a loss plot at full size. */
static const LayoutPanel compact_order[] = {
    LAYOUT_COLORBAR, LAYOUT_LOSS, LAYOUT_DYNAMICS, LAYOUT_INSET, LAYOUT_LEGEND,
};
#define COMPACT_COUNT (sizeof compact_order / sizeof compact_order[0])

/* Halvings of the flexible panels' shrink searched for the largest size. */
#define SHRINK_STEPS 12

bool layout_overlap(LayoutRect a, LayoutRect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static double right_edge(LayoutRect r)
{
    return r.x + r.w;
}

static double bottom_edge(LayoutRect r)
{
    return r.y + r.h;
}

/* Whether a and b lie at least d apart, across or down (to a thousandth
 * of a pixel: a stack's sums round). */
static bool apart(LayoutRect a, LayoutRect b, double d)
{
    d = fmax(d - 1e-3, 0.0);
    return right_edge(a) + d <= b.x || right_edge(b) + d <= a.x || bottom_edge(a) + d <= b.y ||
           bottom_edge(b) + d <= a.y;
}

/* The least room between two panels that do not stack (where the frame
 * allows: Layout.flush) and between a panel and the map: this share of
 * the gap (a stack keeps the whole).
 * Fitted by overlap alone, the plots shrank until they met the legend,
 * and the map reached each panel's edge (35 of the recorded frames at
 * 960x540: the map flush with the legend, the colour bar, the caption);
 * at the whole gap, 13 pixels at 1280x720 --projector, the map fell under
 * 0.29 of the frame and captions went past their share in 60 of the
 * English steps and sizes. */
#define APART_SHARE 0.5

/* That share, raised to LAYOUT_APART_LEAST where the gap allows. */
static double apart_gap(const LayoutInput *in)
{
    return fmin(in->gap, fmax(APART_SHARE * in->gap, LAYOUT_APART_LEAST));
}

/* A panel's width in the plots' column: unshrunk, or its least in the
 * compact forms. */
static double column_width(const Layout *l, LayoutPanel p)
{
    return l->compact[p] ? l->need[p].min_w : l->need[p].w;
}

/* The bottom band's wrapped texts, from the bottom up. */
static const LayoutPanel band_panels[] = {LAYOUT_CAPTION, LAYOUT_HINT};
#define BAND_TEXTS (sizeof band_panels / sizeof band_panels[0])

static bool in_band(int p)
{
    return p == LAYOUT_CAPTION || p == LAYOUT_HINT || p == LAYOUT_NOTICE;
}

/* Wraps band text k (band_panels) within max_width into its request. */
static void wrap_band(const LayoutInput *in, Layout *out, size_t k, double max_width)
{
    const LayoutText *texts[BAND_TEXTS] = {&in->caption, &in->hint};
    LayoutRequest *need = &out->need[band_panels[k]];
    texts[k]->wrap(texts[k]->context, max_width, &need->w, &need->h, &need->cut);
    need->min_w = need->w;
    need->min_h = need->h;
}

/* The caption and the hint, each at most max_width wide, centred on
 * centre, the caption's bottom at bottom; returns the band's top.  The
 * hint sits beside the caption, their bottoms level, where it fits there
 * whole and no higher than the caption; else above it: the room kept
 * above took the map 36 pixels at 1280x720 in the window (welcome 1, whose
 * own step has no hint, kept room for its group's). */
static double place_band(const LayoutInput *in, Layout *out, double centre, double max_width,
                         double bottom)
{
    double top = bottom;
    out->band_width = out->hint_width = max_width;
    bool captioned = out->shown[LAYOUT_CAPTION], hinted = out->shown[LAYOUT_HINT];
    LayoutRequest *caption = &out->need[LAYOUT_CAPTION], *hint = &out->need[LAYOUT_HINT];
    if (captioned) {
        wrap_band(in, out, 0, max_width);
        top = bottom - caption->h;
        out->rect[LAYOUT_CAPTION] = (LayoutRect){centre - 0.5 * caption->w, top, caption->w,
                                                 caption->h};
    }
    if (!hinted)
        return top;
    double beside = max_width - caption->w - in->gap;
    if (captioned && beside > 0) {
        wrap_band(in, out, 1, beside);
        if (!hint->cut && hint->h <= caption->h) {
            double left = centre - 0.5 * (caption->w + in->gap + hint->w);
            out->hint_width = beside;
            out->rect[LAYOUT_CAPTION].x = left;
            out->rect[LAYOUT_HINT] = (LayoutRect){left + caption->w + in->gap,
                                                  bottom - hint->h, hint->w, hint->h};
            return top;
        }
    }
    wrap_band(in, out, 1, max_width);
    double y = (captioned ? top - in->gap : bottom) - hint->h;
    out->rect[LAYOUT_HINT] = (LayoutRect){centre - 0.5 * hint->w, y, hint->w, hint->h};
    return y;
}

/* Where the caption goes: in the strip between the inset and the plots,
 * across the bottom (everything stands on it), or from the inset to the
 * frame's right edge (the plots stand on it). */
typedef enum Band { BAND_STRIP, BAND_ACROSS, BAND_BESIDE_INSET } Band;
#define BANDS 3

/* Places every shown panel with the caption where band says, the movable
 * panels as placing says, flexible panels' widths shrunk by shrink and
 * their heights by tall; true when all lie inside the frame and no two
 * overlap. */
static bool arrange_tall(const LayoutInput *in, Band band, double shrink, double tall,
                         size_t placing, Layout *out)
{
    double W = in->width, H = in->height, m = in->margin, g = in->gap;
    out->caption_across = band == BAND_ACROSS;
    out->shrink = shrink;
    out->band = (int)band;
    out->placing = placing;
    for (int p = 0; p < LAYOUT_PANELS; p++) {
        if (!out->shown[p] || in_band(p))
            continue;
        const LayoutRequest *q = &out->need[p];
        out->rect[p].w = q->w - shrink * (q->w - q->min_w);
        out->rect[p].h = q->h - tall * (q->h - q->min_h);
    }
    LayoutRect *rect = out->rect;
    const bool *shown = out->shown;
    for (size_t k = 0; k < sizeof side_panels / sizeof side_panels[0]; k++)
        if (shown[side_panels[k]] && rect[side_panels[k]].w > SIDE_PANEL_SHARE * W)
            return false;
    rect[LAYOUT_LEGEND].x = m;
    rect[LAYOUT_LEGEND].y = m;

    /* The plots' column, as wide as its widest panel unshrunk (at its
     * least in the compact forms): the strip beside it keeps its width
     * while the plots shrink. */
    double column = 0;
    for (size_t k = 0; k < STACKED; k++)
        if (shown[stack_order[k]] && slot_of(out, stack_order[k], placing) == SLOT_RIGHT_BOTTOM)
            column = fmax(column, column_width(out, stack_order[k]));
    /* The plots' row at the floor: the loss plot, the dynamics plot and
     * the colour bar where they stand beside it. */
    bool dynamics_beside =
        shown[LAYOUT_DYNAMICS] && slot_of(out, LAYOUT_DYNAMICS, placing) == SLOT_BESIDE_LOSS;
    double row = shown[LAYOUT_LOSS] ? column_width(out, LAYOUT_LOSS) : 0.0;
    if (dynamics_beside)
        row += g + column_width(out, LAYOUT_DYNAMICS);
    if (shown[LAYOUT_COLORBAR] && slot_of(out, LAYOUT_COLORBAR, placing) == SLOT_BESIDE_PLOTS) {
        /* Without the loss plot there is no row: the slots above hold it. */
        if (!shown[LAYOUT_LOSS])
            return false;
        row += g + column_width(out, LAYOUT_COLORBAR);
    }
    column = fmax(column, row);
    bool left_column = column > 0 && column_left(placing);
    if (column_left(placing) && !left_column)
        return false;
    /* What the inset and the plots stand on. */
    double inset_floor = H - m, floor_y = H - m;
    if (band == BAND_ACROSS) {
        double band_top = place_band(in, out, 0.5 * W, W - 2 * m, H - m);
        floor_y = inset_floor = band_top < H - m ? band_top - g : H - m;
    } else {
        /* A column at the left stands on the inset: the caption goes
         * beside both, or across. */
        if (band == BAND_BESIDE_INSET && (!shown[LAYOUT_INSET] || left_column))
            return false;
        double inset_w = shown[LAYOUT_INSET] ? out->need[LAYOUT_INSET].w : 0.0;
        double left = m + (left_column ? fmax(inset_w, column) + m
                                       : (shown[LAYOUT_INSET] ? inset_w + m : 0.0));
        double right =
            column > 0 && band == BAND_STRIP && !left_column ? W - m - column - m : W - m;
        if (right <= left)
            return false;
        /* While the caption is held (layout_compute), beside the plots
         * only while that costs at most one line and keeps it within
         * LAYOUT_CAPTION_SHARE of the frame's height (or it is as high
         * across); else at any height, before a panel is dropped. */
        double w, across_h = 0, line = in->caption.line;
        bool cut;
        if (shown[LAYOUT_CAPTION])
            in->caption.wrap(in->caption.context, W - 2 * m, &w, &across_h, &cut);
        double band_top = place_band(in, out, 0.5 * (left + right), right - left, H - m);
        double caption_h = out->need[LAYOUT_CAPTION].h;
        if (shown[LAYOUT_CAPTION] && out->caption_held &&
            (caption_h > across_h + 1.5 * line ||
             caption_h > fmax(across_h, LAYOUT_CAPTION_SHARE * H)))
            return false;
        if (band == BAND_BESIDE_INSET && band_top < H - m)
            floor_y = band_top - g;
    }
    if (shown[LAYOUT_INSET]) {
        rect[LAYOUT_INSET].x = m;
        rect[LAYOUT_INSET].y = inset_floor - rect[LAYOUT_INSET].h;
    }
    LayoutRect legend = rect[LAYOUT_LEGEND];
    if (left_column && shown[LAYOUT_INSET])
        floor_y = rect[LAYOUT_INSET].y - g;
    double bottom = floor_y, top = m, under = shown[LAYOUT_LEGEND] ? bottom_edge(legend) + g : m;
    for (size_t k = 0; k < STACKED; k++) {
        LayoutPanel p = stack_order[k];
        LayoutRect *r = &rect[p];
        if (!shown[p])
            continue;
        switch (slot_of(out, p, placing)) {
        case SLOT_RIGHT_BOTTOM:
            r->x = left_column ? m : W - m - r->w;
            r->y = bottom - r->h;
            bottom = r->y - g;
            break;
        case SLOT_RIGHT_TOP:
            r->x = W - m - r->w;
            r->y = top;
            if (shown[LAYOUT_LEGEND] && r->x < right_edge(legend) + g)
                r->y = fmax(r->y, bottom_edge(legend) + g);
            top = bottom_edge(*r) + g;
            break;
        case SLOT_UNDER_LEGEND:
            r->x = m;
            r->y = under;
            under = bottom_edge(*r) + g;
            break;
        case SLOT_BESIDE_LOSS:
            r->x = left_column ? right_edge(rect[LAYOUT_LOSS]) + g
                               : rect[LAYOUT_LOSS].x - g - r->w;
            r->y = bottom_edge(rect[LAYOUT_LOSS]) - r->h;
            break;
        case SLOT_BESIDE_PLOTS: {
            LayoutPanel end = dynamics_beside ? LAYOUT_DYNAMICS : LAYOUT_LOSS;
            r->x = left_column ? right_edge(rect[end]) + g : rect[end].x - g - r->w;
            r->y = bottom_edge(rect[LAYOUT_LOSS]) - r->h;
            break;
        }
        }
    }

    for (int p = 0; p < LAYOUT_PANELS; p++) {
        if (!shown[p])
            continue;
        LayoutRect r = rect[p];
        if (r.x < 0 || r.y < 0 || right_edge(r) > W || bottom_edge(r) > H || out->need[p].cut)
            return false;
        for (int q = 0; q < p; q++)
            if (shown[q] && !apart(r, rect[q], out->flush ? 0.0 : apart_gap(in)))
                return false;
    }
    return true;
}

/* arrange_tall with both sides shrunk alike. */
static bool arrange(const LayoutInput *in, Band band, double shrink, size_t placing,
                    Layout *out)
{
    return arrange_tall(in, band, shrink, shrink, placing, out);
}

/* The largest panels (least shrink) that fit with the caption and the
 * movable panels placed so; false when even the least do not. */
static bool fit(const LayoutInput *in, Band band, size_t placing, Layout *out)
{
    if (arrange(in, band, 0.0, placing, out))
        return true;
    if (!arrange(in, band, 1.0, placing, out))
        return false;
    double fits = 1.0, fails = 0.0;
    for (int k = 0; k < SHRINK_STEPS; k++) {
        double mid = 0.5 * (fits + fails);
        if (arrange(in, band, mid, placing, out))
            fits = mid;
        else
            fails = mid;
    }
    return arrange(in, band, fits, placing, out);
}

/* How well map r shows a view of that aspect (layout.h): the view's
 * height on it times the map's side (the root of its area). */
static double map_score(double aspect, LayoutRect r)
{
    return fmin(r.w / aspect, r.h) * sqrt(r.w * r.h);
}

/* Whether the notes go on the map (layout.h): the legend's compact form
 * leaves them out. */
static bool notes_on_map(const LayoutInput *in, const Layout *out)
{
    return in->notes.shown && out->compact[LAYOUT_LEGEND];
}

/* A strip of notes may hold at most this many times the rows they take
 * across the whole frame: each note on a line or two, read as sentences
 * (representation 2 at 1280x720 --projector wrapped three notes into
 * eight rows of two or three words, beside a picture 255 pixels wide). */
#define NOTES_ROWS_MOST 2.0

/* Whether the notes fit whole in a strip width wide and r's height, in
 * readable rows (NOTES_ROWS_MOST); *h their height there. */
static bool notes_fit(const LayoutInput *in, double width, LayoutRect r, double *h)
{
    double w, across;
    bool cut;
    in->notes.wrap(in->notes.context, in->width, &w, &across, &cut);
    in->notes.wrap(in->notes.context, width, &w, h, &cut);
    return !cut && *h <= r.h && *h <= NOTES_ROWS_MOST * across;
}

/* The free rectangle r split between the notes and the map (layout.h):
 * the notes down the narrowest strip at its left that holds them whole
 * (no narrower than the view at r's full height leaves), or above the
 * map; the split whose map scores higher.  Returns that score: 0 where
 * the notes fit neither way, the map there the last resort. */
static double split_notes(const LayoutInput *in, double aspect, LayoutRect r, LayoutRect *map,
                          LayoutRect *notes)
{
    double w, h;
    bool cut;
    in->notes.wrap(in->notes.context, r.w, &w, &h, &cut);
    h = fmin(h, r.h);
    *notes = (LayoutRect){r.x, r.y, r.w, h};
    *map = (LayoutRect){r.x, r.y + h, r.w, r.h - h};
    double score = !cut && map->h > 0 ? map_score(aspect, *map) : 0.0;
    /* The narrowest strip that holds them, in whole pixels (the widest
     * one tried first: none narrower fits where it does not). */
    double fits = r.w - 1, fails = fmax(ceil(r.w - r.h * aspect), 1.0) - 1;
    if (fails >= fits || !notes_fit(in, fits, r, &h))
        return score;
    while (fits - fails > 1) {
        double mid = floor(0.5 * (fits + fails));
        if (notes_fit(in, mid, r, &h))
            fits = mid;
        else
            fails = mid;
    }
    notes_fit(in, fits, r, &h);
    LayoutRect beside = {r.x + fits, r.y, r.w - fits, r.h};
    if (map_score(aspect, beside) > score) {
        *notes = (LayoutRect){r.x, r.y, fits, h};
        *map = beside;
        score = map_score(aspect, beside);
    }
    return score;
}

/* Where the map may lie: the frame within the panels' margin from its
 * edges (the map had met the frame's edge where a panel keeps the margin:
 * learning_rate at 1280x720 --projector, its top and right); the whole
 * frame where no panel is shown (a picture alone, --crop). */
static LayoutRect map_room(const LayoutInput *in, const Layout *out)
{
    double m = 0;
    for (int p = 0; p < LAYOUT_PANELS; p++)
        if (out->shown[p])
            m = ceil(in->margin);
    return (LayoutRect){m, m, in->width - 2 * m, in->height - 2 * m};
}

/* The edges a free rectangle's sides may lie on: map_room's and,
 * apart_gap off them, the panels', in whole pixels inward, and those of extra when
 * it is not NULL; returns how many. */
typedef struct Edges {
    double left[LAYOUT_PANELS + 2], right[LAYOUT_PANELS + 2];
    double top[LAYOUT_PANELS + 2], bottom[LAYOUT_PANELS + 2];
    int count;
} Edges;

static void free_edges(const LayoutInput *in, const Layout *out, const LayoutRect *extra,
                       Edges *e)
{
    LayoutRect room = map_room(in, out);
    *e = (Edges){.left = {room.x}, .right = {right_edge(room)}, .top = {room.y},
                 .bottom = {bottom_edge(room)}, .count = 1};
    for (int p = 0; p <= LAYOUT_PANELS; p++) {
        if (p < LAYOUT_PANELS ? !out->shown[p] : !extra)
            continue;
        LayoutRect r = p < LAYOUT_PANELS ? out->rect[p] : *extra;
        e->left[e->count] = ceil(right_edge(r) + apart_gap(in));
        e->right[e->count] = floor(r.x - apart_gap(in));
        e->top[e->count] = ceil(bottom_edge(r) + apart_gap(in));
        e->bottom[e->count] = floor(r.y - apart_gap(in));
        e->count++;
    }
}

/* Whether r lies in map_room, apart_gap off every panel the map may not
 * lie under and off extra (when not NULL). */
static bool is_free(const LayoutInput *in, const Layout *out, const LayoutRect *extra,
                    LayoutRect r)
{
    LayoutRect room = map_room(in, out);
    if (r.w <= 0 || r.h <= 0 || r.x < room.x || r.y < room.y ||
        right_edge(r) > right_edge(room) || bottom_edge(r) > bottom_edge(room) ||
        (extra && !apart(r, *extra, apart_gap(in))))
        return false;
    for (int p = 0; p < LAYOUT_PANELS; p++)
        if (out->shown[p] && !apart(r, out->rect[p], apart_gap(in)))
            return false;
    return true;
}

/* The best map (layout.h) on the frame's free rectangles, none on extra
 * (when not NULL); with split, each rectangle shared with the notes
 * (split_notes).  Returns its score, -1 where no rectangle is free. */
static double best_map(const LayoutInput *in, const Layout *out, const LayoutRect *extra,
                       bool split, LayoutRect *best, LayoutRect *best_notes)
{
    Edges e;
    free_edges(in, out, extra, &e);
    double aspect = in->landscape_aspect > 0 ? in->landscape_aspect : 1.0;
    double best_score = -1, best_area = -1;
    /* A side out of map_room or a rectangle of no width or height is
     * never free (is_free): its combinations are skipped whole, as is_free
     * would reject each (the first frame's layout spent 6 ms of its 8
     * here, bench_startup). */
    LayoutRect room = map_room(in, out);
    for (int a = 0; a < e.count; a++) {
        if (e.left[a] < room.x)
            continue;
        for (int b = 0; b < e.count; b++) {
            double w = e.right[b] - e.left[a];
            if (w <= 0 || e.left[a] + w > right_edge(room))
                continue;
            for (int c = 0; c < e.count; c++) {
                if (e.top[c] < room.y)
                    continue;
                for (int d = 0; d < e.count; d++) {
                    double h = e.bottom[d] - e.top[c];
                    if (h <= 0 || e.top[c] + h > bottom_edge(room))
                        continue;
                    LayoutRect r = {e.left[a], e.top[c], w, h};
                    /* The notes only take from a score: this bounds it. */
                    double area = r.w * r.h, score = map_score(aspect, r);
                    if (score < best_score || (score == best_score && area <= best_area) ||
                        !is_free(in, out, extra, r))
                        continue;
                    LayoutRect map = r, beside = {0, 0, 0, 0};
                    if (split) {
                        score = split_notes(in, aspect, r, &map, &beside);
                        area = map.w * map.h;
                        if (score < best_score || (score == best_score && area <= best_area))
                            continue;
                    }
                    *best = map;
                    *best_notes = beside;
                    best_score = score;
                    best_area = area;
                }
            }
        }
    }
    return best_score;
}

/* The landscape's rectangle (layout.h), and the notes' place: every
 * rectangle whose sides lie on the frame's edges or the panels' is tried;
 * the largest free ones are among them.  The notes either share the
 * map's rectangle, or take the top row beside the panels there (a place
 * at the frame's top margin, from a left edge as far right as is free),
 * the map on the rest: whichever leaves the map the better score. */
static void place_landscape(const LayoutInput *in, Layout *out)
{
    LayoutRect map = {0, 0, 0, 0}, notes = {0, 0, 0, 0};
    if (!notes_on_map(in, out)) {
        best_map(in, out, NULL, false, &map, &notes);
        out->landscape = map;
        out->notes = notes;
        return;
    }
    double score = best_map(in, out, NULL, true, &map, &notes);
    Edges e;
    free_edges(in, out, NULL, &e);
    double top = ceil(in->margin);
    for (int a = 0; a < e.count; a++) {
        /* The widest free row from this left edge. */
        LayoutRect row = {0, 0, 0, 0};
        double h;
        for (int b = 0; b < e.count; b++) {
            LayoutRect r = {e.left[a], top, e.right[b] - e.left[a], 0};
            if (r.w <= row.w || !notes_fit(in, r.w, (LayoutRect){0, 0, r.w, in->height}, &h))
                continue;
            r.h = h;
            if (is_free(in, out, NULL, r))
                row = r;
        }
        LayoutRect beside_map, unused;
        double beside = row.w > 0 ? best_map(in, out, &row, false, &beside_map, &unused) : -1;
        if (beside > score) {
            score = beside;
            map = beside_map;
            notes = row;
        }
    }
    out->landscape = map;
    out->notes = notes;
}

double layout_map_view(const LayoutInput *in, const Layout *l)
{
    return fmin(l->landscape.w / in->landscape_aspect, l->landscape.h);
}

double layout_map_score(const LayoutInput *in, const Layout *l)
{
    return map_score(in->landscape_aspect, l->landscape);
}

/* Keeps the arrangement just made in *best when it is the first, or when
 * its map scores more than LAYOUT_MAP_GAIN higher than best's; with
 * by_view (make_room) also where it shows the view that much higher and
 * scores no lower. */
static void keep_better(const LayoutInput *in, Layout *out, Layout *best, bool *found,
                        bool by_view)
{
    place_landscape(in, out);
    double score = layout_map_score(in, out), before = *found ? layout_map_score(in, best) : 0;
    if (!*found || score > LAYOUT_MAP_GAIN * before ||
        (by_view && score >= before &&
         layout_map_view(in, out) > LAYOUT_MAP_GAIN * layout_map_view(in, best)))
        *best = *out;
    *found = true;
}

/* A map showing the view less high than this share of the frame is
 * cramped: make_room is tried. */
#define MAP_LEAST 0.4

/* The panels at their least, in their compact forms, every arrangement:
 * taken over best for a map that scores more than LAYOUT_MAP_GAIN
 * higher, or shows the view that much higher at no lower score: the
 * view's height is what it makes room for (layout.h).  Weighed so in the
 * search before it too, a taller view kept make_room from one taller
 * still (schedules 1 at 1366x768 --projector: 352 pixels, not 371).  The
 * inset keeps the form best gave it: its compact square is too small to
 * read, taken only where the panels need it (compact_order);
 * for a larger map it left batch_and_flatness 1-6 a data panel 53
 * pixels wide at 960x540 recorded, and implicit_regularization 4 at
 * 1280x720 --projector a data picture 125 pixels square (180 in the full
 * form) for a view 15 pixels higher. */
static void make_room(const LayoutInput *in, Layout *out, Layout *best)
{
    for (int p = 0; p < LAYOUT_PANELS; p++) {
        out->compact[p] = out->shown[p] && in->compact[p].shown &&
                          (p != LAYOUT_INSET || best->compact[p]);
        if (!in_band(p))
            out->need[p] = out->compact[p] ? in->compact[p] : in->panel[p];
    }
    bool found = true;
    for (size_t v = 0; v < PLACINGS; v++)
        for (int b = 0; b < BANDS; b++)
            if (arrange(in, (Band)b, 1.0, v, out))
                keep_better(in, out, best, &found, true);
}

/* The flexible panels of the arrangement taken grown back to the height
 * they ask for, their widths kept, as far as the map keeps its score: the
 * plots take the room that neither they nor the map used
 * (edge_of_stability 2 at 1280x720 --projector: plots at their least
 * standing on the caption, the frame empty above them up to the legend). */
static void grow_back(const LayoutInput *in, Layout *best)
{
    Layout out = *best;
    double score = layout_map_score(in, best), shrink = best->shrink, fits = shrink, fails = 0;
    for (int k = 0; k <= SHRINK_STEPS && fits > 0; k++) {
        double tall = k == 0 ? 0.0 : 0.5 * (fits + fails);
        bool grows = arrange_tall(in, (Band)best->band, shrink, tall, best->placing, &out);
        if (grows) {
            place_landscape(in, &out);
            grows = layout_map_score(in, &out) >= score;
        }
        if (grows)
            fits = tall;
        else
            fails = tall;
    }
    if (fits < shrink &&
        arrange_tall(in, (Band)best->band, shrink, fits, best->placing, &out)) {
        place_landscape(in, &out);
        *best = out;
    }
    /* Panels that touch (Layout.flush) stand in a frame too tight for the
     * gaps: there they keep their heights at their least widths where the
     * map then scores higher.  sharp_flat 6 in the window at 1280x720
     * --projector, its sharpness plot 7 pixels wider than its least,
     * left the map 417 pixels wide; the notice then found no corner off
     * the runs, the readout and the pointer. */
    if (best->flush && arrange_tall(in, (Band)best->band, 1.0, fits, best->placing, &out)) {
        place_landscape(in, &out);
        if (layout_map_score(in, &out) > layout_map_score(in, best))
            *best = out;
    }
}

/* In order of what a class would rather see: full-size plots with the
 * caption beside them, then across the bottom, then beside the inset;
 * smaller plots with the caption across, then beside them, then beside the
 * inset; each with the movable panels at their usual places first; then
 * with compact forms.  With a map to make room for (landscape_aspect > 0),
 * every arrangement of a stage is tried, and a later one is taken over an
 * earlier only for a map that scores more than 10% higher; a map
 * still under MAP_LEAST of the frame's height makes room (make_room). */
static bool place_all(const LayoutInput *in, Layout *out)
{
    bool search = in->landscape_aspect > 0;
    Layout best;
    for (size_t c = 0; c <= COMPACT_COUNT; c++) {
        /* Nothing new to try when the next panel has no compact form. */
        if (c > 0 && !(out->shown[compact_order[c - 1]] && in->compact[compact_order[c - 1]].shown))
            continue;
        for (int p = 0; p < LAYOUT_PANELS; p++)
            out->compact[p] = false;
        for (size_t k = 0; k < c; k++)
            out->compact[compact_order[k]] = in->compact[compact_order[k]].shown;
        for (int p = 0; p < LAYOUT_PANELS; p++)
            if (!in_band(p))
                out->need[p] = out->compact[p] ? in->compact[p] : in->panel[p];
        static const Band full_size[BANDS] = {BAND_STRIP, BAND_ACROSS, BAND_BESIDE_INSET},
                          shrunk[BANDS] = {BAND_ACROSS, BAND_STRIP, BAND_BESIDE_INSET};
        for (int stage = 0; stage < 2; stage++) {
            bool found = false;
            for (size_t v = 0; v < PLACINGS && (search || !found); v++)
                for (int b = 0; b < BANDS && (search || !found); b++)
                    if (stage == 0 ? arrange(in, full_size[b], 0.0, v, out)
                                   : !colorbar_beside_plots(v) && fit(in, shrunk[b], v, out))
                        keep_better(in, out, &best, &found, false);
            if (found) {
                if (search && layout_map_view(in, &best) < MAP_LEAST * in->height)
                    make_room(in, out, &best);
                if (search)
                    grow_back(in, &best);
                *out = best;
                return true;
            }
        }
    }
    return false;
}

static void compute(const LayoutInput *in, Layout *out);

/* While the dynamics plot keeps its height (layout_compute) the map keeps
 * at least this share of the frame's height, and this share of the view's
 * height it has where the plot shrinks. */
#define MAP_HELD 0.33
#define MAP_HELD_KEPT 0.82
/* A dynamics plot asking for less than this share of the frame's height
 * shrinks as before: held, sharp_flat 6's sharpness plot (0.36 of the
 * frame) cost its map a tenth of its height in the window and put the
 * "flat" label over a run's head; the experiment's plot asks for its
 * header and an area 0.25 of the frame high (0.6 of it at 1280x720
 * --projector). */
#define HELD_ASK 0.5

/* A subject plot that cannot have what it asks for is raised this many
 * halvings of the way towards it (layout_compute). */
#define SUBJECT_TRIES 5

/* in with panel p's least, in both forms, raised share of the way to the
 * size it asks for. */
static LayoutInput raised(const LayoutInput *in, LayoutPanel p, double share)
{
    LayoutInput out = *in;
    for (int form = 0; form < 2; form++) {
        LayoutRequest *q = form ? &out.compact[p] : &out.panel[p];
        q->min_w += share * (q->w - q->min_w);
        q->min_h += share * (q->h - q->min_h);
    }
    return out;
}

/* Whether held places every panel with the caption held, the inset in
 * its full form where shrunk has it (held, batch_and_flatness 3's
 * sharpness plot left the data panel's picture 53 pixels wide at 960x540
 * recorded), and leaves the map (where there is one) at least least
 * pixels high and kept of its height in shrunk. */
static bool held_fits(const LayoutInput *in, const Layout *held, const Layout *shrunk,
                      double least, double kept)
{
    double map = layout_map_view(in, held);
    return held->complete && held->caption_held &&
           (!held->compact[LAYOUT_INSET] || shrunk->compact[LAYOUT_INSET]) &&
           (in->landscape_aspect <= 0 ||
            (map >= least && map >= kept * layout_map_view(in, shrunk)));
}

/* Panel p raised as far towards its ask as held_fits with the map at
 * least least high and kept of shrunk's, found by halving: *out and
 * *used (the input it was laid out from) where any share fits. */
static bool raise_most(const LayoutInput *in, LayoutPanel p, const Layout *shrunk, double least,
                       double kept, Layout *out, LayoutInput *used)
{
    double lo = 0, hi = 1;
    bool found = false;
    for (int k = 0; k < SUBJECT_TRIES; k++) {
        double share = 0.5 * (lo + hi);
        LayoutInput held_in = raised(in, p, share);
        Layout held;
        compute(&held_in, &held);
        if (held_fits(in, &held, shrunk, least, kept)) {
            *out = held, *used = held_in, found = true, lo = share;
        } else {
            hi = share;
        }
    }
    return found;
}

/* The dynamics plot is what a step that shows it is about (its caption
 * speaks of it): asking for HELD_ASK of the frame's height or more, or
 * marked LayoutInput.dynamics_subject (then, where all it asks for does
 * not fit, as much of it as does: layout.h), it
 * keeps the size it asks for (its least raised to it, in its compact
 * form too: its height held while its width shrank, the network's
 * sharpness plot cut its note) wherever that still places every panel
 * with the caption held and leaves the map MAP_HELD_KEPT of its view's
 * height and MAP_HELD of the frame's; elsewhere it shrinks like the other
 * plots.  The experiment's plot asked for a readable area and
 * was shrunk to 60 pixels of it beside a map of 0.5 of the frame (escape
 * 2 at 1280x720 --projector, now 180 beside 0.35).  *used: the input
 * the layout taken was made from. */
static void hold_dynamics(const LayoutInput *in, Layout *out, LayoutInput *used)
{
    *used = *in;
    const LayoutRequest *asked = &in->panel[LAYOUT_DYNAMICS];
    if (!asked->shown || asked->min_h >= asked->h ||
        (asked->h < HELD_ASK * in->height && !in->dynamics_subject))
        return;
    LayoutInput held_in = raised(in, LAYOUT_DYNAMICS, 1.0);
    Layout held;
    compute(&held_in, &held);
    if (held_fits(in, &held, out, MAP_HELD * in->height, MAP_HELD_KEPT)) {
        *out = held;
        *used = held_in;
        out->dynamics_held = true;
        return;
    }
    /* A subject that cannot have all it asks for: the most of the way to
     * it that fits, the map kept as high as it was up to MAP_HELD of the
     * frame. */
    Layout shrunk = *out;
    if (in->dynamics_subject)
        raise_most(in, LAYOUT_DYNAMICS, &shrunk,
                   fmin(MAP_HELD * in->height, layout_map_view(in, &shrunk)), MAP_HELD_KEPT, out,
                   used);
}

/* The data panel shrunk under the size it asks for is raised towards it
 * as far as the dynamics plot is held (raise_most): its picture is what
 * the runs are fitted to.  At its least the network's data panel drew
 * its picture 52 pixels wide (batch_and_flatness 1-6 at 960x540
 * recorded) beside a map 0.70 of the frame high. */
static void hold_inset(const LayoutInput *in, Layout *out)
{
    const LayoutRequest *asked = &in->panel[LAYOUT_INSET];
    if (!out->shown[LAYOUT_INSET] || out->compact[LAYOUT_INSET] || asked->min_h >= asked->h ||
        out->rect[LAYOUT_INSET].h >= asked->h - 0.5)
        return;
    LayoutInput used;
    Layout shrunk = *out;
    raise_most(in, LAYOUT_INSET, &shrunk,
               fmin(MAP_LEAST * in->height, layout_map_view(in, &shrunk)), 0.0, out, &used);
    out->dynamics_held = shrunk.dynamics_held;
}

static void compute_holding(const LayoutInput *in, Layout *out)
{
    compute(in, out);
    LayoutInput used;
    hold_dynamics(in, out, &used);
    hold_inset(&used, out);
}

bool layout_over_map(LayoutPanel p)
{
    return p == LAYOUT_READOUT || p == LAYOUT_NOTICE;
}

bool layout_rect_holds(LayoutRect r, double px, double py)
{
    return px >= r.x && px < right_edge(r) && py >= r.y && py < bottom_edge(r);
}

double layout_distance(LayoutRect r, double px, double py)
{
    return hypot(fmax(0.0, fmax(r.x - px, px - right_edge(r))),
                 fmax(0.0, fmax(r.y - py, py - bottom_edge(r))));
}

/* Whether r holds one of the count points of avoid that lie on the map
 * (a run's head run off the view, or the pointer over a panel, is no
 * point of the map's to keep clear). */
static bool holds_any(const Layout *out, LayoutRect r, const double (*avoid)[2], size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (layout_rect_holds(out->landscape, avoid[k][0], avoid[k][1]) &&
            layout_rect_holds(r, avoid[k][0], avoid[k][1]))
            return true;
    return false;
}

/* Whether a panel over the map may lie at r: its top left on the map, in
 * the frame, apart from every shown panel but those over the map as
 * panels are (arrange_tall), nor on the map's notes. */
static bool over_map_free(const LayoutInput *in, const Layout *out, LayoutRect r)
{
    LayoutRect map = out->landscape;
    if (r.x < map.x || r.y < map.y || r.x < 0 || r.y < 0 || right_edge(r) > in->width ||
        bottom_edge(r) > in->height || (out->notes.w > 0 && layout_overlap(r, out->notes)))
        return false;
    for (int p = 0; p < LAYOUT_PANELS; p++)
        if (out->shown[p] && !layout_over_map((LayoutPanel)p) &&
            !apart(r, out->rect[p], out->flush ? 0.0 : apart_gap(in)))
            return false;
    return true;
}

/* Whether the notice may lie at r: off the readout; over the map as
 * over_map_free says; off it, where the frame's panels leave room beside
 * it, in map_room and a gap off the map, its notes and every shown panel
 * but those over the map and the vacant ones. */
static bool notice_free(const LayoutInput *in, const Layout *out, LayoutRect r)
{
    if (out->shown[LAYOUT_READOUT] && layout_overlap(r, out->rect[LAYOUT_READOUT]))
        return false;
    if (layout_overlap(r, out->landscape))
        return over_map_free(in, out, r);
    LayoutRect room = map_room(in, out);
    if (r.x < room.x || r.y < room.y || right_edge(r) > right_edge(room) ||
        bottom_edge(r) > bottom_edge(room) || !apart(r, out->landscape, in->gap) ||
        (out->notes.w > 0 && !apart(r, out->notes, in->gap)))
        return false;
    for (int p = 0; p < LAYOUT_PANELS; p++)
        if (out->shown[p] && !layout_over_map((LayoutPanel)p) && !in->vacant[p] &&
            !apart(r, out->rect[p], in->gap))
            return false;
    return true;
}

typedef bool (*PlaceFreeFn)(const LayoutInput *in, const Layout *out, LayoutRect r);

/* What the panels over the map keep off (layout_place_over_map): points
 * of the map, then marks (none for the readout). */
typedef struct KeepOff {
    const double (*points)[2];
    size_t point_count;
    const LayoutRect *marks;
    size_t mark_count;
} KeepOff;

/* How clear r is of off's points (holds_any) and marks. */
static LayoutClear clearness(const Layout *out, LayoutRect r, const KeepOff *off)
{
    if (holds_any(out, r, off->points, off->point_count))
        return LAYOUT_ON_POINTS;
    for (size_t k = 0; k < off->mark_count; k++)
        if (layout_overlap(r, off->marks[k]))
            return LAYOUT_ON_MARKS;
    return LAYOUT_CLEAR;
}

/* Whether r is free (free_at) and holds none of the map's points of
 * avoid (holds_any). */
static bool clear_at(const LayoutInput *in, const Layout *out, PlaceFreeFn free_at, LayoutRect r,
                     const double (*avoid)[2], size_t avoid_count)
{
    return free_at(in, out, r) && !holds_any(out, r, avoid, avoid_count);
}

/* Of count places, in order of preference, the first free one (free_at)
 * of the best clearness (*how; LAYOUT_NO_PLACE and -1 where none is
 * free). */
static int place_off(const LayoutInput *in, const Layout *out, PlaceFreeFn free_at,
                     const LayoutRect *places, int count, const KeepOff *off, LayoutClear *how)
{
    int best = -1;
    *how = LAYOUT_NO_PLACE;
    for (int k = 0; k < count && *how != LAYOUT_CLEAR; k++) {
        if (!free_at(in, out, places[k]))
            continue;
        LayoutClear c = clearness(out, places[k], off);
        if (c < *how)
            best = k, *how = c;
    }
    return best;
}

/* The readout's places over the map's corners, a gap in from its edges
 * (layout_place_over_map), in its full form where it covers at most
 * LAYOUT_READOUT_SHARE of the map, then its compact one; returns how
 * many. */
#define READOUT_PLACES 8
static bool readout_full_form(const LayoutInput *in, LayoutRect map)
{
    const LayoutRequest *q = &in->panel[LAYOUT_READOUT];
    return q->shown && q->w * q->h <= LAYOUT_READOUT_SHARE * map.w * map.h;
}

static int readout_places(const LayoutInput *in, const Layout *out, LayoutRect *places)
{
    LayoutRect map = out->landscape;
    double g = in->gap;
    int n = 0;
    for (int form = 0; form < 2; form++) {
        const LayoutRequest *q = form ? &in->compact[LAYOUT_READOUT] : &in->panel[LAYOUT_READOUT];
        if (!form && !readout_full_form(in, map))
            continue;
        const double xs[2] = {right_edge(map) - g - q->w, map.x + g};
        const double ys[2] = {map.y + g, bottom_edge(map) - g - q->h};
        for (int corner = 0; corner < 4 && q->shown; corner++)
            places[n++] = (LayoutRect){xs[corner % 2], ys[corner / 2], q->w, q->h};
    }
    return n;
}

/* The readout at places[k] (readout_places; not shown where k < 0). */
static void set_readout(const LayoutInput *in, Layout *out, const LayoutRect *places, int k)
{
    out->shown[LAYOUT_READOUT] = k >= 0;
    if (k < 0)
        return;
    /* The full form's places come first, where it is asked for and fits
     * its share. */
    bool compact = !readout_full_form(in, out->landscape) || k >= 4;
    out->rect[LAYOUT_READOUT] = places[k];
    out->need[LAYOUT_READOUT] = compact ? in->compact[LAYOUT_READOUT] : in->panel[LAYOUT_READOUT];
    out->compact[LAYOUT_READOUT] = compact;
}

/* The notice's wraps tried at each text size: the widest the map allows,
 * then a line more each (narrower, for a corner between the runs). */
#define NOTICE_WRAPS 5
/* Its places at one size and wrap: beside the map (below, above, left,
 * right; each centred on that side, then at its start, then its end), or
 * over it (its foot and head, centred, then their left and right). */
#define NOTICE_BESIDE 12
#define NOTICE_OVER 6
#define NOTICE_PLACES (2 * NOTICE_WRAPS * (NOTICE_BESIDE + NOTICE_OVER))

/* The places of a notice w x h beside the map (over false) or over it,
 * a gap from its edges, in order of preference (NOTICE_BESIDE,
 * NOTICE_OVER); returns how many. */
static int notice_places(LayoutRect map, double g, double w, double h, bool over,
                         LayoutRect *places)
{
    double centre_x = map.x + 0.5 * (map.w - w);
    if (over) {
        const double xs[3] = {centre_x, map.x + g, right_edge(map) - g - w};
        const double ys[2] = {bottom_edge(map) - g - h, map.y + g};
        for (int k = 0; k < NOTICE_OVER; k++)
            places[k] = (LayoutRect){xs[k / 2], ys[k % 2], w, h};
        return NOTICE_OVER;
    }
    /* Beside it, level with its edges. */
    const double xs[3] = {centre_x, map.x, right_edge(map) - w};
    const double ys[3] = {map.y + 0.5 * (map.h - h), map.y, bottom_edge(map) - h};
    for (int k = 0; k < 3; k++) {
        places[k] = (LayoutRect){xs[k], bottom_edge(map) + g, w, h};
        places[3 + k] = (LayoutRect){xs[k], map.y - g - h, w, h};
        places[6 + k] = (LayoutRect){map.x - g - w, ys[k], w, h};
        places[9 + k] = (LayoutRect){right_edge(map) + g, ys[k], w, h};
    }
    return NOTICE_BESIDE;
}

/* The notice's wraps at each text size (form 0 its own, 1 the least):
 * from the widest the map allows (at most the band's), a line more each,
 * none cut, taller than the map leaves or taller than wide (a column of
 * five characters a line, 121x147, stood between edge_of_stability 1's
 * legend and map in Chinese at 1280x720 --projector); their widths
 * (LayoutWrapFn's max_width) and sizes, count[form] of them. */
typedef struct NoticeWraps {
    double width[2][NOTICE_WRAPS], w[2][NOTICE_WRAPS], h[2][NOTICE_WRAPS];
    int count[2];
} NoticeWraps;

static void notice_wraps(const LayoutInput *in, const Layout *out, NoticeWraps *wraps)
{
    LayoutRect map = out->landscape;
    const LayoutText *forms[2] = {&in->notice, &in->notice_compact};
    for (int form = 0; form < 2; form++) {
        const LayoutText *t = forms[form];
        double width = fmin(out->band_width, map.w - 2 * in->gap);
        int n = 0;
        bool cut = false;
        while (n < NOTICE_WRAPS && t->shown && width > 0) {
            double *w = &wraps->w[form][n], *h = &wraps->h[form][n];
            t->wrap(t->context, width, w, h, &cut);
            if (cut || *h > map.h - 2 * in->gap || *h > *w)
                break;
            wraps->width[form][n++] = width;
            width = *w - 1;
        }
        wraps->count[form] = n;
    }
}

/* The notice's places tried, in order of preference: at each its form
 * and wrap (NoticeWraps). */
typedef struct NoticePlaces {
    NoticeWraps wraps;
    LayoutRect rect[NOTICE_PLACES];
    int form[NOTICE_PLACES], wrap[NOTICE_PLACES];
    int count;
} NoticePlaces;

/* Adds the places (notice_places) of the notice's wrap at form to c. */
static void add_notice_places(LayoutRect map, double g, int form, int wrap, bool over,
                              NoticePlaces *c)
{
    int added = notice_places(map, g, c->wraps.w[form][wrap], c->wraps.h[form][wrap], over,
                              c->rect + c->count);
    for (int k = c->count; k < c->count + added; k++)
        c->form[k] = form, c->wrap[k] = wrap;
    c->count += added;
}

/* The notice's places (notice_places) at each of its wraps
 * (notice_wraps), in order of preference: off the map first, at its text
 * size, then at the least; over it then, each wrap at its text size (where
 * it covers at most LAYOUT_NOTICE_SHARE of the map) then at the least,
 * from the widest (one at 31 pixels, 247x210, took a corner before one at
 * 18 pixels wide, 336x63).  They depend on the map and the band, not on
 * the readout: found once for every corner the readout tries. */
static void notice_candidates(const LayoutInput *in, const Layout *out, NoticePlaces *c)
{
    LayoutRect map = out->landscape;
    c->count = 0;
    notice_wraps(in, out, &c->wraps);
    for (int form = 0; form < 2; form++)
        for (int wrap = 0; wrap < c->wraps.count[form]; wrap++)
            add_notice_places(map, in->gap, form, wrap, false, c);
    for (int wrap = 0; wrap < NOTICE_WRAPS; wrap++)
        for (int form = 0; form < 2; form++)
            if (wrap < c->wraps.count[form] &&
                (form == 1 || c->wraps.count[1] == 0 ||
                 c->wraps.w[0][wrap] * c->wraps.h[0][wrap] <=
                     LAYOUT_NOTICE_SHARE * map.w * map.h))
                add_notice_places(map, in->gap, form, wrap, true, c);
}

/* Of the notice's places c, one of the size of the place it held the
 * frame before (LayoutInput.notice_held, within half a pixel) and as much
 * on the map or off it: the form and wrap it keeps there.  -1 where none
 * is. */
static int held_size(const LayoutInput *in, const Layout *out, const NoticePlaces *c)
{
    LayoutRect h = in->notice_held;
    bool over = layout_overlap(h, out->landscape);
    for (int k = 0; k < c->count && h.w > 0; k++)
        if (fabs(c->rect[k].w - h.w) < 0.5 && fabs(c->rect[k].h - h.h) < 0.5 &&
            layout_overlap(c->rect[k], out->landscape) == over)
            return k;
    return -1;
}

/* The notice (layout_place_over_map): of its places c
 * (notice_candidates), the first free one of the best clearness
 * (place_off); the place it held, as it was (the map may have moved under
 * it), where that is free and clear, or as clear as the best.  Above the
 * band, across the frame, where none is free.  Returns its clearness. */
static LayoutClear place_notice(const LayoutInput *in, Layout *out, const NoticePlaces *c,
                                const KeepOff *off)
{
    const LayoutText *forms[2] = {&in->notice, &in->notice_compact};
    LayoutClear how;
    int k = place_off(in, out, notice_free, c->rect, c->count, off, &how);
    LayoutRect at = k >= 0 ? c->rect[k] : in->notice_held;
    int held = held_size(in, out, c);
    if (held >= 0 && notice_free(in, out, in->notice_held)) {
        LayoutClear now = clearness(out, in->notice_held, off);
        if (now == LAYOUT_CLEAR || now <= how)
            k = held, how = now, at = in->notice_held;
    }
    LayoutRequest *need = &out->need[LAYOUT_NOTICE];
    *need = (LayoutRequest){.shown = true};
    if (k >= 0) {
        int form = c->form[k], wrap = c->wrap[k];
        forms[form]->wrap(forms[form]->context, c->wraps.width[form][wrap], &need->w, &need->h,
                          &need->cut);
        out->notice_width = c->wraps.width[form][wrap];
        out->rect[LAYOUT_NOTICE] = at;
        out->compact[LAYOUT_NOTICE] = form == 1;
    } else {
        double width = in->width - 2 * in->margin;
        in->notice.wrap(in->notice.context, width, &need->w, &need->h, &need->cut);
        double bottom = in->height - in->margin;
        for (size_t b = 0; b < BAND_TEXTS; b++)
            if (out->shown[band_panels[b]])
                bottom = fmin(bottom, out->rect[band_panels[b]].y - in->gap);
        out->notice_width = width;
        out->rect[LAYOUT_NOTICE] =
            (LayoutRect){0.5 * (in->width - need->w), bottom - need->h, need->w, need->h};
        out->compact[LAYOUT_NOTICE] = false;
    }
    need->min_w = need->w;
    need->min_h = need->h;
    out->shown[LAYOUT_NOTICE] = true;
    out->notice_clear = how;
    return how;
}

void layout_place_over_map(const LayoutInput *in, Layout *out, const double (*avoid)[2],
                           size_t count, const LayoutRect *marks, size_t mark_count)
{
    LayoutRect places[READOUT_PLACES];
    int n = readout_places(in, out, places);
    out->shown[LAYOUT_NOTICE] = false;
    out->notice_clear = LAYOUT_NO_PLACE;
    NoticePlaces c = {.count = 0};
    if (in->notice.shown)
        notice_candidates(in, out, &c);
    const KeepOff points = {avoid, count, NULL, 0}, both = {avoid, count, marks, mark_count};
    /* First the readout's first place clear of the marks too that leaves
     * the notice a clear one: kept off the points alone, it lay over
     * escape 3's "48.5%" at 1366x768 --projector in Chinese, with both
     * corners below free. */
    for (int k = 0; k < n; k++)
        if (over_map_free(in, out, places[k]) &&
            clearness(out, places[k], &both) == LAYOUT_CLEAR) {
            set_readout(in, out, places, k);
            if (!in->notice.shown || place_notice(in, out, &c, &both) == LAYOUT_CLEAR)
                return;
        }
    /* Then its first place clear of the points that leaves the notice one
     * too (at 1280x720 --projector, the pointer on sharp_flat 6's notice,
     * the readout's first clear corner took the notice's). */
    for (int k = 0; k < n; k++)
        if (clear_at(in, out, over_map_free, places[k], avoid, count)) {
            set_readout(in, out, places, k);
            if (!in->notice.shown || place_notice(in, out, &c, &both) <= LAYOUT_ON_MARKS)
                return;
        }
    LayoutClear how;
    set_readout(in, out, places, place_off(in, out, over_map_free, places, n, &points, &how));
    if (in->notice.shown)
        place_notice(in, out, &c, &both);
}

void layout_compute(const LayoutInput *in, Layout *out)
{
    LayoutInput settled = *in;
    for (int p = 0; p < LAYOUT_PANELS; p++)
        if (layout_over_map((LayoutPanel)p))
            settled.panel[p].shown = settled.compact[p].shown = false;
    settled.notice.shown = false;
    compute_holding(&settled, out);
    out->apart = apart_gap(in);
}

static void compute(const LayoutInput *in, Layout *out)
{
    *out = (Layout){.complete = true};
    for (int p = 0; p < LAYOUT_PANELS; p++) {
        out->need[p] = in->panel[p];
        out->shown[p] = in->panel[p].shown;
    }
    out->shown[LAYOUT_CAPTION] = out->need[LAYOUT_CAPTION].shown = in->caption.shown;
    out->shown[LAYOUT_HINT] = out->need[LAYOUT_HINT].shown = in->hint.shown;
    /* The caption held within its share first, the panels apart, then
     * flush; a taller one beside the plots before any panel is dropped. */
    for (size_t k = 0;; k++) {
        bool placed = false;
        for (int held = 1; held >= 0 && !placed; held--)
            for (int flush = 0; flush < 2 && !placed; flush++) {
                out->caption_held = held;
                out->flush = flush;
                placed = place_all(in, out);
            }
        if (placed)
            break;
        while (k < DROP_COUNT && !out->shown[drop_order[k]])
            k++;
        if (k == DROP_COUNT)
            break;
        out->shown[drop_order[k]] = false;
        out->complete = false;
    }
    place_landscape(in, out);
    /* Panels apart may leave a map cramped that flush ones would not
     * (sharp_flat 6 at 1280x720 --projector: the view 0.25 of the frame
     * high): there they touch, for a map that scores LAYOUT_MAP_GAIN
     * higher. */
    if (out->flush || in->landscape_aspect <= 0 ||
        layout_map_view(in, out) >= MAP_HELD * in->height)
        return;
    Layout flush = *out;
    flush.flush = true;
    if (!place_all(in, &flush))
        return;
    place_landscape(in, &flush);
    if (layout_map_score(in, &flush) > LAYOUT_MAP_GAIN * layout_map_score(in, out))
        *out = flush;
}

int layout_same_place(const double (*at)[2], size_t index, double tolerance)
{
    int count = 0;
    for (size_t k = 0; k < index; k++)
        count += fabs(at[k][0] - at[index][0]) <= tolerance &&
                 fabs(at[k][1] - at[index][1]) <= tolerance;
    return count;
}

/* The first mark of the stack at[k] stands in: the first of at[0..k] that
 * begins a stack (stack[j] == 0) near it; k itself when none does. */
static size_t stack_base(const double (*at)[2], size_t k, double tolerance, const int *stack)
{
    for (size_t j = 0; j < k; j++)
        if (stack[j] == 0 && fabs(at[j][0] - at[k][0]) <= tolerance &&
            fabs(at[j][1] - at[k][1]) <= tolerance)
            return j;
    return k;
}

void layout_stacks(const double (*at)[2], size_t n, double tolerance, int *stack, int *size)
{
    for (size_t k = 0; k < n; k++) {
        stack[k] = 0;
        size_t base = stack_base(at, k, tolerance, stack);
        for (size_t j = base; j < k && base < k; j++)
            stack[k] += stack_base(at, j, tolerance, stack) == base;
    }
    for (size_t k = 0; k < n; k++) {
        size_t base = stack_base(at, k, tolerance, stack);
        size[k] = 0;
        for (size_t j = base; j < n; j++)
            size[k] += stack_base(at, j, tolerance, stack) == base;
    }
}

LayoutRect layout_place_label(const LayoutRect *placed, size_t count, LayoutRect want,
                              int max_moves)
{
    for (int move = 0; move <= 2 * max_moves; move++) {
        int steps = move % 2 ? (move + 1) / 2 : -(move / 2);
        LayoutRect at = want;
        at.y += steps * want.h;
        bool free = true;
        for (size_t k = 0; k < count && free; k++)
            free = !layout_overlap(at, placed[k]);
        if (free)
            return at;
    }
    return want;
}
