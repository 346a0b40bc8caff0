/* status.c - see status.h. */
#include "status.h"

#include <string.h>

static const char *const wire_names[STATUS_COUNT] = {
    "available", "held", "subscribed", "signed", "withheld",
};

const char *status_wire_name(unit_status_t s)
{
    if ((int)s < 0 || s >= STATUS_COUNT)
        return "?";
    return wire_names[s];
}

int status_from_wire(const char *name, unit_status_t *out)
{
    for (int i = 0; i < STATUS_COUNT; i++) {
        if (strcmp(name, wire_names[i]) == 0) {
            *out = (unit_status_t)i;
            return 0;
        }
    }
    return -1;
}

int status_is_sold(unit_status_t s)
{
    return s == STATUS_SUBSCRIBED || s == STATUS_SIGNED;
}
