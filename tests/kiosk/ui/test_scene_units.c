/* test_scene_units.c - the units scene by finger: filters, towers, the
 * stacking plan, the sorted list, live changes, every size and language.
 *
 * Everything is set by tapping the controls the last frame drew (as a
 * customer would); the model is read to know what the screen must say.
 * Screenshots go to TEST_OUT as units-*.png for a person to look at.
 */
#include "browsetest.h"

#include "scene_units.h"

/* Wakes the kiosk and taps its way to the units scene. */
static void go_units(bt_t *t)
{
    bt_tap(t, t->w / 2, t->h / 2);
    assert_int_equal(browse_scene(t->b), SCENE_HOME);
    bt_tap_action(t, ACT_GO, SCENE_UNITS);
    assert_int_equal(browse_scene(t->b), SCENE_UNITS);
}

static int brightness(color_t c)
{
    return c.r + c.g + c.b;
}

/* The typical colour of a cell or row: the median (by brightness) of
 * pixels across its middle, so a number drawn on it does not count. */
static color_t typical_color(bt_t *t, rect_t r)
{
    color_t px[41];
    int n = 0;
    for (int i = 0; i < 41; i++) {
        int x = r.x + r.w / 10 + (r.w * 8 / 10) * i / 40;
        px[n++] = bt_pixel(t, x, r.y + r.h / 2);
    }
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && brightness(px[j]) < brightness(px[j - 1]); j--) {
            color_t c = px[j];
            px[j] = px[j - 1];
            px[j - 1] = c;
        }
    return px[n / 2];
}

static int bedrooms_of(const model_t *m, const unit_t *u)
{
    return m->unit_types[u->unit_type].bedrooms;
}

/* Taps 3 bedrooms and the second price band, then the tower with the most
 * matches; returns that tower. */
static int filter_three_bed_second_band(bt_t *t)
{
    bt_tap_action(t, UNITS_A_BEDROOMS, 3);
    bt_tap_action(t, UNITS_A_PRICE, 1);
    const unit_filter_t *bf = browse_filter(t->b);
    unit_filter_t f;
    filter_clear(&f);
    f.bedrooms = 1u << 3;
    f.price_min = bf->price_min;
    f.price_max = bf->price_max;
    int best = 0, best_n = -1;
    for (int i = 0; i < t->m->n_buildings; i++) {
        f.building = i;
        int n = filter_count(t->m, &f);
        if (n > best_n) {
            best_n = n;
            best = i;
        }
    }
    bt_tap_action(t, UNITS_A_BUILDING, best);
    return best;
}

