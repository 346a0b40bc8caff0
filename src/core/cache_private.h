/* cache_private.h - what the parts of the cache module share.
 *
 * cache.c opens, migrates, loads and stores whole projects; cache_sync.c
 * applies sync answers and the server's changes; cache_holds.c keeps
 * consultants and holds.  Only they include this (and sqlite3.h).
 */
#ifndef CACHE_PRIVATE_H
#define CACHE_PRIVATE_H

#include <sqlite3.h>

#include "cache.h"

struct cache {
    sqlite3 *db;
    char path[512];
};

/* Maps an SQLite result to a status, with the message in d. */
cache_status_t cache_sql_fail(cache_t *c, int rc, const char *what, diag_t *d);
cache_status_t cache_exec(cache_t *c, const char *sql, const char *what,
                          diag_t *d);
/* A one-row, one-column integer query. */
cache_status_t cache_query_int(cache_t *c, const char *sql, int64_t *out,
                               const char *what, diag_t *d);
/* Steps a bound statement and resets it for the next row. */
int cache_step_reset(sqlite3_stmt *st);
/* A text column into dst, cut on a character boundary. */
void cache_col_text(sqlite3_stmt *st, int col, char *dst, size_t size);
/* The columns every consultant insert shares, in this order:
 * "(id, project_id, name_zh_hant, name_zh_hans, name_en, pin_hash, active,
 * version)". */
#define CACHE_CONSULTANT_INSERT                                               \
    "INSERT INTO consultant (id, project_id, name_zh_hant, name_zh_hans,"     \
    " name_en, pin_hash, active, version) VALUES (?,?,?,?,?,?,?,?)"
/* Binds k (of project_id) to such a statement and steps it. */
int cache_put_consultant(sqlite3_stmt *st, const char *project_id,
                         const consultant_t *k);

/* Replaces every row with m's, inside the caller's transaction. */
cache_status_t cache_replace_rows(cache_t *c, const model_t *m, diag_t *d);

#endif
