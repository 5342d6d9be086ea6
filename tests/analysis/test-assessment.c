/* test-assessment.c: the phase and scenario assessment depends on the as-of date, the data, the
 * events and the rules, never on the selected event; the timeline equals a single evaluation
 * on every day; ties are called ties; one basket definition everywhere; winners and losers
 * never overlap; 52-week figures only with 52 weeks of data. */
#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "cc-analysis.h"
#include "cc-assessment.h"
#include "cc-bundled-dataset.h"
#include "cc-rebase.h"

static CcDataset *
load_bundled (void)
{
  g_autoptr(GError) error = NULL;
  CcDataset *dataset = cc_bundled_dataset_new (&error);

  g_assert_no_error (error);
  return dataset;
}

static void
assert_same_assessment (const CcAssessment *a,
                        const CcAssessment *b)
{
  /* Byte for byte: the same numbers, not merely close ones. */
  g_assert_cmpmem (a->weight, sizeof a->weight, b->weight, sizeof b->weight);
  g_assert_cmpmem (a->score, sizeof a->score, b->score, sizeof b->score);
  g_assert_cmpint (a->phase.leading, ==, b->phase.leading);
  g_assert_cmpint (a->scenario.leading, ==, b->scenario.leading);
  g_assert_cmpint (a->phase.tie, ==, b->phase.tie);
  g_assert_cmpstr (a->phase.lead, ==, b->phase.lead);
  g_assert_cmpstr (a->scenario.lead, ==, b->scenario.lead);
  g_assert_cmpstr (a->event_note, ==, b->event_note);
  for (guint t = 0; t < CC_N_TARGETS; t++)
    {
      g_assert_cmpuint (a->reasons[t]->len, ==, b->reasons[t]->len);
      for (guint i = 0; i < a->reasons[t]->len; i++)
        g_assert_cmpstr (((CcReason *) g_ptr_array_index (a->reasons[t], i))->sentence, ==,
                         ((CcReason *) g_ptr_array_index (b->reasons[t], i))->sentence);
    }
}

/* Clicking an event changes the event study, never the verdict. */
static void
test_selection_does_not_matter (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(CcRules) rules = cc_rules_new_builtin ();
  g_autoptr(CcAnalysis) reference = NULL;
  g_autoptr(CcEvent) fed = NULL;
  GPtrArray *events;
  CcDate as_of = cc_date_from_ymd (2026, 10, 5);
  guint n = 0;

  reference = cc_analysis_new (dataset, cc_date_from_ymd (2026, 7, 1), as_of, NULL, rules);

  /* A user's own event, present in the list and selected. */
  fed = cc_event_new (cc_date_from_ymd (2026, 9, 16), CC_EVENT_PRECISION_DAY, "Fed cuts rates");
  cc_event_set_category (fed, CC_EVENT_CATEGORY_USER);
  cc_event_set_user (fed, TRUE);
  cc_dataset_add_event (dataset, fed);

  events = cc_dataset_get_events (dataset);
  for (guint i = 0; i < events->len; i++)
    {
      CcEvent *event = g_ptr_array_index (events, i);
      g_autoptr(CcAnalysis) analysis = NULL;
      CcDate first, last;

      cc_event_get_span (event, &first, &last);
      analysis = cc_analysis_new (dataset, first, as_of, NULL, rules);
      g_test_message ("%s: %s / %s", cc_event_get_title (event),
                      analysis->assessment->phase.headline,
                      analysis->assessment->scenario.headline);
      assert_same_assessment (analysis->assessment, reference->assessment);
      n++;
    }
  g_assert_cmpuint (n, >=, 11);
  /* And it names the event it used. */
  g_assert_cmpstr (cc_event_get_id (reference->assessment->event), ==,
                   "2026-07-01-meta-compute");
}

static CcAssessment *
evaluate (CcDataset *dataset,
          int        year,
          int        month,
          int        day)
{
  return cc_assessment_evaluate (dataset, NULL, cc_date_from_ymd (year, month, day));
}

static gboolean
has_reason (const CcAssessment *a,
            CcTarget            target,
            const char         *rule)
{
  for (guint i = 0; i < a->reasons[target]->len; i++)
    if (g_str_equal (((CcReason *) g_ptr_array_index (a->reasons[target], i))->rule_id, rule))
      return TRUE;
  return FALSE;
}

