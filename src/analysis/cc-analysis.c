/* cc-analysis.c: one computation of the event study, cycle history, indicators, assessment and
 * monitors, shared by the side panel, the PDF report and `chipcycle analyze`. */
#define G_LOG_DOMAIN "cc-analysis"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cc-analysis.h"
#include "cc-derived.h"
#include "cc-rebase.h"
#include "cc-json-builder.h"

const char * const cc_analysis_basket_groups[] = {
  CC_GROUP_MEMORY, CC_GROUP_GPU, CC_GROUP_EQUIPMENT, CC_GROUP_NEOCLOUD, CC_GROUP_MINERS, NULL
};

#define BASKET_PREFIX "basket:"
#define PORTFOLIO_PREFIX "portfolio:"

/* The year by which the source article says the SOX had regained its 2000 high. */
#define ARTICLE_2000_RECOVERY_YEAR 2008

const char *
cc_analysis_get_disclaimer (void)
{
  return _("Analysis of the loaded data, not investment advice.");
}

const char *
cc_analysis_stance_get_reading (CcSignalStance stance)
{
  switch (stance)
    {
    case CC_SIGNAL_POSITIVE:
      return _("Demand holding");
    case CC_SIGNAL_NEGATIVE:
      return _("Overbuilding");
    case CC_SIGNAL_NEUTRAL:
    default:
      return _("Neutral");
    }
}

char *
cc_analysis_format_names (GPtrArray *rows)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const CcEventStudyRow *row = g_ptr_array_index (rows, i);
      g_autofree char *ret = cc_format_return (row->event_return);

      g_string_append_printf (s, "%s%s %s", i ? ", " : "",
                              row->is_basket || row->is_portfolio ? row->label : row->item,
                              ret);
    }
  return g_string_free (s, FALSE);
}

/* One side of the winners and losers as every view shows it: the names, "—" when only the
 * other side has any (a single ranked item), "none" only when nothing could be ranked. */
char *
cc_analysis_format_side (const CcAnalysis *analysis,
                         gboolean          winners)
{
  GPtrArray *side = winners ? analysis->winners : analysis->losers;
  GPtrArray *other = winners ? analysis->losers : analysis->winners;

  if (side->len > 0)
    return cc_analysis_format_names (side);
  return g_strdup (other->len > 0 ? "—" : _("none"));
}

static CcEventStudyRow *
study_item (CcDataset                 *dataset,
            CcSeries                  *market,
            CcSeries                  *portfolio,
            const char                *item,
            CcDate                     event_day,
            CcDate                     as_of,
            const CcEventStudyOptions *options)
{
  CcEventStudyRow *row;

  if (g_str_has_prefix (item, PORTFOLIO_PREFIX))
    {
      if (portfolio == NULL || !g_str_equal (cc_series_get_symbol (portfolio), item) ||
          cc_series_get_n_points (portfolio) == 0)
        return NULL;
      row = cc_event_study_row_compute (portfolio, market, event_day, as_of, options);
      row->is_portfolio = TRUE;
      g_free (row->label);
      /* TRANSLATORS: the event study's row of the user's portfolio; %s is its name */
      row->label = g_strdup_printf (_("Portfolio %s"), item + strlen (PORTFOLIO_PREFIX));
      return row;
    }
  if (cc_derived_get_kind (item) != CC_DERIVED_NONE)
    {
      g_autoptr(GError) error = NULL;

      row = cc_derived_study_row (dataset, item, event_day, as_of, &error);
      if (row == NULL)
        g_debug ("%s", error->message);
      return row;
    }
  if (g_str_has_prefix (item, BASKET_PREFIX))
    {
      const char *group = item + strlen (BASKET_PREFIX);
      g_autoptr(CcSeries) basket = cc_group_basket_new_full (dataset, group, as_of, NULL);

      if (basket == NULL)
        return NULL;
      row = cc_event_study_row_compute (basket, market, event_day, as_of, options);
      row->is_basket = TRUE;
      g_free (row->label);
      row->label = cc_group_basket_label (group);
      return row;
    }
  else
    {
      CcSeries *series = cc_dataset_get_series (dataset, item);

      if (series == NULL || cc_series_get_n_points (series) == 0)
        return NULL;
      row = cc_event_study_row_compute (series, market, event_day, as_of, options);
      /* The ticker is the short, stable label in a table; the name is for tooltips. */
      g_free (row->label);
      row->label = g_strdup (item);
      return row;
    }
}

static char **
default_items (CcDataset *dataset)
{
  g_autoptr(GPtrArray) symbols = cc_dataset_list_symbols (dataset);
  GPtrArray *items = g_ptr_array_new ();

  for (guint i = 0; i < symbols->len; i++)
    g_ptr_array_add (items, g_strdup (g_ptr_array_index (symbols, i)));
  for (guint i = 0; cc_analysis_basket_groups[i]; i++)
    g_ptr_array_add (items, g_strconcat (BASKET_PREFIX, cc_analysis_basket_groups[i], NULL));
  g_ptr_array_add (items, NULL);
  return (char **) g_ptr_array_free (items, FALSE);
}

