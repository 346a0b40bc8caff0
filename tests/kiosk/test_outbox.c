/* test_outbox.c - the sync worker sends the kiosk's outbox to a real salesd.
 *
 * A hold queued in the kiosk's cache goes out when the worker is kicked
 * (its long poll parked for a minute, so only the kick can explain a prompt
 * answer) and is confirmed with the server's hold id; one queued while the
 * server is down stays queued across a restart of the worker and is sent
 * once when the server is back; an entry sent twice under one key holds
 * once; a refusal keeps the server's code and message; a release puts the
 * unit back on sale.  salesd's database is read directly.  Waits are
 * bounded (the test fails, never hangs); nothing asserts how fast.
 */
#include "harness.h"

#include <stdatomic.h>

#include <sqlite3.h>

#include "cache.h"
#include "proto.h"
#include "sync.h"

#define PIN "73915"

static salesd_t srv;
static char kdir[256], kcache[600];
static atomic_int settled;   /* on_outbox calls */

static void on_outbox(void *user)
{
    (void)user;
    atomic_fetch_add(&settled, 1);
}

static int setup(void **state)
{
    (void)state;
    h_salesd_init(&srv, 300);
    h_salesd_add_consultant(&srv, "C01", PIN);
    tu_mkdtemp(kdir, sizeof kdir);
    snprintf(kcache, sizeof kcache, "%s/cache.db", kdir);
    atomic_store(&settled, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    h_salesd_free(&srv);
    tu_rmdir(kdir);
    return 0;
}

/* A worker that parks its long polls for a minute. */
static sync_t *start_sync(int port)
{
    char url[64];
    diag_t d;
    snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
    sync_opts_t o = {
        .server_url = url, .project_id = "demo-emerald-lake",
        .token = KIOSK_TOKEN, .cache_path = kcache,
        .connect_timeout_ms = 2000, .wait_s = 60, .max_bytes = 16L << 20,
        .backoff_min_ms = 20, .backoff_max_ms = 200, .on_outbox = on_outbox,
    };
    sync_t *s = sync_start(&o, &d);
    if (!s)
        fail_msg("%s", d.msg);
    return s;
}

/* Queues a request in the kiosk's cache, as the UI does. */
static void queue(const char *key, const char *kind, const char *body)
{
    cache_t *c = NULL;
    diag_t d;
    if (cache_open(kcache, &c, &d) != CACHE_OK ||
        cache_outbox_add(c, key, kind, body, (int64_t)time(NULL), NULL, &d)
            != CACHE_OK)
        fail_msg("%s", d.msg);
    cache_close(c);
}

static void queue_hold(const char *key, const char *unit)
{
    proto_hold_request_t r = {.minutes = 20};
    size_t len;
    snprintf(r.unit_id, sizeof r.unit_id, "%s", unit);
    snprintf(r.consultant_id, sizeof r.consultant_id, "C01");
    char *body = proto_encode_hold_request(&r, &len);
    assert_non_null(body);
    queue(key, "hold", body);
    free(body);
}

static cache_outbox_t entry(const char *key)
{
    cache_t *c = NULL;
    cache_outbox_t e;
    int found = 0;
    diag_t d;
    if (cache_open(kcache, &c, &d) != CACHE_OK ||
        cache_outbox_get(c, key, &e, &found, &d) != CACHE_OK)
        fail_msg("%s", d.msg);
    cache_close(c);
    assert_true(found);
    return e;
}

/* Waits (bounded) until entry key is in state st. */
static cache_outbox_t wait_state(const char *key, outbox_state_t st)
{
    cache_outbox_t e;
    for (int t = 0; t < 1000; t++) {
        e = entry(key);
        if (e.state == st)
            return e;
        h_sleep_ms(10);
    }
    fail_msg("outbox entry %s stayed in state %d (reason '%s')", key,
             (int)e.state, e.reason);
    return e;
}

static void test_online_hold_is_confirmed(void **state)
{
    (void)state;
    char unit[MODEL_ID_MAX], sql[640];
    h_salesd_start(&srv, 0);
    sync_t *s = start_sync(srv.port);
    h_wait_caught_up(&srv, kcache);   /* now parked in a one-minute long poll */
    h_sleep_ms(100);

    h_available_unit(&srv, 0, unit, sizeof unit);
    queue_hold("ob-online-1", unit);
    sync_kick(s);
    cache_outbox_t e = wait_state("ob-online-1", OUTBOX_CONFIRMED);
    assert_int_equal(e.reason[0], 'h'); /* the server's hold id */
    h_wait_count(&settled, 1);
    assert_true(atomic_load(&settled) >= 1);

    snprintf(sql, sizeof sql, "SELECT count(*) FROM hold WHERE id = '%s'"
             " AND unit_id = '%s' AND consultant_id = 'C01' AND kiosk ="
             " 'lobby' AND state = 'active'", e.reason, unit);
    assert_int_equal(h_db_int(&srv, sql), 1);
    assert_int_equal(h_db_int(&srv, "SELECT count(*) FROM hold"), 1);

    /* The next changes bring the hold into the kiosk's own cache. */
    h_wait_caught_up(&srv, kcache);
    model_t *m = h_cache_model(kcache);
    int i = model_find_unit(m, unit);
    assert_true(i >= 0);
    assert_int_equal(m->units[i].status, STATUS_HELD);
    assert_string_equal(m->units[i].hold_id, e.reason);
    model_destroy(m);
    sync_stop(s);
}

static void test_offline_hold_survives_restart(void **state)
{
    (void)state;
    char unit[MODEL_ID_MAX];
    int port = h_free_port(); /* nothing listens there yet */
    h_available_unit(&srv, 0, unit, sizeof unit);
    queue_hold("ob-offline-1", unit);

    /* The worker tries, fails, and is stopped (the kiosk restarts). */
    sync_t *s = start_sync(port);
    sync_status_t st = {0};
    for (int t = 0; t < 1000 && st.outbox_failed == 0; t++) {
        h_sleep_ms(10);
        sync_get_status(s, &st);
    }
    assert_true(st.outbox_failed > 0);
    assert_true(st.outbox_error[0] != '\0');
    sync_stop(s);
    assert_int_equal(entry("ob-offline-1").state, OUTBOX_QUEUED);

    /* The server is back, the kiosk too: sent once. */
    h_salesd_start(&srv, port);
    s = start_sync(port);
    cache_outbox_t e = wait_state("ob-offline-1", OUTBOX_CONFIRMED);
    sync_stop(s);
    assert_int_equal(h_db_int(&srv, "SELECT count(*) FROM hold"), 1);
    char sql[640];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM hold WHERE id = '%s'",
             e.reason);
    assert_int_equal(h_db_int(&srv, sql), 1);
}

