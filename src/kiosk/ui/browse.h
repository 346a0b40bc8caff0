/* browse.h - the customer's touchscreen: browse, choose, compare, finance.
 *
 * The kiosk's browse mode (issue 4): an attract loop when idle, then home,
 * units (stacking plan, filters, sorted list), a unit's detail, compare,
 * the mortgage calculator and project information.  It owns the customer's
 * session (filters, shortlist, calculator inputs) and forgets it when the
 * screen has been left alone for idle_ms, so the next visitor starts fresh
 * and no one's choices stay behind.
 *
 * Input arrives as recognised gestures (gesture.h), never SDL events; the
 * model is read, never owned.  Like the board, it draws only when
 * something changed (browse_needs_draw) and says how long the loop may
 * sleep (browse_update).
 */
#ifndef BROWSE_H
#define BROWSE_H

#include <stdint.h>

#include "diag.h"
#include "filter.h"
#include "gesture.h"
#include "i18n.h"
#include "model.h"
#include "mortgage.h"
#include "pin.h"
#include "render.h"
#include "text.h"

typedef enum {
    SCENE_ATTRACT = 0,
    SCENE_HOME,
    SCENE_UNITS,
    SCENE_UNIT,
    SCENE_COMPARE,
    SCENE_MORTGAGE,
    SCENE_INFO,
    SCENE_SIGNIN,        /* a consultant's PIN pad (issue 5) */
    SCENE_DESK,          /* a consultant's holds and today's figures */
    SCENE_COUNT
} scene_id_t;

/* Switches the text engine's fonts for lang (Traditional and Simplified
 * Chinese use different faces).  Returns 0, or -1 (the old fonts stay). */
typedef int (*browse_set_lang_fn)(void *user, lang_t lang);

/* Where the kiosk keeps its PIN lockout so it survives a restart: load
 * returns 0 with *out filled (zeroed when none is stored), save stores it
 * durably.  Either may be NULL (then the lockout lives in memory only). */
typedef int (*browse_lockout_load_fn)(void *user, pin_lockout_t *out);
typedef int (*browse_lockout_save_fn)(void *user, const pin_lockout_t *l);

/* Where a consultant's request stands (the values of cache.h's
 * outbox_state_t). */
typedef enum {
    REQ_QUEUED = 0,      /* stored, not yet sent (or a try failed) */
    REQ_SENT,            /* on its way */
    REQ_CONFIRMED,
    REQ_REFUSED,
} request_state_t;

/* A consultant's request (kind "hold" or "release", its JSON body) goes to
 * the kiosk's outbox, which the sync worker sends (issue 5).  add writes it
 * durably and puts its Idempotency-Key in key_out; state reads back where
 * it is (request_state_t, with the refusal's reason).  Both return 0, or
 * -1. */
typedef int (*browse_outbox_add_fn)(void *user, const char *kind,
                                    const char *body, char *key_out,
                                    size_t key_size);
typedef int (*browse_outbox_state_fn)(void *user, const char *key, int *state,
                                      char *reason, size_t reason_size);

/* A consultant's request as the outbox keeps it, for "my holds". */
typedef struct {
    char key[72];
    char kind[8];                   /* "hold" or "release" */
    char unit_id[MODEL_ID_MAX];     /* hold: the unit asked for */
    char hold_id[MODEL_ID_MAX];     /* release: the hold let go */
    char consultant_id[MODEL_ID_MAX];
    int state;                      /* request_state_t */
    char reason[256];               /* refused: "code: message"; queued
                                       after a failed try: what failed;
                                       confirmed: the hold's id */
    int64_t created_at, updated_at; /* unix seconds */
} browse_request_t;

/* Up to max requests of one consultant, newest first: those still to send
 * and those settled at or after since (unix seconds).  Returns how many,
 * or -1. */
typedef int (*browse_outbox_recent_fn)(void *user, const char *consultant_id,
                                       int64_t since, browse_request_t *out,
                                       int max);

