/* units_filters.c - see units_filters.h.
 *
 * Price and area bands come from the project: quartiles of its units,
 * rounded down to a 1-2-5 grain, so each chip holds a fair share of homes
 * at a round number ("300–400萬"); floors split the tallest tower in
 * thirds; bedrooms and facings offer only what the project has.
 */
#include "units_filters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CARD_EDGE RGB(0x24344F)

static int cmp_i64(const void *pa, const void *pb)
{
    int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
    return a < b ? -1 : a > b;
}

/* The 1-2-5 number at or above x (x >= 1). */
static int64_t nice_grain(int64_t x)
{
    int64_t p = 1;
    while (p <= x / 10)
        p *= 10;
    if (p >= x)
        return p;
    if (2 * p >= x)
        return 2 * p;
    return 5 * p >= x ? 5 * p : 10 * p;
}

/* Splits v (n values, sorted here) into up to four bands holding about as
 * many units each, at round numbers (multiples of a 1-2-5 grain near an
 * eighth of the range), with no empty band. */
static void bands_make(int64_t *v, int n, units_bands_t *out)
{
    out->n = 0;
    if (n < 2)
        return;
    qsort(v, (size_t)n, sizeof *v, cmp_i64);
    int64_t lo = v[0], hi = v[n - 1];
    if (hi <= lo)
        return;
    int64_t grain = nice_grain((hi - lo) / 8 > 0 ? (hi - lo) / 8 : 1);
    int k = 0;
    for (int q = 1; q < 4; q++) {
        int64_t e = v[(int64_t)n * q / 4] / grain * grain;
        if (e > lo && (k == 0 || e > out->edge[k - 1]))
            out->edge[k++] = e;
    }
    /* The first band holds lo and the last the quartile above its edge;
     * a middle one may be empty: merge it into the next. */
    for (int i = 1; i < k;) {
        int c = 0;
        for (int j = 0; j < n && v[j] < out->edge[i]; j++)
            c += v[j] >= out->edge[i - 1];
        if (c == 0) {
            memmove(&out->edge[i], &out->edge[i + 1],
                    sizeof *out->edge * (size_t)(k - i - 1));
            k--;
        } else {
            i++;
        }
    }
    out->n = k > 0 ? k + 1 : 0;
}

/* Band i's bounds in unit_filter_t terms (inclusive, 0 = no bound). */
static void band_bounds(const units_bands_t *bd, int i, int64_t *min,
                        int64_t *max)
{
    *min = i > 0 ? bd->edge[i - 1] : 0;
    *max = i < bd->n - 1 ? (bd->edge[i] > 1 ? bd->edge[i] - 1 : 1) : 0;
}

/* What the project offers changes only with the model; the units screen
 * asks every frame (a drag is many frames), and working it out sorts every
 * unit's price and area.  So it is kept for the browser and model
 * generation it was made for.  One browser a process, as the touch state
 * in scene_units.c. */
static struct {
    const browse_t *b;
    const model_t *m;
    unsigned gen;
    units_choices_t c;
} cached;

static void choices_compute(const browse_t *b, units_choices_t *c);

void units_choices_make(const browse_t *b, units_choices_t *c)
{
    if (cached.b != b || cached.m != b->m || cached.gen != b->model_gen) {
        choices_compute(b, &cached.c);
        cached.b = b;
        cached.m = b->m;
        cached.gen = b->model_gen;
    }
    *c = cached.c;
}

