/*
 * model.c — the multi-layer perceptron of model.h: spec parsing, torch's
 * initialisation, and one pass over the samples that gives the loss, the
 * accuracy, the gradient (backpropagation) and the Hessian-vector product
 * (Pearlmutter's R-operator) as asked.
 *
 * R-operator (Pearlmutter 1994): R{f} = d/dr f(θ + r v) at r = 0.  With
 * V_l, c_l the parts of v for W_l, b_l:
 *   forward   R{a_l} = V_l h_{l−1} + W_l R{h_{l−1}} + c_l,  R{h_l} = act'(a_l) R{a_l},
 *             R{h_0} = 0
 *   head      δ_L = ∂ℓ/∂z,  R{δ_L} = (∂²ℓ/∂z²) R{z}
 *   backward  ∇W_l = δ_l h_{l−1}ᵀ,  R{∇W_l} = R{δ_l} h_{l−1}ᵀ + δ_l R{h_{l−1}}ᵀ,
 *             e = W_lᵀ δ_l,  R{e} = V_lᵀ δ_l + W_lᵀ R{δ_l},
 *             δ_{l−1} = act'(a_{l−1}) e,
 *             R{δ_{l−1}} = act''(a_{l−1}) R{a_{l−1}} e + act'(a_{l−1}) R{e}
 * and H v = R{∇θ}.
 */
#include "model.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Spec                                                                      */
/* ------------------------------------------------------------------------ */

enum { MLP_LAYERS, MLP_ACT, MLP_LOSS, MLP_INIT_SCALE, MLP_PARAM_COUNT };

const ParamDef model_mlp_params[MLP_PARAM_COUNT] = {
    [MLP_LAYERS] = {"layers", PARAM_TEXT, 0.0, 0.0, 0.0, NULL,
                    "sizes from input to output, e.g. 2-16-16-2 (default)"},
    [MLP_ACT] = {"act", PARAM_CHOICE, MODEL_ACT_TANH, 0.0, 0.0, "tanh|relu|gelu|sigmoid",
                 "activation after every layer but the last"},
    [MLP_LOSS] = {"loss", PARAM_CHOICE, MODEL_LOSS_CE, 0.0, 0.0, "ce|mse",
                  "softmax cross-entropy (classes) or mean squared error"},
    [MLP_INIT_SCALE] = {"init_scale", PARAM_NUMBER, 1.0, 0.0, 100.0, NULL,
                        "multiplies torch.nn.Linear's U(-1/sqrt(fan_in), 1/sqrt(fan_in))"},
};
const size_t model_mlp_param_count = MLP_PARAM_COUNT;

static const char default_layers[] = "2-16-16-2";

/* Splits "2-16-16-2" into sizes. */
static bool parse_layers(const char *text, Model *dest, DescentError *err)
{
    const char *p = text;
    dest->nsizes = 0;
    for (;;) {
        char *end;
        long size = *p >= '0' && *p <= '9' ? strtol(p, &end, 10) : -1;
        if (size < 0 || (*end != '-' && *end != '\0'))
            return error_set(err, "model 'mlp': layers=%s is not sizes joined by '-' "
                                  "(e.g. 2-16-16-2)", text);
        if (size < 1 || size > MODEL_MAX_WIDTH)
            return error_set(err, "model 'mlp': layers=%s: a layer of %ld units (each size "
                                  "must be a whole number from 1 to %d)", text, size,
                             MODEL_MAX_WIDTH);
        if (dest->nsizes == MODEL_MAX_SIZES)
            return error_set(err, "model 'mlp': layers=%s has more than %d sizes", text,
                             MODEL_MAX_SIZES);
        dest->sizes[dest->nsizes++] = (int)size;
        if (*end == '\0')
            break;
        p = end + 1;
    }
    if (dest->nsizes < 2)
        return error_set(err, "model 'mlp': layers=%s needs at least an input and an output "
                              "size (e.g. 2-2)", text);
    return true;
}

