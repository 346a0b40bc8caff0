/* demo_media.c - draws the demo project's pictures: floor plans, project
 * images, location map and site plan (assets/demo/media, `make media`).
 *
 * A build tool, not part of the firmware: it includes SDL only to hold
 * pixels, render text and write PNG/JPEG.  Every picture is drawn here by
 * our own rasterising helpers, at twice the size and box-filtered down so
 * edges are smooth.  Deterministic: no clock, one fixed-seed RNG.  Not for
 * the kiosk's own drawing (that is src/kiosk/ui).
 *
 *   demo_media OUTDIR FONTFILE   (FONTFILE: a Noto Sans CJK .ttc or .otf)
 */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define PI_F 3.14159265f

/* ---- canvas and primitives (coordinates in output pixels) ---- */

typedef struct {
    SDL_Surface *s;  /* ARGB8888, k times the output size */
    uint32_t *px;
    int w, h, k;     /* canvas pixels, supersampling factor */
    int clip[4];     /* x0 y0 x1 y1, canvas pixels */
} canvas_t;

static TTF_Font *g_font;
static uint64_t g_rng = 0x5EED2026ull;

static uint32_t rnd_u32(void)
{
    uint64_t z = (g_rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (uint32_t)((z ^ (z >> 31)) >> 32);
}

/* Uniform in [lo, hi). */
static float rnd(float lo, float hi)
{
    return lo + (hi - lo) * (float)(rnd_u32() >> 8) / 16777216.0f;
}

static uint32_t mix(uint32_t a, uint32_t b, float t)
{
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    uint32_t o = 0;
    for (int sh = 0; sh <= 16; sh += 8) {
        float ca = (float)((a >> sh) & 255), cb = (float)((b >> sh) & 255);
        o |= (uint32_t)(ca + (cb - ca) * t + 0.5f) << sh;
    }
    return o;
}

static int canvas_init(canvas_t *c, int w, int h, int k, uint32_t bg)
{
    c->s = SDL_CreateRGBSurfaceWithFormat(0, w * k, h * k, 32,
                                          SDL_PIXELFORMAT_ARGB8888);
    if (!c->s)
        return -1;
    c->px = c->s->pixels;
    c->w = w * k;
    c->h = h * k;
    c->k = k;
    c->clip[0] = c->clip[1] = 0;
    c->clip[2] = c->w;
    c->clip[3] = c->h;
    for (int i = 0; i < c->w * c->h; i++)
        c->px[i] = bg;
    return 0;
}

static void set_clip(canvas_t *c, float x0, float y0, float x1, float y1)
{
    c->clip[0] = (int)(x0 * c->k);
    c->clip[1] = (int)(y0 * c->k);
    c->clip[2] = (int)(x1 * c->k);
    c->clip[3] = (int)(y1 * c->k);
}

static void blend(canvas_t *c, int x, int y, uint32_t col, float a)
{
    if (x < c->clip[0] || y < c->clip[1] || x >= c->clip[2] || y >= c->clip[3])
        return;
    uint32_t *p = &c->px[(size_t)y * (size_t)c->w + (size_t)x];
    *p = a >= 1 ? col : mix(*p, col, a);
}

/* Canvas pixels [xa, xb) of row y. */
static void span(canvas_t *c, int y, int xa, int xb, uint32_t col, float a)
{
    for (int x = xa; x < xb; x++)
        blend(c, x, y, col, a);
}

static void rect(canvas_t *c, float x0, float y0, float x1, float y1,
                 uint32_t col, float a)
{
    int k = c->k;
    for (int y = (int)lroundf(y0 * k); y < (int)lroundf(y1 * k); y++)
        span(c, y, (int)lroundf(x0 * k), (int)lroundf(x1 * k), col, a);
}

/* Vertical gradient through n evenly spaced colours. */
static void vgrad(canvas_t *c, float x0, float y0, float x1, float y1,
                  const uint32_t *cols, int n)
{
    int k = c->k, ya = (int)(y0 * k), yb = (int)(y1 * k);
    for (int y = ya; y < yb; y++) {
        float t = (float)(y - ya) / (float)(yb - ya) * (float)(n - 1);
        int i = (int)t < n - 2 ? (int)t : n - 2;
        span(c, y, (int)(x0 * k), (int)(x1 * k),
             mix(cols[i], cols[i + 1], t - (float)i), 1);
    }
}

/* Even-odd scanline fill of n points (x, y pairs). */
static void poly(canvas_t *c, const float *p, int n, uint32_t col, float a)
{
    float k = (float)c->k, ymin = 1e9f, ymax = -1e9f, xs[32];
    for (int i = 0; i < n; i++) {
        ymin = fminf(ymin, p[2 * i + 1] * k);
        ymax = fmaxf(ymax, p[2 * i + 1] * k);
    }
    for (int y = (int)floorf(ymin); y <= (int)ceilf(ymax); y++) {
        float sy = (float)y + 0.5f;
        int m = 0;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            float yi = p[2 * i + 1] * k, yj = p[2 * j + 1] * k;
            if ((yi > sy) != (yj > sy) && m < 32)
                xs[m++] = (p[2 * i] + (sy - yi) / (yj - yi) *
                           (p[2 * j] - p[2 * i])) * k;
        }
        for (int i = 1; i < m; i++)
            for (int j = i; j > 0 && xs[j] < xs[j - 1]; j--) {
                float t = xs[j];
                xs[j] = xs[j - 1];
                xs[j - 1] = t;
            }
        for (int i = 0; i + 1 < m; i += 2)
            span(c, y, (int)ceilf(xs[i] - 0.5f), (int)ceilf(xs[i + 1] - 0.5f),
                 col, a);
    }
}

static void line(canvas_t *c, float x0, float y0, float x1, float y1,
                 float wd, uint32_t col, float a)
{
    float dx = x1 - x0, dy = y1 - y0, l = sqrtf(dx * dx + dy * dy);
    if (l <= 0)
        return;
    float nx = -dy / l * wd / 2, ny = dx / l * wd / 2;
    float q[8] = {x0 + nx, y0 + ny, x1 + nx, y1 + ny,
                  x1 - nx, y1 - ny, x0 - nx, y0 - ny};
    poly(c, q, 4, col, a);
}

/* Filled ellipse; soft > 0 fades alpha towards the rim (clouds, glows). */
static void ellipse(canvas_t *c, float cx, float cy, float rx, float ry,
                    uint32_t col, float a, float soft)
{
    float k = (float)c->k;
    int y0 = (int)((cy - ry) * k), y1 = (int)((cy + ry) * k) + 1;
    int x0 = (int)((cx - rx) * k), x1 = (int)((cx + rx) * k) + 1;
    for (int y = y0; y <= y1; y++) {
        float dy = ((float)y + 0.5f - cy * k) / (ry * k);
        if (dy * dy >= 1)
            continue;
        if (soft <= 0) {
            float hw = rx * k * sqrtf(1 - dy * dy);
            span(c, y, (int)ceilf(cx * k - hw - 0.5f),
                 (int)ceilf(cx * k + hw - 0.5f), col, a);
            continue;
        }
        for (int x = x0; x <= x1; x++) {
            float dx = ((float)x + 0.5f - cx * k) / (rx * k);
            float d = sqrtf(dx * dx + dy * dy);
            if (d < 1) {
                float f = d < 1 - soft ? 1 : (1 - d) / soft;
                blend(c, x, y, col, a * f * f * (3 - 2 * f));
            }
        }
    }
}

static void rrect(canvas_t *c, float x0, float y0, float x1, float y1,
                  float r, uint32_t col, float a)
{
    float k = (float)c->k;
    r = fminf(r, fminf(x1 - x0, y1 - y0) / 2);
    for (int y = (int)lroundf(y0 * k); y < (int)lroundf(y1 * k); y++) {
        float sy = ((float)y + 0.5f) / k, d = 0;
        if (sy < y0 + r)
            d = y0 + r - sy;
        else if (sy > y1 - r)
            d = sy - (y1 - r);
        float in = r - sqrtf(fmaxf(0, r * r - d * d));
        span(c, y, (int)lroundf((x0 + in) * k), (int)lroundf((x1 - in) * k),
             col, a);
    }
}

/* Outlined shapes: stroke colour, then the fill inset by wd. */
static void orect(canvas_t *c, float x0, float y0, float x1, float y1,
                  float r, float wd, uint32_t fill, uint32_t stroke)
{
    rrect(c, x0, y0, x1, y1, r, stroke, 1);
    rrect(c, x0 + wd, y0 + wd, x1 - wd, y1 - wd, fmaxf(0, r - wd), fill, 1);
}

static void oellipse(canvas_t *c, float cx, float cy, float rx, float ry,
                     float wd, uint32_t fill, uint32_t stroke)
{
    ellipse(c, cx, cy, rx, ry, stroke, 1, 0);
    ellipse(c, cx, cy, rx - wd, ry - wd, fill, 1, 0);
}

/* Ring of radius r and width wd from angle a0 to a1 (radians, y down). */
static void arc(canvas_t *c, float cx, float cy, float r, float wd,
                float a0, float a1, uint32_t col)
{
    float k = (float)c->k, ro = (r + wd / 2) * k, ri = (r - wd / 2) * k;
    for (int y = (int)(cy * k - ro); y <= (int)(cy * k + ro); y++)
        for (int x = (int)(cx * k - ro); x <= (int)(cx * k + ro); x++) {
            float dx = (float)x + 0.5f - cx * k, dy = (float)y + 0.5f - cy * k;
            float d = sqrtf(dx * dx + dy * dy), t = atan2f(dy, dx);
            while (t < a0)
                t += 2 * PI_F;
            if (d >= ri && d <= ro && t <= a1)
                blend(c, x, y, col, 1);
        }
}

/* Draws UTF-8 text at size px with its top at y; align -1 left, 0 centre,
 * 1 right of x; halo > 0 draws a background-coloured outline first.
 * Returns the width in output pixels. */
static float text(canvas_t *c, const char *s, float px, float x, float y,
                  uint32_t col, int align, uint32_t halo_col, float halo)
{
    static const SDL_Color white = {255, 255, 255, 255};
    TTF_SetFontSize(g_font, (int)(px * (float)c->k));
    SDL_Surface *t = TTF_RenderUTF8_Blended(g_font, s, white);
    if (!t)
        return 0;
    int k = c->k, w = t->w;
    int x0 = (int)(x * (float)k) - (align + 1) * w / 2, y0 = (int)(y * (float)k);
    int hr = (int)(halo * (float)k);
    for (int pass = halo > 0 ? 0 : 1; pass < 2; pass++)
        for (int j = 0; j < t->h; j++) {
            const uint32_t *row = (const uint32_t *)((const uint8_t *)t->pixels +
                                                     j * t->pitch);
            for (int i = 0; i < w; i++) {
                float a = (float)(row[i] >> 24) / 255.0f;
                if (a <= 0)
                    continue;
                if (pass == 1) {
                    blend(c, x0 + i, y0 + j, col, a);
                    continue;
                }
                for (int dy = -hr; dy <= hr; dy += 1 + hr / 3)
                    for (int dx = -hr; dx <= hr; dx += 1 + hr / 3)
                        if (dx * dx + dy * dy <= hr * hr)
                            blend(c, x0 + i + dx, y0 + j + dy, halo_col, a);
            }
        }
    SDL_FreeSurface(t);
    return (float)w / (float)k;
}

