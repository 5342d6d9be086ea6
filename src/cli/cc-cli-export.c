/* cc-cli-export.c: `chipcycle export --output FILE …`: draws a chart to PNG, PDF or SVG with no
 * display at all. The figure is the window's, drawn by cc_chart_draw(). With --data it charts
 * any CSV the window imports, read by the same function (cc_csv_import_file()); with an
 * --output ending in .csv it writes the view's data instead of a figure (cc-chart-csv.h). */
#define G_LOG_DOMAIN "cc-cli-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cc-bundled-dataset.h"
#include "cc-chart.h"
#include "cc-chart-csv.h"
#include "cc-cli-private.h"
#include "cc-csv.h"
#include "cc-data-error.h"
#include "cc-derived.h"
#include "cc-dataset.h"
#include "cc-provider.h"
#include "cc-report.h"

#define COMMAND "export"

GHashTable *(*_cc_cli_export_filings) (const char * const  *symbols,
                                       CcDate               from,
                                       GError             **error);
void (*_cc_cli_export_written) (CcChart *chart);

typedef struct {
  char     *output;
  double    width;
  double    height;
  double    scale;
  char     *data;
  char     *mode;
  char     *rebase;
  gboolean  log_scale;
  char     *event;
  char     *from;
  char     *to;
  char     *theme;
  char     *title;
  char     *page;
  char    **symbols;
  char     *portfolio;
  char     *overlay;
  gboolean  trading_days;
  gboolean  analysis;
  gboolean  no_edgar;
  gboolean  filings;
  char     *filing_kinds;
  char    **rest;
} ExportOptions;

static void
export_options_clear (ExportOptions *o)
{
  g_free (o->output);
  g_free (o->data);
  g_free (o->mode);
  g_free (o->rebase);
  g_free (o->event);
  g_free (o->from);
  g_free (o->to);
  g_free (o->theme);
  g_free (o->title);
  g_free (o->page);
  g_free (o->overlay);
  g_free (o->filing_kinds);
  g_strfreev (o->symbols);
  g_free (o->portfolio);
  g_strfreev (o->rest);
}

/* ---------------------------------------------------------------------------------------- */
/* --data: any CSV the window imports (wide, long, Yahoo, Stooq, …), read the same way. */

static CcDataset *
load_csv_dataset (const char  *path,
                  GPtrArray   *items,
                  GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(CcDataset) dataset = NULL;

  series = cc_csv_import_file (file, NULL, NULL, error);
  if (series == NULL)
    return NULL;

  dataset = cc_dataset_new ();
  for (guint i = 0; i < series->len; i++)
    {
      CcSeries *s = g_ptr_array_index (series, i);

      cc_dataset_set_series (dataset, s);
      g_ptr_array_add (items, g_strdup (cc_series_get_symbol (s)));
    }
  return g_steal_pointer (&dataset);
}

/* ---------------------------------------------------------------------------------------- */
/* --filings[=KINDS]: the window's filing markers. */

static ExportOptions *parsing;

static gboolean
filings_option_cb (const char  *option_name,
                   const char  *value,
                   gpointer     data,
                   GError     **error)
{
  parsing->filings = TRUE;
  g_free (parsing->filing_kinds);
  parsing->filing_kinds = g_strdup (value);
  return TRUE;
}

/* The mask of kinds in @text ("results,agreements", "all"); 0 when a word is no kind. NULL:
 * the kinds the window marks by default (results, agreements, listings). */
static guint
parse_filing_kinds (const char *text)
{
  g_auto(GStrv) words = NULL;
  guint mask = 0;

  if (text == NULL)
    return (1u << CC_FILING_RESULTS) | (1u << CC_FILING_AGREEMENT) | (1u << CC_FILING_LISTING);
  words = _cc_cli_split_list (text);
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      CcFilingKind kind;

      if (g_ascii_strcasecmp (words[i], "all") == 0)
        mask |= CC_FILING_KINDS_ALL;
      else if (cc_filing_kind_from_name (words[i], &kind))
        mask |= 1u << kind;
      else
        return 0;
    }
  return mask;
}

/* "--filings results" as "--filings=results": GOption takes an optional value only after "=",
 * and a list of kinds cannot be taken for anything else. */
