/* test_media_sync.c - pictures, from salesd's media directory to the
 * kiosk's, against a real salesd on loopback.
 *
 * The worker fetches every picture the project refers to exactly once (a
 * new snapshot or a restart fetches nothing again: the worker's counters
 * and the files' inodes say so); a server file whose bytes do not match its
 * name is refused, never stored under the name, and tried again with
 * backoff while units keep syncing; the kiosk's demo and salesd's demo
 * share their pictures; and the HTTP contract of GET /media/{name}.
 *
 * salesd is initialised with made-up pictures from a temporary assets
 * directory (salesd init --assets), so the test does not depend on the
 * real ones.  Waits are bounded; nothing asserts how fast anything was.
 */
#include "harness.h"

#include <dirent.h>
#include <stdatomic.h>
#include <sys/stat.h>

#include "app.h"
#include "cache.h"
#include "config.h"
#include "media.h"
#include "sync.h"

#define N_PICS 8 /* what make_assets draws (no hero-3, no site plan) */

static salesd_t srv;
static char assets[400], smedia[600];  /* salesd's assets and media */
static char kdir[256], kcache[600], kmedia[600];
static atomic_int media_calls;

static void on_media(void *user)
{
    (void)user;
    atomic_fetch_add(&media_calls, 1);
}

/* Made-up pictures: PNG or JPEG magic, then bytes of their own.  hero-1 is
 * large enough that it cannot go out in one socket buffer. */
static void make_assets(void)
{
    static const char *files[] = {"plan-A.png", "plan-B.png", "plan-C.png",
                                  "plan-D.png", "plan-E.png", "hero-1.jpg",
                                  "hero-2.jpg", "location.png"};
    char p[700];
    snprintf(assets, sizeof assets, "%s/assets", srv.dir);
    snprintf(p, sizeof p, "%s/demo", assets);
    assert_int_equal(mkdir(assets, 0755), 0);
    assert_int_equal(mkdir(p, 0755), 0);
    snprintf(p, sizeof p, "%s/demo/media", assets);
    assert_int_equal(mkdir(p, 0755), 0);
    for (int i = 0; i < N_PICS; i++) {
        size_t n = strcmp(files[i], "hero-1.jpg") == 0 ? 600000 : 3000 + 100 * (size_t)i;
        unsigned char *b = malloc(n);
        assert_non_null(b);
        for (size_t k = 0; k < n; k++)
            b[k] = (unsigned char)(k * 31 + (size_t)i * 7 + k / 251);
        if (strstr(files[i], ".png"))
            memcpy(b, "\x89PNG\r\n\x1a\n", 8);
        else
            memcpy(b, "\xff\xd8\xff\xe0", 4);
        snprintf(p, sizeof p, "%s/demo/media/%s", assets, files[i]);
        tu_write_bytes(p, b, n);
        free(b);
    }
}

/* The demo database with the made-up pictures; salesd's media directory
 * is the default one beside the database. */
static void init_db(void)
{
    const char *args[] = {"init", "--db", srv.db, "--demo", "--units", "300",
                          "--assets", assets, NULL};
    assert_int_equal(h_salesd_cmd(args, srv.log), 0);
}

