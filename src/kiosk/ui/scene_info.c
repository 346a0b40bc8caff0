/* scene_info.c - the project in words and pictures, and where it is.
 *
 * Two tabs.  "Project": the project's pictures, its description, the
 * highlights, the amenities, delivery and property fee, and the site plan.
 * "Location": the location map, large, the address and the highlights that
 * speak of the surroundings.  The page scrolls with a finger (drag, then
 * inertia), clamped at both ends; only the blocks on screen are drawn,
 * clipped to the page.
 *
 * The page is laid out by one function that either measures or draws, so
 * the gesture handler knows how far the page may scroll without keeping a
 * copy of the layout anywhere.
 *
 * Not for: editing anything (the project comes from the server, read only).
 */
#include "browse_private.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

enum {
    IA_TAB = ACTION_BASE(SCENE_INFO) + 1, /* arg: 0 project, 1 location */
    IA_PAGE,  /* the scrolling page: taps do nothing; the gesture handler
                 finds where it was drawn */
};

/* ---- the flow: measure or draw ------------------------------------------- */

typedef struct {
    browse_t *b;
    ui_t *u;
    rect_t view;  /* the page on screen */
    int left;     /* screen x of the page's x = 0 */
    int top;      /* screen y of the page's y = 0 */
    int draw;     /* 0: measure only */
} flow_t;

/* The screen rectangle of a block at page y; 1 when it is to be drawn. */
static int block(const flow_t *f, int x, int y, int w, int h, rect_t *out)
{
    *out = (rect_t){f->left + x, f->top + y, w, h};
    return f->draw && out->y < f->view.y + f->view.h &&
           out->y + out->h > f->view.y;
}

static int S(const flow_t *f, int design_px)
{
    return ui_s(f->u, design_px);
}

/* Copies line `i` of a '\n'-separated list into out; returns 0 past the
 * end. */
static int list_item(const char *list, int i, char *out, size_t n)
{
    const char *p = list;
    for (int k = 0; k < i; k++) {
        p = strchr(p, '\n');
        if (!p)
            return 0;
        p++;
    }
    if (!*p)
        return 0;
    size_t len = strcspn(p, "\n");
    if (len >= n)
        len = n - 1;
    memcpy(out, p, len);
    out[len] = '\0';
    return 1;
}

/* ---- blocks: each returns the height it takes ------------------------------ */

/* A section title with a gold rule before it. */
static int section_title(const flow_t *f, int x, int y, int w, const char *s)
{
    int h = S(f, 72);
    rect_t r;
    if (block(f, x, y, w, h, &r)) {
        int bar_h = S(f, 34);
        ui_round_rect(f->u, (rect_t){r.x, r.y + (h - bar_h) / 2, S(f, 6), bar_h},
                      S(f, 3), THEME_ACCENT);
        ui_label(f->u, (rect_t){r.x + S(f, 22), r.y, w - S(f, 22), h}, s,
                 S(f, 36), TEXT_BOLD, ALIGN_LEFT, THEME_TEXT);
    }
    return h;
}

static int paragraph(const flow_t *f, int x, int y, int w, const char *s)
{
    int px = S(f, 30), lh = S(f, 52);
    int h = ui_paragraph_height(f->u, w, s, px, lh);
    rect_t r;
    if (block(f, x, y, w, h, &r)) {
        /* Lines below the page are not drawn; those above are clipped. */
        r.h = imin(r.h, f->view.y + f->view.h - r.y + lh);
        ui_paragraph(f->u, r, s, px, lh, TEXT_REGULAR, RGB(0xD5DDEA));
    }
    return h;
}

