/* gesture.c - the touch gesture recogniser behind gesture.h.
 *
 * One small state machine over a fixed finger table: a single finger is a
 * press that becomes a tap, a long press or a drag (and, on release, maybe
 * a swipe and inertia); two fingers are a pinch; three or more cancel what
 * was in progress and everything is ignored until every finger is up, so a
 * palm or a ten-finger mash cannot fire a storm of taps.  Time only moves
 * when the caller passes it in, which keeps the tests deterministic.
 *
 * Not for: knowing what is under a finger; scenes do their own hit-testing.
 */
#include "gesture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLES_MAX 16
#define COORD_LIMIT (1 << 20) /* keeps every sum and square in range */
#define CLOCK_LIMIT ((int64_t)1 << 62)

typedef struct {
    int64_t t;
    int x, y;
} sample_t;

typedef struct {
    int used;
    int64_t id;
    int x, y;       /* now */
    int x0, y0;     /* where it landed */
    int64_t t0;     /* when it landed */
    int64_t t_last; /* its latest event */
    sample_t s[SAMPLES_MAX]; /* ring of recent positions, for velocity */
    int ns, next;
} finger_t;

typedef enum {
    ST_IDLE,  /* no finger */
    ST_PRESS, /* one finger, still within the slop */
    ST_DRAG,  /* one finger, dragging */
    ST_LONG,  /* one finger, long press fired: nothing more until it lifts */
    ST_TWO,   /* two fingers, not yet moved enough to be a pinch */
    ST_PINCH, /* two fingers, pinching */
    ST_WAIT,  /* cancelled: ignore everything until all fingers are up */
} state_t;

struct gesture {
    gesture_opts_t o; /* with defaults filled in */
    int64_t now;      /* latest time seen, never going back */
    finger_t f[GESTURE_FINGERS_MAX];
    int nf;
    state_t st;
    int a, b;                /* the press or drag finger; the pinch's second */
    int drag_x, drag_y;      /* the drag position last reported */
    /* A tap waiting for the double-tap window; held while a second press
     * that may complete a double tap is down. */
    int tap_pending, tap_held, tap_x, tap_y;
    int64_t tap_deadline;
    int dt_x, dt_y, dt_w, dt_h; /* where double taps count; dt_w < 0: all */
    /* Pinch. */
    double span0, span0_raw;
    int cx0, cy0, cx, cy;
    double scale;
    /* Inertia: constant deceleration along the release direction, so the
     * distance it travels is finite (v0^2 / 2a) and it ends at v0 / a. */
    int inertia;
    int64_t in_t0, in_next;
    double in_v0, in_ux, in_uy, in_stop_s;
    int in_px, in_py;
    /* Recognised gestures, oldest at qhead. */
    gesture_event_t q[GESTURE_QUEUE_MAX];
    int qhead, qlen;
    gesture_stats_t stats;
};

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static int double_tap_here(const gesture_t *g, int x, int y)
{
    return g->dt_w < 0 || (x >= g->dt_x && y >= g->dt_y &&
                           x < g->dt_x + g->dt_w && y < g->dt_y + g->dt_h);
}

void gesture_set_double_tap_area(gesture_t *g, int x, int y, int w, int h)
{
    g->dt_x = x;
    g->dt_y = y;
    g->dt_w = w;
    g->dt_h = h;
}

static int def(int v, int d)
{
    return v == 0 ? d : v;
}

static double hyp(double x, double y)
{
    return sqrt(x * x + y * y);
}

/* Fills the defaults in and keeps every value in a range the arithmetic
 * below is safe with. */
