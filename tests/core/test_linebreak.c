/* test_linebreak.c - line breaking for zh-Hant, zh-Hans and English.
 *
 * A fake monospace font measures: an ASCII byte is 1 unit, any other
 * character 2 (as CJK is on the kiosk), so every expected line can be
 * worked out by hand.  Besides worked examples, random texts check the
 * promises that must hold for any input: progress, whole characters,
 * lines that fit, and kinsoku.
 */
#include "testutil.h"

#include "linebreak.h"

/* Bytes and calls the fake font was asked to measure. */
typedef struct {
    long bytes;
    long calls;
} meter_t;

/* ASCII 1, a lead byte 2, a continuation byte 0 (so a stray one is 0). */
static int mono(void *ctx, const char *s, size_t len)
{
    meter_t *m = ctx;
    int w = 0;
    assert_true(len > 0);
    if (m) {
        m->bytes += (long)len;
        m->calls++;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        w += c < 0x80 ? 1 : c >= 0xC0 ? 2 : 0;
    }
    return w;
}

/* The lines of text at width w, joined by '|'. */
static const char *wrap(const char *text, int w)
{
    static char out[4096];
    linebreak_line_t lines[256];
    size_t rest, len = 0;
    int n = linebreak_lines(text, strlen(text), w, mono, NULL, lines, 256,
                            &rest);
    assert_int_equal(rest, strlen(text));
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        int k = snprintf(out + len, sizeof out - len, "%s%.*s", i ? "|" : "",
                         (int)lines[i].len, text + lines[i].start);
        assert_true(k > 0 || lines[i].len == 0 || i > 0);
        len += (size_t)k;
        assert_true(len < sizeof out);
    }
    return out;
}

static void test_cjk_wrap(void **state)
{
    (void)state;
    assert_string_equal(wrap("售樓處今天開放參觀", 8), "售樓處今|天開放參|觀");
    assert_string_equal(wrap("售楼处今天开放参观", 9), "售楼处今|天开放参|观");
    assert_string_equal(wrap("售樓處", 6), "售樓處");
    assert_string_equal(wrap("ショールーム", 6), "ショー|ルーム"); /* ー, ョ no start */
}

static void test_kinsoku(void **state)
{
    (void)state;
    /* Never start a line with "，" or "。": push a character down. */
    assert_string_equal(wrap("你好，世界。歡迎光臨", 4),
                        "你|好，|世|界。|歡迎|光臨");
    /* Never end one with "「". */
    assert_string_equal(wrap("他說「你好」", 6), "他說|「你|好」");
    assert_string_equal(wrap("價格（含稅）如下", 6), "價格|（含|稅）如|下");
    /* ASCII and fullwidth closers too. */
    assert_string_equal(wrap("首付３０％起", 6), "首付|３０％|起");
    assert_string_equal(wrap("總價(萬元)!", 6), "總價|(萬|元)!");
    /* A closing mark after a space still does not start a line. */
    assert_string_equal(wrap("Price list ?", 10), "Price|list ?");
    /* Ellipses and dashes stay at the end. */
    assert_string_equal(wrap("他說……好的", 6), "他|說……|好的");
}

static void test_numbers_keep_units(void **state)
{
    (void)state;
    assert_string_equal(wrap("面積約120㎡的三房", 8), "面積約|120㎡的|三房");
    assert_string_equal(wrap("首付僅需3.5%起", 10), "首付僅需|3.5%起");
    assert_string_equal(wrap("位於3樓", 4), "位於|3樓");
    assert_string_equal(wrap("Pay $1,200.50 now", 9), "Pay|$1,200.50|now");
}

static void test_english(void **state)
{
    (void)state;
    assert_string_equal(wrap("The showroom opens at nine every day", 12),
                        "The showroom|opens at|nine every|day");
    /* Several spaces are not counted at the end or the start of lines. */
    assert_string_equal(wrap("one   two   three", 5), "one|two|three");
    assert_string_equal(wrap("well-known floor-plans", 7),
                        "well-|known|floor-|plans");
    /* A hyphen before a digit is no break (unit B3-1203). */
    assert_string_equal(wrap("Unit B3-1203", 8), "Unit|B3-1203");
    /* "e.g." and quotes hold. */
    assert_string_equal(wrap("see \"A-1\" e.g. here", 6), "see|\"A-1\"|e.g.|here");
}