/* A list with gold bullets; `keep` (may be NULL) picks the items. */
static int bullets(const flow_t *f, int x, int y, int w, const char *list,
                   int (*keep)(const char *))
{
    char item[MODEL_TEXT_MAX];
    int px = S(f, 30), lh = S(f, 50), indent = S(f, 40), h = 0;
    for (int i = 0; list_item(list, i, item, sizeof item); i++) {
        if (!item[0] || (keep && !keep(item)))
            continue;
        int ih = ui_paragraph_height(f->u, w - indent, item, px, lh);
        rect_t r;
        if (block(f, x, y + h, w, ih, &r)) {
            int dot = S(f, 12);
            ui_round_rect(f->u, (rect_t){r.x + S(f, 6), r.y + (lh - dot) / 2,
                                         dot, dot},
                          dot / 2, THEME_ACCENT);
            ui_paragraph(f->u, (rect_t){r.x + indent, r.y, w - indent, ih},
                         item, px, lh, TEXT_REGULAR, THEME_TEXT);
        }
        h += ih + S(f, 12);
    }
    return h;
}

/* Amenities as chips that flow into rows; a chip too long for the row
 * wraps its words inside itself. */
static int amenity_chips(const flow_t *f, int x, int y, int w, const char *list)
{
    char item[MODEL_TEXT_MAX];
    int px = S(f, 28), lh = S(f, 44), padx = S(f, 26), gap = S(f, 14);
    int chip_h = S(f, 68);
    int cx = 0, cy = 0, row_h = 0;
    text_t *t = ui_text_engine(f->u);
    for (int i = 0; list_item(list, i, item, sizeof item); i++) {
        if (!item[0])
            continue;
        int tw = 0, th = 0;
        text_measure(t, item, px, TEXT_REGULAR, &tw, &th);
        int cw = tw + 2 * padx + S(f, 4), ch = chip_h;
        if (cw > w) {
            cw = w;
            ch = ui_paragraph_height(f->u, w - 2 * padx, item, px, lh) +
                 (chip_h - lh);
        }
        if (cx > 0 && cx + cw > w) {
            cx = 0;
            cy += row_h + gap;
            row_h = 0;
        }
        rect_t r;
        if (block(f, x + cx, y + cy, cw, ch, &r)) {
            ui_round_rect(f->u, r, S(f, 34), RGB(0x1D2C48));
            ui_round_frame(f->u, r, S(f, 34), imax(1, S(f, 2)), RGB(0x5C5030));
            if (ch == chip_h)
                ui_label(f->u, (rect_t){r.x + padx, r.y, r.w - 2 * padx, r.h},
                         item, px, TEXT_REGULAR, ALIGN_CENTER, THEME_TEXT);
            else
                ui_paragraph(f->u, (rect_t){r.x + padx, r.y + (chip_h - lh) / 2,
                                            r.w - 2 * padx, r.h},
                             item, px, lh, TEXT_REGULAR, THEME_TEXT);
        }
        cx += cw + gap;
        row_h = imax(row_h, ch);
    }
    return row_h > 0 ? cy + row_h : 0;
}

/* One fact in a card: a caption over a value. */
static int fact(const flow_t *f, int x, int y, int w, const char *cap,
                const char *value)
{
    int h = S(f, 112);
    rect_t r;
    if (value && value[0] && block(f, x, y, w, h, &r)) {
        ui_label(f->u, (rect_t){r.x, r.y, r.w, S(f, 44)}, cap, S(f, 26),
                 TEXT_REGULAR, ALIGN_LEFT, THEME_MUTED);
        ui_label(f->u, (rect_t){r.x, r.y + S(f, 44), r.w, S(f, 64)}, value,
                 S(f, 40), TEXT_BOLD, ALIGN_LEFT, THEME_TEXT);
    }
    return value && value[0] ? h : 0;
}

