/* linebreak.c - see linebreak.h.
 *
 * One line at a time: first find how many bytes fit (galloping, then a
 * binary search over prefixes, so a line costs O(L log L) bytes measured
 * whatever the paragraph's length), then walk back from there to the last
 * allowed break.  Characters fall into a handful of classes borrowed from
 * UAX #14; the pair rules are in break_ok().  src/core/utf8.h only copies
 * strings, so the decoder here is its own (strict: overlongs, surrogates
 * and truncated sequences are invalid bytes, one character each).
 */
#include "linebreak.h"

#include <stdint.h>
#include <string.h>

/* Line-breaking classes (after UAX #14's names). */
enum {
    C_AL, /* letters, symbols, invalid bytes: breaks only at spaces */
    C_NU, /* digits */
    C_HY, /* hyphens: a break may follow before a letter */
    C_IS, /* ASCII , . : ; - never start a line, bind "3.5" "1,200" */
    C_CL, /* closing punctuation, small kana, units: never start a line */
    C_OP, /* opening punctuation, currency prefixes: never end a line */
    C_GL, /* quotes, no-break space, word joiner: glue on both sides */
    C_ID, /* ideographs, kana, hangul, emoji: break on either side */
    C_CM, /* combining marks, joiners, selectors: never break before */
    C_ZW, /* zero-width space: a break after */
    C_SP  /* spaces: a line may end in them; they are not counted */
};

typedef struct {
    size_t len;         /* bytes */
    unsigned char cls;  /* C_* */
    unsigned char wide; /* CJK: breaks next to it are allowed */
} ch_t;

typedef struct {
    uint32_t lo, hi;
    unsigned char cls, wide;
} range_t;

