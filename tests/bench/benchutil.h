/* benchutil.h - small helpers both benchmark programs use.
 *
 * Percentiles over samples, removing an SQLite file with its -wal and -shm,
 * a checked integer parse for their command lines, the monotonic clock,
 * and running salesd: finding it, starting it with its output in a log,
 * waiting for it, and removing a temporary tree.
 */
#ifndef BENCHUTIL_H
#define BENCHUTIL_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static inline int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile of a sorted array, p in (0, 100]. */
static inline double pct_sorted(const double *v, int n, double p)
{
    int k = (int)((p * n + 99.999) / 100) - 1;
    if (k < 0)
        k = 0;
    if (k >= n)
        k = n - 1;
    return v[k];
}

/* An SQLite database and the files that go with it. */
static inline void remove_db(const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char p[700];
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
}

/* Parses a whole decimal integer in [lo, hi]; -1 when it is not one. */
static inline int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* our temporary directory */

static inline int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* rm -rf path (files and directories only: this bench makes nothing else). */
static inline void rm_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        unlink(path);
        return;
    }
    DIR *dp = opendir(path);
    if (dp) {
        struct dirent *e;
        char p[1024];
        while ((e = readdir(dp)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            int n = snprintf(p, sizeof p, "%s/%s", path, e->d_name);
            if (n > 0 && (size_t)n < sizeof p)
                rm_tree(p);
        }
        closedir(dp);
    }
    rmdir(path);
}

static inline int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int ok = fputs(text, f) >= 0;
    return fclose(f) == 0 && ok ? 0 : -1;
}

static inline const char *salesd_path(void)
{
    const char *p = getenv("SALESD");
    return p && p[0] ? p : "build/salesd";
}

/* Starts argv with stdout and stderr appended to log; the child gets
 * SIGTERM when this process dies.  Returns its pid or -1. */
static inline pid_t spawn_logged(const char *const *argv, const char *log)
{
    pid_t parent = getpid();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        perror("bench: fork");
        return -1;
    }
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            if (fd > STDERR_FILENO)
                close(fd);
        }
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
            _exit(127);
        execv(argv[0], (char *const *)argv);
        fprintf(stderr, "bench: cannot run %s: %s\n", argv[0],
                strerror(errno));
        _exit(127);
    }
    return pid;
}

/* Waits up to timeout_ms for pid (a signal to stop does not cut this
 * short: every caller's timeout is short); returns its exit status (128 +
 * signal when killed), or -1 when it had to be killed. */
static inline int wait_child(pid_t pid, int timeout_ms)
{
    int64_t end = mono_ns() + (int64_t)timeout_ms * 1000000;
    int st;
    for (;;) {
        pid_t w = waitpid(pid, &st, WNOHANG);
        if (w == pid)
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        if (w < 0 && errno != EINTR)
            return -1;
        if (mono_ns() > end) {
            kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
            return -1;
        }
        nanosleep(&(struct timespec){0, 5000000L}, NULL);
    }
}

#endif
