/* sync.c - see sync.h.
 *
 * One loop on the worker's thread: a few missing pictures, then one round
 * (a snapshot or a long poll), again and again.  While pictures are due the
 * long poll asks for a shorter wait, so they arrive in small batches
 * between polls and a unit's change never waits behind them for long.
 * The outbox goes first in each round, and in the same way an entry
 * waiting for its backoff shortens the long poll; sync_kick abandons a
 * parked poll so that a new entry goes out at once.
 */
#include "sync.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache.h"
#include "media.h"
#include "proto.h"

#define MEDIA_PER_ROUND 4              /* pictures fetched between polls */
#define MEDIA_MAX_BYTES (32L << 20)    /* default cap on one picture */
#define OUTBOX_PER_ROUND 8             /* outbox entries sent between polls */
#define OUTBOX_KEEP_S (30 * 86400)     /* settled entries kept this long */

/* A picture still to fetch. */
typedef struct {
    char sha[MEDIA_NAME_LEN + 1];
    int failures;             /* in a row, this picture */
    int64_t next_ms;          /* monotonic: not to be tried before */
} want_t;

struct sync {
    sync_opts_t o;
    char url[512], project[MODEL_ID_MAX], auth[256], cache_path[512];
    char ca_file[512], pinned[256];
    pthread_t thread;
    CURLM *multi;             /* runs each request, so sync_kick and
                                 sync_stop can wake it at once */
    pthread_mutex_t mu;
    pthread_cond_t cv;        /* wakes a backoff sleep on stop */
    int stop;                 /* under mu */
    int kick;                 /* under mu: the outbox has something new */
    sync_status_t status;     /* under mu */
    uint64_t rng;
    /* Pictures; the worker's own (no lock). */
    char media_dir[512];      /* "" = none */
    int media_scan;           /* 0 = want is current; 1 = work it out from
                                 the cache; 2 = and check present files */
    want_t *want;             /* missing pictures, in the project's order */
    int n_want;
    int media_fail_run;       /* picture failures in a row (for the log) */
    /* The outbox; the worker's own (no lock). */
    int polling;              /* in a long poll: a kick abandons it */
    int ob_failures;          /* outbox tries failed in a row */
    int64_t ob_next_ms;       /* monotonic: no try before (0 = now) */
    int ob_waiting;           /* an entry is waiting for ob_next_ms */
};

/* One HTTP request: GET (body NULL) or method with a JSON body. */
typedef struct {
    const char *method, *path;
    const char *etag;         /* GET: If-None-Match, or NULL */
    const char *key;          /* Idempotency-Key, or NULL */
    const char *body;         /* NULL for a GET */
} request_t;

typedef struct {
    char *buf;
    size_t len, cap;
    long max;
    int over;
} body_t;

static size_t on_data(char *p, size_t size, size_t n, void *user)
{
    body_t *b = user;
    size_t add = size * n;
    if (b->len + add > (size_t)b->max) {
        b->over = 1;
        return 0; /* abort the transfer: over the cap */
    }
    if (b->len + add + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 16384;
        while (cap < b->len + add + 1)
            cap *= 2;
        char *nb = realloc(b->buf, cap);
        if (!nb)
            return 0;
        b->buf = nb;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, p, add);
    b->len += add;
    b->buf[b->len] = '\0';
    return add;
}

static int stopping(sync_t *s)
{
    pthread_mutex_lock(&s->mu);
    int v = s->stop;
    pthread_mutex_unlock(&s->mu);
    return v;
}

/* Whether sync_kick asked for the outbox; take = 1 also clears it. */
static int kicked(sync_t *s, int take)
{
    pthread_mutex_lock(&s->mu);
    int v = s->kick;
    if (take)
        s->kick = 0;
    pthread_mutex_unlock(&s->mu);
    return v;
}

/* Records a failure: what went wrong, and where.  The log gets the first
 * failure of a run and then every 10th, not one line per retry. */
static void fail(sync_t *s, const char *what, const char *detail)
{
    pthread_mutex_lock(&s->mu);
    snprintf(s->status.last_error, sizeof s->status.last_error, "%.60s: %.190s",
             what, detail);
    s->status.state = SYNC_FAILING;
    int n = ++s->status.failures;
    if (n == 1 || n % 10 == 0)
        fprintf(stderr, "kiosk: sync: %s (failure %d; retrying)\n",
                s->status.last_error, n);
    pthread_mutex_unlock(&s->mu);
}

