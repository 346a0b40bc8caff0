/* scene_board.c - see scene_board.h.
 *
 * Two layers keep what was drawn: the body (blocks, cells, footer) and the
 * header's fixed part (project name, permits).  A frame copies both and draws
 * the few things that tick (clock, date, freshness) from the text cache, so a
 * steady frame is a handful of draw calls and renders no glyphs.
 */
#include "scene_board.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "theme.h"

enum {
    DIRTY_LAYOUT = 1 << 0, /* sizes, pages or language changed */
    DIRTY_BODY = 1 << 1,   /* the body layer must be redrawn */
    DIRTY_HEAD = 1 << 2,   /* the header layer must be redrawn */
    DIRTY_FRAME = 1 << 3,  /* something on screen changed */
    DIRTY_CELLS = 1 << 4,  /* some cells, titles and the footer changed */
};

#define MAX_FLASH 512
#define MAX_BANNERS 16

typedef struct {
    int unit;
    int64_t until_ms;
} flash_t;

typedef struct {
    int unit;
    unit_status_t status;
} banner_t;

struct board {
    board_opts_t o;
    const model_t *m;
    board_layout_t layout;
    render_layer_t *body, *head;
    int layer_w, layer_h;
    unsigned dirty;
    int page;
    int64_t page_started_ms;
    int64_t now_ms;
    int64_t shown_minute;      /* wall minute the clock shows */
    int64_t shown_day;         /* local midnight the "today" counts start at */
    int shown_fresh;           /* freshness level on screen */
    int *bstart;               /* units of building i: [bstart[i], bstart[i+1]) */
    char (*widest)[MODEL_NUMBER_MAX];
    char (*widest_short)[MODEL_NUMBER_MAX];
    const char **widest_p, **widest_short_p;
    char floor_sample[8];      /* "88", or "888" with 100+ floors */
    int *idx;                  /* units on the page being drawn */
    rect_t *cells;             /* ... and their cells */
    rect_t *batch;             /* cells of one status */
    rect_t *scratch;           /* their marks: up to 4 rectangles a cell */
    point_t *tri;              /* ... or up to 2 triangles a cell */
    unsigned char *stale;      /* per unit: its cell must be redrawn */
    unsigned char *stale_b;    /* per building: its title must be redrawn */
    flash_t flash[MAX_FLASH];  /* outlined cells and until when */
    int n_flash;
    banner_t banners[MAX_BANNERS]; /* queued 喜報, the first one showing */
    int n_banners;
    int64_t banner_until;      /* when the showing banner goes; 0 = not yet */
    int cells_drawn;           /* by the last draw, for tests */
};

static const char *tr(const board_t *b, const char *key)
{
    return i18n_get(b->o.i18n, b->o.lang, key);
}

static color_t with_alpha(color_t c, uint8_t a)
{
    c.a = a;
    return c;
}

/* "1,986" */
static void fmt_count(char *out, size_t size, long long n)
{
    char raw[32];
    int len = snprintf(raw, sizeof raw, "%lld", n < 0 ? -n : n), o = 0;
    if (n < 0 && size > 1)
        out[o++] = '-';
    for (int i = 0; i < len && (size_t)o + 2 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = raw[i];
    }
    out[o] = '\0';
}

/* basis points to "45.2%" */
static void fmt_pct(char *out, size_t size, int bp)
{
    int tenths = (bp + 5) / 10;
    snprintf(out, size, "%d.%d%%", tenths / 10, tenths % 10);
}

int board_freshness_level(int64_t age_s, int amber_s, int red_s)
{
    if (age_s >= red_s)
        return 2;
    if (age_s >= amber_s)
        return 1;
    return 0;
}

board_t *board_create(const board_opts_t *o, diag_t *d)
{
    board_t *b = calloc(1, sizeof *b);
    if (!b) {
        diag_set(d, "out of memory");
        return NULL;
    }
    b->o = *o;
    if (b->o.page_seconds < 1)
        b->o.page_seconds = 15;
    if (b->o.min_label_px < 6)
        b->o.min_label_px = 12;
    b->dirty = DIRTY_LAYOUT | DIRTY_BODY | DIRTY_HEAD | DIRTY_FRAME;
    b->shown_minute = -1;
    b->shown_fresh = -1;
    b->page_started_ms = -1;
    return b;
}

static void free_model_data(board_t *b)
{
    free(b->bstart);
    free(b->widest);
    free(b->widest_short);
    free(b->widest_p);
    free(b->widest_short_p);
    free(b->idx);
    free(b->cells);
    free(b->batch);
    free(b->scratch);
    free(b->tri);
    free(b->stale);
    free(b->stale_b);
    b->stale = b->stale_b = NULL;
    b->n_flash = b->n_banners = 0;
    b->banner_until = 0;
    b->bstart = b->idx = NULL;
    b->widest = b->widest_short = NULL;
    b->widest_p = b->widest_short_p = NULL;
    b->cells = b->batch = b->scratch = NULL;
    b->tri = NULL;
}

void board_destroy(board_t *b)
{
    if (!b)
        return;
    free_model_data(b);
    board_layout_free(&b->layout);
    render_layer_destroy(b->body);
    render_layer_destroy(b->head);
    free(b);
}

/* Per building: where its units are, and its widest numbers (by summed
 * character advances, measured once per character). */
