/* widget.c - see widget.h. */
#include "widget.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "linebreak.h"
#include "theme.h"

#define UI_PI 3.14159265358979323846

typedef struct {
    rect_t r;
    int action, arg;
} hit_t;

struct ui {
    render_t *r;
    text_t *t;
    int w, h;
    double scale;
    hit_t hits[UI_HITS_MAX];
    int n_hits;
};

ui_t *ui_create(render_t *r, text_t *t)
{
    ui_t *u = calloc(1, sizeof *u);
    if (!u)
        return NULL;
    u->r = r;
    u->t = t;
    u->scale = 1.0;
    return u;
}

void ui_destroy(ui_t *u)
{
    free(u);
}

render_t *ui_render(const ui_t *u)
{
    return u->r;
}

text_t *ui_text_engine(const ui_t *u)
{
    return u->t;
}

void ui_begin(ui_t *u, int w, int h)
{
    u->w = w;
    u->h = h;
    u->scale = (double)imin(w, h) / 1080.0;
    u->n_hits = 0;
}

int ui_s(const ui_t *u, int design_px)
{
    int v = (int)lround(design_px * u->scale);
    return design_px > 0 && v < 1 ? 1 : v;
}

rect_t ui_screen(const ui_t *u)
{
    return (rect_t){0, 0, u->w, u->h};
}

int ui_portrait(const ui_t *u)
{
    return u->h > u->w;
}

void ui_hit(ui_t *u, rect_t r, int action, int arg)
{
    if (action == 0 || u->n_hits >= UI_HITS_MAX || r.w <= 0 || r.h <= 0)
        return;
    u->hits[u->n_hits++] = (hit_t){r, action, arg};
}

