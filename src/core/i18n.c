/* i18n.c - see i18n.h.
 *
 * Each language is a sorted array of key/value pairs looked up by binary
 * search; tables are small (a few hundred keys) and read once at start.
 */
#include "i18n.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "inifile.h"
#include "utf8.h"

#define I18N_MAX_KEYS 2048

typedef struct {
    char *key;
    char *value;
} entry_t;

typedef struct {
    entry_t *v;
    int n, cap;
} table_t;

struct i18n {
    table_t lang[LANG_COUNT];
};

static const char *const codes[LANG_COUNT] = {"zh-Hant", "zh-Hans", "en"};

const char *lang_code(lang_t lang)
{
    if ((int)lang < 0 || lang >= LANG_COUNT)
        return "?";
    return codes[lang];
}

int lang_parse(const char *code, lang_t *out)
{
    for (int i = 0; i < LANG_COUNT; i++) {
        if (strcasecmp(code, codes[i]) == 0) {
            *out = (lang_t)i;
            return 0;
        }
    }
    return -1;
}

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const entry_t *)a)->key, ((const entry_t *)b)->key);
}

static const entry_t *table_find(const table_t *t, const char *key)
{
    entry_t probe = {.key = (char *)key};
    if (t->n == 0)
        return NULL;
    return bsearch(&probe, t->v, (size_t)t->n, sizeof *t->v, entry_cmp);
}

static int on_string(void *user, const char *section, const char *key,
                     const char *value, diag_t *why)
{
    table_t *t = user;
    if (strcmp(section, "strings") != 0) {
        diag_set(why, "unknown section [%s] (expected [strings])", section);
        return -1;
    }
    for (int i = 0; i < t->n; i++) {
        if (strcmp(t->v[i].key, key) == 0) {
            diag_set(why, "duplicate key '%s'", key);
            return -1;
        }
    }
    if (t->n == t->cap) {
        if (t->cap >= I18N_MAX_KEYS) {
            diag_set(why, "more than %d keys", I18N_MAX_KEYS);
            return -1;
        }
        int cap = t->cap ? t->cap * 2 : 64;
        entry_t *v = realloc(t->v, (size_t)cap * sizeof *v);
        if (!v) {
            diag_set(why, "out of memory");
            return -1;
        }
        t->v = v;
        t->cap = cap;
    }
    char *k = strdup(key), *val = strdup(value);
    if (!k || !val) {
        free(k);
        free(val);
        diag_set(why, "out of memory");
        return -1;
    }
    t->v[t->n].key = k;
    t->v[t->n].value = val;
    t->n++;
    return 0;
}

int i18n_load(const char *dir, i18n_t **out, diag_t *d)
{
    i18n_t *t = calloc(1, sizeof *t);
    int rc = 0;
    if (!t) {
        diag_set(d, "out of memory");
        return -1;
    }
    for (int l = 0; l < LANG_COUNT; l++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s.ini", dir, codes[l]);
        if (inifile_parse(path, on_string, &t->lang[l], d) != 0)
            rc = -1;
        if (t->lang[l].n > 1)
            qsort(t->lang[l].v, (size_t)t->lang[l].n, sizeof(entry_t),
                  entry_cmp);
    }
    if (rc != 0) {
        i18n_destroy(t);
        return -1;
    }
    *out = t;
    return 0;
}

void i18n_destroy(i18n_t *t)
{
    if (!t)
        return;
    for (int l = 0; l < LANG_COUNT; l++) {
        for (int i = 0; i < t->lang[l].n; i++) {
            free(t->lang[l].v[i].key);
            free(t->lang[l].v[i].value);
        }
        free(t->lang[l].v);
    }
    free(t);
}

const char *i18n_get(const i18n_t *t, lang_t lang, const char *key)
{
    const entry_t *e = NULL;
    if (t && (int)lang >= 0 && lang < LANG_COUNT)
        e = table_find(&t->lang[lang], key);
    if (!e && t)
        e = table_find(&t->lang[LANG_EN], key);
    return e ? e->value : key;
}

int i18n_missing(const i18n_t *t, lang_t lang, diag_t *d)
{
    int missing = 0;
    for (int i = 0; i < t->lang[LANG_EN].n; i++) {
        const char *key = t->lang[LANG_EN].v[i].key;
        if (!table_find(&t->lang[lang], key)) {
            if (missing == 0)
                diag_set(d, "%s: missing key '%s'", codes[lang], key);
            missing++;
        }
    }
    return missing;
}

size_t i18n_format(char *out, size_t size, const char *tmpl,
                   const char *const *args, int nargs)
{
    size_t len = 0;
    if (size == 0)
        return 0;
    out[0] = '\0';
    for (const char *p = tmpl; *p;) {
        if (p[0] == '{' && p[1] >= '0' && p[1] <= '9' && p[2] == '}') {
            int i = p[1] - '0';
            if (i < nargs && args[i])
                utf8_append(out, size, &len, args[i], strlen(args[i]));
            p += 3;
            continue;
        }
        const char *q = p + 1;
        while (*q && *q != '{')
            q++;
        utf8_append(out, size, &len, p, (size_t)(q - p));
        p = q;
    }
    return len;
}