static int index_model(board_t *b)
{
    const model_t *m = b->m;
    int nb = m->n_buildings;
    int adv[128] = {0};

    free_model_data(b);
    b->bstart = calloc((size_t)nb + 1, sizeof *b->bstart);
    b->widest = calloc((size_t)imax(nb, 1), sizeof *b->widest);
    b->widest_short = calloc((size_t)imax(nb, 1), sizeof *b->widest_short);
    b->widest_p = calloc((size_t)imax(nb, 1), sizeof *b->widest_p);
    b->widest_short_p = calloc((size_t)imax(nb, 1), sizeof *b->widest_short_p);
    size_t nu = (size_t)imax(m->n_units, 1);
    b->idx = calloc(nu, sizeof *b->idx);
    b->cells = calloc(nu, sizeof *b->cells);
    b->batch = calloc(nu, sizeof *b->batch);
    b->scratch = calloc(nu * 4, sizeof *b->scratch);
    b->tri = calloc(nu * 6, sizeof *b->tri);
    b->stale = calloc(nu, 1);
    b->stale_b = calloc((size_t)imax(nb, 1), 1);
    if (!b->bstart || !b->widest || !b->widest_short || !b->widest_p ||
        !b->widest_short_p || !b->idx || !b->cells || !b->batch ||
        !b->scratch || !b->tri || !b->stale || !b->stale_b)
        return -1;

    for (int c = '0'; c <= 'z'; c++) {
        char s[2] = {(char)c, 0};
        int w, h;
        if (text_measure(b->o.text, s, 100, TEXT_REGULAR, &w, &h) == 0)
            adv[c] = w;
    }
    int *best = calloc((size_t)imax(nb, 1) * 2, sizeof *best);
    if (!best)
        return -1;
    int k = 0;
    for (int i = 0; i < nb; i++) {
        b->bstart[i] = k;
        for (; k < m->n_units && m->units[k].building == i; k++) {
            const unit_t *u = &m->units[k];
            char shrt[MODEL_NUMBER_MAX];
            int w = 0, ws = 0;
            snprintf(shrt, sizeof shrt, "%02d", u->stack);
            for (const char *p = u->number; *p; p++)
                w += (unsigned char)*p < 128 ? adv[(unsigned char)*p] : 100;
            for (const char *p = shrt; *p; p++)
                ws += (unsigned char)*p < 128 ? adv[(unsigned char)*p] : 100;
            if (w > best[2 * i]) {
                best[2 * i] = w;
                snprintf(b->widest[i], sizeof b->widest[i], "%s", u->number);
            }
            if (ws > best[2 * i + 1]) {
                best[2 * i + 1] = ws;
                snprintf(b->widest_short[i], sizeof b->widest_short[i], "%s",
                         shrt);
            }
        }
        b->widest_p[i] = b->widest[i];
        b->widest_short_p[i] = b->widest_short[i];
    }
    b->bstart[nb] = k;
    free(best);
    int max_floors = 1, digits = 1;
    for (int i = 0; i < nb; i++)
        max_floors = imax(max_floors, m->buildings[i].floors);
    for (int f = max_floors; f >= 10; f /= 10)
        digits++;
    memset(b->floor_sample, '8', (size_t)digits);
    b->floor_sample[digits] = '\0';
    return 0;
}

int board_set_model(board_t *b, const model_t *m, diag_t *d)
{
    b->m = m;
    b->page = 0;
    b->page_started_ms = -1; /* the page clock starts at the next update */
    b->dirty |= DIRTY_LAYOUT | DIRTY_BODY | DIRTY_HEAD | DIRTY_FRAME;
    if (m && index_model(b) != 0) {
        b->m = NULL; /* "no data" is still a screen, a crash is not */
        free_model_data(b);
        diag_set(d, "board: out of memory for %d units", m->n_units);
        return -1;
    }
    return 0;
}

void board_invalidate(board_t *b)
{
    /* Layers are made anew: after a device reset the old ones are gone. */
    render_layer_destroy(b->body);
    render_layer_destroy(b->head);
    b->body = b->head = NULL;
    b->dirty |= DIRTY_LAYOUT | DIRTY_BODY | DIRTY_HEAD | DIRTY_FRAME;
}

void board_expose(board_t *b)
{
    b->dirty |= DIRTY_FRAME;
}

static int measure_cb(void *ctx, const char *s, int px, int bold, int *w,
                      int *h)
{
    return text_measure(ctx, s, px, bold ? TEXT_BOLD : TEXT_REGULAR, w, h);
}

/* ---- counts ----------------------------------------------------------- */

static void status_item(const board_t *b, unit_status_t s, int count,
                        char *out, size_t size)
{
    char n[32];
    fmt_count(n, sizeof n, count);
    snprintf(out, size, "%s %s", tr(b, theme_status_key[s]), n);
}

static void totals_text(const board_t *b, const model_counts_t *c, char *out,
                        size_t size)
{
    char total[32], pct[16], today[100], sub[16], sig[16], line[64];
    const char *args[2];
    fmt_count(total, sizeof total, c->total);
    fmt_pct(pct, sizeof pct, model_sold_bp(c));
    args[0] = total;
    i18n_format(line, sizeof line, tr(b, "board.total"), args, 1);
    char sold[48];
    args[0] = pct;
    i18n_format(sold, sizeof sold, tr(b, "board.sold_pct"), args, 1);
    fmt_count(sub, sizeof sub, c->subscribed_today);
    fmt_count(sig, sizeof sig, c->signed_today);
    args[0] = sub;
    args[1] = sig;
    i18n_format(today, sizeof today, tr(b, "board.today"), args, 2);
    snprintf(out, size, "%s  ·  %s  ·  %s", line, sold, today);
}

