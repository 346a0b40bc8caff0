/* browse_private.h - what browse.c shares with the scene files.
 *
 * Each scene (scene_attract.c, scene_home.c, scene_units.c, scene_unit.c,
 * scene_compare.c, scene_mortgage.c, scene_info.c) is a table of functions
 * over the one browse_t.  Scenes read the model and the session and draw
 * with widget.h; a tap on a control comes back to the scene as the action
 * it registered.  Actions are numbered by scene (ACTION_BASE(scene) + n),
 * common ones (back, home, language, go to a scene) below 100, so scene
 * files never collide.
 */
#ifndef BROWSE_PRIVATE_H
#define BROWSE_PRIVATE_H

#include "browse.h"
#include "handoff.h"
#include "images.h"
#include "theme.h"
#include "widget.h"

#define SHORTLIST_MAX 6
#define BROWSE_REQUESTS_MAX 24  /* a consultant's requests read at once */
#define COMPARE_MAX 3

/* Actions every scene may use (widget.h targets carry them). */
enum {
    ACT_NONE = 0,
    ACT_BACK,        /* to the scene we came from */
    ACT_HOME,
    ACT_LANG,        /* arg: lang_t */
    ACT_GO,          /* arg: scene_id_t */
    ACT_OPEN_UNIT,   /* arg: unit index in the model */
    ACT_SHORTLIST,   /* arg: unit index: add or remove */
    ACT_COMPARE,     /* open compare with the shortlist */
    ACT_MORTGAGE_FOR,/* arg: unit index: the calculator for that unit */
    ACT_QR,          /* arg: unit index, or -1 for the whole shortlist */
    ACT_QR_CLOSE,
    ACT_SWALLOW,     /* a panel that takes taps so they fall through to
                        nothing below it */
};
#define ACTION_BASE(scene) (100 * ((scene) + 1))
#define ACTION_SCENE(action) ((action) / 100 - 1)

typedef struct {
    void (*enter)(browse_t *b);             /* optional: on arrival */
    void (*draw)(browse_t *b, ui_t *u);     /* the whole screen */
    void (*action)(browse_t *b, int action, int arg); /* optional */
    /* optional: drags, pinches, swipes; return 1 when used */
    int (*gesture)(browse_t *b, const gesture_event_t *g);
    /* optional: animation; returns ms until the next frame, or -1 */
    int64_t (*update)(browse_t *b, int64_t now_ms);
} scene_ops_t;

extern const scene_ops_t scene_attract_ops, scene_home_ops, scene_units_ops,
    scene_unit_ops, scene_compare_ops, scene_mortgage_ops, scene_info_ops,
    scene_signin_ops, scene_desk_ops;

typedef enum { VIEW_PLAN = 0, VIEW_LIST = 1 } units_view_t;

typedef enum {
    LOAN_COMMERCIAL = 0,  /* 商業貸款 */
    LOAN_PROVIDENT,       /* 公積金貸款 */
    LOAN_COMBINED,        /* 組合貸款 */
} loan_kind_t;

struct browse {
    browse_opts_t o;
    ui_t *ui;
    images_t *images;
    const model_t *m;
    lang_t lang;
    scene_id_t scene;
    scene_id_t history[8];   /* where ACT_BACK goes */
    int n_history;
    int dirty;
    rect_t double_tap_area;  /* where a double tap means something this
                                frame (a scene sets it while drawing) */
    int64_t now_ms;
    int64_t last_input_ms;
    int64_t scene_since_ms;  /* when the current scene was entered */