bool model_parse(const char *spec_text, Model *dest, DescentError *err)
{
    *dest = (Model){0};
    Spec spec;
    if (!spec_parse(spec_text, false, &spec, err))
        return false;
    if (strcmp(spec.name, "mlp") != 0)
        return error_set(err, "unknown model '%s' (models: mlp)", spec.name);
    if (spec.body[0] != '\0' && !spec_parse(spec_text, true, &spec, err))
        return false;
    ParamValue p[MLP_PARAM_COUNT];
    if (!spec_resolve(&spec, "model 'mlp'", model_mlp_params, MLP_PARAM_COUNT, p, err))
        return false;
    const char *layers = p[MLP_LAYERS].given ? p[MLP_LAYERS].text : default_layers;
    if (!parse_layers(layers, dest, err))
        return false;
    dest->act = (ModelActivation)p[MLP_ACT].number;
    dest->loss = (ModelLoss)p[MLP_LOSS].number;
    dest->init_scale = p[MLP_INIT_SCALE].number;
    size_t offset = 0;
    for (int l = 1; l < dest->nsizes; l++) {
        dest->weight_offset[l] = offset;
        offset += (size_t)dest->sizes[l] * (size_t)dest->sizes[l - 1];
        dest->bias_offset[l] = offset;
        offset += (size_t)dest->sizes[l];
    }
    if (offset > MODEL_MAX_PARAMS)
        return error_set(err, "model 'mlp': layers=%s has %zu parameters (at most %d)",
                         layers, offset, MODEL_MAX_PARAMS);
    dest->nparams = offset;
    return true;
}

static int outputs_of(const Model *model)
{
    return model->sizes[model->nsizes - 1];
}

bool model_check_data(const Model *model, const NetData *data, DescentError *err)
{
    int out = outputs_of(model);
    if (data->dim != model->sizes[0])
        return error_set(err, "the model takes %d inputs but the data has %d features",
                         model->sizes[0], data->dim);
    if (model->loss == MODEL_LOSS_CE && data->classes == 0)
        return error_set(err, "loss=ce needs classes, but the data is a regression set "
                              "(use loss=mse)");
    if (data->classes > 0 && out != data->classes)
        return error_set(err, "the model has %d outputs but the data has %d classes (make the "
                              "last layer size %d)", out, data->classes, data->classes);
    if (data->classes == 0 && out != 1)
        return error_set(err, "the model has %d outputs but regression needs 1 (make the "
                              "last layer size 1)", out);
    return true;
}

void model_init(const Model *model, Rng *rng, double *theta)
{
    for (int l = 1; l < model->nsizes; l++) {
        double bound = model->init_scale / sqrt((double)model->sizes[l - 1]);
        size_t begin = model->weight_offset[l];
        size_t end = model->bias_offset[l] + (size_t)model->sizes[l];
        for (size_t k = begin; k < end; k++)
            theta[k] = bound * (2.0 * rng_uniform(rng) - 1.0);
    }
}

/* ------------------------------------------------------------------------ */
/* Workspace                                                                 */
/* ------------------------------------------------------------------------ */

/* Per layer l = 0 .. L, MODEL_CHUNK rows of sizes[l]: h[l] (h[0] the
 * inputs, h[L] = z), a[l] (pre-activations, l >= 1), and their R{} twins;
 * then two ping-pong pairs of back-propagated rows (δ and R{δ}) of the
 * widest layer; then the θ of the forward pass h and a hold, when they
 * hold one over a whole set (held_data, model.h's Memory). */
struct ModelWork {
    double *h[MODEL_MAX_SIZES], *a[MODEL_MAX_SIZES];
    double *rh[MODEL_MAX_SIZES], *ra[MODEL_MAX_SIZES];
    double *delta[2], *rdelta[2];
    double *held_theta;
    const NetData *held_data;   /* NULL: h and a hold no whole set's pass */
    size_t held_count;
    double *block;
};