static void test_long_run_broken_by_chars(void **state)
{
    (void)state;
    const char *t = "See https://example.com/floorplans/a.png now";
    assert_string_equal(wrap(t, 10),
                        "See|https://ex|ample.com/|floorplans|/a.png now");
    /* Between characters, still no line starts with '.', ':' or ','. */
    assert_string_equal(wrap("abcdefghi.jpg", 9), "abcdefgh|i.jpg");
    assert_string_equal(wrap("超長的無斷點詞", 5), "超長|的無|斷點|詞");
}

static void test_mixed(void **state)
{
    (void)state;
    const char *t = "樓高120㎡的Sky Villa，首付3.5%";
    assert_string_equal(wrap(t, 10), "樓高120㎡|的Sky|Villa，首|付3.5%");
    assert_string_equal(wrap(t, 14), "樓高120㎡的Sky|Villa，首付|3.5%");
    assert_string_equal(wrap("請看Floor Plan：A戶型", 12),
                        "請看Floor|Plan：A戶型");
}

static void test_newlines(void **state)
{
    (void)state;
    assert_string_equal(wrap("第一行\n\n  第三行 \r\nlast\n", 100),
                        "第一行||  第三行|last");
    /* Indentation after a '\n' is kept; spaces at a wrap are not. */
    assert_string_equal(wrap("ab cd\n  ef gh", 5), "ab cd|  ef|gh");
    assert_string_equal(wrap("\n", 10), "");
    assert_string_equal(wrap("甲乙丙丁\n戊", 4), "甲乙|丙丁|戊");

    size_t line_len = 9, next = 9;
    assert_int_equal(linebreak_next("\nx", 2, 10, mono, NULL, &line_len, &next), 1);
    assert_int_equal(line_len, 0);
    assert_int_equal(next, 1);
}

static void test_empty(void **state)
{
    (void)state;
    size_t line_len = 9, next = 9, rest = 9;
    linebreak_line_t lines[4];
    assert_int_equal(linebreak_next("", 0, 10, mono, NULL, &line_len, &next), 0);
    assert_int_equal(line_len, 0);
    assert_int_equal(next, 0);
    assert_int_equal(linebreak_lines("", 0, 10, mono, NULL, lines, 4, &rest), 0);
    assert_int_equal(rest, 0);
    /* Only spaces: one empty line, then done. */
    assert_int_equal(linebreak_lines("   ", 3, 2, mono, NULL, lines, 4, &rest), 1);
    assert_int_equal(lines[0].len, 0);
    assert_int_equal(rest, 3);
}

static void test_narrower_than_a_character(void **state)
{
    (void)state;
    assert_string_equal(wrap("你好", 1), "你|好");
    assert_string_equal(wrap("你好", 0), "你|好");
    assert_string_equal(wrap("你好", -5), "你|好");
    assert_string_equal(wrap("abc", 0), "a|b|c");
    /* A combining accent stays on its letter. */
    assert_string_equal(wrap("e\xcc\x81x", 1), "e\xcc\x81|x");
    assert_string_equal(wrap("abe\xcc\x81x", 3), "ab|e\xcc\x81|x");
    /* Indentation wider than the line stays with the first character. */
    assert_string_equal(wrap("    ab", 2), "    a|b");
}

static void test_max_lines(void **state)
{
    (void)state;
    const char *t = "一二三四五六七八九十";
    linebreak_line_t lines[3];
    size_t rest;
    assert_int_equal(linebreak_lines(t, strlen(t), 4, mono, NULL, lines, 3, &rest), 3);
    assert_int_equal(lines[2].start, 12);
    assert_int_equal(lines[2].len, 6);
    assert_int_equal(rest, 18); /* 七 onwards did not fit */
    assert_int_equal(linebreak_lines(t, strlen(t), 4, mono, NULL, lines, 0, &rest), 0);
    assert_int_equal(rest, 0);
}

/* --- random texts ----------------------------------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* Length of the valid UTF-8 sequence at s[i], or 1 for an invalid byte:
 * the test's own decoder, to check that no break splits a character. */
