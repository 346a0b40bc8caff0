/* fsutil.h - small file-system helpers the cache, media and app share.
 *
 * Not for: anything that reads or writes file contents (media.h, cache.h).
 */
#ifndef FSUTIL_H
#define FSUTIL_H

#include "diag.h"

/* mkdir -p: creates path and any missing parents (mode 0755).  Existing
 * directories are fine.  Returns 0, or -1 with d naming the directory
 * that could not be made and why. */
int fs_make_dirs(const char *path, diag_t *d);

#endif
