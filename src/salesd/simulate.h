/* simulate.h - believable sales activity, for demos and load tests.
 *
 * Each step is one event a sales office would make: a consultant holds an
 * available unit for a few minutes, a customer subscribes (認購), a
 * subscription is signed (簽約), a hold is released; holds that run out go
 * back to available by themselves.  Deterministic for a given seed and
 * project state.
 */
#ifndef SIMULATE_H
#define SIMULATE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "store.h"

typedef struct sim sim_t;

sim_t *sim_create(store_t *store, uint64_t seed);
void sim_destroy(sim_t *s);

/* Expires due holds, then makes one event at now (unix seconds).  what
 * describes it ("B3-1203 available -> held").  Returns 1 when something
 * changed, 0 when there was nothing to do, -1 on error. */
int sim_step(sim_t *s, int64_t now, char *what, size_t what_size, diag_t *d);

#endif
