/* tokens.h - who may call salesd: bearer tokens from a file.
 *
 * One token a line: `TOKEN NAME ROLE`, ROLE `kiosk` (read the protocol) or
 * `admin` (also change units); `#` starts a comment.  Tokens are at least 16
 * characters and compared in constant time.
 */
#ifndef TOKENS_H
#define TOKENS_H

#include "diag.h"

typedef enum { ROLE_KIOSK = 0, ROLE_ADMIN = 1 } token_role_t;

typedef struct tokens tokens_t;

/* Reads path; every bad line is reported as "path:line: why". */
int tokens_load(const char *path, tokens_t **out, diag_t *d);
void tokens_free(tokens_t *t);

/* The caller's name when bearer is a known token of at least role `need`
 * (admin tokens may also read), else NULL.  bearer is the header value
 * ("Bearer abc..."), possibly NULL. */
const char *tokens_check(const tokens_t *t, const char *bearer,
                         token_role_t need);

#endif
