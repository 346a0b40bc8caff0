/* http.h - salesd's HTTP side: the sync protocol's endpoints.
 *
 * The one door to libmicrohttpd.  One internal polling thread (epoll on
 * Linux) serves every connection; a long poll with nothing to say is
 * suspended, costing no thread, until http_notify() (something changed) or
 * its deadline (http_tick()) resumes it.  Pictures (/media/) are sent
 * straight from their files, never copied into memory.
 */
#ifndef HTTP_H
#define HTTP_H

#include <stdint.h>

#include "diag.h"
#include "store.h"
#include "tokens.h"

typedef struct {
    const char *listen;       /* "127.0.0.1:8080"; port 0 = any free one */
    int max_wait_s;           /* cap on a long poll's wait */
    int connection_limit;     /* connections at once */
    int per_ip_limit;         /* connections from one address; 0 = none */
    int timeout_s;            /* an idle connection is closed after this */
    store_t *store;           /* must outlive the server */
    const tokens_t *tokens;   /* must outlive the server */
    const char *media_dir;    /* GET /media/{name} serves these files
                                 (media.h); NULL or "" = none */
    store_hold_limits_t holds; /* POST /api/v1/holds: 0s = 30 min, 3 */
} http_opts_t;

typedef struct http http_t;

http_t *http_start(const http_opts_t *o, diag_t *d);
void http_stop(http_t *h);

/* The port the server listens on. */
int http_port(const http_t *h);

/* Something changed: answer every parked long poll now. */
void http_notify(http_t *h);

/* Answers the parked long polls whose wait has run out by now_ms
 * (monotonic milliseconds). */
void http_tick(http_t *h, int64_t now_ms);

/* Monotonic milliseconds, the clock http_tick uses. */
int64_t http_now_ms(void);

#endif
