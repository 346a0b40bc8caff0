/* test_prices.c - the price-list CSV: exact cents, every bad row reported.
 *
 * A small hand-built project (two towers named in three languages, a few
 * units with known areas) so every expected cent can be worked out by hand.
 */
#include "testutil.h"

#include "demo.h"
#include "prices.h"

static model_t *model;

static void set_building(building_t *b, const char *id, const char *hant,
                         const char *hans, const char *en)
{
    snprintf(b->id, sizeof b->id, "%s", id);
    snprintf(b->name.s[LANG_ZH_HANT], sizeof b->name.s[0], "%s", hant);
    snprintf(b->name.s[LANG_ZH_HANS], sizeof b->name.s[0], "%s", hans);
    snprintf(b->name.s[LANG_EN], sizeof b->name.s[0], "%s", en);
    b->floors = 20;
    b->units_per_floor = 3;
}

static void set_unit(int i, int building, int floor, int stack, int32_t area,
                     int64_t list, int64_t unit_price)
{
    unit_t *u = &model->units[i];
    u->building = building;
    u->floor = floor;
    u->stack = stack;
    snprintf(u->number, sizeof u->number, "%d%02d", floor, stack);
    snprintf(u->id, sizeof u->id, "%.16s-%.11s", model->buildings[building].id,
             u->number);
    u->area_built = area;
    u->area_inner = area * 79 / 100;
    u->list_price = list;
    u->unit_price = unit_price;
}

static int setup(void **state)
{
    (void)state;
    model = model_create(2, 1, 8);
    assert_non_null(model);
    set_building(&model->buildings[0], "B1", "1棟", "1栋", "Tower 1");
    set_building(&model->buildings[1], "B2", "2棟", "2栋", "Tower 2");
    set_unit(0, 0, 12, 1, 8925, 300000000, 3361345);  /* B1-1201 */
    set_unit(1, 0, 12, 2, 10560, 350000000, 3314393); /* B1-1202 */
    set_unit(2, 0, 12, 3, 11830, 400000000, 3381234); /* B1-1203 */
    set_unit(3, 1, 5, 1, 8930, 280000000, 3135498);   /* B2-501 */
    set_unit(4, 1, 5, 2, 14350, 500000000, 3484321);  /* B2-502 */
    set_unit(5, 1, 6, 1, 8000, 300000000, 3750000);   /* B2-601 */
    set_unit(6, 1, 12, 3, 16880, 600000000, 3554502); /* B2-1203 */
    set_unit(7, 1, 13, 1, 0, 0, 0);                   /* B2-1301, no area */
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    model_destroy(model);
    return 0;
}

static int parse(const char *text, price_list_t **out, diag_t *d)
{
    return prices_parse_text("prices.csv", text, strlen(text), model, out, d);
}

/* True when some line of msg starts with where and also contains words. */
static int has_line(const char *msg, const char *where, const char *words)
{
    const char *line = msg;
    while (line && *line) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        char buf[DIAG_MAX];
        snprintf(buf, sizeof buf, "%.*s", (int)n, line);
        if (strncmp(buf, where, strlen(where)) == 0 && strstr(buf, words))
            return 1;
        line = end ? end + 1 : NULL;
    }
    return 0;
}

/* Parsing text fails, returns nothing, and reports where: ...words. */
static void expect_error(const char *text, const char *where,
                         const char *words)
{
    price_list_t *l = (price_list_t *)&l; /* must be reset to NULL */
    diag_t d;
    assert_int_equal(parse(text, &l, &d), -1);
    assert_null(l);
    assert_true(d.count >= 1);
    if (!has_line(d.msg, where, words))
        fail_msg("expected a line '%s...%s' in:\n%s", where, words, d.msg);
}

static price_list_t *expect_ok(const char *text)
{
    price_list_t *l = NULL;
    diag_t d;
    if (parse(text, &l, &d) != 0)
        fail_msg("unexpected errors:\n%s", d.msg);
    assert_non_null(l);
    assert_int_equal(d.count, 0);
    return l;
}

