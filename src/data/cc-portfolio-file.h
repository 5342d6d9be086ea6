/* cc-portfolio-file.h: the user's portfolios on disk (a JSON file, see
 * data/dataset/PORTFOLIO-FORMAT.md) and holdings imported from a broker's CSV export. Saves are
 * atomic; a saved file that cannot be read is set aside, never overwritten. */
#pragma once

#include <gio/gio.h>

#include "cc-dataset.h"
#include "cc-portfolio.h"

G_BEGIN_DECLS

/* {"format": "chipcycle-portfolios", "version": 1, "portfolios": [...]}: a GPtrArray of
 * CcPortfolio, or NULL with a CC_DATA_ERROR_INVALID naming @source_name and the portfolio,
 * position and field (line and column for JSON syntax errors). Whatever this reads,
 * cc_portfolios_to_json_data() writes and this reads back equal. */
GPtrArray   *cc_portfolios_from_json_data (const char   *data,
                                           gssize        length,
                                           const char   *source_name,
                                           GError      **error);
char        *cc_portfolios_to_json_data   (GPtrArray    *portfolios,
                                           gsize        *length);
/* Writes whole or not at all (CcSaveStream). */
gboolean     cc_portfolios_save_file      (GPtrArray    *portfolios,
                                           GFile        *file,
                                           GCancellable *cancellable,
                                           GError      **error);
/* $XDG_DATA_HOME/chipcycle/portfolios.json */
char        *cc_portfolios_get_user_path  (void);
/* The portfolios saved in @file: an empty array when there is no file yet. When the file
 * cannot be read as portfolios, it is moved aside (NAME.corrupt, NAME.corrupt-2, …) so a later
 * save cannot overwrite it, an empty array is returned and @problem says what was wrong and
 * where the file went (translated). Never NULL. */
GPtrArray   *cc_portfolios_load_user      (GFile        *file,
                                           char        **problem);

/* Reads holdings from a CSV export: a header naming a symbol column ("Symbol", "Ticker") and
 * either a shares column ("Shares", "Quantity") or a weight column ("Weight", "Allocation"),
 * optionally "Cost" (per share) and "Date" (YYYY-MM-DD); or, without a header,
 * Symbol,Shares[,Cost][,Date]. Separators, quoting, decimal commas and a byte order mark are
 * the CSV reader's; "$" and "%" signs are ignored.
 *
 * A row that cannot be used (not a ticker, a ticker neither in @dataset's catalogue nor with
 * prices in it, shares or a weight that are not more than 0, a second row for the same ticker,
 * an unreadable cost or date) is left out, and one message naming @source_name and its line is
 * added to @problems (char *, translated); so is a known ticker with no prices in @dataset,
 * which is kept. @dataset may be NULL (no ticker is checked against it). Returns the portfolio
 * named @name, or NULL with an error when the file is not CSV text or no row could be used. */
CcPortfolio *cc_portfolio_import_csv      (const char   *data,
                                           gssize        length,
                                           const char   *source_name,
                                           const char   *name,
                                           CcDataset    *dataset,
                                           GPtrArray    *problems,
                                           GError      **error);

G_END_DECLS
