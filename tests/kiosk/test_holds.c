/* test_holds.c - consultants and holds against a real salesd on loopback.
 *
 * `salesd consultant add` keeps no PIN in clear; POST /api/v1/holds holds
 * a unit that every kiosk then sees (snapshot, a woken long poll); the
 * same Idempotency-Key answers the same without a second hold; two kiosks
 * racing for one unit get exactly one hold; the per-consultant limit,
 * unknown consultants, releases by the owner and by others, and holds that
 * run out; a kiosk's sync worker storing holds and consultants in its
 * cache.  The ledgers (hold, audit, idempotency) are read straight from
 * salesd's database.  Waits are bounded; nothing asserts how fast.
 */
#include "harness.h"

#include <pthread.h>

#include <sqlite3.h>

#include "cache.h"
#include "pin.h"
#include "proto.h"
#include "sync.h"

#define PIN "73915"
#define KIOSK_AUTH "Authorization: Bearer " KIOSK_TOKEN "\r\n"
#define OTHER_AUTH "Authorization: Bearer " ADMIN_TOKEN "\r\n"
#define SNAP "/api/v1/projects/demo-emerald-lake/snapshot"

static salesd_t srv;
static char out[1 << 20];

static int setup(void **state)
{
    (void)state;
    h_salesd_init(&srv, 300);
    h_salesd_add_consultant(&srv, "C01", PIN);
    h_salesd_add_consultant(&srv, "C02", PIN);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    h_salesd_free(&srv);
    return 0;
}

/* The body of a response in buf. */
static const char *body_of(const char *buf)
{
    const char *b = strstr(buf, "\r\n\r\n");
    return b ? b + 4 : "";
}

/* POST /api/v1/holds; returns the status, the response in buf. */
static int hold(const char *auth, const char *key, const char *unit,
                const char *consultant, int minutes, char *buf, size_t size)
{
    char hdr[256], body[256];
    snprintf(hdr, sizeof hdr, "%sIdempotency-Key: %s\r\n", auth, key);
    snprintf(body, sizeof body,
             "{\"unit_id\":\"%s\",\"consultant_id\":\"%s\",\"minutes\":%d}",
             unit, consultant, minutes);
    return h_http(srv.port, "POST", "/api/v1/holds", hdr, body, buf, size);
}

static int release(const char *hold_id, const char *consultant, char *buf,
                   size_t size)
{
    char path[128], body[128];
    snprintf(path, sizeof path, "/api/v1/holds/%s", hold_id);
    snprintf(body, sizeof body, "{\"consultant_id\":\"%s\"}", consultant);
    return h_http(srv.port, "DELETE", path, KIOSK_AUTH, body, buf, size);
}

/* The hold id of a 201 or 200 answer. */
static void hold_id_of(const char *buf, char *id)
{
    proto_hold_t h;
    int64_t v;
    diag_t d;
    const char *b = body_of(buf);
    if (proto_decode_hold(b, strlen(b), &h, &v, &d) != 0)
        fail_msg("%s in %s", d.msg, b);
    snprintf(id, MODEL_ID_MAX, "%s", h.id);
}

static void test_consultant_add_keeps_no_pin_in_clear(void **state)
{
    (void)state;
    /* Every byte of the database and its journal: no PIN anywhere. */
    h_file_lacks(srv.db, PIN);
    assert_int_equal(h_db_int(&srv, "SELECT count(*) FROM consultant WHERE pin_hash"
                            " LIKE 'pbkdf2-sha256$1000$%' AND active = 1"), 2);

    /* The PIN may come on standard input, and a bad one is refused. */
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "echo 2468 | %s consultant add --db %s C03 "
             "--name-zh-hant x --name-zh-hans x --name-en x --iterations 1000"
             " >>%s 2>&1", tu_env("SALESD", "build/salesd"), srv.db, srv.log);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "echo 12a | %s consultant add --db %s C04 "
             "--name-zh-hant x --name-zh-hans x --name-en x >>%s 2>&1",
             tu_env("SALESD", "build/salesd"), srv.db, srv.log);
    assert_int_not_equal(system(cmd), 0);
    /* The list names the algorithm, never the hash. */
    snprintf(cmd, sizeof cmd, "%s consultant list --db %s",
             tu_env("SALESD", "build/salesd"), srv.db);
    FILE *p = popen(cmd, "r");
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = '\0';
    assert_int_equal(pclose(p), 0);
    assert_non_null(strstr(out, "C03\tpbkdf2-sha256, 1000 iterations"));
    assert_null(strstr(out, "pbkdf2-sha256$"));
    const char *rm[] = {"consultant", "remove", "--db", srv.db, "C03", NULL};
    assert_int_equal(h_salesd_cmd(rm, srv.log), 0);
    assert_int_equal(h_salesd_cmd(rm, srv.log), 2); /* not there any more */
}

