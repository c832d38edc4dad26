/*
 * scene.h — what is on stage: a landscape, the runs racing on it, an
 * optional particle swarm, the view, the playback clock and what the
 * viewer chose to show.  No GL, no SDL: the window and the recorder share
 * it and both move it forward with scene_advance; the renderer only reads
 * it.
 *
 * The Scene struct is plain data that anyone may read; change it only
 * through the functions below, which keep runs, swarm and landscape
 * consistent.  Playback is paced by time: scene_advance(dt) performs
 * steps_per_second * speed * dt optimizer updates, carrying the fraction
 * to the next call, so the animation runs at the same pace at 30 or 144
 * frames per second, and a fixed dt per frame gives identical frames.
 *
 * Failing calls leave the scene as it was and explain themselves in err.
 */
#ifndef DESCENT_SCENE_H
#define DESCENT_SCENE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/ensemble.h"
#include "core/error.h"
#include "core/landscape.h"
#include "core/run.h"
#include "core/swarm.h"
#include "core/sweep.h"
#include "lesson/lesson.h"
#include "scene/scene_options.h"
#include "scene/experiment_live.h"
#include "scene/net_starts_live.h"
#include "scene/expr_field.h"
#include "scene/net_stage.h"
#include "scene/run_field.h"

typedef enum Colormap {
    COLORMAP_VIRIDIS = 0,
    COLORMAP_MAGMA,
    COLORMAP_CIVIDIS,
    COLORMAP_GREY,
    COLORMAP_COUNT
} Colormap;

/* Lower-case name ("viridis"), also the file name under assets/colormaps/. */
const char *colormap_name(Colormap colormap);

/* The frame rate a window is drawn at, which a recording's slice work
 * keeps pace with (paced). */
#define SCENE_WINDOW_FPS 60.0
/* Updates per second at speed 1. */
#define SCENE_STEPS_PER_SECOND 120.0
/* Most updates one scene_advance performs, so a stalled frame (a window
 * being dragged) does not turn into a burst of thousands of steps. */
#define SCENE_MAX_STEPS_PER_ADVANCE 4096
/* Threads a swarm is stepped on, and its particles counted into the
 * cloud drawn (render's cloud.h): the machines this is taught on have few
 * cores. */
#define SCENE_SWARM_THREADS 2

/* A lesson's colour plan (scene_plan_run_colors): the palette place of
 * one run's settings (its spec without x0/y0). */
#define SCENE_COLOR_PLAN_MAX 64
typedef struct SceneColorPlan {
    char settings[sizeof ((OptimizerDesc *)0)->spec];
    size_t place;
} SceneColorPlan;

typedef struct SceneRun {
    Run run;
    bool hidden;
    double x0, y0;      /* where it starts (its own x0/y0, else the scene's start) */
    size_t color;       /* its place in the palette of run colours: its
                           kind's place when the experiment on stage
                           measures it as a kind of walker (its points'
                           colour there); else the lesson's plan for its
                           settings when it has one
                           (scene_plan_run_colors); else a run given again by
                           the same spec takes back the place it had, a new
                           one a free place its optimizer held, else the
                           lowest place no run held yet, else the lowest free
                           (scene.c) */
} SceneRun;

/* The gradient flow dθ/dt = -∇L beside a run (display.flow): a core run
 * "flow:lr=LR" with the run's start and learning rate, so its update k ends
 * at time (k + 1) lr, where the run's update k does.  A mid-run change of
 * the run's lr is made to the flow at the same update, so the flow's time
 * is always the sum of the run's learning rates. */
typedef struct SceneFlow {
    Run run;
    bool live;                  /* run is initialised (and owned) */
    unsigned landscape_serial;  /* the landscape it was made on */
} SceneFlow;