/* Moving the as-of date changes the verdict as the built-in rules say. */
static void
test_as_of_moves_it (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(CcAssessment) before = evaluate (dataset, 2026, 6, 30);
  g_autoptr(CcAssessment) on = evaluate (dataset, 2026, 7, 1);
  g_autoptr(CcAssessment) saturday = evaluate (dataset, 2026, 7, 4);
  g_autoptr(CcAssessment) friday = evaluate (dataset, 2026, 7, 2);

  /* The day before Meta Compute no day-dated capacity event exists (May's is month-dated):
   * the event measures are left out and "no monetisation yet" leans to overbuild. */
  g_assert_null (before->event);
  g_assert_false (before->indicators.values[CC_INDICATOR_SOX_EVENT_MOVE].available);
  g_assert_nonnull (strstr (before->event_note, "There are no offers of spare AI computing "
                                                "capacity for sale or rent on or before 30 Jun "
                                                "2026"));
  g_assert_true (has_reason (before, CC_TARGET_OVERBUILD, "no-monetisation-yet"));
  g_assert_false (has_reason (before, CC_TARGET_EFFICIENCY, "capacity-being-monetised"));
  g_assert_cmpint (before->phase.leading, ==, CC_TARGET_OVERBUILD);

  /* On the day, it is in use: a 6.27% SOX fall and memory hit harder than GPUs. */
  g_assert_cmpstr (cc_event_get_id (on->event), ==, "2026-07-01-meta-compute");
  g_assert_cmpint (on->event_day, ==, cc_date_from_ymd (2026, 7, 1));
  g_assert_cmpfloat_with_epsilon (on->indicators.values[CC_INDICATOR_SOX_EVENT_MOVE].value,
                                  -6.27, 0.005);
  g_assert_true (has_reason (on, CC_TARGET_EFFICIENCY, "capacity-being-monetised"));
  g_assert_true (has_reason (on, CC_TARGET_EFFICIENCY, "memory-hit-harder-than-gpus"));
  g_assert_true (has_reason (on, CC_TARGET_BEAR, "event-shock"));
  g_assert_false (has_reason (on, CC_TARGET_OVERBUILD, "no-monetisation-yet"));
  /* Over the day before, efficiency gains +3 (capacity for sale), +1.5 (memory 7.7 points
   * worse than GPUs), +1 (neoclouds 5.3 points behind the SOX), +0.5 (the SOX shock) and +0.5
   * (memory normalising): 6.5, and now leads. */
  g_assert_cmpfloat_with_epsilon (before->score[CC_TARGET_EFFICIENCY], 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (on->score[CC_TARGET_EFFICIENCY], 7.5, 1e-12);
  g_assert_cmpint (on->phase.leading, ==, CC_TARGET_EFFICIENCY);
  g_assert_false (on->phase.tie);
  g_assert_nonnull (strstr (on->phase.lead, "surplus capacity being sold off"));
  g_assert_nonnull (strstr (on->phase.lead, "Meta Compute announced"));

  /* A Saturday (after a holiday Friday) means the last close: Thursday 2 July. */
  g_assert_cmpint (saturday->as_of, ==, cc_date_from_ymd (2026, 7, 2));
  assert_same_assessment (saturday, friday);
  g_assert_cmpint (saturday->requested_as_of, ==, cc_date_from_ymd (2026, 7, 4));

  /* Before the data: no assessment, and it says why. */
  {
    g_autoptr(CcAssessment) early = evaluate (dataset, 2025, 1, 2);
    g_assert_cmpint (early->as_of, ==, CC_DATE_INVALID);
    g_assert_nonnull (strstr (early->problem, "the data start on 2025-10-06"));
    g_assert_true (early->phase.tie);
  }
}

/* The latest qualifying event wins, a user's own included when the rules say it qualifies; an
 * event that does not qualify (wrong tags, a month's date, hidden) changes nothing. */
static void
test_latest_qualifying_event (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(CcAssessment) reference = evaluate (dataset, 2026, 10, 5);
  g_autoptr(CcEvent) rent = cc_event_new (cc_date_from_ymd (2026, 9, 1), CC_EVENT_PRECISION_DAY,
                                          "Cloud rents out idle GPUs");
  g_autoptr(CcEvent) monthly = cc_event_new (cc_date_from_ymd (2026, 9, 1),
                                             CC_EVENT_PRECISION_MONTH, "Rumour of GPU sales");
  g_autoptr(CcEvent) hidden = cc_event_new (cc_date_from_ymd (2026, 9, 15),
                                            CC_EVENT_PRECISION_DAY, "Hidden capacity sale");
  const char * const tags[] = { "capacity", NULL };
  g_autoptr(CcAssessor) assessor = NULL;
  g_autoptr(CcTimeline) timeline = NULL;
  g_autoptr(CcAssessment) with_rent = NULL;

  cc_event_set_tags (monthly, tags);
  cc_event_set_tags (hidden, tags);
  cc_event_set_hidden (hidden, TRUE);
  cc_dataset_add_event (dataset, monthly);
  cc_dataset_add_event (dataset, hidden);
  {
    g_autoptr(CcAssessment) same = evaluate (dataset, 2026, 10, 5);
    assert_same_assessment (same, reference);
  }

  cc_event_set_category (rent, CC_EVENT_CATEGORY_USER);
  cc_event_set_tags (rent, tags);
  cc_dataset_add_event (dataset, rent);
  with_rent = evaluate (dataset, 2026, 10, 5);
  g_assert_cmpstr (cc_event_get_title (with_rent->event), ==, "Cloud rents out idle GPUs");
  g_assert_cmpint (with_rent->event_day, ==, cc_date_from_ymd (2026, 9, 1));
  g_assert_nonnull (strstr (with_rent->event_note, "Cloud rents out idle GPUs"));
  g_assert_nonnull (strstr (with_rent->indicators.values[CC_INDICATOR_SOX_EVENT_MOVE].sentence,
                            "Cloud rents out idle GPUs"));
  /* Before it, Meta Compute is still the one. */
  {
    g_autoptr(CcAssessment) august = evaluate (dataset, 2026, 8, 31);
    g_assert_cmpstr (cc_event_get_id (august->event), ==, "2026-07-01-meta-compute");
  }
  /* The timeline switches on the same day. */
  assessor = cc_assessor_new (dataset, NULL);
  timeline = cc_assessor_timeline (assessor, CC_DATE_INVALID, CC_DATE_INVALID);
  g_assert_true (cc_timeline_find (timeline, cc_date_from_ymd (2026, 8, 31))->event !=
                 cc_timeline_find (timeline, cc_date_from_ymd (2026, 9, 1))->event);
  g_assert_cmpstr (cc_event_get_title (cc_timeline_find (timeline,
                                                         cc_date_from_ymd (2026, 9, 1))->event),
                   ==, "Cloud rents out idle GPUs");
}

/* A copy of @dataset that knows nothing after @as_of. */
static CcDataset *
truncate_dataset (CcDataset *dataset,
                  CcDate     as_of)
{
  CcDataset *copy = cc_dataset_new ();
  g_autoptr(GPtrArray) symbols = cc_dataset_list_symbols (dataset);
  GPtrArray *events = cc_dataset_get_events (dataset);

  for (guint i = 0; i < symbols->len; i++)
    {
      CcSeries *series = cc_dataset_get_series (dataset, g_ptr_array_index (symbols, i));
      g_autoptr(CcSeries) cut = cc_series_new (cc_series_get_symbol (series),
                                               cc_series_get_level_kind (series));
      guint n;
      const CcPoint *p = cc_series_get_points (series, &n);

      for (guint k = 0; k < n && p[k].date <= as_of; k++)
        cc_series_append (cut, p[k].date, p[k].close, p[k].provenance, p[k].flags);
      cc_dataset_set_series (copy, cut);
    }
  for (guint i = 0; i < events->len; i++)
    cc_dataset_add_event (copy, g_ptr_array_index (events, i));
  return copy;
}

/* The timeline is the same as evaluating each day on its own, on every day of the range. */
static void
test_timeline_equals_evaluation (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(CcAssessor) assessor = cc_assessor_new (dataset, NULL);
  g_autoptr(CcTimeline) timeline = cc_assessor_timeline (assessor, CC_DATE_INVALID,
                                                         CC_DATE_INVALID);
  CcSeries *sox = cc_dataset_get_series (dataset, CC_SYMBOL_SOX);
  guint changes = 0;

  g_assert_cmpuint (timeline->n_days, ==, cc_series_get_n_points (sox));
  for (guint i = 0; i < timeline->n_days; i++)
    {
      const CcTimelineDay *day = &timeline->days[i];
      /* A fresh snapshot each day, so nothing is shared with the timeline's pass. */
      g_autoptr(CcAssessment) a = cc_assessment_evaluate (dataset, NULL, day->date);
      const CcReason *top;

      g_assert_cmpint (day->date, ==, cc_series_get_point (sox, i)->date);
      g_assert_cmpint (a->as_of, ==, day->date);
      g_assert_cmpmem (day->weight, sizeof day->weight, a->weight, sizeof a->weight);
      g_assert_cmpint (day->leading_phase, ==, a->phase.leading);
      g_assert_cmpint (day->leading_scenario, ==, a->scenario.leading);
      g_assert_cmpint (day->phase_tie, ==, a->phase.tie);
      g_assert_cmpint (day->scenario_tie, ==, a->scenario.tie);
      g_assert_true (day->event == NULL ? a->event == NULL
                                        : g_str_equal (cc_event_get_id (day->event),
                                                       cc_event_get_id (a->event)));
      top = a->reasons[a->phase.leading]->len
              ? g_ptr_array_index (a->reasons[a->phase.leading], 0) : NULL;
      g_assert_cmpstr (day->top_rule_id, ==, top ? top->rule_id : NULL);
      g_assert_cmpstr (day->top_reason, ==, top ? top->sentence : NULL);
      if (i > 0 && day->leading_phase != timeline->days[i - 1].leading_phase)
        changes++;
    }
  /* The verdict moves at least once over the year (at the Meta Compute announcement). */
  g_assert_cmpuint (changes, >=, 1);
  g_assert_nonnull (cc_timeline_find (timeline, cc_date_from_ymd (2026, 7, 4)));
  g_assert_cmpint (cc_timeline_find (timeline, cc_date_from_ymd (2026, 7, 4))->date, ==,
                   cc_date_from_ymd (2026, 7, 2));
  g_assert_null (cc_timeline_find (timeline, cc_date_from_ymd (2025, 1, 1)));

  /* No look-ahead: a dataset cut at the as-of date gives the same answer. */
  {
    const CcDate days[] = {
      cc_date_from_ymd (2025, 12, 1), cc_date_from_ymd (2026, 6, 30),
      cc_date_from_ymd (2026, 7, 1), cc_date_from_ymd (2026, 8, 14),
      cc_date_from_ymd (2026, 10, 5),
    };

    for (guint i = 0; i < G_N_ELEMENTS (days); i++)
      {
        g_autoptr(CcDataset) cut = truncate_dataset (dataset, days[i]);
        g_autoptr(CcAssessment) a = cc_assessment_evaluate (cut, NULL, days[i]);
        const CcTimelineDay *day = cc_timeline_find (timeline, days[i]);

        g_assert_cmpint (day->date, ==, days[i]);
        g_assert_cmpmem (day->weight, sizeof day->weight, a->weight, sizeof a->weight);
      }
  }
}

/* Over more than a year, highs drop out of the trailing window: the timeline's queue must let
 * them go exactly when a fresh scan would. */
static void
test_timeline_long_series (void)
{
  g_autoptr(CcDataset) dataset = cc_dataset_new ();
  g_autoptr(CcSeries) sox = cc_series_new (CC_SYMBOL_SOX, CC_LEVEL_INDEX);
  g_autoptr(CcAssessor) assessor = NULL;
  g_autoptr(CcTimeline) timeline = NULL;
  CcDate day = cc_date_from_ymd (2024, 1, 2);
  guint spikes = 0;

  /* A saw-tooth with spikes at irregular days, equal highs included. */
  for (guint i = 0; i < 700; i++, day = cc_calendar_next_trading_day (day))
    {
      double close = 100 + (i * 7919 % 23) + (i % 97 == 5 ? 60 : 0) + (i % 131 == 3 ? 60 : 0);

      spikes += i % 97 == 5;
      cc_series_append (sox, day, close, CC_PROVENANCE_OBSERVED, 0);
    }
  g_assert_cmpuint (spikes, >, 3);
  cc_dataset_set_series (dataset, sox);
  assessor = cc_assessor_new (dataset, NULL);
  timeline = cc_assessor_timeline (assessor, CC_DATE_INVALID, CC_DATE_INVALID);
  g_assert_cmpuint (timeline->n_days, ==, 700);
  for (guint i = 0; i < timeline->n_days; i++)
    {
      g_autoptr(CcAssessment) a = cc_assessor_evaluate (assessor, timeline->days[i].date);

      g_assert_cmpmem (timeline->days[i].weight, sizeof timeline->days[i].weight, a->weight,
                       sizeof a->weight);
      g_assert_cmpstr (timeline->days[i].top_reason, ==,
                       ((CcReason *) g_ptr_array_index (a->reasons[a->phase.leading], 0))
                       ->sentence);
    }
  /* Part of the range, too. */
  {
    g_autoptr(CcTimeline) part = cc_assessor_timeline (assessor, timeline->days[400].date,
                                                       timeline->days[450].date);
    g_assert_cmpuint (part->n_days, ==, 51);
    g_assert_cmpstr (part->days[0].top_reason, ==, timeline->days[400].top_reason);
  }
}

static CcRules *
rules_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  CcRules *rules = cc_rules_new_from_data (json, -1, "ties.json", &error);

  g_assert_no_error (error);
  return rules;
}

