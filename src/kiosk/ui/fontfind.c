/* fontfind.c - see fontfind.h. */
#include "fontfind.h"

#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>

/* One lookup; 0 when fontconfig's best match really is a CJK font. */
static int match(const char *family, int weight, font_file_t *out)
{
    FcPattern *pat = FcPatternCreate(), *m = NULL;
    FcResult res;
    FcChar8 *file = NULL, *got_family = NULL;
    int index = 0, rc = -1;

    if (!pat)
        return -1;
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(pat, FC_WEIGHT, weight);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    m = FcFontMatch(NULL, pat, &res);
    if (m && res == FcResultMatch &&
        FcPatternGetString(m, FC_FAMILY, 0, &got_family) == FcResultMatch &&
        strstr((const char *)got_family, "CJK") != NULL && /* no fallback */
        FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch) {
        int w = weight;
        if (FcPatternGetInteger(m, FC_INDEX, 0, &index) != FcResultMatch)
            index = 0;
        FcPatternGetInteger(m, FC_WEIGHT, 0, &w);
        if (weight < FC_WEIGHT_BOLD || w >= FC_WEIGHT_DEMIBOLD) {
            snprintf(out->path, sizeof out->path, "%s", (const char *)file);
            out->face = index;
            rc = 0;
        }
    }
    if (m)
        FcPatternDestroy(m);
    FcPatternDestroy(pat);
    return rc;
}

int fontfind_cjk(lang_t lang, font_file_t *regular, font_file_t *bold,
                 diag_t *d)
{
    const char *family = lang == LANG_ZH_HANS ? "Noto Sans CJK SC"
                                              : "Noto Sans CJK TC";
    int rc;

    if (!FcInit()) {
        diag_set(d, "fontconfig: cannot initialise");
        return -1;
    }
    rc = match(family, FC_WEIGHT_REGULAR, regular);
    if (rc == 0 && match(family, FC_WEIGHT_BOLD, bold) != 0) {
        bold->path[0] = '\0';
        bold->face = 0;
    }
    FcFini();
    if (rc != 0)
        diag_set(d, "no '%s' font found (install fonts-noto-cjk, or set "
                 "[fonts] regular and bold in the config)", family);
    return rc;
}
