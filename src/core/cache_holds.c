/* cache_holds.c - consultants, holds and their ledgers (cache.h): salesd's
 * side (consultants, holds, audit, idempotency) and a kiosk's (the outbox
 * of hold requests, PIN lockouts).
 *
 * Each operation is one BEGIN IMMEDIATE transaction, so two kiosks racing
 * for one unit are decided by SQLite's write lock: the second sees the
 * first's hold.  A hold's answer to its Idempotency-Key is kept in the
 * same transaction as the hold, so a crash can never keep one without the
 * other.  Not for: HTTP or JSON (the answers are encoded by the caller).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache_private.h"

/* ---- small helpers, inside the caller's transaction ---------------------- */

static int next_version(cache_t *c, int64_t *v)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db,
        "UPDATE sync_state SET version = version + 1 WHERE id = 1"
        " RETURNING version;", -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *v = sqlite3_column_int64(st, 0);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_ERROR; /* no project */
    }
    sqlite3_finalize(st);
    return rc;
}

static int current_version(cache_t *c, int64_t *v)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db,
        "SELECT version FROM sync_state WHERE id = 1;", -1, &st, NULL);
    *v = 0;
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *v = sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

static int audit(cache_t *c, int64_t at, const char *action,
                 const proto_hold_t *h, const char *kiosk)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db,
        "INSERT INTO audit (at, action, hold_id, unit_id, consultant_id, kiosk)"
        " VALUES (?,?,?,?,?,?);", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, at);
        sqlite3_bind_text(st, 2, action, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, h->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, h->unit_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, h->consultant_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, kiosk, -1, SQLITE_STATIC);
        rc = cache_step_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* The hold row id into *h; *found 0 when there is none. */
static int read_hold(cache_t *c, const char *id, proto_hold_t *h, int *found)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db,
        "SELECT id, unit_id, consultant_id, kiosk, created_at, expires_at,"
        " released_at, state FROM hold WHERE id = ?;", -1, &st, NULL);
    *found = 0;
    memset(h, 0, sizeof *h);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        cache_col_text(st, 0, h->id, sizeof h->id);
        cache_col_text(st, 1, h->unit_id, sizeof h->unit_id);
        cache_col_text(st, 2, h->consultant_id, sizeof h->consultant_id);
        cache_col_text(st, 3, h->kiosk, sizeof h->kiosk);
        h->created_at = sqlite3_column_int64(st, 4);
        h->expires_at = sqlite3_column_int64(st, 5);
        h->released_at = sqlite3_column_int64(st, 6);
        cache_col_text(st, 7, h->state, sizeof h->state);
        *found = 1;
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Ends hold id as state at now. */
static int end_hold(cache_t *c, const char *id, const char *state,
                    int64_t now)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db,
        "UPDATE hold SET state = ?, released_at = ? WHERE id = ?"
        " AND state = 'active';", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, state, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, now);
        sqlite3_bind_text(st, 3, id, -1, SQLITE_STATIC);
        rc = cache_step_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* A held unit back to available at now, as version v. */
static int unit_available(cache_t *c, const char *unit_id, int64_t now,
                          int64_t v)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db,
        "UPDATE unit SET status = 'available', status_changed_at = ?,"
        " hold_expires_at = 0, hold_id = '', held_by = '', version = ?"
        " WHERE id = ?;", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, now);
        sqlite3_bind_int64(st, 2, v);
        sqlite3_bind_text(st, 3, unit_id, -1, SQLITE_STATIC);
        rc = cache_step_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

static cache_status_t finish(cache_t *c, int rc, cache_status_t st,
                             const char *what, diag_t *d)
{
    if (st == CACHE_OK && rc != SQLITE_OK)
        st = cache_sql_fail(c, rc, what, d);
    if (st == CACHE_OK)
        st = cache_exec(c, "COMMIT;", what, d);
    if (st != CACHE_OK)
        sqlite3_exec(c->db, "ROLLBACK;", NULL, NULL, NULL);
    return st;
}

/* ---- consultants --------------------------------------------------------- */

