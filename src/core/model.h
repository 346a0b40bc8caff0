/* model.h - the in-memory project: buildings, unit types and units.
 *
 * The model is what screens read.  It is filled from the cache (cache.h) or
 * the demo generator (demo.h) and owns all its memory.  Money is integer
 * cents, areas integer hundredths of a square metre: no floating point in
 * storage (DESIGN.md §3).
 *
 * Not for: SQLite, SDL or network code; those stay in their own modules.
 */
#ifndef MODEL_H
#define MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "i18n.h"
#include "status.h"

#define MODEL_ID_MAX 40
#define MODEL_NAME_MAX 96
#define MODEL_NUMBER_MAX 12
#define MODEL_MAX_FLOORS 200  /* per building; the cache schema agrees */
#define MODEL_MAX_UPF 64      /* units per floor */
#define MODEL_TEXT_MAX 2048   /* a paragraph, per language */
#define MODEL_SHA_SIZE 65     /* a media name: 64 hex digits and the NUL */
#define MODEL_HEROES_MAX 8    /* project images for the attract loop */
#define MODEL_LIST_MAX 16     /* highlights or amenities */
#define MODEL_PIN_HASH_MAX 128 /* pin.h's PIN_HASH_MAX */

/* A short text in every language. */
typedef struct {
    char s[LANG_COUNT][MODEL_NAME_MAX];
} ltext_t;

/* A paragraph in every language.  Lists (highlights, amenities) keep one
 * item a line, separated by '\n'. */
typedef struct {
    char s[LANG_COUNT][MODEL_TEXT_MAX];
} lpara_t;

/* Best text for lang: falls back to zh-Hant, then any non-empty one. */
const char *ltext_get(const ltext_t *t, lang_t lang);
const char *lpara_get(const lpara_t *t, lang_t lang);

typedef enum {
    ORIENT_N = 0, ORIENT_NE, ORIENT_E, ORIENT_SE,
    ORIENT_S, ORIENT_SW, ORIENT_W, ORIENT_NW,
    ORIENT_COUNT
} orientation_t;

/* "N", "NE", ... (the wire and storage form). */
const char *orientation_code(orientation_t o);
int orientation_parse(const char *code, orientation_t *out);

typedef struct {
    char id[MODEL_ID_MAX];
    ltext_t name;
    ltext_t developer;
    ltext_t address;
    char permits[160];        /* 預售許可證 numbers, comma separated */
    char delivery_date[16];   /* YYYY-MM */
    int64_t version;
    /* What the customer reads about the project (all optional). */
    lpara_t description;
    lpara_t highlights;       /* one a line */
    lpara_t amenities;        /* one a line */
    int64_t property_fee;     /* cents per m² of built area a month; 0 = not
                                 given */
    int commercial_rate_bp;   /* the office's mortgage rates a year; 0 = */
    int provident_rate_bp;    /* take the kiosk's config */
    /* Media by SHA-256 (media.h); "" = none. */
    char heroes[MODEL_HEROES_MAX][MODEL_SHA_SIZE];
    int n_heroes;
    char location_media[MODEL_SHA_SIZE];
    char siteplan_media[MODEL_SHA_SIZE];
} project_t;

typedef struct {
    char id[MODEL_ID_MAX];
    ltext_t name;
    int floors;
    int units_per_floor;
    char permit[64];
    int sort_order;
    int64_t version;
} building_t;

typedef struct {
    char id[MODEL_ID_MAX];
    char code[16];
    ltext_t name;
    int bedrooms, living_rooms, bathrooms;
    int32_t area_built;       /* 建築面積, 0.01 m² */
    int32_t area_inner;       /* 套內面積, 0.01 m² */
    int64_t version;
    char floor_plan[MODEL_SHA_SIZE]; /* media, "" = none */
} unit_type_t;

typedef struct {
    char id[MODEL_ID_MAX];
    int building;             /* index into model_t.buildings */
    int unit_type;            /* index into model_t.unit_types */
    int floor;                /* 1 = ground */
    int stack;                /* position on the floor, 1..units_per_floor */
    char number[MODEL_NUMBER_MAX]; /* "1203" */
    orientation_t orientation;
    int32_t area_built;
    int32_t area_inner;
    int64_t list_price;       /* total, cents */
    int64_t unit_price;       /* per m² of built area, cents */
    unit_status_t status;
    int64_t status_changed_at;/* unix seconds */
    int64_t hold_expires_at;  /* unix seconds, 0 unless held */
    int64_t version;
    /* A consultant's hold (issue 5); both "" for any other status, and for
     * a hold the sales office set without a consultant. */
    char hold_id[MODEL_ID_MAX];
    char held_by[MODEL_ID_MAX]; /* consultant id */
} unit_t;

