/* platform.c - see platform.h.  One of the three files of ui/ that use SDL. */
#include "platform.h"

#include <stdlib.h>

#include "render_sdl.h"

struct platform {
    SDL_Window *win;
    render_t *render;
    SDL_sem *wake;
    int windowed;
    int poll_ms;
    platform_stats_t stats;
};

platform_t *platform_create(const platform_opts_t *o, diag_t *d)
{
    platform_t *p = calloc(1, sizeof *p);
    Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    int w = o->width, h = o->height;

    if (!p) {
        diag_set(d, "out of memory");
        return NULL;
    }
    /* Touches arrive as finger events; we translate the mouse ourselves. */
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    /* A wall display must never blank itself. */
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    if (o->video_driver && o->video_driver[0])
        SDL_SetHint(SDL_HINT_VIDEODRIVER, o->video_driver);
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        diag_set(d, "cannot start the display (%s): %s",
                 o->video_driver && o->video_driver[0] ? o->video_driver
                                                       : "default driver",
                 SDL_GetError());
        free(p);
        return NULL;
    }
    if (!o->windowed) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
        SDL_ShowCursor(SDL_DISABLE);
    } else {
        flags |= SDL_WINDOW_RESIZABLE;
    }
    if (w <= 0 || h <= 0) {
        SDL_DisplayMode dm;
        if (SDL_GetDesktopDisplayMode(0, &dm) == 0 && dm.w > 0) {
            w = o->windowed ? dm.w * 3 / 4 : dm.w;
            h = o->windowed ? dm.h * 3 / 4 : dm.h;
        } else {
            w = 1920;
            h = 1080;
        }
    }
    p->win = SDL_CreateWindow(o->title ? o->title : "kiosk",
                              SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                              w, h, flags);
    if (!p->win) {
        diag_set(d, "cannot open a %dx%d window: %s", w, h, SDL_GetError());
        goto fail;
    }
    p->render = render_create_for_window(p->win, o->render_driver, o->vsync, d);
    if (!p->render)
        goto fail;
    p->wake = SDL_CreateSemaphore(0);
    if (!p->wake) {
        diag_set(d, "cannot create a semaphore: %s", SDL_GetError());
        goto fail;
    }
    p->windowed = o->windowed;
    p->poll_ms = o->input_poll_ms > 0 ? o->input_poll_ms : 16;
    return p;
fail:
    platform_destroy(p);
    return NULL;
}

void platform_destroy(platform_t *p)
{
    if (!p)
        return;
    render_destroy(p->render);
    if (p->win)
        SDL_DestroyWindow(p->win);
    if (p->wake)
        SDL_DestroySemaphore(p->wake);
    free(p);
    SDL_Quit();
}

render_t *platform_render(platform_t *p)
{
    return p->render;
}

/* Turns one SDL event into ours; returns 0 for events we ignore. */
static int translate(platform_t *p, const SDL_Event *e, app_event_t *ev)
{
    int w, h;
    *ev = (app_event_t){.finger = -1};
    switch (e->type) {
    case SDL_QUIT:
        ev->type = EV_QUIT;
        return 1;
    case SDL_KEYDOWN:
        if (p->windowed && e->key.keysym.sym == SDLK_ESCAPE) {
            ev->type = EV_QUIT;
            return 1;
        }
        return 0;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            ev->type = EV_RESIZE;
            return 1;
        }
        if (e->window.event == SDL_WINDOWEVENT_EXPOSED) {
            ev->type = EV_EXPOSE;
            return 1;
        }
        return 0;
    case SDL_RENDER_TARGETS_RESET:
        render_note_reset(p->render);
        ev->type = EV_LAYERS_LOST;
        return 1;
    case SDL_RENDER_DEVICE_RESET:
        render_note_reset(p->render);
        ev->type = EV_DEVICE_LOST;
        return 1;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
        render_size(p->render, &w, &h);
        ev->type = e->type == SDL_FINGERDOWN   ? EV_TOUCH_DOWN
                   : e->type == SDL_FINGERUP ? EV_TOUCH_UP
                                             : EV_TOUCH_MOVE;
        ev->x = (int)(e->tfinger.x * (float)w);
        ev->y = (int)(e->tfinger.y * (float)h);
        ev->finger = (int64_t)e->tfinger.fingerId;
        return 1;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
            return 0;
        ev->type = e->type == SDL_MOUSEBUTTONDOWN ? EV_TOUCH_DOWN : EV_TOUCH_UP;
        ev->x = e->button.x;
        ev->y = e->button.y;
        return 1;
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID || !(e->motion.state & SDL_BUTTON_LMASK))
            return 0;
        ev->type = EV_TOUCH_MOVE;
        ev->x = e->motion.x;
        ev->y = e->motion.y;
        return 1;
    default:
        return 0;
    }
}

int platform_wait(platform_t *p, int timeout_ms, app_event_t *ev)
{
    Uint64 start = SDL_GetTicks64();
    for (;;) {
        SDL_Event e;
        while (SDL_PollEvent(&e)) {
            if (translate(p, &e, ev)) {
                p->stats.events++;
                return 1;
            }
        }
        int left = timeout_ms < 0 ? p->poll_ms
                   : timeout_ms - (int)(SDL_GetTicks64() - start);
        if (left <= 0)
            return 0;
        if (left > p->poll_ms)
            left = p->poll_ms;
        p->stats.wakeups++;
        if (SDL_SemWaitTimeout(p->wake, (Uint32)left) == 0) {
            while (SDL_SemTryWait(p->wake) == 0)
                ; /* several wakes collapse into one event */
            *ev = (app_event_t){.type = EV_WAKE, .finger = -1};
            p->stats.events++;
            return 1;
        }
    }
}

void platform_wake(platform_t *p)
{
    SDL_SemPost(p->wake);
}

int64_t platform_ticks_ms(void)
{
    return (int64_t)SDL_GetTicks64();
}

const platform_stats_t *platform_stats(const platform_t *p)
{
    return &p->stats;
}
