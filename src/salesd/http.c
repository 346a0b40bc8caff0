/* http.c - see http.h.
 *
 * libmicrohttpd 0.9.75 closes the connection when a GET's response is
 * queued on the handler's first call (DESIGN.md §5), so every request is
 * answered on the second call or later: the first only sets up its state.
 */
#include "http.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "media.h"
#include "proto.h"

#define BODY_MAX 4096

typedef struct req {
    char body[BODY_MAX];
    size_t body_len;
    int body_too_big;
    int parked;               /* suspended, waiting for news */
    int resumed;              /* woken: answer now, whatever there is */
    int64_t deadline_ms;
    struct MHD_Connection *con;
    struct req *prev, *next;  /* the parked list */
} req_t;

struct http {
    struct MHD_Daemon *mhd;
    store_t *store;
    const tokens_t *tokens;
    int max_wait_s;
    store_hold_limits_t holds;
    int port;
    char media_dir[1024];     /* "" = no media */
    pthread_mutex_t mu;       /* guards the parked list and stopping */
    req_t *parked;
    int stopping;             /* no more parking: the server is going */
};

int64_t http_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- answers ------------------------------------------------------------- */

static enum MHD_Result send_body(struct MHD_Connection *con, unsigned status,
                                 char *body, size_t len, const char *etag)
{
    struct MHD_Response *r;
    enum MHD_Result ret;
    if (!body)
        return MHD_NO; /* out of memory: drop the connection */
    r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", "application/json; charset=utf-8");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    if (etag)
        MHD_add_response_header(r, "ETag", etag);
    ret = MHD_queue_response(con, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result send_error(struct MHD_Connection *con, unsigned status,
                                  const char *code, const char *message)
{
    size_t len = 0;
    char *b = proto_encode_error(code, message, &len);
    return send_body(con, status, b, len, NULL);
}

static enum MHD_Result send_empty(struct MHD_Connection *con, unsigned status,
                                  const char *etag)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ret;
    if (!r)
        return MHD_NO;
    if (etag)
        MHD_add_response_header(r, "ETag", etag);
    ret = MHD_queue_response(con, status, r);
    MHD_destroy_response(r);
    return ret;
}

/* ---- parking ------------------------------------------------------------- */

/* Takes q out of the parked list; caller holds h->mu. */
static void list_remove(http_t *h, req_t *q)
{
    if (q->prev)
        q->prev->next = q->next;
    else
        h->parked = q->next;
    if (q->next)
        q->next->prev = q->prev;
    q->prev = q->next = NULL;
    q->parked = 0;
}

static void unpark_locked(http_t *h, req_t *q)
{
    if (!q->parked)
        return;
    list_remove(h, q);
    q->resumed = 1;
    MHD_resume_connection(q->con);
}

void http_notify(http_t *h)
{
    pthread_mutex_lock(&h->mu);
    while (h->parked)
        unpark_locked(h, h->parked);
    pthread_mutex_unlock(&h->mu);
}

void http_tick(http_t *h, int64_t now_ms)
{
    pthread_mutex_lock(&h->mu);
    for (req_t *q = h->parked, *next; q; q = next) {
        next = q->next;
        if (q->deadline_ms <= now_ms)
            unpark_locked(h, q);
    }
    pthread_mutex_unlock(&h->mu);
}

/* ---- routes -------------------------------------------------------------- */

/* Parses a non-negative decimal integer; -1 when it is not one. */
static long long parse_nat(const char *s)
{
    long long v = 0;
    if (!s || !*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (INT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (*s - '0');
    }
    return v;
}

static enum MHD_Result snapshot(http_t *h, struct MHD_Connection *con)
{
    store_head_t head;
    char etag[2 * MODEL_ID_MAX + 40];
    size_t len = 0;
    const char *inm = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
                                                  "If-None-Match");
    /* The ETag is the version of the very body sent. */
    char *b = store_snapshot(h->store, (int64_t)time(NULL), &len, &head);
    snprintf(etag, sizeof etag, "\"%s:%lld\"", head.epoch,
             (long long)head.version);
    if (b && inm && strcmp(inm, etag) == 0) {
        free(b);
        return send_empty(con, MHD_HTTP_NOT_MODIFIED, etag);
    }
    return send_body(con, MHD_HTTP_OK, b, len, etag);
}

static enum MHD_Result changes(http_t *h, struct MHD_Connection *con, req_t *q)
{
    const char *epoch = MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "epoch");
    long long since = parse_nat(MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "since"));
    const char *w = MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "wait");
    long long wait = w ? parse_nat(w) : 0;
    store_head_t head;
    size_t len = 0;

    if (!epoch || since < 0 || wait < 0)
        return send_error(con, MHD_HTTP_BAD_REQUEST, "bad_request",
                          "changes needs epoch, since (a version) and an "
                          "optional wait (seconds)");
    if (wait > h->max_wait_s)
        wait = h->max_wait_s;
    pthread_mutex_lock(&h->mu);
    store_head(h->store, &head);
    if (strcmp(epoch, head.epoch) != 0 || since > head.version) {
        pthread_mutex_unlock(&h->mu);
        return send_error(con, MHD_HTTP_CONFLICT, "resync_required",
                          strcmp(epoch, head.epoch) != 0
                              ? "the server's epoch changed: fetch a snapshot"
                              : "since is ahead of the server: fetch a snapshot");
    }
    int64_t now = http_now_ms();
    if (!q->resumed)
        q->deadline_ms = now + wait * 1000;
    q->resumed = 0;
    if (since == head.version && q->deadline_ms > now && !h->stopping) {
        /* Nothing new (a wake that brought nothing for us re-parks): wait
         * until something changes or the wait is up. */
        q->con = con;
        q->parked = 1;
        q->next = h->parked;
        if (h->parked)
            h->parked->prev = q;
        h->parked = q;
        MHD_suspend_connection(con);
        pthread_mutex_unlock(&h->mu);
        return MHD_YES;
    }
    pthread_mutex_unlock(&h->mu);
    char *b = store_changes(h->store, since, (int64_t)time(NULL), &len);
    return send_body(con, MHD_HTTP_OK, b, len, NULL);
}

