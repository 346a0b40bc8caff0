/* test_board_render.c - the board drawn headless, checked pixel by pixel.
 *
 * Software renderer, real fonts.  For units of every status, the pixel the
 * board promises is plain status colour must be exactly that colour, in
 * landscape and portrait and on every page.  Screenshots are saved under
 * $TEST_OUT for a person to look at.
 */
#include "uitest.h"

#include "platform.h"
#include "theme.h"

static int same(color_t a, color_t b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* Checks up to per_status units of each status on the current page;
 * returns how many statuses were seen. */
static int check_cells(ut_board_t *u, int per_status, int *checked)
{
    int seen[STATUS_COUNT] = {0}, kinds = 0;
    for (int i = 0; i < u->m->n_units; i++) {
        const unit_t *un = &u->m->units[i];
        int x, y;
        color_t px;
        if (seen[un->status] >= per_status ||
            board_cell_probe(u->board, i, &x, &y) != 0)
            continue;
        assert_int_equal(render_read_pixel(u->r, x, y, &px), 0);
        if (!same(px, theme_status_fill[un->status]))
            fail_msg("unit %s (%s) at %d,%d: got #%02x%02x%02x, want #%02x%02x%02x",
                     un->id, status_wire_name(un->status), x, y, px.r, px.g,
                     px.b, theme_status_fill[un->status].r,
                     theme_status_fill[un->status].g,
                     theme_status_fill[un->status].b);
        if (seen[un->status]++ == 0)
            kinds++;
        (*checked)++;
    }
    return kinds;
}

static void render_and_check(int w, int h, lang_t lang, const char *name)
{
    ut_board_t u;
    int checked = 0, kinds = 0;
    char file[128];
    ut_board_open(&u, w, h, 2000, lang, 1);
    ut_frame(&u, UT_NOW_MS);
    const board_layout_t *l = board_get_layout(u.board);
    for (int p = 0; p < l->n_pages; p++) {
        assert_int_equal(board_page(u.board), p);
        snprintf(file, sizeof file, "%s-page%d.png", name, p + 1);
        ut_save(&u, file);
        int k = check_cells(&u, 25, &checked);
        kinds = k > kinds ? k : kinds;
        /* Next page: advance by the page time. */
        ut_frame(&u, UT_NOW_MS + (int64_t)(p + 1) * u.cfg.board_page_seconds * 1000);
    }
    assert_int_equal(kinds, STATUS_COUNT);
    assert_true(checked >= STATUS_COUNT * 10);
    ut_board_close(&u);
}

static void test_landscape_colours(void **state)
{
    (void)state;
    render_and_check(1920, 1080, LANG_ZH_HANT, "board-1920x1080-zh-Hant");
}

static void test_portrait_colours(void **state)
{
    (void)state;
    render_and_check(1080, 1920, LANG_ZH_HANT, "board-1080x1920-zh-Hant");
}

static void test_other_languages_render(void **state)
{
    (void)state;
    render_and_check(1920, 1080, LANG_EN, "board-1920x1080-en");
    render_and_check(1080, 1920, LANG_ZH_HANS, "board-1080x1920-zh-Hans");
}

static void test_nothing_changed_nothing_drawn(void **state)
{
    (void)state;
    ut_board_t u;
    /* 14:05:50: ten seconds before the clock's next minute, well before the
     * page timer (15 s) turns the page. */
    int64_t t0 = UT_NOW_MS + 50000;
    ut_board_open(&u, 1920, 1080, 5000, LANG_ZH_HANT, 1);
    unsigned first = ut_frame(&u, t0);
    assert_true(first > 8); /* the first frame draws every cell */

    /* Same minute, same page: nothing to draw (the app's loop draws only
     * when board_needs_draw says so). */
    int64_t wait = board_update(u.board, t0 + 1000);
    assert_false(board_needs_draw(u.board));
    assert_int_equal(wait, 9000);


    /* The clock ticks over: a steady frame within the budget (DESIGN §6),
     * and no text is rendered anew but the clock's. */
    const text_stats_t *ts = text_stats(u.text);
    unsigned misses = ts->misses;
    board_update(u.board, t0 + 10000);
    assert_true(board_needs_draw(u.board));
    unsigned calls = ut_frame(&u, t0 + 10000);
    print_message("steady frame: %u draw calls\n", calls);
    assert_true(calls <= 8);
    assert_true(ts->misses - misses <= 1);
    ut_board_close(&u);
}

static void test_update_sleeps_until_next_minute(void **state)
{
    (void)state;
    ut_board_t u;
    ut_board_open(&u, 1920, 1080, 300, LANG_ZH_HANT, 1);
    ut_frame(&u, UT_NOW_MS);
    /* 300 units fit one page: the only deadline is the clock's minute. */
    assert_int_equal(board_get_layout(u.board)->n_pages, 1);
    assert_int_equal(board_update(u.board, UT_NOW_MS + 15000), 45000);
    ut_board_close(&u);
}

static void test_pages_turn_on_timer(void **state)
{
    (void)state;
    ut_board_t u;
    ut_board_open(&u, 1920, 1080, 10000, LANG_ZH_HANT, 1);
    ut_frame(&u, UT_NOW_MS);
    int pages = board_get_layout(u.board)->n_pages;
    int64_t span = u.cfg.board_page_seconds * 1000LL;
    assert_true(pages > 1);
    assert_true(board_update(u.board, UT_NOW_MS + 1000) <= span - 1000);
    ut_frame(&u, UT_NOW_MS + span - 1);
    assert_int_equal(board_page(u.board), 0);
    ut_frame(&u, UT_NOW_MS + span);
    assert_int_equal(board_page(u.board), 1);
    int checked = 0;
    assert_true(check_cells(&u, 5, &checked) >= 4);
    ut_save(&u, "board-10000-page2.png");
    /* ... and wrap around after the last page. */
    for (int p = 2; p <= pages; p++)
        ut_frame(&u, UT_NOW_MS + span * p);
    assert_int_equal(board_page(u.board), 0);
    ut_board_close(&u);
}

static void test_freshness_levels(void **state)
{
    (void)state;
    assert_int_equal(board_freshness_level(0, 300, 1800), 0);
    assert_int_equal(board_freshness_level(299, 300, 1800), 0);
    assert_int_equal(board_freshness_level(300, 300, 1800), 1);
    assert_int_equal(board_freshness_level(1800, 300, 1800), 2);

    /* Live data 4 minutes old: the board wakes when it turns amber. */
    ut_board_t u;
    ut_board_open(&u, 1920, 1080, 300, LANG_ZH_HANT, 0);
    u.m->data_as_of = UT_NOW_MS / 1000 - 245;
    ut_frame(&u, UT_NOW_MS);
    assert_int_equal(board_update(u.board, UT_NOW_MS), 55000);
    ut_frame(&u, UT_NOW_MS + 60000);
    assert_true(board_update(u.board, UT_NOW_MS + 60000) <= 60000);
    ut_save(&u, "board-amber.png");
    ut_board_close(&u);
}

static void test_no_data_board(void **state)
{
    (void)state;
    ut_board_t u;
    diag_t d;
    ut_board_open(&u, 1920, 1080, 300, LANG_ZH_HANT, 0);
    assert_int_equal(board_set_model(u.board, NULL, &d), 0);
    ut_frame(&u, UT_NOW_MS);
    ut_save(&u, "board-no-data.png");
    /* The background is drawn, not left black. */
    color_t px;
    assert_int_equal(render_read_pixel(u.r, 5, 1079 - 5, &px), 0);
    assert_true(same(px, THEME_BG));
    ut_board_close(&u);
}

/* The on-screen path: a window on SDL's dummy video driver, drawn by the
 * software renderer, read back. */
static void test_window_path_with_dummy_driver(void **state)
{
    (void)state;
    diag_t d;
    platform_opts_t po = {.video_driver = "dummy", .render_driver = "software",
                          .windowed = 1, .width = 1280, .height = 720,
                          .input_poll_ms = 16, .title = "test"};
    platform_t *p = platform_create(&po, &d);
    if (!p)
        fail_msg("%s", d.msg);
    render_t *r = platform_render(p);
    int w, h;
    render_size(r, &w, &h);
    assert_int_equal(w, 1280);
    assert_int_equal(h, 720);

    ut_board_t u;
    ut_board_open(&u, 64, 64, 300, LANG_ZH_HANT, 1);
    /* Re-point a board at the window's renderer. */
    board_destroy(u.board);
    text_destroy(u.text);
    render_destroy(u.r);
    u.r = r;
    text_fonts_t fonts;
    assert_int_equal(app_fonts(&u.cfg, LANG_ZH_HANT, &u.fs, &fonts, &d), 0);
    u.text = text_create(r, &fonts, &d);
    board_opts_t o = {.render = r, .text = u.text, .i18n = u.i18n,
                      .lang = LANG_ZH_HANT, .page_seconds = 15,
                      .min_label_px = 12, .amber_seconds = 300,
                      .red_seconds = 1800, .demo = 1};
    u.board = board_create(&o, &d);
    assert_int_equal(board_set_model(u.board, u.m, &d), 0);
    board_update(u.board, UT_NOW_MS);
    render_begin_frame(r);
    assert_int_equal(board_draw(u.board, &d), 0);
    int checked = 0;
    assert_int_equal(check_cells(&u, 5, &checked), STATUS_COUNT);
    render_present(r);

    /* Nothing to do: platform_wait times out instead of spinning. */
    app_event_t ev;
    int64_t t0 = platform_ticks_ms();
    while (platform_wait(p, 50, &ev))
        ; /* drain window events from creation */
    assert_true(platform_ticks_ms() - t0 >= 50);
    assert_true(platform_stats(p)->wakeups <= 10);

    board_destroy(u.board);
    u.board = NULL;
    text_destroy(u.text);
    u.text = NULL;
    model_destroy(u.m);
    i18n_destroy(u.i18n);
    platform_destroy(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_landscape_colours),
        cmocka_unit_test(test_portrait_colours),
        cmocka_unit_test(test_other_languages_render),
        cmocka_unit_test(test_nothing_changed_nothing_drawn),
        cmocka_unit_test(test_update_sleeps_until_next_minute),
        cmocka_unit_test(test_pages_turn_on_timer),
        cmocka_unit_test(test_freshness_levels),
        cmocka_unit_test(test_no_data_board),
        cmocka_unit_test(test_window_path_with_dummy_driver),
    };
    return cmocka_run_group_tests_name("board_render", tests, NULL, NULL);
}
