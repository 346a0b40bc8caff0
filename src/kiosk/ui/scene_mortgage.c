/* scene_mortgage.c - what a home would cost a month, set with fingers.
 *
 * The customer's mortgage calculator: the price (prefilled from the unit
 * the customer came from, or a typical price of the project), the down
 * payment, the term, a commercial, provident-fund (公積金) or combined loan,
 * and equal instalments (等額本息) or equal principal (等額本金).  Every
 * input is a chip or a − / + stepper, never a keyboard, and only choices
 * the office allows can be picked (config's mortgage limits).  Each change
 * recomputes at once with mortgage_compute (src/core), which does all the
 * arithmetic; this file only chooses inputs and shows the figures.
 *
 * A provident-fund loan larger than the fund lends is clamped to the
 * fund's limit and the rest is shown, and computed, as a commercial loan:
 * that is what a bank would offer the customer, and it says so in words.
 *
 * Not for: the arithmetic (mortgage.c) or the session (browse.c).
 */
#include "browse_private.h"

#include <stdio.h>
#include <string.h>

/* Scene actions. */
enum {
    MA_PRICE = ACTION_BASE(SCENE_MORTGAGE) + 1, /* arg: -1 or +1 step */
    MA_DOWN,        /* arg: basis points */
    MA_TERM,        /* arg: months */
    MA_LOAN,        /* arg: loan_kind_t */
    MA_PROVIDENT,   /* arg: -1 or +1 step (combined loans) */
    MA_METHOD,      /* arg: repay_t */
    MA_FIGURE,      /* the monthly figure: taps do nothing; tests find it */
};

#define STEP_CENTS INT64_C(10000000)         /* 10萬: price and fund steps */
#define PRICE_MAX_CENTS INT64_C(10000000000) /* 1億 yuan */

static const int down_choices[] = {1500, 2000, 3000, 4000, 5000, 6000};
static const int term_choices[] = {120, 180, 240, 300, 360};

/* ---- the inputs ------------------------------------------------------------ */

/* The loan the price and down payment leave, as mortgage_compute makes it
 * (its rounding of the down payment included). */
static int64_t loan_amount(const browse_t *b)
{
    mortgage_in_t in = b->mtg;
    mortgage_out_t out;
    diag_t d;
    in.provident_loan = 0;
    if (mortgage_compute(&in, &b->o.mortgage_limits, &out, &d) == 0)
        return out.loan;
    /* Inputs the calculator refuses: the same rule, for the stepper's
     * range only (the results card explains the refusal). */
    if (in.price <= 0)
        return 0;
    int64_t down = (in.price / 100 * in.down_bp + 5000) / 10000 * 100;
    return down >= in.price ? 0 : in.price - down;
}

/* The most the provident fund lends on this loan. */
static int64_t provident_max(const browse_t *b)
{
    int64_t loan = loan_amount(b), cap = b->o.mortgage_limits.max_provident_loan;
    return loan < cap ? loan : cap;
}

/* Keeps the provident part consistent with the loan kind and the loan:
 * after any change of price, down payment or kind. */
static void normalize(browse_t *b)
{
    int64_t max = provident_max(b);
    if (max < 0)
        max = 0;
    switch (b->loan) {
    case LOAN_PROVIDENT:
        b->mtg.provident_loan = max;
        break;
    case LOAN_COMBINED:
        if (b->mtg.provident_loan > max)
            b->mtg.provident_loan = max;
        if (b->mtg.provident_loan < 0)
            b->mtg.provident_loan = 0;
        break;
    default:
        b->mtg.provident_loan = 0;
        break;
    }
}

static void set_loan_kind(browse_t *b, loan_kind_t kind)
{
    if (kind != LOAN_COMMERCIAL && b->o.mortgage_limits.max_provident_loan <= 0)
        return; /* the office allows no provident-fund loans */
    if (kind == LOAN_COMBINED && b->loan != LOAN_COMBINED) {
        /* Start from as much of the fund as it lends, in whole steps, and
         * leave at least a step to the bank so the loan is truly combined. */
        int64_t loan = loan_amount(b), max = provident_max(b);
        int64_t p = max / STEP_CENTS * STEP_CENTS;
        if (p >= loan && p >= STEP_CENTS)
            p -= STEP_CENTS;
        b->mtg.provident_loan = p;
    }
    b->loan = kind;
    normalize(b);
}