/* Ties are called ties, on the numbers the reader sees. */
static void
test_ties (void)
{
  g_autoptr(CcRules) none = rules_from ("{\"format\": \"chipcycle-rules\", \"version\": 2, "
                                        "\"rules\": []}");
  g_autoptr(CcRules) two = rules_from (
    "{\"format\": \"chipcycle-rules\", \"version\": 2, \"rules\": ["
    "{\"id\": \"a\", \"indicator\": \"sox_drawdown\", \"min\": 0,"
    " \"evidence\": {\"bull\": 1, \"base\": 1, \"efficiency\": 0.5, \"absorption\": 0.49}}]}");
  CcIndicators ind;
  CcAssessment a;

  cc_indicators_init (&ind);
  cc_indicators_set (&ind, CC_INDICATOR_SOX_DRAWDOWN, 12);

  /* No rule: 33% each, a three-way tie, never "overbuild leads". */
  cc_assessment_init (&a);
  cc_assessment_apply_rules (&a, none, &ind);
  g_assert_true (a.phase.tie);
  g_assert_true (a.phase.tied[0] && a.phase.tied[1] && a.phase.tied[2]);
  g_assert_cmpstr (a.phase.headline, ==, "No clear lead: all three tie at 33%");
  g_assert_cmpstr (a.phase.lead, ==, "No clear lead: all three phases tie at 33%, so the data "
                                     "do not tell them apart yet.");
  g_assert_null (strstr (a.phase.headline, "leads"));
  cc_assessment_clear (&a);

  /* Bull 2, base 2, bear 1: 40/40/20, a two-way tie. Phases: 1, 1.5, 1.49 over 3.99 gives
   * 25.1%, 37.59% and 37.34%: shown as 38% and 37%, so efficiency leads (the shown numbers
   * differ). */
  cc_assessment_init (&a);
  cc_assessment_apply_rules (&a, two, &ind);
  g_assert_true (a.scenario.tie);
  g_assert_true (a.scenario.tied[0] && a.scenario.tied[1] && !a.scenario.tied[2]);
  g_assert_cmpstr (a.scenario.headline, ==,
                   "No clear lead: the bull case and the base case tie at 40%");
  g_assert_false (a.phase.tie);
  g_assert_cmpint (a.phase.leading, ==, CC_TARGET_EFFICIENCY);
  g_assert_cmpstr (a.phase.headline, ==, "Efficiency optimisation leads (38%)");
  cc_assessment_clear (&a);
  cc_indicators_clear (&ind);
}

