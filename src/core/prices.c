/* prices.c - see prices.h.
 *
 * A small RFC 4180 lexer cuts the text into records of bounded fields, each
 * field remembering the line it starts on; a checker resolves every record
 * against the model and collects every error before deciding.  Units are
 * found through a sorted index and duplicates through a per-unit table, so
 * a 200,000-row file against a large project stays fast.  All errors go
 * through report(), which counts every one, keeps room at the end of the
 * diag for the closing "... and N more errors", and makes sure the fatal
 * error that stopped the parse (if any) is shown.
 *
 * Not for: storing prices or judging which units may be re-priced.
 */
#include "prices.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

enum { COL_BUILDING, COL_UNIT, COL_LIST_PRICE, COL_UNIT_PRICE, COL_COUNT };

static const char *const col_names[COL_COUNT] = {
    "building", "unit", "list_price", "unit_price",
};

#define MAX_FIELDS 16 /* fields kept per record; any more are only counted */
#define SHOW_MAX 40   /* bytes of a bad field quoted back in a message */

/* Exclusive upper bounds, in cents. */
#define LIST_PRICE_MAX (INT64_C(10000000000) * 100)
#define UNIT_PRICE_MAX (INT64_C(10000000) * 100)

/* Room kept free at the end of the diag for "... and N more errors". */
#define ROOM_TRAILER 40

enum {
    F_QUOTED = 1,       /* the field was in double quotes */
    F_TOO_LONG = 2,     /* more than PRICES_FIELD_MAX bytes (rest dropped) */
    F_STRAY_QUOTE = 4,  /* a quote inside an unquoted field */
    F_AFTER_QUOTE = 8,  /* text between the closing quote and the comma */
};

typedef struct {
    char text[PRICES_FIELD_MAX + 1];
    size_t len;
    int line;           /* where the field starts */
    unsigned flags;
} field_t;

typedef struct {
    field_t f[MAX_FIELDS];
    int n;              /* fields in the record, even beyond MAX_FIELDS */
    int line;           /* where the record starts */
    int open_line;      /* after LEX_UNTERMINATED: where the quote opened */
    int empty;          /* every field empty and unquoted */
} record_t;

typedef struct {
    const char *s;
    size_t len, pos;
    int line;
} lexer_t;

enum { LEX_EOF = 0, LEX_OK = 1, LEX_UNTERMINATED = -1 };
enum { AMT_OK, AMT_SYNTAX, AMT_TOO_BIG };

typedef struct {
    int building;
    const char *number;   /* points into the model */
    int unit;
} unit_key_t;

typedef struct {
    const char *name;
    const model_t *m;
    diag_t *d;
    int errors;           /* every error found */
    int omitted;          /* errors left out of d for lack of room */
    int full;             /* d has no room left for ordinary errors */
    int col_of[COL_COUNT];/* field index of each column, -1 when absent */
    int kind_of[MAX_FIELDS];
    int n_cols;
    unit_key_t *keys;     /* every unit, sorted by building and number */
    int *seen;            /* per unit: line it was first priced on, or 0 */
    price_row_t *rows;
    int n_rows, cap_rows, changed;
    int data_rows;
    char last_building[PRICES_FIELD_MAX + 1]; /* one-entry lookup cache */
    int last_building_idx;
    int hinted;           /* the unknown-building hint was given */
    record_t rec;
} parser_t;

/* ---- text helpers ------------------------------------------------------ */

/* snprintf at buf[*len], clamping *len so a cut message stays terminated. */
static void buf_append(char *buf, size_t size, size_t *len, const char *fmt,
                       ...) __attribute__((format(printf, 4, 5)));
static void buf_append(char *buf, size_t size, size_t *len, const char *fmt,
                       ...)
{
    va_list ap;
    int k;
    if (*len + 1 >= size)
        return;
    va_start(ap, fmt);
    k = vsnprintf(buf + *len, size - *len, fmt, ap);
    va_end(ap);
    if (k < 0)
        buf[*len] = '\0';
    else if ((size_t)k >= size - *len)
        *len = size - 1;
    else
        *len += (size_t)k;
}

