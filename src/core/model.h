/*
 * model.h — a small fully connected network (multi-layer perceptron), its
 * loss on a dataset (netdata.h), exact gradients by backpropagation and
 * exact Hessian-vector products by Pearlmutter's R-operator.
 *
 * Spec (spec.h): mlp:layers=2-16-16-2,act=tanh,loss=ce,init_scale=1
 *   layers      sizes from input to output, '-'-separated, 2 to
 *               MODEL_MAX_SIZES of them, each 1 .. MODEL_MAX_WIDTH
 *   act         tanh | relu | gelu | sigmoid, after every layer but the
 *               last (gelu is torch's exact one, x·Φ(x); relu'(0) = 0 as
 *               in torch)
 *   loss        ce  | mse
 *   init_scale  multiplies the initial weights and biases
 *
 * The network, with L = (number of sizes) − 1 linear layers, h0 = x:
 *   a_l = W_l h_{l−1} + b_l,  h_l = act(a_l) for l < L,  z = a_L.
 * θ is laid out layer by layer, each as W_l (out × in, row by row, so
 * W_l[o][i] is θ[off + o·in + i], torch.nn.Linear's weight layout) then b_l
 * (out values).
 *
 * Losses, over the `count` samples asked for (a minibatch or all):
 *   ce   softmax cross-entropy with integer labels, the mean over samples:
 *        (1/count) Σ_s [logsumexp(z_s) − z_s[y_s]]  (torch.nn.CrossEntropyLoss,
 *        reduction='mean'); needs classification data with as many
 *        classes as outputs.
 *   mse  the mean over every element, (1/(count·K)) Σ_s Σ_k (z_s[k] − t_s[k])²
 *        with K outputs (torch.nn.MSELoss(reduction='mean'): no ½); the
 *        target t_s is y_s for regression data (K = 1) and the one-hot
 *        vector of the label for classification data (K = classes).
 * Accuracy: the share of samples whose largest output (the first, on a
 * tie) is their label; NaN for regression data.
 *
 * Initialisation (torch.nn.Linear's default): every weight and bias of
 * layer l is init_scale·(2u − 1)/√fan_in with u = rng_uniform and fan_in
 * the layer's input size, drawn in θ's order from the caller's Rng.
 *
 * Memory: a Model is a plain value (no allocation).  The caller owns θ,
 * gradients and directions (arrays of model->nparams doubles) and one
 * ModelWork per thread: model_work_create allocates the scratch space for
 * every evaluation once, so a training loop does not allocate; a
 * ModelWork serves any number of samples (they are processed in chunks of
 * MODEL_CHUNK) and must not be shared by two threads at once.  A
 * ModelWork keeps the forward pass of its last evaluation over a whole set
 * of at most MODEL_CHUNK samples (idx NULL) with a copy of its θ, and an
 * evaluation at the same θ (the same bytes) over the same set starts from
 * it: a Lanczos run's Hessian-vector products, or the gradient after the
 * loss at one θ, pay for one forward pass, with the same numbers as
 * without it.  So a NetData must not change while a ModelWork that has
 * seen it lives.
 * The evaluation functions do not fail: a non-finite θ gives a NaN or Inf
 * loss, never a crash.  They require count >= 1 and, for idx, indices
 * below data->n; data must suit the model (model_check_data).
 */
#ifndef DESCENT_CORE_MODEL_H
#define DESCENT_CORE_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "netdata.h"
#include "rng.h"
#include "spec.h"

#define MODEL_MAX_SIZES 16      /* input, hidden and output sizes together */
#define MODEL_MAX_WIDTH 4096    /* units in one layer */
#define MODEL_MAX_PARAMS 10000000 /* θ's length: a typo in layers= must not take gigabytes */
#define MODEL_CHUNK 256         /* samples evaluated together in a ModelWork */

typedef enum ModelActivation {
    MODEL_ACT_TANH = 0,
    MODEL_ACT_RELU,
    MODEL_ACT_GELU,
    MODEL_ACT_SIGMOID,
} ModelActivation;

typedef enum ModelLoss { MODEL_LOSS_CE = 0, MODEL_LOSS_MSE } ModelLoss;

typedef struct Model {
    int nsizes;                         /* sizes[0] inputs .. sizes[nsizes − 1] outputs */
    int sizes[MODEL_MAX_SIZES];
    ModelActivation act;
    ModelLoss loss;
    double init_scale;
    size_t nparams;                     /* length of θ */
    size_t weight_offset[MODEL_MAX_SIZES]; /* layer l (1 .. nsizes − 1): W_l's start in θ */
    size_t bias_offset[MODEL_MAX_SIZES];   /* layer l: b_l's start in θ */
} Model;

