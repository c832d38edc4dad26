/*
 * schedule.h — learning-rate schedules with optional linear warm-up.
 *
 * For update k (0-based: the first update is k = 0) with base rate lr:
 *   warm-up   k < warmup:  lr_k = lr * (k + 1) / (warmup + 1)   (rises from 0)
 *   after it, with j = k - warmup:
 *   constant  lr
 *   step      lr * gamma^floor(j / every)                 (torch StepLR)
 *   exp       lr * gamma^j                                (torch ExponentialLR)
 *   cosine    lr_min + (lr - lr_min) (1 + cos(pi min(j, total) / total)) / 2
 *   linear    lr + (lr_min - lr) min(j, total) / total
 * gamma's default depends on the kind (step 0.1, exp 0.99); resolved once,
 * in schedule_from_params.
 */
#ifndef DESCENT_CORE_SCHEDULE_H
#define DESCENT_CORE_SCHEDULE_H

#include <stdbool.h>

#include "spec.h"

typedef enum ScheduleKind {
    SCHEDULE_CONSTANT = 0,
    SCHEDULE_STEP,
    SCHEDULE_EXP,
    SCHEDULE_COSINE,
    SCHEDULE_LINEAR,
} ScheduleKind;

#define SCHEDULE_CHOICES "constant|step|exp|cosine|linear"

typedef struct ScheduleDesc {
    ScheduleKind kind;
    long warmup; /* steps of linear warm-up, 0 = none */
    long total;  /* cosine / linear: steps to reach lr_min */
    long every;  /* step: steps between decays */
    double gamma;
    double lr_min;
} ScheduleDesc;

/* The learning rate for update k (k >= 0). */
double schedule_lr(const ScheduleDesc *schedule, double lr, long k);

/* Name of a kind ("cosine"). */
const char *schedule_name(ScheduleKind kind);

/* What a kind is called on screen ("cosine", "step decay": the name alone
 * would read as a step of the walk), a msgid of the UI's catalogs
 * (core/msgid.h) for the layer that draws it to translate. */
const char *schedule_title(ScheduleKind kind);

/* The kind's formula in terms of lr, j and its keys, for `descent list`. */
const char *schedule_formula(ScheduleKind kind);

#endif