/* A sales consultant (置業顧問) who may sign in on a kiosk.  The PIN is
 * only ever a salted slow hash (pin.h).  A removed consultant stays as
 * inactive, so the removal reaches kiosks as a change. */
typedef struct {
    char id[MODEL_ID_MAX];
    ltext_t name;
    char pin_hash[MODEL_PIN_HASH_MAX];
    int active;               /* 0 = removed: may no longer sign in */
    int64_t version;
} consultant_t;

typedef struct {
    project_t project;
    building_t *buildings;
    int n_buildings;
    unit_type_t *unit_types;
    int n_unit_types;
    unit_t *units;            /* sorted by building, floor, stack (the order
                                 screens walk; the cache and demo keep it) */
    int n_units;
    consultant_t *consultants; /* active and removed, by id */
    int n_consultants;
    int *id_slots;            /* model_index(): open addressing by unit id */
    int n_slots;
    char epoch[MODEL_ID_MAX]; /* sync state */
    int64_t version;
    int64_t data_as_of;       /* unix seconds the data was last known good */
} model_t;

/* Allocates an empty model with room for the given counts (all zeroed).
 * Returns NULL when out of memory.  Free with model_destroy(). */
model_t *model_create(int n_buildings, int n_unit_types, int n_units);
void model_destroy(model_t *m);

/* Replaces m's consultants with n zeroed ones.  Returns 0, or -1 when out
 * of memory (m then has none). */
int model_set_consultants(model_t *m, int n);

/* Index of the consultant with this id, or -1. */
int model_find_consultant(const model_t *m, const char *id);

/* Every media name the model refers to (heroes, location, site plan, floor
 * plans), each once, in a stable order.  out has room for max; returns how
 * many there are (which may exceed max: only max are written). */
int model_media_refs(const model_t *m, const char **out, int max);

/* Sorts units by building, floor and stack (the order screens walk). */
void model_sort_units(model_t *m);

/* Checks every rule of the model: building shapes in range, each unit's
 * building and type known, floor and stack inside its building, one unit a
 * cell, ids unique and non-empty, areas positive, prices and versions not
 * negative.  Units must be in board order.  Returns 0, or -1 with d naming
 * the first broken rule and the entity. */
int model_check(const model_t *m, diag_t *d);

/* Index of the unit with this id, or -1.  Uses the index when built (see
 * model_index), else a linear search. */
int model_find_unit(const model_t *m, const char *id);

/* Builds (or rebuilds) the id index so model_find_unit is O(1).  Units must
 * not be added, removed or reordered afterwards without rebuilding it.
 * Returns 0, or -1 when out of memory (lookups then stay linear). */
int model_index(model_t *m);

/* A unit that changed, and the status it had before. */
typedef struct {
    int unit;                 /* index into model_t.units */
    unit_status_t was;
} model_change_t;

/* Copies the changing fields (status, its times, hold, prices, version) of each
 * unit in upd (matched by id) into m, skipping any not newer than what m
 * holds.  out (room for n) lists what changed.  Returns how many did, or
 * -1 when an id is not in m (the caller reloads the whole project). */
int model_apply_units(model_t *m, const unit_t *upd, int n,
                      model_change_t *out);

typedef struct {
    int total;
    int by_status[STATUS_COUNT];
    int held_today;           /* held since day_start (and still held) */
    int subscribed_today;     /* became subscribed since day_start */
    int signed_today;         /* became signed since day_start */
} model_counts_t;

/* Counts units of one building (or every building when building < 0).
 * day_start is the local midnight, unix seconds, for the "today" figures. */
void model_count(const model_t *m, int building, int64_t day_start,
                 model_counts_t *out);

/* The same for every building in one pass: by_building (room for
 * m->n_buildings) and all of them. */
void model_count_buildings(const model_t *m, int64_t day_start,
                           model_counts_t *by_building, model_counts_t *all);

/* The local midnight (the process's time zone) that starts the day now_s
 * falls in: model_count's day_start for "today". */
int64_t model_day_start(int64_t now_s);

/* Sold share in basis points (0..10000) of the units released for sale
 * (total minus withheld); 0 when none are released. */
int model_sold_bp(const model_counts_t *c);

#endif
