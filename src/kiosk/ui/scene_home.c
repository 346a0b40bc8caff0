/* scene_home.c - the project at a glance, and the ways in.
 *
 * The first screen after a touch: a project image, the name, the facts a
 * buyer asks first (how many homes are left, from what price, what sizes,
 * when they are delivered, the property fee), the pre-sale permits that
 * must accompany prices, and four large entries: units, project, location
 * and the mortgage calculator.  The language switch is in the top bar.
 */
#include "browse_private.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    int available, total;
    int64_t min_price;          /* cents, of available units */
    int32_t min_area, max_area; /* built, of every unit */
} facts_t;

static void gather(const model_t *m, const browse_t *b, facts_t *f)
{
    memset(f, 0, sizeof *f);
    for (int i = 0; i < m->n_units; i++) {
        const unit_t *u = &m->units[i];
        f->total++;
        if (i == 0 || u->area_built < f->min_area)
            f->min_area = u->area_built;
        if (u->area_built > f->max_area)
            f->max_area = u->area_built;
        if (browse_customer_status(b, u) == CUSTOMER_AVAILABLE) {
            f->available++;
            if (!f->min_price || u->list_price < f->min_price)
                f->min_price = u->list_price;
        }
    }
}

/* One fact: a small caption over a large value. */
static void fact(ui_t *u, rect_t r, const char *caption, const char *value)
{
    int ch = r.h * 36 / 100;
    ui_label(u, (rect_t){r.x, r.y, r.w, ch}, caption, ui_s(u, 26),
             TEXT_REGULAR, ALIGN_LEFT, THEME_MUTED);
    ui_label(u, (rect_t){r.x, r.y + ch, r.w, r.h - ch}, value, ui_s(u, 46),
             TEXT_BOLD, ALIGN_LEFT, THEME_TEXT);
}

static void draw_facts(browse_t *b, ui_t *u, rect_t r)
{
    const model_t *m = b->m;
    const project_t *p = &m->project;
    facts_t f;
    char v[4][96], tmp[64], tmp2[64];
    gather(m, b, &f);

    ui_round_rect(u, r, ui_s(u, 20), RGB(0x15213A));
    rect_t in = ui_inset(r, ui_s(u, 36));
    int rows = 3;
    int cap_h = ui_s(u, 60);
    rect_t grid = {in.x, in.y, in.w, in.h - cap_h - ui_s(u, 12)};

    snprintf(tmp, sizeof tmp, "%d", f.available);
    snprintf(tmp2, sizeof tmp2, "%d", f.total);
    const char *a1[] = {tmp, tmp2};
    browse_fmt(v[0], sizeof v[0], browse_tr(b, "home.available_value"), a1, 2);
    if (f.min_price > 0) {
        browse_fmt_wan(b, f.min_price, tmp, sizeof tmp);
        const char *a2[] = {tmp};
        browse_fmt(v[1], sizeof v[1], browse_tr(b, "home.from_value"), a2, 1);
    } else {
        snprintf(v[1], sizeof v[1], "%s", browse_tr(b, "home.sold_out"));
    }
    snprintf(tmp, sizeof tmp, "%d", f.min_area / 100);
    snprintf(tmp2, sizeof tmp2, "%d", (f.max_area + 99) / 100);
    const char *a3[] = {tmp, tmp2};
    browse_fmt(v[2], sizeof v[2], browse_tr(b, "home.area_value"), a3, 2);
    char y[8] = "", mo[8] = "";
    if (strlen(p->delivery_date) >= 7) {
        snprintf(y, sizeof y, "%.4s", p->delivery_date);
        snprintf(mo, sizeof mo, "%d", (p->delivery_date[5] - '0') * 10 +
                                           (p->delivery_date[6] - '0'));
    }
    const char *a4[] = {y, mo};
    if (y[0])
        browse_fmt(v[3], sizeof v[3], browse_tr(b, "home.delivery_value"), a4, 2);
    else
        snprintf(v[3], sizeof v[3], "—");

    const char *caps[4] = {browse_tr(b, "home.available"),
                           browse_tr(b, "home.from"),
                           browse_tr(b, "home.area"),
                           browse_tr(b, "home.delivery")};
    int gap = ui_s(u, 24);
    for (int i = 0; i < 4; i++) {
        rect_t row = ui_col(grid, rows, i / 2, gap);
        fact(u, ui_row(row, 2, i % 2, gap), caps[i], v[i]);
    }
    /* Third row: the property fee, and the developer. */
    rect_t row = ui_col(grid, rows, 2, gap);
    if (p->property_fee > 0) {
        snprintf(tmp, sizeof tmp, "%lld.%02lld", (long long)(p->property_fee / 100),
                 (long long)(p->property_fee % 100));
        const char *a5[] = {tmp};
        browse_fmt(v[0], sizeof v[0], browse_tr(b, "home.fee_value"), a5, 1);
        fact(u, ui_row(row, 2, 0, gap), browse_tr(b, "home.fee"), v[0]);
    }
    fact(u, ui_row(row, 2, 1, gap), browse_tr(b, "home.developer"),
         ltext_get(&p->developer, b->lang));
    /* The permits go with every price shown. */
    if (p->permits[0]) {
        const char *a6[] = {p->permits};
        browse_fmt(v[0], sizeof v[0], browse_tr(b, "home.permits"), a6, 1);
        ui_label(u, (rect_t){in.x, in.y + in.h - cap_h, in.w, cap_h}, v[0],
                 ui_s(u, 24), TEXT_REGULAR, ALIGN_LEFT, THEME_MUTED);
    }
}