static int setup(void **state)
{
    (void)state;
    memset(&srv, 0, sizeof srv);
    tu_mkdtemp(srv.dir, sizeof srv.dir);
    snprintf(srv.db, sizeof srv.db, "%s/sales.db", srv.dir);
    snprintf(srv.tokens, sizeof srv.tokens, "%s/tokens", srv.dir);
    snprintf(srv.portfile, sizeof srv.portfile, "%s/port", srv.dir);
    snprintf(srv.log, sizeof srv.log, "%s/salesd.log", srv.dir);
    snprintf(smedia, sizeof smedia, "%s/sales-media", srv.dir);
    tu_write(srv.tokens, KIOSK_TOKEN " lobby kiosk\n" ADMIN_TOKEN " office admin\n");
    make_assets();
    init_db();
    tu_mkdtemp(kdir, sizeof kdir);
    snprintf(kcache, sizeof kcache, "%s/cache.db", kdir);
    snprintf(kmedia, sizeof kmedia, "%s/media", kdir);
    atomic_store(&media_calls, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    h_salesd_free(&srv);
    tu_rmdir(kdir);
    return 0;
}

static sync_t *start_sync_capped(int port, long media_max)
{
    char url[64];
    diag_t d;
    snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
    sync_opts_t o = {
        .server_url = url, .project_id = "demo-emerald-lake",
        .token = KIOSK_TOKEN, .cache_path = kcache,
        .connect_timeout_ms = 2000, .wait_s = 60, .max_bytes = 16L << 20,
        .backoff_min_ms = 50, .backoff_max_ms = 300,
        .media_dir = kmedia, .media_max_bytes = media_max,
        .on_media = on_media,
    };
    sync_t *s = sync_start(&o, &d);
    if (!s)
        fail_msg("%s", d.msg);
    return s;
}

static sync_t *start_sync(int port)
{
    return start_sync_capped(port, 0);
}

/* Waits (bounded) until the worker has looked for pictures since its
 * snapshot number `snapshots` and found `missing` missing. */
static sync_status_t wait_media(sync_t *s, int64_t snapshots, int missing)
{
    sync_status_t st = {0};
    for (int t = 0; t < 1000; t++) {
        sync_get_status(s, &st);
        if (st.snapshots >= snapshots && st.media_missing == missing)
            return st;
        h_sleep_ms(10);
    }
    fail_msg("pictures: %d missing, not %d (%s)", st.media_missing, missing,
             st.media_error);
    return st;
}

static ino_t inode_of(const char *dir, const char *sha)
{
    char p[800];
    struct stat st;
    assert_int_equal(media_path(dir, sha, p, sizeof p), 0);
    assert_int_equal(stat(p, &st), 0);
    return st.st_ino;
}

static int refs_of(const model_t *m, const char **out)
{
    int n = model_media_refs(m, out, 16);
    assert_int_equal(n, N_PICS);
    return n;
}

static void test_each_picture_fetched_once(void **state)
{
    (void)state;
    const char *refs[16];
    ino_t ino[16];
    h_salesd_start(&srv, 0);
    sync_t *s = start_sync(srv.port);
    h_wait_caught_up(&srv, kcache);
    sync_status_t st = wait_media(s, 1, 0);
    assert_int_equal(st.media_fetched, N_PICS);
    assert_int_equal(st.media_failed, 0);
    assert_string_equal(st.media_error, "");
    assert_true(atomic_load(&media_calls) >= 1);

    /* Every picture the server's project names, with the server's bytes. */
    model_t *truth = h_cache_model(srv.db);
    int n = refs_of(truth, refs);
    for (int i = 0; i < n; i++) {
        void *a = NULL, *b = NULL;
        size_t na = 0, nb = 0;
        diag_t d;
        if (media_load(kmedia, refs[i], 1 << 20, &a, &na, &d) != 0 ||
            media_load(smedia, refs[i], 1 << 20, &b, &nb, &d) != 0)
            fail_msg("%s", d.msg);
        assert_int_equal(na, nb);
        assert_memory_equal(a, b, na);
        free(a);
        free(b);
        ino[i] = inode_of(kmedia, refs[i]);
    }

    /* A new snapshot (the server's database rebuilt: a new epoch) with the
     * same pictures fetches none of them again. */
    init_db();
    h_wait_caught_up(&srv, kcache);
    st = wait_media(s, st.snapshots + 1, 0);
    assert_int_equal(st.media_fetched, N_PICS);
    sync_stop(s);

    /* Nor does a restart: the worker looks (and checks what it has), and
     * finds nothing missing. */
    s = start_sync(srv.port);
    st = wait_media(s, 0, 0);
    assert_int_equal(st.media_fetched, 0);
    assert_int_equal(st.media_failed, 0);
    sync_stop(s);
    for (int i = 0; i < n; i++)
        assert_true(inode_of(kmedia, refs[i]) == ino[i]); /* not rewritten */

    /* A picture damaged on the kiosk's disk is found at start and fetched
     * again (the name then holds the right bytes). */
    char p[800];
    assert_int_equal(media_path(kmedia, refs[0], p, sizeof p), 0);
    tu_write(p, "scribbled over");
    s = start_sync(srv.port);
    st = wait_media(s, 0, 0);
    assert_int_equal(st.media_fetched, 1);
    sync_stop(s);
    void *data = NULL;
    size_t len = 0;
    diag_t d;
    assert_int_equal(media_load(kmedia, refs[0], 1 << 20, &data, &len, &d), 0);
    free(data);
    model_destroy(truth);
}

/* Files in dir whose names start with '.' (media.c's temporaries). */
static int hidden_files(const char *dir)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    int n = 0;
    assert_non_null(dp);
    while ((e = readdir(dp)) != NULL)
        n += e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 &&
             strcmp(e->d_name, "..") != 0;
    closedir(dp);
    return n;
}