static void choices_compute(const browse_t *b, units_choices_t *c)
{
    const model_t *m = b->m;
    memset(c, 0, sizeof *c);
    int64_t *v = m->n_units > 0 ? malloc(sizeof *v * (size_t)m->n_units) : NULL;
    if (v) {
        for (int i = 0; i < m->n_units; i++)
            v[i] = m->units[i].list_price;
        bands_make(v, m->n_units, &c->price);
        for (int i = 0; i < m->n_units; i++)
            v[i] = m->units[i].area_built;
        bands_make(v, m->n_units, &c->area);
        free(v);
    }
    for (int i = 0; i < m->n_units; i++) {
        const unit_t *u = &m->units[i];
        int bed = m->unit_types[u->unit_type].bedrooms;
        if (bed >= 0)
            c->bedrooms |= 1u << imin(bed, FILTER_BEDROOMS_MAX);
        if ((int)u->orientation >= 0 && u->orientation < ORIENT_COUNT)
            c->orientations |= 1u << u->orientation;
        c->max_floor = imax(c->max_floor, u->floor);
    }
    for (int i = 0; i <= FILTER_BEDROOMS_MAX; i++)
        c->n_bedrooms += (c->bedrooms >> i) & 1;
    for (int i = 0; i < ORIENT_COUNT; i++)
        c->n_orientations += (c->orientations >> i) & 1;
}

/* Floor band i (0 low, 1 middle, 2 high) as inclusive bounds; 0 = none. */
static void floor_bounds(const units_choices_t *c, int i, int *min, int *max)
{
    int a = (c->max_floor + 2) / 3, z = (2 * c->max_floor + 2) / 3;
    *min = i == 0 ? 0 : i == 1 ? a + 1 : z + 1;
    *max = i == 0 ? a : i == 1 ? z : 0;
}

int units_filter_active(const browse_t *b)
{
    unit_filter_t none;
    filter_clear(&none);
    none.building = -1;
    return memcmp(&none, &b->filter, sizeof none) != 0;
}

static int text_w(ui_t *u, const char *s, int px, text_weight_t wt)
{
    int w = 0, h = 0;
    text_measure(ui_text_engine(u), s, px, wt, &w, &h);
    return w;
}

/* A band edge as the chips say it: 萬 (with tenths when needed) in
 * Chinese, millions with up to two decimals in English. */
static void fmt_price_edge(const browse_t *b, int64_t cents, char *out,
                           size_t n)
{
    long long yuan = (long long)(cents / 100);
    if (b->lang == LANG_EN) {
        long long k = (yuan + 5000) / 10000; /* hundredths of a million */
        if (k % 100 == 0)
            snprintf(out, n, "%lld", k / 100);
        else if (k % 10 == 0)
            snprintf(out, n, "%lld.%lld", k / 100, k / 10 % 10);
        else
            snprintf(out, n, "%lld.%02lld", k / 100, k % 100);
    } else {
        long long k = (yuan + 500) / 1000; /* tenths of a 萬 */
        if (k % 10 == 0)
            snprintf(out, n, "%lld", k / 10);
        else
            snprintf(out, n, "%lld.%lld", k / 10, k % 10);
    }
}

static void fmt_area_edge(int64_t hundredths, char *out, size_t n)
{
    long long v = (long long)hundredths;
    if (v % 100 == 0)
        snprintf(out, n, "%lld", v / 100);
    else
        snprintf(out, n, "%lld.%lld", v / 100, v % 100 / 10);
}

/* "350–400萬", "Under ¥3.5M", "150㎡以上": band i of bd. */
static void band_label(const browse_t *b, const units_bands_t *bd, int i,
                       int price, char *out, size_t n)
{
    char lo[24] = "", hi[24] = "";
    int64_t e0 = i > 0 ? bd->edge[i - 1] : 0;
    int64_t e1 = i < bd->n - 1 ? bd->edge[i] : 0;
    if (price) {
        fmt_price_edge(b, e0, lo, sizeof lo);
        fmt_price_edge(b, e1, hi, sizeof hi);
    } else {
        fmt_area_edge(e0, lo, sizeof lo);
        fmt_area_edge(e1, hi, sizeof hi);
    }
    const char *pre = price ? "units.price_" : "units.area_";
    char key[32];
    if (i == 0) {
        snprintf(key, sizeof key, "%sbelow", pre);
        browse_tr1(b, out, n, key, hi);
    } else if (i == bd->n - 1) {
        snprintf(key, sizeof key, "%sabove", pre);
        browse_tr1(b, out, n, key, lo);
    } else {
        snprintf(key, sizeof key, "%srange", pre);
        browse_tr2(b, out, n, key, lo, hi);
    }
}