static void test_filters_by_taps_match_the_model(void **state)
{
    (void)state;
    bt_t t;
    bt_open(&t, 1920, 1080, 2000, LANG_ZH_HANT, NULL);
    go_units(&t);
    int all = browse_match_count(t.b);
    int bld = filter_three_bed_second_band(&t);

    /* The filter the chips set is exactly 3 bedrooms in a price band. */
    const unit_filter_t *bf = browse_filter(t.b);
    assert_int_equal(bf->bedrooms, 1u << 3);
    assert_true(bf->price_min > 0);
    assert_true(bf->price_max > bf->price_min);
    assert_int_equal(bf->building, -1);

    /* The count on screen is the model's, counted three ways. */
    unit_filter_t f;
    filter_clear(&f);
    f.bedrooms = 1u << 3;
    f.price_min = bf->price_min;
    f.price_max = bf->price_max;
    f.building = bld;
    int by_hand = 0;
    for (int i = 0; i < t.m->n_units; i++) {
        const unit_t *u = &t.m->units[i];
        by_hand += u->building == bld && bedrooms_of(t.m, u) == 3 &&
                   u->list_price >= bf->price_min &&
                   u->list_price <= bf->price_max;
    }
    assert_true(by_hand > 0);
    assert_int_equal(browse_match_count(t.b), filter_count(t.m, &f));
    assert_int_equal(browse_match_count(t.b), by_hand);
    assert_true(by_hand < all);
    bt_save(&t, "units-01-filtered-plan");

    /* Every matching home of the tower is a cell a finger can tap. */
    for (int i = 0; i < t.m->n_units; i++) {
        rect_t r;
        if (t.m->units[i].building == bld &&
            filter_match(t.m, &f, &t.m->units[i]))
            assert_true(browse_find(t.b, ACT_OPEN_UNIT, i, &r));
    }

    /* The same band again lets every price through; clear-all resets. */
    bt_tap_action(&t, UNITS_A_PRICE, 1);
    assert_int_equal(browse_filter(t.b)->price_min, 0);
    assert_int_equal(browse_filter(t.b)->price_max, 0);
    f.price_min = f.price_max = 0;
    assert_int_equal(browse_match_count(t.b), filter_count(t.m, &f));
    bt_tap_action(&t, UNITS_A_AVAILABLE, 0);
    assert_int_equal(browse_filter(t.b)->available_only, 1);
    bt_tap_action(&t, UNITS_A_CLEAR, 0);
    assert_int_equal(browse_filter(t.b)->bedrooms, 0);
    assert_int_equal(browse_filter(t.b)->available_only, 0);
    f.building = bld;
    filter_clear(&f);
    f.building = bld;
    assert_int_equal(browse_match_count(t.b), filter_count(t.m, &f));
    bt_close(&t);
}

static void test_filtered_out_cells_are_dimmed(void **state)
{
    (void)state;
    bt_t t;
    bt_open(&t, 1920, 1080, 2000, LANG_ZH_HANT, NULL);
    go_units(&t);
    int bld = filter_three_bed_second_band(&t);
    unit_filter_t f = *browse_filter(t.b);
    f.building = bld;

    /* For each status a customer sees, a cell that matches and one that
     * does not: the one that does not is clearly darker. */
    int compared = 0;
    for (int s = CUSTOMER_AVAILABLE; s <= CUSTOMER_SOLD; s++) {
        int in = -1, out = -1;
        rect_t rin, rout;
        for (int i = 0; i < t.m->n_units; i++) {
            const unit_t *u = &t.m->units[i];
            rect_t r;
            if (u->building != bld ||
                (int)filter_customer_status(u->status, t.cfg.withheld_as_sold) != s ||
                !browse_find(t.b, ACT_OPEN_UNIT, i, &r) || r.h < 12)
                continue;
            if (filter_match(t.m, &f, u) && in < 0) {
                in = i;
                rin = r;
            } else if (!filter_match(t.m, &f, u) && out < 0) {
                out = i;
                rout = r;
            }
        }
        if (in < 0 || out < 0)
            continue;
        int lit = brightness(typical_color(&t, rin));
        int dim = brightness(typical_color(&t, rout));
        assert_true(dim * 10 < lit * 6);
        compared++;
    }
    assert_true(compared >= 1);
    bt_close(&t);
}

static void test_tap_a_cell_opens_that_home(void **state)
{
    (void)state;
    bt_t t;
    bt_open(&t, 1080, 1920, 2000, LANG_ZH_HANS, NULL);
    go_units(&t);
    int bld = filter_three_bed_second_band(&t);
    unit_filter_t f = *browse_filter(t.b);
    f.building = bld;
    int pick = -1;
    for (int i = 0; i < t.m->n_units && pick < 0; i++) {
        rect_t r;
        if (filter_match(t.m, &f, &t.m->units[i]) &&
            browse_find(t.b, ACT_OPEN_UNIT, i, &r))
            pick = i;
    }
    assert_true(pick >= 0);
    bt_save(&t, "units-02-portrait-zh-Hans");
    bt_tap_action(&t, ACT_OPEN_UNIT, pick);
    assert_int_equal(browse_scene(t.b), SCENE_UNIT);
    assert_non_null(browse_unit_id(t.b));
    assert_string_equal(browse_unit_id(t.b), t.m->units[pick].id);
    /* Back again, the tower and the filters are as the customer left them. */
    bt_tap_action(&t, ACT_BACK, 0);
    assert_int_equal(browse_scene(t.b), SCENE_UNITS);
    assert_int_equal(browse_filter(t.b)->bedrooms, 1u << 3);
    f.building = bld;
    assert_int_equal(browse_match_count(t.b), filter_count(t.m, &f));
    bt_close(&t);
}

