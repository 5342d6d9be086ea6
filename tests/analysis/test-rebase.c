/* test-rebase.c: rebasing at an event and equal-weight baskets, checked by hand. */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cc-rebase.h"

static CcDate
d (const char *iso)
{
  CcDate date = CC_DATE_INVALID;

  g_assert_true (cc_date_parse_iso (iso, &date));
  return date;
}

static CcSeries *
make (const char *symbol,
      const double *closes,
      guint         n)
{
  CcSeries *s = cc_series_new (symbol, CC_LEVEL_PRICE);
  CcDate day = d ("2026-06-26");   /* a Friday */

  for (guint i = 0; i < n; i++)
    {
      cc_series_append (s, day, closes[i],
                        i == 2 ? CC_PROVENANCE_RECONSTRUCTED : CC_PROVENANCE_OBSERVED, 0);
      day = cc_calendar_next_trading_day (day);
    }
  return s;
}

/* Days: 26 Jun, 29 Jun, 30 Jun, 1 Jul (event), 2 Jul, 6 Jul. The base is 30 June. */
static void
test_rebase_at_event (void)
{
  const double closes[] = { 90, 95, 100, 93.73, 95, 110 };
  g_autoptr(CcSeries) s = make ("^SOX", closes, G_N_ELEMENTS (closes));
  g_autoptr(CcSeries) pct = NULL;
  g_autoptr(CcSeries) idx = NULL;
  g_autoptr(GError) error = NULL;
  CcDate base = cc_calendar_previous_trading_day (d ("2026-07-01"));
  double r;

  g_assert_cmpint (base, ==, d ("2026-06-30"));
  pct = cc_rebase_series (s, base, CC_REBASE_PERCENT, G_MININT32, G_MAXINT32, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (pct), ==, 6);
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (pct, 0)->close, -10.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (pct, 2)->close, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (pct, 3)->close, -6.27, 1e-9);
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (pct, 5)->close, 10.0, 1e-9);
  g_assert_cmpint (cc_series_get_point (pct, 2)->provenance, ==, CC_PROVENANCE_RECONSTRUCTED);

  idx = cc_rebase_series (s, base, CC_REBASE_INDEXED, d ("2026-06-30"), d ("2026-07-02"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (idx), ==, 3);
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (idx, 0)->close, 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (idx, 1)->close, 93.73, 1e-9);

  /* A base on a holiday (3 July) uses the close before it. */
  g_clear_object (&idx);
  idx = cc_rebase_series (s, d ("2026-07-03"), CC_REBASE_GROWTH, G_MININT32, G_MAXINT32, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (idx, 5)->close, 110.0 / 95.0, 1e-12);

  g_assert_true (cc_return_on_day (s, d ("2026-07-01"), &r));
  g_assert_cmpfloat_with_epsilon (r, -0.0627, 1e-12);
  g_assert_false (cc_return_on_day (s, d ("2026-06-26"), &r));
  g_assert_false (cc_return_on_day (s, d ("2026-07-03"), &r));
  g_assert_true (cc_return_between (s, d ("2026-06-30"), d ("2026-07-05"), &r));
  g_assert_cmpfloat_with_epsilon (r, -0.05, 1e-12);

  g_assert_cmpfloat_with_epsilon (cc_rebase_convert (-6.27, CC_REBASE_PERCENT, CC_REBASE_INDEXED),
                                  93.73, 1e-9);
}

