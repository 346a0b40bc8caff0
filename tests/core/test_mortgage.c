/* test_mortgage.c - mortgage figures against hand-checked values.
 *
 * The reference figures are the ones Chinese banks' and calculators' tables
 * give (月供), checked by hand: 1,000,000 yuan over 30 years at 4.9 % is
 * 5,307.27 a month in equal instalments; in equal principal the first month
 * is 2,777.78 + 4,083.33 = 6,861.11 and each month is 11.34 less; 500,000
 * at the provident fund's 3.25 % is 2,176.03.
 */
#include "testutil.h"

#include "mortgage.h"

static const mortgage_limits_t lim = {
    .min_down_bp = 0, .max_months = 360,
    .max_provident_loan = INT64_C(120000000), /* 1.2 million yuan */
    .max_rate_bp = 2000,
};

static mortgage_out_t compute(int64_t price_yuan, int down_bp, int months,
                              int64_t provident_yuan, int com_bp, int prov_bp,
                              repay_t method)
{
    mortgage_in_t in = {price_yuan * 100, down_bp, months, provident_yuan * 100,
                        com_bp, prov_bp, method};
    mortgage_out_t o;
    diag_t d;
    if (mortgage_compute(&in, &lim, &o, &d) != 0)
        fail_msg("%s", d.msg);
    /* The identities every answer keeps. */
    assert_int_equal(o.loan, o.commercial_loan + o.provident_loan);
    assert_int_equal(o.total_repaid, o.loan + o.total_interest);
    assert_int_equal(o.total_cost, o.down_payment + o.total_repaid);
    assert_int_equal(o.down_payment + o.loan, in.price);
    return o;
}

static void test_equal_instalment_commercial(void **state)
{
    (void)state;
    mortgage_out_t o = compute(1000000, 0, 360, 0, 490, 0, REPAY_EQUAL_INSTALLMENT);
    assert_int_equal(o.first_payment, 530727);       /* 5,307.27 */
    /* 359 payments of 5,307.27 and a last that settles the rounding. */
    assert_int_equal(o.total_repaid, 530727LL * 359 + o.last_payment);
    assert_true(llabs((long long)(o.last_payment - o.first_payment)) < 500);
    /* The textbook total (payment x 360 - loan) is 910,617.20; rounding
     * each month's interest to the cent lands within a few yuan of it. */
    assert_in_range(o.total_interest, 91061000, 91062000);
}

static void test_equal_principal_commercial(void **state)
{
    (void)state;
    mortgage_out_t o = compute(1000000, 0, 360, 0, 490, 0, REPAY_EQUAL_PRINCIPAL);
    assert_int_equal(o.first_payment, 686111);       /* 6,861.11 */
    assert_int_equal(o.monthly_decrease, 1134);      /* 11.34 less a month */
    /* The closed form P*i*(n+1)/2 gives 737,041.67. */
    assert_in_range(o.total_interest, 73704000, 73704200);
    assert_true(o.last_payment < o.first_payment);
    assert_in_range(o.last_payment, 278800, 279000); /* ~2,788-2,789 */
}

static void test_provident_and_combination(void **state)
{
    (void)state;
    mortgage_out_t p = compute(500000, 0, 360, 500000, 490, 325, REPAY_EQUAL_INSTALLMENT);
    assert_int_equal(p.commercial_loan, 0);
    assert_int_equal(p.first_payment, 217603);       /* 2,176.03 */

    /* 1.5 million, 30 % down: 1,050,000 loan, 600,000 from the fund.
     * 450,000 commercial is 0.45 x 5,307.27 = 2,388.27; 600,000 provident
     * is 1.2 x 2,176.03 = 2,611.24: together 4,999.51. */
    mortgage_out_t c = compute(1500000, 3000, 360, 600000, 490, 325, REPAY_EQUAL_INSTALLMENT);
    assert_int_equal(c.down_payment, 45000000);
    assert_int_equal(c.loan, 105000000);
    assert_int_equal(c.provident_loan, 60000000);
    assert_int_equal(c.first_payment, 238827 + 261124);
}

