/* modelutil.h - comparing models in tests by a digest of all their rows.
 *
 * Every field that the cache stores goes into the digest, so "same digest"
 * means "same rows" for the generator and the cache round trip alike.
 */
#ifndef MODELUTIL_H
#define MODELUTIL_H

#include "testutil.h"

#include "demo.h"
#include "model.h"

/* A digest of every row of a model, for "same rows" comparisons. */
static inline uint64_t tu_model_digest(const model_t *m)
{
    uint64_t h = 0;
    char row[512];
    for (int i = 0; i < m->n_units; i++) {
        const unit_t *u = &m->units[i];
        int n = snprintf(row, sizeof row, "%s|%s|%s|%d|%d|%s|%s|%d|%d|%lld|%lld|%s|%lld|%lld|%lld|%s|%s",
                         u->id, m->buildings[u->building].id,
                         m->unit_types[u->unit_type].id, u->floor, u->stack,
                         u->number, orientation_code(u->orientation),
                         u->area_built, u->area_inner,
                         (long long)u->list_price, (long long)u->unit_price,
                         status_wire_name(u->status),
                         (long long)u->status_changed_at,
                         (long long)u->hold_expires_at, (long long)u->version,
                         u->hold_id, u->held_by);
        h = tu_hash(h, row, (size_t)n);
    }
    for (int i = 0; i < m->n_buildings; i++)
        h = tu_hash(h, m->buildings[i].name.s, sizeof m->buildings[i].name.s);
    h = tu_hash(h, m->project.name.s, sizeof m->project.name.s);
    h = tu_hash(h, m->epoch, strlen(m->epoch));
    const project_t *p = &m->project;
    for (int l = 0; l < LANG_COUNT; l++) {
        h = tu_hash(h, p->description.s[l], strlen(p->description.s[l]));
        h = tu_hash(h, p->highlights.s[l], strlen(p->highlights.s[l]));
        h = tu_hash(h, p->amenities.s[l], strlen(p->amenities.s[l]));
    }
    int n = snprintf(row, sizeof row, "%lld|%d|%d|%d|%s|%s",
                     (long long)p->property_fee, p->commercial_rate_bp,
                     p->provident_rate_bp, p->n_heroes, p->location_media,
                     p->siteplan_media);
    h = tu_hash(h, row, (size_t)n);
    for (int i = 0; i < p->n_heroes; i++)
        h = tu_hash(h, p->heroes[i], strlen(p->heroes[i]));
    for (int i = 0; i < m->n_unit_types; i++) {
        const unit_type_t *t = &m->unit_types[i];
        n = snprintf(row, sizeof row, "%s|%s|%d|%d|%d|%d|%d|%s", t->id,
                     t->code, t->bedrooms, t->living_rooms, t->bathrooms,
                     t->area_built, t->area_inner, t->floor_plan);
        h = tu_hash(h, row, (size_t)n);
    }
    for (int i = 0; i < m->n_consultants; i++) {
        const consultant_t *k = &m->consultants[i];
        n = snprintf(row, sizeof row, "%s|%s|%d|%lld", k->id, k->pin_hash,
                     k->active, (long long)k->version);
        h = tu_hash(h, row, (size_t)n);
        h = tu_hash(h, k->name.s, sizeof k->name.s);
    }
    return h;
}

/* Made-up media names (64 hex digits each) for round-trip tests. */
static inline void tu_fake_media(demo_media_t *md)
{
    memset(md, 0, sizeof *md);
    md->n_heroes = 3;
    for (int i = 0; i < 3; i++)
        for (int k = 0; k < 64; k++)
            md->heroes[i][k] = "0123456789abcdef"[(i * 7 + k) % 16];
    for (int k = 0; k < 64; k++) {
        md->location[k] = "0123456789abcdef"[(k * 3) % 16];
        md->siteplan[k] = "0123456789abcdef"[(k * 5 + 1) % 16];
    }
    for (int t = 0; t < 5; t++)
        for (int k = 0; k < 64; k++)
            md->plans[t][k] = "0123456789abcdef"[(k * 7 + t) % 16];
}

#endif
