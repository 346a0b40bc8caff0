/* test_demo.c - the demo generator: deterministic, believable, complete. */
#include "testutil.h"

#include "demo.h"
#include "model.h"
#include "modelutil.h"

static model_t *gen(uint64_t seed, int units, int64_t now)
{
    demo_params_t p = {seed, units, now, NULL};
    model_t *m = NULL;
    diag_t d;
    assert_int_equal(demo_generate(&p, &m, &d), 0);
    return m;
}

static void test_same_seed_same_rows(void **state)
{
    (void)state;
    model_t *a = gen(20261127, 2000, 1795000000);
    model_t *b = gen(20261127, 2000, 1795000000);
    assert_int_equal(a->n_units, b->n_units);
    assert_true(tu_model_digest(a) == tu_model_digest(b));
    model_destroy(b);
    b = gen(20261128, 2000, 1795000000);
    assert_true(tu_model_digest(a) != tu_model_digest(b));
    model_destroy(a);
    model_destroy(b);
}

static void test_shape_is_believable(void **state)
{
    (void)state;
    model_t *m = gen(20261127, 2000, 1795000000);
    assert_in_range(m->n_units, 1700, 2300);
    assert_in_range(m->n_unit_types, 4, 6);
    assert_in_range(m->n_buildings, 6, 24);
    for (int i = 0; i < m->n_buildings; i++) {
        assert_in_range(m->buildings[i].floors, 18, 33);
        assert_in_range(m->buildings[i].units_per_floor, 2, 6);
        for (int l = 0; l < LANG_COUNT; l++)
            assert_true(m->buildings[i].name.s[l][0] != '\0');
    }
    for (int i = 0; i < m->n_unit_types; i++)
        for (int l = 0; l < LANG_COUNT; l++)
            assert_true(m->unit_types[i].name.s[l][0] != '\0');
    /* Chinese and English names really differ (not one copied over). */
    assert_string_not_equal(m->unit_types[0].name.s[LANG_ZH_HANT],
                            m->unit_types[0].name.s[LANG_EN]);
    assert_true(m->project.permits[0] != '\0');
    model_destroy(m);
}

static void test_every_status_present_in_a_realistic_mix(void **state)
{
    (void)state;
    model_t *m = gen(20261127, 2000, 1795000000);
    model_counts_t c;
    model_count(m, -1, 1795000000 - 86400, &c);
    assert_int_equal(c.total, m->n_units);
    for (int s = 0; s < STATUS_COUNT; s++)
        assert_true(c.by_status[s] > 0);
    /* A project mid-sale: a good part sold, a good part still on offer. */
    int bp = model_sold_bp(&c);
    assert_in_range(bp, 2500, 7500);
    assert_true(c.by_status[STATUS_AVAILABLE] > m->n_units / 5);
    assert_true(c.by_status[STATUS_HELD] < m->n_units / 10);
    model_destroy(m);
}

static void test_prices_and_areas_are_sane(void **state)
{
    (void)state;
    model_t *m = gen(20261127, 2000, 1795000000);
    for (int i = 0; i < m->n_units; i++) {
        const unit_t *u = &m->units[i];
        assert_in_range(u->area_built, 5000, 30000);      /* 50-300 m² */
        assert_true(u->area_inner > 0 && u->area_inner < u->area_built);
        /* 20,000-60,000 yuan per m², in cents */
        assert_in_range(u->unit_price, 2000000, 6000000);
        /* total = per m² x area, to the yuan */
        int64_t total = u->unit_price * u->area_built / 100;
        assert_true(llabs((long long)(total - u->list_price)) <= 100 * 100);
        assert_int_equal(u->list_price % 100, 0); /* whole yuan */
        assert_int_equal(u->floor * 100 + u->stack, strtol(u->number, NULL, 10));
        if (u->status == STATUS_HELD)
            assert_true(u->hold_expires_at > u->status_changed_at);
        else
            assert_int_equal(u->hold_expires_at, 0);
    }
    model_destroy(m);
}

static int64_t per_m2_yuan(const unit_t *u)
{
    return u->list_price / 100 * 100 / u->area_built;
}

