/* test_scene_mortgage.c - the mortgage calculator and the project
 * information screens, driven by fingers.
 *
 * Every input is set by tapping what a customer would tap; after each, the
 * figures the calculator shows must be exactly what mortgage_compute gives
 * for the inputs we expect, and the big monthly figure on screen must have
 * changed.  The information screens must draw both tabs, scroll with a
 * finger and stop at both ends.  Screenshots go to TEST_OUT as
 * mortgage-*.png and info-*.png for a person to look at.
 */
#include "browsetest.h"

#include "media.h"

/* The scenes' own actions (scene_mortgage.c, scene_info.c). */
#define HOME_INFO (ACTION_BASE(SCENE_HOME) + 1)
#define HOME_MORTGAGE (ACTION_BASE(SCENE_HOME) + 2)
#define MA_PRICE (ACTION_BASE(SCENE_MORTGAGE) + 1)
#define MA_DOWN (ACTION_BASE(SCENE_MORTGAGE) + 2)
#define MA_TERM (ACTION_BASE(SCENE_MORTGAGE) + 3)
#define MA_LOAN (ACTION_BASE(SCENE_MORTGAGE) + 4)
#define MA_PROVIDENT (ACTION_BASE(SCENE_MORTGAGE) + 5)
#define MA_METHOD (ACTION_BASE(SCENE_MORTGAGE) + 6)
#define MA_FIGURE (ACTION_BASE(SCENE_MORTGAGE) + 7)
#define IA_TAB (ACTION_BASE(SCENE_INFO) + 1)

#define WAN INT64_C(10000000) /* 10萬 in cents: the steppers' step */

/* ---- helpers ----------------------------------------------------------------- */

/* Wakes the kiosk and taps a tile on home. */
static void go_home_tile(bt_t *t, int action, int arg)
{
    bt_tap(t, t->w / 2, t->h / 2);
    assert_int_equal(browse_scene(t->b), SCENE_HOME);
    bt_tap_action(t, action, arg);
}

/* The figures on screen are mortgage_compute's for the inputs we expect. */
static void expect_figures(bt_t *t, const mortgage_in_t *want)
{
    mortgage_in_t in;
    mortgage_out_t out, exp;
    diag_t d;
    assert_int_equal(browse_mortgage(t->b, &in, &out), 0);
    assert_int_equal(in.price, want->price);
    assert_int_equal(in.down_bp, want->down_bp);
    assert_int_equal(in.months, want->months);
    assert_int_equal(in.provident_loan, want->provident_loan);
    assert_int_equal(in.commercial_rate_bp, want->commercial_rate_bp);
    assert_int_equal(in.provident_rate_bp, want->provident_rate_bp);
    assert_int_equal(in.method, want->method);
    if (mortgage_compute(want, &t->b->o.mortgage_limits, &exp, &d) != 0)
        fail_msg("%s", d.msg);
    assert_memory_equal(&out, &exp, sizeof out);
}

/* A fingerprint of the pixels of the big monthly figure. */
static uint64_t figure_print(bt_t *t)
{
    rect_t r;
    uint64_t h = 1469598103934665603ULL;
    bt_frame(t);
    assert_true(browse_find(t->b, MA_FIGURE, 0, &r));
    assert_true(rect_inside(r, (rect_t){0, 0, t->w, t->h}));
    for (int y = r.y; y < r.y + r.h; y += 3)
        for (int x = r.x; x < r.x + r.w; x += 3) {
            color_t c = bt_pixel(t, x, y);
            h = (h ^ (uint64_t)(c.r | c.g << 8 | c.b << 16)) * 1099511628211ULL;
        }
    return h;
}

/* Taps a control; the figures must follow and the screen must show it. */
static void tap_and_expect(bt_t *t, int action, int arg,
                           const mortgage_in_t *want)
{
    uint64_t before = figure_print(t);
    bt_tap_action(t, action, arg);
    assert_int_equal(browse_scene(t->b), SCENE_MORTGAGE);
    expect_figures(t, want);
    assert_true(figure_print(t) != before);
    assert_int_equal(t->b->mtg_touched, 1);
}