static void test_corrupt_picture_is_refused(void **state)
{
    (void)state;
    const char *refs[16];
    char bad_path[800], good_copy[800];
    model_t *truth = h_cache_model(srv.db);
    refs_of(truth, refs);
    const char *bad = refs[0];
    /* The server's file no longer holds the bytes its name says. */
    assert_int_equal(media_path(smedia, bad, bad_path, sizeof bad_path), 0);
    snprintf(good_copy, sizeof good_copy, "%s/good-copy", srv.dir);
    assert_int_equal(rename(bad_path, good_copy), 0);
    tu_write(bad_path, "\x89PNG\r\n\x1a\n not the picture it claims to be");

    h_salesd_start(&srv, 0);
    sync_t *s = start_sync(srv.port);
    h_wait_caught_up(&srv, kcache);
    sync_status_t st = {0};
    for (int t = 0; t < 1000; t++) {
        sync_get_status(s, &st);
        if (st.media_fetched == N_PICS - 1 && st.media_failed >= 1)
            break;
        h_sleep_ms(10);
    }
    assert_int_equal(st.media_fetched, N_PICS - 1);
    assert_true(st.media_failed >= 1);
    assert_int_equal(st.media_missing, 1);
    assert_non_null(strstr(st.media_error, "refused"));
    assert_non_null(strstr(st.media_error, bad));
    assert_int_equal(st.state, SYNC_OK); /* the data is live all the same */
    assert_false(media_have(kmedia, bad));
    assert_int_equal(hidden_files(kmedia), 0);

    /* Units keep syncing while the picture keeps failing. */
    for (int i = 0; i < 3; i++) {
        const char *args[] = {"set-status", "--db", srv.db, truth->units[i].id,
                              truth->units[i].status == STATUS_SIGNED
                                  ? "available" : "signed", NULL};
        assert_int_equal(h_salesd_cmd(args, srv.log), 0);
        h_wait_caught_up(&srv, kcache);
    }
    /* It is tried again, with backoff (50..300 ms here), not in a loop. */
    sync_status_t a, b;
    sync_get_status(s, &a);
    h_sleep_ms(1000);
    sync_get_status(s, &b);
    assert_true(b.media_failed - a.media_failed < 40);
    assert_false(media_have(kmedia, bad));

    /* Once the server has the right bytes, the kiosk gets them. */
    assert_int_equal(rename(good_copy, bad_path), 0);
    st = wait_media(s, 0, 0);
    assert_int_equal(st.media_fetched, N_PICS);
    assert_true(media_have(kmedia, bad));
    assert_string_equal(st.media_error, "");
    sync_stop(s);
    model_destroy(truth);
}