static void test_valid_file(void **state)
{
    (void)state;
    /* BOM, CRLF, columns in another order, no unit_price column, buildings
     * by id and by names in two languages, quoted thousands, a blank line. */
    price_list_t *l = expect_ok(
        "\xEF\xBB\xBFunit,list_price,building\r\n"
        "1201,\"3,250,000.50\",B1\r\n"
        "1203,4100000,1棟\r\n"
        "1203,\"6,000,000\",Tower 2\r\n"
        "\r\n"
        ",,\r\n" /* a spreadsheet's emptied row */
        "502,5000000.5,2栋\r\n");
    assert_int_equal(l->n_rows, 4);

    assert_int_equal(l->rows[0].unit, 0);
    assert_string_equal(l->rows[0].unit_id, "B1-1201");
    assert_true(l->rows[0].list_price == 325000050);
    assert_true(l->rows[0].unit_price == 3641457); /* 3,641,457.42 */
    assert_int_equal(l->rows[0].line, 2);

    assert_int_equal(l->rows[1].unit, 2); /* 1棟 is B1 */
    assert_true(l->rows[1].list_price == 410000000);
    assert_true(l->rows[1].unit_price == 3465765);

    assert_int_equal(l->rows[2].unit, 6); /* Tower 2's 1203, not B1's */
    assert_string_equal(l->rows[2].unit_id, "B2-1203");
    assert_true(l->rows[2].list_price == 600000000);
    assert_true(l->rows[2].unit_price == 3554502);

    assert_int_equal(l->rows[3].unit, 4);
    assert_true(l->rows[3].list_price == 500000050);
    assert_true(l->rows[3].unit_price == 3484321);
    assert_int_equal(l->rows[3].line, 7); /* after the blank lines */

    /* B2-1203 has exactly the model's prices already. */
    assert_int_equal(l->changed, 3);
    prices_free(l);
}

static void test_unit_price_given_or_computed(void **state)
{
    (void)state;
    price_list_t *l = expect_ok(
        "building,unit,list_price,unit_price\n"
        "B1,1201,3000000,\"33,613.45\"\n" /* as given */
        "B1,1202,3500000,\n"              /* empty cell: computed */
        "B2,601,3000000.40,\n"            /* 37,500.005: half up */
        "b2,1301,1000000,\"20,000\"\n");  /* no area: given is taken */
    assert_int_equal(l->n_rows, 4);
    assert_true(l->rows[0].unit_price == 3361345);
    assert_true(l->rows[1].unit_price == 3314394); /* 33,143.939... */
    assert_true(l->rows[2].list_price == 300000040);
    assert_true(l->rows[2].unit_price == 3750001);
    assert_int_equal(l->rows[3].unit, 7);
    assert_true(l->rows[3].unit_price == 2000000);
    /* Row 1 has the model's prices; the others do not. */
    assert_int_equal(l->changed, 3);
    prices_free(l);
}

static void test_names_ignore_ascii_case_and_spaces(void **state)
{
    (void)state;
    price_list_t *l = expect_ok("Building , UNIT,List_Price\n"
                                "  tower 1 ,1201 , 3000000.1\n"
                                "\"b2\",\"501\",\"2,800,000\"\n");
    assert_int_equal(l->n_rows, 2);
    assert_int_equal(l->rows[0].unit, 0);
    assert_true(l->rows[0].list_price == 300000010);
    assert_int_equal(l->rows[1].unit, 3);
    prices_free(l);
}

