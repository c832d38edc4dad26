/* html_page.c — see html_page.h.  The page is the data (one JSON object in
 * a script element the browser never runs) plus assets/html/page.js, which
 * draws it; docs/ARCHITECTURE.md §9.1 says why it is built this way. */
#include "html_page.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/aside_file.h"
#include "core/data_dir.h"
#include "core/netdata.h"
#include "core/sweep.h"
#include "i18n.h"

/* The files of the data dir the page carries inside it. */
static const char *const page_assets[] = {
    "assets/html/page.css",
    "assets/html/page.js",
    "assets/colormaps/viridis.txt",
};
enum { ASSET_CSS, ASSET_JS, ASSET_COLORMAP, ASSET_COUNT };

/* The page's own words, by the names page.js reads them under (data.ui),
 * written in the page's language.  A %s is filled by the script, in
 * order. */
static const struct {
    const char *name, *text;
} page_words[] = {
    {"previous", N_("previous step (←)")},
    {"step", N_("lesson step")},
    {"next", N_("next step (→)")},
    {"play", N_("Play")},
    {"pause", N_("Pause")},
    {"play_title", N_("play / pause (Space)")},
    {"one_title", N_("one update (.)")},
    {"update", N_("update %s / %s")},
    {"off_view", N_("off view")},
    {"loss_plot", N_("loss L per update")},
    {"diverged", N_("diverged at update %s")},
    {"view", N_("x from %s to %s, y from %s to %s: point at the map to read L and ∇L.")},
    {"swarm", N_("In descent this step also shows a swarm of %s particles; this page draws "
                 "its runs only.")},
    {"footer", N_("Written by %s. Every number on this page is descent's; L and ∇L under the "
                  "pointer are at the nearest grid point.")},
    {"footer_net", N_("Written by %s. Every number on this page is descent's.")},
    {"square", N_("x₁ and x₂ from %s to %s: point at the regions to read the network's class "
                  "there.")},
    {"probe", N_("x = (%s, %s): class %s, confidence %s")},
    {"regions", N_("Decision regions of run %s (%s) at update %s (computed every %s updates)")},
    {"regions_key", N_("training points filled, test points hollow, misclassified ones ringed")},
    {"regions_title", N_("draw this run's decision regions")},
    {"loss_curves", N_("loss per update: training solid, test dashed")},
    {"accuracy_curves", N_("accuracy per update: training solid, test dashed")},
    {"metrics", N_("training loss %s, test loss %s; accuracy %s, on test points %s")},
};

/* What a network's stage says the window draws and the page does not. */
static const char *const slice_left_out =
    N_("In descent the network's stage also draws the training loss on a plane through "
       "parameter space (the slice) with each run's path on it, and the sharpness and ‖θ‖ "
       "plots; this page draws the loss and accuracy curves and the decision regions only.");
static const char *const ensemble_left_out =
    N_("In descent this step also trains an ensemble of %zu networks from different starts; "
       "this page draws its runs only.");
static const char *const representation_left_out =
    N_("In descent this step draws what hidden layer %d makes of the input plane; this page "
       "does not.");
static const char *const regression_left_out =
    N_("The data are a regression: this page draws no decision regions.");

/* The most bytes one asset may have: they are small text files. */
#define ASSET_MAX (1u << 20)

ViewRect html_map_view(ViewRect v)
{
    double w = v.xmax - v.xmin, h = v.ymax - v.ymin;
    if (w < h * HTML_MAP_ASPECT) {
        double half = 0.5 * h * HTML_MAP_ASPECT, mid = 0.5 * (v.xmin + v.xmax);
        v.xmin = mid - half;
        v.xmax = mid + half;
    } else {
        double half = 0.5 * w / HTML_MAP_ASPECT, mid = 0.5 * (v.ymin + v.ymax);
        v.ymin = mid - half;
        v.ymax = mid + half;
    }
    return v;
}

/* s as a JSON string that may sit inside a <script> element: besides JSON's
 * own escapes, '<' is written \u003c so no "</script>" can end it early. */
