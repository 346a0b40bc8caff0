/* test_outbox_kill.c - issue 5's outbox promises, end to end.
 *
 * Holds are queued exactly as the touchscreen queues them (the consultant
 * hooks of app.h, the body browse_request_hold writes) and sent by the real
 * sync worker to a real salesd:
 *   - a kiosk process SIGKILLed right after it was told "queued" (idle, or
 *     in the middle of further writes to its cache) still has the hold in
 *     its outbox on restart, round after round, in a cache that passes
 *     PRAGMA integrity_check; once a server is there (the entries living
 *     through the restarted worker's first snapshot) every one of them is
 *     confirmed, and salesd holds each unit exactly once;
 *   - a hold queued while online goes out when the hooks kick the worker
 *     (parked in a one-minute long poll: only the kick can send it within
 *     the test's bound), is confirmed, and shows on a second kiosk's cache
 *     with its hold id;
 *   - two kiosks sending holds for one unit at the same moment: one is
 *     confirmed, the other refused as unit_unavailable, one hold at salesd,
 *     and both caches show the winner's.
 * salesd's database is read directly.  Waits are bounded loops (the test
 * fails, never hangs); nothing asserts how fast.
 */
#include "harness.h"

#include <pthread.h>
#include <stdatomic.h>

#include <sqlite3.h>

#include "app.h"
#include "cache.h"
#include "sync.h"

#define PIN "73915"
#define KIOSK2_TOKEN "kiosk-token-for-tests-0002"
#define KILL_ROUNDS 20
#define WAIT_TRIES 1500 /* of 10 ms: a bound, not a budget */

static salesd_t srv;
static char kdir[256];
static atomic_int settled; /* on_outbox calls, from the workers */

/* A kiosk as the touchscreen has it: its cache connection, the consultant
 * hooks pointed at it, and (online) its sync worker, which the hooks kick. */
typedef struct {
    char path[600];
    cache_t *cache;
    app_outbox_t ob;
    browse_opts_t opts;
    sync_t *sync;
} kiosk_t;

static void on_outbox(void *user)
{
    (void)user;
    atomic_fetch_add(&settled, 1);
}

