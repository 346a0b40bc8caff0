/* browsetest.h - the customer's touchscreen off screen, driven by fingers.
 *
 * A real browser (browse.h) on the software renderer with real fonts, the
 * real string tables and the demo project; touches go through the real
 * gesture recogniser with an injected clock, so a test taps what a
 * customer would tap: bt_tap_action() finds the control the last frame
 * drew for an action and presses its centre.
 */
#ifndef BROWSETEST_H
#define BROWSETEST_H

#include "uitest.h"

#include <stdlib.h>

#include "browse.h"
#include "browse_private.h"
#include "demo_media.h"
#include "gesture.h"
#include "pin.h"

typedef struct {
    kiosk_config_t cfg;
    i18n_t *i18n;
    model_t *m;
    render_t *r;
    text_t *text;
    browse_t *b;
    gesture_t *g;
    app_lang_t al;
    int64_t now;            /* the injected clock, ms */
    int w, h;
    char media[512];
    char own_media[256];    /* a temporary media dir bt_close removes */
    int shots;
} bt_t;

/* Draws a frame if the browser wants one; returns the frame's draw calls
 * (0 when nothing was drawn). */
static inline unsigned bt_frame(bt_t *t)
{
    diag_t d;
    browse_update(t->b, t->now);
    if (!browse_needs_draw(t->b))
        return 0;
    render_begin_frame(t->r);
    if (browse_draw(t->b, &d) != 0)
        fail_msg("%s", d.msg);
    render_present(t->r);
    rect_t a; /* as the app loop does */
    if (browse_double_tap_area(t->b, &a))
        gesture_set_double_tap_area(t->g, a.x, a.y, a.w, a.h);
    else
        gesture_set_double_tap_area(t->g, 0, 0, 0, 0);
    return render_stats(t->r)->draw_calls;
}

/* Opens a browser of w x h over model m (taken, freed at close), with
 * pictures from media_dir (NULL: none). */
static inline void bt_open_model(bt_t *t, int w, int h, model_t *m,
                                 lang_t lang, const char *media_dir)
{
    char dir[512];
    diag_t d;
    text_fonts_t fonts;

    memset(t, 0, sizeof *t);
    config_defaults(&t->cfg);
    t->cfg.lang = lang;
    snprintf(t->cfg.handoff_url, sizeof t->cfg.handoff_url,
             "https://emerald-lake.example/p/{project}?units={units}&lang={lang}");
    snprintf(t->media, sizeof t->media, "%s", media_dir ? media_dir : "/nonexistent");
    snprintf(dir, sizeof dir, "%s/i18n", tu_env("ASSETS", "assets"));
    if (i18n_load(dir, &t->i18n, &d) != 0)
        fail_msg("%s", d.msg);
    t->m = m;
    model_index(m);
    if (app_fonts(&t->cfg, lang, &t->al.fs, &fonts, &d) != 0)
        fail_msg("%s", d.msg);
    fonts.map_files = 1; /* as the app does in browse mode */
    t->r = render_create_offscreen(w, h, &d);
    assert_non_null(t->r);
    t->text = text_create(t->r, &fonts, &d);
    assert_non_null(t->text);
    browse_opts_t o = app_browse_opts(&t->cfg, t->r, t->text, t->i18n,
                                      t->media, &t->al);
    t->b = browse_create(&o, &d);
    assert_non_null(t->b);
    browse_set_model(t->b, m);
    gesture_opts_t go = {.screen_w = w, .screen_h = h};
    t->g = gesture_create(&go);
    assert_non_null(t->g);
    t->w = w;
    t->h = h;
    t->now = UT_NOW_MS;
    bt_frame(t);
}

/* The demo project of about `units` units. */
static inline void bt_open(bt_t *t, int w, int h, int units, lang_t lang,
                           const char *media_dir)
{
    demo_params_t p = {20261127, units, UT_NOW_MS / 1000, NULL};
    model_t *m = NULL;
    diag_t d;
    assert_int_equal(demo_generate(&p, &m, &d), 0);
    bt_open_model(t, w, h, m, lang, media_dir);
}

/* The demo project with its pictures installed in a temporary media
 * directory, as the kiosk has them after start-up. */
static inline void bt_open_with_pictures(bt_t *t, int w, int h, int units,
                                         lang_t lang)
{
    char dir[256];
    demo_media_t md;
    model_t *m = NULL;
    diag_t d;
    tu_mkdtemp(dir, sizeof dir);
    if (demo_media_install(tu_env("ASSETS", "assets"), dir, &md, NULL, &d) != 0)
        fail_msg("%s", d.msg);
    demo_params_t p = {20261127, units, UT_NOW_MS / 1000, &md};
    assert_int_equal(demo_generate(&p, &m, &d), 0);
    bt_open_model(t, w, h, m, lang, dir);
    snprintf(t->own_media, sizeof t->own_media, "%s", dir);
}