static void opts_resolve(gesture_opts_t *r, const gesture_opts_t *o)
{
    gesture_opts_t z;
    memset(&z, 0, sizeof z);
    if (!o)
        o = &z;
    *r = *o;
    r->screen_w = clampi(o->screen_w, 0, COORD_LIMIT);
    r->screen_h = clampi(o->screen_h, 0, COORD_LIMIT);
    int shorter = 1080;
    if (r->screen_w > 0 && r->screen_h > 0)
        shorter = r->screen_w < r->screen_h ? r->screen_w : r->screen_h;
    r->tap_slop_px = clampi(def(o->tap_slop_px, shorter * 25 / 1000), 1, 10000);
    r->long_press_ms = o->long_press_ms < 0 ? -1 : clampi(def(o->long_press_ms, 600), 1, 3600000);
    r->double_tap_ms = o->double_tap_ms < 0 ? -1 : clampi(def(o->double_tap_ms, 300), 1, 60000);
    r->double_tap_px = clampi(def(o->double_tap_px, 4 * r->tap_slop_px), 1, COORD_LIMIT);
    r->swipe_max_ms = clampi(def(o->swipe_max_ms, 300), 1, 60000);
    r->swipe_min_px = clampi(def(o->swipe_min_px, 3 * r->tap_slop_px), r->tap_slop_px + 1, COORD_LIMIT);
    r->swipe_min_px_s = clampi(def(o->swipe_min_px_s, 600), 1, 1000000);
    r->fling_min_px_s = clampi(def(o->fling_min_px_s, 250), 1, 100000);
    r->fling_max_px_s = clampi(def(o->fling_max_px_s, 8000), r->fling_min_px_s, 100000);
    /* With these bounds the longest fling (v^2 / 2a) still fits an int. */
    r->inertia_decel_px_s2 = clampi(def(o->inertia_decel_px_s2, 2500), 10, 10000000);
    r->inertia_frame_ms = clampi(def(o->inertia_frame_ms, 16), 1, 1000);
    r->velocity_window_ms = clampi(def(o->velocity_window_ms, 100), 1, 10000);
    r->stale_finger_ms = clampi(def(o->stale_finger_ms, 5000), 1, 86400000);
    r->max_fingers = clampi(def(o->max_fingers, 10), 1, GESTURE_FINGERS_MAX);
}

/* ---- the queue ---------------------------------------------------------- */

/* Appends a gesture.  Consecutive DRAGs, PINCHes and INERTIA frames the app
 * has not yet polled merge into one (deltas add up, so nothing is lost);
 * when the queue is full anyway the oldest gesture is dropped and counted. */
static void queue_push(gesture_t *g, gesture_event_t e)
{
    e.t_ms = g->now;
    if (g->qlen > 0) {
        gesture_event_t *p = &g->q[(g->qhead + g->qlen - 1) % GESTURE_QUEUE_MAX];
        if (p->type == e.type && (e.type == GESTURE_DRAG || e.type == GESTURE_PINCH ||
                                  (e.type == GESTURE_INERTIA && !p->last && !e.last))) {
            e.dx += p->dx;
            e.dy += p->dy;
            *p = e;
            return;
        }
    }
    if (g->qlen == GESTURE_QUEUE_MAX) {
        g->qhead = (g->qhead + 1) % GESTURE_QUEUE_MAX;
        g->qlen--;
        g->stats.dropped++;
    }
    g->q[(g->qhead + g->qlen) % GESTURE_QUEUE_MAX] = e;
    g->qlen++;
}

static void emit_at(gesture_t *g, gesture_type_t type, int x, int y)
{
    gesture_event_t e = {.type = type, .x = x, .y = y, .scale = 1.0};
    queue_push(g, e);
}

/* ---- fingers ------------------------------------------------------------ */

static int finger_find(const gesture_t *g, int64_t id)
{
    for (int i = 0; i < GESTURE_FINGERS_MAX; i++)
        if (g->f[i].used && g->f[i].id == id)
            return i;
    return -1;
}

static void finger_sample(gesture_t *g, int i, int x, int y)
{
    finger_t *f = &g->f[i];
    f->x = x;
    f->y = y;
    f->t_last = g->now;
    f->s[f->next] = (sample_t){g->now, x, y};
    f->next = (f->next + 1) % SAMPLES_MAX;
    if (f->ns < SAMPLES_MAX)
        f->ns++;
}

static int finger_add(gesture_t *g, int64_t id, int x, int y)
{
    for (int i = 0; i < GESTURE_FINGERS_MAX; i++) {
        finger_t *f = &g->f[i];
        if (f->used)
            continue;
        memset(f, 0, sizeof *f);
        f->used = 1;
        f->id = id;
        f->x0 = x;
        f->y0 = y;
        f->t0 = g->now;
        finger_sample(g, i, x, y);
        g->nf++;
        return i;
    }
    return -1;
}

