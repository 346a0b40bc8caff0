/* cache_sync.c - the cache's sync and server operations (see cache.h).
 *
 * Applying a kiosk's sync answers (snapshots, changes) each in one
 * transaction, reading what changed, and the server's writes (a status, a
 * price list), each bumping the project version once.
 */
#include <stdlib.h>
#include <string.h>

#include "cache_private.h"

cache_status_t cache_get_sync(cache_t *c, cache_sync_t *out, diag_t *d)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db,
        "SELECT project_id, epoch, version, data_as_of FROM sync_state"
        " WHERE id = 1;", -1, &st, NULL);
    memset(out, 0, sizeof *out);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        cache_col_text(st, 0, out->project_id, sizeof out->project_id);
        cache_col_text(st, 1, out->epoch, sizeof out->epoch);
        out->version = sqlite3_column_int64(st, 2);
        out->data_as_of = sqlite3_column_int64(st, 3);
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? CACHE_OK : cache_sql_fail(c, rc, "reading sync state", d);
}

/* The data was confirmed current at now.  Exactly now, not the largest
 * ever: a clock that was once wrong must not leave the stamp fresh. */
static cache_status_t set_data_as_of(cache_t *c, int64_t now, diag_t *d)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db,
        "UPDATE sync_state SET data_as_of = ? WHERE id = 1;", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, now);
        rc = cache_step_reset(st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? CACHE_OK : cache_sql_fail(c, rc, "touching sync state", d);
}

cache_status_t cache_apply_snapshot(cache_t *c, const model_t *m, int64_t now,
                                    int *replaced, diag_t *d)
{
    cache_sync_t cur;
    cache_status_t st;
    *replaced = 0;
    /* The check and the write in one transaction: nobody can slip an older
     * project in between. */
    if ((st = cache_exec(c, "BEGIN IMMEDIATE;", "storing a snapshot", d)) != CACHE_OK)
        return st;
    if ((st = cache_get_sync(c, &cur, d)) != CACHE_OK)
        goto out;
    if (cur.epoch[0] && strcmp(cur.epoch, m->epoch) == 0 &&
        strcmp(cur.project_id, m->project.id) == 0) {
        if (m->version < cur.version) {
            diag_set(d, "%s: snapshot version %lld is older than the stored "
                     "%lld", c->path, (long long)m->version,
                     (long long)cur.version);
            st = CACHE_ERR_STALE;
            goto out;
        }
        if (m->version == cur.version) { /* the same rows: just confirmed */
            st = set_data_as_of(c, now, d);
            if (st == CACHE_OK)
                st = cache_exec(c, "COMMIT;", "storing a snapshot", d);
            goto out;
        }
    }
    /* A new epoch (the server was rebuilt) or a newer version: replace. */
    model_t copy = *m;
    copy.data_as_of = now;
    st = cache_replace_rows(c, &copy, d);
    if (st == CACHE_OK)
        st = cache_exec(c, "COMMIT;", "storing a snapshot", d);
    if (st == CACHE_OK)
        *replaced = 1;
out:
    if (st != CACHE_OK)
        sqlite3_exec(c->db, "ROLLBACK;", NULL, NULL, NULL);
    return st;
}

/* A changes answer's consultants newer than since: added, changed or
 * removed (kept as inactive), never older over newer. */
static int upsert_consultants(cache_t *c, const proto_changes_t *ch,
                              const char *project_id, int64_t since)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db,
        CACHE_CONSULTANT_INSERT
        " ON CONFLICT(id) DO UPDATE SET name_zh_hant = excluded.name_zh_hant,"
        " name_zh_hans = excluded.name_zh_hans, name_en = excluded.name_en,"
        " pin_hash = excluded.pin_hash, active = excluded.active,"
        " version = excluded.version WHERE excluded.version > version;",
        -1, &st, NULL);
    for (int i = 0; rc == SQLITE_OK && i < ch->n_consultants; i++) {
        const consultant_t *k = &ch->consultants[i];
        if (k->version <= since)
            continue;
        rc = cache_put_consultant(st, project_id, k);
    }
    sqlite3_finalize(st);
    return rc;
}