static void floor_label(const browse_t *b, const units_choices_t *c, int i,
                        char *out, size_t n)
{
    static const char *const keys[] = {"units.floor_low", "units.floor_mid",
                                       "units.floor_high"};
    int lo, hi;
    char a[16], z[16];
    floor_bounds(c, i, &lo, &hi);
    snprintf(a, sizeof a, "%d", lo > 0 ? lo : 1);
    snprintf(z, sizeof z, "%d", hi);
    browse_tr2(b, out, n, keys[i], a, z);
}

static void bedrooms_label(const browse_t *b, int bed, char *out, size_t n)
{
    char num[8];
    snprintf(num, sizeof num, "%d", bed);
    if (bed == 0)
        snprintf(out, n, "%s", browse_tr(b, "units.studio"));
    else
        browse_tr1(b, out, n, bed == FILTER_BEDROOMS_MAX ? "units.bed_n_plus"
                                                   : "units.bed_n", num);
}

/* "12 套" / "12 homes" ("1 home"). */
void units_fmt_homes(const browse_t *b, int count, char *out, size_t n)
{
    char num[16];
    snprintf(num, sizeof num, "%d", count);
    browse_tr1(b, out, n, count == 1 ? "units.homes_one" : "units.homes", num);
}

/* Chips that flow into rows under (or beside) each group's name.  The same
 * walk measures (draw = 0) and draws, so the layout can ask how tall the
 * panel will be before anything is drawn. */
typedef struct {
    browse_t *b;
    ui_t *u;
    int draw;
    rect_t r;          /* the panel's inside */
    int y;             /* top of the next group */
    int label_left;    /* group names beside the chips, not above them */
    int chip_h, gap, group_gap, label_w, label_h, px;
    int x0, cx, row_y;
} flow_t;

static void flow_init(flow_t *f, browse_t *b, ui_t *u, rect_t r, int draw,
                      int label_left, int compact)
{
    memset(f, 0, sizeof *f);
    f->b = b;
    f->u = u;
    f->r = r;
    f->y = r.y;
    f->draw = draw;
    f->label_left = label_left;
    f->chip_h = ui_s(u, compact ? 54 : 58);
    f->gap = ui_s(u, compact ? 10 : 12);
    f->group_gap = ui_s(u, compact ? 10 : label_left ? 14 : 16);
    f->label_h = ui_s(u, 38);
    f->px = imin(ui_s(u, 30), f->chip_h * 45 / 100);
    static const char *const names[] = {"units.f_bedrooms", "units.f_price",
                                        "units.f_area", "units.f_floor",
                                        "units.f_orient"};
    int lw = 0;
    for (int i = 0; i < 5; i++)
        lw = imax(lw, text_w(u, browse_tr(b, names[i]), ui_s(u, 26),
                             TEXT_REGULAR));
    f->label_w = imin(lw + ui_s(u, 20), r.w / 4);
}

static void group_begin(flow_t *f, const char *name)
{
    f->x0 = f->r.x + (f->label_left ? f->label_w : 0);
    f->cx = f->x0;
    rect_t lr = f->label_left
                    ? (rect_t){f->r.x, f->y, f->label_w - ui_s(f->u, 12),
                               f->chip_h}
                    : (rect_t){f->r.x, f->y, f->r.w, f->label_h};
    if (f->draw)
        ui_label(f->u, lr, name, ui_s(f->u, 26), TEXT_REGULAR, ALIGN_LEFT,
                 THEME_MUTED);
    f->row_y = f->label_left ? f->y : f->y + f->label_h;
}

static void group_chip(flow_t *f, const char *text, int on, int action,
                       int arg)
{
    int right = f->r.x + f->r.w;
    int w = imax(text_w(f->u, text, f->px, TEXT_BOLD) + 2 * ui_s(f->u, 22),
                 ui_s(f->u, 84));
    w = imin(w, right - f->x0);
    if (f->cx > f->x0 && f->cx + w > right) {
        f->cx = f->x0;
        f->row_y += f->chip_h + f->gap;
    }
    if (f->draw)
        ui_button(f->u, (rect_t){f->cx, f->row_y, w, f->chip_h}, text,
                  on ? BTN_CHIP_ON : BTN_CHIP, action, arg);
    f->cx += w + f->gap;
}