static void enter(browse_t *b)
{
    normalize(b);
}

static int down_allowed(const browse_t *b, int bp)
{
    return bp >= b->o.mortgage_limits.min_down_bp && bp <= 10000;
}

static int term_allowed(const browse_t *b, int months)
{
    return months >= 1 && months <= b->o.mortgage_limits.max_months;
}

static void action(browse_t *b, int act, int arg)
{
    switch (act) {
    case MA_PRICE: {
        int64_t p = b->mtg.price + (arg < 0 ? -STEP_CENTS : STEP_CENTS);
        if (p < STEP_CENTS || p > PRICE_MAX_CENTS)
            return;
        b->mtg.price = p;
        break;
    }
    case MA_DOWN:
        if (!down_allowed(b, arg))
            return;
        b->mtg.down_bp = arg;
        break;
    case MA_TERM:
        if (!term_allowed(b, arg))
            return;
        b->mtg.months = arg;
        break;
    case MA_LOAN:
        if (arg < LOAN_COMMERCIAL || arg > LOAN_COMBINED)
            return;
        set_loan_kind(b, (loan_kind_t)arg);
        break;
    case MA_PROVIDENT: {
        if (b->loan != LOAN_COMBINED)
            return;
        int64_t p = b->mtg.provident_loan + (arg < 0 ? -STEP_CENTS : STEP_CENTS);
        int64_t max = provident_max(b);
        if (p > max)
            p = max;
        if (p < 0)
            p = 0;
        b->mtg.provident_loan = p;
        break;
    }
    case MA_METHOD:
        if (arg != REPAY_EQUAL_INSTALLMENT && arg != REPAY_EQUAL_PRINCIPAL)
            return;
        b->mtg.method = (repay_t)arg;
        break;
    default:
        return;
    }
    normalize(b);
    b->mtg_touched = 1;
    browse_dirty(b);
}

/* ---- formatting ---------------------------------------------------------------- */

/* 1500 -> "15%", 1750 -> "17.5%", 355 -> "3.55%". */
static void fmt_pct(int bp, char *out, size_t n)
{
    if (bp % 100 == 0)
        snprintf(out, n, "%d%%", bp / 100);
    else if (bp % 10 == 0)
        snprintf(out, n, "%d.%d%%", bp / 100, bp % 100 / 10);
    else
        snprintf(out, n, "%d.%02d%%", bp / 100, bp % 100);
}

/* A monthly payment to the cent, as the bank's schedule shows it:
 * "¥15,432.17". */
static void fmt_cents(const browse_t *b, int64_t cents, char *out, size_t n)
{
    char yuan[48];
    browse_fmt_money(b, cents / 100 * 100, yuan, sizeof yuan);
    snprintf(out, n, "%s.%02d", yuan, (int)(cents % 100));
}

/* ---- drawing helpers --------------------------------------------------------- */

#define CAP_H 40    /* design px: a row's caption */
#define CTRL_H 68   /* a row's chips or stepper */
#define HINT_H 42   /* a one-line explanation under a control */

/* A row's caption on the left, an optional note on the right. */
static void caption(ui_t *u, rect_t r, const char *left, const char *right,
                    color_t right_c)
{
    int lw = right && right[0] ? r.w * 45 / 100 : r.w;
    ui_label(u, (rect_t){r.x, r.y, lw, r.h}, left, ui_s(u, 28), TEXT_BOLD,
             ALIGN_LEFT, THEME_MUTED);
    if (right && right[0])
        ui_label(u, (rect_t){r.x + lw + ui_s(u, 12), r.y,
                             r.w - lw - ui_s(u, 12), r.h},
                 right, ui_s(u, 26), TEXT_REGULAR, ALIGN_RIGHT, right_c);
}

/* A row of equal chips; the one whose arg is `on` is lit, disabled ones
 * are greyed and leave no target. */
static void chips(ui_t *u, rect_t r, int n, const char *const *labels,
                  const int *args, const int *enabled, int on, int action)
{
    int gap = ui_s(u, 12);
    for (int i = 0; i < n; i++) {
        ui_button_kind_t k = !enabled[i] ? BTN_DISABLED
                             : args[i] == on ? BTN_CHIP_ON
                                             : BTN_CHIP;
        ui_button(u, ui_row(r, n, i, gap), labels[i], k, action, args[i]);
    }
}

