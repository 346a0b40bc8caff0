/* test_scene_signin.c - a consultant signs in with a PIN (issue 5).
 *
 * The hidden way in, the PIN pad by taps, wrong PINs locking the pad out
 * with a delay that survives a restart (through the browser's hooks), the
 * right PIN signing in, and signing out when the consultant walks away or
 * the kiosk returns to attract.  The clock is injected.
 */
#include "browsetest.h"

#include "pin.h"

#define PIN_OK "73915"

static int64_t fake_now = 1795759500;
static pin_lockout_t stored; /* what the kiosk would keep in its cache */
static int saves;

static int64_t clock_s(void)
{
    return fake_now;
}

static int load(void *user, pin_lockout_t *out)
{
    (void)user;
    *out = stored;
    return 0;
}

static int save(void *user, const pin_lockout_t *l)
{
    (void)user;
    stored = *l;
    saves++;
    return 0;
}

static void open_signin(bt_t *t, int w, int h)
{
    static const char *const pins[] = {PIN_OK, "2468"};
    bt_open_model(t, w, h, bt_demo_with_consultants(300, pins), LANG_ZH_HANT,
                  NULL);
    t->b->o.clock_s = clock_s;
    t->b->o.lockout_load = load;
    t->b->o.lockout_save = save;
    load(NULL, &t->b->lockout); /* as browse_create would with the hooks */
    bt_tap(t, w / 2, h / 3);
    assert_int_equal(browse_scene(t->b), SCENE_HOME);
}

static void long_press(bt_t *t, int x, int y)
{
    bt_touch(t, EV_TOUCH_DOWN, x, y, 1);
    bt_advance(t, 900);
    bt_touch(t, EV_TOUCH_UP, x, y, 1);
    bt_advance(t, 100);
}

static void type_pin(bt_t *t, const char *pin)
{
    for (const char *p = pin; *p; p++)
        bt_tap_action(t, ACTION_BASE(SCENE_SIGNIN) + 2, *p - '0');
    bt_tap_action(t, ACTION_BASE(SCENE_SIGNIN) + 4, 0); /* OK */
}

static void test_hidden_gesture_opens_the_pad(void **state)
{
    (void)state;
    bt_t t;
    open_signin(&t, 1920, 1080);
    /* A long press anywhere else does nothing. */
    long_press(&t, 960, 540);
    assert_int_equal(browse_scene(t.b), SCENE_HOME);
    rect_t c = browse_signin_corner(t.b);
    long_press(&t, c.x + c.w / 2, c.y + c.h / 2);
    assert_int_equal(browse_scene(t.b), SCENE_SIGNIN);
    bt_save(&t, "signin-01-pad");
    /* Digits do nothing until a name is picked. */
    rect_t r;
    assert_false(browse_find(t.b, ACTION_BASE(SCENE_SIGNIN) + 2, 1, &r));
    bt_tap_action(&t, ACTION_BASE(SCENE_SIGNIN) + 1, 0);
    assert_true(browse_find(t.b, ACTION_BASE(SCENE_SIGNIN) + 2, 1, &r));
    bt_close(&t);
}

/* The corner is the office's choice: the other bottom corner, or none. */
static void test_corner_is_configurable(void **state)
{
    (void)state;
    bt_t t;
    open_signin(&t, 1280, 800);
    t.b->o.signin_corner = CORNER_BOTTOM_RIGHT;
    long_press(&t, 20, t.h - 20); /* bottom-left: nothing */
    assert_int_equal(browse_scene(t.b), SCENE_HOME);
    long_press(&t, t.w - 20, t.h - 20);
    assert_int_equal(browse_scene(t.b), SCENE_SIGNIN);
    bt_tap_action(&t, ACT_HOME, 0);
    t.b->o.signin_corner = CORNER_OFF;
    long_press(&t, t.w - 20, t.h - 20);
    long_press(&t, 20, t.h - 20);
    assert_int_equal(browse_scene(t.b), SCENE_HOME);
    rect_t c = browse_signin_corner(t.b);
    assert_int_equal(c.w * c.h, 0);
    bt_close(&t);
}