typedef struct {
    render_t *render;          /* must outlive the browser */
    text_t *text;
    const i18n_t *i18n;
    lang_t lang;               /* each new customer starts in it */
    const char *media_dir;     /* pictures by media name; must outlive */
    int withheld_as_sold;      /* customers see withheld units as sold
                                  (else as "not for sale") */
    int64_t idle_ms;           /* back to the attract loop after this */
    int64_t attract_image_ms;  /* each project image stays this long */
    int attract_fps;           /* frames a second while it moves; 0 = 25 */
    const char *handoff_url;   /* template (handoff.h); "" = no QR */
    mortgage_limits_t mortgage_limits;
    int commercial_rate_bp;    /* config defaults; the project's rates, */
    int provident_rate_bp;     /* when it has them, win */
    int default_down_bp;
    int default_months;
    browse_set_lang_fn set_lang;
    void *set_lang_user;
    int64_t consultant_idle_ms; /* a consultant is signed out after this
                                   untouched (0 = 60 s) */
    browse_lockout_load_fn lockout_load;
    browse_lockout_save_fn lockout_save;
    void *lockout_user;
    int64_t (*clock_s)(void);  /* wall clock, unix seconds, for the PIN
                                  lockout (NULL = time()) */
    browse_outbox_add_fn outbox_add;     /* NULL: no holds from here */
    browse_outbox_state_fn outbox_state;
    browse_outbox_recent_fn outbox_recent; /* NULL: "my holds" shows the
                                              model's holds and this
                                              session's last request only */
    void *outbox_user;
    int hold_minutes;          /* a consultant's hold; 0 = 30 */
    int signin_corner;         /* config_corner_t: where the long press
                                  opens the PIN pad */
} browse_opts_t;

typedef struct browse browse_t;

browse_t *browse_create(const browse_opts_t *o, diag_t *d);
void browse_destroy(browse_t *b);

/* The model to show; NULL shows "no data".  It must outlive the browser
 * or the next call. */
void browse_set_model(browse_t *b, const model_t *m);

/* Units in the model changed in place (the sync worker stored them). */
void browse_units_changed(browse_t *b, const model_change_t *ch, int n);

/* Pictures arrived in the media directory. */
void browse_media_arrived(browse_t *b);

/* A gesture from the touch screen, with the time it happened. */
void browse_gesture(browse_t *b, const gesture_event_t *g, int64_t now_ms);

/* Advances time: animations, the idle timeout.  Returns how many ms the
 * loop may sleep before calling again (-1: until the next input). */
int64_t browse_update(browse_t *b, int64_t now_ms);

int browse_needs_draw(const browse_t *b);
/* Draws the whole screen.  Returns 0, or -1 with d set. */
int browse_draw(browse_t *b, diag_t *d);
/* Draw everything again (expose, resize, lost textures). */
void browse_invalidate(browse_t *b);
/* The renderer lost its textures: pictures load again. */
void browse_device_lost(browse_t *b);

/* Opens a screen by name with something to show, as a visitor would have
 * got there (for --screenshot and tests): attract, home, units, list (the
 * units as a sorted list), unit (the first available unit), compare (two
 * or three available units shortlisted), mortgage (for that unit), info,
 * location, signin (the consultants' PIN pad), desk (the first consultant
 * signed in).  Returns 0, or -1 when the name is unknown, there is no
 * model, or (desk) no consultant. */
int browse_preview(browse_t *b, const char *name);

/* Where the last frame drawn gives a double tap a meaning (a floor plan
 * that zooms); 1 with *out, or 0 when nowhere, so taps need not wait. */
int browse_double_tap_area(const browse_t *b, rect_t *out);

/* ---- for tests and the monkey ---------------------------------------------- */

scene_id_t browse_scene(const browse_t *b);
lang_t browse_lang(const browse_t *b);
/* Where the control with this action and argument was drawn last frame;
 * 1, or 0 when it is not on screen. */
int browse_find(const browse_t *b, int action, int arg, rect_t *out);
/* How many customer choices are held (shortlist entries, filters set,
 * calculator inputs changed): 0 after the idle reset. */
int browse_session_size(const browse_t *b);
int browse_shortlist_count(const browse_t *b);
const unit_filter_t *browse_filter(const browse_t *b);
/* The unit shown by the detail scene, or NULL. */
const char *browse_unit_id(const browse_t *b);
/* Units that pass the current filter in the chosen building. */
int browse_match_count(const browse_t *b);
/* The consultant signed in on this kiosk, or NULL. */
const char *browse_consultant(const browse_t *b);

/* The figures the calculator shows (valid when it returns 0). */
int browse_mortgage(const browse_t *b, mortgage_in_t *in, mortgage_out_t *out);

#endif
