/* test_i18n.c - string tables: complete in every language, safe templates. */
#include "testutil.h"

#include "i18n.h"
#include "status.h"

static i18n_t *load_assets(void)
{
    char dir[512];
    i18n_t *t = NULL;
    diag_t d;
    snprintf(dir, sizeof dir, "%s/i18n", tu_env("ASSETS", "assets"));
    if (i18n_load(dir, &t, &d) != 0)
        fail_msg("%s", d.msg);
    return t;
}

static void test_every_language_has_every_key(void **state)
{
    (void)state;
    i18n_t *t = load_assets();
    for (int l = 0; l < LANG_COUNT; l++) {
        diag_t d;
        diag_clear(&d);
        if (i18n_missing(t, (lang_t)l, &d) != 0)
            fail_msg("%s", d.msg);
    }
    i18n_destroy(t);
}

static void test_status_names_translated(void **state)
{
    (void)state;
    i18n_t *t = load_assets();
    for (int s = 0; s < STATUS_COUNT; s++) {
        char key[64];
        snprintf(key, sizeof key, "status.%s", status_wire_name((unit_status_t)s));
        const char *hant = i18n_get(t, LANG_ZH_HANT, key);
        const char *en = i18n_get(t, LANG_EN, key);
        assert_string_not_equal(hant, key); /* found, not the fallback */
        assert_string_not_equal(hant, en);
    }
    assert_string_equal(i18n_get(t, LANG_ZH_HANT, "status.signed"), "簽約");
    assert_string_equal(i18n_get(t, LANG_ZH_HANS, "status.signed"), "签约");
    i18n_destroy(t);
}

static void test_missing_key_falls_back(void **state)
{
    (void)state;
    i18n_t *t = load_assets();
    assert_string_equal(i18n_get(t, LANG_ZH_HANT, "no.such.key"), "no.such.key");
    assert_string_equal(i18n_get(NULL, LANG_EN, "x"), "x");
    i18n_destroy(t);
}

static void test_format_placeholders(void **state)
{
    (void)state;
    char out[64];
    const char *args[2] = {"12", "33"};
    i18n_format(out, sizeof out, "第 {0}/{1} 頁", args, 2);
    assert_string_equal(out, "第 12/33 頁");
    i18n_format(out, sizeof out, "{1} of {0}, {5} {x} %s %n", args, 2);
    assert_string_equal(out, "33 of 12,  {x} %s %n");
}

static void test_format_truncates_on_character_boundary(void **state)
{
    (void)state;
    char out[8];
    /* 資料更新 is 4 characters of 3 bytes: only 2 fit in 7 bytes. */
    i18n_format(out, sizeof out, "資料更新", NULL, 0);
    assert_string_equal(out, "資料");
}

static void test_language_codes(void **state)
{
    (void)state;
    lang_t l;
    assert_int_equal(lang_parse("zh-Hant", &l), 0);
    assert_int_equal(l, LANG_ZH_HANT);
    assert_int_equal(lang_parse("ZH-HANS", &l), 0);
    assert_int_equal(l, LANG_ZH_HANS);
    assert_int_equal(lang_parse("fr", &l), -1);
    assert_string_equal(lang_code(LANG_EN), "en");
}

static void test_malformed_table_names_file_and_line(void **state)
{
    (void)state;
    char dir[256], p[512];
    i18n_t *t = NULL;
    diag_t d;
    diag_clear(&d);
    tu_mkdtemp(dir, sizeof dir);
    snprintf(p, sizeof p, "%s/zh-Hant.ini", dir);
    tu_write(p, "[strings]\na = 1\na = 2\n");
    snprintf(p, sizeof p, "%s/zh-Hans.ini", dir);
    tu_write(p, "[strings]\na = 1\n[other]\nb = 2\n");
    /* en.ini missing */
    assert_int_equal(i18n_load(dir, &t, &d), -1);
    assert_null(t);
    assert_non_null(strstr(d.msg, "zh-Hant.ini:3: duplicate key 'a'"));
    assert_non_null(strstr(d.msg, "zh-Hans.ini:4: unknown section [other]"));
    assert_non_null(strstr(d.msg, "en.ini:0: cannot open"));
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_language_has_every_key),
        cmocka_unit_test(test_status_names_translated),
        cmocka_unit_test(test_missing_key_falls_back),
        cmocka_unit_test(test_format_placeholders),
        cmocka_unit_test(test_format_truncates_on_character_boundary),
        cmocka_unit_test(test_language_codes),
        cmocka_unit_test(test_malformed_table_names_file_and_line),
    };
    return cmocka_run_group_tests_name("i18n", tests, NULL, NULL);
}
