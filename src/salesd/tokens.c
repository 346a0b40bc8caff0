/* tokens.c - see tokens.h. */
#include "tokens.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TOKEN_MIN 16
#define TOKEN_MAX 128
#define NAME_MAX_LEN 64
#define MAX_TOKENS 10000

typedef struct {
    char token[TOKEN_MAX + 1];
    char name[NAME_MAX_LEN + 1];
    token_role_t role;
} entry_t;

struct tokens {
    entry_t *v;
    int n;
};

/* Splits s at whitespace into at most max words (in place). */
static int words(char *s, char **w, int max)
{
    int n = 0;
    while (*s) {
        while (*s == ' ' || *s == '\t')
            *s++ = '\0';
        if (!*s)
            break;
        if (n == max)
            return max + 1;
        w[n++] = s;
        while (*s && *s != ' ' && *s != '\t')
            s++;
    }
    return n;
}

int tokens_load(const char *path, tokens_t **out, diag_t *d)
{
    FILE *f = fopen(path, "r");
    tokens_t *t = calloc(1, sizeof *t);
    char line[512];
    int lineno = 0, bad = 0;

    *out = NULL;
    if (!t || !(t->v = calloc(MAX_TOKENS, sizeof *t->v))) {
        diag_set(d, "out of memory");
        goto fail;
    }
    if (!f) {
        diag_add(d, "%s:0: cannot open: %s", path, strerror(errno));
        goto fail;
    }
    while (fgets(line, sizeof line, f)) {
        char *w[4], *hash;
        lineno++;
        if (!strchr(line, '\n') && !feof(f)) {
            int ch; /* skip the rest: a tail must never become a token */
            while ((ch = fgetc(f)) != EOF && ch != '\n')
                ;
            diag_add(d, "%s:%d: line longer than %zu characters", path, lineno,
                     sizeof line - 2);
            bad++;
            continue;
        }
        line[strcspn(line, "\r\n")] = '\0';
        if ((hash = strchr(line, '#')))
            *hash = '\0';
        int n = words(line, w, 3);
        if (n == 0)
            continue;
        if (n != 3) {
            diag_add(d, "%s:%d: want TOKEN NAME ROLE", path, lineno);
            bad++;
            continue;
        }
        size_t tl = strlen(w[0]);
        if (tl < TOKEN_MIN || tl > TOKEN_MAX || strlen(w[1]) > NAME_MAX_LEN) {
            diag_add(d, "%s:%d: token must be %d..%d characters, name at most "
                     "%d", path, lineno, TOKEN_MIN, TOKEN_MAX, NAME_MAX_LEN);
            bad++;
            continue;
        }
        token_role_t role;
        if (strcmp(w[2], "kiosk") == 0)
            role = ROLE_KIOSK;
        else if (strcmp(w[2], "admin") == 0)
            role = ROLE_ADMIN;
        else {
            diag_add(d, "%s:%d: role '%s' is not kiosk or admin", path,
                     lineno, w[2]);
            bad++;
            continue;
        }
        if (t->n == MAX_TOKENS) {
            diag_add(d, "%s:%d: more than %d tokens", path, lineno, MAX_TOKENS);
            bad++;
            break;
        }
        int dup = 0;
        for (int i = 0; i < t->n && !dup; i++)
            dup = strcmp(t->v[i].token, w[0]) == 0;
        if (dup) {
            diag_add(d, "%s:%d: this token is already given to someone", path,
                     lineno);
            bad++;
            continue;
        }
        entry_t *e = &t->v[t->n++];
        memcpy(e->token, w[0], tl + 1);
        memcpy(e->name, w[1], strlen(w[1]) + 1);
        e->role = role;
    }
    fclose(f);
    f = NULL;
    if (bad)
        goto fail;
    if (t->n == 0) {
        diag_add(d, "%s:0: no tokens: nobody could connect", path);
        goto fail;
    }
    *out = t;
    return 0;
fail:
    if (f)
        fclose(f);
    tokens_free(t);
    return -1;
}

void tokens_free(tokens_t *t)
{
    if (!t)
        return;
    free(t->v);
    free(t);
}

/* Equal in time that depends only on the lengths. */
static int same(const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b);
    unsigned char diff = (unsigned char)(alen != blen);
    for (size_t i = 0; i < alen && i < blen; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

const char *tokens_check(const tokens_t *t, const char *bearer,
                         token_role_t need)
{
    static const char prefix[] = "Bearer ";
    const char *found = NULL;
    if (!bearer || strncasecmp(bearer, prefix, sizeof prefix - 1) != 0)
        return NULL;
    const char *tok = bearer + sizeof prefix - 1;
    size_t len = strlen(tok);
    if (len < TOKEN_MIN || len > TOKEN_MAX)
        return NULL;
    for (int i = 0; i < t->n; i++) /* no early exit: same time for all */
        if (same(tok, len, t->v[i].token) && t->v[i].role >= need)
            found = t->v[i].name;
    return found;
}
