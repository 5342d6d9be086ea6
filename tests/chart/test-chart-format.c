/* test-chart-format.c: numbers, percentages and tick labels as a reader in the C, German and
 * French locales would expect them; 1-2-5 ticks; time ticks that adapt to the span. */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "cc-chart-format.h"

#define MINUS "\xe2\x88\x92"
#define NNBSP "\xe2\x80\xaf"   /* U+202F, French thousands separator in glibc */

static gboolean
use_locale (const char *name)
{
  if (setlocale (LC_ALL, name) == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("locale %s is not installed (apt-get install "
                                              "locales; enable it in /etc/locale.gen; "
                                              "locale-gen)", name);

      g_test_skip (msg);
      return FALSE;
    }
  return TRUE;
}

static void
restore_locale (void)
{
  setlocale (LC_ALL, "C.UTF-8");
}

typedef struct {
  double      value;
  int         decimals;
  const char *expected;
} NumberCase;

static void
check_numbers (const NumberCase *cases,
               guint             n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *s = cc_chart_format_number (cases[i].value, cases[i].decimals, TRUE);

      g_assert_cmpstr (s, ==, cases[i].expected);
    }
}

static void
test_numbers_c (void)
{
  static const NumberCase cases[] = {
    { 0, 0, "0" },
    { 1234567.891, 2, "1234567.89" },   /* the C locale groups nothing */
    { -12.34, 1, MINUS "12.3" },
    { -0.04, 1, "0.0" },                /* rounds to zero: no sign */
    { 0.5, 2, "0.50" },
    { 999.996, 2, "1000.00" },
  };

  if (!use_locale ("C.UTF-8") && !use_locale ("C"))
    return;
  check_numbers (cases, G_N_ELEMENTS (cases));
  restore_locale ();
}

static void
test_numbers_de (void)
{
  static const NumberCase cases[] = {
    { 1234567.891, 2, "1.234.567,89" },
    { 14655.29, 2, "14.655,29" },
    { -12.34, 1, MINUS "12,3" },
    { 100, 0, "100" },
    { 1000, 0, "1.000" },
    { 0.25, 2, "0,25" },
  };

  if (!use_locale ("de_DE.UTF-8"))
    return;
  check_numbers (cases, G_N_ELEMENTS (cases));
  restore_locale ();
}

static void
test_numbers_fr (void)
{
  static const NumberCase cases[] = {
    { 1234567.891, 2, "1" NNBSP "234" NNBSP "567,89" },
    { 6160.05, 2, "6" NNBSP "160,05" },
    { -12.34, 1, MINUS "12,3" },
    { 999, 0, "999" },
  };

  if (!use_locale ("fr_FR.UTF-8"))
    return;
  check_numbers (cases, G_N_ELEMENTS (cases));
  restore_locale ();
}

static void
test_percent (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  if (!use_locale ("C.UTF-8") && !use_locale ("C"))
    return;
  a = cc_chart_format_percent (-6.27, 2, TRUE);
  b = cc_chart_format_percent (10.0, 0, TRUE);
  c = cc_chart_format_percent (0.0, 1, TRUE);
  g_assert_cmpstr (a, ==, MINUS "6.27%");
  g_assert_cmpstr (b, ==, "+10%");
  g_assert_cmpstr (c, ==, "0.0%");
  if (!use_locale ("de_DE.UTF-8"))
    return;
  d = cc_chart_format_percent (-12.34, 1, TRUE);
  g_assert_cmpstr (d, ==, MINUS "12,3%");
  restore_locale ();
}

