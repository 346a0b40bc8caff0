/* store.c - see store.h. */
#include "store.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "proto.h"

struct store {
    pthread_mutex_t mu;
    cache_t *db;
    model_t *m;
    int64_t data_version;
    char *snap;              /* encoded snapshot of snap_version */
    size_t snap_len;
    int64_t snap_version;
    char snap_epoch[MODEL_ID_MAX];
    char *chg;               /* the last changes answer, for the next asker */
    size_t chg_len;
    int64_t chg_since, chg_version;
    char chg_epoch[MODEL_ID_MAX];
};

/* Loads the whole project afresh (a new epoch, or the first load). */
static int reload_all(store_t *s, diag_t *d)
{
    model_t *m = NULL;
    if (cache_load_model(s->db, &m, d) != CACHE_OK)
        return -1;
    if (model_index(m) != 0) {
        model_destroy(m);
        diag_set(d, "out of memory indexing units");
        return -1;
    }
    model_destroy(s->m);
    s->m = m;
    return 0;
}

/* Brings memory up to the database; caller holds the lock. */
static int refresh_locked(store_t *s, int force, diag_t *d)
{
    int64_t dv = 0;
    cache_sync_t sync;
    unit_t *changed = NULL;
    int n = 0;

    if (cache_data_version(s->db, &dv, d) != CACHE_OK)
        return -1;
    if (!force && dv == s->data_version && s->m)
        return 0;
    s->data_version = dv;
    if (!s->m)
        return reload_all(s, d) == 0 ? 1 : -1;
    if (cache_read_changes(s->db, s->m->version, &sync, &changed, &n, d) !=
        CACHE_OK)
        return -1;
    if (strcmp(sync.epoch, s->m->epoch) != 0 ||
        strcmp(sync.project_id, s->m->project.id) != 0 ||
        sync.version < s->m->version) {
        free(changed); /* rebuilt: a new epoch, or a version that went back */
        return reload_all(s, d) == 0 ? 1 : -1;
    }
    if (sync.version == s->m->version) {
        free(changed);
        return 0;
    }
    model_change_t *ch = malloc(sizeof *ch * (size_t)(n > 0 ? n : 1));
    int k = ch ? model_apply_units(s->m, changed, n, ch) : -1;
    free(ch);
    free(changed);
    if (k < 0) /* a unit we never saw: the structure changed */
        return reload_all(s, d) == 0 ? 1 : -1;
    /* Consultants are few: read them all again. */
    if (cache_load_consultants(s->db, s->m, d) != CACHE_OK)
        return reload_all(s, d) == 0 ? 1 : -1;
    s->m->version = sync.version;
    return 1;
}