static int inside(rect_t r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

int ui_hit_test(const ui_t *u, int x, int y, int *action, int *arg)
{
    for (int i = u->n_hits - 1; i >= 0; i--) {
        if (inside(u->hits[i].r, x, y)) {
            *action = u->hits[i].action;
            *arg = u->hits[i].arg;
            return 1;
        }
    }
    return 0;
}

int ui_find(const ui_t *u, int action, int arg, rect_t *out)
{
    for (int i = u->n_hits - 1; i >= 0; i--) {
        if (u->hits[i].action == action && u->hits[i].arg == arg) {
            *out = u->hits[i].r;
            return 1;
        }
    }
    return 0;
}

int ui_hit_count(const ui_t *u)
{
    return u->n_hits;
}

int ui_hit_at(const ui_t *u, int i, rect_t *r, int *action, int *arg)
{
    if (i < 0 || i >= u->n_hits)
        return 0;
    *r = u->hits[i].r;
    *action = u->hits[i].action;
    *arg = u->hits[i].arg;
    return 1;
}

/* ---- shapes --------------------------------------------------------------- */

#define CORNER_STEPS 8

/* Adds the triangles of a rounded rectangle to pts; returns how many. */
static int round_rect_tris(rect_t r, int rad, point_t *pts)
{
    int n = 0;
    rad = imin(rad, imin(r.w, r.h) / 2);
    if (rad < 0)
        rad = 0;
    /* Three bands: the middle column full height, two side columns short. */
    rect_t bands[3] = {
        {r.x + rad, r.y, r.w - 2 * rad, r.h},
        {r.x, r.y + rad, rad, r.h - 2 * rad},
        {r.x + r.w - rad, r.y + rad, rad, r.h - 2 * rad},
    };
    for (int i = 0; i < 3; i++) {
        rect_t b = bands[i];
        if (b.w <= 0 || b.h <= 0)
            continue;
        point_t a = {b.x, b.y}, c = {b.x + b.w, b.y}, e = {b.x + b.w, b.y + b.h},
                f = {b.x, b.y + b.h};
        pts[3 * n] = a, pts[3 * n + 1] = c, pts[3 * n + 2] = e, n++;
        pts[3 * n] = a, pts[3 * n + 1] = e, pts[3 * n + 2] = f, n++;
    }
    if (rad == 0)
        return n;
    /* Quarter circles as fans around each corner's centre. */
    const point_t centres[4] = {
        {r.x + rad, r.y + rad}, {r.x + r.w - rad, r.y + rad},
        {r.x + r.w - rad, r.y + r.h - rad}, {r.x + rad, r.y + r.h - rad}};
    for (int q = 0; q < 4; q++) {
        double a0 = UI_PI + q * UI_PI / 2;
        for (int s = 0; s < CORNER_STEPS; s++) {
            double t0 = a0 + s * (UI_PI / 2) / CORNER_STEPS;
            double t1 = a0 + (s + 1) * (UI_PI / 2) / CORNER_STEPS;
            pts[3 * n] = centres[q];
            pts[3 * n + 1] = (point_t){centres[q].x + (int)lround(rad * cos(t0)),
                                       centres[q].y + (int)lround(rad * sin(t0))};
            pts[3 * n + 2] = (point_t){centres[q].x + (int)lround(rad * cos(t1)),
                                       centres[q].y + (int)lround(rad * sin(t1))};
            n++;
        }
    }
    return n;
}

void ui_round_rect(ui_t *u, rect_t r, int radius, color_t c)
{
    point_t pts[3 * (6 + 4 * CORNER_STEPS)];
    if (r.w <= 0 || r.h <= 0)
        return;
    if (radius <= 0) {
        render_fill_rect(u->r, r, c);
        return;
    }
    int n = round_rect_tris(r, radius, pts);
    render_triangles(u->r, pts, n, c);
}

void ui_round_frame(ui_t *u, rect_t r, int radius, int th, color_t c)
{
    /* Straight edges as rectangles, corners as rings of quads. */
    point_t pts[3 * (8 + 4 * CORNER_STEPS * 2)];
    int n = 0;
    radius = imin(radius, imin(r.w, r.h) / 2);
    if (r.w <= 0 || r.h <= 0 || th <= 0)
        return;
    if (radius < th) {
        render_outline(u->r, r, c, th);
        return;
    }
    rect_t edges[4] = {
        {r.x + radius, r.y, r.w - 2 * radius, th},
        {r.x + radius, r.y + r.h - th, r.w - 2 * radius, th},
        {r.x, r.y + radius, th, r.h - 2 * radius},
        {r.x + r.w - th, r.y + radius, th, r.h - 2 * radius},
    };
    render_fill_rects(u->r, edges, 4, c);
    const point_t centres[4] = {
        {r.x + radius, r.y + radius}, {r.x + r.w - radius, r.y + radius},
        {r.x + r.w - radius, r.y + r.h - radius}, {r.x + radius, r.y + r.h - radius}};
    int ri = radius - th;
    for (int q = 0; q < 4; q++) {
        double a0 = UI_PI + q * UI_PI / 2;
        for (int s = 0; s < CORNER_STEPS; s++) {
            double t0 = a0 + s * (UI_PI / 2) / CORNER_STEPS;
            double t1 = a0 + (s + 1) * (UI_PI / 2) / CORNER_STEPS;
            point_t o0 = {centres[q].x + (int)lround(radius * cos(t0)),
                          centres[q].y + (int)lround(radius * sin(t0))};
            point_t o1 = {centres[q].x + (int)lround(radius * cos(t1)),
                          centres[q].y + (int)lround(radius * sin(t1))};
            point_t i0 = {centres[q].x + (int)lround(ri * cos(t0)),
                          centres[q].y + (int)lround(ri * sin(t0))};
            point_t i1 = {centres[q].x + (int)lround(ri * cos(t1)),
                          centres[q].y + (int)lround(ri * sin(t1))};
            pts[3 * n] = o0, pts[3 * n + 1] = o1, pts[3 * n + 2] = i1, n++;
            pts[3 * n] = o0, pts[3 * n + 1] = i1, pts[3 * n + 2] = i0, n++;
        }
    }
    render_triangles(u->r, pts, n, c);
}

/* ---- text ----------------------------------------------------------------- */

void ui_label(ui_t *u, rect_t box, const char *s, int px, text_weight_t wt,
              text_align_t align, color_t c)
{
    if (!s || !s[0] || box.w <= 0 || box.h <= 0)
        return;
    int fit = text_fit_px(u->t, s, imax(px * 3 / 4, 8), px, wt, box.w);
    text_draw_in(u->t, s, fit, wt, box, align, c);
}

int ui_measure(void *ctx, const char *s, size_t len)
{
    ui_measure_t *m = ctx;
    char buf[1024];
    int w = 0, h = 0;
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (text_measure(m->t, buf, m->px, m->wt, &w, &h) != 0)
        return 0;
    return w;
}

/* Walks the lines of s wrapped to w; draws them when box is given. */
static int paragraph(ui_t *u, const rect_t *box, int w, const char *s, int px,
                     int line_h, text_weight_t wt, color_t c)
{
    ui_measure_t m = {u->t, px, wt};
    size_t len = strlen(s), pos = 0;
    int y = 0;
    char buf[1024];
    while (pos < len) {
        size_t line_len = 0, next = 0;
        if (!linebreak_next(s + pos, len - pos, w, ui_measure, &m, &line_len,
                            &next) || next == 0)
            break;
        if (box && y + line_h <= box->h + line_h / 4 && line_len > 0) {
            size_t n = line_len < sizeof buf ? line_len : sizeof buf - 1;
            memcpy(buf, s + pos, n);
            buf[n] = '\0';
            text_draw_in(u->t, buf, px, wt,
                         (rect_t){box->x, box->y + y, box->w, line_h},
                         ALIGN_LEFT, c);
        }
        y += line_h;
        pos += next;
    }
    return y;
}

int ui_paragraph(ui_t *u, rect_t box, const char *s, int px, int line_h,
                 text_weight_t wt, color_t c)
{
    if (!s || !s[0] || box.w <= 0)
        return 0;
    return paragraph(u, &box, box.w, s, px, line_h, wt, c);
}

int ui_paragraph_height(ui_t *u, int w, const char *s, int px, int line_h)
{
    if (!s || !s[0] || w <= 0)
        return 0;
    return paragraph(u, NULL, w, s, px, line_h, TEXT_REGULAR, THEME_TEXT);
}

/* ---- controls ------------------------------------------------------------- */

void ui_button(ui_t *u, rect_t r, const char *label, ui_button_kind_t kind,
               int action, int arg)
{
    int rad = imin(ui_s(u, 14), r.h / 2);
    int px = imin(ui_s(u, 30), r.h * 45 / 100);
    color_t fill = THEME_PANEL, ink = THEME_TEXT;
    text_weight_t wt = TEXT_BOLD;
    switch (kind) {
    case BTN_PRIMARY:
        fill = THEME_ACCENT;
        ink = RGB(0x1B1405);
        break;
    case BTN_SECONDARY:
        fill = RGB(0x1D2C48);
        break;
    case BTN_QUIET:
        fill.a = 0;
        ink = THEME_TEXT;
        wt = TEXT_REGULAR;
        break;
    case BTN_CHIP:
        fill = RGB(0x1D2C48);
        ink = RGB(0xC9D3E3);
        wt = TEXT_REGULAR;
        break;
    case BTN_CHIP_ON:
        fill = RGB(0xF3E3B5);
        ink = RGB(0x1B1405);
        break;
    case BTN_DISABLED:
        fill = RGB(0x18233A);
        ink = RGB(0x56657E);
        wt = TEXT_REGULAR;
        break;
    }
    if (fill.a)
        ui_round_rect(u, r, rad, fill);
    if (kind == BTN_SECONDARY || kind == BTN_CHIP)
        ui_round_frame(u, r, rad, imax(1, ui_s(u, 2)), RGB(0x3A4B6B));
    ui_label(u, ui_inset(r, imin(ui_s(u, 12), r.w / 8)), label, px, wt,
             ALIGN_CENTER, ink);
    if (kind == BTN_DISABLED)
        return;
    /* Fingers are wider than small controls: grow the target. */
    int min = ui_s(u, 64);
    rect_t t = r;
    if (t.w < min) {
        t.x -= (min - t.w) / 2;
        t.w = min;
    }
    if (t.h < min) {
        t.y -= (min - t.h) / 2;
        t.h = min;
    }
    ui_hit(u, t, action, arg);
}

void ui_image(ui_t *u, rect_t box, render_image_t *img, int cover,
              const char *label)
{
    if (box.w <= 0 || box.h <= 0)
        return;
    if (!img) {
        /* A tidy placeholder: a soft panel, a picture glyph, the words. */
        ui_round_rect(u, box, ui_s(u, 12), RGB(0x1A2740));
        int g = imin(box.w, box.h) / 5;
        rect_t frame = {box.x + (box.w - g) / 2, box.y + box.h / 2 - g, g,
                        g * 3 / 4};
        ui_round_frame(u, frame, ui_s(u, 6), imax(2, ui_s(u, 3)),
                       RGB(0x4A5B7B));
        point_t hill[3] = {{frame.x + g / 6, frame.y + frame.h - g / 8},
                           {frame.x + g / 2, frame.y + frame.h / 3},
                           {frame.x + g * 5 / 6, frame.y + frame.h - g / 8}};
        render_triangles(u->r, hill, 1, RGB(0x4A5B7B));
        ui_label(u, (rect_t){box.x, box.y + box.h / 2 + g / 4, box.w,
                             ui_s(u, 44)},
                 label, ui_s(u, 26), TEXT_REGULAR, ALIGN_CENTER, THEME_MUTED);
        return;
    }
    int iw, ih;
    render_image_size(img, &iw, &ih);
    if (iw <= 0 || ih <= 0)
        return;
    double kx = (double)box.w / iw, ky = (double)box.h / ih;
    if (cover) {
        double k = kx > ky ? kx : ky;
        float src[4];
        src[2] = (float)(box.w / k);
        src[3] = (float)(box.h / k);
        src[0] = (float)((iw - src[2]) / 2);
        src[1] = (float)((ih - src[3]) / 2);
        render_image_draw(u->r, img, src, box, 255);
        return;
    }
    double k = kx < ky ? kx : ky;
    int w = (int)(iw * k), h = (int)(ih * k);
    render_image_draw(u->r, img, NULL,
                      (rect_t){box.x + (box.w - w) / 2, box.y + (box.h - h) / 2,
                               w, h}, 255);
}

void ui_qr(ui_t *u, rect_t box, const unsigned char *modules, int width)
{
    int side = imin(box.w, box.h);
    if (width <= 0 || side <= 0)
        return;
    int cells = width + 8; /* four modules of quiet zone each side */
    int m = side / cells;
    if (m < 1)
        m = 1;
    int full = m * cells;
    rect_t card = {box.x + (box.w - full) / 2, box.y + (box.h - full) / 2,
                   full, full};
    render_fill_rect(u->r, card, RGB(0xFFFFFF));
    /* Dark modules as runs along each row: one draw call per batch. */
    rect_t runs[256];
    int n = 0;
    for (int y = 0; y < width; y++) {
        for (int x = 0; x < width;) {
            if (!modules[y * width + x]) {
                x++;
                continue;
            }
            int x0 = x;
            while (x < width && modules[y * width + x])
                x++;
            runs[n++] = (rect_t){card.x + (4 + x0) * m, card.y + (4 + y) * m,
                                 (x - x0) * m, m};
            if (n == (int)(sizeof runs / sizeof *runs)) {
                render_fill_rects(u->r, runs, n, RGB(0x000000));
                n = 0;
            }
        }
    }
    if (n)
        render_fill_rects(u->r, runs, n, RGB(0x000000));
}

/* ---- layout ----------------------------------------------------------------- */

rect_t ui_row(rect_t r, int n, int i, int gap)
{
    int w = (r.w - gap * (n - 1)) / n;
    return (rect_t){r.x + i * (w + gap), r.y, i == n - 1 ? r.x + r.w - (r.x + i * (w + gap)) : w, r.h};
}

rect_t ui_col(rect_t r, int n, int i, int gap)
{
    int h = (r.h - gap * (n - 1)) / n;
    return (rect_t){r.x, r.y + i * (h + gap), r.w, i == n - 1 ? r.y + r.h - (r.y + i * (h + gap)) : h};
}

rect_t ui_inset(rect_t r, int by)
{
    return (rect_t){r.x + by, r.y + by, r.w - 2 * by, r.h - 2 * by};
}
