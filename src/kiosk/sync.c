/* sync.c - see sync.h. */
#include "sync.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache.h"
#include "proto.h"

struct sync {
    sync_opts_t o;
    char url[512], project[MODEL_ID_MAX], auth[256], cache_path[512];
    char ca_file[512], pinned[256];
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;        /* wakes a backoff sleep on stop */
    int stop;                 /* under mu; also read by the progress check */
    sync_status_t status;     /* under mu */
    uint64_t rng;
};

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

static int on_progress(void *user, curl_off_t dt, curl_off_t dn, curl_off_t ut,
                       curl_off_t un)
{
    (void)dt;
    (void)dn;
    (void)ut;
    (void)un;
    return stopping(user); /* non-zero aborts the request */
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

/* GETs path (with the etag, when given, as If-None-Match).  Returns the HTTP
 * status (0 for a transport failure, with the reason in s's status). */
static long get(sync_t *s, CURL *c, const char *path, const char *etag,
                long timeout_ms, body_t *b)
{
    char url[1024], inm[160];
    struct curl_slist *h = NULL;
    long code = 0;
    CURLcode rc;

    snprintf(url, sizeof url, "%s%s", s->url, path);
    h = curl_slist_append(h, s->auth);
    if (etag) {
        snprintf(inm, sizeof inm, "If-None-Match: %s", etag);
        h = curl_slist_append(h, inm);
    }
    b->len = 0;
    b->over = 0;
    b->max = s->o.max_bytes;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    rc = curl_easy_perform(c);
    curl_slist_free_all(h);
    pthread_mutex_lock(&s->mu);
    s->status.requests++;
    pthread_mutex_unlock(&s->mu);
    if (rc != CURLE_OK) {
        if (rc == CURLE_ABORTED_BY_CALLBACK && stopping(s))
            return 0; /* we are stopping: not a failure of the server's */
        fail(s, path, b->over || rc == CURLE_FILESIZE_EXCEEDED
                          ? "response over the byte cap"
                          : curl_easy_strerror(rc));
        return 0;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
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
    while (!s->stop &&
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

/* Reports a server's error body (or just its status). */
static void http_error(sync_t *s, long code, const body_t *b)
{
    char ecode[64] = "", emsg[160] = "";
    if (b->buf)
        proto_decode_error(b->buf, b->len, ecode, sizeof ecode, emsg,
                           sizeof emsg);
    char detail[256];
    snprintf(detail, sizeof detail, "HTTP %ld %.60s %.160s", code, ecode, emsg);
    fail(s, "server", detail);
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
        pthread_mutex_unlock(&s->mu);
        set_ok(s);
        notify(s, replaced);
        return 0;
    }

    snprintf(path, sizeof path,
             "/api/v1/projects/%s/changes?epoch=%s&since=%lld&wait=%d",
             s->project, cur.epoch, (long long)cur.version, s->o.wait_s);
    code = get(s, c, path, NULL,
               s->o.wait_s * 1000L + s->o.transfer_timeout_ms, b);
    now = (int64_t)time(NULL);
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
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, s);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)s->o.connect_timeout_ms);
    /* Abort when almost nothing arrives for a while (a trickle); a parked
     * long poll sends nothing for wait_s, so allow that and more. */
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, (long)s->o.wait_s + 10);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)s->o.max_bytes);
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
                nap(s, backoff_ms(s, s->status.failures + 1));
                continue;
            }
        }
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
    s->rng = (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)s;
    pthread_mutex_init(&s->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&s->cv, &ca);
    pthread_condattr_destroy(&ca);
    if (pthread_create(&s->thread, NULL, worker, s) != 0) {
        diag_set(d, "cannot start the sync thread");
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
    pthread_join(s->thread, NULL);
    pthread_cond_destroy(&s->cv);
    pthread_mutex_destroy(&s->mu);
    free(s);
}

void sync_get_status(sync_t *s, sync_status_t *out)
{
    pthread_mutex_lock(&s->mu);
    *out = s->status;
    pthread_mutex_unlock(&s->mu);
}