static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20 || *p == '<')
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* v with the fewest digits that read back as v; JSON has no NaN or
 * infinity, so those are null (a diverged run's last point). */
static void json_number(FILE *out, double v)
{
    if (!isfinite(v)) {
        fputs("null", out);
        return;
    }
    char text[32];
    sweep_format_number(v, text, sizeof text);
    fputs(text, out);
}

/* s with HTML's special characters escaped, for the <title>. */
static void html_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            fputs("&lt;", out);
        else if (*s == '>')
            fputs("&gt;", out);
        else if (*s == '&')
            fputs("&amp;", out);
        else
            fputc(*s, out);
    }
}

/* The base64 of bytes[0 .. size-1] (RFC 4648, padded). */
static void base64(FILE *out, const uint8_t *bytes, size_t size)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < size; i += 3) {
        uint32_t n = (uint32_t)bytes[i] << 16;
        if (i + 1 < size)
            n |= (uint32_t)bytes[i + 1] << 8;
        if (i + 2 < size)
            n |= bytes[i + 2];
        fputc(digits[n >> 18 & 63], out);
        fputc(digits[n >> 12 & 63], out);
        fputc(i + 1 < size ? digits[n >> 6 & 63] : '=', out);
        fputc(i + 2 < size ? digits[n & 63] : '=', out);
    }
}

/* Appends f as 4 little-endian bytes (IEEE 754 binary32), the order the
 * page's DataView reads, whatever this machine's order. */
static uint8_t *put_float(uint8_t *dest, float f)
{
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    for (int k = 0; k < 4; k++)
        *dest++ = (uint8_t)(bits >> (8 * k));
    return dest;
}

/* count numbers v[0 .. count - 1] as a JSON array. */
static void json_numbers(FILE *out, const double *v, size_t count)
{
    fputc('[', out);
    for (size_t k = 0; k < count; k++) {
        fputs(k ? "," : "", out);
        json_number(out, v[k]);
    }
    fputc(']', out);
}

/* The stage's field (or network): the index of the first stage with the
 * same landscape spec and view (the same network), which carries the grid
 * (the network's data) for both. */
static size_t field_owner(const HtmlPage *page, size_t s)
{
    const HtmlStage *stage = &page->stages[s];
    for (size_t k = 0; k < s; k++) {
        const HtmlStage *other = &page->stages[k];
        if (stage->network ? other->network == stage->network
                           : !other->network &&
                                 strcmp(landscape_spec(other->landscape),
                                        landscape_spec(stage->landscape)) == 0 &&
                                 memcmp(&other->view, &stage->view, sizeof stage->view) == 0)
            return k;
    }
    return s;
}

/* One field: the landscape on the grid over its map's view, L, ∂L/∂x and
 * ∂L/∂y per cell centre (row 0 at ymin, as core/grid.h lays cells out). */
static bool write_field(FILE *out, const HtmlStage *stage, DescentError *err)
{
    enum { CELLS = HTML_GRID_WIDTH * HTML_GRID_HEIGHT, BYTES = CELLS * 3 * 4 };
    uint8_t *bytes = malloc(BYTES), *p = bytes;
    if (!bytes)
        return error_set(err, "out of memory for the page's landscape");
    ViewRect v = html_map_view(stage->view);
    double dx = (v.xmax - v.xmin) / HTML_GRID_WIDTH, dy = (v.ymax - v.ymin) / HTML_GRID_HEIGHT;
    for (int j = 0; j < HTML_GRID_HEIGHT; j++) {
        for (int i = 0; i < HTML_GRID_WIDTH; i++) {
            double grad[2];
            double value = landscape_value_grad(stage->landscape, v.xmin + (i + 0.5) * dx,
                                                v.ymin + (j + 0.5) * dy, grad);
            p = put_float(p, (float)value);
            p = put_float(p, (float)grad[0]);
            p = put_float(p, (float)grad[1]);
        }
    }
    fputs("{\"landscape\":", out);
    json_string(out, landscape_spec(stage->landscape));
    fputs(",\"view\":", out);
    const double edges[4] = {v.xmin, v.xmax, v.ymin, v.ymax};
    json_numbers(out, edges, 4);
    fprintf(out, ",\"width\":%d,\"height\":%d,\"log\":%s,\"minima\":[", HTML_GRID_WIDTH,
            HTML_GRID_HEIGHT, landscape_prefers_log(stage->landscape) ? "true" : "false");
    LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
    size_t count = landscape_minima(stage->landscape, minima, LANDSCAPE_MAX_MINIMA);
    for (size_t k = 0; k < count; k++) {
        fputs(k ? ",[" : "[", out);
        json_number(out, minima[k].x);
        fputc(',', out);
        json_number(out, minima[k].y);
        fputc(']', out);
    }
    fputs("],\"cells\":\"", out);
    base64(out, bytes, BYTES);
    fputs("\"}", out);
    free(bytes);
    return true;
}