/* Delivery, property fee and developer on a card; the permits below. */
static int facts_card(const flow_t *f, int x, int y, int w)
{
    const browse_t *b = f->b;
    const project_t *p = &b->m->project;
    char deliv[64] = "", fee[64] = "", tmp[32], mo[8], yr[8], permits[256] = "";
    if (strlen(p->delivery_date) >= 7) {
        snprintf(yr, sizeof yr, "%.4s", p->delivery_date);
        snprintf(mo, sizeof mo, "%d", (p->delivery_date[5] - '0') * 10 +
                                          (p->delivery_date[6] - '0'));
        const char *a[] = {yr, mo};
        browse_fmt(deliv, sizeof deliv, browse_tr(b, "home.delivery_value"), a, 2);
    }
    if (p->property_fee > 0) {
        snprintf(tmp, sizeof tmp, "%lld.%02lld",
                 (long long)(p->property_fee / 100),
                 (long long)(p->property_fee % 100));
        const char *a[] = {tmp};
        browse_fmt(fee, sizeof fee, browse_tr(b, "home.fee_value"), a, 1);
    }
    if (p->permits[0]) {
        const char *a[] = {p->permits};
        browse_fmt(permits, sizeof permits, browse_tr(b, "home.permits"), a, 1);
    }
    const char *dev = ltext_get(&p->developer, b->lang);
    int pad = S(f, 32), iw = w - 2 * pad;
    int two = iw >= S(f, 640); /* facts side by side when there is room */
    int cw = two ? (iw - S(f, 24)) / 2 : iw;
    int n = (deliv[0] != 0) + (fee[0] != 0) + (dev[0] != 0);
    int rows = two ? (n + 1) / 2 : n;
    int perm_lh = S(f, 40);
    int perm_h = permits[0] ? ui_paragraph_height(f->u, iw, permits, S(f, 24),
                                                  perm_lh) + S(f, 8)
                            : 0;
    int pitch = S(f, 128);
    int h = 2 * pad + rows * pitch - (pitch - S(f, 112)) + perm_h;
    if (n == 0 && !perm_h)
        return 0;
    rect_t r;
    if (block(f, x, y, w, h, &r))
        ui_round_rect(f->u, r, S(f, 20), RGB(0x15213A));
    const char *caps[3] = {browse_tr(b, "info.delivery"),
                           browse_tr(b, "info.fee"),
                           browse_tr(b, "home.developer")};
    const char *vals[3] = {deliv, fee, dev};
    int k = 0;
    for (int i = 0; i < 3; i++) {
        if (!vals[i][0])
            continue;
        int col = two ? k % 2 : 0, row = two ? k / 2 : k;
        fact(f, x + pad + col * (cw + S(f, 24)), y + pad + row * pitch, cw,
             caps[i], vals[i]);
        k++;
    }
    if (perm_h && block(f, x + pad, y + h - pad - perm_h, iw, perm_h, &r))
        ui_paragraph(f->u, (rect_t){r.x, r.y + S(f, 8), r.w, r.h}, permits,
                     S(f, 24), perm_lh, TEXT_REGULAR, THEME_MUTED);
    return h;
}

/* Stands in for the project's pictures while there are none: a quiet
 * panel, a gold rule and the outline of towers by a lake, kept clear of
 * the name. */
