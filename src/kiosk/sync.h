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
 * back off exponentially with full jitter.  Between long polls it also
 * fetches the pictures the project refers to (content-addressed, media.h).
 *
 * The outbox (cache.h): before each long poll, and at once when woken by
 * sync_kick, the worker sends the kiosk's queued requests, oldest first,
 * one at a time:
 *   - kind "hold": POST <server_url>/api/v1/holds, the stored body verbatim,
 *     with "Idempotency-Key: <the entry's key>";
 *   - kind "release": DELETE <server_url>/api/v1/holds/<hold_id>, the stored
 *     body verbatim; that body is {"hold_id":..,"consultant_id":..}
 *     (proto_encode_release_entry), the server reading consultant_id.
 * An entry is marked sent before it goes out, then:
 *   - 201/200: confirmed; its reason is the server's hold id ("h...");
 *   - 403/404/409/422: refused; its reason is "<code>: <message>" from the
 *     error body ("unit_unavailable: unit 'B1-101' is signed"), or
 *     "HTTP <status>" when the body says nothing;
 *   - anything else (400, 401, 5xx, a transport failure, a body that is not
 *     the documented JSON, the worker stopping): queued again, tried again
 *     after a backoff of its own (full jitter, backoff_min/max_ms), never
 *     dropped.  The same key goes with every try, so a resend (after a crash
 *     that left it "sent", which is sent again like a queued one) cannot
 *     hold twice.
 * While an entry waits for its backoff the long poll asks for no longer a
 * wait than that; an entry whose stored body cannot be read is refused
 * ("outbox: ...") rather than block the queue.
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
    /* Pictures.  The worker fetches each media name the stored project
     * refers to (model_media_refs) that media_dir does not have, from
     * <server_url>/media/<name>, and stores it there only when its bytes
     * hash to the name (media.h): at start, when the cache has a project,
     * and after each snapshot that replaced it; never what is already
     * there.  A few files between long polls at most, so units keep
     * flowing; a failed file is tried again later with its own backoff.
     * NULL or "" = fetch no pictures. */
    const char *media_dir;
    long media_max_bytes;     /* cap on one picture; 0 = 32 MiB */
    /* Called on the worker's thread when at least one picture arrived in
     * media_dir (the screens look again for what they showed as missing). */
    void (*on_media)(void *user);
    /* Called on the worker's thread after an outbox entry was confirmed or
     * refused (the screen re-reads it with cache_outbox_get).  NULL = call
     * on_stored(user, 0) instead. */
    void (*on_outbox)(void *user);
} sync_opts_t;

typedef enum {
    SYNC_STARTING = 0,
    SYNC_OK,                  /* the last request succeeded */
    SYNC_FAILING,             /* retrying after failures */
} sync_state_t;

typedef struct {
    sync_state_t state;
    int failures;             /* in a row */
    int64_t requests, snapshots, deltas, units_applied; /* requests: every
                                 HTTP request, pictures included */
    char last_error[256];
    /* Pictures (only with a media_dir); their failures leave state alone. */
    int64_t media_fetched;    /* pictures fetched and stored */
    int64_t media_failed;     /* picture fetches that failed or were refused */
    int media_missing;        /* pictures the stored project refers to and
                                 media_dir lacks; -1 until the worker has
                                 looked (at start, after a new snapshot) */
    char media_error[256];    /* the last picture failure; "" once none are
                                 missing */
    /* The outbox; its failures leave state alone. */
    int64_t outbox_sent;      /* requests sent (retries included) */
    int64_t outbox_confirmed, outbox_refused;
    int64_t outbox_failed;    /* tries that failed and were queued again */
    char outbox_error[256];   /* the last failed try; "" after a success */
} sync_status_t;

typedef struct sync sync_t;

sync_t *sync_start(const sync_opts_t *o, diag_t *d);

/* Stops the worker (an in-flight request is aborted) and joins it. */
void sync_stop(sync_t *s);

void sync_get_status(sync_t *s, sync_status_t *out);

/* Wakes the worker to send the outbox now: call it right after
 * cache_outbox_add.  A parked long poll is abandoned (not counted as a
 * failure) and an outbox backoff is cut short.  Any thread; cheap. */
void sync_kick(sync_t *s);

#endif