/* Gives m two consultants, c-chen (陳美玲) and c-lin (林志強); with pins
 * given (two of them), their PINs are hashed (fast, for tests). */
static inline void bt_add_consultants(model_t *m, const char *const *pins)
{
    diag_t d;
    assert_int_equal(model_set_consultants(m, 2), 0);
    const char *ids[] = {"c-chen", "c-lin"};
    const char *names[][3] = {{"陳美玲", "陈美玲", "Chen Meiling"},
                              {"林志強", "林志强", "Lin Zhiqiang"}};
    for (int i = 0; i < 2; i++) {
        consultant_t *c = &m->consultants[i];
        snprintf(c->id, sizeof c->id, "%s", ids[i]);
        for (int l = 0; l < LANG_COUNT; l++)
            snprintf(c->name.s[l], sizeof c->name.s[l], "%s", names[i][l]);
        c->active = 1;
        if (pins && pin_hash(pins[i], PIN_MIN_ITERATIONS, c->pin_hash,
                             sizeof c->pin_hash, &d) != 0)
            fail_msg("%s", d.msg);
    }
}

/* The demo project of about `units` units with those two consultants. */
static inline model_t *bt_demo_with_consultants(int units,
                                                const char *const *pins)
{
    demo_params_t p = {20261127, units, UT_NOW_MS / 1000, NULL};
    model_t *m = NULL;
    diag_t d;
    assert_int_equal(demo_generate(&p, &m, &d), 0);
    bt_add_consultants(m, pins);
    return m;
}

static inline void bt_close(bt_t *t)
{
    if (t->own_media[0])
        tu_rmdir(t->own_media);
    gesture_destroy(t->g);
    browse_destroy(t->b);
    text_destroy(t->text);
    render_destroy(t->r);
    model_destroy(t->m);
    i18n_destroy(t->i18n);
}

/* Delivers what the recogniser has ready at t->now to the browser. */
static inline void bt_pump(bt_t *t)
{
    gesture_event_t ge;
    while (gesture_poll(t->g, t->now, &ge))
        browse_gesture(t->b, &ge, t->now);
}

static inline void bt_touch(bt_t *t, app_event_type_t type, int x, int y,
                            int64_t finger)
{
    app_event_t ev = {.type = type, .x = x, .y = y, .finger = finger};
    gesture_feed(t->g, &ev, t->now);
    bt_pump(t);
}

/* Lets ms pass: gestures that ripen with time fire, frames are drawn. */
static inline void bt_advance(bt_t *t, int64_t ms)
{
    while (ms > 0) {
        int64_t step = ms < 16 ? ms : 16;
        t->now += step;
        ms -= step;
        bt_pump(t);
    }
    bt_frame(t);
}

/* A finger taps (x, y); the tap is delivered once the double-tap window
 * has closed, and the next frame drawn. */
static inline void bt_tap(bt_t *t, int x, int y)
{
    bt_touch(t, EV_TOUCH_DOWN, x, y, 1);
    t->now += 60;
    bt_touch(t, EV_TOUCH_UP, x, y, 1);
    bt_advance(t, 400);
}

/* Taps the control drawn for (action, arg); fails the test when the last
 * frame has none. */
static inline void bt_tap_action(bt_t *t, int action, int arg)
{
    rect_t r;
    if (!browse_find(t->b, action, arg, &r))
        fail_msg("no control for action %d arg %d on scene %d", action, arg,
                 (int)browse_scene(t->b));
    bt_tap(t, r.x + r.w / 2, r.y + r.h / 2);
}

/* A finger drags from (x0, y0) to (x1, y1) over ms, in 16 ms steps. */
static inline void bt_drag(bt_t *t, int x0, int y0, int x1, int y1, int ms)
{
    int steps = ms / 16 > 0 ? ms / 16 : 1;
    bt_touch(t, EV_TOUCH_DOWN, x0, y0, 2);
    for (int i = 1; i <= steps; i++) {
        t->now += 16;
        bt_touch(t, EV_TOUCH_MOVE, x0 + (x1 - x0) * i / steps,
                 y0 + (y1 - y0) * i / steps, 2);
    }
    bt_touch(t, EV_TOUCH_UP, x1, y1, 2);
    bt_frame(t);
}

/* Saves the screen as TEST_OUT/<name>.png for a person to look at. */
static inline void bt_save(bt_t *t, const char *name)
{
    char path[700];
    diag_t d;
    bt_frame(t);
    snprintf(path, sizeof path, "%s/%s.png", tu_env("TEST_OUT", "/tmp"), name);
    if (render_save_png(t->r, path, &d) != 0)
        fail_msg("%s", d.msg);
    t->shots++;
}

