/* test-chart-pairs.c: ratios and spreads on the chart and through `chipcycle export`: the label
 * names both sides, days with one side only are not drawn and the footer says so, bad pairs
 * give one message, and the exported data of a pair rebuilds the same pair. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "cc-bundled-dataset.h"
#include "cc-chart-private.h"
#include "cc-chart.h"
#include "cc-csv.h"
#include "cc-derived.h"
#include "../cc-test-cli.h"

#define D(y, m, d) cc_date_from_ymd (y, m, d)
#define MEMORY_PAIR "basket:memory - basket:gpu"

/* MU and NVDA from 1 Jun to 31 Jul 2026; NVDA misses 2 Jul, and closes at @nvda_low on
 * 15 Jul. */
static CcDataset *
synthetic_dataset (double nvda_low)
{
  CcDataset *dataset = cc_dataset_new ();
  g_autoptr(CcSeries) mu = cc_series_new ("MU", CC_LEVEL_PRICE);
  g_autoptr(CcSeries) nvda = cc_series_new ("NVDA", CC_LEVEL_PRICE);
  g_autoptr(CcSeries) sox = cc_series_new ("^SOX", CC_LEVEL_PRICE);
  int k = 0;

  for (CcDate d = D (2026, 6, 1); d <= D (2026, 7, 31); d = cc_calendar_next_trading_day (d))
    {
      if (!cc_calendar_is_trading_day (d))
        continue;
      cc_series_append (mu, d, 100 + k, CC_PROVENANCE_OBSERVED, 0);
      cc_series_append (sox, d, 5000 + 10 * k, CC_PROVENANCE_OBSERVED, 0);
      if (d != D (2026, 7, 2))
        cc_series_append (nvda, d, d == D (2026, 7, 15) ? nvda_low : 200 - k,
                          CC_PROVENANCE_OBSERVED, 0);
      k++;
    }
  cc_dataset_set_series (dataset, mu);
  cc_dataset_set_series (dataset, nvda);
  cc_dataset_set_series (dataset, sox);
  return dataset;
}

static CcChart *
chart_for (CcDataset          *dataset,
           const char * const *items)
{
  CcChart *chart = cc_chart_new (dataset);

  cc_chart_set_items (chart, items);
  cc_chart_set_event (chart, NULL);
  cc_chart_set_base_date (chart, D (2026, 6, 30));
  cc_chart_layout_free (cc_chart_layout (chart, 1280, 720));
  return chart;
}

static void
test_spread_footer_and_zero_line (void)
{
  g_autoptr(CcDataset) dataset = synthetic_dataset (180);
  const char *items[] = { "^SOX", "MU - NVDA", NULL };
  g_autoptr(CcChart) chart = chart_for (dataset, items);
  g_autofree char *footer = _cc_chart_get_text (chart, CC_CHART_TEXT_FOOTER);
  g_autofree char *legend = _cc_chart_get_text (chart, CC_CHART_TEXT_LEGEND);
  g_autoptr(GArray) values = NULL;
  g_autoptr(CcChartLayout) layout = NULL;
  gboolean zero_tick = FALSE;

  g_test_message ("footer: %s", footer);
  g_assert_nonnull (strstr (footer, "MU − NVDA: 1 day on which only one side has a close is "
                                    "not drawn."));
  g_assert_nonnull (strstr (legend, "MU − NVDA"));

  /* Nothing is drawn on 2 Jul: the read-out has no value there. */
  values = cc_chart_get_values_at (chart, D (2026, 7, 2));
  g_assert_cmpstr (g_array_index (values, CcChartValue, 1).item, ==, "MU - NVDA");
  g_assert_false (g_array_index (values, CcChartValue, 1).has_value);
  g_assert_true (g_array_index (values, CcChartValue, 0).has_value);
  g_clear_pointer (&values, g_array_unref);

  /* 1 Jul: MU 121/120 - 1, NVDA 179/180 - 1 (k = 21 and 20), in points. */
  values = cc_chart_get_values_at (chart, D (2026, 7, 1));
  g_assert_cmpfloat_with_epsilon (g_array_index (values, CcChartValue, 1).value,
                                  ((121.0 / 120 - 1) - (179.0 / 180 - 1)) * 100, 1e-12);

  /* Indexed: the others sit at 100, the spread is read against its own zero line, which
   * stays in view. */
  cc_chart_set_mode (chart, CC_CHART_MODE_INDEXED);
  layout = cc_chart_layout (chart, 1280, 720);
  for (guint i = 0; i < layout->y_tick_labels->len; i++)
    if (g_strcmp0 (g_array_index (layout->y_tick_labels, CcChartLabelBox, i).text, "0") == 0)
      zero_tick = TRUE;
  g_assert_true (zero_tick);
}

