/* test_gesture.c - the touch gesture recogniser, on synthetic touches.
 *
 * Every test scripts finger events by hand with an injected clock and
 * asserts exactly which gestures come out and when: taps, double taps, long
 * presses, drags, flings and their inertia, swipes, pinches, and the abuse a
 * public touchscreen gets (mashing, lost and orphan events, silly
 * coordinates).
 */
#include "testutil.h"

#include <limits.h>
#include <math.h>

#include "gesture.h"

#define W 1920
#define H 1080
#define SLOP 27 /* 2.5 % of 1080 */

typedef struct {
    gesture_event_t e[512];
    int n;
} got_t;

static gesture_t *mk_opts(gesture_opts_t o)
{
    if (o.screen_w == 0 && o.screen_h == 0) {
        o.screen_w = W;
        o.screen_h = H;
    }
    gesture_t *g = gesture_create(&o);
    assert_non_null(g);
    return g;
}

static gesture_t *mk(void)
{
    return mk_opts((gesture_opts_t){0});
}

static void feed(gesture_t *g, app_event_type_t type, int64_t finger, int x, int y, int64_t t)
{
    app_event_t ev = {.type = type, .x = x, .y = y, .finger = finger};
    gesture_feed(g, &ev, t);
}

static void down(gesture_t *g, int64_t f, int x, int y, int64_t t)
{
    feed(g, EV_TOUCH_DOWN, f, x, y, t);
}

static void move(gesture_t *g, int64_t f, int x, int y, int64_t t)
{
    feed(g, EV_TOUCH_MOVE, f, x, y, t);
}

static void up(gesture_t *g, int64_t f, int x, int y, int64_t t)
{
    feed(g, EV_TOUCH_UP, f, x, y, t);
}

/* Polls everything ready at now onto *o. */
static void drain(gesture_t *g, int64_t now, got_t *o)
{
    gesture_event_t e;
    while (gesture_poll(g, now, &e)) {
        assert_true(o->n < (int)(sizeof o->e / sizeof *o->e));
        o->e[o->n++] = e;
    }
}

/* Sleeps like the app loop would: polls at each deadline until none is
 * left or until the time limit, with every poll at least step ms apart. */
static void run_until_idle(gesture_t *g, int64_t now, int64_t limit, int64_t step, got_t *o)
{
    for (int guard = 0; guard < 100000; guard++) {
        drain(g, now, o);
        int64_t d = gesture_next_deadline(g, now);
        if (d < 0)
            return;
        if (d < now + step)
            d = now + step;
        if (d > limit)
            return;
        now = d;
    }
    fail_msg("the recogniser never went idle");
}

static int count(const got_t *o, gesture_type_t t)
{
    int n = 0;
    for (int i = 0; i < o->n; i++)
        n += o->e[i].type == t;
    return n;
}

static const gesture_event_t *first(const got_t *o, gesture_type_t t)
{
    for (int i = 0; i < o->n; i++)
        if (o->e[i].type == t)
            return &o->e[i];
    fail_msg("no gesture of type %d among %d", (int)t, o->n);
    return NULL;
}

static void test_tap(void **state)
{
    (void)state;
    gesture_t *g = mk();
    got_t o = {0};
    down(g, 1, 500, 400, 1000);
    up(g, 1, 500, 400, 1080);
    drain(g, 1080, &o);
    assert_int_equal(o.n, 0); /* waiting for a possible second tap */
    assert_int_equal(gesture_next_deadline(g, 1080), 1380);
    drain(g, 1379, &o);
    assert_int_equal(o.n, 0);
    drain(g, 1380, &o);
    assert_int_equal(o.n, 1);
    assert_int_equal(o.e[0].type, GESTURE_TAP);
    assert_int_equal(o.e[0].x, 500);
    assert_int_equal(o.e[0].y, 400);
    assert_int_equal(o.e[0].t_ms, 1380);
    assert_int_equal(gesture_next_deadline(g, 1380), -1);
    gesture_destroy(g);
}

static void test_tap_immediate_without_double_tap(void **state)
{
    (void)state;
    gesture_t *g = mk_opts((gesture_opts_t){.double_tap_ms = -1});
    got_t o = {0};
    down(g, -1, 10, 20, 0); /* the mouse */
    up(g, -1, 10, 20, 50);
    drain(g, 50, &o);
    assert_int_equal(o.n, 1);
    assert_int_equal(o.e[0].type, GESTURE_TAP);
    assert_int_equal(o.e[0].x, 10);
    assert_int_equal(o.e[0].y, 20);
    assert_int_equal(gesture_next_deadline(g, 50), -1);
    gesture_destroy(g);
}