/* Where the list's rows are (its background target). */
static rect_t list_area(bt_t *t)
{
    rect_t v;
    if (!browse_find(t->b, UNITS_A_SURFACE, 0, &v))
        fail_msg("no list on screen");
    return v;
}

/* A quick upward (dir 1) or downward (-1) stroke, then time for its
 * inertia to run out. */
static void fling(bt_t *t, rect_t v, int dir)
{
    int x = v.x + v.w / 3, y0 = v.y + v.h * 8 / 10, y1 = v.y + v.h * 2 / 10;
    if (dir > 0)
        bt_drag(t, x, y0, x, y1, 96);
    else
        bt_drag(t, x, y1, x, y0, 96);
    bt_advance(t, 5000);
}

static void test_list_sorts_and_scrolls(void **state)
{
    (void)state;
    bt_t t;
    bt_open(&t, 1080, 1920, 2000, LANG_EN, NULL);
    go_units(&t);
    bt_tap_action(&t, UNITS_A_VIEW, VIEW_LIST);
    assert_int_equal(t.b->view, VIEW_LIST);
    bt_tap_action(&t, UNITS_A_SORT, SORT_PRICE); /* already price: flips */
    bt_tap_action(&t, UNITS_A_SORT, SORT_AREA);
    bt_tap_action(&t, UNITS_A_SORT, SORT_PRICE);
    assert_int_equal(t.b->sort, SORT_PRICE);
    assert_int_equal(t.b->sort_desc, 0);

    /* The whole project, cheapest first, and drawn in that order. */
    browse_refresh_list(t.b);
    assert_int_equal(t.b->n_list, t.m->n_units);
    for (int k = 1; k < t.b->n_list; k++)
        assert_true(t.m->units[t.b->list[k - 1]].list_price <=
                    t.m->units[t.b->list[k]].list_price);
    rect_t r0, r1;
    assert_true(browse_find(t.b, ACT_OPEN_UNIT, t.b->list[0], &r0));
    assert_true(browse_find(t.b, ACT_OPEN_UNIT, t.b->list[1], &r1));
    assert_true(r0.y + r0.h <= r1.y);
    bt_save(&t, "units-03-list-en");

    /* Dearest first, then by area. */
    bt_tap_action(&t, UNITS_A_SORT, SORT_PRICE);
    assert_int_equal(t.b->sort_desc, 1);
    browse_refresh_list(t.b);
    for (int k = 1; k < t.b->n_list; k++)
        assert_true(t.m->units[t.b->list[k - 1]].list_price >=
                    t.m->units[t.b->list[k]].list_price);
    bt_tap_action(&t, UNITS_A_SORT, SORT_AREA);
    browse_refresh_list(t.b);
    for (int k = 1; k < t.b->n_list; k++)
        assert_true(t.m->units[t.b->list[k - 1]].area_built <=
                    t.m->units[t.b->list[k]].area_built);

    /* A slow drag moves the rows with the finger, exactly. */
    rect_t v = list_area(&t);
    int first = t.b->list[0];
    assert_true(browse_find(t.b, ACT_OPEN_UNIT, first, &r0));
    int x = v.x + v.w / 3;
    bt_drag(&t, x, v.y + v.h - 40, x, v.y + v.h - 340, 2400);
    assert_int_equal(t.b->list_scroll, 300);
    assert_true(browse_find(t.b, ACT_OPEN_UNIT, t.b->list[3], &r1));
    bt_save(&t, "units-04-list-scrolled");

    /* Fewer homes (4 bedrooms, available, high floors), then flings: the
     * list stops at its last row and stays there. */
    bt_tap_action(&t, UNITS_A_BEDROOMS, 4);
    bt_tap_action(&t, UNITS_A_AVAILABLE, 0);
    bt_tap_action(&t, UNITS_A_FLOOR, 2);
    assert_int_equal(t.b->list_scroll, 0);
    browse_refresh_list(t.b);
    int n = t.b->n_list;
    assert_true(n > 20);
    int last = t.b->list[n - 1];
    v = list_area(&t);
    for (int i = 0; i < 60 && !browse_find(t.b, ACT_OPEN_UNIT, last, &r1); i++)
        fling(&t, v, 1);
    assert_true(browse_find(t.b, ACT_OPEN_UNIT, last, &r1));
    assert_true(r1.y + r1.h <= v.y + v.h);
    int end = t.b->list_scroll;
    assert_true(end > 0);
    fling(&t, v, 1);
    fling(&t, v, 1);
    assert_int_equal(t.b->list_scroll, end);
    bt_save(&t, "units-05-list-end");
    for (int i = 0; i < 60 && t.b->list_scroll > 0; i++)
        fling(&t, v, -1);
    assert_int_equal(t.b->list_scroll, 0);
    assert_true(browse_find(t.b, ACT_OPEN_UNIT, t.b->list[0], &r0));

    /* A row is a way into the home. */
    bt_tap_action(&t, ACT_OPEN_UNIT, t.b->list[1]);
    assert_int_equal(browse_scene(t.b), SCENE_UNIT);
    assert_string_equal(browse_unit_id(t.b), t.m->units[t.b->list[1]].id);
    bt_close(&t);
}

