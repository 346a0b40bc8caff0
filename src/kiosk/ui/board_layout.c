/* board_layout.c - see board_layout.h.
 *
 * The search: for 1, 2, ... pages (buildings split into contiguous groups of
 * about equal width) and 1..4 rows of blocks per page, compute the largest
 * cell pitch that fits and the unit-number size that pitch allows.  The
 * fewest pages whose numbers reach min_label_px win; among those, the row
 * count with the largest numbers.  Sizes are first estimated from text
 * proportions measured once, then checked against real measurements.
 */
#include "board_layout.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 4
#define REF_PX 100

typedef struct {
    const board_layout_in_t *in;
    int margin, gap, title_h;
    rect_t body;
    int label_ratio_bp[2]; /* width of the widest label / px, 1/10000 */
    int floor_ratio_bp;
    int *page_of;          /* per building */
    int *row_of;           /* per building, within its page */
} ctx_t;

typedef struct {
    int pages, rows_per_page[64];
    int cw, ch, px;
} plan_t;

static int imax(int a, int b) { return a > b ? a : b; }
static int imin(int a, int b) { return a < b ? a : b; }

static int measure_w(const board_layout_in_t *in, const char *s, int px,
                     int bold)
{
    int w = 0, h = 0;
    if (!s || in->measure(in->measure_ctx, s, px, bold, &w, &h) != 0)
        return 0;
    return w;
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

/* Cell pitch for one page laid out in `rows` rows. */
static void pitch_for(const ctx_t *c, int first, int n, int rows, int *row_of,
                      int *cw_out, int *ch_out)
{
    const board_layout_in_t *in = c->in;
    int sum_floors = 0, cw = 1 << 20;
    split(in->upf, first, n, rows, row_of);
    for (int r = 0; r < rows; r++) {
        int max_f = 0;
        for (int i = first; i < first + n; i++)
            if (row_of[i] == r)
                max_f = imax(max_f, in->floors[i]);
        sum_floors += max_f;
    }
    int ch = (c->body.h - rows * c->title_h - (rows - 1) * c->gap) /
             imax(1, sum_floors);
    /* Floor labels are about half a cell high. */
    int floor_w = ch / 2 * c->floor_ratio_bp / 10000 + 8;
    for (int r = 0; r < rows; r++) {
        int cols = 0, k = 0;
        for (int i = first; i < first + n; i++)
            if (row_of[i] == r) {
                cols += in->upf[i];
                k++;
            }
        if (k == 0)
            continue;
        int avail = c->body.w - (k - 1) * c->gap - k * floor_w;
        cw = imin(cw, avail / imax(1, cols));
    }
    *cw_out = imax(0, cw);
    *ch_out = imax(0, ch);
}

static int px_for(const ctx_t *c, int cw, int ch, int short_labels)
{
    int pad = imax(2, cw / 10);
    int by_h = ch * 10 / 16;  /* a line of text is ~1.45 px tall */
    int by_w = (cw - 2 * pad) * 10000 / imax(1, c->label_ratio_bp[short_labels]);
    return imax(0, imin(by_h, by_w));
}

/* Evaluates `pages` pages; fills plan with the best rows per page. */
static void try_pages(ctx_t *c, int pages, int short_labels, plan_t *plan)
{
    const board_layout_in_t *in = c->in;
    int *row_tmp = c->row_of;
    split(in->upf, 0, in->n_buildings, pages, c->page_of);
    plan->pages = pages;
    plan->cw = plan->ch = 1 << 20;
    for (int p = 0; p < pages; p++) {
        int first = -1, n = 0, best_px = -1, best_rows = 1, bcw = 0, bch = 0;
        for (int i = 0; i < in->n_buildings; i++)
            if (c->page_of[i] == p) {
                if (first < 0)
                    first = i;
                n++;
            }
        for (int rows = 1; rows <= imin(MAX_ROWS, n); rows++) {
            int cw, ch;
            pitch_for(c, first, n, rows, row_tmp, &cw, &ch);
            cw = imin(cw, ch * 7 / 2); /* no absurdly wide cells */
            int px = px_for(c, cw, ch, short_labels);
            if (px > best_px) {
                best_px = px;
                best_rows = rows;
                bcw = cw;
                bch = ch;
            }
        }
        plan->rows_per_page[p] = best_rows;
        /* One pitch for every page, so paging does not jump in scale. */
        plan->cw = imin(plan->cw, bcw);
        plan->ch = imin(plan->ch, bch);
    }
    plan->px = px_for(c, plan->cw, plan->ch, short_labels);
}

static int cell_gap(int cw, int ch)
{
    return imax(1, imin(cw, ch) / 12);
}

/* The largest size at which every building's widest number really fits a
 * cell of the plan (with padding); 0 when not even 6 px fits. */
static int confirm_px(const board_layout_in_t *in, const plan_t *plan,
                      int short_labels)
{
    const char *const *labels = short_labels ? in->widest_short_label
                                             : in->widest_label;
    int pad = imax(2, plan->cw / 10), gap = cell_gap(plan->cw, plan->ch);
    for (int px = plan->px; px >= 6; px--) {
        int ok = 1;
        for (int i = 0; i < in->n_buildings && ok; i++) {
            int w = 0, h = 0;
            in->measure(in->measure_ctx, labels[i], px, 0, &w, &h);
            ok = w <= plan->cw - gap - 2 * pad && h <= plan->ch - gap;
        }
        if (ok)
            return px;
    }
    return 0;
}

static void place(board_layout_t *l, ctx_t *c, const plan_t *plan)
{
    const board_layout_in_t *in = c->in;
    int cw = plan->cw, ch = plan->ch;
    int floor_w = 0;

    l->floor_px = imax(6, imin(ch * 10 / 18, l->label_px ? l->label_px : ch / 2));
    floor_w = measure_w(in, in->floor_sample, l->floor_px, 0) + 8;
    split(in->upf, 0, in->n_buildings, plan->pages, c->page_of);
    for (int p = 0; p < plan->pages; p++) {
        int first = -1, n = 0;
        for (int i = 0; i < in->n_buildings; i++)
            if (c->page_of[i] == p) {
                if (first < 0)
                    first = i;
                n++;
            }
        int rows = plan->rows_per_page[p];
        split(in->upf, first, n, rows, c->row_of);
        /* Height of the rows, to centre the page vertically. */
        int row_h[MAX_ROWS] = {0}, total_h = (rows - 1) * c->gap;
        for (int r = 0; r < rows; r++) {
            for (int i = first; i < first + n; i++)
                if (c->row_of[i] == r)
                    row_h[r] = imax(row_h[r], c->title_h + in->floors[i] * ch);
            total_h += row_h[r];
        }
        int y = c->body.y + imax(0, (c->body.h - total_h) / 2);
        for (int r = 0; r < rows; r++) {
            int row_w = 0, k = 0;
            for (int i = first; i < first + n; i++)
                if (c->row_of[i] == r) {
                    row_w += floor_w + in->upf[i] * cw;
                    k++;
                }
            row_w += (k - 1) * c->gap;
            int x = c->body.x + imax(0, (c->body.w - row_w) / 2);
            for (int i = first; i < first + n; i++) {
                if (c->row_of[i] != r)
                    continue;
                board_block_t *b = &l->blocks[i];
                int grid_h = in->floors[i] * ch;
                int bw = floor_w + in->upf[i] * cw;
                b->building = i;
                b->page = p;
                b->n_floors = in->floors[i];
                b->upf = in->upf[i];
                /* Blocks stand on the row's ground line. */
                b->grid = (rect_t){x + floor_w, y + row_h[r] - grid_h,
                                   in->upf[i] * cw, grid_h};
                b->floors = (rect_t){x, b->grid.y, floor_w, grid_h};
                b->title = (rect_t){x, b->grid.y - c->title_h, bw, c->title_h};
                b->block = (rect_t){x, b->title.y, bw, c->title_h + grid_h};
                x += bw + c->gap;
            }
            y += row_h[r] + c->gap;
        }
    }
}

int board_layout_compute(board_layout_t *l, const board_layout_in_t *in)
{
    ctx_t c = {.in = in};
    plan_t best, plan;
    int u100 = imin(in->w, in->h); /* one "u" is u100 / 100 pixels */
    int nb = in->n_buildings;

    board_layout_free(l);
    if (nb <= 0 || in->w <= 0 || in->h <= 0 || nb > 64 * MAX_ROWS * 64)
        return -1;
    l->blocks = calloc((size_t)nb, sizeof *l->blocks);
    c.page_of = calloc((size_t)nb, sizeof *c.page_of);
    c.row_of = calloc((size_t)nb, sizeof *c.row_of);
    if (!l->blocks || !c.page_of || !c.row_of) {
        free(c.page_of);
        free(c.row_of);
        board_layout_free(l);
        return -1;
    }
    l->n_blocks = nb;
    l->w = in->w;
    l->h = in->h;

    c.margin = l->margin = imax(6, u100 * 12 / 1000);
    c.gap = imax(8, u100 * 16 / 1000);
    int header_h = imax(40, u100 * 80 / 1000);
    int line_h = imax(20, u100 * 34 / 1000);
    int footer_h = line_h * (in->footer_lines > 1 ? 2 : 1) + c.margin;
    c.title_h = imax(28, u100 * 46 / 1000);
    l->header = (rect_t){0, 0, in->w, header_h};
    l->footer = (rect_t){0, in->h - footer_h, in->w, footer_h};
    c.body = (rect_t){c.margin, header_h + c.margin, in->w - 2 * c.margin,
                      in->h - header_h - footer_h - 2 * c.margin};
    l->body = c.body;
    l->header_px = header_h * 40 / 100;
    l->sub_px = header_h * 22 / 100;
    l->footer_px = line_h * 56 / 100;
    l->title_px = c.title_h * 30 / 100;

    /* Text proportions, measured once at a reference size. */
    for (int s = 0; s < 2; s++) {
        const char *const *labels = s ? in->widest_short_label : in->widest_label;
        for (int i = 0; i < nb; i++)
            c.label_ratio_bp[s] = imax(c.label_ratio_bp[s],
                                       measure_w(in, labels[i], REF_PX, 0) *
                                           (10000 / REF_PX));
    }
    c.floor_ratio_bp = measure_w(in, in->floor_sample, REF_PX, 0) * (10000 / REF_PX);

    /* Fewest pages with full numbers; then short numbers; then the best we
     * can do.  Each candidate's size is confirmed with real measurements. */
    memset(&best, 0, sizeof best);
    best.px = -1;
    int px = -1;
    for (int s = 0; s < 2 && px < in->min_label_px; s++) {
        for (int pages = 1; pages <= nb && pages <= 64; pages++) {
            try_pages(&c, pages, s, &plan);
            if (plan.px < in->min_label_px && pages < nb && pages < 64 &&
                plan.px <= best.px)
                continue; /* not there yet, and no better than before */
            int real = confirm_px(in, &plan, s);
            if (real > px) {
                best = plan;
                px = real;
                l->short_labels = s;
            }
            if (px >= in->min_label_px)
                break;
        }
    }
    int gap = cell_gap(best.cw, best.ch);
    l->label_px = px >= 6 ? px : 0;
    l->n_pages = best.pages;
    l->cell_w = best.cw;
    l->cell_h = best.ch;
    l->cell_gap = gap;
    place(l, &c, &best);
    free(c.page_of);
    free(c.row_of);
    return 0;
}

void board_layout_free(board_layout_t *l)
{
    free(l->blocks);
    memset(l, 0, sizeof *l);
}

rect_t board_layout_cell(const board_layout_t *l, int building, int floor,
                         int stack)
{
    const board_block_t *b = &l->blocks[building];
    int g = l->cell_gap;
    rect_t r = {b->grid.x + (stack - 1) * l->cell_w + g / 2,
                b->grid.y + (b->n_floors - floor) * l->cell_h + g / 2,
                l->cell_w - g, l->cell_h - g};
    return r;
}

rect_t board_layout_floor_label(const board_layout_t *l, int building,
                                int floor)
{
    const board_block_t *b = &l->blocks[building];
    rect_t r = {b->floors.x, b->floors.y + (b->n_floors - floor) * l->cell_h,
                b->floors.w - 4, l->cell_h};
    return r;
}