/* A large entry tile: a title and a one-line hint. */
static void tile(browse_t *b, ui_t *u, rect_t r, const char *title_key,
                 const char *hint_key, int primary, int action, int arg)
{
    color_t fill = primary ? THEME_ACCENT : RGB(0x1D2C48);
    color_t ink = primary ? RGB(0x1B1405) : THEME_TEXT;
    color_t sub = primary ? RGB(0x4A3A10) : THEME_MUTED;
    ui_round_rect(u, r, ui_s(u, 20), fill);
    if (!primary)
        ui_round_frame(u, r, ui_s(u, 20), ui_s(u, 2), RGB(0x33456A));
    rect_t in = ui_inset(r, ui_s(u, 28));
    int th = in.h * 55 / 100;
    ui_label(u, (rect_t){in.x, in.y, in.w, th}, browse_tr(b, title_key),
             ui_s(u, 48), TEXT_BOLD, ALIGN_LEFT, ink);
    ui_label(u, (rect_t){in.x, in.y + th, in.w, in.h - th},
             browse_tr(b, hint_key), ui_s(u, 26), TEXT_REGULAR, ALIGN_LEFT,
             sub);
    ui_hit(u, r, action, arg);
}

static void draw_hero(browse_t *b, ui_t *u, rect_t r)
{
    const project_t *p = &b->m->project;
    render_image_t *img = p->n_heroes > 0 ? images_get(b->images, p->heroes[0])
                                          : NULL;
    render_clip(ui_render(u), &r);
    if (img)
        ui_image(u, r, img, 1, NULL);
    else
        render_fill_rect(ui_render(u), r, RGB(0x1A2740));
    /* The name over a shade at the bottom of the picture. */
    int sh = imin(r.h / 2, ui_s(u, 260));
    for (int k = 0; k < 8; k++)
        render_fill_rect(ui_render(u),
                         (rect_t){r.x, r.y + r.h - sh + sh * k / 8, r.w, sh / 8 + 1},
                         (color_t){8, 14, 26, (uint8_t)(30 + 25 * k)});
    rect_t in = ui_inset(r, ui_s(u, 36));
    ui_label(u, (rect_t){in.x, in.y + in.h - ui_s(u, 150), in.w, ui_s(u, 90)},
             ltext_get(&p->name, b->lang), ui_s(u, 72), TEXT_BOLD, ALIGN_LEFT,
             THEME_ACCENT);
    ui_label(u, (rect_t){in.x, in.y + in.h - ui_s(u, 56), in.w, ui_s(u, 56)},
             ltext_get(&p->address, b->lang), ui_s(u, 32), TEXT_REGULAR,
             ALIGN_LEFT, THEME_TEXT);
    render_clip(ui_render(u), NULL);
}

static void draw(browse_t *b, ui_t *u)
{
    rect_t c = browse_chrome(b, u, browse_tr(b, "home.title"));
    if (!b->m) {
        ui_label(u, c, browse_tr(b, "common.no_data"), ui_s(u, 40), TEXT_BOLD,
                 ALIGN_CENTER, THEME_MUTED);
        return;
    }
    int pad = ui_s(u, 40), gap = ui_s(u, 32);
    rect_t in = {c.x + pad, c.y + pad, c.w - 2 * pad, c.h - 2 * pad};
    struct {
        const char *title, *hint;
        int primary, action, arg;
    } tiles[4] = {
        {"home.units", "home.units_hint", 1, ACT_GO, SCENE_UNITS},
        {"home.info", "home.info_hint", 0, ACTION_BASE(SCENE_HOME) + 1, 0},
        {"home.location", "home.location_hint", 0, ACTION_BASE(SCENE_HOME) + 1, 1},
        {"home.mortgage", "home.mortgage_hint", 0, ACTION_BASE(SCENE_HOME) + 2, 0},
    };
    if (ui_portrait(u)) {
        int hero_h = in.h * 34 / 100, facts_h = in.h * 30 / 100;
        draw_hero(b, u, (rect_t){in.x, in.y, in.w, hero_h});
        draw_facts(b, u, (rect_t){in.x, in.y + hero_h + gap, in.w, facts_h});
        rect_t t = {in.x, in.y + hero_h + facts_h + 2 * gap, in.w,
                    in.h - hero_h - facts_h - 2 * gap};
        for (int i = 0; i < 4; i++)
            tile(b, u, ui_row(ui_col(t, 2, i / 2, gap), 2, i % 2, gap),
                 tiles[i].title, tiles[i].hint, tiles[i].primary,
                 tiles[i].action, tiles[i].arg);
    } else {
        int left_w = in.w * 56 / 100;
        int tiles_h = ui_s(u, 230);
        rect_t top = {in.x, in.y, in.w, in.h - tiles_h - gap};
        draw_hero(b, u, (rect_t){top.x, top.y, left_w, top.h});
        draw_facts(b, u, (rect_t){top.x + left_w + gap, top.y,
                                  top.w - left_w - gap, top.h});
        rect_t t = {in.x, in.y + in.h - tiles_h, in.w, tiles_h};
        for (int i = 0; i < 4; i++)
            tile(b, u, ui_row(t, 4, i, gap), tiles[i].title, tiles[i].hint,
                 tiles[i].primary, tiles[i].action, tiles[i].arg);
    }
}

static void action(browse_t *b, int act, int arg)
{
    switch (act - ACTION_BASE(SCENE_HOME)) {
    case 1: /* project information, or its location tab */
        b->info_tab = arg;
        b->info_scroll = 0;
        browse_go(b, SCENE_INFO);
        break;
    case 2: /* the calculator, from a typical price unless one was chosen */
        if (!b->mtg_touched)
            browse_mortgage_for(b, 0);
        browse_go(b, SCENE_MORTGAGE);
        break;
    default:
        break;
    }
}

const scene_ops_t scene_home_ops = {.draw = draw, .action = action};
