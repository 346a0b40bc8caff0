/* fontfind.h - finding the CJK font files through fontconfig.
 *
 * The one door to fontconfig.  Noto Sans CJK ships as .ttc collections with
 * one face per region; the right face matters (繁體 and 简体 draw some
 * characters differently), so a lookup returns a file and a face index.
 */
#ifndef FONTFIND_H
#define FONTFIND_H

#include <stddef.h>

#include "diag.h"
#include "i18n.h"

typedef struct {
    char path[512];
    int face;
} font_file_t;

/* Finds Noto Sans CJK (TC for zh-Hant and English, SC for zh-Hans), regular
 * and bold.  Returns 0, or -1 with d set when no CJK font is installed;
 * bold->path is "" when there is no bold face (it is then synthesised).
 * fontconfig is loaded and released within the call: nothing stays behind. */
int fontfind_cjk(lang_t lang, font_file_t *regular, font_file_t *bold,
                 diag_t *d);

#endif
