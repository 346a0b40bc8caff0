/* scene_compare.c - the shortlist side by side.
 *
 * Two or three shortlisted units in columns (with more shortlisted, chips
 * pick which three), row by row: the plan, layout, rooms, areas, floor,
 * orientation, total price, price per m², an indicative monthly payment
 * (the calculator's down payment, term and rates on each unit's price) and
 * the status (with a consultant signed in, the full status, and for a
 * held unit who holds it and a ticking countdown).  Rows whose values
 * differ are tinted, and the best value of a row where more is better or
 * less is better (price, area, floor) is marked with a star, not colour
 * alone.  A column's header opens the unit;
 * its × takes it off the shortlist; one QR code takes the whole shortlist
 * to the customer's phone.  With fewer than two units it says how to add
 * them.
 *
 * Not for: choosing units (the units scene) or the shortlist itself
 * (browse.c keeps it).
 */
#include "browse_private.h"

#include <stdio.h>
#include <string.h>

#include "linebreak.h"

enum {
    A_PICK = ACTION_BASE(SCENE_COMPARE) + 1, /* arg: unit index */
};

#define CARD RGB(0x15213A)
#define RULE RGB(0x22314F)
#define DIFF_FILL RGB(0x383221) /* a soft gold wash on the navy */
#define PAPER RGB(0xF7F5F1)      /* the plans' own paper, so they sit flush */

/* ---- which units ---------------------------------------------------------- */

/* Shortlisted units still in the model, in shortlist order.  Returns how
 * many (at most SHORTLIST_MAX). */
static int shortlisted(const browse_t *b, int *idx)
{
    int n = 0;
    for (int i = 0; b->m && i < b->n_shortlist && n < SHORTLIST_MAX; i++) {
        int k = model_find_unit(b->m, b->shortlist[i]);
        if (k >= 0)
            idx[n++] = k;
    }
    return n;
}

static int contains(const int *v, int n, int x)
{
    for (int i = 0; i < n; i++)
        if (v[i] == x)
            return 1;
    return 0;
}

/* The units to show, least recently picked first: those the customer did
 * not pick (the first of the shortlist), then those picked, oldest
 * first.  Returns how many (at most COMPARE_MAX). */
static int chosen(const browse_t *b, const int *all, int n, int *out)
{
    int picked[COMPARE_MAX], np = 0, k = 0;
    if (n <= COMPARE_MAX) {
        memcpy(out, all, sizeof *out * (size_t)n);
        return n;
    }
    for (int i = 0; i < COMPARE_MAX; i++) {
        int u = b->compare_ids[i][0] ? model_find_unit(b->m, b->compare_ids[i])
                                     : -1;
        if (u >= 0 && contains(all, n, u) && !contains(picked, np, u))
            picked[np++] = u;
    }
    for (int i = 0; i < n && k + np < COMPARE_MAX; i++)
        if (!contains(picked, np, all[i]))
            out[k++] = all[i];
    memcpy(out + k, picked, sizeof *out * (size_t)np);
    return k + np;
}

/* The columns, in shortlist order.  Returns how many. */
static int columns(const browse_t *b, int *cols, int *all, int *n_all)
{
    int pick[COMPARE_MAX], k = 0;
    *n_all = shortlisted(b, all);
    int np = chosen(b, all, *n_all, pick);
    for (int i = 0; i < *n_all; i++)
        if (contains(pick, np, all[i]))
            cols[k++] = all[i];
    return k;
}

/* ---- the table ------------------------------------------------------------ */

enum {
    ROW_TYPE, ROW_ROOMS, ROW_BUILT, ROW_INNER, ROW_FLOOR, ROW_ORIENT,
    ROW_PRICE, ROW_PER_M2, ROW_MONTHLY, ROW_STATUS, ROW_COUNT
};