static void
test_bad_pairs_say_why (void)
{
  g_autoptr(CcDataset) dataset = synthetic_dataset (0);
  const char *ratio[] = { "MU/NVDA", NULL };
  const char *unknown[] = { "MU", "MU/AMD", NULL };
  g_autoptr(CcChart) chart = chart_for (dataset, ratio);
  g_autofree char *note = _cc_chart_get_text (chart, CC_CHART_TEXT_NOTE);

  /* NVDA's zero close on 15 Jul: one message, and no line. */
  g_test_message ("note: %s", note);
  g_assert_nonnull (strstr (note, "MU/NVDA is undefined: NVDA has a zero level on 2026-07-15"));
  g_clear_pointer (&note, g_free);
  g_clear_object (&chart);

  chart = chart_for (dataset, unknown);
  note = _cc_chart_get_text (chart, CC_CHART_TEXT_NOTE);
  g_test_message ("note: %s", note);
  g_assert_nonnull (strstr (note, "MU/AMD: no data for “AMD”"));
  g_clear_pointer (&note, g_free);

  /* A spread on a log scale cannot be drawn: it can be negative. */
  {
    const char *spread[] = { "MU", "MU - NVDA", NULL };

    cc_chart_set_items (chart, spread);
    cc_chart_set_log_scale (chart, TRUE);
    cc_chart_layout_free (cc_chart_layout (chart, 1280, 720));
    note = _cc_chart_get_text (chart, CC_CHART_TEXT_NOTE);
    g_assert_nonnull (strstr (note, "MU − NVDA is a spread and can be negative"));
  }
}

static int
run_cli (const char  *dir,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  return cc_test_run_chipcycle (dir, NULL, NULL, err, (const char * const *) argv->pdata);
}