static void test_amounts(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int64_t cents;
    } good[] = {
        {"\"1,234,567.89\"", 123456789}, {"0.01", 1},
        {"\"999\"", 99900}, {"007.5", 750},
        {"\"12,345\"", 1234500}, {"9999999999.99", 999999999999},
    };
    static const char *const bad[] = {
        "abc", "\"1,23\"", "\"1,2345\"", "\",123\"", "\"1,234,\"", "12.345",
        "3.", ".5", "1e6", "\"¥100\"", "\"1 000\"", "+", "0x10", "\"1.000,50\"",
    };
    char text[256];
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        snprintf(text, sizeof text,
                 "building,unit,list_price\nB1,1201,%s\n", good[i].text);
        price_list_t *l = expect_ok(text);
        if (l->rows[0].list_price != good[i].cents)
            fail_msg("%s: got %lld cents", good[i].text,
                     (long long)l->rows[0].list_price);
        prices_free(l);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(text, sizeof text,
                 "building,unit,list_price\nB1,1201,%s\n", bad[i]);
        expect_error(text, "prices.csv:2:3: list_price: ",
                     "is not an amount of yuan");
    }
    expect_error("building,unit,list_price\nB1,1201,0\n",
                 "prices.csv:2:3: list_price: ", "not more than 0");
    expect_error("building,unit,list_price\nB1,1201,-5\n",
                 "prices.csv:2:3: list_price: ", "not more than 0");
    expect_error("building,unit,list_price\nB1,1201,10000000000\n",
                 "prices.csv:2:3: list_price: ", "absurd");
    expect_error("building,unit,list_price\nB1,1201,"
                 "99999999999999999999999\n",
                 "prices.csv:2:3: list_price: ", "absurd");
    expect_error("building,unit,list_price,unit_price\nB1,1201,1,10000000\n",
                 "prices.csv:2:4: unit_price: ", "per m²");
    expect_error("building,unit,list_price\nB1,1201,\n",
                 "prices.csv:2:3: list_price: ", "empty");
}

