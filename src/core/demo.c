/* demo.c - see demo.h.
 *
 * Everything random comes from one splitmix64 stream seeded by the caller,
 * consumed in a fixed order; nothing reads the clock or the environment.
 */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint64_t s;
} rng_t;

static uint64_t rng_next(rng_t *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static int rng_range(rng_t *r, int lo, int hi)
{
    return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}


typedef struct {
    const char *code;
    const char *name[LANG_COUNT];
    int bed, living, bath;
    int32_t area; /* built, 0.01 m² */
} type_spec_t;

static const type_spec_t type_specs[] = {
    {"A", {"A戶型 兩房兩廳", "A户型 两房两厅", "Type A · 2 bed"}, 2, 2, 1, 8925},
    {"B", {"B戶型 三房兩廳", "B户型 三房两厅", "Type B · 3 bed"}, 3, 2, 1, 10560},
    {"C", {"C戶型 三房雙衛", "C户型 三房双卫", "Type C · 3 bed 2 bath"}, 3, 2, 2, 11830},
    {"D", {"D戶型 四房兩廳", "D户型 四房两厅", "Type D · 4 bed"}, 4, 2, 2, 14350},
    {"E", {"E戶型 四房大平層", "E户型 四房大平层", "Type E · 4 bed flat"}, 4, 2, 3, 16880},
};
#define N_TYPES ((int)(sizeof type_specs / sizeof *type_specs))

/* Price adjustment per orientation, in basis points. */
static const int orient_bp[ORIENT_COUNT] = {
    [ORIENT_N] = -500, [ORIENT_NE] = -250, [ORIENT_E] = 0, [ORIENT_SE] = 350,
    [ORIENT_S] = 600, [ORIENT_SW] = 300, [ORIENT_W] = -100, [ORIENT_NW] = -350,
};

typedef struct {
    int floors, upf;
    int view_bp;                /* lake view premium of the tower */
    int type_of_stack[8];
    orientation_t orient_of_stack[8];
} tower_t;

static void lset(ltext_t *t, const char *hant, const char *hans, const char *en)
{
    snprintf(t->s[LANG_ZH_HANT], sizeof t->s[0], "%s", hant);
    snprintf(t->s[LANG_ZH_HANS], sizeof t->s[0], "%s", hans);
    snprintf(t->s[LANG_EN], sizeof t->s[0], "%s", en);
}

static void pset(lpara_t *t, const char *hant, const char *hans,
                 const char *en)
{
    snprintf(t->s[LANG_ZH_HANT], sizeof t->s[0], "%s", hant);
    snprintf(t->s[LANG_ZH_HANS], sizeof t->s[0], "%s", hans);
    snprintf(t->s[LANG_EN], sizeof t->s[0], "%s", en);
}

/* What a customer reads about the demo project. */
static void describe(project_t *pr)
{
    pset(&pr->description,
         "翠湖雅苑坐落於翠湖南岸，與城市濕地公園一路之隔。社區以低密度高層"
         "規劃，樓間距寬闊，南向戶型佔比超過七成；三萬平方米中央園林串聯"
         "會所、泳池與兒童樂園。步行八分鐘可達地鐵2號線翠湖站，學校、醫院"
         "與購物中心皆在三公里之內。",
         "翠湖雅苑坐落于翠湖南岸，与城市湿地公园一路之隔。社区以低密度高层"
         "规划，楼间距宽阔，南向户型占比超过七成；三万平方米中央园林串联"
         "会所、泳池与儿童乐园。步行八分钟可达地铁2号线翠湖站，学校、医院"
         "与购物中心皆在三公里之内。",
         "Emerald Lake Residences stands on the south shore of Emerald Lake, "
         "across the road from the city wetland park. Generously spaced "
         "towers put more than 70% of homes facing south, around 30,000 m² "
         "of central gardens with a clubhouse, pool and children's play "
         "areas. Metro Line 2 is an eight-minute walk away; schools, a "
         "hospital and a shopping centre are all within 3 km.");
    pset(&pr->highlights,
         "一線湖景，南北通透\n地鐵2號線翠湖站步行8分鐘\n"
         "三萬平方米中央園林\n精裝交付，品牌廚衛\n雙語幼兒園與九年一貫制學校",
         "一线湖景，南北通透\n地铁2号线翠湖站步行8分钟\n"
         "三万平方米中央园林\n精装交付，品牌厨卫\n双语幼儿园与九年一贯制学校",
         "Front-row lake views, light from north and south\n"
         "8 minutes' walk to Metro Line 2, Emerald Lake station\n"
         "30,000 m² of central gardens\n"
         "Delivered finished, with branded kitchens and baths\n"
         "Bilingual kindergarten and a nine-year school");
    pset(&pr->amenities,
         "恆溫泳池\n健身中心\n兒童樂園\n長者活動中心\n"
         "環湖跑道\n地下車位 1:1.2",
         "恒温泳池\n健身中心\n儿童乐园\n长者活动中心\n"
         "环湖跑道\n地下车位 1:1.2",
         "Heated pool\nFitness centre\nChildren's play garden\n"
         "Seniors' club\nLakeside running trail\n"
         "Underground parking, 1.2 spaces a home");
    pr->property_fee = 380; /* 3.80 a m² a month */
    pr->commercial_rate_bp = 355;
    pr->provident_rate_bp = 285;
}

/* Plans a tower: stacks on a south-facing slab, corners get the big types. */
static void plan_tower(rng_t *r, tower_t *t)
{
    static const int upf_weights[] = {2, 3, 4, 4, 4, 5, 6, 6, 6};
    t->floors = rng_range(r, 18, 33);
    t->upf = upf_weights[rng_range(r, 0, 8)];
    t->view_bp = rng_range(r, -300, 500);
    for (int s = 0; s < t->upf; s++) {
        int corner = s == 0 || s == t->upf - 1;
        int south = (s % 2 == 0) || t->upf <= 3;
        if (corner)
            t->type_of_stack[s] = rng_range(r, 2, N_TYPES - 1);
        else
            t->type_of_stack[s] = rng_range(r, 0, 2);
        if (corner)
            t->orient_of_stack[s] = s == 0 ? (south ? ORIENT_SE : ORIENT_E)
                                           : (south ? ORIENT_SW : ORIENT_W);
        else
            t->orient_of_stack[s] = south ? ORIENT_S : ORIENT_N;
    }
}

/* How desirable a unit is, in basis points (0..10000): higher floors (but
 * not the very top), south light and the lake view.  Integer arithmetic so
 * every architecture generates the same project. */
static int appeal(const tower_t *t, int floor, orientation_t o)
{
    int f = floor * 10000 / t->floors;
    int a = 3500 + 45 * f / 100 - (f > 9200 ? 1500 : 0);
    a += orient_bp[o] * 10 / 4 + t->view_bp * 2;
    return a < 0 ? 0 : a > 10000 ? 10000 : a;
}

static void pick_status(rng_t *r, const tower_t *t, int floor, int ap,
                        int64_t now, unit_t *u)
{
    int x = rng_range(r, 0, 9999);
    int sold = 1800 + 55 * ap / 100;             /* better units sell first */
    int64_t day = 86400;

    u->hold_expires_at = 0;
    if (floor > t->floors - 2 && t->view_bp > 250) {
        u->status = STATUS_WITHHELD;             /* penthouses kept back */
        u->status_changed_at = now - 120 * day;
    } else if (x < sold * 78 / 100) {
        u->status = STATUS_SIGNED;
        u->status_changed_at = now - rng_range(r, 0, 200) * day -
                               rng_range(r, 0, 86399);
    } else if (x < sold) {
        u->status = STATUS_SUBSCRIBED;
        u->status_changed_at = now - rng_range(r, 0, 25) * day -
                               rng_range(r, 0, 86399);
    } else if (x < sold + 350) {
        u->status = STATUS_HELD;
        u->status_changed_at = now - rng_range(r, 60, 1500);
        u->hold_expires_at = u->status_changed_at + 30 * 60;
    } else if (x < sold + 750) {
        u->status = STATUS_WITHHELD;
        u->status_changed_at = now - 90 * day;
    } else {
        u->status = STATUS_AVAILABLE;
        u->status_changed_at = now - 150 * day;
    }
    if (u->status_changed_at < 0)
        u->status_changed_at = 0;
}

int demo_generate(const demo_params_t *p, model_t **out, diag_t *d)
{
    rng_t r = {p->seed ? p->seed : 1};
    tower_t *towers;
    int nb = 0, nu = 0;

    *out = NULL;
    if (p->target_units < 10 || p->target_units > DEMO_MAX_UNITS) {
        diag_set(d, "demo: unit count %d out of range (10..%d)",
                 p->target_units, DEMO_MAX_UNITS);
        return -1;
    }
    /* Even the smallest towers (18 floors x 2) reach the target in time. */
    int max_towers = p->target_units / 36 + 2;
    towers = calloc((size_t)max_towers, sizeof *towers);
    if (!towers) {
        diag_set(d, "demo: out of memory");
        return -1;
    }
    /* Whole towers until we are as close to the target as a tower allows. */
    while (nb < max_towers) {
        plan_tower(&r, &towers[nb]);
        int n = towers[nb].floors * towers[nb].upf;
        if (nb > 0 && nu + n / 2 > p->target_units)
            break;
        nu += n;
        nb++;
        if (nu >= p->target_units)
            break;
    }

    model_t *m = model_create(nb, N_TYPES, nu);
    if (!m) {
        diag_set(d, "demo: out of memory for %d units", nu);
        free(towers);
        return -1;
    }

    project_t *pr = &m->project;
    snprintf(pr->id, sizeof pr->id, "demo-emerald-lake");
    lset(&pr->name, "翠湖雅苑", "翠湖雅苑", "Emerald Lake Residences");
    lset(&pr->developer, "華景置業", "华景置业", "Huajing Properties");
    lset(&pr->address, "濱湖大道 88 號", "滨湖大道 88 号", "88 Lakeside Avenue");
    snprintf(pr->permits, sizeof pr->permits,
             "(2026)預售第012號, (2026)預售第013號");
    snprintf(pr->delivery_date, sizeof pr->delivery_date, "2028-06");
    pr->version = 1;
    describe(pr);
    if (p->media) {
        const demo_media_t *md = p->media;
        for (int i = 0; i < md->n_heroes && i < MODEL_HEROES_MAX; i++)
            snprintf(pr->heroes[pr->n_heroes++], MODEL_SHA_SIZE, "%s",
                     md->heroes[i]);
        snprintf(pr->location_media, MODEL_SHA_SIZE, "%s", md->location);
        snprintf(pr->siteplan_media, MODEL_SHA_SIZE, "%s", md->siteplan);
    }

    for (int i = 0; i < N_TYPES; i++) {
        const type_spec_t *s = &type_specs[i];
        unit_type_t *t = &m->unit_types[i];
        snprintf(t->id, sizeof t->id, "T%s", s->code);
        snprintf(t->code, sizeof t->code, "%s", s->code);
        lset(&t->name, s->name[0], s->name[1], s->name[2]);
        t->bedrooms = s->bed;
        t->living_rooms = s->living;
        t->bathrooms = s->bath;
        t->area_built = s->area;
        t->area_inner = s->area * 79 / 100;
        t->version = 1;
        if (p->media)
            snprintf(t->floor_plan, sizeof t->floor_plan, "%s",
                     p->media->plans[i]);
    }

    int base_yuan_m2 = 31800 + rng_range(&r, 0, 40) * 50;
    int k = 0;
    for (int b = 0; b < nb; b++) {
        const tower_t *t = &towers[b];
        building_t *bd = &m->buildings[b];
        char hant[32], hans[32], en[32];
        snprintf(bd->id, sizeof bd->id, "B%d", b + 1);
        snprintf(hant, sizeof hant, "%d棟", b + 1);
        snprintf(hans, sizeof hans, "%d栋", b + 1);
        snprintf(en, sizeof en, "Tower %d", b + 1);
        lset(&bd->name, hant, hans, en);
        bd->floors = t->floors;
        bd->units_per_floor = t->upf;
        snprintf(bd->permit, sizeof bd->permit, "(2026)預售第%03d號",
                 12 + b / 4);
        bd->sort_order = b + 1;
        bd->version = 1;

        for (int f = 1; f <= t->floors; f++) {
            for (int s = 1; s <= t->upf; s++) {
                unit_t *u = &m->units[k++];
                const type_spec_t *ts = &type_specs[t->type_of_stack[s - 1]];
                orientation_t o = t->orient_of_stack[s - 1];
                u->building = b;
                u->unit_type = t->type_of_stack[s - 1];
                u->floor = f;
                u->stack = s;
                snprintf(u->number, sizeof u->number, "%d%02d", f % 1000, s % 100);
                snprintf(u->id, sizeof u->id, "%.16s-%.11s", bd->id, u->number);
                u->orientation = o;
                u->area_built = ts->area + rng_range(&r, -40, 40);
                u->area_inner = u->area_built * 79 / 100;
                /* Per m², whole yuan: floor premium 0.6 %/floor, view and
                 * orientation, rounded to 10 yuan as price lists are. */
                int64_t bp = 10000 + f * 60 + orient_bp[o] + t->view_bp;
                int64_t per_m2 = (int64_t)base_yuan_m2 * bp / 10000;
                per_m2 = (per_m2 + 5) / 10 * 10;
                int64_t total = per_m2 * u->area_built / 100; /* yuan */
                u->list_price = total * 100;                   /* cents */
                u->unit_price = u->list_price * 100 / u->area_built;
                pick_status(&r, t, f, appeal(t, f, o), p->now, u);
                u->version = 1;
            }
        }
    }
    snprintf(m->epoch, sizeof m->epoch, "demo-%llu",
             (unsigned long long)p->seed);
    m->version = 1;
    m->data_as_of = p->now;
    free(towers);
    *out = m;
    return 0;
}