static void write_run(FILE *out, const HtmlRun *r)
{
    fputs("{\"spec\":", out);
    json_string(out, r->spec);
    fprintf(out, ",\"diverged\":%s,\"path\":[", r->run->status == RUN_DIVERGED ? "true" : "false");
    for (size_t k = 0; k < r->run->count; k++) {
        const RunPoint *q = &r->run->path[k];
        fputs(k ? "," : "", out);
        json_number(out, q->x);
        fputc(',', out);
        json_number(out, q->y);
        fputc(',', out);
        json_number(out, q->loss);
    }
    fputs("]}", out);
}

/* One of a run's NetMetrics (the double at offset) after every update, as
 * the member name. */
static void write_series(FILE *out, const char *name, const NetRun *run, size_t offset)
{
    fprintf(out, ",\"%s\":[", name);
    for (size_t k = 0; k < run->count; k++) {
        double v;
        memcpy(&v, (const char *)&run->metrics[k] + offset, sizeof v);
        fputs(k ? "," : "", out);
        json_number(out, v);
    }
    fputc(']', out);
}

static void write_samples(FILE *out, const NetData *set)
{
    fputs("{\"x\":", out);
    json_numbers(out, set->x, set->n * (size_t)set->dim);
    fputs(",\"y\":", out);
    json_numbers(out, set->y, set->n);
    fputc('}', out);
}

/* A run's regions: at each frame, the class and confidence bytes of every
 * point (the cells', then the samples'), base64.  points is point_count × 2
 * inputs; classes, confidence and bytes are the caller's scratch. */
static bool write_regions(FILE *out, const HtmlNetwork *net, const HtmlNetRun *r,
                          const double *points, size_t point_count, ModelWork *work,
                          int *classes, double *confidence, uint8_t *bytes, DescentError *err)
{
    for (size_t f = 0; f < net->frame_count; f++) {
        if (!model_predict(net->model, r->thetas + f * net->model->nparams, points, point_count,
                           classes, confidence, work))
            return error_set(err, "out of memory for the page's decision regions");
        uint8_t *b = bytes + 2 * f * point_count;
        for (size_t p = 0; p < point_count; p++) {
            b[2 * p] = classes[p] < 0 ? 255 : (uint8_t)classes[p];
            b[2 * p + 1] = isfinite(confidence[p]) ? (uint8_t)lround(255 * confidence[p]) : 0;
        }
    }
    fputs(",\"regions\":\"", out);
    base64(out, bytes, 2 * net->frame_count * point_count);
    fputc('"', out);
    return true;
}

