/* browse.c - see browse.h.
 *
 * The scene manager and what every scene shares: the session and its idle
 * reset, the top bar, the language switch, the shortlist, the QR hand-off
 * card, and the formatting of money, areas and floors.
 */
#include "browse_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

static const scene_ops_t *const scenes[SCENE_COUNT] = {
    [SCENE_ATTRACT] = &scene_attract_ops,
    [SCENE_HOME] = &scene_home_ops,
    [SCENE_UNITS] = &scene_units_ops,
    [SCENE_UNIT] = &scene_unit_ops,
    [SCENE_COMPARE] = &scene_compare_ops,
    [SCENE_MORTGAGE] = &scene_mortgage_ops,
    [SCENE_INFO] = &scene_info_ops,
    [SCENE_SIGNIN] = &scene_signin_ops,
    [SCENE_DESK] = &scene_desk_ops,
};

/* ---- the session -------------------------------------------------------------- */

static void close_qr(browse_t *b)
{
    handoff_qr_free(&b->qr);
    b->qr_open = 0;
    b->qr_unit[0] = '\0';
    b->qr_url[0] = '\0';
}

/* Forgets everything the customer chose: a new visitor starts fresh. */
static void reset_session(browse_t *b)
{
    b->building = 0;
    b->view = VIEW_PLAN;
    filter_clear(&b->filter);
    b->filter.building = -1;
    b->price_band = b->area_band = b->floor_band = -1;
    b->sort = SORT_PRICE;
    b->sort_desc = 0;
    b->list_scroll = 0;
    b->unit_id[0] = '\0';
    b->unit_gone = 0;
    b->n_shortlist = 0;
    memset(b->shortlist, 0, sizeof b->shortlist);
    b->plan_zoom = 1.0;
    b->plan_cx = b->plan_cy = 0.5;
    close_qr(b);
    b->loan = LOAN_COMMERCIAL;
    b->mtg_touched = 0;
    b->info_tab = 0;
    b->info_scroll = 0;
    b->list_valid = 0;
    browse_mortgage_for(b, 0);
    b->mtg_touched = 0;
}

static void set_lang(browse_t *b, lang_t lang)
{
    if (lang == b->lang || (int)lang < 0 || lang >= LANG_COUNT)
        return;
    if (b->o.set_lang && b->o.set_lang(b->o.set_lang_user, lang) != 0)
        return; /* keep what we can draw */
    b->lang = lang;
    b->dirty = 1;
}

browse_t *browse_create(const browse_opts_t *o, diag_t *d)
{
    browse_t *b = calloc(1, sizeof *b);
    if (!b) {
        diag_set(d, "out of memory");
        return NULL;
    }
    b->o = *o;
    if (b->o.idle_ms <= 0)
        b->o.idle_ms = 90000;
    if (b->o.attract_image_ms <= 0)
        b->o.attract_image_ms = 9000;
    if (b->o.attract_fps <= 0)
        b->o.attract_fps = 25;
    if (b->o.consultant_idle_ms <= 0)
        b->o.consultant_idle_ms = 60000;
    if (b->o.lockout_load && b->o.lockout_load(b->o.lockout_user, &b->lockout) != 0)
        memset(&b->lockout, 0, sizeof b->lockout);
    if (!b->o.handoff_url)
        b->o.handoff_url = "";
    b->ui = ui_create(o->render, o->text);
    int w = 1920, h = 1080;
    if (o->render)
        render_size(o->render, &w, &h);
    /* 40 MiB of pictures: the attract loop's three and a floor plan or
     * two stay decoded; the rest decode again (tens of ms) when shown. */
    b->images = images_create(o->render, o->media_dir ? o->media_dir : "",
                              (size_t)40 << 20, imax(w, h));
    if (!b->ui || !b->images) {
        diag_set(d, "out of memory");
        browse_destroy(b);
        return NULL;
    }
    b->lang = o->lang;
    b->scene = SCENE_ATTRACT;
    b->dirty = 1;
    reset_session(b);
    return b;
}

void browse_destroy(browse_t *b)
{
    if (!b)
        return;
    close_qr(b);
    free(b->list);
    free(b->day_counts);
    images_destroy(b->images);
    ui_destroy(b->ui);
    free(b);
}

