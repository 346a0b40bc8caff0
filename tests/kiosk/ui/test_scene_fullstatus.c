/* test_scene_fullstatus.c - a consultant sees the full statuses (issue 5).
 *
 * Signed out, the stacking plan, its list and compare show what customers
 * are told; with a consultant signed in they show the sales office's five
 * statuses in the wall board's colours, who holds a held home and a
 * countdown that ticks with the injected clock.  Screenshots
 * fullstatus-*.png are saved for a person to look at.
 */
#include "browsetest.h"

#include <string.h>

#include "scene_units.h"

/* Makes unit i held by consultant who, left_s seconds from t->now. */
static void hold(bt_t *t, int i, const char *who, int64_t left_s)
{
    unit_t *u = &t->m->units[i];
    model_change_t ch = {i, u->status};
    u->status = STATUS_HELD;
    /* Whole seconds: the countdown shows left_s at t->now exactly. */
    u->hold_expires_at = (t->now + 999) / 1000 + left_s;
    snprintf(u->held_by, sizeof u->held_by, "%s", who);
    browse_units_changed(t->b, &ch, 1);
}

static void set_status(bt_t *t, int i, unit_status_t s)
{
    unit_t *u = &t->m->units[i];
    model_change_t ch = {i, u->status};
    u->status = s;
    u->hold_expires_at = 0;
    u->held_by[0] = '\0';
    browse_units_changed(t->b, &ch, 1);
}

static void sign_in(bt_t *t, const char *id)
{
    snprintf(t->b->consultant, sizeof t->b->consultant, "%s", id);
    t->b->consultant_touch_ms = t->now;
    browse_dirty(t->b);
    bt_frame(t);
}

static void go_units(bt_t *t)
{
    bt_tap(t, t->w / 2, t->h / 2);
    assert_int_equal(browse_scene(t->b), SCENE_HOME);
    bt_tap_action(t, ACT_GO, SCENE_UNITS);
    assert_int_equal(browse_scene(t->b), SCENE_UNITS);
}

/* Units of the first tower on middle floors, one for each role. */
static void pick_units(bt_t *t, int *held, int *withheld, int *other)
{
    *held = *withheld = *other = -1;
    const building_t *bd = &t->m->buildings[0];
    for (int i = 0; i < t->m->n_units; i++) {
        const unit_t *u = &t->m->units[i];
        if (u->building != 0 || u->floor < bd->floors / 3 ||
            u->floor > bd->floors * 2 / 3)
            continue;
        if (*held < 0)
            *held = i;
        else if (*withheld < 0)
            *withheld = i;
        else if (*other < 0 && u->stack != t->m->units[*held].stack)
            *other = i;
    }
    assert_true(*held >= 0 && *withheld >= 0 && *other >= 0);
}

static void test_plan_colours_follow_the_mode(void **state)
{
    (void)state;
    bt_t t;
    bt_open_model(&t, 1920, 1080, bt_demo_with_consultants(600, NULL), LANG_ZH_HANT, NULL);
    int held, withheld, other;
    pick_units(&t, &held, &withheld, &other);
    go_units(&t);
    hold(&t, held, "c-chen", 12 * 60 + 34);
    hold(&t, other, "c-lin", 2 * 3600 + 5);
    set_status(&t, withheld, STATUS_WITHHELD);
    bt_frame(&t);

    /* Signed out: what customers are told (reserved), no countdown frames. */
    assert_null(browse_consultant(t.b));
    assert_false(browse_full_statuses(t.b));
    assert_true(bt_cell_share(&t, held,
                           browse_customer_status_color(CUSTOMER_RESERVED)) >= 30);
    assert_int_equal(bt_cell_share(&t, held, theme_status_fill[STATUS_HELD]), 0);
    t.now += 1000;
    assert_int_equal(bt_frame(&t), 0); /* nothing ticks for customers */

    /* Signed in: the board's colours. */
    sign_in(&t, "c-chen");
    assert_true(browse_full_statuses(t.b));
    assert_true(bt_cell_share(&t, held, theme_status_fill[STATUS_HELD]) >= 30);
    assert_int_equal(bt_cell_share(&t, held, browse_customer_status_color(
                                              CUSTOMER_RESERVED)),
                     0);
    assert_true(bt_cell_share(&t, withheld, theme_status_fill[STATUS_WITHHELD]) >=
                30);
    assert_string_equal(browse_unit_status_label(t.b, &t.m->units[withheld]),
                        "不可售");
    bt_save(&t, "fullstatus-plan-landscape");

    /* Who holds it, and a countdown that follows the clock (a second has
     * passed since the holds began). */
    char s[160];
    browse_fmt_hold(t.b, &t.m->units[held], s, sizeof s);
    assert_string_equal(s, "陳美玲 保留 · 剩 12:33");
    browse_fmt_hold(t.b, &t.m->units[other], s, sizeof s);
    assert_string_equal(s, "林志強 保留 · 剩 2:00:04");
    browse_fmt_hold(t.b, &t.m->units[withheld], s, sizeof s);
    assert_string_equal(s, "");
    assert_int_equal(bt_frame(&t), 0);
    t.now += 1000;
    assert_true(bt_frame(&t) > 0); /* the second ticked: a new frame */
    browse_fmt_hold(t.b, &t.m->units[held], s, sizeof s);
    assert_string_equal(s, "陳美玲 保留 · 剩 12:32");
    /* The loop may sleep until the next second, and no frame comes before. */
    int64_t wait = browse_update(t.b, t.now);
    assert_true(wait > 0 && wait <= 1000);
    t.now += wait - 1;
    assert_int_equal(bt_frame(&t), 0);
    t.now += 1;
    assert_true(bt_frame(&t) > 0);
    t.now += 20 * 60 * 1000; /* past the hold's end: 0:00, not less */
    t.b->consultant_touch_ms = t.now;
    t.b->last_input_ms = t.now;
    bt_frame(&t);
    browse_fmt_hold(t.b, &t.m->units[held], s, sizeof s);
    assert_string_equal(s, "陳美玲 保留 · 剩 0:00");

    /* Signed out again: the customer's colours come back. */
    browse_sign_out(t.b);
    bt_frame(&t);
    assert_true(bt_cell_share(&t, held,
                           browse_customer_status_color(CUSTOMER_RESERVED)) >= 30);
    bt_close(&t);
}