static void test_price_rises_with_floor_and_south_light(void **state)
{
    (void)state;
    model_t *m = gen(20261127, 2000, 1795000000);
    int compared = 0, south_beats_north = 0, pairs = 0;
    for (int i = 0; i < m->n_units; i++) {
        for (int j = i + 1; j < m->n_units; j++) {
            const unit_t *a = &m->units[i], *b = &m->units[j];
            if (a->building != b->building)
                break;
            if (a->stack == b->stack && b->floor > a->floor) {
                /* Same stack, higher floor: never cheaper per m² (allowing
                 * the 10-yuan rounding and the area jitter). */
                assert_true(per_m2_yuan(b) + 20 >= per_m2_yuan(a));
                compared++;
            }
            if (a->floor == b->floor && a->orientation == ORIENT_N &&
                b->orientation == ORIENT_S) {
                pairs++;
                south_beats_north += per_m2_yuan(b) > per_m2_yuan(a);
            }
        }
    }
    assert_true(compared > 1000);
    assert_true(pairs > 0);
    assert_int_equal(south_beats_north, pairs);
    model_destroy(m);
}

static void test_units_are_in_board_order_and_unique(void **state)
{
    (void)state;
    model_t *m = gen(20261127, 5000, 1795000000);
    for (int i = 1; i < m->n_units; i++) {
        const unit_t *a = &m->units[i - 1], *b = &m->units[i];
        int ord = a->building != b->building ? a->building < b->building
                  : a->floor != b->floor     ? a->floor < b->floor
                                             : a->stack < b->stack;
        assert_true(ord);
        assert_string_not_equal(a->id, b->id);
    }
    model_destroy(m);
}

static void test_scales_to_requested_size(void **state)
{
    (void)state;
    int sizes[] = {10, 500, 5000, 10000, 20000, DEMO_MAX_UNITS};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        model_t *m = gen(1, sizes[i], 1795000000);
        assert_true(m->n_units >= sizes[i] * 6 / 10);
        assert_true(m->n_units <= sizes[i] * 14 / 10 + 200);
        model_destroy(m);
    }
}

static void test_rejects_nonsense_size(void **state)
{
    (void)state;
    demo_params_t p = {1, 3, 0, NULL};
    model_t *m = (model_t *)1;
    diag_t d;
    assert_int_equal(demo_generate(&p, &m, &d), -1);
    assert_null(m);
    assert_non_null(strstr(d.msg, "out of range"));
}

static void test_counts_today_and_sold_share(void **state)
{
    (void)state;
    model_t *m = model_create(1, 1, 5);
    model_counts_t c;
    unit_status_t st[5] = {STATUS_SIGNED, STATUS_SUBSCRIBED, STATUS_AVAILABLE,
                           STATUS_WITHHELD, STATUS_HELD};
    for (int i = 0; i < 5; i++) {
        m->units[i].status = st[i];
        m->units[i].status_changed_at = i == 0 ? 100 : 5000;
    }
    model_count(m, -1, 1000, &c);
    assert_int_equal(c.signed_today, 0);
    assert_int_equal(c.subscribed_today, 1);
    assert_int_equal(c.held_today, 1);
    /* 2 sold (a hold is not a sale) of 4 released (the withheld one does
     * not count) */
    assert_int_equal(model_sold_bp(&c), 5000);
    model_destroy(m);
}

/* Every building's counts in one pass are each building's own. */
static void test_counts_by_building_in_one_pass(void **state)
{
    (void)state;
    demo_params_t p = {20261127, 2000, 1795759500, NULL};
    model_t *m = NULL;
    diag_t d;
    assert_int_equal(demo_generate(&p, &m, &d), 0);
    model_counts_t *by = calloc((size_t)m->n_buildings, sizeof *by);
    model_counts_t all, one;
    assert_non_null(by);
    int64_t day = 1795759500 - 6 * 3600;
    model_count_buildings(m, day, by, &all);
    for (int i = 0; i < m->n_buildings; i++) {
        model_count(m, i, day, &one);
        assert_memory_equal(&by[i], &one, sizeof one);
    }
    model_count(m, -1, day, &one);
    assert_memory_equal(&all, &one, sizeof one);
    assert_true(all.held_today + all.subscribed_today + all.signed_today > 0);
    free(by);
    model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_rows),
        cmocka_unit_test(test_shape_is_believable),
        cmocka_unit_test(test_every_status_present_in_a_realistic_mix),
        cmocka_unit_test(test_prices_and_areas_are_sane),
        cmocka_unit_test(test_price_rises_with_floor_and_south_light),
        cmocka_unit_test(test_units_are_in_board_order_and_unique),
        cmocka_unit_test(test_scales_to_requested_size),
        cmocka_unit_test(test_rejects_nonsense_size),
        cmocka_unit_test(test_counts_today_and_sold_share),
        cmocka_unit_test(test_counts_by_building_in_one_pass),
    };
    return cmocka_run_group_tests_name("demo", tests, NULL, NULL);
}
