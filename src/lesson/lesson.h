/*
 * lesson.h — lesson scripts (lessons/README.md) turned into plain C data.
 *
 * A lesson is a Lua 5.4 script that calls lesson{...} once and step{...}
 * once per step.  lesson_load runs it in a sandbox, copies everything into
 * a Lesson and closes the Lua state: nothing of Lua outlives the call, and
 * the caller owns the Lesson (lesson_free).
 *
 * What a lesson author writes (lesson{} needs title and landscape, or
 * title, model and data; every other field is optional):
 *
 *   lesson {
 *     title     = { en = "Sharp and flat minima", zh = "尖锐与平坦的极小值" },
 *     landscape = "sharp_flat",            -- spec string (docs/CLI.md §3)
 *     view      = { -2.5, 2.5, -2, 2 },    -- xmin, xmax, ymin, ymax
 *     start     = { -0.8, 0.3 },           -- start of runs without x0/y0
 *     axes      = true,                    -- every step shows the axes
 *   }
 *   step {
 *     id        = "too_large",  -- names the step for tests and tools
 *     caption   = { en = "...", zh = "..." },  -- or one plain string
 *     hint      = { en = "Press t ...", zh = "..." },  -- for the presenter:
 *                               -- the window shows it, recordings never do
 *     runs      = { "gd:lr=0.01", "sgd:lr=0.01,noise=1.5" },
 *     sweep     = "lr=0.001:0.1:5",  -- the step's one run at 5 values of lr,
 *                                    -- log-spaced (":lin": evenly), side by side
 *     play      = 400,       -- optimizer updates to animate in this step
 *     speed     = 60,        -- updates per second while playing
 *     particles = 300,       -- a swarm of the last noisy run
 *     pause     = true,      -- open still; play starts when the presenter
 *                            -- presses Space (recordings: after a moment)
 *     keep      = true,      -- go on from where the previous step stopped
 *     landscape = "...", view = {...}, start = {...},  -- change the stage
 *     show      = { "gradient", "flow", "loss" },      -- overlays (below)
 *     plot      = { ymin = 1e-6, ymax = 10, run = 2 }, -- loss plot range,
 *                                  -- the one run the dynamics plot draws;
 *                                  -- marks = { 442, 525 }: those updates
 *                                  -- numbered 1, 2 on the loss plot
 *     distance_from = { 0, 0 },  -- the "distance" plot's point
 *     experiment = "kramers",    -- measured beside the stage, its plot filling
 *                                -- in (`descent --experiment`; NAME[:key=value,...])
 *     marks     = { { x = 0.5, y = 0.3, label = { en = "sharp", zh = "尖" },
 *                     radius = 0.2 } },
 *     keys      = { t = { label = { en = "sharp/flat", zh = "..." },
 *                         landscape = { "sharp_flat:sharp_width=0.1",
 *                                       "sharp_flat:sharp_width=0.35" } },
 *                   b = { runs = { "sgd:noise=0.2", { "gd", "sgd" } } } },
 *   }
 *
 * A network instead of a landscape (lesson{} or step{}; the names of the
 * command line's options, docs/CLI.md):
 *   lesson { title = ..., model = "mlp:layers=2-16-16-2,act=tanh",
 *            data = "spirals:n=200,turns=2", init_seed = 0 }
 *   step {
 *     runs      = { "adam:lr=0.01", "sgd:lr=0.1,batch=16" },  -- from θ0
 *     ensemble  = 8,              -- 8 networks from init seeds init_seed ..
 *                                 -- init_seed + 7, trained with runs[1]'s
 *                                 -- optimizer, shown as thumbnails
 *     slice     = "pca",          -- the slice's plane: init, pca or random
 *     representation = 2,         -- hidden layer 2 drawn in place of the slice
 *     starts    = 20,             -- the two runs again from 20 starts (data
 *                                 -- seed=g, θ0 from init_seed + g), measured
 *                                 -- beside the stage, their tally in a panel
 *     tally     = { "held_out" },  -- what it shows (held_out, edge, apart,
 *                                 -- regions, missed; default: all)
 *   }
 * data names a dataset spec; a csv:FILE in it is a file of the lesson's
 * folder, checked as data=FILE is (below).  A network step has runs and
 * no sweep, particles, view, start, 3d or keys; data, init_seed,
 * ensemble, slice, representation and starts need a network; starts needs
 * two runs, and compares them after the updates the runs have had when the
 * step's play ends (its play, plus the step before's with keep:
 * core/net_starts.h).  The stage is a landscape or a network: a step that sets
 * model leaves the landscape, one that sets landscape leaves the network.
 *
 * Carrying over: landscape (or model, data and init_seed) and runs stay
 * as the step before left them unless a step sets them (the first step takes the lesson's landscape and
 * has no runs; a sweep goes with the runs: a step that sets runs without a
 * sweep has none, one that sets a sweep sweeps the runs it carries over);
 * view and start too, while the landscape stays the same (a new landscape
 * brings its own defaults).  caption, play, speed, pause,
 * show, plot, distance_from, experiment, marks, keys, particles, ensemble,
 * slice, representation, starts and tally belong to their one step, except that keep =
 * true also keeps the step before's particles and ensemble.  lesson_load resolves
 * all of this, so every LessonStep below is complete on its own.
 *
 * Texts (title, caption, labels) are a string or a table by language with
 * at least `en`; the loader picks the asked language and falls back to
 * English.  All texts are valid UTF-8.
 *
 * Every spec string is checked with the numeric core (landscape_create,
 * optimizer_parse on the step's landscape; for a network model_parse,
 * netdata_create, model_check_data and optimizer_parse_vec), so a loaded lesson's specs are
 * known to parse.  Every key of a spec that names a file (a PARAM_TEXT key
 * in the core's tables, such as a landscape's data=FILE) must name a regular
 * file inside the lesson's own folder, by a relative path: checked on the
 * spec as the core parses it (whatever the spaces around the key), and
 * through any symlinks; the Lesson holds it as the file's full real path.
 * Lessons are shared as folders, so their data travels with them, and a
 * downloaded lesson cannot make descent read a file elsewhere, nor hang on
 * a FIFO or a device.
 *
 * The sandbox: only base (no dofile, loadfile, print, collectgarbage,
 * pcall, xpcall, warn; load takes text only; setmetatable refuses __gc),
 * string (no dump, and no find, match, gmatch or gsub, whose backtracking
 * no cap can interrupt; rep bounded), table, math (seeded the same every
 * time) and utf8.  The file itself must be a regular file of text (binary
 * chunks are refused).  Memory, allocations, instructions and time are
 * capped (LESSON_MEMORY_LIMIT, LESSON_ALLOCATION_LIMIT,
 * LESSON_INSTRUCTION_LIMIT, LESSON_CPU_LIMIT_S); and since a single C
 * library call (table.move over a huge range, say) cannot be interrupted
 * from inside, lesson_load runs the whole load in a child process limited
 * to LESSON_CPU_LIMIT_S of CPU time and killed LESSON_TIME_LIMIT_MS after
 * the load started, however busy the machine: a script that loops forever,
 * eats memory or sits in one long library call fails with an error instead
 * of hanging the program.  The wall limit is a backstop for a child
 * starved of CPU, not the check (the CPU cap stops a runaway script on a
 * quiet machine): a good lesson's check takes a few milliseconds of CPU,
 * yet at 1.2 s four of test_layout's good loads were killed at load 10 to
 * 12 on two cores.  (On such a machine a script stopped by one of the
 * other caps may be stopped for its time first.)
 *
 * Texts are limited to what the screen shows whole (LESSON_TITLE_MAX,
 * LESSON_CAPTION_MAX, LESSON_LABEL_MAX bytes; the scene's buffers are sized
 * from them), so `descent check` refuses what the window would cut.
 *
 * Errors are one line, "FILE:LINE: message": the line of the offending
 * step{}/lesson{} call, or the line the script was running.
 */
