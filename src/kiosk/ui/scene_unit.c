/* scene_unit.c - one unit in detail: its floor plan, facts and price.
 *
 * What a customer reads before deciding: the floor plan (double-tap or
 * pinch to zoom, drag to pan, and + / - buttons for those who do not know
 * the gestures), the layout, both areas, floor, orientation, the list
 * price with its price per m² and the building's pre-sale permit (一房一價:
 * every price shown openly, with the permit that must go with it), and
 * whether it is still for sale.  From here: the shortlist, compare, the
 * calculator for this price, and a QR code to the customer's phone.
 *
 * The model is read on every frame, so a change the sync worker stored
 * shows on the next one; when the unit stops being available while it is
 * on screen (browse.c notices and sets unit_gone) a calm banner says so.
 *
 * Not for: the QR card (browse.c draws it) or loading pictures (images.h).
 */
#include "browse_private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define ZOOM_MAX 4.0
#define ZOOM_TAP 2.5   /* a double tap zooms to this, and back */
#define ZOOM_STEP 1.5  /* the + and - buttons */

enum {
    A_PLAN = ACTION_BASE(SCENE_UNIT) + 1, /* the plan panel (gestures) */
    A_ZOOM_IN,
    A_ZOOM_OUT,
    A_ZOOM_RESET,
    A_HOLD,        /* a consultant holds the unit (arg 0) or releases it (1) */
};

#define PAPER RGB(0xF7F5F1)      /* the plans' own paper, so they sit flush */
#define PAPER_INK RGB(0x5B6478)  /* small print on it */
#define CARD RGB(0x15213A)
#define RULE RGB(0x26365A)

/* ---- the floor plan ------------------------------------------------------ */

static const unit_type_t *unit_type_of(const browse_t *b, const unit_t *un)
{
    if (un->unit_type < 0 || un->unit_type >= b->m->n_unit_types)
        return NULL;
    return &b->m->unit_types[un->unit_type];
}

/* The current unit's plan picture, or NULL (none, missing or damaged). */
static render_image_t *plan_image(browse_t *b)
{
    const unit_t *un = browse_current_unit(b);
    const unit_type_t *t = un ? unit_type_of(b, un) : NULL;
    if (!t || !t->floor_plan[0])
        return NULL;
    return images_get(b->images, t->floor_plan);
}

/* The height of the strip under the plan for the note and the zoom
 * buttons. */
static int plan_bar_h(const ui_t *u)
{
    return ui_s(u, 96);
}

/* Where the whole plan fits at zoom 1, inside its panel. */
static rect_t plan_box(const ui_t *u, rect_t panel)
{
    int pad = ui_s(u, 24);
    return (rect_t){panel.x + pad, panel.y + pad, panel.w - 2 * pad,
                    panel.h - 2 * pad - plan_bar_h(u) + pad / 2};
}

/* Screen pixels per plan pixel at zoom 1. */
static double plan_fit(rect_t box, int iw, int ih)
{
    double kx = (double)box.w / iw, ky = (double)box.h / ih;
    return kx < ky ? kx : ky;
}

