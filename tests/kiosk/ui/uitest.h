/* uitest.h - a board on an off-screen software renderer, for UI tests.
 *
 * Real fonts (Noto Sans CJK via fontconfig), the real string tables and the
 * demo project; nothing stubbed.
 */
#ifndef UITEST_H
#define UITEST_H

#include "testutil.h"

#include "app.h"
#include "config.h"
#include "demo.h"
#include "i18n.h"
#include "render.h"
#include "scene_board.h"
#include "text.h"

/* A fixed moment: Fri 2026-11-27 14:05 in Asia/Shanghai (run.sh sets TZ). */
#define UT_NOW_MS 1795759500000LL

typedef struct {
    kiosk_config_t cfg;
    i18n_t *i18n;
    model_t *m;
    render_t *r;
    text_t *text;
    board_t *board;
    app_font_storage_t fs;
} ut_board_t;

/* A project of the given tower shapes (every cell a unit, statuses cycling
 * through all five), for layouts the demo never makes. */
static inline model_t *ut_model_shapes(int nb, const int *floors,
                                       const int *upf)
{
    int n = 0, k = 0;
    for (int i = 0; i < nb; i++)
        n += floors[i] * upf[i];
    model_t *m = model_create(nb, 1, n);
    assert_non_null(m);
    snprintf(m->project.id, sizeof m->project.id, "shapes");
    snprintf(m->project.name.s[LANG_EN], MODEL_NAME_MAX, "Shapes");
    snprintf(m->unit_types[0].id, MODEL_ID_MAX, "T");
    for (int i = 0; i < nb; i++) {
        building_t *b = &m->buildings[i];
        snprintf(b->id, sizeof b->id, "B%d", i + 1);
        snprintf(b->name.s[LANG_EN], MODEL_NAME_MAX, "Tower %d", i + 1);
        b->floors = floors[i];
        b->units_per_floor = upf[i];
        for (int f = 1; f <= floors[i]; f++)
            for (int s = 1; s <= upf[i]; s++, k++) {
                unit_t *u = &m->units[k];
                u->building = i;
                u->floor = f;
                u->stack = s;
                snprintf(u->number, sizeof u->number, "%d%02d", f % 1000, s % 100);
                snprintf(u->id, sizeof u->id, "B%d-%d", (i + 1) % 1000, k);
                u->status = (unit_status_t)(k % STATUS_COUNT);
                u->area_built = u->area_inner = 1;
            }
    }
    return m;
}

/* A board over model m (which it takes and frees). */
static inline void ut_board_open_model(ut_board_t *u, int w, int h,
                                       model_t *m, lang_t lang, int demo)
{
    char dir[512];
    diag_t d;
    text_fonts_t fonts;

    memset(u, 0, sizeof *u);
    config_defaults(&u->cfg);
    u->cfg.lang = lang;
    snprintf(dir, sizeof dir, "%s/i18n", tu_env("ASSETS", "assets"));
    if (i18n_load(dir, &u->i18n, &d) != 0)
        fail_msg("%s", d.msg);
    u->m = m;
    if (app_fonts(&u->cfg, lang, &u->fs, &fonts, &d) != 0)
        fail_msg("%s", d.msg);
    u->r = render_create_offscreen(w, h, &d);
    assert_non_null(u->r);
    u->text = text_create(u->r, &fonts, &d);
    assert_non_null(u->text);
    board_opts_t o = {
        .render = u->r, .text = u->text, .i18n = u->i18n, .lang = lang,
        .page_seconds = u->cfg.board_page_seconds,
        .min_label_px = u->cfg.board_min_label_px,
        .amber_seconds = 300, .red_seconds = 1800, .demo = demo,
        .highlight_ms = 10000, .banner_ms = 8000,
    };
    u->board = board_create(&o, &d);
    assert_non_null(u->board);
    assert_int_equal(board_set_model(u->board, u->m, &d), 0);
}

/* A board over the demo project of about `units` units. */
static inline void ut_board_open(ut_board_t *u, int w, int h, int units,
                                 lang_t lang, int demo)
{
    demo_params_t p = {20261127, units, UT_NOW_MS / 1000, NULL};
    model_t *m = NULL;
    diag_t d;
    assert_int_equal(demo_generate(&p, &m, &d), 0);
    ut_board_open_model(u, w, h, m, lang, demo);
}

/* Updates to now and draws one frame; returns the frame's draw calls. */
static inline unsigned ut_frame(ut_board_t *u, int64_t now_ms)
{
    diag_t d;
    board_update(u->board, now_ms);
    render_begin_frame(u->r);
    if (board_draw(u->board, &d) != 0)
        fail_msg("%s", d.msg);
    render_present(u->r);
    return render_stats(u->r)->draw_calls;
}

static inline void ut_save(ut_board_t *u, const char *name)
{
    char path[600];
    diag_t d;
    snprintf(path, sizeof path, "%s/%s", tu_env("TEST_OUT", "/tmp"), name);
    if (render_save_png(u->r, path, &d) != 0)
        fail_msg("%s", d.msg);
}

static inline void ut_board_close(ut_board_t *u)
{
    board_destroy(u->board);
    text_destroy(u->text);
    render_destroy(u->r);
    model_destroy(u->m);
    i18n_destroy(u->i18n);
}

#endif