static void
test_nice_ticks (void)
{
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;
  g_autoptr(GArray) c = NULL;
  double step;

  a = cc_chart_nice_ticks (-93.4, 31.2, 8, &step);
  g_assert_cmpfloat (step, ==, 20);
  g_assert_cmpuint (a->len, ==, 6);   /* −80 … +20 */
  g_assert_cmpfloat (g_array_index (a, CcTick, 0).value, ==, -80);
  g_assert_cmpfloat (g_array_index (a, CcTick, a->len - 1).value, ==, 20);
  for (guint i = 0; i < a->len; i++)
    if (fabs (g_array_index (a, CcTick, i).value) < 1e-12)
      g_assert_true (signbit (g_array_index (a, CcTick, i).value) == 0);

  b = cc_chart_nice_ticks (0.12, 0.31, 5, &step);
  g_assert_cmpfloat_with_epsilon (step, 0.05, 1e-12);
  g_assert_cmpint (cc_chart_decimals_for_step (step), ==, 2);
  g_assert_cmpint (cc_chart_decimals_for_step (0.5), ==, 1);
  g_assert_cmpint (cc_chart_decimals_for_step (20), ==, 0);

  /* Steps are always 1, 2 or 5 times a power of ten. */
  for (double span = 0.003; span < 1e6; span *= 3.7)
    {
      g_autoptr(GArray) t = cc_chart_nice_ticks (0, span, 6, &step);
      double m = step / pow (10, floor (log10 (step) + 1e-9));

      g_assert_true (fabs (m - 1) < 1e-6 || fabs (m - 2) < 1e-6 || fabs (m - 5) < 1e-6);
      g_assert_cmpuint (t->len, >=, 3);
      g_assert_cmpuint (t->len, <=, 13);
    }

  /* A log axis over 0.07x .. 1.3x (memory's run-up) uses 1-2-5 per decade. */
  c = cc_chart_log_ticks (0.065, 1.3, 8, &step);
  g_assert_cmpuint (c->len, ==, 4);   /* 0.1 0.2 0.5 1 */
  g_assert_cmpfloat_with_epsilon (g_array_index (c, CcTick, 0).value, 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (c, CcTick, 3).position, 0.0, 1e-12);
}

static GArray *
trading_days (const char *from,
              const char *to)
{
  CcDate a, b;

  g_assert_true (cc_date_parse_iso (from, &a));
  g_assert_true (cc_date_parse_iso (to, &b));
  return cc_calendar_trading_days (a, b);
}

static void
test_time_ticks_adapt (void)
{
  struct {
    const char *from, *to;
    CcTimeUnit  unit;
  } cases[] = {
    { "2026-06-22", "2026-07-02", CC_TIME_UNIT_DAY },
    { "2026-05-01", "2026-07-31", CC_TIME_UNIT_WEEK },
    { "2025-10-06", "2026-10-05", CC_TIME_UNIT_MONTH },
    { "2023-01-03", "2026-10-05", CC_TIME_UNIT_QUARTER },
    { "1994-01-03", "2025-12-31", CC_TIME_UNIT_YEAR },
  };

  if (!use_locale ("C.UTF-8") && !use_locale ("C"))
    return;
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GArray) days = trading_days (cases[c].from, cases[c].to);
      g_autoptr(GArray) ticks = NULL;
      CcTimeUnit unit;

      ticks = cc_chart_time_ticks ((CcDate *) (void *) days->data, 0, days->len - 1, 14, &unit);
      g_assert_cmpint (unit, ==, cases[c].unit);
      g_assert_cmpuint (ticks->len, >=, 2);
      g_assert_cmpuint (ticks->len, <=, 14);
      for (guint i = 1; i < ticks->len; i++)
        g_assert_cmpuint (g_array_index (ticks, CcTimeTick, i).index, >,
                          g_array_index (ticks, CcTimeTick, i - 1).index);
    }

  /* Monthly ticks of the default year: on the first trading day of each month, the year on
   * the second row under the first tick and under January. Holidays and weekends are not on
   * the axis at all. */
  {
    g_autoptr(GArray) days = trading_days ("2025-10-06", "2026-10-05");
    g_autoptr(GArray) ticks = cc_chart_time_ticks ((CcDate *) (void *) days->data, 0,
                                                   days->len - 1, 14, NULL);
    CcTimeTick *first = &g_array_index (ticks, CcTimeTick, 0);
    CcTimeTick *jan = &g_array_index (ticks, CcTimeTick, 2);
    char iso[11];

    g_assert_cmpuint (ticks->len, ==, 12);   /* Nov 2025 … Oct 2026 */
    g_assert_cmpstr (first->label, ==, "Nov");
    g_assert_cmpstr (first->context, ==, "2025");
    g_assert_cmpstr (g_array_index (ticks, CcTimeTick, 1).label, ==, "Dec");
    g_assert_null (g_array_index (ticks, CcTimeTick, 1).context);
    g_assert_cmpstr (jan->label, ==, "Jan");
    g_assert_cmpstr (jan->context, ==, "2026");
    g_assert_true (jan->major);
    /* 2026-01-01 is a holiday: the tick sits on Friday 2 January. */
    cc_date_format_iso (g_array_index (days, CcDate, jan->index), iso);
    g_assert_cmpstr (iso, ==, "2026-01-02");
  }

  /* Two-week ticks over half a year (the case that read "13 Apr, 27, 11, 26, 8 …"): day
   * numbers on the first row, and every month the ticks fall in named on the second, the
   * first with its year. */
  {
    g_autoptr(GArray) days = trading_days ("2026-04-06", "2026-09-30");
    g_autoptr(GArray) ticks = NULL;
    g_autoptr(GString) months = g_string_new (NULL);
    CcTimeUnit unit;

    ticks = cc_chart_time_ticks ((CcDate *) (void *) days->data, 0, days->len - 1, 13, &unit);
    g_assert_cmpint (unit, ==, CC_TIME_UNIT_WEEK);
    for (guint i = 0; i < ticks->len; i++)
      {
        CcTimeTick *t = &g_array_index (ticks, CcTimeTick, i);

        g_assert_null (strchr (t->label, ' '));
        if (t->context)
          g_string_append_printf (months, "%s%s", months->len ? "|" : "", t->context);
      }
    g_assert_cmpstr (months->str, ==, "Apr 2026|May|Jun|Jul|Aug|Sep");
  }

  /* Quarter steps name their months; years are named alone. */
  {
    g_autoptr(GArray) days = trading_days ("2023-01-03", "2026-10-05");
    g_autoptr(GArray) ticks = NULL;

    ticks = cc_chart_time_ticks ((CcDate *) (void *) days->data, 0, days->len - 1, 14, NULL);
    g_assert_cmpstr (g_array_index (ticks, CcTimeTick, 0).label, ==, "Jan");
    g_assert_cmpstr (g_array_index (ticks, CcTimeTick, 0).context, ==, "2023");
  }
  restore_locale ();
}