static void finger_remove(gesture_t *g, int i)
{
    g->f[i].used = 0;
    g->nf--;
}

/* Velocity over the last velocity_window_ms of the finger's path, in px/s;
 * zero when the finger sat still for that long before lifting. */
static void finger_velocity(const gesture_t *g, const finger_t *f, double *vx, double *vy)
{
    const sample_t *n = &f->s[(f->next + SAMPLES_MAX - 1) % SAMPLES_MAX];
    const sample_t *o = n;
    for (int k = 1; k < f->ns; k++) {
        const sample_t *s = &f->s[(f->next + SAMPLES_MAX - 1 - k) % SAMPLES_MAX];
        if (n->t - s->t > g->o.velocity_window_ms)
            break;
        o = s;
    }
    *vx = *vy = 0;
    if (n->t > o->t) {
        *vx = (double)(n->x - o->x) * 1000.0 / (double)(n->t - o->t);
        *vy = (double)(n->y - o->y) * 1000.0 / (double)(n->t - o->t);
    }
}

/* ---- taps and inertia --------------------------------------------------- */

/* Emits the tap that was waiting for a second one, if any. */
static void tap_flush(gesture_t *g)
{
    if (!g->tap_pending)
        return;
    g->tap_pending = g->tap_held = 0;
    emit_at(g, GESTURE_TAP, g->tap_x, g->tap_y);
}

/* Emits the inertia frame for now: where the analytic path is now, minus
 * what was already reported, so frame pacing never changes the total. */
static void inertia_step(gesture_t *g)
{
    double t = (double)(g->now - g->in_t0) / 1000.0;
    int last = t >= g->in_stop_s;
    if (last)
        t = g->in_stop_s;
    double s = g->in_v0 * t - 0.5 * g->o.inertia_decel_px_s2 * t * t;
    double v = g->in_v0 - g->o.inertia_decel_px_s2 * t;
    int px = (int)lround(g->in_ux * s), py = (int)lround(g->in_uy * s);
    gesture_event_t e = {.type = GESTURE_INERTIA, .dx = px - g->in_px, .dy = py - g->in_py,
                         .vx = last ? 0 : g->in_ux * v, .vy = last ? 0 : g->in_uy * v,
                         .scale = 1.0, .last = last};
    g->in_px = px;
    g->in_py = py;
    g->in_next = g->now + g->o.inertia_frame_ms;
    if (last)
        g->inertia = 0;
    if (last || e.dx || e.dy)
        queue_push(g, e);
}

static void inertia_start(gesture_t *g, double vx, double vy)
{
    double v = hyp(vx, vy);
    if (v < g->o.fling_min_px_s)
        return;
    g->inertia = 1;
    g->in_t0 = g->now;
    g->in_next = g->now + g->o.inertia_frame_ms;
    g->in_ux = vx / v;
    g->in_uy = vy / v;
    g->in_v0 = v > g->o.fling_max_px_s ? g->o.fling_max_px_s : v;
    g->in_stop_s = g->in_v0 / g->o.inertia_decel_px_s2;
    g->in_px = g->in_py = 0;
}

void gesture_stop_inertia(gesture_t *g)
{
    if (!g || !g->inertia)
        return;
    g->inertia = 0;
    gesture_event_t e = {.type = GESTURE_INERTIA, .scale = 1.0, .last = 1};
    queue_push(g, e);
}

/* Fires every timer due by now, earliest first: the double-tap window
 * closing, the long press, inertia frames. */