/* ---- layout ------------------------------------------------------------ */

static int legend_width(board_t *b, const model_counts_t *c, int px)
{
    int total = 0;
    for (int s = 0; s < STATUS_COUNT; s++) {
        char item[96];
        int w, h;
        status_item(b, (unit_status_t)s, c->by_status[s], item, sizeof item);
        text_measure(b->o.text, item, px, TEXT_REGULAR, &w, &h);
        total += px + px / 2 + w + px * 3 / 2; /* swatch, gap, text, space */
    }
    return total;
}

static int relayout(board_t *b, int w, int h)
{
    const model_t *m = b->m;
    int nb = m ? m->n_buildings : 0, rc = -1;
    int *floors = calloc((size_t)imax(nb, 1), sizeof *floors);
    int *upf = calloc((size_t)imax(nb, 1), sizeof *upf);

    if (!floors || !upf)
        goto out;
    for (int i = 0; i < nb; i++) {
        floors[i] = m->buildings[i].floors;
        upf[i] = m->buildings[i].units_per_floor;
    }
    board_layout_in_t in = {
        .w = w, .h = h, .n_buildings = m && m->n_units > 0 ? nb : 0,
        .floors = floors, .upf = upf, .widest_label = b->widest_p,
        .widest_short_label = b->widest_short_p,
        .floor_sample = b->floor_sample, .min_label_px = b->o.min_label_px,
        .footer_lines = 1, .measure = measure_cb, .measure_ctx = b->o.text,
    };
    if (board_layout_compute(&b->layout, &in) != 0)
        goto out;
    if (m) {
        /* Legend and totals on one line if they fit, else two. */
        model_counts_t c;
        char totals[256];
        int tw, th;
        model_count(m, -1, 0, &c);
        totals_text(b, &c, totals, sizeof totals);
        text_measure(b->o.text, totals, b->layout.footer_px, TEXT_REGULAR, &tw,
                     &th);
        if (legend_width(b, &c, b->layout.footer_px) + tw +
                4 * b->layout.margin > w) {
            in.footer_lines = 2;
            if (board_layout_compute(&b->layout, &in) != 0)
                goto out;
        }
    }
    if (b->page >= b->layout.n_pages)
        b->page = 0;
    rc = 0;
out:
    free(floors);
    free(upf);
    return rc;
}

/* ---- cells --------------------------------------------------------------- */

static void cell_label(const board_t *b, const unit_t *u, char *out,
                       size_t size)
{
    if (board_layout_page_of(&b->layout, u->building)->short_labels)
        snprintf(out, size, "%02d", u->stack);
    else
        snprintf(out, size, "%s", u->number);
}

/* Mark sizes, shared by drawing and the probe. */
static int outline_w(rect_t c) { return imax(1, imin(c.w, c.h) / 14); }
static int corner_k(rect_t c) { return imax(3, imin(c.w, c.h) * 2 / 5); }
static int bar_h(rect_t c) { return imax(2, c.h / 7); }

/* Draws the status marks of k cells of status s (DESIGN.md §3: colour is
 * never the only signal) in one or two draw calls.  rects must hold 4k
 * rectangles and tri 6k points. */
static void draw_marks(render_t *r, unit_status_t s, const rect_t *cells,
                       int k, rect_t *rects, point_t *tri)
{
    color_t ink = theme_status_ink[s];
    int n = 0;
    switch (s) {
    case STATUS_HELD: /* a frame inside the cell */
        for (int i = 0; i < k; i++) {
            rect_t c = cells[i];
            int t = outline_w(c);
            rects[n++] = (rect_t){c.x, c.y, c.w, t};
            rects[n++] = (rect_t){c.x, c.y + c.h - t, c.w, t};
            rects[n++] = (rect_t){c.x, c.y + t, t, c.h - 2 * t};
            rects[n++] = (rect_t){c.x + c.w - t, c.y + t, t, c.h - 2 * t};
        }
        render_fill_rects(r, rects, n, with_alpha(ink, 150));
        break;
    case STATUS_SUBSCRIBED: /* one corner */
    case STATUS_SIGNED:     /* two corners */
        for (int i = 0; i < k; i++) {
            rect_t c = cells[i];
            int q = corner_k(c);
            point_t *p = &tri[3 * n++];
            p[0] = (point_t){c.x + c.w - q, c.y};
            p[1] = (point_t){c.x + c.w, c.y};
            p[2] = (point_t){c.x + c.w, c.y + q};
            if (s == STATUS_SIGNED) {
                p = &tri[3 * n++];
                p[0] = (point_t){c.x, c.y + c.h - q};
                p[1] = (point_t){c.x + q, c.y + c.h};
                p[2] = (point_t){c.x, c.y + c.h};
            }
        }
        render_triangles(r, tri, n, with_alpha(ink, 120));
        break;
    case STATUS_WITHHELD: /* bars top and bottom */
        for (int i = 0; i < k; i++) {
            rect_t c = cells[i];
            int t = bar_h(c);
            rects[n++] = (rect_t){c.x, c.y, c.w, t};
            rects[n++] = (rect_t){c.x, c.y + c.h - t, c.w, t};
        }
        render_fill_rects(r, rects, n, with_alpha(ink, 120));
        break;
    default:
        break;
    }
}