#ifndef DESCENT_LESSON_H
#define DESCENT_LESSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/landscape.h"
#include "core/slice.h"

#define LESSON_MEMORY_LIMIT (32u << 20)       /* bytes the script may hold */
#define LESSON_ALLOCATION_LIMIT 200000        /* blocks the script may allocate */
#define LESSON_INSTRUCTION_LIMIT 10000000L    /* Lua VM instructions per load */
#define LESSON_CPU_LIMIT_S 1                  /* CPU seconds one load may take */
#define LESSON_TIME_LIMIT_MS 5000             /* milliseconds one load may take in all */
#define LESSON_FILE_LIMIT (1u << 20)          /* bytes of lesson source */
#define LESSON_TITLE_MAX 200                  /* bytes of a title */
#define LESSON_CAPTION_MAX 2000               /* bytes of a caption or a hint */
#define LESSON_PLOT_MARKS 9                    /* numbers on the loss plot: one digit */
#define LESSON_LABEL_MAX 120                  /* bytes of a mark's or a key's label */
#define LESSON_MAX_STEPS 200
#define LESSON_MAX_RUNS 16                    /* runs in one step (SCENE_MAX_RUNS) */
#define LESSON_MAX_MARKS 16
#define LESSON_MAX_KEYS 8
#define LESSON_MAX_CHOICES 16                 /* alternatives bound to one key */
#define LESSON_MAX_PARTICLES 20000