/* 36.4% against 35.6% is "36%" and "36%" on screen: a tie, whatever the third decimal. */
static void
test_tie_on_shown_numbers (void)
{
  g_autoptr(CcRules) rules = rules_from (
    "{\"format\": \"chipcycle-rules\", \"version\": 2, "
    "\"prior\": {\"overbuild\": 36.4, \"efficiency\": 35.6, \"absorption\": 28, "
    "\"bull\": 36.6, \"base\": 35.4, \"bear\": 28}, \"rules\": []}");
  CcIndicators ind;
  CcAssessment a;

  cc_indicators_init (&ind);
  cc_assessment_init (&a);
  cc_assessment_apply_rules (&a, rules, &ind);
  g_assert_true (a.phase.tie);
  g_assert_cmpstr (a.phase.headline, ==,
                   "No clear lead: speculative overbuild and efficiency optimisation tie at 36%");
  /* 37% against 35%: a lead. */
  g_assert_false (a.scenario.tie);
  g_assert_cmpstr (a.scenario.headline, ==, "Bull case leads (37%)");
  cc_assessment_clear (&a);
  cc_indicators_clear (&ind);
}

/* One basket definition: the event study's basket rows and the indicators agree exactly. */
static void
test_one_basket_definition (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(CcAnalysis) analysis = NULL;
  const CcEventStudyRow *memory, *gpu;
  g_autoptr(CcSeries) mu_only = NULL;
  g_autoptr(GError) error = NULL;
  double expected;

  analysis = cc_analysis_new (dataset, cc_date_from_ymd (2026, 7, 1),
                              cc_date_from_ymd (2026, 10, 5), NULL, NULL);
  memory = cc_analysis_find_row (analysis, "basket:memory");
  gpu = cc_analysis_find_row (analysis, "basket:gpu");
  g_assert_cmpfloat (analysis->assessment->indicators.values[
                       CC_INDICATOR_MEMORY_MINUS_GPU_EVENT].value, ==,
                     (memory->event_return - gpu->event_return) * 100);

  /* Rebalanced daily: the day-0 return is the plain mean of the members' day-0 returns. */
  expected = (cc_analysis_find_row (analysis, "MU")->event_return +
              cc_analysis_find_row (analysis, "SNDK")->event_return) / 2;
  g_assert_cmpfloat_with_epsilon (memory->event_return, expected, 1e-12);

  /* The chart's basket (based at the close before the event) gives the same day-0 figure. */
  {
    CcSeries *members[] = { cc_dataset_get_series (dataset, "MU"),
                            cc_dataset_get_series (dataset, "SNDK") };
    g_autoptr(CcSeries) chart = cc_basket_new ("basket:memory", NULL, members, 2,
                                               cc_date_from_ymd (2026, 6, 30), CC_REBASE_GROWTH,
                                               cc_date_from_ymd (2026, 6, 1),
                                               cc_date_from_ymd (2026, 10, 5), &error);
    double close;

    g_assert_no_error (error);
    g_assert_true (cc_series_get_close (chart, cc_date_from_ymd (2026, 7, 1), &close));
    g_assert_cmpfloat_with_epsilon (close - 1, memory->event_return, 1e-15);
  }
  g_assert_nonnull (strstr (cc_basket_get_method_label (), "rebalanced daily"));
}