static float text_w(float px, const char *s)
{
    int w = 0, h = 0;
    TTF_SetFontSize(g_font, (int)(px * 4));
    TTF_SizeUTF8(g_font, s, &w, &h);
    return (float)w / 4.0f;
}

/* Box-filters the canvas down to its output size and writes it. */
static int canvas_save(canvas_t *c, const char *dir, const char *name)
{
    static const int bayer[16] = {0, 8, 2, 10, 12, 4, 14, 6,
                                  3, 11, 1, 9, 15, 7, 13, 5};
    int k = c->k, w = c->w / k, h = c->h / k, rc = -1;
    int jpeg = strstr(name, ".jpg") != NULL;
    char path[1024];
    SDL_Surface *o = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24,
                                                    SDL_PIXELFORMAT_RGB24);
    if (!o)
        goto out;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            float sum[3] = {0, 0, 0};
            for (int j = 0; j < k; j++)
                for (int i = 0; i < k; i++) {
                    uint32_t p = c->px[(size_t)(y * k + j) * (size_t)c->w +
                                       (size_t)(x * k + i)];
                    sum[0] += (float)((p >> 16) & 255);
                    sum[1] += (float)((p >> 8) & 255);
                    sum[2] += (float)(p & 255);
                }
            /* JPEGs get ordered dither so the sky has no bands. */
            float d = jpeg ? ((float)bayer[(y & 3) * 4 + (x & 3)] + 0.5f) / 16
                           : 0.5f;
            uint8_t *q = (uint8_t *)o->pixels + y * o->pitch + x * 3;
            for (int i = 0; i < 3; i++)
                q[i] = (uint8_t)fminf(255, sum[i] / (float)(k * k) + d);
        }
    snprintf(path, sizeof path, "%s/%s", dir, name);
    rc = jpeg ? IMG_SaveJPG(o, path, 85) : IMG_SavePNG(o, path);
    if (rc != 0)
        fprintf(stderr, "demo_media: %s: %s\n", path, SDL_GetError());
out:
    SDL_FreeSurface(o);
    SDL_FreeSurface(c->s);
    return rc;
}

static void north_arrow(canvas_t *c, float x, float y, float r, uint32_t col)
{
    arc(c, x, y, r, 2, -PI_F, PI_F, col);
    float l[6] = {x, y - r * 0.8f, x, y + r * 0.55f, x - r * 0.45f, y + r * 0.7f};
    float rt[6] = {x, y - r * 0.8f, x, y + r * 0.55f, x + r * 0.45f, y + r * 0.7f};
    poly(c, l, 3, col, 1);
    poly(c, rt, 3, mix(col, 0xffffff, 0.75f), 1);
    line(c, x, y - r * 0.8f, x + r * 0.45f, y + r * 0.7f, 1.5f, col, 1);
    text(c, "N", r * 0.7f, x, y - r - r * 0.95f, col, 0, 0, 0);
}

/* A scale bar of n segments of len px, each worth step units. */
static void scale_bar(canvas_t *c, float x, float y, float len, int n,
                      int step, const char *unit, uint32_t col)
{
    char buf[32];
    for (int i = 0; i < n; i++) {
        rect(c, x + len * (float)i, y, x + len * (float)(i + 1), y + 8, col, 1);
        if (i % 2)
            rect(c, x + len * (float)i + 1.5f, y + 1.5f,
                 x + len * (float)(i + 1) - 1.5f, y + 6.5f, 0xffffff, 1);
    }
    for (int i = 0; i <= n; i++) {
        snprintf(buf, sizeof buf, i == n ? "%d %s" : "%d", i * step, unit);
        text(c, buf, 15, x + len * (float)i + (i == n ? text_w(15, buf) / 2 -
             text_w(15, unit) / 2 - 3 : 0), y + 12, col, 0, 0, 0);
    }
}

/* ---- floor plans (metres, x east, y south) ---- */

enum { LIVING, DINING, HALL, KITCHEN, MASTER, BED, CLOSET, BATH, ENSUITE,
       BALCONY };

static const struct {
    const char *zh, *en;
    uint32_t fill;
    float window; /* widest window, m; 0 for none */
} kinds[] = {
    [LIVING] = {"客廳", "Living", 0xeddcc2, 2.7f},
    [DINING] = {"餐廳", "Dining", 0xeddcc2, 2.1f},
    [HALL] = {NULL, NULL, 0xeddcc2, 0},
    [KITCHEN] = {"廚房", "Kitchen", 0xe3e6e3, 1.5f},
    [MASTER] = {"主臥", "Master", 0xf3e8d7, 2.1f},
    [BED] = {"次臥", "Bedroom", 0xf3e8d7, 1.8f},
    [CLOSET] = {"衣帽間", "Walk-in", 0xf3e8d7, 0},
    [BATH] = {"衛生間", "Bath", 0xd9e7ef, 0.7f},
    [ENSUITE] = {"主衛", "En-suite", 0xd9e7ef, 0.7f},
    [BALCONY] = {"陽台", "Balcony", 0xe6e4de, 0},
};

/* A rectangle of floor.  Rooms of one zone are open to each other.  The
 * door is on side dside (N E S W, 0 for none), dpos m from that side's W or
 * N end, or -dpos from its E or S end, hinged at the nearer corner; fside
 * is the wall the furniture backs onto. */
typedef struct {
    int kind, zone;
    float x0, y0, x1, y1;
    char dside;
    float dpos;
    char fside;
} room_t;

typedef struct {
    const char *code;
    int bed, living, bath;
    int party_w, party_e; /* shared with the next flat: no windows */
    int n;                /* set by draw_plan: rooms up to the first empty */
    room_t r[20];
} plan_t;

/* The west wing (kitchen, bath, bedroom) and the living spine are common to
 * all five types; the bigger types add bedrooms and the master suite east. */
#define WEST(w, k, b, y1, d)                                                \
    {KITCHEN, 1, 0, 0, w, k, 'E', -0.2f, 'N'},                              \
    {BATH, 2, 0, k, 2.3f, b, 'E', -0.1f, 'N'},                              \
    {HALL, 0, 2.3f, k, w, b, 0, 0, 0},                                      \
    {d, 3, 0, b, w, y1, 'N', -0.15f, d == MASTER ? 'W' : 'N'}
#define SPINE(x0, x1, dy, y1)                                               \
    {DINING, 0, x0, 0, x1, dy, 'N', -0.2f, 'S'},                            \
    {LIVING, 0, x0, dy, x1, y1, 0, 0, 'W'},                                 \
    {BALCONY, 9, x0, y1, x1, y1 + 1.4f, 0, 0, 0}

static const plan_t plans[] = {
    {"A", 2, 2, 1, 1, 1, 0, {
        WEST(3.5f, 2.6f, 4.4f, 8.2f, MASTER), SPINE(3.5f, 7.2f, 3.8f, 8.2f),
        {BED, 4, 7.2f, 3.8f, 10.2f, 8.2f, 'W', -0.15f, 'N'},
    }},
    {"B", 3, 2, 1, 1, 1, 0, {
        WEST(3.5f, 2.6f, 4.4f, 8.2f, MASTER), SPINE(3.5f, 7.4f, 3.8f, 8.2f),
        {BED, 4, 7.4f, 0, 10.6f, 3.6f, 'W', -0.15f, 'N'},
        {BED, 5, 7.4f, 3.6f, 10.6f, 8.2f, 'W', -0.15f, 'N'},
    }},
    {"C", 3, 2, 2, 0, 1, 0, {
        WEST(3.5f, 2.6f, 4.4f, 8.2f, BED), SPINE(3.5f, 7.4f, 3.8f, 8.2f),
        {BED, 4, 7.4f, 0, 11.2f, 3.4f, 'W', -0.15f, 'N'},
        {ENSUITE, 6, 7.4f, 3.4f, 9.6f, 5.0f, 'S', -0.15f, 'N'},
        {CLOSET, 5, 9.6f, 3.4f, 11.2f, 5.0f, 0, 0, 'N'},
        {MASTER, 5, 7.4f, 5.0f, 11.2f, 8.2f, 'W', 0.15f, 'E'},
    }},
    {"D", 4, 2, 2, 1, 0, 0, {
        WEST(3.5f, 2.8f, 4.6f, 8.4f, BED), SPINE(3.5f, 7.6f, 4.0f, 8.4f),
        {BED, 4, 7.6f, 0, 10.8f, 3.4f, 'S', 0.15f, 'N'},
        {BED, 5, 10.8f, 0, 14.0f, 3.4f, 'S', 0.15f, 'N'},
        {HALL, 0, 7.6f, 3.4f, 14.0f, 4.6f, 0, 0, 0},
        {ENSUITE, 6, 7.6f, 4.6f, 9.8f, 7.0f, 'E', 0.15f, 'W'},
        {CLOSET, 7, 7.6f, 7.0f, 9.8f, 8.4f, 0, 0, 'W'},
        {MASTER, 7, 9.8f, 4.6f, 14.0f, 8.4f, 'N', 0.2f, 'E'},
        {BALCONY, 10, 9.8f, 8.4f, 14.0f, 9.6f, 0, 0, 0},
    }},
    {"E", 4, 2, 3, 1, 0, 0, {
        WEST(3.6f, 3.0f, 4.8f, 8.8f, BED), SPINE(3.6f, 8.2f, 4.2f, 8.8f),
        {BED, 4, 8.2f, 0, 11.6f, 3.6f, 'S', 0.15f, 'N'},
        {BATH, 5, 11.6f, 0, 13.9f, 2.4f, 'S', 0.15f, 'N'},
        {HALL, 0, 11.6f, 2.4f, 13.9f, 3.6f, 0, 0, 0},
        {BED, 6, 13.9f, 0, 16.8f, 3.6f, 'S', 0.15f, 'N'},
        {HALL, 0, 8.2f, 3.6f, 16.8f, 4.8f, 0, 0, 0},
        {ENSUITE, 7, 8.2f, 4.8f, 10.6f, 8.8f, 'E', 0.2f, 'W'},
        {CLOSET, 8, 10.6f, 4.8f, 12.4f, 8.8f, 0, 0, 'S'},
        {MASTER, 8, 12.4f, 4.8f, 16.8f, 8.8f, 'N', 0.2f, 'E'},
        {BALCONY, 10, 12.4f, 8.8f, 16.8f, 10.2f, 0, 0, 0},
    }},
};

#define WALL_EXT 0.22f
#define WALL_INT 0.12f
#define WALL_BALC 0.20f
#define RAIL 0.10f
#define INSET 0.13f     /* furniture stands this far from a wall's centre */
#define C_WALL 0x34312dU
#define C_PAPER 0xf7f5f1U
#define C_FURN 0x8d857aU
#define C_FURN_FILL 0xfdfbf7U