/* Draws the cells of units idx[0..n): fills and marks batched by status (a
 * few draw calls however many cells), then one number each from the text
 * cache. */
static void draw_cells(board_t *b, const int *idx, int n, const rect_t *cells)
{
    const model_t *m = b->m;
    for (int s = 0; s < STATUS_COUNT; s++) {
        int k = 0;
        for (int i = 0; i < n; i++)
            if (m->units[idx[i]].status == (unit_status_t)s)
                b->batch[k++] = cells[i];
        if (k == 0)
            continue;
        render_fill_rects(b->o.render, b->batch, k, theme_status_fill[s]);
        draw_marks(b->o.render, (unit_status_t)s, b->batch, k, b->scratch,
                   b->tri);
    }
    for (int i = 0; i < n; i++) {
        const unit_t *u = &m->units[idx[i]];
        int px = board_layout_page_of(&b->layout, u->building)->label_px;
        char label[MODEL_NUMBER_MAX];
        if (px <= 0)
            continue;
        cell_label(b, u, label, sizeof label);
        text_draw_in(b->o.text, label, px, TEXT_REGULAR, cells[i],
                     ALIGN_CENTER, theme_status_ink[u->status]);
    }
}

/* ---- the body layer ------------------------------------------------------ */

static void draw_block_title(board_t *b, const board_block_t *bl)
{
    const model_t *m = b->m;
    const building_t *bd = &m->buildings[bl->building];
    model_counts_t c;
    char pct[16], sold[64], avail[96], n1[16], n2[16];
    const char *args[2];
    rect_t t = bl->title;
    int line = t.h / 2;

    model_count(m, bl->building, 0, &c);
    fmt_pct(pct, sizeof pct, model_sold_bp(&c));
    args[0] = pct;
    i18n_format(sold, sizeof sold, tr(b, "board.sold_pct"), args, 1);
    fmt_count(n1, sizeof n1, c.by_status[STATUS_AVAILABLE]);
    fmt_count(n2, sizeof n2, c.total);
    args[0] = n1;
    args[1] = n2;
    i18n_format(avail, sizeof avail, tr(b, "board.available_of"), args, 2);

    const char *name = ltext_get(&bd->name, b->o.lang);
    int px = b->layout.title_px * 13 / 10, nw, nh, sw, sh;
    rect_t l1 = {t.x, t.y, t.w, line};
    rect_t l2 = {t.x, t.y + line, t.w, t.h - line - 2};
    text_measure(b->o.text, name, px, TEXT_BOLD, &nw, &nh);
    text_measure(b->o.text, sold, px, TEXT_BOLD, &sw, &sh);
    if (nw + sw + px <= t.w) {
        /* Name left, % sold right; the available count below. */
        text_draw_in(b->o.text, name, px, TEXT_BOLD, l1, ALIGN_LEFT, THEME_TEXT);
        text_draw_in(b->o.text, sold, px, TEXT_BOLD, l1, ALIGN_RIGHT,
                     THEME_ACCENT);
        int px2 = text_fit_px(b->o.text, avail, 8, b->layout.title_px,
                              TEXT_REGULAR, t.w);
        text_draw_in(b->o.text, avail, px2, TEXT_REGULAR, l2, ALIGN_LEFT,
                     THEME_MUTED);
    } else {
        /* A narrow tower: name above, % sold below, each as large as fits. */
        int p1 = text_fit_px(b->o.text, name, 8, px, TEXT_BOLD, t.w);
        int p2 = text_fit_px(b->o.text, sold, 8, px, TEXT_BOLD, t.w);
        text_draw_in(b->o.text, name, p1, TEXT_BOLD, l1, ALIGN_LEFT, THEME_TEXT);
        text_draw_in(b->o.text, sold, p2, TEXT_BOLD, l2, ALIGN_LEFT,
                     THEME_ACCENT);
    }
}

static void draw_floor_labels(board_t *b, const board_block_t *bl)
{
    const board_page_t *pg = &b->layout.pages[bl->page];
    char s[16];
    for (int f = 1; f <= bl->n_floors; f += pg->floor_step) {
        snprintf(s, sizeof s, "%d", f);
        text_draw_in(b->o.text, s, pg->floor_px, TEXT_REGULAR,
                     board_layout_floor_label(&b->layout, bl->building, f),
                     ALIGN_RIGHT, THEME_MUTED);
    }
}

/* The legend's sample of a status: a small cell with the board's marks. */
static void draw_swatch(board_t *b, rect_t c, unit_status_t s)
{
    rect_t rects[4];
    point_t tri[6];
    render_fill_rect(b->o.render, c, theme_status_fill[s]);
    draw_marks(b->o.render, s, &c, 1, rects, tri);
}

