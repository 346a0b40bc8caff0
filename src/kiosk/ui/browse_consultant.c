/* browse_consultant.c - what consultant mode adds to every scene (issue 5).
 *
 * A signed-in consultant sees the five statuses the sales office uses (the
 * wall board's colours), who holds a held unit and its countdown, a badge
 * in the top bar that opens their desk, and their holds and releases as
 * requests that go through the kiosk's outbox: queued (retrying after a
 * failed try), sending, confirmed, or refused with the server's reason in
 * the consultant's words.  The scenes draw with these helpers; the desk
 * (scene_desk.c), the PIN pad (scene_signin.c) and the unit's page hold
 * and release through them.
 */
#include "browse_private.h"

#include <stdio.h>
#include <string.h>

/* ---- requests: holds and releases through the outbox ----------------------- */

/* Reads the requests (and the last one made here) again when something
 * may have moved them on. */
static void load_requests(browse_t *b)
{
    if (b->reqs_valid)
        return;
    b->reqs_valid = 1;
    b->n_reqs = 0;
    memset(&b->last_req, 0, sizeof b->last_req);
    b->last_req.state = -1;
    if (!b->consultant[0])
        return;
    if (b->o.outbox_recent) {
        int n = b->o.outbox_recent(b->o.outbox_user, b->consultant,
                                   b->consultant_since_s, b->reqs,
                                   BROWSE_REQUESTS_MAX);
        b->n_reqs = n > 0 ? n : 0;
    }
    browse_request_t *r = &b->last_req;
    if (b->hold_key[0] && b->o.outbox_state &&
        b->o.outbox_state(b->o.outbox_user, b->hold_key, &r->state, r->reason,
                          sizeof r->reason) == 0) {
        snprintf(r->key, sizeof r->key, "%s", b->hold_key);
        snprintf(r->kind, sizeof r->kind, "%s", b->hold_kind);
    } else {
        r->state = -1;
    }
}

const browse_request_t *browse_requests(browse_t *b, int *n)
{
    load_requests(b);
    *n = b->n_reqs;
    return b->reqs;
}

int browse_request_about(const browse_request_t *r, const unit_t *u)
{
    if (strcmp(r->kind, "hold") == 0)
        return strcmp(r->unit_id, u->id) == 0;
    return u->hold_id[0] && strcmp(r->hold_id, u->hold_id) == 0;
}

int browse_hold_state(browse_t *b, const unit_t *u, browse_request_t *out)
{
    memset(out, 0, sizeof *out);
    out->state = -1;
    if (!u || !b->consultant[0])
        return -1;
    load_requests(b);
    /* The last request made here, when it is about u ... */
    if (b->last_req.state >= 0 && strcmp(b->hold_unit, u->id) == 0) {
        *out = b->last_req;
        return out->state;
    }
    /* ... else the outbox's newest about u (one queued before a restart,
     * or from another screen). */
    for (int i = 0; i < b->n_reqs; i++)
        if (browse_request_about(&b->reqs[i], u)) {
            *out = b->reqs[i];
            return out->state;
        }
    return -1;
}

int browse_request_hold(browse_t *b, const unit_t *u, int release)
{
    char body[256], key[72];
    browse_request_t last;
    if (!b->consultant[0] || !b->o.outbox_add || !u)
        return -1;
    if (release && !(u->status == STATUS_HELD && u->hold_id[0] &&
                     strcmp(u->held_by, b->consultant) == 0))
        return -1; /* not (or no longer) this consultant's hold */
    int st = browse_hold_state(b, u, &last);
    if (st == REQ_QUEUED || st == REQ_SENT)
        return 0; /* the one on its way stands: no second request */
    /* Ids are URL-safe by the protocol's rules (no quotes or escapes). */
    if (release)
        snprintf(body, sizeof body, "{\"hold_id\":\"%s\",\"consultant_id\":\"%s\"}",
                 u->hold_id, b->consultant);
    else
        snprintf(body, sizeof body,
                 "{\"unit_id\":\"%s\",\"consultant_id\":\"%s\",\"minutes\":%d}",
                 u->id, b->consultant,
                 b->o.hold_minutes > 0 ? b->o.hold_minutes : 30);
    if (b->o.outbox_add(b->o.outbox_user, release ? "release" : "hold", body,
                        key, sizeof key) != 0)
        return -1;
    snprintf(b->hold_key, sizeof b->hold_key, "%s", key);
    snprintf(b->hold_unit, sizeof b->hold_unit, "%s", u->id);
    snprintf(b->hold_kind, sizeof b->hold_kind, "%s", release ? "release" : "hold");
    b->reqs_valid = 0;
    b->dirty = 1;
    return 0;
}