/* Content-Type from a file's first bytes (its magic), not from its name:
 * media are named by hash alone. */
static const char *media_type(const unsigned char *p, size_t n)
{
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n',
                                         0x1a, '\n'};
    if (n >= sizeof png && memcmp(p, png, sizeof png) == 0)
        return "image/png";
    if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
        return "image/jpeg";
    return "application/octet-stream";
}

/* Headers of a media answer, 200 or 304: the bytes of a name never
 * change, so anyone may keep them for good. */
static void media_headers(struct MHD_Response *r, const char *etag)
{
    MHD_add_response_header(r, "Cache-Control",
                            "public, max-age=31536000, immutable");
    MHD_add_response_header(r, "ETag", etag);
}

/* GET /media/{name}, name already checked (64 lowercase hex, so a plain
 * file name in media_dir, never a path out of it).  The file is sent from
 * its descriptor (libmicrohttpd closes it with the response), as it is:
 * the kiosk checks the hash.  Symbolic links are not followed. */
static enum MHD_Result media(http_t *h, struct MHD_Connection *con,
                             const char *name)
{
    char path[1200], etag[MEDIA_NAME_LEN + 3];
    unsigned char head[8];
    struct stat st;
    struct MHD_Response *r;
    enum MHD_Result ret;
    int fd = -1;

    if (h->media_dir[0] &&
        media_path(h->media_dir, name, path, sizeof path) == 0)
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
        close(fd);
        fd = -1;
    }
    if (fd < 0)
        return send_error(con, MHD_HTTP_NOT_FOUND, "not_found",
                          "no such media");
    snprintf(etag, sizeof etag, "\"%s\"", name);
    const char *inm = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
                                                  "If-None-Match");
    if (inm && strcmp(inm, etag) == 0) {
        close(fd);
        r = MHD_create_response_from_buffer(0, (void *)"",
                                            MHD_RESPMEM_PERSISTENT);
        if (!r)
            return MHD_NO;
        media_headers(r, etag);
        ret = MHD_queue_response(con, MHD_HTTP_NOT_MODIFIED, r);
        MHD_destroy_response(r);
        return ret;
    }
    ssize_t n = pread(fd, head, sizeof head, 0);
    r = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
    if (!r) {
        close(fd);
        return MHD_NO; /* out of memory: drop the connection */
    }
    MHD_add_response_header(r, "Content-Type",
                            media_type(head, n > 0 ? (size_t)n : 0));
    media_headers(r, etag);
    ret = MHD_queue_response(con, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result set_status(http_t *h, struct MHD_Connection *con,
                                  req_t *q, const char *unit_id)
{
    unit_status_t st;
    int minutes = 0, not_found = 0;
    diag_t d;
    char *b = NULL;
    size_t len = 0;
    diag_clear(&d);
    if (q->body_too_big)
        return send_error(con, MHD_HTTP_CONTENT_TOO_LARGE, "too_large",
                          "request body over 4 KiB");
    if (proto_decode_status_request(q->body, q->body_len, &st, &minutes, &d))
        return send_error(con, MHD_HTTP_BAD_REQUEST, "bad_request", d.msg);
    int64_t now = (int64_t)time(NULL);
    if (store_set_status(h->store, unit_id, st, now, now + minutes * 60LL, &b,
                         &len, &not_found, &d) != 0)
        return not_found ? send_error(con, MHD_HTTP_NOT_FOUND, "unknown_unit",
                                      "no such unit")
                         : send_error(con, MHD_HTTP_INTERNAL_SERVER_ERROR,
                                      "internal", d.msg);
    /* Parked polls hear of it from the main loop, which sees every new
     * version (and none when the status was already this one). */
    return send_body(con, MHD_HTTP_OK, b, len, NULL);
}

/* An Idempotency-Key: 1..64 of A-Z a-z 0-9 _ -. */
static int key_valid(const char *k)
{
    size_t n = k ? strlen(k) : 0;
    if (n < 1 || n > 64)
        return 0;
    return strspn(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                     "0123456789_-") == n;
}

/* A hold id in a path: an id of the protocol (3.1). */
static int hold_id_valid(const char *id)
{
    size_t n = strlen(id);
    return n >= 1 && n < MODEL_ID_MAX &&
           strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                      "0123456789-._~") == n;
}