static void draw_footer(board_t *b)
{
    const board_layout_t *l = &b->layout;
    model_counts_t c;
    char totals[256], items[STATUS_COUNT][96];
    int two = l->footer_lines > 1;
    int line_h = (l->footer.h - l->margin) / l->footer_lines;
    rect_t row1 = {l->margin, l->footer.y, l->w - 2 * l->margin, line_h};
    rect_t row2 = two ? (rect_t){row1.x, row1.y + line_h, row1.w, line_h} : row1;

    render_fill_rect(b->o.render, l->footer, THEME_PANEL);
    model_count(b->m, -1, b->shown_day, &c);
    totals_text(b, &c, totals, sizeof totals);
    if (l->n_pages > 1) {
        char p1[12], p2[12], pg[64];
        const char *args[2] = {p1, p2};
        snprintf(p1, sizeof p1, "%d", b->page + 1);
        snprintf(p2, sizeof p2, "%d", l->n_pages);
        i18n_format(pg, sizeof pg, tr(b, "board.page"), args, 2);
        size_t len = strlen(totals);
        snprintf(totals + len, sizeof totals - len, "  ·  %s", pg);
    }

    /* The legend at the footer's size, or smaller until it fits its row. */
    int px = l->footer_px, room = row1.w;
    if (!two) {
        int tw, th;
        text_measure(b->o.text, totals, px, TEXT_REGULAR, &tw, &th);
        room -= tw + 2 * l->margin;
    }
    while (px > 8 && legend_width(b, &c, px) > room)
        px--;
    int x = row1.x;
    for (int s = 0; s < STATUS_COUNT; s++) {
        int iw, ih;
        status_item(b, (unit_status_t)s, c.by_status[s], items[s],
                    sizeof items[s]);
        draw_swatch(b, (rect_t){x, row1.y + (row1.h - px) / 2, px * 3 / 2, px},
                    (unit_status_t)s);
        x += px * 3 / 2 + px / 2;
        text_measure(b->o.text, items[s], px, TEXT_REGULAR, &iw, &ih);
        text_draw_in(b->o.text, items[s], px, TEXT_REGULAR,
                     (rect_t){x, row1.y, row1.x + row1.w - x, row1.h},
                     ALIGN_LEFT, THEME_TEXT);
        x += iw + px * 3 / 2;
    }
    rect_t tbox = two ? row2 : (rect_t){x, row1.y, row1.x + row1.w - x, row1.h};
    int fit = text_fit_px(b->o.text, totals, 8, l->footer_px, TEXT_REGULAR,
                          tbox.w);
    text_draw_in(b->o.text, totals, fit, TEXT_REGULAR, tbox,
                 two ? ALIGN_LEFT : ALIGN_RIGHT, THEME_TEXT);
}

static int flashing(const board_t *b, int unit)
{
    for (int i = 0; i < b->n_flash; i++)
        if (b->flash[i].unit == unit)
            return 1;
    return 0;
}

/* The outline of a changed cell: thicker than the held frame, in white,
 * so it reads on every status colour. */
static int flash_w(rect_t c) { return outline_w(c) + imax(1, imin(c.w, c.h) / 12); }

static void draw_flashes(board_t *b, const int *idx, int n, const rect_t *cells)
{
    for (int i = 0; i < n; i++)
        if (flashing(b, idx[i]))
            render_outline(b->o.render, cells[i], RGB(0xFFFFFF),
                           flash_w(cells[i]));
}

/* Redraws the stale cells of the current page, their buildings' titles and
 * the footer, into the body layer: the rest of the layer stays. */
static void draw_changes(board_t *b)
{
    const board_layout_t *l = &b->layout;
    const model_t *m = b->m;
    int n = 0;
    render_target(b->o.render, b->body);
    for (int k = 0; k < m->n_units; k++) {
        if (!b->stale[k])
            continue;
        b->stale[k] = 0;
        const unit_t *u = &m->units[k];
        if (l->blocks[u->building].page != b->page)
            continue;
        b->idx[n] = k;
        b->cells[n++] = board_layout_cell(l, u->building, u->floor, u->stack);
    }
    draw_cells(b, b->idx, n, b->cells);
    draw_flashes(b, b->idx, n, b->cells);
    b->cells_drawn = n;
    for (int bi = 0; bi < l->n_blocks; bi++) {
        if (!b->stale_b[bi])
            continue;
        b->stale_b[bi] = 0;
        if (l->blocks[bi].page != b->page)
            continue;
        render_fill_rect(b->o.render, l->blocks[bi].title, THEME_BG);
        draw_block_title(b, &l->blocks[bi]);
    }
    draw_footer(b);
}

static void draw_body(board_t *b)
{
    const board_layout_t *l = &b->layout;
    const model_t *m = b->m;
    int n = 0;

    render_target(b->o.render, b->body);
    render_clear(b->o.render, THEME_BG);
    if (!m || l->n_blocks == 0) {
        const char *msg = tr(b, "board.no_data");
        text_draw_in(b->o.text, msg, imax(14, l->header_px), TEXT_REGULAR,
                     l->body, ALIGN_CENTER, THEME_MUTED);
        return;
    }
    for (int bi = 0; bi < l->n_blocks; bi++) {
        const board_block_t *bl = &l->blocks[bi];
        if (bl->page != b->page)
            continue;
        draw_block_title(b, bl);
        draw_floor_labels(b, bl);
        for (int k = b->bstart[bi]; k < b->bstart[bi + 1]; k++) {
            const unit_t *u = &m->units[k];
            b->idx[n] = k;
            b->cells[n++] = board_layout_cell(l, bi, u->floor, u->stack);
        }
    }
    draw_cells(b, b->idx, n, b->cells);
    draw_flashes(b, b->idx, n, b->cells);
    b->cells_drawn = n;
    if (b->stale) {
        memset(b->stale, 0, (size_t)m->n_units);
        memset(b->stale_b, 0, (size_t)m->n_buildings);
    }
    draw_footer(b);
}

