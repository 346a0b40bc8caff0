/* test_scene_unit.c - a unit in detail, and the shortlist side by side.
 *
 * The detail page's floor plan under fingers (double tap, pinch, drag,
 * the zoom buttons), its facts and status, the shortlist, the QR hand-off,
 * pictures that are missing or damaged, a unit sold while the customer
 * looks at it, and the compare page's columns, highlighted differences,
 * picker and empty state.  Plans are the demo's own pictures, stored by
 * their SHA-256 as the sync worker would.
 */
#include "browsetest.h"

#include "media.h"

#define ACT_UNIT_PLAN (ACTION_BASE(SCENE_UNIT) + 1)  /* scene_unit.c */
#define ACT_UNIT_ZOOM_IN (ACTION_BASE(SCENE_UNIT) + 2)
#define ACT_UNIT_ZOOM_RESET (ACTION_BASE(SCENE_UNIT) + 4)
#define ACT_COMPARE_PICK (ACTION_BASE(SCENE_COMPARE) + 1) /* scene_compare.c */
#define PAPER RGB(0xF7F5F1) /* the plans' paper, and the card under them */

/* ---- floor plans ----------------------------------------------------------- */

/* The demo's plans (assets/demo/media/plan-A.png ..): the bytes a sync
 * worker would have stored.  Caller frees. */