static const char *const row_keys[ROW_COUNT] = {
    [ROW_TYPE] = "compare.type",        [ROW_ROOMS] = "compare.rooms",
    [ROW_BUILT] = "unit.area_built",    [ROW_INNER] = "unit.area_inner",
    [ROW_FLOOR] = "unit.floor",         [ROW_ORIENT] = "unit.orientation",
    [ROW_PRICE] = "unit.price",         [ROW_PER_M2] = "compare.per_m2",
    [ROW_MONTHLY] = "compare.monthly",  [ROW_STATUS] = "compare.status",
};

/* +1: the largest is best, -1: the smallest, 0: neither. */
static const int row_best[ROW_COUNT] = {
    [ROW_BUILT] = 1, [ROW_INNER] = 1, [ROW_FLOOR] = 1,
    [ROW_PRICE] = -1, [ROW_PER_M2] = -1, [ROW_MONTHLY] = -1,
};

typedef struct {
    char s[96];
    int64_t v;     /* for the best mark */
    int valid;
    const unit_t *unit;
} cell_t;

/* The first month's payment on the unit's price with the calculator's
 * other inputs; 0 when they do not make a loan for this price. */
static int monthly(const browse_t *b, const unit_t *un, int64_t *out)
{
    mortgage_in_t in = b->mtg;
    mortgage_out_t o;
    diag_t d;
    in.price = un->list_price;
    if (mortgage_compute(&in, &b->o.mortgage_limits, &o, &d) != 0) {
        /* A provident loan sized for another price may not fit this one. */
        in.provident_loan = 0;
        if (mortgage_compute(&in, &b->o.mortgage_limits, &o, &d) != 0)
            return 0;
    }
    *out = o.first_payment;
    return 1;
}

static void cell(const browse_t *b, const unit_t *un, int row, cell_t *c)
{
    const unit_type_t *t = un->unit_type >= 0 && un->unit_type < b->m->n_unit_types
                               ? &b->m->unit_types[un->unit_type]
                               : NULL;
    char tmp[64], n1[16], n2[16], n3[16];
    c->valid = 1;
    c->v = 0;
    c->s[0] = '\0';
    c->unit = un;
    switch (row) {
    case ROW_TYPE:
        snprintf(c->s, sizeof c->s, "%s", t ? ltext_get(&t->name, b->lang) : "—");
        break;
    case ROW_ROOMS:
        if (t) {
            snprintf(n1, sizeof n1, "%d", t->bedrooms);
            snprintf(n2, sizeof n2, "%d", t->living_rooms);
            snprintf(n3, sizeof n3, "%d", t->bathrooms);
            const char *a[] = {n1, n2, n3};
            browse_fmt(c->s, sizeof c->s, browse_tr(b, "unit.rooms"), a, 3);
        }
        break;
    case ROW_BUILT:
        browse_fmt_area(un->area_built, c->s, sizeof c->s);
        c->v = un->area_built;
        break;
    case ROW_INNER:
        browse_fmt_area(un->area_inner, c->s, sizeof c->s);
        c->v = un->area_inner;
        break;
    case ROW_FLOOR:
        browse_fmt_floor(b, un->floor, c->s, sizeof c->s);
        c->v = un->floor;
        break;
    case ROW_ORIENT:
        snprintf(c->s, sizeof c->s, "%s",
                 browse_orientation_label(b, un->orientation));
        break;
    case ROW_PRICE:
        browse_fmt_money(b, un->list_price, c->s, sizeof c->s);
        c->v = un->list_price;
        break;
    case ROW_PER_M2: {
        browse_fmt_money(b, un->unit_price, tmp, sizeof tmp);
        const char *a[] = {tmp};
        browse_fmt(c->s, sizeof c->s, browse_tr(b, "compare.per_m2_value"), a, 1);
        c->v = un->unit_price;
        break;
    }
    case ROW_MONTHLY:
        if (monthly(b, un, &c->v)) {
            browse_fmt_money(b, c->v, tmp, sizeof tmp);
            const char *a[] = {tmp};
            browse_fmt(c->s, sizeof c->s, browse_tr(b, "compare.monthly_value"),
                       a, 1);
        } else {
            snprintf(c->s, sizeof c->s, "—");
            c->valid = 0;
        }
        break;
    case ROW_STATUS:
        /* With a consultant signed in: the full status, and a held unit's
         * holder and time left. */
        c->s[0] = '\0';
        if (browse_full_statuses(b))
            browse_fmt_hold(b, un, c->s, sizeof c->s);
        if (!c->s[0])
            snprintf(c->s, sizeof c->s, "%s", browse_unit_status_label(b, un));
        c->v = browse_full_statuses(b) ? (int64_t)un->status
                                       : (int64_t)browse_customer_status(b, un);
        break;
    default:
        break;
    }
}



