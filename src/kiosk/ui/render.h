/* render.h - the drawing surface scenes draw on, and its bookkeeping.
 *
 * A thin layer over SDL_Renderer with our own value types, a count of draw
 * calls per frame (DESIGN.md §6 budgets them), off-screen layers that keep
 * what has not changed, and pixel read-back for screenshots and tests.
 *
 * Not for: fonts and text (text.h) or windows and input (platform.h).
 */
#ifndef RENDER_H
#define RENDER_H

#include "diag.h"
#include "geom.h"

typedef struct render render_t;
typedef struct render_layer render_layer_t;

typedef struct {
    unsigned draw_calls;    /* calls that reached SDL since render_begin_frame */
    unsigned frames;        /* frames presented */
    unsigned layer_resets;  /* times the GPU lost our layers */
} render_stats_t;

/* A software renderer drawing into memory: no window, no video driver.  Used
 * by --screenshot, tests and benchmarks. */
render_t *render_create_offscreen(int w, int h, diag_t *d);
void render_destroy(render_t *r);

void render_size(const render_t *r, int *w, int *h);
const char *render_driver_name(const render_t *r);

void render_begin_frame(render_t *r);
void render_present(render_t *r);
const render_stats_t *render_stats(const render_t *r);

/* Draws go to the screen (layer NULL) or to a layer until the next call. */
void render_target(render_t *r, render_layer_t *layer);

void render_clear(render_t *r, color_t c);
void render_fill_rect(render_t *r, rect_t rc, color_t c);
/* One draw call for many rectangles of one colour. */
void render_fill_rects(render_t *r, const rect_t *rc, int n, color_t c);
void render_outline(render_t *r, rect_t rc, color_t c, int thickness);
/* Filled triangles (3 points each), one draw call. */
void render_triangles(render_t *r, const point_t *pts, int n_triangles,
                      color_t c);

/* Layers: off-screen images that keep what was drawn into them.  Contents
 * are lost when the GPU resets (render_stats().layer_resets grows); the
 * caller then redraws them. */
typedef enum {
    LAYER_OPAQUE = 0,      /* copied over what is below: fast */
    LAYER_TRANSLUCENT = 1, /* alpha-blended over what is below */
} render_layer_kind_t;

render_layer_t *render_layer_create(render_t *r, int w, int h,
                                    render_layer_kind_t kind, diag_t *d);
void render_layer_destroy(render_layer_t *l);
/* Copies src of the layer (NULL = all) to dst on the current target. */
void render_layer_copy(render_t *r, render_layer_t *l, const rect_t *src,
                       rect_t dst);

/* Clips every draw to rc until the next call; NULL clips nothing. */
void render_clip(render_t *r, const rect_t *rc);

/* Images: decoded PNG or JPEG pictures (floor plans, project images) held
 * as textures.  Bytes come from media.h, already checked against their
 * hash. */
typedef struct render_image render_image_t;

/* Decodes bytes; a picture wider or taller than max_side is scaled down
 * to it (0 = keep its size), to bound texture memory.  Returns NULL with d
 * set when the bytes are not a picture SDL_image can read. */
render_image_t *render_image_create(render_t *r, const void *bytes, size_t n,
                                    int max_side, diag_t *d);
void render_image_destroy(render_image_t *img);
void render_image_size(const render_image_t *img, int *w, int *h);
/* Bytes of texture memory it holds (for cache budgets). */
size_t render_image_bytes(const render_image_t *img);

/* Draws the part src (x, y, w, h in image pixels, fractions allowed; NULL
 * = all) of img scaled into dst, at opacity alpha (255 = opaque). */
void render_image_draw(render_t *r, render_image_t *img, const float *src,
                       rect_t dst, uint8_t alpha);

/* Reads one pixel of the screen (after drawing, before or after present). */
int render_read_pixel(render_t *r, int x, int y, color_t *out);
/* Saves the screen as a PNG.  Returns 0 or -1 with d set. */
int render_save_png(render_t *r, const char *path, diag_t *d);

#endif
