/* filter.h - which units a customer is looking for, and in what order.
 *
 * The units screen's filters (bedrooms, area, total price, floor,
 * orientation, available only, one building) and its sorted list, over the
 * model in memory.  Also what customers are told of a status: they see
 * available, reserved or sold, never the sales office's own five.
 */
#ifndef FILTER_H
#define FILTER_H

#include <stdint.h>

#include "model.h"

typedef enum {
    CUSTOMER_AVAILABLE = 0,
    CUSTOMER_RESERVED,        /* held or subscribed */
    CUSTOMER_SOLD,            /* signed (and withheld, when so configured) */
    CUSTOMER_UNAVAILABLE,     /* withheld, when so configured */
} customer_status_t;

/* What a customer is told of s.  withheld_as_sold: show units not released
 * for sale as sold (else as unavailable). */
customer_status_t filter_customer_status(unit_status_t s, int withheld_as_sold);

#define FILTER_BEDROOMS_MAX 5 /* the last bit means "5 or more" */

typedef struct {
    unsigned bedrooms;        /* bit n: n bedrooms (bit 5: 5+); 0 = any */
    int32_t area_min, area_max;   /* built area, 0.01 m²; 0 = no bound */
    int64_t price_min, price_max; /* total, cents; 0 = no bound */
    int floor_min, floor_max;     /* 0 = no bound */
    unsigned orientations;    /* bit per orientation_t; 0 = any */
    int available_only;
    int building;             /* index, or -1 for every building */
} unit_filter_t;

/* A filter that lets every unit through. */
void filter_clear(unit_filter_t *f);

/* 1 when u passes f. */
int filter_match(const model_t *m, const unit_filter_t *f, const unit_t *u);

/* How many units pass. */
int filter_count(const model_t *m, const unit_filter_t *f);

typedef enum { SORT_PRICE = 0, SORT_AREA, SORT_FLOOR } sort_key_t;

/* Indices of the units that pass, sorted by key (ties in board order),
 * written to out (room for m->n_units).  Returns how many. */
int filter_list(const model_t *m, const unit_filter_t *f, sort_key_t key,
                int descending, int *out);

#endif