void browse_sign_in(browse_t *b, const char *id, int64_t now_s)
{
    snprintf(b->consultant, sizeof b->consultant, "%s", id);
    b->consultant_touch_ms = b->now_ms;
    b->consultant_since_s = now_s;
    b->hold_key[0] = b->hold_unit[0] = '\0';
    b->reqs_valid = 0;
}

void browse_sign_out(browse_t *b)
{
    b->consultant[0] = '\0';
    b->hold_key[0] = b->hold_unit[0] = '\0';
    b->reqs_valid = 0;
    b->signin_pick[0] = '\0';
    memset(b->signin_digits, 0, sizeof b->signin_digits);
    b->signin_wrong = 0;
    b->dirty = 1;
    if (b->scene == SCENE_DESK) /* nothing of theirs stays on screen */
        browse_go(b, SCENE_HOME);
}

const char *browse_consultant(const browse_t *b)
{
    return b->consultant[0] ? b->consultant : NULL;
}

/* ---- the top bar's badge ---------------------------------------------------- */

static int text_w(ui_t *u, const char *s, int px, text_weight_t wt)
{
    int w = 0, h = 0;
    text_measure(ui_text_engine(u), s, px, wt, &w, &h);
    return w;
}

/* With a consultant signed in, a badge after the title says so (no one
 * takes the screen for the customer's view) and opens their desk.  t is
 * the title's room in the top bar; by, bh its buttons' row. */
void browse_consultant_badge(browse_t *b, ui_t *u, rect_t t,
                             const char *title, int by, int bh)
{
    char full[160];
    int x = t.x + (title && title[0]
                       ? imin(text_w(u, title, ui_s(u, 40), TEXT_BOLD), t.w) +
                             ui_s(u, 20)
                       : 0);
    int right = t.x + t.w;
    browse_tr1(b, full, sizeof full, "consultant.badge",
               browse_consultant_name(b));
    /* The longest wording that fits whole, large then small; none rather
     * than a clipped one (the long press still opens the desk). */
    const char *words[] = {full, browse_tr(b, "consultant.badge_short"),
                           browse_tr(b, "consultant.badge_tiny")};
    const char *s = NULL;
    int px = 0, pad = 0, w = 0;
    for (int i = 0; i < 6 && !s; i++) {
        px = ui_s(u, i % 2 ? 22 : 26);
        pad = ui_s(u, i % 2 ? 12 : 18);
        w = text_w(u, words[i / 2], px, TEXT_BOLD) + 2 * pad;
        if (x + w <= right)
            s = words[i / 2];
    }
    if (!s)
        return;
    int h = imin(bh, ui_s(u, 52));
    rect_t r = {x, by + (bh - h) / 2, w, h};
    ui_round_rect(u, r, h / 2, THEME_ACCENT);
    ui_label(u, r, s, px, TEXT_BOLD, ALIGN_CENTER, THEME_INK_DARK);
    ui_hit(u, r, ACT_GO, SCENE_DESK);
}

/* ---- consultant mode: the full statuses (issue 5) ------------------------------ */

int browse_full_statuses(const browse_t *b)
{
    return b->consultant[0] != '\0';
}

static unit_status_t full_status(const unit_t *u)
{
    return (int)u->status >= 0 && u->status < STATUS_COUNT ? u->status
                                                           : STATUS_WITHHELD;
}

color_t browse_unit_color(const browse_t *b, const unit_t *u)
{
    if (browse_full_statuses(b))
        return theme_status_fill[full_status(u)];
    return browse_customer_status_color(browse_customer_status(b, u));
}

color_t browse_unit_ink(const browse_t *b, const unit_t *u)
{
    if (browse_full_statuses(b))
        return theme_status_ink[full_status(u)];
    customer_status_t s = browse_customer_status(b, u);
    return s == CUSTOMER_AVAILABLE || s == CUSTOMER_RESERVED ? THEME_INK_DARK
                                                             : RGB(0xFFFFFF);
}

const char *browse_unit_status_label(const browse_t *b, const unit_t *u)
{
    if (browse_full_statuses(b))
        return browse_tr(b, theme_status_key[full_status(u)]);
    return browse_customer_status_label(b, browse_customer_status(b, u));
}

int browse_hold_counts_down(const unit_t *u)
{
    return u->status == STATUS_HELD && u->hold_expires_at > 0;
}

