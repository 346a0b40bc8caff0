/* proto.c - see proto.h.
 *
 * Decoding is strict: every field is required and of one type, integers are
 * range-checked, strings length-checked, and unknown fields are ignored (so
 * a newer server can add fields without breaking older kiosks).  Duplicate
 * keys, bad UTF-8 and trailing garbage are rejected by jansson itself.
 */
#include "proto.h"

#include "pin.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a bound on parsing ------------------------------------------------ *
 * jansson builds a tree of the whole body, ~60-100 bytes a value, so a
 * small hostile body ("[0,0,0,...]", two bytes a value) could grow a huge
 * tree.  Before parsing, count the values (outside strings) and refuse more
 * than a real project can have: a 20,000-unit snapshot has ~650,000. */

#define PROTO_MAX_VALUES 2500000L

static long count_values(const char *s, size_t len)
{
    long n = 1;
    int in_str = 0, esc = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        if (in_str) {
            if (esc)
                esc = 0;
            else if (ch == '\\')
                esc = 1;
            else if (ch == '"')
                in_str = 0;
        } else if (ch == '"') {
            in_str = 1;
        } else if (ch == ',' || ch == '[' || ch == '{' || ch == ':') {
            n++;
        }
    }
    return n;
}

static const char *const lang_keys[LANG_COUNT] = {"zh-Hant", "zh-Hans", "en"};

/* ---- encoding ------------------------------------------------------------ */

static json_t *ltext_json(const ltext_t *t)
{
    json_t *o = json_object();
    for (int l = 0; l < LANG_COUNT; l++)
        json_object_set_new(o, lang_keys[l], json_string(t->s[l]));
    return o;
}

static json_t *lpara_json(const lpara_t *t)
{
    json_t *o = json_object();
    for (int l = 0; l < LANG_COUNT; l++)
        json_object_set_new(o, lang_keys[l], json_string(t->s[l]));
    return o;
}

/* A list kept one item a line becomes an array of texts per item. */
static json_t *llist_json(const lpara_t *t)
{
    json_t *a = json_array();
    const char *at_[LANG_COUNT];
    for (int l = 0; l < LANG_COUNT; l++)
        at_[l] = t->s[l];
    for (int item = 0; item < MODEL_LIST_MAX; item++) {
        json_t *o = json_object();
        int any = 0;
        for (int l = 0; l < LANG_COUNT; l++) {
            const char *e = strchr(at_[l], '\n');
            size_t n = e ? (size_t)(e - at_[l]) : strlen(at_[l]);
            any |= n > 0 || e != NULL;
            json_object_set_new(o, lang_keys[l], json_stringn(at_[l], n));
            at_[l] += n + (e != NULL);
        }
        if (!any) {
            json_decref(o);
            break;
        }
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *media_json(const project_t *p)
{
    json_t *o = json_object(), *h = json_array();
    for (int i = 0; i < p->n_heroes; i++)
        json_array_append_new(h, json_string(p->heroes[i]));
    json_object_set_new(o, "hero", h);
    if (p->location_media[0])
        json_object_set_new(o, "location", json_string(p->location_media));
    if (p->siteplan_media[0])
        json_object_set_new(o, "siteplan", json_string(p->siteplan_media));
    return o;
}

static json_t *unit_json(const model_t *m, const unit_t *u)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(u->id));
    json_object_set_new(o, "building", json_string(m->buildings[u->building].id));
    json_object_set_new(o, "unit_type", json_string(m->unit_types[u->unit_type].id));
    json_object_set_new(o, "floor", json_integer(u->floor));
    json_object_set_new(o, "stack", json_integer(u->stack));
    json_object_set_new(o, "number", json_string(u->number));
    json_object_set_new(o, "orientation", json_string(orientation_code(u->orientation)));
    json_object_set_new(o, "area_built", json_integer(u->area_built));
    json_object_set_new(o, "area_inner", json_integer(u->area_inner));
    json_object_set_new(o, "list_price", json_integer(u->list_price));
    json_object_set_new(o, "unit_price", json_integer(u->unit_price));
    json_object_set_new(o, "status", json_string(status_wire_name(u->status)));
    json_object_set_new(o, "status_changed_at", json_integer(u->status_changed_at));
    json_object_set_new(o, "hold_expires_at", json_integer(u->hold_expires_at));
    json_object_set_new(o, "version", json_integer(u->version));
    if (u->status == STATUS_HELD && u->hold_id[0]) {
        json_t *h = json_object();
        json_object_set_new(h, "id", json_string(u->hold_id));
        json_object_set_new(h, "consultant_id", json_string(u->held_by));
        json_object_set_new(h, "expires_at", json_integer(u->hold_expires_at));
        json_object_set_new(o, "hold", h);
    }
    return o;
}

static json_t *consultant_json(const consultant_t *k)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(k->id));
    json_object_set_new(o, "name", ltext_json(&k->name));
    json_object_set_new(o, "pin_hash", json_string(k->active ? k->pin_hash : ""));
    json_object_set_new(o, "active", json_boolean(k->active));
    json_object_set_new(o, "version", json_integer(k->version));
    return o;
}

static json_t *head_json(const model_t *m, int64_t server_time)
{
    json_t *o = json_object();
    json_object_set_new(o, "protocol", json_integer(PROTO_VERSION));
    json_object_set_new(o, "project_id", json_string(m->project.id));
    json_object_set_new(o, "epoch", json_string(m->epoch));
    json_object_set_new(o, "version", json_integer(m->version));
    json_object_set_new(o, "server_time", json_integer(server_time));
    return o;
}