typedef struct {
    canvas_t *c;
    const plan_t *p;
    float sc, ox, oy; /* px per m, origin */
    float w;          /* the flat's width, m */
    int rails;        /* run_wall draws walls (0), railings (1), their cores */
} pctx_t;

static float X(const pctx_t *g, float x) { return g->ox + x * g->sc; }
static float Y(const pctx_t *g, float y) { return g->oy + y * g->sc; }

static void m_rect(const pctx_t *g, float x0, float y0, float x1, float y1,
                   uint32_t col)
{
    rect(g->c, X(g, fminf(x0, x1)), Y(g, fminf(y0, y1)), X(g, fmaxf(x0, x1)),
         Y(g, fmaxf(y0, y1)), col, 1);
}

/* Room containing a point, -1 for outside. */
static int room_at(const plan_t *p, float x, float y)
{
    for (int i = 0; i < p->n; i++) {
        const room_t *r = &p->r[i];
        if (x > r->x0 && x < r->x1 && y > r->y0 && y < r->y1)
            return i;
    }
    return -1;
}

/* A side of a room: where it starts, which way it runs (ax along x or y)
 * and the outward normal. */
typedef struct {
    float x, y, len;
    int along_x;
    float nx, ny;
} side_t;

static side_t room_side(const room_t *r, char s)
{
    side_t d = {r->x0, r->y0, r->x1 - r->x0, 1, 0, -1};
    if (s == 'S')
        d.y = r->y1, d.ny = 1;
    else if (s == 'W' || s == 'E') {
        d = (side_t){s == 'W' ? r->x0 : r->x1, r->y0, r->y1 - r->y0, 0,
                     s == 'W' ? -1.0f : 1.0f, 0};
    }
    return d;
}

static float wall_of(const plan_t *p, int i, int j)
{
    int bi = p->r[i].kind == BALCONY, bj = j >= 0 && p->r[j].kind == BALCONY;
    if (j < 0)
        return bi ? RAIL : WALL_EXT;
    if (p->r[i].zone == p->r[j].zone)
        return 0;
    return bi != bj ? WALL_BALC : WALL_INT;
}

enum { STRIP_WALL, STRIP_OPEN, STRIP_GLASS, STRIP_RAIL };

/* Paints the strip [a, b] of side d, t thick: wall, an opening (each half
 * takes the colour of the floor it belongs to), glass or a railing's core. */
static void wall_strip(const pctx_t *g, const side_t *d, float a, float b,
                       float t, int i, int j, int mode)
{
    float h = t / 2 + (mode == STRIP_RAIL ? -1.6f / g->sc : 0.005f);
    uint32_t in = kinds[g->p->r[i].kind].fill;
    uint32_t out = j >= 0 ? kinds[g->p->r[j].kind].fill : C_PAPER;
    if (mode != STRIP_OPEN)
        in = out = mode == STRIP_WALL ? C_WALL : 0xfdfcfaU;
    if (d->along_x) {
        m_rect(g, a, d->y, b, d->y - d->ny * h, in);
        m_rect(g, a, d->y, b, d->y + d->ny * h, out);
    } else {
        m_rect(g, d->x, a, d->x - d->nx * h, b, in);
        m_rect(g, d->x, a, d->x + d->nx * h, b, out);
    }
}

/* A line parallel to side d from a to b, offset o outwards (m). */
static void side_line(const pctx_t *g, const side_t *d, float a, float b,
                      float o, float wd, uint32_t col)
{
    if (d->along_x)
        line(g->c, X(g, a), Y(g, d->y + d->ny * o), X(g, b),
             Y(g, d->y + d->ny * o), wd, col, 1);
    else
        line(g->c, X(g, d->x + d->nx * o), Y(g, a), X(g, d->x + d->nx * o),
             Y(g, b), wd, col, 1);
}

typedef void (*run_fn)(const pctx_t *g, int i, char s, const side_t *d,
                       float a, float b, int j);

/* Calls fn for each stretch of each side of each room that faces one
 * neighbour (or the outside, j = -1). */
static void each_run(const pctx_t *g, run_fn fn)
{
    static const char sides[] = "NESW";
    for (int i = 0; i < g->p->n; i++)
        for (int k = 0; k < 4; k++) {
            side_t d = room_side(&g->p->r[i], sides[k]);
            int steps = (int)lroundf(d.len / 0.05f), prev = -2;
            float start = 0, base = d.along_x ? d.x : d.y;
            for (int s = 0; s <= steps; s++) {
                int j = -3;
                if (s < steps) {
                    float t = base + ((float)s + 0.5f) * 0.05f;
                    j = d.along_x ? room_at(g->p, t, d.y + d.ny * 0.1f)
                                  : room_at(g->p, d.x + d.nx * 0.1f, t);
                }
                if (j != prev) {
                    if (prev != -2)
                        fn(g, i, sides[k], &d, start, base + (float)s * 0.05f,
                           prev);
                    prev = j;
                    start = base + (float)s * 0.05f;
                }
            }
        }
}

static void run_wall(const pctx_t *g, int i, char s, const side_t *d, float a,
                     float b, int j)
{
    float t = wall_of(g->p, i, j);
    (void)s;
    if (t <= 0 || j >= i || (t == RAIL) != (g->rails > 0))
        return;
    /* A railing is a wall with a light core, drawn after all of them. */
    float e = g->rails == 2 ? t / 2 - 1.6f / g->sc : t / 2;
    wall_strip(g, d, a - e, b + e, t, i, j,
               g->rails == 2 ? STRIP_RAIL : STRIP_WALL);
}

/* The door of room i as [a, b] along its side, hinge at *hinge. */
static int door_span(const plan_t *p, int i, float *a, float *b, float *hinge)
{
    const room_t *r = &p->r[i];
    if (!r->dside)
        return 0;
    side_t d = room_side(r, r->dside);
    float w = r->kind == BATH || r->kind == ENSUITE ? 0.75f : 0.85f;
    float base = d.along_x ? d.x : d.y;
    float at = r->dpos >= 0 ? base + r->dpos + 0.4f : base + d.len + r->dpos - 0.4f;
    if (d.along_x ? room_at(p, at, d.y + d.ny * 0.1f) < 0
                  : room_at(p, d.x + d.nx * 0.1f, at) < 0)
        w = 1.0f; /* the front door */
    *a = r->dpos >= 0 ? base + r->dpos : base + d.len + r->dpos - w;
    *b = *a + w;
    *hinge = r->dpos >= 0 ? *a : *b;
    return 1;
}

/* Windows in outside walls, sliding doors onto balconies. */
static void run_openings(const pctx_t *g, int i, char s, const side_t *d,
                         float a, float b, int j)
{
    const plan_t *p = g->p;
    const room_t *r = &p->r[i];
    float da, db, h;
    if (j >= 0 && p->r[j].kind == BALCONY && r->kind != BALCONY &&
        b - a > 1.6f) {
        float w = fminf(b - a - 0.6f, 2.4f), m = (a + b) / 2;
        wall_strip(g, d, m - w / 2, m + w / 2, WALL_BALC, i, j, STRIP_OPEN);
        for (int k = 0; k < 2; k++) {
            float o = k ? 0.035f : -0.035f;
            float u0 = k ? m - 0.05f : m - w / 2, u1 = k ? m + w / 2 : m + 0.05f;
            side_line(g, d, u0, u1, o, 0.06f * g->sc, C_WALL);
            side_line(g, d, u0 + 0.02f, u1 - 0.02f, o, 0.06f * g->sc - 3,
                      0xffffffU);
        }
        return;
    }
    int party = (s == 'W' && r->x0 <= 0 && p->party_w) ||
                (s == 'E' && r->x1 >= g->w && p->party_e);
    if (j >= 0 || party || kinds[r->kind].window <= 0)
        return;
    if (r->dside == s && door_span(p, i, &da, &db, &h) && da < b && db > a) {
        if (da - a > b - db) /* keep clear of the front door */
            b = da - 0.2f;
        else
            a = db + 0.2f;
    }
    float w = fminf(b - a - 0.9f, kinds[r->kind].window), m = (a + b) / 2;
    if (w < 0.6f)
        return;
    wall_strip(g, d, m - w / 2, m + w / 2, WALL_EXT, i, j, STRIP_GLASS);
    for (int k = 0; k < 4; k++) {
        static const float off[4] = {-0.115f, -0.025f, 0.025f, 0.115f};
        side_line(g, d, m - w / 2, m + w / 2, off[k], 1.4f, C_WALL);
    }
}

static void draw_door(const pctx_t *g, int i)
{
    const room_t *r = &g->p->r[i];
    float a, b, hg;
    if (!door_span(g->p, i, &a, &b, &hg))
        return;
    side_t d = room_side(r, r->dside);
    float m = (a + b) / 2, w = b - a;
    int j = d.along_x ? room_at(g->p, m, d.y + d.ny * 0.1f)
                      : room_at(g->p, d.x + d.nx * 0.1f, m);
    float t = wall_of(g->p, i, j);
    wall_strip(g, &d, a, b, t, i, j, STRIP_OPEN);
    /* Hinge on the inner face; the leaf stands open into the room. */
    float hx = d.along_x ? hg : d.x - d.nx * t / 2;
    float hy = d.along_x ? d.y - d.ny * t / 2 : hg;
    float lx = hx - d.nx * w, ly = hy - d.ny * w;
    float dir = (hg == a) ? 1.0f : -1.0f;
    float t1 = atan2f(d.along_x ? 0 : dir, d.along_x ? dir : 0);
    float t2 = atan2f(-d.ny, -d.nx);
    float lo = fmodf(t2 - t1 + 4 * PI_F, 2 * PI_F) < PI_F ? t1 : t2;
    arc(g->c, X(g, hx), Y(g, hy), w * g->sc, 1.3f, lo, lo + PI_F / 2,
        C_FURN);
    line(g->c, X(g, hx), Y(g, hy), X(g, lx), Y(g, ly), 0.045f * g->sc, C_WALL,
         1);
    if (j < 0) { /* the way in */
        float ex = d.along_x ? m : d.x + d.nx * 0.45f;
        float ey = d.along_x ? d.y + d.ny * 0.45f : m;
        float s = 0.16f * g->sc, q[6] = {
            X(g, ex) - d.nx * s, Y(g, ey) - d.ny * s,
            X(g, ex) + d.nx * s * 0.4f - d.ny * s, Y(g, ey) + d.ny * s * 0.4f - d.nx * s,
            X(g, ex) + d.nx * s * 0.4f + d.ny * s, Y(g, ey) + d.ny * s * 0.4f + d.nx * s};
        poly(g->c, q, 3, 0xb08d57U, 1);
    }
}

/* Furniture is placed in the frame of the wall it backs onto: u along the
 * wall from its W or N end, v away from it into the room, both from the
 * walls' faces (L and D are the room's clear length and depth). */
typedef struct {
    const pctx_t *g;
    const room_t *r;
    char s;
    float L, D;
} frame_t;

static void fmap(const frame_t *f, float u, float v, float *x, float *y)
{
    const room_t *r = f->r;
    u += INSET;
    v += INSET;
    *x = f->s == 'N' || f->s == 'S' ? r->x0 + u : f->s == 'W' ? r->x0 + v : r->x1 - v;
    *y = f->s == 'W' || f->s == 'E' ? r->y0 + u : f->s == 'N' ? r->y0 + v : r->y1 - v;
}