ModelWork *model_work_create(const Model *model)
{
    size_t total = 0, widest = 0;
    for (int l = 0; l < model->nsizes; l++) {
        total += (size_t)model->sizes[l];
        if ((size_t)model->sizes[l] > widest)
            widest = (size_t)model->sizes[l];
    }
    ModelWork *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->block = malloc(sizeof(double) * (MODEL_CHUNK * (4 * total + 4 * widest) + model->nparams));
    if (!w->block) {
        free(w);
        return NULL;
    }
    double *p = w->block;
    for (int l = 0; l < model->nsizes; l++) {
        size_t rows = MODEL_CHUNK * (size_t)model->sizes[l];
        w->h[l] = p, p += rows;
        w->a[l] = p, p += rows;
        w->rh[l] = p, p += rows;
        w->ra[l] = p, p += rows;
    }
    for (int k = 0; k < 2; k++) {
        w->delta[k] = p, p += MODEL_CHUNK * widest;
        w->rdelta[k] = p, p += MODEL_CHUNK * widest;
    }
    w->held_theta = p;
    return w;
}

void model_work_destroy(ModelWork *work)
{
    if (!work)
        return;
    free(work->block);
    free(work);
}

/* ------------------------------------------------------------------------ */
/* Activations                                                               */
/* ------------------------------------------------------------------------ */

#define INV_SQRT2 0.70710678118654752440
#define INV_SQRT_2PI 0.39894228040143267794

static double act_value(ModelActivation act, double a)
{
    switch (act) {
    case MODEL_ACT_TANH: return tanh(a);
    case MODEL_ACT_RELU: return a > 0.0 ? a : 0.0;
    case MODEL_ACT_GELU: return 0.5 * a * (1.0 + erf(a * INV_SQRT2));
    case MODEL_ACT_SIGMOID: return 1.0 / (1.0 + exp(-a));
    }
    return a;
}

/* act'(a), given h = act(a). */
static double act_slope(ModelActivation act, double a, double h)
{
    switch (act) {
    case MODEL_ACT_TANH: return 1.0 - h * h;
    case MODEL_ACT_RELU: return a > 0.0 ? 1.0 : 0.0;
    case MODEL_ACT_GELU:
        return 0.5 * (1.0 + erf(a * INV_SQRT2)) + a * INV_SQRT_2PI * exp(-0.5 * a * a);
    case MODEL_ACT_SIGMOID: return h * (1.0 - h);
    }
    return 1.0;
}

/* act''(a), given h = act(a). */
static double act_bend(ModelActivation act, double a, double h)
{
    switch (act) {
    case MODEL_ACT_TANH: return -2.0 * h * (1.0 - h * h);
    case MODEL_ACT_RELU: return 0.0;
    case MODEL_ACT_GELU: return INV_SQRT_2PI * exp(-0.5 * a * a) * (2.0 - a * a);
    case MODEL_ACT_SIGMOID: return h * (1.0 - h) * (1.0 - 2.0 * h);
    }
    return 0.0;
}

/* ------------------------------------------------------------------------ */
/* Passes over one chunk of rows                                             */
/* ------------------------------------------------------------------------ */

/* h[0] must hold the rows' inputs; fills a[l], h[l] for l >= 1 (h[L] = z). */
static void forward(const Model *m, const double *theta, size_t rows, ModelWork *w)
{
    int last = m->nsizes - 1;
    for (int l = 1; l <= last; l++) {
        int in = m->sizes[l - 1], out = m->sizes[l];
        const double *W = theta + m->weight_offset[l], *b = theta + m->bias_offset[l];
        for (size_t s = 0; s < rows; s++) {
            const double *hin = w->h[l - 1] + s * (size_t)in;
            double *a = w->a[l] + s * (size_t)out;
            for (int o = 0; o < out; o++) {
                const double *row = W + (size_t)o * (size_t)in;
                double sum = b[o];
                for (int i = 0; i < in; i++)
                    sum += row[i] * hin[i];
                a[o] = sum;
            }
        }
        size_t n = rows * (size_t)out;
        double *a = w->a[l], *h = w->h[l];
        if (l == last)
            memcpy(h, a, n * sizeof *h);
        else
            for (size_t k = 0; k < n; k++)
                h[k] = act_value(m->act, a[k]);
    }
}