static void test_every_bad_row_reported(void **state)
{
    (void)state;
    price_list_t *l = (price_list_t *)&l;
    diag_t d;
    const char *text =
        "building,unit,list_price,unit_price\n"       /* 1 */
        "B1,1201,3000000,\n"                          /* 2: good */
        "B9,1202,3000000,\n"                          /* 3 */
        "B1,9999,3000000,\n"                          /* 4 */
        "B1,1202,abc,\n"                              /* 5 */
        "B1,1203,-5,\n"                               /* 6 */
        "B2,501,\"2,800,000\",10000\n"                /* 7 */
        "B2,502,99999999999,\n"                       /* 8 */
        "B2,1203,1\n"                                 /* 9 */
        "\"Tower 2\",601,\"3,000,000\",,\n"           /* 10 */
        "B1,1201,3000000,\n";                         /* 11 */
    assert_int_equal(parse(text, &l, &d), -1);
    assert_null(l);
    assert_int_equal(d.count, 9);
    static const char *const want[][2] = {
        {"prices.csv:3:1: building: ", "unknown building 'B9'"},
        {"prices.csv:4:2: unit: ", "building B1 has no unit '9999'"},
        {"prices.csv:5:3: list_price: ", "'abc' is not an amount of yuan"},
        {"prices.csv:6:3: list_price: ", "'-5' is not more than 0"},
        {"prices.csv:7:4: unit_price: ", "disagrees by more than 1 %"},
        {"prices.csv:8:3: list_price: ", "absurd"},
        {"prices.csv:9:4: ", "expected 4 fields as in the header, found 3"},
        {"prices.csv:10:5: ", "expected 4 fields as in the header, found 5"},
        {"prices.csv:11:2: unit: ", "priced twice (first on line 2)"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!has_line(d.msg, want[i][0], want[i][1]))
            fail_msg("expected '%s...%s' in:\n%s", want[i][0], want[i][1],
                     d.msg);
    /* Line 2 was good, and errors come in file order. */
    assert_null(strstr(d.msg, "prices.csv:2:"));
    assert_true(strstr(d.msg, ":3:1:") < strstr(d.msg, ":11:2:"));
}

static void test_duplicate_unit(void **state)
{
    (void)state;
    /* The same unit under two spellings of its building. */
    expect_error("building,unit,list_price\n"
                 "B1,1201,3000000\n"
                 "B2,1203,6000000\n"
                 "Tower 1,1201,3100000\n",
                 "prices.csv:4:2: unit: ",
                 "unit 1201 of building B1 is priced twice (first on line 2)");
}

static void test_header_problems(void **state)
{
    (void)state;
    expect_error("building,unit,list_price,discount\nB1,1201,1,2\n",
                 "prices.csv:1:4: ", "unknown column 'discount'");
    expect_error("building,list_price\nB1,3000000\n", "prices.csv:1: ",
                 "missing column unit (");
    expect_error("unit,price\n1201,3000000\n", "prices.csv:1: ",
                 "missing columns building, list_price");
    expect_error("building,unit,list_price,unit\nB1,1201,1,1201\n",
                 "prices.csv:1:4: ", "column 'unit' is named twice (also "
                 "column 2)");
    /* A file without a header: its first row is taken for one. */
    expect_error("B1,1201,3000000\n", "prices.csv:1:1: ",
                 "unknown column 'B1'");

    /* Rows are not checked under a broken header. */
    diag_t d;
    price_list_t *l = NULL;
    assert_int_equal(parse("building,unit,lst_price\nB9,1,x\n", &l, &d), -1);
    assert_int_equal(d.count, 2); /* unknown lst_price, missing list_price */
    assert_null(strstr(d.msg, "prices.csv:2:"));
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    diag_t d;
    price_list_t *l = NULL;
    const char *text = "building,unit,list_price\n"
                       "B9,1201,3000000\n"
                       "B1,\"1202,3000000\n"
                       "B1,1203,4000000\n";
    assert_int_equal(parse(text, &l, &d), -1);
    assert_null(l);
    assert_int_equal(d.count, 2);
    assert_true(has_line(d.msg, "prices.csv:2:1: building: ", "unknown"));
    assert_true(has_line(d.msg, "prices.csv:3:2: unit: ",
                         "unterminated quote"));
    expect_error("\"building,unit,list_price\n", "prices.csv:1:1: ",
                 "unterminated quote");
}

static void test_wrong_field_count(void **state)
{
    (void)state;
    expect_error("building,unit,list_price\nB1,1201\n", "prices.csv:2:3: ",
                 "expected 3 fields as in the header, found 2");
    /* A thousands separator outside quotes makes extra fields. */
    expect_error("building,unit,list_price\nB1,1201,3,000,000\n",
                 "prices.csv:2:4: ", "found 5");
}

static void test_disagreeing_unit_price(void **state)
{
    (void)state;
    /* B1-1201: 3,000,000 yuan / 89.25 m² = 33,613.445... yuan/m²; 1 % of
     * that is 336.13, so 33,949.57 is just inside and 33,949.58 out. */
    price_list_t *l = expect_ok("building,unit,list_price,unit_price\n"
                                "B1,1201,3000000,33949.57\n");
    assert_true(l->rows[0].unit_price == 3394957);
    prices_free(l);
    l = expect_ok("building,unit,list_price,unit_price\n"
                  "B1,1201,3000000,33277.32\n");
    prices_free(l);
    expect_error("building,unit,list_price,unit_price\n"
                 "B1,1201,3000000,33949.58\n",
                 "prices.csv:2:4: unit_price: ",
                 "33,949.58 disagrees by more than 1 % with list_price / "
                 "area_built = 3,000,000.00 / 89.25 m² = 33,613.45 yuan/m²");
    expect_error("building,unit,list_price,unit_price\n"
                 "B1,1201,3000000,33277.31\n",
                 "prices.csv:2:4: unit_price: ", "disagrees");
    /* Without an area the price per m² cannot be worked out. */
    expect_error("building,unit,list_price\nB2,1301,1000000\n",
                 "prices.csv:2:2: unit: ", "has no built area");
}

static void test_empty_file(void **state)
{
    (void)state;
    expect_error("", "prices.csv:0: ", "empty file");
    expect_error("\xEF\xBB\xBF\r\n  \n,,,\n\n", "prices.csv:0: ",
                 "empty file");
    /* A row of one empty quoted field is not blank. */
    expect_error("building,unit,list_price\n\"\"\n", "prices.csv:2:2: ",
                 "expected 3 fields as in the header, found 1");
}

static void test_header_only(void **state)
{
    (void)state;
    price_list_t *l = expect_ok("building,unit,list_price\n");
    assert_int_equal(l->n_rows, 0);
    assert_int_equal(l->changed, 0);
    prices_free(l);
    l = expect_ok("\xEF\xBB\xBF" "building,unit,list_price,unit_price");
    assert_int_equal(l->n_rows, 0);
    prices_free(l);
}

static void test_field_text_problems(void **state)
{
    (void)state;
    char text[600];
    char longname[301];
    memset(longname, 'x', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    snprintf(text, sizeof text, "building,unit,list_price\n%s,1201,1\n",
             longname);
    expect_error(text, "prices.csv:2:1: building: ",
                 "longer than 256 bytes");
    expect_error("building,unit,list_price\nB1,12\"01,1\n",
                 "prices.csv:2:2: unit: ", "quote inside an unquoted field");
    expect_error("building,unit,list_price\n\"B1\"x,1201,1\n",
                 "prices.csv:2:1: building: ", "text after the closing quote");
    expect_error("building,unit,list_price\nB\xff" "1,1201,1\n",
                 "prices.csv:2:1: building: ", "not valid UTF-8");
    /* A quoted line break is part of the field; lines after it still
     * count right. */
    expect_error("building,unit,list_price\n\"B1\n\",1201,1\nB1,9999,1\n",
                 "prices.csv:2:1: building: ", "control character");
    expect_error("building,unit,list_price\n\"B1\n\",1201,1\nB1,9999,1\n",
                 "prices.csv:4:2: unit: ", "no unit '9999'");
    /* "" inside quotes is one quote, quoted back in the message. */
    expect_error("building,unit,list_price\n\"Tower \"\"1\"\"\",1201,1\n",
                 "prices.csv:2:1: building: ",
                 "unknown building 'Tower \"1\"' (give an id such as B1 or "
                 "a name such as 1棟)");
    /* 256 bytes exactly is fine (and merely an unknown building). */
    longname[256] = '\0';
    snprintf(text, sizeof text, "building,unit,list_price\n%s,1201,1\n",
             longname);
    expect_error(text, "prices.csv:2:1: building: ", "unknown building");
}

static void test_too_many_errors_are_counted(void **state)
{
    (void)state;
    char *text = malloc(100 * 32 + 64);
    size_t len = 0;
    diag_t d;
    price_list_t *l = NULL;
    int shown = 0;
    char tail[64];
    assert_non_null(text);
    len += (size_t)snprintf(text, 64, "building,unit,list_price\n");
    for (int i = 0; i < 100; i++)
        len += (size_t)snprintf(text + len, 32, "B9%d,1201,1\n", i);
    assert_int_equal(prices_parse_text("p.csv", text, len, model, &l, &d),
                     -1);
    free(text);
    assert_int_equal(d.count, 100);
    for (const char *s = d.msg; (s = strstr(s, "p.csv:")) != NULL; s++)
        shown++;
    assert_true(shown > 3 && shown < 100);
    /* The hint on what a building may be called is given once. */
    const char *hint = strstr(d.msg, "(give an id such as B1");
    assert_non_null(hint);
    assert_null(strstr(hint + 1, "(give an id"));
    snprintf(tail, sizeof tail, "\n... and %d more errors", 100 - shown);
    assert_non_null(strstr(d.msg, tail));
    assert_true(strlen(d.msg) < DIAG_MAX);
}

static void test_caps(void **state)
{
    (void)state;
    diag_t d;
    price_list_t *l = NULL;
    /* More than PRICES_MAX_ROWS rows: the fatal error still shows after
     * the ordinary ones filled the message. */
    size_t size = 32 + (size_t)(PRICES_MAX_ROWS + 1) * 10;
    char *text = malloc(size);
    size_t len = 0;
    assert_non_null(text);
    len += (size_t)snprintf(text, size, "building,unit,list_price\n");
    for (int i = 0; i <= PRICES_MAX_ROWS; i++) {
        memcpy(text + len, "B1,1201,1\n", 10);
        len += 10;
    }
    assert_int_equal(prices_parse_text("p.csv", text, len, model, &l, &d),
                     -1);
    assert_null(l);
    if (!has_line(d.msg, "p.csv:200002: ", "more than 200000 rows"))
        fail_msg("%s", d.msg);
    assert_non_null(strstr(d.msg, "more errors"));
    /* Exactly PRICES_MAX_ROWS rows is not over the cap. */
    len -= 10;
    assert_int_equal(prices_parse_text("p.csv", text, len, model, &l, &d),
                     -1);
    assert_null(strstr(d.msg, "more than 200000 rows"));
    free(text);

    /* More than PRICES_MAX_BYTES bytes. */
    text = malloc(PRICES_MAX_BYTES + 1);
    assert_non_null(text);
    memset(text, '\n', PRICES_MAX_BYTES + 1);
    assert_int_equal(prices_parse_text("p.csv", text, PRICES_MAX_BYTES + 1,
                                       model, &l, &d), -1);
    assert_true(has_line(d.msg, "p.csv:0: ", "larger than 8 MiB"));
    free(text);
}

static void test_file(void **state)
{
    (void)state;
    char dir[256], path[512];
    diag_t d;
    price_list_t *l = NULL;
    tu_mkdtemp(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/prices.csv", dir);
    tu_write(path, "building,unit,list_price\n1栋,1202,\"3,600,000\"\n");
    if (prices_parse_file(path, model, &l, &d) != 0)
        fail_msg("%s", d.msg);
    assert_int_equal(l->n_rows, 1);
    assert_int_equal(l->rows[0].unit, 1);
    assert_true(l->rows[0].list_price == 360000000);
    prices_free(l);

    /* Errors name the file as given. */
    tu_write(path, "building,unit,list_price\nB1,1201,abc\n");
    assert_int_equal(prices_parse_file(path, model, &l, &d), -1);
    char where[600];
    snprintf(where, sizeof where, "%s:2:3: list_price: ", path);
    assert_true(has_line(d.msg, where, "'abc' is not an amount of yuan"));

    /* Too big on disk. */
    char *big = malloc(PRICES_MAX_BYTES + 1);
    assert_non_null(big);
    memset(big, '\n', PRICES_MAX_BYTES + 1);
    tu_write_bytes(path, big, PRICES_MAX_BYTES + 1);
    free(big);
    assert_int_equal(prices_parse_file(path, model, &l, &d), -1);
    assert_null(l);
    assert_non_null(strstr(d.msg, "larger than 8 MiB"));

    snprintf(path, sizeof path, "%s/missing.csv", dir);
    assert_int_equal(prices_parse_file(path, model, &l, &d), -1);
    assert_non_null(strstr(d.msg, "cannot open"));
    tu_rmdir(dir);
    prices_free(NULL);
}

/* The shipped examples fit the demo project the kiosk runs by default. */
static void test_demo_files(void **state)
{
    (void)state;
    demo_params_t p = {20261127, 2000, 1760000000, NULL};
    model_t *demo = NULL;
    price_list_t *l = NULL;
    diag_t d;
    char path[512];
    if (demo_generate(&p, &demo, &d) != 0)
        fail_msg("%s", d.msg);

    snprintf(path, sizeof path, "%s/assets/demo-prices.csv",
             tu_env("SOURCE_DIR", "."));
    if (prices_parse_file(path, demo, &l, &d) != 0)
        fail_msg("%s", d.msg);
    assert_int_equal(l->n_rows, 12);
    for (int i = 0; i < l->n_rows; i++) {
        const unit_t *u = &demo->units[l->rows[i].unit];
        assert_true(l->rows[i].list_price > 0);
        assert_true(u->floor <= 18 && u->stack <= 2); /* any seed has them */
    }
    assert_int_equal(l->changed, 12);
    prices_free(l);

    snprintf(path, sizeof path, "%s/assets/demo-prices-bad.csv",
             tu_env("SOURCE_DIR", "."));
    assert_int_equal(prices_parse_file(path, demo, &l, &d), -1);
    assert_null(l);
    assert_int_equal(d.count, 8);
    for (int line = 3; line <= 10; line++) {
        char where[32];
        snprintf(where, sizeof where, "demo-prices-bad.csv:%d:", line);
        if (!strstr(d.msg, where))
            fail_msg("no error on line %d:\n%s", line, d.msg);
    }
    model_destroy(demo);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_file),
        cmocka_unit_test(test_unit_price_given_or_computed),
        cmocka_unit_test(test_names_ignore_ascii_case_and_spaces),
        cmocka_unit_test(test_amounts),
        cmocka_unit_test(test_every_bad_row_reported),
        cmocka_unit_test(test_duplicate_unit),
        cmocka_unit_test(test_header_problems),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_wrong_field_count),
        cmocka_unit_test(test_disagreeing_unit_price),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_header_only),
        cmocka_unit_test(test_field_text_problems),
        cmocka_unit_test(test_too_many_errors_are_counted),
        cmocka_unit_test(test_caps),
        cmocka_unit_test(test_file),
        cmocka_unit_test(test_demo_files),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
