/* test-cycle.c: drawdowns, moving averages and peak-to-trough measurements worked out by hand. */
#include "config.h"

#include <math.h>

#include "cc-cycle.h"
#include "cc-date.h"

static CcSeries *
series_on_trading_days (CcDate        first,
                        const double *closes,
                        guint         n)
{
  CcSeries *s = cc_series_new ("^SOX", CC_LEVEL_PRICE);

  for (guint i = 0; i < n; i++)
    cc_series_append (s, cc_calendar_add_trading_days (first, (int) i), closes[i],
                      CC_PROVENANCE_OBSERVED, 0);
  return s;
}

static void
test_cycle_measure (void)
{
  /* Peak 110 on day 1, trough 77 on day 4 (30% down, 3 days), back above 110 on day 7. */
  const double closes[] = { 100, 110, 99, 88, 77, 90, 105, 111, 120 };
  CcDate first = cc_date_from_ymd (2026, 3, 2);
  g_autoptr(CcSeries) s = series_on_trading_days (first, closes, G_N_ELEMENTS (closes));
  g_autoptr(CcCycle) cycle = NULL;
  g_autoptr(CcCycle) open = NULL;
  double dd;

  cycle = cc_cycle_measure (s, cc_calendar_add_trading_days (first, 1), G_MAXINT32, "t", "T");
  g_assert_nonnull (cycle);
  g_assert_cmpfloat_with_epsilon (cycle->peak_close, 110, 1e-12);
  g_assert_cmpfloat_with_epsilon (cycle->trough_close, 77, 1e-12);
  g_assert_cmpfloat_with_epsilon (cycle->depth, 0.3, 1e-12);
  g_assert_cmpint (cycle->trough_date, ==, cc_calendar_add_trading_days (first, 4));
  g_assert_cmpint (cycle->days_to_trough, ==, 3);
  g_assert_true (cycle->recovered);
  g_assert_cmpint (cycle->recovery_date, ==, cc_calendar_add_trading_days (first, 7));
  g_assert_cmpint (cycle->days_to_recover, ==, 3);
  /* The path runs from the peak to the recovery, x in trading days. */
  g_assert_cmpuint (cycle->path->len, ==, 7);
  g_assert_cmpint (g_array_index (cycle->path, CcCyclePoint, 3).x, ==, 3);
  g_assert_cmpfloat_with_epsilon (g_array_index (cycle->path, CcCyclePoint, 3).drawdown, -0.3,
                                  1e-12);
  g_assert_true (cc_cycle_drawdown_at (cycle, cc_calendar_add_trading_days (first, 2), &dd));
  g_assert_cmpfloat_with_epsilon (dd, 99.0 / 110 - 1, 1e-12);
  g_assert_false (cc_cycle_drawdown_at (cycle, first, &dd));

  /* Cut before the recovery: not recovered. */
  open = cc_cycle_measure (s, cc_calendar_add_trading_days (first, 1),
                           cc_calendar_add_trading_days (first, 6), "t", "T");
  g_assert_false (open->recovered);
  g_assert_cmpfloat_with_epsilon (open->depth, 0.3, 1e-12);

  /* No close on the peak date: nothing to measure. */
  g_assert_null (cc_cycle_measure (s, cc_date_from_ymd (2026, 3, 1), G_MAXINT32, "t", "T"));
}