static void group_end(flow_t *f)
{
    f->y = f->row_y + f->chip_h + f->group_gap;
}

/* What matches, with "available only" and "clear" beside it. */
static void filters_header(flow_t *f)
{
    browse_t *b = f->b;
    ui_t *u = f->u;
    int h = 2 * f->chip_h + f->gap;
    if (f->draw) {
        const char *avail = browse_tr(b, "units.available_only");
        const char *clear = browse_tr(b, "units.clear");
        int bw = imax(text_w(u, avail, f->px, TEXT_BOLD),
                      text_w(u, clear, f->px, TEXT_BOLD)) + 2 * ui_s(u, 22);
        bw = imin(imax(bw, ui_s(u, 180)), f->r.w / 2);
        rect_t r1 = {f->r.x + f->r.w - bw, f->r.y, bw, f->chip_h};
        rect_t r2 = {r1.x, r1.y + f->chip_h + f->gap, bw, f->chip_h};
        ui_button(u, r1, avail,
                  b->filter.available_only ? BTN_CHIP_ON : BTN_CHIP,
                  UNITS_A_AVAILABLE, 0);
        ui_button(u, r2, clear,
                  units_filter_active(b) ? BTN_SECONDARY : BTN_DISABLED,
                  UNITS_A_CLEAR, 0);

        /* The count of what the plan or list on the right shows. */
        char cap[128], num[16], word[64];
        int count;
        if (b->view == VIEW_LIST) {
            browse_refresh_list(b);
            count = b->n_list;
            snprintf(cap, sizeof cap, "%s", browse_tr(b, "units.match_all"));
        } else {
            count = browse_match_count(b);
            browse_tr1(b, cap, sizeof cap, "units.match_in",
                 ltext_get(&b->m->buildings[b->building].name, b->lang));
        }
        snprintf(num, sizeof num, "%d", count);
        snprintf(word, sizeof word, "%s",
                 browse_tr(b, count == 1 ? "units.homes_word_one"
                                         : "units.homes_word"));
        int lw = r1.x - f->r.x - ui_s(u, 16);
        int cap_h = ui_s(u, 40);
        ui_label(u, (rect_t){f->r.x, f->r.y, lw, cap_h}, cap, ui_s(u, 26),
                 TEXT_REGULAR, ALIGN_LEFT, THEME_MUTED);
        rect_t big = {f->r.x, f->r.y + cap_h, lw, h - cap_h};
        int wpx = ui_s(u, 28);
        int ww = text_w(u, word, wpx, TEXT_REGULAR);
        int npx = text_fit_px(ui_text_engine(u), num, ui_s(u, 40), ui_s(u, 72),
                              TEXT_BOLD, imax(1, lw - ww - ui_s(u, 12)));
        int nw = imin(text_w(u, num, npx, TEXT_BOLD), lw);
        text_draw_in(ui_text_engine(u), num, npx, TEXT_BOLD,
                     (rect_t){big.x, big.y, nw, big.h}, ALIGN_LEFT,
                     count > 0 ? THEME_ACCENT : THEME_MUTED);
        /* The word sits on the number's baseline, roughly. */
        rect_t wr = {big.x + nw + ui_s(u, 10), big.y + big.h / 2 - ui_s(u, 10),
                     lw - nw - ui_s(u, 10), big.h / 2 + ui_s(u, 10)};
        ui_label(u, wr, word, wpx, TEXT_REGULAR, ALIGN_LEFT, THEME_TEXT);
    }
    f->y = f->r.y + h + ui_s(u, 10);
    if (f->draw)
        render_fill_rect(ui_render(u),
                         (rect_t){f->r.x, f->y, f->r.w, imax(1, ui_s(u, 2))},
                         CARD_EDGE);
    f->y += ui_s(u, 22);
}

