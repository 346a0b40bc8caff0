/* bench_board.c - how fast and how big the sales-control board is.
 *
 * Measures the figures DESIGN.md §6 budgets: cold start from the SQLite
 * cache to the first full frame, the first frame alone, steady frames (the
 * clock ticking over a minute) with their draw calls, whether a frame where
 * nothing changed is skipped, peak resident memory, and an idle kiosk's CPU
 * and wake-ups.  It prints what it measured and never judges a time: that is
 * for a person reading tests/bench/run.sh's comparison, not for a test.
 *
 * Modes:
 *   bench_board --units N [--runs R] [--dir DIR] [--no-header] [--results F]
 *   bench_board --steady-only N --frames K [--dir DIR] [--results F]
 *       for valgrind --tool=callgrind --toggle-collect=bench_steady_frames
 *   bench_board --idle SECONDS [--dir DIR] [--results F]
 *       runs ${KIOSK:-build/kiosk} headless and reports its CPU and wake-ups
 *
 * Each cold start runs in a child process of its own, so it starts from
 * nothing as a kiosk does (no fonts, fontconfig or SDL state, no memory freed
 * by an earlier run) and its peak RSS is its own.  The demo cache is built by
 * another child first, so generating it counts in neither.
 *
 * Run it from the repository root (it reads assets/i18n).  --results appends
 * "key value" lines for run.sh to compare; the table is for people.
 *
 * Not for: correctness (the tests under tests/ check behaviour), or for
 * figures of anything but the board at 1920x1080 on the software renderer.
 */
#define _DEFAULT_SOURCE /* wait4() */

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "benchutil.h"
#include "app.h"
#include "cache.h"
#include "config.h"
#include "demo.h"
#include "diag.h"
#include "i18n.h"
#include "model.h"
#include "render.h"
#include "scene_board.h"
#include "text.h"

#define SCREEN_W 1920
#define SCREEN_H 1080
#define DEMO_SEED 20261127u
/* 2026-11-27 06:00:00 UTC: between 18:00 and 20:00 local time in every time
 * zone, so an hour of steady frames never crosses midnight. */
#define FIXED_NOW_S INT64_C(1795759200)
#define STEADY_FRAMES 60
#define MINUTE_MS INT64_C(60000)
#define MAX_RUNS 100

/* The stages of bench_open(), after each of which it notes the time and the
 * resident memory. */
enum { RSS_START, RSS_MODEL, RSS_FONTS, RSS_RENDER, RSS_TEXT, RSS_FRAME,
       RSS_STAGES };
static const char *const rss_stage_name[RSS_STAGES] = {
    "start", "model", "fontconfig", "surface", "text_create",
    "first frame"};

/* Draws steady frames; outside this file's statics so that callgrind's
 * --toggle-collect can find it by name. */
long bench_steady_frames(board_t *b, render_t *r, int64_t *now_ms, int frames,
                         int *skipped, diag_t *d);

/* ---- small helpers ------------------------------------------------------ */

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}


/* Sorts v in place.  Median (mean of the middle two for an even count). */
static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}


/* Resident memory now, from /proc/self/statm (Linux); 0 when unknown. */
static double rss_now_mb(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
        resident = 0;
    fclose(f);
    return (double)resident * (double)sysconf(_SC_PAGESIZE) / (1024.0 * 1024.0);
}

/* mkdir -p */
static int make_dirs(const char *path)
{
    char buf[512];
    int n = snprintf(buf, sizeof buf, "%s", path);
    if (n <= 0 || (size_t)n >= sizeof buf) {
        fprintf(stderr, "bench_board: directory name too long: %s\n", path);
        return -1;
    }
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST) {
            fprintf(stderr, "bench_board: %s: cannot create directory: %s\n",
                    buf, strerror(errno));
            return -1;
        }
        *p = saved;
        if (saved == '\0')
            return 0;
    }
}



static int parse_seconds(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno || !(v > 0 && v <= 3600))
        return -1;
    *out = v;
    return 0;
}

/* Appends "key value" to the results file, when there is one. */
static void result(FILE *f, const char *key, double v)
{
    if (f)
        fprintf(f, "%s %.3f\n", key, v);
}

/* ---- the project in a real SQLite file ------------------------------------ */

/* Generates the demo project and stores it at path, in a child process so
 * that generating and writing it do not count in the benchmark's peak RSS.
 * Returns 0 or -1; *n_units gets the number of units. */