/* The list: the full status pill, the holder and countdown in the row;
 * "available only" still means available. */
static void test_list_shows_holder(void **state)
{
    (void)state;
    bt_t t;
    bt_open_model(&t, 1920, 1080, bt_demo_with_consultants(600, NULL), LANG_EN, NULL);
    go_units(&t);
    bt_tap_action(&t, UNITS_A_VIEW, VIEW_LIST);
    browse_refresh_list(t.b);
    assert_true(t.b->n_list > 4);
    int first = t.b->list[0];
    hold(&t, first, "c-chen", 12 * 60 + 34);
    hold(&t, t.b->list[1], "", 25 * 60);
    set_status(&t, t.b->list[2], STATUS_SUBSCRIBED);
    set_status(&t, t.b->list[3], STATUS_WITHHELD);
    sign_in(&t, "c-lin");

    char s[160];
    browse_fmt_hold(t.b, &t.m->units[first], s, sizeof s);
    assert_string_equal(s, "Held by Chen Meiling · 12:34 left");
    browse_fmt_hold(t.b, &t.m->units[t.b->list[1]], s, sizeof s);
    assert_string_equal(s, "Held · 25:00 left");
    assert_string_equal(browse_unit_status_label(t.b, &t.m->units[t.b->list[2]]),
                        "Subscribed");
    assert_string_equal(browse_consultant_name(t.b), "Lin Zhiqiang");
    /* The row's stripe is the held colour. */
    rect_t r;
    assert_true(browse_find(t.b, ACT_OPEN_UNIT, first, &r));
    assert_true(bt_near(bt_pixel(&t, r.x + 3, r.y + r.h / 2),
                     theme_status_fill[STATUS_HELD]));
    bt_save(&t, "fullstatus-list-landscape");

    /* Available only: the same homes in both modes. */
    int before = browse_match_count(t.b);
    bt_tap_action(&t, UNITS_A_AVAILABLE, 0);
    int signed_in = browse_match_count(t.b);
    browse_refresh_list(t.b);
    for (int k = 0; k < t.b->n_list; k++)
        assert_int_equal(t.m->units[t.b->list[k]].status, STATUS_AVAILABLE);
    browse_sign_out(t.b);
    bt_frame(&t);
    assert_int_equal(browse_match_count(t.b), signed_in);
    assert_true(signed_in < before);
    bt_close(&t);
}

static void test_portrait_and_compare(void **state)
{
    (void)state;
    bt_t t;
    bt_open_model(&t, 1080, 1920, bt_demo_with_consultants(600, NULL), LANG_ZH_HANT, NULL);
    int held, withheld, other;
    pick_units(&t, &held, &withheld, &other);
    go_units(&t);
    hold(&t, held, "c-chen", 12 * 60 + 34);
    set_status(&t, withheld, STATUS_WITHHELD);
    sign_in(&t, "c-chen");
    assert_true(bt_cell_share(&t, held, theme_status_fill[STATUS_HELD]) >= 30);
    bt_save(&t, "fullstatus-plan-portrait");
    bt_tap_action(&t, UNITS_A_VIEW, VIEW_LIST);
    browse_refresh_list(t.b);
    hold(&t, t.b->list[0], "c-lin", 5 * 60);
    bt_frame(&t);
    bt_save(&t, "fullstatus-list-portrait");

    /* Compare: the held unit's chip names the holder and ticks. */
    browse_toggle_shortlist(t.b, held);
    browse_toggle_shortlist(t.b, withheld);
    browse_toggle_shortlist(t.b, other);
    bt_frame(&t);
    bt_tap_action(&t, ACT_COMPARE, 0);
    assert_int_equal(browse_scene(t.b), SCENE_COMPARE);
    bt_save(&t, "fullstatus-compare-portrait");
    assert_int_equal(bt_frame(&t), 0);
    t.now += 1000;
    assert_true(bt_frame(&t) > 0);
    browse_sign_out(t.b);
    bt_frame(&t);
    t.now += 1000;
    assert_int_equal(bt_frame(&t), 0);
    bt_close(&t);

    bt_open_model(&t, 1920, 1080, bt_demo_with_consultants(600, NULL), LANG_EN, NULL);
    pick_units(&t, &held, &withheld, &other);
    go_units(&t);
    hold(&t, held, "c-chen", 12 * 60 + 34);
    set_status(&t, withheld, STATUS_WITHHELD);
    sign_in(&t, "c-chen");
    browse_toggle_shortlist(t.b, held);
    browse_toggle_shortlist(t.b, withheld);
    browse_toggle_shortlist(t.b, other);
    bt_frame(&t);
    bt_tap_action(&t, ACT_COMPARE, 0);
    bt_save(&t, "fullstatus-compare-landscape");
    bt_close(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan_colours_follow_the_mode),
        cmocka_unit_test(test_list_shows_holder),
        cmocka_unit_test(test_portrait_and_compare),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