typedef struct {
    char path[256];
    int status;
    char buf[1 << 16];
} poll_t;

static void *long_poll(void *arg)
{
    poll_t *p = arg;
    p->status = h_http(srv.port, "GET", p->path, KIOSK_AUTH, NULL, p->buf,
                       sizeof p->buf);
    return NULL;
}

static void test_hold_reaches_snapshot_and_long_poll(void **state)
{
    (void)state;
    char unit[MODEL_ID_MAX], id[MODEL_ID_MAX];
    h_salesd_start(&srv, 0);
    h_available_unit(&srv, 0, unit, sizeof unit);
    long long v0 = h_db_int(&srv, "SELECT version FROM sync_state");

    /* A kiosk's long poll is parked when the hold comes in. */
    static poll_t p;
    char epoch[64];
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(srv.db, &db), SQLITE_OK);
    sqlite3_prepare_v2(db, "SELECT epoch FROM sync_state", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(epoch, sizeof epoch, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    snprintf(p.path, sizeof p.path, "/api/v1/projects/demo-emerald-lake/"
             "changes?epoch=%s&since=%lld&wait=30", epoch, v0);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, long_poll, &p), 0);
    h_sleep_ms(300);

    assert_int_equal(hold(KIOSK_AUTH, "k-1", unit, "C01", 45, out, sizeof out), 201);
    hold_id_of(out, id);
    assert_non_null(strstr(out, "\"kiosk\":\"lobby\""));
    pthread_join(t, NULL);
    assert_int_equal(p.status, 200);
    proto_changes_t *ch = NULL;
    diag_t d;
    const char *b = body_of(p.buf);
    if (proto_decode_changes(b, strlen(b), &ch, &d) != 0)
        fail_msg("%s", d.msg);
    assert_int_equal(ch->n_units, 1);
    assert_string_equal(ch->units[0].u.id, unit);
    assert_int_equal(ch->units[0].u.status, STATUS_HELD);
    assert_string_equal(ch->units[0].u.held_by, "C01");
    assert_string_equal(ch->units[0].u.hold_id, id);
    assert_true(ch->units[0].u.hold_expires_at > 0);
    proto_changes_free(ch);

    /* The snapshot shows it too, with the consultants and their hashes. */
    assert_int_equal(h_http(srv.port, "GET", SNAP, KIOSK_AUTH, NULL, out, sizeof out), 200);
    model_t *m = NULL;
    b = body_of(out);
    if (proto_decode_snapshot(b, strlen(b), &m, &d) != 0)
        fail_msg("%s", d.msg);
    int i = model_find_unit(m, unit);
    assert_int_equal(m->units[i].status, STATUS_HELD);
    assert_string_equal(m->units[i].held_by, "C01");
    assert_int_equal(m->n_consultants, 2);
    /* The PIN is nowhere as a value, string or number.  (Not a bare
     * substring search: its digits turn up inside prices by chance.) */
    assert_null(strstr(out, "\"" PIN "\""));
    assert_null(strstr(out, ":" PIN ","));
    assert_null(strstr(out, ":" PIN "}"));
    for (int k = 0; k < m->n_consultants; k++)
        assert_true(pin_hash_valid(m->consultants[k].pin_hash, NULL));
    model_destroy(m);
    /* Minutes are capped by the server (30 by default). */
    assert_int_equal(h_db_int(&srv, "SELECT expires_at - created_at FROM hold"), 30 * 60);
}