static size_t seq_len(const unsigned char *s, size_t i, size_t n)
{
    unsigned c = s[i];
    size_t k = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 :
               c >= 0xF0 && c <= 0xF4 ? 4 : 1;
    if (k == 1 || n - i < k)
        return 1;
    unsigned b1 = s[i + 1];
    if ((c == 0xE0 && b1 < 0xA0) || (c == 0xED && b1 > 0x9F) ||
        (c == 0xF0 && b1 < 0x90) || (c == 0xF4 && b1 > 0x8F))
        return 1;
    for (size_t j = 1; j < k; j++)
        if ((s[i + j] & 0xC0) != 0x80)
            return 1;
    return k;
}

static const char *const no_start[] = {
    "，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "】", "》",
    "〉", "…", "—", "％", ")", ",", ".", ":", ";", "!", "?", "%", "㎡"};
static const char *const no_end[] = {"（", "「", "『", "【", "《", "〈", "("};

static int starts_with_any(const char *s, size_t n, const char *const *set,
                           size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(set[i]) <= n && memcmp(s, set[i], strlen(set[i])) == 0)
            return 1;
    return 0;
}

static int ends_with_any(const char *s, size_t n, const char *const *set,
                         size_t count)
{
    for (size_t i = 0; i < count; i++) {
        size_t k = strlen(set[i]);
        if (k <= n && memcmp(s + n - k, set[i], k) == 0)
            return 1;
    }
    return 0;
}

/* What may lie between two lines: spaces and the '\n'. */
static int is_gap(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' ||
           c == '\n';
}

/* Breaks text at width w and checks what holds for any text: lines in
 * order, only spaces or a '\n' between them, whole characters, each line
 * fits unless it holds a single character.  With kinsoku set, also that
 * no line starts with a closing mark or ends with an opening one. */
static void check_text(const unsigned char *text, size_t n, int w,
                       int kinsoku)
{
    size_t pos = 0, line_len, next;
    int lines = 0;
    unsigned char *boundary = calloc(n + 1, 1);
    assert_non_null(boundary);
    for (size_t i = 0; i < n; i += seq_len(text, i, n))
        boundary[i] = 1;
    boundary[n] = 1;
    while (linebreak_next((const char *)text + pos, n - pos, w, mono, NULL,
                          &line_len, &next)) {
        const char *line = (const char *)text + pos;
        assert_true(next > 0 && pos + next <= n);
        assert_true(line_len <= next);
        assert_true(boundary[pos] && boundary[pos + line_len] &&
                    boundary[pos + next]);
        for (size_t i = pos + line_len; i < pos + next; i++)
            assert_true(is_gap(text[i]));
        assert_null(memchr(line, '\n', line_len));
        if (line_len > 0 && mono(NULL, line, line_len) > (w < 0 ? 0 : w)) {
            /* Too wide: one character after any indentation, and only
             * (combining) multi-byte characters after it. */
            size_t k = 0;
            while (k < line_len && is_gap((unsigned char)line[k]))
                k++;
            assert_true(k < line_len);
            for (k += seq_len(text, pos + k, n); k < line_len;) {
                size_t c = seq_len(text, pos + k, n);
                assert_true(c > 1);
                k += c;
            }
        }
        if (kinsoku && line_len > 0) {
            assert_false(lines > 0 && text[pos - 1] != '\n' &&
                         starts_with_any(line, line_len, no_start,
                                         sizeof no_start / sizeof no_start[0]));
            assert_false(pos + next < n &&
                         ends_with_any(line, line_len, no_end,
                                       sizeof no_end / sizeof no_end[0]));
        }
        if (is_gap((unsigned char)line[0]) && line[0] != '\n' && lines > 0)
            assert_int_equal(text[pos - 1], '\n'); /* indentation only */
        pos += next;
        lines++;
        assert_true((size_t)lines <= n);
    }
    assert_int_equal(pos, n);
    free(boundary);
}

