/* bench_holds.c - a consultant's hold: from the tap to the screens that
 * show it.
 *
 * Figures for issue 5, against a real salesd on 127.0.0.1 (build/salesd,
 * or $SALESD) with a fresh demo database, one consultant added with
 * `salesd consultant add`, and `[holds] per_consultant = 100` in its
 * config (so a release that lags cannot make the next hold refused):
 *
 *  kiosk A  the consultant's touchscreen, in this process: the browser
 *           (browse mode, 1920x1080, software renderer, real fonts), its
 *           own sync worker and cache with the outbox and PIN lockout hooks
 *           wired by app_consultant_hooks, and a loop that does what
 *           app_run's does (on_outbox -> browse_invalidate, on_stored ->
 *           app_refresh_model, draw only when dirty).  The consultant signs
 *           in through the PIN pad, opens a unit and taps "hold" through
 *           the real gesture recogniser.
 *  kiosk B  a wall board in a process of its own (forked before anything
 *           else starts): its own sync worker, cache, model and board
 *           (offscreen), reporting each unit whose status changed with the
 *           monotonic times (comparable across processes) of its stored
 *           delta, its model refresh and its next presented frame.
 *
 * From the tap (the moment the finger lifts) it times, for n holds on
 * different units, each released again afterwards:
 *  - A: to the first presented frame that says "confirmed" (the outbox
 *    state the touchscreen last read, which its frames show, seen through
 *    a wrapper round the outbox_state hook);
 *  - A: to the first presented frame showing the unit held by this
 *    consultant (its model has the hold; the page offers "release");
 *  - B: to its sync worker storing the change (on_stored), to its model
 *    having it (app_refresh_model), and to its board frame presented;
 * and the same for the releases.  min, p50, p90, p99, max and n.  The
 * sync workers' stderr goes to a file while they run; what they said
 * besides one line a request is printed after the figures.
 *
 * Before each request it waits --gap ms, so both long polls are parked
 * again, plus a pseudo-random 0..1000 ms (fixed seed), so that the taps
 * land at every phase of whatever the workers do periodically: taps at a
 * fixed period would all see the same wait (as they did while a kick was
 * noticed only at libcurl's next progress call, about once a second).
 *
 * It measures and never fails on a time; --results appends "key value"
 * lines for tests/bench/run.sh.  Every wait is bounded; salesd and kiosk B
 * die with it (PR_SET_PDEATHSIG) and the temporary directory is removed on
 * every exit but a SIGKILL.
 *
 * Not for: correctness (tests/kiosk/ui/test_scene_signin.c and the sync
 * tests check behaviour).
 */
#define _DEFAULT_SOURCE /* lstat beside POSIX 2008 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "benchutil.h"
#include "browse.h"
#include "browse_private.h"
#include "cache.h"
#include "gesture.h"
#include "i18n.h"
#include "scene_board.h"
#include "sync.h"

#define TOKEN_A "kiosk-token-for-bench-holds-a01"
#define TOKEN_B "kiosk-token-for-bench-holds-b01"
#define CONSULTANT "c-bench"
#define PIN "73915"
#define SCREEN_W 1920
#define SCREEN_H 1080
#define A_HOLD (ACTION_BASE(SCENE_UNIT) + 5) /* arg 0 hold, 1 release */
#define A_PICK (ACTION_BASE(SCENE_SIGNIN) + 1)
#define A_DIGIT (ACTION_BASE(SCENE_SIGNIN) + 2)
#define A_SUBMIT (ACTION_BASE(SCENE_SIGNIN) + 4)
#define STEP_TIMEOUT_MS 10000     /* one hold or release, every screen */
#define MAX_ROUNDS 1000
#define MAX_REPORTS 8192
#define MS 1000000LL              /* nanoseconds */

/* ---- process-wide state: what cleanup must undo -------------------------- */

static volatile sig_atomic_t g_stop;
static pid_t g_salesd, g_kiosk_b;
static char g_tmp[512];
static FILE *g_results;
static FILE *g_err;       /* this program's own messages: the real stderr */
static char g_log[600];   static int64_t mono_ms(void)
{
    return mono_ns() / MS;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR && !g_stop)
        ;
}

static void on_signal(int sig)
{
    g_stop = sig;
}

static void stop_child(pid_t *pid)
{
    if (*pid > 0) {
        kill(*pid, SIGTERM);
        wait_child(*pid, 10000);
        *pid = 0;
    }
}

static void cleanup(void)
{
    stop_child(&g_kiosk_b);
    stop_child(&g_salesd);
    if (g_tmp[0]) {
        rm_tree(g_tmp);
        g_tmp[0] = '\0';
    }
}

static void result(const char *key, double v)
{
    if (g_results) {
        fprintf(g_results, "%s %.3f\n", key, v);
        fflush(g_results);
    }
}

/* Runs a salesd command to its end; 0 when it succeeded. */
static int salesd_run(const char *const *argv, const char *log)
{
    pid_t pid = spawn_logged(argv, log);
    int rc = pid > 0 ? wait_child(pid, 60000) : -1;
    if (rc != 0)
        fprintf(g_err, "bench_holds: salesd %s failed (%d): see %s\n",
                argv[1], rc, log);
    return rc == 0 ? 0 : -1;
}

/* A fresh demo database with one consultant, served on an ephemeral port
 * (written to *port).  Returns 0 or -1. */