static void test_same_key_same_answer(void **state)
{
    (void)state;
    char unit[MODEL_ID_MAX], other[MODEL_ID_MAX];
    static char first[1 << 14], again[1 << 14];
    h_salesd_start(&srv, 0);
    h_available_unit(&srv, 0, unit, sizeof unit);
    h_available_unit(&srv, 1, other, sizeof other);
    assert_int_equal(hold(KIOSK_AUTH, "replay-1", unit, "C01", 10, first, sizeof first), 201);
    long long v = h_db_int(&srv, "SELECT version FROM sync_state");
    assert_int_equal(hold(KIOSK_AUTH, "replay-1", unit, "C01", 10, again, sizeof again), 201);
    assert_string_equal(body_of(first), body_of(again));
    assert_int_equal(h_db_int(&srv, "SELECT count(*) FROM hold"), 1);
    assert_int_equal(h_db_int(&srv, "SELECT count(*) FROM audit"), 1);
    assert_int_equal(h_db_int(&srv, "SELECT version FROM sync_state"), v);

    /* The same key with another body is a client's mistake. */
    assert_int_equal(hold(KIOSK_AUTH, "replay-1", other, "C01", 10, out, sizeof out), 422);
    assert_non_null(strstr(out, "\"code\":\"idempotency_mismatch\""));
    /* Keys are per kiosk: another kiosk's same key is its own request. */
    assert_int_equal(hold(OTHER_AUTH, "replay-1", other, "C02", 10, out, sizeof out), 201);
    /* A refusal is kept and replayed too. */
    assert_int_equal(hold(KIOSK_AUTH, "replay-2", unit, "C02", 10, first, sizeof first), 409);
    assert_int_equal(hold(KIOSK_AUTH, "replay-2", unit, "C02", 10, again, sizeof again), 409);
    assert_string_equal(body_of(first), body_of(again));
    assert_non_null(strstr(first, "\"code\":\"unit_unavailable\""));
    assert_non_null(strstr(first, "is held"));

    /* Bad keys and bodies are refused, naming what is wrong. */
    assert_int_equal(h_http(srv.port, "POST", "/api/v1/holds", KIOSK_AUTH,
                            "{}", out, sizeof out), 400);
    assert_non_null(strstr(out, "Idempotency-Key: header required"));
    assert_int_equal(hold(KIOSK_AUTH, "bad key!", unit, "C01", 10, out, sizeof out), 400);
    assert_int_equal(hold(KIOSK_AUTH, "k-x", unit, "C01", 0, out, sizeof out), 400);
    assert_non_null(strstr(out, "minutes: 0 is out of range"));
    assert_int_equal(hold("", "k-y", unit, "C01", 10, out, sizeof out), 401);
}

typedef struct {
    const char *auth, *key, *consultant;
    char unit[MODEL_ID_MAX];
    int status;
    char buf[4096];
} racer_t;

static void *race(void *arg)
{
    racer_t *r = arg;
    r->status = hold(r->auth, r->key, r->unit, r->consultant, 10, r->buf,
                     sizeof r->buf);
    return NULL;
}

static void test_two_kiosks_race_one_wins(void **state)
{
    (void)state;
    h_salesd_start(&srv, 0);
    for (int round = 0; round < 3; round++) {
        static racer_t a, b;
        char ka[32], kb[32];
        snprintf(ka, sizeof ka, "race-a-%d", round);
        snprintf(kb, sizeof kb, "race-b-%d", round);
        a = (racer_t){.auth = KIOSK_AUTH, .key = ka, .consultant = "C01"};
        b = (racer_t){.auth = OTHER_AUTH, .key = kb, .consultant = "C02"};
        h_available_unit(&srv, round, a.unit, sizeof a.unit);
        snprintf(b.unit, sizeof b.unit, "%s", a.unit);
        pthread_t ta, tb;
        assert_int_equal(pthread_create(&ta, NULL, race, &a), 0);
        assert_int_equal(pthread_create(&tb, NULL, race, &b), 0);
        pthread_join(ta, NULL);
        pthread_join(tb, NULL);
        racer_t *won = a.status == 201 ? &a : &b, *lost = won == &a ? &b : &a;
        if (won->status != 201 || lost->status != 409)
            fail_msg("round %d: %d and %d", round, a.status, b.status);
        assert_non_null(strstr(lost->buf, "\"code\":\"unit_unavailable\""));
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM hold WHERE unit_id = '%s'", a.unit);
        assert_int_equal(h_db_int(&srv, sql), 1);
    }
}

