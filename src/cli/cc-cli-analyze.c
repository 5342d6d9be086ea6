/* cc-cli-analyze.c: `chipcycle analyze`: the event study of an event, and the indicators and
 * the phase and scenario assessment for an as-of date (or for every day: --timeline), as text
 * or JSON, with no display. */
#define G_LOG_DOMAIN "cc-cli-analyze"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "cc-analysis.h"
#include "cc-bundled-dataset.h"
#include "cc-chart.h"
#include "cc-cli-private.h"
#include "cc-dataset.h"
#include "cc-derived.h"
#include "cc-exposure.h"
#include "cc-portfolio-file.h"
#include "cc-rebase.h"
#include "cc-json-builder.h"

#define COMMAND "analyze"

CcReportedMonitors *(*_cc_cli_load_monitors) (const char *command);

int (*_cc_cli_analyze_filings) (CcDataset  *dataset,
                                const char *symbol,
                                const char *forms,
                                const char *items,
                                const char *kind,
                                int         last,
                                CcDate      as_of,
                                gboolean    json);

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

static JsonNode *
timeline_to_json (CcTimeline *timeline,
                  CcRules    *rules)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rules");
  json_builder_begin_object (b);
  cc_json_add_string (b, "source", cc_rules_get_source (rules));
  json_builder_set_member_name (b, "builtin");
  json_builder_add_boolean_value (b, cc_rules_is_builtin (rules));
  cc_json_add_string (b, "notice", cc_rules_get_notice (rules));
  json_builder_end_object (b);
  cc_json_add_string (b, "basket_weighting", CC_BASKET_METHOD);
  json_builder_set_member_name (b, "days");
  json_builder_begin_array (b);
  for (guint i = 0; i < timeline->n_days; i++)
    {
      const CcTimelineDay *day = &timeline->days[i];

      json_builder_begin_object (b);
      cc_json_add_date (b, "date", day->date);
      for (guint g = 0; g < 2; g++)
        {
          CcTarget first = g ? CC_TARGET_FIRST_SCENARIO : CC_TARGET_FIRST_PHASE;
          CcTarget leading = g ? day->leading_scenario : day->leading_phase;
          gboolean tie = g ? day->scenario_tie : day->phase_tie;

          json_builder_set_member_name (b, g ? "scenarios" : "phases");
          json_builder_begin_object (b);
          for (CcTarget t = first; t < first + 3; t++)
            {
              json_builder_set_member_name (b, cc_target_to_string (t));
              json_builder_add_double_value (b, day->weight[t]);
            }
          json_builder_end_object (b);
          /* null in a tie: nothing leads */
          cc_json_add_string (b, g ? "leading_scenario" : "leading_phase",
                             tie ? NULL : cc_target_to_string (leading));
          json_builder_set_member_name (b, g ? "scenario_tie" : "phase_tie");
          json_builder_add_boolean_value (b, tie);
        }
      cc_json_add_string (b, "event", day->event ? cc_event_get_id (day->event) : NULL);
      cc_json_add_string (b, "top_rule", day->top_rule_id);
      cc_json_add_string (b, "top_reason", day->top_reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static char *
timeline_to_text (CcTimeline *timeline)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s\n", _("Assessment for every trading day (phase, scenario, "
                                         "and the strongest reason for the phase)"));
  for (guint i = 0; i < timeline->n_days; i++)
    {
      const CcTimelineDay *day = &timeline->days[i];
      g_autofree char *pw = cc_format_weight (day->weight[day->leading_phase]);
      g_autofree char *sw = cc_format_weight (day->weight[day->leading_scenario]);
      g_autofree char *phase = NULL;
      g_autofree char *scenario = NULL;
      char date[11];

      cc_date_format_iso (day->date, date);
      /* TRANSLATORS: a tie in the timeline, e.g. "tie 33%" */
      phase = day->phase_tie ? g_strdup_printf (_("tie %s"), pw)
                             : g_strdup_printf ("%s %s", cc_target_to_string (day->leading_phase),
                                                pw);
      scenario = day->scenario_tie ? g_strdup_printf (_("tie %s"), sw)
                                   : g_strdup_printf ("%s %s",
                                                      cc_target_to_string (day->leading_scenario),
                                                      sw);
      g_string_append_printf (out, "%s  %-15s %-9s %s\n", date, phase, scenario,
                              day->top_reason ? day->top_reason : "");
    }
  g_string_append_printf (out, "%s\n", cc_analysis_get_disclaimer ());
  return g_string_free (out, FALSE);
}

