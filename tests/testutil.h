/* testutil.h - small helpers shared by the cmocka tests.
 *
 * Temporary directories that clean up after themselves, file writers, and
 * paths to the built kiosk, the assets and the test output folder (set by
 * tests/run.sh; defaults work from the repository root).
 */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline const char *tu_env(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && v[0] ? v : fallback;
}

/* A fresh directory under /tmp; removed by tu_rmdir. */
static inline void tu_mkdtemp(char *out, size_t size)
{
    snprintf(out, size, "/tmp/kiosk-test-XXXXXX");
    assert_non_null(mkdtemp(out));
}

static inline void tu_rmdir(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static inline void tu_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static inline void tu_write_bytes(const char *path, const void *data,
                                  size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

/* FNV-1a over a buffer, for comparing generated rows. */
static inline uint64_t tu_hash(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    if (h == 0)
        h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    return h;
}

#endif