static void
test_time_ticks_locales (void)
{
  g_autoptr(GArray) days = trading_days ("2025-10-01", "2026-03-31");
  struct {
    const char *locale;
    const char *october;
    const char *march;
  } cases[] = {
    { "de_DE.UTF-8", "Okt", "Mär" },
    { "fr_FR.UTF-8", "oct.", "mars" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GArray) ticks = NULL;

      if (!use_locale (cases[c].locale))
        return;
      ticks = cc_chart_time_ticks ((CcDate *) (void *) days->data, 0, days->len - 1, 8, NULL);
      g_assert_cmpuint (ticks->len, ==, 6);
      g_assert_cmpstr (g_array_index (ticks, CcTimeTick, 0).label, ==, cases[c].october);
      g_assert_cmpstr (g_array_index (ticks, CcTimeTick, 0).context, ==, "2025");
      g_assert_cmpstr (g_array_index (ticks, CcTimeTick, 5).label, ==, cases[c].march);
    }
  restore_locale ();
}

static void
test_offset_ticks (void)
{
  g_autoptr(GArray) ticks = cc_chart_offset_ticks (0, 80, 20, 10);

  if (!use_locale ("C.UTF-8") && !use_locale ("C"))
    return;
  /* t−20 … t+60 every 10 trading days. */
  g_assert_cmpuint (ticks->len, ==, 9);
  g_assert_cmpstr (g_array_index (ticks, CcTimeTick, 0).label, ==, "t" MINUS "20");
  g_assert_cmpstr (g_array_index (ticks, CcTimeTick, 2).label, ==, "t");
  g_assert_true (g_array_index (ticks, CcTimeTick, 2).major);
  g_assert_cmpstr (g_array_index (ticks, CcTimeTick, 8).label, ==, "t+60");
  restore_locale ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/format/numbers-c", test_numbers_c);
  g_test_add_func ("/chart/format/numbers-de", test_numbers_de);
  g_test_add_func ("/chart/format/numbers-fr", test_numbers_fr);
  g_test_add_func ("/chart/format/percent", test_percent);
  g_test_add_func ("/chart/format/nice-ticks", test_nice_ticks);
  g_test_add_func ("/chart/format/time-ticks-adapt", test_time_ticks_adapt);
  g_test_add_func ("/chart/format/time-ticks-locales", test_time_ticks_locales);
  g_test_add_func ("/chart/format/offset-ticks", test_offset_ticks);
  return g_test_run ();
}