/* The dynamics plot drawn above the loss plot. */
typedef enum ScenePlot {
    SCENE_PLOT_NONE = 0,
    SCENE_PLOT_SHARPNESS,   /* λmax of the Hessian along the run against 2/lr */
    SCENE_PLOT_SCHEDULE,    /* the learning rate per step */
    SCENE_PLOT_NORM,        /* |θ| (log) and, on separable logreg, the angle
                               of θ from the max-margin direction */
    SCENE_PLOT_DISTANCE,    /* each run's |θ − distance_from| per step */
    SCENE_PLOT_STEP_SIZE,   /* each run's |θ_k − θ_(k−1)| per step */
    SCENE_PLOT_COUNT
} ScenePlot;

/* What the viewer chose to show; the renderer draws accordingly. */
typedef struct SceneDisplay {
    Colormap colormap;
    bool log_scale;     /* colour by log(L - Lmin) */
    bool arrows;        /* gradient arrows */
    bool help;          /* the help overlay */
    size_t help_page;   /* its page shown, from 0 (the last where the
                           frame has fewer: render_help_pages) */
    bool projector;     /* large text and thick lines */
    bool flow;          /* each run's gradient flow beside it (scene_show_flow) */
    bool velocity;      /* each run's last step as an arrow at its head */
    bool steps;         /* a dot at each point a run's updates reached */
    bool basins;        /* the swarm's share in each minimum's basin */
    bool way_in;        /* the run the swarm copies keeps its way in (world.c) */
    bool view3d;        /* the landscape as a surface seen through camera */
    SceneCamera camera;
    bool data;          /* data landscapes: the dataset and the selected run's
                           model in an inset, the line of minima, the
                           max-margin direction (on by default) */
    bool effective_step; /* each run's per-coordinate step per unit gradient
                            (optimizer_effective_lr) as a box at its head */
    ScenePlot plot;     /* the dynamics plot, NONE: the loss plot alone; a
                           network's plot above (sharpness and ‖θ‖) is shown
                           for any but NONE, and is on when a network scene
                           is made (a lesson step has it when it asks) */
    long plot_run;      /* the one run (index) the sharpness and norm plots
                           and a network's data panel draw; -1: sharpness
                           draws every run, the others the selected one */
    double distance_from[2]; /* the point SCENE_PLOT_DISTANCE measures from */
    unsigned starts_tally;  /* the figures (bits of NetStartsFigure) the starts
                               panel shows; 0: all */
    size_t loss_from;   /* the first update the loss plot shows (a lesson's
                           plot.from): 0, or the steps that matter after a
                           long start, on the plot's whole width */
    size_t loss_marks[LESSON_PLOT_MARKS]; /* updates the loss plot numbers 1, 2 … over the
                           highest curve there (a lesson's plot.marks) */
    size_t loss_mark_count;
    double loss_ymin, loss_ymax; /* the loss plot's range when 0 < ymin < ymax
                           (L − L* on its log scale, L on a linear one), so
                           two lesson steps compare; else from the runs */
    ViewRect colour_view; /* the rectangle whose values the 2D colour scale
                           spans when xmin < xmax (a lesson's, one for its
                           steps on the landscape, so they read one scale:
                           lesson_player.h); else the view.  A pan, a zoom
                           or a landscape with its own view drops it */
    double colour_floor; /* with colour_view, the scale's foot: the least loss
                           at a known minimum in any view the lesson's steps
                           on the landscape ask for (lesson_player.h) */
    bool law_hidden;    /* the experiment's points without its law's line,
                           "theory" and verdict (a lesson step's law = false:
                           escape 2 before step 3 brings the law in) */
    size_t experiment_kinds; /* its first n kinds of point alone (a lesson
                           step's kinds: escape 5's isotropic points before
                           step 6 brings in the Hessian-shaped); 0: every */
    double sharpness_range[2]; /* the sharpness plot's linear range when
                           0 <= [0] < [1] (a lesson's plot.sharpness), so
                           steps compare on one axis; else fitted to the runs */
    bool sharpness_log_steps; /* the sharpness plot's steps on a log axis
                           (a lesson's plot.log_steps) */
    bool paths_hidden;  /* runs' paths not drawn (heads, clouds still are) */
    bool spread;        /* the swarm's principal-axis ellipse with its σ */
    bool axes;          /* the plane's axes through the origin, with ticks */
    bool formula;       /* the selected run's update rule with its numbers */
    bool panels_hidden; /* the landscape and the runs alone: no legend, plots,
                           colour bar, readout, caption, hint or notice (a
                           clean picture to project or print) */
    SceneTheme theme;   /* panel and text colours (scene_options.h) */
    int net_layer;      /* a network's hidden layer (1 ..) drawn in place of the
                           slice (scene/net_repr.h); 0: the slice */
    bool ensemble;      /* the ensemble's thumbnails in place of the slice (and
                           of the representation view) */
    const Lesson *lesson; /* the lesson shown (the player's, borrowed), or
                           NULL; its steps group_first .. + group_count
                           show this map with the one shown, `step`, which
                           is among them (lesson_player.h): the layout keeps
                           room for what those of them it lays out with
                           this one show */
    size_t group_first, group_count, step;
} SceneDisplay;

