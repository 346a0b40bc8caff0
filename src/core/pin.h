/* pin.h - consultants' PINs: salted slow hashes and the lockout policy.
 *
 * A PIN is never stored in clear, on the server or on a kiosk: only a
 * self-describing hash string
 *
 *     pbkdf2-sha256$<iterations>$<salt, 32 hex digits>$<hash, 64 hex digits>
 *
 * (PBKDF2-HMAC-SHA256 over the PIN's digits, a random 16-byte salt), which
 * travels with the project data so any kiosk can check a PIN offline.
 * Checking compares in constant time.  The lockout policy is pure
 * arithmetic on a small state the caller persists (the cache's pin_lockout
 * table), so it survives a restart and is tested without a clock.
 *
 * One of the two doors to OpenSSL's libcrypto (with media.c).  Not for:
 * storage, screens, or the network.
 */
#ifndef PIN_H
#define PIN_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

#define PIN_MIN_DIGITS 4
#define PIN_MAX_DIGITS 8
#define PIN_DEFAULT_ITERATIONS 200000
#define PIN_MIN_ITERATIONS 1000      /* a hash with fewer is refused */
#define PIN_MAX_ITERATIONS 10000000
#define PIN_SALT_BYTES 16
#define PIN_HASH_BYTES 32
/* "pbkdf2-sha256$" + up to 8 digits + "$" + 32 + "$" + 64 + NUL */
#define PIN_HASH_MAX 128

/* 0 when pin is 4..8 ASCII digits, else -1 with d saying what is wrong
 * (never echoing the PIN itself). */
int pin_format_check(const char *pin, diag_t *d);

/* Hashes pin (checked by pin_format_check) with a fresh random salt and
 * iterations rounds (0 = PIN_DEFAULT_ITERATIONS) into out (size >=
 * PIN_HASH_MAX).  Returns 0, or -1 with d set (bad PIN, iterations out of
 * range, no randomness). */
int pin_hash(const char *pin, int iterations, char *out, size_t size,
             diag_t *d);

/* 1 when out holds a well-formed hash string (algorithm, iterations in
 * range, hex of the right lengths), else 0.  *iterations (may be NULL)
 * gets its iteration count. */
int pin_hash_valid(const char *hash, int *iterations);

/* 1 when pin matches hash, 0 when it does not or hash is malformed.  The
 * final comparison takes the same time wherever the bytes differ. */
int pin_verify(const char *pin, const char *hash);

/* ---- lockout ------------------------------------------------------------ */

typedef struct {
    int failures;             /* wrong PINs in a row */
    int64_t last_failure_at;  /* unix seconds of the last one; 0 = none */
} pin_lockout_t;

#define PIN_LOCK_FREE_TRIES 3      /* wrong PINs before any delay */
#define PIN_LOCK_FIRST_DELAY 30    /* seconds after the 3rd wrong PIN */
#define PIN_LOCK_MAX_DELAY (15 * 60)

/* Seconds the caller must still wait at now before another try is taken
 * (0 = may try now).  After PIN_LOCK_FREE_TRIES wrong PINs the delay is
 * PIN_LOCK_FIRST_DELAY, doubling with each further one, at most
 * PIN_LOCK_MAX_DELAY.  A clock that went back (now before the last
 * failure) counts from now: the wait never grows past the full delay. */
int64_t pin_lockout_wait(const pin_lockout_t *l, int64_t now);

/* The full delay that failures wrong PINs in a row earn (0 for fewer than
 * PIN_LOCK_FREE_TRIES). */
int64_t pin_lockout_delay(int failures);

/* Records a wrong PIN at now. */
void pin_lockout_fail(pin_lockout_t *l, int64_t now);

/* Records a right PIN: the count starts again. */
void pin_lockout_reset(pin_lockout_t *l);

#endif
