/* cache.c - see cache.h.
 *
 * Migrations are a list of SQL scripts; migration i takes the file from
 * user_version i-1 to i.  A fresh file runs them all, so a new build and an
 * upgraded old cache end with the same schema.  Never edit a shipped
 * migration: add a new one.
 */
#include "cache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "cache_private.h"
#include "utf8.h"


/* Localised text columns: name_zh_hant, name_zh_hans, name_en. */
#define LCOLS(p) p "_zh_hant TEXT NOT NULL DEFAULT '', " p "_zh_hans TEXT NOT NULL DEFAULT '', " p "_en TEXT NOT NULL DEFAULT ''"

static const char *const migrations[CACHE_SCHEMA_VERSION] = {
    /* 1: the first schema. */
    "CREATE TABLE project ("
    " id TEXT PRIMARY KEY NOT NULL, "
    LCOLS("name") ", " LCOLS("developer") ", " LCOLS("address") ","
    " permits TEXT NOT NULL DEFAULT '',"
    " delivery_date TEXT NOT NULL DEFAULT '',"
    " version INTEGER NOT NULL CHECK (version >= 0));"
    "CREATE TABLE building ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " project_id TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE, "
    LCOLS("name") ","
    " floors INTEGER NOT NULL CHECK (floors BETWEEN 1 AND 200),"
    " units_per_floor INTEGER NOT NULL CHECK (units_per_floor BETWEEN 1 AND 64),"
    " permit TEXT NOT NULL DEFAULT '',"
    " sort_order INTEGER NOT NULL DEFAULT 0,"
    " version INTEGER NOT NULL CHECK (version >= 0));"
    "CREATE TABLE unit_type ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " project_id TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
    " code TEXT NOT NULL, "
    LCOLS("name") ","
    " bedrooms INTEGER NOT NULL CHECK (bedrooms BETWEEN 0 AND 20),"
    " living_rooms INTEGER NOT NULL CHECK (living_rooms BETWEEN 0 AND 20),"
    " bathrooms INTEGER NOT NULL CHECK (bathrooms BETWEEN 0 AND 20),"
    " area_built INTEGER NOT NULL CHECK (area_built > 0),"
    " area_inner INTEGER NOT NULL CHECK (area_inner > 0),"
    " version INTEGER NOT NULL CHECK (version >= 0));"
    "CREATE TABLE unit ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " building_id TEXT NOT NULL REFERENCES building(id) ON DELETE CASCADE,"
    " unit_type_id TEXT NOT NULL REFERENCES unit_type(id),"
    " floor INTEGER NOT NULL CHECK (floor BETWEEN -10 AND 200),"
    " stack INTEGER NOT NULL CHECK (stack BETWEEN 1 AND 64),"
    " number TEXT NOT NULL,"
    " orientation TEXT NOT NULL CHECK (orientation IN"
    "  ('N','NE','E','SE','S','SW','W','NW')),"
    " area_built INTEGER NOT NULL CHECK (area_built > 0),"
    " area_inner INTEGER NOT NULL CHECK (area_inner > 0),"
    " list_price INTEGER NOT NULL CHECK (list_price >= 0),"
    " unit_price INTEGER NOT NULL CHECK (unit_price >= 0),"
    " status TEXT NOT NULL CHECK (status IN"
    "  ('available','held','subscribed','signed','withheld')),"
    " version INTEGER NOT NULL CHECK (version >= 0),"
    " UNIQUE (building_id, floor, stack));"
    "CREATE TABLE sync_state ("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " project_id TEXT NOT NULL,"
    " epoch TEXT NOT NULL DEFAULT '',"
    " version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),"
    " data_as_of INTEGER NOT NULL DEFAULT 0);",

    /* 2: when each unit's status changed (the day's sales) and when a hold
     * expires; lookups by version for incremental redraws. */
    "ALTER TABLE unit ADD COLUMN status_changed_at INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE unit ADD COLUMN hold_expires_at INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX unit_by_version ON unit(version);"
    "CREATE INDEX unit_by_building ON unit(building_id, floor, stack);",

    /* 3: what the customer reads about the project, and media (floor
     * plans, project images) by SHA-256. */
    "CREATE TABLE project_info ("
    " project_id TEXT PRIMARY KEY NOT NULL"
    "  REFERENCES project(id) ON DELETE CASCADE, "
    LCOLS("description") ", " LCOLS("highlights") ", " LCOLS("amenities") ","
    " property_fee INTEGER NOT NULL DEFAULT 0 CHECK (property_fee >= 0),"
    " commercial_rate_bp INTEGER NOT NULL DEFAULT 0"
    "  CHECK (commercial_rate_bp BETWEEN 0 AND 10000),"
    " provident_rate_bp INTEGER NOT NULL DEFAULT 0"
    "  CHECK (provident_rate_bp BETWEEN 0 AND 10000),"
    " location_media TEXT NOT NULL DEFAULT '',"
    " siteplan_media TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE project_hero ("
    " project_id TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,"
    " ordinal INTEGER NOT NULL CHECK (ordinal BETWEEN 0 AND 7),"
    " media TEXT NOT NULL CHECK (length(media) = 64),"
    " PRIMARY KEY (project_id, ordinal));"
    "ALTER TABLE unit_type ADD COLUMN floor_plan TEXT NOT NULL DEFAULT '';",

    /* 4: consultants and their holds (issue 5).  Both sides live in the
     * one schema: consultant and the unit's hold columns are project data
     * (replaced with it); hold, audit and idempotency are salesd's ledger;
     * outbox and pin_lockout are a kiosk's own state.  None of the ledgers
     * refers to units by foreign key: they outlive a project rebuild. */
    "CREATE TABLE consultant ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " project_id TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE, "
    LCOLS("name") ","
    " pin_hash TEXT NOT NULL DEFAULT '',"
    " active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
    " version INTEGER NOT NULL CHECK (version >= 0));"
    "ALTER TABLE unit ADD COLUMN hold_id TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE unit ADD COLUMN held_by TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX unit_by_holder ON unit(held_by) WHERE held_by <> '';"
    "CREATE TABLE hold ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " unit_id TEXT NOT NULL,"
    " consultant_id TEXT NOT NULL,"
    " kiosk TEXT NOT NULL DEFAULT '',"
    " created_at INTEGER NOT NULL,"
    " expires_at INTEGER NOT NULL,"
    " released_at INTEGER NOT NULL DEFAULT 0,"
    " state TEXT NOT NULL DEFAULT 'active' CHECK (state IN"
    "  ('active','released','expired','ended')));"
    "CREATE TABLE audit ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " at INTEGER NOT NULL,"
    " action TEXT NOT NULL CHECK (action IN ('hold','release','expire')),"
    " hold_id TEXT NOT NULL,"
    " unit_id TEXT NOT NULL,"
    " consultant_id TEXT NOT NULL,"
    " kiosk TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE idempotency ("
    " key TEXT NOT NULL,"
    " kiosk TEXT NOT NULL,"
    " request_hash TEXT NOT NULL,"
    " status INTEGER NOT NULL,"
    " body TEXT NOT NULL,"
    " created_at INTEGER NOT NULL,"
    " PRIMARY KEY (kiosk, key));"
    "CREATE TABLE outbox ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " key TEXT NOT NULL UNIQUE,"
    " kind TEXT NOT NULL CHECK (kind IN ('hold','release')),"
    " body TEXT NOT NULL,"
    " state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN"
    "  ('queued','sent','confirmed','refused')),"
    " reason TEXT NOT NULL DEFAULT '',"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL);"
    "CREATE TABLE pin_lockout ("
    " consultant_id TEXT PRIMARY KEY NOT NULL," /* '' = the whole device */
    " failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),"
    " last_failure_at INTEGER NOT NULL DEFAULT 0);",
};

