/* cache.h - the kiosk's local SQLite cache: schema, migrations, queries.
 *
 * The one door to SQLite (cache.c, cache_sync.c and cache_holds.c).  The cache holds one
 * project (buildings, unit types, units) and the sync state (epoch,
 * version) so that the kiosk can draw at once on start and keep working
 * with the network down.  salesd keeps its own database in the same
 * schema, through the same functions.
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
#include "pin.h"
#include "proto.h"

/* The schema version this build writes.  Older files are upgraded. */
#define CACHE_SCHEMA_VERSION 4

typedef enum {
    CACHE_OK = 0,
    CACHE_ERR_IO,        /* cannot open or create the file */
    CACHE_ERR_NOT_DB,    /* the file is not an SQLite database */
    CACHE_ERR_CORRUPT,   /* a database, but damaged */
    CACHE_ERR_TOO_NEW,   /* written by a newer build: schema unknown */
    CACHE_ERR_INVALID,   /* readable, but rows break the model's rules */
    CACHE_ERR_SQL,       /* any other SQLite failure */
    CACHE_ERR_NOMEM,
    CACHE_ERR_STALE,     /* older than what is stored: refused */
    CACHE_ERR_RESYNC,    /* does not follow what is stored: need a snapshot */
    CACHE_ERR_NOT_FOUND, /* no such unit (or consultant) */
    CACHE_ERR_MISMATCH,  /* an idempotency key used for another request */
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

/* Replaces m's consultants with the stored ones (active and removed), for
 * a server or screen whose units are refreshed by cache_read_changes. */
cache_status_t cache_load_consultants(cache_t *c, model_t *m, diag_t *d);

/* ---- sync (the kiosk's worker) ----------------------------------------- */

typedef struct {
    char project_id[MODEL_ID_MAX];
    char epoch[MODEL_ID_MAX];
    int64_t version;
    int64_t data_as_of;      /* unix seconds of the last good answer */
} cache_sync_t;

/* The sync state; an empty cache gives an empty epoch and version 0. */
cache_status_t cache_get_sync(cache_t *c, cache_sync_t *out, diag_t *d);

/* Stores a snapshot received at now, in one transaction (the version check
 * included).  Refused with CACHE_ERR_STALE when it is older than what is
 * stored (same epoch, lower version): the stored version never goes
 * backwards.  The same version again only refreshes data_as_of; *replaced
 * says whether the rows were replaced. */
cache_status_t cache_apply_snapshot(cache_t *c, const model_t *m, int64_t now,
                                    int *replaced, diag_t *d);

/* Applies a changes response (units and consultants) in one transaction,
 * or nothing.  Refused with
 * CACHE_ERR_RESYNC when its epoch is not the stored one or it names a unit
 * the cache does not have (the kiosk then fetches a snapshot).  A response
 * at or below the stored version changes nothing but data_as_of (replays
 * are harmless).  *applied is the number of units written. */
cache_status_t cache_apply_changes(cache_t *c, const proto_changes_t *ch,
                                   int64_t now, int *applied, diag_t *d);

/* The sync state and the units whose version is above since (and at most
 * the state's version), read together in one transaction, for a screen or
 * a server to refresh just those.  Their building and unit_type are -1
 * (match them by id).  Caller frees *out. */
cache_status_t cache_read_changes(cache_t *c, int64_t since,
                                  cache_sync_t *sync, unit_t **out, int *n,
                                  diag_t *d);

/* Every commit waits for the disk (synchronous = FULL): for salesd, whose
 * versions kiosks already hold and so must never be lost. */
cache_status_t cache_set_durable(cache_t *c, diag_t *d);

/* ---- the server's store (salesd) --------------------------------------- */

/* Sets a unit's status at now (hold_expires_at for held units, else 0),
 * bumping the project version; *version is the new one.  CACHE_ERR_NOT_FOUND
 * for an unknown unit. */
cache_status_t cache_set_status(cache_t *c, const char *unit_id,
                                unit_status_t st, int64_t now,
                                int64_t hold_expires_at, int64_t *version,
                                diag_t *d);

/* Sets the prices of the listed units in one transaction, bumping the
 * project version once for all units whose prices actually change; *version
 * is the version after (unchanged when nothing changed), *changed how many
 * units changed.  All or nothing. */
cache_status_t cache_set_prices(cache_t *c, const char *const *unit_ids,
                                const int64_t *list_price,
                                const int64_t *unit_price, int n,
                                int64_t *version, int *changed, diag_t *d);

/* A change counter that moves when another connection commits (PRAGMA
 * data_version): cheap enough to poll every few milliseconds. */
cache_status_t cache_data_version(cache_t *c, int64_t *out, diag_t *d);

/* ---- consultants and holds (salesd; cache_holds.c) --------------------- */

/* Adds consultant k, or replaces the one with its id (name, PIN hash;
 * active again), as a new project version (*version) so kiosks hear of it
 * in the changes feed.  k->pin_hash must be a pin.h hash. */
cache_status_t cache_consultant_put(cache_t *c, const consultant_t *k,
                                    int64_t *version, diag_t *d);

/* Marks consultant id removed (inactive, PIN hash cleared) as a new
 * version.  CACHE_ERR_NOT_FOUND when there is no such active one.  Holds
 * already placed stay until released or expired. */
cache_status_t cache_consultant_remove(cache_t *c, const char *id,
                                       int64_t *version, diag_t *d);

typedef enum {
    CACHE_HOLD_OK = 0,            /* placed, or released */
    CACHE_HOLD_UNIT_UNKNOWN,      /* no such unit */
    CACHE_HOLD_UNAVAILABLE,       /* the unit is not available (unit_status) */
    CACHE_HOLD_OVER_LIMIT,        /* the consultant has active_holds already */
    CACHE_HOLD_CONSULTANT_UNKNOWN,/* no such active consultant */
    CACHE_HOLD_UNKNOWN,           /* release: no such hold */
    CACHE_HOLD_NOT_OWNER,         /* release: another consultant's hold */
} cache_hold_outcome_t;

typedef struct {
    cache_hold_outcome_t outcome;
    proto_hold_t hold;            /* OK (and NOT_OWNER): the hold as it is */
    unit_status_t unit_status;    /* UNAVAILABLE: what the unit is */
    int active_holds;             /* OVER_LIMIT: how many the consultant has */
    int64_t version;              /* the project version afterwards */
} cache_hold_result_t;

/* What makes a hold request idempotent: the answer to (kiosk, key) is
 * kept with the hold, in the same transaction, and given again for the
 * same request_hash.  answer() turns an outcome into the status and body
 * to keep (malloc'd; the cache frees it after copying). */
typedef struct {
    const char *key, *kiosk, *request_hash;
    char *(*answer)(const cache_hold_result_t *r, int *status, size_t *len,
                    void *user);
    void *user;
} cache_idem_t;

/* Places hold hold_id for req at now, until expires_at, for kiosk, when
 * the unit is available, the consultant active and holding fewer than
 * limit units: the unit becomes held (a new version), and the hold and an
 * audit row are written, all in one transaction.  A refusal changes
 * nothing but is an outcome, not an error.  With idem, a (kiosk, key)
 * seen before answers what it answered then (*replayed = 1, nothing
 * done), or CACHE_ERR_MISMATCH when its request_hash differs; otherwise
 * the answer is kept.  *status, *body (caller frees) and *len are the
 * answer (kept or replayed); NULL without idem. */
cache_status_t cache_hold_place(cache_t *c, const char *hold_id,
                                const proto_hold_request_t *req,
                                const char *kiosk, int64_t now,
                                int64_t expires_at, int limit,
                                const cache_idem_t *idem,
                                cache_hold_result_t *res, int *status,
                                char **body, size_t *len, int *replayed,
                                diag_t *d);

/* Releases hold hold_id for its owner consultant_id: the unit goes back
 * to available (a new version) and an audit row names kiosk.  Releasing a
 * hold that already ended changes nothing and is OK (res->hold says how it
 * ended). */
cache_status_t cache_hold_release(cache_t *c, const char *hold_id,
                                  const char *consultant_id,
                                  const char *kiosk, int64_t now,
                                  cache_hold_result_t *res, diag_t *d);

/* Every held unit whose hold ran out by now goes back to available, each
 * with a new version, in one transaction; a consultant's hold is marked
 * expired with an audit row.  *n is how many. */
cache_status_t cache_expire_holds(cache_t *c, int64_t now, int *n, diag_t *d);

/* ---- a kiosk's outbox and PIN lockouts (cache_holds.c) ------------------ */

typedef enum {
    OUTBOX_QUEUED = 0,        /* written, not yet sent (or no answer yet) */
    OUTBOX_SENT,              /* sent; the answer has not been stored */
    OUTBOX_CONFIRMED,         /* the server said yes (201, 200) */
    OUTBOX_REFUSED,           /* the server said no; reason says why */
} outbox_state_t;

#define CACHE_OUTBOX_BODY_MAX 1024
#define CACHE_OUTBOX_KEY_MAX 65   /* an Idempotency-Key: 64 characters */

typedef struct {
    int64_t seq;
    char key[CACHE_OUTBOX_KEY_MAX];
    char kind[8];                 /* "hold" or "release" */
    char body[CACHE_OUTBOX_BODY_MAX];
    outbox_state_t state;
    char reason[256];             /* REFUSED: the server's code and message;
                                     QUEUED after a failed try: what failed */
    int64_t created_at, updated_at;
} cache_outbox_t;

/* Queues a request (kind "hold" or "release", its exact body bytes, the
 * Idempotency-Key it will always be sent with) at now.  The commit waits
 * for the disk (synchronous = FULL) whatever the connection's setting: a
 * consultant told "queued" must not lose it to a power cut.  Adding the
 * same key with the same body again is a no-op; with another body it is
 * CACHE_ERR_MISMATCH.  *seq (may be NULL) is its place in the queue. */
cache_status_t cache_outbox_add(cache_t *c, const char *key, const char *kind,
                                const char *body, int64_t now, int64_t *seq,
                                diag_t *d);

/* The oldest entry still to send (queued or sent), for the sync worker:
 * *found 0 when there is none. */
cache_status_t cache_outbox_next(cache_t *c, cache_outbox_t *out, int *found,
                                 diag_t *d);

/* The entry with this key (for a screen to show its state). */
cache_status_t cache_outbox_get(cache_t *c, const char *key,
                                cache_outbox_t *out, int *found, diag_t *d);

/* Moves the entry key to state at now (reason: "" or the refusal).
 * CACHE_ERR_NOT_FOUND for an unknown key. */
cache_status_t cache_outbox_set(cache_t *c, const char *key,
                                outbox_state_t state, const char *reason,
                                int64_t now, diag_t *d);

/* Up to max entries of one consultant (the body's consultant_id; NULL =
 * anyone's), newest first: every one still to send (queued or sent) and
 * those settled (confirmed, refused) at or after since (unix seconds), for
 * a consultant's "my holds".  *n is how many. */
cache_status_t cache_outbox_recent(cache_t *c, const char *consultant_id,
                                   int64_t since, cache_outbox_t *out, int max,
                                   int *n, diag_t *d);

/* Forgets settled entries (confirmed, refused) last changed before
 * `before`: they are never sent again.  Entries still to send are kept
 * whatever their age.  *n is how many went. */
cache_status_t cache_outbox_prune(cache_t *c, int64_t before, int *n,
                                  diag_t *d);

/* The lockout state of a consultant ("" = the whole device); a fresh one
 * when none is stored. */
cache_status_t cache_lockout_get(cache_t *c, const char *consultant_id,
                                 pin_lockout_t *out, diag_t *d);

/* Stores it (durably: a restart must not forget wrong PINs). */
cache_status_t cache_lockout_put(cache_t *c, const char *consultant_id,
                                 const pin_lockout_t *l, diag_t *d);

#endif