/* The network's data: its specs, samples, square, frames and runs. */
static bool write_network(FILE *out, const HtmlNetwork *net, DescentError *err)
{
    const NetDataSplit *d = net->data;
    double lo, hi;
    netdata_square(d, &lo, &hi);
    fputs("{\"model\":", out);
    json_string(out, net->model_spec);
    fputs(",\"data\":", out);
    json_string(out, net->data_spec);
    fprintf(out, ",\"classes\":%d,\"cells\":%d,\"square\":", d->train.classes,
            NETDATA_SQUARE_CELLS);
    json_numbers(out, (const double[]){lo, hi}, 2);
    fputs(",\"train\":", out);
    write_samples(out, &d->train);
    fputs(",\"test\":", out);
    write_samples(out, &d->test);
    fputs(",\"frames\":[", out);
    for (size_t f = 0; f < net->frame_count; f++)
        fprintf(out, "%s%zu", f ? "," : "", net->frame_updates[f]);
    fputs("],\"runs\":[", out);
    enum { CELLS = NETDATA_SQUARE_CELLS * NETDATA_SQUARE_CELLS };
    size_t point_count = CELLS + d->train.n + d->test.n;
    double *points = malloc(2 * point_count * sizeof *points);
    double *confidence = malloc(point_count * sizeof *confidence);
    int *classes = malloc(point_count * sizeof *classes);
    uint8_t *bytes = malloc(2 * net->frame_count * point_count);
    ModelWork *work = model_work_create(net->model);
    bool ok = points && confidence && classes && bytes && work;
    if (!ok) {
        error_set(err, "out of memory for the page's decision regions");
    } else {
        netdata_square_cells(d, NETDATA_SQUARE_CELLS, points);
        memcpy(points + 2 * CELLS, d->train.x, 2 * d->train.n * sizeof *points);
        memcpy(points + 2 * (CELLS + d->train.n), d->test.x, 2 * d->test.n * sizeof *points);
    }
    for (size_t r = 0; r < net->run_count && ok; r++) {
        const HtmlNetRun *run = &net->runs[r];
        fputs(r ? ",{\"spec\":" : "{\"spec\":", out);
        json_string(out, run->spec);
        fprintf(out, ",\"diverged\":%s", run->run->status == NET_RUN_DIVERGED ? "true" : "false");
        write_series(out, "train_loss", run->run, offsetof(NetMetrics, train_loss));
        write_series(out, "test_loss", run->run, offsetof(NetMetrics, test_loss));
        write_series(out, "train_acc", run->run, offsetof(NetMetrics, train_acc));
        write_series(out, "test_acc", run->run, offsetof(NetMetrics, test_acc));
        if (d->train.classes > 0)
            ok = write_regions(out, net, run, points, point_count, work, classes, confidence,
                               bytes, err);
        fputc('}', out);
    }
    fputs("]}", out);
    model_work_destroy(work);
    free(bytes);
    free(classes);
    free(confidence);
    free(points);
    return ok;
}

/* A network's stage: which network, its timeline's end, the run whose
 * regions it opens on and what the window draws that the page does not
 * (in the page's language). */
static void write_network_stage(FILE *out, const HtmlStage *stage, size_t network)
{
    fprintf(out, ",\"network\":%zu,\"updates\":%zu,\"region_run\":%zu,\"notes\":[", network,
            stage->updates, stage->region_run);
    json_string(out, _(slice_left_out));
    char note[1024];
    if (stage->ensemble_left_out) {
        snprintf(note, sizeof note, _(ensemble_left_out), stage->ensemble_left_out);
        fputc(',', out);
        json_string(out, note);
    }
    if (stage->representation_left_out) {
        snprintf(note, sizeof note, _(representation_left_out), stage->representation_left_out);
        fputc(',', out);
        json_string(out, note);
    }
    if (stage->network->data->train.classes == 0) {
        fputc(',', out);
        json_string(out, _(regression_left_out));
    }
    fputc(']', out);
}

/* A stage; field is its field's index (a landscape's stage) or its
 * network's (a network's). */
static void write_stage(FILE *out, const HtmlStage *stage, size_t field)
{
    fputs("{\"caption\":", out);
    json_string(out, stage->caption);
    if (stage->network)
        write_network_stage(out, stage, field);
    else
        fprintf(out, ",\"field\":%zu,\"particles_left_out\":%zu", field,
                stage->particles_left_out);
    fprintf(out, ",\"first_step\":%zu,\"speed\":", stage->first_step);
    json_number(out, stage->speed);
    fputs(",\"marks\":[", out);
    for (size_t k = 0; k < stage->mark_count; k++) {
        const HtmlMark *m = &stage->marks[k];
        fputs(k ? ",{\"x\":" : "{\"x\":", out);
        json_number(out, m->x);
        fputs(",\"y\":", out);
        json_number(out, m->y);
        fputs(",\"radius\":", out);
        json_number(out, m->radius);
        fputs(",\"label\":", out);
        json_string(out, m->label);
        fputc('}', out);
    }
    fputs("],\"runs\":[", out);
    for (size_t r = 0; r < stage->run_count; r++) {
        fputs(r ? "," : "", out);
        write_run(out, &stage->runs[r]);
    }
    fputs("]}", out);
}