static void f_rect(const frame_t *f, float u0, float v0, float u1, float v1,
                   float rad, uint32_t fill)
{
    float x0, y0, x1, y1;
    const pctx_t *g = f->g;
    fmap(f, u0, v0, &x0, &y0);
    fmap(f, u1, v1, &x1, &y1);
    orect(g->c, X(g, fminf(x0, x1)), Y(g, fminf(y0, y1)), X(g, fmaxf(x0, x1)),
          Y(g, fmaxf(y0, y1)), rad * g->sc, 1.5f, fill, C_FURN);
}

static void f_rug(const frame_t *f, float u0, float v0, float u1, float v1)
{
    float x0, y0, x1, y1;
    const pctx_t *g = f->g;
    fmap(f, u0, v0, &x0, &y0);
    fmap(f, u1, v1, &x1, &y1);
    orect(g->c, X(g, fminf(x0, x1)), Y(g, fminf(y0, y1)), X(g, fmaxf(x0, x1)),
          Y(g, fmaxf(y0, y1)), 0.05f * g->sc, 3, 0xf1e9dcU, 0xe3d5c0U);
}

static void f_ell(const frame_t *f, float u, float v, float ru, float rv)
{
    float x, y;
    int ns = f->s == 'N' || f->s == 'S';
    fmap(f, u, v, &x, &y);
    oellipse(f->g->c, X(f->g, x), Y(f->g, y), (ns ? ru : rv) * f->g->sc,
             (ns ? rv : ru) * f->g->sc, 1.5f, C_FURN_FILL, C_FURN);
}

static void f_line(const frame_t *f, float u0, float v0, float u1, float v1)
{
    float x0, y0, x1, y1;
    fmap(f, u0, v0, &x0, &y0);
    fmap(f, u1, v1, &x1, &y1);
    line(f->g->c, X(f->g, x0), Y(f->g, y0), X(f->g, x1), Y(f->g, y1), 1.3f,
         C_FURN, 1);
}

static void bed(const frame_t *f, float w, int stands)
{
    float u = f->L / 2 - w / 2;
    for (int k = 0; k < stands; k++)
        f_rect(f, k ? u + w + 0.08f : u - 0.53f, 0, k ? u + w + 0.53f : u - 0.08f,
               0.42f, 0.03f, C_FURN_FILL);
    f_rect(f, u, 0, u + w, 2.05f, 0.06f, C_FURN_FILL);
    for (int k = 0, n = w > 1.3f ? 2 : 1; k < n; k++)
        f_rect(f, u + 0.1f + (float)k * (w - 0.2f) / 2, 0.12f,
               u + 0.1f + (float)(k + 1) * (w - 0.2f) / 2 - 0.06f * (float)(n - 1),
               0.5f, 0.08f, C_FURN_FILL);
    f_rect(f, u, 0.75f, u + w, 2.05f, 0.06f, 0xf4efe6U);
    f_line(f, u, 0.95f, u + w, 0.95f);
}

/* Draws the room's furniture and says which depths [*v0, *v1] (from the
 * wall it backs onto) it leaves free for the label. */
static void furnish(const frame_t *f, float *v0, float *v1)
{
    float L = f->L, U = L, D = f->D, w, v;
    *v0 = 0;
    *v1 = D;
    switch (f->r->kind) {
    case MASTER:
    case BED:
        bed(f, f->r->kind == MASTER ? 1.8f : L > 2.6f ? 1.5f : 1.2f,
            f->r->kind == MASTER ? 2 : 1);
        *v0 = 2.05f;
        break;
    case LIVING:
        w = L > 3.8f ? 2.8f : 2.4f;
        f_rug(f, L / 2 - w / 2 + 0.1f, 0.75f, L / 2 + w / 2 - 0.1f, 2.3f);
        f_rect(f, L / 2 - w / 2, 0, L / 2 + w / 2, 0.9f, 0.08f, C_FURN_FILL);
        f_rect(f, L / 2 - w / 2 + 0.2f, 0.22f, L / 2 + w / 2 - 0.2f, 0.9f,
               0.04f, C_FURN_FILL);
        f_line(f, L / 2, 0.22f, L / 2, 0.9f);
        f_rect(f, L / 2 - 0.6f, 1.3f, L / 2 + 0.6f, 1.9f, 0.08f, 0xf1ebe0U);
        f_rect(f, L / 2 - 1.0f, D - 0.42f, L / 2 + 1.0f, D, 0.02f, C_FURN_FILL);
        *v0 = 1.9f;
        *v1 = D - 0.42f;
        break;
    case DINING: /* the table stands clear of the living room */
        v = D - 1.85f;
        for (int k = 0; k < 4; k++) {
            float cu = L / 2 + (k % 2 ? 0.35f : -0.35f);
            float cv = k / 2 ? v + 1.3f : v + 0.1f;
            f_rect(f, cu - 0.22f, cv, cu + 0.22f, cv + 0.42f, 0.06f, C_FURN_FILL);
        }
        f_rect(f, L / 2 - 0.7f, v + 0.32f, L / 2 + 0.7f, v + 1.4f, 0.04f,
               0xf1ebe0U);
        *v1 = v;
        break;
    case KITCHEN:
        f_rect(f, 0, 0, U, 0.6f, 0, C_FURN_FILL);
        f_rect(f, 0, 0.6f, 0.6f, fminf(D - 0.9f, 2.0f), 0, C_FURN_FILL);
        f_rect(f, U * 0.55f, 0.08f, U * 0.55f + 0.7f, 0.48f, 0.06f, C_FURN_FILL);
        f_line(f, U * 0.55f + 0.35f, 0.08f, U * 0.55f + 0.35f, 0.48f);
        for (int k = 0; k < 4; k++)
            f_ell(f, 0.18f + (float)(k % 2) * 0.25f,
                  0.95f + (float)(k / 2) * 0.3f, 0.09f, 0.09f);
        *v0 = 0.6f;
        break;
    case BATH:
    case ENSUITE:
        if (U >= 3.2f) { /* a bath tub */
            w = 1.7f;
            f_rect(f, 0, 0, w, 0.8f, 0.1f, C_FURN_FILL);
            f_rect(f, 0.1f, 0.1f, w - 0.1f, 0.7f, 0.25f, C_FURN_FILL);
        } else {
            w = 0.8f;
            f_rect(f, 0, 0, w, w, 0, C_FURN_FILL);
            f_line(f, 0, 0, w, w);
            f_line(f, w, 0, 0, w);
        }
        f_rect(f, w + 0.15f, 0, w + 0.55f, 0.2f, 0.03f, C_FURN_FILL);
        f_ell(f, w + 0.35f, 0.43f, 0.19f, 0.25f);
        v = U >= w + 1.2f ? 0 : D - 0.48f; /* no room: opposite wall */
        float u0 = v > 0 ? 0 : U - (U >= w + 2.2f ? 1.2f : 0.55f);
        w = v > 0 ? 0.55f : U - u0;       /* a double basin if it fits */
        f_rect(f, u0, v, u0 + w, v + 0.48f, 0.04f, C_FURN_FILL);
        for (float u = u0 + (w > 1 ? 0.3f : w / 2); u < u0 + w; u += 0.6f)
            f_ell(f, u, v + 0.24f, 0.19f, 0.14f);
        *v0 = v > 0 ? 0.8f : 0.75f;
        *v1 = v > 0 ? v : D;
        break;
    case CLOSET:
        f_rect(f, 0, 0, U, 0.6f, 0, C_FURN_FILL);
        f_line(f, 0.05f, 0.3f, U - 0.05f, 0.3f);
        *v0 = 0.6f;
        break;
    }
}

/* Furnishes room i and writes its name, Chinese over English, centred in
 * the floor the furniture leaves free and shrunk to fit it. */
static void label(const pctx_t *g, int i)
{
    const room_t *r = &g->p->r[i];
    if (!kinds[r->kind].zh)
        return;
    frame_t f = {g, r, r->fside ? r->fside : 'N', 0, 0};
    int ns = f.s == 'N' || f.s == 'S';
    float v0, v1, x, y;
    f.L = (ns ? r->x1 - r->x0 : r->y1 - r->y0) - 2 * INSET;
    f.D = (ns ? r->y1 - r->y0 : r->x1 - r->x0) - 2 * INSET;
    furnish(&f, &v0, &v1);
    fmap(&f, f.L / 2, (v0 + v1) / 2, &x, &y);
    float wide = (ns ? f.L : v1 - v0) * g->sc - 12;
    float tall = (ns ? v1 - v0 : f.L) * g->sc - 6;
    float zh = fminf(30, fmaxf(20, g->sc * 0.3f)), en = zh * 0.62f;
    float need = fmaxf(text_w(zh, kinds[r->kind].zh),
                       text_w(en, kinds[r->kind].en));
    float fit = fminf(1, fminf(wide / need, tall / (zh + en + 2)));
    zh *= fit;
    en *= fit;
    float top = Y(g, y) - (zh + en + 2) / 2;
    text(g->c, kinds[r->kind].zh, zh, X(g, x), top - zh * 0.12f, 0x2e2a25U, 0,
         0, 0);
    text(g->c, kinds[r->kind].en, en, X(g, x), top + zh + 2 - en * 0.1f,
         0x7a7166U, 0, 0, 0);
}

static void floor_texture(const pctx_t *g, const room_t *r)
{
    int k = r->kind;
    float step = k == BATH || k == ENSUITE ? 0.3f : k == KITCHEN || k == BALCONY
                 ? 0.6f : 0.2f;
    uint32_t col = mix(kinds[k].fill, 0x000000U, 0.07f);
    for (float y = r->y0 + step; y < r->y1 - 0.01f; y += step)
        line(g->c, X(g, r->x0), Y(g, y), X(g, r->x1), Y(g, y), 1, col, 1);
    if (step > 0.25f)
        for (float x = r->x0 + step; x < r->x1 - 0.01f; x += step)
            line(g->c, X(g, x), Y(g, r->y0), X(g, x), Y(g, r->y1), 1, col, 1);
}

