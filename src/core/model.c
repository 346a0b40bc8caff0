/* model.c - see model.h. */
#include "model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const char *const orient_codes[ORIENT_COUNT] = {
    "N", "NE", "E", "SE", "S", "SW", "W", "NW",
};

/* The text of lang among n strings `stride` bytes apart: falls back to
 * zh-Hant, then to any that is not empty. */
static const char *pick(const char *base, size_t stride, lang_t lang)
{
    if ((int)lang >= 0 && lang < LANG_COUNT && base[(size_t)lang * stride])
        return base + (size_t)lang * stride;
    if (base[(size_t)LANG_ZH_HANT * stride])
        return base + (size_t)LANG_ZH_HANT * stride;
    for (int i = 0; i < LANG_COUNT; i++)
        if (base[(size_t)i * stride])
            return base + (size_t)i * stride;
    return "";
}

const char *ltext_get(const ltext_t *t, lang_t lang)
{
    return pick(t->s[0], sizeof t->s[0], lang);
}

const char *lpara_get(const lpara_t *t, lang_t lang)
{
    return pick(t->s[0], sizeof t->s[0], lang);
}

static int add_ref(const char **out, int n, int max, const char *sha)
{
    if (!sha[0])
        return n;
    for (int i = 0; i < n && i < max; i++)
        if (strcmp(out[i], sha) == 0)
            return n;
    if (n < max)
        out[n] = sha;
    return n + 1;
}

int model_media_refs(const model_t *m, const char **out, int max)
{
    const project_t *p = &m->project;
    int n = 0;
    for (int i = 0; i < p->n_heroes; i++)
        n = add_ref(out, n, max, p->heroes[i]);
    n = add_ref(out, n, max, p->location_media);
    n = add_ref(out, n, max, p->siteplan_media);
    for (int i = 0; i < m->n_unit_types; i++)
        n = add_ref(out, n, max, m->unit_types[i].floor_plan);
    return n;
}

const char *orientation_code(orientation_t o)
{
    if ((int)o < 0 || o >= ORIENT_COUNT)
        return "?";
    return orient_codes[o];
}

int orientation_parse(const char *code, orientation_t *out)
{
    for (int i = 0; i < ORIENT_COUNT; i++) {
        if (strcasecmp(code, orient_codes[i]) == 0) {
            *out = (orientation_t)i;
            return 0;
        }
    }
    return -1;
}

model_t *model_create(int n_buildings, int n_unit_types, int n_units)
{
    model_t *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->buildings = calloc((size_t)(n_buildings > 0 ? n_buildings : 1),
                          sizeof *m->buildings);
    m->unit_types = calloc((size_t)(n_unit_types > 0 ? n_unit_types : 1),
                           sizeof *m->unit_types);
    m->units = calloc((size_t)(n_units > 0 ? n_units : 1), sizeof *m->units);
    if (!m->buildings || !m->unit_types || !m->units) {
        model_destroy(m);
        return NULL;
    }
    m->n_buildings = n_buildings;
    m->n_unit_types = n_unit_types;
    m->n_units = n_units;
    return m;
}

void model_destroy(model_t *m)
{
    if (!m)
        return;
    free(m->buildings);
    free(m->unit_types);
    free(m->units);
    free(m->consultants);
    free(m->id_slots);
    free(m);
}

int model_set_consultants(model_t *m, int n)
{
    free(m->consultants);
    m->n_consultants = 0;
    m->consultants = calloc((size_t)(n > 0 ? n : 1), sizeof *m->consultants);
    if (!m->consultants)
        return -1;
    m->n_consultants = n;
    return 0;
}

int model_find_consultant(const model_t *m, const char *id)
{
    for (int i = 0; i < m->n_consultants; i++)
        if (strcmp(m->consultants[i].id, id) == 0)
            return i;
    return -1;
}

static int unit_order(const void *pa, const void *pb)
{
    const unit_t *a = pa, *b = pb;
    if (a->building != b->building)
        return a->building < b->building ? -1 : 1;
    if (a->floor != b->floor)
        return a->floor < b->floor ? -1 : 1;
    if (a->stack != b->stack)
        return a->stack < b->stack ? -1 : 1;
    return strcmp(a->id, b->id);
}

void model_sort_units(model_t *m)
{
    if (m->n_units > 1)
        qsort(m->units, (size_t)m->n_units, sizeof *m->units, unit_order);
    if (m->id_slots)
        model_index(m); /* positions moved */
}

