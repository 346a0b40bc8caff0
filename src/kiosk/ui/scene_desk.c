/* scene_desk.c - a signed-in consultant's desk (issue 5).
 *
 * Where a consultant lands after signing in, and comes back to with the
 * same long press in the sign-in corner (or the top bar's badge): their
 * holds and how each stands, today's figures by building, and the way out.
 *
 * "My holds" lists first what the server confirmed (units the model shows
 * held by this consultant, soonest to run out first, each with a ticking
 * countdown, open and release), then what is not in the model yet (the
 * kiosk's outbox: queued, retrying, sending, refused since the sign-in
 * with the reason in the consultant's words, or confirmed before the
 * model heard).  Rows that do not fit are counted in a last line.  Today's
 * figures count, for each building, the units available now and those
 * held, subscribed and signed since local midnight; on a project with more
 * buildings than rows fit, the buildings with no change today are summed
 * up in one line.
 *
 * Not for: placing a hold (the unit's page does) or the sign-in itself
 * (scene_signin.c).
 */
#include "browse_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
    A_RELEASE = ACTION_BASE(SCENE_DESK) + 1, /* arg: unit index */
    A_SIGN_OUT,
};

#define CARD RGB(0x15213A)
#define RULE RGB(0x22314F)
#define ROWS_MAX 32     /* hold rows worked out (a consultant holds a few) */

/* One line of "my holds": a unit and where its hold stands. */
typedef struct {
    int unit;             /* index into the model */
    const char *kind;     /* the request shown: "hold" or "release" */
    int state;            /* request_state_t */
    const char *reason;
    int held;             /* the model shows it held by this consultant */
    int expired;          /* ... and its time is up (the server's sweep
                             has not said so yet) */
} hold_row_t;

static int listed(const hold_row_t *rows, int n, int unit)
{
    for (int i = 0; i < n; i++)
        if (rows[i].unit == unit)
            return 1;
    return 0;
}

static int is_mine(const browse_t *b, const unit_t *u)
{
    return u->status == STATUS_HELD && strcmp(u->held_by, b->consultant) == 0;
}

/* Everything "my holds" would show, up to max: first the holds the model
 * shows (soonest to run out first, each with the newest release asked
 * for, if any), then requests not (yet) in the model, newest first. */
static int hold_rows(const browse_t *b, const browse_request_t *req, int n_req,
                     hold_row_t *rows, int max)
{
    int n = 0;
    const model_t *m = b->m;
    int64_t now_s = b->now_ms / 1000;
    for (int k = 0; k < m->n_units && n < max; k++) {
        const unit_t *u = &m->units[k];
        if (!is_mine(b, u))
            continue;
        hold_row_t row = {k, "hold", REQ_CONFIRMED, "", 1,
                          u->hold_expires_at > 0 && u->hold_expires_at <= now_s};
        for (int i = 0; i < n_req; i++)
            if (strcmp(req[i].kind, "release") == 0 &&
                browse_request_about(&req[i], u)) {
                row.kind = "release";
                row.state = req[i].state;
                row.reason = req[i].reason;
                break;
            }
        int at = n++; /* insertion: a consultant holds a few */
        while (at > 0 &&
               m->units[rows[at - 1].unit].hold_expires_at > u->hold_expires_at) {
            rows[at] = rows[at - 1];
            at--;
        }
        rows[at] = row;
    }
    for (int i = 0; i < n_req && n < max; i++) {
        const browse_request_t *r = &req[i];
        int k = strcmp(r->kind, "hold") == 0 ? model_find_unit(m, r->unit_id)
                                             : -1;
        if (k < 0 || listed(rows, n, k))
            continue; /* a release (its row is above), or a later try won */
        if (r->state == REQ_CONFIRMED &&
            m->units[k].status_changed_at >= r->updated_at)
            continue; /* the model heard since: released or run out */
        rows[n++] = (hold_row_t){k, r->kind, r->state, r->reason, 0, 0};
    }
    return n;
}

/* ---- drawing ----------------------------------------------------------------- */

static color_t state_color(const hold_row_t *r)
{
    if (r->state == REQ_REFUSED)
        return THEME_BAD;
    if (r->expired || r->state != REQ_CONFIRMED)
        return THEME_WARN; /* on its way, or running out */
    return THEME_GOOD;
}