static void test_tap_with_jitter_under_slop(void **state)
{
    (void)state;
    gesture_t *g = mk();
    got_t o = {0};
    static const int j[][2] = {{5, -3}, {-12, 9}, {18, 18}, {-19, -18}, {0, 26}, {-26, 0}};
    down(g, 3, 700, 700, 0);
    for (int i = 0; i < 6; i++)
        move(g, 3, 700 + j[i][0], 700 + j[i][1], 10 + 10 * i);
    up(g, 3, 710, 690, 100);
    run_until_idle(g, 100, 10000, 1, &o);
    assert_int_equal(o.n, 1);
    assert_int_equal(o.e[0].type, GESTURE_TAP);
    assert_int_equal(o.e[0].x, 700);
    assert_int_equal(o.e[0].y, 700);
    gesture_destroy(g);
}

static void test_double_tap(void **state)
{
    (void)state;
    gesture_t *g = mk();
    got_t o = {0};
    down(g, 1, 300, 300, 0);
    up(g, 1, 300, 300, 60);
    down(g, 2, 310, 295, 200); /* within 300 ms and near */
    drain(g, 200, &o);
    assert_int_equal(o.n, 0);
    up(g, 2, 310, 295, 260);
    drain(g, 260, &o);
    assert_int_equal(o.n, 1);
    assert_int_equal(o.e[0].type, GESTURE_DOUBLE_TAP);
    assert_int_equal(o.e[0].x, 300);
    assert_int_equal(o.e[0].y, 300);
    /* Nothing more, not even the first tap, once the windows have passed. */
    run_until_idle(g, 260, 5000, 1, &o);
    assert_int_equal(o.n, 1);
    gesture_destroy(g);
}

static void test_double_tap_only_where_it_counts(void **state)
{
    (void)state;
    gesture_t *g = mk();
    got_t o = {0};
    /* Only the floor plan (a panel on the left) zooms on a double tap. */
    gesture_set_double_tap_area(g, 0, 100, 1000, 900);
    /* A tap on a button outside it is reported the moment the finger
     * lifts: no waiting for a second tap. */
    down(g, 1, 1500, 500, 0);
    up(g, 1, 1500, 500, 60);
    drain(g, 60, &o);
    assert_int_equal(o.n, 1);
    assert_int_equal(o.e[0].type, GESTURE_TAP);
    assert_int_equal(o.e[0].t_ms, 60);
    /* Two quick taps outside are two taps, never a double tap. */
    down(g, 1, 1500, 500, 100);
    up(g, 1, 1500, 500, 150);
    drain(g, 150, &o);
    assert_int_equal(o.n, 2);
    assert_int_equal(o.e[1].type, GESTURE_TAP);
    /* Inside, a double tap is still recognised. */
    down(g, 1, 400, 400, 1000);
    up(g, 1, 400, 400, 1050);
    drain(g, 1050, &o);
    assert_int_equal(o.n, 2);
    down(g, 2, 405, 402, 1200);
    up(g, 2, 405, 402, 1250);
    drain(g, 1250, &o);
    assert_int_equal(o.n, 3);
    assert_int_equal(o.e[2].type, GESTURE_DOUBLE_TAP);
    /* Nowhere: every tap at once. */
    gesture_set_double_tap_area(g, 0, 0, 0, 0);
    down(g, 1, 400, 400, 2000);
    up(g, 1, 400, 400, 2040);
    drain(g, 2040, &o);
    assert_int_equal(o.n, 4);
    assert_int_equal(o.e[3].type, GESTURE_TAP);
    gesture_destroy(g);
}

static void test_two_taps_too_far_apart(void **state)
{
    (void)state;
    /* In time: the second lands 400 ms after the first lifted. */
    gesture_t *g = mk();
    got_t o = {0};
    down(g, 1, 300, 300, 0);
    up(g, 1, 300, 300, 60);
    down(g, 1, 300, 300, 460);
    up(g, 1, 300, 300, 520);
    run_until_idle(g, 520, 5000, 1, &o);
    assert_int_equal(o.n, 2);
    assert_int_equal(o.e[0].type, GESTURE_TAP);
    assert_int_equal(o.e[0].t_ms, 360);
    assert_int_equal(o.e[1].type, GESTURE_TAP);
    assert_int_equal(count(&o, GESTURE_DOUBLE_TAP), 0);
    gesture_destroy(g);

    /* In space: soon enough but 400 px away; the first tap comes out as
     * soon as the second finger lands. */
    g = mk();
    memset(&o, 0, sizeof o);
    down(g, 1, 300, 300, 0);
    up(g, 1, 300, 300, 60);
    down(g, 1, 700, 300, 120);
    drain(g, 120, &o);
    assert_int_equal(o.n, 1);
    assert_int_equal(o.e[0].type, GESTURE_TAP);
    assert_int_equal(o.e[0].x, 300);
    up(g, 1, 700, 300, 180);
    run_until_idle(g, 180, 5000, 1, &o);
    assert_int_equal(o.n, 2);
    assert_int_equal(o.e[1].type, GESTURE_TAP);
    assert_int_equal(o.e[1].x, 700);
    gesture_destroy(g);
}

