/* main.c - salesd, the reference central server: command line.
 *
 *   salesd init --db FILE --demo [--seed N] [--units N] [--media DIR]
 *               [--assets DIR] [--config FILE]
 *   salesd serve [--config FILE] [--db FILE] [--listen ADDR:PORT]
 *                [--tokens FILE] [--media DIR] [--simulate RATE] ...
 *   salesd set-status --db FILE UNIT STATUS [--hold-minutes M]
 *   salesd import-prices --db FILE prices.csv
 *   salesd simulate --db FILE --rate N [--for SECONDS] [--seed N]
 *   salesd consultant add --db FILE ID --name-zh-hant N --name-zh-hans N
 *                         --name-en N [--pin PIN] [--iterations N]
 *   salesd consultant remove --db FILE ID
 *   salesd consultant list --db FILE
 *
 * Exit status: 0 ok, 1 a runtime failure, 2 bad usage or input.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "demo.h"
#include "demo_media.h"
#include "http.h"
#include "inifile.h"
#include "pin.h"
#include "prices.h"
#include "simulate.h"
#include "store.h"
#include "tokens.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "0.1.0"
#endif
#ifndef KIOSK_ASSETS_DIR
#define KIOSK_ASSETS_DIR "assets"
#endif

static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
    (void)sig;
    stopping = 1;
}

static void usage(FILE *f)
{
    fprintf(f,
        "Usage: salesd COMMAND [options]\n"
        "The reference sales server for Showroom Kiosk (protocol v1).\n"
        "\n"
        "  init --db FILE --demo [--seed N] [--units N] [--media DIR] [--assets DIR]\n"
        "       [--config FILE]\n"
        "        create (or rebuild, with a new epoch) a database with the demo project,\n"
        "        and put the demo's pictures (ASSETS/demo/media) in the media directory\n"
        "  serve [--config FILE] [--db FILE] [--listen ADDR:PORT] [--tokens FILE]\n"
        "        [--media DIR] [--max-wait S] [--connection-limit N] [--per-ip-limit N]\n"
        "        [--simulate EVENTS_PER_MINUTE] [--port-file FILE]\n"
        "        serve the sync protocol (see deploy/PROTOCOL.md)\n"
        "  set-status --db FILE UNIT STATUS [--hold-minutes M]\n"
        "        change one unit (available, held, subscribed, signed, withheld)\n"
        "  import-prices --db FILE prices.csv\n"
        "        a price list (building, unit, list_price[, unit_price]): every bad\n"
        "        row is reported and nothing is imported unless all are good\n"
        "  simulate --db FILE --rate N [--for SECONDS] [--seed N]\n"
        "        make believable sales activity, N events a minute\n"
        "  consultant add --db FILE ID --name-zh-hant N --name-zh-hans N --name-en N\n"
        "        [--pin PIN] [--iterations N]\n"
        "        add (or change) a consultant; the PIN (4-8 digits) is read from\n"
        "        standard input unless --pin is given, and only its hash is kept\n"
        "  consultant remove --db FILE ID\n"
        "  consultant list --db FILE\n"
        "  --help, --version\n"
        "The media directory defaults to the database's name without .db, plus\n"
        "-media: data/salesd.db keeps its pictures in data/salesd-media.\n");
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* Random epoch: 16 hex digits from the kernel. */
static int new_epoch(char *out, size_t size, diag_t *d)
{
    unsigned char b[8];
    int fd = open("/dev/urandom", O_RDONLY);
    if (fd < 0 || read(fd, b, sizeof b) != (ssize_t)sizeof b) {
        diag_set(d, "cannot read /dev/urandom");
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    snprintf(out, size, "%02x%02x%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2],
             b[3], b[4], b[5], b[6], b[7]);
    return 0;
}

/* ---- configuration ------------------------------------------------------ */

typedef struct {
    char db[512], listen[64], tokens[512], port_file[512], media_dir[512];
    long max_wait, connection_limit, per_ip_limit, timeout, rate, seed;
    long hold_max_minutes, holds_per_consultant;
} serve_opts_t;

static int on_config(void *user, const char *section, const char *key,
                     const char *value, diag_t *why)
{
    serve_opts_t *o = user;
    struct { const char *sec, *key; char *str; size_t size; long *num; long lo, hi; } keys[] = {
        {"server", "db", o->db, sizeof o->db, NULL, 0, 0},
        {"server", "listen", o->listen, sizeof o->listen, NULL, 0, 0},
        {"server", "tokens", o->tokens, sizeof o->tokens, NULL, 0, 0},
        {"server", "media_dir", o->media_dir, sizeof o->media_dir, NULL, 0, 0},
        {"server", "max_wait", NULL, 0, &o->max_wait, 1, 300},
        {"server", "connection_limit", NULL, 0, &o->connection_limit, 1, 100000},
        {"server", "per_ip_limit", NULL, 0, &o->per_ip_limit, 0, 100000},
        {"server", "timeout", NULL, 0, &o->timeout, 1, 3600},
        {"holds", "max_minutes", NULL, 0, &o->hold_max_minutes, 1, 120},
        {"holds", "per_consultant", NULL, 0, &o->holds_per_consultant, 1, 100},
        {"simulate", "rate", NULL, 0, &o->rate, 0, 60000},
        {"simulate", "seed", NULL, 0, &o->seed, 0, 2147483647L},
    };
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        if (strcmp(keys[i].sec, section) != 0 || strcmp(keys[i].key, key) != 0)
            continue;
        if (keys[i].str) {
            if (strlen(value) >= keys[i].size) {
                diag_set(why, "%s: too long", key);
                return -1;
            }
            snprintf(keys[i].str, keys[i].size, "%s", value);
            return 0;
        }
        if (parse_int(value, keys[i].lo, keys[i].hi, keys[i].num) != 0) {
            diag_set(why, "%s: '%s' is not a whole number in %ld..%ld", key,
                     value, keys[i].lo, keys[i].hi);
            return -1;
        }
        return 0;
    }
    diag_set(why, "unknown key '%s' in section [%s]", key, section);
    return -1;
}