static void set_ok(sync_t *s)
{
    pthread_mutex_lock(&s->mu);
    if (s->status.state != SYNC_OK)
        fprintf(stderr, "kiosk: sync: in step with the server%s\n",
                s->status.failures ? " again" : "");
    s->status.state = SYNC_OK;
    s->status.failures = 0;
    s->status.last_error[0] = '\0';
    pthread_mutex_unlock(&s->mu);
}

/* Runs the request set up on c to its end, like curl_easy_perform, but
 * on the worker's multi handle, so sync_stop, and sync_kick during a
 * parked long poll (one a new outbox entry must not wait behind), end it
 * at once: they wake the wait with curl_multi_wakeup.  *abandoned says
 * that is how it ended (no failure of the server's). */
static CURLcode run(sync_t *s, CURL *c, int *abandoned)
{
    CURLcode rc = CURLE_OK;
    int running = 1;
    *abandoned = 0;
    if (curl_multi_add_handle(s->multi, c) != CURLM_OK)
        return CURLE_FAILED_INIT;
    while (running) {
        if (curl_multi_perform(s->multi, &running) != CURLM_OK) {
            rc = CURLE_FAILED_INIT;
            break;
        }
        if (!running)
            break;
        if (stopping(s) || (s->polling && kicked(s, 0))) {
            *abandoned = 1;
            rc = CURLE_ABORTED_BY_CALLBACK;
            break;
        }
        if (curl_multi_poll(s->multi, NULL, 0, 1000, NULL) != CURLM_OK) {
            rc = CURLE_FAILED_INIT;
            break;
        }
    }
    if (!running) {
        int left = 0;
        CURLMsg *m;
        while ((m = curl_multi_info_read(s->multi, &left)))
            if (m->msg == CURLMSG_DONE && m->easy_handle == c)
                rc = m->data.result;
    }
    curl_multi_remove_handle(s->multi, c);
    return rc;
}

/* Sends rq, taking at most max bytes of body.  Returns the HTTP status, or
 * 0 for a transport failure with the reason in why ("" when the worker is
 * stopping or a kick abandoned a long poll: no failure of the server's). */
static long perform(sync_t *s, CURL *c, const request_t *rq, long timeout_ms,
                    long max, body_t *b, char *why, size_t why_size)
{
    char url[1024], inm[160], idem[CACHE_OUTBOX_KEY_MAX + 32];
    struct curl_slist *h = NULL;
    long code = 0;
    CURLcode rc;

    why[0] = '\0';
    snprintf(url, sizeof url, "%s%s", s->url, rq->path);
    h = curl_slist_append(h, s->auth);
    if (rq->etag) {
        snprintf(inm, sizeof inm, "If-None-Match: %s", rq->etag);
        h = curl_slist_append(h, inm);
    }
    if (rq->key) {
        snprintf(idem, sizeof idem, "Idempotency-Key: %s", rq->key);
        h = curl_slist_append(h, idem);
    }
    if (rq->body) {
        h = curl_slist_append(h, "Content-Type: application/json");
        h = curl_slist_append(h, "Expect:");
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                         (curl_off_t)strlen(rq->body));
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, rq->body);
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, rq->method);
    }
    b->len = 0;
    b->over = 0;
    b->max = max;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max);
    int abandoned;
    rc = run(s, c, &abandoned);
    curl_slist_free_all(h);
    if (rq->body) { /* the next request of this handle is a GET again */
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, NULL);
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, NULL);
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    }
    pthread_mutex_lock(&s->mu);
    s->status.requests++;
    pthread_mutex_unlock(&s->mu);
    if (rc != CURLE_OK) {
        if (rc == CURLE_FILESIZE_EXCEEDED) /* known from Content-Length */
            b->over = 1;
        if (!abandoned)
            snprintf(why, why_size, "%s",
                     b->over || rc == CURLE_FILESIZE_EXCEEDED
                         ? "response over the byte cap"
                         : curl_easy_strerror(rc));
        return 0;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    return code;
}

/* perform() for the sync protocol: the response cap, and a transport
 * failure counted as a failure. */