/* Single code points whose class differs from their block's; sorted. */
static const range_t singles[] = {
    {0x00A0, 0, C_GL, 0}, {0x00A2, 0, C_CL, 0}, {0x00A3, 0, C_OP, 0},
    {0x00A5, 0, C_OP, 0}, {0x00B0, 0, C_CL, 0}, {0x00B7, 0, C_CL, 0},
    {0x2007, 0, C_GL, 0}, {0x200B, 0, C_ZW, 0}, {0x2010, 0, C_HY, 0},
    {0x2011, 0, C_GL, 0}, {0x2013, 0, C_HY, 0}, {0x2014, 0, C_CL, 0},
    {0x2015, 0, C_CL, 0}, {0x2018, 0, C_OP, 0}, {0x2019, 0, C_CL, 0},
    {0x201C, 0, C_OP, 0}, {0x201D, 0, C_CL, 0}, {0x2025, 0, C_CL, 0},
    {0x2026, 0, C_CL, 0}, {0x202F, 0, C_GL, 0}, {0x2030, 0, C_CL, 0},
    {0x2031, 0, C_CL, 0}, {0x2032, 0, C_CL, 0}, {0x2033, 0, C_CL, 0},
    {0x2060, 0, C_GL, 0}, {0x20A9, 0, C_OP, 0}, {0x20AC, 0, C_OP, 0},
    {0x2103, 0, C_CL, 0}, {0x2109, 0, C_CL, 0}, {0x22EF, 0, C_CL, 0},
    {0x3001, 0, C_CL, 1}, {0x3002, 0, C_CL, 1}, {0x3005, 0, C_CL, 1},
    {0x3008, 0, C_OP, 1}, {0x3009, 0, C_CL, 1}, {0x300A, 0, C_OP, 1},
    {0x300B, 0, C_CL, 1}, {0x300C, 0, C_OP, 1}, {0x300D, 0, C_CL, 1},
    {0x300E, 0, C_OP, 1}, {0x300F, 0, C_CL, 1}, {0x3010, 0, C_OP, 1},
    {0x3011, 0, C_CL, 1}, {0x3014, 0, C_OP, 1}, {0x3015, 0, C_CL, 1},
    {0x3016, 0, C_OP, 1}, {0x3017, 0, C_CL, 1}, {0x3018, 0, C_OP, 1},
    {0x3019, 0, C_CL, 1}, {0x301A, 0, C_OP, 1}, {0x301B, 0, C_CL, 1},
    {0x301C, 0, C_CL, 1}, {0x301D, 0, C_OP, 1}, {0x301E, 0, C_CL, 1},
    {0x301F, 0, C_CL, 1}, {0x303B, 0, C_CL, 1},
    /* small hiragana, iteration and sound marks */
    {0x3041, 0, C_CL, 1}, {0x3043, 0, C_CL, 1}, {0x3045, 0, C_CL, 1},
    {0x3047, 0, C_CL, 1}, {0x3049, 0, C_CL, 1}, {0x3063, 0, C_CL, 1},
    {0x3083, 0, C_CL, 1}, {0x3085, 0, C_CL, 1}, {0x3087, 0, C_CL, 1},
    {0x308E, 0, C_CL, 1}, {0x3095, 0, C_CL, 1}, {0x3096, 0, C_CL, 1},
    {0x3099, 0, C_CM, 0}, {0x309A, 0, C_CM, 0}, {0x309B, 0, C_CL, 1},
    {0x309C, 0, C_CL, 1}, {0x309D, 0, C_CL, 1}, {0x309E, 0, C_CL, 1},
    /* small katakana, middle dot, prolonged sound and iteration marks */
    {0x30A0, 0, C_CL, 1}, {0x30A1, 0, C_CL, 1}, {0x30A3, 0, C_CL, 1},
    {0x30A5, 0, C_CL, 1}, {0x30A7, 0, C_CL, 1}, {0x30A9, 0, C_CL, 1},
    {0x30C3, 0, C_CL, 1}, {0x30E3, 0, C_CL, 1}, {0x30E5, 0, C_CL, 1},
    {0x30E7, 0, C_CL, 1}, {0x30EE, 0, C_CL, 1}, {0x30F5, 0, C_CL, 1},
    {0x30F6, 0, C_CL, 1}, {0x30FB, 0, C_CL, 1}, {0x30FC, 0, C_CL, 1},
    {0x30FD, 0, C_CL, 1}, {0x30FE, 0, C_CL, 1},
    /* small form variants */
    {0xFE50, 0, C_CL, 1}, {0xFE51, 0, C_CL, 1}, {0xFE52, 0, C_CL, 1},
    {0xFE54, 0, C_CL, 1}, {0xFE55, 0, C_CL, 1}, {0xFE56, 0, C_CL, 1},
    {0xFE57, 0, C_CL, 1}, {0xFE59, 0, C_OP, 1}, {0xFE5A, 0, C_CL, 1},
    {0xFEFF, 0, C_GL, 0},
    /* fullwidth and halfwidth forms */
    {0xFF01, 0, C_CL, 1}, {0xFF04, 0, C_OP, 1}, {0xFF05, 0, C_CL, 1},
    {0xFF08, 0, C_OP, 1}, {0xFF09, 0, C_CL, 1}, {0xFF0C, 0, C_CL, 1},
    {0xFF0E, 0, C_CL, 1}, {0xFF1A, 0, C_CL, 1}, {0xFF1B, 0, C_CL, 1},
    {0xFF1F, 0, C_CL, 1}, {0xFF3B, 0, C_OP, 1}, {0xFF3D, 0, C_CL, 1},
    {0xFF5B, 0, C_OP, 1}, {0xFF5D, 0, C_CL, 1}, {0xFF5F, 0, C_OP, 1},
    {0xFF60, 0, C_CL, 1}, {0xFF61, 0, C_CL, 1}, {0xFF62, 0, C_OP, 1},
    {0xFF63, 0, C_CL, 1}, {0xFF64, 0, C_CL, 1}, {0xFF65, 0, C_CL, 1},
    {0xFFE0, 0, C_CL, 1}, {0xFFE1, 0, C_OP, 1}, {0xFFE5, 0, C_OP, 1},
    {0xFFE6, 0, C_OP, 1},
};