/* Cents as "3,250,000.50". */
static const char *fmt_cents(int64_t cents, char *out, size_t size)
{
    char digits[24];
    size_t nd = 0, len = 0;
    uint64_t v = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
    uint64_t whole = v / 100;
    out[0] = '\0';
    do {
        digits[nd++] = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole > 0 && nd < sizeof digits);
    if (cents < 0)
        buf_append(out, size, &len, "-");
    while (nd > 0) {
        buf_append(out, size, &len, "%c", digits[--nd]);
        if (nd > 0 && nd % 3 == 0)
            buf_append(out, size, &len, ",");
    }
    buf_append(out, size, &len, ".%02u", (unsigned)(v % 100));
    return out;
}

/* A field as it may be quoted back: control bytes as '?', cut to SHOW_MAX
 * bytes on a character boundary. */
static const char *show(const field_t *f, char *out, size_t size)
{
    char tmp[PRICES_FIELD_MAX + 1];
    size_t len = 0;
    for (size_t i = 0; i < f->len; i++) {
        unsigned char c = (unsigned char)f->text[i];
        tmp[i] = c < 0x20 || c == 0x7F ? '?' : (char)c;
    }
    tmp[f->len] = '\0';
    out[0] = '\0';
    utf8_append(out, size < SHOW_MAX + 1 ? size : SHOW_MAX + 1, &len, tmp,
                f->len);
    if (len < f->len || (f->flags & F_TOO_LONG))
        utf8_append(out, size, &len, "...", 3);
    return out;
}

static int utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t k;
        uint32_t cp, min;
        if (c < 0x80) {
            i++;
            continue;
        }
        if ((c & 0xE0) == 0xC0) {
            k = 1, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            k = 2, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            k = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return 0;
        }
        if (n - i - 1 < k)
            return 0;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + j] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += k + 1;
    }
    return 1;
}

/* Equal apart from ASCII case (bytes of other characters must match). */
static int ascii_caseeq(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return 0;
        if (x == '\0')
            return 1;
    }
}

/* Yuan with up to two decimals and optional thousands separators, to cents.
 * A sign is accepted so that "-5" is reported as not positive rather than
 * as gibberish.  Never uses floating point. */
static int parse_yuan(const char *s, int64_t *cents)
{
    int neg = 0, digits = 0, group = 0, grouped = 0, big = 0;
    int64_t yuan = 0, frac = 0;

    if (*s == '+' || *s == '-')
        neg = *s++ == '-';
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            if (yuan > (INT64_MAX / 100 - 108) / 10)
                big = 1;
            else
                yuan = yuan * 10 + (*s - '0');
            digits++;
            group++;
        } else if (*s == ',') {
            if (group == 0 || group > 3 || (grouped && group != 3))
                return AMT_SYNTAX;
            grouped = 1;
            group = 0;
        } else {
            break;
        }
    }
    if (digits == 0 || (grouped && group != 3))
        return AMT_SYNTAX;
    if (*s == '.') {
        s++;
        if (*s < '0' || *s > '9')
            return AMT_SYNTAX;
        frac = (*s++ - '0') * 10;
        if (*s >= '0' && *s <= '9')
            frac += *s++ - '0';
    }
    if (*s != '\0')
        return AMT_SYNTAX;
    if (big)
        return AMT_TOO_BIG;
    *cents = (yuan * 100 + frac) * (neg ? -1 : 1);
    return AMT_OK;
}

/* ---- errors ------------------------------------------------------------ */

/* Records one error as "name:line:col: what: message" (col 0 leaves out the
 * column, what NULL the column name).  Once the diag is full, ordinary
 * errors are only counted; a fatal one (the last before giving up, and the
 * one that explains why the rest of the file was not read) pushes out the
 * latest ordinary ones to make room for itself. */