/* ---- the header ------------------------------------------------------------ */

/* Width kept free on the right for the clock and freshness stamp. */
static int header_right_w(const board_t *b)
{
    return imax(b->layout.w / 3, b->layout.header_px * 10);
}

static void draw_head(board_t *b)
{
    const board_layout_t *l = &b->layout;
    rect_t h = l->header;
    int pad = imax(8, l->margin * 2);

    render_target(b->o.render, b->head);
    render_clear(b->o.render, THEME_PANEL);
    render_fill_rect(b->o.render, (rect_t){0, h.h - 2, h.w, 2},
                     with_alpha(THEME_ACCENT, 160));
    if (!b->m)
        return;
    const project_t *p = &b->m->project;
    char title[400], permits[256];
    const char *args[1] = {p->permits};
    snprintf(title, sizeof title, "%s", ltext_get(&p->name, b->o.lang));
    int avail = h.w - header_right_w(b) - 2 * pad;
    int name_px = text_fit_px(b->o.text, title, 10, l->header_px, TEXT_BOLD,
                              avail * 2 / 3);
    int nw, nh;
    text_measure(b->o.text, title, name_px, TEXT_BOLD, &nw, &nh);
    rect_t line1 = {pad, h.y + h.h * 6 / 100, avail, h.h * 56 / 100};
    text_draw_in(b->o.text, title, name_px, TEXT_BOLD, line1, ALIGN_LEFT,
                 THEME_ACCENT);
    rect_t tag = {pad + nw + pad, line1.y, avail - nw - pad, line1.h};
    const char *board_title = tr(b, "board.title");
    int tag_px = text_fit_px(b->o.text, board_title, 8, l->header_px * 7 / 10,
                             TEXT_REGULAR, imax(1, tag.w));
    int tw, th;
    text_measure(b->o.text, board_title, tag_px, TEXT_REGULAR, &tw, &th);
    if (tw <= tag.w) /* on a narrow screen the name alone says enough */
        text_draw_in(b->o.text, board_title, tag_px, TEXT_REGULAR, tag,
                     ALIGN_LEFT, THEME_TEXT);
    /* Developer and permit numbers, whichever the project has. */
    const char *dev = ltext_get(&p->developer, b->o.lang);
    permits[0] = '\0';
    if (p->permits[0])
        i18n_format(permits, sizeof permits, tr(b, "board.permits"), args, 1);
    snprintf(title, sizeof title, "%s%s%s", dev,
             dev[0] && permits[0] ? "  ·  " : "", permits);
    rect_t line2 = {pad, line1.y + line1.h, avail, h.h - line1.h - line1.y - 4};
    int sub_px = text_fit_px(b->o.text, title, 8, l->sub_px, TEXT_REGULAR, avail);
    text_draw_in(b->o.text, title, sub_px, TEXT_REGULAR, line2, ALIGN_LEFT,
                 THEME_MUTED);
}

/* The ticking part of the header: clock, date and the freshness stamp.
 * Drawn straight to the screen from the text cache each frame. */
static void draw_clock(board_t *b)
{
    const board_layout_t *l = &b->layout;
    rect_t h = l->header;
    int pad = imax(8, l->margin * 2);
    time_t now = (time_t)(b->now_ms / 1000);
    struct tm tm;
    char clock[16], date[96], wd[32], mon[12], day[12], mname[32];
    localtime_r(&now, &tm);

    snprintf(clock, sizeof clock, "%02d:%02d", tm.tm_hour, tm.tm_min);
    snprintf(wd, sizeof wd, "date.weekday.%d", tm.tm_wday);
    snprintf(mname, sizeof mname, "date.month.%d", tm.tm_mon + 1);
    snprintf(mon, sizeof mon, "%d", tm.tm_mon + 1);
    snprintf(day, sizeof day, "%d", tm.tm_mday);
    const char *args[4] = {mon, day, tr(b, wd), tr(b, mname)};
    i18n_format(date, sizeof date, tr(b, "date.format"), args, 4);

    int right = h.w - pad;
    int cw = text_draw(b->o.text, clock, l->header_px, TEXT_BOLD, right,
                       h.y + h.h * 4 / 100, ALIGN_RIGHT, THEME_TEXT);
    int dw, dh;
    text_measure(b->o.text, date, l->sub_px, TEXT_REGULAR, &dw, &dh);
    text_draw(b->o.text, date, l->sub_px, TEXT_REGULAR, right,
              h.y + h.h - dh - h.h * 8 / 100, ALIGN_RIGHT, THEME_MUTED);

    /* Freshness: a dot and "data as of hh:mm", left of the clock. */
    char stamp[96], hhmm[16];
    color_t dot;
    if (b->o.demo || !b->m) {
        snprintf(stamp, sizeof stamp, "%s",
                 tr(b, b->m ? "board.demo_data" : "board.no_data"));
        dot = THEME_MUTED;
    } else {
        time_t asof = (time_t)b->m->data_as_of;
        struct tm at;
        localtime_r(&asof, &at);
        snprintf(hhmm, sizeof hhmm, "%02d:%02d", at.tm_hour, at.tm_min);
        const char *a1[1] = {hhmm};
        i18n_format(stamp, sizeof stamp, tr(b, "board.data_as_of"), a1, 1);
        dot = b->shown_fresh == 2 ? THEME_BAD
              : b->shown_fresh == 1 ? THEME_WARN : THEME_GOOD;
    }
    int sx = right - imax(cw, dw) - pad * 2;
    int sw, sh;
    text_measure(b->o.text, stamp, l->sub_px, TEXT_REGULAR, &sw, &sh);
    int cy = h.y + h.h / 2;
    text_draw(b->o.text, stamp, l->sub_px, TEXT_REGULAR, sx, cy - sh / 2,
              ALIGN_RIGHT,
              b->shown_fresh >= 1 && !b->o.demo ? dot : THEME_TEXT);
    int r = imax(4, l->sub_px / 3);
    render_fill_rect(b->o.render,
                     (rect_t){sx - sw - r * 3, cy - r, 2 * r, 2 * r}, dot);
}

