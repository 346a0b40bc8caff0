/* board_layout.h - where everything on the sales-control board goes.
 *
 * Pure geometry: given the screen size, the buildings' shapes and a way to
 * measure text, it decides how many pages the board needs, which buildings go
 * on each, and the rectangle of every block, title, floor label and cell, so
 * that every unit number fits its cell at a legible size and every block
 * stays inside the screen.  No SDL, no drawing: the board scene draws what
 * this decides, and tests check it.
 */
#ifndef BOARD_LAYOUT_H
#define BOARD_LAYOUT_H

#include "geom.h"

/* Measures utf8 at px (bold or not); returns 0 and the size, or -1. */
typedef int (*board_measure_fn)(void *ctx, const char *utf8, int px, int bold,
                                int *w, int *h);

typedef struct {
    int w, h;                 /* screen size */
    int n_buildings;          /* 0 = header and footer only */
    const int *floors;        /* per building, 1..200 */
    const int *upf;           /* units per floor, per building, 1..64 */
    const char *const *widest_label;       /* per building: widest number */
    const char *const *widest_short_label; /* per building: widest stack part */
    const char *floor_sample; /* widest floor label, e.g. "33" */
    int min_label_px;         /* smallest size a wall display can read */
    int footer_lines;         /* 1, or 2 when the legend needs its own line */
    board_measure_fn measure;
    void *measure_ctx;
} board_layout_in_t;

/* What one page's cells look like.  Pages may differ: one very tall tower
 * does not shrink every other page. */
typedef struct {
    int cell_w, cell_h;       /* pitch of the grid */
    int cell_gap;             /* space between neighbouring cells */
    int label_px;             /* unit number size; 0 = too small for text */
    int short_labels;         /* 1: cells show only the stack ("03") */
    int floor_px;             /* floor label size */
    int floor_step;           /* label every n-th floor (1 = all) */
} board_page_t;

typedef struct {
    int building;             /* index in the model */
    int page;
    rect_t block;             /* everything of this building */
    rect_t title;             /* two lines: name, then counts */
    rect_t floors;            /* floor label column, left of the grid */
    rect_t grid;              /* the cells */
    int n_floors, upf;
} board_block_t;

typedef struct {
    int w, h;
    rect_t header, body, footer;
    int footer_lines;
    int n_pages;
    board_page_t *pages;
    board_block_t *blocks;    /* one per building, in model order */
    int n_blocks;
    int title_px, header_px, sub_px, footer_px;
    int margin;
} board_layout_t;

/* Computes the layout into *l (zeroed, or previously computed: it is
 * freed first; free with board_layout_free).  Returns 0, or -1 when out of
 * memory or the input is out of range. */
int board_layout_compute(board_layout_t *l, const board_layout_in_t *in);
void board_layout_free(board_layout_t *l);

/* The page a building is on, and that page's cell metrics. */
const board_page_t *board_layout_page_of(const board_layout_t *l,
                                         int building);

/* The cell of (building, floor, stack): inside the block's grid, top floor at
 * the top. */
rect_t board_layout_cell(const board_layout_t *l, int building, int floor,
                         int stack);

/* The rectangle of floor's label in the block's floor column. */
rect_t board_layout_floor_label(const board_layout_t *l, int building,
                                int floor);

#endif
