/* test-portfolio.c: a portfolio's series, exposure and stress test on small portfolios, each
 * number worked out by hand, and `chipcycle analyze --portfolio` as a user runs it. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cc-analysis.h"
#include "cc-bundled-dataset.h"
#include "cc-exposure.h"
#include "cc-portfolio-file.h"
#include "../cc-test-cli.h"

static CcDate
d (const char *iso)
{
  CcDate date = CC_DATE_INVALID;

  g_assert_true (cc_date_parse_iso (iso, &date));
  return date;
}

/* A price series in USD on consecutive trading days from 2026-06-26 (a Friday). */
static CcSeries *
make (const char   *symbol,
      CcLevelKind   level,
      const double *closes,
      guint         n)
{
  CcSeries *s = cc_series_new (symbol, level);
  CcDate day = d ("2026-06-26");

  if (level == CC_LEVEL_PRICE)
    cc_series_set_currency (s, "USD");
  for (guint i = 0; i < n; i++, day = cc_calendar_next_trading_day (day))
    cc_series_append (s, day, closes[i],
                      i == 2 && g_str_equal (symbol, "MU") ? CC_PROVENANCE_RECONSTRUCTED
                                                           : CC_PROVENANCE_OBSERVED, 0);
  return s;
}

static void
add (CcDataset    *dataset,
     const char   *symbol,
     CcLevelKind   level,
     const double *closes,
     guint         n)
{
  g_autoptr(CcSeries) s = make (symbol, level, closes, n);

  cc_dataset_set_series (dataset, s);
}

static void
hold (CcPortfolio *portfolio,
      const char  *ticker,
      double       amount,
      double       cost)
{
  g_autoptr(CcHolding) h = cc_holding_new (ticker, amount);

  h->cost = cost;
  cc_portfolio_set_holding (portfolio, h);
}

static const CcExposureHolding *
find (CcExposure *e,
      const char *ticker)
{
  for (guint i = 0; i < e->holdings->len; i++)
    {
      const CcExposureHolding *h = g_ptr_array_index (e->holdings, i);

      if (g_str_equal (h->ticker, ticker))
        return h;
    }
  g_assert_not_reached ();
}

static gboolean
notes_mention (CcExposure *e,
               const char *a,
               const char *b)
{
  for (guint i = 0; i < e->notes->len; i++)
    if (strstr (g_ptr_array_index (e->notes, i), a) && strstr (g_ptr_array_index (e->notes, i), b))
      return TRUE;
  return FALSE;
}

/* Four days: 26 Jun, 29 Jun, 30 Jun, 1 Jul. */
static const double sox[] = { 1000, 1010, 1000, 1030 };
static const double nvda[] = { 100, 110, 99, 120 };
static const double mu[] = { 50, 50, 60, 45 };

static CcDataset *
small_dataset (CcLevelKind mu_level)
{
  CcDataset *dataset = cc_dataset_new ();

  add (dataset, CC_SYMBOL_SOX, CC_LEVEL_PRICE, sox, 4);
  add (dataset, "NVDA", CC_LEVEL_PRICE, nvda, 4);
  add (dataset, "MU", mu_level, mu, 4);
  return dataset;
}

/* 10 NVDA and 20 MU: 2000, 2100, 2190, 2100 USD; NVDA's weight 1100/2100 on 29 Jun and
 * 1200/2100 on 1 Jul. */