static char *
build_history_note (CcAnalysis *analysis)
{
  GString *note = g_string_new (NULL);

  for (guint i = 0; i < analysis->cycles->len; i++)
    {
      const CcCycle *cycle = g_ptr_array_index (analysis->cycles, i);
      g_autofree char *data = NULL;
      g_autofree char *article = NULL;
      g_autofree char *trough = NULL;

      if (cycle->is_current || !(cycle->article_decline > 0))
        continue;
      /* Differences under half a point are rounding, not a disagreement. */
      if (fabs (cycle->article_decline - cycle->depth) < 0.005)
        continue;

      data = cc_format_depth (cycle->depth);
      article = cc_format_percent (cycle->article_decline * 100, 0, FALSE);
      trough = cc_date_to_iso (cycle->trough_date);
      if (note->len)
        g_string_append_c (note, ' ');

      if (g_strcmp0 (cycle->id, "2022") == 0)
        {
          double mid = 0;
          int year;
          CcDate june_end;

          cc_date_to_ymd (cycle->peak_date, &year, NULL, NULL);
          june_end = cc_date_from_ymd (year + 1, 6, 30);
          if (cc_cycle_drawdown_at (cycle, june_end, &mid))
            {
              g_autofree char *mid_text = cc_format_depth (-mid);

              g_string_append_printf (note,
                                      _("The article puts the 2022 fall at %s, which is about "
                                        "the drop over the first half of the year only: the "
                                        "SOX was %s below its peak at the end of June 2022, "
                                        "then kept falling to a trough %s down on %s."),
                                      article, mid_text, data, trough);
              continue;
            }
        }

      g_string_append_printf (note,
                              _("The article gives %s for the %s; the bundled closes show "
                                "%s, from %.2f to %.2f on %s."),
                              article, cycle->label, data, cycle->peak_close,
                              cycle->trough_close, trough);

      /* The source article also dates the recovery from the 2000 bust to 2008. */
      if (g_strcmp0 (cycle->id, "2000") == 0 && cycle->recovered &&
          cc_date_get_year (cycle->recovery_date) > ARTICLE_2000_RECOVERY_YEAR)
        {
          g_autoptr(GDateTime) when = cc_date_to_date_time (cycle->recovery_date);
          g_autofree char *month = g_date_time_format (when, "%B %Y");

          g_string_append_c (note, ' ');
          g_string_append_printf (note,
                                  _("It also has the SOX back at that high by %d, but the "
                                    "first month-end close above it came only in %s."),
                                  ARTICLE_2000_RECOVERY_YEAR, month);
        }
    }

  if (note->len)
    g_string_append_c (note, ' ');
  g_string_append (note, _("Historical paths use month-end closes between the exact peak and "
                           "trough closes, so recoveries are dated to the month."));
  return g_string_free (note, FALSE);
}

static int
compare_abnormal (gconstpointer a,
                  gconstpointer b)
{
  const CcEventStudyRow *ra = *(CcEventStudyRow * const *) a;
  const CcEventStudyRow *rb = *(CcEventStudyRow * const *) b;

  if (ra->abnormal_return > rb->abnormal_return)
    return -1;
  if (ra->abnormal_return < rb->abnormal_return)
    return 1;
  return g_strcmp0 (ra->item, rb->item);
}

