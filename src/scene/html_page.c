/* html_page.c — see html_page.h.  The page is the data (one JSON object in
 * a script element the browser never runs) plus assets/html/page.js, which
 * draws it; docs/ARCHITECTURE.md §9.1 says why it is built this way. */
#include "html_page.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/aside_file.h"
#include "core/data_dir.h"
#include "core/sweep.h"

/* The files of the data dir the page carries inside it. */
static const char *const page_assets[] = {
    "assets/html/page.css",
    "assets/html/page.js",
    "assets/colormaps/viridis.txt",
};
enum { ASSET_CSS, ASSET_JS, ASSET_COLORMAP, ASSET_COUNT };

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

/* The stage's field: the index of the first stage with the same landscape
 * spec and view, which carries the grid for both. */
static size_t field_owner(const HtmlPage *page, size_t s)
{
    const HtmlStage *stage = &page->stages[s];
    for (size_t k = 0; k < s; k++) {
        const HtmlStage *other = &page->stages[k];
        if (strcmp(landscape_spec(other->landscape), landscape_spec(stage->landscape)) == 0 &&
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
    fputs(",\"view\":[", out);
    const double edges[4] = {v.xmin, v.xmax, v.ymin, v.ymax};
    for (int k = 0; k < 4; k++) {
        fputs(k ? "," : "", out);
        json_number(out, edges[k]);
    }
    fprintf(out, "],\"width\":%d,\"height\":%d,\"log\":%s,\"minima\":[", HTML_GRID_WIDTH,
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

static void write_stage(FILE *out, const HtmlStage *stage, size_t field)
{
    fputs("{\"caption\":", out);
    json_string(out, stage->caption);
    fprintf(out, ",\"field\":%zu,\"first_step\":%zu,\"particles_left_out\":%zu,\"speed\":",
            field, stage->first_step, stage->particles_left_out);
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

/* The page's data: {"title", "origin", "colormap", "fields": [...],
 * "stages": [...]}, each stage naming its field by index. */
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
    fputs(",\"fields\":[", out);
    size_t fields = 0;
    bool ok = true;
    for (size_t s = 0; s < page->stage_count && ok; s++) {
        size_t owner = field_owner(page, s);
        if (owner == s) {
            fputs(fields ? "," : "", out);
            field_of[s] = fields++;
            ok = write_field(out, &page->stages[s], err);
        } else {
            field_of[s] = field_of[owner];
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
                     "<noscript>This page draws with JavaScript; please allow it.</noscript>\n"
                     "<script type=\"application/json\" id=\"descent-data\">",
                assets[ASSET_CSS]);
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
