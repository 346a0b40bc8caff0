/* test_sync_hostile.c - a broken or hostile server never harms the cache.
 *
 * A tiny server in this file answers every request badly in one chosen way:
 * garbage, a truncated body, a body over the cap, JSON of the wrong shape, a
 * slow trickle, a connection reset mid-body, an HTTP 500.  The kiosk's
 * worker must leave its cache exactly as it was (every row, and the sync
 * state) and keep retrying with backoff.
 */
#include "harness.h"

#include <netinet/tcp.h>
#include <sys/time.h>
#include <pthread.h>
#include <stdatomic.h>

#include "cache.h"
#include "demo.h"
#include "modelutil.h"
#include "sync.h"

typedef enum {
    M_GARBAGE, M_TRUNCATED, M_OVER_CAP, M_WRONG_SHAPE, M_TRICKLE, M_RESET,
    M_500, M_WRONG_TYPES,
} mode_t_;

typedef struct {
    int fd, port;
    mode_t_ mode;
    atomic_int requests;
    atomic_int stop;
    pthread_t thread;
} bad_server_t;

static char dir[256], cpath[600];

/* Returns -1 once the client has gone. */
static int send_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w <= 0)
            return -1;
        s += w;
        n -= (size_t)w;
    }
    return 0;
}

static void answer(bad_server_t *b, int c)
{
    char req[4096] = "";
    size_t got = 0;
    while (got < sizeof req - 1 && !strstr(req, "\r\n\r\n")) {
        ssize_t r = read(c, req + got, sizeof req - 1 - got);
        if (r <= 0)
            return;
        got += (size_t)r;
        req[got] = '\0';
    }
    atomic_fetch_add(&b->requests, 1);
    static const char valid_prefix[] =
        "{\"protocol\":1,\"project_id\":\"demo-emerald-lake\",\"epoch\":\"e1\","
        "\"version\":9,\"server_time\":1,\"since\":5,\"units\":[{\"id\":\"B1-101\"";
    char head[256];
    switch (b->mode) {
    case M_GARBAGE:
        send_all(c, "HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n<html>oops</html>", 57);
        break;
    case M_TRUNCATED: /* promises more than it sends, then hangs up */
        snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: 4000\r\n\r\n");
        send_all(c, head, strlen(head));
        send_all(c, valid_prefix, sizeof valid_prefix - 1);
        break;
    case M_OVER_CAP: { /* 256 KiB of a JSON string against a 64 KiB cap */
        char chunk[1024];
        memset(chunk, 'a', sizeof chunk);
        snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n",
                 256 * 1024);
        send_all(c, head, strlen(head));
        for (int i = 0; i < 256 && !atomic_load(&b->stop); i++)
            send_all(c, chunk, sizeof chunk);
        break;
    }
    case M_WRONG_SHAPE: {
        const char *body = "{\"protocol\":1,\"units\":\"all of them\"}";
        snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n",
                 strlen(body));
        send_all(c, head, strlen(head));
        send_all(c, body, strlen(body));
        break;
    }
    case M_WRONG_TYPES: { /* right shape, a status nobody knows */
        const char *body =
            "{\"protocol\":1,\"project_id\":\"demo-emerald-lake\",\"epoch\":\"e1\","
            "\"version\":9,\"server_time\":1,\"since\":5,\"units\":[{\"id\":\"B1-101\","
            "\"building\":\"B1\",\"unit_type\":\"TA\",\"floor\":1,\"stack\":1,"
            "\"number\":\"101\",\"orientation\":\"S\",\"area_built\":1,\"area_inner\":1,"
            "\"list_price\":1,\"unit_price\":1,\"status\":\"sold\","
            "\"status_changed_at\":0,\"hold_expires_at\":0,\"version\":9}]}";
        snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n",
                 strlen(body));
        send_all(c, head, strlen(head));
        send_all(c, body, strlen(body));
        break;
    }
    case M_TRICKLE: /* a byte now and then, for ever */
        snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: 4000\r\n\r\n");
        send_all(c, head, strlen(head));
        for (size_t i = 0; i < sizeof valid_prefix - 1 && !atomic_load(&b->stop); i++) {
            if (send_all(c, valid_prefix + i, 1) != 0)
                break; /* the kiosk gave up on us, as it should */
            h_sleep_ms(100);
        }
        break;
    case M_RESET: { /* half a body, then a reset */
        struct linger lg = {1, 0};
        snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: 4000\r\n\r\n");
        send_all(c, head, strlen(head));
        send_all(c, valid_prefix, 40);
        setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
        break;
    }
    case M_500: {
        const char *body = "{\"error\":{\"code\":\"internal\",\"message\":\"disk on fire\"}}";
        snprintf(head, sizeof head,
                 "HTTP/1.1 500 Internal Server Error\r\nContent-Length: %zu\r\n\r\n",
                 strlen(body));
        send_all(c, head, strlen(head));
        send_all(c, body, strlen(body));
        break;
    }
    }
}

