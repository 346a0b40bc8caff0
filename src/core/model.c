/* model.c - see model.h. */
#include "model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const orient_codes[ORIENT_COUNT] = {
    "N", "NE", "E", "SE", "S", "SW", "W", "NW",
};

const char *ltext_get(const ltext_t *t, lang_t lang)
{
    if ((int)lang >= 0 && lang < LANG_COUNT && t->s[lang][0])
        return t->s[lang];
    if (t->s[LANG_ZH_HANT][0])
        return t->s[LANG_ZH_HANT];
    for (int i = 0; i < LANG_COUNT; i++)
        if (t->s[i][0])
            return t->s[i];
    return "";
}

const char *orientation_code(orientation_t o)
{
    if ((int)o < 0 || o >= ORIENT_COUNT)
        return "?";
    return orient_codes[o];
}

int orientation_parse(const char *code, orientation_t *out)
{
    for (int i = 0; i < ORIENT_COUNT; i++) {
        if (strcasecmp(code, orient_codes[i]) == 0) {
            *out = (orientation_t)i;
            return 0;
        }
    }
    return -1;
}

model_t *model_create(int n_buildings, int n_unit_types, int n_units)
{
    model_t *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->buildings = calloc((size_t)(n_buildings > 0 ? n_buildings : 1),
                          sizeof *m->buildings);
    m->unit_types = calloc((size_t)(n_unit_types > 0 ? n_unit_types : 1),
                           sizeof *m->unit_types);
    m->units = calloc((size_t)(n_units > 0 ? n_units : 1), sizeof *m->units);
    if (!m->buildings || !m->unit_types || !m->units) {
        model_destroy(m);
        return NULL;
    }
    m->n_buildings = n_buildings;
    m->n_unit_types = n_unit_types;
    m->n_units = n_units;
    return m;
}

void model_destroy(model_t *m)
{
    if (!m)
        return;
    free(m->buildings);
    free(m->unit_types);
    free(m->units);
    free(m);
}

int model_find_unit(const model_t *m, const char *id)
{
    for (int i = 0; i < m->n_units; i++)
        if (strcmp(m->units[i].id, id) == 0)
            return i;
    return -1;
}

void model_count(const model_t *m, int building, int64_t day_start,
                 model_counts_t *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < m->n_units; i++) {
        const unit_t *u = &m->units[i];
        if (building >= 0 && u->building != building)
            continue;
        out->total++;
        if ((int)u->status >= 0 && u->status < STATUS_COUNT)
            out->by_status[u->status]++;
        if (u->status_changed_at >= day_start) {
            if (u->status == STATUS_SUBSCRIBED)
                out->subscribed_today++;
            else if (u->status == STATUS_SIGNED)
                out->signed_today++;
        }
    }
}

int model_sold_bp(const model_counts_t *c)
{
    int released = c->total - c->by_status[STATUS_WITHHELD], sold = 0;
    for (int s = 0; s < STATUS_COUNT; s++)
        if (status_is_sold((unit_status_t)s))
            sold += c->by_status[s];
    if (released <= 0)
        return 0;
    return (int)(((int64_t)sold * 10000 + released / 2) / released);
}