/* The unit on screen: say so plainly when it stopped being for sale while
 * the customer looked at it (and stop saying so if it comes back, say
 * when a hold expires). */
static void check_gone(browse_t *b)
{
    const unit_t *u = browse_current_unit(b);
    if (!u)
        return;
    /* The signed-in consultant's own hold took it: not news to them. */
    int mine = b->consultant[0] && u->status == STATUS_HELD &&
               strcmp(u->held_by, b->consultant) == 0;
    b->unit_gone = filter_customer_status(b->unit_seen, b->o.withheld_as_sold) ==
                       CUSTOMER_AVAILABLE &&
                   browse_customer_status(b, u) != CUSTOMER_AVAILABLE && !mine;
}

/* Generations are unique in the process, so a cache never mistakes a new
 * browser or model at a reused address for the one it was made for. */
static unsigned next_model_gen(void)
{
    static unsigned seq;
    return ++seq;
}

void browse_set_model(browse_t *b, const model_t *m)
{
    b->m = m;
    b->list_valid = 0;
    b->reqs_valid = 0;
    b->model_gen = next_model_gen();
    if (m && b->building >= m->n_buildings)
        b->building = 0;
    free(b->list);
    b->list = NULL;
    b->n_list = 0;
    b->dirty = 1;
    check_gone(b);
    if (!b->mtg_touched) {
        /* The calculator's untouched inputs follow the project (its rates,
         * a typical price), as if the visitor had just arrived. */
        browse_mortgage_for(b, 0);
        b->mtg_touched = 0;
    }
}

void browse_units_changed(browse_t *b, const model_change_t *ch, int n)
{
    if (n <= 0)
        return;
    (void)ch;
    b->list_valid = 0;
    b->reqs_valid = 0;
    b->model_gen = next_model_gen();
    b->dirty = 1;
    check_gone(b);
}

void browse_media_arrived(browse_t *b)
{
    images_retry_missing(b->images);
    b->dirty = 1;
}

void browse_dirty(browse_t *b)
{
    b->dirty = 1;
}

void browse_go(browse_t *b, scene_id_t s)
{
    if ((int)s < 0 || s >= SCENE_COUNT)
        return;
    if (s == SCENE_ATTRACT) {
        b->n_history = 0;
    } else if (s == SCENE_HOME) {
        b->n_history = 0; /* home is the root: back from it goes nowhere */
    } else if (s != b->scene) {
        if (b->n_history == (int)(sizeof b->history / sizeof *b->history))
            memmove(b->history, b->history + 1,
                    sizeof b->history - sizeof *b->history);
        else
            b->n_history++;
        b->history[b->n_history - 1] = b->scene;
    }
    close_qr(b);
    b->scene = s;
    b->scene_since_ms = b->now_ms;
    b->dirty = 1;
    if (scenes[s]->enter)
        scenes[s]->enter(b);
}

static void go_back(browse_t *b)
{
    if (b->n_history == 0) {
        browse_go(b, SCENE_HOME);
        return;
    }
    scene_id_t s = b->history[--b->n_history];
    close_qr(b);
    b->scene = s;
    b->scene_since_ms = b->now_ms;
    b->dirty = 1;
    if (scenes[s]->enter)
        scenes[s]->enter(b);
}

/* ---- the QR hand-off card ---------------------------------------------------- */

static void open_qr(browse_t *b, int unit_index)
{
    const char *ids[SHORTLIST_MAX];
    int n = 0;
    diag_t d;
    if (!b->m || !b->o.handoff_url[0])
        return;
    if (unit_index >= 0 && unit_index < b->m->n_units) {
        ids[n++] = b->m->units[unit_index].id;
    } else {
        for (int i = 0; i < b->n_shortlist; i++)
            ids[n++] = b->shortlist[i];
    }
    if (n == 0)
        return;
    close_qr(b);
    if (handoff_url(b->o.handoff_url, b->m->project.id, ids, n,
                    lang_code(b->lang), b->qr_url, sizeof b->qr_url, &d) != 0 ||
        handoff_qr(b->qr_url, &b->qr, &d) != 0) {
        fprintf(stderr, "kiosk: QR hand-off: %s\n", d.msg);
        close_qr(b);
        return;
    }
    b->qr_open = unit_index >= 0 ? 1 : 2;
    if (unit_index >= 0)
        snprintf(b->qr_unit, sizeof b->qr_unit, "%s", ids[0]);
    b->dirty = 1;
}

