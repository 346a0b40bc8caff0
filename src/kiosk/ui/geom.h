/* geom.h - rectangles, points and colours shared by layout and drawing.
 *
 * Plain value types with no SDL in sight, so layout code and scenes can be
 * compiled and tested without a display.
 */
#ifndef GEOM_H
#define GEOM_H

#include <stdint.h>

typedef struct {
    int x, y, w, h;
} rect_t;

typedef struct {
    int x, y;
} point_t;

typedef struct {
    uint8_t r, g, b, a;
} color_t;

/* RGB(0xRRGGBB) as a value; RGB_INIT for static initialisers. */
#define RGB_INIT(hex) {(uint8_t)((hex) >> 16), (uint8_t)((hex) >> 8), (uint8_t)(hex), 255}
#define RGB(hex) ((color_t)RGB_INIT(hex))

static inline int imax(int a, int b) { return a > b ? a : b; }
static inline int imin(int a, int b) { return a < b ? a : b; }

static inline int rect_inside(rect_t inner, rect_t outer)
{
    return inner.x >= outer.x && inner.y >= outer.y &&
           inner.x + inner.w <= outer.x + outer.w &&
           inner.y + inner.h <= outer.y + outer.h;
}

static inline int rect_overlap(rect_t a, rect_t b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
           b.y < a.y + a.h;
}

#endif