static void check_controls(bt_t *t);

static void test_a_sale_shows_in_the_next_frame(void **state)
{
    (void)state;
    bt_t t;
    bt_open(&t, 1920, 1080, 2000, LANG_ZH_HANT, NULL);
    go_units(&t);
    int pick = -1;
    rect_t r;
    for (int i = 0; i < t.m->n_units && pick < 0; i++)
        if (t.m->units[i].building == 0 &&
            t.m->units[i].status == STATUS_AVAILABLE &&
            browse_find(t.b, ACT_OPEN_UNIT, i, &r) && r.h >= 12)
            pick = i;
    assert_true(pick >= 0);
    color_t before = typical_color(&t, r);
    assert_true(before.g > before.r); /* green: available */

    /* The sync worker stores the signing; the plan shows it at once. */
    model_change_t ch = {pick, STATUS_AVAILABLE};
    t.m->units[pick].status = STATUS_SIGNED;
    browse_units_changed(t.b, &ch, 1);
    assert_true(browse_needs_draw(t.b));
    assert_true(bt_frame(&t) > 0);
    color_t after = typical_color(&t, r);
    assert_true(after.r > after.g + 60); /* red: sold */
    bt_save(&t, "units-06-after-sale");

    /* A shortlisted home is marked on the plan; the top bar makes room
     * for the shortlist button beside the view switch. */
    int liked = -1;
    for (int i = 0; i < t.m->n_units && liked < 0; i++)
        if (i != pick && t.m->units[i].status == STATUS_AVAILABLE &&
            browse_find(t.b, ACT_OPEN_UNIT, i, &r))
            liked = i;
    assert_true(liked >= 0);
    browse_toggle_shortlist(t.b, liked);
    browse_toggle_shortlist(t.b, pick);
    bt_frame(&t);
    check_controls(&t);
    bt_save(&t, "units-07-shortlisted");

    /* With "available only" the list loses it in the next frame too. */
    bt_tap_action(&t, UNITS_A_AVAILABLE, 0);
    bt_tap_action(&t, UNITS_A_VIEW, VIEW_LIST);
    int other = -1;
    browse_refresh_list(t.b);
    for (int k = 0; k < t.b->n_list && other < 0; k++)
        if (browse_find(t.b, ACT_OPEN_UNIT, t.b->list[k], &r))
            other = t.b->list[k];
    assert_true(other >= 0);
    ch = (model_change_t){other, STATUS_AVAILABLE};
    t.m->units[other].status = STATUS_HELD;
    browse_units_changed(t.b, &ch, 1);
    bt_frame(&t);
    assert_false(browse_find(t.b, ACT_OPEN_UNIT, other, &r));
    bt_close(&t);
}

