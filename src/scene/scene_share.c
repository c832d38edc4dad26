/* scene_share.c — see scene_share.h. */
#include "scene_share.h"

#include <stdio.h>
#include <string.h>

#include "core/spec.h"
#include "core/sweep.h"

/* The line being written: len grows past size once something did not fit. */
typedef struct Line {
    char *dest;
    size_t size, len;
} Line;

static void put(Line *line, const char *text, size_t n)
{
    if (line->len < line->size) {
        size_t room = line->size - line->len - 1;
        memcpy(line->dest + line->len, text, n < room ? n : room);
        line->dest[line->len + (n < room ? n : room)] = '\0';
    }
    line->len += n;
}

/* Appends " WORD", single-quoted unless every character is one a shell
 * takes literally; a quote inside becomes '\''. */
static void word(Line *line, const char *text)
{
    static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                "0123456789_@%+=:,./-";
    put(line, " ", line->len ? 1 : 0);
    if (*text && strspn(text, plain) == strlen(text)) {
        put(line, text, strlen(text));
        return;
    }
    put(line, "'", 1);
    for (const char *p = text; *p; p++) {
        if (*p == '\'')
            put(line, "'\\''", 4);
        else
            put(line, p, 1);
    }
    put(line, "'", 1);
}

/* Appends "," (unless first) and v, written to read back exactly. */
static void number_into(char *dest, size_t size, size_t *len, double v)
{
    char text[40];
    sweep_format_number(v, text, sizeof text);
    *len += (size_t)snprintf(dest + *len, *len < size ? size - *len : 0, "%s%s",
                             *len ? "," : "", text);
}

/* spec without its x0/y0, then with x0/y0 of (x, y) when that is not the
 * scene's start. */
static bool spec_started(const Scene *scene, const char *spec, double x, double y, char *dest,
                         size_t size)
{
    Spec parsed;
    if (!spec_parse(spec, true, &parsed, NULL))
        return false;
    size_t len = (size_t)snprintf(dest, size, "%s", parsed.name);
    int items = 0;
    for (int i = 0; i < parsed.count && len < size; i++) {
        if (strcmp(parsed.items[i].key, "x0") == 0 || strcmp(parsed.items[i].key, "y0") == 0)
            continue;
        len += (size_t)snprintf(dest + len, size - len, "%s%s=%s", items++ ? "," : ":",
                                parsed.items[i].key, parsed.items[i].value);
    }
    if ((x != scene->start.x || y != scene->start.y) && len < size) {
        char x0[40], y0[40];
        sweep_format_number(x, x0, sizeof x0);
        sweep_format_number(y, y0, sizeof y0);
        len += (size_t)snprintf(dest + len, size - len, "%sx0=%s,y0=%s", items ? "," : ":", x0,
                                y0);
    }
    return len < size;
}

/* The runs are still the sweep's, all from one start. */
static bool still_a_sweep(const Scene *scene)
{
    const Sweep *sweep = &scene->sweep;
    if (sweep->count == 0 || sweep->count != scene->run_count)
        return false;
    for (size_t i = 0; i < scene->run_count; i++)
        if (strcmp(scene->runs[i].run.desc.spec, sweep->specs[i]) != 0 ||
            scene->runs[i].x0 != scene->runs[0].x0 || scene->runs[i].y0 != scene->runs[0].y0)
            return false;
    return true;
}

bool scene_command_line(const Scene *scene, char *dest, size_t size)
{
    Line line = {dest, size, 0};
    if (size > 0)
        dest[0] = '\0';
    bool ok = true;
    char text[SWEEP_SPEC_MAX + 64];
    word(&line, "descent");
    word(&line, "--landscape");
    word(&line, landscape_spec(scene->landscape));
    if (still_a_sweep(scene)) {
        ok = spec_started(scene, scene->sweep.base, scene->runs[0].x0, scene->runs[0].y0, text,
                          sizeof text);
        word(&line, "--opt");
        word(&line, text);
        word(&line, "--sweep");
        word(&line, scene->sweep.text);
    } else {
        for (size_t i = 0; i < scene->run_count; i++) {
            const SceneRun *run = &scene->runs[i];
            ok = spec_started(scene, run->run.desc.spec, run->x0, run->y0, text, sizeof text) &&
                 ok;
            word(&line, "--opt");
            word(&line, text);
        }
    }
    size_t len = 0;
    number_into(text, sizeof text, &len, scene->start.x);
    number_into(text, sizeof text, &len, scene->start.y);
    word(&line, "--start");
    word(&line, text);
    len = 0;
    const double view[4] = {scene->view.xmin, scene->view.xmax, scene->view.ymin,
                            scene->view.ymax};
    for (int k = 0; k < 4; k++)
        number_into(text, sizeof text, &len, view[k]);
    word(&line, "--view");
    word(&line, text);
    if (scene->has_seed) {
        snprintf(text, sizeof text, "%llu", (unsigned long long)scene->seed);
        word(&line, "--seed");
        word(&line, text);
    }
    if (scene->particles > 0) {
        snprintf(text, sizeof text, "%zu", scene->particles);
        word(&line, "--particles");
        word(&line, text);
    }
    if (scene->display.theme == SCENE_THEME_LIGHT) {
        word(&line, "--theme");
        word(&line, "light");
    }
    if (scene->display.projector)
        word(&line, "--projector");
    const SceneCamera *camera = &scene->display.camera;
    const SceneCamera usual = SCENE_CAMERA_DEFAULT;
    if (scene->display.view3d && (camera->yaw != usual.yaw || camera->pitch != usual.pitch ||
                                  camera->distance != usual.distance)) {
        len = 0;
        number_into(text, sizeof text, &len, camera->yaw);
        number_into(text, sizeof text, &len, camera->pitch);
        number_into(text, sizeof text, &len, camera->distance);
        word(&line, "--camera");
        word(&line, text);
    } else if (scene->display.view3d) {
        word(&line, "--3d");
    }
    return ok && line.len < size;
}
