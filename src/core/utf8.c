/* utf8.c - see utf8.h. */
#include "utf8.h"

#include <string.h>

void utf8_append(char *out, size_t size, size_t *len, const char *src,
                 size_t n)
{
    if (size == 0)
        return;
    if (*len + 1 >= size) {
        out[size - 1] = '\0';
        return;
    }
    if (*len + n + 1 > size) {
        n = size - 1 - *len;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--; /* src[n] continues a character: cut before it starts */
    }
    memcpy(out + *len, src, n);
    *len += n;
    out[*len] = '\0';
}

void utf8_copy(char *out, size_t size, const char *src)
{
    size_t len = 0;
    if (size == 0)
        return;
    out[0] = '\0';
    utf8_append(out, size, &len, src, strlen(src));
}
