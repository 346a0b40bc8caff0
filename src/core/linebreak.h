/* linebreak.h - breaking UTF-8 paragraphs into lines that fit a width.
 *
 * The kiosk's descriptions, highlights and notices come in zh-Hant,
 * zh-Hans and English, often mixed ("樓高120㎡的Sky Villa").  This module
 * decides where lines end, with the rules readers of each expect: Chinese
 * may break between any two ideographs, English only at spaces or after a
 * hyphen, and punctuation follows the kinsoku rules (no line starts with
 * "，" "。" "」" ")" "%" ..., none ends with "「" "（" "(" ...); a number
 * keeps its unit ("120㎡", "3.5%", "3樓").  It is a simplified UAX #14,
 * not all of it (no Thai dictionary, no hyphenation, no bidi).
 *
 * Pure logic: widths come from a callback (the text renderer's, or a fake
 * one in tests), so nothing here knows about fonts or SDL.  Any bytes are
 * safe: invalid UTF-8 counts as one character per byte, a valid character
 * is never split, and every call makes progress.
 */
#ifndef LINEBREAK_H
#define LINEBREAK_H

#include <stddef.h>

/* The width, in pixels (or any unit), of s[0..len) drawn as one line.
 * Called only with len > 0 on character boundaries, always for a prefix
 * of a line, so shaping and kerning are measured as they will be drawn.
 * Widths are expected to grow with len. */
typedef int (*linebreak_measure_fn)(void *ctx, const char *s, size_t len);

/* The next line of s[0..len) at most max_w wide.  Returns 0 when len is 0
 * (no more lines), else 1 with *line_len the bytes of the line (from s,
 * trailing spaces not counted) and *next the offset where the following
 * line starts (after the '\n' that ended this line, or past the spaces
 * where it wrapped).  Rules:
 *  - '\n' always ends a line ("\r\n" too); text after it keeps its leading
 *    spaces (indentation), a wrapped line does not.
 *  - A line is as long as fits at an allowed break.  When no allowed break
 *    fits (one word or run wider than max_w), the run is broken between
 *    characters, avoiding kinsoku breaks where it can; when not even one
 *    character fits, the line holds one character (with any combining
 *    marks after it).  Only an empty paragraph (or one of nothing but
 *    spaces) gives an empty line; a '\n' at the very end of s adds none.
 * *next is always > 0 when 1 is returned, so a loop advancing by it ends. */
int linebreak_next(const char *s, size_t len, int max_w,
                   linebreak_measure_fn measure, void *ctx, size_t *line_len,
                   size_t *next);

/* One line of a broken text: text[start .. start + len). */
typedef struct {
    size_t start;
    size_t len;
} linebreak_line_t;

/* Breaks all of s[0..len) into at most max_lines lines in lines[].
 * Returns how many were stored.  *rest (may be NULL) is the offset of the
 * first byte not laid out: len when everything fit, less when the text was
 * cut at max_lines (the caller may then end the last line with "…"). */
int linebreak_lines(const char *s, size_t len, int max_w,
                    linebreak_measure_fn measure, void *ctx,
                    linebreak_line_t *lines, int max_lines, size_t *rest);

#endif