int units_filters_draw(browse_t *b, ui_t *u, rect_t r,
                       const units_choices_t *c, int label_left, int compact,
                       int draw)
{
    flow_t f;
    char s[96];
    flow_init(&f, b, u, r, draw, label_left, compact);
    filters_header(&f);

    if (c->n_bedrooms > 1) {
        group_begin(&f, browse_tr(b, "units.f_bedrooms"));
        for (int bed = 0; bed <= FILTER_BEDROOMS_MAX; bed++) {
            if (!(c->bedrooms & (1u << bed)))
                continue;
            bedrooms_label(b, bed, s, sizeof s);
            group_chip(&f, s, (b->filter.bedrooms >> bed) & 1,
                       UNITS_A_BEDROOMS, bed);
        }
        group_end(&f);
    }
    if (c->price.n > 1) {
        group_begin(&f, browse_tr(b, "units.f_price"));
        for (int i = 0; i < c->price.n; i++) {
            band_label(b, &c->price, i, 1, s, sizeof s);
            group_chip(&f, s, b->price_band == i, UNITS_A_PRICE, i);
        }
        group_end(&f);
    }
    if (c->area.n > 1) {
        group_begin(&f, browse_tr(b, "units.f_area"));
        for (int i = 0; i < c->area.n; i++) {
            band_label(b, &c->area, i, 0, s, sizeof s);
            group_chip(&f, s, b->area_band == i, UNITS_A_AREA, i);
        }
        group_end(&f);
    }
    if (c->max_floor >= 6) {
        group_begin(&f, browse_tr(b, "units.f_floor"));
        for (int i = 0; i < 3; i++) {
            floor_label(b, c, i, s, sizeof s);
            group_chip(&f, s, b->floor_band == i, UNITS_A_FLOOR, i);
        }
        group_end(&f);
    }
    if (c->n_orientations > 1) {
        /* South first: the order buyers rank them in. */
        static const orientation_t order[ORIENT_COUNT] = {
            ORIENT_S, ORIENT_SE, ORIENT_SW, ORIENT_E,
            ORIENT_W, ORIENT_NE, ORIENT_NW, ORIENT_N};
        group_begin(&f, browse_tr(b, "units.f_orient"));
        for (int i = 0; i < ORIENT_COUNT; i++) {
            orientation_t o = order[i];
            if (c->orientations & (1u << o))
                group_chip(&f, browse_orientation_label(b, o),
                           (b->filter.orientations >> o) & 1, UNITS_A_ORIENT,
                           (int)o);
        }
        group_end(&f);
    }
    return f.y - f.group_gap - r.y;
}

/* A chip's count: "12 套" / "12 homes", or tersely the number alone. */
static void chip_count(const browse_t *b, int count, int terse, char *out,
                       size_t n)
{
    if (terse)
        snprintf(out, n, "%d", count);
    else
        units_fmt_homes(b, count, out, n);
}

/* How narrow a chip may be: the longest name and count (the labels shrink
 * a little to fit). */
static int picker_min_width(const browse_t *b, ui_t *u, int terse)
{
    /* The widest count a tower could show: its size, in 8s. */
    const model_t *m = b->m;
    int most = 0, sample = 8;
    for (int i = 0; i < m->n_buildings; i++)
        most = imax(most, m->buildings[i].floors *
                              m->buildings[i].units_per_floor);
    while (sample <= most && sample < 100000000)
        sample = sample * 10 + 8;
    char line[64];
    chip_count(b, sample, terse, line, sizeof line);
    int min = imax(ui_s(u, 84), text_w(u, line, ui_s(u, 19), TEXT_BOLD));
    for (int i = 0; i < m->n_buildings; i++)
        min = imax(min, text_w(u, ltext_get(&m->buildings[i].name, b->lang),
                               ui_s(u, 21), TEXT_BOLD));
    return min + 2 * ui_s(u, 6);
}

/* Chips for every tower in as few rows as fit w: want_rows with the full
 * count ("12 homes") when they fit, else the terse count, else up to
 * max_rows, else pages of towers behind ‹ and ›. */
