/* render.c - see render.h.  One of the three files of ui/ that use SDL. */
#include "render_sdl.h"

#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>

struct render {
    SDL_Renderer *r;
    SDL_Surface *surface;   /* offscreen: what we draw into (owned) */
    SDL_Window *win;        /* on screen: not owned */
    render_layer_t *target;
    render_stats_t stats;
    char driver[32];
};

struct render_layer {
    render_t *owner;
    SDL_Texture *tex;
    int w, h;
};

static render_t *wrap(SDL_Renderer *sr, diag_t *d)
{
    render_t *r = calloc(1, sizeof *r);
    SDL_RendererInfo info;
    if (!r) {
        diag_set(d, "out of memory");
        return NULL;
    }
    r->r = sr;
    if (SDL_GetRendererInfo(sr, &info) == 0)
        snprintf(r->driver, sizeof r->driver, "%s", info.name);
    SDL_SetRenderDrawBlendMode(sr, SDL_BLENDMODE_BLEND);
    return r;
}

render_t *render_create_offscreen(int w, int h, diag_t *d)
{
    SDL_Surface *s;
    SDL_Renderer *sr;
    render_t *r;

    if (w <= 0 || h <= 0 || w > 16384 || h > 16384) {
        diag_set(d, "bad offscreen size %dx%d", w, h);
        return NULL;
    }
    s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        diag_set(d, "cannot create a %dx%d image: %s", w, h, SDL_GetError());
        return NULL;
    }
    sr = SDL_CreateSoftwareRenderer(s);
    if (!sr) {
        diag_set(d, "cannot create the software renderer: %s", SDL_GetError());
        SDL_FreeSurface(s);
        return NULL;
    }
    r = wrap(sr, d);
    if (!r) {
        SDL_DestroyRenderer(sr);
        SDL_FreeSurface(s);
        return NULL;
    }
    r->surface = s;
    return r;
}

render_t *render_create_for_window(SDL_Window *win, const char *driver,
                                   int vsync, diag_t *d)
{
    Uint32 flags = SDL_RENDERER_TARGETTEXTURE;
    int index = -1;
    SDL_Renderer *sr;
    render_t *r;

    if (driver && driver[0]) {
        int n = SDL_GetNumRenderDrivers();
        for (int i = 0; i < n; i++) {
            SDL_RendererInfo info;
            if (SDL_GetRenderDriverInfo(i, &info) == 0 &&
                strcmp(info.name, driver) == 0)
                index = i;
        }
        if (index < 0) {
            diag_set(d, "render driver '%s' is not available", driver);
            return NULL;
        }
    }
    if (vsync)
        flags |= SDL_RENDERER_PRESENTVSYNC;
    sr = SDL_CreateRenderer(win, index, flags);
    if (!sr) {
        diag_set(d, "cannot create a renderer: %s", SDL_GetError());
        return NULL;
    }
    r = wrap(sr, d);
    if (!r) {
        SDL_DestroyRenderer(sr);
        return NULL;
    }
    r->win = win;
    return r;
}

void render_destroy(render_t *r)
{
    if (!r)
        return;
    SDL_DestroyRenderer(r->r);
    SDL_FreeSurface(r->surface);
    free(r);
}

SDL_Renderer *render_sdl(render_t *r)
{
    return r->r;
}

void render_count_call(render_t *r)
{
    r->stats.draw_calls++;
}

void render_note_reset(render_t *r)
{
    r->stats.layer_resets++;
}

void render_size(const render_t *r, int *w, int *h)
{
    if (r->surface) {
        *w = r->surface->w;
        *h = r->surface->h;
    } else if (SDL_GetRendererOutputSize(r->r, w, h) != 0) {
        *w = *h = 0;
    }
}

const char *render_driver_name(const render_t *r)
{
    return r->driver;
}

void render_begin_frame(render_t *r)
{
    r->stats.draw_calls = 0;
}