static char **
join_filings_value (int    argc,
                    char **argv)
{
  GPtrArray *out = g_ptr_array_new ();

  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--filings") && i + 1 < argc && argv[i + 1][0] != '-' &&
          parse_filing_kinds (argv[i + 1]) != 0)
        {
          g_ptr_array_add (out, g_strconcat ("--filings=", argv[i + 1], NULL));
          i++;
        }
      else
        g_ptr_array_add (out, g_strdup (argv[i]));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* The plain tickers among the chart's items (a company may file with the SEC; an index, a
 * basket, a pair or a foreign listing may not). */
static GStrv
fetchable_items (CcChart *chart)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (const char * const *item = cc_chart_get_items (chart); item && *item; item++)
    {
      gboolean plain = g_ascii_isalpha ((*item)[0]);

      for (const char *p = *item; *p && plain; p++)
        plain = g_ascii_isalnum (*p) || *p == '-';
      if (plain)
        g_strv_builder_add (builder, *item);
    }
  return g_strv_builder_end (builder);
}

/* Hands the chart the filings of its companies since the first day of their lines (or @from)
 * and turns on the kinds of @mask. */
static int
add_filings (CcChart  *chart,
             CcDate    from,
             guint     mask)
{
  g_auto(GStrv) symbols = fetchable_items (chart);
  g_autoptr(GHashTable) filings = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (_cc_cli_export_filings == NULL)
    {
      _cc_cli_error (COMMAND, _("this program cannot read filings; run it through "
                                "“chipcycle”"));
      return CC_CLI_EXIT_FAILURE;
    }
  if (from == CC_DATE_INVALID)
    for (guint i = 0; symbols[i] != NULL; i++)
      {
        CcSeries *series = cc_dataset_get_series (cc_chart_get_dataset (chart), symbols[i]);
        const CcPoint *first = series != NULL ? cc_series_get_first (series) : NULL;

        if (first != NULL && (from == CC_DATE_INVALID || first->date < from))
          from = first->date;
      }
  filings = _cc_cli_export_filings ((const char * const *) symbols, from, &error);
  if (filings == NULL)
    {
      _cc_cli_error (COMMAND, "--filings: %s", error->message);
      return error->domain == CC_DATA_ERROR && error->code == CC_DATA_ERROR_NEEDS_CONTACT
               ? CC_CLI_EXIT_USAGE : CC_CLI_EXIT_FAILURE;
    }
  g_hash_table_iter_init (&iter, filings);
  while (g_hash_table_iter_next (&iter, &key, &value))
    cc_chart_set_filings (chart, key, value);
  cc_chart_set_filing_kinds (chart, mask);
  return CC_CLI_EXIT_OK;
}

/* ---------------------------------------------------------------------------------------- */

static gboolean
parse_date (const char *option,
            const char *text,
            CcDate     *date)
{
  *date = CC_DATE_INVALID;
  if (text == NULL)
    return TRUE;
  if (!cc_date_parse (text, TRUE, date))
    {
      _cc_cli_error (COMMAND, _("%s: “%s” is not a date (use YYYY-MM-DD)"), option, text);
      return FALSE;
    }
  return TRUE;
}