/* Blocks, first match wins; anything not here is C_AL, narrow. */
static const range_t blocks[] = {
    {0x0300, 0x036F, C_CM, 0},   {0x1100, 0x115F, C_ID, 1},
    {0x1AB0, 0x1AFF, C_CM, 0},   {0x1DC0, 0x1DFF, C_CM, 0},
    {0x200C, 0x200D, C_CM, 0},   {0x20D0, 0x20FF, C_CM, 0},
    {0x2600, 0x27BF, C_ID, 1},   {0x2E80, 0x303F, C_ID, 1},
    {0x3040, 0x31EF, C_ID, 1},   {0x31F0, 0x31FF, C_CL, 1},
    {0x3200, 0x337F, C_ID, 1},   {0x3380, 0x33DF, C_CL, 1}, /* ㎡ ㎏ */
    {0x33E0, 0x4DBF, C_ID, 1},   {0x4E00, 0x9FFF, C_ID, 1},
    {0xA000, 0xA4CF, C_ID, 1},   {0xA960, 0xA97F, C_ID, 1},
    {0xAC00, 0xD7A3, C_ID, 1},   {0xF900, 0xFAFF, C_ID, 1},
    {0xFE00, 0xFE0F, C_CM, 0},   {0xFE10, 0xFE19, C_CL, 1},
    {0xFE20, 0xFE2F, C_CM, 0},   {0xFE30, 0xFE4F, C_ID, 1},
    {0xFF10, 0xFF19, C_NU, 1},   {0xFF00, 0xFFEF, C_ID, 1},
    {0x1F3FB, 0x1F3FF, C_CM, 0}, {0x1F000, 0x1FAFF, C_ID, 1},
    {0x20000, 0x3FFFD, C_ID, 1}, {0xE0020, 0xE007F, C_CM, 0},
    {0xE0100, 0xE01EF, C_CM, 0},
};

/* The class of an ASCII byte other than '\n'. */
static unsigned char ascii_class(unsigned char c)
{
    switch (c) {
    case ' ': case '\t': case '\r': case '\v': case '\f':
        return C_SP;
    case '(': case '[': case '{': case '$':
        return C_OP;
    case ')': case ']': case '}': case '!': case '?': case '%':
        return C_CL;
    case ',': case '.': case ':': case ';':
        return C_IS;
    case '-':
        return C_HY;
    case '"': case '\'':
        return C_GL;
    default:
        return c >= '0' && c <= '9' ? C_NU : C_AL;
    }
}

/* The class of a non-ASCII code point. */
static void cp_class(uint32_t cp, ch_t *ch)
{
    size_t lo = 0, hi = sizeof singles / sizeof singles[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (singles[mid].lo == cp) {
            ch->cls = singles[mid].cls;
            ch->wide = singles[mid].wide;
            return;
        }
        if (singles[mid].lo < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
        if (cp >= blocks[i].lo && cp <= blocks[i].hi) {
            ch->cls = blocks[i].cls;
            ch->wide = blocks[i].wide;
            return;
        }
    ch->cls = C_AL;
    ch->wide = 0;
}

/* Decodes the character at s[i] (i < end): a valid UTF-8 sequence, or a
 * single invalid byte (class C_AL).  Never reads at or past end. */
static ch_t char_at(const unsigned char *s, size_t i, size_t end)
{
    ch_t ch = {1, C_AL, 0};
    unsigned c = s[i], lo = 0x80, hi = 0xBF;
    uint32_t cp;
    size_t n;
    if (c < 0x80) {
        ch.cls = ascii_class((unsigned char)c);
        return ch;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0; /* no overlongs */
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F; /* nothing past U+10FFFF */
    } else {
        return ch;
    }
    if (end - i < n)
        return ch;
    for (size_t k = 1; k < n; k++) {
        unsigned b = s[i + k];
        if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF))
            return ch;
        cp = (cp << 6) | (b & 0x3F);
    }
    ch.len = n;
    cp_class(cp, &ch);
    return ch;
}

