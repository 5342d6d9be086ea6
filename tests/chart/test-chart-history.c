/* test-chart-history.c: long ranges over the bundled month-end ^SOX history joined to the
 * daily window, the frequency change on the figure, the old cycles as events, and rebasing
 * to the first visible bar. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cc-bundled-dataset.h"
#include "cc-chart-private.h"
#include "cc-rebase.h"

static CcDataset *
load_bundled (void)
{
  g_autoptr(GError) error = NULL;
  CcDataset *dataset = cc_bundled_dataset_new (&error);

  g_assert_no_error (error);
  return dataset;
}

static CcChart *
history_chart (CcDataset *dataset)
{
  CcChart *chart = cc_chart_new (dataset);

  cc_chart_set_history (chart, TRUE);
  return chart;
}

static char *
footer_at (CcChart *chart)
{
  g_autoptr(CcChartLayout) layout = cc_chart_layout (chart, 1280, 720);

  return _cc_chart_get_text (chart, CC_CHART_TEXT_FOOTER);
}

static CcEvent *
event_on (CcDataset *dataset,
          int        y,
          int        m,
          int        d)
{
  CcEvent *event = cc_dataset_find_event_on (dataset, cc_date_from_ymd (y, m, d));

  g_assert_nonnull (event);
  return event;
}

/* Without history the chart is the daily window (what `chipcycle export` draws by default);
 * with it, All Data reaches back to May 1994 and the frequency change is marked and named. */
static void
test_max_reaches_1994 (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(CcChart) daily = cc_chart_new (dataset);
  g_autoptr(CcChart) chart = history_chart (dataset);
  g_autoptr(CcChartLayout) layout = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *daily_footer = NULL;
  CcDate first, last;

  g_assert_true (cc_chart_get_data_range (daily, &first, &last));
  g_assert_cmpint (first, ==, cc_date_from_ymd (2025, 10, 6));
  layout = cc_chart_layout (daily, 1280, 720);
  g_assert_true (isnan (layout->frequency_x));
  g_clear_pointer (&layout, cc_chart_layout_free);
  daily_footer = _cc_chart_get_text (daily, CC_CHART_TEXT_FOOTER);
  g_assert_null (strstr (daily_footer, "month-end"));

  g_assert_true (cc_chart_get_data_range (chart, &first, &last));
  g_assert_cmpint (first, ==, cc_date_from_ymd (1994, 5, 31));
  g_assert_cmpint (last, ==, cc_date_from_ymd (2026, 10, 5));

  layout = cc_chart_layout (chart, 1280, 720);
  /* The marker stands just before the first daily bar, inside the plot, near its right end
   * (31 of 32 years are monthly). */
  g_assert_false (isnan (layout->frequency_x));
  g_assert_cmpfloat (layout->frequency_x, >, layout->plot.x + layout->plot.width * 0.9);
  g_assert_cmpfloat (layout->frequency_x, <, layout->plot.x + layout->plot.width);
  g_assert_cmpfloat_with_epsilon (layout->frequency_x,
                                  cc_chart_x_for_date (chart, cc_date_from_ymd (2025, 10, 6)),
                                  layout->plot.width / 100.0);
  g_assert_cmpfloat (layout->frequency_label.width, >, 0);

  footer = footer_at (chart);
  g_assert_nonnull (strstr (footer, "^SOX: month-end closes before 6 Oct 2025 (observed, "
                                    "adjusted for the 1995 split), none after 28 Feb 2025"));
  /* The recorded daily bars keep their own mention; the month-end closes are not in it. */
  g_assert_nonnull (strstr (footer, "^SOX 8 Sep – 5 Oct 2026 observed"));

  /* Time runs at one pace: 1994-2025 take far more width than the last year. */
  g_assert_cmpfloat (cc_chart_x_for_date (chart, cc_date_from_ymd (2010, 1, 4)), <,
                     layout->plot.x + layout->plot.width * 0.55);
}

/* 5Y: from five years before the last bar, monthly until the daily window. */
static void
test_five_years (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(CcChart) chart = history_chart (dataset);
  g_autoptr(CcChartLayout) layout = NULL;
  g_autoptr(GArray) values = NULL;
  CcDate first, last, from;

  g_assert_true (cc_chart_get_data_range (chart, &first, &last));
  from = cc_date_add_months (last, -60);
  cc_chart_set_range (chart, from, CC_DATE_INVALID);
  layout = cc_chart_layout (chart, 1280, 720);
  g_assert_false (isnan (layout->frequency_x));
  /* About 3.4 of the 5 years are monthly. */
  g_assert_cmpfloat (layout->frequency_x, >, layout->plot.x + layout->plot.width * 0.6);
  g_assert_cmpfloat (layout->frequency_x, <, layout->plot.x + layout->plot.width * 0.8);
  /* The first month-end close in range is drawn: 29 Oct 2021. */
  values = cc_chart_get_values_at (chart, cc_date_from_ymd (2021, 10, 29));
  g_assert_cmpuint (values->len, >=, 1);
  g_assert_cmpstr (g_array_index (values, CcChartValue, 0).item, ==, "^SOX");
  g_assert_true (g_array_index (values, CcChartValue, 0).has_value);
}