cache_status_t cache_consultant_put(cache_t *c, const consultant_t *k,
                                    int64_t *version, diag_t *d)
{
    sqlite3_stmt *st = NULL;
    int64_t v = 0;
    int has = 0;
    cache_status_t cs = cache_has_project(c, &has, d);
    if (cs != CACHE_OK)
        return cs;
    if (!has) {
        diag_set(d, "%s: no project to add consultants to (salesd init first)",
                 c->path);
        return CACHE_ERR_NOT_FOUND;
    }
    cs = cache_exec(c, "BEGIN IMMEDIATE;", "adding a consultant", d);
    if (cs != CACHE_OK)
        return cs;
    int rc = next_version(c, &v);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(c->db,
            "INSERT INTO consultant (id, project_id, name_zh_hant, name_zh_hans,"
            " name_en, pin_hash, active, version)"
            " SELECT ?1, id, ?2, ?3, ?4, ?5, 1, ?6 FROM project LIMIT 1"
            " ON CONFLICT(id) DO UPDATE SET name_zh_hant = excluded.name_zh_hant,"
            " name_zh_hans = excluded.name_zh_hans, name_en = excluded.name_en,"
            " pin_hash = excluded.pin_hash, active = 1,"
            " version = excluded.version;", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, k->id, -1, SQLITE_STATIC);
        for (int l = 0; l < LANG_COUNT; l++)
            sqlite3_bind_text(st, 2 + l, k->name.s[l], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, k->pin_hash, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 6, v);
        rc = cache_step_reset(st);
        if (rc == SQLITE_OK && sqlite3_changes(c->db) != 1)
            rc = SQLITE_ERROR; /* no project to add to */
    }
    sqlite3_finalize(st);
    cs = finish(c, rc, CACHE_OK, "adding a consultant", d);
    if (cs == CACHE_OK)
        *version = v;
    return cs;
}

cache_status_t cache_consultant_remove(cache_t *c, const char *id,
                                       int64_t *version, diag_t *d)
{
    sqlite3_stmt *st = NULL;
    int64_t v = 0;
    cache_status_t cs = cache_exec(c, "BEGIN IMMEDIATE;", "removing a consultant", d);
    if (cs != CACHE_OK)
        return cs;
    int rc = next_version(c, &v);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(c->db,
            "UPDATE consultant SET active = 0, pin_hash = '', version = ?"
            " WHERE id = ? AND active = 1;", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, v);
        sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
        rc = cache_step_reset(st);
        if (rc == SQLITE_OK && sqlite3_changes(c->db) != 1) {
            diag_set(d, "%s: no consultant '%s'", c->path, id);
            cs = CACHE_ERR_NOT_FOUND;
        }
    }
    sqlite3_finalize(st);
    cs = finish(c, rc, cs, "removing a consultant", d);
    if (cs == CACHE_OK)
        *version = v;
    return cs;
}

/* ---- placing a hold ------------------------------------------------------ */

/* The kept answer for (kiosk, key): *found, and its hash, status, body. */
static int idem_lookup(cache_t *c, const cache_idem_t *idem, int *found,
                       char *hash, size_t hash_size, int *status,
                       char **body, size_t *len)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db,
        "SELECT request_hash, status, body FROM idempotency"
        " WHERE kiosk = ? AND key = ?;", -1, &st, NULL);
    *found = 0;
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, idem->kiosk, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, idem->key, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        cache_col_text(st, 0, hash, hash_size);
        *status = sqlite3_column_int(st, 1);
        const void *b = sqlite3_column_blob(st, 2);
        size_t n = (size_t)sqlite3_column_bytes(st, 2);
        *body = malloc(n + 1);
        if (!*body) {
            rc = SQLITE_NOMEM;
        } else {
            if (n)
                memcpy(*body, b, n);
            (*body)[n] = '\0';
            *len = n;
            *found = 1;
            rc = SQLITE_OK;
        }
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

static int idem_keep(cache_t *c, const cache_idem_t *idem, int64_t now,
                     int status, const char *body, size_t len)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db,
        "INSERT INTO idempotency (key, kiosk, request_hash, status, body,"
        " created_at) VALUES (?,?,?,?,?,?);", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, idem->key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, idem->kiosk, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, idem->request_hash, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 4, status);
        sqlite3_bind_text(st, 5, body, (int)len, SQLITE_STATIC);
        sqlite3_bind_int64(st, 6, now);
        rc = cache_step_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Decides the request and, when it is granted, writes the hold. */