static int setup(void **state)
{
    (void)state;
    h_salesd_init(&srv, 300);
    /* A second kiosk with its own name at the server. */
    FILE *f = fopen(srv.tokens, "a");
    assert_non_null(f);
    fputs(KIOSK2_TOKEN " atrium kiosk\n", f);
    fclose(f);
    h_salesd_add_consultant(&srv, "C01", PIN);
    h_salesd_add_consultant(&srv, "C02", PIN);
    tu_mkdtemp(kdir, sizeof kdir);
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

static void integrity_ok(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check;", -1, &st,
                                        NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* The body the touchscreen queues for a hold (browse_request_hold, with
 * the default hold_minutes). */
static void hold_body(char *out, size_t size, const char *unit,
                      const char *consultant)
{
    /* Ids are below MODEL_ID_MAX: the precision only tells the compiler. */
    snprintf(out, size, "{\"unit_id\":\"%.39s\",\"consultant_id\":\"%.39s\","
             "\"minutes\":%d}", unit, consultant, 30);
}

/* Opens the kiosk's cache at dir/name and points the hooks at it. */
static void kiosk_open(kiosk_t *k, const char *name)
{
    diag_t d;
    memset(k, 0, sizeof *k);
    snprintf(k->path, sizeof k->path, "%s/%s", kdir, name);
    if (cache_open(k->path, &k->cache, &d) != CACHE_OK)
        fail_msg("%s", d.msg);
    k->ob = (app_outbox_t){k->cache, NULL};
    app_consultant_hooks(&k->opts, &k->ob);
}

/* A worker on k's cache that parks its long polls for a minute; the hooks
 * kick it from now on. */
static void kiosk_online(kiosk_t *k, const char *token)
{
    char url[64];
    diag_t d;
    snprintf(url, sizeof url, "http://127.0.0.1:%d", srv.port);
    sync_opts_t o = {
        .server_url = url, .project_id = "demo-emerald-lake",
        .token = token, .cache_path = k->path,
        .connect_timeout_ms = 2000, .wait_s = 60, .max_bytes = 16L << 20,
        .backoff_min_ms = 20, .backoff_max_ms = 200, .on_outbox = on_outbox,
    };
    if (!(k->sync = sync_start(&o, &d)))
        fail_msg("%s", d.msg);
    k->ob.sync = k->sync;
}

static void kiosk_close(kiosk_t *k)
{
    if (k->sync)
        sync_stop(k->sync);
    cache_close(k->cache);
    memset(k, 0, sizeof *k);
}

/* Queues a hold through the hooks, as a consultant's tap does; key_out
 * gets its Idempotency-Key.  Returns the hook's 0 or -1 (no cmocka asserts:
 * racing threads call it too). */
static int kiosk_hold(kiosk_t *k, const char *unit, const char *consultant,
                      char *key_out, size_t key_size)
{
    char body[256];
    hold_body(body, sizeof body, unit, consultant);
    return k->opts.outbox_add(k->opts.outbox_user, "hold", body, key_out,
                              key_size);
}

static cache_outbox_t entry_in(cache_t *c, const char *key)
{
    cache_outbox_t e;
    int found = 0;
    diag_t d;
    if (cache_outbox_get(c, key, &e, &found, &d) != CACHE_OK)
        fail_msg("%s", d.msg);
    if (!found)
        fail_msg("outbox entry %s is gone", key);
    return e;
}

/* Waits (bounded) until k's entry key was answered: confirmed or refused. */
static cache_outbox_t wait_settled(kiosk_t *k, const char *key)
{
    cache_outbox_t e;
    for (int t = 0; t < WAIT_TRIES; t++) {
        e = entry_in(k->cache, key);
        if (e.state == OUTBOX_CONFIRMED || e.state == OUTBOX_REFUSED)
            return e;
        h_sleep_ms(10);
    }
    fail_msg("outbox entry %s stayed in state %d (reason '%s')", key,
             (int)e.state, e.reason);
    return e;
}

/* Whether the cache at path shows unit held by consultant under hold_id. */
static int cache_shows_held(const char *path, const char *unit,
                            const char *consultant, const char *hold_id)
{
    cache_t *c = NULL;
    model_t *m = NULL;
    int has = 0, yes = 0;
    diag_t d;
    if (cache_open(path, &c, &d) != CACHE_OK)
        fail_msg("%s", d.msg);
    if (cache_has_project(c, &has, &d) != CACHE_OK)
        fail_msg("%s", d.msg);
    if (has) {
        if (cache_load_model(c, &m, &d) != CACHE_OK)
            fail_msg("%s", d.msg);
        int i = model_find_unit(m, unit);
        assert_true(i >= 0);
        yes = m->units[i].status == STATUS_HELD &&
              strcmp(m->units[i].held_by, consultant) == 0 &&
              strcmp(m->units[i].hold_id, hold_id) == 0;
        model_destroy(m);
    }
    cache_close(c);
    return yes;
}

static void wait_held(const char *path, const char *unit,
                      const char *consultant, const char *hold_id)
{
    for (int t = 0; t < WAIT_TRIES; t++) {
        if (cache_shows_held(path, unit, consultant, hold_id))
            return;
        h_sleep_ms(10);
    }
    fail_msg("%s does not show %s held by %s (hold %s)", path, unit,
             consultant, hold_id);
}

/* ---- killed right after "queued" -------------------------------------- */

/* The kiosk process of one round: queues the hold through the hooks, says
 * its key on fd (the moment the consultant would see "queued"), then waits
 * to be killed: idle, or (busy) writing its PIN lockout over and over, so
 * that the kill lands in the middle of a later transaction.  Exits only on
 * failure, with no cmocka in the child. */
static void kiosk_child(const char *path, int fd, const char *unit,
                        const char *consultant, int busy)
{
    cache_t *c = NULL;
    diag_t d;
    browse_opts_t o;
    char body[256], key[72];
    if (cache_open(path, &c, &d) != CACHE_OK)
        _exit(2);
    app_outbox_t ob = {c, NULL};
    memset(&o, 0, sizeof o);
    app_consultant_hooks(&o, &ob);
    hold_body(body, sizeof body, unit, consultant);
    if (o.outbox_add(o.outbox_user, "hold", body, key, sizeof key) != 0)
        _exit(3);
    size_t n = strlen(key);
    key[n++] = '\n';
    if (write(fd, key, n) != (ssize_t)n)
        _exit(4);
    for (int64_t i = 1;; i++) {
        if (busy) {
            pin_lockout_t l = {.failures = (int)(i % 1000),
                               .last_failure_at = i};
            if (o.lockout_save(o.lockout_user, &l) != 0)
                _exit(5);
        } else {
            pause();
        }
    }
}

static void test_killed_after_queued_keeps_the_hold(void **state)
{
    (void)state;
    static struct {
        char unit[MODEL_ID_MAX], who[8], key[72];
        cache_outbox_t e;
    } rd[KILL_ROUNDS];
    char path[600], body[256], sql[640];
    diag_t d;
    memset(rd, 0, sizeof rd);
    /* At most 3 active holds per consultant (salesd's default): 7 of them. */
    for (int c = 3; c <= (KILL_ROUNDS - 1) / 3 + 1; c++) {
        char id[8];
        snprintf(id, sizeof id, "C%02d", c);
        h_salesd_add_consultant(&srv, id, PIN);
    }
    snprintf(path, sizeof path, "%s/cache.db", kdir);

    /* No threads in this process yet: fork is safe. */
    for (int r = 0; r < KILL_ROUNDS; r++) {
        h_available_unit(&srv, r, rd[r].unit, sizeof rd[r].unit); /* none held yet */
        snprintf(rd[r].who, sizeof rd[r].who, "C%02d", r / 3 + 1);
        int p[2];
        assert_int_equal(pipe(p), 0);
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(p[0]);
            kiosk_child(path, p[1], rd[r].unit, rd[r].who, r % 2);
        }
        close(p[1]);
        size_t got = 0;
        while (got < sizeof rd[r].key - 1) {
            ssize_t n = read(p[0], rd[r].key + got, sizeof rd[r].key - 1 - got);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0 || memchr(rd[r].key + got, '\n', (size_t)n)) {
                got += n > 0 ? (size_t)n : 0;
                break;
            }
            got += (size_t)n;
        }
        rd[r].key[got] = '\0';
        /* Told "queued": killed at once. */
        kill(pid, SIGKILL);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        close(p[0]);
        if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
            fail_msg("round %d: the kiosk child ended by itself (status %d)",
                     r, status);
        char *nl = strchr(rd[r].key, '\n');
        if (!nl)
            fail_msg("round %d: no key from the kiosk child ('%s')", r,
                     rd[r].key);
        *nl = '\0';
        assert_int_equal(strlen(rd[r].key), 32);

        integrity_ok(path);
        cache_t *c = NULL;
        if (cache_open(path, &c, &d) != CACHE_OK)
            fail_msg("round %d: %s", r, d.msg);
        hold_body(body, sizeof body, rd[r].unit, rd[r].who);
        for (int i = 0; i <= r; i++) { /* every earlier one is still there */
            cache_outbox_t e = entry_in(c, rd[i].key);
            assert_int_equal(e.state, OUTBOX_QUEUED);
            assert_string_equal(e.kind, "hold");
            if (i == r)
                assert_string_equal(e.body, body);
        }
        pin_lockout_t l; /* what the busy child was writing reads back */
        if (cache_lockout_get(c, "", &l, &d) != CACHE_OK)
            fail_msg("round %d: %s", r, d.msg);
        cache_close(c);
    }

    /* The kiosk comes back with a server: every hold goes out, once. */
    h_salesd_start(&srv, 0);
    kiosk_t k;
    kiosk_open(&k, "cache.db");
    kiosk_online(&k, KIOSK_TOKEN);
    for (int r = 0; r < KILL_ROUNDS; r++) {
        rd[r].e = wait_settled(&k, rd[r].key);
        if (rd[r].e.state != OUTBOX_CONFIRMED || rd[r].e.reason[0] != 'h')
            fail_msg("round %d: state %d, reason '%s'", r, (int)rd[r].e.state,
                     rd[r].e.reason);
        hold_body(body, sizeof body, rd[r].unit, rd[r].who);
        assert_string_equal(rd[r].e.body, body);
    }
    for (int r = 0; r < KILL_ROUNDS; r++) {
        snprintf(sql, sizeof sql, "SELECT count(*) FROM hold WHERE id = '%s'"
                 " AND unit_id = '%s' AND consultant_id = '%s' AND kiosk ="
                 " 'lobby' AND state = 'active'", rd[r].e.reason, rd[r].unit,
                 rd[r].who);
        assert_int_equal(h_db_int(&srv, sql), 1);
        snprintf(sql, sizeof sql, "SELECT count(*) FROM hold WHERE unit_id ="
                 " '%s'", rd[r].unit);
        assert_int_equal(h_db_int(&srv, sql), 1);
    }
    assert_int_equal(h_db_int(&srv, "SELECT count(*) FROM hold"), KILL_ROUNDS);
    assert_int_equal(h_db_int(&srv, "SELECT count(*) FROM audit WHERE action = 'hold'"),
                     KILL_ROUNDS);
    assert_int_equal(h_db_int(&srv, "SELECT count(*) FROM idempotency WHERE kiosk ="
                            " 'lobby'"), KILL_ROUNDS);
    sync_status_t st;
    sync_get_status(k.sync, &st);
    assert_int_equal(st.outbox_confirmed, KILL_ROUNDS);
    assert_int_equal(st.outbox_refused, 0);

    /* And the kiosk's own cache comes to show them, with their hold ids. */
    h_wait_caught_up(&srv, k.path);
    for (int r = 0; r < KILL_ROUNDS; r++)
        wait_held(k.path, rd[r].unit, rd[r].who, rd[r].e.reason);
    kiosk_close(&k);
    integrity_ok(path);
}