static void test_sent_twice_holds_once(void **state)
{
    (void)state;
    char unit[MODEL_ID_MAX];
    h_salesd_start(&srv, 0);
    sync_t *s = start_sync(srv.port);
    h_available_unit(&srv, 0, unit, sizeof unit);
    queue_hold("ob-twice-1", unit);
    sync_kick(s);
    cache_outbox_t first = wait_state("ob-twice-1", OUTBOX_CONFIRMED);
    long long v = h_db_int(&srv, "SELECT version FROM sync_state");

    /* As if the kiosk crashed before storing the answer: queued again. */
    cache_t *c = NULL;
    diag_t d;
    if (cache_open(kcache, &c, &d) != CACHE_OK ||
        cache_outbox_set(c, "ob-twice-1", OUTBOX_QUEUED, "", 0, &d) != CACHE_OK)
        fail_msg("%s", d.msg);
    cache_close(c);
    sync_status_t before;
    sync_get_status(s, &before);
    sync_kick(s);
    sync_status_t now = before;
    for (int t = 0; t < 1000 && now.outbox_confirmed == before.outbox_confirmed;
         t++) {
        h_sleep_ms(10);
        sync_get_status(s, &now);
    }
    assert_true(now.outbox_confirmed > before.outbox_confirmed);
    cache_outbox_t again = wait_state("ob-twice-1", OUTBOX_CONFIRMED);
    assert_string_equal(again.reason, first.reason);
    assert_int_equal(h_db_int(&srv, "SELECT count(*) FROM hold"), 1);
    assert_int_equal(h_db_int(&srv, "SELECT count(*) FROM audit WHERE action = 'hold'"), 1);
    assert_int_equal(h_db_int(&srv, "SELECT version FROM sync_state"), v);
    sync_stop(s);
}