/* Fills ra[l], rh[l] for l >= 1 for direction v (R{h_0} = 0: layer 1
 * skips its term, and rh[0] is never read). */
static void forward_r(const Model *m, const double *theta, const double *v, size_t rows,
                      ModelWork *w)
{
    int last = m->nsizes - 1;
    for (int l = 1; l <= last; l++) {
        int in = m->sizes[l - 1], out = m->sizes[l];
        const double *W = theta + m->weight_offset[l];
        const double *V = v + m->weight_offset[l], *c = v + m->bias_offset[l];
        for (size_t s = 0; s < rows; s++) {
            const double *hin = w->h[l - 1] + s * (size_t)in;
            const double *rhin = w->rh[l - 1] + s * (size_t)in;
            double *ra = w->ra[l] + s * (size_t)out;
            for (int o = 0; o < out; o++) {
                const double *vrow = V + (size_t)o * (size_t)in;
                double sum = c[o];
                for (int i = 0; i < in; i++)
                    sum += vrow[i] * hin[i];
                if (l > 1) {
                    const double *row = W + (size_t)o * (size_t)in;
                    for (int i = 0; i < in; i++)
                        sum += row[i] * rhin[i];
                }
                ra[o] = sum;
            }
        }
        size_t n = rows * (size_t)out;
        if (l == last)
            memcpy(w->rh[l], w->ra[l], n * sizeof(double));
        else
            for (size_t k = 0; k < n; k++)
                w->rh[l][k] = act_slope(m->act, w->a[l][k], w->h[l][k]) * w->ra[l][k];
    }
}

/* The data index of the chunk's row s. */
static size_t sample_of(const size_t *idx, size_t first, size_t s)
{
    return idx ? idx[first + s] : first + s;
}

/* The summed loss of the chunk's rows; adds the rows whose largest output
 * is their label to *correct.  When delta is not NULL, writes
 * scale·∂ℓ_s/∂z_s there, and, when rdelta is not NULL too, scale·(∂²ℓ_s/∂z_s²)·R{z_s}
 * from w->rh[L]. */
static double head(const Model *m, const NetData *data, const size_t *idx, size_t first,
                   size_t rows, double scale, double *delta, double *rdelta, size_t *correct,
                   const ModelWork *w)
{
    int last = m->nsizes - 1, k_out = outputs_of(m);
    double sum = 0.0;
    for (size_t s = 0; s < rows; s++) {
        const double *z = w->h[last] + s * (size_t)k_out;
        double y = data->y[sample_of(idx, first, s)];
        int best = 0;
        for (int k = 1; k < k_out; k++)
            if (z[k] > z[best])
                best = k;
        if (data->classes > 0) {
            int label = (int)y;
            *correct += best == label;
            if (m->loss == MODEL_LOSS_CE) {
                double top = z[best], total = 0.0;
                for (int k = 0; k < k_out; k++)
                    total += exp(z[k] - top);
                double lse = top + log(total);
                sum += lse - z[label];
                if (!delta)
                    continue;
                double *d = delta + s * (size_t)k_out;
                for (int k = 0; k < k_out; k++)
                    d[k] = exp(z[k] - lse);
                if (rdelta) {
                    const double *rz = w->rh[last] + s * (size_t)k_out;
                    double *rd = rdelta + s * (size_t)k_out;
                    double prz = 0.0;
                    for (int k = 0; k < k_out; k++)
                        prz += d[k] * rz[k];
                    for (int k = 0; k < k_out; k++)
                        rd[k] = scale * d[k] * (rz[k] - prz);
                }
                for (int k = 0; k < k_out; k++)
                    d[k] = scale * (d[k] - (k == label));
                continue;
            }
        }
        for (int k = 0; k < k_out; k++) {
            double t = data->classes > 0 ? (double)((int)y == k) : y;
            double r = z[k] - t;
            sum += r * r;
            if (delta)
                delta[s * (size_t)k_out + (size_t)k] = scale * 2.0 * r;
            if (rdelta)
                rdelta[s * (size_t)k_out + (size_t)k] =
                    scale * 2.0 * w->rh[last][s * (size_t)k_out + (size_t)k];
        }
    }
    return sum;
}

