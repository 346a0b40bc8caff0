/* status.h - the five unit statuses and their fixed wire names.
 *
 * Wire names never change (DESIGN.md §3); labels and colours live in the
 * string tables and the UI theme, not here.
 */
#ifndef STATUS_H
#define STATUS_H

typedef enum {
    STATUS_AVAILABLE = 0, /* 可售 */
    STATUS_HELD,          /* 保留: short hold by a consultant */
    STATUS_SUBSCRIBED,    /* 認購: deposit paid */
    STATUS_SIGNED,        /* 簽約: contract signed */
    STATUS_WITHHELD,      /* 不可售: not released for sale */
    STATUS_COUNT
} unit_status_t;

/* "available", "held", ...; "?" for an out-of-range value. */
const char *status_wire_name(unit_status_t s);

/* Parses a wire name.  Returns 0, or -1 when the name is unknown. */
int status_from_wire(const char *name, unit_status_t *out);

/* Subscribed and signed units count as sold on the board. */
int status_is_sold(unit_status_t s);

#endif
