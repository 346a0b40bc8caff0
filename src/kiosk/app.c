/* app.c - see app.h. */
#include "app.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cache.h"
#include "demo.h"
#include "demo_media.h"
#include "fontfind.h"
#include "fsutil.h"
#include "gesture.h"
#include "i18n.h"
#include "platform.h"
#include "proto.h"
#include "render.h"
#include "scene_board.h"
#include "sync.h"

#include <stdatomic.h>

#ifndef KIOSK_ASSETS_DIR
#define KIOSK_ASSETS_DIR "assets"
#endif

int64_t app_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void app_cache_path(const kiosk_config_t *c, char *out, size_t size)
{
    snprintf(out, size, "%s/cache.db", c->data_dir);
}

void app_media_dir(const kiosk_config_t *c, char *out, size_t size)
{
    snprintf(out, size, "%s/media", c->data_dir);
}

/* Stores the demo project, with the pictures the project draws: they are
 * copied into <data_dir>/media and the project names those that are there.
 * A picture that is missing or cannot be copied is left out (its screen
 * shows a placeholder), with a warning: never a reason not to start.
 *
 * This runs only for an empty cache.  A demo cache made before the pictures
 * existed keeps its project without media names, and so placeholders, until
 * it is rebuilt (delete <data_dir>/cache.db) or a server's snapshot replaces
 * it: the kiosk starts from whatever good cache it has and does not rebuild
 * one just because pictures appeared in the assets. */
static cache_status_t store_demo(cache_t *cache, const kiosk_config_t *c,
                                 int64_t now_s, diag_t *d)
{
    char media[CONFIG_PATH_MAX + 8];
    demo_media_t pics;
    diag_t why;
    app_media_dir(c, media, sizeof media);
    if (demo_media_install(c->assets_dir[0] ? c->assets_dir : KIOSK_ASSETS_DIR,
                           media, &pics, NULL, &why) != 0)
        fprintf(stderr, "kiosk: %s\nkiosk: the demo goes on without "
                "%s\n", why.msg, why.count > 1 ? "them" : "it");
    demo_params_t p = {.seed = c->demo_seed, .target_units = c->demo_units,
                       .now = now_s, .media = &pics};
    model_t *m = NULL;
    if (demo_generate(&p, &m, d) != 0)
        return CACHE_ERR_NOMEM; /* the config's range is the generator's */
    cache_status_t st = cache_store_model(cache, m, d);
    model_destroy(m);
    return st;
}

/* Opens the cache at path and loads its project (storing the demo first
 * when asked and the cache is empty). */
static cache_status_t try_load(const kiosk_config_t *c, const char *path,
                               int demo, int64_t now_s, model_t **out,
                               diag_t *d)
{
    cache_t *cache = NULL;
    int has = 0;
    cache_status_t st = cache_open(path, &cache, d);
    if (st != CACHE_OK)
        return st;
    st = cache_has_project(cache, &has, d);
    if (st == CACHE_OK && !has && demo)
        st = store_demo(cache, c, now_s, d);
    if (st == CACHE_OK && (has || demo))
        st = cache_load_model(cache, out, d);
    cache_close(cache);
    return st;
}

int app_load_model(const kiosk_config_t *c, int demo, int64_t now_s,
                   model_t **out, diag_t *d)
{
    char path[CONFIG_PATH_MAX + 16];
    cache_status_t st;

    *out = NULL;
    if (fs_make_dirs(c->data_dir, d) != 0)
        return -1;
    app_cache_path(c, path, sizeof path);
    st = try_load(c, path, demo, now_s, out, d);
    if (st != CACHE_OK && demo && cache_error_is_rebuildable(st)) {
        /* The demo can always be made again; keep the bad file to look at. */
        fprintf(stderr, "kiosk: %s\nkiosk: moving it aside and rebuilding "
                "the demo project\n", d->msg);
        if (cache_quarantine(path, now_s, d) != 0)
            return -1;
        st = try_load(c, path, demo, now_s, out, d);
    }
    return st == CACHE_OK ? 0 : -1;
}

