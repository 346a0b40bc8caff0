/* test_scene_desk.c - a consultant's desk: my holds and today (issue 5).
 *
 * Signing in lands on the desk; the corner's long press comes back to it.
 * "My holds" lists the units the model shows held by this consultant
 * (soonest to run out first, each with open and release) and the requests
 * still on their way from the outbox (queued, retrying, refused), each
 * row's bar in the colour of where it stands; a release asked for goes to
 * the outbox with the hold's id and takes the row's release button away.
 * The server's refusals are told in the consultant's words in every
 * language.  Screens are saved in both orientations for a person to look
 * at.  The outbox is an in-memory stand-in here (tests/kiosk/test_outbox.c
 * and test_consultant_journey.c run the real one).
 */
#include "browsetest.h"

#include "pin.h"

#define PIN_OK "73915"

static int64_t fake_now;

static int64_t clock_s(void)
{
    return fake_now;
}

/* ---- the screen ------------------------------------------------------------- */

static void long_press(bt_t *t, int x, int y)
{
    bt_touch(t, EV_TOUCH_DOWN, x, y, 1);
    bt_advance(t, 900);
    bt_touch(t, EV_TOUCH_UP, x, y, 1);
    bt_advance(t, 100);
}

static void long_press_corner(bt_t *t)
{
    rect_t c = browse_signin_corner(t->b);
    long_press(t, c.x + c.w / 2, c.y + c.h / 2);
}

/* A touchscreen over 2,000 demo units with two consultants, c-chen signed
 * in by the PIN pad (which lands on the desk). */
static void open_desk(bt_t *t, int w, int h, lang_t lang)
{
    static const char *const pins[] = {PIN_OK, "2468"};
    fake_now = UT_NOW_MS / 1000;
    bt_open_model(t, w, h, bt_demo_with_consultants(2000, pins), lang, NULL);
    t->b->o.clock_s = clock_s;
    bt_use_outbox(t);
    bt_tap(t, w / 2, h / 3);
    long_press_corner(t);
    assert_int_equal(browse_scene(t->b), SCENE_SIGNIN);
    bt_tap_action(t, ACTION_BASE(SCENE_SIGNIN) + 1, 0);
    for (const char *p = PIN_OK; *p; p++)
        bt_tap_action(t, ACTION_BASE(SCENE_SIGNIN) + 2, *p - '0');
    bt_tap_action(t, ACTION_BASE(SCENE_SIGNIN) + 4, 0);
    assert_string_equal(browse_consultant(t->b), "c-chen");
    assert_int_equal(browse_scene(t->b), SCENE_DESK);
}

/* Available units of building 0, the n-th of them. */
static int available_unit(const model_t *m, int nth)
{
    for (int i = 0; i < m->n_units; i++)
        if (m->units[i].status == STATUS_AVAILABLE && nth-- == 0)
            return i;
    fail_msg("no available unit");
    return -1;
}

/* The server's word, as a sync would bring it: unit i held by who. */
static void hold_in_model(bt_t *t, int i, const char *who, int minutes)
{
    unit_t *u = &t->m->units[i];
    model_change_t ch = {i, u->status};
    u->status = STATUS_HELD;
    u->status_changed_at = t->now / 1000;
    u->hold_expires_at = t->now / 1000 + 60 * minutes;
    snprintf(u->held_by, sizeof u->held_by, "%s", who);
    snprintf(u->hold_id, sizeof u->hold_id, "h%015d", i);
    u->version++;
    browse_units_changed(t->b, &ch, 1);
    bt_frame(t);
}

#define A_RELEASE (ACTION_BASE(SCENE_DESK) + 1)
#define A_SIGN_OUT (ACTION_BASE(SCENE_DESK) + 2)

/* The colour of the bar at the left of the row that opens unit i. */
static color_t row_bar(bt_t *t, int i)
{
    rect_t open;
    assert_true(browse_find(t->b, ACT_OPEN_UNIT, i, &open));
    /* The row starts at the holds card's inner edge: find its bar by
     * walking left from the button until the bar's colour. */
    int y = open.y + open.h / 2;
    color_t c = {0, 0, 0, 0};
    for (int x = open.x - 1; x > 0; x--) {
        c = bt_pixel(t, x, y);
        if ((c.r == 0x3B && c.g == 0xB2) || (c.r == 0xF4 && c.g == 0xA6) ||
            (c.r == 0xE5 && c.g == 0x48))
            return c;
    }
    fail_msg("no state bar left of unit %d's row", i);
    return c;
}