/* The parameter table of `mlp` (for `descent list models`). */
extern const ParamDef model_mlp_params[];
extern const size_t model_mlp_param_count;

/* Parses a model spec.  Errors name the part: unknown model (only mlp),
 * unknown key, layers=0-2 (a size out of range), layers=2 (too few
 * sizes), more than MODEL_MAX_PARAMS parameters, an unknown activation or
 * loss, init_scale out of range. */
bool model_parse(const char *spec, Model *dest, DescentError *err);

/* Whether data suits the model: as many inputs as features; ce needs
 * classification data with classes == outputs; mse needs one output for
 * regression data or classes == outputs for classification data. */
bool model_check_data(const Model *model, const NetData *data, DescentError *err);

/* Fills θ (nparams doubles) with torch.nn.Linear's initialisation. */
void model_init(const Model *model, Rng *rng, double *theta);

/* Scratch space for evaluations (see Memory above); NULL when out of
 * memory. */
typedef struct ModelWork ModelWork;
ModelWork *model_work_create(const Model *model);
void model_work_destroy(ModelWork *work);

/* Which samples an evaluation uses: idx[0 .. count − 1], or, when idx is
 * NULL, samples 0 .. count − 1 (count = data->n: the full set). */

/* Loss and accuracy at θ. */
typedef struct ModelEval {
    double loss;
    double accuracy; /* NaN for regression data */
} ModelEval;
ModelEval model_evaluate(const Model *model, const double *theta, const NetData *data,
                         const size_t *idx, size_t count, ModelWork *work);

/* The loss at θ alone (cheaper than model_evaluate: no accuracy). */
double model_loss(const Model *model, const double *theta, const NetData *data,
                  const size_t *idx, size_t count, ModelWork *work);

/* The loss, returned, and its gradient into grad (nparams). */
double model_gradient(const Model *model, const double *theta, const NetData *data,
                      const size_t *idx, size_t count, double *grad, ModelWork *work);

/* The Hessian of the loss at θ times v, into hv (nparams), exactly (the
 * R-operator: one forward, one R-forward and one backward pass); returns
 * the loss.  grad, when not NULL, receives the gradient as well. */
double model_hvp(const Model *model, const double *theta, const NetData *data,
                 const size_t *idx, size_t count, const double *v, double *hv, double *grad,
                 ModelWork *work);

/* The Hessian at θ over some samples as a linear operator for
 * spectrum.h: fill the fields and pass the struct as the context of
 * model_hessian_apply (dest = H v by model_hvp). */
typedef struct ModelHessian {
    const Model *model;
    const double *theta;
    const NetData *data;
    const size_t *idx;     /* NULL: samples 0 .. count − 1 */
    size_t count;
    ModelWork *work;
} ModelHessian;

void model_hessian_apply(void *context, const double *v, double *dest);

/* The network's outputs z for count input rows x (count × sizes[0]) into
 * dest (count × outputs), e.g. to draw a decision boundary. */
void model_outputs(const Model *model, const double *theta, const double *x, size_t count,
                   double *dest, ModelWork *work);

/* The network's prediction at count input rows x (count × sizes[0]): the
 * class of the largest output (the first of equals; -1 when it is not
 * finite) into classes, and how sure it is into confidence: the top
 * softmax probability for ce, the largest output clamped to [0, 1] for
 * mse.  What the window's data panel and the
 * exported page (scene/html_page.h) colour the input plane by.  Returns
 * false, classes -1 and confidence NaN, when out of memory. */
bool model_predict(const Model *model, const double *theta, const double *x, size_t count,
                   int *classes, double *confidence, ModelWork *work);

/* How far networks θa and θb's decision regions differ: the share of the
 * NETDATA_SQUARE_CELLS² cells over the data's square (netdata.h's
 * netdata_square_cells, the cells the data panel colours) where their
 * model_predict classes differ, into dest.  False when out of memory. */
bool model_regions_differ(const Model *model, const double *a, const double *b,
                          const NetDataSplit *data, ModelWork *work, double *dest);

/* Layer `layer`'s values h_layer (1 .. nsizes − 1; the last is z, the
 * outputs, and the others the hidden activations act(a_layer)) for count
 * input rows x into dest (count × sizes[layer]): what the network makes of
 * its inputs on the way (represent.h). */
void model_layer(const Model *model, const double *theta, const double *x, size_t count,
                 int layer, double *dest, ModelWork *work);

#endif