static int place(cache_t *c, const char *hold_id,
                 const proto_hold_request_t *req, const char *kiosk,
                 int64_t now, int64_t expires_at, int limit,
                 cache_hold_result_t *res)
{
    sqlite3_stmt *st = NULL;
    char word[16] = "";
    int64_t active = 0, known = 0, unit_found = 0;
    int rc = sqlite3_prepare_v2(c->db,
        "SELECT (SELECT count(*) FROM consultant WHERE id = ?1 AND active = 1),"
        " (SELECT count(*) FROM unit WHERE held_by = ?1 AND status = 'held'),"
        " (SELECT status FROM unit WHERE id = ?2),"
        " (SELECT count(*) FROM unit WHERE id = ?2);", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, req->consultant_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, req->unit_id, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        known = sqlite3_column_int64(st, 0);
        active = sqlite3_column_int64(st, 1);
        cache_col_text(st, 2, word, sizeof word);
        unit_found = sqlite3_column_int64(st, 3);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return rc;
    if (current_version(c, &res->version) != SQLITE_OK)
        return SQLITE_ERROR;
    res->active_holds = (int)active;
    if (!known) {
        res->outcome = CACHE_HOLD_CONSULTANT_UNKNOWN;
        return SQLITE_OK;
    }
    if (!unit_found) {
        res->outcome = CACHE_HOLD_UNIT_UNKNOWN;
        return SQLITE_OK;
    }
    if (status_from_wire(word, &res->unit_status) != 0 ||
        res->unit_status != STATUS_AVAILABLE) {
        res->outcome = CACHE_HOLD_UNAVAILABLE;
        return SQLITE_OK;
    }
    if (active >= limit) {
        res->outcome = CACHE_HOLD_OVER_LIMIT;
        return SQLITE_OK;
    }
    proto_hold_t *h = &res->hold;
    snprintf(h->id, sizeof h->id, "%s", hold_id);
    snprintf(h->unit_id, sizeof h->unit_id, "%s", req->unit_id);
    snprintf(h->consultant_id, sizeof h->consultant_id, "%s",
             req->consultant_id);
    snprintf(h->kiosk, sizeof h->kiosk, "%s", kiosk);
    snprintf(h->state, sizeof h->state, "active");
    h->created_at = now;
    h->expires_at = expires_at;
    h->released_at = 0;
    rc = next_version(c, &res->version);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(c->db,
            "UPDATE unit SET status = 'held', status_changed_at = ?,"
            " hold_expires_at = ?, hold_id = ?, held_by = ?, version = ?"
            " WHERE id = ? AND status = 'available';", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, now);
        sqlite3_bind_int64(st, 2, expires_at);
        sqlite3_bind_text(st, 3, h->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, h->consultant_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 5, res->version);
        sqlite3_bind_text(st, 6, h->unit_id, -1, SQLITE_STATIC);
        rc = cache_step_reset(st);
        if (rc == SQLITE_OK && sqlite3_changes(c->db) != 1)
            rc = SQLITE_ERROR; /* cannot happen inside the transaction */
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(c->db,
            "INSERT INTO hold (id, unit_id, consultant_id, kiosk, created_at,"
            " expires_at, state) VALUES (?,?,?,?,?,?,'active');", -1, &st,
            NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, h->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, h->unit_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, h->consultant_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, kiosk, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 5, now);
        sqlite3_bind_int64(st, 6, expires_at);
        rc = cache_step_reset(st);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_OK)
        rc = audit(c, now, "hold", h, kiosk);
    res->outcome = CACHE_HOLD_OK;
    return rc;
}

