/* sync.h - the kiosk's sync worker: keeps the cache current from salesd.
 *
 * The one door to libcurl.  A thread of its own, with its own SQLite
 * connection: it fetches a snapshot when the cache has none (or the server
 * says resync), then long-polls for changes, applying each answer in one
 * transaction or not at all.  The UI thread never waits on it; after each
 * commit the worker calls on_stored (from its own thread), and the UI re-reads
 * what changed from the cache.
 *
 * Every response is bounded: connect and overall timeouts, a low-speed abort,
 * a byte cap; TLS is verified (CA file and optional pinned key); failures
 * back off exponentially with full jitter.
 */
#ifndef SYNC_H
#define SYNC_H

#include <stdint.h>

#include "diag.h"

typedef struct {
    const char *server_url;   /* "http://127.0.0.1:8080" */
    const char *project_id;
    const char *token;        /* bearer token of this kiosk */
    const char *cache_path;   /* the worker opens its own connection */
    const char *ca_file;      /* "" = the system's CAs */
    const char *pinned_key;   /* "" or "sha256//..." (curl's format) */
    int connect_timeout_ms;
    int wait_s;               /* long-poll wait asked of the server */
    int transfer_timeout_ms;  /* a whole answer, beyond a long poll's wait */
    long max_bytes;           /* cap on any response body */
    int backoff_min_ms, backoff_max_ms;
    /* Called on the worker's thread after the cache changed (full: a
     * snapshot replaced everything) or was confirmed current. */
    void (*on_stored)(void *user, int full);
    void *user;
} sync_opts_t;

typedef enum {
    SYNC_STARTING = 0,
    SYNC_OK,                  /* the last request succeeded */
    SYNC_FAILING,             /* retrying after failures */
} sync_state_t;

typedef struct {
    sync_state_t state;
    int failures;             /* in a row */
    int64_t requests, snapshots, deltas, units_applied;
    char last_error[256];
} sync_status_t;

typedef struct sync sync_t;

sync_t *sync_start(const sync_opts_t *o, diag_t *d);

/* Stops the worker (an in-flight request is aborted) and joins it. */
void sync_stop(sync_t *s);

void sync_get_status(sync_t *s, sync_status_t *out);

#endif
