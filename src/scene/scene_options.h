/*
 * scene_options.h — what the command line asks the stage to show, and the
 * grammar of those options.
 *
 * SceneOptions is plain data filled by the command line (src/cli.c) and
 * read by the window, the recorder and `descent trace`.  Strings point into
 * argv; unset fields are zero, meaning "the lesson's or the landscape's
 * default".
 *
 * SceneOptionDef is the one table of the scene options: their spelling,
 * their value's form, their help, how each parses into SceneOptions and
 * how a scene prints it back.  The command line parses with it (src/cli.c),
 * `descent --help` lists it (src/main.c), and scene_command_line
 * (scene_share.h: the window's 's', --print-command) writes a scene with
 * it, in the table's order.  It lives here, in the scene layer, so that
 * main reads it downwards; adding an option is adding a row.
 */
#ifndef DESCENT_SCENE_OPTIONS_H
#define DESCENT_SCENE_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/landscape.h"
#include "core/slice.h"

#define SCENE_MAX_RUNS 16
/* The runs' colours: places in a palette of this many (the themes' hold
 * as many; runs beyond it repeat them; scene.h's SceneRun.color). */
#define SCENE_RUN_COLORS 7

/* Playback speed's range (multiplies scene.h's SCENE_STEPS_PER_SECOND). */
#define SCENE_SPEED_MIN (1.0 / 16.0)
#define SCENE_SPEED_MAX 64.0

/* Colours of panels, text and marks (the landscape's colormap stays). */
typedef enum SceneTheme {
    SCENE_THEME_DARK = 0,             /* dark panels, light text: screens */
    SCENE_THEME_LIGHT,                /* light panels, dark text: paper, bright projectors */
    SCENE_THEME_COUNT
} SceneTheme;

/* The 3D view's orbit camera, plain data (--camera, the recorder and tests
 * set it directly).  It looks at the middle of the landscape's box from yaw
 * degrees about the vertical axis (0: from beyond the view's ymin edge, so
 * x runs left to right as in 2D; positive turns the eye counter-clockwise
 * seen from above), pitch degrees above the plane, at distance times the
 * distance that frames the whole box. */
typedef struct SceneCamera {
    double yaw, pitch, distance;
} SceneCamera;

#define SCENE_CAMERA_DEFAULT ((SceneCamera){.yaw = -30.0, .pitch = 52.0, .distance = 1.0})
#define SCENE_PITCH_MIN 5.0
#define SCENE_PITCH_MAX 89.0
#define SCENE_DISTANCE_MIN 0.25
#define SCENE_DISTANCE_MAX 4.0

typedef struct SceneOptions {
    const char *lesson_path;          /* LESSON.lua, or NULL */
    const char *landscape;            /* --landscape SPEC, or NULL */
    const char *runs[SCENE_MAX_RUNS]; /* --opt SPEC, in order */
    size_t run_count;
    const char *sweep;                /* --sweep PARAM=A:B:N[:lin] over the one run
                                         (core/sweep.h), or NULL */
    bool has_start;                   /* --start X,Y */
    LandscapePoint start;
    bool has_view;                    /* --view XMIN,XMAX,YMIN,YMAX */
    ViewRect view;
    bool has_seed;                    /* --seed N: default seed of noisy runs */
    uint64_t seed;
    size_t particles;                 /* --particles N, 0 = none */
    double speed;                     /* --speed F: playback speed, 0 = 1 */
    bool view3d;                      /* --3d (or --camera) */
    bool has_camera;                  /* --camera YAW,PITCH[,DISTANCE] */
    SceneCamera camera;
    bool projector;                   /* --projector: large text, thick lines */
    SceneTheme theme;                 /* --theme dark|light */
    const char *model;                /* --model SPEC: a network instead of a
                                         landscape (scene/net_stage.h), or NULL */
    const char *data;                 /* --data SPEC: its dataset */
    uint64_t init_seed;               /* --init-seed N: θ0's initialisation */
    size_t ensemble;                  /* --ensemble K: K networks from K seeds, 0 = none */
    int net_layer;                    /* --representation LAYER: the network's hidden
                                         layer shown in place of the slice, 0 = none */
    NetSliceKind slice;               /* --slice init|pca|random */
    bool has_slice;
    const char *experiment;           /* --experiment NAME[:key=value,...]: measured
                                         beside the stage (experiment_live.h), or NULL */
    const char *lang;                 /* --lang en|zh, or NULL (environment) */
    const char *lesson_reserved_keys; /* keys the lesson may not bind (lesson_load);
                                         the command line passes the window's */
} SceneOptions;

struct Scene;
struct CommandLine;

typedef struct SceneOptionDef {
    const char *name;   /* "--landscape" */
    const char *arg;    /* the form of its value, "SPEC"; NULL: a flag, no value */
    const char *help;   /* for --help ("" none); each '\n' starts a continued line */
    /* Reads value (NULL for a flag) into dest; false with err ("--theme
     * blue: expected dark or light") when it is not one the option takes. */
    bool (*parse)(SceneOptions *dest, const char *value, DescentError *err);
    /* Appends the option as scene shows it (nothing when scene does not
     * need it); NULL: never written (--lang: a choice of the viewer). */
    void (*print)(const struct Scene *scene, struct CommandLine *line);
} SceneOptionDef;

/* The table, in the order --help lists and a command line writes it. */
const SceneOptionDef *scene_option_defs(size_t *count);

/* Parses count comma-separated finite numbers and nothing else, the form
 * of --start's, --view's and --camera's values; false when malformed. */
bool scene_option_numbers(const char *text, double *dest, int count);

/* Parses a whole number from 0 to max and nothing else (--seed's,
 * --particles', trace's --steps); false when malformed or out of range. */
bool scene_option_count(const char *text, unsigned long long max, unsigned long long *dest);

#endif
