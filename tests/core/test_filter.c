/* test_filter.c - the units screen's filters and sorting, checked against
 * direct SQL over the same demo project in a real cache file. */
#include "testutil.h"

#include <sqlite3.h>

#include "cache.h"
#include "demo.h"
#include "filter.h"

static char dir[256], path[512];
static model_t *m;
static sqlite3 *db;

static int setup(void **state)
{
    (void)state;
    demo_params_t p = {20261127, 5000, 1795000000, NULL};
    model_t *gen = NULL;
    cache_t *c = NULL;
    diag_t d;
    tu_mkdtemp(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/cache.db", dir);
    assert_int_equal(demo_generate(&p, &gen, &d), 0);
    assert_int_equal(cache_open(path, &c, &d), CACHE_OK);
    assert_int_equal(cache_store_model(c, gen, &d), CACHE_OK);
    assert_int_equal(cache_load_model(c, &m, &d), CACHE_OK);
    cache_close(c);
    model_destroy(gen);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sqlite3_close(db);
    model_destroy(m);
    tu_rmdir(dir);
    return 0;
}

static int sql_count(const char *where)
{
    char sql[1024];
    sqlite3_stmt *st;
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM unit u JOIN unit_type t ON t.id = u.unit_type_id"
             " JOIN building b ON b.id = u.building_id WHERE %s;", where);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void same(const unit_filter_t *f, const char *where)
{
    int ours = filter_count(m, f), theirs = sql_count(where);
    if (ours != theirs)
        fail_msg("filter gives %d, SQL '%s' gives %d", ours, where, theirs);
    assert_true(theirs > 0); /* a filter that matches nothing proves little */
}

static void test_counts_match_sql(void **state)
{
    (void)state;
    unit_filter_t f;
    filter_clear(&f);
    same(&f, "1");
    f.available_only = 1;
    same(&f, "u.status = 'available'");
    filter_clear(&f);
    f.bedrooms = 1u << 3;
    same(&f, "t.bedrooms = 3");
    f.bedrooms = 1u << 2 | 1u << 4;
    same(&f, "t.bedrooms IN (2, 4)");
    filter_clear(&f);
    f.price_max = 400000000; /* under 4 million yuan */
    f.price_min = 300000000;
    same(&f, "u.list_price BETWEEN 300000000 AND 400000000");
    filter_clear(&f);
    f.area_min = 10000;
    f.area_max = 12000;
    f.floor_min = 10;
    f.floor_max = 20;
    same(&f, "u.area_built BETWEEN 10000 AND 12000 AND u.floor BETWEEN 10 AND 20");
    filter_clear(&f);
    f.orientations = 1u << ORIENT_S | 1u << ORIENT_SE;
    same(&f, "u.orientation IN ('S', 'SE')");
    /* Everything at once, in one building. */
    filter_clear(&f);
    f.building = 2;
    f.bedrooms = 1u << 3;
    f.available_only = 1;
    f.floor_min = 5;
    same(&f, "b.sort_order = 3 AND t.bedrooms = 3 AND u.status = 'available'"
             " AND u.floor >= 5");
}

static void test_sorted_lists(void **state)
{
    (void)state;
    unit_filter_t f;
    int *idx = malloc(sizeof *idx * (size_t)m->n_units);
    filter_clear(&f);
    f.available_only = 1;
    int n = filter_list(m, &f, SORT_PRICE, 0, idx);
    assert_int_equal(n, filter_count(m, &f));
    for (int i = 1; i < n; i++) {
        const unit_t *a = &m->units[idx[i - 1]], *b = &m->units[idx[i]];
        assert_true(a->list_price <= b->list_price);
        if (a->list_price == b->list_price)
            assert_true(idx[i - 1] < idx[i]); /* ties in board order */
    }
    n = filter_list(m, &f, SORT_AREA, 1, idx);
    for (int i = 1; i < n; i++)
        assert_true(m->units[idx[i - 1]].area_built >= m->units[idx[i]].area_built);
    n = filter_list(m, &f, SORT_FLOOR, 0, idx);
    for (int i = 1; i < n; i++)
        assert_true(m->units[idx[i - 1]].floor <= m->units[idx[i]].floor);
    /* The cheapest available unit is the SQL's cheapest. */
    n = filter_list(m, &f, SORT_PRICE, 0, idx);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
        "SELECT min(list_price) FROM unit WHERE status = 'available';", -1,
        &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(m->units[idx[0]].list_price, sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    free(idx);
}

static void test_customer_statuses(void **state)
{
    (void)state;
    assert_int_equal(filter_customer_status(STATUS_AVAILABLE, 1), CUSTOMER_AVAILABLE);
    assert_int_equal(filter_customer_status(STATUS_HELD, 1), CUSTOMER_RESERVED);
    assert_int_equal(filter_customer_status(STATUS_SUBSCRIBED, 0), CUSTOMER_RESERVED);
    assert_int_equal(filter_customer_status(STATUS_SIGNED, 0), CUSTOMER_SOLD);
    assert_int_equal(filter_customer_status(STATUS_WITHHELD, 1), CUSTOMER_SOLD);
    assert_int_equal(filter_customer_status(STATUS_WITHHELD, 0), CUSTOMER_UNAVAILABLE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_match_sql),
        cmocka_unit_test(test_sorted_lists),
        cmocka_unit_test(test_customer_statuses),
    };
    return cmocka_run_group_tests_name("filter", tests, setup, teardown);
}