/* The finger-sized controls of a frame: inside the screen, none on top of
 * another. */
static void check_controls(bt_t *t)
{
    static const struct {
        int action, lo, hi;
    } kinds[] = {
        {UNITS_A_BEDROOMS, 0, FILTER_BEDROOMS_MAX},
        {UNITS_A_PRICE, 0, 4},
        {UNITS_A_AREA, 0, 4},
        {UNITS_A_FLOOR, 0, 2},
        {UNITS_A_ORIENT, 0, ORIENT_COUNT - 1},
        {UNITS_A_AVAILABLE, 0, 0},
        {UNITS_A_VIEW, 0, 1},
        {UNITS_A_SORT, 0, 2},
        {UNITS_A_BUILDING, 0, 63},
        {ACT_LANG, 0, LANG_COUNT - 1},
        {ACT_BACK, 0, 0},
        {ACT_HOME, 0, 0},
        {ACT_COMPARE, 0, 0},
    };
    rect_t found[128], s = {0, 0, t->w, t->h};
    int n = 0, min = (int)(64.0 * (t->w < t->h ? t->w : t->h) / 1080.0) - 1;
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
        for (int a = kinds[k].lo; a <= kinds[k].hi && n < 128; a++) {
            rect_t r;
            if (!browse_find(t->b, kinds[k].action, a, &r))
                continue;
            assert_true(rect_inside(r, s));
            assert_true(r.w >= min && r.h >= min);
            for (int i = 0; i < n; i++)
                if (rect_overlap(r, found[i]))
                    fail_msg("action %d arg %d overlaps another control",
                             kinds[k].action, a);
            found[n++] = r;
        }
    assert_true(n >= 12);
}

static void test_every_size_and_language(void **state)
{
    (void)state;
    static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {1280, 800},
                                   {800, 1280}};
    static const char *const langs[] = {"zh-Hant", "zh-Hans", "en"};
    for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++) {
        for (int l = 0; l < LANG_COUNT; l++) {
            bt_t t;
            char name[96];
            bt_open(&t, sizes[si][0], sizes[si][1], 2000, (lang_t)l, NULL);
            go_units(&t);
            bt_tap_action(&t, UNITS_A_BEDROOMS, 3);
            bt_tap_action(&t, UNITS_A_BUILDING, 4);
            check_controls(&t);
            /* The tower's homes are on screen as cells. */
            rect_t r;
            int cells = 0;
            for (int i = 0; i < t.m->n_units; i++)
                cells += t.m->units[i].building == 4 &&
                         browse_find(t.b, ACT_OPEN_UNIT, i, &r);
            assert_true(cells >= 20);
            snprintf(name, sizeof name, "units-10-%dx%d-%s-plan", sizes[si][0],
                     sizes[si][1], langs[l]);
            bt_save(&t, name);
            bt_tap_action(&t, UNITS_A_VIEW, VIEW_LIST);
            check_controls(&t);
            snprintf(name, sizeof name, "units-10-%dx%d-%s-list", sizes[si][0],
                     sizes[si][1], langs[l]);
            bt_save(&t, name);
            bt_close(&t);
        }
    }
}