static void draw_qr_card(browse_t *b, ui_t *u)
{
    rect_t s = ui_screen(u);
    /* Dim what is behind; a tap anywhere off the card closes it. */
    render_fill_rect(ui_render(u), s, (color_t){5, 10, 20, 200});
    ui_hit(u, s, ACT_QR_CLOSE, 0);
    int cw = imin(ui_s(u, 760), s.w - 2 * ui_s(u, 40));
    int ch = imin(ui_s(u, 900), s.h - 2 * ui_s(u, 40));
    rect_t card = {s.x + (s.w - cw) / 2, s.y + (s.h - ch) / 2, cw, ch};
    ui_round_rect(u, card, ui_s(u, 24), RGB(0xF7F4EC));
    ui_hit(u, card, ACT_SWALLOW, 0);
    int pad = ui_s(u, 40);
    rect_t title = {card.x + pad, card.y + pad, card.w - 2 * pad, ui_s(u, 56)};
    ui_label(u, title, browse_tr(b, b->qr_open == 2 ? "qr.title_shortlist"
                                                     : "qr.title_unit"),
             ui_s(u, 40), TEXT_BOLD, ALIGN_CENTER, RGB(0x14213A));
    const char *what = "";
    char name[96] = "";
    if (b->qr_open == 1 && b->m) {
        int i = model_find_unit(b->m, b->qr_unit);
        if (i >= 0)
            browse_fmt_unit_name(b, &b->m->units[i], name, sizeof name);
        what = name;
    } else {
        char num[16];
        snprintf(num, sizeof num, "%d", b->n_shortlist);
        const char *args[] = {num};
        browse_fmt(name, sizeof name, browse_tr(b, "qr.n_units"), args, 1);
        what = name;
    }
    ui_label(u, (rect_t){title.x, title.y + title.h + ui_s(u, 8), title.w,
                         ui_s(u, 44)},
             what, ui_s(u, 30), TEXT_REGULAR, ALIGN_CENTER, RGB(0x46536B));
    int qy = title.y + title.h + ui_s(u, 70);
    int qh = card.y + card.h - qy - ui_s(u, 210);
    ui_qr(u, (rect_t){card.x + pad, qy, card.w - 2 * pad, qh}, b->qr.modules,
          b->qr.width);
    ui_label(u, (rect_t){card.x + pad, qy + qh + ui_s(u, 12), card.w - 2 * pad,
                         ui_s(u, 40)},
             browse_tr(b, "qr.hint"), ui_s(u, 28), TEXT_REGULAR, ALIGN_CENTER,
             RGB(0x46536B));
    rect_t close = {card.x + (card.w - ui_s(u, 300)) / 2,
                    card.y + card.h - pad - ui_s(u, 84), ui_s(u, 300),
                    ui_s(u, 84)};
    ui_button(u, close, browse_tr(b, "common.close"), BTN_PRIMARY,
              ACT_QR_CLOSE, 0);
}

/* ---- input -------------------------------------------------------------------- */