void browse_fmt_hold_left(const browse_t *b, const unit_t *u, char *out,
                          size_t n)
{
    /* Whole seconds left, so the text changes on the clock's second. */
    int64_t left = u->hold_expires_at - b->now_ms / 1000 -
                   (b->now_ms % 1000 != 0);
    if (left < 0)
        left = 0;
    if (left >= 3600)
        snprintf(out, n, "%lld:%02lld:%02lld", (long long)(left / 3600),
                 (long long)(left / 60 % 60), (long long)(left % 60));
    else
        snprintf(out, n, "%lld:%02lld", (long long)(left / 60),
                 (long long)(left % 60));
}

/* Consultant id's name in the current language, or the id itself. */
static const char *name_of(const browse_t *b, const char *id)
{
    int i = b->m && id[0] ? model_find_consultant(b->m, id) : -1;
    const char *name = i >= 0 ? ltext_get(&b->m->consultants[i].name, b->lang)
                              : NULL;
    return name && name[0] ? name : id;
}

void browse_fmt_hold(const browse_t *b, const unit_t *u, char *out, size_t n)
{
    char left[32];
    if (n == 0)
        return;
    out[0] = '\0';
    if (u->status != STATUS_HELD)
        return;
    const char *who = name_of(b, u->held_by);
    browse_fmt_hold_left(b, u, left, sizeof left);
    if (who[0] && u->hold_expires_at > 0)
        browse_tr2(b, out, n, "consultant.held_by_left", who, left);
    else if (who[0])
        browse_tr1(b, out, n, "consultant.held_by", who);
    else if (u->hold_expires_at > 0)
        browse_tr1(b, out, n, "consultant.held_left", left);
    else
        snprintf(out, n, "%s", browse_tr(b, "status.held"));
}

const char *browse_consultant_name(const browse_t *b)
{
    return name_of(b, b->consultant);
}

/* The server's refusal ("code: message", PROTOCOL.md §2) in the
 * consultant's words; u is the unit it was about (may be NULL). */
static void fmt_refusal(const browse_t *b, const char *kind,
                        const char *reason, const unit_t *u, char *out,
                        size_t n)
{
    char code[48];
    size_t len = strcspn(reason, ":");
    if (len >= sizeof code)
        len = sizeof code - 1;
    memcpy(code, reason, len);
    code[len] = '\0';
    /* Codes whose words need nothing from the request. */
    static const struct {
        const char *code, *key;
    } words[] = {
        {"over_limit", "why.over_limit"},
        {"consultant_unknown", "why.consultant_unknown"},
        {"not_owner", "why.not_owner"},
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(code, words[i].code) == 0) {
            snprintf(out, n, "%s", browse_tr(b, words[i].key));
            return;
        }
    if (strcmp(code, "unit_unavailable") == 0 && u &&
        u->status != STATUS_AVAILABLE)
        browse_tr1(b, out, n, "why.unavailable_now",
                   browse_tr(b, theme_status_key[full_status(u)]));
    else if (strcmp(code, "unit_unavailable") == 0)
        snprintf(out, n, "%s", browse_tr(b, "why.unavailable"));
    else if (strcmp(code, "not_found") == 0)
        snprintf(out, n, "%s", browse_tr(b, strcmp(kind, "release") == 0
                                                ? "why.hold_gone"
                                                : "why.unit_unknown"));
    else /* something the kiosk has no words for: the code, for the office */
        browse_tr1(b, out, n, "why.other", code[0] ? code : "?");
}

void browse_fmt_request(const browse_t *b, const char *kind, int state,
                        const char *reason, const unit_t *u, char *out,
                        size_t n)
{
    static const char *const hold_keys[] = {"hold.queued", "hold.sent",
                                            "hold.confirmed", "hold.refused"};
    static const char *const release_keys[] = {
        "release.queued", "release.sent", "release.confirmed",
        "release.refused"};
    int release = strcmp(kind, "release") == 0;
    const char *const *keys = release ? release_keys : hold_keys;
    if (n == 0)
        return;
    out[0] = '\0';
    if (state < REQ_QUEUED || state > REQ_REFUSED)
        return;
    if (state == REQ_QUEUED && reason[0]) {
        snprintf(out, n, "%s",
                 browse_tr(b, release ? "release.retrying" : "hold.retrying"));
    } else if (state == REQ_REFUSED) {
        char why[256];
        fmt_refusal(b, kind, reason, u, why, sizeof why);
        browse_tr1(b, out, n, keys[state], why);
    } else {
        snprintf(out, n, "%s", browse_tr(b, keys[state]));
    }
}
