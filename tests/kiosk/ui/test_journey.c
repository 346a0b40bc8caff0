/* test_journey.c - a visitor's whole visit, by touch alone.
 *
 * The "done when": someone who has never seen the kiosk finds a
 * three-bedroom home under a price, sees its floor plan, compares it with
 * another, estimates the mortgage and takes it to their phone by QR; then
 * walks away and the kiosk forgets them.  Run in each language, landscape
 * and portrait, on the demo project with its pictures; every step's screen
 * is saved under TEST_OUT as journey-<lang>-<w>x<h>-NN-<step>.png.
 */
#include "browsetest.h"

#include "scene_units.h"

typedef struct {
    bt_t t;
    char tag[48];
    int step;
} journey_t;

static void shot(journey_t *j, const char *what)
{
    char name[128];
    snprintf(name, sizeof name, "journey-%s-%02d-%s", j->tag, ++j->step, what);
    bt_save(&j->t, name);
}

/* A unit on screen (a plan cell) that passes the visitor's filter and is
 * not `not`; -1 when none. */
static int matching_cell(bt_t *t, int not)
{
    rect_t r;
    int action, arg;
    unit_filter_t f = *browse_filter(t->b);
    for (int i = 0; ui_hit_at(t->b->ui, i, &r, &action, &arg); i++)
        if (action == ACT_OPEN_UNIT && arg != not &&
            filter_match(t->m, &f, &t->m->units[arg]))
            return arg;
    return -1;
}

