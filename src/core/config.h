/* config.h - the kiosk's settings: defaults, the ini file, overrides.
 *
 * Every setting has a default, so the kiosk runs with no file at all.  A file
 * is strict: an unknown section or key, or a value of the wrong kind or out of
 * range, is an error naming file and line (config/kiosk.ini documents every
 * key).  Command-line flags go through config_set() and get the same checks.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stdint.h>

#include "diag.h"
#include "i18n.h"

#define CONFIG_PATH_MAX 512

typedef struct {
    /* [kiosk] */
    char data_dir[CONFIG_PATH_MAX];   /* cache and media live here */
    char assets_dir[CONFIG_PATH_MAX]; /* i18n tables, demo pictures; "" =
                                         built-in default */
    lang_t lang;                      /* default language */
    char mode[16];                    /* "browse" (touchscreen) or "board" */
    /* [display] */
    int windowed;                     /* 0 = full screen */
    int width, height;                /* window size; 0 = desktop size */
    char video_driver[32];            /* "" = SDL's choice; kmsdrm, x11, dummy */
    char render_driver[32];           /* "" = SDL's choice; software, opengles2 */
    int vsync;
    int input_poll_ms;                /* longest sleep between input polls */
    /* [fonts] */
    char font_regular[CONFIG_PATH_MAX]; /* "" = ask fontconfig */
    char font_bold[CONFIG_PATH_MAX];
    int font_face;                    /* face index in a .ttc; -1 = by language */
    /* [board] */
    int board_page_seconds;           /* time per page when paging */
    int board_min_label_px;           /* smallest legible unit-number size */
    int freshness_amber_minutes;      /* stamp turns amber after this age */
    int freshness_red_minutes;        /* ... and red after this one */
    int highlight_seconds;            /* a changed cell stays outlined */
    int banner;                       /* 喜報 banner for new sales */
    int banner_seconds;
    /* [server] */
    char server_url[CONFIG_PATH_MAX]; /* "" = no sync: the cache only */
    char project_id[64];
    char token[160];
    char ca_file[CONFIG_PATH_MAX];    /* "" = the system's CAs */
    char pinned_key[128];             /* "" or curl's "sha256//..." */
    int connect_timeout_ms;
    int long_poll_seconds;
    int transfer_timeout_ms;
    int max_response_mb;
    int backoff_min_ms, backoff_max_ms;
    /* [mortgage] */
    int commercial_rate_bp;           /* a year, basis points: 345 = 3.45 % */
    int provident_rate_bp;
    int default_down_bp;              /* the calculator's starting values */
    int default_months;
    int min_down_bp;                  /* what the office allows */
    int max_months;
    int max_provident_loan_yuan;      /* 0: no provident-fund loans */
    /* [browse] */
    int idle_seconds;                 /* back to the attract loop after */
    int attract_image_seconds;        /* each project image on screen */
    int attract_fps;                  /* frames a second while it moves */
    int withheld_as_sold;             /* customers see withheld as sold */
    /* [consultant] */
    int hold_minutes;                 /* a hold from this kiosk lasts */
    int consultant_idle_seconds;      /* signed out after, untouched */
    int signin_corner;                /* config_corner_t */
    /* [handoff] */
    char handoff_url[CONFIG_PATH_MAX]; /* "" = no QR hand-off */
    /* [demo] */
    uint64_t demo_seed;
    int demo_units;                   /* about this many units */
} kiosk_config_t;

/* Where the long press that opens the consultants' PIN pad goes. */
typedef enum {
    CORNER_BOTTOM_LEFT = 0,
    CORNER_BOTTOM_RIGHT,
    CORNER_OFF,               /* no sign-in on this kiosk */
} config_corner_t;

void config_defaults(kiosk_config_t *c);

/* Reads an ini file over the current values.  Returns 0, or -1 with every
 * bad line in d as "file:line: message".  A missing file is an error. */
int config_load_file(kiosk_config_t *c, const char *path, diag_t *d);

/* Sets one key ("section", "key") from text, with the file's checks.
 * Returns 0, or -1 with the reason in d (no location). */
int config_set(kiosk_config_t *c, const char *section, const char *key,
               const char *value, diag_t *d);

#endif
