/* images.c - see images.h. */
#include "images.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "media.h"

#define ENTRIES_MAX 64
#define FILE_MAX ((size_t)32 << 20) /* no picture file is larger */

typedef struct {
    char sha[MEDIA_NAME_LEN + 1];
    image_state_t state;
    render_image_t *img;
    uint64_t used;
} entry_t;

struct images {
    render_t *r;
    const char *dir;
    size_t budget;
    int max_side;
    entry_t e[ENTRIES_MAX];
    int n;
    uint64_t clock;
    images_stats_t stats;
};

images_t *images_create(render_t *r, const char *media_dir,
                        size_t budget_bytes, int max_side)
{
    images_t *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->r = r;
    c->dir = media_dir;
    c->budget = budget_bytes ? budget_bytes : (size_t)64 << 20;
    c->max_side = max_side;
    return c;
}

static void unload(images_t *c, entry_t *e)
{
    if (!e->img)
        return;
    c->stats.bytes -= render_image_bytes(e->img);
    render_image_destroy(e->img);
    e->img = NULL;
}

void images_destroy(images_t *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->n; i++)
        unload(c, &c->e[i]);
    free(c);
}

static entry_t *find(const images_t *c, const char *sha)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->e[i].sha, sha) == 0)
            return (entry_t *)&c->e[i];
    return NULL;
}

/* Frees the least recently used pictures until need more bytes fit. */
static void make_room(images_t *c, size_t need, const entry_t *keep)
{
    while (c->stats.bytes + need > c->budget) {
        entry_t *old = NULL;
        for (int i = 0; i < c->n; i++)
            if (c->e[i].img && &c->e[i] != keep &&
                (!old || c->e[i].used < old->used))
                old = &c->e[i];
        if (!old)
            return;
        unload(c, old);
        old->state = IMAGE_UNKNOWN;
        c->stats.evictions++;
    }
}

static void load(images_t *c, entry_t *e)
{
    void *bytes = NULL;
    size_t n = 0;
    diag_t d;
    if (!media_have(c->dir, e->sha)) {
        e->state = IMAGE_MISSING;
        return;
    }
    if (media_load(c->dir, e->sha, FILE_MAX, &bytes, &n, &d) != 0) {
        fprintf(stderr, "kiosk: picture %.12s…: %s\n", e->sha, d.msg);
        e->state = IMAGE_BROKEN;
        c->stats.failures++;
        return;
    }
    e->img = render_image_create(c->r, bytes, n, c->max_side, &d);
    free(bytes);
    if (!e->img) {
        fprintf(stderr, "kiosk: picture %.12s…: %s\n", e->sha, d.msg);
        e->state = IMAGE_BROKEN;
        c->stats.failures++;
        return;
    }
    make_room(c, render_image_bytes(e->img), e);
    c->stats.bytes += render_image_bytes(e->img);
    c->stats.loads++;
    e->state = IMAGE_OK;
}

render_image_t *images_get(images_t *c, const char *sha)
{
    if (!sha || !media_name_valid(sha))
        return NULL;
    entry_t *e = find(c, sha);
    if (!e) {
        if (c->n == ENTRIES_MAX) {
            /* Reuse the least recently used slot. */
            e = &c->e[0];
            for (int i = 1; i < c->n; i++)
                if (c->e[i].used < e->used)
                    e = &c->e[i];
            unload(c, e);
        } else {
            e = &c->e[c->n++];
        }
        memset(e, 0, sizeof *e);
        snprintf(e->sha, sizeof e->sha, "%s", sha);
    }
    e->used = ++c->clock;
    if (e->state == IMAGE_UNKNOWN)
        load(c, e);
    return e->img;
}

image_state_t images_state(const images_t *c, const char *sha)
{
    const entry_t *e = sha ? find(c, sha) : NULL;
    return e ? e->state : IMAGE_UNKNOWN;
}

void images_retry_missing(images_t *c)
{
    for (int i = 0; i < c->n; i++)
        if (c->e[i].state == IMAGE_MISSING)
            c->e[i].state = IMAGE_UNKNOWN;
}

void images_drop_all(images_t *c)
{
    for (int i = 0; i < c->n; i++) {
        unload(c, &c->e[i]);
        if (c->e[i].state == IMAGE_OK)
            c->e[i].state = IMAGE_UNKNOWN;
    }
}

const images_stats_t *images_stats(const images_t *c)
{
    return &c->stats;
}