/* No two controls of the calculator overlap, and all are on screen. */
static void expect_tidy_controls(bt_t *t)
{
    static const struct { int action, arg; } c[] = {
        {MA_PRICE, -1}, {MA_PRICE, 1}, {MA_DOWN, 1500}, {MA_DOWN, 2000},
        {MA_DOWN, 3000}, {MA_DOWN, 6000}, {MA_TERM, 120}, {MA_TERM, 360},
        {MA_LOAN, LOAN_COMMERCIAL}, {MA_LOAN, LOAN_PROVIDENT},
        {MA_LOAN, LOAN_COMBINED}, {MA_PROVIDENT, -1}, {MA_PROVIDENT, 1},
        {MA_METHOD, REPAY_EQUAL_INSTALLMENT}, {MA_METHOD, REPAY_EQUAL_PRINCIPAL},
        {MA_FIGURE, 0}, {ACT_BACK, 0}, {ACT_LANG, LANG_EN},
    };
    rect_t r[sizeof c / sizeof *c];
    int have[sizeof c / sizeof *c];
    int n = (int)(sizeof c / sizeof *c);
    for (int i = 0; i < n; i++) {
        have[i] = browse_find(t->b, c[i].action, c[i].arg, &r[i]);
        if (have[i])
            assert_true(rect_inside(r[i], (rect_t){0, 0, t->w, t->h}));
    }
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (have[i] && have[j] && rect_overlap(r[i], r[j]))
                fail_msg("controls %d/%d and %d/%d overlap", c[i].action,
                         c[i].arg, c[j].action, c[j].arg);
}

/* ---- the calculator ------------------------------------------------------------ */

static void test_every_input_by_taps(void **state)
{
    (void)state;
    bt_t t;
    mortgage_in_t want;
    mortgage_out_t out;
    bt_open(&t, 1920, 1080, 2000, LANG_ZH_HANT, NULL);
    go_home_tile(&t, HOME_MORTGAGE, 0);
    assert_int_equal(browse_scene(t.b), SCENE_MORTGAGE);
    bt_save(&t, "mortgage-01-from-home");

    /* From home: a typical price of the project, config's defaults, the
     * project's rates. */
    assert_int_equal(browse_mortgage(t.b, &want, &out), 0);
    assert_true(want.price > 0);
    assert_int_equal(want.down_bp, t.cfg.default_down_bp);
    assert_int_equal(want.months, t.cfg.default_months);
    assert_int_equal(want.provident_loan, 0);
    assert_int_equal(want.commercial_rate_bp, t.m->project.commercial_rate_bp);
    assert_int_equal(want.provident_rate_bp, t.m->project.provident_rate_bp);
    assert_int_equal(want.method, REPAY_EQUAL_INSTALLMENT);
    expect_tidy_controls(&t);

    want.down_bp = 2000;
    tap_and_expect(&t, MA_DOWN, 2000, &want);
    assert_true(browse_session_size(t.b) > 0);
    want.months = 240;
    tap_and_expect(&t, MA_TERM, 240, &want);
    want.price += WAN;
    tap_and_expect(&t, MA_PRICE, 1, &want);

    /* Combined: the fund's share starts at as much as the fund lends. */
    mortgage_out_t o;
    mortgage_in_t probe = want;
    diag_t d;
    assert_int_equal(mortgage_compute(&probe, &t.b->o.mortgage_limits, &o, &d), 0);
    int64_t cap = t.b->o.mortgage_limits.max_provident_loan;
    assert_true(o.loan > cap + WAN); /* the demo's homes need both */
    want.provident_loan = cap;
    tap_and_expect(&t, MA_LOAN, LOAN_COMBINED, &want);
    assert_int_equal(t.b->loan, LOAN_COMBINED);
    bt_save(&t, "mortgage-02-combined");
    /* The fund's stepper goes down by 10萬, and not above the cap. */
    want.provident_loan = cap - WAN;
    tap_and_expect(&t, MA_PROVIDENT, -1, &want);
    want.provident_loan = cap;
    tap_and_expect(&t, MA_PROVIDENT, 1, &want);
    rect_t r;
    assert_false(browse_find(t.b, MA_PROVIDENT, 1, &r)); /* + greyed */

    /* Equal principal: the first month pays most, the last least. */
    want.method = REPAY_EQUAL_PRINCIPAL;
    tap_and_expect(&t, MA_METHOD, REPAY_EQUAL_PRINCIPAL, &want);
    assert_int_equal(browse_mortgage(t.b, &probe, &o), 0);
    assert_true(o.first_payment > o.last_payment);
    assert_true(o.monthly_decrease > 0);
    assert_true(o.commercial_loan > 0 && o.provident_loan == cap);
    bt_save(&t, "mortgage-03-equal-principal");
    expect_tidy_controls(&t);

    /* Back to a commercial loan: nothing of the fund remains. */
    want.provident_loan = 0;
    tap_and_expect(&t, MA_LOAN, LOAN_COMMERCIAL, &want);
    bt_close(&t);
}