static void timers_run(gesture_t *g)
{
    for (;;) {
        int which = 0;
        int64_t when = INT64_MAX;
        if (g->tap_pending && !g->tap_held && g->tap_deadline < when)
            which = 1, when = g->tap_deadline;
        if (g->st == ST_PRESS && g->o.long_press_ms > 0 &&
            g->f[g->a].t0 + g->o.long_press_ms < when)
            which = 2, when = g->f[g->a].t0 + g->o.long_press_ms;
        if (g->inertia && g->in_next < when)
            which = 3, when = g->in_next;
        if (which == 0 || when > g->now)
            return;
        if (which == 3) {
            inertia_step(g); /* one frame catching up to now */
            continue;
        }
        /* Taps and long presses are stamped with when they fell due, even
         * if the app polled late. */
        int64_t now = g->now;
        g->now = when;
        tap_flush(g); /* the window closed, or a first tap before a long press */
        if (which == 2) {
            g->st = ST_LONG;
            emit_at(g, GESTURE_LONG_PRESS, g->f[g->a].x0, g->f[g->a].y0);
        }
        g->now = now;
    }
}

/* ---- drag and pinch ----------------------------------------------------- */

static void drag_report(gesture_t *g, const finger_t *f)
{
    if (f->x == g->drag_x && f->y == g->drag_y)
        return;
    gesture_event_t e = {.type = GESTURE_DRAG, .x = f->x, .y = f->y,
                         .dx = f->x - g->drag_x, .dy = f->y - g->drag_y, .scale = 1.0};
    g->drag_x = f->x;
    g->drag_y = f->y;
    queue_push(g, e);
}

static void drag_end(gesture_t *g, const finger_t *f, double vx, double vy)
{
    gesture_event_t e = {.type = GESTURE_DRAG_END, .x = f->x, .y = f->y,
                         .vx = vx, .vy = vy, .scale = 1.0};
    queue_push(g, e);
}

static void pinch_emit(gesture_t *g, gesture_type_t type)
{
    gesture_event_t e = {.type = type, .x = g->cx, .y = g->cy, .scale = g->scale};
    queue_push(g, e);
}

static void pinch_measure(gesture_t *g, double *span)
{
    const finger_t *p = &g->f[g->a], *q = &g->f[g->b];
    *span = hyp(q->x - p->x, q->y - p->y);
    g->cx = (p->x + q->x) / 2;
    g->cy = (p->y + q->y) / 2;
}

static void pinch_begin(gesture_t *g, int second)
{
    g->b = second;
    g->st = ST_TWO;
    pinch_measure(g, &g->span0_raw);
    /* Fingers never land on one point; a floor keeps the scale sane if
     * the hardware says they did. */
    g->span0 = g->span0_raw < g->o.tap_slop_px ? g->o.tap_slop_px : g->span0_raw;
    g->cx0 = g->cx;
    g->cy0 = g->cy;
    g->scale = 1.0;
}

static void pinch_update(gesture_t *g)
{
    double span;
    int ocx = g->cx, ocy = g->cy;
    double oscale = g->scale;
    pinch_measure(g, &span);
    g->scale = span / g->span0;
    if (g->st == ST_TWO) {
        if (fabs(span - g->span0_raw) > g->o.tap_slop_px ||
            hyp(g->cx - g->cx0, g->cy - g->cy0) > g->o.tap_slop_px) {
            g->st = ST_PINCH;
            pinch_emit(g, GESTURE_PINCH_START);
        }
    } else if (g->scale != oscale || g->cx != ocx || g->cy != ocy) {
        pinch_emit(g, GESTURE_PINCH);
    }
}

/* Whatever was in progress ends here without being recognised (a third
 * finger, a lost UP, a reset): ENDs are emitted so the app's own state stays
 * paired, and nothing is treated as a tap or a fling. */
static void state_cancel(gesture_t *g)
{
    if (g->st == ST_PRESS)
        tap_flush(g); /* a held first tap was real */
    else if (g->st == ST_DRAG)
        drag_end(g, &g->f[g->a], 0, 0);
    else if (g->st == ST_PINCH)
        pinch_emit(g, GESTURE_PINCH_END);
    g->st = ST_WAIT;
}

/* Forgets finger i as if it had never been down. */
static void finger_cancel(gesture_t *g, int i)
{
    int involved = (g->st != ST_WAIT && i == g->a) ||
                   ((g->st == ST_TWO || g->st == ST_PINCH) && i == g->b);
    if (involved)
        state_cancel(g);
    finger_remove(g, i);
    if (g->nf == 0)
        g->st = ST_IDLE;
}

