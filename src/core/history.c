/* history.c — see history.h. */
#include "history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Snapshots
 * ------------------------------------------------------------------- */

void snapshots_init(Snapshots *s, size_t size, size_t spacing, size_t cap)
{
    *s = (Snapshots){.size = size, .cap = cap == 1 ? 2 : cap,
                     .first_spacing = spacing ? spacing : 1, .spacing = spacing ? spacing : 1};
}

void snapshots_free(Snapshots *s)
{
    free(s->steps);
    free(s->data);
    s->steps = NULL;
    s->data = NULL;
    s->count = s->allocated = 0;
}

void snapshots_clear(Snapshots *s)
{
    s->count = 0;
    s->spacing = s->first_spacing;
}

bool snapshots_due(const Snapshots *s, size_t step)
{
    return s->cap > 0 && step % s->spacing == 0 &&
           (s->count == 0 || step > s->steps[s->count - 1]);
}

/* Doubles the spacing and keeps the snapshots at its multiples. */
static void thin(Snapshots *s)
{
    s->spacing *= 2;
    size_t kept = 0;
    for (size_t i = 0; i < s->count; i++) {
        if (s->steps[i] % s->spacing != 0)
            continue;
        if (kept != i) {
            s->steps[kept] = s->steps[i];
            memcpy(s->data + kept * s->size, s->data + i * s->size, s->size);
        }
        kept++;
    }
    s->count = kept;
}

void *snapshots_add(Snapshots *s, size_t step)
{
    if (s->count == s->cap) {
        thin(s);
        if (!snapshots_due(s, step))
            return NULL;
    }
    if (s->count == s->allocated) {
        size_t allocated = s->allocated ? 2 * s->allocated : 8;
        if (allocated > s->cap)
            allocated = s->cap;
        size_t *steps = realloc(s->steps, allocated * sizeof *steps);
        if (!steps)
            return NULL;
        s->steps = steps;
        unsigned char *data = realloc(s->data, allocated * s->size);
        if (!data)
            return NULL;
        s->data = data;
        s->allocated = allocated;
    }
    s->steps[s->count] = step;
    return s->data + s->count++ * s->size;
}

const void *snapshots_find(const Snapshots *s, size_t step, size_t *found)
{
    size_t lo = 0, hi = s->count; /* the answer is the last index below hi with steps <= step */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->steps[mid] <= step)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    *found = s->steps[lo - 1];
    return s->data + (lo - 1) * s->size;
}

void snapshots_drop_after(Snapshots *s, size_t step)
{
    while (s->count > 0 && s->steps[s->count - 1] > step)
        s->count--;
}

/* ---------------------------------------------------------------------
 * Parameter changes
 * ------------------------------------------------------------------- */

void changes_free(ChangeLog *log)
{
    free(log->items);
    *log = (ChangeLog){0};
}

void changes_drop_after(ChangeLog *log, size_t step)
{
    while (log->count > 0 && log->items[log->count - 1].step > step)
        log->count--;
}

bool changes_record(ChangeLog *log, size_t step, const OptimizerDesc *before,
                    const OptimizerDesc *after)
{
    size_t keep = log->count;
    while (keep > 0 && log->items[keep - 1].step > step)
        keep--;
    if (keep > 0 && log->items[keep - 1].step == step) {
        log->count = keep;
        log->items[keep - 1].after = *after;
        return true;
    }
    if (keep == log->capacity) {
        size_t capacity = log->capacity ? 2 * log->capacity : 8;
        ParamChange *items = realloc(log->items, capacity * sizeof *items);
        if (!items)
            return false;
        log->items = items;
        log->capacity = capacity;
    }
    log->items[keep] = (ParamChange){step, *before, *after};
    log->count = keep + 1;
    return true;
}

bool history_reconfigure(ChangeLog *log, Snapshots *snapshots, size_t step,
                         OptimizerDesc *current, const OptimizerDesc *desc, DescentError *err)
{
    if (desc->kind != current->kind)
        return error_set(err, "cannot turn %s into %s mid-run (r restarts it)",
                         optimizer_kind_name(current->kind), optimizer_kind_name(desc->kind));
    OptimizerDesc next = *desc;
    next.seed = current->seed;
    if (!changes_record(log, step, current, &next))
        return error_set(err, "out of memory for the history of parameter changes");
    *current = next;
    snapshots_drop_after(snapshots, step);
    return true;
}

const OptimizerDesc *changes_desc_at(const ChangeLog *log, const OptimizerDesc *current, size_t k)
{
    if (log->count == 0)
        return current;
    for (size_t i = log->count; i-- > 0;)
        if (log->items[i].step <= k)
            return &log->items[i].after;
    return &log->items[0].before;
}

void param_change_describe(const ParamChange *change, char *dest, size_t size)
{
    const OptimizerDesc *a = &change->before, *b = &change->after;
    const struct {
        const char *name;
        double before, after;
    } fields[] = {
        {"η", a->lr, b->lr},
        {"momentum", a->momentum, b->momentum},
        {"β1", a->beta1, b->beta1},
        {"β2", a->beta2, b->beta2},
        {"alpha", a->alpha, b->alpha},
        {"noise", a->noise, b->noise},
        {"batch", (double)a->batch, (double)b->batch},
        {"weight_decay", a->weight_decay, b->weight_decay},
        {"damping", a->damping, b->damping},
    };
    size_t len = 0;
    dest[0] = '\0';
    for (size_t i = 0; i < sizeof fields / sizeof fields[0] && len < size; i++) {
        if (fields[i].before == fields[i].after)
            continue;
        int n = snprintf(dest + len, size - len, "%s%s %.4g", len ? ", " : "", fields[i].name,
                         fields[i].after);
        if (n < 0)
            break;
        len += (size_t)n;
    }
}