int
cc_cli_export (int    argc,
               char **argv)
{
  ExportOptions o = { 0 };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      N_("File to write; .png, .pdf or .svg decides the format, .csv writes the data"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_DOUBLE, &o.width,
      N_("Width in pixels (PNG) or points (PDF, SVG); default 1600"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_DOUBLE, &o.height,
      N_("Height in pixels (PNG) or points (PDF, SVG); default 900"), N_("H") },
    { "scale", 's', 0, G_OPTION_ARG_DOUBLE, &o.scale,
      N_("Pixels per unit for PNG, e.g. 2 for a HiDPI image; default 1"), N_("S") },
    { "page", 0, 0, G_OPTION_ARG_STRING, &o.page,
      N_("PDF page size, landscape: a4 or letter"), N_("PAGE") },
    { "data", 'd', 0, G_OPTION_ARG_FILENAME, &o.data,
      N_("Chart this CSV (date,SYM1,SYM2,… or date,symbol,close) instead of the bundled data"),
      N_("FILE.csv") },
    { "symbols", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.symbols,
      N_("Symbols or baskets to draw (basket:memory); repeat or separate with commas"),
      N_("LIST") },
    { "portfolio", 'p', 0, G_OPTION_ARG_FILENAME, &o.portfolio,
      N_("Draw these holdings as the portfolio’s line too (CSV, or a saved portfolios file); "
         "--symbols portfolio:NAME draws a saved one"), N_("FILE") },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &o.mode,
      N_("percent (change since the base date), indexed (100 at the base) or price"),
      N_("MODE") },
    { "rebase", 0, 0, G_OPTION_ARG_STRING, &o.rebase,
      N_("event (the close before the event; the default) or visible (each series’ first bar "
         "shown)"), N_("BASE") },
    { "log", 'l', 0, G_OPTION_ARG_NONE, &o.log_scale, N_("Logarithmic value axis"), NULL },
    { "event", 'e', 0, G_OPTION_ARG_STRING, &o.event,
      N_("Rebase to the close before this event date"), N_("DATE") },
    { "trading-days", 't', 0, G_OPTION_ARG_NONE, &o.trading_days,
      N_("Time axis in trading days around the event (t−20 … t+60)"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from, N_("First date shown"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o.to, N_("Last date shown"), N_("DATE") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &o.theme, N_("light or dark"), N_("THEME") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &o.title, N_("Title above the chart"), N_("TEXT") },
    { "overlay", 0, 0, G_OPTION_ARG_STRING, &o.overlay,
      N_("cycles: today’s ^SOX decline over the 2000, 2008 and 2022 ones, aligned at their "
         "peaks; none (the default): the items"), N_("OVERLAY") },
    { "analysis", 0, 0, G_OPTION_ARG_NONE, &o.analysis,
      N_("PDF only: a report on portrait pages, the chart followed by the phase and scenario "
         "analysis"), NULL },
    { "no-edgar", 0, 0, G_OPTION_ARG_NONE, &o.no_edgar,
      N_("With --analysis: leave out the monitors fed by SEC EDGAR (used otherwise, as by "
         "analyze, when a contact is set or from the cache)"), NULL },
    { "filings", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, filings_option_cb,
      N_("Mark the companies’ filings from SEC EDGAR on their lines, with a key, as the window "
         "does: results, agreements, listings, other or all, comma-separated (default: "
         "results, agreements and listings). Needs CHIPCYCLE_EDGAR_CONTACT, or filings already "
         "cached"), N_("KINDS") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = NULL;
  g_autoptr(CcChart) chart = NULL;
  CcChartFonts *fonts = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CcEvent) event = NULL;
  g_autoptr(CcSeries) portfolio = NULL;
  g_autoptr(CcPortfolio) holdings = NULL;
  CcExportFormat format;
  CcChartMode mode = CC_CHART_MODE_PERCENT;
  CcChartRebase rebase = CC_CHART_REBASE_EVENT;
  CcChartTheme theme = CC_CHART_THEME_LIGHT;
  CcChartOverlay overlay = CC_CHART_OVERLAY_NONE;
  CcDate from, to, event_date;
  int status = CC_CLI_EXIT_USAGE;
  gboolean write_csv = FALSE;
  g_auto(GStrv) args = join_filings_value (argc, argv);
  guint filing_mask = 0;

  parsing = &o;
  o.scale = 1.0;
  o.width = NAN;
  o.height = NAN;
  context = g_option_context_new (_("— draw a chart to a PNG, PDF or SVG file"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    /* xgettext:no-c-format */
    _("Draws the chart the window shows (or one of the CSV given with --data) with no display. "
      "Values are rebased to the close before the event: 0% in percent mode, 100 when "
      "indexed."));

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      _cc_cli_error (COMMAND, "%s", error->message);
      goto out;
    }
  if (o.rest && o.rest[0])
    {
      _cc_cli_error (COMMAND, _("unexpected argument “%s”"), o.rest[0]);
      goto out;
    }
  if (o.output == NULL)
    {
      _cc_cli_error (COMMAND, _("--output FILE is required"));
      goto out;
    }
  write_csv = g_str_has_suffix (o.output, ".csv") || g_str_has_suffix (o.output, ".CSV");
  if (o.filings)
    {
      filing_mask = parse_filing_kinds (o.filing_kinds);
      if (filing_mask == 0)
        {
          _cc_cli_error (COMMAND, _("--filings: “%s” is not a list of kinds of filing; give "
                                    "results, agreements, listings, other or all"),
                         o.filing_kinds);
          goto out;
        }
      if (write_csv)
        {
          _cc_cli_error (COMMAND, _("--filings marks a figure: it does not go with a .csv "
                                    "output"));
          goto out;
        }
    }
  if (write_csv)
    format = CC_EXPORT_PNG;   /* only for the checks below; no figure is drawn */
  else if (!cc_export_format_from_path (o.output, &format))
    {
      _cc_cli_error (COMMAND, _("--output: “%s” must end in .png, .pdf, .svg or .csv"),
                     o.output);
      goto out;
    }

  if (o.overlay && !cc_chart_overlay_from_string (o.overlay, &overlay))
    {
      _cc_cli_error (COMMAND, _("--overlay: “%s” is not cycles or none"), o.overlay);
      goto out;
    }
  if (o.analysis && (write_csv || format != CC_EXPORT_PDF))
    {
      _cc_cli_error (COMMAND, _("--analysis applies to PDF output only"));
      goto out;
    }
  if (o.no_edgar && !o.analysis)
    {
      _cc_cli_error (COMMAND, _("--no-edgar goes with --analysis"));
      goto out;
    }
  if (o.page)
    {
      if (format != CC_EXPORT_PDF)
        {
          _cc_cli_error (COMMAND, _("--page applies to PDF output only"));
          goto out;
        }
      if (!isnan (o.width) || !isnan (o.height))
        {
          _cc_cli_error (COMMAND, _("--page and --width/--height exclude each other"));
          goto out;
        }
      if (g_ascii_strcasecmp (o.page, "a4") == 0)
        {
          o.width = CC_PAGE_A4_WIDTH;
          o.height = CC_PAGE_A4_HEIGHT;
        }
      else if (g_ascii_strcasecmp (o.page, "letter") == 0)
        {
          o.width = CC_PAGE_LETTER_WIDTH;
          o.height = CC_PAGE_LETTER_HEIGHT;
        }
      else
        {
          _cc_cli_error (COMMAND, _("--page: “%s” is not a4 or letter"), o.page);
          goto out;
        }
    }
  /* PDF defaults to an A4 landscape page, images to 1600 × 900. */
  if (isnan (o.width) && isnan (o.height) && format == CC_EXPORT_PDF)
    {
      o.width = CC_PAGE_A4_WIDTH;
      o.height = CC_PAGE_A4_HEIGHT;
    }
  if (isnan (o.width))
    o.width = 1600;
  if (isnan (o.height))
    o.height = 900;
  if (!(o.width >= 16 && o.width <= 16384))
    {
      _cc_cli_error (COMMAND, _("--width: %g is out of range (16 to 16384)"), o.width);
      goto out;
    }
  if (!(o.height >= 16 && o.height <= 16384))
    {
      _cc_cli_error (COMMAND, _("--height: %g is out of range (16 to 16384)"), o.height);
      goto out;
    }
  if (!(o.scale > 0 && o.scale <= 8))
    {
      _cc_cli_error (COMMAND, _("--scale: %g is out of range (above 0, at most 8)"), o.scale);
      goto out;
    }
  if (format == CC_EXPORT_PNG && (o.width * o.scale > 16384 || o.height * o.scale > 16384))
    {
      _cc_cli_error (COMMAND, _("--scale: the image would exceed 16384 pixels on a side"));
      goto out;
    }

  if (o.mode)
    {
      if (g_str_equal (o.mode, "percent"))
        mode = CC_CHART_MODE_PERCENT;
      else if (g_str_equal (o.mode, "indexed"))
        mode = CC_CHART_MODE_INDEXED;
      else if (g_str_equal (o.mode, "price"))
        mode = CC_CHART_MODE_PRICE;
      else
        {
          _cc_cli_error (COMMAND, _("--mode: “%s” is not percent, indexed or price"), o.mode);
          goto out;
        }
    }
  if (o.rebase)
    {
      if (g_str_equal (o.rebase, "event"))
        rebase = CC_CHART_REBASE_EVENT;
      else if (g_str_equal (o.rebase, "visible"))
        rebase = CC_CHART_REBASE_VISIBLE;
      else
        {
          _cc_cli_error (COMMAND, _("--rebase: “%s” is not event or visible"), o.rebase);
          goto out;
        }
      if (mode == CC_CHART_MODE_PRICE)
        {
          _cc_cli_error (COMMAND, _("--rebase applies to the percent and indexed modes, not "
                                    "to prices"));
          goto out;
        }
    }
  if (o.theme)
    {
      if (g_str_equal (o.theme, "light"))
        theme = CC_CHART_THEME_LIGHT;
      else if (g_str_equal (o.theme, "dark"))
        theme = CC_CHART_THEME_DARK;
      else
        {
          _cc_cli_error (COMMAND, _("--theme: “%s” is not light or dark"), o.theme);
          goto out;
        }
    }
  if (!parse_date ("--from", o.from, &from) || !parse_date ("--to", o.to, &to) ||
      !parse_date ("--event", o.event, &event_date))
    goto out;
  if (from != CC_DATE_INVALID && to != CC_DATE_INVALID && from > to)
    {
      _cc_cli_error (COMMAND, _("--from %s is after --to %s"), o.from, o.to);
      goto out;
    }
  if (o.trading_days && o.event == NULL && o.data)
    {
      _cc_cli_error (COMMAND, _("--trading-days needs --event DATE with --data"));
      goto out;
    }

  /* Arguments are fine: from here on failures are about data or files. */
  status = CC_CLI_EXIT_FAILURE;
  /* Fonts load in a thread of their own while the data is read and prepared. */
  if (!write_csv)
    fonts = cc_chart_fonts_load (o.width, o.height, format == CC_EXPORT_PNG ? o.scale : 1.0);
  if (o.data)
    dataset = load_csv_dataset (o.data, items, &error);
  else
    dataset = cc_bundled_dataset_new (&error);
  if (dataset == NULL)
    {
      if (fonts != NULL)
        cc_chart_fonts_finish (g_steal_pointer (&fonts));
      _cc_cli_error (COMMAND, "%s", error->message);
      goto out;
    }

  chart = cc_chart_new (dataset);
  if (fonts != NULL)
    cc_chart_use_fonts (chart, g_steal_pointer (&fonts));
  if (o.symbols)
    {
      g_ptr_array_set_size (items, 0);
      for (guint i = 0; o.symbols[i]; i++)
        {
          g_auto(GStrv) parts = g_strsplit (o.symbols[i], ",", -1);

          for (guint p = 0; parts[p]; p++)
            if (*g_strstrip (parts[p]))
              {
                /* A ratio or spread in its canonical form; a bad one is named below. */
                char *item = cc_derived_normalize (parts[p], NULL);

                g_ptr_array_add (items, item ? item : g_strdup (parts[p]));
              }
        }
      g_ptr_array_add (items, NULL);
      if (items->len == 1)
        {
          _cc_cli_error (COMMAND, _("--symbols: the list is empty"));
          status = CC_CLI_EXIT_USAGE;
          goto out;
        }
      if (!_cc_cli_check_items (COMMAND, "--symbols", dataset,
                                (const char * const *) items->pdata))
        {
          status = CC_CLI_EXIT_USAGE;
          goto out;
        }
      g_ptr_array_remove_index (items, items->len - 1);
    }
  /* The portfolio's line: holdings from a file, or a saved portfolio named among --symbols. */
  if (o.portfolio)
    {
      holdings = _cc_cli_load_portfolio (COMMAND, o.portfolio, dataset, NULL);
      if (holdings == NULL || (portfolio = _cc_cli_portfolio_series (COMMAND, dataset, holdings,
                                                                     CC_DATE_INVALID)) == NULL)
        goto out;
    }
  g_ptr_array_add (items, NULL);
  if (!_cc_cli_resolve_portfolios (COMMAND, "--symbols", dataset,
                                   (const char * const *) items->pdata, &portfolio,
                                   CC_DATE_INVALID))
    {
      status = CC_CLI_EXIT_USAGE;
      goto out;
    }
  g_ptr_array_remove_index (items, items->len - 1);
  if (portfolio != NULL)
    {
      const char *item = cc_series_get_symbol (portfolio);
      gboolean listed = FALSE;

      /* Without --symbols, the default lines and the portfolio's. */
      if (items->len == 0)
        for (const char * const *i = cc_chart_get_items (chart); i && *i; i++)
          g_ptr_array_add (items, g_strdup (*i));
      for (guint i = 0; i < items->len; i++)
        listed |= g_str_equal (g_ptr_array_index (items, i), item);
      if (!listed)
        g_ptr_array_add (items, g_strdup (item));
      cc_chart_set_portfolio (chart, portfolio);
      /* The report's portfolio page, as the window gives it for the open portfolio. */
      if (holdings == NULL)
        holdings = _cc_cli_find_saved_portfolio (COMMAND, "--symbols", item);
      if (holdings != NULL)
        cc_chart_set_portfolio_holdings (chart, holdings, NULL);
    }
  if (items->len > 0)
    {
      g_ptr_array_add (items, NULL);
      cc_chart_set_items (chart, (const char * const *) items->pdata);
    }
  cc_chart_set_mode (chart, mode);
  cc_chart_set_rebase (chart, rebase);
  cc_chart_set_log_scale (chart, o.log_scale);
  cc_chart_set_theme (chart, theme);
  cc_chart_set_overlay (chart, overlay);
  if (o.trading_days)
    cc_chart_set_time_axis (chart, CC_CHART_AXIS_TRADING_DAYS);
  if (o.title)
    cc_chart_set_title (chart, o.title);
  if (event_date != CC_DATE_INVALID)
    {
      CcEvent *known = cc_dataset_find_event_on (dataset, event_date);

      if (known)
        event = g_object_ref (known);
      else
        {
          /* TRANSLATORS: the label of a date given with --event that is no known event */
          event = cc_event_new (event_date, CC_EVENT_PRECISION_DAY, _("Selected date"));
          cc_event_set_category (event, CC_EVENT_CATEGORY_USER);
        }
      cc_chart_set_event (chart, event);
    }
  else if (o.data)
    cc_chart_set_event (chart, NULL);
  /* A date before the daily data (--from 2000-01-03, --event 2008-11-20) reaches into the
   * bundled month-end history, as the window's 5Y and All Data do. */
  if (o.data == NULL)
    {
      CcDate first, last;

      if (cc_chart_get_data_range (chart, &first, &last) &&
          ((from != CC_DATE_INVALID && from < first) ||
           (event_date != CC_DATE_INVALID && event_date <= first)))
        cc_chart_set_history (chart, TRUE);
    }
  cc_chart_set_range (chart, from, to);
  if (o.filings && (status = add_filings (chart, from, filing_mask)) != CC_CLI_EXIT_OK)
    goto out;
  status = CC_CLI_EXIT_FAILURE;

  if (write_csv)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (o.output);

      if (!cc_chart_export_view_csv (chart, file, NULL, &error))
        {
          _cc_cli_error (COMMAND, "%s", error->message);
          goto out;
        }
    }
  else if (o.analysis)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (o.output);
      g_autofree char *note = NULL;
      g_autoptr(CcReportedMonitors) reported = NULL;

      /* The monitors fed by SEC EDGAR, as `analyze` gets them, so the report's assessment is
       * analyze's; without any the report says it went without them. */
      if (!o.no_edgar && _cc_cli_load_monitors != NULL)
        reported = _cc_cli_load_monitors (COMMAND);
      cc_chart_set_reported_monitors (chart, reported);
      if (!cc_report_export_pdf (chart, file, o.width, o.height, NULL, &note, &error))
        {
          _cc_cli_error (COMMAND, "%s", error->message);
          goto out;
        }
      if (note != NULL)
        _cc_cli_error (COMMAND, _("the report holds the chart without the analysis: %s"), note);
    }
  else if (!cc_chart_export (chart, o.output, format, o.width, o.height, o.scale, &error))
    {
      _cc_cli_error (COMMAND, "%s", error->message);
      goto out;
    }
  status = CC_CLI_EXIT_OK;
  if (_cc_cli_export_written != NULL)
    _cc_cli_export_written (chart);

out:
  parsing = NULL;
  export_options_clear (&o);
  return status;
}