/* ---- touch events ------------------------------------------------------- */

static int coord_clamp(int v, int size)
{
    if (size > 0)
        return clampi(v, 0, size - 1);
    return clampi(v, -COORD_LIMIT, COORD_LIMIT);
}

static void on_down(gesture_t *g, int64_t id, int x, int y)
{
    int i = finger_find(g, id);
    if (i >= 0) /* a second DOWN: its UP was lost */
        finger_cancel(g, i);
    for (int k = 0; k < GESTURE_FINGERS_MAX; k++)
        if (g->f[k].used && g->now - g->f[k].t_last >= g->o.stale_finger_ms)
            finger_cancel(g, k);
    if (g->nf >= g->o.max_fingers) {
        g->stats.ignored++;
        return;
    }
    gesture_stop_inertia(g); /* a finger landing catches the motion */
    i = finger_add(g, id, x, y);
    switch (g->st) {
    case ST_IDLE:
        g->st = ST_PRESS;
        g->a = i;
        if (g->tap_pending) {
            if (g->now < g->tap_deadline &&
                hyp(x - g->tap_x, y - g->tap_y) <= g->o.double_tap_px)
                g->tap_held = 1;
            else
                tap_flush(g);
        }
        break;
    case ST_PRESS:
        tap_flush(g);
        pinch_begin(g, i);
        break;
    case ST_DRAG:
        drag_end(g, &g->f[g->a], 0, 0); /* a second finger is not a fling */
        pinch_begin(g, i);
        break;
    case ST_LONG:
    case ST_TWO:
    case ST_PINCH:
        state_cancel(g); /* three fingers, or more after a long press */
        break;
    case ST_WAIT:
        break;
    }
}

static void on_move(gesture_t *g, int i, int x, int y)
{
    finger_t *f = &g->f[i];
    finger_sample(g, i, x, y);
    if (g->st == ST_PRESS && i == g->a) {
        double d = hyp(f->x - f->x0, f->y - f->y0);
        if (d > g->o.tap_slop_px) {
            tap_flush(g);
            g->st = ST_DRAG;
            g->drag_x = f->x0;
            g->drag_y = f->y0;
            emit_at(g, GESTURE_DRAG_START, f->x0, f->y0);
            drag_report(g, f);
        }
    } else if (g->st == ST_DRAG && i == g->a) {
        drag_report(g, f);
    } else if ((g->st == ST_TWO || g->st == ST_PINCH) && (i == g->a || i == g->b)) {
        pinch_update(g);
    }
}

/* A quick, mostly straight flick: SWIPE in its direction. */
static void swipe_check(gesture_t *g, const finger_t *f)
{
    int dx = f->x - f->x0, dy = f->y - f->y0;
    int64_t dur = g->now - f->t0;
    int adx = abs(dx), ady = abs(dy);
    int along = adx > ady ? adx : ady, across = adx > ady ? ady : adx;
    if (dur > g->o.swipe_max_ms || along < g->o.swipe_min_px || along < 2 * across)
        return;
    if ((double)along * 1000.0 / (double)(dur > 0 ? dur : 1) < g->o.swipe_min_px_s)
        return;
    gesture_event_t e = {.type = GESTURE_SWIPE, .x = f->x0, .y = f->y0, .scale = 1.0};
    if (adx > ady)
        e.dir = dx < 0 ? GESTURE_DIR_LEFT : GESTURE_DIR_RIGHT;
    else
        e.dir = dy < 0 ? GESTURE_DIR_UP : GESTURE_DIR_DOWN;
    queue_push(g, e);
}