static long get(sync_t *s, CURL *c, const char *path, const char *etag,
                long timeout_ms, body_t *b)
{
    char why[160];
    request_t rq = {.method = "GET", .path = path, .etag = etag};
    long code = perform(s, c, &rq, timeout_ms, s->o.max_bytes, b, why,
                        sizeof why);
    if (code == 0 && why[0])
        fail(s, path, why);
    return code;
}

/* Sleeps up to ms, or until stop (on the monotonic clock: a wall clock
 * set back must not stall syncing). */
static void nap(sync_t *s, long ms)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&s->mu);
    while (!s->stop && !s->kick &&
           pthread_cond_timedwait(&s->cv, &s->mu, &until) == 0)
        ;
    pthread_mutex_unlock(&s->mu);
}

/* Exponential backoff with full jitter: a random wait in [0, min(max,
 * min * 2^(failures-1))], so a showroom of kiosks does not retry in step. */
static long backoff_ms(sync_t *s, int failures)
{
    long cap = s->o.backoff_min_ms;
    for (int i = 1; i < failures && cap < s->o.backoff_max_ms; i++)
        cap *= 2;
    if (cap > s->o.backoff_max_ms)
        cap = s->o.backoff_max_ms;
    s->rng = s->rng * 6364136223846793005ull + 1442695040888963407ull;
    return (long)((s->rng >> 33) % (uint64_t)(cap + 1));
}

static void notify(sync_t *s, int full)
{
    if (s->o.on_stored)
        s->o.on_stored(s->o.user, full);
}

/* "HTTP <status> <code> <message>" from a server's error body. */
static void error_detail(long code, const body_t *b, char *out, size_t size)
{
    char ecode[64] = "", emsg[160] = "";
    if (b->buf)
        proto_decode_error(b->buf, b->len, ecode, sizeof ecode, emsg,
                           sizeof emsg);
    snprintf(out, size, "HTTP %ld %.60s %.160s", code, ecode, emsg);
}

/* Reports a server's error body (or just its status). */
static void http_error(sync_t *s, long code, const body_t *b)
{
    char detail[256];
    error_detail(code, b, detail, sizeof detail);
    fail(s, "server", detail);
}

/* ---- pictures ------------------------------------------------------------- */

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void set_missing(sync_t *s)
{
    pthread_mutex_lock(&s->mu);
    s->status.media_missing = s->n_want;
    if (s->n_want == 0)
        s->status.media_error[0] = '\0';
    pthread_mutex_unlock(&s->mu);
}

/* Works out which pictures the stored project refers to that media_dir
 * lacks (with verify, also those present whose bytes are damaged: they are
 * fetched again, and media_store repairs them).  Returns 0, or -1 while
 * the cache has no project of ours to look at (try again later). */
static int media_scan(sync_t *s, cache_t *cache, int verify)
{
    cache_sync_t cur;
    model_t *m = NULL;
    const char **refs = NULL;
    want_t *want = NULL;
    int has = 0, n, rc = -1;
    diag_t d;

    diag_clear(&d);
    if (cache_get_sync(cache, &cur, &d) != CACHE_OK ||
        strcmp(cur.project_id, s->project) != 0 ||
        cache_has_project(cache, &has, &d) != CACHE_OK || !has)
        goto out; /* nothing of ours yet: a snapshot comes first */
    if (cache_load_model(cache, &m, &d) != CACHE_OK)
        goto out;
    n = model_media_refs(m, NULL, 0); /* at least how many there are */
    refs = malloc(sizeof *refs * (size_t)(n > 0 ? n : 1));
    want = calloc((size_t)(n > 0 ? n : 1), sizeof *want);
    if (!refs || !want) {
        diag_set(&d, "out of memory");
        free(want);
        goto out;
    }
    n = model_media_refs(m, refs, n);
    free(s->want);
    s->want = want;
    s->n_want = 0;
    for (int i = 0; i < n; i++) {
        char path[1024], actual[MEDIA_NAME_LEN + 1];
        if (media_have(s->media_dir, refs[i])) {
            if (!verify ||
                media_path(s->media_dir, refs[i], path, sizeof path) != 0 ||
                (media_hash_file(path, (size_t)s->o.media_max_bytes, actual,
                                 &d) == 0 && strcmp(actual, refs[i]) == 0))
                continue;
            fprintf(stderr, "kiosk: sync: %s: damaged; fetching it again\n",
                    path);
        }
        snprintf(want[s->n_want++].sha, MEDIA_NAME_LEN + 1, "%s", refs[i]);
    }
    set_missing(s);
    rc = 0;
out:
    if (rc != 0 && d.msg[0]) {
        pthread_mutex_lock(&s->mu);
        snprintf(s->status.media_error, sizeof s->status.media_error,
                 "cache: %.240s", d.msg);
        pthread_mutex_unlock(&s->mu);
    }
    free(refs);
    model_destroy(m);
    return rc;
}