static void
test_value_weights (void)
{
  g_autoptr(CcDataset) dataset = small_dataset (CC_LEVEL_PRICE);
  g_autoptr(CcPortfolio) portfolio = cc_portfolio_new ("Mine", CC_HOLDING_SHARES);
  g_autoptr(CcScenarios) scenarios = cc_scenarios_new_builtin ();
  g_autoptr(CcExposure) e1 = NULL;
  g_autoptr(CcExposure) e3 = NULL;
  const CcPoint *points;
  guint n;

  hold (portfolio, "NVDA", 10, 0);
  hold (portfolio, "MU", 20, 0);
  e1 = cc_exposure_compute (dataset, portfolio, scenarios, NULL, CC_DATE_INVALID,
                            d ("2026-06-29"));
  e3 = cc_exposure_compute (dataset, portfolio, scenarios, NULL, CC_DATE_INVALID,
                            CC_DATE_INVALID);
  g_assert_null (e3->problem);
  g_assert_cmpint (e3->weighting, ==, CC_WEIGHTING_VALUE);
  g_assert_cmpstr (e3->currency, ==, "USD");

  points = cc_series_get_points (e3->series, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (cc_series_get_level_kind (e3->series), ==, CC_LEVEL_PRICE);
  g_assert_cmpfloat_with_epsilon (points[0].close, 2000, 1e-9);
  g_assert_cmpfloat_with_epsilon (points[1].close, 2100, 1e-9);
  g_assert_cmpfloat_with_epsilon (points[2].close, 2190, 1e-9);
  g_assert_cmpfloat_with_epsilon (points[3].close, 2100, 1e-9);
  /* Returns: +5%, +4.2857%, -4.1096% */
  g_assert_cmpfloat_with_epsilon (points[2].close / points[1].close - 1, 90.0 / 2100, 1e-12);
  g_assert_cmpfloat_with_epsilon (points[3].close / points[2].close - 1, -90.0 / 2190, 1e-12);
  /* MU's reconstructed bar makes that day, and the whole portfolio, reconstructed. */
  g_assert_cmpint (points[2].provenance, ==, CC_PROVENANCE_RECONSTRUCTED);
  g_assert_cmpint (points[3].provenance, ==, CC_PROVENANCE_OBSERVED);
  g_assert_cmpint (e3->provenance, ==, CC_PROVENANCE_RECONSTRUCTED);
  g_assert_nonnull (strstr (e3->provenance_sentence, "reconstructed"));

  g_assert_cmpint (e1->as_of, ==, d ("2026-06-29"));
  g_assert_cmpfloat_with_epsilon (find (e1, "NVDA")->weight, 1100.0 / 2100, 1e-12);
  g_assert_cmpfloat_with_epsilon (find (e1, "MU")->weight, 1000.0 / 2100, 1e-12);
  g_assert_cmpint (e1->provenance, ==, CC_PROVENANCE_OBSERVED);
  g_assert_cmpfloat_with_epsilon (find (e3, "NVDA")->weight, 1200.0 / 2100, 1e-12);
  g_assert_cmpfloat_with_epsilon (find (e3, "MU")->weight, 900.0 / 2100, 1e-12);
  g_assert_cmpfloat_with_epsilon (find (e3, "NVDA")->value, 1200, 1e-9);
  g_assert_cmpfloat_with_epsilon (e3->value, 2100, 1e-9);
  /* Largest first */
  g_assert_cmpstr (((CcExposureHolding *) g_ptr_array_index (e3->holdings, 0))->ticker, ==,
                   "NVDA");
  /* Groups: GPU 4/7, memory 3/7; base case 4/7 × 0 + 3/7 × -20% = -8.5714%, -180 USD */
  g_assert_cmpfloat_with_epsilon (e3->group_weight[CC_EXPOSURE_GPU], 4.0 / 7, 1e-12);
  g_assert_cmpfloat_with_epsilon (e3->group_weight[CC_EXPOSURE_MEMORY], 3.0 / 7, 1e-12);
  g_assert_cmpfloat_with_epsilon (e3->scenario_change[1], -0.6 / 7, 1e-12);
  g_assert_cmpfloat_with_epsilon (e3->scenario_amount[1], -180, 1e-9);
  g_assert_nonnull (strstr (e3->scenario_sentence[1], "\u22128.57%"));
  g_assert_nonnull (strstr (e3->scenario_sentence[1], "-180.00 USD"));
}

/* Weights 3:1 held fixed, rebalanced daily: 100, 107.5, 104.8125, then
 * × (1 + 0.75 × 21/99 - 0.25 × 0.25). */
static void
test_fixed_weights (void)
{
  g_autoptr(CcDataset) dataset = small_dataset (CC_LEVEL_PRICE);
  g_autoptr(CcPortfolio) portfolio = cc_portfolio_new ("Weights", CC_HOLDING_WEIGHT);
  g_autoptr(CcScenarios) scenarios = cc_scenarios_new_builtin ();
  g_autoptr(CcExposure) e = NULL;
  const CcPoint *points;
  guint n;

  hold (portfolio, "NVDA", 3, 0);
  hold (portfolio, "MU", 1, 0);
  e = cc_exposure_compute (dataset, portfolio, scenarios, NULL, CC_DATE_INVALID,
                           CC_DATE_INVALID);
  g_assert_null (e->problem);
  g_assert_cmpint (e->weighting, ==, CC_WEIGHTING_GIVEN);
  g_assert_null (e->currency);
  g_assert_true (isnan (e->value) && isnan (e->scenario_amount[0]));
  points = cc_series_get_points (e->series, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (cc_series_get_level_kind (e->series), ==, CC_LEVEL_INDEX);
  g_assert_cmpfloat_with_epsilon (points[0].close, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (points[1].close, 107.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (points[2].close, 104.8125, 1e-9);
  g_assert_cmpfloat_with_epsilon (points[3].close,
                                  104.8125 * (1 + 0.75 * 21.0 / 99 - 0.25 * 0.25), 1e-9);
  g_assert_cmpfloat_with_epsilon (find (e, "NVDA")->weight, 0.75, 1e-12);
}

/* Shares of an index-level series are never multiplied by the level: the portfolio falls back
 * to fixed weights (by cost when every position has one, equally otherwise) and says so. */
static void
test_index_level_shares (void)
{
  g_autoptr(CcDataset) dataset = small_dataset (CC_LEVEL_INDEX);
  g_autoptr(CcPortfolio) portfolio = cc_portfolio_new ("Mixed", CC_HOLDING_SHARES);
  g_autoptr(CcScenarios) scenarios = cc_scenarios_new_builtin ();
  g_autoptr(CcExposure) equal = NULL;
  g_autoptr(CcExposure) cost = NULL;

  hold (portfolio, "NVDA", 10, 0);
  hold (portfolio, "MU", 20, 0);
  equal = cc_exposure_compute (dataset, portfolio, scenarios, NULL, CC_DATE_INVALID,
                               CC_DATE_INVALID);
  g_assert_cmpint (equal->weighting, ==, CC_WEIGHTING_EQUAL);
  g_assert_true (notes_mention (equal, "MU", "index level"));
  g_assert_false (notes_mention (equal, "NVDA", "index level"));
  g_assert_null (equal->currency);
  g_assert_cmpfloat_with_epsilon (cc_series_get_first (equal->series)->close, 100, 1e-9);
  /* Day 1: (+10% + 0%) / 2 */
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (equal->series, 1)->close, 105, 1e-9);
  g_assert_cmpfloat_with_epsilon (find (equal, "MU")->weight, 0.5, 1e-12);

  /* 10 × 90 and 20 × 45 at cost: half and half again; 10 × 90 and 20 × 90: a third and two */
  hold (portfolio, "NVDA", 10, 90);
  hold (portfolio, "MU", 20, 90);
  cost = cc_exposure_compute (dataset, portfolio, scenarios, NULL, CC_DATE_INVALID,
                              CC_DATE_INVALID);
  g_assert_cmpint (cost->weighting, ==, CC_WEIGHTING_COST);
  g_assert_cmpfloat_with_epsilon (find (cost, "MU")->weight, 2.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (cost->series, 1)->close,
                                  100 * (1 + 0.1 / 3), 1e-9);
}

/* A ticker without prices is left out by name; none with prices is a problem, not a crash. */
static void
test_missing_prices (void)
{
  g_autoptr(CcDataset) dataset = small_dataset (CC_LEVEL_PRICE);
  g_autoptr(CcPortfolio) portfolio = cc_portfolio_new ("Gaps", CC_HOLDING_WEIGHT);
  g_autoptr(CcPortfolio) none = cc_portfolio_new ("None", CC_HOLDING_WEIGHT);
  g_autoptr(CcScenarios) scenarios = cc_scenarios_new_builtin ();
  g_autoptr(CcExposure) e = NULL;
  g_autoptr(CcExposure) empty = NULL;
  g_autoptr(CcHolding) amd = cc_holding_new ("AMD", 1);

  amd->line = 4;
  cc_portfolio_set_holding (portfolio, amd);
  hold (portfolio, "NVDA", 1, 0);
  e = cc_exposure_compute (dataset, portfolio, scenarios, NULL, CC_DATE_INVALID,
                           CC_DATE_INVALID);
  g_assert_null (e->problem);
  g_assert_true (notes_mention (e, "AMD (line 4)", "no prices"));
  g_assert_cmpuint (e->holdings->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (find (e, "NVDA")->weight, 1, 1e-12);

  cc_portfolio_set_holding (none, amd);
  empty = cc_exposure_compute (dataset, none, scenarios, NULL, CC_DATE_INVALID, CC_DATE_INVALID);
  g_assert_nonnull (empty->problem);
  g_assert_null (empty->series);
}

/* 40/30/20/10 in NVDA, MU, KLAC, META. Herfindahl .16 + .09 + .04 + .01 = .30, top three 90%.
 * Bull: .4 × 20 + .3 × 10 + .2 × 15 + .1 × 10 = 15%; base: 0 - 6 - 2 + 0.5 = -7.5%;
 * bear: -16 - 15 - 9 - 3 = -43%. Weighted 20/50/30: 3 - 3.75 - 12.9 = -13.65%. */
static void
test_groups_concentration_scenarios (void)
{
  g_autoptr(CcDataset) dataset = small_dataset (CC_LEVEL_PRICE);
  g_autoptr(CcPortfolio) portfolio = cc_portfolio_new ("Four", CC_HOLDING_WEIGHT);
  g_autoptr(CcScenarios) scenarios = cc_scenarios_new_builtin ();
  g_autoptr(CcExposure) e = NULL;
  const double weights[] = { 0.2, 0.5, 0.3 };
  g_autofree char *text = NULL;
  g_autoptr(GRegex) advice = g_regex_new ("\\b(buy|sell|sold|purchase|overweight|underweight)",
                                          G_REGEX_CASELESS, 0, NULL);

  add (dataset, "KLAC", CC_LEVEL_PRICE, nvda, 4);
  add (dataset, "META", CC_LEVEL_PRICE, mu, 4);
  hold (portfolio, "NVDA", 40, 0);
  hold (portfolio, "MU", 30, 0);
  hold (portfolio, "KLAC", 20, 0);
  hold (portfolio, "META", 10, 0);
  e = cc_exposure_compute (dataset, portfolio, scenarios, weights, CC_DATE_INVALID,
                           CC_DATE_INVALID);
  g_assert_null (e->problem);
  g_assert_cmpfloat_with_epsilon (e->herfindahl, 0.30, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->top3, 0.90, 1e-12);
  g_assert_nonnull (strstr (e->concentration_sentence, "0.3000"));
  g_assert_nonnull (strstr (e->concentration_sentence, "90.0%"));
  g_assert_cmpfloat_with_epsilon (e->group_weight[CC_EXPOSURE_GPU], 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->group_weight[CC_EXPOSURE_MEMORY], 0.3, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->group_weight[CC_EXPOSURE_EQUIPMENT], 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->group_weight[CC_EXPOSURE_HYPERSCALER], 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->group_weight[CC_EXPOSURE_OTHER], 0, 1e-12);
  g_assert_cmpstr (e->group_sentence, ==, "By group: GPU & chip designers 40.0%, Memory 30.0%, "
                   "Equipment 20.0%, Hyperscaler 10.0%.");

  g_assert_cmpfloat_with_epsilon (e->scenario_change[0], 0.15, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->scenario_change[1], -0.075, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->scenario_change[2], -0.43, 1e-12);
  g_assert_cmpfloat_with_epsilon (e->expectation, -0.1365, 1e-12);
  g_assert_nonnull (strstr (e->scenario_sentence[0], "+15.00%"));
  g_assert_nonnull (strstr (e->scenario_sentence[1], "Memory 30.0% × \u221220%"));
  g_assert_nonnull (strstr (e->scenario_sentence[2], "\u221243.00%"));
  g_assert_nonnull (strstr (e->expectation_sentence, "\u221213.65%"));
  g_assert_nonnull (strstr (e->expectation_sentence, "50% × \u22127.50%"));
  /* Each holding's share of the bull-bear gap: NVDA .4 × 60, MU .3 × 60, KLAC .2 × 60,
   * META .1 × 40: 24 + 18 + 12 + 4 = 58 points. */
  g_assert_cmpfloat_with_epsilon (find (e, "META")->spread, 0.04, 1e-12);
  g_assert_cmpfloat_with_epsilon (find (e, "MU")->contribution[1], -0.06, 1e-12);
  g_assert_nonnull (strstr (e->answer, "50.0% in the groups it favours"));
  g_assert_nonnull (strstr (e->answer, "Of the 58.0 points"));
  g_assert_nonnull (strstr (e->answer, "NVDA (41.4%)"));

  text = cc_exposure_to_text (e);
  g_assert_nonnull (strstr (text, cc_analysis_get_disclaimer ()));
  g_assert_false (g_regex_match (advice, text, 0, NULL));
}

/* The portfolio returns 0.1% + 2 × the SOX's every day: beta 2 exactly, and on the event day
 * 5 points more: an abnormal return of 5%. */
static void
fill_beta_dataset (CcDataset *dataset,
                   guint      n_days,
                   guint      event_index,
                   CcDate    *event_day)
{
  g_autoptr(CcSeries) s = cc_series_new (CC_SYMBOL_SOX, CC_LEVEL_PRICE);
  g_autoptr(CcSeries) p = cc_series_new ("NVDA", CC_LEVEL_PRICE);
  CcDate day = d ("2025-06-02");
  double sx = 1000, px = 100;

  cc_series_set_currency (p, "USD");
  for (guint i = 0; i < n_days; i++, day = cc_calendar_next_trading_day (day))
    {
      if (i > 0)
        {
          double rm = 0.01 * sin (i * 1.7) + 0.003 * cos (i * 0.3);
          double rp = 0.001 + 2 * rm + (i == event_index ? 0.05 : 0);

          sx *= 1 + rm;
          px *= 1 + rp;
        }
      if (i == event_index)
        *event_day = day;
      cc_series_append (s, day, sx, CC_PROVENANCE_OBSERVED, 0);
      cc_series_append (p, day, px, CC_PROVENANCE_OBSERVED, 0);
    }
  cc_dataset_set_series (dataset, s);
  cc_dataset_set_series (dataset, p);
}

static void
test_beta_event_history (void)
{
  g_autoptr(CcDataset) dataset = cc_dataset_new ();
  g_autoptr(CcDataset) short_dataset = cc_dataset_new ();
  g_autoptr(CcPortfolio) portfolio = cc_portfolio_new ("One", CC_HOLDING_SHARES);
  g_autoptr(CcScenarios) scenarios = cc_scenarios_new_builtin ();
  g_autoptr(CcExposure) e = NULL;
  g_autoptr(CcExposure) s = NULL;
  const CcCycleEpisode *episodes;
  guint n_episodes;
  CcDate event_day = CC_DATE_INVALID, short_event = CC_DATE_INVALID;

  hold (portfolio, "NVDA", 1, 0);
  /* 300 days, the event on day 280: the last 250 returns include it, so fit up to the day
   * before it instead (as-of day 279) for an exact beta. */
  fill_beta_dataset (dataset, 300, 280, &event_day);
  e = cc_exposure_compute (dataset, portfolio, scenarios, NULL, event_day,
                           cc_calendar_add_trading_days (event_day, 5));
  g_assert_true (e->has_event_return);
  g_assert_true (e->has_abnormal);
  g_assert_cmpfloat_with_epsilon (e->abnormal_return, 0.05, 1e-9);
  g_assert_nonnull (strstr (e->event_sentence, "+5.00%"));
  g_clear_pointer (&e, cc_exposure_free);

  e = cc_exposure_compute (dataset, portfolio, scenarios, NULL, CC_DATE_INVALID,
                           cc_calendar_previous_trading_day (event_day));
  g_assert_true (e->has_beta);
  g_assert_false (e->beta_short);
  g_assert_cmpuint (e->beta_sessions, ==, 250);
  g_assert_cmpfloat_with_epsilon (e->beta, 2.0, 1e-9);
  g_assert_nonnull (strstr (e->beta_sentence, "2.00"));
  g_assert_nonnull (strstr (e->event_sentence, "No event"));

  /* History: -2 × each real decline, never below -100% */
  episodes = cc_dataset_get_episodes (&n_episodes);
  g_assert_cmpuint (n_episodes, ==, 3);
  g_assert_cmpuint (e->n_history, ==, 3);
  g_assert_cmpfloat_with_epsilon (e->history[0].sox_decline, 0.839, 5e-4);
  g_assert_cmpfloat_with_epsilon (e->history[1].sox_decline, 0.687, 5e-4);
  g_assert_cmpfloat_with_epsilon (e->history[2].sox_decline, 0.465, 5e-4);
  g_assert_true (e->history[0].capped && e->history[1].capped);
  g_assert_cmpfloat_with_epsilon (e->history[0].implied, -1, 1e-12);
  g_assert_false (e->history[2].capped);
  g_assert_cmpfloat_with_epsilon (e->history[2].implied,
                                  -2 * (1 - episodes[2].trough_close / episodes[2].peak_close),
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (e->history[2].implied, -0.9294, 1e-4);
  g_assert_nonnull (strstr (e->history[2].sentence, "46.5%"));
  g_assert_nonnull (strstr (e->history[2].sentence, "\u221292.94%"));
  g_assert_nonnull (strstr (e->history[0].sentence, "\u2212100.00%"));

  /* 40 days: beta from 39 returns, flagged */
  fill_beta_dataset (short_dataset, 40, 1000, &short_event);
  s = cc_exposure_compute (short_dataset, portfolio, scenarios, NULL, CC_DATE_INVALID,
                           CC_DATE_INVALID);
  g_assert_true (s->has_beta);
  g_assert_true (s->beta_short);
  g_assert_cmpuint (s->beta_sessions, ==, 39);
  g_assert_nonnull (strstr (s->beta_sentence, "Only 39 sessions"));
}

/* The scenarios file: the built-in one matches its documented table; a user file overrides
 * it; a broken one is named. */
static void
test_scenarios_file (void)
{
  g_autoptr(CcScenarios) builtin = cc_scenarios_new_builtin ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{\"format\": \"chipcycle-scenarios\", \"version\": 1, "
                                          "\"scenarios\": {");
  g_autoptr(CcScenarios) user = NULL;
  CcScenarios *broken;

  g_assert_cmpfloat_with_epsilon (cc_scenarios_get_move (builtin, 1, CC_EXPOSURE_MEMORY), -0.2,
                                  1e-12);
  g_assert_cmpfloat_with_epsilon (cc_scenarios_get_move (builtin, 2, CC_EXPOSURE_NEOCLOUD), -0.6,
                                  1e-12);
  for (guint s = 0; s < CC_N_SCENARIOS; s++)
    for (guint g = 0; g < CC_N_EXPOSURE_GROUPS; g++)
      g_assert_cmpuint (strlen (cc_scenarios_get_reason (builtin, s, g)), >, 20);

  for (guint s = 0; s < CC_N_SCENARIOS; s++)
    {
      g_string_append_printf (json, "%s\"%s\": {", s ? ", " : "", cc_scenario_to_string (s));
      for (guint g = 0; g < CC_N_EXPOSURE_GROUPS; g++)
        g_string_append_printf (json, "%s\"%s\": {\"move\": %d, \"reason\": \"r\"}",
                                g ? ", " : "", cc_exposure_group_to_string (g), (int) s - 1);
      g_string_append (json, "}");
    }
  g_string_append (json, "}}");
  user = cc_scenarios_new_from_data (json->str, -1, "mine.json", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (cc_scenarios_get_move (user, 2, CC_EXPOSURE_GPU), 0.01, 1e-12);

  broken = cc_scenarios_new_from_data ("{\"format\": \"chipcycle-scenarios\", \"version\": 1, "
                                       "\"scenarios\": {\"bull\": {}}}", -1, "bad.json", &error);
  g_assert_null (broken);
  g_assert_error (error, CC_RULES_ERROR, CC_RULES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "bad.json: bull.memory: missing, or not an object with "
                   "“move” and “reason”");
  g_clear_error (&error);
  broken = cc_scenarios_new_from_data ("{\"format\": \"chipcycle-scenarios\"", -1, "cut.json",
                                       &error);
  g_assert_null (broken);
  g_assert_error (error, CC_RULES_ERROR, CC_RULES_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "cut.json: "));
}

/* `chipcycle analyze --portfolio` on the bundled data: bad lines named on stderr, the rest
 * analysed; index-level tickers weighted, never valued. */
static void
test_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cc-portfolio-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "holdings.csv", NULL);
  const char *bin = g_getenv ("CHIPCYCLE_BIN");
  const char *argv[] = { bin, "analyze", "--portfolio", path, "--json", NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *root, *exposure, *stress;
  JsonArray *notes;
  int status;

  g_assert_nonnull (bin);
  g_assert_true (g_file_set_contents (path, "Symbol,Weight\nNVDA,50\nMU,30\nKLAC,-20\n"
                                      "KLAC,20\nMU,5\n", -1, NULL));
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", dir, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "holdings.csv, line 4, column “Weight”: KLAC has a weight of "
                                 "-20"));
  g_assert_nonnull (strstr (err, "holdings.csv, line 6, column “Symbol”: MU is already held on "
                                 "line 3"));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  notes = json_object_get_array_member (root, "notes");
  g_assert_cmpuint (json_array_get_length (notes), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (root, "weighting"), ==, "given");
  g_assert_true (json_object_get_null_member (root, "value"));
  exposure = json_object_get_object_member (root, "exposure");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (
                                    json_object_get_object_member (exposure, "groups"), "gpu"),
                                  0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (exposure, "herfindahl"),
                                  0.25 + 0.09 + 0.04, 1e-12);
  g_assert_false (json_object_get_boolean_member (exposure, "beta_short"));
  stress = json_object_get_object_member (root, "stress");
  /* base: .5 × 0 + .3 × -20 + .2 × -10 = -8% */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (
                                    json_object_get_object_member (
                                      json_object_get_object_member (stress, "scenarios"),
                                      "base"), "change"), -0.08, 1e-12);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (stress, "history")), ==,
                    3);
  g_assert_cmpstr (json_object_get_string_member (root, "provenance"), ==, "reconstructed");
  g_assert_cmpstr (json_object_get_string_member (root, "disclaimer"), ==,
                   "Analysis of the loaded data, not investment advice.");
  g_unlink (path);
  g_rmdir (dir);
}

