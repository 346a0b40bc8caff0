/* scene_units.h - the units scene's own actions (scene_units.c).
 *
 * The scene is reached through browse.h; this header only names the taps
 * its controls leave behind (widget.h targets), so tests and the monkey can
 * press them as a finger would: browse_find(UNITS_A_..., arg).
 */
#ifndef SCENE_UNITS_H
#define SCENE_UNITS_H

#include "browse_private.h"

enum {
    UNITS_A_BUILDING = ACTION_BASE(SCENE_UNITS) + 1, /* arg: building index */
    UNITS_A_BEDROOMS,  /* arg: bedrooms (FILTER_BEDROOMS_MAX: that or more) */
    UNITS_A_PRICE,     /* arg: price band, from 0 (cheapest) */
    UNITS_A_AREA,      /* arg: area band, from 0 (smallest) */
    UNITS_A_FLOOR,     /* arg: 0 low, 1 middle, 2 high floors */
    UNITS_A_ORIENT,    /* arg: orientation_t */
    UNITS_A_AVAILABLE, /* available only, on or off */
    UNITS_A_CLEAR,     /* every filter off */
    UNITS_A_VIEW,      /* arg: units_view_t */
    UNITS_A_SORT,      /* arg: sort_key_t; the chosen key again flips it */
    UNITS_A_SURFACE,   /* the plan's or list's background: does nothing */
};

#endif