void render_present(render_t *r)
{
    SDL_RenderPresent(r->r);
    r->stats.frames++;
}

const render_stats_t *render_stats(const render_t *r)
{
    return &r->stats;
}

void render_target(render_t *r, render_layer_t *layer)
{
    if (r->target == layer)
        return;
    SDL_SetRenderTarget(r->r, layer ? layer->tex : NULL);
    r->target = layer;
}

static void set_color(render_t *r, color_t c)
{
    SDL_SetRenderDrawColor(r->r, c.r, c.g, c.b, c.a);
}

void render_clear(render_t *r, color_t c)
{
    set_color(r, c);
    SDL_RenderClear(r->r);
    r->stats.draw_calls++;
}

void render_fill_rect(render_t *r, rect_t rc, color_t c)
{
    SDL_Rect s = {rc.x, rc.y, rc.w, rc.h};
    if (rc.w <= 0 || rc.h <= 0)
        return;
    set_color(r, c);
    SDL_RenderFillRect(r->r, &s);
    r->stats.draw_calls++;
}

void render_fill_rects(render_t *r, const rect_t *rc, int n, color_t c)
{
    /* rect_t and SDL_Rect are both four ints in the same order. */
    _Static_assert(sizeof(rect_t) == sizeof(SDL_Rect), "rect layout");
    if (n <= 0)
        return;
    set_color(r, c);
    SDL_RenderFillRects(r->r, (const SDL_Rect *)(const void *)rc, n);
    r->stats.draw_calls++;
}

void render_outline(render_t *r, rect_t rc, color_t c, int t)
{
    rect_t sides[4] = {
        {rc.x, rc.y, rc.w, t},
        {rc.x, rc.y + rc.h - t, rc.w, t},
        {rc.x, rc.y + t, t, rc.h - 2 * t},
        {rc.x + rc.w - t, rc.y + t, t, rc.h - 2 * t},
    };
    if (rc.w <= 2 * t || rc.h <= 2 * t) {
        render_fill_rect(r, rc, c);
        return;
    }
    render_fill_rects(r, sides, 4, c);
}

void render_triangles(render_t *r, const point_t *pts, int n, color_t c)
{
    SDL_Vertex v[768]; /* 256 triangles a call */
    SDL_Color col = {c.r, c.g, c.b, c.a};
    for (int done = 0; done < n;) {
        int k = n - done < 256 ? n - done : 256;
        for (int i = 0; i < k * 3; i++) {
            const point_t *p = &pts[done * 3 + i];
            v[i].position.x = (float)p->x;
            v[i].position.y = (float)p->y;
            v[i].color = col;
            v[i].tex_coord.x = v[i].tex_coord.y = 0;
        }
        SDL_RenderGeometry(r->r, NULL, v, k * 3, NULL, 0);
        r->stats.draw_calls++;
        done += k;
    }
}

render_layer_t *render_layer_create(render_t *r, int w, int h,
                                    render_layer_kind_t kind, diag_t *d)
{
    render_layer_t *l = calloc(1, sizeof *l);
    if (!l) {
        diag_set(d, "out of memory");
        return NULL;
    }
    l->tex = SDL_CreateTexture(r->r, SDL_PIXELFORMAT_ARGB8888,
                               SDL_TEXTUREACCESS_TARGET, w > 0 ? w : 1,
                               h > 0 ? h : 1);
    if (!l->tex) {
        diag_set(d, "cannot create a %dx%d layer: %s", w, h, SDL_GetError());
        free(l);
        return NULL;
    }
    /* Blending a full-screen layer costs most of a steady frame in the
     * software renderer; opaque layers are plain copies. */
    SDL_SetTextureBlendMode(l->tex, kind == LAYER_OPAQUE ? SDL_BLENDMODE_NONE
                                                         : SDL_BLENDMODE_BLEND);
    l->owner = r;
    l->w = w;
    l->h = h;
    return l;
}