cache_status_t cache_apply_changes(cache_t *c, const proto_changes_t *ch,
                                   int64_t now, int *applied, diag_t *d)
{
    cache_sync_t cur;
    sqlite3_stmt *up = NULL, *sync = NULL;
    cache_status_t st;
    int rc = SQLITE_OK;

    *applied = 0;
    st = cache_exec(c, "BEGIN IMMEDIATE;", "applying changes", d);
    if (st != CACHE_OK)
        return st;
    if ((st = cache_get_sync(c, &cur, d)) != CACHE_OK)
        goto out;
    if (strcmp(cur.epoch, ch->epoch) != 0 ||
        strcmp(cur.project_id, ch->project_id) != 0 ||
        ch->since > cur.version) {
        diag_set(d, "%s: changes for %s/%s since %lld do not follow the stored"
                 " %s/%s at %lld", c->path, ch->project_id, ch->epoch,
                 (long long)ch->since, cur.project_id, cur.epoch,
                 (long long)cur.version);
        st = CACHE_ERR_RESYNC;
        goto out;
    }
    rc = sqlite3_prepare_v2(c->db,
        "UPDATE unit SET status = ?, status_changed_at = ?, hold_expires_at = ?,"
        " list_price = ?, unit_price = ?, version = ?, hold_id = ?,"
        " held_by = ? WHERE id = ? AND version < ?;", -1, &up, NULL);
    for (int i = 0; rc == SQLITE_OK && i < ch->n_units && ch->version > cur.version; i++) {
        const proto_unit_t *r = &ch->units[i];
        const unit_t *u = &r->u;
        if (u->version <= cur.version)
            continue; /* an overlapping answer: this one is stored already */
        sqlite3_bind_text(up, 1, status_wire_name(u->status), -1, SQLITE_STATIC);
        sqlite3_bind_int64(up, 2, u->status_changed_at);
        sqlite3_bind_int64(up, 3, u->hold_expires_at);
        sqlite3_bind_int64(up, 4, u->list_price);
        sqlite3_bind_int64(up, 5, u->unit_price);
        sqlite3_bind_int64(up, 6, u->version);
        sqlite3_bind_text(up, 7, u->hold_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(up, 8, u->held_by, -1, SQLITE_STATIC);
        sqlite3_bind_text(up, 9, u->id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(up, 10, u->version);
        rc = cache_step_reset(up);
        if (rc == SQLITE_OK && sqlite3_changes(c->db) == 1) {
            (*applied)++;
        } else if (rc == SQLITE_OK) {
            /* No row below this version: the unit is new to us (a structure
             * change), so only a snapshot can bring it. */
            diag_set(d, "%s: change to unit '%s' does not match the cache",
                     c->path, u->id);
            st = CACHE_ERR_RESYNC;
            goto out;
        }
    }
    if (rc == SQLITE_OK && ch->version > cur.version)
        rc = upsert_consultants(c, ch, cur.project_id, cur.version);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(c->db,
            "UPDATE sync_state SET version = max(version, ?),"
            " data_as_of = ? WHERE id = 1;", -1, &sync, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(sync, 1, ch->version);
        sqlite3_bind_int64(sync, 2, now);
        rc = cache_step_reset(sync);
    }
    if (rc != SQLITE_OK) {
        st = cache_sql_fail(c, rc, "applying changes", d);
        goto out;
    }
    st = cache_exec(c, "COMMIT;", "applying changes", d);
out:
    sqlite3_finalize(up);
    sqlite3_finalize(sync);
    if (st != CACHE_OK) {
        sqlite3_exec(c->db, "ROLLBACK;", NULL, NULL, NULL);
        *applied = 0;
    }
    return st;
}

/* Units with since < version <= until. */
static cache_status_t units_between(cache_t *c, int64_t since, int64_t until,
                                    unit_t **out, int *n, diag_t *d)
{
    sqlite3_stmt *st = NULL;
    unit_t *v = NULL;
    int cap = 0, k = 0;
    int rc = sqlite3_prepare_v2(c->db,
        "SELECT id, status, status_changed_at, hold_expires_at, list_price,"
        " unit_price, version, hold_id, held_by FROM unit"
        " WHERE version > ? AND version <= ?"
        " ORDER BY version;", -1, &st, NULL);
    *out = NULL;
    *n = 0;
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, since);
        sqlite3_bind_int64(st, 2, until);
    }
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        char word[16];
        if (k == cap) {
            int ncap = cap ? cap * 2 : 16;
            unit_t *nv = realloc(v, (size_t)ncap * sizeof *nv);
            if (!nv) {
                rc = SQLITE_NOMEM;
                break;
            }
            v = nv;
            cap = ncap;
        }
        unit_t *u = &v[k];
        memset(u, 0, sizeof *u);
        u->building = u->unit_type = -1;
        cache_col_text(st, 0, u->id, sizeof u->id);
        cache_col_text(st, 1, word, sizeof word);
        if (status_from_wire(word, &u->status) != 0) {
            rc = SQLITE_OK; /* the schema's CHECK keeps this from happening */
            continue;
        }
        u->status_changed_at = sqlite3_column_int64(st, 2);
        u->hold_expires_at = sqlite3_column_int64(st, 3);
        u->list_price = sqlite3_column_int64(st, 4);
        u->unit_price = sqlite3_column_int64(st, 5);
        u->version = sqlite3_column_int64(st, 6);
        cache_col_text(st, 7, u->hold_id, sizeof u->hold_id);
        cache_col_text(st, 8, u->held_by, sizeof u->held_by);
        k++;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(v);
        return cache_sql_fail(c, rc, "reading changed units", d);
    }
    *out = v;
    *n = k;
    return CACHE_OK;
}