/* Text in a cell: one line when it fits, two when the row has room for
 * them (portrait's narrow columns), else ui_label's shrink. */
static void cell_text(ui_t *u, rect_t r, const char *s, int px,
                      text_weight_t wt, text_align_t align, color_t c)
{
    ui_measure_t m = {ui_text_engine(u), px, wt};
    size_t len = strlen(s), rest = 0;
    int lh = px * 13 / 10;
    if (ui_measure(&m, s, len) > r.w && r.h >= 2 * lh) {
        /* Names like "Type C · 3 bed 2 bath" read best split at the dot. */
        const char *dot = strstr(s, " · ");
        size_t a = dot ? (size_t)(dot - s) : 0, b = a + strlen(" · ");
        if (dot && a > 0 && ui_measure(&m, s, a) <= r.w &&
            ui_measure(&m, s + b, len - b) <= r.w) {
            char buf[128];
            int y = r.y + (r.h - 2 * lh) / 2;
            snprintf(buf, sizeof buf, "%.*s", (int)a, s);
            ui_label(u, (rect_t){r.x, y, r.w, lh}, buf, px, wt, align, c);
            ui_label(u, (rect_t){r.x, y + lh, r.w, lh}, s + b, px, wt, align, c);
            return;
        }
        linebreak_line_t lines[2];
        int n = linebreak_lines(s, len, r.w, ui_measure, &m, lines, 2, &rest);
        if (n == 2 && rest == len) {
            /* Balance the two lines: the narrowest width that still takes
             * two, so no word is left alone on the second. */
            int lo = r.w / 2, hi = r.w;
            while (lo < hi) {
                int mid = (lo + hi) / 2;
                if (linebreak_lines(s, len, mid, ui_measure, &m, lines, 2, &rest) == 2 &&
                    rest == len)
                    hi = mid;
                else
                    lo = mid + 1;
            }
            linebreak_lines(s, len, hi, ui_measure, &m, lines, 2, &rest);
            int y = r.y + (r.h - 2 * lh) / 2;
            for (int i = 0; i < 2; i++) {
                char buf[128];
                snprintf(buf, sizeof buf, "%.*s", (int)lines[i].len,
                         s + lines[i].start);
                ui_label(u, (rect_t){r.x, y + i * lh, r.w, lh}, buf, px, wt,
                         align, c);
            }
            return;
        }
    }
    ui_label(u, r, s, px, wt, align, c);
}

/* A column's head: the plan, the unit's name, a way to open it and the ×
 * that takes it off the shortlist. */