/* − [value] +, the buttons saying their step. */
static void stepper(browse_t *b, ui_t *u, rect_t r, const char *value,
                    int action, int can_minus, int can_plus)
{
    int bw = ui_s(u, 150), gap = ui_s(u, 12);
    rect_t minus = {r.x, r.y, bw, r.h};
    rect_t plus = {r.x + r.w - bw, r.y, bw, r.h};
    rect_t mid = {r.x + bw + gap, r.y, r.w - 2 * (bw + gap), r.h};
    ui_button(u, minus, browse_tr(b, "mortgage.step_minus"),
              can_minus ? BTN_SECONDARY : BTN_DISABLED, action, -1);
    ui_button(u, plus, browse_tr(b, "mortgage.step_plus"),
              can_plus ? BTN_SECONDARY : BTN_DISABLED, action, 1);
    ui_round_rect(u, mid, ui_s(u, 14), RGB(0x0B1322));
    ui_round_frame(u, mid, ui_s(u, 14), imax(1, ui_s(u, 2)), RGB(0x5C5030));
    ui_label(u, ui_inset(mid, ui_s(u, 8)), value, ui_s(u, 42), TEXT_BOLD,
             ALIGN_CENTER, THEME_TEXT);
}

/* ---- the inputs panel ------------------------------------------------------ */

/* Height the inputs need at the given row gap (design px, unscaled). */
static int inputs_height(int gap)
{
    /* price, down, term, loan, provident: caption + control; method: plus
     * a hint; rates: one line. */
    return 6 * (CAP_H + CTRL_H) + HINT_H + 6 * gap + HINT_H;
}

static void draw_price_row(browse_t *b, ui_t *u, rect_t cap, rect_t ctl)
{
    char v[64], unit[96], money[48], note[192] = "";
    color_t note_c = THEME_ACCENT;
    const unit_t *un = browse_current_unit(b);
    if (un) {
        browse_fmt_unit_name(b, un, unit, sizeof unit);
        if (un->list_price == b->mtg.price) {
            browse_tr1(b, note, sizeof note, "mortgage.price_from_unit", unit);
        } else {
            browse_fmt_money(b, un->list_price, money, sizeof money);
            browse_tr2(b, note, sizeof note, "mortgage.price_of_unit", unit, money);
            note_c = THEME_MUTED;
        }
    }
    caption(u, cap, browse_tr(b, "mortgage.price"), note, note_c);
    browse_fmt_money(b, b->mtg.price, v, sizeof v);
    stepper(b, u, ctl, v, MA_PRICE, b->mtg.price - STEP_CENTS >= STEP_CENTS,
            b->mtg.price + STEP_CENTS <= PRICE_MAX_CENTS);
}

static void draw_down_row(browse_t *b, ui_t *u, rect_t cap, rect_t ctl)
{
    int args[8], en[8], n = 0;
    char text[8][16], note[96], pct[16];
    const char *labels[8];
    int cur = b->mtg.down_bp, placed = 0;
    /* The usual ratios, and the current one when config chose another. */
    for (int i = 0; i < (int)(sizeof down_choices / sizeof *down_choices); i++) {
        if (!placed && cur < down_choices[i]) {
            args[n++] = cur;
            placed = 1;
        }
        if (down_choices[i] == cur)
            placed = 1;
        args[n++] = down_choices[i];
    }
    if (!placed)
        args[n++] = cur;
    for (int i = 0; i < n; i++) {
        fmt_pct(args[i], text[i], sizeof text[i]);
        labels[i] = text[i];
        en[i] = down_allowed(b, args[i]);
    }
    fmt_pct(b->o.mortgage_limits.min_down_bp, pct, sizeof pct);
    caption(u, cap, browse_tr(b, "mortgage.down"),
            browse_tr1(b, note, sizeof note, "mortgage.down_min", pct), THEME_MUTED);
    chips(u, ctl, n, labels, args, en, cur, MA_DOWN);
}

