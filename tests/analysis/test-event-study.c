/* test-event-study.c: the market model, abnormal returns, CARs and t-statistics against
 * numbers worked out by hand. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cc-date.h"
#include "cc-event-study.h"

/* Market and stock returns of the hand-worked example:
 *   mean(m) = 0.008, mean(s) = 0.016
 *   Sxx = 1480e-6, Sxy = 2260e-6, Syy = 3520e-6
 *   beta = 2260 / 1480, alpha = 0.016 - beta * 0.008
 *   SSR = Syy - Sxy^2 / Sxx, sigma = sqrt (SSR / 3) */
static const double market_r[] = { 0.01, -0.02, 0.03, 0.00, 0.02 };
static const double stock_r[] = { 0.02, -0.03, 0.05, 0.01, 0.03 };

#define BETA  (2260.0 / 1480.0)
#define ALPHA (0.016 - BETA * 0.008)
#define SIGMA (sqrt ((3520e-6 - 2260e-6 * 2260e-6 / 1480e-6) / 3))

static void
test_market_model_by_hand (void)
{
  CcMarketModel model;

  g_assert_true (cc_market_model_fit (stock_r, market_r, 5, &model));
  g_assert_cmpuint (model.n, ==, 5);
  g_assert_cmpfloat_with_epsilon (model.beta, 1.527027027027027, 1e-12);
  g_assert_cmpfloat_with_epsilon (model.beta, BETA, 1e-12);
  g_assert_cmpfloat_with_epsilon (model.alpha, ALPHA, 1e-12);
  g_assert_cmpfloat_with_epsilon (model.alpha, 0.0037837837837838, 1e-12);
  g_assert_cmpfloat_with_epsilon (model.sigma, SIGMA, 1e-12);
  g_assert_cmpfloat_with_epsilon (model.sigma, 0.0047930, 1e-6);

  /* A market that never moves explains nothing: no model. */
  {
    const double flat[] = { 0.01, 0.01, 0.01, 0.01 };
    g_assert_false (cc_market_model_fit (stock_r, flat, 4, &model));
    g_assert_false (cc_market_model_fit (stock_r, market_r, 2, &model));
  }
}

static void
test_t_statistic (void)
{
  /* A model fitted on n = 4 days with market mean 0 and Sxx = 0.0004 (returns of +-1%), sigma
   * 1%. Over L = 9 event days whose market returns sum to 0.02, MacKinlay's variance is
   *   sigma^2 (L + L^2 / n + (sum - L * mean)^2 / Sxx) = 1e-4 * (9 + 81/4 + 0.0004/0.0004)
   *   = 1e-4 * 30.25, a standard error of 0.055,
   * so a CAR of 0.11 has t = 2 (the old sigma * sqrt (L) = 0.03 would have said 3.67). */
  CcMarketModel model = { .ok = TRUE, .n = 4, .sigma = 0.01, .market_mean = 0,
                          .market_sxx = 0.0004 };

  g_assert_cmpfloat_with_epsilon (cc_car_variance (&model, 9, 0.02), 30.25e-4, 1e-15);
  g_assert_cmpfloat_with_epsilon (cc_car_t_statistic (0.11, cc_car_variance (&model, 9, 0.02)),
                                  2.0, 1e-12);
  /* One day with the market at its mean: sigma^2 (1 + 1/4) = 1.25e-4. */
  g_assert_cmpfloat_with_epsilon (cc_car_variance (&model, 1, 0), 1.25e-4, 1e-15);
  g_assert_cmpfloat_with_epsilon (cc_car_t_statistic (-0.02, 1e-4), -2.0, 1e-12);
  g_assert_true (isnan (cc_car_t_statistic (0.01, 0)));
  model.ok = FALSE;
  g_assert_true (isnan (cc_car_variance (&model, 9, 0.02)));
}