static void skyline(const flow_t *f, rect_t r, int name_w)
{
    static const int towers[][2] = {{64, 62}, {40, 78}, {72, 54}, {48, 86},
                                    {60, 66}, {36, 48}, {56, 72}, {44, 58}};
    const int nt = (int)(sizeof towers / sizeof *towers);
    render_t *rd = ui_render(f->u);
    rect_t floors[160];
    int nf = 0;
    ui_round_rect(f->u, r, S(f, 20), RGB(0x1A2740));
    render_fill_rect(rd, (rect_t){r.x + S(f, 48), r.y + S(f, 56), S(f, 120),
                                  S(f, 6)},
                     THEME_ACCENT);
    int base = r.y + r.h - S(f, 64), tx = r.x + r.w * 52 / 100;
    if (S(f, 48) + name_w + S(f, 40) > r.w * 48 / 100)
        base = r.y + r.h - S(f, 210); /* a long name: towers above it */
    int room = r.x + r.w - S(f, 56) - tx, used = 0;
    for (int i = 0; i < nt; i++)
        used += S(f, towers[i][0]) + S(f, 14);
    used = imax(used, 1);
    int refl_max = imin(r.y + r.h - S(f, 20) - (base + S(f, 10)), S(f, 24));
    for (int i = 0; i < nt; i++) {
        int tw = S(f, towers[i][0]) * room / used;
        int th = (base - r.y - S(f, 90)) * towers[i][1] / 100;
        render_fill_rect(rd, (rect_t){tx, base - th, tw, th}, RGB(0x22335A));
        render_fill_rect(rd, (rect_t){tx, base + S(f, 10), tw,
                                      imin(th / 6, refl_max)},
                         RGB(0x1E2E4D)); /* the reflection */
        /* Floor lines, so they read as towers. */
        for (int fy = base - th + S(f, 18); fy < base - S(f, 8) && nf < 160;
             fy += S(f, 20))
            floors[nf++] = (rect_t){tx + S(f, 6), fy, tw - S(f, 12),
                                    imax(1, S(f, 3))};
        tx += tw + S(f, 14) * room / used;
    }
    render_fill_rects(rd, floors, nf, RGB(0x2B3F68));
    render_fill_rect(rd, (rect_t){r.x + r.w * 48 / 100, base + S(f, 4),
                                  r.w * 52 / 100 - S(f, 32), imax(1, S(f, 2))},
                     RGB(0x5C5030));
}

/* The project's pictures side by side (the first one larger), the name
 * and address over a shade.  Pictures that have not arrived are left out;
 * with none, the skyline stands in. */
static int hero_strip(const flow_t *f, int x, int y, int w, int h)
{
    browse_t *b = f->b;
    const project_t *p = &b->m->project;
    const char *name = ltext_get(&p->name, b->lang);
    rect_t r;
    if (!block(f, x, y, w, h, &r))
        return h;
    render_t *rd = ui_render(f->u);
    int slots = w > S(f, 1400) ? 3 : w > S(f, 900) ? 2 : 1, n = 0;
    render_image_t *imgs[3];
    for (int i = 0; i < p->n_heroes && i < MODEL_HEROES_MAX && n < slots; i++)
        if ((imgs[n] = images_get(b->images, p->heroes[i])))
            n++;
    int gap = S(f, 12);
    rect_t clip = r; /* the strip's part of the page on screen */
    if (clip.y < f->view.y) {
        clip.h -= f->view.y - clip.y;
        clip.y = f->view.y;
    }
    clip.h = imin(clip.h, f->view.y + f->view.h - clip.y);
    if (n == 0) {
        int nw = 0, nh = 0;
        text_measure(ui_text_engine(f->u), name, S(f, 68), TEXT_BOLD, &nw, &nh);
        skyline(f, r, nw);
        if (p->n_heroes > 0) /* named, not arrived yet (sync brings them) */
            ui_label(f->u, (rect_t){r.x + S(f, 48), r.y + S(f, 76),
                                    r.w * 45 / 100, S(f, 44)},
                     browse_tr(b, "info.no_picture"), S(f, 26), TEXT_REGULAR,
                     ALIGN_LEFT, THEME_MUTED);
    }
    /* Weights 2:1:1 across the pictures shown. */
    int units = n == 1 ? 1 : n + 1, ux = 0;
    for (int i = 0; i < n; i++) {
        int wu = i == 0 && n > 1 ? 2 : 1;
        int x0 = r.x + (int)((long long)(r.w + gap) * ux / units);
        int x1 = r.x + (int)((long long)(r.w + gap) * (ux + wu) / units) - gap;
        if (i == n - 1)
            x1 = r.x + r.w;
        rect_t box = {x0, r.y, x1 - x0, r.h};
        rect_t bc = {box.x, clip.y, box.w, clip.h};
        render_clip(rd, &bc); /* pictures drawn with cover spill */
        ui_image(f->u, box, imgs[i], 1, NULL);
        ux += wu;
    }
    render_clip(rd, &clip);
    /* The name and address over a shade on the first picture. */
    int first_w = n > 1 ? (int)((long long)(r.w + gap) * 2 / (n + 1)) - gap : r.w;
    int sh = imin(r.h / 2, S(f, 220));
    if (n > 0)
        for (int k = 0; k < 8; k++)
            render_fill_rect(rd,
                             (rect_t){r.x, r.y + r.h - sh + sh * k / 8, first_w,
                                      sh / 8 + 1},
                             (color_t){8, 14, 26, (uint8_t)(30 + 25 * k)});
    rect_t in = {r.x + S(f, 48), r.y, first_w - S(f, 96), r.h - S(f, 36)};
    ui_label(f->u, (rect_t){in.x, in.y + in.h - S(f, 150), in.w, S(f, 100)},
             name, S(f, 68), TEXT_BOLD, ALIGN_LEFT, THEME_ACCENT);
    ui_label(f->u, (rect_t){in.x, in.y + in.h - S(f, 52), in.w, S(f, 52)},
             ltext_get(&p->address, b->lang), S(f, 30), TEXT_REGULAR,
             ALIGN_LEFT, THEME_TEXT);
    render_clip(rd, &f->view);
    return h;
}

