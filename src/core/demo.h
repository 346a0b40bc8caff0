/* demo.h - the built-in demo project, generated deterministically.
 *
 * A believable residential project (翠湖雅苑 / Emerald Lake Residences):
 * towers of 18-33 floors with 2-6 units a floor, unit types with names in
 * every language, prices per m² that rise with the floor and the view, and a
 * realistic mix of the five statuses.  The same parameters always give the
 * same rows, so tests and benchmarks can rely on it.
 */
#ifndef DEMO_H
#define DEMO_H

#include <stdint.h>

#include "diag.h"
#include "model.h"

#define DEMO_MAX_UNITS 50000

/* Media names (SHA-256) for the demo's pictures, all optional ("" = none):
 * demo_media_find() fills it from the files the project draws. */
typedef struct {
    char heroes[MODEL_HEROES_MAX][MODEL_SHA_SIZE];
    int n_heroes;
    char location[MODEL_SHA_SIZE];
    char siteplan[MODEL_SHA_SIZE];
    char plans[8][MODEL_SHA_SIZE];  /* by unit type: A, B, C, D, E */
} demo_media_t;

typedef struct {
    uint64_t seed;
    int target_units; /* about this many units (whole buildings); >= 10 */
    int64_t now;      /* unix seconds; status times are set relative to it */
    const demo_media_t *media; /* NULL = a project without pictures */
} demo_params_t;

/* Builds the demo project.  Returns 0 with *out set (free with
 * model_destroy()), or -1 with d set. */
int demo_generate(const demo_params_t *p, model_t **out, diag_t *d);

#endif