/* Overlays a step asks for (LessonStep.show).  Lua names in quotes. */
typedef enum LessonShow {
    LESSON_SHOW_GRADIENT = 1 << 0, /* "gradient": −∇L arrow at each run's head */
    LESSON_SHOW_VELOCITY = 1 << 1, /* "velocity": each run's last step as an arrow */
    LESSON_SHOW_FLOW     = 1 << 2, /* "flow": the gradient-flow path from each
                                      run's start, drawn beside the run */
    LESSON_SHOW_LOSS     = 1 << 3, /* "loss": loss-versus-step plot */
    LESSON_SHOW_SCHEDULE = 1 << 4, /* "schedule": each run's learning rate per step */
    LESSON_SHOW_BASINS   = 1 << 5, /* "basins": share of particles near each minimum */
    LESSON_SHOW_STABILITY = 1 << 6,/* "stability": 2/λmax at each minimum beside
                                      the runs' learning rates */
    LESSON_SHOW_NORM     = 1 << 7, /* "norm": ‖θ‖ and the direction θ/‖θ‖ over steps */
    LESSON_SHOW_3D       = 1 << 8, /* "3d": the surface view */
    LESSON_SHOW_SHARPNESS = 1 << 9,/* "sharpness": λmax(H) along the selected run
                                      against 2/η ("stability" shows it too) */
    LESSON_SHOW_EFFECTIVE_STEP = 1 << 10, /* "effective_step": adaptive runs'
                                      per-coordinate step at their heads */
    LESSON_SHOW_FORMULA  = 1 << 11,/* "formula": the selected run's update rule
                                      with its numbers */
    LESSON_SHOW_SPREAD   = 1 << 12,/* "spread": the particle cloud's principal-axis
                                      ellipse with its σ values */
    LESSON_SHOW_DISTANCE = 1 << 13,/* "distance": each run's |θ − distance_from|
                                      per step */
    LESSON_SHOW_STEP_SIZE = 1 << 14,/* "step_size": each run's |θ_k − θ_(k−1)| */
    LESSON_SHOW_AXES     = 1 << 15,/* "axes": the plane's axes with ticks (every
                                      step of a lesson{} with axes = true) */
    LESSON_SHOW_2D       = 1 << 16,/* "2d": the step in the 2D view (without "3d"
                                      or "2d" the viewer's choice stays) */
    LESSON_SHOW_STEPS    = 1 << 17,/* "steps": a dot at each point a run's
                                      updates reached, along its path */
    LESSON_SHOW_WAY_IN   = 1 << 18,/* "way_in": the walker a particle cloud
                                      copies keeps its way from its start to
                                      where it rests, with its last steps */
} LessonShow;

/* The Lua name of one LessonShow bit ("flow"), NULL for a non-bit. */
const char *lesson_show_name(LessonShow bit);

/* A point worth pointing at: a dot with a label, and with radius > 0 also a
 * circle of that radius (in landscape units) around it, to highlight an area. */
typedef struct LessonMark {
    double x, y;
    double radius;   /* 0: no circle */
    char *label;     /* owned; "" when none */
} LessonMark;

/* A list of optimizer spec strings, one run each. */
typedef struct LessonRuns {
    char **specs;    /* owned */
    size_t count;    /* 0 .. LESSON_MAX_RUNS */
} LessonRuns;

