/* bench_browse.c - the customer's touchscreen: how fast a touch shows.
 *
 * Figures for issue 4 and DESIGN.md section 6, on the demo project (5,000
 * units by default) at 1920x1080 with the software renderer, pictures
 * installed as the kiosk would have them:
 *  - touch to frame for scene changes: from a tap being delivered (the
 *    recogniser reports a tap the moment the finger lifts, except on a
 *    floor plan where it waits for a possible double tap) to the frame
 *    presented, each transition a customer makes on the way to a unit;
 *  - touch to frame for filter changes on the units screen (every filter
 *    control, set and unset);
 *  - the cost of a scrolling frame in the list view (drag frames);
 *  - resident memory after visiting every scene, pictures cached.
 * Medians and 99th percentiles; it measures and never fails on a time.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "benchutil.h"
#include "browse.h"
#include "browse_private.h"
#include "demo.h"
#include "demo_media.h"
#include "i18n.h"

#define MAX_SAMPLES 20000
#define NOW_MS 1795759500000LL

typedef struct {
    double v[MAX_SAMPLES];
    int n;
} samples_t;

typedef struct {
    render_t *r;
    browse_t *b;
    int64_t now;
    unsigned calls; /* draw calls of the last frame */
} bench_t;

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void add(samples_t *s, double v)
{
    if (s->n < MAX_SAMPLES)
        s->v[s->n++] = v;
}

static void frame(bench_t *x)
{
    diag_t d;
    browse_update(x->b, x->now);
    if (!browse_needs_draw(x->b))
        return;
    render_begin_frame(x->r);
    if (browse_draw(x->b, &d) != 0)
        fprintf(stderr, "bench_browse: %s\n", d.msg);
    render_present(x->r);
    x->calls = render_stats(x->r)->draw_calls;
}

/* One gesture delivered, and the frame it causes drawn: milliseconds. */
static double gesture_to_frame(bench_t *x, gesture_event_t ge)
{
    double t0 = mono_ms();
    x->now += 50;
    ge.t_ms = x->now;
    browse_gesture(x->b, &ge, x->now);
    frame(x);
    return mono_ms() - t0;
}

/* Taps the control drawn for (action, arg); -1 when there is none. */
static double tap(bench_t *x, int action, int arg)
{
    rect_t r;
    if (!browse_find(x->b, action, arg, &r))
        return -1;
    gesture_event_t ge = {.type = GESTURE_TAP, .x = r.x + r.w / 2,
                          .y = r.y + r.h / 2};
    return gesture_to_frame(x, ge);
}

/* A control of the current frame whose action belongs to scene s (the
 * first after index `from`); returns its index, or -1. */
static int scene_control(bench_t *x, scene_id_t s, int from, int *action,
                         int *arg)
{
    rect_t r;
    for (int i = from; ui_hit_at(x->b->ui, i, &r, action, arg); i++)
        if (*action >= 100 && ACTION_SCENE(*action) == (int)s)
            return i;
    return -1;
}

static void report(FILE *rf, const char *key, const char *what, samples_t *s)
{
    if (s->n == 0) {
        printf("  %-44s not measured\n", what);
        return;
    }
    qsort(s->v, (size_t)s->n, sizeof *s->v, cmp_double);
    double p50 = pct_sorted(s->v, s->n, 50), p99 = pct_sorted(s->v, s->n, 99);
    printf("  %-44s p50 %6.2f ms  p90 %6.2f  p99 %6.2f  max %6.2f  (n=%d)\n",
           what, p50, pct_sorted(s->v, s->n, 90), p99, s->v[s->n - 1], s->n);
    if (rf) {
        fprintf(rf, "%s.p50_ms %.3f\n%s.p99_ms %.3f\n", key, p50, key, p99);
    }
}

/* Removes a directory of plain files (the media directory). */
static void remove_dir(const char *dir)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    char path[512];
    while (dp && (e = readdir(dp))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    if (dp)
        closedir(dp);
    rmdir(dir);
}

static double vm_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    double v = -1;
    size_t n = strlen(field);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0)
            v = strtod(line + n + 1, NULL);
    if (f)
        fclose(f);
    return v;
}

/* The transitions of a visit, each timed: home -> units -> a unit ->
 * shortlist it -> mortgage -> back -> compare -> home -> information ->
 * home -> mortgage -> home. */
