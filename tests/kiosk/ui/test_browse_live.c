/* test_browse_live.c - a unit changes at the server while a customer looks
 * at it.
 *
 * A real salesd on loopback, the real sync worker storing into a real
 * cache, the UI's own connection re-reading what changed (app.c), and the
 * customer's detail page: when the office marks the unit subscribed, the
 * page says plainly that it is no longer available, in the next frame.
 */
#include "browsetest.h"
#include "kiosk/harness.h"

#include <stdatomic.h>

#include "cache.h"
#include "sync.h"

static salesd_t srv;
static char kdir[256], kcache[600];
static atomic_int stored, full_seen;

static void on_stored(void *user, int full)
{
    (void)user;
    if (full)
        atomic_store(&full_seen, 1);
    atomic_fetch_add(&stored, 1);
}

static int setup(void **state)
{
    (void)state;
    h_salesd_init(&srv, 300);
    tu_mkdtemp(kdir, sizeof kdir);
    snprintf(kcache, sizeof kcache, "%s/cache.db", kdir);
    atomic_store(&stored, 0);
    atomic_store(&full_seen, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    h_salesd_free(&srv);
    tu_rmdir(kdir);
    return 0;
}

/* Waits (bounded) until the worker has stored more than `seen` answers. */
static void wait_stored(int seen)
{
    for (int t = 0; t < 1000 && atomic_load(&stored) <= seen; t++)
        h_sleep_ms(10);
    if (atomic_load(&stored) <= seen)
        fail_msg("the sync worker stored nothing within 10 s");
}

static void test_detail_page_follows_the_server(void **state)
{
    (void)state;
    char url[64];
    diag_t d;
    h_salesd_start(&srv, 0);
    snprintf(url, sizeof url, "http://127.0.0.1:%d", srv.port);
    sync_opts_t o = {
        .server_url = url, .project_id = "demo-emerald-lake",
        .token = KIOSK_TOKEN, .cache_path = kcache,
        .connect_timeout_ms = 2000, .wait_s = 60, .max_bytes = 16L << 20,
        .backoff_min_ms = 20, .backoff_max_ms = 200, .on_stored = on_stored,
    };
    sync_t *s = sync_start(&o, &d);
    if (!s)
        fail_msg("%s", d.msg);
    wait_stored(0);
    atomic_store(&full_seen, 0); /* the snapshot is what we load below */

    /* The kiosk shows what its cache holds: the customer opens a unit. */
    cache_t *ui = NULL;
    model_t *m = NULL;
    assert_int_equal(cache_open(kcache, &ui, &d), CACHE_OK);
    assert_int_equal(cache_load_model(ui, &m, &d), CACHE_OK);
    bt_t t;
    bt_open_model(&t, 1920, 1080, m, LANG_ZH_HANT, NULL);
    assert_int_equal(browse_preview(t.b, "unit"), 0);
    bt_frame(&t);
    char id[MODEL_ID_MAX];
    snprintf(id, sizeof id, "%s", browse_unit_id(t.b));
    int k = model_find_unit(t.m, id);
    assert_true(k >= 0);
    assert_int_equal(t.m->units[k].status, STATUS_AVAILABLE);
    bt_save(&t, "live-01-unit-available");
    assert_false(browse_needs_draw(t.b));

    /* The office takes a subscription on it. */
    int seen = atomic_load(&stored);
    const char *args[] = {"set-status", "--db", srv.db, id, "subscribed", NULL};
    assert_int_equal(h_salesd_cmd(args, srv.log), 0);
    wait_stored(seen);
    int n = app_refresh_model(ui, &t.m, NULL, t.b,
                              atomic_exchange(&full_seen, 0), t.now, &d);
    if (n < 0)
        fail_msg("%s", d.msg);
    k = model_find_unit(t.m, id);
    assert_int_equal(t.m->units[k].status, STATUS_SUBSCRIBED);
    /* The page knows, and draws it in the very next frame. */
    assert_true(t.b->unit_gone);
    assert_true(browse_needs_draw(t.b));
    assert_true(bt_frame(&t) > 0);
    assert_int_equal(browse_scene(t.b), SCENE_UNIT);
    bt_save(&t, "live-02-unit-reserved");

    sync_stop(s);
    cache_close(ui);
    bt_close(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_detail_page_follows_the_server,
                                        setup, teardown),
    };
    return cmocka_run_group_tests_name("browse_live", tests, NULL, NULL);
}