/* Reads the file of a --config flag, if any, into o (flags go over it
 * later).  Returns 0, or -1 with d naming the bad line. */
static int read_config(int argc, char **argv, serve_opts_t *o, diag_t *d)
{
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], "--config") == 0 &&
            inifile_parse(argv[i + 1], on_config, o, d) != 0)
            return -1;
    return 0;
}

/* The media directory when none is given: beside the database, named after
 * it (data/salesd.db -> data/salesd-media; a name without .db gets -media
 * appended).  Returns 0, or -1 when it does not fit. */
static int default_media_dir(const char *db, char *out, size_t size)
{
    size_t n = strlen(db);
    if (n > 3 && strcmp(db + n - 3, ".db") == 0)
        n -= 3;
    int len = snprintf(out, size, "%.*s-media", (int)n, db);
    return len < 0 || (size_t)len >= size ? -1 : 0;
}

/* ---- init ------------------------------------------------------------------ */

/* The demo's pictures go into the media directory first, so that the
 * project names exactly those the server can serve.  A picture that is
 * missing or cannot be copied is left out with a warning: a demo without
 * it is still a demo. */
static int cmd_init(int argc, char **argv)
{
    enum { O_DB = 256, O_DEMO, O_SEED, O_UNITS, O_MEDIA, O_ASSETS, O_CONFIG };
    static const struct option opts[] = {
        {"db", required_argument, 0, O_DB}, {"demo", no_argument, 0, O_DEMO},
        {"seed", required_argument, 0, O_SEED},
        {"units", required_argument, 0, O_UNITS},
        {"media", required_argument, 0, O_MEDIA},
        {"assets", required_argument, 0, O_ASSETS},
        {"config", required_argument, 0, O_CONFIG}, {0, 0, 0, 0}};
    serve_opts_t o = {.db = ""};
    const char *assets = KIOSK_ASSETS_DIR;
    int demo = 0, opt;
    long seed = 20261127, units = 2000;
    diag_t d;
    diag_clear(&d);
    if (read_config(argc, argv, &o, &d) != 0) {
        fprintf(stderr, "%s\n", d.msg);
        return 2;
    }
    while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        int bad = 0;
        switch (opt) {
        case O_DB: bad = snprintf(o.db, sizeof o.db, "%s", optarg) >= (int)sizeof o.db; break;
        case O_DEMO: demo = 1; break;
        case O_SEED: bad = parse_int(optarg, 0, 2147483647L, &seed); break;
        case O_UNITS: bad = parse_int(optarg, 10, DEMO_MAX_UNITS, &units); break;
        case O_MEDIA: bad = snprintf(o.media_dir, sizeof o.media_dir, "%s", optarg) >= (int)sizeof o.media_dir; break;
        case O_ASSETS: assets = optarg; break;
        case O_CONFIG: break;
        default: bad = 1;
        }
        if (bad) {
            fprintf(stderr, "salesd init: bad option or value\n");
            return 2;
        }
    }
    if (!o.db[0] || !demo) {
        fprintf(stderr, "salesd init: needs --db FILE and --demo (the only "
                "source of a project so far)\n");
        return 2;
    }
    if (!o.media_dir[0] &&
        default_media_dir(o.db, o.media_dir, sizeof o.media_dir) != 0) {
        fprintf(stderr, "salesd init: --db path too long\n");
        return 2;
    }
    const char *db = o.db;
    model_t *m = NULL;
    cache_t *c = NULL;
    demo_media_t pics;
    int rc = 1, copied = 0;
    if (demo_media_install(assets, o.media_dir, &pics, &copied, &d) != 0)
        fprintf(stderr, "salesd init: %s\nsalesd init: the demo goes on "
                "without %s\n", d.msg, d.count > 1 ? "them" : "it");
    diag_clear(&d);
    demo_params_t p = {.seed = (uint64_t)seed, .target_units = (int)units,
                       .now = (int64_t)time(NULL), .media = &pics};
    if (demo_generate(&p, &m, &d) != 0 ||
        new_epoch(m->epoch, sizeof m->epoch, &d) != 0)
        goto out;
    if (cache_open(db, &c, &d) != CACHE_OK ||
        cache_set_durable(c, &d) != CACHE_OK ||
        cache_store_model(c, m, &d) != CACHE_OK)
        goto out;
    printf("salesd: %s: project %s, %d units, epoch %s, version %lld\n", db,
           m->project.id, m->n_units, m->epoch, (long long)m->version);
    printf("salesd: %s: %d demo pictures (%d copied just now)\n",
           o.media_dir, demo_media_count(&pics), copied);
    rc = 0;
