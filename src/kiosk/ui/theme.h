/* theme.h - the colours of the screens.
 *
 * Status colours are chosen to stay apart for the common colour-vision
 * deficiencies when paired with their marks (DESIGN.md §3: colour is never
 * the only signal), and each has a text colour with enough contrast on it.
 */
#ifndef THEME_H
#define THEME_H

#include "geom.h"
#include "status.h"

#define THEME_BG        RGB(0x0E1726)  /* page background, deep navy */
#define THEME_PANEL     RGB(0x16223A)  /* header and footer bands */
#define THEME_TEXT      RGB(0xE8EDF5)
#define THEME_MUTED     RGB(0x9AA8BF)
#define THEME_ACCENT    RGB(0xE9C46A)  /* gold, for the project name */
#define THEME_GOOD      RGB(0x3BB273)
#define THEME_WARN      RGB(0xF4A62A)
#define THEME_BAD       RGB(0xE5484D)
#define THEME_INK_DARK  RGB(0x14130E)  /* text on gold and light status colours */

static const color_t theme_status_fill[STATUS_COUNT] = {
    [STATUS_AVAILABLE] = RGB_INIT(0x3BB273),  /* green */
    [STATUS_HELD] = RGB_INIT(0xF4C430),       /* saffron */
    [STATUS_SUBSCRIBED] = RGB_INIT(0xF08A3C), /* orange */
    [STATUS_SIGNED] = RGB_INIT(0xC8383F),     /* red */
    [STATUS_WITHHELD] = RGB_INIT(0x5A6577),   /* slate */
};

static const color_t theme_status_ink[STATUS_COUNT] = {
    [STATUS_AVAILABLE] = RGB_INIT(0x0B2416),
    [STATUS_HELD] = RGB_INIT(0x2B2100),
    [STATUS_SUBSCRIBED] = RGB_INIT(0x2E1303),
    [STATUS_SIGNED] = RGB_INIT(0xFFFFFF),
    [STATUS_WITHHELD] = RGB_INIT(0xEEF1F6),
};

/* The string table's word for each status ("status.available", ...). */
static const char *const theme_status_key[STATUS_COUNT] = {
    [STATUS_AVAILABLE] = "status.available",
    [STATUS_HELD] = "status.held",
    [STATUS_SUBSCRIBED] = "status.subscribed",
    [STATUS_SIGNED] = "status.signed",
    [STATUS_WITHHELD] = "status.withheld",
};

#endif