int cache_error_is_rebuildable(cache_status_t st)
{
    return st == CACHE_ERR_NOT_DB || st == CACHE_ERR_CORRUPT ||
           st == CACHE_ERR_TOO_NEW || st == CACHE_ERR_INVALID;
}

/* Maps an SQLite result to our status, with the message in d. */
cache_status_t cache_sql_fail(cache_t *c, int rc, const char *what,
                               diag_t *d)
{
    int prim = rc & 0xff;
    const char *msg = c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc);
    if (prim == SQLITE_NOTADB) {
        diag_set(d, "%s: not a cache database (%s)", c->path, msg);
        return CACHE_ERR_NOT_DB;
    }
    if (prim == SQLITE_CORRUPT) {
        diag_set(d, "%s: cache database is damaged (%s, while %s)", c->path,
                 msg, what);
        return CACHE_ERR_CORRUPT;
    }
    if (prim == SQLITE_NOMEM) {
        diag_set(d, "%s: out of memory while %s", c->path, what);
        return CACHE_ERR_NOMEM;
    }
    if (prim == SQLITE_CONSTRAINT) {
        diag_set(d, "%s: invalid data while %s (%s)", c->path, what, msg);
        return CACHE_ERR_INVALID;
    }
    if (prim == SQLITE_CANTOPEN || prim == SQLITE_IOERR ||
        prim == SQLITE_READONLY || prim == SQLITE_PERM ||
        prim == SQLITE_FULL) {
        diag_set(d, "%s: cannot use cache file while %s (%s)", c->path, what,
                 msg);
        return CACHE_ERR_IO;
    }
    diag_set(d, "%s: database error while %s (%s)", c->path, what, msg);
    return CACHE_ERR_SQL;
}

