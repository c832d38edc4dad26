/*
 * torch_script.c — a scene's runs as a standalone PyTorch script; see
 * torch_script.h.
 *
 * The script is written in the order a reader meets it: the landscape, the
 * runs (one torch.optim per legend line), the loop that steps them and
 * prints trace's CSV, the plot; then, at the end, the data taken from
 * descent's walk (noise draws, minibatches).  Each run is replayed here from
 * its start with the parameters each update used (core/history.h), twice:
 * once to check that everything it did can be written, then to write it.
 */
#include "torch_script.h"

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/aside_file.h"
#include "core/net_run.h"
#include "core/optimizer.h"
#include "core/spec.h"

/* ---------------------------------------------------------------------
 * Python text
 * ------------------------------------------------------------------- */

/* v as a Python float literal, as Python's repr writes it: the fewest
 * digits that read back as v, in plain notation from 1e-4 to 1e16 ("0.05",
 * "100.0"), else with an exponent ("1e-08"); inf and nan as float(). */
static void py_number(FILE *out, double v)
{
    if (isnan(v)) {
        fputs("float('nan')", out);
        return;
    }
    if (isinf(v)) {
        fputs(v > 0 ? "float('inf')" : "-float('inf')", out);
        return;
    }
    char text[48];
    int digits = 1;
    for (; digits < 17; digits++) {
        snprintf(text, sizeof text, "%.*e", digits - 1, v);
        if (strtod(text, NULL) == v)
            break;
    }
    snprintf(text, sizeof text, "%.*e", digits - 1, v);
    int exponent = atoi(strchr(text, 'e') + 1);
    if (v == 0 || (exponent >= -4 && exponent < 16)) {
        int decimals = digits - 1 - exponent;
        snprintf(text, sizeof text, "%.*f", decimals > 0 ? decimals : 0, v);
        fputs(text, out);
        if (!strchr(text, '.'))
            fputs(".0", out);
        return;
    }
    if (digits == 1)
        snprintf(text, sizeof text, "%.0e", v);
    fputs(text, out);
}

/* "(a, b, ...)" of count numbers. */
static void py_tuple(FILE *out, const double *values, size_t count)
{
    fputc('(', out);
    for (size_t i = 0; i < count; i++) {
        if (i)
            fputs(", ", out);
        py_number(out, values[i]);
    }
    fputc(')', out);
}

/* s as a Python string literal (single quotes, escaped). */
static void py_string(FILE *out, const char *s)
{
    fputc('\'', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\'' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(out, "\\x%02x", *p);
        else
            fputc(*p, out);
    }
    fputc('\'', out);
}

/* A parameter name as the script's constant: "sharp_width" -> SHARP_WIDTH. */
static void py_constant(FILE *out, const char *name)
{
    for (const char *p = name; *p; p++)
        fputc(toupper((unsigned char)*p), out);
}

/* ---------------------------------------------------------------------
 * Landscapes
 * ------------------------------------------------------------------- */

/* How loss(theta, batch) reads in torch for a kind: its body after
 * "x, y = theta[0], theta[1]", with the kind's parameters as upper-case
 * constants.  Each is the formula of `descent list landscapes`, written
 * as the core's value function computes it (src/core/landscape_*.c). */
typedef struct TorchLandscape {
    const char *name;
    const char *body;
    const char *params; /* the constants it needs, space-separated; NULL: all */
} TorchLandscape;

static const TorchLandscape torch_landscapes[] = {
    {"quadratic",
     "    a = ANGLE * (math.pi / 180.0)\n"
     "    c, s = math.cos(a), math.sin(a)\n"
     "    # the Hessian of the bowl turned by ANGLE: R^T diag(L1, L2) R\n"
     "    hxx, hxy, hyy = L1 * c * c + L2 * s * s, (L1 - L2) * c * s, L1 * s * s + L2 * c * c\n"
     "    return 0.5 * (hxx * x * x + 2.0 * hxy * x * y + hyy * y * y)\n",
     NULL},
    {"rosenbrock", "    return (A - x) ** 2 + B * (y - x * x) ** 2\n", NULL},
    {"beale",
     "    return ((1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2\n"
     "            + (2.625 - x + x * y ** 3) ** 2)\n",
     NULL},
    {"himmelblau", "    return (x * x + y - 11.0) ** 2 + (x + y * y - 7.0) ** 2\n", NULL},
    {"rastrigin",
     "    return (20.0 + x * x - 10.0 * torch.cos(2.0 * math.pi * x)\n"
     "            + y * y - 10.0 * torch.cos(2.0 * math.pi * y))\n",
     NULL},
    {"ackley",
     "    cone = -20.0 * torch.exp(-0.2 * torch.sqrt(0.5 * (x * x + y * y)))\n"
     "    ripples = -torch.exp(0.5 * (torch.cos(2.0 * math.pi * x) + torch.cos(2.0 * math.pi * y)))\n"
     "    return cone + ripples + math.e + 20.0\n",
     NULL},
    {"booth", "    return (x + 2.0 * y - 7.0) ** 2 + (2.0 * x + y - 5.0) ** 2\n", NULL},
    {"matyas", "    return 0.26 * (x * x + y * y) - 0.48 * x * y\n", NULL},
    {"three_hump_camel",
     "    return 2.0 * x ** 2 - 1.05 * x ** 4 + x ** 6 / 6.0 + x * y + y * y\n", NULL},
    {"styblinski_tang",
     "    return 0.5 * (x ** 4 - 16.0 * x ** 2 + 5.0 * x + y ** 4 - 16.0 * y ** 2 + 5.0 * y)\n",
     NULL},
    {"saddle", "    return x * x - y * y\n", NULL},
    {"monkey_saddle", "    return x ** 3 - 3.0 * x * y * y\n", NULL},
    {"double_well", "    return H * (x * x - 1.0) ** 2 + C * y * y\n", NULL},
    {"uv", "    return 0.5 * (x * y - Y) ** 2  # f = u v fitted to the target Y\n", NULL},
    {"sharp_flat",
     "    value = BASE + BOWL * (x * x + y * y)\n"
     "    # the two Gaussian wells: G = exp(-|theta - c|^2 / (2 w^2))\n"
     "    value = value - SHARP_DEPTH * torch.exp(\n"
     "        -0.5 * ((x - SHARP_X) ** 2 + (y - SHARP_Y) ** 2) / SHARP_WIDTH ** 2)\n"
     "    value = value - FLAT_DEPTH * torch.exp(\n"
     "        -0.5 * ((x - FLAT_X) ** 2 + (y - FLAT_Y) ** 2) / FLAT_WIDTH ** 2)\n"
     "    return value\n",
     NULL},
    {"linreg",
     "    inputs, targets = (INPUTS, TARGETS) if batch is None else (INPUTS[batch], TARGETS[batch])\n"
     "    return 0.5 * ((inputs @ theta - targets) ** 2).mean()\n",
     ""},
    {"logreg",
     "    inputs, labels = (INPUTS, TARGETS) if batch is None else (INPUTS[batch], TARGETS[batch])\n"
     "    margins = labels * (inputs @ theta)\n"
     "    # log(1 + exp(-m)) = logaddexp(0, -m): exact for large margins, smooth at 0\n"
     "    losses = torch.logaddexp(torch.zeros_like(margins), -margins)\n"
     "    return losses.mean() + 0.5 * L2 * (theta @ theta)\n",
     "l2"},
};