static void test_limit_and_unknown_consultants(void **state)
{
    (void)state;
    char unit[MODEL_ID_MAX], key[16];
    h_salesd_start(&srv, 0);
    for (int i = 0; i < 3; i++) {
        h_available_unit(&srv, 0, unit, sizeof unit); /* the held one is no longer */
        snprintf(key, sizeof key, "lim-%d", i);
        assert_int_equal(hold(KIOSK_AUTH, key, unit, "C01", 10, out, sizeof out), 201);
    }
    h_available_unit(&srv, 0, unit, sizeof unit);
    assert_int_equal(hold(KIOSK_AUTH, "lim-3", unit, "C01", 10, out, sizeof out), 409);
    assert_non_null(strstr(out, "\"code\":\"over_limit\""));
    assert_int_equal(hold(KIOSK_AUTH, "lim-4", unit, "C02", 10, out, sizeof out), 201);

    h_available_unit(&srv, 0, unit, sizeof unit);
    assert_int_equal(hold(KIOSK_AUTH, "who-1", unit, "C99", 10, out, sizeof out), 404);
    assert_non_null(strstr(out, "\"code\":\"consultant_unknown\""));
    assert_int_equal(hold(KIOSK_AUTH, "who-2", "NO-SUCH-UNIT", "C01", 10, out, sizeof out), 404);
    assert_non_null(strstr(out, "\"code\":\"not_found\""));
    /* Subscribed, signed and withheld units say which they are. */
    const char *set[] = {"set-status", "--db", srv.db, unit, "withheld", NULL};
    assert_int_equal(h_salesd_cmd(set, srv.log), 0);
    assert_int_equal(hold(KIOSK_AUTH, "who-3", unit, "C02", 10, out, sizeof out), 409);
    assert_non_null(strstr(out, "is withheld"));
    assert_int_equal(h_db_int(&srv, "SELECT count(*) FROM audit"), 4);
}

static void test_release_only_by_the_owner(void **state)
{
    (void)state;
    char unit[MODEL_ID_MAX], id[MODEL_ID_MAX], sql[160];
    h_salesd_start(&srv, 0);
    h_available_unit(&srv, 0, unit, sizeof unit);
    assert_int_equal(hold(KIOSK_AUTH, "rel-1", unit, "C01", 10, out, sizeof out), 201);
    hold_id_of(out, id);
    assert_int_equal(release(id, "C02", out, sizeof out), 403);
    assert_non_null(strstr(out, "\"code\":\"not_owner\""));
    assert_int_equal(release("h-never-was", "C01", out, sizeof out), 404);
    assert_int_equal(release(id, "C01", out, sizeof out), 200);
    assert_non_null(strstr(out, "\"state\":\"released\""));
    snprintf(sql, sizeof sql, "SELECT status = 'available' AND held_by = ''"
             " FROM unit WHERE id = '%s'", unit);
    assert_int_equal(h_db_int(&srv, sql), 1);
    long long v = h_db_int(&srv, "SELECT version FROM sync_state");
    assert_int_equal(release(id, "C01", out, sizeof out), 200); /* again */
    assert_int_equal(h_db_int(&srv, "SELECT version FROM sync_state"), v);
    assert_int_equal(h_db_int(&srv, "SELECT count(*) FROM audit WHERE action = 'release'"
                            " AND consultant_id = 'C01' AND kiosk = 'lobby'"), 1);
    /* The served snapshot has it back on sale. */
    for (int t = 0; t < 200; t++) {
        assert_int_equal(h_http(srv.port, "GET", SNAP, KIOSK_AUTH, NULL, out, sizeof out), 200);
        if (!strstr(out, "\"hold\":"))
            break;
        h_sleep_ms(10);
    }
    assert_null(strstr(out, "\"hold\":"));
    assert_int_equal(h_http(srv.port, "PUT", "/api/v1/holds/x", KIOSK_AUTH, "{}",
                            out, sizeof out), 405);
}