static void do_action(browse_t *b, int action, int arg)
{
    switch (action) {
    case ACT_NONE:
    case ACT_SWALLOW:
        return;
    case ACT_BACK:
        go_back(b);
        return;
    case ACT_HOME:
        browse_go(b, SCENE_HOME);
        return;
    case ACT_LANG:
        set_lang(b, (lang_t)arg);
        return;
    case ACT_GO:
        browse_go(b, (scene_id_t)arg);
        return;
    case ACT_OPEN_UNIT:
        if (b->m && arg >= 0 && arg < b->m->n_units) {
            const unit_t *u = &b->m->units[arg];
            snprintf(b->unit_id, sizeof b->unit_id, "%s", u->id);
            b->unit_seen = u->status;
            b->unit_gone = 0;
            b->plan_zoom = 1.0;
            b->plan_cx = b->plan_cy = 0.5;
            browse_go(b, SCENE_UNIT);
        }
        return;
    case ACT_SHORTLIST:
        browse_toggle_shortlist(b, arg);
        return;
    case ACT_COMPARE:
        browse_go(b, SCENE_COMPARE);
        return;
    case ACT_MORTGAGE_FOR:
        if (b->m && arg >= 0 && arg < b->m->n_units)
            browse_mortgage_for(b, b->m->units[arg].list_price);
        browse_go(b, SCENE_MORTGAGE);
        return;
    case ACT_QR:
        open_qr(b, arg);
        return;
    case ACT_QR_CLOSE:
        close_qr(b);
        b->dirty = 1;
        return;
    default:
        break;
    }
    int s = ACTION_SCENE(action);
    if (s == (int)b->scene && scenes[s]->action) {
        scenes[s]->action(b, action, arg);
        b->dirty = 1;
    }
}

int64_t browse_tick(browse_t *b, int64_t now_ms)
{
    if (now_ms / 1000 != b->tick_s) {
        b->tick_s = now_ms / 1000;
        b->dirty = 1;
    }
    return 1000 - now_ms % 1000;
}

rect_t browse_signin_corner(const browse_t *b)
{
    rect_t s = ui_screen(b->ui);
    int side = ui_s(b->ui, 96);
    switch (b->o.signin_corner) {
    case CORNER_BOTTOM_LEFT:
        return (rect_t){0, s.h - side, side, side};
    case CORNER_BOTTOM_RIGHT:
        return (rect_t){s.w - side, s.h - side, side, side};
    default:
        return (rect_t){0, 0, 0, 0}; /* nowhere: no sign-in here */
    }
}

void browse_gesture(browse_t *b, const gesture_event_t *g, int64_t now_ms)
{
    b->now_ms = now_ms;
    b->last_input_ms = now_ms;
    if (b->consultant[0])
        b->consultant_touch_ms = now_ms;
    if (g->type == GESTURE_LONG_PRESS && b->scene != SCENE_SIGNIN &&
        b->scene != SCENE_DESK && b->m &&
        !b->qr_open) {
        /* The consultants' way in: a long press in the sign-in corner,
         * where no control is and a customer has no reason to hold. */
        rect_t c = browse_signin_corner(b);
        if (g->x >= c.x && g->x < c.x + c.w && g->y >= c.y && g->y < c.y + c.h) {
            /* Signed in already: their desk (holds, today, sign-out). */
            browse_go(b, b->consultant[0] ? SCENE_DESK : SCENE_SIGNIN);
            return;
        }
    }
    if (b->scene == SCENE_ATTRACT) {
        /* Any touch wakes the kiosk; the touch itself does nothing else. */
        if (g->type == GESTURE_TAP || g->type == GESTURE_LONG_PRESS ||
            g->type == GESTURE_DOUBLE_TAP || g->type == GESTURE_DRAG_START ||
            g->type == GESTURE_PINCH_START)
            browse_go(b, SCENE_HOME);
        return;
    }
    if (b->qr_open) {
        int action = 0, arg = 0;
        if (g->type == GESTURE_TAP &&
            ui_hit_test(b->ui, g->x, g->y, &action, &arg) &&
            action == ACT_QR_CLOSE)
            do_action(b, action, arg);
        return; /* the card is modal */
    }
    const scene_ops_t *ops = scenes[b->scene];
    if (ops->gesture && ops->gesture(b, g)) {
        b->dirty = 1;
        return;
    }
    if (g->type == GESTURE_TAP) {
        int action = 0, arg = 0;
        if (ui_hit_test(b->ui, g->x, g->y, &action, &arg))
            do_action(b, action, arg);
    }
}

