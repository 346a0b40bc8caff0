/* text.c - see text.h.  One of the three files of ui/ that use SDL.
 *
 * The cache is an open-addressing hash table (linear probing, backward-shift
 * deletion) keyed by (string, px, weight), with least-recently-used eviction
 * once the textures exceed the byte budget.
 */
#include "text.h"

#include <SDL_ttf.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render_sdl.h"

#define SLOTS 8192          /* power of two */
#define MAX_ENTRIES (SLOTS / 2)
#define MAX_PX 400

typedef struct {
    char *str;              /* NULL = empty slot */
    uint32_t hash;
    int16_t px;
    int8_t wt;
    SDL_Texture *tex;
    int w, h;
    uint64_t used;          /* LRU stamp */
} entry_t;

/* One open face per weight, resized on demand: every FT_Face of a CJK
 * collection costs megabytes, so sizes share it (TTF_SetFontSize). */
typedef struct {
    TTF_Font *font;
    int px;                 /* current size */
    void *map;              /* the font file, mapped (see open_face) */
    size_t map_len;
} face_t;

struct text {
    render_t *r;
    size_t budget;
    entry_t *slots;
    face_t faces[2];        /* TEXT_REGULAR, TEXT_BOLD */
    uint64_t clock;
    text_stats_t stats;
};

static int ttf_users;

static uint32_t hash_key(const char *s, int px, int wt)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    h = (h ^ (uint32_t)px) * 16777619u;
    return (h ^ (uint32_t)wt) * 16777619u;
}

static void close_face(face_t *f)
{
    if (f->font)
        TTF_CloseFont(f->font);
    if (f->map)
        munmap(f->map, f->map_len);
    memset(f, 0, sizeof *f);
}

static void close_fonts(text_t *t)
{
    for (int i = 0; i < 2; i++)
        close_face(&t->faces[i]);
}

static void drop_all(text_t *t)
{
    for (int i = 0; i < SLOTS; i++) {
        if (t->slots[i].str) {
            free(t->slots[i].str);
            if (t->slots[i].tex)
                SDL_DestroyTexture(t->slots[i].tex);
        }
        memset(&t->slots[i], 0, sizeof t->slots[i]);
    }
    t->stats.entries = 0;
    t->stats.bytes = 0;
}

/* The face of weight wt set to px; NULL when it cannot be. */
static TTF_Font *font_at(text_t *t, int px, int wt)
{
    face_t *f = &t->faces[wt == TEXT_BOLD];
    if (px < 1)
        px = 1;
    if (px > MAX_PX)
        px = MAX_PX;
    if (!f->font)
        return NULL;
    if (f->px != px) {
        if (TTF_SetFontSize(f->font, px) != 0)
            return NULL;
        f->px = px;
    }
    return f->font;
}

/* Opens a face of a font file.  With map set the file is mapped into
 * memory rather than read through stdio: FreeType seeks and reads for every
 * glyph it loads, and a CJK screen (a scrolling list of new prices) loads
 * many, so each glyph cost two system calls.  Mapped, it costs a page fault
 * the first time and nothing after; the pages touched (about 8 MB for the
 * two Noto CJK weights) then count as resident.  The board, which renders
 * few new strings, reads; the touchscreen maps. */
static face_t open_face(const char *path, int face, int synth_bold,
                        int map_file)
{
    face_t f = {0};
    struct stat st;
    int fd = map_file ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    if (fd >= 0 && fstat(fd, &st) == 0 && st.st_size > 0 &&
        (uint64_t)st.st_size < (uint64_t)INT32_MAX) {
        void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (map != MAP_FAILED) {
            /* Glyphs are scattered over a 20 MB collection: read only the
             * pages touched, not the kernel's readahead around each. */
            posix_madvise(map, (size_t)st.st_size, POSIX_MADV_RANDOM);
            f.map = map;
            f.map_len = (size_t)st.st_size;
        }
    }
    if (fd >= 0)
        close(fd);
    if (f.map) {
        SDL_RWops *rw = SDL_RWFromConstMem(f.map, (int)f.map_len);
        f.font = rw ? TTF_OpenFontIndexRW(rw, 1, 16, face) : NULL;
    } else {
        f.font = TTF_OpenFontIndex(path, 16, face); /* say, a pipe */
    }
    if (!f.font) {
        close_face(&f);
        return f;
    }
    f.px = 16;
    if (synth_bold)
        TTF_SetFontStyle(f.font, TTF_STYLE_BOLD);
    return f;
}