static void test_refused_hold_says_why(void **state)
{
    (void)state;
    char unit[MODEL_ID_MAX];
    h_salesd_start(&srv, 0);
    h_available_unit(&srv, 0, unit, sizeof unit);
    const char *set[] = {"set-status", "--db", srv.db, unit, "signed", NULL};
    assert_int_equal(h_salesd_cmd(set, srv.log), 0);
    sync_t *s = start_sync(srv.port);
    queue_hold("ob-refused-1", unit);
    sync_kick(s);
    cache_outbox_t e = wait_state("ob-refused-1", OUTBOX_REFUSED);
    if (strncmp(e.reason, "unit_unavailable: ", 18) != 0 ||
        !strstr(e.reason, "signed"))
        fail_msg("reason '%s'", e.reason);
    h_wait_count(&settled, 1);
    assert_true(atomic_load(&settled) >= 1);
    assert_int_equal(h_db_int(&srv, "SELECT count(*) FROM hold"), 0);

    /* A later entry is not stuck behind it. */
    char other[MODEL_ID_MAX];
    h_available_unit(&srv, 0, other, sizeof other);
    queue_hold("ob-refused-2", other);
    sync_kick(s);
    wait_state("ob-refused-2", OUTBOX_CONFIRMED);
    sync_stop(s);
}

static void test_release_puts_the_unit_back(void **state)
{
    (void)state;
    char unit[MODEL_ID_MAX], sql[640];
    h_salesd_start(&srv, 0);
    sync_t *s = start_sync(srv.port);
    h_available_unit(&srv, 0, unit, sizeof unit);
    queue_hold("ob-rel-hold", unit);
    sync_kick(s);
    cache_outbox_t held = wait_state("ob-rel-hold", OUTBOX_CONFIRMED);
    snprintf(sql, sizeof sql, "SELECT status = 'held' FROM unit WHERE id = '%s'",
             unit);
    assert_int_equal(h_db_int(&srv, sql), 1);

    size_t len;
    char *body = proto_encode_release_entry(held.reason, "C01", &len);
    assert_non_null(body);
    queue("ob-rel-1", "release", body);
    free(body);
    sync_kick(s);
    cache_outbox_t e = wait_state("ob-rel-1", OUTBOX_CONFIRMED);
    assert_string_equal(e.reason, held.reason);
    snprintf(sql, sizeof sql, "SELECT status = 'available' AND hold_id = ''"
             " FROM unit WHERE id = '%s'", unit);
    assert_int_equal(h_db_int(&srv, sql), 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM hold WHERE id = '%s' AND"
             " state = 'released'", held.reason);
    assert_int_equal(h_db_int(&srv, sql), 1);

    /* A release of a hold the server does not know is refused. */
    body = proto_encode_release_entry("h0000000000000000", "C01", &len);
    queue("ob-rel-2", "release", body);
    free(body);
    sync_kick(s);
    e = wait_state("ob-rel-2", OUTBOX_REFUSED);
    if (strncmp(e.reason, "not_found: ", 11) != 0)
        fail_msg("reason '%s'", e.reason);
    sync_stop(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_online_hold_is_confirmed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_offline_hold_survives_restart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sent_twice_holds_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_hold_says_why, setup, teardown),
        cmocka_unit_test_setup_teardown(test_release_puts_the_unit_back, setup, teardown),
    };
    return cmocka_run_group_tests_name("outbox", tests, NULL, NULL);
}
