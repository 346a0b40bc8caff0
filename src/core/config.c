/* config.c - see config.h.
 *
 * One table describes every key: its section, name, kind, where it lives in
 * kiosk_config_t and its allowed range.  Parsing, checking and the error
 * messages all come from that table, so adding a setting is one line here and
 * one commented line in config/kiosk.ini.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "handoff.h"
#include "inifile.h"

typedef enum { K_INT, K_U64, K_BOOL, K_STR, K_LANG, K_SCENE, K_CORNER } kind_t;

typedef struct {
    const char *section;
    const char *key;
    kind_t kind;
    size_t offset;
    size_t size;   /* for strings: buffer size */
    long long min, max;
} key_def_t;

#define F(field) offsetof(kiosk_config_t, field), sizeof(((kiosk_config_t *)0)->field)

static const key_def_t keys[] = {
    {"kiosk", "data_dir", K_STR, F(data_dir), 1, 0}, /* min 1: not empty */
    {"kiosk", "assets_dir", K_STR, F(assets_dir), 0, 0},
    {"kiosk", "lang", K_LANG, F(lang), 0, 0},
    {"kiosk", "mode", K_SCENE, F(mode), 0, 0},
    {"display", "windowed", K_BOOL, F(windowed), 0, 1},
    {"display", "width", K_INT, F(width), 0, 16384},
    {"display", "height", K_INT, F(height), 0, 16384},
    {"display", "video_driver", K_STR, F(video_driver), 0, 0},
    {"display", "render_driver", K_STR, F(render_driver), 0, 0},
    {"display", "vsync", K_BOOL, F(vsync), 0, 1},
    {"display", "input_poll_ms", K_INT, F(input_poll_ms), 4, 100},
    {"fonts", "regular", K_STR, F(font_regular), 0, 0},
    {"fonts", "bold", K_STR, F(font_bold), 0, 0},
    {"fonts", "face", K_INT, F(font_face), -1, 63},
    {"board", "page_seconds", K_INT, F(board_page_seconds), 3, 3600},
    {"board", "min_label_px", K_INT, F(board_min_label_px), 8, 64},
    {"board", "freshness_amber_minutes", K_INT, F(freshness_amber_minutes), 1, 10080},
    {"board", "freshness_red_minutes", K_INT, F(freshness_red_minutes), 1, 10080},
    {"board", "highlight_seconds", K_INT, F(highlight_seconds), 0, 600},
    {"board", "banner", K_BOOL, F(banner), 0, 1},
    {"board", "banner_seconds", K_INT, F(banner_seconds), 1, 600},
    {"server", "url", K_STR, F(server_url), 0, 0},
    {"server", "project", K_STR, F(project_id), 0, 0},
    {"server", "token", K_STR, F(token), 0, 0},
    {"server", "ca_file", K_STR, F(ca_file), 0, 0},
    {"server", "pinned_public_key", K_STR, F(pinned_key), 0, 0},
    {"server", "connect_timeout_ms", K_INT, F(connect_timeout_ms), 100, 60000},
    {"server", "long_poll_seconds", K_INT, F(long_poll_seconds), 1, 300},
    {"server", "transfer_timeout_ms", K_INT, F(transfer_timeout_ms), 100, 600000},
    {"server", "max_response_mb", K_INT, F(max_response_mb), 1, 1024},
    {"server", "backoff_min_ms", K_INT, F(backoff_min_ms), 10, 60000},
    {"server", "backoff_max_ms", K_INT, F(backoff_max_ms), 10, 3600000},
    {"mortgage", "commercial_rate_bp", K_INT, F(commercial_rate_bp), 0, 3000},
    {"mortgage", "provident_rate_bp", K_INT, F(provident_rate_bp), 0, 3000},
    {"mortgage", "default_down_bp", K_INT, F(default_down_bp), 0, 10000},
    {"mortgage", "default_months", K_INT, F(default_months), 1, 600},
    {"mortgage", "min_down_bp", K_INT, F(min_down_bp), 0, 10000},
    {"mortgage", "max_months", K_INT, F(max_months), 1, 600},
    {"mortgage", "max_provident_loan_yuan", K_INT, F(max_provident_loan_yuan), 0, 100000000},
    {"browse", "idle_seconds", K_INT, F(idle_seconds), 10, 3600},
    {"browse", "attract_image_seconds", K_INT, F(attract_image_seconds), 3, 120},
    {"browse", "attract_fps", K_INT, F(attract_fps), 1, 60},
    {"browse", "withheld_as_sold", K_BOOL, F(withheld_as_sold), 0, 1},
    {"consultant", "hold_minutes", K_INT, F(hold_minutes), 1, 1440},
    {"consultant", "idle_seconds", K_INT, F(consultant_idle_seconds), 10, 3600},
    {"consultant", "signin_corner", K_CORNER, F(signin_corner), 0, 0},
    {"handoff", "url_template", K_STR, F(handoff_url), 0, 0},
    {"demo", "seed", K_U64, F(demo_seed), 0, 0},
    {"demo", "units", K_INT, F(demo_units), 10, 50000},
};