int app_fonts(const kiosk_config_t *c, lang_t lang, app_font_storage_t *st,
              text_fonts_t *out, diag_t *d)
{
    font_file_t reg = {{0}, 0}, bold = {{0}, 0};
    int face = c->font_face >= 0 ? c->font_face : 0;

    memset(out, 0, sizeof *out);
    if (c->font_regular[0]) {
        /* Files from the config; a missing bold is synthesised. */
        snprintf(reg.path, sizeof reg.path, "%s", c->font_regular);
        snprintf(bold.path, sizeof bold.path, "%s", c->font_bold);
        reg.face = bold.face = face;
    } else if (fontfind_cjk(lang, &reg, &bold, d) != 0) {
        return -1;
    }
    snprintf(st->regular, sizeof st->regular, "%s", reg.path);
    snprintf(st->bold, sizeof st->bold, "%s", bold.path);
    out->regular_path = st->regular;
    out->regular_face = reg.face;
    out->bold_path = st->bold;
    out->bold_face = bold.face;
    return 0;
}

static int load_i18n(const kiosk_config_t *c, i18n_t **out, diag_t *d)
{
    char dir[CONFIG_PATH_MAX + 8];
    const char *assets = c->assets_dir[0] ? c->assets_dir : KIOSK_ASSETS_DIR;
    snprintf(dir, sizeof dir, "%s/i18n", assets);
    return i18n_load(dir, out, d);
}

static board_opts_t board_opts(const kiosk_config_t *c, int demo,
                               render_t *r, text_t *t, const i18n_t *i18n)
{
    return (board_opts_t){
        .render = r, .text = t, .i18n = i18n, .lang = c->lang,
        .page_seconds = c->board_page_seconds,
        .min_label_px = c->board_min_label_px,
        .amber_seconds = c->freshness_amber_minutes * 60,
        .red_seconds = c->freshness_red_minutes * 60,
        /* With a server, even demo data ages: its freshness is real. */
        .demo = demo && !c->server_url[0],
        .highlight_ms = c->highlight_seconds * 1000,
        .banner_ms = c->banner ? c->banner_seconds * 1000 : 0,
    };
}

int app_set_lang(void *user, lang_t lang)
{
    app_lang_t *al = user;
    text_fonts_t fonts;
    diag_t d;
    int rc = app_fonts(al->c, lang, &al->fs, &fonts, &d);
    fonts.map_files = 1; /* only the touchscreen switches languages */
    if (rc != 0 || text_set_fonts(al->text, &fonts, &d) != 0) {
        fprintf(stderr, "kiosk: fonts for %s: %s\n", lang_code(lang), d.msg);
        return -1;
    }
    return 0;
}

browse_opts_t app_browse_opts(const kiosk_config_t *c, render_t *r, text_t *t,
                              const i18n_t *i18n, const char *media_dir,
                              app_lang_t *lang)
{
    lang->c = c;
    lang->text = t;
    return (browse_opts_t){
        .render = r, .text = t, .i18n = i18n, .lang = c->lang,
        .media_dir = media_dir,
        .withheld_as_sold = c->withheld_as_sold,
        .idle_ms = (int64_t)c->idle_seconds * 1000,
        .attract_image_ms = (int64_t)c->attract_image_seconds * 1000,
        .attract_fps = c->attract_fps,
        .handoff_url = c->handoff_url,
        .mortgage_limits = {
            .min_down_bp = c->min_down_bp,
            .max_months = c->max_months,
            .max_provident_loan = (int64_t)c->max_provident_loan_yuan * 100,
            .max_rate_bp = 3000,
        },
        .commercial_rate_bp = c->commercial_rate_bp,
        .provident_rate_bp = c->provident_rate_bp,
        .default_down_bp = c->default_down_bp,
        .default_months = c->default_months,
        .set_lang = app_set_lang,
        .set_lang_user = lang,
        .consultant_idle_ms = (int64_t)c->consultant_idle_seconds * 1000,
        .hold_minutes = c->hold_minutes,
        .signin_corner = c->signin_corner,
    };
}