out:
    if (rc != 0)
        fprintf(stderr, "salesd init: %s\n", d.msg);
    cache_close(c);
    model_destroy(m);
    return rc;
}

/* ---- set-status ------------------------------------------------------------ */

static int cmd_set_status(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},
        {"hold-minutes", required_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *db = NULL;
    long minutes = 30;
    int opt;
    diag_t d;
    diag_clear(&d);
    while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (opt == 'd') db = optarg;
        else if (opt == 'h' && parse_int(optarg, 1, 24 * 60, &minutes) == 0) ;
        else {
            fprintf(stderr, "salesd set-status: bad option or value\n");
            return 2;
        }
    }
    if (!db || argc - optind != 2) {
        fprintf(stderr, "salesd set-status: needs --db FILE UNIT STATUS\n");
        return 2;
    }
    const char *unit = argv[optind], *word = argv[optind + 1];
    unit_status_t st;
    if (status_from_wire(word, &st) != 0) {
        fprintf(stderr, "salesd set-status: unknown status '%s' (available, "
                "held, subscribed, signed, withheld)\n", word);
        return 2;
    }
    cache_t *c = NULL;
    int64_t v = 0, now = (int64_t)time(NULL);
    cache_status_t cs = cache_open(db, &c, &d);
    if (cs == CACHE_OK)
        cs = cache_set_durable(c, &d);
    if (cs == CACHE_OK)
        cs = cache_set_status(c, unit, st, now, now + minutes * 60, &v, &d);
    cache_close(c);
    if (cs != CACHE_OK) {
        fprintf(stderr, "salesd set-status: %s\n", d.msg);
        return cs == CACHE_ERR_NOT_FOUND ? 2 : 1;
    }
    printf("salesd: %s is now %s (version %lld)\n", unit, word, (long long)v);
    return 0;
}