static void
pick_winners_and_losers (CcAnalysis *analysis)
{
  g_autoptr(GPtrArray) stocks = g_ptr_array_new ();
  guint n, side;

  analysis->winners = g_ptr_array_new ();
  analysis->losers = g_ptr_array_new ();

  analysis->ranked_by_abnormal = FALSE;
  for (guint i = 0; i < analysis->rows->len; i++)
    {
      CcEventStudyRow *row = g_ptr_array_index (analysis->rows, i);

      if (!row->is_basket && !row->is_market && !row->is_derived && !row->is_portfolio &&
          row->has_abnormal)
        analysis->ranked_by_abnormal = TRUE;
    }
  for (guint i = 0; i < analysis->rows->len; i++)
    {
      CcEventStudyRow *row = g_ptr_array_index (analysis->rows, i);

      if (row->is_basket || row->is_market || row->is_derived || row->is_portfolio)
        continue;
      if (analysis->ranked_by_abnormal ? row->has_abnormal : row->has_return)
        g_ptr_array_add (stocks, row);
    }
  /* With fewer than two single stocks (the default view has one, META) the baskets join the
   * ranking, so a table of falling baskets never reads "Losers: none". The market index never
   * ranks: it is what the others are measured against. */
  if (stocks->len < 2)
    {
      g_ptr_array_set_size (stocks, 0);
      for (guint i = 0; i < analysis->rows->len; i++)
        {
          CcEventStudyRow *row = g_ptr_array_index (analysis->rows, i);

          if (!row->is_market && !row->is_derived && !row->is_portfolio &&
              (analysis->ranked_by_abnormal ? row->has_abnormal : row->has_return))
            g_ptr_array_add (stocks, row);
        }
    }
  /* Already sorted best first by day-0 return in ->ranked; by abnormal return here. */
  if (analysis->ranked_by_abnormal)
    g_ptr_array_sort (stocks, compare_abnormal);
  else
    {
      g_autoptr(GPtrArray) ranked = g_ptr_array_new ();

      for (guint i = 0; i < analysis->ranked->len; i++)
        {
          CcEventStudyRow *row = g_ptr_array_index (analysis->ranked, i);
          if (g_ptr_array_find (stocks, row, NULL))
            g_ptr_array_add (ranked, row);
        }
      g_ptr_array_set_size (stocks, 0);
      g_ptr_array_extend (stocks, ranked, NULL, NULL);
    }

  n = stocks->len;
  if (n == 1)
    {
      CcEventStudyRow *row = g_ptr_array_index (stocks, 0);
      double r = analysis->ranked_by_abnormal ? row->abnormal_return : row->event_return;

      g_ptr_array_add (r >= 0 ? analysis->winners : analysis->losers, row);
      return;
    }
  side = MIN (3, n / 2);
  for (guint i = 0; i < side; i++)
    {
      g_ptr_array_add (analysis->winners, g_ptr_array_index (stocks, i));
      g_ptr_array_add (analysis->losers, g_ptr_array_index (stocks, n - 1 - i));
    }
}

CcAnalysis *
cc_analysis_new (CcDataset          *dataset,
                 CcDate              event_date,
                 CcDate              as_of,
                 const char * const *items,
                 CcRules            *rules)
{
  return cc_analysis_new_full (dataset, event_date, as_of, items, rules, NULL);
}

CcAnalysis *
cc_analysis_new_full (CcDataset          *dataset,
                      CcDate              event_date,
                      CcDate              as_of,
                      const char * const *items,
                      CcRules            *rules,
                      CcSeries           *portfolio)
{
  return cc_analysis_new_with_edgar (dataset, event_date, as_of, items, rules, portfolio, NULL);
}

CcAnalysis *
cc_analysis_new_with_edgar (CcDataset                *dataset,
                            CcDate                    event_date,
                            CcDate                    as_of,
                            const char * const       *items,
                            CcRules                  *rules,
                            CcSeries                 *portfolio,
                            const CcReportedMonitors *reported)
{
  g_autoptr(CcAnalysis) analysis = NULL;
  CcEventStudyOptions options;
  CcSeries *market, *monthly;
  const CcCycleEpisode *episodes;
  guint n_episodes;

  g_return_val_if_fail (CC_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (event_date != CC_DATE_INVALID, NULL);
  g_return_val_if_fail (as_of != CC_DATE_INVALID, NULL);

  analysis = g_new0 (CcAnalysis, 1);
  analysis->event_day = cc_calendar_trading_day_on_or_after (event_date);
  analysis->event_day_moved_from = analysis->event_day != event_date ? event_date
                                                                     : CC_DATE_INVALID;
  analysis->base_day = cc_calendar_previous_trading_day (analysis->event_day);
  analysis->as_of = as_of;
  analysis->event = cc_dataset_find_event_on (dataset, event_date);
  if (analysis->event == NULL)
    analysis->event = cc_dataset_find_event_on (dataset, analysis->event_day);
  if (analysis->event)
    g_object_ref (analysis->event);
  analysis->items = items ? g_strdupv ((char **) items) : default_items (dataset);
  if (portfolio != NULL &&
      !g_strv_contains ((const char * const *) analysis->items, cc_series_get_symbol (portfolio)))
    {
      guint n = g_strv_length (analysis->items);

      analysis->items = g_renew (char *, analysis->items, n + 2);
      analysis->items[n] = g_strdup (cc_series_get_symbol (portfolio));
      analysis->items[n + 1] = NULL;
    }
  analysis->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_event_study_row_free);
  analysis->cycles = g_ptr_array_new_with_free_func ((GDestroyNotify) cc_cycle_free);
  if (rules != NULL)
    analysis->rules = cc_rules_ref (rules);
  else
    {
      g_autoptr(GError) rules_error = NULL;

      analysis->rules = cc_rules_load (NULL, &rules_error);
      if (rules_error)
        analysis->rules_problem = g_strdup (rules_error->message);
    }

  /* Event study */
  cc_event_study_options_init_default (&options);
  market = cc_dataset_get_series (dataset, CC_SYMBOL_SOX);
  /* "Data to" means the last close there is, not a later date nothing was measured on. */
  if (market != NULL && cc_series_find_on_or_before (market, as_of) >= 0)
    analysis->as_of = as_of =
      cc_series_get_point (market, cc_series_find_on_or_before (market, as_of))->date;
  for (guint i = 0; market != NULL && analysis->items[i]; i++)
    {
      CcEventStudyRow *row = study_item (dataset, market, portfolio, analysis->items[i],
                                         analysis->event_day, as_of, &options);

      if (row)
        g_ptr_array_add (analysis->rows, row);
    }
  analysis->ranked = cc_event_study_rank (analysis->rows);
  /* A ratio or spread is a relative move, not a return to rank among the others; the
   * portfolio is the user's own holdings, not a name to rank. */
  for (guint i = analysis->ranked->len; i-- > 0;)
    {
      CcEventStudyRow *row = g_ptr_array_index (analysis->ranked, i);

      if (row->is_derived || row->is_portfolio)
        g_ptr_array_remove_index (analysis->ranked, i);
    }
  pick_winners_and_losers (analysis);

  /* Cycle history */
  if (market != NULL)
    cc_drawdown_from_52_week_high (market, as_of, &analysis->drawdown);
  monthly = cc_dataset_get_sox_monthly (dataset);
  episodes = cc_dataset_get_episodes (&n_episodes);
  for (guint i = 0; monthly != NULL && i < n_episodes; i++)
    g_ptr_array_add (analysis->cycles,
                     cc_cycle_from_episode (&episodes[i], monthly,
                                            MIN (as_of, cc_date_from_ymd (2035, 12, 31))));
  if (market != NULL)
    {
      CcCycle *current = cc_cycle_current (market, as_of);

      if (current)
        g_ptr_array_add (analysis->cycles, current);
    }
  analysis->history_note = build_history_note (analysis);

  /* Assessment */
  {
    g_autoptr(CcAssessor) assessor = cc_assessor_new_full (dataset, analysis->rules, reported);

    analysis->assessment = cc_assessor_evaluate (assessor, as_of);
  }
  analysis->has_edgar = reported != NULL;
  analysis->edgar_fetched_at = reported ? reported->fetched_at : 0;
  for (guint m = 0; m < CC_N_MONITORS; m++)
    g_set_object (&analysis->monitors[m], analysis->assessment->monitors[m]);

  return g_steal_pointer (&analysis);
}