/* Serialises and frees o; the caller frees the text with free(). */
static char *dump(json_t *o, size_t *len)
{
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (s && len)
        *len = strlen(s);
    return s;
}

char *proto_encode_snapshot(const model_t *m, int64_t server_time, size_t *len)
{
    json_t *o = head_json(m, server_time), *a;
    const project_t *p = &m->project;
    json_t *pj = json_object();
    json_object_set_new(pj, "id", json_string(p->id));
    json_object_set_new(pj, "name", ltext_json(&p->name));
    json_object_set_new(pj, "developer", ltext_json(&p->developer));
    json_object_set_new(pj, "address", ltext_json(&p->address));
    json_object_set_new(pj, "permits", json_string(p->permits));
    json_object_set_new(pj, "delivery_date", json_string(p->delivery_date));
    json_object_set_new(pj, "version", json_integer(p->version));
    json_object_set_new(pj, "description", lpara_json(&p->description));
    json_object_set_new(pj, "highlights", llist_json(&p->highlights));
    json_object_set_new(pj, "amenities", llist_json(&p->amenities));
    json_object_set_new(pj, "property_fee", json_integer(p->property_fee));
    if (p->commercial_rate_bp || p->provident_rate_bp) {
        json_t *mo = json_object();
        json_object_set_new(mo, "commercial_rate_bp",
                            json_integer(p->commercial_rate_bp));
        json_object_set_new(mo, "provident_rate_bp",
                            json_integer(p->provident_rate_bp));
        json_object_set_new(pj, "mortgage", mo);
    }
    json_object_set_new(pj, "media", media_json(p));
    json_object_set_new(o, "project", pj);

    a = json_array();
    for (int i = 0; i < m->n_buildings; i++) {
        const building_t *b = &m->buildings[i];
        json_t *bj = json_object();
        json_object_set_new(bj, "id", json_string(b->id));
        json_object_set_new(bj, "name", ltext_json(&b->name));
        json_object_set_new(bj, "floors", json_integer(b->floors));
        json_object_set_new(bj, "units_per_floor", json_integer(b->units_per_floor));
        json_object_set_new(bj, "permit", json_string(b->permit));
        json_object_set_new(bj, "sort_order", json_integer(b->sort_order));
        json_object_set_new(bj, "version", json_integer(b->version));
        json_array_append_new(a, bj);
    }
    json_object_set_new(o, "buildings", a);

    a = json_array();
    for (int i = 0; i < m->n_unit_types; i++) {
        const unit_type_t *t = &m->unit_types[i];
        json_t *tj = json_object();
        json_object_set_new(tj, "id", json_string(t->id));
        json_object_set_new(tj, "code", json_string(t->code));
        json_object_set_new(tj, "name", ltext_json(&t->name));
        json_object_set_new(tj, "bedrooms", json_integer(t->bedrooms));
        json_object_set_new(tj, "living_rooms", json_integer(t->living_rooms));
        json_object_set_new(tj, "bathrooms", json_integer(t->bathrooms));
        json_object_set_new(tj, "area_built", json_integer(t->area_built));
        json_object_set_new(tj, "area_inner", json_integer(t->area_inner));
        json_object_set_new(tj, "version", json_integer(t->version));
        if (t->floor_plan[0])
            json_object_set_new(tj, "floor_plan", json_string(t->floor_plan));
        json_array_append_new(a, tj);
    }
    json_object_set_new(o, "unit_types", a);

    a = json_array();
    for (int i = 0; i < m->n_units; i++)
        json_array_append_new(a, unit_json(m, &m->units[i]));
    json_object_set_new(o, "units", a);

    /* Only those who may sign in: a removed consultant's row stays on the
     * server, for the changes feed. */
    a = json_array();
    for (int i = 0; i < m->n_consultants; i++)
        if (m->consultants[i].active)
            json_array_append_new(a, consultant_json(&m->consultants[i]));
    json_object_set_new(o, "consultants", a);
    return dump(o, len);
}

char *proto_encode_changes(const model_t *m, int64_t since,
                           int64_t server_time, size_t *len)
{
    json_t *o = head_json(m, server_time), *a = json_array();
    json_object_set_new(o, "since", json_integer(since));
    for (int i = 0; i < m->n_units; i++)
        if (m->units[i].version > since)
            json_array_append_new(a, unit_json(m, &m->units[i]));
    json_object_set_new(o, "units", a);
    a = json_array();
    for (int i = 0; i < m->n_consultants; i++)
        if (m->consultants[i].version > since)
            json_array_append_new(a, consultant_json(&m->consultants[i]));
    json_object_set_new(o, "consultants", a);
    return dump(o, len);
}

char *proto_encode_error(const char *code, const char *message, size_t *len)
{
    json_t *o = json_object(), *e = json_object();
    json_object_set_new(e, "code", json_string(code));
    json_object_set_new(e, "message", json_string(message));
    json_object_set_new(o, "error", e);
    return dump(o, len);
}

static json_t *hold_json(const proto_hold_t *h)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(h->id));
    json_object_set_new(o, "unit_id", json_string(h->unit_id));
    json_object_set_new(o, "consultant_id", json_string(h->consultant_id));
    json_object_set_new(o, "kiosk", json_string(h->kiosk));
    json_object_set_new(o, "state", json_string(h->state));
    json_object_set_new(o, "created_at", json_integer(h->created_at));
    json_object_set_new(o, "expires_at", json_integer(h->expires_at));
    json_object_set_new(o, "released_at", json_integer(h->released_at));
    return o;
}