/* Back-propagates w->delta[0] (and w->rdelta[0] when hv is not NULL) from
 * the output, adding the chunk's gradient to grad (when not NULL) and its
 * Hessian-vector product to hv (when not NULL). */
static void backward(const Model *m, const double *theta, const double *v, size_t rows,
                     double *grad, double *hv, ModelWork *w)
{
    int cur = 0;
    for (int l = m->nsizes - 1; l >= 1; l--) {
        int in = m->sizes[l - 1], out = m->sizes[l];
        const double *W = theta + m->weight_offset[l];
        const double *delta = w->delta[cur], *rdelta = w->rdelta[cur];
        for (size_t s = 0; grad && s < rows; s++) {
            double *gW = grad + m->weight_offset[l], *gb = grad + m->bias_offset[l];
            const double *hin = w->h[l - 1] + s * (size_t)in;
            const double *d = delta + s * (size_t)out;
            for (int o = 0; o < out; o++) {
                double *g = gW + (size_t)o * (size_t)in;
                for (int i = 0; i < in; i++)
                    g[i] += d[o] * hin[i];
                gb[o] += d[o];
            }
        }
        if (hv) {
            double *rW = hv + m->weight_offset[l], *rb = hv + m->bias_offset[l];
            for (size_t s = 0; s < rows; s++) {
                const double *hin = w->h[l - 1] + s * (size_t)in;
                const double *rhin = w->rh[l - 1] + s * (size_t)in;
                const double *d = delta + s * (size_t)out, *rd = rdelta + s * (size_t)out;
                for (int o = 0; o < out; o++) {
                    double *g = rW + (size_t)o * (size_t)in;
                    for (int i = 0; i < in; i++)
                        g[i] += rd[o] * hin[i];
                    if (l > 1)
                        for (int i = 0; i < in; i++)
                            g[i] += d[o] * rhin[i];
                    rb[o] += rd[o];
                }
            }
        }
        if (l == 1)
            break;
        /* e = W_lᵀ δ_l, then δ_{l−1} = act'(a_{l−1}) e (and the R{} twins). */
        double *next = w->delta[1 - cur], *rnext = w->rdelta[1 - cur];
        const double *V = v ? v + m->weight_offset[l] : NULL;
        for (size_t s = 0; s < rows; s++) {
            const double *d = delta + s * (size_t)out;
            double *e = next + s * (size_t)in;
            for (int i = 0; i < in; i++)
                e[i] = 0.0;
            for (int o = 0; o < out; o++) {
                const double *row = W + (size_t)o * (size_t)in;
                for (int i = 0; i < in; i++)
                    e[i] += d[o] * row[i];
            }
            if (hv) {
                const double *rd = rdelta + s * (size_t)out;
                double *re = rnext + s * (size_t)in;
                for (int i = 0; i < in; i++)
                    re[i] = 0.0;
                for (int o = 0; o < out; o++) {
                    const double *row = W + (size_t)o * (size_t)in;
                    const double *vrow = V + (size_t)o * (size_t)in;
                    for (int i = 0; i < in; i++)
                        re[i] += d[o] * vrow[i] + rd[o] * row[i];
                }
            }
            const double *a = w->a[l - 1] + s * (size_t)in, *h = w->h[l - 1] + s * (size_t)in;
            if (hv) {
                const double *ra = w->ra[l - 1] + s * (size_t)in;
                double *re = rnext + s * (size_t)in;
                for (int i = 0; i < in; i++)
                    re[i] = act_bend(m->act, a[i], h[i]) * ra[i] * e[i] +
                            act_slope(m->act, a[i], h[i]) * re[i];
            }
            for (int i = 0; i < in; i++)
                e[i] *= act_slope(m->act, a[i], h[i]);
        }
        cur = 1 - cur;
    }
}

