/* test_cache.c - the SQLite cache: schema, migrations, bad files, atomicity.
 *
 * Real files in a temporary directory.  The test talks to SQLite directly
 * only to build an old-version file and to inspect pragmas.
 */
#include "testutil.h"

#include <sqlite3.h>

#include "cache.h"
#include "demo.h"
#include "modelutil.h"

static char dir[256], path[512];

static int setup(void **state)
{
    (void)state;
    tu_mkdtemp(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/cache.db", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmdir(dir);
    return 0;
}

static model_t *demo(int units, uint64_t seed)
{
    demo_params_t p = {seed, units, 1795000000, NULL};
    model_t *m = NULL;
    diag_t d;
    assert_int_equal(demo_generate(&p, &m, &d), 0);
    return m;
}

static void sql_exec(const char *file, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK)
        fail_msg("sql: %s", err);
    sqlite3_close(db);
}

static void sql_text(const char *file, const char *sql, char *out, size_t n)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void test_fresh_cache(void **state)
{
    (void)state;
    cache_t *c = NULL;
    diag_t d;
    char mode[32];
    assert_int_equal(cache_open(path, &c, &d), CACHE_OK);
    assert_int_equal(cache_schema_version(c), CACHE_SCHEMA_VERSION);
    int has = -1;
    assert_int_equal(cache_has_project(c, &has, &d), CACHE_OK);
    assert_int_equal(has, 0);
    cache_close(c);
    sql_text(path, "PRAGMA journal_mode;", mode, sizeof mode);
    assert_string_equal(mode, "wal");
}

static void test_store_and_load_round_trip(void **state)
{
    (void)state;
    cache_t *c = NULL;
    model_t *m = demo(2000, 7), *back = NULL;
    diag_t d;
    assert_int_equal(cache_open(path, &c, &d), CACHE_OK);
    assert_int_equal(cache_store_model(c, m, &d), CACHE_OK);
    int has = 0;
    assert_int_equal(cache_has_project(c, &has, &d), CACHE_OK);
    assert_int_equal(has, 1);
    assert_int_equal(cache_load_model(c, &back, &d), CACHE_OK);
    assert_int_equal(back->n_units, m->n_units);
    assert_int_equal(back->n_buildings, m->n_buildings);
    assert_int_equal(back->n_unit_types, m->n_unit_types);
    assert_true(tu_model_digest(back) == tu_model_digest(m));
    assert_string_equal(back->project.permits, m->project.permits);
    assert_int_equal(back->version, m->version);
    model_destroy(back);
    cache_close(c);

    /* Reopening reads the same rows: the file, not memory, held them. */
    assert_int_equal(cache_open(path, &c, &d), CACHE_OK);
    assert_int_equal(cache_load_model(c, &back, &d), CACHE_OK);
    assert_true(tu_model_digest(back) == tu_model_digest(m));
    model_destroy(back);
    cache_close(c);
    model_destroy(m);
}

static void test_project_info_and_media_round_trip(void **state)
{
    (void)state;
    demo_media_t md;
    tu_fake_media(&md);
    demo_params_t p = {9, 300, 1795000000, &md};
    model_t *m = NULL, *back = NULL;
    cache_t *c = NULL;
    diag_t d;
    assert_int_equal(demo_generate(&p, &m, &d), 0);
    assert_int_equal(cache_open(path, &c, &d), CACHE_OK);
    assert_int_equal(cache_store_model(c, m, &d), CACHE_OK);
    assert_int_equal(cache_load_model(c, &back, &d), CACHE_OK);
    assert_true(tu_model_digest(back) == tu_model_digest(m));
    assert_int_equal(back->project.n_heroes, 3);
    assert_string_equal(back->project.heroes[2], md.heroes[2]);
    assert_string_equal(back->project.siteplan_media, md.siteplan);
    assert_string_equal(back->unit_types[4].floor_plan, md.plans[4]);
    assert_int_equal(back->project.property_fee, 380);
    assert_non_null(strchr(back->project.amenities.s[LANG_ZH_HANT], '\n'));
    const char *refs[32];
    assert_int_equal(model_media_refs(back, refs, 32), 3 + 2 + 5);
    model_destroy(back);

    /* Storing again replaces the pictures rather than adding to them. */
    m->project.n_heroes = 1;
    assert_int_equal(cache_store_model(c, m, &d), CACHE_OK);
    assert_int_equal(cache_load_model(c, &back, &d), CACHE_OK);
    assert_int_equal(back->project.n_heroes, 1);
    model_destroy(back);

    /* A row that is not a media name is refused, not drawn. */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE unit_type SET floor_plan = "
                                      "'../../etc/passwd' WHERE code = 'B';",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_not_equal(cache_load_model(c, &back, &d), CACHE_OK);
    assert_null(back);
    assert_non_null(strstr(d.msg, "floor plan is not a media name"));
    cache_close(c);
    model_destroy(m);
}