static void test_long_press_once_and_no_tap(void **state)
{
    (void)state;
    gesture_t *g = mk();
    got_t o = {0};
    down(g, 5, 900, 500, 1000);
    assert_int_equal(gesture_next_deadline(g, 1000), 1600);
    move(g, 5, 910, 505, 1300); /* a wobble under the slop */
    drain(g, 1599, &o);
    assert_int_equal(o.n, 0);
    drain(g, 1600, &o);
    assert_int_equal(o.n, 1);
    assert_int_equal(o.e[0].type, GESTURE_LONG_PRESS);
    assert_int_equal(o.e[0].x, 900);
    assert_int_equal(o.e[0].y, 500);
    /* Held for half a minute, wobbling, then lifted: nothing more. */
    assert_int_equal(gesture_next_deadline(g, 1600), -1);
    for (int t = 2000; t < 30000; t += 500)
        move(g, 5, 900 + (t / 500) % 7, 500, t);
    drain(g, 30000, &o);
    up(g, 5, 905, 501, 31000);
    run_until_idle(g, 31000, 40000, 1, &o);
    assert_int_equal(o.n, 1);
    assert_int_equal(count(&o, GESTURE_TAP), 0);
    gesture_destroy(g);
}

/* One finger from (x, y) moving (sx, sy) every 10 ms for n steps from t. */
static int64_t stroke(gesture_t *g, int64_t f, int x, int y, int sx, int sy, int n, int64_t t)
{
    down(g, f, x, y, t);
    for (int i = 1; i <= n; i++)
        move(g, f, x + sx * i, y + sy * i, t + 10 * i);
    return t + 10 * n;
}

static void test_drag_deltas_and_velocity(void **state)
{
    (void)state;
    gesture_t *g = mk();
    got_t o = {0};
    int sumx = 0, sumy = 0;
    /* 5 px right and 2 px up every 10 ms for 600 ms: 500 and -200 px/s. */
    int64_t t = 0;
    down(g, 1, 100, 800, t);
    for (int i = 1; i <= 60; i++) {
        move(g, 1, 100 + 5 * i, 800 - 2 * i, 10 * i);
        drain(g, 10 * i, &o); /* poll as the app does, one frame each */
    }
    t = 600;
    up(g, 1, 400, 680, t);
    drain(g, t, &o);
    assert_int_equal(o.e[0].type, GESTURE_DRAG_START);
    assert_int_equal(o.e[0].x, 100);
    assert_int_equal(o.e[0].y, 800);
    for (int i = 0; i < o.n; i++)
        if (o.e[i].type == GESTURE_DRAG) {
            sumx += o.e[i].dx;
            sumy += o.e[i].dy;
        }
    assert_int_equal(sumx, 300);
    assert_int_equal(sumy, -120);
    assert_true(count(&o, GESTURE_DRAG) > 40); /* live, not one lump */
    const gesture_event_t *end = first(&o, GESTURE_DRAG_END);
    assert_int_equal(end->x, 400);
    assert_int_equal(end->y, 680);
    assert_true(fabs(end->vx - 500.0) < 1.0);
    assert_true(fabs(end->vy + 200.0) < 1.0);
    assert_int_equal(count(&o, GESTURE_TAP) + count(&o, GESTURE_SWIPE) +
                     count(&o, GESTURE_LONG_PRESS), 0);
    gesture_destroy(g);

    /* Held still for 200 ms before lifting: no velocity, no inertia. */
    g = mk();
    memset(&o, 0, sizeof o);
    t = stroke(g, 1, 100, 500, 10, 0, 30, 0);
    up(g, 1, 400, 500, t + 200);
    run_until_idle(g, t + 200, 10000, 1, &o);
    end = first(&o, GESTURE_DRAG_END);
    assert_true(end->vx == 0.0 && end->vy == 0.0);
    assert_int_equal(count(&o, GESTURE_INERTIA), 0);
    gesture_destroy(g);
}

