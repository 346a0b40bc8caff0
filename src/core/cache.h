/* cache.h - the kiosk's local SQLite cache: schema, migrations, queries.
 *
 * The one door to SQLite.  The cache holds one project (buildings, unit
 * types, units) and the sync state (epoch, version) so that the kiosk can
 * draw at once on start and keep working with the network down.
 *
 * Promises: the file is in WAL mode with foreign keys on; the schema is
 * upgraded in place by PRAGMA user_version migrations, each in its own
 * transaction; a write of a whole project is one transaction (all or
 * nothing); a file that is not a database or is damaged is reported, never
 * crashed on.
 *
 * A cache_t is used by one thread at a time; each thread opens its own.
 */
#ifndef CACHE_H
#define CACHE_H

#include <stdint.h>

#include "diag.h"
#include "model.h"

/* The schema version this build writes.  Older files are upgraded. */
#define CACHE_SCHEMA_VERSION 2

typedef enum {
    CACHE_OK = 0,
    CACHE_ERR_IO,        /* cannot open or create the file */
    CACHE_ERR_NOT_DB,    /* the file is not an SQLite database */
    CACHE_ERR_CORRUPT,   /* a database, but damaged */
    CACHE_ERR_TOO_NEW,   /* written by a newer build: schema unknown */
    CACHE_ERR_INVALID,   /* readable, but rows break the model's rules */
    CACHE_ERR_SQL,       /* any other SQLite failure */
    CACHE_ERR_NOMEM,
} cache_status_t;

/* True for errors that rebuilding the file (from the demo or the server)
 * cures: not a database, corrupt, too new, invalid rows. */
int cache_error_is_rebuildable(cache_status_t st);

typedef struct cache cache_t;

/* Opens (creating if needed) and upgrades the cache at path.  On failure
 * *out is NULL and d says what is wrong with which file. */
cache_status_t cache_open(const char *path, cache_t **out, diag_t *d);
void cache_close(cache_t *c);

/* PRAGMA user_version of the open file. */
int cache_schema_version(cache_t *c);

/* Moves a bad cache file (and its -wal and -shm) aside to
 * "<path>.bad-<unix time>" so a new one can be built; the old file is kept
 * for whoever wants to look at it.  Returns 0 or -1 with d set. */
int cache_quarantine(const char *path, int64_t now, diag_t *d);

/* *has = 1 when the cache holds a project, 0 when it is empty. */
cache_status_t cache_has_project(cache_t *c, int *has, diag_t *d);

/* Replaces everything with m (project, buildings, unit types, units and
 * sync state) in one transaction: afterwards the cache holds exactly m, or
 * on failure exactly what it held before. */
cache_status_t cache_store_model(cache_t *c, const model_t *m, diag_t *d);

/* Reads the whole project.  Caller frees *out with model_destroy(). */
cache_status_t cache_load_model(cache_t *c, model_t **out, diag_t *d);

#endif
