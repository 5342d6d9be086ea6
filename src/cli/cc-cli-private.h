/* cc-cli-private.h: one entry point per command, and helpers the commands share. */
#pragma once

#include <gio/gio.h>
#include <glib.h>

#include <json-glib/json-glib.h>

#include "cc-chart.h"
#include "cc-dataset.h"
#include "cc-monitors.h"
#include "cc-portfolio.h"

G_BEGIN_DECLS

/* Exit statuses shared by every command. */
#define CC_CLI_EXIT_OK      0
#define CC_CLI_EXIT_FAILURE 1   /* the work failed: I/O, network, data */
#define CC_CLI_EXIT_USAGE   2   /* bad arguments */

int  cc_cli_export  (int argc, char **argv);
int  cc_cli_fetch   (int argc, char **argv);
int  cc_cli_analyze (int argc, char **argv);
int  cc_cli_compare (int argc, char **argv);
int  cc_cli_filings (int argc, char **argv);
int  cc_cli_facts   (int argc, char **argv);
int  cc_cli_monitors (int argc, char **argv);

/* Prints "chipcycle COMMAND: MESSAGE" as one line on stderr. */
void _cc_cli_error  (const char *command,
                     const char *format,
                     ...) G_GNUC_PRINTF (2, 3);

/* TRUE when every item of @items (tickers, basket:GROUP) has data in @dataset (a
 * "portfolio:NAME" is left to _cc_cli_resolve_portfolios()); otherwise prints
 * one line naming each unknown item given to @option, with the nearest known one where there
 * is one, and returns FALSE (exit with CC_CLI_EXIT_USAGE). */
gboolean _cc_cli_check_items (const char         *command,
                              const char         *option,
                              CcDataset          *dataset,
                              const char * const *items);

/* Portfolios (cc-cli-portfolio.c). The holdings in @path (--portfolio FILE: a CSV export, or
 * a saved portfolios file and its first portfolio), named after the file; what the import left
 * out is added to @problems (may be NULL) and printed. NULL after printing why. */
CcPortfolio *_cc_cli_load_portfolio       (const char  *command,
                                           const char  *path,
                                           CcDataset   *dataset,
                                           GPtrArray   *problems);
/* The saved portfolio (the window's, cc_portfolios_get_user_path()) an item "portfolio:NAME"
 * names, or NULL after printing why (no file, no such name: the saved names are listed). */
CcPortfolio *_cc_cli_find_saved_portfolio (const char  *command,
                                           const char  *option,
                                           const char  *item);
/* The portfolio's series ("portfolio:NAME", cc-exposure.h) up to @as_of (CC_DATE_INVALID: all),
 * or NULL after printing why; notes on positions are printed too. */
CcSeries    *_cc_cli_portfolio_series     (const char  *command,
                                           CcDataset   *dataset,
                                           CcPortfolio *portfolio,
                                           CcDate       as_of);
/* Finds the saved portfolio of each "portfolio:NAME" among @items and sets *@series to its
 * series (at most one portfolio; *@series may already hold one, from --portfolio). FALSE after
 * printing why (exit with CC_CLI_EXIT_USAGE). */
gboolean     _cc_cli_resolve_portfolios   (const char         *command,
                                           const char         *option,
                                           CcDataset          *dataset,
                                           const char * const *items,
                                           CcSeries          **series,
                                           CcDate              as_of);

/* The window's settings (io.github.chipcycle.ChipCycle), or NULL when the schema is not
 * installed. */
GSettings *_cc_cli_open_settings (void);
/* The contact to declare to SEC EDGAR: CHIPCYCLE_EDGAR_CONTACT when set and not blank, else
 * the one the window saved (edgar-contact), trimmed; NULL when there is neither. Not checked:
 * cc_edgar_client_has_contact() says whether it will do. */
char *_cc_cli_edgar_contact (void);

/* An EDGAR client with the window's cache, contact and base URLs (settings), overridden by
 * CHIPCYCLE_EDGAR_CONTACT and, where the settings are empty, CHIPCYCLE_EDGAR_DATA_URL and
 * CHIPCYCLE_EDGAR_WWW_URL. */
struct _CcEdgarClient *_cc_cli_new_edgar_client (void);

/* `analyze --filings SYMBOL`: the event study over the symbol's filings
 * (cc-cli-analyze-filings.c, in the network library: cc_cli_run_network() sets this pointer,
 * and `chipcycle` hands `analyze --filings` to `chipcycle-app`). */
extern int (*_cc_cli_analyze_filings) (CcDataset   *dataset,
                              const char  *symbol,
                              const char  *forms,
                              const char  *items,
                              const char  *kind,
                              int          last,
                              CcDate       as_of,
                              gboolean     json);
int  _cc_cli_analyze_filings_run (CcDataset   *dataset,
                                  const char  *symbol,
                                  const char  *forms,
                                  const char  *items,
                                  const char  *kind,
                                  int          last,
                                  CcDate       as_of,
                                  gboolean     json);

/* `export --filings`: the filings of @symbols (plain tickers) since @from from SEC EDGAR, as
 * the chart's records: symbol -> GPtrArray of CcChartFiling (a company the SEC does not know
 * gets an empty array). Without a contact it reads the cache whatever its age and asks
 * nothing. In the network library (cc-cli-export-filings.c): cc_cli_run_network() sets the
 * pointer, and `chipcycle` hands `export --filings` to `chipcycle-app`. */
extern GHashTable *(*_cc_cli_export_filings) (const char * const  *symbols,
                                              CcDate               from,
                                              GError             **error);
GHashTable *_cc_cli_export_filings_fetch (const char * const  *symbols,
                                          CcDate               from,
                                          GError             **error);
/* For the tests: called with the chart `export` has just written (NULL: none). */
extern void (*_cc_cli_export_written) (CcChart *chart);

/* The monitors fed by SEC EDGAR for `analyze` (cc-cli-monitors.c, in the network library:
 * cc_cli_run_network() sets this pointer): fetched as `chipcycle monitors` does when a contact is
 * set, otherwise read from the cache alone, never asked for; NULL when there are none (and
 * why is printed on standard error, after @command). */
extern CcReportedMonitors *(*_cc_cli_load_monitors) (const char *command);
CcReportedMonitors *_cc_cli_load_monitors_run (const char *command);

/* Where the EDGAR client keeps its replies: g_get_user_cache_dir()/chipcycle/edgar. */
const char *_cc_cli_edgar_cache_dir (void);

/* "2.02, 1.01" -> { "2.02", "1.01", NULL }: the comma-separated words of @text, trimmed, empty
 * ones dropped; NULL for NULL. */
char **_cc_cli_split_list (const char *text);

/* Writes @root to standard output as indented JSON with a final newline. */
void _cc_cli_print_json (JsonNode *root);

G_END_DECLS