static void test_random_texts_hold_the_rules(void **state)
{
    (void)state;
    /* Tokens whose closers never pile up past what a line of 8 holds. */
    static const char *const tokens[] = {
        "樓", "盤", "景", "觀", "房", "价", "格", "ショ", "한", "Sky ",
        "Villa ", "floor-plan ", "3.5%", "120㎡", "，", "。", "「好」",
        "（A）", "、", "…", "！", " ", "B3-1203 ", "(ok) ", "\n", "\u3000"};
    unsigned char text[400];
    for (int round = 0; round < 300; round++) {
        size_t n = 0;
        int prev = -1;
        while (n < sizeof text - 16) {
            int t = (int)rnd(sizeof tokens / sizeof tokens[0]);
            /* No two closers in a row, nor spaces before one: runs
             * that cannot break could outgrow a line of 8. */
            if (t >= 14 && t <= 20 && ((prev >= 14 && prev <= 20) ||
                                       prev == 21))
                continue;
            size_t k = strlen(tokens[t]);
            memcpy(text + n, tokens[t], k);
            n += k;
            prev = t;
            if (rnd(8) == 0)
                break;
        }
        for (int w = 8; w <= 30; w += 1 + (int)rnd(3))
            check_text(text, n, w, 1);
        check_text(text, n, 0, 0);
        check_text(text, n, 3, 0);
    }
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    /* Truncated, overlong, surrogate, stray continuation, 0xFF. */
    static const char *const bad[] = {
        "\xe4\xbd", "\xc0\xaf", "\xed\xa0\x80", "\x80\x80", "\xff\xfe",
        "\xf4\x90\x80\x80", "你\xe5\xa5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        for (int w = -1; w <= 6; w++)
            check_text((const unsigned char *)bad[i], strlen(bad[i]), w, 0);
    /* Random bytes: ends, never splits a valid character. */
    unsigned char text[256];
    for (int round = 0; round < 300; round++) {
        size_t n = 1 + rnd(sizeof text);
        for (size_t i = 0; i < n; i++) {
            unsigned r = rnd(10);
            text[i] = r < 3 ? (unsigned char)rnd(256)
                    : r < 5 ? (unsigned char)(0x80 + rnd(64))
                    : r < 7 ? (unsigned char)(0xE0 + rnd(16))
                    : r < 8 ? (unsigned char)' ' : (unsigned char)('a' + rnd(26));
        }
        check_text(text, n, (int)rnd(12) - 1, 0);
    }
}

/* A long paragraph costs about its length times log of a line, not its
 * length squared: count the bytes the font was asked to measure. */
static void test_cost_grows_with_length_not_square(void **state)
{
    (void)state;
    static const char *const words[] = {"售", "樓", "處", "，", "the ",
                                        "showroom ", "。"};
    size_t cap = 90000, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    while (n < cap - 16) {
        const char *wd = words[rnd(7)];
        if ((wd[0] == '\xef' || wd[0] == '\xe3') && n >= 3 &&
            (text[n - 3] == '\xef' || text[n - 3] == '\xe3'))
            continue; /* keep closers apart */
        memcpy(text + n, wd, strlen(wd));
        n += strlen(wd);
    }
    meter_t m = {0, 0};
    size_t pos = 0, line_len, next;
    long lines = 0;
    while (linebreak_next(text + pos, n - pos, 40, mono, &m, &line_len, &next)) {
        assert_true(mono(NULL, text + pos, line_len) <= 40);
        pos += next;
        lines++;
    }
    assert_true(lines > 1000);
    /* About 8 bytes measured per byte of text here; measuring the rest of
     * the paragraph for every line would be about 1500. */
    assert_true(m.bytes < 20 * (long)n);
    assert_true(m.calls < 12 * lines);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cjk_wrap),
        cmocka_unit_test(test_kinsoku),
        cmocka_unit_test(test_numbers_keep_units),
        cmocka_unit_test(test_english),
        cmocka_unit_test(test_long_run_broken_by_chars),
        cmocka_unit_test(test_mixed),
        cmocka_unit_test(test_newlines),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_narrower_than_a_character),
        cmocka_unit_test(test_max_lines),
        cmocka_unit_test(test_random_texts_hold_the_rules),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_cost_grows_with_length_not_square),
    };
    return cmocka_run_group_tests_name("linebreak", tests, NULL, NULL);
}
