/* media.c - see media.h.
 *
 * With pin.c, the only files that include OpenSSL (tests/check_doors.sh).
 * Files are written with the usual write-temporary, fsync, rename,
 * fsync-directory sequence; temporaries are named ".<sha>.XXXXXX", which
 * is never a valid media name, so nothing reads them by mistake.
 */
#include "media.h"

#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { PATH_BUF = 4096, CHUNK = 16384 };

/* Lowercase hex of a 32-byte digest. */
static void to_hex(const unsigned char md[32], char out[65])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[64] = '\0';
}

int media_name_valid(const char *s)
{
    if (!s)
        return 0;
    for (int i = 0; i < MEDIA_NAME_LEN; i++) {
        char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return 0; /* also stops at the NUL of a short name */
    }
    return s[MEDIA_NAME_LEN] == '\0';
}

void media_sha256_hex(const void *data, size_t n, char out[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    out[0] = '\0';
    if (EVP_Digest(n ? data : "", n, md, &md_len, EVP_sha256(), NULL) != 1 ||
        md_len != 32)
        return;
    to_hex(md, out);
}

int media_path(const char *dir, const char *sha, char *out, size_t size)
{
    int len;
    if (size == 0)
        return -1;
    out[0] = '\0';
    if (!dir || !dir[0] || !media_name_valid(sha))
        return -1;
    len = snprintf(out, size, "%s/%s", dir, sha);
    if (len < 0 || (size_t)len >= size) {
        out[0] = '\0';
        return -1;
    }
    return 0;
}

/* Writes all n bytes, riding out short writes and signals. */
static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int media_store(const char *dir, const char *sha, const void *data, size_t n,
                diag_t *d)
{
    char final[PATH_BUF], tmp[PATH_BUF], actual[65];
    struct stat st;
    int fd = -1, dfd = -1, tmp_made = 0, rc = -1, len;

    if (!media_name_valid(sha)) {
        diag_set(d, "media '%.80s': not a media name (64 lowercase hex "
                 "digits)", sha ? sha : "(null)");
        goto out;
    }
    media_sha256_hex(data, n, actual);
    if (!actual[0]) {
        diag_set(d, "media %s: cannot hash: out of memory", sha);
        goto out;
    }
    if (strcmp(actual, sha) != 0) {
        diag_set(d, "media %s: refused: the %zu bytes given hash to %s",
                 sha, n, actual);
        goto out;
    }
    len = snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir ? dir : "", sha);
    if (media_path(dir, sha, final, sizeof final) != 0 || len < 0 ||
        (size_t)len >= sizeof tmp) {
        diag_set(d, "media %s: directory '%.80s' empty or too long", sha,
                 dir ? dir : "(null)");
        goto out;
    }
    if (stat(dir, &st) != 0 && fs_make_dirs(dir, d) != 0)
        goto out;
    fd = mkstemp(tmp);
    if (fd < 0) {
        diag_set(d, "%s: cannot create a temporary file: %s", dir,
                 strerror(errno));
        goto out;
    }
    tmp_made = 1;
    /* mkstemp makes 0600; media is no secret, and salesd may serve it. */
    if (fchmod(fd, 0644) != 0 || write_all(fd, data, n) != 0 ||
        fsync(fd) != 0) {
        diag_set(d, "%s: cannot write: %s", tmp, strerror(errno));
        goto out;
    }
    if (close(fd) != 0) {
        fd = -1;
        diag_set(d, "%s: cannot write: %s", tmp, strerror(errno));
        goto out;
    }
    fd = -1;
    if (rename(tmp, final) != 0) {
        diag_set(d, "%s: cannot rename into place: %s", final,
                 strerror(errno));
        goto out;
    }
    tmp_made = 0;
    /* The rename itself is durable only once the directory is flushed.
     * Some file systems cannot fsync a directory (EINVAL): nothing to do. */
    dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || (fsync(dfd) != 0 && errno != EINVAL)) {
        diag_set(d, "%s: cannot flush the directory: %s", dir,
                 strerror(errno));
        goto out;
    }
    rc = 0;
out:
    if (fd >= 0)
        close(fd);
    if (tmp_made)
        unlink(tmp);
    if (dfd >= 0)
        close(dfd);
    return rc;
}