/* A fling at 2000 px/s to the right, lifted at the returned time. */
static int64_t fling(gesture_t *g, got_t *o)
{
    int64_t t = stroke(g, 1, 100, 500, 20, 0, 40, 0);
    up(g, 1, 900, 500, t);
    drain(g, t, o);
    const gesture_event_t *end = first(o, GESTURE_DRAG_END);
    assert_true(fabs(end->vx - 2000.0) < 1.0);
    return t;
}

static void test_fling_inertia_is_finite_and_ends(void **state)
{
    (void)state;
    static const int steps[] = {1, 16, 50, 333};
    for (int s = 0; s < 4; s++) {
        gesture_t *g = mk();
        got_t o = {0};
        int64_t t = fling(g, &o);
        assert_int_equal(gesture_next_deadline(g, t), t + 16);
        int before = o.n;
        run_until_idle(g, t, t + 60000, steps[s], &o);
        assert_int_equal(gesture_next_deadline(g, t + 60000), -1);
        int frames = 0, total = 0, lasts = 0;
        int64_t end_t = 0;
        for (int i = before; i < o.n; i++) {
            assert_int_equal(o.e[i].type, GESTURE_INERTIA);
            assert_true(o.e[i].dx >= 0);
            assert_int_equal(o.e[i].dy, 0);
            total += o.e[i].dx;
            frames++;
            if (o.e[i].last) {
                lasts++;
                end_t = o.e[i].t_ms;
                assert_int_equal(i, o.n - 1);
            }
        }
        /* v0^2 / 2a = 2000^2 / 5000 = 800 px, over v0 / a = 0.8 s, however
         * often the loop happened to poll. */
        assert_int_equal(total, 800);
        assert_int_equal(lasts, 1);
        assert_true(end_t >= t + 800 && end_t <= t + 800 + steps[s] + 16);
        if (steps[s] == 16) {
            assert_true(frames >= 40 && frames <= 52);
            /* Decaying: the first frame moves further than the last few. */
            assert_true(o.e[before].dx > o.e[o.n - 2].dx);
        }
        gesture_destroy(g);
    }
}

static void test_new_touch_stops_inertia(void **state)
{
    (void)state;
    gesture_t *g = mk();
    got_t o = {0};
    int64_t t = fling(g, &o);
    drain(g, t + 16, &o);
    drain(g, t + 32, &o);
    int n = o.n;
    assert_int_equal(o.e[n - 1].type, GESTURE_INERTIA);
    assert_int_equal(o.e[n - 1].last, 0);
    down(g, 2, 1000, 500, t + 40);
    drain(g, t + 40, &o);
    /* The touch ends it: a final frame with no movement. */
    assert_int_equal(o.e[o.n - 1].type, GESTURE_INERTIA);
    assert_int_equal(o.e[o.n - 1].last, 1);
    assert_int_equal(o.e[o.n - 1].dx, 0);
    /* From now on only the long press is pending; no more frames. */
    assert_int_equal(gesture_next_deadline(g, t + 40), t + 40 + 600);
    n = o.n;
    up(g, 2, 1000, 500, t + 100);
    run_until_idle(g, t + 100, t + 5000, 1, &o);
    assert_int_equal(o.n, n + 1);
    assert_int_equal(o.e[n].type, GESTURE_TAP);
    gesture_destroy(g);
}