static void report(parser_t *p, int fatal, int line, int col, const char *what,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void report(parser_t *p, int fatal, int line, int col, const char *what,
                   const char *fmt, ...)
{
    const size_t room = DIAG_MAX - 1 - ROOM_TRAILER;
    char msg[DIAG_MAX];
    size_t len = 0, used;
    va_list ap;
    int k;

    p->errors++;
    if (!p->d)
        return;
    if (col > 0)
        buf_append(msg, sizeof msg, &len, "%s:%d:%d: ", p->name, line, col);
    else
        buf_append(msg, sizeof msg, &len, "%s:%d: ", p->name, line);
    if (what)
        buf_append(msg, sizeof msg, &len, "%s: ", what);
    va_start(ap, fmt);
    k = vsnprintf(msg + len, sizeof msg - len, fmt, ap);
    va_end(ap);
    if (k > 0)
        len = (size_t)k < sizeof msg - len ? len + (size_t)k : sizeof msg - 1;
    used = strnlen(p->d->msg, sizeof p->d->msg);
    if (p->full && !fatal) {
        p->omitted++;
        return;
    }
    if (used + 1 + len > room) {
        p->full = 1;
        if (!fatal || len > room) {
            p->omitted++;
            return;
        }
        while (used > 0 && used + 1 + len > room) {
            char *nl = strrchr(p->d->msg, '\n');
            used = nl ? (size_t)(nl - p->d->msg) : 0;
            p->d->msg[used] = '\0';
            p->omitted++;
        }
        if (used == 0)
            p->d->count = 0;
    }
    diag_add(p->d, "%s", msg);
}

/* Closes the message: the count of what did not fit, and d->count as the
 * number of errors found. */
static void finish_diag(parser_t *p)
{
    if (!p->d || p->errors == 0)
        return;
    if (p->omitted > 0)
        diag_add(p->d, "... and %d more error%s", p->omitted,
                 p->omitted == 1 ? "" : "s");
    p->d->count = p->errors;
}

/* ---- lexer ------------------------------------------------------------- */

static int lex_at_end_of_field(const lexer_t *lx)
{
    char c = lx->s[lx->pos];
    return c == ',' || c == '\n' || c == '\r';
}

/* Consumes one line end at pos (CRLF, LF or a lone CR) and counts it. */
static void lex_newline(lexer_t *lx)
{
    if (lx->s[lx->pos] == '\r' && lx->pos + 1 < lx->len &&
        lx->s[lx->pos + 1] == '\n')
        lx->pos++;
    lx->pos++;
    lx->line++;
}

static void lex_skip_blanks(lexer_t *lx)
{
    while (lx->pos < lx->len &&
           (lx->s[lx->pos] == ' ' || lx->s[lx->pos] == '\t'))
        lx->pos++;
}

static void field_put(field_t *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (f->len < PRICES_FIELD_MAX)
            f->text[f->len++] = s[i];
        else
            f->flags |= F_TOO_LONG;
    }
}

/* Reads one field up to (not including) its comma, line end or the end of
 * the text.  Returns LEX_OK, or LEX_UNTERMINATED when a quote never closes. */