static int salesd_start(int units, int *port)
{
    char db[600], log[600], tokens[600], ini[600], portfile[600], n[16];
    snprintf(db, sizeof db, "%s/sales.db", g_tmp);
    snprintf(log, sizeof log, "%s/salesd.log", g_tmp);
    snprintf(tokens, sizeof tokens, "%s/tokens", g_tmp);
    snprintf(ini, sizeof ini, "%s/salesd.ini", g_tmp);
    snprintf(portfile, sizeof portfile, "%s/port", g_tmp);
    snprintf(n, sizeof n, "%d", units);
    if (write_file(tokens, TOKEN_A " touchscreen kiosk\n"
                           TOKEN_B " wallboard kiosk\n") != 0 ||
        write_file(ini, "[holds]\nper_consultant = 100\n") != 0) {
        fprintf(g_err, "bench_holds: cannot write in %s\n", g_tmp);
        return -1;
    }
    const char *init[] = {salesd_path(), "init", "--db", db, "--demo",
                          "--units", n, NULL};
    const char *add[] = {salesd_path(), "consultant", "add", "--db", db,
                         CONSULTANT, "--name-zh-hant", "陳美玲",
                         "--name-zh-hans", "陈美玲", "--name-en",
                         "Chan Mei-ling", "--pin", PIN, "--iterations",
                         "1000", NULL};
    if (salesd_run(init, log) != 0 || salesd_run(add, log) != 0)
        return -1;
    const char *serve[] = {salesd_path(), "serve", "--config", ini, "--db", db,
                           "--tokens", tokens, "--listen", "127.0.0.1:0",
                           "--port-file", portfile, "--max-wait", "60", NULL};
    if ((g_salesd = spawn_logged(serve, log)) < 0)
        return -1;
    for (int i = 0; i < 1000 && !g_stop; i++) {
        FILE *f = fopen(portfile, "r");
        if (f) {
            int ok = fscanf(f, "%d", port) == 1 && *port > 0;
            fclose(f);
            if (ok)
                return 0;
        }
        if (waitpid(g_salesd, NULL, WNOHANG) == g_salesd) {
            g_salesd = 0;
            break;
        }
        sleep_ms(10);
    }
    fprintf(g_err, "bench_holds: salesd did not start: see %s\n", log);
    return -1;
}

/* ---- a kiosk's sync worker and its wake-ups ------------------------------ */

/* What the worker's callbacks tell the kiosk's loop, and a self-pipe that
 * wakes it (platform_wake's part in the app). */
typedef struct {
    int wake[2];
    _Atomic(sync_t *) s;
    atomic_int stored, full, outbox, snapshots;
    atomic_llong applied;        /* units_applied as of the last delta */
    atomic_llong stored_ns;      /* when it last grew */
} worker_t;

static void worker_wake(worker_t *w)
{
    if (write(w->wake[1], "w", 1) < 0) {
        /* full: the loop is awake already */
    }
}

/* On the worker's thread, after each commit. */
static void on_stored(void *user, int full)
{
    worker_t *w = user;
    int64_t now = mono_ns();
    sync_t *s = atomic_load(&w->s);
    if (full) {
        atomic_store(&w->full, 1);
        atomic_fetch_add(&w->snapshots, 1);
    } else if (s) {
        sync_status_t st;
        sync_get_status(s, &st);
        if (st.units_applied > atomic_load(&w->applied)) {
            atomic_store(&w->stored_ns, (long long)now);
            atomic_store(&w->applied, (long long)st.units_applied);
        }
    }
    atomic_store(&w->stored, 1);
    worker_wake(w);
}

/* On the worker's thread: an outbox entry was confirmed or refused. */
static void on_outbox(void *user)
{
    worker_t *w = user;
    atomic_store(&w->outbox, 1);
    worker_wake(w);
}

/* Starts a worker on cache_path (media_dir may be NULL); waits (bounded)
 * for its first snapshot.  Returns 0, or -1 with a message. */
static int worker_start(worker_t *w, int port, const char *token,
                        const char *cache_path, const char *media_dir,
                        const char *who)
{
    char url[64];
    diag_t d;
    diag_clear(&d);
    memset(w, 0, sizeof *w);
    if (pipe(w->wake) != 0) {
        fprintf(g_err, "bench_holds: pipe: %s\n", strerror(errno));
        return -1;
    }
    for (int i = 0; i < 2; i++)
        fcntl(w->wake[i], F_SETFL, fcntl(w->wake[i], F_GETFL) | O_NONBLOCK);
    snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
    sync_opts_t o = {
        .server_url = url, .project_id = "demo-emerald-lake", .token = token,
        .cache_path = cache_path, .ca_file = "", .pinned_key = "",
        .connect_timeout_ms = 5000, .wait_s = 60,
        .transfer_timeout_ms = 30000, .max_bytes = 64L << 20,
        .backoff_min_ms = 50, .backoff_max_ms = 1000,
        .on_stored = on_stored, .user = w, .media_dir = media_dir,
        .on_outbox = on_outbox,
    };
    sync_t *s = sync_start(&o, &d);
    if (!s) {
        fprintf(g_err, "bench_holds: %s: sync_start: %s\n", who, d.msg);
        return -1;
    }
    atomic_store(&w->s, s);
    for (int i = 0; i < 3000 && !g_stop && !atomic_load(&w->snapshots); i++)
        sleep_ms(10);
    if (!atomic_load(&w->snapshots)) {
        fprintf(g_err, "bench_holds: %s: no snapshot stored in 30 s\n", who);
        return -1;
    }
    return 0;
}