static void
assert_disjoint (CcAnalysis *analysis)
{
  for (guint i = 0; i < analysis->winners->len; i++)
    for (guint j = 0; j < analysis->losers->len; j++)
      g_assert_true (g_ptr_array_index (analysis->winners, i) !=
                     g_ptr_array_index (analysis->losers, j));
}

static void
test_winners_and_losers (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  CcDate event = cc_date_from_ymd (2026, 7, 1), as_of = cc_date_from_ymd (2026, 10, 5);
  const char * const one[] = { "MU", NULL };
  const char * const three[] = { "MU", "NVDA", "META", NULL };
  g_autoptr(CcAnalysis) all = cc_analysis_new (dataset, event, as_of, NULL, NULL);
  g_autoptr(CcAnalysis) single = cc_analysis_new (dataset, event, as_of, one, NULL);
  g_autoptr(CcAnalysis) small = cc_analysis_new (dataset, event, as_of, three, NULL);
  g_autoptr(CcAnalysis) empty = cc_analysis_new (dataset, cc_date_from_ymd (2000, 3, 10), as_of,
                                                 NULL, NULL);
  const CcEventStudyRow *prev = NULL;

  /* All 15 stocks: three each side, best first and worst first, by abnormal return. */
  g_assert_true (all->ranked_by_abnormal);
  g_assert_cmpuint (all->winners->len, ==, 3);
  g_assert_cmpuint (all->losers->len, ==, 3);
  assert_disjoint (all);
  g_assert_cmpstr (((CcEventStudyRow *) g_ptr_array_index (all->winners, 0))->item, ==, "META");
  for (guint i = 0; i < all->winners->len; i++)
    {
      const CcEventStudyRow *row = g_ptr_array_index (all->winners, i);
      g_assert_false (row->is_basket || row->is_market);
      if (prev)
        g_assert_cmpfloat (prev->abnormal_return, >=, row->abnormal_return);
      prev = row;
    }
  prev = NULL;
  for (guint i = 0; i < all->losers->len; i++)
    {
      const CcEventStudyRow *row = g_ptr_array_index (all->losers, i);
      if (prev)
        g_assert_cmpfloat (prev->abnormal_return, <=, row->abnormal_return);
      prev = row;
    }
  /* Every stock with a worse abnormal return than the third loser is a loser. */
  for (guint i = 0; i < all->rows->len; i++)
    {
      const CcEventStudyRow *row = g_ptr_array_index (all->rows, i);
      const CcEventStudyRow *third = g_ptr_array_index (all->losers, 2);

      if (!row->is_basket && !row->is_market && row->has_abnormal &&
          row->abnormal_return < third->abnormal_return)
        g_assert_true (g_ptr_array_find (all->losers, row, NULL));
    }

  /* One stock, a loser on the day: never both a winner and a loser. */
  g_assert_cmpuint (single->winners->len + single->losers->len, ==, 1);
  g_assert_cmpuint (single->losers->len, ==, 1);
  /* Three stocks: one each side. */
  g_assert_cmpuint (small->winners->len, ==, 1);
  g_assert_cmpuint (small->losers->len, ==, 1);
  assert_disjoint (small);
  /* No returns at all: both empty. */
  g_assert_cmpuint (empty->winners->len, ==, 0);
  g_assert_cmpuint (empty->losers->len, ==, 0);

  /* The default view has one stock and two baskets: the baskets rank with it, so the memory
   * basket (-3.37% abnormal on the day) is the loser beside META, never "none"; ^SOX never ranks. */
  {
    const char * const view[] = { "^SOX", "basket:memory", "basket:gpu", "META", NULL };
    g_autoptr(CcAnalysis) dflt = cc_analysis_new (dataset, event, as_of, view, NULL);
    g_autofree char *w = cc_analysis_format_side (dflt, TRUE);
    g_autofree char *l = cc_analysis_format_side (dflt, FALSE);
    g_autofree char *none_w = cc_analysis_format_side (empty, TRUE);
    g_autofree char *dash = cc_analysis_format_side (single, TRUE);

    g_assert_cmpuint (dflt->winners->len, ==, 1);
    g_assert_cmpuint (dflt->losers->len, ==, 1);
    assert_disjoint (dflt);
    g_assert_cmpstr (((CcEventStudyRow *) g_ptr_array_index (dflt->winners, 0))->item, ==, "META");
    g_assert_cmpstr (((CcEventStudyRow *) g_ptr_array_index (dflt->losers, 0))->item, ==,
                     "basket:memory");
    g_assert_true (g_str_has_prefix (w, "META +"));
    g_assert_true (g_str_has_prefix (l, "Memory basket \u221211.00%"));
    g_assert_cmpstr (none_w, ==, "none");
    g_assert_cmpstr (dash, ==, "—");
  }
}