static void test_swipe_each_direction(void **state)
{
    (void)state;
    static const struct {
        int dx, dy;
        gesture_dir_t dir;
    } c[] = {{-240, 10, GESTURE_DIR_LEFT}, {240, -20, GESTURE_DIR_RIGHT},
             {15, -240, GESTURE_DIR_UP}, {0, 240, GESTURE_DIR_DOWN}};
    for (int i = 0; i < 4; i++) {
        gesture_t *g = mk();
        got_t o = {0};
        down(g, 1, 960, 540, 0);
        move(g, 1, 960 + c[i].dx / 2, 540 + c[i].dy / 2, 40);
        up(g, 1, 960 + c[i].dx, 540 + c[i].dy, 80);
        drain(g, 80, &o);
        assert_int_equal(count(&o, GESTURE_SWIPE), 1);
        assert_int_equal(first(&o, GESTURE_SWIPE)->dir, c[i].dir);
        /* SWIPE follows DRAG_END, so a scroller that ignores it works. */
        assert_int_equal(o.e[o.n - 1].type, GESTURE_SWIPE);
        assert_int_equal(o.e[o.n - 2].type, GESTURE_DRAG_END);
        /* A pager that took the swipe stops the inertia it started. */
        gesture_stop_inertia(g);
        drain(g, 80, &o);
        assert_int_equal(gesture_next_deadline(g, 80), -1);
        gesture_destroy(g);
    }
    /* The same distance slowly, or diagonally, is no swipe. */
    gesture_t *g = mk();
    got_t o = {0};
    int64_t t = stroke(g, 1, 960, 540, -4, 0, 60, 0);
    up(g, 1, 720, 540, t);
    run_until_idle(g, t, 10000, 1, &o);
    assert_int_equal(count(&o, GESTURE_DRAG_END), 1);
    assert_int_equal(count(&o, GESTURE_SWIPE), 0);
    gesture_destroy(g);
    /* Fast on average but too long for a flick: a drag and a fling. */
    g = mk();
    memset(&o, 0, sizeof o);
    t = stroke(g, 1, 960, 540, -8, 0, 50, 0);
    up(g, 1, 560, 540, t);
    drain(g, t, &o);
    assert_int_equal(count(&o, GESTURE_DRAG_END), 1);
    assert_int_equal(count(&o, GESTURE_SWIPE), 0);
    gesture_destroy(g);
    g = mk();
    memset(&o, 0, sizeof o);
    down(g, 1, 960, 540, 0);
    up(g, 1, 1160, 720, 80);
    run_until_idle(g, 80, 10000, 1, &o);
    assert_int_equal(count(&o, GESTURE_DRAG_END), 1);
    assert_int_equal(count(&o, GESTURE_SWIPE), 0);
    gesture_destroy(g);
}

/* Fingers 1 and 2 at 800 +- 100 on a line; finger 2 moves to x2 by steps. */
static void pinch_to(got_t *o, int x2, double want_scale)
{
    gesture_t *g = mk();
    down(g, 1, 800, 500, 0);
    down(g, 2, 1000, 500, 5);
    int step = x2 > 1000 ? 10 : -5;
    int64_t t = 5;
    for (int x = 1000 + step; step > 0 ? x <= x2 : x >= x2; x += step) {
        t += 10;
        move(g, 2, x, 500, t);
        drain(g, t, o);
    }
    up(g, 2, x2, 500, t + 10);
    up(g, 1, 800, 500, t + 20);
    run_until_idle(g, t + 20, t + 5000, 1, o);
    assert_int_equal(count(o, GESTURE_PINCH_START), 1);
    assert_true(count(o, GESTURE_PINCH) > 5);
    assert_int_equal(count(o, GESTURE_PINCH_END), 1);
    assert_int_equal(o->n, count(o, GESTURE_PINCH_START) + count(o, GESTURE_PINCH) +
                               count(o, GESTURE_PINCH_END));
    const gesture_event_t *e = &o->e[o->n - 1];
    assert_int_equal(e->type, GESTURE_PINCH_END);
    assert_true(fabs(e->scale - want_scale) < 1e-9);
    assert_int_equal(e->x, (800 + x2) / 2);
    assert_int_equal(e->y, 500);
    /* The scale moves one way only as the fingers do. */
    for (int i = 1; i < o->n; i++)
        assert_true(want_scale > 1 ? o->e[i].scale >= o->e[i - 1].scale
                                   : o->e[i].scale <= o->e[i - 1].scale);
    gesture_destroy(g);
}

static void test_pinch_out_and_in(void **state)
{
    (void)state;
    got_t o = {0};
    pinch_to(&o, 1200, 2.0);
    memset(&o, 0, sizeof o);
    pinch_to(&o, 900, 0.5);
}

static void test_two_fingers_resting_do_nothing(void **state)
{
    (void)state;
    gesture_t *g = mk();
    got_t o = {0};
    down(g, 1, 800, 500, 0);
    down(g, 2, 1000, 500, 20);
    move(g, 2, 1010, 505, 100); /* under the slop */
    /* One finger lifts, the other wanders off: no drag from what is left. */
    up(g, 2, 1010, 505, 700);
    move(g, 1, 1200, 500, 800);
    up(g, 1, 1400, 500, 820);
    run_until_idle(g, 820, 10000, 1, &o);
    assert_int_equal(o.n, 0);
    gesture_destroy(g);
}

static int rnd(uint64_t *x, int n)
{
    *x = *x * 6364136223846793005ull + 1442695040888963407ull;
    return (int)((*x >> 33) % (uint64_t)n);
}

