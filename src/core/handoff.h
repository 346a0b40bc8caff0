/* handoff.h - taking a unit (or a shortlist) to the customer's phone.
 *
 * The kiosk shows a QR code of a URL made from a configurable template, so
 * a customer can carry the units home without typing or giving anything
 * personal.  This module expands the template and encodes the QR matrix;
 * drawing it is the scene's job.  The one door to libqrencode.
 */
#ifndef HANDOFF_H
#define HANDOFF_H

#include <stddef.h>

#include "diag.h"

/* Expands tmpl into out: {project} becomes the project id, {units} the
 * unit ids joined by commas, {lang} the language code; each value is
 * percent-encoded (only A-Z a-z 0-9 - . _ ~ pass as they are, and the
 * comma between units).  Returns 0, or -1 with d set when the template has
 * an unknown placeholder, no {units}, or the URL would not fit. */
int handoff_url(const char *tmpl, const char *project,
                const char *const *unit_ids, int n_units, const char *lang,
                char *out, size_t size, diag_t *d);

/* A QR code: width x width modules, row by row, 1 = dark. */
typedef struct {
    int width;
    unsigned char *modules;
} handoff_qr_t;

/* Encodes text (medium error correction, the smallest version that fits).
 * Returns 0, or -1 with d set.  Free with handoff_qr_free. */
int handoff_qr(const char *text, handoff_qr_t *out, diag_t *d);
void handoff_qr_free(handoff_qr_t *q);

#endif
