/* simulate.c - see simulate.h. */
#include "simulate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sim {
    store_t *store;
    uint64_t rng;
};

typedef struct {
    uint64_t *rng;
    unit_status_t want;    /* pick a unit in this status */
    int64_t now;
    int seen;
    char id[MODEL_ID_MAX];
    int expired;           /* a hold that ran out, found first */
} pick_t;

static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Finds an expired hold, else a random unit in p->want (reservoir). */
static void pick(const model_t *m, void *user)
{
    pick_t *p = user;
    for (int i = 0; i < m->n_units; i++) {
        const unit_t *u = &m->units[i];
        if (u->status == STATUS_HELD && u->hold_expires_at <= p->now) {
            snprintf(p->id, sizeof p->id, "%s", u->id);
            p->expired = 1;
            return;
        }
    }
    for (int i = 0; i < m->n_units; i++) {
        if (m->units[i].status != p->want)
            continue;
        if (next(p->rng) % (uint64_t)++p->seen == 0)
            snprintf(p->id, sizeof p->id, "%s", m->units[i].id);
    }
}

sim_t *sim_create(store_t *store, uint64_t seed)
{
    sim_t *s = calloc(1, sizeof *s);
    if (s) {
        s->store = store;
        s->rng = seed ? seed : 1;
    }
    return s;
}

void sim_destroy(sim_t *s)
{
    free(s);
}

int sim_step(sim_t *s, int64_t now, char *what, size_t what_size, diag_t *d)
{
    /* What happens next, by how often it happens in a sales office. */
    static const struct {
        unit_status_t from, to;
        int weight;
    } moves[] = {
        {STATUS_AVAILABLE, STATUS_HELD, 35},
        {STATUS_HELD, STATUS_SUBSCRIBED, 20},
        {STATUS_AVAILABLE, STATUS_SUBSCRIBED, 10},
        {STATUS_SUBSCRIBED, STATUS_SIGNED, 20},
        {STATUS_HELD, STATUS_AVAILABLE, 15},
    };
    int not_found = 0;
    for (int attempt = 0; attempt < 8; attempt++) {
        int r = (int)(next(&s->rng) % 100), k = 0;
        while (r >= moves[k].weight) {
            r -= moves[k].weight;
            k++;
        }
        pick_t p = {.rng = &s->rng, .want = moves[k].from, .now = now};
        store_read(s->store, pick, &p);
        if (!p.id[0])
            continue; /* nobody in that status: try another move */
        if (p.expired) { /* as the server's own sweep does: audited */
            int n = store_expire_holds(s->store, now, d);
            if (n < 0)
                return -1;
            if (n > 0) {
                snprintf(what, what_size, "%d hold%s expired", n,
                         n == 1 ? "" : "s");
                return 1;
            }
        }
        unit_status_t from = p.expired ? STATUS_HELD : moves[k].from;
        unit_status_t to = p.expired ? STATUS_AVAILABLE : moves[k].to;
        int64_t hold_until = now + 60 * (2 + (int64_t)(next(&s->rng) % 7));
        if (store_set_status(s->store, p.id, to, now, hold_until, NULL, NULL,
                             &not_found, d) != 0)
            return -1;
        snprintf(what, what_size, "%s %s -> %s%s", p.id, status_wire_name(from),
                 status_wire_name(to), p.expired ? " (hold expired)" : "");
        return 1;
    }
    return 0;
}
