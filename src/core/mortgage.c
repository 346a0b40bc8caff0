/* mortgage.c - see mortgage.h.
 *
 * Each loan is run month by month in integer cents.  Only the equal
 * instalment itself needs a power, (1+i)^n; it is computed in long double
 * and rounded to the cent once, after which every figure is exact integer
 * arithmetic.
 */
#include "mortgage.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* round(a * b / c) half up, for non-negative a, b and positive c, where
 * a * b fits in int64 (balances below 10^12 cents, rates below 10^5 bp). */
static int64_t muldiv_round(int64_t a, int64_t b, int64_t c)
{
    return (a * b + c / 2) / c;
}

typedef struct {
    int64_t first, last, interest, decrease;
} schedule_t;

/* One loan of principal p over n months at rate_bp a year. */
static void run(int64_t p, int n, int rate_bp, repay_t method, schedule_t *s)
{
    const int64_t per_year = 12 * 10000; /* bp a year -> fraction a month */
    int64_t balance = p, payment = 0, principal_each = 0;

    memset(s, 0, sizeof *s);
    if (p <= 0)
        return;
    if (method == REPAY_EQUAL_INSTALLMENT) {
        if (rate_bp == 0) {
            payment = (p + n / 2) / n;
        } else {
            long double i = (long double)rate_bp / (long double)per_year;
            long double f = powl(1.0L + i, (long double)n);
            payment = (int64_t)llroundl((long double)p * i * f / (f - 1.0L));
        }
    } else {
        principal_each = (p + n / 2) / n;
    }
    for (int m = 1; m <= n; m++) {
        int64_t interest = muldiv_round(balance, rate_bp, per_year);
        int64_t principal;
        if (m == n) {
            principal = balance; /* the last month settles the rounding */
        } else if (method == REPAY_EQUAL_INSTALLMENT) {
            principal = payment - interest;
        } else {
            principal = principal_each;
        }
        if (principal > balance)
            principal = balance;
        if (principal < 0)
            principal = 0;
        int64_t paid = principal + interest;
        if (m == 1)
            s->first = paid;
        if (m == n)
            s->last = paid;
        s->interest += interest;
        balance -= principal;
    }
    if (method == REPAY_EQUAL_PRINCIPAL)
        s->decrease = muldiv_round(principal_each, rate_bp, per_year);
}

static void percent(char *out, size_t size, int bp)
{
    snprintf(out, size, "%d.%02d %%", bp / 100, bp % 100);
}

int mortgage_compute(const mortgage_in_t *in, const mortgage_limits_t *lim,
                     mortgage_out_t *out, diag_t *d)
{
    char a[24], b[24];
    memset(out, 0, sizeof *out);
    if (in->price <= 0 || in->price > INT64_C(100000000000000)) {
        diag_set(d, "price: must be more than 0 and under 10^12 yuan");
        return -1;
    }
    if (in->down_bp < lim->min_down_bp || in->down_bp > 10000) {
        percent(a, sizeof a, in->down_bp);
        percent(b, sizeof b, lim->min_down_bp);
        diag_set(d, "down payment: %s is not between %s and 100 %%", a, b);
        return -1;
    }
    if (in->months < 1 || in->months > lim->max_months) {
        diag_set(d, "term: %d months is not between 1 and %d", in->months,
                 lim->max_months);
        return -1;
    }
    if (in->commercial_rate_bp < 0 || in->commercial_rate_bp > lim->max_rate_bp ||
        in->provident_rate_bp < 0 || in->provident_rate_bp > lim->max_rate_bp) {
        percent(a, sizeof a, lim->max_rate_bp);
        diag_set(d, "rate: must be between 0 %% and %s a year", a);
        return -1;
    }
    if (in->method != REPAY_EQUAL_INSTALLMENT &&
        in->method != REPAY_EQUAL_PRINCIPAL) {
        diag_set(d, "repayment: unknown method");
        return -1;
    }
    /* The down payment rounds to the yuan, as a price list's does. */
    out->down_payment = muldiv_round(in->price / 100, in->down_bp, 10000) * 100;
    if (out->down_payment > in->price)
        out->down_payment = in->price;
    out->loan = in->price - out->down_payment;
    if (in->provident_loan < 0 || in->provident_loan > out->loan ||
        in->provident_loan > lim->max_provident_loan) {
        diag_set(d, "provident-fund loan: must be between 0 and the smaller "
                 "of the loan and the fund's limit");
        return -1;
    }
    out->provident_loan = in->provident_loan;
    out->commercial_loan = out->loan - out->provident_loan;

    schedule_t c, p;
    run(out->commercial_loan, in->months, in->commercial_rate_bp, in->method, &c);
    run(out->provident_loan, in->months, in->provident_rate_bp, in->method, &p);
    out->first_payment = c.first + p.first;
    out->last_payment = c.last + p.last;
    out->monthly_decrease = c.decrease + p.decrease;
    out->total_interest = c.interest + p.interest;
    out->total_repaid = out->loan + out->total_interest;
    out->total_cost = out->down_payment + out->total_repaid;
    return 0;
}
