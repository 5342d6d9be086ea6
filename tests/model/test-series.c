/* test-series.c: the series container: ordering, lookups, merging, provenance. */
#include "config.h"

#include "cc-series.h"

static CcDate
d (const char *iso)
{
  CcDate date = CC_DATE_INVALID;

  g_assert_true (cc_date_parse_iso (iso, &date));
  return date;
}

static void
test_append_and_find (void)
{
  g_autoptr(CcSeries) s = cc_series_new ("MU", CC_LEVEL_PRICE);
  double close = 0;

  g_assert_true (cc_series_append (s, d ("2026-06-29"), 10, CC_PROVENANCE_OBSERVED, 0));
  g_assert_true (cc_series_append (s, d ("2026-06-30"), 11, CC_PROVENANCE_ANCHORED, 0));
  g_assert_true (cc_series_append (s, d ("2026-07-02"), 12, CC_PROVENANCE_RECONSTRUCTED, 0));
  /* Out of order and duplicate dates are refused, not silently reordered. */
  g_assert_false (cc_series_append (s, d ("2026-07-01"), 99, CC_PROVENANCE_OBSERVED, 0));
  g_assert_false (cc_series_append (s, d ("2026-07-02"), 99, CC_PROVENANCE_OBSERVED, 0));
  g_assert_cmpuint (cc_series_get_n_points (s), ==, 3);

  g_assert_cmpint (cc_series_find (s, d ("2026-06-30")), ==, 1);
  g_assert_cmpint (cc_series_find (s, d ("2026-07-01")), ==, -1);
  g_assert_cmpint (cc_series_find_on_or_before (s, d ("2026-07-01")), ==, 1);
  g_assert_cmpint (cc_series_find_on_or_before (s, d ("2026-06-01")), ==, -1);
  g_assert_cmpint (cc_series_find_on_or_after (s, d ("2026-07-01")), ==, 2);
  g_assert_cmpint (cc_series_find_on_or_after (s, d ("2026-08-01")), ==, -1);
  g_assert_true (cc_series_get_close (s, d ("2026-07-02"), &close));
  g_assert_cmpfloat (close, ==, 12);

  g_assert_true (cc_series_has_provenance (s, CC_PROVENANCE_RECONSTRUCTED, d ("2026-07-01"),
                                           d ("2026-07-31")));
  g_assert_false (cc_series_has_provenance (s, CC_PROVENANCE_RECONSTRUCTED, d ("2026-06-01"),
                                            d ("2026-07-01")));
  g_assert_cmpstr (cc_provenance_to_string (CC_PROVENANCE_ANCHORED), ==, "anchored");
}

static void
test_set_point_and_merge (void)
{
  g_autoptr(CcSeries) a = cc_series_new ("X", CC_LEVEL_INDEX);
  g_autoptr(CcSeries) b = cc_series_new ("X", CC_LEVEL_INDEX);
  g_autoptr(CcSeries) copy = NULL;
  CcAction split = { d ("2026-07-01"), CC_ACTION_SPLIT, 4, 1 };
  const CcPoint *p;
  guint n;

  cc_series_append (a, d ("2026-01-05"), 1, CC_PROVENANCE_RECONSTRUCTED, 0);
  cc_series_append (a, d ("2026-01-07"), 3, CC_PROVENANCE_RECONSTRUCTED, 0);
  cc_series_set_point (a, d ("2026-01-06"), 2, CC_PROVENANCE_RECONSTRUCTED, 0);
  cc_series_set_point (a, d ("2026-01-07"), 30, CC_PROVENANCE_RECONSTRUCTED, 0);

  cc_series_append (b, d ("2026-01-06"), 20, CC_PROVENANCE_OBSERVED, 0);
  cc_series_append (b, d ("2026-01-08"), 40, CC_PROVENANCE_OBSERVED, CC_POINT_FLAG_UNFINISHED);
  cc_series_add_action (b, &split);

  cc_series_merge (a, b);
  p = cc_series_get_points (a, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (p[0].close, ==, 1);
  g_assert_cmpfloat (p[1].close, ==, 20);
  g_assert_cmpint (p[1].provenance, ==, CC_PROVENANCE_OBSERVED);
  g_assert_cmpfloat (p[2].close, ==, 30);
  g_assert_cmpfloat (p[3].close, ==, 40);
  g_assert_cmpint (p[3].flags, ==, CC_POINT_FLAG_UNFINISHED);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (p[i - 1].date, <, p[i].date);

  cc_series_get_actions (a, &n);
  g_assert_cmpuint (n, ==, 1);

  copy = cc_series_copy (a);
  g_assert_cmpuint (cc_series_get_n_points (copy), ==, 4);
  cc_series_clear (a);
  g_assert_cmpuint (cc_series_get_n_points (a), ==, 0);
  g_assert_cmpuint (cc_series_get_n_points (copy), ==, 4);
  g_assert_null (cc_series_get_last (a));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series/append-and-find", test_append_and_find);
  g_test_add_func ("/series/set-point-and-merge", test_set_point_and_merge);

  return g_test_run ();
}