/* A picture on a panel, letterboxed, with its caption above. */
static int picture(const flow_t *f, int x, int y, int w, int h,
                   const char *sha, const char *empty_key)
{
    rect_t r;
    if (!block(f, x, y, w, h, &r))
        return h;
    render_image_t *img = sha[0] ? images_get(f->b->images, sha) : NULL;
    if (img) {
        ui_round_rect(f->u, r, S(f, 20), RGB(0x15213A));
        ui_image(f->u, ui_inset(r, S(f, 16)), img, 0, NULL);
    } else {
        ui_image(f->u, r, NULL, 0, browse_tr(f->b, empty_key));
    }
    return h;
}

/* ---- the two pages ------------------------------------------------------- */

/* Words that mark a highlight as being about the surroundings. */
static int about_location(const char *s)
{
    static const char *const words[] = {
        "地鐵", "地铁", "站", "學校", "学校", "醫院", "医院", "公里", "步行",
        "分鐘", "分钟", "商場", "商场", "公園", "公园", "湖", "機場", "机场",
        "metro", "station", "school", "hospital", "walk", "km", "minute",
        "park", "lake", "airport", "mall", "shopping"};
    char low[MODEL_TEXT_MAX];
    size_t n = strlen(s);
    if (n >= sizeof low)
        n = sizeof low - 1;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)s[i]);
    low[n] = '\0';
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strstr(low, words[i]))
            return 1;
    return 0;
}

static int any_about_location(const char *list)
{
    char item[MODEL_TEXT_MAX];
    for (int i = 0; list_item(list, i, item, sizeof item); i++)
        if (about_location(item))
            return 1;
    return 0;
}

static int project_page(const flow_t *f, int w)
{
    browse_t *b = f->b;
    const project_t *p = &b->m->project;
    const char *desc = lpara_get(&p->description, b->lang);
    const char *hl = lpara_get(&p->highlights, b->lang);
    const char *am = lpara_get(&p->amenities, b->lang);
    int portrait = ui_portrait(f->u);
    int gap = S(f, 36), sec = S(f, 8);
    int y = 0;
    y += hero_strip(f, 0, y, w, S(f, portrait ? 560 : 460)) + gap;

    /* Landscape: words on the left, facts and amenities on the right. */
    int lw = portrait ? w : w * 58 / 100;
    int rx = portrait ? 0 : lw + S(f, 48), rw = portrait ? w : w - rx;
    int ly = y;
    if (desc[0]) {
        ly += section_title(f, 0, ly, lw, browse_tr(b, "info.about")) + sec;
        ly += paragraph(f, 0, ly, lw, desc) + gap;
    }
    if (hl[0]) {
        ly += section_title(f, 0, ly, lw, browse_tr(b, "info.highlights")) + sec;
        ly += bullets(f, 0, ly, lw, hl, NULL) + gap;
    }
    int ry = portrait ? ly : y;
    int fc = facts_card(f, rx, ry, rw);
    if (fc)
        ry += fc + gap;
    if (am[0]) {
        ry += section_title(f, rx, ry, rw, browse_tr(b, "info.amenities")) + sec;
        ry += amenity_chips(f, rx, ry, rw, am) + gap;
    }
    y = portrait ? ry : imax(ly, ry);
    y += section_title(f, 0, y, w, browse_tr(b, "info.siteplan")) + sec;
    y += picture(f, 0, y, w, S(f, portrait ? 760 : 680), p->siteplan_media,
                 "info.no_siteplan");
    return y + gap;
}