/* "3房2廳 · 105.60㎡ · ¥3,456,789" */
static void unit_facts(const browse_t *b, const unit_t *u, char *out, size_t n)
{
    char area[32], price[48];
    const unit_type_t *t = &b->m->unit_types[u->unit_type];
    browse_fmt_area(u->area_built, area, sizeof area);
    browse_fmt_money(b, u->list_price, price, sizeof price);
    snprintf(out, n, "%s · %s · %s", ltext_get(&t->name, b->lang), area, price);
}

static int text_width(ui_t *u, const char *s, int px, text_weight_t wt)
{
    int w = 0, h = 0;
    text_measure(ui_text_engine(u), s, px, wt, &w, &h);
    return w;
}

static void draw_row(browse_t *b, ui_t *u, rect_t r, const hold_row_t *row)
{
    const unit_t *un = &b->m->units[row->unit];
    char name[96], facts[160], state[400], left[48], tmp[32];
    int pad = ui_s(u, 24), bw = ui_s(u, 200), bh = ui_s(u, 72);
    int gap = ui_s(u, 16);
    ui_round_rect(u, r, ui_s(u, 14), CARD);
    ui_round_rect(u, (rect_t){r.x, r.y, ui_s(u, 10), r.h}, ui_s(u, 5),
                  state_color(row));
    /* Buttons on the right: open, and release for a hold still running
     * with no release on its way. */
    int bx = r.x + r.w - pad - bw;
    int by = r.y + (r.h - bh) / 2;
    int releasing = strcmp(row->kind, "release") == 0 &&
                    (row->state == REQ_QUEUED || row->state == REQ_SENT);
    if (row->held && !row->expired && !releasing) {
        ui_button(u, (rect_t){bx, by, bw, bh}, browse_tr(b, "hold.release"),
                  BTN_SECONDARY, A_RELEASE, row->unit);
        bx -= bw + gap;
    }
    ui_button(u, (rect_t){bx, by, bw, bh}, browse_tr(b, "desk.open"),
              BTN_PRIMARY, ACT_OPEN_UNIT, row->unit);
    /* The text: name and countdown, facts, where the request stands. */
    int tx = r.x + ui_s(u, 10) + pad, tw = bx - gap - tx;
    int line = (r.h - 2 * ui_s(u, 14)) / 3, y = r.y + ui_s(u, 14);
    browse_fmt_unit_name(b, un, name, sizeof name);
    int cw = 0;
    if (row->held && browse_hold_counts_down(un) && !row->expired) {
        browse_fmt_hold_left(b, un, tmp, sizeof tmp);
        browse_tr1(b, left, sizeof left, "desk.left", tmp);
        cw = text_width(u, left, ui_s(u, 34), TEXT_BOLD);
        ui_label(u, (rect_t){tx + tw - cw, y, cw, line}, left, ui_s(u, 34),
                 TEXT_BOLD, ALIGN_RIGHT, THEME_ACCENT);
        cw += gap;
    }
    ui_label(u, (rect_t){tx, y, tw - cw, line}, name, ui_s(u, 34), TEXT_BOLD,
             ALIGN_LEFT, THEME_TEXT);
    if (row->expired && !releasing)
        snprintf(state, sizeof state, "%s", browse_tr(b, "desk.expired"));
    else
        browse_fmt_request(b, row->kind, row->state, row->reason, un, state,
                           sizeof state);
    int px = ui_s(u, 26);
    if (text_width(u, state, px, TEXT_BOLD) <= tw) {
        unit_facts(b, un, facts, sizeof facts);
        ui_label(u, (rect_t){tx, y + line, tw, line}, facts, px, TEXT_REGULAR,
                 ALIGN_LEFT, THEME_MUTED);
        ui_label(u, (rect_t){tx, y + 2 * line, tw, line}, state, px, TEXT_BOLD,
                 ALIGN_LEFT, state_color(row));
    } else {
        /* A long reason takes the facts' line too, wrapped. */
        ui_paragraph(u, (rect_t){tx, y + line + (line - px) / 2, tw, 2 * line},
                     state, px, line, TEXT_BOLD, state_color(row));
    }
}

/* Design px of a hold row and the gap below it, and of the card's title. */
enum { ROW_H = 150, ROW_GAP = 16, CARD_PAD = 32, CARD_TITLE = 76, MORE_H = 48 };

