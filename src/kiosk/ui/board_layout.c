/* board_layout.c - see board_layout.h.
 *
 * The search: for 1, 2, ... pages (buildings split into contiguous groups of
 * about equal width) and 1..4 rows of blocks per page, the largest cell pitch
 * that fits and the unit-number size it allows.  Sizes are estimated from
 * text proportions measured once; the fewest pages whose estimate reaches
 * min_label_px are then placed with real measurements (floor column widths,
 * label sizes), shrinking the pitch where a row would overflow, and accepted
 * only if the real sizes still reach it.
 */
#include "board_layout.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 4
#define MAX_PAGES 64
#define REF_PX 100

typedef struct {
    const board_layout_in_t *in;
    int gap, title_h;
    rect_t body;
    int label_ratio_bp[2]; /* widest label width / px, in 1/10000 */
    int floor_ratio_bp;
    int *page_of;          /* per building */
    int *row_of;           /* per building, within its page */
} ctx_t;

typedef struct {
    int first, n;          /* buildings on the page */
    int rows;
    int cw, ch;
    int px;                /* estimated, then real */
} page_plan_t;

static int measure_w(const board_layout_in_t *in, const char *s, int px)
{
    int w = 0, h = 0;
    if (!s || in->measure(in->measure_ctx, s, px, 0, &w, &h) != 0)
        return 0;
    return w;
}

/* Floor labels are a little over half a cell high, within reason. */
static int floor_px_for(int ch)
{
    return imax(6, imin(ch * 10 / 18, 28));
}

/* Cells keep a thin gap between them. */
static int gap_for(int cw, int ch)
{
    return imax(1, imin(cw, ch) / 12);
}

/* Splits [first, first+n) into k contiguous groups of about equal weight
 * (every group gets at least one item); writes each item's group. */
static void split(const int *weight, int first, int n, int k, int *group_of)
{
    int total = 0, acc = 0, g = 0;
    if (k > n)
        k = n;
    for (int i = 0; i < n; i++)
        total += weight[first + i];
    for (int i = 0; i < n; i++) {
        int w = weight[first + i];
        if (i > 0 && g < k - 1 &&
            (n - i <= k - 1 - g || (acc + w / 2) * k > total * (g + 1)))
            g++;
        group_of[first + i] = g;
        acc += w;
    }
}

/* The largest pitch at which every row of the page fits the body, with floor
 * columns floor_w wide. */
static int fit_cw(const ctx_t *c, const page_plan_t *pp, int floor_w)
{
    int cw = 1 << 20;
    for (int r = 0; r < pp->rows; r++) {
        int cols = 0, k = 0;
        for (int i = pp->first; i < pp->first + pp->n; i++)
            if (c->row_of[i] == r) {
                cols += c->in->upf[i];
                k++;
            }
        if (k > 0)
            cw = imin(cw, (c->body.w - (k - 1) * c->gap - k * floor_w) /
                              imax(1, cols));
    }
    return imax(0, cw);
}

static int px_estimate(const ctx_t *c, int cw, int ch, int short_labels)
{
    int pad = imax(2, cw / 10);
    int by_h = ch * 10 / 16; /* a line of text is ~1.45 px tall */
    int by_w = (cw - gap_for(cw, ch) - 2 * pad) * 10000 /
               imax(1, c->label_ratio_bp[short_labels]);
    return imax(0, imin(by_h, by_w));
}

/* Best rows for one page, by estimate; leaves row_of set for that choice. */
static void plan_page(ctx_t *c, page_plan_t *pp, int short_labels)
{
    const board_layout_in_t *in = c->in;
    int best_rows = 1, best_px = -1;
    for (int rows = 1; rows <= imin(MAX_ROWS, pp->n); rows++) {
        int sum_floors = 0;
        split(in->upf, pp->first, pp->n, rows, c->row_of);
        for (int r = 0; r < rows; r++) {
            int max_f = 0;
            for (int i = pp->first; i < pp->first + pp->n; i++)
                if (c->row_of[i] == r)
                    max_f = imax(max_f, in->floors[i]);
            sum_floors += max_f;
        }
        int ch = (c->body.h - rows * c->title_h - (rows - 1) * c->gap) /
                 imax(1, sum_floors);
        page_plan_t try = *pp;
        try.rows = rows;
        try.ch = imax(0, ch);
        int floor_w = floor_px_for(try.ch) * c->floor_ratio_bp / 10000 + 9;
        try.cw = imin(fit_cw(c, &try, floor_w), try.ch * 7 / 2);
        try.px = px_estimate(c, try.cw, try.ch, short_labels);
        if (try.px > best_px) {
            best_px = try.px;
            best_rows = rows;
            *pp = try;
        }
    }
    split(in->upf, pp->first, pp->n, best_rows, c->row_of);
}

/* The largest size at which every building of the page's widest number
 * really fits its cell (with padding); 0 when not even 6 px does. */