static int prepare_db(const char *path, int target, int *n_units)
{
    int fd[2];
    if (pipe(fd) != 0) {
        perror("bench_board: pipe");
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("bench_board: fork");
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    if (pid == 0) {
        demo_params_t p = {DEMO_SEED, target, FIXED_NOW_S, NULL};
        model_t *m = NULL;
        cache_t *c = NULL;
        diag_t d;
        int rc = 1;
        diag_clear(&d);
        close(fd[0]);
        remove_db(path);
        if (demo_generate(&p, &m, &d) == 0 &&
            cache_open(path, &c, &d) == CACHE_OK &&
            cache_store_model(c, m, &d) == CACHE_OK) {
            if (write(fd[1], &m->n_units, sizeof m->n_units) ==
                (ssize_t)sizeof m->n_units)
                rc = 0;
        } else {
            fprintf(stderr, "bench_board: %s: %s\n", path, d.msg);
        }
        cache_close(c);
        model_destroy(m);
        close(fd[1]);
        _exit(rc);
    }
    close(fd[1]);
    int n = 0, st = 0;
    ssize_t got = read(fd[0], &n, sizeof n);
    close(fd[0]);
    if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
        WEXITSTATUS(st) != 0 || got != (ssize_t)sizeof n) {
        fprintf(stderr, "bench_board: could not build the demo cache %s\n",
                path);
        return -1;
    }
    *n_units = n;
    return 0;
}

/* ---- one board, from the cache to the first frame ---------------------- */

typedef struct {
    const i18n_t *i18n;        /* loaded once; must outlive the board */
    kiosk_config_t cfg;
    app_font_storage_t fs;
    model_t *m;
    render_t *r;
    text_t *t;
    board_t *b;
    int64_t now_ms;
    double cold_ms;
    double first_frame_ms;
    unsigned first_calls;
    double rss[RSS_STAGES];   /* resident MB after each stage of bench_open */
    double at_ms[RSS_STAGES]; /* and when, since its start */
    text_stats_t text_first;  /* the text cache after the first frame */
} bench_t;

static void bench_close(bench_t *s)
{
    board_destroy(s->b);
    text_destroy(s->t);
    render_destroy(s->r);
    model_destroy(s->m);
    s->b = NULL;
    s->t = NULL;
    s->r = NULL;
    s->m = NULL;
}

static void stage(bench_t *s, int i, double t0)
{
    s->at_ms[i] = mono_ms() - t0;
    s->rss[i] = rss_now_mb();
}

/* Everything a kiosk does from its cache file to the first frame on screen
 * (less the window: the benchmark draws off screen), timed into
 * s->cold_ms, with the first board_draw alone in s->first_frame_ms. */
static int bench_open(bench_t *s, const char *path, diag_t *d)
{
    cache_t *c = NULL;
    text_fonts_t fonts;
    double t0 = mono_ms();
    stage(s, RSS_START, t0);
    cache_status_t st = cache_open(path, &c, d);
    if (st == CACHE_OK)
        st = cache_load_model(c, &s->m, d);
    cache_close(c);
    if (st != CACHE_OK)
        return -1;
    stage(s, RSS_MODEL, t0);
    if (app_fonts(&s->cfg, s->cfg.lang, &s->fs, &fonts, d) != 0)
        return -1;
    stage(s, RSS_FONTS, t0);
    if (!(s->r = render_create_offscreen(SCREEN_W, SCREEN_H, d)))
        return -1;
    stage(s, RSS_RENDER, t0);
    if (!(s->t = text_create(s->r, &fonts, d)))
        return -1;
    stage(s, RSS_TEXT, t0);
    board_opts_t o = {
        .render = s->r, .text = s->t, .i18n = s->i18n, .lang = s->cfg.lang,
        /* Paging held off: a steady frame is then exactly a clock tick.  A
         * page turn redraws the body like a first frame does. */
        .page_seconds = 24 * 3600,
        .min_label_px = s->cfg.board_min_label_px,
        .amber_seconds = s->cfg.freshness_amber_minutes * 60,
        .red_seconds = s->cfg.freshness_red_minutes * 60,
        .demo = 0, /* data from a cache, as on a showroom's kiosk */
    };
    if (!(s->b = board_create(&o, d)))
        return -1;
    if (board_set_model(s->b, s->m, d) != 0)
        return -1;
    board_update(s->b, s->now_ms);
    render_begin_frame(s->r);
    double f0 = mono_ms();
    int rc = board_draw(s->b, d);
    s->first_frame_ms = mono_ms() - f0;
    s->first_calls = render_stats(s->r)->draw_calls;
    if (rc != 0)
        return -1;
    render_present(s->r);
    s->cold_ms = mono_ms() - t0;
    stage(s, RSS_FRAME, t0); /* after the timing: reading /proc is not free */
    s->text_first = *text_stats(s->t);
    return 0;
}