static void worker_stop(worker_t *w)
{
    sync_stop(atomic_exchange(&w->s, NULL));
    for (int i = 0; i < 2; i++)
        if (w->wake[i] > 0)
            close(w->wake[i]);
}

static void drain(int fd)
{
    char buf[64];
    while (read(fd, buf, sizeof buf) > 0)
        ;
}

/* ---- kiosk B: a wall board in its own process ---------------------------- */

/* Reports, one line a unit whose status changed in a refresh:
 * "<unit> <status> <held_by or -> <stored ns> <model ns> <frame ns>". */
static int kiosk_b_main(int out, int port, const char *cache_path)
{
    worker_t w;
    diag_t d;
    diag_clear(&d);
    cache_t *ui = NULL;
    model_t *m = NULL;
    i18n_t *i18n = NULL;
    render_t *r = NULL;
    text_t *t = NULL;
    board_t *b = NULL;
    unit_status_t *prev = NULL;
    kiosk_config_t cfg;
    app_font_storage_t fs;
    text_fonts_t fonts;
    int rc = 1;

    prctl(PR_SET_PDEATHSIG, SIGTERM);
    config_defaults(&cfg);
    if (worker_start(&w, port, TOKEN_B, cache_path, NULL, "kiosk B") != 0)
        goto out;
    if (cache_open(cache_path, &ui, &d) != CACHE_OK ||
        cache_load_model(ui, &m, &d) != CACHE_OK ||
        i18n_load("assets/i18n", &i18n, &d) != 0 ||
        app_fonts(&cfg, cfg.lang, &fs, &fonts, &d) != 0 ||
        !(r = render_create_offscreen(SCREEN_W, SCREEN_H, &d)) ||
        !(t = text_create(r, &fonts, &d))) {
        fprintf(g_err, "bench_holds: kiosk B: %s\n", d.msg);
        goto out;
    }
    model_index(m);
    board_opts_t bo = {
        .render = r, .text = t, .i18n = i18n, .lang = cfg.lang,
        .page_seconds = cfg.board_page_seconds,
        .min_label_px = cfg.board_min_label_px,
        .amber_seconds = cfg.freshness_amber_minutes * 60,
        .red_seconds = cfg.freshness_red_minutes * 60,
        .highlight_ms = cfg.highlight_seconds * 1000,
        .banner_ms = cfg.banner ? cfg.banner_seconds * 1000 : 0,
    };
    if (!(b = board_create(&bo, &d)) || board_set_model(b, m, &d) != 0) {
        fprintf(g_err, "bench_holds: kiosk B: %s\n", d.msg);
        goto out;
    }
    int n_prev = m->n_units;
    if (!(prev = malloc(sizeof *prev * (size_t)(n_prev > 0 ? n_prev : 1))))
        goto out;
    for (int i = 0; i < n_prev; i++)
        prev[i] = m->units[i].status;
    if (write(out, "ready\n", 6) != 6)
        goto out;

    /* Units changed by the last refresh, waiting for their frame. */
    int pending[64], n_pending = 0;
    int64_t t_stored = 0, t_model = 0;
    while (!g_stop) {
        int64_t wait = board_update(b, app_now_ms());
        if (board_needs_draw(b)) {
            render_begin_frame(r);
            if (board_draw(b, &d) != 0)
                fprintf(g_err, "bench_holds: kiosk B: %s\n", d.msg);
            render_present(r);
            int64_t t_frame = mono_ns();
            for (int k = 0; k < n_pending; k++) {
                const unit_t *u = &m->units[pending[k]];
                char line[256];
                int len = snprintf(line, sizeof line,
                                   "%s %d %s %lld %lld %lld\n", u->id,
                                   (int)u->status,
                                   u->held_by[0] ? u->held_by : "-",
                                   (long long)t_stored, (long long)t_model,
                                   (long long)t_frame);
                if (len > 0 && (size_t)len < sizeof line &&
                    write(out, line, (size_t)len) != len)
                    g_stop = SIGPIPE; /* the parent is gone */
            }
            n_pending = 0;
        }
        struct pollfd p = {w.wake[0], POLLIN, 0};
        if (poll(&p, 1, wait < 0 || wait > 1000 ? 1000 : (int)wait) <= 0)
            continue;
        drain(w.wake[0]);
        if (!atomic_exchange(&w.stored, 0))
            continue;
        int full = atomic_exchange(&w.full, 0);
        t_stored = atomic_load(&w.stored_ns);
        if (app_refresh_model(ui, &m, b, NULL, full, app_now_ms(), &d) < 0) {
            fprintf(g_err, "bench_holds: kiosk B: %s\n", d.msg);
            continue;
        }
        t_model = mono_ns();
        if (m->n_units != n_prev) { /* a new project: nothing to compare */
            unit_status_t *np = realloc(prev, sizeof *np * (size_t)m->n_units);
            if (!np)
                goto out;
            prev = np;
            n_prev = m->n_units;
            for (int i = 0; i < n_prev; i++)
                prev[i] = m->units[i].status;
            continue;
        }
        for (int i = 0; i < n_prev; i++)
            if (m->units[i].status != prev[i]) {
                prev[i] = m->units[i].status;
                if (n_pending < (int)(sizeof pending / sizeof *pending))
                    pending[n_pending++] = i;
            }
    }
    rc = 0;
out:
    worker_stop(&w);
    board_destroy(b);
    text_destroy(t);
    render_destroy(r);
    cache_close(ui);
    model_destroy(m);
    i18n_destroy(i18n);
    free(prev);
    close(out);
    return rc;
}

