/* bench_sync.c - how fast a status change reaches the kiosks, and how fast a
 * big project lands in a kiosk's cache.
 *
 * Measures the sync figures DESIGN.md §6 budgets, against real salesd
 * processes on 127.0.0.1 (build/salesd, or $SALESD), each with a fresh demo
 * database (`salesd init --demo --units N`) and served with
 * `--per-ip-limit 0 --connection-limit 5000 --max-wait 60`:
 *
 *  1. change -> stored: an admin status change (POST /api/v1/admin/units/
 *     {id}/status, timed from just before the request is written) until
 *     each of 1, 100 and 1,000 long-polling clients has it.  Two harnesses,
 *     both in this one process:
 *       sync_t  the kiosk's own sync worker (sync.h): a thread, a libcurl
 *               handle and an SQLite cache file each (copied from one
 *               template, so they start parked instead of each fetching a
 *               snapshot).  "Has it" = its cache committed a delta with the
 *               unit in it (on_stored, units_applied grew).
 *       epoll   one thread and one epoll loop holding N HTTP/1.1 keep-alive
 *               connections that send the same long poll as sync.c.  "Has
 *               it" = the answer was read and decoded (proto_decode_changes)
 *               and its version noted in an in-memory counter: no SQLite.
 *               Cheap enough for 1,000 clients on a 2-core box, and it shows
 *               salesd's share without 1,000 SQLite commits and threads
 *               competing for the same cores.
 *     Before each change every client must have its next poll out (the
 *     epoll harness sees this; sync_t cannot be seen) and both salesd and
 *     this process must be quiet (< 2 ms CPU in 20 ms) for at least
 *     50 ms + N/10 ms: salesd's parked count is not exposed over HTTP.
 *     Also the CPU salesd and the clients spend a change.
 *  2. a snapshot of ~20,000 units: fetch (libcurl, a fresh handle and
 *     connection each run), parse (proto_decode_snapshot) and apply
 *     (cache_apply_snapshot into a fresh SQLite file), each timed; and a
 *     sync_t from sync_start to its first stored snapshot, end to end.
 *     Each run is this program again (--child), so it starts from a fresh
 *     heap as a kiosk does; a fork would inherit this process's heap and
 *     its copy-on-write faults.  salesd's own cost of the first snapshot
 *     after a change (it encodes the project again) is timed apart.
 *  3. a one-unit delta: cache_apply_changes into that 20,000-unit cache.
 *  4. salesd's resident memory (VmRSS, VmHWM): just started, after one
 *     snapshot, and with 1,000 parked long polls.
 *
 * salesd expires the demo's holds by itself from about five minutes after
 * `init`: each database is made just before its server starts, and a change
 * that moved salesd's version by more than one is not counted (and said).
 * The sync workers' stderr goes to a file while they run; its distinct
 * lines are printed with their counts.
 *
 * It prints what it measured and never judges a figure: tests/bench/run.sh
 * sets them beside the targets.  --results appends "key value" lines.
 * Every wait is bounded (an overall deadline too); salesd children die with
 * the benchmark (PR_SET_PDEATHSIG) and the temporary directory is removed
 * on every exit but a SIGKILL or the last-resort alarm.
 *
 * Not for: correctness (tests/kiosk/test_sync*.c check behaviour).
 */
#define _DEFAULT_SOURCE /* lstat, strncasecmp, ... beside POSIX 2008 */

#include <arpa/inet.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "benchutil.h"
#include "cache.h"
#include "diag.h"
#include "model.h"
#include "proto.h"
#include "sync.h"

#define KIOSK_TOKEN "kiosk-token-for-bench-sync-0001"
#define ADMIN_TOKEN "admin-token-for-bench-sync-0001"
#define WAIT_S 60                  /* long-poll wait asked = salesd --max-wait */
#define MAX_CLIENTS 5000
#define BODY_CAP (256L << 20)      /* any answer this bench reads */
#define EC_BODY_CAP (4L << 20)     /* a changes answer in the epoll harness */
#define MAX_SIZES 8
#define MS 1000000LL               /* nanoseconds */

/* ---- process-wide state: what cleanup must undo ------------------------- */

static volatile sig_atomic_t g_stop;      /* a signal asked us to stop */
static volatile sig_atomic_t g_child[2];  /* running salesd processes */
static int64_t g_deadline;                /* monotonic ns: give up after */
static char g_tmp[512];                   static double ms_of(int64_t ns)
{
    return (double)ns / 1e6;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR && !g_stop)
        ;
}

/* True when a signal or the overall deadline says: stop waiting. */
static int should_stop(void)
{
    return g_stop || mono_ns() > g_deadline;
}

static void kill_children(int sig)
{
    for (int i = 0; i < 2; i++)
        if (g_child[i] > 0)
            kill((pid_t)g_child[i], sig);
}

static void on_signal(int sig)
{
    if (g_stop) { /* asked twice: no more waiting */
        kill_children(SIGKILL);
        _exit(128 + sig);
    }
    g_stop = sig;
}

/* The last resort when something is stuck past the deadline. */
static void on_alarm(int sig)
{
    static const char msg[] = "bench_sync: still running long after the "
                              "deadline: killed (temporary files may remain)\n";
    (void)sig;
    kill_children(SIGKILL);
    if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
        /* nothing more to do */
    }
    _exit(3);
}

static void cleanup(void)
{
    kill_children(SIGTERM);
    for (int i = 0; i < 2; i++) {
        pid_t pid = (pid_t)g_child[i];
        if (pid <= 0)
            continue;
        int st, done = 0;
        for (int k = 0; k < 300 && !done; k++) {
            done = waitpid(pid, &st, WNOHANG) == pid;
            if (!done)
                sleep_ms(10);
        }
        if (!done) {
            kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
        }
        g_child[i] = 0;
    }
    if (g_tmp[0]) {
        rm_tree(g_tmp);
        g_tmp[0] = '\0';
    }
}

/* ---- small helpers -------------------------------------------------------- */


typedef struct {
    int n;
    double min, p10, p50, p90, p99, max;
} stats_t;


/* Sorts v in place and summarises it (all zero when n is 0). */
static stats_t stats_of(double *v, int n)
{
    stats_t s;
    memset(&s, 0, sizeof s);
    if (n <= 0)
        return s;
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    s.n = n;
    s.min = v[0];
    s.p10 = pct_sorted(v, n, 10);
    s.p50 = pct_sorted(v, n, 50);
    s.p90 = pct_sorted(v, n, 90);
    s.p99 = pct_sorted(v, n, 99);
    s.max = v[n - 1];
    return s;
}

static FILE *g_results;

/* Appends "key value" to the results file, when there is one. */
static void result(const char *key, double v)
{
    if (g_results) {
        fprintf(g_results, "%s %.3f\n", key, v);
        fflush(g_results);
    }
}


/* "1,100,1000" into sizes; returns how many, or -1. */
static int parse_sizes(const char *s, int *sizes, int max)
{
    int n = 0;
    char buf[128];
    if (snprintf(buf, sizeof buf, "%s", s) >= (int)sizeof buf)
        return -1;
    for (char *p = buf; *p;) {
        char *comma = strchr(p, ',');
        long v;
        if (comma)
            *comma = '\0';
        if (n == max || parse_long(p, 1, MAX_CLIENTS, &v) != 0)
            return -1;
        sizes[n++] = (int)v;
        if (!comma)
            break;
        p = comma + 1;
    }
    return n > 0 ? n : -1;
}

static int copy_file(const char *from, const char *to)
{
    char buf[65536];
    int in = open(from, O_RDONLY), out = -1, rc = -1;
    ssize_t n;
    if (in < 0)
        return -1;
    out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0)
        goto out;
    while ((n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n)
            goto out;
    rc = n == 0 ? 0 : -1;
out:
    close(in);
    if (out >= 0 && close(out) != 0)
        rc = -1;
    return rc;
}

/* Sends this process's stderr to path (the sync workers write there);
 * returns the old stderr for stderr_back, or -1 when it stays as it is. */
static int stderr_to(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int saved = fd >= 0 ? dup(STDERR_FILENO) : -1;
    fflush(stderr);
    if (saved >= 0 && dup2(fd, STDERR_FILENO) < 0) {
        close(saved);
        saved = -1;
    }
    if (fd >= 0)
        close(fd);
    return saved;
}

static void stderr_back(int saved)
{
    if (saved < 0)
        return;
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
}

/* Prints how many lines path holds and its distinct lines (up to 4, each
 * with its count): what the workers said, without a thousand copies. */
static void summarize_log(const char *path, const char *who)
{
    char line[320], seen[4][160];
    int count[4] = {0}, n_seen = 0, total = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        total++;
        int k = 0;
        while (k < n_seen && strncmp(seen[k], line, 150) != 0)
            k++;
        if (k == n_seen && n_seen < 4)
            snprintf(seen[n_seen++], sizeof seen[0], "%.150s", line);
        if (k < n_seen)
            count[k]++;
    }
    fclose(f);
    if (!total)
        return;
    printf("    %s wrote %d lines to stderr:\n", who, total);
    for (int k = 0; k < n_seen; k++)
        printf("      %5d x %s\n", count[k], seen[k]);
}


/* VmRSS and VmHWM of pid in MB; -1 each when unknown. */
static void proc_mem(pid_t pid, double *rss, double *hwm)
{
    char path[64], line[256];
    *rss = *hwm = -1;
    snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "VmRSS:", 6) == 0)
            *rss = (double)strtol(line + 6, NULL, 10) / 1024.0;
        else if (strncmp(line, "VmHWM:", 6) == 0)
            *hwm = (double)strtol(line + 6, NULL, 10) / 1024.0;
    }
    fclose(f);
}

/* CPU time of every thread of pid so far (ns, from schedstat); -1 when
 * /proc cannot tell. */
static int64_t proc_cpu_ns(pid_t pid)
{
    char dir[64], p[400];
    int64_t sum = 0;
    snprintf(dir, sizeof dir, "/proc/%ld/task", (long)pid);
    DIR *dp = opendir(dir);
    if (!dp)
        return -1;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(p, sizeof p, "%s/%s/schedstat", dir, e->d_name);
        FILE *f = fopen(p, "r");
        long long ns = 0;
        if (f) {
            if (fscanf(f, "%lld", &ns) == 1)
                sum += ns;
            fclose(f);
        }
    }
    closedir(dp);
    return sum;
}