/* A picture could not be had: noted, logged like fail() (the first of a
 * run, then every 10th), and put off with its own backoff. */
static void media_fail(sync_t *s, want_t *w, const char *detail)
{
    w->failures++;
    w->next_ms = mono_ms() + backoff_ms(s, w->failures);
    int n = ++s->media_fail_run;
    pthread_mutex_lock(&s->mu);
    snprintf(s->status.media_error, sizeof s->status.media_error, "%.250s",
             detail);
    s->status.media_failed++;
    pthread_mutex_unlock(&s->mu);
    if (n == 1 || n % 10 == 0)
        fprintf(stderr, "kiosk: sync: picture: %s (failure %d; trying it "
                "again later)\n", detail, n);
}

/* Fetches one picture into media_dir.  Returns 1 when it is stored, 0 when
 * it failed, -1 when the connection failed (the caller stops for now). */
static int media_fetch(sync_t *s, CURL *c, want_t *w, body_t *b)
{
    char path[16 + MEDIA_NAME_LEN], why[160], detail[320];
    diag_t d;
    snprintf(path, sizeof path, "/media/%s", w->sha);
    request_t rq = {.method = "GET", .path = path};
    long code = perform(s, c, &rq, s->o.transfer_timeout_ms,
                        s->o.media_max_bytes, b, why, sizeof why);
    if (code == 0) {
        if (!why[0])
            return -1; /* stopping */
        snprintf(detail, sizeof detail, "%s: %s", path, why);
        media_fail(s, w, detail);
        return b->over ? 0 : -1; /* too big is this file's fault alone */
    }
    if (code != 200) {
        error_detail(code, b, why, sizeof why);
        snprintf(detail, sizeof detail, "%s: %s", path, why);
        media_fail(s, w, detail);
        return 0;
    }
    /* media_store refuses bytes that do not hash to the name. */
    diag_clear(&d);
    if (media_store(s->media_dir, w->sha, b->buf ? b->buf : "", b->len,
                    &d) != 0) {
        media_fail(s, w, d.msg);
        return 0;
    }
    s->media_fail_run = 0;
    pthread_mutex_lock(&s->mu);
    s->status.media_fetched++;
    pthread_mutex_unlock(&s->mu);
    return 1;
}

/* Between rounds: works out what is missing when asked to, then fetches
 * up to MEDIA_PER_ROUND pictures that are due. */
static void media_step(sync_t *s, CURL *c, cache_t *cache)
{
    body_t b = {0};
    int got = 0, tried = 0;
    if (s->media_scan) {
        if (media_scan(s, cache, s->media_scan == 2) != 0)
            return;
        s->media_scan = 0;
    }
    int64_t now = mono_ms();
    for (int i = 0; i < s->n_want && tried < MEDIA_PER_ROUND;) {
        want_t *w = &s->want[i];
        int r;
        if (w->next_ms > now) {
            i++;
            continue;
        }
        if (stopping(s))
            break;
        tried++;
        r = media_fetch(s, c, w, &b);
        got += r > 0;
        if (r < 0)
            break; /* the connection failed: the round backs off */
        if (r == 0) {
            i++;
            continue;
        }
        /* Here now: off the list, keeping the project's order. */
        memmove(&s->want[i], &s->want[i + 1],
                sizeof *s->want * (size_t)(s->n_want - i - 1));
        s->n_want--;
    }
    free(b.buf);
    set_missing(s);
    if (got) {
        fprintf(stderr, "kiosk: sync: %d picture%s stored, %d to go\n", got,
                got == 1 ? "" : "s", s->n_want);
        if (s->o.on_media)
            s->o.on_media(s->o.user);
    }
}

/* How long a long poll may wait: the configured time, but no longer than
 * until the next picture or outbox entry is due (at once when one is). */
