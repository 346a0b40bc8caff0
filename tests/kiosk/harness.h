/* harness.h - a real salesd on loopback, and a raw HTTP client, for tests.
 *
 * salesd runs as its own process (build/salesd, or $SALESD) on an ephemeral
 * port with a fresh database of the demo project; the test talks to it over
 * real sockets.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include "testutil.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <stdatomic.h>
#include <time.h>

#include <sqlite3.h>

#include "cache.h"

extern char **environ;

#define KIOSK_TOKEN "kiosk-token-for-tests-0001"
#define ADMIN_TOKEN "admin-token-for-tests-0001"

typedef struct {
    char dir[256], db[512], tokens[512], portfile[512], log[512];
    pid_t pid;
    int port;
} salesd_t;

static inline void h_sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Runs salesd with args to completion; returns its exit status. */
static inline int h_salesd_cmd(const char *const *args, const char *log)
{
    const char *argv[24];
    int n = 0, status;
    pid_t pid;
    posix_spawn_file_actions_t fa;
    argv[n++] = tu_env("SALESD", "build/salesd");
    for (; *args && n < 23; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, log, O_WRONLY | O_CREAT | O_APPEND, 0644);
    assert_int_equal(posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* A free loopback port (bound, then released). */
static inline int h_free_port(void)
{
    struct sockaddr_in sa = {.sin_family = AF_INET};
    socklen_t len = sizeof sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
    close(fd);
    return ntohs(sa.sin_port);
}

/* A demo database and a tokens file in a fresh directory. */
static inline void h_salesd_init(salesd_t *s, int units)
{
    char n[16];
    memset(s, 0, sizeof *s);
    tu_mkdtemp(s->dir, sizeof s->dir);
    snprintf(s->db, sizeof s->db, "%s/sales.db", s->dir);
    snprintf(s->tokens, sizeof s->tokens, "%s/tokens", s->dir);
    snprintf(s->portfile, sizeof s->portfile, "%s/port", s->dir);
    snprintf(s->log, sizeof s->log, "%s/salesd.log", s->dir);
    tu_write(s->tokens, KIOSK_TOKEN " lobby kiosk\n" ADMIN_TOKEN " office admin\n");
    snprintf(n, sizeof n, "%d", units);
    const char *args[] = {"init", "--db", s->db, "--demo", "--units", n, NULL};
    assert_int_equal(h_salesd_cmd(args, s->log), 0);
}

/* Starts `salesd serve` on port (0: any) and waits until it listens. */
static inline void h_salesd_start(salesd_t *s, int port)
{
    char listen[32];
    const char *argv[16];
    int n = 0;
    posix_spawn_file_actions_t fa;
    snprintf(listen, sizeof listen, "127.0.0.1:%d", port);
    unlink(s->portfile);
    argv[n++] = tu_env("SALESD", "build/salesd");
    argv[n++] = "serve";
    argv[n++] = "--db";
    argv[n++] = s->db;
    argv[n++] = "--tokens";
    argv[n++] = s->tokens;
    argv[n++] = "--listen";
    argv[n++] = listen;
    argv[n++] = "--port-file";
    argv[n++] = s->portfile;
    argv[n++] = "--max-wait";
    argv[n++] = "60";
    argv[n] = NULL;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, s->log, O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, s->log, O_WRONLY | O_CREAT | O_APPEND, 0644);
    assert_int_equal(posix_spawn(&s->pid, argv[0], &fa, NULL, (char *const *)argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    for (int i = 0; i < 500; i++) {
        FILE *f = fopen(s->portfile, "r");
        if (f) {
            int ok = fscanf(f, "%d", &s->port) == 1;
            fclose(f);
            if (ok && s->port > 0)
                return;
        }
        h_sleep_ms(10);
    }
    fail_msg("salesd did not start (see %s)", s->log);
}

/* Adds consultant id (names in three languages) with pin to s's database
 * through `salesd consultant add` (a fast hash: tests need no slow one). */
static inline void h_salesd_add_consultant(salesd_t *s, const char *id,
                                           const char *pin)
{
    const char *args[] = {"consultant", "add", "--db", s->db, id,
                          "--name-zh-hant", "陳美玲", "--name-zh-hans", "陈美玲",
                          "--name-en", "Chan Mei-ling", "--pin", pin,
                          "--iterations", "1000", NULL};
    assert_int_equal(h_salesd_cmd(args, s->log), 0);
}

/* The sync state of the cache (or salesd database) at path. */
static inline cache_sync_t h_cache_sync(const char *path)
{
    cache_t *c = NULL;
    cache_sync_t st;
    diag_t d;
    if (cache_open(path, &c, &d) != CACHE_OK)
        fail_msg("%s", d.msg);
    assert_int_equal(cache_get_sync(c, &st, &d), CACHE_OK);
    cache_close(c);
    return st;
}

/* The project stored at path (caller destroys it). */
static inline model_t *h_cache_model(const char *path)
{
    cache_t *c = NULL;
    model_t *m = NULL;
    diag_t d;
    if (cache_open(path, &c, &d) != CACHE_OK ||
        cache_load_model(c, &m, &d) != CACHE_OK)
        fail_msg("%s", d.msg);
    cache_close(c);
    return m;
}

/* Waits (bounded: 15 s) until a callback's counter reaches at_least (a
 * worker stores an answer, then calls back: the two are not one moment). */
static inline void h_wait_count(atomic_int *n, int at_least)
{
    for (int t = 0; t < 1500 && atomic_load(n) < at_least; t++)
        h_sleep_ms(10);
}

/* Waits (bounded: 15 s) until the kiosk's cache at path has s's epoch
 * and version; fails the test when it does not.  The cache may not be
 * there yet, or be being set up by the worker: that is tried again. */
static inline void h_wait_caught_up(const salesd_t *s, const char *path)
{
    for (int t = 0; t < 1500; t++) {
        cache_sync_t v = h_cache_sync(s->db), k;
        cache_t *c = NULL;
        diag_t d;
        int ok = cache_open(path, &c, &d) == CACHE_OK &&
                 cache_get_sync(c, &k, &d) == CACHE_OK && k.epoch[0] &&
                 strcmp(k.epoch, v.epoch) == 0 && k.version == v.version;
        cache_close(c);
        if (ok)
            return;
        h_sleep_ms(10);
    }
    fail_msg("the kiosk's cache %s did not catch up with salesd", path);
}

/* Fails when needle's bytes are anywhere in the SQLite file at path, its
 * -wal or its -shm (a PIN must never be stored in clear). */
static inline void h_file_lacks(const char *path, const char *needle)
{
    static const char *const suffix[] = {"", "-wal", "-shm"};
    size_t len = strlen(needle);
    static unsigned char buf[16 << 20];
    for (size_t i = 0; i < 3; i++) {
        char p[700];
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        FILE *f = fopen(p, "rb");
        if (!f)
            continue;
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        for (size_t k = 0; k + len <= n; k++)
            if (memcmp(buf + k, needle, len) == 0)
                fail_msg("'%s' is in %s at byte %zu", needle, p, k);
    }
}

/* ---- salesd's database, read and written directly ------------------------ */

/* One integer from s's database (-1 when the query has no row). */
static inline long long h_db_int(const salesd_t *s, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    long long v = -1;
    assert_int_equal(sqlite3_open(s->db, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* Runs sql on s's database, as another writer (the office's tools). */
static inline void h_db_exec(const salesd_t *s, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(s->db, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* The id of the i-th available unit (by id) of s's database. */
static inline void h_available_unit(const salesd_t *s, int i, char *id,
                                    size_t size)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(s->db, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT id FROM unit WHERE status"
                                        " = 'available' ORDER BY id LIMIT 1"
                                        " OFFSET ?;", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_int(st, 1, i);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(id, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static inline void h_salesd_stop(salesd_t *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        waitpid(s->pid, NULL, 0);
        s->pid = 0;
    }
}

static inline void h_salesd_free(salesd_t *s)
{
    h_salesd_stop(s);
    tu_rmdir(s->dir);
}

/* A plain HTTP/1.1 request; returns the status code and copies up to
 * size-1 bytes of the whole response (headers and body) into out. */
static inline int h_http(int port, const char *method, const char *path,
                         const char *headers, const char *body, char *out,
                         size_t size)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    char req[2048];
    size_t got = 0;
    int fd = socket(AF_INET, SOCK_STREAM, 0), code = 0;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        close(fd);
        return -1;
    }
    int n = snprintf(req, sizeof req,
                     "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                     "%sContent-Length: %zu\r\n\r\n%s", method, path,
                     headers ? headers : "", body ? strlen(body) : 0,
                     body ? body : "");
    assert_int_equal(write(fd, req, (size_t)n), n);
    for (;;) {
        ssize_t r = read(fd, out + got, size - 1 - got);
        if (r <= 0)
            break;
        got += (size_t)r;
        if (got == size - 1)
            break;
    }
    out[got] = '\0';
    close(fd);
    sscanf(out, "HTTP/1.%*d %d", &code);
    return code;
}

#endif