/* `analyze --portfolio`: the portfolio's exposure and stress test, with the scenario weights of
 * the assessment for the as-of date: the one `analyze` prints, SEC EDGAR's monitors included
 * when given. */
static int
analyze_portfolio (CcDataset                *dataset,
                   CcRules                  *rules,
                   const CcReportedMonitors *reported,
                   const char               *portfolio_path,
                   const char               *scenarios_path,
                   CcDate                    event_day,
                   CcDate                    as_of,
                   gboolean                  json)
{
  g_autoptr(CcAssessor) assessor = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcPortfolio) portfolio = NULL;
  g_autoptr(CcScenarios) scenarios = NULL;
  g_autoptr(CcRules) active = NULL;
  g_autoptr(CcAssessment) assessment = NULL;
  g_autoptr(CcExposure) exposure = NULL;
  double weights[CC_N_SCENARIOS];

  portfolio = _cc_cli_load_portfolio (COMMAND, portfolio_path, dataset, problems);
  if (portfolio == NULL)
    return CC_CLI_EXIT_FAILURE;

  if (scenarios_path != NULL)
    {
      g_autoptr(GFile) scenarios_file = g_file_new_for_commandline_arg (scenarios_path);

      scenarios = cc_scenarios_new_from_file (scenarios_file, &error);
      if (scenarios == NULL)
        {
          _cc_cli_error (COMMAND, "%s", error->message);
          return CC_CLI_EXIT_FAILURE;
        }
    }
  else
    {
      scenarios = cc_scenarios_load (NULL, &error);
      if (error != NULL)
        _cc_cli_error (COMMAND, _("ignoring your scenarios, using the built-in ones: %s"),
                       error->message);
      g_clear_error (&error);
    }

  if (rules == NULL)
    {
      active = cc_rules_load (NULL, &error);
      if (error != NULL)
        _cc_cli_error (COMMAND, _("ignoring your rules, using the built-in ones: %s"),
                       error->message);
    }
  else
    active = cc_rules_ref (rules);
  assessor = cc_assessor_new_full (dataset, active, reported);
  assessment = cc_assessor_evaluate (assessor, as_of);
  for (guint s = 0; s < CC_N_SCENARIOS; s++)
    weights[s] = assessment->weight[CC_TARGET_FIRST_SCENARIO + s];

  exposure = cc_exposure_compute (dataset, portfolio, scenarios, weights, event_day, as_of);
  /* What the import left out goes with the output too, line by line. */
  for (guint i = 0; i < problems->len; i++)
    g_ptr_array_insert (exposure->notes, (int) i, g_strdup (g_ptr_array_index (problems, i)));
  if (json)
    {
      g_autoptr(JsonNode) root = cc_exposure_to_json (exposure);
      _cc_cli_print_json (root);
    }
  else
    {
      g_autofree char *text = cc_exposure_to_text (exposure);
      fputs (text, stdout);
    }
  if (fflush (stdout) != 0)
    return CC_CLI_EXIT_FAILURE;
  return exposure->problem ? CC_CLI_EXIT_FAILURE : CC_CLI_EXIT_OK;
}

