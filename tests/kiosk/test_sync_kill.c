/* test_sync_kill.c - SIGKILL during a large apply, again and again.
 *
 * The real kiosk process syncs a 20,000-unit project from a real salesd and
 * is killed at a random moment, round after round, while the server's
 * database is rebuilt each round (a new epoch: every round is a full
 * snapshot apply).  After each kill the cache passes PRAGMA integrity_check
 * and holds exactly the project before or exactly the project after: never
 * a mix.
 */
#include "harness.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include "cache.h"
#include "modelutil.h"

static salesd_t srv;
static char kdir[256], kcache[600];

static int setup(void **state)
{
    (void)state;
    h_salesd_init(&srv, 20000);
    tu_mkdtemp(kdir, sizeof kdir);
    snprintf(kcache, sizeof kcache, "%s/cache.db", kdir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    h_salesd_free(&srv);
    tu_rmdir(kdir);
    return 0;
}

typedef struct {
    char epoch[64];
    uint64_t digest;
} state_t;

/* The project in a database file; an empty epoch when it has none. */
static state_t state_of(const char *path)
{
    state_t s = {{0}, 0};
    cache_t *c = NULL;
    cache_sync_t sy;
    model_t *m = NULL;
    int has = 0;
    diag_t d;
    if (cache_open(path, &c, &d) != CACHE_OK)
        fail_msg("%s", d.msg);
    assert_int_equal(cache_has_project(c, &has, &d), CACHE_OK);
    if (has) {
        assert_int_equal(cache_get_sync(c, &sy, &d), CACHE_OK);
        if (cache_load_model(c, &m, &d) != CACHE_OK)
            fail_msg("%s", d.msg);
        snprintf(s.epoch, sizeof s.epoch, "%s", sy.epoch);
        s.digest = tu_model_digest(m);
        model_destroy(m);
    }
    cache_close(c);
    return s;
}

static void integrity_ok(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check;", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static pid_t start_kiosk(void)
{
    char url[64];
    const char *argv[16];
    int n = 0;
    pid_t pid;
    posix_spawn_file_actions_t fa;
    char log[700];
    snprintf(url, sizeof url, "http://127.0.0.1:%d", srv.port);
    snprintf(log, sizeof log, "%s/kiosk.log", kdir);
    argv[n++] = tu_env("KIOSK", "build/kiosk");
    argv[n++] = "--data-dir";
    argv[n++] = kdir;
    argv[n++] = "--server";
    argv[n++] = url;
    argv[n++] = "--token";
    argv[n++] = KIOSK_TOKEN;
    argv[n++] = "--windowed";
    argv[n++] = "--size";
    argv[n++] = "640x360";
    argv[n++] = "--run-for";
    argv[n++] = "30";
    argv[n] = NULL;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, log, O_WRONLY | O_CREAT | O_APPEND, 0644);
    assert_int_equal(posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    return pid;
}

static void test_killed_mid_apply_is_all_or_nothing(void **state)
{
    (void)state;
    uint64_t rng = 0x4b1ll;
    int saw_before = 0, saw_after = 0;
    h_salesd_start(&srv, 0);
    state_t prev = {{0}, 0};
    for (int round = 0; round < 8; round++) {
        if (round > 0) { /* a new epoch: the next sync is a full snapshot */
            char seed[16];
            snprintf(seed, sizeof seed, "%d", 100 + round);
            const char *args[] = {"init", "--db", srv.db, "--demo", "--units",
                                  "20000", "--seed", seed, NULL};
            assert_int_equal(h_salesd_cmd(args, srv.log), 0);
            h_sleep_ms(50); /* salesd notices the new epoch */
        }
        state_t next = state_of(srv.db);
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        long delay = (long)((rng >> 33) % 80);
        /* Kill once the apply has begun writing (the WAL grows by the
         * snapshot's megabytes), at a random point up to 80 ms into it. */
        char wal[700];
        struct stat sb;
        snprintf(wal, sizeof wal, "%s-wal", kcache);
        off_t base = stat(wal, &sb) == 0 ? sb.st_size : 0;
        pid_t pid = start_kiosk();
        for (int t = 0; t < 20000; t++) {
            if (stat(wal, &sb) == 0 && sb.st_size > base + 512 * 1024)
                break;
            h_sleep_ms(1);
        }
        h_sleep_ms(delay);
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);

        integrity_ok(kcache);
        state_t now = state_of(kcache);
        int is_prev = strcmp(now.epoch, prev.epoch) == 0 && now.digest == prev.digest;
        int is_next = strcmp(now.epoch, next.epoch) == 0 && now.digest == next.digest;
        if (!is_prev && !is_next)
            fail_msg("round %d (killed after %ld ms): the cache is neither the "
                     "project before nor after", round, delay);
        saw_before += is_prev;
        saw_after += is_next;
        prev = now;
    }
    print_message("kills: %d left the old project, %d the new one\n",
                  saw_before, saw_after);
    assert_true(saw_before > 0); /* some kills did land inside an apply */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_killed_mid_apply_is_all_or_nothing,
                                        setup, teardown),
    };
    return cmocka_run_group_tests_name("sync_kill", tests, NULL, NULL);
}