/* A picture over the kiosk's cap is refused (the server says how big it is
 * before sending it), not stored, and the rest arrive all the same. */
static void test_picture_over_the_cap(void **state)
{
    (void)state;
    model_t *truth = h_cache_model(srv.db);
    const char *big = truth->project.heroes[0]; /* hero-1: 600000 bytes */
    h_salesd_start(&srv, 0);
    sync_t *s = start_sync_capped(srv.port, 100000);
    h_wait_caught_up(&srv, kcache);
    sync_status_t st = {0};
    for (int t = 0; t < 1000; t++) {
        sync_get_status(s, &st);
        if (st.media_fetched == N_PICS - 1 && st.media_failed >= 1)
            break;
        h_sleep_ms(10);
    }
    assert_int_equal(st.media_fetched, N_PICS - 1);
    assert_int_equal(st.media_missing, 1);
    assert_non_null(strstr(st.media_error, "over the byte cap"));
    assert_non_null(strstr(st.media_error, big));
    assert_false(media_have(kmedia, big));
    assert_int_equal(hidden_files(kmedia), 0);
    assert_int_equal(st.state, SYNC_OK);
    sync_stop(s);
    model_destroy(truth);
}

/* The kiosk's own demo installs its pictures in <data_dir>/media; a salesd
 * with the same demo then has nothing to send. */
static void test_demo_cache_shares_pictures(void **state)
{
    (void)state;
    kiosk_config_t c;
    model_t *m = NULL;
    diag_t d;
    const char *refs[16];
    config_defaults(&c);
    snprintf(c.data_dir, sizeof c.data_dir, "%s", kdir);
    snprintf(c.assets_dir, sizeof c.assets_dir, "%s", assets);
    if (app_load_model(&c, 1, 1795788185, &m, &d) != 0)
        fail_msg("%s", d.msg);
    int n = refs_of(m, refs);
    for (int i = 0; i < n; i++)
        assert_true(media_have(kmedia, refs[i]));
    model_destroy(m);

    h_salesd_start(&srv, 0);
    sync_t *s = start_sync(srv.port);
    /* The demo's epoch is not the server's: a snapshot. */
    h_wait_caught_up(&srv, kcache);
    sync_status_t st = wait_media(s, 1, 0);
    assert_int_equal(st.media_fetched, 0);
    assert_int_equal(st.media_failed, 0);
    sync_stop(s);
}

/* The response's body: what follows the blank line. */
static const char *body_of(const char *resp)
{
    const char *b = strstr(resp, "\r\n\r\n");
    assert_non_null(b);
    return b + 4;
}