static void one_visit(bench_t *x, samples_t *all, samples_t *each, int *ok)
{
    struct {
        int action, arg;
    } steps[] = {
        {ACT_GO, SCENE_UNITS}, {ACT_OPEN_UNIT, -1}, {ACT_SHORTLIST, -1},
        {ACT_MORTGAGE_FOR, -1}, {ACT_BACK, 0}, {ACT_COMPARE, 0},
        {ACT_HOME, 0}, {ACTION_BASE(SCENE_HOME) + 1, 0}, {ACT_HOME, 0},
        {ACTION_BASE(SCENE_HOME) + 2, 0}, {ACT_HOME, 0},
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        int action = steps[i].action, arg = steps[i].arg;
        if (arg == -1) {
            /* A unit: a cell on screen, or the one open. */
            rect_t r;
            int a2, g2;
            if (action == ACT_OPEN_UNIT) {
                /* An available one: a customer opens what is for sale,
                 * and only that has a mortgage button. */
                for (int k = 0; ui_hit_at(x->b->ui, k, &r, &a2, &g2); k++)
                    if (a2 == ACT_OPEN_UNIT &&
                        x->b->m->units[g2].status == STATUS_AVAILABLE) {
                        arg = g2;
                        break;
                    }
            } else {
                const unit_t *u = browse_current_unit(x->b);
                arg = u ? (int)(u - x->b->m->units) : -1;
            }
            if (arg < 0) {
                ok[i] = 0;
                continue;
            }
        }
        if (action == ACT_SHORTLIST &&
            browse_in_shortlist(x->b, x->b->m->units[arg].id))
            tap(x, action, arg); /* take it off first: the step adds it */
        double ms = tap(x, action, arg);
        if (ms < 0) {
            ok[i] = 0;
            continue;
        }
        add(all, ms);
        add(&each[i], ms);
    }
}