static void draw_head(browse_t *b, ui_t *u, rect_t r, int idx)
{
    const unit_t *un = &b->m->units[idx];
    const unit_type_t *t = un->unit_type >= 0 && un->unit_type < b->m->n_unit_types
                               ? &b->m->unit_types[un->unit_type]
                               : NULL;
    int pad = ui_s(u, 16);
    int name_h = ui_s(u, 60);
    rect_t pic = {r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad - name_h};
    render_image_t *img = t && t->floor_plan[0]
                              ? images_get(b->images, t->floor_plan)
                              : NULL;
    if (img) {
        ui_round_rect(u, pic, ui_s(u, 12), PAPER);
        ui_image(u, ui_inset(pic, ui_s(u, 6)), img, 0, NULL);
    } else {
        ui_image(u, pic, NULL, 0, browse_tr(b, "unit.no_plan"));
    }
    /* The name and "view details ›" on one line, centred together. */
    char name[128];
    const char *open = browse_tr(b, "compare.open");
    browse_fmt_unit_name(b, un, name, sizeof name);
    int npx = ui_s(u, 32), opx = ui_s(u, 24), gap = ui_s(u, 14);
    int nw = 0, ow = 0, th = 0;
    text_measure(ui_text_engine(u), name, npx, TEXT_BOLD, &nw, &th);
    text_measure(ui_text_engine(u), open, opx, TEXT_REGULAR, &ow, &th);
    int avail = r.w - 2 * pad, y = pic.y + pic.h;
    if (nw + gap + ow <= avail) {
        int x = r.x + pad + (avail - nw - gap - ow) / 2;
        ui_label(u, (rect_t){x, y, nw, name_h}, name, npx, TEXT_BOLD,
                 ALIGN_LEFT, THEME_TEXT);
        ui_label(u, (rect_t){x + nw + gap, y + ui_s(u, 3), ow, name_h}, open,
                 opx, TEXT_REGULAR, ALIGN_LEFT, THEME_ACCENT);
    } else {
        /* Narrow: the name alone (the whole head opens the unit). */
        ui_label(u, (rect_t){r.x + pad, y, avail, name_h}, name, npx,
                 TEXT_BOLD, ALIGN_CENTER, THEME_TEXT);
    }
    ui_hit(u, r, ACT_OPEN_UNIT, idx);
    /* The × sits on the picture's corner, on top of the head's target. */
    int xs = ui_s(u, 60);
    ui_button(u, (rect_t){pic.x + pic.w - xs - ui_s(u, 8), pic.y + ui_s(u, 8),
                          xs, xs},
              "×", BTN_SECONDARY, ACT_SHORTLIST, idx);
}

/* Percent with up to one decimal: 3000 -> "30%", 3250 -> "32.5%". */
static void fmt_bp(int bp, char *out, size_t n)
{
    if (bp % 100 == 0)
        snprintf(out, n, "%d%%", bp / 100);
    else
        snprintf(out, n, "%d.%d%%", bp / 100, (bp % 100) / 10);
}

/* The whole shortlist to the phone: a hint over a button, in r. */
static void draw_qr(browse_t *b, ui_t *u, rect_t r, int side_by_side)
{
    int bh = ui_s(u, 84), px = ui_s(u, 24), lh = ui_s(u, 34);
    const char *hint = browse_tr(b, "compare.qr_hint");
    if (side_by_side) {
        /* Portrait: the hint on the left, the button on the right. */
        int bw = ui_s(u, 320);
        rect_t btn = {r.x + r.w - bw, r.y + (r.h - bh) / 2, bw, bh};
        ui_button(u, btn, browse_tr(b, "compare.qr"), BTN_PRIMARY, ACT_QR, -1);
        ui_label(u, (rect_t){r.x, r.y, btn.x - r.x - ui_s(u, 24), r.h}, hint,
                 ui_s(u, 28), TEXT_REGULAR, ALIGN_LEFT, THEME_MUTED);
        return;
    }
    rect_t btn = {r.x, r.y + r.h - bh, r.w, bh};
    ui_button(u, btn, browse_tr(b, "compare.qr"), BTN_PRIMARY, ACT_QR, -1);
    int ph = ui_paragraph_height(u, r.w, hint, px, lh);
    int room = btn.y - ui_s(u, 12) - r.y;
    if (ph > room)
        ph = room - room % lh;
    ui_paragraph(u, (rect_t){r.x, btn.y - ui_s(u, 12) - ph, r.w, ph}, hint, px,
                 lh, TEXT_REGULAR, THEME_MUTED);
}