static void test_price_comes_from_the_unit(void **state)
{
    (void)state;
    bt_t t;
    mortgage_in_t in;
    mortgage_out_t out;
    bt_open(&t, 1080, 1920, 2000, LANG_EN, NULL);
    assert_int_equal(browse_preview(t.b, "mortgage"), 0);
    bt_frame(&t);
    assert_int_equal(browse_scene(t.b), SCENE_MORTGAGE);
    const unit_t *u = browse_current_unit(t.b);
    assert_non_null(u);
    assert_int_equal(browse_mortgage(t.b, &in, &out), 0);
    assert_int_equal(in.price, u->list_price);
    assert_int_equal(out.down_payment + out.loan, u->list_price);
    bt_save(&t, "mortgage-04-unit-portrait-en");
    expect_tidy_controls(&t);

    /* Stepping away from the unit's price and back lands on it exactly. */
    mortgage_in_t want = in;
    want.price = u->list_price - WAN;
    tap_and_expect(&t, MA_PRICE, -1, &want);
    want.price = u->list_price;
    tap_and_expect(&t, MA_PRICE, 1, &want);
    bt_close(&t);
}

static void test_rates_from_project_else_config(void **state)
{
    (void)state;
    bt_t t;
    mortgage_in_t in;
    mortgage_out_t out;

    /* The demo project publishes its rates: they win over config. */
    bt_open(&t, 1920, 1080, 500, LANG_ZH_HANS, NULL);
    assert_true(t.m->project.commercial_rate_bp != t.cfg.commercial_rate_bp);
    go_home_tile(&t, HOME_MORTGAGE, 0);
    assert_int_equal(browse_mortgage(t.b, &in, &out), 0);
    assert_int_equal(in.commercial_rate_bp, t.m->project.commercial_rate_bp);
    assert_int_equal(in.provident_rate_bp, t.m->project.provident_rate_bp);
    bt_save(&t, "mortgage-05-project-rates-zh-Hans");
    bt_close(&t);

    /* A project without rates: config's. */
    bt_open(&t, 1920, 1080, 500, LANG_ZH_HANS, NULL);
    t.m->project.commercial_rate_bp = 0;
    t.m->project.provident_rate_bp = 0;
    go_home_tile(&t, HOME_MORTGAGE, 0);
    assert_int_equal(browse_mortgage(t.b, &in, &out), 0);
    assert_int_equal(in.commercial_rate_bp, t.cfg.commercial_rate_bp);
    assert_int_equal(in.provident_rate_bp, t.cfg.provident_rate_bp);
    bt_save(&t, "mortgage-06-config-rates-zh-Hans");
    bt_close(&t);
}