/* The page's data: {"title", "origin", "colormap", "ui", "fields": [...],
 * "networks": [...], "stages": [...]}, each stage naming its field or its
 * network by index. */
static bool write_data(FILE *out, const HtmlPage *page, const char *colormap, DescentError *err)
{
    size_t *field_of = malloc(page->stage_count * sizeof *field_of);
    if (!field_of)
        return error_set(err, "out of memory");
    fputs("{\"title\":", out);
    json_string(out, page->title);
    fputs(",\"origin\":", out);
    json_string(out, page->origin);
    fputs(",\"colormap\":", out);
    json_string(out, colormap);
    fputs(",\"ui\":{", out);
    for (size_t w = 0; w < sizeof page_words / sizeof page_words[0]; w++) {
        fputs(w ? "," : "", out);
        json_string(out, page_words[w].name);
        fputc(':', out);
        json_string(out, _(page_words[w].text));
    }
    bool ok = true;
    for (int networks = 0; networks < 2; networks++) {
        fputs(networks ? "],\"networks\":[" : "},\"fields\":[", out);
        size_t written = 0;
        for (size_t s = 0; s < page->stage_count && ok; s++) {
            const HtmlStage *stage = &page->stages[s];
            if (!stage->network != !networks)
                continue;
            size_t owner = field_owner(page, s);
            if (owner == s) {
                fputs(written ? "," : "", out);
                field_of[s] = written++;
                ok = networks ? write_network(out, stage->network, err)
                              : write_field(out, stage, err);
            } else {
                field_of[s] = field_of[owner];
            }
        }
    }
    fputs("],\"stages\":[", out);
    for (size_t s = 0; s < page->stage_count && ok; s++) {
        fputs(s ? "," : "", out);
        write_stage(out, &page->stages[s], field_of[s]);
    }
    fputs("]}", out);
    free(field_of);
    return ok;
}

bool html_page_write(FILE *out, const HtmlPage *page, DescentError *err)
{
    char *assets[ASSET_COUNT] = {0}, path[4096];
    bool ok = true;
    for (size_t a = 0; a < ASSET_COUNT && ok; a++)
        ok = (assets[a] = data_read_text(page_assets[a], "page asset", ASSET_MAX, path,
                                         sizeof path, err)) != NULL;
    if (ok) {
        /* The policy forbids every fetch (connect, image, font, frame) but
         * the page's own inline script and style: a page that tried to
         * reach the network would fail in the browser, not work by luck. */
        fputs("<!DOCTYPE html>\n<html lang=\"", out);
        html_text(out, page->lang);
        fputs("\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
              "script-src 'unsafe-inline'; style-src 'unsafe-inline'\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              "<meta name=\"generator\" content=\"",
              out);
        html_text(out, page->origin);
        fputs("\">\n<title>", out);
        html_text(out, page->title);
        fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
                     "<noscript>%s</noscript>\n"
                     "<script type=\"application/json\" id=\"descent-data\">",
                assets[ASSET_CSS], _("This page draws with JavaScript; please allow it."));
        ok = write_data(out, page, assets[ASSET_COLORMAP], err);
        fprintf(out, "</script>\n<script>\n%s</script>\n</body>\n</html>\n", assets[ASSET_JS]);
    }
    for (size_t a = 0; a < ASSET_COUNT; a++)
        free(assets[a]);
    return ok;
}

/* html_page_write in aside_save's form. */
static bool write_page(FILE *out, const void *page, DescentError *err)
{
    return html_page_write(out, page, err);
}

bool html_page_save(const char *path, const HtmlPage *page, DescentError *err)
{
    return aside_save(path, "html", write_page, page, err);
}