/* The table in r, from its top; returns the height it took. */
static int draw_table(browse_t *b, ui_t *u, rect_t r, const int *cols, int nc)
{
    render_t *rd = ui_render(u);
    int portrait = ui_portrait(u);
    int lw = ui_s(u, portrait ? 190 : 260), gap = ui_s(u, 16);
    /* Rows first, down to a finger's comfortable reading height; the
     * plans take what is left, within reason. */
    int row_min = ui_s(u, 50), row_max = ui_s(u, portrait ? 112 : 80);
    int head_pref = ui_s(u, 380), head_max = ui_s(u, portrait ? 520 : 440);
    /* A head no taller than its plan (about 4:3) needs. */
    int col_w = (r.w - lw - gap * nc) / nc;
    head_max = imin(head_max, (col_w - ui_s(u, 44)) * 3 / 4 + ui_s(u, 104));
    head_pref = imin(head_pref, head_max);
    int row_h = imax(row_min, imin((r.h - head_pref) / ROW_COUNT, row_max));
    int head_h = imin(r.h - row_h * ROW_COUNT, head_max);
    rect_t data = {r.x + lw, r.y, r.w - lw, head_h + row_h * ROW_COUNT};
    rect_t colr[COMPARE_MAX];
    for (int i = 0; i < nc; i++) {
        colr[i] = ui_row((rect_t){data.x + gap, data.y, data.w - gap,
                                  data.h + ui_s(u, 8)},
                         nc, i, gap);
        ui_round_rect(u, colr[i], ui_s(u, 18), CARD);
    }
    /* The corner (landscape): the whole shortlist to the phone. */
    if (b->o.handoff_url[0] && !portrait)
        draw_qr(b, u, (rect_t){r.x + ui_s(u, 20), r.y + ui_s(u, 16),
                               lw - ui_s(u, 28), head_h - ui_s(u, 32)},
                0);

    for (int i = 0; i < nc; i++)
        draw_head(b, u, (rect_t){colr[i].x, colr[i].y, colr[i].w, head_h},
                  cols[i]);

    for (int row = 0; row < ROW_COUNT; row++) {
        cell_t c[COMPARE_MAX];
        int y = r.y + head_h + row * row_h;
        int differ = 0;
        for (int i = 0; i < nc; i++) {
            cell(b, &b->m->units[cols[i]], row, &c[i]);
            if (i > 0 && strcmp(c[i].s, c[0].s) != 0)
                differ = 1;
        }
        /* The best value, when the row differs and has a better end. */
        int64_t best = 0;
        int have_best = 0;
        for (int i = 0; differ && row_best[row] && i < nc; i++) {
            if (!c[i].valid)
                continue;
            if (!have_best || (row_best[row] > 0 ? c[i].v > best : c[i].v < best))
                best = c[i].v;
            have_best = 1;
        }
        rect_t band = {r.x, y, r.w, row_h};
        if (differ) {
            ui_round_rect(u, (rect_t){band.x, band.y + ui_s(u, 2), band.w,
                                      band.h - ui_s(u, 4)},
                          ui_s(u, 10), DIFF_FILL);
            render_fill_rect(rd, (rect_t){r.x, y + ui_s(u, 10), ui_s(u, 5),
                                          row_h - ui_s(u, 20)},
                             THEME_ACCENT);
        } else if (row > 0) {
            render_fill_rect(rd, (rect_t){data.x + gap, y, data.w - gap,
                                          imax(1, ui_s(u, 1))},
                             RULE);
        }
        cell_text(u, (rect_t){r.x + ui_s(u, 20), y, lw - ui_s(u, 28), row_h},
                  browse_tr(b, row_keys[row]), ui_s(u, 26), TEXT_REGULAR,
                  ALIGN_LEFT, differ ? THEME_TEXT : THEME_MUTED);
        for (int i = 0; i < nc; i++) {
            rect_t cr = {colr[i].x + ui_s(u, 12), y, colr[i].w - ui_s(u, 24),
                         row_h};
            if (row == ROW_STATUS) {
                const unit_t *su = c[i].unit;
                int ch = imin(row_h - ui_s(u, 12), ui_s(u, 50));
                int spx = imin(ui_s(u, 26), ch * 62 / 100);
                int tw = 0, th = 0;
                text_measure(ui_text_engine(u), c[i].s, spx, TEXT_BOLD, &tw, &th);
                int cw = imin(tw + ui_s(u, 40), cr.w);
                rect_t chip = {cr.x + (cr.w - cw) / 2, y + (row_h - ch) / 2, cw,
                               ch};
                ui_round_rect(u, chip, ch / 2, browse_unit_color(b, su));
                ui_label(u, chip, c[i].s, spx, TEXT_BOLD, ALIGN_CENTER,
                         browse_unit_ink(b, su));
                continue;
            }
            int is_best = have_best && c[i].valid && c[i].v == best;
            char s[112];
            snprintf(s, sizeof s, "%s%.95s", is_best ? "★ " : "", c[i].s);
            int big = row == ROW_PRICE || row == ROW_MONTHLY;
            cell_text(u, cr, s, ui_s(u, big ? 32 : 28),
                      big || is_best ? TEXT_BOLD : TEXT_REGULAR, ALIGN_CENTER,
                      is_best ? THEME_ACCENT : THEME_TEXT);
        }
    }
    return data.h + ui_s(u, 8);
}

