/* test_consultant_journey.c - a consultant holds a home, by touch alone,
 * against a real server (issue 5).
 *
 * The scripted journey end to end: a real salesd on loopback with
 * a consultant and a known PIN, the real sync worker storing into a real
 * kiosk cache, and the touchscreen (browsetest.h: offscreen software
 * renderer, real fonts) showing what that cache holds and refreshed as
 * app.c does it (app_refresh_model on the UI's own connection after the
 * worker stored something, browse_invalidate after an outbox answer), with
 * the consultant hooks wired by app_consultant_hooks.  By touches only:
 * attract, a long press in the bottom-left corner, the PIN pad, a name and
 * the PIN, the units plan, an available home, Hold; the page says the
 * request is on its way, then confirmed; the plan shows the home in the
 * held colour with a countdown that ticks; Release puts it back on sale at
 * the server and on screen.
 *
 * The server gives holds wall-clock expiries, so the injected clock starts
 * at the real time and moves with it while we wait.  Waits are bounded
 * (about 15 s, then the test fails); nothing asserts how fast.  Every step's
 * screen is saved under TEST_OUT as
 * consultant-journey-<lang>-<w>x<h>-NN-<step>.png.
 */
#include "browsetest.h"
#include "kiosk/harness.h"

#include <stdatomic.h>

#include <sqlite3.h>

#include "cache.h"
#include "scene_units.h"
#include "sync.h"

#define CONSULTANT "C07"
#define PIN "482916"

/* The scene files' own action numbers (scene_signin.c, scene_unit.c). */
#define SIGNIN_PICK (ACTION_BASE(SCENE_SIGNIN) + 1)
#define SIGNIN_DIGIT (ACTION_BASE(SCENE_SIGNIN) + 2)
#define SIGNIN_OK (ACTION_BASE(SCENE_SIGNIN) + 4)
#define UNIT_HOLD (ACTION_BASE(SCENE_UNIT) + 5)

/* outbox_state_t (cache.h) */
enum { OB_QUEUED = 0, OB_SENT = 1, OB_CONFIRMED = 2, OB_REFUSED = 3 };

static salesd_t srv;
static char kdir[256], kcache[600];
static atomic_int stored, full_seen, answered;

/* On the sync worker's thread, as app.c's wake-ups. */
static void on_stored(void *user, int full)
{
    (void)user;
    if (full)
        atomic_store(&full_seen, 1);
    atomic_fetch_add(&stored, 1);
}

static void on_outbox(void *user)
{
    (void)user;
    atomic_store(&answered, 1);
}

typedef struct {
    bt_t t;
    cache_t *ui;         /* the UI's own connection to the kiosk cache */
    sync_t *sync;
    app_outbox_t ob;     /* {ui, sync}: what the hooks write to and kick */
    char tag[48];
    int step;
} cj_t;

/* The journey under way: teardown stops what a failed step left running
 * (the worker must not outlive its server). */
static cj_t journey_state;

static void journey_end(cj_t *j)
{
    if (j->sync)
        sync_stop(j->sync);
    if (j->t.b)
        bt_close(&j->t);
    if (j->ui)
        cache_close(j->ui);
    memset(j, 0, sizeof *j);
}

