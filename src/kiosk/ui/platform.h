/* platform.h - the window, the input and the sleeping loop's wait.
 *
 * SDL events are turned into the app's own events here, at the edge, so no
 * scene ever sees an SDL_Event.  platform_wait() sleeps until input, a wake
 * from another thread or a deadline, without spinning: SDL's own wait polls
 * every millisecond on drivers without a native wait (KMSDRM, dummy), so we
 * sleep on a semaphore and poll input at a bounded rate instead.
 */
#ifndef PLATFORM_H
#define PLATFORM_H

#include <stdint.h>

#include "diag.h"
#include "render.h"

typedef enum {
    EV_NONE = 0,
    EV_QUIT,        /* window closed, or Escape when windowed */
    EV_EXPOSE,      /* the window was uncovered: present again */
    EV_RESIZE,      /* the output size changed */
    EV_LAYERS_LOST, /* render targets were reset: redraw them */
    EV_DEVICE_LOST, /* the renderer lost every texture: make them anew */
    EV_WAKE,        /* another thread called platform_wake() */
    EV_TOUCH_DOWN,
    EV_TOUCH_MOVE,
    EV_TOUCH_UP,
} app_event_type_t;

typedef struct {
    app_event_type_t type;
    int x, y;           /* pixels, for touches */
    int64_t finger;     /* -1 for the mouse */
} app_event_t;

typedef struct {
    const char *video_driver;   /* "" = SDL's choice */
    const char *render_driver;  /* "" = SDL's choice */
    int windowed;
    int width, height;          /* 0 = desktop size */
    int vsync;
    int input_poll_ms;          /* longest sleep between input polls */
    const char *title;
} platform_opts_t;

typedef struct platform platform_t;

platform_t *platform_create(const platform_opts_t *o, diag_t *d);
void platform_destroy(platform_t *p);

/* The renderer for the window; owned by the platform. */
render_t *platform_render(platform_t *p);

/* Waits up to timeout_ms (<0 = forever) for one event.  Returns 1 with *ev
 * filled, or 0 when the time ran out. */
int platform_wait(platform_t *p, int timeout_ms, app_event_t *ev);

/* Wakes platform_wait() from any thread; it returns EV_WAKE. */
void platform_wake(platform_t *p);

/* Monotonic milliseconds, for deadlines. */
int64_t platform_ticks_ms(void);

/* Counters for the idle benchmark. */
typedef struct {
    uint64_t wakeups;   /* times the loop woke from sleep */
    uint64_t events;    /* app events returned */
} platform_stats_t;

const platform_stats_t *platform_stats(const platform_t *p);

#endif
