/* scene_signin.c - a sales consultant signs in with a PIN (issue 5).
 *
 * Reached by a long press in a bottom corner (browse.c; once signed in the
 * same press opens the consultant's desk), never from a visible control;
 * signing in goes to the desk (scene_desk.c).  The consultant picks their
 * name, then types their PIN on a large keypad; the PIN is checked against
 * the salted hash that came with the project data (pin.h), offline.  Wrong PINs lock the pad
 * out with growing delays (pin_lockout_*), counted for the whole kiosk so
 * guessing across names gains nothing, and stored through the browser's
 * hooks so a restart does not reset them.  Digits are shown as dots and
 * forgotten as soon as they are checked.
 */
#include "browse_private.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

enum {
    A_PICK = ACTION_BASE(SCENE_SIGNIN) + 1, /* arg: consultant index */
    A_DIGIT,                                /* arg: 0..9 */
    A_ERASE,
    A_SUBMIT,
};

static int64_t now_s(const browse_t *b)
{
    return b->o.clock_s ? b->o.clock_s() : (int64_t)time(NULL);
}

static void save_lockout(browse_t *b)
{
    if (b->o.lockout_save && b->o.lockout_save(b->o.lockout_user, &b->lockout) != 0)
        fprintf(stderr, "kiosk: could not store the PIN lockout\n");
}

static void enter(browse_t *b)
{
    b->signin_pick[0] = '\0';
    memset(b->signin_digits, 0, sizeof b->signin_digits);
    b->signin_wrong = 0;
}

/* Checks the PIN typed (once: each check is a slow hash by design). */
static void try_pin(browse_t *b)
{
    int i = model_find_consultant(b->m, b->signin_pick);
    size_t n = strlen(b->signin_digits);
    if (i < 0 || n < PIN_MIN_DIGITS ||
        pin_lockout_wait(&b->lockout, now_s(b)) > 0)
        return;
    const consultant_t *c = &b->m->consultants[i];
    if (c->active && pin_verify(b->signin_digits, c->pin_hash)) {
        pin_lockout_reset(&b->lockout);
        save_lockout(b);
        browse_sign_in(b, c->id, now_s(b));
        memset(b->signin_digits, 0, sizeof b->signin_digits);
        browse_go(b, SCENE_DESK); /* their holds and today's figures */
        return;
    }
    pin_lockout_fail(&b->lockout, now_s(b));
    save_lockout(b);
    b->signin_wrong = 1;
    memset(b->signin_digits, 0, sizeof b->signin_digits);
}

static void action(browse_t *b, int act, int arg)
{
    switch (act) {
    case A_PICK:
        if (b->m && arg >= 0 && arg < b->m->n_consultants &&
            b->m->consultants[arg].active) {
            snprintf(b->signin_pick, sizeof b->signin_pick, "%s",
                     b->m->consultants[arg].id);
            memset(b->signin_digits, 0, sizeof b->signin_digits);
            b->signin_wrong = 0;
        }
        break;
    case A_DIGIT: {
        size_t n = strlen(b->signin_digits);
        if (pin_lockout_wait(&b->lockout, now_s(b)) > 0 || arg < 0 ||
            arg > 9 || n >= PIN_MAX_DIGITS || !b->signin_pick[0])
            break;
        b->signin_digits[n] = (char)('0' + arg);
        b->signin_digits[n + 1] = '\0';
        b->signin_wrong = 0;
        break;
    }
    case A_SUBMIT:
        try_pin(b);
        break;
    case A_ERASE: {
        size_t n = strlen(b->signin_digits);
        if (n > 0)
            b->signin_digits[n - 1] = '\0';
        break;
    }
    default:
        break;
    }
}

/* The list of names to pick from. */
static void draw_names(browse_t *b, ui_t *u, rect_t r)
{
    int row = ui_s(u, 88), gap = ui_s(u, 14), y = r.y;
    ui_label(u, (rect_t){r.x, y, r.w, ui_s(u, 56)},
             browse_tr(b, "signin.who"), ui_s(u, 32), TEXT_BOLD, ALIGN_LEFT,
             THEME_MUTED);
    y += ui_s(u, 70);
    for (int i = 0; i < b->m->n_consultants && y + row <= r.y + r.h; i++) {
        const consultant_t *c = &b->m->consultants[i];
        if (!c->active)
            continue;
        int on = strcmp(c->id, b->signin_pick) == 0;
        ui_button(u, (rect_t){r.x, y, r.w, row}, ltext_get(&c->name, b->lang),
                  on ? BTN_CHIP_ON : BTN_CHIP, A_PICK, i);
        y += row + gap;
    }
}