int text_set_fonts(text_t *t, const text_fonts_t *fonts, diag_t *d)
{
    face_t reg, bold;
    int has_bold = fonts->bold_path && fonts->bold_path[0];
    if (!fonts->regular_path || !fonts->regular_path[0]) {
        diag_set(d, "no font given");
        return -1;
    }
    reg = open_face(fonts->regular_path, fonts->regular_face, 0,
                    fonts->map_files);
    if (!reg.font) {
        diag_set(d, "%s (face %d): cannot open font: %s", fonts->regular_path,
                 fonts->regular_face, TTF_GetError());
        return -1;
    }
    bold = has_bold ? open_face(fonts->bold_path, fonts->bold_face, 0,
                                fonts->map_files)
                    : open_face(fonts->regular_path, fonts->regular_face, 1,
                                fonts->map_files);
    if (!bold.font) {
        diag_set(d, "%s (face %d): cannot open font: %s",
                 has_bold ? fonts->bold_path : fonts->regular_path,
                 has_bold ? fonts->bold_face : fonts->regular_face,
                 TTF_GetError());
        close_face(&reg);
        return -1;
    }
    close_fonts(t);
    drop_all(t);
    t->faces[0] = reg;
    t->faces[1] = bold;
    t->budget = fonts->budget_bytes ? fonts->budget_bytes : 16u << 20;
    return 0;
}

text_t *text_create(render_t *r, const text_fonts_t *fonts, diag_t *d)
{
    text_t *t = calloc(1, sizeof *t);
    if (!t || !(t->slots = calloc(SLOTS, sizeof *t->slots))) {
        free(t);
        diag_set(d, "out of memory");
        return NULL;
    }
    if (ttf_users == 0 && TTF_Init() != 0) {
        diag_set(d, "cannot initialise SDL_ttf: %s", TTF_GetError());
        free(t->slots);
        free(t);
        return NULL;
    }
    ttf_users++;
    t->r = r;
    if (text_set_fonts(t, fonts, d) != 0) {
        text_destroy(t);
        return NULL;
    }
    return t;
}

void text_destroy(text_t *t)
{
    if (!t)
        return;
    drop_all(t);
    close_fonts(t);
    free(t->slots);
    free(t);
    if (--ttf_users == 0)
        TTF_Quit();
}

int text_measure(text_t *t, const char *utf8, int px, text_weight_t wt,
                 int *w, int *h)
{
    TTF_Font *f = font_at(t, px, (int)wt);
    *w = *h = 0;
    if (!f)
        return -1;
    if (!utf8[0]) {
        *h = TTF_FontHeight(f);
        return 0;
    }
    return TTF_SizeUTF8(f, utf8, w, h) == 0 ? 0 : -1;
}

int text_fit_px(text_t *t, const char *utf8, int min_px, int max_px,
                text_weight_t wt, int max_w)
{
    int w, h, px;
    if (text_measure(t, utf8, max_px, wt, &w, &h) != 0 || w <= max_w)
        return max_px;
    /* Width grows about linearly with size: guess, then step to the edge
     * (usually one or two measurements instead of a binary search). */
    px = (int)((long long)max_px * max_w / (w > 0 ? w : 1));
    if (px < min_px)
        px = min_px;
    if (px >= max_px)
        px = max_px - 1;
    while (px > min_px && (text_measure(t, utf8, px, wt, &w, &h) != 0 ||
                           w > max_w))
        px--;
    while (px + 1 < max_px && text_measure(t, utf8, px + 1, wt, &w, &h) == 0 &&
           w <= max_w)
        px++;
    return px;
}

/* ---- the texture cache ---------------------------------------------- */

static void remove_slot(text_t *t, uint32_t i)
{
    entry_t *e = &t->slots[i];
    t->stats.bytes -= (size_t)e->w * (size_t)e->h * 4;
    t->stats.entries--;
    t->stats.evictions++;
    free(e->str);
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    memset(e, 0, sizeof *e);
    /* Backward-shift: pull later members of the probe run into the hole. */
    uint32_t hole = i;
    for (uint32_t j = (i + 1) & (SLOTS - 1); t->slots[j].str;
         j = (j + 1) & (SLOTS - 1)) {
        uint32_t home = t->slots[j].hash & (SLOTS - 1);
        int movable = hole <= j ? (home <= hole || home > j)
                                : (home <= hole && home > j);
        if (movable) {
            t->slots[hole] = t->slots[j];
            memset(&t->slots[j], 0, sizeof t->slots[j]);
            hole = j;
        }
    }
}

static void evict_lru(text_t *t)
{
    uint32_t victim = SLOTS;
    for (uint32_t i = 0; i < SLOTS; i++)
        if (t->slots[i].str &&
            (victim == SLOTS || t->slots[i].used < t->slots[victim].used))
            victim = i;
    if (victim != SLOTS)
        remove_slot(t, victim);
}