static void draw_term_row(browse_t *b, ui_t *u, rect_t cap, rect_t ctl)
{
    int args[8], en[8], n = 0;
    char text[8][32], num[16], note[96];
    const char *labels[8];
    int cur = b->mtg.months, placed = 0;
    for (int i = 0; i < (int)(sizeof term_choices / sizeof *term_choices); i++) {
        if (!placed && cur < term_choices[i]) {
            args[n++] = cur;
            placed = 1;
        }
        if (term_choices[i] == cur)
            placed = 1;
        args[n++] = term_choices[i];
    }
    if (!placed)
        args[n++] = cur;
    for (int i = 0; i < n; i++) {
        if (args[i] % 12 == 0) {
            snprintf(num, sizeof num, "%d", args[i] / 12);
            browse_tr1(b, text[i], sizeof text[i], "mortgage.years", num);
        } else {
            snprintf(num, sizeof num, "%d", args[i]);
            browse_tr1(b, text[i], sizeof text[i], "mortgage.months", num);
        }
        labels[i] = text[i];
        en[i] = term_allowed(b, args[i]);
    }
    int max = b->o.mortgage_limits.max_months;
    if (max % 12 == 0) {
        snprintf(num, sizeof num, "%d", max / 12);
        browse_tr1(b, note, sizeof note, "mortgage.term_max", num);
    } else {
        snprintf(num, sizeof num, "%d", max);
        browse_tr1(b, note, sizeof note, "mortgage.term_max_months", num);
    }
    caption(u, cap, browse_tr(b, "mortgage.term"), note, THEME_MUTED);
    chips(u, ctl, n, labels, args, en, cur, MA_TERM);
}

static void draw_loan_row(browse_t *b, ui_t *u, rect_t cap, rect_t ctl)
{
    const char *labels[3] = {browse_tr(b, "mortgage.loan_commercial"),
                             browse_tr(b, "mortgage.loan_provident"),
                             browse_tr(b, "mortgage.loan_combined")};
    int args[3] = {LOAN_COMMERCIAL, LOAN_PROVIDENT, LOAN_COMBINED};
    int fund = b->o.mortgage_limits.max_provident_loan > 0;
    int en[3] = {1, fund, fund};
    caption(u, cap, browse_tr(b, "mortgage.loan"),
            fund ? "" : browse_tr(b, "mortgage.no_provident"), THEME_MUTED);
    chips(u, ctl, 3, labels, args, en, (int)b->loan, MA_LOAN);
}

/* Under the loan kind: the fund's amount (combined), what the fund's limit
 * did to the loan (provident), or what the fund offers (commercial). */
static void draw_provident_row(browse_t *b, ui_t *u, rect_t cap, rect_t ctl)
{
    char cap_s[96], v[64], a[48], c[48];
    int64_t cap_cents = b->o.mortgage_limits.max_provident_loan;
    browse_fmt_wan(b, cap_cents, a, sizeof a);
    if (cap_cents <= 0)
        return;
    if (b->loan == LOAN_COMBINED) {
        caption(u, cap, browse_tr(b, "mortgage.provident"),
                browse_tr1(b, cap_s, sizeof cap_s, "mortgage.provident_limit", a),
                THEME_MUTED);
        browse_fmt_money(b, b->mtg.provident_loan, v, sizeof v);
        stepper(b, u, ctl, v, MA_PROVIDENT, b->mtg.provident_loan > 0,
                b->mtg.provident_loan < provident_max(b));
        return;
    }
    char line[256];
    color_t ink = THEME_MUTED;
    rect_t box = {cap.x, cap.y, cap.w, ctl.y + ctl.h - cap.y};
    if (b->loan == LOAN_PROVIDENT && loan_amount(b) > cap_cents) {
        browse_fmt_wan(b, loan_amount(b) - cap_cents, c, sizeof c);
        browse_tr2(b, line, sizeof line, "mortgage.provident_capped", a, c);
        ink = THEME_ACCENT;
    } else if (b->loan == LOAN_PROVIDENT) {
        browse_tr1(b, line, sizeof line, "mortgage.provident_all", a);
    } else {
        browse_tr1(b, line, sizeof line, "mortgage.provident_offer", a);
    }
    /* Up to two lines, centred in the slot the stepper would take. */
    int px = ui_s(u, 28), lh = ui_s(u, 44);
    int h = ui_paragraph_height(u, box.w - ui_s(u, 40), line, px, lh);
    rect_t note = {box.x, box.y + (box.h - imin(h, 2 * lh)) / 2 - ui_s(u, 4),
                   box.w, imin(h, 2 * lh) + ui_s(u, 8)};
    ui_round_rect(u, (rect_t){note.x, note.y, ui_s(u, 6), note.h}, ui_s(u, 3),
                  ink);
    ui_paragraph(u, (rect_t){note.x + ui_s(u, 24), note.y + ui_s(u, 4),
                             note.w - ui_s(u, 40), 2 * lh},
                 line, px, lh, TEXT_REGULAR, ink);
}

