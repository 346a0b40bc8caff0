/* demo_media.h - the demo project's pictures: found, named, installed.
 *
 * The project draws its own demo pictures (src/tools/demo_media.c) into
 * <assets>/demo/media under fixed file names: plan-A.png .. plan-E.png (the
 * floor plans of unit types A..E), hero-1.jpg .. hero-3.jpg (project
 * images), location.png and siteplan.png.  This module finds whichever of
 * them exist, names each by the SHA-256 of its bytes (media.h) for
 * demo_generate(), and copies them into a media directory under those
 * names, where the kiosk's screens and salesd's /media/ endpoint find them.
 *
 * Every picture is optional: a missing one is simply left out (the screens
 * show a placeholder), so a checkout without pictures still makes a demo.
 * Not for: drawing the pictures, or fetching media from a server (sync.c).
 */
#ifndef DEMO_MEDIA_H
#define DEMO_MEDIA_H

#include <stddef.h>

#include "demo.h"
#include "diag.h"

/* No demo picture file may be larger than this. */
#define DEMO_MEDIA_MAX_BYTES ((size_t)32 << 20)

/* Names (media.h) of the pictures in <assets_dir>/demo/media into *out
 * (cleared first; a missing file leaves its slot "", and the heroes that
 * exist are packed in order).  A missing directory gives no pictures and
 * is no error.  Returns 0, or -1 when a file is there but cannot be read
 * or is over DEMO_MEDIA_MAX_BYTES: d (cleared first) names each such file,
 * one a line, and *out still names every picture that could be read, so a
 * caller may warn and go on. */
int demo_media_find(const char *assets_dir, demo_media_t *out, diag_t *d);

/* Finds the pictures (as demo_media_find) and copies each one that
 * media_dir does not have yet (media_have) into it under its name
 * (media_store: whole or not at all; the directory is created if needed).
 * What media_dir already has is neither read nor written again.  *out
 * (may be NULL) names the pictures that are now in media_dir, and
 * *copied (may be NULL) counts those copied by this call.  Returns 0, or
 * -1 when any picture could not be read or stored: d (cleared first) names
 * each, one a line, and *out leaves those out, so a demo made from it
 * refers only to pictures that are there. */
int demo_media_install(const char *assets_dir, const char *media_dir,
                       demo_media_t *out, int *copied, diag_t *d);

/* How many pictures *m names (0..MODEL_HEROES_MAX + 2 + 8). */
int demo_media_count(const demo_media_t *m);

#endif
