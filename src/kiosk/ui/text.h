/* text.h - fonts and a cache of rendered text.
 *
 * SDL_ttf renders slowly and keeps only a tiny glyph cache, which thrashes
 * with CJK (DESIGN.md §6).  So text is rendered once per (string, size,
 * weight) into a white texture, kept in an LRU cache with a byte budget, and
 * tinted at draw time: a steady frame renders no glyphs at all.
 */
#ifndef TEXT_H
#define TEXT_H

#include "diag.h"
#include "geom.h"
#include "render.h"

typedef struct text text_t;

typedef enum { TEXT_REGULAR = 0, TEXT_BOLD = 1 } text_weight_t;

typedef struct {
    const char *regular_path; /* font files, with the face index in a .ttc */
    int regular_face;
    const char *bold_path;    /* NULL or "" = synthesise bold from regular */
    int bold_face;
    size_t budget_bytes;      /* texture cache budget; 0 = 16 MiB */
    int map_files;            /* map the font files rather than read them:
                                 glyphs load several times faster (screens
                                 that show many new strings), but the pages
                                 touched count as resident memory */
} text_fonts_t;

/* r may be NULL for a measuring-only instance (layout tests). */
text_t *text_create(render_t *r, const text_fonts_t *fonts, diag_t *d);
void text_destroy(text_t *t);

/* Switches fonts (a language change); drops every cached texture. */
int text_set_fonts(text_t *t, const text_fonts_t *fonts, diag_t *d);

/* Size of utf8 at px pixels.  Returns 0, or -1 (then *w = *h = 0). */
int text_measure(text_t *t, const char *utf8, int px, text_weight_t wt,
                 int *w, int *h);

/* Largest size in [min_px, max_px] at which utf8 fits max_w; min_px when
 * even that does not fit. */
int text_fit_px(text_t *t, const char *utf8, int min_px, int max_px,
                text_weight_t wt, int max_w);

typedef enum {
    ALIGN_LEFT = 0, ALIGN_CENTER = 1, ALIGN_RIGHT = 2
} text_align_t;

/* Draws utf8 with its top edge at y, aligned to x.  Returns the width. */
int text_draw(text_t *t, const char *utf8, int px, text_weight_t wt, int x,
              int y, text_align_t align, color_t c);

/* Draws utf8 centred vertically in box, aligned horizontally within it, and
 * clipped to box (so text never spills over a neighbour). */
void text_draw_in(text_t *t, const char *utf8, int px, text_weight_t wt,
                  rect_t box, text_align_t align, color_t c);

/* Forgets every rendered string: after the renderer lost its textures. */
void text_drop_all(text_t *t);

typedef struct {
    unsigned hits, misses, evictions, entries;
    size_t bytes;
} text_stats_t;

const text_stats_t *text_stats(const text_t *t);

#endif