void render_layer_destroy(render_layer_t *l)
{
    if (!l)
        return;
    if (l->owner->target == l)
        render_target(l->owner, NULL);
    SDL_DestroyTexture(l->tex);
    free(l);
}

void render_layer_copy(render_t *r, render_layer_t *l, const rect_t *src,
                       rect_t dst)
{
    SDL_Rect s, dr = {dst.x, dst.y, dst.w, dst.h};
    if (src) {
        s = (SDL_Rect){src->x, src->y, src->w, src->h};
    }
    SDL_RenderCopy(r->r, l->tex, src ? &s : NULL, &dr);
    r->stats.draw_calls++;
}

void render_clip(render_t *r, const rect_t *rc)
{
    if (!rc) {
        SDL_RenderSetClipRect(r->r, NULL);
        return;
    }
    SDL_Rect c = {rc->x, rc->y, rc->w > 0 ? rc->w : 0, rc->h > 0 ? rc->h : 0};
    SDL_RenderSetClipRect(r->r, &c);
}

struct render_image {
    SDL_Texture *tex;
    int w, h;
};

/* Scales s down so neither side exceeds max_side; returns s itself when
 * it already fits, or a new surface (s is then freed). */
static SDL_Surface *fit_surface(SDL_Surface *s, int max_side)
{
    if (max_side <= 0 || (s->w <= max_side && s->h <= max_side))
        return s;
    double k = (double)max_side / (s->w > s->h ? s->w : s->h);
    int w = (int)(s->w * k + 0.5), h = (int)(s->h * k + 0.5);
    SDL_Surface *src = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(
        0, w > 0 ? w : 1, h > 0 ? h : 1, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!src || !dst) {
        SDL_FreeSurface(src);
        SDL_FreeSurface(dst);
        return s; /* keep the big one rather than nothing */
    }
    /* Box filter: each destination pixel averages the source pixels it
     * covers, so line drawings (floor plans) stay crisp when shrunk. */
    SDL_LockSurface(src);
    SDL_LockSurface(dst);
    for (int y = 0; y < dst->h; y++) {
        int y0 = y * src->h / dst->h, y1 = (y + 1) * src->h / dst->h;
        if (y1 <= y0)
            y1 = y0 + 1;
        Uint32 *out = (Uint32 *)((Uint8 *)dst->pixels + (size_t)y * (size_t)dst->pitch);
        for (int x = 0; x < dst->w; x++) {
            int x0 = x * src->w / dst->w, x1 = (x + 1) * src->w / dst->w;
            if (x1 <= x0)
                x1 = x0 + 1;
            unsigned long sum[4] = {0, 0, 0, 0}, n = 0;
            for (int yy = y0; yy < y1; yy++) {
                const Uint32 *in = (const Uint32 *)((const Uint8 *)src->pixels +
                                                    (size_t)yy * (size_t)src->pitch);
                for (int xx = x0; xx < x1; xx++, n++) {
                    Uint32 p = in[xx];
                    sum[0] += p >> 24;
                    sum[1] += (p >> 16) & 0xff;
                    sum[2] += (p >> 8) & 0xff;
                    sum[3] += p & 0xff;
                }
            }
            out[x] = (Uint32)(sum[0] / n) << 24 | (Uint32)(sum[1] / n) << 16 |
                     (Uint32)(sum[2] / n) << 8 | (Uint32)(sum[3] / n);
        }
    }
    SDL_UnlockSurface(dst);
    SDL_UnlockSurface(src);
    SDL_FreeSurface(src);
    SDL_FreeSurface(s);
    return dst;
}