static void draw_method_row(browse_t *b, ui_t *u, rect_t cap, rect_t ctl,
                            rect_t hint)
{
    const char *labels[2] = {browse_tr(b, "mortgage.method_installment"),
                             browse_tr(b, "mortgage.method_principal")};
    int args[2] = {REPAY_EQUAL_INSTALLMENT, REPAY_EQUAL_PRINCIPAL};
    int en[2] = {1, 1};
    caption(u, cap, browse_tr(b, "mortgage.method"), "", THEME_MUTED);
    chips(u, ctl, 2, labels, args, en, (int)b->mtg.method, MA_METHOD);
    ui_label(u, hint,
             browse_tr(b, b->mtg.method == REPAY_EQUAL_PRINCIPAL
                              ? "mortgage.method_principal_hint"
                              : "mortgage.method_installment_hint"),
             ui_s(u, 26), TEXT_REGULAR, ALIGN_LEFT, THEME_MUTED);
}

static void draw_rates(browse_t *b, ui_t *u, rect_t r)
{
    char c[16], p[16], line[256];
    const project_t *pr = b->m ? &b->m->project : NULL;
    int from_project = pr && (pr->commercial_rate_bp > 0 ||
                              pr->provident_rate_bp > 0);
    fmt_pct(b->mtg.commercial_rate_bp, c, sizeof c);
    fmt_pct(b->mtg.provident_rate_bp, p, sizeof p);
    const char *args[] = {c, p,
                          browse_tr(b, from_project ? "mortgage.rates_project"
                                                    : "mortgage.rates_config")};
    browse_fmt(line, sizeof line, browse_tr(b, "mortgage.rates"), args, 3);
    ui_label(u, r, line, ui_s(u, 26), TEXT_REGULAR, ALIGN_LEFT, THEME_MUTED);
}

static void draw_inputs(browse_t *b, ui_t *u, rect_t r)
{
    ui_round_rect(u, r, ui_s(u, 20), RGB(0x15213A));
    rect_t in = ui_inset(r, ui_s(u, 28));
    /* Rows spread over what the panel has, within reason. */
    int base = 12;
    int spare = in.h - ui_s(u, inputs_height(base));
    int gap = ui_s(u, base) + (spare > 0 ? imin(spare / 6, ui_s(u, 40)) : 0);
    int cap_h = ui_s(u, CAP_H), ctl_h = ui_s(u, CTRL_H);
    rect_t cap[6], ctl[6];
    for (int i = 0; i < 6; i++) {
        int y = in.y + i * (cap_h + ctl_h + gap);
        cap[i] = (rect_t){in.x, y, in.w, cap_h};
        ctl[i] = (rect_t){in.x, y + cap_h, in.w, ctl_h};
    }
    draw_price_row(b, u, cap[0], ctl[0]);
    draw_down_row(b, u, cap[1], ctl[1]);
    draw_term_row(b, u, cap[2], ctl[2]);
    draw_loan_row(b, u, cap[3], ctl[3]);
    draw_provident_row(b, u, cap[4], ctl[4]);
    draw_method_row(b, u, cap[5], ctl[5],
                    (rect_t){in.x, ctl[5].y + ctl_h, in.w, ui_s(u, HINT_H)});
    draw_rates(b, u, (rect_t){in.x, in.y + in.h - ui_s(u, HINT_H), in.w,
                              ui_s(u, HINT_H)});
}

/* ---- the results card ------------------------------------------------------ */