/* ---- live data ------------------------------------------------------------ */

typedef struct {
    platform_t *p;
    atomic_int stored;       /* the worker committed something */
    atomic_int full;         /* ... that replaced everything */
    atomic_int media;        /* pictures arrived in the media directory */
    atomic_int outbox;       /* a consultant's request was answered */
} wake_t;

/* On the sync worker's thread: note what happened and wake the UI. */
static void on_stored(void *user, int full)
{
    wake_t *w = user;
    if (full)
        atomic_store(&w->full, 1);
    atomic_store(&w->stored, 1);
    platform_wake(w->p);
}

/* On the sync worker's thread: pictures arrived. */
static void on_media(void *user)
{
    wake_t *w = user;
    atomic_store(&w->media, 1);
    platform_wake(w->p);
}

/* On the sync worker's thread: an outbox entry was confirmed or refused. */
static void on_outbox(void *user)
{
    wake_t *w = user;
    atomic_store(&w->outbox, 1);
    platform_wake(w->p);
}

int app_refresh_model(cache_t *cache, model_t **m, board_t *b, browse_t *br,
                      int full, int64_t now_ms, diag_t *d)
{
    if (*m && !full) {
        cache_sync_t sync;
        unit_t *changed = NULL;
        int n = 0, k = -1;
        if (cache_read_changes(cache, (*m)->version, &sync, &changed, &n, d) !=
            CACHE_OK)
            return -1;
        model_change_t *ch = malloc(sizeof *ch * (size_t)(n > 0 ? n : 1));
        if (ch && strcmp(sync.epoch, (*m)->epoch) == 0)
            k = model_apply_units(*m, changed, n, ch);
        free(changed);
        /* Consultants come with versions too (a few rows): read them all. */
        if (k >= 0 && sync.version != (*m)->version &&
            cache_load_consultants(cache, *m, d) != CACHE_OK)
            k = -1; /* then with the whole project */
        if (k >= 0) {
            (*m)->version = sync.version;
            if ((*m)->data_as_of != sync.data_as_of) {
                (*m)->data_as_of = sync.data_as_of;
                if (b)
                    board_freshness_changed(b);
            }
            if (b)
                board_units_changed(b, ch, k, now_ms);
            if (br)
                browse_units_changed(br, ch, k);
            free(ch);
            return k;
        }
        free(ch); /* a new epoch or a unit we do not know: the whole project */
    }
    model_t *fresh = NULL;
    if (cache_load_model(cache, &fresh, d) != CACHE_OK)
        return -1;
    model_index(fresh);
    if (b && board_set_model(b, fresh, d) != 0) {
        model_destroy(fresh);
        board_set_model(b, *m, NULL);
        return -1;
    }
    if (br)
        browse_set_model(br, fresh);
    model_destroy(*m);
    *m = fresh;
    return fresh->n_units;
}

/* The screen a kiosk shows: the board (wall display) or the browser
 * (touchscreen).  Exactly one is set. */
typedef struct {
    board_t *board;
    browse_t *browse;
} screen_t;

static int is_board(const kiosk_config_t *c)
{
    return strcmp(c->mode, "board") == 0;
}

static int lockout_load(void *user, pin_lockout_t *out);
static int lockout_save(void *user, const pin_lockout_t *l);
static int outbox_add(void *user, const char *kind, const char *body,
                      char *key_out, size_t key_size);
static int outbox_state(void *user, const char *key, int *state, char *reason,
                        size_t n);
static int outbox_recent(void *user, const char *consultant_id, int64_t since,
                         browse_request_t *out, int max);

void app_consultant_hooks(browse_opts_t *o, app_outbox_t *ob)
{
    o->lockout_load = lockout_load;
    o->lockout_save = lockout_save;
    o->lockout_user = ob->cache;
    o->outbox_add = outbox_add;
    o->outbox_state = outbox_state;
    o->outbox_recent = outbox_recent;
    o->outbox_user = ob;
}

