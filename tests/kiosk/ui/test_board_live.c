/* test_board_live.c - the board's changed-cell path, from cache to pixels.
 *
 * A change is applied to the cache on one connection (as the sync worker
 * does); the UI's own connection re-reads only units newer than it holds,
 * and the board redraws only those cells, outlines them, and announces a
 * sale.  Checked on the model, on the draw counts and on the pixels.
 */
#include "uitest.h"

#include "cache.h"
#include "proto.h"
#include "theme.h"

static char dir[256], path[600];

static int setup(void **state)
{
    (void)state;
    tu_mkdtemp(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/cache.db", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmdir(dir);
    return 0;
}

/* A cache holding the demo project (epoch e1, version 1); returns the
 * model as the kiosk loads it at start. */
static model_t *cache_with_demo(void)
{
    demo_params_t p = {20261127, 2000, UT_NOW_MS / 1000, NULL};
    model_t *m = NULL, *back = NULL;
    cache_t *c = NULL;
    diag_t d;
    assert_int_equal(demo_generate(&p, &m, &d), 0);
    snprintf(m->epoch, sizeof m->epoch, "e1");
    m->version = 1;
    assert_int_equal(cache_open(path, &c, &d), CACHE_OK);
    assert_int_equal(cache_store_model(c, m, &d), CACHE_OK);
    assert_int_equal(cache_load_model(c, &back, &d), CACHE_OK);
    cache_close(c);
    model_destroy(m);
    model_index(back);
    return back;
}

/* What the sync worker would store for "unit becomes status at version". */
static void worker_applies(const model_t *m, int unit, unit_status_t status,
                           int64_t version, int expect_applied)
{
    cache_t *c = NULL;
    diag_t d;
    int applied = -1;
    proto_unit_t r;
    memset(&r, 0, sizeof r);
    r.u = m->units[unit];
    r.u.status = status;
    r.u.version = version;
    r.u.status_changed_at = UT_NOW_MS / 1000;
    snprintf(r.building_id, sizeof r.building_id, "%s", m->buildings[r.u.building].id);
    snprintf(r.unit_type_id, sizeof r.unit_type_id, "%s", m->unit_types[r.u.unit_type].id);
    proto_changes_t ch = {.since = version - 1, .version = version,
                          .units = &r, .n_units = 1};
    snprintf(ch.project_id, sizeof ch.project_id, "%s", m->project.id);
    snprintf(ch.epoch, sizeof ch.epoch, "e1");
    assert_int_equal(cache_open(path, &c, &d), CACHE_OK);
    if (cache_apply_changes(c, &ch, UT_NOW_MS / 1000, &applied, &d) != CACHE_OK)
        fail_msg("%s", d.msg);
    assert_int_equal(applied, expect_applied);
    cache_close(c);
}

/* The first available unit on the first page. */
static int available_on_page(ut_board_t *u)
{
    for (int i = 0; i < u->m->n_units; i++) {
        int x, y;
        if (u->m->units[i].status == STATUS_AVAILABLE &&
            board_cell_probe(u->board, i, &x, &y) == 0)
            return i;
    }
    fail_msg("no available unit on the first page");
    return -1;
}

static color_t pixel_of(ut_board_t *u, int unit)
{
    int x, y;
    color_t c;
    assert_int_equal(board_cell_probe(u->board, unit, &x, &y), 0);
    assert_int_equal(render_read_pixel(u->r, x, y, &c), 0);
    return c;
}

static int same(color_t a, color_t b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

static void test_only_changed_cells_reread_and_redrawn(void **state)
{
    (void)state;
    ut_board_t u;
    cache_t *ui = NULL;
    diag_t d;
    ut_board_open_model(&u, 1920, 1080, cache_with_demo(), LANG_ZH_HANT, 0);
    assert_int_equal(cache_open(path, &ui, &d), CACHE_OK);
    int64_t t = UT_NOW_MS + 1000;
    ut_frame(&u, t);
    model_t *held = u.m;
    int k = available_on_page(&u);
    assert_true(same(pixel_of(&u, k), theme_status_fill[STATUS_AVAILABLE]));

    /* The worker stores a signing; the UI re-reads exactly one unit. */
    worker_applies(u.m, k, STATUS_SIGNED, 2, 1);
    assert_int_equal(app_refresh_model(ui, &u.m, u.board, NULL, 0, t + 10, &d), 1);
    assert_ptr_equal(u.m, held); /* updated in place, not reloaded */
    assert_int_equal(u.m->units[k].status, STATUS_SIGNED);
    assert_int_equal(u.m->version, 2);
    unsigned calls = ut_frame(&u, t + 10);
    assert_int_equal(board_last_cells_drawn(u.board), 1);
    assert_true(same(pixel_of(&u, k), theme_status_fill[STATUS_SIGNED]));
    ut_save(&u, "board-live-sale.png");
    /* The cell is outlined in white; the 喜報 banner is up (its red). */
    const board_layout_t *l = board_get_layout(u.board);
    rect_t c = board_layout_cell(l, u.m->units[k].building, u.m->units[k].floor,
                                 u.m->units[k].stack);
    color_t edge, banner;
    assert_int_equal(render_read_pixel(u.r, c.x, c.y + c.h / 2, &edge), 0);
    assert_true(same(edge, RGB(0xFFFFFF)));
    assert_int_equal(render_read_pixel(u.r, l->w / 2, l->body.y + l->margin + 3,
                                       &banner), 0);
    assert_true(same(banner, RGB(0xB3202A)));
    /* Far fewer draw calls than the first frame: only that cell. */
    assert_true(calls < 60);

    /* Replaying the same answer changes nothing and draws nothing. */
    worker_applies(u.m, k, STATUS_SIGNED, 2, 0);
    assert_int_equal(app_refresh_model(ui, &u.m, u.board, NULL, 0, t + 10, &d), 0);
    assert_false(board_needs_draw(u.board));

    /* When the outline's time (10 s) is up, that cell alone is drawn plain
     * (before the page turns at 15 s). */
    assert_true(board_update(u.board, t + 5000) <= 5010);
    ut_frame(&u, t + 10 + 10000);
    assert_int_equal(board_last_cells_drawn(u.board), 1);
    assert_true(same(pixel_of(&u, k), theme_status_fill[STATUS_SIGNED]));

    /* A unit the model does not know (a new building, say) reloads it. */
    model_t *fresh = NULL;
    assert_int_equal(app_refresh_model(ui, &u.m, u.board, NULL, 1, t + 10, &d), u.m->n_units);
    fresh = u.m;
    assert_ptr_not_equal(fresh, held);
    cache_close(ui);
    ut_board_close(&u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_only_changed_cells_reread_and_redrawn,
                                        setup, teardown),
    };
    return cmocka_run_group_tests_name("board_live", tests, NULL, NULL);
}