static void test_expiry_returns_the_unit(void **state)
{
    (void)state;
    char unit[MODEL_ID_MAX], sql[256];
    h_salesd_start(&srv, 0);
    h_available_unit(&srv, 0, unit, sizeof unit);
    assert_int_equal(hold(KIOSK_AUTH, "exp-1", unit, "C01", 1, out, sizeof out), 201);
    /* Time passes: the hold ran out long ago (another writer, a new
     * version, as the sales office's tools would). */
    snprintf(sql, sizeof sql,
             "BEGIN IMMEDIATE; UPDATE unit SET hold_expires_at = 1000,"
             " version = (SELECT version + 1 FROM sync_state) WHERE id = '%s';"
             " UPDATE sync_state SET version = version + 1; COMMIT;", unit);
    h_db_exec(&srv, sql);
    snprintf(sql, sizeof sql, "SELECT status = 'available' AND hold_id = ''"
             " FROM unit WHERE id = '%s'", unit);
    int ok = 0;
    for (int t = 0; t < 500 && !ok; t++) {
        h_sleep_ms(10);
        ok = h_db_int(&srv, sql) == 1;
    }
    assert_true(ok);
    assert_int_equal(h_db_int(&srv, "SELECT count(*) FROM audit WHERE action = 'expire'"
                            " AND consultant_id = 'C01' AND kiosk = 'lobby'"), 1);
    assert_int_equal(h_db_int(&srv, "SELECT count(*) FROM hold WHERE state = 'expired'"), 1);
}

static void test_kiosk_cache_follows_holds_and_consultants(void **state)
{
    (void)state;
    char kdir[256], kcache[600], url[64], unit[MODEL_ID_MAX], id[MODEL_ID_MAX];
    diag_t d;
    h_salesd_start(&srv, 0);
    tu_mkdtemp(kdir, sizeof kdir);
    snprintf(kcache, sizeof kcache, "%s/cache.db", kdir);
    snprintf(url, sizeof url, "http://127.0.0.1:%d", srv.port);
    sync_opts_t o = {
        .server_url = url, .project_id = "demo-emerald-lake",
        .token = KIOSK_TOKEN, .cache_path = kcache,
        .connect_timeout_ms = 2000, .wait_s = 60, .max_bytes = 16L << 20,
        .backoff_min_ms = 20, .backoff_max_ms = 200,
    };
    sync_t *s = sync_start(&o, &d);
    if (!s)
        fail_msg("%s", d.msg);
    h_wait_caught_up(&srv, kcache);
    model_t *km = h_cache_model(kcache);
    assert_int_equal(km->n_consultants, 2);
    assert_true(pin_verify(PIN, km->consultants[0].pin_hash));
    model_destroy(km);
    sync_status_t before, after;
    sync_get_status(s, &before);

    /* A hold and a removal reach the kiosk as changes, not snapshots. */
    h_available_unit(&srv, 0, unit, sizeof unit);
    assert_int_equal(hold(KIOSK_AUTH, "follow-1", unit, "C01", 10, out, sizeof out), 201);
    hold_id_of(out, id);
    const char *rm[] = {"consultant", "remove", "--db", srv.db, "C02", NULL};
    assert_int_equal(h_salesd_cmd(rm, srv.log), 0);
    h_wait_caught_up(&srv, kcache);
    km = h_cache_model(kcache);
    int i = model_find_unit(km, unit);
    assert_int_equal(km->units[i].status, STATUS_HELD);
    assert_string_equal(km->units[i].held_by, "C01");
    assert_string_equal(km->units[i].hold_id, id);
    int k = model_find_consultant(km, "C02");
    assert_true(k >= 0);
    assert_false(km->consultants[k].active);
    model_destroy(km);
    sync_get_status(s, &after);
    assert_int_equal(after.snapshots, before.snapshots);

    /* Released: the kiosk has it on sale again. */
    assert_int_equal(release(id, "C01", out, sizeof out), 200);
    h_wait_caught_up(&srv, kcache);
    km = h_cache_model(kcache);
    i = model_find_unit(km, unit);
    assert_int_equal(km->units[i].status, STATUS_AVAILABLE);
    assert_string_equal(km->units[i].held_by, "");
    model_destroy(km);
    sync_stop(s);
    tu_rmdir(kdir);
}