char *proto_encode_hold(const proto_hold_t *h, int64_t version, size_t *len)
{
    json_t *o = json_object();
    json_object_set_new(o, "hold", hold_json(h));
    json_object_set_new(o, "version", json_integer(version));
    return dump(o, len);
}

char *proto_encode_hold_request(const proto_hold_request_t *r, size_t *len)
{
    json_t *o = json_object();
    json_object_set_new(o, "unit_id", json_string(r->unit_id));
    json_object_set_new(o, "consultant_id", json_string(r->consultant_id));
    json_object_set_new(o, "minutes", json_integer(r->minutes));
    return dump(o, len);
}

char *proto_encode_release_entry(const char *hold_id,
                                 const char *consultant_id, size_t *len)
{
    json_t *o = json_object();
    json_object_set_new(o, "hold_id", json_string(hold_id));
    json_object_set_new(o, "consultant_id", json_string(consultant_id));
    return dump(o, len);
}

char *proto_encode_unit(const model_t *m, const unit_t *u, int64_t version,
                        size_t *len)
{
    json_t *o = json_object();
    json_object_set_new(o, "version", json_integer(version));
    json_object_set_new(o, "unit", unit_json(m, u));
    return dump(o, len);
}

/* ---- decoding ------------------------------------------------------------ */

typedef struct {
    diag_t *d;
    char path[128];
} dctx_t;

/* Sets where we are: "units[12]". */
static void at(dctx_t *c, const char *fmt_name, int index)
{
    if (index >= 0)
        snprintf(c->path, sizeof c->path, "%s[%d]", fmt_name, index);
    else
        snprintf(c->path, sizeof c->path, "%s", fmt_name);
}

static json_t *field(dctx_t *c, json_t *o, const char *key, json_type want)
{
    static const char *const names[] = {"an object", "an array", "a string",
                                        "an integer", "a number", "true",
                                        "false", "null"};
    json_t *v = json_object_get(o, key);
    if (!v) {
        diag_set(c->d, "%s%s%s: missing", c->path, c->path[0] ? "." : "", key);
        return NULL;
    }
    if (json_typeof(v) != want) {
        diag_set(c->d, "%s%s%s: must be %s", c->path, c->path[0] ? "." : "",
                 key, names[want]);
        return NULL;
    }
    return v;
}

static int get_int(dctx_t *c, json_t *o, const char *key, int64_t min,
                   int64_t max, int64_t *out)
{
    json_t *v = field(c, o, key, JSON_INTEGER);
    if (!v)
        return -1;
    json_int_t x = json_integer_value(v);
    if (x < min || x > max) {
        diag_set(c->d, "%s%s%s: %lld is out of range (%lld..%lld)", c->path,
                 c->path[0] ? "." : "", key, (long long)x, (long long)min,
                 (long long)max);
        return -1;
    }
    *out = (int64_t)x;
    return 0;
}

static int get_i32(dctx_t *c, json_t *o, const char *key, int min, int max,
                   int *out)
{
    int64_t x;
    if (get_int(c, o, key, min, max, &x) != 0)
        return -1;
    *out = (int)x;
    return 0;
}

static int get_str(dctx_t *c, json_t *o, const char *key, char *dst,
                   size_t size, int allow_empty)
{
    json_t *v = field(c, o, key, JSON_STRING);
    if (!v)
        return -1;
    size_t n = json_string_length(v);
    const char *s = json_string_value(v);
    if (n >= size || memchr(s, '\0', n)) {
        diag_set(c->d, "%s%s%s: longer than %zu bytes or holds a NUL",
                 c->path, c->path[0] ? "." : "", key, size - 1);
        return -1;
    }
    if (!allow_empty && n == 0) {
        diag_set(c->d, "%s%s%s: must not be empty", c->path,
                 c->path[0] ? "." : "", key);
        return -1;
    }
    memcpy(dst, s, n + 1);
    return 0;
}

static int get_ltext(dctx_t *c, json_t *o, const char *key, ltext_t *t)
{
    json_t *v = field(c, o, key, JSON_OBJECT);
    char saved[128];
    int rc = 0;
    if (!v)
        return -1;
    snprintf(saved, sizeof saved, "%s", c->path);
    snprintf(c->path, sizeof c->path, "%.100s%s%.20s", saved,
             saved[0] ? "." : "", key);
    for (int l = 0; l < LANG_COUNT && rc == 0; l++)
        rc = get_str(c, v, lang_keys[l], t->s[l], sizeof t->s[l], 1);
    snprintf(c->path, sizeof c->path, "%s", saved);
    return rc;
}

/* Enters key for nested paths; restore with leave(). */
static void enter(dctx_t *c, const char *key, int index, char saved[128])
{
    snprintf(saved, 128, "%s", c->path);
    if (index >= 0)
        snprintf(c->path, sizeof c->path, "%.90s%s%.20s[%d]", saved,
                 saved[0] ? "." : "", key, index);
    else
        snprintf(c->path, sizeof c->path, "%.100s%s%.20s", saved,
                 saved[0] ? "." : "", key);
}

static void leave(dctx_t *c, const char saved[128])
{
    snprintf(c->path, sizeof c->path, "%s", saved);
}

/* An optional paragraph in every language; lines may not break when the
 * text is one item of a list. */
static int get_lpara(dctx_t *c, json_t *o, const char *key, lpara_t *t)
{
    char saved[128];
    int rc = 0;
    if (!json_object_get(o, key))
        return 0;
    json_t *v = field(c, o, key, JSON_OBJECT);
    if (!v)
        return -1;
    enter(c, key, -1, saved);
    for (int l = 0; l < LANG_COUNT && rc == 0; l++)
        rc = get_str(c, v, lang_keys[l], t->s[l], sizeof t->s[l], 1);
    leave(c, saved);
    return rc;
}