static void draw_holds(browse_t *b, ui_t *u, rect_t card,
                       const hold_row_t *rows, int n)
{
    char title[96], num[16];
    int pad = ui_s(u, CARD_PAD);
    int held = 0;
    for (int i = 0; i < n; i++)
        held += rows[i].held;
    ui_round_rect(u, card, ui_s(u, 20), THEME_PANEL);
    rect_t in = ui_inset(card, pad);
    snprintf(num, sizeof num, "%d", held);
    browse_tr1(b, title, sizeof title, "desk.my_holds_n", num);
    ui_label(u, (rect_t){in.x, in.y, in.w, ui_s(u, 56)}, title, ui_s(u, 38),
             TEXT_BOLD, ALIGN_LEFT, THEME_TEXT);
    int y = in.y + ui_s(u, CARD_TITLE);
    if (n == 0) {
        ui_paragraph(u, (rect_t){in.x, y, in.w, in.y + in.h - y},
                     browse_tr(b, "desk.none"), ui_s(u, 30), ui_s(u, 46),
                     TEXT_REGULAR, THEME_MUTED);
        return;
    }
    int rh = ui_s(u, ROW_H), gap = ui_s(u, ROW_GAP), bottom = in.y + in.h;
    int fit = (bottom - y + gap) / (rh + gap);
    if (fit < n) /* room for the "N more" line */
        fit = (bottom - y - ui_s(u, MORE_H) + gap) / (rh + gap);
    int shown = 0;
    for (; shown < n && shown < fit; shown++) {
        draw_row(b, u, (rect_t){in.x, y, in.w, rh}, &rows[shown]);
        y += rh + gap;
    }
    if (shown < n) {
        char more[128];
        snprintf(num, sizeof num, "%d", n - shown);
        browse_tr1(b, more, sizeof more, "desk.more_holds", num);
        ui_label(u, (rect_t){in.x, y, in.w, ui_s(u, MORE_H)}, more,
                 ui_s(u, 26), TEXT_BOLD, ALIGN_LEFT, THEME_MUTED);
    }
}

/* Today's counts by building (and all of them), worked out once a model
 * change or a new day, not on every second the desk redraws.  NULL when
 * out of memory. */
static const model_counts_t *today_counts(browse_t *b, int64_t day0)
{
    if (b->day_counts && b->day_counts_gen == b->model_gen &&
        b->day_counts_day == day0)
        return b->day_counts;
    size_t n = (size_t)(b->m->n_buildings > 0 ? b->m->n_buildings : 1);
    model_counts_t *c = realloc(b->day_counts, sizeof *c * n);
    if (!c)
        return NULL;
    b->day_counts = c;
    model_count_buildings(b->m, day0, c, &b->day_total);
    b->day_counts_gen = b->model_gen;
    b->day_counts_day = day0;
    return c;
}

/* One row of today's table: a name and four numbers. */
static void table_row(ui_t *u, rect_t r, const char *name, const int *v,
                      int px, text_weight_t wt, color_t ink)
{
    char num[16];
    int name_w = r.w * 30 / 100, col = (r.w - name_w) / 4;
    ui_label(u, (rect_t){r.x, r.y, name_w, r.h}, name, px, wt, ALIGN_LEFT, ink);
    for (int i = 0; i < 4; i++) {
        snprintf(num, sizeof num, "%d", v[i]);
        ui_label(u, (rect_t){r.x + name_w + i * col, r.y, col, r.h},
                 v[i] ? num : "–", px, wt, ALIGN_RIGHT,
                 v[i] ? ink : THEME_MUTED);
    }
}

