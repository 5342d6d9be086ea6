/* test-chart-filings.c: filing markers on the chart: which filings get which marker, each on
 * its own line at its event day, two companies' markers on one day kept apart and clear of
 * every label, the toggles per kind, and the key in the figure and in a PDF export. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cc-chart-filings-test.h"
#include "cc-chart-private.h"
#include "cc-chart.h"

#define D(y, m, d) cc_date_from_ymd (y, m, d)
#define KEY_ALL "Filings (SEC EDGAR): E results (10-Q, 10-K, 20-F, 8-K 2.02) " \
                "A material agreement (8-K 1.01) L listing (S-1, 424B) other 8-K"

/* MU and NVDA, observed, from 1 Jun to 31 Jul 2026: they cross on 15 Jun, and MU's highest
 * close is its last; an event on 1 Jul puts a label in the lanes above the plot. */
static CcDataset *
synthetic_dataset (void)
{
  CcDataset *dataset = cc_dataset_new ();
  g_autoptr(CcSeries) mu = cc_series_new ("MU", CC_LEVEL_PRICE);
  g_autoptr(CcSeries) nvda = cc_series_new ("NVDA", CC_LEVEL_PRICE);
  g_autoptr(CcEvent) event = cc_event_new (D (2026, 7, 1), CC_EVENT_PRECISION_DAY,
                                           "Capacity deal signed");
  int k = 0;

  for (CcDate d = D (2026, 6, 1); d <= D (2026, 7, 31); d = cc_calendar_next_trading_day (d))
    {
      cc_series_append (mu, d, 100 + 2 * k, CC_PROVENANCE_OBSERVED, 0);
      cc_series_append (nvda, d, 120 - k, CC_PROVENANCE_OBSERVED, 0);
      k++;
    }
  cc_dataset_set_series (dataset, mu);
  cc_dataset_set_series (dataset, nvda);
  cc_dataset_add_event (dataset, event);
  return dataset;
}

static GPtrArray *
filings_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) cc_chart_filing_free);
}

static CcChart *
fixture_chart (void)
{
  g_autoptr(CcDataset) dataset = synthetic_dataset ();
  static const char * const items[] = { "MU", "NVDA", NULL };
  CcChart *chart = cc_chart_new (dataset);
  g_autoptr(GPtrArray) mu = filings_new ();
  g_autoptr(GPtrArray) nvda = filings_new ();
  gint64 t = 1781900000;

  cc_chart_set_items (chart, items);
  cc_chart_set_event (chart, NULL);
  cc_chart_set_base_date (chart, D (2026, 6, 1));
  /* Both report on 15 Jun, where their lines cross. */
  g_ptr_array_add (mu, cc_chart_filing_new ("MU", D (2026, 6, 15), CC_FILING_RESULTS, "8-K",
                                            "2.02, 9.01", t, "https://www.sec.gov/mu-1"));
  g_ptr_array_add (nvda, cc_chart_filing_new ("NVDA", D (2026, 6, 15), CC_FILING_RESULTS,
                                              "10-Q", "", t, "https://www.sec.gov/nvda-1"));
  g_ptr_array_add (mu, cc_chart_filing_new ("MU", D (2026, 7, 1), CC_FILING_AGREEMENT, "8-K",
                                            "1.01", t, NULL));
  g_ptr_array_add (mu, cc_chart_filing_new ("MU", D (2026, 7, 10), CC_FILING_LISTING, "424B5",
                                            "", t, NULL));
  g_ptr_array_add (nvda, cc_chart_filing_new ("NVDA", D (2026, 7, 20), CC_FILING_OTHER, "8-K",
                                              "5.02", t, NULL));
  /* The last day, MU's highest close: the marker near the plot's top right corner. */
  g_ptr_array_add (mu, cc_chart_filing_new ("MU", D (2026, 7, 31), CC_FILING_RESULTS, "10-Q",
                                            "", t, NULL));
  /* Outside the data: no marker, no key entry of its own. */
  g_ptr_array_add (mu, cc_chart_filing_new ("MU", D (2025, 1, 10), CC_FILING_RESULTS, "10-K",
                                            "", t, NULL));
  cc_chart_set_filings (chart, "MU", mu);
  cc_chart_set_filings (chart, "NVDA", nvda);
  cc_chart_set_filing_kinds (chart, CC_FILING_KINDS_ALL);
  return chart;
}

