/* cli.c — shared command-line pieces: errors and the scene options. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/swarm.h"

void cli_error(const char *fmt, ...)
{
    char line[CLI_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    error_format(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "descent: %s\n", line);
}

/* Parses count comma-separated finite doubles, nothing else.  Subnormal
 * numbers are finite (strtod's ERANGE on underflow is no error). */
static bool parse_numbers(const char *text, double *dest, int count)
{
    const char *p = text;
    for (int i = 0; i < count; i++) {
        char *end;
        errno = 0;
        dest[i] = strtod(p, &end);
        if (end == p || !isfinite(dest[i]))
            return false;
        p = end;
        if (i + 1 < count) {
            if (*p != ',')
                return false;
            p++;
        }
    }
    return *p == '\0';
}

bool cli_parse_pair(const char *text, double *a, double *b)
{
    double v[2];
    if (!parse_numbers(text, v, 2))
        return false;
    *a = v[0];
    *b = v[1];
    return true;
}

/* Parses a whole number from 0 to max (compared exactly: 2^53 + 1 is not
 * 2^53 as it would be as a double). */
static bool parse_count(const char *text, unsigned long long max, unsigned long long *dest)
{
    char *end;
    errno = 0;
    if (*text == '-' || *text == '\0')
        return false;
    unsigned long long v = strtoull(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE || v > max)
        return false;
    *dest = v;
    return true;
}

/* Matches "--name VALUE" and "--name=VALUE"; sets *value and advances *i.
 * Returns 1 on a match, 0 when argv[*i] is another option, -1 when the
 * value is missing. */
static int option_value(const char *name, int argc, char **argv, int *i, const char **value)
{
    const char *arg = argv[*i];
    size_t len = strlen(name);
    if (strncmp(arg, name, len) != 0)
        return 0;
    if (arg[len] == '=') {
        *value = arg + len + 1;
        (*i)++;
        return 1;
    }
    if (arg[len] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        cli_error("%s needs a value", name);
        return -1;
    }
    *value = argv[*i + 1];
    *i += 2;
    return 1;
}

int cli_option_value(const char *name, int argc, char **argv, int *i, const char **value)
{
    return option_value(name, argc, argv, i, value);
}

bool cli_parse_size(const char *text, int *width, int *height)
{
    char *end;
    long w = strtol(text, &end, 10);
    if (end == text || (*end != 'x' && *end != 'X'))
        return false;
    const char *rest = end + 1;
    long h = strtol(rest, &end, 10);
    if (end == rest || *end != '\0' || w < 1 || h < 1 || w > 16384 || h > 16384)
        return false;
    *width = (int)w;
    *height = (int)h;
    return true;
}

int cli_scene_option(SceneOptions *o, int argc, char **argv, int *i)
{
    const char *arg = argv[*i], *v = NULL;
    int m;
    if (strcmp(arg, "--3d") == 0) {
        o->view3d = true;
        (*i)++;
        return 1;
    }
    if (strcmp(arg, "--projector") == 0) {
        o->projector = true;
        (*i)++;
        return 1;
    }
    if ((m = option_value("--landscape", argc, argv, i, &v)) != 0) {
        if (m > 0)
            o->landscape = v;
        return m;
    }
    if ((m = option_value("--opt", argc, argv, i, &v)) != 0) {
        if (m < 0)
            return m;
        if (o->run_count == SCENE_MAX_RUNS) {
            cli_error("too many --opt runs (at most %d)", SCENE_MAX_RUNS);
            return -1;
        }
        o->runs[o->run_count++] = v;
        return 1;
    }
    if ((m = option_value("--sweep", argc, argv, i, &v)) != 0) {
        if (m > 0)
            o->sweep = v;
        return m;
    }
    if ((m = option_value("--theme", argc, argv, i, &v)) != 0) {
        if (m > 0 && strcmp(v, "dark") != 0 && strcmp(v, "light") != 0) {
            cli_error("--theme %s: expected dark or light", v);
            return -1;
        }
        if (m > 0)
            o->theme = strcmp(v, "light") == 0 ? SCENE_THEME_LIGHT : SCENE_THEME_DARK;
        return m;
    }
    if ((m = option_value("--camera", argc, argv, i, &v)) != 0) {
        if (m < 0)
            return m;
        double c[3] = {0.0, 0.0, 1.0};
        if (!(parse_numbers(v, c, 3) || parse_numbers(v, c, 2)) || c[1] < SCENE_PITCH_MIN ||
            c[1] > SCENE_PITCH_MAX || c[2] < SCENE_DISTANCE_MIN || c[2] > SCENE_DISTANCE_MAX) {
            cli_error("--camera %s: expected YAW,PITCH[,DISTANCE]: degrees about the vertical, "
                      "%g to %g degrees above the plane, %g to %g times the distance that "
                      "frames the landscape", v, SCENE_PITCH_MIN, SCENE_PITCH_MAX,
                      SCENE_DISTANCE_MIN, SCENE_DISTANCE_MAX);
            return -1;
        }
        o->camera = (SceneCamera){.yaw = c[0], .pitch = c[1], .distance = c[2]};
        o->has_camera = true;
        o->view3d = true;
        return 1;
    }
    if ((m = option_value("--start", argc, argv, i, &v)) != 0) {
        if (m > 0 && !cli_parse_pair(v, &o->start.x, &o->start.y)) {
            cli_error("--start %s: expected X,Y (two finite numbers)", v);
            return -1;
        }
        o->has_start = m > 0;
        return m;
    }
    if ((m = option_value("--view", argc, argv, i, &v)) != 0) {
        if (m < 0)
            return m;
        double r[4];
        if (!parse_numbers(v, r, 4) || !(r[0] < r[1]) || !(r[2] < r[3])) {
            cli_error("--view %s: expected XMIN,XMAX,YMIN,YMAX with XMIN < XMAX and YMIN < YMAX", v);
            return -1;
        }
        o->view = (ViewRect){r[0], r[1], r[2], r[3]};
        o->has_view = true;
        return 1;
    }
    if ((m = option_value("--seed", argc, argv, i, &v)) != 0) {
        unsigned long long seed;
        if (m > 0 && !parse_count(v, 1ull << 53, &seed)) {
            cli_error("--seed %s: expected a whole number from 0 to 2^53", v);
            return -1;
        }
        if (m > 0) {
            o->seed = seed;
            o->has_seed = true;
        }
        return m;
    }
    if ((m = option_value("--particles", argc, argv, i, &v)) != 0) {
        unsigned long long n;
        if (m > 0 && (!parse_count(v, SWARM_MAX, &n) || n < 1)) {
            cli_error("--particles %s: expected a whole number from 1 to %d", v, SWARM_MAX);
            return -1;
        }
        if (m > 0)
            o->particles = (size_t)n;
        return m;
    }
    if ((m = option_value("--lang", argc, argv, i, &v)) != 0) {
        if (m > 0 && strcmp(v, "en") != 0 && strcmp(v, "zh") != 0) {
            cli_error("--lang %s: expected en or zh", v);
            return -1;
        }
        if (m > 0)
            o->lang = v;
        return m;
    }
    return 0;
}
