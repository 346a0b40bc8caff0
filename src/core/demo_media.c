/* demo_media.c - see demo_media.h.
 *
 * One table maps the file names the picture tool writes to the slots of
 * demo_media_t; finding and installing both walk it in the same order, so
 * the heroes keep their numbering (hero-2 is the second image when hero-1
 * is there).
 */
#include "demo_media.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "media.h"

enum { PATH_BUF = 4096 };

typedef enum { SLOT_PLAN, SLOT_HERO, SLOT_LOCATION, SLOT_SITEPLAN } slot_t;

static const struct {
    const char *file;
    slot_t slot;
    int index;                /* the unit type for a plan (0 = A) */
} files[] = {
    {"plan-A.png", SLOT_PLAN, 0},     {"plan-B.png", SLOT_PLAN, 1},
    {"plan-C.png", SLOT_PLAN, 2},     {"plan-D.png", SLOT_PLAN, 3},
    {"plan-E.png", SLOT_PLAN, 4},     {"hero-1.jpg", SLOT_HERO, 0},
    {"hero-2.jpg", SLOT_HERO, 1},     {"hero-3.jpg", SLOT_HERO, 2},
    {"location.png", SLOT_LOCATION, 0}, {"siteplan.png", SLOT_SITEPLAN, 0},
};
#define N_FILES ((int)(sizeof files / sizeof *files))

/* Puts name into the slot for files[i]. */
static void put(demo_media_t *m, int i, const char *name)
{
    switch (files[i].slot) {
    case SLOT_PLAN:
        snprintf(m->plans[files[i].index], MODEL_SHA_SIZE, "%s", name);
        break;
    case SLOT_HERO:
        if (m->n_heroes < MODEL_HEROES_MAX)
            snprintf(m->heroes[m->n_heroes++], MODEL_SHA_SIZE, "%s", name);
        break;
    case SLOT_LOCATION:
        snprintf(m->location, MODEL_SHA_SIZE, "%s", name);
        break;
    case SLOT_SITEPLAN:
        snprintf(m->siteplan, MODEL_SHA_SIZE, "%s", name);
        break;
    }
}

/* The path of files[i]; 1 when the file is there (anything by that name:
 * a directory in its place is reported by the reader, not skipped). */
static int locate(const char *assets_dir, int i, char *path, size_t size)
{
    struct stat st;
    int len = snprintf(path, size, "%s/demo/media/%s",
                       assets_dir && assets_dir[0] ? assets_dir : ".",
                       files[i].file);
    if (len < 0 || (size_t)len >= size)
        return 0;
    return stat(path, &st) == 0;
}

int demo_media_find(const char *assets_dir, demo_media_t *out, diag_t *d)
{
    char path[PATH_BUF], name[MODEL_SHA_SIZE];
    int rc = 0;
    memset(out, 0, sizeof *out);
    diag_clear(d);
    for (int i = 0; i < N_FILES; i++) {
        diag_t why;
        if (!locate(assets_dir, i, path, sizeof path))
            continue;
        if (media_hash_file(path, DEMO_MEDIA_MAX_BYTES, name, &why) != 0) {
            diag_add(d, "demo picture %s", why.msg);
            rc = -1;
            continue;
        }
        put(out, i, name);
    }
    return rc;
}

/* Reads the regular file at path, at most max bytes, into *data (caller
 * frees; non-NULL even when empty).  0, or -1 with why set. */
static int read_file(const char *path, size_t max, unsigned char **data,
                     size_t *n, diag_t *why)
{
    struct stat st;
    unsigned char *buf = NULL;
    size_t len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC), rc = -1;
    *data = NULL;
    *n = 0;
    if (fd < 0) {
        diag_set(why, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_set(why, "%s: not a regular file", path);
        goto out;
    }
    if ((uintmax_t)st.st_size > max) {
        diag_set(why, "%s: %jd bytes, more than the %zu allowed", path,
                 (intmax_t)st.st_size, max);
        goto out;
    }
    /* One byte more than the size, to notice a file that grew. */
    buf = malloc((size_t)st.st_size + 1);
    if (!buf) {
        diag_set(why, "%s: out of memory", path);
        goto out;
    }
    for (;;) {
        ssize_t r = read(fd, buf + len, (size_t)st.st_size + 1 - len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            diag_set(why, "%s: cannot read: %s", path, strerror(errno));
            goto out;
        }
        if (r == 0)
            break;
        len += (size_t)r;
        if (len > (size_t)st.st_size) {
            diag_set(why, "%s: changed while being read", path);
            goto out;
        }
    }
    *data = buf;
    *n = len;
    buf = NULL;
    rc = 0;
out:
    free(buf);
    close(fd);
    return rc;
}

int demo_media_install(const char *assets_dir, const char *media_dir,
                       demo_media_t *out, int *copied, diag_t *d)
{
    char path[PATH_BUF], name[MODEL_SHA_SIZE];
    demo_media_t have;
    int rc = 0, n_copied = 0;

    memset(&have, 0, sizeof have);
    diag_clear(d);
    for (int i = 0; i < N_FILES; i++) {
        unsigned char *data = NULL;
        size_t n = 0;
        diag_t why;
        if (!locate(assets_dir, i, path, sizeof path))
            continue;
        /* Read once, named from the very bytes that get stored. */
        if (read_file(path, DEMO_MEDIA_MAX_BYTES, &data, &n, &why) != 0) {
            diag_add(d, "demo picture %s", why.msg);
            rc = -1;
            continue;
        }
        media_sha256_hex(data, n, name);
        if (!media_have(media_dir, name)) {
            if (media_store(media_dir, name, data, n, &why) != 0) {
                diag_add(d, "demo picture %s: %s", path, why.msg);
                free(data);
                rc = -1;
                continue;
            }
            n_copied++;
        }
        free(data);
        put(&have, i, name);
    }
    if (out)
        *out = have;
    if (copied)
        *copied = n_copied;
    return rc;
}

int demo_media_count(const demo_media_t *m)
{
    int n = m->n_heroes + (m->location[0] != '\0') +
            (m->siteplan[0] != '\0');
    for (int i = 0; i < (int)(sizeof m->plans / sizeof *m->plans); i++)
        n += m->plans[i][0] != '\0';
    return n;
}
