/* keys.c — see keys.h.  What each key does, then the table. */
#include "keys.h"

#include <stdio.h>
#include <string.h>

#include "app_internal.h"
#include "scene/expr_field.h"
#include "scene/i18n.h"
#include "scene/net_repr.h"
#include "scene/run_field.h"

/* ------------------------------------------------------------------------ */
/* What the keys do                                                          */

/* Shows the selected run's new spec, or why it could not change. */
static void show_run_change(App *app, bool ok, const DescentError *err)
{
    Scene *s = app->scene;
    if (!ok)
        scene_notify_error(s, 6.0, err->message);
    else
        scene_notify(s, 3.0, _("run %zu: %s"), scene_run_number(s, s->selected),
                     s->runs[s->selected].run.desc.spec);
}

static void play_pause(App *app, size_t which)
{
    (void)which;
    scene_set_playing(app->scene, !app->scene->playing);
}

/* '.' one step forward, ',' one back; both pause. */
static void step_once(App *app, size_t which)
{
    Scene *s = app->scene;
    scene_set_playing(s, false);
    if (which == 0)
        scene_step(s, 1);
    else if (scene_shown_step(s) > 0)
        scene_seek(s, scene_shown_step(s) - 1);
}

static void scale_lr(App *app, size_t which)
{
    DescentError err = {""};
    show_run_change(app, scene_scale_lr(app->scene, which == 1 ? 1.25 : 1 / 1.25, &err), &err);
}

static void scale_noise(App *app, size_t which)
{
    DescentError err = {""};
    show_run_change(app, scene_scale_noise(app->scene, which == 1 ? 1.5 : 1 / 1.5, &err), &err);
}

static void scale_momentum(App *app, size_t which)
{
    DescentError err = {""};
    show_run_change(app, scene_scale_momentum(app->scene, which == 1, &err), &err);
}

static void scale_second_moment(App *app, size_t which)
{
    DescentError err = {""};
    show_run_change(app, scene_scale_second_moment(app->scene, which == 1, &err), &err);
}

static void scale_batch(App *app, size_t which)
{
    DescentError err = {""};
    show_run_change(app, scene_scale_batch(app->scene, which == 1 ? 2.0 : 0.5, &err), &err);
}

static void toggle_formula(App *app, size_t which)
{
    (void)which;
    app->scene->display.formula = !app->scene->display.formula;
}

/* The run a digit names (which: its run number - 1, scene_run_number) in
 * *run; false when the scene has none so numbered, after a notice that
 * says which numbers it has: a key that did nothing at all left the
 * presenter pressing it again. */
static bool numbered_run(Scene *s, size_t which, size_t *run)
{
    size_t count = scene_run_total(s);
    *run = scene_run_numbered(s, which + 1);
    if (*run < count)
        return true;
    if (count == 0) {
        scene_notify(s, 3.0, _("no run %zu: this scene has no runs"), which + 1);
        return false;
    }
    char numbers[64] = "";
    for (size_t i = 0, n = 0; i < count && n < sizeof numbers; i++)
        n += (size_t)snprintf(numbers + n, sizeof numbers - n, i ? ", %zu" : "%zu",
                              scene_run_number(s, i));
    scene_notify(s, 3.0, _("no run %zu here (runs: %s)"), which + 1, numbers);
    return false;
}

static void select_run(App *app, size_t which)
{
    size_t run;
    if (numbered_run(app->scene, which, &run))
        scene_select(app->scene, run);
}

static void toggle_run(App *app, size_t which)
{
    size_t run;
    if (numbered_run(app->scene, which, &run))
        scene_toggle_hidden(app->scene, run);
}

static void reset_runs(App *app, size_t which)
{
    (void)which;
    scene_reset(app->scene);
}

static void next_landscape(App *app, size_t which)
{
    (void)which;
    Scene *s = app->scene;
    DescentError err = {""};
    if (scene_next_landscape(s, &err))
        scene_notify(s, 3.0, _("landscape: %s"), landscape_spec(s->landscape));
    else
        scene_notify_error(s, 6.0, err.message);
}

static void toggle_log_scale(App *app, size_t which)
{
    (void)which;
    app->scene->display.log_scale = !app->scene->display.log_scale;
}

