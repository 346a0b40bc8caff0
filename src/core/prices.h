/* prices.h - reading a price list (一房一價表) from CSV, checked as a whole.
 *
 * The sales office sends salesd one CSV file with the price of every unit it
 * releases or re-prices.  This module parses and validates that file against
 * the current model and hands back the rows; it does no storing (the import
 * in salesd applies the rows in one transaction) and no I/O beyond reading
 * the file.  Nothing is returned unless the whole file is good: every bad
 * row is reported, so the office can fix the file in one round.
 *
 * The format:
 *   - UTF-8, optionally starting with a byte order mark; comma separated;
 *     RFC 4180 quoting (a field in double quotes may hold commas, line
 *     breaks and "" for one quote); CRLF, LF (or lone CR) line ends.
 *     Spaces and tabs around a field are ignored.
 *   - A required header row naming the columns, in any order (ASCII case
 *     does not matter): building, unit, list_price and optionally
 *     unit_price.  Any other column, or one named twice, is an error.
 *   - Blank lines, and rows of nothing but commas (as spreadsheets export
 *     rows that were once used), are skipped anywhere.
 *   - building: a building's id ("B1") or any of its names in any language
 *     ("1棟", "1栋", "Tower 1"; ASCII case does not matter).
 *   - unit: the unit number as shown on the board ("1203").
 *   - list_price: the total price in yuan, a plain number with up to two
 *     decimals ("3250000.50"), with optional thousands separators when the
 *     field is quoted ("3,250,000.50"); more than 0 and less than 10^10.
 *   - unit_price: the price per m² of built area in yuan, written the same
 *     way; more than 0 and less than 10^7.  When the column is absent or the
 *     cell empty it is list_price / area_built, rounded half up to the cent;
 *     when given it must agree with that within 1 %.
 *   - At most PRICES_MAX_BYTES bytes, PRICES_MAX_ROWS rows and
 *     PRICES_FIELD_MAX bytes a field; a unit appears at most once.
 *
 * Errors read "name:LINE:COLUMN: column_name: message", COLUMN being the
 * 1-based field number (a wrong field count points at the first missing or
 * extra field); errors about the header as a whole use "name:LINE:" and
 * errors about the whole file "name:0:".
 *
 * Not for: SQLite, HTTP, or deciding whether a sold unit may be re-priced
 * (that is the import's policy, not the file's syntax).
 */
#ifndef PRICES_H
#define PRICES_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"

#define PRICES_MAX_BYTES (8u * 1024u * 1024u) /* 8 MiB */
#define PRICES_MAX_ROWS 200000
#define PRICES_FIELD_MAX 256                  /* bytes in one field */

typedef struct {
    int unit;                 /* index into model_t.units */
    char unit_id[MODEL_ID_MAX];
    int64_t list_price;       /* total, cents */
    int64_t unit_price;       /* per m² of built area, cents */
    int line;                 /* where the row starts in the file */
} price_row_t;

typedef struct {
    price_row_t *rows;        /* in file order */
    int n_rows;
    int changed;              /* rows whose prices differ from the model's */
} price_list_t;

/* Reads and checks the price list at path against m.  Returns 0 with *out
 * set (caller frees with prices_free()), or -1 with *out = NULL and every
 * problem in d, one a line; d is cleared first and d->count ends as the
 * number of errors found, also when the message had to be cut short (it
 * then ends with "... and N more errors").  d may be NULL. */
int prices_parse_file(const char *path, const model_t *m, price_list_t **out,
                      diag_t *d);

/* The same for len bytes of text already in memory; name is used in the
 * error messages.  text need not be NUL-terminated. */
int prices_parse_text(const char *name, const char *text, size_t len,
                      const model_t *m, price_list_t **out, diag_t *d);

/* Frees a list from prices_parse_*(); NULL is fine. */
void prices_free(price_list_t *list);

#endif