typedef enum LessonKeyTarget {
    LESSON_KEY_LANDSCAPE = 0,  /* the alternatives are landscape specs */
    LESSON_KEY_RUNS,           /* the alternatives are run lists */
} LessonKeyTarget;

/* A lesson-defined toggle.  The step opens with its own landscape / runs;
 * each press of the key shows the next alternative, and after the last one
 * the step's own again.  Keys are one printable ASCII character that is not
 * one of the window's own controls (lessons/README.md; so 'n', 'r', 'g',
 * digits, ... are refused). */
typedef struct LessonKey {
    char key;
    char *label;                 /* owned; for the help overlay; "" when none */
    LessonKeyTarget target;
    size_t count;                /* 1 .. LESSON_MAX_CHOICES */
    char **landscapes;           /* LESSON_KEY_LANDSCAPE: count specs, else NULL */
    LessonRuns *runs;            /* LESSON_KEY_RUNS: count lists, else NULL */
} LessonKey;

#define LESSON_STEP_ID_SIZE 33          /* an id's characters + 1 */

typedef struct LessonStep {
    int line;                    /* line of its step{} in the file */
    char id[LESSON_STEP_ID_SIZE];/* [a-z0-9_]+, unique in the lesson; "" when none */
    char *caption;               /* owned; in the chosen language; "" when none */
    char *hint;                  /* owned; for the presenter: shown in the window,
                                    never in recordings; "" when none */
    char *landscape;             /* owned; landscape spec (carried over); "" for
                                    a network */
    char *model;                 /* owned; the network's model spec (carried
                                    over); "" for a landscape */
    char *data;                  /* owned; its dataset spec, a csv file by its
                                    real path (carried over); "" for a landscape */
    uint64_t init_seed;          /* θ0's seed (carried over), 0 .. 2^53 */
    size_t ensemble;             /* 0: none; else K networks (core/ensemble.h) */
    size_t starts;               /* 0: none; else the two runs compared over this
                                    many starts (core/net_starts.h) */
    unsigned tally;              /* bit f: the starts panel shows figure f
                                    (NetStartsFigure); 0: every figure */
    long trained;                /* updates the runs have had when the step's
                                    play ends: play, plus the step before's
                                    trained with keep */
    NetSliceKind slice;          /* the slice's plane */
    int representation;          /* 0: the slice; else this hidden layer drawn */
    bool has_view;               /* false: the landscape's default view */
    ViewRect view;
    bool has_start;              /* false: the landscape's default start */
    LandscapePoint start;        /* for runs without x0/y0 */
    LessonRuns runs;             /* (carried over) */
    char *sweep;                 /* owned; "PARAM=A:B:N[:lin]" over the one run
                                    (core/sweep.h), or NULL (carried with runs) */
    size_t particles;            /* 0: none; else a swarm of the last noisy run */
    long play;                   /* updates to animate when the step opens */
    double speed;                /* updates per second; 0: the player's default */
    bool pause;                  /* wait for the presenter before playing */
    bool keep;                   /* continue the previous step's runs, no restart;
                                    only when landscape and runs are unchanged */
    unsigned show;               /* LessonShow bits */
    double plot_ymin, plot_ymax; /* plot = { ymin =, ymax = }: the loss plot's
                                    range (L − L*), 0 < ymin < ymax; both 0:
                                    from the runs */
    long plot_from;              /* plot = { from = N }: the first update the
                                    loss plot shows; 0: from the start */
    long plot_marks[LESSON_PLOT_MARKS]; /* plot = { marks = { 442, 525 } }:
                                    updates the loss plot numbers 1, 2 …,
                                    what a caption counts among more peaks */
    size_t plot_mark_count;
    double plot_sharpness[2];    /* plot = { sharpness = { lo, hi } }: the
                                    sharpness plot's linear range, 0 <= lo <
                                    hi, so steps compare on one axis; both 0:
                                    fitted to the runs */
    bool plot_log_steps;         /* plot = { log_steps = true }: the sharpness
                                    plot's step axis logarithmic in 1 + step,
                                    so a leap in the first steps of thousands
                                    takes more than the axis's first column */
    long plot_run;               /* plot = { run = N }: N − 1, the one run the
                                    sharpness and norm plots and a network's
                                    data panel draw; -1 (or a run the step
                                    does not have): every run (sharpness),
                                    the selected one (the others) */
    LandscapePoint distance_from;/* distance_from = { x, y }: what the distance
                                    plot measures from; (0, 0) when not given */
    char *experiment;            /* owned; an experiment's spec, measured beside the
                                    stage (scene/experiment_live.h), or NULL */
    bool law;                    /* law = false: the experiment's points without
                                    its law's line and verdict, which a later
                                    step brings in; true when not given */
    size_t kinds;                /* kinds = n: the experiment's first n kinds of
                                    point alone, with their law, the verdict
                                    left to a step that shows every kind;
                                    0 (not given): every kind */
    LessonMark *marks;           /* owned */
    size_t mark_count;
    LessonKey *keys;             /* owned */
    size_t key_count;
} LessonStep;

