/* cc-csv.h: price CSV import (Yahoo download, Stooq, generic Date,Close and our own export
 * layout) and export. */
#pragma once

#include <gio/gio.h>

#include "cc-series.h"

G_BEGIN_DECLS

/* Reads price rows. Columns are found by name: a date column (Date, DATETIME, timestamp) and a
 * close column (Close, else Price, else Adj Close); Symbol, Provenance and Flags columns (our
 * export) are honoured when present, otherwise every row belongs to @default_symbol.
 *
 * Tolerated: a UTF-8 BOM, CRLF, blank lines and # comments, rows in any order (descending is
 * common), YYYY-MM-DD or YYYYMMDD dates (a time after the date is ignored), quoted numbers
 * with thousands separators ("5,124.10").
 *
 * Skipped, with a note in @notes (translated lines naming the line): rows dated on a Saturday
 * or Sunday (no exchange we chart trades then), rows whose close is empty or "null" (Yahoo's
 * gaps), repeated dates (the first row is kept). Kept, with a note and the point flag
 * CC_POINT_FLAG_NON_TRADING_DAY: rows on NYSE holidays (some files interpolate closed days).
 *
 * Anything else wrong fails the whole import with a CC_DATA_ERROR_INVALID naming
 * @source_name, the line and what was wrong. Returns a GPtrArray of CcSeries (at least one),
 * with origin CC_ORIGIN_IMPORTED and source @source_name. */
GPtrArray *cc_csv_parse             (const char   *data,
                                     gsize         length,
                                     const char   *source_name,
                                     const char   *default_symbol,
                                     GPtrArray   **notes,
                                     GError      **error);
/* Reads @file (its name gives the symbol when it has no Symbol column; see
 * cc_csv_guess_symbol). For drag and drop. */
GPtrArray *cc_csv_import_file       (GFile        *file,
                                     GCancellable *cancellable,
                                     GPtrArray   **notes,
                                     GError      **error);
/* "NVDA_2018-01-02_….csv" -> "NVDA", "nvda.us_….csv" -> "NVDA", "^SOX.csv" -> "^SOX". */
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