/* The monthly figure's assumptions. */
static void monthly_note(const browse_t *b, char *out, size_t n)
{
    char down[16], years[16];
    fmt_bp(b->mtg.down_bp, down, sizeof down);
    if (b->mtg.months % 12 == 0)
        snprintf(years, sizeof years, "%d", b->mtg.months / 12);
    else
        snprintf(years, sizeof years, "%d.%d", b->mtg.months / 12,
                 b->mtg.months % 12 * 10 / 12);
    const char *a[] = {down, years};
    browse_fmt(out, n, browse_tr(b, "compare.monthly_note"), a, 2);
}

/* The notes' line height, and whether they share one line in width w. */
static int notes_one_line(const browse_t *b, ui_t *u, int w)
{
    char line[256];
    int lw = 0, nw = 0, th = 0;
    monthly_note(b, line, sizeof line);
    text_measure(ui_text_engine(u), browse_tr(b, "compare.legend"), ui_s(u, 24),
                 TEXT_REGULAR, &lw, &th);
    text_measure(ui_text_engine(u), line, ui_s(u, 24), TEXT_REGULAR, &nw, &th);
    return ui_s(u, 36 + 14 + 48) + lw + nw <= w;
}

static int notes_height(const browse_t *b, ui_t *u, int w)
{
    return ui_s(u, notes_one_line(b, u, w) ? 42 : 84);
}

/* What the tint and the star mean, and what the monthly figure assumes:
 * on one line when they fit, else two. */