static int lex_field(lexer_t *lx, field_t *f)
{
    f->len = 0;
    f->flags = 0;
    f->line = lx->line;
    lex_skip_blanks(lx);
    if (lx->pos < lx->len && lx->s[lx->pos] == '"') {
        f->flags |= F_QUOTED;
        lx->pos++;
        for (;;) {
            size_t start = lx->pos;
            if (lx->pos >= lx->len) {
                f->text[f->len] = '\0';
                return LEX_UNTERMINATED;
            }
            if (lx->s[lx->pos] == '"') {
                if (lx->pos + 1 < lx->len && lx->s[lx->pos + 1] == '"') {
                    field_put(f, "\"", 1);
                    lx->pos += 2;
                    continue;
                }
                lx->pos++;
                break;
            }
            if (lx->s[lx->pos] == '\n' || lx->s[lx->pos] == '\r')
                lex_newline(lx);
            else
                lx->pos++;
            field_put(f, lx->s + start, lx->pos - start);
        }
        lex_skip_blanks(lx);
        while (lx->pos < lx->len && !lex_at_end_of_field(lx)) {
            f->flags |= F_AFTER_QUOTE;
            lx->pos++;
        }
    } else {
        size_t blanks = lx->pos; /* start of a run of blanks not yet kept */
        while (lx->pos < lx->len && !lex_at_end_of_field(lx)) {
            char c = lx->s[lx->pos++];
            if (c == ' ' || c == '\t')
                continue;
            if (c == '"')
                f->flags |= F_STRAY_QUOTE;
            field_put(f, lx->s + blanks, lx->pos - blanks);
            blanks = lx->pos;
        }
    }
    f->text[f->len] = '\0';
    return LEX_OK;
}

/* Reads the next record.  Returns LEX_OK, LEX_EOF at the end of the text,
 * or LEX_UNTERMINATED (r->n and r->open_line then say where). */
static int lex_record(lexer_t *lx, record_t *r)
{
    field_t spare;
    if (lx->pos >= lx->len)
        return LEX_EOF;
    r->n = 0;
    r->line = lx->line;
    r->empty = 1;
    for (;;) {
        field_t *f = r->n < MAX_FIELDS ? &r->f[r->n] : &spare;
        r->n++;
        if (lex_field(lx, f) == LEX_UNTERMINATED) {
            r->open_line = f->line;
            return LEX_UNTERMINATED;
        }
        if (f->len > 0 || f->flags)
            r->empty = 0;
        if (lx->pos >= lx->len)
            return LEX_OK;
        if (lx->s[lx->pos] == ',') {
            lx->pos++;
            continue;
        }
        lex_newline(lx);
        return LEX_OK;
    }
}

/* A blank line, or a row of nothing but commas (spreadsheets export rows
 * that were once used that way): no data, so nothing to check. */
static int record_is_blank(const record_t *r)
{
    return r->empty;
}

/* ---- checks ------------------------------------------------------------ */

/* Reports what is wrong with a field as text (before its meaning is looked
 * at).  Returns 1 when anything was. */
static int check_field_text(parser_t *p, const field_t *f, int col,
                            const char *what)
{
    int bad = 0;
    if (f->flags & F_TOO_LONG) {
        report(p, 0, f->line, col, what, "field is longer than %d bytes",
               PRICES_FIELD_MAX);
        bad = 1;
    }
    if (f->flags & F_STRAY_QUOTE) {
        report(p, 0, f->line, col, what,
               "quote inside an unquoted field (quote the whole field and "
               "double the quotes inside it)");
        bad = 1;
    }
    if (f->flags & F_AFTER_QUOTE) {
        report(p, 0, f->line, col, what, "text after the closing quote");
        bad = 1;
    }
    if (bad)
        return 1;
    if (!utf8_valid((const unsigned char *)f->text, f->len)) {
        report(p, 0, f->line, col, what, "not valid UTF-8");
        return 1;
    }
    for (size_t i = 0; i < f->len; i++) {
        unsigned char c = (unsigned char)f->text[i];
        if (c < 0x20 || c == 0x7F) {
            report(p, 0, f->line, col, what,
                   "control character (a line break or tab?) in the field");
            return 1;
        }
    }
    return 0;
}

/* Maps the header's names to columns.  Reports every problem; returns 0
 * when the rows can be read with it. */