static int id_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The rule a unit breaks, or NULL.  prev is the unit before it. */
static const char *unit_rule_broken(const model_t *m, const unit_t *u,
                                    const unit_t *prev)
{
    if (!u->id[0])
        return "no id";
    if (u->building < 0 || u->building >= m->n_buildings)
        return "its building is not in the project";
    if (u->unit_type < 0 || u->unit_type >= m->n_unit_types)
        return "its unit type is not in the project";
    if ((int)u->orientation < 0 || u->orientation >= ORIENT_COUNT)
        return "unknown orientation";
    if ((int)u->status < 0 || u->status >= STATUS_COUNT)
        return "unknown status";
    const building_t *b = &m->buildings[u->building];
    if (u->floor < 1 || u->floor > b->floors)
        return "floor outside its building";
    if (u->stack < 1 || u->stack > b->units_per_floor)
        return "stack outside its building's floor";
    if (prev && (prev->building > u->building ||
                 (prev->building == u->building &&
                  (prev->floor > u->floor ||
                   (prev->floor == u->floor && prev->stack > u->stack)))))
        return "out of board order";
    if (prev && prev->building == u->building && prev->floor == u->floor &&
        prev->stack == u->stack)
        return "shares its floor and stack with another unit";
    if (u->area_built <= 0 || u->area_inner <= 0 || u->list_price < 0 ||
        u->unit_price < 0 || u->version < 0 || u->status_changed_at < 0 ||
        u->hold_expires_at < 0)
        return "zero or negative area, or a negative price, time or version";
    return NULL;
}

/* "" or 64 lowercase hex digits (media.h names media so). */
static int sha_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0)
        return 1;
    if (n != 64)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

static int media_check(const model_t *m, diag_t *d)
{
    const project_t *p = &m->project;
    if (p->n_heroes < 0 || p->n_heroes > MODEL_HEROES_MAX) {
        diag_set(d, "project: %d images (0..%d)", p->n_heroes,
                 MODEL_HEROES_MAX);
        return -1;
    }
    for (int i = 0; i < p->n_heroes; i++)
        if (!p->heroes[i][0] || !sha_ok(p->heroes[i])) {
            diag_set(d, "project: image %d is not a media name", i + 1);
            return -1;
        }
    if (!sha_ok(p->location_media) || !sha_ok(p->siteplan_media)) {
        diag_set(d, "project: location or site plan is not a media name");
        return -1;
    }
    for (int i = 0; i < m->n_unit_types; i++)
        if (!sha_ok(m->unit_types[i].floor_plan)) {
            diag_set(d, "unit type '%s': floor plan is not a media name",
                     m->unit_types[i].id);
            return -1;
        }
    return 0;
}

int model_check(const model_t *m, diag_t *d)
{
    int rc = 0;
    if (media_check(m, d) != 0)
        return -1;
    for (int i = 0; i < m->n_buildings; i++) {
        const building_t *b = &m->buildings[i];
        if (!b->id[0] || b->floors < 1 || b->floors > MODEL_MAX_FLOORS ||
            b->units_per_floor < 1 || b->units_per_floor > MODEL_MAX_UPF ||
            b->version < 0) {
            diag_set(d, "building '%s': no id, or floors %d or units per "
                     "floor %d out of range (1..%d, 1..%d)", b->id, b->floors,
                     b->units_per_floor, MODEL_MAX_FLOORS, MODEL_MAX_UPF);
            return -1;
        }
    }
    for (int i = 0; i < m->n_consultants; i++) {
        const consultant_t *k = &m->consultants[i];
        if (!k->id[0] || k->version < 0) {
            diag_set(d, "consultant %d: no id, or a negative version", i + 1);
            return -1;
        }
        for (int j = 0; j < i; j++)
            if (strcmp(m->consultants[j].id, k->id) == 0) {
                diag_set(d, "consultant '%s': id used twice", k->id);
                return -1;
            }
    }
    for (int i = 0; i < m->n_units; i++) {
        const char *why = unit_rule_broken(m, &m->units[i],
                                           i > 0 ? &m->units[i - 1] : NULL);
        if (!why && m->version > 0 && m->units[i].version > m->version)
            why = "its version is above the project's";
        if (why) {
            diag_set(d, "unit '%s': %s", m->units[i].id, why);
            return -1;
        }
    }
    /* Ids are unique (sorted copies of the pointers). */
    const char **ids = malloc(sizeof *ids * (size_t)(m->n_units > 0 ? m->n_units : 1));
    if (!ids) {
        diag_set(d, "out of memory");
        return -1;
    }
    for (int i = 0; i < m->n_units; i++)
        ids[i] = m->units[i].id;
    qsort(ids, (size_t)m->n_units, sizeof *ids, id_cmp);
    for (int i = 1; i < m->n_units && rc == 0; i++) {
        if (strcmp(ids[i - 1], ids[i]) == 0) {
            diag_set(d, "unit '%s': id used twice", ids[i]);
            rc = -1;
        }
    }
    free(ids);
    return rc;
}

