/* store.h - what salesd serves: the project in memory, kept current.
 *
 * The database (the same schema as a kiosk's cache, through cache.h) is the
 * truth; other processes (salesd set-status, import-prices, simulate) write
 * to it.  The store keeps the project in memory for answering, notices
 * commits by polling SQLite's data_version, reloads just the units that
 * changed, and keeps the encoded snapshot for the current version so a
 * thousand kiosks asking at once cost one encoding.
 *
 * Thread-safe: every function takes the store's lock.
 */
#ifndef STORE_H
#define STORE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"
#include "proto.h"

typedef struct store store_t;

store_t *store_open(const char *db_path, diag_t *d);
void store_close(store_t *s);

/* Looks for commits by anyone since the last call and loads them.  Returns
 * 1 when the version moved (or the epoch changed), 0 when nothing changed,
 * -1 on error (d set; the old data keeps being served). */
int store_refresh(store_t *s, diag_t *d);

typedef struct {
    char project_id[MODEL_ID_MAX];
    char epoch[MODEL_ID_MAX];
    int64_t version;
} store_head_t;

void store_head(store_t *s, store_head_t *out);

/* The snapshot body for the current version (a copy the caller frees), or
 * NULL when out of memory; *head says which version it is (for the ETag). */
char *store_snapshot(store_t *s, int64_t now, size_t *len, store_head_t *head);

/* The changes body since `since` (caller frees). */
char *store_changes(store_t *s, int64_t since, int64_t now, size_t *len);

/* Returns every held unit whose hold ran out by now (unix seconds) to
 * available, a consultant's hold with an audit row.  Returns how many, or
 * -1 with d set. */
int store_expire_holds(store_t *s, int64_t now, diag_t *d);

/* Calls fn with the current project, under the store's lock (fn must not
 * call back into the store). */
void store_read(store_t *s, void (*fn)(const model_t *m, void *user),
                void *user);

/* Sets a unit's status in the database and in memory.  Returns 0, -1 with
 * d set; *not_found is set when the unit does not exist. */
int store_set_status(store_t *s, const char *unit_id, unit_status_t st,
                     int64_t now, int64_t hold_expires_at, char **unit_json,
                     size_t *len, int *not_found, diag_t *d);

/* ---- holds (POST /api/v1/holds, DELETE /api/v1/holds/{id}) ----------- */

typedef struct {
    int max_minutes;          /* a request for more gets this many */
    int per_consultant;       /* active holds one consultant may have */
} store_hold_limits_t;

typedef enum {
    STORE_ANSWER = 0,         /* *status and *body are the answer */
    STORE_MISMATCH,           /* the key was used for another request: 422 */
    STORE_FAILED,             /* storage failed: 500, d says why */
} store_result_t;

/* Places the hold req for kiosk (the token's name) under its
 * Idempotency-Key key; request_hash identifies the request (the same key
 * with another hash is a mismatch).  The answer (201 with the hold, or
 * 404/409 with an error body) is kept with the key and given again for a
 * replay, which does nothing else.  *body is the caller's to free. */
store_result_t store_hold_place(store_t *s, const proto_hold_request_t *req,
                                const char *kiosk, const char *key,
                                const char *request_hash, int64_t now,
                                const store_hold_limits_t *lim, int *status,
                                char **body, size_t *len, diag_t *d);

/* Releases hold_id for consultant_id: 200 with the hold (also when it had
 * ended already), 403 for another consultant's, 404 for an unknown one. */
store_result_t store_hold_release(store_t *s, const char *hold_id,
                                  const char *consultant_id,
                                  const char *kiosk, int64_t now, int *status,
                                  char **body, size_t *len, diag_t *d);

#endif