/* How many controls of this action the last frame left. */
static int count_targets(bt_t *t, int action)
{
    int n = 0;
    rect_t r;
    for (int i = 0, a, arg; ui_hit_at(t->b->ui, i, &r, &a, &arg); i++)
        n += a == action;
    return n;
}

/* A hold request for unit i as the outbox would have it (state, reason). */
static void queue_hold(bt_t *t, int i, int state, const char *reason)
{
    char body[160], key[16];
    snprintf(body, sizeof body, "{\"unit_id\":\"%s\",\"consultant_id\":"
             "\"c-chen\",\"minutes\":30}", t->m->units[i].id);
    bt_ob_add(NULL, "hold", body, key, sizeof key);
    bt_ob_last()->state = state;
    snprintf(bt_ob_last()->reason, sizeof bt_ob_last()->reason, "%s", reason);
}

static void test_desk_lists_my_holds(void **state)
{
    (void)state;
    bt_t t;
    open_desk(&t, 1920, 1080, LANG_ZH_HANT);
    assert_int_equal(count_targets(&t, ACT_OPEN_UNIT), 0);
    assert_int_equal(count_targets(&t, A_RELEASE), 0);
    bt_save(&t, "desk-01-empty-zh-Hant");
    rect_t r;

    /* Two holds of mine (the later-expiring one first in the model) and
     * one of a colleague's. */
    int a = available_unit(t.m, 3), bb = available_unit(t.m, 10),
        other = available_unit(t.m, 20);
    hold_in_model(&t, a, "c-chen", 25);
    hold_in_model(&t, bb, "c-chen", 5);
    hold_in_model(&t, other, "c-lin", 15);
    rect_t ra, rb;
    assert_true(browse_find(t.b, A_RELEASE, a, &ra));
    assert_true(browse_find(t.b, A_RELEASE, bb, &rb));
    assert_false(browse_find(t.b, A_RELEASE, other, &r));
    assert_false(browse_find(t.b, ACT_OPEN_UNIT, other, &r));
    assert_true(rb.y < ra.y); /* soonest to run out first */
    assert_true(bt_near(row_bar(&t, a), THEME_GOOD));

    /* A hold still on its way: listed, no release, the warning colour;
     * a failed try says it is retrying (same colour). */
    int q = available_unit(t.m, 30);
    queue_hold(&t, q, REQ_QUEUED, "");
    browse_invalidate(t.b);
    bt_frame(&t);
    assert_true(browse_find(t.b, ACT_OPEN_UNIT, q, &r));
    assert_false(browse_find(t.b, A_RELEASE, q, &r));
    assert_true(bt_near(row_bar(&t, q), THEME_WARN));
    bt_advance(&t, 45000); /* the countdowns tick meanwhile */
    bt_save(&t, "desk-02-holds-zh-Hant");

    /* Refused: listed in red, with the reason in words. */
    bt_ob.q[0].state = REQ_REFUSED;
    snprintf(bt_ob.q[0].reason, sizeof bt_ob.q[0].reason,
             "over_limit: consultant 'c-chen' already holds 3 units");
    browse_invalidate(t.b);
    bt_frame(&t);
    assert_true(bt_near(row_bar(&t, q), THEME_BAD));

    /* Release one: its hold id goes to the outbox, the row stays (until
     * the server's word) without its release button. */
    bt_tap_action(&t, A_RELEASE, a);
    assert_int_equal(bt_ob.n, 2);
    assert_string_equal(bt_ob.q[1].kind, "release");
    assert_string_equal(bt_ob.q[1].hold_id, t.m->units[a].hold_id);
    bt_frame(&t);
    assert_true(browse_find(t.b, ACT_OPEN_UNIT, a, &r));
    assert_false(browse_find(t.b, A_RELEASE, a, &r));
    assert_true(bt_near(row_bar(&t, a), THEME_WARN));
    bt_save(&t, "desk-03-release-queued-zh-Hant");

    /* Open goes to the unit's page; the corner's long press comes back. */
    bt_tap_action(&t, ACT_OPEN_UNIT, bb);
    assert_int_equal(browse_scene(t.b), SCENE_UNIT);
    assert_string_equal(browse_unit_id(t.b), t.m->units[bb].id);
    bt_save(&t, "desk-04-unit-held-zh-Hant");
    long_press_corner(&t);
    assert_int_equal(browse_scene(t.b), SCENE_DESK);
    bt_tap_action(&t, A_SIGN_OUT, 0);
    assert_null(browse_consultant(t.b));
    assert_int_equal(browse_scene(t.b), SCENE_HOME);
    bt_close(&t);
}

