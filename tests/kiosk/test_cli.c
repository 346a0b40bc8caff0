/* test_cli.c - the kiosk binary's command line, run as a real process.
 *
 * Exit codes, help, config errors with file:line, screenshots in landscape
 * and portrait, and the demo cache made once and reused.
 */
#include "testutil.h"

#include <spawn.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>

extern char **environ;

static char dir[256];
static char out[16384], err[16384];

static int setup(void **state)
{
    (void)state;
    tu_mkdtemp(dir, sizeof dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmdir(dir);
    return 0;
}

static void slurp(const char *path, char *buf, size_t n)
{
    FILE *f = fopen(path, "r");
    size_t got = 0;
    if (f) {
        got = fread(buf, 1, n - 1, f);
        fclose(f);
    }
    buf[got] = '\0';
}

/* Runs the kiosk with args (NULL-terminated); returns its exit status and
 * leaves its output in out and err. */
static int run_kiosk(const char *const *args)
{
    const char *argv[32];
    char o[512], e[512];
    int n = 0, status;
    pid_t pid;
    posix_spawn_file_actions_t fa;

    argv[n++] = tu_env("KIOSK", "build/kiosk");
    for (; *args && n < 31; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    snprintf(o, sizeof o, "%s/stdout", dir);
    snprintf(e, sizeof e, "%s/stderr", dir);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, o, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, e, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_int_equal(posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv,
                                 environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    slurp(o, out, sizeof out);
    slurp(e, err, sizeof err);
    if (!WIFEXITED(status))
        fail_msg("kiosk died with signal %d: %s", WTERMSIG(status), err);
    return WEXITSTATUS(status);
}

/* Width and height from a PNG's IHDR; -1 when it is not a PNG. */
static int png_size(const char *path, int *w, int *h)
{
    unsigned char b[24];
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    if (n != sizeof b || memcmp(b, "\x89PNG\r\n\x1a\n", 8) != 0 ||
        memcmp(b + 12, "IHDR", 4) != 0)
        return -1;
    *w = b[16] << 24 | b[17] << 16 | b[18] << 8 | b[19];
    *h = b[20] << 24 | b[21] << 16 | b[22] << 8 | b[23];
    return 0;
}

static void test_help_and_version(void **state)
{
    (void)state;
    const char *help[] = {"--help", NULL};
    assert_int_equal(run_kiosk(help), 0);
    assert_non_null(strstr(out, "--screenshot"));
    assert_non_null(strstr(out, "--data-dir"));
    const char *ver[] = {"--version", NULL};
    assert_int_equal(run_kiosk(ver), 0);
    assert_non_null(strstr(out, "kiosk 0."));
}

static void test_bad_usage(void **state)
{
    (void)state;
    const char *bad[] = {"--no-such-flag", NULL};
    assert_int_equal(run_kiosk(bad), 2);
    const char *size[] = {"--size", "huge", NULL};
    assert_int_equal(run_kiosk(size), 2);
    assert_non_null(strstr(err, "--size"));
    const char *lang[] = {"--lang", "fr", NULL};
    assert_int_equal(run_kiosk(lang), 2);
    assert_non_null(strstr(err, "unknown language 'fr'"));
    const char *scene[] = {"--mode", "lobby", NULL};
    assert_int_equal(run_kiosk(scene), 2);
}

static void expect_config_error(const char *text, const char *where_words,
                                int line)
{
    char ini[512], where[600];
    snprintf(ini, sizeof ini, "%s/k.ini", dir);
    tu_write(ini, text);
    const char *args[] = {"--config", ini, "--screenshot", "/dev/null", NULL};
    assert_int_equal(run_kiosk(args), 2);
    snprintf(where, sizeof where, "%s:%d: ", ini, line);
    if (!strstr(err, where) || !strstr(err, where_words))
        fail_msg("want '%s...%s' in stderr: %s", where, where_words, err);
}

static void test_config_errors_name_file_and_line(void **state)
{
    (void)state;
    expect_config_error("[kiosk]\nlang = en\nlnag = en\n", "unknown key 'lnag'", 3);
    expect_config_error("[board]\n\npage_seconds = fast\n", "not a whole number", 3);
    expect_config_error("[display]\nwindowed = perhaps\n", "yes/no", 2);

    char missing[512];
    snprintf(missing, sizeof missing, "%s/missing.ini", dir);
    const char *args[] = {"--config", missing, NULL};
    assert_int_equal(run_kiosk(args), 2);
    assert_non_null(strstr(err, missing));
    assert_non_null(strstr(err, "cannot open"));
}

static void test_screenshots_landscape_and_portrait(void **state)
{
    (void)state;
    char data[512], shot[600];
    int w, h;
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(shot, sizeof shot, "%s/cli-board-1920x1080.png",
             tu_env("TEST_OUT", dir));
    const char *land[] = {"--demo", "--data-dir", data, "--mode", "board",
                          "--screenshot", shot, NULL};
    if (run_kiosk(land) != 0)
        fail_msg("%s", err);
    assert_int_equal(png_size(shot, &w, &h), 0);
    assert_int_equal(w, 1920);
    assert_int_equal(h, 1080);

    snprintf(shot, sizeof shot, "%s/cli-board-1080x1920-en.png",
             tu_env("TEST_OUT", dir));
    const char *port[] = {"--demo", "--data-dir", data, "--size", "1080x1920",
                          "--lang", "en", "--mode", "board", "--screenshot",
                          shot, NULL};
    if (run_kiosk(port) != 0)
        fail_msg("%s", err);
    assert_int_equal(png_size(shot, &w, &h), 0);
    assert_int_equal(w, 1080);
    assert_int_equal(h, 1920);

    /* The consultants' screens: the PIN pad; the desk needs a consultant,
     * which the built-in demo does not have, and says so. */
    snprintf(shot, sizeof shot, "%s/cli-signin.png", tu_env("TEST_OUT", dir));
    const char *pad[] = {"--demo", "--data-dir", data, "--scene", "signin",
                         "--screenshot", shot, NULL};
    if (run_kiosk(pad) != 0)
        fail_msg("%s", err);
    assert_int_equal(png_size(shot, &w, &h), 0);
    const char *desk[] = {"--demo", "--data-dir", data, "--scene", "desk",
                          "--screenshot", shot, NULL};
    assert_int_equal(run_kiosk(desk), 1);
    assert_non_null(strstr(err, "--scene desk: the project has no consultant"));
}

static void db_exec(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static int db_int(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    int v;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static void test_demo_cache_created_once_then_reused(void **state)
{
    (void)state;
    char data[512], db[600], shot[600];
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(db, sizeof db, "%s/cache.db", data);
    snprintf(shot, sizeof shot, "%s/s.png", dir);
    const char *args[] = {"--demo", "--data-dir", data, "--screenshot", shot, NULL};
    assert_int_equal(run_kiosk(args), 0);
    int units = db_int(db, "SELECT count(*) FROM unit;");
    assert_in_range(units, 1700, 2300);
    /* Mark every unit signed; a second run must keep that, not regenerate. */
    db_exec(db, "UPDATE unit SET status = 'signed';");
    assert_int_equal(run_kiosk(args), 0);
    assert_int_equal(db_int(db, "SELECT count(*) FROM unit WHERE status <> 'signed';"), 0);
    assert_int_equal(db_int(db, "SELECT count(*) FROM unit;"), units);
}

static void test_broken_cache(void **state)
{
    (void)state;
    char data[512], db[600], shot[600], aside[700];
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(db, sizeof db, "%s/cache.db", data);
    snprintf(shot, sizeof shot, "%s/s.png", dir);
    assert_int_equal(mkdir(data, 0755), 0);
    tu_write(db, "this is not a database, it is a shopping list\n");

    /* Without --demo there is nothing to rebuild from: a clear error. */
    const char *plain[] = {"--data-dir", data, "--screenshot", shot, NULL};
    assert_int_equal(run_kiosk(plain), 1);
    assert_non_null(strstr(err, db));
    assert_non_null(strstr(err, "not a cache database"));

    /* With --demo the bad file is kept aside and the demo rebuilt. */
    const char *demo[] = {"--demo", "--data-dir", data, "--screenshot", shot, NULL};
    assert_int_equal(run_kiosk(demo), 0);
    assert_non_null(strstr(err, "moving it aside"));
    assert_true(db_int(db, "SELECT count(*) FROM unit;") > 1000);
    snprintf(aside, sizeof aside, "ls %s/cache.db.bad-* >/dev/null 2>&1", data);
    assert_int_equal(system(aside), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_help_and_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_usage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_errors_name_file_and_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_screenshots_landscape_and_portrait, setup, teardown),
        cmocka_unit_test_setup_teardown(test_demo_cache_created_once_then_reused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broken_cache, setup, teardown),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