static void test_tall_towers_and_many_towers(void **state)
{
    (void)state;
    /* 40 towers, one of 80 floors by 8, one of 3 floors by 12. */
    int floors[40], upf[40];
    for (int i = 0; i < 40; i++) {
        floors[i] = 10 + i % 7;
        upf[i] = 2 + i % 4;
    }
    floors[0] = 80;
    upf[0] = 8;
    floors[1] = 3;
    upf[1] = 12;
    bt_t t;
    bt_open_model(&t, 1920, 1080, ut_model_shapes(40, floors, upf), LANG_EN,
                  NULL);
    go_units(&t);
    bt_save(&t, "units-20-tall-tower");

    /* The tallest tower scrolls: its top floor first, the ground by drag. */
    const model_t *m = t.m;
    int top = -1, ground = -1;
    for (int i = 0; i < m->n_units; i++) {
        if (m->units[i].building != 0 || m->units[i].stack != 1)
            continue;
        if (m->units[i].floor == 80)
            top = i;
        if (m->units[i].floor == 1)
            ground = i;
    }
    rect_t r, v;
    assert_true(browse_find(t.b, ACT_OPEN_UNIT, top, &r));
    assert_false(browse_find(t.b, ACT_OPEN_UNIT, ground, &r));
    assert_true(browse_find(t.b, UNITS_A_SURFACE, 0, &v));
    for (int i = 0; i < 40 && !browse_find(t.b, ACT_OPEN_UNIT, ground, &r); i++)
        fling(&t, v, 1);
    assert_true(browse_find(t.b, ACT_OPEN_UNIT, ground, &r));
    assert_true(rect_inside(r, v));
    bt_save(&t, "units-21-tall-tower-ground");

    /* Too many towers for the rows: pages behind ‹ and ›. */
    int shown = 0;
    for (int i = 0; i < 40; i++)
        shown += browse_find(t.b, UNITS_A_BUILDING, i, &r);
    assert_true(shown < 40);
    /* A short wide tower fits without scrolling. */
    bt_tap_action(&t, UNITS_A_BUILDING, 1);
    assert_int_equal(t.b->building, 1);
    assert_int_equal(t.b->list_scroll, 0);
    for (int i = 0; i < m->n_units; i++)
        if (m->units[i].building == 1)
            assert_true(browse_find(t.b, ACT_OPEN_UNIT, i, &r));
    bt_save(&t, "units-22-wide-tower");
    /* Where the office shows units not released as such, they are slate
     * with bars, and the legend says so. */
    t.b->o.withheld_as_sold = 0;
    browse_invalidate(t.b);
    bt_frame(&t);
    for (int i = 0; i < m->n_units; i++) {
        if (m->units[i].building != 1 || m->units[i].status != STATUS_WITHHELD)
            continue;
        assert_true(browse_find(t.b, ACT_OPEN_UNIT, i, &r));
        color_t c = typical_color(&t, r), slate = RGB(0x5A6577);
        assert_true(abs(c.r - slate.r) < 16 && abs(c.g - slate.g) < 16 &&
                    abs(c.b - slate.b) < 16);
    }
    bt_save(&t, "units-22-wide-tower-not-released");
    /* Paging to the last tower: each time the control that leads
     * furthest (› or ‹, which wraps round), then the last tower itself. */
    for (int guard = 0; t.b->building < 39 && guard < 10; guard++) {
        int before = t.b->building, far = -1;
        for (int i = before + 1; i < 40; i++)
            if (browse_find(t.b, UNITS_A_BUILDING, i, &r))
                far = i;
        assert_true(far > before);
        bt_tap_action(&t, UNITS_A_BUILDING, far);
        assert_int_equal(t.b->building, far);
    }
    assert_int_equal(t.b->building, 39);
    bt_save(&t, "units-23-last-page");
    bt_close(&t);
}

static void double_tap(bt_t *t, int x, int y)
{
    bt_touch(t, EV_TOUCH_DOWN, x, y, 1);
    t->now += 50;
    bt_touch(t, EV_TOUCH_UP, x, y, 1);
    t->now += 80;
    bt_touch(t, EV_TOUCH_DOWN, x + 1, y, 1);
    t->now += 50;
    bt_touch(t, EV_TOUCH_UP, x + 1, y, 1);
    bt_advance(t, 500);
}