/* Checks the plan against its type, then draws it. */
static int draw_plan(const plan_t *type, const char *dir)
{
    int nbed = 0, nliv = 0, nbath = 0;
    float w = 0, h = 0;
    plan_t q = *type, *p = &q;
    while (p->n < 20 && p->r[p->n].x1 > 0)
        p->n++;
    for (int i = 0; i < p->n; i++) {
        int k = p->r[i].kind;
        nbed += k == MASTER || k == BED;
        nliv += k == LIVING || k == DINING;
        nbath += k == BATH || k == ENSUITE;
        w = fmaxf(w, p->r[i].x1);
        h = fmaxf(h, p->r[i].y1);
    }
    if (nbed != p->bed || nliv != p->living || nbath != p->bath) {
        fprintf(stderr, "demo_media: plan %s has %d bed %d living %d bath\n",
                p->code, nbed, nliv, nbath);
        return -1;
    }
    canvas_t c;
    if (canvas_init(&c, 1600, 1200, 2, C_PAPER) != 0)
        return -1;
    pctx_t g = {&c, p, 0, 0, 0, w, 0};
    /* Room above for the way-in mark. */
    g.sc = fminf(1380 / (w + 0.4f), 1120 / (h + 1.2f));
    g.ox = 40 + (1380 - w * g.sc) / 2;
    g.oy = 40 + (1120 - (h - 0.8f) * g.sc) / 2;
    for (int i = 0; i < p->n; i++) {
        const room_t *r = &p->r[i];
        m_rect(&g, r->x0, r->y0, r->x1, r->y1, kinds[r->kind].fill);
        floor_texture(&g, r);
    }
    each_run(&g, run_wall);
    g.rails = 1;
    each_run(&g, run_wall);
    g.rails = 2;
    each_run(&g, run_wall);
    each_run(&g, run_openings);
    for (int i = 0; i < p->n; i++)
        draw_door(&g, i);
    for (int i = 0; i < p->n; i++)
        label(&g, i);
    north_arrow(&c, 1520, 110, 34, 0x4a453fU);
    scale_bar(&c, 1440 - 3 * g.sc + 120, 1130, g.sc, 3, 1, "m", 0x4a453fU);
    char name[32];
    snprintf(name, sizeof name, "plan-%s.png", p->code);
    return canvas_save(&c, dir, name);
}

/* ---- project images (1920 x 1080, no text) ---- */

static float g_haze;      /* how far tower colours fade into g_hazecol */
static uint32_t g_hazecol;

static uint32_t hz(uint32_t col) { return mix(col, g_hazecol, g_haze); }

/* One residential tower seen from the front, its east face in shade; fh is
 * a floor's height in px.  Dusk towers have lit windows, day towers glass
 * bands and balcony slabs. */
static void tower(canvas_t *c, float x, float base, float w, float h,
                  float fh, int day)
{
    float sd = w * 0.3f, top = base - h, bw = w / (float)(int)(w / (fh * 1.15f));
    uint32_t front[2] = {hz(day ? 0xf3eee6U : 0x363d5cU),
                         hz(day ? 0xe2dbcfU : 0x1d2237U)};
    uint32_t side[2] = {hz(day ? 0xc9c1b4U : 0x1b2034U),
                        hz(day ? 0xb3ab9eU : 0x121626U)};
    vgrad(c, x, top, x + w, base, front, 2);
    vgrad(c, x + w, top + fh * 0.4f, x + w + sd, base, side, 2);
    rect(c, x + w * 0.2f, top - fh * 1.8f, x + w * 0.8f, top, front[0], 1);
    rect(c, x + w * 0.8f, top - fh * 1.5f, x + w * 0.8f + sd * 0.6f, top,
         side[0], 1);
    rect(c, x - 2, top - 3, x + w + 2, top, hz(day ? 0xfffcf6U : 0x7d86a8U), 1);
    if (!day) /* the crown is lit */
        rect(c, x + w * 0.2f, top - fh * 1.8f, x + w * 0.8f, top - fh * 1.5f,
             hz(0xffe2b0U), 0.85f);
    for (float y = top + fh * 0.6f; y + fh < base + fh; y += fh) {
        float t = (y - top) / h;
        if (day) {
            uint32_t glass = hz(mix(0x9dbbd6U, 0x6f8da8U, t));
            rect(c, x + 3, y + fh * 0.25f, x + w - 3, y + fh * 0.82f, glass, 1);
            rect(c, x + w + 2, y + fh * 0.25f, x + w + sd - 2, y + fh * 0.82f,
                 hz(mix(0x6d879eU, 0x566f86U, t)), 1);
            rect(c, x - 1, y + fh * 0.82f, x + w + 1, y + fh, hz(0xfbf9f4U), 1);
            for (float u = x + bw; u < x + w - 2; u += bw)
                rect(c, u - 0.8f, y + fh * 0.25f, u + 0.8f, y + fh * 0.82f,
                     hz(0xe6e0d5U), 1);
            continue;
        }
        for (float u = x; u + bw <= x + w + sd * 1.01f + 0.5f; u += bw) {
            int on_side = u >= x + w - 0.5f;
            float lit = rnd(0, 1), ww = on_side ? bw * 0.45f : bw * 0.6f;
            uint32_t warm = mix(0xffd08aU, 0xfff1cfU, rnd(0, 1));
            if (on_side && u + ww > x + w + sd)
                break;
            float u0 = u + (bw - ww) / 2 - (on_side ? bw * 0.12f : 0);
            if (lit < (on_side ? 0.22f : 0.36f) - t * 0.1f)
                rect(c, u0, y + fh * 0.22f, u0 + ww, y + fh * 0.78f,
                     hz(on_side ? mix(warm, 0x8a6a50U, 0.3f) : warm),
                     rnd(0.75f, 1));
            else
                rect(c, u0, y + fh * 0.22f, u0 + ww, y + fh * 0.78f,
                     on_side ? side[0] : hz(0x434c6cU), 0.7f);
        }
    }
}

/* A tree: a few overlapping crowns, lit from the upper left when hi is not
 * col. */
static void tree(canvas_t *c, float x, float base, float s, uint32_t col,
                 uint32_t hi)
{
    int day = hi != col;
    if (day) {
        ellipse(c, x + s * 0.15f, base, s * 0.6f, s * 0.1f, 0x2f4f23U, 0.3f, 0.6f);
        line(c, x, base, x, base - s * 0.8f, s * 0.09f, 0x4d3d2eU, 1);
    }
    for (int i = 0; i < 9; i++) {
        float cx = x + rnd(-0.45f, 0.45f) * s;
        float cy = base - s * (day ? rnd(0.85f, 1.4f) : rnd(0.35f, 1.1f));
        float r = s * (day ? rnd(0.26f, 0.42f) : rnd(0.22f, 0.38f));
        ellipse(c, cx, cy, r, r * 0.92f, col, 1, 0.04f);
        if (day)
            ellipse(c, cx - r * 0.25f, cy - r * 0.3f, r * 0.6f, r * 0.55f, hi,
                    0.5f, 0.6f);
    }
}

/* The project's eight towers and the city behind them, standing on y. */
static void skyline(canvas_t *c, float x0, float x1, float y, float sc,
                    int day, uint32_t haze)
{
    static const float pos[8][3] = {  /* x (0..1), width, height */
        {0.16f, 120, 330}, {0.27f, 110, 405}, {0.36f, 130, 370},
        {0.47f, 125, 470}, {0.57f, 130, 420}, {0.66f, 115, 455},
        {0.75f, 130, 360}, {0.85f, 120, 300},
    };
    g_hazecol = haze;
    for (float x = x0 - (x1 - x0) * 0.3f; x < x1 + (x1 - x0) * 0.25f;
         x += rnd(40, 100) * sc) {
        g_haze = 0.72f;
        float w = rnd(40, 85) * sc;
        tower(c, x, y, w, rnd(60, 200) * sc, 9 * sc, day);
    }
    for (int pass = 0; pass < 2; pass++)
        for (int i = pass; i < 8; i += 2) {
            g_haze = pass ? 0.04f : 0.2f;
            tower(c, x0 + (x1 - x0) * pos[i][0], y, pos[i][1] * sc,
                  pos[i][2] * sc * (pass ? 1.0f : 0.9f), 11.5f * sc, day);
        }
}

/* Mirrors what is above row y into the water below it (to the clip
 * rectangle's bottom), rippled and blurred, tinted towards col .. col2. */
static void reflect(canvas_t *c, float y, uint32_t col, uint32_t col2)
{
    int k = c->k, hy = (int)(y * (float)k), bot = c->clip[3];
    float dx = 0, shimmer = 1;
    for (int row = hy; row < bot; row++) {
        float d = (float)(row - hy) / (float)k, f = d / ((float)(bot - hy) / (float)k);
        if ((row - hy) % (2 * k) == 0) { /* a new ripple every 2 px */
            dx = rnd(-1, 1) * (0.6f + d * 0.012f);
            shimmer = rnd(0.94f, 1.06f);
        }
        uint32_t tint = mix(col, col2, f);
        for (int x = c->clip[0]; x < c->clip[2]; x++) {
            int sx = x + (int)(dx * (float)k);
            sx = sx < c->clip[0] ? c->clip[0] : sx >= c->clip[2] ? c->clip[2] - 1 : sx;
            /* Lights stretch into vertical streaks further out. */
            float acc[3] = {0, 0, 0};
            int m = 2 + (int)(d * 0.05f);
            for (int j = 0; j < m; j++)
                for (int i = -1; i <= 1; i++) {
                    int sy = hy - 1 - (int)(d * 0.9f * (float)k) + (j - m / 2) * k;
                    int xx = sx + i * k < 0 ? 0 : sx + i * k >= c->w ? c->w - 1 : sx + i * k;
                    sy = sy < 0 ? 0 : sy >= hy ? hy - 1 : sy;
                    uint32_t p = c->px[(size_t)sy * (size_t)c->w + (size_t)xx];
                    for (int q = 0; q < 3; q++)
                        acc[q] += (float)((p >> (16 - 8 * q)) & 255) * shimmer /
                                  (float)(3 * m);
                }
            uint32_t p = 0;
            for (int q = 0; q < 3; q++)
                p = p << 8 | (uint32_t)fminf(255, acc[q]);
            c->px[(size_t)row * (size_t)c->w + (size_t)x] =
                0xff000000U | mix(p, tint, 0.35f + 0.4f * f);
        }
    }
}

static void dusk_sky(canvas_t *c, float x0, float y0, float x1, float y1)
{
    static const uint32_t sky[] = {0x101735, 0x212c57, 0x4a4779, 0x8e5f84,
                                   0xd7897c, 0xf0ad7c, 0xf7cd97};
    vgrad(c, x0, y0, x1, y1, sky, 7);
    float h = y1 - y0, w = x1 - x0;
    for (int i = 0; i < 80; i++)
        ellipse(c, x0 + rnd(0, w), y0 + rnd(0, h * 0.35f), 1.1f, 1.1f,
                0xfff8e8U, rnd(0.2f, 0.7f), 0);
    for (int i = 0; i < 6; i++)
        ellipse(c, x0 + rnd(0, w), y0 + h * rnd(0.45f, 0.7f), rnd(150, 320) *
                w / 1920, rnd(6, 14) * w / 1920, 0xf0a4a0U, 0.22f, 1);
    ellipse(c, x0 + w * 0.62f, y1, w * 0.32f, h * 0.36f, 0xffd9a6U, 0.45f, 1);
    ellipse(c, x0 + w * 0.62f, y1, w * 0.09f, h * 0.09f, 0xfff0d0U, 0.5f, 1);
}