void
cc_analysis_free (CcAnalysis *analysis)
{
  if (analysis == NULL)
    return;

  g_clear_object (&analysis->event);
  g_strfreev (analysis->items);
  g_clear_pointer (&analysis->winners, g_ptr_array_unref);
  g_clear_pointer (&analysis->losers, g_ptr_array_unref);
  g_clear_pointer (&analysis->ranked, g_ptr_array_unref);
  g_clear_pointer (&analysis->rows, g_ptr_array_unref);
  g_clear_pointer (&analysis->cycles, g_ptr_array_unref);
  g_free (analysis->history_note);
  g_free (analysis->rules_problem);
  g_clear_pointer (&analysis->assessment, cc_assessment_free);
  g_clear_pointer (&analysis->rules, cc_rules_unref);
  for (guint i = 0; i < CC_N_MONITORS; i++)
    g_clear_object (&analysis->monitors[i]);
  g_free (analysis);
}

const CcEventStudyRow *
cc_analysis_find_row (CcAnalysis *analysis,
                      const char *item)
{
  g_return_val_if_fail (analysis != NULL, NULL);

  for (guint i = 0; i < analysis->rows->len; i++)
    {
      const CcEventStudyRow *row = g_ptr_array_index (analysis->rows, i);

      if (g_strcmp0 (row->item, item) == 0)
        return row;
    }
  return NULL;
}

/* Text */

/* Pads to @width characters (not bytes: labels hold en dashes and curly quotes). */
static char *
pad (const char *text,
     int         width)
{
  int len = (int) g_utf8_strlen (text, -1);

  return g_strdup_printf ("%s%*s", text, MAX (width - len, 0), "");
}

static void
append_weights (GString         *out,
                CcAnalysis      *analysis,
                const CcVerdict *verdict,
                const char      *heading)
{
  const CcAssessment *a = analysis->assessment;
  CcTarget first = verdict->first;

  g_string_append_printf (out, "\n%s: %s\n", heading, verdict->headline);
  g_string_append_printf (out, "  %s\n", verdict->lead);
  for (CcTarget t = first; t < first + 3; t++)
    {
      g_autofree char *w = cc_format_weight (a->weight[t]);
      g_autofree char *label = pad (cc_target_get_label (t), 26);

      g_string_append_printf (out, "  %s %5s\n", label, w);
      for (guint i = 0; i < a->reasons[t]->len; i++)
        {
          const CcReason *reason = g_ptr_array_index (a->reasons[t], i);
          g_string_append_printf (out, "    - %s\n      %s\n", reason->sentence, reason->detail);
        }
      if (a->reasons[t]->len == 0)
        g_string_append_printf (out, "    - %s\n", _("No rule gave evidence for it; it keeps "
                                                      "its prior weight."));
    }
}