int64_t browse_update(browse_t *b, int64_t now_ms)
{
    b->now_ms = now_ms;
    if (b->last_input_ms == 0)
        b->last_input_ms = now_ms;
    int64_t wait = -1;
    if (b->scene != SCENE_ATTRACT) {
        int64_t idle = now_ms - b->last_input_ms;
        if (b->consultant[0] &&
            now_ms - b->consultant_touch_ms >= b->o.consultant_idle_ms)
            browse_sign_out(b);
        if (idle >= b->o.idle_ms) {
            /* Privacy: the next visitor sees nothing of this one's, and a
             * consultant who walked away is signed out. */
            browse_sign_out(b);
            reset_session(b);
            set_lang(b, b->o.lang);
            browse_go(b, SCENE_ATTRACT);
        } else {
            wait = b->o.idle_ms - idle;
            if (b->consultant[0]) {
                int64_t left = b->o.consultant_idle_ms -
                               (now_ms - b->consultant_touch_ms);
                if (left < wait)
                    wait = left;
            }
        }
    }
    const scene_ops_t *ops = scenes[b->scene];
    if (ops->update) {
        int64_t w = ops->update(b, now_ms);
        if (w >= 0 && (wait < 0 || w < wait))
            wait = w;
    }
    return wait;
}

int browse_needs_draw(const browse_t *b)
{
    return b->dirty;
}

int browse_draw(browse_t *b, diag_t *d)
{
    int w, h;
    (void)d;
    render_size(b->o.render, &w, &h);
    ui_begin(b->ui, w, h);
    render_target(b->o.render, NULL);
    render_clip(b->o.render, NULL);
    render_clear(b->o.render, THEME_BG);
    b->double_tap_area = (rect_t){0, 0, 0, 0};
    scenes[b->scene]->draw(b, b->ui);
    render_clip(b->o.render, NULL);
    if (b->qr_open)
        draw_qr_card(b, b->ui);
    b->dirty = 0;
    return 0;
}

void browse_invalidate(browse_t *b)
{
    b->dirty = 1;
    b->reqs_valid = 0; /* an outbox entry may have been answered */
}

void browse_device_lost(browse_t *b)
{
    images_drop_all(b->images);
    b->dirty = 1;
}

int browse_preview(browse_t *b, const char *name)
{
    static const char *const names[] = {"attract", "home", "units", "list",
                                        "unit", "compare", "mortgage", "info",
                                        "location", "signin", "desk"};
    int which = -1;
    for (int i = 0; i < (int)(sizeof names / sizeof *names); i++)
        if (strcmp(name, names[i]) == 0)
            which = i;
    if (which < 0 || (!b->m && which > 1))
        return -1;
    /* Available units, spread over the project, for unit and compare. */
    int picks[COMPARE_MAX], n = 0;
    for (int i = 0; b->m && i < b->m->n_units && n < COMPARE_MAX; i++) {
        const unit_t *u = &b->m->units[i];
        if (browse_customer_status(b, u) == CUSTOMER_AVAILABLE &&
            (n == 0 || u->unit_type != b->m->units[picks[n - 1]].unit_type) &&
            u->floor > 5)
            picks[n++] = i;
    }
    b->last_input_ms = b->now_ms;
    switch (which) {
    case 0:
        browse_go(b, SCENE_ATTRACT);
        break;
    case 1:
        browse_go(b, SCENE_HOME);
        break;
    case 2:
    case 3:
        browse_go(b, SCENE_HOME);
        browse_go(b, SCENE_UNITS);
        b->view = which == 3 ? VIEW_LIST : VIEW_PLAN;
        break;
    case 4:
    case 6:
        if (n == 0)
            return -1;
        browse_go(b, SCENE_HOME);
        do_action(b, ACT_OPEN_UNIT, picks[0]);
        if (which == 6)
            do_action(b, ACT_MORTGAGE_FOR, picks[0]);
        break;
    case 5:
        browse_go(b, SCENE_HOME);
        for (int i = 0; i < n; i++)
            browse_toggle_shortlist(b, picks[i]);
        browse_go(b, SCENE_COMPARE);
        break;
    default:
        browse_go(b, SCENE_HOME);
        b->info_tab = which == 8;
        browse_go(b, SCENE_INFO);
        break;
    case 9:
        browse_go(b, SCENE_HOME);
        browse_go(b, SCENE_SIGNIN);
        break;
    case 10: {
        /* As the first consultant would see it having signed in. */
        int c = 0;
        while (c < b->m->n_consultants && !b->m->consultants[c].active)
            c++;
        if (c >= b->m->n_consultants)
            return -1;
        browse_sign_in(b, b->m->consultants[c].id, b->now_ms / 1000);
        browse_go(b, SCENE_HOME);
        browse_go(b, SCENE_DESK);
        break;
    }
    }
    b->dirty = 1;
    return 0;
}