/* An optional list of short texts, kept one a line. */
static int get_llist(dctx_t *c, json_t *o, const char *key, lpara_t *t)
{
    char saved[128];
    if (!json_object_get(o, key))
        return 0;
    json_t *a = field(c, o, key, JSON_ARRAY);
    if (!a)
        return -1;
    if (json_array_size(a) > MODEL_LIST_MAX) {
        diag_set(c->d, "%s%s%s: %zu entries, more than %d", c->path,
                 c->path[0] ? "." : "", key, json_array_size(a),
                 MODEL_LIST_MAX);
        return -1;
    }
    size_t used[LANG_COUNT] = {0};
    for (size_t i = 0; i < json_array_size(a); i++) {
        ltext_t item;
        json_t *e = json_array_get(a, i);
        enter(c, key, (int)i, saved);
        if (!json_is_object(e)) {
            diag_set(c->d, "%s: must be an object", c->path);
            return -1;
        }
        for (int l = 0; l < LANG_COUNT; l++) {
            if (get_str(c, e, lang_keys[l], item.s[l], sizeof item.s[l], 1))
                return -1;
            size_t n = strlen(item.s[l]);
            if (memchr(item.s[l], '\n', n)) {
                diag_set(c->d, "%s.%s: must be one line", c->path,
                         lang_keys[l]);
                return -1;
            }
            if (used[l] + n + 2 > sizeof t->s[l]) {
                diag_set(c->d, "%s.%s: the list is longer than %zu bytes",
                         c->path, lang_keys[l], sizeof t->s[l] - 1);
                return -1;
            }
            if (i > 0)
                t->s[l][used[l]++] = '\n';
            memcpy(t->s[l] + used[l], item.s[l], n + 1);
            used[l] += n;
        }
        leave(c, saved);
    }
    return 0;
}

/* A media name: 64 lowercase hex digits; what names the value in errors. */
static int sha_value(dctx_t *c, json_t *v, const char *what, char *dst)
{
    const char *s = json_is_string(v) ? json_string_value(v) : "";
    size_t n = json_is_string(v) ? json_string_length(v) : 0;
    int ok = n == 64;
    for (size_t i = 0; ok && i < n; i++)
        ok = (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f');
    if (!ok) {
        diag_set(c->d, "%s%s%s: must be 64 lowercase hex digits (a SHA-256)",
                 c->path, c->path[0] ? "." : "", what);
        return -1;
    }
    memcpy(dst, s, 65);
    return 0;
}

/* An optional media name under key. */
static int get_sha(dctx_t *c, json_t *o, const char *key, char *dst)
{
    json_t *v = json_object_get(o, key);
    return v ? sha_value(c, v, key, dst) : 0;
}

static int get_media(dctx_t *c, json_t *pj, project_t *p)
{
    char saved[128], what[32];
    int rc = -1;
    if (!json_object_get(pj, "media"))
        return 0;
    json_t *mo = field(c, pj, "media", JSON_OBJECT);
    if (!mo)
        return -1;
    enter(c, "media", -1, saved);
    if (json_object_get(mo, "hero")) {
        json_t *h = field(c, mo, "hero", JSON_ARRAY);
        if (!h)
            goto out;
        if (json_array_size(h) > MODEL_HEROES_MAX) {
            diag_set(c->d, "%s.hero: more than %d images", c->path,
                     MODEL_HEROES_MAX);
            goto out;
        }
        for (size_t i = 0; i < json_array_size(h); i++) {
            snprintf(what, sizeof what, "hero[%zu]", i);
            if (sha_value(c, json_array_get(h, i), what, p->heroes[i]))
                goto out;
        }
        p->n_heroes = (int)json_array_size(h);
    }
    if (get_sha(c, mo, "location", p->location_media) ||
        get_sha(c, mo, "siteplan", p->siteplan_media))
        goto out;
    rc = 0;
out:
    leave(c, saved);
    return rc;
}

/* The optional descriptive part of a project. */
static int get_project_info(dctx_t *c, json_t *pj, project_t *p)
{
    if (get_lpara(c, pj, "description", &p->description) ||
        get_llist(c, pj, "highlights", &p->highlights) ||
        get_llist(c, pj, "amenities", &p->amenities) ||
        (json_object_get(pj, "property_fee") &&
         get_int(c, pj, "property_fee", 0, INT64_C(100000000),
                 &p->property_fee)))
        return -1;
    if (json_object_get(pj, "mortgage")) {
        char saved[128];
        json_t *mo = field(c, pj, "mortgage", JSON_OBJECT);
        if (!mo)
            return -1;
        enter(c, "mortgage", -1, saved);
        int bad = get_i32(c, mo, "commercial_rate_bp", 0, 10000,
                          &p->commercial_rate_bp) ||
                  get_i32(c, mo, "provident_rate_bp", 0, 10000,
                          &p->provident_rate_bp);
        leave(c, saved);
        if (bad)
            return -1;
    }
    return get_media(c, pj, p);
}

static json_t *load(const char *body, size_t len, diag_t *d)
{
    json_error_t err;
    long values = count_values(body, len);
    if (values > PROTO_MAX_VALUES) {
        diag_set(d, "body: %ld values, more than the %ld a project can have",
                 values, PROTO_MAX_VALUES);
        return NULL;
    }
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        diag_set(d, "body: %s (line %d, column %d, byte %d)", err.text,
                 err.line, err.column, err.position);
        return NULL;
    }
    if (!json_is_object(root)) {
        diag_set(d, "body: must be a JSON object");
        json_decref(root);
        return NULL;
    }
    return root;
}