/* Every session from @first to @last, closing at 100 + i % 7, and at @spike_close on
 * @spike_day. */
static CcSeries *
sessions (CcDate first,
          CcDate last,
          CcDate spike_day,
          double spike_close)
{
  CcSeries *s = cc_series_new ("^SOX", CC_LEVEL_INDEX);
  guint i = 0;

  for (CcDate day = cc_calendar_trading_day_on_or_after (first); day <= last;
       day = cc_calendar_next_trading_day (day), i++)
    cc_series_append (s, day, day == spike_day ? spike_close : 100 + i % 7,
                      CC_PROVENANCE_OBSERVED, 0);
  return s;
}

/* "52-week high" only when the data reach back to the first session of the 52 weeks; otherwise
 * the high since the first day. The window is the calendar's 52 weeks, worked out by hand:
 * - to Mon 5 Oct 2026 it starts on Mon 6 Oct 2025 (364 days earlier) and holds 251 sessions:
 *   261 weekdays less 10 holidays (27 Nov, 25 Dec 2025; 1 Jan, 19 Jan, 16 Feb, 3 Apr, 25 May,
 *   19 Jun, 3 Jul, 7 Sep 2026), which is what the bundled daily ^SOX has;
 * - to Wed 24 Dec 2025 it starts on Thu 26 Dec 2024, since 364 days earlier is Christmas. */