static int64_t self_cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The machine, for the reader of the figures. */
static void print_machine(void)
{
    char line[256], model[160] = "unknown", load[64] = "?";
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (f) {
        while (fgets(line, sizeof line, f)) {
            if (strncmp(line, "model name", 10) == 0) {
                const char *c = strchr(line, ':');
                if (c) {
                    snprintf(model, sizeof model, "%s", c + 2);
                    model[strcspn(model, "\n")] = '\0';
                }
                break;
            }
        }
        fclose(f);
    }
    f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fgets(load, sizeof load, f))
            load[strcspn(load, "\n")] = '\0';
        fclose(f);
    }
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    printf("machine: %ld CPUs online (nproc), %s; load average %s\n", ncpu,
           model, load);
    result("sync.machine.nproc", (double)ncpu);
}

/* ---- HTTP: one request on its own connection ------------------------------ */

/* A non-blocking socket connecting to 127.0.0.1:port (maybe not connected
 * yet); -1 on failure. */
static int connect_loopback(int port)
{
    struct sockaddr_in sa;
    int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0 &&
        errno != EINPROGRESS) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Waits for events on fd until end (monotonic ns); 1 ready, 0 timed out. */
static int wait_fd(int fd, short events, int64_t end)
{
    for (;;) {
        int64_t left = end - mono_ns();
        if (left <= 0 || g_stop)
            return 0;
        struct pollfd p = {fd, events, 0};
        int n = poll(&p, 1, (int)(left / MS) + 1);
        if (n > 0)
            return 1;
        if (n < 0 && errno != EINTR)
            return 0;
    }
}

typedef struct {
    int code;                  /* HTTP status */
    size_t header_len;         /* up to and with the blank line */
    size_t body_len;
    int close;                 /* the server closes after it */
} resp_t;

/* Reads a response at the start of buf.  Returns 1 when it is all there
 * (r filled), 0 when more is needed, -1 when it is not a response this
 * bench reads (no status line, chunked, over the cap).  At eof, a response
 * without Content-Length ends where the bytes do. */
static int http_parse(const char *buf, size_t len, int eof, resp_t *r)
{
    char head[4096];
    size_t end = 0;
    long long clen = -1;
    for (size_t i = 0; i + 3 < len; i++)
        if (memcmp(buf + i, "\r\n\r\n", 4) == 0) {
            end = i + 4;
            break;
        }
    if (!end)
        return len > sizeof head ? -1 : 0;
    if (end >= sizeof head || len < 12 || memcmp(buf, "HTTP/1.", 7) != 0)
        return -1;
    memcpy(head, buf, end);
    head[end] = '\0';
    memset(r, 0, sizeof *r);
    r->code = (int)strtol(head + 9, NULL, 10);
    for (char *line = strstr(head, "\r\n"); line && line[2];
         line = strstr(line + 2, "\r\n")) {
        const char *h = line + 2;
        if (strncasecmp(h, "content-length:", 15) == 0)
            clen = strtoll(h + 15, NULL, 10);
        else if (strncasecmp(h, "transfer-encoding:", 18) == 0)
            return -1; /* chunked: salesd does not send it */
        else if (strncasecmp(h, "connection:", 11) == 0 &&
                 strstr(h, "close") && strstr(h, "close") < strstr(h, "\r\n"))
            r->close = 1;
    }
    r->header_len = end;
    if (clen < 0) {
        if (r->code == 304 || r->code == 204) {
            r->body_len = 0;
            return 1;
        }
        if (!eof)
            return 0;
        r->body_len = len - end;
        r->close = 1;
        return 1;
    }
    if (clen > BODY_CAP)
        return -1;
    if (len - end < (size_t)clen)
        return 0;
    r->body_len = (size_t)clen;
    return 1;
}

/* One HTTP/1.1 request on a fresh loopback connection (Connection: close),
 * all of it bounded by timeout_ms.  Returns the status code, or -1 with why
 * set.  *out (caller frees; NUL-terminated) gets the body.  When t0 is
 * given it is set just before the request is written (the connection is
 * already up by then). */
static int http_do(int port, const char *method, const char *path,
                   const char *token, const char *body, int timeout_ms,
                   char **out, size_t *out_len, int64_t *t0, char *why,
                   size_t why_size)
{
    char req[4096];
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int fd = -1, code = -1, eof = 0, err = 0;
    socklen_t elen = sizeof err;
    int64_t end = mono_ns() + (int64_t)timeout_ms * MS;
    resp_t r;

    *out = NULL;
    *out_len = 0;
    int n = snprintf(req, sizeof req,
                     "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                     "Authorization: Bearer %s\r\n%sContent-Length: %zu\r\n\r\n%s",
                     method, path, token,
                     body ? "Content-Type: application/json\r\n" : "",
                     body ? strlen(body) : (size_t)0, body ? body : "");
    if (n < 0 || (size_t)n >= sizeof req) {
        snprintf(why, why_size, "request too long");
        goto out;
    }
    if ((fd = connect_loopback(port)) < 0 || !wait_fd(fd, POLLOUT, end) ||
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) != 0 || err) {
        snprintf(why, why_size, "cannot connect to 127.0.0.1:%d: %s", port,
                 strerror(err ? err : errno ? errno : ETIMEDOUT));
        goto out;
    }
    if (t0)
        *t0 = mono_ns();
    for (size_t sent = 0; sent < (size_t)n;) {
        ssize_t w = write(fd, req + sent, (size_t)n - sent);
        if (w > 0)
            sent += (size_t)w;
        else if (w < 0 && errno == EAGAIN && wait_fd(fd, POLLOUT, end))
            continue;
        else if (w < 0 && errno == EINTR)
            continue;
        else {
            snprintf(why, why_size, "writing the request failed");
            goto out;
        }
    }
    for (;;) {
        if (cap - len < 65536) {
            size_t ncap = cap ? cap * 2 : 262144;
            char *nb = (size_t)BODY_CAP + 65536 < ncap ? NULL : realloc(buf, ncap + 1);
            if (!nb) {
                snprintf(why, why_size, "answer over %ld bytes", BODY_CAP);
                goto out;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t got = read(fd, buf + len, cap - len);
        if (got > 0) {
            len += (size_t)got;
            continue;
        }
        if (got == 0) {
            eof = 1;
            break;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN && wait_fd(fd, POLLIN, end))
            continue;
        snprintf(why, why_size, errno == EAGAIN ? "no answer in %d ms"
                                                : "reading the answer failed",
                 timeout_ms);
        goto out;
    }
    if (!buf || http_parse(buf, len, eof, &r) != 1) {
        snprintf(why, why_size, "not a whole HTTP answer (%zu bytes)", len);
        goto out;
    }
    memmove(buf, buf + r.header_len, r.body_len);
    buf[r.body_len] = '\0';
    *out = buf;
    *out_len = r.body_len;
    buf = NULL;
    code = r.code;
out:
    free(buf);
    if (fd >= 0)
        close(fd);
    return code;
}

/* ---- salesd as a child process ---------------------------------------------- */

typedef struct {
    double rss, hwm;          /* MB; -1 when unknown */
} mem_t;

typedef struct {
    const char *name;         /* "latency" or "snapshot" */
    int slot;                 /* in g_child */
    int units_asked;
    char db[600], log[600], portfile[600];
    pid_t pid;
    int port;
    model_t *m;               /* its project as of the last snapshot read */
    char project[MODEL_ID_MAX], epoch[MODEL_ID_MAX];
    int64_t version;          /* the server's version as far as we know */
    mem_t fresh;              /* just started, before any request */
} server_t;

static void print_log_tail(const char *log)
{
    char buf[2048];
    FILE *f = fopen(log, "r");
    if (!f)
        return;
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        fseek(f, size > (long)sizeof buf - 1 ? size - (long)sizeof buf + 1 : 0,
              SEEK_SET);
    }
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    fprintf(stderr, "---- %s (end) ----\n%s---- end of log ----\n", log, buf);
}

static int server_init(server_t *sv, const char *dir, const char *name,
                       int slot, int units)
{
    char n[16];
    memset(sv, 0, sizeof sv[0]);
    sv->name = name;
    sv->slot = slot;
    sv->units_asked = units;
    snprintf(sv->db, sizeof sv->db, "%s/%s.db", dir, name);
    snprintf(sv->log, sizeof sv->log, "%s/%s.log", dir, name);
    snprintf(sv->portfile, sizeof sv->portfile, "%s/%s.port", dir, name);
    snprintf(n, sizeof n, "%d", units);
    const char *argv[] = {salesd_path(), "init", "--db", sv->db, "--demo",
                          "--units", n, NULL};
    pid_t pid = spawn_logged(argv, sv->log);
    int rc = pid > 0 ? wait_child(pid, 60000) : -1;
    if (rc != 0) {
        fprintf(stderr, "bench_sync: salesd init --units %d failed (%d)\n",
                units, rc);
        print_log_tail(sv->log);
        return -1;
    }
    return 0;
}

/* Reads the server's snapshot into sv->m (its units, epoch and version). */
static int server_read_project(server_t *sv)
{
    char path[160], why[200];
    char *body = NULL;
    size_t len = 0;
    diag_t d;
    diag_clear(&d);
    snprintf(path, sizeof path, "/api/v1/projects/%s/snapshot",
             sv->project[0] ? sv->project : "demo-emerald-lake");
    int code = http_do(sv->port, "GET", path, KIOSK_TOKEN, NULL, 60000, &body,
                       &len, NULL, why, sizeof why);
    model_t *m = NULL;
    if (code != 200 || proto_decode_snapshot(body, len, &m, &d) != 0) {
        fprintf(stderr, "bench_sync: %s salesd: snapshot: %s\n", sv->name,
                code < 0 ? why : code != 200 ? "not 200" : d.msg);
        free(body);
        return -1;
    }
    free(body);
    model_destroy(sv->m);
    sv->m = m;
    snprintf(sv->project, sizeof sv->project, "%s", m->project.id);
    snprintf(sv->epoch, sizeof sv->epoch, "%s", m->epoch);
    sv->version = m->version;
    return 0;
}

static void server_stop(server_t *sv)
{
    if (sv->pid > 0) {
        kill(sv->pid, SIGTERM);
        if (wait_child(sv->pid, 10000) < 0)
            fprintf(stderr, "bench_sync: %s salesd did not stop on SIGTERM: "
                    "killed\n", sv->name);
        g_child[sv->slot] = 0;
        sv->pid = 0;
    }
    model_destroy(sv->m);
    sv->m = NULL;
}