static void journey(int w, int h, lang_t lang)
{
    journey_t j = {0};
    bt_t *t = &j.t;
    snprintf(j.tag, sizeof j.tag, "%s-%dx%d", lang_code(lang), w, h);
    bt_open_with_pictures(t, w, h, 2000, LANG_ZH_HANT);
    shot(&j, "attract");

    /* Touch to start; pick the language. */
    bt_tap(t, w / 2, h / 3);
    assert_int_equal(browse_scene(t->b), SCENE_HOME);
    bt_tap_action(t, ACT_LANG, lang);
    assert_int_equal(browse_lang(t->b), lang);
    shot(&j, "home");

    /* Units: three bedrooms, 3-4 million, available only. */
    bt_tap_action(t, ACT_GO, SCENE_UNITS);
    assert_int_equal(browse_scene(t->b), SCENE_UNITS);
    bt_tap_action(t, UNITS_A_BEDROOMS, 3);
    bt_tap_action(t, UNITS_A_PRICE, 1);
    bt_tap_action(t, UNITS_A_AVAILABLE, 0);
    const unit_filter_t *f = browse_filter(t->b);
    assert_true(f->bedrooms & (1u << 3));
    assert_true(f->available_only);
    assert_true(f->price_max > 0);
    unit_filter_t g = *f;
    g.building = t->b->building;
    assert_int_equal(browse_match_count(t->b), filter_count(t->m, &g));
    shot(&j, "units-filtered");
    /* The tower on screen may have none: the tower chips say where. */
    int first = matching_cell(t, -1);
    for (int b = 0; first < 0 && b < t->m->n_buildings; b++) {
        bt_tap_action(t, UNITS_A_BUILDING, b);
        first = matching_cell(t, -1);
    }
    assert_true(first >= 0);

    /* Its detail and floor plan; a double tap zooms the plan. */
    rect_t r;
    assert_true(browse_find(t->b, ACT_OPEN_UNIT, first, &r));
    bt_tap(t, r.x + r.w / 2, r.y + r.h / 2);
    assert_int_equal(browse_scene(t->b), SCENE_UNIT);
    const unit_t *u = browse_current_unit(t->b);
    assert_non_null(u);
    assert_int_equal(t->m->unit_types[u->unit_type].bedrooms, 3);
    assert_int_equal(u->status, STATUS_AVAILABLE);
    assert_true(u->list_price <= f->price_max);
    assert_int_equal(images_state(t->b->images,
                                  t->m->unit_types[u->unit_type].floor_plan),
                     IMAGE_OK);
    shot(&j, "unit");
    rect_t plan;
    assert_true(browse_double_tap_area(t->b, &plan));
    int px = plan.x + plan.w / 2, py = plan.y + plan.h / 2;
    bt_touch(t, EV_TOUCH_DOWN, px, py, 1);
    t->now += 50;
    bt_touch(t, EV_TOUCH_UP, px, py, 1);
    t->now += 100;
    bt_touch(t, EV_TOUCH_DOWN, px + 3, py + 2, 1);
    t->now += 50;
    bt_touch(t, EV_TOUCH_UP, px + 3, py + 2, 1);
    bt_advance(t, 400);
    assert_true(t->b->plan_zoom > 1.5);
    shot(&j, "unit-plan-zoomed");
    bt_tap_action(t, ACT_SHORTLIST, first);
    assert_int_equal(browse_shortlist_count(t->b), 1);

    /* A second one to compare with. */
    bt_tap_action(t, ACT_BACK, 0);
    assert_int_equal(browse_scene(t->b), SCENE_UNITS);
    int second = matching_cell(t, first);
    for (int b = 0; second < 0 && b < t->m->n_buildings; b++) {
        bt_tap_action(t, UNITS_A_BUILDING, b);
        second = matching_cell(t, first);
    }
    assert_true(second >= 0);
    bt_tap_action(t, ACT_OPEN_UNIT, second);
    bt_tap_action(t, ACT_SHORTLIST, second);
    assert_int_equal(browse_shortlist_count(t->b), 2);
    bt_tap_action(t, ACT_COMPARE, 0);
    assert_int_equal(browse_scene(t->b), SCENE_COMPARE);
    shot(&j, "compare");

    /* The whole shortlist to the phone. */
    bt_tap_action(t, ACT_QR, -1);
    assert_int_equal(t->b->qr_open, 2);
    assert_non_null(strstr(t->b->qr_url, t->m->units[first].id));
    assert_non_null(strstr(t->b->qr_url, t->m->units[second].id));
    shot(&j, "compare-qr");
    bt_tap_action(t, ACT_QR_CLOSE, 0);
    assert_int_equal(t->b->qr_open, 0);

    /* Back to the first home: the mortgage for it. */
    bt_tap_action(t, ACT_OPEN_UNIT, first);
    assert_string_equal(browse_unit_id(t->b), t->m->units[first].id);
    bt_tap_action(t, ACT_MORTGAGE_FOR, first);
    assert_int_equal(browse_scene(t->b), SCENE_MORTGAGE);
    mortgage_in_t in;
    mortgage_out_t out;
    assert_int_equal(browse_mortgage(t->b, &in, &out), 0);
    assert_int_equal(in.price, t->m->units[first].list_price);
    assert_true(out.first_payment > 0 && out.total_interest > 0);
    shot(&j, "mortgage");

    /* And that one home to the phone. */
    bt_tap_action(t, ACT_BACK, 0);
    assert_int_equal(browse_scene(t->b), SCENE_UNIT);
    bt_tap_action(t, ACT_QR, first);
    assert_int_equal(t->b->qr_open, 1);
    assert_true(t->b->qr.width >= 21);
    shot(&j, "unit-qr");
    bt_tap(t, 2, h - 2); /* off the card: closes it */
    assert_int_equal(t->b->qr_open, 0);

    /* The visitor walks away: back to attract, nothing of theirs kept. */
    bt_advance(t, t->cfg.idle_seconds * 1000 + 100);
    assert_int_equal(browse_scene(t->b), SCENE_ATTRACT);
    assert_int_equal(browse_shortlist_count(t->b), 0);
    assert_int_equal(browse_session_size(t->b), 0);
    assert_int_equal(browse_lang(t->b), LANG_ZH_HANT);
    shot(&j, "attract-again");
    bt_close(t);
}

static void test_journey_zh_hant_landscape(void **state)
{
    (void)state;
    journey(1920, 1080, LANG_ZH_HANT);
}

static void test_journey_en_portrait(void **state)
{
    (void)state;
    journey(1080, 1920, LANG_EN);
}

static void test_journey_zh_hans_portrait(void **state)
{
    (void)state;
    journey(1080, 1920, LANG_ZH_HANS);
}

static void test_journey_en_landscape(void **state)
{
    (void)state;
    journey(1920, 1080, LANG_EN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_journey_zh_hant_landscape),
        cmocka_unit_test(test_journey_en_portrait),
        cmocka_unit_test(test_journey_zh_hans_portrait),
        cmocka_unit_test(test_journey_en_landscape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
