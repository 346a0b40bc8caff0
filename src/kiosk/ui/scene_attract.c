/* scene_attract.c - what the kiosk shows when nobody is using it.
 *
 * Full-screen project images, each drifting slowly (a slow zoom and pan)
 * and cross-fading into the next, under the project's name and a clear
 * "touch to start".  Nothing on screen stays still for long, so a panel
 * left on all day does not burn in; without images the name itself drifts
 * over a dark field.  Any touch goes home (browse.c).
 */
#include "browse_private.h"

#include <stdio.h>

#define FRAME_PLAIN_MS 100 /* without pictures only the name drifts */
#define FADE_MS 1500

/* Draws hero i at phase t (0..1 of its time on screen) with alpha. */
static void draw_hero(browse_t *b, ui_t *u, int i, double t, uint8_t alpha)
{
    render_image_t *img = images_get(b->images, b->m->project.heroes[i]);
    if (!img)
        return;
    rect_t s = ui_screen(u);
    int iw, ih;
    render_image_size(img, &iw, &ih);
    /* Cover the screen, then zoom in 8 % over the image's time, panning
     * one way on even images and the other way on odd ones. */
    double kx = (double)s.w / iw, ky = (double)s.h / ih;
    double k = (kx > ky ? kx : ky) * (1.0 + 0.08 * t);
    float src[4];
    src[2] = (float)(s.w / k);
    src[3] = (float)(s.h / k);
    double slack_x = iw - src[2], slack_y = ih - src[3];
    double p = (i % 2) ? 1.0 - t : t;
    src[0] = (float)(slack_x * (0.25 + 0.5 * p));
    src[1] = (float)(slack_y * 0.5);
    render_image_draw(ui_render(u), img, src, s, alpha);
}

static int usable_heroes(browse_t *b, int *idx)
{
    int n = 0;
    for (int i = 0; b->m && i < b->m->project.n_heroes; i++)
        if (images_get(b->images, b->m->project.heroes[i]))
            idx[n++] = i;
    return n;
}

/* Darkens the bottom of the screen in steps so the text reads on any
 * picture. */
static void shade(ui_t *u, rect_t s, int from_y)
{
    int steps = 12, h = s.h - from_y;
    for (int k = 0; k < steps; k++) {
        int y0 = from_y + h * k / steps, y1 = from_y + h * (k + 1) / steps;
        uint8_t a = (uint8_t)(40 + 170 * k / (steps - 1));
        render_fill_rect(ui_render(u), (rect_t){0, y0, s.w, y1 - y0},
                         (color_t){8, 14, 26, a});
    }
}

static void draw(browse_t *b, ui_t *u)
{
    rect_t s = ui_screen(u);
    int64_t t_ms = b->now_ms - b->scene_since_ms;
    if (t_ms < 0)
        t_ms = 0;
    int idx[MODEL_HEROES_MAX];
    int n = usable_heroes(b, idx);
    double drift = 0;
    if (n > 0) {
        int64_t per = b->o.attract_image_ms;
        int cur = (int)((t_ms / per) % n);
        double t = (double)(t_ms % per) / (double)per;
        draw_hero(b, u, idx[cur], t, 255);
        int64_t left = per - t_ms % per;
        if (n > 1 && left < FADE_MS) {
            /* The next picture fades in over the last moments. */
            int next = (cur + 1) % n;
            uint8_t a = (uint8_t)(255 * (FADE_MS - left) / FADE_MS);
            draw_hero(b, u, idx[next], 0.0, a);
        }
    } else {
        /* No pictures: a dark field and the name drifts slowly. */
        render_clear(ui_render(u), THEME_BG);
        drift = (double)(t_ms % 60000) / 60000.0;
    }
    int portrait = ui_portrait(u);
    int band = s.h * (portrait ? 34 : 42) / 100;
    shade(u, s, s.h - band);

    const project_t *p = b->m ? &b->m->project : NULL;
    int pad = ui_s(u, portrait ? 64 : 96);
    int dx = (int)(ui_s(u, 40) * (drift < 0.5 ? drift : 1.0 - drift));
    int y = s.h - band + band / 5;
    const char *name = p ? ltext_get(&p->name, b->lang) : "";
    ui_label(u, (rect_t){pad + dx, y, s.w - 2 * pad, ui_s(u, 120)}, name,
             ui_s(u, 104), TEXT_BOLD, ALIGN_LEFT, THEME_ACCENT);
    y += ui_s(u, 132);
    if (p) {
        char line[256];
        snprintf(line, sizeof line, "%s  ·  %s",
                 ltext_get(&p->developer, b->lang),
                 ltext_get(&p->address, b->lang));
        ui_label(u, (rect_t){pad + dx, y, s.w - 2 * pad, ui_s(u, 56)}, line,
                 ui_s(u, 40), TEXT_REGULAR, ALIGN_LEFT, THEME_TEXT);
    }
    /* "Touch to start" breathes: its brightness rises and falls. */
    int64_t ph = t_ms % 3000;
    int k = (int)(ph < 1500 ? ph : 3000 - ph); /* 0..1500 */
    uint8_t a = (uint8_t)(140 + 115 * k / 1500);
    int bw = ui_s(u, portrait ? 640 : 560), bh = ui_s(u, 96);
    rect_t cta = {portrait ? (s.w - bw) / 2 : s.w - pad - bw,
                  portrait ? s.h - ui_s(u, 96) - bh : s.h - band / 2 - bh / 2 +
                                                          ui_s(u, 40),
                  bw, bh};
    ui_round_rect(u, cta, bh / 2, (color_t){233, 196, 106, a});
    ui_label(u, ui_inset(cta, ui_s(u, 16)), browse_tr(b, "attract.touch"),
             ui_s(u, 40), TEXT_BOLD, ALIGN_CENTER, RGB(0x1B1405));
    ui_hit(u, s, ACT_GO, SCENE_HOME);
}

static int64_t update(browse_t *b, int64_t now_ms)
{
    b->dirty = 1; /* always moving */
    int idx[MODEL_HEROES_MAX];
    int64_t frame = 1000 / b->o.attract_fps;
    if (usable_heroes(b, idx) == 0 && frame < FRAME_PLAIN_MS)
        frame = FRAME_PLAIN_MS;
    /* Frames on a fixed beat, however long the last one took to draw. */
    int64_t since = now_ms - b->scene_since_ms;
    return since < 0 ? frame : frame - since % frame;
}

const scene_ops_t scene_attract_ops = {.draw = draw, .update = update};