static const char *const modes[] = {"browse", "board"};

void config_defaults(kiosk_config_t *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->data_dir, sizeof c->data_dir, "%s", "data");
    c->lang = LANG_ZH_HANT;
    snprintf(c->mode, sizeof c->mode, "%s", "browse");
    c->windowed = 0;
    c->vsync = 1;
    c->input_poll_ms = 16;
    c->font_face = -1;
    c->board_page_seconds = 15;
    c->board_min_label_px = 12;
    c->freshness_amber_minutes = 5;
    c->freshness_red_minutes = 30;
    c->highlight_seconds = 10;
    c->banner = 1;
    c->banner_seconds = 8;
    snprintf(c->project_id, sizeof c->project_id, "%s", "demo-emerald-lake");
    c->connect_timeout_ms = 5000;
    c->long_poll_seconds = 25;
    c->transfer_timeout_ms = 60000;
    c->max_response_mb = 16;
    c->backoff_min_ms = 500;
    c->backoff_max_ms = 30000;
    c->commercial_rate_bp = 345;   /* 5-year LPR, 2025 */
    c->provident_rate_bp = 285;    /* provident fund, over 5 years */
    c->default_down_bp = 3000;
    c->default_months = 360;
    c->min_down_bp = 1500;
    c->max_months = 360;
    c->max_provident_loan_yuan = 1200000;
    c->idle_seconds = 90;
    c->attract_image_seconds = 9;
    c->attract_fps = 25;
    c->withheld_as_sold = 1;
    c->hold_minutes = 30;
    c->consultant_idle_seconds = 60;
    c->signin_corner = CORNER_BOTTOM_LEFT;
    c->demo_seed = 20261127;
    c->demo_units = 2000;
}

static int parse_bool(const char *v, int *out)
{
    static const char *const yes[] = {"1", "true", "yes", "on"};
    static const char *const no[] = {"0", "false", "no", "off"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        if (strcasecmp(v, yes[i]) == 0) {
            *out = 1;
            return 0;
        }
        if (strcasecmp(v, no[i]) == 0) {
            *out = 0;
            return 0;
        }
    }
    return -1;
}

static int parse_ll(const char *v, long long *out)
{
    char *end;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    if (errno || end == v || *end != '\0')
        return -1;
    *out = x;
    return 0;
}