cache_status_t cache_hold_place(cache_t *c, const char *hold_id,
                                const proto_hold_request_t *req,
                                const char *kiosk, int64_t now,
                                int64_t expires_at, int limit,
                                const cache_idem_t *idem,
                                cache_hold_result_t *res, int *status,
                                char **body, size_t *len, int *replayed,
                                diag_t *d)
{
    const char *what = "placing a hold";
    char kept_hash[80];
    int found = 0, rc = SQLITE_OK;
    cache_status_t cs;
    memset(res, 0, sizeof *res);
    *status = 0;
    *body = NULL;
    *len = 0;
    *replayed = 0;
    if ((cs = cache_exec(c, "BEGIN IMMEDIATE;", what, d)) != CACHE_OK)
        return cs;
    if (idem) {
        rc = idem_lookup(c, idem, &found, kept_hash, sizeof kept_hash, status,
                         body, len);
        if (rc == SQLITE_OK && found) {
            if (strcmp(kept_hash, idem->request_hash) != 0) {
                diag_set(d, "Idempotency-Key '%s' of kiosk '%s' was used for "
                         "another request", idem->key, idem->kiosk);
                free(*body);
                *body = NULL;
                *len = 0;
                *status = 0;
                cs = CACHE_ERR_MISMATCH;
            } else {
                *replayed = 1;
            }
            cs = finish(c, rc, cs, what, d);
            if (cs != CACHE_OK) {
                free(*body);
                *body = NULL;
                *len = 0;
                *replayed = 0;
            }
            return cs;
        }
    }
    if (rc == SQLITE_OK)
        rc = place(c, hold_id, req, kiosk, now, expires_at, limit, res);
    if (rc == SQLITE_OK && idem) {
        *body = idem->answer(res, status, len, idem->user);
        if (!*body)
            rc = SQLITE_NOMEM;
        else
            rc = idem_keep(c, idem, now, *status, *body, *len);
    }
    cs = finish(c, rc, CACHE_OK, what, d);
    if (cs != CACHE_OK) {
        free(*body);
        *body = NULL;
        *len = 0;
        *status = 0;
    }
    return cs;
}

/* ---- releasing and expiring ---------------------------------------------- */

cache_status_t cache_hold_release(cache_t *c, const char *hold_id,
                                  const char *consultant_id,
                                  const char *kiosk, int64_t now,
                                  cache_hold_result_t *res, diag_t *d)
{
    const char *what = "releasing a hold";
    int found = 0;
    memset(res, 0, sizeof *res);
    cache_status_t cs = cache_exec(c, "BEGIN IMMEDIATE;", what, d);
    if (cs != CACHE_OK)
        return cs;
    int rc = read_hold(c, hold_id, &res->hold, &found);
    if (rc == SQLITE_OK)
        rc = current_version(c, &res->version);
    if (rc != SQLITE_OK || !found) {
        res->outcome = CACHE_HOLD_UNKNOWN;
        return finish(c, rc, CACHE_OK, what, d);
    }
    if (strcmp(res->hold.consultant_id, consultant_id) != 0) {
        res->outcome = CACHE_HOLD_NOT_OWNER;
        return finish(c, rc, CACHE_OK, what, d);
    }
    res->outcome = CACHE_HOLD_OK;
    if (strcmp(res->hold.state, "active") != 0)
        return finish(c, rc, CACHE_OK, what, d); /* released already */
    rc = end_hold(c, hold_id, "released", now);
    /* The unit goes back on sale only while it still carries this hold
     * (the office may have changed it since). */
    int64_t carries = 0;
    sqlite3_stmt *st = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(c->db,
            "SELECT count(*) FROM unit WHERE id = ? AND hold_id = ?"
            " AND status = 'held';", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, res->hold.unit_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, hold_id, -1, SQLITE_STATIC);
        if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            carries = sqlite3_column_int64(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_OK && carries) {
        rc = next_version(c, &res->version);
        if (rc == SQLITE_OK)
            rc = unit_available(c, res->hold.unit_id, now, res->version);
    }
    if (rc == SQLITE_OK)
        rc = audit(c, now, "release", &res->hold, kiosk);
    snprintf(res->hold.state, sizeof res->hold.state, "released");
    res->hold.released_at = now;
    return finish(c, rc, CACHE_OK, what, d);
}

