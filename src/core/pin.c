/* pin.c - see pin.h.
 *
 * With media.c, the only files that include OpenSSL (tests/check_doors.sh):
 * PKCS5_PBKDF2_HMAC for the slow hash, RAND_bytes for salts, CRYPTO_memcmp
 * for the comparison.
 */
#include "pin.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>

static const char prefix[] = "pbkdf2-sha256$";

int pin_format_check(const char *pin, diag_t *d)
{
    size_t n = pin ? strnlen(pin, PIN_MAX_DIGITS + 1) : 0;
    if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS) {
        diag_set(d, "PIN: must be %d to %d digits", PIN_MIN_DIGITS,
                 PIN_MAX_DIGITS);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9') {
            diag_set(d, "PIN: character %zu is not a digit 0-9", i + 1);
            return -1;
        }
    return 0;
}

static void to_hex(const unsigned char *b, size_t n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[b[i] >> 4];
        out[2 * i + 1] = hex[b[i] & 15];
    }
    out[2 * n] = '\0';
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Exactly 2n lowercase hex digits at s into b. */
static int from_hex(const char *s, size_t n, unsigned char *b)
{
    for (size_t i = 0; i < n; i++) {
        int hi = hexval(s[2 * i]), lo = hi < 0 ? -1 : hexval(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        b[i] = (unsigned char)(hi << 4 | lo);
    }
    return 0;
}

static int derive(const char *pin, const unsigned char *salt, int iterations,
                  unsigned char out[PIN_HASH_BYTES])
{
    return PKCS5_PBKDF2_HMAC(pin, (int)strlen(pin), salt, PIN_SALT_BYTES,
                             iterations, EVP_sha256(), PIN_HASH_BYTES,
                             out) == 1 ? 0 : -1;
}

int pin_hash(const char *pin, int iterations, char *out, size_t size,
             diag_t *d)
{
    unsigned char salt[PIN_SALT_BYTES], h[PIN_HASH_BYTES];
    char salt_hex[2 * PIN_SALT_BYTES + 1], h_hex[2 * PIN_HASH_BYTES + 1];
    int rc = -1;
    if (size > 0)
        out[0] = '\0';
    if (iterations == 0)
        iterations = PIN_DEFAULT_ITERATIONS;
    if (pin_format_check(pin, d) != 0)
        return -1;
    if (iterations < PIN_MIN_ITERATIONS || iterations > PIN_MAX_ITERATIONS) {
        diag_set(d, "PIN hash: %d iterations (%d..%d)", iterations,
                 PIN_MIN_ITERATIONS, PIN_MAX_ITERATIONS);
        return -1;
    }
    if (size < PIN_HASH_MAX) {
        diag_set(d, "PIN hash: buffer of %zu bytes, need %d", size,
                 PIN_HASH_MAX);
        return -1;
    }
    if (RAND_bytes(salt, sizeof salt) != 1) {
        diag_set(d, "PIN hash: no random bytes for a salt");
        goto out;
    }
    if (derive(pin, salt, iterations, h) != 0) {
        diag_set(d, "PIN hash: PBKDF2 failed (out of memory?)");
        goto out;
    }
    to_hex(salt, sizeof salt, salt_hex);
    to_hex(h, sizeof h, h_hex);
    snprintf(out, size, "%s%d$%s$%s", prefix, iterations, salt_hex, h_hex);
    rc = 0;
out:
    OPENSSL_cleanse(h, sizeof h);
    return rc;
}

/* Splits a hash string; 0 when well formed. */
static int parse(const char *hash, int *iterations,
                 unsigned char salt[PIN_SALT_BYTES],
                 unsigned char h[PIN_HASH_BYTES])
{
    const char *p;
    long it = 0;
    int digits = 0;
    if (!hash || strncmp(hash, prefix, sizeof prefix - 1) != 0)
        return -1;
    p = hash + sizeof prefix - 1;
    for (; *p >= '0' && *p <= '9' && digits < 9; p++, digits++)
        it = it * 10 + (*p - '0');
    if (digits == 0 || (digits > 1 && hash[sizeof prefix - 1] == '0') ||
        *p != '$' || it < PIN_MIN_ITERATIONS || it > PIN_MAX_ITERATIONS)
        return -1;
    p++;
    if (strnlen(p, 2 * PIN_SALT_BYTES + 1) < 2 * PIN_SALT_BYTES ||
        p[2 * PIN_SALT_BYTES] != '$' || from_hex(p, PIN_SALT_BYTES, salt))
        return -1;
    p += 2 * PIN_SALT_BYTES + 1;
    if (strnlen(p, 2 * PIN_HASH_BYTES + 1) != 2 * PIN_HASH_BYTES ||
        from_hex(p, PIN_HASH_BYTES, h))
        return -1;
    *iterations = (int)it;
    return 0;
}

int pin_hash_valid(const char *hash, int *iterations)
{
    unsigned char salt[PIN_SALT_BYTES], h[PIN_HASH_BYTES];
    int it = 0;
    if (parse(hash, &it, salt, h) != 0)
        return 0;
    if (iterations)
        *iterations = it;
    return 1;
}

int pin_verify(const char *pin, const char *hash)
{
    unsigned char salt[PIN_SALT_BYTES], want[PIN_HASH_BYTES],
        got[PIN_HASH_BYTES];
    int it = 0, ok = 0;
    if (pin_format_check(pin, NULL) != 0 || parse(hash, &it, salt, want) != 0)
        return 0;
    if (derive(pin, salt, it, got) == 0)
        ok = CRYPTO_memcmp(got, want, sizeof got) == 0;
    OPENSSL_cleanse(got, sizeof got);
    return ok;
}

/* ---- lockout ------------------------------------------------------------ */

int64_t pin_lockout_delay(int failures)
{
    int64_t delay = PIN_LOCK_FIRST_DELAY;
    if (failures < PIN_LOCK_FREE_TRIES)
        return 0;
    for (int i = PIN_LOCK_FREE_TRIES; i < failures; i++) {
        delay *= 2;
        if (delay >= PIN_LOCK_MAX_DELAY)
            return PIN_LOCK_MAX_DELAY;
    }
    return delay;
}

int64_t pin_lockout_wait(const pin_lockout_t *l, int64_t now)
{
    int64_t delay = pin_lockout_delay(l->failures);
    if (delay == 0)
        return 0;
    if (now < l->last_failure_at)
        return delay; /* the clock went back: wait it out from now */
    int64_t since = now - l->last_failure_at;
    return since >= delay ? 0 : delay - since;
}

void pin_lockout_fail(pin_lockout_t *l, int64_t now)
{
    if (l->failures < 1000000)
        l->failures++;
    l->last_failure_at = now;
}

void pin_lockout_reset(pin_lockout_t *l)
{
    l->failures = 0;
    l->last_failure_at = 0;
}