static void draw_today(browse_t *b, ui_t *u, rect_t card)
{
    const model_t *m = b->m;
    char title[128], date[64], mon[16], day[16];
    int pad = ui_s(u, 32);
    int64_t now_s = b->now_ms / 1000;
    int64_t day0 = model_day_start(now_s);
    time_t t = (time_t)now_s;
    struct tm tm;
    localtime_r(&t, &tm);
    char wd[24], mname[24];
    snprintf(mon, sizeof mon, "%d", tm.tm_mon + 1);
    snprintf(day, sizeof day, "%d", tm.tm_mday);
    snprintf(wd, sizeof wd, "date.weekday.%d", tm.tm_wday);
    snprintf(mname, sizeof mname, "date.month.%d", tm.tm_mon + 1);
    const char *args[4] = {mon, day, browse_tr(b, wd), browse_tr(b, mname)};
    browse_fmt(date, sizeof date, browse_tr(b, "date.format"), args, 4);
    browse_tr1(b, title, sizeof title, "desk.today", date);

    ui_round_rect(u, card, ui_s(u, 20), THEME_PANEL);
    rect_t in = ui_inset(card, pad);
    ui_label(u, (rect_t){in.x, in.y, in.w, ui_s(u, 56)}, title, ui_s(u, 38),
             TEXT_BOLD, ALIGN_LEFT, THEME_TEXT);
    int y = in.y + ui_s(u, 76);
    int px = ui_s(u, 28);
    int rh = ui_s(u, 56);
    /* The header: the statuses' own words, underlined in the colours the
     * office knows from the board. */
    static const unit_status_t st[] = {STATUS_AVAILABLE, STATUS_HELD,
                                       STATUS_SUBSCRIBED, STATUS_SIGNED};
    {
        int name_w = in.w * 30 / 100, col = (in.w - name_w) / 4;
        ui_label(u, (rect_t){in.x, y, name_w, rh}, browse_tr(b, "desk.building"),
                 ui_s(u, 24), TEXT_BOLD, ALIGN_LEFT, THEME_MUTED);
        /* One size for the four headings, the largest at which all fit. */
        int hp = ui_s(u, 24);
        for (int i = 0; i < 4; i++) {
            int tw, th, room = col - ui_s(u, 16);
            text_measure(ui_text_engine(u), browse_tr(b, theme_status_key[st[i]]), hp,
                         TEXT_BOLD, &tw, &th);
            if (tw > room)
                hp = imax(ui_s(u, 16), hp * room / tw);
        }
        for (int i = 0; i < 4; i++) {
            /* Each figure's heading underlined in its status colour. */
            rect_t c = {in.x + name_w + i * col + ui_s(u, 16), y,
                        col - ui_s(u, 16), rh - ui_s(u, 10)};
            const char *h = browse_tr(b, theme_status_key[st[i]]);
            int tw, th;
            text_measure(ui_text_engine(u), h, hp, TEXT_BOLD, &tw, &th);
            tw = imin(tw, c.w);
            ui_label(u, c, h, hp, TEXT_BOLD, ALIGN_RIGHT, THEME_MUTED);
            render_fill_rect(ui_render(u),
                             (rect_t){c.x + c.w - tw, c.y + c.h - ui_s(u, 4),
                                      tw, ui_s(u, 4)},
                             theme_status_fill[st[i]]);
        }
        y += rh;
        render_fill_rect(ui_render(u), (rect_t){in.x, y, in.w, ui_s(u, 2)}, RULE);
        y += ui_s(u, 8);
    }
    /* Rows that fit above the total. */
    int bottom = in.y + in.h - rh - ui_s(u, 12);
    int fit = (bottom - y) / rh;
    int all_fit = m->n_buildings <= fit, hidden = 0, hidden_busy = 0;
    const model_counts_t *counts = today_counts(b, day0);
    if (!counts)
        return;
    for (int i = 0; i < m->n_buildings; i++) {
        /* With more buildings than rows: those with changes today, then
         * a line for the rest. */
        model_counts_t c = counts[i];
        int busy = c.held_today + c.subscribed_today + c.signed_today > 0;
        if (!all_fit && (!busy || y + 2 * rh > bottom)) {
            hidden++;
            hidden_busy += busy;
            continue;
        }
        int v[4] = {c.by_status[STATUS_AVAILABLE], c.held_today,
                    c.subscribed_today, c.signed_today};
        table_row(u, (rect_t){in.x, y, in.w, rh},
                  ltext_get(&m->buildings[i].name, b->lang), v, px,
                  TEXT_REGULAR, THEME_TEXT);
        y += rh;
    }
    if (hidden > 0) {
        char q[16], line[128];
        snprintf(q, sizeof q, "%d", hidden);
        browse_tr1(b, line, sizeof line,
                   hidden_busy ? "desk.more" : "desk.quiet", q);
        ui_label(u, (rect_t){in.x, y, in.w, rh}, line, ui_s(u, 24),
                 TEXT_REGULAR, ALIGN_LEFT, THEME_MUTED);
    }
    int ty = in.y + in.h - rh;
    render_fill_rect(ui_render(u), (rect_t){in.x, ty - ui_s(u, 8), in.w,
                                            ui_s(u, 2)}, RULE);
    const model_counts_t *all = &b->day_total;
    int v[4] = {all->by_status[STATUS_AVAILABLE], all->held_today,
                all->subscribed_today, all->signed_today};
    table_row(u, (rect_t){in.x, ty, in.w, rh}, browse_tr(b, "desk.total"), v,
              px, TEXT_BOLD, THEME_ACCENT);
}

