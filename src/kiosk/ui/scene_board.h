/* scene_board.h - the sales-control board (銷控表) for the wall display.
 *
 * Every building as a block of floors x units, each cell coloured and marked
 * by status with its unit number; a legend; per-building and overall counts
 * and % sold; a header with the project, the clock and the data's freshness.
 * Pages through the buildings on a timer when they do not all fit legibly.
 *
 * The board reads the model and never owns it.  It keeps what it drew in
 * layers and redraws only what changed: a frame where nothing changed is not
 * drawn at all.
 */
#ifndef SCENE_BOARD_H
#define SCENE_BOARD_H

#include <stdint.h>

#include "board_layout.h"
#include "diag.h"
#include "i18n.h"
#include "model.h"
#include "render.h"
#include "text.h"

typedef struct {
    render_t *render;          /* must outlive the board */
    text_t *text;              /* must outlive the board */
    const i18n_t *i18n;        /* must outlive the board */
    lang_t lang;
    int page_seconds;
    int min_label_px;
    int amber_seconds, red_seconds; /* freshness thresholds */
    int demo;                  /* data is the built-in demo: no freshness */
    int highlight_ms;          /* a changed cell stays outlined (0: not) */
    int banner_ms;             /* a 喜報 banner for a sale (0: none) */
} board_opts_t;

typedef struct board board_t;

board_t *board_create(const board_opts_t *o, diag_t *d);
void board_destroy(board_t *b);

/* Shows m (NULL = no data yet); m must stay valid until replaced.  Returns
 * 0, or -1 with d set when out of memory (the board then shows "no data"). */
int board_set_model(board_t *b, const model_t *m, diag_t *d);

/* These units of the model changed (the model already holds their new
 * state): only their cells, their buildings' counts and the totals are
 * redrawn; the cells are outlined for highlight_ms, and a unit newly
 * subscribed or signed gets a 喜報 banner. */
void board_units_changed(board_t *b, const model_change_t *ch, int n,
                         int64_t now_ms);

/* The model's data_as_of moved (a poll confirmed the data current). */
void board_freshness_changed(board_t *b);

/* Cells redrawn by the last board_draw (for tests: only what changed). */
int board_last_cells_drawn(const board_t *b);

/* The output size changed, or the renderer lost its textures: lay out and
 * redraw everything (the caller drops the text cache on a device reset). */
void board_invalidate(board_t *b);

/* The window was uncovered: present the frame again. */
void board_expose(board_t *b);

/* Advances clocks and timers to now (unix milliseconds, wall clock).
 * Returns how many milliseconds may pass before the next update is due. */
int64_t board_update(board_t *b, int64_t now_ms);

/* 1 when something changed since the last draw. */
int board_needs_draw(const board_t *b);

/* Draws the frame (on the screen target).  Returns 0, or -1 with d set when
 * the layers cannot be made. */
int board_draw(board_t *b, diag_t *d);

/* For tests and tools. */
const board_layout_t *board_get_layout(const board_t *b);
int board_page(const board_t *b);
/* A point of unit i's cell that shows only the status colour (clear of the
 * number and the marks), on the screen.  Returns 0, or -1 when the unit is
 * not on the current page. */
int board_cell_probe(const board_t *b, int unit, int *x, int *y);

/* Freshness of data aged age_s seconds: 0 fresh, 1 amber, 2 red. */
int board_freshness_level(int64_t age_s, int amber_s, int red_s);

#endif