/* ---- import-prices ------------------------------------------------------- */

static int cmd_import_prices(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {0, 0, 0, 0}};
    const char *db = NULL;
    int opt, rc = 1, changed = 0;
    cache_t *c = NULL;
    model_t *m = NULL;
    price_list_t *list = NULL;
    const char **ids = NULL;
    int64_t *lp = NULL, *up = NULL, v = 0;
    diag_t d;
    diag_clear(&d);
    while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (opt == 'd')
            db = optarg;
        else
            return 2;
    }
    if (!db || argc - optind != 1) {
        fprintf(stderr, "salesd import-prices: needs --db FILE prices.csv\n");
        return 2;
    }
    if (cache_open(db, &c, &d) != CACHE_OK || cache_set_durable(c, &d) != CACHE_OK ||
        cache_load_model(c, &m, &d) != CACHE_OK)
        goto out;
    /* The whole file is checked before anything is written. */
    if (prices_parse_file(argv[optind], m, &list, &d) != 0) {
        fprintf(stderr, "%s\nsalesd import-prices: nothing imported\n", d.msg);
        rc = 2;
        goto done;
    }
    size_t n = (size_t)(list->n_rows > 0 ? list->n_rows : 1);
    ids = malloc(n * sizeof *ids);
    lp = malloc(n * sizeof *lp);
    up = malloc(n * sizeof *up);
    if (!ids || !lp || !up) {
        diag_set(&d, "out of memory");
        goto out;
    }
    for (int i = 0; i < list->n_rows; i++) {
        ids[i] = list->rows[i].unit_id;
        lp[i] = list->rows[i].list_price;
        up[i] = list->rows[i].unit_price;
    }
    if (cache_set_prices(c, ids, lp, up, list->n_rows, &v, &changed, &d) != CACHE_OK)
        goto out;
    printf("salesd: %s: %d rows, %d units re-priced (version %lld)\n",
           argv[optind], list->n_rows, changed, (long long)v);
    rc = 0;
    goto done;
out:
    fprintf(stderr, "salesd import-prices: %s\n", d.msg);
done:
    free(ids);
    free(lp);
    free(up);
    prices_free(list);
    model_destroy(m);
    cache_close(c);
    return rc;
}

/* ---- consultants ---------------------------------------------------------- */

/* An id as the protocol wants it (3.1): 1..39 of A-Z a-z 0-9 - . _ ~. */
static int id_ok(const char *id)
{
    size_t n = strlen(id);
    return n >= 1 && n < MODEL_ID_MAX &&
           strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                      "0123456789-._~") == n;
}

/* The PIN from standard input: one line, its newline dropped. */
static int read_pin(char *out, size_t size)
{
    if (!fgets(out, (int)size, stdin))
        return -1;
    out[strcspn(out, "\r\n")] = '\0';
    return 0;
}