/* Ids that go into URLs and ETags: letters, digits and -._~ only. */
static int url_safe(dctx_t *c, const char *key, const char *v)
{
    size_t n = strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                         "0123456789-._~");
    if (v[n] != '\0') {
        diag_set(c->d, "%s: '%s' has characters other than letters, digits "
                 "and -._~", key, v);
        return -1;
    }
    return 0;
}

static int decode_head(dctx_t *c, json_t *root, char *project_id,
                       char *epoch, int64_t *version, int64_t *server_time)
{
    int64_t proto;
    at(c, "", -1);
    if (get_int(c, root, "protocol", 0, 1000, &proto) != 0)
        return -1;
    if (proto != PROTO_VERSION) {
        diag_set(c->d, "protocol: %lld, but this kiosk speaks %d",
                 (long long)proto, PROTO_VERSION);
        return -1;
    }
    if (get_str(c, root, "project_id", project_id, MODEL_ID_MAX, 0) ||
        get_str(c, root, "epoch", epoch, MODEL_ID_MAX, 0) ||
        url_safe(c, "project_id", project_id) || url_safe(c, "epoch", epoch) ||
        get_int(c, root, "version", 0, INT64_MAX, version) ||
        get_int(c, root, "server_time", 0, INT64_MAX, server_time))
        return -1;
    return 0;
}

/* One unit object into r (ids, not indices). */
static int decode_unit(dctx_t *c, json_t *o, proto_unit_t *r)
{
    char word[16];
    int64_t x;
    unit_t *u = &r->u;
    memset(r, 0, sizeof *r); /* fields a unit may leave out (hold) are "" */
    if (!json_is_object(o)) {
        diag_set(c->d, "%s: must be an object", c->path);
        return -1;
    }
    u->building = u->unit_type = -1;
    if (get_str(c, o, "id", u->id, sizeof u->id, 0) ||
        get_str(c, o, "building", r->building_id, sizeof r->building_id, 0) ||
        get_str(c, o, "unit_type", r->unit_type_id, sizeof r->unit_type_id, 0) ||
        get_i32(c, o, "floor", 1, MODEL_MAX_FLOORS, &u->floor) ||
        get_i32(c, o, "stack", 1, MODEL_MAX_UPF, &u->stack) ||
        get_str(c, o, "number", u->number, sizeof u->number, 0) ||
        get_str(c, o, "orientation", word, sizeof word, 0))
        return -1;
    if (orientation_parse(word, &u->orientation) != 0) {
        diag_set(c->d, "%s.orientation: unknown orientation '%s'", c->path, word);
        return -1;
    }
    if (get_i32(c, o, "area_built", 1, 10000000, &u->area_built) ||
        get_i32(c, o, "area_inner", 1, 10000000, &u->area_inner) ||
        get_int(c, o, "list_price", 0, INT64_C(1) << 50, &u->list_price) ||
        get_int(c, o, "unit_price", 0, INT64_C(1) << 50, &u->unit_price) ||
        get_str(c, o, "status", word, sizeof word, 0))
        return -1;
    if (status_from_wire(word, &u->status) != 0) {
        diag_set(c->d, "%s.status: unknown status '%s'", c->path, word);
        return -1;
    }
    if (get_int(c, o, "status_changed_at", 0, INT64_C(1) << 40, &u->status_changed_at) ||
        get_int(c, o, "hold_expires_at", 0, INT64_C(1) << 40, &u->hold_expires_at) ||
        get_int(c, o, "version", 0, INT64_MAX, &x))
        return -1;
    u->version = x;
    if (json_object_get(o, "hold")) {
        char saved[128];
        int64_t exp;
        json_t *h = field(c, o, "hold", JSON_OBJECT);
        if (!h)
            return -1;
        if (u->status != STATUS_HELD) {
            diag_set(c->d, "%s.hold: the unit is %s, not held", c->path,
                     status_wire_name(u->status));
            return -1;
        }
        enter(c, "hold", -1, saved);
        int bad = get_str(c, h, "id", u->hold_id, sizeof u->hold_id, 0) ||
                  get_str(c, h, "consultant_id", u->held_by,
                          sizeof u->held_by, 0) ||
                  get_int(c, h, "expires_at", 0, INT64_C(1) << 40, &exp);
        leave(c, saved);
        if (bad)
            return -1;
    }
    return 0;
}

/* One consultant object. */
static int decode_consultant(dctx_t *c, json_t *o, consultant_t *k)
{
    if (!json_is_object(o)) {
        diag_set(c->d, "%s: must be an object", c->path);
        return -1;
    }
    if (get_str(c, o, "id", k->id, sizeof k->id, 0) ||
        get_ltext(c, o, "name", &k->name) ||
        get_str(c, o, "pin_hash", k->pin_hash, sizeof k->pin_hash, 1) ||
        get_int(c, o, "version", 0, INT64_MAX, &k->version))
        return -1;
    k->active = 1;
    json_t *a = json_object_get(o, "active");
    if (a) {
        if (!json_is_boolean(a)) {
            diag_set(c->d, "%s.active: must be true or false", c->path);
            return -1;
        }
        k->active = json_is_true(a);
    }
    if (k->active && !pin_hash_valid(k->pin_hash, NULL)) {
        diag_set(c->d, "%s.pin_hash: not a pbkdf2-sha256 hash this kiosk "
                 "can check", c->path);
        return -1;
    }
    return 0;
}