static void test_portrait_and_english(void **state)
{
    (void)state;
    bt_t t;
    open_desk(&t, 1080, 1920, LANG_EN);
    hold_in_model(&t, available_unit(t.m, 5), "c-chen", 30);
    hold_in_model(&t, available_unit(t.m, 9), "c-chen", 12);
    /* Some of today's activity in other buildings. */
    for (int k = 0; k < 6; k++) {
        int i = available_unit(t.m, 100 + 90 * k);
        unit_t *u = &t.m->units[i];
        model_change_t ch = {i, u->status};
        u->status = k % 2 ? STATUS_SIGNED : STATUS_SUBSCRIBED;
        u->status_changed_at = t.now / 1000;
        u->version++;
        browse_units_changed(t.b, &ch, 1);
    }
    bt_frame(&t);
    rect_t r;
    assert_true(browse_find(t.b, A_SIGN_OUT, 0, &r));
    assert_true(r.x + r.w <= t.w && r.y + r.h <= t.h);
    bt_save(&t, "desk-05-portrait-en");
    bt_tap_action(&t, ACT_LANG, LANG_ZH_HANS);
    bt_save(&t, "desk-06-portrait-zh-Hans");
    bt_close(&t);
}

/* More than fit: the holds the server confirmed come first and the rest
 * are counted; a hold whose time is up offers no release; a refused
 * release keeps the button; a request queued before a restart still
 * greys the unit page's Hold. */
static void test_crowded_desk_and_odd_states(void **state)
{
    (void)state;
    bt_t t;
    open_desk(&t, 1920, 1080, LANG_EN);
    int held[3], pend[4];
    for (int i = 0; i < 3; i++)
        hold_in_model(&t, held[i] = available_unit(t.m, 40 + 7 * i), "c-chen",
                      10 + 5 * i);
    for (int i = 0; i < 4; i++)
        queue_hold(&t, pend[i] = available_unit(t.m, 80 + 9 * i),
                   i % 2 ? REQ_REFUSED : REQ_QUEUED,
                   i % 2 ? "over_limit: consultant 'c-chen' already holds 3 units"
                         : "");
    browse_invalidate(t.b);
    bt_frame(&t);
    rect_t r;
    for (int i = 0; i < 3; i++) /* every confirmed hold is on screen */
        assert_true(browse_find(t.b, A_RELEASE, held[i], &r));
    assert_true(count_targets(&t, ACT_OPEN_UNIT) < 7); /* not all fit */
    bt_save(&t, "desk-08-crowded-en");

    /* The first hold's time runs out before the server's sweep says so. */
    t.now += 10 * 60 * 1000 + 1000;
    t.b->consultant_touch_ms = t.b->last_input_ms = t.now; /* not idle */
    browse_invalidate(t.b);
    bt_frame(&t);
    assert_false(browse_find(t.b, A_RELEASE, held[0], &r));
    assert_true(browse_find(t.b, A_RELEASE, held[1], &r));

    /* A release refused: the button stays (the hold is still theirs). */
    bt_tap_action(&t, A_RELEASE, held[1]);
    assert_false(browse_find(t.b, A_RELEASE, held[1], &r)); /* on its way */
    bt_ob_last()->state = REQ_REFUSED;
    snprintf(bt_ob_last()->reason, sizeof bt_ob_last()->reason,
             "not_found: no hold");
    browse_invalidate(t.b);
    bt_frame(&t);
    assert_true(browse_find(t.b, A_RELEASE, held[1], &r));
    bt_save(&t, "desk-09-expired-and-refused-en");

    /* As after a restart: the page knows of no request of its own, yet the
     * outbox has one queued for this unit: Hold is greyed, and the line
     * says where it stands. */
    t.b->hold_key[0] = t.b->hold_unit[0] = '\0';
    snprintf(t.b->unit_id, sizeof t.b->unit_id, "%s", t.m->units[pend[0]].id);
    browse_go(t.b, SCENE_UNIT); /* its row is below the fold */
    bt_frame(&t);
    browse_request_t rq;
    assert_int_equal(browse_hold_state(t.b, &t.m->units[pend[0]], &rq),
                     REQ_QUEUED);
    assert_false(browse_find(t.b, ACTION_BASE(SCENE_UNIT) + 5, 0, &r));
    int before = bt_ob.n;
    assert_int_equal(browse_request_hold(t.b, &t.m->units[pend[0]], 0), 0);
    assert_int_equal(bt_ob.n, before); /* no second request */
    bt_close(&t);
}