void units_picker_layout(const browse_t *b, ui_t *u, int w, int want_rows,
                         int max_rows, units_picker_t *p)
{
    int n = b->m->n_buildings, fit = 1;
    memset(p, 0, sizeof *p);
    p->gap = ui_s(u, 10);
    p->chip_h = ui_s(u, 72);
    for (p->terse = 0; p->terse < 2; p->terse++) {
        fit = imax(1, (w + p->gap) /
                          (imin(picker_min_width(b, u, p->terse), w) + p->gap));
        if (n <= fit * want_rows)
            break;
    }
    if (p->terse == 2) {
        /* Terse does not save a row: more rows, with the words. */
        p->terse = 0;
        fit = imax(1, (w + p->gap) /
                          (imin(picker_min_width(b, u, 0), w) + p->gap));
    }
    if (n <= fit * max_rows) {
        p->rows = imax(1, (n + fit - 1) / fit);
        p->per_row = imax(1, (n + p->rows - 1) / p->rows);
        p->first = 0;
        p->count = n;
    } else {
        int cap = imax(1, fit * max_rows - 2);
        p->paged = 1;
        p->rows = max_rows;
        p->per_row = fit;
        p->first = b->building / cap * cap;
        p->count = imin(cap, n - p->first);
    }
    p->chip_w = imin((w - p->gap * (p->per_row - 1)) / p->per_row,
                     ui_s(u, 220));
}

int units_picker_height(const units_picker_t *p)
{
    return p->rows * p->chip_h + (p->rows - 1) * p->gap;
}

static rect_t picker_slot(const units_picker_t *p, rect_t r, int k)
{
    return (rect_t){r.x + k % p->per_row * (p->chip_w + p->gap),
                    r.y + k / p->per_row * (p->chip_h + p->gap), p->chip_w,
                    p->chip_h};
}

void units_picker_draw(browse_t *b, ui_t *u, rect_t r,
                       const units_picker_t *p)
{
    const model_t *m = b->m;
    int *counts = calloc((size_t)m->n_buildings, sizeof *counts);
    if (counts) {
        unit_filter_t f = b->filter;
        f.building = -1;
        for (int i = 0; i < m->n_units; i++)
            counts[m->units[i].building] += filter_match(m, &f, &m->units[i]);
    }
    /* One size for every name and one for every count, as large as the
     * longest allows: chips of a row read as a set. */
    text_t *te = ui_text_engine(u);
    int inner_w = p->chip_w - 2 * ui_s(u, 6);
    int name_px = ui_s(u, 26), count_px = ui_s(u, 22);
    for (int k = 0; k < p->count; k++) {
        char line[64];
        name_px = text_fit_px(te, ltext_get(&m->buildings[p->first + k].name,
                                            b->lang),
                              ui_s(u, 19), name_px, TEXT_BOLD, inner_w);
        chip_count(b, counts ? counts[p->first + k] : 0, p->terse, line,
                   sizeof line);
        count_px = text_fit_px(te, line, ui_s(u, 16), count_px, TEXT_BOLD,
                               inner_w);
    }
    int rad = ui_s(u, 12);
    for (int k = 0; k < p->count; k++) {
        int i = p->first + k;
        rect_t c = picker_slot(p, r, k);
        /* The list spans every tower: none is "the" tower there. */
        int on = i == b->building && b->view == VIEW_PLAN;
        int n = counts ? counts[i] : 0;
        char line[64];
        ui_round_rect(u, c, rad, on ? RGB(0xF3E3B5) : RGB(0x1D2C48));
        if (!on)
            ui_round_frame(u, c, rad, imax(1, ui_s(u, 2)),
                           n > 0 ? RGB(0x3A4B6B) : RGB(0x27344C));
        rect_t in = ui_inset(c, ui_s(u, 6));
        int h1 = in.h * 55 / 100;
        text_draw_in(te, ltext_get(&m->buildings[i].name, b->lang), name_px,
                     TEXT_BOLD, (rect_t){in.x, in.y, in.w, h1}, ALIGN_CENTER,
                     on ? THEME_INK_DARK : n > 0 ? THEME_TEXT : THEME_MUTED);
        chip_count(b, n, p->terse, line, sizeof line);
        text_draw_in(te, line, count_px, n > 0 ? TEXT_BOLD : TEXT_REGULAR,
                     (rect_t){in.x, in.y + h1, in.w, in.h - h1}, ALIGN_CENTER,
                     on      ? RGB(0x1E6B43)
                     : n > 0 ? RGB(0x5FD08F)
                             : RGB(0x5A6882));
        ui_hit(u, c, UNITS_A_BUILDING, i);
    }
    if (p->paged) {
        int n = m->n_buildings, cap = imax(1, p->rows * p->per_row - 2);
        int prev = p->first - cap >= 0 ? p->first - cap : (n - 1) / cap * cap;
        int next = p->first + cap < n ? p->first + cap : 0;
        int slots = p->rows * p->per_row;
        ui_button(u, picker_slot(p, r, slots - 2), "‹", BTN_SECONDARY,
                  UNITS_A_BUILDING, prev);
        ui_button(u, picker_slot(p, r, slots - 1), "›", BTN_SECONDARY,
                  UNITS_A_BUILDING, next);
    }
    free(counts);
}