static void draw_notes(browse_t *b, ui_t *u, rect_t r)
{
    int one = notes_one_line(b, u, r.w);
    int lh = one ? r.h : r.h / 2;
    int sw = ui_s(u, 36);
    rect_t sw_r = {r.x, r.y + (lh - ui_s(u, 24)) / 2, sw, ui_s(u, 24)};
    ui_round_rect(u, sw_r, ui_s(u, 6), DIFF_FILL);
    render_fill_rect(ui_render(u), (rect_t){sw_r.x, sw_r.y, ui_s(u, 5), sw_r.h},
                     THEME_ACCENT);
    const char *legend = browse_tr(b, "compare.legend");
    int lw = 0, th = 0;
    text_measure(ui_text_engine(u), legend, ui_s(u, 24), TEXT_REGULAR, &lw, &th);
    int lx = r.x + sw + ui_s(u, 14);
    ui_label(u, (rect_t){lx, r.y, r.x + r.w - lx, lh}, legend, ui_s(u, 24),
             TEXT_REGULAR, ALIGN_LEFT, THEME_MUTED);
    char line[256];
    monthly_note(b, line, sizeof line);
    rect_t nr = one ? (rect_t){lx + lw + ui_s(u, 48), r.y,
                               r.x + r.w - lx - lw - ui_s(u, 48), lh}
                    : (rect_t){r.x, r.y + lh, r.w, r.h - lh};
    ui_label(u, nr, line, ui_s(u, 24), TEXT_REGULAR,
             one ? ALIGN_RIGHT : ALIGN_LEFT, THEME_MUTED);
}

/* More than three shortlisted: chips choose the three columns. */
static int draw_picker(browse_t *b, ui_t *u, rect_t r, const int *all, int n,
                       const int *cols, int nc)
{
    int portrait = ui_portrait(u);
    int ch = ui_s(u, 72), gap = ui_s(u, 12);
    int per_row = portrait ? 3 : SHORTLIST_MAX;
    int label_h = portrait ? ui_s(u, 48) : 0;
    int lw = portrait ? 0 : ui_s(u, 320);
    ui_label(u, (rect_t){r.x, r.y, portrait ? r.w : lw - gap,
                         portrait ? label_h : ch},
             browse_tr(b, "compare.pick"), ui_s(u, 28), TEXT_REGULAR,
             ALIGN_LEFT, THEME_MUTED);
    int rows = (n + per_row - 1) / per_row;
    rect_t area = {r.x + lw, r.y + label_h, r.w - lw, rows * ch + (rows - 1) * gap};
    for (int i = 0; i < n; i++) {
        rect_t row = ui_col(area, rows, i / per_row, gap);
        rect_t chip = ui_row(row, per_row, i % per_row, gap);
        char name[128];
        browse_fmt_unit_name(b, &b->m->units[all[i]], name, sizeof name);
        int on = contains(cols, nc, all[i]);
        ui_button(u, chip, name, on ? BTN_CHIP_ON : BTN_CHIP, A_PICK, all[i]);
    }
    return label_h + area.h;
}

/* Fewer than two: how to get here with something to compare. */
static void draw_empty(browse_t *b, ui_t *u, rect_t c, int n)
{
    int w = imin(c.w - 2 * ui_s(u, 80), ui_s(u, 960));
    int x = c.x + (c.w - w) / 2;
    int y = c.y + c.h / 2 - ui_s(u, 300);
    ui_label(u, (rect_t){x, y, w, ui_s(u, 140)}, "♡", ui_s(u, 120), TEXT_REGULAR,
             ALIGN_CENTER, THEME_ACCENT);
    y += ui_s(u, 160);
    ui_label(u, (rect_t){x, y, w, ui_s(u, 70)},
             browse_tr(b, "compare.empty_title"), ui_s(u, 48), TEXT_BOLD,
             ALIGN_CENTER, THEME_TEXT);
    y += ui_s(u, 90);
    char text[512], num[16];
    snprintf(num, sizeof num, "%d", n);
    const char *a[] = {num};
    browse_fmt(text, sizeof text,
               browse_tr(b, n == 1 ? "compare.empty_one" : "compare.empty_text"),
               a, 1);
    int px = ui_s(u, 30), lh = ui_s(u, 46);
    int ph = ui_paragraph_height(u, w, text, px, lh);
    if (ph <= lh)
        ui_label(u, (rect_t){x, y, w, lh}, text, px, TEXT_REGULAR, ALIGN_CENTER,
                 THEME_MUTED);
    else
        ui_paragraph(u, (rect_t){x, y, w, ph}, text, px, lh, TEXT_REGULAR,
                     THEME_MUTED);
    y += imax(ph, lh) + ui_s(u, 48);
    int bw = ui_s(u, 360);
    ui_button(u, (rect_t){c.x + (c.w - bw) / 2, y, bw, ui_s(u, 96)},
              browse_tr(b, "compare.go_units"), BTN_PRIMARY, ACT_GO, SCENE_UNITS);
}