/* Forks kiosk B; *fd gets the read end of its reports.  Returns 0 or -1. */
static int kiosk_b_start(int port, int *fd)
{
    char cache_path[600];
    int p[2];
    snprintf(cache_path, sizeof cache_path, "%s/kiosk-b.db", g_tmp);
    if (pipe(p) != 0) {
        fprintf(g_err, "bench_holds: pipe: %s\n", strerror(errno));
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(g_err, "bench_holds: fork: %s\n", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        close(p[0]);
        g_salesd = 0; /* the parent's to stop, and its directory */
        g_tmp[0] = '\0';
        _exit(kiosk_b_main(p[1], port, cache_path));
    }
    close(p[1]);
    fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
    *fd = p[0];
    g_kiosk_b = pid;
    return 0;
}

/* ---- kiosk A: the consultant's touchscreen ------------------------------- */

typedef struct {
    char unit[MODEL_ID_MAX];
    int status;
    int64_t stored, model, frame; /* ns */
} report_t;

/* One timed request (a hold or a release) and what each screen showed. */
typedef struct {
    char unit[MODEL_ID_MAX];
    int release;
    int64_t tap;          /* ns: the finger lifted */
    int64_t confirmed;    /* A's first frame saying "confirmed" */
    int64_t shown;        /* A's first frame with the unit held / free */
    int64_t b_stored, b_model, b_frame;
    char refused[160];    /* the outbox's refusal, if it was refused */
} round_t;

typedef struct {
    worker_t w;
    cache_t *ui;
    model_t *m;
    i18n_t *i18n;
    render_t *r;
    text_t *t;
    browse_t *b;
    gesture_t *g;
    kiosk_config_t cfg;
    app_lang_t al;
    app_outbox_t ob;
    /* The app's outbox_state hook, wrapped to note what a frame read. */
    browse_outbox_state_fn state_fn;
    int seen_state;       /* what the screen last read; -1 none */
    char seen_reason[160];
    /* Kiosk B's reports. */
    int b_fd;
    char b_buf[4096];
    size_t b_len;
    report_t *reports;
    int n_reports;
    int b_ready, b_gone;
    round_t *cur;         /* the request being timed, or NULL */
} kiosk_a_t;

/* The kiosk whose outbox_state hook is wrapped (its user pointer stays the
 * app's: the other outbox hooks share it). */
static kiosk_a_t *g_wrapped;

static int seen_state(void *user, const char *key, int *state, char *reason,
                      size_t n)
{
    kiosk_a_t *a = g_wrapped;
    int rc = a->state_fn(user, key, state, reason, n);
    a->seen_state = rc == 0 ? *state : -1;
    snprintf(a->seen_reason, sizeof a->seen_reason, "%s",
             rc == 0 ? reason : "");
    return rc;
}

/* Reads what kiosk B reported so far (non-blocking). */
static void read_b(kiosk_a_t *a)
{
    for (;;) {
        ssize_t got = read(a->b_fd, a->b_buf + a->b_len,
                           sizeof a->b_buf - 1 - a->b_len);
        if (got == 0)
            a->b_gone = 1;
        if (got <= 0)
            break;
        a->b_len += (size_t)got;
        a->b_buf[a->b_len] = '\0';
        char *line = a->b_buf, *nl;
        while ((nl = strchr(line, '\n')) != NULL) {
            *nl = '\0';
            report_t rp;
            char held[MODEL_ID_MAX];
            long long s, m, f;
            if (strcmp(line, "ready") == 0)
                a->b_ready = 1;
            else if (sscanf(line, "%39s %d %39s %lld %lld %lld", rp.unit,
                            &rp.status, held, &s, &m, &f) == 6 &&
                     a->n_reports < MAX_REPORTS) {
                rp.stored = s;
                rp.model = m;
                rp.frame = f;
                a->reports[a->n_reports++] = rp;
            }
            line = nl + 1;
        }
        a->b_len = strlen(line);
        memmove(a->b_buf, line, a->b_len + 1);
        if (a->b_len == sizeof a->b_buf - 1)
            a->b_len = 0; /* a line longer than any B writes */
    }
}

/* What the frame just presented showed of the request being timed. */
static void after_frame(kiosk_a_t *a, int64_t t)
{
    round_t *rd = a->cur;
    rect_t r;
    if (!rd)
        return;
    if (!rd->confirmed && a->seen_state == OUTBOX_CONFIRMED)
        rd->confirmed = t;
    if (a->seen_state == OUTBOX_REFUSED && !rd->refused[0])
        snprintf(rd->refused, sizeof rd->refused, "%s",
                 a->seen_reason[0] ? a->seen_reason : "refused");
    /* Held by this consultant: the page offers "release" (arg 1); free
     * again: "hold" (arg 0). */
    if (!rd->shown && browse_find(a->b, A_HOLD, rd->release ? 0 : 1, &r))
        rd->shown = t;
}

/* One turn of the kiosk's loop, as app_run's: update, ripe gestures, draw
 * if dirty, then sleep until a wake-up, kiosk B's report or at most
 * max_wait_ms. */
static void a_step(kiosk_a_t *a, int max_wait_ms)
{
    diag_t d;
    int64_t wait = browse_update(a->b, app_now_ms());
    int64_t now = mono_ms();
    gesture_event_t ge;
    int got = 0;
    while (gesture_poll(a->g, now, &ge)) {
        browse_gesture(a->b, &ge, app_now_ms());
        got = 1;
    }
    int64_t due = gesture_next_deadline(a->g, now);
    if (due >= 0 && (wait < 0 || due - now < wait))
        wait = due - now;
    if (got)
        wait = 0;
    if (browse_needs_draw(a->b)) {
        render_begin_frame(a->r);
        if (browse_draw(a->b, &d) != 0)
            fprintf(g_err, "bench_holds: kiosk A: %s\n", d.msg);
        render_present(a->r);
        after_frame(a, mono_ns());
        rect_t area;
        if (browse_double_tap_area(a->b, &area))
            gesture_set_double_tap_area(a->g, area.x, area.y, area.w, area.h);
        else
            gesture_set_double_tap_area(a->g, 0, 0, 0, 0);
    }
    if (wait < 0 || wait > max_wait_ms)
        wait = max_wait_ms;
    struct pollfd p[2] = {{a->w.wake[0], POLLIN, 0},
                          {a->b_gone ? -1 : a->b_fd, POLLIN, 0}};
    if (poll(p, 2, (int)wait) <= 0)
        return;
    if (p[1].revents)
        read_b(a);
    if (!p[0].revents)
        return;
    drain(a->w.wake[0]);
    if (atomic_exchange(&a->w.stored, 0)) {
        int full = atomic_exchange(&a->w.full, 0);
        if (app_refresh_model(a->ui, &a->m, NULL, a->b, full, app_now_ms(),
                              &d) < 0)
            fprintf(g_err, "bench_holds: kiosk A: %s\n", d.msg);
    }
    if (atomic_exchange(&a->w.outbox, 0))
        browse_invalidate(a->b); /* "confirmed" or "refused" */
}

/* Runs the loop for ms. */
static void a_run(kiosk_a_t *a, int ms)
{
    int64_t end = mono_ms() + ms;
    for (int64_t left = ms; left > 0 && !g_stop; left = end - mono_ms())
        a_step(a, (int)left);
}

/* An untimed tap on the control drawn for (action, arg), delivered as the
 * recogniser would, and its frame drawn.  Returns 0, or -1 when the last
 * frame has no such control. */
static int a_tap_action(kiosk_a_t *a, int action, int arg)
{
    rect_t r;
    if (!browse_find(a->b, action, arg, &r))
        return -1;
    gesture_event_t ge = {.type = GESTURE_TAP, .x = r.x + r.w / 2,
                          .y = r.y + r.h / 2};
    browse_gesture(a->b, &ge, app_now_ms());
    a_run(a, 5);
    return 0;
}

/* Signs CONSULTANT in through the PIN pad.  Returns 0 or -1. */
static int a_sign_in(kiosk_a_t *a)
{
    int idx = -1;
    for (int i = 0; i < a->m->n_consultants; i++)
        if (strcmp(a->m->consultants[i].id, CONSULTANT) == 0)
            idx = i;
    if (idx < 0) {
        fprintf(g_err, "bench_holds: kiosk A's project has no consultant "
                        CONSULTANT "\n");
        return -1;
    }
    gesture_event_t wake = {.type = GESTURE_TAP, .x = SCREEN_W / 2,
                            .y = SCREEN_H / 3};
    browse_gesture(a->b, &wake, app_now_ms());
    a_run(a, 5);
    rect_t c = browse_signin_corner(a->b);
    gesture_event_t lp = {.type = GESTURE_LONG_PRESS, .x = c.x + c.w / 2,
                          .y = c.y + c.h / 2};
    browse_gesture(a->b, &lp, app_now_ms());
    a_run(a, 5);
    if (a_tap_action(a, A_PICK, idx) != 0)
        return -1;
    for (const char *p = PIN; *p; p++)
        if (a_tap_action(a, A_DIGIT, *p - '0') != 0)
            return -1;
    if (a_tap_action(a, A_SUBMIT, 0) != 0 || !browse_consultant(a->b))
        return -1;
    return 0;
}

/* Opens unit k's detail page; 0 when it offers "hold". */
static int a_open_unit(kiosk_a_t *a, int k)
{
    rect_t r;
    browse_go(a->b, SCENE_HOME);
    snprintf(a->b->unit_id, sizeof a->b->unit_id, "%s", a->m->units[k].id);
    browse_go(a->b, SCENE_UNIT);
    a_run(a, 5);
    return browse_find(a->b, A_HOLD, 0, &r) ? 0 : -1;
}

/* Kiosk B's report of rd's unit with the status wanted, after the tap. */
static void match_b(kiosk_a_t *a, round_t *rd)
{
    int want = rd->release ? STATUS_AVAILABLE : STATUS_HELD;
    for (int i = 0; i < a->n_reports && !rd->b_frame; i++) {
        const report_t *rp = &a->reports[i];
        if (rp->status == want && rp->model >= rd->tap &&
            strcmp(rp->unit, rd->unit) == 0) {
            rd->b_stored = rp->stored >= rd->tap ? rp->stored : 0;
            rd->b_model = rp->model;
            rd->b_frame = rp->frame;
        }
    }
}

/* A finger presses the hold (or release) button and lifts; the loop runs
 * until A shows it confirmed and the unit's new state, and B's board has
 * it (or STEP_TIMEOUT_MS).  Returns 1 when every screen got there. */
static int a_timed_tap(kiosk_a_t *a, round_t *rd)
{
    rect_t r;
    if (!browse_find(a->b, A_HOLD, rd->release, &r))
        return 0;
    app_event_t ev = {.type = EV_TOUCH_DOWN, .x = r.x + r.w / 2,
                      .y = r.y + r.h / 2, .finger = 1};
    gesture_feed(a->g, &ev, mono_ms());
    a_run(a, 70); /* a finger's press */
    a->cur = rd;
    ev.type = EV_TOUCH_UP;
    rd->tap = mono_ns();
    gesture_feed(a->g, &ev, mono_ms());
    int64_t end = mono_ms() + STEP_TIMEOUT_MS;
    while (!g_stop && mono_ms() < end && !rd->refused[0]) {
        a_step(a, 20);
        match_b(a, rd);
        if (rd->confirmed && rd->shown && (rd->b_frame || a->b_gone))
            break;
    }
    a->cur = NULL;
    return rd->confirmed && rd->shown && rd->b_frame;
}

static int kiosk_a_open(kiosk_a_t *a, int port)
{
    char cache_path[600], media[600];
    diag_t d;
    diag_clear(&d);
    text_fonts_t fonts;
    snprintf(cache_path, sizeof cache_path, "%s/kiosk-a.db", g_tmp);
    snprintf(media, sizeof media, "%s/kiosk-a-media", g_tmp);
    mkdir(media, 0755);
    config_defaults(&a->cfg);
    if (worker_start(&a->w, port, TOKEN_A, cache_path, media, "kiosk A") != 0)
        return -1;
    /* Pictures first, as a kiosk that has been running a while has them. */
    sync_status_t st = {0};
    for (int i = 0; i < 3000 && !g_stop; i++) {
        sync_get_status(atomic_load(&a->w.s), &st);
        if (st.media_missing == 0)
            break;
        sleep_ms(10);
    }
    if (st.media_missing != 0)
        printf("  (kiosk A: %d pictures still missing; going on)\n",
               st.media_missing);
    if (cache_open(cache_path, &a->ui, &d) != CACHE_OK ||
        cache_load_model(a->ui, &a->m, &d) != CACHE_OK ||
        i18n_load("assets/i18n", &a->i18n, &d) != 0 ||
        app_fonts(&a->cfg, a->cfg.lang, &a->al.fs, &fonts, &d) != 0) {
        fprintf(g_err, "bench_holds: kiosk A: %s\n", d.msg);
        return -1;
    }
    model_index(a->m);
    fonts.map_files = 1; /* as the app does in browse mode */
    if (!(a->r = render_create_offscreen(SCREEN_W, SCREEN_H, &d)) ||
        !(a->t = text_create(a->r, &fonts, &d))) {
        fprintf(g_err, "bench_holds: kiosk A: %s\n", d.msg);
        return -1;
    }
    browse_opts_t o = app_browse_opts(&a->cfg, a->r, a->t, a->i18n, media,
                                      &a->al);
    a->ob = (app_outbox_t){a->ui, atomic_load(&a->w.s)};
    app_consultant_hooks(&o, &a->ob);
    a->state_fn = o.outbox_state;
    o.outbox_state = seen_state;
    g_wrapped = a;
    a->seen_state = -1;
    if (!(a->b = browse_create(&o, &d))) {
        fprintf(g_err, "bench_holds: kiosk A: %s\n", d.msg);
        return -1;
    }
    browse_set_model(a->b, a->m);
    gesture_opts_t go = {.screen_w = SCREEN_W, .screen_h = SCREEN_H};
    if (!(a->g = gesture_create(&go)))
        return -1;
    a_run(a, 5);
    return 0;
}

static void kiosk_a_close(kiosk_a_t *a)
{
    worker_stop(&a->w);
    gesture_destroy(a->g);
    browse_destroy(a->b);
    text_destroy(a->t);
    render_destroy(a->r);
    cache_close(a->ui);
    model_destroy(a->m);
    i18n_destroy(a->i18n);
}

/* A repeatable pseudo-random number in [0, n) (xorshift32). */
static int jitter(uint32_t *state, int n)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return (int)(x % (uint32_t)n);
}