/* ---- online: confirmed, and seen by another kiosk --------------------- */

static void test_online_hold_reaches_another_kiosk(void **state)
{
    (void)state;
    char unit[MODEL_ID_MAX], key[72], sql[640];
    kiosk_t a, b;
    int found = 1;
    diag_t d;
    h_salesd_start(&srv, 0);
    kiosk_open(&a, "a.db");
    kiosk_open(&b, "b.db");
    kiosk_online(&a, KIOSK_TOKEN);
    kiosk_online(&b, KIOSK2_TOKEN);
    /* Both now parked in one-minute long polls. */
    h_wait_caught_up(&srv, a.path);
    h_wait_caught_up(&srv, b.path);

    h_available_unit(&srv, 0, unit, sizeof unit);
    assert_int_equal(kiosk_hold(&a, unit, "C01", key, sizeof key), 0);
    cache_outbox_t e = wait_settled(&a, key);
    if (e.state != OUTBOX_CONFIRMED || e.reason[0] != 'h')
        fail_msg("state %d, reason '%s'", (int)e.state, e.reason);
    h_wait_count(&settled, 1);
    assert_true(atomic_load(&settled) >= 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM hold WHERE id = '%s' AND"
             " unit_id = '%s' AND consultant_id = 'C01' AND kiosk = 'lobby'"
             " AND state = 'active'", e.reason, unit);
    assert_int_equal(h_db_int(&srv, sql), 1);
    assert_int_equal(h_db_int(&srv, "SELECT count(*) FROM hold"), 1);

    /* The other kiosk hears of it through its long poll. */
    wait_held(b.path, unit, "C01", e.reason);
    wait_held(a.path, unit, "C01", e.reason);
    cache_outbox_t none;
    assert_int_equal(cache_outbox_next(b.cache, &none, &found, &d), CACHE_OK);
    assert_false(found);
    kiosk_close(&a);
    kiosk_close(&b);
}