/* Rebasing to the first visible bar: whatever the range, its first close reads 0%. */
static void
test_rebase_to_first (void)
{
  const double closes[] = { 90, 95, 100, 93.73, 95, 110 };
  g_autoptr(CcSeries) s = make ("^SOX", closes, G_N_ELEMENTS (closes));
  g_autoptr(CcSeries) pct = NULL;
  g_autoptr(CcSeries) idx = NULL;
  g_autoptr(CcSeries) none = NULL;
  g_autoptr(GError) error = NULL;

  /* From a Saturday: the first bar on or after it is Monday 29 June (95), not Friday's 90. */
  pct = cc_rebase_series_to_first (s, CC_REBASE_PERCENT, d ("2026-06-27"), d ("2026-07-06"),
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (pct), ==, 5);
  g_assert_cmpint (cc_series_get_point (pct, 0)->date, ==, d ("2026-06-29"));
  g_assert_cmpfloat (cc_series_get_point (pct, 0)->close, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (pct, 1)->close, 100.0 * (100.0 / 95 - 1),
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (pct, 4)->close, 100.0 * (110.0 / 95 - 1),
                                  1e-9);

  idx = cc_rebase_series_to_first (s, CC_REBASE_INDEXED, d ("2026-07-01"), d ("2026-07-06"),
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (cc_series_get_point (idx, 0)->close, ==, 100.0);
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (idx, 2)->close, 100.0 * 110 / 93.73,
                                  1e-9);

  /* No bar in the range: an error naming the series, not an empty series. */
  none = cc_rebase_series_to_first (s, CC_REBASE_PERCENT, d ("2026-07-07"), d ("2026-07-31"),
                                    &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "^SOX has no close from 2026-07-07 to 2026-07-31"));
}

static void
test_rebase_without_base (void)
{
  const double closes[] = { 1, 2, 3 };
  g_autoptr(CcSeries) s = make ("MU", closes, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(CcSeries) r = cc_rebase_series (s, d ("2026-01-02"), CC_REBASE_PERCENT,
                                            G_MININT32, G_MAXINT32, &error);

  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "MU"));
  g_assert_nonnull (strstr (error->message, "2026-01-02"));
}

static void
test_basket (void)
{
  const double a[] = { 50, 50, 100, 90, 80, 120 };
  const double b[] = { 10, 10, 20, 19, 22, 20 };
  g_autoptr(CcSeries) sa = make ("MU", a, 6);
  g_autoptr(CcSeries) sb = make ("SNDK", b, 6);
  g_autoptr(CcSeries) basket = NULL;
  g_autoptr(GError) error = NULL;
  CcSeries *members[] = { sa, sb };

  /* Drop SNDK's 2 July bar: the basket must skip that date rather than average one member. */
  g_autoptr(CcSeries) sb2 = cc_series_new ("SNDK", CC_LEVEL_PRICE);
  for (guint i = 0; i < 6; i++)
    if (i != 4)
      cc_series_append (sb2, cc_series_get_point (sb, i)->date, b[i], CC_PROVENANCE_OBSERVED, 0);
  members[1] = sb2;

  basket = cc_basket_new ("basket:memory", "Memory", members, 2, d ("2026-06-30"),
                          CC_REBASE_PERCENT, G_MININT32, G_MAXINT32, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cc_series_get_n_points (basket), ==, 5);
  /* 26 Jun: (50/100 + 10/20) / 2 = 0.5 -> -50%. */
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (basket, 0)->close, -50.0, 1e-9);
  /* 1 Jul: (0.9 + 0.95) / 2 = 0.925 -> -7.5%. */
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (basket, 3)->close, -7.5, 1e-9);
  /* 6 Jul, rebalanced daily: 0.925 * (120/90 + 20/19) / 2 = 1.10351 -> +10.351% (bought and
   * held it would be (1.2 + 1.0) / 2 = +10%: the 1 July weights are equal again). */
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (basket, 4)->close,
                                  (0.925 * (120.0 / 90 + 20.0 / 19) / 2 - 1) * 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (cc_series_get_point (basket, 4)->close, 10.351, 1e-3);
  /* The 30 June bar of MU is reconstructed, so the basket's is too. */
  g_assert_cmpint (cc_series_get_point (basket, 2)->provenance, ==, CC_PROVENANCE_RECONSTRUCTED);
  g_assert_cmpint (cc_series_get_point (basket, 3)->provenance, ==, CC_PROVENANCE_OBSERVED);

  g_clear_object (&basket);
  basket = cc_basket_new ("basket:none", NULL, NULL, 0, d ("2026-06-30"), CC_REBASE_PERCENT,
                          G_MININT32, G_MAXINT32, &error);
  g_assert_null (basket);
  g_assert_nonnull (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rebase/at-event", test_rebase_at_event);
  g_test_add_func ("/rebase/to-first", test_rebase_to_first);
  g_test_add_func ("/rebase/without-base", test_rebase_without_base);
  g_test_add_func ("/rebase/basket", test_basket);

  return g_test_run ();
}
