/* proto.h - the sync protocol, version 1: JSON bodies in and out.
 *
 * The one door to jansson.  Encodes what salesd sends (snapshots, changes,
 * errors) and decodes what a kiosk receives, checking every field: a
 * decoder never trusts the server, and every rejection names the JSON path
 * that is wrong ("units[12].status: unknown status 'sold'").  deploy/
 * PROTOCOL.md is the prose for the same contract.
 *
 * Not for: HTTP (salesd's http.c, the kiosk's sync.c) or storage (cache.h).
 */
#ifndef PROTO_H
#define PROTO_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"

#define PROTO_VERSION 1
#define PROTO_MAX_UNITS 200000
#define PROTO_MAX_BUILDINGS 2000
#define PROTO_MAX_UNIT_TYPES 500
#define PROTO_MAX_CONSULTANTS 1000
#define PROTO_HOLD_MAX_MINUTES 1440 /* what a request may ask; servers cap lower */

/* A unit as it travels: its building and type by id, not by index. */
typedef struct {
    unit_t u;                 /* u.building and u.unit_type are -1 */
    char building_id[MODEL_ID_MAX];
    char unit_type_id[MODEL_ID_MAX];
} proto_unit_t;

/* A changes response: every unit changed after `since`, in its current
 * state, up to `version`. */
typedef struct {
    char project_id[MODEL_ID_MAX];
    char epoch[MODEL_ID_MAX];
    int64_t since, version;
    int64_t server_time;
    proto_unit_t *units;
    int n_units;
    consultant_t *consultants;  /* added, changed or removed (active 0) */
    int n_consultants;
} proto_changes_t;

/* A consultant's hold as the hold endpoints tell it. */
typedef struct {
    char id[MODEL_ID_MAX];
    char unit_id[MODEL_ID_MAX];
    char consultant_id[MODEL_ID_MAX];
    char kiosk[MODEL_ID_MAX + 32];  /* the token's name that placed it */
    int64_t created_at, expires_at;
    int64_t released_at;            /* 0 while active */
    char state[16];                 /* active, released, expired, ended */
} proto_hold_t;

/* A kiosk's request to hold a unit (POST /api/v1/holds). */
typedef struct {
    char unit_id[MODEL_ID_MAX];
    char consultant_id[MODEL_ID_MAX];
    int minutes;
} proto_hold_request_t;

/* Snapshot of m (with m->epoch and m->version).  Returns a malloc'd body
 * (caller frees) and its length, or NULL when out of memory. */
char *proto_encode_snapshot(const model_t *m, int64_t server_time,
                            size_t *len);

/* The units of m whose version is above since. */
char *proto_encode_changes(const model_t *m, int64_t since,
                           int64_t server_time, size_t *len);

/* {"error":{"code":code,"message":message}} */
char *proto_encode_error(const char *code, const char *message, size_t *len);

/* One unit, for the admin endpoints' answers. */
char *proto_encode_unit(const model_t *m, const unit_t *u, int64_t version,
                        size_t *len);

/* A hold answer: {"hold":{...},"version":V}. */
char *proto_encode_hold(const proto_hold_t *h, int64_t version, size_t *len);

/* A hold request: {"unit_id":..,"consultant_id":..,"minutes":N} (minutes
 * 1..PROTO_HOLD_MAX_MINUTES).  Returns 0, or -1 with d naming the field. */
int proto_decode_hold_request(const char *body, size_t len,
                              proto_hold_request_t *out, diag_t *d);
char *proto_encode_hold_request(const proto_hold_request_t *r, size_t *len);

/* A release request: {"consultant_id":..}. */
int proto_decode_release_request(const char *body, size_t len,
                                 char consultant_id[MODEL_ID_MAX], diag_t *d);

/* A release as a kiosk's outbox stores it (kind "release", cache.h):
 * {"hold_id":..,"consultant_id":..}.  The sync worker sends these bytes as
 * the DELETE /api/v1/holds/{hold_id} body (the server reads consultant_id
 * and ignores hold_id).  The encoder returns a malloc'd body (caller frees);
 * the decoder 0, or -1 with d naming the field. */
char *proto_encode_release_entry(const char *hold_id,
                                 const char *consultant_id, size_t *len);
int proto_decode_release_entry(const char *body, size_t len,
                               char hold_id[MODEL_ID_MAX],
                               char consultant_id[MODEL_ID_MAX], diag_t *d);

/* Decodes a hold answer (the kiosk's side).  Returns 0, or -1 with d. */
int proto_decode_hold(const char *body, size_t len, proto_hold_t *out,
                      int64_t *version, diag_t *d);

/* Decodes and checks a snapshot into a new model (units in board order).
 * Returns 0, or -1 with d naming the JSON path (or line and column). */
int proto_decode_snapshot(const char *body, size_t len, model_t **out,
                          diag_t *d);

/* Decodes and checks a changes response.  Free with proto_changes_free. */
int proto_decode_changes(const char *body, size_t len, proto_changes_t **out,
                         diag_t *d);
void proto_changes_free(proto_changes_t *c);

/* An admin's status change: {"status":"signed"} or, for a hold,
 * {"status":"held","hold_minutes":30}.  Returns 0, or -1 with d set. */
int proto_decode_status_request(const char *body, size_t len,
                                unit_status_t *status, int *hold_minutes,
                                diag_t *d);

/* Reads an error body's code and message; returns 0, or -1 when the body is
 * not one. */
int proto_decode_error(const char *body, size_t len, char *code,
                       size_t code_size, char *message, size_t message_size);

#endif