int main(int argc, char **argv)
{
    long units = 5000, reps = 25;
    const char *results = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--units") == 0 &&
            parse_long(argv[i + 1], 10, DEMO_MAX_UNITS, &units) == 0)
            continue;
        if (strcmp(argv[i], "--reps") == 0 &&
            parse_long(argv[i + 1], 1, 1000, &reps) == 0)
            continue;
        if (strcmp(argv[i], "--results") == 0) {
            results = argv[i + 1];
            continue;
        }
        fprintf(stderr, "usage: bench_browse [--units N] [--reps R] "
                        "[--results FILE]\n");
        return 2;
    }

    diag_t d;
    i18n_t *i18n = NULL;
    if (i18n_load("assets/i18n", &i18n, &d) != 0) {
        fprintf(stderr, "bench_browse: %s (run from the repository root)\n",
                d.msg);
        return 1;
    }
    /* Pictures as the kiosk has them: installed into a media directory. */
    char media[] = "/tmp/bench_browse.XXXXXX";
    if (!mkdtemp(media)) {
        perror("bench_browse: mkdtemp");
        return 1;
    }
    demo_media_t md;
    int copied = 0;
    if (demo_media_install("assets", media, &md, &copied, &d) != 0)
        fprintf(stderr, "bench_browse: pictures: %s\n", d.msg);
    demo_params_t p = {20261127, (int)units, NOW_MS / 1000, &md};
    model_t *m = NULL;
    if (demo_generate(&p, &m, &d) != 0) {
        fprintf(stderr, "bench_browse: %s\n", d.msg);
        return 1;
    }
    model_index(m);

    kiosk_config_t cfg;
    config_defaults(&cfg);
    snprintf(cfg.handoff_url, sizeof cfg.handoff_url,
             "https://emerald-lake.example/p/{project}?units={units}");
    app_lang_t al = {0};
    text_fonts_t fonts;
    if (app_fonts(&cfg, cfg.lang, &al.fs, &fonts, &d) != 0) {
        fprintf(stderr, "bench_browse: %s\n", d.msg);
        return 1;
    }
    fonts.map_files = 1; /* as the app does in browse mode */
    bench_t x = {0};
    text_t *t = NULL;
    if (!(x.r = render_create_offscreen(1920, 1080, &d)) ||
        !(t = text_create(x.r, &fonts, &d))) {
        fprintf(stderr, "bench_browse: %s\n", d.msg);
        return 1;
    }
    browse_opts_t o = app_browse_opts(&cfg, x.r, t, i18n, media, &al);
    if (!(x.b = browse_create(&o, &d))) {
        fprintf(stderr, "bench_browse: %s\n", d.msg);
        return 1;
    }
    browse_set_model(x.b, m);
    x.now = NOW_MS;
    frame(&x);

    printf("browse: demo project, %d units, %d pictures, 1920x1080, software "
           "renderer, %ld visits\n", m->n_units, demo_media_count(&md), reps);
    FILE *rf = results ? fopen(results, "a") : NULL;

    /* Wake the kiosk, then visit; the first visit loads the pictures and
     * warms the text cache, as a customer's first minute would. */
    gesture_event_t wake = {.type = GESTURE_TAP, .x = 900, .y = 500};
    samples_t *first = calloc(1, sizeof *first), *all = calloc(1, sizeof *all);
    samples_t *each = calloc(16, sizeof *each);
    samples_t *filters = calloc(1, sizeof *filters);
    samples_t *scroll = calloc(1, sizeof *scroll);
    int ok[16];
    for (int i = 0; i < 16; i++)
        ok[i] = 1;
    add(first, gesture_to_frame(&x, wake));
    one_visit(&x, first, each, ok);
    for (int i = 0; i < 16; i++)
        each[i].n = 0;
    for (long r = 0; r < reps; r++)
        one_visit(&x, all, each, ok);
    static const char *const names[] = {
        "home -> units", "units -> a unit", "shortlist it", "unit -> mortgage",
        "back", "compare", "home", "home -> information", "home",
        "home -> mortgage", "home"};
    printf("touch to frame, scene changes (warm):\n");
    for (int i = 0; i < 11; i++) {
        char what[64];
        snprintf(what, sizeof what, "  %s%s", names[i],
                 ok[i] ? "" : " (control not found)");
        report(NULL, "", what, &each[i]);
    }
    report(rf, "browse.scene", "all scene changes", all);
    report(rf, "browse.scene_first", "first visit (pictures load)", first);

    /* Filters: every control of the units screen, set and unset. */
    browse_go(x.b, SCENE_HOME);
    frame(&x);
    tap(&x, ACT_GO, SCENE_UNITS);
    for (long r = 0; r < reps; r++) {
        int action, arg;
        for (int i = scene_control(&x, SCENE_UNITS, 0, &action, &arg); i >= 0;
             i = scene_control(&x, SCENE_UNITS, i + 1, &action, &arg)) {
            for (int twice = 0; twice < 2; twice++) {
                double ms = tap(&x, action, arg);
                if (ms >= 0)
                    add(filters, ms);
                if (browse_scene(x.b) != SCENE_UNITS) {
                    browse_go(x.b, SCENE_UNITS);
                    frame(&x);
                }
            }
        }
    }
    printf("touch to frame, units screen controls (filters, views, sort):\n");
    report(rf, "browse.filter", "every control, set and unset", filters);
    printf("  units matching at the end: %d\n", browse_match_count(x.b));

    /* Scrolling the list: a finger dragging, one frame per move. */
    browse_preview(x.b, "list");
    frame(&x);
    unsigned calls_max = 0;
    for (int i = 0; i < 600; i++) {
        int dir = (i / 100) % 2 ? 1 : -1;
        if (i % 100 == 0) {
            /* A finger lands on the list and starts to drag. */
            gesture_event_t st = {.type = GESTURE_DRAG_START, .x = 1200,
                                  .y = 600};
            gesture_to_frame(&x, st);
        }
        gesture_event_t ge = {.type = GESTURE_DRAG, .x = 1200,
                              .y = 600 + dir * 8, .dx = 0, .dy = 14 * dir};
        add(scroll, gesture_to_frame(&x, ge));
        if (x.calls > calls_max)
            calls_max = x.calls;
    }
    printf("list view, a scrolling frame (drag, %d units listed):\n",
           x.b->n_list);
    report(rf, "browse.scroll", "update + draw + present", scroll);
    printf("  draw calls per scrolling frame: at most %u\n", calls_max);
    if (rf)
        fprintf(rf, "browse.scroll_calls %u\n", calls_max);

    /* Memory after every scene, every picture and both languages shown. */
    static const char *const all_scenes[] = {"attract", "home", "units",
                                             "list", "unit", "compare",
                                             "mortgage", "info", "location"};
    for (size_t i = 0; i < sizeof all_scenes / sizeof *all_scenes; i++) {
        browse_preview(x.b, all_scenes[i]);
        for (int k = 0; k < 30; k++) { /* the attract loop's pictures */
            x.now += cfg.attract_image_seconds * 1000 / 10;
            frame(&x);
        }
    }
    for (int i = 0; i < m->n_units; i += m->n_units / 40) { /* every plan */
        browse_go(x.b, SCENE_HOME);
        snprintf(x.b->unit_id, sizeof x.b->unit_id, "%s", m->units[i].id);
        browse_go(x.b, SCENE_UNIT);
        frame(&x);
    }
    const images_stats_t *is = images_stats(x.b->images);
    double rss = vm_kb("VmRSS:") / 1024, hwm = vm_kb("VmHWM:") / 1024;
    printf("memory after visiting every scene: RSS %.1f MB (peak %.1f MB); "
           "pictures %u loaded, %.1f MB of textures; text cache %.1f MB\n",
           rss, hwm, is->loads, (double)is->bytes / 1048576.0,
           (double)text_stats(t)->bytes / 1048576.0);
    if (rf) {
        fprintf(rf, "browse.rss_mb %.1f\nbrowse.rss_peak_mb %.1f\n", rss, hwm);
        fclose(rf);
    }

    browse_destroy(x.b);
    text_destroy(t);
    render_destroy(x.r);
    model_destroy(m);
    i18n_destroy(i18n);
    free(first);
    free(all);
    free(each);
    free(filters);
    free(scroll);
    remove_dir(media);
    return 0;
}