int browse_double_tap_area(const browse_t *b, rect_t *out)
{
    *out = b->double_tap_area;
    return !b->qr_open && out->w > 0 && out->h > 0;
}

/* ---- for tests ------------------------------------------------------------------ */

scene_id_t browse_scene(const browse_t *b)
{
    return b->scene;
}

lang_t browse_lang(const browse_t *b)
{
    return b->lang;
}

int browse_find(const browse_t *b, int action, int arg, rect_t *out)
{
    return ui_find(b->ui, action, arg, out);
}

int browse_session_size(const browse_t *b)
{
    unit_filter_t none;
    filter_clear(&none);
    none.building = -1;
    return b->n_shortlist + (memcmp(&none, &b->filter, sizeof none) != 0) +
           b->mtg_touched + (b->unit_id[0] != '\0') + (b->qr_open != 0) +
           (b->view != VIEW_PLAN) + (b->building != 0);
}

int browse_shortlist_count(const browse_t *b)
{
    return b->n_shortlist;
}

const unit_filter_t *browse_filter(const browse_t *b)
{
    return &b->filter;
}

const char *browse_unit_id(const browse_t *b)
{
    return b->unit_id[0] ? b->unit_id : NULL;
}

int browse_match_count(const browse_t *b)
{
    if (!b->m)
        return 0;
    unit_filter_t f = b->filter;
    f.building = b->building;
    return filter_count(b->m, &f);
}

int browse_mortgage(const browse_t *b, mortgage_in_t *in, mortgage_out_t *out)
{
    diag_t d;
    *in = b->mtg;
    return mortgage_compute(&b->mtg, &b->o.mortgage_limits, out, &d);
}

/* ---- helpers for scenes --------------------------------------------------------- */

const char *browse_tr(const browse_t *b, const char *key)
{
    return i18n_get(b->o.i18n, b->lang, key);
}

const char *browse_fmt(char *out, size_t size, const char *tmpl,
                       const char *const *args, int nargs)
{
    i18n_format(out, size, tmpl, args, nargs);
    return out;
}

const char *browse_tr1(const browse_t *b, char *out, size_t n, const char *key,
                       const char *a0)
{
    const char *args[] = {a0};
    return browse_fmt(out, n, browse_tr(b, key), args, 1);
}

const char *browse_tr2(const browse_t *b, char *out, size_t n, const char *key,
                       const char *a0, const char *a1)
{
    const char *args[] = {a0, a1};
    return browse_fmt(out, n, browse_tr(b, key), args, 2);
}

rect_t browse_chrome(browse_t *b, ui_t *u, const char *title)
{
    rect_t s = ui_screen(u);
    int bar = ui_s(u, 104), pad = ui_s(u, 24);
    render_fill_rect(ui_render(u), (rect_t){0, 0, s.w, bar}, THEME_PANEL);
    render_fill_rect(ui_render(u), (rect_t){0, bar - ui_s(u, 2), s.w, ui_s(u, 2)},
                     RGB(0x2A3A5A));
    int bh = ui_s(u, 72), by = (bar - bh) / 2;
    int x = pad;
    if (b->scene != SCENE_HOME) {
        rect_t back = {x, by, ui_s(u, 150), bh};
        ui_button(u, back, browse_tr(b, "common.back"), BTN_SECONDARY, ACT_BACK,
                  0);
        x += back.w + ui_s(u, 16);
        rect_t home = {x, by, ui_s(u, 130), bh};
        ui_button(u, home, browse_tr(b, "common.home"), BTN_QUIET, ACT_HOME, 0);
        x += home.w + ui_s(u, 16);
    }
    /* Right side: the language switch, then the shortlist. */
    static const char *const lang_label[LANG_COUNT] = {"繁", "简", "EN"};
    int lw = ui_s(u, 84), right = s.w - pad;
    for (int l = LANG_COUNT - 1; l >= 0; l--) {
        rect_t r = {right - lw, by, lw, bh};
        ui_button(u, r, lang_label[l],
                  (lang_t)l == b->lang ? BTN_CHIP_ON : BTN_CHIP, ACT_LANG, l);
        right -= lw + ui_s(u, 8);
    }
    right -= ui_s(u, 16);
    if (b->n_shortlist > 0 && b->scene != SCENE_COMPARE) {
        char label[64], num[16];
        snprintf(num, sizeof num, "%d", b->n_shortlist);
        const char *args[] = {num};
        browse_fmt(label, sizeof label, browse_tr(b, "common.shortlist_n"),
                   args, 1);
        int sw = ui_s(u, ui_portrait(u) ? 200 : 240);
        rect_t r = {right - sw, by, sw, bh};
        ui_button(u, r, label, BTN_SECONDARY, ACT_COMPARE, 0);
        right -= sw + ui_s(u, 16);
    }
    rect_t t = {x + ui_s(u, 8), 0, right - x - ui_s(u, 16), bar};
    if (title && title[0])
        ui_label(u, t, title, ui_s(u, 40), TEXT_BOLD, ALIGN_LEFT, THEME_TEXT);
    if (b->consultant[0] && b->scene != SCENE_DESK)
        browse_consultant_badge(b, u, t, title, by, bh);
    return (rect_t){0, bar, s.w, s.h - bar};
}

