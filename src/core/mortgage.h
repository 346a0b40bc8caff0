/* mortgage.h - what a mortgage on a unit would cost, to the cent.
 *
 * The calculator a customer uses on the kiosk: price, down payment, term,
 * a commercial loan, a provident-fund (公積金) loan or both, repaid in equal
 * instalments (等額本息) or equal principal (等額本金).  Money is integer
 * cents and rates are basis points (345 = 3.45 % a year); each month's
 * interest is the balance times the monthly rate, rounded half up to the
 * cent as banks do, and the last month settles what rounding left over.
 *
 * Not for: how the figures are shown (the mortgage scene).
 */
#ifndef MORTGAGE_H
#define MORTGAGE_H

#include <stdint.h>

#include "diag.h"

typedef enum {
    REPAY_EQUAL_INSTALLMENT = 0, /* 等額本息: the same payment every month */
    REPAY_EQUAL_PRINCIPAL,       /* 等額本金: the same principal every month */
} repay_t;

typedef struct {
    int64_t price;               /* cents */
    int down_bp;                 /* down payment, basis points of the price */
    int months;                  /* term */
    int64_t provident_loan;      /* cents of the loan from the provident
                                    fund; the rest is commercial */
    int commercial_rate_bp;      /* a year */
    int provident_rate_bp;       /* a year */
    repay_t method;
} mortgage_in_t;

/* What the office allows (from config): the calculator refuses the rest. */
typedef struct {
    int min_down_bp;             /* e.g. 1500 */
    int max_months;              /* e.g. 360 */
    int64_t max_provident_loan;  /* cents; 0 = no provident loans */
    int max_rate_bp;             /* e.g. 2000 */
} mortgage_limits_t;

typedef struct {
    int64_t down_payment, loan;  /* cents */
    int64_t commercial_loan, provident_loan;
    int64_t first_payment;       /* the first month's payment */
    int64_t last_payment;        /* the last month's (equal principal: the
                                    smallest; instalments: may differ from
                                    the first by rounding) */
    int64_t monthly_decrease;    /* equal principal: payments fall by about
                                    this each month; 0 for instalments */
    int64_t total_interest;
    int64_t total_repaid;        /* loan + interest */
    int64_t total_cost;          /* down payment + total repaid */
} mortgage_out_t;

/* Computes the figures.  Returns 0, or -1 with d naming the input that is
 * out of bounds (e.g. "down payment: 10 % is below the minimum 15 %"). */
int mortgage_compute(const mortgage_in_t *in, const mortgage_limits_t *lim,
                     mortgage_out_t *out, diag_t *d);

#endif