cache_status_t cache_expire_holds(cache_t *c, int64_t now, int *n, diag_t *d)
{
    const char *what = "expiring holds";
    sqlite3_stmt *st = NULL;
    struct due { char unit[MODEL_ID_MAX], hold[MODEL_ID_MAX]; } *v = NULL;
    int k = 0, cap = 0;
    *n = 0;
    cache_status_t cs = cache_exec(c, "BEGIN IMMEDIATE;", what, d);
    if (cs != CACHE_OK)
        return cs;
    int rc = sqlite3_prepare_v2(c->db,
        "SELECT id, hold_id FROM unit WHERE status = 'held'"
        " AND hold_expires_at > 0 AND hold_expires_at <= ? ORDER BY id;",
        -1, &st, NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_int64(st, 1, now);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (k == cap) {
            int ncap = cap ? cap * 2 : 8;
            struct due *nv = realloc(v, (size_t)ncap * sizeof *nv);
            if (!nv) {
                rc = SQLITE_NOMEM;
                break;
            }
            v = nv;
            cap = ncap;
        }
        cache_col_text(st, 0, v[k].unit, sizeof v[k].unit);
        cache_col_text(st, 1, v[k].hold, sizeof v[k].hold);
        k++;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    for (int i = 0; rc == SQLITE_OK && i < k; i++) {
        int64_t ver = 0;
        rc = next_version(c, &ver);
        if (rc == SQLITE_OK)
            rc = unit_available(c, v[i].unit, now, ver);
        if (rc != SQLITE_OK || !v[i].hold[0])
            continue; /* the office's hold: no consultant, no ledger */
        proto_hold_t h;
        int found = 0;
        rc = read_hold(c, v[i].hold, &h, &found);
        if (rc == SQLITE_OK && found && strcmp(h.state, "active") == 0) {
            rc = end_hold(c, h.id, "expired", now);
            if (rc == SQLITE_OK)
                rc = audit(c, now, "expire", &h, h.kiosk);
        }
    }
    free(v);
    cs = finish(c, rc, CACHE_OK, what, d);
    if (cs == CACHE_OK)
        *n = k;
    return cs;
}

/* ---- a kiosk's outbox ----------------------------------------------------- */

static const char *const outbox_states[] = {"queued", "sent", "confirmed",
                                            "refused"};

/* One write transaction with the disk waited for at its commit, then the
 * connection's own setting again (synchronous cannot change inside a
 * transaction). */
static cache_status_t durable_begin(cache_t *c, int64_t *was, const char *what,
                                    diag_t *d)
{
    cache_status_t st = cache_query_int(c, "PRAGMA synchronous;", was, what, d);
    if (st == CACHE_OK)
        st = cache_exec(c, "PRAGMA synchronous = FULL;", what, d);
    if (st == CACHE_OK)
        st = cache_exec(c, "BEGIN IMMEDIATE;", what, d);
    return st;
}

static cache_status_t durable_end(cache_t *c, int rc, cache_status_t st,
                                  int64_t was, const char *what, diag_t *d)
{
    char restore[48];
    st = finish(c, rc, st, what, d);
    snprintf(restore, sizeof restore, "PRAGMA synchronous = %d;", (int)was);
    sqlite3_exec(c->db, restore, NULL, NULL, NULL);
    return st;
}

static int read_outbox_row(sqlite3_stmt *st, cache_outbox_t *o)
{
    char word[16];
    memset(o, 0, sizeof *o);
    o->seq = sqlite3_column_int64(st, 0);
    cache_col_text(st, 1, o->key, sizeof o->key);
    cache_col_text(st, 2, o->kind, sizeof o->kind);
    cache_col_text(st, 3, o->body, sizeof o->body);
    cache_col_text(st, 4, word, sizeof word);
    cache_col_text(st, 5, o->reason, sizeof o->reason);
    o->created_at = sqlite3_column_int64(st, 6);
    o->updated_at = sqlite3_column_int64(st, 7);
    for (int i = 0; i < 4; i++)
        if (strcmp(word, outbox_states[i]) == 0)
            o->state = (outbox_state_t)i;
    return 0;
}

static cache_status_t outbox_query(cache_t *c, const char *sql,
                                   const char *key, cache_outbox_t *out,
                                   int *found, diag_t *d)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db, sql, -1, &st, NULL);
    *found = 0;
    if (rc == SQLITE_OK && key)
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        read_outbox_row(st, out);
        *found = 1;
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? CACHE_OK
                             : cache_sql_fail(c, rc, "reading the outbox", d);
}