/* Text buffers.  The lesson loader owns the limits of what lessons put in
 * them (lesson.h), so every text `descent check` passes fits whole. */
#define SCENE_NOTICE_MAX 256
#define SCENE_TITLE_MAX (LESSON_TITLE_MAX + 24)   /* "k/N  " and a lesson's title */
#define SCENE_CAPTION_MAX (LESSON_CAPTION_MAX + 1)
#define SCENE_MAX_MARKS 16
#define SCENE_LABEL_MAX (LESSON_LABEL_MAX + 1)

/* A point worth pointing at (lessons): a dot with a label, and a circle of
 * radius plane units around it when radius > 0. */
typedef struct SceneMark {
    double x, y, radius;
    char label[SCENE_LABEL_MAX];
} SceneMark;

typedef struct Scene {
    Landscape *landscape;       /* owned */
    unsigned landscape_serial;  /* changes whenever the landscape does */
    SceneRun runs[SCENE_MAX_RUNS];
    size_t run_count;
    size_t selected;            /* index into runs */
    Swarm *swarm;               /* owned, or NULL */
    size_t swarm_run;           /* the run the swarm copies */
    size_t particles;           /* asked-for swarm size, 0 = none */
    bool has_seed;              /* --seed: seed of runs without their own */
    uint64_t seed;
    LandscapePoint start;       /* start of runs without their own */
    ViewRect view;              /* asked-for view (widened to fit when drawn) */
    Sweep sweep;                /* runs i < sweep.count are its values (coloured
                                   along a scale); count 0: no sweep */

    bool playing;
    long play_left;             /* updates before playback pauses by itself
                                   (a lesson step's play); -1: plays on */
    double speed;               /* multiplies SCENE_STEPS_PER_SECOND */
    double step_carry;          /* fraction of an update carried over */
    double time;                /* seconds the scene has been advanced */

    SceneDisplay display;
    char title[SCENE_TITLE_MAX];      /* a lesson's title, "" = none */
    char caption[SCENE_CAPTION_MAX];  /* what the current step explains, "" = none */
    char hint[SCENE_CAPTION_MAX];     /* for the presenter ("Press t ..."): the window
                                         shows it, recordings never (render.h) */
    SceneMark marks[SCENE_MAX_MARKS];
    size_t mark_count;
    char error[SCENE_CAPTION_MAX];    /* shown instead of the stage (a broken
                                         lesson file), "" = none */
    char notice[SCENE_NOTICE_MAX]; /* a transient message, "" = none */
    double notice_until;        /* scene time at which it disappears */

    SceneFlow flows[SCENE_MAX_RUNS]; /* read through scene_flow */
    char color_spec[SCENE_RUN_COLORS][sizeof ((OptimizerDesc *)0)->spec];
                                /* the spec that last held each palette place
                                   (SceneRun.color), "" = none yet */
    SceneColorPlan color_plan[SCENE_COLOR_PLAN_MAX]; /* the lesson's plan */
    size_t color_plan_count;
    struct SceneBasinCache *basin_cache; /* owned, read through scene_basin_shares */
    ExprField expr_field;       /* the formula typed in the window (expr_field.h) */
    RunField run_field;         /* the run's parameters typed in the window (run_field.h) */

    NetStage *net;              /* owned: a network training instead of runs on a
                                   two-parameter landscape (--model), or NULL;
                                   then run_count is 0, view is the slice's
                                   plane and landscape_serial changes with its
                                   grid (docs/ARCHITECTURE.md §2.5) */

    Ensemble *ensemble;         /* owned: --ensemble K networks from K seeds beside
                                   the network's runs (core/ensemble.h), or NULL;
                                   stepped, sought and reset with them */

    ExperimentLive *experiment; /* owned: an experiment measured on its own thread
                                   beside the stage (--experiment, a lesson step's
                                   experiment), its picture in the dynamics
                                   plot's place; or NULL */
    double experiment_since;    /* the scene time it started at */
    NetStartsLive *starts;      /* owned: a lesson step's starts (its two runs again
                                   from many starts) measured on their own thread,
                                   their panel in the dynamics plot's place; or NULL */
    bool paced;                 /* recordings: the scene's clock paces the work
                                   done on the side: an experiment's rows appear
                                   on it (experiment_live.h), not as measured,
                                   and the slice gets a window's frames' share
                                   of work for each dt (scene_advance) */

    bool hover_valid;           /* the pointer is over the landscape */
    LandscapePoint hover;       /* plane point under the pointer */
} Scene;