    /* ---- the customer's session: cleared by browse_reset_session ---- */
    int building;            /* index into the model's buildings */
    units_view_t view;
    unit_filter_t filter;    /* .building is always -1: the plan picks */
    int price_band, area_band, floor_band; /* chip chosen, -1 = any */
    sort_key_t sort;
    int sort_desc;
    int list_scroll;         /* px from the top of the list */
    char unit_id[MODEL_ID_MAX];  /* the detail scene's unit */
    unit_status_t unit_seen; /* its status when the customer opened it */
    int unit_gone;           /* it stopped being available meanwhile */
    char shortlist[SHORTLIST_MAX][MODEL_ID_MAX];
    int n_shortlist;
    double plan_zoom;        /* detail: 1 = whole plan */
    double plan_cx, plan_cy; /* centre of the view, 0..1 of the plan */
    int plan_touch;          /* detail: a finger pans it (1), two pinch (2) */
    double pinch_zoom, pinch_px, pinch_py; /* at the pinch's start: the zoom
                                and the plan point between the fingers */
    char compare_ids[COMPARE_MAX][MODEL_ID_MAX]; /* compare: the columns the
                                customer picked, oldest first, when more are
                                shortlisted; only shortlisted ones count, so
                                the idle reset needs not clear them */
    int qr_open;             /* 0, or 1 for a unit, 2 for the shortlist */
    char qr_unit[MODEL_ID_MAX];
    handoff_qr_t qr;
    char qr_url[1024];
    mortgage_in_t mtg;       /* calculator inputs */
    loan_kind_t loan;
    int mtg_touched;         /* the customer changed an input */
    int info_tab;            /* 0 project, 1 location */
    int info_scroll;

    /* ---- consultant mode (issue 5): not the customer's session ---- */
    char consultant[MODEL_ID_MAX]; /* signed in, "" = none */
    int64_t consultant_touch_ms;   /* last input while signed in */
    int64_t consultant_since_s;    /* signed in at (unix seconds) */
    char signin_pick[MODEL_ID_MAX];/* the PIN pad: who is signing in */
    char signin_digits[PIN_MAX_DIGITS + 1];
    int signin_wrong;              /* the last PIN was wrong */
    int signin_locked_shown;       /* the last frame showed the lockout */
    pin_lockout_t lockout;         /* persisted through the opts' hooks */
    char hold_key[72];             /* the last hold or release asked for */
    char hold_unit[MODEL_ID_MAX];  /* ... on this unit */
    char hold_kind[8];             /* "hold" or "release" */
    /* The consultant's requests as the outbox last said: read again after
     * browse_invalidate (the sync worker's answers come that way), a model
     * change, a new request or a sign-in, never on every frame or tick. */
    browse_request_t reqs[BROWSE_REQUESTS_MAX];
    int n_reqs;
    browse_request_t last_req;     /* hold_key's (state -1: none) */
    int reqs_valid;

    /* ---- derived, rebuilt when the filter or the model changes ---- */
    unsigned model_gen;      /* new at every model change (reload, units
                                changed in place), unique in the process:
                                caches of the model compare it */
    model_counts_t *day_counts; /* the desk's today, by building */
    model_counts_t day_total;
    unsigned day_counts_gen;    /* ... for this model_gen */
    int64_t day_counts_day;     /* ... and this local midnight */
    int *list;               /* matching unit indices, sorted */
    int n_list;
    int list_valid;
    int64_t tick_s;          /* the second the last ticking frame showed */
};

/* ---- helpers for scenes (browse.c) ----------------------------------------- */

/* A translated string for the current language. */
const char *browse_tr(const browse_t *b, const char *key);
/* tmpl's {0}.. filled with args, into out. */
const char *browse_fmt(char *out, size_t size, const char *tmpl,
                       const char *const *args, int nargs);

/* A translated string with its {0} (and {1}) filled in, into out. */
const char *browse_tr1(const browse_t *b, char *out, size_t n, const char *key,
                       const char *a0);
const char *browse_tr2(const browse_t *b, char *out, size_t n, const char *key,
                       const char *a0, const char *a1);

/* Goes to a scene (remembering where we were for ACT_BACK). */
void browse_go(browse_t *b, scene_id_t s);
/* Marks the screen for redrawing. */
void browse_dirty(browse_t *b);

/* Where a long press opens the consultants' PIN pad: a bottom corner of
 * the screen ([consultant] signin_corner; nothing a customer needs is
 * there), or an empty rectangle when sign-in is off. */
rect_t browse_signin_corner(const browse_t *b);
/* A consultant asks to hold (or release: their own hold) a unit: the
 * request goes to the outbox.  While one about u is on its way, nothing
 * more is asked.  Returns 0, or -1 when it could not be queued. */
int browse_request_hold(browse_t *b, const unit_t *u, int release);

/* The signed-in consultant's requests, newest first: those still on their
 * way and those settled since the sign-in (none without an outbox). */
const browse_request_t *browse_requests(browse_t *b, int *n);
/* 1 when request r is about unit u (a hold of it, or a release of its
 * current hold). */
int browse_request_about(const browse_request_t *r, const unit_t *u);
/* Where the newest request about u stands: -1 none, else request_state_t,
 * with *out filled (its kind and reason). */