static int check_header(parser_t *p, const record_t *r)
{
    char shown[SHOW_MAX + 8], missing[64];
    size_t mlen = 0;
    int bad = 0;

    for (int k = 0; k < COL_COUNT; k++)
        p->col_of[k] = -1;
    for (int i = 0; i < r->n && i < MAX_FIELDS; i++) {
        const field_t *f = &r->f[i];
        int kind = -1;
        if (check_field_text(p, f, i + 1, NULL)) {
            bad = 1;
            continue;
        }
        for (int k = 0; k < COL_COUNT; k++)
            if (ascii_caseeq(f->text, col_names[k]))
                kind = k;
        if (kind < 0) {
            report(p, 0, f->line, i + 1, NULL,
                   "unknown column '%s' (the columns are building, unit, "
                   "list_price and optionally unit_price)",
                   show(f, shown, sizeof shown));
            bad = 1;
        } else if (p->col_of[kind] >= 0) {
            report(p, 0, f->line, i + 1, NULL,
                   "column '%s' is named twice (also column %d)",
                   col_names[kind], p->col_of[kind] + 1);
            bad = 1;
        } else {
            p->col_of[kind] = i;
            p->kind_of[i] = kind;
        }
    }
    if (r->n > MAX_FIELDS) {
        report(p, 0, r->line, MAX_FIELDS + 1, NULL,
               "too many columns (%d in all)", r->n);
        bad = 1;
    }
    missing[0] = '\0';
    for (int k = 0; k < COL_UNIT_PRICE; k++)
        if (p->col_of[k] < 0)
            buf_append(missing, sizeof missing, &mlen, "%s%s",
                       mlen ? ", " : "", col_names[k]);
    if (mlen > 0) {
        report(p, 0, r->line, 0, NULL,
               "missing column%s %s (the first row must name the columns "
               "building, unit, list_price and optionally unit_price)",
               strchr(missing, ',') ? "s" : "", missing);
        bad = 1;
    }
    p->n_cols = r->n;
    return bad ? -1 : 0;
}

static int unit_key_cmp(const void *a, const void *b)
{
    const unit_key_t *x = a, *y = b;
    if (x->building != y->building)
        return x->building < y->building ? -1 : 1;
    return strcmp(x->number, y->number);
}

/* The index of the building named by f, or -1 after reporting why not. */
static int find_building(parser_t *p, const field_t *f, int col)
{
    const model_t *m = p->m;
    char shown[SHOW_MAX + 8];
    int found = -1;

    if (f->len == 0) {
        report(p, 0, f->line, col, "building", "empty");
        return -1;
    }
    if (p->last_building_idx >= 0 && strcmp(f->text, p->last_building) == 0)
        return p->last_building_idx;
    for (int b = 0; b < m->n_buildings; b++) {
        const building_t *bd = &m->buildings[b];
        int match = ascii_caseeq(f->text, bd->id);
        for (int l = 0; l < LANG_COUNT && !match; l++)
            match = bd->name.s[l][0] && ascii_caseeq(f->text, bd->name.s[l]);
        if (!match)
            continue;
        if (found >= 0) {
            report(p, 0, f->line, col, "building",
                   "'%s' could be building %s or %s",
                   show(f, shown, sizeof shown), m->buildings[found].id,
                   bd->id);
            return -1;
        }
        found = b;
    }
    if (found < 0) {
        /* The hint once: a file of wrong names should not fill the diag
         * with it. */
        if (m->n_buildings > 0 && !p->hinted)
            report(p, 0, f->line, col, "building",
                   "unknown building '%s' (give an id such as %s or a name "
                   "such as %s)",
                   show(f, shown, sizeof shown), m->buildings[0].id,
                   ltext_get(&m->buildings[0].name, LANG_ZH_HANT));
        else
            report(p, 0, f->line, col, "building", "unknown building '%s'",
                   show(f, shown, sizeof shown));
        p->hinted = 1;
        return -1;
    }
    memcpy(p->last_building, f->text, f->len + 1);
    p->last_building_idx = found;
    return found;
}

