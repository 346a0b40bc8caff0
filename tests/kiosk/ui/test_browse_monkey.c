/* test_browse_monkey.c - thousands of random touches over every scene.
 *
 * A seeded monkey taps what is on screen (and what is not), drags, flings,
 * pinches, double-taps, presses long, mashes ten fingers, switches
 * languages, lets the kiosk go idle, and changes units under it as the
 * sync worker would.  Run under AddressSanitizer by `make SANITIZE=...
 * test`: the test is that nothing crashes, leaks or reads out of bounds,
 * and that the monkey reached every scene.
 */
#include "browsetest.h"

#define MONKEY_PIN "1357"

typedef struct {
    uint64_t s;
} rng_t;

static uint64_t next(rng_t *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int rnd(rng_t *r, int lo, int hi)
{
    return lo + (int)(next(r) % (uint64_t)(hi - lo + 1));
}

/* Taps a random control of the last frame, near its centre. */
static void tap_control(bt_t *t, rng_t *r)
{
    int n = ui_hit_count(t->b->ui);
    rect_t rc;
    int action, arg;
    if (n == 0 || !ui_hit_at(t->b->ui, rnd(r, 0, n - 1), &rc, &action, &arg)) {
        bt_tap(t, rnd(r, 0, t->w - 1), rnd(r, 0, t->h - 1));
        return;
    }
    bt_tap(t, rc.x + rc.w / 2 + rnd(r, -rc.w / 4, rc.w / 4),
           rc.y + rc.h / 2 + rnd(r, -rc.h / 4, rc.h / 4));
}

static void pinch(bt_t *t, rng_t *r)
{
    int cx = rnd(r, 0, t->w - 1), cy = rnd(r, 0, t->h - 1);
    int d0 = rnd(r, 20, 200), d1 = rnd(r, 20, 600);
    bt_touch(t, EV_TOUCH_DOWN, cx - d0, cy, 1);
    bt_touch(t, EV_TOUCH_DOWN, cx + d0, cy, 2);
    for (int i = 1; i <= 10; i++) {
        int d = d0 + (d1 - d0) * i / 10;
        t->now += 16;
        bt_touch(t, EV_TOUCH_MOVE, cx - d, cy, 1);
        bt_touch(t, EV_TOUCH_MOVE, cx + d, cy, 2);
    }
    bt_touch(t, EV_TOUCH_UP, cx - d1, cy, 1);
    bt_touch(t, EV_TOUCH_UP, cx + d1, cy, 2);
    bt_frame(t);
}

static void mash(bt_t *t, rng_t *r)
{
    for (int f = 0; f < 10; f++)
        bt_touch(t, EV_TOUCH_DOWN, rnd(r, -50, t->w + 50),
                 rnd(r, -50, t->h + 50), 100 + f);
    t->now += rnd(r, 10, 300);
    for (int f = 0; f < 10; f++)
        bt_touch(t, EV_TOUCH_MOVE, rnd(r, 0, t->w), rnd(r, 0, t->h), 100 + f);
    /* Sometimes a finger's lift is lost. */
    for (int f = 0; f < 10; f++)
        if (rnd(r, 0, 9))
            bt_touch(t, EV_TOUCH_UP, rnd(r, 0, t->w), rnd(r, 0, t->h), 100 + f);
    bt_advance(t, rnd(r, 0, 600));
}

/* A unit changes status under the customer, as a sync would bring; a
 * hold is sometimes the signed-in consultant's. */
static void sync_change(bt_t *t, rng_t *r)
{
    int i = rnd(r, 0, t->m->n_units - 1);
    unit_t *u = &t->m->units[i];
    model_change_t ch = {i, u->status};
    u->status = (unit_status_t)rnd(r, 0, STATUS_COUNT - 1);
    u->held_by[0] = u->hold_id[0] = '\0';
    u->hold_expires_at = 0;
    if (u->status == STATUS_HELD && rnd(r, 0, 1)) {
        snprintf(u->held_by, sizeof u->held_by, "c-chen");
        snprintf(u->hold_id, sizeof u->hold_id, "h%d", i);
        u->hold_expires_at = t->now / 1000 + rnd(r, -5, 1800);
    }
    u->version++;
    browse_units_changed(t->b, &ch, 1);
    bt_frame(t);
}

/* A consultant's request: the in-memory outbox, then where it stands
 * moves on (some come back refused). */
static int ob_add(void *user, const char *kind, const char *body, char *key,
                  size_t n)
{
    bt_ob_add(user, kind, body, key, n);
    browse_request_t *r = bt_ob_last();
    r->state = bt_ob.n % 4; /* queued, sent, confirmed, refused */
    if (r->state == REQ_REFUSED)
        snprintf(r->reason, sizeof r->reason, "over_limit: too many");
    return 0;
}

/* A consultant signs in with the right PIN (and lands on the desk). */
static void sign_in(bt_t *t)
{
    rect_t c = browse_signin_corner(t->b);
    bt_touch(t, EV_TOUCH_DOWN, c.x + c.w / 2, c.y + c.h / 2, 1);
    bt_advance(t, 900);
    bt_touch(t, EV_TOUCH_UP, c.x + c.w / 2, c.y + c.h / 2, 1);
    bt_advance(t, 100);
    if (browse_scene(t->b) != SCENE_SIGNIN)
        return; /* already signed in (the desk), or a card was open */
    bt_tap_action(t, ACTION_BASE(SCENE_SIGNIN) + 1, 0);
    for (const char *p = MONKEY_PIN; *p; p++)
        bt_tap_action(t, ACTION_BASE(SCENE_SIGNIN) + 2, *p - '0');
    bt_tap_action(t, ACTION_BASE(SCENE_SIGNIN) + 4, 0);
}

static void run(int w, int h, uint64_t seed, int events)
{
    bt_t t;
    rng_t r = {seed};
    unsigned visited = 0;
    static const char *const pins[] = {MONKEY_PIN, "2468"};
    bt_open_with_pictures(&t, w, h, 2000, LANG_ZH_HANT);
    bt_add_consultants(t.m, pins);
    browse_set_model(t.b, t.m);
    bt_use_outbox(&t);
    t.b->o.outbox_add = ob_add;
    for (int e = 0; e < events; e++) {
        int x = rnd(&r, 0, 99);
        if (x < 50) {
            tap_control(&t, &r);
        } else if (x < 58) {
            bt_tap(&t, rnd(&r, -20, w + 20), rnd(&r, -20, h + 20));
        } else if (x < 70) {
            int x0 = rnd(&r, 0, w - 1), y0 = rnd(&r, 0, h - 1);
            bt_drag(&t, x0, y0, x0 + rnd(&r, -w / 2, w / 2),
                    y0 + rnd(&r, -h / 2, h / 2), rnd(&r, 16, 600));
            bt_advance(&t, rnd(&r, 0, 1500)); /* inertia frames */
        } else if (x < 74) {
            int x0 = rnd(&r, 0, w - 1), y0 = rnd(&r, 0, h - 1);
            bt_touch(&t, EV_TOUCH_DOWN, x0, y0, 1);
            t.now += 40;
            bt_touch(&t, EV_TOUCH_UP, x0, y0, 1);
            t.now += 90;
            bt_touch(&t, EV_TOUCH_DOWN, x0 + 3, y0 + 2, 1);
            t.now += 40;
            bt_touch(&t, EV_TOUCH_UP, x0 + 3, y0 + 2, 1);
            bt_advance(&t, 400);
        } else if (x < 77) {
            int x0 = rnd(&r, 0, w - 1), y0 = rnd(&r, 0, h - 1);
            if (rnd(&r, 0, 2) == 0) {
                /* The consultants' corner: the PIN pad, where the monkey
                 * types nonsense and gets locked out. */
                rect_t c = browse_signin_corner(t.b);
                x0 = c.x + c.w / 2;
                y0 = c.y + c.h / 2;
            }
            bt_touch(&t, EV_TOUCH_DOWN, x0, y0, 1);
            bt_advance(&t, rnd(&r, 700, 4000));
            bt_touch(&t, EV_TOUCH_UP, x0, y0, 1);
            bt_advance(&t, 100);
        } else if (x < 83) {
            pinch(&t, &r);
        } else if (x < 85) {
            mash(&t, &r);
        } else if (x < 93) {
            sync_change(&t, &r);
        } else if (x < 94) {
            bt_advance(&t, t.cfg.idle_seconds * 1000 + 10);
        } else if (x < 96) {
            sign_in(&t);
        } else {
            bt_advance(&t, rnd(&r, 0, 3000));
        }
        visited |= 1u << browse_scene(t.b);
    }
    bt_save(&t, w > h ? "monkey-last-landscape" : "monkey-last-portrait");
    for (int s = 0; s < SCENE_COUNT; s++)
        if (!(visited & (1u << s)))
            fail_msg("the monkey never reached scene %d in %d events", s,
                     events);
    bt_close(&t);
}

static void test_monkey_landscape(void **state)
{
    (void)state;
    run(960, 540, 20261127, 1500);
}

static void test_monkey_portrait(void **state)
{
    (void)state;
    run(540, 960, 7, 1500);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_monkey_landscape),
        cmocka_unit_test(test_monkey_portrait),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