static int consultant_add(int argc, char **argv)
{
    enum { O_DB = 256, O_HANT, O_HANS, O_EN, O_PIN, O_ITER };
    static const struct option opts[] = {
        {"db", required_argument, 0, O_DB},
        {"name-zh-hant", required_argument, 0, O_HANT},
        {"name-zh-hans", required_argument, 0, O_HANS},
        {"name-en", required_argument, 0, O_EN},
        {"pin", required_argument, 0, O_PIN},
        {"iterations", required_argument, 0, O_ITER}, {0, 0, 0, 0}};
    const char *db = NULL, *names[LANG_COUNT] = {NULL, NULL, NULL};
    char pin[64] = "";
    long iterations = PIN_DEFAULT_ITERATIONS;
    int opt, have_pin = 0;
    diag_t d;
    diag_clear(&d);
    while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        int bad = 0;
        switch (opt) {
        case O_DB: db = optarg; break;
        case O_HANT: names[LANG_ZH_HANT] = optarg; break;
        case O_HANS: names[LANG_ZH_HANS] = optarg; break;
        case O_EN: names[LANG_EN] = optarg; break;
        case O_PIN:
            bad = snprintf(pin, sizeof pin, "%s", optarg) >= (int)sizeof pin;
            have_pin = 1;
            break;
        case O_ITER:
            bad = parse_int(optarg, PIN_MIN_ITERATIONS, PIN_MAX_ITERATIONS,
                            &iterations);
            break;
        default: bad = 1;
        }
        if (bad) {
            fprintf(stderr, "salesd consultant add: bad option or value "
                    "(--iterations: %d..%d)\n", PIN_MIN_ITERATIONS,
                    PIN_MAX_ITERATIONS);
            return 2;
        }
    }
    if (!db || argc - optind != 1) {
        fprintf(stderr, "salesd consultant add: needs --db FILE ID\n");
        return 2;
    }
    consultant_t k;
    memset(&k, 0, sizeof k);
    const char *id = argv[optind];
    if (!id_ok(id)) {
        fprintf(stderr, "salesd consultant add: ID '%s': 1 to %d of A-Z a-z "
                "0-9 - . _ ~\n", id, MODEL_ID_MAX - 1);
        return 2;
    }
    snprintf(k.id, sizeof k.id, "%s", id);
    static const char *const flag[LANG_COUNT] = {"--name-zh-hant",
                                                 "--name-zh-hans", "--name-en"};
    for (int l = 0; l < LANG_COUNT; l++) {
        if (!names[l] || strlen(names[l]) >= sizeof k.name.s[l]) {
            fprintf(stderr, "salesd consultant add: %s: %s\n", flag[l],
                    names[l] ? "longer than 95 bytes" : "required");
            return 2;
        }
        snprintf(k.name.s[l], sizeof k.name.s[l], "%s", names[l]);
    }
    if (!have_pin && read_pin(pin, sizeof pin) != 0) {
        fprintf(stderr, "salesd consultant add: no PIN on standard input\n");
        return 2;
    }
    int rc = pin_hash(pin, (int)iterations, k.pin_hash, sizeof k.pin_hash, &d);
    memset(pin, 0, sizeof pin);
    if (rc != 0) {
        fprintf(stderr, "salesd consultant add: %s\n", d.msg);
        return 2;
    }
    cache_t *c = NULL;
    int64_t v = 0;
    cache_status_t cs = cache_open(db, &c, &d);
    if (cs == CACHE_OK)
        cs = cache_set_durable(c, &d);
    if (cs == CACHE_OK)
        cs = cache_consultant_put(c, &k, &v, &d);
    cache_close(c);
    if (cs != CACHE_OK) {
        fprintf(stderr, "salesd consultant add: %s\n", d.msg);
        return cs == CACHE_ERR_NOT_FOUND ? 2 : 1;
    }
    printf("salesd: consultant %s added (version %lld)\n", k.id, (long long)v);
    return 0;
}

/* The --db FILE of a consultant action that takes n_args more arguments;
 * NULL (after saying why) when the command line is not that. */