/* Sets or clears band i of a filter group (a second tap on the chosen
 * band clears it). */
static int toggle_band(int *chosen, int i, int n)
{
    if (i < 0 || i >= n)
        return -1;
    *chosen = *chosen == i ? -1 : i;
    return *chosen;
}

/* Sets the tower or the filter a chip stands for; a second tap on the
 * chosen band lets every value through again. */
int units_filters_tap(browse_t *b, int act, int arg)
{
    units_choices_t ch;
    int64_t lo, hi;
    if (!b->m || act < UNITS_A_BUILDING || act > UNITS_A_CLEAR)
        return 0;
    if (act == UNITS_A_BUILDING) {
        if (arg >= 0 && arg < b->m->n_buildings) {
            b->building = arg;
            b->view = VIEW_PLAN;
            b->list_scroll = 0;
        }
        return 1;
    }
    units_choices_make(b, &ch);
    switch (act) {
    case UNITS_A_BEDROOMS:
        if (arg >= 0 && arg <= FILTER_BEDROOMS_MAX)
            b->filter.bedrooms ^= 1u << arg;
        break;
    case UNITS_A_PRICE:
        if (toggle_band(&b->price_band, arg, ch.price.n) < 0) {
            b->filter.price_min = b->filter.price_max = 0;
        } else {
            band_bounds(&ch.price, arg, &lo, &hi);
            b->filter.price_min = lo;
            b->filter.price_max = hi;
        }
        break;
    case UNITS_A_AREA:
        if (toggle_band(&b->area_band, arg, ch.area.n) < 0) {
            b->filter.area_min = b->filter.area_max = 0;
        } else {
            band_bounds(&ch.area, arg, &lo, &hi);
            b->filter.area_min = (int32_t)lo;
            b->filter.area_max = (int32_t)hi;
        }
        break;
    case UNITS_A_FLOOR:
        if (toggle_band(&b->floor_band, arg, 3) < 0)
            b->filter.floor_min = b->filter.floor_max = 0;
        else
            floor_bounds(&ch, arg, &b->filter.floor_min, &b->filter.floor_max);
        break;
    case UNITS_A_ORIENT:
        if (arg >= 0 && arg < ORIENT_COUNT)
            b->filter.orientations ^= 1u << arg;
        break;
    case UNITS_A_AVAILABLE:
        b->filter.available_only = !b->filter.available_only;
        break;
    default: /* UNITS_A_CLEAR */
        filter_clear(&b->filter);
        b->filter.building = -1;
        b->price_band = b->area_band = b->floor_band = -1;
        break;
    }
    /* Other homes match: the list starts again from its top. */
    b->list_valid = 0;
    b->list_scroll = 0;
    return 1;
}