/* A hold that runs out goes back on sale on every kiosk: two kiosks'
 * sync workers, parked in long polls, follow the server's sweep. */
static void test_expiry_reaches_every_kiosk(void **state)
{
    (void)state;
    char kdir[256], kcache[2][600], url[64], unit[MODEL_ID_MAX], sql[256];
    diag_t d;
    sync_t *s[2];
    h_salesd_start(&srv, 0);
    tu_mkdtemp(kdir, sizeof kdir);
    snprintf(url, sizeof url, "http://127.0.0.1:%d", srv.port);
    for (int k = 0; k < 2; k++) {
        snprintf(kcache[k], sizeof kcache[k], "%s/cache-%d.db", kdir, k);
        sync_opts_t o = {
            .server_url = url, .project_id = "demo-emerald-lake",
            .token = KIOSK_TOKEN, .cache_path = kcache[k],
            .connect_timeout_ms = 2000, .wait_s = 60, .max_bytes = 16L << 20,
            .backoff_min_ms = 20, .backoff_max_ms = 200,
        };
        if (!(s[k] = sync_start(&o, &d)))
            fail_msg("%s", d.msg);
    }
    h_available_unit(&srv, 0, unit, sizeof unit);
    assert_int_equal(hold(KIOSK_AUTH, "expire-all", unit, "C01", 5, out, sizeof out), 201);
    for (int k = 0; k < 2; k++) {
        h_wait_caught_up(&srv, kcache[k]);
        model_t *km = h_cache_model(kcache[k]);
        assert_int_equal(km->units[model_find_unit(km, unit)].status, STATUS_HELD);
        model_destroy(km);
    }
    /* Its time runs out (as if five minutes had passed); the server's
     * once-a-second sweep ends it and every kiosk hears. */
    snprintf(sql, sizeof sql,
             "BEGIN IMMEDIATE; UPDATE unit SET hold_expires_at = 1000,"
             " version = (SELECT version + 1 FROM sync_state) WHERE id = '%s';"
             " UPDATE sync_state SET version = version + 1; COMMIT;", unit);
    h_db_exec(&srv, sql);
    snprintf(sql, sizeof sql, "SELECT status = 'available' FROM unit"
             " WHERE id = '%s'", unit);
    int ok = 0;
    for (int t = 0; t < 500 && !ok; t++) {
        h_sleep_ms(10);
        ok = h_db_int(&srv, sql) == 1;
    }
    assert_true(ok);
    for (int k = 0; k < 2; k++) {
        h_wait_caught_up(&srv, kcache[k]);
        model_t *km = h_cache_model(kcache[k]);
        const unit_t *u = &km->units[model_find_unit(km, unit)];
        assert_int_equal(u->status, STATUS_AVAILABLE);
        assert_string_equal(u->held_by, "");
        assert_string_equal(u->hold_id, "");
        assert_int_equal(u->hold_expires_at, 0);
        model_destroy(km);
        sync_stop(s[k]);
    }
    tu_rmdir(kdir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_consultant_add_keeps_no_pin_in_clear, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hold_reaches_snapshot_and_long_poll, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_key_same_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_kiosks_race_one_wins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_limit_and_unknown_consultants, setup, teardown),
        cmocka_unit_test_setup_teardown(test_release_only_by_the_owner, setup, teardown),
        cmocka_unit_test_setup_teardown(test_expiry_returns_the_unit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_expiry_reaches_every_kiosk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kiosk_cache_follows_holds_and_consultants,
                                        setup, teardown),
    };
    return cmocka_run_group_tests_name("holds", tests, NULL, NULL);
}