static json_t *get_array(dctx_t *c, json_t *root, const char *key,
                         size_t max);

/* The optional "consultants" array (older servers send none) into a new
 * array (*out, caller frees).  Ids must be unique. */
static int decode_consultants(dctx_t *c, json_t *root, consultant_t **out,
                              int *n)
{
    *out = NULL;
    *n = 0;
    if (!json_object_get(root, "consultants"))
        return 0;
    json_t *a = get_array(c, root, "consultants", PROTO_MAX_CONSULTANTS);
    if (!a)
        return -1;
    size_t count = json_array_size(a);
    consultant_t *v = calloc(count > 0 ? count : 1, sizeof *v);
    if (!v) {
        diag_set(c->d, "out of memory for %zu consultants", count);
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        at(c, "consultants", (int)i);
        if (decode_consultant(c, json_array_get(a, i), &v[i]) != 0)
            goto fail;
        for (size_t j = 0; j < i; j++)
            if (strcmp(v[j].id, v[i].id) == 0) {
                diag_set(c->d, "%s.id: '%s' used twice", c->path, v[i].id);
                goto fail;
            }
    }
    *out = v;
    *n = (int)count;
    return 0;
fail:
    free(v);
    return -1;
}

static json_t *get_array(dctx_t *c, json_t *root, const char *key, size_t max)
{
    at(c, "", -1);
    json_t *a = field(c, root, key, JSON_ARRAY);
    if (a && json_array_size(a) > max) {
        diag_set(c->d, "%s: %zu entries, more than %zu", key,
                 json_array_size(a), max);
        return NULL;
    }
    return a;
}

static int find(const char *id, const char *base, size_t stride, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(base + (size_t)i * stride, id) == 0)
            return i;
    return -1;
}