/* Ten fingers landing, wandering and lifting in a jumble, from t0. */
static int64_t mash(gesture_t *g, int64_t t0, uint64_t seed)
{
    uint64_t r = seed;
    int64_t t = t0;
    for (int f = 10; f < 20; f++) {
        int x = 200 + rnd(&r, 1500), y = 100 + rnd(&r, 900);
        t += rnd(&r, 8);
        down(g, f, x, y, t);
    }
    for (int k = 0; k < 400; k++) {
        int f = 10 + rnd(&r, 10), x = rnd(&r, W), y = rnd(&r, H);
        t += rnd(&r, 5);
        if (rnd(&r, 20) == 0) { /* a finger bouncing off and back */
            up(g, f, x, y, t);
            down(g, f, y, x, t + 1);
        } else {
            move(g, f, x, y, t);
        }
    }
    t += 900; /* long enough for any long press */
    for (int f = 19; f >= 10; f--) {
        int x = rnd(&r, W), y = rnd(&r, H);
        t += rnd(&r, 30);
        up(g, f, x, y, t);
    }
    return t;
}

static void test_ten_finger_mash(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 20; seed++) {
        gesture_t *g = mk();
        got_t o = {0};
        int64_t t = mash(g, 0, seed);
        run_until_idle(g, t, t + 10000, 1, &o);
        /* Two fingers may pinch before the third lands; nothing else. */
        for (int i = 0; i < o.n; i++) {
            gesture_type_t ty = o.e[i].type;
            assert_true(ty == GESTURE_PINCH_START || ty == GESTURE_PINCH ||
                        ty == GESTURE_PINCH_END);
        }
        assert_int_equal(count(&o, GESTURE_PINCH_END), count(&o, GESTURE_PINCH_START));
        assert_true(count(&o, GESTURE_PINCH_END) <= 1);
        /* And the screen works again at once. */
        memset(&o, 0, sizeof o);
        down(g, 1, 400, 400, t + 20000);
        up(g, 1, 400, 400, t + 20050);
        run_until_idle(g, t + 20050, t + 30000, 1, &o);
        assert_int_equal(o.n, 1);
        assert_int_equal(o.e[0].type, GESTURE_TAP);
        gesture_destroy(g);
    }

    /* Landing all at once: nothing at all. */
    gesture_t *g = mk();
    got_t o = {0};
    for (int f = 0; f < 10; f++)
        down(g, f, 100 + 150 * f, 500, 0);
    for (int k = 1; k <= 100; k++)
        for (int f = 0; f < 10; f++)
            move(g, f, 100 + 150 * f + (k * 37 * (f + 1)) % 300, 500 - k, 10 * k);
    for (int f = 0; f < 10; f++)
        up(g, f, 100, 100, 2000 + f);
    run_until_idle(g, 0, 10000, 1, &o);
    assert_int_equal(o.n, 0);
    gesture_destroy(g);

    /* A drag in progress when the palm lands: one DRAG_END, then silence. */
    g = mk();
    memset(&o, 0, sizeof o);
    int64_t t = stroke(g, 1, 500, 500, 10, 0, 10, 0);
    drain(g, t, &o);
    assert_int_equal(count(&o, GESTURE_DRAG_START), 1);
    int n = o.n;
    t = mash(g, t + 5, 99);
    up(g, 1, 0, 0, t + 1);
    run_until_idle(g, t + 1, t + 10000, 1, &o);
    assert_int_equal(o.n, n + 1);
    assert_int_equal(o.e[n].type, GESTURE_DRAG_END);
    assert_true(o.e[n].vx == 0.0); /* not a fling */
    gesture_destroy(g);

    /* A pinch in progress when a third finger lands: one PINCH_END. */
    g = mk();
    memset(&o, 0, sizeof o);
    down(g, 1, 800, 500, 0);
    down(g, 2, 1000, 500, 0);
    move(g, 2, 1100, 500, 50);
    down(g, 3, 600, 600, 60);
    move(g, 2, 1300, 500, 70);
    move(g, 3, 200, 600, 80);
    up(g, 3, 200, 600, 90);
    up(g, 2, 1300, 500, 100);
    up(g, 1, 800, 500, 110);
    run_until_idle(g, 110, 10000, 1, &o);
    assert_int_equal(o.n, 2);
    assert_int_equal(o.e[0].type, GESTURE_PINCH_START);
    assert_int_equal(o.e[1].type, GESTURE_PINCH_END);
    gesture_destroy(g);
}