cache_status_t cache_exec(cache_t *c, const char *sql, const char *what,
                           diag_t *d)
{
    int rc = sqlite3_exec(c->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? CACHE_OK : cache_sql_fail(c, rc, what, d);
}

/* Runs a one-row, one-column query into *out (an integer). */
cache_status_t cache_query_int(cache_t *c, const char *sql, int64_t *out,
                                const char *what, diag_t *d)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int64(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? CACHE_OK : cache_sql_fail(c, rc, what, d);
}

static cache_status_t migrate(cache_t *c, int64_t from, diag_t *d)
{
    for (int64_t v = from; v < CACHE_SCHEMA_VERSION; v++) {
        char what[64], bump[64];
        int64_t now_at = 0;
        cache_status_t st;
        snprintf(what, sizeof what, "upgrading schema to version %d",
                 (int)(v + 1));
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d;", (int)(v + 1));
        st = cache_exec(c, "BEGIN IMMEDIATE;", what, d);
        if (st != CACHE_OK)
            return st;
        /* Another connection (the kiosk's UI and sync worker open the same
         * file) may have migrated while we waited for the write lock. */
        st = cache_query_int(c, "PRAGMA user_version;", &now_at, what, d);
        if (st == CACHE_OK && now_at > v) {
            cache_exec(c, "COMMIT;", what, d);
            v = now_at - 1;
            continue;
        }
        if (st == CACHE_OK)
            st = cache_exec(c, migrations[v], what, d);
        if (st == CACHE_ERR_SQL) {
            /* "table already exists", "no such table": not our schema. */
            diag_add(d, "%s: not a kiosk cache of schema version %d",
                     c->path, (int)v);
            st = CACHE_ERR_INVALID;
        }
        if (st == CACHE_OK)
            st = cache_exec(c, bump, what, d);
        if (st == CACHE_OK)
            st = cache_exec(c, "COMMIT;", what, d);
        if (st != CACHE_OK) {
            sqlite3_exec(c->db, "ROLLBACK;", NULL, NULL, NULL);
            return st;
        }
    }
    return CACHE_OK;
}

/* Every column the loader reads, table by table: a file that claims our
 * schema version but lacks any of them is not ours. */
static const char *const schema_probes[] = {
    "SELECT id, name_zh_hant, name_zh_hans, name_en, developer_zh_hant,"
    " developer_zh_hans, developer_en, address_zh_hant, address_zh_hans,"
    " address_en, permits, delivery_date, version FROM project",
    "SELECT id, project_id, name_zh_hant, name_zh_hans, name_en, floors,"
    " units_per_floor, permit, sort_order, version FROM building",
    "SELECT id, project_id, code, name_zh_hant, name_zh_hans, name_en,"
    " bedrooms, living_rooms, bathrooms, area_built, area_inner, version,"
    " floor_plan FROM unit_type",
    "SELECT project_id, description_zh_hant, description_zh_hans,"
    " description_en, highlights_zh_hant, highlights_zh_hans, highlights_en,"
    " amenities_zh_hant, amenities_zh_hans, amenities_en, property_fee,"
    " commercial_rate_bp, provident_rate_bp, location_media, siteplan_media"
    " FROM project_info",
    "SELECT project_id, ordinal, media FROM project_hero",
    "SELECT id, building_id, unit_type_id, floor, stack, number, orientation,"
    " area_built, area_inner, list_price, unit_price, status,"
    " status_changed_at, hold_expires_at, version, hold_id, held_by FROM unit",
    "SELECT id, project_id, epoch, version, data_as_of FROM sync_state",
    "SELECT id, project_id, name_zh_hant, name_zh_hans, name_en, pin_hash,"
    " active, version FROM consultant",
    "SELECT id, unit_id, consultant_id, kiosk, created_at, expires_at,"
    " released_at, state FROM hold",
    "SELECT seq, at, action, hold_id, unit_id, consultant_id, kiosk FROM audit",
    "SELECT key, kiosk, request_hash, status, body, created_at FROM idempotency",
    "SELECT seq, key, kind, body, state, reason, created_at, updated_at"
    " FROM outbox",
    "SELECT consultant_id, failures, last_failure_at FROM pin_lockout",
};

static cache_status_t check_schema(cache_t *c, diag_t *d)
{
    for (size_t i = 0; i < sizeof schema_probes / sizeof *schema_probes; i++) {
        sqlite3_stmt *st = NULL;
        int rc = sqlite3_prepare_v2(c->db, schema_probes[i], -1, &st, NULL);
        sqlite3_finalize(st);
        if (rc != SQLITE_OK) {
            diag_set(d, "%s: not a kiosk cache (%s)", c->path,
                     sqlite3_errmsg(c->db));
            return (rc & 0xff) == SQLITE_ERROR ? CACHE_ERR_INVALID
                                               : cache_sql_fail(c, rc, "checking", d);
        }
    }
    return CACHE_OK;
}

cache_status_t cache_open(const char *path, cache_t **out, diag_t *d)
{
    cache_t *c = calloc(1, sizeof *c);
    cache_status_t st;
    int64_t version = 0, ok = 0;
    sqlite3_stmt *chk = NULL;
    int rc;

    *out = NULL;
    if (!c) {
        diag_set(d, "%s: out of memory", path);
        return CACHE_ERR_NOMEM;
    }
    snprintf(c->path, sizeof c->path, "%s", path);
    rc = sqlite3_open_v2(path, &c->db,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                             SQLITE_OPEN_NOMUTEX,
                         NULL);
    if (rc != SQLITE_OK) {
        st = cache_sql_fail(c, rc, "opening", d);
        goto fail;
    }
    sqlite3_extended_result_codes(c->db, 1);
    sqlite3_busy_timeout(c->db, 5000);

    /* The first read of the header tells a database from anything else. */
    st = cache_query_int(c, "PRAGMA user_version;", &version, "reading the header", d);
    if (st != CACHE_OK)
        goto fail;
    if (version < 0 || version > CACHE_SCHEMA_VERSION) {
        diag_set(d, "%s: cache schema version %d is %s", path, (int)version,
                 version < 0 ? "not one any build writes (damaged?)"
                             : "newer than this build understands");
        st = version < 0 ? CACHE_ERR_CORRUPT : CACHE_ERR_TOO_NEW;
        goto fail;
    }

    /* quick_check reads every page: cheap at kiosk sizes and it turns a
     * damaged file into one clear error at start instead of odd ones later.
     * It runs before anything writes, so a bad file is kept as it was. */
    rc = sqlite3_prepare_v2(c->db, "PRAGMA quick_check(1);", -1, &chk, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(chk)) == SQLITE_ROW) {
        const unsigned char *txt = sqlite3_column_text(chk, 0);
        ok = txt && strcmp((const char *)txt, "ok") == 0;
        if (!ok) {
            diag_set(d, "%s: cache database is damaged (%s)", path,
                     txt ? (const char *)txt : "?");
            sqlite3_finalize(chk);
            st = CACHE_ERR_CORRUPT;
            goto fail;
        }
        rc = SQLITE_OK;
    }
    sqlite3_finalize(chk);
    if (rc != SQLITE_OK) {
        st = cache_sql_fail(c, rc, "checking integrity", d);
        goto fail;
    }
    st = cache_exec(c, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                 "PRAGMA foreign_keys = ON;", "setting up", d);
    if (st != CACHE_OK)
        goto fail;

    st = migrate(c, version, d);
    if (st == CACHE_OK)
        st = check_schema(c, d);
    if (st != CACHE_OK)
        goto fail;
    *out = c;
    return CACHE_OK;
fail:
    cache_close(c);
    return st;
}

