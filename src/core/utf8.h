/* utf8.h - bounded copies that never split a UTF-8 character.
 *
 * Names come from the cache and the server in any length; cutting one in the
 * middle of a character draws tofu boxes on a wall display.
 */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>

/* Appends up to n bytes of src at out[*len] (out holds size bytes), backing
 * off to a character boundary when it must cut; always NUL-terminates. */
void utf8_append(char *out, size_t size, size_t *len, const char *src,
                 size_t n);

/* Copies src into out (size bytes), cut on a character boundary. */
void utf8_copy(char *out, size_t size, const char *src);

#endif