static enum MHD_Result send_result(struct MHD_Connection *con,
                                   store_result_t r, int status, char *body,
                                   size_t len, const diag_t *d)
{
    if (r == STORE_MISMATCH)
        return send_error(con, 422, "idempotency_mismatch",
                          "this Idempotency-Key was used for another request "
                          "body: use a new key for a new request");
    if (r != STORE_ANSWER) {
        free(body);
        return send_error(con, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
                          d->msg);
    }
    return send_body(con, (unsigned)status, body, len, NULL);
}

/* POST /api/v1/holds and DELETE /api/v1/holds/{id} (PROTOCOL.md 5.6). */
static enum MHD_Result holds(http_t *h, struct MHD_Connection *con, req_t *q,
                             const char *method, const char *tail,
                             const char *auth)
{
    const char *kiosk;
    int is_post = strcmp(method, "POST") == 0;
    int status = 0;
    char *body = NULL;
    size_t len = 0;
    diag_t d;
    diag_clear(&d);
    if (tail[0] == '\0') {
        if (!is_post)
            return send_error(con, MHD_HTTP_METHOD_NOT_ALLOWED,
                              "method_not_allowed", "use POST");
    } else if (tail[0] != '/' || !hold_id_valid(tail + 1)) {
        return send_error(con, MHD_HTTP_NOT_FOUND, "not_found",
                          "no such endpoint");
    } else if (strcmp(method, "DELETE") != 0) {
        return send_error(con, MHD_HTTP_METHOD_NOT_ALLOWED,
                          "method_not_allowed", "use DELETE");
    }
    if (!(kiosk = tokens_check(h->tokens, auth, ROLE_KIOSK)))
        return send_error(con, MHD_HTTP_UNAUTHORIZED, "unauthorized",
                          "a valid bearer token is required");
    if (q->body_too_big)
        return send_error(con, MHD_HTTP_CONTENT_TOO_LARGE, "too_large",
                          "request body over 4 KiB");
    int64_t now = (int64_t)time(NULL);
    if (!is_post) {
        char consultant[MODEL_ID_MAX];
        if (proto_decode_release_request(q->body, q->body_len, consultant, &d))
            return send_error(con, MHD_HTTP_BAD_REQUEST, "bad_request", d.msg);
        store_result_t r = store_hold_release(h->store, tail + 1, consultant,
                                              kiosk, now, &status, &body,
                                              &len, &d);
        return send_result(con, r, status, body, len, &d);
    }
    const char *key = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
                                                  "Idempotency-Key");
    if (!key_valid(key))
        return send_error(con, MHD_HTTP_BAD_REQUEST, "bad_request",
                          key ? "Idempotency-Key: must be 1 to 64 of A-Z a-z "
                                "0-9 _ -"
                              : "Idempotency-Key: header required");
    proto_hold_request_t req;
    if (proto_decode_hold_request(q->body, q->body_len, &req, &d))
        return send_error(con, MHD_HTTP_BAD_REQUEST, "bad_request", d.msg);
    /* The same key must come with the very same body. */
    char hash[MEDIA_NAME_LEN + 1];
    media_sha256_hex(q->body, q->body_len, hash);
    store_result_t r = store_hold_place(h->store, &req, kiosk, key, hash, now,
                                        &h->holds, &status, &body, &len, &d);
    return send_result(con, r, status, body, len, &d);
}