const unit_t *browse_current_unit(const browse_t *b)
{
    if (!b->m || !b->unit_id[0])
        return NULL;
    int i = model_find_unit(b->m, b->unit_id);
    return i >= 0 ? &b->m->units[i] : NULL;
}

customer_status_t browse_customer_status(const browse_t *b, const unit_t *u)
{
    return filter_customer_status(u->status, b->o.withheld_as_sold);
}

const char *browse_customer_status_label(const browse_t *b,
                                         customer_status_t s)
{
    static const char *const keys[] = {
        [CUSTOMER_AVAILABLE] = "customer.available",
        [CUSTOMER_RESERVED] = "customer.reserved",
        [CUSTOMER_SOLD] = "customer.sold",
        [CUSTOMER_UNAVAILABLE] = "customer.unavailable",
    };
    return browse_tr(b, keys[s]);
}

color_t browse_customer_status_color(customer_status_t s)
{
    switch (s) {
    case CUSTOMER_AVAILABLE:
        return RGB(0x3BB273);
    case CUSTOMER_RESERVED:
        return RGB(0xF0A03C);
    case CUSTOMER_SOLD:
        return RGB(0xB8434A);
    default:
        return RGB(0x5A6577);
    }
}

int browse_in_shortlist(const browse_t *b, const char *unit_id)
{
    for (int i = 0; i < b->n_shortlist; i++)
        if (strcmp(b->shortlist[i], unit_id) == 0)
            return 1;
    return 0;
}

void browse_toggle_shortlist(browse_t *b, int unit_index)
{
    if (!b->m || unit_index < 0 || unit_index >= b->m->n_units)
        return;
    const char *id = b->m->units[unit_index].id;
    for (int i = 0; i < b->n_shortlist; i++) {
        if (strcmp(b->shortlist[i], id) == 0) {
            memmove(b->shortlist[i], b->shortlist[i + 1],
                    sizeof b->shortlist[0] * (size_t)(b->n_shortlist - i - 1));
            b->n_shortlist--;
            b->dirty = 1;
            return;
        }
    }
    if (b->n_shortlist == SHORTLIST_MAX) {
        /* Full: the oldest choice makes room for the newest. */
        memmove(b->shortlist[0], b->shortlist[1],
                sizeof b->shortlist[0] * (SHORTLIST_MAX - 1));
        b->n_shortlist--;
    }
    snprintf(b->shortlist[b->n_shortlist++], sizeof b->shortlist[0], "%s", id);
    b->dirty = 1;
}

void browse_refresh_list(browse_t *b)
{
    if (b->list_valid || !b->m)
        return;
    free(b->list);
    b->list = malloc(sizeof *b->list * (size_t)(b->m->n_units > 0 ? b->m->n_units : 1));
    b->n_list = 0;
    if (b->list) {
        unit_filter_t f = b->filter;
        f.building = -1;
        b->n_list = filter_list(b->m, &f, b->sort, b->sort_desc, b->list);
    }
    b->list_valid = 1;
}