static void draw(browse_t *b, ui_t *u)
{
    rect_t c = browse_chrome(b, u, browse_tr(b, "desk.title"));
    int pad = ui_s(u, 40), gap = ui_s(u, 32);
    rect_t in = {c.x + pad, c.y + pad, c.w - 2 * pad, c.h - 2 * pad};
    if (!b->m || !b->consultant[0]) {
        ui_label(u, in, browse_tr(b, "common.no_data"), ui_s(u, 36),
                 TEXT_BOLD, ALIGN_CENTER, THEME_MUTED);
        return;
    }
    /* Who is signed in, and the ways on: the units, or out. */
    int hh = ui_s(u, 84), bw = ui_s(u, 260);
    rect_t out = {in.x + in.w - bw, in.y, bw, hh};
    ui_button(u, out, browse_tr(b, "signin.sign_out"), BTN_SECONDARY,
              A_SIGN_OUT, 0);
    rect_t go = {out.x - gap - bw, in.y, bw, hh};
    ui_button(u, go, browse_tr(b, "desk.browse"), BTN_PRIMARY, ACT_GO,
              SCENE_UNITS);
    char who[160];
    int ww = go.x - gap - in.x, tw, th;
    browse_tr1(b, who, sizeof who, "consultant.badge",
               browse_consultant_name(b));
    text_measure(ui_text_engine(u), who, ui_s(u, 40) * 3 / 4, TEXT_BOLD, &tw,
                 &th);
    if (tw > ww) /* narrow: the name says enough */
        snprintf(who, sizeof who, "%s", browse_consultant_name(b));
    ui_label(u, (rect_t){in.x, in.y, ww, hh}, who, ui_s(u, 40), TEXT_BOLD,
             ALIGN_LEFT, THEME_ACCENT);
    hold_row_t rows[ROWS_MAX];
    int n_req;
    const browse_request_t *req = browse_requests(b, &n_req);
    int n = hold_rows(b, req, n_req, rows, ROWS_MAX);
    int top = in.y + hh + gap;
    rect_t body = {in.x, top, in.w, in.y + in.h - top};
    if (ui_portrait(u)) {
        /* The holds take the room their rows need; today gets the rest. */
        int need = ui_s(u, 2 * CARD_PAD + CARD_TITLE) +
                   imax(n, 2) * ui_s(u, ROW_H + ROW_GAP);
        int h1 = imax(body.h * 28 / 100, imin(need, body.h * 55 / 100));
        draw_holds(b, u, (rect_t){body.x, body.y, body.w, h1}, rows, n);
        draw_today(b, u, (rect_t){body.x, body.y + h1 + gap, body.w,
                                  body.h - h1 - gap});
    } else {
        int w1 = body.w * 52 / 100;
        draw_holds(b, u, (rect_t){body.x, body.y, w1, body.h}, rows, n);
        draw_today(b, u, (rect_t){body.x + w1 + gap, body.y,
                                  body.w - w1 - gap, body.h});
    }
}

static void action(browse_t *b, int act, int arg)
{
    switch (act) {
    case A_RELEASE:
        if (b->m && arg >= 0 && arg < b->m->n_units &&
            browse_request_hold(b, &b->m->units[arg], 1) != 0)
            fprintf(stderr, "kiosk: the release could not be queued\n");
        break;
    case A_SIGN_OUT:
        browse_sign_out(b); /* and home */
        break;
    default:
        break;
    }
}

/* Back to a desk whose consultant has been signed out: home instead. */
static void enter(browse_t *b)
{
    if (!b->consultant[0])
        browse_go(b, SCENE_HOME);
}

/* Countdowns tick, requests move on and the day turns: a frame each
 * second while the desk is open. */
static int64_t update(browse_t *b, int64_t now_ms)
{
    return browse_tick(b, now_ms);
}

const scene_ops_t scene_desk_ops = {.enter = enter, .draw = draw,
                                    .action = action, .update = update};