static void test_orphans_duplicates_and_wild_input(void **state)
{
    (void)state;
    gesture_t *g = mk();
    got_t o = {0};
    up(g, 7, 100, 100, 0);     /* UP never seen DOWN */
    move(g, 8, 100, 100, 10);  /* MOVE with no DOWN */
    app_event_t other = {.type = EV_EXPOSE};
    gesture_feed(g, &other, 20);
    run_until_idle(g, 20, 5000, 1, &o);
    assert_int_equal(o.n, 0);
    assert_int_equal(gesture_next_deadline(g, 5000), -1);
    assert_int_equal(gesture_stats(g)->ignored, 2);

    /* A duplicate DOWN (its UP was lost) starts over: one tap, where the
     * finger landed the second time. */
    down(g, 4, 100, 100, 6000);
    down(g, 4, 600, 600, 6100);
    up(g, 4, 600, 600, 6150);
    run_until_idle(g, 6150, 9000, 1, &o);
    assert_int_equal(o.n, 1);
    assert_int_equal(o.e[0].type, GESTURE_TAP);
    assert_int_equal(o.e[0].x, 600);
    gesture_destroy(g);

    /* A lost UP on a press that could have been a second tap: the first
     * tap still counts, the lost press does not. */
    g = mk();
    memset(&o, 0, sizeof o);
    down(g, 4, 100, 100, 0);
    up(g, 4, 100, 100, 50);
    down(g, 4, 105, 100, 150);
    down(g, 4, 110, 100, 170);
    drain(g, 170, &o);
    assert_int_equal(o.n, 1);
    assert_int_equal(o.e[0].type, GESTURE_TAP);
    assert_int_equal(o.e[0].x, 100);
    up(g, 4, 110, 100, 200); /* a fresh first tap, not a double */
    run_until_idle(g, 200, 5000, 1, &o);
    assert_int_equal(o.n, 2);
    assert_int_equal(o.e[1].type, GESTURE_TAP);
    assert_int_equal(o.e[1].x, 110);
    gesture_destroy(g);

    /* Off the screen: clamped to it. */
    g = mk();
    memset(&o, 0, sizeof o);
    down(g, 1, -5000, 99999, 0);
    up(g, 1, -5000, 99999, 30);
    run_until_idle(g, 30, 5000, 1, &o);
    assert_int_equal(o.n, 1);
    assert_int_equal(o.e[0].x, 0);
    assert_int_equal(o.e[0].y, H - 1);
    gesture_destroy(g);

    /* Extreme values with no screen size known, time going backwards, a
     * finger lost for good: no overflow (the sanitiser build checks), no
     * storm, and the next touch still works. */
    g = gesture_create(NULL);
    assert_non_null(g);
    memset(&o, 0, sizeof o);
    down(g, INT64_MIN, INT_MIN, INT_MAX, 100);
    move(g, INT64_MIN, INT_MAX, INT_MIN, 50);
    up(g, INT64_MIN, INT_MAX, INT_MAX, 60);
    down(g, INT64_MAX, INT_MAX, INT_MAX, 200);
    move(g, INT64_MAX, INT_MIN, INT_MIN, 210);
    run_until_idle(g, 210, 20000, 1, &o);
    assert_true(o.n <= 8);
    for (int i = 0; i < o.n; i++)
        assert_true(o.e[i].type == GESTURE_DRAG_START || o.e[i].type == GESTURE_DRAG ||
                    o.e[i].type == GESTURE_DRAG_END || o.e[i].type == GESTURE_SWIPE ||
                    o.e[i].type == GESTURE_INERTIA);
    memset(&o, 0, sizeof o);
    /* Finger INT64_MAX never lifted; 30 s later it is taken as lost (its
     * drag ends) and the new finger is an ordinary tap, not a pinch. */
    down(g, 1, 50, 50, 30000);
    up(g, 1, 50, 50, 30050);
    run_until_idle(g, 30050, 40000, 1, &o);
    assert_int_equal(o.n, 2);
    assert_int_equal(o.e[0].type, GESTURE_DRAG_END);
    assert_int_equal(o.e[1].type, GESTURE_TAP);
    assert_int_equal(o.e[1].x, 50);
    gesture_destroy(g);
}