static void
draw (CcChart *chart,
      double   width,
      double   height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  cc_chart_draw (chart, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static double
value_y (CcChart    *chart,
         const char *item,
         CcDate      day)
{
  g_autoptr(GArray) values = cc_chart_get_values_at (chart, day);

  for (guint i = 0; i < values->len; i++)
    {
      CcChartValue *v = &g_array_index (values, CcChartValue, i);

      if (g_str_equal (v->item, item) && v->has_value)
        return v->y;
    }
  return NAN;
}

static CcChartDrawnFiling *
find (GArray     *drawn,
      const char *item,
      CcDate      day)
{
  for (guint i = 0; i < drawn->len; i++)
    {
      CcChartDrawnFiling *d = &g_array_index (drawn, CcChartDrawnFiling, i);

      if (g_str_equal (d->item, item) && d->event_day == day)
        return d;
    }
  return NULL;
}

static void
test_classify (void)
{
  static const char * const results[] = { "2.02", "9.01", NULL };
  static const char * const both[] = { "1.01", "2.02", NULL };
  static const char * const agreement[] = { "1.01", NULL };
  static const char * const officers[] = { "5.02", NULL };
  CcFilingKind kind = CC_N_FILING_KINDS;

  g_assert_true (cc_filing_kind_classify ("8-K", results, &kind));
  g_assert_cmpint (kind, ==, CC_FILING_RESULTS);
  /* Results win over an agreement announced with them. */
  g_assert_true (cc_filing_kind_classify ("8-K", both, &kind));
  g_assert_cmpint (kind, ==, CC_FILING_RESULTS);
  g_assert_true (cc_filing_kind_classify ("8-K", agreement, &kind));
  g_assert_cmpint (kind, ==, CC_FILING_AGREEMENT);
  g_assert_true (cc_filing_kind_classify ("8-K", officers, &kind));
  g_assert_cmpint (kind, ==, CC_FILING_OTHER);
  g_assert_true (cc_filing_kind_classify ("10-K", NULL, &kind));
  g_assert_cmpint (kind, ==, CC_FILING_RESULTS);
  g_assert_true (cc_filing_kind_classify ("20-F", NULL, &kind));
  g_assert_cmpint (kind, ==, CC_FILING_RESULTS);
  g_assert_true (cc_filing_kind_classify ("424B4", NULL, &kind));
  g_assert_cmpint (kind, ==, CC_FILING_LISTING);
  g_assert_true (cc_filing_kind_classify ("S-1", NULL, &kind));
  g_assert_cmpint (kind, ==, CC_FILING_LISTING);
  g_assert_false (cc_filing_kind_classify ("10-Q/A", NULL, &kind));
  g_assert_false (cc_filing_kind_classify ("4", NULL, &kind));
  g_assert_false (cc_filing_kind_classify ("DEF 14A", NULL, &kind));
}

/* Each marker at its day's bar, on its own series' line unless another marker made it move,
 * and then joined to that point. */
static void
test_on_the_line (void)
{
  g_autoptr(CcChart) chart = fixture_chart ();
  g_autoptr(GArray) drawn = NULL;
  const struct {
    const char *item;
    CcDate      day;
    CcFilingKind kind;
  } expected[] = {
    { "MU", D (2026, 6, 15), CC_FILING_RESULTS },
    { "NVDA", D (2026, 6, 15), CC_FILING_RESULTS },
    { "MU", D (2026, 7, 1), CC_FILING_AGREEMENT },
    { "MU", D (2026, 7, 10), CC_FILING_LISTING },
    { "NVDA", D (2026, 7, 20), CC_FILING_OTHER },
    { "MU", D (2026, 7, 31), CC_FILING_RESULTS },
  };

  draw (chart, 1280, 720);
  drawn = _cc_chart_get_drawn_filings (chart);
  g_assert_cmpuint (drawn->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      CcChartDrawnFiling *d = find (drawn, expected[i].item, expected[i].day);
      double y = value_y (chart, expected[i].item, expected[i].day);

      g_assert_nonnull (d);
      g_assert_true (d->drawn);
      g_assert_cmpint (d->kind, ==, expected[i].kind);
      g_assert_cmpstr (d->symbol, ==, expected[i].item);
      g_assert_cmpfloat_with_epsilon (d->x, cc_chart_x_for_date (chart, expected[i].day), 0.01);
      g_assert_cmpfloat_with_epsilon (d->line_y, y, 0.01);
      /* Alone on its day, nothing moves it. */
      if (expected[i].day != D (2026, 6, 15))
        g_assert_cmpfloat_with_epsilon (d->y, y, 0.01);
    }
  /* What the window's hover finds there. */
  {
    CcChartDrawnFiling *d = find (drawn, "MU", D (2026, 7, 1));
    const CcChartFiling *f = cc_chart_filing_at (chart, d->x, d->y);
    g_autofree char *text = NULL;

    g_assert_nonnull (f);
    g_assert_cmpstr (f->form, ==, "8-K");
    text = cc_chart_filing_describe (f);
    g_assert_nonnull (strstr (text, "Items 1.01"));
    g_assert_nonnull (strstr (text, "New York time"));
    g_assert_nonnull (strstr (text, "First session to react: 1 Jul 2026"));
    /* No page to open: no hint. */
    g_assert_null (strstr (text, "<small>"));
  }
  /* Where there is a page to open, the pointer's hint; the keyboard's names its keys. */
  {
    CcChartDrawnFiling *d = find (drawn, "MU", D (2026, 6, 15));
    const CcChartFiling *f = cc_chart_filing_at (chart, d->x, d->y);
    g_autofree char *text = NULL;
    g_autofree char *keyboard = NULL;

    g_assert_nonnull (f);
    g_assert_nonnull (f->url);
    text = cc_chart_filing_describe (f);
    keyboard = cc_chart_filing_describe_for_keyboard (f);
    g_assert_true (g_str_has_suffix (text, "<small>Click to open the filing on the SEC's site"
                                           "</small>"));
    g_assert_true (g_str_has_suffix (keyboard, "<small>Return opens the filing on the SEC's "
                                               "site, Menu offers its link</small>"));
    /* The rest is the same. */
    g_assert_true (strncmp (text, keyboard, strlen (text) - strlen ("Click to open the filing "
                                                                    "on the SEC's site</small>"))
                   == 0);
  }
}

/* Two companies reporting on the day their lines cross: both markers drawn, apart, each
 * joined to its own line; and no marker covers any text of the figure. */
static void
test_apart_and_clear (void)
{
  const double sizes[][2] = { { 1280, 720 }, { 640, 400 }, { 534, 300.5 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(CcChart) chart = fixture_chart ();
      g_autoptr(CcChartLayout) layout = NULL;
      g_autoptr(GArray) drawn = NULL;
      CcChartDrawnFiling *mu, *nvda;
      CcChartRect key;

      draw (chart, sizes[s][0], sizes[s][1]);
      layout = cc_chart_layout (chart, sizes[s][0], sizes[s][1]);
      drawn = _cc_chart_get_drawn_filings (chart);
      key = _cc_chart_get_filings_key_rect (chart);
      mu = find (drawn, "MU", D (2026, 6, 15));
      nvda = find (drawn, "NVDA", D (2026, 6, 15));
      g_assert_nonnull (mu);
      g_assert_nonnull (nvda);
      g_assert_true (mu->drawn && nvda->drawn);
      g_assert_cmpfloat (fabs (mu->y - nvda->y), >=, (mu->size + nvda->size) / 2);

      {
        const CcChartRect *rects[] = { &layout->title, &layout->subtitle, &layout->legend,
                                       &layout->footer, &layout->as_of_label,
                                       &layout->frequency_label, &key };

        cc_chart_filings_test_assert_clear (drawn, layout, rects, G_N_ELEMENTS (rects));
      }
    }
}

/* Only the kinds asked for are drawn, and the key lists only what is drawn. */
static void
test_kinds (void)
{
  g_autoptr(CcChart) chart = fixture_chart ();
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) agreements = NULL;
  g_autofree char *key = NULL;
  g_autofree char *no_key = NULL;

  draw (chart, 1280, 720);
  key = _cc_chart_get_text (chart, CC_CHART_TEXT_FILINGS_KEY);
  g_assert_cmpstr (key, ==, KEY_ALL);

  cc_chart_set_filing_kinds (chart, 1u << CC_FILING_AGREEMENT);
  draw (chart, 1280, 720);
  agreements = _cc_chart_get_drawn_filings (chart);
  g_assert_cmpuint (agreements->len, ==, 1);
  g_assert_cmpint (g_array_index (agreements, CcChartDrawnFiling, 0).kind, ==,
                   CC_FILING_AGREEMENT);
  g_free (key);
  key = _cc_chart_get_text (chart, CC_CHART_TEXT_FILINGS_KEY);
  g_assert_cmpstr (key, ==, "Filings (SEC EDGAR): A material agreement (8-K 1.01)");

  /* Fetched filings carry their age into the key: the oldest of those drawn. */
  {
    g_autoptr(GPtrArray) dated = filings_new ();
    CcChartFiling *older = cc_chart_filing_new ("NVDA", D (2026, 7, 1), CC_FILING_AGREEMENT,
                                                "8-K", "1.01", 1781900000, NULL);
    CcChartFiling *newer = cc_chart_filing_new ("NVDA", D (2026, 7, 2), CC_FILING_AGREEMENT,
                                                "8-K", "1.01", 1781900000, NULL);
    g_autofree char *dated_key = NULL;

    older->fetched_at = 1796212800;   /* 2 Dec 2026 12:00 UTC */
    newer->fetched_at = 1796299200;   /* a day later */
    g_ptr_array_add (dated, newer);
    g_ptr_array_add (dated, older);
    /* MU's records were never fetched: with them drawn no day can be claimed. */
    cc_chart_set_filings (chart, "MU", NULL);
    cc_chart_set_filings (chart, "NVDA", dated);
    draw (chart, 1280, 720);
    dated_key = _cc_chart_get_text (chart, CC_CHART_TEXT_FILINGS_KEY);
    g_assert_cmpstr (dated_key, ==, "Filings (SEC EDGAR, fetched 2 Dec 2026): "
                                    "A material agreement (8-K 1.01)");
  }

  cc_chart_set_filing_kinds (chart, 0);
  draw (chart, 1280, 720);
  none = _cc_chart_get_drawn_filings (chart);
  g_assert_cmpuint (none->len, ==, 0);
  no_key = _cc_chart_get_text (chart, CC_CHART_TEXT_FILINGS_KEY);
  g_assert_null (no_key);
  g_assert_cmpfloat (_cc_chart_get_filings_key_rect (chart).height, ==, 0);
}

static char *
run_pdftotext (const char *pdf)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL))
    return NULL;
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* The key is real text in a PDF, the markers' letters too; the PNG has the key's room. */
static void
test_key_in_export (void)
{
  g_autoptr(CcChart) chart = fixture_chart ();
  g_autofree char *dir = g_dir_make_tmp ("cc-filings-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  g_assert_true (cc_chart_export (chart, png, CC_EXPORT_PNG, 1280, 720, 1, &error));
  g_assert_no_error (error);
  {
    g_autofree char *key = _cc_chart_get_text (chart, CC_CHART_TEXT_FILINGS_KEY);
    CcChartRect rect = _cc_chart_get_filings_key_rect (chart);
    g_autoptr(CcChartLayout) layout = cc_chart_layout (chart, 1280, 720);

    g_assert_cmpstr (key, ==, KEY_ALL);
    g_assert_cmpfloat (rect.height, >, 0);
    /* Between the plot's date labels and the legend. */
    g_assert_cmpfloat (rect.y, >, layout->plot.y + layout->plot.height);
    g_assert_cmpfloat (rect.y + rect.height, <=, layout->legend.y);
  }

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext not installed (apt-get install poppler-utils)");
      g_unlink (png);
      g_rmdir (dir);
      return;
    }
  g_assert_true (cc_chart_export (chart, pdf, CC_EXPORT_PDF, CC_PAGE_A4_WIDTH,
                                  CC_PAGE_A4_HEIGHT, 1, &error));
  g_assert_no_error (error);
  text = run_pdftotext (pdf);
  g_assert_nonnull (text);
  flat = g_strdelimit (g_strdup (text), "\n", ' ');
  g_assert_nonnull (strstr (flat, "Filings (SEC EDGAR):"));
  g_assert_nonnull (strstr (flat, "results (10-Q, 10-K, 20-F, 8-K 2.02)"));
  g_assert_nonnull (strstr (flat, "material agreement (8-K 1.01)"));
  g_assert_nonnull (strstr (flat, "listing (S-1, 424B)"));
  g_assert_nonnull (strstr (flat, "other 8-K"));
  g_unlink (pdf);
  g_unlink (png);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/filings/classify", test_classify);
  g_test_add_func ("/chart/filings/on-the-line", test_on_the_line);
  g_test_add_func ("/chart/filings/apart-and-clear", test_apart_and_clear);
  g_test_add_func ("/chart/filings/kinds", test_kinds);
  g_test_add_func ("/chart/filings/key-in-export", test_key_in_export);
  return g_test_run ();
}