static void test_upgrade_from_version_1(void **state)
{
    (void)state;
    char sql[8192], fixture[512];
    cache_t *c = NULL;
    model_t *m = NULL;
    diag_t d;
    snprintf(fixture, sizeof fixture, "%s/tests/core/fixtures/cache_v1.sql",
             tu_env("SOURCE_DIR", "."));
    FILE *f = fopen(fixture, "r");
    assert_non_null(f);
    size_t n = fread(sql, 1, sizeof sql - 1, f);
    fclose(f);
    sql[n] = '\0';
    sql_exec(path, sql);

    assert_int_equal(cache_open(path, &c, &d), CACHE_OK);
    assert_int_equal(cache_schema_version(c), CACHE_SCHEMA_VERSION);
    assert_int_equal(cache_load_model(c, &m, &d), CACHE_OK);
    assert_int_equal(m->n_units, 4);
    assert_string_equal(m->project.name.s[LANG_EN], "Old Court");
    assert_string_equal(m->epoch, "epoch-a");
    assert_int_equal(m->version, 3);
    int i = model_find_unit(m, "B1-201");
    assert_true(i >= 0);
    assert_int_equal(m->units[i].status, STATUS_HELD);
    assert_int_equal(m->units[i].list_price, 310000000);
    assert_int_equal(m->units[i].status_changed_at, 0); /* new column */
    /* Schema 3: no description or pictures yet, and none made up. */
    assert_int_equal(m->project.n_heroes, 0);
    assert_string_equal(m->project.description.s[0], "");
    assert_string_equal(m->unit_types[0].floor_plan, "");
    /* Units come back in board order: floor, then stack. */
    assert_string_equal(m->units[0].number, "101");
    assert_string_equal(m->units[3].number, "202");
    model_destroy(m);
    cache_close(c);

    /* Opening again does not migrate twice. */
    assert_int_equal(cache_open(path, &c, &d), CACHE_OK);
    assert_int_equal(cache_schema_version(c), CACHE_SCHEMA_VERSION);
    cache_close(c);
}