/* The start of the character holding byte pos (pos < end): the same
 * boundaries a forward walk with char_at finds, found from pos alone.
 * Only a lead byte at most 3 back whose valid sequence reaches pos can
 * hold it; invalid bytes stand alone. */
static size_t char_start(const unsigned char *s, size_t pos, size_t end)
{
    for (size_t back = 1; back <= 3 && back <= pos; back++) {
        if ((s[pos - back] & 0xC0) == 0x80)
            continue; /* a continuation byte: keep looking */
        return char_at(s, pos - back, end).len > back ? pos - back : pos;
    }
    return pos;
}

/* One line's work: the paragraph s[0..end) and how to measure it. */
typedef struct {
    const unsigned char *s;
    size_t end;
    int max_w;
    linebreak_measure_fn measure;
    void *ctx;
} lb_t;

static int is_space_byte(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int fits(const lb_t *lb, size_t n)
{
    return n == 0 || lb->measure(lb->ctx, (const char *)lb->s, n) <= lb->max_w;
}

/* The longest prefix s[0..f), f <= pe on a character boundary, that fits:
 * galloping from the start, then a binary search between the last prefix
 * that fit and the first that did not.  Measures O(L log L) bytes for a
 * line of L bytes, however long the paragraph. */
static size_t fit_prefix(const lb_t *lb, size_t pe)
{
    size_t lo = 0, hi, step = 32;
    if (pe == 0)
        return 0;
    for (;;) {
        size_t p = pe - lo > step ? char_start(lb->s, lo + step, lb->end) : pe;
        if (p <= lo)
            p = lo + char_at(lb->s, lo, lb->end).len;
        if (!fits(lb, p)) {
            hi = p;
            break;
        }
        lo = p;
        if (p == pe)
            return pe;
        if (step < pe)
            step *= 2;
    }
    for (;;) {
        size_t nx = lo + char_at(lb->s, lo, lb->end).len, mid;
        if (nx >= hi)
            return lo;
        mid = char_start(lb->s, lo + (hi - lo) / 2, lb->end);
        if (mid <= lo)
            mid = nx;
        if (fits(lb, mid))
            lo = mid;
        else
            hi = mid;
    }
}

/* May a line end after a (starting at byte at) and the next start with c,
 * with spaces between them or not?  strict: the reading rules; otherwise
 * the looser rules of a run too long for the line, which only keep
 * kinsoku and combining marks. */
static int break_ok(const lb_t *lb, size_t at, ch_t a, ch_t c, int spaced,
                    int strict)
{
    /* Decided by c alone first: cheap, and keeps marks on their base. */
    if (c.cls == C_CL || c.cls == C_IS)
        return 0; /* kinsoku: no closing mark starts a line */
    if (!spaced && c.cls == C_CM)
        return 0;
    if (strict && !spaced && (c.cls == C_GL || c.cls == C_ZW))
        return 0;
    /* A mark takes the class of the character it sits on. */
    while (a.cls == C_CM && at > 0) {
        size_t p = char_start(lb->s, at - 1, lb->end);
        ch_t base = char_at(lb->s, p, lb->end);
        if (base.cls == C_SP)
            break;
        a = base;
        at = p;
    }
    if (a.cls == C_OP)
        return 0; /* kinsoku: no opening mark ends a line */
    if (spaced || !strict)
        return 1;
    if (a.cls == C_GL)
        return 0;
    if (a.cls == C_ZW)
        return 1;
    if (a.cls == C_NU && (c.cls == C_NU || c.cls == C_ID))
        return 0; /* "１２０", "3樓": a number keeps its unit */
    if (a.cls == C_HY && c.cls == C_AL)
        return 1; /* "well-|known" */
    return a.wide || c.wide; /* CJK on either side; Latin words hold */
}

/* The last allowed break b in (0, f]: the line would be s[0..b), ending
 * in a character that is not a space.  0 when there is none. */
static size_t find_break(const lb_t *lb, size_t f, int strict)
{
    size_t b = f, j = f;
    int spaced = 0;
    ch_t c = {0, C_SP, 0};
    /* c is the first non-space at or after b. */
    while (j < lb->end && (c = char_at(lb->s, j, lb->end)).cls == C_SP) {
        j += c.len;
        spaced = 1;
    }
    if (j >= lb->end)
        c.cls = C_SP; /* only spaces up to the end: any break will do */
    while (b > 0) {
        size_t pb = char_start(lb->s, b - 1, lb->end);
        ch_t a = char_at(lb->s, pb, lb->end);
        if (a.cls == C_SP) {
            spaced = 1;
        } else {
            if (c.cls == C_SP || break_ok(lb, pb, a, c, spaced, strict))
                return b;
            c = a;
            spaced = 0;
        }
        b = pb;
    }
    return 0;
}

/* No break fits: cut the run at f, or after its first character (with any
 * marks on it) when not even that fits; leading spaces stay with it. */
static size_t forced_break(const lb_t *lb, size_t f)
{
    size_t content = 0, b = f;
    while (content < lb->end && is_space_byte(lb->s[content]))
        content++;
    while (b > content && char_at(lb->s, b, lb->end).cls == C_CM)
        b = char_start(lb->s, b - 1, lb->end);
    if (b <= content) {
        b = content + char_at(lb->s, content, lb->end).len;
        while (b < lb->end && char_at(lb->s, b, lb->end).cls == C_CM)
            b += char_at(lb->s, b, lb->end).len;
    }
    return b;
}

int linebreak_next(const char *s, size_t len, int max_w,
                   linebreak_measure_fn measure, void *ctx, size_t *line_len,
                   size_t *next)
{
    const unsigned char *nl;
    size_t end, after, pe, f, b, n;
    lb_t lb;

    *line_len = 0;
    *next = 0;
    if (len == 0)
        return 0;
    nl = memchr(s, '\n', len);
    end = nl ? (size_t)(nl - (const unsigned char *)s) : len;
    after = nl ? end + 1 : len;
    lb.s = (const unsigned char *)s;
    lb.end = end;
    lb.max_w = max_w < 0 ? 0 : max_w;
    lb.measure = measure;
    lb.ctx = ctx;

    pe = end; /* the paragraph without its trailing spaces */
    while (pe > 0 && is_space_byte(lb.s[pe - 1]))
        pe--;
    f = fit_prefix(&lb, pe);
    if (f == pe) {
        *line_len = pe;
        *next = after;
        return 1;
    }
    b = find_break(&lb, f, 1);
    if (b == 0)
        b = find_break(&lb, f, 0);
    if (b == 0)
        b = forced_break(&lb, f);
    /* Only a forced break can end in spaces, and it holds at least one
     * character after any leading ones, so this never empties the line. */
    n = b;
    while (n > 0 && is_space_byte(lb.s[n - 1]))
        n--;
    *line_len = n;
    while (b < end && is_space_byte(lb.s[b]))
        b++;
    *next = b < end ? b : after;
    return 1;
}

int linebreak_lines(const char *s, size_t len, int max_w,
                    linebreak_measure_fn measure, void *ctx,
                    linebreak_line_t *lines, int max_lines, size_t *rest)
{
    size_t pos = 0, line_len, next;
    int count = 0;
    while (count < max_lines &&
           linebreak_next(s + pos, len - pos, max_w, measure, ctx, &line_len,
                          &next)) {
        lines[count].start = pos;
        lines[count].len = line_len;
        count++;
        pos += next;
    }
    if (rest)
        *rest = pos;
    return count;
}