static void test_wrong_pins_lock_out_across_a_restart(void **state)
{
    (void)state;
    bt_t t;
    memset(&stored, 0, sizeof stored);
    saves = 0;
    open_signin(&t, 1080, 1920);
    rect_t c = browse_signin_corner(t.b);
    long_press(&t, c.x + c.w / 2, c.y + c.h / 2);
    bt_tap_action(&t, ACTION_BASE(SCENE_SIGNIN) + 1, 0);
    for (int i = 0; i < PIN_LOCK_FREE_TRIES; i++) {
        type_pin(&t, "1111");
        assert_null(browse_consultant(t.b));
        assert_string_equal(t.b->signin_digits, ""); /* forgotten at once */
    }
    assert_int_equal(stored.failures, PIN_LOCK_FREE_TRIES);
    assert_true(saves >= PIN_LOCK_FREE_TRIES);
    /* Locked: the keys leave no targets, even for the right PIN. */
    rect_t r;
    assert_false(browse_find(t.b, ACTION_BASE(SCENE_SIGNIN) + 2, 7, &r));
    bt_save(&t, "signin-02-locked-portrait");
    bt_close(&t);

    /* The kiosk restarts: the lockout is still there. */
    open_signin(&t, 1080, 1920);
    c = browse_signin_corner(t.b);
    long_press(&t, c.x + c.w / 2, c.y + c.h / 2);
    bt_tap_action(&t, ACTION_BASE(SCENE_SIGNIN) + 1, 0);
    assert_false(browse_find(t.b, ACTION_BASE(SCENE_SIGNIN) + 2, 7, &r));
    /* Once the delay has passed, the right PIN signs in. */
    fake_now += PIN_LOCK_FIRST_DELAY;
    bt_advance(&t, 1000);
    type_pin(&t, PIN_OK);
    assert_non_null(browse_consultant(t.b));
    assert_string_equal(browse_consultant(t.b), "c-chen");
    assert_int_equal(browse_scene(t.b), SCENE_DESK); /* their desk first */
    assert_int_equal(stored.failures, 0);
    /* The other consultant's PIN does not sign in as this one. */
    browse_sign_out(t.b);
    long_press(&t, c.x + c.w / 2, c.y + c.h / 2);
    bt_tap_action(&t, ACTION_BASE(SCENE_SIGNIN) + 1, 0);
    type_pin(&t, "2468");
    assert_null(browse_consultant(t.b));
    bt_close(&t);
}

static void test_signed_out_when_left_alone(void **state)
{
    (void)state;
    bt_t t;
    memset(&stored, 0, sizeof stored);
    open_signin(&t, 1920, 1080);
    rect_t c = browse_signin_corner(t.b);
    long_press(&t, c.x + c.w / 2, c.y + c.h / 2);
    bt_tap_action(&t, ACTION_BASE(SCENE_SIGNIN) + 1, 0);
    type_pin(&t, PIN_OK);
    assert_non_null(browse_consultant(t.b));
    /* The corner again opens the desk, with who is signed in and the way
     * out. */
    bt_tap_action(&t, ACT_HOME, 0);
    long_press(&t, c.x + c.w / 2, c.y + c.h / 2);
    assert_int_equal(browse_scene(t.b), SCENE_DESK);
    bt_save(&t, "signin-03-signed-in");
    bt_tap_action(&t, ACTION_BASE(SCENE_DESK) + 2, 0);
    assert_null(browse_consultant(t.b));
    /* Signed in again, then nobody touches the kiosk. */
    long_press(&t, c.x + c.w / 2, c.y + c.h / 2);
    bt_tap_action(&t, ACTION_BASE(SCENE_SIGNIN) + 1, 0);
    type_pin(&t, PIN_OK);
    assert_non_null(browse_consultant(t.b));
    bt_advance(&t, 61000);
    assert_null(browse_consultant(t.b));
    assert_int_equal(browse_scene(t.b), SCENE_HOME);
    /* And the return to attract signs out too. */
    long_press(&t, c.x + c.w / 2, c.y + c.h / 2);
    bt_tap_action(&t, ACTION_BASE(SCENE_SIGNIN) + 1, 0);
    type_pin(&t, PIN_OK);
    t.b->o.consultant_idle_ms = 10 * 60000;
    bt_advance(&t, t.cfg.idle_seconds * 1000 + 100);
    assert_int_equal(browse_scene(t.b), SCENE_ATTRACT);
    assert_null(browse_consultant(t.b));
    bt_close(&t);
}