/* Draws `frames` steady frames: each advances the clock by one minute, which
 * changes the clock and nothing else, then draws if the board says it must.
 * Returns the draw calls summed over the frames, or -1 with d set when a draw
 * failed; *skipped counts frames the board did not need.  Not static and not
 * inlined so callgrind can count exactly its instructions. */
__attribute__((noinline))
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((noclone))
#endif
long bench_steady_frames(board_t *b, render_t *r, int64_t *now_ms, int frames,
                         int *skipped, diag_t *d)
{
    long calls = 0;
    for (int k = 0; k < frames; k++) {
        *now_ms += MINUTE_MS;
        board_update(b, *now_ms);
        if (!board_needs_draw(b)) {
            (*skipped)++;
            continue;
        }
        render_begin_frame(r);
        if (board_draw(b, d) != 0)
            return -1;
        render_present(r);
        calls += (long)render_stats(r)->draw_calls;
    }
    return calls;
}

/* ---- --units N ------------------------------------------------------------- */

typedef struct {
    const char *dir;
    const char *results;
    int units;
    int runs;
    int frames;
    int header;
} opts_t;

static void print_header(int runs, int frames)
{
    printf("board at %dx%d, software renderer, demo seed %u, cache in a real "
           "SQLite file\n", SCREEN_W, SCREEN_H, DEMO_SEED);
    printf("cold start = cache_open .. first board_draw + render_present, %d "
           "times, each in a fresh process;\nsteady frame = clock +1 minute "
           "(paging held off), %d frames after the last cold start\n\n",
           runs, frames);
    printf("%6s %5s %5s  %-25s  %-23s  %-23s  %-12s  %s\n", "units", "bldgs",
           "pages", "cold start ms", "first frame ms", "steady frame ms",
           "draw calls", "peak RSS");
    printf("%6s %5s %5s  %-25s  %-23s  %-23s  %-12s  %s\n", "", "", "",
           "median [min..max]", "median [min..max]", "median [p10..p90]",
           "first/steady", "MB");
}

/* What one run sends back from its child process. */
typedef struct {
    double cold_ms, first_ms;
    unsigned first_calls;
    double at_ms[RSS_STAGES], rss[RSS_STAGES];
    text_stats_t text_first;
    int buildings, pages;
    /* Steady frames, when the run was asked for them. */
    int n_steady, skipped, idle_skipped;
    unsigned steady_misses;
    double steady_ms[STEADY_FRAMES];
    long steady_calls[STEADY_FRAMES];
    long minor_faults;          /* filled by the parent, from wait4() */
} run_result_t;

/* One cold start, then frames steady frames and the idle check. */
static int one_run(const char *path, const i18n_t *i18n, int frames,
                   run_result_t *res, diag_t *d)
{
    bench_t s;
    int rc = -1;

    memset(&s, 0, sizeof s);
    s.i18n = i18n;
    config_defaults(&s.cfg);
    s.now_ms = FIXED_NOW_S * 1000;
    if (bench_open(&s, path, d) != 0)
        goto out;
    res->cold_ms = s.cold_ms;
    res->first_ms = s.first_frame_ms;
    res->first_calls = s.first_calls;
    memcpy(res->at_ms, s.at_ms, sizeof res->at_ms);
    memcpy(res->rss, s.rss, sizeof res->rss);
    res->text_first = s.text_first;
    res->buildings = s.m->n_buildings;
    res->pages = board_get_layout(s.b)->n_pages;

    unsigned misses0 = text_stats(s.t)->misses;
    for (int k = 0; k < frames; k++) {
        int skip = 0;
        double f0 = mono_ms();
        long c = bench_steady_frames(s.b, s.r, &s.now_ms, 1, &skip, d);
        double dt = mono_ms() - f0;
        if (c < 0)
            goto out;
        if (skip) {
            res->skipped++;
            continue;
        }
        res->steady_ms[res->n_steady] = dt;
        res->steady_calls[res->n_steady++] = c;
    }
    res->steady_misses = text_stats(s.t)->misses - misses0;
    /* The same time again: nothing changed, so nothing to draw. */
    board_update(s.b, s.now_ms);
    res->idle_skipped = !board_needs_draw(s.b);
    rc = 0;
out:
    bench_close(&s);
    return rc;
}