/* ---- figures ------------------------------------------------------------- */

/* Milliseconds from each round's tap to the field at off (0 = missing). */
static void report(const char *key, const char *what, const round_t *rd,
                   int n, size_t off)
{
    double *v = malloc(sizeof *v * (size_t)(n > 0 ? n : 1));
    int k = 0;
    for (int i = 0; v && i < n; i++) {
        int64_t t;
        memcpy(&t, (const char *)&rd[i] + off, sizeof t);
        if (t > 0)
            v[k++] = (double)(t - rd[i].tap) / 1e6;
    }
    if (k == 0) {
        printf("  %-42s not measured\n", what);
        free(v);
        return;
    }
    qsort(v, (size_t)k, sizeof *v, cmp_double);
    double p50 = pct_sorted(v, k, 50), p90 = pct_sorted(v, k, 90),
           p99 = pct_sorted(v, k, 99), max = v[k - 1];
    printf("  %-42s min %6.1f  p50 %6.1f ms  p90 %6.1f  p99 %6.1f  "
           "max %6.1f  (n=%d)\n", what, v[0], p50, p90, p99, max, k);
    char name[96];
    static const char *const stat[] = {"min", "p50", "p90", "p99", "max"};
    const double val[] = {v[0], p50, p90, p99, max};
    for (int i = 0; i < 5; i++) {
        snprintf(name, sizeof name, "%s.%s_ms", key, stat[i]);
        result(name, val[i]);
    }
    snprintf(name, sizeof name, "%s.n", key);
    result(name, k);
    free(v);
}