static void draw_pad(browse_t *b, ui_t *u, rect_t r)
{
    char line[160], num[32];
    int64_t wait = pin_lockout_wait(&b->lockout, now_s(b));
    int dot_h = ui_s(u, 90);
    b->signin_locked_shown = wait > 0;
    /* What to do, or why not now. */
    const char *msg = browse_tr(b, "signin.enter_pin");
    color_t ink = THEME_MUTED;
    if (!b->signin_pick[0]) {
        msg = browse_tr(b, "signin.pick_first");
    } else if (wait > 0) {
        snprintf(num, sizeof num, "%lld", (long long)wait);
        msg = browse_tr1(b, line, sizeof line, "signin.locked", num);
        ink = THEME_WARN;
    } else if (b->signin_wrong) {
        msg = browse_tr(b, "signin.wrong");
        ink = THEME_BAD;
    }
    ui_label(u, (rect_t){r.x, r.y, r.w, ui_s(u, 56)}, msg, ui_s(u, 32),
             TEXT_BOLD, ALIGN_CENTER, ink);
    /* One dot a digit typed, never the digits. */
    size_t n = strlen(b->signin_digits);
    int d = ui_s(u, 28), dg = ui_s(u, 22);
    int total = PIN_MAX_DIGITS * d + (PIN_MAX_DIGITS - 1) * dg;
    int x0 = r.x + (r.w - total) / 2, y0 = r.y + ui_s(u, 70) + (dot_h - d) / 2;
    for (int i = 0; i < PIN_MAX_DIGITS; i++) {
        rect_t dot = {x0 + i * (d + dg), y0, d, d};
        if ((size_t)i < n)
            ui_round_rect(u, dot, d / 2, THEME_ACCENT);
        else
            ui_round_frame(u, dot, d / 2, imax(2, ui_s(u, 3)), RGB(0x3A4B6B));
    }
    /* The keypad: 1-9, then erase, 0, OK. */
    rect_t keys = {r.x, r.y + ui_s(u, 70) + dot_h + ui_s(u, 24), r.w,
                   r.h - ui_s(u, 70) - dot_h - ui_s(u, 24)};
    int gap = ui_s(u, 18);
    int tall = ui_portrait(u); /* a tall screen: bigger keys */
    int kw = imin((keys.w - 2 * gap) / 3, ui_s(u, tall ? 280 : 220));
    int kh = imin((keys.h - 3 * gap) / 4, ui_s(u, tall ? 190 : 140));
    int kx = keys.x + (keys.w - 3 * kw - 2 * gap) / 2;
    int usable = b->signin_pick[0] && wait <= 0;
    for (int k = 0; k < 12; k++) {
        rect_t key = {kx + (k % 3) * (kw + gap), keys.y + (k / 3) * (kh + gap),
                      kw, kh};
        if (k < 9 || k == 10) {
            int digit = k < 9 ? k + 1 : 0;
            snprintf(num, sizeof num, "%d", digit);
            ui_button(u, key, num, usable ? BTN_SECONDARY : BTN_DISABLED,
                      A_DIGIT, digit);
        } else if (k == 9) {
            ui_button(u, key, browse_tr(b, "signin.erase"),
                      n > 0 ? BTN_QUIET : BTN_DISABLED, A_ERASE, 0);
        } else {
            ui_button(u, key, browse_tr(b, "signin.ok"),
                      usable && n >= PIN_MIN_DIGITS ? BTN_PRIMARY : BTN_DISABLED,
                      A_SUBMIT, 0);
        }
    }
}

static void draw(browse_t *b, ui_t *u)
{
    rect_t c = browse_chrome(b, u, browse_tr(b, "signin.title"));
    int pad = ui_s(u, 48), gap = ui_s(u, 48);
    rect_t in = {c.x + pad, c.y + pad, c.w - 2 * pad, c.h - 2 * pad};
    if (!b->m || b->m->n_consultants == 0) {
        ui_label(u, in, browse_tr(b, "signin.none"), ui_s(u, 36), TEXT_BOLD,
                 ALIGN_CENTER, THEME_MUTED);
        return;
    }
    if (ui_portrait(u)) {
        int n = 0; /* the names take the room they need, up to 30 % */
        for (int i = 0; i < b->m->n_consultants; i++)
            n += b->m->consultants[i].active;
        int names_h = imin(imin(in.h * 30 / 100, ui_s(u, 560)),
                           ui_s(u, 70 + n * (88 + 14)));
        draw_names(b, u, (rect_t){in.x, in.y, in.w, names_h});
        draw_pad(b, u, (rect_t){in.x, in.y + names_h + gap, in.w,
                                in.h - names_h - gap});
    } else {
        int names_w = in.w * 34 / 100;
        draw_names(b, u, (rect_t){in.x, in.y, names_w, in.h});
        draw_pad(b, u, (rect_t){in.x + names_w + gap, in.y,
                                in.w - names_w - gap, in.h});
    }
}

/* While locked out, the countdown moves once a second; when it ends the
 * keys come back. */
static int64_t update(browse_t *b, int64_t now_ms)
{
    (void)now_ms;
    int64_t wait = b->consultant[0] ? 0 : pin_lockout_wait(&b->lockout, now_s(b));
    if (wait > 0 || b->signin_locked_shown)
        b->dirty = 1;
    return wait > 0 ? 1000 : -1;
}

const scene_ops_t scene_signin_ops = {
    .enter = enter, .draw = draw, .action = action, .update = update,
};