static int poll_wait_s(sync_t *s)
{
    int wait = s->o.wait_s;
    int64_t now = mono_ms();
    if (s->ob_waiting) { /* an outbox entry waits for its backoff */
        int64_t due = s->ob_next_ms - now;
        if (due <= 0)
            return 0;
        if ((due + 999) / 1000 < wait)
            wait = (int)((due + 999) / 1000);
    }
    if (s->media_scan)
        return wait;
    for (int i = 0; i < s->n_want; i++) {
        int64_t due = s->want[i].next_ms - now;
        if (due <= 0)
            return 0;
        if ((due + 999) / 1000 < wait)
            wait = (int)((due + 999) / 1000);
    }
    return wait;
}

/* ---- the outbox ------------------------------------------------------------ */

static void outbox_notify(sync_t *s)
{
    if (s->o.on_outbox)
        s->o.on_outbox(s->o.user);
    else
        notify(s, 0);
}

/* A try that failed: queued again, with the outbox's own backoff and what
 * went wrong as its reason (the consultant's screen says it is retrying). */
static void outbox_retry(sync_t *s, cache_t *cache, const cache_outbox_t *e,
                         const char *detail)
{
    diag_t d;
    diag_clear(&d);
    if (cache_outbox_set(cache, e->key, OUTBOX_QUEUED, detail,
                         (int64_t)time(NULL), &d) != CACHE_OK)
        fprintf(stderr, "kiosk: sync: outbox: %s\n", d.msg);
    s->ob_failures++;
    s->ob_next_ms = mono_ms() + backoff_ms(s, s->ob_failures);
    s->ob_waiting = 1;
    pthread_mutex_lock(&s->mu);
    s->status.outbox_failed++;
    snprintf(s->status.outbox_error, sizeof s->status.outbox_error,
             "%.250s", detail);
    pthread_mutex_unlock(&s->mu);
    if (s->ob_failures == 1 || s->ob_failures % 10 == 0)
        fprintf(stderr, "kiosk: sync: outbox %s: %s (failure %d; queued "
                "again)\n", e->key, detail, s->ob_failures);
    if (s->ob_failures == 1)
        outbox_notify(s); /* "sending" becomes "queued, retrying" */
}

/* The server decided: confirmed (reason: the hold id) or refused (reason:
 * its code and message).  Returns 0, or -1 when the cache could not store
 * it (the entry stays sent and is sent again: its key makes that safe). */
static int outbox_settle(sync_t *s, cache_t *cache, const cache_outbox_t *e,
                         outbox_state_t st, const char *reason)
{
    diag_t d;
    diag_clear(&d);
    if (cache_outbox_set(cache, e->key, st, reason, (int64_t)time(NULL),
                         &d) != CACHE_OK) {
        outbox_retry(s, cache, e, d.msg);
        return -1;
    }
    s->ob_failures = 0;
    pthread_mutex_lock(&s->mu);
    if (st == OUTBOX_CONFIRMED)
        s->status.outbox_confirmed++;
    else
        s->status.outbox_refused++;
    s->status.outbox_error[0] = '\0';
    pthread_mutex_unlock(&s->mu);
    fprintf(stderr, "kiosk: sync: outbox %s (%s): %s%s%s\n", e->key, e->kind,
            st == OUTBOX_CONFIRMED ? "confirmed" : "refused",
            reason[0] ? ", " : "", reason);
    outbox_notify(s); /* the screen first */
    /* Settled entries are never sent again: forget old ones. */
    int gone = 0;
    if (cache_outbox_prune(cache, (int64_t)time(NULL) - OUTBOX_KEEP_S, &gone,
                           &d) != CACHE_OK)
        fprintf(stderr, "kiosk: sync: outbox: %s\n", d.msg);
    return 0;
}

/* Sends entry e (already marked sent) and stores what came of it.
 * Returns 0 when the server decided, -1 when it is queued again. */