int
cc_cli_analyze (int    argc,
                char **argv)
{
  g_autofree char *event_text = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *rules_path = NULL;
  g_autofree char *portfolio_path = NULL;
  g_autofree char *scenarios_path = NULL;
  g_autofree char *filings_symbol = NULL;
  g_autofree char *filing_forms = NULL;
  g_autofree char *filing_items = NULL;
  g_autofree char *filing_kind = NULL;
  int last_filings = 8;
  g_auto(GStrv) items = NULL;
  gboolean json = FALSE;
  gboolean timeline = FALSE;
  gboolean no_edgar = FALSE;
  const GOptionEntry entries[] = {
    { "event", 'e', 0, G_OPTION_ARG_STRING, &event_text,
      N_("The event day (default: the Meta Compute announcement, 2026-07-01)"), N_("DATE") },
    { "as-of", 'a', 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Use data up to this day (default: the last day with data)"), N_("DATE") },
    { "item", 'i', 0, G_OPTION_ARG_STRING_ARRAY, &items,
      N_("Study this ticker, basket (basket:memory) or saved portfolio (portfolio:NAME); repeat "
         "for more (default: all)"),
      N_("ITEM") },
    { "rules", 'r', 0, G_OPTION_ARG_FILENAME, &rules_path,
      N_("Read the assessment rules from this file instead of the active ones"), N_("FILE") },
    { "portfolio", 'p', 0, G_OPTION_ARG_FILENAME, &portfolio_path,
      N_("Print the exposure and stress test of these holdings (CSV, or a saved portfolios "
         "file) instead"), N_("FILE") },
    { "scenarios", 's', 0, G_OPTION_ARG_FILENAME, &scenarios_path,
      N_("Read the stress scenarios from this file instead of the active ones"), N_("FILE") },
    { "filings", 0, 0, G_OPTION_ARG_STRING, &filings_symbol,
      N_("Study this company’s filings from SEC EDGAR instead: the event days of its last "
         "filings (needs CHIPCYCLE_EDGAR_CONTACT)"), N_("SYMBOL") },
    { "forms", 0, 0, G_OPTION_ARG_STRING, &filing_forms,
      N_("With --filings: only these forms, comma-separated (8-K,10-Q…)"), N_("FORMS") },
    { "items", 0, 0, G_OPTION_ARG_STRING, &filing_items,
      N_("With --filings: only filings with one of these 8-K items (2.02 for results)"),
      N_("ITEMS") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &filing_kind,
      N_("With --filings: only filings of this kind, as the chart marks them: results (10-Q, "
         "10-K, 20-F, 8-K 2.02), agreements, listings or other"), N_("KIND") },
    { "last", 0, 0, G_OPTION_ARG_INT, &last_filings,
      N_("With --filings: how many of the latest event days to study (default 8)"), N_("N") },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "timeline", 't', 0, G_OPTION_ARG_NONE, &timeline,
      N_("Print the assessment for every trading day up to the as-of date instead"), NULL },
    { "no-edgar", 0, 0, G_OPTION_ARG_NONE, &no_edgar,
      N_("Leave out the monitors fed by SEC EDGAR (used otherwise when a contact is set, or "
         "from the cache)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = NULL;
  g_autoptr(CcRules) rules = NULL;
  g_autoptr(CcAnalysis) analysis = NULL;
  g_autoptr(CcSeries) portfolio_series = NULL;
  g_autoptr(CcReportedMonitors) reported = NULL;
  CcDate event_date = cc_date_from_ymd (2026, 7, 1);
  CcDate as_of = CC_DATE_INVALID;
  CcDate event_day, last_close;
  CcSeries *sox;
  char first_text[11], last_text[11], event_text_iso[11], day_text[11], as_of_iso[11];

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
  if (filings_symbol == NULL && (filing_forms != NULL || filing_items != NULL ||
                                 filing_kind != NULL))
    {
      _cc_cli_error (COMMAND, _("--forms, --items and --kind go with --filings SYMBOL"));
      return CC_CLI_EXIT_USAGE;
    }
  if (filing_kind != NULL)
    {
      CcFilingKind kind;

      if (!cc_filing_kind_from_name (filing_kind, &kind))
        {
          _cc_cli_error (COMMAND, _("--kind: “%s” is not a kind of filing; give results, "
                                    "agreements, listings or other"), filing_kind);
          return CC_CLI_EXIT_USAGE;
        }
    }
  if (filings_symbol != NULL)
    {
      if (!cc_ticker_is_valid (filings_symbol))
        {
          _cc_cli_error (COMMAND, _("--filings: “%s” is not a ticker"), filings_symbol);
          return CC_CLI_EXIT_USAGE;
        }
      if (last_filings < 1)
        {
          _cc_cli_error (COMMAND, _("--last: give a number of filings from 1 up"));
          return CC_CLI_EXIT_USAGE;
        }
      if (event_text != NULL || items != NULL || portfolio_path != NULL || timeline)
        {
          _cc_cli_error (COMMAND, _("--filings makes its own events: leave out --event, --item, "
                                    "--portfolio and --timeline"));
          return CC_CLI_EXIT_USAGE;
        }
    }
  if (!parse_date_option ("--event", event_text, &event_date) ||
      !parse_date_option ("--as-of", as_of_text, &as_of))
    return CC_CLI_EXIT_USAGE;
  for (guint i = 0; items != NULL && items[i]; i++)
    {
      const char *item = items[i];

      g_autoptr(GError) pair_error = NULL;

      /* A ratio or spread is studied as its own long-short position (cc-derived.h). */
      if (cc_derived_parse (item, NULL, NULL, &pair_error) != CC_DERIVED_NONE)
        continue;
      if (pair_error != NULL)
        {
          _cc_cli_error (COMMAND, "--item: %s", pair_error->message);
          return CC_CLI_EXIT_USAGE;
        }
      if (!(g_str_has_prefix (item, "basket:") && item[7] != '\0') &&
          !(g_str_has_prefix (item, "portfolio:") && item[10] != '\0') &&
          !cc_ticker_is_valid (item))
        {
          _cc_cli_error (COMMAND, _("--item: “%s” is not a ticker, basket:GROUP or portfolio:NAME"), item);
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

  dataset = cc_bundled_dataset_new (&error);
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
  cc_date_format_iso (cc_series_get_first (sox)->date, first_text);
  cc_date_format_iso (cc_series_get_last (sox)->date, last_text);

  if (as_of != CC_DATE_INVALID && as_of < cc_series_get_first (sox)->date)
    {
      cc_date_format_iso (as_of, as_of_iso);
      _cc_cli_error (COMMAND, _("--as-of %s is before the first ^SOX close in the data (%s)"),
                     as_of_iso, first_text);
      return CC_CLI_EXIT_USAGE;
    }
  if (as_of == CC_DATE_INVALID)
    as_of = cc_series_get_last (sox)->date;
  last_close = cc_series_get_point (sox, cc_series_find_on_or_before (sox, as_of))->date;
  cc_date_format_iso (last_close, as_of_iso);

  if (filings_symbol != NULL)
    {
      if (_cc_cli_analyze_filings == NULL)
        {
          _cc_cli_error (COMMAND, _("this program cannot read filings; run it through "
                                    "“chipcycle”"));
          return CC_CLI_EXIT_FAILURE;
        }
      return _cc_cli_analyze_filings (dataset, filings_symbol, filing_forms, filing_items,
                                      filing_kind, last_filings, last_close, json);
    }

  /* Without --event: the default event, or the latest visible one on or before the as-of
   * date when the default one is later. */
  if (event_text == NULL && cc_calendar_trading_day_on_or_after (event_date) > last_close)
    {
      GPtrArray *events = cc_dataset_get_events (dataset);
      CcEvent *latest = NULL;

      for (guint i = 0; i < events->len; i++)
        {
          CcEvent *event = g_ptr_array_index (events, i);

          if (!cc_event_get_hidden (event) &&
              cc_calendar_trading_day_on_or_after (cc_event_get_date (event)) <= last_close &&
              cc_event_get_date (event) > cc_series_get_first (sox)->date)
            latest = event;
        }
      if (latest == NULL)
        {
          _cc_cli_error (COMMAND, _("no event lies on or before the as-of date (last close %s): "
                                    "give one with --event"), as_of_iso);
          return CC_CLI_EXIT_USAGE;
        }
      event_date = cc_event_get_date (latest);
    }
  event_day = cc_calendar_trading_day_on_or_after (event_date);
  cc_date_format_iso (event_date, event_text_iso);
  cc_date_format_iso (event_day, day_text);
  if (!timeline)
    {
      if (event_day > cc_series_get_last (sox)->date)
        {
          if (event_day != event_date)
            _cc_cli_error (COMMAND, _("--event %s: its first session, %s, is after the last "
                                      "^SOX close in the data (%s)"),
                           event_text_iso, day_text, last_text);
          else
            _cc_cli_error (COMMAND, _("--event %s is after the last ^SOX close in the data "
                                      "(%s)"), event_text_iso, last_text);
          return CC_CLI_EXIT_USAGE;
        }
      if (event_day > last_close)
        {
          if (event_day != event_date)
            _cc_cli_error (COMMAND, _("--event %s: its first session, %s, is after the as-of "
                                      "date (last close %s)"),
                           event_text_iso, day_text, as_of_iso);
          else
            _cc_cli_error (COMMAND, _("--event %s is after the as-of date (last close %s)"),
                           event_text_iso, as_of_iso);
          return CC_CLI_EXIT_USAGE;
        }
      if (event_date <= cc_series_get_first (sox)->date)
        {
          _cc_cli_error (COMMAND, _("--event %s is not after the first ^SOX day in the data "
                                    "(%s)"), event_text_iso, first_text);
          return CC_CLI_EXIT_USAGE;
        }
      if (event_day != event_date)
        /* Not an error: say what was done, on stderr so the output stays clean. */
        _cc_cli_error (COMMAND, _("note: %s is not a trading day; day 0 is the next session, "
                                  "%s"), event_text_iso, day_text);
    }

  /* The monitors fed by SEC EDGAR, as `chipcycle monitors` gets them (never a request without
   * a contact); the rules on them are skipped without. */
  if (!no_edgar && _cc_cli_load_monitors != NULL)
    reported = _cc_cli_load_monitors (COMMAND);

  if (portfolio_path != NULL)
    return analyze_portfolio (dataset, rules, reported, portfolio_path, scenarios_path,
                              event_day, last_close, json);

  if (timeline)
    {
      g_autoptr(CcRules) active = NULL;
      g_autoptr(CcAssessor) assessor = NULL;
      g_autoptr(CcTimeline) days = NULL;

      if (rules == NULL)
        {
          g_autoptr(GError) rules_error = NULL;

          active = cc_rules_load (NULL, &rules_error);
          if (rules_error)
            _cc_cli_error (COMMAND, _("ignoring your rules, using the built-in ones: %s"),
                           rules_error->message);
        }
      else
        active = cc_rules_ref (rules);
      if (cc_rules_get_notice (active))
        _cc_cli_error (COMMAND, "%s", cc_rules_get_notice (active));
      assessor = cc_assessor_new_full (dataset, active, reported);
      days = cc_assessor_timeline (assessor, CC_DATE_INVALID, last_close);
      if (json)
        {
          g_autoptr(JsonNode) root = timeline_to_json (days, active);
          _cc_cli_print_json (root);
        }
      else
        {
          g_autofree char *text = timeline_to_text (days);
          fputs (text, stdout);
        }
      return fflush (stdout) == 0 ? CC_CLI_EXIT_OK : CC_CLI_EXIT_FAILURE;
    }

  /* Without --rules the analysis loads the active rules itself and records any problem. */
  /* A saved portfolio named among the items gets its row, studied like a basket. */
  if (!_cc_cli_resolve_portfolios (COMMAND, "--item", dataset, (const char * const *) items,
                                   &portfolio_series, CC_DATE_INVALID))
    return CC_CLI_EXIT_USAGE;
  analysis = cc_analysis_new_with_edgar (dataset, event_date, as_of,
                                         (const char * const *) items, rules, portfolio_series,
                                         reported);
  /* A broken user file must not stop the analysis, but the user must hear about it. */
  if (analysis->rules_problem != NULL)
    _cc_cli_error (COMMAND, _("ignoring your rules, using the built-in ones: %s"),
                   analysis->rules_problem);
  if (analysis->assessment->rules_notice != NULL)
    _cc_cli_error (COMMAND, "%s", analysis->assessment->rules_notice);

  if (json)
    {
      g_autoptr(JsonNode) root = cc_analysis_to_json (analysis);
      _cc_cli_print_json (root);
    }
  else
    {
      g_autofree char *text = cc_analysis_to_text (analysis);
      fputs (text, stdout);
    }

  return fflush (stdout) == 0 ? CC_CLI_EXIT_OK : CC_CLI_EXIT_FAILURE;
}