static int server_start(server_t *sv, const char *tokens)
{
    const char *argv[] = {salesd_path(), "serve", "--db", sv->db,
                          "--tokens", tokens, "--listen", "127.0.0.1:0",
                          "--port-file", sv->portfile, "--per-ip-limit", "0",
                          "--connection-limit", "5000", "--max-wait", "60",
                          NULL};
    unlink(sv->portfile);
    sv->pid = spawn_logged(argv, sv->log);
    if (sv->pid < 0)
        return -1;
    g_child[sv->slot] = sv->pid;
    for (int i = 0; i < 1000 && !g_stop; i++) {
        int st;
        FILE *f = fopen(sv->portfile, "r");
        if (f) {
            int ok = fscanf(f, "%d", &sv->port) == 1 && sv->port > 0;
            fclose(f);
            if (ok) {
                sleep_ms(100); /* its first loop: overdue demo holds expire */
                proc_mem(sv->pid, &sv->fresh.rss, &sv->fresh.hwm);
                return server_read_project(sv);
            }
        }
        if (waitpid(sv->pid, &st, WNOHANG) == sv->pid) {
            g_child[sv->slot] = 0;
            sv->pid = 0;
            break;
        }
        sleep_ms(10);
    }
    fprintf(stderr, "bench_sync: %s salesd did not start\n", sv->name);
    print_log_tail(sv->log);
    server_stop(sv);
    return -1;
}

static mem_t server_mem(const server_t *sv)
{
    mem_t m;
    proc_mem(sv->pid, &m.rss, &m.hwm);
    return m;
}

/* ---- one status change at salesd ------------------------------------------ */

typedef struct {
    int port;
    int unit;                 /* index in the server's model */
    unit_status_t status;     /* what it is set to */
    char path[160];
    const char *body;
    int64_t t0;               /* ns: just before the request was written */
    int64_t t1;               /* ns: its answer was read */
    int64_t version;          /* salesd's version after it */
    int code;
    char why[200];
} change_t;

/* The k-th change: a unit spread over the project, set to a status it
 * does not have (salesd ignores setting the status a unit already has). */
static void change_prepare(change_t *c, const server_t *sv, int k)
{
    memset(c, 0, sizeof *c);
    c->unit = (int)((k * 7919L) % sv->m->n_units);
    const unit_t *u = &sv->m->units[c->unit];
    c->port = sv->port;
    c->status = u->status == STATUS_SIGNED ? STATUS_AVAILABLE : STATUS_SIGNED;
    snprintf(c->path, sizeof c->path, "/api/v1/admin/units/%s/status", u->id);
    c->body = c->status == STATUS_SIGNED ? "{\"status\":\"signed\"}"
                                         : "{\"status\":\"available\"}";
}

/* After a change went through: what the server now holds.  Returns 1 when
 * it was exactly one version on (so clients that reached that version have
 * this change and nothing else), 0 when salesd moved otherwise (a demo
 * hold expiring at the same time, say). */
static int change_done(const change_t *c, server_t *sv)
{
    int exact = c->version == sv->version + 1;
    sv->m->units[c->unit].status = c->status;
    if (c->version > sv->version)
        sv->version = c->version;
    return exact;
}

static void *change_run(void *arg)
{
    change_t *c = arg;
    char *body = NULL;
    size_t len = 0;
    c->code = http_do(c->port, "POST", c->path, ADMIN_TOKEN, c->body, 10000,
                      &body, &len, &c->t0, c->why, sizeof c->why);
    c->t1 = mono_ns();
    const char *v = body ? strstr(body, "\"version\":") : NULL;
    c->version = v ? strtoll(v + 10, NULL, 10) : -1;
    if (c->code != 200 && c->code > 0)
        snprintf(c->why, sizeof c->why, "HTTP %d %.150s", c->code,
                 body ? body : "");
    free(body);
    return NULL;
}

/* ---- the client harnesses ------------------------------------------------- */

/* What a latency run needs of a set of clients. */
typedef struct harness harness_t;
struct harness {
    const char *name;
    int n;
    /* Drives the clients for at most ms (returns sooner when something
     * happened). */
    void (*pump)(harness_t *h, int ms);
    /* Clients seen with a poll outstanding (n when it cannot be seen). */
    int (*polling)(const harness_t *h);
    /* A change is coming: note who has what, wait for target. */
    void (*arm)(harness_t *h, int64_t target);
    /* Clients that have had the change, and when (ns; 0 = not yet). */
    int (*have)(const harness_t *h);
    int64_t (*got_ns)(const harness_t *h, int i);
};

/* -- sync_t: the kiosk's own worker ----------------------------------------- */

typedef struct {
    _Atomic(sync_t *) s;
    atomic_int snapshots;          /* full stores (on_stored full=1) */
    atomic_llong applied;          /* units_applied as of its last delta */
    atomic_llong stored_ns;        /* when applied last grew */
    atomic_llong snap_ns;          /* when the first snapshot was stored */
    long long base;                /* applied before this change (main) */
    char path[700];
} worker_t;

typedef struct {
    harness_t h;                   /* first: a harness_t * is a sh_t * */
    worker_t *w;
} sh_t;

/* On the worker's thread, after each commit: notes when a delta with units
 * in it was stored (a long poll that found nothing also lands here). */
static void on_stored(void *user, int full)
{
    worker_t *w = user;
    int64_t now = mono_ns();
    if (full) {
        long long zero = 0;
        atomic_compare_exchange_strong(&w->snap_ns, &zero, (long long)now);
        atomic_fetch_add(&w->snapshots, 1);
        return;
    }
    sync_t *s = atomic_load(&w->s);
    if (!s)
        return;
    sync_status_t st;
    sync_get_status(s, &st);
    if (st.units_applied > atomic_load(&w->applied)) {
        atomic_store(&w->stored_ns, (long long)now); /* before applied */
        atomic_store(&w->applied, (long long)st.units_applied);
    }
}

static sync_t *worker_start(worker_t *w, const server_t *sv, diag_t *d)
{
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d", sv->port);
    sync_opts_t o = {
        .server_url = url, .project_id = sv->project, .token = KIOSK_TOKEN,
        .cache_path = w->path, .ca_file = "", .pinned_key = "",
        .connect_timeout_ms = 5000, .wait_s = WAIT_S,
        .transfer_timeout_ms = 30000, .max_bytes = 64L << 20,
        .backoff_min_ms = 50, .backoff_max_ms = 1000,
        .on_stored = on_stored, .user = w,
    };
    sync_t *s = sync_start(&o, d);
    atomic_store(&w->s, s);
    return s;
}

static void *stop_one(void *arg)
{
    sync_stop(arg);
    return NULL;
}

/* Stops workers all at once: sync_stop() of a worker parked in a long poll
 * waits for curl's next progress call (about a second), so one after the
 * other would take n seconds. */
static void stop_workers(worker_t *w, int n)
{
    pthread_t *t = calloc((size_t)n, sizeof *t);
    char *started = calloc((size_t)n, 1);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    for (int i = 0; i < n; i++) {
        sync_t *s = atomic_exchange(&w[i].s, NULL);
        if (!s)
            continue;
        if (t && started && pthread_create(&t[i], &attr, stop_one, s) == 0)
            started[i] = 1;
        else
            sync_stop(s);
    }
    for (int i = 0; i < n; i++)
        if (started && started[i])
            pthread_join(t[i], NULL);
    pthread_attr_destroy(&attr);
    free(t);
    free(started);
}

static void sh_pump(harness_t *h, int ms)
{
    (void)h;
    sleep_ms(ms < 1 ? 1 : ms > 2 ? 2 : ms);
}

static int sh_polling(const harness_t *h)
{
    return h->n; /* a worker's poll cannot be seen from outside */
}

static void sh_arm(harness_t *h, int64_t target)
{
    sh_t *sh = (sh_t *)h;
    (void)target; /* one unit a change: applied grows by one */
    for (int i = 0; i < h->n; i++)
        sh->w[i].base = atomic_load(&sh->w[i].applied);
}

static int sh_have(const harness_t *h)
{
    const sh_t *sh = (const sh_t *)h;
    int k = 0;
    for (int i = 0; i < h->n; i++)
        k += atomic_load(&sh->w[i].applied) > sh->w[i].base;
    return k;
}

static int64_t sh_got_ns(const harness_t *h, int i)
{
    const sh_t *sh = (const sh_t *)h;
    if (atomic_load(&sh->w[i].applied) <= sh->w[i].base)
        return 0;
    return atomic_load(&sh->w[i].stored_ns);
}

/* Builds a cache at path from the server's current snapshot: every worker
 * starts from a copy, as kiosks in a showroom start from the cache they
 * already have, so the run measures long polls and not n snapshots. */
static int make_template(const server_t *sv, const char *path)
{
    cache_t *c = NULL;
    diag_t d;
    diag_clear(&d);
    remove_db(path);
    int replaced = 0;
    cache_status_t st = cache_open(path, &c, &d);
    if (st == CACHE_OK)
        st = cache_apply_snapshot(c, sv->m, (int64_t)time(NULL), &replaced,
                                  &d);
    cache_close(c); /* checkpoints and removes the WAL: one file to copy */
    if (st != CACHE_OK) {
        fprintf(stderr, "bench_sync: template cache %s: %s\n", path, d.msg);
        return -1;
    }
    return 0;
}

/* n sync_t workers, each with a copy of a fresh template cache. */
static int sh_open(sh_t *sh, server_t *sv, const char *dir, int n)
{
    char tpl[600], sub[600];
    diag_t d;
    diag_clear(&d);
    memset(sh, 0, sizeof *sh);
    sh->h = (harness_t){"sync_t", n, sh_pump, sh_polling, sh_arm, sh_have,
                        sh_got_ns};
    if (server_read_project(sv) != 0)
        return -1;
    snprintf(sub, sizeof sub, "%.500s/sync-%d", dir, n);
    snprintf(tpl, sizeof tpl, "%.500s/template.db", sub);
    if (mkdir(sub, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "bench_sync: %s: %s\n", sub, strerror(errno));
        return -1;
    }
    if (make_template(sv, tpl) != 0)
        return -1;
    if (!(sh->w = calloc((size_t)n, sizeof *sh->w))) {
        fprintf(stderr, "bench_sync: out of memory\n");
        return -1;
    }
    for (int i = 0; i < n; i++) {
        worker_t *w = &sh->w[i];
        snprintf(w->path, sizeof w->path, "%.500s/k%04d.db", sub, i);
        if (copy_file(tpl, w->path) != 0) {
            fprintf(stderr, "bench_sync: copying the cache to %s: %s\n",
                    w->path, strerror(errno));
            return -1;
        }
    }
    for (int i = 0; i < n && !should_stop(); i++)
        if (!worker_start(&sh->w[i], sv, &d)) {
            fprintf(stderr, "bench_sync: sync_start #%d: %s\n", i, d.msg);
            return -1;
        }
    return should_stop() ? -1 : 0;
}