int media_have(const char *dir, const char *sha)
{
    char path[PATH_BUF];
    struct stat st;
    if (media_path(dir, sha, path, sizeof path) != 0)
        return 0;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Reads the file at path (at most max_bytes), hashing it as it goes, into
 * hex; when keep is not NULL, also returns the bytes (NUL-terminated,
 * caller frees) in *keep and *n.  0, or -1 with d naming the file. */
static int read_hashed(const char *path, size_t max_bytes,
                       unsigned char **keep, size_t *n, char hex[65],
                       diag_t *d)
{
    unsigned char chunk[CHUNK], md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0;
    EVP_MD_CTX *ctx = NULL;
    struct stat st;
    int fd, rc = -1;

    hex[0] = '\0';
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        diag_set(d, "%s: cannot open: %s", path, strerror(errno));
        goto out;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_set(d, "%s: not a regular file", path);
        goto out;
    }
    if ((uintmax_t)st.st_size > max_bytes) {
        diag_set(d, "%s: %jd bytes, more than the %zu allowed", path,
                 (intmax_t)st.st_size, max_bytes);
        goto out;
    }
    ctx = EVP_MD_CTX_new();
    if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
        diag_set(d, "%s: cannot hash: out of memory", path);
        goto out;
    }
    if (keep) {
        cap = (size_t)st.st_size + 1;
        buf = malloc(cap);
        if (!buf) {
            diag_set(d, "%s: out of memory for %zu bytes", path, cap);
            goto out;
        }
    }
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            diag_set(d, "%s: cannot read: %s", path, strerror(errno));
            goto out;
        }
        if (r == 0)
            break;
        /* The file may have grown since fstat: the cap still holds. */
        if ((size_t)r > max_bytes - len) {
            diag_set(d, "%s: more than the %zu bytes allowed", path,
                     max_bytes);
            goto out;
        }
        if (EVP_DigestUpdate(ctx, chunk, (size_t)r) != 1) {
            diag_set(d, "%s: cannot hash", path);
            goto out;
        }
        if (keep) {
            if (len + (size_t)r + 1 > cap) {
                size_t ncap = cap * 2 > len + (size_t)r + 1
                                  ? cap * 2 : len + (size_t)r + 1;
                unsigned char *grown = realloc(buf, ncap);
                if (!grown) {
                    diag_set(d, "%s: out of memory", path);
                    goto out;
                }
                buf = grown;
                cap = ncap;
            }
            memcpy(buf + len, chunk, (size_t)r);
        }
        len += (size_t)r;
    }
    if (EVP_DigestFinal_ex(ctx, md, &md_len) != 1 || md_len != 32) {
        diag_set(d, "%s: cannot hash", path);
        goto out;
    }
    to_hex(md, hex);
    if (keep) {
        buf[len] = '\0';
        *keep = buf;
        *n = len;
        buf = NULL;
    }
    rc = 0;
out:
    if (fd >= 0)
        close(fd);
    EVP_MD_CTX_free(ctx);
    free(buf);
    return rc;
}

int media_load(const char *dir, const char *sha, size_t max_bytes,
               void **data, size_t *n, diag_t *d)
{
    char path[PATH_BUF], actual[65];
    unsigned char *buf = NULL;
    size_t len = 0;
    int rc = -1;

    *data = NULL;
    *n = 0;
    if (!media_name_valid(sha)) {
        diag_set(d, "media '%.80s': not a media name (64 lowercase hex "
                 "digits)", sha ? sha : "(null)");
        goto out;
    }
    if (media_path(dir, sha, path, sizeof path) != 0) {
        diag_set(d, "media %s: directory '%.80s' empty or too long", sha,
                 dir ? dir : "(null)");
        goto out;
    }
    if (read_hashed(path, max_bytes, &buf, &len, actual, d) != 0)
        goto out;
    if (strcmp(actual, sha) != 0) {
        diag_set(d, "%s: damaged: its %zu bytes hash to %s", path, len,
                 actual);
        goto out;
    }
    *data = buf;
    *n = len;
    buf = NULL;
    rc = 0;
out:
    free(buf);
    return rc;
}

int media_hash_file(const char *path, size_t max_bytes, char out[65],
                    diag_t *d)
{
    return read_hashed(path, max_bytes, NULL, NULL, out, d);
}