static int set_value(kiosk_config_t *c, const key_def_t *k, const char *v,
                     diag_t *d)
{
    char *field = (char *)c + k->offset;
    long long x;
    int b;

    switch (k->kind) {
    case K_INT:
        if (parse_ll(v, &x) != 0) {
            diag_set(d, "%s: '%s' is not a whole number", k->key, v);
            return -1;
        }
        if (x < k->min || x > k->max) {
            diag_set(d, "%s: %lld is out of range (%lld..%lld)", k->key, x,
                     k->min, k->max);
            return -1;
        }
        *(int *)field = (int)x;
        return 0;
    case K_U64: {
        char *end;
        errno = 0;
        unsigned long long u = strtoull(v, &end, 10);
        if (errno || end == v || *end != '\0' || v[0] == '-') {
            diag_set(d, "%s: '%s' is not a non-negative whole number", k->key,
                     v);
            return -1;
        }
        *(uint64_t *)field = (uint64_t)u;
        return 0;
    }
    case K_BOOL:
        if (parse_bool(v, &b) != 0) {
            diag_set(d, "%s: '%s' is not a yes/no value (true, false)", k->key,
                     v);
            return -1;
        }
        *(int *)field = b;
        return 0;
    case K_STR:
        if (k->min > 0 && v[0] == '\0') {
            diag_set(d, "%s: must not be empty", k->key);
            return -1;
        }
        if (strlen(v) >= k->size) {
            diag_set(d, "%s: value longer than %zu characters", k->key,
                     k->size - 1);
            return -1;
        }
        memcpy(field, v, strlen(v) + 1);
        return 0;
    case K_LANG:
        if (lang_parse(v, (lang_t *)field) != 0) {
            diag_set(d, "%s: unknown language '%s' (zh-Hant, zh-Hans, en)",
                     k->key, v);
            return -1;
        }
        return 0;
    case K_SCENE:
        for (size_t i = 0; i < sizeof modes / sizeof *modes; i++) {
            if (strcmp(v, modes[i]) == 0) {
                memcpy(field, v, strlen(v) + 1);
                return 0;
            }
        }
        diag_set(d, "%s: unknown mode '%s' (browse, board)", k->key, v);
        return -1;
    case K_CORNER: {
        static const char *const corners[] = {"bottom-left", "bottom-right",
                                              "off"};
        for (int i = 0; i < (int)(sizeof corners / sizeof *corners); i++) {
            if (strcmp(v, corners[i]) == 0) {
                *(int *)field = i;
                return 0;
            }
        }
        diag_set(d, "%s: '%s' is not bottom-left, bottom-right or off",
                 k->key, v);
        return -1;
    }
    }
    return -1;
}

int config_set(kiosk_config_t *c, const char *section, const char *key,
               const char *value, diag_t *d)
{
    int known_section = 0;
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        if (strcmp(keys[i].section, section) != 0)
            continue;
        known_section = 1;
        if (strcmp(keys[i].key, key) == 0)
            return set_value(c, &keys[i], value, d);
    }
    if (!known_section)
        diag_set(d, "unknown section [%s]", section);
    else
        diag_set(d, "unknown key '%s' in section [%s]", key, section);
    return -1;
}

static int on_key(void *user, const char *section, const char *key,
                  const char *value, diag_t *why)
{
    return config_set(user, section, key, value, why);
}

int config_load_file(kiosk_config_t *c, const char *path, diag_t *d)
{
    kiosk_config_t tmp = *c;
    if (inifile_parse(path, on_key, &tmp, d) != 0)
        return -1;
    if (tmp.server_url[0] && !tmp.token[0]) {
        diag_add(d, "%s:0: [server] url is set but token is not", path);
        return -1;
    }
    if (tmp.backoff_max_ms < tmp.backoff_min_ms) {
        diag_add(d, "%s:0: backoff_max_ms is less than backoff_min_ms", path);
        return -1;
    }
    if (tmp.default_down_bp < tmp.min_down_bp ||
        tmp.default_months > tmp.max_months) {
        diag_add(d, "%s:0: [mortgage] defaults are outside its own limits "
                 "(min_down_bp, max_months)", path);
        return -1;
    }
    if (tmp.handoff_url[0]) {
        char url[CONFIG_PATH_MAX * 2];
        const char *ids[] = {"B1-101"};
        diag_t why;
        diag_clear(&why);
        if (handoff_url(tmp.handoff_url, "p", ids, 1, "en", url, sizeof url,
                        &why) != 0) {
            diag_add(d, "%s:0: [handoff] url_template: %s", path, why.msg);
            return -1;
        }
    }
    if (tmp.font_bold[0] && !tmp.font_regular[0]) {
        diag_add(d, "%s:0: [fonts] bold is set but regular is not (set both, "
                 "or neither to use fontconfig)", path);
        return -1;
    }
    if (tmp.freshness_red_minutes < tmp.freshness_amber_minutes) {
        diag_add(d, "%s:0: freshness_red_minutes (%d) is less than "
                 "freshness_amber_minutes (%d)", path,
                 tmp.freshness_red_minutes, tmp.freshness_amber_minutes);
        return -1;
    }
    *c = tmp;
    return 0;
}