static int confirm_px(const board_layout_in_t *in, const page_plan_t *pp,
                      int short_labels)
{
    const char *const *labels = short_labels ? in->widest_short_label
                                             : in->widest_label;
    int pad = imax(2, pp->cw / 10), gap = gap_for(pp->cw, pp->ch);
    for (int px = pp->px; px >= 6; px--) {
        int ok = 1;
        for (int i = pp->first; i < pp->first + pp->n && ok; i++) {
            int w = 0, h = 0;
            in->measure(in->measure_ctx, labels[i], px, 0, &w, &h);
            ok = w <= pp->cw - gap - 2 * pad && h <= pp->ch - gap;
        }
        if (ok)
            return px;
    }
    return 0;
}

/* Places one page's blocks with real floor-column widths, shrinking the
 * pitch where a row would not fit, then settles the page's label size. */
static void place_page(board_layout_t *l, ctx_t *c, int p, page_plan_t *pp,
                       int short_labels)
{
    const board_layout_in_t *in = c->in;
    board_page_t *pg = &l->pages[p];
    int fpx = floor_px_for(pp->ch);
    int floor_w = measure_w(in, in->floor_sample, fpx) + 8;

    split(in->upf, pp->first, pp->n, pp->rows, c->row_of);
    pp->cw = imin(pp->cw, fit_cw(c, pp, floor_w));
    pp->px = confirm_px(in, pp, short_labels);

    pg->cell_w = pp->cw;
    pg->cell_h = pp->ch;
    pg->cell_gap = gap_for(pp->cw, pp->ch);
    pg->label_px = pp->px;
    pg->short_labels = short_labels;
    pg->floor_px = fpx;
    /* Label every n-th floor so that labels never touch. */
    pg->floor_step = imax(1, (fpx * 5 / 4 + pp->ch - 1) / imax(1, pp->ch));

    int row_h[MAX_ROWS] = {0}, total_h = (pp->rows - 1) * c->gap;
    for (int r = 0; r < pp->rows; r++) {
        for (int i = pp->first; i < pp->first + pp->n; i++)
            if (c->row_of[i] == r)
                row_h[r] = imax(row_h[r], c->title_h + in->floors[i] * pp->ch);
        total_h += row_h[r];
    }
    int y = c->body.y + imax(0, (c->body.h - total_h) / 2);
    for (int r = 0; r < pp->rows; r++) {
        int row_w = 0, k = 0;
        for (int i = pp->first; i < pp->first + pp->n; i++)
            if (c->row_of[i] == r) {
                row_w += floor_w + in->upf[i] * pp->cw;
                k++;
            }
        row_w += (k - 1) * c->gap;
        int x = c->body.x + imax(0, (c->body.w - row_w) / 2);
        for (int i = pp->first; i < pp->first + pp->n; i++) {
            if (c->row_of[i] != r)
                continue;
            board_block_t *b = &l->blocks[i];
            int grid_h = in->floors[i] * pp->ch;
            int bw = floor_w + in->upf[i] * pp->cw;
            b->building = i;
            b->page = p;
            b->n_floors = in->floors[i];
            b->upf = in->upf[i];
            /* Blocks stand on the row's ground line. */
            b->grid = (rect_t){x + floor_w, y + row_h[r] - grid_h,
                               in->upf[i] * pp->cw, grid_h};
            b->floors = (rect_t){x, b->grid.y, floor_w, grid_h};
            b->title = (rect_t){x, b->grid.y - c->title_h, bw, c->title_h};
            b->block = (rect_t){x, b->title.y, bw, c->title_h + grid_h};
            x += bw + c->gap;
        }
        y += row_h[r] + c->gap;
    }
}

/* Plans `pages` pages by estimate; returns the smallest page estimate. */
static int plan_pages(ctx_t *c, int pages, int short_labels, page_plan_t *pp)
{
    int nb = c->in->n_buildings, worst = 1 << 20;
    split(c->in->upf, 0, nb, pages, c->page_of);
    for (int p = 0; p < pages; p++) {
        pp[p] = (page_plan_t){.first = -1};
        for (int i = 0; i < nb; i++)
            if (c->page_of[i] == p) {
                if (pp[p].first < 0)
                    pp[p].first = i;
                pp[p].n++;
            }
        plan_page(c, &pp[p], short_labels);
        worst = imin(worst, pp[p].px);
    }
    return worst;
}

/* Places the plan for real; returns the smallest real label size. */
static int place_pages(board_layout_t *l, ctx_t *c, int pages,
                       int short_labels, page_plan_t *pp)
{
    int worst = 1 << 20;
    l->n_pages = pages;
    for (int p = 0; p < pages; p++) {
        place_page(l, c, p, &pp[p], short_labels);
        worst = imin(worst, pp[p].px);
    }
    return worst;
}