static int outbox_send(sync_t *s, CURL *c, cache_t *cache,
                       const cache_outbox_t *e, body_t *b)
{
    char path[64 + MODEL_ID_MAX], why[160], detail[320], reason[256];
    char hold_id[MODEL_ID_MAX], consultant[MODEL_ID_MAX];
    request_t rq = {.body = e->body};
    diag_t d;

    diag_clear(&d);
    if (strcmp(e->kind, "release") == 0) {
        if (proto_decode_release_entry(e->body, strlen(e->body), hold_id,
                                       consultant, &d) != 0) {
            /* Never sendable: refused, not retried for ever. */
            snprintf(reason, sizeof reason, "outbox: %.240s", d.msg);
            return outbox_settle(s, cache, e, OUTBOX_REFUSED, reason);
        }
        snprintf(path, sizeof path, "/api/v1/holds/%s", hold_id);
        rq.method = "DELETE";
    } else {
        snprintf(path, sizeof path, "/api/v1/holds");
        rq.method = "POST";
        rq.key = e->key;
    }
    rq.path = path;
    pthread_mutex_lock(&s->mu);
    s->status.outbox_sent++;
    pthread_mutex_unlock(&s->mu);
    long code = perform(s, c, &rq, s->o.transfer_timeout_ms, s->o.max_bytes,
                        b, why, sizeof why);
    if (code == 0) {
        snprintf(detail, sizeof detail, "%s %s: %s", rq.method, path,
                 why[0] ? why : "abandoned");
        outbox_retry(s, cache, e, detail);
        return -1;
    }
    if (code == 200 || code == 201) {
        proto_hold_t h;
        int64_t version;
        if (proto_decode_hold(b->buf ? b->buf : "", b->len, &h, &version,
                              &d) != 0) {
            snprintf(detail, sizeof detail, "%s %s: HTTP %ld: %.200s",
                     rq.method, path, code, d.msg);
            outbox_retry(s, cache, e, detail);
            return -1;
        }
        return outbox_settle(s, cache, e, OUTBOX_CONFIRMED, h.id);
    }
    if (code == 403 || code == 404 || code == 409 || code == 422) {
        char ecode[64] = "", emsg[160] = "";
        if (b->buf && proto_decode_error(b->buf, b->len, ecode, sizeof ecode,
                                         emsg, sizeof emsg) == 0)
            snprintf(reason, sizeof reason, "%s: %s", ecode, emsg);
        else
            snprintf(reason, sizeof reason, "HTTP %ld", code);
        return outbox_settle(s, cache, e, OUTBOX_REFUSED, reason);
    }
    error_detail(code, b, why, sizeof why);
    snprintf(detail, sizeof detail, "%s %s: %s", rq.method, path, why);
    outbox_retry(s, cache, e, detail);
    return -1;
}

/* Before a long poll (and when kicked): sends the oldest entries still to
 * send, a few at most, stopping at the first that fails (it waits for its
 * backoff; so do those behind it, keeping the consultant's order). */
static void outbox_step(sync_t *s, CURL *c, cache_t *cache)
{
    body_t b = {0};
    diag_t d;
    if (kicked(s, 1))
        s->ob_next_ms = 0; /* something new: try now */
    if (s->ob_next_ms > mono_ms())
        return;
    s->ob_waiting = 0;
    for (int i = 0; i < OUTBOX_PER_ROUND && !stopping(s); i++) {
        cache_outbox_t e;
        int found = 0;
        diag_clear(&d);
        if (cache_outbox_next(cache, &e, &found, &d) != CACHE_OK) {
            fprintf(stderr, "kiosk: sync: outbox: %s\n", d.msg);
            break;
        }
        if (!found)
            break;
        /* Marked sent first; "sent" is sent again after a crash, under the
         * same key. */
        if (cache_outbox_set(cache, e.key, OUTBOX_SENT, "", (int64_t)time(NULL),
                             &d) != CACHE_OK) {
            outbox_retry(s, cache, &e, d.msg);
            break;
        }
        if (outbox_send(s, c, cache, &e, &b) != 0)
            break;
        if (i == OUTBOX_PER_ROUND - 1) { /* maybe more: a short poll */
            s->ob_waiting = 1;
            s->ob_next_ms = 0;
        }
    }
    free(b.buf);
}

/* One round: a snapshot or a long poll.  Returns 0 when it went well (go on
 * at once), -1 to back off. */