static void test_nonsense_cannot_be_chosen(void **state)
{
    (void)state;
    bt_t t;
    mortgage_in_t in, was;
    mortgage_out_t out;
    rect_t r15, r;
    bt_open(&t, 1920, 1080, 2000, LANG_ZH_HANT, NULL);
    go_home_tile(&t, HOME_MORTGAGE, 0);
    assert_true(browse_find(t.b, MA_DOWN, 1500, &r15));

    /* The office raises its minimum down payment: 15 % goes grey and a
     * finger on it changes nothing. */
    t.b->o.mortgage_limits.min_down_bp = 2000;
    browse_invalidate(t.b);
    bt_frame(&t);
    assert_false(browse_find(t.b, MA_DOWN, 1500, &r));
    assert_true(browse_find(t.b, MA_DOWN, 2000, &r));
    assert_int_equal(browse_mortgage(t.b, &was, &out), 0);
    bt_tap(&t, r15.x + r15.w / 2, r15.y + r15.h / 2);
    assert_int_equal(browse_mortgage(t.b, &in, &out), 0);
    assert_int_equal(in.down_bp, was.down_bp);
    /* Even an action that slipped through is refused. */
    t.b->mtg_touched = 0;
    scene_mortgage_ops.action(t.b, MA_DOWN, 1000);
    scene_mortgage_ops.action(t.b, MA_TERM, 600);
    scene_mortgage_ops.action(t.b, MA_LOAN, 7);
    scene_mortgage_ops.action(t.b, MA_METHOD, 9);
    assert_int_equal(browse_mortgage(t.b, &in, &out), 0);
    assert_int_equal(in.down_bp, was.down_bp);
    assert_int_equal(in.months, was.months);
    assert_int_equal(t.b->mtg_touched, 0);

    /* Limits that leave the current term out: the calculator says so
     * calmly, the longer terms go grey, a shorter one works again. */
    t.b->o.mortgage_limits.max_months = 240;
    browse_invalidate(t.b);
    bt_frame(&t);
    assert_int_equal(browse_mortgage(t.b, &in, &out), -1);
    assert_false(browse_find(t.b, MA_FIGURE, 0, &r));
    assert_false(browse_find(t.b, MA_TERM, 300, &r));
    bt_save(&t, "mortgage-07-refused");
    bt_tap_action(&t, MA_TERM, 240);
    assert_int_equal(browse_mortgage(t.b, &in, &out), 0);
    assert_int_equal(in.months, 240);
    assert_true(browse_find(t.b, MA_FIGURE, 0, &r));

    /* The price stepper stops at 10萬. */
    for (int i = 0; i < 60 && browse_find(t.b, MA_PRICE, -1, &r); i++)
        bt_tap_action(&t, MA_PRICE, -1);
    assert_int_equal(browse_mortgage(t.b, &in, &out), 0);
    assert_true(in.price >= WAN && in.price < 2 * WAN);
    bt_close(&t);
}

static void test_provident_only_is_capped(void **state)
{
    (void)state;
    bt_t t;
    mortgage_in_t in;
    mortgage_out_t out;
    bt_open(&t, 1080, 1920, 2000, LANG_ZH_HANS, NULL);
    assert_int_equal(browse_preview(t.b, "mortgage"), 0);
    bt_frame(&t);
    int64_t cap = t.b->o.mortgage_limits.max_provident_loan;
    bt_tap_action(&t, MA_LOAN, LOAN_PROVIDENT);
    assert_int_equal(browse_mortgage(t.b, &in, &out), 0);
    /* More than the fund lends: the fund's limit, the rest commercial. */
    assert_true(out.loan > cap);
    assert_int_equal(out.provident_loan, cap);
    assert_int_equal(out.commercial_loan, out.loan - cap);
    bt_save(&t, "mortgage-08-provident-capped-portrait");
    expect_tidy_controls(&t);
    /* A fund that lends enough takes the whole loan. */
    t.b->o.mortgage_limits.max_provident_loan = out.loan * 2;
    bt_tap_action(&t, MA_DOWN, 6000);
    assert_int_equal(browse_mortgage(t.b, &in, &out), 0);
    assert_int_equal(out.provident_loan, out.loan);
    assert_int_equal(out.commercial_loan, 0);
    /* No fund at all: the fund's chips are grey. */
    t.b->o.mortgage_limits.max_provident_loan = 0;
    bt_tap_action(&t, MA_LOAN, LOAN_COMMERCIAL);
    rect_t r;
    assert_false(browse_find(t.b, MA_LOAN, LOAN_PROVIDENT, &r));
    assert_false(browse_find(t.b, MA_LOAN, LOAN_COMBINED, &r));
    bt_close(&t);
}

