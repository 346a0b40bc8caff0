/* units_filters.h - the units scene's choices: the towers and the filters.
 *
 * What a customer narrows the homes down with (scene_units.c draws the
 * rest): a chip for every tower saying how many homes match there, and a
 * panel of filter chips (bedrooms, total price, area, floor, facing,
 * available only) offering only what the project has.  Both measure
 * themselves without drawing, so the scene can lay out around them, and a
 * tap on either becomes the session's tower or filter (struct browse).
 *
 * Not for: the stacking plan, the list or the scene's layout.
 */
#ifndef UNITS_FILTERS_H
#define UNITS_FILTERS_H

#include "scene_units.h"

#define UNITS_BANDS_MAX 5

typedef struct {
    int n;                             /* bands; 0 = none worth offering */
    int64_t edge[UNITS_BANDS_MAX - 1]; /* band i is [edge[i - 1], edge[i]) */
} units_bands_t;

/* What the project offers to filter by. */
typedef struct {
    units_bands_t price, area;   /* total price (cents), built area */
    unsigned bedrooms;           /* bits of the bedroom counts there are */
    unsigned orientations;       /* bits of the facings there are */
    int n_bedrooms, n_orientations;
    int max_floor;
} units_choices_t;

void units_choices_make(const browse_t *b, units_choices_t *c);

/* 1 when the customer has set any filter. */
int units_filter_active(const browse_t *b);

/* The filter panel inside r: what matches (with "available only" and
 * "clear"), then a group of chips per filter, group names above the chips
 * or beside them (label_left), chips smaller when compact.  Draws only when
 * draw is set; returns the height it needs either way. */
int units_filters_draw(browse_t *b, ui_t *u, rect_t r,
                       const units_choices_t *c, int label_left, int compact,
                       int draw);

/* The tower chips' grid for a width w. */
typedef struct {
    int per_row, rows;
    int chip_w, chip_h, gap;
    int first, count;   /* the towers shown */
    int paged;          /* more than max_rows hold: pages behind ‹ › */
    int terse;          /* counts without the word (narrower chips) */
} units_picker_t;

/* Every tower in want_rows rows if they fit (shortening the counts if that
 * is what it takes), else up to max_rows, else pages. */
void units_picker_layout(const browse_t *b, ui_t *u, int w, int want_rows,
                         int max_rows, units_picker_t *p);
int units_picker_height(const units_picker_t *p);
void units_picker_draw(browse_t *b, ui_t *u, rect_t r,
                       const units_picker_t *p);

/* A tap on a tower or a filter chip (UNITS_A_BUILDING..UNITS_A_CLEAR):
 * sets the session and returns 1; any other action returns 0. */
int units_filters_tap(browse_t *b, int action, int arg);

/* "12 套" / "12 homes" ("1 home"). */
void units_fmt_homes(const browse_t *b, int count, char *out, size_t n);

#endif