/* Two consultants (one removed) and a consultant's hold on one unit. */
static void add_consultants(model_t *m)
{
    assert_int_equal(model_set_consultants(m, 2), 0);
    consultant_t *a = &m->consultants[0], *b = &m->consultants[1];
    snprintf(a->id, sizeof a->id, "C01");
    snprintf(a->name.s[LANG_ZH_HANT], sizeof a->name.s[0], "陳美玲");
    snprintf(a->name.s[LANG_EN], sizeof a->name.s[0], "Chan Mei-ling");
    snprintf(a->pin_hash, sizeof a->pin_hash, "pbkdf2-sha256$1000$"
             "00112233445566778899aabbccddeeff$"
             "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    a->active = 1;
    a->version = 1;
    snprintf(b->id, sizeof b->id, "C02");
    b->active = 0;
    b->version = 1;
    unit_t *u = &m->units[3];
    u->status = STATUS_HELD;
    u->hold_expires_at = 1795001800;
    snprintf(u->hold_id, sizeof u->hold_id, "h-0001");
    snprintf(u->held_by, sizeof u->held_by, "C01");
}

static void test_consultants_and_holds_round_trip(void **state)
{
    (void)state;
    cache_t *c = NULL;
    model_t *m = demo(300, 4), *back = NULL;
    diag_t d;
    add_consultants(m);
    assert_int_equal(cache_open(path, &c, &d), CACHE_OK);
    assert_int_equal(cache_store_model(c, m, &d), CACHE_OK);
    assert_int_equal(cache_load_model(c, &back, &d), CACHE_OK);
    assert_true(tu_model_digest(back) == tu_model_digest(m));
    assert_int_equal(back->n_consultants, 2);
    int k = model_find_consultant(back, "C01");
    assert_true(k >= 0);
    assert_string_equal(back->consultants[k].name.s[LANG_EN], "Chan Mei-ling");
    assert_true(back->consultants[k].active);
    assert_false(back->consultants[model_find_consultant(back, "C02")].active);
    int i = model_find_unit(back, m->units[3].id);
    assert_string_equal(back->units[i].held_by, "C01");
    assert_string_equal(back->units[i].hold_id, "h-0001");
    model_destroy(back);

    /* The office changing the unit ends the consultant's hold on it. */
    int64_t v = 0;
    assert_int_equal(cache_set_status(c, m->units[3].id, STATUS_SUBSCRIBED,
                                      1795000100, 0, &v, &d), CACHE_OK);
    assert_int_equal(cache_load_model(c, &back, &d), CACHE_OK);
    assert_string_equal(back->units[i].held_by, "");
    assert_string_equal(back->units[i].hold_id, "");
    model_destroy(back);
    cache_close(c);
    model_destroy(m);
}

/* A file as schema 3 left it: the demo stored by this build, then every
 * addition of schema 4 taken away again. */
static void test_upgrade_from_version_3_keeps_data(void **state)
{
    (void)state;
    cache_t *c = NULL;
    model_t *m = demo(300, 6), *back = NULL;
    diag_t d;
    assert_int_equal(cache_open(path, &c, &d), CACHE_OK);
    assert_int_equal(cache_store_model(c, m, &d), CACHE_OK);
    cache_close(c);
    sql_exec(path, "DROP TABLE consultant; DROP TABLE hold; DROP TABLE audit;"
                   " DROP TABLE idempotency; DROP TABLE outbox;"
                   " DROP TABLE pin_lockout; DROP INDEX unit_by_holder;"
                   " ALTER TABLE unit DROP COLUMN hold_id;"
                   " ALTER TABLE unit DROP COLUMN held_by;"
                   " PRAGMA user_version = 3;");
    assert_int_equal(cache_open(path, &c, &d), CACHE_OK);
    assert_int_equal(cache_schema_version(c), 4);
    assert_int_equal(cache_load_model(c, &back, &d), CACHE_OK);
    assert_true(tu_model_digest(back) == tu_model_digest(m));
    assert_int_equal(back->n_consultants, 0);
    model_destroy(back);
    cache_close(c);
    char n[32];
    sql_text(path, "SELECT count(*) FROM outbox;", n, sizeof n);
    assert_string_equal(n, "0");
    model_destroy(m);
}

static void test_garbage_file_rejected(void **state)
{
    (void)state;
    unsigned char junk[8192];
    cache_t *c = (cache_t *)1;
    diag_t d;
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)(i * 131 + 7);
    tu_write_bytes(path, junk, sizeof junk);
    cache_status_t st = cache_open(path, &c, &d);
    assert_int_equal(st, CACHE_ERR_NOT_DB);
    assert_null(c);
    assert_true(cache_error_is_rebuildable(st));
    assert_non_null(strstr(d.msg, path));
    assert_non_null(strstr(d.msg, "not a cache database"));
}

static void test_text_file_rejected(void **state)
{
    (void)state;
    cache_t *c = NULL;
    diag_t d;
    tu_write(path, "[kiosk]\nlang = en\n");
    assert_int_equal(cache_open(path, &c, &d), CACHE_ERR_NOT_DB);
    assert_null(c);
}