static void test_deadlines(void **state)
{
    (void)state;
    gesture_t *g = mk();
    gesture_event_t e;
    assert_int_equal(gesture_next_deadline(g, 0), -1);
    down(g, 1, 500, 500, 1000);
    assert_int_equal(gesture_next_deadline(g, 1000), 1600); /* long press */
    move(g, 1, 600, 500, 1100);
    /* A drag needs no timer, but its gestures are waiting: poll now. */
    assert_int_equal(gesture_next_deadline(g, 1100), 1100);
    while (gesture_poll(g, 1100, &e))
        ;
    assert_int_equal(gesture_next_deadline(g, 1100), -1);
    move(g, 1, 600, 500, 1500);
    up(g, 1, 600, 500, 1500);
    while (gesture_poll(g, 1500, &e))
        ;
    assert_int_equal(gesture_next_deadline(g, 1500), -1); /* no fling */
    down(g, 1, 500, 500, 2000);
    up(g, 1, 500, 500, 2050);
    assert_int_equal(gesture_next_deadline(g, 2050), 2350); /* tap window */
    /* The second landing holds the first tap; its own long press counts. */
    down(g, 1, 500, 500, 2100);
    assert_int_equal(gesture_next_deadline(g, 2100), 2700);
    assert_int_equal(gesture_poll(g, 2699, &e), 0);
    assert_int_equal(gesture_poll(g, 2700, &e), 1);
    assert_int_equal(e.type, GESTURE_TAP);
    assert_int_equal(gesture_poll(g, 2700, &e), 1);
    assert_int_equal(e.type, GESTURE_LONG_PRESS);
    assert_int_equal(gesture_next_deadline(g, 2700), -1);
    gesture_destroy(g);

    /* With long press off, a held finger needs no timer at all. */
    g = mk_opts((gesture_opts_t){.long_press_ms = -1});
    down(g, 1, 500, 500, 0);
    assert_int_equal(gesture_next_deadline(g, 0), -1);
    gesture_destroy(g);
}

static void test_queue_is_bounded(void **state)
{
    (void)state;
    gesture_t *g = mk();
    got_t o = {0};
    /* 40 slow drags nobody polls: 120 gestures for a 64-slot queue. */
    int64_t t = 0;
    for (int k = 0; k < 40; k++) {
        down(g, 1, 100, 100 + k, t);
        move(g, 1, 200, 100 + k, t + 100);
        up(g, 1, 200, 100 + k, t + 400);
        t += 500;
    }
    assert_int_equal(gesture_stats(g)->dropped, 120 - GESTURE_QUEUE_MAX);
    drain(g, t, &o);
    assert_int_equal(o.n, GESTURE_QUEUE_MAX);
    /* The newest survive: the last is the 40th drag's end. */
    assert_int_equal(o.e[o.n - 1].type, GESTURE_DRAG_END);
    assert_int_equal(o.e[o.n - 1].y, 139);
    assert_int_equal(o.e[0].type, GESTURE_DRAG_END); /* 56 = 18 x 3 + 2 */
    gesture_destroy(g);
}

static void test_reset_ends_what_is_active(void **state)
{
    (void)state;
    gesture_t *g = mk();
    got_t o = {0};
    int64_t t = stroke(g, 1, 100, 100, 10, 0, 10, 0);
    gesture_reset(g);
    drain(g, t, &o);
    assert_int_equal(o.e[o.n - 1].type, GESTURE_DRAG_END);
    int n = o.n;
    /* The finger's own UP arrives later: ignored. */
    up(g, 1, 300, 100, t + 10);
    run_until_idle(g, t + 10, t + 5000, 1, &o);
    assert_int_equal(o.n, n);
    assert_int_equal(gesture_next_deadline(g, t + 5000), -1);
    gesture_destroy(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tap),
        cmocka_unit_test(test_tap_immediate_without_double_tap),
        cmocka_unit_test(test_tap_with_jitter_under_slop),
        cmocka_unit_test(test_double_tap),
        cmocka_unit_test(test_double_tap_only_where_it_counts),
        cmocka_unit_test(test_two_taps_too_far_apart),
        cmocka_unit_test(test_long_press_once_and_no_tap),
        cmocka_unit_test(test_drag_deltas_and_velocity),
        cmocka_unit_test(test_fling_inertia_is_finite_and_ends),
        cmocka_unit_test(test_new_touch_stops_inertia),
        cmocka_unit_test(test_swipe_each_direction),
        cmocka_unit_test(test_pinch_out_and_in),
        cmocka_unit_test(test_two_fingers_resting_do_nothing),
        cmocka_unit_test(test_ten_finger_mash),
        cmocka_unit_test(test_orphans_duplicates_and_wild_input),
        cmocka_unit_test(test_deadlines),
        cmocka_unit_test(test_queue_is_bounded),
        cmocka_unit_test(test_reset_ends_what_is_active),
    };
    return cmocka_run_group_tests_name("gesture", tests, NULL, NULL);
}