char *
cc_analysis_to_text (CcAnalysis *analysis)
{
  GString *out = g_string_new (NULL);
  g_autofree char *study = NULL;
  g_autofree char *winners = NULL;
  g_autofree char *losers = NULL;
  char event_day[11], as_of[11];

  g_return_val_if_fail (analysis != NULL, NULL);

  cc_date_format_iso (analysis->event_day, event_day);
  cc_date_format_iso (analysis->as_of, as_of);
  g_string_append_printf (out, _("Chip Cycle analysis: event %s, as of %s"), event_day, as_of);
  g_string_append_c (out, '\n');
  if (analysis->event_day_moved_from != CC_DATE_INVALID)
    {
      char from[11];

      cc_date_format_iso (analysis->event_day_moved_from, from);
      g_string_append_printf (out, _("(%s is not a trading day: day 0 is the next session, %s)"),
                              from, event_day);
      g_string_append_c (out, '\n');
    }
  if (analysis->event)
    g_string_append_printf (out, "%s\n", cc_event_get_title (analysis->event));
  g_string_append_printf (out, _("Rules: %s"), cc_rules_is_builtin (analysis->rules)
                                               ? _("built-in")
                                               : cc_rules_get_source (analysis->rules));
  g_string_append (out, "\n\n");

  study = cc_event_study_to_text (analysis->rows, analysis->event_day);
  g_string_append (out, study);
  winners = cc_analysis_format_side (analysis, TRUE);
  losers = cc_analysis_format_side (analysis, FALSE);
  g_string_append_printf (out, "%s %s\n%s %s\n", _("Winners:"), winners, _("Losers:"), losers);
  g_string_append_printf (out, "  %s\n", analysis->ranked_by_abnormal
                                         ? _("(ranked by day-0 abnormal return; the figures are "
                                             "day-0 returns)")
                                         : _("(ranked by day-0 return: no stock has a market "
                                             "model)"));

  g_string_append_printf (out, "\n%s\n", _("Assessment (as of the date above, the same for "
                                            "every event)"));
  if (analysis->assessment->problem)
    g_string_append_printf (out, "  %s\n", analysis->assessment->problem);
  if (analysis->assessment->event_note)
    g_string_append_printf (out, "  %s\n", analysis->assessment->event_note);
  if (analysis->assessment->rules_notice)
    g_string_append_printf (out, "  %s\n", analysis->assessment->rules_notice);

  g_string_append_printf (out, "\n%s\n", _("Indicators"));
  for (guint i = 0; i < CC_N_INDICATORS; i++)
    {
      const CcIndicator *ind = &analysis->assessment->indicators.values[i];
      g_autofree char *value = NULL;

      /* Offline the EDGAR monitors' lines would only say that they are not loaded. */
      if (cc_indicator_is_edgar (i) && !analysis->has_edgar)
        continue;
      value = ind->available ? cc_indicator_format_value (i, ind->value)
                             : g_strdup (C_("indicator value", "n/a"));
      g_string_append_printf (out, "  %-24s %10s  %s\n", cc_indicator_id_to_string (i), value,
                              ind->sentence);
    }

  append_weights (out, analysis, &analysis->assessment->phase, _("Phase"));
  append_weights (out, analysis, &analysis->assessment->scenario, _("Scenarios"));

  g_string_append_printf (out, "\n%s\n", _("Monitors"));
  for (guint m = 1; m < CC_N_MONITORS; m++)
    {
      CcEvent *event = analysis->monitors[m];

      g_string_append_printf (out, "  %s: %s\n", cc_monitor_get_label (m),
                              analysis->assessment->monitor_lead[m]);
      if (event)
        {
          g_autofree char *when = cc_event_format_when (event);
          const char *note = cc_event_get_signal_note (event);

          g_string_append_printf (out, "    %s (%s, %s)%s%s\n",
                                  cc_event_get_title (event), when,
                                  cc_analysis_stance_get_reading (cc_event_get_stance (event)),
                                  note && *note ? " — " : "", note ? note : "");
        }
    }

  g_string_append_printf (out, "\n%s\n", _("Cycle history (^SOX, peak to trough)"));
  for (guint i = 0; i < analysis->cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (analysis->cycles, i);
      g_autofree char *depth = cc_format_depth (c->depth);
      g_autofree char *recover = c->recovered
        ? g_strdup_printf (_("%d days to recover"), c->days_to_recover)
        : g_strdup (_("not recovered"));
      g_autofree char *label = pad (c->label, 26);
      char peak[11];

      cc_date_format_iso (c->peak_date, peak);
      g_string_append_printf (out, _("  %s peak %s  depth %6s  %4d days to trough  %s\n"),
                              label, peak, depth, c->days_to_trough, recover);
    }
  if (analysis->drawdown.ok)
    {
      g_autofree char *dd = cc_format_depth (analysis->drawdown.depth);
      g_autofree char *high = cc_drawdown_describe_high (&analysis->drawdown);

      /* TRANSLATORS: depth, "52-week high" or "high since DATE", the high's close */
      g_string_append_printf (out, _("  Now %s below the %s of %.2f\n"), dd, high,
                              analysis->drawdown.high);
    }
  g_string_append_printf (out, "  %s\n", analysis->history_note);

  g_string_append_printf (out, "\n%s\n", cc_analysis_get_disclaimer ());
  return g_string_free (out, FALSE);
}