/* ob (may be NULL) keeps the PIN lockout across restarts and takes the
 * consultants' holds. */
static int screen_create(screen_t *sc, const kiosk_config_t *c, int demo,
                         render_t *r, text_t *t, const i18n_t *i18n,
                         const char *media_dir, app_lang_t *al, model_t *m,
                         app_outbox_t *ob, diag_t *d)
{
    memset(sc, 0, sizeof *sc);
    if (is_board(c)) {
        board_opts_t bo = board_opts(c, demo, r, t, i18n);
        if (!(sc->board = board_create(&bo, d)))
            return -1;
        return board_set_model(sc->board, m, d);
    }
    browse_opts_t o = app_browse_opts(c, r, t, i18n, media_dir, al);
    if (ob)
        app_consultant_hooks(&o, ob);
    if (!(sc->browse = browse_create(&o, d)))
        return -1;
    browse_set_model(sc->browse, m);
    return 0;
}

static void screen_destroy(screen_t *sc)
{
    board_destroy(sc->board);
    browse_destroy(sc->browse);
}

static int64_t screen_update(screen_t *sc, int64_t now_ms)
{
    return sc->board ? board_update(sc->board, now_ms)
                     : browse_update(sc->browse, now_ms);
}

static int screen_needs_draw(const screen_t *sc)
{
    return sc->board ? board_needs_draw(sc->board)
                     : browse_needs_draw(sc->browse);
}

static int screen_draw(screen_t *sc, diag_t *d)
{
    return sc->board ? board_draw(sc->board, d) : browse_draw(sc->browse, d);
}

static void screen_invalidate(screen_t *sc)
{
    if (sc->board)
        board_invalidate(sc->board);
    else
        browse_invalidate(sc->browse);
}

int app_screenshot(const kiosk_config_t *c, int demo, int w, int h,
                   const char *scene, const char *path, int64_t now_ms,
                   diag_t *d)
{
    i18n_t *i18n = NULL;
    model_t *m = NULL;
    render_t *r = NULL;
    text_t *t = NULL;
    screen_t sc = {0};
    app_lang_t al = {0};
    text_fonts_t fonts;
    char media[CONFIG_PATH_MAX + 8];
    int rc = -1;

    app_media_dir(c, media, sizeof media);
    if (load_i18n(c, &i18n, d) != 0 ||
        app_load_model(c, demo, now_ms / 1000, &m, d) != 0 ||
        app_fonts(c, c->lang, &al.fs, &fonts, d) != 0)
        goto out;
    fonts.map_files = !is_board(c);
    if (m)
        model_index(m);
    if (!(r = render_create_offscreen(w, h, d)) ||
        !(t = text_create(r, &fonts, d)))
        goto out;
    if (screen_create(&sc, c, demo, r, t, i18n, media, &al, m, NULL, d) != 0)
        goto out;
    if (sc.browse) {
        browse_update(sc.browse, now_ms);
        if (scene && browse_preview(sc.browse, scene) != 0) {
            if (strcmp(scene, "desk") == 0 && m)
                diag_set(d, "--scene desk: the project has no consultant to "
                         "show it for (salesd consultant add; `make run` adds "
                         "a demo one)");
            else
                diag_set(d, "--scene: '%s' is not a screen with something to "
                         "show (attract, home, units, list, unit, compare, "
                         "mortgage, info, location, signin, desk)", scene);
            goto out;
        }
    }
    screen_update(&sc, now_ms);
    render_begin_frame(r);
    if (screen_draw(&sc, d) != 0)
        goto out;
    render_present(r);
    rc = render_save_png(r, path, d);
out:
    screen_destroy(&sc);
    text_destroy(t);
    render_destroy(r);
    model_destroy(m);
    i18n_destroy(i18n);
    return rc;
}

/* The PIN lockout lives in the cache (the whole device: "" as its id), so
 * a restart does not give a guesser fresh tries. */