typedef struct Lesson {
    char *path;                  /* owned; the file as given */
    char lang[8];                /* the language asked for: "en", "zh" */
    char *title;                 /* owned; in that language */
    LessonStep *steps;           /* owned; at least one */
    size_t step_count;
    size_t fallbacks;            /* texts shown in English for want of `lang` */
} Lesson;

/* Loads and validates a lesson.  lang is "en", "zh", ... or NULL for
 * lesson_default_lang().  reserved_keys: the characters a step's keys may
 * not bind, because the program playing the lesson uses them (the window's
 * keys, app/keys.h's window_reserved_keys(): the loader sits below the
 * window and takes them as input); NULL reserves none.  Reads the file once
 * and evaluates it in a child process (within the time limits above), which
 * hands the Lesson back.  On failure returns false with err holding
 * "FILE:LINE: message" and dest left empty (lesson_free is harmless).  It
 * forks: a caller with threads of its own that allocate holds them at rest
 * across it and across lesson_load_start (lesson_load.c says why). */
bool lesson_load(const char *path, const char *lang, const char *reserved_keys, Lesson *dest,
                 DescentError *err);

/* lesson_load in start / poll / finish form, for a caller that must not
 * wait (the window): start reads the file and starts the child, poll says
 * without waiting whether finish would return at once, finish waits for
 * the child (within what is left of its time), takes the
 * Lesson it made and frees the LessonLoad; cancel kills the child and
 * frees it.  start returns NULL only when out of memory. */
typedef struct LessonLoad LessonLoad;
LessonLoad *lesson_load_start(const char *path, const char *lang, const char *reserved_keys);
bool lesson_load_poll(LessonLoad *load);
bool lesson_load_finish(LessonLoad *load, Lesson *dest, DescentError *err);
void lesson_load_cancel(LessonLoad *load);

/* Evaluates the lesson whose source is text[0 .. size-1] (path names it in
 * messages and places its data files) in this process, with every cap but
 * the child's: a single long C library call is not interrupted.  For the
 * child itself and for fuzzing; *line, when line is not NULL, follows the
 * line being run.  Otherwise as lesson_load (though a script may behave
 * differently in another Lua state: pairs() order, tostring of a table). */
bool lesson_evaluate(const char *path, const char *text, size_t size, const char *lang,
                     const char *reserved_keys, volatile int *line, Lesson *dest,
                     DescentError *err);

/* The index of the step whose id is id, or -1 when no step has it. */
long lesson_step_index(const Lesson *lesson, const char *id);

/* The request that measures step's starts: its model, data, init_seed,
 * two runs, trained updates and starts (threads, done, context and stop
 * left 0 for the caller). */
struct NetStartsRequest;
void lesson_starts_request(const LessonStep *step, struct NetStartsRequest *dest);

/* Frees what a Lesson owns and zeroes it.  Safe on a zeroed Lesson. */
void lesson_free(Lesson *lesson);

/* The language from the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG):
 * "zh" when the first set one starts with "zh", else "en". */
const char *lesson_default_lang(void);

/* The lessons that ship: the .lua files in lessons/ under data_dir(),
 * as full paths sorted by file name. */
typedef struct LessonList {
    char **paths;                /* owned */
    size_t count;
} LessonList;

/* Fills dest; false (err filled) when there is no data dir or lessons/
 * cannot be read. */
bool lesson_list(LessonList *dest, DescentError *err);
void lesson_list_free(LessonList *list);

/* The shipped lesson named name ("welcome") as a full path into dest. */
bool lesson_find(const char *name, char *dest, size_t size, DescentError *err);

#endif