static int round_trip(sync_t *s, CURL *c, cache_t *cache, int *resync,
                      body_t *b)
{
    cache_sync_t cur;
    char path[512];
    diag_t d;
    long code;
    int64_t now;

    diag_clear(&d);
    if (cache_get_sync(cache, &cur, &d) != CACHE_OK) {
        fail(s, "cache", d.msg);
        return -1;
    }
    int have = cur.epoch[0] && strcmp(cur.project_id, s->project) == 0;
    if (!have || *resync) {
        /* No If-None-Match: we ask only when we have nothing, or when the
         * server said our version is no good. */
        snprintf(path, sizeof path, "/api/v1/projects/%s/snapshot", s->project);
        code = get(s, c, path, NULL, s->o.transfer_timeout_ms, b);
        now = (int64_t)time(NULL);
        if (code != 200) {
            if (code)
                http_error(s, code, b);
            return -1;
        }
        model_t *m = NULL;
        if (proto_decode_snapshot(b->buf, b->len, &m, &d) != 0 ||
            strcmp(m->project.id, s->project) != 0) {
            fail(s, "snapshot", m ? "another project" : d.msg);
            model_destroy(m);
            return -1;
        }
        int replaced = 0;
        cache_status_t st = cache_apply_snapshot(cache, m, now, &replaced, &d);
        model_destroy(m);
        if (st != CACHE_OK) {
            fail(s, "snapshot", d.msg);
            return -1;
        }
        if (*resync && !replaced) {
            /* The server sent us back for a snapshot that is what we have:
             * it contradicts itself.  Back off rather than loop. */
            fail(s, "snapshot", "the server asked for a resync but its "
                 "snapshot is what this kiosk already has");
            return -1;
        }
        *resync = 0;
        pthread_mutex_lock(&s->mu);
        s->status.snapshots++;
        if (replaced && s->media_dir[0])
            s->status.media_missing = -1; /* a new project: look again */
        pthread_mutex_unlock(&s->mu);
        if (replaced && s->media_dir[0] && s->media_scan == 0)
            s->media_scan = 1;
        set_ok(s);
        notify(s, replaced);
        return 0;
    }

    int wait = poll_wait_s(s);
    snprintf(path, sizeof path,
             "/api/v1/projects/%s/changes?epoch=%s&since=%lld&wait=%d",
             s->project, cur.epoch, (long long)cur.version, wait);
    s->polling = 1; /* sync_kick may abandon it */
    code = get(s, c, path, NULL, wait * 1000L + s->o.transfer_timeout_ms, b);
    s->polling = 0;
    now = (int64_t)time(NULL);
    if (code == 0 && kicked(s, 0))
        return 0; /* abandoned for the outbox: no failure, go on at once */
    if (code == 409) {
        *resync = 1; /* the server says so: fetch a snapshot at once */
        return 0;
    }
    if (code != 200) {
        if (code)
            http_error(s, code, b);
        return -1;
    }
    proto_changes_t *ch = NULL;
    if (proto_decode_changes(b->buf, b->len, &ch, &d) != 0) {
        fail(s, "changes", d.msg);
        return -1;
    }
    int applied = 0;
    cache_status_t st = cache_apply_changes(cache, ch, now, &applied, &d);
    proto_changes_free(ch);
    if (st == CACHE_ERR_RESYNC) {
        *resync = 1;
        return 0;
    }
    if (st != CACHE_OK) {
        fail(s, "changes", d.msg);
        return -1;
    }
    pthread_mutex_lock(&s->mu);
    s->status.deltas++;
    s->status.units_applied += applied;
    pthread_mutex_unlock(&s->mu);
    set_ok(s);
    notify(s, 0);
    return 0;
}

