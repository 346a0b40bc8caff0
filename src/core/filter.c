/* filter.c - see filter.h. */
#include "filter.h"

#include <stdlib.h>

customer_status_t filter_customer_status(unit_status_t s, int withheld_as_sold)
{
    switch (s) {
    case STATUS_AVAILABLE:
        return CUSTOMER_AVAILABLE;
    case STATUS_HELD:
    case STATUS_SUBSCRIBED:
        return CUSTOMER_RESERVED;
    case STATUS_SIGNED:
        return CUSTOMER_SOLD;
    default:
        return withheld_as_sold ? CUSTOMER_SOLD : CUSTOMER_UNAVAILABLE;
    }
}

void filter_clear(unit_filter_t *f)
{
    *f = (unit_filter_t){.building = -1};
}

int filter_match(const model_t *m, const unit_filter_t *f, const unit_t *u)
{
    if (f->building >= 0 && u->building != f->building)
        return 0;
    if (f->available_only && u->status != STATUS_AVAILABLE)
        return 0;
    if (f->bedrooms) {
        int b = m->unit_types[u->unit_type].bedrooms;
        if (b > FILTER_BEDROOMS_MAX)
            b = FILTER_BEDROOMS_MAX;
        if (b < 0 || !(f->bedrooms & (1u << b)))
            return 0;
    }
    if ((f->area_min && u->area_built < f->area_min) ||
        (f->area_max && u->area_built > f->area_max))
        return 0;
    if ((f->price_min && u->list_price < f->price_min) ||
        (f->price_max && u->list_price > f->price_max))
        return 0;
    if ((f->floor_min && u->floor < f->floor_min) ||
        (f->floor_max && u->floor > f->floor_max))
        return 0;
    if (f->orientations && !(f->orientations & (1u << u->orientation)))
        return 0;
    return 1;
}

int filter_count(const model_t *m, const unit_filter_t *f)
{
    int n = 0;
    for (int i = 0; i < m->n_units; i++)
        n += filter_match(m, f, &m->units[i]);
    return n;
}

typedef struct {
    const model_t *m;
    sort_key_t key;
    int sign;
} sort_ctx_t;

/* qsort has no context argument; the list sorts on the calling thread
 * only, so one static is enough and keeps the comparison simple. */
static _Thread_local sort_ctx_t sort_ctx;

static int64_t key_of(const unit_t *u)
{
    switch (sort_ctx.key) {
    case SORT_AREA:
        return u->area_built;
    case SORT_FLOOR:
        return u->floor;
    default:
        return u->list_price;
    }
}

static int by_key(const void *pa, const void *pb)
{
    int a = *(const int *)pa, b = *(const int *)pb;
    int64_t ka = key_of(&sort_ctx.m->units[a]), kb = key_of(&sort_ctx.m->units[b]);
    if (ka != kb)
        return (ka < kb ? -1 : 1) * sort_ctx.sign;
    return a < b ? -1 : a > b; /* board order breaks ties */
}

int filter_list(const model_t *m, const unit_filter_t *f, sort_key_t key,
                int descending, int *out)
{
    int n = 0;
    for (int i = 0; i < m->n_units; i++)
        if (filter_match(m, f, &m->units[i]))
            out[n++] = i;
    sort_ctx = (sort_ctx_t){m, key, descending ? -1 : 1};
    if (n > 1)
        qsort(out, (size_t)n, sizeof *out, by_key);
    return n;
}