static void test_every_size_and_language(void **state)
{
    (void)state;
    static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {1280, 800}};
    static const char *const langs[] = {"zh-Hant", "zh-Hans", "en"};
    for (int s = 0; s < 3; s++)
        for (int l = 0; l < LANG_COUNT; l++) {
            bt_t t;
            char name[96];
            bt_open(&t, sizes[s][0], sizes[s][1], 2000, (lang_t)l, NULL);
            assert_int_equal(browse_preview(t.b, "mortgage"), 0);
            bt_frame(&t);
            bt_tap_action(&t, MA_LOAN, LOAN_COMBINED);
            bt_tap_action(&t, MA_METHOD, REPAY_EQUAL_PRINCIPAL);
            expect_tidy_controls(&t);
            snprintf(name, sizeof name, "mortgage-20-%dx%d-%s", sizes[s][0],
                     sizes[s][1], langs[l]);
            bt_save(&t, name);
            for (int tab = 0; tab < 2; tab++) {
                assert_int_equal(browse_preview(t.b, tab ? "location" : "info"),
                                 0);
                bt_frame(&t);
                snprintf(name, sizeof name, "info-20-%s-%dx%d-%s",
                         tab ? "location" : "project", sizes[s][0],
                         sizes[s][1], langs[l]);
                bt_save(&t, name);
            }
            bt_close(&t);
        }
}

/* ---- project information ------------------------------------------------------- */

static void test_info_tabs_and_scrolling(void **state)
{
    (void)state;
    static const int sizes[][2] = {{1920, 1080}, {1080, 1920}};
    for (int s = 0; s < 2; s++) {
        bt_t t;
        char name[64];
        int w = sizes[s][0], h = sizes[s][1];
        bt_open(&t, w, h, 2000, LANG_ZH_HANT, NULL);
        go_home_tile(&t, HOME_INFO, 0);
        assert_int_equal(browse_scene(t.b), SCENE_INFO);
        assert_int_equal(t.b->info_tab, 0);
        assert_int_equal(t.b->info_scroll, 0);
        snprintf(name, sizeof name, "info-01-project-%dx%d", w, h);
        bt_save(&t, name);

        /* A finger drags the page up: it follows. */
        bt_drag(&t, w / 2, h * 3 / 4, w / 2, h / 4, 800);
        bt_advance(&t, 50);
        int moved = t.b->info_scroll;
        assert_true(moved > h / 4);
        snprintf(name, sizeof name, "info-02-project-scrolled-%dx%d", w, h);
        bt_save(&t, name);

        /* Far past the end: it stops there, and stays. */
        for (int i = 0; i < 6; i++)
            bt_drag(&t, w / 2, h - 150, w / 2, 150, 400);
        bt_advance(&t, 3000);
        int end = t.b->info_scroll;
        assert_true(end >= moved);
        bt_drag(&t, w / 2, h - 150, w / 2, 150, 400);
        bt_advance(&t, 3000);
        assert_int_equal(t.b->info_scroll, end);
        snprintf(name, sizeof name, "info-03-project-end-%dx%d", w, h);
        bt_save(&t, name);

        /* A fling back up: inertia runs out at the top, no further. */
        bt_drag(&t, w / 2, 300, w / 2, h - 200, 80);
        bt_advance(&t, 4000);
        for (int i = 0; i < 6; i++)
            bt_drag(&t, w / 2, 300, w / 2, h - 150, 300);
        bt_advance(&t, 3000);
        assert_int_equal(t.b->info_scroll, 0);

        /* The location tab starts at its top. */
        bt_drag(&t, w / 2, h * 3 / 4, w / 2, h / 2, 800);
        bt_tap_action(&t, IA_TAB, 1);
        assert_int_equal(t.b->info_tab, 1);
        assert_int_equal(t.b->info_scroll, 0);
        snprintf(name, sizeof name, "info-04-location-%dx%d", w, h);
        bt_save(&t, name);
        bt_drag(&t, w / 2, h - 150, w / 2, 150, 60); /* a fling */
        bt_advance(&t, 4000);
        assert_true(t.b->info_scroll >= 0);
        bt_tap_action(&t, IA_TAB, 0);
        assert_int_equal(t.b->info_tab, 0);
        bt_close(&t);
    }
}

/* A picture made here (so the test needs no files): stripes and a sun. */
static int make_picture(const char *path, int w, int h, color_t a, color_t b)
{
    diag_t d;
    render_t *r = render_create_offscreen(w, h, &d);
    if (!r)
        return -1;
    render_begin_frame(r);
    render_clear(r, a);
    for (int y = 0; y < h; y += 40)
        render_fill_rect(r, (rect_t){0, y, w, 20}, b);
    render_fill_rect(r, (rect_t){w / 3, h / 3, w / 3, h / 3}, RGB(0xE9C46A));
    render_present(r);
    int rc = render_save_png(r, path, &d);
    render_destroy(r);
    return rc;
}