static enum MHD_Result route(http_t *h, struct MHD_Connection *con,
                             const char *url, const char *method, req_t *q)
{
    static const char proj[] = "/api/v1/projects/";
    static const char admin[] = "/api/v1/admin/units/";
    const char *auth = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
                                                   MHD_HTTP_HEADER_AUTHORIZATION);
    int is_get = strcmp(method, "GET") == 0;

    if (strcmp(url, "/healthz") == 0)
        return is_get ? send_body(con, MHD_HTTP_OK, strdup("{\"ok\":true}"),
                                  11, NULL)
                      : send_error(con, MHD_HTTP_METHOD_NOT_ALLOWED,
                                   "method_not_allowed", "use GET");
    if (strncmp(url, admin, sizeof admin - 1) == 0) {
        const char *id = url + sizeof admin - 1;
        const char *tail = strchr(id, '/');
        char unit[MODEL_ID_MAX];
        if (!tail || strcmp(tail, "/status") != 0 ||
            (size_t)(tail - id) >= sizeof unit || tail == id)
            return send_error(con, MHD_HTTP_NOT_FOUND, "not_found", "no such endpoint");
        if (strcmp(method, "POST") != 0)
            return send_error(con, MHD_HTTP_METHOD_NOT_ALLOWED,
                              "method_not_allowed", "use POST");
        if (!tokens_check(h->tokens, auth, ROLE_ADMIN))
            return send_error(con, MHD_HTTP_UNAUTHORIZED, "unauthorized",
                              "an admin token is required");
        memcpy(unit, id, (size_t)(tail - id));
        unit[tail - id] = '\0';
        return set_status(h, con, q, unit);
    }
    if (strncmp(url, proj, sizeof proj - 1) == 0) {
        store_head_t head;
        const char *id = url + sizeof proj - 1;
        const char *tail = strchr(id, '/');
        if (!tokens_check(h->tokens, auth, ROLE_KIOSK))
            return send_error(con, MHD_HTTP_UNAUTHORIZED, "unauthorized",
                              "a valid bearer token is required");
        store_head(h->store, &head);
        if (!tail || (size_t)(tail - id) != strlen(head.project_id) ||
            strncmp(id, head.project_id, (size_t)(tail - id)) != 0)
            return send_error(con, MHD_HTTP_NOT_FOUND, "unknown_project",
                              "no such project");
        if (strcmp(tail, "/snapshot") != 0 && strcmp(tail, "/changes") != 0)
            return send_error(con, MHD_HTTP_NOT_FOUND, "not_found", "no such endpoint");
        if (!is_get)
            return send_error(con, MHD_HTTP_METHOD_NOT_ALLOWED,
                              "method_not_allowed", "use GET");
        return strcmp(tail, "/snapshot") == 0 ? snapshot(h, con)
                                              : changes(h, con, q);
    }
    if (strncmp(url, "/api/v1/holds", 13) == 0 &&
        (url[13] == '\0' || url[13] == '/'))
        return holds(h, con, q, method, url + 13, auth);
    if (strncmp(url, "/media/", 7) == 0) {
        const char *hash = url + 7;
        if (!tokens_check(h->tokens, auth, ROLE_KIOSK))
            return send_error(con, MHD_HTTP_UNAUTHORIZED, "unauthorized",
                              "a valid bearer token is required");
        if (!media_name_valid(hash))
            return send_error(con, MHD_HTTP_BAD_REQUEST, "bad_request",
                              "media are named by 64 lowercase hex digits");
        if (!is_get)
            return send_error(con, MHD_HTTP_METHOD_NOT_ALLOWED,
                              "method_not_allowed", "use GET");
        return media(h, con, hash);
    }
    return send_error(con, MHD_HTTP_NOT_FOUND, "not_found", "no such endpoint");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    http_t *h = cls;
    req_t *q = *con_cls;
    (void)version;
    if (!q) { /* first call: set up only (see the file's comment) */
        q = calloc(1, sizeof *q);
        if (!q)
            return MHD_NO;
        *con_cls = q;
        return MHD_YES;
    }
    if (*upload_size > 0) { /* a body arriving in pieces, capped */
        if (q->body_len + *upload_size > BODY_MAX)
            q->body_too_big = 1;
        else {
            memcpy(q->body + q->body_len, upload, *upload_size);
            q->body_len += *upload_size;
        }
        *upload_size = 0;
        return MHD_YES;
    }
    return route(h, con, url, method, q);
}