/* The index of unit f of building b, or -1 after reporting why not (an
 * unknown number, or a unit already priced higher up the file). */
static int find_unit(parser_t *p, int b, const field_t *f, int col, int line)
{
    const char *bid = p->m->buildings[b].id;
    char shown[SHOW_MAX + 8];
    unit_key_t key = {b, f->text, -1};
    const unit_key_t *hit;
    int u;

    if (f->len == 0) {
        report(p, 0, f->line, col, "unit", "empty");
        return -1;
    }
    hit = p->m->n_units > 0
              ? bsearch(&key, p->keys, (size_t)p->m->n_units, sizeof *p->keys,
                        unit_key_cmp)
              : NULL;
    if (!hit) {
        report(p, 0, f->line, col, "unit", "building %s has no unit '%s'",
               bid, show(f, shown, sizeof shown));
        return -1;
    }
    u = hit->unit;
    if (p->seen[u]) {
        report(p, 0, f->line, col, "unit",
               "unit %s of building %s is priced twice (first on line %d)",
               p->m->units[u].number, bid, p->seen[u]);
        return -1;
    }
    p->seen[u] = line;
    return u;
}

/* Parses a price column into cents, checking it is a sensible amount.
 * Returns 1, or 0 after reporting. */
static int check_amount(parser_t *p, const field_t *f, int col, int kind,
                        int64_t *out)
{
    const char *what = col_names[kind];
    int list = kind == COL_LIST_PRICE;
    char shown[SHOW_MAX + 8];
    int64_t v = 0;
    int rc;

    if (f->len == 0) {
        report(p, 0, f->line, col, what, "empty");
        return 0;
    }
    rc = parse_yuan(f->text, &v);
    if (rc == AMT_SYNTAX) {
        report(p, 0, f->line, col, what, "'%s' is not an amount of yuan",
               show(f, shown, sizeof shown));
        return 0;
    }
    if (rc == AMT_TOO_BIG || v >= (list ? LIST_PRICE_MAX : UNIT_PRICE_MAX)) {
        report(p, 0, f->line, col, what,
               "'%s' is absurd: it must be less than %s yuan%s",
               show(f, shown, sizeof shown),
               list ? "10,000,000,000" : "10,000,000", list ? "" : " per m²");
        return 0;
    }
    if (v <= 0) {
        report(p, 0, f->line, col, what, "'%s' is not more than 0 yuan",
               show(f, shown, sizeof shown));
        return 0;
    }
    *out = v;
    return 1;
}

static int add_row(parser_t *p, int u, int64_t list, int64_t unit_price,
                   int line)
{
    const unit_t *un = &p->m->units[u];
    price_row_t *row;
    if (p->n_rows == p->cap_rows) {
        int cap = p->cap_rows ? p->cap_rows * 2 : 256;
        price_row_t *grown;
        if (cap > PRICES_MAX_ROWS)
            cap = PRICES_MAX_ROWS;
        grown = realloc(p->rows, (size_t)cap * sizeof *grown);
        if (!grown)
            return -1;
        p->rows = grown;
        p->cap_rows = cap;
    }
    row = &p->rows[p->n_rows++];
    memset(row, 0, sizeof *row);
    row->unit = u;
    utf8_copy(row->unit_id, sizeof row->unit_id, un->id);
    row->list_price = list;
    row->unit_price = unit_price;
    row->line = line;
    if (list != un->list_price || unit_price != un->unit_price)
        p->changed++;
    return 0;
}

/* Checks one data row and keeps it when it is good.  Returns -1 only when
 * the parse must stop (out of memory, already reported). */