static void next_colormap(App *app, size_t which)
{
    (void)which;
    Scene *s = app->scene;
    scene_next_colormap(s);
    scene_notify(s, 2.0, _("colormap: %s"), colormap_name(s->display.colormap));
}

static void toggle_arrows(App *app, size_t which)
{
    (void)which;
    app->scene->display.arrows = !app->scene->display.arrows;
}

static void toggle_basins(App *app, size_t which)
{
    (void)which;
    Scene *s = app->scene;
    s->display.basins = !s->display.basins;
    if (s->display.basins && !s->swarm)
        scene_notify(s, 4.0, "%s",
                     _("basin shares need a particle cloud (--particles N, noisy run)"));
}

static void open_formula_field(App *app, size_t which)
{
    (void)which;
    expr_field_open(app->scene);
}

static void open_run_field(App *app, size_t which)
{
    (void)which;
    run_field_open(app->scene);
}

/* "+=-": '-' (the third) halves the speed, the others double it. */
static void scale_speed(App *app, size_t which)
{
    Scene *s = app->scene;
    scene_scale_speed(s, which == 2 ? 0.5 : 2.0);
    scene_notify(s, 2.0, _("speed ×%g"), s->speed);
}

static void toggle_view3d(App *app, size_t which)
{
    (void)which;
    Scene *s = app->scene;
    if (s->net) {
        scene_notify(s, 3.0, "%s", _("a network's slice is drawn in 2D only"));
        return;
    }
    s->display.view3d = !s->display.view3d;
    s->hover_valid = false;
    scene_notify(s, 3.0, "%s",
                 s->display.view3d ? _("3D view: drag to turn, wheel to zoom, Tab for 2D")
                                   : _("2D view"));
}

/* The first four key codes of its row go forward, the others back. */
static void change_step(App *app, size_t which)
{
    app_change_step(app, which < 4);
}

/* Opens the help at its first page, turns its pages, closes it after the
 * last (one page at classroom sizes without the projector). */
static void toggle_help(App *app, size_t which)
{
    (void)which;
    SceneDisplay *d = &app->scene->display;
    if (!d->help) {
        d->help = true;
        d->help_page = 0;
    } else if (d->help_page + 1 < render_help_pages(app->renderer)) {
        d->help_page++;
    } else {
        d->help = false;
    }
}

static void toggle_fullscreen(App *app, size_t which)
{
    (void)which;
    app_set_fullscreen(app, !app->fullscreen);
}

static void toggle_projector(App *app, size_t which)
{
    (void)which;
    app->scene->display.projector = !app->scene->display.projector;
}

static void next_theme(App *app, size_t which)
{
    (void)which;
    Scene *s = app->scene;
    s->display.theme = (SceneTheme)((s->display.theme + 1) % SCENE_THEME_COUNT);
    scene_notify(s, 2.0, "%s",
                 s->display.theme == SCENE_THEME_LIGHT ? _("light theme") : _("dark theme"));
}

static void toggle_data(App *app, size_t which)
{
    (void)which;
    Scene *s = app->scene;
    s->display.data = !s->display.data;
    scene_notify(s, 2.0, "%s", s->display.data ? _("data overlays on") : _("data overlays off"));
}

/* What 'o' switched the dynamics plot to, by ScenePlot. */
static const char *const plot_names[SCENE_PLOT_COUNT] = {
    [SCENE_PLOT_NONE] = N_("dynamics plot off"),
    [SCENE_PLOT_SHARPNESS] = N_("plot: sharpness λmax along each run vs 2/η"),
    [SCENE_PLOT_SCHEDULE] = N_("plot: learning rate per step"),
    [SCENE_PLOT_NORM] = N_("plot: |θ| and its angle to the max-margin direction"),
    [SCENE_PLOT_DISTANCE] = N_("plot: each run's distance from a point"),
    [SCENE_PLOT_STEP_SIZE] = N_("plot: each run's step length |Δθ| per update"),
};

static void next_plot(App *app, size_t which)
{
    (void)which;
    Scene *s = app->scene;
    s->display.plot = (ScenePlot)((s->display.plot + 1) % SCENE_PLOT_COUNT);
    scene_notify(s, 2.0, "%s", _(plot_names[s->display.plot]));
}