static int lockout_load(void *user, pin_lockout_t *out)
{
    diag_t d;
    if (cache_lockout_get(user, "", out, &d) != CACHE_OK) {
        fprintf(stderr, "kiosk: PIN lockout: %s\n", d.msg);
        return -1;
    }
    return 0;
}

static int lockout_save(void *user, const pin_lockout_t *l)
{
    diag_t d;
    if (cache_lockout_put(user, "", l, &d) != CACHE_OK) {
        fprintf(stderr, "kiosk: PIN lockout: %s\n", d.msg);
        return -1;
    }
    return 0;
}

/* A consultant's hold or release goes to the outbox under a fresh random
 * Idempotency-Key; the sync worker sends it (issue 5). */
static int outbox_add(void *user, const char *kind, const char *body,
                      char *key_out, size_t key_size)
{
    unsigned char raw[16];
    diag_t d;
    FILE *f = fopen("/dev/urandom", "rb");
    size_t got = f ? fread(raw, 1, sizeof raw, f) : 0;
    if (f)
        fclose(f);
    if (got != sizeof raw || key_size < 2 * sizeof raw + 1) {
        fprintf(stderr, "kiosk: no randomness for a hold's key\n");
        return -1;
    }
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(key_out + 2 * i, 3, "%02x", raw[i]);
    app_outbox_t *ob = user;
    if (cache_outbox_add(ob->cache, key_out, kind, body, app_now_ms() / 1000,
                         NULL, &d) != CACHE_OK) {
        fprintf(stderr, "kiosk: outbox: %s\n", d.msg);
        return -1;
    }
    if (ob->sync)
        sync_kick(ob->sync); /* send it now, not after the long poll */
    return 0;
}

static int outbox_state(void *user, const char *key, int *state, char *reason,
                        size_t n)
{
    cache_outbox_t e;
    int found = 0;
    diag_t d;
    app_outbox_t *ob = user;
    if (cache_outbox_get(ob->cache, key, &e, &found, &d) != CACHE_OK || !found)
        return -1;
    *state = (int)e.state;
    snprintf(reason, n, "%s", e.reason);
    return 0;
}

_Static_assert(REQ_QUEUED == (int)OUTBOX_QUEUED && REQ_SENT == (int)OUTBOX_SENT &&
               REQ_CONFIRMED == (int)OUTBOX_CONFIRMED &&
               REQ_REFUSED == (int)OUTBOX_REFUSED,
               "a request's state is the outbox's");

/* The consultant's recent requests, their bodies read back for the unit
 * (a hold) or the hold (a release) they are about. */
static int outbox_recent(void *user, const char *consultant_id, int64_t since,
                         browse_request_t *out, int max)
{
    enum { RECENT_MAX = 32 };
    cache_outbox_t e[RECENT_MAX];
    int n = 0, k = 0;
    diag_t d;
    app_outbox_t *ob = user;
    if (max > RECENT_MAX)
        max = RECENT_MAX;
    if (cache_outbox_recent(ob->cache, consultant_id, since, e, max, &n, &d) !=
        CACHE_OK) {
        fprintf(stderr, "kiosk: outbox: %s\n", d.msg);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        browse_request_t *r = &out[k];
        memset(r, 0, sizeof *r);
        size_t len = strlen(e[i].body);
        if (strcmp(e[i].kind, "hold") == 0) {
            proto_hold_request_t h;
            if (proto_decode_hold_request(e[i].body, len, &h, &d) != 0)
                continue; /* not ours to show: the worker reports it */
            memcpy(r->unit_id, h.unit_id, sizeof r->unit_id);
            memcpy(r->consultant_id, h.consultant_id, sizeof r->consultant_id);
        } else if (proto_decode_release_entry(e[i].body, len, r->hold_id,
                                              r->consultant_id, &d) != 0) {
            continue;
        }
        snprintf(r->key, sizeof r->key, "%s", e[i].key);
        snprintf(r->kind, sizeof r->kind, "%s", e[i].kind);
        r->state = (int)e[i].state;
        snprintf(r->reason, sizeof r->reason, "%s", e[i].reason);
        r->created_at = e[i].created_at;
        r->updated_at = e[i].updated_at;
        k++;
    }
    return k;
}