/* Runs one_run() in a child process, so that each cold start starts from
 * nothing as a kiosk's does: no fonts, fontconfig, SDL or memory from an
 * earlier run (the parent has loaded only the string tables).  Returns 0
 * with *res and the child's peak RSS, or -1. */
static int forked_run(const char *path, const i18n_t *i18n, int frames,
                      run_result_t *res, double *rss_mb)
{
    int fd[2];
    if (pipe(fd) != 0) {
        perror("bench_board: pipe");
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        perror("bench_board: fork");
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    if (pid == 0) {
        diag_t d;
        diag_clear(&d);
        close(fd[0]);
        memset(res, 0, sizeof *res);
        int ok = one_run(path, i18n, frames, res, &d) == 0;
        if (!ok)
            fprintf(stderr, "bench_board: %s: %s\n", path, d.msg);
        else if (write(fd[1], res, sizeof *res) != (ssize_t)sizeof *res)
            ok = 0;
        _exit(ok ? 0 : 1);
    }
    close(fd[1]);
    size_t got = 0;
    while (got < sizeof *res) {
        ssize_t n = read(fd[0], (char *)res + got, sizeof *res - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd[0]);
    int st = 0;
    struct rusage ru;
    pid_t w;
    while ((w = wait4(pid, &st, 0, &ru)) < 0 && errno == EINTR)
        ;
    if (w != pid) {
        perror("bench_board: wait4");
        return -1;
    }
    if (WIFSIGNALED(st)) {
        fprintf(stderr, "bench_board: a run died of signal %d\n",
                WTERMSIG(st));
        return -1;
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || got != sizeof *res)
        return -1;
    *rss_mb = (double)ru.ru_maxrss / 1024.0; /* Linux: kilobytes */
    res->minor_faults = ru.ru_minflt;
    return 0;
}

static int run_units(const opts_t *o, const i18n_t *i18n)
{
    char path[600];
    double cold[MAX_RUNS], first[MAX_RUNS], rss = 0;
    int n_units = 0, rc = -1, med_run = 0;
    run_result_t *res = calloc((size_t)o->runs, sizeof *res);

    snprintf(path, sizeof path, "%s/board-%d.db", o->dir, o->units);
    if (!res) {
        fprintf(stderr, "bench_board: out of memory\n");
        return -1;
    }
    if (make_dirs(o->dir) != 0 || prepare_db(path, o->units, &n_units) != 0)
        goto out;
    for (int run = 0; run < o->runs; run++) {
        double r_mb = 0;
        /* Steady frames once, after the last cold start. */
        int frames = run == o->runs - 1 ? o->frames : 0;
        if (forked_run(path, i18n, frames, &res[run], &r_mb) != 0) {
            fprintf(stderr, "bench_board: %d units: run %d failed\n", o->units,
                    run + 1);
            goto out;
        }
        cold[run] = res[run].cold_ms;
        first[run] = res[run].first_ms;
        if (r_mb > rss)
            rss = r_mb;
    }
    /* The run whose cold start is the median (the lower middle one). */
    for (int run = 0; run < o->runs; run++) {
        int below = 0;
        for (int j = 0; j < o->runs; j++)
            below += res[j].cold_ms < res[run].cold_ms ||
                     (res[j].cold_ms == res[run].cold_ms && j < run);
        if (below == (o->runs - 1) / 2)
            med_run = run;
    }

    const run_result_t *last = &res[o->runs - 1], *mid = &res[med_run];
    int n_steady = last->n_steady;
    double steady[STEADY_FRAMES];
    double cold_med = median(cold, o->runs);
    double first_med = median(first, o->runs);
    double steady_med = 0, p10 = 0, p90 = 0;
    long calls_min = 0, calls_max = 0;
    if (n_steady > 0) {
        memcpy(steady, last->steady_ms, sizeof steady);
        steady_med = median(steady, n_steady);
        p10 = pct_sorted(steady, n_steady, 10);
        p90 = pct_sorted(steady, n_steady, 90);
        calls_min = calls_max = last->steady_calls[0];
        for (int i = 1; i < n_steady; i++) {
            if (last->steady_calls[i] < calls_min)
                calls_min = last->steady_calls[i];
            if (last->steady_calls[i] > calls_max)
                calls_max = last->steady_calls[i];
        }
    }

    char cs[40], fs[40], ss[40], dc[40];
    snprintf(cs, sizeof cs, "%.1f [%.1f..%.1f]", cold_med, cold[0],
             cold[o->runs - 1]);
    snprintf(fs, sizeof fs, "%.1f [%.1f..%.1f]", first_med, first[0],
             first[o->runs - 1]);
    if (n_steady > 0)
        snprintf(ss, sizeof ss, "%.2f [%.2f..%.2f]", steady_med, p10, p90);
    else
        snprintf(ss, sizeof ss, "none drawn");
    if (calls_min == calls_max)
        snprintf(dc, sizeof dc, "%u/%ld", mid->first_calls, calls_max);
    else
        snprintf(dc, sizeof dc, "%u/%ld-%ld", mid->first_calls, calls_min,
                 calls_max);
    if (o->header)
        print_header(o->runs, o->frames);
    printf("%6d %5d %5d  %-25s  %-23s  %-23s  %-12s  %.1f\n", n_units,
           mid->buildings, mid->pages, cs, fs, ss, dc, rss);
    printf("%20smedian run, ms at / resident MB after:", "");
    for (int i = 1; i < RSS_STAGES; i++)
        printf(" %s %.1f / %.1f%s", rss_stage_name[i], mid->at_ms[i],
               mid->rss[i], i + 1 < RSS_STAGES ? "," : "\n");
    printf("%20s%ld minor page faults in the run; text cache after the "
           "first frame: %u textures, %.1f MB;\n", "", mid->minor_faults,
           mid->text_first.entries,
           (double)mid->text_first.bytes / (1024.0 * 1024.0));
    printf("%20ssteady: %d frames drawn, %d skipped, %.1f texts rendered a "
           "frame; idle frame skipped: %s\n", "", n_steady, last->skipped,
           n_steady ? (double)last->steady_misses / n_steady : 0.0,
           last->idle_skipped ? "yes" : "no");
    fflush(stdout);

    FILE *rf = NULL;
    if (o->results && !(rf = fopen(o->results, "a")))
        fprintf(stderr, "bench_board: %s: %s\n", o->results, strerror(errno));
    char key[64];
#define RESULT(name, v)                                                       \
    do {                                                                      \
        snprintf(key, sizeof key, "%d.%s", o->units, name);                   \
        result(rf, key, v);                                                   \
    } while (0)
    RESULT("units", n_units);
    RESULT("cold_ms", cold_med);
    RESULT("cold_max_ms", cold[o->runs - 1]);
    RESULT("first_ms", first_med);
    RESULT("steady_ms", steady_med);
    RESULT("first_calls", mid->first_calls);
    RESULT("steady_calls", (double)calls_max);
    RESULT("idle_skipped", last->idle_skipped);
    RESULT("rss_mb", rss);
#undef RESULT
    if (rf)
        fclose(rf);
    rc = 0;
out:
    free(res);
    remove_db(path);
    return rc;
}

/* ---- --steady-only N --frames K ------------------------------------------ */

static int run_steady_only(const opts_t *o, const i18n_t *i18n)
{
    char path[600];
    bench_t s;
    diag_t d;
    int n_units = 0, skipped = 0, rc = -1;

    diag_clear(&d);
    memset(&s, 0, sizeof s);
    snprintf(path, sizeof path, "%s/steady-%d.db", o->dir, o->units);
    if (make_dirs(o->dir) != 0 || prepare_db(path, o->units, &n_units) != 0)
        return -1;
    s.i18n = i18n;
    config_defaults(&s.cfg);
    s.now_ms = FIXED_NOW_S * 1000;
    if (bench_open(&s, path, &d) != 0) {
        fprintf(stderr, "bench_board: %d units: %s\n", o->units, d.msg);
        goto out;
    }
    long calls = bench_steady_frames(s.b, s.r, &s.now_ms, o->frames, &skipped,
                                     &d);
    if (calls < 0) {
        fprintf(stderr, "bench_board: %d units: %s\n", o->units, d.msg);
        goto out;
    }
    int drawn = o->frames - skipped;
    double per = drawn > 0 ? (double)calls / drawn : 0.0;
    printf("steady-only: %d units, %d pages, %d frames drawn (%d skipped), "
           "%.1f draw calls a frame\n", n_units,
           board_get_layout(s.b)->n_pages, drawn, skipped, per);
    FILE *rf = NULL;
    if (o->results && !(rf = fopen(o->results, "a")))
        fprintf(stderr, "bench_board: %s: %s\n", o->results, strerror(errno));
    result(rf, "steady_only.units", n_units);
    result(rf, "steady_only.frames_drawn", drawn);
    result(rf, "steady_only.calls_per_frame", per);
    if (rf)
        fclose(rf);
    rc = 0;
out:
    bench_close(&s);
    remove_db(path);
    return rc;
}

/* ---- --idle SECONDS ------------------------------------------------------- */

typedef struct {
    double cpu_s;       /* user + system, every thread */
    long vcsw;          /* voluntary context switches, every thread */
    int ok;
} proc_sample_t;

/* CPU time and voluntary switches of a live process so far, from /proc:
 * per-thread schedstat (nanoseconds) and status.  Linux only; ok = 0 when
 * /proc cannot tell. */
static proc_sample_t sample_proc(pid_t pid)
{
    proc_sample_t s = {0, 0, 0};
    char dir[64], p[400], line[256];
    snprintf(dir, sizeof dir, "/proc/%ld/task", (long)pid);
    DIR *dp = opendir(dir);
    if (!dp)
        return s;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(p, sizeof p, "%s/%s/schedstat", dir, e->d_name);
        FILE *f = fopen(p, "r");
        unsigned long long ns = 0;
        if (!f || fscanf(f, "%llu", &ns) != 1) {
            if (f)
                fclose(f);
            closedir(dp);
            return s;
        }
        fclose(f);
        s.cpu_s += (double)ns / 1e9;
        snprintf(p, sizeof p, "%s/%s/status", dir, e->d_name);
        if (!(f = fopen(p, "r")))
            continue;
        while (fgets(line, sizeof line, f)) {
            if (strncmp(line, "voluntary_ctxt_switches:", 24) == 0) {
                s.vcsw += strtol(line + 24, NULL, 10);
                break;
            }
        }
        fclose(f);
    }
    closedir(dp);
    s.ok = 1;
    return s;
}

/* Finds "name=123" in text; -1 when absent. */
static long long kiosk_counter(const char *text, const char *name)
{
    char pat[32];
    snprintf(pat, sizeof pat, " %s=", name);
    const char *p = strstr(text, pat);
    if (!p)
        return -1;
    return strtoll(p + strlen(pat), NULL, 10);
}

/* Runs the real kiosk for `seconds` in mode ("board", or "browse" for the
 * attract loop a touchscreen shows when nobody uses it) and reports its CPU,
 * wake-ups and memory under keys starting with prefix. */
static int run_idle(double seconds, const char *dir, const char *results,
                    const char *mode, const char *prefix)
{
    const char *kiosk = getenv("KIOSK");
    char secs[32], err[8192];
    size_t err_len = 0;
    int pfd[2];

    if (!kiosk || !kiosk[0])
        kiosk = "build/kiosk";
    if (access(kiosk, X_OK) != 0) {
        fprintf(stderr, "bench_board: %s: %s (build it, or set KIOSK)\n", kiosk,
                strerror(errno));
        return -1;
    }
    if (make_dirs(dir) != 0)
        return -1;
    snprintf(secs, sizeof secs, "%g", seconds);
    printf("idle kiosk: %s --demo --mode %s, %s s, 1920x1080, dummy video, software "
           "renderer\n", kiosk, mode, secs);
    fflush(stdout);
    if (pipe(pfd) != 0) {
        perror("bench_board: pipe");
        return -1;
    }
    double t0 = mono_ms();
    pid_t pid = fork();
    if (pid < 0) {
        perror("bench_board: fork");
        return -1;
    }
    if (pid == 0) {
        dup2(pfd[1], STDERR_FILENO);
        close(pfd[0]);
        close(pfd[1]);
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        setenv("SDL_RENDER_DRIVER", "software", 1);
        execl(kiosk, kiosk, "--demo", "--mode", mode, "--data-dir", dir,
              "--windowed",
              "--size", "1920x1080", "--run-for", secs, (char *)NULL);
        fprintf(stderr, "bench_board: cannot run %s: %s\n", kiosk,
                strerror(errno));
        _exit(127);
    }
    close(pfd[1]);

    /* Read (and pass through) the kiosk's stderr.  Meanwhile note its CPU
     * and switches twice while it runs: once start-up is over (a fifth of
     * the way in) and shortly before it quits, so that the figure between
     * the two is the idle loop alone, without start-up or exit. */
    double when[2] = {seconds * 1000 / 5, seconds * 1000 - 500};
    if (when[0] < 1000)
        when[0] = seconds * 1000 / 2;
    proc_sample_t smp[2] = {{0, 0, 0}, {0, 0, 0}};
    double smp_t[2] = {0, 0};
    int n_smp = when[1] > when[0] + 1000 ? 0 : 2; /* too short: skip */
    for (;;) {
        int timeout = -1;
        if (n_smp < 2) {
            double now = mono_ms() - t0;
            if (now >= when[n_smp]) {
                smp[n_smp] = sample_proc(pid);
                smp_t[n_smp] = mono_ms() - t0;
                n_smp++;
                continue;
            }
            timeout = (int)(when[n_smp] - now) + 1;
        }
        struct pollfd pf = {pfd[0], POLLIN, 0};
        int n = poll(&pf, 1, timeout);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            continue;
        char buf[1024];
        ssize_t got = read(pfd[0], buf, sizeof buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        if (write(STDERR_FILENO, buf, (size_t)got) < 0) {
            /* nowhere to pass it to: keep reading */
        }
        size_t room = sizeof err - 1 - err_len;
        size_t take = (size_t)got < room ? (size_t)got : room;
        memcpy(err + err_len, buf, take);
        err_len += take;
    }
    close(pfd[0]);
    err[err_len] = '\0';

    int st = 0;
    struct rusage ru;
    pid_t w;
    while ((w = wait4(pid, &st, 0, &ru)) < 0 && errno == EINTR)
        ;
    double wall_s = (mono_ms() - t0) / 1000;
    if (w != pid) {
        perror("bench_board: wait4");
        return -1;
    }
    if (WIFSIGNALED(st)) {
        fprintf(stderr, "bench_board: %s died of signal %d\n", kiosk,
                WTERMSIG(st));
        return -1;
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "bench_board: %s exited with status %d\n", kiosk,
                WEXITSTATUS(st));
        return -1;
    }

    double cpu_s = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
                   (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    double cpu_pct = 100 * cpu_s / wall_s;
    double vcsw_s = (double)ru.ru_nvcsw / wall_s;
    double rss = (double)ru.ru_maxrss / 1024.0;
    long long frames = kiosk_counter(err, "frames");
    long long wakeups = kiosk_counter(err, "wakeups");

    printf("  whole run:       %.2f s wall, CPU %.3f s = %.2f %% of one core, "
           "peak RSS %.1f MB\n", wall_s, cpu_s, cpu_pct, rss);
    printf("                   voluntary context switches %ld = %.1f/s, "
           "involuntary %ld\n", ru.ru_nvcsw, vcsw_s, ru.ru_nivcsw);
    double idle_pct = -1, idle_vcsw = -1;
    if (smp[0].ok && smp[1].ok && smp_t[1] > smp_t[0]) {
        double span = (smp_t[1] - smp_t[0]) / 1000;
        idle_pct = 100 * (smp[1].cpu_s - smp[0].cpu_s) / span;
        idle_vcsw = (double)(smp[1].vcsw - smp[0].vcsw) / span;
        printf("  idle part:       %.1f..%.1f s: CPU %.2f %% of one core, "
               "%.1f voluntary switches/s (start-up and exit left out)\n",
               smp_t[0] / 1000, smp_t[1] / 1000, idle_pct, idle_vcsw);
    } else {
        printf("  idle part:       not measured (/proc unreadable, or the run "
               "is too short)\n");
    }
    if (wakeups >= 0)
        printf("  kiosk counters:  frames %lld, loop wake-ups %lld = %.1f/s\n",
               frames, wakeups, (double)wakeups / seconds);
    else
        printf("  kiosk counters:  no \"kiosk: frames=..\" line on stderr\n");
    fflush(stdout);

    FILE *rf = NULL;
    if (results && !(rf = fopen(results, "a")))
        fprintf(stderr, "bench_board: %s: %s\n", results, strerror(errno));
    char key[64];
#define KEY(name) (snprintf(key, sizeof key, "%s.%s", prefix, name), key)
    result(rf, KEY("cpu_pct"), cpu_pct);
    result(rf, KEY("vcsw_per_s"), vcsw_s);
    if (idle_pct >= 0) {
        result(rf, KEY("settled_cpu_pct"), idle_pct);
        result(rf, KEY("settled_vcsw_per_s"), idle_vcsw);
    }
    result(rf, KEY("rss_mb"), rss);
    if (wakeups >= 0)
        result(rf, KEY("kiosk_wakeups_per_s"), (double)wakeups / seconds);
    if (frames >= 0)
        result(rf, KEY("frames_per_s"), (double)frames / seconds);
#undef KEY
    if (rf)
        fclose(rf);
    return 0;
}

/* ---- main ------------------------------------------------------------------ */

static void usage(FILE *f)
{
    fprintf(f,
        "Usage: bench_board --units N [--runs R] [--dir DIR] [--no-header]\n"
        "                   [--results FILE]\n"
        "       bench_board --steady-only N --frames K [--dir DIR]\n"
        "                   [--results FILE]\n"
        "       bench_board --idle SECONDS [--mode board|browse] [--dir DIR]\n"
        "                   [--results FILE]\n"
        "Run from the repository root.  Measures; never fails on a time.\n");
}

int main(int argc, char **argv)
{
    enum { M_NONE, M_UNITS, M_STEADY, M_IDLE } mode = M_NONE;
    opts_t o = {"build/bench", NULL, 0, 7, STEADY_FRAMES, 1};
    double idle_s = 0;
    const char *idle_mode = "board";
    long v;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        int bad = 0;
        if (strcmp(a, "--no-header") == 0) {
            o.header = 0;
            continue;
        }
        if (strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        }
        if (!val) {
            fprintf(stderr, "bench_board: %s: missing value\n", a);
            usage(stderr);
            return 2;
        }
        i++;
        if (strcmp(a, "--units") == 0 || strcmp(a, "--steady-only") == 0) {
            mode = a[2] == 'u' ? M_UNITS : M_STEADY;
            bad = parse_long(val, 10, 100000, &v);
            o.units = (int)v;
        } else if (strcmp(a, "--runs") == 0) {
            bad = parse_long(val, 1, MAX_RUNS, &v);
            o.runs = (int)v;
        } else if (strcmp(a, "--frames") == 0) {
            bad = parse_long(val, 1, 100000, &v);
            o.frames = (int)v;
        } else if (strcmp(a, "--dir") == 0) {
            o.dir = val;
        } else if (strcmp(a, "--results") == 0) {
            o.results = val;
        } else if (strcmp(a, "--mode") == 0) {
            idle_mode = val;
            bad = strcmp(val, "board") != 0 && strcmp(val, "browse") != 0;
        } else if (strcmp(a, "--idle") == 0) {
            mode = M_IDLE;
            bad = parse_seconds(val, &idle_s);
        } else {
            fprintf(stderr, "bench_board: unknown option %s\n", a);
            usage(stderr);
            return 2;
        }
        if (bad) {
            fprintf(stderr, "bench_board: %s: bad value '%s'\n", a, val);
            return 2;
        }
    }
    if (mode == M_NONE) {
        usage(stderr);
        return 2;
    }
    if (mode == M_IDLE)
        return run_idle(idle_s, o.dir, o.results, idle_mode,
                        strcmp(idle_mode, "board") == 0 ? "idle" : "attract")
                       == 0 ? 0 : 1;
    if (mode == M_UNITS && o.frames > STEADY_FRAMES)
        o.frames = STEADY_FRAMES;

    i18n_t *i18n = NULL;
    diag_t d;
    diag_clear(&d);
    if (i18n_load("assets/i18n", &i18n, &d) != 0) {
        fprintf(stderr, "bench_board: %s (run from the repository root)\n",
                d.msg);
        return 1;
    }
    int rc = mode == M_UNITS ? run_units(&o, i18n) : run_steady_only(&o, i18n);
    i18n_destroy(i18n);
    return rc == 0 ? 0 : 1;
}
