/* diag.c - see diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void diag_clear(diag_t *d)
{
    if (!d)
        return;
    d->msg[0] = '\0';
    d->count = 0;
}

void diag_set(diag_t *d, const char *fmt, ...)
{
    va_list ap;
    if (!d)
        return;
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
    d->count = 1;
}

void diag_add(diag_t *d, const char *fmt, ...)
{
    va_list ap;
    size_t len;
    if (!d)
        return;
    len = strnlen(d->msg, sizeof d->msg);
    if (d->count > 0 && len + 1 < sizeof d->msg) {
        d->msg[len++] = '\n';
        d->msg[len] = '\0';
    }
    if (len + 1 < sizeof d->msg) {
        va_start(ap, fmt);
        vsnprintf(d->msg + len, sizeof d->msg - len, fmt, ap);
        va_end(ap);
    }
    d->count++;
}