/* Builds the stage the options describe.  Without a landscape and runs it
 * is the welcome race: rosenbrock with gd (lr 0.001), momentum (lr 0.0005)
 * and adam (lr 0.05) from (-1.5, 2).  A sweep replaces the one run with
 * one run per value (sweep.h).  Errors: a bad spec (the core's message),
 * a sweep with other than one run or a bad sweep (sweep_expand's message),
 * --particles without a noisy run, a view wider or taller than 1e300
 * (the renderer's arithmetic on it would overflow), out of memory. */
Scene *scene_create(const SceneOptions *options, DescentError *err);
void scene_destroy(Scene *scene);

/* Starts measuring the experiment spec (NAME[:key=value,...]) beside the
 * stage, seeded by the scene's seed, in place of the one before; the same
 * spec as the one measured keeps it going; NULL or "" stops it.  Errors
 * (the experiment's: an unknown name or key, settings it cannot measure):
 * the scene is unchanged. */
bool scene_set_experiment(Scene *scene, const char *spec, DescentError *err);

/* Starts measuring request's starts (core/net_starts.h) beside the stage,
 * on the threads scene_set_experiment gives, in place of those before;
 * the same request as the one measured keeps it going; NULL stops it.
 * Errors (net_starts_check's): the scene is unchanged. */
bool scene_set_starts(Scene *scene, const NetStartsRequest *request, DescentError *err);

/* Holds the work done on threads beside the stage (the experiment's, the
 * starts') at rest, as experiment_live_hold does, for a fork: true when
 * all of it rests; without wait the hold stands until scene_release. */
bool scene_hold(Scene *scene, bool wait);
void scene_release(Scene *scene);

/* Moves playback forward by dt seconds (see the header comment) and
 * expires the notice.  Paused scenes only advance their clock.  With
 * play_left >= 0 at most play_left updates happen, and playback pauses
 * when none are left.  An experiment's picture is brought up to what is
 * measured (experiment_live_update), playing or not. */
void scene_advance(Scene *scene, double dt);

/* Performs steps updates on every live run and the swarm now; on the
 * time clock (scene_on_time), steps updates of the run whose updates take
 * least time, the others as far as that time. */
void scene_step(Scene *scene, size_t steps);

/* Whether the scene's clock is time t = Σ η rather than the update count:
 * a gradient flow (the optimizer's continuous trait) is among the runs,
 * shown or hidden.  The runs then advance together in time, not by one
 * count of updates (lessons/gradient_flow.lua: played 500 updates each, the
 * flow at Δt 0.01 reached t = 5 and GD at η 0.05 t = 25, its head and
 * legend far past the flow's), so the map's heads, the legend and the loss
 * plot (loss_scale.h) all read one time.  Scene step s is the time after
 * s updates of the run that takes least time in them (runs that cannot go
 * on to s, stopped or at η 0 there, keep no clock), every run after the
 * most of its updates, at most s, within that time. */