cache_status_t cache_read_changes(cache_t *c, int64_t since,
                                  cache_sync_t *sync, unit_t **out, int *n,
                                  diag_t *d)
{
    /* One read transaction: the version and the units agree even while
     * another process commits. */
    cache_status_t st = cache_exec(c, "BEGIN;", "reading changes", d);
    *out = NULL;
    *n = 0;
    if (st != CACHE_OK)
        return st;
    st = cache_get_sync(c, sync, d);
    if (st == CACHE_OK)
        st = units_between(c, since, sync->version, out, n, d);
    sqlite3_exec(c->db, "COMMIT;", NULL, NULL, NULL);
    return st;
}

cache_status_t cache_set_durable(cache_t *c, diag_t *d)
{
    return cache_exec(c, "PRAGMA synchronous = FULL;", "making writes durable", d);
}

/* ---- the server's store ------------------------------------------------ */

/* The project's new version, inside the caller's transaction. */
static int set_version(cache_t *c, int64_t v)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db,
        "UPDATE sync_state SET version = ? WHERE id = 1;", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, v);
        rc = cache_step_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

cache_status_t cache_set_status(cache_t *c, const char *unit_id,
                                unit_status_t status, int64_t now,
                                int64_t hold_expires_at, int64_t *version,
                                diag_t *d)
{
    sqlite3_stmt *up = NULL;
    cache_sync_t cur;
    cache_status_t st = cache_exec(c, "BEGIN IMMEDIATE;", "setting a status", d);
    int rc;
    if (st != CACHE_OK)
        return st;
    if ((st = cache_get_sync(c, &cur, d)) != CACHE_OK)
        goto out;
    int64_t v = cur.version + 1;
    /* The same status again changes nothing (a held unit's expiry aside):
     * no new version, and a signing is not counted twice. */
    /* A consultant's hold on the unit ends here: the office's word
     * replaces it (a hold set here belongs to no consultant). */
    rc = sqlite3_prepare_v2(c->db,
        "UPDATE hold SET state = 'ended', released_at = ?2 WHERE state = 'active'"
        " AND id = (SELECT hold_id FROM unit WHERE id = ?1 AND hold_id <> ''"
        " AND (status <> ?3 OR ?3 = 'held'));", -1, &up, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(up, 1, unit_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(up, 2, now);
        sqlite3_bind_text(up, 3, status_wire_name(status), -1, SQLITE_STATIC);
        rc = cache_step_reset(up);
    }
    sqlite3_finalize(up);
    up = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(c->db,
        "UPDATE unit SET status = ?1, status_changed_at = ?2,"
        " hold_expires_at = ?3, version = ?4, hold_id = '', held_by = ''"
        " WHERE id = ?5"
        " AND (status <> ?1 OR (?1 = 'held' AND (hold_expires_at <> ?3"
        "  OR hold_id <> '')));",
        -1, &up, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(up, 1, status_wire_name(status), -1, SQLITE_STATIC);
        sqlite3_bind_int64(up, 2, now);
        sqlite3_bind_int64(up, 3, status == STATUS_HELD ? hold_expires_at : 0);
        sqlite3_bind_int64(up, 4, v);
        sqlite3_bind_text(up, 5, unit_id, -1, SQLITE_STATIC);
        rc = cache_step_reset(up);
    }
    if (rc == SQLITE_OK && sqlite3_changes(c->db) != 1) {
        int64_t exists = 0;
        sqlite3_stmt *q = NULL;
        rc = sqlite3_prepare_v2(c->db, "SELECT count(*) FROM unit WHERE id = ?;",
                                -1, &q, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(q, 1, unit_id, -1, SQLITE_STATIC);
            if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
                exists = sqlite3_column_int64(q, 0);
                rc = SQLITE_OK;
            }
        }
        sqlite3_finalize(q);
        if (rc != SQLITE_OK) {
            st = cache_sql_fail(c, rc, "setting a status", d);
            goto out;
        }
        if (!exists) {
            diag_set(d, "%s: no unit '%s'", c->path, unit_id);
            st = CACHE_ERR_NOT_FOUND;
            goto out;
        }
        st = cache_exec(c, "COMMIT;", "setting a status", d); /* nothing to do */
        if (st == CACHE_OK)
            *version = cur.version;
        goto out;
    }
    if (rc == SQLITE_OK)
        rc = set_version(c, v);
    if (rc != SQLITE_OK) {
        st = cache_sql_fail(c, rc, "setting a status", d);
        goto out;
    }
    st = cache_exec(c, "COMMIT;", "setting a status", d);
    if (st == CACHE_OK)
        *version = v;
out:
    sqlite3_finalize(up);
    if (st != CACHE_OK)
        sqlite3_exec(c->db, "ROLLBACK;", NULL, NULL, NULL);
    return st;
}