static int setup(void **state)
{
    (void)state;
    h_salesd_init(&srv, 300);
    h_salesd_add_consultant(&srv, CONSULTANT, PIN);
    tu_mkdtemp(kdir, sizeof kdir);
    snprintf(kcache, sizeof kcache, "%s/cache.db", kdir);
    atomic_store(&stored, 0);
    atomic_store(&full_seen, 0);
    atomic_store(&answered, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    journey_end(&journey_state);
    h_salesd_free(&srv);
    tu_rmdir(kdir);
    return 0;
}

static void shot(cj_t *j, const char *what)
{
    char name[160];
    snprintf(name, sizeof name, "consultant-journey-%s-%02d-%s", j->tag,
             ++j->step, what);
    bt_save(&j->t, name);
}

/* What app.c's loop does when the worker wakes it. */
static void pump(cj_t *j)
{
    diag_t d;
    if (atomic_exchange(&stored, 0)) {
        if (app_refresh_model(j->ui, &j->t.m, NULL, j->t.b,
                              atomic_exchange(&full_seen, 0), j->t.now, &d) < 0)
            fail_msg("%s", d.msg);
    }
    if (atomic_exchange(&answered, 0))
        browse_invalidate(j->t.b);
    bt_frame(&j->t);
}

/* The injected clock follows the wall clock while we wait for the server
 * (never backwards). */
static void tick(cj_t *j)
{
    h_sleep_ms(10);
    int64_t real = app_now_ms();
    bt_advance(&j->t, real > j->t.now ? real - j->t.now : 1);
}

/* Where the page's last request stands (-1: none). */
static int hold_state(cj_t *j)
{
    browse_request_t rq;
    return browse_hold_state(j->t.b, browse_current_unit(j->t.b), &rq);
}

static int unit_held_by_me(const bt_t *t, const char *id)
{
    int k = model_find_unit(t->m, id);
    return k >= 0 && t->m->units[k].status == STATUS_HELD &&
           strcmp(t->m->units[k].held_by, CONSULTANT) == 0 &&
           t->m->units[k].hold_id[0] && t->m->units[k].hold_expires_at > 0;
}

static int unit_available(const bt_t *t, const char *id)
{
    int k = model_find_unit(t->m, id);
    return k >= 0 && t->m->units[k].status == STATUS_AVAILABLE &&
           !t->m->units[k].hold_id[0];
}

/* Pumps frames until the page's request is confirmed and the model shows
 * the unit as want says; fails after about 15 s. */
static void wait_settled(cj_t *j, const char *id,
                         int (*want)(const bt_t *, const char *))
{
    for (int i = 0; i < 1500; i++) {
        pump(j);
        int st = hold_state(j);
        if (st == OB_REFUSED) {
            browse_request_t rq;
            browse_hold_state(j->t.b, browse_current_unit(j->t.b), &rq);
            fail_msg("the server refused the request: %s", rq.reason);
        }
        if (st == OB_CONFIRMED && want(&j->t, id))
            return;
        tick(j);
    }
    fail_msg("no confirmed request and model for %s within 15 s (state %d)",
             id, hold_state(j));
}

/* A copy of the pixels of unit i's plan cell. */
static color_t *cell_pixels(bt_t *t, int i, rect_t *r)
{
    assert_true(browse_find(t->b, ACT_OPEN_UNIT, i, r));
    color_t *px = malloc(sizeof *px * (size_t)(r->w * r->h));
    assert_non_null(px);
    for (int y = 0; y < r->h; y++)
        for (int x = 0; x < r->w; x++)
            px[y * r->w + x] = bt_pixel(t, r->x + x, r->y + y);
    return px;
}

static int pixels_differ(const color_t *a, const color_t *b, int n)
{
    int diff = 0;
    for (int k = 0; k < n; k++)
        diff += a[k].r != b[k].r || a[k].g != b[k].g || a[k].b != b[k].b;
    return diff;
}

/* An available home on the plan in the middle floors of the tower shown,
 * with a cell wide enough for its countdown; -1 when none. */
static int available_cell(bt_t *t)
{
    rect_t r;
    int action, arg, best = -1, best_w = 0;
    const building_t *bd = &t->m->buildings[t->b->building];
    for (int i = 0; ui_hit_at(t->b->ui, i, &r, &action, &arg); i++) {
        if (action != ACT_OPEN_UNIT)
            continue;
        const unit_t *u = &t->m->units[arg];
        if (u->status != STATUS_AVAILABLE || u->floor < bd->floors / 3 ||
            u->floor > bd->floors * 2 / 3)
            continue;
        if (r.w > best_w) {
            best = arg;
            best_w = r.w;
        }
    }
    return best;
}

/* "29:54" in seconds. */
static int mm_ss(const char *s)
{
    int m = -1, sec = -1;
    char end = 0;
    if (sscanf(s, "%d:%d%c", &m, &sec, &end) != 2 || m < 0 || sec < 0 ||
        sec > 59)
        fail_msg("'%s' is not a countdown of minutes and seconds", s);
    return m * 60 + sec;
}

/* A finger held still (a long press), then lifted. */
static void long_press(bt_t *t, int x, int y)
{
    bt_touch(t, EV_TOUCH_DOWN, x, y, 1);
    bt_advance(t, 900);
    bt_touch(t, EV_TOUCH_UP, x, y, 1);
    bt_advance(t, 100);
}

/* Lets ms pass on the units plan while the consultant keeps a finger
 * busy now and then (a long press there does nothing), so the
 * consultant's 60 s idle sign-out does not fire. */
static void pass_time(bt_t *t, int64_t ms)
{
    while (ms > 0) {
        int64_t step = ms < 20000 ? ms : 20000;
        bt_advance(t, step);
        ms -= step;
        if (ms >= 1000) {
            long_press(t, t->w / 2, t->h - t->h / 3); /* a second long */
            ms -= 1000;
        }
    }
    bt_frame(t);
}

/* On the unit's page of a home this consultant holds: the hold's time
 * left ticks (a frame on each new second; a minute on, the page's pixels
 * differ, and none of the floor plan's). */
static void unit_page_counts_down(cj_t *j)
{
    bt_t *t = &j->t;
    rect_t plan;
    bt_frame(t);
    t->now += 1000;
    assert_true(bt_frame(t) > 0); /* the second changed: a frame */
    assert_true(browse_double_tap_area(t->b, &plan));
    color_t *a = malloc(sizeof *a * (size_t)(t->w * t->h));
    assert_non_null(a);
    for (int y = 0; y < t->h; y++)
        for (int x = 0; x < t->w; x++)
            a[y * t->w + x] = bt_pixel(t, x, y);
    pass_time(t, 61000);
    assert_int_equal(browse_scene(t->b), SCENE_UNIT);
    assert_non_null(browse_consultant(t->b));
    int on_plan = 0, elsewhere = 0;
    for (int y = 0; y < t->h; y++)
        for (int x = 0; x < t->w; x++) {
            color_t c = bt_pixel(t, x, y), o = a[y * t->w + x];
            if (c.r == o.r && c.g == o.g && c.b == o.b)
                continue;
            if (x >= plan.x && x < plan.x + plan.w && y >= plan.y &&
                y < plan.y + plan.h)
                on_plan++;
            else
                elsewhere++;
        }
    free(a);
    assert_int_equal(on_plan, 0);
    assert_true(elsewhere > 0);
    shot(j, "hold-minute-later");
}

static void journey(int w, int h, lang_t lang)
{
    cj_t *j = &journey_state;
    bt_t *t = &j->t;
    char url[64], id[MODEL_ID_MAX], sql[256];
    diag_t d;
    memset(j, 0, sizeof *j);
    snprintf(j->tag, sizeof j->tag, "%s-%dx%d", lang_code(lang), w, h);

    /* The kiosk syncs from salesd into its cache. */
    h_salesd_start(&srv, 0);
    snprintf(url, sizeof url, "http://127.0.0.1:%d", srv.port);
    sync_opts_t so = {
        .server_url = url, .project_id = "demo-emerald-lake",
        .token = KIOSK_TOKEN, .cache_path = kcache,
        .connect_timeout_ms = 2000, .wait_s = 60, .max_bytes = 16L << 20,
        .backoff_min_ms = 20, .backoff_max_ms = 200, .on_stored = on_stored,
        .on_outbox = on_outbox,
    };
    j->sync = sync_start(&so, &d);
    if (!j->sync)
        fail_msg("%s", d.msg);
    for (int i = 0; i < 1500 && atomic_load(&stored) == 0; i++)
        h_sleep_ms(10);
    if (atomic_load(&stored) == 0)
        fail_msg("the sync worker stored nothing within 15 s");
    atomic_store(&stored, 0);
    atomic_store(&full_seen, 0); /* the snapshot is what we load below */

    /* The touchscreen shows what the cache holds, with the kiosk's hooks. */
    model_t *m = NULL;
    if (cache_open(kcache, &j->ui, &d) != CACHE_OK ||
        cache_load_model(j->ui, &m, &d) != CACHE_OK)
        fail_msg("%s", d.msg);
    /* With the demo's pictures, as the kiosk has them after start-up. */
    char media[256];
    demo_media_t md;
    tu_mkdtemp(media, sizeof media);
    if (demo_media_install(tu_env("ASSETS", "assets"), media, &md, NULL, &d) != 0)
        fail_msg("%s", d.msg);
    bt_open_model(t, w, h, m, lang, media);
    snprintf(t->own_media, sizeof t->own_media, "%s", media); /* bt_close removes it */
    j->ob = (app_outbox_t){.cache = j->ui, .sync = j->sync};
    app_consultant_hooks(&t->b->o, &j->ob);
    /* as browse_create does with the hooks */
    assert_int_equal(t->b->o.lockout_load(t->b->o.lockout_user, &t->b->lockout), 0);
    t->now = app_now_ms(); /* the server's holds end in wall-clock time */
    bt_frame(t);
    int who = model_find_consultant(t->m, CONSULTANT);
    assert_true(who >= 0);
    assert_true(t->m->consultants[who].pin_hash[0] != '\0');
    assert_int_equal(browse_scene(t->b), SCENE_ATTRACT);
    shot(j, "attract");

    /* A touch wakes it; a long press in the bottom-left corner opens the
     * PIN pad. */
    bt_tap(t, w / 2, h / 3);
    assert_int_equal(browse_scene(t->b), SCENE_HOME);
    assert_null(browse_consultant(t->b));
    shot(j, "home");
    long_press(t, 32, h - 32); /* the kiosk's default corner, as a finger finds it */
    assert_int_equal(browse_scene(t->b), SCENE_SIGNIN);
    shot(j, "pin-pad");

    /* The name, the PIN, OK. */
    bt_tap_action(t, SIGNIN_PICK, who);
    assert_string_equal(t->b->signin_pick, CONSULTANT);
    for (const char *p = PIN; *p; p++)
        bt_tap_action(t, SIGNIN_DIGIT, *p - '0');
    assert_int_equal(strlen(t->b->signin_digits), strlen(PIN));
    shot(j, "pin-typed");
    bt_tap_action(t, SIGNIN_OK, 0);
    assert_non_null(browse_consultant(t->b));
    assert_string_equal(browse_consultant(t->b), CONSULTANT);
    assert_string_equal(t->b->signin_digits, "");
    /* A consultant lands on their desk, which leads to the units. */
    assert_int_equal(browse_scene(t->b), SCENE_DESK);
    shot(j, "signed-in");

    /* The units plan in the sales office's colours; an available home. */
    bt_tap_action(t, ACT_GO, SCENE_UNITS);
    assert_int_equal(browse_scene(t->b), SCENE_UNITS);
    assert_true(browse_full_statuses(t->b));
    int k = available_cell(t);
    assert_true(k >= 0);
    snprintf(id, sizeof id, "%s", t->m->units[k].id);
    assert_true(bt_cell_share(t, k, theme_status_fill[STATUS_AVAILABLE]) >= 30);
    shot(j, "units");
    bt_tap_action(t, ACT_OPEN_UNIT, k);
    assert_int_equal(browse_scene(t->b), SCENE_UNIT);
    assert_string_equal(browse_unit_id(t->b), id);
    rect_t r;
    assert_true(browse_find(t->b, UNIT_HOLD, 0, &r)); /* Hold, not Release */
    shot(j, "unit");

    /* Hold: the page says it is on its way, then confirmed. */
    bt_tap_action(t, UNIT_HOLD, 0);
    int st = hold_state(j);
    assert_true(st >= OB_QUEUED && st <= OB_CONFIRMED);
    shot(j, st == OB_QUEUED ? "hold-queued" : st == OB_SENT ? "hold-sent"
                                                             : "hold-answered");
    wait_settled(j, id, unit_held_by_me);
    k = model_find_unit(t->m, id);
    const unit_t *u = &t->m->units[k];
    snprintf(sql, sizeof sql, "SELECT status = 'held' AND held_by = '%s' AND"
             " hold_id = '%s' FROM unit WHERE id = '%s'", CONSULTANT,
             u->hold_id, id);
    assert_int_equal(h_db_int(&srv, sql), 1);
    /* Thirty minutes (the default), as the server placed it. */
    snprintf(sql, sizeof sql, "SELECT expires_at - created_at FROM hold"
             " WHERE id = '%s'", u->hold_id);
    assert_int_equal(h_db_int(&srv, sql), 30 * 60);
    /* Now the page offers Release, and says the server confirmed it. */
    assert_true(browse_find(t->b, UNIT_HOLD, 1, &r));
    assert_int_equal(hold_state(j), OB_CONFIRMED);
    shot(j, "hold-confirmed");
    unit_page_counts_down(j);

    /* The plan: the held colour and a countdown that ticks. */
    bt_tap_action(t, ACT_BACK, 0);
    assert_int_equal(browse_scene(t->b), SCENE_UNITS);
    bt_frame(t);
    assert_true(bt_cell_share(t, k, theme_status_fill[STATUS_HELD]) >= 30);
    assert_int_equal(bt_cell_share(t, k, theme_status_fill[STATUS_AVAILABLE]), 0);
    char before[32], after[32], hold[160];
    browse_fmt_hold_left(t->b, u, before, sizeof before);
    /* Under half an hour: a minute or two may have passed on the page. */
    int s0 = mm_ss(before);
    assert_true(s0 > 27 * 60 && s0 <= 30 * 60);
    browse_fmt_hold(t->b, u, hold, sizeof hold);
    assert_non_null(strstr(hold, before)); /* the holder's name and time */
    assert_non_null(strstr(hold, lang == LANG_EN ? "Chan Mei-ling" : "陳美玲"));
    shot(j, "units-held");
    rect_t cr;
    color_t *px0 = cell_pixels(t, k, &cr);
    t->now += 1000; /* a second later: a new frame, one second less */
    assert_true(bt_frame(t) > 0);
    pass_time(t, 61000); /* and a minute on */
    assert_non_null(browse_consultant(t->b));
    assert_int_equal(browse_scene(t->b), SCENE_UNITS);
    browse_fmt_hold_left(t->b, u, after, sizeof after);
    assert_int_equal(mm_ss(after), s0 - 62); /* "29:54", then "28:52" */
    rect_t cr2;
    color_t *px1 = cell_pixels(t, k, &cr2);
    assert_memory_equal(&cr, &cr2, sizeof cr);
    assert_true(pixels_differ(px0, px1, cr.w * cr.h) > 0); /* it was redrawn */
    free(px0);
    free(px1);
    shot(j, "units-held-minute-later");

    /* Release: back on sale at the server and on screen. */
    bt_tap_action(t, ACT_OPEN_UNIT, k);
    assert_int_equal(browse_scene(t->b), SCENE_UNIT);
    assert_true(browse_find(t->b, UNIT_HOLD, 1, &r));
    shot(j, "unit-held");
    bt_tap_action(t, UNIT_HOLD, 1);
    st = hold_state(j);
    assert_true(st >= OB_QUEUED && st <= OB_CONFIRMED);
    shot(j, "release-asked");
    wait_settled(j, id, unit_available);
    snprintf(sql, sizeof sql, "SELECT status = 'available' AND hold_id = ''"
             " FROM unit WHERE id = '%s'", id);
    assert_int_equal(h_db_int(&srv, sql), 1);
    assert_true(browse_find(t->b, UNIT_HOLD, 0, &r)); /* Hold again */
    shot(j, "release-confirmed");
    bt_tap_action(t, ACT_BACK, 0);
    assert_int_equal(browse_scene(t->b), SCENE_UNITS);
    assert_true(bt_cell_share(t, k, theme_status_fill[STATUS_AVAILABLE]) >= 30);
    shot(j, "units-released");

    /* Signed in, held and released: the kiosk's cache (the consultants'
     * hashes, the outbox, the lockout) has the PIN nowhere in clear. */
    journey_end(j);
    h_file_lacks(kcache, PIN);
}

static void test_zh_hant_landscape(void **state)
{
    (void)state;
    journey(1920, 1080, LANG_ZH_HANT);
}

static void test_en_portrait(void **state)
{
    (void)state;
    journey(1080, 1920, LANG_EN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_zh_hant_landscape, setup, teardown),
        cmocka_unit_test_setup_teardown(test_en_portrait, setup, teardown),
    };
    return cmocka_run_group_tests_name("consultant_journey", tests, NULL, NULL);
}