static const char *db_option(int argc, char **argv, const char *what,
                             int n_args, const char *usage)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {0, 0, 0, 0}};
    const char *db = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (opt != 'd') {
            fprintf(stderr, "salesd consultant %s: bad option\n", what);
            return NULL;
        }
        db = optarg;
    }
    if (!db || argc - optind != n_args) {
        fprintf(stderr, "salesd consultant %s: needs %s\n", what, usage);
        return NULL;
    }
    return db;
}

static int consultant_remove(int argc, char **argv)
{
    const char *db = db_option(argc, argv, "remove", 1, "--db FILE ID");
    diag_t d;
    diag_clear(&d);
    if (!db)
        return 2;
    cache_t *c = NULL;
    int64_t v = 0;
    cache_status_t cs = cache_open(db, &c, &d);
    if (cs == CACHE_OK)
        cs = cache_set_durable(c, &d);
    if (cs == CACHE_OK)
        cs = cache_consultant_remove(c, argv[optind], &v, &d);
    cache_close(c);
    if (cs != CACHE_OK) {
        fprintf(stderr, "salesd consultant remove: %s\n", d.msg);
        return cs == CACHE_ERR_NOT_FOUND ? 2 : 1;
    }
    printf("salesd: consultant %s removed (version %lld)\n", argv[optind],
           (long long)v);
    return 0;
}

/* One line a consultant; never the hash itself, only how it was made. */
static int consultant_list(int argc, char **argv)
{
    const char *db = db_option(argc, argv, "list", 0, "--db FILE");
    diag_t d;
    diag_clear(&d);
    if (!db)
        return 2;
    cache_t *c = NULL;
    model_t *m = NULL;
    if (cache_open(db, &c, &d) != CACHE_OK ||
        cache_load_model(c, &m, &d) != CACHE_OK) {
        cache_close(c);
        fprintf(stderr, "salesd consultant list: %s\n", d.msg);
        return 1;
    }
    cache_close(c);
    for (int i = 0; i < m->n_consultants; i++) {
        const consultant_t *k = &m->consultants[i];
        int it = 0;
        if (!k->active)
            printf("%s\tremoved\t%s\n", k->id, k->name.s[LANG_ZH_HANT]);
        else if (pin_hash_valid(k->pin_hash, &it))
            printf("%s\tpbkdf2-sha256, %d iterations\t%s / %s / %s\n", k->id,
                   it, k->name.s[LANG_ZH_HANT], k->name.s[LANG_ZH_HANS],
                   k->name.s[LANG_EN]);
        else
            printf("%s\tno usable PIN\t%s\n", k->id, k->name.s[LANG_ZH_HANT]);
    }
    model_destroy(m);
    return 0;
}

static int cmd_consultant(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "salesd consultant: add, remove or list\n");
        return 2;
    }
    /* getopt sees the action as argv[0]. */
    const char *what = argv[1];
    if (strcmp(what, "add") == 0)
        return consultant_add(argc - 1, argv + 1);
    if (strcmp(what, "remove") == 0)
        return consultant_remove(argc - 1, argv + 1);
    if (strcmp(what, "list") == 0)
        return consultant_list(argc - 1, argv + 1);
    fprintf(stderr, "salesd consultant: unknown action '%s' (add, remove, "
            "list)\n", what);
    return 2;
}

/* ---- serve and simulate -------------------------------------------------- */

/* More connections than the default 1024 descriptors: a showroom's worth
 * of kiosks, or a load test's thousand. */