static int hero_dusk(const char *dir)
{
    canvas_t c;
    if (canvas_init(&c, 1920, 1080, 2, 0) != 0)
        return -1;
    float H = 700;
    dusk_sky(&c, 0, 0, 1920, H);
    float ridge[2 * 34];
    for (int i = 0; i < 32; i++) {
        ridge[2 * i] = (float)i * 1920 / 31;
        ridge[2 * i + 1] = H - 40 - 30 * sinf((float)i * 0.5f) - rnd(0, 20);
    }
    ridge[64] = 1920, ridge[65] = H, ridge[66] = 0, ridge[67] = H;
    poly(&c, ridge, 34, 0x6d5a7fU, 0.55f);
    skyline(&c, 260, 1700, H, 1, 0, 0xb88a95U);
    for (float x = -20; x < 1940; x += rnd(10, 26)) {
        float s = rnd(26, 50) * (x > 300 && x < 1650 ? 1 : 1.5f);
        tree(&c, x, H + 4, s, 0x141c22U, 0x141c22U);
    }
    rect(&c, 0, H - 3, 1920, H + 6, 0x10151cU, 1);
    for (float x = 30; x < 1920; x += 86) {
        ellipse(&c, x, H - 12, 14, 10, 0xffcf8aU, 0.35f, 1);
        ellipse(&c, x, H - 12, 2.2f, 2.2f, 0xfff0c8U, 1, 0);
    }
    reflect(&c, H + 6, 0x2a3352U, 0x10172aU);
    ellipse(&c, 1190, H + 40, 240, 200, 0xf3b27fU, 0.12f, 1);
    for (int i = 0; i < 60; i++) { /* glints of the afterglow */
        float y = H + 10 + rnd(0, 1) * rnd(0, 1) * 370, f = (y - H) / 380;
        ellipse(&c, rnd(0, 1920), y, rnd(30, 160) * (0.4f + f), 1 + f,
                i % 3 ? 0xe9a585U : 0xf6d3a4U, 0.18f, 1);
    }
    return canvas_save(&c, dir, "hero-1.jpg");
}

static void cloud(canvas_t *c, float x, float y, float s)
{
    for (int i = 0; i < 12; i++) {
        float cx = x + rnd(-1, 1) * s, cy = y + rnd(-0.25f, 0.1f) * s;
        float r = s * rnd(0.3f, 0.55f) * (1 - fabsf(cx - x) / (s * 1.6f));
        ellipse(c, cx, cy + r * 0.15f, r * 1.3f, r * 0.75f, 0xc9d6e4U, 0.35f, 1);
        ellipse(c, cx, cy, r * 1.25f, r * 0.8f, 0xffffffU, 0.55f, 1);
    }
}

/* The garden's axis in perspective: a paved walk with a reflecting pool,
 * hedges, clipped box balls and an avenue of trees leading to the towers. */
static int hero_day(const char *dir)
{
    static const uint32_t sky[] = {0x2c69b0, 0x4d8cce, 0x8bbbe4, 0xcfe3f1,
                                   0xeef4f2};
    static const uint32_t lawn[] = {0x8fb866, 0x6f9f4a, 0x568738};
    static const uint32_t pool[] = {0xdcebf3, 0x9cc4e0, 0x5f93c2};
    canvas_t c;
    if (canvas_init(&c, 1920, 1080, 2, 0) != 0)
        return -1;
    float H = 640, G = 1080 - H; /* horizon, ground height */
    vgrad(&c, 0, 0, 1920, H, sky, 5);
    ellipse(&c, 250, 60, 700, 420, 0xfffbe8U, 0.35f, 1);
    cloud(&c, 330, 170, 170);
    cloud(&c, 900, 110, 120);
    cloud(&c, 1500, 210, 190);
    cloud(&c, 1840, 90, 100);
    skyline(&c, 200, 1720, H, 1, 1, 0xcfe0ebU);
    vgrad(&c, 0, H, 1920, 1080, lawn, 3);
    for (float x = -30; x < 1950; x += rnd(24, 48))
        tree(&c, x, H + 6, rnd(36, 60), 0x4c7a3aU, 0x7fae5cU);
    rect(&c, 0, H + 4, 1920, H + 10, 0x6e9a4aU, 1);
    /* Mowing stripes, closer together with distance. */
    for (float z = 1; z < 40; z *= 1.25f)
        rect(&c, 0, H + G / (z * 1.12f), 1920, H + G / z, 0xffffffU, 0.05f);
    float walk[8] = {960 - 16, H + 12, 960 + 16, H + 12, 960 + 430, 1080,
                     960 - 430, 1080};
    poly(&c, walk, 4, 0xe9dfcbU, 1);
    for (float z = 1.05f; z < 30; z *= 1.18f) { /* paving joints */
        float y = H + G / z, hw = 430 / z;
        line(&c, 960 - hw, y, 960 + hw, y, 1.2f, 0xcdbfa5U, 0.6f);
    }
    /* The reflecting pool, a stone rim round the sky it mirrors. */
    for (float y = H + 20; y < H + G / 1.45f; y += 0.5f) {
        float hw = 215 * (y - H) / (G / 1.45f), t = (y - H - 20) / (G / 1.45f);
        rect(&c, 960 - hw - 6, y, 960 + hw + 6, y + 0.5f, 0xf6f1e7U, 1);
        if (y > H + 23 && y < H + G / 1.45f - 6)
            rect(&c, 960 - hw + 4, y, 960 + hw - 4, y + 0.5f,
                 t < 0.5f ? mix(pool[0], pool[1], t * 2) : mix(pool[1], pool[2], t * 2 - 1), 1);
    }
    for (int i = 0; i < 18; i++) {
        float y = H + 30 + rnd(0, G / 1.45f - 44), f = (y - H) / G;
        ellipse(&c, 960 + rnd(-120, 120) * f, y, rnd(20, 70) * f + 4, 1 + f,
                0xffffffU, 0.4f, 1);
    }
    for (int side = -1; side <= 1; side += 2) { /* flower borders */
        float fb[8] = {960 + side * 520 / 18.0f, H + G / 18, 960 + side * 640 / 18.0f,
                       H + G / 18, 960 + side * 640.0f, 1080, 960 + side * 520.0f, 1080};
        poly(&c, fb, 4, 0x6d8f45U, 1);
        for (int i = 0; i < 700; i++) {
            float z = 1 / rnd(0.055f, 1), y = H + G / z;
            ellipse(&c, 960 + side * rnd(525, 635) / z, y, 9 / z + 0.8f, 6 / z + 0.6f,
                    i % 3 == 0 ? 0xf2b8c6U : i % 3 == 1 ? 0xb9a3d6U : 0xfbf3e6U,
                    0.9f, 0.4f);
        }
    }
    for (int side = -1; side <= 1; side += 2)
        for (float z = 16; z >= 1.35f; z /= 1.2f) { /* hedge, box balls, trees */
            float y = H + G / z, e = 960 + side * 445 / z;
            tree(&c, 960 + side * 1100 / z, y, 300 / z, 0x41703aU, 0x78a955U);
            ellipse(&c, e + side * 24 / z, y, 44 / z, 9 / z, 0x2f4f23U, 0.3f, 0.6f);
            ellipse(&c, e + side * 18 / z, y - 30 / z, 38 / z, 36 / z, 0x3c6a30U, 1, 0.08f);
            ellipse(&c, e + side * 10 / z, y - 40 / z, 22 / z, 18 / z, 0x7fb05cU, 0.6f, 0.8f);
        }
    return canvas_save(&c, dir, "hero-2.jpg");
}

/* A living room at dusk in one-point perspective, the skyline in its
 * window. */
