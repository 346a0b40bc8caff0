/* app.h - the kiosk application: data on start, the loop, screenshots.
 *
 * Glue between the config, the cache, the demo generator and the screens.
 * main.c only parses the command line; everything a test or benchmark also
 * needs lives here.
 */
#ifndef APP_H
#define APP_H

#include <stdint.h>

#include "cache.h"
#include "config.h"
#include "diag.h"
#include "model.h"
#include "browse.h"
#include "scene_board.h"
#include "sync.h"
#include "text.h"

/* Wall-clock milliseconds since the epoch. */
int64_t app_now_ms(void);

/* Path of the cache file inside the data directory. */
void app_cache_path(const kiosk_config_t *c, char *out, size_t size);

/* Opens the cache in c->data_dir (creating the directory), and loads the
 * project.  With demo set, an empty cache gets the demo project, and a
 * damaged one is moved aside and rebuilt.  *out may be NULL on success when
 * the cache has no project yet (the board then says so).  Returns 0 or -1
 * with d set. */
int app_load_model(const kiosk_config_t *c, int demo, int64_t now_s,
                   model_t **out, diag_t *d);

/* Font files for lang: from the config, or found with fontconfig.  The paths
 * point into storage, which must outlive *out. */
typedef struct {
    char regular[512], bold[512];
} app_font_storage_t;
int app_fonts(const kiosk_config_t *c, lang_t lang, app_font_storage_t *st,
              text_fonts_t *out, diag_t *d);

/* Renders one screen without a window and saves a PNG: the board, or in
 * browse mode the scene named (browse_preview; NULL = the attract loop).
 * Returns 0, or -1 with d set. */
int app_screenshot(const kiosk_config_t *c, int demo, int w, int h,
                   const char *scene, const char *path, int64_t now_ms,
                   diag_t *d);

/* Where pictures (media.h) live: <data_dir>/media. */
void app_media_dir(const kiosk_config_t *c, char *out, size_t size);

/* Everything the language switch needs to change fonts (browse.h's
 * set_lang callback with this as its user). */
typedef struct {
    const kiosk_config_t *c;
    text_t *text;
    app_font_storage_t fs;
} app_lang_t;
int app_set_lang(void *user, lang_t lang);

/* The browser's options from the config; the pointers must outlive it. */
browse_opts_t app_browse_opts(const kiosk_config_t *c, render_t *r, text_t *t,
                              const i18n_t *i18n, const char *media_dir,
                              app_lang_t *lang);

/* What the touchscreen's consultant hooks need: the cache they write to,
 * and the sync worker to wake when a request is queued (NULL without a
 * server: it waits in the outbox). */
typedef struct {
    cache_t *cache;
    sync_t *sync;
} app_outbox_t;

/* Points o's PIN lockout and outbox hooks at ob's cache (the lockout of
 * the whole device, stored durably; holds and releases queued under fresh
 * random Idempotency-Keys, the worker kicked).  ob must outlive the
 * browser. */
void app_consultant_hooks(browse_opts_t *o, app_outbox_t *ob);

/* Brings *m up to the cache after the sync worker stored something: only
 * the units whose version is newer than *m's are read and handed to the
 * board (or the browser; either may be NULL) as changed units; a new
 * epoch, a snapshot (full) or a unit *m does not know loads the whole
 * project instead.  Returns the number of units read, or -1 with d set
 * (the screens keep the last good data). */
int app_refresh_model(cache_t *cache, model_t **m, board_t *b, browse_t *br,
                      int full, int64_t now_ms, diag_t *d);

/* Runs the kiosk until quit (or for run_for_ms when > 0).  Returns 0, or -1
 * with d set. */
int app_run(const kiosk_config_t *c, int demo, int64_t run_for_ms,
            diag_t *d);

#endif