static void
test_daily_return_over_holiday (void)
{
  g_autoptr(CcSeries) s = cc_series_new ("X", CC_LEVEL_PRICE);
  double r;

  /* 2026-07-03 is the Independence Day holiday (observed): the return on Monday 6 July is
   * against Thursday 2 July. */
  cc_series_append (s, cc_date_from_ymd (2026, 7, 2), 100, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (s, cc_date_from_ymd (2026, 7, 6), 95, CC_PROVENANCE_OBSERVED, 0);
  g_assert_true (cc_daily_return (s, cc_date_from_ymd (2026, 7, 6), &r));
  g_assert_cmpfloat_with_epsilon (r, -0.05, 1e-12);
  g_assert_false (cc_daily_return (s, cc_date_from_ymd (2026, 7, 2), &r));
}

/* Builds closes so that the daily returns on days first+1 .. are @returns, starting at 100 on
 * trading day @first relative to @event. */
static CcSeries *
series_from_returns (const char   *symbol,
                     CcDate        event,
                     int           first,
                     const double *returns,
                     guint         n)
{
  CcSeries *s = cc_series_new (symbol, CC_LEVEL_PRICE);
  double close = 100;

  cc_series_append (s, cc_calendar_add_trading_days (event, first), close,
                    CC_PROVENANCE_OBSERVED, 0);
  for (guint i = 0; i < n; i++)
    {
      close *= 1 + returns[i];
      cc_series_append (s, cc_calendar_add_trading_days (event, first + 1 + (int) i), close,
                        i == (guint) -first - 1 ? CC_PROVENANCE_ANCHORED
                                                : CC_PROVENANCE_RECONSTRUCTED, 0);
    }
  return s;
}

static void
test_event_study_row (void)
{
  /* Days -6..-2 carry the hand-worked returns; day -1 is quiet; then the event. */
  const double m[] = { 0.01, -0.02, 0.03, 0.00, 0.02, 0.001, -0.05, 0.01, 0.00, 0.02, -0.01,
                       0.005 };
  const double s[] = { 0.02, -0.03, 0.05, 0.01, 0.03, 0.002, -0.10, 0.03, -0.01, 0.01, 0.00,
                       0.004 };
  CcDate event = cc_date_from_ymd (2026, 7, 1);
  g_autoptr(CcSeries) market = series_from_returns ("^SOX", event, -7, m, G_N_ELEMENTS (m));
  g_autoptr(CcSeries) stock = series_from_returns ("MU", event, -7, s, G_N_ELEMENTS (s));
  g_autoptr(CcEventStudyRow) row = NULL;
  g_autoptr(CcEventStudyRow) market_row = NULL;
  g_autoptr(CcEventStudyRow) short_row = NULL;
  CcEventStudyOptions options = { -6, -2, 5 };
  double ar[7], car;

  row = cc_event_study_row_compute (stock, market, event, G_MAXINT32, &options);
  g_assert_true (row->model.ok);
  g_assert_false (row->short_estimation);
  g_assert_cmpuint (row->model.n, ==, 5);
  g_assert_cmpfloat_with_epsilon (row->model.beta, BETA, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->model.alpha, ALPHA, 1e-9);

  g_assert_true (row->has_return);
  g_assert_cmpfloat_with_epsilon (row->event_return, -0.10, 1e-12);

  /* AR(t) = R_s - alpha - beta * R_m, for t = -1 .. +5 (array index t + 1). */
  for (int t = -1; t <= 5; t++)
    ar[t + 1] = s[t + 6] - ALPHA - BETA * m[t + 6];
  g_assert_true (row->has_abnormal);
  g_assert_cmpfloat_with_epsilon (row->abnormal_return, ar[1], 1e-9);
  /* -0.10 - 0.0037838 + 1.527027 * 0.05 = -0.0274324 */
  g_assert_cmpfloat_with_epsilon (row->abnormal_return, -0.0274324, 1e-6);

  /* t = CAR / sqrt (Var), Var = sigma^2 (L + L^2/5 + (sum R_m - L * 0.008)^2 / 0.00148)
   * (MacKinlay 1997), with the estimation error of alpha and beta:
   *   [0,0]:   L = 1, sum R_m = -0.05:  1 + 0.2 + 0.058^2 / 0.00148 = 3.4729730
   *   [-1,+1]: L = 3, sum R_m = -0.039: 3 + 1.8 + 0.063^2 / 0.00148 = 7.4817568
   *   [0,+5]:  L = 6, sum R_m = -0.025: 6 + 7.2 + 0.073^2 / 0.00148 = 16.8006757 */
  g_assert_true (row->has_car[0]);
  g_assert_cmpfloat_with_epsilon (row->car[0], ar[1], 1e-9);
  g_assert_cmpfloat_with_epsilon (row->t_stat[0], ar[1] / (SIGMA * sqrt (3.4729730)), 1e-6);
  /* Leaving the estimation error out (sigma * sqrt (L)) would overstate |t| by 86% here. */
  g_assert_cmpfloat (fabs (row->t_stat[0]), <, fabs (ar[1] / SIGMA) * 0.6);

  car = ar[0] + ar[1] + ar[2];
  g_assert_true (row->has_car[1]);
  g_assert_cmpfloat_with_epsilon (row->car[1], car, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->t_stat[1], car / (SIGMA * sqrt (7.4817568)), 1e-6);

  car = ar[1] + ar[2] + ar[3] + ar[4] + ar[5] + ar[6];
  g_assert_true (row->has_car[2]);
  g_assert_cmpfloat_with_epsilon (row->car[2], car, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->t_stat[2], car / (SIGMA * sqrt (16.8006757)), 1e-6);
  g_assert_null (row->model_problem);

  /* The path keeps each day's abnormal return: days -1 .. +5 here, nothing before -6. */
  for (int t = -1; t <= 5; t++)
    {
      g_assert_true (row->has_path[t - CC_EVENT_STUDY_PATH_FIRST]);
      g_assert_cmpfloat_with_epsilon (row->path[t - CC_EVENT_STUDY_PATH_FIRST], ar[t + 1], 1e-9);
    }
  g_assert_false (row->has_path[6 - CC_EVENT_STUDY_PATH_FIRST]);

  /* The data end at day +5: no 21-day CAR. */
  g_assert_false (row->has_car[3]);
  /* Day -1 and day 0 are the reconstructed and anchored bars: the least certain wins. */
  g_assert_cmpint (row->provenance, ==, CC_PROVENANCE_RECONSTRUCTED);

  /* An as-of date on day +1 hides the rest. */
  {
    g_autoptr(CcEventStudyRow) early = NULL;

    early = cc_event_study_row_compute (stock, market, event,
                                        cc_calendar_add_trading_days (event, 1), &options);
    g_assert_true (early->has_car[1]);
    g_assert_false (early->has_car[2]);
  }

  /* The market against itself: a return, no model. */
  market_row = cc_event_study_row_compute (market, market, event, G_MAXINT32, &options);
  g_assert_true (market_row->is_market);
  g_assert_cmpfloat_with_epsilon (market_row->event_return, -0.05, 1e-12);
  g_assert_false (market_row->has_abnormal);

  /* Asking for days -8..-2 when the data start at -7 uses 5 days and says so. */
  options.estimation_first = -8;
  short_row = cc_event_study_row_compute (stock, market, event, G_MAXINT32, &options);
  g_assert_true (short_row->model.ok);
  g_assert_true (short_row->short_estimation);
  g_assert_cmpuint (short_row->model.n, ==, 5);

  /* Fewer usable days than the minimum: no model and no abnormal returns. */
  options.min_estimation_days = 6;
  g_clear_pointer (&short_row, cc_event_study_row_free);
  short_row = cc_event_study_row_compute (stock, market, event, G_MAXINT32, &options);
  g_assert_false (short_row->model.ok);
  g_assert_false (short_row->has_abnormal);
  g_assert_true (short_row->has_return);
  /* The number of days is still there, and the reason says it. */
  g_assert_cmpuint (short_row->model.n, ==, 5);
  g_assert_cmpstr (short_row->model_problem, ==,
                   "only 5 estimation days with returns (at least 6 needed)");

  /* An event after the data: no model, and the reason names the last close. */
  {
    g_autoptr(CcEventStudyRow) late = NULL;
    CcDate after = cc_calendar_add_trading_days (event, 30);

    options.min_estimation_days = 5;
    late = cc_event_study_row_compute (stock, market, after, G_MAXINT32, &options);
    g_assert_false (late->model.ok);
    g_assert_false (late->has_return);
    g_assert_nonnull (strstr (late->model_problem, "is after the data used (last close "));
  }
}

static void
test_rank_and_csv (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                              cc_event_study_row_free);
  g_autoptr(GPtrArray) ranked = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  CcEventStudyRow *a = g_new0 (CcEventStudyRow, 1);
  CcEventStudyRow *b = g_new0 (CcEventStudyRow, 1);
  CcEventStudyRow *c = g_new0 (CcEventStudyRow, 1);

  a->item = g_strdup ("KLAC");
  a->label = g_strdup ("KLA, Inc.");
  a->has_return = TRUE;
  a->event_return = -0.12;
  a->model.ok = TRUE;
  a->model.n = 180;
  a->model.beta = 1.25;
  a->short_estimation = TRUE;
  a->has_car[0] = TRUE;
  a->car[0] = -0.05;
  a->t_stat[0] = -2.5;
  b->item = g_strdup ("META");
  b->label = g_strdup ("Meta \"Platforms\"");
  b->has_return = TRUE;
  b->event_return = 0.0975;
  c->item = g_strdup ("NEW");
  c->label = g_strdup ("New listing");
  g_ptr_array_add (rows, a);
  g_ptr_array_add (rows, b);
  g_ptr_array_add (rows, c);

  ranked = cc_event_study_rank (rows);
  g_assert_cmpuint (ranked->len, ==, 2);
  g_assert_true (g_ptr_array_index (ranked, 0) == b);
  g_assert_true (g_ptr_array_index (ranked, 1) == a);

  csv = cc_event_study_to_csv (rows, cc_date_from_ymd (2026, 7, 1));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);   /* header, 3 rows, "" */
  g_assert_true (g_str_has_prefix (lines[0], "event_day,item,label,provenance,event_return_pct,"
                                   "abnormal_return_pct,car_0_0_pct,t_0_0,"));
  g_assert_cmpstr (lines[1], ==, "2026-07-01,KLAC,\"KLA, Inc.\",observed,-12.0000,,-5.0000,"
                   "-2.500,,,,,,,0.00000,1.2500,0.0000,180,yes,,");
  g_assert_true (g_str_has_prefix (lines[2], "2026-07-01,META,\"Meta \"\"Platforms\"\"\","
                                   "observed,9.7500,,"));
  g_assert_cmpstr (lines[4], ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/event-study/market-model", test_market_model_by_hand);
  g_test_add_func ("/event-study/t-statistic", test_t_statistic);
  g_test_add_func ("/event-study/daily-return-holiday", test_daily_return_over_holiday);
  g_test_add_func ("/event-study/row", test_event_study_row);
  g_test_add_func ("/event-study/rank-and-csv", test_rank_and_csv);

  return g_test_run ();
}