/* Stops the workers; prints what they did and whether any failed. */
static void sh_close(sh_t *sh)
{
    if (!sh->w)
        return;
    long long req = 0, deltas = 0, snaps = 0, failing = 0;
    char last[256] = "";
    for (int i = 0; i < sh->h.n; i++) {
        sync_t *s = atomic_load(&sh->w[i].s);
        sync_status_t st;
        if (!s)
            continue;
        sync_get_status(s, &st);
        req += st.requests;
        deltas += st.deltas;
        snaps += st.snapshots;
        if (st.state == SYNC_FAILING || st.last_error[0]) {
            failing++;
            snprintf(last, sizeof last, "%s", st.last_error);
        }
    }
    int64_t t0 = mono_ns();
    stop_workers(sh->w, sh->h.n);
    printf("    sync_t workers: %lld requests, %lld change answers, %lld "
           "snapshots, %lld failing at the end%s%s; stopping them took "
           "%.0f ms\n", req, deltas, snaps, failing, last[0] ? ": " : "",
           last, ms_of(mono_ns() - t0));
    free(sh->w);
    sh->w = NULL;
}

/* -- epoll: one thread, n keep-alive connections --------------------------- */

enum { EC_CONNECTING = 1, EC_SENDING, EC_WAITING, EC_DEAD };

typedef struct {
    int fd;
    int state;
    char req[512];
    size_t req_len, sent;
    char *buf;
    size_t len, cap;
    int64_t version;          /* the newest version it has seen */
    long long units;          /* units seen in answers: the "cache" */
    int64_t got_ns;           /* when it had the awaited version; 0 = not */
    int reconnects;
} ec_t;

typedef struct {
    harness_t h;              /* first: a harness_t * is an eh_t * */
    int ep, port;
    ec_t *c;
    char project[MODEL_ID_MAX], epoch[MODEL_ID_MAX];
    int64_t target;           /* the version a change brings */
    int polling;              /* clients with a whole poll out */
    int n_have, alive;
    long long answers, empty, errors, reconnects;
    int64_t decode_ns;        /* decoding answers, in total */
    char first_error[200];
} eh_t;

static void eh_error(eh_t *e, const char *fmt, const char *detail)
{
    e->errors++;
    if (!e->first_error[0])
        snprintf(e->first_error, sizeof e->first_error, fmt, detail);
}

static void eh_connect(eh_t *e, int i);

static void eh_set(eh_t *e, int i, uint32_t events, int op)
{
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.events = events;
    ev.data.u32 = (uint32_t)i;
    epoll_ctl(e->ep, op, e->c[i].fd, &ev);
}

/* Drops client i's connection and opens another (bounded: a client that
 * keeps failing is given up). */
static void eh_reconnect(eh_t *e, int i, const char *why)
{
    ec_t *c = &e->c[i];
    if (c->state == EC_WAITING)
        e->polling--;
    if (c->fd >= 0) {
        epoll_ctl(e->ep, EPOLL_CTL_DEL, c->fd, NULL);
        close(c->fd);
        c->fd = -1;
    }
    c->len = 0;
    e->reconnects++;
    if (++c->reconnects > 5) {
        eh_error(e, "a client gave up reconnecting: %s", why);
        c->state = EC_DEAD;
        e->alive--;
        return;
    }
    eh_connect(e, i);
}

/* Writes what is left of client i's request. */
static void eh_flush(eh_t *e, int i)
{
    ec_t *c = &e->c[i];
    while (c->sent < c->req_len) {
        ssize_t w = write(c->fd, c->req + c->sent, c->req_len - c->sent);
        if (w > 0) {
            c->sent += (size_t)w;
            continue;
        }
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && errno == EAGAIN) {
            eh_set(e, i, EPOLLOUT, EPOLL_CTL_MOD);
            return;
        }
        eh_reconnect(e, i, "write failed");
        return;
    }
    c->state = EC_WAITING;
    e->polling++;
    eh_set(e, i, EPOLLIN, EPOLL_CTL_MOD);
}

/* Client i's next long poll, from the version it has: the request
 * sync.c sends. */
