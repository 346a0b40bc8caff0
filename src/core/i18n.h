/* i18n.h - languages and the translatable string tables.
 *
 * Tables are plain UTF-8 ini files, one per language, under
 * assets/i18n/<code>.ini with a single [strings] section.  Templates use
 * positional placeholders {0}, {1}, ... (never printf formats, so a table
 * from disk can never become a format-string attack).
 *
 * Not for: data strings such as project and building names; those come
 * with the project (model.h ltext_t).
 */
#ifndef I18N_H
#define I18N_H

#include <stddef.h>

#include "diag.h"

typedef enum {
    LANG_ZH_HANT = 0, /* 繁體中文, the default */
    LANG_ZH_HANS,     /* 简体中文 */
    LANG_EN,
    LANG_COUNT
} lang_t;

/* "zh-Hant", "zh-Hans", "en". */
const char *lang_code(lang_t lang);

/* Parses a language code (case-insensitive).  Returns 0 or -1. */
int lang_parse(const char *code, lang_t *out);

typedef struct i18n i18n_t;

/* Loads every language's table from dir.  A missing or malformed file is an
 * error naming file and line.  Caller frees with i18n_destroy(). */
int i18n_load(const char *dir, i18n_t **out, diag_t *d);
void i18n_destroy(i18n_t *t);

/* The string for key in lang; falls back to English, then to the key itself,
 * so a screen never shows a blank.  The pointer lives as long as t. */
const char *i18n_get(const i18n_t *t, lang_t lang, const char *key);

/* Number of keys of the English table missing from lang (0 when complete);
 * the first missing key is written to d. */
int i18n_missing(const i18n_t *t, lang_t lang, diag_t *d);

/* Expands {0}..{9} in tmpl with args into out (always NUL-terminated,
 * truncated on a character boundary).  Returns the length written. */
size_t i18n_format(char *out, size_t size, const char *tmpl,
                   const char *const *args, int nargs);

#endif