/* ------------------------------------------------------------------------ */
/* Evaluations                                                               */
/* ------------------------------------------------------------------------ */

static void gather_inputs(const NetData *data, const size_t *idx, size_t first, size_t rows,
                          ModelWork *w)
{
    size_t dim = (size_t)data->dim;
    for (size_t s = 0; s < rows; s++) {
        size_t i = sample_of(idx, first, s);
        memcpy(w->h[0] + s * dim, data->x + i * dim, dim * sizeof(double));
    }
}

/* Whether w holds the forward pass of θ over data's samples
 * 0 .. count − 1 already (model.h's Memory: one whole chunk, the same θ
 * bytes); when not, w is marked as holding the pass about to be made, if it
 * is of that kind, or none. */
static bool forward_held(const Model *m, const double *theta, const NetData *data,
                         const size_t *idx, size_t count, ModelWork *w)
{
    bool whole = idx == NULL && count <= MODEL_CHUNK;
    size_t bytes = m->nparams * sizeof *theta;
    if (whole && w->held_data == data && w->held_count == count &&
        memcmp(w->held_theta, theta, bytes) == 0)
        return true;
    w->held_data = whole ? data : NULL;
    w->held_count = count;
    if (whole)
        memcpy(w->held_theta, theta, bytes);
    return false;
}

/* One pass over the samples: the loss (returned), *accuracy when not
 * NULL, grad when not NULL, hv (with v) when not NULL. */
static double pass(const Model *m, const double *theta, const NetData *data, const size_t *idx,
                   size_t count, const double *v, double *grad, double *hv, double *accuracy,
                   ModelWork *w)
{
    bool held = forward_held(m, theta, data, idx, count, w);
    int k_out = outputs_of(m);
    double per = m->loss == MODEL_LOSS_CE ? (double)count : (double)count * k_out;
    double scale = 1.0 / per;
    if (grad)
        memset(grad, 0, m->nparams * sizeof *grad);
    if (hv)
        memset(hv, 0, m->nparams * sizeof *hv);
    double sum = 0.0;
    size_t correct = 0;
    for (size_t first = 0; first < count; first += MODEL_CHUNK) {
        size_t rows = count - first < MODEL_CHUNK ? count - first : MODEL_CHUNK;
        if (!held) {
            gather_inputs(data, idx, first, rows, w);
            forward(m, theta, rows, w);
        }
        if (hv)
            forward_r(m, theta, v, rows, w);
        bool back = grad || hv;
        sum += head(m, data, idx, first, rows, scale, back ? w->delta[0] : NULL,
                    hv ? w->rdelta[0] : NULL, &correct, w);
        if (back)
            backward(m, theta, v, rows, grad, hv, w);
    }
    if (accuracy)
        *accuracy = data->classes > 0 ? (double)correct / (double)count : (double)NAN;
    return sum / per;
}

ModelEval model_evaluate(const Model *model, const double *theta, const NetData *data,
                         const size_t *idx, size_t count, ModelWork *work)
{
    ModelEval eval;
    eval.loss = pass(model, theta, data, idx, count, NULL, NULL, NULL, &eval.accuracy, work);
    return eval;
}

