/* images.h - the pictures the customer's screens show, by media name.
 *
 * Floor plans and project images arrive as content-addressed files
 * (media.h) in the kiosk's data directory.  This cache loads each one the
 * first time a screen asks, checks its hash on the way in, keeps the
 * textures within a byte budget (least recently used go first), and
 * remembers what could not be shown so a missing or damaged file costs one
 * attempt, not one per frame.  A screen given NULL draws a placeholder.
 */
#ifndef IMAGES_H
#define IMAGES_H

#include <stddef.h>

#include "render.h"

typedef struct images images_t;

typedef enum {
    IMAGE_UNKNOWN = 0, /* not asked for yet */
    IMAGE_OK,
    IMAGE_MISSING,     /* no file yet (the sync worker may still bring it) */
    IMAGE_BROKEN,      /* wrong hash, unreadable or not a picture */
} image_state_t;

/* media_dir must outlive the cache.  budget_bytes of textures (0 = 64 MiB);
 * pictures larger than max_side are scaled down on loading (0 = keep).
 * Returns NULL when out of memory. */
images_t *images_create(render_t *r, const char *media_dir,
                        size_t budget_bytes, int max_side);
void images_destroy(images_t *c);

/* The picture named sha, or NULL (then images_state says why). */
render_image_t *images_get(images_t *c, const char *sha);
image_state_t images_state(const images_t *c, const char *sha);

/* New files arrived: try the missing ones again on their next use. */
void images_retry_missing(images_t *c);
/* The renderer lost its textures: load everything again when next used. */
void images_drop_all(images_t *c);

typedef struct {
    unsigned loads, failures, evictions;
    size_t bytes;
} images_stats_t;
const images_stats_t *images_stats(const images_t *c);

#endif