/* Feeds touches to the recogniser and what it recognises to the browser. */
static void feed_touch(gesture_t *g, browse_t *br, const app_event_t *ev)
{
    int64_t now = platform_ticks_ms();
    gesture_event_t ge;
    gesture_feed(g, ev, now);
    while (gesture_poll(g, now, &ge))
        browse_gesture(br, &ge, app_now_ms());
}

int app_run(const kiosk_config_t *c, int demo, int64_t run_for_ms, diag_t *d)
{
    i18n_t *i18n = NULL;
    model_t *m = NULL;
    platform_t *p = NULL;
    text_t *t = NULL;
    screen_t sc = {0};
    gesture_t *g = NULL;
    cache_t *ui_cache = NULL, *lock_cache = NULL;
    app_outbox_t ob = {0};
    sync_t *sync = NULL;
    wake_t wake = {0};
    app_lang_t al = {0};
    text_fonts_t fonts;
    char media[CONFIG_PATH_MAX + 8];
    int rc = -1;

    app_media_dir(c, media, sizeof media);
    if (load_i18n(c, &i18n, d) != 0 ||
        app_load_model(c, demo, app_now_ms() / 1000, &m, d) != 0 ||
        app_fonts(c, c->lang, &al.fs, &fonts, d) != 0)
        goto out;
    fonts.map_files = !is_board(c);
    if (m)
        model_index(m);
    platform_opts_t po = {
        .video_driver = c->video_driver, .render_driver = c->render_driver,
        .windowed = c->windowed, .width = c->width, .height = c->height,
        .vsync = c->vsync, .input_poll_ms = c->input_poll_ms,
        .title = "Showroom Kiosk",
    };
    if (!(p = platform_create(&po, d)))
        goto out;
    render_t *r = platform_render(p);
    if (!(t = text_create(r, &fonts, d)))
        goto out;
    if (!is_board(c)) {
        char path[CONFIG_PATH_MAX + 16];
        app_cache_path(c, path, sizeof path);
        if (cache_open(path, &lock_cache, d) != CACHE_OK)
            goto out;
    }
    ob.cache = lock_cache;
    if (screen_create(&sc, c, demo, r, t, i18n, media, &al, m,
                      lock_cache ? &ob : NULL, d) != 0)
        goto out;
    if (sc.browse) {
        int w, h;
        render_size(r, &w, &h);
        gesture_opts_t go = {.screen_w = w, .screen_h = h};
        if (!(g = gesture_create(&go))) {
            diag_set(d, "out of memory");
            goto out;
        }
    }
    fprintf(stderr, "kiosk: %s mode, %s, renderer %s, %d units\n", c->mode,
            demo ? "demo project" : "cache", render_driver_name(r),
            m ? m->n_units : 0);

    if (c->server_url[0]) {
        /* The UI reads what the worker stored on a connection of its own. */
        char path[CONFIG_PATH_MAX + 16];
        app_cache_path(c, path, sizeof path);
        if (cache_open(path, &ui_cache, d) != CACHE_OK)
            goto out;
        wake.p = p;
        sync_opts_t so = {
            .server_url = c->server_url, .project_id = c->project_id,
            .token = c->token, .cache_path = path, .ca_file = c->ca_file,
            .pinned_key = c->pinned_key,
            .connect_timeout_ms = c->connect_timeout_ms,
            .wait_s = c->long_poll_seconds,
            .transfer_timeout_ms = c->transfer_timeout_ms,
            .max_bytes = (long)c->max_response_mb << 20,
            .backoff_min_ms = c->backoff_min_ms,
            .backoff_max_ms = c->backoff_max_ms,
            .on_stored = on_stored, .user = &wake,
            .media_dir = media, .on_media = on_media,
            .on_outbox = on_outbox,
        };
        if (!(sync = sync_start(&so, d)))
            goto out;
        ob.sync = sync;
        fprintf(stderr, "kiosk: syncing %s from %s\n", c->project_id,
                c->server_url);
    }

    int64_t start = platform_ticks_ms();
    for (;;) {
        int64_t wait = screen_update(&sc, app_now_ms());
        if (g) {
            /* Gestures that ripen with time: long presses, taps once the
             * double-tap window closes, inertia frames. */
            int64_t now = platform_ticks_ms();
            gesture_event_t ge;
            int got = 0;
            while (gesture_poll(g, now, &ge)) {
                browse_gesture(sc.browse, &ge, app_now_ms());
                got = 1;
            }
            int64_t due = gesture_next_deadline(g, now);
            if (due >= 0 && (wait < 0 || due - now < wait))
                wait = due - now;
            if (got)
                wait = 0; /* the scene changed: update again after drawing */
        }
        if (screen_needs_draw(&sc)) {
            render_begin_frame(r);
            if (screen_draw(&sc, d) != 0)
                goto out;
            render_present(r);
            if (g) {
                /* Taps wait for a possible second tap only where one
                 * means something (a floor plan); elsewhere they answer
                 * at once. */
                rect_t a;
                if (browse_double_tap_area(sc.browse, &a))
                    gesture_set_double_tap_area(g, a.x, a.y, a.w, a.h);
                else
                    gesture_set_double_tap_area(g, 0, 0, 0, 0);
            }
        }
        if (wait < 0)
            wait = 60000;
        if (run_for_ms > 0) {
            int64_t left = run_for_ms - (platform_ticks_ms() - start);
            if (left <= 0)
                break;
            if (left < wait)
                wait = left;
        }
        app_event_t ev;
        if (!platform_wait(p, (int)(wait > 60000 ? 60000 : wait), &ev))
            continue;
        switch (ev.type) {
        case EV_QUIT:
            goto done;
        case EV_WAKE:
            if (ui_cache && atomic_exchange(&wake.stored, 0)) {
                int full = atomic_exchange(&wake.full, 0);
                if (app_refresh_model(ui_cache, &m, sc.board, sc.browse, full,
                                      app_now_ms(), d) < 0)
                    fprintf(stderr, "kiosk: %s (showing the last good data)\n",
                            d->msg);
            }
            if (atomic_exchange(&wake.media, 0) && sc.browse)
                browse_media_arrived(sc.browse);
            if (atomic_exchange(&wake.outbox, 0) && sc.browse)
                browse_invalidate(sc.browse); /* "confirmed" or "refused" */
            break;
        case EV_EXPOSE:
            if (sc.board)
                board_expose(sc.board);
            else
                browse_invalidate(sc.browse);
            break;
        case EV_DEVICE_LOST:
            text_drop_all(t);
            if (sc.browse)
                browse_device_lost(sc.browse);
            screen_invalidate(&sc);
            break;
        case EV_RESIZE:
        case EV_LAYERS_LOST:
            screen_invalidate(&sc);
            break;
        case EV_TOUCH_DOWN:
        case EV_TOUCH_MOVE:
        case EV_TOUCH_UP:
            if (g)
                feed_touch(g, sc.browse, &ev);
            break;
        default:
            break;
        }
    }
done:
    if (run_for_ms > 0) {
        const platform_stats_t *ps = platform_stats(p);
        fprintf(stderr, "kiosk: frames=%u wakeups=%llu events=%llu\n",
                render_stats(r)->frames, (unsigned long long)ps->wakeups,
                (unsigned long long)ps->events);
    }
    rc = 0;
out:
    sync_stop(sync);
    ob.sync = NULL; /* the screen's hooks must not kick a stopped worker */
    cache_close(ui_cache);
    gesture_destroy(g);
    screen_destroy(&sc);
    cache_close(lock_cache);
    text_destroy(t);
    platform_destroy(p);
    model_destroy(m);
    i18n_destroy(i18n);
    return rc;
}
