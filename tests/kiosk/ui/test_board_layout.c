/* test_board_layout.c - every cell on screen, no overlaps, numbers fit.
 *
 * The layout the board really uses (real fonts, real measurements), over
 * landscape, portrait and odd screen sizes and 2,000 to 10,000 units.
 */
#include "uitest.h"

#include "board_layout.h"

typedef struct {
    int w, h, units;
} case_t;

static void check_layout(int w, int h, int units)
{
    ut_board_t u;
    ut_board_open(&u, w, h, units, LANG_ZH_HANT, 1);
    ut_frame(&u, UT_NOW_MS);
    const board_layout_t *l = board_get_layout(u.board);
    const model_t *m = u.m;
    rect_t screen = {0, 0, w, h};
    unsigned char *owner = calloc((size_t)w * (size_t)h, 1);
    assert_non_null(owner);

    assert_int_equal(l->n_blocks, m->n_buildings);
    assert_true(l->n_pages >= 1 && l->n_pages <= m->n_buildings);
    assert_true(rect_inside(l->header, screen));
    assert_true(rect_inside(l->footer, screen));
    assert_false(rect_overlap(l->header, l->body));
    assert_false(rect_overlap(l->footer, l->body));

    for (int page = 0; page < l->n_pages; page++) {
        memset(owner, 0, (size_t)w * (size_t)h);
        int on_page = 0;
        /* Blocks of one page stay apart and inside the body. */
        for (int i = 0; i < l->n_blocks; i++) {
            const board_block_t *a = &l->blocks[i];
            if (a->page != page)
                continue;
            on_page++;
            assert_true(rect_inside(a->block, l->body));
            assert_true(rect_inside(a->grid, a->block));
            assert_true(rect_inside(a->title, a->block));
            for (int j = i + 1; j < l->n_blocks; j++)
                if (l->blocks[j].page == page)
                    assert_false(rect_overlap(a->block, l->blocks[j].block));
        }
        assert_true(on_page > 0);
        /* Cells: on screen, inside their block's grid, never sharing a
         * pixel (checked with an ownership map of the screen). */
        for (int k = 0; k < m->n_units; k++) {
            const unit_t *un = &m->units[k];
            const board_block_t *b = &l->blocks[un->building];
            if (b->page != page)
                continue;
            rect_t c = board_layout_cell(l, un->building, un->floor, un->stack);
            assert_true(c.w >= 4 && c.h >= 4);
            assert_true(rect_inside(c, screen));
            assert_true(rect_inside(c, b->grid));
            for (int y = c.y; y < c.y + c.h; y++)
                for (int x = c.x; x < c.x + c.w; x++) {
                    if (owner[(size_t)y * (size_t)w + (size_t)x])
                        fail_msg("%dx%d %d units: cell of %s overlaps another",
                                 w, h, units, un->id);
                    owner[(size_t)y * (size_t)w + (size_t)x] = 1;
                }
            /* The number fits inside the cell, both ways. */
            char label[MODEL_NUMBER_MAX];
            int tw, th;
            if (l->short_labels)
                snprintf(label, sizeof label, "%02d", un->stack);
            else
                snprintf(label, sizeof label, "%s", un->number);
            assert_true(l->label_px > 0);
            assert_int_equal(text_measure(u.text, label, l->label_px,
                                          TEXT_REGULAR, &tw, &th), 0);
            if (tw > c.w || th > c.h)
                fail_msg("%dx%d: '%s' at %dpx is %dx%d, cell %dx%d", w, h,
                         label, l->label_px, tw, th, c.w, c.h);
            /* Floor labels fit their rows. */
            rect_t fl = board_layout_floor_label(l, un->building, un->floor);
            assert_true(rect_inside(fl, b->floors));
        }
    }
    free(owner);
    ut_board_close(&u);
}

static void test_landscape_1080p(void **state)
{
    (void)state;
    check_layout(1920, 1080, 2000);
}

static void test_portrait_1080p(void **state)
{
    (void)state;
    check_layout(1080, 1920, 2000);
}

static void test_other_sizes(void **state)
{
    (void)state;
    static const case_t cases[] = {
        {1366, 768, 2000}, {1280, 1024, 2000}, {800, 480, 2000},
        {3840, 2160, 2000}, {1024, 600, 300}, {2560, 1080, 2000},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        check_layout(cases[i].w, cases[i].h, cases[i].units);
}

static void test_big_projects_page(void **state)
{
    (void)state;
    check_layout(1920, 1080, 5000);
    check_layout(1920, 1080, 10000);
    check_layout(1080, 1920, 10000);
}

static void test_numbers_legible_at_1080p(void **state)
{
    (void)state;
    /* At the wall display's size the board keeps numbers at the configured
     * minimum by paging, rather than shrinking them. */
    int sizes[][2] = {{1920, 1080}, {1080, 1920}};
    for (int i = 0; i < 2; i++) {
        ut_board_t u;
        ut_board_open(&u, sizes[i][0], sizes[i][1], 10000, LANG_ZH_HANT, 1);
        ut_frame(&u, UT_NOW_MS);
        const board_layout_t *l = board_get_layout(u.board);
        assert_true(l->label_px >= u.cfg.board_min_label_px);
        assert_true(l->n_pages > 1);
        assert_int_equal(l->short_labels, 0);
        ut_board_close(&u);
    }
}

static void test_every_building_on_exactly_one_page(void **state)
{
    (void)state;
    ut_board_t u;
    ut_board_open(&u, 1920, 1080, 10000, LANG_EN, 1);
    ut_frame(&u, UT_NOW_MS);
    const board_layout_t *l = board_get_layout(u.board);
    int *seen = calloc((size_t)l->n_pages, sizeof *seen);
    assert_non_null(seen);
    for (int i = 0; i < l->n_blocks; i++) {
        assert_int_equal(l->blocks[i].building, i);
        assert_in_range(l->blocks[i].page, 0, l->n_pages - 1);
        seen[l->blocks[i].page]++;
        /* Pages keep buildings in order. */
        if (i > 0)
            assert_true(l->blocks[i].page >= l->blocks[i - 1].page);
    }
    for (int p = 0; p < l->n_pages; p++)
        assert_true(seen[p] > 0);
    free(seen);
    ut_board_close(&u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_landscape_1080p),
        cmocka_unit_test(test_portrait_1080p),
        cmocka_unit_test(test_other_sizes),
        cmocka_unit_test(test_big_projects_page),
        cmocka_unit_test(test_numbers_legible_at_1080p),
        cmocka_unit_test(test_every_building_on_exactly_one_page),
    };
    return cmocka_run_group_tests_name("board_layout", tests, NULL, NULL);
}