static double clampd(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Keeps the zoom in 1..ZOOM_MAX and the view on the plan: a side of the
 * plan smaller than the box stays centred, a larger one never shows
 * anything beyond its edge. */
static void plan_clamp(browse_t *b, rect_t box, int iw, int ih)
{
    if (!isfinite(b->plan_zoom) || !isfinite(b->plan_cx) ||
        !isfinite(b->plan_cy)) {
        b->plan_zoom = 1.0;
        b->plan_cx = b->plan_cy = 0.5;
    }
    b->plan_zoom = clampd(b->plan_zoom, 1.0, ZOOM_MAX);
    double k = plan_fit(box, iw, ih) * b->plan_zoom;
    double hx = box.w / k / iw / 2, hy = box.h / k / ih / 2;
    b->plan_cx = hx >= 0.5 ? 0.5 : clampd(b->plan_cx, hx, 1.0 - hx);
    b->plan_cy = hy >= 0.5 ? 0.5 : clampd(b->plan_cy, hy, 1.0 - hy);
}

/* Zooms to z keeping the plan point under screen point (sx, sy) there, or
 * putting plan point (px, py) under it when px >= 0. */
static void plan_zoom_at(browse_t *b, rect_t box, int iw, int ih, double z,
                         double sx, double sy, double px, double py)
{
    double mx = box.x + box.w / 2.0, my = box.y + box.h / 2.0;
    double k = plan_fit(box, iw, ih) * b->plan_zoom;
    if (px < 0) {
        px = b->plan_cx + (sx - mx) / (iw * k);
        py = b->plan_cy + (sy - my) / (ih * k);
    }
    b->plan_zoom = clampd(z, 1.0, ZOOM_MAX);
    k = plan_fit(box, iw, ih) * b->plan_zoom;
    b->plan_cx = px - (sx - mx) / (iw * k);
    b->plan_cy = py - (sy - my) / (ih * k);
    plan_clamp(b, box, iw, ih);
}

/* The plan's box and picture size as last drawn; 0 when there is no
 * picture on screen. */
static int plan_geometry(browse_t *b, rect_t *box, int *iw, int *ih)
{
    rect_t panel;
    render_image_t *img;
    if (!ui_find(b->ui, A_PLAN, 0, &panel) || !(img = plan_image(b)))
        return 0;
    render_image_size(img, iw, ih);
    *box = plan_box(b->ui, panel);
    return *iw > 0 && *ih > 0 && box->w > 0 && box->h > 0;
}

/* 1 when (x, y) is on the plan itself, not on a control drawn over it. */
static int on_plan(browse_t *b, int x, int y)
{
    int action = 0, arg = 0;
    return ui_hit_test(b->ui, x, y, &action, &arg) && action == A_PLAN;
}

static void draw_plan(browse_t *b, ui_t *u, rect_t panel)
{
    render_t *r = ui_render(u);
    render_image_t *img = plan_image(b);
    ui_hit(u, panel, A_PLAN, 0);
    if (!img) {
        /* Missing, damaged or never given: a tidy placeholder. */
        ui_image(u, panel, NULL, 0, browse_tr(b, "unit.no_plan"));
        return;
    }
    int iw, ih;
    render_image_size(img, &iw, &ih);
    ui_round_rect(u, panel, ui_s(u, 20), PAPER);
    rect_t box = plan_box(u, panel);
    if (iw <= 0 || ih <= 0 || box.w <= 0 || box.h <= 0)
        return;
    /* A double tap zooms the plan: taps on it wait for a second one, taps
     * anywhere else (the zoom buttons too) answer at once. */
    b->double_tap_area = box;
    plan_clamp(b, box, iw, ih);

    /* The part of the plan in view, in plan pixels, and where it goes. */
    double k = plan_fit(box, iw, ih) * b->plan_zoom;
    double vw = box.w / k, vh = box.h / k;
    float src[4];
    rect_t dst = box;
    if (vw >= iw) {
        src[0] = 0.0f;
        src[2] = (float)iw;
        dst.w = (int)lround(iw * k);
        dst.x = box.x + (box.w - dst.w) / 2;
    } else {
        src[0] = (float)(b->plan_cx * iw - vw / 2);
        src[2] = (float)vw;
    }
    if (vh >= ih) {
        src[1] = 0.0f;
        src[3] = (float)ih;
        dst.h = (int)lround(ih * k);
        dst.y = box.y + (box.h - dst.h) / 2;
    } else {
        src[1] = (float)(b->plan_cy * ih - vh / 2);
        src[3] = (float)vh;
    }
    render_clip(r, &box);
    render_image_draw(r, img, src, dst, 255);
    render_clip(r, NULL);

    /* The strip below: small print on the left, zoom buttons right. */
    int bar = plan_bar_h(u), pad = ui_s(u, 24);
    int bs = ui_s(u, 72), gap = ui_s(u, 12);
    int by = panel.y + panel.h - pad / 2 - bar + (bar - bs) / 2;
    int zoomed = b->plan_zoom > 1.001;
    int x = panel.x + panel.w - pad;
    int rw = ui_s(u, 150);
    if (zoomed) {
        x -= rw;
        ui_button(u, (rect_t){x, by, rw, bs}, browse_tr(b, "unit.zoom_reset"),
                  BTN_SECONDARY, A_ZOOM_RESET, 0);
        x -= gap;
    }
    x -= bs;
    ui_button(u, (rect_t){x, by, bs, bs}, "+",
              b->plan_zoom < ZOOM_MAX - 0.001 ? BTN_SECONDARY : BTN_DISABLED,
              A_ZOOM_IN, 0);
    x -= gap + bs;
    ui_button(u, (rect_t){x, by, bs, bs}, "−",
              zoomed ? BTN_SECONDARY : BTN_DISABLED, A_ZOOM_OUT, 0);
    char note[192];
    if (zoomed)
        snprintf(note, sizeof note, "%s", browse_tr(b, "unit.plan_note"));
    else
        snprintf(note, sizeof note, "%s · %s", browse_tr(b, "unit.plan_note"),
                 browse_tr(b, "unit.zoom_hint"));
    rect_t nr = {panel.x + pad, by, x - gap - panel.x - pad, bs};
    ui_label(u, nr, note, ui_s(u, 24), TEXT_REGULAR, ALIGN_LEFT, PAPER_INK);
}

/* ---- the facts ------------------------------------------------------------- */

/* A status chip of height h ending at right; returns its width.  The
 * status in it is what customers are told, or with a consultant signed in
 * the full status, with a hold's time left ticking in it. */
static int status_chip(browse_t *b, ui_t *u, int right, int y, int h,
                       const unit_t *un)
{
    char label[96], left[32];
    snprintf(label, sizeof label, "%s", browse_unit_status_label(b, un));
    if (browse_full_statuses(b) && browse_hold_counts_down(un)) {
        browse_fmt_hold_left(b, un, left, sizeof left);
        snprintf(label + strlen(label), sizeof label - strlen(label), " · %s",
                 left);
    }
    int px = ui_s(u, 28), tw = 0, th = 0;
    text_measure(ui_text_engine(u), label, px, TEXT_BOLD, &tw, &th);
    int w = tw + 2 * ui_s(u, 24);
    rect_t r = {right - w, y, w, h};
    ui_round_rect(u, r, h / 2, browse_unit_color(b, un));
    ui_label(u, r, label, px, TEXT_BOLD, ALIGN_CENTER, browse_unit_ink(b, un));
    return w;
}

/* A caption over a value. */
static void fact(ui_t *u, rect_t r, const char *caption, const char *value)
{
    int ch = ui_s(u, 34);
    ui_label(u, (rect_t){r.x, r.y, r.w, ch}, caption, ui_s(u, 24),
             TEXT_REGULAR, ALIGN_LEFT, THEME_MUTED);
    ui_label(u, (rect_t){r.x, r.y + ch, r.w, r.h - ch}, value, ui_s(u, 36),
             TEXT_BOLD, ALIGN_LEFT, THEME_TEXT);
}

/* Heights of the facts card's parts, in design pixels. */
enum {
    H_HEAD = 60, H_GRID_ROW = 84, H_GRID_GAP = 10, H_RULE_GAP = 20,
    H_PRICE_CAP = 40, H_PRICE = 78, H_PER_M2 = 38, H_PERMIT = 34,
    H_BTN = 84, H_BTN_GAP = 14, H_HINT = 40, H_PAD = 36,
};

/* The height the facts card needs (portrait gives the plan the rest). */
static int facts_height(const ui_t *u)
{
    return ui_s(u, 2 * H_PAD + H_HEAD + 16 + 3 * H_GRID_ROW + 2 * H_GRID_GAP +
                       2 * H_RULE_GAP + 2 + H_PRICE_CAP + H_PRICE + H_PER_M2 +
                       H_PERMIT + 24 + 2 * H_BTN + H_BTN_GAP + H_HINT);
}

static void draw_facts(browse_t *b, ui_t *u, rect_t r, const unit_t *un)
{
    const model_t *m = b->m;
    const unit_type_t *type = unit_type_of(b, un);
    int idx = (int)(un - m->units);
    customer_status_t cs = browse_customer_status(b, un);
    char v[6][96], tmp[64], tmp2[16], tmp3[16];

    ui_round_rect(u, r, ui_s(u, 20), CARD);
    rect_t in = ui_inset(r, ui_s(u, H_PAD));
    int y = in.y;

    /* The layout's name and the status. */
    int head = ui_s(u, H_HEAD);
    int cw = status_chip(b, u, in.x + in.w, y + ui_s(u, 4), head - ui_s(u, 8),
                         un);
    ui_label(u, (rect_t){in.x, y, in.w - cw - ui_s(u, 16), head},
             type ? ltext_get(&type->name, b->lang) : "", ui_s(u, 42),
             TEXT_BOLD, ALIGN_LEFT, THEME_TEXT);
    y += head + ui_s(u, 16);

    /* Six facts, two a row. */
    const char *caps[6] = {
        browse_tr(b, "unit.rooms_caption"), browse_tr(b, "unit.orientation"),
        browse_tr(b, "unit.area_built"), browse_tr(b, "unit.area_inner"),
        browse_tr(b, "unit.floor"), browse_tr(b, "unit.efficiency"),
    };
    if (type) {
        snprintf(tmp, sizeof tmp, "%d", type->bedrooms);
        snprintf(tmp2, sizeof tmp2, "%d", type->living_rooms);
        snprintf(tmp3, sizeof tmp3, "%d", type->bathrooms);
        const char *a[] = {tmp, tmp2, tmp3};
        browse_fmt(v[0], sizeof v[0], browse_tr(b, "unit.rooms"), a, 3);
    } else {
        snprintf(v[0], sizeof v[0], "—");
    }
    snprintf(v[1], sizeof v[1], "%s",
             browse_orientation_label(b, un->orientation));
    browse_fmt_area(un->area_built, v[2], sizeof v[2]);
    browse_fmt_area(un->area_inner, v[3], sizeof v[3]);
    browse_fmt_floor(b, un->floor, v[4], sizeof v[4]);
    if (un->area_built > 0) {
        /* 得房率: inner over built, to a tenth of a per cent. */
        long per_mille = (long)((int64_t)un->area_inner * 1000 / un->area_built);
        snprintf(v[5], sizeof v[5], "%ld.%ld%%", per_mille / 10, per_mille % 10);
    } else {
        snprintf(v[5], sizeof v[5], "—");
    }
    int gh = 3 * ui_s(u, H_GRID_ROW) + 2 * ui_s(u, H_GRID_GAP);
    rect_t grid = {in.x, y, in.w, gh};
    for (int i = 0; i < 6; i++)
        fact(u, ui_row(ui_col(grid, 3, i / 2, ui_s(u, H_GRID_GAP)), 2, i % 2,
                       ui_s(u, 24)),
             caps[i], v[i]);
    y += gh + ui_s(u, H_RULE_GAP);
    render_fill_rect(ui_render(u), (rect_t){in.x, y, in.w, ui_s(u, 2)}, RULE);
    y += ui_s(u, 2) + ui_s(u, H_RULE_GAP);

    /* The price, openly: total, per m², and the permit that goes with it. */
    const char *cap = browse_tr(b, "unit.price");
    int px = ui_s(u, 26), tw = 0, th = 0;
    text_measure(ui_text_engine(u), cap, px, TEXT_REGULAR, &tw, &th);
    int capw = imin(tw, in.w / 2);
    ui_label(u, (rect_t){in.x, y, capw, ui_s(u, H_PRICE_CAP)}, cap, px,
             TEXT_REGULAR, ALIGN_LEFT, THEME_MUTED);
    const char *badge = browse_tr(b, "unit.one_price");
    text_measure(ui_text_engine(u), badge, ui_s(u, 22), TEXT_BOLD, &tw, &th);
    rect_t br = {in.x + capw + ui_s(u, 14), y + ui_s(u, 4),
                 imin(tw + ui_s(u, 24), in.w - capw - ui_s(u, 14)),
                 ui_s(u, H_PRICE_CAP) - ui_s(u, 8)};
    ui_round_frame(u, br, br.h / 2, ui_s(u, 2), THEME_ACCENT);
    ui_label(u, br, badge, ui_s(u, 22), TEXT_BOLD, ALIGN_CENTER, THEME_ACCENT);
    y += ui_s(u, H_PRICE_CAP);
    browse_fmt_money(b, un->list_price, tmp, sizeof tmp);
    ui_label(u, (rect_t){in.x, y, in.w, ui_s(u, H_PRICE)}, tmp, ui_s(u, 64),
             TEXT_BOLD, ALIGN_LEFT, THEME_ACCENT);
    y += ui_s(u, H_PRICE);
    browse_fmt_money(b, un->unit_price, tmp, sizeof tmp);
    const char *a1[] = {tmp};
    browse_fmt(v[0], sizeof v[0], browse_tr(b, "unit.per_m2"), a1, 1);
    ui_label(u, (rect_t){in.x, y, in.w, ui_s(u, H_PER_M2)}, v[0], ui_s(u, 28),
             TEXT_REGULAR, ALIGN_LEFT, THEME_TEXT);
    y += ui_s(u, H_PER_M2);
    const char *permit = m->buildings[un->building].permit;
    if (!permit[0])
        permit = m->project.permits;
    if (permit[0]) {
        char line[256];
        const char *a2[] = {permit};
        browse_fmt(line, sizeof line, browse_tr(b, "unit.permit"), a2, 1);
        ui_label(u, (rect_t){in.x, y, in.w, ui_s(u, H_PERMIT)}, line,
                 ui_s(u, 24), TEXT_REGULAR, ALIGN_LEFT, THEME_MUTED);
    }

    /* What to do: at the bottom of the card, whatever its height. */
    int bh = ui_s(u, H_BTN), bg = ui_s(u, H_BTN_GAP);
    int hint_h = ui_s(u, H_HINT);
    int by = in.y + in.h - hint_h - 2 * bh - bg;
    int saved = browse_in_shortlist(b, un->id);
    rect_t first = {in.x, by, in.w, bh};
    char hold_line[320] = "";
    color_t hold_ink = THEME_MUTED;
    if (b->consultant[0] && b->o.outbox_add) {
        /* Consultant mode: hold or release beside the shortlist. */
        int mine = un->status == STATUS_HELD &&
                   strcmp(un->held_by, b->consultant) == 0 && un->hold_id[0];
        browse_request_t rq;
        int st = browse_hold_state(b, un, &rq);
        /* One request at a time: a second tap while the first is on its
         * way would be a second request. */
        int can = (un->status == STATUS_AVAILABLE || mine) &&
                  st != REQ_QUEUED && st != REQ_SENT;
        char minutes[16];
        snprintf(minutes, sizeof minutes, "%d",
                 b->o.hold_minutes > 0 ? b->o.hold_minutes : 30);
        ui_button(u, ui_row(first, 2, 1, bg),
                  mine ? browse_tr(b, "hold.release")
                       : browse_tr1(b, tmp, sizeof tmp, "hold.hold", minutes),
                  can ? BTN_SECONDARY : BTN_DISABLED, A_HOLD, mine);
        first = ui_row(first, 2, 0, bg);
        browse_fmt_request(b, rq.kind, st, rq.reason, un, hold_line,
                           sizeof hold_line);
        hold_ink = st == REQ_REFUSED     ? THEME_BAD
                   : st == REQ_CONFIRMED ? THEME_GOOD
                                         : THEME_WARN;
    }
    ui_button(u, first,
              browse_tr(b, saved ? "unit.shortlist_added" : "unit.shortlist_add"),
              saved ? BTN_CHIP_ON : BTN_PRIMARY, ACT_SHORTLIST, idx);
    int qr = b->o.handoff_url[0] != '\0';
    rect_t row = {in.x, by + bh + bg, in.w, bh};
    int n = qr ? 3 : 2;
    snprintf(tmp, sizeof tmp, "%d", b->n_shortlist);
    const char *a3[] = {tmp};
    browse_fmt(v[2], sizeof v[2], browse_tr(b, "unit.compare"), a3, 1);
    /* ACT_COMPARE's arg 1 tells this button from the top bar's. */
    ui_button(u, ui_row(row, n, 0, bg), v[2],
              b->n_shortlist >= 2 ? BTN_SECONDARY : BTN_DISABLED, ACT_COMPARE,
              1);
    ui_button(u, ui_row(row, n, 1, bg), browse_tr(b, "unit.mortgage"),
              cs == CUSTOMER_AVAILABLE ? BTN_SECONDARY : BTN_DISABLED,
              ACT_MORTGAGE_FOR, idx);
    if (qr)
        ui_button(u, ui_row(row, n, 2, bg), browse_tr(b, "unit.qr"),
                  BTN_SECONDARY, ACT_QR, idx);
    /* Greyed buttons keep an outline so the row still reads as buttons. */
    for (int i = 0; i < 2; i++)
        if (i == 0 ? b->n_shortlist < 2 : cs != CUSTOMER_AVAILABLE)
            ui_round_frame(u, ui_row(row, n, i, bg), imin(ui_s(u, 14), bh / 2),
                           imax(1, ui_s(u, 2)), RGB(0x27354F));
    const char *hint = NULL;
    char held[200];
    if (hold_line[0])
        hint = hold_line;
    else if (browse_full_statuses(b) && un->status == STATUS_HELD &&
             (browse_fmt_hold(b, un, held, sizeof held), held[0]))
        hint = held; /* who holds it, and for how long */
    else if (b->n_shortlist < 2)
        hint = browse_tr(b, "unit.compare_hint");
    else if (cs != CUSTOMER_AVAILABLE)
        hint = browse_tr(b, "unit.mortgage_hint");
    if (hint)
        ui_label(u, (rect_t){in.x, in.y + in.h - hint_h, in.w, hint_h}, hint,
                 ui_s(u, 24), hint == hold_line ? TEXT_BOLD : TEXT_REGULAR,
                 ALIGN_CENTER, hint == hold_line ? hold_ink : THEME_MUTED);
}

/* The banner's words and measures: a title, then a line that may wrap. */
typedef struct {
    char line[256];
    int pad, bar, bw, bh;  /* padding, status bar, button */
    int title_h, px, lh;   /* title height, the line's size and leading */
} gone_t;

static int gone_layout(browse_t *b, ui_t *u, const unit_t *un, int w,
                       gone_t *g)
{
    static const char *const why[] = {
        [CUSTOMER_AVAILABLE] = "unit.gone_unavailable",
        [CUSTOMER_RESERVED] = "unit.gone_reserved",
        [CUSTOMER_SOLD] = "unit.gone_sold",
        [CUSTOMER_UNAVAILABLE] = "unit.gone_unavailable",
    };
    customer_status_t cs = browse_customer_status(b, un);
    const char *a[] = {browse_tr(b, why[cs]),
                       browse_tr(b, browse_in_shortlist(b, un->id)
                                        ? "unit.gone_hint_saved"
                                        : "unit.gone_hint")};
    browse_fmt(g->line, sizeof g->line, browse_tr(b, "unit.gone_line"), a, 2);
    g->pad = ui_s(u, 28);
    g->bar = ui_s(u, 12);
    g->bw = ui_s(u, 260);
    g->bh = ui_s(u, 72);
    g->title_h = ui_s(u, 48);
    g->px = ui_s(u, 26);
    g->lh = ui_s(u, 36);
    int tw = w - g->bar - 3 * g->pad - g->bw;
    int ph = ui_paragraph_height(u, tw, g->line, g->px, g->lh);
    return imax(ui_s(u, 128), 2 * ui_s(u, 18) + g->title_h + ph);
}

/* The unit stopped being for sale while the customer looked at it: say so
 * plainly and calmly, and offer the way on.  Returns the height used. */
static int draw_gone(browse_t *b, ui_t *u, rect_t r, const unit_t *un)
{
    gone_t g;
    r.h = gone_layout(b, u, un, r.w, &g);
    color_t paper = RGB(0xF3E6C4);
    ui_round_rect(u, r, ui_s(u, 18), paper);
    ui_round_rect(u, (rect_t){r.x, r.y, g.bar * 2, r.h}, ui_s(u, 18),
                  browse_customer_status_color(browse_customer_status(b, un)));
    render_fill_rect(ui_render(u), (rect_t){r.x + g.bar, r.y, g.bar, r.h},
                     paper);
    rect_t btn = {r.x + r.w - g.pad - g.bw, r.y + (r.h - g.bh) / 2, g.bw, g.bh};
    ui_button(u, btn, browse_tr(b, "unit.see_others"), BTN_SECONDARY, ACT_GO,
              SCENE_UNITS);
    int tx = r.x + g.bar + g.pad, tw = btn.x - g.pad - tx;
    int ph = ui_paragraph_height(u, tw, g.line, g.px, g.lh);
    int y = r.y + (r.h - g.title_h - ph) / 2;
    ui_label(u, (rect_t){tx, y, tw, g.title_h}, browse_tr(b, "unit.gone_title"),
             ui_s(u, 34), TEXT_BOLD, ALIGN_LEFT, RGB(0x1B1405));
    ui_paragraph(u, (rect_t){tx, y + g.title_h, tw, ph}, g.line, g.px, g.lh,
                 TEXT_REGULAR, RGB(0x4A3A10));
    return r.h;
}

static void draw(browse_t *b, ui_t *u)
{
    const unit_t *un = browse_current_unit(b);
    char title[128] = "";
    if (un)
        browse_fmt_unit_name(b, un, title, sizeof title);
    rect_t c = browse_chrome(b, u, title);
    if (!un) {
        /* Gone from the project altogether (or no data). */
        rect_t msg = {c.x, c.y + c.h / 2 - ui_s(u, 120), c.w, ui_s(u, 80)};
        ui_label(u, msg, browse_tr(b, b->m ? "unit.not_found" : "common.no_data"),
                 ui_s(u, 40), TEXT_BOLD, ALIGN_CENTER, THEME_MUTED);
        if (b->m) {
            int bw = ui_s(u, 360);
            ui_button(u, (rect_t){c.x + (c.w - bw) / 2, msg.y + msg.h + ui_s(u, 40),
                                  bw, ui_s(u, 88)},
                      browse_tr(b, "unit.see_others"), BTN_PRIMARY, ACT_GO,
                      SCENE_UNITS);
        }
        return;
    }
    int pad = ui_s(u, 40), gap = ui_s(u, 32);
    rect_t in = {c.x + pad, c.y + pad, c.w - 2 * pad, c.h - 2 * pad};
    rect_t plan, facts;
    if (ui_portrait(u)) {
        if (b->unit_gone) {
            int gh = draw_gone(b, u, (rect_t){in.x, in.y, in.w, 0}, un);
            in.y += gh + gap;
            in.h -= gh + gap;
        }
        int fh = imin(facts_height(u), in.h * 60 / 100);
        facts = (rect_t){in.x, in.y + in.h - fh, in.w, fh};
        plan = (rect_t){in.x, in.y, in.w, in.h - fh - gap};
    } else {
        /* The plan takes 58 %, leaving the facts at least 720 (design)
         * so their buttons read in every language. */
        int lw = imin(in.w * 58 / 100, in.w - gap - ui_s(u, 720));
        plan = (rect_t){in.x, in.y, lw, in.h};
        facts = (rect_t){in.x + lw + gap, in.y, in.w - lw - gap, in.h};
        if (b->unit_gone) {
            /* Over the plan's column: the facts need their height. */
            int gh = draw_gone(b, u, (rect_t){plan.x, plan.y, plan.w, 0}, un);
            plan.y += gh + gap;
            plan.h -= gh + gap;
        }
    }
    draw_plan(b, u, plan);
    draw_facts(b, u, facts, un);
}

/* ---- input ------------------------------------------------------------------ */

static void enter(browse_t *b)
{
    b->plan_touch = 0;
}

static void action(browse_t *b, int act, int arg)
{
    rect_t box;
    int iw, ih;
    if (act == A_HOLD) {
        if (browse_request_hold(b, browse_current_unit(b), arg) != 0)
            fprintf(stderr, "kiosk: the hold could not be queued\n");
        return;
    }
    if (act == A_PLAN || !plan_geometry(b, &box, &iw, &ih))
        return; /* a tap on the plan itself does nothing */
    double mx = box.x + box.w / 2.0, my = box.y + box.h / 2.0;
    switch (act) {
    case A_ZOOM_IN:
        plan_zoom_at(b, box, iw, ih, b->plan_zoom * ZOOM_STEP, mx, my, -1, -1);
        break;
    case A_ZOOM_OUT:
        plan_zoom_at(b, box, iw, ih, b->plan_zoom / ZOOM_STEP, mx, my, -1, -1);
        break;
    case A_ZOOM_RESET:
        b->plan_zoom = 1.0;
        b->plan_cx = b->plan_cy = 0.5;
        break;
    default:
        break;
    }
}

/* Zooms by the pinch's scale, the plan point it started on under the
 * fingers' centre. */
static void pinch(browse_t *b, const gesture_event_t *g)
{
    rect_t box;
    int iw, ih;
    if (plan_geometry(b, &box, &iw, &ih))
        plan_zoom_at(b, box, iw, ih, b->pinch_zoom * g->scale, g->x, g->y,
                     b->pinch_px, b->pinch_py);
}

/* Double taps, pinches and drags on the plan move it; everything else
 * (taps on buttons, touches off the plan) is left to browse.c. */
static int gesture(browse_t *b, const gesture_event_t *g)
{
    rect_t box;
    int iw, ih;
    switch (g->type) {
    case GESTURE_DOUBLE_TAP:
        if (!on_plan(b, g->x, g->y) || !plan_geometry(b, &box, &iw, &ih))
            return 0;
        if (b->plan_zoom > 1.001) {
            b->plan_zoom = 1.0;
            b->plan_cx = b->plan_cy = 0.5;
        } else {
            plan_zoom_at(b, box, iw, ih, ZOOM_TAP, g->x, g->y, -1, -1);
        }
        return 1;
    case GESTURE_PINCH_START:
        b->plan_touch = 0;
        if (!on_plan(b, g->x, g->y) || !plan_geometry(b, &box, &iw, &ih))
            return 0;
        {
            /* Remember the zoom and the plan point between the fingers:
             * that point stays under them as they spread and move. */
            double k = plan_fit(box, iw, ih) * b->plan_zoom;
            b->pinch_zoom = b->plan_zoom;
            b->pinch_px = b->plan_cx + (g->x - (box.x + box.w / 2.0)) / (iw * k);
            b->pinch_py = b->plan_cy + (g->y - (box.y + box.h / 2.0)) / (ih * k);
            b->plan_touch = 2;
        }
        pinch(b, g); /* the fingers may have spread already */
        return 1;
    case GESTURE_PINCH:
    case GESTURE_PINCH_END:
        if (b->plan_touch != 2)
            return 0;
        pinch(b, g);
        if (g->type == GESTURE_PINCH_END)
            b->plan_touch = 0;
        return 1;
    case GESTURE_DRAG_START:
        b->plan_touch = b->plan_zoom > 1.001 && on_plan(b, g->x, g->y) ? 1 : 0;
        return b->plan_touch == 1;
    case GESTURE_DRAG:
    case GESTURE_INERTIA:
        if (b->plan_touch != 1)
            return 0;
        if (plan_geometry(b, &box, &iw, &ih)) {
            double k = plan_fit(box, iw, ih) * b->plan_zoom;
            b->plan_cx -= g->dx / (iw * k);
            b->plan_cy -= g->dy / (ih * k);
            plan_clamp(b, box, iw, ih);
        }
        if (g->type == GESTURE_INERTIA && g->last)
            b->plan_touch = 0;
        return 1;
    case GESTURE_DRAG_END:
    case GESTURE_SWIPE:
        /* Keep plan_touch: a fling's INERTIA frames follow. */
        return b->plan_touch == 1;
    default:
        return 0;
    }
}

/* With a consultant signed in: a held unit's countdown ticks, and a
 * request on its way is shown as it moves on. */
static int64_t update(browse_t *b, int64_t now_ms)
{
    const unit_t *un = browse_current_unit(b);
    browse_request_t rq;
    if (!un || !browse_full_statuses(b))
        return -1;
    int st = browse_hold_state(b, un, &rq);
    if (browse_hold_counts_down(un) || st == REQ_QUEUED || st == REQ_SENT)
        return browse_tick(b, now_ms);
    return -1;
}

const scene_ops_t scene_unit_ops = {
    .enter = enter, .draw = draw, .action = action, .gesture = gesture,
    .update = update};
