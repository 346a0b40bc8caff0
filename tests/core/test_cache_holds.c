/* test_cache_holds.c - consultants, holds and the ledgers in the cache.
 *
 * salesd's side without HTTP (placing, refusing, replaying, releasing and
 * expiring holds) and a kiosk's (the outbox, PIN lockouts that survive
 * closing the file).  Real files in a temporary directory.
 */
#include "testutil.h"

#include <sqlite3.h>

#include "cache.h"
#include "demo.h"

static char dir[256], path[512];
static cache_t *c;
static model_t *m;

static int setup(void **state)
{
    (void)state;
    demo_params_t p = {5, 300, 1795000000, NULL};
    diag_t d;
    tu_mkdtemp(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/cache.db", dir);
    assert_int_equal(demo_generate(&p, &m, &d), 0);
    snprintf(m->epoch, sizeof m->epoch, "e1");
    assert_int_equal(cache_open(path, &c, &d), CACHE_OK);
    assert_int_equal(cache_store_model(c, m, &d), CACHE_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    cache_close(c);
    model_destroy(m);
    tu_rmdir(dir);
    return 0;
}

static int64_t count(const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    int64_t n = -1;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static const char *first_available(int skip)
{
    for (int i = 0; i < m->n_units; i++)
        if (m->units[i].status == STATUS_AVAILABLE && skip-- == 0)
            return m->units[i].id;
    fail_msg("no available unit");
    return NULL;
}

static void add(const char *id)
{
    consultant_t k;
    int64_t v;
    diag_t d;
    memset(&k, 0, sizeof k);
    snprintf(k.id, sizeof k.id, "%s", id);
    assert_int_equal(pin_hash("73915", PIN_MIN_ITERATIONS, k.pin_hash,
                              sizeof k.pin_hash, &d), 0);
    assert_int_equal(cache_consultant_put(c, &k, &v, &d), CACHE_OK);
}

static char *answer(const cache_hold_result_t *r, int *status, size_t *len,
                    void *user)
{
    (void)user;
    *status = r->outcome == CACHE_HOLD_OK ? 201 : 409;
    char *b = malloc(64);
    *len = (size_t)snprintf(b, 64, "{\"outcome\":%d}", (int)r->outcome);
    return b;
}

static void test_place_replay_release_expire(void **state)
{
    (void)state;
    cache_hold_result_t r;
    proto_hold_request_t q = {.minutes = 30};
    int status = 0, replayed = 0;
    char *body = NULL;
    size_t len = 0;
    diag_t d;
    add("C01");
    snprintf(q.unit_id, sizeof q.unit_id, "%s", first_available(0));
    snprintf(q.consultant_id, sizeof q.consultant_id, "C01");
    cache_idem_t idem = {"key-1", "lobby", "hash-a", answer, NULL};
    assert_int_equal(cache_hold_place(c, "h1", &q, "lobby", 100, 1900, 3, &idem,
                                      &r, &status, &body, &len, &replayed, &d), CACHE_OK);
    assert_int_equal(r.outcome, CACHE_HOLD_OK);
    assert_int_equal(status, 201);
    assert_false(replayed);
    free(body);
    int64_t v = r.version;

    /* Replayed: the kept answer, nothing done. */
    assert_int_equal(cache_hold_place(c, "h2", &q, "lobby", 101, 1900, 3, &idem,
                                      &r, &status, &body, &len, &replayed, &d), CACHE_OK);
    assert_true(replayed);
    assert_string_equal(body, "{\"outcome\":0}");
    free(body);
    assert_int_equal(count("SELECT count(*) FROM hold"), 1);
    assert_int_equal(count("SELECT version FROM sync_state"), v);
    idem.request_hash = "hash-b";
    assert_int_equal(cache_hold_place(c, "h3", &q, "lobby", 102, 1900, 3, &idem,
                                      &r, &status, &body, &len, &replayed, &d),
                     CACHE_ERR_MISMATCH);
    assert_null(body);
    assert_non_null(strstr(d.msg, "key-1"));

    /* Another kiosk, the same unit: refused, and the refusal kept. */
    cache_idem_t other = {"key-1", "hall", "hash-a", answer, NULL};
    assert_int_equal(cache_hold_place(c, "h4", &q, "hall", 103, 1900, 3, &other,
                                      &r, &status, &body, &len, &replayed, &d), CACHE_OK);
    assert_int_equal(r.outcome, CACHE_HOLD_UNAVAILABLE);
    assert_int_equal(r.unit_status, STATUS_HELD);
    free(body);
    assert_int_equal(count("SELECT count(*) FROM idempotency"), 2);

    /* Released by its owner only; the unit is on sale again. */
    assert_int_equal(cache_hold_release(c, "h1", "C02", "lobby", 200, &r, &d), CACHE_OK);
    assert_int_equal(r.outcome, CACHE_HOLD_NOT_OWNER);
    assert_int_equal(cache_hold_release(c, "nope", "C01", "lobby", 200, &r, &d), CACHE_OK);
    assert_int_equal(r.outcome, CACHE_HOLD_UNKNOWN);
    assert_int_equal(cache_hold_release(c, "h1", "C01", "lobby", 200, &r, &d), CACHE_OK);
    assert_int_equal(r.outcome, CACHE_HOLD_OK);
    assert_int_equal(count("SELECT count(*) FROM unit WHERE status = 'held'"
                           " AND hold_id <> ''"), 0);

    /* A hold that runs out: available again, expired, audited. */
    snprintf(q.unit_id, sizeof q.unit_id, "%s", first_available(1));
    assert_int_equal(cache_hold_place(c, "h5", &q, "hall", 300, 400, 3, NULL,
                                      &r, &status, &body, &len, &replayed, &d), CACHE_OK);
    assert_int_equal(r.outcome, CACHE_HOLD_OK);
    assert_null(body);
    int n = -1;
    assert_int_equal(cache_expire_holds(c, 399, &n, &d), CACHE_OK);
    assert_int_equal(n, 0);
    assert_int_equal(cache_expire_holds(c, 400, &n, &d), CACHE_OK);
    assert_true(n >= 1); /* the demo's own office holds may be due too */
    assert_int_equal(count("SELECT count(*) FROM hold WHERE id = 'h5'"
                           " AND state = 'expired'"), 1);
    assert_int_equal(count("SELECT count(*) FROM audit WHERE action = 'expire'"
                           " AND hold_id = 'h5' AND kiosk = 'hall'"), 1);
    assert_int_equal(count("SELECT count(*) FROM audit"), 4);
}

static void test_limits_and_consultants(void **state)
{
    (void)state;
    cache_hold_result_t r;
    proto_hold_request_t q = {.minutes = 30};
    int status = 0, replayed = 0;
    char *body = NULL, id[16];
    size_t len = 0;
    int64_t v = 0;
    diag_t d;
    add("C01");
    snprintf(q.consultant_id, sizeof q.consultant_id, "C01");
    for (int i = 0; i < 3; i++) {
        snprintf(q.unit_id, sizeof q.unit_id, "%s", first_available(i));
        snprintf(id, sizeof id, "h%d", i);
        assert_int_equal(cache_hold_place(c, id, &q, "k", 1, 9999999, 2, NULL, &r,
                                          &status, &body, &len, &replayed, &d), CACHE_OK);
        assert_int_equal(r.outcome, i < 2 ? CACHE_HOLD_OK : CACHE_HOLD_OVER_LIMIT);
    }
    assert_int_equal(r.active_holds, 2);
    snprintf(q.consultant_id, sizeof q.consultant_id, "C09");
    assert_int_equal(cache_hold_place(c, "hx", &q, "k", 1, 9999999, 2, NULL, &r,
                                      &status, &body, &len, &replayed, &d), CACHE_OK);
    assert_int_equal(r.outcome, CACHE_HOLD_CONSULTANT_UNKNOWN);
    snprintf(q.consultant_id, sizeof q.consultant_id, "C01");
    snprintf(q.unit_id, sizeof q.unit_id, "NOPE");
    assert_int_equal(cache_hold_place(c, "hy", &q, "k", 1, 9999999, 5, NULL, &r,
                                      &status, &body, &len, &replayed, &d), CACHE_OK);
    assert_int_equal(r.outcome, CACHE_HOLD_UNIT_UNKNOWN);

    /* A removed consultant may hold nothing more, and stays as inactive. */
    assert_int_equal(cache_consultant_remove(c, "C01", &v, &d), CACHE_OK);
    assert_int_equal(cache_consultant_remove(c, "C01", &v, &d), CACHE_ERR_NOT_FOUND);
    snprintf(q.unit_id, sizeof q.unit_id, "%s", first_available(5));
    assert_int_equal(cache_hold_place(c, "hz", &q, "k", 1, 9999999, 5, NULL, &r,
                                      &status, &body, &len, &replayed, &d), CACHE_OK);
    assert_int_equal(r.outcome, CACHE_HOLD_CONSULTANT_UNKNOWN);
    model_t *back = NULL;
    assert_int_equal(cache_load_model(c, &back, &d), CACHE_OK);
    assert_int_equal(back->n_consultants, 1);
    assert_false(back->consultants[0].active);
    assert_string_equal(back->consultants[0].pin_hash, "");
    assert_int_equal(back->consultants[0].version, v);
    model_destroy(back);
}

static void test_outbox_survives_reopening(void **state)
{
    (void)state;
    cache_outbox_t o;
    int found = 0;
    int64_t seq = 0, seq2 = 0;
    diag_t d;
    const char *body = "{\"unit_id\":\"B1-101\",\"consultant_id\":\"C01\",\"minutes\":30}";
    assert_int_equal(cache_outbox_add(c, "k-1", "hold", body, 10, &seq, &d), CACHE_OK);
    assert_int_equal(cache_outbox_add(c, "k-1", "hold", body, 11, &seq2, &d), CACHE_OK);
    assert_int_equal(seq2, seq); /* the same again: one entry */
    assert_int_equal(cache_outbox_add(c, "k-1", "hold", "{}", 12, NULL, &d),
                     CACHE_ERR_MISMATCH);
    assert_int_equal(cache_outbox_add(c, "k-2", "release", "{\"consultant_id\":\"C01\"}",
                                      13, NULL, &d), CACHE_OK);
    assert_int_equal(cache_outbox_add(c, "", "hold", "{}", 13, NULL, &d), CACHE_ERR_INVALID);
    assert_int_equal(cache_outbox_add(c, "k-3", "sell", "{}", 13, NULL, &d), CACHE_ERR_INVALID);
    assert_int_equal(count("SELECT count(*) FROM outbox"), 2);

    cache_close(c); /* a restart */
    assert_int_equal(cache_open(path, &c, &d), CACHE_OK);
    assert_int_equal(cache_outbox_next(c, &o, &found, &d), CACHE_OK);
    assert_true(found);
    assert_string_equal(o.key, "k-1");
    assert_string_equal(o.body, body);
    assert_int_equal(o.state, OUTBOX_QUEUED);
    assert_int_equal(cache_outbox_set(c, "k-1", OUTBOX_SENT, "", 20, &d), CACHE_OK);
    assert_int_equal(cache_outbox_next(c, &o, &found, &d), CACHE_OK);
    assert_string_equal(o.key, "k-1"); /* sent, not yet answered: again */
    assert_int_equal(cache_outbox_set(c, "k-1", OUTBOX_REFUSED,
                                      "unit_unavailable: unit 'B1-101' is held", 21, &d), CACHE_OK);
    assert_int_equal(cache_outbox_next(c, &o, &found, &d), CACHE_OK);
    assert_string_equal(o.key, "k-2");
    assert_int_equal(cache_outbox_set(c, "k-2", OUTBOX_CONFIRMED, "", 22, &d), CACHE_OK);
    assert_int_equal(cache_outbox_next(c, &o, &found, &d), CACHE_OK);
    assert_false(found);
    assert_int_equal(cache_outbox_get(c, "k-1", &o, &found, &d), CACHE_OK);
    assert_int_equal(o.state, OUTBOX_REFUSED);
    assert_non_null(strstr(o.reason, "is held"));
    assert_int_equal(cache_outbox_set(c, "k-9", OUTBOX_SENT, "", 23, &d), CACHE_ERR_NOT_FOUND);

    /* A new snapshot replaces the project, never the outbox. */
    int replaced = 0;
    snprintf(m->epoch, sizeof m->epoch, "e2");
    assert_int_equal(cache_apply_snapshot(c, m, 30, &replaced, &d), CACHE_OK);
    assert_int_equal(count("SELECT count(*) FROM outbox"), 2);
}

/* "My holds" reads the recent entries; old settled ones are forgotten,
 * never one still to send. */
static void test_outbox_recent_and_prune(void **state)
{
    (void)state;
    cache_outbox_t o[8];
    int n = 0;
    diag_t d;
    const char *body = "{\"unit_id\":\"U1\",\"consultant_id\":\"C01\",\"minutes\":30}";
    assert_int_equal(cache_outbox_add(c, "old-ok", "hold", body, 100, NULL, &d), CACHE_OK);
    assert_int_equal(cache_outbox_set(c, "old-ok", OUTBOX_CONFIRMED, "h1", 100, &d), CACHE_OK);
    assert_int_equal(cache_outbox_add(c, "old-no", "hold", body, 110, NULL, &d), CACHE_OK);
    assert_int_equal(cache_outbox_set(c, "old-no", OUTBOX_REFUSED, "over_limit: x", 110, &d), CACHE_OK);
    assert_int_equal(cache_outbox_add(c, "old-queued", "hold", body, 120, NULL, &d), CACHE_OK);
    assert_int_equal(cache_outbox_set(c, "old-queued", OUTBOX_QUEUED, "couldn't connect", 130, &d), CACHE_OK);
    assert_int_equal(cache_outbox_add(c, "new-ok", "hold", body, 900, NULL, &d), CACHE_OK);
    assert_int_equal(cache_outbox_set(c, "new-ok", OUTBOX_CONFIRMED, "h2", 900, &d), CACHE_OK);

    /* Since 500: the one still queued (however old) and the new one,
     * newest first; a queued entry keeps what failed as its reason. */
    assert_int_equal(cache_outbox_recent(c, NULL, 500, o, 8, &n, &d), CACHE_OK);
    assert_int_equal(n, 2);
    assert_string_equal(o[0].key, "new-ok");
    assert_string_equal(o[1].key, "old-queued");
    assert_string_equal(o[1].reason, "couldn't connect");
    assert_int_equal(cache_outbox_recent(c, NULL, 0, o, 3, &n, &d), CACHE_OK);
    assert_int_equal(n, 3); /* max honoured */
    /* One consultant's only, read from the body; a body that is not JSON
     * belongs to no one and does not break the query. */
    assert_int_equal(cache_outbox_add(c, "other", "hold",
                                      "{\"unit_id\":\"U2\",\"consultant_id\":\"C02\",\"minutes\":30}",
                                      950, NULL, &d), CACHE_OK);
    assert_int_equal(cache_outbox_add(c, "junk", "hold", "not json", 960, NULL, &d),
                     CACHE_OK);
    assert_int_equal(cache_outbox_recent(c, "C01", 500, o, 8, &n, &d), CACHE_OK);
    assert_int_equal(n, 2);
    assert_string_equal(o[0].key, "new-ok");
    assert_int_equal(cache_outbox_recent(c, "C02", 0, o, 8, &n, &d), CACHE_OK);
    assert_int_equal(n, 1);
    assert_string_equal(o[0].key, "other");
    assert_int_equal(cache_outbox_recent(c, NULL, 500, o, 8, &n, &d), CACHE_OK);
    assert_int_equal(n, 4);

    assert_int_equal(cache_outbox_prune(c, 500, &n, &d), CACHE_OK);
    assert_int_equal(n, 2);
    assert_int_equal(count("SELECT count(*) FROM outbox"), 4);
    int found = 0;
    assert_int_equal(cache_outbox_get(c, "old-queued", &o[0], &found, &d), CACHE_OK);
    assert_true(found);
    assert_int_equal(cache_outbox_next(c, &o[0], &found, &d), CACHE_OK);
    assert_string_equal(o[0].key, "old-queued");
}

static void test_lockout_survives_reopening(void **state)
{
    (void)state;
    pin_lockout_t l;
    diag_t d;
    assert_int_equal(cache_lockout_get(c, "C01", &l, &d), CACHE_OK);
    assert_int_equal(l.failures, 0);
    for (int i = 0; i < 4; i++)
        pin_lockout_fail(&l, 1000 + i);
    assert_int_equal(cache_lockout_put(c, "C01", &l, &d), CACHE_OK);
    assert_int_equal(cache_lockout_put(c, "", &l, &d), CACHE_OK);
    cache_close(c);
    assert_int_equal(cache_open(path, &c, &d), CACHE_OK);
    pin_lockout_t back;
    assert_int_equal(cache_lockout_get(c, "C01", &back, &d), CACHE_OK);
    assert_int_equal(back.failures, 4);
    assert_int_equal(back.last_failure_at, 1003);
    assert_int_equal(pin_lockout_wait(&back, 1003), 60);
    pin_lockout_reset(&back);
    assert_int_equal(cache_lockout_put(c, "C01", &back, &d), CACHE_OK);
    assert_int_equal(cache_lockout_get(c, "C01", &back, &d), CACHE_OK);
    assert_int_equal(back.failures, 0);
    assert_int_equal(cache_lockout_get(c, "", &back, &d), CACHE_OK);
    assert_int_equal(back.failures, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_place_replay_release_expire, setup, teardown),
        cmocka_unit_test_setup_teardown(test_limits_and_consultants, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outbox_survives_reopening, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outbox_recent_and_prune, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lockout_survives_reopening, setup, teardown),
    };
    return cmocka_run_group_tests_name("cache_holds", tests, NULL, NULL);
}