double model_loss(const Model *model, const double *theta, const NetData *data,
                  const size_t *idx, size_t count, ModelWork *work)
{
    return pass(model, theta, data, idx, count, NULL, NULL, NULL, NULL, work);
}

double model_gradient(const Model *model, const double *theta, const NetData *data,
                      const size_t *idx, size_t count, double *grad, ModelWork *work)
{
    return pass(model, theta, data, idx, count, NULL, grad, NULL, NULL, work);
}

double model_hvp(const Model *model, const double *theta, const NetData *data,
                 const size_t *idx, size_t count, const double *v, double *hv, double *grad,
                 ModelWork *work)
{
    return pass(model, theta, data, idx, count, v, grad, hv, NULL, work);
}

void model_hessian_apply(void *context, const double *v, double *dest)
{
    const ModelHessian *h = context;
    model_hvp(h->model, h->theta, h->data, h->idx, h->count, v, dest, NULL, h->work);
}

void model_outputs(const Model *model, const double *theta, const double *x, size_t count,
                   double *dest, ModelWork *work)
{
    model_layer(model, theta, x, count, model->nsizes - 1, dest, work);
}

bool model_predict(const Model *model, const double *theta, const double *x, size_t count,
                   int *classes, double *confidence, ModelWork *work)
{
    int k = model->sizes[model->nsizes - 1];
    double *outputs = malloc(count * (size_t)k * sizeof *outputs);
    if (!outputs) {
        for (size_t s = 0; s < count; s++)
            classes[s] = -1, confidence[s] = (double)NAN;
        return false;
    }
    model_outputs(model, theta, x, count, outputs, work);
    for (size_t s = 0; s < count; s++) {
        const double *z = outputs + s * (size_t)k;
        int best = 0;
        for (int c = 1; c < k; c++)
            if (z[c] > z[best])
                best = c;
        double sum = 0;
        for (int c = 0; c < k; c++)
            sum += exp(z[c] - z[best]);
        classes[s] = isfinite(z[best]) ? best : -1;
        confidence[s] = model->loss == MODEL_LOSS_CE ? 1.0 / sum : fmin(1.0, fmax(0.0, z[best]));
    }
    free(outputs);
    return true;
}

bool model_regions_differ(const Model *model, const double *a, const double *b,
                          const NetDataSplit *data, ModelWork *work, double *dest)
{
    enum { CELLS = NETDATA_SQUARE_CELLS * NETDATA_SQUARE_CELLS };
    double *x = malloc(3 * CELLS * sizeof *x);
    int *classes = malloc(2 * CELLS * sizeof *classes);
    bool ok = x && classes;
    if (ok) {
        netdata_square_cells(data, NETDATA_SQUARE_CELLS, x);
        ok = model_predict(model, a, x, CELLS, classes, x + 2 * CELLS, work) &&
             model_predict(model, b, x, CELLS, classes + CELLS, x + 2 * CELLS, work);
    }
    if (ok) {
        size_t differ = 0;
        for (size_t c = 0; c < CELLS; c++)
            differ += classes[c] != classes[CELLS + c];
        *dest = (double)differ / CELLS;
    }
    free(x);
    free(classes);
    return ok;
}

void model_layer(const Model *model, const double *theta, const double *x, size_t count,
                 int layer, double *dest, ModelWork *work)
{
    size_t dim = (size_t)model->sizes[0], width = (size_t)model->sizes[layer];
    work->held_data = NULL;
    for (size_t first = 0; first < count; first += MODEL_CHUNK) {
        size_t rows = count - first < MODEL_CHUNK ? count - first : MODEL_CHUNK;
        memcpy(work->h[0], x + first * dim, rows * dim * sizeof(double));
        forward(model, theta, rows, work);
        memcpy(dest + first * width, work->h[layer], rows * width * sizeof(double));
    }
}