bool scene_on_time(const Scene *scene);
/* The time the runs show: the most any of them has reached. */
double scene_shown_time(const Scene *scene);
/* The scene step whose time is t (scene_seek's argument for a point on a
 * time axis): the most updates any run takes within t. */
size_t scene_step_at_time(const Scene *scene, double t);

/* Playing a scene whose play_left ran out plays on (play_left -1). */
void scene_set_playing(Scene *scene, bool playing);

/* Plays updates more, then pauses (playing says whether to start now);
 * updates 0 only pauses. */
void scene_play_for(Scene *scene, long updates, bool playing);

/* Replaces the stage with the one options describes: landscape, view,
 * start, runs, particles and seed, or a network with its ensemble and the
 * layer shown (display, texts and speed stay).  Unlike
 * scene_create, no runs in options means no runs.  Errors as
 * scene_create's; the scene is unchanged then. */
bool scene_set_stage(Scene *scene, const SceneOptions *options, DescentError *err);

/* Restarts every run (and the swarm) from (x, y); nothing in a network
 * scene, whose runs all start at θ0. */
void scene_start_at(Scene *scene, double x, double y);
/* Restarts every run from its own start (a network's: update 0). */
void scene_reset(Scene *scene);

/* Plans the colours of a lesson's runs, so that a run keeps one colour
 * through every step and runs shown together differ (REVIEW_FRAMES:
 * gradient_flow's orange meant η = 0.01 in step 1 and η = 0.2 in step 4).
 * specs[0..count) are every step's runs (and every key's alternatives) in
 * the lesson's order, group[i] the step or alternative showing specs[i]:
 * the runs shown together are listed next to each other with one group.
 * Each run settings (spec without x0/y0), in order of first appearance,
 * takes the lowest place no earlier settings took, so that a colour and
 * the run number it gives (scene_run_number) name one settings through
 * the lesson (issue 12: sgd_noise showed noise 2, noise 1, batch 2 and
 * batch 50 all as "2 SGD" in one blue), other than the places kinds of
 * walker pin; past SCENE_RUN_COLORS settings, the lowest place none shown
 * beside it took.  Settings that a step's
 * experiment measures as a kind of walker (kind[i] >= 0, the
 * experiment_walker_kind; kind NULL: none) take that kind's place, in
 * every step: the colour its walkers and points have where the experiment
 * is on stage (escape 4 drew the Hessian-shaped walkers orange, step 6 sky
 * blue, and from step 5 on orange is "isotropic").  Settings past the
 * first SCENE_COLOR_PLAN_MAX, and runs the plan does not know (typed in
 * the window), take colours as without a plan.  Forgets the colours runs
 * held before: a lesson opened. */
void scene_plan_run_colors(Scene *scene, const char *const *specs, const size_t *group,
                           const int *kind, size_t count);

/* Replaces the runs with new ones from spec strings on the current
 * landscape, starting at start (their own x0/y0 win), and rebuilds the
 * swarm when particles > 0.  A sweep ends there. */
bool scene_set_runs(Scene *scene, const char *const *specs, size_t count, DescentError *err);

/* Replaces the landscape; runs are re-parsed for it (sgd's noise default
 * depends on it) and restart at start.  A network scene refuses (its
 * landscape is its slice).  keep_view false takes the
 * landscape's default view and start (and the colour scale the view's). */
bool scene_set_landscape(Scene *scene, const char *spec, bool keep_view, DescentError *err);
/* The next landscape kind in the core's list (expr is skipped), with its
 * default view and start. */
bool scene_next_landscape(Scene *scene, DescentError *err);

/* Changing the selected run's parameters: it continues from where it is
 * (θ, buffers, random stream; the swarm too when it copies the run), the
 * change recorded at the current update (run.h) and its spec string
 * rewritten with the new value.  A run that has stopped (diverged) cannot
 * continue: it restarts with the new parameters.  Errors: no run, a value
 * the optimizer refuses (the core's message), a key it does not have. */

