/* cc-cli-compare.c: `chipcycle compare`: one item's paths around several events lined up at day
 * 0 (or, with --cycles, the ^SOX declines aligned at their peaks), as a table, JSON, CSV or a
 * PNG, PDF or SVG figure, with no display. */
#define G_LOG_DOMAIN "cc-cli-compare"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cc-analogue.h"
#include "cc-analysis.h"
#include "cc-bundled-dataset.h"
#include "cc-catalogue.h"
#include "cc-chart.h"
#include "cc-cli-private.h"
#include "cc-compare-chart.h"
#include "cc-save-stream.h"
#include "cc-json-builder.h"

#define COMMAND "compare"

/* An event is a date or the id of one of the dataset's events ("meta-compute"). */
static gboolean
parse_event (CcDataset  *dataset,
             const char *text,
             CcDate     *date)
{
  CcEvent *event;

  if (cc_date_parse_iso (text, date))
    {
      if (cc_date_get_year (*date) < CC_CALENDAR_FIRST_YEAR ||
          cc_date_get_year (*date) > CC_CALENDAR_LAST_YEAR)
        {
          _cc_cli_error (COMMAND, _("--event: %s is outside the trading calendar (%d–%d)"),
                         text, CC_CALENDAR_FIRST_YEAR, CC_CALENDAR_LAST_YEAR);
          return FALSE;
        }
      return TRUE;
    }
  event = cc_dataset_find_event (dataset, text);
  if (event == NULL)
    {
      _cc_cli_error (COMMAND, _("--event: “%s” is neither a date (YYYY-MM-DD) nor the id of an "
                                "event"), text);
      return FALSE;
    }
  *date = cc_event_get_date (event);
  return TRUE;
}

/* "Data: …" from the series' own sources (a basket's members' sources, each once). */
static char *
describe_source (CcDataset   *dataset,
                 const char  *item,
                 CcPortfolio *portfolio)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree const char **tickers = NULL;
  const char *one[] = { item, NULL };
  const char * const *symbols = one;

  if (portfolio != NULL)
    {
      /* A portfolio's sources are its positions'. */
      tickers = g_new0 (const char *, cc_portfolio_get_n_holdings (portfolio) + 1);
      for (guint i = 0; i < cc_portfolio_get_n_holdings (portfolio); i++)
        tickers[i] = cc_portfolio_get_holding (portfolio, i)->ticker;
      symbols = tickers;
    }
  else if (g_str_has_prefix (item, "basket:"))
    {
      tickers = cc_catalogue_get_group_tickers (cc_dataset_get_catalogue (dataset),
                                                item + strlen ("basket:"));
      symbols = tickers;
    }
  for (guint i = 0; symbols && symbols[i]; i++)
    {
      CcSeries *series = cc_dataset_get_series (dataset, symbols[i]);
      const char *source = series ? cc_series_get_source (series) : NULL;

      if (source && !g_ptr_array_find_with_equal_func (sources, source, g_str_equal, NULL))
        g_ptr_array_add (sources, (gpointer) source);
    }
  for (guint i = 0; i < sources->len; i++)
    g_string_append_printf (text, "%s%s", i ? "; " : "", (char *) sources->pdata[i]);
  if (text->len == 0)
    return NULL;
  /* TRANSLATORS: the footer of a compare figure: where the data comes from */
  return g_strdup_printf (_("Data: %s"), text->str);
}

static char *
cycles_to_text (GPtrArray *cycles)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s\n", _("^SOX declines aligned at their peaks"));
  for (guint i = 0; i < cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (cycles, i);
      char peak[11], trough[11];
      g_autofree char *depth = cc_format_depth (c->depth);

      cc_date_format_iso (c->peak_date, peak);
      cc_date_format_iso (c->trough_date, trough);
      /* TRANSLATORS: one decline: name, peak date and close, trough date and close, depth,
       * sessions from peak to trough, and how the path was measured */
      g_string_append_printf (out, _("%-26s peak %s %.2f  trough %s %.2f  −%s after %d "
                                     "sessions  (%s)\n"),
                              c->label, peak, c->peak_close, trough, c->trough_close, depth,
                              c->days_to_trough,
                              c->monthly ? _("month-end closes") : _("daily closes"));
    }
  return g_string_free (out, FALSE);
}