static void on_up(gesture_t *g, int i, int x, int y)
{
    on_move(g, i, x, y); /* where it lifted counts as its last move */
    finger_t *f = &g->f[i];
    if (g->st == ST_PRESS && i == g->a) {
        if (g->o.double_tap_ms < 0 ||
            (!g->tap_pending && !double_tap_here(g, f->x0, f->y0))) {
            emit_at(g, GESTURE_TAP, f->x0, f->y0);
        } else if (g->tap_pending && g->tap_held) {
            g->tap_pending = g->tap_held = 0;
            emit_at(g, GESTURE_DOUBLE_TAP, g->tap_x, g->tap_y);
        } else {
            g->tap_pending = 1;
            g->tap_held = 0;
            g->tap_x = f->x0;
            g->tap_y = f->y0;
            g->tap_deadline = g->now + g->o.double_tap_ms;
        }
    } else if (g->st == ST_DRAG && i == g->a) {
        double vx, vy;
        finger_velocity(g, f, &vx, &vy);
        drag_end(g, f, vx, vy);
        swipe_check(g, f);
        inertia_start(g, vx, vy);
    } else if ((g->st == ST_TWO || g->st == ST_PINCH) && (i == g->a || i == g->b)) {
        state_cancel(g); /* the other finger is ignored until it lifts */
    }
    finger_remove(g, i);
    if (g->nf == 0)
        g->st = ST_IDLE;
    else if (g->st != ST_TWO && g->st != ST_PINCH)
        g->st = ST_WAIT;
}

/* ---- the API ------------------------------------------------------------ */

gesture_t *gesture_create(const gesture_opts_t *o)
{
    gesture_t *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    opts_resolve(&g->o, o);
    g->now = 0;
    g->st = ST_IDLE;
    g->dt_w = -1; /* double taps count everywhere until told otherwise */
    return g;
}

void gesture_destroy(gesture_t *g)
{
    free(g);
}

/* The clock only moves forward, and stays where adding any timeout to it
 * cannot overflow. */
static void clock_set(gesture_t *g, int64_t now_ms)
{
    if (now_ms > CLOCK_LIMIT)
        now_ms = CLOCK_LIMIT;
    if (now_ms > g->now)
        g->now = now_ms;
}

void gesture_feed(gesture_t *g, const app_event_t *ev, int64_t now_ms)
{
    if (!g || !ev)
        return;
    if (ev->type != EV_TOUCH_DOWN && ev->type != EV_TOUCH_MOVE && ev->type != EV_TOUCH_UP)
        return;
    clock_set(g, now_ms);
    timers_run(g); /* what was due before this event happens first */
    int x = coord_clamp(ev->x, g->o.screen_w), y = coord_clamp(ev->y, g->o.screen_h);
    if (ev->type == EV_TOUCH_DOWN) {
        on_down(g, ev->finger, x, y);
        return;
    }
    int i = finger_find(g, ev->finger);
    if (i < 0) {
        g->stats.ignored++;
        return;
    }
    if (ev->type == EV_TOUCH_MOVE)
        on_move(g, i, x, y);
    else
        on_up(g, i, x, y);
}

int gesture_poll(gesture_t *g, int64_t now_ms, gesture_event_t *out)
{
    if (!g || !out)
        return 0;
    clock_set(g, now_ms);
    timers_run(g);
    if (g->qlen == 0)
        return 0;
    *out = g->q[g->qhead];
    g->qhead = (g->qhead + 1) % GESTURE_QUEUE_MAX;
    g->qlen--;
    return 1;
}

int64_t gesture_next_deadline(const gesture_t *g, int64_t now_ms)
{
    int64_t when = -1;
    if (!g)
        return -1;
    if (g->qlen > 0)
        return now_ms;
    if (g->tap_pending && !g->tap_held)
        when = g->tap_deadline;
    if (g->st == ST_PRESS && g->o.long_press_ms > 0) {
        int64_t t = g->f[g->a].t0 + g->o.long_press_ms;
        if (when < 0 || t < when)
            when = t;
    }
    if (g->inertia && (when < 0 || g->in_next < when))
        when = g->in_next;
    return when;
}

void gesture_reset(gesture_t *g)
{
    if (!g)
        return;
    g->tap_pending = g->tap_held = 0;
    if (g->nf > 0)
        state_cancel(g);
    for (int i = 0; i < GESTURE_FINGERS_MAX; i++)
        if (g->f[i].used)
            finger_remove(g, i);
    g->st = ST_IDLE;
    gesture_stop_inertia(g);
}

const gesture_stats_t *gesture_stats(const gesture_t *g)
{
    return &g->stats;
}