static const TorchLandscape *torch_landscape(const char *name)
{
    for (size_t i = 0; i < sizeof torch_landscapes / sizeof torch_landscapes[0]; i++)
        if (strcmp(torch_landscapes[i].name, name) == 0)
            return &torch_landscapes[i];
    return NULL;
}

/* Whether the space-separated list holds word. */
static bool list_has(const char *list, const char *word)
{
    size_t len = strlen(word);
    for (const char *p = list; (p = strstr(p, word)) != NULL; p += len)
        if ((p == list || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
            return true;
    return false;
}

/* The expression's functions, which the script defines so that they also
 * take plain numbers (torch.sin(2.0) would not). */
static const char *const expr_functions[] = {"sin",  "cos",  "tan",  "exp",  "log",
                                             "sqrt", "abs",  "tanh", "sinh", "cosh"};

/* Writes an expr: landscape's text as Python: its grammar is Python's
 * (docs/CLI.md §3.2: ^ binds tighter than unary minus and to the right, as
 * ** does), so tokens map one for one: ^ -> **, pi -> math.pi,
 * e -> math.e, numbers as float literals.  The text parsed already. */
static void write_expression(FILE *out, const char *text)
{
    for (const char *p = text; *p;) {
        if (isdigit((unsigned char)*p) || *p == '.') {
            char *end;
            double v = strtod(p, &end);
            /* strtod reads what expr.c's lexer reads, except a trailing
             * "e" without digits (2e: the number 2, then e). */
            const char *e = strpbrk(p, "eE");
            if (e && e < end && !isdigit((unsigned char)e[1]) &&
                !((e[1] == '+' || e[1] == '-') && isdigit((unsigned char)e[2]))) {
                end = (char *)e;
                v = strtod(p, NULL);
            }
            py_number(out, v);
            p = end;
        } else if (isalpha((unsigned char)*p) || *p == '_') {
            const char *start = p;
            while (isalnum((unsigned char)*p) || *p == '_')
                p++;
            size_t len = (size_t)(p - start);
            if (len == 2 && strncmp(start, "pi", 2) == 0)
                fputs("math.pi", out);
            else if (len == 1 && *start == 'e')
                fputs("math.e", out);
            else
                fwrite(start, 1, len, out);
        } else if (*p == '^') {
            fputs(" ** ", out);
            p++;
        } else {
            fputc(*p, out);
            p++;
        }
    }
}

static void write_landscape(FILE *out, const Landscape *landscape)
{
    const char *name = landscape_name(landscape), *spec = landscape_spec(landscape);
    fputs("# ---------------------------------------------------------------- the landscape\n"
          "# What the window's heatmap and contours show: ", out);
    fputs(spec, out);
    fputc('\n', out);
    const char *text = landscape_expression(landscape);
    if (text) {
        for (size_t i = 0; i < sizeof expr_functions / sizeof expr_functions[0]; i++) {
            const char *f = expr_functions[i];
            const char *at = text;
            size_t len = strlen(f);
            bool used = false;
            for (; (at = strstr(at, f)) != NULL && !used; at += len)
                used = (at == text || !isalnum((unsigned char)at[-1])) &&
                       !isalnum((unsigned char)at[len]);
            if (used)
                fprintf(out, "\n\ndef %s(t):\n    return torch.%s(torch.as_tensor(t))\n", f, f);
        }
        fputs("\n\ndef loss(theta, batch=None):\n    x, y = theta[0], theta[1]\n    return ", out);
        write_expression(out, text);
        fputs("\n", out);
        return;
    }
    const TorchLandscape *kind = torch_landscape(name);
    size_t count;
    const LandscapeInfo *info = landscape_kinds(&count);
    /* Every landscape's name is a kind's. */
    while (strcmp(info->name, name) != 0)
        info++;
    fprintf(out, "# %s: %s\n", name, info->formula);
    Spec parsed;
    ParamValue values[SPEC_MAX_ITEMS];
    DescentError err;
    /* The landscape was made from this spec: it parses. */
    spec_parse(spec, true, &parsed, &err);
    spec_resolve(&parsed, name, info->params, info->nparams, values, &err);
    for (size_t i = 0; i < info->nparams; i++) {
        const ParamDef *def = &info->params[i];
        if (def->type == PARAM_TEXT || (kind->params && !list_has(kind->params, def->name)))
            continue;
        py_constant(out, def->name);
        fputs(" = ", out);
        py_number(out, values[i].number);
        fprintf(out, "  # %s\n", def->help);
    }
    const Dataset *data = landscape_dataset(landscape);
    if (data) {
        fprintf(out, "# The dataset the window's inset draws: %zu samples (x1, x2, y), as descent "
                     "made it\n# (its keys: ", data->n);
        bool first = true;
        for (int k = 0; k < parsed.count; k++)
            if (!list_has(kind->params, parsed.items[k].key)) {
                fprintf(out, "%s%s=%s", first ? "" : ", ", parsed.items[k].key,
                        parsed.items[k].value);
                first = false;
            }
        fprintf(out, "%s).\nDATA = torch.tensor([\n", first ? "defaults" : "");
        for (size_t i = 0; i < data->n; i++) {
            fputs("    [", out);
            py_number(out, data->x1[i]);
            fputs(", ", out);
            py_number(out, data->x2[i]);
            fputs(", ", out);
            py_number(out, data->y[i]);
            fputs("],\n", out);
        }
        fputs("])\nINPUTS, TARGETS = DATA[:, :2], DATA[:, 2]\n", out);
    }
    fputs("\n\ndef loss(theta, batch=None):\n"
          "    \"\"\"L(theta); on a data landscape the mean over batch (sample indices), "
          "else all.\"\"\"\n"
          "    x, y = theta[0], theta[1]\n",
          out);
    fputs(kind->body, out);
}

/* ---------------------------------------------------------------------
 * Optimizers
 * ------------------------------------------------------------------- */

/* A torch param_group key and the OptimizerDesc number it holds ("betas"
 * holds two). */
typedef struct GroupKey {
    const char *name;
    size_t offset, second; /* offsets of the doubles in OptimizerDesc; second 0: one */
} GroupKey;

#define KEY(name, field) {name, offsetof(OptimizerDesc, field), 0}
static const GroupKey sgd_keys[] = {KEY("lr", lr), KEY("momentum", momentum),
                                    KEY("dampening", dampening),
                                    KEY("weight_decay", weight_decay), {NULL, 0, 0}};
static const GroupKey adagrad_keys[] = {KEY("lr", lr), KEY("lr_decay", lr_decay), KEY("eps", eps),
                                        KEY("weight_decay", weight_decay), {NULL, 0, 0}};
static const GroupKey rmsprop_keys[] = {KEY("lr", lr), KEY("alpha", alpha), KEY("eps", eps),
                                        KEY("momentum", momentum),
                                        KEY("weight_decay", weight_decay), {NULL, 0, 0}};
static const GroupKey adam_keys[] = {KEY("lr", lr),
                                     {"betas", offsetof(OptimizerDesc, beta1),
                                      offsetof(OptimizerDesc, beta2)},
                                     KEY("eps", eps), KEY("weight_decay", weight_decay),
                                     {NULL, 0, 0}};
static const GroupKey newton_keys[] = {KEY("lr", lr), KEY("damping", damping), {NULL, 0, 0}};
#undef KEY

/* How a kind is made in torch: the class and its keyword arguments (the
 * group keys, then the flags). */
static const GroupKey *group_keys(OptimizerKind kind)
{
    switch (kind) {
    case OPT_ADAGRAD:
        return adagrad_keys;
    case OPT_RMSPROP:
        return rmsprop_keys;
    case OPT_ADAM:
    case OPT_ADAMW:
        return adam_keys;
    case OPT_NEWTON:
        return newton_keys;
    default:
        return sgd_keys;
    }
}

static double desc_number(const OptimizerDesc *d, size_t offset)
{
    double v;
    memcpy(&v, (const char *)d + offset, sizeof v);
    return v;
}

static void write_group_value(FILE *out, const GroupKey *key, const OptimizerDesc *d)
{
    if (key->second)
        py_tuple(out, (const double[]){desc_number(d, key->offset), desc_number(d, key->second)},
                 2);
    else
        py_number(out, desc_number(d, key->offset));
}

static bool group_value_changed(const GroupKey *key, const OptimizerDesc *a,
                                const OptimizerDesc *b)
{
    return desc_number(a, key->offset) != desc_number(b, key->offset) ||
           (key->second && desc_number(a, key->second) != desc_number(b, key->second));
}

static void write_constructor(FILE *out, const OptimizerDesc *d)
{
    static const char *const classes[OPT_KIND_COUNT] = {
        [OPT_GD] = "torch.optim.SGD",          [OPT_SGD] = "torch.optim.SGD",
        [OPT_MOMENTUM] = "torch.optim.SGD",    [OPT_NESTEROV] = "torch.optim.SGD",
        [OPT_ADAGRAD] = "torch.optim.Adagrad", [OPT_RMSPROP] = "torch.optim.RMSprop",
        [OPT_ADAM] = "torch.optim.Adam",       [OPT_ADAMW] = "torch.optim.AdamW",
        [OPT_NEWTON] = "Newton",
    };
    /* The param_group's numbers on one line, what torch fixes when it
     * starts on the next. */
    fprintf(out, "%s(\n                 params", classes[d->kind]);
    for (const GroupKey *key = group_keys(d->kind); key->name; key++) {
        fprintf(out, ", %s=", key->name);
        write_group_value(out, key, d);
    }
    const char *next_line = ",\n                 ";
    switch (d->kind) {
    case OPT_ADAGRAD:
        fprintf(out, "%sinitial_accumulator_value=", next_line);
        py_number(out, d->initial_accumulator_value);
        break;
    case OPT_RMSPROP:
        fprintf(out, "%scentered=%s", next_line, d->centered ? "True" : "False");
        break;
    case OPT_ADAM:
    case OPT_ADAMW:
        fprintf(out, "%samsgrad=%s", next_line, d->amsgrad ? "True" : "False");
        break;
    case OPT_NEWTON:
        fputs(")", out);
        return;
    default:
        fprintf(out, "%snesterov=%s", next_line, d->nesterov ? "True" : "False");
        break;
    }
    /* foreach=False: the one-tensor-at-a-time code, whose arithmetic
     * descent's rules follow (src/core/optimizer.h). */
    fputs(", foreach=False)", out);
}

/* ---------------------------------------------------------------------
 * Replaying a run
 * ------------------------------------------------------------------- */

/* What update k of a replayed run used. */
typedef struct Update {
    size_t k;
    const OptimizerDesc *desc, *before; /* before: update k − 1's (k = 0: desc) */
    bool noisy;                         /* noise was added to the gradient */
    const double *noise;                /* σξ, dim values (θ's length) */
    size_t dim;
    const uint32_t *batch;              /* its minibatch, or NULL: every sample */
    size_t batch_count;
} Update;

/* Called for every update; false stops the replay (err set). */
typedef bool (*UpdateVisit)(void *context, const Update *update, DescentError *err);

/* Steps a copy of run r from its start for steps updates (or until it
 * diverges) as the run itself did: optimizer_init with the first update's
 * parameters, each update with its own (run_state_at's replay). */
static bool replay(const TorchRun *r, const Landscape *landscape, size_t steps,
                   UpdateVisit visit, void *context, DescentError *err)
{
    const Run *run = r->run;
    const OptimizerDesc *first = changes_desc_at(&run->changes, &run->desc, 0);
    OptimizerState state;
    optimizer_init(first, run->path[0].x, run->path[0].y, first->seed, &state);
    size_t n = landscape_sample_count(landscape);
    uint32_t *batch = n ? malloc(n * sizeof *batch) : NULL;
    if (n && !batch)
        return error_set(err, "out of memory");
    const OptimizerDesc *before = first;
    bool ok = true;
    double noise[2];
    for (size_t k = 0; k < steps && ok; k++) {
        Update u = {.k = k, .desc = changes_desc_at(&run->changes, &run->desc, k), .noise = noise,
                    .dim = 2};
        u.before = k ? before : u.desc;
        u.noisy = u.desc->noise > 0 && u.desc->kind != OPT_FLOW;
        if (u.noisy) {
            /* The update's first draws from the walker's stream are its
             * noise ξ (core/optimizer.h); a copy of the stream gives them. */
            Rng stream = state.rng;
            double xi[2];
            rng_normal2(&stream, xi);
            noise[0] = u.desc->noise * xi[0];
            noise[1] = u.desc->noise * xi[1];
        }
        StepResult result = optimizer_step(u.desc, landscape, &state);
        if (n && u.desc->batch > 0) {
            u.batch_count = optimizer_last_batch(u.desc, landscape, &state, batch, n);
            u.batch = batch;
        }
        ok = visit(context, &u, err);
        before = u.desc;
        double loss = landscape_value(landscape, state.x, state.y);
        if (result != STEP_OK || !isfinite(state.x) || !isfinite(state.y) || !isfinite(loss))
            break;
    }
    free(batch);
    return ok;
}

/* Steps a network run from θ0 for steps updates (or until it diverges) as
 * descent did: a NetRun with each update's parameters; the noise of
 * update k is the first θ-length draws of the run's stream before it
 * (optimizer_vec_step adds them after taking the minibatch's gradient),
 * read from a copy of the stream. */
static bool replay_net(const TorchNetwork *net, const TorchNetRun *r, size_t steps,
                       UpdateVisit visit, void *context, DescentError *err)
{
    const OptimizerDesc *first = changes_desc_at(r->changes, r->desc, 0);
    size_t n = net->model->nparams, samples = net->data->train.n;
    double *noise = malloc(n * sizeof *noise);
    size_t *idx = malloc(samples * sizeof *idx);
    uint32_t *batch = malloc(samples * sizeof *batch);
    NetRun run;
    bool ok = noise && idx && batch;
    if (!ok)
        error_set(err, "out of memory");
    else
        ok = net_run_init(&run, net->model, net->data, first, net->theta0, 0, err);
    bool started = ok;
    const OptimizerDesc *before = first;
    for (size_t k = 0; k < steps && ok && run.status == NET_RUN_ACTIVE; k++) {
        Update u = {.k = k, .desc = changes_desc_at(r->changes, r->desc, k), .noise = noise,
                    .dim = n};
        u.before = k ? before : u.desc;
        run.desc = *u.desc;
        u.noisy = u.desc->noise > 0 && u.desc->kind != OPT_FLOW;
        if (u.noisy) {
            Rng stream = run.state->rng;
            for (size_t i = 0; i < n; i++)
                noise[i] = u.desc->noise * rng_normal(&stream);
        }
        u.batch_count = net_run_batch(&run, (long)k, idx);
        for (size_t i = 0; i < u.batch_count; i++)
            batch[i] = (uint32_t)idx[i];
        u.batch = u.batch_count ? batch : NULL;
        net_run_advance(&run, 1, &ok, err);
        ok = ok && visit(context, &u, err);
        before = u.desc;
    }
    if (started)
        net_run_free(&run);
    free(batch);
    free(idx);
    free(noise);
    return ok;
}

/* Why update u cannot be written so that torch repeats it; NULL when it can. */
static const char *refusal(const Update *u)
{
    const OptimizerDesc *d = u->desc, *b = u->before;
    if (d->kind == OPT_FLOW)
        return "flow integrates dθ/dt = -∇L with an adaptive Runge-Kutta method; torch.optim "
               "has no such step";
    if (d->noise > 0 && d->noise_model == NOISE_HESSIAN)
        return "noise_model=hessian (noise shaped by the Hessian at each point) is not exported";
    if (d->label_noise > 0)
        return "label_noise is not exported";
    bool sgd = d->kind <= OPT_NESTEROV;
    if (sgd && d->nesterov && (d->momentum <= 0 || d->dampening != 0))
        return "torch.optim.SGD takes nesterov only with momentum > 0 and dampening 0";
    if (d->nesterov != b->nesterov || d->centered != b->centered || d->amsgrad != b->amsgrad)
        return "a mid-run change of nesterov, centered or amsgrad: torch makes its buffers "
               "when it starts";
    if ((sgd || d->kind == OPT_RMSPROP) && b->momentum == 0 && d->momentum != 0 && u->k > 0)
        return "momentum turned on mid-run: torch makes the momentum buffer when it starts";
    if (memcmp(&d->schedule, &b->schedule, sizeof d->schedule) != 0)
        return "a mid-run change of the schedule's shape is not exported";
    return NULL;
}

typedef struct CheckContext {
    const char *spec;
} CheckContext;

static bool check_update(void *context, const Update *u, DescentError *err)
{
    const char *why = refusal(u);
    if (why)
        return error_set(err, "export --torch: %s: %s", ((const CheckContext *)context)->spec,
                         why);
    return true;
}

/* Whether any update of the replay was noisy or minibatched. */
typedef struct UsesContext {
    bool noise, batches, changes;
} UsesContext;

static bool note_uses(void *context, const Update *u, DescentError *err)
{
    (void)err;
    UsesContext *uses = context;
    uses->noise |= u->noisy;
    uses->batches |= u->batch != NULL;
    for (const GroupKey *key = group_keys(u->desc->kind); key->name; key++)
        uses->changes |= group_value_changed(key, u->desc, u->before);
    return true;
}

static bool write_change(void *context, const Update *u, DescentError *err)
{
    (void)err;
    FILE *out = context;
    const char *separator = NULL;
    for (const GroupKey *key = group_keys(u->desc->kind); key->name; key++) {
        if (!group_value_changed(key, u->desc, u->before))
            continue;
        if (!separator)
            fprintf(out, "                 %zu: dict(", u->k);
        fprintf(out, "%s%s=", separator ? separator : "", key->name);
        write_group_value(out, key, u->desc);
        separator = ", ";
    }
    if (separator)
        fputs("),\n", out);
    return true;
}

static bool write_noise(void *context, const Update *u, DescentError *err)
{
    (void)err;
    FILE *out = context;
    fputs("    (", out);
    for (size_t i = 0; i < u->dim; i++) {
        fputs(i ? ", " : "", out);
        py_number(out, u->noisy ? u->noise[i] : 0.0);
    }
    fputs("),\n", out);
    return true;
}

static bool write_batch(void *context, const Update *u, DescentError *err)
{
    (void)err;
    FILE *out = context;
    if (!u->batch) {
        fputs("    None,\n", out);
        return true;
    }
    fputs("    [", out);
    for (size_t i = 0; i < u->batch_count; i++)
        fprintf(out, "%s%u", i ? ", " : "", u->batch[i]);
    fputs("],\n", out);
    return true;
}
/* ---------------------------------------------------------------------
 * The script
 * ------------------------------------------------------------------- */

/* What is exported: a landscape's runs, or (net set) a network's. */
typedef struct Source {
    const Landscape *landscape;
    const TorchRun *runs;
    const TorchNetwork *net;
    const TorchNetRun *net_runs;
    size_t count, steps;
} Source;

static bool replay_run(const Source *s, size_t i, UpdateVisit visit, void *context,
                       DescentError *err)
{
    return s->net ? replay_net(s->net, &s->net_runs[i], s->steps, visit, context, err)
                  : replay(&s->runs[i], s->landscape, s->steps, visit, context, err);
}

/* The parameters run i starts with. */
static const OptimizerDesc *first_desc(const Source *s, size_t i)
{
    if (s->net)
        return changes_desc_at(s->net_runs[i].changes, s->net_runs[i].desc, 0);
    return changes_desc_at(&s->runs[i].run->changes, &s->runs[i].run->desc, 0);
}

static const char *run_spec(const Source *s, size_t i)
{
    return s->net ? s->net_runs[i].spec : s->runs[i].spec;
}

static const char script_intro[] =
    "#!/usr/bin/env python3\n"
    "# A descent scene as a standalone PyTorch script (python3 and torch, float64; no descent).\n"
    "#   python3 scene.py              prints every run as `descent trace` does: CSV\n";

static const char script_usage_landscape[] =
    "#                                 run,optimizer,step,x,y,loss with %.17g numbers\n"
    "#   python3 scene.py --plot       draws the paths on the landscape (matplotlib)\n";

static const char script_usage_network[] =
    "#                                 run,optimizer,step,train_loss,train_acc,test_loss,\n"
    "#                                 test_acc,norm,... with %.17g numbers\n"
    "#   python3 scene.py --plot       draws the training and test loss curves (matplotlib)\n";

static const char script_imports[] =
    "#   python3 scene.py --plot=F.png saves that drawing\n"
    "# What made the walks random or changed them mid-run is replayed from descent's own\n"
    "# walk: the gradient noise it drew, its minibatches, the keys pressed (at the end).\n"
    "import math\n"
    "import sys\n"
    "\n"
    "import torch\n"
    "\n"
    "torch.set_default_dtype(torch.float64)\n"
    "\n";

static const char script_newton[] =
    "\n\n"
    "class Newton(torch.optim.Optimizer):\n"
    "    \"\"\"descent's newton, which torch.optim lacks: theta <- theta - lr (H + damping I)^-1 g,\n"
    "    g the gradient in p.grad (noisy or minibatch as the run's), H the exact Hessian of\n"
    "    the whole loss at theta.\"\"\"\n"
    "\n"
    "    def __init__(self, params, lr, damping):\n"
    "        super().__init__(params, dict(lr=lr, damping=damping))\n"
    "\n"
    "    @torch.no_grad()\n"
    "    def step(self):\n"
    "        for group in self.param_groups:\n"
    "            for p in group['params']:\n"
    "                hessian = torch.autograd.functional.hessian(loss, p.detach())\n"
    "                system = hessian + group['damping'] * torch.eye(2)\n"
    "                p -= group['lr'] * torch.linalg.solve(system, p.grad)\n";

static const char script_schedule[] =
    "\n\n"
    "def scheduled_lr(s, lr, k):\n"
    "    \"\"\"The learning rate update k (0-based) takes: descent's schedules\n"
    "    (`descent list schedules`), after `warmup` updates of linear warm-up; the\n"
    "    window's schedule plot draws it.\"\"\"\n"
    "    if k < s['warmup']:\n"
    "        return lr * (k + 1) / (s['warmup'] + 1)\n"
    "    j = k - s['warmup']\n"
    "    progress = min(j, s['total']) / s['total'] if s['total'] > 0 else 1.0\n"
    "    if s['kind'] == 'step':\n"
    "        return lr * s['gamma'] ** float(j // max(s['every'], 1))\n"
    "    if s['kind'] == 'exp':\n"
    "        return lr * s['gamma'] ** float(j)\n"
    "    if s['kind'] == 'cosine':\n"
    "        return s['lr_min'] + (lr - s['lr_min']) * 0.5 * (1.0 + math.cos(math.pi * progress))\n"
    "    if s['kind'] == 'linear':\n"
    "        return lr + (s['lr_min'] - lr) * progress\n"
    "    return lr\n";

static const char script_changes[] =
    "\n\n"
    "def apply_changes(run, group, lr, k):\n"
    "    \"\"\"Sets the parameters update k takes; returns the run's lr before its schedule.\n"
    "    A key pressed in the window after k updates ([ ] lr, u U momentum or beta1,\n"
    "    y Y alpha or beta2, E typed values) or trace's --change: from update k on.\"\"\"\n"
    "    for key, value in run['changes'].get(k, {}).items():\n"
    "        if key == 'lr':\n"
    "            lr = value\n"
    "        else:\n"
    "            group[key] = value\n"
    "    group['lr'] = scheduled_lr(run['schedule'], lr, k) if run['schedule'] else lr\n"
    "    return lr\n";

static const char script_loop_landscape[] =
    "\n\n"
    "def trace(run):\n"
    "    \"\"\"Steps one run as the window did; its rows (step, x, y, loss), step 0 the start.\"\"\"\n"
    "    theta = torch.tensor(run['start'], requires_grad=True)\n"
    "    optimizer = run['make']([theta])\n"
    "    group = optimizer.param_groups[0]\n"
    "    lr = group['lr']  # the run's lr, before its schedule\n"
    "    rows = [(0, *run['start'], loss(theta).item())]\n"
    "    for k in range(STEPS):\n"
    "        lr = apply_changes(run, group, lr, k)\n"
    "        optimizer.zero_grad()\n"
    "        # The minibatch descent drew for this update (k K change its size), or all samples.\n"
    "        batch = run['batches'][k] if run['batches'] else None\n"
    "        loss(theta, batch).backward()\n"
    "        if run['noise']:\n"
    "            # The gradient noise sigma xi descent drew (n N change sigma).\n"
    "            theta.grad += torch.tensor(run['noise'][k])\n"
    "        optimizer.step()\n"
    "        x, y = theta.tolist()\n"
    "        finite = math.isfinite(x) and math.isfinite(y)\n"
    "        with torch.no_grad():\n"
    "            value = loss(theta).item() if finite else math.nan\n"
    "        rows.append((k + 1, x, y, value))\n"
    "        if not (finite and math.isfinite(value)):\n"
    "            break  # diverged: the window marks the run and stops it here\n"
    "    return rows\n"
    "\n\n"
    "def plot(runs, traces, path):\n"
    "    \"\"\"The paths on the landscape's contours, as the window's 2D view draws them.\"\"\"\n"
    "    plt = pyplot(path)\n"
    "    xmin, xmax, ymin, ymax = VIEW\n"
    "    xs = [xmin + (xmax - xmin) * i / 79 for i in range(80)]\n"
    "    ys = [ymin + (ymax - ymin) * i / 79 for i in range(80)]\n"
    "    with torch.no_grad():\n"
    "        grid = [[loss(torch.tensor([x, y])).item() for x in xs] for y in ys]\n"
    "    values = sorted(v for row in grid for v in row if math.isfinite(v))\n"
    "    levels = sorted(set(values[i * (len(values) - 1) // 24] for i in range(25)))\n"
    "    figure, axes = plt.subplots(figsize=(8, 6))\n"
    "    axes.contour(xs, ys, grid, levels=levels, cmap='viridis', linewidths=0.8)\n"
    "    for run, rows in zip(runs, traces):\n"
    "        axes.plot([r[1] for r in rows], [r[2] for r in rows], '.-', markersize=3,\n"
    "                  linewidth=1, label=run['spec'])\n"
    "    axes.set(xlim=(xmin, xmax), ylim=(ymin, ymax), xlabel='x', ylabel='y')\n"
    "    show(plt, figure, axes, path)\n";

static const char script_loop_network[] =
    "\n\n"
    "def metrics(net):\n"
    "    \"\"\"What trace prints after each update: the full training loss and accuracy, the\n"
    "    test loss and accuracy (nan without a test set), |theta|; then sharpness,\n"
    "    preconditioned_sharpness and noise_scale, which trace measures only with --every K\n"
    "    (empty columns here, as there).\"\"\"\n"
    "    with torch.no_grad():\n"
    "        theta = torch.nn.utils.parameters_to_vector(net.parameters())\n"
    "        test = (loss(net, TEST).item(), accuracy(net, TEST)) if len(TEST) else (math.nan,) * 2\n"
    "        return (loss(net, TRAIN).item(), accuracy(net, TRAIN), *test,\n"
    "                theta.norm().item(), None, None, None)\n"
    "\n\n"
    "def trace(run):\n"
    "    \"\"\"Trains one run as the window did; its rows (step, metrics...), step 0 theta0.\"\"\"\n"
    "    net = network()\n"
    "    params = list(net.parameters())\n"
    "    optimizer = run['make'](params)\n"
    "    group = optimizer.param_groups[0]\n"
    "    lr = group['lr']  # the run's lr, before its schedule\n"
    "    rows = [(0, *metrics(net))]\n"
    "    for k in range(STEPS):\n"
    "        lr = apply_changes(run, group, lr, k)\n"
    "        optimizer.zero_grad()\n"
    "        # The minibatch descent drew for this update (training rows, in its order), or all.\n"
    "        batch = run['batches'][k] if run['batches'] else None\n"
    "        loss(net, TRAIN if batch is None else TRAIN[batch]).backward()\n"
    "        if run['noise']:\n"
    "            # The gradient noise sigma xi descent drew, one number per parameter.\n"
    "            noise = torch.tensor(run['noise'][k]).split([p.numel() for p in params])\n"
    "            for p, xi in zip(params, noise):\n"
    "                p.grad += xi.view_as(p)\n"
    "        optimizer.step()\n"
    "        rows.append((k + 1, *metrics(net)))\n"
    "        if not (math.isfinite(rows[-1][1]) and math.isfinite(rows[-1][5])):\n"
    "            break  # diverged: the window marks the run and stops it here\n"
    "    return rows\n"
    "\n\n"
    "def plot(runs, traces, path):\n"
    "    \"\"\"The loss curves, as the window's loss plot draws them: training solid, test\n"
    "    dashed.\"\"\"\n"
    "    plt = pyplot(path)\n"
    "    figure, axes = plt.subplots(figsize=(8, 6))\n"
    "    for run, rows in zip(runs, traces):\n"
    "        line, = axes.plot([r[0] for r in rows], [r[1] for r in rows], linewidth=1,\n"
    "                          label=run['spec'])\n"
    "        axes.plot([r[0] for r in rows], [r[3] for r in rows], '--', linewidth=1,\n"
    "                  color=line.get_color())\n"
    "    axes.set(yscale='log', xlabel='update', ylabel='loss')\n"
    "    show(plt, figure, axes, path)\n";

static const char script_main[] =
    "\n\n"
    "def pyplot(path):\n"
    "    try:\n"
    "        import matplotlib\n"
    "        if path:\n"
    "            matplotlib.use('Agg')\n"
    "        import matplotlib.pyplot as plt\n"
    "    except ImportError:\n"
    "        sys.exit('scene.py: --plot needs matplotlib (Debian: python3-matplotlib)')\n"
    "    return plt\n"
    "\n\n"
    "def show(plt, figure, axes, path):\n"
    "    axes.legend()\n"
    "    if path:\n"
    "        figure.savefig(path, dpi=120)\n"
    "    else:\n"
    "        plt.show()\n"
    "\n\n"
    "def csv_field(text):\n"
    "    \"\"\"The optimizer column as trace writes it (RFC 4180 quoting).\"\"\"\n"
    "    if any(c in text for c in ',\"\\r\\n'):\n"
    "        return '\"' + text.replace('\"', '\"\"') + '\"'\n"
    "    return text\n"
    "\n\n"
    "def main(argv):\n"
    "    plot_to = None\n"
    "    for arg in argv:\n"
    "        if arg == '--plot' or arg.startswith('--plot='):\n"
    "            plot_to = arg.partition('=')[2] or ''\n"
    "        else:\n"
    "            sys.stderr.write('usage: scene.py [--plot | --plot=FILE.png]\\n')\n"
    "            return 2\n"
    "    runs = scene_runs()\n"
    "    traces = [trace(run) for run in runs]\n"
    "    print(CSV_HEADER)\n"
    "    for number, (run, rows) in enumerate(zip(runs, traces)):\n"
    "        for step, *values in rows:\n"
    "            print('%d,%s,%d' % (number, csv_field(run['spec']), step)\n"
    "                  + ''.join(',' + ('' if v is None else '%.17g' % v) for v in values))\n"
    "    if plot_to is not None:\n"
    "        plot(runs, traces, plot_to)\n"
    "    return 0\n"
    "\n\n"
    "if __name__ == '__main__':\n"
    "    sys.exit(main(sys.argv[1:]))\n";

/* The network's layers, loss and data: SIZES, ACTIVATION, LOSS, CLASSES,
 * TRAIN and TEST (rows x1, x2, y), THETA0, and the functions the loop
 * calls on them. */
static const char script_network[] =
    "\n\n"
    "def network():\n"
    "    \"\"\"The MLP at descent's theta0: torch.nn.Linear layers with ACTIVATION between them;\n"
    "    theta0 is laid out as parameters_to_vector orders them (layer by layer, the\n"
    "    weight, out x in row by row, then the bias).\"\"\"\n"
    "    layers = []\n"
    "    for i in range(len(SIZES) - 1):\n"
    "        if i:\n"
    "            layers.append(ACTIVATION())\n"
    "        layers.append(torch.nn.Linear(SIZES[i], SIZES[i + 1]))\n"
    "    net = torch.nn.Sequential(*layers)\n"
    "    torch.nn.utils.vector_to_parameters(torch.tensor(THETA0), net.parameters())\n"
    "    return net\n"
    "\n\n"
    "def loss(net, rows):\n"
    "    \"\"\"The mean loss over rows (x1, x2, y): cross-entropy with the class y, or the mean\n"
    "    squared error against y (regression) or y's one-hot vector.\"\"\"\n"
    "    outputs = net(rows[:, :SIZES[0]])\n"
    "    labels = rows[:, SIZES[0]]\n"
    "    if LOSS == 'ce':\n"
    "        return torch.nn.functional.cross_entropy(outputs, labels.long())\n"
    "    if CLASSES == 0:\n"
    "        return torch.nn.functional.mse_loss(outputs, labels.unsqueeze(1))\n"
    "    targets = torch.nn.functional.one_hot(labels.long(), CLASSES).to(outputs.dtype)\n"
    "    return torch.nn.functional.mse_loss(outputs, targets)\n"
    "\n\n"
    "def accuracy(net, rows):\n"
    "    \"\"\"The share of rows whose largest output (the first, on a tie) is their class.\"\"\"\n"
    "    if CLASSES == 0:\n"
    "        return math.nan\n"
    "    hits = net(rows[:, :SIZES[0]]).argmax(1) == rows[:, SIZES[0]].long()\n"
    "    return hits.to(torch.float64).mean().item()\n";

/* One line of text with its control characters made spaces. */
static void write_line(FILE *out, const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        fputc(*p < 0x20 || *p == 0x7f ? ' ' : *p, out);
    fputc('\n', out);
}

static void write_schedule(FILE *out, const ScheduleDesc *s)
{
    if (s->kind == SCHEDULE_CONSTANT && s->warmup == 0) {
        fputs("None", out);
        return;
    }
    fprintf(out, "dict(kind='%s', warmup=%ld, total=%ld, every=%ld, gamma=",
            schedule_name(s->kind), s->warmup, s->total, s->every);
    py_number(out, s->gamma);
    fputs(", lr_min=", out);
    py_number(out, s->lr_min);
    fputc(')', out);
}

static void write_run(FILE *out, const Source *s, size_t i, const UsesContext *uses)
{
    const OptimizerDesc *first = first_desc(s, i);
    DescentError err;
    fprintf(out, "        # run %zu: the legend's run %zu\n        dict(spec=", i,
            s->net ? i + 1 : s->runs[i].number);
    py_string(out, run_spec(s, i));
    if (!s->net) {
        fputs(", start=", out);
        const Run *run = s->runs[i].run;
        py_tuple(out, (const double[]){run->path[0].x, run->path[0].y}, 2);
    }
    fputs(",\n             make=lambda params: ", out);
    write_constructor(out, first);
    fputs(",\n             schedule=", out);
    write_schedule(out, &first->schedule);
    fputs(",\n             changes={", out);
    if (uses->changes) {
        fputs("\n", out);
        replay_run(s, i, write_change, out, &err);
        fputs("             }", out);
    } else {
        fputs("}", out);
    }
    if (uses->noise)
        fprintf(out, ",\n             noise=NOISE_%zu", i);
    else
        fputs(",\n             noise=None", out);
    if (uses->batches)
        fprintf(out, ", batches=BATCHES_%zu),\n", i);
    else
        fputs(", batches=None),\n", out);
}

/* Numbers a network's script writes in: θ0, the dataset and, for a noisy
 * run, θ's length per update. */
static size_t network_numbers(const Source *s, const UsesContext *uses)
{
    const NetDataSplit *data = s->net->data;
    size_t n = s->net->model->nparams, numbers = n + 3 * (data->train.n + data->test.n);
    for (size_t i = 0; i < s->count; i++)
        numbers += uses[i].noise ? s->steps * n : 0;
    return numbers;
}

/* Checks every run's every update and notes what each uses (uses: count
 * entries); false with err set when something cannot be exported. */
static bool prepare(const Source *s, UsesContext *uses, DescentError *err)
{
    if (!s->net) {
        const char *name = landscape_name(s->landscape);
        if (!landscape_expression(s->landscape) && !torch_landscape(name))
            return error_set(err, "export --torch: the %s landscape is not exported (no torch "
                                  "form of it here)", name);
    }
    if (s->steps > TORCH_SCRIPT_MAX_STEPS)
        return error_set(err, "export --torch: %zu steps; at most %d are exported", s->steps,
                         TORCH_SCRIPT_MAX_STEPS);
    for (size_t i = 0; i < s->count; i++) {
        CheckContext check = {run_spec(s, i)};
        /* The parameters the script starts with, checked even when no
         * update is replayed (--steps 0). */
        const OptimizerDesc *first = first_desc(s, i);
        Update start = {.desc = first, .before = first};
        if (!check_update(&check, &start, err) || !replay_run(s, i, check_update, &check, err) ||
            !replay_run(s, i, note_uses, &uses[i], err))
            return false;
    }
    if (s->net && network_numbers(s, uses) > TORCH_SCRIPT_MAX_NUMBERS)
        return error_set(err, "export --torch: %zu numbers to write in (theta0, the data, the "
                              "noise of every update); at most %d are exported",
                         network_numbers(s, uses), TORCH_SCRIPT_MAX_NUMBERS);
    return true;
}

static bool check(const Source *s, DescentError *err)
{
    UsesContext *uses = calloc(s->count ? s->count : 1, sizeof *uses);
    if (!uses)
        return error_set(err, "out of memory");
    bool ok = prepare(s, uses, err);
    free(uses);
    return ok;
}

/* A set's rows (x1, x2, y) as a tensor. */
static void write_rows(FILE *out, const char *name, const NetData *set)
{
    if (set->n == 0) {
        fprintf(out, "%s = torch.zeros((0, %d))\n", name, set->dim + 1);
        return;
    }
    fprintf(out, "%s = torch.tensor([\n", name);
    for (size_t i = 0; i < set->n; i++) {
        fputs("    [", out);
        for (int j = 0; j < set->dim; j++) {
            py_number(out, set->x[i * (size_t)set->dim + (size_t)j]);
            fputs(", ", out);
        }
        py_number(out, set->y[i]);
        fputs("],\n", out);
    }
    fputs("])\n", out);
}

static void write_network(FILE *out, const TorchNetwork *net)
{
    static const char *const activations[] = {
        [MODEL_ACT_TANH] = "torch.nn.Tanh",
        [MODEL_ACT_RELU] = "torch.nn.ReLU",
        [MODEL_ACT_GELU] = "torch.nn.GELU  # exact: x Phi(x)",
        [MODEL_ACT_SIGMOID] = "torch.nn.Sigmoid",
    };
    const Model *model = net->model;
    const NetDataSplit *data = net->data;
    fputs("# ---------------------------------------------------------------- the network\n"
          "# What the window trains: ", out);
    write_line(out, net->model_spec);
    fputs("SIZES = (", out);
    for (int i = 0; i < model->nsizes; i++)
        fprintf(out, "%s%d", i ? ", " : "", model->sizes[i]);
    fprintf(out, ")  # inputs, hidden layers, outputs\nACTIVATION = %s\nLOSS = '%s'\n",
            activations[model->act], model->loss == MODEL_LOSS_CE ? "ce" : "mse");
    fprintf(out, "CLASSES = %d  # 0: regression\n", data->train.classes);
    fputs("# The dataset, split as descent split it: ", out);
    write_line(out, net->data_spec);
    fprintf(out, "# %zu training rows and %zu test rows (x1, x2, y; y the class or the target).\n",
            data->train.n, data->test.n);
    write_rows(out, "TRAIN", &data->train);
    write_rows(out, "TEST", &data->test);
    fputs("# theta0, the runs' common start: descent's draw (torch.nn.Linear's rule from "
          "--init-seed,\n# src/core/model.h), as parameters_to_vector orders it.\nTHETA0 = [\n",
          out);
    for (size_t i = 0; i < model->nparams; i++) {
        fputs(i % 4 ? " " : "    ", out);
        py_number(out, net->theta0[i]);
        fputs(i % 4 == 3 || i + 1 == model->nparams ? ",\n" : ",", out);
    }
    fputs("]\n", out);
    fputs(script_network, out);
}

static bool write_script(FILE *out, const char *origin, const Source *s, DescentError *err)
{
    UsesContext *uses = calloc(s->count ? s->count : 1, sizeof *uses);
    if (!uses)
        return error_set(err, "out of memory");
    if (!prepare(s, uses, err)) {
        free(uses);
        return false;
    }
    bool newton = false, schedule = false;
    for (size_t i = 0; i < s->count; i++) {
        const OptimizerDesc *first = first_desc(s, i);
        newton |= first->kind == OPT_NEWTON;
        schedule |= first->schedule.kind != SCHEDULE_CONSTANT || first->schedule.warmup > 0;
    }

    fputs(script_intro, out);
    fputs(s->net ? script_usage_network : script_usage_landscape, out);
    fputs(script_imports, out);
    fputs("# Exported by descent from: ", out);
    write_line(out, origin);
    fprintf(out, "\nSTEPS = %zu  # updates per run: the step counter under the window's loss "
                 "plot\n", s->steps);
    if (s->net) {
        fputs("CSV_HEADER = ('run,optimizer,step,train_loss,train_acc,test_loss,test_acc,norm,'\n"
              "              'sharpness,preconditioned_sharpness,noise_scale')\n\n",
              out);
        write_network(out, s->net);
    } else {
        fputs("CSV_HEADER = 'run,optimizer,step,x,y,loss'\n", out);
        ViewRect view = landscape_default_view(s->landscape);
        fputs("VIEW = ", out);
        py_tuple(out, (const double[]){view.xmin, view.xmax, view.ymin, view.ymax}, 4);
        fputs("  # xmin, xmax, ymin, ymax of the landscape's default view\n\n", out);
        write_landscape(out, s->landscape);
    }
    if (newton)
        fputs(script_newton, out);
    if (schedule)
        fputs(script_schedule, out);
    fputs("\n\n# ----------------------------------------------------------------- the runs\n"
          "def scene_runs():\n"
          "    \"\"\"One torch optimizer per run of the window's legend, with descent's\n"
          "    parameters written out (its defaults included).\"\"\"\n"
          "    return [\n",
          out);
    for (size_t i = 0; i < s->count; i++)
        write_run(out, s, i, &uses[i]);
    fputs("    ]\n", out);
    fputs(script_changes, out);
    fputs(s->net ? script_loop_network : script_loop_landscape, out);
    /* The data each run replays, after the code that reads it. */
    static const struct {
        const char *name, *comment;
        UpdateVisit write;
    } tables[] = {
        {"NOISE", "gradient noise, update by update: sigma xi, xi drawn by descent's generator\n"
                  "# (xoshiro256** and a ziggurat, src/core/rng.c) from the run's seed",
         write_noise},
        {"BATCHES", "minibatches, update by update: the sample indices descent drew\n"
                    "# (epochs shuffled by its seed; None: every sample)",
         write_batch},
    };
    for (size_t i = 0; i < s->count; i++)
        for (size_t t = 0; t < 2; t++) {
            if (!(t ? uses[i].batches : uses[i].noise))
                continue;
            fprintf(out, "\n\n# Run %zu's %s.\n%s_%zu = [\n", i, tables[t].comment,
                    tables[t].name, i);
            replay_run(s, i, tables[t].write, out, err);
            fputs("]\n", out);
        }
    fputs(script_main, out);
    free(uses);
    return true;
}

/* write_script in aside_save's form. */
typedef struct ScriptParts {
    const char *origin;
    const Source *source;
} ScriptParts;

static bool write_parts(FILE *out, const void *context, DescentError *err)
{
    const ScriptParts *p = context;
    return write_script(out, p->origin, p->source, err);
}

static bool save_script(const char *path, const char *origin, const Source *s,
                        DescentError *err)
{
    ScriptParts parts = {origin, s};
    return aside_save(path, "py", write_parts, &parts, err);
}

bool torch_script_check(const Landscape *landscape, const TorchRun *runs, size_t count,
                        size_t steps, DescentError *err)
{
    return check(&(Source){landscape, runs, NULL, NULL, count, steps}, err);
}

bool torch_script_write(FILE *out, const char *origin, const Landscape *landscape,
                        const TorchRun *runs, size_t count, size_t steps, DescentError *err)
{
    return write_script(out, origin, &(Source){landscape, runs, NULL, NULL, count, steps}, err);
}

bool torch_script_save(const char *path, const char *origin, const Landscape *landscape,
                       const TorchRun *runs, size_t count, size_t steps, DescentError *err)
{
    return save_script(path, origin, &(Source){landscape, runs, NULL, NULL, count, steps}, err);
}

bool torch_script_net_check(const TorchNetwork *net, const TorchNetRun *runs, size_t count,
                            size_t steps, DescentError *err)
{
    return check(&(Source){NULL, NULL, net, runs, count, steps}, err);
}

bool torch_script_net_save(const char *path, const char *origin, const TorchNetwork *net,
                           const TorchNetRun *runs, size_t count, size_t steps,
                           DescentError *err)
{
    return save_script(path, origin, &(Source){NULL, NULL, net, runs, count, steps}, err);
}
