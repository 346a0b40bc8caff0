/* inifile.h - strict ini reading with file:line in every error.
 *
 * The one door to inih.  Config and string tables both read ini files; this
 * module adds what inih leaves out: the line number of each key, a cap on
 * line length, and every error collected (not just the first).
 */
#ifndef INIFILE_H
#define INIFILE_H

#include "diag.h"

/* Called once per key.  Return 0 to accept it, or -1 after writing the reason
 * to why (without a location: the caller prefixes "file:line: "). */
typedef int (*inifile_handler_fn)(void *user, const char *section,
                                  const char *key, const char *value,
                                  diag_t *why);

/* Parses path, calling fn for each key.  Returns 0 when the file was read and
 * every key accepted, -1 otherwise with every problem in d, one per line,
 * each as "path:line: message". */
int inifile_parse(const char *path, inifile_handler_fn fn, void *user,
                  diag_t *d);

#endif