int proto_decode_snapshot(const char *body, size_t len, model_t **out,
                          diag_t *d)
{
    dctx_t c = {.d = d};
    json_t *root, *pj, *ab, *at_, *au;
    model_t *m = NULL;
    char project_id[MODEL_ID_MAX];
    int64_t x;
    int rc = -1;

    *out = NULL;
    if (!(root = load(body, len, d)))
        return -1;
    model_t head = {0};
    if (decode_head(&c, root, project_id, head.epoch, &head.version, &x))
        goto out;
    if (!(pj = field(&c, root, "project", JSON_OBJECT)) ||
        !(ab = get_array(&c, root, "buildings", PROTO_MAX_BUILDINGS)) ||
        !(at_ = get_array(&c, root, "unit_types", PROTO_MAX_UNIT_TYPES)) ||
        !(au = get_array(&c, root, "units", PROTO_MAX_UNITS)))
        goto out;
    m = model_create((int)json_array_size(ab), (int)json_array_size(at_),
                     (int)json_array_size(au));
    if (!m) {
        diag_set(d, "out of memory for %zu units", json_array_size(au));
        goto out;
    }
    snprintf(m->epoch, sizeof m->epoch, "%s", head.epoch);
    m->version = head.version;

    project_t *p = &m->project;
    at(&c, "project", -1);
    if (get_str(&c, pj, "id", p->id, sizeof p->id, 0) ||
        get_ltext(&c, pj, "name", &p->name) ||
        get_ltext(&c, pj, "developer", &p->developer) ||
        get_ltext(&c, pj, "address", &p->address) ||
        get_str(&c, pj, "permits", p->permits, sizeof p->permits, 1) ||
        get_str(&c, pj, "delivery_date", p->delivery_date,
                sizeof p->delivery_date, 1) ||
        get_int(&c, pj, "version", 0, INT64_MAX, &p->version) ||
        get_project_info(&c, pj, p))
        goto out;
    if (strcmp(p->id, project_id) != 0) {
        diag_set(d, "project.id: '%s' is not project_id '%s'", p->id,
                 project_id);
        goto out;
    }

    for (int i = 0; i < m->n_buildings; i++) {
        building_t *b = &m->buildings[i];
        json_t *o = json_array_get(ab, (size_t)i);
        at(&c, "buildings", i);
        if (!json_is_object(o)) {
            diag_set(d, "%s: must be an object", c.path);
            goto out;
        }
        if (get_str(&c, o, "id", b->id, sizeof b->id, 0) ||
            get_ltext(&c, o, "name", &b->name) ||
            get_i32(&c, o, "floors", 1, MODEL_MAX_FLOORS, &b->floors) ||
            get_i32(&c, o, "units_per_floor", 1, MODEL_MAX_UPF,
                    &b->units_per_floor) ||
            get_str(&c, o, "permit", b->permit, sizeof b->permit, 1) ||
            get_i32(&c, o, "sort_order", -1000000, 1000000, &b->sort_order) ||
            get_int(&c, o, "version", 0, INT64_MAX, &b->version))
            goto out;
        if (find(b->id, m->buildings[0].id, sizeof *b, i) >= 0) {
            diag_set(d, "%s.id: '%s' used twice", c.path, b->id);
            goto out;
        }
    }
    for (int i = 0; i < m->n_unit_types; i++) {
        unit_type_t *t = &m->unit_types[i];
        json_t *o = json_array_get(at_, (size_t)i);
        at(&c, "unit_types", i);
        if (!json_is_object(o)) {
            diag_set(d, "%s: must be an object", c.path);
            goto out;
        }
        if (get_str(&c, o, "id", t->id, sizeof t->id, 0) ||
            get_str(&c, o, "code", t->code, sizeof t->code, 1) ||
            get_ltext(&c, o, "name", &t->name) ||
            get_i32(&c, o, "bedrooms", 0, 20, &t->bedrooms) ||
            get_i32(&c, o, "living_rooms", 0, 20, &t->living_rooms) ||
            get_i32(&c, o, "bathrooms", 0, 20, &t->bathrooms) ||
            get_i32(&c, o, "area_built", 1, 10000000, &t->area_built) ||
            get_i32(&c, o, "area_inner", 1, 10000000, &t->area_inner) ||
            get_int(&c, o, "version", 0, INT64_MAX, &t->version) ||
            get_sha(&c, o, "floor_plan", t->floor_plan))
            goto out;
        if (find(t->id, m->unit_types[0].id, sizeof *t, i) >= 0) {
            diag_set(d, "%s.id: '%s' used twice", c.path, t->id);
            goto out;
        }
    }
    /* Buildings in board order, as the cache keeps them. */
    int bh = 0, th = 0;
    for (int i = 0; i < m->n_units; i++) {
        proto_unit_t r;
        at(&c, "units", i);
        if (decode_unit(&c, json_array_get(au, (size_t)i), &r) != 0)
            goto out;
        r.u.building = bh = (bh < m->n_buildings &&
                             strcmp(m->buildings[bh].id, r.building_id) == 0)
                                ? bh
                                : find(r.building_id, m->buildings[0].id,
                                       sizeof(building_t), m->n_buildings);
        r.u.unit_type = th = (th < m->n_unit_types &&
                              strcmp(m->unit_types[th].id, r.unit_type_id) == 0)
                                 ? th
                                 : find(r.unit_type_id, m->unit_types[0].id,
                                        sizeof(unit_type_t), m->n_unit_types);
        if (bh < 0 || th < 0) {
            diag_set(d, "%s.%s: '%s' is not in the snapshot", c.path,
                     bh < 0 ? "building" : "unit_type",
                     bh < 0 ? r.building_id : r.unit_type_id);
            goto out;
        }
        m->units[i] = r.u;
    }
    consultant_t *ks = NULL;
    int nk = 0;
    if (decode_consultants(&c, root, &ks, &nk) != 0)
        goto out;
    if (model_set_consultants(m, nk) != 0) {
        free(ks);
        diag_set(d, "out of memory for %d consultants", nk);
        goto out;
    }
    if (nk > 0)
        memcpy(m->consultants, ks, sizeof *ks * (size_t)nk);
    free(ks);
    model_sort_units(m);
    diag_t why;
    diag_clear(&why);
    if (model_check(m, &why) != 0) {
        diag_set(d, "units: %s", why.msg);
        goto out;
    }
    rc = 0;
out:
    json_decref(root);
    if (rc != 0)
        model_destroy(m);
    else
        *out = m;
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int proto_decode_changes(const char *body, size_t len, proto_changes_t **out,
                         diag_t *d)
{
    dctx_t c = {.d = d};
    json_t *root, *au;
    proto_changes_t *ch = NULL;
    int rc = -1;

    *out = NULL;
    if (!(root = load(body, len, d)))
        return -1;
    ch = calloc(1, sizeof *ch);
    if (!ch) {
        diag_set(d, "out of memory");
        goto out;
    }
    if (decode_head(&c, root, ch->project_id, ch->epoch, &ch->version,
                    &ch->server_time) ||
        get_int(&c, root, "since", 0, INT64_MAX, &ch->since) ||
        !(au = get_array(&c, root, "units", PROTO_MAX_UNITS)))
        goto out;
    if (ch->since > ch->version) {
        diag_set(d, "since: %lld is ahead of version %lld",
                 (long long)ch->since, (long long)ch->version);
        goto out;
    }
    ch->n_units = (int)json_array_size(au);
    ch->units = calloc((size_t)(ch->n_units > 0 ? ch->n_units : 1),
                       sizeof *ch->units);
    if (!ch->units) {
        diag_set(d, "out of memory for %d units", ch->n_units);
        goto out;
    }
    for (int i = 0; i < ch->n_units; i++) {
        at(&c, "units", i);
        if (decode_unit(&c, json_array_get(au, (size_t)i), &ch->units[i]))
            goto out;
        if (ch->units[i].u.version <= ch->since ||
            ch->units[i].u.version > ch->version) {
            diag_set(d, "%s.version: %lld is not in (since, version]",
                     c.path, (long long)ch->units[i].u.version);
            goto out;
        }
    }
    /* Each unit once: a unit twice in one answer is a broken server. */
    if (ch->n_units > 1) {
        const char **ids = malloc(sizeof *ids * (size_t)ch->n_units);
        if (!ids) {
            diag_set(d, "out of memory");
            goto out;
        }
        for (int i = 0; i < ch->n_units; i++)
            ids[i] = ch->units[i].u.id;
        qsort(ids, (size_t)ch->n_units, sizeof *ids, cmp_str);
        for (int i = 1; i < ch->n_units; i++)
            if (strcmp(ids[i - 1], ids[i]) == 0) {
                diag_set(d, "units: '%s' appears twice", ids[i]);
                free(ids);
                goto out;
            }
        free(ids);
    }
    if (decode_consultants(&c, root, &ch->consultants, &ch->n_consultants))
        goto out;
    for (int i = 0; i < ch->n_consultants; i++)
        if (ch->consultants[i].version <= ch->since ||
            ch->consultants[i].version > ch->version) {
            diag_set(d, "consultants[%d].version: %lld is not in (since, "
                     "version]", i, (long long)ch->consultants[i].version);
            goto out;
        }
    rc = 0;
out:
    json_decref(root);
    if (rc != 0)
        proto_changes_free(ch);
    else
        *out = ch;
    return rc;
}

int proto_decode_status_request(const char *body, size_t len,
                                unit_status_t *status, int *hold_minutes,
                                diag_t *d)
{
    dctx_t c = {.d = d};
    char word[16];
    int64_t minutes = 0;
    int rc = -1;
    json_t *root = load(body, len, d);
    if (!root)
        return -1;
    if (get_str(&c, root, "status", word, sizeof word, 0) != 0)
        goto out;
    if (status_from_wire(word, status) != 0) {
        diag_set(d, "status: unknown status '%s'", word);
        goto out;
    }
    if (json_object_get(root, "hold_minutes") &&
        get_int(&c, root, "hold_minutes", 1, 24 * 60, &minutes) != 0)
        goto out;
    if (*status == STATUS_HELD && minutes == 0)
        minutes = 30;
    *hold_minutes = (int)minutes;
    rc = 0;
out:
    json_decref(root);
    return rc;
}

void proto_changes_free(proto_changes_t *c)
{
    if (!c)
        return;
    free(c->units);
    free(c->consultants);
    free(c);
}

/* Hold ids and consultant ids go into URLs: the id rules of 3.1. */
static int get_id(dctx_t *c, json_t *o, const char *key, char *dst)
{
    return get_str(c, o, key, dst, MODEL_ID_MAX, 0) ||
           url_safe(c, key, dst) ? -1 : 0;
}

int proto_decode_hold_request(const char *body, size_t len,
                              proto_hold_request_t *out, diag_t *d)
{
    dctx_t c = {.d = d};
    int64_t minutes = 0;
    int rc = -1;
    json_t *root = load(body, len, d);
    memset(out, 0, sizeof *out);
    if (!root)
        return -1;
    if (get_id(&c, root, "unit_id", out->unit_id) ||
        get_id(&c, root, "consultant_id", out->consultant_id) ||
        get_int(&c, root, "minutes", 1, PROTO_HOLD_MAX_MINUTES, &minutes))
        goto out;
    out->minutes = (int)minutes;
    rc = 0;
out:
    json_decref(root);
    return rc;
}

int proto_decode_release_request(const char *body, size_t len,
                                 char consultant_id[MODEL_ID_MAX], diag_t *d)
{
    dctx_t c = {.d = d};
    json_t *root = load(body, len, d);
    consultant_id[0] = '\0';
    if (!root)
        return -1;
    int rc = get_id(&c, root, "consultant_id", consultant_id);
    json_decref(root);
    return rc;
}

int proto_decode_release_entry(const char *body, size_t len,
                                char hold_id[MODEL_ID_MAX],
                                char consultant_id[MODEL_ID_MAX], diag_t *d)
{
    dctx_t c = {.d = d};
    json_t *root = load(body, len, d);
    hold_id[0] = consultant_id[0] = '\0';
    if (!root)
        return -1;
    int rc = get_id(&c, root, "hold_id", hold_id) ||
             get_id(&c, root, "consultant_id", consultant_id) ? -1 : 0;
    json_decref(root);
    return rc;
}

int proto_decode_hold(const char *body, size_t len, proto_hold_t *out,
                      int64_t *version, diag_t *d)
{
    dctx_t c = {.d = d};
    char saved[128];
    json_t *root = load(body, len, d), *h;
    int rc = -1;
    memset(out, 0, sizeof *out);
    if (!root)
        return -1;
    if (get_int(&c, root, "version", 0, INT64_MAX, version) ||
        !(h = field(&c, root, "hold", JSON_OBJECT)))
        goto out;
    enter(&c, "hold", -1, saved);
    if (get_id(&c, h, "id", out->id) ||
        get_id(&c, h, "unit_id", out->unit_id) ||
        get_id(&c, h, "consultant_id", out->consultant_id) ||
        get_str(&c, h, "kiosk", out->kiosk, sizeof out->kiosk, 1) ||
        get_str(&c, h, "state", out->state, sizeof out->state, 0) ||
        get_int(&c, h, "created_at", 0, INT64_C(1) << 40, &out->created_at) ||
        get_int(&c, h, "expires_at", 0, INT64_C(1) << 40, &out->expires_at) ||
        get_int(&c, h, "released_at", 0, INT64_C(1) << 40, &out->released_at))
        goto out;
    if (strcmp(out->state, "active") && strcmp(out->state, "released") &&
        strcmp(out->state, "expired") && strcmp(out->state, "ended")) {
        diag_set(d, "hold.state: unknown state '%s'", out->state);
        goto out;
    }
    rc = 0;
out:
    json_decref(root);
    return rc;
}

int proto_decode_error(const char *body, size_t len, char *code,
                       size_t code_size, char *message, size_t message_size)
{
    if (count_values(body, len) > 1000)
        return -1; /* an error body is small */
    json_t *root = json_loadb(body, len, 0, NULL), *e, *cj, *mj;
    int rc = -1;
    if (root && (e = json_object_get(root, "error")) && json_is_object(e) &&
        (cj = json_object_get(e, "code")) && json_is_string(cj)) {
        mj = json_object_get(e, "message");
        snprintf(code, code_size, "%s", json_string_value(cj));
        snprintf(message, message_size, "%s",
                 mj && json_is_string(mj) ? json_string_value(mj) : "");
        rc = 0;
    }
    json_decref(root);
    return rc;
}