/* The selected run; NULL when the scene has none, err then saying "no run
 * to change" (the one place that says it). */
SceneRun *scene_selected_run(Scene *scene, DescentError *err);
/* Goes on with spec (the same optimizer, any values). */
bool scene_change_run(Scene *scene, const char *spec, DescentError *err);
/* Multiplies the learning rate by factor. */
bool scene_scale_lr(Scene *scene, double factor, DescentError *err);
/* Multiplies the gradient noise by factor (noise 0 grows to
 * SCENE_NOISE_FIRST; noise below SCENE_NOISE_FIRST / 2 drops to 0). */
#define SCENE_NOISE_FIRST 0.1
bool scene_scale_noise(Scene *scene, double factor, DescentError *err);
/* Moves the momentum (gd family, rmsprop) or adam's β1 towards 1 (up:
 * 1 − μ halves, 0 becomes 0.5) or away from it (1 − μ doubles; below 0.1
 * it becomes 0). */
bool scene_scale_momentum(Scene *scene, bool up, DescentError *err);
/* The same for the decay of the squared-gradient average: adam's β2,
 * rmsprop's α. */
bool scene_scale_second_moment(Scene *scene, bool up, DescentError *err);
/* Multiplies the minibatch size by factor (data landscapes; 0, the full
 * batch, stays full when growing and starts at N / 2 when shrinking). */
bool scene_scale_batch(Scene *scene, double factor, DescentError *err);

/* Shows every run, flow and the swarm after step updates (on the time
 * clock, at scene step step's time; a run that stopped before shows its
 * end): earlier updates are rebuilt from
 * snapshots (run.h, swarm.h), the runs' paths keep the later points, and
 * stepping on continues exactly as if never rewound. */
void scene_seek(Scene *scene, size_t step);
/* The update the scene shows: the most any run or the swarm has done. */
size_t scene_shown_step(const Scene *scene);

/* Selects run i (ignored when there is none). */
void scene_select(Scene *scene, size_t i);
/* Run i's number, the one the legend, the plots' titles, the data panel
 * and the keys 1 ... 9 name it by: its colour's place + 1, so a run keeps
 * its number wherever it keeps its colour, from step to step of a lesson
 * (adaptive 3 shows Adam, RMSProp and AdaGrad as 2, 3 and 4, as step 2
 * did beside GD, 1; they were 1, 2 and 3 there); runs of a sweep
 * (coloured along a scale) and a network's runs: i + 1. */
size_t scene_run_number(const Scene *scene, size_t i);
/* Whether the stage's runs are told apart on screen, by their numbers
 * and the selection ring: where there is more than one.  A lone run's
 * number (escape 1's "3 SGD", its colour's place) told a class of runs
 * that were not there; it is not drawn, and no other number is given it
 * (adam_vs_sgd 2's Adam, alone, would read "1" and then "2" beside GD). */
bool scene_runs_told_apart(const Scene *scene);
/* How many runs the scene has: its network's, or its own on a landscape. */
size_t scene_run_total(const Scene *scene);
/* The run numbered number (scene_run_number, from 1); scene_run_total or
 * more when none is. */
size_t scene_run_numbered(const Scene *scene, size_t number);
/* The run the one-run panels show (the norm plot; a network's data
 * panel): the one display.plot_run names (a lesson's plot = { run = N }),
 * else the selected one. */
size_t scene_shown_run(const Scene *scene);
/* Hides or shows run i. */
void scene_toggle_hidden(Scene *scene, size_t i);

/* Multiplies the playback speed by factor, within the limits above. */
void scene_scale_speed(Scene *scene, double factor);

/* Moves the view by (dx, dy) plane units (not where an edge would
 * overflow). */
void scene_pan(Scene *scene, double dx, double dy);
/* Scales the view by factor (< 1 zooms in) about the plane point (cx, cy),
 * which stays where it is on screen. */
void scene_zoom(Scene *scene, double cx, double cy, double factor);