static void
test_52_week_rule (void)
{
  CcDate oct5 = cc_date_from_ymd (2026, 10, 5);
  g_autoptr(CcSeries) year = sessions (cc_date_from_ymd (2025, 10, 6), oct5, CC_DATE_INVALID, 0);
  g_autoptr(CcSeries) short_s = sessions (cc_date_from_ymd (2025, 10, 7), oct5,
                                          cc_date_from_ymd (2025, 10, 20), 150);
  /* A higher close three days before the window: not part of the 52-week high. */
  g_autoptr(CcSeries) longer = sessions (cc_date_from_ymd (2025, 10, 1), oct5,
                                         cc_date_from_ymd (2025, 10, 3), 200);
  g_autoptr(CcSeries) christmas = sessions (cc_date_from_ymd (2024, 12, 26),
                                            cc_date_from_ymd (2025, 12, 24), CC_DATE_INVALID, 0);
  g_autoptr(CcSeries) christmas_short = sessions (cc_date_from_ymd (2024, 12, 27),
                                                  cc_date_from_ymd (2025, 12, 24),
                                                  CC_DATE_INVALID, 0);
  CcDrawdown dd;
  g_autofree char *short_text = NULL;
  g_autofree char *full_text = NULL;

  g_assert_cmpint (cc_52_weeks_first (oct5), ==, cc_date_from_ymd (2025, 10, 6));
  g_assert_cmpint (cc_52_weeks_first (cc_date_from_ymd (2025, 12, 24)), ==,
                   cc_date_from_ymd (2024, 12, 26));
  g_assert_cmpuint (cc_series_get_n_points (year), ==, 251);

  /* The whole 52 weeks: a 52-week high, from 251 sessions. */
  g_assert_true (cc_drawdown_from_52_week_high (year, oct5, &dd));
  g_assert_true (dd.full_window);
  g_assert_cmpint (dd.first_date, ==, cc_date_from_ymd (2025, 10, 6));
  full_text = cc_drawdown_describe_high (&dd);
  g_assert_cmpstr (full_text, ==, "52-week high");

  /* One session short: not enough history to call it that. */
  g_assert_true (cc_drawdown_from_52_week_high (short_s, oct5, &dd));
  g_assert_false (dd.full_window);
  g_assert_cmpint (dd.first_date, ==, cc_date_from_ymd (2025, 10, 7));
  g_assert_cmpfloat (dd.high, ==, 150);
  short_text = cc_drawdown_describe_high (&dd);
  g_assert_cmpstr (short_text, ==, "high since 7 Oct 2025");

  /* More data than the window: the high is the 52 weeks', without the 200 of 3 Oct 2025. */
  g_assert_true (cc_drawdown_from_52_week_high (longer, oct5, &dd));
  g_assert_true (dd.full_window);
  g_assert_cmpint (dd.first_date, ==, cc_date_from_ymd (2025, 10, 6));
  g_assert_cmpfloat (dd.high, ==, 106);

  /* A window that starts after a holiday. */
  g_assert_true (cc_drawdown_from_52_week_high (christmas, cc_date_from_ymd (2025, 12, 24), &dd));
  g_assert_true (dd.full_window);
  g_assert_true (cc_drawdown_from_52_week_high (christmas_short, cc_date_from_ymd (2025, 12, 24),
                                                &dd));
  g_assert_false (dd.full_window);

  /* The assessment's sentence follows the same rule, on both of its paths. */
  {
    g_autoptr(CcDataset) dataset = cc_dataset_new ();
    g_autoptr(CcRules) rules = cc_rules_new_builtin ();
    g_autoptr(CcAssessment) a = NULL;

    cc_dataset_set_series (dataset, short_s);
    a = cc_assessment_evaluate (dataset, rules, oct5);
    g_assert_nonnull (strstr (a->indicators.values[CC_INDICATOR_SOX_DRAWDOWN].sentence,
                              "since 7 Oct 2025"));
    g_assert_null (strstr (a->indicators.values[CC_INDICATOR_SOX_DRAWDOWN].sentence, "year"));
    g_clear_pointer (&a, cc_assessment_free);
    cc_dataset_set_series (dataset, year);
    a = cc_assessment_evaluate (dataset, rules, oct5);
    g_assert_nonnull (strstr (a->indicators.values[CC_INDICATOR_SOX_DRAWDOWN].sentence,
                              "of the past year"));
    g_clear_pointer (&a, cc_assessment_free);
    cc_dataset_set_series (dataset, longer);
    a = cc_assessment_evaluate (dataset, rules, oct5);
    /* 106 is the high: (106 - close) / 106, never against the 200 before the window. */
    g_assert_cmpfloat (a->indicators.values[CC_INDICATOR_SOX_DRAWDOWN].value, <, 6);
  }
}