static void raise_fd_limit(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

static int cmd_serve(int argc, char **argv, int simulate_only)
{
    enum { O_CONFIG = 256, O_DB, O_LISTEN, O_TOKENS, O_WAIT, O_CONNS, O_PERIP,
           O_SIM, O_RATE, O_FOR, O_SEED, O_PORTFILE, O_MEDIA };
    static const struct option opts[] = {
        {"config", required_argument, 0, O_CONFIG},
        {"db", required_argument, 0, O_DB},
        {"listen", required_argument, 0, O_LISTEN},
        {"tokens", required_argument, 0, O_TOKENS},
        {"max-wait", required_argument, 0, O_WAIT},
        {"connection-limit", required_argument, 0, O_CONNS},
        {"per-ip-limit", required_argument, 0, O_PERIP},
        {"simulate", required_argument, 0, O_SIM},
        {"rate", required_argument, 0, O_RATE},
        {"for", required_argument, 0, O_FOR},
        {"seed", required_argument, 0, O_SEED},
        {"port-file", required_argument, 0, O_PORTFILE},
        {"media", required_argument, 0, O_MEDIA},
        {0, 0, 0, 0}};
    serve_opts_t o = {.listen = "127.0.0.1:8080", .max_wait = 25,
                      .connection_limit = 4096, .per_ip_limit = 64,
                      .timeout = 60, .seed = 1, .hold_max_minutes = 30,
                      .holds_per_consultant = 3};
    long run_for = 0, v;
    int opt;
    diag_t d;
    diag_clear(&d);

    /* The config file first, then flags over it. */
    if (read_config(argc, argv, &o, &d) != 0) {
        fprintf(stderr, "%s\n", d.msg);
        return 2;
    }
    while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        int bad = 0;
        switch (opt) {
        case O_CONFIG: break;
        case O_DB: snprintf(o.db, sizeof o.db, "%s", optarg); break;
        case O_LISTEN: snprintf(o.listen, sizeof o.listen, "%s", optarg); break;
        case O_TOKENS: snprintf(o.tokens, sizeof o.tokens, "%s", optarg); break;
        case O_PORTFILE: snprintf(o.port_file, sizeof o.port_file, "%s", optarg); break;
        case O_MEDIA: bad = snprintf(o.media_dir, sizeof o.media_dir, "%s", optarg) >= (int)sizeof o.media_dir; break;
        case O_WAIT: bad = parse_int(optarg, 1, 300, &o.max_wait); break;
        case O_CONNS: bad = parse_int(optarg, 1, 100000, &o.connection_limit); break;
        case O_PERIP: bad = parse_int(optarg, 0, 100000, &o.per_ip_limit); break;
        case O_SIM: case O_RATE: bad = parse_int(optarg, 0, 60000, &o.rate); break;
        case O_FOR: bad = parse_int(optarg, 1, 86400 * 365, &run_for); break;
        case O_SEED: bad = parse_int(optarg, 0, 2147483647L, &v); o.seed = v; break;
        default: bad = 1;
        }
        if (bad) {
            fprintf(stderr, "salesd: bad option or value (see salesd --help)\n");
            return 2;
        }
    }
    if (!o.db[0] || (!simulate_only && !o.tokens[0]) ||
        (simulate_only && o.rate <= 0)) {
        fprintf(stderr, simulate_only ? "salesd simulate: needs --db FILE and --rate N\n"
                                      : "salesd serve: needs --db FILE and --tokens FILE\n");
        return 2;
    }
    if (!o.media_dir[0] &&
        default_media_dir(o.db, o.media_dir, sizeof o.media_dir) != 0) {
        fprintf(stderr, "salesd: --db path too long\n");
        return 2;
    }

    store_t *store = NULL;
    tokens_t *tokens = NULL;
    http_t *http = NULL;
    sim_t *sim = NULL;
    int rc = 1;
    if (!(store = store_open(o.db, &d)))
        goto out;
    if (!simulate_only) {
        if (tokens_load(o.tokens, &tokens, &d) != 0) {
            rc = 2;
            goto out;
        }
        raise_fd_limit();
        http_opts_t ho = {o.listen, (int)o.max_wait, (int)o.connection_limit,
                          (int)o.per_ip_limit, (int)o.timeout, store, tokens,
                          o.media_dir,
                          {(int)o.hold_max_minutes,
                           (int)o.holds_per_consultant}};
        if (!(http = http_start(&ho, &d)))
            goto out;
        store_head_t head;
        store_head(store, &head);
        printf("salesd: serving %s (epoch %s, version %lld) on port %d, "
               "media from %s\n", head.project_id, head.epoch,
               (long long)head.version, http_port(http), o.media_dir);
        fflush(stdout);
        if (o.port_file[0]) {
            FILE *pf = fopen(o.port_file, "w");
            if (pf) {
                fprintf(pf, "%d\n", http_port(http));
                fclose(pf);
            }
        }
    }
    if (o.rate > 0 && !(sim = sim_create(store, (uint64_t)o.seed))) {
        diag_set(&d, "out of memory");
        goto out;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGPIPE, SIG_IGN);

    int64_t start = http_now_ms(), next_event = start, next_expiry = start;
    store_head_t told = {{0}, {0}, -1}; /* what parked polls last heard */
    while (!stopping) {
        int64_t now = http_now_ms();
        if (run_for > 0 && now - start >= run_for * 1000)
            break;
        if (sim && now >= next_event) {
            char what[160];
            int r = sim_step(sim, (int64_t)time(NULL), what, sizeof what, &d);
            if (r > 0) {
                printf("salesd: %s\n", what);
                fflush(stdout);
            } else if (r < 0) {
                fprintf(stderr, "salesd: simulator: %s\n", d.msg);
            }
            next_event += 60000 / o.rate;
            if (next_event < now)
                next_event = now;
        }
        /* Commits by anyone (this process, set-status, import-prices) show
         * up here within one tick. */
        /* Holds that ran out go back on sale by themselves, once a second. */
        if (!simulate_only && now >= next_expiry) {
            int n = store_expire_holds(store, (int64_t)time(NULL), &d);
            if (n > 0)
                printf("salesd: %d hold%s expired\n", n, n == 1 ? "" : "s");
            else if (n < 0)
                fprintf(stderr, "salesd: expiring holds: %s\n", d.msg);
            next_expiry = now + 1000;
        }
        if (store_refresh(store, &d) < 0)
            fprintf(stderr, "salesd: %s (still serving the last good data)\n",
                    d.msg);
        if (http) {
            /* Whoever changed it (another process, the simulator, an admin
             * request), parked polls hear of a new version at once. */
            store_head_t head;
            store_head(store, &head);
            if (head.version != told.version ||
                strcmp(head.epoch, told.epoch) != 0) {
                http_notify(http);
                told = head;
            }
            http_tick(http, now);
        }
        struct timespec ts = {0, 5 * 1000000L}; /* 5 ms: the change latency floor */
        nanosleep(&ts, NULL);
    }
    rc = 0;
out:
    if (rc != 0 && d.msg[0])
        fprintf(stderr, "salesd: %s\n", d.msg);
    http_stop(http);
    sim_destroy(sim);
    tokens_free(tokens);
    store_close(store);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("salesd %s (protocol 1)\n", KIOSK_VERSION);
        return 0;
    }
    /* getopt sees the subcommand as argv[0]. */
    argc--;
    argv++;
    if (strcmp(cmd, "init") == 0)
        return cmd_init(argc, argv);
    if (strcmp(cmd, "serve") == 0)
        return cmd_serve(argc, argv, 0);
    if (strcmp(cmd, "simulate") == 0)
        return cmd_serve(argc, argv, 1);
    if (strcmp(cmd, "set-status") == 0)
        return cmd_set_status(argc, argv);
    if (strcmp(cmd, "import-prices") == 0)
        return cmd_import_prices(argc, argv);
    if (strcmp(cmd, "consultant") == 0)
        return cmd_consultant(argc, argv);
    fprintf(stderr, "salesd: unknown command '%s'\n", cmd);
    usage(stderr);
    return 2;
}