static uint32_t id_hash(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

int model_index(model_t *m)
{
    int n = 16;
    while (n < m->n_units * 2)
        n *= 2;
    int *slots = malloc(sizeof *slots * (size_t)n);
    free(m->id_slots);
    m->id_slots = NULL;
    m->n_slots = 0;
    if (!slots)
        return -1;
    for (int i = 0; i < n; i++)
        slots[i] = -1;
    for (int i = 0; i < m->n_units; i++) {
        uint32_t h = id_hash(m->units[i].id) & (uint32_t)(n - 1);
        while (slots[h] >= 0)
            h = (h + 1) & (uint32_t)(n - 1);
        slots[h] = i;
    }
    m->id_slots = slots;
    m->n_slots = n;
    return 0;
}

int model_find_unit(const model_t *m, const char *id)
{
    if (m->id_slots) {
        uint32_t mask = (uint32_t)(m->n_slots - 1);
        for (uint32_t h = id_hash(id) & mask; m->id_slots[h] >= 0;
             h = (h + 1) & mask)
            if (strcmp(m->units[m->id_slots[h]].id, id) == 0)
                return m->id_slots[h];
        return -1;
    }
    for (int i = 0; i < m->n_units; i++)
        if (strcmp(m->units[i].id, id) == 0)
            return i;
    return -1;
}

static void count_unit(model_counts_t *c, const unit_t *u, int64_t day_start)
{
    c->total++;
    if ((int)u->status >= 0 && u->status < STATUS_COUNT)
        c->by_status[u->status]++;
    if (u->status_changed_at >= day_start) {
        if (u->status == STATUS_HELD)
            c->held_today++;
        else if (u->status == STATUS_SUBSCRIBED)
            c->subscribed_today++;
        else if (u->status == STATUS_SIGNED)
            c->signed_today++;
    }
}

void model_count(const model_t *m, int building, int64_t day_start,
                 model_counts_t *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < m->n_units; i++)
        if (building < 0 || m->units[i].building == building)
            count_unit(out, &m->units[i], day_start);
}

void model_count_buildings(const model_t *m, int64_t day_start,
                           model_counts_t *by_building, model_counts_t *all)
{
    memset(by_building, 0, sizeof *by_building * (size_t)m->n_buildings);
    memset(all, 0, sizeof *all);
    for (int i = 0; i < m->n_units; i++) {
        const unit_t *u = &m->units[i];
        if (u->building >= 0 && u->building < m->n_buildings)
            count_unit(&by_building[u->building], u, day_start);
        count_unit(all, u, day_start);
    }
}

int64_t model_day_start(int64_t now_s)
{
    time_t t = (time_t)now_s;
    struct tm tm;
    localtime_r(&t, &tm);
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

int model_sold_bp(const model_counts_t *c)
{
    int released = c->total - c->by_status[STATUS_WITHHELD], sold = 0;
    for (int s = 0; s < STATUS_COUNT; s++)
        if (status_is_sold((unit_status_t)s))
            sold += c->by_status[s];
    if (released <= 0)
        return 0;
    return (int)(((int64_t)sold * 10000 + released / 2) / released);
}

int model_apply_units(model_t *m, const unit_t *upd, int n,
                      model_change_t *out)
{
    int k = 0;
    for (int i = 0; i < n; i++) {
        int j = model_find_unit(m, upd[i].id);
        if (j < 0)
            return -1;
        unit_t *u = &m->units[j];
        if (upd[i].version <= u->version)
            continue;
        out[k].unit = j;
        out[k].was = u->status;
        k++;
        u->status = upd[i].status;
        u->status_changed_at = upd[i].status_changed_at;
        u->hold_expires_at = upd[i].hold_expires_at;
        memcpy(u->hold_id, upd[i].hold_id, sizeof u->hold_id);
        memcpy(u->held_by, upd[i].held_by, sizeof u->held_by);
        u->list_price = upd[i].list_price;
        u->unit_price = upd[i].unit_price;
        u->version = upd[i].version;
    }
    return k;
}