static int hero_interior(const char *dir)
{
    static const uint32_t floor_c[] = {0xb48a62, 0x9a6f4b, 0x7a5438};
    static const uint32_t ceil_c[] = {0xded4c6, 0xeee7dd};
    canvas_t c;
    if (canvas_init(&c, 1920, 1080, 2, 0) != 0)
        return -1;
    float bx0 = 400, by0 = 210, bx1 = 1520, by1 = 770, vx = 960, vy = 480;
    vgrad(&c, 0, 0, 1920, by0, ceil_c, 2);
    vgrad(&c, 0, by1, 1920, 1080, floor_c, 3);
    for (float xb = -2600; xb < 4600; xb += 120) /* floor boards */
        line(&c, vx + (xb - vx) * (by1 - vy) / (1080 - vy), by1, xb, 1080, 1.5f,
             0x5e3f29U, 0.35f);
    float lw[8] = {0, 0, bx0, by0, bx0, by1, 0, 1080};
    float rw[8] = {1920, 0, bx1, by0, bx1, by1, 1920, 1080};
    poly(&c, lw, 4, 0xd9ccb8U, 1);
    poly(&c, rw, 4, 0xe3d8c6U, 1);
    rect(&c, bx0, by0, bx1, by1, 0xebe2d3U, 1);
    /* The window and the view. */
    set_clip(&c, bx0 + 60, by0 + 30, bx1 - 60, by1 - 20);
    dusk_sky(&c, bx0 + 60, by0 + 30, bx1 - 60, by1 - 150);
    skyline(&c, bx0 + 120, bx1 - 120, by1 - 150, 0.55f, 0, 0xb88a95U);
    for (float x = bx0 + 40; x < bx1; x += rnd(8, 20))
        tree(&c, x, by1 - 148, rnd(14, 26), 0x141c22U, 0x141c22U);
    reflect(&c, by1 - 150, 0x2a3352U, 0x161d33U);
    set_clip(&c, 0, 0, 1920, 1080);
    for (float x = bx0 + 60; x <= bx1 - 59; x += (bx1 - bx0 - 120) / 4)
        rect(&c, x - 5, by0 + 30, x + 5, by1 - 20, 0x3a342eU, 1);
    rect(&c, bx0 + 55, by0 + 25, bx1 - 55, by0 + 35, 0x3a342eU, 1);
    rect(&c, bx0 + 55, by1 - 25, bx1 - 55, by1 - 15, 0x3a342eU, 1);
    for (float x = 0; x < 130; x += 0.5f) { /* curtains in soft folds */
        uint32_t col = mix(0xf1e9dcU, 0xd5c8b4U, 0.5f + 0.5f * sinf(x * 0.2f));
        rect(&c, bx0 + x, by0 + 6, bx0 + x + 0.5f, by1, col, 1);
        rect(&c, bx1 - x - 0.5f, by0 + 6, bx1 - x, by1, col, 1);
    }
    rect(&c, bx0 - 20, by0, bx1 + 20, by0 + 8, 0xcfc3b0U, 1);
    /* Cove light along the ceiling, a skirting, downlights. */
    float cove[8] = {0, 0, 1920, 0, bx1, by0, bx0, by0};
    poly(&c, cove, 4, 0xffe8c4U, 0.0f);
    ellipse(&c, 960, by0, 700, 40, 0xffe2b5U, 0.45f, 1);
    for (int i = -1; i <= 1; i++)
        ellipse(&c, 960 + (float)i * 420, 110, 26, 7, 0xfff6e6U, 1, 0.3f);
    rect(&c, bx0, by1 - 8, bx1, by1, 0xd6cab7U, 1);
    float skl[8] = {0, 1080, bx0, by1, bx0, by1 - 8, 0, 1064};
    float skr[8] = {1920, 1080, bx1, by1, bx1, by1 - 8, 1920, 1064};
    poly(&c, skl, 4, 0xcabda8U, 1);
    poly(&c, skr, 4, 0xd6cab7U, 1);
    /* A picture on the right wall. */
    float art[8] = {1600, 330, 1760, 270, 1760, 610, 1600, 590};
    float art2[8] = {1610, 340, 1750, 288, 1750, 596, 1610, 580};
    poly(&c, art, 4, 0x3a332cU, 1);
    poly(&c, art2, 4, 0xf0e8dcU, 1);
    float art3[8] = {1610, 500, 1750, 440, 1750, 596, 1610, 580};
    poly(&c, art3, 4, 0x9fb4b0U, 0.8f);
    ellipse(&c, 1690, 400, 28, 30, 0xe3a47fU, 0.9f, 0.1f);
    /* Rug, sofa, table, lamp, plant. */
    float rug[8] = {560, 820, 1360, 820, 1560, 1010, 360, 1010};
    float rug2[8] = {590, 832, 1330, 832, 1510, 995, 410, 995};
    poly(&c, rug, 4, 0xd8cfc2U, 1);
    poly(&c, rug2, 4, 0xe2dacdU, 1);
    ellipse(&c, 960, 860, 440, 40, 0x4a3a2cU, 0.35f, 1);
    ellipse(&c, 960, 962, 280, 34, 0x4a3a2cU, 0.3f, 1);
    rrect(&c, 600, 650, 1320, 760, 24, 0xb9ad9dU, 1);
    rrect(&c, 608, 654, 1312, 672, 10, 0xc8bdaeU, 1);
    rrect(&c, 560, 700, 650, 860, 22, 0xc6bba9U, 1);
    rrect(&c, 1270, 700, 1360, 860, 22, 0xc6bba9U, 1);
    rrect(&c, 640, 740, 1280, 850, 18, 0xd3c9b9U, 1);
    for (int i = 0; i < 3; i++)
        rrect(&c, 650 + (float)i * 210, 745, 850 + (float)i * 210, 790, 14,
              0xded5c7U, 1);
    rrect(&c, 700, 690, 800, 760, 20, 0x8c6f5aU, 1);
    rrect(&c, 1120, 690, 1220, 760, 20, 0x6f7f7aU, 1);
    ellipse(&c, 960, 935, 260, 52, 0x4b3426U, 1, 0);
    ellipse(&c, 960, 925, 250, 46, 0x6e4e38U, 1, 0);
    ellipse(&c, 900, 912, 26, 9, 0xeae3d8U, 1, 0);
    rect(&c, 260, 420, 266, 1000, 0x2d2925U, 1);
    float shade[8] = {205, 340, 321, 340, 300, 430, 226, 430};
    ellipse(&c, 263, 420, 330, 330, 0xffc98aU, 0.4f, 1);
    poly(&c, shade, 4, 0xfbe9c8U, 1);
    ellipse(&c, 263, 432, 40, 6, 0xfff3d8U, 1, 0.5f);
    ellipse(&c, 263, 1000, 60, 12, 0x2d2925U, 1, 0);
    float pot[8] = {1620, 880, 1720, 880, 1705, 1000, 1635, 1000};
    for (int i = 0; i < 16; i++) {
        float a = -PI_F / 2 + rnd(-1.1f, 1.1f), l = rnd(120, 220);
        float tx = 1670 + cosf(a) * l, ty = 880 + sinf(a) * l;
        float leaf[8] = {1670, 880, (1670 + tx) / 2 + 18, (880 + ty) / 2, tx, ty,
                         (1670 + tx) / 2 - 18, (880 + ty) / 2};
        poly(&c, leaf, 4, i % 2 ? 0x3f6a3aU : 0x557f47U, 1);
    }
    poly(&c, pot, 4, 0xcfc4b3U, 1);
    /* Warm light and a gentle vignette. */
    ellipse(&c, 960, 540, 1300, 800, 0xffd9a6U, 0.12f, 1);
    for (int y = 0; y < c.h; y++)
        for (int x = 0; x < c.w; x++) {
            float dx = (float)x / (float)c.w - 0.5f, dy = (float)y / (float)c.h - 0.5f;
            blend(&c, x, y, 0x1a1008U, (dx * dx + dy * dy) * 0.55f);
        }
    return canvas_save(&c, dir, "hero-3.jpg");
}

/* ---- location map and site plan ---- */

/* Chinese over English, centred on x (align 0) or beside it, with a halo
 * so it reads over anything. */
static void duo(canvas_t *c, const char *zh, const char *en, float x, float y,
                float px, uint32_t col, int align)
{
    text(c, zh, px, x, y, col, align, 0xffffffU, 2.5f);
    text(c, en, px * 0.68f, x, y + px * 1.15f, mix(col, 0x888888U, 0.45f),
         align, 0xffffffU, 2.5f);
}

/* A closed blob around (cx, cy): an ellipse with a gentle wobble. */
static void blob(float *p, int n, float cx, float cy, float rx, float ry,
                 float seed)
{
    for (int i = 0; i < n; i++) {
        float a = 2 * PI_F * (float)i / (float)n;
        float w = 1 + 0.08f * sinf(3 * a + seed) + 0.05f * sinf(5 * a + 2 * seed);
        p[2 * i] = cx + cosf(a) * rx * w;
        p[2 * i + 1] = cy + sinf(a) * ry * w;
    }
}

static void polyline(canvas_t *c, const float *p, int n, float wd,
                     uint32_t col)
{
    for (int i = 0; i + 1 < n; i++)
        line(c, p[2 * i], p[2 * i + 1], p[2 * i + 2], p[2 * i + 3], wd, col, 1);
    for (int i = 0; i < n; i++)
        ellipse(c, p[2 * i], p[2 * i + 1], wd / 2, wd / 2, col, 1, 0);
}

static void badge(canvas_t *c, float x, float y, uint32_t col, int icon)
{
    ellipse(c, x + 1.5f, y + 2.5f, 19, 19, 0x000000U, 0.18f, 0.5f);
    ellipse(c, x, y, 17, 17, 0xffffffU, 1, 0);
    ellipse(c, x, y, 14, 14, col, 1, 0);
    if (icon == 0) { /* hospital: a cross */
        rect(c, x - 2.5f, y - 8, x + 2.5f, y + 8, 0xffffffU, 1);
        rect(c, x - 8, y - 2.5f, x + 8, y + 2.5f, 0xffffffU, 1);
    } else if (icon == 1) { /* school: an open book */
        float l[8] = {x - 9, y - 5, x - 1, y - 3, x - 1, y + 7, x - 9, y + 5};
        float r[8] = {x + 9, y - 5, x + 1, y - 3, x + 1, y + 7, x + 9, y + 5};
        poly(c, l, 4, 0xffffffU, 1);
        poly(c, r, 4, 0xffffffU, 1);
    } else { /* shopping: a bag */
        rrect(c, x - 7, y - 3, x + 7, y + 8, 1.5f, 0xffffffU, 1);
        arc(c, x, y - 3, 4, 2, PI_F, 2 * PI_F, 0xffffffU);
    }
}

static int location_map(const char *dir)
{
    canvas_t c;
    if (canvas_init(&c, 1600, 1200, 2, 0xf2efe9U) != 0)
        return -1;
    float b[2 * 64];
    for (int i = 0; i < 13; i++) /* the street grid */
        for (int pass = 0; pass < 2; pass++) {
            float x = 40 + (float)i * 128, y = 45 + (float)i * 118;
            float w = pass ? 8 : 11;
            uint32_t col = pass ? 0xffffffU : 0xe0dad0U;
            rect(&c, x - w / 2, 0, x + w / 2, 1200, col, 1);
            if (i < 11)
                rect(&c, 0, y - w / 2, 1600, y + w / 2, col, 1);
        }
    blob(b, 64, 560, 310, 400, 250, 1.3f); /* the wetland park */
    poly(&c, b, 64, 0xd3e6c1U, 1);
    blob(b, 64, 560, 320, 265, 150, 0.4f);
    for (int i = 0; i < 64; i++) /* the lakeside trail */
        b[2 * i] = 560 + (b[2 * i] - 560) * 1.16f,
        b[2 * i + 1] = 320 + (b[2 * i + 1] - 320) * 1.22f;
    for (int i = 0; i < 64; i++)
        line(&c, b[2 * i], b[2 * i + 1], b[(2 * i + 2) % 128],
             b[(2 * i + 3) % 128], 3, 0xf7f3e8U, 1);
    blob(b, 64, 560, 320, 265, 150, 0.4f);
    poly(&c, b, 64, 0x9fc6e0U, 1);
    blob(b, 64, 560, 320, 259, 144, 0.4f);
    poly(&c, b, 64, 0xb8d8ecU, 1);
    float site[8] = {600, 640, 800, 640, 800, 760, 600, 760};
    poly(&c, site, 4, 0xf4d3c0U, 1);
    for (int pass = 0; pass < 2; pass++) { /* main roads */
        float w = pass ? 18 : 22;
        uint32_t col = pass ? 0xfbe3a6U : 0xe2c07eU;
        rect(&c, 0, 600 - w / 2, 1600, 600 + w / 2, col, 1);
        rect(&c, 0, 990 - w / 2, 1600, 990 + w / 2, col, 1);
        rect(&c, 1064 - w / 2, 0, 1064 + w / 2, 1200, col, 1);
        rect(&c, 168 - w / 2, 0, 168 + w / 2, 1200, col, 1);
    }
    text(&c, "濱湖大道  Lakeside Avenue", 14, 1330, 591, 0x7a6440U, 0, 0xfbe3a6U, 3);
    text(&c, "世紀大道  Century Avenue", 14, 1330, 981, 0x7a6440U, 0, 0xfbe3a6U, 3);
    duo(&c, "中山路", "Zhongshan Rd", 1082, 160, 16, 0x7a6440U, -1);
    duo(&c, "翠湖", "Emerald Lake", 560, 290, 30, 0x4a7fa6U, 0);
    duo(&c, "城市濕地公園", "City Wetland Park", 560, 100, 20, 0x4c8a3cU, 0);
    /* Metro lines 2 and 5 with their stations. */
    float l2[12] = {0, 860, 300, 860, 400, 800, 1300, 800, 1400, 740, 1600, 740};
    float l5[10] = {1190, 0, 1190, 300, 1000, 490, 1000, 1200, 1000, 1200};
    polyline(&c, l2, 6, 9, 0xe0603fU);
    polyline(&c, l5, 5, 9, 0x1f9a8aU);
    static const struct {
        float x, y;
        const char *zh, *en;
        int right; /* label to the right, else below */
    } st[] = {
        {150, 860, "西城", "West Town", 0}, {560, 800, "翠湖站", "Emerald Lake", 0},
        {1000, 800, "市民中心", "Civic Centre", 1}, {1480, 740, "科技園", "Tech Park", 0},
        {1190, 150, "北湖", "North Lake", 1}, {1000, 1090, "南站", "South Station", 1},
    };
    for (size_t i = 0; i < sizeof st / sizeof *st; i++) {
        float r = i == 2 ? 11 : 8;
        ellipse(&c, st[i].x, st[i].y, r + 3, r + 3, 0x333333U, 1, 0);
        ellipse(&c, st[i].x, st[i].y, r, r, 0xffffffU, 1, 0);
        duo(&c, st[i].zh, st[i].en, st[i].x + (st[i].right ? 20 : 0),
            st[i].y + (st[i].right ? 4 : 16), 17, 0x333333U, -st[i].right);
    }
    badge(&c, 420, 700, 0x3b7dd8U, 1);
    duo(&c, "翠湖學校", "Emerald Lake School", 420, 722, 16, 0x2f5f9eU, 0);
    badge(&c, 1290, 520, 0xd64545U, 0);
    duo(&c, "市人民醫院", "City Hospital", 1290, 542, 16, 0xa83232U, 0);
    badge(&c, 860, 1060, 0x8e5bbfU, 2);
    duo(&c, "翠湖天地", "Emerald Plaza", 860, 1082, 16, 0x6d4396U, 0);
    for (float t = 0.12f; t < 0.92f; t += 0.06f) /* the walk to the metro */
        ellipse(&c, 700 - 140 * t, 700 + 100 * t, 2.6f, 2.6f, 0xc0392bU, 0.85f, 0);
    duo(&c, "步行8分鐘", "8 min walk", 648, 752, 14, 0xa8392bU, -1);
    /* The project: a pin and its callout. */
    ellipse(&c, 700, 700, 60, 22, 0xc0392bU, 0.25f, 1);
    ellipse(&c, 700, 700, 10, 4, 0x000000U, 0.3f, 0.5f);
    float pin[6] = {679, 660, 721, 660, 700, 700};
    ellipse(&c, 700, 652, 25, 25, 0xc0392bU, 1, 0);
    poly(&c, pin, 3, 0xc0392bU, 1);
    ellipse(&c, 700, 652, 10, 10, 0xffffffU, 1, 0);
    rrect(&c, 736, 612, 896, 684, 10, 0x000000U, 0.15f);
    rrect(&c, 733, 608, 893, 680, 10, 0xffffffU, 1);
    text(&c, "本案", 24, 813, 614, 0xc0392bU, 0, 0, 0);
    text(&c, "The Project", 15, 813, 648, 0x6b5d55U, 0, 0, 0);
    /* Legend, north, scale. */
    rrect(&c, 40, 1060, 330, 1160, 10, 0xffffffU, 0.92f);
    line(&c, 60, 1090, 110, 1090, 8, 0xe0603fU, 1);
    line(&c, 60, 1130, 110, 1130, 8, 0x1f9a8aU, 1);
    text(&c, "地鐵2號線  Metro Line 2", 15, 125, 1080, 0x333333U, -1, 0, 0);
    text(&c, "地鐵5號線  Metro Line 5", 15, 125, 1120, 0x333333U, -1, 0, 0);
    north_arrow(&c, 1520, 110, 34, 0x4a453fU);
    scale_bar(&c, 1340, 1130, 100, 2, 250, "m", 0x4a453fU);
    return canvas_save(&c, dir, "location.png");
}