/* The rectangle whose values the colour scale spans: display.colour_view
 * where one is set in 2D, else the view (in 3D the scale is also the
 * surface's height over the view). */
ViewRect scene_colour_view(const Scene *scene);
/* The least value at a known minimum the colour scale reaches down to:
 * display.colour_floor with scene_colour_view's display.colour_view, else
 * the least in the view; +infinity where none lies there. */
double scene_colour_floor(const Scene *scene);

void scene_next_colormap(Scene *scene);

/* Turns the 3D camera by dyaw and dpitch degrees (pitch kept within
 * SCENE_PITCH_MIN .. MAX, yaw wrapped into [-180, 180)). */
void scene_orbit(Scene *scene, double dyaw, double dpitch);
/* Multiplies the 3D camera's distance by factor, within
 * SCENE_DISTANCE_MIN .. MAX. */
void scene_dolly(Scene *scene, double factor);

/* Set the title, the caption and the presenter's hint (UTF-8; NULL or ""
 * clears; text longer than the fields is cut at a character boundary). */
void scene_set_title(Scene *scene, const char *title);
void scene_set_caption(Scene *scene, const char *caption);
void scene_set_hint(Scene *scene, const char *hint);
/* Sets or clears (NULL or "") the error shown over the stage. */
void scene_set_error(Scene *scene, const char *error);

/* Replaces the marks (labels cut like captions).  Errors: more than
 * SCENE_MAX_MARKS. */
bool scene_set_marks(Scene *scene, const SceneMark *marks, size_t count, DescentError *err);

/* Shows an error of the core (its English message) for seconds of scene
 * time, in the window's language (i18n.h's i18n_error). */
void scene_notify_error(Scene *scene, double seconds, const char *message);

/* Shows text for seconds of scene time (printf-style). */
void scene_notify(Scene *scene, double seconds, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Turns the flow overlay on or off; on, brings every run's flow up to the
 * run's updates (flows follow the runs in scene_step from then on).  A run
 * that is itself a flow, or whose flow cannot be made, gets none. */
void scene_show_flow(Scene *scene, bool on);
/* Run i's flow when it is current (same landscape, start and learning
 * rate, no more updates than the run), else NULL. */
const Run *scene_flow(const Scene *scene, size_t i);

/* The swarm's particles by the basin of attraction they are in (the
 * known minimum, landscape_minima, that the gradient flow from each
 * carries it to; core/basins.h; on a landscape that knows none, expr, the
 * minima basins_find_minima finds in the view): fills minima and shares for at most max
 * minima, *elsewhere with the share in no known basin (beyond the mapped
 * area, three views wide about the view, or not finite), all summing to 1,
 * and returns how many minima; 0 without a swarm or minima (the renderer
 * says which).  The basins
 * are worked out cell by cell as particles first reach them and kept
 * until the landscape changes (a cache: the scene is otherwise unchanged,
 * and not thread-safe). */
size_t scene_basin_shares(const Scene *scene, LandscapePoint *minima, double *shares,
                          size_t max, double *elsewhere);
/* The minima scene_basin_shares gives shares in (as many), without
 * counting the swarm's points into their basins: where shares are shown,
 * not how large (hud.c's key asks each time it measures the legend, a
 * few times a frame); 0 where scene_basin_shares gives none. */
size_t scene_basin_minima(const Scene *scene, LandscapePoint *minima, size_t max);
/* The cells those shares are counted on: the rectangle they cover and
 * how many across and down, those over seen labelled (in parallel: a
 * caller asks for each of them next); false without a swarm.
 * scene_basin_at: the basin of the cell holding (x, y), an index into
 * scene_basin_shares's minima, or -1 (no known minimum, off the cells, or
 * no swarm). */
bool scene_basin_cells(const Scene *scene, ViewRect seen, ViewRect *rect, int *columns,
                       int *rows);
int scene_basin_at(const Scene *scene, double x, double y);

/* The learning rate run i uses for its next update (schedule included). */
double scene_run_lr(const Scene *scene, size_t i);

#endif