/* 'R': the slice, then each hidden layer's picture, then the slice again. */
static void next_net_layer(App *app, size_t which)
{
    (void)which;
    Scene *s = app->scene;
    if (!s->net) {
        scene_notify(s, 3.0, "%s", _("the representation view needs a network (--model)"));
        return;
    }
    int layers = net_repr_hidden_layers(s->net);
    s->display.net_layer = s->display.net_layer < layers ? s->display.net_layer + 1 : 0;
    if (s->display.net_layer > 0)
        scene_notify(s, 3.0, _("the input plane as hidden layer %d of %d bends it"),
                     s->display.net_layer, layers);
    else
        scene_notify(s, 3.0, "%s", _("the loss on the slice"));
}

static void toggle_ensemble(App *app, size_t which)
{
    (void)which;
    Scene *s = app->scene;
    if (!s->ensemble) {
        scene_notify(s, 3.0, "%s", _("no ensemble: start one with --ensemble K"));
        return;
    }
    s->display.ensemble = !s->display.ensemble;
}

/* What 'D' switched a network's slice to, by NetSliceKind. */
static const char *const slice_names[NET_SLICE_COUNT] = {
    [NET_SLICE_INIT] = N_("slice: through θ0 and the selected run (--slice init)"),
    [NET_SLICE_PCA] = N_("slice: the paths' top two principal directions (--slice pca)"),
    [NET_SLICE_RANDOM] = N_("slice: filter-normalised random directions (--slice random)"),
};

static void next_slice(App *app, size_t which)
{
    (void)which;
    Scene *s = app->scene;
    if (!s->net) {
        scene_notify(s, 3.0, "%s", _("slice planes are a network's (--model)"));
        return;
    }
    NetSliceKind kind = (NetSliceKind)((net_stage_slice(s->net) + 1) % NET_SLICE_COUNT);
    net_stage_set_slice(s->net, kind);
    scene_notify(s, 3.0, "%s", _(slice_names[kind]));
}

static void toggle_paths(App *app, size_t which)
{
    (void)which;
    Scene *s = app->scene;
    s->display.paths_hidden = !s->display.paths_hidden;
    scene_notify(s, 2.0, "%s", s->display.paths_hidden ? _("paths hidden") : _("paths shown"));
}

static void toggle_spread(App *app, size_t which)
{
    (void)which;
    Scene *s = app->scene;
    s->display.spread = !s->display.spread;
    if (s->display.spread && !s->swarm)
        scene_notify(s, 4.0, "%s",
                     _("the cloud's width needs a particle cloud (--particles N, noisy run)"));
}

static void toggle_axes(App *app, size_t which)
{
    (void)which;
    app->scene->display.axes = !app->scene->display.axes;
}

static void toggle_effective_step(App *app, size_t which)
{
    (void)which;
    Scene *s = app->scene;
    s->display.effective_step = !s->display.effective_step;
    scene_notify(s, 2.0, "%s",
                 s->display.effective_step ? _("per-coordinate step boxes on")
                                           : _("per-coordinate step boxes off"));
}

static void toggle_panels(App *app, size_t which)
{
    (void)which;
    app->scene->display.panels_hidden = !app->scene->display.panels_hidden;
}

static void take_screenshot(App *app, size_t which)
{
    (void)which;
    app->screenshots_due++;
}

static void toggle_recording(App *app, size_t which)
{
    (void)which;
    app_toggle_recording(app);
}

static void share_scene(App *app, size_t which)
{
    (void)which;
    app_share_scene(app);
}

static void save_torch_script(App *app, size_t which)
{
    (void)which;
    app_save_torch_script(app);
}

/* Esc closes the help first, then leaves fullscreen. */
static void escape(App *app, size_t which)
{
    (void)which;
    if (app->scene->display.help)
        app->scene->display.help = false;
    else if (app->fullscreen)
        app_set_fullscreen(app, false);
}

static void quit(App *app, size_t which)
{
    (void)which;
    app->quit = true;
}

/* ------------------------------------------------------------------------ */
/* The table                                                                 */

