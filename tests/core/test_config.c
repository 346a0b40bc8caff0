/* test_config.c - strict config parsing with file:line errors. */
#include "testutil.h"

#include "config.h"

static char dir[256], path[512];

static int setup(void **state)
{
    (void)state;
    tu_mkdtemp(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/kiosk.ini", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmdir(dir);
    return 0;
}

/* Asserts that loading text fails and the message names path:line. */
static void expect_error(const char *text, int line, const char *words)
{
    kiosk_config_t c;
    diag_t d;
    char where[600];
    diag_clear(&d);
    config_defaults(&c);
    tu_write(path, text);
    assert_int_equal(config_load_file(&c, path, &d), -1);
    snprintf(where, sizeof where, "%s:%d: ", path, line);
    if (!strstr(d.msg, where) || !strstr(d.msg, words))
        fail_msg("expected '%s...%s' in: %s", where, words, d.msg);
}

static void test_defaults_are_usable(void **state)
{
    (void)state;
    kiosk_config_t c;
    config_defaults(&c);
    assert_int_equal(c.lang, LANG_ZH_HANT);
    assert_string_equal(c.mode, "browse");
    assert_true(c.board_page_seconds > 0);
    assert_true(c.freshness_red_minutes >= c.freshness_amber_minutes);
}

static void test_shipped_example_loads(void **state)
{
    (void)state;
    kiosk_config_t c, def;
    diag_t d;
    char example[512];
    snprintf(example, sizeof example, "%s/config/kiosk.ini",
             tu_env("SOURCE_DIR", "."));
    config_defaults(&c);
    config_defaults(&def);
    if (config_load_file(&c, example, &d) != 0)
        fail_msg("%s", d.msg);
    /* The example documents the defaults. */
    assert_memory_equal(&c, &def, sizeof c);
}

static void test_values_are_applied(void **state)
{
    (void)state;
    kiosk_config_t c;
    diag_t d;
    config_defaults(&c);
    tu_write(path, "[kiosk]\nlang = en\ndata_dir = /var/lib/kiosk\n"
                   "[display]\nwindowed = yes\nwidth = 1080\nheight = 1920\n"
                   "[board]\npage_seconds = 20 ; inline comment\n"
                   "[consultant]\nsignin_corner = bottom-right\n"
                   "hold_minutes = 45\nidle_seconds = 120\n"
                   "[demo]\nseed = 18446744073709551615\n");
    if (config_load_file(&c, path, &d) != 0)
        fail_msg("%s", d.msg);
    assert_int_equal(c.lang, LANG_EN);
    assert_string_equal(c.data_dir, "/var/lib/kiosk");
    assert_int_equal(c.windowed, 1);
    assert_int_equal(c.width, 1080);
    assert_int_equal(c.board_page_seconds, 20);
    assert_int_equal(c.signin_corner, CORNER_BOTTOM_RIGHT);
    assert_int_equal(c.hold_minutes, 45);
    assert_int_equal(c.consultant_idle_seconds, 120);
    assert_true(c.demo_seed == UINT64_MAX);
}

static void test_unknown_key(void **state)
{
    (void)state;
    expect_error("[kiosk]\nlang = en\n\n; comment\nlangauge = en\n", 5,
                 "unknown key 'langauge'");
}

static void test_unknown_section(void **state)
{
    (void)state;
    expect_error("[kiosk]\nlang = en\n[screen]\nwidth = 3\n", 4,
                 "unknown section [screen]");
}

static void test_bad_values(void **state)
{
    (void)state;
    expect_error("[board]\npage_seconds = soon\n", 2, "not a whole number");
    expect_error("[board]\npage_seconds = 0\n", 2, "out of range");
    expect_error("[display]\nwindowed = maybe\n", 2, "yes/no");
    expect_error("[kiosk]\nlang = fr\n", 2, "unknown language 'fr'");
    expect_error("[kiosk]\nmode = lobby\n", 2, "unknown mode 'lobby'");
    expect_error("[consultant]\nsignin_corner = top-left\n", 2,
                 "'top-left' is not bottom-left, bottom-right or off");
    expect_error("[consultant]\nhold_minutes = 0\n", 2, "out of range");
    expect_error("[display]\nwidth = 12abc\n", 2, "not a whole number");
    expect_error("[demo]\nseed = -1\n", 2, "non-negative");
}

static void test_every_bad_line_reported(void **state)
{
    (void)state;
    kiosk_config_t c, before;
    diag_t d;
    diag_clear(&d);
    config_defaults(&c);
    before = c;
    tu_write(path, "[kiosk]\nfoo = 1\nlang = en\n[board]\npage_seconds = x\n");
    assert_int_equal(config_load_file(&c, path, &d), -1);
    assert_int_equal(d.count, 2);
    assert_non_null(strstr(d.msg, ":2: unknown key 'foo'"));
    assert_non_null(strstr(d.msg, ":5: page_seconds"));
    /* Nothing is half-applied from a bad file. */
    assert_memory_equal(&c, &before, sizeof c);
}

static void test_syntax_error(void **state)
{
    (void)state;
    expect_error("[kiosk]\nlang en\n", 2, "syntax error");
}

static void test_line_too_long(void **state)
{
    (void)state;
    char text[1024];
    char val[600];
    memset(val, 'a', sizeof val - 1);
    val[sizeof val - 1] = '\0';
    snprintf(text, sizeof text, "[kiosk]\ndata_dir = %s\n", val);
    expect_error(text, 2, "longer than");
}

static void test_missing_file(void **state)
{
    (void)state;
    kiosk_config_t c;
    diag_t d;
    char missing[600];
    diag_clear(&d);
    config_defaults(&c);
    snprintf(missing, sizeof missing, "%s/nope.ini", dir);
    assert_int_equal(config_load_file(&c, missing, &d), -1);
    assert_non_null(strstr(d.msg, missing));
    assert_non_null(strstr(d.msg, "cannot open"));
}

static void test_bad_handoff_template(void **state)
{
    (void)state;
    expect_error("[handoff]\nurl_template = https://x.example/{unit}\n", 0,
                 "unknown placeholder");
}

static void test_inconsistent_freshness(void **state)
{
    (void)state;
    expect_error("[board]\nfreshness_amber_minutes = 30\nfreshness_red_minutes = 5\n",
                 0, "less than");
}

static void test_set_checks_like_file(void **state)
{
    (void)state;
    kiosk_config_t c;
    diag_t d;
    config_defaults(&c);
    assert_int_equal(config_set(&c, "kiosk", "lang", "zh-hans", &d), 0);
    assert_int_equal(c.lang, LANG_ZH_HANS);
    assert_int_equal(config_set(&c, "kiosk", "lang", "xx", &d), -1);
    assert_non_null(strstr(d.msg, "unknown language"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_are_usable),
        cmocka_unit_test(test_shipped_example_loads),
        cmocka_unit_test_setup_teardown(test_values_are_applied, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_section, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_bad_line_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_syntax_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_too_long, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inconsistent_freshness, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_handoff_template, setup, teardown),
        cmocka_unit_test(test_set_checks_like_file),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
