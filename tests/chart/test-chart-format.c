/* test-chart-format.c: numbers, percentages and tick labels as a reader in the C, German and
 * French locales would expect them; 1-2-5 ticks; time ticks that adapt to the span. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cc-analysis.h"
#include "cc-bundled-dataset.h"
#include "cc-chart.h"
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
      g_autofree char *s = cc_format_number (cases[i].value, cases[i].decimals, TRUE);

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
  a = cc_format_percent (-6.27, 2, TRUE);
  b = cc_format_percent (10.0, 0, TRUE);
  c = cc_format_percent (0.0, 1, TRUE);
  g_assert_cmpstr (a, ==, MINUS "6.27%");
  g_assert_cmpstr (b, ==, "+10%");
  g_assert_cmpstr (c, ==, "0.0%");
  if (!use_locale ("de_DE.UTF-8"))
    return;
  d = cc_format_percent (-12.34, 1, TRUE);
  g_assert_cmpstr (d, ==, MINUS "12,3%");
  restore_locale ();
}

/* What stands between a percentage's last digit and its "%" in @text (the first percentage in
 * it): "" in English, a no-break space in German and French. NULL when @text holds none. */
static char *
percent_gap (const char *text)
{
  const char *sign = strchr (text, '%');
  const char *p;

  if (sign == NULL)
    return NULL;
  for (p = sign; p > text && !g_ascii_isdigit (p[-1]); p--)
    ;
  g_assert_true (p > text);   /* a "%" with no number before it */
  return g_strndup (p, sign - p);
}

typedef struct {
  const char *language;
  const char *locale;
  const char *gap;              /* what po/LANG.po puts before "%" */
} PercentLanguage;

static const PercentLanguage percent_languages[] = {
  { "de", "de_DE.UTF-8", "\u00a0" },
  { "fr", "fr_FR.UTF-8", "\u202f" },   /* a narrow one, as French typography has it */
};

static void
check_gap (const char *where,
           const char *text,
           const char *expected)
{
  g_autofree char *gap = percent_gap (text);

  if (gap == NULL)
    g_error ("%s: no percentage in “%s”", where, text);
  if (!g_str_equal (gap, expected))
    g_error ("%s: “%s” puts “%s” before %%, the chart “%s”", where, text, gap, expected);
}

/* In German and French the chart (its axis and end labels) and the side panel (indicator
 * values and sentences, event-study returns, weights, the evidence lines of the cards) space
 * their percentages alike, with the catalogues this build compiled. */
static void
test_percent_chart_and_panel (gconstpointer user_data)
{
  const PercentLanguage *lang = user_data;

  if (setlocale (LC_ALL, lang->locale) == NULL)
    {
      g_test_skip ("the locale is not installed");
      return;
    }
  setlocale (LC_ALL, "C.UTF-8");
  if (g_test_subprocess ())
    {
      g_autofree char *po_dir = g_build_filename (g_getenv ("CHIPCYCLE_BUILD_ROOT"), "po",
                                                  NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CcDataset) dataset = NULL;
      g_autoptr(CcChart) chart = NULL;
      g_autoptr(CcChartLayout) layout = NULL;
      g_autoptr(CcRules) rules = NULL;
      g_autoptr(CcAnalysis) analysis = NULL;
      g_autofree char *chart_gap = NULL;
      g_autofree char *value = NULL;
      g_autofree char *sentence = NULL;
      g_autofree char *ret = NULL;
      g_autofree char *weight = NULL;
      guint n_chart = 0, n_reasons = 0;

      g_setenv ("LANGUAGE", lang->language, TRUE);
      g_assert_nonnull (setlocale (LC_ALL, lang->locale));
      bindtextdomain (GETTEXT_PACKAGE, po_dir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);

      dataset = cc_bundled_dataset_new (&error);
      g_assert_no_error (error);

      /* The chart: every percentage on its value axis and at the ends of its lines. */
      chart = cc_chart_new (dataset);
      cc_chart_set_mode (chart, CC_CHART_MODE_PERCENT);
      layout = cc_chart_layout (chart, 1280, 720);
      for (guint pass = 0; pass < 2; pass++)
        {
          GArray *labels = pass == 0 ? layout->y_tick_labels : layout->end_labels;

          for (guint i = 0; i < labels->len; i++)
            {
              const CcChartLabelBox *box = &g_array_index (labels, CcChartLabelBox, i);

              if (strchr (box->text, '%') == NULL)
                continue;
              if (chart_gap == NULL)
                chart_gap = percent_gap (box->text);
              check_gap ("chart", box->text, chart_gap);
              n_chart++;
            }
        }
      g_assert_cmpuint (n_chart, >=, 4);
      g_assert_cmpstr (chart_gap, ==, lang->gap);

      /* The panel: what its indicator rows, study table and weight bars show. */
      value = cc_indicator_format_value (CC_INDICATOR_SOX_DRAWDOWN, 22.34);
      check_gap ("indicator value", value, chart_gap);
      sentence = cc_indicator_describe (CC_INDICATOR_SOX_VS_MA200, -4.12);
      check_gap ("indicator sentence", sentence, chart_gap);
      ret = cc_format_return (-0.0627);
      check_gap ("event-study return", ret, chart_gap);
      weight = cc_format_weight (0.52);
      check_gap ("weight", weight, chart_gap);

      /* The cards' evidence lines, from the analysis of the bundled data. */
      rules = cc_rules_new_builtin ();
      analysis = cc_analysis_new (dataset, cc_date_from_ymd (2026, 7, 1),
                                  cc_date_from_ymd (2026, 10, 5), NULL, rules);
      for (guint t = 0; t < CC_N_TARGETS; t++)
        for (guint i = 0; i < analysis->assessment->reasons[t]->len; i++)
          {
            const CcReason *reason = g_ptr_array_index (analysis->assessment->reasons[t], i);

            if (strchr (reason->sentence, '%') == NULL)
              continue;
            check_gap ("evidence", reason->sentence, chart_gap);
            n_reasons++;
          }
      g_assert_cmpuint (n_reasons, >, 0);
      exit (0);
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
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
  for (guint i = 0; i < G_N_ELEMENTS (percent_languages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/chart/format/percent-chart-and-panel/%s",
                                               percent_languages[i].language);

      g_test_add_data_func (path, &percent_languages[i], test_percent_chart_and_panel);
    }
  g_test_add_func ("/chart/format/nice-ticks", test_nice_ticks);
  g_test_add_func ("/chart/format/time-ticks-adapt", test_time_ticks_adapt);
  g_test_add_func ("/chart/format/time-ticks-locales", test_time_ticks_locales);
  g_test_add_func ("/chart/format/offset-ticks", test_offset_ticks);
  return g_test_run ();
}