#define OUTBOX_COLS "SELECT seq, key, kind, body, state, reason, created_at," \
                    " updated_at FROM outbox"

cache_status_t cache_outbox_next(cache_t *c, cache_outbox_t *out, int *found,
                                 diag_t *d)
{
    return outbox_query(c, OUTBOX_COLS " WHERE state IN ('queued', 'sent')"
                        " ORDER BY seq LIMIT 1;", NULL, out, found, d);
}

cache_status_t cache_outbox_get(cache_t *c, const char *key,
                                cache_outbox_t *out, int *found, diag_t *d)
{
    return outbox_query(c, OUTBOX_COLS " WHERE key = ?;", key, out, found, d);
}

cache_status_t cache_outbox_add(cache_t *c, const char *key, const char *kind,
                                const char *body, int64_t now, int64_t *seq,
                                diag_t *d)
{
    const char *what = "queueing a request";
    int64_t was = 1;
    size_t kn = strnlen(key, CACHE_OUTBOX_KEY_MAX);
    if (kn == 0 || kn >= CACHE_OUTBOX_KEY_MAX ||
        (strcmp(kind, "hold") != 0 && strcmp(kind, "release") != 0) ||
        strnlen(body, CACHE_OUTBOX_BODY_MAX) >= CACHE_OUTBOX_BODY_MAX) {
        diag_set(d, "%s: outbox: key of 1..%d bytes, kind hold or release, "
                 "body under %d bytes", c->path, CACHE_OUTBOX_KEY_MAX - 1,
                 CACHE_OUTBOX_BODY_MAX);
        return CACHE_ERR_INVALID;
    }
    cache_status_t st = durable_begin(c, &was, what, d);
    if (st != CACHE_OK) {
        durable_end(c, SQLITE_OK, st, was, what, d);
        return st;
    }
    cache_outbox_t old;
    int found = 0, rc = SQLITE_OK;
    st = cache_outbox_get(c, key, &old, &found, d);
    if (st == CACHE_OK && found) {
        if (strcmp(old.body, body) != 0 || strcmp(old.kind, kind) != 0) {
            diag_set(d, "%s: outbox key '%s' is queued with another request",
                     c->path, key);
            st = CACHE_ERR_MISMATCH;
        } else if (seq) {
            *seq = old.seq;
        }
        return durable_end(c, rc, st, was, what, d);
    }
    sqlite3_stmt *ins = NULL;
    if (st == CACHE_OK)
        rc = sqlite3_prepare_v2(c->db,
            "INSERT INTO outbox (key, kind, body, state, created_at, updated_at)"
            " VALUES (?,?,?,'queued',?,?);", -1, &ins, NULL);
    if (st == CACHE_OK && rc == SQLITE_OK) {
        sqlite3_bind_text(ins, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 3, body, -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins, 4, now);
        sqlite3_bind_int64(ins, 5, now);
        rc = cache_step_reset(ins);
        if (rc == SQLITE_OK && seq)
            *seq = sqlite3_last_insert_rowid(c->db);
    }
    sqlite3_finalize(ins);
    return durable_end(c, rc, st, was, what, d);
}

cache_status_t cache_outbox_set(cache_t *c, const char *key,
                                outbox_state_t state, const char *reason,
                                int64_t now, diag_t *d)
{
    const char *what = "updating the outbox";
    int64_t was = 1;
    sqlite3_stmt *st = NULL;
    int rc = SQLITE_OK;
    if ((int)state < 0 || state > OUTBOX_REFUSED) {
        diag_set(d, "%s: outbox: unknown state %d", c->path, (int)state);
        return CACHE_ERR_INVALID;
    }
    cache_status_t cs = durable_begin(c, &was, what, d);
    if (cs == CACHE_OK)
        rc = sqlite3_prepare_v2(c->db,
            "UPDATE outbox SET state = ?, reason = ?, updated_at = ?"
            " WHERE key = ?;", -1, &st, NULL);
    if (cs == CACHE_OK && rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, outbox_states[state], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, reason ? reason : "", -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, now);
        sqlite3_bind_text(st, 4, key, -1, SQLITE_STATIC);
        rc = cache_step_reset(st);
        if (rc == SQLITE_OK && sqlite3_changes(c->db) != 1) {
            diag_set(d, "%s: no outbox entry '%s'", c->path, key);
            cs = CACHE_ERR_NOT_FOUND;
        }
    }
    sqlite3_finalize(st);
    return durable_end(c, rc, cs, was, what, d);
}