/* Signed out on the desk, or away from it: nothing of theirs stays. */
static void test_signed_out_leaves_the_desk(void **state)
{
    (void)state;
    bt_t t;
    open_desk(&t, 1920, 1080, LANG_ZH_HANT);
    bt_tap_action(&t, ACT_GO, SCENE_UNITS);
    assert_int_equal(browse_scene(t.b), SCENE_UNITS);
    bt_advance(&t, 61000); /* the consultant walks away */
    assert_null(browse_consultant(t.b));
    bt_tap_action(&t, ACT_BACK, 0); /* back would be the desk */
    assert_int_equal(browse_scene(t.b), SCENE_HOME);
    /* Idle on the desk itself: home. */
    long_press_corner(&t);
    bt_tap_action(&t, ACTION_BASE(SCENE_SIGNIN) + 1, 0);
    for (const char *p = PIN_OK; *p; p++)
        bt_tap_action(&t, ACTION_BASE(SCENE_SIGNIN) + 2, *p - '0');
    bt_tap_action(&t, ACTION_BASE(SCENE_SIGNIN) + 4, 0);
    assert_int_equal(browse_scene(t.b), SCENE_DESK);
    bt_advance(&t, 61000);
    assert_null(browse_consultant(t.b));
    assert_int_equal(browse_scene(t.b), SCENE_HOME);
    bt_close(&t);
}

/* The server's refusals in the consultant's words. */
static void test_refusals_in_words(void **state)
{
    (void)state;
    bt_t t;
    char out[400];
    open_desk(&t, 1280, 800, LANG_ZH_HANT);
    unit_t *u = &t.m->units[available_unit(t.m, 0)];
    u->status = STATUS_SUBSCRIBED;
    browse_fmt_request(t.b, "hold", REQ_REFUSED,
                       "unit_unavailable: unit 'x' is subscribed", u, out,
                       sizeof out);
    assert_string_equal(out, "未能保留：單位已是「認購」");
    browse_fmt_request(t.b, "hold", REQ_QUEUED, "", u, out, sizeof out);
    assert_string_equal(out, "保留已排隊 · 連上伺服器即送出");
    browse_fmt_request(t.b, "hold", REQ_QUEUED, "couldn't connect", u, out,
                       sizeof out);
    assert_string_equal(out, "保留已排隊 · 伺服器未能連線，自動重試中");
    browse_fmt_request(t.b, "release", REQ_REFUSED, "not_found: no hold 'h1'",
                       u, out, sizeof out);
    assert_string_equal(out, "未能釋放：此保留已經結束");

    bt_tap_action(&t, ACT_LANG, LANG_EN);
    bt_save(&t, "desk-07-1280x800-en");
    static const struct {
        const char *kind, *reason, *want;
    } cases[] = {
        {"hold", "over_limit: consultant 'c' already holds 3 units",
         "Not held: you hold the most units allowed"},
        {"hold", "consultant_unknown: consultant_id: no consultant 'c'",
         "Not held: the server does not know you"},
        {"hold", "not_found: unit_id: no unit 'u'",
         "Not held: the server does not know this unit"},
        {"release", "not_owner: hold 'h' belongs to another consultant",
         "Not released: the hold belongs to another consultant"},
        {"hold", "idempotency_mismatch: key reused",
         "Not held: the server refused it (idempotency_mismatch)"},
        {"hold", "outbox: $: not a JSON object",
         "Not held: the server refused it (outbox)"},
        {"hold", "", "Not held: the server refused it (?)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        browse_fmt_request(t.b, cases[i].kind, REQ_REFUSED, cases[i].reason,
                           u, out, sizeof out);
        assert_string_equal(out, cases[i].want);
    }
    u->status = STATUS_AVAILABLE; /* refused, then back on sale */
    browse_fmt_request(t.b, "hold", REQ_REFUSED, "unit_unavailable: held", u,
                       out, sizeof out);
    assert_string_equal(out, "Not held: the unit was no longer available");
    browse_fmt_request(t.b, "release", REQ_CONFIRMED, "h1", u, out,
                       sizeof out);
    assert_string_equal(out, "Released: back on sale");
    bt_close(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_desk_lists_my_holds),
        cmocka_unit_test(test_portrait_and_english),
        cmocka_unit_test(test_crowded_desk_and_odd_states),
        cmocka_unit_test(test_signed_out_leaves_the_desk),
        cmocka_unit_test(test_refusals_in_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