cache_status_t cache_set_prices(cache_t *c, const char *const *unit_ids,
                                const int64_t *list_price,
                                const int64_t *unit_price, int n,
                                int64_t *version, int *changed, diag_t *d)
{
    sqlite3_stmt *up = NULL;
    cache_sync_t cur;
    int rc = SQLITE_OK;
    cache_status_t st = cache_exec(c, "BEGIN IMMEDIATE;", "setting prices", d);
    *changed = 0;
    if (st != CACHE_OK)
        return st;
    if ((st = cache_get_sync(c, &cur, d)) != CACHE_OK)
        goto out;
    int64_t v = cur.version + 1;
    rc = sqlite3_prepare_v2(c->db,
        "UPDATE unit SET list_price = ?, unit_price = ?, version = ?"
        " WHERE id = ? AND (list_price <> ? OR unit_price <> ?);", -1, &up,
        NULL);
    for (int i = 0; rc == SQLITE_OK && i < n; i++) {
        sqlite3_bind_int64(up, 1, list_price[i]);
        sqlite3_bind_int64(up, 2, unit_price[i]);
        sqlite3_bind_int64(up, 3, v);
        sqlite3_bind_text(up, 4, unit_ids[i], -1, SQLITE_STATIC);
        sqlite3_bind_int64(up, 5, list_price[i]);
        sqlite3_bind_int64(up, 6, unit_price[i]);
        rc = cache_step_reset(up);
        if (rc == SQLITE_OK)
            *changed += sqlite3_changes(c->db);
    }
    if (rc == SQLITE_OK && *changed > 0)
        rc = set_version(c, v);
    if (rc != SQLITE_OK) {
        st = cache_sql_fail(c, rc, "setting prices", d);
        goto out;
    }
    st = cache_exec(c, "COMMIT;", "setting prices", d);
    if (st == CACHE_OK)
        *version = *changed > 0 ? v : cur.version;
out:
    sqlite3_finalize(up);
    if (st != CACHE_OK) {
        sqlite3_exec(c->db, "ROLLBACK;", NULL, NULL, NULL);
        *changed = 0;
    }
    return st;
}

cache_status_t cache_data_version(cache_t *c, int64_t *out, diag_t *d)
{
    return cache_query_int(c, "PRAGMA data_version;", out, "polling for changes", d);
}