static void *worker(void *arg)
{
    sync_t *s = arg;
    cache_t *cache = NULL;
    CURL *c = curl_easy_init();
    body_t b = {0};
    diag_t d;
    int resync = 0;

    diag_clear(&d);
    if (!c) {
        fail(s, "curl", "cannot initialise");
        return NULL;
    }
    /* One handle for the worker's life: the connection is reused. */
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)s->o.connect_timeout_ms);
    /* Abort when almost nothing arrives for a while (a trickle); a parked
     * long poll sends nothing for wait_s, so allow that and more. */
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, (long)s->o.wait_s + 10);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (s->ca_file[0])
        curl_easy_setopt(c, CURLOPT_CAINFO, s->ca_file);
    if (s->pinned[0])
        curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, s->pinned);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "showroom-kiosk/1");

    while (!stopping(s)) {
        if (!cache) {
            if (cache_open(s->cache_path, &cache, &d) != CACHE_OK) {
                fail(s, "cache", d.msg);
                cache = NULL;
                kicked(s, 1); /* nothing to send it from: do not spin */
                nap(s, backoff_ms(s, s->status.failures + 1));
                continue;
            }
        }
        outbox_step(s, c, cache);
        if (s->media_dir[0])
            media_step(s, c, cache);
        int rc = round_trip(s, c, cache, &resync, &b);
        if (b.cap > ((size_t)1 << 20)) { /* keep a snapshot's worth no longer */
            free(b.buf);
            b = (body_t){0};
        }
        if (rc != 0) {
            pthread_mutex_lock(&s->mu);
            int failures = s->status.failures;
            pthread_mutex_unlock(&s->mu);
            nap(s, backoff_ms(s, failures));
        }
    }
    free(b.buf);
    free(s->want);
    s->want = NULL;
    cache_close(cache);
    curl_easy_cleanup(c);
    return NULL;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_setup(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

sync_t *sync_start(const sync_opts_t *o, diag_t *d)
{
    sync_t *s = calloc(1, sizeof *s);
    if (!s) {
        diag_set(d, "out of memory");
        return NULL;
    }
    pthread_once(&curl_once, curl_setup);
    s->o = *o;
    snprintf(s->url, sizeof s->url, "%s", o->server_url);
    size_t n = strlen(s->url);
    while (n > 0 && s->url[n - 1] == '/')
        s->url[--n] = '\0';
    snprintf(s->project, sizeof s->project, "%s", o->project_id);
    snprintf(s->auth, sizeof s->auth, "Authorization: Bearer %s", o->token);
    snprintf(s->cache_path, sizeof s->cache_path, "%s", o->cache_path);
    snprintf(s->ca_file, sizeof s->ca_file, "%s", o->ca_file ? o->ca_file : "");
    snprintf(s->pinned, sizeof s->pinned, "%s", o->pinned_key ? o->pinned_key : "");
    if (s->o.wait_s <= 0)
        s->o.wait_s = 25;
    if (s->o.connect_timeout_ms <= 0)
        s->o.connect_timeout_ms = 5000;
    if (s->o.transfer_timeout_ms <= 0)
        s->o.transfer_timeout_ms = 60000;
    if (s->o.max_bytes <= 0)
        s->o.max_bytes = 16L << 20;
    if (s->o.backoff_min_ms <= 0)
        s->o.backoff_min_ms = 500;
    if (s->o.backoff_max_ms < s->o.backoff_min_ms)
        s->o.backoff_max_ms = 30000;
    if (s->o.media_max_bytes <= 0)
        s->o.media_max_bytes = MEDIA_MAX_BYTES;
    snprintf(s->media_dir, sizeof s->media_dir, "%s",
             o->media_dir ? o->media_dir : "");
    s->media_scan = s->media_dir[0] ? 2 : 0; /* at start: check what is there */
    s->status.media_missing = -1;
    s->rng = (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)s;
    if (!(s->multi = curl_multi_init())) {
        diag_set(d, "cannot start the sync worker: curl_multi_init failed");
        free(s);
        return NULL;
    }
    pthread_mutex_init(&s->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&s->cv, &ca);
    pthread_condattr_destroy(&ca);
    if (pthread_create(&s->thread, NULL, worker, s) != 0) {
        diag_set(d, "cannot start the sync thread");
        curl_multi_cleanup(s->multi);
        pthread_cond_destroy(&s->cv);
        pthread_mutex_destroy(&s->mu);
        free(s);
        return NULL;
    }
    return s;
}

void sync_stop(sync_t *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->mu);
    s->stop = 1;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
    curl_multi_wakeup(s->multi); /* a request in flight ends now */
    pthread_join(s->thread, NULL);
    curl_multi_cleanup(s->multi);
    pthread_cond_destroy(&s->cv);
    pthread_mutex_destroy(&s->mu);
    free(s);
}

void sync_kick(sync_t *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->mu);
    s->kick = 1;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
    curl_multi_wakeup(s->multi); /* a parked long poll gives way */
}

void sync_get_status(sync_t *s, sync_status_t *out)
{
    pthread_mutex_lock(&s->mu);
    *out = s->status;
    pthread_mutex_unlock(&s->mu);
}