static int check_row(parser_t *p, const record_t *r)
{
    const field_t *fb, *fu, *fl, *fp = NULL;
    int errors = p->errors, text_bad = 0, b, u = -1, have_up = 0;
    int64_t list = 0, up = 0;
    char a[32], c[32], e[32], g[32];

    for (int i = 0; i < r->n && i < MAX_FIELDS; i++)
        text_bad |= check_field_text(p, &r->f[i], i + 1,
                                     i < p->n_cols ? col_names[p->kind_of[i]]
                                                   : NULL);
    if (r->n != p->n_cols) {
        int at = r->n > p->n_cols ? p->n_cols : r->n - 1; /* p->n_cols <= 4 */
        report(p, 0, r->f[at].line, (r->n > p->n_cols ? p->n_cols : r->n) + 1,
               NULL, "expected %d fields as in the header, found %d",
               p->n_cols, r->n);
        return 0;
    }
    if (text_bad)
        return 0;

    fb = &r->f[p->col_of[COL_BUILDING]];
    fu = &r->f[p->col_of[COL_UNIT]];
    fl = &r->f[p->col_of[COL_LIST_PRICE]];
    if (p->col_of[COL_UNIT_PRICE] >= 0)
        fp = &r->f[p->col_of[COL_UNIT_PRICE]];

    b = find_building(p, fb, p->col_of[COL_BUILDING] + 1);
    if (b >= 0)
        u = find_unit(p, b, fu, p->col_of[COL_UNIT] + 1, r->line);
    if (!check_amount(p, fl, p->col_of[COL_LIST_PRICE] + 1, COL_LIST_PRICE,
                      &list))
        list = 0;
    if (fp && fp->len > 0) {
        have_up = 1;
        if (!check_amount(p, fp, p->col_of[COL_UNIT_PRICE] + 1, COL_UNIT_PRICE,
                          &up))
            up = 0;
    }
    if (p->errors != errors)
        return 0;

    /* Cents per m² from cents and hundredths of m²: 100 * list / area. */
    const unit_t *un = &p->m->units[u];
    int64_t area = un->area_built;
    if (area <= 0) {
        if (!have_up) {
            report(p, 0, fu->line, p->col_of[COL_UNIT] + 1, "unit",
                   "unit %s of building %s has no built area, so unit_price "
                   "must be given", un->number, p->m->buildings[b].id);
            return 0;
        }
    } else {
        int64_t computed = (200 * list + area) / (2 * area);
        if (!have_up) {
            up = computed;
        } else {
            /* |up - 100 list / area| > 1 % of it, without dividing. */
            int64_t diff = up * area - 100 * list;
            if (diff < 0)
                diff = -diff;
            if (diff > list) {
                report(p, 0, fp->line, p->col_of[COL_UNIT_PRICE] + 1,
                       "unit_price",
                       "%s disagrees by more than 1 %% with list_price / "
                       "area_built = %s / %s m² = %s yuan/m²",
                       fmt_cents(up, a, sizeof a), fmt_cents(list, c, sizeof c),
                       fmt_cents(area, e, sizeof e),
                       fmt_cents(computed, g, sizeof g));
                return 0;
            }
        }
    }
    if (add_row(p, u, list, up, r->line) != 0) {
        report(p, 1, r->line, 0, NULL, "out of memory");
        return -1;
    }
    return 0;
}

static int build_index(parser_t *p)
{
    const model_t *m = p->m;
    size_t n = m->n_units > 0 ? (size_t)m->n_units : 1;
    p->keys = malloc(n * sizeof *p->keys);
    p->seen = calloc(n, sizeof *p->seen);
    if (!p->keys || !p->seen)
        return -1;
    for (int i = 0; i < m->n_units; i++) {
        p->keys[i].building = m->units[i].building;
        p->keys[i].number = m->units[i].number;
        p->keys[i].unit = i;
    }
    if (m->n_units > 1)
        qsort(p->keys, (size_t)m->n_units, sizeof *p->keys, unit_key_cmp);
    return 0;
}

/* ---- entry points ------------------------------------------------------ */