static JsonNode *
cycles_to_json (GPtrArray *cycles)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  char buf[11];

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "cycles");
  json_builder_begin_array (b);
  for (guint i = 0; i < cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (cycles, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, c->id);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, c->label);
      json_builder_set_member_name (b, "resolution");
      json_builder_add_string_value (b, c->monthly ? "month-end" : "daily");
      cc_date_format_iso (c->peak_date, buf);
      json_builder_set_member_name (b, "peak_date");
      json_builder_add_string_value (b, buf);
      json_builder_set_member_name (b, "peak_close");
      json_builder_add_double_value (b, c->peak_close);
      cc_date_format_iso (c->trough_date, buf);
      json_builder_set_member_name (b, "trough_date");
      json_builder_add_string_value (b, buf);
      json_builder_set_member_name (b, "trough_close");
      json_builder_add_double_value (b, c->trough_close);
      json_builder_set_member_name (b, "depth");
      json_builder_add_double_value (b, c->depth);
      json_builder_set_member_name (b, "days_to_trough");
      json_builder_add_int_value (b, c->days_to_trough);
      json_builder_set_member_name (b, "path");
      json_builder_begin_array (b);
      for (guint k = 0; k < c->path->len; k++)
        {
          const CcCyclePoint *p = &g_array_index (c->path, CcCyclePoint, k);

          json_builder_begin_array (b);
          json_builder_add_int_value (b, p->x);
          json_builder_add_double_value (b, round (p->drawdown * 1e6) / 1e6);
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

int
cc_cli_compare (int    argc,
                char **argv)
{
  g_autofree char *item = NULL;
  g_autofree char *window_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *theme_text = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *portfolio_path = NULL;
  g_auto(GStrv) events = NULL;
  gboolean json = FALSE, cycles_mode = FALSE;
  double width = 1200, height = 700, scale = 1;
  const GOptionEntry entries[] = {
    { "item", 'i', 0, G_OPTION_ARG_STRING, &item,
      N_("The ticker, basket (basket:memory) or saved portfolio (portfolio:NAME) to compare "
         "(default: ^SOX)"), N_("ITEM") },
    { "portfolio", 'p', 0, G_OPTION_ARG_FILENAME, &portfolio_path,
      N_("Compare these holdings instead (CSV, or a saved portfolios file)"), N_("FILE") },
    { "event", 'e', 0, G_OPTION_ARG_STRING_ARRAY, &events,
      N_("An event day or event id; repeat for each event"), N_("DATE") },
    { "window", 'w', 0, G_OPTION_ARG_STRING, &window_text,
      N_("Trading days around the event (default -20,+60; up to +250)"), N_("FIRST,LAST") },
    { "as-of", 'a', 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Use data up to this day (default: all)"), N_("DATE") },
    { "cycles", 'c', 0, G_OPTION_ARG_NONE, &cycles_mode,
      N_("The ^SOX declines of 2000, 2008 and 2022 and the current one, aligned at their "
         "peaks, instead"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write a PNG, PDF or SVG figure, or the paths as CSV"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_DOUBLE, &width, N_("Figure width (default 1200)"),
      N_("WIDTH") },
    { "height", 0, 0, G_OPTION_ARG_DOUBLE, &height, N_("Figure height (default 700)"),
      N_("HEIGHT") },
    { "scale", 's', 0, G_OPTION_ARG_DOUBLE, &scale, N_("PNG pixels per unit (default 1)"),
      N_("SCALE") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme_text, N_("light or dark"), N_("THEME") },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = NULL;
  g_autoptr(CcAnalogueSet) set = NULL;
  g_autoptr(GPtrArray) cycles = NULL;
  g_autoptr(CcPortfolio) portfolio = NULL;
  g_autoptr(CcSeries) portfolio_series = NULL;
  g_autoptr(GArray) dates = g_array_new (FALSE, FALSE, sizeof (CcDate));
  g_autofree char *source = NULL;
  CcAnalogueWindow window = { CC_ANALOGUE_DEFAULT_FIRST, CC_ANALOGUE_DEFAULT_LAST };
  CcCompareChartOptions options;
  CcExportFormat format = CC_EXPORT_PNG;
  gboolean csv = FALSE;
  CcDate as_of = CC_DATE_INVALID;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Line up one item around several events at day 0, "
                                           "or the ^SOX declines at their peaks."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      _cc_cli_error (COMMAND, "%s", error->message);
      return CC_CLI_EXIT_USAGE;
    }
  if (argc > 1)
    {
      _cc_cli_error (COMMAND, _("unexpected argument “%s”"), argv[1]);
      return CC_CLI_EXIT_USAGE;
    }
  if (window_text && !cc_analogue_window_parse (window_text, &window, &error))
    {
      _cc_cli_error (COMMAND, "--window: %s", error->message);
      return CC_CLI_EXIT_USAGE;
    }
  if (as_of_text && (!cc_date_parse_iso (as_of_text, &as_of) ||
                     cc_date_get_year (as_of) < CC_CALENDAR_FIRST_YEAR ||
                     cc_date_get_year (as_of) > CC_CALENDAR_LAST_YEAR))
    {
      _cc_cli_error (COMMAND, _("--as-of: “%s” is not a date (use YYYY-MM-DD)"), as_of_text);
      return CC_CLI_EXIT_USAGE;
    }
  if (output)
    {
      g_autofree char *lower = g_ascii_strdown (output, -1);

      csv = g_str_has_suffix (lower, ".csv");
      if (!csv && !cc_export_format_from_path (output, &format))
        {
          _cc_cli_error (COMMAND, _("--output: “%s” does not end in .png, .pdf, .svg or .csv"),
                         output);
          return CC_CLI_EXIT_USAGE;
        }
      if (csv && cycles_mode)
        {
          _cc_cli_error (COMMAND, _("--output: --cycles writes figures only (use --json for "
                                    "its numbers)"));
          return CC_CLI_EXIT_USAGE;
        }
    }
  if (!(width >= 16 && width <= 16384) || !(height >= 16 && height <= 16384))
    {
      _cc_cli_error (COMMAND, _("--width and --height must be between 16 and 16384"));
      return CC_CLI_EXIT_USAGE;
    }
  if (!(scale > 0 && scale <= 8))
    {
      _cc_cli_error (COMMAND, _("--scale must be greater than 0 and at most 8"));
      return CC_CLI_EXIT_USAGE;
    }
  cc_compare_chart_options_init (&options);
  if (theme_text)
    {
      if (g_str_equal (theme_text, "dark"))
        options.theme = CC_CHART_THEME_DARK;
      else if (!g_str_equal (theme_text, "light"))
        {
          _cc_cli_error (COMMAND, _("--theme: “%s” is not light or dark"), theme_text);
          return CC_CLI_EXIT_USAGE;
        }
    }
  if (cycles_mode && (events != NULL || item != NULL || window_text != NULL))
    {
      _cc_cli_error (COMMAND, _("--cycles takes no --item, --event or --window"));
      return CC_CLI_EXIT_USAGE;
    }
  if (portfolio_path != NULL && (item != NULL || cycles_mode))
    {
      _cc_cli_error (COMMAND, _("--portfolio is the item: leave out --item and --cycles"));
      return CC_CLI_EXIT_USAGE;
    }
  if (!cycles_mode && (events == NULL || events[0] == NULL))
    {
      _cc_cli_error (COMMAND, _("give at least one --event DATE"));
      return CC_CLI_EXIT_USAGE;
    }

  dataset = cc_bundled_dataset_new (&error);
  if (dataset == NULL)
    {
      _cc_cli_error (COMMAND, _("cannot load the offline dataset: %s"), error->message);
      return CC_CLI_EXIT_FAILURE;
    }

  if (cycles_mode)
    {
      CcSeries *sox = cc_dataset_get_series (dataset, CC_SYMBOL_SOX);

      cycles = cc_analogue_cycles (sox, cc_dataset_get_sox_monthly (dataset), as_of, 250);
      for (guint i = 0; i < cycles->len; i++)
        {
          const CcCycle *c = g_ptr_array_index (cycles, i);

          if (c->is_current && c->path->len > 0)
            {
              CcDate end = g_array_index (c->path, CcCyclePoint, c->path->len - 1).date;

              options.current_reconstructed =
                cc_series_has_provenance (sox, CC_PROVENANCE_RECONSTRUCTED, c->peak_date, end) ||
                cc_series_has_provenance (sox, CC_PROVENANCE_ANCHORED, c->peak_date, end);
            }
        }
      {
        g_autofree char *daily = describe_source (dataset, CC_SYMBOL_SOX, NULL);

        /* TRANSLATORS: the cycle figure's footer: the daily source, then the month-end one */
        source = g_strdup_printf (_("%s; earlier declines: bundled month-end ^SOX closes "
                                    "(observed)"), daily ? daily : "");
      }
    }
  else
    {
      const char *items[] = { item ? item : CC_SYMBOL_SOX, NULL };

      /* A portfolio: holdings from a file, or one of the saved ones by name. */
      if (portfolio_path != NULL)
        {
          portfolio = _cc_cli_load_portfolio (COMMAND, portfolio_path, dataset, NULL);
          if (portfolio == NULL ||
              (portfolio_series = _cc_cli_portfolio_series (COMMAND, dataset, portfolio,
                                                            CC_DATE_INVALID)) == NULL)
            return CC_CLI_EXIT_FAILURE;
          items[0] = cc_series_get_symbol (portfolio_series);
        }
      else if (g_str_has_prefix (items[0], CC_CHART_PORTFOLIO_PREFIX))
        {
          portfolio = _cc_cli_find_saved_portfolio (COMMAND, "--item", items[0]);
          if (portfolio == NULL)
            return CC_CLI_EXIT_USAGE;
          portfolio_series = _cc_cli_portfolio_series (COMMAND, dataset, portfolio,
                                                       CC_DATE_INVALID);
          if (portfolio_series == NULL)
            return CC_CLI_EXIT_FAILURE;
        }
      if (!_cc_cli_check_items (COMMAND, "--item", dataset, items))
        return CC_CLI_EXIT_USAGE;
      for (guint i = 0; events[i]; i++)
        {
          CcDate date;

          if (!parse_event (dataset, events[i], &date))
            return CC_CLI_EXIT_USAGE;
          g_array_append_val (dates, date);
        }
      set = cc_analogue_set_new_full (dataset, items[0], portfolio_series,
                                      (CcDate *) dates->data, dates->len, &window, as_of,
                                      &error);
      if (set == NULL)
        {
          _cc_cli_error (COMMAND, "%s", error->message);
          return g_error_matches (error, CC_ANALOGUE_ERROR, CC_ANALOGUE_ERROR_EVENT) ||
                 g_error_matches (error, CC_ANALOGUE_ERROR, CC_ANALOGUE_ERROR_ITEM)
                 ? CC_CLI_EXIT_USAGE : CC_CLI_EXIT_FAILURE;
        }
      source = describe_source (dataset, items[0], portfolio);
    }
  options.source = source;

  if (output && csv)
    {
      g_autofree char *text = cc_analogue_set_to_csv (set);
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

      if (!cc_save_contents (file, text, strlen (text), CC_SAVE_MODE_DEFAULT, NULL, &error))
        {
          _cc_cli_error (COMMAND, "%s", error->message);
          return CC_CLI_EXIT_FAILURE;
        }
    }
  else if (output)
    {
      if (set && set->paths->len > 0)
        options.selected = 0;
      if (!cc_compare_chart_export (set, cycles, &options, output, format, width, height, scale,
                                    &error))
        {
          _cc_cli_error (COMMAND, "%s", error->message);
          return CC_CLI_EXIT_FAILURE;
        }
    }

  if (json)
    {
      g_autoptr(JsonNode) root = set ? cc_analogue_set_to_json (set) : cycles_to_json (cycles);

      _cc_cli_print_json (root);
    }
  else if (output == NULL)
    {
      g_autofree char *text = set ? cc_analogue_set_to_text (set) : cycles_to_text (cycles);

      fputs (text, stdout);
    }
  return fflush (stdout) == 0 ? CC_CLI_EXIT_OK : CC_CLI_EXIT_FAILURE;
}