#define SYMS(...) ((const SDL_Keycode[]){__VA_ARGS__, 0})
#define DIGIT_SYMS SYMS(SDLK_1, SDLK_2, SDLK_3, SDLK_4, SDLK_5, SDLK_6, SDLK_7, SDLK_8, SDLK_9)

static const WindowKey keys[] = {
    {N_("Space"), N_("play / pause"), "", SYMS(SDLK_SPACE), 0, " ", play_pause},
    {".  ,", N_("one step forward / back (pauses)"), ".,", NULL, 0, NULL, step_once},
    {N_("click, drag on the loss plot"), N_("show the runs at that step (then . and Space go on)"),
     "", NULL, 0, NULL, NULL},
    {N_("left click, drag"), N_("start all runs there"), "", NULL, 0, NULL, NULL},
    {N_("right / middle drag"), N_("pan"), "", NULL, 0, NULL, NULL},
    {N_("wheel"), N_("zoom at the pointer"), "", NULL, 0, NULL, NULL},
    {"[  ]", N_("learning rate of the selected run ÷1.25 / ×1.25"), "[]", NULL, 0, NULL, scale_lr},
    {"n  N", N_("gradient noise of the selected run down / up"), "nN", NULL, 0, NULL, scale_noise},
    {"u  U", N_("momentum (Adam: β1) of the selected run down / up"), "uU", NULL, 0, NULL,
     scale_momentum},
    {"y  Y", N_("squared-gradient decay (Adam: β2, RMSProp: α) of the selected run down / up"),
     "yY", NULL, 0, NULL, scale_second_moment},
    {"k  K", N_("minibatch size of the selected run ÷2 / ×2 (data landscapes)"), "kK", NULL, 0,
     NULL, scale_batch},
    {"x", N_("the selected run's update rule with its numbers"), "x", NULL, 0, NULL,
     toggle_formula},
    {"1 … 9", N_("select run"), "", DIGIT_SYMS, 0, "1234567890", select_run},
    {N_("Shift + 1 … 9"), N_("hide / show run"), "", DIGIT_SYMS, KMOD_SHIFT, "!@#$%^&*()",
     toggle_run},
    {"r", N_("reset runs to their start"), "r", NULL, 0, NULL, reset_runs},
    {"l", N_("next landscape"), "l", NULL, 0, NULL, next_landscape},
    {"L", N_("log / linear colour scale"), "L", NULL, 0, NULL, toggle_log_scale},
    {"c", N_("next colormap"), "c", NULL, 0, NULL, next_colormap},
    {"g", N_("gradient arrows on / off"), "g", NULL, 0, NULL, toggle_arrows},
    {"b", N_("share of the particle cloud in each basin on / off"), "b", NULL, 0, NULL,
     toggle_basins},
    {"e", N_("type a landscape L(x, y) (Enter uses it, Esc cancels)"), "e", NULL, 0, NULL,
     open_formula_field},
    {"E", N_("type the selected run's values: lr=0.05,momentum=0.9 (Enter uses them, Esc cancels)"),
     "E", NULL, 0, NULL, open_run_field},
    {"+  −", N_("playback speed ×2 / ÷2"), "+=-", NULL, 0, "_", scale_speed},
    {N_("Tab"), N_("2D / 3D view (3D: drag turns the camera, wheel zooms)"), "", SYMS(SDLK_TAB), 0,
     NULL, toggle_view3d},
    {N_("→ PageDown Enter / ← PageUp"), N_("next / previous lesson step"), "",
     SYMS(SDLK_RIGHT, SDLK_PAGEDOWN, SDLK_RETURN, SDLK_KP_ENTER, SDLK_LEFT, SDLK_PAGEUP), 0,
     NULL, change_step},
    {"h  ?  F1", N_("this help; again: its next page"), "h?", SYMS(SDLK_F1), 0, NULL, toggle_help},
    {"f  F11", N_("fullscreen"), "f", SYMS(SDLK_F11), 0, NULL, toggle_fullscreen},
    {"P", N_("projector mode: large text, thick lines"), "P", NULL, 0, NULL, toggle_projector},
    {"T", N_("light / dark theme (paper, bright projectors)"), "T", NULL, 0, NULL, next_theme},
    {"i", N_("data landscapes: dataset inset, line of minima, max-margin direction"), "i", NULL, 0,
     NULL, toggle_data},
    {"o", N_("dynamics plot: sharpness vs 2/η, η schedule, |θ| and direction, distance "
          "from a point, step length, none"), "o", NULL,
     0, NULL, next_plot},
    {"D", N_("a network's slice: through θ0 and the selected run, the paths' principal "
          "directions, random directions"), "D", NULL, 0, NULL, next_slice},
    {"a", N_("each run's step per unit gradient, per coordinate (Adam, RMSProp, ...)"), "a", NULL,
     0, NULL, toggle_effective_step},
    {"R", N_("a network: its input plane as each hidden layer bends it (linear probe's "
          "accuracy), then the slice"), "R", NULL, 0, NULL, next_net_layer},
    {"M", N_("a network's ensemble (--ensemble K): each member's decision regions and test "
          "accuracy, their distances / the slice"), "M", NULL, 0, NULL, toggle_ensemble},
    {"z", N_("runs' paths hidden / shown (heads and particle clouds stay)"), "z", NULL, 0, NULL,
     toggle_paths},
    {"W", N_("particle cloud's width: principal-axis ellipse with its σ"), "W", NULL, 0, NULL,
     toggle_spread},
    {"G", N_("axes through the origin, with ticks"), "G", NULL, 0, NULL, toggle_axes},
    {"H", N_("panels hidden / shown: the landscape and the runs alone, to project or print"), "H",
     NULL, 0, NULL, toggle_panels},
    {"p", N_("screenshot (PNG in the current folder or --output-dir)"), "p", NULL, 0, NULL,
     take_screenshot},
    {"v", N_("start / stop recording an MP4 (same folder)"), "v", NULL, 0, NULL, toggle_recording},
    {"s", N_("copy this scene as a descent command line (clipboard and stdout)"), "s", NULL, 0,
     NULL, share_scene},
    {"S", N_("save the runs as a PyTorch script that replays them (same folder as p)"), "S", NULL,
     0, NULL, save_torch_script},
    {N_("Esc"), N_("close this help, leave fullscreen"), "", SYMS(SDLK_ESCAPE), 0, NULL, escape},
    {N_("q  Ctrl+Q"), N_("quit"), "q", SYMS(SDLK_q), KMOD_CTRL, NULL, quit},
};