/* The lead sentence gives its two pieces of evidence as a clause after the colon and then a
 * sentence of its own, in English, German and French alike: the second keeps its capital (no
 * "…, et l’année …" read as one more item of the first one's list, no "und Am Tag …"), and is
 * word for word the indicator's sentence. Checked on every day of the bundled data. */
static void
test_lead_joins_evidence (gconstpointer user_data)
{
  const char * const *lang = user_data;   /* LANGUAGE, locale */

  if (setlocale (LC_ALL, lang[1]) == NULL)
    {
      g_test_skip ("the locale is not installed");
      return;
    }
  setlocale (LC_ALL, "C.UTF-8");
  if (g_test_subprocess ())
    {
      g_autofree char *po_dir = g_build_filename (g_getenv ("CHIPCYCLE_BUILD_ROOT"), "po",
                                                  NULL);
      g_autoptr(CcDataset) dataset = NULL;
      g_autoptr(CcRules) rules = cc_rules_new_builtin ();
      g_autoptr(CcAssessor) assessor = NULL;
      CcSeries *sox;
      guint two = 0, one = 0;

      g_setenv ("LANGUAGE", lang[0], TRUE);
      g_assert_nonnull (setlocale (LC_ALL, lang[1]));
      bindtextdomain (GETTEXT_PACKAGE, po_dir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      dataset = load_bundled ();
      assessor = cc_assessor_new (dataset, rules);
      sox = cc_dataset_get_series (dataset, CC_SYMBOL_SOX);
      for (guint i = 0; i < cc_series_get_n_points (sox); i++)
        {
          g_autoptr(CcAssessment) a = cc_assessor_evaluate (assessor,
                                                            cc_series_get_point (sox, i)->date);

          for (guint v = 0; v < 2; v++)
            {
              const CcVerdict *verdict = v == 0 ? &a->phase : &a->scenario;
              gboolean joined = FALSE;

              if (verdict->tie)
                continue;
              for (guint k = 0; k < CC_N_INDICATORS && !joined; k++)
                {
                  const char *sentence = a->indicators.values[k].sentence;
                  g_autofree char *tail = g_strdup_printf (". %s.", sentence);

                  if (sentence == NULL || !g_str_has_suffix (verdict->lead, tail))
                    continue;
                  /* A sentence of its own: it starts with a capital. */
                  g_assert_true (g_unichar_isupper (g_utf8_get_char (sentence)));
                  joined = TRUE;
                }
              if (joined)
                two++;
              else
                one++;
              /* Never joined by a conjunction after a comma. */
              g_assert_null (strstr (verdict->lead, ", and "));
              g_assert_null (strstr (verdict->lead, ", et l"));
              g_assert_null (strstr (verdict->lead, ", et d"));
              g_assert_null (strstr (verdict->lead, " und Am "));
              g_assert_null (strstr (verdict->lead, " und Seit "));
            }
        }
      g_test_message ("%s: %u leads with two pieces of evidence, %u with one", lang[0], two,
                      one);
      g_assert_cmpuint (two, >=, 50);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assessment/selection-does-not-matter", test_selection_does_not_matter);
  g_test_add_func ("/assessment/as-of-moves-it", test_as_of_moves_it);
  g_test_add_func ("/assessment/latest-qualifying-event", test_latest_qualifying_event);
  g_test_add_func ("/assessment/timeline-equals-evaluation", test_timeline_equals_evaluation);
  g_test_add_func ("/assessment/timeline-long-series", test_timeline_long_series);
  g_test_add_func ("/assessment/ties", test_ties);
  g_test_add_func ("/assessment/tie-on-shown-numbers", test_tie_on_shown_numbers);
  g_test_add_func ("/assessment/one-basket-definition", test_one_basket_definition);
  g_test_add_func ("/assessment/winners-and-losers", test_winners_and_losers);
  g_test_add_func ("/assessment/52-week-rule", test_52_week_rule);
  {
    static const char * const en[] = { "C", "C.UTF-8" };
    static const char * const de[] = { "de", "de_DE.UTF-8" };
    static const char * const fr[] = { "fr", "fr_FR.UTF-8" };

    g_test_add_data_func ("/assessment/lead-joins-evidence/en", en, test_lead_joins_evidence);
    g_test_add_data_func ("/assessment/lead-joins-evidence/de", de, test_lead_joins_evidence);
    g_test_add_data_func ("/assessment/lead-joins-evidence/fr", fr, test_lead_joins_evidence);
  }

  return g_test_run ();
}