/* Stores the file at path as media in dir; its name goes to sha. */
static void store_media(const char *dir, const char *path, char sha[65])
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static unsigned char buf[4 << 20];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    assert_true(n > 0 && n < sizeof buf);
    diag_t d;
    media_sha256_hex(buf, n, sha);
    if (media_store(dir, sha, buf, n, &d) != 0)
        fail_msg("%s", d.msg);
}

static void test_info_with_pictures(void **state)
{
    (void)state;
    char dir[256], png[300], sha[4][65];
    static const unsigned hues[4][2] = {{0x2F4A78, 0x6E8BB8},
                                        {0x3B6E58, 0x8FC1A9},
                                        {0x6B4E2E, 0xC9A46A},
                                        {0x44506A, 0xDDE3EC}};
    tu_mkdtemp(dir, sizeof dir);
    for (int i = 0; i < 4; i++) {
        snprintf(png, sizeof png, "%s/src-%d.png", dir, i);
        assert_int_equal(make_picture(png, 800 + 200 * (i % 2), 600,
                                      RGB(hues[i][0]), RGB(hues[i][1])),
                         0);
        store_media(dir, png, sha[i]);
    }
    demo_params_t p = {20261127, 2000, UT_NOW_MS / 1000, NULL};
    model_t *m = NULL;
    diag_t d;
    assert_int_equal(demo_generate(&p, &m, &d), 0);
    project_t *pr = &m->project;
    pr->n_heroes = 3;
    for (int i = 0; i < 3; i++)
        snprintf(pr->heroes[i], MODEL_SHA_SIZE, "%.64s", sha[i]);
    snprintf(pr->location_media, MODEL_SHA_SIZE, "%.64s", sha[3]);
    snprintf(pr->siteplan_media, MODEL_SHA_SIZE, "%.64s", sha[1]);

    bt_t t;
    bt_open_model(&t, 1920, 1080, m, LANG_EN, dir);
    go_home_tile(&t, HOME_INFO, 0);
    assert_int_equal(images_state(t.b->images, sha[0]), IMAGE_OK);
    /* The first picture is drawn: its gold square is under the title. */
    bt_save(&t, "info-05-pictures-en");
    for (int i = 0; i < 6; i++)
        bt_drag(&t, 960, 1000, 960, 200, 400);
    bt_advance(&t, 3000);
    assert_int_equal(images_state(t.b->images, sha[1]), IMAGE_OK);
    bt_save(&t, "info-06-pictures-siteplan-en");
    bt_tap_action(&t, IA_TAB, 1);
    assert_int_equal(images_state(t.b->images, sha[3]), IMAGE_OK);
    bt_save(&t, "info-07-pictures-location-en");
    bt_close(&t);

    /* A name whose file is missing draws the placeholder, no harm done. */
    assert_int_equal(demo_generate(&p, &m, &d), 0);
    m->project.n_heroes = 1;
    snprintf(m->project.heroes[0], MODEL_SHA_SIZE, "%064d", 7);
    snprintf(m->project.location_media, MODEL_SHA_SIZE, "%064d", 8);
    bt_open_model(&t, 1080, 1920, m, LANG_ZH_HANT, dir);
    go_home_tile(&t, HOME_INFO, 1);
    assert_int_equal(t.b->info_tab, 1);
    bt_save(&t, "info-08-missing-pictures-portrait");
    bt_tap_action(&t, IA_TAB, 0);
    assert_int_equal(images_state(t.b->images, m->project.heroes[0]),
                     IMAGE_MISSING);
    bt_save(&t, "info-09-missing-hero-portrait");
    bt_close(&t);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_input_by_taps),
        cmocka_unit_test(test_price_comes_from_the_unit),
        cmocka_unit_test(test_rates_from_project_else_config),
        cmocka_unit_test(test_nonsense_cannot_be_chosen),
        cmocka_unit_test(test_provident_only_is_capped),
        cmocka_unit_test(test_every_size_and_language),
        cmocka_unit_test(test_info_tabs_and_scrolling),
        cmocka_unit_test(test_info_with_pictures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