static void *serve(void *arg)
{
    bad_server_t *b = arg;
    while (!atomic_load(&b->stop)) {
        int c = accept(b->fd, NULL, NULL);
        if (c < 0)
            continue;
        answer(b, c);
        close(c);
    }
    return NULL;
}

static void bad_start(bad_server_t *b, mode_t_ mode)
{
    struct sockaddr_in sa = {.sin_family = AF_INET};
    socklen_t len = sizeof sa;
    struct timeval tv = {0, 100000};
    memset(b, 0, sizeof *b);
    b->mode = mode;
    b->fd = socket(AF_INET, SOCK_STREAM, 0);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(b->fd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(listen(b->fd, 16), 0);
    assert_int_equal(getsockname(b->fd, (struct sockaddr *)&sa, &len), 0);
    setsockopt(b->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv); /* accept wakes */
    b->port = ntohs(sa.sin_port);
    assert_int_equal(pthread_create(&b->thread, NULL, serve, b), 0);
}

static void bad_stop(bad_server_t *b)
{
    atomic_store(&b->stop, 1);
    pthread_join(b->thread, NULL);
    close(b->fd);
}

static int setup(void **state)
{
    (void)state;
    demo_params_t p = {7, 300, 1795000000, NULL};
    model_t *m = NULL;
    cache_t *c = NULL;
    diag_t d;
    tu_mkdtemp(dir, sizeof dir);
    snprintf(cpath, sizeof cpath, "%s/cache.db", dir);
    assert_int_equal(demo_generate(&p, &m, &d), 0);
    snprintf(m->epoch, sizeof m->epoch, "e1");
    m->version = 5;
    assert_int_equal(cache_open(cpath, &c, &d), CACHE_OK);
    assert_int_equal(cache_store_model(c, m, &d), CACHE_OK);
    cache_close(c);
    model_destroy(m);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmdir(dir);
    return 0;
}

/* Every row and the sync state, as one checksum. */
static uint64_t cache_checksum(void)
{
    cache_t *c = NULL;
    model_t *m = NULL;
    cache_sync_t s;
    diag_t d;
    assert_int_equal(cache_open(cpath, &c, &d), CACHE_OK);
    assert_int_equal(cache_load_model(c, &m, &d), CACHE_OK);
    assert_int_equal(cache_get_sync(c, &s, &d), CACHE_OK);
    cache_close(c);
    uint64_t h = tu_model_digest(m);
    h = tu_hash(h, &s.version, sizeof s.version);
    h = tu_hash(h, &s.data_as_of, sizeof s.data_as_of);
    h = tu_hash(h, s.epoch, strlen(s.epoch));
    model_destroy(m);
    return h;
}

static void survive(mode_t_ mode, int attempts, const char *words)
{
    bad_server_t b;
    char url[64];
    diag_t d;
    uint64_t before = cache_checksum();
    bad_start(&b, mode);
    snprintf(url, sizeof url, "http://127.0.0.1:%d", b.port);
    sync_opts_t o = {
        .server_url = url, .project_id = "demo-emerald-lake",
        .token = "token-token-token-1", .cache_path = cpath,
        .connect_timeout_ms = 1000, .wait_s = 1, .transfer_timeout_ms = 800,
        .max_bytes = 64 * 1024, .backoff_min_ms = 20, .backoff_max_ms = 100,
    };
    sync_t *s = sync_start(&o, &d);
    assert_non_null(s);
    sync_status_t st = {0};
    for (int t = 0; t < 2000 && st.failures < attempts; t++) {
        h_sleep_ms(10);
        sync_get_status(s, &st);
    }
    sync_stop(s);
    bad_stop(&b);
    if (st.failures < attempts || st.state != SYNC_FAILING)
        fail_msg("mode %d: %d failures, state %d", mode, st.failures, st.state);
    if (!strstr(st.last_error, words))
        fail_msg("mode %d: want '%s' in '%s'", mode, words, st.last_error);
    assert_true(atomic_load(&b.requests) >= attempts); /* it retried */
    assert_true(cache_checksum() == before);
}

static void test_garbage(void **s) { (void)s; survive(M_GARBAGE, 3, "changes"); }
static void test_truncated(void **s) { (void)s; survive(M_TRUNCATED, 3, "/changes"); }
static void test_over_cap(void **s) { (void)s; survive(M_OVER_CAP, 3, "over the byte cap"); }
static void test_wrong_shape(void **s) { (void)s; survive(M_WRONG_SHAPE, 3, "changes"); }
static void test_wrong_types(void **s) { (void)s; survive(M_WRONG_TYPES, 3, "unknown status 'sold'"); }
static void test_trickle(void **s) { (void)s; survive(M_TRICKLE, 2, "/changes"); }
static void test_reset_mid_body(void **s) { (void)s; survive(M_RESET, 3, "/changes"); }
static void test_http_500(void **s) { (void)s; survive(M_500, 3, "HTTP 500 internal disk on fire"); }

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_garbage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_over_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_shape, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_types, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trickle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reset_mid_body, setup, teardown),
        cmocka_unit_test_setup_teardown(test_http_500, setup, teardown),
    };
    return cmocka_run_group_tests_name("sync_hostile", tests, NULL, NULL);
}
