/* fontfind.c - see fontfind.h. */
#include "fontfind.h"

#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>

int fontfind_cjk(lang_t lang, int bold, font_file_t *out, diag_t *d)
{
    const char *family = lang == LANG_ZH_HANS ? "Noto Sans CJK SC"
                                              : "Noto Sans CJK TC";
    FcPattern *pat = NULL, *match = NULL;
    FcResult res;
    FcChar8 *file = NULL, *got_family = NULL;
    int index = 0, rc = -1;

    if (!FcInit()) {
        diag_set(d, "fontconfig: cannot initialise");
        return -1;
    }
    pat = FcPatternCreate();
    if (!pat)
        goto out;
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    match = FcFontMatch(NULL, pat, &res);
    if (!match || res != FcResultMatch)
        goto out;
    if (FcPatternGetString(match, FC_FAMILY, 0, &got_family) != FcResultMatch ||
        strstr((const char *)got_family, "CJK") == NULL)
        goto out; /* fontconfig fell back to a font without CJK glyphs */
    if (FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch)
        goto out;
    if (FcPatternGetInteger(match, FC_INDEX, 0, &index) != FcResultMatch)
        index = 0;
    snprintf(out->path, sizeof out->path, "%s", (const char *)file);
    out->face = index;
    rc = 0;
out:
    if (rc != 0)
        diag_set(d, "no '%s' font found (install fonts-noto-cjk, or set "
                 "[fonts] regular and bold in the config)", family);
    if (match)
        FcPatternDestroy(match);
    if (pat)
        FcPatternDestroy(pat);
    return rc;
}