static void test_media_http_contract(void **state)
{
    (void)state;
    static char out[2 << 20];
    const char *refs[16];
    char path[128], hdr[256], want[128];
    const char *auth = "Authorization: Bearer " KIOSK_TOKEN "\r\n";
    model_t *truth = h_cache_model(srv.db);
    refs_of(truth, refs);
    /* Bytes that are neither PNG nor JPEG, stored under their name. */
    const char *plain = "just some bytes";
    char plain_sha[65];
    diag_t d;
    media_sha256_hex(plain, strlen(plain), plain_sha);
    assert_int_equal(media_store(smedia, plain_sha, plain, strlen(plain), &d), 0);
    h_salesd_start(&srv, 0);

    /* 200: the file's bytes, typed by their magic, cacheable for good. */
    const char *png = truth->unit_types[0].floor_plan;
    const char *jpg = truth->project.heroes[0];
    const char *cases[][2] = {{png, "image/png"}, {jpg, "image/jpeg"},
                              {plain_sha, "application/octet-stream"}};
    for (int i = 0; i < 3; i++) {
        void *data = NULL;
        size_t n = 0;
        assert_int_equal(media_load(smedia, cases[i][0], 1 << 20, &data, &n, &d), 0);
        snprintf(path, sizeof path, "/media/%s", cases[i][0]);
        memset(out, 0, sizeof out);
        assert_int_equal(h_http(srv.port, "GET", path, auth, NULL, out, sizeof out), 200);
        snprintf(want, sizeof want, "Content-Type: %s\r\n", cases[i][1]);
        assert_non_null(strstr(out, want));
        assert_non_null(strstr(out, "Cache-Control: public, max-age=31536000, immutable\r\n"));
        snprintf(want, sizeof want, "ETag: \"%s\"\r\n", cases[i][0]);
        assert_non_null(strstr(out, want));
        snprintf(want, sizeof want, "Content-Length: %zu\r\n", n);
        assert_non_null(strstr(out, want));
        assert_memory_equal(body_of(out), data, n);
        free(data);
    }
    assert_true(strlen(body_of(out)) == strlen(plain));

    /* 304 for the ETag it gave; 200 for any other. */
    snprintf(path, sizeof path, "/media/%s", png);
    snprintf(hdr, sizeof hdr, "%sIf-None-Match: \"%s\"\r\n", auth, png);
    assert_int_equal(h_http(srv.port, "GET", path, hdr, NULL, out, sizeof out), 304);
    snprintf(want, sizeof want, "ETag: \"%s\"\r\n", png);
    assert_non_null(strstr(out, want));
    assert_string_equal(body_of(out), "");
    snprintf(hdr, sizeof hdr, "%sIf-None-Match: \"%s\"\r\n", auth, jpg);
    assert_int_equal(h_http(srv.port, "GET", path, hdr, NULL, out, sizeof out), 200);

    /* An admin token will do; none, or an unknown one, will not. */
    assert_int_equal(h_http(srv.port, "GET", path,
                            "Authorization: Bearer " ADMIN_TOKEN "\r\n", NULL,
                            out, sizeof out), 200);
    assert_int_equal(h_http(srv.port, "GET", path, NULL, NULL, out, sizeof out), 401);
    assert_non_null(strstr(out, "\"code\":\"unauthorized\""));
    assert_int_equal(h_http(srv.port, "GET", path,
                            "Authorization: Bearer not-a-real-token-at-all\r\n",
                            NULL, out, sizeof out), 401);
    assert_int_equal(h_http(srv.port, "POST", path, auth, "x", out, sizeof out), 405);

    /* 404 for a good name the server does not have. */
    snprintf(path, sizeof path, "/media/%064d", 0);
    assert_int_equal(h_http(srv.port, "GET", path, auth, NULL, out, sizeof out), 404);
    assert_non_null(strstr(out, "\"code\":\"not_found\""));

    /* 400 for anything that is not a name, and never a file outside. */
    char upper[80];
    snprintf(upper, sizeof upper, "/media/%s", png);
    for (char *p = upper + 7; *p; p++)
        if (*p >= 'a' && *p <= 'f')
            *p = (char)(*p - 'a' + 'A');
    const char *bad[] = {upper, "/media/", "/media/abc", "/media/../sales.db",
                         "/media/%2e%2e/sales.db", "/media/..%2fsales.db"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int code = h_http(srv.port, "GET", bad[i], auth, NULL, out, sizeof out);
        if (code != 400)
            fail_msg("%s: %d", bad[i], code);
    }
    snprintf(path, sizeof path, "/media/%s0", png); /* 65 digits */
    assert_int_equal(h_http(srv.port, "GET", path, auth, NULL, out, sizeof out), 400);
    path[strlen(path) - 2] = '\0'; /* 63 */
    assert_int_equal(h_http(srv.port, "GET", path, auth, NULL, out, sizeof out), 400);
    model_destroy(truth);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_each_picture_fetched_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrupt_picture_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_picture_over_the_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_demo_cache_shares_pictures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_media_http_contract, setup, teardown),
    };
    return cmocka_run_group_tests_name("media_sync", tests, NULL, NULL);
}
