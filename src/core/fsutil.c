/* fsutil.c - see fsutil.h. */
#include "fsutil.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int fs_make_dirs(const char *path, diag_t *d)
{
    char buf[1024];
    if (!path || !path[0]) {
        diag_set(d, "no directory given");
        return -1;
    }
    int len = snprintf(buf, sizeof buf, "%s", path);
    if (len < 0 || (size_t)len >= sizeof buf) {
        diag_set(d, "directory '%.80s...': path too long", path);
        return -1;
    }
    for (char *p = buf + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            if (mkdir(buf, 0755) != 0 && errno != EEXIST) {
                diag_set(d, "%s: cannot create directory: %s", buf,
                         strerror(errno));
                return -1;
            }
            *p = saved;
            if (saved == '\0')
                break;
        }
    }
    return 0;
}