store_t *store_open(const char *db_path, diag_t *d)
{
    store_t *s = calloc(1, sizeof *s);
    if (!s) {
        diag_set(d, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&s->mu, NULL);
    if (cache_open(db_path, &s->db, d) != CACHE_OK ||
        cache_set_durable(s->db, d) != CACHE_OK)
        goto fail;
    int has = 0;
    if (cache_has_project(s->db, &has, d) != CACHE_OK)
        goto fail;
    if (!has) {
        diag_set(d, "%s: no project (run: salesd init --db %s --demo)",
                 db_path, db_path);
        goto fail;
    }
    if (refresh_locked(s, 1, d) < 0)
        goto fail;
    return s;
fail:
    store_close(s);
    return NULL;
}

void store_close(store_t *s)
{
    if (!s)
        return;
    cache_close(s->db);
    model_destroy(s->m);
    free(s->snap);
    free(s->chg);
    pthread_mutex_destroy(&s->mu);
    free(s);
}

int store_refresh(store_t *s, diag_t *d)
{
    pthread_mutex_lock(&s->mu);
    int rc = refresh_locked(s, 0, d);
    pthread_mutex_unlock(&s->mu);
    return rc;
}

void store_head(store_t *s, store_head_t *out)
{
    pthread_mutex_lock(&s->mu);
    snprintf(out->project_id, sizeof out->project_id, "%s", s->m->project.id);
    snprintf(out->epoch, sizeof out->epoch, "%s", s->m->epoch);
    out->version = s->m->version;
    pthread_mutex_unlock(&s->mu);
}

static char *copy_body(const char *b, size_t len)
{
    char *c = malloc(len + 1);
    if (c) {
        memcpy(c, b, len);
        c[len] = '\0';
    }
    return c;
}

char *store_snapshot(store_t *s, int64_t now, size_t *len, store_head_t *head)
{
    char *out = NULL;
    pthread_mutex_lock(&s->mu);
    snprintf(head->project_id, sizeof head->project_id, "%s", s->m->project.id);
    snprintf(head->epoch, sizeof head->epoch, "%s", s->m->epoch);
    head->version = s->m->version;
    /* The cached body carries the server_time of its encoding: kiosks use
     * server_time only as a hint, never for ordering. */
    if (!s->snap || s->snap_version != s->m->version ||
        strcmp(s->snap_epoch, s->m->epoch) != 0) {
        free(s->snap);
        s->snap = proto_encode_snapshot(s->m, now, &s->snap_len);
        s->snap_version = s->m->version;
        snprintf(s->snap_epoch, sizeof s->snap_epoch, "%s", s->m->epoch);
    }
    if (s->snap) {
        out = copy_body(s->snap, s->snap_len);
        *len = s->snap_len;
    }
    pthread_mutex_unlock(&s->mu);
    return out;
}

void store_read(store_t *s, void (*fn)(const model_t *m, void *user),
                void *user)
{
    pthread_mutex_lock(&s->mu);
    fn(s->m, user);
    pthread_mutex_unlock(&s->mu);
}

char *store_changes(store_t *s, int64_t since, int64_t now, size_t *len)
{
    char *out = NULL;
    pthread_mutex_lock(&s->mu);
    /* When a change wakes a showroom of kiosks they all ask the same
     * question (since = the version before it): answer it once. */
    if (!s->chg || s->chg_since != since || s->chg_version != s->m->version ||
        strcmp(s->chg_epoch, s->m->epoch) != 0) {
        free(s->chg);
        s->chg = proto_encode_changes(s->m, since, now, &s->chg_len);
        s->chg_since = since;
        s->chg_version = s->m->version;
        snprintf(s->chg_epoch, sizeof s->chg_epoch, "%s", s->m->epoch);
    }
    if (s->chg) {
        out = copy_body(s->chg, s->chg_len);
        *len = s->chg_len;
    }
    pthread_mutex_unlock(&s->mu);
    return out;
}

int store_set_status(store_t *s, const char *unit_id, unit_status_t st,
                     int64_t now, int64_t hold_expires_at, char **unit_json,
                     size_t *len, int *not_found, diag_t *d)
{
    int64_t v = 0;
    int rc = -1;
    *not_found = 0;
    if (unit_json)
        *unit_json = NULL;
    pthread_mutex_lock(&s->mu);
    cache_status_t cs = cache_set_status(s->db, unit_id, st, now,
                                         hold_expires_at, &v, d);
    if (cs == CACHE_ERR_NOT_FOUND)
        *not_found = 1;
    if (cs == CACHE_OK && refresh_locked(s, 1, d) >= 0) {
        int k = model_find_unit(s->m, unit_id);
        if (unit_json && k >= 0)
            *unit_json = proto_encode_unit(s->m, &s->m->units[k], v, len);
        rc = 0;
    }
    pthread_mutex_unlock(&s->mu);
    return rc;
}

int store_expire_holds(store_t *s, int64_t now, diag_t *d)
{
    int n = 0, rc = 0;
    pthread_mutex_lock(&s->mu);
    if (cache_expire_holds(s->db, now, &n, d) != CACHE_OK)
        rc = -1;
    else if (n > 0 && refresh_locked(s, 1, d) < 0)
        rc = -1;
    pthread_mutex_unlock(&s->mu);
    return rc < 0 ? -1 : n;
}

/* ---- holds ---------------------------------------------------------------- */

/* A new hold id: "h" and 16 random hex digits. */
static int new_hold_id(char *out, size_t size, diag_t *d)
{
    unsigned char b[8];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || read(fd, b, sizeof b) != (ssize_t)sizeof b) {
        diag_set(d, "cannot read /dev/urandom for a hold id");
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    snprintf(out, size, "h%02x%02x%02x%02x%02x%02x%02x%02x", b[0], b[1],
             b[2], b[3], b[4], b[5], b[6], b[7]);
    return 0;
}

static char *error_answer(int *status, int code_status, const char *code,
                          const char *message, size_t *len)
{
    *status = code_status;
    return proto_encode_error(code, message, len);
}

/* The HTTP answer to a hold outcome (kept for its Idempotency-Key). */
static char *hold_answer(const cache_hold_result_t *r, int *status,
                         size_t *len, void *user)
{
    const proto_hold_request_t *req = user;
    char msg[256];
    switch (r->outcome) {
    case CACHE_HOLD_OK:
        *status = 201;
        return proto_encode_hold(&r->hold, r->version, len);
    case CACHE_HOLD_UNAVAILABLE:
        snprintf(msg, sizeof msg, "unit '%s' is %s", req->unit_id,
                 r->unit_status == STATUS_WITHHELD
                     ? "withheld (not released for sale)"
                     : status_wire_name(r->unit_status));
        return error_answer(status, 409, "unit_unavailable", msg, len);
    case CACHE_HOLD_OVER_LIMIT:
        snprintf(msg, sizeof msg, "consultant '%s' already holds %d units, "
                 "the most one may", req->consultant_id, r->active_holds);
        return error_answer(status, 409, "over_limit", msg, len);
    case CACHE_HOLD_CONSULTANT_UNKNOWN:
        snprintf(msg, sizeof msg, "consultant_id: no consultant '%s'",
                 req->consultant_id);
        return error_answer(status, 404, "consultant_unknown", msg, len);
    case CACHE_HOLD_UNIT_UNKNOWN:
    default:
        snprintf(msg, sizeof msg, "unit_id: no unit '%s'", req->unit_id);
        return error_answer(status, 404, "not_found", msg, len);
    }
}

store_result_t store_hold_place(store_t *s, const proto_hold_request_t *req,
                                const char *kiosk, const char *key,
                                const char *request_hash, int64_t now,
                                const store_hold_limits_t *lim, int *status,
                                char **body, size_t *len, diag_t *d)
{
    char id[MODEL_ID_MAX];
    cache_hold_result_t res;
    int replayed = 0;
    int minutes = req->minutes < lim->max_minutes ? req->minutes
                                                  : lim->max_minutes;
    cache_idem_t idem = {key, kiosk, request_hash, hold_answer, (void *)req};
    *body = NULL;
    if (new_hold_id(id, sizeof id, d) != 0)
        return STORE_FAILED;
    pthread_mutex_lock(&s->mu);
    cache_status_t cs = cache_hold_place(s->db, id, req, kiosk, now,
                                         now + 60LL * minutes,
                                         lim->per_consultant, &idem, &res,
                                         status, body, len, &replayed, d);
    if (cs == CACHE_OK && !replayed && res.outcome == CACHE_HOLD_OK)
        refresh_locked(s, 1, d); /* memory follows; the main loop notifies */
    pthread_mutex_unlock(&s->mu);
    if (cs == CACHE_ERR_MISMATCH)
        return STORE_MISMATCH;
    return cs == CACHE_OK ? STORE_ANSWER : STORE_FAILED;
}

store_result_t store_hold_release(store_t *s, const char *hold_id,
                                  const char *consultant_id,
                                  const char *kiosk, int64_t now, int *status,
                                  char **body, size_t *len, diag_t *d)
{
    cache_hold_result_t res;
    char msg[160];
    *body = NULL;
    pthread_mutex_lock(&s->mu);
    cache_status_t cs = cache_hold_release(s->db, hold_id, consultant_id,
                                           kiosk, now, &res, d);
    if (cs == CACHE_OK && res.outcome == CACHE_HOLD_OK)
        refresh_locked(s, 1, d);
    pthread_mutex_unlock(&s->mu);
    if (cs != CACHE_OK)
        return STORE_FAILED;
    if (res.outcome == CACHE_HOLD_OK) {
        *status = 200;
        *body = proto_encode_hold(&res.hold, res.version, len);
    } else if (res.outcome == CACHE_HOLD_NOT_OWNER) {
        snprintf(msg, sizeof msg, "hold '%s' belongs to another consultant",
                 hold_id);
        *body = error_answer(status, 403, "not_owner", msg, len);
    } else {
        snprintf(msg, sizeof msg, "no hold '%s'", hold_id);
        *body = error_answer(status, 404, "not_found", msg, len);
    }
    return *body ? STORE_ANSWER : STORE_FAILED;
}