/* The 2000, 2008 and 2022 peaks and troughs can be selected and rebased to, at monthly
 * resolution: ^SOX reads 0% at the month-end close before the event, and the subtitle says
 * it is a month-end close. Series without data then are left out, and said so. */
static void
test_old_cycles_chartable (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(CcChart) chart = history_chart (dataset);
  static const struct {
    int y, m, d;
    int by, bm, bd;   /* the month-end close rebased to */
  } cases[] = {
    { 2000, 3, 10, 2000, 2, 29 },
    { 2002, 10, 9, 2002, 9, 30 },
    { 2007, 7, 17, 2007, 6, 29 },
    { 2008, 11, 20, 2008, 10, 31 },
    { 2021, 12, 27, 2021, 11, 30 },
    { 2022, 10, 14, 2022, 9, 30 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CcEvent *event = event_on (dataset, cases[i].y, cases[i].m, cases[i].d);
      CcDate base = cc_date_from_ymd (cases[i].by, cases[i].bm, cases[i].bd);
      g_autoptr(CcChartLayout) layout = NULL;
      g_autoptr(GArray) values = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *note = NULL;
      g_autofree char *base_text = cc_chart_format_date (base, TRUE);
      g_autofree char *expected = g_strdup_printf ("change since the month-end close of %s",
                                                   base_text);
      const CcChartValue *sox;

      cc_chart_set_event (chart, event);
      layout = cc_chart_layout (chart, 1280, 720);
      subtitle = _cc_chart_get_text (chart, CC_CHART_TEXT_SUBTITLE);
      if (strstr (subtitle, expected) == NULL)
        g_error ("subtitle “%s” lacks “%s”", subtitle, expected);
      values = cc_chart_get_values_at (chart, base);
      sox = &g_array_index (values, CcChartValue, 0);
      g_assert_cmpstr (sox->item, ==, "^SOX");
      g_assert_true (sox->has_value);
      g_assert_cmpfloat (sox->value, ==, 0.0);
      /* The baskets and META have no close then: named in the note, not drawn. */
      g_assert_cmpuint (values->len, ==, 1);
      note = _cc_chart_get_text (chart, CC_CHART_TEXT_NOTE);
      g_assert_nonnull (note);
      g_assert_nonnull (strstr (note, "META"));
      /* The event's mark is on the plot. */
      g_assert_false (isnan (cc_chart_x_for_date (chart, cc_event_get_date (event))));
    }

  /* The dot-com decline as the chart draws it: October 2002's month-end close against the
   * peak's base, February 2000's, straight from the bundled file. */
  {
    CcSeries *history = cc_dataset_get_history (dataset, CC_SYMBOL_SOX);
    double feb2000, oct2002;
    g_autoptr(GArray) values = NULL;

    cc_chart_set_event (chart, event_on (dataset, 2000, 3, 10));
    g_assert_true (cc_series_get_close (history, cc_date_from_ymd (2000, 2, 29), &feb2000));
    g_assert_true (cc_series_get_close (history, cc_date_from_ymd (2002, 10, 31), &oct2002));
    values = cc_chart_get_values_at (chart, cc_date_from_ymd (2002, 10, 31));
    g_assert_cmpfloat_with_epsilon (g_array_index (values, CcChartValue, 0).value,
                                    100.0 * (oct2002 / feb2000 - 1), 1e-9);
  }
}

/* Rebased to the first visible bar, every visible series starts at 0% (100 indexed), each at
 * its own first bar when they start on different days. */
static void
test_rebase_visible (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  g_autoptr(CcChart) chart = history_chart (dataset);
  g_autoptr(GArray) values = NULL;
  g_autofree char *subtitle = NULL;
  CcDate from = cc_date_from_ymd (2026, 8, 1);   /* a Saturday: the first bar is 3 Aug */
  guint n_zero = 0;

  g_assert_cmpint (cc_chart_get_rebase (chart), ==, CC_CHART_REBASE_EVENT);
  cc_chart_set_range (chart, from, CC_DATE_INVALID);
  /* Rebased to the event (1 July), the first visible bar is far from 0%. */
  values = cc_chart_get_values_at (chart, cc_date_from_ymd (2026, 8, 3));
  g_assert_cmpfloat (fabs (g_array_index (values, CcChartValue, 0).value), >, 1.0);
  g_clear_pointer (&values, g_array_unref);

  cc_chart_set_rebase (chart, CC_CHART_REBASE_VISIBLE);
  g_assert_cmpint (cc_chart_get_base_date (chart), ==, cc_date_from_ymd (2026, 8, 3));
  values = cc_chart_get_values_at (chart, cc_date_from_ymd (2026, 8, 3));
  g_assert_cmpuint (values->len, ==, 4);
  for (guint i = 0; i < values->len; i++)
    {
      CcChartValue *v = &g_array_index (values, CcChartValue, i);

      g_assert_true (v->has_value);
      g_assert_cmpfloat (v->value, ==, 0.0);
      n_zero++;
    }
  g_assert_cmpuint (n_zero, ==, 4);
  {
    g_autoptr(CcChartLayout) layout = cc_chart_layout (chart, 1280, 720);

    subtitle = _cc_chart_get_text (chart, CC_CHART_TEXT_SUBTITLE);
    g_assert_nonnull (strstr (subtitle, "change since each line’s first close shown"));
  }
  g_clear_pointer (&values, g_array_unref);

  /* Indexed: 100. */
  cc_chart_set_mode (chart, CC_CHART_MODE_INDEXED);
  values = cc_chart_get_values_at (chart, cc_date_from_ymd (2026, 8, 3));
  for (guint i = 0; i < values->len; i++)
    g_assert_cmpfloat (g_array_index (values, CcChartValue, i).value, ==, 100.0);
  g_clear_pointer (&values, g_array_unref);

  /* All Data: ^SOX starts at 0% in May 1994, the others at theirs, 6 October 2025, and every
   * series is drawn (none lacks a base). */
  cc_chart_set_mode (chart, CC_CHART_MODE_PERCENT);
  cc_chart_set_range (chart, CC_DATE_INVALID, CC_DATE_INVALID);
  values = cc_chart_get_values_at (chart, cc_date_from_ymd (1994, 5, 31));
  g_assert_cmpfloat (g_array_index (values, CcChartValue, 0).value, ==, 0.0);
  g_clear_pointer (&values, g_array_unref);
  values = cc_chart_get_values_at (chart, cc_date_from_ymd (2025, 10, 6));
  g_assert_cmpuint (values->len, ==, 4);
  for (guint i = 1; i < values->len; i++)
    g_assert_cmpfloat (g_array_index (values, CcChartValue, i).value, ==, 0.0);
}

/* Price mode keeps one unit on its axis: with ^SOX first the axis is in index points and META's
 * dollars are left out and named; with META first the axis is in USD and ^SOX is named. Never
 * two units against one scale. */
static void
test_price_one_unit (void)
{
  g_autoptr(CcDataset) dataset = load_bundled ();
  const char *sox_first[] = { "^SOX", "META", NULL };
  const char *meta_first[] = { "META", "^SOX", NULL };
  const char * const *orders[] = { sox_first, meta_first };
  const char *subtitles[] = { "index levels in points", "closing prices in USD" };
  const char *shown[] = { "^SOX", "META" };
  const char *left_out[] = { "META", "^SOX" };

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      g_autoptr(CcChart) chart = cc_chart_new (dataset);
      g_autoptr(CcChartLayout) layout = NULL;
      g_autoptr(GArray) values = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *note = NULL;
      g_autofree char *expected_note = NULL;
      CcDate day;

      cc_chart_set_items (chart, orders[o]);
      cc_chart_set_mode (chart, CC_CHART_MODE_PRICE);
      layout = cc_chart_layout (chart, 1280, 720);
      subtitle = _cc_chart_get_text (chart, CC_CHART_TEXT_SUBTITLE);
      note = _cc_chart_get_text (chart, CC_CHART_TEXT_NOTE);
      g_test_message ("subtitle: %s\nnote: %s", subtitle, note);
      g_assert_nonnull (strstr (subtitle, subtitles[o]));
      expected_note = g_strdup_printf ("(another unit than the axis): %s", left_out[o]);
      g_assert_nonnull (strstr (note, expected_note));

      g_assert_true (cc_date_parse_iso ("2026-07-01", &day));
      values = cc_chart_get_values_at (chart, day);
      g_assert_cmpuint (values->len, ==, 1);
      g_assert_cmpstr (g_array_index (values, CcChartValue, 0).item, ==, shown[o]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/history/max-reaches-1994", test_max_reaches_1994);
  g_test_add_func ("/chart/history/five-years", test_five_years);
  g_test_add_func ("/chart/history/old-cycles-chartable", test_old_cycles_chartable);
  g_test_add_func ("/chart/history/rebase-visible", test_rebase_visible);
  g_test_add_func ("/chart/history/price-one-unit", test_price_one_unit);
  return g_test_run ();
}
