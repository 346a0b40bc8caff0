/* scene_units.c - find a home: towers, filters, a stacking plan, a list.
 *
 * The customer picks a tower (chips that say how many homes match in each,
 * so the matches can be found at a glance), sets filters with a finger
 * (bedrooms, total price, area, floor, facing, available only) and sees the
 * tower's stacking plan: top floor on top, one cell per home, coloured and
 * marked by what customers are told of its status, homes that do not match
 * dimmed.  The other view is a list of every matching home in the project,
 * sorted by price, area or floor, that a finger drags and flings.  A tap on
 * a cell or a row opens the home.
 *
 * Layout: landscape keeps the filters in a card on the left (about 30 %)
 * and the towers, the plan or list on the right, the view switch in the
 * top bar; portrait stacks filters, towers, then the plan or list.  Every
 * size is on the 1080 design grid (widget.h), so the same code serves
 * 1920x1080, 1080x1920, 1280x800 and 800x1280.
 *
 * With a consultant signed in (issue 5) the plan and the list show the
 * sales office's five statuses instead, in the wall board's colours and
 * marks, with who holds a held home and a countdown to its expiry, and a
 * badge says so; the filters mean the same in both modes.
 *
 * Not for: the home's detail (scene_unit.c) or the wall board.  The
 * session (tower, filters, view, sort, scroll) lives in struct browse;
 * this file keeps only the touch in progress, the scroll limits of the
 * frame the customer saw and the second the countdowns last showed.
 */
#include "scene_units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "units_filters.h"

#define CARD        RGB(0x15213A)
#define ROW_FILL    RGB(0x1A2843)

/* The touch in progress and the scroll limits of the last frame drawn
 * (what the finger saw).  Transient: not the customer's session, and there
 * is one browser per process. */
static struct {
    rect_t area;      /* what a drag scrolls: the list, or a tall plan */
    int max_scroll;   /* px */
    int dragging;     /* a drag that began inside area */
    int flinging;     /* that drag's inertia */
} touch;

/* ---- helpers ------------------------------------------------------------- */

static int text_w(ui_t *u, const char *s, int px, text_weight_t wt)
{
    int w = 0, h = 0;
    text_measure(ui_text_engine(u), s, px, wt, &w, &h);
    return w;
}

static color_t mix(color_t a, color_t b, int pct_a)
{
    return (color_t){(uint8_t)((a.r * pct_a + b.r * (100 - pct_a)) / 100),
                     (uint8_t)((a.g * pct_a + b.g * (100 - pct_a)) / 100),
                     (uint8_t)((a.b * pct_a + b.b * (100 - pct_a)) / 100), 255};
}

static color_t alpha(color_t c, uint8_t a)
{
    c.a = a;
    return c;
}

/* What a cell is coloured and marked by: the unit's full status when a
 * consultant is signed in, else what customers are told.  Keys index
 * the one or the other enum, as browse_full_statuses says. */
static int unit_key(const browse_t *b, const unit_t *un)
{
    if (!browse_full_statuses(b))
        return (int)browse_customer_status(b, un);
    return (int)un->status >= 0 && un->status < STATUS_COUNT ? (int)un->status
                                                             : STATUS_WITHHELD;
}

static int n_keys(const browse_t *b)
{
    return browse_full_statuses(b) ? STATUS_COUNT : CUSTOMER_UNAVAILABLE + 1;
}

static color_t key_fill(const browse_t *b, int k)
{
    return browse_full_statuses(b) ? theme_status_fill[k]
                                   : browse_customer_status_color(
                                         (customer_status_t)k);
}

/* Text on a status colour: dark on the light ones, white on the dark. */
static color_t key_ink(const browse_t *b, int k)
{
    if (browse_full_statuses(b))
        return theme_status_ink[k];
    return k == CUSTOMER_AVAILABLE || k == CUSTOMER_RESERVED ? THEME_INK_DARK
                                                             : RGB(0xFFFFFF);
}

static int key_available(const browse_t *b, int k)
{
    return browse_full_statuses(b) ? k == STATUS_AVAILABLE
                                   : k == CUSTOMER_AVAILABLE;
}

/* ---- layout -------------------------------------------------------------- */

typedef struct {
    rect_t panel;      /* the filters' card */
    rect_t picker;     /* tower chips */
    rect_t bar;        /* facts, legend or sort (and the view switch in
                          portrait) */
    rect_t view;       /* the plan or the list */
    rect_t legend;     /* portrait: under the plan; else inside bar */
    int label_left, compact;
    units_picker_t pk;
} layout_t;