/* The portfolio's row in the event study, on the bundled data around the Meta Compute
 * announcement (2026-07-01): a portfolio of MU alone is MU's row, number for number; one of 60%
 * MU and 40% NVDA moved 0.6 × -10.6% + 0.4 × -2.0% = -7.16% on the day. Neither is ranked
 * among the winners and losers. */
static const CcEventStudyRow *
study_row (CcAnalysis *analysis,
           const char *item)
{
  const CcEventStudyRow *row = cc_analysis_find_row (analysis, item);

  g_assert_nonnull (row);
  return row;
}

static void
assert_rows_equal (const CcEventStudyRow *a,
                   const CcEventStudyRow *b)
{
  g_assert_true (a->has_return && b->has_return);
  g_assert_cmpfloat_with_epsilon (a->event_return, b->event_return, 1e-12);
  g_assert_cmpint (a->has_abnormal, ==, b->has_abnormal);
  g_assert_cmpfloat_with_epsilon (a->abnormal_return, b->abnormal_return, 1e-12);
  g_assert_cmpuint (a->model.n, ==, b->model.n);
  g_assert_cmpint (a->short_estimation, ==, b->short_estimation);
  g_assert_cmpint (a->provenance, ==, b->provenance);
  for (guint w = 0; w < CC_EVENT_STUDY_N_WINDOWS; w++)
    {
      g_assert_cmpint (a->has_car[w], ==, b->has_car[w]);
      g_assert_cmpfloat_with_epsilon (a->car[w], b->car[w], 1e-12);
      g_assert_cmpfloat_with_epsilon (a->t_stat[w], b->t_stat[w], 1e-9);
    }
}