/* Finds or renders the texture for (utf8, px, wt); NULL on failure. */
static entry_t *lookup(text_t *t, const char *utf8, int px, int wt)
{
    uint32_t h = hash_key(utf8, px, wt), i;
    for (i = h & (SLOTS - 1); t->slots[i].str; i = (i + 1) & (SLOTS - 1)) {
        entry_t *e = &t->slots[i];
        if (e->hash == h && e->px == px && e->wt == wt &&
            strcmp(e->str, utf8) == 0) {
            e->used = ++t->clock;
            t->stats.hits++;
            return e;
        }
    }
    t->stats.misses++;
    TTF_Font *f = font_at(t, px, wt);
    if (!f || !t->r)
        return NULL;
    SDL_Surface *s = TTF_RenderUTF8_Blended(f, utf8, (SDL_Color){255, 255, 255, 255});
    if (!s)
        return NULL;
    SDL_Texture *tex = SDL_CreateTextureFromSurface(render_sdl(t->r), s);
    int w = s->w, hh = s->h;
    SDL_FreeSurface(s);
    if (!tex)
        return NULL;
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);

    size_t bytes = (size_t)w * (size_t)hh * 4;
    while (t->stats.entries > 0 &&
           (t->stats.entries >= MAX_ENTRIES || t->stats.bytes + bytes > t->budget))
        evict_lru(t);
    /* Eviction may have shifted slots: probe again for a free one. */
    for (i = h & (SLOTS - 1); t->slots[i].str; i = (i + 1) & (SLOTS - 1))
        ;
    char *copy = strdup(utf8);
    if (!copy) {
        SDL_DestroyTexture(tex);
        return NULL;
    }
    t->slots[i] = (entry_t){copy, h, (int16_t)px, (int8_t)wt, tex, w, hh,
                            ++t->clock};
    t->stats.entries++;
    t->stats.bytes += bytes;
    return &t->slots[i];
}

static void blit(text_t *t, entry_t *e, int x, int y, int max_w, int max_h,
                 color_t c)
{
    SDL_Rect src = {0, 0, e->w < max_w ? e->w : max_w,
                    e->h < max_h ? e->h : max_h};
    SDL_Rect dst = {x, y, src.w, src.h};
    if (src.w <= 0 || src.h <= 0)
        return;
    SDL_SetTextureColorMod(e->tex, c.r, c.g, c.b);
    SDL_SetTextureAlphaMod(e->tex, c.a);
    SDL_RenderCopy(render_sdl(t->r), e->tex, &src, &dst);
    render_count_call(t->r);
}

int text_draw(text_t *t, const char *utf8, int px, text_weight_t wt, int x,
              int y, text_align_t align, color_t c)
{
    entry_t *e;
    if (!utf8[0] || !(e = lookup(t, utf8, px, (int)wt)))
        return 0;
    if (align == ALIGN_CENTER)
        x -= e->w / 2;
    else if (align == ALIGN_RIGHT)
        x -= e->w;
    blit(t, e, x, y, e->w, e->h, c);
    return e->w;
}

void text_draw_in(text_t *t, const char *utf8, int px, text_weight_t wt,
                  rect_t box, text_align_t align, color_t c)
{
    entry_t *e;
    int x, y;
    if (!utf8[0] || box.w <= 0 || box.h <= 0 ||
        !(e = lookup(t, utf8, px, (int)wt)))
        return;
    x = align == ALIGN_CENTER ? box.x + (box.w - e->w) / 2
        : align == ALIGN_RIGHT ? box.x + box.w - e->w
                               : box.x;
    if (x < box.x)
        x = box.x;
    y = box.y + (box.h - e->h) / 2;
    int cut_top = y < box.y ? box.y - y : 0;
    if (cut_top) {
        /* Taller than the box: keep the middle, where the glyphs are. */
        SDL_Rect src = {0, cut_top, e->w < box.w ? e->w : box.w, box.h};
        SDL_Rect dst = {x, box.y, src.w, src.h};
        SDL_SetTextureColorMod(e->tex, c.r, c.g, c.b);
        SDL_SetTextureAlphaMod(e->tex, c.a);
        SDL_RenderCopy(render_sdl(t->r), e->tex, &src, &dst);
        render_count_call(t->r);
        return;
    }
    blit(t, e, x, y, box.x + box.w - x, box.h, c);
}

void text_drop_all(text_t *t)
{
    drop_all(t);
}

const text_stats_t *text_stats(const text_t *t)
{
    return &t->stats;
}