/* Says plainly why the calculator refused, in the customer's language. */
static const char *refusal_key(const browse_t *b)
{
    const mortgage_in_t *in = &b->mtg;
    const mortgage_limits_t *l = &b->o.mortgage_limits;
    if (in->price <= 0)
        return "mortgage.err_price";
    if (in->down_bp < l->min_down_bp || in->down_bp > 10000)
        return "mortgage.err_down";
    if (in->months < 1 || in->months > l->max_months)
        return "mortgage.err_term";
    if (in->commercial_rate_bp < 0 || in->commercial_rate_bp > l->max_rate_bp ||
        in->provident_rate_bp < 0 || in->provident_rate_bp > l->max_rate_bp)
        return "mortgage.err_rate";
    return "mortgage.err_other";
}

static void draw_refusal(browse_t *b, ui_t *u, rect_t in, const char *detail)
{
    int y = in.y + ui_s(u, 40);
    ui_label(u, (rect_t){in.x, y, in.w, ui_s(u, 64)},
             browse_tr(b, "mortgage.err_title"), ui_s(u, 40), TEXT_BOLD,
             ALIGN_LEFT, THEME_TEXT);
    y += ui_s(u, 84);
    y += ui_paragraph(u, (rect_t){in.x, y, in.w, in.h / 2},
                      browse_tr(b, refusal_key(b)), ui_s(u, 30), ui_s(u, 48),
                      TEXT_REGULAR, THEME_MUTED);
    /* The calculator's own words (English), small, for the staff. */
    if (strcmp(refusal_key(b), "mortgage.err_other") == 0 && detail[0])
        ui_paragraph(u, (rect_t){in.x, y + ui_s(u, 16), in.w, in.h / 4},
                     detail, ui_s(u, 24), ui_s(u, 38), TEXT_REGULAR,
                     RGB(0x6F7E96));
}

/* A figure row: caption left, value right; the value keeps its size and
 * the caption takes what is left. */
static void figure_row(ui_t *u, rect_t r, const char *label, const char *value,
                       int strong)
{
    int px = ui_s(u, strong ? 38 : 34), vw = 0, vh = 0;
    text_measure(ui_text_engine(u), value, px, TEXT_BOLD, &vw, &vh);
    vw = imin(vw + ui_s(u, 4), r.w * 6 / 10);
    int lw = r.w - vw - ui_s(u, 16);
    ui_label(u, (rect_t){r.x, r.y, lw, r.h}, label, ui_s(u, 28),
             TEXT_REGULAR, ALIGN_LEFT, THEME_MUTED);
    ui_label(u, (rect_t){r.x + r.w - vw, r.y, vw, r.h}, value, px, TEXT_BOLD,
             ALIGN_RIGHT, strong ? THEME_TEXT : RGB(0xD5DDEA));
}

/* Whole percentages of parts that add up to 100 (largest remainders). */
static void shares(const int64_t *parts, int n, int64_t total, int *pct)
{
    int sum = 0;
    int64_t rem[8];
    for (int i = 0; i < n; i++) {
        pct[i] = (int)(parts[i] * 100 / total);
        rem[i] = parts[i] * 100 % total;
        sum += pct[i];
    }
    while (sum < 100) {
        int best = 0;
        for (int i = 1; i < n; i++)
            if (rem[i] > rem[best])
                best = i;
        pct[best]++;
        rem[best] = -1;
        sum++;
    }
}

