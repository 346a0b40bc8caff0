/* inifile.c - see inifile.h. */
#include "inifile.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    FILE *f;
    const char *path;
    int line;          /* line number of the text last handed to inih */
    int errors;
    inifile_handler_fn fn;
    void *user;
    diag_t *d;
} parse_ctx_t;

/* An fgets that counts lines and refuses lines longer than inih's buffer
 * (inih would otherwise parse the tail as a line of its own). */
static char *read_line(char *str, int num, void *stream)
{
    parse_ctx_t *c = stream;
    char *s = fgets(str, num, c->f);
    if (!s)
        return NULL;
    c->line++;
    size_t len = strlen(s);
    if (len == (size_t)num - 1 && s[len - 1] != '\n' && !feof(c->f)) {
        int ch;
        while ((ch = fgetc(c->f)) != EOF && ch != '\n')
            ;
        diag_add(c->d, "%s:%d: line longer than %d characters", c->path,
                 c->line, num - 2);
        c->errors++;
        s[0] = '\0'; /* hand inih an empty line */
    }
    return s;
}

static int on_key(void *user, const char *section, const char *key,
                  const char *value)
{
    parse_ctx_t *c = user;
    diag_t why;
    diag_clear(&why);
    if (c->fn(c->user, section, key, value, &why) != 0) {
        diag_add(c->d, "%s:%d: %s", c->path, c->line,
                 why.msg[0] ? why.msg : "invalid entry");
        c->errors++;
    }
    return 1; /* keep going: report every bad line, not just the first */
}

int inifile_parse(const char *path, inifile_handler_fn fn, void *user,
                  diag_t *d)
{
    parse_ctx_t c = {.path = path, .fn = fn, .user = user, .d = d};
    int rc;

    c.f = fopen(path, "r");
    if (!c.f) {
        diag_add(d, "%s:0: cannot open: %s", path, strerror(errno));
        return -1;
    }
    rc = ini_parse_stream(read_line, &c, on_key, &c);
    fclose(c.f);
    if (rc > 0) {
        /* on_key never fails, so this is a syntax error inih found itself. */
        diag_add(d, "%s:%d: syntax error (expected [section] or key = value)",
                 path, rc);
        c.errors++;
    } else if (rc < 0) {
        diag_add(d, "%s:0: cannot read", path);
        c.errors++;
    }
    return c.errors ? -1 : 0;
}