static unsigned char *plan_bytes(int type, size_t *n)
{
    char path[600];
    snprintf(path, sizeof path, "%s/demo/media/plan-%c.png",
             tu_env("ASSETS", "assets"), 'A' + type % 5);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("%s: missing (the demo's pictures, make media)", path);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long len = ftell(f);
    assert_true(len > 0);
    rewind(f);
    unsigned char *p = malloc((size_t)len);
    assert_non_null(p);
    assert_int_equal(fread(p, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return p;
}

/* Stores a plan for every unit type of m in dir, by its SHA-256, and names
 * it there.  The first plan's name goes to first (to damage it later). */
static void give_plans(model_t *m, const char *dir, char first[65])
{
    for (int i = 0; i < m->n_unit_types; i++) {
        size_t n;
        diag_t d;
        unsigned char *png = plan_bytes(i, &n);
        char sha[65];
        media_sha256_hex(png, n, sha);
        if (media_store(dir, sha, png, n, &d) != 0)
            fail_msg("%s", d.msg);
        snprintf(m->unit_types[i].floor_plan, MODEL_SHA_SIZE, "%s", sha);
        if (i == 0 && first)
            snprintf(first, 65, "%s", sha);
        free(png);
    }
}

static model_t *demo_model(int units)
{
    demo_params_t p = {20261127, units, UT_NOW_MS / 1000, NULL};
    model_t *m = NULL;
    diag_t d;
    assert_int_equal(demo_generate(&p, &m, &d), 0);
    return m;
}

/* A browser of w x h over the demo project with plans in dir (NULL: none
 * given at all). */
static void open_with_plans(bt_t *t, int w, int h, lang_t lang,
                            const char *dir)
{
    model_t *m = demo_model(600);
    if (dir)
        give_plans(m, dir, NULL);
    bt_open_model(t, w, h, m, lang, dir);
}

/* ---- looking at pixels ----------------------------------------------------- */

static int same(color_t a, color_t b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* Pixels of exactly colour c in r, sampling every step-th pixel. */
static int count_color(bt_t *t, rect_t r, color_t c, int step)
{
    int n = 0;
    for (int y = r.y; y < r.y + r.h; y += step)
        for (int x = r.x; x < r.x + r.w; x += step)
            if (x >= 0 && y >= 0 && x < t->w && y < t->h &&
                same(bt_pixel(t, x, y), c))
                n++;
    return n;
}

/* Dark pixels (any channel sum below 200) in r, every step-th. */
static int count_dark(bt_t *t, rect_t r, int step)
{
    int n = 0;
    for (int y = r.y; y < r.y + r.h; y += step)
        for (int x = r.x; x < r.x + r.w; x += step) {
            color_t c = bt_pixel(t, x, y);
            n += c.r + c.g + c.b < 200;
        }
    return n;
}

static rect_t find(bt_t *t, int action, int arg)
{
    rect_t r;
    if (!browse_find(t->b, action, arg, &r))
        fail_msg("no control for action %d arg %d on scene %d", action, arg,
                 (int)browse_scene(t->b));
    return r;
}

/* Every control the scene drew for these actions lies on the screen. */
static void assert_on_screen(bt_t *t, const int *actions, const int *args,
                             int n)
{
    rect_t s = {0, 0, t->w, t->h};
    for (int i = 0; i < n; i++) {
        rect_t r = find(t, actions[i], args[i]);
        if (!rect_inside(r, s))
            fail_msg("action %d at %d,%d %dx%d is off the %dx%d screen",
                     actions[i], r.x, r.y, r.w, r.h, t->w, t->h);
    }
}

static int current_index(bt_t *t)
{
    int k = model_find_unit(t->m, browse_unit_id(t->b));
    assert_true(k >= 0);
    return k;
}

static void double_tap(bt_t *t, int x, int y)
{
    bt_touch(t, EV_TOUCH_DOWN, x, y, 1);
    t->now += 50;
    bt_touch(t, EV_TOUCH_UP, x, y, 1);
    t->now += 80;
    bt_touch(t, EV_TOUCH_DOWN, x + 2, y + 1, 1);
    t->now += 50;
    bt_touch(t, EV_TOUCH_UP, x + 2, y + 1, 1);
    bt_advance(t, 400);
}

/* Two fingers spread from span0 to span1 px around (x, y). */
static void pinch(bt_t *t, int x, int y, int span0, int span1)
{
    bt_touch(t, EV_TOUCH_DOWN, x - span0 / 2, y, 5);
    bt_touch(t, EV_TOUCH_DOWN, x + span0 / 2, y, 6);
    for (int i = 1; i <= 10; i++) {
        int s = span0 + (span1 - span0) * i / 10;
        t->now += 16;
        bt_touch(t, EV_TOUCH_MOVE, x - s / 2, y, 5);
        bt_touch(t, EV_TOUCH_MOVE, x + s / 2, y, 6);
    }
    bt_touch(t, EV_TOUCH_UP, x - span1 / 2, y, 5);
    bt_touch(t, EV_TOUCH_UP, x + span1 / 2, y, 6);
    bt_advance(t, 100);
}

/* ---- the detail page -------------------------------------------------------- */

static void test_detail_shows_plan_facts_and_status(void **state)
{
    (void)state;
    char dir[256];
    tu_mkdtemp(dir, sizeof dir);
    static const struct {
        int w, h;
        lang_t lang;
        const char *name;
    } screens[] = {
        {1920, 1080, LANG_ZH_HANT, "unit-01-landscape-zh-Hant"},
        {1080, 1920, LANG_EN, "unit-02-portrait-en"},
        {1280, 800, LANG_ZH_HANS, "unit-03-1280x800-zh-Hans"},
        {1920, 1080, LANG_EN, "unit-04-landscape-en"},
    };
    for (size_t s = 0; s < sizeof screens / sizeof *screens; s++) {
        bt_t t;
        open_with_plans(&t, screens[s].w, screens[s].h, screens[s].lang, dir);
        assert_int_equal(browse_preview(t.b, "unit"), 0);
        bt_frame(&t);
        assert_int_equal(browse_scene(t.b), SCENE_UNIT);
        int k = current_index(&t);
        bt_save(&t, screens[s].name);

        /* The plan: dark walls on a white card, inside its panel. */
        rect_t plan = find(&t, ACT_UNIT_PLAN, 0);
        assert_true(count_color(&t, plan, PAPER, 4) > plan.w * plan.h / 64);
        assert_true(count_dark(&t, plan, 2) > 50);
        /* The status chip: green for a unit for sale, and nothing red. */
        rect_t s_all = {0, 0, t.w, t.h};
        color_t green = browse_customer_status_color(CUSTOMER_AVAILABLE);
        color_t red = browse_customer_status_color(CUSTOMER_SOLD);
        assert_true(count_color(&t, s_all, green, 2) > 300);
        assert_int_equal(count_color(&t, s_all, red, 2), 0);
        /* The things to do, finger-sized, on screen and clear of the plan. */
        int acts[] = {ACT_SHORTLIST, ACT_MORTGAGE_FOR, ACT_QR, ACT_BACK};
        int args[] = {k, k, k, 0};
        assert_on_screen(&t, acts, args, 4);
        for (int i = 0; i < 3; i++) {
            rect_t r = find(&t, acts[i], args[i]);
            int min = 64 * imin(t.w, t.h) / 1080;
            assert_true(r.w >= min && r.h >= min);
            assert_false(rect_overlap(r, plan));
        }
        /* Compare needs two shortlisted: not a target yet. */
        rect_t r;
        assert_false(browse_find(t.b, ACT_COMPARE, 1, &r));
        bt_close(&t);
    }
    tu_rmdir(dir);
}

static void test_plan_zooms_and_pans_under_fingers(void **state)
{
    (void)state;
    char dir[256];
    tu_mkdtemp(dir, sizeof dir);
    bt_t t;
    open_with_plans(&t, 1920, 1080, LANG_ZH_HANT, dir);
    assert_int_equal(browse_preview(t.b, "unit"), 0);
    bt_frame(&t);
    int k = current_index(&t);
    rect_t plan = find(&t, ACT_UNIT_PLAN, 0);
    int cx = plan.x + plan.w / 2, cy = plan.y + plan.h / 2;
    rect_t rr;
    assert_false(browse_find(t.b, ACT_UNIT_ZOOM_RESET, 0, &rr));

    /* A double tap zooms in around the finger, another zooms back out. */
    double_tap(&t, cx - plan.w / 5, cy - plan.h / 5);
    assert_true(t.b->plan_zoom > 2.4);
    assert_true(t.b->plan_cx < 0.5 && t.b->plan_cy < 0.5);
    assert_true(browse_find(t.b, ACT_UNIT_ZOOM_RESET, 0, &rr));
    bt_save(&t, "unit-05-plan-zoomed");
    double_tap(&t, cx, cy);
    assert_true(t.b->plan_zoom < 1.001);
    assert_true(t.b->plan_cx == 0.5 && t.b->plan_cy == 0.5);

    /* At 1x a drag does not move the plan. */
    bt_drag(&t, cx, cy, cx + 200, cy + 100, 300);
    bt_advance(&t, 1000);
    assert_true(t.b->plan_cx == 0.5 && t.b->plan_cy == 0.5);

    /* Two fingers spreading zoom in; their centre stays put. */
    pinch(&t, cx, cy, 100, 300);
    assert_true(t.b->plan_zoom > 2.5 && t.b->plan_zoom <= 4.0);
    double z = t.b->plan_zoom;
    pinch(&t, cx, cy, 100, 900); /* far past the limit */
    assert_true(t.b->plan_zoom <= 4.0 + 1e-9);
    assert_true(t.b->plan_zoom >= z);

    /* Dragging pans; a long drag stops at the plan's edge. */
    double x0 = t.b->plan_cx;
    bt_drag(&t, cx, cy, cx - 150, cy, 400);
    bt_advance(&t, 1000);
    assert_true(t.b->plan_cx > x0);
    double px = -1, py = -1;
    for (int i = 0; i < 6; i++) {
        px = t.b->plan_cx;
        py = t.b->plan_cy;
        bt_drag(&t, cx, cy, cx - 2000, cy - 2000, 200);
        bt_advance(&t, 2000);
    }
    /* Pinned at the bottom right corner: more dragging changes nothing. */
    assert_true(t.b->plan_cx == px && t.b->plan_cy == py);
    /* The view's half width is at least 0.5 / zoom of the plan (more on
     * the side where the plan is narrower than its box). */
    double half = 0.5 / t.b->plan_zoom;
    assert_true(t.b->plan_cx > 0.5 && t.b->plan_cx <= 1.0 - half + 1e-9);
    assert_true(t.b->plan_cy >= 0.5 && t.b->plan_cy <= 1.0 - half + 1e-9);
    bt_save(&t, "unit-06-plan-panned");

    /* The + button and the reset, for those who do not pinch. */
    bt_tap_action(&t, ACT_UNIT_ZOOM_RESET, 0);
    assert_true(t.b->plan_zoom < 1.001);
    bt_tap_action(&t, ACT_UNIT_ZOOM_IN, 0);
    assert_true(t.b->plan_zoom > 1.4 && t.b->plan_zoom < 1.6);

    /* A tap off the plan still reaches the buttons. */
    assert_int_equal(browse_shortlist_count(t.b), 0);
    bt_tap_action(&t, ACT_SHORTLIST, k);
    assert_int_equal(browse_shortlist_count(t.b), 1);
    assert_true(t.b->plan_zoom > 1.4); /* and left the plan alone */
    /* A double tap off the plan does not zoom it. */
    rect_t sl = find(&t, ACT_SHORTLIST, k);
    double_tap(&t, sl.x + sl.w / 2, sl.y + sl.h / 2);
    assert_true(t.b->plan_zoom > 1.4 && t.b->plan_zoom < 1.6);
    assert_int_equal(browse_shortlist_count(t.b), 1);
    bt_close(&t);
    tu_rmdir(dir);
}

static void test_qr_hands_the_unit_to_a_phone(void **state)
{
    (void)state;
    bt_t t;
    bt_open(&t, 1080, 1920, 600, LANG_ZH_HANT, NULL);
    assert_int_equal(browse_preview(t.b, "unit"), 0);
    bt_frame(&t);
    int k = current_index(&t);
    bt_tap_action(&t, ACT_QR, k);
    assert_int_equal(t.b->qr_open, 1);
    assert_non_null(strstr(t.b->qr_url, t.m->units[k].id));
    bt_save(&t, "unit-07-qr-portrait");
    /* Dark and light modules across the middle of the card. */
    rect_t mid = {0, t.h / 2 - 40, t.w, 80};
    assert_true(count_color(&t, mid, RGB(0x000000), 2) > 200);
    assert_true(count_color(&t, mid, RGB(0xFFFFFF), 2) > 200);
    bt_tap_action(&t, ACT_QR_CLOSE, 0);
    assert_int_equal(t.b->qr_open, 0);
    assert_int_equal(browse_scene(t.b), SCENE_UNIT);
    bt_close(&t);
}

static void test_missing_or_damaged_plan_shows_a_placeholder(void **state)
{
    (void)state;
    char dir[256], first[65], path[400];
    tu_mkdtemp(dir, sizeof dir);
    model_t *m = demo_model(600);
    give_plans(m, dir, first);
    /* Type 1's plan never arrived; type 0's is damaged on disk. */
    snprintf(m->unit_types[1].floor_plan, MODEL_SHA_SIZE, "%064d", 7);
    assert_int_equal(media_path(dir, first, path, sizeof path), 0);
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, 100, SEEK_SET);
    fputc(0x5A, f);
    fclose(f);
    bt_t t;
    bt_open_model(&t, 1920, 1080, m, LANG_EN, dir);
    bt_tap(&t, 500, 500);
    for (int type = 0; type < 2; type++) {
        int k = -1;
        for (int i = 0; i < t.m->n_units && k < 0; i++)
            if (t.m->units[i].unit_type == type)
                k = i;
        assert_true(k >= 0);
        /* Open it as the units list would. */
        snprintf(t.b->unit_id, sizeof t.b->unit_id, "%s", t.m->units[k].id);
        browse_go(t.b, SCENE_UNIT);
        bt_frame(&t);
        assert_int_equal(images_state(t.b->images, t.m->unit_types[type].floor_plan),
                         type == 0 ? IMAGE_BROKEN : IMAGE_MISSING);
        rect_t plan = find(&t, ACT_UNIT_PLAN, 0);
        /* The placeholder: a dark panel, no white paper, no zooming. */
        assert_int_equal(count_color(&t, plan, PAPER, 4), 0);
        assert_true(count_color(&t, plan, RGB(0x1A2740), 4) > 1000);
        double_tap(&t, plan.x + plan.w / 2, plan.y + plan.h / 3);
        assert_true(t.b->plan_zoom < 1.001);
        rect_t r;
        assert_false(browse_find(t.b, ACT_UNIT_ZOOM_IN, 0, &r));
        bt_save(&t, type == 0 ? "unit-08-plan-damaged" : "unit-09-plan-missing");
    }
    bt_close(&t);
    tu_rmdir(dir);
}

static void test_unit_sold_meanwhile_says_so(void **state)
{
    (void)state;
    static const struct {
        int w, h;
        lang_t lang;
        const char *name;
    } screens[] = {
        {1920, 1080, LANG_ZH_HANT, "unit-10-sold-landscape"},
        {1080, 1920, LANG_EN, "unit-11-sold-portrait-en"},
        {1280, 800, LANG_ZH_HANS, "unit-12-sold-1280x800-zh-Hans"},
    };
    for (size_t s = 0; s < sizeof screens / sizeof *screens; s++) {
        bt_t t;
        bt_open(&t, screens[s].w, screens[s].h, 600, screens[s].lang, NULL);
        assert_int_equal(browse_preview(t.b, "unit"), 0);
        bt_frame(&t);
        int k = current_index(&t);
        rect_t r;
        assert_false(browse_find(t.b, ACT_GO, SCENE_UNITS, &r));
        assert_true(browse_find(t.b, ACT_MORTGAGE_FOR, k, &r));

        /* The sync worker stores the contract. */
        model_change_t ch = {k, t.m->units[k].status};
        t.m->units[k].status = STATUS_SIGNED;
        t.m->units[k].version++;
        browse_units_changed(t.b, &ch, 1);
        assert_true(bt_frame(&t) > 0);
        /* The next frame says so, with the way on; no mortgage for it. */
        rect_t on = find(&t, ACT_GO, SCENE_UNITS);
        assert_false(browse_find(t.b, ACT_MORTGAGE_FOR, k, &r));
        assert_true(browse_find(t.b, ACT_SHORTLIST, k, &r));
        assert_true(browse_find(t.b, ACT_QR, k, &r));
        rect_t banner = {0, on.y - 10, t.w, on.h + 20};
        assert_true(count_color(&t, banner, RGB(0xF3E6C4), 2) > 1000);
        rect_t s_all = {0, 0, t.w, t.h};
        color_t green = browse_customer_status_color(CUSTOMER_AVAILABLE);
        color_t red = browse_customer_status_color(CUSTOMER_SOLD);
        assert_int_equal(count_color(&t, s_all, green, 2), 0);
        assert_true(count_color(&t, s_all, red, 2) > 300);
        int acts[] = {ACT_GO, ACT_SHORTLIST, ACT_QR};
        int args[] = {SCENE_UNITS, k, k};
        assert_on_screen(&t, acts, args, 3);
        bt_save(&t, screens[s].name);
        bt_tap_action(&t, ACT_GO, SCENE_UNITS);
        assert_int_equal(browse_scene(t.b), SCENE_UNITS);
        bt_close(&t);
    }
}

/* ---- compare ----------------------------------------------------------------- */

/* Runs of the gold accent down the left edge of the compare table: one a
 * highlighted row, plus the legend's swatch. */
static int gold_runs(bt_t *t)
{
    int x = 40 * imin(t->w, t->h) / 1080 + 2, runs = 0, in = 0;
    for (int y = 0; y < t->h; y++) {
        int g = same(bt_pixel(t, x, y), THEME_ACCENT);
        runs += g && !in;
        in = g;
    }
    return runs;
}

static void test_shortlist_then_compare(void **state)
{
    (void)state;
    char dir[256];
    tu_mkdtemp(dir, sizeof dir);
    static const struct {
        int w, h;
        lang_t lang;
        const char *name;
    } screens[] = {
        {1920, 1080, LANG_ZH_HANT, "compare-01-two-landscape"},
        {1080, 1920, LANG_EN, "compare-02-two-portrait-en"},
        {1280, 800, LANG_ZH_HANS, "compare-03-two-1280x800-zh-Hans"},
    };
    for (size_t s = 0; s < sizeof screens / sizeof *screens; s++) {
        bt_t t;
        open_with_plans(&t, screens[s].w, screens[s].h, screens[s].lang, dir);
        assert_int_equal(browse_preview(t.b, "unit"), 0);
        bt_frame(&t);
        int a = current_index(&t);
        /* Another unit of the same type and orientation, higher up, whose
         * areas match: only floor and the prices differ. */
        int c = -1;
        for (int i = 0; i < t.m->n_units && c < 0; i++) {
            unit_t *u = &t.m->units[i];
            if (i != a && u->unit_type == t.m->units[a].unit_type &&
                u->orientation == t.m->units[a].orientation &&
                u->floor > t.m->units[a].floor + 3 && u->status == STATUS_AVAILABLE)
                c = i;
        }
        assert_true(c >= 0);
        t.m->units[c].area_built = t.m->units[a].area_built;
        t.m->units[c].area_inner = t.m->units[a].area_inner;
        t.m->units[c].list_price = t.m->units[a].list_price + 12300000;
        t.m->units[c].unit_price = t.m->units[c].list_price * 100 /
                                   t.m->units[c].area_built;

        /* Shortlist this one by tapping; the button turns cream. */
        bt_tap_action(&t, ACT_SHORTLIST, a);
        assert_int_equal(browse_shortlist_count(t.b), 1);
        rect_t sl = find(&t, ACT_SHORTLIST, a);
        assert_true(same(bt_pixel(&t, sl.x + sl.w / 8, sl.y + sl.h / 2),
                         RGB(0xF3E3B5)));
        rect_t r;
        assert_false(browse_find(t.b, ACT_COMPARE, 1, &r));
        /* The other from the list (the units scene's job). */
        browse_toggle_shortlist(t.b, c);
        bt_frame(&t);
        bt_tap_action(&t, ACT_COMPARE, 1);
        assert_int_equal(browse_scene(t.b), SCENE_COMPARE);

        /* Both columns, each opening its unit, each with its ×. */
        assert_true(browse_find(t.b, ACT_OPEN_UNIT, a, &r));
        assert_true(browse_find(t.b, ACT_OPEN_UNIT, c, &r));
        int acts[] = {ACT_SHORTLIST, ACT_SHORTLIST, ACT_QR, ACT_BACK};
        int args[] = {a, c, -1, 0};
        assert_on_screen(&t, acts, args, 4);
        /* Four rows differ (floor, price, per m², monthly): four gold
         * marks, and the legend's. */
        assert_int_equal(gold_runs(&t), 5);
        bt_save(&t, screens[s].name);

        /* The whole shortlist to the phone. */
        bt_tap_action(&t, ACT_QR, -1);
        assert_int_equal(t.b->qr_open, 2);
        assert_non_null(strstr(t.b->qr_url, t.m->units[a].id));
        assert_non_null(strstr(t.b->qr_url, t.m->units[c].id));
        bt_tap_action(&t, ACT_QR_CLOSE, 0);

        /* A column's head opens the unit; back returns. */
        bt_tap_action(&t, ACT_OPEN_UNIT, c);
        assert_int_equal(browse_scene(t.b), SCENE_UNIT);
        assert_string_equal(browse_unit_id(t.b), t.m->units[c].id);
        bt_tap_action(&t, ACT_BACK, 0);
        assert_int_equal(browse_scene(t.b), SCENE_COMPARE);

        /* × takes one off: one left is nothing to compare. */
        bt_tap_action(&t, ACT_SHORTLIST, a);
        assert_int_equal(browse_shortlist_count(t.b), 1);
        assert_false(browse_find(t.b, ACT_OPEN_UNIT, c, &r));
        assert_true(browse_find(t.b, ACT_GO, SCENE_UNITS, &r));
        if (s == 0)
            bt_save(&t, "compare-04-one-left");
        bt_close(&t);
    }
    tu_rmdir(dir);
}

static void test_compare_picks_three_of_many(void **state)
{
    (void)state;
    char dir[256];
    tu_mkdtemp(dir, sizeof dir);
    for (int portrait = 0; portrait < 2; portrait++) {
        bt_t t;
        open_with_plans(&t, portrait ? 1080 : 1920, portrait ? 1920 : 1080,
                        portrait ? LANG_EN : LANG_ZH_HANT, dir);
        bt_tap(&t, 500, 500);
        int picks[5], n = 0;
        for (int i = 0; i < t.m->n_units && n < 5; i += 37)
            picks[n++] = i;
        for (int i = 0; i < n; i++)
            browse_toggle_shortlist(t.b, picks[i]);
        browse_go(t.b, SCENE_COMPARE);
        bt_frame(&t);
        rect_t r;
        /* The first three by default, with a chip for each of the five. */
        for (int i = 0; i < n; i++) {
            assert_int_equal(browse_find(t.b, ACT_OPEN_UNIT, picks[i], &r), i < 3);
            assert_true(browse_find(t.b, ACT_COMPARE_PICK, picks[i], &r));
        }
        /* Picking the fifth shows it in place of the first. */
        bt_tap_action(&t, ACT_COMPARE_PICK, picks[4]);
        assert_false(browse_find(t.b, ACT_OPEN_UNIT, picks[0], &r));
        assert_true(browse_find(t.b, ACT_OPEN_UNIT, picks[1], &r));
        assert_true(browse_find(t.b, ACT_OPEN_UNIT, picks[2], &r));
        assert_true(browse_find(t.b, ACT_OPEN_UNIT, picks[4], &r));
        /* Then the fourth in place of the second. */
        bt_tap_action(&t, ACT_COMPARE_PICK, picks[3]);
        assert_false(browse_find(t.b, ACT_OPEN_UNIT, picks[1], &r));
        assert_true(browse_find(t.b, ACT_OPEN_UNIT, picks[3], &r));
        assert_true(browse_find(t.b, ACT_OPEN_UNIT, picks[4], &r));
        bt_save(&t, portrait ? "compare-06-picker-portrait-en"
                             : "compare-05-picker-landscape");
        /* Removing a shown one brings an unshown one in. */
        bt_tap_action(&t, ACT_SHORTLIST, picks[3]);
        assert_int_equal(browse_shortlist_count(t.b), 4);
        int shown = 0;
        for (int i = 0; i < n; i++)
            shown += browse_find(t.b, ACT_OPEN_UNIT, picks[i], &r);
        assert_int_equal(shown, 3);
        bt_close(&t);
    }
    tu_rmdir(dir);
}

static void test_compare_empty_explains(void **state)
{
    (void)state;
    static const struct {
        int w, h;
        lang_t lang;
        const char *name;
    } screens[] = {
        {1920, 1080, LANG_ZH_HANT, "compare-07-empty"},
        {1080, 1920, LANG_EN, "compare-08-empty-portrait-en"},
    };
    for (size_t s = 0; s < sizeof screens / sizeof *screens; s++) {
        bt_t t;
        bt_open(&t, screens[s].w, screens[s].h, 600, screens[s].lang, NULL);
        bt_tap(&t, 500, 500);
        browse_go(t.b, SCENE_COMPARE);
        bt_frame(&t);
        rect_t r = find(&t, ACT_GO, SCENE_UNITS);
        assert_true(r.w >= 64 && r.h >= 64);
        bt_save(&t, screens[s].name);
        bt_tap_action(&t, ACT_GO, SCENE_UNITS);
        assert_int_equal(browse_scene(t.b), SCENE_UNITS);
        bt_close(&t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detail_shows_plan_facts_and_status),
        cmocka_unit_test(test_plan_zooms_and_pans_under_fingers),
        cmocka_unit_test(test_qr_hands_the_unit_to_a_phone),
        cmocka_unit_test(test_missing_or_damaged_plan_shows_a_placeholder),
        cmocka_unit_test(test_unit_sold_meanwhile_says_so),
        cmocka_unit_test(test_shortlist_then_compare),
        cmocka_unit_test(test_compare_picks_three_of_many),
        cmocka_unit_test(test_compare_empty_explains),
    };
    return cmocka_run_group_tests_name("scene_unit", tests, NULL, NULL);
}