static int location_page(const flow_t *f, int w, int view_h)
{
    browse_t *b = f->b;
    const project_t *p = &b->m->project;
    const char *hl = lpara_get(&p->highlights, b->lang);
    int portrait = ui_portrait(f->u);
    int gap = S(f, 36), sec = S(f, 8);
    int (*keep)(const char *) = any_about_location(hl) ? about_location : NULL;
    int map_w = portrait ? w : w * 62 / 100;
    int map_h = portrait ? S(f, 980) : imax(view_h - 2 * gap, S(f, 560));
    picture(f, 0, 0, map_w, map_h, p->location_media, "info.no_map");

    int x = portrait ? 0 : map_w + S(f, 48), cw = portrait ? w : w - x;
    int y = portrait ? map_h + gap : 0;
    /* The address card. */
    const char *addr = ltext_get(&p->address, b->lang);
    int pad = S(f, 32), alh = S(f, 56);
    int ah = ui_paragraph_height(f->u, cw - 2 * pad, addr, S(f, 38), alh);
    int card_h = 2 * pad + S(f, 48) + ah + S(f, 70);
    rect_t r;
    if (block(f, x, y, cw, card_h, &r)) {
        ui_round_rect(f->u, r, S(f, 20), RGB(0x15213A));
        ui_label(f->u, (rect_t){r.x + pad, r.y + pad, r.w - 2 * pad, S(f, 44)},
                 browse_tr(b, "info.address"), S(f, 26), TEXT_REGULAR,
                 ALIGN_LEFT, THEME_MUTED);
        ui_paragraph(f->u, (rect_t){r.x + pad, r.y + pad + S(f, 48),
                                    r.w - 2 * pad, ah},
                     addr, S(f, 38), alh, TEXT_BOLD, THEME_TEXT);
        ui_label(f->u, (rect_t){r.x + pad, r.y + pad + S(f, 48) + ah,
                                r.w - 2 * pad, S(f, 70)},
                 ltext_get(&p->name, b->lang), S(f, 30), TEXT_REGULAR,
                 ALIGN_LEFT, THEME_ACCENT);
    }
    y += card_h + gap;
    if (hl[0]) {
        y += section_title(f, x, y, cw, browse_tr(b, "info.around")) + sec;
        y += bullets(f, x, y, cw, hl, keep) + gap;
    }
    return imax(y, portrait ? 0 : map_h + gap);
}

/* ---- the screen ------------------------------------------------------------- */

/* Lays out (and with f->draw, draws) the current tab; returns its height. */
static int page(flow_t *f)
{
    int pad = S(f, 40);
    rect_t v = f->view;
    flow_t g = *f;
    g.left = v.x + pad;
    g.top = f->top + pad;
    int w = v.w - 2 * pad;
    int h;
    if (f->b->info_tab == 1)
        h = location_page(&g, w, v.h - pad);
    else
        h = project_page(&g, w);
    return h + pad;
}

