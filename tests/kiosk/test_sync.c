/* test_sync.c - the sync worker against a real salesd on loopback.
 *
 * Snapshot into an empty cache, deltas after status changes, a long poll
 * woken by a change, 304 for an unchanged snapshot, an epoch change forcing
 * a new snapshot, a wrong token leaving the cache untouched, and a server
 * that is down at first.  Waits are bounded (the test fails, never hangs)
 * but nothing asserts how fast anything was.
 */
#include "harness.h"

#include <stdatomic.h>

#include <sqlite3.h>

#include "cache.h"
#include "modelutil.h"
#include "sync.h"

static salesd_t srv;
static char kdir[256], kcache[600];
static atomic_int stored;

static void on_stored(void *user, int full)
{
    (void)user;
    (void)full;
    atomic_fetch_add(&stored, 1);
}

static int setup(void **state)
{
    (void)state;
    h_salesd_init(&srv, 300);
    tu_mkdtemp(kdir, sizeof kdir);
    snprintf(kcache, sizeof kcache, "%s/cache.db", kdir);
    atomic_store(&stored, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    h_salesd_free(&srv);
    tu_rmdir(kdir);
    return 0;
}

static sync_t *start_sync(int port, const char *token)
{
    char url[64];
    diag_t d;
    snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
    sync_opts_t o = {
        .server_url = url, .project_id = "demo-emerald-lake", .token = token,
        .cache_path = kcache, .connect_timeout_ms = 2000, .wait_s = 60,
        .max_bytes = 16L << 20, .backoff_min_ms = 20, .backoff_max_ms = 200,
        .on_stored = on_stored,
    };
    sync_t *s = sync_start(&o, &d);
    if (!s)
        fail_msg("%s", d.msg);
    return s;
}

static void set_status(const char *unit, const char *status)
{
    const char *args[] = {"set-status", "--db", srv.db, unit, status, NULL};
    assert_int_equal(h_salesd_cmd(args, srv.log), 0);
}

static void test_snapshot_delta_and_woken_long_poll(void **state)
{
    (void)state;
    h_salesd_start(&srv, 0);
    sync_t *s = start_sync(srv.port, KIOSK_TOKEN);
    h_wait_caught_up(&srv, kcache);

    /* The whole project arrived. */
    model_t *k = h_cache_model(kcache), *truth = h_cache_model(srv.db);
    assert_int_equal(k->n_units, truth->n_units);
    assert_true(tu_model_digest(k) == tu_model_digest(truth));
    model_destroy(k);

    /* A change at salesd reaches the cache through the parked long poll
     * (60 s wait) well before that poll would have timed out. */
    sync_status_t before, after;
    h_sleep_ms(200); /* let the worker park its poll */
    sync_get_status(s, &before);
    const char *id = truth->units[7].id;
    set_status(id, truth->units[7].status == STATUS_SIGNED ? "available" : "signed");
    h_wait_caught_up(&srv, kcache);
    sync_get_status(s, &after);
    assert_int_equal(after.deltas - before.deltas, 1);
    assert_int_equal(after.units_applied - before.units_applied, 1);
    assert_int_equal(after.snapshots, before.snapshots);
    model_t *k2 = h_cache_model(kcache), *t2 = h_cache_model(srv.db);
    int i = model_find_unit(k2, id);
    assert_true(i >= 0);
    assert_int_equal(k2->units[i].status, t2->units[model_find_unit(t2, id)].status);
    assert_true(tu_model_digest(k2) == tu_model_digest(t2));
    model_destroy(k2);
    model_destroy(t2);
    model_destroy(truth);
    sync_stop(s);
}

static void test_http_contract(void **state)
{
    (void)state;
    static char out[1 << 20];
    char etag[128] = "", hdr[256];
    h_salesd_start(&srv, 0);
    const char *auth = "Authorization: Bearer " KIOSK_TOKEN "\r\n";
    const char *snap = "/api/v1/projects/demo-emerald-lake/snapshot";

    assert_int_equal(h_http(srv.port, "GET", snap, auth, NULL, out, sizeof out), 200);
    char *e = strstr(out, "ETag: ");
    assert_non_null(e);
    sscanf(e + 6, "%127[^\r]", etag);
    snprintf(hdr, sizeof hdr, "%sIf-None-Match: %s\r\n", auth, etag);
    assert_int_equal(h_http(srv.port, "GET", snap, hdr, NULL, out, sizeof out), 304);

    /* After a change the same ETag no longer matches. */
    set_status("B1-101", "withheld");
    for (int t = 0; t < 200 && h_http(srv.port, "GET", snap, hdr, NULL, out, sizeof out) == 304; t++)
        h_sleep_ms(10);
    assert_int_equal(h_http(srv.port, "GET", snap, hdr, NULL, out, sizeof out), 200);

    assert_int_equal(h_http(srv.port, "GET", snap, NULL, NULL, out, sizeof out), 401);
    assert_non_null(strstr(out, "\"code\":\"unauthorized\""));
    assert_int_equal(h_http(srv.port, "GET", snap,
                            "Authorization: Bearer not-a-real-token-at-all\r\n",
                            NULL, out, sizeof out), 401);
    assert_int_equal(h_http(srv.port, "GET", "/api/v1/projects/other/snapshot",
                            auth, NULL, out, sizeof out), 404);
    assert_int_equal(h_http(srv.port, "POST", snap, auth, "x", out, sizeof out), 405);
    assert_int_equal(h_http(srv.port, "GET",
                            "/api/v1/projects/demo-emerald-lake/changes?epoch=zzz&since=1",
                            auth, NULL, out, sizeof out), 409);
    assert_non_null(strstr(out, "resync_required"));
    assert_int_equal(h_http(srv.port, "GET",
                            "/api/v1/projects/demo-emerald-lake/changes?since=abc",
                            auth, NULL, out, sizeof out), 400);
    cache_sync_t s = h_cache_sync(srv.db);
    char path[256];
    snprintf(path, sizeof path,
             "/api/v1/projects/demo-emerald-lake/changes?epoch=%s&since=%lld",
             s.epoch, (long long)s.version + 5);
    assert_int_equal(h_http(srv.port, "GET", path, auth, NULL, out, sizeof out), 409);

    /* The admin endpoint: admins only, known units, known statuses. */
    const char *admin = "Authorization: Bearer " ADMIN_TOKEN "\r\n";
    assert_int_equal(h_http(srv.port, "POST", "/api/v1/admin/units/B1-102/status",
                            admin, "{\"status\":\"subscribed\"}", out, sizeof out), 200);
    assert_non_null(strstr(out, "\"status\":\"subscribed\""));
    assert_int_equal(h_http(srv.port, "POST", "/api/v1/admin/units/B1-102/status",
                            auth, "{\"status\":\"signed\"}", out, sizeof out), 401);
    assert_int_equal(h_http(srv.port, "POST", "/api/v1/admin/units/NOPE/status",
                            admin, "{\"status\":\"signed\"}", out, sizeof out), 404);
    assert_int_equal(h_http(srv.port, "POST", "/api/v1/admin/units/B1-102/status",
                            admin, "{\"status\":\"sold\"}", out, sizeof out), 400);
    assert_non_null(strstr(out, "unknown status 'sold'"));
    assert_int_equal(h_http(srv.port, "GET", "/media/abc", auth, NULL, out, sizeof out), 400);
}

static void test_epoch_change_takes_a_new_snapshot(void **state)
{
    (void)state;
    h_salesd_start(&srv, 0);
    sync_t *s = start_sync(srv.port, KIOSK_TOKEN);
    h_wait_caught_up(&srv, kcache);
    cache_sync_t old = h_cache_sync(kcache);
    /* The server's database is rebuilt while it serves: a new epoch. */
    const char *args[] = {"init", "--db", srv.db, "--demo", "--units", "400", NULL};
    assert_int_equal(h_salesd_cmd(args, srv.log), 0);
    h_wait_caught_up(&srv, kcache);
    cache_sync_t now = h_cache_sync(kcache);
    assert_string_not_equal(now.epoch, old.epoch);
    model_t *k = h_cache_model(kcache), *t = h_cache_model(srv.db);
    assert_true(tu_model_digest(k) == tu_model_digest(t));
    model_destroy(k);
    model_destroy(t);
    sync_stop(s);
}

static void test_wrong_token_leaves_cache_untouched(void **state)
{
    (void)state;
    h_salesd_start(&srv, 0);
    sync_t *s = start_sync(srv.port, KIOSK_TOKEN);
    h_wait_caught_up(&srv, kcache);
    sync_stop(s);
    model_t *before = h_cache_model(kcache);
    cache_sync_t sb = h_cache_sync(kcache);

    set_status("B1-103", "signed");
    s = start_sync(srv.port, "this-token-is-not-known-here");
    sync_status_t st = {0};
    for (int t = 0; t < 1000 && st.failures < 3; t++) {
        h_sleep_ms(10);
        sync_get_status(s, &st);
    }
    assert_true(st.failures >= 3); /* it keeps trying, backing off */
    assert_non_null(strstr(st.last_error, "401"));
    sync_stop(s);
    model_t *after = h_cache_model(kcache);
    cache_sync_t sa = h_cache_sync(kcache);
    assert_true(tu_model_digest(after) == tu_model_digest(before));
    assert_int_equal(sa.version, sb.version);
    assert_int_equal(sa.data_as_of, sb.data_as_of);
    model_destroy(before);
    model_destroy(after);
}

static void test_server_down_then_up(void **state)
{
    (void)state;
    int port = h_free_port();
    sync_t *s = start_sync(port, KIOSK_TOKEN);
    sync_status_t st = {0};
    for (int t = 0; t < 1000 && st.failures < 3; t++) {
        h_sleep_ms(10);
        sync_get_status(s, &st);
    }
    assert_true(st.failures >= 3);
    assert_int_equal(st.state, SYNC_FAILING);
    assert_int_equal(h_cache_sync(kcache).version, 0); /* nothing stored */
    h_salesd_start(&srv, port);
    h_wait_caught_up(&srv, kcache);
    sync_get_status(s, &st);
    assert_int_equal(st.state, SYNC_OK);
    assert_int_equal(st.failures, 0);
    sync_stop(s);
}

static void test_price_import_all_or_nothing(void **state)
{
    (void)state;
    char good[600], bad[600];
    h_salesd_start(&srv, 0);
    sync_t *s = start_sync(srv.port, KIOSK_TOKEN);
    h_wait_caught_up(&srv, kcache);
    snprintf(good, sizeof good, "%s/assets/demo-prices.csv", tu_env("SOURCE_DIR", "."));
    snprintf(bad, sizeof bad, "%s/assets/demo-prices-bad.csv", tu_env("SOURCE_DIR", "."));

    /* A file with bad rows: every one reported, nothing applied. */
    model_t *before = h_cache_model(srv.db);
    const char *b_args[] = {"import-prices", "--db", srv.db, bad, NULL};
    assert_int_equal(h_salesd_cmd(b_args, srv.log), 2);
    char log[1 << 16];
    FILE *f = fopen(srv.log, "r");
    size_t n = fread(log, 1, sizeof log - 1, f);
    fclose(f);
    log[n] = '\0';
    assert_non_null(strstr(log, "demo-prices-bad.csv:3:1: building"));
    assert_non_null(strstr(log, "demo-prices-bad.csv:10:3: list_price"));
    assert_non_null(strstr(log, "nothing imported"));
    model_t *after = h_cache_model(srv.db);
    assert_true(tu_model_digest(after) == tu_model_digest(before));
    model_destroy(after);

    /* A good file: applied, one version, and the kiosk gets it as a delta. */
    sync_status_t st0, st1;
    sync_get_status(s, &st0);
    const char *g_args[] = {"import-prices", "--db", srv.db, good, NULL};
    assert_int_equal(h_salesd_cmd(g_args, srv.log), 0);
    h_wait_caught_up(&srv, kcache);
    sync_get_status(s, &st1);
    assert_int_equal(st1.snapshots, st0.snapshots);
    assert_true(st1.units_applied - st0.units_applied >= 1);
    model_t *k = h_cache_model(kcache), *t = h_cache_model(srv.db);
    assert_true(tu_model_digest(k) == tu_model_digest(t));
    assert_true(tu_model_digest(t) != tu_model_digest(before));
    model_destroy(k);
    model_destroy(t);
    model_destroy(before);
    sync_stop(s);
}

static void test_holds_expire_by_themselves(void **state)
{
    (void)state;
    h_salesd_start(&srv, 0);
    sync_t *s = start_sync(srv.port, KIOSK_TOKEN);
    h_wait_caught_up(&srv, kcache);
    /* Another writer holds a unit with a hold that has already run out. */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(srv.db, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    assert_int_equal(sqlite3_exec(db,
        "BEGIN IMMEDIATE;"
        "UPDATE unit SET status = 'held', hold_expires_at = 1000,"
        " version = (SELECT version + 1 FROM sync_state) WHERE id = 'B1-201';"
        "UPDATE sync_state SET version = version + 1; COMMIT;",
        NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    /* salesd returns it to available, and the kiosk hears of it. */
    int ok = 0;
    for (int t = 0; t < 1000 && !ok; t++) {
        h_sleep_ms(10);
        model_t *k = h_cache_model(kcache);
        int i = model_find_unit(k, "B1-201");
        ok = i >= 0 && k->units[i].status == STATUS_AVAILABLE &&
             k->units[i].hold_expires_at == 0;
        model_destroy(k);
    }
    assert_true(ok);

    /* The same status again is no change: no new version. */
    cache_sync_t v1 = h_cache_sync(srv.db);
    set_status("B1-201", "available");
    cache_sync_t v2 = h_cache_sync(srv.db);
    assert_int_equal(v2.version, v1.version);
    sync_stop(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_snapshot_delta_and_woken_long_poll, setup, teardown),
        cmocka_unit_test_setup_teardown(test_http_contract, setup, teardown),
        cmocka_unit_test_setup_teardown(test_epoch_change_takes_a_new_snapshot, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_token_leaves_cache_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_server_down_then_up, setup, teardown),
        cmocka_unit_test_setup_teardown(test_price_import_all_or_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_holds_expire_by_themselves, setup, teardown),
    };
    return cmocka_run_group_tests_name("sync", tests, NULL, NULL);
}
