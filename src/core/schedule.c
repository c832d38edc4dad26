/* schedule.c — see schedule.h for the formulas. */
#include "schedule.h"

#include <math.h>

#include "msgid.h"

const char *schedule_name(ScheduleKind kind)
{
    static const char *const names[] = {"constant", "step", "exp", "cosine", "linear"};
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "?";
}

const char *schedule_title(ScheduleKind kind)
{
    static const char *const titles[] = {N_("constant"), N_("step decay"),
                                         N_("exponential decay"), N_("cosine"),
                                         N_("linear decay")};
    return (unsigned)kind < sizeof titles / sizeof titles[0] ? titles[kind] : "?";
}

const char *schedule_formula(ScheduleKind kind)
{
    static const char *const formulas[] = {
        "lr",
        "lr * gamma^floor(j / every)",
        "lr * gamma^j",
        "lr_min + (lr - lr_min) (1 + cos(pi min(j, total) / total)) / 2",
        "lr + (lr_min - lr) min(j, total) / total",
    };
    return (unsigned)kind < sizeof formulas / sizeof formulas[0] ? formulas[kind] : "?";
}

double schedule_lr(const ScheduleDesc *s, double lr, long k)
{
    if (k < s->warmup)
        return lr * (double)(k + 1) / (double)(s->warmup + 1);
    long j = k - s->warmup;
    double progress = s->total > 0 ? (double)(j < s->total ? j : s->total) / (double)s->total : 1.0;
    switch (s->kind) {
    case SCHEDULE_CONSTANT:
        return lr;
    case SCHEDULE_STEP:
        return lr * pow(s->gamma, (double)(j / (s->every > 0 ? s->every : 1)));
    case SCHEDULE_EXP:
        return lr * pow(s->gamma, (double)j);
    case SCHEDULE_COSINE:
        return s->lr_min + (lr - s->lr_min) * 0.5 * (1.0 + cos(M_PI * progress));
    case SCHEDULE_LINEAR:
        return lr + (s->lr_min - lr) * progress;
    }
    return lr;
}