/* The tabs, and the page below them. */
static rect_t tabs(browse_t *b, ui_t *u, rect_t c)
{
    int th = ui_s(u, 112), pad = ui_s(u, 40);
    rect_t bar = {c.x, c.y, c.w, th};
    const char *keys[2] = {"info.tab_project", "info.tab_location"};
    int tw = ui_s(u, 280), bh = ui_s(u, 76);
    for (int i = 0; i < 2; i++) {
        rect_t r = {bar.x + pad + i * (tw + ui_s(u, 16)),
                    bar.y + (th - bh) / 2 + ui_s(u, 8), tw, bh};
        ui_button(u, r, browse_tr(b, keys[i]),
                  b->info_tab == i ? BTN_CHIP_ON : BTN_CHIP, IA_TAB, i);
    }
    return (rect_t){c.x, c.y + th, c.w, c.h - th};
}

static int max_scroll(flow_t *f)
{
    f->draw = 0;
    int h = page(f);
    return imax(0, h - f->view.h);
}

static void draw(browse_t *b, ui_t *u)
{
    const char *title = b->m ? ltext_get(&b->m->project.name, b->lang) : "";
    rect_t c = browse_chrome(b, u, title);
    if (!b->m) {
        ui_label(u, c, browse_tr(b, "common.no_data"), ui_s(u, 40), TEXT_BOLD,
                 ALIGN_CENTER, THEME_MUTED);
        return;
    }
    rect_t view = tabs(b, u, c);
    /* A thin line under the tabs; the page scrolls beneath it. */
    render_fill_rect(ui_render(u), (rect_t){view.x, view.y, view.w,
                                            imax(1, ui_s(u, 2))},
                     RGB(0x22314F));
    view.y += imax(1, ui_s(u, 2));
    view.h -= imax(1, ui_s(u, 2));
    ui_hit(u, view, IA_PAGE, 0);
    flow_t f = {b, u, view, 0, 0, 0};
    /* The page may have changed height (language, orientation): stay in
     * range. */
    int max = max_scroll(&f);
    b->info_scroll = imax(0, imin(b->info_scroll, max));
    f.top = view.y - b->info_scroll;
    f.draw = 1;
    f.view = view;
    render_clip(ui_render(u), &view);
    page(&f);
    render_clip(ui_render(u), NULL);
    /* A fade at the foot says there is more below. */
    if (b->info_scroll < max) {
        int sh = ui_s(u, 48);
        for (int k = 0; k < 6; k++)
            render_fill_rect(ui_render(u),
                             (rect_t){view.x, view.y + view.h - sh + sh * k / 6,
                                      view.w, sh / 6 + 1},
                             (color_t){14, 23, 38, (uint8_t)(40 + 36 * k)});
    }
}

static void action(browse_t *b, int act, int arg)
{
    if (act == IA_TAB && (arg == 0 || arg == 1) && arg != b->info_tab) {
        b->info_tab = arg;
        b->info_scroll = 0;
        browse_dirty(b);
    }
}

/* Drags and flings scroll the page; a sideways swipe changes the tab. */
static int gesture(browse_t *b, const gesture_event_t *g)
{
    rect_t view;
    switch (g->type) {
    case GESTURE_DRAG_START:
    case GESTURE_DRAG_END:
        return 1;
    case GESTURE_DRAG:
    case GESTURE_INERTIA:
        if (!b->m || !ui_find(b->ui, IA_PAGE, 0, &view))
            return 1;
        {
            flow_t f = {b, b->ui, view, 0, view.y - b->info_scroll, 0};
            int max = max_scroll(&f);
            int s = b->info_scroll - g->dy;
            s = imax(0, imin(s, max));
            if (s == b->info_scroll)
                return 0; /* at an end: nothing to redraw */
            b->info_scroll = s;
        }
        return 1;
    case GESTURE_SWIPE:
        if (g->dir == GESTURE_DIR_LEFT && b->info_tab == 0)
            action(b, IA_TAB, 1);
        else if (g->dir == GESTURE_DIR_RIGHT && b->info_tab == 1)
            action(b, IA_TAB, 0);
        else
            return 0;
        return 1;
    default:
        return 0;
    }
}

const scene_ops_t scene_info_ops = {
    .draw = draw, .action = action, .gesture = gesture};