void browse_mortgage_for(browse_t *b, int64_t price)
{
    int commercial = b->o.commercial_rate_bp, provident = b->o.provident_rate_bp;
    if (b->m && b->m->project.commercial_rate_bp > 0)
        commercial = b->m->project.commercial_rate_bp;
    if (b->m && b->m->project.provident_rate_bp > 0)
        provident = b->m->project.provident_rate_bp;
    if (price <= 0 && b->m && b->m->n_units > 0) {
        /* No unit chosen: start from a typical price of the project. */
        int64_t sum = 0;
        for (int i = 0; i < b->m->n_units; i++)
            sum += b->m->units[i].list_price / 100;
        price = sum / b->m->n_units / 10000 * 10000 * 100;
    }
    b->mtg = (mortgage_in_t){
        .price = price,
        .down_bp = b->o.default_down_bp,
        .months = b->o.default_months,
        .provident_loan = 0,
        .commercial_rate_bp = commercial,
        .provident_rate_bp = provident,
        .method = REPAY_EQUAL_INSTALLMENT,
    };
    b->loan = LOAN_COMMERCIAL;
    b->mtg_touched = 1;
    b->dirty = 1;
}

/* 1234567 -> "1,234,567". */
static void group3(int64_t v, char *out, size_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%lld", (long long)(v < 0 ? -v : v));
    size_t k = 0;
    if (v < 0 && k + 1 < n)
        out[k++] = '-';
    for (int i = 0; i < len && k + 2 < n; i++) {
        out[k++] = digits[i];
        if ((len - i - 1) % 3 == 0 && i != len - 1)
            out[k++] = ',';
    }
    out[k] = '\0';
}

void browse_fmt_money(const browse_t *b, int64_t cents, char *out, size_t n)
{
    char g[40];
    (void)b;
    group3((cents + 50) / 100, g, sizeof g);
    snprintf(out, n, "¥%s", g);
}

void browse_fmt_wan(const browse_t *b, int64_t cents, char *out, size_t n)
{
    char num[32];
    int64_t yuan = (cents + 50) / 100;
    if (b->lang == LANG_EN) {
        /* Millions with two decimals: 3,456,789 -> 3.46M */
        int64_t k = (yuan + 5000) / 10000; /* hundredths of a million */
        snprintf(num, sizeof num, "%lld.%02lld", (long long)(k / 100),
                 (long long)(k % 100));
    } else {
        /* 萬 with one decimal: 3,456,789 -> 345.7萬 */
        int64_t k = (yuan + 500) / 1000; /* tenths of a 萬 */
        snprintf(num, sizeof num, "%lld.%lld", (long long)(k / 10),
                 (long long)(k % 10));
    }
    const char *args[] = {num};
    i18n_format(out, n, browse_tr(b, "money.wan"), args, 1);
}

void browse_fmt_area(int32_t hundredths, char *out, size_t n)
{
    snprintf(out, n, "%d.%02d㎡", hundredths / 100, hundredths % 100);
}

void browse_fmt_floor(const browse_t *b, int floor, char *out, size_t n)
{
    char num[16];
    snprintf(num, sizeof num, "%d", floor);
    const char *args[] = {num};
    i18n_format(out, n, browse_tr(b, "unit.floor_n"), args, 1);
}

const char *browse_orientation_label(const browse_t *b, orientation_t o)
{
    static const char *const keys[ORIENT_COUNT] = {
        "orient.N", "orient.NE", "orient.E", "orient.SE",
        "orient.S", "orient.SW", "orient.W", "orient.NW"};
    return (int)o >= 0 && o < ORIENT_COUNT ? browse_tr(b, keys[o]) : "";
}

void browse_fmt_unit_name(const browse_t *b, const unit_t *u, char *out,
                          size_t n)
{
    const char *bn = ltext_get(&b->m->buildings[u->building].name, b->lang);
    const char *args[] = {bn, u->number};
    i18n_format(out, n, browse_tr(b, "unit.name"), args, 2);
}