void cache_close(cache_t *c)
{
    if (!c)
        return;
    sqlite3_close_v2(c->db);
    free(c);
}

int cache_schema_version(cache_t *c)
{
    int64_t v = -1;
    if (cache_query_int(c, "PRAGMA user_version;", &v, "reading version", NULL) !=
        CACHE_OK)
        return -1;
    return (int)v;
}

int cache_quarantine(const char *path, int64_t now, diag_t *d)
{
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        char from[600], to[640];
        snprintf(from, sizeof from, "%s%s", path, suffixes[i]);
        snprintf(to, sizeof to, "%s.bad-%lld%s", path, (long long)now,
                 suffixes[i]);
        if (rename(from, to) != 0 && errno != ENOENT) {
            diag_set(d, "%s: cannot move aside to %s: %s", from, to,
                     strerror(errno));
            return -1;
        }
    }
    return 0;
}

cache_status_t cache_has_project(cache_t *c, int *has, diag_t *d)
{
    int64_t n = 0;
    cache_status_t st = cache_query_int(c, "SELECT count(*) FROM project;", &n,
                                  "reading project", d);
    *has = st == CACHE_OK && n > 0;
    return st;
}

/* ---- writing a whole project ---------------------------------------- */

static void bind_ltext(sqlite3_stmt *st, int first, const ltext_t *t)
{
    for (int l = 0; l < LANG_COUNT; l++)
        sqlite3_bind_text(st, first + l, t->s[l], -1, SQLITE_STATIC);
}

