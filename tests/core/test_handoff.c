/* test_handoff.c - hand-off URLs and their QR codes. */
#include "testutil.h"

#include "handoff.h"

static void test_url_expansion(void **state)
{
    (void)state;
    char url[256];
    diag_t d;
    const char *ids[] = {"B3-1203", "B1-101"};
    assert_int_equal(handoff_url("https://sales.example/p/{project}/u/{units}?l={lang}",
                                 "demo-emerald-lake", ids, 2, "zh-Hant", url,
                                 sizeof url, &d), 0);
    assert_string_equal(url, "https://sales.example/p/demo-emerald-lake/u/"
                             "B3-1203,B1-101?l=zh-Hant");
    /* Anything but letters, digits and -._~ is percent-encoded. */
    const char *odd[] = {"A 1/2", "棟"};
    assert_int_equal(handoff_url("x/{units}", "p", odd, 2, "en", url, sizeof url, &d), 0);
    assert_string_equal(url, "x/A%201%2F2,%E6%A3%9F");
}

static void test_url_errors(void **state)
{
    (void)state;
    char url[32];
    diag_t d;
    const char *ids[] = {"B3-1203"};
    assert_int_equal(handoff_url("x/{unit}", "p", ids, 1, "en", url, sizeof url, &d), -1);
    assert_non_null(strstr(d.msg, "unknown placeholder"));
    assert_int_equal(handoff_url("x/{project}", "p", ids, 1, "en", url, sizeof url, &d), -1);
    assert_non_null(strstr(d.msg, "no {units}"));
    assert_int_equal(handoff_url("https://a-rather-long-host.example/{units}", "p",
                                 ids, 1, "en", url, sizeof url, &d), -1);
    assert_non_null(strstr(d.msg, "longer than"));
}

/* The 7x7 finder pattern with its top-left module at (x, y). */
static int finder_at(const handoff_qr_t *q, int x, int y)
{
    for (int r = 0; r < 7; r++)
        for (int c = 0; c < 7; c++) {
            int ring = r == 0 || r == 6 || c == 0 || c == 6;
            int core = r >= 2 && r <= 4 && c >= 2 && c <= 4;
            int want = ring || core;
            if (q->modules[(size_t)(y + r) * (size_t)q->width + (size_t)(x + c)] != want)
                return 0;
        }
    return 1;
}

static void test_qr_shape(void **state)
{
    (void)state;
    handoff_qr_t q, q2, q3;
    diag_t d;
    const char *url = "https://sales.example/p/demo-emerald-lake/u/B3-1203,B1-101";
    assert_int_equal(handoff_qr(url, &q, &d), 0);
    assert_true(q.width >= 21 && (q.width - 17) % 4 == 0); /* 17 + 4 x version */
    assert_true(finder_at(&q, 0, 0));
    assert_true(finder_at(&q, q.width - 7, 0));
    assert_true(finder_at(&q, 0, q.width - 7));
    assert_false(finder_at(&q, q.width - 7, q.width - 7)); /* no fourth */
    /* The same text, the same code; other text, another code. */
    assert_int_equal(handoff_qr(url, &q2, &d), 0);
    assert_int_equal(q2.width, q.width);
    assert_memory_equal(q.modules, q2.modules, (size_t)q.width * (size_t)q.width);
    assert_int_equal(handoff_qr("https://sales.example/p/x/u/B9-901", &q3, &d), 0);
    assert_true(q3.width != q.width ||
                memcmp(q.modules, q3.modules, (size_t)q.width * (size_t)q.width) != 0);
    handoff_qr_free(&q);
    handoff_qr_free(&q2);
    handoff_qr_free(&q3);

    /* Longer than any QR code holds: refused, not crashed. */
    size_t n = 8000;
    char *big = malloc(n + 1);
    memset(big, 'x', n);
    big[n] = '\0';
    assert_int_equal(handoff_qr(big, &q, &d), -1);
    assert_null(q.modules);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_url_expansion),
        cmocka_unit_test(test_url_errors),
        cmocka_unit_test(test_qr_shape),
    };
    return cmocka_run_group_tests_name("handoff", tests, NULL, NULL);
}
