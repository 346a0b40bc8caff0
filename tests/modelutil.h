/* modelutil.h - comparing models in tests by a digest of all their rows.
 *
 * Every field that the cache stores goes into the digest, so "same digest"
 * means "same rows" for the generator and the cache round trip alike.
 */
#ifndef MODELUTIL_H
#define MODELUTIL_H

#include "testutil.h"

#include "model.h"

/* A digest of every row of a model, for "same rows" comparisons. */
static inline uint64_t tu_model_digest(const model_t *m)
{
    uint64_t h = 0;
    char row[512];
    for (int i = 0; i < m->n_units; i++) {
        const unit_t *u = &m->units[i];
        int n = snprintf(row, sizeof row, "%s|%s|%s|%d|%d|%s|%s|%d|%d|%lld|%lld|%s|%lld|%lld|%lld",
                         u->id, m->buildings[u->building].id,
                         m->unit_types[u->unit_type].id, u->floor, u->stack,
                         u->number, orientation_code(u->orientation),
                         u->area_built, u->area_inner,
                         (long long)u->list_price, (long long)u->unit_price,
                         status_wire_name(u->status),
                         (long long)u->status_changed_at,
                         (long long)u->hold_expires_at, (long long)u->version);
        h = tu_hash(h, row, (size_t)n);
    }
    for (int i = 0; i < m->n_buildings; i++)
        h = tu_hash(h, m->buildings[i].name.s, sizeof m->buildings[i].name.s);
    h = tu_hash(h, m->project.name.s, sizeof m->project.name.s);
    h = tu_hash(h, m->epoch, strlen(m->epoch));
    return h;
}

#endif