static void eh_send_poll(eh_t *e, int i)
{
    ec_t *c = &e->c[i];
    int n = snprintf(c->req, sizeof c->req,
                     "GET /api/v1/projects/%s/changes?epoch=%s&since=%lld&wait=%d"
                     " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                     KIOSK_TOKEN "\r\nUser-Agent: bench-sync/1\r\nAccept: */*"
                     "\r\n\r\n", e->project, e->epoch, (long long)c->version,
                     WAIT_S);
    if (n < 0 || (size_t)n >= sizeof c->req) {
        eh_error(e, "%s", "request too long");
        c->state = EC_DEAD;
        e->alive--;
        return;
    }
    c->req_len = (size_t)n;
    c->sent = 0;
    c->state = EC_SENDING;
    eh_flush(e, i);
}

static void eh_connect(eh_t *e, int i)
{
    ec_t *c = &e->c[i];
    c->fd = connect_loopback(e->port);
    if (c->fd < 0) {
        eh_error(e, "cannot connect: %s", strerror(errno));
        c->state = EC_DEAD;
        e->alive--;
        return;
    }
    c->state = EC_CONNECTING;
    eh_set(e, i, EPOLLOUT, EPOLL_CTL_ADD);
}

/* A whole answer arrived for client i: decode it and note its version (the
 * in-memory stand-in for a kiosk's cache). */
static void eh_answer(eh_t *e, ec_t *c, const resp_t *r)
{
    const char *body = c->buf + r->header_len;
    e->answers++;
    if (r->code != 200) {
        char what[64];
        snprintf(what, sizeof what, "%d", r->code);
        eh_error(e, "a long poll answered HTTP %s", what);
        return;
    }
    proto_changes_t *ch = NULL;
    diag_t d;
    int64_t t = mono_ns();
    int rc = proto_decode_changes(body, r->body_len, &ch, &d);
    int64_t done = mono_ns();
    e->decode_ns += done - t;
    if (rc != 0) {
        eh_error(e, "an answer did not decode: %.150s", d.msg);
        return;
    }
    if (ch->n_units == 0)
        e->empty++;
    c->units += ch->n_units;
    if (ch->version > c->version)
        c->version = ch->version;
    proto_changes_free(ch);
    if (e->target > 0 && !c->got_ns && c->version >= e->target) {
        c->got_ns = done;
        e->n_have++;
    }
}

static void eh_readable(eh_t *e, int i)
{
    ec_t *c = &e->c[i];
    int eof = 0;
    for (;;) {
        if (c->cap - c->len < 4096) {
            size_t ncap = c->cap ? c->cap * 2 : 16384;
            char *nb = ncap > (size_t)EC_BODY_CAP ? NULL : realloc(c->buf, ncap);
            if (!nb) {
                eh_error(e, "%s", "an answer over the cap");
                eh_reconnect(e, i, "answer too big");
                return;
            }
            c->buf = nb;
            c->cap = ncap;
        }
        ssize_t got = read(c->fd, c->buf + c->len, c->cap - c->len);
        if (got > 0) {
            c->len += (size_t)got;
            continue;
        }
        if (got == 0) {
            eof = 1;
            break;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN)
            break;
        eof = 1; /* reset: treat as closed */
        break;
    }
    resp_t r;
    int pr = c->len ? http_parse(c->buf, c->len, eof, &r) : 0;
    if (pr < 0) {
        eh_error(e, "%s", "an answer this bench cannot read");
        eh_reconnect(e, i, "bad answer");
        return;
    }
    if (pr == 0) {
        if (eof)
            eh_reconnect(e, i, "closed by salesd");
        return;
    }
    if (c->state == EC_WAITING)
        e->polling--;
    c->state = EC_SENDING; /* no poll out until the next is written */
    eh_answer(e, c, &r);
    size_t used = r.header_len + r.body_len;
    memmove(c->buf, c->buf + used, c->len - used);
    c->len -= used;
    if (r.close || eof) {
        eh_reconnect(e, i, "closed after an answer");
        return;
    }
    eh_send_poll(e, i);
}

static void eh_pump(harness_t *h, int ms)
{
    eh_t *e = (eh_t *)h;
    struct epoll_event ev[256];
    int n = epoll_wait(e->ep, ev, 256, ms < 0 ? 0 : ms);
    for (int k = 0; k < n; k++) {
        int i = (int)ev[k].data.u32;
        ec_t *c = &e->c[i];
        if (c->state == EC_DEAD || c->fd < 0)
            continue;
        if (c->state == EC_CONNECTING) {
            int err = 0;
            socklen_t len = sizeof err;
            getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err) {
                eh_reconnect(e, i, strerror(err));
                continue;
            }
            eh_send_poll(e, i);
        } else if (c->state == EC_SENDING && (ev[k].events & EPOLLOUT)) {
            eh_flush(e, i);
        } else if (ev[k].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
            eh_readable(e, i);
        }
    }
}

static int eh_polling(const harness_t *h)
{
    return ((const eh_t *)h)->polling;
}

static void eh_arm(harness_t *h, int64_t target)
{
    eh_t *e = (eh_t *)h;
    e->target = target;
    e->n_have = 0;
    for (int i = 0; i < h->n; i++)
        e->c[i].got_ns = 0; /* a dead client never has it: counted missing */
}

static int eh_have(const harness_t *h)
{
    return ((const eh_t *)h)->n_have;
}

static int64_t eh_got_ns(const harness_t *h, int i)
{
    return ((const eh_t *)h)->c[i].got_ns;
}

/* n connections to sv, each long-polling from sv's current version. */
static int eh_open(eh_t *e, server_t *sv, int n)
{
    memset(e, 0, sizeof *e);
    e->h = (harness_t){"epoll", n, eh_pump, eh_polling, eh_arm, eh_have,
                       eh_got_ns};
    e->port = sv->port;
    e->ep = -1;
    if (server_read_project(sv) != 0)
        return -1;
    snprintf(e->project, sizeof e->project, "%s", sv->project);
    snprintf(e->epoch, sizeof e->epoch, "%s", sv->epoch);
    if ((e->ep = epoll_create1(0)) < 0 ||
        !(e->c = calloc((size_t)n, sizeof *e->c))) {
        fprintf(stderr, "bench_sync: epoll: %s\n", strerror(errno));
        return -1;
    }
    e->alive = n;
    for (int i = 0; i < n; i++) {
        e->c[i].fd = -1;
        e->c[i].version = sv->version;
        eh_connect(e, i);
    }
    return 0;
}

static void eh_close(eh_t *e)
{
    if (e->c) {
        for (int i = 0; i < e->h.n; i++) {
            if (e->c[i].fd >= 0)
                close(e->c[i].fd);
            free(e->c[i].buf);
        }
        free(e->c);
        e->c = NULL;
    }
    if (e->ep >= 0)
        close(e->ep);
    e->ep = -1;
}

/* ---- the latency run ------------------------------------------------------ */

typedef struct {
    double *all;              /* ms, per client and change */
    int n_all;
    double *every;            /* ms, per change: until the last client had it */
    int n_every;
    double *post;             /* ms, the admin request's round trip */
    long missed;              /* client-changes not had within the timeout */
    int changes;              /* measured changes done */
    int not_quiet;            /* settles that ran out of time */
    int not_polling;          /* waits for every poll to be out that ran out */
    int errors;               /* admin requests that failed */
    int discarded;            /* changes not counted: salesd moved by more */
    int64_t cpu_server;       /* ns of CPU, summed over measured changes, */
    int64_t cpu_clients;      /* from the POST until every client had it */
    mem_t parked;             /* salesd with every client parked */
    char why[200];
} lat_t;

/* Runs h for up to ms, returning early once cond(h) holds. */
static int pump_until(harness_t *h, int (*cond)(const harness_t *), int64_t ms)
{
    int64_t end = mono_ns() + ms * MS;
    while (!cond(h)) {
        if (mono_ns() > end || should_stop())
            return 0;
        h->pump(h, 2);
    }
    return 1;
}

static int all_polling(const harness_t *h)
{
    return h->polling(h) >= h->n;
}

static int all_have(const harness_t *h)
{
    return h->have(h) >= h->n;
}

/* Lets the clients settle into their polls: at least min_ms, then until
 * salesd and this process both used under 2 ms of CPU in 20 ms (nothing
 * left to read, answer or park), at most max_ms.  0 when it settled. */
static int settle(harness_t *h, pid_t server, int min_ms, int max_ms)
{
    int64_t start = mono_ns(), win = 20 * MS;
    int64_t prev = proc_cpu_ns(server) + self_cpu_ns();
    for (;;) {
        int64_t w0 = mono_ns();
        while (mono_ns() - w0 < win && !should_stop())
            h->pump(h, 2);
        int64_t cur = proc_cpu_ns(server) + self_cpu_ns();
        int64_t el = mono_ns() - start;
        if (el >= min_ms * MS && cur - prev < 2 * MS)
            return 0;
        if (el >= max_ms * MS || should_stop())
            return -1;
        prev = cur;
    }
}

/* warmup + changes status changes at sv, each timed until every client of h
 * has it.  Memory is read once every client is parked, before the first
 * measured change. */
static int run_changes(harness_t *h, server_t *sv, int warmup, int changes,
                       int64_t budget_ms, lat_t *out)
{
    int n = h->n;
    int min_settle = 50 + n / 10;
    int64_t per_change_ms = 10000 + 10LL * n;
    int64_t end = mono_ns() + budget_ms * MS;
    int timeouts = 0;

    memset(out, 0, sizeof *out);
    out->all = malloc((size_t)n * (size_t)changes * sizeof *out->all);
    out->every = malloc((size_t)changes * sizeof *out->every);
    out->post = malloc((size_t)changes * sizeof *out->post);
    out->parked.rss = out->parked.hwm = -1;
    if (!out->all || !out->every || !out->post) {
        snprintf(out->why, sizeof out->why, "out of memory");
        return -1;
    }
    for (int k = -warmup; k < changes; k++) {
        if (should_stop() || mono_ns() > end) {
            snprintf(out->why, sizeof out->why, "%s after %d changes",
                     should_stop() ? "stopped" : "out of time", out->changes);
            break;
        }
        /* Warm-up changes also prove every client is up and polling. */
        int64_t wait_ms = k < 0 ? 60000 : per_change_ms;
        if (!pump_until(h, all_polling, k < 0 ? 60000 : 10000) && k >= 0)
            out->not_polling++;
        if (settle(h, sv->pid, min_settle, 3000) != 0 && k >= 0 &&
            !should_stop())
            out->not_quiet++;
        if (k == 0)
            out->parked = server_mem(sv);

        change_t c;
        pthread_t t;
        change_prepare(&c, sv, k + warmup);
        h->arm(h, sv->version + 1);
        int64_t cs = proc_cpu_ns(sv->pid), cc = self_cpu_ns();
        if (pthread_create(&t, NULL, change_run, &c) != 0) {
            snprintf(out->why, sizeof out->why, "cannot start a thread");
            return -1;
        }
        int all = pump_until(h, all_have, wait_ms);
        pthread_join(t, NULL);
        cs = proc_cpu_ns(sv->pid) - cs;
        cc = self_cpu_ns() - cc;
        if (c.code != 200) {
            snprintf(out->why, sizeof out->why, "admin change: %.150s", c.why);
            out->errors++;
            if (out->errors > 3)
                return -1;
            continue;
        }
        int64_t was = sv->version;
        if (!change_done(&c, sv)) {
            /* Not this change alone: the clients' "have it" is ambiguous. */
            out->discarded++;
            snprintf(out->why, sizeof out->why, "salesd went from version "
                     "%lld to %lld in one change (a hold expired?): that "
                     "change not counted", (long long)was, (long long)c.version);
            if (out->discarded > 5)
                return k < 0 ? -1 : 0;
            k--; /* again, with the next status */
            continue;
        }
        if (k < 0) {
            if (!all) {
                snprintf(out->why, sizeof out->why, "only %d of %d clients "
                         "had a warm-up change within %lld s", h->have(h), n,
                         (long long)(wait_ms / 1000));
                return -1;
            }
            continue;
        }
        double last = 0;
        int missed = 0;
        for (int i = 0; i < n; i++) {
            int64_t got = h->got_ns(h, i);
            if (!got) {
                missed++;
                continue;
            }
            double ms = ms_of(got - c.t0);
            out->all[out->n_all++] = ms;
            if (ms > last)
                last = ms;
        }
        out->missed += missed;
        if (!missed)
            out->every[out->n_every++] = last;
        out->post[out->changes] = ms_of(c.t1 - c.t0);
        out->cpu_server += cs;
        out->cpu_clients += cc;
        out->changes++;
        if (!all && ++timeouts >= 3) {
            snprintf(out->why, sizeof out->why, "3 changes not had by every "
                     "client within %lld s: gave up", (long long)(wait_ms / 1000));
            break;
        }
    }
    return 0;
}

static void lat_free(lat_t *l)
{
    free(l->all);
    free(l->every);
    free(l->post);
}

static void print_lat_header(void)
{
    printf("  %-8s %7s %7s %7s  %-36s  %-17s %s\n", "harness", "clients",
           "changes", "samples", "client-samples ms: p50 p90 p99 max",
           "last client ms", "missed");
    printf("  %-8s %7s %7s %7s  %-36s  %-17s\n", "", "", "", "", "",
           "p50 / max");
}

/* Prints and records one latency row; key is "sync.lat.<label>.<n>". */
static void report_lat(const char *label, int n, lat_t *l)
{
    stats_t a = stats_of(l->all, l->n_all);
    stats_t e = stats_of(l->every, l->n_every);
    stats_t p = stats_of(l->post, l->changes);
    char key[96];
    printf("  %-8s %7d %7d %7d  %7.1f %7.1f %7.1f %7.1f      %7.1f / %-7.1f %ld\n",
           label, n, l->changes, a.n, a.p50, a.p90, a.p99, a.max, e.p50, e.max,
           l->missed);
    printf("  %-8s admin POST round trip median %.1f ms (max %.1f)", "",
           p.p50, p.max);
    if (l->not_quiet)
        printf("; %d changes made before salesd was quiet (3 s)",
               l->not_quiet);
    printf("\n");
    if (l->changes) {
        double srv = ms_of(l->cpu_server) / l->changes;
        double cli = ms_of(l->cpu_clients) / l->changes;
        printf("  %-8s CPU a change (POST until all had it): salesd %.2f ms, "
               "the clients %.2f ms = %.0f us a client\n", "", srv, cli,
               cli * 1000 / n);
        snprintf(key, sizeof key, "sync.lat.%s.%d.salesd_cpu_ms", label, n);
        result(key, srv);
        snprintf(key, sizeof key, "sync.lat.%s.%d.client_cpu_us", label, n);
        result(key, cli * 1000 / n);
    }
    if (l->discarded)
        printf("  %-8s %d changes not counted: salesd's version moved by more "
               "than one (a demo hold expiring)\n", "", l->discarded);
    if (l->not_polling)
        printf("  %-8s %d changes were made before every poll was out\n", "",
               l->not_polling);
    if (l->why[0])
        printf("  %-8s note: %s\n", "", l->why);
#define R(name, v)                                                            \
    do {                                                                      \
        snprintf(key, sizeof key, "sync.lat.%s.%d.%s", label, n, name);       \
        result(key, v);                                                       \
    } while (0)
    if (a.n) {
        R("p50_ms", a.p50);
        R("p90_ms", a.p90);
        R("p99_ms", a.p99);
        R("max_ms", a.max);
    }
    if (e.n) {
        R("last_p50_ms", e.p50);
        R("last_max_ms", e.max);
    }
    R("samples", a.n);
    R("changes", l->changes);
    R("missed", (double)l->missed);
    if (l->parked.rss >= 0) {
        R("salesd_rss_mb", l->parked.rss);
        R("salesd_hwm_mb", l->parked.hwm);
    }
#undef R
    fflush(stdout);
}

/* One sync_t latency phase with n workers; *parked gets salesd's memory
 * with all of them parked. */
static int phase_sync(server_t *sv, const char *dir, int n, int changes,
                      mem_t *parked)
{
    sh_t sh;
    lat_t l;
    int64_t t0 = mono_ns();
    int rc = -1;
    char log[700];
    memset(&l, 0, sizeof l);
    l.parked.rss = l.parked.hwm = -1;
    snprintf(log, sizeof log, "%.600s/sync-%d.stderr", dir, n);
    int saved = stderr_to(log);
    if (sh_open(&sh, sv, dir, n) != 0) {
        stderr_back(saved);
        saved = -1;
        printf("  %-8s %7d  not measured: the workers did not start\n",
               "sync_t", n);
        goto out;
    }
    rc = run_changes(&sh.h, sv, 2, changes, 120000, &l);
    stderr_back(saved); /* the bench's own messages, back on the screen */
    saved = stderr_to(log);
    if (rc != 0)
        printf("  %-8s %7d  not measured: %s\n", "sync_t", n, l.why);
    else
        report_lat("sync_t", n, &l);
    printf("    (%d workers: setup and run %.1f s)\n", n,
           ms_of(mono_ns() - t0) / 1000);
out:
    sh_close(&sh);
    stderr_back(saved);
    summarize_log(log, "the workers (sync.c)");
    if (l.parked.rss >= 0)
        printf("    salesd with %d sync_t workers parked: VmRSS %.1f MB, "
               "VmHWM %.1f MB\n", n, l.parked.rss, l.parked.hwm);
    *parked = l.parked;
    lat_free(&l);
    return rc;
}

/* One epoll latency phase with n connections; label names it in the
 * results ("epoll", or "epoll20k" on the big project). */
static int phase_epoll(server_t *sv, const char *label, int n, int changes,
                       mem_t *parked)
{
    eh_t e;
    lat_t l;
    int rc = -1;
    memset(&l, 0, sizeof l);
    l.parked.rss = l.parked.hwm = -1;
    if (eh_open(&e, sv, n) != 0) {
        printf("  %-8s %7d  not measured: cannot open connections\n", label,
               n);
        goto out;
    }
    long long a0 = 0, e0 = 0;
    rc = run_changes(&e.h, sv, 2, changes, 120000, &l);
    a0 = e.answers;
    e0 = e.empty;
    if (rc != 0)
        printf("  %-8s %7d  not measured: %s\n", label, n, l.why);
    else
        report_lat(label, n, &l);
    double per = e.answers ? ms_of(e.decode_ns) * 1000 / (double)e.answers : 0;
    printf("    epoll: %lld answers, %lld of them empty (woken with nothing "
           "new), %lld reconnects, %lld errors%s%s; decoding %.0f us an "
           "answer (%.1f ms for all %d)\n", a0, e0, e.reconnects, e.errors,
           e.first_error[0] ? ": " : "", e.first_error, per,
           per * n / 1000, n);
    if (parked)
        *parked = l.parked;
    {
        char key[96];
        snprintf(key, sizeof key, "sync.lat.%s.%d.empty_per_change", label, n);
        if (l.changes > 0)
            result(key, (double)e0 / (l.changes + 2));
    }
out:
    eh_close(&e);
    lat_free(&l);
    return rc;
}

/* ---- snapshot, delta ------------------------------------------------------ */

typedef struct {
    char *buf;
    size_t len, cap;
} buf_t;

static size_t curl_sink(char *p, size_t size, size_t n, void *user)
{
    buf_t *b = user;
    size_t add = size * n;
    if (b->len + add + 1 > (size_t)BODY_CAP)
        return 0;
    if (b->len + add + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1 << 20;
        while (cap < b->len + add + 1)
            cap *= 2;
        char *nb = realloc(b->buf, cap);
        if (!nb)
            return 0;
        b->buf = nb;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, p, add);
    b->len += add;
    b->buf[b->len] = '\0';
    return add;
}

/* GET path with libcurl on a fresh handle (so a fresh connection, as a
 * kiosk's first snapshot): *ns is curl_easy_perform's time.  Returns the
 * HTTP status, 0 on a transport failure. */
static long curl_fetch(int port, const char *path, buf_t *b, int64_t *ns)
{
    char url[256];
    long code = 0;
    struct curl_slist *hd = curl_slist_append(NULL, "Authorization: Bearer "
                                              KIOSK_TOKEN);
    CURL *c = curl_easy_init();
    b->len = 0;
    if (!c || !hd)
        goto out;
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", port, path);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hd);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, curl_sink);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 60000L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "showroom-kiosk/1");
    int64_t t = mono_ns();
    CURLcode rc = curl_easy_perform(c);
    *ns = mono_ns() - t;
    if (rc == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    else
        fprintf(stderr, "bench_sync: GET %s: %s\n", path, curl_easy_strerror(rc));
out:
    curl_easy_cleanup(c);
    curl_slist_free_all(hd);
    return code;
}

/* ---- fresh processes ------------------------------------------------------ */

/* Runs this program again (/proc/self/exe --child ...), so the run starts
 * from nothing as a kiosk does: its own heap, no libcurl or SQLite state and
 * no copy-on-write pages from this process.  Its stdout holds up to n
 * numbers, read into v.  Bounded by timeout_ms; returns how many numbers
 * came, or -1 when it failed or was killed. */
static int run_child(const char *const *args, double *v, int n, int timeout_ms,
                     const char *log)
{
    const char *argv[12];
    char out[1024];
    size_t got = 0;
    int fd[2], k = 0;
    argv[k++] = "/proc/self/exe";
    argv[k++] = "--child";
    for (; *args && k < 11; args++)
        argv[k++] = *args;
    argv[k] = NULL;
    if (pipe(fd) != 0) {
        perror("bench_sync: pipe");
        return -1;
    }
    pid_t parent = getpid();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        perror("bench_sync: fork");
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    if (pid == 0) {
        int lf = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (lf >= 0) {
            dup2(lf, STDERR_FILENO);
            close(lf);
        }
        dup2(fd[1], STDOUT_FILENO);
        close(fd[0]);
        close(fd[1]);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(127);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(fd[1]);
    int64_t end = mono_ns() + (int64_t)timeout_ms * MS;
    while (got < sizeof out - 1 && wait_fd(fd[0], POLLIN, end)) {
        ssize_t r = read(fd[0], out + got, sizeof out - 1 - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd[0]);
    out[got] = '\0';
    if (wait_child(pid, mono_ns() < end ? 5000 : 0) != 0)
        return -1;
    k = 0;
    for (char *p = out, *e; k < n; p = e) {
        double x = strtod(p, &e);
        if (e == p)
            break;
        v[k++] = x;
    }
    return k;
}

/* The numbers a snapshot child prints: units, MB, then fetch, parse, open
 * and apply for the first pass, and again for the second. */
enum { SN_UNITS, SN_MB, SN_PASS };
enum { SN_FETCH, SN_PARSE, SN_OPEN, SN_APPLY, SN_PER_PASS };
#define SN_COUNT (SN_PASS + 2 * SN_PER_PASS)

/* fetch + parse + apply, twice, into the fresh files a and b: the first
 * pass is what a kiosk that just started pays; the second, the same with a
 * warm heap.  Fills v (SN_COUNT numbers). */
static int snap_passes(const server_t *sv, const char *a, const char *b,
                       double *v)
{
    char path[160];
    buf_t body = {NULL, 0, 0};
    const char *file[2] = {a, b};
    int rc = -1;
    diag_t d;
    diag_clear(&d);
    snprintf(path, sizeof path, "/api/v1/projects/%s/snapshot", sv->project);
    for (int pass = 0; pass < 2; pass++) {
        double *r = v + SN_PASS + pass * SN_PER_PASS;
        int64_t ns = 0, t;
        model_t *m = NULL;
        cache_t *c = NULL;
        if (curl_fetch(sv->port, path, &body, &ns) != 200)
            goto out;
        r[SN_FETCH] = ms_of(ns);
        v[SN_MB] = (double)body.len / (1024.0 * 1024.0);
        t = mono_ns();
        if (proto_decode_snapshot(body.buf, body.len, &m, &d) != 0) {
            fprintf(stderr, "bench_sync: snapshot: %s\n", d.msg);
            goto out;
        }
        r[SN_PARSE] = ms_of(mono_ns() - t);
        v[SN_UNITS] = m->n_units;
        remove_db(file[pass]);
        t = mono_ns();
        cache_status_t st = cache_open(file[pass], &c, &d);
        r[SN_OPEN] = ms_of(mono_ns() - t);
        t = mono_ns();
        int replaced = 0;
        if (st == CACHE_OK)
            st = cache_apply_snapshot(c, m, (int64_t)time(NULL), &replaced,
                                      &d);
        r[SN_APPLY] = ms_of(mono_ns() - t);
        cache_close(c);
        model_destroy(m);
        if (st != CACHE_OK) {
            fprintf(stderr, "bench_sync: applying the snapshot: %s\n", d.msg);
            goto out;
        }
    }
    rc = 0;
out:
    free(body.buf);
    return rc;
}

/* A sync_t from sync_start to its first stored snapshot, into a fresh
 * cache at path; ms, or -1 when none came within 30 s. */
static double snap_e2e(const server_t *sv, const char *path)
{
    worker_t w;
    diag_t d;
    memset(&w, 0, sizeof w);
    snprintf(w.path, sizeof w.path, "%s", path);
    remove_db(w.path);
    int64_t t = mono_ns();
    if (!worker_start(&w, sv, &d)) {
        fprintf(stderr, "bench_sync: sync_start: %s\n", d.msg);
        return -1;
    }
    while (!atomic_load(&w.snapshots) && mono_ns() - t < 30000 * MS)
        sleep_ms(1);
    long long at = atomic_load(&w.snap_ns);
    return at ? ms_of(at - t) : -1; /* the worker dies with the process */
}

/* bench_sync --child snapshot|e2e PORT PROJECT FILE [FILE2]: one run of
 * the above in this fresh process; prints its numbers on stdout. */
static int child_main(int argc, char **argv)
{
    server_t sv;
    long port = 0;
    memset(&sv, 0, sizeof sv);
    if (argc < 6 || parse_long(argv[3], 1, 65535, &port) != 0)
        return 2;
    sv.port = (int)port;
    snprintf(sv.project, sizeof sv.project, "%s", argv[4]);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (strcmp(argv[2], "snapshot") == 0 && argc >= 7) {
        double v[SN_COUNT];
        if (snap_passes(&sv, argv[5], argv[6], v) != 0)
            return 1;
        for (int i = 0; i < SN_COUNT; i++)
            printf("%.6f ", v[i]);
        printf("\n");
        return 0;
    }
    if (strcmp(argv[2], "e2e") == 0) {
        double ms = snap_e2e(&sv, argv[5]);
        printf("%.6f\n", ms);
        fflush(stdout);
        _exit(ms >= 0 ? 0 : 1); /* no sync_stop: a second's wait for nothing */
    }
    return 2;
}

/* Snapshot fetch + parse + apply: runs fresh processes, each into a fresh
 * cache file (one is kept at keep_path for the delta run); then a sync_t
 * from start to its first stored snapshot, also in fresh processes; and
 * salesd's own cost of a snapshot right after a change. */
static int phase_snapshot(server_t *sv, const char *dir, int runs,
                          const char *keep_path)
{
    char path[160];
    double v[2][5][32], cold[3], e2e[5], r[SN_COUNT];
    char port[16], fa[700], fb[700], clog[700];
    buf_t b = {NULL, 0, 0};
    int n_cold = 0, n_e2e = 0, done = 0, units = 0;
    double mb = 0;
    static const char *const part[5] = {"fetch", "parse", "apply", "total",
                                        "open"};

    if (runs > 32)
        runs = 32;
    snprintf(path, sizeof path, "/api/v1/projects/%s/snapshot", sv->project);
    snprintf(port, sizeof port, "%d", sv->port);
    snprintf(clog, sizeof clog, "%.600s/children.stderr", dir);
    unlink(clog);
    /* salesd's cost of the first snapshot after a change: it encodes the
     * project again (its cached body is stale). */
    for (int k = 0; k < 3 && !should_stop(); k++) {
        change_t c;
        int64_t ns = 0;
        change_prepare(&c, sv, 1000 + k);
        change_run(&c);
        if (c.code != 200) {
            fprintf(stderr, "bench_sync: admin change: %s\n", c.why);
            break;
        }
        change_done(&c, sv);
        sleep_ms(20); /* salesd's loop notices the commit (5 ms ticks) */
        if (curl_fetch(sv->port, path, &b, &ns) != 200)
            break;
        cold[n_cold++] = ms_of(ns);
    }
    free(b.buf);
    for (int k = 0; k < runs && !should_stop(); k++) {
        snprintf(fa, sizeof fa, "%.600s/snap-%d-a.db", dir, k);
        snprintf(fb, sizeof fb, "%.600s/snap-%d-b.db", dir, k);
        const char *args[] = {"snapshot", port, sv->project, fa, fb, NULL};
        int ok = run_child(args, r, SN_COUNT, 60000, clog) == SN_COUNT;
        remove_db(fb);
        if (ok && done == 0)
            rename(fa, keep_path); /* a 20,000-unit kiosk cache */
        remove_db(fa);
        if (!ok) {
            fprintf(stderr, "bench_sync: snapshot run %d failed\n", k + 1);
            break;
        }
        units = (int)r[SN_UNITS];
        mb = r[SN_MB];
        for (int pass = 0; pass < 2; pass++) {
            const double *x = r + SN_PASS + pass * SN_PER_PASS;
            v[pass][0][done] = x[SN_FETCH];
            v[pass][1][done] = x[SN_PARSE];
            v[pass][2][done] = x[SN_APPLY];
            v[pass][3][done] = x[SN_FETCH] + x[SN_PARSE] + x[SN_APPLY];
            v[pass][4][done] = x[SN_OPEN];
        }
        done++;
    }
    for (int k = 0; k < 5 && done && !should_stop(); k++) {
        snprintf(fa, sizeof fa, "%.600s/e2e-%d.db", dir, k);
        const char *args[] = {"e2e", port, sv->project, fa, NULL};
        double ms = -1;
        if (run_child(args, &ms, 1, 40000, clog) == 1 && ms >= 0)
            e2e[n_e2e++] = ms;
        remove_db(fa);
    }
    if (!done) {
        print_log_tail(clog);
        return -1;
    }
    printf("  snapshot: %d units, %.1f MB of JSON; %d runs, each in a fresh "
           "process (exec'd: a fresh heap, as a\n  kiosk that just started) "
           "with a fresh libcurl handle (a new connection) and a fresh cache "
           "file;\n  each run does it twice: \"first\" is the kiosk's case, "
           "\"again\" the same process a second time.\n", units, mb, done);
    result("sync.snap.units", units);
    result("sync.snap.mb", mb);
    printf("    %-40s %-22s %s\n", "ms, median [min .. max]", "first",
           "again (warm heap)");
    for (int k = 0; k < 5; k++) {
        static const char *const label[5] = {
            "fetch (curl_easy_perform)", "parse (proto_decode_snapshot)",
            "apply (cache_apply_snapshot)", "total fetch + parse + apply",
            "(cache_open of the new file, not in total)"};
        stats_t s0 = stats_of(v[0][k], done), s1 = stats_of(v[1][k], done);
        char a0[40], key[64];
        snprintf(a0, sizeof a0, "%.1f [%.1f .. %.1f]", s0.p50, s0.min, s0.max);
        printf("    %-40s %-22s %.1f [%.1f .. %.1f]\n", label[k], a0, s1.p50,
               s1.min, s1.max);
        snprintf(key, sizeof key, "sync.snap.%s_ms", part[k]);
        result(key, s0.p50);
        snprintf(key, sizeof key, "sync.snap.%s_min_ms", part[k]);
        result(key, s0.min);
        snprintf(key, sizeof key, "sync.snap.%s_max_ms", part[k]);
        result(key, s0.max);
        snprintf(key, sizeof key, "sync.snap.%s_warm_ms", part[k]);
        result(key, s1.p50);
    }
    if (n_e2e) {
        stats_t e = stats_of(e2e, n_e2e);
        printf("    %-40s %.1f [%.1f .. %.1f] (%d fresh processes)\n",
               "sync_t: sync_start to snapshot stored", e.p50, e.min, e.max,
               n_e2e);
        result("sync.snap.e2e_ms", e.p50);
        result("sync.snap.e2e_min_ms", e.min);
        result("sync.snap.e2e_max_ms", e.max);
    } else {
        printf("    sync_t: sync_start to snapshot stored: not measured\n");
    }
    if (n_cold) {
        stats_t c = stats_of(cold, n_cold);
        printf("    %-40s %.1f [%.1f .. %.1f] (salesd encodes it again)\n",
               "fetch, first after a change", c.p50, c.min, c.max);
        result("sync.snap.fetch_after_change_ms", c.p50);
    }
    return 0;
}

/* A one-unit delta into the 20,000-unit cache at path, runs times: a real
 * one-unit changes answer from salesd, decoded once per run, applied with
 * the versions moved on each time. */
static int phase_delta(server_t *sv, const char *path, int runs)
{
    char url[256], why[200];
    char *body = NULL;
    size_t len = 0;
    double *dec = malloc((size_t)runs * sizeof *dec);
    double *app = malloc((size_t)runs * sizeof *app);
    proto_changes_t *ch = NULL;
    cache_t *c = NULL;
    cache_sync_t cur;
    int rc = -1, done = 0;
    diag_t d;
    diag_clear(&d);
    change_t chg;

    if (!dec || !app)
        goto out;
    change_prepare(&chg, sv, 2024);
    change_run(&chg);
    if (chg.code != 200) {
        fprintf(stderr, "bench_sync: admin change: %s\n", chg.why);
        goto out;
    }
    change_done(&chg, sv);
    snprintf(url, sizeof url,
             "/api/v1/projects/%s/changes?epoch=%s&since=%lld&wait=0",
             sv->project, sv->epoch, (long long)(sv->version - 1));
    int code = http_do(sv->port, "GET", url, KIOSK_TOKEN, NULL, 10000, &body,
                       &len, NULL, why, sizeof why);
    if (code != 200) {
        fprintf(stderr, "bench_sync: changes: %s\n", code < 0 ? why : body);
        goto out;
    }
    if (cache_open(path, &c, &d) != CACHE_OK ||
        cache_get_sync(c, &cur, &d) != CACHE_OK) {
        fprintf(stderr, "bench_sync: %s\n", d.msg);
        goto out;
    }
    for (int r = 0; r < runs && !should_stop(); r++) {
        int applied = 0;
        int64_t t = mono_ns();
        if (proto_decode_changes(body, len, &ch, &d) != 0 || ch->n_units != 1) {
            fprintf(stderr, "bench_sync: the one-unit answer: %s\n",
                    ch ? "not one unit" : d.msg);
            goto out;
        }
        dec[r] = ms_of(mono_ns() - t);
        /* The same unit again, one version on each time. */
        ch->since = cur.version;
        ch->version = cur.version + 1;
        ch->units[0].u.version = cur.version + 1;
        ch->units[0].u.status = r % 2 ? STATUS_AVAILABLE : STATUS_SIGNED;
        t = mono_ns();
        cache_status_t st = cache_apply_changes(c, ch, (int64_t)time(NULL),
                                                &applied, &d);
        app[r] = ms_of(mono_ns() - t);
        proto_changes_free(ch);
        ch = NULL;
        if (st != CACHE_OK || applied != 1) {
            fprintf(stderr, "bench_sync: cache_apply_changes: %s\n",
                    st != CACHE_OK ? d.msg : "not one unit applied");
            goto out;
        }
        cur.version++;
        done++;
    }
    stats_t a = stats_of(app, done), de = stats_of(dec, done);
    printf("  one-unit delta into the %d-unit cache, %d runs (WAL, synchronous"
           "=NORMAL, as the kiosk opens it):\n", sv->m ? sv->m->n_units : 0,
           done);
    printf("    cache_apply_changes: median %.3f ms, p10 %.3f, p90 %.3f, "
           "max %.3f\n", a.p50, a.p10, a.p90, a.max);
    printf("    proto_decode_changes of the %zu-byte answer: median %.3f ms\n",
           len, de.p50);
    result("sync.delta.apply_ms", a.p50);
    result("sync.delta.apply_p10_ms", a.p10);
    result("sync.delta.apply_p90_ms", a.p90);
    result("sync.delta.apply_max_ms", a.max);
    result("sync.delta.decode_ms", de.p50);
    rc = 0;
out:
    proto_changes_free(ch);
    cache_close(c);
    free(body);
    free(dec);
    free(app);
    return rc;
}

/* ---- main ------------------------------------------------------------------ */

typedef struct {
    const char *dir, *results;
    int sizes[MAX_SIZES], n_sizes;
    int sync_max;
    int changes;
    int lat_units, snap_units;
    int runs, delta_runs;
    int deadline_s;
} opts_t;

static void usage(FILE *f)
{
    fprintf(f,
        "Usage: bench_sync [--results FILE] [--dir DIR] [--clients 1,100,1000]\n"
        "                  [--sync-max N] [--changes N] [--latency-units N]\n"
        "                  [--snapshot-units N] [--runs N] [--delta-runs N]\n"
        "                  [--deadline SECONDS]\n"
        "Runs salesd (${SALESD:-build/salesd}) on 127.0.0.1 and measures sync.\n"
        "--sync-max: the most clients run as real sync_t workers (default\n"
        "1000); every size also runs in the epoll harness.  Measures; never\n"
        "fails on a figure.\n");
}

static int parse_opts(int argc, char **argv, opts_t *o)
{
    *o = (opts_t){NULL, NULL, {1, 100, 1000}, 3, 1000, 40, 2000, 20000, 7, 200,
                  420};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        long x = 0;
        int bad = 0;
        if (strcmp(a, "--help") == 0) {
            usage(stdout);
            exit(0);
        }
        if (!v) {
            fprintf(stderr, "bench_sync: %s: missing value\n", a);
            return -1;
        }
        i++;
        if (strcmp(a, "--results") == 0)
            o->results = v;
        else if (strcmp(a, "--dir") == 0)
            o->dir = v;
        else if (strcmp(a, "--clients") == 0)
            bad = (o->n_sizes = parse_sizes(v, o->sizes, MAX_SIZES)) < 0;
        else if (strcmp(a, "--sync-max") == 0)
            bad = parse_long(v, 0, MAX_CLIENTS, &x), o->sync_max = (int)x;
        else if (strcmp(a, "--changes") == 0)
            bad = parse_long(v, 1, 1000, &x), o->changes = (int)x;
        else if (strcmp(a, "--latency-units") == 0)
            bad = parse_long(v, 10, 50000, &x), o->lat_units = (int)x;
        else if (strcmp(a, "--snapshot-units") == 0)
            bad = parse_long(v, 10, 50000, &x), o->snap_units = (int)x;
        else if (strcmp(a, "--runs") == 0)
            bad = parse_long(v, 1, 32, &x), o->runs = (int)x;
        else if (strcmp(a, "--delta-runs") == 0)
            bad = parse_long(v, 1, 100000, &x), o->delta_runs = (int)x;
        else if (strcmp(a, "--deadline") == 0)
            bad = parse_long(v, 10, 3600, &x), o->deadline_s = (int)x;
        else {
            fprintf(stderr, "bench_sync: unknown option %s\n", a);
            return -1;
        }
        if (bad) {
            fprintf(stderr, "bench_sync: %s: bad value '%s'\n", a, v);
            return -1;
        }
    }
    return 0;
}

static void raise_fd_limit(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0)
        printf("open files limit: %llu\n", (unsigned long long)rl.rlim_cur);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--child") == 0)
        return child_main(argc, argv);
    opts_t o;
    server_t lat, snap;
    char tokens[600], keep[700];
    int failed = 0;
    int64_t start = mono_ns();

    memset(&lat, 0, sizeof lat);
    memset(&snap, 0, sizeof snap);
    if (parse_opts(argc, argv, &o) != 0) {
        usage(stderr);
        return 2;
    }
    if (o.results && !(g_results = fopen(o.results, "a")))
        fprintf(stderr, "bench_sync: %s: %s\n", o.results, strerror(errno));
    g_deadline = start + (int64_t)o.deadline_s * 1000 * MS;
    signal(SIGPIPE, SIG_IGN);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    signal(SIGALRM, on_alarm);
    alarm((unsigned)o.deadline_s + 120);
    if (access(salesd_path(), X_OK) != 0) {
        fprintf(stderr, "bench_sync: %s: %s (build it, or set SALESD)\n",
                salesd_path(), strerror(errno));
        return 1;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);

    const char *parent = o.dir ? o.dir : getenv("TMPDIR");
    if (!parent || !parent[0])
        parent = "/tmp";
    mkdir(parent, 0755);
    snprintf(g_tmp, sizeof g_tmp, "%s/bench-sync-XXXXXX", parent);
    if (!mkdtemp(g_tmp)) {
        fprintf(stderr, "bench_sync: %s: %s\n", g_tmp, strerror(errno));
        g_tmp[0] = '\0';
        return 1;
    }
    atexit(cleanup);
    snprintf(tokens, sizeof tokens, "%s/tokens", g_tmp);
    snprintf(keep, sizeof keep, "%s/kiosk-20k.db", g_tmp);
    if (write_file(tokens, KIOSK_TOKEN " bench kiosk\n"
                           ADMIN_TOKEN " bench admin\n") != 0) {
        fprintf(stderr, "bench_sync: cannot write %s\n", tokens);
        return 1;
    }

    printf("bench_sync: salesd %s on 127.0.0.1, --per-ip-limit 0 "
           "--connection-limit 5000 --max-wait 60\n", salesd_path());
    print_machine();
    raise_fd_limit();
    /* Each database is made just before its server starts: the demo's holds
     * expire from 5 minutes after `init` on, and salesd then changes units
     * by itself. */
    if (server_init(&lat, g_tmp, "latency", 0, o.lat_units) != 0 ||
        server_start(&lat, tokens) != 0)
        return 1;

    /* ---- 1. change -> stored ---- */
    mem_t lat_served = server_mem(&lat);
    printf("\n== change at salesd -> had by every client (%d-unit project, "
           "long polls wait=%d)\n", lat.m->n_units, WAIT_S);
    printf("  each change: an admin POST, timed from just before it is "
           "written; %d changes (+2 warm-up)\n"
           "  per client count; before each, every poll out (epoll sees it; "
           "sync_t cannot) and salesd +\n"
           "  bench quiet (< 2 ms CPU in 20 ms) for >= 50 ms + clients/10 "
           "ms.\n", o.changes);
    printf("  sync_t = the kiosk's sync worker, own thread + SQLite cache "
           "each, \"had\" = committed;\n"
           "  epoll  = one thread, keep-alive connections, \"had\" = answer "
           "read + decoded, no SQLite.\n\n");
    result("sync.lat.units", lat.m->n_units);
    print_lat_header();
    mem_t lat_parked_sync = {-1, -1}, lat_parked_epoll = {-1, -1};
    for (int k = 0; k < o.n_sizes && !should_stop(); k++) {
        int n = o.sizes[k];
        if (n > o.sync_max) {
            printf("  %-8s %7d  not run (--sync-max %d): see epoll\n",
                   "sync_t", n, o.sync_max);
            continue;
        }
        mem_t pm = {-1, -1};
        if (phase_sync(&lat, g_tmp, n, o.changes, &pm) != 0)
            failed = 1;
        if (n == 1000)
            lat_parked_sync = pm;
    }
    for (int k = 0; k < o.n_sizes && !should_stop(); k++) {
        int n = o.sizes[k];
        mem_t pm = {-1, -1};
        if (phase_epoll(&lat, "epoll", n, o.changes, &pm) != 0)
            failed = 1;
        if (n == 1000)
            lat_parked_epoll = pm;
    }
    mem_t lat_end = server_mem(&lat);
    int lat_units = lat.m ? lat.m->n_units : 0;
    server_stop(&lat);

    /* ---- 2-4. the big project: memory, snapshot, delta ---- */
    if (should_stop() ||
        server_init(&snap, g_tmp, "snapshot", 1, o.snap_units) != 0 ||
        server_start(&snap, tokens) != 0) {
        failed = 1;
        goto summary;
    }
    mem_t snap_served = server_mem(&snap);
    mem_t snap_parked = {-1, -1};
    printf("\n== %d-unit project: 1,000 parked long polls, snapshot, delta\n",
           snap.m->n_units);
    print_lat_header();
    if (phase_epoll(&snap, "epoll20k", 1000, o.changes / 2 > 5 ? o.changes / 2 : 5,
                    &snap_parked) != 0)
        failed = 1;
    if (!should_stop() && phase_snapshot(&snap, g_tmp, o.runs, keep) != 0)
        failed = 1;
    if (!should_stop() && phase_delta(&snap, keep, o.delta_runs) != 0)
        failed = 1;
    mem_t snap_end = server_mem(&snap), snap_fresh = snap.fresh;
    int snap_units = snap.m ? snap.m->n_units : 0;
    server_stop(&snap);

    printf("\n== salesd resident memory, MB: VmRSS / VmHWM (peak)\n");
    printf("  %7s  %-13s %-17s %-22s %-22s %s\n", "units", "started",
           "one snapshot out", "1,000 sync_t parked", "1,000 epoll parked",
           "at the end");
    /* One row a server; "-" where it was not measured. */
    const struct { int units; mem_t m[5]; } rows[2] = {
        {lat_units, {lat.fresh, lat_served, lat_parked_sync, lat_parked_epoll,
                     lat_end}},
        {snap_units, {snap_fresh, snap_served, {-1, -1}, snap_parked,
                      snap_end}},
    };
    for (int r = 0; r < 2; r++) {
        printf("  %7d ", rows[r].units);
        for (int k = 0; k < 5; k++) {
            char cell[40] = "-";
            if (rows[r].m[k].rss >= 0)
                snprintf(cell, sizeof cell, "%.1f / %.1f", rows[r].m[k].rss,
                         rows[r].m[k].hwm);
            printf(" %-*s", k == 0 ? 13 : k == 1 ? 17 : k < 4 ? 22 : 1, cell);
        }
        printf("\n");
    }
    result("sync.rss.small.units", lat_units);
    result("sync.rss.small.fresh_mb", lat.fresh.rss);
    result("sync.rss.small.parked_sync_mb", lat_parked_sync.rss);
    result("sync.rss.small.parked_epoll_mb", lat_parked_epoll.rss);
    result("sync.rss.small.end_hwm_mb", lat_end.hwm);
    result("sync.rss.big.units", snap_units);
    result("sync.rss.big.fresh_mb", snap_fresh.rss);
    result("sync.rss.big.served_mb", snap_served.rss);
    result("sync.rss.big.parked_mb", snap_parked.rss);
    result("sync.rss.big.end_hwm_mb", snap_end.hwm);

summary:
    printf("\nbench_sync: done in %.1f s%s\n", ms_of(mono_ns() - start) / 1000,
           g_stop ? " (stopped by a signal)"
                  : mono_ns() > g_deadline ? " (ran out of time: figures "
                                             "above are partial)" : "");
    if (g_results)
        fclose(g_results);
    g_results = NULL;
    curl_global_cleanup();
    return failed || g_stop ? 1 : 0;
}
