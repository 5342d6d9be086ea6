/* test-analysis-bundled.c: on the offline dataset, the event study reproduces the article's
 * event-day figures, and the whole analysis hangs together. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cc-analysis.h"
#include "cc-bundled-dataset.h"

typedef struct {
  const char *symbol;
  double      percent;
  double      tolerance;   /* half the last digit the article gives */
} Anchor;

static CcDataset *
load_bundled (void)
{
  g_autoptr(GError) error = NULL;
  CcDataset *dataset = cc_bundled_dataset_new (&error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

static void
test_event_day_anchors (void)
{
  static const Anchor anchors[] = {
    { "^SOX", -6.27, 0.005 },
    { "KLAC", -12, 0.5 },
    { "LRCX", -9.7, 0.05 },
    { "AMAT", -10, 0.5 },
    { "CRWV", -10.8, 0.05 },
    { "NBIS", -12.4, 0.05 },
    { "NVDA", -2, 0.5 },
    { "AMD", -3, 0.5 },
    { "TSM", -4, 0.5 },
    { "AVGO", -4, 0.5 },
  };
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(CcAnalysis) analysis = NULL;
  g_autoptr(CcRules) rules = cc_rules_new_builtin ();
  const CcEventStudyRow *row;
  CcDate event = cc_date_from_ymd (2026, 7, 1);
  double close;

  analysis = cc_analysis_new (dataset, event, cc_date_from_ymd (2026, 10, 5), NULL, rules);
  g_assert_cmpint (analysis->event_day, ==, event);
  g_assert_cmpint (analysis->base_day, ==, cc_date_from_ymd (2026, 6, 30));
  g_assert_nonnull (analysis->event);

  for (guint i = 0; i < G_N_ELEMENTS (anchors); i++)
    {
      row = cc_analysis_find_row (analysis, anchors[i].symbol);
      g_assert_nonnull (row);
      g_assert_true (row->has_return);
      g_test_message ("%s %.3f%% (article %.2f%%)", anchors[i].symbol, row->event_return * 100,
                      anchors[i].percent);
      g_assert_cmpfloat_with_epsilon (row->event_return * 100, anchors[i].percent,
                                      anchors[i].tolerance + 1e-9);
    }

  /* META "nearly 10%" up, to $612. */
  row = cc_analysis_find_row (analysis, "META");
  g_assert_nonnull (row);
  g_assert_cmpfloat (row->event_return * 100, >=, 9.0);
  g_assert_cmpfloat (row->event_return * 100, <, 10.0);
  g_assert_true (cc_series_get_close (cc_dataset_get_series (dataset, "META"), event, &close));
  g_assert_cmpfloat_with_epsilon (close, 612, 0.005);

  /* MU and SNDK each down more than 10%. */
  row = cc_analysis_find_row (analysis, "MU");
  g_assert_cmpfloat (row->event_return * 100, <, -10);
  row = cc_analysis_find_row (analysis, "SNDK");
  g_assert_cmpfloat (row->event_return * 100, <, -10);

  /* META is the day's winner; the worst losers come from memory, equipment and neoclouds. */
  g_assert_cmpuint (analysis->winners->len, >=, 1);
  g_assert_cmpstr (((CcEventStudyRow *) g_ptr_array_index (analysis->winners, 0))->item, ==,
                   "META");
  g_assert_cmpuint (analysis->losers->len, ==, 3);
  for (guint i = 0; i < analysis->losers->len; i++)
    {
      const CcEventStudyRow *loser = g_ptr_array_index (analysis->losers, i);
      g_assert_cmpfloat (loser->event_return * 100, <, -10);
    }
}

static void
test_analysis_hangs_together (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(CcRules) rules = cc_rules_new_builtin ();
  g_autoptr(CcAnalysis) analysis = NULL;
  const CcEventStudyRow *row;
  const CcIndicators *ind;
  double sum = 0;
  guint n_history = 0;

  analysis = cc_analysis_new (dataset, cc_date_from_ymd (2026, 7, 1),
                              cc_date_from_ymd (2026, 10, 5), NULL, rules);

  /* The data start in October 2025, so the 240-day estimation window is cut short: flagged. */
  row = cc_analysis_find_row (analysis, "MU");
  g_assert_true (row->model.ok);
  g_assert_true (row->short_estimation);
  g_assert_cmpuint (row->model.n, <, 240);
  g_assert_cmpuint (row->model.n, >=, 100);
  g_assert_true (row->has_car[3]);
  /* A basket row exists and is flagged as one. */
  row = cc_analysis_find_row (analysis, "basket:memory");
  g_assert_nonnull (row);
  g_assert_true (row->is_basket);
  g_assert_cmpfloat (row->event_return * 100, <, -10);

  ind = &analysis->assessment->indicators;
  for (guint i = 0; i < CC_N_INDICATORS; i++)
    {
      g_test_message ("%s = %g: %s", cc_indicator_id_to_string (i), ind->values[i].value,
                      ind->values[i].sentence);
      /* The monitors fed by SEC EDGAR are not bundled: offline they are left out, and say
       * why. */
      if (cc_indicator_is_edgar (i))
        {
          g_assert_false (ind->values[i].available);
          g_assert_nonnull (strstr (ind->values[i].sentence,
                                    "not available (no figures from SEC EDGAR are loaded)"));
          continue;
        }
      g_assert_true (ind->values[i].available);
    }
  g_assert_cmpfloat_with_epsilon (ind->values[CC_INDICATOR_SOX_EVENT_MOVE].value, -6.27, 0.005);
  /* The real 2026-10-05 close against the real 52-week high of 14655.29. */
  g_assert_cmpfloat_with_epsilon (ind->values[CC_INDICATOR_SOX_DRAWDOWN].value,
                                  (1 - 13128.23046875 / 14655.29) * 100, 0.01);
  g_assert_cmpfloat (ind->values[CC_INDICATOR_MEMORY_MINUS_GPU_EVENT].value, <, -5);
  g_assert_cmpfloat (ind->values[CC_INDICATOR_MONETISATION_EVENT].value, ==, 1);

  for (guint t = CC_TARGET_FIRST_PHASE; t < CC_TARGET_FIRST_SCENARIO; t++)
    sum += analysis->assessment->weight[t];
  g_assert_cmpfloat_with_epsilon (sum, 1, 1e-12);
  g_assert_false (analysis->assessment->phase.tie);
  g_assert_cmpint (analysis->assessment->phase.leading, ==, CC_TARGET_EFFICIENCY);
  /* The explanation names the event it used. */
  g_assert_true (analysis->assessment->event != NULL);
  g_assert_cmpstr (cc_event_get_id (analysis->assessment->event), ==, "2026-07-01-meta-compute");
  g_assert_nonnull (strstr (analysis->assessment->event_note, "Meta Compute announced"));

  /* The capex monitor shows Meta Compute, the latest capex signal before the as-of date. */
  g_assert_nonnull (analysis->monitors[CC_MONITOR_CAPEX]);
  g_assert_cmpint (cc_event_get_date (analysis->monitors[CC_MONITOR_CAPEX]), ==,
                   cc_date_from_ymd (2026, 7, 1));
  g_assert_nonnull (analysis->monitors[CC_MONITOR_MINER_CONTRACTS]);

  /* History: the real declines, and the note says where the article differs and why. */
  for (guint i = 0; i < analysis->cycles->len; i++)
    {
      const CcCycle *c = g_ptr_array_index (analysis->cycles, i);

      if (g_strcmp0 (c->id, "2000") == 0)
        {
          g_assert_cmpfloat_with_epsilon (c->depth * 100, 83.9, 0.05);
          g_assert_true (c->recovered);
          n_history++;
        }
      else if (g_strcmp0 (c->id, "2008") == 0)
        {
          g_assert_cmpfloat_with_epsilon (c->depth * 100, 68.7, 0.05);
          n_history++;
        }
      else if (g_strcmp0 (c->id, "2022") == 0)
        {
          g_assert_cmpfloat_with_epsilon (c->depth * 100, 46.5, 0.05);
          g_assert_cmpint (c->days_to_trough, >, 150);
          g_assert_true (c->recovered);
          n_history++;
        }
      else if (c->is_current)
        {
          g_assert_false (c->recovered);
          n_history++;
        }
    }
  g_assert_cmpuint (n_history, ==, 4);
  g_test_message ("%s", analysis->history_note);
  g_assert_nonnull (strstr (analysis->history_note, "82%"));
  g_assert_nonnull (strstr (analysis->history_note, "83.9%"));
  g_assert_nonnull (strstr (analysis->history_note, "35%"));
  g_assert_nonnull (strstr (analysis->history_note, "46.5%"));
  g_assert_nonnull (strstr (analysis->history_note, "June 2022"));
  /* The article's 2008 recovery date against the month-end closes (January 2018). */
  g_assert_nonnull (strstr (analysis->history_note, "2018"));
}

static void
test_as_of_before_the_end (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(CcRules) rules = cc_rules_new_builtin ();
  g_autoptr(CcAnalysis) analysis = NULL;
  const CcEventStudyRow *row;

  /* Two days after the event, the 21-day CAR cannot be known yet; the 3-day one can. */
  analysis = cc_analysis_new (dataset, cc_date_from_ymd (2026, 7, 1),
                              cc_date_from_ymd (2026, 7, 2), NULL, rules);
  g_assert_cmpint (analysis->as_of, ==, cc_date_from_ymd (2026, 7, 2));
  row = cc_analysis_find_row (analysis, "KLAC");
  g_assert_true (row->has_car[1]);
  g_assert_false (row->has_car[2]);
  g_assert_false (row->has_car[3]);
  g_clear_pointer (&analysis, cc_analysis_free);

  /* An as-of date past the data (or on a holiday) means the last close there is. */
  analysis = cc_analysis_new (dataset, cc_date_from_ymd (2026, 7, 1),
                              cc_date_from_ymd (2027, 1, 1), NULL, rules);
  g_assert_cmpint (analysis->as_of, ==, cc_date_from_ymd (2026, 10, 5));
  g_clear_pointer (&analysis, cc_analysis_free);
  analysis = cc_analysis_new (dataset, cc_date_from_ymd (2026, 7, 1),
                              cc_date_from_ymd (2026, 7, 4), NULL, rules);
  g_assert_cmpint (analysis->as_of, ==, cc_date_from_ymd (2026, 7, 2));
}

static void
test_event_outside_the_data (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(CcRules) rules = cc_rules_new_builtin ();
  g_autoptr(CcAnalysis) analysis = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) json = NULL;

  /* The 2000 peak: no daily data then. Nothing is made up; every gap says why. */
  analysis = cc_analysis_new (dataset, cc_date_from_ymd (2000, 3, 10),
                              cc_date_from_ymd (2026, 10, 5), NULL, rules);
  for (guint i = 0; i < analysis->rows->len; i++)
    {
      const CcEventStudyRow *row = g_ptr_array_index (analysis->rows, i);
      g_assert_false (row->has_return);
      g_assert_false (row->has_abnormal);
    }
  g_assert_cmpuint (analysis->ranked->len, ==, 0);
  g_assert_cmpuint (analysis->winners->len, ==, 0);
  g_assert_cmpuint (analysis->losers->len, ==, 0);
  /* Every stock row says why it has no model. */
  for (guint i = 0; i < analysis->rows->len; i++)
    {
      const CcEventStudyRow *row = g_ptr_array_index (analysis->rows, i);
      if (!row->is_market)
        g_assert_nonnull (row->model_problem);
    }
  /* The assessment does not depend on the event: it still uses the latest qualifying event
   * before the as-of date. */
  g_assert_true (analysis->assessment->indicators.values[CC_INDICATOR_SOX_EVENT_MOVE].available);
  g_assert_true (analysis->assessment->indicators.values[CC_INDICATOR_SOX_DRAWDOWN].available);
  text = cc_analysis_to_text (analysis);
  json = cc_analysis_to_json (analysis);
  g_assert_nonnull (text);
  g_assert_nonnull (json);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/analysis/bundled/event-day-anchors", test_event_day_anchors);
  g_test_add_func ("/analysis/bundled/hangs-together", test_analysis_hangs_together);
  g_test_add_func ("/analysis/bundled/as-of", test_as_of_before_the_end);
  g_test_add_func ("/analysis/bundled/event-outside-data", test_event_outside_the_data);

  return g_test_run ();
}