static void
test_event_study (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CcDataset) dataset = cc_bundled_dataset_new (&error);
  g_autoptr(CcScenarios) scenarios = cc_scenarios_new_builtin ();
  g_autoptr(CcPortfolio) one = cc_portfolio_new ("One", CC_HOLDING_WEIGHT);
  g_autoptr(CcPortfolio) mix = cc_portfolio_new ("Mix", CC_HOLDING_WEIGHT);
  g_autoptr(CcExposure) e_one = NULL;
  g_autoptr(CcExposure) e_mix = NULL;
  g_autoptr(CcAnalysis) a_one = NULL;
  g_autoptr(CcAnalysis) a_mix = NULL;
  const char *items[] = { "MU", "NVDA", NULL };
  const CcEventStudyRow *row, *mu_row, *nvda_row;
  CcDate event = cc_date_from_ymd (2026, 7, 1);
  CcDate as_of;

  g_assert_no_error (error);
  as_of = cc_series_get_last (cc_dataset_get_series (dataset, CC_SYMBOL_SOX))->date;
  hold (one, "MU", 1, 0);
  hold (mix, "MU", 60, 0);
  hold (mix, "NVDA", 40, 0);
  e_one = cc_exposure_compute (dataset, one, scenarios, NULL, CC_DATE_INVALID, CC_DATE_INVALID);
  e_mix = cc_exposure_compute (dataset, mix, scenarios, NULL, CC_DATE_INVALID, CC_DATE_INVALID);
  g_assert_null (e_one->problem);
  g_assert_null (e_mix->problem);

  a_one = cc_analysis_new_full (dataset, event, as_of, items, NULL, e_one->series);
  /* Not among the items: its row comes last. */
  g_assert_cmpuint (a_one->rows->len, ==, 3);
  row = g_ptr_array_index (a_one->rows, 2);
  g_assert_cmpstr (row->item, ==, "portfolio:One");
  g_assert_cmpstr (row->label, ==, "Portfolio One");
  g_assert_true (row->is_portfolio);
  mu_row = study_row (a_one, "MU");
  assert_rows_equal (row, mu_row);
  g_assert_true (row->has_abnormal);
  /* From the first bundled day, 2025-10-06, to day -11: 173 sessions. */
  g_assert_cmpuint (row->model.n, ==, 173);
  g_assert_false (g_ptr_array_find (a_one->ranked, row, NULL));
  g_assert_false (g_ptr_array_find (a_one->winners, row, NULL));
  g_assert_false (g_ptr_array_find (a_one->losers, row, NULL));

  {
    const char *with[] = { "portfolio:Mix", "MU", "NVDA", NULL };

    a_mix = cc_analysis_new_full (dataset, event, as_of, with, NULL, e_mix->series);
  }
  /* Named among the items: its row stands where it was named. */
  row = g_ptr_array_index (a_mix->rows, 0);
  g_assert_cmpstr (row->item, ==, "portfolio:Mix");
  mu_row = study_row (a_mix, "MU");
  nvda_row = study_row (a_mix, "NVDA");
  g_assert_cmpfloat_with_epsilon (mu_row->event_return, -0.106, 1e-9);
  g_assert_cmpfloat_with_epsilon (nvda_row->event_return, -0.02, 1e-6);
  g_assert_cmpfloat_with_epsilon (row->event_return,
                                  0.6 * mu_row->event_return + 0.4 * nvda_row->event_return,
                                  1e-12);
  g_assert_cmpfloat_with_epsilon (row->event_return, -0.0716, 1e-6);
  /* The weakest of the members' provenance around day 0. */
  g_assert_cmpint (row->provenance, ==, MAX (mu_row->provenance, nvda_row->provenance));
}