static void frame(board_layout_t *l, ctx_t *c, const board_layout_in_t *in)
{
    int u100 = imin(in->w, in->h); /* one "u" is u100 / 100 pixels */
    int margin = imax(6, u100 * 12 / 1000);
    int header_h = imax(40, u100 * 80 / 1000);
    int line_h = imax(20, u100 * 34 / 1000);
    int lines = in->footer_lines > 1 ? 2 : 1;
    int footer_h = line_h * lines + margin;

    l->w = in->w;
    l->h = in->h;
    l->margin = margin;
    l->footer_lines = lines;
    l->header = (rect_t){0, 0, in->w, header_h};
    l->footer = (rect_t){0, in->h - footer_h, in->w, footer_h};
    l->body = (rect_t){margin, header_h + margin, imax(0, in->w - 2 * margin),
                       imax(0, in->h - header_h - footer_h - 2 * margin)};
    l->header_px = header_h * 40 / 100;
    l->sub_px = header_h * 22 / 100;
    l->footer_px = line_h * 56 / 100;
    c->gap = imax(8, u100 * 16 / 1000);
    c->title_h = imax(28, u100 * 46 / 1000);
    l->title_px = c->title_h * 30 / 100;
    c->body = l->body;
}

int board_layout_compute(board_layout_t *l, const board_layout_in_t *in)
{
    ctx_t c = {.in = in};
    int nb = in->n_buildings, rc = -1;
    page_plan_t *pp = NULL, *best_pp = NULL;

    board_layout_free(l);
    if (nb < 0 || nb > MAX_PAGES * MAX_ROWS * 64 || in->w <= 0 || in->h <= 0)
        return -1;
    for (int i = 0; i < nb; i++)
        if (in->floors[i] < 1 || in->floors[i] > 200 || in->upf[i] < 1 ||
            in->upf[i] > 64)
            return -1;
    frame(l, &c, in);
    if (nb == 0) {
        l->n_pages = 1;
        return 0;
    }
    l->blocks = calloc((size_t)nb, sizeof *l->blocks);
    l->pages = calloc(MAX_PAGES, sizeof *l->pages);
    c.page_of = calloc((size_t)nb, sizeof *c.page_of);
    c.row_of = calloc((size_t)nb, sizeof *c.row_of);
    pp = calloc(MAX_PAGES, sizeof *pp);
    best_pp = calloc(MAX_PAGES, sizeof *best_pp);
    if (!l->blocks || !l->pages || !c.page_of || !c.row_of || !pp || !best_pp)
        goto out;
    l->n_blocks = nb;

    for (int s = 0; s < 2; s++) {
        const char *const *labels = s ? in->widest_short_label : in->widest_label;
        for (int i = 0; i < nb; i++)
            c.label_ratio_bp[s] = imax(c.label_ratio_bp[s],
                                       measure_w(in, labels[i], REF_PX) *
                                           (10000 / REF_PX));
    }
    c.floor_ratio_bp = measure_w(in, in->floor_sample, REF_PX) * (10000 / REF_PX);

    /* Fewest pages with full numbers, then with short numbers; failing both,
     * the pages with the largest numbers we can get. */
    int max_pages = imin(nb, MAX_PAGES), best_px = -1, best_pages = 1, best_s = 0;
    for (int s = 0; s < 2 && best_px < in->min_label_px; s++) {
        for (int pages = 1; pages <= max_pages; pages++) {
            int est = plan_pages(&c, pages, s, pp);
            if (est < in->min_label_px && est <= best_px && pages < max_pages)
                continue;
            int real = place_pages(l, &c, pages, s, pp);
            if (real > best_px) {
                best_px = real;
                best_pages = pages;
                best_s = s;
                memcpy(best_pp, pp, MAX_PAGES * sizeof *pp);
            }
            if (real >= in->min_label_px)
                break;
        }
    }
    /* Place the winner last, so the blocks hold its rectangles (its plans
     * already carry the real pitch and label sizes). */
    split(in->upf, 0, nb, best_pages, c.page_of);
    place_pages(l, &c, best_pages, best_s, best_pp);
    rc = 0;
out:
    free(c.page_of);
    free(c.row_of);
    free(pp);
    free(best_pp);
    if (rc != 0)
        board_layout_free(l);
    return rc;
}

void board_layout_free(board_layout_t *l)
{
    free(l->blocks);
    free(l->pages);
    memset(l, 0, sizeof *l);
}

const board_page_t *board_layout_page_of(const board_layout_t *l,
                                         int building)
{
    return &l->pages[l->blocks[building].page];
}

rect_t board_layout_cell(const board_layout_t *l, int building, int floor,
                         int stack)
{
    const board_block_t *b = &l->blocks[building];
    const board_page_t *p = &l->pages[b->page];
    int g = p->cell_gap;
    rect_t r = {b->grid.x + (stack - 1) * p->cell_w + g / 2,
                b->grid.y + (b->n_floors - floor) * p->cell_h + g / 2,
                p->cell_w - g, p->cell_h - g};
    return r;
}

rect_t board_layout_floor_label(const board_layout_t *l, int building,
                                int floor)
{
    const board_block_t *b = &l->blocks[building];
    const board_page_t *p = &l->pages[b->page];
    rect_t r = {b->floors.x, b->floors.y + (b->n_floors - floor) * p->cell_h,
                b->floors.w - 4, p->cell_h};
    return r;
}
