/* test_browse.c - the customer's touchscreen: attract, home, language,
 * the idle reset, and touches in odd places. */
#include "browsetest.h"

static void test_touch_wakes_attract_and_goes_home(void **state)
{
    (void)state;
    bt_t t;
    bt_open(&t, 1920, 1080, 2000, LANG_ZH_HANT, NULL);
    assert_int_equal(browse_scene(t.b), SCENE_ATTRACT);
    bt_save(&t, "browse-01-attract");
    /* The attract loop keeps moving: it asks for frames by itself. */
    assert_true(browse_update(t.b, t.now) > 0);
    bt_tap(&t, 200, 200);
    assert_int_equal(browse_scene(t.b), SCENE_HOME);
    bt_save(&t, "browse-02-home");
    /* Home has its four ways in, each a finger-sized target. */
    rect_t r;
    assert_true(browse_find(t.b, ACT_GO, SCENE_UNITS, &r));
    assert_true(r.w >= 64 && r.h >= 64);
    bt_close(&t);
}

static void test_language_switch_changes_every_string(void **state)
{
    (void)state;
    bt_t t;
    bt_open(&t, 1920, 1080, 2000, LANG_ZH_HANT, NULL);
    bt_tap(&t, 960, 540);
    assert_int_equal(browse_scene(t.b), SCENE_HOME);
    bt_tap_action(&t, ACT_LANG, LANG_EN);
    assert_int_equal(browse_lang(t.b), LANG_EN);
    bt_save(&t, "browse-03-home-en");
    bt_tap_action(&t, ACT_LANG, LANG_ZH_HANS);
    assert_int_equal(browse_lang(t.b), LANG_ZH_HANS);
    bt_save(&t, "browse-04-home-zh-Hans");
    bt_close(&t);
}

static void test_idle_returns_to_attract_and_forgets(void **state)
{
    (void)state;
    bt_t t;
    bt_open(&t, 1080, 1920, 2000, LANG_ZH_HANT, NULL);
    bt_tap(&t, 500, 500);
    bt_tap_action(&t, ACT_LANG, LANG_EN);
    bt_save(&t, "browse-05-home-portrait-en");
    /* The visitor picks two units and opens the calculator for one. */
    browse_toggle_shortlist(t.b, 10);
    browse_toggle_shortlist(t.b, 20);
    assert_int_equal(browse_shortlist_count(t.b), 2);
    assert_true(browse_session_size(t.b) > 0);
    /* Just under the idle time nothing happens... */
    bt_advance(&t, t.cfg.idle_seconds * 1000 - 1000);
    assert_int_equal(browse_scene(t.b), SCENE_HOME);
    /* ...then the kiosk goes back to attract, in the default language,
     * with nothing of the visitor's left. */
    bt_advance(&t, 2000);
    assert_int_equal(browse_scene(t.b), SCENE_ATTRACT);
    assert_int_equal(browse_shortlist_count(t.b), 0);
    assert_int_equal(browse_session_size(t.b), 0);
    assert_int_equal(browse_lang(t.b), LANG_ZH_HANT);
    bt_close(&t);
}

static void test_odd_touches_do_no_harm(void **state)
{
    (void)state;
    bt_t t;
    bt_open(&t, 1920, 1080, 2000, LANG_ZH_HANT, NULL);
    bt_tap(&t, 960, 540);
    /* A tap on empty space, a double tap, a very long press. */
    bt_tap(&t, 1900, 1070);
    assert_int_equal(browse_scene(t.b), SCENE_HOME);
    bt_touch(&t, EV_TOUCH_DOWN, 900, 300, 1);
    t.now += 50;
    bt_touch(&t, EV_TOUCH_UP, 900, 300, 1);
    t.now += 80;
    bt_touch(&t, EV_TOUCH_DOWN, 902, 301, 1);
    t.now += 50;
    bt_touch(&t, EV_TOUCH_UP, 902, 301, 1);
    bt_advance(&t, 500);
    assert_int_equal(browse_scene(t.b), SCENE_HOME);
    bt_touch(&t, EV_TOUCH_DOWN, 900, 300, 1);
    bt_advance(&t, 8000);
    bt_touch(&t, EV_TOUCH_UP, 900, 300, 1);
    bt_advance(&t, 500);
    assert_int_equal(browse_scene(t.b), SCENE_HOME);
    /* Ten fingers at once, then all lifted. */
    for (int f = 0; f < 10; f++)
        bt_touch(&t, EV_TOUCH_DOWN, 100 + f * 170, 600 + (f % 3) * 40, 10 + f);
    t.now += 100;
    for (int f = 0; f < 10; f++)
        bt_touch(&t, EV_TOUCH_MOVE, 110 + f * 170, 620, 10 + f);
    for (int f = 0; f < 10; f++)
        bt_touch(&t, EV_TOUCH_UP, 110 + f * 170, 620, 10 + f);
    bt_advance(&t, 500);
    /* Touches outside the screen are clamped, not trusted. */
    bt_tap(&t, -500, 99999);
    bt_frame(&t);
    bt_close(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_touch_wakes_attract_and_goes_home),
        cmocka_unit_test(test_language_switch_changes_every_string),
        cmocka_unit_test(test_idle_returns_to_attract_and_forgets),
        cmocka_unit_test(test_odd_touches_do_no_harm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
