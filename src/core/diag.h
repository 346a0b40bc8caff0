/* diag.h - error messages that say what went wrong and where.
 *
 * A diag_t is a small fixed buffer that a failing function fills with a
 * human-readable message ("config/kiosk.ini:12: unknown key 'fooo'").  It is
 * not a logging system: callers decide whether and where to print it.
 */
#ifndef DIAG_H
#define DIAG_H

#include <stddef.h>

#define DIAG_MAX 1024

typedef struct {
    char msg[DIAG_MAX];
    int count; /* number of messages recorded since diag_clear() */
} diag_t;

void diag_clear(diag_t *d);

/* Replaces the message.  d may be NULL (the message is then dropped). */
void diag_set(diag_t *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends a message on a new line, so that one call can report every bad
 * line of a file.  Silently truncates at DIAG_MAX. */
void diag_add(diag_t *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