/* Steps a bound insert and resets it for the next row. */
int cache_step_reset(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void bind_lpara(sqlite3_stmt *st, int first, const lpara_t *t)
{
    for (int l = 0; l < LANG_COUNT; l++)
        sqlite3_bind_text(st, first + l, t->s[l], -1, SQLITE_STATIC);
}

/* The project's descriptive rows (schema 3). */
static int store_info(cache_t *c, const model_t *m)
{
    const project_t *p = &m->project;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db,
        "INSERT INTO project_info (project_id, description_zh_hant,"
        " description_zh_hans, description_en, highlights_zh_hant,"
        " highlights_zh_hans, highlights_en, amenities_zh_hant,"
        " amenities_zh_hans, amenities_en, property_fee, commercial_rate_bp,"
        " provident_rate_bp, location_media, siteplan_media)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?);", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
    bind_lpara(st, 2, &p->description);
    bind_lpara(st, 5, &p->highlights);
    bind_lpara(st, 8, &p->amenities);
    sqlite3_bind_int64(st, 11, p->property_fee);
    sqlite3_bind_int(st, 12, p->commercial_rate_bp);
    sqlite3_bind_int(st, 13, p->provident_rate_bp);
    sqlite3_bind_text(st, 14, p->location_media, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 15, p->siteplan_media, -1, SQLITE_STATIC);
    rc = cache_step_reset(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_prepare_v2(c->db,
        "INSERT INTO project_hero (project_id, ordinal, media) VALUES (?,?,?);",
        -1, &st, NULL);
    for (int i = 0; rc == SQLITE_OK && i < p->n_heroes; i++) {
        sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, i);
        sqlite3_bind_text(st, 3, p->heroes[i], -1, SQLITE_STATIC);
        rc = cache_step_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

int cache_put_consultant(sqlite3_stmt *st, const char *project_id,
                         const consultant_t *k)
{
    sqlite3_bind_text(st, 1, k->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, project_id, -1, SQLITE_STATIC);
    bind_ltext(st, 3, &k->name);
    sqlite3_bind_text(st, 6, k->pin_hash, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 7, k->active ? 1 : 0);
    sqlite3_bind_int64(st, 8, k->version);
    return cache_step_reset(st);
}

/* The project's consultants (schema 4). */
static int store_consultants(cache_t *c, const model_t *m)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db,
        CACHE_CONSULTANT_INSERT ";", -1, &st, NULL);
    for (int i = 0; rc == SQLITE_OK && i < m->n_consultants; i++)
        rc = cache_put_consultant(st, m->project.id, &m->consultants[i]);
    sqlite3_finalize(st);
    return rc;
}

static int store_rows(cache_t *c, const model_t *m)
{
    const project_t *p = &m->project;
    sqlite3_stmt *st = NULL;
    int rc;

    rc = sqlite3_prepare_v2(c->db,
        "INSERT INTO project (id, name_zh_hant, name_zh_hans, name_en,"
        " developer_zh_hant, developer_zh_hans, developer_en,"
        " address_zh_hant, address_zh_hans, address_en,"
        " permits, delivery_date, version)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?);", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
    bind_ltext(st, 2, &p->name);
    bind_ltext(st, 5, &p->developer);
    bind_ltext(st, 8, &p->address);
    sqlite3_bind_text(st, 11, p->permits, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 12, p->delivery_date, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 13, p->version);
    rc = cache_step_reset(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_OK)
        rc = store_info(c, m);
    if (rc != SQLITE_OK)
        return rc;

    rc = sqlite3_prepare_v2(c->db,
        "INSERT INTO building (id, project_id, name_zh_hant, name_zh_hans,"
        " name_en, floors, units_per_floor, permit, sort_order, version)"
        " VALUES (?,?,?,?,?,?,?,?,?,?);", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    for (int i = 0; i < m->n_buildings && rc == SQLITE_OK; i++) {
        const building_t *b = &m->buildings[i];
        sqlite3_bind_text(st, 1, b->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, p->id, -1, SQLITE_STATIC);
        bind_ltext(st, 3, &b->name);
        sqlite3_bind_int(st, 6, b->floors);
        sqlite3_bind_int(st, 7, b->units_per_floor);
        sqlite3_bind_text(st, 8, b->permit, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 9, b->sort_order);
        sqlite3_bind_int64(st, 10, b->version);
        rc = cache_step_reset(st);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return rc;

    rc = sqlite3_prepare_v2(c->db,
        "INSERT INTO unit_type (id, project_id, code, name_zh_hant,"
        " name_zh_hans, name_en, bedrooms, living_rooms, bathrooms,"
        " area_built, area_inner, version, floor_plan)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?);", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    for (int i = 0; i < m->n_unit_types && rc == SQLITE_OK; i++) {
        const unit_type_t *t = &m->unit_types[i];
        sqlite3_bind_text(st, 1, t->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, p->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, t->code, -1, SQLITE_STATIC);
        bind_ltext(st, 4, &t->name);
        sqlite3_bind_int(st, 7, t->bedrooms);
        sqlite3_bind_int(st, 8, t->living_rooms);
        sqlite3_bind_int(st, 9, t->bathrooms);
        sqlite3_bind_int(st, 10, t->area_built);
        sqlite3_bind_int(st, 11, t->area_inner);
        sqlite3_bind_int64(st, 12, t->version);
        sqlite3_bind_text(st, 13, t->floor_plan, -1, SQLITE_STATIC);
        rc = cache_step_reset(st);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return rc;

    rc = sqlite3_prepare_v2(c->db,
        "INSERT INTO unit (id, building_id, unit_type_id, floor, stack, number,"
        " orientation, area_built, area_inner, list_price, unit_price, status,"
        " status_changed_at, hold_expires_at, version, hold_id, held_by)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?);", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    for (int i = 0; i < m->n_units && rc == SQLITE_OK; i++) {
        const unit_t *u = &m->units[i];
        if (u->building < 0 || u->building >= m->n_buildings ||
            u->unit_type < 0 || u->unit_type >= m->n_unit_types) {
            rc = SQLITE_CONSTRAINT;
            break;
        }
        sqlite3_bind_text(st, 1, u->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, m->buildings[u->building].id, -1,
                          SQLITE_STATIC);
        sqlite3_bind_text(st, 3, m->unit_types[u->unit_type].id, -1,
                          SQLITE_STATIC);
        sqlite3_bind_int(st, 4, u->floor);
        sqlite3_bind_int(st, 5, u->stack);
        sqlite3_bind_text(st, 6, u->number, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 7, orientation_code(u->orientation), -1,
                          SQLITE_STATIC);
        sqlite3_bind_int(st, 8, u->area_built);
        sqlite3_bind_int(st, 9, u->area_inner);
        sqlite3_bind_int64(st, 10, u->list_price);
        sqlite3_bind_int64(st, 11, u->unit_price);
        sqlite3_bind_text(st, 12, status_wire_name(u->status), -1,
                          SQLITE_STATIC);
        sqlite3_bind_int64(st, 13, u->status_changed_at);
        sqlite3_bind_int64(st, 14, u->hold_expires_at);
        sqlite3_bind_int64(st, 15, u->version);
        sqlite3_bind_text(st, 16, u->hold_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 17, u->held_by, -1, SQLITE_STATIC);
        rc = cache_step_reset(st);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return rc;

    rc = store_consultants(c, m);
    if (rc != SQLITE_OK)
        return rc;

    rc = sqlite3_prepare_v2(c->db,
        "INSERT INTO sync_state (id, project_id, epoch, version, data_as_of)"
        " VALUES (1,?,?,?,?);", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, m->epoch, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, m->version);
    sqlite3_bind_int64(st, 4, m->data_as_of);
    rc = cache_step_reset(st);
    sqlite3_finalize(st);
    return rc;
}

/* Replaces every row with m's, inside the caller's transaction. */
cache_status_t cache_replace_rows(cache_t *c, const model_t *m, diag_t *d)
{
    cache_status_t st = cache_exec(c, "DELETE FROM sync_state;"
                                " DELETE FROM consultant; DELETE FROM unit;"
                                " DELETE FROM unit_type; DELETE FROM building;"
                                " DELETE FROM project;",
                             "clearing the old project", d);
    if (st == CACHE_OK) {
        int rc = store_rows(c, m);
        if (rc != SQLITE_OK)
            st = cache_sql_fail(c, rc, "storing the project", d);
    }
    return st;
}

cache_status_t cache_store_model(cache_t *c, const model_t *m, diag_t *d)
{
    cache_status_t st = cache_exec(c, "BEGIN IMMEDIATE;", "storing the project", d);
    if (st != CACHE_OK)
        return st;
    st = cache_replace_rows(c, m, d);
    if (st == CACHE_OK)
        st = cache_exec(c, "COMMIT;", "storing the project", d);
    if (st != CACHE_OK)
        sqlite3_exec(c->db, "ROLLBACK;", NULL, NULL, NULL);
    return st;
}

/* ---- reading the project -------------------------------------------- */

void cache_col_text(sqlite3_stmt *st, int col, char *dst, size_t size)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    utf8_copy(dst, size, t ? (const char *)t : "");
}

static void col_ltext(sqlite3_stmt *st, int first, ltext_t *t)
{
    for (int l = 0; l < LANG_COUNT; l++)
        cache_col_text(st, first + l, t->s[l], sizeof t->s[l]);
}

static int find_id(const char *id, const char *ids, size_t stride, int n,
                   int hint)
{
    if (hint >= 0 && hint < n && strcmp(ids + (size_t)hint * stride, id) == 0)
        return hint;
    for (int i = 0; i < n; i++)
        if (strcmp(ids + (size_t)i * stride, id) == 0)
            return i;
    return -1;
}

static void col_lpara(sqlite3_stmt *st, int first, lpara_t *t)
{
    for (int l = 0; l < LANG_COUNT; l++)
        cache_col_text(st, first + l, t->s[l], sizeof t->s[l]);
}

/* The project's descriptive rows; a project without them has none. */
static int load_info(cache_t *c, model_t *m)
{
    project_t *p = &m->project;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db,
        "SELECT description_zh_hant, description_zh_hans, description_en,"
        " highlights_zh_hant, highlights_zh_hans, highlights_en,"
        " amenities_zh_hant, amenities_zh_hans, amenities_en, property_fee,"
        " commercial_rate_bp, provident_rate_bp, location_media,"
        " siteplan_media FROM project_info WHERE project_id = ?;",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        col_lpara(st, 0, &p->description);
        col_lpara(st, 3, &p->highlights);
        col_lpara(st, 6, &p->amenities);
        p->property_fee = sqlite3_column_int64(st, 9);
        p->commercial_rate_bp = sqlite3_column_int(st, 10);
        p->provident_rate_bp = sqlite3_column_int(st, 11);
        cache_col_text(st, 12, p->location_media, sizeof p->location_media);
        cache_col_text(st, 13, p->siteplan_media, sizeof p->siteplan_media);
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rc;
    rc = sqlite3_prepare_v2(c->db,
        "SELECT media FROM project_hero WHERE project_id = ?"
        " ORDER BY ordinal;", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(st, 1, p->id, -1, SQLITE_STATIC);
    p->n_heroes = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW &&
           p->n_heroes < MODEL_HEROES_MAX) {
        cache_col_text(st, 0, p->heroes[p->n_heroes],
                       sizeof p->heroes[0]);
        p->n_heroes++;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Every consultant, active or not, by id. */
static int load_consultants(cache_t *c, model_t *m);

cache_status_t cache_load_consultants(cache_t *c, model_t *m, diag_t *d)
{
    int rc = load_consultants(c, m);
    return rc == SQLITE_OK ? CACHE_OK
                           : cache_sql_fail(c, rc, "reading consultants", d);
}

static int load_consultants(cache_t *c, model_t *m)
{
    sqlite3_stmt *st = NULL;
    int64_t n = 0;
    int rc = sqlite3_prepare_v2(c->db, "SELECT count(*) FROM consultant;", -1,
                                &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        n = sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return rc;
    if (n > 100000)
        return SQLITE_CORRUPT;
    if (model_set_consultants(m, (int)n) != 0)
        return SQLITE_NOMEM;
    rc = sqlite3_prepare_v2(c->db,
        "SELECT id, name_zh_hant, name_zh_hans, name_en, pin_hash, active,"
        " version FROM consultant ORDER BY id;", -1, &st, NULL);
    int i = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (i >= m->n_consultants) {
            rc = SQLITE_CORRUPT;
            break;
        }
        consultant_t *k = &m->consultants[i++];
        cache_col_text(st, 0, k->id, sizeof k->id);
        col_ltext(st, 1, &k->name);
        cache_col_text(st, 4, k->pin_hash, sizeof k->pin_hash);
        k->active = sqlite3_column_int(st, 5) != 0;
        k->version = sqlite3_column_int64(st, 6);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    m->n_consultants = i;
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static cache_status_t load_rows(cache_t *c, model_t *m, diag_t *d)
{
    sqlite3_stmt *st = NULL;
    int rc, i;
    cache_status_t res = CACHE_OK;

    rc = sqlite3_prepare_v2(c->db,
        "SELECT id, name_zh_hant, name_zh_hans, name_en, developer_zh_hant,"
        " developer_zh_hans, developer_en, address_zh_hant, address_zh_hans,"
        " address_en, permits, delivery_date, version FROM project LIMIT 1;",
        -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        project_t *p = &m->project;
        cache_col_text(st, 0, p->id, sizeof p->id);
        col_ltext(st, 1, &p->name);
        col_ltext(st, 4, &p->developer);
        col_ltext(st, 7, &p->address);
        cache_col_text(st, 10, p->permits, sizeof p->permits);
        cache_col_text(st, 11, p->delivery_date, sizeof p->delivery_date);
        p->version = sqlite3_column_int64(st, 12);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_OK)
        rc = load_info(c, m);
    if (rc != SQLITE_OK)
        return cache_sql_fail(c, rc, "reading the project", d);

    rc = sqlite3_prepare_v2(c->db,
        "SELECT id, name_zh_hant, name_zh_hans, name_en, floors,"
        " units_per_floor, permit, sort_order, version FROM building"
        " ORDER BY sort_order, id;", -1, &st, NULL);
    for (i = 0; rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW; i++) {
        building_t *b = &m->buildings[i];
        if (i >= m->n_buildings) {
            rc = SQLITE_CORRUPT; /* rows appeared since we counted */
            break;
        }
        cache_col_text(st, 0, b->id, sizeof b->id);
        col_ltext(st, 1, &b->name);
        b->floors = sqlite3_column_int(st, 4);
        b->units_per_floor = sqlite3_column_int(st, 5);
        cache_col_text(st, 6, b->permit, sizeof b->permit);
        b->sort_order = sqlite3_column_int(st, 7);
        b->version = sqlite3_column_int64(st, 8);
        if (b->floors < 1 || b->floors > MODEL_MAX_FLOORS ||
            b->units_per_floor < 1 || b->units_per_floor > MODEL_MAX_UPF ||
            b->version < 0) {
            diag_set(d, "%s: building '%s': floors %d or units per floor %d "
                     "out of range (1..%d, 1..%d)", c->path, b->id, b->floors,
                     b->units_per_floor, MODEL_MAX_FLOORS, MODEL_MAX_UPF);
            res = CACHE_ERR_INVALID;
            rc = SQLITE_DONE;
            break;
        }
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (res != CACHE_OK)
        return res;
    if (rc != SQLITE_DONE)
        return cache_sql_fail(c, rc, "reading buildings", d);

    rc = sqlite3_prepare_v2(c->db,
        "SELECT id, code, name_zh_hant, name_zh_hans, name_en, bedrooms,"
        " living_rooms, bathrooms, area_built, area_inner, version,"
        " floor_plan FROM unit_type ORDER BY code, id;", -1, &st, NULL);
    for (i = 0; rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW; i++) {
        unit_type_t *t = &m->unit_types[i];
        if (i >= m->n_unit_types) {
            rc = SQLITE_CORRUPT;
            break;
        }
        cache_col_text(st, 0, t->id, sizeof t->id);
        cache_col_text(st, 1, t->code, sizeof t->code);
        col_ltext(st, 2, &t->name);
        t->bedrooms = sqlite3_column_int(st, 5);
        t->living_rooms = sqlite3_column_int(st, 6);
        t->bathrooms = sqlite3_column_int(st, 7);
        t->area_built = sqlite3_column_int(st, 8);
        t->area_inner = sqlite3_column_int(st, 9);
        t->version = sqlite3_column_int64(st, 10);
        cache_col_text(st, 11, t->floor_plan, sizeof t->floor_plan);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return cache_sql_fail(c, rc, "reading unit types", d);

    rc = sqlite3_prepare_v2(c->db,
        "SELECT u.id, u.building_id, u.unit_type_id, u.floor, u.stack,"
        " u.number, u.orientation, u.area_built, u.area_inner, u.list_price,"
        " u.unit_price, u.status, u.status_changed_at, u.hold_expires_at,"
        " u.version, u.hold_id, u.held_by FROM unit u"
        " JOIN building b ON b.id = u.building_id"
        " ORDER BY b.sort_order, b.id, u.floor, u.stack;", -1, &st, NULL);
    int bhint = 0, thint = 0;
    for (i = 0; rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW; i++) {
        unit_t *u = &m->units[i];
        char bid[MODEL_ID_MAX], tid[MODEL_ID_MAX], word[16];
        if (i >= m->n_units) {
            rc = SQLITE_CORRUPT;
            break;
        }
        cache_col_text(st, 0, u->id, sizeof u->id);
        cache_col_text(st, 1, bid, sizeof bid);
        cache_col_text(st, 2, tid, sizeof tid);
        u->building = bhint = find_id(bid, m->buildings[0].id,
                                      sizeof(building_t), m->n_buildings, bhint);
        u->unit_type = thint = find_id(tid, m->unit_types[0].id,
                                       sizeof(unit_type_t), m->n_unit_types,
                                       thint);
        u->floor = sqlite3_column_int(st, 3);
        u->stack = sqlite3_column_int(st, 4);
        cache_col_text(st, 5, u->number, sizeof u->number);
        cache_col_text(st, 6, word, sizeof word);
        int bad_orient = orientation_parse(word, &u->orientation) != 0;
        u->area_built = sqlite3_column_int(st, 7);
        u->area_inner = sqlite3_column_int(st, 8);
        u->list_price = sqlite3_column_int64(st, 9);
        u->unit_price = sqlite3_column_int64(st, 10);
        cache_col_text(st, 11, word, sizeof word);
        int bad_status = status_from_wire(word, &u->status) != 0;
        u->status_changed_at = sqlite3_column_int64(st, 12);
        u->hold_expires_at = sqlite3_column_int64(st, 13);
        u->version = sqlite3_column_int64(st, 14);
        cache_col_text(st, 15, u->hold_id, sizeof u->hold_id);
        cache_col_text(st, 16, u->held_by, sizeof u->held_by);
        if (u->building < 0 || u->unit_type < 0 || bad_orient || bad_status) {
            diag_set(d, "%s: unit '%s': unknown %s", c->path, u->id,
                     u->building < 0 ? "building" : u->unit_type < 0
                     ? "unit type" : bad_orient ? "orientation" : "status");
            res = CACHE_ERR_INVALID;
            rc = SQLITE_DONE;
            break;
        }
        bhint = u->building;
        thint = u->unit_type;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (res != CACHE_OK)
        return res;
    if (rc != SQLITE_DONE)
        return cache_sql_fail(c, rc, "reading units", d);
    if (i != m->n_units) {
        diag_set(d, "%s: read %d of %d units", c->path, i, m->n_units);
        return CACHE_ERR_INVALID;
    }
    rc = load_consultants(c, m);
    if (rc != SQLITE_OK)
        return cache_sql_fail(c, rc, "reading consultants", d);
    diag_t why;
    diag_clear(&why);
    if (model_check(m, &why) != 0) {
        diag_set(d, "%s: %s", c->path, why.msg);
        return CACHE_ERR_INVALID;
    }

    rc = sqlite3_prepare_v2(c->db,
        "SELECT epoch, version, data_as_of FROM sync_state WHERE id = 1;", -1,
        &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        cache_col_text(st, 0, m->epoch, sizeof m->epoch);
        m->version = sqlite3_column_int64(st, 1);
        m->data_as_of = sqlite3_column_int64(st, 2);
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return cache_sql_fail(c, rc, "reading sync state", d);
    return CACHE_OK;
}

cache_status_t cache_load_model(cache_t *c, model_t **out, diag_t *d)
{
    int64_t nb = 0, nt = 0, nu = 0, nu_all = 0;
    cache_status_t st;
    model_t *m = NULL;

    *out = NULL;
    /* One read transaction, so the counts and the rows agree. */
    st = cache_exec(c, "BEGIN;", "reading the project", d);
    if (st != CACHE_OK)
        return st;
    if ((st = cache_query_int(c, "SELECT count(*) FROM building;", &nb,
                        "counting buildings", d)) != CACHE_OK ||
        (st = cache_query_int(c, "SELECT count(*) FROM unit_type;", &nt,
                        "counting unit types", d)) != CACHE_OK ||
        (st = cache_query_int(c, "SELECT count(*) FROM unit u JOIN building b"
                           " ON b.id = u.building_id;", &nu,
                        "counting units", d)) != CACHE_OK)
        goto out;
    if ((st = cache_query_int(c, "SELECT count(*) FROM unit;", &nu_all,
                        "counting units", d)) != CACHE_OK)
        goto out;
    if (nu_all != nu) {
        diag_set(d, "%s: %lld units belong to no building in the cache",
                 c->path, (long long)(nu_all - nu));
        st = CACHE_ERR_INVALID;
        goto out;
    }
    m = model_create((int)nb, (int)nt, (int)nu);
    if (!m) {
        diag_set(d, "%s: out of memory loading %lld units", c->path,
                 (long long)nu);
        st = CACHE_ERR_NOMEM;
        goto out;
    }
    st = load_rows(c, m, d);
out:
    sqlite3_exec(c->db, "COMMIT;", NULL, NULL, NULL);
    if (st != CACHE_OK) {
        model_destroy(m);
        return st;
    }
    *out = m;
    return CACHE_OK;
}