static void test_damaged_database_rejected(void **state)
{
    (void)state;
    cache_t *c = NULL;
    model_t *m = demo(2000, 3);
    diag_t d;
    assert_int_equal(cache_open(path, &c, &d), CACHE_OK);
    assert_int_equal(cache_store_model(c, m, &d), CACHE_OK);
    cache_close(c);
    model_destroy(m);
    sql_exec(path, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;");

    /* Scribble over pages in the middle of the file (not the header). */
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    assert_true(size > 64 * 1024);
    unsigned char junk[4096 * 4];
    memset(junk, 0x5a, sizeof junk);
    fseek(f, size / 2 / 4096 * 4096, SEEK_SET);
    fwrite(junk, 1, sizeof junk, f);
    fclose(f);

    cache_status_t st = cache_open(path, &c, &d);
    assert_int_not_equal(st, CACHE_OK);
    assert_null(c);
    assert_true(cache_error_is_rebuildable(st));
    assert_non_null(strstr(d.msg, path));
}

static void test_newer_schema_rejected(void **state)
{
    (void)state;
    cache_t *c = NULL;
    diag_t d;
    sql_exec(path, "CREATE TABLE x (a); PRAGMA user_version = 99;");
    assert_int_equal(cache_open(path, &c, &d), CACHE_ERR_TOO_NEW);
    assert_non_null(strstr(d.msg, "newer"));
}

/* A cache of the demo with one SQL statement applied behind the cache's
 * back (as damage or another program might); returns what loading says. */
static cache_status_t load_after(const char *sql, diag_t *d)
{
    cache_t *c = NULL;
    model_t *m = demo(300, 5), *back = NULL;
    assert_int_equal(cache_open(path, &c, d), CACHE_OK);
    assert_int_equal(cache_store_model(c, m, d), CACHE_OK);
    cache_close(c);
    model_destroy(m);
    sql_exec(path, sql);
    cache_status_t st = cache_open(path, &c, d);
    if (st == CACHE_OK) {
        st = cache_load_model(c, &back, d);
        cache_close(c);
    }
    if (st == CACHE_OK)
        model_destroy(back);
    return st;
}

static void expect_rebuildable(const char *sql, const char *words)
{
    diag_t d;
    diag_clear(&d);
    cache_status_t st = load_after(sql, &d);
    if (!cache_error_is_rebuildable(st) || !strstr(d.msg, words))
        fail_msg("after '%s': status %d, message '%s' (want '%s')", sql,
                 (int)st, d.msg, words);
    tu_rmdir(dir);
    tu_mkdtemp(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/cache.db", dir);
}

static void test_hostile_rows_rejected_not_drawn(void **state)
{
    (void)state;
    /* The schema's CHECKs do not protect a file written by someone else:
     * these drop them by rebuilding the table without them. */
    const char *unchecked =
        "PRAGMA foreign_keys=OFF; PRAGMA writable_schema=OFF;"
        "CREATE TABLE u2 AS SELECT * FROM unit; DROP TABLE unit;"
        "ALTER TABLE u2 RENAME TO unit;";
    char sql[1024];
    expect_rebuildable("PRAGMA user_version = -5;", "not one any build writes");
    snprintf(sql, sizeof sql, "%s UPDATE unit SET stack = 0 WHERE rowid = 1;", unchecked);
    expect_rebuildable(sql, "stack outside");
    snprintf(sql, sizeof sql, "%s UPDATE unit SET floor = 999 WHERE rowid = 2;", unchecked);
    expect_rebuildable(sql, "floor outside");
    snprintf(sql, sizeof sql, "%s UPDATE unit SET status = 'sold' WHERE rowid = 3;", unchecked);
    expect_rebuildable(sql, "unknown status");
    snprintf(sql, sizeof sql, "%s UPDATE unit SET stack = 2, floor = 1 WHERE rowid = 1;", unchecked);
    expect_rebuildable(sql, "shares its floor and stack");
    snprintf(sql, sizeof sql, "%s UPDATE unit SET building_id = 'nowhere' WHERE rowid = 4;", unchecked);
    expect_rebuildable(sql, "belong to no building");
    expect_rebuildable("PRAGMA foreign_keys=OFF; CREATE TABLE b2 AS SELECT * FROM building;"
                       " DROP TABLE building; ALTER TABLE b2 RENAME TO building;"
                       " UPDATE building SET floors = 2000000000;", "out of range");
    expect_rebuildable("DROP TABLE sync_state;", "not a kiosk cache");
}

static void test_foreign_database_rejected(void **state)
{
    (void)state;
    cache_t *c = NULL;
    diag_t d;
    /* Another program's database that happens to have a 'project' table. */
    sql_exec(path, "CREATE TABLE project (name TEXT); INSERT INTO project VALUES ('x');");
    cache_status_t st = cache_open(path, &c, &d);
    assert_true(cache_error_is_rebuildable(st));
    assert_null(c);
}

static void test_failed_store_keeps_old_rows(void **state)
{
    (void)state;
    cache_t *c = NULL;
    model_t *a = demo(2000, 11), *b = demo(2000, 12), *back = NULL;
    diag_t d;
    assert_int_equal(cache_open(path, &c, &d), CACHE_OK);
    assert_int_equal(cache_store_model(c, a, &d), CACHE_OK);
    /* Break b near its end: a duplicate unit id violates the primary key
     * after thousands of rows were already written in the transaction. */
    memcpy(b->units[b->n_units - 1].id, b->units[0].id, sizeof b->units[0].id);
    assert_int_not_equal(cache_store_model(c, b, &d), CACHE_OK);
    assert_non_null(strstr(d.msg, "storing"));
    assert_int_equal(cache_load_model(c, &back, &d), CACHE_OK);
    assert_true(tu_model_digest(back) == tu_model_digest(a));
    model_destroy(back);
    cache_close(c);
    model_destroy(a);
    model_destroy(b);
}

/* The demo at epoch e1, version 5, in the cache; returns the model. */
static model_t *stored_e1_v5(cache_t **c)
{
    diag_t d;
    model_t *m = demo(300, 21);
    snprintf(m->epoch, sizeof m->epoch, "e1");
    m->version = 5;
    for (int i = 0; i < m->n_units; i++)
        m->units[i].version = 1 + i % 5;
    assert_int_equal(cache_open(path, c, &d), CACHE_OK);
    assert_int_equal(cache_store_model(*c, m, &d), CACHE_OK);
    return m;
}

static uint64_t stored_digest(cache_t *c)
{
    model_t *m = NULL;
    diag_t d;
    assert_int_equal(cache_load_model(c, &m, &d), CACHE_OK);
    uint64_t h = tu_model_digest(m);
    model_destroy(m);
    return h;
}

static void test_apply_snapshot_never_goes_back(void **state)
{
    (void)state;
    cache_t *c = NULL;
    cache_sync_t s;
    diag_t d;
    int replaced = -1;
    model_t *m = stored_e1_v5(&c);
    uint64_t h = stored_digest(c);

    m->version = 3; /* older: refused, nothing changes */
    assert_int_equal(cache_apply_snapshot(c, m, 100, &replaced, &d), CACHE_ERR_STALE);
    assert_int_equal(replaced, 0);
    assert_true(stored_digest(c) == h);

    m->version = 5; /* the same: only confirmed */
    assert_int_equal(cache_apply_snapshot(c, m, 200, &replaced, &d), CACHE_OK);
    assert_int_equal(replaced, 0);
    assert_int_equal(cache_get_sync(c, &s, &d), CACHE_OK);
    assert_int_equal(s.data_as_of, 200);

    m->version = 6; /* newer: replaced */
    m->units[0].status = STATUS_SIGNED;
    m->units[0].version = 6;
    assert_int_equal(cache_apply_snapshot(c, m, 300, &replaced, &d), CACHE_OK);
    assert_int_equal(replaced, 1);
    assert_int_equal(cache_get_sync(c, &s, &d), CACHE_OK);
    assert_int_equal(s.version, 6);

    snprintf(m->epoch, sizeof m->epoch, "e2"); /* a rebuilt server */
    m->version = 1;
    for (int i = 0; i < m->n_units; i++)
        m->units[i].version = 1;
    assert_int_equal(cache_apply_snapshot(c, m, 400, &replaced, &d), CACHE_OK);
    assert_int_equal(replaced, 1);
    assert_int_equal(cache_get_sync(c, &s, &d), CACHE_OK);
    assert_string_equal(s.epoch, "e2");
    assert_int_equal(s.version, 1);
    model_destroy(m);
    cache_close(c);
}

static void test_apply_changes_all_or_nothing(void **state)
{
    (void)state;
    cache_t *c = NULL;
    cache_sync_t s;
    diag_t d;
    int applied = -1;
    model_t *m = stored_e1_v5(&c);
    proto_unit_t r[2];
    memset(r, 0, sizeof r);
    for (int i = 0; i < 2; i++) {
        r[i].u = m->units[i];
        snprintf(r[i].building_id, sizeof r[i].building_id, "%s",
                 m->buildings[m->units[i].building].id);
    }
    r[0].u.status = STATUS_SIGNED;
    r[0].u.version = 6;
    r[1].u.status = STATUS_HELD;
    r[1].u.version = 7;
    proto_changes_t ch = {.since = 5, .version = 7, .units = r, .n_units = 2};
    snprintf(ch.project_id, sizeof ch.project_id, "%s", m->project.id);
    uint64_t h = stored_digest(c);

    snprintf(ch.epoch, sizeof ch.epoch, "e-other"); /* another epoch */
    assert_int_equal(cache_apply_changes(c, &ch, 10, &applied, &d), CACHE_ERR_RESYNC);
    assert_true(stored_digest(c) == h);

    snprintf(ch.epoch, sizeof ch.epoch, "e1");
    snprintf(r[1].u.id, sizeof r[1].u.id, "NO-SUCH-UNIT"); /* unknown unit */
    assert_int_equal(cache_apply_changes(c, &ch, 10, &applied, &d), CACHE_ERR_RESYNC);
    assert_int_equal(applied, 0);
    assert_true(stored_digest(c) == h); /* the first unit was not kept */

    snprintf(r[1].u.id, sizeof r[1].u.id, "%s", m->units[1].id);
    assert_int_equal(cache_apply_changes(c, &ch, 20, &applied, &d), CACHE_OK);
    assert_int_equal(applied, 2);
    assert_int_equal(cache_get_sync(c, &s, &d), CACHE_OK);
    assert_int_equal(s.version, 7);
    assert_int_equal(s.data_as_of, 20);
    uint64_t h2 = stored_digest(c);

    /* Replayed: nothing changes but the time it was confirmed. */
    assert_int_equal(cache_apply_changes(c, &ch, 30, &applied, &d), CACHE_OK);
    assert_int_equal(applied, 0);
    assert_true(stored_digest(c) == h2);

    /* Overlapping (since 6): only what is newer is written. */
    r[1].u.version = 8;
    r[1].u.status = STATUS_AVAILABLE;
    ch.since = 6;
    ch.version = 8;
    assert_int_equal(cache_apply_changes(c, &ch, 40, &applied, &d), CACHE_OK);
    assert_int_equal(applied, 1);

    /* Consultants arrive with changes: added, then removed, never an older
     * row over a newer one. */
    consultant_t k[1];
    memset(k, 0, sizeof k);
    snprintf(k[0].id, sizeof k[0].id, "C09");
    snprintf(k[0].name.s[LANG_EN], sizeof k[0].name.s[0], "Lee");
    k[0].active = 1;
    k[0].version = 9;
    proto_changes_t kc = {.since = 8, .version = 9, .consultants = k,
                          .n_consultants = 1};
    snprintf(kc.project_id, sizeof kc.project_id, "%s", m->project.id);
    snprintf(kc.epoch, sizeof kc.epoch, "e1");
    assert_int_equal(cache_apply_changes(c, &kc, 50, &applied, &d), CACHE_OK);
    model_t *km = NULL;
    assert_int_equal(cache_load_model(c, &km, &d), CACHE_OK);
    assert_int_equal(km->n_consultants, 1);
    assert_true(km->consultants[0].active);
    model_destroy(km);
    k[0].active = 0;
    k[0].version = 10;
    kc.since = 9;
    kc.version = 10;
    assert_int_equal(cache_apply_changes(c, &kc, 60, &applied, &d), CACHE_OK);
    assert_int_equal(cache_load_model(c, &km, &d), CACHE_OK);
    assert_false(km->consultants[0].active);
    assert_int_equal(km->consultants[0].version, 10);
    model_destroy(km);

    /* And the units read back since 7 are exactly that one. */
    unit_t *out = NULL;
    int n = 0;
    assert_int_equal(cache_read_changes(c, 7, &s, &out, &n, &d), CACHE_OK);
    assert_int_equal(n, 1);
    assert_string_equal(out[0].id, m->units[1].id);
    assert_int_equal(out[0].status, STATUS_AVAILABLE);
    free(out);
    model_destroy(m);
    cache_close(c);
}

static void test_quarantine_moves_file_aside(void **state)
{
    (void)state;
    char aside[600];
    diag_t d;
    tu_write(path, "garbage");
    assert_int_equal(cache_quarantine(path, 1234, &d), 0);
    assert_int_not_equal(access(path, F_OK), 0);
    snprintf(aside, sizeof aside, "%s.bad-1234", path);
    assert_int_equal(access(aside, F_OK), 0);
}

static void test_unopenable_path_reports_it(void **state)
{
    (void)state;
    cache_t *c = NULL;
    diag_t d;
    char bad[600];
    snprintf(bad, sizeof bad, "%s/no/such/dir/cache.db", dir);
    assert_int_equal(cache_open(bad, &c, &d), CACHE_ERR_IO);
    assert_non_null(strstr(d.msg, bad));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fresh_cache, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_and_load_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_project_info_and_media_round_trip,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrade_from_version_1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_consultants_and_holds_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrade_from_version_3_keeps_data, setup, teardown),
        cmocka_unit_test_setup_teardown(test_garbage_file_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_file_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_database_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_schema_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_rows_rejected_not_drawn, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_database_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_store_keeps_old_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_apply_snapshot_never_goes_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_apply_changes_all_or_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quarantine_moves_file_aside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unopenable_path_reports_it, setup, teardown),
    };
    return cmocka_run_group_tests_name("cache", tests, NULL, NULL);
}