static void test_zero_rate_and_one_month(void **state)
{
    (void)state;
    mortgage_out_t z = compute(360000, 0, 360, 0, 0, 0, REPAY_EQUAL_INSTALLMENT);
    assert_int_equal(z.first_payment, 100000);
    assert_int_equal(z.last_payment, 100000);
    assert_int_equal(z.total_interest, 0);
    mortgage_out_t zp = compute(100000, 0, 3, 0, 0, 0, REPAY_EQUAL_PRINCIPAL);
    assert_int_equal(zp.total_repaid, 10000000);     /* 33,333.33 x 2 + 33,333.34 */
    assert_int_equal(zp.last_payment, 3333334);

    /* One month: the loan and one month's interest, 408.33. */
    mortgage_out_t one = compute(100000, 0, 1, 0, 490, 0, REPAY_EQUAL_INSTALLMENT);
    assert_int_equal(one.first_payment, 10040833);
    assert_int_equal(one.total_interest, 40833);
    mortgage_out_t onep = compute(100000, 0, 1, 0, 490, 0, REPAY_EQUAL_PRINCIPAL);
    assert_int_equal(onep.first_payment, 10040833);
}

static void test_all_down_no_loan(void **state)
{
    (void)state;
    mortgage_out_t o = compute(2000000, 10000, 240, 0, 490, 0, REPAY_EQUAL_INSTALLMENT);
    assert_int_equal(o.loan, 0);
    assert_int_equal(o.first_payment, 0);
    assert_int_equal(o.total_cost, 200000000);
}

static void expect_refused(mortgage_in_t in, const char *words)
{
    mortgage_out_t o;
    diag_t d;
    mortgage_limits_t strict = lim;
    strict.min_down_bp = 1500;
    diag_clear(&d);
    assert_int_equal(mortgage_compute(&in, &strict, &o, &d), -1);
    if (!strstr(d.msg, words))
        fail_msg("want '%s' in '%s'", words, d.msg);
}

static void test_nonsense_refused(void **state)
{
    (void)state;
    expect_refused((mortgage_in_t){0, 3000, 360, 0, 490, 0, 0}, "price");
    expect_refused((mortgage_in_t){-5, 3000, 360, 0, 490, 0, 0}, "price");
    expect_refused((mortgage_in_t){100000000, 1000, 360, 0, 490, 0, 0},
                   "down payment: 10.00 % is not between 15.00 %");
    expect_refused((mortgage_in_t){100000000, 10001, 360, 0, 490, 0, 0}, "down payment");
    expect_refused((mortgage_in_t){100000000, 3000, 0, 0, 490, 0, 0}, "term: 0 months");
    expect_refused((mortgage_in_t){100000000, 3000, 361, 0, 490, 0, 0}, "term: 361");
    expect_refused((mortgage_in_t){100000000, 3000, 360, 0, -1, 0, 0}, "rate");
    expect_refused((mortgage_in_t){100000000, 3000, 360, 0, 2001, 0, 0}, "rate");
    /* More from the fund than the loan, or than the fund lends. */
    expect_refused((mortgage_in_t){100000000, 3000, 360, 80000000, 490, 325, 0},
                   "provident-fund loan");
    expect_refused((mortgage_in_t){300000000, 3000, 360, 150000000, 490, 325, 0},
                   "provident-fund loan");
    expect_refused((mortgage_in_t){100000000, 3000, 360, 0, 490, 0, 7}, "repayment");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_equal_instalment_commercial),
        cmocka_unit_test(test_equal_principal_commercial),
        cmocka_unit_test(test_provident_and_combination),
        cmocka_unit_test(test_zero_rate_and_one_month),
        cmocka_unit_test(test_all_down_no_loan),
        cmocka_unit_test(test_nonsense_refused),
    };
    return cmocka_run_group_tests_name("mortgage", tests, NULL, NULL);
}