int prices_parse_text(const char *name, const char *text, size_t len,
                      const model_t *m, price_list_t **out, diag_t *d)
{
    parser_t *p = NULL;
    price_list_t *list = NULL;
    lexer_t lx = {text, len, 0, 1};
    int rc = -1, got;

    *out = NULL;
    diag_clear(d);
    if (!name)
        name = "prices";
    p = calloc(1, sizeof *p);
    if (!p) {
        diag_add(d, "%s:0: out of memory", name);
        goto out;
    }
    p->name = name;
    p->m = m;
    p->d = d;
    p->last_building_idx = -1;
    if (len > PRICES_MAX_BYTES) {
        report(p, 1, 0, 0, NULL,
               "larger than %u MiB; split the price list into smaller files",
               PRICES_MAX_BYTES / (1024u * 1024u));
        goto out;
    }
    if (build_index(p) != 0) {
        report(p, 1, 0, 0, NULL, "out of memory");
        goto out;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        lx.pos = 3;

    do
        got = lex_record(&lx, &p->rec);
    while (got == LEX_OK && record_is_blank(&p->rec));
    if (got == LEX_EOF) {
        report(p, 1, 0, 0, NULL,
               "empty file: the first row must name the columns building, "
               "unit, list_price and optionally unit_price");
        goto out;
    }
    if (got == LEX_OK && check_header(p, &p->rec) != 0)
        goto out;

    while (got == LEX_OK) {
        got = lex_record(&lx, &p->rec);
        if (got != LEX_OK || record_is_blank(&p->rec))
            continue;
        if (++p->data_rows > PRICES_MAX_ROWS) {
            report(p, 1, p->rec.line, 0, NULL,
                   "more than %d rows; split the price list into smaller "
                   "files", PRICES_MAX_ROWS);
            goto out;
        }
        if (check_row(p, &p->rec) != 0)
            goto out;
    }
    if (got == LEX_UNTERMINATED) {
        int col = p->rec.n;
        report(p, 1, p->rec.open_line, col,
               p->n_cols > 0 && col <= p->n_cols
                   ? col_names[p->kind_of[col - 1]] : NULL,
               "unterminated quote: the quoted field runs to the end of the "
               "file");
        goto out;
    }
    if (p->errors > 0)
        goto out;

    list = calloc(1, sizeof *list);
    if (!list) {
        report(p, 1, 0, 0, NULL, "out of memory");
        goto out;
    }
    list->rows = p->rows;
    list->n_rows = p->n_rows;
    list->changed = p->changed;
    p->rows = NULL;
    *out = list;
    rc = 0;
out:
    if (p) {
        finish_diag(p);
        free(p->rows);
        free(p->keys);
        free(p->seen);
        free(p);
    }
    return rc;
}

int prices_parse_file(const char *path, const model_t *m, price_list_t **out,
                      diag_t *d)
{
    FILE *f = NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int rc = -1;

    *out = NULL;
    diag_clear(d);
    f = fopen(path, "rb");
    if (!f) {
        diag_add(d, "%s:0: cannot open: %s", path, strerror(errno));
        goto out;
    }
    /* Read one byte past the cap, so that "too big" is known for sure. */
    for (;;) {
        size_t n;
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 64 * 1024;
            char *grown;
            if (ncap > (size_t)PRICES_MAX_BYTES + 1)
                ncap = (size_t)PRICES_MAX_BYTES + 1;
            if (ncap == cap)
                break;
            grown = realloc(buf, ncap);
            if (!grown) {
                diag_add(d, "%s:0: out of memory", path);
                goto out;
            }
            buf = grown;
            cap = ncap;
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        diag_add(d, "%s:0: cannot read: %s", path, strerror(errno));
        goto out;
    }
    rc = prices_parse_text(path, buf ? buf : "", len, m, out, d);
out:
    if (f)
        fclose(f);
    free(buf);
    return rc;
}

void prices_free(price_list_t *list)
{
    if (!list)
        return;
    free(list->rows);
    free(list);
}