static void test_odd_touches_do_no_harm(void **state)
{
    (void)state;
    bt_t t;
    bt_open(&t, 1920, 1080, 2000, LANG_ZH_HANT, NULL);
    go_units(&t);
    int cell = -1;
    rect_t r, v;
    for (int i = 0; i < t.m->n_units && cell < 0; i++)
        if (browse_find(t.b, ACT_OPEN_UNIT, i, &r))
            cell = i;
    assert_true(cell >= 0);
    int cx = r.x + r.w / 2, cy = r.y + r.h / 2;
    unit_filter_t before = *browse_filter(t.b);

    /* Empty space in the filter panel, the plan's margin. */
    assert_true(browse_find(t.b, UNITS_A_SURFACE, 0, &v));
    bt_tap(&t, v.x + 4, v.y + 4);
    bt_tap(&t, t.w - 6, t.h - 6);
    assert_int_equal(browse_scene(t.b), SCENE_UNITS);
    /* A double tap on the plan's margin does nothing; on a cell it is at
     * most a tap: that home opens, nothing else. */
    double_tap(&t, v.x + 6, v.y + v.h - 6);
    assert_int_equal(browse_scene(t.b), SCENE_UNITS);
    double_tap(&t, cx, cy);
    if (browse_scene(t.b) != SCENE_UNITS) {
        assert_int_equal(browse_scene(t.b), SCENE_UNIT);
        assert_string_equal(browse_unit_id(t.b), t.m->units[cell].id);
        bt_tap_action(&t, ACT_BACK, 0);
        assert_int_equal(browse_scene(t.b), SCENE_UNITS);
    }
    /* A very long press on a cell. */
    bt_touch(&t, EV_TOUCH_DOWN, cx, cy, 1);
    bt_advance(&t, 8000);
    bt_touch(&t, EV_TOUCH_UP, cx, cy, 1);
    bt_advance(&t, 500);
    assert_int_equal(browse_scene(t.b), SCENE_UNITS);
    /* Ten fingers on the plan and the chips, moved, lifted. */
    for (int f = 0; f < 10; f++)
        bt_touch(&t, EV_TOUCH_DOWN, 100 + f * 180, 200 + (f % 4) * 200, 10 + f);
    t.now += 100;
    for (int f = 0; f < 10; f++)
        bt_touch(&t, EV_TOUCH_MOVE, 130 + f * 180, 260 + (f % 4) * 200, 10 + f);
    for (int f = 0; f < 10; f++)
        bt_touch(&t, EV_TOUCH_UP, 130 + f * 180, 260 + (f % 4) * 200, 10 + f);
    bt_advance(&t, 1000);
    assert_int_equal(browse_scene(t.b), SCENE_UNITS);
    assert_memory_equal(&before, browse_filter(t.b), sizeof before);
    /* The same in the list, with a fling thrown in. */
    bt_tap_action(&t, UNITS_A_VIEW, VIEW_LIST);
    v = list_area(&t);
    fling(&t, v, 1);
    for (int f = 0; f < 10; f++)
        bt_touch(&t, EV_TOUCH_DOWN, v.x + 20 + f * 60, v.y + 100, 30 + f);
    for (int f = 0; f < 10; f++)
        bt_touch(&t, EV_TOUCH_UP, v.x + 20 + f * 60, v.y + 100, 30 + f);
    bt_advance(&t, 1000);
    bt_tap(&t, -500, 99999);
    assert_true(t.b->list_scroll >= 0);
    bt_close(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_filters_by_taps_match_the_model),
        cmocka_unit_test(test_filtered_out_cells_are_dimmed),
        cmocka_unit_test(test_tap_a_cell_opens_that_home),
        cmocka_unit_test(test_list_sorts_and_scrolls),
        cmocka_unit_test(test_a_sale_shows_in_the_next_frame),
        cmocka_unit_test(test_every_size_and_language),
        cmocka_unit_test(test_tall_towers_and_many_towers),
        cmocka_unit_test(test_odd_touches_do_no_harm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
