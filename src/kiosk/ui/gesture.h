/* gesture.h - turns touch events into taps, drags, swipes, pinches.
 *
 * Pure logic: no SDL and no clock of its own.  The caller feeds the app's
 * touch events (platform.h) with the time they arrived, polls for recognised
 * gestures, and asks gesture_next_deadline() when to poll again without
 * input (a long press firing, a double-tap window closing, inertia frames),
 * so the UI loop can sleep until then.  Memory is fixed at creation: a
 * bounded finger table and a bounded event queue.
 *
 * Not for: hit-testing or deciding what a gesture means on a scene.  A tap
 * on empty space is reported as a TAP; the scene decides it does nothing.
 */
#ifndef GESTURE_H
#define GESTURE_H

#include <stdint.h>

#include "platform.h"

/* Most fingers the recogniser can track; opts.max_fingers is capped here. */
#define GESTURE_FINGERS_MAX 16
/* Recognised gestures waiting for gesture_poll(); beyond it the oldest is
 * dropped and counted. */
#define GESTURE_QUEUE_MAX 64

typedef enum {
    GESTURE_NONE = 0,
    GESTURE_TAP,         /* x, y: where the finger landed */
    GESTURE_DOUBLE_TAP,  /* x, y: where the first tap landed */
    GESTURE_LONG_PRESS,  /* x, y: where the finger landed; fired once */
    GESTURE_DRAG_START,  /* x, y: where the finger landed */
    GESTURE_DRAG,        /* dx, dy since the previous DRAG; x, y now */
    GESTURE_DRAG_END,    /* x, y; vx, vy: release velocity in px/s */
    GESTURE_INERTIA,     /* dx, dy since the previous frame; vx, vy now;
                            last = 1 on the final frame of a fling */
    GESTURE_SWIPE,       /* dir; x, y: where the finger landed.  Comes
                            right after the DRAG_END of the same stroke
                            (and before any INERTIA it started): a pager
                            takes the SWIPE and calls gesture_stop_inertia,
                            a scroller ignores it */
    GESTURE_PINCH_START, /* scale, x, y: the centre between the fingers */
    GESTURE_PINCH,       /* scale, x, y */
    GESTURE_PINCH_END,   /* scale, x, y: as last reported */
} gesture_type_t;

typedef enum {
    GESTURE_DIR_LEFT = 0,
    GESTURE_DIR_RIGHT,
    GESTURE_DIR_UP,   /* towards y = 0 */
    GESTURE_DIR_DOWN,
} gesture_dir_t;

typedef struct {
    gesture_type_t type;
    int64_t t_ms;         /* when it was recognised, on the caller's clock */
    int x, y;             /* pixels; see gesture_type_t for which point */
    int dx, dy;           /* DRAG, INERTIA */
    double vx, vy;        /* DRAG_END, INERTIA: px/s */
    double scale;         /* PINCH_*: finger span now / span when the second
                             finger landed (2.0 = fingers twice as far apart) */
    gesture_dir_t dir;    /* SWIPE */
    int last;             /* INERTIA */
} gesture_event_t;

/* Every field in pixels or milliseconds; 0 takes the default shown. */
typedef struct {
    int screen_w, screen_h;   /* touches are clamped inside; 0 = unknown
                                 (then 1080 is the shorter side) */
    int tap_slop_px;          /* 2.5 % of the shorter side: a touch that
                                 moves less is still a tap */
    int long_press_ms;        /* 600; < 0 = no long press */
    int double_tap_ms;        /* 300 from the first lift to the second
                                 landing; < 0 = no double tap, TAP at once */
    int double_tap_px;        /* 4 x slop between the two landings */
    int swipe_max_ms;         /* 300: a swipe lasts at most this long */
    int swipe_min_px;         /* 3 x slop along its main axis */
    int swipe_min_px_s;       /* 600: average speed of a swipe */
    int fling_min_px_s;       /* 250: slower releases start no inertia */
    int fling_max_px_s;       /* 8000: inertia starts no faster */
    int inertia_decel_px_s2;  /* 2500: inertia slows by this much */
    int inertia_frame_ms;     /* 16 between inertia frames */
    int velocity_window_ms;   /* 100: release velocity is measured over
                                 this much of the end of a drag */
    int stale_finger_ms;      /* 5000: a finger silent this long is taken as
                                 lifted (a lost UP) when another lands */
    int max_fingers;          /* 10; more fingers are ignored */
} gesture_opts_t;

typedef struct {
    uint64_t dropped;   /* gestures dropped because the queue was full */
    uint64_t ignored;   /* touch events that made no sense (orphan UP or
                           MOVE, fingers beyond max_fingers) */
} gesture_stats_t;

typedef struct gesture gesture_t;

/* o may be NULL for all defaults.  Returns NULL when out of memory.  The
 * caller destroys it with gesture_destroy(). */
gesture_t *gesture_create(const gesture_opts_t *o);
void gesture_destroy(gesture_t *g);

/* Takes one app event; anything but EV_TOUCH_* is ignored.  now_ms is the
 * caller's monotonic clock (platform_ticks_ms(), never negative); time going
 * backwards is treated as standing still. */
void gesture_feed(gesture_t *g, const app_event_t *ev, int64_t now_ms);

/* Returns 1 with *out filled when a gesture is ready, 0 when none is.  Call
 * it until it returns 0 after each feed and at each deadline. */
int gesture_poll(gesture_t *g, int64_t now_ms, gesture_event_t *out);

/* The time (same clock as now_ms) at which gesture_poll() must be called
 * again even without input; now_ms when a gesture is already waiting; -1
 * when nothing is pending and the loop may sleep until the next input. */
int64_t gesture_next_deadline(const gesture_t *g, int64_t now_ms);

/* Where a double tap means something (a floor plan that zooms): a tap
 * landing inside waits double_tap_ms for a second one; a tap anywhere else
 * is reported at once, so buttons answer without that delay.  w < 0 (the
 * default) is the whole screen; w == 0 is nowhere. */
void gesture_set_double_tap_area(gesture_t *g, int x, int y, int w, int h);

/* Ends inertia now (with its final frame), e.g. when a scene turned a SWIPE
 * into a page change or a list hit its end. */
void gesture_stop_inertia(gesture_t *g);

/* Forgets every finger and any pending tap, emitting DRAG_END, PINCH_END or
 * the final INERTIA frame for what was active.  For focus loss or a scene
 * change, when UPs may never arrive. */
void gesture_reset(gesture_t *g);

const gesture_stats_t *gesture_stats(const gesture_t *g);

#endif