/* `chipcycle analyze --item portfolio:NAME` names one of the saved portfolios: its row in the
 * JSON equals its one holding's, and an unknown name is refused with the saved ones named. */
static void
test_event_study_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cc-portfolio-XXXXXX", NULL);
  g_autofree char *data_dir = g_build_filename (dir, "chipcycle", NULL);
  g_autofree char *path = g_build_filename (data_dir, "portfolios.json", NULL);
  g_autofree char *xdg = g_strconcat ("XDG_DATA_HOME=", dir, NULL);
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  const char *env[] = { xdg, NULL };
  const char *args[] = { "analyze", "--item", "MU", "--item", "portfolio:Only MU", "--json",
                         NULL };
  const char *bad[] = { "analyze", "--item", "portfolio:Nope", NULL };
  CcPortfolio *only = cc_portfolio_new ("Only MU", CC_HOLDING_SHARES);
  JsonArray *rows;
  JsonObject *mu_row, *pf, *car_mu, *car_pf;

  hold (only, "MU", 12, 0);
  g_ptr_array_add (saved, only);
  json = cc_portfolios_to_json_data (saved, NULL);
  g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));

  g_assert_cmpint (cc_test_run_chipcycle (NULL, env, &json, &err, args), ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
    root = json_node_copy (json_parser_get_root (parser));
  }
  rows = json_object_get_array_member (json_node_get_object (root), "event_study");
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  mu_row = json_array_get_object_element (rows, 0);
  pf = json_array_get_object_element (rows, 1);
  g_assert_cmpstr (json_object_get_string_member (pf, "item"), ==, "portfolio:Only MU");
  g_assert_cmpstr (json_object_get_string_member (pf, "label"), ==, "Portfolio Only MU");
  g_assert_true (json_object_get_boolean_member (pf, "portfolio"));
  g_assert_false (json_object_get_boolean_member (mu_row, "portfolio"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (pf, "event_return_pct"), -10.6,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (pf, "abnormal_return_pct"),
                                  json_object_get_double_member (mu_row, "abnormal_return_pct"),
                                  1e-9);
  g_assert_cmpint (json_object_get_int_member (pf, "estimation_days"), ==,
                   json_object_get_int_member (mu_row, "estimation_days"));
  g_assert_cmpstr (json_object_get_string_member (pf, "provenance"), ==,
                   json_object_get_string_member (mu_row, "provenance"));
  car_mu = json_object_get_object_member (mu_row, "car");
  car_pf = json_object_get_object_member (pf, "car");
  for (GList *l = json_object_get_members (car_mu), *k = l; k; k = k->next)
    {
      JsonObject *a = json_object_get_object_member (car_mu, k->data);
      JsonObject *b = json_object_get_object_member (car_pf, k->data);

      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (a, "car_pct"),
                                      json_object_get_double_member (b, "car_pct"), 1e-9);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (a, "t"),
                                      json_object_get_double_member (b, "t"), 1e-6);
      if (k->next == NULL)
        g_list_free (l);
    }

  g_assert_cmpint (cc_test_run_chipcycle (NULL, env, NULL, &err, bad), ==, 2);
  g_assert_nonnull (strstr (err, "--item: “portfolio:Nope”: no saved portfolio has that name "
                                 "(saved: Only MU)"));
  g_unlink (path);
  g_rmdir (data_dir);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/portfolio/value-weights", test_value_weights);
  g_test_add_func ("/portfolio/fixed-weights", test_fixed_weights);
  g_test_add_func ("/portfolio/index-level-shares", test_index_level_shares);
  g_test_add_func ("/portfolio/missing-prices", test_missing_prices);
  g_test_add_func ("/portfolio/groups-concentration-scenarios",
                   test_groups_concentration_scenarios);
  g_test_add_func ("/portfolio/beta-event-history", test_beta_event_history);
  g_test_add_func ("/portfolio/scenarios-file", test_scenarios_file);
  g_test_add_func ("/portfolio/cli", test_cli);
  g_test_add_func ("/portfolio/event-study", test_event_study);
  g_test_add_func ("/portfolio/event-study-cli", test_event_study_cli);
  return g_test_run ();
}