/* Where the money goes: down payment, principal, interest. */
static void draw_share_bar(browse_t *b, ui_t *u, rect_t r,
                           const mortgage_out_t *o)
{
    static const color_t fills[3] = {RGB_INIT(0x6E8BB8), RGB_INIT(0x2F4A78),
                                     RGB_INIT(0xE9C46A)};
    const char *keys[3] = {"mortgage.share_down", "mortgage.share_principal",
                           "mortgage.share_interest"};
    int64_t parts[3] = {o->down_payment, o->loan, o->total_interest};
    int64_t total = parts[0] + parts[1] + parts[2];
    int bar_h = ui_s(u, 18), pct[3];
    if (total <= 0)
        return;
    rect_t bar = {r.x, r.y, r.w, bar_h};
    int x = bar.x;
    ui_round_rect(u, bar, bar_h / 2, RGB(0x22314F));
    render_clip(ui_render(u), &bar);
    for (int i = 0; i < 3; i++) {
        int w = i == 2 ? bar.x + bar.w - x : (int)(parts[i] * bar.w / total);
        if (w > 0)
            render_fill_rect(ui_render(u), (rect_t){x, bar.y, w, bar.h},
                             fills[i]);
        x += w;
    }
    render_clip(ui_render(u), NULL);
    /* The legend, each entry as wide as its words: a swatch, the name and
     * the share. */
    shares(parts, 3, total, pct);
    char text[3][96];
    int tw[3], sum = 0, px = ui_s(u, 24), sw = ui_s(u, 18);
    int inner = ui_s(u, 10);
    for (int i = 0; i < 3; i++) {
        int h = 0;
        snprintf(text[i], sizeof text[i], "%s %d%%", browse_tr(b, keys[i]),
                 pct[i]);
        text_measure(ui_text_engine(u), text[i], px, TEXT_REGULAR, &tw[i], &h);
        sum += sw + inner + tw[i];
    }
    int gap = imax(ui_s(u, 12), (r.w - sum) / 2);
    int ly = r.y + bar_h + ui_s(u, 10), lh = r.h - bar_h - ui_s(u, 10);
    x = r.x;
    for (int i = 0; i < 3; i++) {
        int cw = i == 2 ? r.x + r.w - x : sw + inner + tw[i];
        ui_round_rect(u, (rect_t){x, ly + (lh - sw) / 2, sw, sw}, ui_s(u, 4),
                      fills[i]);
        ui_label(u, (rect_t){x + sw + inner, ly, cw - sw - inner, lh}, text[i],
                 px, TEXT_REGULAR, ALIGN_LEFT, THEME_MUTED);
        x += cw + gap;
    }
}