static void print_machine(void)
{
    char line[256], model[160] = "unknown", load[64] = "?";
    FILE *f = fopen("/proc/cpuinfo", "r");
    while (f && fgets(line, sizeof line, f)) {
        const char *c = strchr(line, ':');
        if (strncmp(line, "model name", 10) == 0 && c) {
            snprintf(model, sizeof model, "%s", c + 2);
            model[strcspn(model, "\n")] = '\0';
            break;
        }
    }
    if (f)
        fclose(f);
    if ((f = fopen("/proc/loadavg", "r"))) {
        if (fgets(load, sizeof load, f))
            load[strcspn(load, "\n")] = '\0';
        fclose(f);
    }
    printf("machine: %ld CPUs online, %s; load average %s\n",
           sysconf(_SC_NPROCESSORS_ONLN), model, load);
}

/* Sends this process's stderr (the sync workers write there, kiosk B's
 * too) to g_log; this program's messages go on to the old one (g_err). */
static void stderr_to_log(void)
{
    int fd, saved;
    snprintf(g_log, sizeof g_log, "%s/kiosks.log", g_tmp);
    fflush(stderr);
    if ((fd = open(g_log, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
        return;
    FILE *f = (saved = dup(STDERR_FILENO)) >= 0 ? fdopen(saved, "w") : NULL;
    if (f && dup2(fd, STDERR_FILENO) >= 0) {
        setvbuf(f, NULL, _IONBF, 0);
        g_err = f;
    } else if (f) {
        fclose(f);
    }
    close(fd);
}

/* How much the sync workers said, and what, but their outbox lines (one a
 * request). */
static void summarize_log(void)
{
    char line[320];
    int total = 0, shown = 0;
    FILE *f = g_log[0] ? fopen(g_log, "r") : NULL;
    while (f && fgets(line, sizeof line, f)) {
        total++;
        if (strstr(line, "sync: outbox ") || shown == 5)
            continue;
        if (!shown++)
            printf("  the kiosks' sync workers said (besides their outbox "
                   "lines):\n");
        printf("    %s", line);
    }
    if (f)
        fclose(f);
    printf("  (%d lines from the kiosks' sync workers in all)\n", total);
}

/* ---- main ---------------------------------------------------------------- */

int main(int argc, char **argv)
{
    long holds = 50, units = 2000, gap = 150, deadline = 300;
    const char *results = NULL, *dir = NULL;
    g_err = stderr;
    for (int i = 1; i < argc; i += 2) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int bad = 0;
        if (!v)
            bad = 1;
        else if (strcmp(argv[i], "--holds") == 0)
            bad = parse_long(v, 1, MAX_ROUNDS / 2, &holds);
        else if (strcmp(argv[i], "--units") == 0)
            bad = parse_long(v, 100, 20000, &units);
        else if (strcmp(argv[i], "--gap") == 0)
            bad = parse_long(v, 0, 10000, &gap);
        else if (strcmp(argv[i], "--deadline") == 0)
            bad = parse_long(v, 10, 3600, &deadline);
        else if (strcmp(argv[i], "--results") == 0)
            results = v;
        else if (strcmp(argv[i], "--dir") == 0)
            dir = v;
        else
            bad = 1;
        if (bad) {
            fprintf(stderr, "usage: bench_holds [--holds N] [--units N] "
                            "[--gap MS] [--deadline S] [--results FILE] "
                            "[--dir DIR]\n");
            return 2;
        }
    }
    int64_t start = mono_ms(), give_up = start + deadline * 1000;
    signal(SIGPIPE, SIG_IGN);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    if (access(salesd_path(), X_OK) != 0) {
        fprintf(g_err, "bench_holds: %s: %s (build it, or set SALESD)\n",
                salesd_path(), strerror(errno));
        return 1;
    }
    if (results && !(g_results = fopen(results, "a")))
        fprintf(g_err, "bench_holds: %s: %s\n", results, strerror(errno));
    const char *parent = dir ? dir : getenv("TMPDIR");
    if (!parent || !parent[0])
        parent = "/tmp";
    mkdir(parent, 0755);
    snprintf(g_tmp, sizeof g_tmp, "%s/bench-holds-XXXXXX", parent);
    if (!mkdtemp(g_tmp)) {
        fprintf(g_err, "bench_holds: %s: %s\n", g_tmp, strerror(errno));
        g_tmp[0] = '\0';
        return 1;
    }
    atexit(cleanup);
    stderr_to_log();

    int port = 0, b_fd = -1, rc = 1;
    kiosk_a_t *a = calloc(1, sizeof *a);
    round_t *rounds = calloc(MAX_ROUNDS, sizeof *rounds);
    if (!a || !rounds ||
        !(a->reports = calloc(MAX_REPORTS, sizeof *a->reports)))
        return 1;
    /* Kiosk B forks before this process starts any thread. */
    if (salesd_start((int)units, &port) != 0 || kiosk_b_start(port, &b_fd) != 0)
        return 1;
    a->b_fd = b_fd;
    if (kiosk_a_open(a, port) != 0)
        goto out;
    /* Kiosk B says "ready" once its board shows the project. */
    int64_t end = mono_ms() + 60000;
    while (!g_stop && mono_ms() < end && !a->b_ready && !a->b_gone)
        a_step(a, 100);
    if (!a->b_ready) {
        fprintf(g_err, "bench_holds: kiosk B did not start\n");
        goto out;
    }
    if (a_sign_in(a) != 0) {
        fprintf(g_err, "bench_holds: the consultant could not sign in on "
                        "kiosk A\n");
        goto out;
    }

    printf("holds: salesd %s on 127.0.0.1, %d-unit demo project, [holds] "
           "per_consultant = 100\n", salesd_path(), a->m->n_units);
    print_machine();
    printf("  kiosk A: the consultant's touchscreen (browse, %dx%d, software "
           "renderer), own sync worker + cache\n"
           "  kiosk B: a wall board in its own process, own sync worker + "
           "cache; long polls wait 60 s\n"
           "  each: tap \"hold\" on a unit's page (finger lifts) -> ...; "
           "then \"release\" the same way;\n"
           "  before each: %ld ms (both long polls parked again) + 0..1000 ms "
           "pseudo-random\n",
           SCREEN_W, SCREEN_H, gap);

    /* Available units spread over the project, one a hold. */
    int n_avail = 0, done = 0, n_rounds = 0, skipped = 0;
    uint32_t seed = 20261127;
    for (int i = 0; i < a->m->n_units; i++)
        n_avail += a->m->units[i].status == STATUS_AVAILABLE;
    int step = n_avail / (int)holds > 1 ? n_avail / (int)holds : 1;
    for (int i = 0, seen = 0; i < a->m->n_units && done < holds && !g_stop &&
                              mono_ms() < give_up; i++) {
        if (a->m->units[i].status != STATUS_AVAILABLE || seen++ % step != 0)
            continue;
        if (a_open_unit(a, i) != 0) {
            skipped++;
            continue;
        }
        for (int release = 0; release < 2; release++) {
            round_t *rd = &rounds[n_rounds++];
            snprintf(rd->unit, sizeof rd->unit, "%s", a->m->units[i].id);
            rd->release = release;
            a_run(a, (int)gap + jitter(&seed, 1000));
            if (!a_timed_tap(a, rd)) {
                fprintf(g_err, "bench_holds: %s %s: %s%s%s%s\n",
                        release ? "release" : "hold", rd->unit,
                        rd->refused[0] ? rd->refused : "",
                        rd->confirmed ? "" : " not confirmed on A",
                        rd->shown ? "" : " not shown on A",
                        rd->b_frame ? "" : " not on B's board");
                break;
            }
        }
        done++;
    }
    if (skipped)
        printf("  (%d units did not offer \"hold\": skipped)\n", skipped);

    round_t *hold = calloc((size_t)n_rounds + 1, sizeof *hold),
            *rel = calloc((size_t)n_rounds + 1, sizeof *rel);
    int nh = 0, nr = 0;
    for (int i = 0; hold && rel && i < n_rounds; i++) {
        if (rounds[i].release)
            rel[nr++] = rounds[i];
        else
            hold[nh++] = rounds[i];
    }
    printf("hold, from the tap:\n");
    report("holds.a_confirmed", "A: frame saying \"confirmed\"", hold, nh,
           offsetof(round_t, confirmed));
    report("holds.a_held", "A: frame with the unit held (\"release\")", hold,
           nh, offsetof(round_t, shown));
    report("holds.b_stored", "B: its sync worker stored it (on_stored)", hold,
           nh, offsetof(round_t, b_stored));
    report("holds.b_model", "B: its model has it (app_refresh_model)", hold,
           nh, offsetof(round_t, b_model));
    report("holds.b_frame", "B: board frame presented with it", hold, nh,
           offsetof(round_t, b_frame));
    printf("release, from the tap:\n");
    report("holds.rel_a_confirmed", "A: frame saying \"confirmed\"", rel, nr,
           offsetof(round_t, confirmed));
    report("holds.rel_a_free", "A: frame with the unit free (\"hold\")", rel,
           nr, offsetof(round_t, shown));
    report("holds.rel_b_frame", "B: board frame presented with it", rel, nr,
           offsetof(round_t, b_frame));
    summarize_log();
    sync_status_t st;
    sync_get_status(atomic_load(&a->w.s), &st);
    printf("  kiosk A's outbox: %lld sent, %lld confirmed, %lld refused, "
           "%lld failed tries\n", (long long)st.outbox_sent,
           (long long)st.outbox_confirmed, (long long)st.outbox_refused,
           (long long)st.outbox_failed);
    free(hold);
    free(rel);
    rc = done == holds && !g_stop ? 0 : 1;
    printf("bench_holds: %d of %ld holds in %.1f s%s\n", done, holds,
           (double)(mono_ms() - start) / 1000,
           g_stop ? " (stopped by a signal)"
                  : mono_ms() >= give_up ? " (ran out of time)" : "");
out:
    stop_child(&g_kiosk_b); /* before this process's workers go */
    kiosk_a_close(a);
    free(a->reports);
    free(a);
    free(rounds);
    if (b_fd >= 0)
        close(b_fd);
    if (g_results)
        fclose(g_results);
    g_results = NULL;
    return rc;
}