static void draw(browse_t *b, ui_t *u)
{
    rect_t c = browse_chrome(b, u, browse_tr(b, "compare.title"));
    if (!b->m) {
        ui_label(u, c, browse_tr(b, "common.no_data"), ui_s(u, 40), TEXT_BOLD,
                 ALIGN_CENTER, THEME_MUTED);
        return;
    }
    int all[SHORTLIST_MAX], n, cols[COMPARE_MAX];
    int nc = columns(b, cols, all, &n);
    if (nc < 2) {
        draw_empty(b, u, c, n);
        return;
    }
    int pad = ui_s(u, 40), gap = ui_s(u, 24);
    rect_t in = {c.x + pad, c.y + ui_s(u, 28), c.w - 2 * pad,
                 c.h - ui_s(u, 28) - ui_s(u, 20)};
    if (n > COMPARE_MAX) {
        int h = draw_picker(b, u, in, all, n, cols, nc);
        in.y += h + gap;
        in.h -= h + gap;
    }
    int notes_h = notes_height(b, u, in.w);
    rect_t table = {in.x, in.y, in.w, in.h - notes_h - ui_s(u, 8)};
    int qh = 0;
    if (ui_portrait(u) && b->o.handoff_url[0]) {
        /* Portrait: the label column is narrow; the QR gets a bar. */
        qh = ui_s(u, 100);
        table.h -= qh + gap;
    }
    int y = in.y + draw_table(b, u, table, cols, nc) + gap;
    if (qh) {
        draw_qr(b, u, (rect_t){in.x, y, in.w, qh}, 1);
        y += qh + gap;
    }
    if (!ui_portrait(u))
        y = in.y + in.h - notes_h;
    draw_notes(b, u, (rect_t){in.x, y, in.w, notes_h});
}

/* ---- input ------------------------------------------------------------------ */

static void action(browse_t *b, int act, int arg)
{
    if (act != A_PICK || !b->m)
        return;
    int all[SHORTLIST_MAX], pick[COMPARE_MAX];
    int n = shortlisted(b, all);
    if (n <= COMPARE_MAX || !contains(all, n, arg))
        return;
    int np = chosen(b, all, n, pick);
    if (contains(pick, np, arg))
        return; /* already shown */
    /* The least recently picked column makes room. */
    if (np == COMPARE_MAX) {
        memmove(pick, pick + 1, sizeof *pick * (COMPARE_MAX - 1));
        np--;
    }
    pick[np++] = arg;
    memset(b->compare_ids, 0, sizeof b->compare_ids);
    for (int i = 0; i < np; i++)
        snprintf(b->compare_ids[i], sizeof b->compare_ids[i], "%s",
                 b->m->units[pick[i]].id);
}

/* With a consultant signed in, a held column's countdown ticks: a frame on
 * each new second while one is shown, and sleep otherwise. */
static int64_t update(browse_t *b, int64_t now_ms)
{
    int cols[COMPARE_MAX], all[SHORTLIST_MAX], n_all, shown = 0;
    if (!b->m || !browse_full_statuses(b))
        return -1;
    int nc = columns(b, cols, all, &n_all);
    for (int i = 0; i < nc && nc >= 2; i++)
        shown |= browse_hold_counts_down(&b->m->units[cols[i]]);
    return shown ? browse_tick(b, now_ms) : -1;
}

const scene_ops_t scene_compare_ops = {.draw = draw, .action = action,
                                       .update = update};