/* ---- two kiosks, one unit, at the same moment ------------------------- */

typedef struct {
    kiosk_t *k;
    const char *unit, *consultant;
    pthread_barrier_t *go;
    char key[72];
    int rc;
} racer_t;

static void *race(void *arg)
{
    racer_t *r = arg;
    pthread_barrier_wait(r->go);
    r->rc = kiosk_hold(r->k, r->unit, r->consultant, r->key, sizeof r->key);
    return NULL;
}

static void test_two_kiosks_race_through_their_outboxes(void **state)
{
    (void)state;
    char unit[MODEL_ID_MAX], sql[640];
    kiosk_t a, b;
    h_salesd_start(&srv, 0);
    kiosk_open(&a, "a.db");
    kiosk_open(&b, "b.db");
    kiosk_online(&a, KIOSK_TOKEN);
    kiosk_online(&b, KIOSK2_TOKEN);
    /* Three rounds: neither consultant can pass the limit of 3. */
    for (int round = 0; round < 3; round++) {
        h_wait_caught_up(&srv, a.path);
        h_wait_caught_up(&srv, b.path);
        h_available_unit(&srv, 0, unit, sizeof unit);
        pthread_barrier_t go;
        pthread_t ta, tb;
        racer_t ra = {.k = &a, .unit = unit, .consultant = "C01", .go = &go};
        racer_t rb = {.k = &b, .unit = unit, .consultant = "C02", .go = &go};
        assert_int_equal(pthread_barrier_init(&go, NULL, 2), 0);
        assert_int_equal(pthread_create(&ta, NULL, race, &ra), 0);
        assert_int_equal(pthread_create(&tb, NULL, race, &rb), 0);
        pthread_join(ta, NULL);
        pthread_join(tb, NULL);
        pthread_barrier_destroy(&go);
        assert_int_equal(ra.rc, 0);
        assert_int_equal(rb.rc, 0);

        cache_outbox_t ea = wait_settled(&a, ra.key);
        cache_outbox_t eb = wait_settled(&b, rb.key);
        int a_won = ea.state == OUTBOX_CONFIRMED;
        cache_outbox_t *won = a_won ? &ea : &eb, *lost = a_won ? &eb : &ea;
        const char *winner = a_won ? "C01" : "C02";
        if (won->state != OUTBOX_CONFIRMED || lost->state != OUTBOX_REFUSED)
            fail_msg("round %d: states %d and %d (reasons '%s', '%s')", round,
                     (int)ea.state, (int)eb.state, ea.reason, eb.reason);
        if (won->reason[0] != 'h' ||
            strncmp(lost->reason, "unit_unavailable", 16) != 0)
            fail_msg("round %d: reasons '%s' and '%s'", round, won->reason,
                     lost->reason);
        snprintf(sql, sizeof sql, "SELECT count(*) FROM hold WHERE unit_id ="
                 " '%s'", unit);
        assert_int_equal(h_db_int(&srv, sql), 1);
        snprintf(sql, sizeof sql, "SELECT count(*) FROM hold WHERE id = '%s'"
                 " AND unit_id = '%s' AND consultant_id = '%s' AND kiosk = '%s'"
                 " AND state = 'active'", won->reason, unit, winner,
                 a_won ? "lobby" : "atrium");
        assert_int_equal(h_db_int(&srv, sql), 1);
        wait_held(a.path, unit, winner, won->reason);
        wait_held(b.path, unit, winner, won->reason);
    }
    assert_int_equal(h_db_int(&srv, "SELECT count(*) FROM hold WHERE state ="
                            " 'active'"), 3);
    kiosk_close(&a);
    kiosk_close(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* First: it forks, and no test before it has left a thread. */
        cmocka_unit_test_setup_teardown(test_killed_after_queued_keeps_the_hold,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_online_hold_reaches_another_kiosk,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_kiosks_race_through_their_outboxes,
                                        setup, teardown),
    };
    return cmocka_run_group_tests_name("outbox_kill", tests, NULL, NULL);
}