int browse_hold_state(browse_t *b, const unit_t *u, browse_request_t *out);

/* Where a request of kind ("hold", "release") stands, in the consultant's
 * words: queued (retrying when reason says a try failed), sending,
 * confirmed, or refused with the server's reason translated; u is the
 * unit it is about (may be NULL). */
void browse_fmt_request(const browse_t *b, const char *kind, int state,
                        const char *reason, const unit_t *u, char *out,
                        size_t n);

/* For a scene whose screen changes with the clock's second (countdowns):
 * marks a frame on each new second and returns the ms until the next. */
int64_t browse_tick(browse_t *b, int64_t now_ms);

/* Signs consultant id in (the PIN pad, or a preview of the desk). */
void browse_sign_in(browse_t *b, const char *id, int64_t now_s);
/* Signs the consultant out (idle, attract, or the sign-out button). */
void browse_sign_out(browse_t *b);

/* With a consultant signed in, the top bar's badge after the title (the
 * longest wording that fits whole, or none) that opens their desk; t is
 * the title's room, by and bh the bar's button row (browse_consultant.c). */
void browse_consultant_badge(browse_t *b, ui_t *u, rect_t t, const char *title,
                             int by, int bh);

/* The top bar every scene but attract draws: back, title, home, language
 * switch.  Returns the rectangle left for the scene's content. */
rect_t browse_chrome(browse_t *b, ui_t *u, const char *title);

/* The unit the customer is looking at (detail), or NULL. */
const unit_t *browse_current_unit(const browse_t *b);
/* What a customer is told of a unit's status. */
customer_status_t browse_customer_status(const browse_t *b, const unit_t *u);
const char *browse_customer_status_label(const browse_t *b,
                                         customer_status_t s);
color_t browse_customer_status_color(customer_status_t s);

/* Shortlist. */
int browse_in_shortlist(const browse_t *b, const char *unit_id);
void browse_toggle_shortlist(browse_t *b, int unit_index);

/* The filtered, sorted list (rebuilt on demand). */
void browse_refresh_list(browse_t *b);
/* Starts the calculator for a price (cents). */
void browse_mortgage_for(browse_t *b, int64_t price);

/* Money and areas as customers read them, in the current language:
 * "¥3,456,789", "345.7萬" / "3.46M", "105.60㎡". */
void browse_fmt_money(const browse_t *b, int64_t cents, char *out, size_t n);
void browse_fmt_wan(const browse_t *b, int64_t cents, char *out, size_t n);
void browse_fmt_area(int32_t hundredths, char *out, size_t n);
/* "12樓" / "Floor 12". */
void browse_fmt_floor(const browse_t *b, int floor, char *out, size_t n);
/* "南" / "South". */
const char *browse_orientation_label(const browse_t *b, orientation_t o);
/* "1棟 1203" / "Tower 1 · 1203". */
void browse_fmt_unit_name(const browse_t *b, const unit_t *u, char *out,
                          size_t n);

/* ---- consultant mode: the full statuses (issue 5) ------------------------- */

/* 1 when a consultant is signed in: screens then show the five statuses
 * the sales office uses (the wall board's colours and marks), who holds a
 * held unit and how long the hold has left; 0 shows the customer's. */
int browse_full_statuses(const browse_t *b);
/* A unit's colour, text colour on it, and status word, as the screen's
 * mode says (full status, else what customers are told). */
color_t browse_unit_color(const browse_t *b, const unit_t *u);
color_t browse_unit_ink(const browse_t *b, const unit_t *u);
const char *browse_unit_status_label(const browse_t *b, const unit_t *u);
/* 1 when u is held with an expiry, so a countdown belongs on screen. */
int browse_hold_counts_down(const unit_t *u);
/* The hold's time left at b->now_ms: "12:34", "1:02:03" ("0:00" once due). */
void browse_fmt_hold_left(const browse_t *b, const unit_t *u, char *out,
                          size_t n);
/* Who holds u and for how long: "陳美玲 保留 · 剩 12:34" / "Held by Chen
 * Meiling · 12:34 left"; "" when u is not held. */
void browse_fmt_hold(const browse_t *b, const unit_t *u, char *out, size_t n);
/* The signed-in consultant's name in the current language ("" = none). */
const char *browse_consultant_name(const browse_t *b);

#endif
