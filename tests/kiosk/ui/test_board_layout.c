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

/* Checks every promise of the layout for the board u has drawn. */
static void check_board(ut_board_t *u, int w, int h)
{
    const board_layout_t *l = board_get_layout(u->board);
    const model_t *m = u->m;
    rect_t screen = {0, 0, w, h};
    unsigned char *owner = calloc((size_t)w * (size_t)h, 1);
    assert_non_null(owner);

    assert_int_equal(l->n_blocks, m->n_buildings);
    assert_true(l->n_pages >= 1 && l->n_pages <= m->n_buildings);
    assert_true(rect_inside(l->header, screen));
    assert_true(rect_inside(l->footer, screen));
    assert_true(rect_inside(l->body, screen));
    assert_false(rect_overlap(l->header, l->body));
    assert_false(rect_overlap(l->footer, l->body));

    for (int page = 0; page < l->n_pages; page++) {
        const board_page_t *pg = &l->pages[page];
        memset(owner, 0, (size_t)w * (size_t)h);
        int on_page = 0;
        /* Blocks of one page stay apart and inside the body. */
        for (int i = 0; i < l->n_blocks; i++) {
            const board_block_t *a = &l->blocks[i];
            if (a->page != page)
                continue;
            on_page++;
            if (!rect_inside(a->block, l->body))
                fail_msg("%dx%d: block %d (%d,%d %dx%d) leaves the body "
                         "(%d,%d %dx%d)", w, h, i, a->block.x, a->block.y,
                         a->block.w, a->block.h, l->body.x, l->body.y,
                         l->body.w, l->body.h);
            assert_true(rect_inside(a->grid, a->block));
            assert_true(rect_inside(a->title, a->block));
            for (int j = i + 1; j < l->n_blocks; j++)
                if (l->blocks[j].page == page)
                    assert_false(rect_overlap(a->block, l->blocks[j].block));
            /* Floor labels: the numbers drawn fit their rows, and rows that
             * get a label are far enough apart not to touch. */
            for (int f = 1; f <= a->n_floors; f += pg->floor_step) {
                char num[8];
                int tw, th;
                rect_t fl = board_layout_floor_label(l, i, f);
                assert_true(rect_inside(fl, a->floors));
                snprintf(num, sizeof num, "%d", f);
                text_measure(u->text, num, pg->floor_px, TEXT_REGULAR, &tw, &th);
                if (tw > fl.w)
                    fail_msg("%dx%d: floor '%s' %dpx wide in %dpx", w, h, num,
                             tw, fl.w);
            }
            assert_true(pg->floor_step * pg->cell_h >= pg->floor_px);
        }
        assert_true(on_page > 0);
        /* Cells: on screen, inside their block's grid, top floor on top,
         * never sharing a pixel (an ownership map of the screen). */
        for (int k = 0; k < m->n_units; k++) {
            const unit_t *un = &m->units[k];
            const board_block_t *b = &l->blocks[un->building];
            if (b->page != page)
                continue;
            rect_t c = board_layout_cell(l, un->building, un->floor, un->stack);
            assert_true(c.w >= 1 && c.h >= 1);
            assert_true(rect_inside(c, screen));
            assert_true(rect_inside(c, b->grid));
            if (un->floor == b->n_floors) /* the top floor's row is the first */
                assert_true(c.y < b->grid.y + pg->cell_h);
            if (un->floor == 1)
                assert_true(c.y + c.h > b->grid.y + b->grid.h - pg->cell_h);
            for (int y = c.y; y < c.y + c.h; y++)
                for (int x = c.x; x < c.x + c.w; x++) {
                    if (owner[(size_t)y * (size_t)w + (size_t)x])
                        fail_msg("%dx%d: cell of %s overlaps another", w, h,
                                 un->id);
                    owner[(size_t)y * (size_t)w + (size_t)x] = 1;
                }
            /* The number fits inside the cell, both ways. */
            if (pg->label_px > 0) {
                char label[MODEL_NUMBER_MAX];
                int tw, th;
                if (pg->short_labels)
                    snprintf(label, sizeof label, "%02d", un->stack);
                else
                    snprintf(label, sizeof label, "%s", un->number);
                assert_int_equal(text_measure(u->text, label, pg->label_px,
                                              TEXT_REGULAR, &tw, &th), 0);
                if (tw > c.w || th > c.h)
                    fail_msg("%dx%d: '%s' at %dpx is %dx%d, cell %dx%d", w, h,
                             label, pg->label_px, tw, th, c.w, c.h);
            }
        }
    }
    free(owner);
}

static void check_layout(int w, int h, int units)
{
    ut_board_t u;
    ut_board_open(&u, w, h, units, LANG_ZH_HANT, 1);
    ut_frame(&u, UT_NOW_MS);
    check_board(&u, w, h);
    /* Ordinary projects at ordinary sizes always show their numbers. */
    const board_layout_t *l = board_get_layout(u.board);
    if (w >= 1024 && h >= 600)
        for (int p = 0; p < l->n_pages; p++)
            assert_true(l->pages[p].label_px > 0);
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
        assert_true(l->n_pages > 1);
        for (int p = 0; p < l->n_pages; p++) {
            assert_true(l->pages[p].label_px >= u.cfg.board_min_label_px);
            assert_int_equal(l->pages[p].short_labels, 0);
        }
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

/* Shapes the demo never makes, at sizes from a phone to a 4K wall: the
 * promises hold for all of them (a fixed seed keeps it repeatable). */
static void test_random_shapes_and_sizes(void **state)
{
    (void)state;
    static const int sizes[][2] = {
        {1920, 1080}, {1080, 1920}, {1366, 768}, {800, 480}, {2560, 1440},
        {2510, 1536}, {3840, 2160}, {1280, 1024}, {720, 1280}, {1024, 600},
    };
    uint64_t x = 0x5eed;
    for (int round = 0; round < 24; round++) {
        int nb, floors[48], upf[48];
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        nb = 1 + (int)((x >> 33) % 30);
        for (int i = 0; i < nb; i++) {
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            floors[i] = 1 + (int)((x >> 33) % (round % 4 == 3 ? 120 : 45));
            upf[i] = 1 + (int)((x >> 45) % (round % 5 == 4 ? 24 : 8));
        }
        int w = sizes[round % 10][0], h = sizes[round % 10][1];
        ut_board_t u;
        ut_board_open_model(&u, w, h, ut_model_shapes(nb, floors, upf),
                            LANG_EN, 1);
        ut_frame(&u, UT_NOW_MS);
        check_board(&u, w, h);
        ut_board_close(&u);
    }
}

static void test_tall_tower_gets_three_digit_floors(void **state)
{
    (void)state;
    int floors[] = {30, 120, 28}, upf[] = {4, 2, 6};
    ut_board_t u;
    ut_board_open_model(&u, 2160, 3840, ut_model_shapes(3, floors, upf),
                        LANG_EN, 1);
    ut_frame(&u, UT_NOW_MS);
    check_board(&u, 2160, 3840);
    ut_save(&u, "board-tall-tower.png");
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
        cmocka_unit_test(test_random_shapes_and_sizes),
        cmocka_unit_test(test_tall_tower_gets_three_digit_floors),
    };
    return cmocka_run_group_tests_name("board_layout", tests, NULL, NULL);
}