/* The 喜報 banner for the first queued sale, over the board's top. */
static void draw_banner(board_t *b)
{
    const board_layout_t *l = &b->layout;
    const banner_t *bn = &b->banners[0];
    const unit_t *u = &b->m->units[bn->unit];
    char line[256];
    const char *args[3] = {ltext_get(&b->m->buildings[u->building].name,
                                     b->o.lang),
                           u->number, tr(b, theme_status_key[bn->status])};
    i18n_format(line, sizeof line, tr(b, "board.banner"), args, 3);
    const char *title = tr(b, "board.banner_title");

    int px = l->header_px, tw, th, lw, lh;
    text_measure(b->o.text, title, px, TEXT_BOLD, &tw, &th);
    int lpx = text_fit_px(b->o.text, line, 10, px, TEXT_BOLD,
                          l->w * 8 / 10 - tw - 3 * px);
    text_measure(b->o.text, line, lpx, TEXT_BOLD, &lw, &lh);
    int bw = imin(l->w - 2 * l->margin, tw + lw + 3 * px);
    int bh = px * 2;
    rect_t r = {(l->w - bw) / 2, l->body.y + l->margin, bw, bh};
    render_fill_rect(b->o.render, r, RGB(0xB3202A));
    render_outline(b->o.render, r, THEME_ACCENT, imax(2, px / 10));
    text_draw_in(b->o.text, title, px, TEXT_BOLD,
                 (rect_t){r.x + px, r.y, tw, r.h}, ALIGN_LEFT, THEME_ACCENT);
    text_draw_in(b->o.text, line, lpx, TEXT_BOLD,
                 (rect_t){r.x + px * 2 + tw, r.y, r.w - tw - 3 * px, r.h},
                 ALIGN_LEFT, RGB(0xFFFFFF));
}

void board_units_changed(board_t *b, const model_change_t *ch, int n,
                         int64_t now_ms)
{
    if (!b->m || !b->stale || n <= 0)
        return;
    for (int i = 0; i < n; i++) {
        int k = ch[i].unit;
        if (k < 0 || k >= b->m->n_units)
            continue;
        const unit_t *u = &b->m->units[k];
        b->stale[k] = 1;
        b->stale_b[u->building] = 1;
        if (b->o.highlight_ms > 0) {
            int j = 0;
            while (j < b->n_flash && b->flash[j].unit != k)
                j++;
            if (j == b->n_flash && b->n_flash < MAX_FLASH)
                b->n_flash++;
            if (j < b->n_flash)
                b->flash[j] = (flash_t){k, now_ms + b->o.highlight_ms};
        }
        if (b->o.banner_ms > 0 && status_is_sold(u->status) &&
            u->status != ch[i].was && b->n_banners < MAX_BANNERS)
            b->banners[b->n_banners++] = (banner_t){k, u->status};
    }
    b->dirty |= DIRTY_CELLS | DIRTY_FRAME;
}

void board_freshness_changed(board_t *b)
{
    b->shown_fresh = -1; /* re-evaluated by the next update */
    b->dirty |= DIRTY_FRAME;
}

int board_last_cells_drawn(const board_t *b)
{
    return b->cells_drawn;
}

/* ---- the frame ------------------------------------------------------------ */

static int ensure_layers(board_t *b, int w, int h, diag_t *d)
{
    if (b->body && b->layer_w == w && b->layer_h == h)
        return 0;
    render_layer_destroy(b->body);
    render_layer_destroy(b->head);
    b->body = render_layer_create(b->o.render, w, h, LAYER_OPAQUE, d);
    b->head = render_layer_create(b->o.render, w, imax(1, b->layout.header.h),
                                  LAYER_OPAQUE, d);
    b->layer_w = w;
    b->layer_h = h;
    if (!b->body || !b->head)
        return -1;
    b->dirty |= DIRTY_BODY | DIRTY_HEAD;
    return 0;
}