static void
test_cli_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cc-pairs-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "pair.png", NULL);
  g_autofree char *csv = g_build_filename (dir, "pair.csv", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(CcDataset) bundled = cc_bundled_dataset_new (&error);
  g_autoptr(CcDataset) again = cc_dataset_new ();
  g_autoptr(CcSeries) original = NULL;
  g_autoptr(CcSeries) rebuilt = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (run_cli (dir, &err, "export", "--symbols", "basket:memory/basket:gpu",
                            "--output", png, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&err, g_free);

  /* Bad pairs: one line each, exit status 2. */
  g_assert_cmpint (run_cli (dir, &err, "export", "--symbols", "MU/mu", "--output", png, NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "compares MU with itself"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (dir, &err, "export", "--symbols", "basket:memry-^SOX", "--output",
                            png, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "did you mean basket:memory?"));
  g_clear_pointer (&err, g_free);

  /* The view's data carries the spread as drawn: on 1 July 2026, memory minus GPU; and both
   * sides, from which the user can work it out again; and it reads back as data. */
  g_assert_cmpint (run_cli (dir, &err, "export", "--symbols", "basket:memory-basket:gpu",
                            "--output", csv, NULL), ==, 0);
  {
    g_autofree char *text = NULL;
    g_auto(GStrv) header = NULL;
    g_auto(GStrv) cells = NULL;
    g_autoptr(CcSeries) first = NULL;
    g_autoptr(CcSeries) second = NULL;
    const char *row;
    const char *line;
    double value;
    gsize length = 0;
    int f = -1, s = -1, v = -1, l = -1;

    g_assert_true (g_file_get_contents (csv, &text, &length, NULL));
    line = strstr (text, "\nDate,");
    g_assert_nonnull (line);
    {
      g_autofree char *text_line = g_strndup (line + 1, strchr (line + 1, '\n') - line - 1);

      header = g_strsplit (text_line, ",", -1);
    }
    for (int i = 0; header[i]; i++)
      {
        if (g_str_equal (header[i], "MEMORY-GPU first"))
          f = i;
        else if (g_str_equal (header[i], "MEMORY-GPU second"))
          s = i;
        else if (g_str_equal (header[i], "MEMORY-GPU pts"))
          v = i;
        else if (g_str_equal (header[i], "MEMORY-GPU level"))
          l = i;
      }
    g_assert_cmpint (f, >, 0);
    g_assert_cmpint (s, >, 0);
    g_assert_cmpint (v, >, 0);
    g_assert_cmpint (l, >, 0);
    g_assert_nonnull (strstr (text, "# MEMORY-GPU first: Memory basket, second: GPU"));

    row = strstr (text, "\n2026-07-01,");
    g_assert_nonnull (row);
    {
      g_autofree char *text_row = g_strndup (row + 1, strchr (row + 1, '\n') - row - 1);

      cells = g_strsplit (text_row, ",", -1);
    }
    value = g_ascii_strtod (cells[v], NULL);
    original = cc_derived_series_new (bundled, MEMORY_PAIR, D (2026, 6, 30), D (2026, 6, 30),
                                      D (2026, 10, 5), NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (value, cc_series_get_point (original, 1)->close, 1e-6);

    /* The sides are each basket's own level since the base, and their difference is the
     * spread to the last digit the file writes. */
    first = cc_derived_side_growth_new (bundled, "basket:memory", D (2026, 6, 30),
                                        D (2026, 6, 30), D (2026, 10, 5), &error);
    g_assert_no_error (error);
    second = cc_derived_side_growth_new (bundled, "basket:gpu", D (2026, 6, 30),
                                         D (2026, 6, 30), D (2026, 10, 5), &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (g_ascii_strtod (cells[f], NULL), ==,
                       100.0 * cc_series_get_point (first, 1)->close);
    g_assert_cmpfloat (g_ascii_strtod (cells[s], NULL), ==,
                       100.0 * cc_series_get_point (second, 1)->close);
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cells[f], NULL) -
                                    g_ascii_strtod (cells[s], NULL), value, 1e-9);

    /* Read back as data: the spread's level column is one series, the sides are not. */
    imported = cc_csv_read (text, length, "pair.csv", "PAIR", NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (imported->len, ==, 1);
    rebuilt = g_object_ref (g_ptr_array_index (imported, 0));
    g_assert_cmpstr (cc_series_get_symbol (rebuilt), ==, "MEMORY-GPU");
    {
      int p = cc_series_find (rebuilt, D (2026, 7, 1));

      g_assert_cmpint (p, >=, 0);
      g_assert_cmpfloat_with_epsilon (cc_series_get_point (rebuilt, p)->close,
                                      100.0 + value, 1e-9);
    }
  }
  (void) file;
  (void) again;

  g_unlink (png);
  g_unlink (csv);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/pairs/spread-footer-and-zero-line", test_spread_footer_and_zero_line);
  g_test_add_func ("/chart/pairs/bad-pairs-say-why", test_bad_pairs_say_why);
  g_test_add_func ("/chart/pairs/cli-export", test_cli_export);
  return g_test_run ();
}
