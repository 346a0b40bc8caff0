/* main.c - the kiosk's command line.
 *
 * Parses flags into the config (the file first, then flags over it), then
 * hands over to app.c.  Exit status: 0 ok, 1 runtime failure, 2 bad usage or
 * config.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "config.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "0.1.0"
#endif

static void usage(FILE *f)
{
    fprintf(f,
        "Usage: kiosk [options]\n"
        "Showroom kiosk: the sales-control board and unit browser.\n"
        "\n"
        "  --config FILE        read settings from FILE (see config/kiosk.ini)\n"
        "  --data-dir DIR       where the cache lives (default: data)\n"
        "  --demo               use the built-in demo project\n"
        "  --windowed           a window instead of full screen\n"
        "  --size WxH           window or screenshot size (e.g. 1920x1080)\n"
        "  --mode NAME          browse (customers' touchscreen) or board (wall)\n"
        "  --scene NAME         with --screenshot in browse mode: attract, home,\n"
        "                       units, list, unit, compare, mortgage, info,\n"
        "                       location, signin, desk (default attract)\n"
        "  --lang CODE          zh-Hant, zh-Hans or en\n"
        "  --screenshot FILE    render once without a display, save PNG, exit\n"
        "  --server URL         sync from this server (see deploy/PROTOCOL.md)\n"
        "  --token TOKEN        this kiosk's bearer token for the server\n"
        "  --project ID         the project to show (default demo-emerald-lake)\n"
        "  --run-for SECONDS    quit after SECONDS (benchmarks, soak tests)\n"
        "  --version            print the version and exit\n"
        "  --help               print this help and exit\n");
}

/* "1920x1080" -> w, h */
static int parse_size(const char *s, int *w, int *h)
{
    char *end;
    long a = strtol(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X'))
        return -1;
    const char *t = end + 1;
    long b = strtol(t, &end, 10);
    if (end == t || *end || a < 64 || b < 64 || a > 16384 || b > 16384)
        return -1;
    *w = (int)a;
    *h = (int)b;
    return 0;
}

int main(int argc, char **argv)
{
    enum { O_CONFIG = 256, O_DATA, O_DEMO, O_WINDOWED, O_SIZE, O_SCENE, O_MODE, O_LANG,
           O_SHOT, O_RUNFOR, O_VERSION, O_HELP, O_SERVER, O_TOKEN, O_PROJECT };
    static const struct option opts[] = {
        {"config", required_argument, 0, O_CONFIG},
        {"data-dir", required_argument, 0, O_DATA},
        {"demo", no_argument, 0, O_DEMO},
        {"windowed", no_argument, 0, O_WINDOWED},
        {"size", required_argument, 0, O_SIZE},
        {"scene", required_argument, 0, O_SCENE},
        {"mode", required_argument, 0, O_MODE},
        {"lang", required_argument, 0, O_LANG},
        {"screenshot", required_argument, 0, O_SHOT},
        {"run-for", required_argument, 0, O_RUNFOR},
        {"server", required_argument, 0, O_SERVER},
        {"token", required_argument, 0, O_TOKEN},
        {"project", required_argument, 0, O_PROJECT},
        {"version", no_argument, 0, O_VERSION},
        {"help", no_argument, 0, O_HELP},
        {0, 0, 0, 0},
    };
    kiosk_config_t cfg;
    diag_t d;
    const char *config_path = NULL, *shot = NULL;
    const char *data_dir = NULL, *scene = NULL, *lang = NULL, *mode = NULL;
    const char *server = NULL, *token = NULL, *project = NULL;
    int demo = 0, windowed = 0, w = 0, h = 0, opt;
    double run_for = 0;

    diag_clear(&d);
    config_defaults(&cfg);
    while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (opt) {
        case O_CONFIG: config_path = optarg; break;
        case O_DATA: data_dir = optarg; break;
        case O_DEMO: demo = 1; break;
        case O_WINDOWED: windowed = 1; break;
        case O_SIZE:
            if (parse_size(optarg, &w, &h) != 0) {
                fprintf(stderr, "kiosk: --size: '%s' is not WxH (64..16384)\n",
                        optarg);
                return 2;
            }
            break;
        case O_SCENE: scene = optarg; break;
        case O_MODE: mode = optarg; break;
        case O_LANG: lang = optarg; break;
        case O_SHOT: shot = optarg; break;
        case O_SERVER: server = optarg; break;
        case O_TOKEN: token = optarg; break;
        case O_PROJECT: project = optarg; break;
        case O_RUNFOR: {
            char *end;
            run_for = strtod(optarg, &end);
            if (end == optarg || *end || run_for <= 0 || run_for > 1e6) {
                fprintf(stderr, "kiosk: --run-for: '%s' is not a number of "
                        "seconds\n", optarg);
                return 2;
            }
            break;
        }
        case O_VERSION:
            printf("kiosk %s\n", KIOSK_VERSION);
            return 0;
        case O_HELP:
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "kiosk: unexpected argument '%s'\n", argv[optind]);
        usage(stderr);
        return 2;
    }
    if (config_path && config_load_file(&cfg, config_path, &d) != 0) {
        fprintf(stderr, "%s\n", d.msg);
        return 2;
    }
    /* Flags win over the file, with the same checks. */
    if ((data_dir && config_set(&cfg, "kiosk", "data_dir", data_dir, &d)) ||
        (mode && config_set(&cfg, "kiosk", "mode", mode, &d)) ||
        (lang && config_set(&cfg, "kiosk", "lang", lang, &d)) ||
        (server && config_set(&cfg, "server", "url", server, &d)) ||
        (token && config_set(&cfg, "server", "token", token, &d)) ||
        (project && config_set(&cfg, "server", "project", project, &d))) {
        fprintf(stderr, "kiosk: %s\n", d.msg);
        return 2;
    }
    if (cfg.server_url[0] && !cfg.token[0]) {
        fprintf(stderr, "kiosk: a server needs a token (--token or [server] "
                "token)\n");
        return 2;
    }
    if (windowed)
        cfg.windowed = 1;
    if (w > 0) {
        cfg.width = w;
        cfg.height = h;
    }

    if (shot) {
        int sw = cfg.width > 0 ? cfg.width : 1920;
        int sh = cfg.height > 0 ? cfg.height : 1080;
        if (app_screenshot(&cfg, demo, sw, sh, scene, shot, app_now_ms(),
                           &d) != 0) {
            fprintf(stderr, "kiosk: %s\n", d.msg);
            return 1;
        }
        return 0;
    }
    if (app_run(&cfg, demo, (int64_t)(run_for * 1000), &d) != 0) {
        fprintf(stderr, "kiosk: %s\n", d.msg);
        return 1;
    }
    return 0;
}