int64_t board_update(board_t *b, int64_t now_ms)
{
    const int64_t minute = 60000;
    int64_t next = minute - now_ms % minute; /* the clock's next minute */

    b->now_ms = now_ms;
    if (now_ms / minute != b->shown_minute) {
        b->shown_minute = now_ms / minute;
        b->dirty |= DIRTY_FRAME; /* the clock */
        int64_t day = model_day_start(now_ms / 1000);
        if (day != b->shown_day) {
            b->shown_day = day; /* "today" counts start again at midnight */
            b->dirty |= DIRTY_BODY;
        }
    }
    if (b->m && !b->o.demo) {
        /* Data stamped more than a minute in the "future" means a clock is
         * wrong: do not call it fresh. */
        int64_t age = now_ms / 1000 - b->m->data_as_of;
        int lvl = age < -60 ? 1
                  : board_freshness_level(age < 0 ? 0 : age,
                                          b->o.amber_seconds, b->o.red_seconds);
        if (age < 0)
            age = 0;
        if (lvl != b->shown_fresh) {
            b->shown_fresh = lvl;
            b->dirty |= DIRTY_FRAME;
        }
        int64_t edge = lvl == 0 ? b->o.amber_seconds
                       : lvl == 1 ? b->o.red_seconds : -1;
        if (edge >= 0 && (edge - age) * 1000 < next)
            next = (edge - age) * 1000;
    }
    /* Outlines that have had their time: redraw those cells plain. */
    for (int i = 0; i < b->n_flash;) {
        if (b->flash[i].until_ms <= now_ms) {
            if (b->stale)
                b->stale[b->flash[i].unit] = 1;
            b->flash[i] = b->flash[--b->n_flash];
            b->dirty |= DIRTY_CELLS | DIRTY_FRAME;
            continue;
        }
        if (b->flash[i].until_ms - now_ms < next)
            next = b->flash[i].until_ms - now_ms;
        i++;
    }
    /* Banners, one after another. */
    if (b->n_banners > 0 && b->banner_until == 0) {
        b->banner_until = now_ms + b->o.banner_ms;
        b->dirty |= DIRTY_FRAME;
    }
    if (b->n_banners > 0 && b->banner_until <= now_ms) {
        memmove(b->banners, b->banners + 1,
                sizeof *b->banners * (size_t)--b->n_banners);
        b->banner_until = b->n_banners ? now_ms + b->o.banner_ms : 0;
        b->dirty |= DIRTY_FRAME;
    }
    if (b->n_banners > 0 && b->banner_until - now_ms < next)
        next = b->banner_until - now_ms;
    if (b->page_started_ms < 0)
        b->page_started_ms = now_ms;
    if (b->layout.n_pages > 1) {
        int64_t span = (int64_t)b->o.page_seconds * 1000;
        int64_t on_page = now_ms - b->page_started_ms;
        if (on_page >= span || on_page < 0) {
            b->page = (b->page + 1) % b->layout.n_pages;
            b->page_started_ms = now_ms;
            b->dirty |= DIRTY_BODY | DIRTY_FRAME;
            on_page = 0;
        }
        if (span - on_page < next)
            next = span - on_page;
    }
    return next;
}

int board_needs_draw(const board_t *b)
{
    return b->dirty != 0;
}

int board_draw(board_t *b, diag_t *d)
{
    int w, h;
    render_size(b->o.render, &w, &h);
    if ((b->dirty & DIRTY_LAYOUT) || w != b->layout.w || h != b->layout.h) {
        if (relayout(b, w, h) != 0) {
            diag_set(d, "board: out of memory laying out %dx%d", w, h);
            return -1;
        }
        render_layer_destroy(b->body);
        render_layer_destroy(b->head);
        b->body = b->head = NULL;
        b->dirty &= ~(unsigned)DIRTY_LAYOUT;
    }
    if (ensure_layers(b, w, h, d) != 0)
        return -1;
    b->cells_drawn = 0;
    if (b->dirty & DIRTY_BODY)
        draw_body(b);
    else if ((b->dirty & DIRTY_CELLS) && b->m && b->layout.n_blocks > 0)
        draw_changes(b);
    if (b->dirty & DIRTY_HEAD)
        draw_head(b);
    render_target(b->o.render, NULL);
    render_layer_copy(b->o.render, b->body, NULL, (rect_t){0, 0, w, h});
    render_layer_copy(b->o.render, b->head, NULL, b->layout.header);
    draw_clock(b);
    if (b->n_banners > 0 && b->banner_until > 0 && b->m)
        draw_banner(b);
    b->dirty = 0;
    return 0;
}

const board_layout_t *board_get_layout(const board_t *b)
{
    return &b->layout;
}

int board_page(const board_t *b)
{
    return b->page;
}

int board_cell_probe(const board_t *b, int unit, int *x, int *y)
{
    const model_t *m = b->m;
    if (!m || unit < 0 || unit >= m->n_units || b->layout.n_blocks == 0)
        return -1;
    const unit_t *u = &m->units[unit];
    if (b->layout.blocks[u->building].page != b->page)
        return -1;
    rect_t c = board_layout_cell(&b->layout, u->building, u->floor, u->stack);
    int px = board_layout_page_of(&b->layout, u->building)->label_px;
    char label[MODEL_NUMBER_MAX];
    int lw = 0, lh = 0;
    cell_label(b, u, label, sizeof label);
    if (px > 0)
        text_measure(b->o.text, label, px, TEXT_REGULAR, &lw, &lh);
    /* Midway between the inner edge of the frame (held) and the number, at
     * mid height: the corners and bars of the other marks stay clear of it. */
    int left = c.x + (flashing(b, unit) ? flash_w(c) : outline_w(c));
    int text_left = c.x + (c.w - lw) / 2;
    *x = (left + text_left) / 2;
    *y = c.y + c.h / 2;
    return *x > left && *x < text_left ? 0 : -1;
}