static void layout(browse_t *b, ui_t *u, rect_t c, const units_choices_t *ch,
                   layout_t *l)
{
    int pad = ui_s(u, 24), gap = ui_s(u, 20), inner = ui_s(u, 28);
    memset(l, 0, sizeof *l);
    if (ui_portrait(u)) {
        rect_t p = {c.x + pad, c.y + pad, c.w - 2 * pad, 0};
        rect_t in = ui_inset((rect_t){p.x, p.y, p.w, c.h}, inner);
        l->label_left = 1;
        int h = units_filters_draw(b, u, in, ch, 1, 0, 0);
        if (h > c.h * 40 / 100) {
            l->compact = 1;
            h = units_filters_draw(b, u, in, ch, 1, 1, 0);
        }
        p.h = h + 2 * inner;
        l->panel = p;
        units_picker_layout(b, u, p.w, 3, 3, &l->pk);
        l->picker = (rect_t){p.x, p.y + p.h + gap, p.w,
                             units_picker_height(&l->pk)};
        l->bar = (rect_t){p.x, l->picker.y + l->picker.h + gap, p.w,
                          ui_s(u, 72)};
        int leg_h = b->view == VIEW_PLAN ? ui_s(u, 48) : 0;
        int vy = l->bar.y + l->bar.h + ui_s(u, 14);
        int below = leg_h ? leg_h + ui_s(u, 10) : 0;
        l->view = (rect_t){p.x, vy, p.w, c.y + c.h - pad - vy - below};
        if (leg_h)
            l->legend = (rect_t){p.x, l->view.y + l->view.h + ui_s(u, 10), p.w,
                                 leg_h};
    } else {
        int pw = imax(ui_s(u, 500), imin(c.w * 33 / 100, ui_s(u, 640)));
        l->panel = (rect_t){c.x + pad, c.y + pad, pw, c.h - 2 * pad};
        rect_t in = ui_inset(l->panel, inner);
        /* Names above the chips read best; beside them, or smaller chips,
         * when the panel would not hold them. */
        static const int modes[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        for (int i = 0; i < 4; i++) {
            l->label_left = modes[i][0];
            l->compact = modes[i][1];
            if (units_filters_draw(b, u, in, ch, l->label_left, l->compact,
                                   0) <= in.h)
                break;
        }
        int rx = l->panel.x + pw + gap;
        rect_t r = {rx, c.y + pad, c.x + c.w - pad - rx, c.h - 2 * pad};
        units_picker_layout(b, u, r.w, 2, 3, &l->pk);
        l->picker = (rect_t){r.x, r.y, r.w, units_picker_height(&l->pk)};
        l->bar = (rect_t){r.x, l->picker.y + l->picker.h + ui_s(u, 14), r.w,
                          ui_s(u, 56)};
        int vy = l->bar.y + l->bar.h + ui_s(u, 10);
        l->view = (rect_t){r.x, vy, r.w, r.y + r.h - vy};
        l->legend = l->bar;
    }
}

/* ---- the bar: view switch, facts, legend, sort --------------------------- */

static int toggle_width(browse_t *b, ui_t *u)
{
    int px = ui_s(u, 30);
    int w = imax(text_w(u, browse_tr(b, "units.view_plan"), px, TEXT_BOLD),
                 text_w(u, browse_tr(b, "units.view_list"), px, TEXT_BOLD));
    return 2 * imax(w + 2 * ui_s(u, 26), ui_s(u, 130)) + ui_s(u, 8);
}

static void draw_toggle(browse_t *b, ui_t *u, rect_t r)
{
    rect_t p = ui_row(r, 2, 0, ui_s(u, 8)), l = ui_row(r, 2, 1, ui_s(u, 8));
    ui_button(u, p, browse_tr(b, "units.view_plan"),
              b->view == VIEW_PLAN ? BTN_CHIP_ON : BTN_CHIP, UNITS_A_VIEW,
              VIEW_PLAN);
    ui_button(u, l, browse_tr(b, "units.view_list"),
              b->view == VIEW_LIST ? BTN_CHIP_ON : BTN_CHIP, UNITS_A_VIEW,
              VIEW_LIST);
}

/* Where the top bar's consultant badge ends (browse_chrome draws it),
 * or 0 when there is none. */
static int badge_end(const ui_t *u)
{
    rect_t r;
    return ui_find(u, ACT_GO, SCENE_DESK, &r) ? r.x + r.w : 0;
}

/* Places the view switch in the top bar, between the title (and the
 * consultant's badge, which ends at badge_end) and the language buttons,
 * when there is room; returns 0 when there is none. */
static int toggle_in_top_bar(browse_t *b, ui_t *u, int badge_end)
{
    rect_t s = ui_screen(u), h, l, cmp;
    /* The top bar's own buttons say where it has room, and how tall its
     * buttons are. */
    if (!ui_find(u, ACT_HOME, 0, &h) || !ui_find(u, ACT_LANG, 0, &l))
        return 0;
    int left = h.x + h.w + ui_s(u, 24) +
               text_w(u, browse_tr(b, "units.title"), ui_s(u, 40), TEXT_BOLD) +
               ui_s(u, 32);
    left = imax(left, badge_end + ui_s(u, 32));
    int right = l.x;
    if (b->n_shortlist > 0 && ui_find(u, ACT_COMPARE, 0, &cmp))
        right = imin(right, cmp.x);
    right -= ui_s(u, 32);
    int w = toggle_width(b, u);
    if (right - left < w)
        return 0;
    int x = imax(left, imin((s.w - w) / 2, right - w));
    draw_toggle(b, u, (rect_t){x, l.y, w, l.h});
    return 1;
}

/* Marks that tell the statuses apart without colour (DESIGN.md §3), the
 * wall board's: for customers one corner reserved, two corners sold, bars
 * top and bottom not released; for consultants a frame held, one corner
 * subscribed, two signed, bars withheld; available is plain.  One draw
 * call for up to MARKS_MAX cells. */
#define MARKS_MAX 128

typedef enum { MARK_NONE, MARK_FRAME, MARK_CORNER, MARK_CORNERS, MARK_BARS }
    mark_t;

static mark_t key_mark(const browse_t *b, int k)
{
    if (browse_full_statuses(b))
        return k == STATUS_HELD         ? MARK_FRAME
               : k == STATUS_SUBSCRIBED ? MARK_CORNER
               : k == STATUS_SIGNED     ? MARK_CORNERS
               : k == STATUS_WITHHELD   ? MARK_BARS
                                        : MARK_NONE;
    return k == CUSTOMER_RESERVED ? MARK_CORNER
           : k == CUSTOMER_SOLD   ? MARK_CORNERS
           : k == CUSTOMER_UNAVAILABLE ? MARK_BARS
                                       : MARK_NONE;
}

static void status_marks(ui_t *u, mark_t s, const rect_t *cells, int n,
                         color_t ink)
{
    point_t tri[MARKS_MAX * 6];
    rect_t bars[MARKS_MAX * 4];
    int nt = 0, nb = 0;
    n = imin(n, MARKS_MAX);
    for (int i = 0; i < n; i++) {
        rect_t c = cells[i];
        int q = imax(3, imin(c.w, c.h) * 2 / 5), t = imax(2, c.h / 7);
        if (s == MARK_FRAME) { /* as thin as the board's: 1/14 of a side */
            int f = imax(2, imin(c.w, c.h) / 14);
            bars[nb++] = (rect_t){c.x, c.y, c.w, f};
            bars[nb++] = (rect_t){c.x, c.y + c.h - f, c.w, f};
            bars[nb++] = (rect_t){c.x, c.y + f, f, c.h - 2 * f};
            bars[nb++] = (rect_t){c.x + c.w - f, c.y + f, f, c.h - 2 * f};
        }
        if (s == MARK_CORNER || s == MARK_CORNERS) {
            point_t *p = &tri[3 * nt++];
            p[0] = (point_t){c.x + c.w - q, c.y};
            p[1] = (point_t){c.x + c.w, c.y};
            p[2] = (point_t){c.x + c.w, c.y + q};
        }
        if (s == MARK_CORNERS) {
            point_t *p = &tri[3 * nt++];
            p[0] = (point_t){c.x, c.y + c.h - q};
            p[1] = (point_t){c.x + q, c.y + c.h};
            p[2] = (point_t){c.x, c.y + c.h};
        }
        if (s == MARK_BARS) {
            bars[nb++] = (rect_t){c.x, c.y, c.w, t};
            bars[nb++] = (rect_t){c.x, c.y + c.h - t, c.w, t};
        }
    }
    if (nt)
        render_triangles(ui_render(u), tri, nt, ink);
    if (nb)
        render_fill_rects(ui_render(u), bars, nb, ink);
}

typedef struct {
    color_t fill, ink;
    mark_t mark;
    int dim;
    const char *label;
} legend_item_t;

static int legend_items(browse_t *b, legend_item_t *it)
{
    int n = 0, unavailable = 0;
    if (browse_full_statuses(b)) {
        /* The sales office's five, always: a consultant learns them once. */
        for (int s = 0; s < STATUS_COUNT; s++)
            it[n++] = (legend_item_t){theme_status_fill[s],
                                      theme_status_ink[s], key_mark(b, s), 0,
                                      browse_tr(b, theme_status_key[s])};
        if (units_filter_active(b))
            it[n++] = (legend_item_t){
                mix(theme_status_fill[STATUS_AVAILABLE], THEME_BG, 22),
                theme_status_ink[STATUS_AVAILABLE], MARK_NONE, 1,
                browse_tr(b, "units.legend_filtered")};
        return n;
    }
    for (int i = 0; i < b->m->n_units && !unavailable; i++)
        unavailable = b->m->units[i].building == b->building &&
                      browse_customer_status(b, &b->m->units[i]) ==
                          CUSTOMER_UNAVAILABLE;
    for (int s = CUSTOMER_AVAILABLE; s <= CUSTOMER_UNAVAILABLE; s++) {
        if (s == CUSTOMER_UNAVAILABLE && !unavailable)
            continue;
        it[n++] = (legend_item_t){browse_customer_status_color(s),
                                  key_ink(b, s), key_mark(b, s), 0,
                                  browse_customer_status_label(b, s)};
    }
    if (units_filter_active(b))
        it[n++] = (legend_item_t){mix(browse_customer_status_color(
                                          CUSTOMER_AVAILABLE), THEME_BG, 22),
                                  key_ink(b, CUSTOMER_AVAILABLE), MARK_NONE, 1,
                                  browse_tr(b, "units.legend_filtered")};
    return n;
}

/* The legend, right-aligned in r (or centred when centre is set), a
 * little smaller when it must; returns its width, or draws nothing and
 * returns 0 when even that does not fit. */
static int draw_legend(browse_t *b, ui_t *u, rect_t r, int centre)
{
    legend_item_t it[STATUS_COUNT + 1];
    int n = legend_items(b, it);
    int sw = ui_s(u, 36), sh = ui_s(u, 26), sp = ui_s(u, 10);
    int gap = ui_s(u, 28), px = ui_s(u, 24), total = 0;
    for (int tries = 0; tries < 3; tries++) {
        total = 0;
        for (int i = 0; i < n; i++)
            total += sw + sp + text_w(u, it[i].label, px, TEXT_REGULAR) +
                     (i ? gap : 0);
        if (total <= r.w)
            break;
        px = ui_s(u, tries ? 19 : 21);
        gap = ui_s(u, tries ? 14 : 18);
        sw = ui_s(u, tries ? 30 : 36);
        sp = ui_s(u, tries ? 8 : 10);
    }
    if (total > r.w)
        return 0;
    int x = centre ? r.x + (r.w - total) / 2 : r.x + r.w - total;
    for (int i = 0; i < n; i++) {
        rect_t sample = {x, r.y + (r.h - sh) / 2, sw, sh};
        render_fill_rect(ui_render(u), sample, it[i].fill);
        status_marks(u, it[i].mark, &sample, 1,
                     alpha(it[i].ink, it[i].dim ? 60 : 130));
        x += sw + sp;
        int tw = text_w(u, it[i].label, px, TEXT_REGULAR);
        ui_label(u, (rect_t){x, r.y, tw + 2, r.h}, it[i].label, px,
                 TEXT_REGULAR, ALIGN_LEFT, THEME_MUTED);
        x += tw + gap;
    }
    return total;
}

/* Sort chips, right-aligned in r; returns the width used. */
static int draw_sort(browse_t *b, ui_t *u, rect_t r)
{
    static const char *const keys[] = {"units.sort_price", "units.sort_area",
                                       "units.sort_floor"};
    int ch = imin(r.h, ui_s(u, 58)), px = imin(ui_s(u, 30), ch * 45 / 100);
    int gap = ui_s(u, 10), w[3], total = 0;
    char s[3][64];
    for (int k = 0; k < 3; k++) {
        if ((int)b->sort == k)
            snprintf(s[k], sizeof s[k], "%s %s", browse_tr(b, keys[k]),
                     b->sort_desc ? "↓" : "↑");
        else
            snprintf(s[k], sizeof s[k], "%s", browse_tr(b, keys[k]));
        w[k] = imax(text_w(u, s[k], px, TEXT_BOLD) + 2 * ui_s(u, 22),
                    ui_s(u, 110));
        total += w[k] + gap;
    }
    const char *lab = browse_tr(b, "units.sort");
    int lw = text_w(u, lab, ui_s(u, 24), TEXT_REGULAR) + ui_s(u, 12);
    total += lw - gap;
    int x = r.x + imax(0, r.w - total);
    ui_label(u, (rect_t){x, r.y, lw, r.h}, lab, ui_s(u, 24), TEXT_REGULAR,
             ALIGN_LEFT, THEME_MUTED);
    x += lw;
    for (int k = 0; k < 3; k++) {
        ui_button(u, (rect_t){x, r.y + (r.h - ch) / 2, w[k], ch}, s[k],
                  (int)b->sort == k ? BTN_CHIP_ON : BTN_CHIP, UNITS_A_SORT, k);
        x += w[k] + gap;
    }
    return total;
}

static void draw_bar(browse_t *b, ui_t *u, const layout_t *l, int toggled)
{
    rect_t r = l->bar;
    int x = r.x;
    if (!toggled) {
        int tw = toggle_width(b, u), th = imin(r.h, ui_s(u, 64));
        draw_toggle(b, u, (rect_t){x, r.y + (r.h - th) / 2, tw, th});
        x += tw + ui_s(u, 24);
    }
    int right = r.x + r.w;
    if (b->view == VIEW_LIST) {
        right -= draw_sort(b, u, (rect_t){x, r.y, right - x, r.h});
    } else if (l->legend.y == l->bar.y) {
        int w = draw_legend(b, u, (rect_t){x, r.y, right - x, r.h}, 0);
        right -= w;
    }
    right -= ui_s(u, 24);
    if (right - x < ui_s(u, 140))
        return;
    char facts[160];
    if (b->view == VIEW_LIST) {
        snprintf(facts, sizeof facts, "%s", browse_tr(b, "units.all_towers"));
    } else {
        const building_t *bd = &b->m->buildings[b->building];
        char fl[16], upf[16];
        snprintf(fl, sizeof fl, "%d", bd->floors);
        snprintf(upf, sizeof upf, "%d", bd->units_per_floor);
        const char *args[] = {ltext_get(&bd->name, b->lang), fl, upf};
        browse_fmt(facts, sizeof facts, browse_tr(b, "units.facts"), args, 3);
    }
    ui_label(u, (rect_t){x, r.y, right - x, r.h}, facts, ui_s(u, 30),
             TEXT_BOLD, ALIGN_LEFT, THEME_TEXT);
}

/* ---- the stacking plan --------------------------------------------------- */

typedef struct {
    int first, end;        /* the tower's units: [first, end) */
    int floors, upf;
    rect_t grid;           /* where the cells go (clipped there) */
    int x0;                /* left of the first column */
    int row_h, col_w, head_h, label_w;
    int content_h, max_scroll;
} plan_t;

static void plan_geometry(const browse_t *b, ui_t *u, rect_t v, plan_t *p)
{
    const model_t *m = b->m;
    const building_t *bd = &m->buildings[b->building];
    memset(p, 0, sizeof *p);
    p->first = 0;
    while (p->first < m->n_units && m->units[p->first].building != b->building)
        p->first++;
    p->end = p->first;
    p->floors = bd->floors;
    p->upf = bd->units_per_floor;
    while (p->end < m->n_units && m->units[p->end].building == b->building) {
        p->floors = imax(p->floors, m->units[p->end].floor);
        p->upf = imax(p->upf, m->units[p->end].stack);
        p->end++;
    }
    p->floors = imax(p->floors, 1);
    p->upf = imax(p->upf, 1);
    int pad = ui_s(u, 14);
    p->head_h = ui_s(u, 32);
    p->label_w = ui_s(u, 60);
    p->grid = (rect_t){v.x + pad + p->label_w, v.y + pad + p->head_h,
                       v.w - 2 * pad - p->label_w, v.h - 2 * pad - p->head_h};
    /* Cells shrink with the floors down to a minimum; taller towers scroll. */
    p->row_h = imax(imax(ui_s(u, 20), 18),
                    imin(p->grid.h / p->floors, ui_s(u, 64)));
    p->col_w = imin(p->grid.w / p->upf, ui_s(u, 300));
    p->x0 = p->grid.x + (p->grid.w - p->col_w * p->upf) / 2;
    p->content_h = p->row_h * p->floors;
    p->max_scroll = imax(0, p->content_h - p->grid.h);
}

/* The cell of unit i (its slot less the gaps) at scroll. */
static rect_t plan_cell(const plan_t *p, const unit_t *un, int scroll,
                        rect_t *slot)
{
    int gx = imax(2, p->col_w / 40), gy = imax(2, p->row_h / 9);
    rect_t s = {p->x0 + (un->stack - 1) * p->col_w,
                p->grid.y + (p->floors - un->floor) * p->row_h - scroll,
                p->col_w, p->row_h};
    if (slot)
        *slot = s;
    return (rect_t){s.x + gx / 2, s.y + gy / 2, s.w - gx, s.h - gy};
}

static rect_t clip_rect(rect_t a, rect_t b)
{
    int x0 = imax(a.x, b.x), y0 = imax(a.y, b.y);
    int x1 = imin(a.x + a.w, b.x + b.w), y1 = imin(a.y + a.h, b.y + b.h);
    return (rect_t){x0, y0, imax(0, x1 - x0), imax(0, y1 - y0)};
}

/* Cells batched by (status, dimmed): a few draw calls however many. */
static void plan_fills(browse_t *b, ui_t *u, const plan_t *p,
                       const unit_filter_t *f, int scroll)
{
    const model_t *m = b->m;
    rect_t rc[MARKS_MAX];
    for (int s = 0; s < n_keys(b); s++) {
        for (int dim = 0; dim < 2; dim++) {
            color_t full = key_fill(b, s);
            color_t fill = dim ? mix(full, THEME_BG, 22) : full;
            color_t ink = alpha(key_ink(b, s), dim ? 50 : 130);
            int n = 0;
            for (int i = p->first; i <= p->end; i++) {
                if ((i == p->end || n == MARKS_MAX) && n > 0) {
                    render_fill_rects(ui_render(u), rc, n, fill);
                    status_marks(u, key_mark(b, s), rc, n, ink);
                    n = 0;
                }
                if (i == p->end)
                    break;
                const unit_t *un = &m->units[i];
                if (unit_key(b, un) != s || filter_match(m, f, un) == dim)
                    continue;
                rect_t c = plan_cell(p, un, scroll, NULL);
                if (c.y + c.h >= p->grid.y && c.y <= p->grid.y + p->grid.h)
                    rc[n++] = c;
            }
        }
    }
}

/* Numbers (and prices, where a cell is wide enough), shortlist dots and
 * the targets a finger taps. */
static void plan_texts(browse_t *b, ui_t *u, const plan_t *p,
                       const unit_filter_t *f, int scroll)
{
    const model_t *m = b->m;
    text_t *te = ui_text_engine(u);
    int px = imin(ui_s(u, 26), (p->row_h - imax(2, p->row_h / 9)) * 64 / 100);
    int show_text = px >= 9;
    int ppx = px * 88 / 100, pad = ui_s(u, 10);
    for (int i = p->first; i < p->end; i++) {
        const unit_t *un = &m->units[i];
        rect_t slot, c = plan_cell(p, un, scroll, &slot);
        if (c.y + c.h < p->grid.y || c.y > p->grid.y + p->grid.h)
            continue;
        int s = unit_key(b, un);
        int match = filter_match(m, f, un);
        color_t ink = match ? key_ink(b, s) : alpha(THEME_MUTED, 150);
        rect_t t = {c.x + pad, c.y, c.w - 2 * pad, c.h};
        if (browse_in_shortlist(b, un->id)) {
            /* On the customer's shortlist: a gold dot before the number. */
            int d = imax(6, imin(c.h * 2 / 5, ui_s(u, 14)));
            rect_t dot = {c.x + ui_s(u, 6), c.y + (c.h - d) / 2, d, d};
            ui_round_rect(u, dot, d / 2, THEME_ACCENT);
            t.x = dot.x + d + ui_s(u, 6);
            t.w = c.x + c.w - pad - t.x;
        }
        if (show_text && t.w > 0) {
            char price[32];
            int nw = text_w(u, un->number, px, TEXT_BOLD);
            int priced = 0;
            if (key_available(b, s) && un->list_price > 0) {
                browse_fmt_wan(b, un->list_price, price, sizeof price);
                priced = nw + text_w(u, price, ppx, TEXT_REGULAR) +
                         ui_s(u, 14) <= t.w;
            } else if (browse_full_statuses(b) &&
                       browse_hold_counts_down(un)) {
                /* A held home's time left, where the cell has room. */
                browse_fmt_hold_left(b, un, price, sizeof price);
                priced = nw + text_w(u, price, ppx, TEXT_REGULAR) +
                         ui_s(u, 14) <= t.w;
            }
            if (priced) {
                text_draw_in(te, un->number, px, TEXT_BOLD, t, ALIGN_LEFT, ink);
                text_draw_in(te, price, ppx, TEXT_REGULAR, t, ALIGN_RIGHT, ink);
            } else {
                /* The number alone, centred (beside the dot if there is
                 * one), or nothing when even that would be cut. */
                rect_t ct = t.x > c.x + pad ? t : c;
                if (nw <= ct.w - 4)
                    text_draw_in(te, un->number, px, TEXT_BOLD, ct,
                                 ALIGN_CENTER, ink);
            }
        }
        ui_hit(u, clip_rect(slot, p->grid), ACT_OPEN_UNIT, i);
    }
}

static void draw_plan(browse_t *b, ui_t *u, rect_t v)
{
    const model_t *m = b->m;
    plan_t p;
    plan_geometry(b, u, v, &p);
    ui_round_rect(u, v, ui_s(u, 18), CARD);
    ui_hit(u, v, UNITS_A_SURFACE, 0);
    if (p.first == p.end) {
        ui_label(u, v, browse_tr(b, "units.no_units"), ui_s(u, 32),
                 TEXT_REGULAR, ALIGN_CENTER, THEME_MUTED);
        touch.area = (rect_t){0, 0, 0, 0};
        touch.max_scroll = 0;
        return;
    }
    b->list_scroll = imax(0, imin(b->list_scroll, p.max_scroll));
    int scroll = b->list_scroll;
    touch.area = p.max_scroll > 0 ? v : (rect_t){0, 0, 0, 0};
    touch.max_scroll = p.max_scroll;

    /* Column heads: the stack number and which way it faces. */
    for (int s = 1; s <= p.upf; s++) {
        char head[64], num[16];
        const char *facing = "";
        for (int i = p.first; i < p.end; i++)
            if (m->units[i].stack == s) {
                facing = browse_orientation_label(b, m->units[i].orientation);
                break;
            }
        snprintf(num, sizeof num, "%02d", s);
        rect_t hr = {p.x0 + (s - 1) * p.col_w, p.grid.y - p.head_h, p.col_w,
                     p.head_h};
        int hpx = ui_s(u, 22);
        snprintf(head, sizeof head, "%s · %s", num, facing);
        if (!facing[0] || text_w(u, head, hpx, TEXT_REGULAR) > hr.w - 4)
            snprintf(head, sizeof head, "%s", num);
        ui_label(u, hr, head, hpx, TEXT_REGULAR, ALIGN_CENTER, THEME_MUTED);
    }

    unit_filter_t f = b->filter;
    f.building = -1;
    render_clip(ui_render(u), &p.grid);
    plan_fills(b, u, &p, &f, scroll);
    plan_texts(b, u, &p, &f, scroll);
    render_clip(ui_render(u), NULL);

    /* Floor numbers down the left, every floor when there is room. */
    rect_t lc = {p.grid.x - p.label_w, p.grid.y, p.label_w - ui_s(u, 10),
                 p.grid.h};
    render_clip(ui_render(u), &(rect_t){lc.x, lc.y, lc.w + 2, lc.h});
    int lpx = imin(ui_s(u, 22), p.row_h * 62 / 100);
    int step = lpx >= 10 ? 1 : 5;
    lpx = imax(lpx, 10);
    for (int fl = p.floors; fl >= 1; fl--) {
        if (fl % step != 0 && fl != p.floors && fl != 1)
            continue;
        char num[16];
        snprintf(num, sizeof num, "%d", fl);
        rect_t r = {lc.x, p.grid.y + (p.floors - fl) * p.row_h - scroll, lc.w,
                    p.row_h};
        if (r.y + r.h < lc.y || r.y > lc.y + lc.h)
            continue;
        ui_label(u, r, num, lpx, TEXT_REGULAR, ALIGN_RIGHT, THEME_MUTED);
    }
    render_clip(ui_render(u), NULL);

    if (p.max_scroll > 0) {
        /* A tall tower: the thumb says where in it the customer is. */
        int th = imax(ui_s(u, 40), p.grid.h * p.grid.h / p.content_h);
        int ty = p.grid.y + (p.grid.h - th) * scroll / p.max_scroll;
        ui_round_rect(u, (rect_t){v.x + v.w - ui_s(u, 12), ty, ui_s(u, 6), th},
                      ui_s(u, 3), RGB(0x4A5B7B));
    }
}

/* ---- the list ------------------------------------------------------------ */

static void draw_status_chip(browse_t *b, ui_t *u, rect_t r,
                             const unit_t *un)
{
    /* The word itself is the cue that needs no colour. */
    ui_round_rect(u, r, r.h / 2, browse_unit_color(b, un));
    ui_label(u, ui_inset(r, ui_s(u, 6)), browse_unit_status_label(b, un),
             ui_s(u, 24), TEXT_BOLD, ALIGN_CENTER, browse_unit_ink(b, un));
}

static void draw_row(browse_t *b, ui_t *u, rect_t r, int idx)
{
    const model_t *m = b->m;
    const unit_t *un = &m->units[idx];
    const unit_type_t *ty = &m->unit_types[un->unit_type];
    int avail = key_available(b, unit_key(b, un));
    char name[128], price[48], per[64], money[48], area[32], floor[32],
        line2[160], hold[160];
    ui_round_rect(u, r, ui_s(u, 14), ROW_FILL);
    /* A stripe of the status colour down the left edge. */
    render_fill_rect(ui_render(u), (rect_t){r.x, r.y + ui_s(u, 14), ui_s(u, 6),
                                            r.h - 2 * ui_s(u, 14)},
                     browse_unit_color(b, un));
    rect_t in = {r.x + ui_s(u, 28), r.y + ui_s(u, 12), r.w - ui_s(u, 52),
                 r.h - 2 * ui_s(u, 12)};
    int chip_w = ui_s(u, 150), price_w = ui_s(u, 250), gap = ui_s(u, 24);
    if (in.w < ui_s(u, 760)) {
        chip_w = ui_s(u, 130);
        price_w = ui_s(u, 210);
    }
    rect_t chip = {in.x + in.w - chip_w, in.y + (in.h - ui_s(u, 48)) / 2,
                   chip_w, ui_s(u, 48)};
    draw_status_chip(b, u, chip, un);
    rect_t pr = {chip.x - gap - price_w, in.y, price_w, in.h};
    int half = in.h * 55 / 100;
    browse_fmt_wan(b, un->list_price, price, sizeof price);
    browse_fmt_money(b, un->unit_price, money, sizeof money);
    browse_tr1(b, per, sizeof per, "units.per_m2", money);
    /* Gold for what can be bought; the others' prices stay quiet. */
    ui_label(u, (rect_t){pr.x, pr.y, pr.w, half}, price, ui_s(u, 36),
             TEXT_BOLD, ALIGN_RIGHT,
             avail ? THEME_ACCENT : RGB(0xB7C2D4));
    ui_label(u, (rect_t){pr.x, pr.y + half, pr.w, in.h - half}, per,
             ui_s(u, 22), TEXT_REGULAR, ALIGN_RIGHT, THEME_MUTED);

    rect_t lb = {in.x, in.y, pr.x - gap - in.x, in.h};
    browse_fmt_unit_name(b, un, name, sizeof name);
    int npx = ui_s(u, 32);
    int nw = imin(text_w(u, name, npx, TEXT_BOLD), lb.w);
    ui_label(u, (rect_t){lb.x, lb.y, nw + 2, half}, name, npx, TEXT_BOLD,
             ALIGN_LEFT, THEME_TEXT);
    int tx = lb.x + nw + ui_s(u, 18);
    if (lb.x + lb.w - tx > ui_s(u, 80))
        ui_label(u, (rect_t){tx, lb.y, lb.x + lb.w - tx, half},
                 ltext_get(&ty->name, b->lang), ui_s(u, 24), TEXT_REGULAR,
                 ALIGN_LEFT, RGB(0xC9D3E3));
    browse_fmt_area(un->area_built, area, sizeof area);
    browse_fmt_floor(b, un->floor, floor, sizeof floor);
    snprintf(line2, sizeof line2, "%s  ·  %s  ·  %s", area, floor,
             browse_orientation_label(b, un->orientation));
    hold[0] = '\0';
    if (browse_full_statuses(b))
        browse_fmt_hold(b, un, hold, sizeof hold);
    int l2px = ui_s(u, 24);
    int l2w = hold[0] ? imin(text_w(u, line2, l2px, TEXT_REGULAR), lb.w) : lb.w;
    ui_label(u, (rect_t){lb.x, lb.y + half, l2w + 2, in.h - half}, line2,
             l2px, TEXT_REGULAR, ALIGN_LEFT, THEME_MUTED);
    if (hold[0]) {
        /* Who holds it and for how long, in the held colour after the
         * facts (or in their place when the row is narrow). */
        int hx = lb.x + l2w + ui_s(u, 24);
        if (lb.x + lb.w - hx < text_w(u, hold, l2px, TEXT_BOLD) * 3 / 4) {
            render_fill_rect(ui_render(u),
                             (rect_t){lb.x, lb.y + half, lb.w, in.h - half},
                             ROW_FILL);
            hx = lb.x;
        }
        ui_label(u, (rect_t){hx, lb.y + half, lb.x + lb.w - hx, in.h - half},
                 hold, l2px, TEXT_BOLD, ALIGN_LEFT,
                 theme_status_fill[STATUS_HELD]);
    }
}

static void draw_list(browse_t *b, ui_t *u, rect_t v)
{
    browse_refresh_list(b);
    ui_hit(u, v, UNITS_A_SURFACE, 0);
    if (b->n_list == 0) {
        ui_round_rect(u, v, ui_s(u, 18), CARD);
        rect_t t = {v.x, v.y + v.h / 2 - ui_s(u, 90), v.w, ui_s(u, 60)};
        ui_label(u, t, browse_tr(b, "units.list_empty"), ui_s(u, 36), TEXT_BOLD,
                 ALIGN_CENTER, THEME_TEXT);
        ui_label(u, (rect_t){v.x, t.y + t.h, v.w, ui_s(u, 50)},
                 browse_tr(b, "units.list_empty_hint"), ui_s(u, 28),
                 TEXT_REGULAR, ALIGN_CENTER, THEME_MUTED);
        int bw = ui_s(u, 260);
        ui_button(u, (rect_t){v.x + (v.w - bw) / 2, t.y + t.h + ui_s(u, 80), bw,
                              ui_s(u, 72)},
                  browse_tr(b, "units.clear"), BTN_PRIMARY, UNITS_A_CLEAR, 0);
        touch.area = (rect_t){0, 0, 0, 0};
        touch.max_scroll = 0;
        return;
    }
    int row_h = ui_s(u, 112), gap = ui_s(u, 10), pitch = row_h + gap;
    int bar_w = ui_s(u, 18);
    int content = b->n_list * pitch - gap;
    int max_scroll = imax(0, content - v.h);
    b->list_scroll = imax(0, imin(b->list_scroll, max_scroll));
    touch.area = v;
    touch.max_scroll = max_scroll;
    int scroll = b->list_scroll;
    rect_t rows = {v.x, v.y, v.w - (max_scroll > 0 ? bar_w : 0), v.h};
    render_clip(ui_render(u), &v);
    for (int k = scroll / pitch; k < b->n_list; k++) {
        rect_t r = {rows.x, v.y + k * pitch - scroll, rows.w, row_h};
        if (r.y >= v.y + v.h)
            break;
        draw_row(b, u, r, b->list[k]);
        ui_hit(u, clip_rect(r, v), ACT_OPEN_UNIT, b->list[k]);
    }
    render_clip(ui_render(u), NULL);
    if (max_scroll > 0) {
        int th = imax(ui_s(u, 48), v.h * v.h / content);
        int ty = v.y + (int)((int64_t)(v.h - th) * scroll / max_scroll);
        ui_round_rect(u, (rect_t){v.x + v.w - ui_s(u, 8), v.y, ui_s(u, 6), v.h},
                      ui_s(u, 3), RGB(0x1D2A42));
        ui_round_rect(u, (rect_t){v.x + v.w - ui_s(u, 8), ty, ui_s(u, 6), th},
                      ui_s(u, 3), RGB(0x6B7C9B));
    }
}

/* ---- the scene ----------------------------------------------------------- */

static void draw(browse_t *b, ui_t *u)
{
    rect_t c = browse_chrome(b, u, browse_tr(b, "units.title"));
    if (!b->m || b->m->n_buildings == 0) {
        ui_label(u, c, browse_tr(b, "common.no_data"), ui_s(u, 40), TEXT_BOLD,
                 ALIGN_CENTER, THEME_MUTED);
        return;
    }
    if (b->building < 0 || b->building >= b->m->n_buildings)
        b->building = 0;
    units_choices_t ch;
    layout_t l;
    units_choices_make(b, &ch);
    layout(b, u, c, &ch, &l);
    int toggled = !ui_portrait(u) && toggle_in_top_bar(b, u, badge_end(u));

    ui_round_rect(u, l.panel, ui_s(u, 20), CARD);
    rect_t in = ui_inset(l.panel, ui_s(u, 28));
    if (!ui_portrait(u))
        render_clip(ui_render(u), &l.panel);
    units_filters_draw(b, u, in, &ch, l.label_left, l.compact, 1);
    render_clip(ui_render(u), NULL);

    units_picker_draw(b, u, l.picker, &l.pk);
    if (b->view == VIEW_LIST) {
        draw_list(b, u, l.view);
    } else {
        draw_plan(b, u, l.view);
        if (l.legend.y != l.bar.y)
            draw_legend(b, u, l.legend, 1);
    }
    draw_bar(b, u, &l, toggled);
}

static void action(browse_t *b, int act, int arg)
{
    if (!b->m || units_filters_tap(b, act, arg))
        return;
    switch (act) {
    case UNITS_A_VIEW:
        if (arg == VIEW_PLAN || arg == VIEW_LIST) {
            b->view = (units_view_t)arg;
            b->list_scroll = 0;
        }
        break;
    case UNITS_A_SORT:
        if (arg >= SORT_PRICE && arg <= SORT_FLOOR) {
            if ((int)b->sort == arg) {
                b->sort_desc = !b->sort_desc;
            } else {
                b->sort = (sort_key_t)arg;
                b->sort_desc = 0;
            }
            b->list_valid = 0;
            b->list_scroll = 0;
        }
        break;
    default: /* the surface: a tap between cells or rows does nothing */
        break;
    }
}

/* Moves the list (or a tall plan) by dy px, within its ends; 1 when it
 * moved. */
static int scroll_by(browse_t *b, int dy)
{
    int to = imax(0, imin(b->list_scroll + dy, touch.max_scroll));
    if (to == b->list_scroll)
        return 0;
    b->list_scroll = to;
    return 1;
}

static int gesture(browse_t *b, const gesture_event_t *g)
{
    rect_t a = touch.area;
    switch (g->type) {
    case GESTURE_DRAG_START:
        touch.dragging = a.w > 0 && g->x >= a.x && g->x < a.x + a.w &&
                         g->y >= a.y && g->y < a.y + a.h;
        touch.flinging = 0;
        return 0;
    case GESTURE_DRAG:
        return touch.dragging ? scroll_by(b, -g->dy) : 0;
    case GESTURE_DRAG_END:
        touch.flinging = touch.dragging;
        touch.dragging = 0;
        return 0;
    case GESTURE_INERTIA: {
        if (!touch.flinging)
            return 0;
        int moved = scroll_by(b, -g->dy);
        /* At an end, or the fling is over: the rest of it does nothing. */
        if (g->last || (!moved && g->dy != 0))
            touch.flinging = 0;
        return moved;
    }
    default:
        return 0; /* swipes, pinches, long presses: nothing here */
    }
}

/* Whether a held home's countdown is on screen: the plan's tower, or the
 * list's homes. */
static int countdown_shown(browse_t *b)
{
    if (b->view == VIEW_LIST) {
        browse_refresh_list(b);
        for (int k = 0; k < b->n_list; k++)
            if (browse_hold_counts_down(&b->m->units[b->list[k]]))
                return 1;
        return 0;
    }
    for (int i = 0; i < b->m->n_units; i++)
        if (b->m->units[i].building == b->building &&
            browse_hold_counts_down(&b->m->units[i]))
            return 1;
    return 0;
}

/* Countdowns tick: a frame on each new second while one is on screen,
 * and sleep otherwise. */
static int64_t update(browse_t *b, int64_t now_ms)
{
    if (!b->m || !browse_full_statuses(b) || !countdown_shown(b))
        return -1;
    return browse_tick(b, now_ms);
}

static void enter(browse_t *b)
{
    memset(&touch, 0, sizeof touch);
    if (b->m && (b->building < 0 || b->building >= b->m->n_buildings))
        b->building = 0;
}

const scene_ops_t scene_units_ops = {
    .enter = enter, .draw = draw, .action = action, .gesture = gesture,
    .update = update};