static void on_completed(void *cls, struct MHD_Connection *con,
                         void **con_cls, enum MHD_RequestTerminationCode why)
{
    http_t *h = cls;
    req_t *q = *con_cls;
    (void)con;
    (void)why;
    if (!q)
        return;
    pthread_mutex_lock(&h->mu);
    if (q->parked) /* cannot happen while suspended, but be sure */
        list_remove(h, q);
    pthread_mutex_unlock(&h->mu);
    free(q);
    *con_cls = NULL;
}

static int parse_listen(const char *s, struct sockaddr_in *sa, diag_t *d)
{
    char host[64];
    const char *colon = strrchr(s, ':');
    long long port;
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    if (!colon || (size_t)(colon - s) >= sizeof host ||
        (port = parse_nat(colon + 1)) < 0 || port > 65535) {
        diag_set(d, "listen: '%s' is not ADDRESS:PORT (e.g. 127.0.0.1:8080)", s);
        return -1;
    }
    memcpy(host, s, (size_t)(colon - s));
    host[colon - s] = '\0';
    if (inet_pton(AF_INET, host[0] ? host : "0.0.0.0", &sa->sin_addr) != 1) {
        diag_set(d, "listen: '%s' is not an IPv4 address", host);
        return -1;
    }
    sa->sin_port = htons((uint16_t)port);
    return 0;
}

http_t *http_start(const http_opts_t *o, diag_t *d)
{
    struct sockaddr_in sa;
    http_t *h;
    if (parse_listen(o->listen, &sa, d) != 0)
        return NULL;
    if (o->media_dir && strlen(o->media_dir) >= sizeof h->media_dir) {
        diag_set(d, "media directory '%.80s...': path too long", o->media_dir);
        return NULL;
    }
    h = calloc(1, sizeof *h);
    if (!h) {
        diag_set(d, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&h->mu, NULL);
    h->store = o->store;
    h->tokens = o->tokens;
    h->max_wait_s = o->max_wait_s > 0 ? o->max_wait_s : 25;
    h->holds.max_minutes = o->holds.max_minutes > 0 ? o->holds.max_minutes : 30;
    h->holds.per_consultant =
        o->holds.per_consultant > 0 ? o->holds.per_consultant : 3;
    snprintf(h->media_dir, sizeof h->media_dir, "%s",
             o->media_dir ? o->media_dir : "");
    h->mhd = MHD_start_daemon(
        MHD_USE_AUTO_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME, 0, NULL,
        NULL, on_request, h,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)(o->connection_limit > 0 ? o->connection_limit : 1024),
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)(o->per_ip_limit > 0 ? o->per_ip_limit : 0),
        /* A parked poll is not idle: suspended connections do not time out. */
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(o->timeout_s > 0 ? o->timeout_s : 60),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, h,
        MHD_OPTION_END);
    if (!h->mhd) {
        diag_set(d, "cannot listen on %s (in use, or not allowed?)", o->listen);
        pthread_mutex_destroy(&h->mu);
        free(h);
        return NULL;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(h->mhd, MHD_DAEMON_INFO_BIND_PORT);
    h->port = info ? info->port : ntohs(sa.sin_port);
    return h;
}

void http_stop(http_t *h)
{
    if (!h)
        return;
    pthread_mutex_lock(&h->mu);
    h->stopping = 1; /* nothing parks from now on */
    pthread_mutex_unlock(&h->mu);
    MHD_socket fd = MHD_quiesce_daemon(h->mhd); /* and no new connections */
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    http_notify(h); /* every suspended connection must be resumed first */
    MHD_stop_daemon(h->mhd);
    pthread_mutex_destroy(&h->mu);
    free(h);
}

int http_port(const http_t *h)
{
    return h->port;
}