static void roof(canvas_t *c, float x0, float y0, float x1, float y1)
{
    rect(c, x0 + 8, y0 + 10, x1 + 8, y1 + 10, 0x3c4a32U, 0.22f);
    orect(c, x0, y0, x1, y1, 3, 2.5f, 0xf6f3ecU, 0x8f877bU);
    rect(c, x0 + 10, y0 + 10, x1 - 10, y1 - 10, 0xefeae0U, 1);
}

static int site_plan(const char *dir)
{
    static const float towers[8][2] = {
        {200, 250}, {430, 250}, {990, 250}, {1220, 250},
        {200, 880}, {450, 900}, {980, 900}, {1220, 880},
    };
    canvas_t c;
    if (canvas_init(&c, 1600, 1200, 2, 0xeeebe4U) != 0)
        return -1;
    rect(&c, 0, 0, 1600, 72, 0xb8d8ecU, 1);
    rect(&c, 0, 72, 1600, 80, 0x9fc6e0U, 1);
    rect(&c, 0, 86, 1600, 146, 0xdcd7ceU, 1);
    for (float x = 20; x < 1600; x += 60)
        rect(&c, x, 115, x + 30, 117, 0xffffffU, 1);
    rect(&c, 0, 1150, 1600, 1200, 0xdcd7ceU, 1);
    rect(&c, 20, 146, 70, 1200, 0xdcd7ceU, 1);
    rect(&c, 1470, 146, 1520, 1200, 0xdcd7ceU, 1);
    orect(&c, 96, 176, 1444, 1134, 18, 4, 0xd6e7c4U, 0x9db58cU);
    orect(&c, 140, 220, 1400, 1090, 30, 10, 0xd6e7c4U, 0xe7c6a3U);
    rect(&c, 790, 176, 810, 480, 0xebe0ccU, 1);  /* the axis */
    rect(&c, 140, 640, 1400, 656, 0xebe0ccU, 1); /* the cross walk */
    for (int i = 0; i < 8; i++) { /* paths to the doors */
        float x = towers[i][0] + 95, y = towers[i][1] + (i < 4 ? 95 : 0);
        rect(&c, x - 8, fminf(y, 648), x + 8, fmaxf(y, 648), 0xebe0ccU, 1);
    }
    ellipse(&c, 800, 180, 110, 70, 0xebe0ccU, 1, 0);
    rect(&c, 700, 176, 900, 180, 0x6e675dU, 1);
    ellipse(&c, 1130, 780, 70, 55, 0xf1c9a0U, 1, 0); /* play garden */
    for (int i = 0; i < 7; i++)
        ellipse(&c, 1130 + rnd(-40, 40), 780 + rnd(-28, 28), 9, 9,
                i % 3 ? 0xe88b6aU : 0x79b8d9U, 1, 0);
    orect(&c, 640, 500, 960, 780, 40, 0, 0xede2cdU, 0xede2cdU);
    for (int pass = 0; pass < 2; pass++) { /* a lap pool and a round one */
        float e = pass ? 0 : 5;
        uint32_t col = pass ? 0x8dd0e6U : 0xffffffU;
        rrect(&c, 680 - e, 525 - e, 935 + e, 605 + e, 40 + e, col, 1);
        ellipse(&c, 740, 660, 70 + e, 70 + e, col, 1, 0);
    }
    ellipse(&c, 740, 660, 40, 40, 0xa7dceeU, 1, 0.5f);
    for (int i = 0; i < 8; i++)
        roof(&c, towers[i][0], towers[i][1], towers[i][0] + 190, towers[i][1] + 95);
    roof(&c, 690, 300, 910, 420);
    /* Trees wherever nothing else stands. */
    for (int i = 0; i < 900; i++) {
        float x = rnd(120, 1420), y = rnd(200, 1110), r = rnd(9, 17);
        int clear = !(x > 620 && x < 980 && y > 160 && y < 800) &&
                    !(y > 630 - r && y < 665 + r) && !(x > 1050 && x < 1210 && y > 715 && y < 850);
        for (int t = 0; t < 8; t++)
            clear &= !(x > towers[t][0] - r - 6 && x < towers[t][0] + 196 + r &&
                       y > towers[t][1] - r - 6 && y < towers[t][1] + 106 + r);
        for (int t = 0; t < 8 && clear; t++)
            clear &= fabsf(x - towers[t][0] - 95) > r + 9;
        if (!clear || (rnd(0, 1) < 0.55f && x > 180 && x < 1360 && y > 260 && y < 1050))
            continue;
        ellipse(&c, x + 5, y + 6, r, r, 0x3c5a2eU, 0.25f, 0.4f);
        ellipse(&c, x, y, r, r, 0x6f9f52U, 1, 0.1f);
        ellipse(&c, x - r * 0.25f, y - r * 0.3f, r * 0.6f, r * 0.55f, 0x9cc77aU, 0.7f, 0.5f);
    }
    char zh[16], en[16];
    for (int i = 0; i < 8; i++) {
        snprintf(zh, sizeof zh, "%d棟", i + 1);
        snprintf(en, sizeof en, "T%d", i + 1);
        duo(&c, zh, en, towers[i][0] + 95, towers[i][1] + 22, 24, 0x3d3832U, 0);
    }
    duo(&c, "會所", "Clubhouse", 800, 328, 24, 0x3d3832U, 0);
    duo(&c, "泳池", "Pool", 870, 650, 20, 0x2e6f8eU, 0);
    duo(&c, "兒童樂園", "Play Garden", 1130, 850, 17, 0x8a5532U, 0);
    duo(&c, "中央園林", "Central Garden", 560, 500, 20, 0x4c7a3cU, 0);
    duo(&c, "主入口", "Main Gate", 800, 196, 18, 0x3d3832U, 0);
    duo(&c, "環湖跑道", "Running Trail", 1340, 1040, 15, 0x9a6a45U, 0);
    text(&c, "濱湖大道  Lakeside Avenue", 15, 360, 106, 0x6e675dU, 0, 0xdcd7ceU, 3);
    duo(&c, "翠湖", "Emerald Lake", 1200, 10, 20, 0x4a7fa6U, 0);
    north_arrow(&c, 1555, 260, 30, 0x4a453fU);
    rrect(&c, 1168, 1150, 1462, 1196, 8, 0xffffffU, 0.85f);
    scale_bar(&c, 1190, 1158, 80, 3, 20, "m", 0x4a453fU);
    return canvas_save(&c, dir, "siteplan.png");
}

int main(int argc, char **argv)
{
    int rc = 1;
    if (argc != 3) {
        fprintf(stderr, "usage: demo_media OUTDIR FONTFILE\n");
        return 2;
    }
    if (SDL_Init(0) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "demo_media: %s\n", SDL_GetError());
        goto out;
    }
    IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG);
    /* Prefer the traditional Chinese face of a collection (the labels are
     * in traditional characters); any face with the glyphs will do. */
    for (int i = 0; i < 16; i++) {
        TTF_Font *f = TTF_OpenFontIndex(argv[2], 40, i);
        const char *fam = f ? TTF_FontFaceFamilyName(f) : NULL;
        int tc = fam && strstr(fam, " TC");
        if (!f)
            break;
        if (g_font && !tc) {
            TTF_CloseFont(f);
            continue;
        }
        if (g_font)
            TTF_CloseFont(g_font);
        g_font = f;
        if (tc)
            break;
    }
    if (!g_font) {
        fprintf(stderr, "demo_media: %s: %s\n", argv[2], TTF_GetError());
        goto out;
    }
    if (!TTF_GlyphIsProvided32(g_font, 0x5EF3)) { /* 廳 */
        fprintf(stderr, "demo_media: %s has no Chinese glyphs (want Noto Sans "
                "CJK)\n", argv[2]);
        goto out;
    }
    rc = 0;
    for (size_t i = 0; i < sizeof plans / sizeof *plans; i++)
        rc |= draw_plan(&plans[i], argv[1]);
    rc |= hero_dusk(argv[1]);
    rc |= hero_day(argv[1]);
    rc |= hero_interior(argv[1]);
    rc |= location_map(argv[1]);
    rc |= site_plan(argv[1]);
    rc = rc != 0;
out:
    if (g_font)
        TTF_CloseFont(g_font);
    TTF_Quit();
    IMG_Quit();
    SDL_Quit();
    return rc;
}
