/* test_pin.c - PIN hashing, checking, format rules and the lockout policy.
 *
 * Hashes use few iterations (PIN_MIN_ITERATIONS) so the test is quick; one
 * default-strength hash checks the default is what the string says.
 */
#include "testutil.h"

#include "pin.h"

static void test_format_rules(void **state)
{
    (void)state;
    diag_t d;
    assert_int_equal(pin_format_check("1234", &d), 0);
    assert_int_equal(pin_format_check("12345678", &d), 0);
    assert_int_equal(pin_format_check("123", &d), -1);
    assert_non_null(strstr(d.msg, "4 to 8 digits"));
    assert_int_equal(pin_format_check("123456789", &d), -1);
    assert_int_equal(pin_format_check("", &d), -1);
    assert_int_equal(pin_format_check(NULL, &d), -1);
    assert_int_equal(pin_format_check("12a4", &d), -1);
    assert_non_null(strstr(d.msg, "character 3"));
    assert_null(strstr(d.msg, "12a4")); /* never echoes the PIN */
    assert_int_equal(pin_format_check("12 34", &d), -1);
}

static void test_hash_and_verify(void **state)
{
    (void)state;
    char h1[PIN_HASH_MAX], h2[PIN_HASH_MAX];
    diag_t d;
    int it = 0;
    assert_int_equal(pin_hash("73915", PIN_MIN_ITERATIONS, h1, sizeof h1, &d), 0);
    assert_int_equal(pin_hash("73915", PIN_MIN_ITERATIONS, h2, sizeof h2, &d), 0);
    /* Self-describing, salted: the same PIN hashes differently each time. */
    assert_int_equal(strncmp(h1, "pbkdf2-sha256$1000$", 19), 0);
    assert_int_equal(strlen(h1), 19 + 32 + 1 + 64);
    assert_string_not_equal(h1, h2);
    assert_null(strstr(h1, "73915"));
    assert_true(pin_hash_valid(h1, &it));
    assert_int_equal(it, PIN_MIN_ITERATIONS);

    assert_true(pin_verify("73915", h1));
    assert_true(pin_verify("73915", h2));
    assert_false(pin_verify("73916", h1));
    assert_false(pin_verify("7391", h1));
    assert_false(pin_verify("739150", h1));
    assert_false(pin_verify("", h1));

    /* A damaged or foreign hash never matches anything. */
    char bad[PIN_HASH_MAX];
    snprintf(bad, sizeof bad, "%s", h1);
    bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == '0' ? '1' : '0';
    assert_false(pin_verify("73915", bad));
    const char *malformed[] = {
        "", "73915", "sha1$1000$00$00", "pbkdf2-sha256$$x$y",
        "pbkdf2-sha256$10$00112233445566778899aabbccddeeff$"
        "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
        "pbkdf2-sha256$01000$00112233445566778899aabbccddeeff$"
        "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
        "pbkdf2-sha256$1000$00112233445566778899AABBCCDDEEFF$"
        "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
        "pbkdf2-sha256$1000$00112233445566778899aabbccddeeff$"
        "00112233445566778899aabbccddeeff00112233445566778899aabbccddee",
        "pbkdf2-sha256$1000$00112233445566778899aabbccddeeff$"
        "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0",
    };
    for (size_t i = 0; i < sizeof malformed / sizeof *malformed; i++) {
        if (pin_hash_valid(malformed[i], NULL))
            fail_msg("accepted as a hash: '%s'", malformed[i]);
        assert_false(pin_verify("73915", malformed[i]));
    }
    assert_false(pin_verify("73915", NULL));
}

static void test_hash_refuses_bad_input(void **state)
{
    (void)state;
    char h[PIN_HASH_MAX], small[40];
    diag_t d;
    assert_int_equal(pin_hash("12", 0, h, sizeof h, &d), -1);
    assert_string_equal(h, "");
    assert_int_equal(pin_hash("1234", 10, h, sizeof h, &d), -1);
    assert_non_null(strstr(d.msg, "iterations"));
    assert_int_equal(pin_hash("1234", PIN_MIN_ITERATIONS, small, sizeof small, &d), -1);
}

static void test_default_iterations(void **state)
{
    (void)state;
    char h[PIN_HASH_MAX];
    diag_t d;
    int it = 0;
    assert_int_equal(pin_hash("2468", 0, h, sizeof h, &d), 0);
    assert_true(pin_hash_valid(h, &it));
    assert_int_equal(it, PIN_DEFAULT_ITERATIONS);
    assert_true(pin_verify("2468", h));
}

static void test_lockout_delays(void **state)
{
    (void)state;
    assert_int_equal(pin_lockout_delay(0), 0);
    assert_int_equal(pin_lockout_delay(2), 0);
    assert_int_equal(pin_lockout_delay(3), 30);
    assert_int_equal(pin_lockout_delay(4), 60);
    assert_int_equal(pin_lockout_delay(5), 120);
    assert_int_equal(pin_lockout_delay(7), 480);
    assert_int_equal(pin_lockout_delay(8), 900); /* 960 capped */
    assert_int_equal(pin_lockout_delay(1000000), 900);

    pin_lockout_t l = {0, 0};
    int64_t t = 1795000000;
    assert_int_equal(pin_lockout_wait(&l, t), 0);
    pin_lockout_fail(&l, t);
    pin_lockout_fail(&l, t + 1);
    assert_int_equal(pin_lockout_wait(&l, t + 1), 0); /* two free tries */
    pin_lockout_fail(&l, t + 2);
    assert_int_equal(pin_lockout_wait(&l, t + 2), 30);
    assert_int_equal(pin_lockout_wait(&l, t + 12), 20);
    assert_int_equal(pin_lockout_wait(&l, t + 32), 0);
    pin_lockout_fail(&l, t + 40);
    assert_int_equal(pin_lockout_wait(&l, t + 40), 60);
    /* A clock that went back does not make the wait longer than the delay. */
    assert_int_equal(pin_lockout_wait(&l, t), 60);
    /* The state is two plain numbers: a copy (as if read back after a
     * restart) says the same. */
    pin_lockout_t copy = l;
    assert_int_equal(pin_lockout_wait(&copy, t + 70), 30);
    pin_lockout_reset(&l);
    assert_int_equal(l.failures, 0);
    assert_int_equal(pin_lockout_wait(&l, t + 41), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_rules),
        cmocka_unit_test(test_hash_and_verify),
        cmocka_unit_test(test_hash_refuses_bad_input),
        cmocka_unit_test(test_default_iterations),
        cmocka_unit_test(test_lockout_delays),
    };
    return cmocka_run_group_tests_name("pin", tests, NULL, NULL);
}
