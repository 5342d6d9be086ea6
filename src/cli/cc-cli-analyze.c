/* cc-cli-analyze.c: `chipcycle analyze`: the event study, the indicators and the phase and
 * scenario assessment for an event, as text or JSON, with no display. */
#define G_LOG_DOMAIN "cc-cli-analyze"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "cc-analysis.h"
#include "cc-cli-private.h"
#include "cc-dataset.h"

#define COMMAND "analyze"

static gboolean
parse_date_option (const char *option,
                   const char *text,
                   CcDate     *date)
{
  if (text == NULL)
    return TRUE;
  if (!cc_date_parse_iso (text, date))
    {
      _cc_cli_error (COMMAND, _("%s: “%s” is not a date (use YYYY-MM-DD)"), option, text);
      return FALSE;
    }
  if (cc_date_get_year (*date) < CC_CALENDAR_FIRST_YEAR ||
      cc_date_get_year (*date) > CC_CALENDAR_LAST_YEAR)
    {
      _cc_cli_error (COMMAND, _("%s: %s is outside the trading calendar (%d–%d)"), option, text,
                     CC_CALENDAR_FIRST_YEAR, CC_CALENDAR_LAST_YEAR);
      return FALSE;
    }
  return TRUE;
}

int
cc_cli_analyze (int    argc,
                char **argv)
{
  g_autofree char *event_text = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *rules_path = NULL;
  g_auto(GStrv) items = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "event", 'e', 0, G_OPTION_ARG_STRING, &event_text,
      N_("The event day (default: the Meta Compute announcement, 2026-07-01)"), N_("DATE") },
    { "as-of", 'a', 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Use data up to this day (default: the last day with data)"), N_("DATE") },
    { "item", 'i', 0, G_OPTION_ARG_STRING_ARRAY, &items,
      N_("Study this ticker or basket (basket:memory); repeat for more (default: all)"),
      N_("ITEM") },
    { "rules", 'r', 0, G_OPTION_ARG_FILENAME, &rules_path,
      N_("Read the assessment rules from this file instead of the active ones"), N_("FILE") },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = NULL;
  g_autoptr(CcRules) rules = NULL;
  g_autoptr(CcAnalysis) analysis = NULL;
  CcDate event_date = cc_date_from_ymd (2026, 7, 1);
  CcDate as_of = CC_DATE_INVALID;
  CcSeries *sox;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Print the event study, the indicators and the phase "
                                           "and scenario assessment for an event."));
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
  if (!parse_date_option ("--event", event_text, &event_date) ||
      !parse_date_option ("--as-of", as_of_text, &as_of))
    return CC_CLI_EXIT_USAGE;
  for (guint i = 0; items != NULL && items[i]; i++)
    {
      const char *item = items[i];

      if (!(g_str_has_prefix (item, "basket:") && item[7] != '\0') && !cc_ticker_is_valid (item))
        {
          _cc_cli_error (COMMAND, _("--item: “%s” is neither a ticker nor basket:GROUP"), item);
          return CC_CLI_EXIT_USAGE;
        }
    }

  if (rules_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (rules_path);

      rules = cc_rules_new_from_file (file, &error);
      if (rules == NULL)
        {
          _cc_cli_error (COMMAND, "%s", error->message);
          return CC_CLI_EXIT_FAILURE;
        }
    }

  dataset = cc_dataset_new_bundled (&error);
  if (dataset == NULL)
    {
      _cc_cli_error (COMMAND, _("cannot load the offline dataset: %s"), error->message);
      return CC_CLI_EXIT_FAILURE;
    }

  if (items != NULL &&
      !_cc_cli_check_items (COMMAND, "--item", dataset, (const char * const *) items))
    return CC_CLI_EXIT_USAGE;

  sox = cc_dataset_get_series (dataset, CC_SYMBOL_SOX);
  if (sox == NULL || cc_series_get_n_points (sox) == 0)
    {
      _cc_cli_error (COMMAND, _("the dataset has no ^SOX series to measure against"));
      return CC_CLI_EXIT_FAILURE;
    }
  if (as_of == CC_DATE_INVALID)
    as_of = cc_series_get_last (sox)->date;
  if (event_date > as_of)
    {
      char a[11], e[11];

      cc_date_format_iso (as_of, a);
      cc_date_format_iso (event_date, e);
      _cc_cli_error (COMMAND, _("--event %s is after the as-of date %s"), e, a);
      return CC_CLI_EXIT_USAGE;
    }
  if (event_date <= cc_series_get_first (sox)->date)
    {
      char e[11], f[11];

      cc_date_format_iso (event_date, e);
      cc_date_format_iso (cc_series_get_first (sox)->date, f);
      _cc_cli_error (COMMAND, _("--event %s is not after the first ^SOX day in the data (%s)"),
                     e, f);
      return CC_CLI_EXIT_USAGE;
    }

  /* Without --rules the analysis loads the active rules itself and records any problem. */
  analysis = cc_analysis_new (dataset, event_date, as_of, (const char * const *) items, rules);
  /* A broken user file must not stop the analysis, but the user must hear about it. */
  if (analysis->rules_problem != NULL)
    _cc_cli_error (COMMAND, _("ignoring your rules, using the built-in ones: %s"),
                   analysis->rules_problem);

  if (json)
    {
      g_autoptr(JsonNode) root = cc_analysis_to_json (analysis);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      fputs (text, stdout);
      fputc ('\n', stdout);
    }
  else
    {
      g_autofree char *text = cc_analysis_to_text (analysis);
      fputs (text, stdout);
    }

  return fflush (stdout) == 0 ? CC_CLI_EXIT_OK : CC_CLI_EXIT_FAILURE;
}