static inline color_t bt_pixel(bt_t *t, int x, int y)
{
    color_t c = {0, 0, 0, 0};
    assert_int_equal(render_read_pixel(t->r, x, y, &c), 0);
    return c;
}

/* 1 when two colours are the same but for rounding (6 a channel). */
static inline int bt_near(color_t a, color_t b)
{
    return abs(a.r - b.r) <= 6 && abs(a.g - b.g) <= 6 && abs(a.b - b.b) <= 6;
}

/* How many of 40 pixels along the lower middle of unit i's plan cell (the
 * last frame's) are colour c: the number and a countdown drawn on the cell
 * cover the rest. */
static inline int bt_cell_share(bt_t *t, int i, color_t c)
{
    rect_t r;
    assert_true(browse_find(t->b, ACT_OPEN_UNIT, i, &r));
    int n = 0;
    for (int k = 0; k < 40; k++)
        n += bt_near(bt_pixel(t, r.x + r.w / 8 + (r.w * 3 / 4) * k / 40,
                              r.y + r.h / 2 + r.h / 4),
                     c);
    return n;
}

/* ---- an in-memory outbox ----------------------------------------------------
 * The consultant hooks (browse.h) over a small array, as the cache would
 * keep them: the request's kind, body and the ids in it; tests move
 * entries on by setting .state and .reason.  The real one is app.c's over
 * the cache (test_outbox.c, test_consultant_journey.c). */
#define BT_OUTBOX_MAX 16

typedef struct {
    browse_request_t q[BT_OUTBOX_MAX];
    char body[BT_OUTBOX_MAX][256];
    int n;                 /* added so far (the oldest are overwritten) */
    int state_on_add;      /* request_state_t a new entry gets */
} bt_outbox_t;

static bt_outbox_t bt_ob;

/* The entry added last, or NULL. */
static inline browse_request_t *bt_ob_last(void)
{
    return bt_ob.n ? &bt_ob.q[(bt_ob.n - 1) % BT_OUTBOX_MAX] : NULL;
}

static inline int bt_ob_add(void *user, const char *kind, const char *body,
                            char *key, size_t n)
{
    (void)user;
    int i = bt_ob.n++ % BT_OUTBOX_MAX;
    browse_request_t *r = &bt_ob.q[i];
    memset(r, 0, sizeof *r);
    snprintf(key, n, "key-%d", bt_ob.n);
    snprintf(r->key, sizeof r->key, "%s", key);
    snprintf(r->kind, sizeof r->kind, "%s", kind);
    snprintf(bt_ob.body[i], sizeof bt_ob.body[i], "%s", body);
    /* The body's ids, as app.c reads them back with the JSON decoder. */
    const char *f;
    if ((f = strstr(body, "\"hold_id\":\"")))
        sscanf(f + 11, "%63[^\"]", r->hold_id);
    if ((f = strstr(body, "\"unit_id\":\"")))
        sscanf(f + 11, "%63[^\"]", r->unit_id);
    if ((f = strstr(body, "\"consultant_id\":\"")))
        sscanf(f + 17, "%63[^\"]", r->consultant_id);
    r->state = bt_ob.state_on_add;
    r->created_at = r->updated_at = UT_NOW_MS / 1000;
    return 0;
}

static inline int bt_ob_state(void *user, const char *key, int *state,
                              char *reason, size_t n)
{
    (void)user;
    for (int i = 0; i < BT_OUTBOX_MAX && i < bt_ob.n; i++)
        if (strcmp(bt_ob.q[i].key, key) == 0) {
            *state = bt_ob.q[i].state;
            snprintf(reason, n, "%s", bt_ob.q[i].reason);
            return 0;
        }
    return -1;
}

static inline int bt_ob_recent(void *user, const char *consultant_id,
                               int64_t since, browse_request_t *out, int max)
{
    (void)user;
    int k = 0;
    for (int j = bt_ob.n - 1; j >= 0 && j >= bt_ob.n - BT_OUTBOX_MAX && k < max;
         j--) {
        const browse_request_t *r = &bt_ob.q[j % BT_OUTBOX_MAX];
        if ((!consultant_id || strcmp(r->consultant_id, consultant_id) == 0) &&
            (r->state <= REQ_SENT || r->updated_at >= since))
            out[k++] = *r;
    }
    return k;
}

/* Empties the outbox and gives t's browser its hooks. */
static inline void bt_use_outbox(bt_t *t)
{
    memset(&bt_ob, 0, sizeof bt_ob);
    t->b->o.outbox_add = bt_ob_add;
    t->b->o.outbox_state = bt_ob_state;
    t->b->o.outbox_recent = bt_ob_recent;
}

#endif
