/* cc-csv.h: price CSV import (Yahoo download, Stooq, generic Date,Close and our own export
 * layout) and export. */
#pragma once

#include <gio/gio.h>

#include "cc-series.h"

G_BEGIN_DECLS

typedef enum {
  CC_CSV_LAYOUT_SINGLE,      /* Date and a Close (or Price) column: one series */
  CC_CSV_LAYOUT_HEADERLESS,  /* date,close rows with no header: one series */
  CC_CSV_LAYOUT_YAHOO,       /* Yahoo's download: Date,Open,High,Low,Close,Adj Close,Volume */
  CC_CSV_LAYOUT_STOOQ,       /* Stooq's download: Date,Open,High,Low,Close[,Volume] */
  CC_CSV_LAYOUT_LONG,        /* Date,Symbol,Close[,…] (our export too): a series per symbol */
  CC_CSV_LAYOUT_WIDE,        /* date,SYM1,SYM2,…: a series per column */
} CcCsvLayout;

const char *cc_csv_layout_to_string (CcCsvLayout layout);

/* Reads price rows with the one CSV tokenizer (cc-csv-reader.h: RFC 4180 quotes, BOM, CRLF,
 * "," ";" or tab separators, a decimal comma with ";") and the one layout detector, which
 * looks at the first record:
 * - a date column (Date, DATETIME, timestamp, Datum, …) and a close column (Close, else Price,
 *   else Adj Close): one series of @default_symbol, or one per value of a Symbol column, whose
 *   Provenance and Flags columns (our export) are honoured when present;
 * - a date column and no close column: a wide file, one series per other column, named by its
 *   header (a ticker); empty cells are gaps;
 * - no header: date,close rows.
 * Symbols are upper-cased and must be tickers. *@layout (when not NULL) gets what was found.
 *
 * Tolerated: rows in any order (descending is common), YYYY-MM-DD or YYYYMMDD dates (a time
 * after the date is ignored), thousands separators ("5,124.10", quoted with ",").
 *
 * Skipped, with a note in @notes (translated lines naming the line): rows dated on a Saturday
 * or Sunday (no exchange we chart trades then), single-series rows whose close is empty or
 * "null" (Yahoo's gaps), repeated dates (the first row is kept). Kept, with a note and the
 * point flag CC_POINT_FLAG_NON_TRADING_DAY: rows on NYSE holidays (some files interpolate
 * closed days).
 *
 * Anything else wrong fails the whole import with a CC_DATA_ERROR_INVALID naming
 * @source_name, the line, the column and what was wrong. Returns a GPtrArray of CcSeries (at
 * least one, each with at least one point), with origin CC_ORIGIN_IMPORTED and source
 * @source_name. */
GPtrArray *cc_csv_read              (const char   *data,
                                     gsize         length,
                                     const char   *source_name,
                                     const char   *default_symbol,
                                     CcCsvLayout  *layout,
                                     GPtrArray   **notes,
                                     GError      **error);
/* cc_csv_read() without the layout. */
GPtrArray *cc_csv_parse             (const char   *data,
                                     gsize         length,
                                     const char   *source_name,
                                     const char   *default_symbol,
                                     GPtrArray   **notes,
                                     GError      **error);
/* Reads @file with cc_csv_read() (its name gives the symbol of a single-series file; see
 * cc_csv_guess_symbol). What the window's import and `chipcycle export --data` both call. */
GPtrArray *cc_csv_import_file       (GFile        *file,
                                     GCancellable *cancellable,
                                     GPtrArray   **notes,
                                     GError      **error);
/* "NVDA_2018-01-02_….csv" -> "NVDA", "nvda.us_….csv" -> "NVDA", "^SOX.csv" -> "^SOX";
 * always a valid ticker ("my prices.csv" -> "MY-PRICES"). */
char      *cc_csv_guess_symbol      (const char   *basename);

/* Writes Date,Symbol,Close,Provenance,Flags,Source rows (Flags: "unfinished" and/or
 * "non-trading-day", space-separated) for the points of each series within
 * [@from, @to] (CC_DATE_INVALID for no limit), series after series, dates ascending. The
 * provenance column keeps reconstructed values recognisable after export. */
char      *cc_csv_export            (GPtrArray    *series,
                                     CcDate        from,
                                     CcDate        to,
                                     gsize        *length);
/* Same, written atomically to @file (never a half-written file). */
gboolean   cc_csv_export_file       (GPtrArray    *series,
                                     CcDate        from,
                                     CcDate        to,
                                     GFile        *file,
                                     GCancellable *cancellable,
                                     GError      **error);

G_END_DECLS