#define KEY_COUNT (sizeof keys / sizeof keys[0])

const WindowKey *window_keys(size_t *count)
{
    *count = KEY_COUNT;
    return keys;
}

bool window_key_char(App *app, char c)
{
    for (size_t i = 0; i < KEY_COUNT; i++) {
        const char *at = c ? strchr(keys[i].chars, c) : NULL;
        if (at && keys[i].run) {
            keys[i].run(app, (size_t)(at - keys[i].chars));
            return true;
        }
    }
    return false;
}

/* The row of sym among those that need a modifier (with_mod) or not. */
static bool run_sym(App *app, SDL_Keycode sym, Uint16 mod, bool with_mod)
{
    for (size_t i = 0; i < KEY_COUNT; i++) {
        const WindowKey *key = &keys[i];
        if (!key->syms || !key->run || (key->mod != 0) != with_mod ||
            (with_mod && !(mod & key->mod)))
            continue;
        for (size_t k = 0; key->syms[k]; k++)
            if (key->syms[k] == sym) {
                key->run(app, k);
                return true;
            }
    }
    return false;
}

bool window_key_down(App *app, SDL_Keycode sym, Uint16 mod)
{
    return run_sym(app, sym, mod, true) || run_sym(app, sym, mod, false);
}

/* Room for every printable ASCII character once. */
static char reserved[128];

const char *window_reserved_keys(void)
{
    if (reserved[0])
        return reserved;
    size_t n = 0;
    for (size_t i = 0; i < KEY_COUNT; i++) {
        const char *sets[] = {keys[i].chars, keys[i].shares ? keys[i].shares : ""};
        for (size_t s = 0; s < 2; s++)
            for (const char *c = sets[s]; *c; c++)
                if (!memchr(reserved, *c, n))
                    reserved[n++] = *c;
    }
    reserved[n] = '\0';
    return reserved;
}