render_image_t *render_image_create(render_t *r, const void *bytes, size_t n,
                                    int max_side, diag_t *d)
{
    render_image_t *img = NULL;
    SDL_RWops *rw = SDL_RWFromConstMem(bytes, (int)(n > 0x7fffffff ? 0x7fffffff : n));
    SDL_Surface *s = rw ? IMG_Load_RW(rw, 1) : NULL;
    if (!s) {
        diag_set(d, "not a picture: %s", IMG_GetError());
        return NULL;
    }
    s = fit_surface(s, max_side);
    img = calloc(1, sizeof *img);
    if (img)
        img->tex = SDL_CreateTextureFromSurface(r->r, s);
    if (!img || !img->tex) {
        diag_set(d, "cannot make a %dx%d texture: %s", s->w, s->h,
                 SDL_GetError());
        SDL_FreeSurface(s);
        free(img);
        return NULL;
    }
    img->w = s->w;
    img->h = s->h;
    SDL_FreeSurface(s);
    SDL_SetTextureBlendMode(img->tex, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(img->tex, SDL_ScaleModeLinear);
    return img;
}

void render_image_destroy(render_image_t *img)
{
    if (!img)
        return;
    SDL_DestroyTexture(img->tex);
    free(img);
}

void render_image_size(const render_image_t *img, int *w, int *h)
{
    *w = img->w;
    *h = img->h;
}

size_t render_image_bytes(const render_image_t *img)
{
    return (size_t)img->w * (size_t)img->h * 4;
}

void render_image_draw(render_t *r, render_image_t *img, const float *src,
                       rect_t dst, uint8_t alpha)
{
    SDL_FRect df = {(float)dst.x, (float)dst.y, (float)dst.w, (float)dst.h};
    SDL_Rect si;
    if (src) {
        /* SDL2 takes whole source pixels: scale the destination instead so
         * a slow pan moves by fractions of a pixel (no stepping). */
        si.x = (int)src[0];
        si.y = (int)src[1];
        si.w = (int)(src[2] + (src[0] - (float)si.x)) + 1;
        si.h = (int)(src[3] + (src[1] - (float)si.y)) + 1;
        if (si.x + si.w > img->w)
            si.w = img->w - si.x;
        if (si.y + si.h > img->h)
            si.h = img->h - si.y;
        float kx = (float)dst.w / src[2], ky = (float)dst.h / src[3];
        df.x -= (src[0] - (float)si.x) * kx;
        df.y -= (src[1] - (float)si.y) * ky;
        df.w = (float)si.w * kx;
        df.h = (float)si.h * ky;
    }
    SDL_SetTextureAlphaMod(img->tex, alpha);
    SDL_RenderCopyF(r->r, img->tex, src ? &si : NULL, &df);
    r->stats.draw_calls++;
}

int render_read_pixel(render_t *r, int x, int y, color_t *out)
{
    Uint32 px = 0;
    SDL_Rect one = {x, y, 1, 1};
    render_layer_t *was = r->target;
    render_target(r, NULL);
    int rc = SDL_RenderReadPixels(r->r, &one, SDL_PIXELFORMAT_ARGB8888, &px,
                                  4);
    render_target(r, was);
    if (rc != 0)
        return -1;
    out->a = (uint8_t)(px >> 24);
    out->r = (uint8_t)(px >> 16);
    out->g = (uint8_t)(px >> 8);
    out->b = (uint8_t)px;
    return 0;
}

int render_save_png(render_t *r, const char *path, diag_t *d)
{
    int w, h, rc;
    SDL_Surface *s;
    render_layer_t *was = r->target;

    render_size(r, &w, &h);
    s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        diag_set(d, "%s: out of memory: %s", path, SDL_GetError());
        return -1;
    }
    render_target(r, NULL);
    rc = SDL_RenderReadPixels(r->r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels,
                              s->pitch);
    render_target(r, was);
    if (rc == 0)
        rc = IMG_SavePNG(s, path);
    if (rc != 0)
        diag_set(d, "%s: cannot save screenshot: %s", path, SDL_GetError());
    SDL_FreeSurface(s);
    return rc == 0 ? 0 : -1;
}