static void test_consultant_holds_from_the_detail_page(void **state)
{
    (void)state;
    bt_t t;
    memset(&stored, 0, sizeof stored);
    open_signin(&t, 1920, 1080);
    bt_use_outbox(&t);
    assert_int_equal(browse_preview(t.b, "unit"), 0);
    bt_frame(&t);
    /* Customers see no hold button. */
    rect_t r;
    assert_false(browse_find(t.b, ACTION_BASE(SCENE_UNIT) + 5, 0, &r));
    snprintf(t.b->consultant, sizeof t.b->consultant, "c-chen");
    t.b->consultant_touch_ms = t.now;
    browse_invalidate(t.b);
    bt_frame(&t);
    const unit_t *u = browse_current_unit(t.b);
    assert_int_equal(u->status, STATUS_AVAILABLE);
    bt_tap_action(&t, ACTION_BASE(SCENE_UNIT) + 5, 0);
    assert_int_equal(bt_ob.n, 1);
    assert_string_equal(bt_ob_last()->kind, "hold");
    assert_string_equal(bt_ob_last()->unit_id, u->id);
    assert_string_equal(bt_ob_last()->consultant_id, "c-chen");
    browse_request_t rq;
    assert_int_equal(browse_hold_state(t.b, u, &rq), REQ_QUEUED);
    assert_string_equal(rq.kind, "hold");
    bt_save(&t, "signin-04-hold-queued");
    /* One request at a time: while it is on its way, no second one. */
    assert_false(browse_find(t.b, ACTION_BASE(SCENE_UNIT) + 5, 0, &r));
    assert_int_equal(browse_request_hold(t.b, u, 0), 0);
    assert_int_equal(bt_ob.n, 1);
    /* The server's word: held by this consultant.  It is not "gone" to
     * them (that banner is for customers who lost a home). */
    int ui = model_find_unit(t.m, u->id);
    model_change_t ch = {ui, STATUS_AVAILABLE};
    t.m->units[ui].status = STATUS_HELD;
    snprintf(t.m->units[ui].held_by, sizeof t.m->units[ui].held_by, "c-chen");
    snprintf(t.m->units[ui].hold_id, sizeof t.m->units[ui].hold_id, "h1");
    t.m->units[ui].hold_expires_at = t.now / 1000 + 1800;
    t.m->units[ui].version++;
    bt_ob_last()->state = REQ_CONFIRMED;
    browse_units_changed(t.b, &ch, 1);
    bt_frame(&t);
    assert_false(t.b->unit_gone);
    assert_true(browse_find(t.b, ACTION_BASE(SCENE_UNIT) + 5, 1, &r)); /* release */
    bt_save(&t, "signin-05-held-by-me");
    /* Released at the server: available again (a fresh request). */
    t.m->units[ui].status = STATUS_AVAILABLE;
    t.m->units[ui].held_by[0] = t.m->units[ui].hold_id[0] = '\0';
    t.m->units[ui].hold_expires_at = 0;
    t.m->units[ui].version++;
    ch.was = STATUS_HELD;
    browse_units_changed(t.b, &ch, 1);
    bt_frame(&t);
    bt_tap_action(&t, ACTION_BASE(SCENE_UNIT) + 5, 0);
    assert_int_equal(bt_ob.n, 2);
    assert_string_equal(bt_ob_last()->kind, "hold");
    /* The server refuses it: the page says why. */
    bt_ob_last()->state = REQ_REFUSED;
    snprintf(bt_ob_last()->reason, sizeof bt_ob_last()->reason,
             "unit_unavailable: held");
    browse_invalidate(t.b);
    bt_frame(&t);
    assert_int_equal(browse_hold_state(t.b, u, &rq), REQ_REFUSED);
    assert_string_equal(rq.reason, "unit_unavailable: held");
    bt_save(&t, "signin-06-hold-refused");
    /* Signing out forgets the request. */
    browse_sign_out(t.b);
    assert_int_equal(browse_hold_state(t.b, u, &rq), -1);
    bt_close(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hidden_gesture_opens_the_pad),
        cmocka_unit_test(test_corner_is_configurable),
        cmocka_unit_test(test_wrong_pins_lock_out_across_a_restart),
        cmocka_unit_test(test_signed_out_when_left_alone),
        cmocka_unit_test(test_consultant_holds_from_the_detail_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