/* JSON */

static const char * const car_keys[CC_EVENT_STUDY_N_WINDOWS] = {
  "0,0", "-1,+1", "0,+5", "0,+20",
};

static void
add_row (JsonBuilder           *b,
         const CcEventStudyRow *row)
{
  json_builder_begin_object (b);
  cc_json_add_string (b, "item", row->item);
  cc_json_add_string (b, "label", row->label);
  json_builder_set_member_name (b, "basket");
  json_builder_add_boolean_value (b, row->is_basket);
  json_builder_set_member_name (b, "portfolio");
  json_builder_add_boolean_value (b, row->is_portfolio);
  json_builder_set_member_name (b, "market");
  json_builder_add_boolean_value (b, row->is_market);
  cc_json_add_string (b, "provenance", cc_provenance_to_string (row->provenance));
  cc_json_add_number (b, "event_return_pct", row->has_return, row->event_return * 100);
  cc_json_add_number (b, "abnormal_return_pct", row->has_abnormal, row->abnormal_return * 100);
  cc_json_add_number (b, "alpha_pct", row->model.ok, row->model.alpha * 100);
  cc_json_add_number (b, "beta", row->model.ok, row->model.beta);
  cc_json_add_number (b, "sigma_pct", row->model.ok, row->model.sigma * 100);
  json_builder_set_member_name (b, "estimation_days");
  json_builder_add_int_value (b, row->is_market ? 0 : row->model.n);
  json_builder_set_member_name (b, "short_estimation");
  json_builder_add_boolean_value (b, row->short_estimation && !row->is_market);
  cc_json_add_string (b, "no_model_reason", row->is_market ? NULL : row->model_problem);
  cc_json_add_string (b, "basket_weighting", row->is_basket ? CC_BASKET_METHOD : NULL);
  json_builder_set_member_name (b, "car");
  json_builder_begin_object (b);
  for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
    {
      json_builder_set_member_name (b, car_keys[w]);
      json_builder_begin_object (b);
      cc_json_add_number (b, "car_pct", row->has_car[w], row->car[w] * 100);
      cc_json_add_number (b, "t", row->has_car[w] && isfinite (row->t_stat[w]), row->t_stat[w]);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
add_item_list (JsonBuilder *b,
               const char  *name,
               GPtrArray   *rows)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    json_builder_add_string_value (b, ((CcEventStudyRow *) g_ptr_array_index (rows, i))->item);
  json_builder_end_array (b);
}

static void
add_targets (JsonBuilder  *b,
             CcAnalysis   *analysis,
             const char   *name,
             CcTarget      first)
{
  const CcAssessment *a = analysis->assessment;

  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (CcTarget t = first; t < first + 3; t++)
    {
      json_builder_set_member_name (b, cc_target_to_string (t));
      json_builder_begin_object (b);
      cc_json_add_string (b, "label", cc_target_get_label (t));
      cc_json_add_number (b, "weight", TRUE, a->weight[t]);
      cc_json_add_number (b, "score", TRUE, a->score[t]);
      json_builder_set_member_name (b, "reasons");
      json_builder_begin_array (b);
      for (guint i = 0; i < a->reasons[t]->len; i++)
        {
          const CcReason *r = g_ptr_array_index (a->reasons[t], i);

          json_builder_begin_object (b);
          cc_json_add_string (b, "rule", r->rule_id);
          cc_json_add_string (b, "indicator", cc_indicator_id_to_string (r->indicator));
          cc_json_add_number (b, "evidence", TRUE, r->evidence);
          cc_json_add_string (b, "sentence", r->sentence);
          cc_json_add_string (b, "detail", r->detail);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

static void
add_verdict (JsonBuilder     *b,
             const char      *name,
             const CcVerdict *verdict)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  cc_json_add_string (b, "leading", verdict->tie ? NULL : cc_target_to_string (verdict->leading));
  json_builder_set_member_name (b, "tie");
  json_builder_add_boolean_value (b, verdict->tie);
  json_builder_set_member_name (b, "tied");
  json_builder_begin_array (b);
  for (guint i = 0; i < 3 && verdict->tie; i++)
    if (verdict->tied[i])
      json_builder_add_string_value (b, cc_target_to_string (verdict->first + i));
  json_builder_end_array (b);
  cc_json_add_string (b, "headline", verdict->headline);
  cc_json_add_string (b, "lead", verdict->lead);
  json_builder_end_object (b);
}

/* What each monitor fed by SEC EDGAR reads on the as-of date and the sentences it feeds into
 * the assessment; null when no EDGAR figures were loaded. */
static void
add_edgar_monitors (JsonBuilder *b,
                    CcAnalysis  *analysis)
{
  CcAssessment *a = analysis->assessment;

  json_builder_set_member_name (b, "edgar_monitors");
  if (!analysis->has_edgar)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  cc_json_add_string (b, "source", CC_EDGAR_SERVICE);
  {
    g_autoptr(GDateTime) when = analysis->edgar_fetched_at > 0
      ? g_date_time_new_from_unix_utc (analysis->edgar_fetched_at) : NULL;
    g_autofree char *text = when ? g_date_time_format_iso8601 (when) : NULL;

    cc_json_add_string (b, "fetched_at", text);
  }
  for (CcIndicatorId id = CC_INDICATOR_FIRST_EDGAR; id < CC_N_INDICATORS; id++)
    {
      const CcIndicator *ind = &a->indicators.values[id];
      g_autoptr(GPtrArray) reasons = cc_assessment_get_monitor_reasons (a,
                                                                        cc_indicator_get_monitor (id));

      json_builder_set_member_name (b, cc_monitor_to_string (cc_indicator_get_monitor (id)));
      json_builder_begin_object (b);
      cc_json_add_string (b, "indicator", cc_indicator_id_to_string (id));
      json_builder_set_member_name (b, "available");
      json_builder_add_boolean_value (b, ind->available);
      cc_json_add_number (b, "value", ind->available, ind->value);
      cc_json_add_string (b, "sentence", ind->sentence);
      json_builder_set_member_name (b, "feeds");
      json_builder_begin_array (b);
      for (guint i = 0; i < reasons->len; i++)
        {
          const CcReason *r = g_ptr_array_index (reasons, i);

          json_builder_begin_object (b);
          cc_json_add_string (b, "rule", r->rule_id);
          cc_json_add_string (b, "target", cc_target_to_string (r->target));
          cc_json_add_number (b, "evidence", TRUE, r->evidence);
          cc_json_add_string (b, "sentence", r->sentence);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

JsonNode *
cc_analysis_to_json (CcAnalysis *analysis)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

  g_return_val_if_fail (analysis != NULL, NULL);

  json_builder_begin_object (b);
  cc_json_add_date (b, "event_day", analysis->event_day);
  cc_json_add_date (b, "base_day", analysis->base_day);
  cc_json_add_date (b, "as_of", analysis->as_of);
  cc_json_add_date (b, "event_day_moved_from", analysis->event_day_moved_from);
  json_builder_set_member_name (b, "event");
  if (analysis->event)
    {
      json_builder_begin_object (b);
      cc_json_add_string (b, "id", cc_event_get_id (analysis->event));
      cc_json_add_string (b, "title", cc_event_get_title (analysis->event));
      cc_json_add_date (b, "date", cc_event_get_date (analysis->event));
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "rules");
  json_builder_begin_object (b);
  cc_json_add_string (b, "source", cc_rules_get_source (analysis->rules));
  json_builder_set_member_name (b, "builtin");
  json_builder_add_boolean_value (b, cc_rules_is_builtin (analysis->rules));
  cc_json_add_string (b, "problem", analysis->rules_problem);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "event_study");
  json_builder_begin_array (b);
  for (guint i = 0; i < analysis->rows->len; i++)
    add_row (b, g_ptr_array_index (analysis->rows, i));
  json_builder_end_array (b);
  cc_json_add_string (b, "basket_weighting", CC_BASKET_METHOD);
  add_item_list (b, "winners", analysis->winners);
  add_item_list (b, "losers", analysis->losers);
  cc_json_add_string (b, "winners_ranked_by", analysis->ranked_by_abnormal ? "abnormal_return"
                                                                   : "event_return");

  json_builder_set_member_name (b, "assessment");
  json_builder_begin_object (b);
  cc_json_add_date (b, "as_of", analysis->assessment->as_of);
  cc_json_add_string (b, "problem", analysis->assessment->problem);
  json_builder_set_member_name (b, "event");
  if (analysis->assessment->event)
    {
      json_builder_begin_object (b);
      cc_json_add_string (b, "id", cc_event_get_id (analysis->assessment->event));
      cc_json_add_string (b, "title", cc_event_get_title (analysis->assessment->event));
      cc_json_add_date (b, "date", cc_event_get_date (analysis->assessment->event));
      cc_json_add_date (b, "event_day", analysis->assessment->event_day);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  cc_json_add_string (b, "event_note", analysis->assessment->event_note);
  cc_json_add_string (b, "rules_notice", analysis->assessment->rules_notice);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "indicators");
  json_builder_begin_object (b);
  for (guint i = 0; i < CC_N_INDICATORS; i++)
    {
      const CcIndicator *ind = &analysis->assessment->indicators.values[i];
      static const char * const units[] = { "percent", "points", "flag", "count" };

      json_builder_set_member_name (b, cc_indicator_id_to_string (i));
      json_builder_begin_object (b);
      cc_json_add_string (b, "label", cc_indicator_get_label (i));
      json_builder_set_member_name (b, "available");
      json_builder_add_boolean_value (b, ind->available);
      cc_json_add_number (b, "value", ind->available, ind->value);
      cc_json_add_string (b, "unit", units[cc_indicator_get_unit (i)]);
      cc_json_add_string (b, "sentence", ind->sentence);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  add_targets (b, analysis, "phases", CC_TARGET_FIRST_PHASE);
  add_verdict (b, "phase", &analysis->assessment->phase);
  /* null in a tie: nothing leads */
  cc_json_add_string (b, "leading_phase", analysis->assessment->phase.tie
                                  ? NULL : cc_target_to_string (analysis->assessment->phase.leading));
  add_targets (b, analysis, "scenarios", CC_TARGET_FIRST_SCENARIO);
  add_verdict (b, "scenario", &analysis->assessment->scenario);
  cc_json_add_string (b, "leading_scenario",
              analysis->assessment->scenario.tie
              ? NULL : cc_target_to_string (analysis->assessment->scenario.leading));

  json_builder_set_member_name (b, "monitors");
  json_builder_begin_object (b);
  for (guint m = 1; m < CC_N_MONITORS; m++)
    {
      CcEvent *event = analysis->monitors[m];

      json_builder_set_member_name (b, cc_monitor_to_string (m));
      if (event == NULL)
        {
          json_builder_add_null_value (b);
          continue;
        }
      json_builder_begin_object (b);
      cc_json_add_string (b, "event", cc_event_get_id (event));
      cc_json_add_string (b, "title", cc_event_get_title (event));
      cc_json_add_date (b, "date", cc_event_get_date (event));
      cc_json_add_string (b, "stance", cc_signal_stance_to_string (cc_event_get_stance (event)));
      cc_json_add_string (b, "note", cc_event_get_signal_note (event));
      cc_json_add_string (b, "lead", analysis->assessment->monitor_lead[m]);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  add_edgar_monitors (b, analysis);

  json_builder_set_member_name (b, "history");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "drawdown");
  json_builder_begin_object (b);
  cc_json_add_date (b, "date", analysis->drawdown.ok ? analysis->drawdown.date : CC_DATE_INVALID);
  cc_json_add_number (b, "close", analysis->drawdown.ok, analysis->drawdown.close);
  cc_json_add_date (b, "high_date", analysis->drawdown.ok ? analysis->drawdown.high_date
                                                  : CC_DATE_INVALID);
  cc_json_add_number (b, "high", analysis->drawdown.ok, analysis->drawdown.high);
  cc_json_add_number (b, "depth_pct", analysis->drawdown.ok, analysis->drawdown.depth * 100);
  json_builder_set_member_name (b, "full_52_weeks");
  json_builder_add_boolean_value (b, analysis->drawdown.ok && analysis->drawdown.full_window);
  {
    g_autofree char *high = analysis->drawdown.ok
                              ? cc_drawdown_describe_high (&analysis->drawdown) : NULL;
    cc_json_add_string (b, "high_label", high);
  }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "cycles");
  json_builder_begin_array (b);
  for (guint i = 0; i < analysis->cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (analysis->cycles, i);

      json_builder_begin_object (b);
      cc_json_add_string (b, "id", c->id);
      cc_json_add_string (b, "label", c->label);
      cc_json_add_date (b, "peak_date", c->peak_date);
      cc_json_add_number (b, "peak_close", TRUE, c->peak_close);
      cc_json_add_date (b, "trough_date", c->trough_date);
      cc_json_add_number (b, "trough_close", TRUE, c->trough_close);
      cc_json_add_number (b, "depth_pct", TRUE, c->depth * 100);
      json_builder_set_member_name (b, "days_to_trough");
      json_builder_add_int_value (b, c->days_to_trough);
      json_builder_set_member_name (b, "recovered");
      json_builder_add_boolean_value (b, c->recovered);
      cc_json_add_date (b, "recovery_date", c->recovered ? c->recovery_date : CC_DATE_INVALID);
      json_builder_set_member_name (b, "days_to_recover");
      if (c->recovered)
        json_builder_add_int_value (b, c->days_to_recover);
      else
        json_builder_add_null_value (b);
      cc_json_add_number (b, "article_decline_pct", c->article_decline > 0, c->article_decline * 100);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  cc_json_add_string (b, "note", analysis->history_note);
  json_builder_end_object (b);

  cc_json_add_string (b, "disclaimer", cc_analysis_get_disclaimer ());
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