static void draw_results(browse_t *b, ui_t *u, rect_t r)
{
    mortgage_out_t o;
    diag_t d;
    char v[96], w[96], line[320];

    ui_round_rect(u, r, ui_s(u, 20), RGB(0x1A2742));
    ui_round_frame(u, r, ui_s(u, 20), imax(1, ui_s(u, 2)), RGB(0x5C5030));
    rect_t in = ui_inset(r, ui_s(u, 36));
    d.msg[0] = '\0';
    int rc = mortgage_compute(&b->mtg, &b->o.mortgage_limits, &o, &d);
    /* The disclaimer is always there, at the foot of the card. */
    int disc_lh = ui_s(u, 38);
    int disc_h = ui_paragraph_height(u, in.w, browse_tr(b, "mortgage.disclaimer"),
                                     ui_s(u, 24), disc_lh);
    disc_h = imin(disc_h, 2 * disc_lh);
    ui_paragraph(u, (rect_t){in.x, in.y + in.h - disc_h, in.w, disc_h},
                 browse_tr(b, "mortgage.disclaimer"), ui_s(u, 24), disc_lh,
                 TEXT_REGULAR, RGB(0x7D8BA3));
    if (rc != 0) {
        draw_refusal(b, u, in, d.msg);
        return;
    }

    int equal_principal = b->mtg.method == REPAY_EQUAL_PRINCIPAL;
    int y = in.y;
    ui_label(u, (rect_t){in.x, y, in.w, ui_s(u, 46)},
             browse_tr(b, equal_principal ? "mortgage.first_month"
                                          : "mortgage.monthly"),
             ui_s(u, 30), TEXT_REGULAR, ALIGN_LEFT, THEME_MUTED);
    y += ui_s(u, 46);
    rect_t fig = {in.x, y, in.w, ui_s(u, 124)};
    fmt_cents(b, o.first_payment, v, sizeof v);
    ui_label(u, fig, v, ui_s(u, 96), TEXT_BOLD, ALIGN_LEFT, THEME_ACCENT);
    ui_hit(u, fig, MA_FIGURE, 0);
    y += fig.h;
    char n[16];
    if (equal_principal) {
        fmt_cents(b, o.last_payment, v, sizeof v);
        fmt_cents(b, o.monthly_decrease, w, sizeof w);
        char a[128], c[128];
        browse_tr1(b, a, sizeof a, "mortgage.last_month", v);
        browse_tr1(b, c, sizeof c, "mortgage.decrease", w);
        snprintf(line, sizeof line, "%s · %s", a, c);
    } else {
        snprintf(n, sizeof n, "%d", b->mtg.months);
        browse_tr1(b, line, sizeof line, "mortgage.n_payments", n);
    }
    ui_label(u, (rect_t){in.x, y, in.w, ui_s(u, 46)}, line, ui_s(u, 28),
             TEXT_REGULAR, ALIGN_LEFT, RGB(0xD5DDEA));
    y += ui_s(u, 46) + ui_s(u, 16);
    render_fill_rect(ui_render(u), (rect_t){in.x, y, in.w, imax(1, ui_s(u, 2))},
                     RGB(0x33456A));
    y += ui_s(u, 14);

    /* The figures, spread over what is left above the bar and disclaimer;
     * the bar gives way when the rows would be cramped. */
    int split = o.provident_loan > 0 && o.commercial_loan > 0;
    int bar_h = ui_s(u, 70);
    int rows_bottom = in.y + in.h - disc_h - ui_s(u, 20) - bar_h - ui_s(u, 16);
    int row_h = imin(ui_s(u, 80), (rows_bottom - y) * 2 / (10 + split));
    if (row_h < ui_s(u, 60)) {
        bar_h = 0;
        rows_bottom = in.y + in.h - disc_h - ui_s(u, 20);
        row_h = imin(ui_s(u, 80), (rows_bottom - y) * 2 / (10 + split));
    }
    rect_t row = {in.x, y, in.w, row_h};
    browse_fmt_money(b, o.down_payment, v, sizeof v);
    figure_row(u, row, browse_tr(b, "mortgage.down_payment"), v, 0);
    row.y += row_h;
    browse_fmt_money(b, o.loan, v, sizeof v);
    figure_row(u, row, browse_tr(b, o.provident_loan == 0
                                        ? "mortgage.loan_amount_commercial"
                                    : o.commercial_loan == 0
                                        ? "mortgage.loan_amount_provident"
                                        : "mortgage.loan_amount"),
               v, 0);
    row.y += row_h;
    if (split) {
        browse_fmt_money(b, o.commercial_loan, v, sizeof v);
        browse_fmt_money(b, o.provident_loan, w, sizeof w);
        browse_tr2(b, line, sizeof line, "mortgage.loan_split", v, w);
        ui_label(u, (rect_t){row.x, row.y - row_h / 4, row.w, row_h * 3 / 4},
                 line, ui_s(u, 26), TEXT_REGULAR, ALIGN_RIGHT, THEME_MUTED);
        row.y += row_h / 2;
    }
    browse_fmt_money(b, o.total_interest, v, sizeof v);
    figure_row(u, row, browse_tr(b, "mortgage.interest"), v, 0);
    row.y += row_h;
    browse_fmt_money(b, o.total_repaid, v, sizeof v);
    figure_row(u, row, browse_tr(b, "mortgage.repaid"), v, 1);
    row.y += row_h;
    browse_fmt_money(b, o.total_cost, v, sizeof v);
    figure_row(u, row, browse_tr(b, "mortgage.total_cost"), v, 0);

    if (bar_h)
        draw_share_bar(b, u,
                       (rect_t){in.x, rows_bottom + ui_s(u, 16), in.w, bar_h},
                       &o);
}

/* ---- the screen -------------------------------------------------------------- */

static void draw(browse_t *b, ui_t *u)
{
    rect_t c = browse_chrome(b, u, browse_tr(b, "mortgage.title"));
    if (!b->m) {
        ui_label(u, c, browse_tr(b, "common.no_data"), ui_s(u, 40), TEXT_BOLD,
                 ALIGN_CENTER, THEME_MUTED);
        return;
    }
    int pad = ui_s(u, 32), gap = ui_s(u, 28);
    rect_t in = {c.x + pad, c.y + pad, c.w - 2 * pad, c.h - 2 * pad};
    if (ui_portrait(u)) {
        int ih = imin(ui_s(u, inputs_height(12)) + 2 * ui_s(u, 28),
                      in.h * 56 / 100);
        draw_inputs(b, u, (rect_t){in.x, in.y, in.w, ih});
        draw_results(b, u, (rect_t){in.x, in.y + ih + gap, in.w,
                                    in.h - ih - gap});
    } else {
        int lw = in.w * 55 / 100;
        draw_inputs(b, u, (rect_t){in.x, in.y, lw, in.h});
        draw_results(b, u, (rect_t){in.x + lw + gap, in.y, in.w - lw - gap,
                                    in.h});
    }
}

const scene_ops_t scene_mortgage_ops = {
    .enter = enter, .draw = draw, .action = action};