cache_status_t cache_outbox_recent(cache_t *c, const char *consultant_id,
                                   int64_t since, cache_outbox_t *out, int max,
                                   int *n, diag_t *d)
{
    sqlite3_stmt *st = NULL;
    /* The body's consultant_id (a body that is not JSON has none: CASE
     * keeps json_extract from failing the query on it). */
    int rc = sqlite3_prepare_v2(c->db, OUTBOX_COLS
        " WHERE (?1 IS NULL OR CASE WHEN json_valid(body)"
        "  THEN json_extract(body, '$.consultant_id') END = ?1)"
        " AND (state IN ('queued', 'sent') OR updated_at >= ?2)"
        " ORDER BY seq DESC LIMIT ?3;", -1, &st, NULL);
    *n = 0;
    if (rc == SQLITE_OK) {
        if (consultant_id)
            sqlite3_bind_text(st, 1, consultant_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, since);
        sqlite3_bind_int(st, 3, max > 0 ? max : 0);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            read_outbox_row(st, &out[(*n)++]);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? CACHE_OK
                             : cache_sql_fail(c, rc, "reading the outbox", d);
}

cache_status_t cache_outbox_prune(cache_t *c, int64_t before, int *n,
                                  diag_t *d)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db,
        "DELETE FROM outbox WHERE state IN ('confirmed', 'refused')"
        " AND updated_at < ?;", -1, &st, NULL);
    *n = 0;
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, before);
        rc = cache_step_reset(st);
        if (rc == SQLITE_OK)
            *n = sqlite3_changes(c->db);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? CACHE_OK
                           : cache_sql_fail(c, rc, "pruning the outbox", d);
}

/* ---- PIN lockouts ----------------------------------------------------------- */

cache_status_t cache_lockout_get(cache_t *c, const char *consultant_id,
                                 pin_lockout_t *out, diag_t *d)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db,
        "SELECT failures, last_failure_at FROM pin_lockout"
        " WHERE consultant_id = ?;", -1, &st, NULL);
    out->failures = 0;
    out->last_failure_at = 0;
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, consultant_id, -1, SQLITE_STATIC);
        if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            int64_t f = sqlite3_column_int64(st, 0);
            out->failures = f > 1000000 ? 1000000 : (int)f;
            out->last_failure_at = sqlite3_column_int64(st, 1);
            rc = SQLITE_DONE;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? CACHE_OK
                             : cache_sql_fail(c, rc, "reading a PIN lockout", d);
}

cache_status_t cache_lockout_put(cache_t *c, const char *consultant_id,
                                 const pin_lockout_t *l, diag_t *d)
{
    const char *what = "storing a PIN lockout";
    int64_t was = 1;
    sqlite3_stmt *st = NULL;
    int rc = SQLITE_OK;
    cache_status_t cs = durable_begin(c, &was, what, d);
    if (cs == CACHE_OK)
        rc = sqlite3_prepare_v2(c->db,
            "INSERT INTO pin_lockout (consultant_id, failures, last_failure_at)"
            " VALUES (?,?,?) ON CONFLICT(consultant_id) DO UPDATE SET"
            " failures = excluded.failures,"
            " last_failure_at = excluded.last_failure_at;", -1, &st, NULL);
    if (cs == CACHE_OK && rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, consultant_id, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, l->failures < 0 ? 0 : l->failures);
        sqlite3_bind_int64(st, 3, l->last_failure_at);
        rc = cache_step_reset(st);
    }
    sqlite3_finalize(st);
    return durable_end(c, rc, cs, was, what, d);
}