static void
test_drawdown_from_high (void)
{
  const double closes[] = { 100, 110, 99, 88, 77, 90, 105, 111, 120 };
  CcDate first = cc_date_from_ymd (2026, 3, 2);
  g_autoptr(CcSeries) s = series_on_trading_days (first, closes, G_N_ELEMENTS (closes));
  g_autoptr(CcCycle) current = NULL;
  CcDrawdown dd;
  double ma;

  /* As of day 5 (close 90) the 252-day high is 110: 1 - 90/110 = 18.18% down. */
  g_assert_true (cc_drawdown_from_high (s, cc_calendar_add_trading_days (first, 5), 252, &dd));
  g_assert_cmpfloat_with_epsilon (dd.depth, 1 - 90.0 / 110, 1e-12);
  g_assert_cmpfloat_with_epsilon (dd.high, 110, 1e-12);
  g_assert_cmpint (dd.high_date, ==, cc_calendar_add_trading_days (first, 1));

  /* A 3-day window on day 5 sees only 88, 77, 90: 90 is its high. */
  g_assert_true (cc_drawdown_from_high (s, cc_calendar_add_trading_days (first, 5), 3, &dd));
  g_assert_cmpfloat_with_epsilon (dd.high, 90, 1e-12);
  g_assert_cmpfloat_with_epsilon (dd.depth, 0, 1e-12);

  /* A weekend as-of date uses Friday's close: 2026-03-07 is a Saturday (day 4, 77). */
  g_assert_true (cc_drawdown_from_high (s, cc_date_from_ymd (2026, 3, 7), 252, &dd));
  g_assert_cmpfloat_with_epsilon (dd.close, 77, 1e-12);
  g_assert_cmpfloat_with_epsilon (dd.depth, 0.3, 1e-12);

  g_assert_false (cc_drawdown_from_high (s, cc_date_from_ymd (2026, 2, 1), 252, &dd));

  /* Mean of the last 3 closes on day 5: (88 + 77 + 90) / 3 = 85. */
  g_assert_true (cc_moving_average (s, cc_calendar_add_trading_days (first, 5), 3, &ma));
  g_assert_cmpfloat_with_epsilon (ma, 85, 1e-12);
  g_assert_false (cc_moving_average (s, cc_calendar_add_trading_days (first, 1), 3, &ma));

  /* The current cycle as of day 5 starts at the trailing high. */
  current = cc_cycle_current (s, cc_calendar_add_trading_days (first, 5));
  g_assert_true (current->is_current);
  g_assert_cmpint (current->peak_date, ==, cc_calendar_add_trading_days (first, 1));
  g_assert_cmpint (current->days_to_trough, ==, 3);
  g_assert_false (current->recovered);
}

static void
test_episode_from_monthly (void)
{
  /* A made-up episode: peak 200 on 2001-01-10, trough 100 on 2001-03-14; month ends 180 (Jan),
   * 150 (Feb), 120 (Mar), 190 (Apr), 210 (May: recovered). */
  CcCycleEpisode episode = {
    "test", "Test", cc_date_from_ymd (2001, 1, 10), 200, cc_date_from_ymd (2001, 3, 14), 100, 0.4
  };
  g_autoptr(CcSeries) monthly = cc_series_new ("^SOX", CC_LEVEL_PRICE);
  g_autoptr(CcCycle) cycle = NULL;

  cc_series_append (monthly, cc_date_from_ymd (2000, 12, 29), 190, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (monthly, cc_date_from_ymd (2001, 1, 31), 180, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (monthly, cc_date_from_ymd (2001, 2, 28), 150, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (monthly, cc_date_from_ymd (2001, 3, 30), 120, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (monthly, cc_date_from_ymd (2001, 4, 30), 190, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (monthly, cc_date_from_ymd (2001, 5, 31), 210, CC_PROVENANCE_OBSERVED, 0);

  cycle = cc_cycle_from_episode (&episode, monthly, G_MAXINT32);
  g_assert_true (cycle->monthly);
  g_assert_cmpfloat_with_epsilon (cycle->depth, 0.5, 1e-12);
  g_assert_cmpint (cycle->trough_date, ==, cc_date_from_ymd (2001, 3, 14));
  g_assert_cmpint (cycle->days_to_trough, ==,
                   cc_calendar_trading_days_between (cc_date_from_ymd (2001, 1, 10),
                                                     cc_date_from_ymd (2001, 3, 14)));
  g_assert_true (cycle->recovered);
  g_assert_cmpint (cycle->recovery_date, ==, cc_date_from_ymd (2001, 5, 31));
  g_assert_cmpfloat_with_epsilon (cycle->article_decline, 0.4, 1e-12);
  /* Peak, Jan, Feb, trough, Mar, Apr, May. */
  g_assert_cmpuint (cycle->path->len, ==, 7);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cycle/measure", test_cycle_measure);
  g_test_add_func ("/cycle/drawdown-from-high", test_drawdown_from_high);
  g_test_add_func ("/cycle/episode-from-monthly", test_episode_from_monthly);

  return g_test_run ();
}
