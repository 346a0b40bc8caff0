/* handoff.c - see handoff.h. */
#include "handoff.h"

#include <errno.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

/* Appends s percent-encoded (keep_comma: commas pass); 0, or -1 when it
 * does not fit. */
static int put_escaped(char *out, size_t size, size_t *len, const char *s,
                       int keep_comma)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int plain = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
                    *p == '_' || *p == '~' || (keep_comma && *p == ',');
        size_t need = plain ? 1 : 3;
        if (*len + need + 1 > size)
            return -1;
        if (plain) {
            out[(*len)++] = (char)*p;
        } else {
            out[(*len)++] = '%';
            out[(*len)++] = hex[*p >> 4];
            out[(*len)++] = hex[*p & 15];
        }
    }
    out[*len] = '\0';
    return 0;
}

int handoff_url(const char *tmpl, const char *project,
                const char *const *unit_ids, int n_units, const char *lang,
                char *out, size_t size, diag_t *d)
{
    size_t len = 0;
    int saw_units = 0;
    if (size == 0)
        return -1;
    out[0] = '\0';
    for (const char *p = tmpl; *p;) {
        if (*p == '{') {
            const char *end = strchr(p, '}');
            size_t n = end ? (size_t)(end - p + 1) : 0;
            int rc = 0;
            if (n == 9 && strncmp(p, "{project}", n) == 0) {
                rc = put_escaped(out, size, &len, project, 0);
            } else if (n == 7 && strncmp(p, "{units}", n) == 0) {
                saw_units = 1;
                for (int i = 0; i < n_units && rc == 0; i++) {
                    if (i > 0)
                        rc = put_escaped(out, size, &len, ",", 1);
                    if (rc == 0)
                        rc = put_escaped(out, size, &len, unit_ids[i], 0);
                }
            } else if (n == 6 && strncmp(p, "{lang}", n) == 0) {
                rc = put_escaped(out, size, &len, lang, 0);
            } else {
                diag_set(d, "hand-off URL: unknown placeholder at '%.20s' "
                         "(use {project}, {units}, {lang})", p);
                return -1;
            }
            if (rc != 0) {
                diag_set(d, "hand-off URL: longer than %zu bytes", size - 1);
                return -1;
            }
            p += n;
            continue;
        }
        if (len + 2 > size) {
            diag_set(d, "hand-off URL: longer than %zu bytes", size - 1);
            return -1;
        }
        out[len++] = *p++;
        out[len] = '\0';
    }
    if (!saw_units) {
        diag_set(d, "hand-off URL: the template has no {units}");
        return -1;
    }
    return 0;
}

int handoff_qr(const char *text, handoff_qr_t *out, diag_t *d)
{
    QRcode *q;
    out->width = 0;
    out->modules = NULL;
    q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!q) {
        diag_set(d, "QR code: cannot encode %zu bytes (%s)", strlen(text),
                 errno == ERANGE ? "too long" : "out of memory");
        return -1;
    }
    size_t n = (size_t)q->width * (size_t)q->width;
    out->modules = malloc(n);
    if (!out->modules) {
        QRcode_free(q);
        diag_set(d, "QR code: out of memory");
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        out->modules[i] = q->data[i] & 1; /* bit 0: dark module */
    out->width = q->width;
    QRcode_free(q);
    return 0;
}

void handoff_qr_free(handoff_qr_t *q)
{
    if (!q)
        return;
    free(q->modules);
    q->modules = NULL;
    q->width = 0;
}
